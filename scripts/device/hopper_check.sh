#!/usr/bin/env bash
# One short device call (under 9 minutes) after a change to the CUDA kernels: the whole CUDA
# correctness suite, umfa's forward/backward timings with opt-in variants beside the default,
# the anchors in the same call, and optionally the wgpu quick check, in that order of importance
# (a call cut short keeps what came first). Runs on the GPU machine from
# the repository root over .device/ (scripts/device/cuda_build.sh) and, with WGPU=1, .device-wgpu/
# and .gl/ (scripts/device/wgpu_build.sh). Results go to $OUT/c (and $OUT/w).
# Environment: CASES (default G1,G2,G3,G4,G5,G6,D256), VARIANTS — space-separated
# name:cases:VAR=value[;VAR=value] entries timed after the default ('-': none), '+' standing for a space in a
# value (default: the forward candidates of 2026-12-08 — 2 and 4 of 8 exponentials on the FMA
# pipe, two blocks per SM with 64-key tiles and 64-key tiles alone on G2, dynamic items on G2),
# EXTRA_TESTS="VAR=value …" (the whole suite again with those variables, '+' for a space in a value;
# EXTRA_FILTER="name …": only those tests),
# ANCHOR_ARGS (e.g. "--cases G1,G2"), SKIP_TESTS=1, SKIP_ANCHORS=1, PYTEST=1 (python/tests/test_cuda.py
# over the wheel in .devwhl), SANITIZE=1 (racecheck and memcheck on the backward; SANITIZE=race: racecheck only; SANITIZE=fwd: the backward's and the forward's, SANITIZE=all the same; RACE_ENV: variables for the backward's racecheck run), QUANT=1 (the INT8 tests — with
# QUANT_TESTS_DEFINES as UMFA_CUDA_DEFINES if set — and bench, also with EX2_POLY 2 and 4 and with FP8 P·V), BLOCKSPARSE=1 (stage 3: B50 and G6 beside
# FlexAttention, blocksparse_anchor.py and anchors.py's G6), PROFILE=G1 (Nsight Compute on the forward and dK/dV kernels; G1c: the causal row only),
# WGPU=1, TEST_THREADS (tests at a time, default 6; 1 for readable logs), VARIANT_BWD=1 (the
# variants' backward timed too; by default they time the forward only).
source scripts/device/check_env.sh
# Tests run TEST_THREADS at a time (default 6): with a cold kernel cache each test's kernels
# compile while the others' do (NVRTC takes programs from several threads, and the backend
# compiles different kernels concurrently), where one at a time the suite spent minutes
# compiling. Settings that tests change are per thread, so they do not leak between tests.
TT=${TEST_THREADS:-6}
if [ -z "${SKIP_TESTS:-}" ]; then
  (time timeout 270 .device/cuda_test --nocapture --test-threads=$TT) > "$O/test.log" 2>&1
  grep -E "test result|FAIL|panicked|^real" "$O/test.log" | head -20
fi
summary() { python3 scripts/device/bench_summary.py "$1"; }
timeout 60 .device/cuda_bench "${CASES:-G1,G2,G3,G4,G5,G6,D256}" 20 > "$O/bench_default.jsonl" 2>&1
echo "## default"; summary "$O/bench_default.jsonl"
if [ -z "${SKIP_ANCHORS:-}" ]; then
  PYTHONUNBUFFERED=1 timeout 150 python3 .device/anchors.py --no-flex ${ANCHOR_ARGS:-} 2>&1 | grep -v Warning > "$O/anchors.jsonl"
  echo "## anchors"; summary "$O/anchors.jsonl"
fi
for v in ${VARIANTS:-poly2:G1,G2:UMFA_CUDA_DEFINES=-DEX2_POLY=2 poly4:G2:UMFA_CUDA_DEFINES=-DEX2_POLY=4 2blk:G2:UMFA_CUDA_WGMMA_BLOCKS_PER_SM=2;UMFA_CUDA_WGMMA_TILE=2x64 n64:G2:UMFA_CUDA_WGMMA_TILE=2x64 dyn:G2:UMFA_CUDA_WGMMA_DYNAMIC=1}; do
  [ "$v" = "-" ] && continue  # VARIANTS=- : none
  name=${v%%:*}; rest=${v#*:}; cases=${rest%%:*}; vars=${rest#*:}
  (
    IFS=';'
    for kv in $vars; do export "${kv//+/ }"; done
    # Forward timings only unless VARIANT_BWD=1 (the variants of the day are the forward's).
    UMFA_BENCH_FWD_ONLY=$([ -n "${VARIANT_BWD:-}" ] && echo 0 || echo 1) \
      timeout 40 .device/cuda_bench "$cases" 20 > "$O/bench_$name.jsonl" 2>&1
  )
  echo "## $name (${vars//+/ })"; summary "$O/bench_$name.jsonl"
done
if [ -n "${EXTRA_TESTS:-}" ]; then
  # Space-separated VAR=value, '+' standing for a space in a value (as in VARIANTS).
  extra=(); for kv in $EXTRA_TESTS; do extra+=("${kv//+/ }"); done
  # EXTRA_FILTER: only the tests whose names contain one of its words.
  (time env "${extra[@]}" timeout 270 .device/cuda_test --nocapture --test-threads=$TT ${EXTRA_FILTER:-}) > "$O/test_extra.log" 2>&1
  echo "## tests with $EXTRA_TESTS"; grep -E "test result|FAIL|panicked|^real" "$O/test_extra.log" | head -20
fi
if [ -n "${QUANT:-}" ]; then
  # The INT8 Hopper forward: its tests and bench.
  env ${QUANT_TESTS_DEFINES:+UMFA_CUDA_DEFINES=$QUANT_TESTS_DEFINES} timeout 150 .device/cuda_quant_test --nocapture --test-threads=$TT > "$O/quant_test.log" 2>&1
  echo "## quant tests"; grep -E "test result|FAIL|panicked" "$O/quant_test.log" | head -10
  timeout 60 .device/cuda_quant_bench G1,G3,G4 20 > "$O/quant_bench.jsonl" 2>&1
  echo "## quant bench"; summary "$O/quant_bench.jsonl"
  # The INT8 product halves S's time, so the exponentials weigh more than in the bf16 kernel:
  # 2 and 4 of every 8 score n-tiles' 2^x on the FMA pipe (EX2_POLY; tests: QUANT_TESTS_DEFINES).
  for k in 2 4; do
    UMFA_CUDA_DEFINES=-DEX2_POLY=$k timeout 60 .device/cuda_quant_bench G1,G3,G4 20 > "$O/quant_bench_poly$k.jsonl" 2>&1
    echo "## quant bench, EX2_POLY=$k"; summary "$O/quant_bench_poly$k.jsonl"
  done
  UMFA_CUDA_INT8_PV_FP8=1 timeout 60 .device/cuda_quant_bench G1,G3,G4 20 > "$O/quant_bench_fp8.jsonl" 2>&1
  echo "## quant bench, FP8 P·V (UMFA_CUDA_INT8_PV_FP8=1; V's conversion included)"; summary "$O/quant_bench_fp8.jsonl"
fi
if [ -n "${BLOCKSPARSE:-}" ]; then
  # Masks at the dense rate: the 50 %-sparse block mask (B50) and the causal window (G6), each
  # beside FlexAttention (compiled) in this call.
  timeout 60 .device/cuda_bench B50,G6 20 > "$O/bench_sparse.jsonl" 2>&1
  echo "## B50, G6"; summary "$O/bench_sparse.jsonl"
  PYTHONUNBUFFERED=1 timeout 150 python3 scripts/device/blocksparse_anchor.py 2>&1 | grep -v Warning > "$O/anchor_b50.jsonl"
  PYTHONUNBUFFERED=1 timeout 150 python3 .device/anchors.py --cases G6 --no-bwd 2>&1 | grep -v Warning > "$O/anchor_g6.jsonl"
  echo "## FlexAttention B50, G6"; summary "$O/anchor_b50.jsonl"; summary "$O/anchor_g6.jsonl"
fi
if [ -n "${PYTEST:-}" ]; then
  # The Python package on CUDA tensors with torch (the wheel from `pip wheel --no-deps ./python
  # -w .devwhl`, carried as .devwhl): test_cuda.py, the 50-step training run against torch's own
  # loss curve among it.
  pip install -q --no-deps --target /tmp/pyumfa .devwhl/*.whl > "$O/pip.log" 2>&1
  PYTHONPATH=/tmp/pyumfa timeout 150 python3 -m pytest -q -x -p no:cacheprovider python/tests/test_cuda.py > "$O/pytest.log" 2>&1
  echo "## pytest test_cuda.py"; tail -5 "$O/pytest.log"
fi
if [ -n "${SANITIZE:-}" ]; then
  # racecheck (shared-memory hazards) on the Hopper backward in both modes, memcheck on the
  # backward sweep and the fast mode.
  # RACE_ENV="UMFA_CUDA_DEFINES=-DDQ_HAND_SYNC=1": the racecheck run with those variables.
  env ${RACE_ENV:-} timeout 90 compute-sanitizer --tool racecheck --print-limit 10 .device/cuda_test --test-threads=1 \
    backward_is_bitwise_deterministic backward_fast_mode > "$O/racecheck.txt" 2>&1
  echo "## racecheck"; grep -E "RACECHECK SUMMARY|test result|hazard|Error" "$O/racecheck.txt" | head -8
  if [ "$SANITIZE" != race ]; then
    timeout 90 compute-sanitizer --tool memcheck --print-limit 10 .device/cuda_test --test-threads=1 \
      backward_fast_mode backward_without_dq_bulk > "$O/memcheck.txt" 2>&1
    echo "## memcheck"; grep -E "ERROR SUMMARY|test result|Invalid" "$O/memcheck.txt" | head -8
  fi
  if [ "$SANITIZE" = all ] || [ "$SANITIZE" = fwd ]; then
    # The forward (issue 5's sanitizer item): the persistent kernel's items, queues and
    # barriers under racecheck; every forward variant of the persistent test and the
    # determinism test under memcheck.
    timeout 90 compute-sanitizer --tool racecheck --print-limit 10 .device/cuda_test --test-threads=1 \
      persistent_forward forward_is_bitwise > "$O/racecheck_fwd.txt" 2>&1
    echo "## racecheck, forward"; grep -E "RACECHECK SUMMARY|test result|hazard|Error" "$O/racecheck_fwd.txt" | head -8
    timeout 90 compute-sanitizer --tool memcheck --print-limit 10 .device/cuda_test --test-threads=1 \
      persistent_forward forward_is_bitwise device_pointers > "$O/memcheck_fwd.txt" 2>&1
    echo "## memcheck, forward"; grep -E "ERROR SUMMARY|test result|Invalid" "$O/memcheck_fwd.txt" | head -8
  fi
fi
if [ -n "${PROFILE:-}" ]; then
  # Nsight Compute on case $PROFILE (e.g. G1): the Hopper forward's and dK/dV kernel's first
  # launches, the sections that say where the warps wait (Firecracker machines need
  # --clock-control none).
  # PROFILE_KERNELS / PROFILE_BIN: other kernels and bench (e.g. umfa_fwd_int8_wgmma with
  # cuda_quant_bench).
  for k in ${PROFILE_KERNELS:-umfa_fwd_wgmma umfa_bwd_dkdv_wgmma}; do
    timeout 150 ncu --clock-control none --section SpeedOfLight --section WarpStateStats --section SchedulerStats \
      --section MemoryWorkloadAnalysis --section SourceCounters -k regex:$k -c 1 .device/${PROFILE_BIN:-cuda_bench} "$PROFILE" 1 \
      > "$O/ncu_$k.txt" 2>&1
    echo "## ncu $k ($PROFILE)"
    grep -E "Stall|Throughput|Issued|Eligible|Duration|Pipe|Warp Cycles|L2|DRAM" "$O/ncu_$k.txt" | head -40
  done
fi
if [ -n "${WGPU:-}" ]; then
  QUICK=scalar OUT=$OUT/w timeout 220 bash scripts/device/wgpu_run.sh 2>&1 | tail -20
fi
# At most 8 files come back from a device call: the results folder in one archive (a call cut
# short returns 8 of the loose files instead).
bash scripts/device/save_cache.sh
tar czf "$OUT/hopper_check.tgz" -C "$O" . && rm -rf "$O"
