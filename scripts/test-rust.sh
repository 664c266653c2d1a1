#!/usr/bin/env bash
# The Rust workspace: formatting, lints, unit/property/integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace --release
