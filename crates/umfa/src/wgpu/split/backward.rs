//! The backward in pieces: gradients summed over the pieces that share them.

use super::accumulate::{each, Scratch, Sum};
use super::plan::{blocks, chunk_shape, ranges};
use super::{offset, offset_mut, sub_problem, Piece};
use crate::error::Result;
use crate::problem::{BackwardTask, View4Mut};
use crate::wgpu_backend::backward::{self, SideGradients};
use crate::wgpu_backend::device::Gpu;

pub fn backward(gpu: &Gpu, task: &BackwardTask) -> Result<()> {
    let p = &task.problem;
    let n = chunk_shape(gpu.max_binding(), p, Some(task))?;
    let mut d_sinks = vec![0.0f64; p.dims.heads_q];
    if let Some(db) = &task.d_bias {
        // Pieces add into it (see `add_d_bias`).
        each(p.mask.map_or([1; 4], |m| m.shape), |b, h, i, j| {
            db.set(b, h, i, j, 0.0)
        });
    }
    for (block, heads) in blocks(p, n) {
        backward_block(gpu, task, &block, &heads, [n[2], n[3]], &mut d_sinks)?;
    }
    if let Some(ds) = &task.d_sinks {
        for (h, g) in d_sinks.iter().enumerate() {
            ds.set(0, h, 0, 0, *g as f32);
        }
    }
    Ok(())
}

/// dQ of a block summed over its key blocks, and dK/dV of one key block summed over its pieces
/// of rows and query heads; `None` where there is one part only, written to the caller's view
/// directly.
struct Sums {
    dq: Option<Sum>,
    dkdv: Option<(Sum, Sum)>,
}

/// The backward of `block` (every row and key of some batches and kv heads) in pieces of the
/// query heads `heads`, `ni` rows and `nj` keys: key blocks outside, so that dK and dV of one
/// key block are complete after its pieces.
fn backward_block(
    gpu: &Gpu,
    task: &BackwardTask,
    block: &Piece,
    heads: &[Piece],
    [ni, nj]: [usize; 2],
    d_sinks: &mut [f64],
) -> Result<()> {
    let p = &task.problem;
    let d = p.dims;
    let (row_blocks, key_blocks) = (ranges(d.seq_q, ni), ranges(d.seq_kv, nj));
    let dq_shape = [block.nb, block.nh, d.seq_q, d.head_dim];
    let mut sums = Sums {
        dq: (key_blocks.len() > 1).then(|| Sum::zeros(dq_shape)),
        dkdv: None,
    };
    let (hk0, nhk) = (block.hk0(p), block.nhk(p));
    for &(j0, nj) in &key_blocks {
        let kv = |dim| [block.nb, nhk, nj, dim];
        sums.dkdv = (heads.len() * row_blocks.len() > 1)
            .then(|| (Sum::zeros(kv(d.head_dim)), Sum::zeros(kv(d.head_dim_v))));
        for heads in heads {
            for &(i0, ni) in &row_blocks {
                let pc = Piece {
                    i0,
                    ni,
                    j0,
                    nj,
                    ..*heads
                };
                backward_piece(gpu, task, &pc, block.h0, &mut sums, d_sinks)?;
            }
        }
        if let Some((dk, dv)) = &sums.dkdv {
            let at = [block.b0, hk0, j0, 0];
            dk.write(&offset_mut(&task.dk, at));
            dv.write(&offset_mut(&task.dv, at));
        }
    }
    if let Some(dq) = &sums.dq {
        dq.write(&offset_mut(&task.dq, [block.b0, block.h0, 0, 0]));
    }
    Ok(())
}

/// Where a piece's gradient goes: host scratch when it is summed, else the caller's view.
fn target(scratch: &mut Option<Scratch>, whole: &View4Mut, at: [usize; 4]) -> View4Mut {
    match scratch {
        Some(s) => s.view(),
        None => offset_mut(whole, at),
    }
}

/// One piece's backward, its gradients written or added to `sums` (whose dQ starts at query
/// head `block_h0`), `d_sinks` and dBias.
fn backward_piece(
    gpu: &Gpu,
    task: &BackwardTask,
    pc: &Piece,
    block_h0: usize,
    sums: &mut Sums,
    d_sinks: &mut [f64],
) -> Result<()> {
    let p = &task.problem;
    let d = p.dims;
    let rows_at = [pc.b0, pc.h0, pc.i0, 0];
    let keys_at = [pc.b0, pc.hk0(p), pc.j0, 0];
    let scratch = |summed: bool, shape| summed.then(|| Scratch::new(shape));
    let mut dq = scratch(sums.dq.is_some(), [pc.nb, pc.nh, pc.ni, d.head_dim]);
    let kv = |dim| [pc.nb, pc.nhk(p), pc.nj, dim];
    let mut dk = scratch(sums.dkdv.is_some(), kv(d.head_dim));
    let mut dv = scratch(sums.dkdv.is_some(), kv(d.head_dim_v));
    let sub = BackwardTask {
        problem: sub_problem(p, pc),
        out: offset(&task.out, rows_at),
        d_out: offset(&task.d_out, rows_at),
        lse: offset(&task.lse, rows_at),
        d_lse: task.d_lse.map(|g| offset(&g, rows_at)),
        dq: target(&mut dq, &task.dq, rows_at),
        dk: target(&mut dk, &task.dk, keys_at),
        dv: target(&mut dv, &task.dv, keys_at),
        // dSinks sums over rows, each once: from the first key block only. Both are only asked
        // for here; `backward::backward` returns them.
        d_sinks: task.d_sinks.filter(|_| pc.j0 == 0),
        d_bias: task.d_bias,
    };
    let SideGradients {
        d_sinks: ds,
        d_bias: db,
    } = backward::backward(gpu, &sub, pc.diag(p))?;
    if let (Some(sum), Some(part)) = (&mut sums.dq, &dq) {
        sum.add(part, [0, pc.h0 - block_h0, pc.i0, 0]);
    }
    if let (Some((sk, sv)), Some(k), Some(v)) = (&mut sums.dkdv, &dk, &dv) {
        sk.add(k, [0; 4]);
        sv.add(v, [0; 4]);
    }
    for (h, g) in ds.into_iter().flatten().enumerate() {
        d_sinks[pc.h0 + h] += g;
    }
    if let (Some(view), Some(values), Some(m)) = (&task.d_bias, db, &sub.problem.mask) {
        let at = [pc.b0, pc.h0, pc.i0, pc.j0];
        add_d_bias(&offset_mut(view, at), m.shape, &values);
    }
    Ok(())
}

/// Adds a piece's dBias (row-major over `shape`, the piece's mask shape) into the caller's f32
/// view at the piece's place: a dimension the mask broadcasts has stride 0 there, so the pieces
/// along it sum into its one element.
fn add_d_bias(dst: &View4Mut, shape: [usize; 4], values: &[f64]) {
    let mut x = values.iter();
    each(shape, |b, h, i, j| {
        let sum = dst.as_view().get(b, h, i, j) as f64 + x.next().unwrap_or(&0.0);
        dst.set(b, h, i, j, sum as f32);
    });
}
