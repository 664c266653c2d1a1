#!/usr/bin/env bash
# Builds, on the dev machine, what scripts/device/cuda_run.sh runs on the H100: the CUDA test
# binary and the bench, stripped, with anchors.py, into .device/ (ignored; carried by the device
# tool).
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .device
test_bin=$(cargo test -p umfa --features cuda --release --test cuda --no-run 2>&1 | sed -n 's/.*Executable tests\/cuda.rs (\(.*\))/\1/p')
merge_bin=$(cargo test -p umfa --features cuda --release --test cuda_merge --no-run 2>&1 | sed -n 's/.*Executable tests\/cuda_merge.rs (\(.*\))/\1/p')
cargo build -p umfa --features cuda --release --example cuda_bench
cp "$test_bin" .device/cuda_test
cp "$merge_bin" .device/cuda_merge_test
cp target/release/examples/cuda_bench .device/cuda_bench
strip .device/cuda_test .device/cuda_merge_test .device/cuda_bench
cp ../shared/bench/anchors.py .device/
# Quantized attention: the CUDA quant tests and the INT8 bench (run by quant_run.sh).
quant_bin=$(cargo test -p umfa --features cuda --release --test cuda_quant --no-run 2>&1 | sed -n 's/.*Executable tests\/cuda_quant.rs (\(.*\))/\1/p')
cargo build -p umfa --features cuda --release --example cuda_quant_bench --example cuda_quant_accuracy
cp "$quant_bin" .device/cuda_quant_test
cp target/release/examples/cuda_quant_bench .device/cuda_quant_bench
cp target/release/examples/cuda_quant_accuracy .device/cuda_quant_accuracy
strip .device/cuda_quant_test .device/cuda_quant_bench .device/cuda_quant_accuracy
ls -la .device
