#!/usr/bin/env bash
# The C ABI: the committed header is what cbindgen generates, the crate's tests pass (numeric
# checks against the f64 reference, hardening, concurrency, a bounded fuzzer), the C examples
# (attention, merge) run plain and under AddressSanitizer (attention also statically linked),
# the install layout works through pkg-config, and the hand-written Rust FFI example links
# libMFAFFI and passes.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
CBINDGEN_VERSION=0.29.4

need_apt() {
  if command -v apt-get >/dev/null; then
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq "$@"
  else
    echo "test-capi.sh: please install $*" >&2
    exit 1
  fi
}
command -v gcc >/dev/null || need_apt gcc
command -v pkg-config >/dev/null || need_apt pkg-config

# cbindgen, pinned: another version could format the header differently.
cbindgen="cbindgen"
if ! command -v cbindgen >/dev/null || [ "$(cbindgen --version)" != "cbindgen $CBINDGEN_VERSION" ]; then
  tools="$root/target/tools"
  if [ ! -x "$tools/bin/cbindgen" ] || [ "$("$tools/bin/cbindgen" --version)" != "cbindgen $CBINDGEN_VERSION" ]; then
    cargo install --quiet --locked --root "$tools" cbindgen --version "$CBINDGEN_VERSION"
  fi
  cbindgen="$tools/bin/cbindgen"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "--- header is up to date"
"$cbindgen" --quiet --config crates/umfa-capi/cbindgen.toml --crate umfa-capi --output "$work/mfa_ffi.h"
if ! diff -u include/mfa_ffi.h "$work/mfa_ffi.h"; then
  echo "include/mfa_ffi.h is stale: regenerate with" >&2
  echo "  cbindgen --config crates/umfa-capi/cbindgen.toml --crate umfa-capi --output include/mfa_ffi.h" >&2
  exit 1
fi
if command -v g++ >/dev/null; then
  g++ -std=c++11 -Wall -Wextra -Werror -fsyntax-only -x c++ include/mfa_ffi.h
fi

echo "--- crate tests (release, as scripts/test-rust.sh builds them)"
cargo test --release -p umfa-capi --quiet
cargo build --release -p umfa-capi --quiet

echo "--- install layout"
scripts/install.sh --prefix "$work/prefix" >/dev/null
lib="$work/prefix/lib"
export PKG_CONFIG_PATH="$lib/pkgconfig"
export LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

# The examples run on the CPU backend, which has every pass, even where a GPU is present.
export UMFA_BACKEND=cpu

echo "--- C example (shared library, via pkg-config)"
cflags="-std=c11 -Wall -Wextra -Werror -O1 -g"
# shellcheck disable=SC2046
gcc $cflags examples/c/attention.c $(pkg-config --cflags --libs umfa) -lm -o "$work/attention"
# A skipped pass would be a regression of the CPU backend.
"$work/attention" | tee "$work/attention.log"
if grep -q "skipped" "$work/attention.log"; then
  echo "the C example skipped a pass on the CPU backend" >&2
  exit 1
fi

echo "--- C example, linked as UMFA's clients link (-lMFAFFI)"
gcc $cflags examples/c/attention.c -I"$work/prefix/include" -L"$lib" -lMFAFFI -lm -o "$work/attention_mfaffi"
"$work/attention_mfaffi" >/dev/null

echo "--- C example, static library"
# shellcheck disable=SC2046
gcc $cflags examples/c/attention.c $(pkg-config --cflags umfa) "$lib/libumfa.a" \
  $(pkg-config --libs-only-l --static umfa | sed 's/-lumfa//') -o "$work/attention_static"
"$work/attention_static" >/dev/null

echo "--- C example under AddressSanitizer"
if echo 'int main(void){return 0;}' | gcc -fsanitize=address -x c - -o "$work/asan_probe" 2>/dev/null; then
  # shellcheck disable=SC2046
  gcc $cflags -fsanitize=address,undefined -fno-omit-frame-pointer examples/c/attention.c \
    $(pkg-config --cflags --libs umfa) -lm -o "$work/attention_asan"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1 \
    "$work/attention_asan" >/dev/null
elif command -v valgrind >/dev/null; then
  valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite "$work/attention" >/dev/null
else
  need_apt valgrind
  valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite "$work/attention" >/dev/null
fi

echo "--- C merge example (ring-attention identity, merge_into ring loop, backward)"
# shellcheck disable=SC2046
gcc $cflags examples/c/merge.c $(pkg-config --cflags --libs umfa) -lm -o "$work/merge"
"$work/merge"
if [ -x "$work/asan_probe" ]; then
  # shellcheck disable=SC2046
  gcc $cflags -fsanitize=address,undefined -fno-omit-frame-pointer examples/c/merge.c \
    $(pkg-config --cflags --libs umfa) -lm -o "$work/merge_asan"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1 \
    "$work/merge_asan" >/dev/null
fi

echo "--- Rust FFI example (hand-written bindings, #[link(name = \"MFAFFI\")])"
UMFA_LIB_DIR="$lib" cargo run --quiet --manifest-path examples/rust-ffi/Cargo.toml

echo "--- C ABI: all checks passed"
