# Sourced by the device check scripts (hopper_check.sh, short_check.sh) on the GPU machine: the
# results folder $O (= $OUT/c), the kernel cache, a CUDA backend that must open, and the GPU's
# name, driver and clocks in $O/gpu.txt.
set -u
OUT=${OUT:-/tmp/out}
O=$OUT/c
mkdir -p "$O"
export UMFA_CACHE_DIR=/tmp/umfa-cache UMFA_REQUIRE_CUDA=1
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv | tee "$O/gpu.txt"
# A kernel cache brought along from an earlier call (.devcache/umfa-cache.tgz, written by
# save_cache.sh into $OUT; carry .devcache): kernels whose source, options, NVRTC version and arch
# are unchanged load at once instead of costing a cold compile each (a whole test suite's worth
# is minutes of the call).
if [ -f .devcache/umfa-cache.tgz ]; then
  mkdir -p "$UMFA_CACHE_DIR" && tar xzf .devcache/umfa-cache.tgz -C "$UMFA_CACHE_DIR"
  echo "kernel cache: $(ls "$UMFA_CACHE_DIR" | wc -l) entries brought along"
fi
