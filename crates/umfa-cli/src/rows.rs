//! Checking a large run against the f64 reference on a sample of query rows.
//!
//! The reference over every row would take minutes on a CPU, so it runs on a sub-problem: the
//! sampled rows of Q against all of K and V. A row's result depends only on its own query and the
//! keys it sees, so the sub-problem's rows equal the full problem's provided each row still sees
//! the same keys. Slicing rows would shift the causal diagonal and the window band, so when either
//! is present a boolean mask carries each sampled row's own band instead.

use crate::common::{band_of, CliResult, HostData, HostTensor};
use half::{bf16, f16};
use rand::rngs::StdRng;
use rand::seq::index::sample;
use rand::SeedableRng;
use serde::Serialize;
use umfa::check::{forward_tolerance, Errors};
use umfa::{Attention, CausalAlign, Mask, MaskKind, TensorRef, Window};

/// How a run's sampled rows compare with the reference.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct RowCheck {
    pub sampled_rows: usize,
    pub rel_l2: f64,
    pub max_rel: f64,
    pub cosine: f64,
    pub lse_max_abs_err: f64,
    /// The tolerance on `rel_l2` (the output dtype's, as in `umfa check`).
    pub tolerance: f64,
    pub passed: bool,
}

/// Rows `rows` (sorted) of every `[b, h]` of a `[B, H, S, D]` tensor, same dtype.
pub fn gather_rows(t: &HostTensor, rows: &[usize]) -> HostTensor {
    let [b, h, s, d] = [t.shape[0], t.shape[1], t.shape[2], t.shape[3]];
    fn pick<T: Copy>(v: &[T], bh: usize, s: usize, d: usize, rows: &[usize]) -> Vec<T> {
        let mut out = Vec::with_capacity(bh * rows.len() * d);
        for x in 0..bh {
            for &r in rows {
                let at = (x * s + r) * d;
                out.extend_from_slice(&v[at..at + d]);
            }
        }
        out
    }
    let data = match &t.data {
        HostData::F32(v) => HostData::F32(pick(v, b * h, s, d, rows)),
        HostData::BF16(v) => HostData::BF16(pick::<bf16>(v, b * h, s, d, rows)),
        HostData::F16(v) => HostData::F16(pick::<f16>(v, b * h, s, d, rows)),
    };
    HostTensor {
        data,
        shape: vec![b, h, rows.len(), d],
    }
}

pub fn cosine(a: &[f64], b: &[f64]) -> f64 {
    let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
    for (&x, &y) in a.iter().zip(b) {
        ab += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa == 0.0 && bb == 0.0 {
        1.0
    } else {
        ab / (aa.sqrt() * bb.sqrt())
    }
}

/// The problem whose results are checked: BHSD host tensors and the visibility options.
pub struct Run<'a> {
    pub q: &'a HostTensor,
    pub k: &'a HostTensor,
    pub v: &'a HostTensor,
    pub out: &'a HostTensor,
    /// f32 `[B, H, Sq]`.
    pub lse: &'a HostTensor,
    pub causal: Option<CausalAlign>,
    pub window: Option<Window>,
}

/// Compares `n_rows` rows (drawn from `seed`, the same in every batch and head) with the reference.
pub fn check(run: &Run, n_rows: usize, seed: u64) -> CliResult<RowCheck> {
    let (b, h, sq) = (run.q.shape[0], run.q.shape[1], run.q.shape[2]);
    let sk = run.k.shape[2];
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed);
    let mut rows: Vec<usize> = sample(&mut rng, sq, n_rows.clamp(1, sq)).into_vec();
    rows.sort_unstable();
    let q_sub = gather_rows(run.q, &rows);
    let (lo, hi) = band_of(sq, sk, run.causal, run.window);
    let banded = lo.is_some() || hi.is_some();
    let mut band_mask = Vec::new();
    if banded {
        // Row r of the sub-problem is row rows[r] of the full one, with that row's band.
        for &i in &rows {
            let i = i as i64;
            band_mask.extend((0..sk as i64).map(|j| {
                (j - i >= lo.unwrap_or(i64::MIN) && j - i <= hi.unwrap_or(i64::MAX)) as u8
            }));
        }
    }
    let mut sub = Attention::new(q_sub.view(), run.k.view(), run.v.view());
    if banded {
        sub = sub.mask(Mask {
            kind: MaskKind::Bool,
            tensor: TensorRef::new(&band_mask, &[rows.len(), sk])?,
        });
    }
    let problem = umfa::validate::problem(&sub)?;
    let reference = umfa::reference::forward(&problem);
    let got_out = gather_rows(run.out, &rows);
    let n_out = got_out.shape.iter().product::<usize>();
    let got: Vec<f64> = (0..n_out).map(|i| got_out.get(i)).collect();
    let tol = forward_tolerance(run.out.dtype());
    let err = Errors::measure(&got, &reference.out, tol);
    let mut lse_err = 0f64;
    let mut lse_bad = false;
    for x in 0..b * h {
        for (r, &i) in rows.iter().enumerate() {
            let got = run.lse.get(x * sq + i);
            let want = reference.lse[x * rows.len() + r];
            if want.is_infinite() || got.is_infinite() {
                // Fully masked rows: both must be -inf.
                lse_bad |= got != want;
            } else {
                lse_err = lse_err.max((got - want).abs());
                lse_bad |= got.is_nan();
            }
        }
    }
    let lse_scale = reference
        .lse
        .iter()
        .filter(|x| x.is_finite())
        .fold(1f64, |m, x| m.max(x.abs()));
    // As `umfa::check`'s LSE tolerance, with room for f32 sums over thousands of keys.
    let passed = err.passed() && !lse_bad && lse_err <= 1e-5 * lse_scale;
    Ok(RowCheck {
        sampled_rows: rows.len(),
        rel_l2: err.rel_l2,
        max_rel: err.max_rel,
        cosine: cosine(&got, &reference.out),
        lse_max_abs_err: lse_err,
        tolerance: tol,
        passed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use umfa::{BackendKind, DType, ForwardOutputs};

    /// Runs a banded problem with Sq != Sk on the CPU backend and checks every row, then spoils
    /// one output row and expects the check to see it.
    #[test]
    fn banded_rows_match_and_corruption_is_seen() {
        let be = umfa::backend(BackendKind::Cpu).unwrap();
        let (sq, sk) = (40, 50);
        let q = HostTensor::random(DType::F32, &[1, 2, sq, 16], 1, None);
        let k = HostTensor::random(DType::F32, &[1, 2, sk, 16], 2, None);
        let v = HostTensor::random(DType::F32, &[1, 2, sk, 16], 3, None);
        let mut out = HostTensor::zeros(DType::F32, &[1, 2, sq, 16]);
        let mut lse = HostTensor::zeros(DType::F32, &[1, 2, sq]);
        let window = Window {
            left: Some(5),
            right: Some(2),
        };
        for causal in [CausalAlign::TopLeft, CausalAlign::BottomRight] {
            let attn = Attention::new(q.view(), k.view(), v.view())
                .causal(causal)
                .window(window);
            be.forward_host(
                &attn,
                &mut ForwardOutputs {
                    out: out.view_mut(),
                    lse: Some(lse.view_mut()),
                },
            )
            .unwrap();
            let run = Run {
                q: &q,
                k: &k,
                v: &v,
                out: &out,
                lse: &lse,
                causal: Some(causal),
                window: Some(window),
            };
            let c = check(&run, sq, 7).unwrap();
            assert_eq!(c.sampled_rows, sq);
            assert!(c.passed, "{causal:?}: {c:?}");
            // The same output judged without the band must fail: the mask matters.
            let unbanded = Run {
                causal: None,
                window: None,
                ..run
            };
            assert!(!check(&unbanded, sq, 7).unwrap().passed);
        }
        if let HostData::F32(o) = &mut out.data {
            o[16 * 3] += 1.0;
        }
        let run = Run {
            q: &q,
            k: &k,
            v: &v,
            out: &out,
            lse: &lse,
            causal: Some(CausalAlign::BottomRight),
            window: Some(window),
        };
        assert!(!check(&run, sq, 7).unwrap().passed);
    }
}
