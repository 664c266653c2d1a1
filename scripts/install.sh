#!/usr/bin/env bash
# Builds umfa's C library and installs it under a prefix:
#   PREFIX/lib/libumfa.so, PREFIX/lib/libumfa.a, PREFIX/lib/libMFAFFI.so (a link to libumfa.so,
#   the name UMFA's clients link with), PREFIX/include/mfa_ffi.h, PREFIX/lib/pkgconfig/umfa.pc.
# Usage: scripts/install.sh --prefix PREFIX [--debug]
#   --debug installs the unoptimised build (faster to build; used by scripts/test-capi.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=""
profile="release"
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a directory}"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --debug) profile="debug"; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
[ -n "$prefix" ] || { echo "install.sh: --prefix is required" >&2; exit 2; }

if [ "$profile" = release ]; then
  cargo build -p umfa-capi --release
else
  cargo build -p umfa-capi
fi
target_dir="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
libdir_src="$target_dir/$profile"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"

mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
install -d "$prefix/lib/pkgconfig" "$prefix/include"
install -m 755 "$libdir_src/libumfa.so" "$prefix/lib/libumfa.so"
install -m 644 "$libdir_src/libumfa.a" "$prefix/lib/libumfa.a"
ln -sf libumfa.so "$prefix/lib/libMFAFFI.so"
install -m 644 include/mfa_ffi.h "$prefix/include/mfa_ffi.h"
cat > "$prefix/lib/pkgconfig/umfa.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: umfa
Description: Flash attention on CPU, CUDA and wgpu; C ABI compatible with UMFA's mfa_* functions
Version: $version
Libs: -L\${libdir} -lumfa
Libs.private: -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
Cflags: -I\${includedir}
PC
echo "installed umfa $version ($profile) under $prefix"
