// Software stand-ins for the cooperative-matrix builtins, so that the matrix family's kernel
// logic (tiling, staging, the softmax, the rescale, the epilogue) can be tested on adapters
// without cooperative matrices, lavapipe included. `kernels.rs` rewrites each
// `coopLoad*<CoopX>(&arr[i], s)` into `emu_load_x_arr(i, s, row_major)`, each
// `coopStore*(m, &arr[i], s)` into `emu_store_arr(m, i, s, row_major)`, `coopMultiplyAdd` into
// `emu_mad` and `subgroupShuffleXor` into `emu_shuffle_xor` (`arr` the member's name of a
// `wg.arr`); the emulated subgroups are 32 consecutive threads.
//
// Like the hardware's, an accumulator (C) is spread over the 32 lanes of its group: lane l holds
// elements l, l + 32, ... (row-major), EMU_C of them. An A or B operand is a reference to the
// arena memory it was loaded from, read when a multiply-add consumes it: the kernel always
// consumes an operand before anything overwrites its source (Q's fragments are the exception
// on hardware, so under emulation Q's staging has a region of its own), so this equals loading
// the values. Per-lane private memory stays a few words per matrix. That matters: llvmpipe
// (Mesa 22.3) computes wrong results once kilobytes of private arrays per invocation are live in
// a compute shader with barriers.
//
// Offsets and strides count array elements (vec4s with VEC), as in SPIR-V: element (r, c) of a
// row-major matrix at `off` is scalar (off + r·stride)·HV + c of the array.

const EMU_C: u32 = CM * CM / 32u;

struct EmuRef {
    off: u32,
    stride: u32,
    row_major: u32,
}

alias CoopA = EmuRef;
alias CoopB = EmuRef;
alias CoopC = array<f32, EMU_C>;

var<private> emu_lane: u32;
var<private> emu_lid: u32;
// CM and EMU_C, as values the shader compiler cannot see (set from the parameters): llvmpipe
// would otherwise unroll every multiply-add's loops, and the kernel has hundreds of them.
var<private> emu_cm: u32;
var<private> emu_c: u32;
var<workgroup> emu_x: array<f32, NT>;

fn emu_index(off: u32, stride: u32, r: u32, c: u32, row_major: bool, per: u32) -> u32 {
    return select((off + c * stride) * per + r, (off + r * stride) * per + c, row_major);
}

fn emu_load_a_mh(off: u32, stride: u32, row_major: bool) -> CoopA {
    return EmuRef(off, stride, u32(row_major));
}

fn emu_load_b_mh(off: u32, stride: u32, row_major: bool) -> CoopB {
    return EmuRef(off, stride, u32(row_major));
}

// Element (r, c) of an A or B operand.
fn emu_at(m: EmuRef, r: u32, c: u32) -> f32 {
    return f32(h_ld(emu_index(m.off, m.stride, r, c, m.row_major != 0u, HV)));
}

fn emu_load_c_mzero(off: u32, stride: u32, row_major: bool) -> CoopC {
    var m: CoopC;
    for (var k = 0u; k < emu_c; k++) {
        let e = emu_lane + 32u * k;
        m[k] = wg.mzero[emu_index(off, stride, e / CM, e % CM, row_major, 1u)];
    }
    return m;
}

fn emu_load_c_ms(off: u32, stride: u32, row_major: bool) -> CoopC {
    var m: CoopC;
    for (var k = 0u; k < emu_c; k++) {
        let e = emu_lane + 32u * k;
        m[k] = s_ld(emu_index(off, stride, e / CM, e % CM, row_major, HV));
    }
    return m;
}

fn emu_store_ms(m: CoopC, off: u32, stride: u32, row_major: bool) {
    for (var k = 0u; k < emu_c; k++) {
        let e = emu_lane + 32u * k;
        s_st(emu_index(off, stride, e / CM, e % CM, row_major, HV), m[k]);
    }
}

// Products of f16 values are exact in f32, so this matches f16 operands with f32 accumulation.
fn emu_mad(a: CoopA, b: CoopB, c: CoopC) -> CoopC {
    var d: CoopC;
    for (var k = 0u; k < emu_c; k++) {
        let e = emu_lane + 32u * k;
        let r = e / CM;
        let col = e % CM;
        var acc = c[k];
        for (var i = 0u; i < emu_cm; i++) {
            acc += emu_at(a, r, i) * emu_at(b, i, col);
        }
        d[k] = acc;
    }
    return d;
}

// The value of lane `lane ^ mask` of the emulated subgroup (called in uniform control flow).
fn emu_shuffle_xor(x: f32, mask: u32) -> f32 {
    emu_x[emu_lid] = x;
    workgroupBarrier();
    let y = emu_x[emu_lid ^ mask];
    workgroupBarrier();
    return y;
}
