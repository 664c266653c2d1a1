//! The merge of partial attention results by LSE through the C ABI (docs/merge.md): the
//! building block of ring attention, split-KV decoding and context parallelism. Tensors are
//! `mfa_tensor_t` descriptors; the parts come as two arrays of `num_parts` descriptors.

use crate::context::{ctx_ref, mfa_context_t, Context};
use crate::descriptor::{mfa_tensor_t, read_tensor, Raw};
use crate::error::{guard, mfa_error_t, Failure, Outcome};
use std::ffi::c_void;
use std::time::Instant;
use umfa_core::merge::validate;
use umfa_core::{Device, MergeBackwardInputs, MergeOutputs, MergePart, MergePartGrads};

/// The most parts one call takes here (the CUDA kernels take at most 16; see mfa_merge).
const MAX_PARTS: u32 = 1 << 16;

/// Reads `n` descriptors from the array `ts`; an entry whose `data` is NULL is `None` when
/// `optional` (a gradient not wanted).
unsafe fn read_array(
    ts: *const mfa_tensor_t,
    n: u32,
    arg: &'static str,
    optional: bool,
) -> Outcome<Vec<Option<Raw>>> {
    if ts.is_null() {
        return Err(Failure::arg(arg, format!("is NULL but num_parts is {n}")));
    }
    (0..n as usize)
        .map(|i| {
            let t = ts.add(i);
            if optional && (*t).data.is_null() {
                return Ok(None);
            }
            read_tensor(t, &format!("{arg}[{i}]")).map(Some)
        })
        .collect()
}

fn check_parts(num_parts: u32) -> Outcome {
    if num_parts == 0 {
        return Err(Failure::arg(
            "num_parts",
            "is 0; merge needs at least one part",
        ));
    }
    if num_parts > MAX_PARTS {
        return Err(Failure::arg(
            "num_parts",
            format!("is {num_parts}, more than any call takes ({MAX_PARTS})"),
        ));
    }
    Ok(())
}

/// Reads the parts: `outs[n]` and `lses[n]` for n < num_parts.
unsafe fn read_parts(
    outs: *const mfa_tensor_t,
    lses: *const mfa_tensor_t,
    num_parts: u32,
) -> Outcome<Vec<(Raw, Raw)>> {
    check_parts(num_parts)?;
    let o = read_array(outs, num_parts, "part_outs", false)?;
    let l = read_array(lses, num_parts, "part_lses", false)?;
    Ok(o.into_iter()
        .zip(l)
        .map(|(o, l)| (o.expect("required"), l.expect("required")))
        .collect())
}

unsafe fn part_views<'a>(raws: &[(Raw, Raw)]) -> Vec<MergePart<'a>> {
    raws.iter()
        .map(|(o, l)| MergePart {
            out: o.view(),
            lse: l.view(),
        })
        .collect()
}

/// Host tensors run through the backend's host call (GPU backends may stage them); tensors on
/// a device must be on the context's.
fn check_device(ctx: &Context, device: Device) -> Outcome {
    if device != Device::Cpu && device != ctx.backend.device() {
        return Err(Failure::arg(
            "part_outs",
            format!(
                "are on {device:?} but this context computes on the {} backend ({:?})",
                ctx.backend.kind(),
                ctx.backend.device()
            ),
        ));
    }
    Ok(())
}

fn run_forward(ctx: &Context, task: &umfa_core::merge::MergeTask, stream: *mut c_void) -> Outcome {
    check_device(ctx, task.device)?;
    let start = Instant::now();
    if task.device == Device::Cpu {
        ctx.backend.merge_host(task)?;
    } else {
        ctx.backend.run_merge(task, stream as usize)?;
    }
    ctx.record_latency(start.elapsed().as_secs_f64());
    Ok(())
}

/// Merges `num_parts` partial attention results of the same queries over disjoint key sets:
/// `part_outs[n]` is O_n [B,H,S,Dv] (f16, bf16 or f32, any strides), `part_lses[n]` its LSE_n
/// [B,H,S] (f32, natural log, -INFINITY where the part saw no key). Writes
/// LSE = log(sum_n exp(LSE_n)) into `lse` (may be NULL) and O = sum_n exp(LSE_n - LSE) * O_n
/// into `out` (its dtype is the output dtype), computed in f32. A row where every part's LSE is
/// -INFINITY gives O = 0 and LSE = -INFINITY; a part whose LSE is -INFINITY is not read.
/// Outputs must not share memory with the parts, each other, or themselves.
///
/// `stream` is the CUDA stream for tensors on a CUDA device (NULL: the default stream); host
/// tensors run synchronously. The CUDA kernels take at most 16 parts per call (merge is
/// associative: merge groups, then the groups' results with their LSEs); the CPU has no limit.
#[no_mangle]
pub unsafe extern "C" fn mfa_merge(
    context: mfa_context_t,
    part_outs: *const mfa_tensor_t,
    part_lses: *const mfa_tensor_t,
    num_parts: u32,
    out: *const mfa_tensor_t,
    lse: *const mfa_tensor_t,
    stream: *mut c_void,
) -> mfa_error_t {
    guard("mfa_merge", || {
        let ctx = ctx_ref(context, "context")?;
        let parts = read_parts(part_outs, part_lses, num_parts)?;
        let out = read_tensor(out, "out")?;
        let lse = if lse.is_null() {
            None
        } else {
            Some(read_tensor(lse, "lse")?)
        };
        let outs = MergeOutputs {
            out: out.view_mut(),
            lse: lse.as_ref().map(|t| t.view_mut()),
        };
        let task = validate::merge(&part_views(&parts), &outs)?;
        run_forward(ctx, &task, stream)
    })
}

/// Accumulates one part into (acc_out, acc_lse) in place, the step of a ring-attention loop:
/// afterwards they hold the merge of what they held and the part. Start with acc_lse filled
/// with -INFINITY (acc_out is then not read and needs no initialising); an f32 acc_out keeps the
/// steps from rounding to 16 bits each time. The part must not share memory with the
/// accumulator. `stream` as in mfa_merge.
#[no_mangle]
pub unsafe extern "C" fn mfa_merge_into(
    context: mfa_context_t,
    acc_out: *const mfa_tensor_t,
    acc_lse: *const mfa_tensor_t,
    part_out: *const mfa_tensor_t,
    part_lse: *const mfa_tensor_t,
    stream: *mut c_void,
) -> mfa_error_t {
    guard("mfa_merge_into", || {
        let ctx = ctx_ref(context, "context")?;
        let (acc_o, acc_l) = (
            read_tensor(acc_out, "acc_out")?,
            read_tensor(acc_lse, "acc_lse")?,
        );
        let (po, pl) = (
            read_tensor(part_out, "part_out")?,
            read_tensor(part_lse, "part_lse")?,
        );
        let part = MergePart {
            out: po.view(),
            lse: pl.view(),
        };
        let task = validate::merge_into(&acc_o.view_mut(), &acc_l.view_mut(), &part)?;
        run_forward(ctx, &task, stream)
    })
}

/// The backward of mfa_merge: from the parts, the upstream gradient `d_out` [B,H,S,Dv] and,
/// if the merged LSE was used, `d_lse` [B,H,S] f32 (NULL: none), writes for each part
/// dO_n = w_n * dO into `d_part_outs[n]` and dLSE_n = w_n * (dO . (O_n - O) + dLSE) into
/// `d_part_lses[n]` (f32), with w_n = exp(LSE_n - LSE). Either array may be NULL (that
/// gradient is not wanted), and so may an entry's `data` (not wanted for that part). Rows that
/// saw no key, and parts of weight 0, get zeros. The merged O and LSE are not inputs: the call
/// recomputes the weights from the parts.
#[no_mangle]
pub unsafe extern "C" fn mfa_merge_backward(
    context: mfa_context_t,
    part_outs: *const mfa_tensor_t,
    part_lses: *const mfa_tensor_t,
    num_parts: u32,
    d_out: *const mfa_tensor_t,
    d_lse: *const mfa_tensor_t,
    d_part_outs: *const mfa_tensor_t,
    d_part_lses: *const mfa_tensor_t,
    stream: *mut c_void,
) -> mfa_error_t {
    guard("mfa_merge_backward", || {
        let ctx = ctx_ref(context, "context")?;
        let parts = read_parts(part_outs, part_lses, num_parts)?;
        let d_out = read_tensor(d_out, "d_out")?;
        let d_lse = if d_lse.is_null() {
            None
        } else {
            Some(read_tensor(d_lse, "d_lse")?)
        };
        let optional_array = |ts: *const mfa_tensor_t, arg| -> Outcome<Vec<Option<Raw>>> {
            if ts.is_null() {
                Ok((0..num_parts).map(|_| None).collect())
            } else {
                read_array(ts, num_parts, arg, true)
            }
        };
        let g_out = optional_array(d_part_outs, "d_part_outs")?;
        let g_lse = optional_array(d_part_lses, "d_part_lses")?;
        let grads: Vec<MergePartGrads> = g_out
            .iter()
            .zip(&g_lse)
            .map(|(o, l)| MergePartGrads {
                d_out: o.as_ref().map(|t| t.view_mut()),
                d_lse: l.as_ref().map(|t| t.view_mut()),
            })
            .collect();
        let inputs = MergeBackwardInputs {
            d_out: d_out.view(),
            d_lse: d_lse.as_ref().map(|t| t.view()),
        };
        let task = validate::merge_backward(&part_views(&parts), &inputs, &grads)?;
        check_device(ctx, task.device)?;
        let start = Instant::now();
        if task.device == Device::Cpu {
            ctx.backend.merge_backward_host(&task)?;
        } else {
            ctx.backend.run_merge_backward(&task, stream as usize)?;
        }
        ctx.record_latency(start.elapsed().as_secs_f64());
        Ok(())
    })
}
