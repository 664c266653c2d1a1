//! Quantized attention: accuracy against the f64 reference on model-like inputs (K with a
//! per-channel offset), exact semantics (attention on the dequantized tensors, every option),
//! the straight-through backward, the quantizer, the manifest, and the errors for bad input.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use umfa::quant::accuracy::Inputs;
use umfa::quant::{
    self, Accuracy, Granularity as G, Operand, QuantAttention, QuantConfig, QuantDType,
    QuantOperand, QuantSpec, QuantTensor, QuantizedTensor,
};
use umfa::reference::{self, RefValues};
use umfa::{
    Attention, AttentionParams, BackwardInputs, CausalAlign, DType, Dims, ForwardOutputs,
    Gradients, Mask, MaskKind, TensorMut, TensorRef, Window,
};

fn cpu() -> std::sync::Arc<dyn umfa::Backend> {
    umfa::backend(umfa::BackendKind::Cpu).expect("the CPU backend is always present")
}

fn dims(b: usize, hq: usize, hkv: usize, sq: usize, sk: usize, d: usize, dv: usize) -> Dims {
    Dims {
        batch: b,
        heads_q: hq,
        heads_kv: hkv,
        seq_q: sq,
        seq_kv: sk,
        head_dim: d,
        head_dim_v: dv,
    }
}

/// A fresh seed per run (printed on failure), so the thresholds are met by inputs nobody chose.
fn fresh_seed() -> u64 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_nanos() as u64;
    t ^ 0x9e37_79b9_7f4a_7c15
}

fn check_accuracy(config: QuantConfig, min_cosine: f64, max_rel_l1: f64) {
    let seed = fresh_seed();
    for (d, params) in [
        (dims(1, 4, 4, 256, 256, 64, 64), AttentionParams::default()),
        (
            dims(2, 4, 2, 128, 192, 128, 128),
            AttentionParams {
                causal: Some(CausalAlign::BottomRight),
                ..Default::default()
            },
        ),
    ] {
        let inputs = Inputs::model_like(d, 4.0, seed);
        let (out, lse) = inputs
            .accuracy(cpu().as_ref(), &config, params)
            .expect("runs");
        assert!(
            out.cosine >= min_cosine && out.rel_l1 <= max_rel_l1,
            "{} on {d:?} (seed {seed}): {out:?} (need cosine >= {min_cosine}, rel L1 <= {max_rel_l1}); lse {lse:?}",
            config.label()
        );
    }
}

#[test]
fn int8_qk_meets_the_targets() {
    // The targets: cosine >= 0.9995 and relative L1 <= 0.02.
    check_accuracy(QuantConfig::sage(), 0.9995, 0.02);
    let per_row_smoothed = QuantConfig {
        q: Some(QuantSpec::int8(G::PerRow)),
        k: Some(QuantSpec::int8(G::PerRow).smoothed(true)),
        v: None,
    };
    check_accuracy(per_row_smoothed, 0.9995, 0.02);
}

#[test]
fn int4_qk_with_smoothing_meets_the_target() {
    let config = QuantConfig {
        q: Some(QuantSpec::int4(G::PerRow).asymmetric()),
        k: Some(QuantSpec::int4(G::PerRow).asymmetric().smoothed(true)),
        v: None,
    };
    check_accuracy(config, 0.99, 1.0);
}

#[test]
fn int8_v_meets_the_target() {
    for g in [G::PerChannel, G::PerRow, G::PerBlock(32)] {
        let config = QuantConfig {
            v: Some(QuantSpec::int8(g)),
            ..Default::default()
        };
        check_accuracy(config, 0.999, 0.02);
    }
}

#[test]
fn smoothing_is_what_makes_offset_keys_work() {
    // Per-tensor INT8 without smoothing loses the residual under K's offset; with it, it does not.
    let inputs = Inputs::model_like(dims(1, 2, 2, 128, 128, 64, 64), 8.0, fresh_seed());
    let run = |smooth| {
        let c = QuantConfig {
            q: Some(QuantSpec::int8(G::PerTensor)),
            k: Some(QuantSpec::int8(G::PerTensor).smoothed(smooth)),
            v: None,
        };
        inputs
            .accuracy(cpu().as_ref(), &c, AttentionParams::default())
            .expect("runs")
            .0
    };
    let (plain, smoothed) = (run(false), run(true));
    assert!(
        smoothed.rel_l2 * 2.0 < plain.rel_l2,
        "{plain:?} vs {smoothed:?}"
    );
}

/// Random quantized operand of `shape`: random integers, positive scales, maybe zero points and
/// a mean.
fn random_quant(
    rng: &mut StdRng,
    dtype: QuantDType,
    g: G,
    shape: [usize; 4],
    asym: bool,
    mean: bool,
) -> QuantizedTensor {
    let n: usize = shape.iter().product();
    let (lo, hi) = dtype.range();
    let ints: Vec<i8> = (0..n).map(|_| rng.random_range(lo..=hi) as i8).collect();
    let groups = g.table_len(shape);
    QuantizedTensor {
        data: match dtype {
            QuantDType::Int8 => ints.iter().map(|&x| x as u8).collect(),
            QuantDType::Int4 => quant::int4::pack(&ints),
        },
        dtype,
        shape,
        granularity: g,
        scales: (0..groups)
            .map(|_| rng.random_range(0.5f32..1.5) / hi as f32)
            .collect(),
        zero_points: asym.then(|| {
            (0..groups)
                .map(|_| rng.random_range(lo / 2..=hi / 2))
                .collect()
        }),
        mean: mean.then(|| {
            (0..shape[0] * shape[1] * shape[3])
                .map(|_| rng.random_range(-2.0f32..2.0))
                .collect()
        }),
    }
}

/// The reference on the dequantized values, for a problem whose operands are given as f32.
fn reference_on(attn: &Attention) -> (reference::RefForward, umfa::problem::Problem) {
    let p = umfa::validate::problem(attn).expect("valid");
    (reference::forward(&p), p)
}

fn rel_l2(x: &[f32], r: &[f64]) -> f64 {
    let xs: Vec<f64> = x.iter().map(|&v| v as f64).collect();
    Accuracy::measure(&xs, r).rel_l2
}

#[test]
fn forward_is_attention_on_the_dequantized_tensors_with_every_option() {
    let seed = fresh_seed();
    let mut rng = StdRng::seed_from_u64(seed);
    let d = dims(2, 4, 2, 37, 45, 24, 20);
    let (qs, ks, vs) = (
        [d.batch, d.heads_q, d.seq_q, d.head_dim],
        [d.batch, d.heads_kv, d.seq_kv, d.head_dim],
        [d.batch, d.heads_kv, d.seq_kv, d.head_dim_v],
    );
    let mask: Vec<u8> = (0..d.seq_q * d.seq_kv)
        .map(|_| rng.random_bool(0.8) as u8)
        .collect();
    let bias: Vec<f32> = (0..d.seq_kv).map(|_| rng.random_range(-1.0..1.0)).collect();
    let sinks: Vec<f32> = (0..d.heads_q)
        .map(|_| rng.random_range(-1.0..1.0))
        .collect();
    let options: Vec<(&str, AttentionParams)> = vec![
        ("plain", AttentionParams::default()),
        (
            "causal top-left",
            AttentionParams {
                causal: Some(CausalAlign::TopLeft),
                ..Default::default()
            },
        ),
        (
            "window",
            AttentionParams {
                window: Some(Window {
                    left: Some(7),
                    right: Some(3),
                }),
                ..Default::default()
            },
        ),
        (
            "softcap",
            AttentionParams {
                softcap: Some(5.0),
                scale: Some(0.4),
                ..Default::default()
            },
        ),
        (
            "sinks",
            AttentionParams {
                sinks: Some(TensorRef::new(&sinks, &[d.heads_q]).unwrap()),
                ..Default::default()
            },
        ),
        (
            "bool mask",
            AttentionParams {
                mask: Some(Mask {
                    kind: MaskKind::Bool,
                    tensor: TensorRef::new(&mask, &[d.seq_q, d.seq_kv]).unwrap(),
                }),
                ..Default::default()
            },
        ),
        (
            "additive mask",
            AttentionParams {
                mask: Some(Mask {
                    kind: MaskKind::Additive,
                    tensor: TensorRef::new(&bias, &[1, 1, 1, d.seq_kv]).unwrap(),
                }),
                ..Default::default()
            },
        ),
    ];
    let kinds = [
        (QuantDType::Int8, G::PerBlock(16), false, false),
        (QuantDType::Int4, G::PerRow, true, true),
        (QuantDType::Int8, G::PerChannel, true, false),
        (QuantDType::Int4, G::PerTensor, false, true),
    ];
    for (dtype, g, asym, mean) in kinds {
        let q = random_quant(&mut rng, dtype, g, qs, asym, false);
        let k = random_quant(&mut rng, dtype, g, ks, asym, mean);
        let v = random_quant(&mut rng, dtype, g, vs, asym, mean);
        let (qf, kf, vf) = (q.dequantize(), k.dequantize(), v.dequantize());
        for (name, params) in &options {
            let mut out = vec![f32::NAN; d.batch * d.heads_q * d.seq_q * d.head_dim_v];
            let mut lse = vec![f32::NAN; d.batch * d.heads_q * d.seq_q];
            let attn = QuantAttention::new(
                QuantOperand::Quant(q.view()),
                QuantOperand::Quant(k.view()),
                QuantOperand::Quant(v.view()),
            )
            .with_params(*params);
            quant::forward(
                &attn,
                ForwardOutputs {
                    out: TensorMut::new(&mut out, &[d.batch, d.heads_q, d.seq_q, d.head_dim_v])
                        .unwrap(),
                    lse: Some(TensorMut::new(&mut lse, &[d.batch, d.heads_q, d.seq_q]).unwrap()),
                },
            )
            .expect("runs");
            let float = Attention::new(
                TensorRef::new(&qf, &qs).unwrap(),
                TensorRef::new(&kf, &ks).unwrap(),
                TensorRef::new(&vf, &vs).unwrap(),
            )
            .with_params(*params);
            let (r, _) = reference_on(&float);
            let (eo, el) = (rel_l2(&out, &r.out), rel_l2(&lse, &r.lse));
            assert!(
                eo < 2e-5 && el < 2e-6,
                "{name}, {dtype:?} {g:?} asym {asym} mean {mean} (seed {seed}): out {eo:e}, lse {el:e}"
            );
            for (o, l) in lse.iter().zip(&r.lse) {
                assert_eq!(
                    o.is_finite(),
                    l.is_finite(),
                    "{name}: masked rows give -inf LSE"
                );
            }
        }
    }
}

#[test]
fn backward_is_the_straight_through_estimator_with_gqa() {
    let seed = fresh_seed();
    let mut rng = StdRng::seed_from_u64(seed);
    let d = dims(2, 6, 2, 33, 40, 32, 16);
    let (qs, ks, vs, os) = (
        [d.batch, d.heads_q, d.seq_q, d.head_dim],
        [d.batch, d.heads_kv, d.seq_kv, d.head_dim],
        [d.batch, d.heads_kv, d.seq_kv, d.head_dim_v],
        [d.batch, d.heads_q, d.seq_q, d.head_dim_v],
    );
    let q = random_quant(&mut rng, QuantDType::Int8, G::PerBlock(8), qs, false, false);
    let k = random_quant(&mut rng, QuantDType::Int4, G::PerRow, ks, true, true);
    let v = random_quant(&mut rng, QuantDType::Int8, G::PerChannel, vs, false, false);
    let d_out: Vec<f32> = (0..os.iter().product())
        .map(|_| rng.random_range(-1.0..1.0))
        .collect();
    let params = AttentionParams {
        causal: Some(CausalAlign::BottomRight),
        ..Default::default()
    };
    let attn = QuantAttention::new(
        QuantOperand::Quant(q.view()),
        QuantOperand::Quant(k.view()),
        QuantOperand::Quant(v.view()),
    )
    .with_params(params);
    let mut out = vec![0.0f32; os.iter().product()];
    let mut lse = vec![0.0f32; d.batch * d.heads_q * d.seq_q];
    quant::forward(
        &attn,
        ForwardOutputs {
            out: TensorMut::new(&mut out, &os).unwrap(),
            lse: Some(TensorMut::new(&mut lse, &[d.batch, d.heads_q, d.seq_q]).unwrap()),
        },
    )
    .unwrap();
    let mut dq = vec![f32::NAN; qs.iter().product()];
    let mut dk = vec![f32::NAN; ks.iter().product()];
    let mut dv = vec![f32::NAN; vs.iter().product()];
    quant::backward(
        &attn,
        &BackwardInputs {
            out: TensorRef::new(&out, &os).unwrap(),
            d_out: TensorRef::new(&d_out, &os).unwrap(),
            lse: TensorRef::new(&lse, &[d.batch, d.heads_q, d.seq_q]).unwrap(),
            d_lse: None,
        },
        Gradients {
            dq: TensorMut::new(&mut dq, &qs).unwrap(),
            dk: TensorMut::new(&mut dk, &ks).unwrap(),
            dv: TensorMut::new(&mut dv, &vs).unwrap(),
            d_sinks: None,
            d_bias: None,
        },
    )
    .unwrap();
    let (qf, kf, vf) = (q.dequantize(), k.dequantize(), v.dequantize());
    let float = Attention::new(
        TensorRef::new(&qf, &qs).unwrap(),
        TensorRef::new(&kf, &ks).unwrap(),
        TensorRef::new(&vf, &vs).unwrap(),
    )
    .with_params(params);
    let p = umfa::validate::problem(&float).unwrap();
    let dof: Vec<f64> = d_out.iter().map(|&x| x as f64).collect();
    let g = reference::backward_with(&p, &RefValues::gather(&p), &dof);
    for (name, x, r) in [("dq", &dq, &g.dq), ("dk", &dk, &g.dk), ("dv", &dv, &g.dv)] {
        let e = rel_l2(x, r);
        assert!(e < 1e-4, "{name} (seed {seed}): rel L2 {e:e}");
    }
}

#[test]
fn runtime_backward_tracks_the_float_gradients() {
    // INT8 Q/K (Sage) gradients against the exact float gradients: the STE's error is the
    // quantization error, small for INT8.
    let d = dims(1, 4, 2, 64, 64, 64, 64);
    let inputs = Inputs::model_like(d, 4.0, fresh_seed());
    let [q, k, v] = inputs.views().unwrap();
    let os = [d.batch, d.heads_q, d.seq_q, d.head_dim_v];
    let d_out: Vec<f32> = inputs.q.iter().map(|x| x * 0.5).collect();
    let mut out = vec![0.0f32; os.iter().product()];
    let mut lse = vec![0.0f32; d.batch * d.heads_q * d.seq_q];
    let config = QuantConfig::sage();
    let be = cpu();
    quant::quantize_forward_on(
        be.as_ref(),
        q,
        k,
        v,
        &config,
        AttentionParams::default(),
        &mut ForwardOutputs {
            out: TensorMut::new(&mut out, &os).unwrap(),
            lse: Some(TensorMut::new(&mut lse, &[1, 4, 64]).unwrap()),
        },
    )
    .unwrap();
    let mut grads = [
        vec![0.0f32; inputs.q.len()],
        vec![0.0f32; inputs.k.len()],
        vec![0.0f32; inputs.v.len()],
    ];
    let [gq, gk, gv] = &mut grads;
    quant::quantize_backward_on(
        be.as_ref(),
        q,
        k,
        v,
        &config,
        AttentionParams::default(),
        &BackwardInputs {
            out: TensorRef::new(&out, &os).unwrap(),
            d_out: TensorRef::new(&d_out, &os).unwrap(),
            lse: TensorRef::new(&lse, &[1, 4, 64]).unwrap(),
            d_lse: None,
        },
        &mut Gradients {
            dq: TensorMut::new(gq, q.shape()).unwrap(),
            dk: TensorMut::new(gk, k.shape()).unwrap(),
            dv: TensorMut::new(gv, v.shape()).unwrap(),
            d_sinks: None,
            d_bias: None,
        },
    )
    .unwrap();
    let p = umfa::validate::problem(&Attention::new(q, k, v)).unwrap();
    let dof: Vec<f64> = d_out.iter().map(|&x| x as f64).collect();
    let g = reference::backward_with(&p, &RefValues::gather(&p), &dof);
    for (name, x, r) in [
        ("dq", &grads[0], &g.dq),
        ("dk", &grads[1], &g.dk),
        ("dv", &grads[2], &g.dv),
    ] {
        let xs: Vec<f64> = x.iter().map(|&v| v as f64).collect();
        let a = Accuracy::measure(&xs, r);
        assert!(a.cosine > 0.999, "{name}: {a:?}");
    }
}

#[test]
fn quantizer_round_trip_is_within_half_a_step() {
    let mut rng = StdRng::seed_from_u64(fresh_seed());
    let shape = [2, 3, 17, 9];
    let x: Vec<f32> = (0..shape.iter().product())
        .map(|_| rng.random_range(-3.0..5.0))
        .collect();
    for dtype in [QuantDType::Int8, QuantDType::Int4] {
        for g in [G::PerTensor, G::PerRow, G::PerBlock(4), G::PerChannel] {
            for (symmetric, smooth) in [(true, false), (false, false), (true, true), (false, true)]
            {
                let spec = QuantSpec {
                    dtype,
                    granularity: g,
                    symmetric,
                    smooth,
                };
                let t = quant::quantize(&TensorRef::new(&x, &shape).unwrap(), &spec, "x").unwrap();
                t.view().validate(Operand::K).unwrap();
                assert_eq!(t.scales.len(), g.table_len(shape));
                assert_eq!(t.data.len(), dtype.bytes_for(x.len()));
                let y = t.dequantize();
                if dtype == QuantDType::Int8 {
                    // The full range: every value within half a step.
                    let max_scale = t.scales.iter().cloned().fold(0.0f32, f32::max);
                    let err = x
                        .iter()
                        .zip(&y)
                        .map(|(a, b)| (a - b).abs())
                        .fold(0.0f32, f32::max);
                    assert!(
                        err <= 0.5 * max_scale * 1.0001 + 1e-6,
                        "{}: max error {err} > half of scale {max_scale}",
                        spec.label()
                    );
                } else {
                    // INT4 may clip a group's extremes to resolve its bulk better: bound the
                    // overall error instead (uniform data, 16 levels: about 8%).
                    let a = Accuracy::measure_f32(&y, &x);
                    assert!(a.rel_l2 < 0.12, "{}: {a:?}", spec.label());
                }
            }
        }
    }
}

#[test]
fn quantizer_reads_f16_bf16_and_strided_inputs() {
    let shape = [1, 2, 5, 8];
    let x: Vec<f32> = (0..80).map(|i| (i as f32 * 0.37).sin() * 3.0).collect();
    let spec = QuantSpec::int8(G::PerRow);
    let want = quant::quantize(&TensorRef::new(&x, &shape).unwrap(), &spec, "x").unwrap();
    // The same values stored [B, S, H, D].
    let mut bshd = vec![0.0f32; 80];
    for h in 0..2 {
        for s in 0..5 {
            for c in 0..8 {
                bshd[(s * 2 + h) * 8 + c] = x[(h * 5 + s) * 8 + c];
            }
        }
    }
    let strided = TensorRef::strided(&bshd, &shape, &[80, 8, 16, 1]).unwrap();
    assert_eq!(quant::quantize(&strided, &spec, "x").unwrap(), want);
    let h: Vec<umfa::f16> = x.iter().map(|&v| umfa::f16::from_f32(v)).collect();
    let t = quant::quantize(&TensorRef::new(&h, &shape).unwrap(), &spec, "x").unwrap();
    let a = Accuracy::measure_f32(&t.dequantize(), &x);
    assert!(a.cosine > 0.9999, "{a:?}");
    let b: Vec<umfa::bf16> = x.iter().map(|&v| umfa::bf16::from_f32(v)).collect();
    assert!(quant::quantize(&TensorRef::new(&b, &shape).unwrap(), &spec, "x").is_ok());
}

#[test]
fn manifest_round_trips_and_says_where_tables_live() {
    let mut rng = StdRng::seed_from_u64(fresh_seed());
    let shape = [2, 2, 9, 5];
    let x: Vec<f32> = (0..shape.iter().product())
        .map(|_| rng.random_range(-1.0..1.0))
        .collect();
    let spec = QuantSpec::int4(G::PerBlock(4)).asymmetric().smoothed(true);
    let t = quant::quantize(&TensorRef::new(&x, &shape).unwrap(), &spec, "k").unwrap();
    let (arena, m) = t.to_arena("k_");
    let names: Vec<&str> = m.sections.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["k_data", "k_scales", "k_zero_points", "k_mean"]);
    let scales = m.section("k_scales").unwrap();
    assert_eq!(scales.shape, vec![2, 2, 3]);
    assert_eq!(scales.bytes, 12 * 4);
    assert!(m
        .sections
        .iter()
        .all(|s| s.offset % quant::manifest::SECTION_ALIGN == 0));
    assert_eq!(m.section("k_data").unwrap().bytes, 90);
    assert_eq!(QuantizedTensor::from_arena(&arena, &m, "k_").unwrap(), t);
    let err = QuantizedTensor::from_arena(&arena[..100], &m, "k_").unwrap_err();
    assert_eq!(err.argument(), Some("arena"));
}

#[test]
fn memory_reduction_and_quantization_error_helpers() {
    assert_eq!(
        quant::memory_reduction(4096, DType::F32, QuantDType::Int8),
        4.0
    );
    assert_eq!(
        quant::memory_reduction(4096, DType::F32, QuantDType::Int4),
        8.0
    );
    assert_eq!(
        quant::memory_reduction(4096, DType::F16, QuantDType::Int8),
        2.0
    );
    let shape = [1, 1, 64, 64];
    let x: Vec<f32> = (0..4096)
        .map(|i| ((i * 7919) % 1000) as f32 / 500.0 - 1.0)
        .collect();
    let view = TensorRef::new(&x, &shape).unwrap();
    let e8 = quant::quantization_error(
        &view,
        &quant::quantize(&view, &QuantSpec::int8(G::PerRow), "x")
            .unwrap()
            .view(),
    )
    .unwrap();
    let e4 = quant::quantization_error(
        &view,
        &quant::quantize(&view, &QuantSpec::int4(G::PerRow), "x")
            .unwrap()
            .view(),
    )
    .unwrap();
    assert!(
        e8.rel_l2 < 0.01 && e4.rel_l2 > e8.rel_l2 * 8.0,
        "{e8:?} {e4:?}"
    );
}

fn error_of(t: QuantTensor, operand: Operand) -> (Option<&'static str>, String) {
    let e = t.validate(operand).unwrap_err();
    (e.argument(), e.to_string())
}

#[test]
fn bad_quantized_tensors_are_named_errors() {
    let data = vec![0u8; 64];
    let scales = vec![0.1f32; 8];
    let shape = [1, 2, 4, 8];
    let ok = QuantTensor::new(&data, QuantDType::Int8, shape, G::PerRow, &scales);
    ok.validate(Operand::Q).unwrap();
    // Scale count wrong.
    let (arg, msg) = error_of(
        QuantTensor::new(&data, QuantDType::Int8, shape, G::PerRow, &scales[..7]),
        Operand::K,
    );
    assert_eq!(arg, Some("k_scales"));
    assert!(msg.contains("7 entries, 8 needed"), "{msg}");
    // Block size 0.
    let (arg, msg) = error_of(
        QuantTensor::new(&data, QuantDType::Int8, shape, G::PerBlock(0), &scales),
        Operand::V,
    );
    assert_eq!(arg, Some("v_block_size"));
    assert!(msg.contains("is 0"), "{msg}");
    // Zero point out of range (INT4: [-8, 7]).
    let zps = [0, 0, 0, 0, 0, 9, 0, 0];
    let (arg, msg) = error_of(
        QuantTensor::new(&data, QuantDType::Int4, shape, G::PerRow, &scales).with_zero_points(&zps),
        Operand::Q,
    );
    assert_eq!(arg, Some("q_zero_points"));
    assert!(
        msg.contains("entry 5 is 9") && msg.contains("[-8, 7]"),
        "{msg}"
    );
    // INT4 buffer too short: 64 values need 32 bytes.
    let (arg, msg) = error_of(
        QuantTensor::new(&data[..31], QuantDType::Int4, shape, G::PerRow, &scales),
        Operand::K,
    );
    assert_eq!(arg, Some("k"));
    assert!(msg.contains("31 bytes, 32 needed"), "{msg}");
    QuantTensor::new(&data[..32], QuantDType::Int4, shape, G::PerRow, &scales)
        .validate(Operand::K)
        .unwrap();
    // INT8 buffer too short.
    let (arg, _) = error_of(
        QuantTensor::new(&data[..63], QuantDType::Int8, shape, G::PerRow, &scales),
        Operand::K,
    );
    assert_eq!(arg, Some("k"));
    // Scales must be finite and positive.
    let mut bad = scales.clone();
    bad[3] = 0.0;
    let (arg, msg) = error_of(
        QuantTensor::new(&data, QuantDType::Int8, shape, G::PerRow, &bad),
        Operand::Q,
    );
    assert_eq!(arg, Some("q_scales"));
    assert!(msg.contains("entry 3 is 0"), "{msg}");
    // Zero-point table of the wrong length, mean of the wrong length.
    let (arg, _) = error_of(ok.with_zero_points(&zps[..4]), Operand::Q);
    assert_eq!(arg, Some("q_zero_points"));
    let (arg, msg) = error_of(ok.with_mean(&scales[..3]), Operand::K);
    assert_eq!(arg, Some("k_mean"));
    assert!(msg.contains("16 needed"), "{msg}");
    // Zero-size dimension.
    let (arg, _) = error_of(
        QuantTensor::new(
            &data,
            QuantDType::Int8,
            [1, 0, 4, 8],
            G::PerTensor,
            &scales[..1],
        ),
        Operand::V,
    );
    assert_eq!(arg, Some("v"));
}

#[test]
fn quantizer_and_entry_points_reject_bad_input() {
    let x = vec![1.0f32, f32::NAN, 0.0, 2.0];
    let e = quant::quantize(
        &TensorRef::new(&x, &[1, 1, 2, 2]).unwrap(),
        &QuantSpec::int8(G::PerRow),
        "q",
    )
    .unwrap_err();
    assert_eq!(e.argument(), Some("q"));
    assert!(e.to_string().contains("[0, 0, 0, 1] is NaN"), "{e}");
    let y = vec![1.0f32; 4];
    let e = quant::quantize(
        &TensorRef::new(&y, &[2, 2]).unwrap(),
        &QuantSpec::int8(G::PerRow),
        "k",
    )
    .unwrap_err();
    assert!(e.to_string().contains("4 dimensions"), "{e}");
    let e = quant::quantize(
        &TensorRef::new(&y, &[1, 1, 2, 2]).unwrap(),
        &QuantSpec::int8(G::PerBlock(0)),
        "k",
    )
    .unwrap_err();
    assert!(e.to_string().contains("is 0"), "{e}");
    // A quantized operand whose shape disagrees with the others: the core names it.
    let data = vec![0u8; 16];
    let scales = [0.5f32];
    let qt = QuantTensor::new(&data, QuantDType::Int8, [1, 1, 4, 4], G::PerTensor, &scales);
    let kt = QuantTensor::new(&data, QuantDType::Int8, [1, 1, 2, 8], G::PerTensor, &scales);
    let mut out = vec![0.0f32; 16];
    let attn = QuantAttention::new(
        QuantOperand::Quant(qt),
        QuantOperand::Quant(kt),
        QuantOperand::Quant(kt),
    );
    let e = quant::forward(
        &attn,
        ForwardOutputs {
            out: TensorMut::new(&mut out, &[1, 1, 4, 4]).unwrap(),
            lse: None,
        },
    )
    .unwrap_err();
    assert_eq!(e.argument(), Some("k"), "{e}");
}

#[test]
fn strided_int4_operands_read_the_right_nibbles() {
    // The same INT4 values stored [B, S, H, D] with an odd D (rows straddle bytes) dequantize to
    // the same tensor as the contiguous [B, H, S, D] copy.
    let mut rng = StdRng::seed_from_u64(fresh_seed());
    let (b, h, s, d) = (2, 3, 5, 7);
    let t = random_quant(
        &mut rng,
        QuantDType::Int4,
        G::PerRow,
        [b, h, s, d],
        true,
        true,
    );
    let ints = t.values();
    let mut bshd = vec![0i8; ints.len()];
    for bi in 0..b {
        for hi in 0..h {
            for si in 0..s {
                for c in 0..d {
                    bshd[((bi * s + si) * h + hi) * d + c] = ints[((bi * h + hi) * s + si) * d + c];
                }
            }
        }
    }
    let packed = quant::int4::pack(&bshd);
    let mut view = QuantTensor::new(
        &packed,
        QuantDType::Int4,
        [b, h, s, d],
        G::PerRow,
        &t.scales,
    )
    .with_strides([(s * h * d) as isize, d as isize, (h * d) as isize, 1]);
    view.zero_points = t.zero_points.as_deref();
    view.mean = t.mean.as_deref();
    view.validate(Operand::V).unwrap();
    assert_eq!(view.dequantize(), t.dequantize());
}

/// Q and K in `[B, S, H, D]` memory order (a strided view of the same values): the integer
/// path's packing must follow the strides.
fn to_bshd(t: &QuantizedTensor) -> (Vec<u8>, [isize; 4]) {
    let [b, h, s, d] = t.shape;
    let ints = t.values();
    let mut bshd = vec![0i8; ints.len()];
    for bi in 0..b {
        for hi in 0..h {
            for si in 0..s {
                for c in 0..d {
                    bshd[((bi * s + si) * h + hi) * d + c] = ints[((bi * h + hi) * s + si) * d + c];
                }
            }
        }
    }
    let data = match t.dtype {
        QuantDType::Int8 => bshd.iter().map(|&x| x as u8).collect(),
        QuantDType::Int4 => quant::int4::pack(&bshd),
    };
    (
        data,
        [(s * h * d) as isize, d as isize, (h * d) as isize, 1],
    )
}

#[test]
fn cpu_integer_path_is_attention_on_the_dequantized_tensors() {
    // Q·Kᵀ on the integers (AVX512-VNNI) against the f64 reference on the dequantized operands,
    // over several tiles of rows and keys with ragged ends, GQA, odd head dims, every operand
    // format the path takes, V quantized or float, and the options that act on the scores; the
    // formats it does not take must say why and still be right.
    let seed = fresh_seed();
    let mut rng = StdRng::seed_from_u64(seed);
    let integer = umfa::cpu::quant::integer_path_available();
    if !integer {
        println!("SKIPPED the integer path's own checks: this CPU lacks AVX512-VNNI (the dequantized path is still checked)");
    }
    let backend = umfa::cpu::CpuBackend::new().with_int8(true);
    let sinks: Vec<f32> = (0..4).map(|_| rng.random_range(-1.0..1.0)).collect();
    let options: Vec<(&str, AttentionParams)> = vec![
        ("plain", AttentionParams::default()),
        (
            "causal bottom-right, softcap",
            AttentionParams {
                causal: Some(CausalAlign::BottomRight),
                softcap: Some(8.0),
                ..Default::default()
            },
        ),
        (
            "window, sinks, scale",
            AttentionParams {
                window: Some(Window {
                    left: Some(40),
                    right: Some(9),
                }),
                sinks: Some(TensorRef::new(&sinks, &[4]).unwrap()),
                scale: Some(0.3),
                ..Default::default()
            },
        ),
    ];
    // (Q format, K format, K smoothed, V (int8: quantized, f32, bf16), strided [B, S, H, D] Q and K, integer path?)
    let formats = [
        (
            (QuantDType::Int8, G::PerBlock(64), false),
            (QuantDType::Int8, G::PerBlock(32), false),
            true,
            "bf16",
            false,
            true,
        ),
        (
            (QuantDType::Int8, G::PerRow, false),
            (QuantDType::Int8, G::PerTensor, false),
            false,
            "int8",
            true,
            true,
        ),
        (
            (QuantDType::Int4, G::PerRow, true),
            (QuantDType::Int4, G::PerBlock(16), true),
            true,
            "f32",
            true,
            true,
        ),
        (
            (QuantDType::Int8, G::PerTensor, false),
            (QuantDType::Int4, G::PerRow, true),
            true,
            "bf16",
            false,
            true,
        ),
        (
            (QuantDType::Int8, G::PerRow, true),
            (QuantDType::Int8, G::PerRow, false),
            false,
            "f32",
            false,
            false,
        ),
        (
            (QuantDType::Int8, G::PerRow, false),
            (QuantDType::Int8, G::PerChannel, false),
            false,
            "bf16",
            false,
            false,
        ),
    ];
    for d in [
        dims(2, 4, 2, 150, 203, 64, 48),
        dims(1, 4, 1, 70, 97, 24, 24),
        dims(1, 2, 2, 33, 300, 128, 128),
        dims(1, 2, 1, 1, 45, 200, 72),
    ] {
        let (qs, ks, vs) = (
            [d.batch, d.heads_q, d.seq_q, d.head_dim],
            [d.batch, d.heads_kv, d.seq_kv, d.head_dim],
            [d.batch, d.heads_kv, d.seq_kv, d.head_dim_v],
        );
        for ((qd, qg, qa), (kd, kg, ka), k_mean, v_kind, strided, takes_integers) in formats {
            let q = random_quant(&mut rng, qd, qg, qs, qa, false);
            let k = random_quant(&mut rng, kd, kg, ks, ka, k_mean);
            let v = random_quant(&mut rng, QuantDType::Int8, G::PerRow, vs, false, false);
            let (qf, kf, mut vf) = (q.dequantize(), k.dequantize(), v.dequantize());
            // A bf16 V holds the dequantized values rounded to bf16; the reference uses those.
            let vb: Vec<half::bf16> = vf.iter().map(|&x| half::bf16::from_f32(x)).collect();
            if v_kind == "bf16" {
                vf = vb.iter().map(|x| x.to_f32()).collect();
            }
            let (q_bshd, k_bshd) = (to_bshd(&q), to_bshd(&k));
            let (mut qv, mut kv) = (q.view(), k.view());
            if strided {
                qv = qv.with_strides(q_bshd.1);
                qv.data = &q_bshd.0;
                kv = kv.with_strides(k_bshd.1);
                kv.data = &k_bshd.0;
            }
            let v_op = match v_kind {
                "int8" => QuantOperand::Quant(v.view()),
                "bf16" => QuantOperand::Float(TensorRef::new(&vb, &vs).unwrap()),
                _ => QuantOperand::Float(TensorRef::new(&vf, &vs).unwrap()),
            };
            for (name, params) in &options {
                if params.sinks.is_some() && d.heads_q != 4 {
                    continue;
                }
                let what = format!(
                    "{name}, {d:?}, Q {qd:?} {qg:?} asym {qa}, K {kd:?} {kg:?} asym {ka} smoothed {k_mean}, V {v_kind}, strided {strided} (seed {seed})"
                );
                let mut out = vec![f32::NAN; d.batch * d.heads_q * d.seq_q * d.head_dim_v];
                let mut lse = vec![f32::NAN; d.batch * d.heads_q * d.seq_q];
                let attn =
                    QuantAttention::new(QuantOperand::Quant(qv), QuantOperand::Quant(kv), v_op)
                        .with_params(*params);
                let path = umfa::cpu::quant::forward(
                    &backend,
                    &attn,
                    &mut ForwardOutputs {
                        out: TensorMut::new(&mut out, &[d.batch, d.heads_q, d.seq_q, d.head_dim_v])
                            .unwrap(),
                        lse: Some(
                            TensorMut::new(&mut lse, &[d.batch, d.heads_q, d.seq_q]).unwrap(),
                        ),
                    },
                )
                .unwrap_or_else(|e| panic!("{what}: {e}"));
                // P rounded to bf16 (relative 2⁻⁹ per probability; measured rel. L2 of O up
                // to ~1.7e-3) where the path says so; the LSE's sums stay f32.
                let out_tol = match path {
                    umfa::cpu::quant::QuantPath::Int8 { bf16_pv } => {
                        assert!(takes_integers && integer, "{what}: took the integer path");
                        assert_eq!(
                            bf16_pv,
                            v_kind == "bf16" && umfa::cpu::quant::bf16_values_available(),
                            "{what}: P·V precision"
                        );
                        if bf16_pv {
                            4e-3
                        } else {
                            2e-5
                        }
                    }
                    umfa::cpu::quant::QuantPath::Dequantized { reason } => {
                        assert!(
                            !(takes_integers && integer),
                            "{what}: dequantized ({reason})"
                        );
                        2e-5
                    }
                };
                let float = Attention::new(
                    TensorRef::new(&qf, &qs).unwrap(),
                    TensorRef::new(&kf, &ks).unwrap(),
                    TensorRef::new(&vf, &vs).unwrap(),
                )
                .with_params(*params);
                let (r, _) = reference_on(&float);
                let (eo, el) = (rel_l2(&out, &r.out), rel_l2(&lse, &r.lse));
                assert!(
                    eo < out_tol && el < 2e-6,
                    "{what}: out rel L2 {eo:e} (tolerance {out_tol:e}), lse {el:e}"
                );
                for (o, l) in lse.iter().zip(&r.lse) {
                    assert_eq!(
                        o.is_finite(),
                        l.is_finite(),
                        "{what}: masked rows give -inf LSE"
                    );
                }
            }
        }
    }
}

#[test]
fn cpu_integer_path_says_why_it_was_not_taken() {
    let mut rng = StdRng::seed_from_u64(fresh_seed());
    let shape = [1, 2, 40, 32];
    let mut out = vec![f32::NAN; 2 * 40 * 32];
    let mut run =
        |backend: &umfa::cpu::CpuBackend, q: &QuantizedTensor, k: &QuantizedTensor, v: &[f32]| {
            let attn = QuantAttention::new(
                QuantOperand::Quant(q.view()),
                QuantOperand::Quant(k.view()),
                QuantOperand::Float(TensorRef::new(v, &shape).unwrap()),
            );
            umfa::cpu::quant::forward(
                backend,
                &attn,
                &mut ForwardOutputs {
                    out: TensorMut::new(&mut out, &shape).unwrap(),
                    lse: None,
                },
            )
            .expect("runs")
        };
    let v: Vec<f32> = (0..2 * 40 * 32)
        .map(|_| rng.random_range(-1.0..1.0))
        .collect();
    let sym = random_quant(&mut rng, QuantDType::Int8, G::PerRow, shape, false, false);
    let asym = random_quant(&mut rng, QuantDType::Int8, G::PerRow, shape, true, false);
    let on = umfa::cpu::CpuBackend::new().with_int8(true);
    let off = umfa::cpu::CpuBackend::new().with_int8(false);
    let reason = |p| match p {
        umfa::cpu::quant::QuantPath::Dequantized { reason } => reason,
        umfa::cpu::quant::QuantPath::Int8 { .. } => "integer path",
    };
    assert!(reason(run(&off, &sym, &sym, &v)).contains("UMFA_CPU_INT8=0"));
    assert!(reason(run(&on, &asym, &sym, &v)).contains("asymmetric INT8"));
    if umfa::cpu::quant::integer_path_available() {
        assert_eq!(
            run(&on, &sym, &sym, &v),
            umfa::cpu::quant::QuantPath::Int8 { bf16_pv: false },
            "f32 V: P·V in f32"
        );
    } else {
        assert!(reason(run(&on, &sym, &sym, &v)).contains("AVX512-VNNI"));
    }
}

#[test]
fn quantizer_names_the_first_non_finite_element() {
    // Two bad values past the first 64 Ki elements (the scan runs in chunks of that size, in
    // parallel): the error names the first, as [b, h, s, d].
    let shape = [2, 3, 200, 128];
    let n: usize = shape.iter().product();
    let mut x: Vec<f32> = (0..n).map(|i| (i % 17) as f32 * 0.1).collect();
    let at = |b: usize, h: usize, s: usize, d: usize| ((b * 3 + h) * 200 + s) * 128 + d;
    x[at(1, 2, 150, 7)] = f32::INFINITY;
    x[at(1, 0, 10, 100)] = f32::NAN;
    let t = TensorRef::new(&x, &shape).unwrap();
    let e = quant::quantize(&t, &QuantSpec::int8(G::PerRow), "k")
        .expect_err("non-finite input")
        .to_string();
    assert!(
        e.contains("k") && e.contains("[1, 0, 10, 100]") && e.contains("NaN"),
        "{e}"
    );
}
