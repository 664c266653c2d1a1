"""What this build of umfa is and which backends it can run on."""

from __future__ import annotations

import platform
import sys
from typing import Dict, List, Optional, Tuple

from . import _umfa


def get_version() -> Tuple[int, int, int]:
    """umfa's version as ``(major, minor, patch)``."""
    return tuple(_umfa.version())  # type: ignore[return-value]


# name -> (available, device name or why not, why the backward cannot run or None), read once:
# the core probes each backend once per process, and torch.compile can then trace the lookups
# as plain dictionary reads (it cannot trace calls into the native module).
_STATUS: Optional[Dict[str, Tuple[bool, str, Optional[str]]]] = None


def statuses() -> Dict[str, Tuple[bool, str, Optional[str]]]:
    """``{name: (available, device name or why not, why no backward or None)}``, fastest first."""
    global _STATUS
    if _STATUS is None:
        table = {}
        for name, ok, what in _umfa.backends():
            why: Optional[str] = f"umfa's {name} backend is not available"
            if ok:
                why = None
                for feature, reason in _umfa.capabilities(name):
                    if feature.startswith("backward") and reason is not None:
                        why = reason
            table[name] = (ok, what, why)
        _STATUS = table
    return _STATUS


def backends() -> List[Tuple[str, bool, str]]:
    """Every backend, fastest first: ``(name, available, device name or why unavailable)``."""
    return [(name, ok, what) for name, (ok, what, _) in statuses().items()]


def backend_available(name: str) -> bool:
    """Whether the backend ``name`` (cpu, cuda, wgpu) can run here."""
    entry = statuses().get(name)
    return bool(entry and entry[0])


def backward_unsupported(name: str) -> Optional[str]:
    """Why the backend ``name`` cannot run the backward pass, or None if it can (from the
    backend's capability report: a feature whose name starts with "backward")."""
    entry = statuses().get(name)
    return f"unknown backend {name!r}" if entry is None else entry[2]


def default_backend() -> str:
    """The backend ``UMFA_BACKEND`` names, or else the fastest present."""
    return _umfa.default_backend()


def is_metal_available() -> bool:
    """UMFA's name, kept for its users: True when any umfa backend can run (the CPU backend
    always can), not only Apple's Metal."""
    return any(ok for ok, _, _ in statuses().values())


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
