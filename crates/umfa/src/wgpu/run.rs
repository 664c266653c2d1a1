//! The forward on host tensors: stage, dispatch the portable or matrix kernels, read back; the
//! staging the backward (`backward.rs`) shares.

use super::device::{Family, Gpu};
use super::kernels::{Kernel, MatrixTiles, Variant, TILE_ROWS};
use super::params::{Operand, Params};
use super::stage::{scatter, stage, Staged, MASKED};
use super::trace::Trace;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::params::MaskKind;
use crate::problem::{ForwardTask, Problem};

/// The inputs every kernel reads, staged, and the parameters describing them.
pub(super) struct Inputs {
    pub params: Params,
    pub q: Staged,
    pub k: Staged,
    pub v: Staged,
    pub mask: Option<Staged>,
    pub blocks: Option<Staged>,
    pub aux: wgpu::Buffer,
}

/// `diag` is the offset of the bottom-right diagonal that ALiBi measures from:
/// `Problem::diagonal_offset` for a whole problem; for a piece of a problem split along the
/// sequence (`split.rs`), the whole problem's moved by the piece's first query row and key.
pub(super) fn stage_inputs(gpu: &Gpu, p: &Problem, diag: i64) -> Result<Inputs> {
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
pub(super) fn fits_f16(view: &crate::problem::View4, [batch, heads, seq, dim]: [usize; 4]) -> bool {
    view.dtype != DType::BF16
        || (0..batch).all(|b| {
            (0..heads)
                .all(|h| (0..seq).all(|r| (0..dim).all(|c| view.get(b, h, r, c).abs() <= 65504.0)))
        })
}

/// Whether Q, K and V fit the matrix family's f16 copies.
pub(super) fn operands_fit_f16(p: &Problem) -> bool {
    let d = p.dims;
    fits_f16(&p.q, [d.batch, d.heads_q, d.seq_q, d.head_dim])
        && fits_f16(&p.k, [d.batch, d.heads_kv, d.seq_kv, d.head_dim])
        && fits_f16(&p.v, [d.batch, d.heads_kv, d.seq_kv, d.head_dim_v])
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
    let mut trace = Trace::start("forward");
    let l = prepare_forward(gpu, &task.problem, task.out.dtype, diag)?;
    trace.phase("stage and prepare");
    let mut encoder = gpu.device.create_command_encoder(&Default::default());
    l.record(gpu, &mut encoder)?;
    let result = gpu.finish(encoder, &[(&l.out, l.n_out + l.n_rows)], &mut trace)?;
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
    trace.phase("write outputs");
    trace.end();
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
    let secs = median_time(gpu, reps, per_submit, |e| l.record(gpu, e))?;
    let family = if l.variant.matrix != 0 {
        "matrix"
    } else {
        "portable"
    };
    Ok((secs, family))
}

/// The median seconds per `record`ed piece of work over `reps` submissions of `per_submit`
/// each, after one warm-up submission (which also compiles the pipelines). Wall clock around
/// submit-and-wait, so a submission's fixed cost is spread over `per_submit`.
pub(super) fn median_time(
    gpu: &Gpu,
    reps: usize,
    per_submit: usize,
    record: impl Fn(&mut wgpu::CommandEncoder) -> Result<()>,
) -> Result<f64> {
    let run = |n: usize| -> Result<f64> {
        let mut encoder = gpu.device.create_command_encoder(&Default::default());
        for _ in 0..n {
            record(&mut encoder)?;
        }
        let t = std::time::Instant::now();
        gpu.finish(encoder, &[], &mut Trace::off())?;
        Ok(t.elapsed().as_secs_f64() / n as f64)
    };
    run(1)?;
    let mut times = (0..reps.max(1))
        .map(|_| run(per_submit.max(1)))
        .collect::<Result<Vec<f64>>>()?;
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}
