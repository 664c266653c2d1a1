#!/usr/bin/env bash
# Runs on the GPU machine (H100/H200) from the repository root, over what
# scripts/device/wgpu_build.sh put in .device-wgpu/ and .gl/ (both carried): the wgpu correctness
# suite through Vulkan (portable family's forward/backward sweeps, the matrix family on real 16x16
# cooperative matrices, the emulated matrix family), the matrix family once more with naga's own
# SPIR-V (UMFA_WGPU_PASSTHROUGH=0: the memory-model bug, expected to fail), kernel-time benchmarks
# of both families, and `umfa bench --backend wgpu` on G1 with each family. Results go to $OUT.
# Environment: PART=tests|bench (one half only, for two calls if one 10-minute call is too short;
# default both), CASES (umfa bench cases, default G1), REPS (default 5), SKIP_DIAG=1 (no naga-SPIR-V
# run), QUICK=1 (of the tests, the matrix-family ones only), BENCH_ARGS (more `umfa bench` options,
# e.g. "--seq 256" for a smoke run; UMFA_WGPU_BENCH_DIV=n shrinks the kernel-time cases alike). Each step has its own timeout, all
# together under 9.5 minutes.
set -u
OUT=${OUT:-/tmp/out}
mkdir -p "$OUT"
for f in .gl/*.deb; do dpkg -x "$f" /; done
ldconfig
export VK_DRIVER_FILES=${VK_DRIVER_FILES:-/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json}
export __EGL_VENDOR_LIBRARY_FILENAMES=${__EGL_VENDOR_LIBRARY_FILENAMES:-/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json}
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp}
export UMFA_WGPU_ADAPTER=${UMFA_WGPU_ADAPTER:-NVIDIA}
export UMFA_WGPU_REQUIRED=1
B=.device-wgpu
{ nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv; $B/umfa info; } \
  2>&1 | tee "$OUT/info.txt"
if [ "${PART:-all}" != bench ]; then
  if [ -z "${QUICK:-}" ]; then
    echo "== wgpu tests (every family)"
    ( time timeout 270 $B/wgpu_test --nocapture --test-threads 1 ) > "$OUT/test.log" 2>&1
  else
    echo "== matrix family tests"
    ( time timeout 200 $B/wgpu_test --nocapture --test-threads 1 matrix_family ) > "$OUT/test.log" 2>&1
  fi
  grep -E "^(FAIL|test |matrix family|emulated|wgpu backend)|cases passed|test result|panicked|^real" \
    "$OUT/test.log" | head -40
  if [ -z "${SKIP_DIAG:-}" ]; then
    echo "== matrix family on naga's own SPIR-V (no memory-model fix; expected to fail)"
    UMFA_WGPU_PASSTHROUGH=0 timeout 60 $B/wgpu_test --nocapture --test-threads 1 \
      --exact matrix_family_matches_reference > "$OUT/test_naga_spirv.log" 2>&1
    grep -E "cases passed|test result" "$OUT/test_naga_spirv.log"
  fi
fi
if [ "${PART:-all}" != tests ]; then
  echo "== kernel time (inputs on the device), both families"
  timeout 120 $B/wgpu_test --ignored bench_forward --nocapture 2>&1 | grep '^{' | tee "$OUT/bench_kernel.jsonl"
  echo "== umfa bench --backend wgpu (host-staged calls)"
  for fam in matrix portable; do
    UMFA_WGPU_FAMILY=$fam timeout 60 $B/umfa bench --backend wgpu --cases "${CASES:-G1}" \
      --reps "${REPS:-5}" --warmup 2 --json "$OUT/cli_bench_$fam.json" ${BENCH_ARGS:-} 2>&1 | tail -8
  done
fi
