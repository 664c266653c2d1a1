// The FlashAttention-2-style backward for 16-bit inputs on sm_80+, in two kernels that never
// add into the same element from two blocks: deterministic without atomics.
//
//   umfa_bwd_dq_mma (BWD_DKDV=0): a block owns BLOCK_M = 64 query rows (16 per warp) and streams
//     the live K/V tiles of BLOCK_N keys: S = Q·Kᵀ, dP = dO·Vᵀ, dS = P∘(dP − delta), dQ += dS·K.
//   umfa_bwd_dkdv_mma (BWD_DKDV=1): a block owns BLOCK_N = 64 keys (16 per warp) and streams the
//     live Q/dO tiles of BLOCK_M rows of every query head of its GQA group: Sᵀ = K·Qᵀ,
//     dPᵀ = V·dOᵀ, dV += Pᵀ·dO, dK += dSᵀ·Q. The group's heads are summed inside the block, so
//     K and V are never repeated and dK, dV are written once.
//
// With DQ_ATOMIC=1 (the fast, non-deterministic mode) the dK/dV kernel also computes dQ: each
// warp writes its dSᵀ rows to shared memory, and the block multiplies dS·K for the query tile and
// adds it into an f32 accumulator in global memory (red.global.add; the order of the additions
// varies from run to run); `umfa_bwd_dq_convert` then scales and stores dQ. Five matrix products
// per tile pair instead of seven.
//
// P and dS are rounded to the input type for the matrix products, as in FlashAttention-2; every
// accumulator is f32. delta (Σ dO·O per row) comes from `umfa_bwd_delta` (generic_bwd.cu).
// Compile-time configuration (NVRTC -D options, see mma_bwd.rs): HEAD_DIM (= Dv, a multiple of
// 16), BLOCK_M, BLOCK_N, MIN_BLOCKS, IN_BF16, BWD_DKDV and the features of mma_common.cuh.

#define MN_TILES (BLOCK_M / 8)  // n8 tiles of a transposed score tile (queries along n)
#ifndef DQ_ATOMIC
#define DQ_ATOMIC 0
#endif

// Accumulates Xᵀ... no: acc[16 x HEAD_DIM] += A[16 x KT] · B[KT x HEAD_DIM], where A is held in
// f32 accumulator layout (`a`, KT/8 n8 tiles, rounded to the input type here) and B is KT rows of
// a swizzled shared tile (read transposed by ldmatrix).
template <int KT>
__device__ __forceinline__ void acc_times_tile(float (*acc)[4], float (*a)[4], unsigned tile, int lane) {
#pragma unroll
    for (int kk = 0; kk < KT / 16; ++kk) {
        unsigned pa[4];
        pa[0] = pack2(a[2 * kk][0], a[2 * kk][1]);
        pa[1] = pack2(a[2 * kk][2], a[2 * kk][3]);
        pa[2] = pack2(a[2 * kk + 1][0], a[2 * kk + 1][1]);
        pa[3] = pack2(a[2 * kk + 1][2], a[2 * kk + 1][3]);
#pragma unroll
        for (int dp = 0; dp < DN_TILES / 2; ++dp) {
            unsigned b0, b1, b2, b3;
            const int r = kk * 16 + (lane & 7) + ((lane >> 3) & 1) * 8;
            ldsm_x4_t(tile + swz(r, dp * 2 + (lane >> 4)), b0, b1, b2, b3);
            mma16816(acc[2 * dp], pa, b0, b1);
            mma16816(acc[2 * dp + 1], pa, b2, b3);
        }
    }
}

// acc[16 x NT] = A[16 rows of `a_tile` from row `a_row`] · B[NT rows of `b_tile`]ᵀ over HEAD_DIM.
template <int NT>
__device__ __forceinline__ void rows_times_rows(float (*acc)[4], unsigned a_tile, int a_row, unsigned b_tile, int lane) {
#pragma unroll
    for (int nt = 0; nt < NT / 8; ++nt) acc[nt][0] = acc[nt][1] = acc[nt][2] = acc[nt][3] = 0.0f;
#pragma unroll
    for (int kk = 0; kk < DK_STEPS; ++kk) {
        unsigned a[4];
        const int r = a_row + (lane & 7) + ((lane >> 3) & 1) * 8;
        ldsm_x4(a_tile + swz(r, kk * 2 + (lane >> 4)), a[0], a[1], a[2], a[3]);
#pragma unroll
        for (int np = 0; np < NT / 16; ++np) {
            unsigned b0, b1, b2, b3;
            const int rb = np * 16 + (lane & 7) + ((lane >> 4) << 3);
            ldsm_x4(b_tile + swz(rb, kk * 2 + ((lane >> 3) & 1)), b0, b1, b2, b3);
            mma16816(acc[2 * np], a, b0, b1);
            mma16816(acc[2 * np + 1], a, b2, b3);
        }
    }
}

#if !BWD_DKDV

extern "C" __global__ void __launch_bounds__(THREADS, MIN_BLOCKS) umfa_bwd_dq_mma(const BwdParams bp) {
    const FwdParams& p = bp.f;
    extern __shared__ __align__(128) unsigned char smem[];
    const unsigned sQ = (unsigned)__cvta_generic_to_shared(smem);
    const unsigned sG = sQ + BLOCK_M * ROW_BYTES;  // dO
    const unsigned sK = sG + BLOCK_M * ROW_BYTES;
    const unsigned sV = sK + 2 * BLOCK_N * ROW_BYTES;

    const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31;
    const int m0 = (gridDim.x - 1 - blockIdx.x) * BLOCK_M;  // heaviest (causal) tiles first
    const int h = blockIdx.y, b = blockIdx.z, hk = h / p.group;
    const int Sq = p.seq_q, Sk = p.seq_kv;
    const int i0 = m0, i1 = min(m0 + BLOCK_M, Sq) - 1;

    const char* k_head = (const char*)p.k + 2 * (b * p.k_stride[0] + hk * p.k_stride[1]);
    const char* v_head = (const char*)p.v + 2 * (b * p.v_stride[0] + hk * p.v_stride[1]);
    const i64 k_row = 2 * p.k_stride[2], v_row = 2 * p.v_stride[2];
    load_tile<BLOCK_M>(sQ, (const char*)p.q + 2 * (b * p.q_stride[0] + h * p.q_stride[1] + (i64)m0 * p.q_stride[2]),
                       2 * p.q_stride[2], Sq - m0);
    load_tile<BLOCK_M>(sG, (const char*)bp.d_out + 2 * (b * bp.d_out_stride[0] + h * bp.d_out_stride[1] + (i64)m0 * bp.d_out_stride[2]),
                       2 * bp.d_out_stride[2], Sq - m0);
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
        load_tile<BLOCK_N>(sK, k_head + t * BLOCK_N * k_row, k_row, Sk - t * BLOCK_N);
        load_tile<BLOCK_N>(sV, v_head + t * BLOCK_N * v_row, v_row, Sk - t * BLOCK_N);
    }
    cp_async_commit();

    const int warp_row = warp * 16;
    float lse2[2], delta[2];
#pragma unroll
    for (int r = 0; r < 2; ++r) {
        const int i = m0 + warp_row + (lane >> 2) + 8 * r;
        lse2[r] = i < Sq ? lse2_table(bp)[delta_index(bp, b, h, i)] : __int_as_float(0x7f800000);
        delta[r] = i < Sq ? ((const float*)bp.delta)[delta_index(bp, b, h, i)] : 0.0f;
    }
#if HAS_ALIBI
    const float alibi_slope = ((const float*)p.alibi)[offset4(p.alibi_stride, b, h, 0, 0)];
#else
    const float alibi_slope = 0.0f;
#endif
    float dq[DN_TILES][4];
#pragma unroll
    for (int dn = 0; dn < DN_TILES; ++dn) dq[dn][0] = dq[dn][1] = dq[dn][2] = dq[dn][3] = 0.0f;

    int stage = 0;
    while (t < t_end) {
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
        float s[SN_TILES][4], dp[SN_TILES][4];
        rows_times_rows<BLOCK_N>(s, sQ, warp_row, sKs, lane);
        rows_times_rows<BLOCK_N>(dp, sG, warp_row, sVs, lane);
        const bool partial = cls == TILE_PARTIAL;
#pragma unroll
        for (int nt = 0; nt < SN_TILES; ++nt)
#pragma unroll
            for (int r = 0; r < 2; ++r)
#pragma unroll
                for (int e = 0; e < 2; ++e) {
                    const int i = m0 + warp_row + (lane >> 2) + 8 * r, j = n0 + nt * 8 + 2 * (lane & 3) + e;
                    float pr;
                    grad_element(p, s[nt][2 * r + e], dp[nt][2 * r + e], b, h, i, j, partial, lse2[r], delta[r],
                                 alibi_slope, &pr, &s[nt][2 * r + e]);
                }
        acc_times_tile<BLOCK_N>(dq, s, sKs, lane);  // dQ += dS·K
        __syncthreads();  // this stage is refilled by the next iteration's prefetch
        stage ^= 1;
        t = t_next;
        cls = cls_next;
    }
    cp_async_wait<0>();
    store_grad_rows(dq, bp.dq, bp.dq_dtype, bp.dq_stride, b, h, m0 + warp_row, Sq, p.scale, lane);
}

#else

// The n-th (GQA head, query tile) pair of a key tile's work list that is not empty, from `it` on.
struct Work {
    int it, h, m0, cls;
};

__device__ __forceinline__ Work next_work(const FwdParams& p, int it, int total, int tiles, int mt0, int b, int hk, int n0) {
    Work w;
    for (; it < total; ++it) {
        w.h = hk * p.group + it / tiles;
        w.m0 = (mt0 + it % tiles) * BLOCK_M;
        w.cls = classify(p, b, w.h, w.m0, min(w.m0 + BLOCK_M, p.seq_q) - 1, n0);
        if (w.cls != TILE_EMPTY) break;
    }
    w.it = it;
    return w;
}


#if DQ_ATOMIC
// dSᵀ rows in shared memory: BLOCK_M 16-bit queries per key row, 16-byte chunks XOR-swizzled so
// that the eight rows one ldmatrix reads fall in different banks (rows of 64 bytes share a
// 128-byte line in pairs).
#define S_CHUNKS (BLOCK_M / 8)
__device__ __forceinline__ unsigned swz_s(int r, int c) {
    const int x = S_CHUNKS >= 8 ? (r & 7) : ((r >> 1) & (S_CHUNKS - 1));
    return (unsigned)(r * BLOCK_M * 2 + ((c ^ x) << 4));
}

// Stores this warp's 16 key rows of dSᵀ (accumulator layout), rounded to the input type.
__device__ __forceinline__ void store_scores(unsigned sS, float (*ds)[4], int warp_row, int lane) {
#pragma unroll
    for (int nt = 0; nt < MN_TILES; ++nt)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            const int key = warp_row + (lane >> 2) + 8 * r;
            const unsigned v = pack2(ds[nt][2 * r], ds[nt][2 * r + 1]);
            asm volatile("st.shared.b32 [%0], %1;\n" ::"r"(sS + swz_s(key, nt) + (lane & 3) * 4), "r"(v));
        }
}

// dQ[m0 .. m0 + BLOCK_M) += dS·K for this key tile: warp w takes head-dim columns
// [w·HEAD_DIM/4, (w+1)·HEAD_DIM/4) of every query row and adds them into the f32 accumulator.
#define DQ_COLS (HEAD_DIM / NWARPS)
__device__ __forceinline__ void add_dq_partial(const BwdParams& bp, unsigned sS, unsigned sK, int b, int h, int m0,
                                               int warp, int lane) {
    float acc[BLOCK_M / 16][DQ_COLS / 8][4];
#pragma unroll
    for (int mq = 0; mq < BLOCK_M / 16; ++mq)
#pragma unroll
        for (int n = 0; n < DQ_COLS / 8; ++n) acc[mq][n][0] = acc[mq][n][1] = acc[mq][n][2] = acc[mq][n][3] = 0.0f;
#pragma unroll
    for (int kk = 0; kk < BLOCK_N / 16; ++kk) {
        unsigned a[BLOCK_M / 16][4];
#pragma unroll
        for (int mq = 0; mq < BLOCK_M / 16; ++mq) {
            // dS = (dSᵀ)ᵀ: transposed 8x8 blocks of the key-major rows.
            const int key = kk * 16 + (lane & 7) + ((lane >> 4) & 1) * 8;
            const int chunk = mq * 2 + ((lane >> 3) & 1);
            ldsm_x4_t(sS + swz_s(key, chunk), a[mq][0], a[mq][1], a[mq][2], a[mq][3]);
        }
#pragma unroll
        for (int dp = 0; dp < DQ_COLS / 16; ++dp) {
            unsigned b0, b1, b2, b3;
            const int r = kk * 16 + (lane & 7) + ((lane >> 3) & 1) * 8;
            ldsm_x4_t(sK + swz(r, warp * (DQ_COLS / 8) + dp * 2 + (lane >> 4)), b0, b1, b2, b3);
#pragma unroll
            for (int mq = 0; mq < BLOCK_M / 16; ++mq) {
                mma16816(acc[mq][2 * dp], a[mq], b0, b1);
                mma16816(acc[mq][2 * dp + 1], a[mq], b2, b3);
            }
        }
    }
    const FwdParams& p = bp.f;
    float* base = (float*)bp.dq_acc + ((i64)b * p.heads_q + h) * (i64)bp.delta_rows * HEAD_DIM;
#pragma unroll
    for (int mq = 0; mq < BLOCK_M / 16; ++mq)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            const int row = m0 + mq * 16 + (lane >> 2) + 8 * r;
            if (row >= p.seq_q) continue;
#pragma unroll
            for (int n = 0; n < DQ_COLS / 8; ++n) {
                float* dst = base + (i64)row * HEAD_DIM + warp * DQ_COLS + n * 8 + 2 * (lane & 3);
#if __CUDA_ARCH__ >= 900
                asm volatile("red.global.add.v2.f32 [%0], {%1, %2};\n" ::"l"(dst), "f"(acc[mq][n][2 * r]), "f"(acc[mq][n][2 * r + 1]) : "memory");
#else
                atomicAdd(dst, acc[mq][n][2 * r]);
                atomicAdd(dst + 1, acc[mq][n][2 * r + 1]);
#endif
            }
        }
}
#endif

extern "C" __global__ void __launch_bounds__(THREADS, MIN_BLOCKS) umfa_bwd_dkdv_mma(const BwdParams bp) {
    const FwdParams& p = bp.f;
    extern __shared__ __align__(128) unsigned char smem[];
    const unsigned sK = (unsigned)__cvta_generic_to_shared(smem);
    const unsigned sV = sK + BLOCK_N * ROW_BYTES;
    const unsigned sQ = sV + BLOCK_N * ROW_BYTES;       // two stages
    const unsigned sG = sQ + 2 * BLOCK_M * ROW_BYTES;   // dO, two stages
    const unsigned sL = sG + 2 * BLOCK_M * ROW_BYTES;  // [2][BLOCK_M] f32 LSE, log2 units
    const unsigned sD = sL + 2 * BLOCK_M * 4;          // [2][BLOCK_M] f32 delta
    const float* sL_f = (const float*)(smem + (2 * BLOCK_N + 4 * BLOCK_M) * ROW_BYTES);
    const float* sD_f = sL_f + 2 * BLOCK_M;
#if DQ_ATOMIC
    const unsigned sS = sD + 2 * BLOCK_M * 4;  // dSᵀ, [BLOCK_N keys][BLOCK_M queries], 16-bit
#endif

    const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31;
    const int n0 = blockIdx.x * BLOCK_N, hk = blockIdx.y, b = blockIdx.z;
    const int Sq = p.seq_q, Sk = p.seq_kv;
    const int n1 = min(n0 + BLOCK_N, Sk) - 1;
    const i64 k_row = 2 * p.k_stride[2], v_row = 2 * p.v_stride[2];
    load_tile<BLOCK_N>(sK, (const char*)p.k + 2 * (b * p.k_stride[0] + hk * p.k_stride[1]) + n0 * k_row, k_row, Sk - n0);
    load_tile<BLOCK_N>(sV, (const char*)p.v + 2 * (b * p.v_stride[0] + hk * p.v_stride[1]) + n0 * v_row, v_row, Sk - n0);

    // The query rows the band lets see any key of this tile.
    i64 r_lo = 0, r_hi = Sq;
#if HAS_BAND
    if (p.has_hi) r_lo = max((i64)0, (i64)n0 - p.band_hi);
    if (p.has_lo) r_hi = min((i64)Sq, (i64)n1 - p.band_lo + 1);
#endif
    const int mt0 = (int)(r_lo / BLOCK_M);
    const int tiles = r_hi > r_lo ? (int)((r_hi + BLOCK_M - 1) / BLOCK_M) - mt0 : 0;
    const int total = tiles * p.group;

    // Loads the Q and dO rows, LSE and delta of work item `w` into `stage`.
    auto load_work = [&](const Work& w, int stage) {
        const unsigned off = stage * BLOCK_M * ROW_BYTES;
        load_tile<BLOCK_M>(sQ + off, (const char*)p.q + 2 * (b * p.q_stride[0] + w.h * p.q_stride[1] + (i64)w.m0 * p.q_stride[2]),
                           2 * p.q_stride[2], Sq - w.m0);
        load_tile<BLOCK_M>(sG + off, (const char*)bp.d_out + 2 * (b * bp.d_out_stride[0] + w.h * bp.d_out_stride[1] + (i64)w.m0 * bp.d_out_stride[2]),
                           2 * bp.d_out_stride[2], Sq - w.m0);
        // The rows' LSE and delta as whole 16-byte chunks (the tables' rows are padded to 64).
        const i64 row = delta_index(bp, b, w.h, w.m0);
        for (int c = tid; c < BLOCK_M / 2; c += THREADS) {
            const bool lse = c < BLOCK_M / 4;
            const int cc = lse ? c : c - BLOCK_M / 4;
            cp_async16((lse ? sL : sD) + (stage * BLOCK_M + 4 * cc) * 4,
                       (lse ? lse2_table(bp) : (const float*)bp.delta) + row + 4 * cc, 16);
        }
    };

    Work w = next_work(p, 0, total, tiles, mt0, b, hk, n0);
    if (w.it < total) load_work(w, 0);
    cp_async_commit();

    const int warp_row = warp * 16;
    float dk[DN_TILES][4], dv[DN_TILES][4];
#pragma unroll
    for (int dn = 0; dn < DN_TILES; ++dn)
#pragma unroll
        for (int x = 0; x < 4; ++x) dk[dn][x] = dv[dn][x] = 0.0f;

    int stage = 0;
    while (w.it < total) {
        const Work next = next_work(p, w.it + 1, total, tiles, mt0, b, hk, n0);
        if (next.it < total) load_work(next, stage ^ 1);
        cp_async_commit();
        cp_async_wait<1>();
        __syncthreads();

        const unsigned sQs = sQ + stage * BLOCK_M * ROW_BYTES, sGs = sG + stage * BLOCK_M * ROW_BYTES;
        const float* lse2 = sL_f + stage * BLOCK_M;
        const float* delta = sD_f + stage * BLOCK_M;
#if HAS_ALIBI
        const float alibi_slope = ((const float*)p.alibi)[offset4(p.alibi_stride, b, w.h, 0, 0)];
#else
        const float alibi_slope = 0.0f;
#endif
        float st[MN_TILES][4], dpt[MN_TILES][4];  // keys along m, queries along n
        rows_times_rows<BLOCK_M>(st, sK, warp_row, sQs, lane);
        rows_times_rows<BLOCK_M>(dpt, sV, warp_row, sGs, lane);
        const bool partial = w.cls == TILE_PARTIAL;
#pragma unroll
        for (int nt = 0; nt < MN_TILES; ++nt)
#pragma unroll
            for (int e = 0; e < 2; ++e) {
                const int c = nt * 8 + 2 * (lane & 3) + e, i = w.m0 + c;
#pragma unroll
                for (int r = 0; r < 2; ++r) {
                    const int j = n0 + warp_row + (lane >> 2) + 8 * r;
                    grad_element(p, st[nt][2 * r + e], dpt[nt][2 * r + e], b, w.h, i, j, partial, lse2[c], delta[c],
                                 alibi_slope, &st[nt][2 * r + e], &dpt[nt][2 * r + e]);
                }
            }
#if DQ_ATOMIC
        store_scores(sS, dpt, warp_row, lane);
#endif
        acc_times_tile<BLOCK_M>(dv, st, sGs, lane);   // dV += Pᵀ·dO
        acc_times_tile<BLOCK_M>(dk, dpt, sQs, lane);  // dK += dSᵀ·Q
#if DQ_ATOMIC
        __syncthreads();  // every warp's dSᵀ rows are in sS
        add_dq_partial(bp, sS, sK, b, w.h, w.m0, warp, lane);
#endif
        __syncthreads();  // this stage is refilled by the next iteration's prefetch
        stage ^= 1;
        w = next;
    }
    cp_async_wait<0>();
    store_grad_rows(dk, bp.dk, bp.dk_dtype, bp.dk_stride, b, hk, n0 + warp_row, Sk, p.scale, lane);
    store_grad_rows(dv, bp.dv, bp.dv_dtype, bp.dv_stride, b, hk, n0 + warp_row, Sk, 1.0f, lane);
}

#endif
