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

    int t, cls;
    const int t_end = band_tiles(p, i0, i1, &t);
    t = next_live_tile(p, b, h, i0, i1, t, t_end, &cls);
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
    const int warp_row = warp * 16 * MT;  // first row of this warp inside the tile
    RowCtx ctx;
    ctx.b = b;
    ctx.h = h;
    ctx.row0 = m0 + warp_row;
    ctx.lane = lane;
    ctx.scale_log2 = p.scale * UMFA_LOG2E;
#if HAS_ALIBI
    ctx.slope = ((const float*)p.alibi)[offset4(p.alibi_stride, b, h, 0, 0)];
#endif

    int stage = 0;
    while (t < t_end) {
        // Prefetch the next live tile into the other stage while this one is computed.
        int cls_next;
        const int t_next = next_live_tile(p, b, h, i0, i1, t + 1, t_end, &cls_next);
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

        const float unit = score_tile<MT>(p, ctx, s, cls, n0);
        float alpha[MT][2];
        const bool rescale = softmax_tile<MT>(s, m_r, l_r, alpha, unit);
        // Once the running maxima settle (most tiles after the first few), no row of the warp
        // needs its O rescaled: skip the D·MT/4 multiplies per thread.
        if (__any_sync(0xffffffffu, rescale)) rescale_o<MT, DN_TILES>(o, alpha);

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

    store_rows<MT, DN_TILES>(p, ctx, o, m_r, l_r);
}
