"""umfa.attention_forward / attention_backward on NumPy [B, H, S, D] arrays: the forward's LSE
and every gradient against the float64 reference backward."""

import numpy as np
import pytest
import reference as ref

import umfa


def randn(rng, *shape, dtype=np.float32):
    return rng.standard_normal(shape).astype(dtype)


CASES = {
    "plain": {},
    "causal_tl": {"causal": "top_left"},
    "causal_br": {"causal": "bottom_right"},
    "window": {"window": (3, 1)},
    "softcap": {"softcap": 4.0},
    "scale": {"scale": 0.21},
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("hq,hk,sq,sk", [(4, 2, 9, 13), (2, 2, 13, 7)])
def test_gradients(rng, case, hq, hk, sq, sk):
    kw = CASES[case]
    q, k, v = randn(rng, 2, hq, sq, 16), randn(rng, 2, hk, sk, 16), randn(rng, 2, hk, sk, 8)
    d_out = randn(rng, 2, hq, sq, 8)
    api = dict(kw)
    if "window" in api:
        api["window_size"] = api.pop("window")
    out, lse = umfa.attention_forward(q, k, v, **api)
    exp_out, exp_lse = ref.attention(q, k, v, **kw)
    assert ref.rel_err(out, exp_out) < 2e-5
    fin = np.isfinite(exp_lse)
    np.testing.assert_allclose(lse[fin], exp_lse[fin], rtol=1e-5, atol=1e-5)
    assert np.all(lse[~fin] == -np.inf)
    dq, dk, dv, d_mask, d_sinks = umfa.attention_backward(d_out, q, k, v, out, lse, **api)
    e_dq, e_dk, e_dv, _, _ = ref.attention_backward(d_out, q, k, v, **kw)
    assert d_mask is None and d_sinks is None
    for got, want in ((dq, e_dq), (dk, e_dk), (dv, e_dv)):
        assert got.shape == want.shape and got.dtype == np.float32
        assert ref.rel_err(got, want) < 1e-4, ref.rel_err(got, want)


def test_gradients_of_mask_and_sinks(rng):
    q, k, v = randn(rng, 2, 4, 6, 8), randn(rng, 2, 2, 10, 8), randn(rng, 2, 2, 10, 8)
    bias = randn(rng, 1, 4, 6, 10)
    sinks = randn(rng, 4)
    d_out = randn(rng, 2, 4, 6, 8)
    out, lse = umfa.attention_forward(q, k, v, attn_mask=bias, sinks=sinks)
    assert ref.rel_err(out, ref.attention(q, k, v, mask=bias, sinks=sinks)[0]) < 2e-5
    dq, dk, dv, d_bias, d_sinks = umfa.attention_backward(d_out, q, k, v, out, lse, attn_mask=bias, sinks=sinks)
    want = ref.attention_backward(d_out, q, k, v, mask=bias, sinks=sinks)
    for got, w in zip((dq, dk, dv, d_bias, d_sinks), want):
        assert got.shape == w.shape
        assert ref.rel_err(got, w) < 1e-4


def test_fully_masked_rows_have_zero_gradients(rng):
    q, k, v = (randn(rng, 1, 2, 5, 8) for _ in range(3))
    mask = np.ones((5, 5), dtype=bool)
    mask[1] = False
    out, lse = umfa.attention_forward(q, k, v, attn_mask=mask)
    assert np.all(lse[:, :, 1] == -np.inf)
    d_out = randn(rng, 1, 2, 5, 8)
    dq, dk, dv, _, _ = umfa.attention_backward(d_out, q, k, v, out, lse, attn_mask=mask)
    assert np.all(np.isfinite(dq)) and np.all(dq[:, :, 1] == 0)
    want = ref.attention_backward(d_out, q, k, v, mask=mask)
    for got, w in zip((dq, dk, dv), want):
        assert ref.rel_err(got, w) < 1e-4


def test_non_contiguous_backward(rng):
    q = randn(rng, 2, 7, 3, 8).transpose(0, 2, 1, 3)
    k = randn(rng, 2, 9, 3, 8).transpose(0, 2, 1, 3)
    v = randn(rng, 2, 9, 3, 8).transpose(0, 2, 1, 3)
    out, lse = umfa.attention_forward(q, k, v, causal="top_left")
    d_out = np.broadcast_to(randn(rng, 8), out.shape)  # stride-0 gradient, as from .sum()
    dq, dk, dv, _, _ = umfa.attention_backward(d_out, q, k, v, out, lse, causal="top_left")
    want = ref.attention_backward(d_out, q, k, v, causal="top_left")
    for got, w in zip((dq, dk, dv), want):
        assert ref.rel_err(got, w) < 1e-4


def test_bad_causal_name(rng):
    q = randn(rng, 1, 1, 4, 8)
    with pytest.raises(ValueError, match="causal"):
        umfa.attention_forward(q, q, q, causal="diagonal")
    with pytest.raises(ValueError, match="4 dimensions"):
        umfa.attention_forward(q[0], q[0], q[0])


@pytest.mark.parametrize("with_sinks", [False, True])
def test_gradients_with_d_lse(rng, with_sinks):
    # A loss that also reads the LSE: d_lse [B, Hq, Sq] joins delta. GQA, an additive mask whose
    # row 2 is all -inf (LSE -inf there without sinks: its d_lse, NaN here, must reach nothing),
    # d_lse given as a strided [B, Sq, Hq] array viewed as [B, Hq, Sq].
    q, k, v = randn(rng, 2, 4, 6, 8), randn(rng, 2, 2, 10, 8), randn(rng, 2, 2, 10, 8)
    bias = randn(rng, 1, 4, 6, 10)
    bias[:, :, 2] = -np.inf
    sinks = randn(rng, 4) if with_sinks else None
    d_out = randn(rng, 2, 4, 6, 8)
    d_lse = randn(rng, 2, 6, 4).transpose(0, 2, 1)
    out, lse = umfa.attention_forward(q, k, v, attn_mask=bias, sinks=sinks, causal="bottom_right")
    if not with_sinks:
        assert np.all(lse[:, :, 2] == -np.inf)
        d_lse[:, :, 2] = np.nan
    got = umfa.attention_backward(d_out, q, k, v, out, lse, attn_mask=bias, sinks=sinks,
                                  causal="bottom_right", d_lse=d_lse)
    want = ref.attention_backward(d_out, q, k, v, mask=bias, sinks=sinks, causal="bottom_right", d_lse=d_lse)
    without = ref.attention_backward(d_out, q, k, v, mask=bias, sinks=sinks, causal="bottom_right")
    assert ref.rel_err(want[0], without[0]) > 1e-2  # d_lse matters here
    for name, g, w in zip(("dq", "dk", "dv", "d_bias", "d_sinks"), got, want):
        if w is None:
            assert g is None
            continue
        assert np.all(np.isfinite(g)), name
        assert ref.rel_err(g, w) < 1e-4, (name, ref.rel_err(g, w))


def test_d_lse_of_the_wrong_shape_is_refused(rng):
    q, k, v = (randn(rng, 1, 2, 5, 8) for _ in range(3))
    out, lse = umfa.attention_forward(q, k, v)
    with pytest.raises(umfa.MFAInvalidArgument, match="d_lse"):
        umfa.attention_backward(q, q, k, v, out, lse, d_lse=randn(rng, 1, 2, 4))
