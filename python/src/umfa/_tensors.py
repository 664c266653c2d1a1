"""Describing NumPy arrays and torch tensors to the native module, without copying.

A descriptor is the tuple ``(data_ptr, nbytes, dtype, shape, element_strides, device_type,
device_index)``. ``nbytes`` is the span from ``data_ptr`` to one past the last element the
strides reach, so the core's bounds check is exact for views into larger buffers.
"""

from __future__ import annotations

import sys
from typing import Any, Optional, Tuple

import numpy as np

Desc = Tuple[int, int, str, Tuple[int, ...], Tuple[int, ...], str, int]

# NumPy dtype names umfa reads; bfloat16 exists when ml_dtypes (or similar) is installed.
_NP_FLOAT = {"float16": "f16", "float32": "f32", "bfloat16": "bf16"}
_TORCH_FLOAT_NAMES = {"torch.float16": "f16", "torch.float32": "f32", "torch.bfloat16": "bf16"}


def torch_module() -> Any:
    """The torch module if the caller has already imported it (never imports it ourselves,
    so NumPy users do not pay torch's import time)."""
    return sys.modules.get("torch")


def is_torch(x: Any) -> bool:
    t = torch_module()
    return t is not None and isinstance(x, t.Tensor)


def is_numpy(x: Any) -> bool:
    return isinstance(x, np.ndarray)


# dtype objects hash and compare quickly; `dtype.name` is computed on every access.
_NP_BY_DTYPE = {np.dtype(np.float16): "f16", np.dtype(np.float32): "f32"}


def _np_float(dtype: Any) -> Optional[str]:
    name = _NP_BY_DTYPE.get(dtype)
    return name if name is not None else _NP_FLOAT.get(dtype.name)


def float_name(x: Any) -> Optional[str]:
    """umfa's name of x's dtype if umfa computes in it (f16, bf16, f32), else None."""
    if is_torch(x):
        return _TORCH_FLOAT_NAMES.get(str(x.dtype))
    return _np_float(x.dtype)


def _span_elems(shape: Tuple[int, ...], strides: Tuple[int, ...]) -> int:
    if any(n == 0 for n in shape):
        return 0
    return 1 + sum((n - 1) * s for n, s in zip(shape, strides))


def describe(x: Any, arg: str, dtype: Optional[str] = None) -> Desc:
    """The descriptor of a NumPy array or torch tensor. ``dtype`` overrides the element type
    name (used for boolean masks, read as bytes)."""
    if is_torch(x):
        if dtype is None and str(x.dtype) not in _TORCH_FLOAT_NAMES:
            raise ValueError(f"{arg}: dtype {x.dtype} is not supported (float16, bfloat16, float32)")
        return _dlpack_describe(x, arg, dtype)
    if is_numpy(x):
        name = dtype or _np_float(x.dtype)
        if name is None:
            raise ValueError(f"{arg}: dtype {x.dtype} is not supported (float16, float32)")
        item = x.itemsize
        if any(s % item for s in x.strides):
            raise ValueError(f"{arg}: strides {x.strides} are not a multiple of the item size")
        strides = tuple(s // item for s in x.strides)
        if any(s < 0 for s in strides):
            raise ValueError(f"{arg}: negative strides are not supported")
        shape = x.shape
        nbytes = _span_elems(shape, strides) * item
        return (int(x.ctypes.data), nbytes, name, shape, strides, "cpu", 0)
    raise TypeError(f"{arg}: expected a NumPy array or a torch tensor, got {type(x).__name__}")


def _dlpack_describe(x: Any, arg: str, dtype: Optional[str]) -> Desc:
    """A torch tensor through DLPack, zero-copy. CUDA tensors are exported for torch's current
    stream, the one umfa launches on, so torch adds no synchronisation."""
    from . import _umfa

    t = x.detach()  # DLPack does not export tensors that require grad; the storage is the same.
    if t.is_cuda:
        # DLPack names the legacy default stream 1 (0 is ambiguous and torch rejects it).
        stream = torch_module().cuda.current_stream(t.device).cuda_stream or 1
        capsule = t.__dlpack__(stream=stream)
    else:
        capsule = t.__dlpack__()
    return tuple(_umfa.dlpack_describe(capsule, arg, dtype))  # type: ignore[return-value]


def positive_strides(x: Any) -> Any:
    """x itself, or a contiguous copy if a stride is negative (NumPy's x[::-1]); the core
    addresses elements from the first one upwards."""
    if is_numpy(x) and any(s < 0 for s in x.strides):
        return np.ascontiguousarray(x)
    return x
