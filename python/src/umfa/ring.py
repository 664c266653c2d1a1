"""Context-parallel ("ring") attention: the sequence sharded over ranks, K/V blocks passed around
a ring, each rank's partial results merged by their LSE.

Every rank holds its shard of Q, K and V (``[B, H, S_local, D]``, BHSD). Step ``s`` attends the
local queries to the K/V block that started on rank ``rank - s``, while the next block is already
in flight; ``merge_into`` folds each step's ``(out, lse)`` into the running result. The backward
walks the ring again with the final ``out`` and ``lse``: each step's partial dQ stays home, the
partial dK/dV travel with their block and arrive back at its owner after the last step.

Causal attention uses **zig-zag sharding** (``zigzag_shard``): the sequence is cut into
``2·world`` chunks and rank ``r`` holds chunks ``r`` and ``2·world − 1 − r``, so every step costs
every rank the same work: step 0 is causal attention over the local pair, and each later step is
either all local queries against the first half of the visiting block, or the second half of the
local queries against all of it. Without ``causal`` the shards are plain contiguous slices.

The transport is a ``Ring``: ``TorchRing`` (``torch.distributed`` point-to-point operations on
any process group: NCCL on GPUs, gloo on CPUs) or any object with ``rank``, ``world`` and
``exchange(tensors) -> handle`` whose ``handle.wait()`` returns the tensors received from the
previous rank (tests use an in-process ring of threads).
"""

from __future__ import annotations

import math
from typing import Any, List, Optional, Sequence, Tuple

from . import _attention
from ._merge import merge_into
from ._tensors import is_torch


# --- array helpers that work on NumPy arrays and torch tensors alike ---------------------------

def _zeros(like: Any, dtype: str = "f32") -> Any:
    return _attention.zeros(like, tuple(int(n) for n in like.shape), dtype)


def _cat(parts: Sequence[Any], dim: int) -> Any:
    if is_torch(parts[0]):
        import torch

        return torch.cat(list(parts), dim=dim)
    import numpy as np

    return np.concatenate(list(parts), axis=dim)


def _rows(x: Any, rows: slice) -> Any:
    return x[:, :, rows]


def _astype_like(x: Any, like: Any) -> Any:
    return x.to(like.dtype) if is_torch(x) else x.astype(like.dtype)


# --- sharding ----------------------------------------------------------------------------------

def zigzag_shard(x: Any, rank: int, world: int, dim: int = 2) -> Any:
    """Rank ``rank``'s zig-zag shard of ``x`` along ``dim``: chunks ``rank`` and
    ``2·world − 1 − rank`` of ``2·world`` equal chunks (the length must divide evenly)."""
    n = int(x.shape[dim])
    if n % (2 * world):
        raise ValueError(f"sequence length {n} must be a multiple of 2·world = {2 * world} for zig-zag sharding")
    c = n // (2 * world)
    index = [slice(None)] * len(x.shape)
    parts = []
    for chunk in (rank, 2 * world - 1 - rank):
        index[dim] = slice(chunk * c, (chunk + 1) * c)
        parts.append(x[tuple(index)])
    return _cat(parts, dim)


def zigzag_unshard(shards: Sequence[Any], dim: int = 2) -> Any:
    """The full sequence from every rank's zig-zag shard (in rank order)."""
    world = len(shards)
    c = int(shards[0].shape[dim]) // 2
    index = [slice(None)] * len(shards[0].shape)
    chunks: List[Any] = [None] * (2 * world)
    for r, s in enumerate(shards):
        index[dim] = slice(0, c)
        chunks[r] = s[tuple(index)]
        index[dim] = slice(c, 2 * c)
        chunks[2 * world - 1 - r] = s[tuple(index)]
    return _cat(chunks, dim)


# --- the schedule ------------------------------------------------------------------------------

def _step(step: int, rank: int, world: int, causal: bool, local: int) -> Optional[Tuple[slice, slice, Optional[str]]]:
    """(local query rows, visiting K/V rows, causal alignment) of ring step ``step``, or None
    where nothing is visible. Zig-zag shards: halves of ``local`` rows are global chunks ``rank``
    and ``2·world − 1 − rank``."""
    every = slice(0, local)
    if not causal:
        return every, every, None
    if step == 0:
        # The local pair in global order: causal over their concatenation is exact.
        return every, every, "top_left"
    owner = (rank - step) % world
    half = local // 2
    if owner < rank:
        # Its first chunk precedes both local chunks; its second follows both.
        return every, slice(0, half), None
    # owner > rank: both of its chunks precede the local second chunk, follow the first.
    return slice(half, local), every, None


# --- transports --------------------------------------------------------------------------------

class TorchRing:
    """The ring over a ``torch.distributed`` process group: each exchange sends to the next rank
    and receives from the previous one with batched ``isend``/``irecv`` (NCCL, gloo, …)."""

    def __init__(self, group: Any = None) -> None:
        import torch.distributed as dist

        self.dist = dist
        self.group = group
        self.rank = dist.get_rank(group)
        self.world = dist.get_world_size(group)

    def _global(self, r: int) -> int:
        return self.dist.get_global_rank(self.group, r) if self.group is not None else r

    def exchange(self, tensors: Sequence[Any]) -> Any:
        dist = self.dist
        nxt, prev = self._global((self.rank + 1) % self.world), self._global((self.rank - 1) % self.world)
        sends = [t.contiguous() for t in tensors]
        recvs = [t.new_empty(t.shape) for t in sends]
        ops = [dist.P2POp(dist.isend, t, nxt, self.group) for t in sends]
        ops += [dist.P2POp(dist.irecv, t, prev, self.group) for t in recvs]
        works = dist.batch_isend_irecv(ops)

        class _Handle:
            def wait(self_inner) -> List[Any]:
                for w in works:
                    w.wait()
                return recvs

        return _Handle()


class _Ready:
    """An exchange that has already arrived."""

    def __init__(self, value: List[Any]) -> None:
        self.value = value

    def wait(self) -> List[Any]:
        return self.value


# --- forward and backward ----------------------------------------------------------------------

def _check(q: Any, k: Any, v: Any, ring: Any, causal: bool) -> None:
    for name, x in (("q", q), ("k", k), ("v", v)):
        if len(x.shape) != 4:
            raise ValueError(f"{name} must be [B, H, S_local, D], got shape {tuple(x.shape)}")
    kinds = {is_torch(x) for x in (q, k, v)}
    if len(kinds) > 1:
        raise TypeError("q, k and v must all be torch tensors or all NumPy arrays")
    if is_torch(q) and not (q.device == k.device == v.device):
        raise ValueError(f"q, k and v must be on one device, got {q.device}, {k.device}, {v.device}")
    if int(k.shape[2]) != int(v.shape[2]):
        raise ValueError(f"k and v shards must hold the same number of positions, got {int(k.shape[2])} and {int(v.shape[2])}")
    if int(q.shape[2]) != int(k.shape[2]):
        raise ValueError(f"q and k shards must hold the same number of positions, got {int(q.shape[2])} and {int(k.shape[2])}")
    if causal and int(q.shape[2]) % 2:
        raise ValueError(f"causal ring attention takes zig-zag shards of even length, got {int(q.shape[2])}")
    if ring.world < 1 or not 0 <= ring.rank < ring.world:
        raise ValueError(f"rank {ring.rank} is not in a ring of {ring.world}")


def ring_forward(q: Any, k: Any, v: Any, ring: Any, *, causal: bool = False, scale: Optional[float] = None) -> Tuple[Any, Any]:
    """``(out, lse)`` of the local queries against the whole sharded sequence (no autograd)."""
    _check(q, k, v, ring, causal)
    local, dv = int(q.shape[2]), int(v.shape[3])
    acc = _attention.zeros(q, (int(q.shape[0]), int(q.shape[1]), local, dv), "f32")
    acc_lse = _attention.zeros(q, (int(q.shape[0]), int(q.shape[1]), local), "f32")
    acc_lse[...] = -math.inf
    kv = [k, v]
    for step in range(ring.world):
        pending = ring.exchange(kv) if step + 1 < ring.world else None  # next block in flight
        plan = _step(step, ring.rank, ring.world, causal, local)
        if plan is not None:
            qs, ks, mode = plan
            o, l = _attention.forward4(_rows(q, qs), _rows(kv[0], ks), _rows(kv[1], ks), causal=mode, scale=scale)
            merge_into(_rows(acc, qs), _rows(acc_lse, qs), o, l)
        if pending is not None:
            kv = list(pending.wait())
    return _astype_like(acc, q), acc_lse


def ring_backward(d_out: Any, q: Any, k: Any, v: Any, out: Any, lse: Any, ring: Any, *, causal: bool = False,
                  scale: Optional[float] = None) -> Tuple[Any, Any, Any]:
    """``(dq, dk, dv)`` of the local shards: each step's partial gradients use the final ``out``
    and ``lse``, so ``P = exp(S − LSE)`` is the global softmax and the partials simply add.

    The dK/dV sums travel one hop behind their block: while a step computes its partials, the
    sums of the block it holds are still arriving from the previous rank; they are added after
    the compute and sent on at once, so both exchanges overlap the next step's work. After the
    last step every block's sums arrive back at its owner."""
    _check(q, k, v, ring, causal)
    local = int(q.shape[2])
    dq = _zeros(q)
    kv = [k, v]
    sums = None  # handle: the dK/dV sums of the block held now, from the previous rank
    for step in range(ring.world):
        pending = ring.exchange(kv) if step + 1 < ring.world else None
        dk, dv = _zeros(kv[0]), _zeros(kv[1])
        plan = _step(step, ring.rank, ring.world, causal, local)
        if plan is not None:
            qs, ks, mode = plan
            g = _attention.backward4(
                _rows(d_out, qs), _rows(q, qs), _rows(kv[0], ks), _rows(kv[1], ks),
                _rows(out, qs), _rows(lse, qs), causal=mode, scale=scale, grad_dtype="f32",
            )
            _rows(dq, qs)[...] += g[0]
            _rows(dk, ks)[...] += g[1]
            _rows(dv, ks)[...] += g[2]
        if sums is not None:  # step 0 holds its own block, which no rank has touched yet
            before = sums.wait()
            dk += before[0]
            dv += before[1]
        # One rank: the sums are home already (no send to oneself).
        sums = ring.exchange([dk, dv]) if ring.world > 1 else _Ready([dk, dv])
        if pending is not None:
            kv = list(pending.wait())
    dk, dv = sums.wait()
    return _astype_like(dq, q), _astype_like(dk, k), _astype_like(dv, v)


def ring_attention(q: Any, k: Any, v: Any, group: Any = None, *, causal: bool = False, scale: Optional[float] = None,
                   ring: Any = None) -> Any:
    """Attention of this rank's query shard against the sequence sharded over ``group`` (a
    ``torch.distributed`` process group; None: the default group). Shards are ``[B, H, S_local,
    D]``; with ``causal`` they must be zig-zag shards (``zigzag_shard``). Differentiable on
    torch tensors: the backward is the ring backward. Returns ``out`` in q's dtype.

    NumPy arrays (or tensors without gradients) can use any ``ring`` transport instead."""
    if ring is None:
        ring = TorchRing(group)
    if is_torch(q) and any(getattr(x, "requires_grad", False) for x in (q, k, v)):
        from ._torch_ring import RingFunction

        return RingFunction.apply(q, k, v, ring, causal, scale)
    return ring_forward(q, k, v, ring, causal=causal, scale=scale)[0]


__all__ = ["ring_attention", "ring_forward", "ring_backward", "zigzag_shard", "zigzag_unshard", "TorchRing"]
