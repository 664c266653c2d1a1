//! The CPU backend against the f64 reference over random problems: shapes, strides, dtypes,
//! every mask and option, GQA, Sq ≠ Sk with both causal alignments, forward and backward.
//! Tolerances are `umfa::check::{forward,backward}_tolerance` (relative L2; f32 ≈ 1e-5, bf16/f16
//! the output's rounding), against the reference computed on the same rounded inputs.

mod common;

use proptest::prelude::*;
use umfa::check::{Case, MaskShape, MaskSpec, QkvLayout};
use umfa::{CausalAlign, DType, Dims, MaskKind, Window};

const HEAD_DIMS: [usize; 8] = [1, 7, 64, 80, 128, 192, 256, 512];

fn dtype() -> impl Strategy<Value = DType> {
    prop_oneof![Just(DType::F32), Just(DType::BF16), Just(DType::F16)]
}

fn mask_spec() -> impl Strategy<Value = Option<MaskSpec>> {
    let shape = prop_oneof![
        Just(MaskShape::Full),
        Just(MaskShape::QueryKey),
        Just(MaskShape::KeyPadding),
        Just(MaskShape::PerHead)
    ];
    let bool_dtype = prop_oneof![
        Just(DType::U8),
        Just(DType::F16),
        Just(DType::BF16),
        Just(DType::F32)
    ];
    let add_dtype = prop_oneof![Just(DType::F16), Just(DType::BF16), Just(DType::F32)];
    prop_oneof![
        2 => Just(None),
        1 => (bool_dtype, shape.clone()).prop_map(|(dtype, shape)| Some(MaskSpec { kind: MaskKind::Bool, dtype, shape })),
        1 => (add_dtype, shape).prop_map(|(dtype, shape)| Some(MaskSpec { kind: MaskKind::Additive, dtype, shape })),
    ]
}

prop_compose! {
    fn case()(
        batch in 1usize..3,
        group in prop_oneof![Just(1usize), Just(2), Just(3)],
        heads_kv in 1usize..3,
        dim_ix in 0usize..HEAD_DIMS.len(),
        dim_v_ix in 0usize..HEAD_DIMS.len(),
        same_dv in any::<bool>(),
        seq_q in 1usize..90,
        seq_kv in 1usize..110,
        dtype in dtype(),
        out_f32 in any::<bool>(),
        layout in prop_oneof![Just(QkvLayout::Bhsd), Just(QkvLayout::Bshd), Just(QkvLayout::Padded)],
        causal in prop_oneof![Just(None), Just(Some(CausalAlign::TopLeft)), Just(Some(CausalAlign::BottomRight))],
        window in prop_oneof![3 => Just(None), 1 => (prop::option::of(0usize..40), prop::option::of(0usize..20)).prop_map(|(left, right)| Some(Window { left, right }))],
        softcap in prop_oneof![3 => Just(None), 1 => (1.0f32..30.0).prop_map(Some)],
        alibi in prop::bool::weighted(0.25),
        sinks in prop::bool::weighted(0.25),
        scale in prop_oneof![3 => Just(None), 1 => (-1.0f32..1.0).prop_map(Some)],
        mask in mask_spec(),
        block_mask in prop_oneof![3 => Just(None), 1 => (1usize..40, 1usize..40).prop_map(Some)],
        backward in any::<bool>(),
        d_lse in any::<bool>(),
    ) -> Case {
        let head_dim = HEAD_DIMS[dim_ix];
        let head_dim_v = if same_dv { head_dim } else { HEAD_DIMS[dim_v_ix] };
        // Keep the f64 reference cheap: long rows only with small heads.
        let cap = if head_dim.max(head_dim_v) >= 192 { 24 } else { usize::MAX };
        let dims = Dims {
            batch,
            heads_q: heads_kv * group,
            heads_kv,
            seq_q: seq_q.min(cap),
            seq_kv: seq_kv.min(cap),
            head_dim,
            head_dim_v,
        };
        Case {
            dims,
            dtype,
            out_dtype: if out_f32 { DType::F32 } else { dtype },
            layout,
            scale,
            causal,
            window,
            softcap,
            alibi,
            sinks,
            mask,
            block_mask,
            backward,
            d_lse,
            deterministic: true,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn cpu_matches_reference(case in case(), seed in any::<u64>()) {
        common::assert_case_passes(&case, seed);
    }
}

/// Every head dimension of the issue, D = Dv and D ≠ Dv, each dtype, forward and backward.
#[test]
fn every_head_dim_forward_and_backward() {
    let seed = common::fresh_seed();
    for (n, &d) in HEAD_DIMS.iter().enumerate() {
        for dtype in [DType::F32, DType::BF16, DType::F16] {
            let dims = Dims {
                batch: 1,
                heads_q: 2,
                heads_kv: 1,
                seq_q: 33,
                seq_kv: 47,
                head_dim: d,
                head_dim_v: HEAD_DIMS[(n + 3) % HEAD_DIMS.len()],
            };
            let mut case = Case::dense(dims, dtype);
            case.backward = true;
            case.causal = Some(CausalAlign::BottomRight);
            common::assert_case_passes(&case, seed);
            case.dims.head_dim_v = d;
            case.causal = None;
            common::assert_case_passes(&case, seed + 1);
        }
    }
}

/// Tiles span several kernel tiles, with Sq ≠ Sk both ways, so tile skipping and the online
/// softmax across many key tiles are exercised.
#[test]
fn long_sequences_cross_many_tiles() {
    let seed = common::fresh_seed();
    for (sq, sk) in [(300, 517), (517, 300), (1, 700), (700, 1)] {
        for causal in [CausalAlign::TopLeft, CausalAlign::BottomRight] {
            let dims = Dims {
                batch: 1,
                heads_q: 2,
                heads_kv: 2,
                seq_q: sq,
                seq_kv: sk,
                head_dim: 64,
                head_dim_v: 64,
            };
            let mut case = Case::dense(dims, DType::F32);
            case.causal = Some(causal);
            case.backward = true;
            common::assert_case_passes(&case, seed);
        }
    }
}

/// A loss that also reads the LSE (`BackwardInputs::d_lse`, random and fresh each run, strided
/// like the case's Q/K/V): GQA, fully masked rows (bottom-right with Sq > Sk, and masks with a
/// dead row), sinks (dSinks), additive masks (dBias), softcap, each layout and dtype, on every
/// CPU kernel family with both backward schedules.
#[test]
fn backward_with_d_lse_every_feature() {
    let seed = common::fresh_seed();
    let dims = |hq, hkv, sq, sk, d| Dims {
        batch: 2,
        heads_q: hq,
        heads_kv: hkv,
        seq_q: sq,
        seq_kv: sk,
        head_dim: d,
        head_dim_v: d,
    };
    let mut cases = Vec::new();
    let mut c = Case::dense(dims(4, 2, 70, 45, 64), DType::F32);
    c.causal = Some(CausalAlign::BottomRight);
    cases.push(c.clone());
    c.sinks = true;
    c.softcap = Some(4.0);
    c.layout = QkvLayout::Bshd;
    c.dtype = DType::BF16;
    c.out_dtype = DType::BF16;
    cases.push(c.clone());
    for (kind, dtype, shape) in [
        (MaskKind::Additive, DType::F32, MaskShape::PerHead),
        (MaskKind::Additive, DType::BF16, MaskShape::KeyPadding),
        (MaskKind::Bool, DType::U8, MaskShape::Full),
    ] {
        let mut c = Case::dense(dims(3, 1, 37, 50, 80), DType::F16);
        c.layout = QkvLayout::Padded;
        c.mask = Some(MaskSpec { kind, dtype, shape });
        cases.push(c.clone());
        c.sinks = true;
        c.alibi = true;
        c.window = Some(Window {
            left: Some(9),
            right: Some(4),
        });
        cases.push(c);
    }
    for (n, mut case) in cases.into_iter().enumerate() {
        case.backward = true;
        case.d_lse = true;
        common::assert_case_passes(&case, seed + n as u64);
    }
}
