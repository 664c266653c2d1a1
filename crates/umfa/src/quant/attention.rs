//! Quantized attention: the forward and the straight-through backward on quantized operands.
//!
//! **Semantics.** Quantized attention is attention (SPEC.md, every option) on the dequantized
//! tensors `x = (q − zero_point) · scale (+ mean)`. Backends compute it one of two ways:
//!
//! - **On the integers** where the scales factor out of the dot product (Q and K symmetric INT8
//!   or INT4 with or without zero points, per tensor/row/block scales, K optionally smoothed):
//!   `S = Q·Kᵀ` on the integers, exact (every partial sum is an integer of magnitude ≤
//!   512·128·128 = 2²³), then scaled once per score; the CPU does this with AVX512-VNNI
//!   ([`crate::cpu::quant`]), CUDA with its INT8 tensor-core kernels. Dequantize-then-multiply
//!   rounds each `q · scale` to f32 first, so the two agree to a relative ~D·2⁻²⁴, three orders
//!   of magnitude below INT8's quantization error — not bit for bit.
//! - **Dequantized**: each operand is dequantized to f32 once per call (O(B·H·S·D), never
//!   O(S²)) and the backend's float kernels run on it. Per-channel scales on both Q and K do not
//!   factor out of the dot product at all; dequantization is the definition.
//!
//! **Backward.** The straight-through estimator: quantize→dequantize is treated as the identity,
//! so the gradients are those of attention on the dequantized tensors, computed by the backend's
//! ordinary backward, written in the dtype of the caller's gradient tensors (f32 for the C ABI).
//! The runtime-quantizing backward re-quantizes the float inputs deterministically, so it
//! differentiates exactly the forward that was run.

use super::quantizer;
use super::spec::QuantConfig;
use super::tensor::{Operand, QuantTensor};
use crate::backend::Backend;
use crate::error::Result;
use crate::params::{Attention, AttentionParams, BackwardInputs, ForwardOutputs, Gradients};
use crate::tensor::TensorRef;

/// One operand: floating point as it is, or quantized.
#[derive(Clone, Copy, Debug)]
pub enum QuantOperand<'a> {
    Float(TensorRef<'a>),
    Quant(QuantTensor<'a>),
}

/// The inputs of a quantized attention call.
#[derive(Clone, Copy, Debug)]
pub struct QuantAttention<'a> {
    pub q: QuantOperand<'a>,
    pub k: QuantOperand<'a>,
    pub v: QuantOperand<'a>,
    pub params: AttentionParams<'a>,
}

impl<'a> QuantAttention<'a> {
    pub fn new(q: QuantOperand<'a>, k: QuantOperand<'a>, v: QuantOperand<'a>) -> Self {
        QuantAttention {
            q,
            k,
            v,
            params: AttentionParams::default(),
        }
    }
    pub fn with_params(self, params: AttentionParams<'a>) -> Self {
        QuantAttention { params, ..self }
    }
}

/// Dequantized operands, kept alive while an `Attention` borrows them.
struct Dequantized {
    bufs: [Option<(Vec<f32>, [usize; 4])>; 3],
}

impl Dequantized {
    fn new(attn: &QuantAttention) -> Result<Dequantized> {
        let one = |op: &QuantOperand, which: Operand| -> Result<Option<(Vec<f32>, [usize; 4])>> {
            match op {
                QuantOperand::Float(_) => Ok(None),
                QuantOperand::Quant(t) => {
                    t.validate(which)?;
                    Ok(Some((t.dequantize(), t.shape)))
                }
            }
        };
        let mut bufs = [
            one(&attn.q, Operand::Q)?,
            one(&attn.k, Operand::K)?,
            one(&attn.v, Operand::V)?,
        ];
        // Dequantized operands are f32, and the kernels take Q, K and V in one dtype: when they
        // are mixed, float operands of another dtype are widened to f32 too (host memory only).
        if bufs.iter().any(Option::is_some) {
            let names = ["q", "k", "v"];
            for (i, op) in [&attn.q, &attn.k, &attn.v].into_iter().enumerate() {
                if let QuantOperand::Float(t) = op {
                    if t.dtype() != crate::DType::F32 {
                        bufs[i] = Some(quantizer::widen_f32(t, names[i])?);
                    }
                }
            }
        }
        Ok(Dequantized { bufs })
    }

    fn attention<'s>(&'s self, attn: &QuantAttention<'s>) -> Result<Attention<'s>> {
        let pick = |i: usize, op: &QuantOperand<'s>| -> Result<TensorRef<'s>> {
            match (&self.bufs[i], op) {
                (Some((data, shape)), _) => TensorRef::new(data.as_slice(), shape),
                (None, QuantOperand::Float(t)) => Ok(*t),
                (None, QuantOperand::Quant(_)) => {
                    unreachable!("quantized operands are dequantized")
                }
            }
        };
        Ok(
            Attention::new(pick(0, &attn.q)?, pick(1, &attn.k)?, pick(2, &attn.v)?)
                .with_params(attn.params),
        )
    }
}

/// The quantized forward on host tensors, on the CPU backend (Q·Kᵀ on the integers where the
/// CPU and the operands allow: [`crate::cpu::quant`]).
pub fn forward(attn: &QuantAttention, mut outs: ForwardOutputs) -> Result<()> {
    crate::cpu::quant::forward(&crate::cpu::CpuBackend::new(), attn, &mut outs).map(|_| ())
}

/// The quantized forward on `backend`. The backend decides how ([`Backend::quant_forward`]):
/// by default the operands are dequantized on the host and its float kernels run (a GPU backend
/// stages them); the CUDA backend runs device tensors on its INT8 kernel or dequantizes them on
/// the device.
pub fn forward_on(
    backend: &dyn Backend,
    attn: &QuantAttention,
    outs: &mut ForwardOutputs,
) -> Result<()> {
    backend.quant_forward(attn, outs)
}

/// The default [`Backend::quant_forward`]: dequantize on the host, then `forward_host`.
pub fn forward_dequantized<B: Backend + ?Sized>(
    backend: &B,
    attn: &QuantAttention,
    outs: &mut ForwardOutputs,
) -> Result<()> {
    let deq = Dequantized::new(attn)?;
    backend.forward_host(&deq.attention(attn)?, outs)
}

/// The straight-through backward on host tensors, on the CPU backend. `inputs` are the quantized
/// forward's `O` and `LSE` and the upstream `dO`; gradients are with respect to the dequantized
/// operands (= the originals, under the straight-through estimator).
pub fn backward(attn: &QuantAttention, inputs: &BackwardInputs, grads: Gradients) -> Result<()> {
    let deq = Dequantized::new(attn)?;
    crate::backward(&deq.attention(attn)?, inputs, grads)
}

/// The straight-through backward on `backend`. The backend decides where
/// ([`Backend::quant_backward`]): by default the operands are dequantized on the host and its
/// float backward runs; the CUDA backend dequantizes device operands on the device.
pub fn backward_on(
    backend: &dyn Backend,
    attn: &QuantAttention,
    inputs: &BackwardInputs,
    grads: &mut Gradients,
) -> Result<()> {
    backend.quant_backward(attn, inputs, grads)
}

/// The default [`Backend::quant_backward`]: dequantize on the host, then `backward_host`.
pub fn backward_dequantized<B: Backend + ?Sized>(
    backend: &B,
    attn: &QuantAttention,
    inputs: &BackwardInputs,
    grads: &mut Gradients,
) -> Result<()> {
    let deq = Dequantized::new(attn)?;
    backend.backward_host(&deq.attention(attn)?, inputs, grads)
}

/// Runtime quantization: quantizes the float inputs as `config` says, then runs the quantized
/// forward on `backend` (SageAttention's `sageattn` on float tensors routes here). The backend
/// decides where ([`Backend::quantize_forward`]): the CUDA backend quantizes device tensors on
/// the device.
pub fn quantize_forward_on(
    backend: &dyn Backend,
    q: TensorRef,
    k: TensorRef,
    v: TensorRef,
    config: &QuantConfig,
    params: AttentionParams,
    outs: &mut ForwardOutputs,
) -> Result<()> {
    backend.quantize_forward([q, k, v], config, params, outs)
}

/// The default [`Backend::quantize_forward`]: the host quantizer, then
/// [`Backend::quant_forward`].
pub fn quantize_then_forward<B: Backend + ?Sized>(
    backend: &B,
    inputs: [TensorRef; 3],
    config: &QuantConfig,
    params: AttentionParams,
    outs: &mut ForwardOutputs,
) -> Result<()> {
    let made = quantize_on_host(&inputs, config)?;
    let attn = quantized_attention(&made, inputs, params);
    backend.quant_forward(&attn, outs)
}

/// Runtime quantization then the straight-through backward: the inputs are re-quantized exactly
/// as `quantize_forward_on` quantized them (the backend decides where:
/// [`Backend::quantize_backward`]).
#[allow(clippy::too_many_arguments)]
pub fn quantize_backward_on(
    backend: &dyn Backend,
    q: TensorRef,
    k: TensorRef,
    v: TensorRef,
    config: &QuantConfig,
    params: AttentionParams,
    inputs: &BackwardInputs,
    grads: &mut Gradients,
) -> Result<()> {
    backend.quantize_backward([q, k, v], config, params, inputs, grads)
}

/// The default [`Backend::quantize_backward`]: the host quantizer, then
/// [`Backend::quant_backward`].
pub fn quantize_then_backward<B: Backend + ?Sized>(
    backend: &B,
    operands: [TensorRef; 3],
    config: &QuantConfig,
    params: AttentionParams,
    inputs: &BackwardInputs,
    grads: &mut Gradients,
) -> Result<()> {
    let made = quantize_on_host(&operands, config)?;
    let attn = quantized_attention(&made, operands, params);
    backend.quant_backward(&attn, inputs, grads)
}

/// Q, K and V quantized on the host where `config` asks for it.
fn quantize_on_host(
    inputs: &[TensorRef; 3],
    config: &QuantConfig,
) -> Result<[Option<super::QuantizedTensor>; 3]> {
    let specs = [config.q, config.k, config.v];
    let names = ["q", "k", "v"];
    let mut made = [None, None, None];
    for i in 0..3 {
        made[i] = specs[i]
            .map(|s| quantizer::quantize(&inputs[i], &s, names[i]))
            .transpose()?;
    }
    Ok(made)
}

/// The quantized operands where they were made, the float inputs elsewhere.
fn quantized_attention<'a>(
    made: &'a [Option<super::QuantizedTensor>; 3],
    [q, k, v]: [TensorRef<'a>; 3],
    params: AttentionParams<'a>,
) -> QuantAttention<'a> {
    QuantAttention {
        q: op_or(&made[0], q),
        k: op_or(&made[1], k),
        v: op_or(&made[2], v),
        params,
    }
}

fn op_or<'a>(t: &'a Option<super::QuantizedTensor>, x: TensorRef<'a>) -> QuantOperand<'a> {
    match t {
        Some(t) => QuantOperand::Quant(t.view()),
        None => QuantOperand::Float(x),
    }
}
