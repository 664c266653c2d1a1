"""The autograd Function of ``umfa.ring_attention`` on torch tensors."""

from __future__ import annotations

from typing import Any

import torch

from .ring import ring_backward, ring_forward


class RingFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx: Any, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, ring: Any, causal: bool, scale: Any) -> torch.Tensor:  # type: ignore[override]
        out, lse = ring_forward(q.detach(), k.detach(), v.detach(), ring, causal=causal, scale=scale)
        ctx.save_for_backward(q, k, v, out, lse)
        ctx.ring, ctx.causal, ctx.scale = ring, causal, scale
        return out

    @staticmethod
    def backward(ctx: Any, d_out: torch.Tensor) -> Any:  # type: ignore[override]
        q, k, v, out, lse = ctx.saved_tensors
        dq, dk, dv = ring_backward(d_out.contiguous(), q, k, v, out, lse, ctx.ring, causal=ctx.causal, scale=ctx.scale)
        return dq, dk, dv, None, None, None
