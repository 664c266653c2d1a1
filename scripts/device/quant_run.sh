#!/usr/bin/env bash
# Runs on the GPU machine from the repository root, over the binaries that
# scripts/device/cuda_build.sh put in .device/: the CUDA quantized-attention tests (device
# quantizer vs host tables, INT8 and INT4-on-INT8 forwards and the fallback vs the f64
# references), the device accuracy table (every configuration, kernel path per row), the
# measured device memory of quantized K/V against bf16, the device quantizer alone (every
# granularity), then the INT8 bench (G1, G3, G4 causal; its "quant" lines are the quantizer on
# Q and K). Files in $OUT (6): gpu.txt, quant_test.log, quant_accuracy.md, quant_memory.jsonl,
# quant_quantizer.jsonl, quant_bench.jsonl. Environment: CASES (bench cases, default G1,G3,G4),
# QCASES (quantizer cases, default G1,G4), QREPS (default 20), REPS (default 30),
# TILES="2x32 1x64" (extra INT8 tile configurations timed), MEM_CASES (default G1,G4),
# SKIP_BENCH=1 (tests, table and memory only).
set -u
OUT=${OUT:-/tmp/out}
mkdir -p "$OUT"
cd .device
export UMFA_CACHE_DIR=/tmp/umfa-cache
export UMFA_REQUIRE_CUDA=1  # a CUDA backend that fails to open fails the tests here
nvidia-smi --query-gpu=name,driver_version,clocks.sm --format=csv | tee "$OUT/gpu.txt"
echo "== quant tests"
UMFA_CUDA_TRACE=1 timeout 300 ./cuda_quant_test --nocapture --test-threads=1 > "$OUT/quant_test.log" 2>&1
echo "exit status $?" >> "$OUT/quant_test.log"
grep -E "^(ok|FAIL)|test result|panicked|SKIPPED|exit status" "$OUT/quant_test.log"
grep -E "umfa cuda: int8" "$OUT/quant_test.log" | sed 's/ grid ([^)]*)//' | sort | uniq -c | head -30
echo "== accuracy table (device)"
timeout 240 ./cuda_quant_accuracy > "$OUT/quant_accuracy.md" 2>&1
echo "exit status $?" >> "$OUT/quant_accuracy.md"
cat "$OUT/quant_accuracy.md"
echo "== memory (K+V held on the device)"
timeout 240 ./cuda_quant_bench memory "${MEM_CASES:-G1,G4}" > "$OUT/quant_memory.jsonl" 2>&1
echo "exit status $?" >> "$OUT/quant_memory.jsonl"
cat "$OUT/quant_memory.jsonl"
echo "== device quantizer alone (every granularity, INT8 and INT4, one bf16 tensor per case)"
timeout 300 ./cuda_quant_bench quantizer "${QCASES:-G1,G4}" "${QREPS:-20}" > "$OUT/quant_quantizer.jsonl" 2>&1
echo "exit status $?" >> "$OUT/quant_quantizer.jsonl"
cat "$OUT/quant_quantizer.jsonl"
if [ -z "${SKIP_BENCH:-}" ]; then
  echo "== INT8 bench (fwd; quant = the quantizer alone on Q and K; quant+fwd with the default kernel)"
  ./cuda_quant_bench "${CASES:-G1,G3,G4}" "${REPS:-30}" 2>&1 | tee "$OUT/quant_bench.jsonl"
  for tile in ${TILES:-}; do
    UMFA_CUDA_INT8_TILE=$tile ./cuda_quant_bench "${CASES:-G1,G3,G4}" "${REPS:-30}" 2>&1 | grep '^{' | sed "s/umfa-cuda-int8/umfa-cuda-int8-$tile/" | tee -a "$OUT/quant_bench.jsonl"
  done
fi
echo "== summary"
grep -E "^(ok|FAIL)" "$OUT/quant_test.log" | awk '{print $1}' | sort | uniq -c
grep -E "test result" "$OUT/quant_test.log"
