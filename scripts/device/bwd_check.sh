#!/usr/bin/env bash
# One device call for a change to the backward (about 6 minutes): the CUDA suite's backward tests
# (TESTS, default "backward device_pointers"; "" runs all, which with a cold kernel cache takes
# over 200 s), memcheck on the fast-mode backward, G1/G2 timings of the default, beside the
# previous epilogue (GRAD_STAGED=0) with UNSTAGED=1, and with the dK/dV kernel left out (the delta
# and dQ-conversion kernels alone), the quantized backward, python/tests/test_cuda.py (carry
# .devwhl), G1/G2 anchors, and with WGPU=1 the portable wgpu family's sweeps on NVIDIA's Vulkan
# (subgroup row reductions; carry .device-wgpu and .gl), with DEFINE_VARIANTS kernel options
# timed and tested beside the default. Runs on the GPU machine from the
# repository root over .device/ (scripts/device/cuda_build.sh); results in $OUT/bwd_check.tgz.
# QUICK=1 (a call that only times variants against the default): leaves out the aux-only and
# quantized timings, the suite, pytest and memcheck.
source scripts/device/check_env.sh
bench() {  # name, env assignments…, then the binary and its arguments
  local name=$1; shift
  env "$@" > "$O/$name.jsonl" 2>&1
}
bench bench_default timeout 30 .device/cuda_bench G1,G2 20
[ -n "${UNSTAGED:-}" ] && bench bench_unstaged UMFA_CUDA_DEFINES=-DGRAD_STAGED=0 timeout 40 .device/cuda_bench G1,G2 20
# DEFINE_VARIANTS="-DDQ_SPLIT=0;-DDS_STMATRIX=1"
# (';'-separated NVRTC option sets): each timed (G1, G2) and the fast-mode backward test run
# with it.
IFS=';' read -r -a define_variants <<< "${DEFINE_VARIANTS:-}"
for d in "${define_variants[@]}"; do
  n=$(echo "$d" | tr -c 'A-Za-z0-9_=\n' '_')
  bench "bench_$n" UMFA_CUDA_DEFINES="$d" timeout 40 .device/cuda_bench G1,G2 20
  UMFA_CUDA_DEFINES="$d" timeout 90 .device/cuda_test --nocapture --test-threads=1 backward_fast_mode \
    > "$O/test_$n.log" 2>&1
  echo "## fast-mode test with $d"; grep -E "^FAIL|test result|panicked" "$O/test_$n.log" | head -5
done
[ -z "${QUICK:-}" ] && bench bench_aux_only UMFA_CUDA_BWD_SKIP=dkdv timeout 30 .device/cuda_bench G1,G2 20
[ -z "${QUICK:-}" ] && bench quant_bwd timeout 60 .device/cuda_quant_bench backward G1,G1c,G2 10
PYTHONUNBUFFERED=1 timeout 120 python3 .device/anchors.py --no-flex --cases G1,G2 2>&1 | grep -v Warning > "$O/anchors.jsonl"
[ -z "${QUICK:-}" ] && timeout 240 .device/cuda_test --nocapture --test-threads=1 ${TESTS-backward device_pointers} > "$O/suite.log" 2>&1
echo "## cuda suite"; grep -E "test result|FAIL|panicked" "$O/suite.log" | head -12
if [ -d .devwhl ] && [ -z "${QUICK:-}" ]; then
  pip install -q --no-deps --target /tmp/pyumfa .devwhl/*.whl > "$O/pip.log" 2>&1
  PYTHONPATH=/tmp/pyumfa timeout 150 python3 -m pytest -q -p no:cacheprovider python/tests/test_cuda.py > "$O/pytest.log" 2>&1
  echo "## pytest test_cuda.py"; tail -4 "$O/pytest.log"
fi
if [ -z "${QUICK:-}" ]; then
  timeout 100 compute-sanitizer --tool memcheck --print-limit 10 .device/cuda_test --test-threads=1 \
    backward_fast_mode > "$O/memcheck.txt" 2>&1
  echo "## memcheck"; grep -E "ERROR SUMMARY|test result|Invalid" "$O/memcheck.txt" | head -8
fi
if [ -n "${WGPU:-}" ]; then
  ( source scripts/device/wgpu_env.sh
    timeout 150 .device-wgpu/wgpu_test --nocapture --test-threads 1 forward_matches_reference \
      row_reductions_without_subgroups backward_matches_reference > "$O/wgpu.log" 2>&1 )
  echo "## wgpu (portable family, NVIDIA Vulkan)"
  grep -E "^FAIL|subgroup lanes|cases passed|test result|panicked|SKIPPED" "$O/wgpu.log" | head -20
fi
for f in "$O"/*.jsonl; do
  echo "## $(basename "$f" .jsonl)"
  python3 scripts/device/bench_summary.py "$f"
done
bash scripts/device/save_cache.sh
tar czf "$OUT/bwd_check.tgz" -C "$O" . && rm -rf "$O"
