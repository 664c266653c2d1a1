//! Turning a tile of raw scores `scale·Q·Kᵀ` into the logits of SPEC.md: softcap, ALiBi, additive
//! mask, visibility. Shared by the forward and both backward passes so they agree exactly.

use super::simd::Simd;
use crate::problem::{Problem, TileClass};

/// Where a score tile sits: head (b, h), rows `i0..i0+rows`, keys `j0..j0+keys`, stored with row
/// stride `ld` and `cols >= keys` columns (the padding columns get -inf).
#[derive(Clone, Copy)]
pub(crate) struct TileAt {
    pub b: usize,
    pub h: usize,
    pub i0: usize,
    pub rows: usize,
    pub j0: usize,
    pub keys: usize,
    pub cols: usize,
    pub ld: usize,
}

/// Whether any element-wise term applies to the logits besides visibility.
pub(crate) fn has_additive_terms(p: &Problem) -> bool {
    p.alibi.is_some() || matches!(p.mask, Some(m) if m.kind == crate::MaskKind::Additive)
}

/// Finishes the logits of a tile in place. With softcap, `tanh_out` (same layout) receives
/// `tanh(raw / cap)`, which the backward pass needs for the derivative.
///
/// # Safety
/// `s` (and `tanh_out`) must hold `rows` rows of stride `at.ld` and `at.cols` columns, `cols` a
/// multiple of `S::LANES`.
pub(crate) unsafe fn finish_logits<S: Simd>(
    p: &Problem,
    at: TileAt,
    class: TileClass,
    s: *mut f32,
    tanh_out: Option<*mut f32>,
) {
    if let Some(cap) = p.softcap {
        let (inv, capv) = (S::splat(1.0 / cap), S::splat(cap));
        for r in 0..at.rows {
            for c in (0..at.cols).step_by(S::LANES) {
                let ptr = s.add(r * at.ld + c);
                let t = S::tanh(S::mul(S::load(ptr), inv));
                if let Some(tp) = tanh_out {
                    S::store(tp.add(r * at.ld + c), t);
                }
                S::store(ptr, S::mul(capv, t));
            }
        }
    }
    let partial = class == TileClass::Partial;
    if partial || has_additive_terms(p) {
        for r in 0..at.rows {
            let row = s.add(r * at.ld);
            let i = at.i0 + r;
            for j in 0..at.keys {
                let x = row.add(j);
                if partial && !p.visible(at.b, at.h, i, at.j0 + j) {
                    *x = f32::NEG_INFINITY;
                } else {
                    *x += p.additive_bias(at.b, at.h, i, at.j0 + j);
                }
            }
        }
    }
    if at.keys < at.cols {
        for r in 0..at.rows {
            for j in at.keys..at.cols {
                *s.add(r * at.ld + j) = f32::NEG_INFINITY;
            }
        }
    }
}
