"""The one place that calls the native forward/backward: 4-D ``[B, H, S, D]`` views of NumPy
arrays or torch tensors (no autograd here), outputs allocated in the inputs' kind."""

from __future__ import annotations

import math
from typing import Any, Optional, Tuple

import numpy as np

from . import _umfa
from ._tensors import describe, float_name, is_torch, positive_strides

Window = Optional[Tuple[int, int]]


def empty(like: Any, shape: Tuple[int, ...], dtype: str) -> Any:
    """A new contiguous array of umfa dtype name ``dtype`` of like's kind and device."""
    if is_torch(like):
        import torch

        tdt = {"f16": torch.float16, "bf16": torch.bfloat16, "f32": torch.float32}[dtype]
        return torch.empty(shape, dtype=tdt, device=like.device)
    return np.empty(shape, dtype=_np_dtype(dtype))


def zeros(like: Any, shape: Tuple[int, ...], dtype: str) -> Any:
    x = empty(like, shape, dtype)
    x[...] = 0
    return x


def _np_dtype(name: str) -> Any:
    if name == "bf16":
        try:
            import ml_dtypes  # type: ignore[import-not-found]

            return ml_dtypes.bfloat16
        except ImportError:  # pragma: no cover - only with a bf16 request and no ml_dtypes
            raise ValueError("bfloat16 NumPy arrays need the ml_dtypes package") from None
    return {"f16": np.float16, "f32": np.float32}[name]


def stream_of(x: Any) -> int:
    """The CUDA stream umfa launches on for x: torch's current stream of x's device, so the
    work orders with the caller's other kernels without synchronising; 0 (default) otherwise."""
    if is_torch(x) and x.device.type == "cuda":
        import torch

        return int(torch.cuda.current_stream(x.device).cuda_stream)
    return 0


def prepare_mask(mask: Any, arg: str = "attn_mask") -> Tuple[Any, str, str]:
    """``(mask, dtype name, kind)``: booleans are read as bytes (nonzero = attend), float
    masks are added; float64 masks become float32 (umfa adds scores in f32)."""
    if is_torch(mask):
        import torch

        if mask.dtype == torch.bool:
            return mask, "u8", "bool"
        if mask.dtype == torch.float64:
            mask = mask.float()
        name = float_name(mask)
        if name is None:
            raise ValueError(f"{arg}: dtype {mask.dtype} is not supported; use bool or a float dtype")
        return mask, name, "additive"
    mask = positive_strides(np.asarray(mask))
    if mask.dtype == np.bool_:
        return mask, "u8", "bool"
    if mask.dtype == np.float64:
        mask = mask.astype(np.float32)
    name = float_name(mask)
    if name is None:
        raise ValueError(f"{arg}: dtype {mask.dtype} is not supported; use bool or a float dtype")
    return mask, name, "additive"


def _options(
    mask: Any,
    scale: Optional[float],
    causal: Optional[str],
    window: Window,
    softcap: float,
    alibi_slopes: Any,
    sinks: Any,
    deterministic: bool,
    backend: Optional[str],
) -> Tuple[dict, list]:
    """The native call's keyword options, and the objects that must outlive the call (a
    converted mask is a new array only the descriptor points to)."""
    keep: list = []
    opts: dict = {
        "scale": None if scale is None else float(scale),
        "causal": causal,
        "window": None if window is None or tuple(window) == (-1, -1) else tuple(int(w) for w in window),
        "softcap": float(softcap or 0.0),
        "deterministic": bool(deterministic),
        "backend": backend,
    }
    if mask is not None:
        m, name, kind = prepare_mask(mask)
        keep.append(m)
        opts["mask"] = describe(m, "attn_mask", name)
        opts["mask_kind"] = kind
    if alibi_slopes is not None:
        opts["alibi_slopes"] = describe(alibi_slopes, "alibi_slopes")
    if sinks is not None:
        opts["sinks"] = describe(sinks, "sinks")
    return opts, keep


def forward4(
    q: Any,
    k: Any,
    v: Any,
    *,
    mask: Any = None,
    scale: Optional[float] = None,
    causal: Optional[str] = None,
    window: Window = None,
    softcap: float = 0.0,
    alibi_slopes: Any = None,
    sinks: Any = None,
    deterministic: bool = False,
    out_dtype: Optional[str] = None,
    out: Any = None,
    backend: Optional[str] = None,
) -> Tuple[Any, Any]:
    """``(out [B,Hq,Sq,Dv], lse [B,Hq,Sq] f32)``. ``out`` may be passed in (any strides, e.g. a
    transposed view of a BSHD buffer); otherwise it is allocated contiguous."""
    q, k, v = (positive_strides(t) for t in (q, k, v))
    b, hq, sq, _ = (int(n) for n in q.shape)
    dv = int(v.shape[3])
    if out is None:
        out = empty(q, (b, hq, sq, dv), out_dtype or float_name(q) or "f32")
    lse = empty(q, (b, hq, sq), "f32")
    if b * hq * sq * dv == 0:
        return out, lse
    if int(k.shape[2]) == 0:
        # No key at all: every row is fully masked (SPEC: O = 0, LSE = -inf).
        out[...] = 0
        lse[...] = -math.inf
        return out, lse
    opts, keep = _options(mask, scale, causal, window, softcap, alibi_slopes, sinks, deterministic, backend)
    _umfa.forward(
        describe(q, "q"),
        describe(k, "k"),
        describe(v, "v"),
        describe(out, "out"),
        describe(lse, "lse"),
        stream=stream_of(q),
        **opts,
    )
    del keep
    return out, lse


def backward4(
    d_out: Any,
    q: Any,
    k: Any,
    v: Any,
    out: Any,
    lse: Any,
    *,
    mask: Any = None,
    scale: Optional[float] = None,
    causal: Optional[str] = None,
    window: Window = None,
    softcap: float = 0.0,
    alibi_slopes: Any = None,
    sinks: Any = None,
    deterministic: bool = False,
    want_d_bias: bool = False,
    want_d_sinks: bool = False,
    backend: Optional[str] = None,
    grad_dtype: Optional[str] = None,
    d_lse: Any = None,
) -> Tuple[Any, Any, Any, Any, Any]:
    """``(dq, dk, dv, d_bias or None, d_sinks or None)``; gradients in the inputs' dtypes (or
    ``grad_dtype``, e.g. "f32" for partial gradients that will be summed), ``d_bias`` and
    ``d_sinks`` in f32 (d_bias has the mask's own shape). ``d_lse`` (f32 ``[B, Hq, Sq]``, or
    None) is the upstream gradient of the LSE, for a loss that reads it."""
    d_out, q, k, v, out = (positive_strides(t) for t in (d_out, q, k, v, out))
    if d_lse is not None:
        d_lse = positive_strides(d_lse)
    dq = empty(q, tuple(int(n) for n in q.shape), grad_dtype or float_name(q) or "f32")
    dk = empty(k, tuple(int(n) for n in k.shape), grad_dtype or float_name(k) or "f32")
    dv = empty(v, tuple(int(n) for n in v.shape), grad_dtype or float_name(v) or "f32")
    d_bias = None
    if want_d_bias and mask is not None:
        d_bias = zeros(q, tuple(int(n) for n in mask.shape), "f32")
    d_sinks = zeros(q, tuple(int(n) for n in sinks.shape), "f32") if want_d_sinks and sinks is not None else None
    if any(int(n) == 0 for n in tuple(q.shape) + tuple(k.shape) + tuple(v.shape)):
        for g in (dq, dk, dv):
            g[...] = 0
        return dq, dk, dv, d_bias, d_sinks
    opts, keep = _options(mask, scale, causal, window, softcap, alibi_slopes, sinks, deterministic, backend)
    if d_bias is not None and opts.get("mask_kind") != "additive":
        d_bias = None
    _umfa.backward(
        describe(q, "q"),
        describe(k, "k"),
        describe(v, "v"),
        describe(out, "out"),
        describe(d_out, "d_out"),
        describe(lse, "lse"),
        describe(dq, "dq"),
        describe(dk, "dk"),
        describe(dv, "dv"),
        d_lse=None if d_lse is None else describe(d_lse, "d_lse"),
        d_sinks=None if d_sinks is None else describe(d_sinks, "d_sinks"),
        d_bias=None if d_bias is None else describe(d_bias, "d_bias"),
        stream=stream_of(q),
        **opts,
    )
    del keep
    return dq, dk, dv, d_bias, d_sinks
