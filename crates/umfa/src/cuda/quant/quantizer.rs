//! The runtime quantizer on the device (`kernels/quant_quantize.cu`): f16/bf16/f32 device tensors
//! of any strides to contiguous INT8 with the host quantizer's tables, bit for bit (same formulas,
//! same order of every floating-point sum). INT4, whose clipping search the device does not have,
//! goes through the host quantizer and comes back.

use super::super::driver::{synchronize, DeviceBuffer};
use super::super::params::dtype_code;
use super::super::CudaBackend;
use super::device::DeviceQuantized;
use super::kernels::{launch_items, launch_one_block, KernelKey};
use super::params::{QuantGroups, QuantizeParams};
use crate::backend::Backend;
use crate::error::{Error, Result};
use crate::quant::{Granularity, QuantDType, QuantSpec};
use crate::tensor::{Device, TensorRef};

/// Checks what the quantizer reads: a 4-D float tensor on this backend's device, inside its
/// buffer, with sizes the kernels index.
fn check_input(be: &CudaBackend, x: &TensorRef, arg: &'static str) -> Result<[usize; 4]> {
    let shape: [usize; 4] = x.shape().try_into().map_err(|_| {
        Error::arg(
            arg,
            format!(
                "must have 4 dimensions [batch, heads, seq_len, head_dim], got {:?}",
                x.shape()
            ),
        )
    })?;
    if !x.dtype().is_float() {
        return Err(Error::arg(
            arg,
            format!(
                "dtype is {}; the quantizer reads f16, bf16 or f32",
                x.dtype()
            ),
        ));
    }
    if x.device() != be.device() {
        return Err(Error::arg(
            arg,
            format!(
                "is on {:?}; the CUDA quantizer reads tensors on {:?}",
                x.device(),
                be.device()
            ),
        ));
    }
    crate::validate::check_extent(arg, x.ptr().is_null(), x.len_bytes(), x.dtype(), x.layout())?;
    if shape.iter().any(|&n| n >= 1 << 30) || shape.iter().product::<usize>() >= 1 << 40 {
        return Err(Error::arg(
            arg,
            format!("shape {shape:?} is too large for the CUDA quantizer"),
        ));
    }
    Ok(shape)
}

/// Quantizes a float device tensor as `spec` says; the result stays on the device.
pub fn quantize(
    be: &CudaBackend,
    x: &TensorRef,
    spec: &QuantSpec,
    arg: &'static str,
) -> Result<DeviceQuantized> {
    spec.granularity.check("block_size")?;
    let shape = check_input(be, x, arg)?;
    be.gpu.bind()?;
    if spec.dtype == QuantDType::Int4 {
        return quantize_on_host(be, x, spec, arg);
    }
    let [b, h, s, d] = shape;
    let g = spec.granularity;
    let table_len = g.table_len(shape);
    let per_channel = g == Granularity::PerChannel;
    let data = DeviceBuffer::alloc(b * h * s * d)?;
    let scales = DeviceBuffer::alloc(4 * table_len)?;
    let zero_points = (!spec.symmetric)
        .then(|| DeviceBuffer::alloc(4 * table_len))
        .transpose()?;
    let mean = spec
        .smooth
        .then(|| DeviceBuffer::alloc(4 * b * h * d))
        .transpose()?;
    let ranges = DeviceBuffer::alloc(8 * b * h * if per_channel { d } else { s })?;
    let bad = DeviceBuffer::from_host(&u64::MAX.to_le_bytes())?;
    let st = x.strides();
    let (qmin, qmax) = spec.dtype.range();
    let p = QuantizeParams {
        x: x.ptr() as u64,
        q: data.device_ptr(),
        mean: mean.as_ref().map_or(0, DeviceBuffer::device_ptr),
        ranges: ranges.device_ptr(),
        scales: scales.device_ptr(),
        zero_points: zero_points.as_ref().map_or(0, DeviceBuffer::device_ptr),
        bad: bad.device_ptr(),
        x_stride: [st[0] as i64, st[1] as i64, st[2] as i64, st[3] as i64],
        groups: QuantGroups::new(g, shape),
        batch: b as i32,
        heads: h as i32,
        seq: s as i32,
        dim: d as i32,
        x_dtype: dtype_code(x.dtype()),
        symmetric: spec.symmetric as i32,
        smooth: spec.smooth as i32,
        qmin,
        qmax,
        table_len: table_len as i32,
    };
    if spec.smooth || per_channel {
        launch_items(
            be,
            KernelKey::Quantize("umfa_quant_channels"),
            b * h * d,
            1,
            &p,
        )?;
    }
    if !per_channel {
        launch_items(
            be,
            KernelKey::Quantize("umfa_quant_rows"),
            b * h * s,
            32,
            &p,
        )?;
    }
    if g == Granularity::PerTensor {
        launch_one_block(be, "umfa_quant_tensor_params", 1024, &p)?;
    } else {
        launch_items(
            be,
            KernelKey::Quantize("umfa_quant_group_params"),
            table_len,
            1,
            &p,
        )?;
    }
    launch_items(
        be,
        KernelKey::Quantize("umfa_quant_apply"),
        b * h * s * d,
        1,
        &p,
    )?;
    synchronize(0)?;
    let mut first_bad = [0u64];
    super::copy::to_host(bad.device_ptr(), &mut first_bad)?;
    if first_bad[0] != u64::MAX {
        let i = first_bad[0] as usize;
        let (dd, ss, hh, bb) = (i % d, i / d % s, i / (d * s) % h, i / (d * s * h));
        return Err(Error::arg(
            arg,
            format!(
                "element [{bb}, {hh}, {ss}, {dd}] is not finite; only finite values can be quantized"
            ),
        ));
    }
    Ok(DeviceQuantized::from_buffers(
        spec.dtype,
        shape,
        g,
        be.device(),
        data,
        scales,
        zero_points,
        mean,
    ))
}

/// INT4: the host quantizer (its clipping search), on a host copy of the tensor's buffer.
fn quantize_on_host(
    be: &CudaBackend,
    x: &TensorRef,
    spec: &QuantSpec,
    arg: &'static str,
) -> Result<DeviceQuantized> {
    let mut bytes = vec![0u8; x.len_bytes()];
    super::copy::to_host(x.ptr() as u64, &mut bytes)?;
    // SAFETY: `bytes` holds the whole buffer the device view described, for this scope.
    let host = unsafe {
        TensorRef::from_raw(
            bytes.as_ptr(),
            bytes.len(),
            Device::Cpu,
            x.dtype(),
            *x.layout(),
        )
    };
    let t = crate::quant::quantize(&host, spec, arg)?;
    DeviceQuantized::upload(&t.view(), be.device())
}
