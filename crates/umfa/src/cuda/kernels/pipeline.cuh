// The asynchronous pipeline of the warp-specialised Hopper kernels (wgmma_ws_fwd.cu,
// quant_int8_wgmma_fwd.cu): mbarriers between the producer's cp.async copies and the consumers,
// the register split between the roles, and the consumers' ping-pong turns. Needs
// wgmma_common.cuh (fence_async_shared).

__device__ __forceinline__ void mbar_init(unsigned bar, unsigned count) {
    asm volatile("mbarrier.init.shared::cta.b64 [%0], %1;\n" ::"r"(bar), "r"(count) : "memory");
}
__device__ __forceinline__ void mbar_arrive(unsigned bar) {
    asm volatile("mbarrier.arrive.shared::cta.b64 _, [%0];\n" ::"r"(bar) : "memory");
}
// Arrives on the barrier once every cp.async this thread has issued so far has landed, without
// waiting here: the producer runs ahead while the copies are in flight. (`noinc`: the arrival
// is one of the barrier's expected count.)
__device__ __forceinline__ void land_arrive(unsigned bar) {
    asm volatile("cp.async.mbarrier.arrive.noinc.shared::cta.b64 [%0];\n" ::"r"(bar) : "memory");
}
// TMA (bulk tensor copies through a host-encoded tensor map). A CUDA tensor map (CUtensorMap:
// 128 opaque bytes, 128-byte aligned in CUDA 13), encoded by the host (cuTensorMapEncodeTiled).
struct __align__(128) TensorMap {
    u64 opaque[16];
};
// Arrives on the barrier and adds `bytes` to the transaction count its phase waits for.
__device__ __forceinline__ void mbar_expect_tx(unsigned bar, unsigned bytes) {
    asm volatile("mbarrier.arrive.expect_tx.shared::cta.b64 _, [%0], %1;\n" ::"r"(bar), "r"(bytes) : "memory");
}
// One box of a 4-d tensor map at coordinates (x0, x1, x2, x3) into shared memory at `dst`, its
// bytes counted on `bar` as they land (elements outside the tensor are written as zeros).
__device__ __forceinline__ void tma_box_4d(unsigned dst, const TensorMap* map, int x0, int x1, int x2, int x3, unsigned bar) {
    asm volatile(
        "cp.async.bulk.tensor.4d.shared::cluster.global.mbarrier::complete_tx::bytes [%0], [%1, {%2, %3, %4, %5}], "
        "[%6];\n" ::"r"(dst),
        "l"((u64)map), "r"(x0), "r"(x1), "r"(x2), "r"(x3), "r"(bar)
        : "memory");
}
// Rows [row0, row0 + ROWS) of head h of batch b of a 16-bit [HEAD_DIM, S, H, B] tensor map into
// the column-block layout of wgmma_common.cuh at `dst` (HEAD_DIM / 64 boxes of [64 columns,
// ROWS rows], ROWS·COL_BYTES apart, 128-byte swizzled by the map); the barrier's phase completes
// when all ROWS·HEAD_DIM·2 bytes have landed.
template <int ROWS>
__device__ __forceinline__ void tma_rows16(unsigned bar, unsigned dst, const TensorMap* map, int row0, int h, int b) {
    mbar_expect_tx(bar, ROWS * HEAD_DIM * 2);
#pragma unroll
    for (int c = 0; c < HEAD_DIM / 64; ++c) tma_box_4d(dst + c * (ROWS * COL_BYTES), map, c * 64, row0, h, b, bar);
}
// Adds the f32 box of a 4-d tensor map at coordinates (x0, x1, x2, x3) from shared memory at
// `src` into global memory (TMA reduce: the copy engine does the adds, element by element
// atomic, so blocks adding into the same rows need no other order), in this thread's bulk group.
__device__ __forceinline__ void tma_reduce_add_4d(unsigned src, const TensorMap* map, int x0, int x1, int x2, int x3) {
    asm volatile(
        "cp.reduce.async.bulk.tensor.4d.global.shared::cta.add.tile.bulk_group [%0, {%1, %2, %3, %4}], [%5];\n" ::"l"(
            (u64)map),
        "r"(x0), "r"(x1), "r"(x2), "r"(x3), "r"(src)
        : "memory");
}
__device__ __forceinline__ void bulk_commit() { asm volatile("cp.async.bulk.commit_group;\n" ::: "memory"); }
// Waits until this thread's bulk groups have read their shared memory (it may be written again).
__device__ __forceinline__ void bulk_wait_read() { asm volatile("cp.async.bulk.wait_group.read 0;\n" ::: "memory"); }
// Waits until this thread's bulk groups have completed, their writes visible.
__device__ __forceinline__ void bulk_wait_all() { asm volatile("cp.async.bulk.wait_group 0;\n" ::: "memory"); }
// Waits until the phase of parity `parity` of the barrier has completed.
__device__ __forceinline__ void mbar_wait(unsigned bar, unsigned parity) {
    asm volatile(
        "{\n.reg .pred done;\n"
        "WAIT_%=:\n"
        "mbarrier.try_wait.parity.shared::cta.b64 done, [%0], %1;\n"
        "@!done bra WAIT_%=;\n"
        "}\n" ::"r"(bar),
        "r"(parity)
        : "memory");
}
// Waits for a tile the producer copied with cp.async (generic-proxy writes), then orders those
// writes before this thread's tensor-core reads of it (the async proxy).
__device__ __forceinline__ void wait_tile(unsigned bar, unsigned parity) {
    mbar_wait(bar, parity);
    fence_async_shared();
}
template <int REGS>
__device__ __forceinline__ void set_max_registers_inc() { asm volatile("setmaxnreg.inc.sync.aligned.u32 %0;\n" ::"n"(REGS)); }
template <int REGS>
__device__ __forceinline__ void set_max_registers_dec() { asm volatile("setmaxnreg.dec.sync.aligned.u32 %0;\n" ::"n"(REGS)); }

// Ping-pong turns between two consumer warpgroups (named barriers 3 and 4): wait for this
// warpgroup's turn to issue, and hand the turn to the other. No-ops when `ON` is false.
template <bool ON>
__device__ __forceinline__ void turn_wait(int wg) {
    if (ON) asm volatile("bar.sync %0, 256;\n" ::"r"(3 + wg) : "memory");
}
template <bool ON>
__device__ __forceinline__ void turn_pass(int wg) {
    if (ON) asm volatile("bar.arrive %0, 256;\n" ::"r"(3 + (wg ^ 1)) : "memory");
}
