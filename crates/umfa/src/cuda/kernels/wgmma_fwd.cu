// The Hopper forward (sm_90a) for 16-bit inputs: wgmma with both operands of S = Q·Kᵀ in shared
// memory and P in registers for O += P·V, K/V tiles double-buffered by cp.async, and the online
// softmax of fwd_tile.cuh. NWG consumer warpgroups of 64 query rows each share every K/V tile.
//
// Shared memory holds each tile as HEAD_DIM / 64 column blocks of [rows][64] 16-bit elements:
// 128-byte rows whose 16-byte chunks are XOR-swizzled by row (chunk c of row r at chunk
// c ^ (r % 8)), which is the hardware's 128-byte swizzle when every block starts on 1024 bytes.
// Q and K are read K-major (the head dim contiguous), V MN-major (transposed by the instruction).
//
// Compile-time configuration (NVRTC -D options, see wgmma.rs): HEAD_DIM (64, 128 or 256; = Dv),
// BLOCK_N (keys per tile: 64, 128 or 256), NWARPS (4 per warpgroup), IN_BF16,
// OUT_BF16 and the features: HAS_BAND, HAS_BLOCKS, MASK_KIND, MASK_DTYPE, HAS_SOFTCAP, HAS_ALIBI,
// HAS_SINKS.

#define NWG (NWARPS / 4)
#define BLOCK_M (64 * NWG)
#define COL_BYTES 128  // one column block's row: 64 16-bit elements

// V's descriptor strides (bytes): between 64-column blocks along Dv, and between 8-key groups.
#ifndef V_LBO
#define V_LBO (BLOCK_N * COL_BYTES)
#endif
#ifndef V_SBO
#define V_SBO 1024
#endif

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
#else
#define WGMMA_SS_S wgmma_ss_n256
#define FENCE_S fence_regs_n256
#endif

__device__ __forceinline__ void wgmma_fence() { asm volatile("wgmma.fence.sync.aligned;\n" ::: "memory"); }
__device__ __forceinline__ void wgmma_commit() { asm volatile("wgmma.commit_group.sync.aligned;\n" ::: "memory"); }
template <int N>
__device__ __forceinline__ void wgmma_wait() { asm volatile("wgmma.wait_group.sync.aligned %0;\n" ::"n"(N) : "memory"); }
// Orders this thread's generic-proxy writes to shared memory (cp.async) before the tensor cores'
// reads of it (the async proxy).
__device__ __forceinline__ void fence_async_shared() { asm volatile("fence.proxy.async.shared::cta;\n" ::: "memory"); }

// A shared-memory matrix descriptor with the 128-byte swizzle: start address, leading and stride
// byte offsets, each in 16-byte units.
__device__ __forceinline__ u64 smem_desc(unsigned addr, unsigned lbo, unsigned sbo) {
    return (u64)((addr & 0x3FFFF) >> 4) | ((u64)(lbo >> 4) << 16) | ((u64)(sbo >> 4) << 32) | (1ull << 62);
}

// Copies `ROWS` rows of HEAD_DIM 16-bit elements from `src` (row stride in bytes) into the
// column-block layout at `dst`; rows at or past `valid` are zero-filled and not read.
template <int ROWS>
__device__ __forceinline__ void load_sw128(unsigned dst, const char* src, i64 row_bytes, int valid) {
#pragma unroll 4
    for (int idx = threadIdx.x; idx < ROWS * CHUNKS; idx += THREADS) {
        const int r = idx / CHUNKS, c = idx % CHUNKS;
        const bool ok = r < valid;
        const unsigned addr = dst + (c >> 3) * (ROWS * COL_BYTES) + r * COL_BYTES + (((c & 7) ^ (r & 7)) << 4);
        cp_async16(addr, ok ? src + r * row_bytes + c * 16 : src, ok ? 16 : 0);
    }
}

#define Q_BYTES (BLOCK_M * HEAD_DIM * 2)
#define KV_BYTES (BLOCK_N * HEAD_DIM * 2)

extern "C" __global__ void __launch_bounds__(THREADS, 1) umfa_fwd_wgmma(const FwdParams p) {
    extern __shared__ __align__(1024) unsigned char smem_raw[];
    // The swizzle is a function of address bits 4-9: every tile starts on 1024 bytes.
    const unsigned sQ = ((unsigned)__cvta_generic_to_shared(smem_raw) + 1023u) & ~1023u;
    const unsigned sK = sQ + Q_BYTES;
    const unsigned sV = sK + 2 * KV_BYTES;

    const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31, wg = warp >> 2;
    // Heaviest query tiles first: under a causal band the last rows see the most keys.
    const int m0 = (gridDim.x - 1 - blockIdx.x) * BLOCK_M;
    const int h = blockIdx.y, b = blockIdx.z, hk = h / p.group;
    const int Sq = p.seq_q, Sk = p.seq_kv;
    const int i0 = m0, i1 = min(m0 + BLOCK_M, Sq) - 1;

    const char* q_base = (const char*)p.q + 2 * (b * p.q_stride[0] + h * p.q_stride[1] + (i64)m0 * p.q_stride[2]);
    const char* k_head = (const char*)p.k + 2 * (b * p.k_stride[0] + hk * p.k_stride[1]);
    const char* v_head = (const char*)p.v + 2 * (b * p.v_stride[0] + hk * p.v_stride[1]);
    const i64 k_row = 2 * p.k_stride[2], v_row = 2 * p.v_stride[2];

    load_sw128<BLOCK_M>(sQ, q_base, 2 * p.q_stride[2], Sq - m0);
    cp_async_commit();

    int t, cls;
    const int t_end = band_tiles(p, i0, i1, &t);
    t = next_live_tile(p, b, h, i0, i1, t, t_end, &cls);
    if (t < t_end) {
        load_sw128<BLOCK_N>(sK, k_head + t * BLOCK_N * k_row, k_row, Sk - t * BLOCK_N);
        load_sw128<BLOCK_N>(sV, v_head + t * BLOCK_N * v_row, v_row, Sk - t * BLOCK_N);
    }
    cp_async_commit();

    float o[1][DN_TILES][4];
    float m_r[1][2], l_r[1][2];
#pragma unroll
    for (int dn = 0; dn < DN_TILES; ++dn) o[0][dn][0] = o[0][dn][1] = o[0][dn][2] = o[0][dn][3] = 0.0f;
    m_r[0][0] = m_r[0][1] = UMFA_NEG_INF;
    l_r[0][0] = l_r[0][1] = 0.0f;
    RowCtx ctx;
    ctx.b = b;
    ctx.h = h;
    ctx.row0 = m0 + warp * 16;  // wgmma's m64 tile gives warp w of a warpgroup rows 16w..16w+15
    ctx.lane = lane;
    ctx.scale_log2 = p.scale * UMFA_LOG2E;
#if HAS_ALIBI
    ctx.slope = ((const float*)p.alibi)[offset4(p.alibi_stride, b, h, 0, 0)];
#endif
    // This warpgroup's 64 rows of Q, as the A operand of S = Q·Kᵀ.
    const unsigned sQw = sQ + wg * 64 * COL_BYTES;

    int stage = 0;
    while (t < t_end) {
        // Prefetch the next live tile into the other stage while this one is computed.
        int cls_next;
        const int t_next = next_live_tile(p, b, h, i0, i1, t + 1, t_end, &cls_next);
        if (t_next < t_end) {
            const unsigned off = (stage ^ 1) * KV_BYTES;
            load_sw128<BLOCK_N>(sK + off, k_head + t_next * BLOCK_N * k_row, k_row, Sk - t_next * BLOCK_N);
            load_sw128<BLOCK_N>(sV + off, v_head + t_next * BLOCK_N * v_row, v_row, Sk - t_next * BLOCK_N);
        }
        cp_async_commit();
        cp_async_wait<1>();
        fence_async_shared();
        __syncthreads();

        const unsigned sKs = sK + stage * KV_BYTES, sVs = sV + stage * KV_BYTES;
        const int n0 = t * BLOCK_N;

        // S = Q·Kᵀ for this warpgroup's 64 rows: HEAD_DIM / 16 k steps of 32 bytes, four to a
        // column block.
        float s[1][SN_TILES][4];
        wgmma_fence();
#pragma unroll
        for (int kk = 0; kk < HEAD_DIM / 16; ++kk) {
            const unsigned col = (kk >> 2), sub = (kk & 3) * 32;
            WGMMA_SS_S(&s[0][0][0], smem_desc(sQw + col * (BLOCK_M * COL_BYTES) + sub, 16, 1024),
                       smem_desc(sKs + col * (BLOCK_N * COL_BYTES) + sub, 16, 1024), kk > 0);
        }
        wgmma_commit();
        wgmma_wait<0>();
        FENCE_S(&s[0][0][0]);

        const float unit = score_tile<1>(p, ctx, s, cls, n0);
        float alpha[1][2];
        const bool rescale = softmax_tile<1>(s, m_r, l_r, alpha, unit);
        if (__any_sync(0xffffffffu, rescale)) rescale_o<1, DN_TILES>(o, alpha);

        // O += P·V: the S accumulators of n tiles 2k, 2k+1 are exactly the A fragment of k step
        // k. Every fragment stays live until the wgmmas reading it have completed.
        unsigned pa[BLOCK_N / 16][4];
#pragma unroll
        for (int kk = 0; kk < BLOCK_N / 16; ++kk) {
            pa[kk][0] = pack2(s[0][2 * kk][0], s[0][2 * kk][1]);
            pa[kk][1] = pack2(s[0][2 * kk][2], s[0][2 * kk][3]);
            pa[kk][2] = pack2(s[0][2 * kk + 1][0], s[0][2 * kk + 1][1]);
            pa[kk][3] = pack2(s[0][2 * kk + 1][2], s[0][2 * kk + 1][3]);
        }
        wgmma_fence();
#pragma unroll
        for (int kk = 0; kk < BLOCK_N / 16; ++kk)
            WGMMA_RS_O(&o[0][0][0], pa[kk], smem_desc(sVs + kk * 16 * COL_BYTES, V_LBO, V_SBO));
        wgmma_commit();
        wgmma_wait<0>();
        FENCE_O(&o[0][0][0]);
#pragma unroll
        for (int kk = 0; kk < BLOCK_N / 16; ++kk)
            asm volatile("" : "+r"(pa[kk][0]), "+r"(pa[kk][1]), "+r"(pa[kk][2]), "+r"(pa[kk][3])::"memory");

        __syncthreads();  // this stage is refilled by the next iteration's prefetch
        stage ^= 1;
        t = t_next;
        cls = cls_next;
    }
    cp_async_wait<0>();

    store_rows<1, DN_TILES>(p, ctx, o, m_r, l_r);
}
