// The Hopper backward's dK/dV kernel (sm_90a; FlashAttention-3's structure), see wgmma_bwd.rs.
// It replaces `umfa_bwd_dkdv_mma` (mma_bwd.cu) and computes the same things: dK and dV of its
// keys, summed over the GQA group inside the block, and with WITH_DQ (the fast mode) dS·K added
// into the f32 dQ accumulator with red.global.add (unscaled, as mma_bwd.cu;
// `umfa_bwd_dq_convert` scales and stores dQ afterwards). Without WITH_DQ (the deterministic
// mode) dQ comes from mma_bwd.cu's own dQ kernel and nothing here is atomic.
//
// A block owns BLOCK_N = 128 keys of one K/V head and 384 threads in three warpgroups:
//   - warpgroups 0 and 1 (consumers) own keys [64·wg, 64·wg + 64): K and V of the block stay in
//     shared memory for its whole life (each consumer warpgroup copies its own half once);
//   - warpgroup 2 (producer) streams, for every live (GQA head, query tile of BLOCK_M rows)
//     pair, the Q and dO tiles and the rows' LSE·log2e and delta into STAGES stages, signalled on
//     mbarriers as in wgmma_ws_fwd.cu (cp.async + `noinc` arrivals; consumers fence the async
//     proxy after the wait).
// Per query tile each consumer warpgroup computes, for its 64 keys (wgmma m64 = keys):
//   Sᵀ  = K·Qᵀ          SS m64n64k16, A = K (K-major), B = Q (K-major)
//   dPᵀ = V·dOᵀ         SS m64n64k16, A = V (K-major), B = dO (K-major)
//   Pᵀ  = exp2(Sᵀ·scale·log2e − lse2) with the variant's rules (visible / score modifiers),
//   dSᵀ = Pᵀ∘(dPᵀ − delta)·slope (softcap's 1 − tanh²)
//   dV += Pᵀ·dO         RS m64nDk16, Pᵀ from registers, dO MN-major (transposed)
//   dK += dSᵀ·Q         RS m64nDk16, dSᵀ from registers, Q MN-major
//   dQ_acc += dS·K      SS m64n64k16 with A = dS read from the dSᵀ tile in shared memory
//                       (imm-trans-a = 1) and B = K MN-major (imm-trans-b = 1), then
//                       red.global.add.v2.f32 into dq_acc.
// dQ's split between the consumer warpgroups: D = 128: warpgroup wg adds dQ columns
// [64·wg, 64·wg + 64) over all 128 keys (both warpgroups' dSᵀ rows, a 256-thread named barrier
// per tile); D = 64: each warpgroup adds all 64 columns over its own 64 keys (a 128-thread
// barrier; twice the atomic adds per key tile, as many per key as the mma.sync kernel).
// (Measured on the H200, G1: deferring item n's dQ to item n + 1 behind mbarriers, so that the
// warpgroups need not meet at that barrier, ran 323 TFLOP/s against 341 with it; on the H100,
// each warpgroup adding all 128 columns over its own keys, two tiles and twice the adds, ran 404
// against 501 — docs/perf/cuda-backward.md, "DQ_OWN".)
//
// Register budget (setmaxnreg, FA3's split): consumers CONSUMER_REGS = 240, producer 24:
// 128·24 + 256·240 = 64512 = 384·168, the block's allocation at launch (setmaxnreg only moves
// registers between the warpgroups). D = 128 consumer: dK and dV accumulators 64 + 64 = 128
// (live across the loop), Sᵀ and dPᵀ 32 + 32 (f32, m64n64), then P and dS packed to 16 + 16 and
// the dQ tile 32 while Sᵀ/dPᵀ are dead: peak ≈ 192 + addressing and rule state. NVRTC 13
// (sm_90a): 224 consumer registers spilled or serialised the wgmmas (C7512) at D = 128; 240
// compiles every variant without spills. The producer fits 24 because it copies every work
// item without classifying it (see `bwd_work`). D = 64: 32 + 32 + 32 + 32 + ….
//
// Shared memory (1024-byte aligned base): K [128 keys] and V (column blocks of [128][64] 16-bit,
// 128-byte swizzle: wgmma_common.cuh's layout), STAGES × (Q [64][D], dO [64][D]), with WITH_DQ
// two dSᵀ tiles [128 keys][64 queries] (double-buffered by tile parity, so one barrier per tile
// suffices), STAGES × (64 LSE2, 64 delta) f32, then the mbarriers.
//
// Compile-time configuration: HEAD_DIM (64 or 128), BLOCK_N = 128, NWARPS = 12, MT = 1, STAGES,
// IN_BF16, WITH_DQ and the features of mma_common.cuh. Files: common.cuh, mma_common.cuh, fwd_tile.cuh
// (for wgmma_common.cuh's types), wgmma_ops.cuh, wgmma_common.cuh, pipeline.cuh, this file.

#define NWG_C 2
// Query rows per item: 64, or (D = 64 only, opt-in until measured) 128 — twice the matrix work
// per wait and per barrier, where at D = 64 the products are short against the per-item
// overheads; the registers allow it only at D = 64 (Sᵀ and dPᵀ then take 64 each).
#ifndef BLOCK_M
#define BLOCK_M 64
#endif
#if BLOCK_M != 64 && !(BLOCK_M == 128 && HEAD_DIM == 64)
#error "wgmma_bwd.cu takes 64-row items, or 128-row items at HEAD_DIM 64"
#endif
#define QBLK (BLOCK_M / 64)  // 64-query column blocks of a dSᵀ tile, m64 tiles of dQ
#define CONSUMER_THREADS (128 * NWG_C)
#define KEYS_PER_WG 64
#define MN_TILES (BLOCK_M / 8)                // n8 tiles of Sᵀ: queries along n
#define QT_BYTES (BLOCK_M * HEAD_DIM * 2)     // one Q or dO tile
#define DS_BYTES (QBLK * BLOCK_N * COL_BYTES)  // one dSᵀ tile: [128 keys][BLOCK_M queries] 16-bit
#define LD_BYTES (2 * BLOCK_M * 4)            // one stage's LSE2 and delta rows

#ifndef WITH_DQ
#define WITH_DQ 1
#endif
#define DS_TILES (2 * WITH_DQ)

#ifndef STAGES
#define STAGES 2
#endif
#ifndef PRODUCER_REGS
#define PRODUCER_REGS 24
#endif
#ifndef CONSUMER_REGS
#define CONSUMER_REGS 240
#endif
// TMA (opt-in until run on a GPU, see wgmma_bwd.rs): one producer thread copies each Q and dO
// tile as HEAD_DIM / 64 boxes of [64 columns, BLOCK_M rows] through the host's tensor maps (the
// hardware writes the 128-byte swizzle and zero-fills rows past Sq), and the producer warp copies
// the rows' LSE2 and delta with cp.async beside them: each full barrier counts the warp's 32
// cp.async arrivals and the TMA thread's expected bytes. As in the forward, where TMA in place of
// 128 threads of cp.async took G1 from 396 to 472 TFLOP/s (H100, 2026-12-07).
#ifndef TMA
#define TMA 0
#endif
#if TMA
#define PRODUCER_THREADS 32
#else
#define PRODUCER_THREADS 128
#endif

// dQ through shared memory (opt-in until run on a GPU: -DDQ_BULK=1, with TMA, 64-row items):
// each consumer warpgroup writes its dQ tile [64 queries][64 columns] f32 into its own shared
// buffer (two 128-byte-swizzled boxes of 32 columns), and one of its threads hands the buffer to
// the copy engine as a TMA reduce-add into dq_acc (`tdq`), in place of 16 red.global.add.v2 per
// thread: the warps go on at once, the adds leave as whole lines. FA3 writes dQ the same way.
#ifndef DQ_BULK
#define DQ_BULK 0
#endif
#if DQ_BULK && !(TMA && WITH_DQ && BLOCK_M == 64)
#error "DQ_BULK needs TMA, WITH_DQ and 64-row items"
#endif
#define DQ_WG_BYTES (64 * 64 * 4)  // room for one warpgroup's dQ tile
#define DQ_BOX_BYTES (64 * 32 * 4)  // one TMA box of it: 64 rows of 32 f32 columns

// DQ_LAST (opt-in: UMFA_CUDA_DEFINES=-DDQ_LAST=1; with DQ_BULK; H100, 2026-12-07, together with
// DS_STMATRIX and the since removed conflict-free dQ stores: G1 445 against 503): dV and dK are
// issued before the per-item barrier and dQ after it, so that each warpgroup waits at the
// barrier while its own products run instead of idling there (the probes put the barrier at
// ~15 % of G1's backward). dQ-first was chosen when dQ's adds were red.global.add from every
// thread, which then overlapped dV and dK; the bulk reduce-adds are asynchronous anyway.
#ifndef DQ_LAST
#define DQ_LAST 0
#endif
#define DQ_LAST_ON (DQ_LAST && DQ_BULK)  // without DQ_BULK the option does nothing
// DQ_PROBE (timing experiments only, UMFA_CUDA_DEFINES=-DDQ_PROBE=n; dQ comes out wrong): 1
// leaves out the TMA reduce-adds of dQ, 2 also its stores to shared memory, 3 also its product
// (dS is still stored and met at the barrier), 4 also the proxy fence after dS's stores, 5 also
// the barrier, 6 also dS's stores. Never set by the library. H100, 2026-12-07, G1 / G2 backward
// TFLOP/s: 0 (all of it) 500 / 254, 1: 524 / 279, 2: 630 / 349, 3: 614 / 341, 4: 624 / 347,
// 5: 717 / 351, 6: 758 / 380 — the dQ tile's shared-memory stores (store_dq_tile) and, at
// D = 128, the 256-thread barrier are the costs to attack (docs/perf/cuda-backward.md).
#ifndef DQ_PROBE
#define DQ_PROBE 0
#endif

// DQ_SPLIT (D = 64 with DQ_BULK; UMFA_CUDA_DEFINES=-DDQ_SPLIT=0 for the other way): at D = 64
// each warpgroup adds dQ columns [32·wg, 32·wg + 32) over all 128 keys, as at D = 128, instead
// of all 64 columns over its own keys: half the dQ tile stores, shared-memory reads by the
// reduce and reduce-adds into L2 (the probes put dQ's stores and adds at a quarter of G2's
// backward), for twice the dSᵀ reads and the 256-thread barrier. H100, 2026-12-07 (same call):
// G2 272.9 TFLOP/s against 265.6, G2 causal 175.7 against 169.0. (Holding K and V as register
// A fragments at D = 64 instead, −32 KB of shared-memory reads an item, measured 261.7 / 167.9
// in that call and was removed.)
#ifndef DQ_SPLIT
#define DQ_SPLIT 1
#endif
#if HEAD_DIM == 128 || (HEAD_DIM == 64 && DQ_SPLIT && DQ_BULK)
#define DQ_KSTEPS (BLOCK_N / 16)  // dQ over the block's 128 keys, HEAD_DIM / 2 columns per warpgroup
#define DQ_SHARED 1
#define DQ_COLS (HEAD_DIM / 2)
#elif HEAD_DIM == 64
#define DQ_KSTEPS (KEYS_PER_WG / 16)  // dQ over this warpgroup's 64 keys, all columns
#define DQ_SHARED 0
#define DQ_COLS 64
#else
#error "wgmma_bwd.cu takes HEAD_DIM 64 or 128"
#endif

// Barriers per stage: Q (+ LSE2) landed, dO (+ delta) landed, stage released by the consumers.
#define BAR_FULL_Q(s) (bars + 8 * (s))
#define BAR_FULL_G(s) (bars + 8 * (STAGES + (s)))
#define BAR_EMPTY(s) (bars + 8 * (2 * STAGES + (s)))
#define STAGE_OF(n) ((n) % STAGES)
#define PARITY_OF(n) (((n) / STAGES) & 1)

// D[64 x DQ_COLS] (+)= A·B, both from shared memory and both MN-major: dQ = dS·K.
#if DQ_COLS == 32
#define WGMMA_DQ wgmma_ss_tt_n32
#else
#define WGMMA_DQ wgmma_ss_tt_n64
#endif
// Sᵀ, dPᵀ: [64 keys x BLOCK_M queries] per warpgroup.
#if BLOCK_M == 128
#define WGMMA_ROWS wgmma_ss_n128
#define FENCE_ROWS fence_regs_n128
#else
#define WGMMA_ROWS wgmma_ss_n64
#define FENCE_ROWS fence_regs_n64
#endif
#define DQ_NT (DQ_COLS / 8)  // n8 tiles of one dQ product
// Keeps dQ's registers in place around the asynchronous product that writes them.
__device__ __forceinline__ void fence_dq(float* d) {
#pragma unroll
    for (int i = 0; i < DQ_NT * 4; ++i) asm volatile("" : "+f"(d[i])::"memory");
}

// Work item `it` of the block's list: query tile it % tiles of GQA head it / tiles. The producer
// copies every item (it has 24 registers: no room for the block-mask walk of `classify`); the
// consumers classify each item, and an empty one (only a block mask makes one: the band already
// bounds the list) runs with every element masked. TODO (perf, block-sparse): skip empty items
// without a branch inside the consumers' wgmma sequence, e.g. consumers publishing the live list.
struct BwdWork {
    int h, m0;
};
__device__ __forceinline__ BwdWork bwd_work(const FwdParams& p, int it, int tiles, int mt0, int hk) {
    BwdWork w;
    w.h = hk * p.group + it / tiles;
    w.m0 = (mt0 + it % tiles) * BLOCK_M;
    return w;
}
__device__ __forceinline__ int bwd_class(const FwdParams& p, int it, int total, int tiles, int mt0, int b, int hk, int n0) {
    if (it >= total) return TILE_EMPTY;
    const BwdWork w = bwd_work(p, it, tiles, mt0, hk);
    return classify(p, b, w.h, w.m0, min(w.m0 + BLOCK_M, p.seq_q) - 1, n0);
}

// Copies `ROWS` rows of HEAD_DIM 16-bit elements into the column-block layout whose blocks are
// `col_stride` bytes apart (a part of a taller tile), spread over NT threads. Unrolled by 2 only:
// the producer has few registers.
template <int ROWS, int NT>
__device__ __forceinline__ void load_sw128_part(unsigned dst, unsigned col_stride, const char* src, i64 row_bytes,
                                                int valid, int tid) {
#pragma unroll 2
    for (int idx = tid; idx < ROWS * CHUNKS; idx += NT) {
        const int r = idx / CHUNKS, c = idx % CHUNKS;
        const bool ok = r < valid;
        const unsigned addr = dst + (c >> 3) * col_stride + r * COL_BYTES + (((c & 7) ^ (r & 7)) << 4);
        cp_async16(addr, ok ? src + r * row_bytes + c * 16 : src, ok ? 16 : 0);
    }
}

// acc[64 x 64] = A[64 rows at sA, K-major, column blocks a_col apart] · B[64 rows at sB, K-major,
// column blocks BLOCK_M·128 apart]ᵀ over HEAD_DIM: Sᵀ = K·Qᵀ and dPᵀ = V·dOᵀ.
__device__ __forceinline__ void issue_rows_rows(float* acc, unsigned sA, unsigned sB) {
#if DESC_ADD
    const u64 da = smem_desc(sA, 16, 1024), db = smem_desc(sB, 16, 1024);
#endif
#pragma unroll
    for (int kk = 0; kk < HEAD_DIM / 16; ++kk) {
        const unsigned col = kk >> 2, sub = (kk & 3) * 32;
#if DESC_ADD
        WGMMA_ROWS(acc, desc_plus(da, col * (BLOCK_N * COL_BYTES) + sub), desc_plus(db, col * (BLOCK_M * COL_BYTES) + sub), kk > 0);
#else
        WGMMA_ROWS(acc, smem_desc(sA + col * (BLOCK_N * COL_BYTES) + sub, 16, 1024),
                   smem_desc(sB + col * (BLOCK_M * COL_BYTES) + sub, 16, 1024), kk > 0);
#endif
    }
}

// acc[64 keys x HEAD_DIM] += A[64 x 64 queries] (registers) · B[64 query rows at sB] (MN-major):
// dV += Pᵀ·dO and dK += dSᵀ·Q.
__device__ __forceinline__ void issue_frag_rows(float* acc, const unsigned (&a)[BLOCK_M / 16][4], unsigned sB) {
#if DESC_ADD
    const u64 db = smem_desc(sB, BLOCK_M * COL_BYTES, 1024);
#pragma unroll
    for (int kk = 0; kk < BLOCK_M / 16; ++kk) WGMMA_RS_O(acc, a[kk], desc_plus(db, kk * 16 * COL_BYTES));
#else
#pragma unroll
    for (int kk = 0; kk < BLOCK_M / 16; ++kk)
        WGMMA_RS_O(acc, a[kk], smem_desc(sB + kk * 16 * COL_BYTES, BLOCK_M * COL_BYTES, 1024));
#endif
}

// dq[64 queries x 64 columns] = dS · K: A = dS from the dSᵀ rows at sSk (keys along K, queries
// contiguous: MN-major, transposed by the instruction), B = K rows at sKk (keys along K, the
// head dim contiguous: MN-major), DQ_KSTEPS steps of 16 keys.
// (With 128-row items, once per 64-query column block of the dSᵀ tile.)
__device__ __forceinline__ void issue_dq(float* dq, unsigned sSk, unsigned sKk) {
#if DESC_ADD
    const u64 ds = smem_desc(sSk, BLOCK_N * COL_BYTES, 1024), dk = smem_desc(sKk, BLOCK_N * COL_BYTES, 1024);
#pragma unroll
    for (int kk = 0; kk < DQ_KSTEPS; ++kk) WGMMA_DQ(dq, desc_plus(ds, kk * 16 * COL_BYTES), desc_plus(dk, kk * 16 * COL_BYTES), kk > 0);
#else
#pragma unroll
    for (int kk = 0; kk < DQ_KSTEPS; ++kk)
        WGMMA_DQ(dq, smem_desc(sSk + kk * 16 * COL_BYTES, BLOCK_N * COL_BYTES, 1024),
                 smem_desc(sKk + kk * 16 * COL_BYTES, BLOCK_N * COL_BYTES, 1024), kk > 0);
#endif
}

// Accumulators (n8 tiles 2k, 2k+1) as the 16-bit A fragment of k step k.
__device__ __forceinline__ void pack_frag(unsigned (&a)[BLOCK_M / 16][4], const float (&x)[MN_TILES][4]) {
#pragma unroll
    for (int kk = 0; kk < BLOCK_M / 16; ++kk) {
        a[kk][0] = pack2(x[2 * kk][0], x[2 * kk][1]);
        a[kk][1] = pack2(x[2 * kk][2], x[2 * kk][3]);
        a[kk][2] = pack2(x[2 * kk + 1][0], x[2 * kk + 1][1]);
        a[kk][3] = pack2(x[2 * kk + 1][2], x[2 * kk + 1][3]);
    }
}
__device__ __forceinline__ void keep_frag(unsigned (&a)[BLOCK_M / 16][4]) {
#pragma unroll
    for (int kk = 0; kk < BLOCK_M / 16; ++kk)
        asm volatile("" : "+r"(a[kk][0]), "+r"(a[kk][1]), "+r"(a[kk][2]), "+r"(a[kk][3])::"memory");
}

// Writes this warp's 16 key rows of dSᵀ (accumulator layout: keys key0 + lane/4 (+8), queries
// 8·nt + 2·(lane%4) (+1)) as 16-bit pairs into the swizzled [keys][BLOCK_M queries] tile at sS
// (column blocks of 64 queries, BLOCK_N·128 bytes apart).
//
// DS_STMATRIX (opt-in until measured: UMFA_CUDA_DEFINES=-DDS_STMATRIX=1): the same tile with one
// stmatrix.x4 per k step instead of four 32-bit stores per register — each register ds[kk][x]
// is already the 8x8 fragment of keys key0 + 8·(x % 2) + 0..7 and queries of n8 tile
// 2·kk + x / 2, so lane l gives the address of row l % 8 of matrix l / 8: a quarter of the
// store instructions (the probes put dS's stores at about 5 % of G1's backward).
#ifndef DS_STMATRIX
#define DS_STMATRIX 0
#endif
__device__ __forceinline__ void store_ds(unsigned sS, const unsigned (&ds)[BLOCK_M / 16][4], int key0, int lane) {
#if DS_STMATRIX
    const int j = lane >> 3, key = key0 + 8 * (j & 1) + (lane & 7);
#pragma unroll
    for (int kk = 0; kk < BLOCK_M / 16; ++kk) {
        const int nt = 2 * kk + (j >> 1);
        const unsigned addr = sS + (nt >> 3) * (BLOCK_N * COL_BYTES) + key * COL_BYTES + (((nt & 7) ^ (key & 7)) << 4);
        asm volatile("stmatrix.sync.aligned.m8n8.x4.shared.b16 [%0], {%1, %2, %3, %4};\n" ::"r"(addr), "r"(ds[kk][0]),
                     "r"(ds[kk][1]), "r"(ds[kk][2]), "r"(ds[kk][3])
                     : "memory");
    }
#else
#pragma unroll
    for (int kk = 0; kk < BLOCK_M / 16; ++kk)
#pragma unroll
        for (int x = 0; x < 4; ++x) {
            // ds[kk][x]: n8 tile 2kk + x/2, row half x%2.
            const int nt = 2 * kk + (x >> 1), key = key0 + (lane >> 2) + 8 * (x & 1);
            const unsigned addr = sS + (nt >> 3) * (BLOCK_N * COL_BYTES) + key * COL_BYTES + (((nt & 7) ^ (key & 7)) << 4) +
                                  (lane & 3) * 4;
            asm volatile("st.shared.b32 [%0], %1;\n" ::"r"(addr), "r"(ds[kk][x]) : "memory");
        }
#endif
}

// Adds a warp's 16 rows of a dQ tile (accumulator layout: rows row0 + lane/4 (+8), columns
// col0 + 8·nt + 2·(lane%4) (+1)) into the f32 accumulator rows at `base`; rows at or past `rows`
// are dropped.
//
// DQ_V4 (opt-in until measured: UMFA_CUDA_DEFINES=-DDQ_V4=1): half as many atomic instructions,
// each of four floats (red.global.add.v4.f32, sm_90): lanes 2k and 2k + 1 of a quad swap halves
// so that the even lane holds four columns of the upper row and the odd lane the same four of
// the lower row.
#ifndef DQ_V4
#define DQ_V4 0
#endif
__device__ __forceinline__ void add_dq_rows(const float (&dq)[DQ_NT][4], float* base, int row0, int rows, int col0,
                                            int lane) {
#if DQ_V4
    const bool odd = lane & 1;
    const int row = row0 + (lane >> 2) + (odd ? 8 : 0);
    const int col = col0 + 2 * ((lane & 3) & ~1);
#pragma unroll
    for (int nt = 0; nt < DQ_NT; ++nt) {
        // Even lanes send their lower-row pair and keep the upper; odd lanes the reverse.
        const float s0 = odd ? dq[nt][0] : dq[nt][2], s1 = odd ? dq[nt][1] : dq[nt][3];
        const float r0 = __shfl_xor_sync(0xffffffffu, s0, 1), r1 = __shfl_xor_sync(0xffffffffu, s1, 1);
        const float x0 = odd ? r0 : dq[nt][0], x1 = odd ? r1 : dq[nt][1];
        const float x2 = odd ? dq[nt][2] : r0, x3 = odd ? dq[nt][3] : r1;
        if (row < rows) {
            float* dst = base + (i64)row * HEAD_DIM + col + nt * 8;
            asm volatile("red.global.add.v4.f32 [%0], {%1, %2, %3, %4};\n" ::"l"(dst), "f"(x0), "f"(x1), "f"(x2), "f"(x3)
                         : "memory");
        }
    }
#else
#pragma unroll
    for (int r = 0; r < 2; ++r) {
        const int row = row0 + (lane >> 2) + 8 * r;
        if (row >= rows) continue;
#pragma unroll
        for (int nt = 0; nt < DQ_NT; ++nt) {
            float* dst = base + (i64)row * HEAD_DIM + col0 + nt * 8 + 2 * (lane & 3);
            asm volatile("red.global.add.v2.f32 [%0], {%1, %2};\n" ::"l"(dst), "f"(dq[nt][2 * r]), "f"(dq[nt][2 * r + 1])
                         : "memory");
        }
    }
#endif
}

#if DQ_BULK
// Writes a warp's 16 rows of its warpgroup's dQ tile (accumulator layout as in add_dq_rows,
// columns 0..63 of the warpgroup's share) into the warpgroup's buffer at `buf`: box c holds
// columns [32c, 32c + 32), rows of 128 bytes whose 16-byte chunks are swizzled by row % 8 (the
// tensor map's 128-byte swizzle). (Rows q and q ^ 1 of a half-warp share each chunk pair here, a
// 2-way bank conflict; permuting the lanes' n8 tiles to avoid it cost more in selects than it
// saved: H100, G1 backward 483 against 503 TFLOP/s, G2 252 / 260 — docs/perf/cuda-backward.md.)
__device__ __forceinline__ void store_dq_tile(unsigned buf, const float (&dq)[DQ_NT][4], int wwarp, int lane) {
#pragma unroll
    for (int nt = 0; nt < DQ_NT; ++nt)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            const int row = wwarp * 16 + (lane >> 2) + 8 * r, col = nt * 8 + 2 * (lane & 3);
            const unsigned addr = buf + (col >> 5) * DQ_BOX_BYTES + row * 128 + ((((col & 31) >> 2) ^ (row & 7)) << 4) +
                                  (col & 3) * 4;
            asm volatile("st.shared.v2.f32 [%0], {%1, %2};\n" ::"r"(addr), "f"(dq[nt][2 * r]), "f"(dq[nt][2 * r + 1])
                         : "memory");
        }
}
#endif

// dK and dV leave through shared memory in 16-byte stores (GRAD_STAGED, the default; =0 for the
// direct stores of store_grad_rows): the accumulator layout gives a lane 4-byte pieces of eight
// rows, which as direct 2-byte stores left 55% of the kernel's global sectors partial (ncu, G1,
// H100) and cost an exposed epilogue per block — at one block per SM nothing hides it.
#ifndef GRAD_STAGED
#define GRAD_STAGED 1
#endif
#define GRAD_CHUNKS (HEAD_DIM / 8)  // 16-byte chunks of a gradient row

// Writes this warp's 16 rows of a warpgroup's [64 keys][HEAD_DIM] gradient tile (accumulators
// times `scale`, as `dtype` pairs) into `buf`: rows of HEAD_DIM·2 bytes whose 16-byte chunks are
// swizzled by row % 8, so that a store instruction's eight rows fall on distinct banks.
__device__ __forceinline__ void stage_grad_rows(unsigned buf, const float (*acc)[4], int dtype, float scale, int wwarp,
                                                int lane) {
#pragma unroll
    for (int r = 0; r < 2; ++r) {
        const int row = wwarp * 16 + (lane >> 2) + 8 * r;
#pragma unroll
        for (int dn = 0; dn < DN_TILES; ++dn) {
            const unsigned addr = buf + row * (HEAD_DIM * 2) + ((dn ^ (row & 7)) << 4) + 4 * (lane & 3);
            const unsigned v = pack_pair(dtype, acc[dn][2 * r] * scale, acc[dn][2 * r + 1] * scale);
            asm volatile("st.shared.b32 [%0], %1;\n" ::"r"(addr), "r"(v) : "memory");
        }
    }
}

// Copies a staged [64 keys][HEAD_DIM] tile (stage_grad_rows) to rows first_row.. of a strided
// 16-bit tensor with a contiguous head dim, a 16-byte chunk per thread and step (the warpgroup's
// 128 threads: consecutive threads take consecutive chunks of a row); rows at or past `rows`
// are dropped, a chunk not 16-byte aligned in global memory goes element by element.
__device__ __forceinline__ void copy_staged_grad(unsigned buf, u64 base, const i64* stride, int b, int h, int first_row,
                                                 int rows, int wtid) {
#pragma unroll 4
    for (int idx = wtid; idx < 64 * GRAD_CHUNKS; idx += 128) {
        const int r = idx / GRAD_CHUNKS, c = idx % GRAD_CHUNKS, row = first_row + r;
        if (row >= rows) break;  // rows only grow with idx
        uint4 x;
        asm volatile("ld.shared.v4.b32 {%0, %1, %2, %3}, [%4];\n"
                     : "=r"(x.x), "=r"(x.y), "=r"(x.z), "=r"(x.w)
                     : "r"(buf + r * (HEAD_DIM * 2) + ((c ^ (r & 7)) << 4)));
        unsigned short* dst = (unsigned short*)base + offset4(stride, b, h, row, 0) + 8 * c;
        if (((u64)dst & 15) == 0) {
            *(uint4*)dst = x;
        } else {
            const unsigned w[4] = {x.x, x.y, x.z, x.w};
#pragma unroll
            for (int k = 0; k < 4; ++k) {
                dst[2 * k] = (unsigned short)(w[k] & 0xffff);
                dst[2 * k + 1] = (unsigned short)(w[k] >> 16);
            }
        }
    }
}

// Writes this warpgroup's dK (times the scale) and dV of key block (b, hk, n0): with
// GRAD_STAGED, 16-bit outputs and contiguous rows, through the [64 keys][HEAD_DIM] buffers bk and
// bv (free, and past any other warpgroup's reads, when called), else directly from the
// accumulators.
__device__ __forceinline__ void store_grads(const BwdParams& bp, const float (&dk)[DN_TILES][4], const float (&dv)[DN_TILES][4],
                                            unsigned bk, unsigned bv, int b, int hk, int n0, int key0, int wg, int wwarp,
                                            int lane, int tid) {
    const FwdParams& p = bp.f;
#if GRAD_STAGED && STAGES >= 2
    if (bp.dk_dtype != UMFA_F32 && bp.dv_dtype != UMFA_F32 && bp.dk_stride[3] == 1 && bp.dv_stride[3] == 1) {
        stage_grad_rows(bk, dk, bp.dk_dtype, p.scale, wwarp, lane);
        stage_grad_rows(bv, dv, bp.dv_dtype, 1.0f, wwarp, lane);
        asm volatile("bar.sync %0, 128;\n" ::"r"(2 + wg) : "memory");
        const int first = n0 + wg * KEYS_PER_WG;
        copy_staged_grad(bk, bp.dk, bp.dk_stride, b, hk, first, p.seq_kv, tid & 127);
        copy_staged_grad(bv, bp.dv, bp.dv_stride, b, hk, first, p.seq_kv, tid & 127);
        return;
    }
#endif
    (void)bk, (void)bv, (void)wg, (void)tid;
    store_grad_rows(dk, bp.dk, bp.dk_dtype, bp.dk_stride, b, hk, n0 + key0, p.seq_kv, p.scale, lane);
    store_grad_rows(dv, bp.dv, bp.dv_dtype, bp.dv_stride, b, hk, n0 + key0, p.seq_kv, 1.0f, lane);
}

#if DQ_BULK
// DQ_HAND_SYNC (diagnostic, UMFA_CUDA_DEFINES=-DDQ_HAND_SYNC=1): every warp of hand_dq_tile waits
// at its barrier instead of warps 1-3 only arriving. compute-sanitizer racecheck reports hazards
// between the staged epilogue's stores (stage_grad_rows) and reads (copy_staged_grad), which a
// warpgroup barrier separates, only where the dQ hand-over's bar.arrive is also in the kernel
// (H100, 2026-12-07: with GRAD_STAGED=0, DQ_BULK off or TMA off, 0 hazards); this tells whether
// the arrive-only warps are what racecheck cannot order.
#ifndef DQ_HAND_SYNC
#define DQ_HAND_SYNC 0
#endif
// Hands a warpgroup's dQ tile (64 queries of item w, columns col0..col0 + 63) to the copy engine:
// every thread writes its part into the warpgroup's buffer `buf`, then warp 0 waits for the
// other three's stores and one thread issues the TMA reduce-adds into the accumulator; the other
// warps only arrive (named barriers 4 and 5) and go on.
__device__ __forceinline__ void hand_dq_tile(unsigned buf, const float (&dq)[DQ_NT][4], const TensorMap* tdq, int col0,
                                             BwdWork w, int b, int wg, int wwarp, int lane) {
#if DQ_PROBE < 2
    store_dq_tile(buf, dq, wwarp, lane);
#endif
    fence_async_shared();
    if (wwarp == 0) {
        asm volatile("bar.sync %0, 128;\n" ::"r"(4 + wg) : "memory");
        if (lane == 0 && DQ_PROBE == 0) {
#pragma unroll
            for (int c = 0; c < DQ_COLS / 32; ++c) tma_reduce_add_4d(buf + c * DQ_BOX_BYTES, tdq, col0 + 32 * c, w.m0, w.h, b);
            bulk_commit();
        }
    } else {
#if DQ_HAND_SYNC
        asm volatile("bar.sync %0, 128;\n" ::"r"(4 + wg) : "memory");
#else
        asm volatile("bar.arrive %0, 128;\n" ::"r"(4 + wg) : "memory");
#endif
    }
}
#endif

// One key block of the work: its first key, K/V head and batch, and its query items (GQA head
// × query tile of BLOCK_M rows, the tiles the band lets see any of its keys).
struct KeyBlock {
    int n0, hk, b, mt0, tiles, total;
};
// The key block of this thread block's grid position (the grouped order of wgmma_common.cuh, key
// block 0 the longest under a band); false for a padding block of the grouped grid.
__device__ __forceinline__ bool key_block_of(const FwdParams& p, KeyBlock& kb) {
    const int key_tiles = (p.seq_kv + BLOCK_N - 1) / BLOCK_N;
    int t, hb;
    if (!grouped_block(key_tiles, p.batch * p.heads_kv, t, hb)) return false;
    kb.n0 = t * BLOCK_N;
    kb.hk = hb % p.heads_kv;
    kb.b = hb / p.heads_kv;
    i64 r_lo = 0, r_hi = p.seq_q;
#if HAS_BAND
    const int n1 = min(kb.n0 + BLOCK_N, p.seq_kv) - 1;
    if (p.has_hi) r_lo = max((i64)0, (i64)kb.n0 - p.band_hi);
    if (p.has_lo) r_hi = min((i64)p.seq_q, (i64)n1 - p.band_lo + 1);
#endif
    kb.mt0 = (int)(r_lo / BLOCK_M);
    kb.tiles = r_hi > r_lo ? (int)((r_hi + BLOCK_M - 1) / BLOCK_M) - kb.mt0 : 0;
    kb.total = kb.tiles * p.group;
    return true;
}

// This consumer warpgroup's 64 keys of K and V for key block `kb` into shared memory with
// cp.async (committed; the caller waits and fences before the tensor cores read them).
__device__ __forceinline__ void load_kv_rows(const FwdParams& p, const KeyBlock& kb, unsigned sKw, unsigned sVw, int wg,
                                             int wtid) {
    const i64 k_row = 2 * p.k_stride[2], v_row = 2 * p.v_stride[2];
    const int first = kb.n0 + wg * KEYS_PER_WG;
    load_sw128_part<KEYS_PER_WG, 128>(sKw, BLOCK_N * COL_BYTES,
                                      (const char*)p.k + 2 * (kb.b * p.k_stride[0] + kb.hk * p.k_stride[1]) + first * k_row,
                                      k_row, p.seq_kv - first, wtid);
    load_sw128_part<KEYS_PER_WG, 128>(sVw, BLOCK_N * COL_BYTES,
                                      (const char*)p.v + 2 * (kb.b * p.v_stride[0] + kb.hk * p.v_stride[1]) + first * v_row,
                                      v_row, p.seq_kv - first, wtid);
    cp_async_commit();
}

#if TMA
// With TMA the kernel's argument also carries the tensor maps of Q and dO ([D, Sq, Hq, B];
// `BwdTmaParams` in wgmma_bwd.rs), as a __grid_constant__ so that their addresses are its own,
// and of the f32 dQ accumulator ([D, delta_rows, Hq, B], boxes of [32, 64]; read with DQ_BULK).
struct BwdTmaParams {
    BwdParams b;
    TensorMap tq, tdo, tdq;
};
extern "C" __global__ void __launch_bounds__(THREADS, 1) umfa_bwd_dkdv_wgmma(const __grid_constant__ BwdTmaParams tp) {
    const BwdParams& bp = tp.b;
#else
extern "C" __global__ void __launch_bounds__(THREADS, 1) umfa_bwd_dkdv_wgmma(const BwdParams bp) {
#endif
    const FwdParams& p = bp.f;
    extern __shared__ __align__(1024) unsigned char smem_raw[];
    const unsigned raw = (unsigned)__cvta_generic_to_shared(smem_raw);
    const unsigned sK = (raw + 1023u) & ~1023u;
    const unsigned sV = sK + BLOCK_N * HEAD_DIM * 2;
    const unsigned sQ = sV + BLOCK_N * HEAD_DIM * 2;  // STAGES tiles
    const unsigned sG = sQ + STAGES * QT_BYTES;       // dO, STAGES tiles
    const unsigned sS = sG + STAGES * QT_BYTES;       // DS_TILES dSᵀ tiles
    const unsigned sDQ = sS + DS_TILES * DS_BYTES;  // DQ_BULK: each warpgroup's dQ tile
    const unsigned sLD = sDQ + DQ_BULK * 2 * DQ_WG_BYTES;  // STAGES × (LSE2[64], delta[64]) f32
    const unsigned bars = sLD + STAGES * LD_BYTES;
    const float* ld_f = (const float*)(smem_raw + (sLD - raw));

    const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31, wg = warp >> 2;
    const int Sq = p.seq_q;
    KeyBlock kb;
    if (!key_block_of(p, kb)) return;

    if (tid == 0) {
        for (int s = 0; s < STAGES; ++s) {
            mbar_init(BAR_FULL_Q(s), PRODUCER_THREADS + TMA);  // + the TMA thread's bytes
            mbar_init(BAR_FULL_G(s), PRODUCER_THREADS + TMA);
            mbar_init(BAR_EMPTY(s), CONSUMER_THREADS);
        }
    }
    __syncthreads();

    if (wg == NWG_C) {
        // Producer: work item n into stage n % STAGES once the consumers released its previous
        // item; Q and LSE2 signalled apart from dO and delta, so Sᵀ can start first.
        set_max_registers_dec<PRODUCER_REGS>();
        const int ptid = tid - CONSUMER_THREADS;
#if TMA
        if (ptid >= PRODUCER_THREADS) return;  // one warp copies
#endif
#pragma unroll 1
        for (int n = 0; n < kb.total; ++n) {
            const BwdWork w = bwd_work(p, n, kb.tiles, kb.mt0, kb.hk);
            const int b = kb.b;
            const int s = STAGE_OF(n);
            mbar_wait(BAR_EMPTY(s), PARITY_OF(n) ^ 1);
            const i64 row = delta_index(bp, b, w.h, w.m0);  // tables padded to 128 rows: whole chunks
#if TMA
            if (ptid == 0) tma_rows16<BLOCK_M>(BAR_FULL_Q(s), sQ + s * QT_BYTES, &tp.tq, w.m0, w.h, b);
#else
            load_sw128_part<BLOCK_M, PRODUCER_THREADS>(
                sQ + s * QT_BYTES, BLOCK_M * COL_BYTES, (const char*)p.q + 2 * (b * p.q_stride[0] + w.h * p.q_stride[1] + (i64)w.m0 * p.q_stride[2]),
                2 * p.q_stride[2], Sq - w.m0, ptid);
#endif
            if (ptid < BLOCK_M / 4) cp_async16(sLD + s * LD_BYTES + 16 * ptid, lse2_table(bp) + row + 4 * ptid, 16);
            land_arrive(BAR_FULL_Q(s));
#if TMA
            if (ptid == 0) tma_rows16<BLOCK_M>(BAR_FULL_G(s), sG + s * QT_BYTES, &tp.tdo, w.m0, w.h, b);
#else
            load_sw128_part<BLOCK_M, PRODUCER_THREADS>(
                sG + s * QT_BYTES, BLOCK_M * COL_BYTES,
                (const char*)bp.d_out + 2 * (b * bp.d_out_stride[0] + w.h * bp.d_out_stride[1] + (i64)w.m0 * bp.d_out_stride[2]),
                2 * bp.d_out_stride[2], Sq - w.m0, ptid);
#endif
            if (ptid < BLOCK_M / 4)
                cp_async16(sLD + s * LD_BYTES + BLOCK_M * 4 + 16 * ptid, (const float*)bp.delta + row + 4 * ptid, 16);
            land_arrive(BAR_FULL_G(s));
        }
        cp_async_wait<0>();  // nothing in flight when the warps exit
        return;
    }

    // Consumers.
    set_max_registers_inc<CONSUMER_REGS>();
    const int wwarp = warp & 3;
    const int key0 = wg * KEYS_PER_WG + wwarp * 16;  // this warp's first key in the block
    const unsigned sKw = sK + wg * KEYS_PER_WG * COL_BYTES, sVw = sV + wg * KEYS_PER_WG * COL_BYTES;
    load_kv_rows(p, kb, sKw, sVw, wg, tid & 127);
#if WITH_DQ && DQ_SHARED
    // All keys, columns [DQ_COLS·wg, …): column block wg at D = 128, half a block's rows at D = 64.
    const unsigned dq_a = 0, dq_b = sK + wg * (DQ_COLS == 64 ? BLOCK_N * COL_BYTES : DQ_COLS * 2);
    const int dq_col0 = wg * DQ_COLS;
#elif WITH_DQ
    const unsigned dq_a = wg * KEYS_PER_WG * COL_BYTES, dq_b = sKw;  // own keys, all columns
    const int dq_col0 = 0;
#endif

    // K and V landed, visible to every consumer's tensor-core reads (dQ reads the other
    // warpgroup's K rows at D = 128).
    cp_async_wait<0>();
    fence_async_shared();
    asm volatile("bar.sync 1, %0;\n" ::"n"(CONSUMER_THREADS) : "memory");
    const int n0 = kb.n0, hk = kb.hk, b = kb.b, mt0 = kb.mt0, tiles = kb.tiles, total = kb.total;
    float dk[DN_TILES][4], dv[DN_TILES][4];
#pragma unroll
    for (int dn = 0; dn < DN_TILES; ++dn)
#pragma unroll
        for (int x = 0; x < 4; ++x) dk[dn][x] = dv[dn][x] = 0.0f;

    int cls = bwd_class(p, 0, total, tiles, mt0, b, hk, n0);
#pragma unroll 1
    for (int n = 0; n < total; ++n) {
        const BwdWork w = bwd_work(p, n, tiles, mt0, hk);
        const int s = STAGE_OF(n);
        const unsigned sQs = sQ + s * QT_BYTES, sGs = sG + s * QT_BYTES;
#if WITH_DQ
        const unsigned sSs = sS + (n & 1) * DS_BYTES;
#endif
        const float* lse2 = ld_f + s * (LD_BYTES / 4);
        const float* delta = lse2 + BLOCK_M;
        wait_tile(BAR_FULL_Q(s), PARITY_OF(n));
        wait_tile(BAR_FULL_G(s), PARITY_OF(n));

        // Sᵀ and dPᵀ in flight together.
        float st[MN_TILES][4], dpt[MN_TILES][4];
        wgmma_fence();
        issue_rows_rows(&st[0][0], sKw, sQs);
        wgmma_commit();
        issue_rows_rows(&dpt[0][0], sVw, sGs);
        wgmma_commit();
#if MASK_KIND != MASK_ADDITIVE
        // The next item's class while the tensor cores work (block masks read global memory).
        // (After the item with an additive mask: its address arithmetic needs the registers.)
        const int cls_next = bwd_class(p, n + 1, total, tiles, mt0, b, hk, n0);
#endif
#if HAS_ALIBI
        const float alibi_slope = ((const float*)p.alibi)[offset4(p.alibi_stride, b, w.h, 0, 0)];
#else
        const float alibi_slope = 0.0f;
#endif
        wgmma_wait<0>();
        FENCE_ROWS(&st[0][0]);
        FENCE_ROWS(&dpt[0][0]);

        // An empty item (block mask) runs as a partial one: every element fails `visible`, so
        // P = dS = 0. A branch around the products here made ptxas serialise the wgmmas (C7519);
        // this one is around the element-wise work only.
        if (cls == TILE_FULL)
            grad_item<false>(p, st, dpt, lse2, delta, b, w.h, w.m0, n0 + key0, alibi_slope, lane);
        else
            grad_item<true>(p, st, dpt, lse2, delta, b, w.h, w.m0, n0 + key0, alibi_slope, lane);
        unsigned pt[BLOCK_M / 16][4], dst[BLOCK_M / 16][4];
        pack_frag(pt, st);
        pack_frag(dst, dpt);

#if DQ_LAST_ON
        // dV and dK first, then the barrier, which the warpgroup now waits at while its own
        // products run, then dQ; the stage is released before dQ's hand-off.
        store_ds(sSs, dst, key0, lane);
        if ((tid & 127) == 0) bulk_wait_read();  // the buffer hand_dq_tile writes below
        fence_async_shared();
        wgmma_fence();
        issue_frag_rows(&dv[0][0], pt, sGs);   // dV += Pᵀ·dO
        issue_frag_rows(&dk[0][0], dst, sQs);  // dK += dSᵀ·Q
        wgmma_commit();
#if DQ_SHARED
        asm volatile("bar.sync 1, %0;\n" ::"n"(CONSUMER_THREADS) : "memory");
#else
        asm volatile("bar.sync %0, 128;\n" ::"r"(2 + wg) : "memory");
#endif
        {
            float dq[DQ_NT][4];
            wgmma_fence();
            issue_dq(&dq[0][0], sSs + dq_a, dq_b);
            wgmma_commit();
            wgmma_wait<0>();
            fence_dq(&dq[0][0]);
            FENCE_O(&dv[0][0]);
            FENCE_O(&dk[0][0]);
            keep_frag(pt);
            keep_frag(dst);
            mbar_arrive(BAR_EMPTY(s));
            hand_dq_tile(sDQ + wg * DQ_WG_BYTES, dq, &tp.tdq, dq_col0, w, b, wg, wwarp, lane);
        }
#else
#if WITH_DQ
        // dSᵀ to shared memory for dQ = dS·K, visible to the async proxy of every reader.
#if DQ_PROBE < 6
        store_ds(sSs, dst, key0, lane);
#endif
#if DQ_BULK
        // The last item's dQ reduce has read this warpgroup's buffer before the barrier below
        // lets any thread write it again.
        if ((tid & 127) == 0) bulk_wait_read();
#endif
#if DQ_PROBE < 4
        fence_async_shared();
#endif
#if DQ_PROBE < 5
#if DQ_SHARED
        asm volatile("bar.sync 1, %0;\n" ::"n"(CONSUMER_THREADS) : "memory");
#else
        asm volatile("bar.sync %0, 128;\n" ::"r"(2 + wg) : "memory");
#endif
#endif
        float dq[DQ_NT][4];
#endif
        wgmma_fence();
#if WITH_DQ
        // dQ first, so that its atomic adds below run while the tensor cores do dV and dK (H100,
        // G1: backward 373 TFLOP/s against 341 with dQ issued last and its adds after all three).
#if DQ_PROBE < 3
        issue_dq(&dq[0][0], sSs + dq_a, dq_b);  // dQ tile = dS·K (its first 64 queries)
#else
#pragma unroll
        for (int x = 0; x < DQ_NT * 4; ++x) (&dq[0][0])[x] = 0.0f;
#endif
        wgmma_commit();
#endif
        issue_frag_rows(&dv[0][0], pt, sGs);   // dV += Pᵀ·dO
        issue_frag_rows(&dk[0][0], dst, sQs);  // dK += dSᵀ·Q
        wgmma_commit();
#if WITH_DQ
        wgmma_wait<1>();
        fence_dq(&dq[0][0]);
        float* base = (float*)bp.dq_acc + ((i64)b * p.heads_q + w.h) * (i64)bp.delta_rows * HEAD_DIM;
#if DQ_BULK
        (void)base;
#if DQ_PROBE < 2
        hand_dq_tile(sDQ + wg * DQ_WG_BYTES, dq, &tp.tdq, dq_col0, w, b, wg, wwarp, lane);
#else
        keep_frag(*(unsigned(*)[BLOCK_M / 16][4])&dq[0][0]);
#endif
#else
        add_dq_rows(dq, base, w.m0 + wwarp * 16, Sq, dq_col0, lane);
#endif
#endif
        wgmma_wait<0>();
        FENCE_O(&dv[0][0]);
        FENCE_O(&dk[0][0]);
        keep_frag(pt);
        keep_frag(dst);
        mbar_arrive(BAR_EMPTY(s));  // Q, dO, LSE2 and delta of this stage are no longer read
#endif  // DQ_LAST_ON
#if WITH_DQ && !DQ_LAST_ON
        // 128-row items: the other 64 queries' dQ after the first's adds, so that only one dQ
        // tile is ever held in registers.
#pragma unroll
        for (int qb = 1; qb < QBLK; ++qb) {
            wgmma_fence();
            issue_dq(&dq[0][0], sSs + qb * (BLOCK_N * COL_BYTES) + dq_a, dq_b);
            wgmma_commit();
            wgmma_wait<0>();
            fence_dq(&dq[0][0]);
            add_dq_rows(dq, base, w.m0 + qb * 64 + wwarp * 16, Sq, dq_col0, lane);
        }
#endif
#if MASK_KIND == MASK_ADDITIVE
        const int cls_next = bwd_class(p, n + 1, total, tiles, mt0, b, hk, n0);
#endif
        cls = cls_next;
    }
#if DQ_BULK
    if ((tid & 127) == 0) bulk_wait_all();  // the last reduce done before the block's end
#endif
#if GRAD_STAGED && STAGES >= 2
    // Through this warpgroup's Q and dO tiles of stage wg, once both warpgroups are past their
    // last products (the other one's last dK may still read any stage).
    asm volatile("bar.sync 1, %0;\n" ::"n"(CONSUMER_THREADS) : "memory");
#endif
    store_grads(bp, dk, dv, sQ + wg * QT_BYTES, sG + wg * QT_BYTES, b, hk, n0, key0, wg, wwarp, lane, tid);
}
