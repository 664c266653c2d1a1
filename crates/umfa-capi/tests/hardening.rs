//! Every entry point with bad arguments: NULLs, zero sizes, sizes that do not match buffers,
//! strides outside a buffer, unknown enum values, masks smaller than their shape. Each must
//! return an error code and leave a message, never crash.

mod common;
use common::*;
use std::ffi::{c_char, c_void, CString};
use std::ptr::{null, null_mut};
use umfa::*;
use umfa_core::BackendKind;

macro_rules! expect_err {
    ($call:expr, $code:expr, $needle:expr) => {{
        #[allow(unused_unsafe)]
        let rc = unsafe { $call };
        let msg = last_error();
        assert_eq!(
            rc,
            $code,
            "{}: got {rc}, message {msg:?}",
            stringify!($call)
        );
        assert!(
            msg.contains($needle),
            "{}: message {msg:?} lacks {:?}",
            stringify!($call),
            $needle
        );
    }};
}

const INVALID: i32 = MFA_ERROR_INVALID_ARGS;
const UNSUPPORTED: i32 = MFA_ERROR_DEVICE_NOT_SUPPORTED;

/// One head, B=1, Sq=Sk=4, D=8: 32 floats per tensor.
struct Setup {
    ctx: Ctx,
    data: Vec<Vec<f32>>,
    bufs: Vec<mfa_buffer_t>,
}

impl Setup {
    fn new() -> Setup {
        let ctx = Ctx::cpu();
        let mut data: Vec<Vec<f32>> = (0..10).map(|i| Rng::new(i).vec(32)).collect();
        let bufs = data
            .iter_mut()
            .map(|d| {
                let mut b = null_mut();
                let rc = unsafe {
                    mfa_buffer_from_ptr(ctx.0, d.as_mut_ptr() as *mut c_void, 128, &mut b)
                };
                assert_eq!(rc, MFA_SUCCESS);
                b
            })
            .collect();
        Setup { ctx, data, bufs }
    }
    /// UMFA's forward with everything overridable.
    #[allow(clippy::too_many_arguments)]
    unsafe fn fwd(
        &self,
        ctx: mfa_context_t,
        q: mfa_buffer_t,
        out: mfa_buffer_t,
        dims: (u32, u32, u32, u32, u16),
        prec: (i32, i32, i32),
        mask: (*const c_void, usize, *const i64, *const i64, u32, i32, i32),
    ) -> i32 {
        let (b, sq, sk, h, d) = dims;
        mfa_attention_forward(
            ctx,
            q,
            self.bufs[1],
            self.bufs[2],
            out,
            b,
            sq,
            sk,
            h,
            d,
            0.0,
            false,
            prec.0,
            prec.1,
            prec.2,
            false,
            false,
            false,
            false,
            mask.0,
            mask.1,
            mask.2,
            mask.3,
            mask.4,
            mask.5,
            mask.6,
        )
    }
    unsafe fn bwd(
        &self,
        ctx: mfa_context_t,
        slot: usize,
        replacement: mfa_buffer_t,
        d_buffer: mfa_buffer_t,
        prec: i32,
    ) -> i32 {
        let mut b: Vec<mfa_buffer_t> = self.bufs[..9].to_vec();
        if slot < 9 {
            b[slot] = replacement;
        }
        mfa_attention_backward(
            ctx, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], d_buffer, 1, 4, 4, 1, 8,
            0.0, true, prec, prec, false, false, false, false,
        )
    }
}

impl Drop for Setup {
    fn drop(&mut self) {
        for &b in &self.bufs {
            unsafe { mfa_destroy_buffer(b) };
        }
        let _ = &self.data;
    }
}

const DIMS: (u32, u32, u32, u32, u16) = (1, 4, 4, 1, 8);
const F32: (i32, i32, i32) = (MFA_PRECISION_FP32, MFA_PRECISION_FP32, MFA_PRECISION_FP32);
const NO_MASK: (*const c_void, usize, *const i64, *const i64, u32, i32, i32) =
    (null(), 0, null(), null(), 0, MFA_MASK_TYPE_NONE, 0);

#[test]
fn contexts_and_buffers() {
    let s = Setup::new();
    let ctx = s.ctx.0;
    let mut out = null_mut();
    expect_err!(mfa_create_context(null_mut()), INVALID, "context");
    expect_err!(
        mfa_create_context_with_backend(99, &mut out),
        INVALID,
        "backend"
    );
    assert!(out.is_null());
    // GPU backends: an error that names the backend where it is absent, a context where present.
    for (backend, kind, name) in [
        (MFA_BACKEND_CUDA, BackendKind::Cuda, "cuda"),
        (MFA_BACKEND_WGPU, BackendKind::Wgpu, "wgpu"),
    ] {
        let present = umfa_core::backend::backend(kind).is_ok();
        let mut why = [1 as c_char; 200];
        let rc = unsafe { mfa_backend_available(backend, why.as_mut_ptr(), why.len()) };
        let why = unsafe { std::ffi::CStr::from_ptr(why.as_ptr()) }
            .to_string_lossy()
            .into_owned();
        let rc2 = unsafe { mfa_create_context_with_backend(backend, &mut out) };
        if present {
            assert_eq!((rc, rc2, why.as_str()), (MFA_SUCCESS, MFA_SUCCESS, ""));
            unsafe { mfa_destroy_context(out) };
            out = null_mut();
        } else {
            assert_eq!((rc, rc2), (UNSUPPORTED, UNSUPPORTED));
            assert!(why.contains(name) && last_error().contains(name), "{why}");
            assert!(out.is_null());
        }
    }
    let mut why = [1 as c_char; 200];
    expect_err!(
        mfa_backend_available(MFA_BACKEND_CPU, null_mut(), 0),
        MFA_SUCCESS,
        ""
    );
    expect_err!(
        mfa_backend_available(-3, why.as_mut_ptr(), 4),
        INVALID,
        "backend"
    );
    assert_eq!(why[3], 0, "truncated and NUL-terminated");

    expect_err!(
        mfa_create_buffer(null_mut(), 16, &mut out),
        INVALID,
        "context"
    );
    expect_err!(
        mfa_create_buffer(ctx, 0, &mut out),
        INVALID,
        "`size_bytes`: is 0"
    );
    expect_err!(
        mfa_create_buffer(ctx, -5, &mut out),
        INVALID,
        "`size_bytes`: is -5"
    );
    expect_err!(mfa_create_buffer(ctx, 16, null_mut()), INVALID, "buffer");
    expect_err!(
        mfa_create_buffer(ctx, isize::MAX, &mut out),
        MFA_ERROR_MEMORY_ALLOCATION,
        "bytes"
    );
    // A buffer handle is not a context, and the other way round.
    expect_err!(
        mfa_create_buffer(s.bufs[0], 16, &mut out),
        INVALID,
        "not a live context"
    );
    assert!(unsafe { mfa_buffer_contents(ctx) }.is_null());
    assert!(last_error().contains("not a live buffer"));

    let mut x = [0f32; 4];
    let xp = x.as_mut_ptr() as *mut c_void;
    expect_err!(
        mfa_buffer_from_ptr(ctx, null_mut(), 16, &mut out),
        INVALID,
        "data"
    );
    expect_err!(
        mfa_buffer_from_ptr(ctx, xp, 0, &mut out),
        INVALID,
        "size_bytes"
    );
    expect_err!(
        mfa_buffer_from_ptr(ctx, xp, 16, null_mut()),
        INVALID,
        "buffer"
    );
    expect_err!(
        mfa_buffer_from_ptr(null_mut(), xp, 16, &mut out),
        INVALID,
        "context"
    );
    let shape = [1i64, 1, 2, 2];
    let strides = [4i64, 4, 2, 1];
    let bad_shape = [1i64, 0, 2, 2];
    expect_err!(
        mfa_buffer_from_ptr_with_strides(ctx, xp, 16, null(), strides.as_ptr(), 4, &mut out),
        INVALID,
        "shape"
    );
    expect_err!(
        mfa_buffer_from_ptr_with_strides(ctx, xp, 16, shape.as_ptr(), null(), 4, &mut out),
        INVALID,
        "strides"
    );
    expect_err!(
        mfa_buffer_from_ptr_with_strides(
            ctx,
            xp,
            16,
            shape.as_ptr(),
            strides.as_ptr(),
            0,
            &mut out
        ),
        INVALID,
        "ndim"
    );
    expect_err!(
        mfa_buffer_from_ptr_with_strides(
            ctx,
            xp,
            16,
            shape.as_ptr(),
            strides.as_ptr(),
            5,
            &mut out
        ),
        INVALID,
        "ndim"
    );
    expect_err!(
        mfa_buffer_from_ptr_with_strides(
            ctx,
            xp,
            16,
            bad_shape.as_ptr(),
            strides.as_ptr(),
            4,
            &mut out
        ),
        INVALID,
        "dimension 1 is 0"
    );
    expect_err!(
        mfa_buffer_from_mtl_buffer(ctx, xp, 16, &mut out),
        UNSUPPORTED,
        "Apple"
    );
    expect_err!(
        mfa_buffer_from_mtl_buffer_with_strides(
            ctx,
            xp,
            16,
            shape.as_ptr(),
            strides.as_ptr(),
            4,
            &mut out
        ),
        UNSUPPORTED,
        "Apple"
    );
    assert!(out.is_null());

    assert!(unsafe { mfa_buffer_contents(null_mut()) }.is_null());
    assert_eq!(unsafe { mfa_buffer_size(null_mut()) }, 0);
    assert_eq!(unsafe { mfa_get_gpu_latency(null_mut()) }, 0.0);
    assert_eq!(unsafe { mfa_get_gpu_latency(ctx) }, 0.0, "no call yet");
    assert_eq!(unsafe { mfa_context_backend(null_mut()) }, -1);
    expect_err!(
        mfa_context_device_name(ctx, null_mut(), 10),
        INVALID,
        "name"
    );
    unsafe {
        mfa_destroy_buffer(null_mut());
        mfa_destroy_context(null_mut());
        mfa_destroy_buffer(ctx); // a context is not a buffer: ignored
        mfa_destroy_context(s.bufs[0]); // and the other way round
        mfa_get_version(null_mut(), null_mut(), null_mut());
        mfa_attention_params_init(null_mut());
    }
    // Both handles are still alive.
    assert!(!unsafe { mfa_buffer_contents(s.bufs[0]) }.is_null());
    assert_eq!(unsafe { mfa_context_backend(ctx) }, MFA_BACKEND_CPU);
}

#[test]
fn compat_forward_arguments() {
    let s = Setup::new();
    let (ctx, q, o) = (s.ctx.0, s.bufs[0], s.bufs[3]);
    expect_err!(
        s.fwd(null_mut(), q, o, DIMS, F32, NO_MASK),
        INVALID,
        "context"
    );
    expect_err!(
        s.fwd(ctx, null_mut(), o, DIMS, F32, NO_MASK),
        INVALID,
        "`q`"
    );
    expect_err!(
        s.fwd(ctx, q, null_mut(), DIMS, F32, NO_MASK),
        INVALID,
        "`out`"
    );
    expect_err!(
        s.fwd(ctx, q, o, (0, 4, 4, 1, 8), F32, NO_MASK),
        INVALID,
        "batch is 0"
    );
    expect_err!(
        s.fwd(ctx, q, o, (1, 0, 4, 1, 8), F32, NO_MASK),
        INVALID,
        "seq_len_q is 0"
    );
    expect_err!(
        s.fwd(ctx, q, o, (1, 4, 0, 1, 8), F32, NO_MASK),
        INVALID,
        "seq_len_kv is 0"
    );
    expect_err!(
        s.fwd(ctx, q, o, (1, 4, 4, 0, 8), F32, NO_MASK),
        INVALID,
        "num_heads is 0"
    );
    expect_err!(
        s.fwd(ctx, q, o, (1, 4, 4, 1, 0), F32, NO_MASK),
        INVALID,
        "head_dim is 0"
    );
    // Sizes that need more than the 128-byte buffers hold.
    expect_err!(
        s.fwd(ctx, q, o, (1, 8, 4, 1, 8), F32, NO_MASK),
        INVALID,
        "128 bytes"
    );
    expect_err!(
        s.fwd(ctx, q, o, (1, 4, 4, 2, 8), F32, NO_MASK),
        INVALID,
        "buffer holds"
    );
    expect_err!(
        s.fwd(
            ctx,
            q,
            o,
            (u32::MAX, u32::MAX, u32::MAX, u32::MAX, u16::MAX),
            F32,
            NO_MASK
        ),
        INVALID,
        ""
    );
    expect_err!(
        s.fwd(ctx, q, o, DIMS, (7, 2, 2), NO_MASK),
        INVALID,
        "`input_precision`: is 7"
    );
    expect_err!(
        s.fwd(ctx, q, o, DIMS, (2, -1, 2), NO_MASK),
        INVALID,
        "intermediate_precision"
    );
    expect_err!(
        s.fwd(ctx, q, o, DIMS, (2, 2, 99), NO_MASK),
        INVALID,
        "output_precision"
    );
    expect_err!(
        s.fwd(ctx, q, o, DIMS, (MFA_PRECISION_INT8, 2, 2), NO_MASK),
        INVALID,
        "quantized"
    );
    // Output aliasing an input.
    expect_err!(s.fwd(ctx, q, q, DIMS, F32, NO_MASK), INVALID, "alias");

    let mut mask = [1u8; 32];
    let mp = mask.as_mut_ptr() as *const c_void;
    let shape = [4i64, 4];
    let big = [4i64, 8];
    let sh = shape.as_ptr();
    let b = MFA_MASK_TYPE_BOOL;
    expect_err!(
        s.fwd(ctx, q, o, DIMS, F32, (null(), 16, sh, null(), 2, b, 0)),
        INVALID,
        "mask"
    );
    expect_err!(
        s.fwd(ctx, q, o, DIMS, F32, (mp, 0, sh, null(), 2, b, 0)),
        INVALID,
        "mask_size_bytes"
    );
    expect_err!(
        s.fwd(ctx, q, o, DIMS, F32, (mp, 16, null(), null(), 2, b, 0)),
        INVALID,
        "mask_shape"
    );
    expect_err!(
        s.fwd(ctx, q, o, DIMS, F32, (mp, 16, sh, null(), 0, b, 0)),
        INVALID,
        "mask_ndim"
    );
    expect_err!(
        s.fwd(ctx, q, o, DIMS, F32, (mp, 16, sh, null(), 5, b, 0)),
        INVALID,
        "mask_ndim"
    );
    expect_err!(
        s.fwd(ctx, q, o, DIMS, F32, (mp, 16, sh, null(), 2, 9, 0)),
        INVALID,
        "`mask_type`: is 9"
    );
    expect_err!(
        s.fwd(ctx, q, o, DIMS, F32, (mp, 16, sh, null(), 2, b, 42)),
        INVALID,
        "`mask_scalar_type`: is 42"
    );
    // A mask smaller than its shape: 16 bytes for a [4, 4] f32 mask.
    expect_err!(
        s.fwd(
            ctx,
            q,
            o,
            DIMS,
            F32,
            (mp, 16, sh, null(), 2, b, MFA_MASK_SCALAR_FP32)
        ),
        INVALID,
        "16 bytes"
    );
    expect_err!(
        s.fwd(ctx, q, o, DIMS, F32, (mp, 15, sh, null(), 2, b, 0)),
        INVALID,
        "mask"
    );
    // Strides reaching outside the mask.
    let far = [100i64, 1];
    expect_err!(
        s.fwd(ctx, q, o, DIMS, F32, (mp, 16, sh, far.as_ptr(), 2, b, 0)),
        INVALID,
        "mask"
    );
    let neg = [-4i64, 1];
    expect_err!(
        s.fwd(ctx, q, o, DIMS, F32, (mp, 16, sh, neg.as_ptr(), 2, b, 0)),
        INVALID,
        "before the buffer"
    );
    // A mask shape that does not broadcast, and an additive mask of bytes.
    expect_err!(
        s.fwd(
            ctx,
            q,
            o,
            DIMS,
            F32,
            (mp, 32, big.as_ptr(), null(), 2, b, 0)
        ),
        INVALID,
        "broadcast"
    );
    expect_err!(
        s.fwd(
            ctx,
            q,
            o,
            DIMS,
            F32,
            (mp, 16, sh, null(), 2, MFA_MASK_TYPE_ADDITIVE, 0)
        ),
        INVALID,
        "additive"
    );
    // MFA_MASK_TYPE_NONE ignores the other mask arguments, however wrong.
    expect_err!(
        s.fwd(
            ctx,
            q,
            o,
            DIMS,
            F32,
            (mp, 0, null(), null(), 99, MFA_MASK_TYPE_NONE, 77)
        ),
        MFA_SUCCESS,
        ""
    );
    assert!(unsafe { mfa_get_gpu_latency(ctx) } > 0.0);

    // Strided buffers whose strides leave the buffer, or whose shape is wrong.
    let mut x = vec![0f32; 32];
    let mut sb = null_mut();
    let shape4 = [1i64, 1, 4, 8];
    let outside = [32i64, 32, 9, 1];
    unsafe {
        assert_eq!(
            mfa_buffer_from_ptr_with_strides(
                ctx,
                x.as_mut_ptr() as *mut c_void,
                128,
                shape4.as_ptr(),
                outside.as_ptr(),
                4,
                &mut sb
            ),
            MFA_SUCCESS
        );
    }
    expect_err!(
        s.fwd(ctx, sb, o, DIMS, F32, NO_MASK),
        INVALID,
        "reaches element"
    );
    unsafe { mfa_destroy_buffer(sb) };
    let wrong = [1i64, 2, 4, 4];
    let strides = [32i64, 16, 4, 1];
    unsafe {
        assert_eq!(
            mfa_buffer_from_ptr_with_strides(
                ctx,
                x.as_mut_ptr() as *mut c_void,
                128,
                wrong.as_ptr(),
                strides.as_ptr(),
                4,
                &mut sb
            ),
            MFA_SUCCESS
        );
    }
    expect_err!(
        s.fwd(ctx, sb, o, DIMS, F32, NO_MASK),
        INVALID,
        "matches neither"
    );
    unsafe { mfa_destroy_buffer(sb) };

    // The string form.
    let fp32 = CString::new("fp32").unwrap();
    let bad = CString::new("fp64").unwrap();
    let str_fwd = |a: *const c_char, b: *const c_char, c: *const c_char| unsafe {
        mfa_attention_forward_str(
            ctx,
            q,
            s.bufs[1],
            s.bufs[2],
            o,
            1,
            4,
            4,
            1,
            8,
            0.0,
            true,
            a,
            b,
            c,
            false,
            false,
            false,
            false,
            null(),
            0,
            null(),
            null(),
            0,
            0,
            0,
        )
    };
    expect_err!(
        str_fwd(null(), fp32.as_ptr(), fp32.as_ptr()),
        INVALID,
        "input_precision"
    );
    expect_err!(
        str_fwd(fp32.as_ptr(), bad.as_ptr(), fp32.as_ptr()),
        INVALID,
        "\"fp64\""
    );
    expect_err!(
        str_fwd(fp32.as_ptr(), fp32.as_ptr(), null()),
        INVALID,
        "output_precision"
    );
    expect_err!(
        str_fwd(fp32.as_ptr(), fp32.as_ptr(), fp32.as_ptr()),
        MFA_SUCCESS,
        ""
    );

    // With LSE: the LSE buffer holds 128 bytes, [1, 1, 64] needs 256.
    let lse = |l: mfa_buffer_t, sq: u32| unsafe {
        mfa_attention_forward_with_lse(
            ctx, s.bufs[5], s.bufs[6], s.bufs[7], s.bufs[8], l, 1, sq, 1, 1, 1, 0.0, false, 2, 2,
            false, false, false, false,
        )
    };
    expect_err!(lse(null_mut(), 4), INVALID, "`lse`");
    expect_err!(lse(s.bufs[9], 64), INVALID, "lse");
    expect_err!(lse(s.bufs[9], 32), MFA_SUCCESS, "");
}

#[test]
fn compat_backward_arguments() {
    let s = Setup::new();
    let ctx = s.ctx.0;
    for slot in 0..9 {
        expect_err!(
            s.bwd(ctx, slot, null_mut(), null_mut(), 2),
            INVALID,
            "is NULL"
        );
    }
    expect_err!(
        s.bwd(null_mut(), 99, null_mut(), null_mut(), 2),
        INVALID,
        "context"
    );
    expect_err!(
        s.bwd(ctx, 99, null_mut(), null_mut(), 5),
        INVALID,
        "input_precision"
    );
    // A destroyed-handle stand-in: a context where a buffer belongs.
    expect_err!(
        s.bwd(ctx, 6, ctx, null_mut(), 2),
        INVALID,
        "not a live buffer"
    );
    // d_buffer of 128 bytes for [1, 1, 4] rows needs 16: fine; a too-small one is refused.
    let mut small = [0f32; 2];
    let mut db = null_mut();
    unsafe { mfa_buffer_from_ptr(ctx, small.as_mut_ptr() as *mut c_void, 8, &mut db) };
    expect_err!(s.bwd(ctx, 99, null_mut(), db, 2), INVALID, "16 needed");
    unsafe { mfa_destroy_buffer(db) };
    expect_err!(s.bwd(ctx, 99, null_mut(), s.bufs[9], 2), MFA_SUCCESS, "");
    // d_buffer over a gradient.
    expect_err!(
        s.bwd(ctx, 99, null_mut(), s.bufs[6], 2),
        INVALID,
        "shares memory with `dq`"
    );
    // Gradients aliasing inputs.
    expect_err!(s.bwd(ctx, 6, s.bufs[1], null_mut(), 2), INVALID, "alias");
}

#[test]
fn quantized_entry_points_check_their_arguments() {
    let s = Setup::new();
    let ctx = s.ctx.0;
    let b = s.bufs[0];
    let n = null_mut();
    let msg = "`q_precision`";
    expect_err!(
        mfa_attention_forward_quantized(
            ctx, b, b, b, b, 1, 4, 4, 1, 8, 1.0, false, 1.0, 0, 1.0, 0, 1.0, 0, 9, 3, 3, 2, false,
            false, false, false
        ),
        INVALID,
        msg
    );
    expect_err!(
        mfa_attention_forward_quantized(
            n, b, b, b, b, 1, 4, 4, 1, 8, 1.0, false, 1.0, 0, 1.0, 0, 1.0, 0, 9, 3, 3, 2, false,
            false, false, false
        ),
        INVALID,
        "context"
    );
    expect_err!(
        mfa_attention_forward_quantized_unified(
            ctx, b, b, b, b, 1, 4, 4, 1, 8, 1.0, false, 1.0, 0, 1.0, 0, 1.0, 0, 9, 3, 3, 2, 2, 64,
            64, 64, false, true, false, false, false, false
        ),
        INVALID,
        msg
    );
    expect_err!(
        mfa_attention_forward_quantized_enhanced(
            ctx, b, b, b, b, 1, 4, 4, 1, 8, 1.0, false, 1.0, 0, 1.0, 0, 1.0, 0, 9, 3, 3, 2, 2, 64,
            64, 64, false, true, false, false, false, false
        ),
        INVALID,
        msg
    );
    expect_err!(
        mfa_attention_backward_query_quantized(
            ctx, b, b, b, b, b, b, b, b, 1, 4, 4, 1, 8, 1.0, 0, 1.0, 0, 1.0, 0, 9, 3, 3, false,
            false, false, false, false
        ),
        INVALID,
        msg
    );
    expect_err!(
        mfa_attention_backward_kv_quantized(
            ctx, b, b, b, b, b, b, b, b, 1, 4, 4, 1, 8, 1.0, 0, 1.0, 0, 1.0, 0, 9, 3, 3, false,
            false, false, false, false
        ),
        INVALID,
        msg
    );
    expect_err!(
        mfa_attention_backward_query_quantized_ex(
            ctx, b, b, b, b, b, b, b, b, 1, 4, 4, 1, 1, 8, 1.0, 0, 1.0, 0, 1.0, 0, 9, 3, 3, false,
            false, false, false, false, n, n, n, n, n, n, 64, 64, 64, 0
        ),
        INVALID,
        msg
    );
    expect_err!(
        mfa_attention_backward_kv_quantized_ex(
            ctx, b, b, b, b, b, b, b, b, 1, 4, 4, 1, 1, 8, 1.0, 0, 1.0, 0, 1.0, 0, 9, 3, 3, false,
            false, false, false, false, n, n, n, n, n, n, 64, 64, 64, 0
        ),
        INVALID,
        msg
    );
    expect_err!(
        mfa_attention_backward_kv_quantized_ex(
            n, b, b, b, b, b, b, b, b, 1, 4, 4, 1, 1, 8, 1.0, 0, 1.0, 0, 1.0, 0, 9, 3, 3, false,
            false, false, false, false, n, n, n, n, n, n, 64, 64, 64, 0
        ),
        INVALID,
        "context"
    );

    let scales = [0.5f32, 0.25];
    expect_err!(
        mfa_set_scale_arrays(ctx, scales.as_ptr(), 2, null(), 0, scales.as_ptr(), 1),
        MFA_SUCCESS,
        ""
    );
    expect_err!(
        mfa_set_scale_arrays(ctx, null(), 2, null(), 0, null(), 0),
        INVALID,
        "q_scales"
    );
    let bad = [1.0f32, -1.0];
    expect_err!(
        mfa_set_scale_arrays(ctx, null(), 0, bad.as_ptr(), 2, null(), 0),
        INVALID,
        "entry 1"
    );
    expect_err!(
        mfa_set_scale_arrays(null_mut(), null(), 0, null(), 0, null(), 0),
        INVALID,
        "context"
    );

    let mut layout = umfa::mfa_quantized_layout_t {
        qData: 77,
        ..Default::default()
    };
    unsafe { mfa_get_quantized_layout(3, &mut layout) };
    assert_eq!(
        layout.qData, 77,
        "unknown kernel leaves the struct untouched"
    );
    assert!(last_error().contains("kernel"));
    unsafe { mfa_get_quantized_layout(MFA_QUANT_KERNEL_FORWARD, null_mut()) };
    unsafe { mfa_get_quantized_layout(MFA_QUANT_KERNEL_BACKWARD_QUERY, &mut layout) };
    assert_eq!((layout.qData, layout.gradQuery, layout.gradKey), (0, 6, -1));
    let mut caps = umfa::mfa_quantized_capabilities_t {
        max_heads: 5,
        ..Default::default()
    };
    unsafe { mfa_get_quantized_capabilities(&mut caps as *mut _ as *mut c_void) };
    assert!(caps.supports_multi_head_backward && caps.supports_blockwise_backward);
    unsafe { mfa_get_quantized_capabilities(null_mut()) };
}

#[test]
fn quantization_helpers_arguments() {
    let s = Setup::new();
    let ctx = s.ctx.0;
    let mut out = null_mut();
    expect_err!(
        mfa_create_quantized_buffer(ctx, 16, MFA_PRECISION_FP32, 1.0, 0, &mut out),
        INVALID,
        "precision"
    );
    expect_err!(
        mfa_create_quantized_buffer(ctx, 16, MFA_PRECISION_INT8, 0.0, 0, &mut out),
        INVALID,
        "scale"
    );
    expect_err!(
        mfa_create_quantized_buffer(ctx, 16, MFA_PRECISION_INT8, f32::NAN, 0, &mut out),
        INVALID,
        "scale"
    );
    expect_err!(
        mfa_create_quantized_buffer(ctx, 16, MFA_PRECISION_INT4, 1.0, 8, &mut out),
        INVALID,
        "zero_point"
    );
    expect_err!(
        mfa_create_quantized_buffer(ctx, 0, MFA_PRECISION_INT4, 1.0, 0, &mut out),
        INVALID,
        "size_bytes"
    );
    expect_err!(
        mfa_create_quantized_buffer(ctx, 16, MFA_PRECISION_INT4, 1.0, 0, null_mut()),
        INVALID,
        "buffer"
    );
    expect_err!(
        mfa_create_quantized_buffer(null_mut(), 16, MFA_PRECISION_INT4, 1.0, 0, &mut out),
        INVALID,
        "context"
    );
    expect_err!(
        mfa_buffer_quantization_params(s.bufs[0], null_mut()),
        INVALID,
        "out_params"
    );
    let mut qp = mfa_quantization_params_t {
        scale: 1.0,
        zero_point: 0,
        precision: MFA_PRECISION_INT8,
    };
    expect_err!(
        mfa_buffer_quantization_params(s.bufs[0], &mut qp),
        INVALID,
        "mfa_create_quantized_buffer"
    );

    let inputs = [s.bufs[0]];
    let outputs = [s.bufs[1]];
    let params = [qp];
    expect_err!(
        mfa_quantize_tensor_batch(ctx, inputs.as_ptr(), outputs.as_ptr(), params.as_ptr(), 0),
        INVALID,
        "count"
    );
    expect_err!(
        mfa_quantize_tensor_batch(ctx, null(), outputs.as_ptr(), params.as_ptr(), 1),
        INVALID,
        "inputs"
    );
    expect_err!(
        mfa_quantize_tensor_batch(ctx, inputs.as_ptr(), null(), params.as_ptr(), 1),
        INVALID,
        "outputs"
    );
    expect_err!(
        mfa_quantize_tensor_batch(ctx, inputs.as_ptr(), outputs.as_ptr(), null(), 1),
        INVALID,
        "params"
    );
    let nulls = [null_mut()];
    expect_err!(
        mfa_quantize_tensor_batch(ctx, nulls.as_ptr(), outputs.as_ptr(), params.as_ptr(), 1),
        INVALID,
        "inputs[0]"
    );
    let bad = [mfa_quantization_params_t { precision: 9, ..qp }];
    expect_err!(
        mfa_quantize_tensor_batch(ctx, inputs.as_ptr(), outputs.as_ptr(), bad.as_ptr(), 1),
        INVALID,
        "params[0]"
    );
    expect_err!(
        mfa_quantize_tensor_batch(ctx, inputs.as_ptr(), inputs.as_ptr(), params.as_ptr(), 1),
        INVALID,
        "overlaps"
    );
    expect_err!(
        mfa_quantize_tensor_batch(ctx, inputs.as_ptr(), outputs.as_ptr(), params.as_ptr(), 1),
        MFA_SUCCESS,
        ""
    );

    let shape = [2i64, 3];
    let zero = [2i64, 0];
    assert_eq!(
        unsafe { mfa_calculate_memory_reduction(null(), 2, 2, 3) },
        0
    );
    assert!(last_error().contains("shape"));
    assert_eq!(
        unsafe { mfa_calculate_memory_reduction(zero.as_ptr(), 2, 2, 3) },
        0
    );
    assert_eq!(
        unsafe { mfa_calculate_memory_reduction(shape.as_ptr(), 0, 2, 3) },
        0
    );
    assert_eq!(
        unsafe { mfa_calculate_memory_reduction(shape.as_ptr(), 2, 2, -1) },
        0
    );
    expect_err!(
        mfa_validate_quantization_params(null(), 0.0, 1.0),
        INVALID,
        "params"
    );
    expect_err!(
        mfa_validate_quantization_params(&qp, 1.0, 0.0),
        INVALID,
        "min"
    );
    expect_err!(
        mfa_validate_quantization_params(&qp, f32::NEG_INFINITY, 0.0),
        INVALID,
        "finite"
    );
    let x = [0.5f32; 6];
    let qd = [0u8; 6];
    let e = |o: *const f32,
             q: *const c_void,
             p: *const mfa_quantization_params_t,
             s: *const i64,
             n: u32| unsafe { mfa_estimate_quantization_error(o, q, p, s, n) };
    assert_eq!(e(null(), qd.as_ptr() as _, &qp, shape.as_ptr(), 2), -1.0);
    assert_eq!(e(x.as_ptr(), null(), &qp, shape.as_ptr(), 2), -1.0);
    assert_eq!(
        e(x.as_ptr(), qd.as_ptr() as _, null(), shape.as_ptr(), 2),
        -1.0
    );
    assert_eq!(e(x.as_ptr(), qd.as_ptr() as _, &qp, null(), 2), -1.0);
    assert_eq!(
        e(x.as_ptr(), qd.as_ptr() as _, &qp, shape.as_ptr(), 2),
        1.0,
        "all-zero codes: 100% error"
    );
}

/// A valid descriptor call whose pieces each test breaks.
struct D {
    q: Vec<f32>,
    k: Vec<f32>,
    v: Vec<f32>,
    o: Vec<f32>,
    lse: Vec<f32>,
}

impl D {
    fn new() -> D {
        let mut r = Rng::new(3);
        D {
            q: r.vec(64),
            k: r.vec(64),
            v: r.vec(64),
            o: vec![0.0; 64],
            lse: vec![0.0; 8],
        }
    }
}

#[test]
fn descriptor_arguments() {
    let ctx = Ctx::cpu();
    let mut d = D::new();
    let s4 = [1i64, 2, 4, 8];
    let (q, k, v) = (
        Desc::f32(&mut d.q, &s4),
        Desc::f32(&mut d.k, &s4),
        Desc::f32(&mut d.v, &s4),
    );
    let o = Desc::f32(&mut d.o, &s4);
    let l = Desc::f32(&mut d.lse, &[1, 2, 4]);
    let (qt, kt, vt, ot, lt) = (q.t(), k.t(), v.t(), o.t(), l.t());
    let p = mfa_attention_params_t::default();
    let run = |q: &mfa_tensor_t, p: *const mfa_attention_params_t, o: &mfa_tensor_t| unsafe {
        mfa_forward(ctx.0, q, &kt, &vt, p, o, &lt, null_mut())
    };
    expect_err!(
        mfa_forward(ctx.0, &qt, &kt, &vt, null(), &ot, null(), null_mut()),
        MFA_SUCCESS,
        ""
    );
    expect_err!(
        mfa_forward(null_mut(), &qt, &kt, &vt, &p, &ot, &lt, null_mut()),
        INVALID,
        "context"
    );
    expect_err!(
        mfa_forward(ctx.0, null(), &kt, &vt, &p, &ot, &lt, null_mut()),
        INVALID,
        "`q`"
    );
    expect_err!(
        mfa_forward(ctx.0, &qt, null(), &vt, &p, &ot, &lt, null_mut()),
        INVALID,
        "`k`"
    );
    expect_err!(
        mfa_forward(ctx.0, &qt, &kt, null(), &p, &ot, &lt, null_mut()),
        INVALID,
        "`v`"
    );
    expect_err!(
        mfa_forward(ctx.0, &qt, &kt, &vt, &p, null(), &lt, null_mut()),
        INVALID,
        "`out`"
    );

    let m = |f: &dyn Fn(&mut mfa_tensor_t)| {
        let mut t = qt;
        f(&mut t);
        t
    };
    let zero = [1i64, 0, 4, 8];
    let neg = [1i64, -2, 4, 8];
    let huge = [1i64 << 40, 1, 1, 1];
    let far = [0i64, 1i64 << 60, 8, 1];
    let outside = [64i64, 32, 8, 2];
    expect_err!(run(&m(&|t| t.dtype = 4), &p, &ot), INVALID, "dtype is 4");
    expect_err!(
        run(&m(&|t| t.dtype = MFA_DTYPE_U8), &p, &ot),
        INVALID,
        "dtype"
    );
    expect_err!(
        run(&m(&|t| t.dtype = MFA_DTYPE_F16), &p, &ot),
        INVALID,
        "share a dtype"
    );
    expect_err!(
        run(&m(&|t| t.device_type = 42), &p, &ot),
        INVALID,
        "device_type is 42"
    );
    expect_err!(
        run(&m(&|t| t.device_id = -1), &p, &ot),
        INVALID,
        "device_id"
    );
    expect_err!(
        run(&m(&|t| t.device_type = MFA_DEVICE_CUDA), &p, &ot),
        INVALID,
        "Cuda"
    );
    expect_err!(run(&m(&|t| t.ndim = 0), &p, &ot), INVALID, "ndim is 0");
    expect_err!(run(&m(&|t| t.ndim = 5), &p, &ot), INVALID, "ndim is 5");
    expect_err!(run(&m(&|t| t.ndim = 3), &p, &ot), INVALID, "4 dimensions");
    expect_err!(
        run(&m(&|t| t.shape = null()), &p, &ot),
        INVALID,
        "shape is NULL"
    );
    expect_err!(
        run(&m(&|t| t.shape = zero.as_ptr()), &p, &ot),
        INVALID,
        "shape[1] is 0"
    );
    expect_err!(
        run(&m(&|t| t.shape = neg.as_ptr()), &p, &ot),
        INVALID,
        "shape[1] is -2"
    );
    expect_err!(
        run(&m(&|t| t.shape = huge.as_ptr()), &p, &ot),
        INVALID,
        "shape[0]"
    );
    expect_err!(
        run(&m(&|t| t.strides = far.as_ptr()), &p, &ot),
        INVALID,
        "strides[1]"
    );
    expect_err!(
        run(&m(&|t| t.strides = outside.as_ptr()), &p, &ot),
        INVALID,
        "reaches element"
    );
    expect_err!(
        run(&m(&|t| t.data = null_mut()), &p, &ot),
        INVALID,
        "data pointer is NULL"
    );
    expect_err!(
        run(&m(&|t| t.size_bytes = 255), &p, &ot),
        INVALID,
        "255 bytes"
    );
    // Unknown size: the layout's own extent is trusted, so a valid call still runs.
    expect_err!(run(&m(&|t| t.size_bytes = 0), &p, &ot), MFA_SUCCESS, "");
    expect_err!(run(&qt, &p, &qt), INVALID, "alias");

    let pm = |f: &dyn Fn(&mut mfa_attention_params_t)| {
        let mut x = p;
        f(&mut x);
        x
    };
    expect_err!(
        run(&qt, &pm(&|x| x.struct_size = 0), &ot),
        INVALID,
        "struct_size is 0"
    );
    expect_err!(
        run(&qt, &pm(&|x| x.struct_size = 8), &ot),
        INVALID,
        "struct_size is 8"
    );
    expect_err!(
        run(&qt, &pm(&|x| x.causal = 3), &ot),
        INVALID,
        "`causal`: is 3"
    );
    expect_err!(
        run(&qt, &pm(&|x| x.mask_kind = MFA_MASK_TYPE_BOOL), &ot),
        INVALID,
        "mask tensor is NULL"
    );
    expect_err!(
        run(&qt, &pm(&|x| x.mask = &kt), &ot),
        INVALID,
        "MFA_MASK_TYPE_NONE"
    );
    expect_err!(
        run(
            &qt,
            &pm(&|x| {
                x.mask = &kt;
                x.mask_kind = 5
            }),
            &ot
        ),
        INVALID,
        "`mask_type`: is 5"
    );
    expect_err!(
        run(
            &qt,
            &pm(&|x| {
                x.has_window = 1;
                x.window_left = -7
            }),
            &ot
        ),
        INVALID,
        "window"
    );
    expect_err!(
        run(&qt, &pm(&|x| x.softcap = -1.0), &ot),
        INVALID,
        "softcap"
    );
    expect_err!(
        run(&qt, &pm(&|x| x.scale = f32::INFINITY), &ot),
        INVALID,
        "scale"
    );
    expect_err!(run(&qt, &pm(&|x| x.sinks = &kt), &ot), INVALID, "sinks");
    expect_err!(
        run(&qt, &pm(&|x| x.alibi_slopes = &kt), &ot),
        INVALID,
        "alibi_slopes"
    );
    let mut classes = [1u8, 3];
    let bm = Desc::bytes(&mut classes, &[2, 1, 1]);
    let bmt = bm.t();
    expect_err!(
        run(&qt, &pm(&|x| x.block_mask = &bmt), &ot),
        INVALID,
        "block sizes"
    );
    expect_err!(
        run(
            &qt,
            &pm(&|x| {
                x.block_mask = &bmt;
                x.block_q = 4;
                x.block_k = 4
            }),
            &ot
        ),
        INVALID,
        "is 3"
    );
    // A mask smaller than its shape.
    let mut mask = [1u8; 8];
    let md = Desc::bytes(&mut mask, &[4, 4]);
    let mt = md.t();
    expect_err!(
        run(
            &qt,
            &pm(&|x| {
                x.mask = &mt;
                x.mask_kind = MFA_MASK_TYPE_BOOL
            }),
            &ot
        ),
        INVALID,
        "8 bytes"
    );

    // An output over a side input (the core checks q, k, v and the mask; sinks here).
    let mut sinks_and_lse = [0f32; 8];
    let sd = Desc::f32(&mut sinks_and_lse, &[2]);
    let ld2 = Desc::f32(&mut sinks_and_lse, &[1, 2, 4]);
    let (st2, lt2) = (sd.t(), ld2.t());
    expect_err!(
        mfa_forward(
            ctx.0,
            &qt,
            &kt,
            &vt,
            &pm(&|x| x.sinks = &st2),
            &ot,
            &lt2,
            null_mut()
        ),
        INVALID,
        "shares memory with `sinks`"
    );

    // A larger struct from a newer header: fine while the unknown tail is zero.
    #[repr(C)]
    struct Newer {
        p: mfa_attention_params_t,
        extra: [u32; 4],
    }
    let mut newer = Newer {
        p: pm(&|x| x.struct_size = std::mem::size_of::<Newer>() as u32),
        extra: [0; 4],
    };
    expect_err!(run(&qt, &newer.p, &ot), MFA_SUCCESS, "");
    newer.extra[2] = 1;
    expect_err!(run(&qt, &newer.p, &ot), INVALID, "does not know");

    // The capability query answers why not, into a caller's buffer.
    let mut why = [0 as c_char; 64];
    expect_err!(
        mfa_check_forward(
            ctx.0,
            &qt,
            &kt,
            &vt,
            &pm(&|x| x.causal = 9),
            &ot,
            &lt,
            why.as_mut_ptr(),
            why.len()
        ),
        INVALID,
        "causal"
    );
    let text = unsafe { std::ffi::CStr::from_ptr(why.as_ptr()) }
        .to_string_lossy()
        .into_owned();
    assert!(text.contains("causal") && text.len() == 63, "{text:?}");
    expect_err!(
        mfa_check_forward(
            ctx.0,
            &qt,
            &kt,
            &vt,
            &p,
            &ot,
            null(),
            why.as_mut_ptr(),
            why.len()
        ),
        MFA_SUCCESS,
        ""
    );
    assert_eq!(why[0], 0);
    expect_err!(
        mfa_check_forward(null_mut(), &qt, &kt, &vt, &p, &ot, null(), null_mut(), 0),
        INVALID,
        "context"
    );

    // The backward with each tensor NULL.
    let dd = |i: usize| -> *const mfa_tensor_t {
        if i == 99 {
            &qt
        } else {
            null()
        }
    };
    for (i, name) in ["q", "k", "v", "out", "d_out", "lse", "dq", "dk", "dv"]
        .iter()
        .enumerate()
    {
        let a: Vec<*const mfa_tensor_t> = (0..9)
            .map(|j| if j == i { null() } else { dd(99) })
            .collect();
        expect_err!(
            mfa_backward(
                ctx.0,
                a[0],
                a[1],
                a[2],
                &p,
                a[3],
                a[4],
                a[5],
                a[6],
                a[7],
                a[8],
                null(),
                null(),
                null_mut()
            ),
            INVALID,
            &format!("`{name}`")
        );
    }
    expect_err!(
        mfa_backward(
            null_mut(),
            &qt,
            &kt,
            &vt,
            &p,
            &ot,
            &ot,
            &lt,
            &ot,
            &ot,
            &ot,
            null(),
            null(),
            null_mut()
        ),
        INVALID,
        "context"
    );
    // d_sinks without sinks, d_bias without an additive mask.
    let mut g: Vec<Vec<f32>> = (0..4).map(|_| vec![0f32; 64]).collect();
    let gd: Vec<Desc> = g.iter_mut().map(|x| Desc::f32(x, &s4)).collect();
    let gt: Vec<mfa_tensor_t> = gd.iter().map(|x| x.t()).collect();
    let mut ds = [0f32; 2];
    let dsd = Desc::f32(&mut ds, &[2]);
    let dst = dsd.t();
    expect_err!(
        mfa_backward(
            ctx.0,
            &qt,
            &kt,
            &vt,
            &p,
            &ot,
            &gt[0],
            &lt,
            &gt[1],
            &gt[2],
            &gt[3],
            &dst,
            null(),
            null_mut()
        ),
        INVALID,
        "no sinks"
    );
    expect_err!(
        mfa_backward(
            ctx.0,
            &qt,
            &kt,
            &vt,
            &p,
            &ot,
            &gt[0],
            &lt,
            &gt[1],
            &gt[2],
            &gt[3],
            null(),
            &dst,
            null_mut()
        ),
        INVALID,
        "no additive mask"
    );
    expect_err!(
        mfa_backward(
            ctx.0,
            &qt,
            &kt,
            &vt,
            &p,
            &ot,
            &gt[0],
            &lt,
            &gt[1],
            &gt[2],
            &gt[3],
            null(),
            null(),
            null_mut()
        ),
        MFA_SUCCESS,
        ""
    );
    let mut why = [0 as c_char; 128];
    expect_err!(
        mfa_check_backward(
            ctx.0,
            &qt,
            &kt,
            &vt,
            &p,
            &ot,
            &gt[0],
            &lt,
            &gt[1],
            &gt[1],
            &gt[3],
            null(),
            null(),
            why.as_mut_ptr(),
            why.len()
        ),
        INVALID,
        "alias"
    );

    // mfa_backward_ex: NULL d_lse is mfa_backward; a d_lse of the wrong rank, or one a gradient
    // would overwrite, is refused by its name.
    let ex = |d_lse: *const mfa_tensor_t, dq: &mfa_tensor_t| unsafe {
        mfa_backward_ex(
            ctx.0,
            &qt,
            &kt,
            &vt,
            &p,
            &ot,
            &gt[0],
            &lt,
            d_lse,
            dq,
            &gt[2],
            &gt[3],
            null(),
            null(),
            null_mut(),
        )
    };
    expect_err!(ex(null(), &gt[1]), MFA_SUCCESS, "");
    expect_err!(
        ex(&gt[1], &gt[1]),
        INVALID,
        "`d_lse`: must have 3 dimensions"
    );
    let mut d_lse = [0f32; 8];
    let dld = Desc::f32(&mut d_lse, &[1, 2, 4]);
    let dlt = dld.t();
    expect_err!(ex(&dlt, &gt[1]), MFA_SUCCESS, "");
    let in_dq = Desc::f32(&mut g[1][8..16], &[1, 2, 4]);
    let d_lse_in_dq = in_dq.t();
    expect_err!(
        ex(&d_lse_in_dq, &gt[1]),
        INVALID,
        "`dq`: shares memory with `d_lse`"
    );
    expect_err!(
        mfa_check_backward_ex(
            ctx.0,
            &qt,
            &kt,
            &vt,
            &p,
            &ot,
            &gt[0],
            &lt,
            &lt,
            &gt[1],
            &gt[2],
            &gt[3],
            null(),
            null(),
            why.as_mut_ptr(),
            why.len()
        ),
        MFA_SUCCESS,
        ""
    );
}

#[test]
fn the_last_error_is_per_thread_and_cleared_by_success() {
    expect_err!(mfa_create_context(null_mut()), INVALID, "context");
    std::thread::spawn(|| assert_eq!(last_error(), ""))
        .join()
        .unwrap();
    assert!(last_error().contains("mfa_create_context"));
    assert!(mfa_is_device_supported());
    assert_eq!(last_error(), "");
}
