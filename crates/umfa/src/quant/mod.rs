//! Quantized attention (SageAttention-style): INT8/INT4 operands with scales per tensor, row,
//! block or channel, symmetric or with zero points, optional smoothing; a runtime quantizer; a
//! layout manifest; accuracy measures; and the forward and straight-through backward.
//!
//! - [`spec`]: the integer types, granularities and quantizer settings;
//! - [`tensor`]: quantized tensors (borrowed and owned), validation, dequantization;
//! - [`quantizer`]: float → quantized at run time; [`int4`]: packing; [`smooth`]: smoothing;
//! - [`manifest`]: one byte arena and where each table lives in it;
//! - [`attention`]: the entry points ([`forward`], [`backward`], and runtime-quantizing forms);
//! - [`metrics`]: cosine / relative L1 / relative L2, memory reduction.
//!
//! See `attention` for the exact semantics and docs/quant.md for the accuracy table.
//!
//! ```
//! use umfa::quant::{self, Granularity, QuantAttention, QuantConfig, QuantOperand, QuantSpec};
//! use umfa::{AttentionParams, CausalAlign, ForwardOutputs, TensorMut, TensorRef};
//! let shape = [1, 2, 64, 32];
//! let x: Vec<f32> = (0..2 * 64 * 32).map(|i| ((i * 37) % 101) as f32 / 50.0 - 1.0).collect();
//! let t = TensorRef::new(&x, &shape)?;
//! let mut out = vec![0.0f32; x.len()];
//! let cpu = umfa::backend(umfa::BackendKind::Cpu)?;
//! let causal = AttentionParams { causal: Some(CausalAlign::TopLeft), ..Default::default() };
//! // Runtime quantization (SageAttention's configuration) ...
//! quant::quantize_forward_on(cpu.as_ref(), t, t, t, &QuantConfig::sage(), causal,
//!     &mut ForwardOutputs { out: TensorMut::new(&mut out, &shape)?, lse: None })?;
//! // ... or pre-quantized operands: here K as INT4 per row, Q and V in f32.
//! let k = quant::quantize(&t, &QuantSpec::int4(Granularity::PerRow).smoothed(true), "k")?;
//! let attn = QuantAttention::new(QuantOperand::Float(t), QuantOperand::Quant(k.view()), QuantOperand::Float(t))
//!     .with_params(causal);
//! quant::forward(&attn, ForwardOutputs { out: TensorMut::new(&mut out, &shape)?, lse: None })?;
//! # Ok::<(), umfa::Error>(())
//! ```

pub mod accuracy;
pub mod attention;
pub mod int4;
pub mod manifest;
pub mod metrics;
pub mod quantizer;
pub mod smooth;
pub mod spec;
pub mod tensor;

pub use attention::{
    backward, backward_on, forward, forward_on, quantize_backward_on, quantize_forward_on,
    QuantAttention, QuantOperand,
};
pub use manifest::{Manifest, Section, SectionType};
pub use metrics::{memory_reduction, Accuracy};
pub use quantizer::{quantize, quantize_f32};
pub use spec::{Granularity, QuantConfig, QuantDType, QuantSpec};
pub use tensor::{Operand, QuantTensor, QuantizedTensor};

use crate::error::Result;
use crate::tensor::TensorRef;

/// The quantization error of `quantized` against the float tensor it came from: cosine,
/// relative L1 and relative L2 of the dequantized values.
pub fn quantization_error(original: &TensorRef, quantized: &QuantTensor) -> Result<Accuracy> {
    let (x, _) = quantizer::read_f32(original, "original")?;
    quantized.validate(Operand::K)?;
    Ok(Accuracy::measure_f32(&quantized.dequantize(), &x))
}
