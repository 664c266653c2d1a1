#!/usr/bin/env python3
"""Prints a benchmark output file of the device scripts one line per result: case, phase, causal,
implementation, TFLOP/s (JSON lines of cuda_bench, cuda_quant_bench and anchors.py); other
non-empty lines (errors, notes) shortened. Usage: bench_summary.py FILE."""
import json
import sys

for line in open(sys.argv[1]):
    if line.startswith("{"):
        d = json.loads(line)
        print(" ".join(str(d.get(k)) for k in ("case", "phase", "causal", "impl", "tflops")))
    elif line.strip():
        print(line.strip()[:200])
