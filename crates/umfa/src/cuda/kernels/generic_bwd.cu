// The generic backward: every feature, any head dims up to 512, any strides and dtypes, f32 all
// the way, and deterministic (each gradient element is summed by one warp in a fixed order; no
// atomics). Five kernels, launched in this order by cuda/backward.rs:
//
//   umfa_bwd_delta   delta[b,h,i] = Σ_c dO·O − dLSE, and LSE in log2 units (also for the
//                    tensor-core backward); padding rows up to `delta_rows` get 0 and +inf
//   umfa_bwd_dq      dQ, one warp per query row
//   umfa_bwd_dkdv    dK and dV, one warp per key, summing the query heads of its GQA group
//   umfa_bwd_dsinks  dSink[h] = −Σ_{b,i} exp(sink − LSE)·delta, one block per head
//   umfa_bwd_dbias   dBias, one warp per element of the bias's own shape, summing what broadcasts
//   umfa_bwd_dq_convert  the fast mode's dQ from its f32 accumulator (see mma_bwd.cu)
//
// With P = exp(s − LSE) and dP = dO·V, the score gradient is dS = P·(dP − delta); the gradient of
// the scaled dot product is dS times the softcap slope, and dQ, dK carry the scale once at the end.
// An upstream gradient of the LSE enters only through delta (d LSE_i / d s_ij = P_ij), so every
// kernel that reads the delta table — these, mma_bwd.cu's and wgmma_bwd.cu's — and the sinks'
// gradient take it without knowing it exists.

#define GB_WARPS 4
#define GB_MAX_D 512
#define GB_COLS (GB_MAX_D / 32)

// A 16-bit value of `dtype` (f16 or bf16) as f32.
__device__ __forceinline__ float half_to_f32(unsigned x, int dtype) {
    return dtype == UMFA_BF16 ? bf16_bits_to_f32((unsigned short)x) : f16_bits_to_f32((unsigned short)x);
}

// dLSE of row i, or 0: without one, and on a fully masked row (LSE = −inf), where P = 0 and a
// NaN or infinite dLSE must not turn 0·(dP − delta) into NaN.
__device__ __forceinline__ float lse_gradient(const BwdParams& bp, int b, int h, int i) {
    if (!bp.d_lse) return 0.0f;
    const FwdParams& p = bp.f;
    if (((const float*)p.lse)[offset4(p.lse_stride, b, h, i, 0)] == UMFA_NEG_INF) return 0.0f;
    return ((const float*)bp.d_lse)[offset4(bp.d_lse_stride, b, h, i, 0)];
}

// umfa_bwd_delta and umfa_bwd_dq_convert give a row GB_ROW_LANES lanes, so that a warp has
// several rows' loads in flight: with a whole warp per row (half of it idle at D = 128, three
// quarters at D = 64) the two took 0.25 ms of G1's backward and 0.20 ms of G2's (H100), far from
// the bandwidth bound. Geometry: `ROWS_PER_WARP_PREP` in generic.rs.
#define GB_ROW_LANES 8
#define GB_ROWS_PER_WARP (32 / GB_ROW_LANES)

// Sum over the GB_ROW_LANES lanes of one row; every lane of the warp must take part.
__device__ __forceinline__ float row_lanes_sum(float x) {
#pragma unroll
    for (int o = GB_ROW_LANES / 2; o > 0; o >>= 1) x += __shfl_xor_sync(0xffffffffu, x, o);
    return x;
}

extern "C" __global__ void __launch_bounds__(GB_WARPS * 32) umfa_bwd_delta(const BwdParams bp) {
    const FwdParams& p = bp.f;
    const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31, sub = lane % GB_ROW_LANES;
    const int i = (blockIdx.x * GB_WARPS + warp) * GB_ROWS_PER_WARP + lane / GB_ROW_LANES, h = blockIdx.y, b = blockIdx.z;
    // delta_rows is a multiple of 64: a warp's rows are all inside or all past it, so this return
    // leaves no lane of a live warp out of the shuffles below.
    if (i >= bp.delta_rows) return;
    if (bp.dq_acc) {
        // The fast mode's dQ accumulator row, zeroed here rather than by a memset of its own.
        float* acc_row = (float*)bp.dq_acc + delta_index(bp, b, h, i) * p.head_dim;
        if ((p.head_dim & 3) == 0)
            for (int c = sub; c < p.head_dim / 4; c += GB_ROW_LANES) ((float4*)acc_row)[c] = make_float4(0.f, 0.f, 0.f, 0.f);
        else
            for (int c = sub; c < p.head_dim; c += GB_ROW_LANES) acc_row[c] = 0.0f;
    }
    const bool live = i < p.seq_q;  // padding rows up to delta_rows get 0 and +inf
    float acc = 0.0f;
    if (live) {
        const i64 oo = offset4(p.o_stride, b, h, i, 0), go = offset4(bp.d_out_stride, b, h, i, 0);
        if (bp.vec_rows) {
            // 16-bit O and dO with aligned contiguous rows: eight elements per 16-byte load.
            const uint4* o4 = (const uint4*)((const unsigned short*)p.o + oo);
            const uint4* g4 = (const uint4*)((const unsigned short*)bp.d_out + go);
#pragma unroll 2
            for (int c = sub; c < p.head_dim_v / 8; c += GB_ROW_LANES) {
                const uint4 x = o4[c], y = g4[c];
                const unsigned xs[4] = {x.x, x.y, x.z, x.w}, ys[4] = {y.x, y.y, y.z, y.w};
#pragma unroll
                for (int k = 0; k < 4; ++k) {
                    acc = fmaf(half_to_f32(xs[k] & 0xffff, p.out_dtype), half_to_f32(ys[k] & 0xffff, bp.d_out_dtype), acc);
                    acc = fmaf(half_to_f32(xs[k] >> 16, p.out_dtype), half_to_f32(ys[k] >> 16, bp.d_out_dtype), acc);
                }
            }
        } else {
            for (int c = sub; c < p.head_dim_v; c += GB_ROW_LANES)
                acc = fmaf(load_elem(p.o, p.out_dtype, oo + c * p.o_stride[3]),
                           load_elem(bp.d_out, bp.d_out_dtype, go + c * bp.d_out_stride[3]), acc);
        }
    }
    acc = row_lanes_sum(acc);
    if (sub == 0) {
        const i64 at = delta_index(bp, b, h, i);
        ((float*)bp.delta)[at] = live ? acc - lse_gradient(bp, b, h, i) : 0.0f;
        ((float*)lse2_table(bp))[at] = live ? lse_log2(p, b, h, i) : __int_as_float(0x7f800000);
    }
}

// The rows i whose band can reach key j: [j − hi, j − lo] ∩ [0, Sq).
__device__ __forceinline__ void band_rows(const FwdParams& p, int j, i64* lo, i64* hi) {
    *lo = p.has_hi ? max((i64)0, (i64)j - p.band_hi) : 0;
    *hi = p.has_lo ? min((i64)p.seq_q, (i64)j - p.band_lo + 1) : (i64)p.seq_q;
}

// The keys j row i's band reaches: [i + lo, i + hi] ∩ [0, Sk).
__device__ __forceinline__ void band_keys(const FwdParams& p, int i, i64* lo, i64* hi) {
    *lo = p.has_lo ? max((i64)0, (i64)i + p.band_lo) : 0;
    *hi = p.has_hi ? min((i64)p.seq_kv, (i64)i + p.band_hi + 1) : (i64)p.seq_kv;
}

// One element's score gradient (before the softcap slope) and P: the recomputed forward.
// `q`, `g` are the row's Q and dO in shared memory; returns false where j is not visible.
__device__ __forceinline__ bool element_grad(const BwdParams& bp, int b, int h, int i, int j,
                                             const float* q, const float* g, float lse2, float delta,
                                             float* p_out, float* ds_out, float* slope_out) {
    const FwdParams& p = bp.f;
    if (!key_visible(p, b, h, i, j)) return false;
    const int hk = h / p.group;
    const i64 ko = offset4(p.k_stride, b, hk, j, 0), vo = offset4(p.v_stride, b, hk, j, 0);
    float dot = 0.0f, dp = 0.0f;
    for (int c = 0; c < p.head_dim; ++c) dot = fmaf(q[c], load_elem(p.k, p.in_dtype, ko + c * p.k_stride[3]), dot);
    for (int c = 0; c < p.head_dim_v; ++c) dp = fmaf(g[c], load_elem(p.v, p.in_dtype, vo + c * p.v_stride[3]), dp);
    const float s = score_and_slope(p, dot, b, h, i, j, slope_out);
    const float pr = exp2f(s * UMFA_LOG2E - lse2);
    *p_out = pr;
    *ds_out = pr * (dp - delta);
    return true;
}

extern "C" __global__ void __launch_bounds__(GB_WARPS * 32) umfa_bwd_dq(const BwdParams bp) {
    const FwdParams& p = bp.f;
    __shared__ float q_row[GB_WARPS][GB_MAX_D];
    __shared__ float g_row[GB_WARPS][GB_MAX_D];
    const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
    const int i = blockIdx.x * GB_WARPS + warp, h = blockIdx.y, b = blockIdx.z;
    if (i >= p.seq_q) return;  // whole warps leave; only warp-level sync below
    const int hk = h / p.group;
    for (int c = lane; c < p.head_dim; c += 32)
        q_row[warp][c] = load_elem(p.q, p.in_dtype, offset4(p.q_stride, b, h, i, c));
    for (int c = lane; c < p.head_dim_v; c += 32)
        g_row[warp][c] = load_elem(bp.d_out, bp.d_out_dtype, offset4(bp.d_out_stride, b, h, i, c));
    __syncwarp();
    const float lse2 = lse_log2(p, b, h, i);
    const float delta = ((const float*)bp.delta)[delta_index(bp, b, h, i)];
    float acc[GB_COLS];
#pragma unroll
    for (int t = 0; t < GB_COLS; ++t) acc[t] = 0.0f;
    i64 start, end;
    band_keys(p, i, &start, &end);
    for (i64 j0 = start; j0 < end; j0 += 32) {
        const int j = (int)(j0 + lane);
        float pr = 0.0f, ds = 0.0f, slope = 1.0f;
        if (j < end) element_grad(bp, b, h, i, j, q_row[warp], g_row[warp], lse2, delta, &pr, &ds, &slope);
        ds *= slope;
        for (int kk = 0; kk < 32; ++kk) {
            const float d = __shfl_sync(0xffffffffu, ds, kk);
            if (d == 0.0f) continue;  // uniform across the warp
            const i64 ko = offset4(p.k_stride, b, hk, j0 + kk, 0);
#pragma unroll
            for (int t = 0; t < GB_COLS; ++t) {
                const int c = lane + 32 * t;
                if (c < p.head_dim) acc[t] = fmaf(d, load_elem(p.k, p.in_dtype, ko + c * p.k_stride[3]), acc[t]);
            }
        }
    }
    const i64 o = offset4(bp.dq_stride, b, h, i, 0);
#pragma unroll
    for (int t = 0; t < GB_COLS; ++t) {
        const int c = lane + 32 * t;
        if (c < p.head_dim) store_elem(bp.dq, bp.dq_dtype, o + c * bp.dq_stride[3], acc[t] * p.scale);
    }
}

extern "C" __global__ void __launch_bounds__(GB_WARPS * 32) umfa_bwd_dkdv(const BwdParams bp) {
    const FwdParams& p = bp.f;
    // Per lane: the Q and dO rows of its query row are read from global memory; the key's own K
    // and V rows are what the warp shares.
    __shared__ float k_row[GB_WARPS][GB_MAX_D];
    __shared__ float v_row[GB_WARPS][GB_MAX_D];
    const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
    const int j = blockIdx.x * GB_WARPS + warp, hk = blockIdx.y, b = blockIdx.z;
    if (j >= p.seq_kv) return;
    for (int c = lane; c < p.head_dim; c += 32)
        k_row[warp][c] = load_elem(p.k, p.in_dtype, offset4(p.k_stride, b, hk, j, c));
    for (int c = lane; c < p.head_dim_v; c += 32)
        v_row[warp][c] = load_elem(p.v, p.in_dtype, offset4(p.v_stride, b, hk, j, c));
    __syncwarp();
    float dk[GB_COLS], dv[GB_COLS];
#pragma unroll
    for (int t = 0; t < GB_COLS; ++t) dk[t] = dv[t] = 0.0f;
    i64 start, end;
    band_rows(p, j, &start, &end);
    for (int g = 0; g < p.group; ++g) {
        const int h = hk * p.group + g;
        for (i64 i0 = start; i0 < end; i0 += 32) {
            const int i = (int)(i0 + lane);
            float pr = 0.0f, ds = 0.0f;
            if (i < end && key_visible(p, b, h, i, j)) {
                const i64 qo = offset4(p.q_stride, b, h, i, 0), go = offset4(bp.d_out_stride, b, h, i, 0);
                float dot = 0.0f, dp = 0.0f;
                for (int c = 0; c < p.head_dim; ++c)
                    dot = fmaf(load_elem(p.q, p.in_dtype, qo + c * p.q_stride[3]), k_row[warp][c], dot);
                for (int c = 0; c < p.head_dim_v; ++c)
                    dp = fmaf(load_elem(bp.d_out, bp.d_out_dtype, go + c * bp.d_out_stride[3]), v_row[warp][c], dp);
                float slope;
                const float s = score_and_slope(p, dot, b, h, i, j, &slope);
                pr = exp2f(s * UMFA_LOG2E - lse_log2(p, b, h, i));
                ds = pr * (dp - ((const float*)bp.delta)[delta_index(bp, b, h, i)]) * slope;
            }
            for (int kk = 0; kk < 32; ++kk) {
                const float pk = __shfl_sync(0xffffffffu, pr, kk);
                const float dk_k = __shfl_sync(0xffffffffu, ds, kk);
                if (pk == 0.0f && dk_k == 0.0f) continue;  // uniform across the warp
                const int r = (int)(i0 + kk);
                const i64 qo = offset4(p.q_stride, b, h, r, 0), go = offset4(bp.d_out_stride, b, h, r, 0);
#pragma unroll
                for (int t = 0; t < GB_COLS; ++t) {
                    const int c = lane + 32 * t;
                    if (c < p.head_dim_v) dv[t] = fmaf(pk, load_elem(bp.d_out, bp.d_out_dtype, go + c * bp.d_out_stride[3]), dv[t]);
                    if (c < p.head_dim) dk[t] = fmaf(dk_k, load_elem(p.q, p.in_dtype, qo + c * p.q_stride[3]), dk[t]);
                }
            }
        }
    }
    const i64 ko = offset4(bp.dk_stride, b, hk, j, 0), vo = offset4(bp.dv_stride, b, hk, j, 0);
#pragma unroll
    for (int t = 0; t < GB_COLS; ++t) {
        const int c = lane + 32 * t;
        if (c < p.head_dim) store_elem(bp.dk, bp.dk_dtype, ko + c * bp.dk_stride[3], dk[t] * p.scale);
        if (c < p.head_dim_v) store_elem(bp.dv, bp.dv_dtype, vo + c * bp.dv_stride[3], dv[t]);
    }
}

#define SINK_THREADS 256

extern "C" __global__ void __launch_bounds__(SINK_THREADS) umfa_bwd_dsinks(const BwdParams bp) {
    const FwdParams& p = bp.f;
    __shared__ float part[SINK_THREADS];
    const int h = blockIdx.x;
    const float sink = ((const float*)p.sinks)[offset4(p.sinks_stride, 0, h, 0, 0)];
    float acc = 0.0f;
    const i64 rows = (i64)p.batch * p.seq_q;
    for (i64 r = threadIdx.x; r < rows; r += SINK_THREADS) {
        const int b = (int)(r / p.seq_q), i = (int)(r % p.seq_q);
        const float lse = ((const float*)p.lse)[offset4(p.lse_stride, b, h, i, 0)];
        if (lse != UMFA_NEG_INF) acc -= expf(sink - lse) * ((const float*)bp.delta)[delta_index(bp, b, h, i)];
    }
    part[threadIdx.x] = acc;
    __syncthreads();
    for (int w = SINK_THREADS / 2; w > 0; w >>= 1) {
        if (threadIdx.x < w) part[threadIdx.x] += part[threadIdx.x + w];
        __syncthreads();
    }
    if (threadIdx.x == 0) ((float*)bp.d_sinks)[offset4(bp.d_sinks_stride, 0, h, 0, 0)] = part[0];
}

// dBias: the bias broadcasts over every dimension where its own shape is 1, so each of its
// elements is the sum of dS over those dimensions. One warp per element; lanes take the summed
// positions in a fixed interleave and the warp adds them in a fixed tree: deterministic.
extern "C" __global__ void __launch_bounds__(GB_WARPS * 32) umfa_bwd_dbias(const BwdParams bp) {
    const FwdParams& p = bp.f;
    const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
    const int* shape = bp.d_bias_shape;
    const i64 elems = (i64)shape[0] * shape[1] * shape[2] * shape[3];
    const i64 e = (i64)blockIdx.x * GB_WARPS + warp;
    if (e >= elems) return;
    const int jj = (int)(e % shape[3]), ii = (int)(e / shape[3] % shape[2]);
    const int hh = (int)(e / ((i64)shape[3] * shape[2]) % shape[1]), bb = (int)(e / ((i64)shape[3] * shape[2] * shape[1]));
    // Extents summed over: the full problem dimension where the bias broadcasts, else one.
    const int nb = shape[0] == 1 ? p.batch : 1, nh = shape[1] == 1 ? p.heads_q : 1;
    const int ni = shape[2] == 1 ? p.seq_q : 1, nj = shape[3] == 1 ? p.seq_kv : 1;
    const i64 terms = (i64)nb * nh * ni * nj;
    float acc = 0.0f;
    for (i64 t = lane; t < terms; t += 32) {
        const int j = nj == 1 ? jj : (int)(t % nj);
        const int i = ni == 1 ? ii : (int)(t / nj % ni);
        const int h = nh == 1 ? hh : (int)(t / ((i64)nj * ni) % nh);
        const int b = nb == 1 ? bb : (int)(t / ((i64)nj * ni * nh));
        if (!key_visible(p, b, h, i, j)) continue;
        const int hk = h / p.group;
        const i64 qo = offset4(p.q_stride, b, h, i, 0), ko = offset4(p.k_stride, b, hk, j, 0);
        const i64 go = offset4(bp.d_out_stride, b, h, i, 0), vo = offset4(p.v_stride, b, hk, j, 0);
        float dot = 0.0f, dp = 0.0f;
        for (int c = 0; c < p.head_dim; ++c)
            dot = fmaf(load_elem(p.q, p.in_dtype, qo + c * p.q_stride[3]), load_elem(p.k, p.in_dtype, ko + c * p.k_stride[3]), dot);
        for (int c = 0; c < p.head_dim_v; ++c)
            dp = fmaf(load_elem(bp.d_out, bp.d_out_dtype, go + c * bp.d_out_stride[3]), load_elem(p.v, p.in_dtype, vo + c * p.v_stride[3]), dp);
        float slope;
        const float s = score_and_slope(p, dot, b, h, i, j, &slope);
        const float pr = exp2f(s * UMFA_LOG2E - lse_log2(p, b, h, i));
        acc += pr * (dp - ((const float*)bp.delta)[delta_index(bp, b, h, i)]);
    }
    acc = warp_sum(acc);
    if (lane == 0) ((float*)bp.d_bias)[offset4(bp.d_bias_stride, bb, hh, ii, jj)] = acc;
}

// The fast mode's last step: dQ = scale · the f32 accumulator, in dQ's dtype and layout.
extern "C" __global__ void __launch_bounds__(GB_WARPS * 32) umfa_bwd_dq_convert(const BwdParams bp) {
    const FwdParams& p = bp.f;
    const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31, sub = lane % GB_ROW_LANES;
    const int i = (blockIdx.x * GB_WARPS + warp) * GB_ROWS_PER_WARP + lane / GB_ROW_LANES, h = blockIdx.y, b = blockIdx.z;
    if (i >= p.seq_q) return;
    const float* src = (const float*)bp.dq_acc + (delta_index(bp, b, h, i)) * p.head_dim;
    const i64 o = offset4(bp.dq_stride, b, h, i, 0);
    if (bp.dq_dtype != UMFA_F32 && bp.dq_stride[3] == 1 && (p.head_dim & 3) == 0 && ((bp.dq + 2 * o) & 7) == 0) {
        // 16-bit dQ, contiguous and 8-byte aligned rows: four elements per load and per store.
        const float4* src4 = (const float4*)src;
        uint2* dst = (uint2*)((unsigned short*)bp.dq + o);
#pragma unroll 4
        for (int c = sub; c < p.head_dim / 4; c += GB_ROW_LANES) {
            const float4 x = src4[c];
            uint2 y;
            y.x = pack_pair(bp.dq_dtype, x.x * p.scale, x.y * p.scale);
            y.y = pack_pair(bp.dq_dtype, x.z * p.scale, x.w * p.scale);
            dst[c] = y;
        }
        return;
    }
    for (int c = sub; c < p.head_dim; c += GB_ROW_LANES)
        store_elem(bp.dq, bp.dq_dtype, o + c * bp.dq_stride[3], src[c] * p.scale);
}
