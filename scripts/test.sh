#!/usr/bin/env bash
# Runs every test of the project on this machine: the README's test command.
# Installs what it needs (Rust toolchain assumed present via rustup; system and Python packages
# installed here). Each section lives in its own script so areas stay independent.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
for section in scripts/test-rust.sh scripts/test-capi.sh scripts/test-python.sh scripts/test-wgpu.sh; do
  if [ -x "$section" ]; then
    echo "=== $section ==="
    "$section"
  fi
done
echo "=== all tests passed ==="
