#!/usr/bin/env bash
# The main job: builds the `umfa` CLI and runs its demo — FLUX-shaped attention on the default
# backend (the fastest present: CUDA, then wgpu, then the CPU), with time, throughput and the
# error against the f64 reference. Extra arguments go to `umfa demo` (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
cargo build --release -p umfa-cli
exec ./target/release/umfa demo "$@"
