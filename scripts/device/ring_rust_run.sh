#!/usr/bin/env bash
# Runs on the multi-GPU machine from the repository root, over what scripts/device/ring_rust_build.sh
# put in .device/: the Rust ring-attention test (one thread and NCCL rank per GPU, against umfa on
# one GPU and the f64 reference, then refusals of bad calls), then the benchmark (fwd+bwd causal
# bf16 H16 D128, S = 64k/128k/256k total, all GPUs vs one). Logs and JSON lines go to $OUT.
# Environment: LENGTHS="65536,131072" (bench lengths), ITERS=5, SKIP_BENCH=1.
set -u
OUT=${OUT:-/tmp/out}
mkdir -p "$OUT"
root="$(pwd)"

# NVLink multicast (NVLS) must stay off on these machines: NCCL, PyTorch and NVSHMEM alike.
export NCCL_NVLS_ENABLE=0 TORCH_SYMM_MEM_DISABLE_MULTICAST=1 NVSHMEM_DISABLE_NVLS=1
export UMFA_REQUIRE_CUDA=1  # with 2+ GPUs, a missing NCCL or CUDA fails the test instead of skipping
export UMFA_CACHE_DIR=/tmp/umfa-cache
export RUST_BACKTRACE=1
# NCCL's warnings (and errors) reach the logs; NCCL_P2P_LEVEL is left to NCCL (no reason to force
# a transport: both GPUs are on NVLink).
export NCCL_DEBUG=${NCCL_DEBUG:-WARN}

# NCCL comes from the nvidia-nccl-cu13 Python package, which ships only libnccl.so.2; cudarc looks
# for libnccl.so (and .so.<CUDA major>), so a directory with that name links to it goes first.
nccl_dir=$(python3 -c "import nvidia.nccl as n; print(list(n.__path__)[0])" 2>/dev/null || true)
if [ -n "$nccl_dir" ] && [ -e "$nccl_dir/lib/libnccl.so.2" ]; then
  links=/tmp/umfa-nccl-lib
  mkdir -p "$links"
  for name in libnccl.so libnccl.so.2 libnccl.so.13; do
    ln -sf "$nccl_dir/lib/libnccl.so.2" "$links/$name"
  done
  export LD_LIBRARY_PATH="$links:$nccl_dir/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  echo "NCCL: $nccl_dir/lib/libnccl.so.2" | tee "$OUT/ring_rust_env.txt"
else
  echo "NCCL: nvidia-nccl-cu13 not found by python3; relying on the system libnccl" | tee "$OUT/ring_rust_env.txt"
fi
env | grep -E '^(NCCL_|TORCH_SYMM|NVSHMEM_|LD_LIBRARY_PATH|UMFA_)' | sort | tee -a "$OUT/ring_rust_env.txt"
nvidia-smi --query-gpu=index,name,driver_version,memory.total --format=csv | tee "$OUT/ring_rust_gpus.txt"
nvidia-smi topo -m 2>/dev/null | head -12 | tee -a "$OUT/ring_rust_gpus.txt"

cd "$root/.device"
status=0
echo "== ring test"
# UMFA_RING_TRACE=1: each rank prints (stderr, kept in the log) every NCCL call, host wait and
# schedule step with a timestamp; the test's watchdog ends a phase stuck for 90 s and prints
# where each rank was; `timeout` is the last resort (-k: SIGKILL 10 s after SIGTERM).
UMFA_RING_TRACE=1 timeout -k 10 150 ./cuda_ring_test --nocapture --test-threads=1 2>&1 | tee "$OUT/ring_rust_test.log"
test_rc=${PIPESTATUS[0]}
[ "$test_rc" = 124 ] || [ "$test_rc" = 137 ] && echo "ring test: killed by timeout (exit $test_rc): a hang; the last [umfa-ring] lines of each rank above say where"
echo "== last trace line of each rank"
for r in 0 1 2 3 4 5 6 7; do grep -F "[umfa-ring" "$OUT/ring_rust_test.log" | grep -F " rank $r/" | tail -1; done
[ "$test_rc" = 0 ] || status=$test_rc
echo "test exit code: $test_rc"
echo "== summary: $(grep -c '^ok ' "$OUT/ring_rust_test.log") ok, $(grep -c '^FAIL' "$OUT/ring_rust_test.log") FAIL"
grep -E '^(FAIL|SKIPPED)' "$OUT/ring_rust_test.log" | head -40

if [ -z "${SKIP_BENCH:-}" ]; then
  echo "== ring bench"
  # JSON lines on stdout; progress and NCCL's words on stderr (kept apart, shown too).
  timeout -k 10 400 ./cuda_ring_bench "${LENGTHS:-65536,131072,262144}" "${ITERS:-5}" \
    2> >(tee "$OUT/ring_rust_bench.stderr" >&2) | tee "$OUT/ring_rust_bench.jsonl"
  bench_rc=${PIPESTATUS[0]}
  echo "bench exit code: $bench_rc"
  [ "$bench_rc" = 0 ] || status=$bench_rc
fi
exit "$status"
