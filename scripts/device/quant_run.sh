#!/usr/bin/env bash
# Runs on the GPU machine from the repository root, over the binaries that
# scripts/device/cuda_build.sh put in .device/: the CUDA quantized-attention tests (device
# quantizer vs host tables, INT8 forward and fallback vs the f64 references), then the INT8
# bench (G1, G3, G4 causal). Logs go to $OUT. Environment: CASES (bench cases, default
# G1,G3,G4), REPS (default 30), TILES="2x32 1x64" (extra INT8 tile configurations timed).
set -u
OUT=${OUT:-/tmp/out}
mkdir -p "$OUT"
cd .device
export UMFA_CACHE_DIR=/tmp/umfa-cache
export UMFA_REQUIRE_CUDA=1  # a CUDA backend that fails to open fails the tests here
nvidia-smi --query-gpu=name,driver_version,clocks.sm --format=csv | tee "$OUT/gpu.txt"
echo "== quant tests"
UMFA_CUDA_TRACE=1 ./cuda_quant_test --nocapture --test-threads=1 > "$OUT/quant_test.log" 2>&1
grep -E "^(ok|FAIL)|test result|panicked|SKIPPED" "$OUT/quant_test.log"
grep -E "umfa cuda: int8" "$OUT/quant_test.log" | sort | uniq -c | head -20
echo "== INT8 bench"
./cuda_quant_bench "${CASES:-G1,G3,G4}" "${REPS:-30}" 2>&1 | tee "$OUT/quant_bench.jsonl"
for tile in ${TILES:-}; do
  UMFA_CUDA_INT8_TILE=$tile ./cuda_quant_bench "${CASES:-G1,G3,G4}" "${REPS:-30}" 2>&1 | grep '^{' | sed "s/umfa-cuda-int8/umfa-cuda-int8-$tile/" | tee -a "$OUT/quant_bench.jsonl"
done
echo "== summary"
grep -E "^(ok|FAIL)" "$OUT/quant_test.log" | awk '{print $1}' | sort | uniq -c
