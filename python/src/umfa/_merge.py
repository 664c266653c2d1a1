"""Merging partial attention results by their log-sum-exp (docs/merge.md): the building block
of ring attention, split-KV decoding and context parallelism.

Given parts computed over disjoint key sets of the same queries — ``outs[n]`` of shape
``[B, H, S, Dv]`` (float16, bfloat16 or float32, any strides) and ``lses[n]`` of shape
``[B, H, S]`` (float32, natural log, ``-inf`` where the part saw no key) — ``merge`` returns
the attention over all the keys::

    lse = log(sum_n exp(lses[n]))        out = sum_n exp(lses[n] - lse) * outs[n]

computed in float32. Rows that no part saw give ``out = 0`` and ``lse = -inf``, never NaN. On
torch tensors the result is differentiable (the backward is umfa's merge backward); NumPy arrays
work too. FlashAttention's ``[B, S, H, D]`` outputs go in as ``out.transpose(1, 2)`` views
(no copy).
"""

from __future__ import annotations

import math
from typing import Any, List, Optional, Sequence, Tuple

from . import _umfa
from ._attention import empty, stream_of
from ._tensors import describe, float_name, is_numpy, is_torch, positive_strides


def _check_parts(outs: Sequence[Any], lses: Sequence[Any]) -> None:
    if len(outs) == 0:
        raise ValueError("merge needs at least one part (outs is empty)")
    if len(outs) != len(lses):
        raise ValueError(f"outs has {len(outs)} tensors but lses has {len(lses)}; give one LSE per part")
    kinds = {"torch" if is_torch(x) else "numpy" if is_numpy(x) else type(x).__name__ for x in list(outs) + list(lses)}
    if not kinds <= {"torch", "numpy"}:
        raise TypeError(f"outs and lses must be NumPy arrays or torch tensors, got {sorted(kinds)}")
    if len(kinds) > 1:
        raise TypeError("mixing NumPy arrays and torch tensors in one call is not supported")
    for n, (o, l) in enumerate(zip(outs, lses)):
        if len(o.shape) != 4:
            raise ValueError(f"outs[{n}] must have 4 dimensions [B, H, S, D], got shape {tuple(o.shape)}")
        if len(l.shape) != 3:
            raise ValueError(f"lses[{n}] must have 3 dimensions [B, H, S], got shape {tuple(l.shape)}")


def _empty_problem(shape: Tuple[int, ...]) -> bool:
    return any(int(n) == 0 for n in shape)


def merge_arrays(
    outs: Sequence[Any], lses: Sequence[Any], out_dtype: Optional[str] = None, backend: Optional[str] = None
) -> Tuple[Any, Any]:
    """``(out, lse)`` without autograd: the native merge on NumPy arrays or torch tensors."""
    outs = [positive_strides(o) for o in outs]
    lses = [positive_strides(l) for l in lses]
    shape = tuple(int(n) for n in outs[0].shape)
    out = empty(outs[0], shape, out_dtype or float_name(outs[0]) or "f32")
    lse = empty(outs[0], shape[:3], "f32")
    if _empty_problem(shape):
        lse[...] = -math.inf
        return out, lse
    _umfa.merge(
        [describe(o, f"outs[{n}]") for n, o in enumerate(outs)],
        [describe(l, f"lses[{n}]") for n, l in enumerate(lses)],
        describe(out, "out"),
        describe(lse, "lse"),
        backend=backend,
        stream=stream_of(outs[0]),
    )
    return out, lse


def merge_backward(
    outs: Sequence[Any],
    lses: Sequence[Any],
    d_out: Any,
    d_lse: Any = None,
    *,
    want_d_outs: Optional[Sequence[bool]] = None,
    want_d_lses: Optional[Sequence[bool]] = None,
    backend: Optional[str] = None,
) -> Tuple[List[Any], List[Any]]:
    """The backward of ``merge``: ``(d_outs, d_lses)``, each part's ``dO_n = w_n dO`` (in the
    part's dtype) and ``dLSE_n = w_n (dO . (O_n - O) + dLSE)`` (float32), with
    ``w_n = exp(LSE_n - LSE)``. ``d_lse`` may be None (the merged LSE was not used). Entries not
    wanted (``want_d_outs[n]`` / ``want_d_lses[n]`` False) come back as None."""
    _check_parts(outs, lses)
    n_parts = len(outs)
    want_o = list(want_d_outs) if want_d_outs is not None else [True] * n_parts
    want_l = list(want_d_lses) if want_d_lses is not None else [True] * n_parts
    outs = [positive_strides(o) for o in outs]
    lses = [positive_strides(l) for l in lses]
    d_out = positive_strides(d_out)
    shape = tuple(int(n) for n in outs[0].shape)
    d_outs = [empty(o, shape, float_name(o) or "f32") if w else None for o, w in zip(outs, want_o)]
    d_lses = [empty(o, shape[:3], "f32") if w else None for o, w in zip(outs, want_l)]
    if _empty_problem(shape):
        for g in d_outs + d_lses:
            if g is not None:
                g[...] = 0
        return d_outs, d_lses
    _umfa.merge_backward(
        [describe(o, f"outs[{n}]") for n, o in enumerate(outs)],
        [describe(l, f"lses[{n}]") for n, l in enumerate(lses)],
        describe(d_out, "d_out"),
        [None if g is None else describe(g, f"d_outs[{n}]") for n, g in enumerate(d_outs)],
        [None if g is None else describe(g, f"d_lses[{n}]") for n, g in enumerate(d_lses)],
        None if d_lse is None else describe(positive_strides(d_lse), "d_lse"),
        backend=backend,
        stream=stream_of(outs[0]),
    )
    return d_outs, d_lses


def merge(
    outs: Sequence[Any], lses: Sequence[Any], *, out_dtype: Optional[str] = None, backend: Optional[str] = None
) -> Tuple[Any, Any]:
    """``(out [B,H,S,Dv], lse [B,H,S] float32)``: the merge of the parts by their LSEs.

    ``out_dtype`` ("f16", "bf16", "f32") defaults to the first part's dtype. On torch tensors
    that require grad the result is differentiable with respect to every part's ``out`` and
    ``lse`` (a ``torch.autograd.Function`` whose backward is ``merge_backward``). ``backend``
    None computes where the tensors live; a name ("cpu") runs host tensors on that backend."""
    _check_parts(outs, lses)
    if is_torch(outs[0]):
        import torch

        if torch.is_grad_enabled() and any(t.requires_grad for t in list(outs) + list(lses)):
            from ._torch_merge import merge_autograd

            return merge_autograd(list(outs), list(lses), out_dtype, backend)
    return merge_arrays(outs, lses, out_dtype, backend)


def merge_into(acc_out: Any, acc_lse: Any, part_out: Any, part_lse: Any, *, backend: Optional[str] = None) -> None:
    """Accumulates a part into ``(acc_out, acc_lse)`` in place (no autograd): the step of a
    ring-attention loop. Start with ``acc_lse`` filled with ``-inf``; ``acc_out`` is then not
    read. A float32 ``acc_out`` keeps the steps from rounding to 16 bits each time."""
    _check_parts([acc_out, part_out], [acc_lse, part_lse])
    if _empty_problem(tuple(acc_out.shape)):
        return
    _umfa.merge_into(
        describe(acc_out, "acc_out"),
        describe(acc_lse, "acc_lse"),
        describe(positive_strides(part_out), "part_out"),
        describe(positive_strides(part_lse), "part_lse"),
        backend=backend,
        stream=stream_of(acc_out),
    )
