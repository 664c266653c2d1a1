// Software stand-ins for the cooperative-matrix builtins, so that the matrix family's kernel
// logic (tiling, the two passes, the epilogue) can be tested on adapters without cooperative
// matrices, lavapipe included. `kernels.rs` rewrites each `coopLoad*`/`coopStoreT`/
// `coopMultiplyAdd` call into these functions. Every thread holds a whole CM×CM matrix (so the
// 32 threads of a group hold identical copies); stores are split between the group's lanes so
// that no two threads write the same element. Slow, and only for tests.

alias CoopA = array<f32, CM * CM>;
alias CoopB = array<f32, CM * CM>;
alias CoopC = array<f32, CM * CM>;

var<private> emu_lane: u32;

fn emu_index(off: u32, stride: u32, r: u32, c: u32, row_major: bool) -> u32 {
    return off + select(c * stride + r, r * stride + c, row_major);
}

fn emu_load_mq(off: u32, stride: u32, row_major: bool) -> CoopA {
    var m: CoopA;
    for (var r = 0u; r < CM; r++) {
        for (var c = 0u; c < CM; c++) {
            m[r * CM + c] = f32(mq[emu_index(off, stride, r, c, row_major)]);
        }
    }
    return m;
}

fn emu_load_mkv(off: u32, stride: u32, row_major: bool) -> CoopB {
    var m: CoopB;
    for (var r = 0u; r < CM; r++) {
        for (var c = 0u; c < CM; c++) {
            m[r * CM + c] = f32(mkv[emu_index(off, stride, r, c, row_major)]);
        }
    }
    return m;
}

fn emu_load_mp(off: u32, stride: u32, row_major: bool) -> CoopA {
    var m: CoopA;
    for (var r = 0u; r < CM; r++) {
        for (var c = 0u; c < CM; c++) {
            m[r * CM + c] = f32(mp[emu_index(off, stride, r, c, row_major)]);
        }
    }
    return m;
}

fn emu_load_mzero(off: u32, stride: u32, row_major: bool) -> CoopC {
    var m: CoopC;
    for (var r = 0u; r < CM; r++) {
        for (var c = 0u; c < CM; c++) {
            m[r * CM + c] = mzero[emu_index(off, stride, r, c, row_major)];
        }
    }
    return m;
}

fn emu_store_ms(m: CoopC, off: u32, stride: u32, row_major: bool) {
    for (var e = emu_lane; e < CM * CM; e += 32u) {
        ms[emu_index(off, stride, e / CM, e % CM, row_major)] = m[e];
    }
}

fn emu_mad(a: CoopA, b: CoopB, c: CoopC) -> CoopC {
    var d = c;
    for (var r = 0u; r < CM; r++) {
        for (var k = 0u; k < CM; k++) {
            let x = a[r * CM + k];
            for (var col = 0u; col < CM; col++) {
                d[r * CM + col] += x * b[k * CM + col];
            }
        }
    }
    return d;
}
