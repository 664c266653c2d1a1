// The Hopper INT8 forward (sm_90a), in the warp-specialised structure of wgmma_ws_fwd.cu: one
// producer warpgroup copies K (INT8), the key scales and V (16-bit) with cp.async into STAGES
// stages and signals each on an mbarrier; NWG_C consumer warpgroups of 64 query rows each issue
//
//   S_n = Q·K_nᵀ  with wgmma m64nNk32 s32 += s8·s8 (both operands in shared memory, exact), and
//   O += P_{n-1}·V_{n-1}  with the 16-bit RS wgmma of wgmma_common.cuh,
//
// together, then dequantize S_n per score (q scale of the row · k scale of the key, as
// quant_int8_fwd.cu does), apply the rules and the online softmax of fwd_tile.cuh while P·V runs.
// K smoothing, the epilogue and the parameter block: quant_int8_common.cuh.
//
// INT8 Q and K in shared memory: one 128-byte column block per row, the 128-byte swizzle of
// wgmma_common.cuh (16-byte chunk c of row r at chunk c ^ (r % 8), 8-row groups 1024 bytes apart,
// blocks on 1024 bytes). A k32 step of s8 is 32 bytes, as a k16 step of bf16 is, so the
// descriptors step exactly as issue_s's do within a column block: D = 128 is four steps of one
// block. D = 64 uses the same 128-byte rows with only their first 64 bytes (logical chunks 0-3)
// written and read (two k steps): the descriptors are those of D = 128, at the cost of 8 KiB of
// unused shared memory per 64 rows (a 64-byte swizzle would need its own descriptor mode).
//
// INT4 Q or K (quant_int8_common.cuh): unpacked to s8 through registers into the same swizzled
// rows — Q by its consumer warpgroup as it starts, K by the producer, which then stores the key
// scales with plain stores and arrives on the full barrier itself (release) instead of through
// cp.async; the consumers' wait_tile fence orders those generic writes before the wgmma reads.
//
// TMA (opt-in until run on a GPU, see int8_fwd.rs; HEAD_DIM 128 and INT8 K only): one producer
// thread copies each K tile as one box of [128 bytes, BLOCK_N rows] and each V tile as
// HEAD_DIM / 64 boxes of [64 columns, BLOCK_N rows], through the host's tensor maps, which
// write the 128-byte swizzle and zero-fill rows past Sk; the producer warp copies the key scales
// with cp.async beside them, so K's full barrier counts its 32 cp.async arrivals and the TMA
// thread's expected bytes. As in the bf16 kernel (where TMA took G1 from 396 to 472 TFLOP/s and
// made the P·V overlap pay: 579), 128 producer threads of cp.async are likely what holds the
// consumers back.
//
// FP8 P·V (PV_FP8, opt-in until run on a GPU; with TMA, HEAD_DIM 128, BLOCK_N 128): V comes as
// e4m3 Vᵀ — [B, Hkv, D, Skp] bytes, each channel scaled by its own v_scale (max |v| / 448 over the
// sequence), written by quant_v_fp8.cu — and O += P·V runs as the e4m3 wgmma (k32: half the
// instructions and half V's bytes of the 16-bit product). P is converted to e4m3 times P_SCALE
// (256: exact, and it keeps P's small values out of e4m3's subnormals); the epilogue multiplies
// each O column by v_scale / P_SCALE. The 8-bit A fragment holds, per register, keys
// 4·(lane % 4) + 0..3 of a 16-key group, where the S accumulators hold keys 2·(lane % 4) + {0, 1}
// and 8 + that; rather than shuffle P, quant_v_fp8.cu stores the keys of every 16-key group of Vᵀ
// in that order (position 4t + i holds key 2t + i for i < 2, 8 + 2t + i − 2 otherwise), so each
// register packs two neighbouring S tiles as they are.
//
// -D options: HEAD_DIM (64 or 128), BLOCK_N (64 or 128), NWARPS = 4·(NWG_C + 1), STAGES, TMA, PV_FP8,
// PINGPONG, MT = 1, MIN_BLOCKS, SOFTMAX_PARTS, IN_BF16 (V), OUT_DTYPE (0 f16, 1 bf16, 2 f32),
// HAS_K_MEAN, Q_INT4, K_INT4, Q_ZP, K_ZP and the features of mma_fwd.cu.

#if HEAD_DIM != 64 && HEAD_DIM != 128
#error "the Hopper INT8 forward takes D = 64 or 128"
#endif

#define NWG_C (NWARPS / 4 - 1)
#define BLOCK_M (64 * NWG_C)
#define CONSUMER_THREADS (128 * NWG_C)
#define QK_ROW_BYTES 128           // one column block of INT8 per row (see the top)
#define QK_CHUNKS (HEAD_DIM / 16)  // 16-byte chunks of an INT8 row
#define QK_STEPS (HEAD_DIM / 32)   // k32 steps of the s8 wgmma
#define Q_BYTES (BLOCK_M * QK_ROW_BYTES)
#define K_BYTES (BLOCK_N * QK_ROW_BYTES)
#define SCALE_BYTES (BLOCK_N * 4)  // a stage of key scales

#if BLOCK_N == 64
#define WGMMA_SS_S8 wgmma_ss_s8_n64
#define FENCE_S8 fence_regs_s32_n64
#elif BLOCK_N == 128
#define WGMMA_SS_S8 wgmma_ss_s8_n128
#define FENCE_S8 fence_regs_s32_n128
#else
#error "the Hopper INT8 forward takes BLOCK_N = 64 or 128"
#endif

// Registers per thread after the split, as wgmma_ws_fwd.cu: 128·56 + 256·224 ≤ 64 Ki.
#define PRODUCER_REGS 56
#define CONSUMER_REGS 224
#ifndef TMA
#define TMA 0
#endif
#if TMA && (HEAD_DIM != 128 || K_INT4)
#error "the INT8 kernel's TMA path takes HEAD_DIM 128 and INT8 K"
#endif
#if TMA
#define PRODUCER_WARPS 1
#endif
#ifndef PRODUCER_WARPS
#define PRODUCER_WARPS 4
#endif
#define PRODUCER_THREADS (32 * PRODUCER_WARPS)
#ifndef PV_FP8
#define PV_FP8 0
#endif
#if PV_FP8 && !(TMA && HEAD_DIM == 128 && BLOCK_N == 128)
#error "FP8 P·V takes the TMA path with HEAD_DIM 128 and 128-key tiles"
#endif
#if PV_FP8
#define V_STAGE_BYTES (HEAD_DIM * BLOCK_N)  // Vᵀ, e4m3: HEAD_DIM rows of BLOCK_N keys
#define P_SCALE 256.0f
#else
#define V_STAGE_BYTES KV_BYTES
#endif
#if BLOCK_N > PRODUCER_THREADS && !TMA
#error "the producer copies one key scale per thread"
#endif
#ifndef PINGPONG
#define PINGPONG 0
#endif
#define PING (PINGPONG && NWG_C == 2)

// A 4-byte cp.async (zero-filled where `bytes` is 0): one key scale.
__device__ __forceinline__ void cp_async4(unsigned dst, const void* src, int bytes) {
    asm volatile("cp.async.ca.shared.global [%0], [%1], 4, %2;\n" ::"r"(dst), "l"(src), "r"(bytes) : "memory");
}

// Copies `ROWS` INT8 rows of HEAD_DIM bytes from `src` (row stride in bytes) into the swizzled
// 128-byte rows at `dst`, spread over `NT` threads (thread `tid` of them); rows at or past
// `valid` are zero-filled and not read.
template <int ROWS, int NT>
__device__ __forceinline__ void load_i8_sw128(unsigned dst, const char* src, i64 row_bytes, int valid, int tid) {
#pragma unroll 4
    for (int idx = tid; idx < ROWS * QK_CHUNKS; idx += NT) {
        const int r = idx / QK_CHUNKS, c = idx % QK_CHUNKS;
        const bool ok = r < valid;
        cp_async16(dst + r * QK_ROW_BYTES + ((c ^ (r & 7)) << 4), ok ? src + r * row_bytes + c * 16 : src, ok ? 16 : 0);
    }
}

// S = Q·Kᵀ (integer) for a warpgroup's 64 rows: QK_STEPS k steps of 32 bytes in the one column
// block (issue_s's stepping with s8's k32 for bf16's k16).
__device__ __forceinline__ void issue_s8(int (&acc)[SN_TILES * 4], unsigned sQw, unsigned sKs) {
#if DESC_ADD
    const u64 dq = smem_desc(sQw, 16, 1024), dk = smem_desc(sKs, 16, 1024);
#pragma unroll
    for (int kk = 0; kk < QK_STEPS; ++kk) WGMMA_SS_S8(acc, desc_plus(dq, kk * 32), desc_plus(dk, kk * 32), kk > 0);
#else
#pragma unroll
    for (int kk = 0; kk < QK_STEPS; ++kk)
        WGMMA_SS_S8(acc, smem_desc(sQw + kk * 32, 16, 1024), smem_desc(sKs + kk * 32, 16, 1024), kk > 0);
#endif
}

// An s32 dot product as a float, exactly: |x| ≤ HEAD_DIM · 128 · 128 = 2^21 < 2^22, so x added to
// the bits of 1.5·2^23 stays in its mantissa (an integer add and a float add instead of the
// quarter-rate conversion).
__device__ __forceinline__ float exact_float(int x) { return __int_as_float(x + 0x4B400000) - 12582912.0f; }

#if PV_FP8
// P · P_SCALE as the e4m3 A fragments of the BLOCK_N / 32 k32 steps: register 2h + r of step kk
// packs row half r of S tiles 4kk + 2h and 4kk + 2h + 1 (see the top for the key order).
__device__ __forceinline__ void pack_p8(unsigned (&pa)[BLOCK_N / 32][4], const float (&sc)[1][SN_TILES][4]) {
#pragma unroll
    for (int kk = 0; kk < BLOCK_N / 32; ++kk)
#pragma unroll
        for (int h = 0; h < 2; ++h)
#pragma unroll
            for (int r = 0; r < 2; ++r) {
                const float* a = sc[0][4 * kk + 2 * h];
                const float* b = sc[0][4 * kk + 2 * h + 1];
                pa[kk][2 * h + r] = e4m3x4(a[2 * r] * P_SCALE, a[2 * r + 1] * P_SCALE, b[2 * r] * P_SCALE, b[2 * r + 1] * P_SCALE);
            }
}
__device__ __forceinline__ void keep_p8(unsigned (&pa)[BLOCK_N / 32][4]) {
#pragma unroll
    for (int kk = 0; kk < BLOCK_N / 32; ++kk)
        asm volatile("" : "+r"(pa[kk][0]), "+r"(pa[kk][1]), "+r"(pa[kk][2]), "+r"(pa[kk][3])::"memory");
}
// O += P·V over one tile's keys, 32 at a time: B = Vᵀ rows (one per channel, BLOCK_N = 128 key
// bytes each, 128-byte swizzled), K-major, stepped as issue_s8 steps K.
__device__ __forceinline__ void issue_pv8(float (&o)[1][DN_TILES][4], const unsigned (&pa)[BLOCK_N / 32][4], unsigned sVs) {
#pragma unroll
    for (int kk = 0; kk < BLOCK_N / 32; ++kk)
        wgmma_rs_e4m3_n128(&o[0][0][0], pa[kk], DESC_ADD ? desc_plus(smem_desc(sVs, 16, 1024), kk * 32) : smem_desc(sVs + kk * 32, 16, 1024));
}
#define P_REGS (BLOCK_N / 32)
#define PACK_P pack_p8
#define KEEP_P keep_p8
#define ISSUE_PV issue_pv8
#else
#define P_REGS (BLOCK_N / 16)
#define PACK_P pack_p
#define KEEP_P keep_p
#define ISSUE_PV issue_pv
#endif

// The scores of a tile as floats: integer dot products times the key's and the row's scales
// (plus, under a softcap, the smoothing term q·mean), the input fwd_tile.cuh's score_tile takes
// (raw dot products of the dequantized operands). `ks`: this stage's key scales; `rows`: the
// (q scale, q·mean term) of this thread's two rows, read from shared memory on every tile rather
// than held in registers across the loop (the all-features variant spilled with them there).
__device__ __forceinline__ void dequant_s(float (&sc)[1][SN_TILES][4], const int (&acc)[SN_TILES * 4], const float* ks, int lane, const float2* rows) {
    const float2 row0 = rows[0], row1 = rows[8];
    const float q_scale[2] = {row0.x, row1.x};
    const float q_mean[2] = {row0.y, row1.y};
    (void)q_mean;
#pragma unroll
    for (int nt = 0; nt < SN_TILES; ++nt) {
        const float2 k2 = *(const float2*)(ks + nt * 8 + 2 * (lane & 3));
#pragma unroll
        for (int r = 0; r < 2; ++r)
#pragma unroll
            for (int e = 0; e < 2; ++e) {
                float x = exact_float(acc[nt * 4 + 2 * r + e]) * (e ? k2.y : k2.x) * q_scale[r];
#if HAS_K_MEAN && HAS_SOFTCAP
                x += q_mean[r];
#endif
                sc[0][nt][2 * r + e] = x;
            }
    }
}

#ifndef K_RUN64
#define K_RUN64 0
#endif
#define K_RUNS (BLOCK_N / 64)
#define RUN_TILES (SN_TILES / K_RUNS)  // 8-key accumulator tiles per 64-key run

// K_RUN64 (the host sets it where every aligned 64 keys share one key scale: per tensor, or per
// block of a multiple of 64 keys, SageAttention's default): on a full tile without score
// modifiers, a score's scale in log2 units is q scale · k scale · scale·log2(e), the same for a
// row's 64 keys of a run, so the scale folds into the exponent's FFMA (softmax_runs) and the
// per-score dequantization (two multiplies and a shared-memory read per two scores in
// dequant_s) is left out: an integer add and a float add per score (exact_float) remain.
// (Folding exact_float's subtraction into each run's exponent bias too — one float add less a
// score, the bias 1.5·2^23·unit + max rounded once — measured +2.5 % on G1 on the H100 but moved
// an INT4 case's LSE by 1.5e-2 against its 2e-3 target: not kept.)
// Rows of a thread: (lane / 4) and (lane / 4 + 8); runs: tiles [RUN_TILES·u, RUN_TILES·(u+1)).
__device__ __forceinline__ bool softmax_runs(float (&s)[1][SN_TILES][4], float (&m_r)[1][2], float (&l_r)[1][2], float (&alpha)[1][2],
                                             const float (&unit)[2][K_RUNS]) {
    bool rescale = false;
#pragma unroll
    for (int r = 0; r < 2; ++r) {
        // The row's maximum in log2 units: each run's maximum raw score times its unit (≥ 0,
        // so the order is kept), two running maxima per run (as softmax_tile's parts).
        float mx = UMFA_NEG_INF;
#pragma unroll
        for (int u = 0; u < K_RUNS; ++u) {
            float a = fmaxf(s[0][RUN_TILES * u][2 * r], s[0][RUN_TILES * u][2 * r + 1]);
            float b = fmaxf(s[0][RUN_TILES * u + 1][2 * r], s[0][RUN_TILES * u + 1][2 * r + 1]);
#pragma unroll
            for (int nt = RUN_TILES * u + 2; nt < RUN_TILES * (u + 1); nt += 2) {
                a = fmaxf(a, fmaxf(s[0][nt][2 * r], s[0][nt][2 * r + 1]));
                b = fmaxf(b, fmaxf(s[0][nt + 1][2 * r], s[0][nt + 1][2 * r + 1]));
            }
            mx = fmaxf(mx, fmaxf(a, b) * unit[r][u]);
        }
        mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 1));
        mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 2));
        const float m_new = fmaxf(m_r[0][r], mx);
        const float m_use = m_new == UMFA_NEG_INF ? 0.0f : m_new;  // no NaN from -inf - -inf
        alpha[0][r] = ex2(m_r[0][r] - m_use);
        m_r[0][r] = m_new;
        float part[4] = {0.0f, 0.0f, 0.0f, 0.0f};
#pragma unroll
        for (int nt = 0; nt < SN_TILES; ++nt) {
            const float c = unit[r][nt / RUN_TILES];
            s[0][nt][2 * r] = ex2_tile(nt, fmaf(s[0][nt][2 * r], c, -m_use));
            s[0][nt][2 * r + 1] = ex2_tile(nt, fmaf(s[0][nt][2 * r + 1], c, -m_use));
            part[nt % 4] += s[0][nt][2 * r] + s[0][nt][2 * r + 1];
        }
        l_r[0][r] = l_r[0][r] * alpha[0][r] + ((part[0] + part[1]) + (part[2] + part[3]));
        rescale |= alpha[0][r] != 1.0f;
    }
    return rescale;
}

// S_n's softmax from its integer scores `acc`: the run-scaled path above where it applies, else
// the scores dequantized (dequant_s) and put through fwd_tile.cuh's rules and softmax. `ks`: the
// stage's key scales, released (`empty`) once read.
__device__ __forceinline__ bool int8_softmax(const FwdParams& p, const RowCtx& ctx, const int (&acc)[SN_TILES * 4], float (&sc)[1][SN_TILES][4],
                                             const float* ks, unsigned empty, int lane, const float2* rows, int cls, int n0, float (&m_r)[1][2],
                                             float (&l_r)[1][2], float (&alpha)[1][2]) {
#if K_RUN64
    if (cls == TILE_FULL && !HAS_MODS && ctx.scale_log2 > 0.0f) {
        float unit[2][K_RUNS];
#pragma unroll
        for (int r = 0; r < 2; ++r)
#pragma unroll
            for (int u = 0; u < K_RUNS; ++u) unit[r][u] = rows[8 * r].x * ks[64 * u] * ctx.scale_log2;
        mbar_arrive(empty);
#pragma unroll
        for (int nt = 0; nt < SN_TILES; ++nt)
#pragma unroll
            for (int e = 0; e < 4; ++e) sc[0][nt][e] = exact_float(acc[nt * 4 + e]);
        return softmax_runs(sc, m_r, l_r, alpha, unit);
    }
#endif
    dequant_s(sc, acc, ks, lane, rows);
    mbar_arrive(empty);
    const float unit = score_tile<1>(p, ctx, sc, cls, n0);
    return softmax_tile<1>(sc, m_r, l_r, alpha, unit);
}

// Shared memory: [Q][K stages][V stages][key-scale stages][barriers][row info], from a
// 1024-byte aligned base; row info: (q scale, q·mean term) of each query row of the tile. Barriers: full K (with its scales), full V, empty K, empty V, one of each per stage.
#ifndef STAGES
#define STAGES 2
#endif
#define BAR_FULL_K(s) (bars + 8 * (s))
#define BAR_FULL_V(s) (bars + 8 * (STAGES + (s)))
#define BAR_EMPTY_K(s) (bars + 8 * (2 * STAGES + (s)))
#define BAR_EMPTY_V(s) (bars + 8 * (3 * STAGES + (s)))
#define STAGE_OF(n) ((n) % STAGES)
#define PARITY_OF(n) (((n) / STAGES) & 1)

#if TMA
// With TMA the kernel's argument also carries the tensor maps of K (INT8, [D bytes, S, H, B])
// and V (16-bit, [D, S, H, B]) (`Int8TmaParams` in int8_fwd.rs), as a __grid_constant__ so that
// their addresses are the parameter's own.
// With PV_FP8, tv describes the e4m3 Vᵀ ([Skp bytes, D, Hkv, B]) and v_scales its [B, Hkv, D]
// channel scales (unread otherwise).
struct Int8TmaParams {
    Int8FwdParams q;
    TensorMap tk, tv;
    u64 v_scales;
};
extern "C" __global__ void __launch_bounds__(THREADS, 1) umfa_fwd_int8_wgmma(const __grid_constant__ Int8TmaParams tp) {
    const Int8FwdParams& qp = tp.q;
#else
extern "C" __global__ void __launch_bounds__(THREADS, 1) umfa_fwd_int8_wgmma(const Int8FwdParams qp) {
#endif
    const FwdParams& p = qp.f;
    extern __shared__ __align__(1024) unsigned char smem_raw[];
    const unsigned smem_base = (unsigned)__cvta_generic_to_shared(smem_raw);
    const unsigned sQ = (smem_base + 1023u) & ~1023u;
    const unsigned sK = sQ + Q_BYTES;
    const unsigned sV = sK + STAGES * K_BYTES;
    const unsigned sS = sV + STAGES * V_STAGE_BYTES;
    const unsigned bars = sS + STAGES * SCALE_BYTES;
    const float* scales = (const float*)(smem_raw + (sS - smem_base));
    float2* row_info = (float2*)(smem_raw + (bars + 32 * STAGES - smem_base));

    const int tid = threadIdx.x, warp = tid >> 5, lane = tid & 31, wg = warp >> 2;
    const int m0 = (gridDim.x - 1 - blockIdx.x) * BLOCK_M;  // heaviest query tiles first
    const int h = blockIdx.y, b = blockIdx.z, hk = h / p.group;
    const int Sq = p.seq_q, Sk = p.seq_kv;
    const int i0 = m0, i1 = min(m0 + BLOCK_M, Sq) - 1;

    if (tid == 0) {
        for (int s = 0; s < STAGES; ++s) {
            // With TMA: K's barrier takes the producer warp's scale copies and the TMA thread's
            // expected bytes, V's only the latter.
            mbar_init(BAR_FULL_K(s), PRODUCER_THREADS + TMA);
            mbar_init(BAR_FULL_V(s), TMA ? 1 : PRODUCER_THREADS);
            mbar_init(BAR_EMPTY_K(s), CONSUMER_THREADS);
            mbar_init(BAR_EMPTY_V(s), CONSUMER_THREADS);
        }
    }
    __syncthreads();

    int t0, cls0;
    const int t_end = band_tiles(p, i0, i1, &t0);
    t0 = next_live_tile(p, b, h, i0, i1, t0, t_end, &cls0);

    if (wg == NWG_C) {
        // Producer: K_n and its key scales, then V_n, into stage n % STAGES, each once the
        // consumers have released the stage's previous tile.
        set_max_registers_dec<PRODUCER_REGS>();
        const int ptid = tid - CONSUMER_THREADS;
        if (ptid >= PRODUCER_THREADS) return;
#if !TMA
        const char* k_head = (const char*)p.k + (b * p.k_stride[0] + hk * p.k_stride[1]);
        const char* v_head = (const char*)p.v + 2 * (b * p.v_stride[0] + hk * p.v_stride[1]);
        const i64 k_row = p.k_stride[2], v_row = 2 * p.v_stride[2];
#endif
        const float* k_scales = (const float*)qp.k_scales;
        const i64 k_bh = (i64)b * p.heads_kv + hk;
        int n = 0, cls;
        for (int t = t0; t < t_end; t = next_live_tile(p, b, h, i0, i1, t + 1, t_end, &cls), ++n) {
            const int s = STAGE_OF(n);
            const unsigned phase = PARITY_OF(n);
            mbar_wait(BAR_EMPTY_K(s), phase ^ 1);
#if K_INT4
            unpack_i4_rows<BLOCK_N, PRODUCER_THREADS, QK_ROW_BYTES, false>(sK + s * K_BYTES, k_head + t * BLOCK_N * k_row, 0, k_row, Sk - t * BLOCK_N, ptid,
                                                                          K_ZP ? qp.k_zero_points : 0, qp.k_groups, k_bh, t * BLOCK_N);
            if (ptid < BLOCK_N) {  // one key scale per thread (BLOCK_N ≤ PRODUCER_THREADS)
                const int j = t * BLOCK_N + ptid;
                const float ks = j < Sk ? k_scales[group_of(qp.k_groups, k_bh, j, 0)] : 0.0f;  // past the sequence: 0 (masked)
                asm volatile("st.shared.f32 [%0], %1;\n" ::"r"(sS + s * SCALE_BYTES + 4 * ptid), "f"(ks) : "memory");
            }
            mbar_arrive(BAR_FULL_K(s));  // release: the stores above before the consumers' reads
#elif TMA
            if (ptid == 0) {
                mbar_expect_tx(BAR_FULL_K(s), K_BYTES);
                tma_box_4d(sK + s * K_BYTES, &tp.tk, 0, t * BLOCK_N, hk, b, BAR_FULL_K(s));
            }
#pragma unroll
            for (int c = ptid; c < BLOCK_N; c += PRODUCER_THREADS) {
                const int j = t * BLOCK_N + c;
                const bool ok = j < Sk;  // past the sequence: 0 (those scores are masked)
                cp_async4(sS + s * SCALE_BYTES + 4 * c, ok ? k_scales + group_of(qp.k_groups, k_bh, j, 0) : k_scales, ok ? 4 : 0);
            }
            land_arrive(BAR_FULL_K(s));
#else
            load_i8_sw128<BLOCK_N, PRODUCER_THREADS>(sK + s * K_BYTES, k_head + t * BLOCK_N * k_row, k_row, Sk - t * BLOCK_N, ptid);
            if (ptid < BLOCK_N) {  // one key scale per thread (BLOCK_N ≤ PRODUCER_THREADS)
                const int j = t * BLOCK_N + ptid;
                const bool ok = j < Sk;  // past the sequence: 0 (those scores are masked)
                cp_async4(sS + s * SCALE_BYTES + 4 * ptid, ok ? k_scales + group_of(qp.k_groups, k_bh, j, 0) : k_scales, ok ? 4 : 0);
            }
            land_arrive(BAR_FULL_K(s));
#endif
            mbar_wait(BAR_EMPTY_V(s), phase ^ 1);
#if PV_FP8
            if (ptid == 0) {
                mbar_expect_tx(BAR_FULL_V(s), V_STAGE_BYTES);
                tma_box_4d(sV + s * V_STAGE_BYTES, &tp.tv, t * BLOCK_N, 0, hk, b, BAR_FULL_V(s));
            }
#elif TMA
            if (ptid == 0) tma_rows16<BLOCK_N>(BAR_FULL_V(s), sV + s * KV_BYTES, &tp.tv, t * BLOCK_N, hk, b);
#else
            load_sw128<BLOCK_N, PRODUCER_THREADS>(sV + s * KV_BYTES, v_head + t * BLOCK_N * v_row, v_row, Sk - t * BLOCK_N, ptid);
            land_arrive(BAR_FULL_V(s));
#endif
        }
        cp_async_wait<0>();  // nothing in flight when the warp exits
        return;
    }

    // Consumers.
    set_max_registers_inc<CONSUMER_REGS>();
    // This warpgroup's 64 rows of INT8 Q, visible to its tensor-core reads before the first S.
    const unsigned sQw = sQ + wg * (64 * QK_ROW_BYTES);
    {
        const char* q_base = (const char*)p.q + (b * p.q_stride[0] + h * p.q_stride[1] + (i64)(m0 + wg * 64) * p.q_stride[2]);
#if Q_INT4
        unpack_i4_rows<64, 128, QK_ROW_BYTES, false>(sQw, q_base, 0, p.q_stride[2], Sq - m0 - wg * 64, tid & 127, Q_ZP ? qp.q_zero_points : 0, qp.q_groups,
                                                     (i64)b * p.heads_q + h, m0 + wg * 64);
#else
        load_i8_sw128<64, 128>(sQw, q_base, p.q_stride[2], Sq - m0 - wg * 64, tid & 127);
        cp_async_commit();
        cp_async_wait<0>();
#endif
        fence_async_shared();
        asm volatile("bar.sync %0, 128;\n" ::"r"(1 + wg) : "memory");
    }

    float o[1][DN_TILES][4];
    float m_r[1][2], l_r[1][2];
    init_rows(o, m_r, l_r);
    const RowCtx ctx = row_ctx(p, b, h, m0, warp, lane);
    // The Q scale of each of this thread's two rows; under a softcap also the smoothing term
    // q·mean in score units (else the epilogue adds it back to the LSE and the sink). Written
    // to the row info by one lane of each quad, read back by the quad (the same warp).
    const float2* rows = row_info + (ctx.row0 - m0) + (lane >> 2);
#pragma unroll
    for (int r = 0; r < 2; ++r) {
        const int ic = min(ctx.row0 + (lane >> 2) + r * 8, Sq - 1);
        const float qs = query_scale(qp, b, h, ic);
#if HAS_K_MEAN && HAS_SOFTCAP
        const float qm = q_dot_mean(qp, b, h, hk, ic, lane) * qs;
#else
        const float qm = 0.0f;
#endif
        if ((lane & 3) == 0) row_info[(ctx.row0 - m0) + (lane >> 2) + r * 8] = make_float2(qs, qm);
    }
    __syncwarp();

    // As wgmma_ws_fwd.cu: the first tile's S and softmax, then S_n with P_{n-1}·V_{n-1} in
    // flight together; no branch between a wgmma and its wait, accumulators read after it.
    unsigned pa[P_REGS][4];  // P of the previous tile, read by its P·V
    if (t0 < t_end) {
        if (wg == 1) turn_pass<PING>(wg);  // warpgroup 0 issues first
        int acc[SN_TILES * 4];
        wait_tile(BAR_FULL_K(0), 0);
        turn_wait<PING>(wg);
        wgmma_fence();
        issue_s8(acc, sQw, sK);
        wgmma_commit();
        turn_pass<PING>(wg);
        wgmma_wait<0>();
        FENCE_S8(acc);
        float sc[1][SN_TILES][4];
        float alpha[1][2];
        int8_softmax(p, ctx, acc, sc, scales, BAR_EMPTY_K(0), lane, rows, cls0, t0 * BLOCK_N, m_r, l_r, alpha);
        PACK_P(pa, sc);
    }
    int n = 1, cls;
    for (int t = next_live_tile(p, b, h, i0, i1, t0 + 1, t_end, &cls); t < t_end; ++n) {
        int cls_next;
        const int s = STAGE_OF(n), prev = STAGE_OF(n - 1);
        wait_tile(BAR_FULL_K(s), PARITY_OF(n));
        wait_tile(BAR_FULL_V(prev), PARITY_OF(n - 1));
        int acc[SN_TILES * 4];
        turn_wait<PING>(wg);
        wgmma_fence();
        issue_s8(acc, sQw, sK + s * K_BYTES);
        wgmma_commit();
        ISSUE_PV(o, pa, sV + prev * V_STAGE_BYTES);
        wgmma_commit();
        turn_pass<PING>(wg);
        const int t_next = next_live_tile(p, b, h, i0, i1, t + 1, t_end, &cls_next);
        wgmma_wait<1>();
        FENCE_S8(acc);
        float sc[1][SN_TILES][4];
        float alpha[1][2];
        const bool rescale = int8_softmax(p, ctx, acc, sc, scales + s * BLOCK_N, BAR_EMPTY_K(s), lane, rows, cls, t * BLOCK_N, m_r, l_r, alpha);
        // P·V done (the softmax above ran beside it), O rescaled, then this tile's P.
        wait_pv_rescale(o, alpha, warpgroup_any(rescale, wg));
        KEEP_P(pa);
        mbar_arrive(BAR_EMPTY_V(prev));
        PACK_P(pa, sc);
        t = t_next;
        cls = cls_next;
    }
    if (t0 < t_end) {
        const int s = STAGE_OF(n - 1);
        wait_tile(BAR_FULL_V(s), PARITY_OF(n - 1));
        turn_wait<PING>(wg);
        wgmma_fence();
        ISSUE_PV(o, pa, sV + s * V_STAGE_BYTES);
        wgmma_commit();
        if (wg == 0) turn_pass<PING>(wg);  // warpgroup 1's last turn follows; nothing follows its own
        wgmma_wait<0>();
        FENCE_O(&o[0][0][0]);
        KEEP_P(pa);
    }
#if PV_FP8
    {
        // O's columns back in V's units: each channel's scale over P's.
        const float* vs = (const float*)tp.v_scales + ((i64)b * p.heads_kv + hk) * HEAD_DIM;
#pragma unroll
        for (int dn = 0; dn < DN_TILES; ++dn) {
            const float2 v2 = *(const float2*)(vs + dn * 8 + 2 * (lane & 3));
            const float c0 = v2.x * (1.0f / P_SCALE), c1 = v2.y * (1.0f / P_SCALE);
            o[0][dn][0] *= c0;
            o[0][dn][1] *= c1;
            o[0][dn][2] *= c0;
            o[0][dn][3] *= c1;
        }
    }
#endif
    const float q_scale[1][2] = {{rows[0].x, rows[8].x}};
    store_rows_int8<1>(qp, b, h, hk, ctx.row0, lane, o, m_r, l_r, q_scale);
}
