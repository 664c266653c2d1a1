// The per-tile work of the tensor-core forwards (mma_fwd.cu, wgmma_fwd.cu) after S = Q·Kᵀ: the
// score rules, the online softmax and the epilogue. Both kernels hold a warp's scores in the
// mma.sync accumulator layout — TM m16 tiles of rows, SN_TILES n8 tiles of keys, four values per
// thread per tile: rows (lane / 4) and (lane / 4 + 8), keys 2·(lane % 4) + {0, 1} — which is
// also the layout of wgmma's m64nN accumulators, warp by warp.
//
// Needs mma_common.cuh (tile classes, `visible`, `ex2`) and the variant's -D options.

// Where a warp's rows lie and what its scores need, fixed for the whole key loop.
struct RowCtx {
    int b, h;
    int row0;  // the warp's first query row (m0 + the warp's offset in the tile)
    int lane;
    float scale_log2;
#if HAS_ALIBI
    float slope;
#endif
};

// Turns raw dot products into log2-unit scores, with every rule of SPEC.md on partial tiles, or
// leaves them raw on full tiles without score modifiers (the scale then folds into the
// exponent: one FFMA per score). Returns the log2 units per unit of s.
template <int TM>
__device__ __forceinline__ float score_tile(const FwdParams& p, const RowCtx& c, float (&s)[TM][SN_TILES][4], int cls, int n0) {
    const bool raw = cls == TILE_FULL && !HAS_MODS && c.scale_log2 > 0.0f;
    if (raw) return c.scale_log2;
    const bool partial = cls == TILE_PARTIAL;
    const int Sq = p.seq_q, Sk = p.seq_kv;
#pragma unroll
    for (int mt = 0; mt < TM; ++mt)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            const int i = c.row0 + mt * 16 + (c.lane >> 2) + r * 8;
            // The band as a key range of this row: two compares per score below.
            int j_lo = 0, j_hi = Sk - 1;
#if HAS_BAND
            if (p.has_lo) j_lo = max(j_lo, i + (int)p.band_lo);
            if (p.has_hi) j_hi = min(j_hi, i + (int)p.band_hi);
#endif
            if (i >= Sq) j_hi = -1;
#if HAS_BLOCKS
            const int qb = i / p.block_q;
#else
            const int qb = 0;
#endif
            (void)qb;
#pragma unroll
            for (int nt = 0; nt < SN_TILES; ++nt)
#pragma unroll
                for (int e = 0; e < 2; ++e) {
                    const int j = n0 + nt * 8 + 2 * (c.lane & 3) + e;
#if HAS_MODS
                    float x = s[mt][nt][2 * r + e] * p.scale;
#if HAS_SOFTCAP
                    x = p.softcap * tanhf(x / p.softcap);
#endif
#if HAS_ALIBI
                    x -= c.slope * fabsf((float)(j - (i + p.diag_offset)));
#endif
#if MASK_KIND == MASK_ADDITIVE
                    if (i < Sq && j < Sk) x += load_elem(p.mask, MASK_DTYPE, offset4(p.mask_stride, c.b, c.h, i, j));
#endif
                    x *= UMFA_LOG2E;
#else
                    float x = s[mt][nt][2 * r + e] * c.scale_log2;
#endif
                    if (partial) {
                        bool vis = j >= j_lo && j <= j_hi;
#if HAS_BLOCKS || MASK_KIND == MASK_BOOL
                        vis = vis && visible(p, c.b, c.h, i, j, qb);
#endif
                        if (!vis) x = UMFA_NEG_INF;
                    }
                    s[mt][nt][2 * r + e] = x;
                }
        }
    return 1.0f;
}

// The online softmax over one tile: each thread holds two rows per m tile, shared with the 3
// other lanes of its quad. Scores become unnormalised probabilities in place; `alpha` is the
// factor the rows' O must be rescaled by. Returns whether any alpha of this thread differs from 1.
// SOFTMAX_PARTS independent partial maxima and sums per row shorten the dependency chains of
// the reductions (the Hopper kernels, with registers to spare, use 4; the mma family 1).
#ifndef SOFTMAX_PARTS
#define SOFTMAX_PARTS 1
#endif
template <int TM>
__device__ __forceinline__ bool softmax_tile(float (&s)[TM][SN_TILES][4], float (&m_r)[TM][2], float (&l_r)[TM][2], float (&alpha)[TM][2], float unit) {
    constexpr int PARTS = SN_TILES % SOFTMAX_PARTS == 0 ? SOFTMAX_PARTS : SN_TILES % 2 == 0 ? 2 : 1;  // 176 keys: 2
    bool rescale = false;
#pragma unroll
    for (int mt = 0; mt < TM; ++mt)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            // Running (sequential) reductions within each part: H100, the same run: G1 307 vs
            // 301 TFLOP/s for a pairwise tree, G2 (2x128 tiles) 254 vs 123 (the tree's array
            // spilled) in the mma family.
            float part[PARTS];
#pragma unroll
            for (int k = 0; k < PARTS; ++k) part[k] = fmaxf(s[mt][k][2 * r], s[mt][k][2 * r + 1]);
#pragma unroll
            for (int nt = PARTS; nt < SN_TILES; ++nt) part[nt % PARTS] = fmaxf(part[nt % PARTS], fmaxf(s[mt][nt][2 * r], s[mt][nt][2 * r + 1]));
            float mx = part[0];
#pragma unroll
            for (int k = 1; k < PARTS; ++k) mx = fmaxf(mx, part[k]);
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 1));
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 2));
            const float m_new = fmaxf(m_r[mt][r], mx * unit);  // unit > 0 keeps the max
            const float m_use = m_new == UMFA_NEG_INF ? 0.0f : m_new;  // no NaN from -inf - -inf
            alpha[mt][r] = ex2(m_r[mt][r] - m_use);
            m_r[mt][r] = m_new;
#pragma unroll
            for (int k = 0; k < PARTS; ++k) part[k] = 0.0f;
#pragma unroll
            for (int nt = 0; nt < SN_TILES; ++nt) {
                s[mt][nt][2 * r] = ex2_tile(nt, fmaf(s[mt][nt][2 * r], unit, -m_use));
                s[mt][nt][2 * r + 1] = ex2_tile(nt, fmaf(s[mt][nt][2 * r + 1], unit, -m_use));
                part[nt % PARTS] += s[mt][nt][2 * r] + s[mt][nt][2 * r + 1];
            }
            float sum = part[0];
#pragma unroll
            for (int k = 1; k < PARTS; ++k) sum += part[k];
            l_r[mt][r] = l_r[mt][r] * alpha[mt][r] + sum;
            rescale |= alpha[mt][r] != 1.0f;
        }
    return rescale;
}

// O *= alpha, row by row, over `DN` n8 tiles of O per m tile.
template <int TM, int DN>
__device__ __forceinline__ void rescale_o(float (&o)[TM][DN][4], const float (&alpha)[TM][2]) {
#pragma unroll
    for (int mt = 0; mt < TM; ++mt)
#pragma unroll
        for (int dn = 0; dn < DN; ++dn) {
            o[mt][dn][0] *= alpha[mt][0];
            o[mt][dn][1] *= alpha[mt][0];
            o[mt][dn][2] *= alpha[mt][1];
            o[mt][dn][3] *= alpha[mt][1];
        }
}

__device__ __forceinline__ unsigned pack2_out(float lo, float hi) {
    unsigned r;
#if OUT_BF16
    asm("cvt.rn.bf16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo));
#else
    asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo));
#endif
    return r;
}

// The epilogue's first half: finishes the row sums across the quad, folds in the sink, stores
// the LSE of the warp's rows and returns in `o_scale` the factor each row's O is stored with.
template <int TM>
__device__ __forceinline__ void finish_rows(const FwdParams& p, const RowCtx& c, const float (&m_r)[TM][2], const float (&l_r)[TM][2],
                                            float (&o_scale)[TM][2]) {
#pragma unroll
    for (int mt = 0; mt < TM; ++mt)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            float l = l_r[mt][r];
            l += __shfl_xor_sync(0xffffffffu, l, 1);
            l += __shfl_xor_sync(0xffffffffu, l, 2);
            const float m = m_r[mt][r];
            float m_all = m, scale;
#if HAS_SINKS
            const float sink = ((const float*)p.sinks)[offset4(p.sinks_stride, 0, c.h, 0, 0)] * UMFA_LOG2E;
            m_all = fmaxf(m, sink);
            const float w = exp2f(m - m_all);
            l = l * w + exp2f(sink - m_all);
            scale = w / l;
#else
            scale = l > 0.0f ? 1.0f / l : 0.0f;
#endif
            float lse;
            if (m_all == UMFA_NEG_INF || l == 0.0f) {
                scale = 0.0f;
                lse = UMFA_NEG_INF;
            } else {
                lse = (m_all + log2f(l)) * UMFA_LN2;
            }
            o_scale[mt][r] = scale;
            const int i = c.row0 + mt * 16 + (c.lane >> 2) + r * 8;
            if (i < p.seq_q && p.lse && (c.lane & 3) == 0) ((float*)p.lse)[offset4(p.lse_stride, c.b, c.h, i, 0)] = lse;
        }
}

// The epilogue's second half: O of the warp's rows times `o_scale` (finish_rows), 16-bit.
template <int TM, int DN>
__device__ __forceinline__ void store_o_rows(const FwdParams& p, const RowCtx& c, const float (&o)[TM][DN][4], const float (&o_scale)[TM][2]) {
#pragma unroll
    for (int mt = 0; mt < TM; ++mt)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            const int i = c.row0 + mt * 16 + (c.lane >> 2) + r * 8;
            if (i < p.seq_q) {
                unsigned* orow = (unsigned*)((char*)p.o + 2 * (c.b * p.o_stride[0] + c.h * p.o_stride[1] + (i64)i * p.o_stride[2]));
#pragma unroll
                for (int dn = 0; dn < DN; ++dn)
                    orow[dn * 4 + (c.lane & 3)] = pack2_out(o[mt][dn][2 * r] * o_scale[mt][r], o[mt][dn][2 * r + 1] * o_scale[mt][r]);
            }
        }
}

// The epilogue: the LSE and the normalised O of the warp's rows.
template <int TM, int DN>
__device__ __forceinline__ void store_rows(const FwdParams& p, const RowCtx& c, const float (&o)[TM][DN][4], const float (&m_r)[TM][2], const float (&l_r)[TM][2]) {
    float o_scale[TM][2];
    finish_rows<TM>(p, c, m_r, l_r, o_scale);
    store_o_rows<TM, DN>(p, c, o, o_scale);
}

// The keys [n_lo, n_hi) that any row in [i0, i1] can see under the band, as tile indices
// [*t, return value) of BLOCK_N keys; an empty range gives *t = end = 0.
__device__ __forceinline__ int band_tiles(const FwdParams& p, int i0, int i1, int* t) {
    i64 n_lo = 0, n_hi = p.seq_kv;
#if HAS_BAND
    if (p.has_lo) n_lo = max((i64)0, (i64)i0 + p.band_lo);
    if (p.has_hi) n_hi = min((i64)p.seq_kv, (i64)i1 + p.band_hi + 1);
#endif
    *t = n_hi > n_lo ? (int)(n_lo / BLOCK_N) : 0;
    return n_hi > n_lo ? (int)((n_hi + BLOCK_N - 1) / BLOCK_N) : 0;
}

// The first tile at or after t (before `end`) that is not empty, and its class in *cls.
__device__ __forceinline__ int next_live_tile(const FwdParams& p, int b, int h, int i0, int i1, int t, int end, int* cls) {
    *cls = TILE_EMPTY;
    while (t < end && (*cls = classify(p, b, h, i0, i1, t * BLOCK_N)) == TILE_EMPTY) ++t;
    return t;
}
