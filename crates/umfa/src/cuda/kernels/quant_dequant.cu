// Materialises one attention operand as a contiguous [B, H, S, D] tensor of dst_dtype on the
// device: a quantized tensor is dequantized exactly as `QuantTensor::dequantize` does on the host,
// x = (q − zero_point) · scale + mean (the product rounded, then the sum: no fused multiply-add,
// so it matches the host bit for bit in f32); a float tensor (any strides, any float dtype) is
// converted. The ordinary kernels then run on it (the fallback of quantized attention, and V
// for the INT8 kernel when it is not 16-bit).

#define SRC_FLOAT 0
#define SRC_INT8 1
#define SRC_INT4 2

// One operand to materialise; src_stride counts elements (INT4: nibbles). Keep in step with
// `cuda::quant::params::DequantParams`.
struct DequantParams {
    u64 src, scales, zero_points, mean, dst;
    i64 src_stride[4];
    QuantGroups groups;
    int batch, heads, seq, dim;
    int src_kind, src_dtype, dst_dtype, pad;
};

extern "C" __global__ void umfa_quant_dequantize(const DequantParams p) {
    const i64 e = (i64)blockIdx.x * blockDim.x + threadIdx.x;
    if (e >= (i64)p.batch * p.heads * p.seq * p.dim) return;
    const int d = (int)(e % p.dim);
    const int s = (int)(e / p.dim % p.seq);
    const i64 bh = e / ((i64)p.dim * p.seq);
    const i64 off = offset4(p.src_stride, bh / p.heads, bh % p.heads, s, d);
    float x;
    if (p.src_kind == SRC_FLOAT) {
        x = load_elem(p.src, p.src_dtype, off);
    } else {
        int q;
        if (p.src_kind == SRC_INT8) {
            q = ((const signed char*)p.src)[off];
        } else {
            const unsigned char byte = ((const unsigned char*)p.src)[off >> 1];
            const int nib = (off & 1) ? byte >> 4 : byte & 15;
            q = (nib ^ 8) - 8;  // two's complement nibble
        }
        const i64 g = group_of(p.groups, bh, s, d);
        const int zp = p.zero_points ? ((const int*)p.zero_points)[g] : 0;
        x = __fmul_rn((float)(q - zp), ((const float*)p.scales)[g]);
        if (p.mean) x = __fadd_rn(x, ((const float*)p.mean)[bh * p.dim + d]);
    }
    store_elem(p.dst, p.dst_dtype, e, x);
}
