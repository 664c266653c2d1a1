"""The torch integration: autograd, torch.compile, patching F.scaled_dot_product_attention,
flash_attn_func on tensors. Skipped, with the reason shown, when torch is not installed."""

import numpy as np
import pytest
import reference as ref

import umfa

torch = pytest.importorskip("torch", reason="torch is not installed; the torch tests need it")
F = torch.nn.functional


def t64(x):
    return x.detach().to(torch.float64).cpu().numpy()


def randn(*shape, dtype=torch.float32, grad=False):
    x = torch.randn(*shape, dtype=dtype)
    return x.requires_grad_(grad)


@pytest.fixture(autouse=True)
def _seed():
    torch.manual_seed(0)
    yield
    while umfa.is_patched():
        umfa.unpatch_torch()


@pytest.mark.parametrize("dtype,tol", [(torch.float32, 2e-5), (torch.float16, 3e-3), (torch.bfloat16, 2e-2)])
def test_sdpa_returns_same_kind_dtype_device(dtype, tol):
    q, k, v = (randn(2, 3, 9, 16, dtype=dtype) for _ in range(3))
    out = umfa.scaled_dot_product_attention(q, k, v, is_causal=True)
    assert isinstance(out, torch.Tensor) and out.dtype == dtype and out.device == q.device
    assert out.shape == (2, 3, 9, 16) and out.is_contiguous()
    assert ref.rel_err(t64(out), ref.sdpa(t64(q), t64(k), t64(v), is_causal=True)) < tol


CASES = [
    dict(),
    dict(is_causal=True),
    dict(scale=0.3),
    dict(attn_mask="bool"),
    dict(attn_mask="float"),
    dict(enable_gqa=True),
]


@pytest.mark.parametrize("case", range(len(CASES)))
def test_sdpa_gradients_against_reference(case):
    kw = dict(CASES[case])
    hk = 2 if kw.get("enable_gqa") else 4
    q = randn(2, 4, 7, 16, grad=True)
    k, v = randn(2, hk, 11, 16, grad=True), randn(2, hk, 11, 8, grad=True)
    mask = None
    if kw.get("attn_mask") == "bool":
        mask = torch.rand(2, 1, 7, 11) > 0.3
        mask[..., 0] = True
    elif kw.get("attn_mask") == "float":
        mask = randn(1, 4, 7, 11, grad=True)
    kw["attn_mask"] = mask
    out = umfa.scaled_dot_product_attention(q, k, v, **kw)
    d_out = torch.randn_like(out)
    out.backward(d_out)
    np_kw = dict(mask=None if mask is None else t64(mask) if mask.dtype != torch.bool else mask.numpy(),
                 scale=kw.get("scale"), causal="top_left" if kw.get("is_causal") else None)
    want_out, _ = ref.attention(t64(q), t64(k), t64(v), **np_kw)
    assert ref.rel_err(t64(out), want_out) < 2e-5
    dq, dk, dv, d_bias, _ = ref.attention_backward(t64(d_out), t64(q), t64(k), t64(v), **np_kw)
    assert ref.rel_err(t64(q.grad), dq) < 1e-4
    assert ref.rel_err(t64(k.grad), dk) < 1e-4
    assert ref.rel_err(t64(v.grad), dv) < 1e-4
    if mask is not None and mask.dtype != torch.bool:
        assert ref.rel_err(t64(mask.grad), d_bias) < 1e-4


def test_sdpa_matches_torch_with_broadcast_masks_and_gqa():
    q = randn(2, 8, 10, 32)
    k, v = randn(2, 2, 12, 32), randn(2, 2, 12, 32)
    mask = torch.rand(10, 12) > 0.2
    mask[:, 0] = True
    for kw in (dict(attn_mask=mask), dict(attn_mask=torch.randn(2, 1, 1, 12)), dict()):
        got = umfa.scaled_dot_product_attention(q, k, v, enable_gqa=True, **kw)
        want = F.scaled_dot_product_attention(q, k, v, enable_gqa=True, **kw)
        torch.testing.assert_close(got, want, rtol=1e-4, atol=1e-5)


def test_sdpa_non_contiguous_tensors():
    base = randn(2, 10, 4, 16)
    q = base.transpose(1, 2)
    k = randn(2, 4, 20, 16)[:, :, ::2]
    v = randn(2, 16, 4, 10).permute(0, 2, 3, 1)
    assert not q.is_contiguous() and not k.is_contiguous() and not v.is_contiguous()
    got = umfa.scaled_dot_product_attention(q, k, v)
    torch.testing.assert_close(got, F.scaled_dot_product_attention(q, k, v), rtol=1e-4, atol=1e-5)


def test_fully_masked_rows_zero_output_and_gradient():
    q, k, v = (randn(1, 2, 5, 8, grad=True) for _ in range(3))
    mask = torch.ones(5, 5, dtype=torch.bool)
    mask[3] = False
    out = umfa.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    out.sum().backward()
    assert torch.all(out[:, :, 3] == 0)
    assert torch.isfinite(q.grad).all() and torch.all(q.grad[:, :, 3] == 0)


def test_numpy_and_torch_give_the_same_answer():
    q, k, v = (randn(1, 2, 6, 8) for _ in range(3))
    a = umfa.scaled_dot_product_attention(q, k, v, is_causal=True)
    b = umfa.scaled_dot_product_attention(q.numpy(), k.numpy(), v.numpy(), is_causal=True)
    assert isinstance(b, np.ndarray)
    np.testing.assert_array_equal(a.numpy(), b)


def test_torch_bad_inputs():
    q = randn(1, 1, 4, 8)
    with pytest.raises(umfa.MFAUnsupported, match="dropout"):
        umfa.scaled_dot_product_attention(q, q, q, dropout_p=0.1)
    with pytest.raises(ValueError, match="float64"):
        umfa.scaled_dot_product_attention(q.double(), q.double(), q.double())
    with pytest.raises(TypeError, match="mixing"):
        umfa.scaled_dot_product_attention(q, q.numpy(), q)


def test_cuda_tensors_name_the_missing_backend():
    if not torch.cuda.is_available():
        pytest.skip("no CUDA device for torch")
    if umfa.backend_available("cuda"):
        pytest.skip("umfa's CUDA backend is present")
    q = torch.randn(1, 1, 4, 8, device="cuda")
    with pytest.raises(umfa.MFAUnsupported, match="cuda"):
        umfa.scaled_dot_product_attention(q, q, q)


def test_custom_op_registered_and_checked():
    q, k, v = (randn(1, 2, 5, 8) for _ in range(3))
    from torch.library import opcheck

    from umfa import _torch_ops

    assert hasattr(torch.ops.umfa, "attention_forward")
    args = (q, k, v, None, None, 1, -1, -1, 0.0, None, None, False, False)
    opcheck(torch.ops.umfa.attention_forward.default, args,
            test_utils=("test_schema", "test_faketensor"))
    out, lse = torch.ops.umfa.attention_forward(*args)
    bias, sinks = randn(1, 2, 5, 5), randn(2)
    bargs = (torch.randn_like(out), q, k, v, out, lse, None, bias, None, 1, -1, -1, 0.0, None, sinks, False, True, True)
    opcheck(torch.ops.umfa.attention_backward.default, bargs,
            test_utils=("test_schema", "test_faketensor"))
    # With the LSE's upstream gradient.
    bargs = bargs[:6] + (torch.randn_like(lse),) + bargs[7:]
    opcheck(torch.ops.umfa.attention_backward.default, bargs,
            test_utils=("test_schema", "test_faketensor"))
    assert _torch_ops.CAUSAL_TOP_LEFT == 1


def test_torch_compile_traces_through():
    def f(q, k, v):
        return umfa.scaled_dot_product_attention(q, k, v, is_causal=True) * 2

    q, k, v = (randn(1, 2, 8, 16, grad=True) for _ in range(3))
    try:
        compiled = torch.compile(f, backend="aot_eager", fullgraph=True)
        out = compiled(q, k, v)
    except torch._dynamo.exc.Unsupported:
        raise  # umfa's code must trace
    except Exception as e:  # pragma: no cover - depends on the torch build
        pytest.skip(f"torch.compile unavailable here: {type(e).__name__}: {e}")
    torch.testing.assert_close(out, f(q, k, v))
    out.sum().backward()
    assert q.grad is not None and torch.isfinite(q.grad).all()


# ----- patching torch.nn.functional.scaled_dot_product_attention -----


class TinyAttentionModel(torch.nn.Module):
    """Embedding -> causal self-attention (calls F.scaled_dot_product_attention) -> head."""

    def __init__(self, dim=32, heads=4, kv_heads=2):
        super().__init__()
        self.heads, self.kv_heads, self.hd = heads, kv_heads, dim // heads
        self.q = torch.nn.Linear(dim, dim)
        self.kv = torch.nn.Linear(dim, 2 * kv_heads * self.hd)
        self.o = torch.nn.Linear(dim, dim)
        self.norm = torch.nn.LayerNorm(dim)

    def forward(self, x, mask=None):
        b, s, _ = x.shape
        q = self.q(x).view(b, s, self.heads, self.hd).transpose(1, 2)
        k, v = self.kv(x).view(b, s, 2, self.kv_heads, self.hd).unbind(2)
        k, v = k.transpose(1, 2), v.transpose(1, 2)
        if mask is None:
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)
        else:
            y = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, enable_gqa=True)
        return self.norm(x + self.o(y.transpose(1, 2).reshape(b, s, -1)))


@pytest.mark.parametrize("masked", [False, True])
def test_patched_model_matches_unpatched_torch(masked):
    model = TinyAttentionModel()
    x = torch.randn(2, 12, 32)
    mask = None
    if masked:
        mask = torch.rand(2, 1, 12, 12) > 0.25
        mask[..., 0] = True

    def run():
        model.zero_grad()
        xx = x.clone().requires_grad_(True)
        y = model(xx, mask)
        (y * torch.linspace(-1, 1, y.numel()).view_as(y)).sum().backward()
        return y.detach(), xx.grad.clone(), [p.grad.clone() for p in model.parameters()]

    want = run()
    umfa.reset_fallback_counts()
    with umfa.patch_torch():
        assert umfa.is_patched()
        got = run()
    assert not umfa.is_patched()
    assert umfa.umfa_call_count() == 1 and umfa.fallback_counts() == {}
    torch.testing.assert_close(got[0], want[0], rtol=1e-4, atol=1e-5)
    torch.testing.assert_close(got[1], want[1], rtol=1e-4, atol=1e-5)
    for g, w in zip(got[2], want[2]):
        torch.testing.assert_close(g, w, rtol=1e-3, atol=1e-5)


def test_patch_falls_back_and_counts_reasons():
    q = randn(1, 2, 4, 8)
    both = dict(attn_mask=torch.ones(4, 4, dtype=torch.bool), is_causal=True)
    try:  # newer torch rejects a mask together with is_causal; older torch accepts it
        F.scaled_dot_product_attention(q, q, q, **both)
        torch_rejects_both = False
    except RuntimeError:
        torch_rejects_both = True
    umfa.reset_fallback_counts()
    umfa.patch_torch()
    try:
        assert getattr(F.scaled_dot_product_attention, "__umfa_patched__", False)
        torch.manual_seed(1)
        F.scaled_dot_product_attention(q, q, q, dropout_p=0.5)
        F.scaled_dot_product_attention(q.double(), q.double(), q.double())
        F.scaled_dot_product_attention(q, q, q)
        # the fallback is torch's own call: its behaviour, error or not, is unchanged
        if torch_rejects_both:
            with pytest.raises(RuntimeError):
                F.scaled_dot_product_attention(q, q, q, **both)
        else:
            F.scaled_dot_product_attention(q, q, q, **both)
    finally:
        umfa.unpatch_torch()
    counts = umfa.fallback_counts()
    assert counts["dropout_p > 0"] == 1
    assert counts["dtype torch.float64"] == 1
    assert counts["attn_mask with is_causal"] == 1
    assert umfa.umfa_call_count() == 1
    assert not getattr(F.scaled_dot_product_attention, "__umfa_patched__", False)


def test_patch_nests():
    original = F.scaled_dot_product_attention
    with umfa.patch_torch():
        with umfa.patch_torch():
            pass
        assert umfa.is_patched()
    assert F.scaled_dot_product_attention is original


# ----- flash_attn_func on tensors -----


def test_flash_attn_func_torch_forward_backward():
    q = randn(2, 9, 4, 16, grad=True)
    k, v = randn(2, 13, 2, 16, grad=True), randn(2, 13, 2, 16, grad=True)
    sinks = randn(4, grad=True)
    out, lse, probs = umfa.flash_attn_func(q, k, v, causal=True, softcap=3.0, sinks=sinks, return_attn_probs=True)
    assert probs is None and out.shape == (2, 9, 4, 16) and out.is_contiguous()
    assert lse.shape == (2, 4, 9) and lse.dtype == torch.float32
    d_out = torch.randn_like(out)
    out.backward(d_out)
    tr = lambda x: t64(x).transpose(0, 2, 1, 3)  # noqa: E731
    kw = dict(causal="bottom_right", softcap=3.0, sinks=t64(sinks))
    want_out, want_lse = ref.attention(tr(q), tr(k), tr(v), **kw)
    assert ref.rel_err(t64(out), want_out.transpose(0, 2, 1, 3)) < 2e-5
    np.testing.assert_allclose(t64(lse), want_lse, rtol=1e-5, atol=1e-5)
    dq, dk, dv, _, d_sinks = ref.attention_backward(tr(d_out), tr(q), tr(k), tr(v), **kw)
    assert ref.rel_err(t64(q.grad), dq.transpose(0, 2, 1, 3)) < 1e-4
    assert ref.rel_err(t64(k.grad), dk.transpose(0, 2, 1, 3)) < 1e-4
    assert ref.rel_err(t64(v.grad), dv.transpose(0, 2, 1, 3)) < 1e-4
    assert ref.rel_err(t64(sinks.grad), d_sinks) < 1e-4


def _attention64(q, k, v, sinks=None, causal=False):
    """Attention on [B, H, S, D] float64 tensors written in torch ops (H equal for q, k, v), so
    that torch's own autograd differentiates it: (out, lse)."""
    s = q @ k.transpose(-1, -2) / q.shape[-1] ** 0.5
    if causal:
        sq, sk = q.shape[-2], k.shape[-2]
        keep = torch.ones(sq, sk, dtype=torch.bool).tril(sk - sq)
        s = s.masked_fill(~keep, -torch.inf)
    if sinks is not None:
        s = torch.cat([s, sinks[None, :, None, None].expand(*s.shape[:-1], 1)], dim=-1)
    lse = torch.logsumexp(s, dim=-1)
    p = torch.exp(s - lse[..., None])[..., : k.shape[-2]]
    return p @ v, lse


@pytest.mark.parametrize("with_sinks", [False, True])
def test_lse_is_differentiable(with_sinks):
    # L = sum(out * G) + sum(lse * g): the LSE's gradient reaches q, k, v (and the sinks), as
    # torch's autograd of the float64 formula says.
    q, k, v = (randn(2, 9, 3, 16, grad=True) for _ in range(3))
    sinks = randn(3, grad=True) if with_sinks else None
    out, lse, _ = umfa.flash_attn_func(q, k, v, causal=True, sinks=sinks, return_attn_probs=True)
    assert lse.requires_grad
    g_out, g_lse = torch.randn_like(out), torch.randn_like(lse)
    ((out * g_out).sum() + (lse * g_lse).sum()).backward()
    leaves = [q, k, v] + ([sinks] if with_sinks else [])
    leaves64 = [x.detach().double().requires_grad_(True) for x in leaves]
    tr = lambda x: x.transpose(1, 2)  # noqa: E731
    out64, lse64 = _attention64(*(tr(x) for x in leaves64[:3]), sinks=leaves64[3] if with_sinks else None, causal=True)
    ((tr(out64) * g_out.double()).sum() + (lse64 * g_lse.double()).sum()).backward()
    for a, b in zip(leaves, leaves64):
        assert ref.rel_err(t64(a.grad), b.grad.numpy()) < 1e-4


def test_merge_of_partial_attention_has_full_attention_gradients():
    # Ring attention in miniature: attention over two halves of the keys, merged by LSE, is
    # attention over all keys, and so are its gradients (they flow through both LSEs).
    q = randn(2, 7, 4, 16, grad=True)
    k, v = randn(2, 12, 2, 16, grad=True), randn(2, 12, 2, 8, grad=True)
    parts = [umfa.flash_attn_func(q, k[:, s], v[:, s], return_attn_probs=True) for s in (slice(0, 5), slice(5, 12))]
    outs = [o.transpose(1, 2) for o, _, _ in parts]
    merged, lse = umfa.merge(outs, [l for _, l, _ in parts])
    g_out, g_lse = torch.randn_like(merged), torch.randn_like(lse)
    ((merged * g_out).sum() + (lse * g_lse).sum()).backward()
    got = [x.grad.clone() for x in (q, k, v)]
    for x in (q, k, v):
        x.grad = None
    out, full_lse, _ = umfa.flash_attn_func(q, k, v, return_attn_probs=True)
    torch.testing.assert_close(out.transpose(1, 2), merged, rtol=1e-5, atol=1e-5)
    ((out.transpose(1, 2) * g_out).sum() + (full_lse * g_lse).sum()).backward()
    for a, x in zip(got, (q, k, v)):
        torch.testing.assert_close(a, x.grad, rtol=1e-4, atol=1e-5)


def test_d_lse_alone_and_masked_rows():
    # Only the LSE is used (no gradient reaches out), and a fully masked row (LSE -inf) gets
    # zero gradients even where its d_lse is NaN.
    q, k, v = (randn(1, 2, 5, 8, grad=True) for _ in range(3))
    mask = torch.ones(5, 5, dtype=torch.bool)
    mask[3] = False
    from umfa import _torch_ops

    out, lse = _torch_ops.attention(q, k, v, mask=mask)  # [B, H, S, D]
    assert torch.all(lse[:, :, 3] == -torch.inf)
    g = torch.randn_like(lse)
    g[:, :, 3] = torch.nan
    lse.backward(g)
    assert all(torch.isfinite(x.grad).all() for x in (q, k, v))
    assert torch.all(q.grad[:, :, 3] == 0)
    g64 = g.double().numpy()
    want = ref.attention_backward(np.zeros(out.shape), t64(q), t64(k), t64(v), mask=mask.numpy(), d_lse=g64)
    for x, w in zip((q, k, v), want):
        assert ref.rel_err(t64(x.grad), w) < 1e-4


def test_patched_function_compiles_without_graph_breaks():
    def g(q, k, v):
        return F.scaled_dot_product_attention(q, k, v, is_causal=True).sum()

    q, k, v = (randn(1, 2, 16, 8, grad=True) for _ in range(3))
    with umfa.patch_torch():
        try:
            compiled = torch.compile(g, backend="aot_eager", fullgraph=True)
            out = compiled(q, k, v)
        except torch._dynamo.exc.Unsupported:
            raise  # umfa's code must trace
        except Exception as e:  # pragma: no cover - depends on the torch build
            pytest.skip(f"torch.compile unavailable here: {type(e).__name__}: {e}")
        out.backward()
    torch.testing.assert_close(out.detach(), g(q, k, v).detach())
    assert torch.isfinite(q.grad).all()


def test_patch_sends_gradients_to_torch_where_umfa_has_no_backward(monkeypatch):
    from umfa import _info

    table = dict(_info.statuses())
    ok, what, _ = table["cpu"]
    table["cpu"] = (ok, what, "pretend: no backward here")
    monkeypatch.setattr(_info, "_STATUS", table)
    q = randn(1, 2, 4, 8, grad=True)
    umfa.reset_fallback_counts()
    with umfa.patch_torch():
        F.scaled_dot_product_attention(q, q, q).sum().backward()
        with torch.no_grad():
            F.scaled_dot_product_attention(q, q, q)  # no gradients needed: umfa runs it
    assert umfa.fallback_counts() == {"gradients on cpu (pretend: no backward here)": 1}
    assert umfa.umfa_call_count() == 1


def test_deterministic_mode_gives_bitwise_repeatable_gradients():
    q, k, v = (randn(2, 4, 33, 16, grad=True) for _ in range(3))
    before = torch.are_deterministic_algorithms_enabled()
    torch.use_deterministic_algorithms(True)
    try:
        grads = []
        for _ in range(2):
            for x in (q, k, v):
                x.grad = None
            umfa.scaled_dot_product_attention(q, k, v, is_causal=True).pow(2).sum().backward()
            grads.append([x.grad.clone() for x in (q, k, v)])
    finally:
        torch.use_deterministic_algorithms(before)
    for a, b in zip(*grads):
        assert torch.equal(a, b)
