#!/usr/bin/env bash
# Times kernel options against the default in one device call: FWD_VARIANTS is a ';'-separated
# list of NVRTC option sets (e.g. "-DPINGPONG=1;-DPRODUCER_REGS=24 -DCONSUMER_REGS=240"), each
# run through UMFA_CUDA_DEFINES on CASES (default G1,G3; forward and backward as cuda_bench
# times them). Runs on the GPU machine over .device/ (scripts/device/cuda_build.sh); results in
# $OUT/fwd_variants.tgz. Options change timings only after NVRTC compiles them: the first run of
# each set pays the compile outside the timed loop.
source scripts/device/check_env.sh
cases=${CASES:-G1,G3}
timeout 40 .device/cuda_bench "$cases" 20 > "$O/default.jsonl" 2>&1
echo "## default"; python3 scripts/device/bench_summary.py "$O/default.jsonl"
IFS=';' read -r -a variants <<< "${FWD_VARIANTS:-}"
i=0
for d in "${variants[@]}"; do
  i=$((i + 1))
  echo "$d" > "$O/v$i.defines"
  UMFA_CUDA_DEFINES="$d" timeout 50 .device/cuda_bench "$cases" 20 > "$O/v$i.jsonl" 2>&1
  echo "## $d"; python3 scripts/device/bench_summary.py "$O/v$i.jsonl"
done
bash scripts/device/save_cache.sh
tar czf "$OUT/fwd_variants.tgz" -C "$O" . && rm -rf "$O"
