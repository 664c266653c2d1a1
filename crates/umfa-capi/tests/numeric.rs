//! Numeric results of the C ABI against the core's f64 reference.
//!
//! Tolerances (max absolute error; inputs uniform in [-1, 1), so |O| <= 1): f32 outputs 1e-4
//! forward and LSE, 5e-4 gradients; f16 outputs 4e-3 and bf16 outputs 2e-2 (a few units of
//! their rounding, the reference being computed from the same rounded inputs).

mod common;
use common::*;
use half::{bf16, f16};
use std::ptr::{null, null_mut};
use umfa::*;
use umfa_core::*;

const TOL_F32: f64 = 1e-4;
const TOL_GRAD: f64 = 5e-4;

struct Problem {
    b: usize,
    hq: usize,
    hkv: usize,
    sq: usize,
    sk: usize,
    d: usize,
    dv: usize,
    q: Vec<f32>,
    k: Vec<f32>,
    v: Vec<f32>,
}

impl Problem {
    #[allow(clippy::too_many_arguments)]
    fn new(
        seed: u64,
        b: usize,
        hq: usize,
        hkv: usize,
        sq: usize,
        sk: usize,
        d: usize,
        dv: usize,
    ) -> Problem {
        let mut r = Rng::new(seed);
        Problem {
            b,
            hq,
            hkv,
            sq,
            sk,
            d,
            dv,
            q: r.vec(b * hq * sq * d),
            k: r.vec(b * hkv * sk * d),
            v: r.vec(b * hkv * sk * dv),
        }
    }
    fn shapes(&self) -> ([usize; 4], [usize; 4], [usize; 4], [usize; 4]) {
        (
            [self.b, self.hq, self.sq, self.d],
            [self.b, self.hkv, self.sk, self.d],
            [self.b, self.hkv, self.sk, self.dv],
            [self.b, self.hq, self.sq, self.dv],
        )
    }
    fn i64s(s: [usize; 4]) -> Vec<i64> {
        s.iter().map(|&x| x as i64).collect()
    }
}

/// Runs mfa_forward with `params` (pointing at tensors the caller keeps alive) and checks O and
/// LSE against the reference of `rust_params`.
fn check_forward(
    p: &mut Problem,
    params: &mfa_attention_params_t,
    rust_params: AttentionParams,
    what: &str,
) {
    let ctx = Ctx::cpu();
    let (qs, ks, vs, os) = p.shapes();
    let mut out = vec![0f32; os.iter().product()];
    let mut lse = vec![0f32; p.b * p.hq * p.sq];
    let (mut q, mut k, mut v) = (p.q.clone(), p.k.clone(), p.v.clone());
    let qd = Desc::f32(&mut q, &Problem::i64s(qs));
    let kd = Desc::f32(&mut k, &Problem::i64s(ks));
    let vd = Desc::f32(&mut v, &Problem::i64s(vs));
    let od = Desc::f32(&mut out, &Problem::i64s(os));
    let ld = Desc::f32(&mut lse, &[p.b as i64, p.hq as i64, p.sq as i64]);
    let rc = unsafe {
        mfa_forward(
            ctx.0,
            &qd.t(),
            &kd.t(),
            &vd.t(),
            params,
            &od.t(),
            &ld.t(),
            null_mut(),
        )
    };
    assert_eq!(rc, MFA_SUCCESS, "{what}: {}", last_error());
    assert!(unsafe { mfa_get_gpu_latency(ctx.0) } > 0.0);
    let attn = Attention::new(
        TensorRef::new(&p.q, &qs).unwrap(),
        TensorRef::new(&p.k, &ks).unwrap(),
        TensorRef::new(&p.v, &vs).unwrap(),
    )
    .with_params(rust_params);
    let r = reference_forward(&attn);
    let (eo, el) = (max_err(&out, &r.out), {
        // Fully masked rows have LSE = -inf on both sides.
        let a: Vec<f32> = lse
            .iter()
            .map(|&x| if x.is_infinite() { 0.0 } else { x })
            .collect();
        let b: Vec<f64> = r
            .lse
            .iter()
            .map(|&x| if x.is_infinite() { 0.0 } else { x })
            .collect();
        max_err(&a, &b)
    });
    assert!(
        eo <= TOL_F32 && el <= TOL_F32,
        "{what}: out error {eo:e}, lse error {el:e}"
    );
}

#[test]
fn descriptor_forward_matches_reference_for_every_option() {
    let mut p = Problem::new(1, 2, 4, 2, 13, 21, 16, 8);
    let (b, hq, sq, sk) = (p.b, p.hq, p.sq, p.sk);
    let mut r = Rng::new(7);

    check_forward(
        &mut p,
        &mfa_attention_params_t::default(),
        AttentionParams::default(),
        "plain",
    );

    let mut prm = mfa_attention_params_t {
        causal: MFA_CAUSAL_BOTTOM_RIGHT,
        scale: 0.3,
        ..Default::default()
    };
    check_forward(
        &mut p,
        &prm,
        AttentionParams {
            causal: Some(CausalAlign::BottomRight),
            scale: Some(0.3),
            ..Default::default()
        },
        "causal bottom-right",
    );

    prm = mfa_attention_params_t {
        causal: MFA_CAUSAL_TOP_LEFT,
        has_window: 1,
        window_left: 3,
        window_right: -1,
        softcap: 2.0,
        ..Default::default()
    };
    check_forward(
        &mut p,
        &prm,
        AttentionParams {
            causal: Some(CausalAlign::TopLeft),
            window: Some(Window {
                left: Some(3),
                right: None,
            }),
            softcap: Some(2.0),
            ..Default::default()
        },
        "causal top-left + window + softcap",
    );

    // Boolean mask [Sq, Sk] broadcast over batch and heads, with a fully masked row.
    let mut mask: Vec<u8> = (0..sq * sk)
        .map(|_| (r.next_u64() % 3).min(1) as u8)
        .collect();
    for j in 0..sk {
        mask[4 * sk + j] = 0;
    }
    let mask_copy = mask.clone();
    let md = Desc::bytes(&mut mask, &[sq as i64, sk as i64]);
    let mt = md.t();
    prm = mfa_attention_params_t {
        mask: &mt,
        mask_kind: MFA_MASK_TYPE_BOOL,
        ..Default::default()
    };
    check_forward(
        &mut p,
        &prm,
        AttentionParams {
            mask: Some(Mask {
                kind: MaskKind::Bool,
                tensor: TensorRef::new(&mask_copy, &[sq, sk]).unwrap(),
            }),
            ..Default::default()
        },
        "bool mask",
    );

    // Additive f32 mask [B, 1, Sq, Sk] plus ALiBi and sinks.
    let mut bias = r.vec(b * sq * sk);
    let bias_copy = bias.clone();
    let mut slopes: Vec<f32> = (0..hq).map(|h| 0.1 * (h + 1) as f32).collect();
    let mut sinks: Vec<f32> = (0..hq).map(|h| h as f32 * 0.5 - 1.0).collect();
    let (sl_copy, sk_copy) = (slopes.clone(), sinks.clone());
    let bd = Desc::f32(&mut bias, &[b as i64, 1, sq as i64, sk as i64]);
    let sd = Desc::f32(&mut slopes, &[hq as i64]);
    let kd = Desc::f32(&mut sinks, &[hq as i64]);
    let (bt, st, kt) = (bd.t(), sd.t(), kd.t());
    prm = mfa_attention_params_t {
        mask: &bt,
        mask_kind: MFA_MASK_TYPE_ADDITIVE,
        alibi_slopes: &st,
        sinks: &kt,
        ..Default::default()
    };
    check_forward(
        &mut p,
        &prm,
        AttentionParams {
            mask: Some(Mask {
                kind: MaskKind::Additive,
                tensor: TensorRef::new(&bias_copy, &[b, 1, sq, sk]).unwrap(),
            }),
            alibi_slopes: Some(TensorRef::new(&sl_copy, &[hq]).unwrap()),
            sinks: Some(TensorRef::new(&sk_copy, &[hq]).unwrap()),
            ..Default::default()
        },
        "additive mask + alibi + sinks",
    );

    // Block mask 4x8 blocks: [ceil(13/4), ceil(21/8)] = [4, 3], broadcast.
    let mut blocks: Vec<u8> = vec![1, 0, 2, 0, 1, 1, 2, 2, 0, 1, 0, 1];
    let blocks_copy = blocks.clone();
    let bm = Desc::bytes(&mut blocks, &[4, 3]);
    let bmt = bm.t();
    prm = mfa_attention_params_t {
        block_mask: &bmt,
        block_q: 4,
        block_k: 8,
        ..Default::default()
    };
    check_forward(
        &mut p,
        &prm,
        AttentionParams {
            block_mask: Some(BlockMask {
                block_q: 4,
                block_k: 8,
                classes: TensorRef::new(&blocks_copy, &[4, 3]).unwrap(),
            }),
            ..Default::default()
        },
        "block mask",
    );
}

#[test]
fn descriptor_backward_matches_reference_with_sinks_and_bias() {
    descriptor_backward_with_sinks_and_bias(false);
}

/// mfa_backward_ex with the upstream gradient of the LSE, stored [B,Sq,Hq] (strides on the
/// logical [B,Hq,Sq]); and a wrong-shaped d_lse refused, naming it.
#[test]
fn descriptor_backward_ex_with_d_lse_matches_reference() {
    descriptor_backward_with_sinks_and_bias(true);
}

fn descriptor_backward_with_sinks_and_bias(with_d_lse: bool) {
    let ctx = Ctx::cpu();
    let p = Problem::new(3, 2, 4, 2, 11, 9, 8, 8);
    let (qs, ks, vs, os) = p.shapes();
    let (b, hq, sq, sk) = (p.b, p.hq, p.sq, p.sk);
    let mut r = Rng::new(11);
    let mut d_out = r.vec(os.iter().product());
    let mut bias = r.vec(hq * sq * sk);
    let mut sinks: Vec<f32> = (0..hq).map(|h| 0.25 * h as f32).collect();
    let (mut q, mut k, mut v) = (p.q.clone(), p.k.clone(), p.v.clone());
    let mut out = vec![0f32; os.iter().product()];
    let mut lse = vec![0f32; b * hq * sq];
    let (mut dq, mut dk, mut dv) = (
        vec![0f32; q.len()],
        vec![0f32; k.len()],
        vec![0f32; v.len()],
    );
    let mut d_sinks = vec![0f32; hq];
    let mut d_bias = vec![0f32; bias.len()];
    let (bias_copy, sinks_copy, d_out_copy) = (bias.clone(), sinks.clone(), d_out.clone());
    // dLSE stored [B, Sq, Hq]; `d_lse_bhs` is the same values in [B, Hq, Sq] order.
    let mut d_lse = r.vec(b * sq * hq);
    let d_lse_bhs: Vec<f32> = (0..b * hq * sq)
        .map(|n| {
            let (bi, hi, si) = (n / (hq * sq), (n / sq) % hq, n % sq);
            d_lse[(bi * sq + si) * hq + hi]
        })
        .collect();
    let d_lse_strides = [(sq * hq) as i64, 1, hq as i64];
    let mut short = vec![0f32; b * hq * (sq - 1)];

    let i = Problem::i64s;
    let bias_shape = [hq as i64, sq as i64, sk as i64];
    let (qd, kd, vd) = (
        Desc::f32(&mut q, &i(qs)),
        Desc::f32(&mut k, &i(ks)),
        Desc::f32(&mut v, &i(vs)),
    );
    let (od, dod) = (Desc::f32(&mut out, &i(os)), Desc::f32(&mut d_out, &i(os)));
    let ld = Desc::f32(&mut lse, &[b as i64, hq as i64, sq as i64]);
    let (bd, sd) = (
        Desc::f32(&mut bias, &bias_shape),
        Desc::f32(&mut sinks, &[hq as i64]),
    );
    let (dqd, dkd, dvd) = (
        Desc::f32(&mut dq, &i(qs)),
        Desc::f32(&mut dk, &i(ks)),
        Desc::f32(&mut dv, &i(vs)),
    );
    let (dsd, dbd) = (
        Desc::f32(&mut d_sinks, &[hq as i64]),
        Desc::f32(&mut d_bias, &bias_shape),
    );
    let dld = Desc::f32(&mut d_lse, &[b as i64, hq as i64, sq as i64]).with_strides(&d_lse_strides);
    let short_d = Desc::f32(&mut short, &[b as i64, hq as i64, sq as i64 - 1]);
    let (bt, st) = (bd.t(), sd.t());
    let prm = mfa_attention_params_t {
        causal: MFA_CAUSAL_BOTTOM_RIGHT,
        mask: &bt,
        mask_kind: MFA_MASK_TYPE_ADDITIVE,
        sinks: &st,
        deterministic: 1,
        ..Default::default()
    };
    unsafe {
        let rc = mfa_forward(
            ctx.0,
            &qd.t(),
            &kd.t(),
            &vd.t(),
            &prm,
            &od.t(),
            &ld.t(),
            null_mut(),
        );
        assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
        let mut why = [0 as std::ffi::c_char; 256];
        let (dlt, short_t) = (dld.t(), short_d.t());
        if with_d_lse {
            let rc = mfa_check_backward_ex(
                ctx.0,
                &qd.t(),
                &kd.t(),
                &vd.t(),
                &prm,
                &od.t(),
                &dod.t(),
                &ld.t(),
                &short_t,
                &dqd.t(),
                &dkd.t(),
                &dvd.t(),
                &dsd.t(),
                &dbd.t(),
                why.as_mut_ptr(),
                why.len(),
            );
            assert_eq!(rc, MFA_ERROR_INVALID_ARGS);
            let msg = last_error();
            assert!(msg.contains("`d_lse`") && msg.contains("seq_len"), "{msg}");
        }
        let rc = if with_d_lse {
            mfa_check_backward_ex(
                ctx.0,
                &qd.t(),
                &kd.t(),
                &vd.t(),
                &prm,
                &od.t(),
                &dod.t(),
                &ld.t(),
                &dlt,
                &dqd.t(),
                &dkd.t(),
                &dvd.t(),
                &dsd.t(),
                &dbd.t(),
                why.as_mut_ptr(),
                why.len(),
            )
        } else {
            mfa_check_backward(
                ctx.0,
                &qd.t(),
                &kd.t(),
                &vd.t(),
                &prm,
                &od.t(),
                &dod.t(),
                &ld.t(),
                &dqd.t(),
                &dkd.t(),
                &dvd.t(),
                &dsd.t(),
                &dbd.t(),
                why.as_mut_ptr(),
                why.len(),
            )
        };
        assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
        assert_eq!(why[0], 0);
        let rc = if with_d_lse {
            mfa_backward_ex(
                ctx.0,
                &qd.t(),
                &kd.t(),
                &vd.t(),
                &prm,
                &od.t(),
                &dod.t(),
                &ld.t(),
                &dlt,
                &dqd.t(),
                &dkd.t(),
                &dvd.t(),
                &dsd.t(),
                &dbd.t(),
                null_mut(),
            )
        } else {
            mfa_backward(
                ctx.0,
                &qd.t(),
                &kd.t(),
                &vd.t(),
                &prm,
                &od.t(),
                &dod.t(),
                &ld.t(),
                &dqd.t(),
                &dkd.t(),
                &dvd.t(),
                &dsd.t(),
                &dbd.t(),
                null_mut(),
            )
        };
        assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
    }
    let attn = Attention::new(
        TensorRef::new(&p.q, &qs).unwrap(),
        TensorRef::new(&p.k, &ks).unwrap(),
        TensorRef::new(&p.v, &vs).unwrap(),
    )
    .with_params(AttentionParams {
        causal: Some(CausalAlign::BottomRight),
        mask: Some(Mask {
            kind: MaskKind::Additive,
            tensor: TensorRef::new(&bias_copy, &[hq, sq, sk]).unwrap(),
        }),
        sinks: Some(TensorRef::new(&sinks_copy, &[hq]).unwrap()),
        ..Default::default()
    });
    let g = reference_backward_with_d_lse(&attn, &d_out_copy, with_d_lse.then_some(&d_lse_bhs[..]));
    for (name, got, want) in [
        ("dq", &dq, &g.dq),
        ("dk", &dk, &g.dk),
        ("dv", &dv, &g.dv),
        ("d_sinks", &d_sinks, g.d_sinks.as_ref().unwrap()),
        ("d_bias", &d_bias, g.d_bias.as_ref().unwrap()),
    ] {
        let e = max_err(got, want);
        assert!(e <= TOL_GRAD, "{name}: error {e:e}");
    }
}

#[test]
fn descriptor_bshd_strides_gqa_and_f16_output() {
    // Q [B,S,Hq,D] and K/V [B,S,Hkv,D] stored token-major, described by strides on the logical
    // [B,H,S,D] shapes; the output is f16 (its own dtype) in BHSD.
    let ctx = Ctx::cpu();
    let (b, hq, hkv, sq, sk, d) = (2usize, 4usize, 1usize, 7usize, 10usize, 8usize);
    let mut r = Rng::new(23);
    let (mut q, mut k, mut v) = (
        r.vec(b * sq * hq * d),
        r.vec(b * sk * hkv * d),
        r.vec(b * sk * hkv * d),
    );
    let mut out = vec![0u16; b * hq * sq * d];
    let bshd = |h: usize, s: usize| [(s * h * d) as i64, d as i64, (h * d) as i64, 1];
    let i = |x: &[usize]| x.iter().map(|&n| n as i64).collect::<Vec<_>>();
    let qd = Desc::f32(&mut q, &i(&[b, hq, sq, d])).with_strides(&bshd(hq, sq));
    let kd = Desc::f32(&mut k, &i(&[b, hkv, sk, d])).with_strides(&bshd(hkv, sk));
    let vd = Desc::f32(&mut v, &i(&[b, hkv, sk, d])).with_strides(&bshd(hkv, sk));
    let od = Desc {
        data: out.as_mut_ptr() as *mut u8,
        size_bytes: (out.len() * 2) as u64,
        dtype: MFA_DTYPE_F16,
        shape: i(&[b, hq, sq, d]),
        strides: None,
    };
    let p = mfa_attention_params_t {
        causal: MFA_CAUSAL_BOTTOM_RIGHT,
        ..Default::default()
    };
    let rc = unsafe {
        mfa_forward(
            ctx.0,
            &qd.t(),
            &kd.t(),
            &vd.t(),
            &p,
            &od.t(),
            null(),
            null_mut(),
        )
    };
    assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
    let (qc, kc, vc) = (
        bshd_to_bhsd(&q, b, sq, hq, d),
        bshd_to_bhsd(&k, b, sk, hkv, d),
        bshd_to_bhsd(&v, b, sk, hkv, d),
    );
    let attn = Attention::new(
        TensorRef::new(&qc, &[b, hq, sq, d]).unwrap(),
        TensorRef::new(&kc, &[b, hkv, sk, d]).unwrap(),
        TensorRef::new(&vc, &[b, hkv, sk, d]).unwrap(),
    )
    .causal(CausalAlign::BottomRight);
    let got: Vec<f32> = out.iter().map(|&x| f16::from_bits(x).to_f32()).collect();
    let e = max_err(&got, &reference_forward(&attn).out);
    assert!(e <= 4e-3, "error {e:e}");
}

/// The UMFA-compatible calls, with a helper holding UMFA's long argument list.
struct Compat {
    ctx: Ctx,
    b: u32,
    h: u32,
    sq: u32,
    sk: u32,
    d: u16,
}

impl Compat {
    fn buffer(&self, data: &mut [f32]) -> mfa_buffer_t {
        let mut buf = null_mut();
        let rc = unsafe {
            mfa_buffer_from_ptr(
                self.ctx.0,
                data.as_mut_ptr() as *mut _,
                std::mem::size_of_val(data) as isize,
                &mut buf,
            )
        };
        assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
        buf
    }
}

#[test]
fn compat_forward_transposed_with_causal_and_mask_matches_reference() {
    let c = Compat {
        ctx: Ctx::cpu(),
        b: 2,
        h: 3,
        sq: 10,
        sk: 12,
        d: 8,
    };
    let (b, h, sq, sk, d) = (
        c.b as usize,
        c.h as usize,
        c.sq as usize,
        c.sk as usize,
        c.d as usize,
    );
    let mut r = Rng::new(5);
    // Q, V and O in [B,S,H,D] (transposed), K in [B,H,S,D].
    let mut q = r.vec(b * sq * h * d);
    let mut k = r.vec(b * h * sk * d);
    let mut v = r.vec(b * sk * h * d);
    let mut out = vec![0f32; b * sq * h * d];
    let mut mask: Vec<u8> = (0..sq * sk)
        .map(|_| (r.next_u64() % 4).min(1) as u8 * 7)
        .collect();
    let mask_shape = [sq as i64, sk as i64];
    let (qb, kb, vb, ob) = (
        c.buffer(&mut q),
        c.buffer(&mut k),
        c.buffer(&mut v),
        c.buffer(&mut out),
    );
    let rc = unsafe {
        mfa_attention_forward(
            c.ctx.0,
            qb,
            kb,
            vb,
            ob,
            c.b,
            c.sq,
            c.sk,
            c.h,
            c.d,
            0.0,
            true,
            MFA_PRECISION_FP32,
            MFA_PRECISION_FP16,
            MFA_PRECISION_FP32,
            true,
            false,
            true,
            true,
            mask.as_ptr() as *const _,
            mask.len(),
            mask_shape.as_ptr(),
            null(),
            2,
            MFA_MASK_TYPE_BOOL,
            MFA_MASK_SCALAR_BYTE,
        )
    };
    assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
    let (qc, vc) = (bshd_to_bhsd(&q, b, sq, h, d), bshd_to_bhsd(&v, b, sk, h, d));
    let attn = Attention::new(
        TensorRef::new(&qc, &[b, h, sq, d]).unwrap(),
        TensorRef::new(&k, &[b, h, sk, d]).unwrap(),
        TensorRef::new(&vc, &[b, h, sk, d]).unwrap(),
    )
    .causal(CausalAlign::TopLeft)
    .mask(Mask {
        kind: MaskKind::Bool,
        tensor: TensorRef::new(&mask, &[sq, sk]).unwrap(),
    });
    let want = reference_forward(&attn);
    let got = bshd_to_bhsd(&out, b, sq, h, d);
    let e = max_err(&got, &want.out);
    assert!(e <= TOL_F32, "error {e:e}");
    // The mask is read, not copied: changing it changes the result.
    mask.iter_mut().for_each(|m| *m = 1);
    unsafe {
        for buf in [qb, kb, vb, ob] {
            mfa_destroy_buffer(buf);
        }
    }
}

#[test]
fn compat_forward_with_lse_then_backward_matches_reference() {
    let c = Compat {
        ctx: Ctx::cpu(),
        b: 1,
        h: 2,
        sq: 9,
        sk: 14,
        d: 16,
    };
    let (b, h, sq, sk, d) = (
        c.b as usize,
        c.h as usize,
        c.sq as usize,
        c.sk as usize,
        c.d as usize,
    );
    let mut r = Rng::new(9);
    let (mut q, mut k, mut v) = (
        r.vec(b * h * sq * d),
        r.vec(b * h * sk * d),
        r.vec(b * h * sk * d),
    );
    let mut d_out = r.vec(b * h * sq * d);
    let mut out = vec![0f32; q.len()];
    let mut lse = vec![0f32; b * h * sq];
    let (mut dq, mut dk, mut dv) = (
        vec![0f32; q.len()],
        vec![0f32; k.len()],
        vec![0f32; v.len()],
    );
    let mut dbuf = vec![0f32; b * h * sq];
    let scale = 0.2f32;
    let bufs: Vec<mfa_buffer_t> = [
        &mut q, &mut k, &mut v, &mut out, &mut lse, &mut d_out, &mut dq, &mut dk, &mut dv,
        &mut dbuf,
    ]
    .into_iter()
    .map(|x| c.buffer(x))
    .collect();
    let [qb, kb, vb, ob, lb, dob, dqb, dkb, dvb, db] = bufs[..] else {
        unreachable!()
    };
    unsafe {
        let rc = mfa_attention_forward_with_lse(
            c.ctx.0,
            qb,
            kb,
            vb,
            ob,
            lb,
            c.b,
            c.sq,
            c.sk,
            c.h,
            c.d,
            scale,
            true,
            MFA_PRECISION_FP32,
            MFA_PRECISION_FP32,
            false,
            false,
            false,
            false,
        );
        assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
        let rc = mfa_attention_backward(
            c.ctx.0,
            dob,
            qb,
            kb,
            vb,
            ob,
            lb,
            dqb,
            dkb,
            dvb,
            db,
            c.b,
            c.sq,
            c.sk,
            c.h,
            c.d,
            scale,
            true,
            MFA_PRECISION_FP32,
            MFA_PRECISION_FP32,
            false,
            false,
            false,
            false,
        );
        assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
        // d_buffer may be NULL.
        let rc = mfa_attention_backward(
            c.ctx.0,
            dob,
            qb,
            kb,
            vb,
            ob,
            lb,
            dqb,
            dkb,
            dvb,
            null_mut(),
            c.b,
            c.sq,
            c.sk,
            c.h,
            c.d,
            scale,
            true,
            MFA_PRECISION_FP32,
            MFA_PRECISION_FP32,
            false,
            false,
            false,
            false,
        );
        assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
    }
    let attn = Attention::new(
        TensorRef::new(&q, &[b, h, sq, d]).unwrap(),
        TensorRef::new(&k, &[b, h, sk, d]).unwrap(),
        TensorRef::new(&v, &[b, h, sk, d]).unwrap(),
    )
    .causal(CausalAlign::TopLeft)
    .scale(scale);
    let f = reference_forward(&attn);
    assert!(max_err(&out, &f.out) <= TOL_F32);
    assert!(max_err(&lse, &f.lse) <= TOL_F32);
    let g = reference_backward(&attn, &d_out);
    for (name, got, want) in [("dq", &dq, &g.dq), ("dk", &dk, &g.dk), ("dv", &dv, &g.dv)] {
        let e = max_err(got, want);
        assert!(e <= TOL_GRAD, "{name}: error {e:e}");
    }
    let rowdot: Vec<f64> = (0..b * h * sq)
        .map(|row| {
            (0..d)
                .map(|c| d_out[row * d + c] as f64 * out[row * d + c] as f64)
                .sum()
        })
        .collect();
    assert!(max_err(&dbuf, &rowdot) <= 1e-5);
    unsafe { bufs.into_iter().for_each(|x| mfa_destroy_buffer(x)) };
}

#[test]
fn compat_strided_buffers_win_over_transpose_flags() {
    let c = Compat {
        ctx: Ctx::cpu(),
        b: 1,
        h: 2,
        sq: 6,
        sk: 7,
        d: 4,
    };
    let (b, h, sq, sk, d) = (
        c.b as usize,
        c.h as usize,
        c.sq as usize,
        c.sk as usize,
        c.d as usize,
    );
    let mut r = Rng::new(13);
    // Q lives in a padded buffer: rows of 7 floats of which the first 4 are the head dim.
    let pad = 7;
    let mut qpad = r.vec(b * h * sq * pad);
    let mut k = r.vec(b * h * sk * d);
    let mut v = r.vec(b * h * sk * d);
    let mut out = vec![0f32; b * h * sq * d];
    let shape = [b as i64, h as i64, sq as i64, d as i64];
    let strides = [(h * sq * pad) as i64, (sq * pad) as i64, pad as i64, 1];
    let mut qb = null_mut();
    unsafe {
        let rc = mfa_buffer_from_ptr_with_strides(
            c.ctx.0,
            qpad.as_mut_ptr() as *mut _,
            (qpad.len() * 4) as isize,
            shape.as_ptr(),
            strides.as_ptr(),
            4,
            &mut qb,
        );
        assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
    }
    let (kb, vb, ob) = (c.buffer(&mut k), c.buffer(&mut v), c.buffer(&mut out));
    // transpose_q = true is overridden by the buffer's own strides.
    let rc = unsafe {
        mfa_attention_forward(
            c.ctx.0,
            qb,
            kb,
            vb,
            ob,
            c.b,
            c.sq,
            c.sk,
            c.h,
            c.d,
            0.0,
            false,
            MFA_PRECISION_FP32,
            MFA_PRECISION_FP32,
            MFA_PRECISION_FP32,
            true,
            false,
            false,
            false,
            null(),
            0,
            null(),
            null(),
            0,
            MFA_MASK_TYPE_NONE,
            MFA_MASK_SCALAR_BYTE,
        )
    };
    assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
    let qc: Vec<f32> = (0..b * h * sq)
        .flat_map(|row| qpad[row * pad..row * pad + d].to_vec())
        .collect();
    let attn = Attention::new(
        TensorRef::new(&qc, &[b, h, sq, d]).unwrap(),
        TensorRef::new(&k, &[b, h, sk, d]).unwrap(),
        TensorRef::new(&v, &[b, h, sk, d]).unwrap(),
    );
    let e = max_err(&out, &reference_forward(&attn).out);
    assert!(e <= TOL_F32, "error {e:e}");
    unsafe {
        [qb, kb, vb, ob]
            .into_iter()
            .for_each(|x| mfa_destroy_buffer(x))
    };
}

#[test]
fn compat_half_precisions() {
    let c = Compat {
        ctx: Ctx::cpu(),
        b: 1,
        h: 2,
        sq: 8,
        sk: 8,
        d: 8,
    };
    let n = 2 * 8 * 8;
    let mut r = Rng::new(17);
    let (q, k, v) = (r.vec(n), r.vec(n), r.vec(n));
    let shape = [1usize, 2, 8, 8];
    for (prec, name, tol) in [
        (MFA_PRECISION_FP16, "fp16", 4e-3),
        (MFA_PRECISION_BF16, "bf16", 2e-2),
    ] {
        // Store inputs in the half type; the reference reads the same rounded values.
        let conv = |x: &[f32]| -> Vec<u16> {
            x.iter()
                .map(|&x| {
                    if prec == MFA_PRECISION_FP16 {
                        f16::from_f32(x).to_bits()
                    } else {
                        bf16::from_f32(x).to_bits()
                    }
                })
                .collect()
        };
        let (mut qh, mut kh, mut vh) = (conv(&q), conv(&k), conv(&v));
        let mut out = vec![0u16; n];
        let mk = |x: &mut Vec<u16>| {
            let mut buf = null_mut();
            assert_eq!(
                unsafe {
                    mfa_buffer_from_ptr(
                        c.ctx.0,
                        x.as_mut_ptr() as *mut _,
                        (x.len() * 2) as isize,
                        &mut buf,
                    )
                },
                MFA_SUCCESS
            );
            buf
        };
        let (qb, kb, vb, ob) = (mk(&mut qh), mk(&mut kh), mk(&mut vh), mk(&mut out));
        let p = std::ffi::CString::new(name).unwrap();
        let rc = unsafe {
            mfa_attention_forward_str(
                c.ctx.0,
                qb,
                kb,
                vb,
                ob,
                c.b,
                c.sq,
                c.sk,
                c.h,
                c.d,
                0.0,
                false,
                p.as_ptr(),
                p.as_ptr(),
                p.as_ptr(),
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
                MFA_MASK_SCALAR_BYTE,
            )
        };
        assert_eq!(rc, MFA_SUCCESS, "{name}: {}", last_error());
        let back = |x: &[u16]| -> Vec<f32> {
            x.iter()
                .map(|&b| {
                    if prec == MFA_PRECISION_FP16 {
                        f16::from_bits(b).to_f32()
                    } else {
                        bf16::from_bits(b).to_f32()
                    }
                })
                .collect()
        };
        let (qf, kf, vf) = (back(&qh), back(&kh), back(&vh));
        let attn = Attention::new(
            TensorRef::new(&qf, &shape).unwrap(),
            TensorRef::new(&kf, &shape).unwrap(),
            TensorRef::new(&vf, &shape).unwrap(),
        );
        let e = max_err(&back(&out), &reference_forward(&attn).out);
        assert!(e <= tol, "{name}: error {e:e}");
        unsafe {
            [qb, kb, vb, ob]
                .into_iter()
                .for_each(|x| mfa_destroy_buffer(x))
        };
    }
}

#[test]
fn created_buffers_are_host_writable_and_zeroed() {
    let ctx = Ctx::cpu();
    let mut buf = null_mut();
    unsafe {
        assert_eq!(mfa_create_buffer(ctx.0, 100, &mut buf), MFA_SUCCESS);
        let p = mfa_buffer_contents(buf) as *mut u8;
        assert!(!p.is_null());
        assert_eq!(p as usize % 64, 0);
        assert!((0..100).all(|i| *p.add(i) == 0));
        *p.add(99) = 5;
        assert_eq!(mfa_buffer_size(buf), 100);
        mfa_destroy_buffer(buf);
    }
}

#[test]
fn wrapped_buffers_are_zero_copy() {
    let ctx = Ctx::cpu();
    let mut data = vec![1.5f32; 16];
    let mut buf = null_mut();
    unsafe {
        assert_eq!(
            mfa_buffer_from_ptr(ctx.0, data.as_mut_ptr() as *mut _, 64, &mut buf),
            MFA_SUCCESS
        );
        assert_eq!(mfa_buffer_contents(buf), data.as_mut_ptr() as *mut _);
        *(mfa_buffer_contents(buf) as *mut f32) = 2.5;
        mfa_destroy_buffer(buf);
    }
    // The caller's memory was written through and is still owned by the caller.
    assert_eq!(data[0], 2.5);
}

#[test]
fn version_and_static_strings() {
    let (mut a, mut b, mut c) = (-1, -1, -1);
    unsafe { mfa_get_version(&mut a, &mut b, &mut c) };
    let v = |s: &str| s.parse::<i32>().unwrap();
    assert_eq!(
        (a, b, c),
        (
            v(env!("CARGO_PKG_VERSION_MAJOR")),
            v(env!("CARGO_PKG_VERSION_MINOR")),
            v(env!("CARGO_PKG_VERSION_PATCH"))
        )
    );
    assert_eq!(mfa_abi_version(), MFA_ABI_VERSION);
    assert!(mfa_is_device_supported());
    for code in -1..8 {
        let s = unsafe { std::ffi::CStr::from_ptr(mfa_error_string(code)) };
        assert!(!s.to_bytes().is_empty());
        // Static: the same pointer every time.
        assert_eq!(mfa_error_string(code), mfa_error_string(code));
    }
    let ctx = Ctx::cpu();
    assert_eq!(unsafe { mfa_context_backend(ctx.0) }, MFA_BACKEND_CPU);
    let mut name = [0 as std::ffi::c_char; 128];
    assert_eq!(
        unsafe { mfa_context_device_name(ctx.0, name.as_mut_ptr(), name.len()) },
        MFA_SUCCESS
    );
    assert!(unsafe { std::ffi::CStr::from_ptr(name.as_ptr()) }
        .to_str()
        .unwrap()
        .starts_with("cpu: "));
}

#[test]
fn quantization_helpers_round_trip() {
    let ctx = Ctx::cpu();
    let mut r = Rng::new(21);
    let mut x = r.vec(33);
    let params = [
        mfa_quantization_params_t {
            scale: 1.0 / 127.0,
            zero_point: 0,
            precision: MFA_PRECISION_INT8,
        },
        mfa_quantization_params_t {
            scale: 2.0 / 15.0,
            zero_point: 0,
            precision: MFA_PRECISION_INT4,
        },
    ];
    unsafe {
        let mut input = null_mut();
        assert_eq!(
            mfa_buffer_from_ptr(ctx.0, x.as_mut_ptr() as *mut _, 33 * 4, &mut input),
            MFA_SUCCESS
        );
        let mut out8 = null_mut();
        let mut out4 = null_mut();
        assert_eq!(
            mfa_create_quantized_buffer(
                ctx.0,
                33,
                MFA_PRECISION_INT8,
                params[0].scale,
                0,
                &mut out8
            ),
            MFA_SUCCESS
        );
        assert_eq!(
            mfa_create_quantized_buffer(
                ctx.0,
                17,
                MFA_PRECISION_INT4,
                params[1].scale,
                0,
                &mut out4
            ),
            MFA_SUCCESS
        );
        let mut recorded = mfa_quantization_params_t {
            scale: 0.0,
            zero_point: 9,
            precision: 0,
        };
        assert_eq!(
            mfa_buffer_quantization_params(out4, &mut recorded),
            MFA_SUCCESS
        );
        assert_eq!(
            (recorded.scale, recorded.zero_point, recorded.precision),
            (params[1].scale, 0, MFA_PRECISION_INT4)
        );
        let inputs = [input, input];
        let outputs = [out8, out4];
        assert_eq!(
            mfa_quantize_tensor_batch(ctx.0, inputs.as_ptr(), outputs.as_ptr(), params.as_ptr(), 2),
            MFA_SUCCESS,
            "{}",
            last_error()
        );
        let shape = [3i64, 11];
        let e8 = mfa_estimate_quantization_error(
            x.as_ptr(),
            mfa_buffer_contents(out8),
            &params[0],
            shape.as_ptr(),
            2,
        );
        let e4 = mfa_estimate_quantization_error(
            x.as_ptr(),
            mfa_buffer_contents(out4),
            &params[1],
            shape.as_ptr(),
            2,
        );
        // Uniform data: the relative RMS error is about step / sqrt(12) / rms(x).
        assert!(e8 > 0.0 && e8 < 0.01, "int8 error {e8}");
        assert!(e4 > e8 && e4 < 0.15, "int4 error {e4}");
        // A buffer too small for the packed output is refused.
        let mut small = null_mut();
        assert_eq!(
            mfa_create_quantized_buffer(ctx.0, 16, MFA_PRECISION_INT4, 0.1, 0, &mut small),
            MFA_SUCCESS
        );
        let p1 = [params[1]];
        assert_eq!(
            mfa_quantize_tensor_batch(ctx.0, [input].as_ptr(), [small].as_ptr(), p1.as_ptr(), 1),
            MFA_ERROR_INVALID_ARGS
        );
        assert!(last_error().contains("17 needed"), "{}", last_error());
        for bf in [input, out8, out4, small] {
            mfa_destroy_buffer(bf);
        }
        let shape = [4i64, 8];
        assert_eq!(
            mfa_calculate_memory_reduction(
                shape.as_ptr(),
                2,
                MFA_PRECISION_FP32,
                MFA_PRECISION_INT8
            ),
            4
        );
        assert_eq!(
            mfa_calculate_memory_reduction(
                shape.as_ptr(),
                2,
                MFA_PRECISION_FP32,
                MFA_PRECISION_INT4
            ),
            8
        );
        assert_eq!(
            mfa_calculate_memory_reduction(
                shape.as_ptr(),
                2,
                MFA_PRECISION_FP16,
                MFA_PRECISION_INT8
            ),
            2
        );
        assert_eq!(
            mfa_calculate_memory_reduction(shape.as_ptr(), 2, 9, MFA_PRECISION_INT8),
            0
        );
        assert_eq!(
            mfa_validate_quantization_params(&params[0], -1.0, 1.0),
            MFA_SUCCESS
        );
        assert_eq!(
            mfa_validate_quantization_params(&params[0], -1.0, 2.0),
            MFA_ERROR_INVALID_ARGS
        );
        assert!(last_error().contains("max_value"), "{}", last_error());
        let asym = mfa_quantization_params_t {
            scale: 0.01,
            zero_point: -128,
            precision: MFA_PRECISION_INT8,
        };
        assert_eq!(
            mfa_validate_quantization_params(&asym, 0.0, 2.5),
            MFA_SUCCESS,
            "{}",
            last_error()
        );
    }
}
