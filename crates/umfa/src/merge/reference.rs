//! The f64 reference of the merge, written plainly from the formulas of `docs/merge.md`, row by
//! row. It is the ground truth the backends are tested against; its backward is itself checked
//! against finite differences of its forward.

use super::task::MergeDims;

/// One part as f64, contiguous: `out [B,H,S,Dv]`, `lse [B,H,S]` (natural log, -inf = no key).
#[derive(Clone, Debug, PartialEq)]
pub struct RefPart {
    pub out: Vec<f64>,
    pub lse: Vec<f64>,
}

/// One part's gradients, contiguous in the part's shapes, with the size of what cancels in
/// `d_lse` (`w_n·(Σ_c |dO_c|·(|O_n,c| + |O_c|) + |dLSE|)`): a `d_lse` that cancels to nearly
/// zero is judged relative to it.
#[derive(Clone, Debug, PartialEq)]
pub struct RefPartGrads {
    pub d_out: Vec<f64>,
    pub d_lse: Vec<f64>,
    pub d_lse_magnitude: Vec<f64>,
}

/// The weights `w_n = exp(LSE_n − LSE)` of one row and the merged `LSE`; `None` when every
/// part's LSE is -inf (the row saw no key).
fn weights(parts: &[RefPart], row: usize) -> Option<(Vec<f64>, f64)> {
    let max = parts
        .iter()
        .map(|p| p.lse[row])
        .fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return None;
    }
    let sum: f64 = parts.iter().map(|p| (p.lse[row] - max).exp()).sum();
    let lse = max + sum.ln();
    Some((
        parts.iter().map(|p| (p.lse[row] - lse).exp()).collect(),
        lse,
    ))
}

/// The merged row `O = Σ_n w_n O_n`; parts of weight 0 (LSE -inf) are not read.
fn merged_row(parts: &[RefPart], w: &[f64], row: usize, dv: usize) -> Vec<f64> {
    let mut o = vec![0.0; dv];
    for (p, &wn) in parts.iter().zip(w) {
        if wn == 0.0 {
            continue;
        }
        for (oc, x) in o.iter_mut().zip(&p.out[row * dv..(row + 1) * dv]) {
            *oc += wn * x;
        }
    }
    o
}

/// The reference merge: `LSE = log Σ_n exp(LSE_n)`, `O = Σ_n exp(LSE_n − LSE)·O_n`; a row where
/// every part's LSE is -inf gives `O = 0`, `LSE = -inf`.
pub fn merge(dims: &MergeDims, parts: &[RefPart]) -> RefPart {
    let (rows, dv) = (dims.rows(), dims.head_dim);
    let mut out = RefPart {
        out: vec![0.0; rows * dv],
        lse: vec![f64::NEG_INFINITY; rows],
    };
    for row in 0..rows {
        if let Some((w, lse)) = weights(parts, row) {
            out.lse[row] = lse;
            out.out[row * dv..(row + 1) * dv].copy_from_slice(&merged_row(parts, &w, row, dv));
        }
    }
    out
}

/// The reference backward for upstream `d_out [B,H,S,Dv]` and optional `d_lse [B,H,S]`:
/// `dO_n = w_n·dO`, `dLSE_n = w_n·(dO·(O_n − O) + dLSE)`. Rows that saw no key, and parts of
/// weight 0, get zeros.
pub fn merge_backward(
    dims: &MergeDims,
    parts: &[RefPart],
    d_out: &[f64],
    d_lse: Option<&[f64]>,
) -> Vec<RefPartGrads> {
    let (rows, dv) = (dims.rows(), dims.head_dim);
    let mut grads: Vec<RefPartGrads> = parts
        .iter()
        .map(|_| RefPartGrads {
            d_out: vec![0.0; rows * dv],
            d_lse: vec![0.0; rows],
            d_lse_magnitude: vec![0.0; rows],
        })
        .collect();
    for row in 0..rows {
        let Some((w, _)) = weights(parts, row) else {
            continue;
        };
        let o = merged_row(parts, &w, row, dv);
        let g = &d_out[row * dv..(row + 1) * dv];
        let dl = d_lse.map_or(0.0, |d| d[row]);
        for ((p, &wn), gr) in parts.iter().zip(&w).zip(grads.iter_mut()) {
            if wn == 0.0 {
                continue;
            }
            let on = &p.out[row * dv..(row + 1) * dv];
            let dot: f64 = (0..dv).map(|c| g[c] * (on[c] - o[c])).sum();
            let size: f64 = (0..dv)
                .map(|c| g[c].abs() * (on[c].abs() + o[c].abs()))
                .sum();
            for (d, gc) in gr.d_out[row * dv..(row + 1) * dv].iter_mut().zip(g) {
                *d = wn * gc;
            }
            gr.d_lse[row] = wn * (dot + dl);
            gr.d_lse_magnitude[row] = wn * (size + dl.abs());
        }
    }
    grads
}
