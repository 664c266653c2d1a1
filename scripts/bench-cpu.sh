#!/usr/bin/env bash
# The CPU benchmark of docs/perf/cpu.md: torch's CPU SDPA (the anchor) and umfa on the suite
# C1-C3, f32 and bf16, forward and backward, in one run on this machine. Needs torch in the
# Python given by $PYTHON (default python3). Writes docs/perf/cpu.{json,csv,svg} and the anchors.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
reps=${REPS:-7}
out=${OUT_DIR:-docs/perf}
mkdir -p "$out"
cargo build --release -p umfa-cli
"$python" bench/torch_cpu.py --backward --reps "$reps" > "$out/cpu-torch.jsonl"
./target/release/umfa bench --backend cpu --backward --reps "$reps" \
  --anchors "$out/cpu-torch.jsonl" --json "$out/cpu.json" --csv "$out/cpu.csv" --svg "$out/cpu.svg"
