"""umfa.scaled_dot_product_attention on NumPy arrays against the float64 reference."""

import numpy as np
import pytest
import reference as ref

import umfa

TOL = {np.float32: 2e-5, np.float16: 3e-3}


def randn(rng, *shape, dtype=np.float32):
    return rng.standard_normal(shape).astype(dtype)


def check(out, expected, dtype=np.float32):
    assert out.dtype == dtype
    assert out.shape == expected.shape
    err = ref.rel_err(out, expected)
    assert err < TOL[dtype], err


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
@pytest.mark.parametrize("shape", [(7, 16), (3, 9, 16), (2, 3, 17, 32), (2, 2, 2, 5, 8)])
def test_plain_shapes_and_dtypes(rng, dtype, shape):
    q, k, v = (randn(rng, *shape, dtype=dtype) for _ in range(3))
    out = umfa.scaled_dot_product_attention(q, k, v)
    check(out, ref.sdpa(q, k, v), dtype)


@pytest.mark.parametrize("sq,sk", [(9, 9), (5, 13), (13, 5)])
def test_causal_is_top_left(rng, sq, sk):
    q = randn(rng, 2, 3, sq, 16)
    k, v = randn(rng, 2, 3, sk, 16), randn(rng, 2, 3, sk, 24)
    out = umfa.scaled_dot_product_attention(q, k, v, is_causal=True)
    check(out, ref.sdpa(q, k, v, is_causal=True))
    # top-left: query row 0 sees only key 0
    np.testing.assert_allclose(out[:, :, 0], v[:, :, 0], rtol=1e-5, atol=1e-6)


def test_scale(rng):
    q, k, v = (randn(rng, 1, 2, 8, 16) for _ in range(3))
    out = umfa.scaled_dot_product_attention(q, k, v, scale=0.37)
    check(out, ref.sdpa(q, k, v, scale=0.37))
    assert ref.rel_err(out, ref.sdpa(q, k, v)) > 1e-3  # the scale matters


@pytest.mark.parametrize(
    "mask_shape", [(11, 13), (1, 13), (11, 1), (2, 1, 11, 13), (1, 3, 1, 13), (3, 11, 13), (13,)]
)
@pytest.mark.parametrize("kind", ["bool", "float"])
def test_masks_broadcast(rng, mask_shape, kind):
    q = randn(rng, 2, 3, 11, 16)
    k, v = randn(rng, 2, 3, 13, 16), randn(rng, 2, 3, 13, 16)
    if kind == "bool":
        mask = rng.random(mask_shape) > 0.3
        mask[..., 0] = True  # no fully masked row here
    else:
        mask = randn(rng, *mask_shape)
    out = umfa.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    check(out, ref.sdpa(q, k, v, attn_mask=mask))


def test_float16_and_float64_masks(rng):
    q, k, v = (randn(rng, 1, 2, 6, 8) for _ in range(3))
    m64 = rng.standard_normal((6, 6))
    check(umfa.scaled_dot_product_attention(q, k, v, attn_mask=m64), ref.sdpa(q, k, v, attn_mask=m64))
    m16 = m64.astype(np.float16)
    check(umfa.scaled_dot_product_attention(q, k, v, attn_mask=m16), ref.sdpa(q, k, v, attn_mask=m16))


def test_fully_masked_rows_are_zero(rng):
    q, k, v = (randn(rng, 1, 2, 6, 8) for _ in range(3))
    mask = np.ones((6, 6), dtype=bool)
    mask[2] = False
    out = umfa.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    assert np.all(np.isfinite(out))
    np.testing.assert_array_equal(out[:, :, 2], 0.0)
    check(out, ref.sdpa(q, k, v, attn_mask=mask))
    # additive -inf rows too
    add = np.where(mask, 0.0, -np.inf).astype(np.float32)
    out2 = umfa.scaled_dot_product_attention(q, k, v, attn_mask=add)
    np.testing.assert_array_equal(out2[:, :, 2], 0.0)
    check(out2, ref.sdpa(q, k, v, attn_mask=mask))


@pytest.mark.parametrize("hq,hk", [(8, 2), (6, 1), (4, 4)])
def test_gqa(rng, hq, hk):
    q = randn(rng, 2, hq, 9, 16)
    k, v = randn(rng, 2, hk, 12, 16), randn(rng, 2, hk, 12, 8)
    out = umfa.scaled_dot_product_attention(q, k, v, enable_gqa=True)
    assert out.shape == (2, hq, 9, 8)
    check(out, ref.sdpa(q, k, v, enable_gqa=True))


def test_heads_mismatch_needs_enable_gqa(rng):
    q = randn(rng, 1, 4, 5, 8)
    k = randn(rng, 1, 2, 5, 8)
    with pytest.raises(ValueError, match="enable_gqa"):
        umfa.scaled_dot_product_attention(q, k, k)


def test_broadcast_key_value(rng):
    # torch's math path broadcasts k/v leading dims of size 1
    q = randn(rng, 2, 4, 5, 8)
    k, v = randn(rng, 1, 1, 7, 8), randn(rng, 1, 1, 7, 8)
    out = umfa.scaled_dot_product_attention(q, k, v)
    kb, vb = np.broadcast_to(k, (2, 4, 7, 8)), np.broadcast_to(v, (2, 4, 7, 8))
    check(out, ref.sdpa(q, kb, vb))


def test_non_contiguous_inputs(rng):
    # BSHD buffers seen as BHSD, a strided slice, and a reversed (negative-stride) view
    base = randn(rng, 2, 10, 3, 16)
    q = base.transpose(0, 2, 1, 3)
    k = randn(rng, 2, 3, 20, 32)[:, :, ::2, :16]
    v = randn(rng, 2, 3, 10, 16)[:, :, ::-1]
    assert not q.flags.c_contiguous and not k.flags.c_contiguous
    mask = (rng.random((10, 3)) > 0.2).T[None]  # non-contiguous mask, shape (1, 3, 10)
    mask = np.broadcast_to(rng.random((10,)) > 0.1, (3, 10, 10))
    out = umfa.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    check(out, ref.sdpa(q, k, v, attn_mask=mask))


def test_output_is_contiguous_of_input_dtype(rng):
    q, k, v = (randn(rng, 2, 2, 4, 8, dtype=np.float16).transpose(0, 2, 1, 3) for _ in range(3))
    out = umfa.scaled_dot_product_attention(q, k, v)
    assert out.dtype == np.float16 and out.flags.c_contiguous


def test_dv_differs_from_d(rng):
    q, k = randn(rng, 1, 2, 5, 16), randn(rng, 1, 2, 7, 16)
    v = randn(rng, 1, 2, 7, 40)
    check(umfa.scaled_dot_product_attention(q, k, v), ref.sdpa(q, k, v))


def test_empty_sequences(rng):
    q = randn(rng, 1, 2, 0, 8)
    k = randn(rng, 1, 2, 4, 8)
    assert umfa.scaled_dot_product_attention(q, k, k).shape == (1, 2, 0, 8)


# ----- bad inputs -----


def test_dropout_is_a_clear_error(rng):
    q = randn(rng, 1, 1, 4, 8)
    with pytest.raises(umfa.MFAUnsupported, match="dropout"):
        umfa.scaled_dot_product_attention(q, q, q, dropout_p=0.1)
    with pytest.raises(NotImplementedError):
        umfa.scaled_dot_product_attention(q, q, q, dropout_p=0.5)


def test_mask_and_causal_together(rng):
    q = randn(rng, 1, 1, 4, 8)
    with pytest.raises(ValueError, match="is_causal"):
        umfa.scaled_dot_product_attention(q, q, q, attn_mask=np.ones((4, 4), bool), is_causal=True)


@pytest.mark.parametrize(
    "qs,ks,vs",
    [((4,), (4,), (4,)), ((1, 4, 8), (1, 4, 9), (1, 4, 9)), ((1, 4, 8), (1, 5, 8), (1, 6, 8))],
)
def test_bad_shapes(qs, ks, vs):
    q, k, v = np.zeros(qs, np.float32), np.zeros(ks, np.float32), np.zeros(vs, np.float32)
    with pytest.raises(ValueError):
        umfa.scaled_dot_product_attention(q, k, v)


def test_bad_mask_shape(rng):
    q = randn(rng, 1, 2, 4, 8)
    with pytest.raises(ValueError, match="broadcast"):
        umfa.scaled_dot_product_attention(q, q, q, attn_mask=np.ones((3, 4), bool))


def test_bad_dtypes(rng):
    q = rng.standard_normal((1, 1, 4, 8))
    with pytest.raises(ValueError, match="float64"):
        umfa.scaled_dot_product_attention(q, q, q)
    q32 = q.astype(np.float32)
    with pytest.raises(ValueError, match="share a dtype"):
        umfa.scaled_dot_product_attention(q32, q32.astype(np.float16), q32)
    with pytest.raises(ValueError, match="mask"):
        umfa.scaled_dot_product_attention(q32, q32, q32, attn_mask=np.ones((4, 4), np.int32))
    with pytest.raises(TypeError):
        umfa.scaled_dot_product_attention([[1.0]], q32, q32)


def test_head_dim_above_maximum_is_a_library_error(rng):
    q = randn(rng, 1, 1, 2, 600)
    with pytest.raises(umfa.MFAError) as e:
        umfa.scaled_dot_product_attention(q, q, q)
    assert e.value.code == 1 and "head_dim" in str(e.value)
    assert isinstance(e.value, ValueError)


def test_bfloat16_numpy_arrays_through_ml_dtypes(rng):
    ml_dtypes = pytest.importorskip("ml_dtypes", reason="ml_dtypes is not installed (NumPy bfloat16)")
    q, k, v = (randn(rng, 1, 2, 8, 16).astype(ml_dtypes.bfloat16) for _ in range(3))
    out = umfa.scaled_dot_product_attention(q, k, v, is_causal=True)
    assert out.dtype == ml_dtypes.bfloat16
    expected = ref.sdpa(*(x.astype(np.float64) for x in (q, k, v)), is_causal=True)
    assert ref.rel_err(out.astype(np.float64), expected) < 2e-2


def test_five_dims_with_gqa_and_a_five_dim_mask(rng):
    q = randn(rng, 2, 3, 4, 5, 8)
    k, v = randn(rng, 2, 3, 2, 7, 8), randn(rng, 2, 3, 2, 7, 8)
    mask = rng.random((2, 1, 1, 5, 7)) > 0.3
    mask[..., 0] = True
    out = umfa.scaled_dot_product_attention(q, k, v, attn_mask=mask, enable_gqa=True)
    assert out.shape == (2, 3, 4, 5, 8)
    check(out, ref.sdpa(q, k, v, attn_mask=mask, enable_gqa=True))


def test_three_dims_with_gqa(rng):
    q, k, v = randn(rng, 4, 5, 8), randn(rng, 1, 6, 8), randn(rng, 1, 6, 8)
    out = umfa.scaled_dot_product_attention(q, k, v, enable_gqa=True, is_causal=True)
    check(out, ref.sdpa(q, k, v, enable_gqa=True, is_causal=True))
