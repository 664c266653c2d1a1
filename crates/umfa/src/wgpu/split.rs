//! Problems larger than one storage binding (lavapipe allows 128 MiB, WebGPU's default is the
//! same) run in pieces: whole batches first, then groups of kv heads (with their query heads), so
//! each piece is an ordinary smaller problem over the same memory. dSinks and dBias, which sum
//! over batches and heads, are summed across pieces here.

use super::device::Gpu;
use super::run::{self, SideGradients};
use super::stage::span_bytes;
use crate::error::{Error, Result};
use crate::problem::{BackwardTask, ForwardTask, Problem, View4, View4Mut};

fn offset(v: &View4, b0: usize, h0: usize) -> View4 {
    let elems = b0 as isize * v.strides[0] + h0 as isize * v.strides[1];
    View4 {
        // SAFETY: (b0, h0) lies inside the validated view; broadcast dimensions have stride 0.
        ptr: unsafe { v.ptr.offset(elems * v.dtype.size_bytes() as isize) },
        ..*v
    }
}

fn offset_mut(v: &View4Mut, b0: usize, h0: usize) -> View4Mut {
    let moved = offset(&v.as_view(), b0, h0);
    View4Mut {
        ptr: moved.ptr as *mut u8,
        ..*v
    }
}

/// Batches `b0..b0+nb` and kv heads `hk0..hk0+nhk` of `p`.
fn piece(p: &Problem, b0: usize, nb: usize, hk0: usize, nhk: usize) -> Problem {
    let group = p.dims.group_size();
    let h0 = hk0 * group;
    let mut s = *p;
    s.dims.batch = nb;
    s.dims.heads_kv = nhk;
    s.dims.heads_q = nhk * group;
    s.q = offset(&p.q, b0, h0);
    s.k = offset(&p.k, b0, hk0);
    s.v = offset(&p.v, b0, hk0);
    if let Some(m) = &mut s.mask {
        m.view = offset(&m.view, b0, h0);
        if m.shape[0] != 1 {
            m.shape[0] = nb;
        }
        if m.shape[1] != 1 {
            m.shape[1] = nhk * group;
        }
    }
    if let Some(bm) = &mut s.block_mask {
        bm.view = offset(&bm.view, b0, h0);
    }
    s.alibi = p.alibi.map(|a| offset(&a, b0, h0));
    s.sinks = p.sinks.map(|a| offset(&a, 0, h0));
    s
}

/// The largest binding a piece needs: its staged inputs and its f32 results.
fn largest_binding(p: &Problem, backward: bool) -> u64 {
    let d = p.dims;
    let rows = (d.batch * d.heads_q * d.seq_q) as u64;
    let keys = (d.batch * d.heads_kv * d.seq_kv) as u64;
    let mut sizes = vec![
        span_bytes(&p.q, [d.batch, d.heads_q, d.seq_q, d.head_dim]),
        span_bytes(&p.k, [d.batch, d.heads_kv, d.seq_kv, d.head_dim]),
        span_bytes(&p.v, [d.batch, d.heads_kv, d.seq_kv, d.head_dim_v]),
        4 * rows * (d.head_dim_v as u64 + 1),
    ];
    if let Some(m) = &p.mask {
        sizes.push(span_bytes(&m.view, m.shape));
        sizes.push(4 * m.shape.iter().product::<usize>() as u64);
    }
    if let Some(bm) = &p.block_mask {
        let shape = [
            d.batch,
            d.heads_q,
            d.seq_q.div_ceil(bm.block_q),
            d.seq_kv.div_ceil(bm.block_k),
        ];
        sizes.push(span_bytes(&bm.view, shape));
    }
    if backward {
        // dO and O are at most f32 views of O's shape; dQ, dK + dV and the row statistics.
        sizes.push(4 * rows * d.head_dim_v as u64);
        sizes.push(4 * rows * d.head_dim as u64);
        sizes.push(4 * keys * (d.head_dim + d.head_dim_v) as u64);
        sizes.push(8 * rows);
    }
    sizes.into_iter().max().unwrap_or(0)
}

/// How many batches and kv heads one piece may hold.
fn piece_shape(gpu: &Gpu, p: &Problem, backward: bool) -> Result<(usize, usize)> {
    let (mut nb, mut nhk) = (p.dims.batch, p.dims.heads_kv);
    loop {
        let need = largest_binding(&piece(p, 0, nb, 0, nhk), backward);
        if need <= gpu.max_binding() {
            return Ok((nb, nhk));
        }
        if nb > 1 {
            nb = nb.div_ceil(2);
        } else if nhk > 1 {
            nhk = nhk.div_ceil(2);
        } else {
            return Err(Error::Unsupported {
                backend: "wgpu",
                reason: format!(
                    "one (batch, kv head) of this problem needs a {need}-byte binding but the \
                     adapter allows {} bytes; splitting along the sequence is not implemented yet",
                    gpu.max_binding()
                ),
            });
        }
    }
}

/// Every piece: (b0, nb, hk0, nhk).
fn pieces(p: &Problem, nb: usize, nhk: usize) -> Vec<(usize, usize, usize, usize)> {
    let mut v = Vec::new();
    for b0 in (0..p.dims.batch).step_by(nb) {
        for hk0 in (0..p.dims.heads_kv).step_by(nhk) {
            v.push((
                b0,
                nb.min(p.dims.batch - b0),
                hk0,
                nhk.min(p.dims.heads_kv - hk0),
            ));
        }
    }
    v
}

pub fn forward(gpu: &Gpu, task: &ForwardTask) -> Result<()> {
    let p = &task.problem;
    let (nb, nhk) = piece_shape(gpu, p, false)?;
    let group = p.dims.group_size();
    for (b0, nb, hk0, nhk) in pieces(p, nb, nhk) {
        let h0 = hk0 * group;
        let sub = ForwardTask {
            problem: piece(p, b0, nb, hk0, nhk),
            out: offset_mut(&task.out, b0, h0),
            lse: task.lse.map(|l| offset_mut(&l, b0, h0)),
        };
        run::forward(gpu, &sub)?;
    }
    Ok(())
}

pub fn backward(gpu: &Gpu, task: &BackwardTask) -> Result<()> {
    let p = &task.problem;
    let (nb, nhk) = piece_shape(gpu, p, true)?;
    let group = p.dims.group_size();
    let full_mask = p.mask.map_or([1; 4], |m| m.shape);
    let mut d_sinks = vec![0.0f64; p.dims.heads_q];
    let mut d_bias = vec![0.0f64; full_mask.iter().product()];
    for (b0, nb, hk0, nhk) in pieces(p, nb, nhk) {
        let h0 = hk0 * group;
        let problem = piece(p, b0, nb, hk0, nhk);
        let sub = BackwardTask {
            problem,
            out: offset(&task.out, b0, h0),
            d_out: offset(&task.d_out, b0, h0),
            lse: offset(&task.lse, b0, h0),
            d_lse: task.d_lse.map(|g| offset(&g, b0, h0)),
            dq: offset_mut(&task.dq, b0, h0),
            dk: offset_mut(&task.dk, b0, hk0),
            dv: offset_mut(&task.dv, b0, hk0),
            // Only asked for here; `run::backward` returns them and they are summed below.
            d_sinks: task.d_sinks,
            d_bias: task.d_bias,
        };
        let SideGradients {
            d_sinks: ds,
            d_bias: db,
        } = run::backward(gpu, &sub)?;
        if let Some(ds) = ds {
            for (h, g) in ds.into_iter().enumerate() {
                d_sinks[h0 + h] += g;
            }
        }
        if let Some(db) = db {
            let shape = problem.mask.map_or([1; 4], |m| m.shape);
            let mut n = 0;
            for b in 0..shape[0] {
                for h in 0..shape[1] {
                    for ij in 0..shape[2] * shape[3] {
                        // A broadcast dimension of the mask sums every piece into index 0.
                        let fb = if full_mask[0] == 1 { 0 } else { b0 + b };
                        let fh = if full_mask[1] == 1 { 0 } else { h0 + h };
                        d_bias[(fb * full_mask[1] + fh) * shape[2] * shape[3] + ij] += db[n];
                        n += 1;
                    }
                }
            }
        }
    }
    if let Some(ds) = &task.d_sinks {
        for (h, g) in d_sinks.iter().enumerate() {
            ds.set(0, h, 0, 0, *g as f32);
        }
    }
    if let Some(db) = &task.d_bias {
        let values: Vec<f32> = d_bias.iter().map(|&x| x as f32).collect();
        super::stage::scatter(&values, db, full_mask);
    }
    Ok(())
}
