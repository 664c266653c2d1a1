#!/usr/bin/env bash
# The shortest useful device call (about 5 minutes): the tests of the non-default Hopper paths
# (backward by cp.async, backward without dQ bulk reduce, the INT8 forward by TMA and with FP8
# P·V, the device straight-through backward), G1/G2 timings of the default and of each
# alternative, the quantized forward and backward, test_cuda.py with torch (carry .devwhl), the
# G1 anchors. Runs on the GPU machine from the repository root over .device/
# (scripts/device/cuda_build.sh); results in $OUT/short_check.tgz.
source scripts/device/check_env.sh
timeout 110 .device/cuda_test --nocapture --test-threads=1 \
  backward_without_tma backward_without_dq_bulk > "$O/test.log" 2>&1
echo "## cuda tests"; grep -E "test result|FAIL|panicked" "$O/test.log" | head -12
timeout 120 .device/cuda_quant_test --nocapture --test-threads=1 int8_wgmma_tma int8_fp8_pv quantized_backward public_entry_points > "$O/quant_test.log" 2>&1
echo "## quant tests"; grep -E "test result|FAIL|panicked" "$O/quant_test.log" | head -12
bench() {  # name, env assignments…, then the binary and its arguments
  local name=$1; shift
  env "$@" > "$O/$name.jsonl" 2>&1
}
bench bench_default timeout 30 .device/cuda_bench G1,G2 20
bench bench_bwdcp UMFA_CUDA_WGMMA_BWD_TMA=0 timeout 25 .device/cuda_bench G1,G2 20
bench bench_nobulk UMFA_CUDA_WGMMA_BWD_DQ_BULK=0 timeout 25 .device/cuda_bench G1,G2 20
bench quant_default timeout 30 .device/cuda_quant_bench G1,G3 20
bench quant_cp UMFA_CUDA_INT8_TMA=0 timeout 30 .device/cuda_quant_bench G1,G3 20
bench quant_fp8 UMFA_CUDA_INT8_PV_FP8=1 timeout 30 .device/cuda_quant_bench G1,G3 20
bench quant_bwd timeout 60 .device/cuda_quant_bench backward G1,G1c,G2 10
if [ -d .devwhl ]; then  # the Python package with torch (carried .devwhl: pip wheel --no-deps ./python -w .devwhl)
  pip install -q --no-deps --target /tmp/pyumfa .devwhl/*.whl > "$O/pip.log" 2>&1
  PYTHONPATH=/tmp/pyumfa timeout 150 python3 -m pytest -q -p no:cacheprovider python/tests/test_cuda.py > "$O/pytest.log" 2>&1
  echo "## pytest test_cuda.py"; tail -8 "$O/pytest.log"
fi
PYTHONUNBUFFERED=1 timeout 90 python3 .device/anchors.py --no-flex --cases G1 2>&1 | grep -v Warning > "$O/anchors.jsonl"
# Lowest priority, last: G2 with the two-warpgroup tile (the default takes three at D = 64
# without a band).
bench bench_g2wg2 UMFA_CUDA_WGMMA_TILE=2x128 timeout 25 .device/cuda_bench G2 20
for f in "$O"/*.jsonl; do
  echo "## $(basename "$f" .jsonl)"
  python3 scripts/device/bench_summary.py "$f"
done
# At most 8 files come back from a device call: everything in one archive (a call cut short
# returns 8 of the loose files instead).
tar czf "$OUT/short_check.tgz" -C "$O" . && rm -rf "$O"
