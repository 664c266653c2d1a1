"""torch integration: umfa's forward and backward as ``torch.library`` custom ops, with
autograd registered on them, so eager mode, autograd and ``torch.compile`` all see one op.

Imported lazily (only when a torch tensor reaches umfa), so NumPy users never import torch.
"""

from __future__ import annotations

from typing import Optional, Tuple

import torch
from torch import Tensor

from . import _attention

if not hasattr(torch.library, "custom_op") or not hasattr(torch.library, "register_autograd"):
    raise ImportError(f"umfa's torch integration needs torch >= 2.4 (found {torch.__version__})")

# Causal alignment as an int in the op schema: 0 none, 1 top-left (torch), 2 bottom-right (FA2).
CAUSAL_NONE, CAUSAL_TOP_LEFT, CAUSAL_BOTTOM_RIGHT = 0, 1, 2
_CAUSAL = {CAUSAL_NONE: None, CAUSAL_TOP_LEFT: "top_left", CAUSAL_BOTTOM_RIGHT: "bottom_right"}


def _out_like(q: Tensor, v: Tensor, bshd_out: bool) -> Tensor:
    b, h, sq, _ = q.shape
    dv = v.shape[3]
    if bshd_out:
        # FlashAttention returns [B, S, H, D] contiguous; give the kernel that buffer through a
        # [B, H, S, D] view so no transposing copy is needed afterwards.
        return q.new_empty((b, sq, h, dv)).transpose(1, 2)
    return q.new_empty((b, h, sq, dv))


@torch.library.custom_op("umfa::attention_forward", mutates_args=())
def attention_forward(
    q: Tensor,
    k: Tensor,
    v: Tensor,
    mask: Optional[Tensor],
    scale: Optional[float],
    causal: int,
    window_left: int,
    window_right: int,
    softcap: float,
    alibi_slopes: Optional[Tensor],
    sinks: Optional[Tensor],
    deterministic: bool,
    bshd_out: bool,
) -> Tuple[Tensor, Tensor]:
    """``(out [B,Hq,Sq,Dv], lse [B,Hq,Sq] f32)`` for ``[B, H, S, D]`` inputs."""
    return _attention.forward4(
        q,
        k,
        v,
        mask=mask,
        scale=scale,
        causal=_CAUSAL[causal],
        window=(window_left, window_right),
        softcap=softcap,
        alibi_slopes=alibi_slopes,
        sinks=sinks,
        deterministic=deterministic,
        out=_out_like(q, v, bshd_out),
    )


@attention_forward.register_fake
def _attention_forward_fake(q, k, v, *args):  # type: ignore[no-untyped-def]
    bshd_out = args[-1]
    b, h, sq, _ = q.shape
    return _out_like(q, v, bshd_out), q.new_empty((b, h, sq), dtype=torch.float32)


def _d_bias_shape(mask: Optional[Tensor], want: bool) -> Tuple[int, ...]:
    if want and mask is not None and mask.dtype != torch.bool:
        return tuple(mask.shape)
    return (0,)


@torch.library.custom_op("umfa::attention_backward", mutates_args=())
def attention_backward(
    d_out: Tensor,
    q: Tensor,
    k: Tensor,
    v: Tensor,
    out: Tensor,
    lse: Tensor,
    d_lse: Optional[Tensor],
    mask: Optional[Tensor],
    scale: Optional[float],
    causal: int,
    window_left: int,
    window_right: int,
    softcap: float,
    alibi_slopes: Optional[Tensor],
    sinks: Optional[Tensor],
    deterministic: bool,
    want_d_bias: bool,
    want_d_sinks: bool,
) -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor]:
    """``(dq, dk, dv, d_bias, d_sinks)``; d_bias / d_sinks are empty when not wanted. ``d_lse``
    is the gradient of the loss with respect to the LSE (None: the loss does not read it)."""
    dq, dk, dv, d_bias, d_sinks = _attention.backward4(
        d_out,
        q,
        k,
        v,
        out,
        lse,
        mask=mask,
        scale=scale,
        causal=_CAUSAL[causal],
        window=(window_left, window_right),
        softcap=softcap,
        alibi_slopes=alibi_slopes,
        sinks=sinks,
        deterministic=deterministic,
        want_d_bias=bool(_d_bias_shape(mask, want_d_bias) != (0,)),
        want_d_sinks=want_d_sinks and sinks is not None,
        d_lse=d_lse,
    )
    d_bias = q.new_empty((0,), dtype=torch.float32) if d_bias is None else d_bias.to(mask.dtype)  # type: ignore[union-attr]
    d_sinks = q.new_empty((0,), dtype=torch.float32) if d_sinks is None else d_sinks.to(sinks.dtype)  # type: ignore[union-attr]
    return dq, dk, dv, d_bias, d_sinks


@attention_backward.register_fake
def _attention_backward_fake(d_out, q, k, v, out, lse, d_lse, mask, *args):  # type: ignore[no-untyped-def]
    sinks, want_d_bias, want_d_sinks = args[6], args[8], args[9]
    shape = _d_bias_shape(mask, want_d_bias)
    d_bias = q.new_empty(shape, dtype=mask.dtype if shape != (0,) else torch.float32)
    if want_d_sinks and sinks is not None:
        d_sinks = q.new_empty(tuple(sinks.shape), dtype=sinks.dtype)
    else:
        d_sinks = q.new_empty((0,), dtype=torch.float32)
    return torch.empty_like(q), torch.empty_like(k), torch.empty_like(v), d_bias, d_sinks


def _setup_context(ctx, inputs, output):  # type: ignore[no-untyped-def]
    (q, k, v, mask, scale, causal, wl, wr, softcap, alibi, sinks, deterministic, _bshd) = inputs
    out, lse = output
    # The LSE is differentiable: a loss that reads it (a merge of partial results by LSE, ring
    # attention) sends its gradient to the backward as d_lse.
    ctx.save_for_backward(q, k, v, out, lse, mask, alibi, sinks)
    ctx.options = (scale, causal, wl, wr, softcap, deterministic)


def _backward(ctx, d_out, d_lse):  # type: ignore[no-untyped-def]
    q, k, v, out, lse, mask, alibi, sinks = ctx.saved_tensors
    scale, causal, wl, wr, softcap, deterministic = ctx.options
    needs = ctx.needs_input_grad
    want_d_bias = bool(needs[3]) and mask is not None and mask.dtype != torch.bool
    want_d_sinks = bool(needs[10]) and sinks is not None
    if d_out is None:
        d_out = torch.zeros_like(out)
    if d_lse is not None and d_lse.dtype != torch.float32:
        d_lse = d_lse.float()
    dq, dk, dv, d_bias, d_sinks = attention_backward(
        d_out, q, k, v, out, lse, d_lse, mask, scale, causal, wl, wr, softcap, alibi, sinks,
        deterministic, want_d_bias, want_d_sinks,
    )
    return (
        dq,
        dk,
        dv,
        d_bias if want_d_bias else None,
        None, None, None, None, None, None,
        d_sinks if want_d_sinks else None,
        None, None,
    )


torch.library.register_autograd("umfa::attention_forward", _backward, setup_context=_setup_context)


def attention(
    q: Tensor,
    k: Tensor,
    v: Tensor,
    mask: Optional[Tensor] = None,
    scale: Optional[float] = None,
    causal: int = CAUSAL_NONE,
    window: Tuple[int, int] = (-1, -1),
    softcap: float = 0.0,
    alibi_slopes: Optional[Tensor] = None,
    sinks: Optional[Tensor] = None,
    deterministic: bool = False,
    bshd_out: bool = False,
) -> Tuple[Tensor, Tensor]:
    """Differentiable ``(out, lse)`` for ``[B, H, S, D]`` tensors."""
    return attention_forward(
        q, k, v, mask, None if scale is None else float(scale), int(causal),
        int(window[0]), int(window[1]), float(softcap), alibi_slopes, sinks,
        bool(deterministic), bool(bshd_out),
    )
