//! The merge on the host: one row (`b, h, s`) at a time, rows spread over rayon's threads in
//! chunks. Rows are read into f32 scratch (contiguous rows convert as slices, which the
//! compiler vectorises) and combined in f32; the work is memory-bound, so nothing more clever
//! pays.

use super::task::{MergeBackwardTask, MergeTask};
use crate::cpu::pack::read_row;
use crate::cpu::parallel::for_each_task;
use crate::dtype::DType;
use crate::problem::View4Mut;
use half::slice::HalfFloatSliceExt;

/// Rows per parallel task: enough to amortise scheduling, few enough to balance small calls.
const ROWS_PER_TASK: usize = 32;

/// Per-thread scratch: one row of `O` being read, one accumulating, and per-part values.
struct Scratch {
    row: Vec<f32>,
    acc: Vec<f32>,
    per_part: Vec<f32>,
}

impl Scratch {
    fn new(head_dim: usize, parts: usize) -> Scratch {
        Scratch {
            row: vec![0.0; head_dim],
            acc: vec![0.0; head_dim],
            per_part: vec![0.0; parts],
        }
    }
}

/// Writes `src` (f32) into row `(b, h, s)` of `view`, rounded to its dtype.
fn write_row(view: &View4Mut, b: usize, h: usize, s: usize, src: &[f32]) {
    let base = view.offset(b, h, s, 0);
    let cols = src.len();
    // SAFETY (each contiguous arm): validation proved the row lies inside the buffer, and no
    // other thread writes this row.
    match view.dtype {
        DType::F32 if view.strides[3] == 1 || cols == 1 => unsafe {
            std::slice::from_raw_parts_mut((view.ptr as *mut f32).offset(base), cols)
                .copy_from_slice(src)
        },
        DType::BF16 if view.strides[3] == 1 || cols == 1 => unsafe {
            std::slice::from_raw_parts_mut((view.ptr as *mut half::bf16).offset(base), cols)
                .convert_from_f32_slice(src)
        },
        DType::F16 if view.strides[3] == 1 || cols == 1 => unsafe {
            std::slice::from_raw_parts_mut((view.ptr as *mut half::f16).offset(base), cols)
                .convert_from_f32_slice(src)
        },
        _ => {
            for (c, &x) in src.iter().enumerate() {
                view.set(b, h, s, c, x);
            }
        }
    }
}

/// Reads the parts' LSEs of row `(b, h, s)` into `lse` and turns them into the weights
/// `w_n = exp(LSE_n − LSE)`, returning the merged `LSE`, or `None` when every part's LSE is
/// -inf. Max-subtracted: no `exp` overflows. A NaN LSE makes the row NaN (it is not skipped).
fn weights(
    parts: &[super::MergePartView],
    b: usize,
    h: usize,
    s: usize,
    w: &mut [f32],
) -> Option<f32> {
    let mut max = f32::NEG_INFINITY;
    for (p, wn) in parts.iter().zip(w.iter_mut()) {
        *wn = p.lse.get(b, h, s, 0);
        if *wn > max {
            max = *wn;
        }
    }
    if max == f32::NEG_INFINITY && w.iter().all(|&l| l == f32::NEG_INFINITY) {
        return None;
    }
    let mut sum = 0.0f32;
    for wn in w.iter_mut() {
        // exp(-inf) is 0 already; the explicit case keeps -inf − (-inf) out of a NaN row.
        *wn = if *wn == f32::NEG_INFINITY {
            0.0
        } else {
            (*wn - max).exp()
        };
        sum += *wn;
    }
    let inv = 1.0 / sum;
    for wn in w.iter_mut() {
        *wn *= inv;
    }
    Some(max + sum.ln())
}

fn merge_row(task: &MergeTask, scr: &mut Scratch, r: usize) {
    let d = task.dims;
    let (b, h, s) = d.row_index(r);
    let dv = d.head_dim;
    // Every LSE of the row is read before anything is written: `merge_into` overwrites
    // parts[0] in place.
    let lse = weights(&task.parts, b, h, s, &mut scr.per_part);
    scr.acc.fill(0.0);
    if lse.is_some() {
        for (p, &w) in task.parts.iter().zip(&scr.per_part) {
            // A part of weight 0 saw no key (or is negligible); it is not read, so its `O`
            // may hold anything (an uninitialised accumulator, say).
            if w == 0.0 {
                continue;
            }
            read_row(&p.out, b, h, s, dv, &mut scr.row);
            for (a, &x) in scr.acc.iter_mut().zip(&scr.row) {
                *a += w * x;
            }
        }
    }
    write_row(&task.out, b, h, s, &scr.acc);
    if let Some(l) = &task.lse {
        l.set(b, h, s, 0, lse.unwrap_or(f32::NEG_INFINITY));
    }
}

/// Runs a validated host merge.
pub(crate) fn merge(task: &MergeTask) {
    let d = task.dims;
    let rows = d.rows();
    let bytes = rows * d.head_dim * (task.parts.len() + 1) * 4;
    for_each_task(
        rows.div_ceil(ROWS_PER_TASK),
        bytes as f64,
        || Scratch::new(d.head_dim, task.parts.len()),
        |scr, t| {
            for r in t * ROWS_PER_TASK..rows.min((t + 1) * ROWS_PER_TASK) {
                merge_row(task, scr, r);
            }
        },
    );
}

/// Per-thread scratch of the backward: `dO` of the row and, per part, `dO·O_n`.
struct BackwardScratch {
    merge: Scratch,
    d_out: Vec<f32>,
    dots: Vec<f32>,
}

fn backward_row(task: &MergeBackwardTask, scr: &mut BackwardScratch, r: usize) {
    let d = task.dims;
    let (b, h, s) = d.row_index(r);
    let dv = d.head_dim;
    let w = &mut scr.merge.per_part;
    let seen = weights(&task.parts, b, h, s, w).is_some();
    read_row(&task.d_out, b, h, s, dv, &mut scr.d_out);
    let d_lse = task.d_lse.map_or(0.0, |v| v.get(b, h, s, 0));
    // dO·O = Σ_m w_m (dO·O_m): the merged O is never read.
    let mut delta = 0.0f32;
    for ((p, &wn), dot) in task.parts.iter().zip(w.iter()).zip(scr.dots.iter_mut()) {
        *dot = 0.0;
        if wn == 0.0 {
            continue;
        }
        read_row(&p.out, b, h, s, dv, &mut scr.merge.row);
        *dot = scr
            .merge
            .row
            .iter()
            .zip(&scr.d_out)
            .map(|(o, g)| o * g)
            .sum();
        delta += wn * *dot;
    }
    for ((g, &wn), &dot) in task.grads.iter().zip(w.iter()).zip(&scr.dots) {
        // Rows that saw no key, and parts of weight 0, get zeros.
        let wn = if seen { wn } else { 0.0 };
        if let Some(view) = &g.d_out {
            for (a, &x) in scr.merge.acc.iter_mut().zip(&scr.d_out) {
                *a = wn * x;
            }
            write_row(view, b, h, s, &scr.merge.acc);
        }
        if let Some(view) = &g.d_lse {
            let x = if wn == 0.0 {
                0.0
            } else {
                wn * (dot - delta + d_lse)
            };
            view.set(b, h, s, 0, x);
        }
    }
}

/// Runs a validated host backward merge.
pub(crate) fn merge_backward(task: &MergeBackwardTask) {
    let d = task.dims;
    let rows = d.rows();
    let n = task.parts.len();
    let bytes = rows * d.head_dim * (2 * n + 1) * 4;
    for_each_task(
        rows.div_ceil(ROWS_PER_TASK),
        bytes as f64,
        || BackwardScratch {
            merge: Scratch::new(d.head_dim, n),
            d_out: vec![0.0; d.head_dim],
            dots: vec![0.0; n],
        },
        |scr, t| {
            for r in t * ROWS_PER_TASK..rows.min((t + 1) * ROWS_PER_TASK) {
                backward_row(task, scr, r);
            }
        },
    );
}
