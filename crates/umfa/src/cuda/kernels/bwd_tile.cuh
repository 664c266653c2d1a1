// Shared by the tensor-core backward kernels (mma_bwd.cu, wgmma_bwd.cu): the per-element rule
// that turns a score's dot product and dP into P and dS. Needs mma_common.cuh (`visible`,
// `ex2`) and the variant's -D options.

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
