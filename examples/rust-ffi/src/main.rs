//! UMFA-style Rust client of the C ABI: bindings declared by hand against `libMFAFFI`, a forward
//! with LSE and a multi-head backward, checked against a plain f64 computation. Exits non-zero
//! on a mismatch.

use std::ffi::{c_char, c_void, CStr};
use std::ptr::{null, null_mut};

type MfaContext = *mut c_void;
type MfaBuffer = *mut c_void;

const MFA_SUCCESS: i32 = 0;
const MFA_PRECISION_FP32: i32 = 2;
const MFA_MASK_TYPE_NONE: i32 = 0;

#[link(name = "MFAFFI")]
extern "C" {
    fn mfa_create_context(context: *mut MfaContext) -> i32;
    fn mfa_destroy_context(context: MfaContext);
    fn mfa_create_buffer(context: MfaContext, size_bytes: isize, buffer: *mut MfaBuffer) -> i32;
    fn mfa_buffer_from_ptr(
        context: MfaContext,
        data: *mut c_void,
        size_bytes: isize,
        buffer: *mut MfaBuffer,
    ) -> i32;
    fn mfa_buffer_contents(buffer: MfaBuffer) -> *mut c_void;
    fn mfa_destroy_buffer(buffer: MfaBuffer);
    fn mfa_attention_forward(
        context: MfaContext,
        q: MfaBuffer,
        k: MfaBuffer,
        v: MfaBuffer,
        out: MfaBuffer,
        batch_size: u32,
        seq_len_q: u32,
        seq_len_kv: u32,
        num_heads: u32,
        head_dim: u16,
        softmax_scale: f32,
        causal: bool,
        input_precision: i32,
        intermediate_precision: i32,
        output_precision: i32,
        transpose_q: bool,
        transpose_k: bool,
        transpose_v: bool,
        transpose_o: bool,
        mask: *const c_void,
        mask_size_bytes: usize,
        mask_shape: *const i64,
        mask_strides: *const i64,
        mask_ndim: u32,
        mask_type: i32,
        mask_scalar_type: i32,
    ) -> i32;
    fn mfa_attention_forward_with_lse(
        context: MfaContext,
        q: MfaBuffer,
        k: MfaBuffer,
        v: MfaBuffer,
        out: MfaBuffer,
        lse: MfaBuffer,
        batch_size: u32,
        seq_len_q: u32,
        seq_len_kv: u32,
        num_heads: u32,
        head_dim: u16,
        softmax_scale: f32,
        causal: bool,
        input_precision: i32,
        intermediate_precision: i32,
        transpose_q: bool,
        transpose_k: bool,
        transpose_v: bool,
        transpose_o: bool,
    ) -> i32;
    fn mfa_attention_backward(
        context: MfaContext,
        dout: MfaBuffer,
        q: MfaBuffer,
        k: MfaBuffer,
        v: MfaBuffer,
        out: MfaBuffer,
        lse: MfaBuffer,
        dq: MfaBuffer,
        dk: MfaBuffer,
        dv: MfaBuffer,
        d_buffer: MfaBuffer,
        batch_size: u32,
        seq_len_q: u32,
        seq_len_kv: u32,
        num_heads: u32,
        head_dim: u16,
        softmax_scale: f32,
        causal: bool,
        input_precision: i32,
        intermediate_precision: i32,
        transpose_q: bool,
        transpose_k: bool,
        transpose_v: bool,
        transpose_o: bool,
    ) -> i32;
    fn mfa_error_string(error: i32) -> *const c_char;
    fn mfa_last_error_message() -> *const c_char;
    fn mfa_get_version(major: *mut i32, minor: *mut i32, patch: *mut i32);
    fn mfa_get_gpu_latency(context: MfaContext) -> f64;
}

const B: usize = 1;
const H: usize = 3;
const S: usize = 12;
const D: usize = 16;
const N: usize = B * H * S * D;

fn check(rc: i32, what: &str) {
    if rc != MFA_SUCCESS {
        let (code, msg) = unsafe {
            (
                CStr::from_ptr(mfa_error_string(rc)).to_string_lossy(),
                CStr::from_ptr(mfa_last_error_message()).to_string_lossy(),
            )
        };
        eprintln!("{what} failed: {code}: {msg}");
        std::process::exit(1);
    }
}

/// Plain causal attention in f64 for one (batch, head) slice of [S, D] rows: O, and the
/// gradients for upstream `d_out`.
fn reference(q: &[f32], k: &[f32], v: &[f32], d_out: &[f32], scale: f64) -> [Vec<f64>; 4] {
    let mut out = vec![0.0; N];
    let (mut dq, mut dk, mut dv) = (vec![0.0; N], vec![0.0; N], vec![0.0; N]);
    for bh in 0..B * H {
        let base = bh * S * D;
        let x = |t: &[f32], r: usize, c: usize| t[base + r * D + c] as f64;
        for i in 0..S {
            let s: Vec<f64> = (0..=i)
                .map(|j| scale * (0..D).map(|c| x(q, i, c) * x(k, j, c)).sum::<f64>())
                .collect();
            let max = s.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            let sum: f64 = s.iter().map(|s| (s - max).exp()).sum();
            let p: Vec<f64> = s.iter().map(|s| (s - max).exp() / sum).collect();
            for c in 0..D {
                out[base + i * D + c] = (0..=i).map(|j| p[j] * x(v, j, c)).sum();
            }
            let delta: f64 = (0..D).map(|c| x(d_out, i, c) * out[base + i * D + c]).sum();
            for j in 0..=i {
                let dp: f64 = (0..D).map(|c| x(d_out, i, c) * x(v, j, c)).sum();
                let ds = p[j] * (dp - delta) * scale;
                for c in 0..D {
                    dv[base + j * D + c] += p[j] * x(d_out, i, c);
                    dq[base + i * D + c] += ds * x(k, j, c);
                    dk[base + j * D + c] += ds * x(q, i, c);
                }
            }
        }
    }
    [out, dq, dk, dv]
}

fn main() {
    let (mut major, mut minor, mut patch) = (0, 0, 0);
    unsafe { mfa_get_version(&mut major, &mut minor, &mut patch) };
    println!("libMFAFFI {major}.{minor}.{patch}");

    let mut state = 7u32;
    let mut next = || {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        ((state >> 8) & 0xffff) as f32 / 32768.0 - 1.0
    };
    let (mut q, mut k, mut v, mut d_out) =
        (vec![0f32; N], vec![0f32; N], vec![0f32; N], vec![0f32; N]);
    for x in q.iter_mut().chain(&mut k).chain(&mut v).chain(&mut d_out) {
        *x = next();
    }
    let scale = 1.0 / (D as f32).sqrt();

    unsafe {
        let mut ctx = null_mut();
        check(mfa_create_context(&mut ctx), "mfa_create_context");
        // Inputs wrap our own memory (zero-copy); outputs are library buffers we read back.
        let wrap = |data: &mut Vec<f32>| {
            let mut b = null_mut();
            check(
                mfa_buffer_from_ptr(
                    ctx,
                    data.as_mut_ptr() as *mut c_void,
                    (data.len() * 4) as isize,
                    &mut b,
                ),
                "mfa_buffer_from_ptr",
            );
            b
        };
        let (bq, bk, bv, bdo) = (wrap(&mut q), wrap(&mut k), wrap(&mut v), wrap(&mut d_out));
        let alloc = |bytes: usize| {
            let mut b = null_mut();
            check(
                mfa_create_buffer(ctx, bytes as isize, &mut b),
                "mfa_create_buffer",
            );
            b
        };
        let (bo, blse, bdq, bdk, bdv) = (
            alloc(N * 4),
            alloc(B * H * S * 4),
            alloc(N * 4),
            alloc(N * 4),
            alloc(N * 4),
        );
        let (b, h, s, d) = (B as u32, H as u32, S as u32, D as u16);
        let f32p = MFA_PRECISION_FP32;

        check(
            mfa_attention_forward(
                ctx,
                bq,
                bk,
                bv,
                bo,
                b,
                s,
                s,
                h,
                d,
                scale,
                true,
                f32p,
                f32p,
                f32p,
                false,
                false,
                false,
                false,
                null(),
                0,
                null(),
                null(),
                0,
                MFA_MASK_TYPE_NONE,
                0,
            ),
            "mfa_attention_forward",
        );
        check(
            mfa_attention_forward_with_lse(
                ctx, bq, bk, bv, bo, blse, b, s, s, h, d, scale, true, f32p, f32p, false, false,
                false, false,
            ),
            "mfa_attention_forward_with_lse",
        );
        check(
            mfa_attention_backward(
                ctx,
                bdo,
                bq,
                bk,
                bv,
                bo,
                blse,
                bdq,
                bdk,
                bdv,
                null_mut(),
                b,
                s,
                s,
                h,
                d,
                scale,
                true,
                f32p,
                f32p,
                false,
                false,
                false,
                false,
            ),
            "mfa_attention_backward",
        );
        println!("backward took {:.3} ms", mfa_get_gpu_latency(ctx) * 1e3);

        let read = |buf: MfaBuffer| {
            std::slice::from_raw_parts(mfa_buffer_contents(buf) as *const f32, N).to_vec()
        };
        let want = reference(&q, &k, &v, &d_out, scale as f64);
        let mut failed = false;
        for ((name, buf), want) in [("out", bo), ("dq", bdq), ("dk", bdk), ("dv", bdv)]
            .into_iter()
            .zip(&want)
        {
            let got = read(buf);
            let err = got
                .iter()
                .zip(want)
                .map(|(&a, &b)| (a as f64 - b).abs())
                .fold(0.0, f64::max);
            let ok = err <= 5e-4;
            failed |= !ok;
            println!(
                "  {name:4} max |error| {err:.2e} {}",
                if ok { "ok" } else { "MISMATCH" }
            );
        }
        for buf in [bq, bk, bv, bdo, bo, blse, bdq, bdk, bdv] {
            mfa_destroy_buffer(buf);
        }
        mfa_destroy_context(ctx);
        if failed {
            std::process::exit(1);
        }
    }
    println!("rust-ffi example: all checks passed");
}
