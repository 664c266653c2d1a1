#!/usr/bin/env python3
"""Context-parallel attention over several GPUs: umfa.ring_attention on an NCCL process group.

Run with `torchrun --nproc_per_node=N scripts/device/ring_run.py` (NCCL_NVLS_ENABLE=0). Checks
the sharded result (forward and gradients) against umfa on one GPU for a small causal problem,
then times forward+backward for S = 64k, 128k, 256k (bf16, B=1, H=16, D=128, causal, zig-zag
shards) on N GPUs; rank 0 also times the same problem on one GPU. Prints JSON lines."""
import json
import os
import time

import torch
import torch.distributed as dist

import umfa

dist.init_process_group("nccl")
rank, world = dist.get_rank(), dist.get_world_size()
torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", rank)))
dev = torch.device("cuda", torch.cuda.current_device())


def emit(**kw):
    if rank == 0:
        print(json.dumps(kw), flush=True)


def shards(*xs):
    return [umfa.zigzag_shard(x, rank, world).contiguous() for x in xs]


# Correctness: the ring on N GPUs against umfa's single-GPU attention (same bf16 inputs).
torch.manual_seed(0)
B, H, S, D = 2, 8, 4096, 128
q, k, v, g = (torch.randn(B, H, S, D, device=dev, dtype=torch.bfloat16) for _ in range(4))
ql, kl, vl = (x.requires_grad_(True) for x in shards(q, k, v))
out = umfa.ring_attention(ql, kl, vl, causal=True)
out.backward(shards(g)[0])
gathered = []
for t in (out.detach(), ql.grad, kl.grad, vl.grad):
    parts = [torch.empty_like(t) for _ in range(world)]
    dist.all_gather(parts, t.contiguous())
    gathered.append(umfa.zigzag_unshard(parts))
if rank == 0:
    qq, kk, vv = (x.clone().requires_grad_(True) for x in (q, k, v))
    ref = umfa.scaled_dot_product_attention(qq, kk, vv, is_causal=True)
    ref.backward(g)
    for name, got, want in zip(("out", "dq", "dk", "dv"), gathered, (ref, qq.grad, kk.grad, vv.grad)):
        err = ((got.float() - want.float()).norm() / want.float().norm()).item()
        emit(check=name, world=world, rel_l2=err, ok=err < 2e-2)
dist.barrier()


def timed(fn, reps):
    fn()
    torch.cuda.synchronize()
    dist.barrier()
    t0 = time.perf_counter()
    for _ in range(reps):
        fn()
    torch.cuda.synchronize()
    dist.barrier()
    return (time.perf_counter() - t0) / reps


for S in (65536, 131072, 262144):
    H, D = 16, 128
    torch.manual_seed(1)
    q, k, v = (torch.randn(1, H, S, D, device=dev, dtype=torch.bfloat16) for _ in range(3))
    ql, kl, vl = (x.requires_grad_(True) for x in shards(q, k, v))
    dout = torch.randn_like(ql)

    def ring_step():
        o = umfa.ring_attention(ql, kl, vl, causal=True)
        o.backward(dout)

    reps = 3 if S <= 131072 else 2
    t_ring = timed(ring_step, reps)
    t_one = None
    if rank == 0:
        qq, kk, vv = (x.clone().requires_grad_(True) for x in (q, k, v))
        g1 = torch.randn_like(qq)

        def one_step():
            o = umfa.scaled_dot_product_attention(qq, kk, vv, is_causal=True)
            o.backward(g1)

        one_step()
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        for _ in range(reps):
            one_step()
        torch.cuda.synchronize()
        t_one = (time.perf_counter() - t0) / reps
    dist.barrier()
    flops = 3.5 * 4 * H * S * S * D * 0.5  # forward + backward (2.5x), causal
    if rank == 0:
        emit(case="ring", S=S, world=world, ms_ring=round(1e3 * t_ring, 2), ms_one_gpu=round(1e3 * t_one, 2),
             tflops_ring_total=round(flops / t_ring / 1e12, 1), tflops_one_gpu=round(flops / t_one / 1e12, 1),
             scaling_efficiency=round(t_one / (world * t_ring), 3))
    del q, k, v, ql, kl, vl, dout
    torch.cuda.empty_cache()
dist.destroy_process_group()
