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
