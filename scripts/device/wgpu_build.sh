#!/usr/bin/env bash
# Builds here (the dev machine) what scripts/device/wgpu_run.sh runs on the GPU machine, which has
# NVIDIA's Vulkan driver but neither a Vulkan loader nor a network:
#   .device-wgpu/wgpu_test  the wgpu test binary (release): correctness sweeps, both families
#   .device-wgpu/umfa       the CLI with the wgpu backend only (release), for `umfa bench`
#   .gl/*.deb               the Vulkan/EGL loader packages (Debian, amd64), unpacked there
# Both folders are ignored by git (.git/info/exclude); pass them to the device tool in `carry`.
set -euo pipefail
cd "$(dirname "$0")/../.."
for d in .device-wgpu/ .gl/; do
  grep -qxF "$d" .git/info/exclude 2>/dev/null || grep -qxF "/$d" .git/info/exclude 2>/dev/null \
    || echo "$d" >> .git/info/exclude
done
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
mkdir -p .device-wgpu
test_bin=$(cargo test --release -p umfa --no-default-features --features wgpu --test wgpu --no-run \
  --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "wgpu":
        print(m["executable"])' | tail -1)
[ -n "$test_bin" ] || { echo "wgpu_build: no test binary"; exit 1; }
cargo build --release -p umfa-cli --no-default-features --features wgpu
cp "$test_bin" .device-wgpu/wgpu_test
cp "$CARGO_TARGET_DIR/release/umfa" .device-wgpu/umfa
strip .device-wgpu/wgpu_test .device-wgpu/umfa 2>/dev/null || true
if ! ls .gl/libvulkan1_*.deb >/dev/null 2>&1; then
  mkdir -p .gl /tmp/amd64/partial
  o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
  # shellcheck disable=SC2086
  apt-get $o update -qq
  # shellcheck disable=SC2086
  (cd .gl && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
fi
ls -la .device-wgpu .gl
echo "wgpu_build: done; on the GPU machine: bash scripts/device/wgpu_run.sh (carry .device-wgpu and .gl)"
