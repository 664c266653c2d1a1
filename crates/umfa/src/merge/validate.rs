//! Validation of the merge calls: shapes agree with the first part's, dtypes are allowed, every
//! tensor lies inside its buffer on one device, and no output shares memory with an input,
//! another output, or itself (an output cannot broadcast). Errors name the tensor, with its
//! index among the parts.

use super::task::{MergeBackwardTask, MergeDims, MergeGradView, MergePartView, MergeTask};
use super::{MergeBackwardInputs, MergeOutputs, MergePart, MergePartGrads};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::problem::{View4, View4Mut};
use crate::tensor::{Device, Layout, TensorMut, TensorRef};
use crate::validate::{check_extent, lse_strides, strides4};

const O_AXES: [&str; 4] = ["batch", "heads", "seq_len", "head_dim"];

/// A tensor's name in messages: `arg` is the API argument (`"parts"`), `label` the tensor
/// (`"parts[2].lse"`).
#[derive(Clone)]
struct Name {
    arg: &'static str,
    label: String,
}

fn name(arg: &'static str, label: impl Into<String>) -> Name {
    Name {
        arg,
        label: label.into(),
    }
}

impl Name {
    fn err(&self, reason: impl std::fmt::Display) -> Error {
        if self.label == self.arg {
            Error::arg(self.arg, reason.to_string())
        } else {
            Error::arg(self.arg, format!("{}: {reason}", self.label))
        }
    }

    /// The shared extent check, its message prefixed with this tensor's label.
    fn extent(&self, t: &TensorRef) -> Result<()> {
        check_extent(
            self.arg,
            t.ptr().is_null(),
            t.len_bytes(),
            t.dtype(),
            t.layout(),
        )
        .map_err(|e| match e {
            Error::InvalidArgument { reason, .. } => self.err(reason),
            other => other,
        })
    }
}

/// What a tensor must be: its exact shape and whether only f32 is allowed.
fn check_tensor(
    n: &Name,
    t: &TensorRef,
    expected: &[usize],
    f32_only: bool,
    device: Device,
) -> Result<()> {
    let shape = t.shape();
    let axes = &O_AXES[..expected.len()];
    if shape.len() != expected.len() {
        return Err(n.err(format!(
            "must have {} dimensions [{}], got {} ({shape:?})",
            expected.len(),
            axes.join(", "),
            shape.len()
        )));
    }
    if let Some(d) = (0..shape.len()).find(|&d| shape[d] != expected[d]) {
        return Err(n.err(format!(
            "has {} = {} but the first part needs {} (shape {shape:?}, expected {expected:?})",
            axes[d], shape[d], expected[d]
        )));
    }
    n.extent(t)?;
    if f32_only && t.dtype() != DType::F32 {
        return Err(n.err(format!(
            "has dtype {}, needs f32 (log-sum-exps are f32, natural log)",
            t.dtype()
        )));
    }
    if !t.dtype().is_float() {
        return Err(n.err(format!("has dtype {}, needs f16, bf16 or f32", t.dtype())));
    }
    if t.device() != device {
        return Err(n.err(format!(
            "is on {:?} but the first part is on {device:?}",
            t.device()
        )));
    }
    Ok(())
}

fn view(t: &TensorRef) -> View4 {
    View4 {
        ptr: t.ptr(),
        dtype: t.dtype(),
        strides: strides4(t.strides()),
    }
}

fn lse_view(t: &TensorRef) -> View4 {
    View4 {
        strides: lse_strides(strides4(t.strides())),
        ..view(t)
    }
}

fn as_mut(v: View4) -> View4Mut {
    View4Mut {
        ptr: v.ptr as *mut u8,
        dtype: v.dtype,
        strides: v.strides,
    }
}

/// The sizes every tensor of the call must share, from the first part's `O`.
fn dims_of(parts: &[MergePart]) -> Result<(MergeDims, Device)> {
    let first = parts
        .first()
        .ok_or_else(|| Error::arg("parts", "is empty; merge needs at least one part"))?;
    let shape = first.out.shape();
    if shape.len() != 4 {
        return Err(name("parts", "parts[0].out").err(format!(
            "must have 4 dimensions [{}], got {} ({shape:?})",
            O_AXES.join(", "),
            shape.len()
        )));
    }
    let dims = MergeDims {
        batch: shape[0],
        heads: shape[1],
        seq: shape[2],
        head_dim: shape[3],
    };
    Ok((dims, first.out.device()))
}

fn o_shape(d: &MergeDims) -> [usize; 4] {
    [d.batch, d.heads, d.seq, d.head_dim]
}

fn lse_shape(d: &MergeDims) -> [usize; 3] {
    [d.batch, d.heads, d.seq]
}

/// Checks and views the parts; `arg` names them (`"parts"`, or `"part"` for `merge_into`).
fn part_views(
    arg: &'static str,
    parts: &[MergePart],
    dims: &MergeDims,
    device: Device,
    spans: &mut Vec<Span>,
) -> Result<Vec<MergePartView>> {
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let label = |what: &str| {
                if arg == "parts" {
                    format!("parts[{i}].{what}")
                } else {
                    format!("{arg}.{what}")
                }
            };
            let (no, nl) = (name(arg, label("out")), name(arg, label("lse")));
            check_tensor(&no, &p.out, &o_shape(dims), false, device)?;
            check_tensor(&nl, &p.lse, &lse_shape(dims), true, device)?;
            spans.push(Span::of(no, &p.out));
            spans.push(Span::of(nl, &p.lse));
            Ok(MergePartView {
                out: view(&p.out),
                lse: lse_view(&p.lse),
            })
        })
        .collect()
}

/// The memory a view reaches, as a byte range.
struct Span {
    name: Name,
    device: Device,
    start: i128,
    end: i128,
}

impl Span {
    fn of(name: Name, t: &TensorRef) -> Span {
        let (lo, hi) = t.layout().offset_range().unwrap_or((0, 0));
        let (ptr, size) = (t.ptr() as usize as i128, t.dtype().size_bytes() as i128);
        Span {
            name,
            device: t.device(),
            start: ptr + lo * size,
            end: ptr + (hi + 1) * size,
        }
    }
}

/// No output may share memory with an input or another output: a write would corrupt a read.
fn check_no_overlap(outputs: &[Span], inputs: &[Span]) -> Result<()> {
    for (k, o) in outputs.iter().enumerate() {
        for other in inputs.iter().chain(&outputs[k + 1..]) {
            if o.device == other.device && o.start < other.end && other.start < o.end {
                return Err(o.name.err(format!(
                    "shares memory with {}; outputs must not alias inputs or each other",
                    other.name.label
                )));
            }
        }
    }
    Ok(())
}

/// An output must give each element its own memory: no stride 0 on a dimension of size > 1
/// (broadcast), and no dimension's stride inside the span of the smaller ones. (The test is
/// sufficient, not necessary: layouts that interleave dimensions in stranger ways are refused.)
fn check_distinct_elements(n: &Name, layout: &Layout) -> Result<()> {
    let mut dims: Vec<(usize, usize)> = layout
        .shape()
        .iter()
        .zip(layout.strides())
        .enumerate()
        .filter(|(_, (&size, _))| size > 1)
        .map(|(d, (_, &stride))| (d, stride.unsigned_abs()))
        .collect();
    dims.sort_by_key(|&(_, stride)| stride);
    let mut span = 0usize;
    for (d, stride) in dims {
        if stride == 0 {
            return Err(n.err(format!(
                "has stride 0 on dimension {d} (size {}): an output cannot broadcast, each \
                 element needs its own memory",
                layout.shape()[d]
            )));
        }
        if stride <= span {
            return Err(n.err(format!(
                "strides {:?} make elements share memory (dimension {d}'s stride {stride} lies \
                 within the span of the smaller dimensions)",
                layout.strides()
            )));
        }
        span = span.saturating_add((layout.shape()[d] - 1).saturating_mul(stride));
    }
    Ok(())
}

/// Checks an output tensor and returns its view.
fn output(
    n: Name,
    t: &TensorMut,
    expected: &[usize],
    f32_only: bool,
    device: Device,
    spans: &mut Vec<Span>,
) -> Result<View4Mut> {
    let r = t.as_ref();
    check_tensor(&n, &r, expected, f32_only, device)?;
    check_distinct_elements(&n, t.layout())?;
    let v = if expected.len() == 3 {
        lse_view(&r)
    } else {
        view(&r)
    };
    spans.push(Span::of(n, &r));
    Ok(as_mut(v))
}

/// Validates `merge(parts, outs)`.
pub fn merge(parts: &[MergePart], outs: &MergeOutputs) -> Result<MergeTask> {
    let (dims, device) = dims_of(parts)?;
    let mut inputs = Vec::new();
    let part_views = part_views("parts", parts, &dims, device, &mut inputs)?;
    let mut outputs = Vec::new();
    let out = output(
        name("out", "out"),
        &outs.out,
        &o_shape(&dims),
        false,
        device,
        &mut outputs,
    )?;
    let lse = outs
        .lse
        .as_ref()
        .map(|t| {
            output(
                name("lse", "lse"),
                t,
                &lse_shape(&dims),
                true,
                device,
                &mut outputs,
            )
        })
        .transpose()?;
    check_no_overlap(&outputs, &inputs)?;
    Ok(MergeTask {
        dims,
        device,
        parts: part_views,
        out,
        lse,
        in_place: false,
    })
}

/// Validates `merge_into(acc_out, acc_lse, part)`: the accumulator is both the first part and
/// the output.
pub fn merge_into(acc_out: &TensorMut, acc_lse: &TensorMut, part: &MergePart) -> Result<MergeTask> {
    let acc_part = MergePart {
        out: acc_out.as_ref(),
        lse: acc_lse.as_ref(),
    };
    let shape = acc_out.shape();
    if shape.len() != 4 {
        return Err(Error::arg(
            "acc_out",
            format!(
                "must have 4 dimensions [{}], got {} ({shape:?})",
                O_AXES.join(", "),
                shape.len()
            ),
        ));
    }
    let (dims, device) = dims_of(std::slice::from_ref(&acc_part))?;
    let mut outputs = Vec::new();
    let out = output(
        name("acc_out", "acc_out"),
        acc_out,
        &o_shape(&dims),
        false,
        device,
        &mut outputs,
    )?;
    let lse = output(
        name("acc_lse", "acc_lse"),
        acc_lse,
        &lse_shape(&dims),
        true,
        device,
        &mut outputs,
    )?;
    let mut inputs = Vec::new();
    let mut views = part_views(
        "part",
        std::slice::from_ref(part),
        &dims,
        device,
        &mut inputs,
    )?;
    check_no_overlap(&outputs, &inputs)?;
    let acc = MergePartView {
        out: out.as_view(),
        lse: lse.as_view(),
    };
    views.insert(0, acc);
    Ok(MergeTask {
        dims,
        device,
        parts: views,
        out,
        lse: Some(lse),
        in_place: true,
    })
}

/// Validates `merge_backward(parts, inputs, grads)`.
pub fn merge_backward(
    parts: &[MergePart],
    inputs: &MergeBackwardInputs,
    grads: &[MergePartGrads],
) -> Result<MergeBackwardTask> {
    let (dims, device) = dims_of(parts)?;
    let mut in_spans = Vec::new();
    let part_views = part_views("parts", parts, &dims, device, &mut in_spans)?;
    let nd = name("d_out", "d_out");
    check_tensor(&nd, &inputs.d_out, &o_shape(&dims), false, device)?;
    in_spans.push(Span::of(nd, &inputs.d_out));
    let d_lse = match &inputs.d_lse {
        None => None,
        Some(t) => {
            let n = name("d_lse", "d_lse");
            check_tensor(&n, t, &lse_shape(&dims), true, device)?;
            in_spans.push(Span::of(n, t));
            Some(lse_view(t))
        }
    };
    if grads.len() != parts.len() {
        return Err(Error::arg(
            "grads",
            format!(
                "has {} entries but there are {} parts; give one (possibly empty) entry per part",
                grads.len(),
                parts.len()
            ),
        ));
    }
    let mut out_spans = Vec::new();
    let grads = grads
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let d_out = g
                .d_out
                .as_ref()
                .map(|t| {
                    let n = name("grads", format!("grads[{i}].d_out"));
                    output(n, t, &o_shape(&dims), false, device, &mut out_spans)
                })
                .transpose()?;
            let d_lse = g
                .d_lse
                .as_ref()
                .map(|t| {
                    let n = name("grads", format!("grads[{i}].d_lse"));
                    output(n, t, &lse_shape(&dims), true, device, &mut out_spans)
                })
                .transpose()?;
            Ok(MergeGradView { d_out, d_lse })
        })
        .collect::<Result<Vec<_>>>()?;
    check_no_overlap(&out_spans, &in_spans)?;
    Ok(MergeBackwardTask {
        dims,
        device,
        parts: part_views,
        d_out: view(&inputs.d_out),
        d_lse,
        grads,
    })
}
