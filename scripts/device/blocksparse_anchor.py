#!/usr/bin/env python3
"""FlexAttention on the 50%-sparse block mask of cuda_bench's case B50 (the same checkerboard of
128x128 blocks: live where the block indices have the same parity), timed the way anchors.py
times its cases; prints one JSON line in anchors.py's format."""
import json

import torch
from torch.nn.attention.flex_attention import create_block_mask, flex_attention

B, H, S, D, BLK = 4, 16, 4096, 128, 128


def bench_ms(fn, reps=30):
    for _ in range(3):
        fn()
    torch.cuda.synchronize()
    starts = [torch.cuda.Event(enable_timing=True) for _ in range(reps)]
    stops = [torch.cuda.Event(enable_timing=True) for _ in range(reps)]
    for a, b in zip(starts, stops):
        a.record()
        fn()
        b.record()
    torch.cuda.synchronize()
    times = sorted(a.elapsed_time(b) for a, b in zip(starts, stops))
    return times[len(times) // 2]


q, k, v = (torch.randn(B, H, S, D, device="cuda", dtype=torch.bfloat16) for _ in range(3))


def mask_mod(b, h, qi, ki):
    return ((qi // BLK) + (ki // BLK)) % 2 == 0


bm = create_block_mask(mask_mod, None, None, S, S, BLOCK_SIZE=BLK)
flex = torch.compile(flex_attention)
ms = bench_ms(lambda: flex(q, k, v, block_mask=bm))
flops = 4 * B * H * S * S * D * 0.5
print(json.dumps(dict(impl="torch-flex", case="B50", shape=[B, H, H, S, S, D], causal=False, window=None, block=BLK,
                      live=0.5, phase="fwd", ms=round(ms, 4), tflops=round(flops / ms / 1e9, 1),
                      device=torch.cuda.get_device_name())))
