// The merge of partial attention results by LSE (docs/merge.md): one warp per row (b, h, s),
// lanes across the head dim. Compiled with common.cuh prepended (load_elem, store_elem,
// offset4, the dtype codes). Everything is f32; the work is memory-bound.
//
// Forward:  LSE = log sum_n exp(LSE_n), O = sum_n w_n O_n with w_n = exp(LSE_n - LSE).
// Backward: dO_n = w_n dO, dLSE_n = w_n (dO.O_n - sum_m w_m dO.O_m + dLSE).
// A row whose parts all have LSE = -inf gives O = 0, LSE = -inf and zero gradients; a part of
// weight 0 is never read (its O may be uninitialised: merge_into's first step).

#define MERGE_MAX_PARTS 16
#define MERGE_WARPS 8

// One merge call; the Rust twin is `cuda::merge::MergeParams` (field order and types must
// match). Per-part arrays hold `parts` entries. LSE strides are [b, h, s, 0].
// Forward: `out`/`out_lse` are the merged O and LSE (out_lse 0 = not wanted); with merge_into,
// part 0 is the output itself, read and overwritten in place.
// Backward: `grad`/`grad_lse` are the upstream dO and dLSE (grad_lse 0 = none), `d_o[n]` /
// `d_lse[n]` each part's gradients (0 = not wanted).
struct MergeParams {
    u64 o[MERGE_MAX_PARTS], lse[MERGE_MAX_PARTS], d_o[MERGE_MAX_PARTS], d_lse[MERGE_MAX_PARTS];
    i64 o_stride[MERGE_MAX_PARTS][4], lse_stride[MERGE_MAX_PARTS][4];
    i64 d_o_stride[MERGE_MAX_PARTS][4], d_lse_stride[MERGE_MAX_PARTS][4];
    u64 out, out_lse, grad, grad_lse;
    i64 out_stride[4], out_lse_stride[4], grad_stride[4], grad_lse_stride[4];
    int o_dtype[MERGE_MAX_PARTS], d_o_dtype[MERGE_MAX_PARTS];
    int parts, batch, heads, seq, head_dim, out_dtype, grad_dtype, reserved;
};

struct MergeRow {
    int b, h, s;
};

// The row of this warp, or false past the last row.
__device__ __forceinline__ bool merge_row(const MergeParams& p, MergeRow& r) {
    i64 row = (i64)blockIdx.x * MERGE_WARPS + threadIdx.x / 32;
    if (row >= (i64)p.batch * p.heads * p.seq) return false;
    r.s = (int)(row % p.seq);
    i64 bh = row / p.seq;
    r.h = (int)(bh % p.heads);
    r.b = (int)(bh / p.heads);
    return true;
}

// Reads the parts' LSEs into w and turns them into the weights w_n = exp(LSE_n - LSE),
// returning the merged LSE; *seen is false when every LSE is -inf (then all w_n are 0).
// A NaN LSE is not skipped: it makes the row NaN, as on the host.
__device__ __forceinline__ float merge_weights(const MergeParams& p, const MergeRow& r,
                                               float (&w)[MERGE_MAX_PARTS], bool* seen) {
    float mx = UMFA_NEG_INF;
    bool any = false;
#pragma unroll
    for (int n = 0; n < MERGE_MAX_PARTS; ++n) {
        w[n] = UMFA_NEG_INF;
        if (n < p.parts) {
            w[n] = ((const float*)p.lse[n])[offset4(p.lse_stride[n], r.b, r.h, r.s, 0)];
            any |= w[n] != UMFA_NEG_INF;
            mx = fmaxf(mx, w[n]);  // fmaxf ignores NaN, as the host's comparison does
        }
    }
    *seen = any;
    if (!any) {
#pragma unroll
        for (int n = 0; n < MERGE_MAX_PARTS; ++n) w[n] = 0.0f;
        return UMFA_NEG_INF;
    }
    float sum = 0.0f;
#pragma unroll
    for (int n = 0; n < MERGE_MAX_PARTS; ++n) {
        // -inf - (-inf) would be NaN: parts that saw no key weigh exactly 0.
        w[n] = (n < p.parts && w[n] != UMFA_NEG_INF) ? expf(w[n] - mx) : 0.0f;
        sum += w[n];
    }
    float inv = 1.0f / sum;
#pragma unroll
    for (int n = 0; n < MERGE_MAX_PARTS; ++n) w[n] *= inv;
    return mx + logf(sum);
}

extern "C" __global__ void __launch_bounds__(MERGE_WARPS * 32) umfa_merge_fwd(const MergeParams p) {
    MergeRow r;
    if (!merge_row(p, r)) return;  // the whole warp shares the row
    const int lane = threadIdx.x & 31;
    float w[MERGE_MAX_PARTS];
    bool seen;
    float lse = merge_weights(p, r, w, &seen);
    // merge_into: every lane has read the accumulator's LSE before lane 0 overwrites it.
    __syncwarp();
    for (int c = lane; c < p.head_dim; c += 32) {
        float acc = 0.0f;
#pragma unroll
        for (int n = 0; n < MERGE_MAX_PARTS; ++n) {
            if (w[n] != 0.0f) {
                acc += w[n] * load_elem(p.o[n], p.o_dtype[n], offset4(p.o_stride[n], r.b, r.h, r.s, c));
            }
        }
        store_elem(p.out, p.out_dtype, offset4(p.out_stride, r.b, r.h, r.s, c), acc);
    }
    if (lane == 0 && p.out_lse) {
        ((float*)p.out_lse)[offset4(p.out_lse_stride, r.b, r.h, r.s, 0)] = lse;
    }
}

__device__ __forceinline__ float merge_warp_sum(float x) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) x += __shfl_xor_sync(0xffffffffu, x, o);
    return x;
}

extern "C" __global__ void __launch_bounds__(MERGE_WARPS * 32) umfa_merge_bwd(const MergeParams p) {
    MergeRow r;
    if (!merge_row(p, r)) return;
    const int lane = threadIdx.x & 31;
    float w[MERGE_MAX_PARTS];
    bool seen;
    merge_weights(p, r, w, &seen);
    // dot[n] = dO . O_n (a warp-wide sum); the merged O is never read: dO.O = sum_n w_n dot[n].
    float dot[MERGE_MAX_PARTS];
#pragma unroll
    for (int n = 0; n < MERGE_MAX_PARTS; ++n) dot[n] = 0.0f;
    for (int c = lane; c < p.head_dim; c += 32) {
        float g = load_elem(p.grad, p.grad_dtype, offset4(p.grad_stride, r.b, r.h, r.s, c));
#pragma unroll
        for (int n = 0; n < MERGE_MAX_PARTS; ++n) {
            if (w[n] != 0.0f) {
                dot[n] += g * load_elem(p.o[n], p.o_dtype[n], offset4(p.o_stride[n], r.b, r.h, r.s, c));
            }
        }
    }
    float delta = 0.0f;
#pragma unroll
    for (int n = 0; n < MERGE_MAX_PARTS; ++n) {
        if (n < p.parts) {
            dot[n] = merge_warp_sum(dot[n]);
            delta += w[n] * dot[n];
        }
    }
    float d_lse = (seen && p.grad_lse)
        ? ((const float*)p.grad_lse)[offset4(p.grad_lse_stride, r.b, r.h, r.s, 0)] : 0.0f;
    for (int c = lane; c < p.head_dim; c += 32) {
        float g = load_elem(p.grad, p.grad_dtype, offset4(p.grad_stride, r.b, r.h, r.s, c));
#pragma unroll
        for (int n = 0; n < MERGE_MAX_PARTS; ++n) {
            if (n < p.parts && p.d_o[n]) {
                store_elem(p.d_o[n], p.d_o_dtype[n], offset4(p.d_o_stride[n], r.b, r.h, r.s, c), w[n] * g);
            }
        }
    }
    if (lane == 0) {
#pragma unroll
        for (int n = 0; n < MERGE_MAX_PARTS; ++n) {
            if (n < p.parts && p.d_lse[n]) {
                float x = w[n] == 0.0f ? 0.0f : w[n] * (dot[n] - delta + d_lse);
                ((float*)p.d_lse[n])[offset4(p.d_lse_stride[n], r.b, r.h, r.s, 0)] = x;
            }
        }
    }
}
