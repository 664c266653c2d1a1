//! The straight-through quantized backward on the device: quantized operands dequantized on the
//! device (exactly as the host dequantizes them, rounded once to the kernel's dtype), then the
//! ordinary CUDA backward. Under the straight-through estimator the gradients are those of
//! attention on the dequantized tensors, so no quantized backward kernel is needed for
//! correctness; nothing passes through the host.

use super::super::CudaBackend;
use super::{device_operands, floats_in, operand_of, operands_on_host};
use super::{quantize_on_device, upload_quantized, DeviceOperand};
use crate::backend::Backend;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::params::{Attention, AttentionParams, BackwardInputs, Gradients};
use crate::quant::attention::QuantAttention;
use crate::quant::QuantConfig;
use crate::tensor::{Device, TensorRef};

/// `quant::backward_on` on the CUDA backend: device tensors stay on the device (host-quantized
/// operands are uploaded as integers); an all-host call takes the host path.
pub(crate) fn quant_backward(
    be: &CudaBackend,
    attn: &QuantAttention,
    inputs: &BackwardInputs,
    grads: &mut Gradients,
) -> Result<()> {
    if operands_on_host(attn) && inputs.d_out.device() == Device::Cpu {
        return crate::quant::attention::backward_dequantized(be, attn, inputs, grads);
    }
    be.gpu.bind()?;
    let uploaded = upload_quantized(be, attn)?;
    backward_on_device(
        be,
        device_operands(attn, &uploaded),
        attn.params,
        inputs,
        grads,
    )
}

/// `quant::quantize_backward_on` on the CUDA backend: device tensors are quantized (as
/// `quantize_forward` quantized them: the quantizer is deterministic) and differentiated on the
/// device; host tensors take the host quantizer and the host path.
pub(crate) fn quantize_backward(
    be: &CudaBackend,
    operands: [TensorRef; 3],
    config: &QuantConfig,
    params: AttentionParams,
    inputs: &BackwardInputs,
    grads: &mut Gradients,
) -> Result<()> {
    if operands.iter().all(|t| t.device() == Device::Cpu) {
        return crate::quant::attention::quantize_then_backward(
            be, operands, config, params, inputs, grads,
        );
    }
    be.gpu.bind()?;
    let quantized = quantize_on_device(be, &operands, config)?;
    let op = |i| operand_of(&quantized, &operands, i);
    backward_on_device(be, [op(0), op(1), op(2)], params, inputs, grads)
}

/// The dtype the operands are dequantized into: the upstream gradient's, so that a bf16 or f16
/// training step runs the tensor-core backward (f32 `dO` runs the f32 kernel).
fn kernel_dtype(d_out: &TensorRef) -> Result<DType> {
    match d_out.dtype() {
        t @ (DType::BF16 | DType::F16 | DType::F32) => Ok(t),
        other => Err(Error::arg(
            "d_out",
            format!("has dtype {other}, needs f16, bf16 or f32"),
        )),
    }
}

fn backward_on_device(
    be: &CudaBackend,
    ops: [DeviceOperand; 3],
    params: AttentionParams,
    inputs: &BackwardInputs,
    grads: &mut Gradients,
) -> Result<()> {
    let dtype = kernel_dtype(&inputs.d_out)?;
    let (owned, [q, k, v]) = floats_in(be, ops, dtype)?;
    let attn = Attention::new(q, k, v).with_params(params);
    let task = crate::validate::backward(&attn, inputs, grads)?;
    be.run_backward(&task, 0)?;
    // cuMemFree waits for the device, so the operands outlive the kernels that read them.
    drop(owned);
    Ok(())
}
