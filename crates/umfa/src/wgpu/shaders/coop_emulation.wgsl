// Software stand-ins for the cooperative-matrix builtins, so that the matrix family's kernel
// logic (tiling, the two passes, the epilogue) can be tested on adapters without cooperative
// matrices, lavapipe included. `kernels.rs` rewrites each `coopLoad*<CoopX>(&arr[i], s)` into
// `emu_load_x_arr(i, s, row_major)`, each `coopStore*(m, &arr[i], s)` into
// `emu_store_arr(m, i, s, row_major)` and `coopMultiplyAdd` into `emu_mad`; the emulated
// subgroups are 32 consecutive threads.
//
// Like the hardware's, an accumulator (C) is spread over the 32 lanes of its group: lane l holds
// elements l, l + 32, ... (row-major), EMU_C of them. An A or B operand is a reference to the
// workgroup memory it was loaded from, read when a multiply-add consumes it: the kernel always
// consumes an operand before anything overwrites its source, so this equals loading the values.
// Per-lane private memory stays a few words per matrix. That matters: llvmpipe (Mesa 22.3)
// computes wrong results once kilobytes of private arrays per invocation are live in a compute
// shader with barriers — the earlier emulation, which held every matrix whole in every lane,
// failed on lavapipe from D = 48 at 8×8 and D = 32 at 16×16 for that reason alone.

const EMU_C: u32 = CM * CM / 32u;

struct EmuRef {
    src: u32,       // 0: mq, 1: mp, 2: mkv
    off: u32,
    stride: u32,
    row_major: u32,
}

alias CoopA = EmuRef;
alias CoopB = EmuRef;
alias CoopC = array<f32, EMU_C>;

var<private> emu_lane: u32;

fn emu_index(off: u32, stride: u32, r: u32, c: u32, row_major: bool) -> u32 {
    return off + select(c * stride + r, r * stride + c, row_major);
}

fn emu_load_a_mq(off: u32, stride: u32, row_major: bool) -> CoopA {
    return EmuRef(0u, off, stride, u32(row_major));
}

fn emu_load_a_mp(off: u32, stride: u32, row_major: bool) -> CoopA {
    return EmuRef(1u, off, stride, u32(row_major));
}

fn emu_load_b_mkv(off: u32, stride: u32, row_major: bool) -> CoopB {
    return EmuRef(2u, off, stride, u32(row_major));
}

// Element (r, c) of an A or B operand.
fn emu_at(m: EmuRef, r: u32, c: u32) -> f32 {
    let i = emu_index(m.off, m.stride, r, c, m.row_major != 0u);
    switch (m.src) {
        case 0u: {
            return f32(mq[i]);
        }
        case 1u: {
            return f32(mp[i]);
        }
        default: {
            return f32(mkv[i]);
        }
    }
}

fn emu_load_c_mzero(off: u32, stride: u32, row_major: bool) -> CoopC {
    var m: CoopC;
    for (var k = 0u; k < EMU_C; k++) {
        let e = emu_lane + 32u * k;
        m[k] = mzero[emu_index(off, stride, e / CM, e % CM, row_major)];
    }
    return m;
}

fn emu_load_c_ms(off: u32, stride: u32, row_major: bool) -> CoopC {
    var m: CoopC;
    for (var k = 0u; k < EMU_C; k++) {
        let e = emu_lane + 32u * k;
        m[k] = ms[emu_index(off, stride, e / CM, e % CM, row_major)];
    }
    return m;
}

fn emu_store_ms(m: CoopC, off: u32, stride: u32, row_major: bool) {
    for (var k = 0u; k < EMU_C; k++) {
        let e = emu_lane + 32u * k;
        ms[emu_index(off, stride, e / CM, e % CM, row_major)] = m[k];
    }
}

// Products of f16 values are exact in f32, so this matches f16 operands with f32 accumulation.
fn emu_mad(a: CoopA, b: CoopB, c: CoopC) -> CoopC {
    var d: CoopC;
    for (var k = 0u; k < EMU_C; k++) {
        let e = emu_lane + 32u * k;
        let r = e / CM;
        let col = e % CM;
        var acc = c[k];
        for (var i = 0u; i < CM; i++) {
            acc += emu_at(a, r, i) * emu_at(b, i, col);
        }
        d[k] = acc;
    }
    return d;
}
