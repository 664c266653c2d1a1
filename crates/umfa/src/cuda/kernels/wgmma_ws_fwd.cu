// The warp-specialised Hopper forward (sm_90a). One producer warpgroup copies K/V tiles with
// cp.async into STAGES stages each of K and V, and signals each tile on an mbarrier; NWG_C consumer
// warpgroups of 64 query rows each run, without any block-wide barrier in the key loop:
//
//   S_n = Q·K_nᵀ and O += P_{n-1}·V_{n-1} issued together; softmax of S_n while P·V runs;
//   then O rescaled and K_n / V_{n-1} released to the producer.
//
// so the tensor cores work on one tile while the softmax of the next is computed, and the two
// consumer warpgroups drift apart freely. setmaxnreg moves registers from the producer to the
// consumers. Shared-memory layout and the per-tile softmax are those of wgmma_fwd.cu /
// fwd_tile.cuh, helpers in wgmma_common.cuh and pipeline.cuh. -D options as wgmma_fwd.cu, with
// NWARPS = 4·(NWG_C + 1), STAGES and PINGPONG.

#define NWG_C (NWARPS / 4 - 1)
#define BLOCK_M (64 * NWG_C)
#define CONSUMER_THREADS (128 * NWG_C)
#define Q_BYTES (BLOCK_M * HEAD_DIM * 2)

// Registers per thread after the split: the producer needs few; the consumers hold O, S and two
// P fragments. 128·PRODUCER_REGS + CONSUMER_THREADS·CONSUMER_REGS must fit 64 Ki registers.
#if NWG_C == 3 && !defined(PRODUCER_REGS)
// Three consumer warpgroups (D = 64 only: O is 32 registers there): 128·56 + 384·144 ≤ 64 Ki.
// NVRTC 13: no spills with 64-key tiles; 128-key tiles spill at any split (32 bytes at 40/152).
#define PRODUCER_REGS 56
#define CONSUMER_REGS 144
#elif !defined(PRODUCER_REGS)
#define PRODUCER_REGS 56
#define CONSUMER_REGS 224
#endif

// Warps of the producer warpgroup that copy (the others leave at once). H200, G1, while the
// producer still waited for its own copies (2026-11-29): 1 warp gave 149 TFLOP/s, 4 gave 379.
#ifndef PRODUCER_WARPS
#define PRODUCER_WARPS 4
#endif
#define PRODUCER_THREADS (32 * PRODUCER_WARPS)
// Ping-pong: the two consumer warpgroups take turns to issue their matrix work (named barriers
// 3 and 4), so one computes its softmax while the other's wgmmas run. The host turns it on where
// it pays: H200, same call (2026-11-29): D 64 (G2) 258.8 TFLOP/s with it, 246.0 without; D 128
// (G1) 385.7 with, 390.8 without.
#ifndef PINGPONG
#define PINGPONG 0
#endif
#define PING (PINGPONG && NWG_C == 2)

// Shared memory: [Q][K stages][V stages][barriers], from a 1024-byte aligned base. Barriers:
// full K, full V, empty K, empty V, one of each per stage. Tile n uses stage n % STAGES, whose
// barriers are then in their phase (n / STAGES) (parity below).
#ifndef STAGES
#define STAGES 2
#endif
#define BAR_FULL_K(s) (bars + 8 * (s))
#define BAR_FULL_V(s) (bars + 8 * (STAGES + (s)))
#define BAR_EMPTY_K(s) (bars + 8 * (2 * STAGES + (s)))
#define BAR_EMPTY_V(s) (bars + 8 * (3 * STAGES + (s)))
#define STAGE_OF(n) ((n) % STAGES)
#define PARITY_OF(n) (((n) / STAGES) & 1)

extern "C" __global__ void __launch_bounds__(THREADS, 1) umfa_fwd_wgmma_ws(const FwdParams p) {
    extern __shared__ __align__(1024) unsigned char smem_raw[];
    const unsigned sQ = ((unsigned)__cvta_generic_to_shared(smem_raw) + 1023u) & ~1023u;
    const unsigned sK = sQ + Q_BYTES;
    const unsigned sV = sK + STAGES * KV_BYTES;
    const unsigned bars = sV + STAGES * KV_BYTES;

    const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31, wg = warp >> 2;
    // Query tile and head (grouped order, wgmma_common.cuh), the heaviest tile (the last) first.
    const int q_tiles = (p.seq_q + BLOCK_M - 1) / BLOCK_M;
    int qt, hb;
    if (!grouped_block(q_tiles, p.batch * p.heads_q, qt, hb)) return;
    const int m0 = (q_tiles - 1 - qt) * BLOCK_M;
    const int h = hb % p.heads_q, b = hb / p.heads_q, hk = h / p.group;
    const int Sq = p.seq_q, Sk = p.seq_kv;
    const int i0 = m0, i1 = min(m0 + BLOCK_M, Sq) - 1;

    if (tid == 0) {
        for (int s = 0; s < STAGES; ++s) {
            mbar_init(BAR_FULL_K(s), PRODUCER_THREADS);
            mbar_init(BAR_FULL_V(s), PRODUCER_THREADS);
            mbar_init(BAR_EMPTY_K(s), CONSUMER_THREADS);
            mbar_init(BAR_EMPTY_V(s), CONSUMER_THREADS);
        }
    }
    __syncthreads();

    int t0, cls0;
    const int t_end = band_tiles(p, i0, i1, &t0);
    t0 = next_live_tile(p, b, h, i0, i1, t0, t_end, &cls0);

    if (wg == NWG_C) {
        // Producer: K_n then V_n into stage n % 2, each once the consumers have released the
        // stage's previous tile; a tile is signalled once this thread's copies of it have landed
        // (and been made visible to the tensor cores).
        set_max_registers_dec<PRODUCER_REGS>();
        const int ptid = tid - CONSUMER_THREADS;
        if (ptid >= PRODUCER_THREADS) return;
        const char* k_head = (const char*)p.k + 2 * (b * p.k_stride[0] + hk * p.k_stride[1]);
        const char* v_head = (const char*)p.v + 2 * (b * p.v_stride[0] + hk * p.v_stride[1]);
        const i64 k_row = 2 * p.k_stride[2], v_row = 2 * p.v_stride[2];
        int n = 0, cls;
        for (int t = t0; t < t_end; t = next_live_tile(p, b, h, i0, i1, t + 1, t_end, &cls), ++n) {
            const int s = STAGE_OF(n);
            const unsigned phase = PARITY_OF(n);
            mbar_wait(BAR_EMPTY_K(s), phase ^ 1);
            load_sw128<BLOCK_N, PRODUCER_THREADS>(sK + s * KV_BYTES, k_head + t * BLOCK_N * k_row, k_row, Sk - t * BLOCK_N, ptid);
            land_arrive(BAR_FULL_K(s));
            mbar_wait(BAR_EMPTY_V(s), phase ^ 1);
            load_sw128<BLOCK_N, PRODUCER_THREADS>(sV + s * KV_BYTES, v_head + t * BLOCK_N * v_row, v_row, Sk - t * BLOCK_N, ptid);
            land_arrive(BAR_FULL_V(s));
        }
        cp_async_wait<0>();  // nothing in flight when the warp exits
        return;
    }

    // Consumers.
    set_max_registers_inc<CONSUMER_REGS>();
    // This warpgroup's 64 rows of Q: its own [64][64] column blocks, column block c at
    // sQw + c * 64 * COL_BYTES, visible to its tensor-core reads before the first S.
    const unsigned sQw = sQ + wg * (64 * HEAD_DIM * 2);
    {
        const char* q_base = (const char*)p.q + 2 * (b * p.q_stride[0] + h * p.q_stride[1] + (i64)(m0 + wg * 64) * p.q_stride[2]);
        load_sw128<64, 128>(sQw, q_base, 2 * p.q_stride[2], Sq - m0 - wg * 64, tid & 127);
        cp_async_commit();
        cp_async_wait<0>();
        fence_async_shared();
        asm volatile("bar.sync %0, 128;\n" ::"r"(1 + wg) : "memory");
    }

    float o[1][DN_TILES][4];
    float m_r[1][2], l_r[1][2];
    init_rows(o, m_r, l_r);
    const RowCtx ctx = row_ctx(p, b, h, m0, warp, lane);

    // The first tile's S and softmax (O is still 0), then the steady state: S_n and
    // O += P_{n-1}·V_{n-1} in flight together, so the tensor cores run P·V while this warpgroup
    // computes S_n's softmax. Each phase of the loop body is the same on every trip (no branch
    // between a wgmma and its wait), which lets ptxas keep the wgmmas asynchronous.
    unsigned pa[BLOCK_N / 16][4];  // P of the previous tile, read by its P·V
    if (t0 < t_end) {
        if (wg == 1) turn_pass<PING>(wg);  // warpgroup 0 issues first
        float sc[1][SN_TILES][4];
        wait_tile(BAR_FULL_K(0), 0);
        turn_wait<PING>(wg);
        wgmma_fence();
        issue_s(sc, sQw, 64 * COL_BYTES, sK);
        wgmma_commit();
        turn_pass<PING>(wg);
        wgmma_wait<0>();
        FENCE_S(&sc[0][0][0]);
        mbar_arrive(BAR_EMPTY_K(0));
        const float unit = score_tile<1>(p, ctx, sc, cls0, t0 * BLOCK_N);
        float alpha[1][2];
        softmax_tile<1>(sc, m_r, l_r, alpha, unit);
        pack_p(pa, sc);
    }
    int n = 1, cls;
    for (int t = next_live_tile(p, b, h, i0, i1, t0 + 1, t_end, &cls); t < t_end; ++n) {
        int cls_next;
        const int s = STAGE_OF(n), prev = STAGE_OF(n - 1);
        wait_tile(BAR_FULL_K(s), PARITY_OF(n));
        wait_tile(BAR_FULL_V(prev), PARITY_OF(n - 1));
        float sc[1][SN_TILES][4];
        turn_wait<PING>(wg);
        wgmma_fence();
        issue_s(sc, sQw, 64 * COL_BYTES, sK + s * KV_BYTES);
        wgmma_commit();
        issue_pv(o, pa, sV + prev * KV_BYTES);
        wgmma_commit();
        turn_pass<PING>(wg);
        // The next tile's class while the tensor cores work: under a block mask it reads global
        // memory, whose latency would otherwise sit between this tile's P·V and the next S.
        const int t_next = next_live_tile(p, b, h, i0, i1, t + 1, t_end, &cls_next);
        wgmma_wait<1>();
        FENCE_S(&sc[0][0][0]);
        mbar_arrive(BAR_EMPTY_K(s));

        const float unit = score_tile<1>(p, ctx, sc, cls, t * BLOCK_N);
        float alpha[1][2];
        const bool rescale = softmax_tile<1>(sc, m_r, l_r, alpha, unit);
        unsigned pn[BLOCK_N / 16][4];
        pack_p(pn, sc);

        wgmma_wait<0>();
        FENCE_O(&o[0][0][0]);
        keep_p(pa);
        mbar_arrive(BAR_EMPTY_V(prev));
        if (__any_sync(0xffffffffu, rescale)) rescale_o<1, DN_TILES>(o, alpha);
#pragma unroll
        for (int kk = 0; kk < BLOCK_N / 16; ++kk)
#pragma unroll
            for (int e = 0; e < 4; ++e) pa[kk][e] = pn[kk][e];
        t = t_next;
        cls = cls_next;
    }
    if (t0 < t_end) {
        const int s = STAGE_OF(n - 1);
        wait_tile(BAR_FULL_V(s), PARITY_OF(n - 1));
        turn_wait<PING>(wg);
        wgmma_fence();
        issue_pv(o, pa, sV + s * KV_BYTES);
        wgmma_commit();
        if (wg == 0) turn_pass<PING>(wg);  // warpgroup 1's last turn follows; nothing follows its own
        wgmma_wait<0>();
        FENCE_O(&o[0][0][0]);
        keep_p(pa);
    }
    store_rows<1, DN_TILES>(p, ctx, o, m_r, l_r);
}
