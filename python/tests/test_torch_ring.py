"""ring_attention through torch.distributed (gloo, CPU processes) with autograd, against torch's
own SDPA over the whole sequence. Skipped without torch."""

import os
import socket

import pytest

torch = pytest.importorskip("torch", reason="torch is not installed; the torch.distributed ring test needs it")
import torch.distributed as dist  # noqa: E402
import torch.multiprocessing as mp  # noqa: E402


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _worker(rank, world, port, causal, results):
    import umfa

    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    dist.init_process_group("gloo", rank=rank, world_size=world)
    try:
        torch.manual_seed(0)  # every rank draws the same full tensors, then takes its shard
        q, k, v, g = (torch.randn(1, 4, 32 * world, 16, dtype=torch.float32) for _ in range(4))

        def shard(x):
            if causal:
                return umfa.zigzag_shard(x, rank, world)
            n = x.shape[2] // world
            return x[:, :, rank * n:(rank + 1) * n]

        ql, kl, vl = (shard(x).clone().requires_grad_(True) for x in (q, k, v))
        out = umfa.ring_attention(ql, kl, vl, causal=causal)
        out.backward(shard(g))
        results[rank] = [t.detach() for t in (out, ql.grad, kl.grad, vl.grad)]
    finally:
        dist.destroy_process_group()


@pytest.mark.parametrize("causal", [False, True])
def test_ring_over_torch_distributed(causal):
    import umfa

    world = 2
    manager = mp.Manager()
    results = manager.dict()
    mp.spawn(_worker, args=(world, _free_port(), causal, results), nprocs=world, join=True)
    torch.manual_seed(0)
    q, k, v, g = (torch.randn(1, 4, 32 * world, 16, dtype=torch.float32).double() for _ in range(4))
    for x in (q, k, v):
        x.requires_grad_(True)
    want = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=causal)
    want.backward(g)

    def unshard(n):
        parts = [results[r][n] for r in range(world)]
        return umfa.zigzag_unshard(parts) if causal else torch.cat(parts, dim=2)

    for n, ref in enumerate((want, q.grad, k.grad, v.grad)):
        got = unshard(n).double()
        err = ((got - ref).norm() / ref.norm()).item()
        assert err < 1e-5, f"output {n}: relative error {err}"
