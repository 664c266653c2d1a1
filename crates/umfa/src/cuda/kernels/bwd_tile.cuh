// Shared by the tensor-core backward kernels (mma_bwd.cu, wgmma_bwd.cu): the per-element rule
// that turns a score's dot product and dP into P and dS, and the store of a warp's gradient
// rows. Needs common.cuh, mma_common.cuh (`visible`, `ex2`, DN_TILES) and the variant's -D
// options.

// P and the gradient of the scaled dot product for one element, from its dot product Q·K and
// dP = dO·V. `lse2` is the row's LSE in log2 units (+inf for rows that saw no key, or padding
// rows), `partial` says whether the tile needs per-element visibility tests.
__device__ __forceinline__ void grad_element(const FwdParams& p, float dot, float dp, int b, int h, int i, int j,
                                             bool partial, float lse2, float delta, float alibi_slope,
                                             float* pr, float* ds) {
#if HAS_MODS
    float x = dot * p.scale, slope = 1.0f;
#if HAS_SOFTCAP
    const float t = tanhf(x / p.softcap);
    x = p.softcap * t;
    slope = 1.0f - t * t;
#endif
#if HAS_ALIBI
    x -= alibi_slope * fabsf((float)(j - (i + p.diag_offset)));
#endif
#if MASK_KIND == MASK_ADDITIVE
    if (i < p.seq_q && j < p.seq_kv) x += load_elem(p.mask, MASK_DTYPE, offset4(p.mask_stride, b, h, i, j));
#endif
    x *= UMFA_LOG2E;
#else
    const float x = dot * (p.scale * UMFA_LOG2E), slope = 1.0f;
#endif
    bool vis = true;
    if (partial) {
#if HAS_BLOCKS
        const int qb = i / p.block_q;
#else
        const int qb = 0;
#endif
        vis = visible(p, b, h, i, j, qb);
    }
    const float e = vis ? ex2(x - lse2) : 0.0f;
    *pr = e;
    *ds = e * (dp - delta) * slope;
}

// The Hopper dK/dV kernel's Pᵀ and dSᵀ of one item in place of a warp's Sᵀ and dPᵀ (MN n8
// tiles; keys key_first + lane / 4 (+ 8), queries m0 + 8·nt + 2·(lane % 4) (+ 1), their LSE2 and
// delta at lse2[8·nt + …], delta[…], 8-byte aligned): `grad_element` per element, with the
// variant's visibility rules checked only where PARTIAL. The kernel calls both forms behind one
// uniform branch so that each loop is straight-line: with a run-time flag inside the loop ptxas
// gave every element of a banded variant its own branch and convergence barrier, each
// MUFU.EX2's latency exposed, where the variant without a band predicates them and interleaves
// the 32 exponentials (SASS of the Hopper D = 128 kernel, NVRTC 13, 2026-12-07). (mma_bwd.cu's
// loops have the same run-time flag; split the same way they took ~15 more registers each,
// unmeasured, so they are left as they are.)
template <bool PARTIAL, int MN>
__device__ __forceinline__ void grad_item(const FwdParams& p, float (&st)[MN][4], float (&dpt)[MN][4],
                                          const float* lse2, const float* delta, int b, int h, int m0, int key_first,
                                          float alibi_slope, int lane) {
#pragma unroll
    for (int nt = 0; nt < MN; ++nt) {
        // The two query rows of this lane's column pair: one 8-byte load each of LSE2, delta.
        const int c0 = nt * 8 + 2 * (lane & 3);
        const float2 l2 = *(const float2*)(lse2 + c0), dl = *(const float2*)(delta + c0);
#pragma unroll
        for (int e = 0; e < 2; ++e) {
            const int i = m0 + c0 + e;
#pragma unroll
            for (int r = 0; r < 2; ++r) {
                const int j = key_first + (lane >> 2) + 8 * r;
                grad_element(p, st[nt][2 * r + e], dpt[nt][2 * r + e], b, h, i, j, PARTIAL, e ? l2.y : l2.x,
                             e ? dl.y : dl.x, alibi_slope, &st[nt][2 * r + e], &dpt[nt][2 * r + e]);
            }
        }
    }
}

// Writes a warp's 16 accumulator rows (`row0 + lane/4` and `+8`) times `scale` into a strided
// tensor of `dtype`; rows at or past `rows` are dropped.
__device__ __forceinline__ void store_grad_rows(const float (*acc)[4], u64 base, int dtype, const i64* stride, int b,
                                                int h, int row0, int rows, float scale, int lane) {
#pragma unroll
    for (int r = 0; r < 2; ++r) {
        const int row = row0 + (lane >> 2) + 8 * r;
        if (row >= rows) continue;
        const i64 o = offset4(stride, b, h, row, 0);
#pragma unroll
        for (int dn = 0; dn < DN_TILES; ++dn) {
            const int c = dn * 8 + 2 * (lane & 3);
            store_elem(base, dtype, o + c * stride[3], acc[dn][2 * r] * scale);
            store_elem(base, dtype, o + (c + 1) * stride[3], acc[dn][2 * r + 1] * scale);
        }
    }
}
