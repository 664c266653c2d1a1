#!/usr/bin/env bash
# The wgpu backend: lints with the `wgpu` feature on, the naga checks and Metal (MSL) snapshots of
# every WGSL kernel, and the correctness sweep against the f64 reference on Mesa's lavapipe (a
# CPU Vulkan driver, installed here when missing). Set UMFA_WGPU_ADAPTER to run the sweep on
# another adapter (a substring of its name); lavapipe is the default so results do not depend on
# the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! ls /usr/share/vulkan/icd.d/lvp_icd*.json >/dev/null 2>&1 || ! ldconfig -p | grep -q libvulkan.so.1; then
  echo "test-wgpu: installing Mesa's lavapipe (mesa-vulkan-drivers) and the Vulkan loader"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq mesa-vulkan-drivers libvulkan1
fi

export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"
export UMFA_WGPU_ADAPTER="${UMFA_WGPU_ADAPTER:-llvmpipe}"
# An adapter was just installed: the sweep must run, not skip.
export UMFA_WGPU_REQUIRED=1

cargo clippy -p umfa --features wgpu --all-targets -- -D warnings
cargo test -p umfa --features wgpu --lib wgpu_backend
cargo test -p umfa --features wgpu --test wgpu -- --nocapture --test-threads 1
