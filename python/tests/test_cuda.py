"""torch CUDA tensors on umfa's CUDA backend: zero-copy, on torch's current stream, against
torch's own SDPA. Skipped, with the reason, without a GPU, torch, or umfa's CUDA backend."""

import pytest

import umfa

torch = pytest.importorskip("torch", reason="torch is not installed; the CUDA tests need it")
F = torch.nn.functional

if not torch.cuda.is_available():
    pytest.skip("torch sees no CUDA device", allow_module_level=True)
if not umfa.backend_available("cuda"):
    why = [w for n, ok, w in umfa.backends() if n == "cuda"]
    pytest.skip(f"umfa's CUDA backend is unavailable: {why}", allow_module_level=True)

TOL = {torch.float32: (2e-4, 2e-5), torch.float16: (2e-3, 2e-3), torch.bfloat16: (2e-2, 1e-2)}


def run_or_skip(fn):
    try:
        return fn()
    except umfa.MFAUnsupported as e:
        pytest.skip(f"not supported by umfa's CUDA backend yet: {e}")


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16, torch.float32])
@pytest.mark.parametrize("kw", [{}, {"is_causal": True}, {"mask": True}, {"gqa": True}])
def test_forward_matches_torch(dtype, kw):
    torch.manual_seed(0)
    hk = 2 if kw.get("gqa") else 8
    q = torch.randn(2, 8, 200, 64, device="cuda", dtype=dtype)
    k = torch.randn(2, hk, 300, 64, device="cuda", dtype=dtype)
    v = torch.randn(2, hk, 300, 64, device="cuda", dtype=dtype)
    args = dict(is_causal=kw.get("is_causal", False), enable_gqa=bool(kw.get("gqa")))
    if kw.get("mask"):
        m = torch.rand(2, 1, 200, 300, device="cuda") > 0.2
        m[..., 0] = True
        args["attn_mask"] = m
    got = run_or_skip(lambda: umfa.scaled_dot_product_attention(q, k, v, **args))
    assert got.device == q.device and got.dtype == dtype
    want = F.scaled_dot_product_attention(q.float(), k.float(), v.float(), **args)
    rtol, atol = TOL[dtype]
    torch.testing.assert_close(got.float(), want, rtol=rtol, atol=atol)


def test_runs_on_the_current_stream():
    torch.manual_seed(0)
    q, k, v = (torch.randn(4, 8, 512, 64, device="cuda", dtype=torch.float16) for _ in range(3))
    want = F.scaled_dot_product_attention(q.float(), k.float(), v.float())
    s = torch.cuda.Stream()
    s.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(s):
        qq = q * 1  # produced on s: umfa must order after it without a device-wide sync
        got = run_or_skip(lambda: umfa.scaled_dot_product_attention(qq, k, v))
    torch.cuda.current_stream().wait_stream(s)
    torch.testing.assert_close(got.float(), want, rtol=2e-3, atol=2e-3)


def test_backward_matches_torch():
    torch.manual_seed(0)
    q, k, v = (torch.randn(2, 4, 128, 64, device="cuda", dtype=torch.float16, requires_grad=True) for _ in range(3))
    out = run_or_skip(lambda: umfa.scaled_dot_product_attention(q, k, v, is_causal=True))
    g = torch.randn_like(out)
    run_or_skip(lambda: out.backward(g))
    q2, k2, v2 = (x.detach().float().requires_grad_(True) for x in (q, k, v))
    F.scaled_dot_product_attention(q2, k2, v2, is_causal=True).backward(g.float())
    for a, b in ((q.grad, q2.grad), (k.grad, k2.grad), (v.grad, v2.grad)):
        torch.testing.assert_close(a.float(), b, rtol=1e-2, atol=1e-2)


def test_flash_attn_func_on_cuda():
    torch.manual_seed(0)
    q = torch.randn(2, 100, 8, 128, device="cuda", dtype=torch.bfloat16)
    k, v = (torch.randn(2, 150, 2, 128, device="cuda", dtype=torch.bfloat16) for _ in range(2))
    out, lse, _ = run_or_skip(lambda: umfa.flash_attn_func(q, k, v, causal=True, return_attn_probs=True))
    # bottom-right causal as an explicit mask for torch
    i = torch.arange(100, device="cuda")[:, None]
    j = torch.arange(150, device="cuda")[None, :]
    mask = j <= i + 50
    want = F.scaled_dot_product_attention(*(x.transpose(1, 2).float() for x in (q, k, v)), attn_mask=mask, enable_gqa=True)
    torch.testing.assert_close(out.float(), want.transpose(1, 2), rtol=2e-2, atol=1e-2)
    assert lse.shape == (2, 8, 100) and lse.dtype == torch.float32


def test_patched_sdpa_on_cuda():
    torch.manual_seed(0)
    q, k, v = (torch.randn(2, 4, 64, 64, device="cuda", dtype=torch.float16) for _ in range(3))
    want = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    umfa.reset_fallback_counts()
    with umfa.patch_torch():
        with torch.no_grad():
            got = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        qg = q.clone().requires_grad_(True)
        F.scaled_dot_product_attention(qg, k, v, is_causal=True).sum().backward()
    torch.testing.assert_close(got, want, rtol=2e-3, atol=2e-3)
    assert umfa.umfa_call_count() == 1
    if umfa._info.backward_unsupported("cuda") is None:
        assert umfa.fallback_counts() == {}
    else:  # the call that needs gradients went to torch, and was counted
        assert sum(umfa.fallback_counts().values()) == 1
    assert qg.grad is not None
