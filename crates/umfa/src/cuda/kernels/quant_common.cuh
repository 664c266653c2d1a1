// Shared by umfa's quantization kernels (quant_quantize.cu, quant_dequant.cu, quant_int8_fwd.cu,
// quant_int8_wgmma_fwd.cu, quant_v_fp8.cu): how an element finds its entry in a scale (and
// zero-point) table, and the e4m3 packing of the FP8 P·V. Tables are laid out exactly
// as the CPU quantizer lays them out (`quant::spec::Granularity::table_shape`): per tensor [1],
// per row [B, H, S], per block [B, H, ceil(S / n)], per channel [B, H, D].

// The group of element (bh, row, col), where bh = b * H + h:
//   bh * per_head + (per_channel ? col : row / rows).
// per tensor: per_head 0, rows 2^30; per row: per_head S, rows 1; per block of n: per_head
// ceil(S / n), rows n; per channel: per_head D, per_channel 1. Keep in step with
// `cuda::quant::params::QuantGroups`.
struct QuantGroups {
    i64 per_head;
    int rows;
    int per_channel;
};

__device__ __forceinline__ i64 group_of(const QuantGroups& g, i64 bh, int row, int col) {
    return bh * g.per_head + (g.per_channel ? col : row / g.rows);
}

// Four floats as e4m3 bytes (x0 in the lowest byte), rounded to nearest, saturated at ±448
// (sm_89+; cvt puts its first source in the upper byte of each pair).
__device__ __forceinline__ unsigned e4m3x4(float x0, float x1, float x2, float x3) {
    unsigned short lo, hi;
    asm("cvt.rn.satfinite.e4m3x2.f32 %0, %1, %2;" : "=h"(lo) : "f"(x1), "f"(x0));
    asm("cvt.rn.satfinite.e4m3x2.f32 %0, %1, %2;" : "=h"(hi) : "f"(x3), "f"(x2));
    return (unsigned)lo | ((unsigned)hi << 16);
}
