//! The f64 reference itself: its backward against central finite differences of its forward,
//! and the semantics of SPEC.md on small hand-checkable problems.

use umfa::reference::{self, RefValues};
use umfa::{validate, Attention, CausalAlign, Mask, MaskKind, TensorRef, Window};

/// `L = Σ dO ∘ O` as a function of the f64 values.
fn loss(p: &umfa::Problem, x: &RefValues, d_out: &[f64]) -> f64 {
    let f = reference::forward_with(p, x);
    f.out.iter().zip(d_out).map(|(o, g)| o * g).sum()
}

/// `L = Σ dO ∘ O + Σ dLSE ∘ LSE` over the rows whose LSE is finite (a fully masked row's LSE is
/// −inf whatever the inputs: it carries no gradient).
fn loss_with_lse(p: &umfa::Problem, x: &RefValues, d_out: &[f64], d_lse: &[f64]) -> f64 {
    let f = reference::forward_with(p, x);
    let from_lse: f64 = f
        .lse
        .iter()
        .zip(d_lse)
        .filter(|(l, _)| l.is_finite())
        .map(|(l, g)| l * g)
        .sum();
    f.out.iter().zip(d_out).map(|(o, g)| o * g).sum::<f64>() + from_lse
}

/// Compares every analytic gradient of `g` with central differences of `loss` (step 1e-6).
fn check_against_finite_differences(
    x: &RefValues,
    g: &reference::RefGradients,
    loss: &dyn Fn(&RefValues) -> f64,
) {
    let eps = 1e-6;
    let check = |name: &str, analytic: &[f64], get: &dyn Fn(&mut RefValues) -> &mut Vec<f64>| {
        for (i, &a) in analytic.iter().enumerate() {
            let (mut plus, mut minus) = (x.clone(), x.clone());
            get(&mut plus)[i] += eps;
            get(&mut minus)[i] -= eps;
            let numeric = (loss(&plus) - loss(&minus)) / (2.0 * eps);
            let err = (numeric - a).abs();
            assert!(
                err <= 1e-7 + 1e-6 * numeric.abs(),
                "{name}[{i}]: analytic {a} numeric {numeric}"
            );
        }
    };
    check("dq", &g.dq, &|x| &mut x.q);
    check("dk", &g.dk, &|x| &mut x.k);
    check("dv", &g.dv, &|x| &mut x.v);
    if let Some(ds) = &g.d_sinks {
        check("d_sinks", ds, &|x| x.sinks.as_mut().unwrap());
    }
    if let Some(db) = &g.d_bias {
        check("d_bias", db, &|x| x.bias.as_mut().unwrap());
    }
}

fn as_f64(v: &[f32]) -> Vec<f64> {
    v.iter().map(|&x| x as f64).collect()
}

fn pseudo_random(n: usize, seed: u64) -> Vec<f32> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((s >> 33) as f32 / (1u64 << 31) as f32) * 2.0 - 1.0
        })
        .collect()
}

#[test]
fn reference_backward_matches_finite_differences() {
    // GQA (4 query heads on 2 kv heads), Sq != Sk, bottom-right causal, a window, softcap,
    // ALiBi, sinks, an additive bias broadcast over the batch, and a boolean mask with a fully
    // masked row: every term of the backward.
    let (b, hq, hkv, sq, sk, d, dv) = (2, 4, 2, 5, 7, 3, 2);
    let q = pseudo_random(b * hq * sq * d, 1);
    let k = pseudo_random(b * hkv * sk * d, 2);
    let v = pseudo_random(b * hkv * sk * dv, 3);
    let bias = pseudo_random(hq * sq * sk, 4);
    let slopes: Vec<f32> = (0..hq).map(|h| 0.1 * (h + 1) as f32).collect();
    let sinks = pseudo_random(hq, 5);
    let for_softcap = 2.0;
    let attn = Attention::new(
        TensorRef::new(&q, &[b, hq, sq, d]).unwrap(),
        TensorRef::new(&k, &[b, hkv, sk, d]).unwrap(),
        TensorRef::new(&v, &[b, hkv, sk, dv]).unwrap(),
    )
    .causal(CausalAlign::BottomRight)
    .window(Window {
        left: Some(4),
        right: None,
    })
    .softcap(for_softcap)
    .alibi_slopes(TensorRef::new(&slopes, &[hq]).unwrap())
    .sinks(TensorRef::new(&sinks, &[hq]).unwrap())
    .mask(Mask {
        kind: MaskKind::Additive,
        tensor: TensorRef::new(&bias, &[hq, sq, sk]).unwrap(),
    })
    .scale(0.7);
    let p = validate::problem(&attn).unwrap();
    let x = RefValues::gather(&p);
    let d_out: Vec<f64> = pseudo_random(b * hq * sq * dv, 6)
        .iter()
        .map(|&v| v as f64)
        .collect();
    let g = reference::backward_with(&p, &x, &d_out);
    assert!(g.d_sinks.is_some() && g.d_bias.is_some());
    check_against_finite_differences(&x, &g, &|x| loss(&p, x, &d_out));
}

/// The gradient of a loss that also reads the LSE, `L = Σ dO·O + Σ dLSE·LSE`, against central
/// differences: once with sinks and an additive bias (dSinks and dBias carry dLSE too), once with
/// a boolean mask hiding a whole row (LSE = −inf there), whose dLSE is NaN and must reach nothing.
#[test]
fn reference_backward_with_d_lse_matches_finite_differences() {
    let (b, hq, hkv, sq, sk, d, dv) = (2, 4, 2, 5, 7, 3, 2);
    let q = pseudo_random(b * hq * sq * d, 21);
    let k = pseudo_random(b * hkv * sk * d, 22);
    let v = pseudo_random(b * hkv * sk * dv, 23);
    let bias = pseudo_random(hq * sq * sk, 24);
    let sinks = pseudo_random(hq, 25);
    let d_out = as_f64(&pseudo_random(b * hq * sq * dv, 26));
    let mut d_lse = as_f64(&pseudo_random(b * hq * sq, 27));
    let shape = |h, s, dim| [b, h, s, dim];
    let plain = Attention::new(
        TensorRef::new(&q, &shape(hq, sq, d)).unwrap(),
        TensorRef::new(&k, &shape(hkv, sk, d)).unwrap(),
        TensorRef::new(&v, &shape(hkv, sk, dv)).unwrap(),
    )
    .scale(0.9);

    let with_sinks = plain
        .causal(CausalAlign::BottomRight)
        .softcap(2.0)
        .sinks(TensorRef::new(&sinks, &[hq]).unwrap())
        .mask(Mask {
            kind: MaskKind::Additive,
            tensor: TensorRef::new(&bias, &[hq, sq, sk]).unwrap(),
        });
    let p = validate::problem(&with_sinks).unwrap();
    let x = RefValues::gather(&p);
    let g = reference::backward_with_d_lse(&p, &x, &d_out, Some(&d_lse));
    assert!(g.d_sinks.is_some() && g.d_bias.is_some());
    check_against_finite_differences(&x, &g, &|x| loss_with_lse(&p, x, &d_out, &d_lse));
    // dLSE changes the answer: the test would not notice a backward that ignored it otherwise.
    let without = reference::backward_with(&p, &x, &d_out);
    assert!(g
        .dq
        .iter()
        .zip(&without.dq)
        .any(|(a, b)| (a - b).abs() > 1e-3));

    // Row 2 of every (batch, head) sees no key: LSE = −inf.
    let mut keep = vec![1u8; sq * sk];
    keep[2 * sk..3 * sk].fill(0);
    keep[sk + 3] = 0;
    let masked = plain.mask(Mask {
        kind: MaskKind::Bool,
        tensor: TensorRef::new(&keep, &[sq, sk]).unwrap(),
    });
    let p = validate::problem(&masked).unwrap();
    let x = RefValues::gather(&p);
    for bh in 0..b * hq {
        d_lse[bh * sq + 2] = f64::NAN;
    }
    let g = reference::backward_with_d_lse(&p, &x, &d_out, Some(&d_lse));
    assert!(reference::forward_with(&p, &x).lse[2] == f64::NEG_INFINITY);
    for grad in [&g.dq, &g.dk, &g.dv] {
        assert!(grad.iter().all(|v| v.is_finite()), "NaN from a masked row");
    }
    check_against_finite_differences(&x, &g, &|x| loss_with_lse(&p, x, &d_out, &d_lse));
}

/// Attention over one row with a given score vector, written out by hand.
#[test]
fn causal_alignments_and_fully_masked_rows() {
    // Sq = 2, Sk = 3, D = 1, all scores 0 (q = 0), so visible keys share weight equally.
    let q = vec![0f32; 2];
    let k = vec![1f32; 3];
    let v = vec![1f32, 10.0, 100.0];
    let attn = Attention::new(
        TensorRef::new(&q, &[1, 1, 2, 1]).unwrap(),
        TensorRef::new(&k, &[1, 1, 3, 1]).unwrap(),
        TensorRef::new(&v, &[1, 1, 3, 1]).unwrap(),
    );
    let run = |a: Attention| reference::forward(&validate::problem(&a).unwrap());
    let close = |got: &[f64], want: &[f64]| {
        assert!(
            got.iter()
                .zip(want)
                .all(|(g, w)| (g - w).abs() <= 1e-12 * w.abs().max(1.0)),
            "got {got:?}, want {want:?}"
        )
    };
    // Top-left: row 0 sees key 0; row 1 sees keys 0, 1.
    let tl = run(attn.causal(CausalAlign::TopLeft));
    close(&tl.out, &[1.0, 5.5]);
    // Bottom-right: row 0 sees keys 0, 1; row 1 sees all three.
    let br = run(attn.causal(CausalAlign::BottomRight));
    close(&br.out, &[5.5, 37.0]);
    assert!((br.lse[1] - 3f64.ln()).abs() < 1e-15);
    // A window (0, 0) bottom-right: row i sees only key i + 1.
    let w = run(attn.window(Window {
        left: Some(0),
        right: Some(0),
    }));
    close(&w.out, &[10.0, 100.0]);
    // A boolean mask hiding row 0 entirely: O = 0, LSE = −inf.
    let mask = [0u8, 0, 0, 1, 1, 1];
    let m = run(attn.mask(Mask {
        kind: MaskKind::Bool,
        tensor: TensorRef::new(&mask, &[2, 3]).unwrap(),
    }));
    assert_eq!(m.out[0], 0.0);
    assert_eq!(m.lse[0], f64::NEG_INFINITY);
    close(&m.out[1..], &[37.0]);
    // A sink of logit 0 joins the denominator: weights 1/4 each for three visible keys.
    let sink = [0f32];
    let s = run(attn.sinks(TensorRef::new(&sink, &[1]).unwrap()));
    assert!((s.out[1] - 111.0 / 4.0).abs() < 1e-12);
    assert!((s.lse[1] - 4f64.ln()).abs() < 1e-15);
}

#[test]
fn gqa_equals_attention_with_repeated_kv_heads() {
    let (hq, hkv, s, d) = (6, 2, 9, 4);
    let q = pseudo_random(hq * s * d, 11);
    let k = pseudo_random(hkv * s * d, 12);
    let v = pseudo_random(hkv * s * d, 13);
    let repeat = |x: &[f32]| -> Vec<f32> {
        (0..hq)
            .flat_map(|h| x[(h / 3) * s * d..(h / 3 + 1) * s * d].to_vec())
            .collect()
    };
    let (k_rep, v_rep) = (repeat(&k), repeat(&v));
    let gqa = Attention::new(
        TensorRef::new(&q, &[1, hq, s, d]).unwrap(),
        TensorRef::new(&k, &[1, hkv, s, d]).unwrap(),
        TensorRef::new(&v, &[1, hkv, s, d]).unwrap(),
    );
    let mha = Attention::new(
        TensorRef::new(&q, &[1, hq, s, d]).unwrap(),
        TensorRef::new(&k_rep, &[1, hq, s, d]).unwrap(),
        TensorRef::new(&v_rep, &[1, hq, s, d]).unwrap(),
    );
    let a = reference::forward(&validate::problem(&gqa).unwrap());
    let b = reference::forward(&validate::problem(&mha).unwrap());
    assert_eq!(a.out, b.out);
    assert_eq!(a.lse, b.lse);
}
