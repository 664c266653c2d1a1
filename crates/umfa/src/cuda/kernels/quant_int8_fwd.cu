// The INT8 forward (SageAttention-style) for sm_80+: S = Q·Kᵀ on INT8 Q and K with
// mma.sync m16n8k32 s8·s8→s32 (exact integer dot products), dequantized per score with the
// scales of its query row and key (per tensor, row or block, symmetric), the online softmax in
// f32, and O += P·V with the 16-bit mma.sync of mma_common.cuh (V f16 or bf16). Masks, bands,
// block masks, softcap, ALiBi, sinks, GQA and the LSE follow the rules of mma_common.cuh
// (`classify`, `visible`), so every tile is treated as the 16-bit kernel treats it.
//
// K smoothing: see quant_int8_common.cuh (the parameter block, scale lookups and q·mean live
// there, shared with the Hopper kernel quant_int8_wgmma_fwd.cu). The epilogue below is
// store_rows_int8's code written out: as a call it cost this kernel spills in its 255-register
// budget (NVRTC 13, sm_90a: D 128 0 -> 28 bytes, D 96 0 -> 40).
//
// INT4 Q or K (quant_int8_common.cuh): Q is unpacked to s8 through registers once, as the block
// starts; K tiles are copied packed (cp.async) into two stages of their own, after the key
// scales, and unpacked into the s8 stage at the top of the iteration that uses them (one more
// barrier per tile). NVRTC 13, sm_90a: D 128 spills 20-76 bytes where INT8 spills none (the INT8
// variant is at 255 registers already); D 64 none.
//
// Compile-time configuration (NVRTC -D options, see quant/int8_fwd.rs): HEAD_DIM (a multiple of
// 32), MT, BLOCK_N, MIN_BLOCKS, IN_BF16 (V: bf16, else f16), OUT_DTYPE (0 f16, 1 bf16, 2 f32),
// HAS_K_MEAN, Q_INT4, K_INT4, Q_ZP, K_ZP, and the features of mma_fwd.cu: HAS_BAND, HAS_BLOCKS,
// MASK_KIND, MASK_DTYPE, HAS_SOFTCAP, HAS_ALIBI, HAS_SINKS.

#define BLOCK_M (16 * MT * NWARPS)
// INT8 rows in shared memory: padded to 128 bytes so that the XOR swizzle over eight 16-byte
// chunks stays inside its row (as ROW_ELEMS does for 16-bit rows).
#define QK_ROW_BYTES (((HEAD_DIM + 127) / 128) * 128)
#define QK_CHUNKS (HEAD_DIM / 16)  // 16-byte chunks of an INT8 row
#define QK_STEPS (HEAD_DIM / 32)   // k-steps of the s8 MMA
#define PK_ROW_BYTES (HEAD_DIM / 2)  // a packed INT4 row
#define PK_CHUNKS (HEAD_DIM / 32)    // 16-byte chunks of a packed INT4 row

__device__ __forceinline__ unsigned swz8(int r, int c) {
    return (unsigned)(r * QK_ROW_BYTES + ((c ^ (r & 7)) << 4));
}

template <int ROWS>
__device__ __forceinline__ void load_tile_i8(unsigned dst, const char* src, i64 row_bytes, int valid) {
#pragma unroll
    for (int idx = threadIdx.x; idx < ROWS * QK_CHUNKS; idx += THREADS) {
        const int r = idx / QK_CHUNKS, c = idx % QK_CHUNKS;
        const bool ok = r < valid;
        cp_async16(dst + swz8(r, c), ok ? src + r * row_bytes + c * 16 : src, ok ? 16 : 0);
    }
}

#if K_INT4
// Copies `ROWS` packed INT4 rows into consecutive PK_ROW_BYTES rows at `dst` (zero-filled past
// `valid`): a K tile's stage before it is unpacked.
template <int ROWS>
__device__ __forceinline__ void load_tile_i4(unsigned dst, const char* src, i64 row_bytes, int valid) {
#pragma unroll
    for (int idx = threadIdx.x; idx < ROWS * PK_CHUNKS; idx += THREADS) {
        const int r = idx / PK_CHUNKS, c = idx % PK_CHUNKS;
        const bool ok = r < valid;
        cp_async16(dst + r * PK_ROW_BYTES + c * 16, ok ? src + r * row_bytes + c * 16 : src, ok ? 16 : 0);
    }
}
#endif

__device__ __forceinline__ void mma_s8(int* c, const unsigned* a, unsigned b0, unsigned b1) {
    asm volatile("mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 "
                 "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};\n"
                 : "+r"(c[0]), "+r"(c[1]), "+r"(c[2]), "+r"(c[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
}

extern "C" __global__ void __launch_bounds__(THREADS, MIN_BLOCKS) umfa_fwd_int8(const Int8FwdParams qp) {
    const FwdParams& p = qp.f;
    extern __shared__ __align__(128) unsigned char smem[];
    const unsigned sQ = (unsigned)__cvta_generic_to_shared(smem);
    const unsigned sK = sQ + BLOCK_M * QK_ROW_BYTES;
    const unsigned sV = sK + 2 * BLOCK_N * QK_ROW_BYTES;
    // Two stages of the current tiles' key scales, after the V stages.
    float* k_scale_s = (float*)(smem + BLOCK_M * QK_ROW_BYTES + 2 * BLOCK_N * QK_ROW_BYTES + 2 * BLOCK_N * ROW_BYTES);
#if K_INT4
    // Two stages of packed INT4 K, after the key scales.
    const unsigned sKP = sQ + BLOCK_M * QK_ROW_BYTES + 2 * BLOCK_N * QK_ROW_BYTES + 2 * BLOCK_N * ROW_BYTES + 8 * BLOCK_N;
#define LOAD_K(stage_, src_, valid_) load_tile_i4<BLOCK_N>(sKP + (stage_) * BLOCK_N * PK_ROW_BYTES, src_, k_row, valid_)
#else
#define LOAD_K(stage_, src_, valid_) load_tile_i8<BLOCK_N>(sK + (stage_) * BLOCK_N * QK_ROW_BYTES, src_, k_row, valid_)
#endif

    const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31;
    const int m0 = (gridDim.x - 1 - blockIdx.x) * BLOCK_M;  // heaviest query tiles first
    const int h = blockIdx.y, b = blockIdx.z, hk = h / p.group;
    const int Sq = p.seq_q, Sk = p.seq_kv;
    const int i0 = m0, i1 = min(m0 + BLOCK_M, Sq) - 1;

    const char* q_base = (const char*)p.q + (b * p.q_stride[0] + h * p.q_stride[1] + (i64)m0 * p.q_stride[2]);
    const char* k_head = (const char*)p.k + (b * p.k_stride[0] + hk * p.k_stride[1]);
    const char* v_head = (const char*)p.v + 2 * (b * p.v_stride[0] + hk * p.v_stride[1]);
    const i64 k_row = p.k_stride[2], v_row = 2 * p.v_stride[2];

#if Q_INT4
    // Unpacked through registers (visible to the MMAs after the barrier at the top of the loop).
    unpack_i4_rows<BLOCK_M, THREADS, QK_ROW_BYTES, false>(sQ, q_base, 0, p.q_stride[2], Sq - m0, tid, Q_ZP ? qp.q_zero_points : 0, qp.q_groups,
                                                          (i64)b * p.heads_q + h, m0);
#else
    load_tile_i8<BLOCK_M>(sQ, q_base, p.q_stride[2], Sq - m0);
#endif
    cp_async_commit();

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
        LOAD_K(0, k_head + t * BLOCK_N * k_row, Sk - t * BLOCK_N);
        load_tile<BLOCK_N>(sV, v_head + t * BLOCK_N * v_row, v_row, Sk - t * BLOCK_N);
        for (int c = tid; c < BLOCK_N; c += THREADS) k_scale_s[c] = key_scale(qp, b, hk, t * BLOCK_N + c);
    }
    cp_async_commit();

    const int warp_row = warp * 16 * MT;
    const float scale_log2 = p.scale * UMFA_LOG2E;
    (void)scale_log2;
    // Per row this thread holds (two per m tile): the Q scale; under a softcap also the
    // smoothing term q·mean, which then enters every score (else the epilogue computes it).
    float q_scale[MT][2];
#if HAS_K_MEAN && HAS_SOFTCAP
    float q_mean[MT][2];
#endif
#pragma unroll
    for (int mt = 0; mt < MT; ++mt)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            const int ic = min(m0 + warp_row + mt * 16 + (lane >> 2) + r * 8, Sq - 1);
            q_scale[mt][r] = query_scale(qp, b, h, ic);
#if HAS_K_MEAN && HAS_SOFTCAP
            q_mean[mt][r] = q_dot_mean(qp, b, h, hk, ic, lane) * q_scale[mt][r];
#endif
        }

    float o[MT][DN_TILES][4];
    float m_r[MT][2], l_r[MT][2];
#pragma unroll
    for (int mt = 0; mt < MT; ++mt) {
#pragma unroll
        for (int dn = 0; dn < DN_TILES; ++dn) o[mt][dn][0] = o[mt][dn][1] = o[mt][dn][2] = o[mt][dn][3] = 0.0f;
        m_r[mt][0] = m_r[mt][1] = UMFA_NEG_INF;
        l_r[mt][0] = l_r[mt][1] = 0.0f;
    }
#if HAS_ALIBI
    const float slope = ((const float*)p.alibi)[offset4(p.alibi_stride, b, h, 0, 0)];
#endif

    int stage = 0;
    while (t < t_end) {
        int t_next = t + 1, cls_next = TILE_EMPTY;
        while (t_next < t_end && (cls_next = classify(p, b, h, i0, i1, t_next * BLOCK_N)) == TILE_EMPTY) ++t_next;
        // The next tile's key scales: loaded now, stored to shared memory after this tile's
        // work (the latency hides behind it).
        float k_scale_next[(BLOCK_N + THREADS - 1) / THREADS];
#pragma unroll
        for (int c = tid, n = 0; c < BLOCK_N; c += THREADS, ++n)
            k_scale_next[n] = t_next < t_end ? key_scale(qp, b, hk, t_next * BLOCK_N + c) : 0.0f;
        if (t_next < t_end) {
            LOAD_K(stage ^ 1, k_head + t_next * BLOCK_N * k_row, Sk - t_next * BLOCK_N);
            load_tile<BLOCK_N>(sV + (stage ^ 1) * BLOCK_N * ROW_BYTES, v_head + t_next * BLOCK_N * v_row, v_row, Sk - t_next * BLOCK_N);
        }
        cp_async_commit();
        cp_async_wait<1>();
        __syncthreads();

        const unsigned sKs = sK + stage * BLOCK_N * QK_ROW_BYTES, sVs = sV + stage * BLOCK_N * ROW_BYTES;
        const float* ks = k_scale_s + stage * BLOCK_N;
        const int n0 = t * BLOCK_N;
#if K_INT4
        // This tile's packed K, unpacked into its s8 stage (last read two tiles ago, before the
        // barrier that ended the previous iteration).
        unpack_i4_rows<BLOCK_N, THREADS, QK_ROW_BYTES, true>(sKs, nullptr, sKP + stage * BLOCK_N * PK_ROW_BYTES, PK_ROW_BYTES, Sk - n0, tid,
                                                             K_ZP ? qp.k_zero_points : 0, qp.k_groups, (i64)b * p.heads_kv + hk, n0);
        __syncthreads();
#endif

        // Integer scores of this warp's rows.
        int acc[MT][SN_TILES][4];
#pragma unroll
        for (int mt = 0; mt < MT; ++mt)
#pragma unroll
            for (int nt = 0; nt < SN_TILES; ++nt) acc[mt][nt][0] = acc[mt][nt][1] = acc[mt][nt][2] = acc[mt][nt][3] = 0;
#pragma unroll
        for (int kk = 0; kk < QK_STEPS; ++kk) {
            unsigned a[MT][4];
#pragma unroll
            for (int mt = 0; mt < MT; ++mt) {
                const int r = warp_row + mt * 16 + (lane & 7) + ((lane >> 3) & 1) * 8;
                ldsm_x4(sQ + swz8(r, kk * 2 + (lane >> 4)), a[mt][0], a[mt][1], a[mt][2], a[mt][3]);
            }
#pragma unroll
            for (int np = 0; np < SN_TILES / 2; ++np) {
                unsigned b0, b1, b2, b3;
                const int r = np * 16 + (lane & 7) + ((lane >> 4) << 3);
                ldsm_x4(sKs + swz8(r, kk * 2 + ((lane >> 3) & 1)), b0, b1, b2, b3);
#pragma unroll
                for (int mt = 0; mt < MT; ++mt) {
                    mma_s8(acc[mt][2 * np], a[mt], b0, b1);
                    mma_s8(acc[mt][2 * np + 1], a[mt], b2, b3);
                }
            }
        }

        // Scores in log2 units: dequantize (q scale · k scale), then the rules of SPEC.md.
        float s[MT][SN_TILES][4];
        const bool partial = cls == TILE_PARTIAL;
#pragma unroll
        for (int mt = 0; mt < MT; ++mt)
#pragma unroll
            for (int r = 0; r < 2; ++r) {
                const int i = m0 + warp_row + mt * 16 + (lane >> 2) + r * 8;
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
#if HAS_MODS
                const float row_unit = q_scale[mt][r];
#else
                const float row_unit = q_scale[mt][r] * scale_log2;
#endif
#pragma unroll
                for (int nt = 0; nt < SN_TILES; ++nt) {
                    const float2 kscale = *(const float2*)(ks + nt * 8 + 2 * (lane & 3));
#pragma unroll
                    for (int e = 0; e < 2; ++e) {
                        const int j = n0 + nt * 8 + 2 * (lane & 3) + e;
                        float x = (float)acc[mt][nt][2 * r + e] * (e ? kscale.y : kscale.x) * row_unit;
#if HAS_MODS
#if HAS_K_MEAN && HAS_SOFTCAP
                        x += q_mean[mt][r];
#endif
                        x *= p.scale;
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

        // Online softmax, as in mma_fwd.cu (scores already in log2 units).
        float alpha[MT][2];
        bool rescale = false;
#pragma unroll
        for (int mt = 0; mt < MT; ++mt)
#pragma unroll
            for (int r = 0; r < 2; ++r) {
                float mx = fmaxf(s[mt][0][2 * r], s[mt][0][2 * r + 1]);
#pragma unroll
                for (int nt = 1; nt < SN_TILES; ++nt) mx = fmaxf(mx, fmaxf(s[mt][nt][2 * r], s[mt][nt][2 * r + 1]));
                mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 1));
                mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 2));
                const float m_new = fmaxf(m_r[mt][r], mx);
                const float m_use = m_new == UMFA_NEG_INF ? 0.0f : m_new;
                alpha[mt][r] = ex2(m_r[mt][r] - m_use);
                m_r[mt][r] = m_new;
                float sum = 0.0f;
#pragma unroll
                for (int nt = 0; nt < SN_TILES; ++nt) {
                    s[mt][nt][2 * r] = ex2(s[mt][nt][2 * r] - m_use);
                    s[mt][nt][2 * r + 1] = ex2(s[mt][nt][2 * r + 1] - m_use);
                    sum += s[mt][nt][2 * r] + s[mt][nt][2 * r + 1];
                }
                l_r[mt][r] = l_r[mt][r] * alpha[mt][r] + sum;
                rescale |= alpha[mt][r] != 1.0f;
            }
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

        // O += P·V (16-bit), P's accumulator layout being the A fragment's.
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
        // The next tile's key scales go to the other stage, which nobody reads until the
        // barrier at the top of the next iteration.
#pragma unroll
        for (int c = tid, n = 0; c < BLOCK_N; c += THREADS, ++n) k_scale_s[(stage ^ 1) * BLOCK_N + c] = k_scale_next[n];
        __syncthreads();
        stage ^= 1;
        t = t_next;
        cls = cls_next;
    }
    cp_async_wait<0>();

    // Epilogue: the row sums across the quad, the smoothing term (see the top), the sink,
    // normalise, store.
#pragma unroll
    for (int mt = 0; mt < MT; ++mt)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            float l = l_r[mt][r];
            l += __shfl_xor_sync(0xffffffffu, l, 1);
            l += __shfl_xor_sync(0xffffffffu, l, 2);
            // What the scores of this row left out, in log2 units: scale · q·mean.
            const int i = m0 + warp_row + mt * 16 + (lane >> 2) + r * 8;
#if HAS_K_MEAN && !HAS_SOFTCAP
            const float shift = q_dot_mean(qp, b, h, hk, min(i, Sq - 1), lane) * q_scale[mt][r] * scale_log2;
#else
            const float shift = 0.0f;
#endif
            const float m = m_r[mt][r];
            float m_all = m, o_scale;
#if HAS_SINKS
            const float sink = ((const float*)p.sinks)[offset4(p.sinks_stride, 0, h, 0, 0)] * UMFA_LOG2E - shift;
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
                lse = (m_all + log2f(l) + shift) * UMFA_LN2;
            }
            if (i < Sq) {
#if OUT_DTYPE == UMFA_F32
                float2* orow = (float2*)((char*)p.o + 4 * (b * p.o_stride[0] + h * p.o_stride[1] + (i64)i * p.o_stride[2]));
#pragma unroll
                for (int dn = 0; dn < DN_TILES; ++dn)
                    orow[dn * 4 + (lane & 3)] = make_float2(o[mt][dn][2 * r] * o_scale, o[mt][dn][2 * r + 1] * o_scale);
#else
                unsigned* orow = (unsigned*)((char*)p.o + 2 * (b * p.o_stride[0] + h * p.o_stride[1] + (i64)i * p.o_stride[2]));
#pragma unroll
                for (int dn = 0; dn < DN_TILES; ++dn) {
                    const float lo = o[mt][dn][2 * r] * o_scale, hi = o[mt][dn][2 * r + 1] * o_scale;
                    unsigned packed;
#if OUT_DTYPE == UMFA_BF16
                    asm("cvt.rn.bf16x2.f32 %0, %1, %2;" : "=r"(packed) : "f"(hi), "f"(lo));
#else
                    asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(packed) : "f"(hi), "f"(lo));
#endif
                    orow[dn * 4 + (lane & 3)] = packed;
                }
#endif
                if (p.lse && (lane & 3) == 0) ((float*)p.lse)[offset4(p.lse_stride, b, h, i, 0)] = lse;
            }
        }
}
#undef LOAD_K
