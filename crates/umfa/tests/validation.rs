//! Bad input gives the specific error, naming the argument and the numbers — never a crash.

use umfa::{
    Attention, AttentionParams, BackwardInputs, BlockMask, Error, ForwardOutputs, Gradients, Mask,
    MaskKind, TensorMut, TensorRef, Window,
};

/// Runs a forward of the given shapes (contiguous f32 buffers) with `tweak` applied to the
/// params, returning the error.
fn forward_error(
    q: [usize; 4],
    k: [usize; 4],
    v: [usize; 4],
    out: [usize; 4],
    tweak: impl FnOnce(&mut AttentionParams),
) -> Error {
    let n = |s: [usize; 4]| s.iter().product::<usize>();
    let (qb, kb, vb) = (vec![0.5f32; n(q)], vec![0.5f32; n(k)], vec![0.5f32; n(v)]);
    let mut ob = vec![0f32; n(out)];
    let mut params = AttentionParams::default();
    tweak(&mut params);
    let attn = Attention::new(
        TensorRef::new(&qb, &q).unwrap(),
        TensorRef::new(&kb, &k).unwrap(),
        TensorRef::new(&vb, &v).unwrap(),
    )
    .with_params(params);
    umfa::forward(
        &attn,
        ForwardOutputs {
            out: TensorMut::new(&mut ob, &out).unwrap(),
            lse: None,
        },
    )
    .expect_err("the call must be rejected")
}

fn assert_error(e: Error, arg: &str, words: &[&str]) {
    let text = e.to_string();
    assert_eq!(e.argument(), Some(arg), "wrong argument in {text:?}");
    for w in words {
        assert!(text.contains(w), "{text:?} should mention {w:?}");
    }
}

const Q: [usize; 4] = [2, 4, 8, 16];

#[test]
fn mismatched_shapes_name_both_sides() {
    assert_error(
        forward_error(Q, [2, 4, 9, 16], [2, 4, 8, 16], Q, |_| {}),
        "v",
        &["8 rows", "k has 9"],
    );
    assert_error(
        forward_error(Q, [3, 4, 8, 16], [3, 4, 8, 16], Q, |_| {}),
        "k",
        &["batch 3", "q has batch 2"],
    );
    assert_error(
        forward_error(Q, [2, 4, 8, 15], [2, 4, 8, 16], Q, |_| {}),
        "k",
        &["head_dim 15", "q has 16"],
    );
    assert_error(
        forward_error(Q, [2, 4, 8, 16], [2, 2, 8, 16], Q, |_| {}),
        "v",
        &["2 heads", "k has 4"],
    );
    assert_error(
        forward_error(Q, Q, Q, [2, 4, 8, 15], |_| {}),
        "out",
        &["head_dim = 15", "16"],
    );
}

#[test]
fn heads_must_divide() {
    assert_error(
        forward_error(Q, [2, 3, 8, 16], [2, 3, 8, 16], Q, |_| {}),
        "k",
        &["3 heads", "multiple"],
    );
}

#[test]
fn zero_sizes_and_head_dim_limits() {
    let z = [2, 4, 0, 16];
    assert_error(forward_error(z, Q, Q, z, |_| {}), "q", &["size 0"]);
    let d0 = [2, 4, 8, 0];
    assert_error(forward_error(d0, d0, Q, Q, |_| {}), "q", &["size 0"]);
    let big = [1, 1, 2, 513];
    assert_error(
        forward_error(big, big, big, big, |_| {}),
        "q",
        &["513", "512"],
    );
}

#[test]
fn options_are_checked() {
    assert_error(
        forward_error(Q, Q, Q, Q, |p| p.scale = Some(f32::NAN)),
        "scale",
        &["NaN", "finite"],
    );
    assert_error(
        forward_error(Q, Q, Q, Q, |p| p.dropout_p = 0.1),
        "dropout_p",
        &["not supported"],
    );
    assert_error(
        forward_error(Q, Q, Q, Q, |p| p.softcap = Some(-1.0)),
        "softcap",
        &["-1"],
    );
    assert_eq!(
        Window::from_signed(-2, 0).unwrap_err().argument(),
        Some("window")
    );
}

#[test]
fn strides_reaching_outside_the_buffer() {
    let data = vec![0f32; 2 * 4 * 8 * 16];
    let t = TensorRef::strided(&data, &Q, &[512, 128, 16, 2]).unwrap();
    let attn = Attention::new(
        t,
        TensorRef::new(&data, &Q).unwrap(),
        TensorRef::new(&data, &Q).unwrap(),
    );
    let mut out = vec![0f32; data.len()];
    let e = umfa::forward(
        &attn,
        ForwardOutputs {
            out: TensorMut::new(&mut out, &Q).unwrap(),
            lse: None,
        },
    )
    .unwrap_err();
    assert_error(e, "q", &["reaches element", "buffer holds 1024"]);
    let short = vec![0f32; 100];
    let e = TensorRef::new(&short, &Q).map(|t| {
        let attn = Attention::new(t, t, t);
        umfa::forward(
            &attn,
            ForwardOutputs {
                out: TensorMut::new(&mut out, &Q).unwrap(),
                lse: None,
            },
        )
    });
    assert_error(e.unwrap().unwrap_err(), "q", &["buffer holds 100"]);
}

#[test]
fn masks_must_broadcast_and_block_masks_hold_classes() {
    let mask = vec![1u8; 7 * 8];
    let e = forward_error(Q, Q, Q, Q, |p| {
        // Leaked so the view outlives the closure; tests only.
        let m: &'static [u8] = Box::leak(mask.clone().into_boxed_slice());
        p.mask = Some(Mask {
            kind: MaskKind::Bool,
            tensor: TensorRef::new(m, &[7, 8]).unwrap(),
        });
    });
    assert_error(e, "mask", &["[7, 8]", "does not broadcast"]);
    let e = forward_error(Q, Q, Q, Q, |p| {
        let m: &'static [u8] = Box::leak(vec![1u8; 8 * 8].into_boxed_slice());
        p.mask = Some(Mask {
            kind: MaskKind::Additive,
            tensor: TensorRef::new(m, &[8, 8]).unwrap(),
        });
    });
    assert_error(e, "mask", &["additive", "u8"]);
    let e = forward_error(Q, Q, Q, Q, |p| {
        let t: &'static [u8] = Box::leak(vec![0u8, 1, 2, 3].into_boxed_slice());
        p.block_mask = Some(BlockMask {
            block_q: 4,
            block_k: 4,
            classes: TensorRef::new(t, &[2, 2]).unwrap(),
        });
    });
    assert_error(e, "block_mask", &["is 3", "classes"]);
}

#[test]
fn outputs_must_not_alias_inputs() {
    let mut buf = vec![0.25f32; 2 * 4 * 8 * 16 * 2];
    let (a, b) = buf.split_at_mut(2 * 4 * 8 * 16);
    let q = TensorRef::new(a, &Q).unwrap();
    // `out` overlapping `q` through a raw view of the same memory.
    let out = unsafe {
        TensorMut::from_raw(
            a.as_ptr() as *mut u8,
            a.len() * 4,
            umfa::Device::Cpu,
            umfa::DType::F32,
            *q.layout(),
        )
    };
    let kv = TensorRef::new(b, &Q).unwrap();
    let e = umfa::forward(
        &Attention::new(q, kv, kv),
        ForwardOutputs { out, lse: None },
    )
    .unwrap_err();
    assert_error(e, "out", &["shares memory", "q"]);
}

#[test]
fn backward_arguments_are_checked() {
    let n = 2 * 4 * 8 * 16;
    let x = vec![0.5f32; n];
    let lse_f16 = vec![umfa::f16::ZERO; 2 * 4 * 8];
    let lse = vec![0f32; 2 * 4 * 8];
    let sinks_grad_len = 4;
    let t = TensorRef::new(&x, &Q).unwrap();
    let attn = Attention::new(t, t, t);
    let run_with = |lse: TensorRef, d_lse: Option<TensorRef>, with_d_sinks: bool| {
        let (mut dq, mut dk, mut dv) = (vec![0f32; n], vec![0f32; n], vec![0f32; n]);
        let mut ds = vec![0f32; sinks_grad_len];
        umfa::backward(
            &attn,
            &BackwardInputs {
                out: t,
                d_out: t,
                lse,
                d_lse,
            },
            Gradients {
                dq: TensorMut::new(&mut dq, &Q).unwrap(),
                dk: TensorMut::new(&mut dk, &Q).unwrap(),
                dv: TensorMut::new(&mut dv, &Q).unwrap(),
                d_sinks: with_d_sinks.then(|| TensorMut::new(&mut ds, &[4]).unwrap()),
                d_bias: None,
            },
        )
        .unwrap_err()
    };
    let run = |lse: TensorRef, with_d_sinks: bool| run_with(lse, None, with_d_sinks);
    assert_error(
        run(TensorRef::new(&lse_f16, &[2, 4, 8]).unwrap(), false),
        "lse",
        &["f16", "f32"],
    );
    assert_error(
        run(TensorRef::new(&lse, &[2, 4, 7]).unwrap(), false),
        "lse",
        &["seq_len = 7"],
    );
    assert_error(
        run(TensorRef::new(&lse, &[2, 4, 8]).unwrap(), true),
        "d_sinks",
        &["no sinks"],
    );
    // d_lse is checked like lse: its own name, the axis and the numbers.
    let good_lse = || TensorRef::new(&lse, &[2, 4, 8]).unwrap();
    let d_lse = vec![0f32; 2 * 4 * 8];
    assert_error(
        run_with(
            good_lse(),
            Some(TensorRef::new(&d_lse[..2 * 4 * 7], &[2, 4, 7]).unwrap()),
            false,
        ),
        "d_lse",
        &["seq_len = 7", "needs 8"],
    );
    assert_error(
        run_with(
            good_lse(),
            Some(TensorRef::new(&d_lse, &[2, 4, 8, 1]).unwrap()),
            false,
        ),
        "d_lse",
        &["3 dimensions"],
    );
    assert_error(
        run_with(
            good_lse(),
            Some(TensorRef::new(&lse_f16, &[2, 4, 8]).unwrap()),
            false,
        ),
        "d_lse",
        &["f16", "f32"],
    );
    // A view reaching past its buffer.
    let short = unsafe {
        TensorRef::from_raw(
            d_lse.as_ptr() as *const u8,
            4 * (2 * 4 * 8 - 1),
            umfa::Device::Cpu,
            umfa::DType::F32,
            umfa::Layout::contiguous(&[2, 4, 8]).unwrap(),
        )
    };
    assert_error(
        run_with(good_lse(), Some(short), false),
        "d_lse",
        &["reaches element 63"],
    );
}

/// A gradient must not be written over the d_lse it reads.
#[test]
fn d_lse_must_not_alias_a_gradient() {
    let n = 2 * 4 * 8 * 16;
    let x = vec![0.5f32; n];
    let lse = vec![0f32; 2 * 4 * 8];
    let t = TensorRef::new(&x, &Q).unwrap();
    let (mut dq, mut dk, mut dv) = (vec![0f32; n], vec![0f32; n], vec![0f32; n]);
    // SAFETY: a read view of dq's first elements, only for the overlap check (the call fails).
    let d_lse = unsafe {
        TensorRef::from_raw(
            dq.as_ptr() as *const u8,
            dq.len() * 4,
            umfa::Device::Cpu,
            umfa::DType::F32,
            umfa::Layout::contiguous(&[2, 4, 8]).unwrap(),
        )
    };
    let e = umfa::backward(
        &Attention::new(t, t, t),
        &BackwardInputs::new(t, t, TensorRef::new(&lse, &[2, 4, 8]).unwrap()).with_d_lse(d_lse),
        Gradients {
            dq: TensorMut::new(&mut dq, &Q).unwrap(),
            dk: TensorMut::new(&mut dk, &Q).unwrap(),
            dv: TensorMut::new(&mut dv, &Q).unwrap(),
            d_sinks: None,
            d_bias: None,
        },
    )
    .unwrap_err();
    assert_error(e, "dq", &["shares memory", "d_lse"]);
}
