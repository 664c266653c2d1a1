//! Turning a tile of raw scores `scale·Q·Kᵀ` into the logits of SPEC.md: softcap, ALiBi, additive
//! mask, visibility. Shared by the forward and both backward passes so they agree exactly.

use super::simd::Simd;
use crate::dtype::{load_f32, DType};
use crate::params::{BlockClass, MaskKind};
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
    if class == TileClass::Partial {
        for r in 0..at.rows {
            apply_visibility(p, at, r, s.add(r * at.ld));
        }
    }
    if has_additive_terms(p) {
        for r in 0..at.rows {
            add_bias_row(p, at, r, s.add(r * at.ld));
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

/// Sets the invisible logits of row `r` of a partial tile to -inf, a run of keys at a time: the
/// band cuts the row to one range, block-mask blocks split it into runs, and the boolean mask is
/// read only inside runs that need it.
unsafe fn apply_visibility(p: &Problem, at: TileAt, r: usize, row: *mut f32) {
    let i = at.i0 + r;
    let row = std::slice::from_raw_parts_mut(row, at.keys);
    let (start, end) = p.band.keys_of_row(i, p.dims.seq_kv);
    let lo = start.clamp(at.j0, at.j0 + at.keys) - at.j0;
    let hi = end.clamp(at.j0 + lo, at.j0 + at.keys) - at.j0;
    row[..lo].fill(f32::NEG_INFINITY);
    row[hi..].fill(f32::NEG_INFINITY);
    let bool_mask = p.mask.filter(|m| m.kind == MaskKind::Bool);
    let mut j = lo;
    while j < hi {
        // The run of keys sharing one block-mask block (or the whole range without one).
        let (run_end, read_mask) = match &p.block_mask {
            Some(bm) => {
                let kb = (at.j0 + j) / bm.block_k;
                let run_end = ((kb + 1) * bm.block_k - at.j0).min(hi);
                match bm.class(at.b, at.h, i / bm.block_q, kb) {
                    BlockClass::Empty => {
                        row[j..run_end].fill(f32::NEG_INFINITY);
                        j = run_end;
                        continue;
                    }
                    BlockClass::Full => (run_end, false),
                    BlockClass::Partial => (run_end, true),
                }
            }
            None => (hi, true),
        };
        if let (Some(m), true) = (&bool_mask, read_mask) {
            let v = &m.view;
            let base = v.offset(at.b, at.h, i, at.j0);
            for (n, x) in row[j..run_end].iter_mut().enumerate() {
                let off = base + (j + n) as isize * v.strides[3];
                if load_f32(v.ptr, v.dtype, off) == 0.0 {
                    *x = f32::NEG_INFINITY;
                }
            }
        }
        j = run_end;
    }
}

/// Adds ALiBi and the additive mask to row `r` of a tile.
unsafe fn add_bias_row(p: &Problem, at: TileAt, r: usize, row: *mut f32) {
    let i = at.i0 + r;
    let row = std::slice::from_raw_parts_mut(row, at.keys);
    if let Some(a) = &p.alibi {
        let slope = a.get(at.b, at.h, 0, 0);
        let diagonal = i as i64 + p.diagonal_offset() - at.j0 as i64;
        for (j, x) in row.iter_mut().enumerate() {
            *x -= slope * (j as i64 - diagonal).abs() as f32;
        }
    }
    if let Some(m) = p.mask.filter(|m| m.kind == MaskKind::Additive) {
        let v = &m.view;
        let (base, step) = (v.offset(at.b, at.h, i, at.j0), v.strides[3]);
        match v.dtype {
            DType::F32 if step == 1 => {
                let bias = std::slice::from_raw_parts((v.ptr as *const f32).offset(base), at.keys);
                for (x, b) in row.iter_mut().zip(bias) {
                    *x += b;
                }
            }
            dtype => {
                for (j, x) in row.iter_mut().enumerate() {
                    *x += load_f32(v.ptr, dtype, base + j as isize * step);
                }
            }
        }
    }
}
