"""Ring (context-parallel) attention against attention over the whole sequence: forward and
backward, causal with zig-zag shards and not, GQA, 1 to 4 ranks. The ranks are threads of this
process exchanging NumPy arrays through an in-process ring (the schedule, the masks and the
merges are exactly those of a multi-GPU run; only the transport differs), on umfa's CPU backend.
test_cuda_ring.py runs the same over torch.distributed (NCCL) when several GPUs are present."""

import threading

import numpy as np
import pytest

import umfa
from umfa import ring as ring_mod

from reference import attention, attention_backward, rel_err


class ThreadRing:
    """`world` ranks as threads: exchange() deposits into the next rank's mailbox; wait() takes
    what the previous rank deposited for the same exchange number."""

    class Shared:
        def __init__(self, world):
            self.world = world
            self.box = {}
            self.cond = threading.Condition()

    def __init__(self, shared, rank):
        self.shared, self.rank, self.world = shared, rank, shared.world
        self.seq = 0

    def exchange(self, arrays):
        sh, seq = self.shared, self.seq
        self.seq += 1
        with sh.cond:
            sh.box[((self.rank + 1) % self.world, seq)] = [np.array(a, copy=True) for a in arrays]
            sh.cond.notify_all()
        me = self.rank

        class Handle:
            def wait(self_inner):
                with sh.cond:
                    sh.cond.wait_for(lambda: (me, seq) in sh.box, timeout=60)
                    return sh.box.pop((me, seq))

        return Handle()


def run_ranks(world, fn):
    shared = ThreadRing.Shared(world)
    results, errors = [None] * world, []

    def body(r):
        try:
            results[r] = fn(ThreadRing(shared, r))
        except Exception as e:  # surfaced below, with the rank
            errors.append((r, e))

    threads = [threading.Thread(target=body, args=(r,)) for r in range(world)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    return results


def shard(x, r, world, causal):
    if causal:
        return umfa.zigzag_shard(x, r, world)
    n = x.shape[2] // world
    return x[:, :, r * n:(r + 1) * n]


def unshard(parts, causal):
    return umfa.zigzag_unshard(parts) if causal else np.concatenate(parts, axis=2)


@pytest.mark.parametrize("world", [1, 2, 3, 4])
@pytest.mark.parametrize("causal", [False, True])
@pytest.mark.parametrize("heads", [(4, 4), (4, 2)])
def test_ring_matches_full_attention(world, causal, heads):
    rng = np.random.default_rng(100 * world + 10 * causal + heads[1])
    hq, hk = heads
    s = 48 * world
    q = rng.standard_normal((2, hq, s, 32)).astype(np.float32)
    k = rng.standard_normal((2, hk, s, 32)).astype(np.float32)
    v = rng.standard_normal((2, hk, s, 24)).astype(np.float32)
    g = rng.standard_normal((2, hq, s, 24)).astype(np.float32)
    mode = "top_left" if causal else None

    def rank_fn(ring):
        r, w = ring.rank, ring.world
        ql, kl, vl, gl = (shard(x, r, w, causal) for x in (q, k, v, g))
        out, lse = ring_mod.ring_forward(ql, kl, vl, ring, causal=causal)
        dq, dk, dv = ring_mod.ring_backward(gl, ql, kl, vl, out, lse, ring, causal=causal)
        return out, lse[..., None], dq, dk, dv

    res = run_ranks(world, rank_fn)
    out, lse, dq, dk, dv = (unshard([r[n] for r in res], causal) for n in range(5))
    want_out, want_lse = attention(q.astype(np.float64), k.astype(np.float64), v.astype(np.float64), causal=mode)
    want = attention_backward(g.astype(np.float64), q.astype(np.float64), k.astype(np.float64), v.astype(np.float64), causal=mode)
    # f32 throughout: a few ulp per merge step and per partial-gradient sum.
    assert rel_err(out, want_out) < 1e-5
    assert rel_err(lse[..., 0], want_lse) < 1e-6
    for got, ref, name in zip((dq, dk, dv), want[:3], ("dq", "dk", "dv")):
        assert rel_err(got, ref) < 2e-5, name


def test_zigzag_shards_round_trip():
    x = np.arange(2 * 3 * 24 * 2).reshape(2, 3, 24, 2)
    parts = [umfa.zigzag_shard(x, r, 3) for r in range(3)]
    assert parts[0].shape == (2, 3, 8, 2)
    # rank 0 holds chunks 0 and 5 of six
    assert (parts[0][:, :, :4] == x[:, :, 0:4]).all() and (parts[0][:, :, 4:] == x[:, :, 20:24]).all()
    assert (umfa.zigzag_unshard(parts) == x).all()
    with pytest.raises(ValueError, match="multiple of 2·world"):
        umfa.zigzag_shard(x[:, :, :23], 0, 3)


def test_bad_shards_are_refused():
    q = np.zeros((1, 2, 6, 8), np.float32)
    k = np.zeros((1, 2, 4, 8), np.float32)

    class One:
        rank, world = 0, 1

    with pytest.raises(ValueError, match="same number of positions"):
        ring_mod.ring_forward(q, k, k, One())
    with pytest.raises(ValueError, match="k and v shards"):
        ring_mod.ring_forward(q, q, q[:, :, :5], One())
    with pytest.raises(ValueError, match="even length"):
        ring_mod.ring_forward(q[:, :, :5], q[:, :, :5], q[:, :, :5], One(), causal=True)
