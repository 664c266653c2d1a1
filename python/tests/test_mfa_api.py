"""UMFA's Python API: MFAContext, MFABuffer, flash_attention_forward, attention, errors, info."""

import numpy as np
import pytest
import reference as ref

import umfa


def randn(rng, *shape, dtype=np.float32):
    return rng.standard_normal(shape).astype(dtype)


def test_single_head_2d(rng):
    q, k, v = randn(rng, 33, 16), randn(rng, 40, 16), randn(rng, 40, 16)
    with umfa.MFAContext() as ctx:
        out = umfa.flash_attention_forward(ctx, q, k, v, input_precision="fp32", output_precision="fp32")
    assert out.shape == (33, 16) and out.dtype == np.float32
    assert ref.rel_err(out, ref.attention(q, k, v)[0]) < 2e-5


@pytest.mark.parametrize("hq,hk", [(1, 1), (4, 4), (4, 2)])
def test_bshd_any_heads(rng, hq, hk):
    q, k, v = randn(rng, 2, 9, hq, 16), randn(rng, 2, 11, hk, 16), randn(rng, 2, 11, hk, 16)
    ctx = umfa.create_context()
    out = umfa.flash_attention_forward(ctx, q, k, v, causal=True, softmax_scale=0.2)
    ctx.close()
    expected, _ = ref.attention(*(x.transpose(0, 2, 1, 3) for x in (q, k, v)), causal="top_left", scale=0.2)
    assert out.shape == (2, 9, hq, 16)
    assert ref.rel_err(out, expected.transpose(0, 2, 1, 3)) < 2e-5


def test_masks_use_umfa_layout(rng):
    # 4-D inputs: the mask broadcasts against UMFA's [B, Sq, H, Sk]; True = attend
    q, k, v = (randn(rng, 2, 6, 3, 8) for _ in range(3))
    mask = rng.random((2, 6, 1, 6)) > 0.3
    mask[..., 0] = True
    out = umfa.attention(q, k, v, attn_mask=mask)
    expected, _ = ref.attention(*(x.transpose(0, 2, 1, 3) for x in (q, k, v)), mask=mask.transpose(0, 2, 1, 3))
    assert ref.rel_err(out, expected.transpose(0, 2, 1, 3)) < 2e-5
    # 2-D inputs: [Sq, Sk]; additive and integer masks
    q2, k2, v2 = randn(rng, 5, 8), randn(rng, 7, 8), randn(rng, 7, 8)
    bias = randn(rng, 5, 7)
    assert ref.rel_err(umfa.attention(q2, k2, v2, attn_mask=bias), ref.attention(q2, k2, v2, mask=bias)[0]) < 2e-5
    imask = (rng.random((5, 7)) > 0.5).astype(np.uint8)
    imask[:, 0] = 1
    assert ref.rel_err(umfa.attention(q2, k2, v2, attn_mask=imask), ref.attention(q2, k2, v2, mask=imask != 0)[0]) < 2e-5


def test_precisions(rng):
    q, k, v = (randn(rng, 16, 8, dtype=np.float16) for _ in range(3))
    ctx = umfa.MFAContext()
    out = umfa.flash_attention_forward(ctx, q, k, v)  # fp16 in, fp16 out
    assert out.dtype == np.float16
    assert ref.rel_err(out, ref.attention(q, k, v)[0]) < 3e-3
    out32 = umfa.flash_attention_forward(ctx, q, k, v, output_precision="fp32")
    assert out32.dtype == np.float32
    # float32 arrays with the default "fp16" strings: computed at f32, returned as f32
    q32, k32, v32 = (x.astype(np.float32) for x in (q, k, v))
    out = umfa.flash_attention_forward(ctx, q32, k32, v32)
    assert out.dtype == np.float32
    assert ref.rel_err(out, ref.attention(q32, k32, v32)[0]) < 2e-5
    for bad in ("fp8", "float64", 7, True):
        with pytest.raises(ValueError):
            umfa.flash_attention_forward(ctx, q, k, v, input_precision=bad)
    with pytest.raises(ValueError, match="quantized"):
        umfa.flash_attention_forward(ctx, q, k, v, input_precision="int8")
    assert umfa.flash_attention_forward(ctx, q, k, v, input_precision=2, output_precision="float32").dtype == np.float32


def test_buffers(rng):
    q = randn(rng, 8, 16)
    with umfa.MFAContext() as ctx:
        qb = umfa.MFABuffer(ctx, q)
        assert qb.array is q and qb.nbytes == q.nbytes and qb.contents_ptr() == q.ctypes.data
        out = umfa.flash_attention_forward(ctx, qb, umfa.MFABuffer(ctx, q), umfa.MFABuffer(ctx, q))
        assert ref.rel_err(out, ref.attention(q, q, q)[0]) < 2e-5
        qb.close()
        qb.close()  # idempotent
        assert not qb
        with pytest.raises(umfa.MFAError):
            _ = qb.array
        sized = umfa.MFABuffer(ctx, size=64)
        assert sized.nbytes == 64
        with pytest.raises(ValueError):
            umfa.MFABuffer(ctx)


def test_closed_context(rng):
    q = randn(rng, 4, 8)
    ctx = umfa.MFAContext()
    assert ctx and ctx.backend in ("cpu", "cuda", "wgpu")
    ctx.close()
    assert not ctx
    with pytest.raises(umfa.MFAError) as e:
        umfa.flash_attention_forward(ctx, q, q, q)
    assert e.value.code == 1


def test_bad_shapes_and_ranks(rng):
    ctx = umfa.MFAContext()
    q3 = randn(rng, 2, 4, 8)
    with pytest.raises(ValueError, match="2-D"):
        umfa.flash_attention_forward(ctx, q3, q3, q3)
    q, k = randn(rng, 4, 8), randn(rng, 4, 6)
    with pytest.raises(ValueError, match="head_dim"):
        umfa.flash_attention_forward(ctx, q, k, k)
    q4, k4 = randn(rng, 1, 4, 3, 8), randn(rng, 1, 4, 2, 8)
    with pytest.raises(ValueError, match="multiple"):
        umfa.flash_attention_forward(ctx, q4, k4, k4)
    with pytest.raises(ValueError, match="broadcast"):
        umfa.flash_attention_forward(ctx, q, q, q, attn_mask=np.ones((3, 4), bool))
    with pytest.raises(TypeError):
        umfa.flash_attention_forward(ctx, q.tolist(), q, q)


def test_error_class():
    e = umfa.MFAError(5, "boom")
    assert e.code == 5 and "boom" in str(e) and isinstance(e, RuntimeError)


def test_info(capsys):
    major, minor, patch = umfa.get_version()
    assert all(isinstance(x, int) for x in (major, minor, patch))
    assert umfa.__version__ == f"{major}.{minor}.{patch}"
    assert umfa.is_metal_available() is True  # the CPU backend always runs
    assert umfa.backend_available("cpu")
    names = [b[0] for b in umfa.backends()]
    assert set(names) == {"cpu", "cuda", "wgpu"}
    umfa.print_system_info()
    printed = capsys.readouterr().out
    assert "umfa" in printed and "cpu" in printed


def test_package_is_typed():
    import os

    pkg = os.path.dirname(umfa.__file__)
    assert os.path.exists(os.path.join(pkg, "py.typed"))
    assert os.path.exists(os.path.join(pkg, "_umfa.pyi"))
