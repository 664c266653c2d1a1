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
