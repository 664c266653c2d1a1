//! Error codes, the thread-local last error message, and the panic boundary every entry point
//! goes through.

use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A status code: `MFA_SUCCESS` (0) or one of the `MFA_ERROR_*` values (UMFA's numbering).
pub type mfa_error_t = i32;

/// The call succeeded.
pub const MFA_SUCCESS: mfa_error_t = 0;
/// An argument is invalid: a NULL handle or pointer, a size that does not match a buffer, an
/// unknown enum value, a stride reaching outside a buffer. mfa_last_error_message() says which.
pub const MFA_ERROR_INVALID_ARGS: mfa_error_t = 1;
/// Memory could not be allocated.
pub const MFA_ERROR_MEMORY_ALLOCATION: mfa_error_t = 2;
/// The backend or device cannot do this: the backend is absent, the combination of options is
/// unsupported there, or the entry point is not implemented yet (quantized attention).
pub const MFA_ERROR_DEVICE_NOT_SUPPORTED: mfa_error_t = 3;
/// A GPU kernel failed to compile.
pub const MFA_ERROR_KERNEL_COMPILATION: mfa_error_t = 4;
/// The computation failed while running (including an internal error caught at the boundary).
pub const MFA_ERROR_EXECUTION_FAILED: mfa_error_t = 5;

/// An error on its way to the caller: a code and a message.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub code: mfa_error_t,
    pub message: String,
}

impl Failure {
    pub fn invalid(message: impl Into<String>) -> Failure {
        Failure {
            code: MFA_ERROR_INVALID_ARGS,
            message: message.into(),
        }
    }
    /// An invalid argument named as the core names its own (`invalid argument `q`: ...`).
    pub fn arg(arg: &str, reason: impl std::fmt::Display) -> Failure {
        Failure::invalid(format!("invalid argument `{arg}`: {reason}"))
    }
    pub fn unsupported(message: impl Into<String>) -> Failure {
        Failure {
            code: MFA_ERROR_DEVICE_NOT_SUPPORTED,
            message: message.into(),
        }
    }
}

impl From<umfa_core::Error> for Failure {
    fn from(e: umfa_core::Error) -> Failure {
        let code = match &e {
            umfa_core::Error::InvalidArgument { .. } => MFA_ERROR_INVALID_ARGS,
            umfa_core::Error::Unsupported { .. } | umfa_core::Error::BackendUnavailable { .. } => {
                MFA_ERROR_DEVICE_NOT_SUPPORTED
            }
            umfa_core::Error::KernelCompilation(_) => MFA_ERROR_KERNEL_COMPILATION,
            umfa_core::Error::OutOfMemory(_) => MFA_ERROR_MEMORY_ALLOCATION,
            umfa_core::Error::Execution(_) => MFA_ERROR_EXECUTION_FAILED,
        };
        Failure {
            code,
            message: e.to_string(),
        }
    }
}

pub(crate) type Outcome<T = ()> = Result<T, Failure>;

thread_local! {
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

fn set_last_error(message: &str) {
    // Interior NULs would cut the message short in C; replace them.
    let clean = CString::new(message.replace('\0', " ")).unwrap_or_default();
    LAST_ERROR.with(|m| *m.borrow_mut() = clean);
}

/// Records a failure for mfa_last_error_message() and returns its code.
pub(crate) fn report(name: &str, f: Failure) -> mfa_error_t {
    set_last_error(&format!("{name}: {}", f.message));
    f.code
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Runs an entry point's body: clears the last error, catches panics, and turns the outcome
/// into a status code.
pub(crate) fn guard(name: &str, body: impl FnOnce() -> Outcome) -> mfa_error_t {
    set_last_error("");
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => MFA_SUCCESS,
        Ok(Err(f)) => report(name, f),
        Err(payload) => report(
            name,
            Failure {
                code: MFA_ERROR_EXECUTION_FAILED,
                message: format!(
                    "internal error (please report): {}",
                    panic_message(&*payload)
                ),
            },
        ),
    }
}

/// Like `guard`, for entry points that return a value instead of a code: `fallback` on failure.
pub(crate) fn guard_value<T>(name: &str, fallback: T, body: impl FnOnce() -> Outcome<T>) -> T {
    set_last_error("");
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(v)) => v,
        Ok(Err(f)) => {
            report(name, f);
            fallback
        }
        Err(payload) => {
            report(
                name,
                Failure {
                    code: MFA_ERROR_EXECUTION_FAILED,
                    message: format!(
                        "internal error (please report): {}",
                        panic_message(&*payload)
                    ),
                },
            );
            fallback
        }
    }
}

/// The message of the last failed `mfa_*` call on this thread, or "" if the last call succeeded.
///
/// The string belongs to the library and stays valid until the next `mfa_*` call on the same
/// thread; copy it to keep it. Never NULL. Each thread has its own message. Functions that cannot
/// fail (mfa_last_error_message, mfa_error_string, mfa_abi_version, mfa_version_string) leave it
/// as it is, so `printf("%s: %s", mfa_error_string(rc), mfa_last_error_message())` is safe.
#[no_mangle]
pub extern "C" fn mfa_last_error_message() -> *const c_char {
    // Must not go through `guard`: that would clear the message it is asked for.
    catch_unwind(|| LAST_ERROR.with(|m| m.borrow().as_ptr())).unwrap_or(c"".as_ptr())
}

/// A static description of an error code (never NULL; the caller never frees it). Unknown codes
/// give "unknown error code".
#[no_mangle]
pub extern "C" fn mfa_error_string(error: mfa_error_t) -> *const c_char {
    let s = match error {
        MFA_SUCCESS => c"success",
        MFA_ERROR_INVALID_ARGS => c"invalid arguments",
        MFA_ERROR_MEMORY_ALLOCATION => c"memory allocation failed",
        MFA_ERROR_DEVICE_NOT_SUPPORTED => c"not supported on this device or backend",
        MFA_ERROR_KERNEL_COMPILATION => c"kernel compilation failed",
        MFA_ERROR_EXECUTION_FAILED => c"execution failed",
        _ => c"unknown error code",
    };
    s.as_ptr()
}

/// Copies `message` into a caller's `char` buffer of `len` bytes, truncated and NUL-terminated.
/// # Safety
/// `buf` must be NULL or point to `len` writable bytes.
pub(crate) unsafe fn write_c_string(buf: *mut c_char, len: usize, message: &str) {
    if buf.is_null() || len == 0 {
        return;
    }
    let bytes = message.as_bytes();
    let n = bytes.len().min(len - 1);
    std::ptr::copy_nonoverlapping(bytes.as_ptr(), buf as *mut u8, n);
    *buf.add(n) = 0;
}

/// This thread's last error message, as a Rust string.
pub(crate) fn last_message() -> String {
    LAST_ERROR.with(|m| m.borrow().to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_codes_and_messages() {
        let code = guard("mfa_test", || panic!("boom {}", 7));
        assert_eq!(code, MFA_ERROR_EXECUTION_FAILED);
        assert_eq!(
            last_message(),
            "mfa_test: internal error (please report): boom 7"
        );
        assert_eq!(guard_value("mfa_test", -1.0, || panic!("x")), -1.0);
        assert_eq!(guard("mfa_test", || Ok(())), MFA_SUCCESS);
        assert_eq!(last_message(), "");
    }

    #[test]
    fn messages_are_truncated_and_terminated() {
        let mut buf = [7 as c_char; 5];
        unsafe { write_c_string(buf.as_mut_ptr(), buf.len(), "abcdefgh") };
        assert_eq!(buf.map(|c| c as u8), *b"abcd\0");
        unsafe { write_c_string(std::ptr::null_mut(), 10, "x") };
    }
}
