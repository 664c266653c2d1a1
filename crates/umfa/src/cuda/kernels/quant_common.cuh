// Shared by umfa's quantization kernels (quant_quantize.cu, quant_dequant.cu, quant_int8_fwd.cu):
// how an element finds its entry in a scale (and zero-point) table. Tables are laid out exactly
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
