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
