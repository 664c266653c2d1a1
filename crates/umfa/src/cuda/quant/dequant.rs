//! Materialises an attention operand on the device as a contiguous tensor of one float dtype
//! (`kernels/quant_dequant.cu`): quantized operands dequantized exactly as on the host, float
//! operands converted. The fallback of quantized attention runs the ordinary kernels on these.

use super::super::driver::DeviceBuffer;
use super::super::params::dtype_code;
use super::super::CudaBackend;
use super::device::{recycle_buffer, take_buffer, DeviceOperand};
use super::kernels::{launch_items, KernelKey};
use super::params::{DequantParams, QuantGroups, SRC_FLOAT, SRC_INT4, SRC_INT8};
use crate::dtype::DType;
use crate::error::Result;
use crate::quant::{Granularity, QuantDType};
use crate::tensor::{Device, Layout, TensorRef};

/// A device buffer and the contiguous view of it. The buffer comes from the quantizer's cache
/// and goes back to it on drop, so a steady stream of calls allocates nothing (and never waits
/// in `cuMemFree`, which synchronises the device).
pub(crate) struct Materialized {
    buf: Option<DeviceBuffer>,
    device: Device,
    pub view: TensorRef<'static>,
}

impl Drop for Materialized {
    fn drop(&mut self) {
        if let Some(buf) = self.buf.take() {
            // The kernels that read it were queued on the default stream, before any later
            // taker of the cache.
            recycle_buffer(self.device, buf);
        }
    }
}

pub(crate) fn materialize(
    be: &CudaBackend,
    op: &DeviceOperand,
    dtype: DType,
    device: Device,
) -> Result<Materialized> {
    let shape = op.shape();
    let [b, h, s, d] = shape;
    let n = b * h * s * d;
    let buf = take_buffer(device, n * dtype.size_bytes())?;
    let mut p = DequantParams {
        dst: buf.device_ptr(),
        batch: b as i32,
        heads: h as i32,
        seq: s as i32,
        dim: d as i32,
        dst_dtype: dtype_code(dtype),
        ..Default::default()
    };
    match op {
        DeviceOperand::Float(t) => {
            let st = t.strides();
            p.src = t.ptr() as u64;
            p.src_stride = [st[0] as i64, st[1] as i64, st[2] as i64, st[3] as i64];
            p.src_kind = SRC_FLOAT;
            p.src_dtype = dtype_code(t.dtype());
            p.groups = QuantGroups::new(Granularity::PerTensor, shape);
        }
        DeviceOperand::Quant(t) => {
            let st = t.strides;
            p.src = t.data;
            p.src_stride = [st[0] as i64, st[1] as i64, st[2] as i64, st[3] as i64];
            p.src_kind = match t.dtype {
                QuantDType::Int8 => SRC_INT8,
                QuantDType::Int4 => SRC_INT4,
            };
            p.scales = t.scales;
            p.zero_points = t.zero_points.unwrap_or(0);
            p.mean = t.mean.unwrap_or(0);
            p.groups = QuantGroups::new(t.granularity, shape);
        }
    }
    launch_items(be, KernelKey::Dequantize, n, 1, &p)?;
    // SAFETY: the buffer holds `n` elements of `dtype` and lives as long as the view (both in
    // `Materialized`).
    let view = unsafe {
        TensorRef::from_raw(
            buf.device_ptr() as *const u8,
            buf.len(),
            device,
            dtype,
            Layout::contiguous(&shape)?,
        )
    };
    Ok(Materialized {
        buf: Some(buf),
        device,
        view,
    })
}
