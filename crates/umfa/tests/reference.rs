//! The f64 reference itself: its backward against central finite differences of its forward,
//! and the semantics of SPEC.md on small hand-checkable problems.

use umfa::reference::{self, RefValues};
use umfa::{validate, Attention, CausalAlign, Mask, MaskKind, TensorRef, Window};

/// `L = Σ dO ∘ O` as a function of the f64 values.
fn loss(p: &umfa::Problem, x: &RefValues, d_out: &[f64]) -> f64 {
    let f = reference::forward_with(p, x);
    f.out.iter().zip(d_out).map(|(o, g)| o * g).sum()
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

    let eps = 1e-6;
    let check = |name: &str, analytic: &[f64], get: &dyn Fn(&mut RefValues) -> &mut Vec<f64>| {
        for (i, &a) in analytic.iter().enumerate() {
            let (mut plus, mut minus) = (x.clone(), x.clone());
            get(&mut plus)[i] += eps;
            get(&mut minus)[i] -= eps;
            let numeric = (loss(&p, &plus, &d_out) - loss(&p, &minus, &d_out)) / (2.0 * eps);
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
    check("d_sinks", g.d_sinks.as_ref().unwrap(), &|x| {
        x.sinks.as_mut().unwrap()
    });
    check("d_bias", g.d_bias.as_ref().unwrap(), &|x| {
        x.bias.as_mut().unwrap()
    });
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
