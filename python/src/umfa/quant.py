"""Quantized attention: ``sageattn`` (SageAttention's call) and ``quantized_attention`` (UMFA's).

Both quantize float inputs at run time (INT8, or INT4 packed two per byte; scales per tensor,
row, block or channel; symmetric or with zero points; K smoothing) and compute attention on the
dequantized tensors through umfa's core (docs/quant.md): the result is attention on
``dequantize(quantize(x))``, computed in f32. ``sageattn`` takes NumPy arrays and torch tensors
on the CPU or on a CUDA device (quantized and computed there, by the INT8 kernel where it
applies); with torch tensors that require grad it is differentiable (the straight-through
backward, ``sageattn_backward``). ``quantized_attention`` (UMFA's call) takes host memory.
"""

from __future__ import annotations

import contextlib
import math
from typing import Any, Optional, Tuple, Union

import numpy as np

from . import _umfa
from ._attention import _options, empty
from ._errors import MFAUnsupported
from ._tensors import describe, float_name, is_torch, positive_strides

# (dtype, granularity, block_size, symmetric, smooth), as the native module takes it.
Spec = Tuple[str, str, int, bool, bool]

_QUANT = ("int8", "int4")
_GRANULARITIES = ("tensor", "row", "block", "channel")


def _spec(dtype: Optional[str], granularity: str, block_size: int, symmetric: bool, smooth: bool, arg: str) -> Optional[Spec]:
    if dtype is None:
        return None
    d = str(dtype).lower()
    if d in ("fp16", "float16", "f16", "bf16", "bfloat16", "fp32", "float32", "f32", "none"):
        return None
    if d not in _QUANT:
        raise ValueError(f"{arg}: unknown precision {dtype!r}; use 'int8', 'int4' or a float precision (not quantized)")
    g = str(granularity).lower()
    if g not in _GRANULARITIES:
        raise ValueError(f"{arg}: granularity {granularity!r} is not one of {', '.join(_GRANULARITIES)}")
    if g == "block" and int(block_size) <= 0:
        raise ValueError(f"{arg}: block_size must be >= 1 for per-block quantization, got {block_size}")
    return (d, g, int(block_size), bool(symmetric), bool(smooth))


def _swap12(x: Any) -> Any:
    return x.transpose(1, 2) if is_torch(x) else x.swapaxes(1, 2)


def _float_input(x: Any, arg: str) -> Any:
    """A float input of ``sageattn``: host memory, or a torch tensor on a CUDA device."""
    if is_torch(x) and x.device.type == "cuda":
        if float_name(x) is None:
            raise ValueError(f"{arg}: dtype {x.dtype} is not supported; use float16, bfloat16 or float32")
        return x.detach()
    return _host_float(x, arg)


@contextlib.contextmanager
def _after_torch_stream(x: Any) -> Any:
    """Orders the native call (which runs on the legacy default stream) after the work queued
    on torch's current stream, and torch's later work after it, without a host synchronisation."""
    if not (is_torch(x) and x.device.type == "cuda"):
        yield
        return
    import torch

    current = torch.cuda.current_stream(x.device)
    legacy = torch.cuda.default_stream(x.device)
    if current == legacy:
        yield
        return
    legacy.wait_stream(current)
    yield
    current.wait_stream(legacy)


def _host_float(x: Any, arg: str) -> Any:
    if is_torch(x):
        if x.device.type != "cpu":
            raise MFAUnsupported(
                3,
                f"{arg} is on {x.device}: this quantized call reads host memory (umfa.sageattn "
                "takes CUDA tensors); move the tensors to the CPU",
            )
        if float_name(x) is None:
            raise ValueError(f"{arg}: dtype {x.dtype} is not supported; use float16, bfloat16 or float32")
        return x.detach()
    if isinstance(x, np.ndarray):
        if x.dtype == np.float64:
            x = x.astype(np.float32)
        if float_name(x) is None:
            raise ValueError(f"{arg}: dtype {x.dtype} is not supported; use float16, bfloat16 or float32")
        return positive_strides(x)
    raise TypeError(f"{arg}: expected a NumPy array or a torch tensor, got {type(x).__name__}")


def quant_forward4(
    q: Any,
    k: Any,
    v: Any,
    *,
    q_spec: Optional[Spec],
    k_spec: Optional[Spec],
    v_spec: Optional[Spec],
    mask: Any = None,
    scale: Optional[float] = None,
    causal: Optional[str] = None,
    out: Any = None,
    out_dtype: Optional[str] = None,
    backend: Optional[str] = None,
) -> Tuple[Any, Any]:
    """``(out [B,Hq,Sq,Dv], lse [B,Hq,Sq] f32)`` of runtime-quantized attention on 4-D
    ``[B, H, S, D]`` host views; ``out`` may be passed in (any strides)."""
    for x, name in ((q, "q"), (k, "k"), (v, "v")):
        if len(x.shape) != 4:
            raise ValueError(f"{name} must be 4-D, got shape {tuple(x.shape)}")
    b, hq, sq, _ = (int(n) for n in q.shape)
    dv = int(v.shape[3])
    if out is None:
        out = empty(q, (b, hq, sq, dv), out_dtype or float_name(q) or "f32")
    lse = empty(q, (b, hq, sq), "f32")
    if scale is not None and not math.isfinite(float(scale)):
        raise ValueError(f"sm_scale must be finite, got {scale}")
    opts, keep = _options(mask, scale, causal, None, 0.0, None, None, False, backend)
    del opts["deterministic"]
    with _after_torch_stream(q):
        _umfa.quant_forward(
            describe(q, "q"),
            describe(k, "k"),
            describe(v, "v"),
            describe(out, "out"),
            describe(lse, "lse"),
            q_spec=q_spec,
            k_spec=k_spec,
            v_spec=v_spec,
            **opts,
        )
    del keep
    return out, lse


def _sage_specs(
    qk_precision: str,
    granularity: str,
    q_block_size: int,
    k_block_size: int,
    smooth_k: bool,
    smooth_q: bool,
    symmetric: bool,
    v_precision: Optional[str],
    v_granularity: str,
    v_block_size: int,
) -> dict:
    return {
        "q_spec": _spec(qk_precision, granularity, q_block_size, symmetric, smooth_q, "qk_precision"),
        "k_spec": _spec(qk_precision, granularity, k_block_size, symmetric, smooth_k, "qk_precision"),
        "v_spec": _spec(v_precision, v_granularity, v_block_size, symmetric, False, "v_precision"),
    }


def sageattn(
    q: Any,
    k: Any,
    v: Any,
    tensor_layout: str = "HND",
    is_causal: bool = False,
    sm_scale: Optional[float] = None,
    return_lse: bool = False,
    *,
    qk_precision: str = "int8",
    granularity: str = "block",
    q_block_size: int = 128,
    k_block_size: int = 64,
    smooth_k: bool = True,
    smooth_q: bool = False,
    symmetric: bool = True,
    v_precision: Optional[str] = None,
    v_granularity: str = "channel",
    v_block_size: int = 64,
    backend: Optional[str] = None,
) -> Union[Any, Tuple[Any, Any]]:
    """SageAttention's ``sageattn``: Q and K quantized (INT8 by default, per block of 128 query
    and 64 key tokens, K smoothed), V in floating point, attention computed on the dequantized
    tensors in f32.

    ``tensor_layout`` "HND" is ``[B, H, S, D]``, "NHD" is ``[B, S, H, D]``; K and V may have
    fewer heads than Q (GQA). ``is_causal`` is top-left aligned (key j visible iff j <= i; the
    alignments agree when Sq == Sk); ``sm_scale`` defaults to ``1/sqrt(D)``. Returns the output
    in Q's dtype and layout, and with ``return_lse`` also the natural-log LSE ``[B, H, Sq]``
    (f32) of the scores actually used (smoothing is added back, so no correction is needed).

    umfa's options: ``qk_precision`` "int8" or "int4"; ``granularity`` "tensor", "row",
    "block" (sizes ``q_block_size``/``k_block_size``) or "channel"; ``symmetric=False`` adds
    zero points; ``smooth_q`` also smooths Q; ``v_precision`` "int8"/"int4" quantizes V too
    (``v_granularity``, ``v_block_size``).

    Takes NumPy arrays and torch tensors on the CPU or a CUDA device (computed there, after the
    work queued on torch's current stream). With torch tensors that require grad the call is
    differentiable: the straight-through backward of :func:`sageattn_backward` (the returned
    LSE is not differentiable).
    """
    options = dict(
        tensor_layout=tensor_layout, is_causal=is_causal, sm_scale=sm_scale, qk_precision=qk_precision,
        granularity=granularity, q_block_size=q_block_size, k_block_size=k_block_size, smooth_k=smooth_k,
        smooth_q=smooth_q, symmetric=symmetric, v_precision=v_precision, v_granularity=v_granularity,
        v_block_size=v_block_size, backend=backend,
    )
    if _needs_grad(q, k, v):
        out, lse = _sage_function().apply(q, k, v, options)
    else:
        out, lse = _sageattn_forward(q, k, v, **options)
    return (out, lse) if return_lse else out


def _needs_grad(*xs: Any) -> bool:
    if not any(is_torch(x) and x.requires_grad for x in xs):
        return False
    import torch

    return torch.is_grad_enabled()


_SAGE_FUNCTION: Any = None


def _sage_function() -> Any:
    """``sageattn`` as a torch autograd function (made on first use: torch is optional). The
    LSE it returns is not differentiable."""
    global _SAGE_FUNCTION
    if _SAGE_FUNCTION is None:
        import torch

        class SageAttention(torch.autograd.Function):
            @staticmethod
            def forward(ctx: Any, q: Any, k: Any, v: Any, options: dict) -> Any:  # type: ignore[override]
                out, lse = _sageattn_forward(q, k, v, **options)
                ctx.save_for_backward(q, k, v, out, lse)
                ctx.options = options
                ctx.mark_non_differentiable(lse)
                return out, lse

            @staticmethod
            def backward(ctx: Any, d_out: Any, _d_lse: Any) -> Any:  # type: ignore[override]
                q, k, v, out, lse = ctx.saved_tensors
                if d_out.dtype != out.dtype:
                    d_out = d_out.to(out.dtype)
                dq, dk, dv = sageattn_backward(d_out, q, k, v, out, lse, **ctx.options)
                return dq.to(q.dtype), dk.to(k.dtype), dv.to(v.dtype), None

        _SAGE_FUNCTION = SageAttention
    return _SAGE_FUNCTION


def _sageattn_forward(
    q: Any,
    k: Any,
    v: Any,
    *,
    tensor_layout: str,
    is_causal: bool,
    sm_scale: Optional[float],
    qk_precision: str,
    granularity: str,
    q_block_size: int,
    k_block_size: int,
    smooth_k: bool,
    smooth_q: bool,
    symmetric: bool,
    v_precision: Optional[str],
    v_granularity: str,
    v_block_size: int,
    backend: Optional[str],
) -> Tuple[Any, Any]:
    """``(out, lse)`` of ``sageattn``, out in the inputs' layout."""
    layout = str(tensor_layout).upper()
    if layout not in ("HND", "NHD"):
        raise ValueError(f"tensor_layout must be 'HND' or 'NHD', got {tensor_layout!r}")
    q, k, v = (_float_input(x, n) for x, n in ((q, "q"), (k, "k"), (v, "v")))
    devices = {str(x.device) if is_torch(x) else "cpu" for x in (q, k, v)}
    if len(devices) > 1:
        raise ValueError(f"q, k and v must be on one device, got {sorted(devices)}")
    if layout == "NHD":
        q4, k4, v4 = (_swap12(x) for x in (q, k, v))
    else:
        q4, k4, v4 = q, k, v
    if len({float_name(x) for x in (q4, k4, v4)}) > 1:
        raise ValueError("q, k and v must share a dtype")
    b, hq, sq, _ = (int(n) for n in q4.shape)
    dv = int(v4.shape[3])
    dtype = float_name(q4) or "f32"
    if layout == "NHD":
        out_store = empty(q4, (b, sq, hq, dv), dtype)
        out4 = _swap12(out_store)
    else:
        out_store = out4 = empty(q4, (b, hq, sq, dv), dtype)
    _, lse = quant_forward4(
        q4,
        k4,
        v4,
        **_sage_specs(qk_precision, granularity, q_block_size, k_block_size, smooth_k, smooth_q, symmetric,
                      v_precision, v_granularity, v_block_size),
        scale=sm_scale,
        causal="top_left" if is_causal else None,
        out=out4,
        backend=backend,
    )
    return out_store, lse


def quantized_attention(
    q: Any,
    k: Any,
    v: Any,
    context: Any = None,
    *,
    precision: str = "int8",
    query_precision: Optional[str] = None,
    key_precision: Optional[str] = None,
    value_precision: Optional[str] = None,
    granularity: str = "block",
    block_size: int = 64,
    symmetric: bool = True,
    smooth_k: bool = True,
    smooth_q: bool = False,
    causal: bool = False,
    softmax_scale: Optional[float] = None,
    attn_mask: Any = None,
    return_lse: bool = False,
) -> Union[np.ndarray, Tuple[np.ndarray, np.ndarray]]:
    """UMFA's quantized attention on NumPy arrays (or CPU torch tensors) in UMFA's layouts:
    ``[S, D]`` (one head) or ``[B, S, H, D]`` (K/V may have fewer heads: GQA).

    Q, K and V are quantized at run time to ``precision`` ("int8" or "int4"), or each to its
    own ``query_precision``/``key_precision``/``value_precision`` ("fp16"/"bf16"/"fp32" leaves
    that operand unquantized), with ``granularity`` "tensor", "row", "block" (``block_size``
    tokens) or "channel", symmetric or with zero points, K smoothed (``smooth_k``). ``causal``
    is top-left (key j visible iff j <= i), as UMFA's kernel; ``attn_mask`` as
    ``flash_attention_forward`` (bool: True = attend; float: added), broadcast against
    ``[Sq, Sk]`` or ``[B, Sq, H, Sk]``. Returns the output in Q's dtype (and the f32 LSE
    ``[Sq]`` / ``[B, H, Sq]`` with ``return_lse``).
    """
    from .mfa import MFABuffer, MFAContext, _umfa_mask

    if context is not None:
        if not isinstance(context, MFAContext):
            raise TypeError(f"context: expected an MFAContext, got {type(context).__name__}")
        context._check_open()
    unwrap = lambda x: x.array if isinstance(x, MFABuffer) else x  # noqa: E731
    q, k, v = (_host_float(unwrap(x), n) for x, n in ((q, "q"), (k, "k"), (v, "v")))
    if len(q.shape) == 2:
        if len(k.shape) != 2 or len(v.shape) != 2:
            raise ValueError(f"with 2-D q, k and v must be 2-D [seq_len, head_dim]: q {tuple(q.shape)}, k {tuple(k.shape)}")
        q4, k4, v4 = (x[None, None] for x in (q, k, v))
    elif len(q.shape) == 4:
        if len(k.shape) != 4 or len(v.shape) != 4:
            raise ValueError(f"with 4-D q, k and v must be 4-D [batch, seq_len, heads, head_dim]: k {tuple(k.shape)}")
        q4, k4, v4 = (_swap12(x) for x in (q, k, v))
    else:
        raise ValueError(f"q must be 2-D [seq_len, head_dim] or 4-D [batch, seq_len, heads, head_dim], got shape {tuple(q.shape)}")
    if len({float_name(x) for x in (q4, k4, v4)}) > 1:
        raise ValueError("q, k and v must share a dtype")
    b, hq, sq, _ = (int(n) for n in q4.shape)
    mask4 = None
    if attn_mask is not None:
        mask4 = _umfa_mask(np.asarray(attn_mask), len(q.shape), (b, sq, hq, int(k4.shape[2])))

    def pick(p: Optional[str]) -> str:
        return precision if p is None else p

    spec = lambda p, smooth: _spec(pick(p), granularity, block_size, symmetric, smooth, "precision")  # noqa: E731
    out4, lse = quant_forward4(
        q4,
        k4,
        v4,
        q_spec=spec(query_precision, smooth_q),
        k_spec=spec(key_precision, smooth_k),
        v_spec=spec(value_precision, False),
        mask=mask4,
        scale=softmax_scale,
        causal="top_left" if causal else None,
        backend=None if context is None else context.backend,
    )
    out = out4[0, 0] if len(q.shape) == 2 else _swap12(out4)
    if return_lse:
        return out, (lse[0, 0] if len(q.shape) == 2 else lse)
    return out


def sageattn_backward(
    d_out: Any,
    q: Any,
    k: Any,
    v: Any,
    out: Any,
    lse: Any,
    tensor_layout: str = "HND",
    is_causal: bool = False,
    sm_scale: Optional[float] = None,
    *,
    qk_precision: str = "int8",
    granularity: str = "block",
    q_block_size: int = 128,
    k_block_size: int = 64,
    smooth_k: bool = True,
    smooth_q: bool = False,
    symmetric: bool = True,
    v_precision: Optional[str] = None,
    v_granularity: str = "channel",
    v_block_size: int = 64,
    backend: Optional[str] = None,
) -> Tuple[Any, Any, Any]:
    """The straight-through backward of ``sageattn`` (same options): ``(dq, dk, dv)`` in f32 and
    the inputs' layout, the gradients of attention on the dequantized tensors (quantize→dequantize
    treated as the identity). ``out`` and ``lse`` are what ``sageattn(..., return_lse=True)``
    returned; ``d_out`` is the upstream gradient, in ``out``'s layout."""
    layout = str(tensor_layout).upper()
    if layout not in ("HND", "NHD"):
        raise ValueError(f"tensor_layout must be 'HND' or 'NHD', got {tensor_layout!r}")
    q, k, v, out, d_out = (_float_input(x, n) for x, n in ((q, "q"), (k, "k"), (v, "v"), (out, "out"), (d_out, "d_out")))
    lse = _float_input(lse, "lse")
    devices = {str(x.device) if is_torch(x) else "cpu" for x in (q, k, v, out, d_out, lse)}
    if len(devices) > 1:
        raise ValueError(f"q, k, v, out, d_out and lse must be on one device, got {sorted(devices)}")
    views = [_swap12(x) if layout == "NHD" else x for x in (q, k, v, out, d_out)]
    grads = []
    for x in (q, k, v):
        g = empty(x, tuple(int(n) for n in x.shape), "f32")
        grads.append((g, _swap12(g) if layout == "NHD" else g))
    specs = _sage_specs(qk_precision, granularity, q_block_size, k_block_size, smooth_k, smooth_q, symmetric,
                        v_precision, v_granularity, v_block_size)
    opts, keep = _options(None, sm_scale, "top_left" if is_causal else None, None, 0.0, None, None, False, backend)
    del opts["deterministic"]
    names = ("q", "k", "v", "out", "d_out")
    with _after_torch_stream(q):
        _umfa.quant_backward(
            *(describe(x, n) for x, n in zip(views, names)),
            describe(lse, "lse"),
            *(describe(g4, n) for (_, g4), n in zip(grads, ("dq", "dk", "dv"))),
            **specs,
            **opts,
        )
    del keep
    return grads[0][0], grads[1][0], grads[2][0]
