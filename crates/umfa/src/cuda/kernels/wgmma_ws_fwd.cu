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
// NWARPS = 4·(NWG_C + 1), STAGES, PINGPONG, Q_BUFS and HEAD_GROUP.
//
// Persistent: the grid has at most one block per SM, and block i takes the work items (query
// tile, batch·head) i, i + gridDim.x, … of the grouped order (`grouped_work`, HEAD_GROUP heads
// per group, longest tile first). The producer's K/V stages run on across items (its stage
// counter never restarts), so the next item's first tiles land while the consumers finish the
// last one, and with Q_BUFS = 2 each consumer warpgroup copies the next item's Q rows into the
// second buffer while it works on the current one: no block launch, barrier set-up, pipeline fill
// or Q load between items. (H200, D 64 at S 1024 against S 4096, one block per item: 251 against
// 305 TFLOP/s — what a short sequence cost before.)
// Items are split statically (block i: i, i + gridDim.x, …) where they are all alike, or with
// DYNAMIC (under a band, where their lengths differ) claimed one at a time from a counter in
// global memory (`WsParams::sched`, zeroed before the launch): the producer claims two items
// ahead and publishes each in a shared-memory slot (ITEM_FULL/ITEM_EMPTY mbarriers), and since
// items are numbered longest first, the blocks take the long ones first and the short ones fill
// the end.

#define NWG_C (NWARPS / 4 - 1)
#ifndef DYNAMIC
#define DYNAMIC 0
#endif
#define BLOCK_M (64 * NWG_C)
#define CONSUMER_THREADS (128 * NWG_C)
#define Q_BYTES (BLOCK_M * HEAD_DIM * 2)

// Registers per thread after the split: the producer needs few; the consumers hold O, S and two
// P fragments. 128·PRODUCER_REGS + CONSUMER_THREADS·CONSUMER_REGS must fit 64 Ki registers
// (WS_MIN_BLOCKS times, where that many blocks are to share an SM).
#ifndef WS_MIN_BLOCKS
#define WS_MIN_BLOCKS 1
#endif
#ifndef TMA
#define TMA 0
#endif
#if NWG_C == 3 && TMA && !defined(PRODUCER_REGS)
// Three consumer warpgroups fed by TMA (UMFA_CUDA_WGMMA_TILE=3x128 at D = 64, FlashAttention-3's
// shape for D = 64): one producer warp issues the copies, so it needs few registers and the
// consumers get 160: 128·32 + 384·160 = 64 Ki. NVRTC 13: no spills with 128-key tiles (causal:
// 116 bytes; 152 consumer registers serialised the wgmmas).
#define PRODUCER_REGS 32
#define CONSUMER_REGS 160
#elif BLOCK_N == 176 && TMA && !defined(PRODUCER_REGS)
// 176-key tiles (UMFA_CUDA_WGMMA_TILE=2x176 at D = 128, FlashAttention-3's tile for D = 128
// without a band: the per-tile costs — row maxima across the quad, O's rescale, the stage
// barriers, the wgmma issue — spread over 1.375× the keys): S is 88 registers and P 44, so the
// consumers take 240 and the one producer warp 24: 128·24 + 256·240 ≤ 64 Ki.
#define PRODUCER_REGS 24
#define CONSUMER_REGS 240
#elif NWG_C == 3 && !defined(PRODUCER_REGS)
// Three consumer warpgroups (D = 64 only: O is 32 registers there): 128·56 + 384·144 ≤ 64 Ki.
// NVRTC 13: no spills with 64-key tiles; 128-key tiles spill at any split (32 bytes at 40/152).
#define PRODUCER_REGS 56
#define CONSUMER_REGS 144
#elif DYNAMIC && !defined(PRODUCER_REGS)
// Claiming and publishing items costs the producer registers: 128·72 + 256·216 = 384·168.
// (NVRTC 13: 56 registers spill 76 bytes there, 72 spill 12; the consumers fit 216.)
#define PRODUCER_REGS 72
#define CONSUMER_REGS 216
#elif !defined(PRODUCER_REGS)
#define PRODUCER_REGS 56
#define CONSUMER_REGS 224
#endif

// Warps of the producer warpgroup that copy (the others leave at once). H200, G1, while the
// producer still waited for its own copies (2026-11-29): 1 warp gave 149 TFLOP/s, 4 gave 379.
// TMA (opt-in, see wgmma.rs): one producer thread copies each K/V tile with
// cp.async.bulk.tensor through the host's tensor maps (the hardware writes the 128-byte swizzle
// and zero-fills rows past Sk) instead of 128 threads of cp.async; the tile's full barrier then
// counts that thread's expected bytes.
#ifndef TMA
#define TMA 0
#endif
#if TMA
#define PRODUCER_WARPS 1
#endif
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
#ifndef ITEM_PIPE
#define ITEM_PIPE 0
#endif
#ifndef Q_BUFS
#define Q_BUFS 1
#endif
// ITEM_PIPE (below) and ping-pong exclude each other; where ITEM_PIPE can run (two Q buffers) it
// is what was asked for, so it turns ping-pong off rather than silently compiling out.
#define PING (PINGPONG && NWG_C == 2 && !(ITEM_PIPE && Q_BUFS == 2))

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
// The two item slots (DYNAMIC): published (count 1: producer thread 0) and read (every producer
// and consumer thread), then the slots themselves.
#define ITEM_FULL(i) (bars + 8 * (4 * STAGES + (i)))
#define ITEM_EMPTY(i) (bars + 8 * (4 * STAGES + 2 + (i)))
#define ITEM_SLOT(i) (bars + 8 * (4 * STAGES + 4) + 4 * (i))

// The kernel's argument: the forward's parameters and, with DYNAMIC, the item counter.
#if TMA
// With TMA the argument also carries the tensor maps of K and V (`WsTmaParams` in wgmma.rs);
// the kernel takes it as a __grid_constant__, so that their addresses are the parameter's own.
struct WsParams {
    FwdParams f;
    u64 sched;
    TensorMap tk, tv;
};
#define WS_PARAM const __grid_constant__ WsParams
#else
struct WsParams {
    FwdParams f;
    u64 sched;
};
#define WS_PARAM const WsParams
#endif

#ifndef HEAD_GROUP
#define HEAD_GROUP 1
#endif
#define STAGE_OF(n) ((n) % STAGES)
#define PARITY_OF(n) (((n) / STAGES) & 1)

// A work item: BLOCK_M query rows [i0, i1] from m0 of head h (K/V head hk) of batch b.
struct WorkItem {
    int b, h, hk, m0, i0, i1;
};
__device__ __forceinline__ WorkItem fwd_item(const FwdParams& p, int item, int q_tiles, int heads) {
    int tile, hb;
    grouped_work(item, q_tiles, heads, HEAD_GROUP, tile, hb);
    WorkItem w;
    w.b = hb / p.heads_q;
    w.h = hb - w.b * p.heads_q;
    w.hk = w.h / p.group;
    w.m0 = (q_tiles - 1 - tile) * BLOCK_M;  // the last tile (the longest under a band) first
    w.i0 = w.m0;
    w.i1 = min(w.m0 + BLOCK_M, p.seq_q) - 1;
    return w;
}

// The block's k-th work item: from its slot (DYNAMIC; the caller releases it), else the static
// split. The caller has it only once the producer published it.
__device__ __forceinline__ int block_item(unsigned bars, int k) {
#if DYNAMIC
    mbar_wait(ITEM_FULL(k & 1), (k >> 1) & 1);
    int item;
    asm volatile("ld.shared.b32 %0, [%1];\n" : "=r"(item) : "r"(ITEM_SLOT(k & 1)) : "memory");
    return item;
#else
    return blockIdx.x + k * gridDim.x;
#endif
}
__device__ __forceinline__ void release_item(unsigned bars, int k) {
#if DYNAMIC
    mbar_arrive(ITEM_EMPTY(k & 1));
#endif
}
// Producer thread 0: claims the block's k-th item (its first is blockIdx.x) and publishes it in
// slot k % 2 once every reader released the slot's previous item.
__device__ __forceinline__ void publish_item(unsigned bars, const WsParams& wp, int k) {
#if DYNAMIC
    const int item = k == 0 ? (int)blockIdx.x : (int)gridDim.x + atomicAdd((int*)wp.sched, 1);
    mbar_wait(ITEM_EMPTY(k & 1), ((k >> 1) & 1) ^ 1);
    asm volatile("st.shared.b32 [%0], %1;\n" ::"r"(ITEM_SLOT(k & 1)), "r"(item) : "memory");
    mbar_arrive(ITEM_FULL(k & 1));
#endif
}

// Starts the copies of warpgroup `wg`'s 64 rows of item `w`'s Q into its column blocks at `dst`
// (one cp.async group; the caller waits for it).
__device__ __forceinline__ void load_q_rows(const FwdParams& p, const WorkItem& w, unsigned dst, int wg, int tid) {
    const int r0 = w.m0 + wg * 64;
    const char* q_base = (const char*)p.q + 2 * (w.b * p.q_stride[0] + w.h * p.q_stride[1] + (i64)r0 * p.q_stride[2]);
    load_sw128<64, 128>(dst, q_base, 2 * p.q_stride[2], p.seq_q - r0, tid & 127);
    cp_async_commit();
}

// IDLE_SKIP (opt-in until run on a GPU: UMFA_CUDA_DEFINES=-DIDLE_SKIP=1; inert with PING, whose
// turns every consumer takes): a
// consumer warpgroup whose 64 rows all lie past Sq — two of three in the last query tile of a
// head where S is not a multiple of 192 (D = 64's 3×64-row items: G2's S = 1024 has 5⅓ items a
// head, so a sixth of its items run two thirds idle rows) — computes nothing: it only waits for
// each of the item's tiles and releases it, as its products would have (the producer's stages
// count every consumer's arrival), leaving the tensor cores and issue slots to the others.
#ifndef IDLE_SKIP
#define IDLE_SKIP 0
#endif
#define IDLE_SKIP_ON (IDLE_SKIP && !PING)
// The pacing of IDLE_SKIP: item `w`'s live tiles, from the block's tile count `n`; returns the
// count after them.
__device__ __forceinline__ int pace_tiles(const FwdParams& p, const WorkItem& w, unsigned bars, int n) {
    int t0, cls;
    const int t_end = band_tiles(p, w.i0, w.i1, &t0);
#pragma unroll 1
    for (int t = next_live_tile(p, w.b, w.h, w.i0, w.i1, t0, t_end, &cls); t < t_end;
         t = next_live_tile(p, w.b, w.h, w.i0, w.i1, t + 1, t_end, &cls), ++n) {
        const int s = STAGE_OF(n);
        mbar_wait(BAR_FULL_K(s), PARITY_OF(n));
        mbar_arrive(BAR_EMPTY_K(s));
        mbar_wait(BAR_FULL_V(s), PARITY_OF(n));
        mbar_arrive(BAR_EMPTY_V(s));
    }
    return n;
}

// Opens the block's k-th item for consumer warpgroup `wg`: its Q rows (copied during the
// previous item, or before the first) landed and visible to the warpgroup's tensor-core reads;
// then, with two Q buffers, the next item's rows start into the other buffer (the previous
// item's products are done reading it).
__device__ __forceinline__ void open_item_q(const FwdParams& p, unsigned bars, int k, int items, int q_tiles, int heads,
                                            unsigned sQ_wg, int wg, int tid) {
    cp_async_wait<0>();
    fence_async_shared();
    asm volatile("bar.sync %0, 128;\n" ::"r"(1 + wg) : "memory");
#if Q_BUFS == 2
    const int next = block_item(bars, k + 1);  // published before this item's tiles
    if (next < items) load_q_rows(p, fwd_item(p, next, q_tiles, heads), sQ_wg + ((k + 1) & 1) * Q_BYTES, wg, tid);
#endif
}

// An item's first live tile t (class cls, K/V tile n of the block) with no P·V beside it: S
// alone, then its softmax into the fresh row state and P into `pa`.
__device__ __forceinline__ void first_tile(const FwdParams& p, const RowCtx& ctx, unsigned bars, unsigned sQw, unsigned sK,
                                           int n, int t, int cls, float (&m_r)[1][2], float (&l_r)[1][2],
                                           unsigned (&pa)[BLOCK_N / 16][4], int wg) {
    const int s = STAGE_OF(n);
    float sc[1][SN_TILES][4];
    wait_tile(BAR_FULL_K(s), PARITY_OF(n));
    turn_wait<PING>(wg);
    wgmma_fence();
    issue_s(sc, sQw, 64 * COL_BYTES, sK + s * KV_BYTES);
    wgmma_commit();
    turn_pass<PING>(wg);
    wgmma_wait<0>();
    FENCE_S(&sc[0][0][0]);
    mbar_arrive(BAR_EMPTY_K(s));
    const float unit = score_tile<1>(p, ctx, sc, cls, t * BLOCK_N);
    float alpha[1][2];
    softmax_tile<1>(sc, m_r, l_r, alpha, unit);
    pack_p(pa, sc);
}

// ITEM_PIPE (opt-in until run on a GPU: UMFA_CUDA_DEFINES=-DITEM_PIPE=1; needs the second Q
// buffer and no ping-pong): a consumer warpgroup takes the block's items as one stream of tiles.
// Without it each item ends with its last P·V alone on the tensor cores (nothing else of the
// warpgroup's in flight) and begins with its first S and softmax alone (no P·V beside them), so
// every item costs about one tile's softmax with the tensor cores idle — an eighth of G2's 8-tile
// items, more for short causal ones. With it the last P·V of an item is issued together with the
// first S of the next (whose Q already sits in the other buffer), the next item's first softmax
// runs while that P·V does, and the finished item is stored once its P·V is done, as the steady
// state's rescale would have run.
#define ITEM_PIPE_ON (ITEM_PIPE && !PING && Q_BUFS == 2)

#if ITEM_PIPE_ON
// The P·V of the stream's last tile (n − 1, pending in `pa`) alone: issued, waited for, its V
// stage released.
__device__ __forceinline__ void finish_pv(float (&o)[1][DN_TILES][4], unsigned (&pa)[BLOCK_N / 16][4], unsigned bars,
                                          unsigned sV, int n) {
    const int s = STAGE_OF(n - 1);
    wait_tile(BAR_FULL_V(s), PARITY_OF(n - 1));
    wgmma_fence();
    issue_pv(o, pa, sV + s * KV_BYTES);
    wgmma_commit();
    wgmma_wait<0>();
    FENCE_O(&o[0][0][0]);
    keep_p(pa);
    mbar_arrive(BAR_EMPTY_V(s));
}

// Consumer warpgroup `wg` over the block's items as one stream (ITEM_PIPE); `n` counts the K/V
// tiles as the producer's does.
__device__ __forceinline__ void consume_stream(const FwdParams& p, unsigned bars, unsigned sQ_wg, unsigned sK, unsigned sV,
                                               int q_tiles, int heads, int items, int wg, int warp, int lane, int tid) {
    float o[1][DN_TILES][4];
    float m_r[1][2], l_r[1][2];
    init_rows(o, m_r, l_r);
    unsigned pa[BLOCK_N / 16][4];  // P of tile n − 1 while `pending`
    bool pending = false;          // a P·V into o, for item `ctx`, not issued yet
    RowCtx ctx = row_ctx(p, 0, 0, 0, warp, lane);
    int n = 0;
#pragma unroll 1
    for (int k = 0;; ++k) {
        const int item = block_item(bars, k);
        release_item(bars, k);
        if (item >= items) break;
        const WorkItem w = fwd_item(p, item, q_tiles, heads);
        const unsigned sQw = sQ_wg + (k & 1) * Q_BYTES;
        open_item_q(p, bars, k, items, q_tiles, heads, sQ_wg, wg, tid);
        int t0, cls;
        const int t_end = band_tiles(p, w.i0, w.i1, &t0);
        int t = next_live_tile(p, w.b, w.h, w.i0, w.i1, t0, t_end, &cls);
        const bool idle = IDLE_SKIP_ON && w.m0 + wg * 64 >= p.seq_q;
        if (idle || t >= t_end) {
            // Nothing of this item to stream: the pending item is finished first.
            if (pending) {
                finish_pv(o, pa, bars, sV, n);
                store_rows<1, DN_TILES>(p, ctx, o, m_r, l_r);
                init_rows(o, m_r, l_r);
                pending = false;
            }
            if (idle)
                n = pace_tiles(p, w, bars, n);
            else  // no visible key: O = 0, LSE = −inf (the rows' fresh state)
                store_rows<1, DN_TILES>(p, row_ctx(p, w.b, w.h, w.m0, warp, lane), o, m_r, l_r);
            continue;
        }
        // The finished item: its LSE now (its row state is final), its O once its last P·V is
        // done (first trip below), with the scales kept from here.
        const RowCtx done_ctx = ctx;
        float done_scale[1][2] = {{0.0f, 0.0f}};
        if (pending) finish_rows<1>(p, ctx, m_r, l_r, done_scale);
        bool boundary = pending;
        ctx = row_ctx(p, w.b, w.h, w.m0, warp, lane);
        m_r[0][0] = m_r[0][1] = UMFA_NEG_INF;
        l_r[0][0] = l_r[0][1] = 0.0f;
        if (!pending) {
            // The stream's first tile: its S alone (O is 0).
            first_tile(p, ctx, bars, sQw, sK, n, t, cls, m_r, l_r, pa, wg);
            ++n;
            pending = true;
            t = next_live_tile(p, w.b, w.h, w.i0, w.i1, t + 1, t_end, &cls);
        }
        // Steady state: S_n and the pending P·V in flight together; on the first trip after an
        // item boundary that P·V finishes the previous item, which is then stored and O reset.
#pragma unroll 1
        for (; t < t_end; ++n) {
            int cls_next;
            const int s = STAGE_OF(n), prev = STAGE_OF(n - 1);
            wait_tile(BAR_FULL_K(s), PARITY_OF(n));
            wait_tile(BAR_FULL_V(prev), PARITY_OF(n - 1));
            float sc[1][SN_TILES][4];
            wgmma_fence();
            issue_s(sc, sQw, 64 * COL_BYTES, sK + s * KV_BYTES);
            wgmma_commit();
            issue_pv(o, pa, sV + prev * KV_BYTES);
            wgmma_commit();
            const int t_next = next_live_tile(p, w.b, w.h, w.i0, w.i1, t + 1, t_end, &cls_next);
            wgmma_wait<1>();
            FENCE_S(&sc[0][0][0]);
            mbar_arrive(BAR_EMPTY_K(s));
            const float unit = score_tile<1>(p, ctx, sc, cls, t * BLOCK_N);
            float alpha[1][2];
            const bool rescale = softmax_tile<1>(sc, m_r, l_r, alpha, unit);
            if (boundary) {
                // (uniform over the warpgroup: one item.) The wait in its own text, as in
                // wait_pv_rescale, so that ptxas keeps it below the softmax.
                asm volatile("wgmma.wait_group.sync.aligned 0; // item boundary\n" ::: "memory");
                FENCE_O(&o[0][0][0]);
                // That P·V is done with V: its stage goes back to the producer before the O
                // stores, so the refill overlaps them.
                keep_p(pa);
                mbar_arrive(BAR_EMPTY_V(prev));
                store_o_rows<1, DN_TILES>(p, done_ctx, o, done_scale);
#pragma unroll
                for (int dn = 0; dn < DN_TILES; ++dn) o[0][dn][0] = o[0][dn][1] = o[0][dn][2] = o[0][dn][3] = 0.0f;
                boundary = false;
            } else {
                wait_pv_rescale(o, alpha, warpgroup_any(rescale, wg));
                keep_p(pa);
                mbar_arrive(BAR_EMPTY_V(prev));
            }
            pack_p(pa, sc);
            t = t_next;
            cls = cls_next;
        }
    }
    if (pending) {
        finish_pv(o, pa, bars, sV, n);
        store_rows<1, DN_TILES>(p, ctx, o, m_r, l_r);
    }
}
#endif

extern "C" __global__ void __launch_bounds__(THREADS, WS_MIN_BLOCKS) umfa_fwd_wgmma_ws(WS_PARAM wp) {
    const FwdParams& p = wp.f;
    extern __shared__ __align__(1024) unsigned char smem_raw[];
    const unsigned sQ = ((unsigned)__cvta_generic_to_shared(smem_raw) + 1023u) & ~1023u;
    const unsigned sK = sQ + Q_BUFS * Q_BYTES;
    const unsigned sV = sK + STAGES * KV_BYTES;
    const unsigned bars = sV + STAGES * KV_BYTES;

    const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31, wg = warp >> 2;
#if TMA
    const int Sq = p.seq_q;
#else
    const int Sq = p.seq_q, Sk = p.seq_kv;
#endif
    const int q_tiles = (Sq + BLOCK_M - 1) / BLOCK_M, heads = p.batch * p.heads_q;
    const int items = q_tiles * heads;

    if (tid == 0) {
        for (int s = 0; s < STAGES; ++s) {
            mbar_init(BAR_FULL_K(s), TMA ? 1 : PRODUCER_THREADS);
            mbar_init(BAR_FULL_V(s), TMA ? 1 : PRODUCER_THREADS);
            mbar_init(BAR_EMPTY_K(s), CONSUMER_THREADS);
            mbar_init(BAR_EMPTY_V(s), CONSUMER_THREADS);
        }
#if DYNAMIC
        for (int i = 0; i < 2; ++i) {
            mbar_init(ITEM_FULL(i), 1);
            mbar_init(ITEM_EMPTY(i), CONSUMER_THREADS + PRODUCER_THREADS);
        }
#endif
    }
    __syncthreads();

    if (wg == NWG_C) {
        // Producer: K_n then V_n into stage n % STAGES, each once the consumers have released
        // the stage's previous tile; a tile is signalled once this thread's copies of it have
        // landed (and been made visible to the tensor cores). n counts over all of the block's
        // items.
        set_max_registers_dec<PRODUCER_REGS>();
        const int ptid = tid - CONSUMER_THREADS;
        if (ptid >= PRODUCER_THREADS) return;
#if !TMA
        const i64 k_row = 2 * p.k_stride[2], v_row = 2 * p.v_stride[2];
#endif
        int n = 0;
        if (ptid == 0) {
            publish_item(bars, wp, 0);
            publish_item(bars, wp, 1);
        }
#pragma unroll 1
        for (int k = 0;; ++k) {
            const int item = block_item(bars, k);
            release_item(bars, k);
            if (item >= items) break;
            const WorkItem w = fwd_item(p, item, q_tiles, heads);
#if !TMA
            const char* k_head = (const char*)p.k + 2 * (w.b * p.k_stride[0] + w.hk * p.k_stride[1]);
            const char* v_head = (const char*)p.v + 2 * (w.b * p.v_stride[0] + w.hk * p.v_stride[1]);
#endif
            int t0, cls;
            const int t_end = band_tiles(p, w.i0, w.i1, &t0);
#pragma unroll 1
            for (int t = next_live_tile(p, w.b, w.h, w.i0, w.i1, t0, t_end, &cls); t < t_end;
                 t = next_live_tile(p, w.b, w.h, w.i0, w.i1, t + 1, t_end, &cls), ++n) {
                const int s = STAGE_OF(n);
                const unsigned phase = PARITY_OF(n);
                mbar_wait(BAR_EMPTY_K(s), phase ^ 1);
#if TMA
                if (ptid == 0) tma_rows16<BLOCK_N>(BAR_FULL_K(s), sK + s * KV_BYTES, &wp.tk, t * BLOCK_N, w.hk, w.b);
#else
                load_sw128<BLOCK_N, PRODUCER_THREADS>(sK + s * KV_BYTES, k_head + t * BLOCK_N * k_row, k_row, Sk - t * BLOCK_N, ptid);
                land_arrive(BAR_FULL_K(s));
#endif
                mbar_wait(BAR_EMPTY_V(s), phase ^ 1);
#if TMA
                if (ptid == 0) tma_rows16<BLOCK_N>(BAR_FULL_V(s), sV + s * KV_BYTES, &wp.tv, t * BLOCK_N, w.hk, w.b);
#else
                load_sw128<BLOCK_N, PRODUCER_THREADS>(sV + s * KV_BYTES, v_head + t * BLOCK_N * v_row, v_row, Sk - t * BLOCK_N, ptid);
                land_arrive(BAR_FULL_V(s));
#endif
            }
            // Two items ahead: item k + 1 was published before this item's tiles.
            if (ptid == 0) publish_item(bars, wp, k + 2);
        }
        cp_async_wait<0>();  // nothing in flight when the warp exits
        return;
    }

    // Consumers.
    set_max_registers_inc<CONSUMER_REGS>();
    // This warpgroup's 64 rows of Q in buffer k % Q_BUFS for the block's k-th item: its own
    // [64][64] column blocks, column block c at sQw + c * 64 * COL_BYTES.
    const unsigned sQ_wg = sQ + wg * (64 * HEAD_DIM * 2);
    if (blockIdx.x < items) load_q_rows(p, fwd_item(p, blockIdx.x, q_tiles, heads), sQ_wg, wg, tid);
#if ITEM_PIPE_ON
    consume_stream(p, bars, sQ_wg, sK, sV, q_tiles, heads, items, wg, warp, lane, tid);
    return;
#endif
    int n = 0;  // K/V tiles consumed so far, over all items (as the producer's)
#pragma unroll 1
    for (int k = 0;; ++k) {
        const int item = block_item(bars, k);
        release_item(bars, k);
        if (item >= items) break;
        const WorkItem w = fwd_item(p, item, q_tiles, heads);
        const unsigned sQw = sQ_wg + (k % Q_BUFS) * Q_BYTES;
        open_item_q(p, bars, k, items, q_tiles, heads, sQ_wg, wg, tid);

#if IDLE_SKIP_ON
        if (w.m0 + wg * 64 >= Sq) {
            n = pace_tiles(p, w, bars, n);
        } else
#endif
        {
            float o[1][DN_TILES][4];
            float m_r[1][2], l_r[1][2];
            init_rows(o, m_r, l_r);
            const RowCtx ctx = row_ctx(p, w.b, w.h, w.m0, warp, lane);
            int t0, cls;
            const int t_end = band_tiles(p, w.i0, w.i1, &t0);
            t0 = next_live_tile(p, w.b, w.h, w.i0, w.i1, t0, t_end, &cls);

            // The first tile's S and softmax (O is still 0), then the steady state: S_n and
            // O += P_{n-1}·V_{n-1} in flight together, so the tensor cores run P·V while this
            // warpgroup computes S_n's softmax. Each phase of the loop body is the same on every
            // trip (no branch between a wgmma and its wait), which lets ptxas keep the wgmmas
            // asynchronous.
            unsigned pa[BLOCK_N / 16][4];  // P of the previous tile, read by its P·V
            if (t0 < t_end) {
                if (wg == 1) turn_pass<PING>(wg);  // warpgroup 0 issues first
                first_tile(p, ctx, bars, sQw, sK, n, t0, cls, m_r, l_r, pa, wg);
                ++n;
                t0 = next_live_tile(p, w.b, w.h, w.i0, w.i1, t0 + 1, t_end, &cls);
            } else {
                t0 = -1;  // no tile: nothing below runs
            }
#pragma unroll 1
            for (int t = t0; t >= 0 && t < t_end; ++n) {
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
                // The next tile's class while the tensor cores work: under a block mask it reads
                // global memory, whose latency would otherwise sit between this tile's P·V and the
                // next S.
                const int t_next = next_live_tile(p, w.b, w.h, w.i0, w.i1, t + 1, t_end, &cls_next);
                wgmma_wait<1>();
                FENCE_S(&sc[0][0][0]);
                mbar_arrive(BAR_EMPTY_K(s));

                const float unit = score_tile<1>(p, ctx, sc, cls, t * BLOCK_N);
                float alpha[1][2];
                const bool rescale = softmax_tile<1>(sc, m_r, l_r, alpha, unit);
                // P·V done (the softmax above ran beside it), O rescaled, then this tile's P.
                wait_pv_rescale(o, alpha, warpgroup_any(rescale, wg));
                keep_p(pa);
                mbar_arrive(BAR_EMPTY_V(prev));
                pack_p(pa, sc);
                t = t_next;
                cls = cls_next;
            }
            if (t0 != -1) {
                // The last tile's P·V (t0 is -1 only for an item without a live tile).
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
                mbar_arrive(BAR_EMPTY_V(s));
            }
            store_rows<1, DN_TILES>(p, ctx, o, m_r, l_r);
        }
#if Q_BUFS == 1
        {
            // The next item's Q rows into the only buffer, once this item's products read it.
            const int next = block_item(bars, k + 1);
            if (next < items) load_q_rows(p, fwd_item(p, next, q_tiles, heads), sQ_wg, wg, tid);
        }
#endif
    }
}
