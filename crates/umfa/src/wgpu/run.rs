//! Forward and backward on host tensors: stage, dispatch the portable kernels, read back.

use super::device::{Family, Gpu};
use super::kernels::{Kernel, MatrixTiles, Variant, TILE_ROWS};
use super::params::{Operand, Params};
use super::stage::{gather_lse, gather_rows, scatter, stage, Staged, MASKED};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::params::MaskKind;
use crate::problem::{BackwardTask, ForwardTask, Problem};

/// The inputs every kernel reads, staged, and the parameters describing them.
struct Inputs {
    params: Params,
    q: Staged,
    k: Staged,
    v: Staged,
    mask: Option<Staged>,
    blocks: Option<Staged>,
    aux: wgpu::Buffer,
}

/// `diag` is the offset of the bottom-right diagonal that ALiBi measures from:
/// `Problem::diagonal_offset` for a whole problem; for a piece of a problem split along the
/// sequence (`split.rs`), the whole problem's moved by the piece's first query row and key.
fn stage_inputs(gpu: &Gpu, p: &Problem, diag: i64) -> Result<Inputs> {
    let d = p.dims;
    let mut params = Params {
        batch: d.batch as u32,
        heads_q: d.heads_q as u32,
        heads_kv: d.heads_kv as u32,
        seq_q: d.seq_q as u32,
        seq_kv: d.seq_kv as u32,
        head_dim: d.head_dim as u32,
        head_dim_v: d.head_dim_v as u32,
        group: d.group_size() as u32,
        scale: p.scale,
        softcap: p.softcap.unwrap_or(0.0),
        diag: i32::try_from(diag).map_err(|_| Error::Unsupported {
            backend: "wgpu",
            reason: format!("a diagonal offset of {diag} does not fit the kernels' 32 bits"),
        })?,
        ..Params::default()
    };
    // Band offsets beyond ±(Sq + Sk) act like no bound; clamping keeps them in i32.
    let clamp = |x: i64| x.clamp(-(1 << 30), 1 << 30) as i32;
    if let Some(lo) = p.band.lo {
        params.has_band_lo = 1;
        params.band_lo = clamp(lo);
    }
    if let Some(hi) = p.band.hi {
        params.has_band_hi = 1;
        params.band_hi = clamp(hi);
    }
    let q = stage(gpu, "q", &p.q, [d.batch, d.heads_q, d.seq_q, d.head_dim])?;
    let k = stage(gpu, "k", &p.k, [d.batch, d.heads_kv, d.seq_kv, d.head_dim])?;
    let v = stage(
        gpu,
        "v",
        &p.v,
        [d.batch, d.heads_kv, d.seq_kv, d.head_dim_v],
    )?;
    params.set_view(Operand::Q, q.view);
    params.set_view(Operand::K, k.view);
    params.set_view(Operand::V, v.view);
    let mask = match &p.mask {
        Some(m) => {
            let s = stage(gpu, "mask", &m.view, m.shape)?;
            params.set_view(Operand::Mask, s.view);
            params.mask_kind = match m.kind {
                MaskKind::Bool => 1,
                MaskKind::Additive => 2,
            };
            [
                params.mask_nb,
                params.mask_nh,
                params.mask_ni,
                params.mask_nj,
            ] = m.shape.map(|n| n as u32);
            Some(s)
        }
        None => None,
    };
    let blocks = match &p.block_mask {
        Some(bm) => {
            let shape = [
                d.batch,
                d.heads_q,
                d.seq_q.div_ceil(bm.block_q),
                d.seq_kv.div_ceil(bm.block_k),
            ];
            let s = stage(gpu, "block mask", &bm.view, shape)?;
            params.set_view(Operand::Blocks, s.view);
            params.has_blocks = 1;
            params.block_q = bm.block_q as u32;
            params.block_k = bm.block_k as u32;
            Some(s)
        }
        None => None,
    };
    // ALiBi slopes and sink logits are tiny: gathered into one f32 buffer.
    let mut aux = Vec::new();
    if let Some(a) = &p.alibi {
        params.has_alibi = 1;
        params.alibi_at = aux.len() as u32;
        for b in 0..d.batch {
            for h in 0..d.heads_q {
                aux.push(a.get(b, h, 0, 0));
            }
        }
    }
    if p.sinks.is_some() {
        params.has_sinks = 1;
        params.sinks_at = aux.len() as u32;
        aux.extend((0..d.heads_q).map(|h| p.sink(h).unwrap_or(0.0)));
    }
    let aux_bytes: Vec<u8> = aux.iter().flat_map(|x| x.to_le_bytes()).collect();
    let aux = gpu.upload("alibi and sinks", &aux_bytes)?;
    Ok(Inputs {
        params,
        q,
        k,
        v,
        mask,
        blocks,
        aux,
    })
}

/// A forward ready to dispatch: inputs staged, result buffer and bind groups made.
struct ForwardLaunch {
    _inputs: Inputs,
    out: wgpu::Buffer,
    /// The matrix family's conversion pass (its kernel, bind group, workgroups) and the f16
    /// copies it writes.
    convert: Option<(Variant, wgpu::BindGroup, [u32; 3], wgpu::Buffer)>,
    bind: wgpu::BindGroup,
    variant: Variant,
    groups: [u32; 3],
    n_out: usize,
    n_rows: usize,
}

impl ForwardLaunch {
    fn record(&self, gpu: &Gpu, encoder: &mut wgpu::CommandEncoder) -> Result<()> {
        if let Some((v, bind, groups, _)) = &self.convert {
            gpu.dispatch(encoder, *v, bind, *groups)?;
        }
        gpu.dispatch(encoder, self.variant, &self.bind, self.groups)
    }
}

/// The matrix variant for this forward, when the family is chosen and the problem fits it: f16
/// or bf16 in and out (its P and operands are f16: f32 would lose its precision), head dims up
/// to `MatrixTiles::MAX_HEAD_DIM` (256), a tile shape whose workgroup memory fits, f16 copies that fit one binding, and bf16
/// values inside f16's range (they are converted to f16 exactly there).
fn matrix_variant(gpu: &Gpu, p: &Problem, out_dtype: DType) -> Option<Variant> {
    let d = p.dims;
    let sixteen_bit = |t: DType| matches!(t, DType::F16 | DType::BF16);
    if gpu.family != Family::Matrix
        || !sixteen_bit(p.input_dtype)
        || !sixteen_bit(out_dtype)
        || d.head_dim > MatrixTiles::MAX_HEAD_DIM
        || d.head_dim_v > MatrixTiles::MAX_HEAD_DIM
    {
        return None;
    }
    let v = gpu.matrix_variant(&d)?;
    if v.matrix_staged_len(&d) * 8 > gpu.max_binding() || !operands_fit_f16(p) {
        return None;
    }
    Some(v)
}

/// Whether every element of a bf16 view lies within f16's range (its f16 copy is then exact up
/// to f16's rounding); views of other dtypes pass.
fn fits_f16(view: &crate::problem::View4, [batch, heads, seq, dim]: [usize; 4]) -> bool {
    view.dtype != DType::BF16
        || (0..batch).all(|b| {
            (0..heads)
                .all(|h| (0..seq).all(|r| (0..dim).all(|c| view.get(b, h, r, c).abs() <= 65504.0)))
        })
}

/// Whether Q, K and V fit the matrix family's f16 copies.
fn operands_fit_f16(p: &Problem) -> bool {
    let d = p.dims;
    fits_f16(&p.q, [d.batch, d.heads_q, d.seq_q, d.head_dim])
        && fits_f16(&p.k, [d.batch, d.heads_kv, d.seq_kv, d.head_dim])
        && fits_f16(&p.v, [d.batch, d.heads_kv, d.seq_kv, d.head_dim_v])
}

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

fn prepare_forward(gpu: &Gpu, p: &Problem, out_dtype: DType, diag: i64) -> Result<ForwardLaunch> {
    let d = p.dims;
    let mut inputs = stage_inputs(gpu, p, diag)?;
    let n_rows = d.batch * d.heads_q * d.seq_q;
    let n_out = n_rows * d.head_dim_v;
    inputs.params.lse_at = n_out as u32;
    let out = gpu.scratch("out and lse", n_out + n_rows)?;
    let params = gpu.params(&inputs.params);
    let matrix = matrix_variant(gpu, p, out_dtype);
    // The matrix family reads f16 copies of Q, K and V (binding 7) made by its first pass.
    let convert = match matrix {
        Some(v) => {
            let len = v.matrix_staged_len(&d);
            let staged = gpu.scratch("f16 q, k, v", (2 * len) as usize)?;
            let bind = gpu.bind(
                &params,
                [
                    Some(&inputs.q.buffer),
                    Some(&inputs.k.buffer),
                    Some(&inputs.v.buffer),
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(&staged),
                ],
            );
            let groups = gpu.linear_groups(len as usize);
            Some((v.matrix_convert(), bind, groups, staged))
        }
        None => None,
    };
    let bind = gpu.bind(
        &params,
        [
            Some(&inputs.q.buffer),
            Some(&inputs.k.buffer),
            Some(&inputs.v.buffer),
            inputs.mask.as_ref().map(|s| &s.buffer),
            inputs.blocks.as_ref().map(|s| &s.buffer),
            Some(&inputs.aux),
            convert.as_ref().map(|c| &c.3),
            None,
            None,
            Some(&out),
        ],
    );
    let (variant, rows_per_group) = match matrix {
        Some(v) => (v, v.tiles.rows()),
        None => (
            gpu.portable(Kernel::Forward, d.head_dim, d.head_dim_v),
            TILE_ROWS,
        ),
    };
    Ok(ForwardLaunch {
        _inputs: inputs,
        out,
        convert,
        bind,
        variant,
        groups: [
            (d.seq_q as u32).div_ceil(rows_per_group),
            d.heads_q as u32,
            d.batch as u32,
        ],
        n_out,
        n_rows,
    })
}

/// Runs `task` (`diag` as for `stage_inputs`).
pub fn forward(gpu: &Gpu, task: &ForwardTask, diag: i64) -> Result<()> {
    let d = task.problem.dims;
    let l = prepare_forward(gpu, &task.problem, task.out.dtype, diag)?;
    let mut encoder = gpu.device.create_command_encoder(&Default::default());
    l.record(gpu, &mut encoder)?;
    let result = gpu.finish(encoder, &[(&l.out, l.n_out + l.n_rows)])?;
    let values = &result[0];
    scatter(
        &values[..l.n_out],
        &task.out,
        [d.batch, d.heads_q, d.seq_q, d.head_dim_v],
    );
    if let Some(lse) = &task.lse {
        let lse_values: Vec<f32> = values[l.n_out..]
            .iter()
            .map(|&x| if x > MASKED { x } else { f32::NEG_INFINITY })
            .collect();
        scatter(&lse_values, lse, [d.batch, d.heads_q, d.seq_q, 1]);
    }
    Ok(())
}

/// The family whose kernel runs this forward: "matrix" or "portable".
pub fn forward_family(gpu: &Gpu, task: &ForwardTask) -> &'static str {
    if matrix_variant(gpu, &task.problem, task.out.dtype).is_some() {
        "matrix"
    } else {
        "portable"
    }
}

/// The matrix family's tile shape for this forward (`s4k64v`, ...), if the matrix kernel runs it.
pub fn forward_matrix_variant(gpu: &Gpu, task: &ForwardTask) -> Option<String> {
    matrix_variant(gpu, &task.problem, task.out.dtype).map(|v| v.tiles.name())
}

/// Seconds per forward kernel and the family that ran it, inputs already on the device: the
/// median of `reps` submissions of `per_submit` forwards each (the matrix family's conversion
/// pass included), after one warm-up (which also compiles the pipelines). Wall clock around
/// submit-and-wait, so a submission's fixed cost is spread over `per_submit`.
pub fn time_forward(
    gpu: &Gpu,
    task: &ForwardTask,
    reps: usize,
    per_submit: usize,
) -> Result<(f64, &'static str)> {
    let p = &task.problem;
    let l = prepare_forward(gpu, p, task.out.dtype, p.diagonal_offset())?;
    let run = |n: usize| -> Result<f64> {
        let mut encoder = gpu.device.create_command_encoder(&Default::default());
        for _ in 0..n {
            l.record(gpu, &mut encoder)?;
        }
        let t = std::time::Instant::now();
        gpu.finish(encoder, &[])?;
        Ok(t.elapsed().as_secs_f64() / n as f64)
    };
    run(1)?;
    let mut times = (0..reps.max(1))
        .map(|_| run(per_submit.max(1)))
        .collect::<Result<Vec<f64>>>()?;
    times.sort_by(f64::total_cmp);
    let family = if l.variant.matrix != 0 {
        "matrix"
    } else {
        "portable"
    };
    Ok((times[times.len() / 2], family))
}

/// The gradients that may need summing across the pieces of a split problem: dSinks per query
/// head and dBias in the mask's own shape (row-major), in f64.
pub struct SideGradients {
    pub d_sinks: Option<Vec<f64>>,
    pub d_bias: Option<Vec<f64>>,
}

/// Writes dQ, dK and dV into the task's views and returns dSinks and dBias (when asked for);
/// `diag` as for `stage_inputs`.
pub fn backward(gpu: &Gpu, task: &BackwardTask, diag: i64) -> Result<SideGradients> {
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
    let mut encoder = gpu.device.create_command_encoder(&Default::default());
    let variant = |k| gpu.portable(k, d.head_dim, d.head_dim_v);
    // The row kernels give each item (a row, a mask element) `lanes` threads.
    let delta = variant(Kernel::BackwardDelta);
    gpu.dispatch(
        &mut encoder,
        delta,
        &bind_with(None),
        gpu.linear_groups(n_rows * delta.lanes as usize),
    )?;
    match matrix_backward_variant(gpu, task) {
        Some(dq_variant) => {
            // f16 copies of Q, K, V and dO (the conversion reads dO at binding 7), then the two
            // kernels, which read the copies at binding 7 instead.
            let len = dq_variant.matrix_staged_len(&d);
            let copies = gpu.scratch("f16 q, k, v, d_out", (2 * len) as usize)?;
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
                    Some(&copies),
                ],
            );
            gpu.dispatch(
                &mut encoder,
                dq_variant.matrix_convert(),
                &convert,
                gpu.linear_groups(len as usize),
            )?;
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
                        Some(&copies),
                        None,
                        Some(&rows_buf),
                        Some(result),
                    ],
                )
            };
            let own = dq_variant.tiles.rows();
            gpu.dispatch(
                &mut encoder,
                dq_variant,
                &bind_matrix(&dq),
                [
                    (d.seq_q as u32).div_ceil(own),
                    d.heads_q as u32,
                    d.batch as u32,
                ],
            )?;
            let dkdv_variant = Variant {
                kernel: Kernel::BackwardMatrixDkDv,
                ..dq_variant
            };
            gpu.dispatch(
                &mut encoder,
                dkdv_variant,
                &bind_matrix(&dkdv),
                [
                    (d.seq_kv as u32).div_ceil(own),
                    d.heads_kv as u32,
                    d.batch as u32,
                ],
            )?;
        }
        None => {
            gpu.dispatch(
                &mut encoder,
                variant(Kernel::BackwardDq),
                &bind_with(Some(&dq)),
                [
                    (d.seq_q as u32).div_ceil(TILE_ROWS),
                    d.heads_q as u32,
                    d.batch as u32,
                ],
            )?;
            gpu.dispatch(
                &mut encoder,
                variant(Kernel::BackwardDkDv),
                &bind_with(Some(&dkdv)),
                [
                    (d.seq_kv as u32).div_ceil(TILE_ROWS),
                    d.heads_kv as u32,
                    d.batch as u32,
                ],
            )?;
        }
    }
    if let Some(db) = &dbias {
        let dbias = variant(Kernel::BackwardDbias);
        gpu.dispatch(
            &mut encoder,
            dbias,
            &bind_with(Some(db)),
            gpu.linear_groups(n_bias * dbias.lanes as usize),
        )?;
    }
    let mut reads = vec![(&dq, n_dq), (&dkdv, n_dk + n_dv), (&rows_buf, 2 * n_rows)];
    if let Some(db) = &dbias {
        reads.push((db, n_bias));
    }
    let result = gpu.finish(encoder, &reads)?;
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
    Ok(SideGradients { d_sinks, d_bias })
}
