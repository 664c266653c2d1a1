#!/usr/bin/env python3
"""Checks, in SASS, that the overlapped Hopper forwards really overlap their softmax with the P·V
product: for each CUBIN it counts the MUFU.EX2 instructions between a `wgmma.wait_group 1`
(WARPGROUP.DEPBAR.LE gsb0, 0x1: S is ready) and the next wait (P·V done). A count of 0 means
ptxas moved the P·V wait above the softmax (as it did before `wait_pv_rescale` in
wgmma_common.cuh) and the key loop runs the two one after the other.

Usage: NVDISASM=/path/to/nvdisasm python3 scripts/device/sass_overlap.py DIR_OR_CUBIN...
(CUBINs from `CUBIN_DIR=dir FILTER=wgmma_ws python3 scripts/device/nvrtc_check.py`; nvdisasm comes
in the `nvidia-cuda-nvdisasm` wheel.) Exits 1 if a kernel with such a wait has a loop with none."""
import os
import subprocess
import sys

nvdisasm = os.environ.get("NVDISASM", "nvdisasm")
paths = []
for arg in sys.argv[1:]:
    if os.path.isdir(arg):
        # The forwards only: the backward's first wait is dQ's (its atomic adds follow it).
        paths += sorted(
            os.path.join(arg, f) for f in os.listdir(arg) if f.endswith(".cubin") and "bwd" not in f
        )
    else:
        paths.append(arg)
bad = False
for path in paths:
    sass = subprocess.run([nvdisasm, "-c", path], capture_output=True, text=True, check=True).stdout
    counts, current = [], None
    for line in sass.splitlines():
        if "WARPGROUP.DEPBAR.LE" in line:
            if current is not None:
                counts.append(current)
            current = 0 if "0x1" in line else None
        elif current is not None and "MUFU.EX2" in line:
            current += 1
    if not counts:
        continue
    ok = all(c > 0 for c in counts)
    bad |= not ok
    print(f"{'ok  ' if ok else 'SERIAL'} {os.path.basename(path)}: exp2 between wait 1 and the next wait: {counts}")
sys.exit(1 if bad else 0)
