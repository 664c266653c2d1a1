"""umfa's exception classes, shared by the native module and the Python wrappers."""

from __future__ import annotations

# UMFA's error codes (the C ABI's mfa_error_t), the `code` of every MFAError.
SUCCESS = 0
ERROR_INVALID_ARGS = 1
ERROR_MEMORY_ALLOCATION = 2
ERROR_DEVICE_NOT_SUPPORTED = 3
ERROR_KERNEL_COMPILATION = 4
ERROR_EXECUTION_FAILED = 5

_CODE_NAMES = {
    SUCCESS: "success",
    ERROR_INVALID_ARGS: "invalid arguments",
    ERROR_MEMORY_ALLOCATION: "memory allocation failed",
    ERROR_DEVICE_NOT_SUPPORTED: "device not supported",
    ERROR_KERNEL_COMPILATION: "kernel compilation failed",
    ERROR_EXECUTION_FAILED: "execution failed",
}


class MFAError(RuntimeError):
    """An error reported by the umfa library.

    ``code`` is one of UMFA's error codes (1 invalid arguments, 2 memory allocation,
    3 device/feature not supported, 4 kernel compilation, 5 execution failed);
    ``message`` says what was wrong, naming the argument and the numbers.
    """

    def __init__(self, code: int, message: str) -> None:
        super().__init__(code, message)
        self.code = int(code)
        self.message = str(message)

    def __str__(self) -> str:
        return f"[{_CODE_NAMES.get(self.code, 'error')} ({self.code})] {self.message}"


class MFAInvalidArgument(MFAError, ValueError):
    """An argument the library rejected (code 1); also a ``ValueError``."""


class MFAUnsupported(MFAError, NotImplementedError):
    """A device, backend or feature combination not available here (code 3); also a
    ``NotImplementedError``."""


def error_from_code(code: int, message: str) -> MFAError:
    """The exception instance for a library error code (called by the native module)."""
    if code == ERROR_INVALID_ARGS:
        return MFAInvalidArgument(code, message)
    if code == ERROR_DEVICE_NOT_SUPPORTED:
        return MFAUnsupported(code, message)
    return MFAError(code, message)
