// The element-wise steps of the ring backward (ring/accumulate.rs): add a partial gradient into
// an f32 sum, and store an f32 sum into the caller's gradient in its dtype. Views are 4-D
// [b, h, row, col] with element strides. Header-free, like the backend's kernels: 16-bit values
// are raw bits converted with PTX.

typedef long long i64;
typedef unsigned long long u64;

// Keep in step with `EltParams` in accumulate.rs.
struct EltParams {
    u64 dst, src;
    i64 dst_stride[4], src_stride[4];
    int shape[4];
    int dst_dtype;  // 0 f16, 1 bf16, 2 f32 (the backend's codes)
    int reserved;
};

__device__ __forceinline__ void offsets(const EltParams& p, i64 i, i64* d, i64* s) {
    i64 c = i % p.shape[3];
    i64 r = i / p.shape[3];
    i64 row = r % p.shape[2];
    r /= p.shape[2];
    i64 h = r % p.shape[1];
    i64 b = r / p.shape[1];
    *d = b * p.dst_stride[0] + h * p.dst_stride[1] + row * p.dst_stride[2] + c * p.dst_stride[3];
    *s = b * p.src_stride[0] + h * p.src_stride[1] + row * p.src_stride[2] + c * p.src_stride[3];
}

__device__ __forceinline__ i64 count(const EltParams& p) {
    return (i64)p.shape[0] * p.shape[1] * p.shape[2] * p.shape[3];
}

extern "C" __global__ void umfa_ring_add(EltParams p) {
    const i64 n = count(p);
    for (i64 i = blockIdx.x * (i64)blockDim.x + threadIdx.x; i < n; i += (i64)gridDim.x * blockDim.x) {
        i64 d, s;
        offsets(p, i, &d, &s);
        ((float*)p.dst)[d] += ((const float*)p.src)[s];
    }
}

extern "C" __global__ void umfa_ring_store(EltParams p) {
    const i64 n = count(p);
    for (i64 i = blockIdx.x * (i64)blockDim.x + threadIdx.x; i < n; i += (i64)gridDim.x * blockDim.x) {
        i64 d, s;
        offsets(p, i, &d, &s);
        const float x = ((const float*)p.src)[s];
        unsigned short bits;
        switch (p.dst_dtype) {
        case 0:
            asm("cvt.rn.f16.f32 %0, %1;" : "=h"(bits) : "f"(x));
            ((unsigned short*)p.dst)[d] = bits;
            break;
        case 1:
            asm("cvt.rn.bf16.f32 %0, %1;" : "=h"(bits) : "f"(x));
            ((unsigned short*)p.dst)[d] = bits;
            break;
        default:
            ((float*)p.dst)[d] = x;
            break;
        }
    }
}
