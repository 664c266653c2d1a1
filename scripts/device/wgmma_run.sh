#!/usr/bin/env bash
# Bring-up and tuning of the Hopper (wgmma) forward on the H200, over the binaries of
# scripts/device/cuda_build.sh: the whole CUDA test binary with the default families, the forward
# sweep again on the mma family (UMFA_CUDA_WGMMA=0) and on other wgmma tiles, SASS counts, then
# timings of both families. Results go to $OUT.
# Environment: TILES="1x128 3x128" (wgmma tiles swept and timed), TILE_CASES="G1,G2",
# DEFINES_ALT="-DV_LBO=1024 -DV_SBO=16384" (an alternative run when the default sweep fails),
# DEFINE_SETS="-DPINGPONG=0|-DSOFTMAX_PARTS=1" (NVRTC option sets timed on TILE_CASES),
# SKIP_SWEEPS=1 (only the default test run), NCU=G1 (an Nsight Compute summary of the first wgmma kernel of that case), CASES.
set -u
OUT=${OUT:-/tmp/out}
mkdir -p "$OUT"
cd .device
export UMFA_CACHE_DIR=/tmp/umfa-cache UMFA_REQUIRE_CUDA=1
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv | tee "$OUT/gpu.txt"
summary() { grep -E "^(ok|FAIL)" "$1" | awk '{print $1}' | sort | uniq -c | tr '\n' ' '; echo "wgmma launches: $(grep -c 'Wgmma' "$1") mma: $(grep -c 'Mma {' "$1") generic: $(grep -c 'Generic' "$1")"; }
echo "== all CUDA tests, default families"
UMFA_CUDA_TRACE=1 timeout 300 ./cuda_test --nocapture --test-threads=1 > "$OUT/test.log" 2>&1
grep -E "^FAIL|test result|panicked" "$OUT/test.log" | head -20
summary "$OUT/test.log"
if grep -q "^FAIL" "$OUT/test.log" && [ -n "${DEFINES_ALT:-}" ]; then
  echo "== forward sweep with $DEFINES_ALT"
  UMFA_CUDA_DEFINES="$DEFINES_ALT" UMFA_CUDA_TRACE=1 timeout 150 ./cuda_test forward_sweep --nocapture --test-threads=1 > "$OUT/alt.log" 2>&1
  grep -E "^FAIL" "$OUT/alt.log" | head; summary "$OUT/alt.log"
fi
if [ -z "${SKIP_SWEEPS:-}" ]; then
echo "== forward sweep, plain wgmma kernel (UMFA_CUDA_WGMMA_WS=0)"
UMFA_CUDA_WGMMA_WS=0 UMFA_CUDA_TRACE=1 timeout 150 ./cuda_test forward_sweep --nocapture --test-threads=1 > "$OUT/plain.log" 2>&1
grep -E "^FAIL" "$OUT/plain.log" | head; summary "$OUT/plain.log"
echo "== forward sweep, mma family (UMFA_CUDA_WGMMA=0)"
UMFA_CUDA_WGMMA=0 UMFA_CUDA_TRACE=1 timeout 150 ./cuda_test forward_sweep --nocapture --test-threads=1 > "$OUT/mma.log" 2>&1
grep -E "^FAIL" "$OUT/mma.log" | head; summary "$OUT/mma.log"
for tile in ${TILES:-}; do
  echo "== forward sweep, wgmma tile $tile"
  UMFA_CUDA_WGMMA_TILE=$tile UMFA_CUDA_TRACE=1 timeout 150 ./cuda_test forward_sweep --nocapture --test-threads=1 > "$OUT/tile.log" 2>&1
  grep -E "^FAIL" "$OUT/tile.log" | head -5; summary "$OUT/tile.log"
done
fi
echo "== SASS of cached kernels"
for f in "$UMFA_CACHE_DIR"/*.cubin; do
  s=$(cuobjdump --dump-sass "$f")
  echo "$(basename "$f"): HGMMA $(grep -c HGMMA <<<"$s") HMMA $(grep -c HMMA <<<"$s") LDGSTS $(grep -c LDGSTS <<<"$s") LDL $(grep -c LDL <<<"$s")"
done | sort -k3 | tail -12 | tee "$OUT/sass.txt"
echo "== bench"
timeout 240 ./cuda_bench "${CASES:-G1,G2,G3,G4,G5,G6,D256}" 30 2>&1 | grep '^{' | tee "$OUT/bench.jsonl"
UMFA_CUDA_WGMMA=0 ./cuda_bench "${TILE_CASES:-G1,G2}" 30 2>&1 | grep '^{' | sed 's/umfa-cuda/umfa-cuda-mma/' | tee -a "$OUT/bench.jsonl"
UMFA_CUDA_WGMMA_WS=0 UMFA_CUDA_WGMMA_TILE=3x128 ./cuda_bench "${TILE_CASES:-G1,G2}" 30 2>&1 | grep '^{' | sed 's/umfa-cuda/umfa-cuda-plain3x128/' | tee -a "$OUT/bench.jsonl"
IFS='|' read -ra sets <<<"${DEFINE_SETS:-}"
for defs in "${sets[@]}"; do
  UMFA_CUDA_DEFINES="$defs" ./cuda_bench "${TILE_CASES:-G1,G2}" 30 2>&1 | grep '^{' | sed "s/umfa-cuda/umfa-cuda$(tr -d ' ' <<<"$defs")/" | tee -a "$OUT/bench.jsonl"
done
for tile in ${TILES:-}; do
  UMFA_CUDA_WGMMA_TILE=$tile ./cuda_bench "${TILE_CASES:-G1,G2}" 30 2>&1 | grep '^{' | sed "s/umfa-cuda/umfa-cuda-$tile/" | tee -a "$OUT/bench.jsonl"
done
if [ -n "${NCU:-}" ]; then
  echo "== ncu ($NCU)"
  timeout 150 ncu --clock-control none --section SpeedOfLight --section WarpStateStats --section SchedulerStats --section Occupancy -k regex:umfa_fwd_wgmma -c 1 ./cuda_bench "$NCU" 1 > "$OUT/ncu.txt" 2>&1
  grep -E "Stall|Throughput|Issued|Eligible|Occupancy|Registers|Duration|Pipe|Warp Cycles" "$OUT/ncu.txt" | head -40
fi
if [ -n "${ANCHORS:-}" ]; then
  echo "== anchors"
  PYTHONUNBUFFERED=1 timeout 300 python3 anchors.py ${ANCHOR_ARGS:-} 2>&1 | grep -v Warning | tee "$OUT/anchors.jsonl" | tail -3
fi
