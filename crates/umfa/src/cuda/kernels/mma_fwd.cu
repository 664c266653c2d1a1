// The FlashAttention-2-style forward for 16-bit inputs on sm_80+: mma.sync m16n8k16 with f32
// accumulators, ldmatrix from XOR-swizzled shared memory, cp.async double buffering of K/V
// tiles, and the online softmax in registers. Four warps; each owns MT m16 tiles of query rows,
// so every K/V fragment read from shared memory feeds MT matrix instructions.
//
// Compile-time configuration (NVRTC -D options, see mma.rs): HEAD_DIM (= Dv; a multiple of 16
// up to 256), MT, BLOCK_N, MIN_BLOCKS, IN_BF16 (else f16), OUT_BF16 (else f16), and the features present:
// HAS_BAND, HAS_BLOCKS, MASK_KIND, MASK_DTYPE, HAS_SOFTCAP, HAS_ALIBI, HAS_SINKS.
//
// Tiles are classified with the rule of `Problem::classify_tile`: empty tiles are never loaded,
// full tiles skip every per-element visibility test, partial tiles test each element.

#define BLOCK_M (16 * MT * NWARPS)

__device__ __forceinline__ unsigned pack2_out(float lo, float hi) {
    unsigned r;
#if OUT_BF16
    asm("cvt.rn.bf16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo));
#else
    asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo));
#endif
    return r;
}

extern "C" __global__ void __launch_bounds__(THREADS, MIN_BLOCKS) umfa_fwd_mma(const FwdParams p) {
    extern __shared__ __align__(128) unsigned char smem[];
    const unsigned sQ = (unsigned)__cvta_generic_to_shared(smem);
    const unsigned sK = sQ + BLOCK_M * ROW_BYTES;
    const unsigned sV = sK + 2 * BLOCK_N * ROW_BYTES;

    const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31;
    // Heaviest query tiles first: under a causal band the last rows see the most keys.
    const int m0 = (gridDim.x - 1 - blockIdx.x) * BLOCK_M;
    const int h = blockIdx.y, b = blockIdx.z, hk = h / p.group;
    const int Sq = p.seq_q, Sk = p.seq_kv;
    const int i0 = m0, i1 = min(m0 + BLOCK_M, Sq) - 1;

    const char* q_base = (const char*)p.q + 2 * (b * p.q_stride[0] + h * p.q_stride[1] + (i64)m0 * p.q_stride[2]);
    const char* k_head = (const char*)p.k + 2 * (b * p.k_stride[0] + hk * p.k_stride[1]);
    const char* v_head = (const char*)p.v + 2 * (b * p.v_stride[0] + hk * p.v_stride[1]);
    const i64 k_row = 2 * p.k_stride[2], v_row = 2 * p.v_stride[2];

    load_tile<BLOCK_M>(sQ, q_base, 2 * p.q_stride[2], Sq - m0);
    cp_async_commit();

    // The keys any row of this tile can see under the band.
    i64 n_lo = 0, n_hi = Sk;
#if HAS_BAND
    if (p.has_lo) n_lo = max((i64)0, (i64)i0 + p.band_lo);
    if (p.has_hi) n_hi = min((i64)Sk, (i64)i1 + p.band_hi + 1);
#endif
    const int t_end = n_hi > n_lo ? (int)((n_hi + BLOCK_N - 1) / BLOCK_N) : 0;
    int t = n_hi > n_lo ? (int)(n_lo / BLOCK_N) : 0;
    int cls = TILE_EMPTY;
    while (t < t_end && (cls = classify(p, b, h, i0, i1, t * BLOCK_N)) == TILE_EMPTY) ++t;
    if (t < t_end) {
        load_tile<BLOCK_N>(sK, k_head + t * BLOCK_N * k_row, k_row, Sk - t * BLOCK_N);
        load_tile<BLOCK_N>(sV, v_head + t * BLOCK_N * v_row, v_row, Sk - t * BLOCK_N);
    }
    cp_async_commit();

    float o[MT][DN_TILES][4];
    float m_r[MT][2], l_r[MT][2];
#pragma unroll
    for (int mt = 0; mt < MT; ++mt) {
#pragma unroll
        for (int dn = 0; dn < DN_TILES; ++dn) o[mt][dn][0] = o[mt][dn][1] = o[mt][dn][2] = o[mt][dn][3] = 0.0f;
        m_r[mt][0] = m_r[mt][1] = UMFA_NEG_INF;
        l_r[mt][0] = l_r[mt][1] = 0.0f;
    }
    const float scale_log2 = p.scale * UMFA_LOG2E;
    const int warp_row = warp * 16 * MT;  // first row of this warp inside the tile
#if HAS_ALIBI
    const float slope = ((const float*)p.alibi)[offset4(p.alibi_stride, b, h, 0, 0)];
#endif

    int stage = 0;
    while (t < t_end) {
        // Prefetch the next live tile into the other stage while this one is computed.
        int t_next = t + 1, cls_next = TILE_EMPTY;
        while (t_next < t_end && (cls_next = classify(p, b, h, i0, i1, t_next * BLOCK_N)) == TILE_EMPTY) ++t_next;
        if (t_next < t_end) {
            const unsigned off = (stage ^ 1) * BLOCK_N * ROW_BYTES;
            load_tile<BLOCK_N>(sK + off, k_head + t_next * BLOCK_N * k_row, k_row, Sk - t_next * BLOCK_N);
            load_tile<BLOCK_N>(sV + off, v_head + t_next * BLOCK_N * v_row, v_row, Sk - t_next * BLOCK_N);
        }
        cp_async_commit();
        cp_async_wait<1>();
        __syncthreads();

        const unsigned sKs = sK + stage * BLOCK_N * ROW_BYTES, sVs = sV + stage * BLOCK_N * ROW_BYTES;
        const int n0 = t * BLOCK_N;

        // S = Q·Kᵀ for this warp's rows.
        float s[MT][SN_TILES][4];
#pragma unroll
        for (int mt = 0; mt < MT; ++mt)
#pragma unroll
            for (int nt = 0; nt < SN_TILES; ++nt) s[mt][nt][0] = s[mt][nt][1] = s[mt][nt][2] = s[mt][nt][3] = 0.0f;
#pragma unroll
        for (int kk = 0; kk < DK_STEPS; ++kk) {
            unsigned a[MT][4];
#pragma unroll
            for (int mt = 0; mt < MT; ++mt) {
                const int r = warp_row + mt * 16 + (lane & 7) + ((lane >> 3) & 1) * 8;
                ldsm_x4(sQ + swz(r, kk * 2 + (lane >> 4)), a[mt][0], a[mt][1], a[mt][2], a[mt][3]);
            }
#pragma unroll
            for (int np = 0; np < SN_TILES / 2; ++np) {
                unsigned b0, b1, b2, b3;
                const int r = np * 16 + (lane & 7) + ((lane >> 4) << 3);
                ldsm_x4(sKs + swz(r, kk * 2 + ((lane >> 3) & 1)), b0, b1, b2, b3);
#pragma unroll
                for (int mt = 0; mt < MT; ++mt) {
                    mma16816(s[mt][2 * np], a[mt], b0, b1);
                    mma16816(s[mt][2 * np + 1], a[mt], b2, b3);
                }
            }
        }

        // Scores: on full tiles without score modifiers they stay raw dot products and the scale
        // folds into the exponent (one FFMA per score, below); otherwise they become log2-unit
        // scores here, with every rule of SPEC.md on partial tiles.
        const bool raw = cls == TILE_FULL && !HAS_MODS && scale_log2 > 0.0f;
        const float unit = raw ? scale_log2 : 1.0f;  // log2 units per unit of s
        if (!raw) {
            const bool partial = cls == TILE_PARTIAL;
#pragma unroll
            for (int mt = 0; mt < MT; ++mt)
#pragma unroll
                for (int r = 0; r < 2; ++r) {
                    const int i = m0 + warp_row + mt * 16 + (lane >> 2) + r * 8;
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
                            const int j = n0 + nt * 8 + 2 * (lane & 3) + e;
#if HAS_MODS
                            float x = s[mt][nt][2 * r + e] * p.scale;
#if HAS_SOFTCAP
                            x = p.softcap * tanhf(x / p.softcap);
#endif
#if HAS_ALIBI
                            x -= slope * fabsf((float)(j - (i + p.diag_offset)));
#endif
#if MASK_KIND == MASK_ADDITIVE
                            if (i < Sq && j < Sk) x += load_elem(p.mask, MASK_DTYPE, offset4(p.mask_stride, b, h, i, j));
#endif
                            x *= UMFA_LOG2E;
#else
                            float x = s[mt][nt][2 * r + e] * scale_log2;
#endif
                            if (partial) {
                                bool vis = j >= j_lo && j <= j_hi;
#if HAS_BLOCKS || MASK_KIND == MASK_BOOL
                                vis = vis && visible(p, b, h, i, j, qb);
#endif
                                if (!vis) x = UMFA_NEG_INF;
                            }
                            s[mt][nt][2 * r + e] = x;
                        }
                }
        }

        // Online softmax: each thread holds two rows per m tile, shared with the 3 other lanes of
        // its quad.
        float alpha[MT][2];
        bool rescale = false;
#pragma unroll
        for (int mt = 0; mt < MT; ++mt)
#pragma unroll
            for (int r = 0; r < 2; ++r) {
                // Running (sequential) reductions: H100, the same run: G1 307 vs 301 TFLOP/s for a
                // pairwise tree, G2 (2x128 tiles) 254 vs 123 (the tree's array spilled).
                float mx = fmaxf(s[mt][0][2 * r], s[mt][0][2 * r + 1]);
#pragma unroll
                for (int nt = 1; nt < SN_TILES; ++nt) mx = fmaxf(mx, fmaxf(s[mt][nt][2 * r], s[mt][nt][2 * r + 1]));
                mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 1));
                mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 2));
                const float m_new = fmaxf(m_r[mt][r], mx * unit);  // unit > 0 keeps the max
                const float m_use = m_new == UMFA_NEG_INF ? 0.0f : m_new;  // no NaN from -inf - -inf
                alpha[mt][r] = ex2(m_r[mt][r] - m_use);
                m_r[mt][r] = m_new;
                float sum = 0.0f;
#pragma unroll
                for (int nt = 0; nt < SN_TILES; ++nt) {
                    s[mt][nt][2 * r] = ex2(fmaf(s[mt][nt][2 * r], unit, -m_use));
                    s[mt][nt][2 * r + 1] = ex2(fmaf(s[mt][nt][2 * r + 1], unit, -m_use));
                    sum += s[mt][nt][2 * r] + s[mt][nt][2 * r + 1];
                }
                l_r[mt][r] = l_r[mt][r] * alpha[mt][r] + sum;
                rescale |= alpha[mt][r] != 1.0f;
            }
        // Once the running maxima settle (most tiles after the first few), no row of the warp
        // needs its O rescaled: skip the D·MT/4 multiplies per thread.
        if (__any_sync(0xffffffffu, rescale)) {
#pragma unroll
            for (int mt = 0; mt < MT; ++mt)
#pragma unroll
                for (int dn = 0; dn < DN_TILES; ++dn) {
                    o[mt][dn][0] *= alpha[mt][0];
                    o[mt][dn][1] *= alpha[mt][0];
                    o[mt][dn][2] *= alpha[mt][1];
                    o[mt][dn][3] *= alpha[mt][1];
                }
        }

        // O += P·V: the S accumulators of n tiles 2k, 2k+1 are exactly the A fragment of k step k.
#pragma unroll
        for (int kk = 0; kk < BLOCK_N / 16; ++kk) {
            unsigned pa[MT][4];
#pragma unroll
            for (int mt = 0; mt < MT; ++mt) {
                pa[mt][0] = pack2(s[mt][2 * kk][0], s[mt][2 * kk][1]);
                pa[mt][1] = pack2(s[mt][2 * kk][2], s[mt][2 * kk][3]);
                pa[mt][2] = pack2(s[mt][2 * kk + 1][0], s[mt][2 * kk + 1][1]);
                pa[mt][3] = pack2(s[mt][2 * kk + 1][2], s[mt][2 * kk + 1][3]);
            }
#pragma unroll
            for (int dp = 0; dp < DN_TILES / 2; ++dp) {
                unsigned b0, b1, b2, b3;
                const int r = kk * 16 + (lane & 7) + ((lane >> 3) & 1) * 8;
                ldsm_x4_t(sVs + swz(r, dp * 2 + (lane >> 4)), b0, b1, b2, b3);
#pragma unroll
                for (int mt = 0; mt < MT; ++mt) {
                    mma16816(o[mt][2 * dp], pa[mt], b0, b1);
                    mma16816(o[mt][2 * dp + 1], pa[mt], b2, b3);
                }
            }
        }
        __syncthreads();  // this stage is refilled by the next iteration's prefetch
        stage ^= 1;
        t = t_next;
        cls = cls_next;
    }
    cp_async_wait<0>();

    // Epilogue: finish the row sums across the quad, fold in the sink, normalise, store.
#pragma unroll
    for (int mt = 0; mt < MT; ++mt)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            float l = l_r[mt][r];
            l += __shfl_xor_sync(0xffffffffu, l, 1);
            l += __shfl_xor_sync(0xffffffffu, l, 2);
            const float m = m_r[mt][r];
            float m_all = m, o_scale;
#if HAS_SINKS
            const float sink = ((const float*)p.sinks)[offset4(p.sinks_stride, 0, h, 0, 0)] * UMFA_LOG2E;
            m_all = fmaxf(m, sink);
            const float w = exp2f(m - m_all);
            l = l * w + exp2f(sink - m_all);
            o_scale = w / l;
#else
            o_scale = l > 0.0f ? 1.0f / l : 0.0f;
#endif
            float lse;
            if (m_all == UMFA_NEG_INF || l == 0.0f) {
                o_scale = 0.0f;
                lse = UMFA_NEG_INF;
            } else {
                lse = (m_all + log2f(l)) * UMFA_LN2;
            }
            const int i = m0 + warp_row + mt * 16 + (lane >> 2) + r * 8;
            if (i < Sq) {
                unsigned* orow = (unsigned*)((char*)p.o + 2 * (b * p.o_stride[0] + h * p.o_stride[1] + (i64)i * p.o_stride[2]));
#pragma unroll
                for (int dn = 0; dn < DN_TILES; ++dn)
                    orow[dn * 4 + (lane & 3)] = pack2_out(o[mt][dn][2 * r] * o_scale, o[mt][dn][2 * r + 1] * o_scale);
                if (p.lse && (lane & 3) == 0) ((float*)p.lse)[offset4(p.lse_stride, b, h, i, 0)] = lse;
            }
        }
}
