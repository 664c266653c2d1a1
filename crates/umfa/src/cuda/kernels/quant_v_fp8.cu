// V for the Hopper INT8 forward's FP8 P·V (quant_int8_wgmma_fwd.cu, PV_FP8): a 16-bit V
// [B, Hkv, S, D] (any strides, contiguous head dim) becomes e4m3 Vᵀ [B, Hkv, D, Skp] (keys
// contiguous, Skp = S rounded up to 128 keys, zeros past S) with one scale per channel,
// v_scale = max |v| / 448 over the sequence (e4m3's largest finite value: the channel's largest
// value keeps all its bits of precision). Within every 16-key group the keys are stored in the
// order the kernel's 8-bit P fragments hold them (see there): position 4t + i holds key 2t + i
// for i < 2 and 8 + 2t + i − 2 otherwise.
//
// Two kernels: `umfa_v_fp8_absmax` (each block a run of rows of one head, atomicMax of |v| per
// channel into a zeroed table of float bits: non-negative floats order as their bits) and
// `umfa_v_fp8_pack` (each block 128 keys of one head, through shared memory, transposed; the
// blocks of key block 0 also write the scales). Needs common.cuh and quant_common.cuh. D ≤ 128
// and a multiple of 8.

// v: the 16-bit V, v_stride its element strides (batch, head, row, column); absmax: [B, Hkv, D]
// u32, the float bits of max |v| (zeroed before the first kernel); scales: [B, Hkv, D] f32,
// max |v| / 448 (1 where a channel is all zeros); vt: [B, Hkv, D, seq_pad] e4m3.
struct VFp8Params {
    u64 v;
    i64 v_stride[4];
    u64 absmax, scales, vt;
    int heads, seq, seq_pad, head_dim;
    int in_bf16;
};

#define FP8_MAX 448.0f
#define ABSMAX_ROWS 64   // rows per block of umfa_v_fp8_absmax
#define PACK_KEYS 128    // keys per block of umfa_v_fp8_pack
#define PACK_MAX_D 128

__device__ __forceinline__ float v_elem(const VFp8Params& p, const unsigned short* row, int d) {
    return p.in_bf16 ? bf16_bits_to_f32(row[d]) : f16_bits_to_f32(row[d]);
}

__device__ __forceinline__ const unsigned short* v_row(const VFp8Params& p, int bh, int s) {
    const int b = bh / p.heads, h = bh % p.heads;
    return (const unsigned short*)p.v + b * p.v_stride[0] + h * p.v_stride[1] + (i64)s * p.v_stride[2];
}

// Grid (ceil(S / ABSMAX_ROWS), B·Hkv), 128 threads: thread d (and d + 128, …) of each row.
extern "C" __global__ void umfa_v_fp8_absmax(const VFp8Params p) {
    const int bh = blockIdx.y, s0 = blockIdx.x * ABSMAX_ROWS;
    const int s1 = min(s0 + ABSMAX_ROWS, p.seq);
    for (int d = threadIdx.x; d < p.head_dim; d += blockDim.x) {
        float m = 0.0f;
        for (int s = s0; s < s1; ++s) m = fmaxf(m, fabsf(v_elem(p, v_row(p, bh, s), d)));
        atomicMax((unsigned*)p.absmax + (i64)bh * p.head_dim + d, __float_as_uint(m));
    }
}

// The key stored at position `pos` of a 16-key group (see the top).
__device__ __forceinline__ int fp8_key_at(int pos) {
    const int t = pos >> 2, i = pos & 3;
    return i < 2 ? 2 * t + i : 8 + 2 * t + i - 2;
}

// Grid (seq_pad / PACK_KEYS, B·Hkv), 128 threads: the block's keys into shared memory (rows of
// PACK_MAX_D + 2 16-bit values: a column read by a warp spreads over the banks), then each thread
// one 16-key group of one channel at a time (8 threads write a channel's 128 contiguous bytes).
extern "C" __global__ void __launch_bounds__(128) umfa_v_fp8_pack(const VFp8Params p) {
    __shared__ unsigned short tile[PACK_KEYS][PACK_MAX_D + 2];
    const int bh = blockIdx.y, k0 = blockIdx.x * PACK_KEYS, tid = threadIdx.x;
    const int D = p.head_dim;
    for (int idx = tid; idx < PACK_KEYS * D; idx += blockDim.x) {
        const int r = idx / D, d = idx % D, s = k0 + r;
        tile[r][d] = s < p.seq ? v_row(p, bh, s)[d] : 0;
    }
    __syncthreads();
    const unsigned* absmax = (const unsigned*)p.absmax + (i64)bh * D;
    for (int idx = tid; idx < D * (PACK_KEYS / 16); idx += blockDim.x) {
        const int d = idx / (PACK_KEYS / 16), g = idx % (PACK_KEYS / 16);
        const float m = __uint_as_float(absmax[d]);
        const float inv = m > 0.0f ? FP8_MAX / m : 0.0f;
        unsigned words[4];
#pragma unroll
        for (int w = 0; w < 4; ++w) {
            float x[4];
#pragma unroll
            for (int i = 0; i < 4; ++i) {
                const unsigned short bits = tile[16 * g + fp8_key_at(4 * w + i)][d];
                x[i] = (p.in_bf16 ? bf16_bits_to_f32(bits) : f16_bits_to_f32(bits)) * inv;
            }
            words[w] = e4m3x4(x[0], x[1], x[2], x[3]);
        }
        unsigned char* dst = (unsigned char*)p.vt + ((i64)bh * D + d) * p.seq_pad + k0 + 16 * g;
        *(uint4*)dst = make_uint4(words[0], words[1], words[2], words[3]);
        if (blockIdx.x == 0 && g == 0) ((float*)p.scales)[(i64)bh * D + d] = m > 0.0f ? m / FP8_MAX : 1.0f;
    }
}
