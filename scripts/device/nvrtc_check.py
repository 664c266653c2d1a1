#!/usr/bin/env python3
"""Compiles umfa's CUDA kernels with NVRTC on a machine without a GPU (NVRTC needs none) and
prints ptxas's resource report (registers, spills, shared memory) for each variant.

With FILTER set, compiles only the variants whose name contains it; with ONLY_QUANT set, stops
after the quantization kernels. With CUBIN_DIR set, writes each CUBIN there (for `cuobjdump --dump-sass`).

Usage: LIBNVRTC=/path/to/libnvrtc.so.13 python3 scripts/device/nvrtc_check.py [sm_90a]
(the `nvidia-cuda-nvrtc` wheel, unzipped, provides the library)."""
import ctypes, os, sys

K = os.path.join(os.path.dirname(__file__), "../../crates/umfa/src/cuda/kernels")
lib = ctypes.CDLL(os.environ.get("LIBNVRTC", "libnvrtc.so.13"))
arch = sys.argv[1] if len(sys.argv) > 1 else "sm_90a"


def compile_(files, defines, name):
    # FILTER=int8 compiles only the variants whose name contains it.
    if os.environ.get("FILTER", "") not in name:
        return True
    src = "".join(open(os.path.join(K, f)).read() for f in files).encode()
    prog = ctypes.c_void_p()
    assert lib.nvrtcCreateProgram(ctypes.byref(prog), src, name.encode(), 0, None, None) == 0
    opts = [f"--gpu-architecture={arch}", "--std=c++17", "--fmad=true", "--ptxas-options=-v"]
    # EXTRA="PRODUCER_REGS=40,CONSUMER_REGS=152" adds or overrides defines of every variant.
    extra = dict(kv.split("=", 1) for kv in os.environ.get("EXTRA", "").split(",") if kv)
    opts += [f"-D{k}={v}" for k, v in {**defines, **extra}.items()]
    arr = (ctypes.c_char_p * len(opts))(*[o.encode() for o in opts])
    rc = lib.nvrtcCompileProgram(prog, len(opts), arr)
    n = ctypes.c_size_t()
    lib.nvrtcGetProgramLogSize(prog, ctypes.byref(n))
    log = ctypes.create_string_buffer(n.value)
    lib.nvrtcGetProgramLog(prog, log)
    text = log.value.decode(errors="replace")
    lines = [l for l in text.splitlines() if "registers" in l or "spill" in l or "error" in l or "warning" in l or "C75" in l]
    print(f"{'FAIL' if rc else 'ok  '} {name} {defines}")
    if rc == 0 and os.environ.get("CUBIN_DIR"):
        lib.nvrtcGetCUBINSize(prog, ctypes.byref(n))
        cubin = ctypes.create_string_buffer(n.value)
        lib.nvrtcGetCUBIN(prog, cubin)
        open(os.path.join(os.environ["CUBIN_DIR"], name + ".cubin"), "wb").write(cubin.raw)
    for l in (text.splitlines() if rc else lines):
        print("     ", l.strip())
    return rc == 0


ok = compile_(["common.cuh", "generic_fwd.cu"], {}, "generic")
ok &= compile_(["common.cuh", "merge.cu"], {}, "merge")
ok &= compile_(["common.cuh", "generic_bwd.cu"], {}, "generic_bwd")
if os.environ.get("ONLY_GENERIC"):
    sys.exit(0 if ok else 1)
base = dict(HAS_BAND=0, HAS_BLOCKS=0, MASK_KIND=0, MASK_DTYPE=0, HAS_SOFTCAP=0, HAS_ALIBI=0, HAS_SINKS=0, IN_BF16=1, OUT_BF16=1, MIN_BLOCKS=2)
# Quantized attention (quant_*.cu): the device quantizer, the dequantize kernel, and the INT8
# forward's variants (D 64/96/128, every feature, each output dtype).
ok &= compile_(["common.cuh", "quant_common.cuh", "quant_quantize.cu"], {}, "quant_quantize")
ok &= compile_(["common.cuh", "quant_common.cuh", "quant_dequant.cu"], {}, "quant_dequant")
int8 = ["common.cuh", "mma_common.cuh", "quant_common.cuh", "quant_int8_fwd.cu"]
int8.insert(-1, "quant_int8_common.cuh")  # shared with the Hopper INT8 forward
qbase = dict(base, OUT_DTYPE=1, HAS_K_MEAN=1)
for d, mt, bn in [(64, 2, 128), (64, 2, 64), (96, 2, 64), (128, 2, 64)]:
    ok &= compile_(int8, dict(qbase, HEAD_DIM=d, MT=mt, BLOCK_N=bn), f"int8_d{d}_{bn}")
ok &= compile_(int8, dict(qbase, HEAD_DIM=128, MT=2, BLOCK_N=64, HAS_BAND=1), "int8_causal")
ok &= compile_(int8, dict(qbase, HEAD_DIM=128, MT=2, BLOCK_N=32, HAS_BAND=1), "int8_causal_n32")
ok &= compile_(int8, dict(qbase, HEAD_DIM=128, MT=2, BLOCK_N=32, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, HAS_SINKS=1, IN_BF16=0, OUT_DTYPE=0), "int8_all_n32")
ok &= compile_(int8, dict(qbase, HEAD_DIM=128, MT=2, BLOCK_N=64, HAS_K_MEAN=0, OUT_DTYPE=2, IN_BF16=0), "int8_nomean_f32out")
ok &= compile_(int8, dict(qbase, HEAD_DIM=128, MT=2, BLOCK_N=64, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, HAS_SINKS=1, IN_BF16=0, OUT_DTYPE=0), "int8_all")
ok &= compile_(int8, dict(qbase, HEAD_DIM=64, MT=2, BLOCK_N=64, MASK_KIND=2, MASK_DTYPE=2, HAS_SINKS=1), "int8_additive_sinks")
# The Hopper INT8 forward (quant_int8_wgmma_fwd.cu): s8 wgmma for S, 16-bit RS wgmma for P·V.
int8_wg = ["common.cuh", "mma_common.cuh", "quant_common.cuh", "quant_int8_common.cuh", "fwd_tile.cuh", "wgmma_ops.cuh", "wgmma_common.cuh", "pipeline.cuh", "quant_int8_wgmma_fwd.cu"]
wgbase = dict(qbase, NWARPS=12, MT=1, MIN_BLOCKS=1, SOFTMAX_PARTS=4)
for d, st in [(128, 3), (64, 3)]:
    ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=d, BLOCK_N=128, STAGES=st), f"int8_wgmma_d{d}")
ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=64, BLOCK_N=128, STAGES=3, PINGPONG=1), "int8_wgmma_d64_pingpong")
ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=128, BLOCK_N=128, STAGES=3, HAS_BAND=1), "int8_wgmma_causal")
ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=128, BLOCK_N=128, STAGES=3, HAS_K_MEAN=0, OUT_DTYPE=2, IN_BF16=0), "int8_wgmma_nomean_f32out")
ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=128, BLOCK_N=128, STAGES=3, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, HAS_SINKS=1, IN_BF16=0, OUT_DTYPE=0), "int8_wgmma_all")
ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=64, BLOCK_N=128, STAGES=3, MASK_KIND=2, MASK_DTYPE=2, HAS_SINKS=1), "int8_wgmma_additive_sinks")
# K and V by TMA (D = 128, INT8 K; Q may be INT4).
ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=128, BLOCK_N=128, STAGES=3, TMA=1), "int8_wgmma_tma")
ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=128, BLOCK_N=128, STAGES=3, TMA=1, HAS_BAND=1), "int8_wgmma_tma_causal")
ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=128, BLOCK_N=128, STAGES=3, TMA=1, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, HAS_SINKS=1, IN_BF16=0, OUT_DTYPE=0), "int8_wgmma_tma_all")
ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=128, BLOCK_N=128, STAGES=3, TMA=1, Q_INT4=1, HAS_BAND=1), "int8_wgmma_tma_q_int4")
# FP8 P·V (e4m3 Vᵀ by TMA, e4m3 wgmma), and its V preparation kernels.
ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=128, BLOCK_N=128, STAGES=3, TMA=1, PV_FP8=1), "int8_wgmma_tma_fp8pv")
ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=128, BLOCK_N=128, STAGES=3, TMA=1, PV_FP8=1, HAS_BAND=1), "int8_wgmma_tma_fp8pv_causal")
ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=128, BLOCK_N=128, STAGES=3, TMA=1, PV_FP8=1, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, HAS_SINKS=1, IN_BF16=0, OUT_DTYPE=0), "int8_wgmma_tma_fp8pv_all")
ok &= compile_(["common.cuh", "quant_common.cuh", "quant_v_fp8.cu"], {}, "quant_v_fp8")
# INT4 Q/K on the INT8 kernels (unpacked to s8 while staged; zero points subtracted there).
for d in (64, 96, 128):
    ok &= compile_(int8, dict(qbase, HEAD_DIM=d, MT=2, BLOCK_N=64, Q_INT4=1, K_INT4=1), f"int8_int4_d{d}")
ok &= compile_(int8, dict(qbase, HEAD_DIM=128, MT=2, BLOCK_N=64, Q_INT4=1, K_INT4=1, Q_ZP=1, K_ZP=1, HAS_BAND=1), "int8_int4_zp_causal")
ok &= compile_(int8, dict(qbase, HEAD_DIM=128, MT=2, BLOCK_N=64, K_INT4=1, K_ZP=1), "int8_int4_k_only")
ok &= compile_(int8, dict(qbase, HEAD_DIM=128, MT=2, BLOCK_N=64, Q_INT4=1, Q_ZP=1, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, HAS_SINKS=1, IN_BF16=0, OUT_DTYPE=0), "int8_int4_q_all")
ok &= compile_(int8, dict(qbase, HEAD_DIM=128, MT=2, BLOCK_N=64, Q_INT4=1, K_INT4=1, Q_ZP=1, K_ZP=1, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, HAS_SINKS=1, IN_BF16=0, OUT_DTYPE=0), "int8_int4_all")
for d in (64, 128):
    ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=d, BLOCK_N=128, STAGES=3, Q_INT4=1, K_INT4=1), f"int8_wgmma_int4_d{d}")
    ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=d, BLOCK_N=128, STAGES=3, Q_INT4=1, K_INT4=1, Q_ZP=1, K_ZP=1, HAS_BAND=1), f"int8_wgmma_int4_zp_causal_d{d}")
ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=128, BLOCK_N=128, STAGES=3, K_INT4=1, K_ZP=1, HAS_K_MEAN=0, OUT_DTYPE=2), "int8_wgmma_int4_k_only")
ok &= compile_(int8_wg, dict(wgbase, HEAD_DIM=128, BLOCK_N=128, STAGES=3, Q_INT4=1, K_INT4=1, Q_ZP=1, K_ZP=1, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, HAS_SINKS=1, IN_BF16=0, OUT_DTYPE=0), "int8_wgmma_int4_all")
if os.environ.get("ONLY_QUANT"):
    sys.exit(0 if ok else 1)
for d, mt, bn in [(64, 2, 64), (128, 2, 64), (256, 1, 32), (16, 2, 128), (32, 2, 128), (96, 2, 64), (192, 1, 32), (64, 2, 128)]:
    ok &= compile_(["common.cuh", "mma_common.cuh", "fwd_tile.cuh", "mma_fwd.cu"], dict(base, HEAD_DIM=d, MT=mt, BLOCK_N=bn), f"mma_d{d}")
ok &= compile_(["common.cuh", "mma_common.cuh", "fwd_tile.cuh", "mma_fwd.cu"], dict(base, HEAD_DIM=128, MT=2, BLOCK_N=64, HAS_BAND=1), "mma_causal")
ok &= compile_(["common.cuh", "mma_common.cuh", "fwd_tile.cuh", "mma_fwd.cu"], dict(base, HEAD_DIM=128, MT=2, BLOCK_N=64, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, HAS_SINKS=1, IN_BF16=0), "mma_all")
ok &= compile_(["common.cuh", "mma_common.cuh", "fwd_tile.cuh", "mma_fwd.cu"], dict(base, HEAD_DIM=128, MT=2, BLOCK_N=64, MASK_KIND=2, MASK_DTYPE=2), "mma_additive")
hopper = ["common.cuh", "mma_common.cuh", "fwd_tile.cuh", "wgmma_ops.cuh", "wgmma_common.cuh", "wgmma_fwd.cu"]
for d, bn, nw in [(128, 128, 8), (64, 128, 8), (256, 64, 8), (128, 64, 4), (128, 128, 12)]:
    ok &= compile_(hopper, dict(base, HEAD_DIM=d, BLOCK_N=bn, NWARPS=nw, MT=1), f"wgmma_d{d}_n{bn}_w{nw}")
ok &= compile_(hopper, dict(base, HEAD_DIM=128, BLOCK_N=128, NWARPS=8, MT=1, HAS_BAND=1), "wgmma_causal")
ok &= compile_(hopper, dict(base, HEAD_DIM=128, BLOCK_N=128, NWARPS=8, MT=1, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, HAS_SINKS=1, IN_BF16=0, OUT_BF16=0), "wgmma_all")
ok &= compile_(hopper, dict(base, HEAD_DIM=128, BLOCK_N=128, NWARPS=8, MT=1, MASK_KIND=2, MASK_DTYPE=2), "wgmma_additive")
ws = ["common.cuh", "mma_common.cuh", "fwd_tile.cuh", "wgmma_ops.cuh", "wgmma_common.cuh", "pipeline.cuh", "wgmma_ws_fwd.cu"]
for d, bn, st in [(128, 128, 3), (64, 128, 3), (256, 64, 2), (128, 64, 2)]:
    ok &= compile_(ws, dict(base, HEAD_DIM=d, BLOCK_N=bn, NWARPS=12, MT=1, SOFTMAX_PARTS=4, STAGES=st), f"wgmma_ws_d{d}_n{bn}")
ok &= compile_(ws, dict(base, HEAD_DIM=128, BLOCK_N=128, NWARPS=12, MT=1, HAS_BAND=1), "wgmma_ws_causal")
# K/V by TMA (opt-in): D 64 / 128 / 256, dense and causal with dynamic items.
for d, bn, qb, st in [(64, 128, 2, 3), (128, 128, 2, 2), (256, 64, 1, 2)]:
    ok &= compile_(ws, dict(base, HEAD_DIM=d, BLOCK_N=bn, NWARPS=12, MT=1, SOFTMAX_PARTS=4, STAGES=st, Q_BUFS=qb, TMA=1, PINGPONG=int(d == 64)), f"wgmma_ws_tma_d{d}")
ok &= compile_(ws, dict(base, HEAD_DIM=128, BLOCK_N=128, NWARPS=12, MT=1, SOFTMAX_PARTS=4, STAGES=2, Q_BUFS=2, TMA=1, HAS_BAND=1, DYNAMIC=1, HEAD_GROUP=4), "wgmma_ws_tma_dyn_causal")
# 176-key tiles at D = 128 (opt-in UMFA_CUDA_WGMMA_TILE=2x176; TMA and plain scores only: with
# the score rules this variant spills 488 bytes, so the host keeps those on 128 keys), with sinks.
ok &= compile_(ws, dict(base, HEAD_DIM=128, BLOCK_N=176, NWARPS=12, MT=1, SOFTMAX_PARTS=4, STAGES=2, Q_BUFS=1, TMA=1), "wgmma_ws_tma_n176")
ok &= compile_(ws, dict(base, HEAD_DIM=128, BLOCK_N=176, NWARPS=12, MT=1, SOFTMAX_PARTS=4, STAGES=2, Q_BUFS=1, TMA=1, HAS_SINKS=1, IN_BF16=0, OUT_BF16=0), "wgmma_ws_tma_n176_sinks")
# Persistent with dynamically claimed items (under a band, the default there): D 64 / 128 / 256.
for d, bn, qb, st in [(64, 128, 2, 3), (128, 128, 2, 2), (256, 64, 1, 2)]:
    ok &= compile_(ws, dict(base, HEAD_DIM=d, BLOCK_N=bn, NWARPS=12, MT=1, SOFTMAX_PARTS=4, STAGES=st, Q_BUFS=qb, HAS_BAND=1, DYNAMIC=1, HEAD_GROUP=4, PINGPONG=int(d == 64)), f"wgmma_ws_dyn_causal_d{d}")
# Three consumer warpgroups at D = 64 (144 registers each; 128-key tiles spill).
for bn in (128, 64):
    ok &= compile_(ws, dict(base, HEAD_DIM=64, BLOCK_N=bn, NWARPS=16, MT=1, SOFTMAX_PARTS=4, STAGES=3), f"wgmma_ws3_d64_n{bn}")
    ok &= compile_(ws, dict(base, HEAD_DIM=64, BLOCK_N=bn, NWARPS=16, MT=1, SOFTMAX_PARTS=4, STAGES=3, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, HAS_SINKS=1), f"wgmma_ws3_all_d64_n{bn}")
# Three consumer warpgroups at D = 64 with K/V by TMA (UMFA_CUDA_WGMMA_TILE=3x128: G2's candidate).
ok &= compile_(ws, dict(base, HEAD_DIM=64, BLOCK_N=128, NWARPS=16, MT=1, SOFTMAX_PARTS=4, STAGES=3, Q_BUFS=2, TMA=1, PINGPONG=1), "wgmma_ws3_tma_d64")
ok &= compile_(ws, dict(base, HEAD_DIM=64, BLOCK_N=128, NWARPS=16, MT=1, SOFTMAX_PARTS=4, STAGES=3, Q_BUFS=2, TMA=1, PINGPONG=1, HAS_BAND=1), "wgmma_ws3_tma_causal_d64")
ok &= compile_(ws, dict(base, HEAD_DIM=128, BLOCK_N=128, NWARPS=12, MT=1, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, HAS_SINKS=1, IN_BF16=0, OUT_BF16=0), "wgmma_ws_all")
# Two blocks per SM (opt-in UMFA_CUDA_WGMMA_BLOCKS_PER_SM=2 with UMFA_CUDA_WGMMA_TILE=2x64): the
# host's register split for 2 x 384 threads (wgmma::register_split), D = 64, dense and causal.
for band in (0, 1):
    ok &= compile_(ws, dict(base, HEAD_DIM=64, BLOCK_N=64, NWARPS=12, MT=1, SOFTMAX_PARTS=4, STAGES=3, Q_BUFS=2, TMA=1, PINGPONG=1, HAS_BAND=band, HEAD_GROUP=4 if band else 1, WS_MIN_BLOCKS=2, PRODUCER_REGS=24, CONSUMER_REGS=104), f"wgmma_ws_2blk_d64_band{band}")
# A persistent block's items as one stream of tiles (opt-in ITEM_PIPE): D = 128 by TMA, D = 64
# with three warpgroups, and with dynamic items and every feature (empty items, block masks).
ok &= compile_(ws, dict(base, HEAD_DIM=128, BLOCK_N=128, NWARPS=12, MT=1, SOFTMAX_PARTS=4, STAGES=2, Q_BUFS=2, TMA=1, ITEM_PIPE=1), "wgmma_ws_pipe_tma_d128")
ok &= compile_(ws, dict(base, HEAD_DIM=64, BLOCK_N=128, NWARPS=16, MT=1, SOFTMAX_PARTS=4, STAGES=3, Q_BUFS=2, TMA=1, PINGPONG=1, ITEM_PIPE=1, IDLE_SKIP=1), "wgmma_ws3_pipe_tma_d64")
ok &= compile_(ws, dict(base, HEAD_DIM=64, BLOCK_N=128, NWARPS=12, MT=1, SOFTMAX_PARTS=4, STAGES=3, Q_BUFS=2, HAS_BAND=1, DYNAMIC=1, HEAD_GROUP=4, PINGPONG=1, ITEM_PIPE=1), "wgmma_ws_pipe_dyn_causal_d64")
ok &= compile_(ws, dict(base, HEAD_DIM=128, BLOCK_N=128, NWARPS=12, MT=1, STAGES=2, Q_BUFS=2, DYNAMIC=1, HEAD_GROUP=4, ITEM_PIPE=1, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, HAS_SINKS=1, IN_BF16=0, OUT_BF16=0), "wgmma_ws_pipe_dyn_all")
bwd = ["common.cuh", "mma_common.cuh", "bwd_tile.cuh", "mma_bwd.cu"]
for d, bm, bn in [(64, 64, 64), (128, 64, 64), (128, 32, 64), (32, 64, 64), (96, 64, 64)]:
    for dkdv in (0, 1):
        ok &= compile_(bwd, dict(base, HEAD_DIM=d, BLOCK_M=bm, BLOCK_N=bn, BWD_DKDV=dkdv), f"bwd_{'dkdv' if dkdv else 'dq'}_d{d}_{bm}x{bn}")
for d, bm in [(128, 32), (64, 64), (128, 64)]:
    ok &= compile_(bwd, dict(base, HEAD_DIM=d, BLOCK_M=bm, BLOCK_N=64, BWD_DKDV=1, DQ_ATOMIC=1), f"bwd_fast_d{d}_{bm}")
for dkdv in (0, 1):
    ok &= compile_(bwd, dict(base, HEAD_DIM=128, BLOCK_M=64, BLOCK_N=64, BWD_DKDV=dkdv, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=2, MASK_DTYPE=1, HAS_SOFTCAP=1, HAS_ALIBI=1, IN_BF16=0), f"bwd_all_{dkdv}")
# The Hopper backward's dK/dV kernel (wgmma_bwd.cu): fast mode (dQ added here) and deterministic.
wbwd = ["common.cuh", "mma_common.cuh", "fwd_tile.cuh", "wgmma_ops.cuh", "wgmma_common.cuh", "pipeline.cuh", "bwd_tile.cuh", "wgmma_bwd.cu"]
wbbase = dict(base, BLOCK_N=128, NWARPS=12, MT=1, MIN_BLOCKS=1)
for d in (128, 64):
    for st in (2, 3):
        ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=d, STAGES=st), f"wgmma_bwd_d{d}_s{st}")
    ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=d, STAGES=2, HAS_BAND=1), f"wgmma_bwd_causal_d{d}")
    ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=d, STAGES=2, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, IN_BF16=0), f"wgmma_bwd_all_d{d}")
    ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=d, STAGES=2, MASK_KIND=2, MASK_DTYPE=1), f"wgmma_bwd_additive_d{d}")
    ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=d, STAGES=2, WITH_DQ=0), f"wgmma_bwd_det_d{d}")
    ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=d, STAGES=2, WITH_DQ=0, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1), f"wgmma_bwd_det_all_d{d}")
# Q and dO by TMA (the default on sm_90 since 2026-12-07; UMFA_CUDA_WGMMA_BWD_TMA=0 turns it off).
for d in (128, 64):
    ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=d, STAGES=2, TMA=1), f"wgmma_bwd_tma_d{d}")
    ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=d, STAGES=2, TMA=1, HAS_BAND=1), f"wgmma_bwd_tma_causal_d{d}")
    ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=d, STAGES=2, TMA=1, WITH_DQ=0, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, IN_BF16=0), f"wgmma_bwd_tma_det_all_d{d}")
    # dQ by TMA reduce from shared memory (fast mode, 64-row items; the default with TMA).
    ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=d, STAGES=2, TMA=1, DQ_BULK=1), f"wgmma_bwd_tma_dqbulk_d{d}")
    ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=d, STAGES=2, TMA=1, DQ_BULK=1, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, IN_BF16=0), f"wgmma_bwd_tma_dqbulk_all_d{d}")
ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=64, BLOCK_M=128, STAGES=2, TMA=1), "wgmma_bwd_tma_m128_d64")
# 128-query items at D = 64 (opt-in: UMFA_CUDA_WGMMA_BWD_M=128).
for wq in (1, 0):
    ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=64, BLOCK_M=128, STAGES=2, WITH_DQ=wq), f"wgmma_bwd_m128_d64_dq{wq}")
    ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=64, BLOCK_M=128, STAGES=2, WITH_DQ=wq, HAS_BAND=1), f"wgmma_bwd_m128_causal_d64_dq{wq}")
    ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=64, BLOCK_M=128, STAGES=2, WITH_DQ=wq, HAS_BAND=1, HAS_BLOCKS=1, MASK_KIND=1, MASK_DTYPE=3, HAS_SOFTCAP=1, HAS_ALIBI=1, IN_BF16=0), f"wgmma_bwd_m128_all_d64_dq{wq}")
ok &= compile_(wbwd, dict(wbbase, HEAD_DIM=64, BLOCK_M=128, STAGES=2, MASK_KIND=2, MASK_DTYPE=1), "wgmma_bwd_m128_additive_d64")
sys.exit(0 if ok else 1)
