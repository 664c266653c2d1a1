// The Hopper forward (sm_90a) for 16-bit inputs: wgmma with both operands of S = Q·Kᵀ in shared
// memory and P in registers for O += P·V, K/V tiles double-buffered by cp.async, and the online
// softmax of fwd_tile.cuh. NWG consumer warpgroups of 64 query rows each share every K/V tile.
//
// Shared-memory layout and helpers: wgmma_common.cuh.
//
// Compile-time configuration (NVRTC -D options, see wgmma.rs): HEAD_DIM (64, 128 or 256; = Dv),
// BLOCK_N (keys per tile: 64, 128 or 256), NWARPS (4 per warpgroup), IN_BF16,
// OUT_BF16 and the features: HAS_BAND, HAS_BLOCKS, MASK_KIND, MASK_DTYPE, HAS_SOFTCAP, HAS_ALIBI,
// HAS_SINKS.

#define NWG (NWARPS / 4)
#define BLOCK_M (64 * NWG)
#define Q_BYTES (BLOCK_M * HEAD_DIM * 2)

extern "C" __global__ void __launch_bounds__(THREADS, 1) umfa_fwd_wgmma(const FwdParams p) {
    extern __shared__ __align__(1024) unsigned char smem_raw[];
    // The swizzle is a function of address bits 4-9: every tile starts on 1024 bytes.
    const unsigned sQ = ((unsigned)__cvta_generic_to_shared(smem_raw) + 1023u) & ~1023u;
    const unsigned sK = sQ + Q_BYTES;
    const unsigned sV = sK + 2 * KV_BYTES;

    const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31, wg = warp >> 2;
    // Query tile and head (grouped order, wgmma_common.cuh), the heaviest tile (the last) first.
    const int q_tiles = (p.seq_q + BLOCK_M - 1) / BLOCK_M;
    int qt, hb;
    if (!grouped_block(q_tiles, p.batch * p.heads_q, qt, hb)) return;
    const int m0 = (q_tiles - 1 - qt) * BLOCK_M;
    const int h = hb % p.heads_q, b = hb / p.heads_q, hk = h / p.group;
    const int Sq = p.seq_q, Sk = p.seq_kv;
    const int i0 = m0, i1 = min(m0 + BLOCK_M, Sq) - 1;

    const char* q_base = (const char*)p.q + 2 * (b * p.q_stride[0] + h * p.q_stride[1] + (i64)m0 * p.q_stride[2]);
    const char* k_head = (const char*)p.k + 2 * (b * p.k_stride[0] + hk * p.k_stride[1]);
    const char* v_head = (const char*)p.v + 2 * (b * p.v_stride[0] + hk * p.v_stride[1]);
    const i64 k_row = 2 * p.k_stride[2], v_row = 2 * p.v_stride[2];

    load_sw128<BLOCK_M, THREADS>(sQ, q_base, 2 * p.q_stride[2], Sq - m0, tid);
    cp_async_commit();

    int t, cls;
    const int t_end = band_tiles(p, i0, i1, &t);
    t = next_live_tile(p, b, h, i0, i1, t, t_end, &cls);
    if (t < t_end) {
        load_sw128<BLOCK_N, THREADS>(sK, k_head + t * BLOCK_N * k_row, k_row, Sk - t * BLOCK_N, tid);
        load_sw128<BLOCK_N, THREADS>(sV, v_head + t * BLOCK_N * v_row, v_row, Sk - t * BLOCK_N, tid);
    }
    cp_async_commit();

    float o[1][DN_TILES][4];
    float m_r[1][2], l_r[1][2];
    init_rows(o, m_r, l_r);
    const RowCtx ctx = row_ctx(p, b, h, m0, warp, lane);
    // This warpgroup's 64 rows of Q, as the A operand of S = Q·Kᵀ.
    const unsigned sQw = sQ + wg * 64 * COL_BYTES;

    int stage = 0;
    while (t < t_end) {
        // Prefetch the next live tile into the other stage while this one is computed.
        int cls_next;
        const int t_next = next_live_tile(p, b, h, i0, i1, t + 1, t_end, &cls_next);
        if (t_next < t_end) {
            const unsigned off = (stage ^ 1) * KV_BYTES;
            load_sw128<BLOCK_N, THREADS>(sK + off, k_head + t_next * BLOCK_N * k_row, k_row, Sk - t_next * BLOCK_N, tid);
            load_sw128<BLOCK_N, THREADS>(sV + off, v_head + t_next * BLOCK_N * v_row, v_row, Sk - t_next * BLOCK_N, tid);
        }
        cp_async_commit();
        cp_async_wait<1>();
        fence_async_shared();
        __syncthreads();

        const unsigned sKs = sK + stage * KV_BYTES, sVs = sV + stage * KV_BYTES;
        const int n0 = t * BLOCK_N;

        float s[1][SN_TILES][4];
        wgmma_fence();
        issue_s(s, sQw, BLOCK_M * COL_BYTES, sKs);
        wgmma_commit();
        wgmma_wait<0>();
        FENCE_S(&s[0][0][0]);

        const float unit = score_tile<1>(p, ctx, s, cls, n0);
        float alpha[1][2];
        const bool rescale = softmax_tile<1>(s, m_r, l_r, alpha, unit);
        if (__any_sync(0xffffffffu, rescale)) rescale_o<1, DN_TILES>(o, alpha);

        unsigned pa[BLOCK_N / 16][4];
        pack_p(pa, s);
        wgmma_fence();
        issue_pv(o, pa, sVs);
        wgmma_commit();
        wgmma_wait<0>();
        FENCE_O(&o[0][0][0]);
        keep_p(pa);

        __syncthreads();  // this stage is refilled by the next iteration's prefetch
        stage ^= 1;
        t = t_next;
        cls = cls_next;
    }
    cp_async_wait<0>();

    store_rows<1, DN_TILES>(p, ctx, o, m_r, l_r);
}
