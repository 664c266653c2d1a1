//! Host tensors on the CUDA backend: each buffer is copied to the device whole (so strides and
//! offsets stay as they are), the problem is validated again on the device views, run, and the
//! outputs are copied back whole (bytes the kernel must not touch come back unchanged, so stray
//! writes show). This path allocates; the device-pointer path does not.

use super::driver::{synchronize, DeviceBuffer};
use super::CudaBackend;
use crate::backend::Backend;
use crate::error::Result;
use crate::params::{Attention, AttentionParams, BlockMask, ForwardOutputs, Mask};
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
    let (out_buf, out_view) = stage_out(&outs.out, dev)?;
    let lse = outs.lse.as_ref().map(|t| stage_out(t, dev)).transpose()?;
    let (lse_buf, lse_view) = match lse {
        Some((b, v)) => (Some(b), Some(v)),
        None => (None, None),
    };
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
    let dev_outs = ForwardOutputs {
        out: out_view,
        lse: lse_view,
    };
    let task = validate::forward(&dev_attn, &dev_outs)?;
    be.run_forward(&task, 0)?;
    synchronize(0)?;
    copy_back(&out_buf, &mut outs.out)?;
    if let (Some(buf), Some(t)) = (&lse_buf, outs.lse.as_mut()) {
        copy_back(buf, t)?;
    }
    Ok(())
}
