//! Validation, in one place: every argument of every entry point is checked here, and errors
//! name the argument and the numbers. Backends receive only what passed.

use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::params::{
    Attention, BackwardInputs, BlockClass, CausalAlign, ForwardOutputs, Gradients, MaskKind,
};
use crate::problem::{
    BackwardTask, Band, BlockMaskView, Dims, ForwardTask, MaskView, Problem, View4, View4Mut,
};
use crate::tensor::{Device, Layout};

/// The largest head dimension (D and Dv) supported.
pub const MAX_HEAD_DIM: usize = 512;

const QKV_AXES: [&str; 4] = ["batch", "heads", "seq_len", "head_dim"];

/// Checks a tensor's rank, dtype class, device and that every element it can reach lies inside
/// its buffer.
pub(crate) fn check_extent(
    arg: &'static str,
    ptr_is_null: bool,
    len_bytes: usize,
    dtype: DType,
    layout: &Layout,
) -> Result<()> {
    if layout.numel() == 0 {
        let axis = layout.shape().iter().position(|&n| n == 0).unwrap_or(0);
        return Err(Error::arg(arg, format!("dimension {axis} has size 0")));
    }
    if ptr_is_null {
        return Err(Error::arg(arg, "data pointer is null"));
    }
    let (lo, hi) = layout
        .offset_range()
        .ok_or_else(|| Error::arg(arg, "is empty"))?;
    let available = (len_bytes / dtype.size_bytes()) as i128;
    if lo < 0 {
        return Err(Error::arg(
            arg,
            format!(
                "strides {:?} reach element {lo}, before the buffer",
                layout.strides()
            ),
        ));
    }
    if hi >= available {
        return Err(Error::arg(
            arg,
            format!(
                "shape {:?} with strides {:?} reaches element {hi}, but the buffer holds {available} ({} bytes of {dtype})",
                layout.shape(),
                layout.strides(),
                len_bytes
            ),
        ));
    }
    Ok(())
}

/// A view's memory, as a byte range, for overlap checks.
#[derive(Clone, Copy)]
struct Span {
    arg: &'static str,
    device: Device,
    start: usize,
    end: usize,
}

/// Outputs must not share memory with inputs or with each other: a write would corrupt a read.
fn check_no_overlap(outputs: &[Span], inputs: &[Span]) -> Result<()> {
    for (n, o) in outputs.iter().enumerate() {
        for other in inputs.iter().chain(&outputs[n + 1..]) {
            if o.device == other.device && o.start < other.end && other.start < o.end {
                return Err(Error::arg(
                    o.arg,
                    format!("shares memory with `{}`; outputs must not alias", other.arg),
                ));
            }
        }
    }
    Ok(())
}

macro_rules! tensor_checks {
    ($t:expr, $arg:expr) => {
        check_extent(
            $arg,
            $t.ptr().is_null(),
            $t.len_bytes(),
            $t.dtype(),
            $t.layout(),
        )
    };
}

/// Checks the exact shape of a tensor against `expected`, naming axes in the message.
fn check_shape(
    arg: &'static str,
    shape: &[usize],
    expected: &[usize],
    axes: &[&str],
    what: &str,
) -> Result<()> {
    if shape.len() != expected.len() {
        return Err(Error::arg(
            arg,
            format!(
                "must have {} dimensions [{}], got {} ({:?})",
                expected.len(),
                axes.join(", "),
                shape.len(),
                shape
            ),
        ));
    }
    for (d, (&got, &want)) in shape.iter().zip(expected).enumerate() {
        if got != want {
            return Err(Error::arg(
                arg,
                format!(
                    "has {} = {got} but {what} needs {want} (shape {:?}, expected {:?})",
                    axes[d], shape, expected
                ),
            ));
        }
    }
    Ok(())
}

pub(crate) fn strides4(strides: &[isize]) -> [isize; 4] {
    let mut s = [0; 4];
    let off = 4 - strides.len();
    s[off..].copy_from_slice(strides);
    s
}

/// Right-aligned broadcast of `shape`/`strides` against `target`: returns 4-D strides with 0 on
/// broadcast dimensions, and the shape right-aligned to 4-D.
fn broadcast(
    arg: &'static str,
    shape: &[usize],
    strides: &[isize],
    target: [usize; 4],
    target_names: [&str; 4],
) -> Result<([isize; 4], [usize; 4])> {
    if shape.is_empty() || shape.len() > 4 {
        return Err(Error::arg(
            arg,
            format!("must have 1 to 4 dimensions, got {}", shape.len()),
        ));
    }
    let off = 4 - shape.len();
    let mut out = [0isize; 4];
    let mut shape4 = [1usize; 4];
    for d in 0..shape.len() {
        let (n, t) = (shape[d], target[off + d]);
        shape4[off + d] = n;
        if n == t {
            out[off + d] = if n == 1 { 0 } else { strides[d] };
        } else if n == 1 {
            out[off + d] = 0;
        } else {
            return Err(Error::arg(
                arg,
                format!(
                    "shape {:?} does not broadcast to [{}] = {:?}: dimension {d} is {n}, needs {t} or 1",
                    shape,
                    target_names.join(", "),
                    target
                ),
            ));
        }
    }
    Ok((out, shape4))
}

fn check_band(p: &Attention, dims: &Dims) -> Result<Band> {
    let diag = dims.seq_kv as i64 - dims.seq_q as i64;
    let mut band = Band::default();
    if let Some(c) = p.params.causal {
        band.hi = Some(match c {
            CausalAlign::TopLeft => 0,
            CausalAlign::BottomRight => diag,
        });
    }
    if let Some(w) = p.params.window {
        if let Some(left) = w.left {
            band.lo = Some(diag - left as i64);
        }
        if let Some(right) = w.right {
            let hi = diag + right as i64;
            band.hi = Some(band.hi.map_or(hi, |h| h.min(hi)));
        }
    }
    Ok(band)
}

/// Validates the inputs and options shared by forward and backward.
pub fn problem(p: &Attention) -> Result<Problem> {
    let (q, k, v) = (&p.q, &p.k, &p.v);
    for (t, arg) in [(q, "q"), (k, "k"), (v, "v")] {
        if t.shape().len() != 4 {
            return Err(Error::arg(
                arg,
                format!(
                    "must have 4 dimensions [batch, heads, seq_len, head_dim], got {} ({:?})",
                    t.shape().len(),
                    t.shape()
                ),
            ));
        }
        tensor_checks!(t, arg)?;
        if !t.dtype().is_float() {
            return Err(Error::arg(
                arg,
                format!("has dtype {}, needs f16, bf16 or f32", t.dtype()),
            ));
        }
    }
    let (qs, ks, vs) = (q.shape(), k.shape(), v.shape());
    if k.dtype() != q.dtype() || v.dtype() != q.dtype() {
        return Err(Error::arg(
            if k.dtype() != q.dtype() { "k" } else { "v" },
            format!(
                "q, k and v must share a dtype: q is {}, k is {}, v is {}",
                q.dtype(),
                k.dtype(),
                v.dtype()
            ),
        ));
    }
    for (t, arg) in [(k, "k"), (v, "v")] {
        if t.device() != q.device() {
            return Err(Error::arg(
                arg,
                format!("is on {:?} but q is on {:?}", t.device(), q.device()),
            ));
        }
    }
    if ks[0] != qs[0] || vs[0] != qs[0] {
        let (arg, n) = if ks[0] != qs[0] {
            ("k", ks[0])
        } else {
            ("v", vs[0])
        };
        return Err(Error::arg(
            arg,
            format!("has batch {n}, q has batch {}", qs[0]),
        ));
    }
    if vs[1] != ks[1] {
        return Err(Error::arg(
            "v",
            format!("has {} heads, k has {}", vs[1], ks[1]),
        ));
    }
    if qs[1] % ks[1] != 0 {
        return Err(Error::arg(
            "k",
            format!(
                "has {} heads; q's {} heads must be a multiple of it (GQA/MQA)",
                ks[1], qs[1]
            ),
        ));
    }
    if vs[2] != ks[2] {
        return Err(Error::arg(
            "v",
            format!("has {} rows, k has {}", vs[2], ks[2]),
        ));
    }
    if ks[3] != qs[3] {
        return Err(Error::arg(
            "k",
            format!("has head_dim {}, q has {}", ks[3], qs[3]),
        ));
    }
    for (arg, d) in [("q", qs[3]), ("v", vs[3])] {
        if d > MAX_HEAD_DIM {
            return Err(Error::arg(
                arg,
                format!("head_dim {d} is above the maximum {MAX_HEAD_DIM}"),
            ));
        }
    }
    let dims = Dims {
        batch: qs[0],
        heads_q: qs[1],
        heads_kv: ks[1],
        seq_q: qs[2],
        seq_kv: ks[2],
        head_dim: qs[3],
        head_dim_v: vs[3],
    };
    let device = q.device();
    let params = &p.params;

    let scale = match params.scale {
        Some(s) if !s.is_finite() => {
            return Err(Error::arg("scale", format!("is {s}; it must be finite")))
        }
        Some(s) => s,
        None => 1.0 / (dims.head_dim as f32).sqrt(),
    };
    let softcap = match params.softcap {
        None => None,
        Some(0.0) => None,
        Some(c) if c.is_finite() && c > 0.0 => Some(c),
        Some(c) => {
            return Err(Error::arg(
                "softcap",
                format!("is {c}; it must be a finite number > 0 (or 0 for none)"),
            ))
        }
    };
    if params.dropout_p != 0.0 {
        return Err(Error::arg(
            "dropout_p",
            format!(
                "is {}; dropout is not supported (use 0.0), as in FlashAttention-3",
                params.dropout_p
            ),
        ));
    }
    let band = check_band(p, &dims)?;

    let per_head = |arg: &'static str, t: &crate::tensor::TensorRef, allow_batch: bool| {
        tensor_checks!(t, arg)?;
        if t.dtype() != DType::F32 {
            return Err(Error::arg(
                arg,
                format!("has dtype {}, needs f32", t.dtype()),
            ));
        }
        if t.device() != device {
            return Err(Error::arg(
                arg,
                format!("is on {:?} but q is on {:?}", t.device(), device),
            ));
        }
        let s = t.shape();
        match s.len() {
            1 if s[0] == dims.heads_q => Ok(View4 {
                ptr: t.ptr(),
                dtype: DType::F32,
                strides: [0, t.strides()[0], 0, 0],
            }),
            2 if allow_batch && s == [dims.batch, dims.heads_q] => Ok(View4 {
                ptr: t.ptr(),
                dtype: DType::F32,
                strides: [t.strides()[0], t.strides()[1], 0, 0],
            }),
            _ => Err(Error::arg(
                arg,
                format!(
                    "has shape {:?}, needs [{}]{}",
                    s,
                    dims.heads_q,
                    if allow_batch {
                        format!(" or [{}, {}]", dims.batch, dims.heads_q)
                    } else {
                        String::new()
                    }
                ),
            )),
        }
    };
    let alibi = params
        .alibi_slopes
        .as_ref()
        .map(|t| per_head("alibi_slopes", t, true))
        .transpose()?;
    let sinks = params
        .sinks
        .as_ref()
        .map(|t| per_head("sinks", t, false))
        .transpose()?;

    let mask = match &params.mask {
        None => None,
        Some(m) => {
            let t = &m.tensor;
            if t.shape().is_empty() || t.shape().len() > 4 {
                return Err(Error::arg(
                    "mask",
                    format!("must have 1 to 4 dimensions, got {}", t.shape().len()),
                ));
            }
            tensor_checks!(t, "mask")?;
            if t.device() != device {
                return Err(Error::arg(
                    "mask",
                    format!("is on {:?} but q is on {:?}", t.device(), device),
                ));
            }
            if m.kind == MaskKind::Additive && !t.dtype().is_float() {
                return Err(Error::arg(
                    "mask",
                    format!(
                        "an additive mask needs f16, bf16 or f32 values, got {}",
                        t.dtype()
                    ),
                ));
            }
            let (strides, shape) = broadcast(
                "mask",
                t.shape(),
                t.strides(),
                [dims.batch, dims.heads_q, dims.seq_q, dims.seq_kv],
                ["batch", "heads", "seq_len_q", "seq_len_kv"],
            )?;
            Some(MaskView {
                kind: m.kind,
                view: View4 {
                    ptr: t.ptr(),
                    dtype: t.dtype(),
                    strides,
                },
                shape,
            })
        }
    };

    let block_mask = match &params.block_mask {
        None => None,
        Some(bm) => {
            if bm.block_q == 0 || bm.block_k == 0 {
                return Err(Error::arg(
                    "block_mask",
                    format!(
                        "block sizes must be >= 1, got block_q = {}, block_k = {}",
                        bm.block_q, bm.block_k
                    ),
                ));
            }
            let t = &bm.classes;
            tensor_checks!(t, "block_mask")?;
            if t.dtype() != DType::U8 {
                return Err(Error::arg(
                    "block_mask",
                    format!("class table has dtype {}, needs u8", t.dtype()),
                ));
            }
            if t.device() != device {
                return Err(Error::arg(
                    "block_mask",
                    format!("is on {:?} but q is on {:?}", t.device(), device),
                ));
            }
            let nq = dims.seq_q.div_ceil(bm.block_q);
            let nk = dims.seq_kv.div_ceil(bm.block_k);
            let (strides, shape) = broadcast(
                "block_mask",
                t.shape(),
                t.strides(),
                [dims.batch, dims.heads_q, nq, nk],
                ["batch", "heads", "query_blocks", "key_blocks"],
            )?;
            let view = BlockMaskView {
                block_q: bm.block_q,
                block_k: bm.block_k,
                view: View4 {
                    ptr: t.ptr(),
                    dtype: DType::U8,
                    strides,
                },
            };
            if device == Device::Cpu {
                check_block_classes(&view, shape)?;
            }
            Some(view)
        }
    };

    let view = |t: &crate::tensor::TensorRef| View4 {
        ptr: t.ptr(),
        dtype: t.dtype(),
        strides: strides4(t.strides()),
    };
    Ok(Problem {
        dims,
        device,
        input_dtype: q.dtype(),
        q: view(q),
        k: view(k),
        v: view(v),
        scale,
        band,
        softcap,
        alibi,
        sinks,
        mask,
        block_mask,
        deterministic: params.deterministic,
    })
}

fn check_block_classes(bm: &BlockMaskView, shape: [usize; 4]) -> Result<()> {
    for b in 0..shape[0] {
        for h in 0..shape[1] {
            for qb in 0..shape[2] {
                for kb in 0..shape[3] {
                    // SAFETY: the extent was checked by `check_extent`.
                    let x = unsafe { *bm.view.ptr.offset(bm.view.offset(b, h, qb, kb)) };
                    if BlockClass::from_u8(x).is_none() {
                        return Err(Error::arg(
                            "block_mask",
                            format!(
                                "entry [{b}, {h}, {qb}, {kb}] is {x}; classes are 0 (empty), 1 (partial), 2 (full)"
                            ),
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

fn span_of(arg: &'static str, t: &crate::tensor::TensorRef) -> Span {
    let (lo, hi) = t.layout().offset_range().unwrap_or((0, 0));
    let (ptr, size) = (t.ptr() as i128, t.dtype().size_bytes() as i128);
    Span {
        arg,
        device: t.device(),
        start: (ptr + lo * size) as usize,
        end: (ptr + (hi + 1) * size) as usize,
    }
}

fn input_spans(p: &Attention) -> Vec<Span> {
    let params = &p.params;
    let optional = [
        ("mask", params.mask.as_ref().map(|m| &m.tensor)),
        ("alibi_slopes", params.alibi_slopes.as_ref()),
        ("sinks", params.sinks.as_ref()),
        ("block_mask", params.block_mask.as_ref().map(|b| &b.classes)),
    ];
    [("q", &p.q), ("k", &p.k), ("v", &p.v)]
        .into_iter()
        .chain(
            optional
                .into_iter()
                .filter_map(|(arg, t)| t.map(|t| (arg, t))),
        )
        .map(|(arg, t)| span_of(arg, t))
        .collect()
}

fn out_view(
    arg: &'static str,
    t: &crate::tensor::TensorMut,
    expected: &[usize],
    axes: &[&str],
    device: Device,
    f32_only: bool,
) -> Result<View4Mut> {
    let v = in_view(arg, &t.as_ref(), expected, axes, device, f32_only)?;
    Ok(View4Mut {
        ptr: t.ptr(),
        dtype: v.dtype,
        strides: v.strides,
    })
}

fn in_view(
    arg: &'static str,
    t: &crate::tensor::TensorRef,
    expected: &[usize],
    axes: &[&str],
    device: Device,
    f32_only: bool,
) -> Result<View4> {
    check_shape(arg, t.shape(), expected, axes, "the problem")?;
    tensor_checks!(t, arg)?;
    if f32_only && t.dtype() != DType::F32 {
        return Err(Error::arg(
            arg,
            format!("has dtype {}, needs f32", t.dtype()),
        ));
    }
    if !t.dtype().is_float() {
        return Err(Error::arg(
            arg,
            format!("has dtype {}, needs f16, bf16 or f32", t.dtype()),
        ));
    }
    if t.device() != device {
        return Err(Error::arg(
            arg,
            format!("is on {:?} but q is on {:?}", t.device(), device),
        ));
    }
    Ok(View4 {
        ptr: t.ptr(),
        dtype: t.dtype(),
        strides: strides4(t.strides()),
    })
}

/// LSE views are `[B, H, S]`; as 4-D they get a zero stride on the last axis.
pub(crate) fn lse_strides(s: [isize; 4]) -> [isize; 4] {
    [s[1], s[2], s[3], 0]
}

/// Validates a forward call.
pub fn forward(p: &Attention, outs: &ForwardOutputs) -> Result<ForwardTask> {
    let problem = problem(p)?;
    let d = problem.dims;
    let out = out_view(
        "out",
        &outs.out,
        &[d.batch, d.heads_q, d.seq_q, d.head_dim_v],
        &QKV_AXES,
        problem.device,
        false,
    )?;
    let mut spans = vec![span_of("out", &outs.out.as_ref())];
    let lse = match &outs.lse {
        None => None,
        Some(t) => {
            let mut v = out_view(
                "lse",
                t,
                &[d.batch, d.heads_q, d.seq_q],
                &QKV_AXES[..3],
                problem.device,
                true,
            )?;
            v.strides = lse_strides(v.strides);
            spans.push(span_of("lse", &t.as_ref()));
            Some(v)
        }
    };
    check_no_overlap(&spans, &input_spans(p))?;
    Ok(ForwardTask { problem, out, lse })
}

/// Validates a backward call.
pub fn backward(p: &Attention, inputs: &BackwardInputs, grads: &Gradients) -> Result<BackwardTask> {
    let problem = problem(p)?;
    let d = problem.dims;
    let dev = problem.device;
    let o_shape = [d.batch, d.heads_q, d.seq_q, d.head_dim_v];
    let out = in_view("out", &inputs.out, &o_shape, &QKV_AXES, dev, false)?;
    let d_out = in_view("d_out", &inputs.d_out, &o_shape, &QKV_AXES, dev, false)?;
    let mut lse = in_view(
        "lse",
        &inputs.lse,
        &[d.batch, d.heads_q, d.seq_q],
        &QKV_AXES[..3],
        dev,
        true,
    )?;
    lse.strides = lse_strides(lse.strides);
    let d_lse = match &inputs.d_lse {
        None => None,
        Some(t) => {
            let mut v = in_view(
                "d_lse",
                t,
                &[d.batch, d.heads_q, d.seq_q],
                &QKV_AXES[..3],
                dev,
                true,
            )?;
            v.strides = lse_strides(v.strides);
            Some(v)
        }
    };
    let dq = out_view(
        "dq",
        &grads.dq,
        &[d.batch, d.heads_q, d.seq_q, d.head_dim],
        &QKV_AXES,
        dev,
        false,
    )?;
    let dk = out_view(
        "dk",
        &grads.dk,
        &[d.batch, d.heads_kv, d.seq_kv, d.head_dim],
        &QKV_AXES,
        dev,
        false,
    )?;
    let dv = out_view(
        "dv",
        &grads.dv,
        &[d.batch, d.heads_kv, d.seq_kv, d.head_dim_v],
        &QKV_AXES,
        dev,
        false,
    )?;
    let mut out_spans = vec![
        span_of("dq", &grads.dq.as_ref()),
        span_of("dk", &grads.dk.as_ref()),
        span_of("dv", &grads.dv.as_ref()),
    ];
    let d_sinks = match &grads.d_sinks {
        None => None,
        Some(t) => {
            if problem.sinks.is_none() {
                return Err(Error::arg(
                    "d_sinks",
                    "was given but the problem has no sinks",
                ));
            }
            let v = out_view("d_sinks", t, &[d.heads_q], &["heads"], dev, true)?;
            out_spans.push(span_of("d_sinks", &t.as_ref()));
            Some(View4Mut {
                strides: [0, v.strides[3], 0, 0],
                ..v
            })
        }
    };
    let d_bias = match &grads.d_bias {
        None => None,
        Some(t) => {
            let m = match &p.params.mask {
                Some(m) if m.kind == MaskKind::Additive => m,
                _ => {
                    return Err(Error::arg(
                        "d_bias",
                        "was given but the problem has no additive mask",
                    ))
                }
            };
            let shape = m.tensor.shape();
            let axes = &QKV_AXES[4 - shape.len()..];
            let mut v = out_view("d_bias", t, shape, axes, dev, true)?;
            out_spans.push(span_of("d_bias", &t.as_ref()));
            // Broadcast dimensions accumulate into their one element.
            let shape4 = problem.mask.map(|m| m.shape).unwrap_or([1; 4]);
            for (stride, n) in v.strides.iter_mut().zip(shape4) {
                if n == 1 {
                    *stride = 0;
                }
            }
            Some(v)
        }
    };
    let mut in_spans = input_spans(p);
    for (arg, t) in [
        ("out", &inputs.out),
        ("d_out", &inputs.d_out),
        ("lse", &inputs.lse),
    ] {
        in_spans.push(span_of(arg, t));
    }
    if let Some(t) = &inputs.d_lse {
        in_spans.push(span_of("d_lse", t));
    }
    check_no_overlap(&out_spans, &in_spans)?;
    Ok(BackwardTask {
        problem,
        out,
        d_out,
        lse,
        d_lse,
        dq,
        dk,
        dv,
        d_sinks,
        d_bias,
    })
}
