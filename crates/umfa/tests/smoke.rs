use umfa::check::*;
use umfa::*;

#[test]
fn smoke() {
    let be = backend(BackendKind::Cpu).unwrap();
    let dims = Dims {
        batch: 2,
        heads_q: 4,
        heads_kv: 2,
        seq_q: 70,
        seq_kv: 90,
        head_dim: 40,
        head_dim_v: 24,
    };
    let mut cases = vec![Case::dense(dims, DType::F32)];
    let mut c = Case::dense(dims, DType::BF16);
    c.causal = Some(CausalAlign::BottomRight);
    c.layout = QkvLayout::Bshd;
    cases.push(c.clone());
    c.mask = Some(MaskSpec {
        kind: MaskKind::Additive,
        dtype: DType::F16,
        shape: MaskShape::QueryKey,
    });
    c.softcap = Some(5.0);
    c.alibi = true;
    c.sinks = true;
    c.layout = QkvLayout::Padded;
    cases.push(c.clone());
    c.mask = Some(MaskSpec {
        kind: MaskKind::Bool,
        dtype: DType::U8,
        shape: MaskShape::Full,
    });
    c.block_mask = Some((16, 32));
    c.window = Some(Window {
        left: Some(20),
        right: Some(3),
    });
    c.dtype = DType::F32;
    c.out_dtype = DType::F32;
    cases.push(c.clone());
    for c in cases.clone() {
        let mut c = c;
        c.backward = true;
        cases.push(c);
    }
    for case in &cases {
        let r = run_case(be.as_ref(), case, 7);
        println!(
            "{} -> out {:.2e} grads {:?} stray {} err {:?}",
            r.label,
            r.out.rel_l2,
            r.grads
                .iter()
                .map(|(n, e)| (n, e.rel_l2, e.tolerance))
                .collect::<Vec<_>>(),
            r.stray_writes,
            r.error
        );
        assert!(r.passed());
    }
}
