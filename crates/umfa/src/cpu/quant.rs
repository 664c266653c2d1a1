//! Quantized attention on the CPU: `S = Q·Kᵀ` on the integers with AVX512-VNNI where Q and K
//! allow it (`int8dot`), everything after the scores — masks, softcap, ALiBi, the online
//! softmax, P·V in f32, sinks, LSE — shared with the float forward. Other operands, and CPUs
//! without VNNI, dequantize to f32 and run the float kernels.

use super::forward;
use super::int8dot;
use super::simd::Isa;
use super::tiles::TileConfig;
use super::CpuBackend;
use crate::error::Result;
use crate::params::{Attention, ForwardOutputs};
use crate::quant::attention::forward_dequantized;
use crate::quant::{Operand, QuantAttention, QuantOperand, QuantTensor};
use crate::tensor::TensorRef;
use crate::DType;

/// Which path a quantized forward on the CPU took.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuantPath {
    /// Q·Kᵀ on the integers (`vpdpbusd`); P·V with P rounded to bf16 (`vdpbf16ps`, bf16 V on
    /// AVX512-BF16 CPUs, unless `UMFA_CPU_INT8_PV=f32`) or in f32.
    Int8 { bf16_pv: bool },
    /// The operands dequantized to f32, then the float kernels; and why.
    Dequantized { reason: &'static str },
}

/// Runs a quantized forward on host tensors on `backend`, and says how.
pub fn forward(
    backend: &CpuBackend,
    attn: &QuantAttention,
    outs: &mut ForwardOutputs,
) -> Result<QuantPath> {
    let reason = match (&attn.q, &attn.k) {
        (QuantOperand::Quant(q), QuantOperand::Quant(k)) => {
            q.validate(Operand::Q)?;
            k.validate(Operand::K)?;
            int8_unsupported(backend, q, k)
        }
        _ => Some("Q or K is not quantized"),
    };
    if let (None, QuantOperand::Quant(q), QuantOperand::Quant(k)) = (reason, &attn.q, &attn.k) {
        let bf16_pv = forward_int8(q, k, attn, outs, backend.int8_bf16_pv)?;
        return Ok(QuantPath::Int8 { bf16_pv });
    }
    forward_dequantized(backend, attn, outs)?;
    Ok(QuantPath::Dequantized {
        reason: reason.unwrap_or("Q or K is not quantized"),
    })
}

fn int8_unsupported(
    backend: &CpuBackend,
    q: &QuantTensor,
    k: &QuantTensor,
) -> Option<&'static str> {
    if !backend.int8 {
        return Some("the integer path is off (UMFA_CPU_INT8=0)");
    }
    if backend.isa != Isa::Avx512 || !int8dot::available() {
        return Some("this CPU (or the chosen kernels) lacks AVX512-VNNI");
    }
    int8dot::unsupported(q, k)
}

/// Runs the integer path; returns whether P·V ran in bf16.
fn forward_int8(
    q: &QuantTensor,
    k: &QuantTensor,
    attn: &QuantAttention,
    outs: &mut ForwardOutputs,
    bf16_pv: bool,
) -> Result<bool> {
    // V as it is, or dequantized to f32; Q and K enter validation as zero-stride proxies of
    // V's dtype (shapes only: the integer path never reads them).
    let v_owned = match &attn.v {
        QuantOperand::Quant(v) => {
            v.validate(Operand::V)?;
            Some(v.dequantize())
        }
        QuantOperand::Float(_) => None,
    };
    let v = match (&attn.v, &v_owned) {
        (QuantOperand::Quant(t), Some(data)) => TensorRef::new(data.as_slice(), &t.shape)?,
        (QuantOperand::Float(t), _) => *t,
        (QuantOperand::Quant(_), None) => unreachable!("a quantized V is dequantized"),
    };
    let proxy = ZeroElement::default();
    let task = crate::validate::forward(
        &Attention::new(
            proxy.view(v.dtype(), q.shape)?,
            proxy.view(v.dtype(), k.shape)?,
            v,
        )
        .with_params(attn.params),
        outs,
    )?;
    let d = task.problem.dims;
    let cfg = TileConfig::forward(Isa::Avx512, &d);
    let ops = int8dot::pack(
        q,
        k,
        task.problem.scale,
        d.group_size(),
        cfg.bq,
        d.dense_forward_flops(),
    );
    Ok(forward::run_int8(&task, ops, bf16_pv))
}

/// One zero element of each float dtype, for shape proxies.
#[derive(Default)]
struct ZeroElement {
    f32: [f32; 1],
    f16: [half::f16; 1],
    bf16: [half::bf16; 1],
}

impl ZeroElement {
    /// A `shape` view of `dtype` whose every element is this one zero (all strides 0).
    fn view(&self, dtype: DType, shape: [usize; 4]) -> Result<TensorRef<'_>> {
        let strides = [0isize; 4];
        match dtype {
            DType::F16 => TensorRef::strided(&self.f16, &shape, &strides),
            DType::BF16 => TensorRef::strided(&self.bf16, &shape, &strides),
            _ => TensorRef::strided(&self.f32, &shape, &strides),
        }
    }
}

/// Whether this CPU can run the integer path (AVX512-VNNI); the operands decide the rest.
pub fn integer_path_available() -> bool {
    Isa::detect() == Isa::Avx512 && int8dot::available()
}

/// Whether the integer path can run P·V in bf16 here (AVX512-BF16), for a bf16 V.
pub fn bf16_values_available() -> bool {
    integer_path_available() && super::bf16dot::available()
}
