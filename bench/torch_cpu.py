#!/usr/bin/env python3
"""Anchor numbers for `umfa bench --backend cpu`: torch's CPU scaled_dot_product_attention (its
flash-attention CPU kernel) on the CPU suite C1-C3, f32 and bf16, causal and not.

Prints one JSON object per line, the format `umfa bench --anchors FILE` reads:
  {"case": "C1", "dtype": "f32", "causal": false, "pass": "fwd", "impl": "torch", "gflops": 65.0, ...}
FLOPs follow the FlashAttention convention, as umfa's: forward 4*B*H*Sq*Sk*D, halved when causal;
backward ("bwd": the backward pass alone, timed from a retained graph) 2.5x forward.

Usage:
  python3 bench/torch_cpu.py [--cases C1,C2,C3] [--dtype f32,bf16] [--causal both|on|off]
                             [--backward] [--reps 5] [--warmup 1] [--threads N] [--seq N]
  python3 bench/torch_cpu.py > anchors.jsonl && umfa bench --backend cpu --anchors anchors.jsonl
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

# name: (B, H, S, D, causal variants), as umfa bench's suite (GPU.md, "CPU numbers to beat").
SUITE = {
    "C1": (1, 8, 1024, 64, (False, True)),
    "C2": (1, 16, 2048, 128, (False, True)),
    "C3": (1, 8, 4096, 64, (True,)),
}
DTYPES = {"f32": torch.float32, "bf16": torch.bfloat16, "f16": torch.float16}


def flash_kernel():
    """A context that restricts SDPA to its flash-attention kernel where torch can say so."""
    try:
        from torch.nn.attention import SDPBackend, sdpa_kernel

        return sdpa_kernel([SDPBackend.FLASH_ATTENTION])
    except Exception:  # older torch: the default dispatch picks the same CPU kernel
        import contextlib

        return contextlib.nullcontext()


def usable_cores():
    """Cores this process may run on (the affinity mask, which containers narrow), else all."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def median_ms(fn, warmup, reps):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1e3)
    return statistics.median(times), min(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default="C1,C2,C3")
    ap.add_argument("--dtype", default="f32,bf16", help="comma-separated: f32, bf16, f16")
    ap.add_argument("--causal", choices=["both", "on", "off"], default="both")
    ap.add_argument("--backward", action="store_true", help="also time the backward pass")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--threads", type=int, default=usable_cores(), help="default: every usable core")
    ap.add_argument("--seq", type=int, default=None, help="override S of every case (quick runs)")
    ap.add_argument("--impl", default="torch", help="the name the rows carry")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    for name in args.cases.split(","):
        name = name.strip().upper()
        if name not in SUITE:
            ap.error(f"unknown case {name!r}; the CPU suite has {', '.join(SUITE)}")
        B, H, S, D, causals = SUITE[name]
        if args.seq:
            S = args.seq
        for dname in args.dtype.split(","):
            dname = dname.strip()
            if dname not in DTYPES:
                ap.error(f"unknown dtype {dname!r}; expected one of {', '.join(DTYPES)}")
            dtype = DTYPES[dname]
            q, k, v = (torch.randn(B, H, S, D, dtype=dtype) for _ in range(3))
            for causal in causals:
                if (args.causal == "on" and not causal) or (args.causal == "off" and causal):
                    continue
                flops = 4 * B * H * S * S * D * (0.5 if causal else 1.0)
                base = dict(case=name, dtype=dname, causal=causal, impl=args.impl,
                            shape=[B, H, S, D], threads=torch.get_num_threads(),
                            torch=torch.__version__)

                def emit(pass_, ms, ms_min, f):
                    print(json.dumps(dict(base, **{"pass": pass_}, ms=round(ms, 4),
                                          min_ms=round(ms_min, 4),
                                          gflops=round(f / ms / 1e6, 2))), flush=True)

                with torch.no_grad(), flash_kernel():
                    ms, ms_min = median_ms(
                        lambda: F.scaled_dot_product_attention(q, k, v, is_causal=causal),
                        args.warmup, args.reps)
                emit("fwd", ms, ms_min, flops)
                if args.backward:
                    qq, kk, vv = (t.clone().requires_grad_() for t in (q, k, v))
                    with flash_kernel():
                        o = F.scaled_dot_product_attention(qq, kk, vv, is_causal=causal)
                        g = torch.randn_like(o)
                        ms, ms_min = median_ms(
                            lambda: torch.autograd.grad(o, (qq, kk, vv), g, retain_graph=True),
                            args.warmup, args.reps)
                    emit("bwd", ms, ms_min, 2.5 * flops)
    return 0


if __name__ == "__main__":
    sys.exit(main())
