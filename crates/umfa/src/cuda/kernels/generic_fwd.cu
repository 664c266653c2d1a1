// The generic forward: every feature, any head dims up to 512, any strides, any dtype, f32 all the
// way. One warp per query row; each lane scores one key of a 32-key chunk, then the warp folds
// the chunk into an online softmax and accumulates P·V with lanes owning output columns.
// It is the correctness path (odd head dims, f32 inputs or outputs, unaligned views), not the
// fast one.

#define GEN_WARPS 4
#define GEN_MAX_D 512
#define GEN_COLS (GEN_MAX_D / 32)

extern "C" __global__ void __launch_bounds__(GEN_WARPS * 32) umfa_fwd_generic(const FwdParams p) {
    __shared__ float q_row[GEN_WARPS][GEN_MAX_D];
    const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
    const int i = blockIdx.x * GEN_WARPS + warp;
    const int h = blockIdx.y, b = blockIdx.z;
    if (i >= p.seq_q) return;  // whole warps leave; only warp-level sync below
    const int hk = h / p.group;
    const int D = p.head_dim, Dv = p.head_dim_v, Sk = p.seq_kv;

    for (int c = lane; c < D; c += 32)
        q_row[warp][c] = load_elem(p.q, p.in_dtype, offset4(p.q_stride, b, h, i, c));
    __syncwarp();

    // The band's keys for this row; everything else is decided key by key.
    i64 start = p.has_lo ? (i64)i + p.band_lo : 0;
    i64 end = p.has_hi ? (i64)i + p.band_hi + 1 : (i64)Sk;
    if (start < 0) start = 0;
    if (end > Sk) end = Sk;

    float m = UMFA_NEG_INF, l = 0.0f;
    float acc[GEN_COLS];
#pragma unroll
    for (int t = 0; t < GEN_COLS; ++t) acc[t] = 0.0f;

    for (i64 j0 = start; j0 < end; j0 += 32) {
        const int j = (int)(j0 + lane);
        bool vis = j < end && key_visible(p, b, h, i, j);
        float s = UMFA_NEG_INF;
        if (vis) {
            const i64 ko = offset4(p.k_stride, b, hk, j, 0);
            float dot = 0.0f;
            for (int c = 0; c < D; ++c) dot = fmaf(q_row[warp][c], load_elem(p.k, p.in_dtype, ko + c * p.k_stride[3]), dot);
            s = score_of(p, dot, b, h, i, j);
        }
        if (!__any_sync(0xffffffffu, vis)) continue;  // an empty chunk: no V read
        const float m_new = fmaxf(m, warp_max(s));
        if (m_new == UMFA_NEG_INF) continue;  // every visible score is -inf so far
        const float alpha = expf(m - m_new);
        const float pj = expf(s - m_new);
        l = l * alpha + warp_sum(pj);
#pragma unroll
        for (int t = 0; t < GEN_COLS; ++t) acc[t] *= alpha;
        m = m_new;
        for (int kk = 0; kk < 32; ++kk) {
            const float pk = __shfl_sync(0xffffffffu, pj, kk);
            if (pk == 0.0f) continue;  // uniform: every lane holds the same pk
            const i64 vo = offset4(p.v_stride, b, hk, j0 + kk, 0);
#pragma unroll
            for (int t = 0; t < GEN_COLS; ++t) {
                const int c = lane + 32 * t;
                if (c < Dv) acc[t] = fmaf(pk, load_elem(p.v, p.in_dtype, vo + c * p.v_stride[3]), acc[t]);
            }
        }
    }

    // Sinks join the denominator; a row with nothing (no key, no sink) is O = 0, LSE = -inf.
    float m_all = m, o_scale, lse;
    if (p.sinks) {
        const float sink = ((const float*)p.sinks)[offset4(p.sinks_stride, 0, h, 0, 0)];
        m_all = fmaxf(m, sink);
        const float w = expf(m - m_all);
        l = l * w + expf(sink - m_all);
        o_scale = w / l;
    } else {
        o_scale = l > 0.0f ? 1.0f / l : 0.0f;
    }
    if (m_all == UMFA_NEG_INF || l == 0.0f) {
        o_scale = 0.0f;
        lse = UMFA_NEG_INF;
    } else {
        lse = m_all + logf(l);
    }
    const i64 oo = offset4(p.o_stride, b, h, i, 0);
#pragma unroll
    for (int t = 0; t < GEN_COLS; ++t) {
        const int c = lane + 32 * t;
        if (c < Dv) store_elem(p.o, p.out_dtype, oo + c * p.o_stride[3], acc[t] * o_scale);
    }
    if (p.lse && lane == 0) ((float*)p.lse)[offset4(p.lse_stride, b, h, i, 0)] = lse;
}
