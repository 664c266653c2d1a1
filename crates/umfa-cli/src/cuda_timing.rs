//! Kernel timings on the CUDA backend: operands resident on the device, each call between its own
//! pair of CUDA events, all calls queued before the first wait (as triton's `do_bench`), so the
//! numbers are the kernels' and not the host staging's.

use crate::common::HostTensor;
use indicatif::ProgressBar;
use umfa::cuda::{synchronize, DeviceBuffer, EventTimer};
use umfa::{
    validate, AttentionParams, Backend, BackwardInputs, DType, Device, ForwardOutputs, Gradients,
    Layout, TensorMut, TensorRef,
};

/// A device copy of a host tensor, or uninitialised device memory of its size.
struct Dev {
    buf: DeviceBuffer,
    dtype: DType,
    shape: Vec<usize>,
    device: Device,
}

impl Dev {
    fn upload(t: &HostTensor, device: Device) -> umfa::Result<Dev> {
        Ok(Dev {
            buf: DeviceBuffer::from_host(t.bytes())?,
            dtype: t.dtype(),
            shape: t.shape.clone(),
            device,
        })
    }
    fn alloc(like: &HostTensor, device: Device) -> umfa::Result<Dev> {
        Ok(Dev {
            buf: DeviceBuffer::alloc(like.bytes().len())?,
            dtype: like.dtype(),
            shape: like.shape.clone(),
            device,
        })
    }
    fn layout(&self) -> Layout {
        Layout::contiguous(&self.shape).expect("at most 4-D")
    }
    fn view(&self) -> TensorRef<'_> {
        // SAFETY: the buffer holds `len` bytes on `device` and outlives the view.
        unsafe {
            TensorRef::from_raw(
                self.buf.device_ptr() as *const u8,
                self.buf.len(),
                self.device,
                self.dtype,
                self.layout(),
            )
        }
    }
    fn view_mut(&self) -> TensorMut<'_> {
        // SAFETY: as `view`; kernels are the only writers and the host waits before reading.
        unsafe {
            TensorMut::from_raw(
                self.buf.device_ptr() as *mut u8,
                self.buf.len(),
                self.device,
                self.dtype,
                self.layout(),
            )
        }
    }
    fn download(&self, t: &mut HostTensor) -> umfa::Result<()> {
        self.buf.to_host(t.bytes_mut())
    }
}

/// `warmup` untimed calls, then `reps` calls each between two events; seconds per call.
fn time_events(
    warmup: usize,
    reps: usize,
    pb: &ProgressBar,
    call: impl Fn() -> umfa::Result<()>,
) -> umfa::Result<Vec<f64>> {
    for _ in 0..warmup {
        call()?;
        pb.inc(1);
    }
    synchronize(0)?;
    let timers = (0..reps)
        .map(|_| EventTimer::new())
        .collect::<umfa::Result<Vec<_>>>()?;
    for t in &timers {
        t.start(0)?;
        call()?;
        t.stop(0)?;
    }
    let mut secs = Vec::with_capacity(reps);
    for t in &timers {
        secs.push(t.elapsed_ms()? as f64 * 1e-3);
        pb.inc(1);
    }
    Ok(secs)
}

/// Times the forward on device copies of `q, k, v`; leaves the last result in `out` and `lse`.
#[allow(clippy::too_many_arguments)]
pub fn forward(
    be: &dyn Backend,
    params: AttentionParams<'static>,
    (q, k, v): (&HostTensor, &HostTensor, &HostTensor),
    out: &mut HostTensor,
    lse: &mut HostTensor,
    warmup: usize,
    reps: usize,
    pb: &ProgressBar,
) -> umfa::Result<Vec<f64>> {
    let dev = be.device();
    let (dq, dk, dv) = (
        Dev::upload(q, dev)?,
        Dev::upload(k, dev)?,
        Dev::upload(v, dev)?,
    );
    let (dout, dlse) = (Dev::alloc(out, dev)?, Dev::alloc(lse, dev)?);
    let attn = umfa::Attention::new(dq.view(), dk.view(), dv.view()).with_params(params);
    let outs = ForwardOutputs {
        out: dout.view_mut(),
        lse: Some(dlse.view_mut()),
    };
    let task = validate::forward(&attn, &outs)?;
    let secs = time_events(warmup, reps, pb, || be.run_forward(&task, 0))?;
    synchronize(0)?;
    dout.download(out)?;
    dlse.download(lse)?;
    Ok(secs)
}

/// Times the backward on device copies of its inputs.
#[allow(clippy::too_many_arguments)]
pub fn backward(
    be: &dyn Backend,
    params: AttentionParams<'static>,
    (q, k, v): (&HostTensor, &HostTensor, &HostTensor),
    (out, lse, d_out): (&HostTensor, &HostTensor, &HostTensor),
    warmup: usize,
    reps: usize,
    pb: &ProgressBar,
) -> umfa::Result<Vec<f64>> {
    let dev = be.device();
    let up = |t: &HostTensor| Dev::upload(t, dev);
    let (dq_in, dk_in, dv_in) = (up(q)?, up(k)?, up(v)?);
    let (d_o, d_lse, d_dout) = (up(out)?, up(lse)?, up(d_out)?);
    let (gq, gk, gv) = (
        Dev::alloc(q, dev)?,
        Dev::alloc(k, dev)?,
        Dev::alloc(v, dev)?,
    );
    let attn = umfa::Attention::new(dq_in.view(), dk_in.view(), dv_in.view()).with_params(params);
    let inputs = BackwardInputs {
        out: d_o.view(),
        d_out: d_dout.view(),
        lse: d_lse.view(),
        d_lse: None,
    };
    let grads = Gradients {
        dq: gq.view_mut(),
        dk: gk.view_mut(),
        dv: gv.view_mut(),
        d_sinks: None,
        d_bias: None,
    };
    let task = validate::backward(&attn, &inputs, &grads)?;
    let secs = time_events(warmup, reps, pb, || be.run_backward(&task, 0))?;
    synchronize(0)?;
    Ok(secs)
}
