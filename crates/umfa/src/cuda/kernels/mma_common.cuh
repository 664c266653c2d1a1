// Shared by the tensor-core kernels (mma_fwd.cu, mma_bwd.cu): tile geometry, cp.async,
// ldmatrix and mma.sync wrappers over XOR-swizzled shared memory, and the tile classification and
// element visibility with only the rules a variant compiles in.
//
// Compile-time configuration (NVRTC -D options): HEAD_DIM (a multiple of 16), BLOCK_N (keys per
// tile), IN_BF16 (else f16), and the features present: HAS_BAND, HAS_BLOCKS, MASK_KIND, MASK_DTYPE,
// HAS_SOFTCAP, HAS_ALIBI.

// A kernel may set its own warp count before including this file (the Hopper forward does).
#ifndef NWARPS
#define NWARPS 4
#endif
#define THREADS (NWARPS * 32)
// Shared-memory rows are padded to a multiple of 64 elements so that the XOR swizzle below (over
// groups of eight 16-byte chunks) stays inside its row for every head dim; the padding is never
// written or read.
#define ROW_ELEMS (((HEAD_DIM + 63) / 64) * 64)
#define ROW_BYTES (ROW_ELEMS * 2)
#define CHUNKS (HEAD_DIM / 8)          // 16-byte chunks of data per row
#define DK_STEPS (HEAD_DIM / 16)       // k-steps of Q·Kᵀ
#define DN_TILES (HEAD_DIM / 8)        // n8 tiles of O
#define SN_TILES (BLOCK_N / 8)         // n8 tiles of S
#define HAS_MODS (HAS_SOFTCAP || HAS_ALIBI || MASK_KIND == MASK_ADDITIVE)

#define TILE_EMPTY 0
#define TILE_PARTIAL 1
#define TILE_FULL 2

#if IN_BF16
#define MMA_TYPE "bf16"
#else
#define MMA_TYPE "f16"
#endif

// Byte offset of 16-byte chunk c of row r: chunks are XOR-swizzled by row so that the eight rows
// one ldmatrix reads land in eight different bank groups.
__device__ __forceinline__ unsigned swz(int r, int c) {
    return (unsigned)(r * ROW_BYTES + ((c ^ (r & 7)) << 4));
}

__device__ __forceinline__ void cp_async16(unsigned dst, const void* src, int bytes) {
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(dst), "l"(src), "r"(bytes));
}
__device__ __forceinline__ void cp_async_commit() { asm volatile("cp.async.commit_group;\n" ::); }
template <int N>
__device__ __forceinline__ void cp_async_wait() { asm volatile("cp.async.wait_group %0;\n" ::"n"(N)); }

__device__ __forceinline__ void ldsm_x4(unsigned addr, unsigned& a, unsigned& b, unsigned& c, unsigned& d) {
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0,%1,%2,%3}, [%4];\n"
                 : "=r"(a), "=r"(b), "=r"(c), "=r"(d) : "r"(addr));
}
__device__ __forceinline__ void ldsm_x4_t(unsigned addr, unsigned& a, unsigned& b, unsigned& c, unsigned& d) {
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0,%1,%2,%3}, [%4];\n"
                 : "=r"(a), "=r"(b), "=r"(c), "=r"(d) : "r"(addr));
}

__device__ __forceinline__ void mma16816(float* c, const unsigned* a, unsigned b0, unsigned b1) {
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32." MMA_TYPE "." MMA_TYPE ".f32 "
                 "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};\n"
                 : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
}

// 2^x in one MUFU instruction: exp2f also handles results below 2^-126, which P (later rounded
// to 16 bits) never needs, at four extra instructions per score.
__device__ __forceinline__ float ex2(float x) {
    float y;
    asm("ex2.approx.ftz.f32 %0, %1;" : "=f"(y) : "f"(x));
    return y;
}

// EX2_POLY (opt-in until run on a GPU: UMFA_CUDA_DEFINES=-DEX2_POLY=k, k of 8): the softmax
// takes 2^x of k in every 8 score n-tiles from ex2_fma below instead of the MUFU. The MUFU issues
// 16 results per clock per SM, the FMA pipe 128 lanes; at D = 64 a tile's exponentials take
// the MUFU about as long as the tensor cores take its two products, so moving a share of them to
// the idle FMA pipe (FlashAttention-4's trick on Blackwell) can shorten the softmax. Unrolled
// loops make the choice per tile a constant.
#ifndef EX2_POLY
#define EX2_POLY 0
#endif

// 2^x on the FMA pipe, for P: x rounded to the nearest integer j by adding 1.5·2^23 (j lands in
// the low mantissa bits of t), 2^f for f = x − j in [−0.5, 0.5] by a cubic with p(0) = 1
// (relative error ≤ 1.04e-4 over the range, against the 3.9e-3 and 4.9e-4 of P's rounding to
// bf16 and f16), times 2^j built in the exponent field. x ≤ −127 (masked scores are −inf) gives
// exactly 0; NaN stays NaN (max.NaN, then p·2^j). Checked in float32 arithmetic against 2^x
// over [−130, 2] (2026-12-08, docs/perf/cuda-hopper.md): the error bound above, 0 at and below
// −127, tiny results only below 2^−125.
__device__ __forceinline__ float ex2_fma(float x) {
    float xc;
    asm("max.NaN.f32 %0, %1, %2;" : "=f"(xc) : "f"(x), "f"(-127.0f));
    const float t = __fadd_rn(xc, 12582912.0f);
    const float f = __fsub_rn(xc, __fsub_rn(t, 12582912.0f));
    float p = fmaf(f, 0.055008791f, 0.24221085f);
    p = fmaf(f, p, 0.69328290f);
    p = fmaf(f, p, 1.0f);
    return p * __int_as_float((__float_as_int(t) << 23) + 0x3F800000);
}

// 2^x for a score of n-tile `nt`: ex2_fma for EX2_POLY of every 8 tiles, else the MUFU (`nt` is
// a constant once the caller's loop is unrolled, so one of the two is compiled in).
__device__ __forceinline__ float ex2_tile(int nt, float x) {
    return (nt % 8) < EX2_POLY ? ex2_fma(x) : ex2(x);
}

// Two f32 to one register of two 16-bit values, `lo` in the low half (the lower column).
__device__ __forceinline__ unsigned pack2(float lo, float hi) {
    unsigned r;
#if IN_BF16
    asm("cvt.rn.bf16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo));
#else
    asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo));
#endif
    return r;
}
// Copies `ROWS` rows of HEAD_DIM 16-bit elements starting at `src` (row stride in bytes) into
// swizzled shared memory; rows at or past `valid` are zero-filled and not read.
template <int ROWS>
__device__ __forceinline__ void load_tile(unsigned dst, const char* src, i64 row_bytes, int valid) {
#pragma unroll
    for (int idx = threadIdx.x; idx < ROWS * CHUNKS; idx += THREADS) {
        const int r = idx / CHUNKS, c = idx % CHUNKS;
        const bool ok = r < valid;
        cp_async16(dst + swz(r, c), ok ? src + r * row_bytes + c * 16 : src, ok ? 16 : 0);
    }
}

// `Problem::classify_tile` for rows [i0, i1] and keys [n0, n0 + BLOCK_N) of head (b, h).
__device__ __forceinline__ int classify(const FwdParams& p, int b, int h, int i0, int i1, int n0) {
    const int n1 = min(n0 + BLOCK_N, p.seq_kv) - 1;
    if (n1 < n0) return TILE_EMPTY;
    bool full = n0 + BLOCK_N <= p.seq_kv;  // a ragged last tile masks keys >= Sk
#if HAS_BAND
    if (p.has_hi) {
        if ((i64)i1 + p.band_hi < n0) return TILE_EMPTY;
        full &= (i64)i0 + p.band_hi >= n1;
    }
    if (p.has_lo) {
        if ((i64)i0 + p.band_lo > n1) return TILE_EMPTY;
        full &= (i64)i1 + p.band_lo <= n0;
    }
#endif
    bool bool_read = MASK_KIND == MASK_BOOL;
#if HAS_BLOCKS
    bool any_live = false, any_empty = false, any_partial = false;
    for (int qb = i0 / p.block_q; qb <= i1 / p.block_q; ++qb)
        for (int kb = n0 / p.block_k; kb <= n1 / p.block_k; ++kb) {
            unsigned char x = ((const unsigned char*)p.blocks)[offset4(p.blocks_stride, b, h, qb, kb)];
            if (x == BLOCK_EMPTY) any_empty = true;
            else if (x == BLOCK_FULL) any_live = true;
            else { any_live = true; any_partial = true; }
        }
    if (!any_live) return TILE_EMPTY;
    full &= !any_empty;
    bool_read &= any_partial;
#endif
    return full && !bool_read ? TILE_FULL : TILE_PARTIAL;
}

// Whether key j is visible to row i, with only the rules this variant has compiled in (the
// generic `key_visible` tests every rule at run time, which costs code size and registers here).
// `qb` is the block-mask row of i (i / block_q), hoisted by the caller.
__device__ __forceinline__ bool visible(const FwdParams& p, int b, int h, int i, int j, int qb) {
    if (i >= p.seq_q || j >= p.seq_kv) return false;
#if HAS_BAND
    const int d = j - i;
    if (p.has_lo && d < (int)p.band_lo) return false;
    if (p.has_hi && d > (int)p.band_hi) return false;
#endif
#if MASK_KIND == MASK_BOOL
    bool read_bool = true;
#endif
#if HAS_BLOCKS
    const unsigned char c = ((const unsigned char*)p.blocks)[offset4(p.blocks_stride, b, h, qb, j / p.block_k)];
    if (c == BLOCK_EMPTY) return false;
#if MASK_KIND == MASK_BOOL
    if (c == BLOCK_FULL) read_bool = false;
#endif
#endif
#if MASK_KIND == MASK_BOOL
    if (read_bool) return load_elem(p.mask, MASK_DTYPE, offset4(p.mask_stride, b, h, i, j)) != 0.0f;
#endif
    return true;
}
