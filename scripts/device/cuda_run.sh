#!/usr/bin/env bash
# Runs on the H100 test machine from the repository root, over the binaries that
# scripts/device/cuda_build.sh put in .device/: the CUDA correctness sweep, a second run to show
# the kernel cache, compute-sanitizer memcheck, SASS of the cached kernels, then umfa's
# timings and the anchors in the same call. Results go to $OUT.
# Environment: CASES (bench cases), TILES="1x64 2x32" (extra tile configurations timed on
# TILE_CASES), DEFINES="-DSEQ_REDUCE=1" (extra NVRTC options, likewise), NCU=G1 (an Nsight
# Compute summary of the first kernel of that case), QUICK=1 (stop before the anchors and memcheck),
# SKIP_ANCHORS=1.
set -u
OUT=${OUT:-/tmp/out}
mkdir -p "$OUT"
cd .device
export UMFA_CACHE_DIR=/tmp/umfa-cache
export UMFA_REQUIRE_CUDA=1  # a CUDA backend that fails to open fails the tests here
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv | tee "$OUT/gpu.txt"
echo "== tests (cold cache)"
( time ./cuda_test --nocapture --test-threads=1 ) 2>&1 | tee "$OUT/test.log"
echo "== merge tests"
./cuda_merge_test --nocapture --test-threads=1 2>&1 | tee "$OUT/merge.log" | grep -E "^(ok|FAIL)|test result|panicked" | tail -20
echo "== tests again (warm cache)"
( time ./cuda_test --test-threads=1 -q ) 2>&1 | tail -5
echo "== SASS of cached kernels"
for f in "$UMFA_CACHE_DIR"/*.cubin; do
  echo "$(basename "$f"): HMMA $(cuobjdump --dump-sass "$f" | grep -c HMMA) LDSM $(cuobjdump --dump-sass "$f" | grep -c LDSM) LDGSTS $(cuobjdump --dump-sass "$f" | grep -c LDGSTS) LDL $(cuobjdump --dump-sass "$f" | grep -c LDL)"
done | tee "$OUT/sass.txt"
echo "== bench"
./cuda_bench "${CASES:-G1,G2,G3,G4,G5,G6,D256}" 30 2>&1 | tee "$OUT/bench.jsonl"
for defs in ${DEFINES:-}; do
  UMFA_CUDA_DEFINES=$defs ./cuda_bench "${TILE_CASES:-G1,G2}" 30 2>&1 | grep '^{' | tee -a "$OUT/bench.jsonl"
done
for tile in ${TILES:-}; do
  UMFA_CUDA_MMA_TILE=$tile ./cuda_bench "${TILE_CASES:-G1,G2}" 30 2>&1 | grep '^{' | tee -a "$OUT/bench.jsonl"
done
if [ -n "${NCU:-}" ]; then
  echo "== ncu ($NCU)"
  timeout 240 ncu --section SpeedOfLight --section WarpStateStats --section SchedulerStats --section Occupancy --section ComputeWorkloadAnalysis -k "${NCU_KERNEL:-umfa_fwd_mma}" -c ${NCU_COUNT:-1} ./cuda_bench "$NCU" 1 > "$OUT/ncu.txt" 2>&1
  grep -E "Stall|Throughput|Issued|Eligible|Occupancy|Active Warps|Registers|Duration|Pipe|Warp Cycles" "$OUT/ncu.txt" | head -60
fi
[ -n "${QUICK:-}" ] && exit 0
if [ -z "${SKIP_ANCHORS:-}" ]; then
  echo "== anchors"
  PYTHONUNBUFFERED=1 timeout 300 python3 anchors.py ${ANCHOR_ARGS:-} 2>&1 | grep -v Warning | tee "$OUT/anchors.jsonl"
fi
touch "$OUT/anchors.jsonl"
echo "== memcheck"
# The whole sweep (both kernel families, every feature) under memcheck; a race check of the mma
# kernel's shared-memory pipeline on one launch.
timeout 240 compute-sanitizer --tool memcheck --print-limit 20 ./cuda_test --test-threads=1 --nocapture > "$OUT/memcheck.txt" 2>&1
grep -E "^CUDA backend" "$OUT/memcheck.txt" | sort | uniq -c
echo "sweep cases under memcheck: $(grep -c '^ok   b' "$OUT/memcheck.txt") ok, $(grep -c '^FAIL' "$OUT/memcheck.txt") failed"
tail -4 "$OUT/memcheck.txt"
echo "== racecheck"
timeout 90 compute-sanitizer --tool racecheck --print-limit 10 ./cuda_test --test-threads=1 --nocapture device_pointers 2>&1 | tail -8 | tee "$OUT/racecheck.txt"
echo "== summary"
grep -E "^(ok|FAIL)" "$OUT/test.log" | awk '{print $1}' | sort | uniq -c
python3 - "$OUT" <<'PY'
import json, sys
rows = {}
for f in ("bench.jsonl", "anchors.jsonl"):
    for line in open(f"{sys.argv[1]}/{f}"):
        line = line.strip()
        if line.startswith("{"):
            r = json.loads(line)
            if "tflops" in r:
                rows.setdefault((r["phase"], r["case"], r["causal"]), {})[r["impl"]] = r["tflops"]
for (phase, case, causal), d in sorted(rows.items()):
    print(f"{phase} {case} {'causal' if causal else 'dense ':6} " + "  ".join(f"{k}={v}" for k, v in sorted(d.items())))
PY
