# Sourced by the device check scripts (hopper_check.sh, short_check.sh) on the GPU machine: the
# results folder $O (= $OUT/c), the kernel cache, a CUDA backend that must open, and the GPU's
# name, driver and clocks in $O/gpu.txt.
set -u
OUT=${OUT:-/tmp/out}
O=$OUT/c
mkdir -p "$O"
export UMFA_CACHE_DIR=/tmp/umfa-cache UMFA_REQUIRE_CUDA=1
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv | tee "$O/gpu.txt"
