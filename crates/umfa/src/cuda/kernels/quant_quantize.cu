// The runtime quantizer on the device: f16/bf16/f32 [B, H, S, D] (any element strides) to
// contiguous INT8 with scales (and zero points, and a smoothing mean) per tensor, row, block or
// channel. Every formula is the CPU quantizer's (quant/quantizer.rs, quant/smooth.rs), evaluated
// in the same order and precision, so the tables and integers are the same bit for bit:
//   mean[b,h,d] = (f32)(Σ_s (f64)x / (f64)S), the sum sequential over s;
//   groups' [min, max] of x − mean (min and max are exact in any order);
//   symmetric scale = max|x| / qmax; asymmetric scale = (f32)((f64)max − (f64)min) / 255 over
//   the range widened to hold 0, zero point = rint(qmin − min / scale); a scale that is not
//   finite and > 0 becomes 1;
//   q = clamp(rint(x / scale) + zero point, qmin, qmax) (rint: ties to even).
// A non-finite input records the smallest linear index of one in `bad` (atomicMin: the same
// answer on every run).

struct QuantizeParams {
    u64 x, q, mean, ranges, scales, zero_points, bad;
    i64 x_stride[4];
    QuantGroups groups;
    int batch, heads, seq, dim;
    int x_dtype, symmetric, smooth, qmin, qmax, table_len;
};

__device__ __forceinline__ float x_at(const QuantizeParams& p, i64 bh, int s, int d) {
    const i64 b = bh / p.heads, h = bh % p.heads;
    return load_elem(p.x, p.x_dtype, offset4(p.x_stride, b, h, s, d));
}

__device__ __forceinline__ void note_bad(const QuantizeParams& p, float v, i64 bh, int s, int d) {
    if (!isfinite(v)) atomicMin((unsigned long long*)p.bad, (unsigned long long)((bh * p.seq + s) * p.dim + d));
}

// One thread per (b, h, d): the smoothing mean (sequential f64 sum, as the CPU's) and, for
// per-channel groups, the channel's [min, max] of x − mean.
extern "C" __global__ void umfa_quant_channels(const QuantizeParams p) {
    const i64 t = (i64)blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= (i64)p.batch * p.heads * p.dim) return;
    const i64 bh = t / p.dim;
    const int d = (int)(t % p.dim);
    float mean = 0.0f;
    if (p.smooth) {
        double acc = 0.0;
        for (int s = 0; s < p.seq; ++s) acc += (double)x_at(p, bh, s, d);
        mean = (float)(acc / (double)p.seq);
        ((float*)p.mean)[t] = mean;
    }
    if (p.groups.per_channel) {
        float lo = UMFA_NEG_INF * -1.0f, hi = UMFA_NEG_INF;
        for (int s = 0; s < p.seq; ++s) {
            const float x = x_at(p, bh, s, d);
            note_bad(p, x, bh, s, d);
            const float v = x - mean;
            lo = fminf(lo, v);
            hi = fmaxf(hi, v);
        }
        ((float2*)p.ranges)[t] = make_float2(lo, hi);
    }
}

// One warp per row (b, h, s): the row's [min, max] of x − mean.
extern "C" __global__ void umfa_quant_rows(const QuantizeParams p) {
    const i64 row = ((i64)blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    const int lane = threadIdx.x & 31;
    if (row >= (i64)p.batch * p.heads * p.seq) return;
    const i64 bh = row / p.seq;
    const int s = (int)(row % p.seq);
    float lo = UMFA_NEG_INF * -1.0f, hi = UMFA_NEG_INF;
    for (int d = lane; d < p.dim; d += 32) {
        const float x = x_at(p, bh, s, d);
        note_bad(p, x, bh, s, d);
        const float v = p.smooth ? x - ((const float*)p.mean)[bh * p.dim + d] : x;
        lo = fminf(lo, v);
        hi = fmaxf(hi, v);
    }
    for (int o = 16; o > 0; o >>= 1) {
        lo = fminf(lo, __shfl_xor_sync(0xffffffffu, lo, o));
        hi = fmaxf(hi, __shfl_xor_sync(0xffffffffu, hi, o));
    }
    if (lane == 0) ((float2*)p.ranges)[row] = make_float2(lo, hi);
}

// Scale and zero point of a group spanning [lo, hi]: `quantizer::group_params`.
__device__ __forceinline__ void store_params(const QuantizeParams& p, i64 g, float lo, float hi) {
    float scale;
    int zp = 0;
    if (p.symmetric || hi <= lo) {
        scale = fmaxf(fabsf(lo), fabsf(hi)) / (float)p.qmax;
    } else {
        lo = fminf(lo, 0.0f);
        hi = fmaxf(hi, 0.0f);
        scale = (float)((double)hi - (double)lo) / (float)(p.qmax - p.qmin);
    }
    if (!(scale > 0.0f && isfinite(scale))) scale = 1.0f;
    if (!p.symmetric && hi > lo) zp = min(max((int)rintf((float)p.qmin - lo / scale), p.qmin), p.qmax);
    ((float*)p.scales)[g] = scale;
    if (p.zero_points) ((int*)p.zero_points)[g] = zp;
}

// One thread per group of a per-row, per-block or per-channel table: folds its rows' ranges.
extern "C" __global__ void umfa_quant_group_params(const QuantizeParams p) {
    const i64 g = (i64)blockIdx.x * blockDim.x + threadIdx.x;
    if (g >= p.table_len) return;
    const float2* r = (const float2*)p.ranges;
    if (p.groups.per_channel) {
        store_params(p, g, r[g].x, r[g].y);
        return;
    }
    const i64 bh = g / p.groups.per_head;
    const int first = (int)(g % p.groups.per_head) * p.groups.rows;
    const int last = min(first + p.groups.rows, p.seq);
    float lo = r[bh * p.seq + first].x, hi = r[bh * p.seq + first].y;
    for (int s = first + 1; s < last; ++s) {
        lo = fminf(lo, r[bh * p.seq + s].x);
        hi = fmaxf(hi, r[bh * p.seq + s].y);
    }
    store_params(p, g, lo, hi);
}

// One block of 1024 threads: the per-tensor range over every row's, then its one scale.
extern "C" __global__ void __launch_bounds__(1024) umfa_quant_tensor_params(const QuantizeParams p) {
    __shared__ float lo_s[32], hi_s[32];
    const i64 rows = (i64)p.batch * p.heads * p.seq;
    const float2* r = (const float2*)p.ranges;
    float lo = UMFA_NEG_INF * -1.0f, hi = UMFA_NEG_INF;
    for (i64 i = threadIdx.x; i < rows; i += blockDim.x) {
        lo = fminf(lo, r[i].x);
        hi = fmaxf(hi, r[i].y);
    }
    for (int o = 16; o > 0; o >>= 1) {
        lo = fminf(lo, __shfl_xor_sync(0xffffffffu, lo, o));
        hi = fmaxf(hi, __shfl_xor_sync(0xffffffffu, hi, o));
    }
    const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
    if (lane == 0) { lo_s[warp] = lo; hi_s[warp] = hi; }
    __syncthreads();
    if (warp == 0) {
        const int n = blockDim.x >> 5;
        lo = lane < n ? lo_s[lane] : UMFA_NEG_INF * -1.0f;
        hi = lane < n ? hi_s[lane] : UMFA_NEG_INF;
        for (int o = 16; o > 0; o >>= 1) {
            lo = fminf(lo, __shfl_xor_sync(0xffffffffu, lo, o));
            hi = fmaxf(hi, __shfl_xor_sync(0xffffffffu, hi, o));
        }
        if (lane == 0) store_params(p, 0, lo, hi);
    }
}

// One thread per element of the contiguous INT8 output.
extern "C" __global__ void umfa_quant_apply(const QuantizeParams p) {
    const i64 e = (i64)blockIdx.x * blockDim.x + threadIdx.x;
    if (e >= (i64)p.batch * p.heads * p.seq * p.dim) return;
    const int d = (int)(e % p.dim);
    const int s = (int)(e / p.dim % p.seq);
    const i64 bh = e / ((i64)p.dim * p.seq);
    float v = x_at(p, bh, s, d);
    if (p.smooth) v = v - ((const float*)p.mean)[bh * p.dim + d];
    const i64 g = group_of(p.groups, bh, s, d);
    const float scale = ((const float*)p.scales)[g];
    const int zp = p.zero_points ? ((const int*)p.zero_points)[g] : 0;
    const float r = rintf(fminf(fmaxf(v / scale, -4.0e6f), 4.0e6f));
    ((signed char*)p.q)[e] = (signed char)min(max((int)r + zp, p.qmin), p.qmax);
}
