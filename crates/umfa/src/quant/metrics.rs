//! How close a result is to the f64 reference, measured the same way everywhere (SPEC.md):
//! cosine similarity, relative L1 and relative L2; and the memory a quantized tensor saves.

use super::spec::QuantDType;
use crate::dtype::DType;

/// Agreement of a result with its reference.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Accuracy {
    /// `⟨x, r⟩ / (‖x‖ ‖r‖)`; 1 is a perfect match.
    pub cosine: f64,
    /// `Σ|x − r| / Σ|r|`.
    pub rel_l1: f64,
    /// `‖x − r‖₂ / ‖r‖₂`.
    pub rel_l2: f64,
}

impl Accuracy {
    /// Compares over the elements where the reference is finite (fully masked rows' LSE is −∞).
    pub fn measure(x: &[f64], reference: &[f64]) -> Accuracy {
        let (mut dot, mut xx, mut rr, mut l1, mut r1, mut l2) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        for (&a, &r) in x.iter().zip(reference) {
            if !r.is_finite() {
                continue;
            }
            dot += a * r;
            xx += a * a;
            rr += r * r;
            l1 += (a - r).abs();
            r1 += r.abs();
            l2 += (a - r) * (a - r);
        }
        let ratio = |n: f64, d: f64| if d > 0.0 { n / d } else { n };
        Accuracy {
            cosine: if xx > 0.0 && rr > 0.0 {
                dot / (xx.sqrt() * rr.sqrt())
            } else if xx == rr {
                1.0
            } else {
                0.0
            },
            rel_l1: ratio(l1, r1),
            rel_l2: ratio(l2.sqrt(), rr.sqrt()),
        }
    }

    /// Like `measure`, for f32 data.
    pub fn measure_f32(x: &[f32], reference: &[f32]) -> Accuracy {
        let a: Vec<f64> = x.iter().map(|&v| v as f64).collect();
        let r: Vec<f64> = reference.iter().map(|&v| v as f64).collect();
        Accuracy::measure(&a, &r)
    }
}

/// How many times fewer bytes `count` values take as `to` than as `from` (data only; INT4
/// packed two per byte): 4 for f32 → INT8, 8 for f32 → INT4, 2 for f16 → INT8.
pub fn memory_reduction(count: usize, from: DType, to: QuantDType) -> f64 {
    (count * from.size_bytes()) as f64 / to.bytes_for(count) as f64
}
