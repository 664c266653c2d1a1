//! Host tensors on the CUDA backend: each buffer is copied to the device whole (so strides and
//! offsets stay as they are), the problem is validated again on the device views, run, and the
//! outputs (forward or backward) are copied back whole (bytes the kernel must not touch come back unchanged, so stray
//! writes show). This path allocates; the device-pointer path does not.

use super::driver::{synchronize, DeviceBuffer};
use super::CudaBackend;
use crate::backend::Backend;
use crate::error::Result;
use crate::params::{
    Attention, AttentionParams, BackwardInputs, BlockMask, ForwardOutputs, Gradients, Mask,
};
use crate::tensor::{Device, TensorMut, TensorRef};
use crate::validate;

/// The bytes a host view may reach.
fn host_bytes<'a>(t: &TensorRef<'a>) -> &'a [u8] {
    // SAFETY: a host view points at `len_bytes` readable bytes for its lifetime.
    unsafe { std::slice::from_raw_parts(t.ptr(), t.len_bytes()) }
}

struct Staged {
    buf: DeviceBuffer,
    view: TensorRef<'static>,
}

fn stage(t: &TensorRef, device: Device) -> Result<Staged> {
    let buf = DeviceBuffer::from_host(host_bytes(t))?;
    // SAFETY: the buffer holds `len_bytes` bytes and outlives every use of the view (both live
    // in `Staged`, and views are dropped before the buffers at the end of `forward_host`).
    let view = unsafe {
        TensorRef::from_raw(
            buf.device_ptr() as *const u8,
            t.len_bytes(),
            device,
            t.dtype(),
            *t.layout(),
        )
    };
    Ok(Staged { buf, view })
}

fn stage_out(t: &TensorMut, device: Device) -> Result<(DeviceBuffer, TensorMut<'static>)> {
    let staged = stage(&t.as_ref(), device)?;
    // SAFETY: as in `stage`; the device buffer is written only through this view.
    let view = unsafe {
        TensorMut::from_raw(
            staged.buf.device_ptr() as *mut u8,
            t.len_bytes(),
            device,
            t.dtype(),
            *t.layout(),
        )
    };
    Ok((staged.buf, view))
}

fn copy_back(buf: &DeviceBuffer, t: &mut TensorMut) -> Result<()> {
    // SAFETY: a host output view points at `len_bytes` writable bytes, exclusively borrowed.
    let dst = unsafe { std::slice::from_raw_parts_mut(t.ptr(), t.len_bytes()) };
    buf.to_host(dst)
}

/// The attention inputs of a host call, copied to the device, and the device-side `Attention`.
struct StagedAttention {
    _bufs: Vec<Staged>,
    attn: Attention<'static>,
}

fn stage_attention(attn: &Attention, dev: Device) -> Result<StagedAttention> {
    let p = &attn.params;
    let q = stage(&attn.q, dev)?;
    let k = stage(&attn.k, dev)?;
    let v = stage(&attn.v, dev)?;
    let alibi = p.alibi_slopes.as_ref().map(|t| stage(t, dev)).transpose()?;
    let sinks = p.sinks.as_ref().map(|t| stage(t, dev)).transpose()?;
    let mask = p.mask.as_ref().map(|m| stage(&m.tensor, dev)).transpose()?;
    let blocks = p
        .block_mask
        .as_ref()
        .map(|b| stage(&b.classes, dev))
        .transpose()?;
    let params = AttentionParams {
        alibi_slopes: alibi.as_ref().map(|s| s.view),
        sinks: sinks.as_ref().map(|s| s.view),
        mask: p.mask.as_ref().zip(mask.as_ref()).map(|(m, s)| Mask {
            kind: m.kind,
            tensor: s.view,
        }),
        block_mask: p
            .block_mask
            .as_ref()
            .zip(blocks.as_ref())
            .map(|(b, s)| BlockMask {
                block_q: b.block_q,
                block_k: b.block_k,
                classes: s.view,
            }),
        ..*p
    };
    let dev_attn = Attention::new(q.view, k.view, v.view).with_params(params);
    let bufs = [Some(q), Some(k), Some(v), alibi, sinks, mask, blocks]
        .into_iter()
        .flatten()
        .collect();
    Ok(StagedAttention {
        _bufs: bufs,
        attn: dev_attn,
    })
}

/// An optional output staged on the device.
fn stage_opt_out(
    t: &Option<TensorMut>,
    dev: Device,
) -> Result<(Option<DeviceBuffer>, Option<TensorMut<'static>>)> {
    Ok(match t.as_ref().map(|t| stage_out(t, dev)).transpose()? {
        Some((b, v)) => (Some(b), Some(v)),
        None => (None, None),
    })
}

fn copy_back_opt(buf: &Option<DeviceBuffer>, t: &mut Option<TensorMut>) -> Result<()> {
    if let (Some(buf), Some(t)) = (buf, t.as_mut()) {
        copy_back(buf, t)?;
    }
    Ok(())
}

pub(crate) fn forward_host(
    be: &CudaBackend,
    attn: &Attention,
    outs: &mut ForwardOutputs,
) -> Result<()> {
    let host_task = validate::forward(attn, outs)?;
    if host_task.problem.device != Device::Cpu {
        // Already on a device: run where it is.
        return be.run_forward(&host_task, 0);
    }
    be.gpu.bind()?;
    let dev = be.device();
    let staged = stage_attention(attn, dev)?;
    let (out_buf, out_view) = stage_out(&outs.out, dev)?;
    let (lse_buf, lse_view) = stage_opt_out(&outs.lse, dev)?;
    let dev_outs = ForwardOutputs {
        out: out_view,
        lse: lse_view,
    };
    let task = validate::forward(&staged.attn, &dev_outs)?;
    be.run_forward(&task, 0)?;
    synchronize(0)?;
    copy_back(&out_buf, &mut outs.out)?;
    copy_back_opt(&lse_buf, &mut outs.lse)
}

pub(crate) fn backward_host(
    be: &CudaBackend,
    attn: &Attention,
    inputs: &BackwardInputs,
    grads: &mut Gradients,
) -> Result<()> {
    let host_task = validate::backward(attn, inputs, grads)?;
    if host_task.problem.device != Device::Cpu {
        return be.run_backward(&host_task, 0);
    }
    be.gpu.bind()?;
    let dev = be.device();
    let staged = stage_attention(attn, dev)?;
    let out = stage(&inputs.out, dev)?;
    let d_out = stage(&inputs.d_out, dev)?;
    let lse = stage(&inputs.lse, dev)?;
    let d_lse = inputs.d_lse.as_ref().map(|t| stage(t, dev)).transpose()?;
    let (dq_buf, dq) = stage_out(&grads.dq, dev)?;
    let (dk_buf, dk) = stage_out(&grads.dk, dev)?;
    let (dv_buf, dv) = stage_out(&grads.dv, dev)?;
    let (ds_buf, d_sinks) = stage_opt_out(&grads.d_sinks, dev)?;
    let (db_buf, d_bias) = stage_opt_out(&grads.d_bias, dev)?;
    let dev_inputs = BackwardInputs {
        out: out.view,
        d_out: d_out.view,
        lse: lse.view,
        d_lse: d_lse.as_ref().map(|s| s.view),
    };
    let dev_grads = Gradients {
        dq,
        dk,
        dv,
        d_sinks,
        d_bias,
    };
    let task = validate::backward(&staged.attn, &dev_inputs, &dev_grads)?;
    be.run_backward(&task, 0)?;
    synchronize(0)?;
    copy_back(&dq_buf, &mut grads.dq)?;
    copy_back(&dk_buf, &mut grads.dk)?;
    copy_back(&dv_buf, &mut grads.dv)?;
    copy_back_opt(&ds_buf, &mut grads.d_sinks)?;
    copy_back_opt(&db_buf, &mut grads.d_bias)
}
