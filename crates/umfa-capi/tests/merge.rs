//! mfa_merge, mfa_merge_into and mfa_merge_backward against the core's f64 merge reference:
//! strided parts (BSHD), rows masked in some parts and in all, a ring loop, gradients wanted
//! for some parts only, and the error codes and messages of bad calls.

mod common;

use common::*;
use umfa::*;
use umfa_core::merge::reference::{self, RefPart};
use umfa_core::merge::MergeDims;

const B: usize = 2;
const H: usize = 3;
const S: usize = 5;
const D: usize = 8;

fn o_shape() -> Vec<i64> {
    vec![B as i64, H as i64, S as i64, D as i64]
}

fn lse_shape() -> Vec<i64> {
    vec![B as i64, H as i64, S as i64]
}

/// `O` stored [B,S,H,D], `LSE` stored [B,S,H]: the BSHD strides on the logical shapes.
fn o_strides() -> Vec<i64> {
    vec![(S * H * D) as i64, D as i64, (H * D) as i64, 1]
}

fn lse_strides() -> Vec<i64> {
    vec![(S * H) as i64, 1, H as i64]
}

fn bshd_index(b: usize, h: usize, s: usize) -> usize {
    (b * S + s) * H + h
}

fn dims() -> MergeDims {
    MergeDims {
        batch: B,
        heads: H,
        seq: S,
        head_dim: D,
    }
}

/// One part as stored: its O (BSHD) and LSE values.
type StoredPart = (Vec<f32>, Vec<f32>);

/// Three parts stored BSHD: part 1's rows with s = 0 saw no key; row (b 1, h 2, s 4) none in
/// any part. Returns the stored data and the reference's contiguous [B,H,S] view of it.
fn parts(rng: &mut Rng) -> (Vec<StoredPart>, Vec<RefPart>) {
    let mut stored = Vec::new();
    let mut refs = Vec::new();
    for n in 0..3 {
        let mut o = rng.vec(B * S * H * D);
        let mut l: Vec<f32> = rng.vec(B * S * H).iter().map(|x| 3.0 * x).collect();
        let mut r = RefPart {
            out: vec![0.0; B * H * S * D],
            lse: vec![0.0; B * H * S],
        };
        for b in 0..B {
            for h in 0..H {
                for s in 0..S {
                    let masked = (n == 1 && s == 0) || (b == 1 && h == 2 && s == 4);
                    let i = bshd_index(b, h, s);
                    let row = (b * H + h) * S + s;
                    if masked {
                        l[i] = f32::NEG_INFINITY;
                        o[i * D..(i + 1) * D].fill(f32::NAN); // never read
                    } else {
                        for c in 0..D {
                            r.out[row * D + c] = o[i * D + c] as f64;
                        }
                    }
                    r.lse[row] = l[i] as f64;
                }
            }
        }
        stored.push((o, l));
        refs.push(r);
    }
    (stored, refs)
}

/// Stored BSHD values in the reference's [B,H,S(,D)] order.
fn to_bhsd(x: &[f32], d: usize) -> Vec<f64> {
    let mut y = vec![0.0; x.len()];
    for b in 0..B {
        for h in 0..H {
            for s in 0..S {
                for c in 0..d {
                    y[((b * H + h) * S + s) * d + c] = x[bshd_index(b, h, s) * d + c] as f64;
                }
            }
        }
    }
    y
}

fn assert_close(got: &[f32], want: &[f64], d: usize, tol: f64, what: &str) {
    let got = to_bhsd(got, d);
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        let ok = if w.is_finite() {
            (g - w).abs() <= tol * (1.0 + w.abs())
        } else {
            g == w
        };
        assert!(ok, "{what}[{i}]: {g} vs reference {w}");
    }
}

#[test]
fn merge_and_merge_into_match_reference() {
    let ctx = Ctx::cpu();
    let mut rng = Rng::new(7);
    let (mut stored, refs) = parts(&mut rng);
    let r = reference::merge(&dims(), &refs);
    let descs: Vec<(Desc, Desc)> = stored
        .iter_mut()
        .map(|(o, l)| {
            (
                Desc::f32(o, &o_shape()).with_strides(&o_strides()),
                Desc::f32(l, &lse_shape()).with_strides(&lse_strides()),
            )
        })
        .collect();
    let outs: Vec<mfa_tensor_t> = descs.iter().map(|(o, _)| o.t()).collect();
    let lses: Vec<mfa_tensor_t> = descs.iter().map(|(_, l)| l.t()).collect();
    let mut out = vec![f32::NAN; B * H * S * D];
    let mut lse = vec![f32::NAN; B * H * S];
    let out_d = Desc::f32(&mut out, &o_shape()).with_strides(&o_strides());
    let lse_d = Desc::f32(&mut lse, &lse_shape()).with_strides(&lse_strides());
    let rc = unsafe {
        mfa_merge(
            ctx.0,
            outs.as_ptr(),
            lses.as_ptr(),
            3,
            &out_d.t(),
            &lse_d.t(),
            std::ptr::null_mut(),
        )
    };
    assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
    assert_close(&out, &r.out, D, 1e-5, "out");
    assert_close(&lse, &r.lse, 1, 1e-6, "lse");

    // The same through a ring loop: an accumulator with LSE -inf (its O, NaN, is not read).
    let mut acc = vec![f32::NAN; B * H * S * D];
    let mut acc_l = vec![f32::NEG_INFINITY; B * H * S];
    let acc_d = Desc::f32(&mut acc, &o_shape()).with_strides(&o_strides());
    let acc_ld = Desc::f32(&mut acc_l, &lse_shape()).with_strides(&lse_strides());
    for n in 0..3 {
        let rc = unsafe {
            mfa_merge_into(
                ctx.0,
                &acc_d.t(),
                &acc_ld.t(),
                &outs[n],
                &lses[n],
                std::ptr::null_mut(),
            )
        };
        assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
    }
    assert_close(&acc, &r.out, D, 1e-5, "ring loop out");
    assert_close(&acc_l, &r.lse, 1, 1e-6, "ring loop lse");
}

#[test]
fn merge_backward_matches_reference() {
    let ctx = Ctx::cpu();
    let mut rng = Rng::new(11);
    let (mut stored, refs) = parts(&mut rng);
    let mut d_out = rng.vec(B * S * H * D);
    let mut d_lse = rng.vec(B * S * H);
    let r = reference::merge_backward(
        &dims(),
        &refs,
        &to_bhsd(&d_out, D),
        Some(&to_bhsd(&d_lse, 1)),
    );
    let descs: Vec<(Desc, Desc)> = stored
        .iter_mut()
        .map(|(o, l)| {
            (
                Desc::f32(o, &o_shape()).with_strides(&o_strides()),
                Desc::f32(l, &lse_shape()).with_strides(&lse_strides()),
            )
        })
        .collect();
    let outs: Vec<mfa_tensor_t> = descs.iter().map(|(o, _)| o.t()).collect();
    let lses: Vec<mfa_tensor_t> = descs.iter().map(|(_, l)| l.t()).collect();
    let mut g_out: Vec<Vec<f32>> = (0..3).map(|_| vec![f32::NAN; B * H * S * D]).collect();
    let mut g_lse: Vec<Vec<f32>> = (0..3).map(|_| vec![f32::NAN; B * H * S]).collect();
    let g_out_d: Vec<Desc> = g_out
        .iter_mut()
        .map(|g| Desc::f32(g, &o_shape()).with_strides(&o_strides()))
        .collect();
    let g_lse_d: Vec<Desc> = g_lse
        .iter_mut()
        .map(|g| Desc::f32(g, &lse_shape()).with_strides(&lse_strides()))
        .collect();
    let mut g_out_t: Vec<mfa_tensor_t> = g_out_d.iter().map(|d| d.t()).collect();
    let g_lse_t: Vec<mfa_tensor_t> = g_lse_d.iter().map(|d| d.t()).collect();
    // Part 2's dO is not wanted: a descriptor with NULL data.
    g_out_t[2].data = std::ptr::null_mut();
    let d_out_d = Desc::f32(&mut d_out, &o_shape()).with_strides(&o_strides());
    let d_lse_d = Desc::f32(&mut d_lse, &lse_shape()).with_strides(&lse_strides());
    let rc = unsafe {
        mfa_merge_backward(
            ctx.0,
            outs.as_ptr(),
            lses.as_ptr(),
            3,
            &d_out_d.t(),
            &d_lse_d.t(),
            g_out_t.as_ptr(),
            g_lse_t.as_ptr(),
            std::ptr::null_mut(),
        )
    };
    assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
    for n in 0..3 {
        if n != 2 {
            assert_close(&g_out[n], &r[n].d_out, D, 1e-6, &format!("d_out[{n}]"));
        }
        assert_close(&g_lse[n], &r[n].d_lse, 1, 1e-5, &format!("d_lse[{n}]"));
    }
    assert!(
        g_out[2].iter().all(|x| x.is_nan()),
        "an unwanted gradient was written"
    );
}

#[test]
fn bad_merge_calls_return_codes_and_say_why() {
    let ctx = Ctx::cpu();
    let mut o = vec![0f32; 24];
    let mut l = vec![0f32; 6];
    let mut out = vec![0f32; 24];
    let mut l_short = vec![0f32; 4];
    let shape = [1, 2, 3, 4];
    let od = Desc::f32(&mut o, &shape);
    let ld = Desc::f32(&mut l, &shape[..3]);
    let outd = Desc::f32(&mut out, &shape);
    let null = std::ptr::null_mut();
    let call = |outs: &[mfa_tensor_t], lses: &[mfa_tensor_t], n: u32, out: &mfa_tensor_t| unsafe {
        mfa_merge(
            ctx.0,
            outs.as_ptr(),
            lses.as_ptr(),
            n,
            out,
            std::ptr::null(),
            null,
        )
    };
    let expect = |rc: mfa_error_t, code: mfa_error_t, needle: &str| {
        assert_eq!(rc, code, "{}", last_error());
        let msg = last_error();
        assert!(msg.contains(needle), "`{msg}` does not say `{needle}`");
    };
    expect(
        call(&[od.t()], &[ld.t()], 0, &outd.t()),
        MFA_ERROR_INVALID_ARGS,
        "num_parts",
    );
    let short = Desc::f32(&mut l_short, &[1, 2, 2]);
    expect(
        call(&[od.t(), od.t()], &[ld.t(), short.t()], 2, &outd.t()),
        MFA_ERROR_INVALID_ARGS,
        "parts[1].lse: has seq_len = 2",
    );
    let mut bad_dtype = ld.t();
    bad_dtype.dtype = MFA_DTYPE_BF16;
    bad_dtype.size_bytes = 12;
    expect(
        call(&[od.t()], &[bad_dtype], 1, &outd.t()),
        MFA_ERROR_INVALID_ARGS,
        "needs f32",
    );
    let mut bad_tensor = od.t();
    bad_tensor.ndim = 7;
    expect(
        call(&[od.t(), bad_tensor], &[ld.t(), ld.t()], 2, &outd.t()),
        MFA_ERROR_INVALID_ARGS,
        "part_outs[1]",
    );
    // The output is one of the parts.
    expect(
        call(&[od.t()], &[ld.t()], 1, &od.t()),
        MFA_ERROR_INVALID_ARGS,
        "shares memory with parts[0].out",
    );
    let rc = unsafe {
        mfa_merge(
            ctx.0,
            std::ptr::null(),
            std::ptr::null(),
            1,
            &outd.t(),
            std::ptr::null(),
            null,
        )
    };
    expect(rc, MFA_ERROR_INVALID_ARGS, "part_outs");
    let rc = unsafe {
        mfa_merge(
            std::ptr::null_mut(),
            [od.t()].as_ptr(),
            [ld.t()].as_ptr(),
            1,
            &outd.t(),
            std::ptr::null(),
            null,
        )
    };
    expect(rc, MFA_ERROR_INVALID_ARGS, "context");
}
