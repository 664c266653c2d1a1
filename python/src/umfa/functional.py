"""The functional API: torch's ``scaled_dot_product_attention``, FlashAttention-2's
``flash_attn_func``, and the low-level ``attention_forward`` / ``attention_backward``.

Every function accepts NumPy arrays or torch tensors and returns the same kind, dtype and
device. Inputs may have any strides (transposed, sliced, broadcast views are read in place).
"""

from __future__ import annotations

import math
from typing import Any, Optional, Tuple

import numpy as np

from . import _attention
from ._errors import MFAUnsupported
from ._tensors import float_name, is_numpy, is_torch, positive_strides

_CAUSAL_CODES = {None: 0, "top_left": 1, "bottom_right": 2}


def _torch_ops() -> Any:
    from . import _torch_ops

    return _torch_ops


def _kind(arrays: Tuple[Any, ...], names: Tuple[str, ...]) -> str:
    """"torch" or "numpy"; every given array must be of that kind."""
    kinds = []
    for x, name in zip(arrays, names):
        if x is None:
            continue
        if is_torch(x):
            kinds.append("torch")
        elif is_numpy(x):
            kinds.append("numpy")
        else:
            raise TypeError(f"{name}: expected a NumPy array or a torch tensor, got {type(x).__name__}")
    if len(set(kinds)) > 1:
        raise TypeError("mixing NumPy arrays and torch tensors in one call is not supported")
    return kinds[0]


def _check_float(x: Any, name: str) -> str:
    dt = float_name(x)
    if dt is None:
        raise ValueError(
            f"{name}: dtype {x.dtype} is not supported; umfa computes in float16, bfloat16 or "
            "float32 (cast float64 inputs to float32)"
        )
    return dt


def _check_dropout(dropout_p: float) -> None:
    if dropout_p != 0.0:
        raise MFAUnsupported(
            3, f"dropout_p is {dropout_p}; umfa does not implement dropout (use 0.0), as FlashAttention-3"
        )


def _broadcast(x: Any, shape: Tuple[int, ...]) -> Any:
    if tuple(x.shape) == tuple(shape):
        return x
    if is_torch(x):
        return x.expand(shape)
    return np.broadcast_to(x, shape)


def _lead_to_bh(lead: Tuple[int, ...]) -> Tuple[int, int]:
    """Leading (batch..., heads) dims folded into umfa's [B, H]: the last one is the heads."""
    if len(lead) == 0:
        return 1, 1
    if len(lead) == 1:
        return 1, int(lead[0])
    return int(math.prod(lead[:-1])), int(lead[-1])


def _broadcast_shapes(a: Tuple[int, ...], b: Tuple[int, ...], what: str) -> Tuple[int, ...]:
    try:
        return tuple(np.broadcast_shapes(tuple(a), tuple(b)))
    except ValueError:
        raise ValueError(f"{what}: shapes {tuple(a)} and {tuple(b)} do not broadcast") from None


def sdpa_views(
    query: Any, key: Any, value: Any, attn_mask: Any, enable_gqa: bool
) -> Tuple[Any, Any, Any, Any, Tuple[int, ...]]:
    """torch's SDPA shapes ``(N..., L, E)`` as umfa's ``[B, H, S, D]`` views:
    ``(q4, k4, v4, mask4, leading dims of the output)``."""
    for x, name in ((query, "query"), (key, "key"), (value, "value")):
        if x.ndim < 2:
            raise ValueError(f"{name} must have at least 2 dimensions (..., seq_len, head_dim), got shape {tuple(x.shape)}")
    qs, ks, vs = tuple(query.shape), tuple(key.shape), tuple(value.shape)
    if qs[-1] != ks[-1]:
        raise ValueError(f"query and key must share the head dimension: query {qs}, key {ks}")
    if ks[-2] != vs[-2]:
        raise ValueError(f"key and value must share the sequence length: key {ks}, value {vs}")
    sq, sk = qs[-2], ks[-2]
    lead = qs[:-2]
    if enable_gqa:
        if query.ndim < 3 or key.ndim < 3 or value.ndim < 3:
            raise ValueError("enable_gqa needs a heads dimension (..., heads, seq_len, head_dim)")
        hq, hk, hv = qs[-3], ks[-3], vs[-3]
        if hk != hv:
            raise ValueError(f"key and value must have the same number of heads, got {hk} and {hv}")
        if hk == 0 or hq % hk != 0:
            raise ValueError(f"with enable_gqa, query's {hq} heads must be a multiple of key's {hk}")
        batch = qs[:-3]
        for s, name in ((ks, "key"), (vs, "value")):
            if _broadcast_shapes(s[:-3], batch, f"{name} batch dims") != batch:
                raise ValueError(f"{name} batch dims {s[:-3]} do not broadcast to query's {batch}")
        k_lead, v_lead = batch + (hk,), batch + (hk,)
    else:
        for s, name in ((ks, "key"), (vs, "value")):
            try:
                fits = tuple(np.broadcast_shapes(s[:-2], lead)) == lead
            except ValueError:
                fits = False
            if not fits:
                raise ValueError(
                    f"{name} leading dims {s[:-2]} do not broadcast to query's {lead} "
                    "(different head counts need enable_gqa=True)"
                )
        k_lead, v_lead = lead, lead
    b, h = _lead_to_bh(lead)
    hk4 = _lead_to_bh(k_lead)[1]
    q4 = query.reshape(b, h, sq, qs[-1])
    k4 = _broadcast(key, k_lead + ks[-2:]).reshape(b, hk4, sk, ks[-1])
    v4 = _broadcast(value, v_lead + vs[-2:]).reshape(b, hk4, sk, vs[-1])
    mask4 = None
    if attn_mask is not None:
        m = attn_mask
        if m.ndim == 0:
            raise ValueError("attn_mask must have at least 1 dimension")
        full = lead + (sq, sk)
        if _broadcast_shapes(tuple(m.shape), full, "attn_mask") != full:
            raise ValueError(f"attn_mask of shape {tuple(m.shape)} does not broadcast to {full}")
        while m.ndim > len(full):
            m = m[0]  # leading size-1 dims beyond the output's rank
        if m.ndim > 4:
            # Fold the extra batch dims like the query's; stride-0 broadcasting survives
            # whenever the dims merge, otherwise this copies.
            m = _broadcast(m, full).reshape(b, h, sq, sk)
        mask4 = m
    return q4, k4, v4, mask4, lead


def scaled_dot_product_attention(
    query: Any,
    key: Any,
    value: Any,
    attn_mask: Any = None,
    dropout_p: float = 0.0,
    is_causal: bool = False,
    scale: Optional[float] = None,
    enable_gqa: bool = False,
) -> Any:
    """``torch.nn.functional.scaled_dot_product_attention``, computed by umfa.

    Same signature and semantics: shapes ``(N..., L, E)``, ``(N..., S, E)``, ``(N..., S, Ev)``;
    ``is_causal`` is top-left aligned (key j visible iff j <= i); a boolean ``attn_mask`` is
    True where a query may attend, a float mask is added to the scores, and masks broadcast
    against ``(N..., L, S)``; ``scale`` defaults to ``1/sqrt(E)``; ``enable_gqa`` lets
    ``key``/``value`` have fewer heads (dim -3) than ``query``. Rows with no visible key give 0
    (as torch >= 2.5). ``dropout_p > 0`` raises ``MFAUnsupported``.

    Accepts torch tensors (differentiable: umfa's backward runs under autograd, and the op is a
    ``torch.library`` custom op, so ``torch.compile`` traces it) and NumPy arrays; returns the
    same kind, dtype and device. CPU tensors compute on umfa's CPU backend; CUDA tensors on
    umfa's CUDA backend, on torch's current stream (an ``MFAUnsupported`` error names the backend
    where it is missing). ``torch.use_deterministic_algorithms(True)`` selects umfa's
    deterministic backward.
    """
    kind = _kind((query, key, value, attn_mask), ("query", "key", "value", "attn_mask"))
    _check_dropout(dropout_p)
    if is_causal and attn_mask is not None:
        raise ValueError("attn_mask and is_causal cannot both be set (as in torch)")
    dt = _check_float(query, "query")
    for x, name in ((key, "key"), (value, "value")):
        if _check_float(x, name) != dt:
            raise ValueError(f"query, key and value must share a dtype: query is {query.dtype}, {name} is {x.dtype}")
    q4, k4, v4, mask4, lead = sdpa_views(query, key, value, attn_mask, enable_gqa)
    causal = "top_left" if is_causal else None
    if kind == "torch":
        import torch

        # torch's switch for reproducible kernels selects umfa's deterministic backward.
        deterministic = torch.are_deterministic_algorithms_enabled()
        out4, _ = _torch_ops().attention(q4, k4, v4, mask4, scale, _CAUSAL_CODES[causal], deterministic=deterministic)
    else:
        out4, _ = _attention.forward4(q4, k4, v4, mask=mask4, scale=scale, causal=causal)
    return out4.reshape(tuple(lead) + (q4.shape[2], v4.shape[3]))


def flash_attn_func(
    q: Any,
    k: Any,
    v: Any,
    dropout_p: float = 0.0,
    softmax_scale: Optional[float] = None,
    causal: bool = False,
    window_size: Tuple[int, int] = (-1, -1),
    softcap: float = 0.0,
    alibi_slopes: Any = None,
    deterministic: bool = False,
    return_attn_probs: bool = False,
    *,
    sinks: Any = None,
    attn_mask: Any = None,
) -> Any:
    """FlashAttention-2's ``flash_attn_func``, computed by umfa.

    ``q (B, Sq, Hq, D)``, ``k (B, Sk, Hkv, D)``, ``v (B, Sk, Hkv, Dv)`` with ``Hq`` a multiple of
    ``Hkv``; returns ``out (B, Sq, Hq, Dv)``. ``causal`` is bottom-right aligned (key j visible
    iff ``j <= i + Sk - Sq``); ``window_size=(left, right)`` with -1 unbounded; ``softcap``
    > 0 applies ``softcap * tanh(s / softcap)``; ``alibi_slopes`` f32 ``(Hq,)`` or ``(B, Hq)``
    adds ``-slope * |i + Sk - Sq - j|``. With ``return_attn_probs`` it returns
    ``(out, softmax_lse, None)``: the LSE ``(B, Hq, Sq)`` f32 in natural log (attention
    probabilities are never materialised, hence None).

    Extensions (keyword only): ``sinks`` f32 ``(Hq,)`` per-head sink logits that join the
    softmax denominator; ``attn_mask``, boolean (True = attend) or additive, broadcast against
    ``(B, Hq, Sq, Sk)``. ``dropout_p > 0`` raises ``MFAUnsupported``.
    """
    kind = _kind((q, k, v, alibi_slopes, sinks, attn_mask), ("q", "k", "v", "alibi_slopes", "sinks", "attn_mask"))
    _check_dropout(dropout_p)
    for x, name in ((q, "q"), (k, "k"), (v, "v")):
        if x.ndim != 4:
            raise ValueError(f"{name} must have 4 dimensions (batch, seq_len, heads, head_dim), got shape {tuple(x.shape)}")
    dt = _check_float(q, "q")
    for x, name in ((k, "k"), (v, "v")):
        if _check_float(x, name) != dt:
            raise ValueError(f"q, k and v must share a dtype: q is {q.dtype}, {name} is {x.dtype}")
    if len(tuple(window_size)) != 2:
        raise ValueError(f"window_size must be (left, right), got {window_size!r}")
    window = (int(window_size[0]), int(window_size[1]))
    q4, k4, v4 = (x.swapaxes(1, 2) for x in (q, k, v))
    causal_s = "bottom_right" if causal else None
    if kind == "torch":
        out4, lse = _torch_ops().attention(
            q4, k4, v4, attn_mask, softmax_scale, _CAUSAL_CODES[causal_s], window, softcap,
            alibi_slopes, sinks, deterministic, bshd_out=True,
        )
    else:
        q4, k4, v4 = (positive_strides(x) for x in (q4, k4, v4))
        b, sq, hq, _ = q.shape
        out = np.empty((b, sq, hq, v.shape[3]), dtype=q.dtype)
        out4, lse = _attention.forward4(
            q4, k4, v4, mask=attn_mask, scale=softmax_scale, causal=causal_s, window=window,
            softcap=softcap, alibi_slopes=alibi_slopes, sinks=sinks, deterministic=deterministic,
            out=out.swapaxes(1, 2),
        )
    out = out4.swapaxes(1, 2)
    if return_attn_probs:
        return out, lse, None
    return out


def attention_forward(
    q: Any,
    k: Any,
    v: Any,
    *,
    attn_mask: Any = None,
    scale: Optional[float] = None,
    causal: Optional[str] = None,
    window_size: Tuple[int, int] = (-1, -1),
    softcap: float = 0.0,
    alibi_slopes: Any = None,
    sinks: Any = None,
) -> Tuple[Any, Any]:
    """umfa's own forward on ``[B, H, S, D]`` arrays (no autograd): returns ``(out, lse)``,
    ``out [B, Hq, Sq, Dv]`` in q's dtype and ``lse [B, Hq, Sq]`` float32 (natural log).
    ``causal`` is None, ``"top_left"`` or ``"bottom_right"``; the rest as in ``flash_attn_func``.
    """
    _kind((q, k, v, attn_mask, alibi_slopes, sinks), ("q", "k", "v", "attn_mask", "alibi_slopes", "sinks"))
    _check_4d_same_dtype(q, k, v)
    _check_causal(causal)
    return _attention.forward4(
        q, k, v, mask=attn_mask, scale=scale, causal=causal, window=tuple(window_size),  # type: ignore[arg-type]
        softcap=softcap, alibi_slopes=alibi_slopes, sinks=sinks,
    )


def attention_backward(
    d_out: Any,
    q: Any,
    k: Any,
    v: Any,
    out: Any,
    lse: Any,
    *,
    attn_mask: Any = None,
    scale: Optional[float] = None,
    causal: Optional[str] = None,
    window_size: Tuple[int, int] = (-1, -1),
    softcap: float = 0.0,
    alibi_slopes: Any = None,
    sinks: Any = None,
    deterministic: bool = False,
    d_lse: Any = None,
) -> Tuple[Any, Any, Any, Any, Any]:
    """umfa's backward on ``[B, H, S, D]`` arrays, from the forward's ``out`` and ``lse``:
    returns ``(dq, dk, dv, d_mask, d_sinks)``. ``d_mask`` (float32, the mask's shape) is given
    for an additive ``attn_mask``, ``d_sinks`` (float32) when ``sinks`` are; otherwise None.
    ``d_lse`` (float32 ``[B, Hq, Sq]``) is the gradient of the loss with respect to ``lse``, for
    a loss that reads it. The options must be those of the forward."""
    _kind((d_out, q, k, v, out, lse, d_lse), ("d_out", "q", "k", "v", "out", "lse", "d_lse"))
    _check_4d_same_dtype(q, k, v)
    _check_causal(causal)
    return _attention.backward4(
        d_out, q, k, v, out, lse, mask=attn_mask, scale=scale, causal=causal,
        window=tuple(window_size), softcap=softcap, alibi_slopes=alibi_slopes, sinks=sinks,  # type: ignore[arg-type]
        deterministic=deterministic, want_d_bias=attn_mask is not None, want_d_sinks=sinks is not None,
        d_lse=d_lse,
    )


def _check_4d_same_dtype(q: Any, k: Any, v: Any) -> None:
    for x, name in ((q, "q"), (k, "k"), (v, "v")):
        if x.ndim != 4:
            raise ValueError(f"{name} must have 4 dimensions [batch, heads, seq_len, head_dim], got shape {tuple(x.shape)}")
    dt = _check_float(q, "q")
    for x, name in ((k, "k"), (v, "v")):
        if _check_float(x, name) != dt:
            raise ValueError(f"q, k and v must share a dtype: q is {q.dtype}, {name} is {x.dtype}")


def _check_causal(causal: Optional[str]) -> None:
    if causal not in _CAUSAL_CODES:
        raise ValueError(f'causal must be None, "top_left" or "bottom_right", got {causal!r}')
