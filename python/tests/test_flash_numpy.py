"""umfa.flash_attn_func (FlashAttention-2's API, BSHD) on NumPy arrays."""

import numpy as np
import pytest
import reference as ref

import umfa


def randn(rng, *shape, dtype=np.float32):
    return rng.standard_normal(shape).astype(dtype)


def bshd_ref(q, k, v, **kw):
    """The reference on BSHD inputs: (out BSHD, lse [B, H, Sq])."""
    out, lse = ref.attention(*(x.transpose(0, 2, 1, 3) for x in (q, k, v)), **kw)
    return out.transpose(0, 2, 1, 3), lse


def qkv(rng, b=2, sq=9, sk=13, hq=4, hk=2, d=16, dv=16, dtype=np.float32):
    return randn(rng, b, sq, hq, d, dtype=dtype), randn(rng, b, sk, hk, d, dtype=dtype), randn(rng, b, sk, hk, dv, dtype=dtype)


@pytest.mark.parametrize("sq,sk", [(9, 13), (13, 9), (8, 8)])
def test_causal_is_bottom_right(rng, sq, sk):
    q, k, v = qkv(rng, sq=sq, sk=sk)
    out = umfa.flash_attn_func(q, k, v, causal=True)
    expected, _ = bshd_ref(q, k, v, causal="bottom_right")
    assert out.shape == (2, sq, 4, 16) and out.dtype == np.float32
    assert out.flags.c_contiguous
    assert ref.rel_err(out, expected) < 2e-5


def test_lse_natural_log_and_probs_none(rng):
    q, k, v = qkv(rng)
    out, lse, probs = umfa.flash_attn_func(q, k, v, softmax_scale=0.3, return_attn_probs=True)
    expected, expected_lse = bshd_ref(q, k, v, scale=0.3)
    assert probs is None
    assert lse.shape == (2, 4, 9) and lse.dtype == np.float32
    assert ref.rel_err(out, expected) < 2e-5
    np.testing.assert_allclose(lse, expected_lse, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("window", [(3, 0), (2, 2), (-1, 1), (0, -1)])
def test_window(rng, window):
    q, k, v = qkv(rng, sq=12, sk=12)
    out = umfa.flash_attn_func(q, k, v, window_size=window)
    expected, _ = bshd_ref(q, k, v, window=window)
    assert ref.rel_err(out, expected) < 2e-5


def test_softcap_alibi_sinks(rng):
    q, k, v = qkv(rng)
    slopes = rng.random(4).astype(np.float32)
    sinks = randn(rng, 4)
    out = umfa.flash_attn_func(q, k, v, causal=True, softcap=5.0, alibi_slopes=slopes, sinks=sinks)
    expected, _ = bshd_ref(q, k, v, causal="bottom_right", softcap=5.0, alibi=slopes, sinks=sinks)
    assert ref.rel_err(out, expected) < 2e-5
    slopes_b = rng.random((2, 4)).astype(np.float32)
    out = umfa.flash_attn_func(q, k, v, alibi_slopes=slopes_b)
    assert ref.rel_err(out, bshd_ref(q, k, v, alibi=slopes_b)[0]) < 2e-5


@pytest.mark.parametrize("kind", ["bool", "float"])
def test_mask_extension(rng, kind):
    q, k, v = qkv(rng)
    mask = rng.random((2, 1, 9, 13)) > 0.3 if kind == "bool" else randn(rng, 1, 4, 1, 13)
    if kind == "bool":
        mask[..., 0] = True
    out = umfa.flash_attn_func(q, k, v, attn_mask=mask)
    assert ref.rel_err(out, bshd_ref(q, k, v, mask=mask)[0]) < 2e-5


def test_float16(rng):
    q, k, v = qkv(rng, dtype=np.float16)
    out = umfa.flash_attn_func(q, k, v, causal=True)
    assert out.dtype == np.float16
    assert ref.rel_err(out, bshd_ref(q, k, v, causal="bottom_right")[0]) < 3e-3


def test_bad_inputs(rng):
    q, k, v = qkv(rng)
    with pytest.raises(umfa.MFAUnsupported):
        umfa.flash_attn_func(q, k, v, dropout_p=0.1)
    with pytest.raises(ValueError, match="4 dimensions"):
        umfa.flash_attn_func(q[0], k[0], v[0])
    with pytest.raises(umfa.MFAError) as e:
        umfa.flash_attn_func(q, k[:, :, :1].repeat(3, axis=2), v[:, :, :1].repeat(3, axis=2))
    assert e.value.code == 1  # 4 query heads are not a multiple of 3
    with pytest.raises(ValueError):
        umfa.flash_attn_func(q, k, v, window_size=(-2, 0))
    with pytest.raises(umfa.MFAError, match="softcap"):
        umfa.flash_attn_func(q, k, v, softcap=-1.0)
