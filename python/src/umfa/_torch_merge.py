"""torch autograd for ``umfa.merge``: a ``torch.autograd.Function`` whose forward is the native
merge and whose backward is the native merge backward. Imported lazily (only when torch tensors
that require grad reach ``umfa.merge``)."""

from __future__ import annotations

from typing import Any, List, Optional, Tuple

import torch

from . import _merge


class _Merge(torch.autograd.Function):
    @staticmethod
    def forward(ctx: Any, n: int, out_dtype: Optional[str], backend: Optional[str], *tensors: torch.Tensor):  # type: ignore[override]
        outs, lses = list(tensors[:n]), list(tensors[n:])
        out, lse = _merge.merge_arrays(outs, lses, out_dtype, backend)
        ctx.save_for_backward(*tensors)
        ctx.n, ctx.backend = n, backend
        ctx.set_materialize_grads(False)
        return out, lse

    @staticmethod
    def backward(ctx: Any, d_out: Optional[torch.Tensor], d_lse: Optional[torch.Tensor]):  # type: ignore[override]
        tensors = ctx.saved_tensors
        n = ctx.n
        outs, lses = list(tensors[:n]), list(tensors[n:])
        needs = ctx.needs_input_grad[3:]
        if d_out is None:
            # Only the merged LSE was used: dO = 0.
            d_out = torch.zeros(outs[0].shape, dtype=torch.float32, device=outs[0].device)
        d_outs, d_lses = _merge.merge_backward(
            outs,
            lses,
            d_out,
            d_lse,
            want_d_outs=needs[:n],
            want_d_lses=needs[n:],
            backend=ctx.backend,
        )
        return (None, None, None, *d_outs, *d_lses)


def merge_autograd(
    outs: List[torch.Tensor], lses: List[torch.Tensor], out_dtype: Optional[str], backend: Optional[str]
) -> Tuple[torch.Tensor, torch.Tensor]:
    return _Merge.apply(len(outs), out_dtype, backend, *outs, *lses)
