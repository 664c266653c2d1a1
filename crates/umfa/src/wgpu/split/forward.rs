//! The forward in pieces: each piece's rows directly, or its key blocks merged by LSE.

use super::accumulate::Scratch;
use super::plan::{blocks, chunk_shape, ranges};
use super::{offset_mut, sub_problem, Piece};
use crate::error::Result;
use crate::merge::{merge_into, MergePart};
use crate::problem::ForwardTask;
use crate::wgpu_backend::device::Gpu;
use crate::wgpu_backend::run;
use crate::wgpu_backend::stage::scatter;

pub fn forward(gpu: &Gpu, task: &ForwardTask) -> Result<()> {
    let p = &task.problem;
    let n = chunk_shape(gpu.max_binding(), p, None)?;
    for (_, heads) in blocks(p, n) {
        for heads in heads {
            for (i0, ni) in ranges(p.dims.seq_q, n[2]) {
                let rows = Piece { i0, ni, ..heads };
                if n[3] < p.dims.seq_kv {
                    forward_merged(gpu, task, &rows, n[3])?;
                } else {
                    let at = [rows.b0, rows.h0, i0, 0];
                    let sub = ForwardTask {
                        problem: sub_problem(p, &rows),
                        out: offset_mut(&task.out, at),
                        lse: task.lse.map(|l| offset_mut(&l, at)),
                    };
                    run::forward(gpu, &sub, rows.diag(p))?;
                }
            }
        }
    }
    Ok(())
}

/// The piece `rows` (every key) against its keys in blocks of `nj`: each block's (O, LSE)
/// without the sinks, merged by LSE into an f32 accumulator that starts as the sinks alone
/// (O = 0, LSE = sink, or -inf without sinks). The blocks' results are f32, so they run on the
/// portable family (the matrix family writes f16/bf16 outputs only).
fn forward_merged(gpu: &Gpu, task: &ForwardTask, rows: &Piece, nj: usize) -> Result<()> {
    let p = &task.problem;
    let o_shape = [rows.nb, rows.nh, rows.ni, p.dims.head_dim_v];
    let lse_shape = [rows.nb, rows.nh, rows.ni, 1];
    let (mut acc, mut acc_lse) = (Scratch::new(o_shape), Scratch::new(lse_shape));
    for (n, x) in acc_lse.values.iter_mut().enumerate() {
        *x = p
            .sink(rows.h0 + (n / rows.ni) % rows.nh)
            .unwrap_or(f32::NEG_INFINITY);
    }
    let (mut part, mut part_lse) = (Scratch::new(o_shape), Scratch::new(lse_shape));
    for (j0, nj) in ranges(p.dims.seq_kv, nj) {
        let keys = Piece { j0, nj, ..*rows };
        let mut problem = sub_problem(p, &keys);
        problem.sinks = None;
        let sub = ForwardTask {
            problem,
            out: part.view(),
            lse: Some(part_lse.view()),
        };
        run::forward(gpu, &sub, keys.diag(p))?;
        let block = MergePart {
            out: part.tensor(4)?,
            lse: part_lse.tensor(3)?,
        };
        merge_into(acc.tensor_mut(4)?, acc_lse.tensor_mut(3)?, &block)?;
    }
    let at = [rows.b0, rows.h0, rows.i0, 0];
    scatter(&acc.values, &offset_mut(&task.out, at), o_shape);
    if let Some(lse) = &task.lse {
        scatter(&acc_lse.values, &offset_mut(lse, at), lse_shape);
    }
    Ok(())
}
