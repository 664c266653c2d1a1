"""The float64 NumPy reference the tests compare umfa against: a direct transcription of
SPEC.md's formulas with the score matrix materialised (fine at test sizes)."""

from __future__ import annotations

import numpy as np


def _visible(sq, sk, causal, window):
    i = np.arange(sq)[:, None]
    j = np.arange(sk)[None, :]
    vis = np.ones((sq, sk), dtype=bool)
    diag = sk - sq
    if causal == "top_left":
        vis &= j <= i
    elif causal == "bottom_right":
        vis &= j <= i + diag
    if window is not None:
        left, right = window
        if left >= 0:
            vis &= j >= i + diag - left
        if right >= 0:
            vis &= j <= i + diag + right
    return vis


def _scores(q, k, scale, softcap, alibi, mask, causal, window):
    """q [..., H, Sq, D], k [..., H, Sk, D] (heads already matched): the logits, their softcap
    derivative factor, and the visibility."""
    sq, sk = q.shape[-2], k.shape[-2]
    s = scale * (q @ np.swapaxes(k, -1, -2))
    dcap = np.ones_like(s)
    if softcap:
        t = np.tanh(s / softcap)
        s = softcap * t
        dcap = 1.0 - t * t
    if alibi is not None:
        i = np.arange(sq)[:, None]
        j = np.arange(sk)[None, :]
        dist = np.abs(j - (i + sk - sq)).astype(np.float64)
        slopes = np.asarray(alibi, dtype=np.float64)
        s = s - slopes[..., None, None] * dist
    vis = np.broadcast_to(_visible(sq, sk, causal, window), s.shape)
    if mask is not None:
        m = np.asarray(mask)
        if m.dtype == np.bool_:
            vis = vis & np.broadcast_to(m, s.shape)
        else:
            s = s + m.astype(np.float64)
    return s, dcap, vis


def attention(q, k, v, *, mask=None, scale=None, causal=None, window=None, softcap=0.0,
              alibi=None, sinks=None):
    """[B?.., Hq, Sq, D] inputs (GQA: k/v heads repeated) -> (out, lse) in float64."""
    q, k, v = (np.asarray(x, dtype=np.float64) for x in (q, k, v))
    g = q.shape[-3] // k.shape[-3] if q.ndim >= 3 else 1
    if g > 1:
        k, v = np.repeat(k, g, axis=-3), np.repeat(v, g, axis=-3)
    scale = 1.0 / np.sqrt(q.shape[-1]) if scale is None else scale
    s, _, vis = _scores(q, k, scale, softcap, alibi, mask, causal, window)
    s = np.where(vis, s, -np.inf)
    m = s.max(axis=-1, keepdims=True)
    if sinks is not None:
        sk_ = np.asarray(sinks, dtype=np.float64)[:, None, None]
        m = np.maximum(m, np.broadcast_to(sk_, m.shape))
    m_safe = np.where(np.isfinite(m), m, 0.0)
    e = np.where(vis, np.exp(s - m_safe), 0.0)
    den = e.sum(axis=-1, keepdims=True)
    if sinks is not None:
        den = den + np.exp(sk_ - m_safe)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(den > 0, e / den, 0.0)
        lse = np.where(den[..., 0] > 0, np.log(den[..., 0]) + m_safe[..., 0], -np.inf)
    return p @ v, lse


def attention_backward(d_out, q, k, v, *, mask=None, scale=None, causal=None, window=None,
                       softcap=0.0, alibi=None, sinks=None, d_lse=None):
    """4-D [B, Hq, Sq, D] inputs -> (dq, dk, dv, d_bias (mask's shape) or None, d_sinks or None).
    ``d_lse`` [B, Hq, Sq]: the loss also reads the LSE; since d lse / d s = p it joins delta
    (delta - d_lse), except on rows whose LSE is -inf (no probabilities to carry it)."""
    q, k, v, d_out = (np.asarray(x, dtype=np.float64) for x in (q, k, v, d_out))
    hq, hk = q.shape[1], k.shape[1]
    g = hq // hk
    kk, vv = np.repeat(k, g, axis=1), np.repeat(v, g, axis=1)
    scale = 1.0 / np.sqrt(q.shape[-1]) if scale is None else scale
    out, lse = attention(q, k, v, mask=mask, scale=scale, causal=causal, window=window,
                         softcap=softcap, alibi=alibi, sinks=sinks)
    s, dcap, vis = _scores(q, kk, scale, softcap, alibi, mask, causal, window)
    finite = np.isfinite(lse)[..., None]
    lse_safe = np.where(np.isfinite(lse), lse, 0.0)[..., None]
    p = np.where(vis & finite, np.exp(np.where(vis, s, 0.0) - lse_safe), 0.0)
    dp = d_out @ np.swapaxes(vv, -1, -2)
    delta = (d_out * out).sum(-1, keepdims=True)
    if d_lse is not None:
        g_lse = np.asarray(d_lse, dtype=np.float64)[..., None]
        delta = delta - np.where(finite, g_lse, 0.0)
    ds = p * (dp - delta)
    d_bias = None
    if mask is not None and np.asarray(mask).dtype != np.bool_:
        m = np.asarray(mask)
        full = ds
        # sum over the dims the mask broadcast along
        extra = full.ndim - m.ndim
        full = full.sum(axis=tuple(range(extra))) if extra else full
        axes = tuple(a for a, n in enumerate(m.shape) if n == 1 and full.shape[a] != 1)
        d_bias = full.sum(axis=axes, keepdims=True) if axes else full
    dsr = ds * dcap * scale
    dq = dsr @ kk
    dk_full = np.swapaxes(dsr, -1, -2) @ q
    dv_full = np.swapaxes(p, -1, -2) @ d_out
    b, _, sk, d = k.shape
    dk = dk_full.reshape(b, hk, g, sk, d).sum(2)
    dv = dv_full.reshape(b, hk, g, sk, v.shape[-1]).sum(2)
    d_sinks = None
    if sinks is not None:
        sink = np.asarray(sinks, dtype=np.float64)[None, :, None]
        p_sink = np.where(np.isfinite(lse), np.exp(sink - lse_safe[..., 0]), 0.0)
        d_sinks = -(p_sink * delta[..., 0]).sum(axis=(0, 2))
    return dq, dk, dv, d_bias, d_sinks


def sdpa(query, key, value, attn_mask=None, is_causal=False, scale=None, enable_gqa=False):
    """torch's scaled_dot_product_attention semantics in float64 (shapes (N..., L, E))."""
    q, k, v = (np.asarray(x, dtype=np.float64) for x in (query, key, value))
    if enable_gqa and k.shape[-3] != q.shape[-3]:
        g = q.shape[-3] // k.shape[-3]
        k, v = np.repeat(k, g, axis=-3), np.repeat(v, g, axis=-3)
    out, _ = attention(q, k, v, mask=attn_mask, scale=scale,
                       causal="top_left" if is_causal else None)
    return out


def rel_err(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.abs(a - b).max() / max(np.abs(b).max(), 1e-6))
