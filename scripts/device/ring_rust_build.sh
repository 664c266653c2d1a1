#!/usr/bin/env bash
# Builds, on the dev machine, what scripts/device/ring_rust_run.sh runs on the multi-GPU machine:
# the Rust ring-attention test binary (tests/cuda_ring.rs) and its benchmark
# (examples/cuda_ring_bench.rs), with --features cuda,nccl, release, stripped, into .device/.
# Honours CARGO_TARGET_DIR. Neither CUDA nor NCCL is needed to build: cudarc loads both at run time.
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${CARGO_TARGET_DIR:-target}"
features="cuda,nccl"
mkdir -p .device
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
cargo test -p umfa --features "$features" --release --test cuda_ring --no-run 2>&1 | tee "$log" >&2
test_bin=$(sed -n 's/.*Executable tests\/cuda_ring.rs (\(.*\))/\1/p' "$log" | tail -1)
if [ -z "$test_bin" ] || [ ! -x "$test_bin" ]; then
  echo "ring_rust_build.sh: could not find the cuda_ring test binary in cargo's output" >&2
  exit 1
fi
cargo build -p umfa --features "$features" --release --example cuda_ring_bench
cp "$test_bin" .device/cuda_ring_test
cp "$target/release/examples/cuda_ring_bench" .device/cuda_ring_bench
strip .device/cuda_ring_test .device/cuda_ring_bench
ls -la .device/cuda_ring_test .device/cuda_ring_bench
