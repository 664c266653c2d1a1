"""umfa.sageattn and umfa.quantized_attention: accuracy against the float64 reference on
model-like inputs (K with a per-channel offset), exact semantics against a NumPy re-statement of
the quantizer, layouts, GQA, LSE, and the errors for bad arguments."""

import numpy as np
import pytest

import reference as ref
import umfa


def model_like(rng, b, hq, hkv, s, d, offset=4.0):
    q = rng.standard_normal((b, hq, s, d)).astype(np.float32)
    k = rng.standard_normal((b, hkv, s, d)).astype(np.float32)
    k += (offset * rng.standard_normal((1, hkv, 1, d))).astype(np.float32)
    v = rng.standard_normal((b, hkv, s, d)).astype(np.float32)
    return q, k, v


def cosine_l1(x, r):
    x, r = np.asarray(x, np.float64).ravel(), np.asarray(r, np.float64).ravel()
    cos = float(x @ r / (np.linalg.norm(x) * np.linalg.norm(r)))
    return cos, float(np.abs(x - r).sum() / np.abs(r).sum())


@pytest.fixture
def fresh():
    # Fresh inputs every run: the targets must hold for inputs nobody chose.
    return np.random.default_rng()


def test_sageattn_int8_meets_the_targets(fresh):
    q, k, v = model_like(fresh, 1, 4, 4, 256, 64)
    out = umfa.sageattn(q, k, v)
    want, _ = ref.attention(q, k, v)
    cos, l1 = cosine_l1(out, want)
    assert cos >= 0.9995 and l1 <= 0.02, (cos, l1)


def test_sageattn_int4_with_smoothing_and_int8_v(fresh):
    q, k, v = model_like(fresh, 1, 4, 4, 256, 64)
    want, _ = ref.attention(q, k, v)
    out = umfa.sageattn(q, k, v, qk_precision="int4", granularity="row", symmetric=False)
    assert cosine_l1(out, want)[0] >= 0.99
    out = umfa.sageattn(q, k, v, qk_precision="fp32", v_precision="int8")
    assert cosine_l1(out, want)[0] >= 0.999


def _dequant_rows_int8(x):
    """NumPy statement of symmetric per-row INT8 quantize→dequantize (round half to even)."""
    scale = np.abs(x).max(axis=-1, keepdims=True) / 127.0
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    q = np.clip(np.rint(x / scale), -128, 127)
    return (q * scale).astype(np.float32)


def test_semantics_are_attention_on_the_dequantized_tensors(rng):
    q, k, v = model_like(rng, 2, 4, 2, 33, 16)
    out, lse = umfa.sageattn(q, k, v, granularity="row", smooth_k=False, is_causal=True, return_lse=True)
    want, want_lse = ref.attention(_dequant_rows_int8(q), _dequant_rows_int8(k), v, causal="top_left")
    assert ref.rel_err(out, want) < 1e-5
    assert ref.rel_err(lse, want_lse) < 1e-5
    assert out.dtype == np.float32 and out.shape == (2, 4, 33, 16) and lse.shape == (2, 4, 33)


def test_layouts_dtypes_and_scale(rng):
    q, k, v = model_like(rng, 1, 2, 2, 40, 32)
    hnd = umfa.sageattn(q, k, v, sm_scale=0.3)
    nhd = umfa.sageattn(*(x.transpose(0, 2, 1, 3) for x in (q, k, v)), tensor_layout="NHD", sm_scale=0.3)
    assert nhd.shape == (1, 40, 2, 32)
    np.testing.assert_array_equal(nhd.transpose(0, 2, 1, 3), hnd)
    half = umfa.sageattn(*(x.astype(np.float16) for x in (q, k, v)), sm_scale=0.3)
    assert half.dtype == np.float16
    want, _ = ref.attention(q, k, v, scale=0.3)
    assert cosine_l1(half, want)[0] > 0.999


def test_quantized_attention_umfa_layouts(rng):
    q, k, v = model_like(rng, 1, 1, 1, 48, 32)
    with umfa.MFAContext() as ctx:
        out = umfa.quantized_attention(q[0, 0], k[0, 0], v[0, 0], ctx)
    assert out.shape == (48, 32)
    want, _ = ref.attention(q[0, 0], k[0, 0], v[0, 0])
    assert cosine_l1(out, want)[0] > 0.999
    # [B, S, H, D] with GQA, a boolean mask and causal.
    q, k, v = model_like(rng, 2, 4, 2, 24, 16)
    bshd = [x.transpose(0, 2, 1, 3) for x in (q, k, v)]
    mask = rng.random((24, 24)) < 0.8
    out, lse = umfa.quantized_attention(
        *bshd, value_precision="fp32", causal=True, attn_mask=mask[None, :, None, :], return_lse=True
    )
    want, want_lse = ref.attention(q, k, v, causal="top_left", mask=mask)
    assert out.shape == (2, 24, 4, 16)
    assert cosine_l1(out.transpose(0, 2, 1, 3), want)[0] > 0.999
    fin = np.isfinite(want_lse)
    np.testing.assert_array_equal(np.isfinite(lse), fin)


def test_backward_is_the_straight_through_estimator(rng):
    # GQA, NHD layout: the gradients are those of attention on the dequantized tensors.
    q, k, v = model_like(rng, 1, 4, 2, 20, 16)
    nhd = [x.transpose(0, 2, 1, 3) for x in (q, k, v)]
    opts = dict(granularity="row", smooth_k=False, is_causal=True)
    out, lse = umfa.sageattn(*nhd, tensor_layout="NHD", return_lse=True, **opts)
    d_out = rng.standard_normal(out.shape).astype(np.float32)
    dq, dk, dv = umfa.sageattn_backward(d_out, *nhd, out, lse, tensor_layout="NHD", **opts)
    assert dq.dtype == np.float32 and dq.shape == nhd[0].shape and dk.shape == nhd[1].shape
    want = ref.attention_backward(
        d_out.transpose(0, 2, 1, 3), _dequant_rows_int8(q), _dequant_rows_int8(k), v, causal="top_left"
    )
    for got, w in zip((dq, dk, dv), want[:3]):
        assert ref.rel_err(got.transpose(0, 2, 1, 3), w) < 1e-4


def test_errors_name_the_argument(rng):
    q, k, v = model_like(rng, 1, 2, 2, 8, 8)
    with pytest.raises(ValueError, match="tensor_layout"):
        umfa.sageattn(q, k, v, tensor_layout="XYZ")
    with pytest.raises(ValueError, match="granularity"):
        umfa.sageattn(q, k, v, granularity="column")
    with pytest.raises(ValueError, match="block_size"):
        umfa.sageattn(q, k, v, q_block_size=0)
    with pytest.raises(ValueError, match="precision"):
        umfa.sageattn(q, k, v, qk_precision="int2")
    with pytest.raises(umfa.MFAInvalidArgument, match="head_dim"):
        umfa.sageattn(q, k[..., :4], v)
    bad = q.copy()
    bad[0, 1, 2, 3] = np.nan
    with pytest.raises(umfa.MFAInvalidArgument, match=r"\[0, 1, 2, 3\] is NaN"):
        umfa.sageattn(bad, k, v)
    with pytest.raises(ValueError, match="share a dtype"):
        umfa.sageattn(q, k.astype(np.float16), v)


def test_torch_tensors(torch):
    g = torch.Generator().manual_seed(0)
    q, k, v = (torch.randn(1, 2, 64, 32, generator=g, dtype=torch.float16) for _ in range(3))
    out, lse = umfa.sageattn(q, k, v, is_causal=True, return_lse=True)
    assert out.dtype == torch.float16 and lse.dtype == torch.float32
    want = torch.nn.functional.scaled_dot_product_attention(q.float(), k.float(), v.float(), is_causal=True)
    cos = torch.nn.functional.cosine_similarity(out.float().flatten(), want.flatten(), dim=0)
    assert cos > 0.999
