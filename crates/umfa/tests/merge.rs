//! The merge of partial results by LSE: the CPU backend against the f64 reference (every dtype,
//! layout and masking, N = 1..4), the in-place accumulate and a ring loop, the reference's
//! backward against finite differences, the ring-attention identity through `umfa::forward`,
//! and the errors of bad calls. The runners take a `&dyn Backend` (tests/common/merge.rs), so a
//! GPU suite runs the same cases.

mod common;

use common::fresh_seed;
use common::merge::*;
use umfa::check::Buffer;
use umfa::cpu::CpuBackend;
use umfa::merge::reference::{self, RefPart};
use umfa::merge::MergeDims;
use umfa::*;

fn cpu() -> CpuBackend {
    CpuBackend::new()
}

#[test]
fn sweep_matches_reference() {
    let seed = fresh_seed();
    let be = cpu();
    for (n, case) in merge_sweep().iter().enumerate() {
        let s = seed.wrapping_add(n as u64);
        let r = run_merge_case(&be, case, s);
        println!(
            "{:<80} out {:.1e} lse {:.1e}",
            r.label, r.out.rel_l2, r.lse.rel_l2
        );
        assert_merge_passes(&r, s);
    }
}

#[test]
fn backward_sweep_matches_reference() {
    let seed = fresh_seed();
    let be = cpu();
    for (n, case) in merge_sweep().iter().enumerate() {
        for with_d_lse in [false, true] {
            let s = seed.wrapping_add(n as u64);
            let r = run_merge_backward_case(&be, case, with_d_lse, s);
            let worst = r
                .grads
                .iter()
                .filter(|(name, _)| name.starts_with("d_lse"))
                .map(|(_, e)| e.rel_l2 / e.tolerance)
                .fold(0.0, f64::max);
            println!("{:<90} worst d_lse error/tolerance {worst:.1e}", r.label);
            assert_merge_passes(&r, s);
        }
    }
}

#[test]
fn merge_into_matches_reference() {
    use DType::*;
    let seed = fresh_seed();
    let be = cpu();
    let mut n = 0;
    for acc in [F32, BF16, F16] {
        for part in [F32, BF16, F16] {
            for masking in [
                Masking::None,
                Masking::Random,
                Masking::FirstPartEmpty,
                Masking::AllEmpty,
            ] {
                let mut c = MergeCase::new(dims(2, 2, 9, 24), vec![acc, part], acc);
                c.masking = masking;
                c.layout = [
                    MergeLayout::Contiguous,
                    MergeLayout::Bshd,
                    MergeLayout::Scattered,
                ][n % 3];
                let s = seed.wrapping_add(n as u64);
                assert_merge_passes(&run_merge_into_case(&be, &c, s), s);
                n += 1;
            }
        }
    }
}

/// A ring loop: an f32 accumulator whose `O` starts as NaN (never read while its LSE is -inf)
/// takes four parts through `umfa::merge_into`, and ends equal to one `umfa::merge` of them.
#[test]
fn ring_loop_of_merge_into_equals_one_merge() {
    let seed = fresh_seed();
    let d = dims(2, 3, 11, 32);
    let mut case = MergeCase::new(
        d,
        vec![DType::BF16, DType::F16, DType::F32, DType::BF16],
        DType::F32,
    );
    case.masking = Masking::Random;
    case.layout = MergeLayout::Bshd;
    let data = MergeData::generate(&case, seed);
    let mut acc_o = Buffer::poisoned(DType::F32, o_layout(MergeLayout::Contiguous, &d));
    let mut acc_l = Buffer::poisoned(DType::F32, lse_layout(MergeLayout::Contiguous, &d));
    acc_o.fill(|| f32::NAN);
    acc_l.fill(|| f32::NEG_INFINITY);
    for part in data.parts() {
        merge_into(acc_o.view_mut(), acc_l.view_mut(), &part).unwrap();
    }
    let mut once_o = Buffer::poisoned(DType::F32, o_layout(MergeLayout::Contiguous, &d));
    let mut once_l = Buffer::poisoned(DType::F32, lse_layout(MergeLayout::Contiguous, &d));
    merge(
        &data.parts(),
        MergeOutputs {
            out: once_o.view_mut(),
            lse: Some(once_l.view_mut()),
        },
    )
    .unwrap();
    let r = reference::merge(&d, &data.reference);
    for (got, what) in [(&acc_o, "ring loop"), (&once_o, "one merge")] {
        let e = check::Errors::measure(&got.values(), &r.out, 1e-5);
        assert!(e.passed(), "{what} (seed {seed}): {e:?}");
    }
    for (got, what) in [(&acc_l, "ring loop"), (&once_l, "one merge")] {
        let e = check::Errors::measure_lse(&got.values(), &r.lse, 4e-6);
        assert!(e.passed(), "{what} LSE (seed {seed}): {e:?}");
    }
}

/// The reference backward is the gradient of the reference forward: central differences of
/// `L = Σ dO·O + Σ dLSE·LSE` with respect to every element of every part's `O` and `LSE`.
#[test]
fn reference_backward_matches_finite_differences() {
    let seed = fresh_seed();
    let d = dims(1, 2, 3, 5);
    let mut case = MergeCase::new(d, vec![DType::F32; 3], DType::F32);
    case.masking = Masking::Random;
    let mut parts = MergeData::generate(&case, seed).reference;
    let (rows, dv) = (d.rows(), d.head_dim);
    let g: Vec<f64> = (0..rows * dv)
        .map(|i| ((i * 7919) % 13) as f64 / 6.0 - 1.0)
        .collect();
    let gl: Vec<f64> = (0..rows)
        .map(|i| ((i * 31) % 7) as f64 / 3.0 - 1.0)
        .collect();
    let loss = |parts: &[RefPart]| {
        let m = reference::merge(&d, parts);
        let lse_term: f64 = m
            .lse
            .iter()
            .zip(&gl)
            .filter(|(l, _)| l.is_finite())
            .map(|(l, g)| l * g)
            .sum();
        m.out.iter().zip(&g).map(|(o, g)| o * g).sum::<f64>() + lse_term
    };
    let grads = reference::merge_backward(&d, &parts, &g, Some(&gl));
    let h = 1e-6;
    let check = |analytic: f64, plus: f64, minus: f64, what: String| {
        let numeric = (plus - minus) / (2.0 * h);
        assert!(
            (numeric - analytic).abs() <= 1e-6 * (1.0 + analytic.abs()),
            "{what}: finite difference {numeric}, reference backward {analytic} (seed {seed})"
        );
    };
    for n in 0..parts.len() {
        for row in 0..rows {
            if parts[n].lse[row] == f64::NEG_INFINITY {
                // The part saw no key: no gradient flows to it.
                assert_eq!(grads[n].d_lse[row], 0.0);
                assert!(grads[n].d_out[row * dv..(row + 1) * dv]
                    .iter()
                    .all(|&x| x == 0.0));
                continue;
            }
            let x = parts[n].lse[row];
            parts[n].lse[row] = x + h;
            let plus = loss(&parts);
            parts[n].lse[row] = x - h;
            let minus = loss(&parts);
            parts[n].lse[row] = x;
            check(
                grads[n].d_lse[row],
                plus,
                minus,
                format!("d_lse[{n}][{row}]"),
            );
            for c in row * dv..(row + 1) * dv {
                let x = parts[n].out[c];
                parts[n].out[c] = x + h;
                let plus = loss(&parts);
                parts[n].out[c] = x - h;
                let minus = loss(&parts);
                parts[n].out[c] = x;
                check(grads[n].d_out[c], plus, minus, format!("d_out[{n}][{c}]"));
            }
        }
    }
}

/// Merging the attention of blocks of keys gives the attention of all keys: plain, GQA with
/// D != Dv, causal (whose later blocks have rows that see no key), three blocks, every dtype.
#[test]
fn ring_attention_identity() {
    use DType::*;
    let seed = fresh_seed();
    let be = cpu();
    let d = |b, hq, hkv, sq, sk, dd, dv| Dims {
        batch: b,
        heads_q: hq,
        heads_kv: hkv,
        seq_q: sq,
        seq_kv: sk,
        head_dim: dd,
        head_dim_v: dv,
    };
    let cases = [
        (d(2, 2, 2, 16, 48, 32, 32), F32, F32, 2, false),
        (d(1, 4, 2, 33, 70, 64, 40), BF16, F32, 2, false),
        (d(1, 2, 2, 40, 40, 64, 64), BF16, BF16, 2, true),
        (d(2, 2, 1, 25, 61, 16, 16), F16, F16, 3, true),
        (d(1, 2, 2, 1, 97, 128, 128), F32, BF16, 3, true),
    ];
    for (n, &(dims_, dtype, out_dtype, chunks, causal)) in cases.iter().enumerate() {
        let s = seed.wrapping_add(n as u64);
        let r = run_ring_identity(&be, dims_, dtype, out_dtype, chunks, causal, s);
        println!(
            "{:<80} out {:.1e} lse {:.1e}",
            r.label, r.out.rel_l2, r.lse.rel_l2
        );
        assert_merge_passes(&r, s);
    }
}

/// A merge where no part saw any key writes exact zeros and -inf, never NaN, even though the
/// parts' `O` hold NaN; the backward writes zeros.
#[test]
fn rows_that_saw_no_key_are_zero_not_nan() {
    let seed = fresh_seed();
    let be = cpu();
    let mut case = MergeCase::new(dims(1, 2, 5, 8), vec![DType::BF16, DType::F32], DType::F16);
    case.masking = Masking::AllEmpty;
    let r = run_merge_case(&be, &case, seed);
    assert_merge_passes(&r, seed);
    assert_eq!(r.out.non_finite, 0);
    let r = run_merge_backward_case(&be, &case, true, seed);
    assert_merge_passes(&r, seed);
}

/// A host part over slices.
fn part<'a>(o: &'a [f32], l: &'a [f32], shape: &[usize]) -> MergePart<'a> {
    MergePart {
        out: TensorRef::new(o, shape).unwrap(),
        lse: TensorRef::new(l, &shape[..3]).unwrap(),
    }
}

/// The public entry points on plain slices: a part of LSE -inf contributes nothing, and parts
/// of equal LSE average.
#[test]
fn public_api_on_slices() {
    let shape = [1, 1, 2, 3];
    let o1 = [1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0];
    let o2 = [3.0f32, 2.0, 1.0, 0.0, -1.0, -2.0];
    let l1 = [0.5f32, f32::NEG_INFINITY];
    let l2 = [0.5f32, 1.0];
    let parts = [part(&o1, &l1, &shape), part(&o2, &l2, &shape)];
    let (mut o, mut l) = ([0f32; 6], [0f32; 2]);
    merge(
        &parts,
        MergeOutputs {
            out: TensorMut::new(&mut o, &shape).unwrap(),
            lse: Some(TensorMut::new(&mut l, &shape[..3]).unwrap()),
        },
    )
    .unwrap();
    assert_eq!(o, [2.0, 2.0, 2.0, 0.0, -1.0, -2.0]);
    assert!((l[0] - (0.5 + 2f32.ln())).abs() < 1e-6 && l[1] == 1.0);

    // Backward of the same merge: equal weights in row 0, all of it to part 2 in row 1.
    let d_out = [1.0f32; 6];
    let (mut g1, mut g2, mut gl1, mut gl2) = ([9f32; 6], [9f32; 6], [9f32; 2], [9f32; 2]);
    merge_backward(
        &parts,
        &MergeBackwardInputs {
            d_out: TensorRef::new(&d_out, &shape).unwrap(),
            d_lse: None,
        },
        &mut [
            MergePartGrads {
                d_out: Some(TensorMut::new(&mut g1, &shape).unwrap()),
                d_lse: Some(TensorMut::new(&mut gl1, &shape[..3]).unwrap()),
            },
            MergePartGrads {
                d_out: Some(TensorMut::new(&mut g2, &shape).unwrap()),
                d_lse: Some(TensorMut::new(&mut gl2, &shape[..3]).unwrap()),
            },
        ],
    )
    .unwrap();
    assert_eq!(g1, [0.5, 0.5, 0.5, 0.0, 0.0, 0.0]);
    assert_eq!(g2, [0.5, 0.5, 0.5, 1.0, 1.0, 1.0]);
    // dLSE_n = w_n·dO·(O_n − O): row 0 has dO·O_1 = dO·O_2 = dO·O = 6; row 1 has w_1 = 0 and
    // O_2 = O.
    assert_eq!(gl1, [0.0, 0.0]);
    assert_eq!(gl2, [0.0, 0.0]);

    // With a dLSE, each part gets its weight of it: dLSE_n = w_n·dLSE here.
    let d_lse = [2.0f32, 3.0];
    merge_backward(
        &parts,
        &MergeBackwardInputs {
            d_out: TensorRef::new(&d_out, &shape).unwrap(),
            d_lse: Some(TensorRef::new(&d_lse, &shape[..3]).unwrap()),
        },
        &mut [
            MergePartGrads {
                d_out: None,
                d_lse: Some(TensorMut::new(&mut gl1, &shape[..3]).unwrap()),
            },
            MergePartGrads {
                d_out: None,
                d_lse: Some(TensorMut::new(&mut gl2, &shape[..3]).unwrap()),
            },
        ],
    )
    .unwrap();
    assert_eq!(gl1, [1.0, 0.0]);
    assert_eq!(gl2, [1.0, 3.0]);
}

/// Which argument a failing call names, and that its message contains `needle`.
fn expect_err(r: Result<()>, arg: &str, needle: &str) {
    match r {
        Ok(()) => panic!("expected an error naming `{arg}` ({needle})"),
        Err(e) => {
            assert_eq!(e.argument(), Some(arg), "{e}");
            assert!(
                e.to_string().contains(needle),
                "`{e}` does not say `{needle}`"
            );
        }
    }
}

#[test]
fn bad_calls_are_refused_with_clear_errors() {
    let shape = [1, 2, 3, 4];
    let o = vec![0.0f32; 24];
    let o_short = vec![0.0f32; 20];
    let l = vec![0.0f32; 6];
    let l_bf16 = vec![bf16::ZERO; 6];
    let part = MergePart {
        out: TensorRef::new(&o, &shape).unwrap(),
        lse: TensorRef::new(&l, &shape[..3]).unwrap(),
    };
    let mut out = vec![0.0f32; 24];
    let mut lse = vec![0.0f32; 6];
    fn outs<'a>(out: &'a mut [f32], lse: &'a mut [f32]) -> MergeOutputs<'a> {
        MergeOutputs {
            out: TensorMut::new(out, &[1, 2, 3, 4]).unwrap(),
            lse: Some(TensorMut::new(lse, &[1, 2, 3]).unwrap()),
        }
    }

    expect_err(
        merge(&[], outs(&mut out, &mut lse)),
        "parts",
        "at least one part",
    );

    let other_seq = MergePart {
        out: TensorRef::new(&o_short, &[1, 2, 3, 3]).unwrap(),
        ..part
    };
    expect_err(
        merge(&[part, other_seq], outs(&mut out, &mut lse)),
        "parts",
        "parts[1].out: has head_dim = 3",
    );

    let bad_lse = MergePart {
        lse: TensorRef::new(&l_bf16, &shape[..3]).unwrap(),
        ..part
    };
    expect_err(
        merge(&[part, bad_lse], outs(&mut out, &mut lse)),
        "parts",
        "parts[1].lse: has dtype bf16, needs f32",
    );

    let lse_4d = MergePart {
        lse: TensorRef::new(&o, &shape).unwrap(),
        ..part
    };
    expect_err(
        merge(&[lse_4d], outs(&mut out, &mut lse)),
        "parts",
        "must have 3 dimensions",
    );

    let too_short = MergePart {
        out: TensorRef::new(&o_short, &[1, 2, 3, 3]).unwrap(),
        lse: part.lse,
    };
    let too_short = MergePart {
        // SAFETY: a view claiming 24 elements over a 20-element buffer: validation must refuse.
        out: unsafe {
            TensorRef::from_raw(
                too_short.out.ptr(),
                20 * 4,
                Device::Cpu,
                DType::F32,
                Layout::contiguous(&shape).unwrap(),
            )
        },
        ..too_short
    };
    expect_err(
        merge(&[too_short], outs(&mut out, &mut lse)),
        "parts",
        "reaches element 23",
    );

    let on_gpu = MergePart {
        // SAFETY: never dereferenced: validation refuses the mixed devices first.
        out: unsafe {
            TensorRef::from_raw(
                o.as_ptr() as *const u8,
                96,
                Device::Cuda(0),
                DType::F32,
                *part.out.layout(),
            )
        },
        ..part
    };
    expect_err(
        merge(&[part, on_gpu], outs(&mut out, &mut lse)),
        "parts",
        "is on Cuda(0)",
    );

    // The output overlapping an input.
    let mut shared = vec![0.0f32; 24];
    let shared_part = MergePart {
        // SAFETY: the aliasing is the point: validation must refuse it before anything runs.
        out: unsafe {
            TensorRef::from_raw(
                shared.as_ptr() as *const u8,
                96,
                Device::Cpu,
                DType::F32,
                *part.out.layout(),
            )
        },
        ..part
    };
    expect_err(
        merge(
            &[part, shared_part],
            MergeOutputs {
                out: TensorMut::new(&mut shared, &shape).unwrap(),
                lse: None,
            },
        ),
        "out",
        "shares memory with parts[1].out",
    );

    // Outputs overlapping each other.
    let mut both = vec![0.0f32; 30];
    let base = both.as_mut_ptr();
    // SAFETY: `lse` deliberately starts inside `out`'s span; validation must refuse it.
    let lse_inside = unsafe {
        TensorMut::from_raw(
            base.add(18) as *mut u8,
            12 * 4,
            Device::Cpu,
            DType::F32,
            Layout::contiguous(&shape[..3]).unwrap(),
        )
    };
    expect_err(
        merge(
            &[part],
            MergeOutputs {
                out: TensorMut::new(&mut both[..24], &shape).unwrap(),
                lse: Some(lse_inside),
            },
        ),
        "out",
        "shares memory with lse",
    );

    // A broadcast output.
    let mut small = vec![0.0f32; 12];
    expect_err(
        merge(
            &[part],
            MergeOutputs {
                out: TensorMut::strided(&mut small, &shape, &[12, 0, 4, 1]).unwrap(),
                lse: None,
            },
        ),
        "out",
        "stride 0 on dimension 1",
    );
    // Strides that fold two rows onto one another (not a broadcast, still shared memory).
    expect_err(
        merge(
            &[part],
            MergeOutputs {
                out: TensorMut::strided(&mut out, &shape, &[12, 6, 2, 1]).unwrap(),
                lse: None,
            },
        ),
        "out",
        "make elements share memory",
    );
    // A wrong output LSE dtype and shape.
    let mut lse_b = vec![bf16::ZERO; 6];
    expect_err(
        merge(
            &[part],
            MergeOutputs {
                out: TensorMut::new(&mut out, &shape).unwrap(),
                lse: Some(TensorMut::new(&mut lse_b, &shape[..3]).unwrap()),
            },
        ),
        "lse",
        "needs f32",
    );
    expect_err(
        merge(
            &[part],
            MergeOutputs {
                out: TensorMut::new(&mut out, &shape).unwrap(),
                lse: Some(TensorMut::new(&mut lse, &[1, 2, 2]).unwrap()),
            },
        ),
        "lse",
        "has seq_len = 2",
    );

    // merge_into: the part must not overlap the accumulator.
    let mut acc = vec![0.0f32; 24];
    let mut acc_l = vec![0.0f32; 6];
    let acc_as_part = MergePart {
        // SAFETY: aliasing on purpose, refused by validation.
        out: unsafe {
            TensorRef::from_raw(
                acc.as_ptr() as *const u8,
                96,
                Device::Cpu,
                DType::F32,
                *part.out.layout(),
            )
        },
        ..part
    };
    expect_err(
        merge_into(
            TensorMut::new(&mut acc, &shape).unwrap(),
            TensorMut::new(&mut acc_l, &shape[..3]).unwrap(),
            &acc_as_part,
        ),
        "acc_out",
        "shares memory with part.out",
    );
    expect_err(
        merge_into(
            TensorMut::new(&mut acc, &[1, 2, 3, 4]).unwrap(),
            TensorMut::new(&mut acc_l, &[1, 3, 2]).unwrap(),
            &part,
        ),
        "acc_lse",
        "has heads = 3",
    );

    // Backward: one gradient entry per part, and gradients must not alias inputs.
    let d_out = vec![0.0f32; 24];
    let inputs = MergeBackwardInputs {
        d_out: TensorRef::new(&d_out, &shape).unwrap(),
        d_lse: None,
    };
    expect_err(
        merge_backward(&[part, part], &inputs, &mut [MergePartGrads::default()]),
        "grads",
        "has 1 entries but there are 2 parts",
    );
    let mut g = vec![0.0f32; 24];
    let d_out_alias = MergeBackwardInputs {
        // SAFETY: aliasing on purpose, refused by validation.
        d_out: unsafe {
            TensorRef::from_raw(
                g.as_ptr() as *const u8,
                96,
                Device::Cpu,
                DType::F32,
                *part.out.layout(),
            )
        },
        d_lse: None,
    };
    expect_err(
        merge_backward(
            &[part],
            &d_out_alias,
            &mut [MergePartGrads {
                d_out: Some(TensorMut::new(&mut g, &shape).unwrap()),
                d_lse: None,
            }],
        ),
        "grads",
        "grads[0].d_out: shares memory with d_out",
    );
    let mut gl = vec![0.0f32; 6];
    let d_lse_bad = vec![0.0f32; 4];
    expect_err(
        merge_backward(
            &[part],
            &MergeBackwardInputs {
                d_out: TensorRef::new(&d_out, &shape).unwrap(),
                d_lse: Some(TensorRef::new(&d_lse_bad, &[1, 2, 2]).unwrap()),
            },
            &mut [MergePartGrads {
                d_out: None,
                d_lse: Some(TensorMut::new(&mut gl, &shape[..3]).unwrap()),
            }],
        ),
        "d_lse",
        "has seq_len = 2",
    );
}

/// Row indexing of the dims the kernels use.
#[test]
fn rows_are_row_major() {
    let d = MergeDims {
        batch: 2,
        heads: 3,
        seq: 5,
        head_dim: 1,
    };
    assert_eq!(d.rows(), 30);
    assert_eq!(d.row_index(0), (0, 0, 0));
    assert_eq!(d.row_index(7), (0, 1, 2));
    assert_eq!(d.row_index(29), (1, 2, 4));
}
