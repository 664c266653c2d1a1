"""Routing ``torch.nn.functional.scaled_dot_product_attention`` to umfa.

``patch_torch()`` replaces the function with one that calls umfa where umfa supports the call
and torch's original otherwise, counting each fallback by its reason. Models that call
``F.scaled_dot_product_attention`` (looked up at call time) are routed; a name imported before
patching (``from torch.nn.functional import scaled_dot_product_attention``) is not.
"""

from __future__ import annotations

import collections
import functools
import logging
import threading
from typing import Any, Callable, Dict, Optional

from . import _umfa
from ._info import backend_available, backward_unsupported, statuses
from ._tensors import float_name, is_torch

_log = logging.getLogger("umfa")
_lock = threading.Lock()
_original: Optional[Callable[..., Any]] = None
_depth = 0
_fallbacks: "collections.Counter[str]" = collections.Counter()
_calls = collections.Counter()  # type: ignore[var-annotated]


def _unsupported(query: Any, key: Any, value: Any, attn_mask: Any, dropout_p: float, is_causal: bool) -> Optional[str]:
    """Why umfa will not take this call (None: it will). Anything umfa would reject goes to
    torch, so the patched function keeps torch's behaviour, errors included."""
    import torch

    for x, name in ((query, "query"), (key, "key"), (value, "value")):
        if not is_torch(x):
            return f"{name} is not a torch.Tensor"
        if getattr(x, "is_nested", False):
            return "nested tensors"
        if x.device.type != "cpu":
            if not backend_available(x.device.type):
                return f"{x.device.type} tensors (umfa's {x.device.type} backend is not available)"
        if float_name(x) is None:
            return f"dtype {x.dtype}"
    if not (query.dtype == key.dtype == value.dtype):
        return "mixed dtypes"
    if dropout_p:
        return "dropout_p > 0"
    if attn_mask is not None:
        if not is_torch(attn_mask):
            return "attn_mask is not a torch.Tensor"
        if is_causal:
            return "attn_mask with is_causal"
        if attn_mask.dtype != torch.bool and float_name(attn_mask) is None:
            return f"attn_mask dtype {attn_mask.dtype}"
        if attn_mask.device != query.device:
            return "attn_mask on another device"
    if torch.is_grad_enabled() and any(
        getattr(x, "requires_grad", False) for x in (query, key, value, attn_mask)
    ):
        why = backward_unsupported(query.device.type)
        if why is not None:
            return f"gradients on {query.device.type} ({why})"
    e, ev = query.shape[-1] if query.ndim else 0, value.shape[-1] if value.ndim else 0
    if not (1 <= e <= _umfa.MAX_HEAD_DIM and 1 <= ev <= _umfa.MAX_HEAD_DIM):
        return f"head_dim {e}/{ev} outside 1..{_umfa.MAX_HEAD_DIM}"
    return None


def _compiling() -> bool:
    """Whether torch.compile is tracing: the decision is then made once, at trace time, and the
    counters (guarded by a lock dynamo cannot trace) are left alone."""
    import torch

    compiler = getattr(torch, "compiler", None)
    return bool(compiler is not None and hasattr(compiler, "is_compiling") and compiler.is_compiling())


def _count(reason: str) -> None:
    if _compiling():
        return
    with _lock:
        _fallbacks[reason] += 1
    _log.debug("umfa: scaled_dot_product_attention falls back to torch: %s", reason)


def _make_patched(original: Callable[..., Any]) -> Callable[..., Any]:
    from .functional import scaled_dot_product_attention as umfa_sdpa
    from .functional import sdpa_views

    @functools.wraps(original)
    def scaled_dot_product_attention(
        query: Any,
        key: Any,
        value: Any,
        attn_mask: Any = None,
        dropout_p: float = 0.0,
        is_causal: bool = False,
        scale: Optional[float] = None,
        enable_gqa: bool = False,
        **kwargs: Any,
    ) -> Any:
        reason = "unknown keyword arguments" if kwargs else _unsupported(query, key, value, attn_mask, dropout_p, is_causal)
        if reason is None:
            try:
                # Shape problems are found before computing, so torch can answer them itself.
                sdpa_views(query, key, value, attn_mask, enable_gqa)
            except (ValueError, TypeError) as e:
                reason = f"shapes: {e}"
        if reason is not None:
            _count(reason)
            return original(query, key, value, attn_mask=attn_mask, dropout_p=dropout_p,
                            is_causal=is_causal, scale=scale, enable_gqa=enable_gqa, **kwargs)
        if not _compiling():
            with _lock:
                _calls["umfa"] += 1
        return umfa_sdpa(query, key, value, attn_mask=attn_mask, dropout_p=dropout_p,
                         is_causal=is_causal, scale=scale, enable_gqa=enable_gqa)

    scaled_dot_product_attention.__umfa_patched__ = True  # type: ignore[attr-defined]
    return scaled_dot_product_attention


class _Patch:
    """Returned by ``patch_torch()``; as a context manager it unpatches on exit."""

    def __enter__(self) -> "_Patch":
        return self

    def __exit__(self, *exc: Any) -> None:
        unpatch_torch()


def patch_torch() -> _Patch:
    """Route ``torch.nn.functional.scaled_dot_product_attention`` to umfa.

    Calls umfa supports (CPU tensors, or tensors on a device whose umfa backend is present;
    float16/bfloat16/float32; no dropout; shapes umfa accepts) run on umfa, with autograd;
    every other call runs on torch's original, counted in ``fallback_counts()`` by reason.
    Inside ``torch.compile`` the choice is made when tracing and is not counted.
    Patching nests: each ``patch_torch()`` needs one ``unpatch_torch()``. Use as
    ``with umfa.patch_torch(): ...`` to unpatch automatically.
    """
    global _original, _depth
    import torch.nn.functional as F

    statuses()  # probe the backends now, outside any torch.compile trace
    with _lock:
        if _depth == 0:
            _original = F.scaled_dot_product_attention
            F.scaled_dot_product_attention = _make_patched(_original)
        _depth += 1
    return _Patch()


def unpatch_torch() -> None:
    """Undo one ``patch_torch()``; the last one restores torch's own function."""
    global _original, _depth
    import torch.nn.functional as F

    statuses()  # probe the backends now, outside any torch.compile trace
    with _lock:
        if _depth == 0:
            return
        _depth -= 1
        if _depth == 0 and _original is not None:
            F.scaled_dot_product_attention = _original
            _original = None


def is_patched() -> bool:
    """Whether ``torch.nn.functional.scaled_dot_product_attention`` is routed to umfa now."""
    return _depth > 0


def fallback_counts() -> Dict[str, int]:
    """How many patched calls went to torch, by reason (``{"dropout_p > 0": 3, ...}``)."""
    with _lock:
        return dict(_fallbacks)


def umfa_call_count() -> int:
    """How many patched calls umfa computed."""
    with _lock:
        return int(_calls["umfa"])


def reset_fallback_counts() -> None:
    """Forget the counts of ``fallback_counts()`` and ``umfa_call_count()``."""
    with _lock:
        _fallbacks.clear()
        _calls.clear()


__all__ = ["patch_torch", "unpatch_torch", "is_patched", "fallback_counts", "umfa_call_count", "reset_fallback_counts"]
