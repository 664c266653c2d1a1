"""umfa.merge / merge_into / merge_backward: against a float64 NumPy reference (dtypes, strided
views, rows no part saw), the ring-attention identity through umfa.attention_forward, a ring
loop, errors; on torch tensors, autograd against torch's own autograd of the float64 formula.
The torch tests skip, with the reason shown, when torch is absent."""

import numpy as np
import pytest
import reference as ref

import umfa


def ref_merge(outs, lses):
    """float64 (out, lse, weights [N,B,H,S]); parts with LSE -inf are not read."""
    L = np.stack([np.asarray(l, dtype=np.float64) for l in lses])
    O = np.stack(
        [np.where(np.isneginf(l)[..., None], 0.0, np.asarray(o, dtype=np.float64)) for o, l in zip(outs, lses)]
    )
    m = L.max(axis=0)
    seen = np.isfinite(m)
    m0 = np.where(seen, m, 0.0)
    w = np.where(np.isneginf(L), 0.0, np.exp(L - m0))
    s = np.where(seen, w.sum(axis=0), 1.0)
    w = w / s
    lse = np.where(seen, m0 + np.log(s), -np.inf)
    return (w[..., None] * O).sum(axis=0), lse, w


def ref_merge_backward(outs, lses, d_out, d_lse):
    out, _, w = ref_merge(outs, lses)
    g = np.asarray(d_out, dtype=np.float64)
    d_outs, d_lses = [], []
    for n, o in enumerate(outs):
        on = np.where(np.isneginf(lses[n])[..., None], 0.0, np.asarray(o, dtype=np.float64))
        dot = (g * (on - out)).sum(axis=-1)
        d_outs.append(w[n][..., None] * g)
        d_lses.append(w[n] * (dot + (0.0 if d_lse is None else d_lse)))
    return d_outs, d_lses


def make_parts(rng, n, shape=(2, 3, 7, 16), dtype=np.float32, mask_p=0.25):
    """Parts with random LSEs; masked (row, part) pairs get LSE -inf and O = NaN (never read),
    and the last row of every part is masked (a row no part saw)."""
    outs, lses = [], []
    for _ in range(n):
        o = rng.standard_normal(shape).astype(dtype)
        l = rng.uniform(-4, 4, shape[:3]).astype(np.float32)
        masked = rng.random(shape[:3]) < mask_p
        masked[..., -1] = True
        l[masked] = -np.inf
        o[masked] = np.nan
        outs.append(o)
        lses.append(l)
    return outs, lses


@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize("dtype,tol", [(np.float32, 1e-5), (np.float16, 2e-3)])
def test_merge_matches_reference(rng, n, dtype, tol):
    outs, lses = make_parts(rng, n, dtype=dtype)
    out, lse = umfa.merge(outs, lses)
    assert out.dtype == dtype and lse.dtype == np.float32 and out.shape == outs[0].shape
    exp_out, exp_lse, _ = ref_merge(outs, lses)
    assert ref.rel_err(out, exp_out) < tol
    fin = np.isfinite(exp_lse)
    np.testing.assert_allclose(lse[fin], exp_lse[fin], rtol=1e-6, atol=1e-6)
    assert np.all(lse[~fin] == -np.inf) and np.all(out[~fin] == 0)
    assert not np.isnan(out).any()


def test_merge_reads_bshd_views_and_writes_f32(rng):
    # FlashAttention's [B, S, H, D] outputs and [B, H, S] LSEs, viewed as [B, H, S, D].
    outs_bshd = [rng.standard_normal((2, 9, 4, 8)).astype(np.float16) for _ in range(3)]
    lses = [rng.uniform(-3, 3, (2, 4, 9)).astype(np.float32) for _ in range(3)]
    outs = [o.transpose(0, 2, 1, 3) for o in outs_bshd]
    out, lse = umfa.merge(outs, lses, out_dtype="f32")
    assert out.dtype == np.float32
    exp_out, exp_lse, _ = ref_merge(outs, lses)
    assert ref.rel_err(out, exp_out) < 1e-5
    np.testing.assert_allclose(lse, exp_lse, rtol=1e-6, atol=1e-6)


def test_merge_backward_matches_formula(rng):
    outs, lses = make_parts(rng, 3)
    d_out = rng.standard_normal(outs[0].shape).astype(np.float32)
    d_lse = rng.standard_normal(lses[0].shape).astype(np.float32)
    d_outs, d_lses = umfa.merge_backward(outs, lses, d_out, d_lse)
    exp_o, exp_l = ref_merge_backward(outs, lses, d_out, d_lse)
    for n in range(3):
        np.testing.assert_allclose(d_outs[n], exp_o[n], rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(d_lses[n], exp_l[n], rtol=1e-4, atol=1e-5)
    # Only some gradients wanted.
    d_outs, d_lses = umfa.merge_backward(outs, lses, d_out, want_d_outs=[False, True, False])
    assert d_outs[0] is None and d_outs[2] is None and d_outs[1] is not None
    assert all(g is not None for g in d_lses)


def test_merge_backward_is_the_gradient_by_finite_differences(rng):
    outs, lses = make_parts(rng, 2, shape=(1, 2, 3, 4), mask_p=0.0)
    lses = [l.astype(np.float64) for l in lses]
    outs = [np.where(np.isnan(o), 0.0, o).astype(np.float64) for o in outs]
    lses[0][..., -1] = 0.5  # keep every row finite for differentiation
    lses[1][..., -1] = -0.5
    g = rng.standard_normal(outs[0].shape)
    gl = rng.standard_normal(lses[0].shape)

    def loss(outs, lses):
        o, l, _ = ref_merge(outs, lses)
        return (o * g).sum() + (l * gl).sum()

    d_outs, d_lses = umfa.merge_backward(
        [o.astype(np.float32) for o in outs], [l.astype(np.float32) for l in lses],
        g.astype(np.float32), gl.astype(np.float32),
    )
    h = 1e-6
    for n in range(2):
        for idx in np.ndindex(lses[n].shape):
            lp = [l.copy() for l in lses]
            lm = [l.copy() for l in lses]
            lp[n][idx] += h
            lm[n][idx] -= h
            fd = (loss(outs, lp) - loss(outs, lm)) / (2 * h)
            assert abs(fd - d_lses[n][idx]) < 1e-4 * (1 + abs(fd))


def test_ring_identity_through_attention_forward(rng):
    q = rng.standard_normal((1, 4, 10, 32)).astype(np.float32)
    k = rng.standard_normal((1, 2, 30, 32)).astype(np.float32)
    v = rng.standard_normal((1, 2, 30, 16)).astype(np.float32)
    full, full_lse = umfa.attention_forward(q, k, v)
    parts = [umfa.attention_forward(q, k[:, :, a:b], v[:, :, a:b]) for a, b in [(0, 12), (12, 30)]]
    out, lse = umfa.merge([p[0] for p in parts], [p[1] for p in parts])
    assert ref.rel_err(out, full) < 1e-5
    np.testing.assert_allclose(lse, full_lse, rtol=1e-6, atol=1e-6)

    # The same as a ring loop of merge_into, the accumulator's O starting as NaN (not read).
    acc = np.full(full.shape, np.nan, dtype=np.float32)
    acc_lse = np.full(full_lse.shape, -np.inf, dtype=np.float32)
    for o, l in parts:
        umfa.merge_into(acc, acc_lse, o, l)
    assert ref.rel_err(acc, full) < 1e-5
    np.testing.assert_allclose(acc_lse, full_lse, rtol=1e-6, atol=1e-6)


def test_bad_calls_raise(rng):
    outs, lses = make_parts(rng, 2)
    with pytest.raises(ValueError, match="at least one part"):
        umfa.merge([], [])
    with pytest.raises(ValueError, match="lses has 1"):
        umfa.merge(outs, lses[:1])
    with pytest.raises(umfa.MFAInvalidArgument, match="needs f32"):
        umfa.merge(outs, [lses[0], lses[1].astype(np.float16)])
    with pytest.raises(umfa.MFAInvalidArgument, match=r"parts\[1\].out: has seq_len = 6"):
        umfa.merge([outs[0], outs[1][:, :, :6]], lses)
    with pytest.raises(umfa.MFAInvalidArgument, match="shares memory with part.out"):
        umfa.merge_into(outs[0], lses[0], outs[0], lses[1])


# --- torch ----------------------------------------------------------------------------------


def _torch_ref(outs, lses):
    """The merge written in torch ops (float64), differentiable by torch's own autograd."""
    import torch

    L = torch.stack(lses)
    m = L.max(dim=0).values.detach()
    w = torch.exp(L - m)
    s = w.sum(dim=0)
    lse = m + torch.log(s)
    out = ((w / s)[..., None] * torch.stack(outs)).sum(dim=0)
    return out, lse


@pytest.mark.parametrize("dtype,tol", [("float32", 1e-5), ("bfloat16", 1e-2)])
def test_torch_autograd_matches_torch_reference(torch, dtype, tol):
    torch.manual_seed(0)
    dt = getattr(torch, dtype)
    outs = [torch.randn(2, 3, 5, 8, dtype=dt, requires_grad=True) for _ in range(3)]
    lses = [(3 * torch.randn(2, 3, 5)).requires_grad_(True) for _ in range(3)]
    g = torch.randn(2, 3, 5, 8, dtype=torch.float64)
    gl = torch.randn(2, 3, 5, dtype=torch.float64)
    out, lse = umfa.merge(outs, lses)
    assert out.dtype == dt and lse.dtype == torch.float32 and out.requires_grad
    ((out.double() * g).sum() + (lse.double() * gl).sum()).backward()

    outs64 = [o.detach().double().requires_grad_(True) for o in outs]
    lses64 = [l.detach().double().requires_grad_(True) for l in lses]
    r_out, r_lse = _torch_ref(outs64, lses64)
    ((r_out * g).sum() + (r_lse * gl).sum()).backward()
    assert ref.rel_err(out.detach().double().numpy(), r_out.detach().numpy()) < tol
    for a, b in zip(outs + lses, outs64 + lses64):
        assert a.grad is not None and a.grad.dtype == a.dtype
        assert ref.rel_err(a.grad.double().numpy(), b.grad.numpy()) < tol


def test_torch_only_lse_used_and_masked_rows(torch):
    outs = [torch.randn(1, 2, 4, 8, requires_grad=True) for _ in range(2)]
    l0 = torch.randn(1, 2, 4)
    l0[..., 0] = -float("inf")
    l1 = torch.randn(1, 2, 4)
    l1[..., 0] = -float("inf")  # row 0: no part saw a key
    lses = [l0.requires_grad_(True), l1.requires_grad_(True)]
    out, lse = umfa.merge(outs, lses)
    assert torch.all(out[..., 0, :] == 0) and torch.all(lse[..., 0] == -float("inf"))
    lse[..., 1:].sum().backward()  # dO = 0: only the LSE path
    for o in outs:
        assert torch.all(o.grad == 0)
    w0 = torch.softmax(torch.stack([l0, l1]).detach(), dim=0)[0]
    torch.testing.assert_close(lses[0].grad[..., 1:], w0[..., 1:], rtol=1e-5, atol=1e-6)
    assert torch.all(lses[0].grad[..., 0] == 0) and not torch.isnan(lses[1].grad).any()


def test_torch_ring_identity_with_umfa_attention(torch):
    torch.manual_seed(1)
    q, k, v = torch.randn(1, 2, 6, 16), torch.randn(1, 2, 20, 16), torch.randn(1, 2, 20, 16)
    full, full_lse = umfa.attention_forward(q, k, v)
    parts = [umfa.attention_forward(q, k[:, :, a:b], v[:, :, a:b]) for a, b in [(0, 7), (7, 20)]]
    out, lse = umfa.merge([p[0] for p in parts], [p[1] for p in parts])
    torch.testing.assert_close(out, full, rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(lse, full_lse, rtol=1e-6, atol=1e-6)
