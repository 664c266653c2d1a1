"""What this build of umfa is and which backends it can run on."""

from __future__ import annotations

import platform
import sys
from typing import List, Optional, Tuple

from . import _umfa


def get_version() -> Tuple[int, int, int]:
    """umfa's version as ``(major, minor, patch)``."""
    return tuple(_umfa.version())  # type: ignore[return-value]


def backends() -> List[Tuple[str, bool, str]]:
    """Every backend, fastest first: ``(name, available, device name or why unavailable)``."""
    return list(_umfa.backends())


def backend_available(name: str) -> bool:
    """Whether the backend ``name`` (cpu, cuda, wgpu) can run here."""
    return any(n == name and ok for n, ok, _ in _umfa.backends())


def default_backend() -> str:
    """The backend ``UMFA_BACKEND`` names, or else the fastest present."""
    return _umfa.default_backend()


def is_metal_available() -> bool:
    """UMFA's name, kept for its users: True when any umfa backend can run (the CPU backend
    always can), not only Apple's Metal."""
    return any(ok for _, ok, _ in _umfa.backends())


def system_info() -> str:
    """A report of the version, the platform and each backend's status."""
    major, minor, patch = get_version()
    lines = [
        f"umfa {major}.{minor}.{patch}",
        f"python {platform.python_version()} on {platform.system()} {platform.machine()}",
    ]
    try:
        default: Optional[str] = default_backend()
    except Exception as e:  # an invalid UMFA_BACKEND still lets the report print
        default = None
        lines.append(f"default backend: error: {e}")
    else:
        lines.append(f"default backend: {default}")
    for name, ok, what in backends():
        lines.append(f"  {name:5} {'available' if ok else 'unavailable'}: {what}")
    torch = sys.modules.get("torch")
    if torch is not None:
        lines.append(f"torch {torch.__version__} (cuda available: {torch.cuda.is_available()})")
    return "\n".join(lines)


def print_system_info() -> None:
    """Print ``system_info()``."""
    print(system_info())
