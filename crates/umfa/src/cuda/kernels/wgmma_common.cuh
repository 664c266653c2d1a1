// Shared by the Hopper forwards (wgmma_fwd.cu, wgmma_ws_fwd.cu): the instruction selection for
// the tile shape, wgmma ordering, shared-memory matrix descriptors and the tile loader.
//
// Shared memory holds each tile as HEAD_DIM / 64 column blocks of [rows][64] 16-bit elements:
// 128-byte rows whose 16-byte chunks are XOR-swizzled by row (chunk c of row r at chunk
// c ^ (r % 8)), which is the hardware's 128-byte swizzle when every block starts on 1024 bytes.
// Q and K are read K-major (the head dim contiguous), V MN-major (transposed by the instruction).

#define COL_BYTES 128  // one column block's row: 64 16-bit elements
#define Q_ROW_BLOCK 64  // query rows per warpgroup (wgmma's M)
#define KV_BYTES (BLOCK_N * HEAD_DIM * 2)
// V's descriptor strides (bytes): between 64-column blocks along Dv, and between 8-key groups.
#define V_LBO (BLOCK_N * COL_BYTES)
#define V_SBO 1024

#if HEAD_DIM == 64
#define WGMMA_RS_O wgmma_rs_n64
#define FENCE_O fence_regs_n64
#elif HEAD_DIM == 128
#define WGMMA_RS_O wgmma_rs_n128
#define FENCE_O fence_regs_n128
#else
#define WGMMA_RS_O wgmma_rs_n256
#define FENCE_O fence_regs_n256
#endif
#if BLOCK_N == 64
#define WGMMA_SS_S wgmma_ss_n64
#define FENCE_S fence_regs_n64
#elif BLOCK_N == 128
#define WGMMA_SS_S wgmma_ss_n128
#define FENCE_S fence_regs_n128
#elif BLOCK_N == 176
#define WGMMA_SS_S wgmma_ss_n176
#define FENCE_S fence_regs_n176
#else
#define WGMMA_SS_S wgmma_ss_n256
#define FENCE_S fence_regs_n256
#endif

__device__ __forceinline__ void wgmma_fence() { asm volatile("wgmma.fence.sync.aligned;\n" ::: "memory"); }
__device__ __forceinline__ void wgmma_commit() { asm volatile("wgmma.commit_group.sync.aligned;\n" ::: "memory"); }
template <int N>
__device__ __forceinline__ void wgmma_wait() { asm volatile("wgmma.wait_group.sync.aligned %0;\n" ::"n"(N) : "memory"); }
// Orders generic-proxy writes to shared memory (cp.async) that this thread has seen before the
// tensor cores' reads of it (the async proxy).
__device__ __forceinline__ void fence_async_shared() { asm volatile("fence.proxy.async.shared::cta;\n" ::: "memory"); }

// A shared-memory matrix descriptor with the 128-byte swizzle: start address, leading and stride
// byte offsets, each in 16-byte units.
__device__ __forceinline__ u64 smem_desc(unsigned addr, unsigned lbo, unsigned sbo) {
    return (u64)((addr & 0x3FFFF) >> 4) | ((u64)(lbo >> 4) << 16) | ((u64)(sbo >> 4) << 32) | (1ull << 62);
}

// DESC_ADD (the default since its H100 run, 2026-12-07; -DDESC_ADD=0 restores the old issue):
// a tile's k steps take their descriptors as one descriptor of the tile plus each step's offset
// (desc_plus) instead of a smem_desc each. SASS (NVRTC 13, the bf16 forward): every smem_desc of
// a step is an add, a mask, a shift, an or, two moves of the constant upper word and four R2UR,
// in the chain that issues the wgmmas. Issue blocks (instructions, NVRTC 13): bf16 forward
// D = 128 186 → 122, INT8 forward 127 → 87, backward (D = 128, dQ bulk) 253 → 167 and
// 220 → 156. H100 (docs/perf/hopper-h100-1207-s14, medians of 20, TFLOP/s, same call): forward
// G1 594.0 → 602.5, G1 causal 489.1 → 506.9, G2 333.4 → 346.8; INT8 G1 526.6 → 536.5, G3
// 509.4 → 523.2. wgmma_bwd.cu and quant_int8_wgmma_fwd.cu take the option too.
#ifndef DESC_ADD
#define DESC_ADD 1
#endif
// `base` (a smem_desc) moved on by `offset` bytes (a multiple of 16): the start-address field is
// the low 14 bits, and shared memory ends below 2^18 bytes, so the add never carries out of it.
__device__ __forceinline__ u64 desc_plus(u64 base, unsigned offset) {
    return ((u64)(unsigned)(base >> 32) << 32) | ((unsigned)base + (offset >> 4));
}

// Copies `ROWS` rows of HEAD_DIM 16-bit elements from `src` (row stride in bytes) into the
// column-block layout at `dst`, spread over `NT` threads (thread `tid` of them); rows at or past
// `valid` are zero-filled and not read.
template <int ROWS, int NT>
__device__ __forceinline__ void load_sw128(unsigned dst, const char* src, i64 row_bytes, int valid, int tid) {
#pragma unroll 4
    for (int idx = tid; idx < ROWS * CHUNKS; idx += NT) {
        const int r = idx / CHUNKS, c = idx % CHUNKS;
        const bool ok = r < valid;
        const unsigned addr = dst + (c >> 3) * (ROWS * COL_BYTES) + r * COL_BYTES + (((c & 7) ^ (r & 7)) << 4);
        cp_async16(addr, ok ? src + r * row_bytes + c * 16 : src, ok ? 16 : 0);
    }
}

// S = Q·Kᵀ for a warpgroup's 64 rows: HEAD_DIM / 16 k steps of 32 bytes, four to a column block.
// `q_col_stride`: bytes between Q's column blocks (64 rows of them per warpgroup, or the whole
// tile's rows where the tile is one block).
__device__ __forceinline__ void issue_s(float (&sc)[1][SN_TILES][4], unsigned sQw, unsigned q_col_stride, unsigned sKs) {
#if DESC_ADD
    const u64 dq = smem_desc(sQw, 16, 1024), dk = smem_desc(sKs, 16, 1024);
#endif
#pragma unroll
    for (int kk = 0; kk < HEAD_DIM / 16; ++kk) {
        const unsigned col = (kk >> 2), sub = (kk & 3) * 32;
#if DESC_ADD
        WGMMA_SS_S(&sc[0][0][0], desc_plus(dq, col * q_col_stride + sub), desc_plus(dk, col * (BLOCK_N * COL_BYTES) + sub), kk > 0);
#else
        WGMMA_SS_S(&sc[0][0][0], smem_desc(sQw + col * q_col_stride + sub, 16, 1024),
                   smem_desc(sKs + col * (BLOCK_N * COL_BYTES) + sub, 16, 1024), kk > 0);
#endif
    }
}

// O += P·V over one tile's keys, 16 at a time.
__device__ __forceinline__ void issue_pv(float (&o)[1][DN_TILES][4], const unsigned (&pa)[BLOCK_N / 16][4], unsigned sVs) {
#if DESC_ADD
    const u64 dv = smem_desc(sVs, V_LBO, V_SBO);
#pragma unroll
    for (int kk = 0; kk < BLOCK_N / 16; ++kk) WGMMA_RS_O(&o[0][0][0], pa[kk], desc_plus(dv, kk * 16 * COL_BYTES));
#else
#pragma unroll
    for (int kk = 0; kk < BLOCK_N / 16; ++kk)
        WGMMA_RS_O(&o[0][0][0], pa[kk], smem_desc(sVs + kk * 16 * COL_BYTES, V_LBO, V_SBO));
#endif
}

// P as A fragments: the S accumulators of n tiles 2k, 2k+1 are exactly the A fragment of k step k.
__device__ __forceinline__ void pack_p(unsigned (&pa)[BLOCK_N / 16][4], const float (&sc)[1][SN_TILES][4]) {
#pragma unroll
    for (int kk = 0; kk < BLOCK_N / 16; ++kk) {
        pa[kk][0] = pack2(sc[0][2 * kk][0], sc[0][2 * kk][1]);
        pa[kk][1] = pack2(sc[0][2 * kk][2], sc[0][2 * kk][3]);
        pa[kk][2] = pack2(sc[0][2 * kk + 1][0], sc[0][2 * kk + 1][1]);
        pa[kk][3] = pack2(sc[0][2 * kk + 1][2], sc[0][2 * kk + 1][3]);
    }
}

// Keeps P's registers live (unreused) until the wgmmas reading them have completed.
__device__ __forceinline__ void keep_p(unsigned (&pa)[BLOCK_N / 16][4]) {
#pragma unroll
    for (int kk = 0; kk < BLOCK_N / 16; ++kk)
        asm volatile("" : "+r"(pa[kk][0]), "+r"(pa[kk][1]), "+r"(pa[kk][2]), "+r"(pa[kk][3])::"memory");
}

// The end of a key-loop step of the overlapped forwards: waits for the P·V product in flight
// (the last wgmma group) and rescales O by `alpha` where any row of the warpgroup moved its maximum
// (`any_moved`, the same in the whole warpgroup: `warpgroup_any`). The wait is written in both
// arms of that branch on purpose: ptxas schedules a wgmma wait_group to the top of its basic
// block, so a wait in the softmax's block ran before the softmax, and the softmax did not
// overlap the P·V product it was written to overlap (SASS of wgmma_ws_fwd.cu, 2026-12-06: no
// MUFU.EX2 between the two waits in any variant; scripts/device/sass_overlap.py). The branch
// ends the softmax's block. The two waits' texts differ so that the compiler does not merge them
// back above the branch; the condition is uniform over the warpgroup because wait_group is
// `.aligned` (every thread of the warpgroup must execute the same instruction).
__device__ __forceinline__ void wait_pv_rescale(float (&o)[1][DN_TILES][4], const float (&alpha)[1][2], bool any_moved) {
    if (any_moved) {
        asm volatile("wgmma.wait_group.sync.aligned 0; // then rescale\n" ::: "memory");
        FENCE_O(&o[0][0][0]);
        rescale_o<1, DN_TILES>(o, alpha);
    } else {
        wgmma_wait<0>();
        FENCE_O(&o[0][0][0]);
    }
}

// Whether `flag` holds for any thread of consumer warpgroup `wg`: an OR over its 128 threads on
// its own named barrier (1 + wg, also its Q barrier).
__device__ __forceinline__ bool warpgroup_any(bool flag, int wg) {
    unsigned any;
    asm volatile(
        "{\n.reg .pred p, q;\nsetp.ne.u32 p, %1, 0;\nbar.red.or.pred q, %2, 128, p;\nselp.u32 %0, 1, 0, q;\n}\n"
        : "=r"(any)
        : "r"((unsigned)flag), "r"(1 + wg)
        : "memory");
    return any != 0;
}

// The row state every warp starts its key loop with: O = 0, running max -inf, running sum 0.
__device__ __forceinline__ void init_rows(float (&o)[1][DN_TILES][4], float (&m_r)[1][2], float (&l_r)[1][2]) {
#pragma unroll
    for (int dn = 0; dn < DN_TILES; ++dn) o[0][dn][0] = o[0][dn][1] = o[0][dn][2] = o[0][dn][3] = 0.0f;
    m_r[0][0] = m_r[0][1] = UMFA_NEG_INF;
    l_r[0][0] = l_r[0][1] = 0.0f;
}

// The per-warp context of fwd_tile.cuh for warp `warp` of the block (16 rows each).
__device__ __forceinline__ RowCtx row_ctx(const FwdParams& p, int b, int h, int m0, int warp, int lane) {
    RowCtx ctx;
    ctx.b = b;
    ctx.h = h;
    ctx.row0 = m0 + warp * 16;  // wgmma's m64 tile gives warp w of a warpgroup rows 16w..16w+15
    ctx.lane = lane;
    ctx.scale_log2 = p.scale * UMFA_LOG2E;
#if HAS_ALIBI
    ctx.slope = ((const float*)p.alibi)[offset4(p.alibi_stride, b, h, 0, 0)];
#endif
    return ctx;
}

// The block's tile and (batch, head) index under the grouped order of the Hopper kernels'
// grids, (tiles × G, ⌈heads / G⌉) for groups of G heads (wgmma.rs, wgmma_bwd.rs): the G heads of
// a group take each tile in turn, so under a band a group starts all its long blocks (callers
// number the longest tile 0) before any short one, while only G heads' K/V (or Q/dO) stream
// through L2 at a time. G = 1 is tile after tile of one head. False for the padding blocks of
// the last group.
__device__ __forceinline__ bool grouped_block(int tiles, int heads, int& tile, int& head) {
    const int g = gridDim.x / tiles;
    head = blockIdx.y * g + blockIdx.x % g;
    tile = blockIdx.x / g;
    return head < heads;
}

// Work item `item` of a persistent kernel in the same grouped order: groups of `g` heads (the
// last group may have fewer), within a group tile after tile, each tile for every head of the
// group. Items run from 0 to tiles · heads − 1.
__device__ __forceinline__ void grouped_work(int item, int tiles, int heads, int g, int& tile, int& head) {
    const int per_group = tiles * g;
    const int grp = item / per_group, first = grp * g;
    const int size = min(g, heads - first);
    const int x = item - grp * per_group;
    tile = x / size;
    head = first + x % size;
}
