// Shared by the INT8 forwards (quant_int8_fwd.cu: mma.sync, sm_80+; quant_int8_wgmma_fwd.cu:
// wgmma, sm_90a): the parameter block, the scale lookups, the K-smoothing term, the INT4 unpacking
// and the epilogue. Needs common.cuh, quant_common.cuh and the kernel's -D options (HEAD_DIM,
// DN_TILES, OUT_DTYPE, HAS_K_MEAN, HAS_SOFTCAP, HAS_SINKS; Q_INT4, K_INT4, Q_ZP, K_ZP default 0).
//
// INT4 Q or K (Q_INT4, K_INT4: packed two per byte, element 2i in the low nibble of byte i) run
// on the same s8 tensor-core products: each operand is unpacked to s8 as it is staged into shared
// memory, and an asymmetric INT4 operand (Q_ZP, K_ZP) has its zero point subtracted there, since
// q − z of two INT4 values lies in [-15, 15], inside s8. The integer dot products are then
// Σ (q − z_q)(k − z_k), exactly, and everything after them is the INT8 kernels' own. (INT8 zero
// points would overflow s8, so asymmetric INT8 is not taken.) The strides of an INT4 operand in
// the parameter block are byte strides (the host halves its nibble strides).
//
// K smoothing: K = mean + dequant(K_int), so q·k = q·dequant(k) + q·mean, and q·mean is the same
// for every key of a row. Without a softcap the kernels leave it out of the scores (softmax does
// not see it) and add it back where it matters: the LSE and the sink's logit. Under a softcap
// (tanh is not shift-invariant) it is added to every score.

// One INT8 forward call: the float forward's parameter block (q and k address INT8 or packed
// INT4 data, with byte strides; in_dtype is V's), the scale tables of Q and K, and their i32
// zero-point tables (laid out as the scales', 0 when symmetric). Keep in step with
// `cuda::quant::params::Int8FwdParams`.
struct Int8FwdParams {
    FwdParams f;
    u64 q_scales, k_scales, k_mean;
    u64 q_zero_points, k_zero_points;
    QuantGroups q_groups, k_groups;
};

#ifndef Q_INT4
#define Q_INT4 0
#endif
#ifndef K_INT4
#define K_INT4 0
#endif
#ifndef Q_ZP
#define Q_ZP 0
#endif
#ifndef K_ZP
#define K_ZP 0
#endif
#if (Q_ZP && !Q_INT4) || (K_ZP && !K_INT4)
#error "zero points are subtracted while unpacking INT4 only"
#endif

// The scale of key j of head (b, hk), or 0 past the sequence (its scores are masked anyway).
__device__ __forceinline__ float key_scale(const Int8FwdParams& qp, int b, int hk, int j) {
    if (j >= qp.f.seq_kv) return 0.0f;
    return ((const float*)qp.k_scales)[group_of(qp.k_groups, (i64)b * qp.f.heads_kv + hk, j, 0)];
}

// The scale of query row i (inside the sequence) of head (b, h).
__device__ __forceinline__ float query_scale(const Int8FwdParams& qp, int b, int h, int i) {
    return ((const float*)qp.q_scales)[group_of(qp.q_groups, (i64)b * qp.f.heads_q + h, i, 0)];
}

// The zero point of query row i (inside the sequence) of head (b, h); 0 when Q is symmetric.
__device__ __forceinline__ int query_zp(const Int8FwdParams& qp, int b, int h, int i) {
#if Q_ZP
    return ((const int*)qp.q_zero_points)[group_of(qp.q_groups, (i64)b * qp.f.heads_q + h, i, 0)];
#else
    (void)qp, (void)b, (void)h, (void)i;
    return 0;
#endif
}

#if Q_INT4 || K_INT4
// 16 INT4 values (8 packed bytes) as 16 s8 values minus the zero point zp (in [-8, 7]), byte by
// byte: the nibble n is the value (n ^ 8) − 8, so the result is (n ^ 8) − (8 + zp), in [-15, 15].
__device__ __forceinline__ uint4 unpack_int4x16(uint2 packed, int zp) {
    const unsigned off = (unsigned)(8 + zp) * 0x01010101u;
    uint4 r;
    unsigned lo = __vsub4((packed.x & 0x0F0F0F0Fu) ^ 0x08080808u, off);
    unsigned hi = __vsub4(((packed.x >> 4) & 0x0F0F0F0Fu) ^ 0x08080808u, off);
    r.x = __byte_perm(lo, hi, 0x5140);  // values 0-3: lo0 hi0 lo1 hi1
    r.y = __byte_perm(lo, hi, 0x7362);  // values 4-7: lo2 hi2 lo3 hi3
    lo = __vsub4((packed.y & 0x0F0F0F0Fu) ^ 0x08080808u, off);
    hi = __vsub4(((packed.y >> 4) & 0x0F0F0F0Fu) ^ 0x08080808u, off);
    r.z = __byte_perm(lo, hi, 0x5140);
    r.w = __byte_perm(lo, hi, 0x7362);
    return r;
}

__device__ __forceinline__ void st_shared_v4(unsigned addr, uint4 v) {
    asm volatile("st.shared.v4.u32 [%0], {%1, %2, %3, %4};\n" ::"r"(addr), "r"(v.x), "r"(v.y), "r"(v.z), "r"(v.w) : "memory");
}

// `ROWS` rows of packed INT4 (HEAD_DIM / 2 bytes each, 8-byte aligned) from `src` (row stride
// `row_bytes`, in global or, with SHARED, shared memory at byte address `src_shared`) into s8
// rows at `dst`: 16-byte chunk c of row r at r · SMEM_ROW + ((c ^ (r % 8)) << 4), the swizzle of
// both INT8 kernels. Row r takes the zero point of sequence position row0 + r of table `zps`
// (groups `g`, head `bh`; none when `zps` is 0). Rows at or past `valid` are zero, as the INT8
// kernels' zero-filled copies are. Spread over `NT` threads (thread `tid` of them).
template <int ROWS, int NT, int SMEM_ROW, bool SHARED>
__device__ __forceinline__ void unpack_i4_rows(unsigned dst, const char* src, unsigned src_shared, i64 row_bytes, int valid, int tid, u64 zps,
                                               const QuantGroups& g, i64 bh, int row0) {
    constexpr int CH = HEAD_DIM / 16;  // 16-byte chunks of an s8 row, 8 packed bytes each
#pragma unroll 1
    for (int idx = tid; idx < ROWS * CH; idx += NT) {
        const int r = idx / CH, c = idx % CH;
        uint4 v = make_uint4(0u, 0u, 0u, 0u);
        if (r < valid) {
            uint2 packed;
            if (SHARED) {
                asm volatile("ld.shared.v2.u32 {%0, %1}, [%2];\n" : "=r"(packed.x), "=r"(packed.y) : "r"(src_shared + (unsigned)(r * row_bytes + c * 8)));
            } else {
                packed = *(const uint2*)(src + r * row_bytes + c * 8);
            }
            const int zp = zps ? ((const int*)zps)[group_of(g, bh, row0 + r, 0)] : 0;
            v = unpack_int4x16(packed, zp);
        }
        st_shared_v4(dst + r * SMEM_ROW + ((c ^ (r & 7)) << 4), v);
    }
}
#endif

#if HAS_K_MEAN
// Σ_d q_int[i, d] · mean[d] for row i (clamped into the sequence by the caller): the quad's four
// lanes take every fourth 4-byte word in a fixed order, then add across the quad, so every lane
// of the quad gets the same sum on every run.
// INT4 Q: each word holds eight values (nibble e of word w is value 8w + e), less the row's zero
// point.
__device__ __forceinline__ float q_dot_mean(const Int8FwdParams& qp, int b, int h, int hk, int i, int lane) {
    const FwdParams& p = qp.f;
    const int* qrow = (const int*)((const char*)p.q + (b * p.q_stride[0] + h * p.q_stride[1] + (i64)i * p.q_stride[2]));
    const float* mean = (const float*)qp.k_mean + ((i64)b * p.heads_kv + hk) * HEAD_DIM;
    float acc = 0.0f;
#if Q_INT4
    const int zp = query_zp(qp, b, h, i);
    for (int w = (lane & 3); w < HEAD_DIM / 8; w += 4) {
        const int word = qrow[w];
#pragma unroll
        for (int e = 0; e < 8; ++e) acc = fmaf((float)((((word >> (4 * e)) & 15) ^ 8) - 8 - zp), mean[8 * w + e], acc);
    }
#else
    for (int w = (lane & 3); w < HEAD_DIM / 4; w += 4) {
        const int word = qrow[w];
#pragma unroll
        for (int e = 0; e < 4; ++e) acc = fmaf((float)(signed char)(word >> (8 * e)), mean[4 * w + e], acc);
    }
#endif
    acc += __shfl_xor_sync(0xffffffffu, acc, 1);
    acc += __shfl_xor_sync(0xffffffffu, acc, 2);
    return acc;
}
#endif

// The epilogue of a warp whose rows are row0 + 16·mt + lane / 4 + {0, 8} (the mma.sync
// accumulator layout, also wgmma's warp by warp): the row sums across the quad, the smoothing
// term (see the top), the sink, normalise, store O (f16, bf16 or f32) and the LSE. Used by the
// Hopper kernel; quant_int8_fwd.cu has the same code written out (see there why).
template <int TM>
__device__ __forceinline__ void store_rows_int8(const Int8FwdParams& qp, int b, int h, int hk, int row0, int lane, const float (&o)[TM][DN_TILES][4],
                                                const float (&m_r)[TM][2], const float (&l_r)[TM][2], const float (&q_scale)[TM][2]) {
    const FwdParams& p = qp.f;
    const int Sq = p.seq_q;
    const float scale_log2 = p.scale * UMFA_LOG2E;
    (void)scale_log2;
    (void)hk;
#pragma unroll
    for (int mt = 0; mt < TM; ++mt)
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            float l = l_r[mt][r];
            l += __shfl_xor_sync(0xffffffffu, l, 1);
            l += __shfl_xor_sync(0xffffffffu, l, 2);
            // What the scores of this row left out, in log2 units: scale · q·mean.
            const int i = row0 + mt * 16 + (lane >> 2) + r * 8;
#if HAS_K_MEAN && !HAS_SOFTCAP
            const float shift = q_dot_mean(qp, b, h, hk, min(i, Sq - 1), lane) * q_scale[mt][r] * scale_log2;
#else
            const float shift = 0.0f;
            (void)q_scale;
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
