//! The f64 reference: attention written plainly from SPEC.md, row by row, with no tiling and no
//! cleverness. It is the ground truth every backend is tested against. It reads masks where they
//! lie and allocates only O(B·H·S·D).

use crate::params::MaskKind;
use crate::problem::{Dims, Problem, View4};

/// The inputs as f64, in canonical contiguous layouts: Q `[B,Hq,Sq,D]`, K `[B,Hkv,Sk,D]`,
/// V `[B,Hkv,Sk,Dv]`, sinks `[Hq]`, and an additive mask in its own (4-D right-aligned) shape.
#[derive(Clone, Debug)]
pub struct RefValues {
    pub q: Vec<f64>,
    pub k: Vec<f64>,
    pub v: Vec<f64>,
    pub sinks: Option<Vec<f64>>,
    pub bias: Option<Vec<f64>>,
}

/// The reference forward result: O `[B,Hq,Sq,Dv]` and LSE `[B,Hq,Sq]`, contiguous.
#[derive(Clone, Debug)]
pub struct RefForward {
    pub out: Vec<f64>,
    pub lse: Vec<f64>,
}

/// The reference gradients, contiguous in the shapes of their inputs. `d_bias` has the additive
/// mask's own shape (right-aligned to 4-D).
#[derive(Clone, Debug)]
pub struct RefGradients {
    pub dq: Vec<f64>,
    pub dk: Vec<f64>,
    pub dv: Vec<f64>,
    pub d_sinks: Option<Vec<f64>>,
    pub d_bias: Option<Vec<f64>>,
    /// The same gradients summed over the absolute values of their terms
    /// (`|P|·(|dP| + rowsum|dO∘O| + |dLSE|)` in place of `dS`, `|dO|` in place of `dO`): the size of what
    /// cancels. A gradient that cancels to nearly zero is judged relative to this.
    pub magnitude: Option<Box<RefGradients>>,
}

fn gather(view: &View4, shape: [usize; 4]) -> Vec<f64> {
    let mut out = Vec::with_capacity(shape.iter().product());
    for b in 0..shape[0] {
        for h in 0..shape[1] {
            for r in 0..shape[2] {
                for c in 0..shape[3] {
                    out.push(view.get(b, h, r, c) as f64);
                }
            }
        }
    }
    out
}

impl RefValues {
    /// Reads a validated host problem's inputs into f64.
    pub fn gather(p: &Problem) -> RefValues {
        let d = p.dims;
        let bias = p.mask.filter(|m| m.kind == MaskKind::Additive).map(|m| {
            let mut view = m.view;
            for (s, n) in view.strides.iter_mut().zip(m.shape) {
                if n == 1 {
                    *s = 0;
                }
            }
            gather(&view, m.shape)
        });
        RefValues {
            q: gather(&p.q, [d.batch, d.heads_q, d.seq_q, d.head_dim]),
            k: gather(&p.k, [d.batch, d.heads_kv, d.seq_kv, d.head_dim]),
            v: gather(&p.v, [d.batch, d.heads_kv, d.seq_kv, d.head_dim_v]),
            sinks: p
                .sinks
                .map(|s| (0..d.heads_q).map(|h| s.get(0, h, 0, 0) as f64).collect()),
            bias,
        }
    }
}

/// Row-major offsets into the canonical layouts.
struct Index {
    d: Dims,
}

impl Index {
    fn q(&self, b: usize, h: usize, i: usize) -> usize {
        ((b * self.d.heads_q + h) * self.d.seq_q + i) * self.d.head_dim
    }
    fn k(&self, b: usize, hk: usize, j: usize) -> usize {
        ((b * self.d.heads_kv + hk) * self.d.seq_kv + j) * self.d.head_dim
    }
    fn v(&self, b: usize, hk: usize, j: usize) -> usize {
        ((b * self.d.heads_kv + hk) * self.d.seq_kv + j) * self.d.head_dim_v
    }
    fn o(&self, b: usize, h: usize, i: usize) -> usize {
        ((b * self.d.heads_q + h) * self.d.seq_q + i) * self.d.head_dim_v
    }
    fn row(&self, b: usize, h: usize, i: usize) -> usize {
        (b * self.d.heads_q + h) * self.d.seq_q + i
    }
}

/// Offset of score (b, h, i, j) in a bias of right-aligned 4-D `shape` (broadcast dims → 0).
fn bias_index(shape: [usize; 4], b: usize, h: usize, i: usize, j: usize) -> usize {
    let pick = |x: usize, n: usize| if n == 1 { 0 } else { x };
    ((pick(b, shape[0]) * shape[1] + pick(h, shape[1])) * shape[2] + pick(i, shape[2])) * shape[3]
        + pick(j, shape[3])
}

/// One score before softmax, with what the backward pass needs: `(s, d s / d raw)`.
fn score(
    p: &Problem,
    x: &RefValues,
    ix: &Index,
    b: usize,
    h: usize,
    i: usize,
    j: usize,
) -> (f64, f64) {
    let d = p.dims;
    let (qo, ko) = (ix.q(b, h, i), ix.k(b, d.kv_head_of(h), j));
    let dot: f64 = (0..d.head_dim).map(|c| x.q[qo + c] * x.k[ko + c]).sum();
    let raw = p.scale as f64 * dot;
    let (mut s, mut ds_draw) = (raw, 1.0);
    if let Some(cap) = p.softcap {
        let t = (raw / cap as f64).tanh();
        s = cap as f64 * t;
        ds_draw = 1.0 - t * t;
    }
    if let Some(a) = &p.alibi {
        let slope = a.get(b, h, 0, 0) as f64;
        s -= slope * (j as f64 - (i as f64 + p.diagonal_offset() as f64)).abs();
    }
    if let (Some(bias), Some(m)) = (&x.bias, &p.mask) {
        s += bias[bias_index(m.shape, b, h, i, j)];
    }
    (s, ds_draw)
}

/// The probabilities of one query row: `(visible (j, p_j, ds/draw), p_sink, lse)`.
fn row_softmax(
    p: &Problem,
    x: &RefValues,
    ix: &Index,
    b: usize,
    h: usize,
    i: usize,
) -> (Vec<(usize, f64, f64)>, f64, f64) {
    let scores: Vec<(usize, f64, f64)> = (0..p.dims.seq_kv)
        .filter(|&j| p.visible(b, h, i, j))
        .map(|j| {
            let (s, g) = score(p, x, ix, b, h, i, j);
            (j, s, g)
        })
        .collect();
    let sink = x.sinks.as_ref().map(|s| s[h]);
    let max = scores
        .iter()
        .map(|t| t.1)
        .chain(sink)
        .fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return (Vec::new(), 0.0, f64::NEG_INFINITY);
    }
    let denom: f64 = scores.iter().map(|t| (t.1 - max).exp()).sum::<f64>()
        + sink.map_or(0.0, |s| (s - max).exp());
    let lse = max + denom.ln();
    let probs = scores
        .into_iter()
        .map(|(j, s, g)| (j, (s - lse).exp(), g))
        .collect();
    (probs, sink.map_or(0.0, |s| (s - lse).exp()), lse)
}

/// The reference forward on a validated host problem.
pub fn forward(p: &Problem) -> RefForward {
    forward_with(p, &RefValues::gather(p))
}

/// The reference forward on given f64 values (finite-difference tests perturb them).
pub fn forward_with(p: &Problem, x: &RefValues) -> RefForward {
    let d = p.dims;
    let ix = Index { d };
    let mut out = vec![0.0; d.batch * d.heads_q * d.seq_q * d.head_dim_v];
    let mut lse = vec![0.0; d.batch * d.heads_q * d.seq_q];
    for b in 0..d.batch {
        for h in 0..d.heads_q {
            let hk = d.kv_head_of(h);
            for i in 0..d.seq_q {
                let (probs, _, l) = row_softmax(p, x, &ix, b, h, i);
                lse[ix.row(b, h, i)] = l;
                let o = ix.o(b, h, i);
                for (j, pj, _) in probs {
                    let vo = ix.v(b, hk, j);
                    for c in 0..d.head_dim_v {
                        out[o + c] += pj * x.v[vo + c];
                    }
                }
            }
        }
    }
    RefForward { out, lse }
}

/// The reference backward: exact gradients of the f64 forward for upstream gradient `d_out`
/// (canonical `[B,Hq,Sq,Dv]`). O and LSE are recomputed in f64, not taken from a backend.
pub fn backward_with(p: &Problem, x: &RefValues, d_out: &[f64]) -> RefGradients {
    backward_with_d_lse(p, x, d_out, None)
}

/// As [`backward_with`], for a loss that also reads the LSE: `d_lse` (canonical `[B,Hq,Sq]`) is
/// its gradient with respect to the LSE. Since `d LSE_i / d s_ij = P_ij` (and the sink's
/// probability for the sink logit), it joins the row term: `delta − dLSE` replaces `delta`.
pub fn backward_with_d_lse(
    p: &Problem,
    x: &RefValues,
    d_out: &[f64],
    d_lse: Option<&[f64]>,
) -> RefGradients {
    let (mut exact, magnitude) = backward_terms(p, x, d_out, d_lse);
    exact.magnitude = Some(Box::new(magnitude));
    exact
}

/// Accumulates the exact gradients and their term magnitudes in one sweep.
fn backward_terms(
    p: &Problem,
    x: &RefValues,
    d_out: &[f64],
    d_lse: Option<&[f64]>,
) -> (RefGradients, RefGradients) {
    let d = p.dims;
    let ix = Index { d };
    let zeros = |n: usize| vec![0.0; n];
    let empty = || RefGradients {
        dq: zeros(x.q.len()),
        dk: zeros(x.k.len()),
        dv: zeros(x.v.len()),
        d_sinks: x.sinks.as_ref().map(|_| zeros(d.heads_q)),
        d_bias: x.bias.as_ref().map(|bias| zeros(bias.len())),
        magnitude: None,
    };
    let (mut g, mut m) = (empty(), empty());
    for b in 0..d.batch {
        for h in 0..d.heads_q {
            let hk = d.kv_head_of(h);
            for i in 0..d.seq_q {
                let (probs, p_sink, lse) = row_softmax(p, x, &ix, b, h, i);
                let (qo, oo) = (ix.q(b, h, i), ix.o(b, h, i));
                let mut o = vec![0.0; d.head_dim_v];
                for &(j, pj, _) in &probs {
                    let vo = ix.v(b, hk, j);
                    for (oc, vc) in o.iter_mut().zip(&x.v[vo..vo + d.head_dim_v]) {
                        *oc += pj * vc;
                    }
                }
                // A fully masked row (LSE = −inf) has no probabilities: its dLSE, whatever it
                // holds, reaches nothing.
                let g_lse = match d_lse {
                    Some(g) if lse.is_finite() => g[ix.row(b, h, i)],
                    _ => 0.0,
                };
                let delta: f64 =
                    (0..d.head_dim_v).map(|c| d_out[oo + c] * o[c]).sum::<f64>() - g_lse;
                let delta_abs: f64 = (0..d.head_dim_v)
                    .map(|c| (d_out[oo + c] * o[c]).abs())
                    .sum::<f64>()
                    + g_lse.abs();
                if let (Some(ds), Some(ms)) = (&mut g.d_sinks, &mut m.d_sinks) {
                    ds[h] -= p_sink * delta;
                    ms[h] += p_sink * delta_abs;
                }
                for &(j, pj, ds_draw) in &probs {
                    let (ko, vo) = (ix.k(b, hk, j), ix.v(b, hk, j));
                    let dp: f64 = (0..d.head_dim_v).map(|c| d_out[oo + c] * x.v[vo + c]).sum();
                    let ds = pj * (dp - delta);
                    let ds_abs = pj * (dp.abs() + delta_abs);
                    for c in 0..d.head_dim_v {
                        g.dv[vo + c] += pj * d_out[oo + c];
                        m.dv[vo + c] += pj * d_out[oo + c].abs();
                    }
                    if let (Some(db), Some(mb), Some(mask)) =
                        (&mut g.d_bias, &mut m.d_bias, &p.mask)
                    {
                        let at = bias_index(mask.shape, b, h, i, j);
                        db[at] += ds;
                        mb[at] += ds_abs;
                    }
                    let gs = ds * ds_draw * p.scale as f64;
                    let gs_abs = (ds_abs * ds_draw * p.scale as f64).abs();
                    for c in 0..d.head_dim {
                        g.dq[qo + c] += gs * x.k[ko + c];
                        g.dk[ko + c] += gs * x.q[qo + c];
                        m.dq[qo + c] += gs_abs * x.k[ko + c].abs();
                        m.dk[ko + c] += gs_abs * x.q[qo + c].abs();
                    }
                }
            }
        }
    }
    (g, m)
}

/// The reference backward on a validated host problem with upstream gradients `d_out` and,
/// optionally, `d_lse` (`[b, h, i, 0]`, as `BackwardTask::d_lse`).
pub fn backward(p: &Problem, d_out: &View4, d_lse: Option<&View4>) -> RefGradients {
    let d = p.dims;
    let g = gather(d_out, [d.batch, d.heads_q, d.seq_q, d.head_dim_v]);
    let g_lse = d_lse.map(|v| gather(v, [d.batch, d.heads_q, d.seq_q, 1]));
    backward_with_d_lse(p, &RefValues::gather(p), &g, g_lse.as_deref())
}
