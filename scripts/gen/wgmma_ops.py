#!/usr/bin/env python3
"""Writes crates/umfa/src/cuda/kernels/wgmma_ops.cuh: the wgmma wrappers the Hopper forward uses.

Each wgmma.mma_async names every accumulator register of the warpgroup's m64nN tile as its own
operand (N/2 of them), which is tedious and error-prone to write by hand; this script writes them.
Run it after changing the shapes below: `python3 scripts/gen/wgmma_ops.py`."""
import os

# 176: the forward's 176-key tiles at D = 128 (BLOCK_N = 176, opt-in).
SHAPES = [64, 128, 176, 256]
# S = Q·Kᵀ of the Hopper INT8 forward (quant_int8_wgmma_fwd.cu): s8·s8 → s32, both in shared memory.
S8_SHAPES = [64, 128]
# dQ = dS·K of the Hopper backward (wgmma_bwd.cu): A and B both MN-major (transposed) in shared memory;
# 32 where each warpgroup's dQ covers half of D = 64 (DQ_SPLIT).
SS_TT_SHAPES = [64, 32]
# O += P·V of the Hopper INT8 forward with FP8 P·V: e4m3 P from registers, e4m3 Vᵀ in shared memory.
RS_E4M3_SHAPES = [128]
OUT = os.path.join(os.path.dirname(__file__), "../../crates/umfa/src/cuda/kernels/wgmma_ops.cuh")


def acc_list(n):
    return ", ".join(f"%{i}" for i in range(n // 2))


def acc_operands(n):
    return ", ".join(f'"+f"(d[{i}])' for i in range(n // 2))


def ss(n):
    k = n // 2
    return f'''// D[64 x {n}] (+)= A·B with A (64 x 16, K-major) and B (16 x {n}, K-major) in shared memory.
__device__ __forceinline__ void wgmma_ss_n{n}(float* d, u64 desc_a, u64 desc_b, int accumulate) {{
    asm volatile(
        "{{\\n.reg .pred p;\\nsetp.ne.b32 p, %{k + 2}, 0;\\n"
        "wgmma.mma_async.sync.aligned.m64n{n}k16.f32." MMA_TYPE "." MMA_TYPE " "
        "{{{acc_list(n)}}}, %{k}, %{k + 1}, p, 1, 1, 0, 0;\\n}}\\n"
        : {acc_operands(n)}
        : "l"(desc_a), "l"(desc_b), "r"(accumulate));
}}
'''


def rs(n):
    k = n // 2
    return f'''// D[64 x {n}] += A·B with A (64 x 16) in registers (the mma.sync A fragment of each warp's 16
// rows) and B (16 x {n}) in shared memory, MN-major (transposed).
__device__ __forceinline__ void wgmma_rs_n{n}(float* d, const unsigned* a, u64 desc_b) {{
    asm volatile(
        "{{\\n.reg .pred p;\\nsetp.ne.b32 p, 1, 0;\\n"
        "wgmma.mma_async.sync.aligned.m64n{n}k16.f32." MMA_TYPE "." MMA_TYPE " "
        "{{{acc_list(n)}}}, {{%{k}, %{k + 1}, %{k + 2}, %{k + 3}}}, %{k + 4}, p, 1, 1, 1;\\n}}\\n"
        : {acc_operands(n)}
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(desc_b));
}}
'''


def ss_tt(n):
    k = n // 2
    return f'''// D[64 x {n}] (+)= A·B with A (64 x 16) and B (16 x {n}) in shared memory, both MN-major
// (imm-trans-a = imm-trans-b = 1: A's M and B's N contiguous).
__device__ __forceinline__ void wgmma_ss_tt_n{n}(float* d, u64 desc_a, u64 desc_b, int accumulate) {{
    asm volatile(
        "{{\\n.reg .pred p;\\nsetp.ne.b32 p, %{k + 2}, 0;\\n"
        "wgmma.mma_async.sync.aligned.m64n{n}k16.f32." MMA_TYPE "." MMA_TYPE " "
        "{{{acc_list(n)}}}, %{k}, %{k + 1}, p, 1, 1, 1, 1;\\n}}\\n"
        : {acc_operands(n)}
        : "l"(desc_a), "l"(desc_b), "r"(accumulate));
}}
'''


def fence(n):
    return f'''// Keeps the compiler from moving reads or writes of these registers across an asynchronous
// wgmma that uses them (the asm statements around it do not name them).
__device__ __forceinline__ void fence_regs_n{n}(float* d) {{
#pragma unroll
    for (int i = 0; i < {n // 2}; ++i) asm volatile("" : "+f"(d[i])::"memory");
}}
'''


def ss_s8(n):
    k = n // 2
    acc = ", ".join(f'"+r"(d[{i}])' for i in range(k))
    return f'''// D[64 x {n}] (+)= A·B, s32 += s8·s8 (exact), with A (64 x 32, K-major) and B (32 x {n}, K-major)
// in shared memory. Integer wgmma takes no scale or transpose immediates: K-major only.
__device__ __forceinline__ void wgmma_ss_s8_n{n}(int* d, u64 desc_a, u64 desc_b, int accumulate) {{
    asm volatile(
        "{{\\n.reg .pred p;\\nsetp.ne.b32 p, %{k + 2}, 0;\\n"
        "wgmma.mma_async.sync.aligned.m64n{n}k32.s32.s8.s8 "
        "{{{acc_list(n)}}}, %{k}, %{k + 1}, p;\\n}}\\n"
        : {acc}
        : "l"(desc_a), "l"(desc_b), "r"(accumulate));
}}
'''


def rs_e4m3(n):
    k = n // 2
    return f'''// D[64 x {n}] += A·B, f32 += e4m3·e4m3, with A (64 x 32) in registers (four 32-bit registers
// of four e4m3 each: the 8-bit A fragment of each warp's 16 rows, k = 4·(lane % 4) + byte and
// 16 + that) and B (32 x {n}) in shared memory, K-major (8-bit types take no transpose).
__device__ __forceinline__ void wgmma_rs_e4m3_n{n}(float* d, const unsigned* a, u64 desc_b) {{
    asm volatile(
        "{{\\n.reg .pred p;\\nsetp.ne.b32 p, 1, 0;\\n"
        "wgmma.mma_async.sync.aligned.m64n{n}k32.f32.e4m3.e4m3 "
        "{{{acc_list(n)}}}, {{%{k}, %{k + 1}, %{k + 2}, %{k + 3}}}, %{k + 4}, p, 1, 1;\\n}}\\n"
        : {acc_operands(n)}
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "l"(desc_b));
}}
'''


def fence_s32(n):
    return f'''// fence_regs_n{n} for s32 accumulators.
__device__ __forceinline__ void fence_regs_s32_n{n}(int* d) {{
#pragma unroll
    for (int i = 0; i < {n // 2}; ++i) asm volatile("" : "+r"(d[i])::"memory");
}}
'''


with open(OUT, "w") as f:
    f.write("// Generated by scripts/gen/wgmma_ops.py; edit that script, not this file.\n")
    f.write("// wgmma wrappers for the Hopper forward (sm_90a): MMA_TYPE is \"bf16\" or \"f16\".\n\n")
    for n in SHAPES:
        f.write(ss(n) + "\n" + rs(n) + "\n" + fence(n) + "\n")
    for n in S8_SHAPES:
        f.write(ss_s8(n) + "\n" + fence_s32(n) + "\n")
    for n in SS_TT_SHAPES:
        f.write(ss_tt(n) + "\n")
    for n in RS_E4M3_SHAPES:
        f.write(rs_e4m3(n) + "\n")
print("wrote", os.path.normpath(OUT))
