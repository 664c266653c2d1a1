"""DLPack intake: the native reader of `__dlpack__()` capsules (NumPy exports them too, so this
runs without torch), and torch tensors described through it."""

import numpy as np
import pytest

from umfa import _umfa
from umfa._tensors import describe


def test_numpy_capsule_gives_the_same_memory_and_element_strides():
    a = np.arange(2 * 3 * 5 * 8, dtype=np.float32).reshape(2, 3, 5, 8)
    view = a[:, 1:, ::2, :]
    ptr, nbytes, dtype, shape, strides, device, index = _umfa.dlpack_describe(view.__dlpack__(), "q")
    assert ptr == view.ctypes.data
    assert dtype == "f32" and device == "cpu" and index == 0
    assert tuple(shape) == view.shape
    assert tuple(strides) == tuple(s // 4 for s in view.strides)
    last = sum((n - 1) * s for n, s in zip(view.shape, view.strides)) + 4
    assert nbytes == last


def test_bool_and_float16_dtypes_and_override():
    m = np.ones((4, 4), dtype=bool)
    assert _umfa.dlpack_describe(m.__dlpack__(), "mask")[2] == "u8"
    h = np.zeros(3, dtype=np.float16)
    assert _umfa.dlpack_describe(h.__dlpack__(), "x")[2] == "f16"
    assert _umfa.dlpack_describe(h.__dlpack__(), "x", "u8")[2] == "u8"


def test_unsupported_dtype_and_non_capsule_are_clear_errors():
    with pytest.raises(ValueError, match=r"q: DLPack dtype \(code 0, 64 bits\)"):
        _umfa.dlpack_describe(np.zeros(3, dtype=np.int64).__dlpack__(), "q")
    with pytest.raises(ValueError, match="k: expected a DLPack capsule"):
        _umfa.dlpack_describe(object(), "k")


def test_torch_tensors_are_described_through_dlpack():
    torch = pytest.importorskip("torch", reason="torch is not installed")
    x = torch.randn(2, 4, 6, 8, dtype=torch.bfloat16).transpose(1, 2)  # non-contiguous
    x.requires_grad_(True)
    ptr, _, dtype, shape, strides, device, _ = describe(x, "q")
    assert ptr == x.data_ptr() and dtype == "bf16" and device == "cpu"
    assert tuple(shape) == tuple(x.shape) and tuple(strides) == tuple(x.stride())
