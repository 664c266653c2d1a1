"""UMFA's Python API (``MFAContext``, ``MFABuffer``, ``flash_attention_forward``, ...), for
programs written against Universal Metal Flash Attention's Python package.

Differences, all in the direction of doing what the call says:
- any number of heads (UMFA allowed only 1), and GQA (fewer K/V heads than Q heads);
- the arrays are read in their own dtype, never reinterpreted; a precision string asking for
  less (``input_precision="fp16"`` with float32 arrays) computes at the arrays' precision, and
  ``intermediate_precision`` is always f32 or better (umfa accumulates in f32);
- the output is float16 only when the inputs are float16 and ``output_precision`` is "fp16"
  (bfloat16 likewise, with ml_dtypes); otherwise float32 — never below what was asked;
- boolean masks are True (nonzero) = attend, as UMFA's kernel (not its docstring) did;
- ``causal`` is top-left aligned (key j visible iff j <= i), as UMFA's kernel.
"""

from __future__ import annotations

import math
from typing import Any, Optional, Union

import numpy as np

from . import _attention, _umfa
from ._errors import MFAError
from ._info import backend_available

Precision = Union[int, str]

# UMFA's precision enum (one meaning everywhere, ABI.md).
PRECISION_FP16, PRECISION_BF16, PRECISION_FP32, PRECISION_INT8, PRECISION_INT4 = 0, 1, 2, 3, 4
_PRECISION_NAMES = {
    "fp16": PRECISION_FP16, "half": PRECISION_FP16, "float16": PRECISION_FP16, "f16": PRECISION_FP16,
    "bf16": PRECISION_BF16, "bfloat16": PRECISION_BF16,
    "fp32": PRECISION_FP32, "float": PRECISION_FP32, "float32": PRECISION_FP32, "f32": PRECISION_FP32,
    "int8": PRECISION_INT8, "int4": PRECISION_INT4,
}


def parse_precision(precision: Precision, arg: str = "precision") -> int:
    """UMFA's precision code of an int (0..4) or a name ("fp16", "bf16", "fp32", "int8",
    "int4" and aliases); ``ValueError`` for anything else."""
    if isinstance(precision, bool):
        raise ValueError(f"{arg}: expected a precision name or code, got {precision!r}")
    if isinstance(precision, (int, np.integer)):
        if 0 <= int(precision) <= 4:
            return int(precision)
        raise ValueError(f"{arg}: precision code {precision} is not one of 0 (fp16) .. 4 (int4)")
    if isinstance(precision, str) and precision.lower() in _PRECISION_NAMES:
        return _PRECISION_NAMES[precision.lower()]
    raise ValueError(
        f"{arg}: unknown precision {precision!r}; use one of fp16, bf16, fp32 (or int8, int4 for quantized_attention)"
    )


class MFAContext:
    """A handle on the umfa backend that computes (``UMFA_BACKEND`` or the fastest present).

    Use as a context manager, or call ``close()``; a closed context can no longer compute.
    """

    def __init__(self, backend: Optional[str] = None) -> None:
        self._backend: str = backend if backend is not None else _umfa.default_backend()
        if backend is not None and not backend_available(backend):
            raise MFAError(3, f"backend {backend!r} is not available here")
        self._closed = False

    @property
    def backend(self) -> str:
        """The backend's name: "cpu", "cuda" or "wgpu"."""
        return self._backend

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Release the context (idempotent)."""
        self._closed = True

    def __enter__(self) -> "MFAContext":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __bool__(self) -> bool:
        return not self._closed

    def __repr__(self) -> str:
        return f"MFAContext(backend={self._backend!r}{', closed' if self._closed else ''})"

    def _check_open(self) -> None:
        if self._closed:
            raise MFAError(1, "the MFAContext is closed")


class MFABuffer:
    """A NumPy array handed to umfa without copying (``MFABuffer(ctx, array)``), or a new
    zeroed buffer of ``size`` bytes (``MFABuffer(ctx, size=n)``). ``close()`` releases it."""

    def __init__(self, context: MFAContext, data: Optional[np.ndarray] = None, size: Optional[int] = None) -> None:
        if not isinstance(context, MFAContext):
            raise TypeError(f"context: expected an MFAContext, got {type(context).__name__}")
        context._check_open()
        if data is not None:
            if not isinstance(data, np.ndarray):
                raise TypeError(f"data: expected a NumPy array, got {type(data).__name__}")
            self._array: Optional[np.ndarray] = data
        elif size is not None:
            if int(size) < 0:
                raise ValueError(f"size must be >= 0, got {size}")
            self._array = np.zeros(int(size), dtype=np.uint8)
        else:
            raise ValueError("MFABuffer needs a data array or a size in bytes")
        self._context = context

    @property
    def array(self) -> np.ndarray:
        """The wrapped array (shared memory, not a copy)."""
        if self._array is None:
            raise MFAError(1, "the MFABuffer is closed")
        return self._array

    @property
    def nbytes(self) -> int:
        return int(self.array.nbytes)

    def contents_ptr(self) -> int:
        """The address of the buffer's first byte."""
        return int(self.array.ctypes.data)

    def close(self) -> None:
        """Release the buffer (idempotent); the array itself stays usable by its owner."""
        self._array = None

    def __enter__(self) -> "MFABuffer":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __bool__(self) -> bool:
        return self._array is not None


def _as_array(x: Any, name: str) -> np.ndarray:
    if isinstance(x, MFABuffer):
        x = x.array
    if not isinstance(x, np.ndarray):
        raise TypeError(f"{name}: expected a NumPy array or an MFABuffer, got {type(x).__name__}")
    if x.dtype == np.float64:
        return x.astype(np.float32)
    if x.dtype.name not in ("float16", "float32", "bfloat16"):
        raise ValueError(f"{name}: dtype {x.dtype} is not supported; use float16, bfloat16 or float32")
    return x


def flash_attention_forward(
    context: MFAContext,
    q: Any,
    k: Any,
    v: Any,
    *,
    attn_mask: Any = None,
    causal: bool = False,
    softmax_scale: Optional[float] = None,
    input_precision: Precision = "fp16",
    intermediate_precision: Precision = "fp16",
    output_precision: Precision = "fp16",
) -> np.ndarray:
    """Attention on NumPy arrays, UMFA's call: ``[S, D]`` (one head) or ``[B, S, H, D]``.

    ``k``/``v`` are ``[Sk, D]``/``[Sk, Dv]`` or ``[B, Sk, Hkv, D]``/``[B, Sk, Hkv, Dv]`` with
    ``H`` a multiple of ``Hkv``. ``attn_mask`` (bool: True = attend; float: added) broadcasts
    against ``[Sq, Sk]`` (2-D inputs) or UMFA's ``[B, Sq, H, Sk]`` (4-D inputs). Returns the
    output ``[Sq, Dv]`` or ``[B, Sq, H, Dv]``; see the module documentation for its dtype.
    Invalid shapes, ranks or precisions raise ``ValueError``; library errors ``MFAError``.
    """
    if not isinstance(context, MFAContext):
        raise TypeError(f"context: expected an MFAContext, got {type(context).__name__}")
    context._check_open()
    precisions = [
        parse_precision(input_precision, "input_precision"),
        parse_precision(intermediate_precision, "intermediate_precision"),
        parse_precision(output_precision, "output_precision"),
    ]
    if any(p in (PRECISION_INT8, PRECISION_INT4) for p in precisions):
        raise ValueError("int8/int4 precisions are for quantized_attention, not flash_attention_forward")
    out_prec = precisions[2]
    q, k, v = _as_array(q, "q"), _as_array(k, "k"), _as_array(v, "v")
    if len({q.dtype, k.dtype, v.dtype}) > 1:
        q, k, v = (x.astype(np.float32) for x in (q, k, v))
    if q.ndim == 2:
        if k.ndim != 2 or v.ndim != 2:
            raise ValueError(f"with 2-D q, k and v must be 2-D [seq_len, head_dim]: q {q.shape}, k {k.shape}, v {v.shape}")
        q4, k4, v4 = q[None, None], k[None, None], v[None, None]
    elif q.ndim == 4:
        if k.ndim != 4 or v.ndim != 4:
            raise ValueError(
                f"with 4-D q, k and v must be 4-D [batch, seq_len, heads, head_dim]: q {q.shape}, k {k.shape}, v {v.shape}"
            )
        q4, k4, v4 = (x.swapaxes(1, 2) for x in (q, k, v))
    else:
        raise ValueError(f"q must be 2-D [seq_len, head_dim] or 4-D [batch, seq_len, heads, head_dim], got shape {q.shape}")
    b, hq, sq, d = q4.shape
    _, hk, sk, dk = k4.shape
    if k4.shape[0] != b or v4.shape[0] != b:
        raise ValueError(f"batch sizes differ: q {q.shape}, k {k.shape}, v {v.shape}")
    if dk != d:
        raise ValueError(f"q and k must share head_dim: q {q.shape}, k {k.shape}")
    if v4.shape[1] != hk or v4.shape[2] != sk:
        raise ValueError(f"k and v must share seq_len and heads: k {k.shape}, v {v.shape}")
    if hk == 0 or hq % hk != 0:
        raise ValueError(f"q's {hq} heads must be a multiple of k's {hk}: q {q.shape}, k {k.shape}")
    if d == 0 or d > _umfa.MAX_HEAD_DIM or v4.shape[3] > _umfa.MAX_HEAD_DIM:
        raise ValueError(f"head_dim must be 1..{_umfa.MAX_HEAD_DIM}: q {q.shape}, v {v.shape}")
    mask4 = None if attn_mask is None else _umfa_mask(attn_mask, q.ndim, (b, sq, hq, sk))
    name = q.dtype.name
    if name == "float16" and out_prec == PRECISION_FP16:
        out_dtype = "f16"
    elif name == "bfloat16" and out_prec == PRECISION_BF16:
        out_dtype = "bf16"
    else:
        out_dtype = "f32"
    out4 = _attention.empty(q, (b, sq, hq, v4.shape[3]), out_dtype).swapaxes(1, 2)
    if softmax_scale is not None and not math.isfinite(float(softmax_scale)):
        raise ValueError(f"softmax_scale must be finite, got {softmax_scale}")
    out4, _ = _attention.forward4(
        q4, k4, v4, mask=mask4, scale=softmax_scale, causal="top_left" if causal else None,
        out=out4, backend=context.backend,
    )
    out = out4.swapaxes(1, 2)
    return out[0, :, 0, :] if q.ndim == 2 else out


def _umfa_mask(mask: Any, ndim: int, target_bshk: tuple) -> np.ndarray:
    m = np.asarray(mask.array if isinstance(mask, MFABuffer) else mask)
    if m.dtype in (np.int8, np.uint8, np.int16, np.uint16, np.int32, np.int64):
        m = m != 0  # UMFA read integer masks as booleans (nonzero = attend)
    b, sq, h, sk = target_bshk
    target = (sq, sk) if ndim == 2 else (b, sq, h, sk)
    if m.ndim == 0 or m.ndim > len(target):
        raise ValueError(f"attn_mask of shape {m.shape} does not broadcast to {target}")
    try:
        np.broadcast_shapes(m.shape, target)
    except ValueError:
        raise ValueError(f"attn_mask of shape {m.shape} does not broadcast to {target}") from None
    if ndim == 2:
        return m
    m = m.reshape((1,) * (4 - m.ndim) + m.shape)
    return m.swapaxes(1, 2)  # UMFA's [B, Sq, H, Sk] order as umfa's [B, H, Sq, Sk]


def attention(q: Any, k: Any, v: Any, context: Optional[MFAContext] = None, **kwargs: Any) -> np.ndarray:
    """``flash_attention_forward`` with a context made (and closed) for the call if none is
    given; ``kwargs`` go to ``flash_attention_forward``."""
    if context is not None:
        return flash_attention_forward(context, q, k, v, **kwargs)
    with MFAContext() as ctx:
        return flash_attention_forward(ctx, q, k, v, **kwargs)


def quantized_attention(q: Any, k: Any, v: Any, context: Optional[MFAContext] = None, **kwargs: Any) -> Any:
    """UMFA's quantized attention; see ``umfa.quant.quantized_attention``."""
    from .quant import quantized_attention as impl

    return impl(q, k, v, context, **kwargs)


def create_context(backend: Optional[str] = None) -> MFAContext:
    """A new ``MFAContext``."""
    return MFAContext(backend)
