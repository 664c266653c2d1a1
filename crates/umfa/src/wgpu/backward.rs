//! The backward on host tensors: stage, dispatch the row kernels and the portable or matrix
//! dQ and dK/dV kernels, read back.

use super::device::Gpu;
use super::kernels::{Kernel, MatrixTiles, Variant, TILE_ROWS};
use super::params::Operand;
use super::run::{fits_f16, median_time, operands_fit_f16, stage_inputs, Inputs};
use super::stage::{gather_lse, gather_rows, scatter, stage, Staged, MASKED};
use super::trace::Trace;
use crate::dtype::DType;
use crate::error::Result;
use crate::problem::BackwardTask;

/// The matrix backward's dQ variant for this task when it runs it: the matrix backward on
/// (`Gpu::matrix_backward`), f16 or bf16 Q, K, V and dO (f16 copies, like the forward's), head
/// dims up to `MatrixTiles::MAX_HEAD_DIM`, a tile shape that fits, copies that fit one binding.
fn matrix_backward_variant(gpu: &Gpu, task: &BackwardTask) -> Option<Variant> {
    let p = &task.problem;
    let d = p.dims;
    let sixteen_bit = |t: DType| matches!(t, DType::F16 | DType::BF16);
    if !sixteen_bit(p.input_dtype)
        || !sixteen_bit(task.d_out.dtype)
        || d.head_dim > MatrixTiles::MAX_HEAD_DIM
        || d.head_dim_v > MatrixTiles::MAX_HEAD_DIM
    {
        return None;
    }
    let v = gpu.matrix_backward_variant(&d)?;
    let fits = v.matrix_staged_len(&d) * 8 <= gpu.max_binding()
        && operands_fit_f16(p)
        && fits_f16(&task.d_out, [d.batch, d.heads_q, d.seq_q, d.head_dim_v]);
    fits.then_some(v)
}

/// The matrix backward's tile shape for this task (`s2k16`, ...), if the matrix kernels run it.
pub fn backward_matrix_variant(gpu: &Gpu, task: &BackwardTask) -> Option<String> {
    matrix_backward_variant(gpu, task).map(|v| v.tiles.name())
}

/// The gradients that may need summing across the pieces of a split problem: dSinks per query
/// head and dBias in the mask's own shape (row-major), in f64.
pub struct SideGradients {
    pub d_sinks: Option<Vec<f64>>,
    pub d_bias: Option<Vec<f64>>,
}

/// A backward ready to dispatch: inputs staged, result buffers and bind groups made.
struct BackwardLaunch {
    _inputs: Inputs,
    _staged: [Staged; 2],
    _copies: Option<wgpu::Buffer>,
    rows_buf: wgpu::Buffer,
    dq: wgpu::Buffer,
    dkdv: wgpu::Buffer,
    dbias: Option<wgpu::Buffer>,
    /// The kernels in order: each with its bind group and workgroups.
    dispatches: Vec<(Variant, wgpu::BindGroup, [u32; 3])>,
    matrix: bool,
    n_rows: usize,
    n_dq: usize,
    n_dk: usize,
    n_dv: usize,
    n_bias: usize,
}

impl BackwardLaunch {
    fn record(&self, gpu: &Gpu, encoder: &mut wgpu::CommandEncoder) -> Result<()> {
        for (variant, bind, groups) in &self.dispatches {
            gpu.dispatch(encoder, *variant, bind, *groups)?;
        }
        Ok(())
    }
}

fn prepare_backward(gpu: &Gpu, task: &BackwardTask, diag: i64) -> Result<BackwardLaunch> {
    let p = &task.problem;
    let d = p.dims;
    let mut inputs = stage_inputs(gpu, p, diag)?;
    let n_rows = d.batch * d.heads_q * d.seq_q;
    let d_out = stage(
        gpu,
        "d_out",
        &task.d_out,
        [d.batch, d.heads_q, d.seq_q, d.head_dim_v],
    )?;
    let out = stage(
        gpu,
        "out",
        &task.out,
        [d.batch, d.heads_q, d.seq_q, d.head_dim_v],
    )?;
    inputs.params.set_view(Operand::DOut, d_out.view);
    inputs.params.set_view(Operand::Out, out.view);
    // rows: LSE (from the forward) then delta, which `backward_delta` computes in place from
    // what the slot holds on entry: dLSE (0 without one), so delta = Σ dO·O − dLSE.
    let row_shape = [d.batch, d.heads_q, d.seq_q];
    let mut rows = gather_lse(&task.lse, row_shape);
    match &task.d_lse {
        Some(g) => rows.extend(gather_rows(g, row_shape)),
        None => rows.resize(2 * n_rows, 0.0),
    }
    inputs.params.delta_at = n_rows as u32;
    let rows_bytes: Vec<u8> = rows.iter().flat_map(|x| x.to_le_bytes()).collect();
    let rows_buf = gpu.upload("lse and delta", &rows_bytes)?;
    let n_dq = n_rows * d.head_dim;
    let n_keys = d.batch * d.heads_kv * d.seq_kv;
    let (n_dk, n_dv) = (n_keys * d.head_dim, n_keys * d.head_dim_v);
    inputs.params.dv_at = n_dk as u32;
    let dq = gpu.scratch("dq", n_dq)?;
    let dkdv = gpu.scratch("dk and dv", n_dk + n_dv)?;
    let want_dbias = task.d_bias.is_some() && inputs.params.mask_kind == 2;
    let n_bias = p.mask.map_or(1, |m| m.shape.iter().product());
    let dbias = if want_dbias {
        Some(gpu.scratch("d_bias", n_bias)?)
    } else {
        None
    };
    let params = gpu.params(&inputs.params);
    let bind_with = |result: Option<&wgpu::Buffer>| {
        gpu.bind(
            &params,
            [
                Some(&inputs.q.buffer),
                Some(&inputs.k.buffer),
                Some(&inputs.v.buffer),
                inputs.mask.as_ref().map(|s| &s.buffer),
                inputs.blocks.as_ref().map(|s| &s.buffer),
                Some(&inputs.aux),
                Some(&d_out.buffer),
                Some(&out.buffer),
                Some(&rows_buf),
                result,
            ],
        )
    };
    let mut dispatches = Vec::new();
    let mut copies = None;
    let variant = |k| gpu.portable(k, d.head_dim, d.head_dim_v);
    // The row kernels give each item (a row, a mask element) `lanes` threads.
    let delta = variant(Kernel::BackwardDelta);
    dispatches.push((
        delta,
        bind_with(None),
        gpu.linear_groups(n_rows * delta.lanes as usize),
    ));
    match matrix_backward_variant(gpu, task) {
        Some(dq_variant) => {
            // f16 copies of Q, K, V and dO (the conversion reads dO at binding 7), then the two
            // kernels, which read the copies at binding 7 instead.
            let len = dq_variant.matrix_staged_len(&d);
            let copies = copies.insert(gpu.scratch("f16 q, k, v, d_out", (2 * len) as usize)?);
            let operands = [
                Some(&inputs.q.buffer),
                Some(&inputs.k.buffer),
                Some(&inputs.v.buffer),
            ];
            let convert = gpu.bind(
                &params,
                [
                    operands[0],
                    operands[1],
                    operands[2],
                    None,
                    None,
                    None,
                    Some(&d_out.buffer),
                    None,
                    None,
                    Some(&*copies),
                ],
            );
            dispatches.push((
                dq_variant.matrix_convert(),
                convert,
                gpu.linear_groups(len as usize),
            ));
            let bind_matrix = |result: &wgpu::Buffer| {
                gpu.bind(
                    &params,
                    [
                        operands[0],
                        operands[1],
                        operands[2],
                        inputs.mask.as_ref().map(|s| &s.buffer),
                        inputs.blocks.as_ref().map(|s| &s.buffer),
                        Some(&inputs.aux),
                        Some(&*copies),
                        None,
                        Some(&rows_buf),
                        Some(result),
                    ],
                )
            };
            let own = dq_variant.tiles.rows();
            dispatches.push((
                dq_variant,
                bind_matrix(&dq),
                [
                    (d.seq_q as u32).div_ceil(own),
                    d.heads_q as u32,
                    d.batch as u32,
                ],
            ));
            let dkdv_variant = Variant {
                kernel: Kernel::BackwardMatrixDkDv,
                ..dq_variant
            };
            dispatches.push((
                dkdv_variant,
                bind_matrix(&dkdv),
                [
                    (d.seq_kv as u32).div_ceil(own),
                    d.heads_kv as u32,
                    d.batch as u32,
                ],
            ));
        }
        None => {
            dispatches.push((
                variant(Kernel::BackwardDq),
                bind_with(Some(&dq)),
                [
                    (d.seq_q as u32).div_ceil(TILE_ROWS),
                    d.heads_q as u32,
                    d.batch as u32,
                ],
            ));
            dispatches.push((
                variant(Kernel::BackwardDkDv),
                bind_with(Some(&dkdv)),
                [
                    (d.seq_kv as u32).div_ceil(TILE_ROWS),
                    d.heads_kv as u32,
                    d.batch as u32,
                ],
            ));
        }
    }
    if let Some(db) = &dbias {
        let dbias = variant(Kernel::BackwardDbias);
        dispatches.push((
            dbias,
            bind_with(Some(db)),
            gpu.linear_groups(n_bias * dbias.lanes as usize),
        ));
    }
    let matrix = copies.is_some();
    Ok(BackwardLaunch {
        dispatches,
        _copies: copies,
        _inputs: inputs,
        _staged: [d_out, out],
        rows_buf,
        dq,
        dkdv,
        dbias,
        matrix,
        n_rows,
        n_dq,
        n_dk,
        n_dv,
        n_bias,
    })
}

/// Writes dQ, dK and dV into the task's views and returns dSinks and dBias (when asked for);
/// `diag` as for `stage_inputs`.
pub fn backward(gpu: &Gpu, task: &BackwardTask, diag: i64) -> Result<SideGradients> {
    let p = &task.problem;
    let d = p.dims;
    let mut trace = Trace::start("backward");
    let l = prepare_backward(gpu, task, diag)?;
    trace.phase("stage and prepare");
    let (n_rows, n_dq, n_dk, n_dv, n_bias) = (l.n_rows, l.n_dq, l.n_dk, l.n_dv, l.n_bias);
    let (dq, dkdv, rows_buf, dbias) = (&l.dq, &l.dkdv, &l.rows_buf, &l.dbias);
    let mut encoder = gpu.device.create_command_encoder(&Default::default());
    l.record(gpu, &mut encoder)?;
    let mut reads = vec![(dq, n_dq), (dkdv, n_dk + n_dv), (rows_buf, 2 * n_rows)];
    if let Some(db) = dbias {
        reads.push((db, n_bias));
    }
    let result = gpu.finish(encoder, &reads, &mut trace)?;
    scatter(
        &result[0],
        &task.dq,
        [d.batch, d.heads_q, d.seq_q, d.head_dim],
    );
    scatter(
        &result[1][..n_dk],
        &task.dk,
        [d.batch, d.heads_kv, d.seq_kv, d.head_dim],
    );
    scatter(
        &result[1][n_dk..],
        &task.dv,
        [d.batch, d.heads_kv, d.seq_kv, d.head_dim_v],
    );
    let d_sinks = task.d_sinks.is_some().then(|| {
        // dSink[h] = -sum over (b, i) of P_sink * delta: n_rows terms, summed here in f64. The
        // delta read back is the kernel's, dLSE already subtracted (d LSE / d sink = P_sink).
        let (lse, delta) = result[2].split_at(n_rows);
        (0..d.heads_q)
            .map(|h| {
                let sink = p.sink(h).unwrap_or(0.0) as f64;
                let mut g = 0.0f64;
                for b in 0..d.batch {
                    for i in 0..d.seq_q {
                        let row = (b * d.heads_q + h) * d.seq_q + i;
                        if lse[row] > MASKED {
                            g -= (sink - lse[row] as f64).exp() * delta[row] as f64;
                        }
                    }
                }
                g
            })
            .collect()
    });
    // A boolean mask has no gradient: zeros.
    let d_bias = task.d_bias.is_some().then(|| match result.get(3) {
        Some(values) => values.iter().map(|&x| x as f64).collect(),
        None => vec![0.0; n_bias],
    });
    trace.phase("write outputs");
    trace.end();
    Ok(SideGradients { d_sinks, d_bias })
}

/// Seconds per backward (the row kernels, the conversion pass and dQ and dK/dV; dBias where
/// asked) and the family that ran dQ and dK/dV, inputs already on the device (`median_time`). The
/// repeated `backward_delta` reads the delta it wrote before (it computes in place), which
/// changes the values and not the work.
pub fn time_backward(
    gpu: &Gpu,
    task: &BackwardTask,
    reps: usize,
    per_submit: usize,
) -> Result<(f64, &'static str)> {
    let l = prepare_backward(gpu, task, task.problem.diagonal_offset())?;
    let secs = median_time(gpu, reps, per_submit, |e| l.record(gpu, e))?;
    let family = if l.matrix { "matrix" } else { "portable" };
    Ok((secs, family))
}
