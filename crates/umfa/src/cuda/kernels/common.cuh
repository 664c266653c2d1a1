// Shared by every umfa CUDA kernel: the parameter block (mirrors `cuda::params::FwdParams`),
// element loads and stores, and the score rules of SPEC.md. Header-free on purpose: NVRTC before
// CUDA 13.3 cannot find cuda_fp16.h / cuda_bf16.h on its own, so 16-bit types are raw bits here.

#define UMFA_F16 0
#define UMFA_BF16 1
#define UMFA_F32 2
#define UMFA_U8 3

#define MASK_NONE 0
#define MASK_BOOL 1
#define MASK_ADDITIVE 2

#define BLOCK_EMPTY 0
#define BLOCK_PARTIAL 1
#define BLOCK_FULL 2

#define UMFA_LOG2E 1.4426950408889634f
#define UMFA_LN2 0.6931471805599453f
#define UMFA_NEG_INF (__int_as_float(0xff800000))

typedef long long i64;
typedef unsigned long long u64;

// One forward call. Element strides are [b, h, row, col]; a broadcast dimension has stride 0.
// Addresses of absent operands are 0. Keep the field order in step with params.rs.
struct FwdParams {
    u64 q, k, v, o, lse, mask, blocks, alibi, sinks;
    i64 q_stride[4], k_stride[4], v_stride[4], o_stride[4];
    i64 lse_stride[4], mask_stride[4], blocks_stride[4], alibi_stride[4], sinks_stride[4];
    i64 band_lo, band_hi;
    int batch, heads_q, heads_kv, seq_q, seq_kv, head_dim, head_dim_v, group;
    int in_dtype, out_dtype, mask_kind, mask_dtype;
    int has_lo, has_hi, block_q, block_k;
    int diag_offset, has_softcap;
    float scale, softcap;
};

__device__ __forceinline__ float bf16_bits_to_f32(unsigned short x) {
    return __uint_as_float(((unsigned)x) << 16);
}
__device__ __forceinline__ float f16_bits_to_f32(unsigned short x) {
    float f;
    asm("cvt.f32.f16 %0, %1;" : "=f"(f) : "h"(x));
    return f;
}
__device__ __forceinline__ unsigned short f32_to_bf16_bits(float f) {
    unsigned short x;
    asm("cvt.rn.bf16.f32 %0, %1;" : "=h"(x) : "f"(f));
    return x;
}
__device__ __forceinline__ unsigned short f32_to_f16_bits(float f) {
    unsigned short x;
    asm("cvt.rn.f16.f32 %0, %1;" : "=h"(x) : "f"(f));
    return x;
}

// Element `off` of a tensor of `dtype` at byte address `base`, as f32.
__device__ __forceinline__ float load_elem(u64 base, int dtype, i64 off) {
    switch (dtype) {
    case UMFA_F16: return f16_bits_to_f32(((const unsigned short*)base)[off]);
    case UMFA_BF16: return bf16_bits_to_f32(((const unsigned short*)base)[off]);
    case UMFA_F32: return ((const float*)base)[off];
    default: return (float)((const unsigned char*)base)[off];
    }
}

// Two values as one 32-bit word of `dtype` (f16 or bf16), `lo` in the low half, rounded to
// nearest even as store_elem rounds.
__device__ __forceinline__ unsigned pack_pair(int dtype, float lo, float hi) {
    unsigned r;
    if (dtype == UMFA_BF16)
        asm("cvt.rn.bf16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo));
    else
        asm("cvt.rn.f16x2.f32 %0, %1, %2;" : "=r"(r) : "f"(hi), "f"(lo));
    return r;
}

__device__ __forceinline__ void store_elem(u64 base, int dtype, i64 off, float x) {
    switch (dtype) {
    case UMFA_F16: ((unsigned short*)base)[off] = f32_to_f16_bits(x); break;
    case UMFA_BF16: ((unsigned short*)base)[off] = f32_to_bf16_bits(x); break;
    default: ((float*)base)[off] = x; break;
    }
}

// Butterfly reductions over a full warp: every lane ends with the same value, summed in the same
// order on every run.
__device__ __forceinline__ float warp_max(float x) {
    for (int o = 16; o > 0; o >>= 1) x = fmaxf(x, __shfl_xor_sync(0xffffffffu, x, o));
    return x;
}
__device__ __forceinline__ float warp_sum(float x) {
    for (int o = 16; o > 0; o >>= 1) x += __shfl_xor_sync(0xffffffffu, x, o);
    return x;
}

__device__ __forceinline__ i64 offset4(const i64* s, i64 b, i64 h, i64 r, i64 c) {
    return b * s[0] + h * s[1] + r * s[2] + c * s[3];
}

// The block-mask class of key j for row i (values other than 0..2 read as partial, as on the host).
__device__ __forceinline__ int block_class(const FwdParams& p, int b, int h, int i, int j) {
    unsigned char x = ((const unsigned char*)p.blocks)[offset4(p.blocks_stride, b, h, i / p.block_q, j / p.block_k)];
    return x > BLOCK_FULL ? BLOCK_PARTIAL : (int)x;
}

// Whether key j is visible to row i: `Problem::visible`, element by element.
__device__ __forceinline__ bool key_visible(const FwdParams& p, int b, int h, int i, int j) {
    i64 d = (i64)j - (i64)i;
    if (p.has_lo && d < p.band_lo) return false;
    if (p.has_hi && d > p.band_hi) return false;
    bool read_bool = p.mask_kind == MASK_BOOL;
    if (p.blocks) {
        int c = block_class(p, b, h, i, j);
        if (c == BLOCK_EMPTY) return false;
        if (c == BLOCK_FULL) read_bool = false;
    }
    if (read_bool) return load_elem(p.mask, p.mask_dtype, offset4(p.mask_stride, b, h, i, j)) != 0.0f;
    return true;
}

// The score of a visible key from its raw dot product: scale, softcap, ALiBi, additive mask.
__device__ __forceinline__ float score_of(const FwdParams& p, float dot, int b, int h, int i, int j) {
    float s = dot * p.scale;
    if (p.has_softcap) s = p.softcap * tanhf(s / p.softcap);
    if (p.alibi) {
        float slope = ((const float*)p.alibi)[offset4(p.alibi_stride, b, h, 0, 0)];
        s -= slope * fabsf((float)((i64)j - ((i64)i + p.diag_offset)));
    }
    if (p.mask_kind == MASK_ADDITIVE) s += load_elem(p.mask, p.mask_dtype, offset4(p.mask_stride, b, h, i, j));
    return s;
}

// One backward call: the forward's problem (`f.o` is O and `f.lse` the forward's LSE, both read)
// and the gradients. `delta` is umfa's f32 workspace: `[B, Hq, delta_rows]` row sums dO·O (minus
// dLSE where one is given), then the same rows' LSE in log2 units (`lse_log2`); `delta_rows` is Sq rounded up to 64, and the
// padding rows hold 0 and +inf, so tiles copy whole 16-byte chunks of both. `vec_rows`: O and dO
// are 16-bit with 16-byte aligned contiguous rows and Dv a multiple of 8. `dq_acc` (fast mode
// only): f32 `[B, Hq, delta_rows, D]`, zeroed, where dQ·(1/scale) accumulates. `d_bias`
// has the additive mask's own 4-D shape `d_bias_shape` (strides 0 where it broadcasts); `d_sinks`
// is f32 `[Hq]`. Absent outputs are 0. `d_lse` (0 = none) is the upstream gradient of the LSE,
// f32 `[b, h, i, 0]` like `f.lse`; only `umfa_bwd_delta` reads it. It sits last so that every
// other field keeps its offset. Keep the field order in step with bwd_params.rs.
struct BwdParams {
    FwdParams f;
    u64 d_out, dq, dk, dv, d_sinks, d_bias, delta, dq_acc;
    i64 d_out_stride[4], dq_stride[4], dk_stride[4], dv_stride[4], d_bias_stride[4], d_sinks_stride[4];
    int d_bias_shape[4];
    int d_out_dtype, dq_dtype, dk_dtype, dv_dtype;
    int delta_rows, vec_rows;
    u64 d_lse;
    i64 d_lse_stride[4];
};
// The layout bwd_params.rs pins for the Rust side (a mismatch would read fields at wrong offsets).
static_assert(sizeof(FwdParams) == 456 && sizeof(BwdParams) == 792, "BwdParams differs from bwd_params.rs");

// The score of a visible key as `score_of` computes it, and the derivative of that score with
// respect to the scaled dot product (`1 - tanh²` under a softcap, else 1).
__device__ __forceinline__ float score_and_slope(const FwdParams& p, float dot, int b, int h, int i, int j, float* slope_out) {
    float s = dot * p.scale;
    float ds = 1.0f;
    if (p.has_softcap) {
        const float t = tanhf(s / p.softcap);
        s = p.softcap * t;
        ds = 1.0f - t * t;
    }
    if (p.alibi) {
        float slope = ((const float*)p.alibi)[offset4(p.alibi_stride, b, h, 0, 0)];
        s -= slope * fabsf((float)((i64)j - ((i64)i + p.diag_offset)));
    }
    if (p.mask_kind == MASK_ADDITIVE) s += load_elem(p.mask, p.mask_dtype, offset4(p.mask_stride, b, h, i, j));
    *slope_out = ds;
    return s;
}

// The forward's LSE of row i in log2 units, as the backward uses it: P = 2^(s·log2 e − lse2).
// A row that saw no key (LSE = −inf) has P = 0 everywhere: +inf makes every exponent −inf.
__device__ __forceinline__ float lse_log2(const FwdParams& p, int b, int h, int i) {
    const float l = ((const float*)p.lse)[offset4(p.lse_stride, b, h, i, 0)];
    return l == UMFA_NEG_INF ? __int_as_float(0x7f800000) : l * UMFA_LOG2E;
}

// Row i of head (b, h) in the workspace's `[B, Hq, delta_rows]` tables.
__device__ __forceinline__ i64 delta_index(const BwdParams& bp, int b, int h, int i) {
    return ((i64)b * bp.f.heads_q + h) * bp.delta_rows + i;
}
// The workspace's second table: LSE in log2 units (see `lse_log2`).
__device__ __forceinline__ const float* lse2_table(const BwdParams& bp) {
    return (const float*)bp.delta + (i64)bp.f.batch * bp.f.heads_q * bp.delta_rows;
}
