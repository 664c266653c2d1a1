// The runtime quantizer on the device: f16/bf16/f32 [B, H, S, D] (any element strides) to
// contiguous INT8 (or INT4 packed two per byte) with scales (and zero points, and a smoothing
// mean) per tensor, row, block or channel. Every formula is the CPU quantizer's
// (quant/quantizer.rs, quant/smooth.rs), evaluated in the same order and precision, so the tables
// and integers are the same bit for bit:
//   mean[b,h,d] = (f32)(Σ_runs Σ_{s in run} (f64)x / (f64)S): runs of `run_rows` rows from row 0,
//   each summed in row order from 0.0, the runs' sums added in run order from 0.0 (the host's
//   `smooth::channel_mean`);
//   groups' [min, max] of x − mean (min and max are exact in any order, and rounding is monotone,
//   so a channel's min of x − mean is its min of x, minus the mean);
//   symmetric scale = max|x| / qmax; asymmetric scale = (f32)((f64)max − (f64)min) / 255 over
//   the range widened to hold 0, zero point = rint(qmin − min / scale); a scale that is not
//   finite and > 0 becomes 1;
//   q = clamp(rint(x / scale) + zero point, qmin, qmax) (rint: ties to even).
// A non-finite input records the smallest linear index of one in `bad` (atomicMin: the same
// answer on every run).
//
// Memory traffic (the quantizer is memory bound): x is read 8 values (16 or 32 bytes) per thread
// per load where rows are contiguous and 16-byte aligned (`vec`), written 8 bytes (INT4: 4) per
// store. Per row or block: one kernel (the group's range, then its integers; the second read
// hits L1/L2), after the mean's two when smoothed. Per channel or tensor: `umfa_quant_colstats`
// (the mean's run sums and the channels' run ranges in one read), `umfa_quant_colfinal` (tiny),
// then `umfa_quant_apply`.

// `runs` = ceil(seq / run_rows): runs of `run_rows` rows (the mean's order). `vec`: rows
// contiguous and 16-byte aligned, dim a multiple of 8 (8-wide loads and stores). `col_ranges`:
// umfa_quant_colstats also computes the channels' run ranges (per channel, per tensor). `seg`
// (umfa_quant_rowgroups): lanes per group (a power of two ≤ 32: warp segments), or 0: one block
// of 256 threads per group. `int4`: INT4 output (packed two per byte), after the clipping search.
// No comments inside the struct: params.rs's test reads its fields.
struct QuantizeParams {
    u64 x, q, mean, sums, run_ranges, ranges, scales, zero_points, bad;
    i64 x_stride[4];
    QuantGroups groups;
    int batch, heads, seq, dim;
    int x_dtype, symmetric, smooth, qmin, qmax, table_len;
    int runs, run_rows, vec, col_ranges, seg, int4;
};

#define QVEC 8

__device__ __forceinline__ bool is_finite_f(float v) { return fabsf(v) <= 3.402823466e38f; }

// a / b for non-negative a, b > 0: 32-bit division where both fit (64-bit division is a long
// software sequence).
__device__ __forceinline__ i64 qdiv(i64 a, i64 b) {
    return ((a | b) >> 31) == 0 ? (i64)((unsigned)a / (unsigned)b) : a / b;
}

// Element offset of head bh's first value (computed once per thread).
__device__ __forceinline__ i64 head_offset(const QuantizeParams& p, i64 bh) {
    const i64 b = qdiv(bh, p.heads);
    return b * p.x_stride[0] + (bh - b * p.heads) * p.x_stride[1];
}

__device__ __forceinline__ i64 x_offset(const QuantizeParams& p, i64 hoff, int s, int d) {
    return hoff + (i64)s * p.x_stride[2] + (i64)d * p.x_stride[3];
}

// Values d0 .. d0 + 7 of row (bh, s) as f32 (0 beyond the row's end). Returns whether all of
// them are finite.
__device__ __forceinline__ bool load8(const QuantizeParams& p, i64 hoff, int s, int d0, float* v) {
    const i64 off = x_offset(p, hoff, s, d0);
    if (p.vec) {
        if (p.x_dtype == UMFA_F32) {
            const float4 a = ((const float4*)p.x)[off >> 2];
            const float4 b = ((const float4*)p.x)[(off >> 2) + 1];
            v[0] = a.x; v[1] = a.y; v[2] = a.z; v[3] = a.w;
            v[4] = b.x; v[5] = b.y; v[6] = b.z; v[7] = b.w;
        } else {
            const uint4 u = ((const uint4*)p.x)[off >> 3];
            const unsigned w[4] = {u.x, u.y, u.z, u.w};
#pragma unroll
            for (int i = 0; i < 4; ++i) {
                const unsigned short lo = (unsigned short)(w[i] & 0xffffu), hi = (unsigned short)(w[i] >> 16);
                v[2 * i] = p.x_dtype == UMFA_BF16 ? bf16_bits_to_f32(lo) : f16_bits_to_f32(lo);
                v[2 * i + 1] = p.x_dtype == UMFA_BF16 ? bf16_bits_to_f32(hi) : f16_bits_to_f32(hi);
            }
        }
    } else {
#pragma unroll
        for (int i = 0; i < QVEC; ++i)
            v[i] = d0 + i < p.dim ? load_elem(p.x, p.x_dtype, off + (i64)i * p.x_stride[3]) : 0.0f;
    }
    bool ok = true;
#pragma unroll
    for (int i = 0; i < QVEC; ++i) ok &= is_finite_f(v[i]);
    return ok;
}

// Records the first non-finite value among d0 .. d0 + 7 of row (bh, s) (the rare slow path: it
// reads them again).
__device__ __forceinline__ void note_bad8(const QuantizeParams& p, i64 hoff, i64 bh, int s, int d0) {
    const i64 off = x_offset(p, hoff, s, d0);
    for (int i = 0; i < QVEC && d0 + i < p.dim; ++i)
        if (!is_finite_f(load_elem(p.x, p.x_dtype, off + (i64)i * p.x_stride[3]))) {
            atomicMin((unsigned long long*)p.bad, (unsigned long long)((bh * p.seq + s) * p.dim + d0 + i));
            return;
        }
}

// Subtracts the mean of channels d0 .. d0 + 7 (smoothing).
__device__ __forceinline__ void sub_mean8(const QuantizeParams& p, i64 bh, int d0, float* v) {
    if (!p.smooth) return;
    const float* m = (const float*)p.mean + bh * p.dim + d0;
    if (p.vec) {
        const float4 a = ((const float4*)m)[0], b = ((const float4*)m)[1];
        v[0] -= a.x; v[1] -= a.y; v[2] -= a.z; v[3] -= a.w;
        v[4] -= b.x; v[5] -= b.y; v[6] -= b.z; v[7] -= b.w;
    } else {
#pragma unroll
        for (int i = 0; i < QVEC; ++i)
            if (d0 + i < p.dim) v[i] -= m[i];
    }
}

// The integer `v` quantizes to: the host's `quantize_one`, rint(v / scale) with the quotient
// correctly rounded. `rcp` = 1 / scale (rounded): v · rcp is within 2⁻²² relative of the
// rounded quotient, so it rounds to the same integer unless it lies near a half-integer, where
// (and for non-finite products) the exact division decides.
__device__ __forceinline__ int quantize_one(float v, float scale, float rcp, int zp, int qmin, int qmax) {
    float y = __fmul_rn(v, rcp);
    const float fr = __fsub_rn(y, floorf(y));
    if (!(fabsf(fr - 0.5f) > 1.0e-5f * fmaxf(1.0f, fabsf(y)))) y = __fdiv_rn(v, scale);
    const float r = rintf(fminf(fmaxf(y, -4.0e6f), 4.0e6f));
    return min(max((int)r + zp, qmin), qmax);
}

// Stores the integers of values d0 .. d0 + 7 of row (bh, s) (INT8 bytes, or INT4 nibbles).
__device__ __forceinline__ void store8(const QuantizeParams& p, i64 bh, int s, int d0, const int* q) {
    const i64 e = (bh * p.seq + s) * p.dim + d0;
    if (p.vec) {
        if (p.int4) {
            unsigned w = 0;
#pragma unroll
            for (int i = 0; i < QVEC; ++i) w |= ((unsigned)q[i] & 0xfu) << (4 * i);
            ((unsigned*)p.q)[e >> 3] = w;
        } else {
            unsigned lo = 0, hi = 0;
#pragma unroll
            for (int i = 0; i < 4; ++i) {
                lo |= ((unsigned)q[i] & 0xffu) << (8 * i);
                hi |= ((unsigned)q[i + 4] & 0xffu) << (8 * i);
            }
            ((uint2*)p.q)[e >> 3] = make_uint2(lo, hi);
        }
    } else {
        // (INT4 takes the vectorised path only: the host checks.)
        for (int i = 0; i < QVEC; ++i)
            if (d0 + i < p.dim) ((signed char*)p.q)[e + i] = (signed char)q[i];
    }
}

// Pass 1 of the column statistics: thread (bh, run, channel vector) sums its 8 channels over the
// run's rows in row order in f64 (the smoothing mean's run sums) and, with `col_ranges`, their
// [min, max] of x; one read of x, coalesced along the channels.
extern "C" __global__ void __launch_bounds__(256) umfa_quant_colstats(const QuantizeParams p) {
    const int cpt = (p.dim + QVEC - 1) / QVEC;
    const i64 t = (i64)blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= (i64)p.batch * p.heads * p.runs * cpt) return;
    const i64 br = qdiv(t, cpt);
    const int d0 = (int)(t - br * cpt) * QVEC;
    const i64 bh = qdiv(br, p.runs);
    const int run = (int)(br - bh * p.runs);
    const i64 hoff = head_offset(p, bh);
    const int first = run * p.run_rows, last = min(first + p.run_rows, p.seq);
    double acc[QVEC];
    float lo[QVEC], hi[QVEC];
#pragma unroll
    for (int i = 0; i < QVEC; ++i) {
        acc[i] = 0.0;
        lo[i] = -UMFA_NEG_INF;
        hi[i] = UMFA_NEG_INF;
    }
#pragma unroll 2
    for (int s = first; s < last; ++s) {
        float v[QVEC];
        if (!load8(p, hoff, s, d0, v)) note_bad8(p, hoff, bh, s, d0);
#pragma unroll
        for (int i = 0; i < QVEC; ++i) {
            acc[i] = __dadd_rn(acc[i], (double)v[i]);
            lo[i] = fminf(lo[i], v[i]);
            hi[i] = fmaxf(hi[i], v[i]);
        }
    }
    const i64 base = br * p.dim + d0;
#pragma unroll
    for (int i = 0; i < QVEC; ++i) {
        if (d0 + i < p.dim) {
            if (p.smooth) ((double*)p.sums)[base + i] = acc[i];
            if (p.col_ranges) ((float2*)p.run_ranges)[base + i] = make_float2(lo[i], hi[i]);
        }
    }
}

// Scale and zero point of a group spanning [lo, hi]: `quantizer::group_params`.
__device__ __forceinline__ void group_params(int symmetric, int qmin, int qmax, float lo, float hi, float* scale_out, int* zp_out) {
    float scale;
    int zp = 0;
    if (symmetric || hi <= lo) {
        scale = __fdiv_rn(fmaxf(fabsf(lo), fabsf(hi)), (float)qmax);
    } else {
        lo = fminf(lo, 0.0f);
        hi = fmaxf(hi, 0.0f);
        scale = __fdiv_rn((float)__dsub_rn((double)hi, (double)lo), (float)(qmax - qmin));
    }
    if (!(scale > 0.0f && isfinite(scale))) scale = 1.0f;
    if (!symmetric && hi > lo) zp = min(max((int)rintf(__fsub_rn((float)qmin, __fdiv_rn(lo, scale))), qmin), qmax);
    *scale_out = scale;
    *zp_out = zp;
}

__device__ __forceinline__ void store_params(const QuantizeParams& p, i64 g, float lo, float hi) {
    float scale;
    int zp;
    group_params(p.symmetric, p.qmin, p.qmax, lo, hi, &scale, &zp);
    ((float*)p.scales)[g] = scale;
    if (p.zero_points) ((int*)p.zero_points)[g] = zp;
}

// Pass 2 of the column statistics, thread (bh, d): the mean (the runs' sums in run order), and
// the channel's range of x − mean: its group's parameters (per channel), or into `ranges` for
// the per-tensor reduction (INT4: into `ranges` for the clipping search).
extern "C" __global__ void __launch_bounds__(256) umfa_quant_colfinal(const QuantizeParams p) {
    const i64 t = (i64)blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= (i64)p.batch * p.heads * p.dim) return;
    const i64 bh = t / p.dim;
    const int d = (int)(t % p.dim);
    float mean = 0.0f;
    if (p.smooth) {
        const double* sums = (const double*)p.sums + bh * p.runs * p.dim + d;
        double total = 0.0;
        for (int r = 0; r < p.runs; ++r) total = __dadd_rn(total, sums[(i64)r * p.dim]);
        mean = (float)__ddiv_rn(total, (double)p.seq);
        ((float*)p.mean)[t] = mean;
    }
    if (!p.col_ranges) return;
    const float2* rr = (const float2*)p.run_ranges + bh * p.runs * p.dim + d;
    float lo = -UMFA_NEG_INF, hi = UMFA_NEG_INF;
    for (int r = 0; r < p.runs; ++r) {
        const float2 x = rr[(i64)r * p.dim];
        lo = fminf(lo, x.x);
        hi = fmaxf(hi, x.y);
    }
    if (p.smooth) {
        lo = __fsub_rn(lo, mean);
        hi = __fsub_rn(hi, mean);
    }
    if (p.groups.per_channel && !p.int4) store_params(p, t, lo, hi);
    else ((float2*)p.ranges)[t] = make_float2(lo, hi);
}

// Block-wide min and max (256 threads); every thread gets the result.
__device__ __forceinline__ void block_minmax(float& lo, float& hi) {
    __shared__ float lo_s[32], hi_s[32];
    for (int o = 16; o > 0; o >>= 1) {
        lo = fminf(lo, __shfl_xor_sync(0xffffffffu, lo, o));
        hi = fmaxf(hi, __shfl_xor_sync(0xffffffffu, hi, o));
    }
    const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31, n = blockDim.x >> 5;
    __syncthreads();
    if (lane == 0) { lo_s[warp] = lo; hi_s[warp] = hi; }
    __syncthreads();
    lo = lane < n ? lo_s[lane] : -UMFA_NEG_INF;
    hi = lane < n ? hi_s[lane] : UMFA_NEG_INF;
    for (int o = 16; o > 0; o >>= 1) {
        lo = fminf(lo, __shfl_xor_sync(0xffffffffu, lo, o));
        hi = fmaxf(hi, __shfl_xor_sync(0xffffffffu, hi, o));
    }
}

// The per-tensor range over every channel's (bh, d) range, then its one scale; one block of
// 1024 threads (INT4: the range into ranges[0] for the clipping search).
extern "C" __global__ void __launch_bounds__(1024) umfa_quant_tensor_params(const QuantizeParams p) {
    const i64 n = (i64)p.batch * p.heads * p.dim;
    const float2* r = (const float2*)p.ranges;
    float lo = -UMFA_NEG_INF, hi = UMFA_NEG_INF;
    for (i64 i = threadIdx.x; i < n; i += blockDim.x) {
        lo = fminf(lo, r[i].x);
        hi = fmaxf(hi, r[i].y);
    }
    block_minmax(lo, hi);
    if (threadIdx.x != 0) return;
    if (p.int4) ((float2*)p.ranges)[0] = make_float2(lo, hi);
    else store_params(p, 0, lo, hi);
}

// Per channel or per tensor (and INT4 of every granularity, once its tables are chosen): thread
// (row, channel vector) quantizes 8 values with the tables.
extern "C" __global__ void __launch_bounds__(256) umfa_quant_apply(const QuantizeParams p) {
    const int cpt = (p.dim + QVEC - 1) / QVEC;
    const i64 t = (i64)blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= (i64)p.batch * p.heads * p.seq * cpt) return;
    const i64 row = qdiv(t, cpt);
    const int d0 = (int)(t - row * cpt) * QVEC;
    const i64 bh = qdiv(row, p.seq);
    const int s = (int)(row - bh * p.seq);
    const i64 hoff = head_offset(p, bh);
    float v[QVEC];
    if (!load8(p, hoff, s, d0, v)) note_bad8(p, hoff, bh, s, d0);
    sub_mean8(p, bh, d0, v);
    const float* scales = (const float*)p.scales;
    const int* zps = (const int*)p.zero_points;
    int q[QVEC];
#pragma unroll
    for (int i = 0; i < QVEC; ++i) {
        const i64 g = group_of(p.groups, bh, s, min(d0 + i, p.dim - 1));
        q[i] = quantize_one(v[i], scales[g], __frcp_rn(scales[g]), zps ? zps[g] : 0, p.qmin, p.qmax);
    }
    store8(p, bh, s, d0, q);
}

// Per row or per block: each group's range, its parameters, then its integers. With `seg` > 0
// a group is `seg` lanes of a warp (32 / seg groups per warp, 8 warps per block); else a block
// of 256 threads per group. The group's values are read twice (the second read hits L1/L2).
// With `int4` (the clipping search follows) only the range is computed, into `ranges`.
extern "C" __global__ void __launch_bounds__(256) umfa_quant_rowgroups(const QuantizeParams p) {
    i64 g;
    int tid, nthreads;
    if (p.seg) {
        const int per_block = (256 / p.seg);
        g = (i64)blockIdx.x * per_block + threadIdx.x / p.seg;
        tid = threadIdx.x % p.seg;
        nthreads = p.seg;
    } else {
        g = blockIdx.x;
        tid = threadIdx.x;
        nthreads = blockDim.x;
    }
    const bool live = g < p.table_len;
    const i64 bh = live ? qdiv(g, p.groups.per_head) : 0;
    const int first = live ? (int)(g - bh * p.groups.per_head) * p.groups.rows : 0;
    const i64 hoff = head_offset(p, bh);
    const int nrows = live ? min(p.groups.rows, p.seq - first) : 0;
    const int cpt = (p.dim + QVEC - 1) / QVEC;
    const int nvec = nrows * cpt;
    float lo = -UMFA_NEG_INF, hi = UMFA_NEG_INF;
#pragma unroll 4
    for (int i = tid; i < nvec; i += nthreads) {
        const int s = first + i / cpt, d0 = (i % cpt) * QVEC;
        float v[QVEC];
        if (!load8(p, hoff, s, d0, v)) note_bad8(p, hoff, bh, s, d0);
        sub_mean8(p, bh, d0, v);
#pragma unroll
        for (int j = 0; j < QVEC; ++j)
            if (d0 + j < p.dim) {
                lo = fminf(lo, v[j]);
                hi = fmaxf(hi, v[j]);
            }
    }
    if (p.seg) {
        for (int o = p.seg >> 1; o > 0; o >>= 1) {
            lo = fminf(lo, __shfl_xor_sync(0xffffffffu, lo, o));
            hi = fmaxf(hi, __shfl_xor_sync(0xffffffffu, hi, o));
        }
    } else {
        block_minmax(lo, hi);
    }
    if (!live) return;
    if (p.int4) {
        if (tid == 0) ((float2*)p.ranges)[g] = make_float2(lo, hi);
        return;
    }
    float scale;
    int zp;
    group_params(p.symmetric, p.qmin, p.qmax, lo, hi, &scale, &zp);
    const float rcp = __frcp_rn(scale);
    if (tid == 0) {
        ((float*)p.scales)[g] = scale;
        if (p.zero_points) ((int*)p.zero_points)[g] = zp;
    }
#pragma unroll 4
    for (int i = tid; i < nvec; i += nthreads) {
        const int s = first + i / cpt, d0 = (i % cpt) * QVEC;
        float v[QVEC];
        load8(p, hoff, s, d0, v);
        sub_mean8(p, bh, d0, v);
        int q[QVEC];
#pragma unroll
        for (int j = 0; j < QVEC; ++j) q[j] = quantize_one(v[j], scale, rcp, zp, p.qmin, p.qmax);
        store8(p, bh, s, d0, q);
    }
}

// ---- INT4: the clipping search (`quantizer::clipped_params`) --------------------------------
// Each group tries the clipping ratios below on its range and keeps the one whose quantization
// has the least squared error over the group (the first wins ties). The squared errors are f64
// sums in the host's fixed order: per row, the row's values of the group in column order (the
// row's partial sum); per run of `run_rows` rows (from row 0 of the head), its rows' partials in
// row order; per group, its runs' sums in run order; per tensor, the heads' sums in head order.
// Every sum starts from 0.0. No contraction: the products and sums are explicitly rounded.

#define NCLIP 7
__constant__ float kClips[NCLIP] = {1.0f, 0.95f, 0.9f, 0.85f, 0.8f, 0.75f, 0.7f};

__device__ __forceinline__ void candidates(const QuantizeParams& p, float2 r, float* sc, int* zp) {
#pragma unroll
    for (int k = 0; k < NCLIP; ++k)
        group_params(p.symmetric, p.qmin, p.qmax, __fmul_rn(r.x, kClips[k]), __fmul_rn(r.y, kClips[k]), &sc[k], &zp[k]);
}

// The squared error of `v` quantized with candidate (sc, zp), added to `acc`.
__device__ __forceinline__ double add_sq_err(const QuantizeParams& p, double acc, float v, float sc, float rcp, int zp) {
    const int q = quantize_one(v, sc, rcp, zp, p.qmin, p.qmax);
    const double e = (double)__fsub_rn(v, __fmul_rn((float)(q - zp), sc));
    return __dadd_rn(acc, __dmul_rn(e, e));
}

// The best candidate of a group from its squared errors, stored as the group's parameters.
__device__ __forceinline__ void choose(const QuantizeParams& p, i64 g, float2 r, const double* sse) {
    float sc[NCLIP];
    int zp[NCLIP];
    candidates(p, r, sc, zp);
    double best_e = sse[0];
    float best_sc = sc[0];
    int best_zp = zp[0];
#pragma unroll
    for (int k = 1; k < NCLIP; ++k)
        if (sse[k] < best_e) {
            best_e = sse[k];
            best_sc = sc[k];
            best_zp = zp[k];
        }
    ((float*)p.scales)[g] = best_sc;
    if (p.zero_points) ((int*)p.zero_points)[g] = best_zp;
}

// Groups of whole rows (per row, per block; per tensor, whose group per head is the head):
// `hg` = bh * per_head + group in head (per tensor: bh), its first row and its first run.
__device__ __forceinline__ i64 row_group(const QuantizeParams& p, i64 bh, int s) {
    return p.groups.per_head ? bh * p.groups.per_head + s / p.groups.rows : bh;
}

// Block (bh, run) of `run_rows` threads, thread = row: the row's partial sums (7 candidates, its
// values in column order), then 7 threads add them up per group segment (the run's rows of one
// group, in row order) into `sums`[(hg * max_runs + run − first run of hg) * 7 + k], max_runs
// being the most runs a group spans.
// The row-group kernels' parameters: the quantizer's, the most runs a group spans, the number of
// groups (per tensor: heads).
struct Int4RowsParams {
    QuantizeParams p;
    int max_runs, pad;
    i64 n_hg;
};

extern "C" __global__ void __launch_bounds__(64) umfa_quant_int4_rowsse(const Int4RowsParams rp) {
    const QuantizeParams& p = rp.p;
    const int max_runs = rp.max_runs;
    __shared__ double part[64][NCLIP];
    __shared__ long long hgs[64];
    const int run = blockIdx.x % p.runs;
    const i64 bh = blockIdx.x / p.runs;
    const i64 hoff = head_offset(p, bh);
    const int first = run * p.run_rows, nrows = min(p.run_rows, p.seq - first);
    const int r = threadIdx.x;
    if (r < nrows) {
        const int s = first + r;
        const i64 hg = row_group(p, bh, s);
        const float2 range = ((const float2*)p.ranges)[p.groups.per_head ? hg : 0];
        float sc[NCLIP];
        int zp[NCLIP];
        candidates(p, range, sc, zp);
        float rc[NCLIP];
#pragma unroll
        for (int k = 0; k < NCLIP; ++k) rc[k] = __frcp_rn(sc[k]);
        double acc[NCLIP];
#pragma unroll
        for (int k = 0; k < NCLIP; ++k) acc[k] = 0.0;
        for (int d0 = 0; d0 < p.dim; d0 += QVEC) {
            float v[QVEC];
            load8(p, hoff, s, d0, v);
            sub_mean8(p, bh, d0, v);
#pragma unroll
            for (int j = 0; j < QVEC; ++j)
#pragma unroll
                for (int k = 0; k < NCLIP; ++k) acc[k] = add_sq_err(p, acc[k], v[j], sc[k], rc[k], zp[k]);
        }
#pragma unroll
        for (int k = 0; k < NCLIP; ++k) part[r][k] = acc[k];
        hgs[r] = hg;
    }
    __syncthreads();
    if (r >= NCLIP) return;
    const int k = r;
    double seg = 0.0;
    for (int i = 0; i < nrows; ++i) {
        seg = __dadd_rn(seg, part[i][k]);
        if (i + 1 == nrows || hgs[i + 1] != hgs[i]) {
            const i64 hg = hgs[i];
            const int g_first = p.groups.per_head ? (int)(hg % p.groups.per_head) * p.groups.rows : 0;
            const int slot = run - g_first / p.run_rows;
            ((double*)p.sums)[(hg * max_runs + slot) * NCLIP + k] = seg;
            seg = 0.0;
        }
    }
}

// Thread hg: the group's squared errors (its runs' segment sums in run order), then its choice;
// per tensor (per_head 0) the head's sums go to `run_ranges` (as doubles) for
// umfa_quant_int4_tensor_choose.
extern "C" __global__ void __launch_bounds__(256) umfa_quant_int4_rows_choose(const Int4RowsParams rp) {
    const QuantizeParams& p = rp.p;
    const int max_runs = rp.max_runs;
    const i64 n_hg = rp.n_hg;
    const i64 hg = (i64)blockIdx.x * blockDim.x + threadIdx.x;
    if (hg >= n_hg) return;
    int g_first = 0, g_last = p.seq - 1;
    if (p.groups.per_head) {
        g_first = (int)(hg % p.groups.per_head) * p.groups.rows;
        g_last = min(g_first + p.groups.rows, p.seq) - 1;
    }
    const int nr = g_last / p.run_rows - g_first / p.run_rows + 1;
    double sse[NCLIP];
#pragma unroll
    for (int k = 0; k < NCLIP; ++k) {
        double t = 0.0;
        for (int j = 0; j < nr; ++j) t = __dadd_rn(t, ((const double*)p.sums)[(hg * max_runs + j) * NCLIP + k]);
        sse[k] = t;
    }
    if (!p.groups.per_head) {
#pragma unroll
        for (int k = 0; k < NCLIP; ++k) ((double*)p.run_ranges)[hg * NCLIP + k] = sse[k];
        return;
    }
    choose(p, hg, ((const float2*)p.ranges)[hg], sse);
}

// Per tensor: the heads' sums in head order, then the one choice (one thread).
extern "C" __global__ void umfa_quant_int4_tensor_choose(const QuantizeParams p) {
    if (threadIdx.x != 0 || blockIdx.x != 0) return;
    const i64 heads = (i64)p.batch * p.heads;
    double sse[NCLIP];
    for (int k = 0; k < NCLIP; ++k) {
        double t = 0.0;
        for (i64 bh = 0; bh < heads; ++bh) t = __dadd_rn(t, ((const double*)p.run_ranges)[bh * NCLIP + k]);
        sse[k] = t;
    }
    choose(p, 0, ((const float2*)p.ranges)[0], sse);
}

// Per channel, thread (bh, run, d): the run's squared errors of the channel (its values in row
// order) into `sums`[((bh * runs + run) * 7 + k) * dim + d].
extern "C" __global__ void __launch_bounds__(256) umfa_quant_int4_colsse(const QuantizeParams p) {
    const i64 t = (i64)blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= (i64)p.batch * p.heads * p.runs * p.dim) return;
    const i64 br = qdiv(t, p.dim);
    const int d = (int)(t - br * p.dim);
    const i64 bh = qdiv(br, p.runs);
    const int run = (int)(br - bh * p.runs);
    const i64 hoff = head_offset(p, bh);
    const int first = run * p.run_rows, last = min(first + p.run_rows, p.seq);
    const float mean = p.smooth ? ((const float*)p.mean)[bh * p.dim + d] : 0.0f;
    float sc[NCLIP];
    int zp[NCLIP];
    candidates(p, ((const float2*)p.ranges)[bh * p.dim + d], sc, zp);
    float rc[NCLIP];
#pragma unroll
    for (int k = 0; k < NCLIP; ++k) rc[k] = __frcp_rn(sc[k]);
    double acc[NCLIP];
#pragma unroll
    for (int k = 0; k < NCLIP; ++k) acc[k] = 0.0;
    for (int s = first; s < last; ++s) {
        float v = load_elem(p.x, p.x_dtype, x_offset(p, hoff, s, d));
        if (p.smooth) v = __fsub_rn(v, mean);
#pragma unroll
        for (int k = 0; k < NCLIP; ++k) acc[k] = add_sq_err(p, acc[k], v, sc[k], rc[k], zp[k]);
    }
#pragma unroll
    for (int k = 0; k < NCLIP; ++k) ((double*)p.sums)[(br * NCLIP + k) * p.dim + d] = acc[k];
}

// Per channel, thread (bh, d): the runs' sums in run order, then the channel's choice.
extern "C" __global__ void __launch_bounds__(256) umfa_quant_int4_colchoose(const QuantizeParams p) {
    const i64 t = (i64)blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= (i64)p.batch * p.heads * p.dim) return;
    const i64 bh = t / p.dim;
    const int d = (int)(t % p.dim);
    double sse[NCLIP];
#pragma unroll
    for (int k = 0; k < NCLIP; ++k) {
        double s = 0.0;
        for (int r = 0; r < p.runs; ++r)
            s = __dadd_rn(s, ((const double*)p.sums)[(((bh * p.runs + r) * NCLIP) + k) * p.dim + d]);
        sse[k] = s;
    }
    choose(p, t, ((const float2*)p.ranges)[t], sse);
}
