//! The CPU backend: tiled online-softmax attention in f32, multi-threaded with rayon, with
//! AVX-512, AVX2+FMA and portable micro-kernels chosen at run time.

mod backward;
mod bf16dot;
pub use backward::BackwardSchedule;
mod forward;
mod gemm;
mod int8dot;
pub(crate) mod pack;
pub(crate) mod parallel;
pub mod quant;
mod scores;
pub mod simd;
mod tiles;

use crate::backend::{Backend, BackendKind, Capability};
use crate::error::Result;
use crate::merge::{MergeBackwardTask, MergeTask};
use crate::problem::{BackwardTask, ForwardTask};
use crate::tensor::Device;
use simd::Isa;

/// The CPU backend.
pub struct CpuBackend {
    isa: Isa,
    schedule: BackwardSchedule,
    /// Whether quantized Q·Kᵀ may run on the integers (`quant`); `UMFA_CPU_INT8=0` turns it off.
    int8: bool,
    /// Whether the integer path runs P·V in bf16 where V is bf16; `UMFA_CPU_INT8_PV=f32` keeps
    /// it in f32.
    int8_bf16_pv: bool,
}

/// The integer path's default: on unless `UMFA_CPU_INT8=0`.
fn int8_default() -> bool {
    std::env::var("UMFA_CPU_INT8").map_or(true, |v| v != "0")
}

/// The integer path's P·V precision: bf16 unless `UMFA_CPU_INT8_PV=f32`.
fn int8_bf16_pv_default() -> bool {
    std::env::var("UMFA_CPU_INT8_PV").map_or(true, |v| v != "f32")
}

impl CpuBackend {
    pub fn new() -> Self {
        CpuBackend {
            isa: Isa::detect(),
            schedule: BackwardSchedule::Auto,
            int8: int8_default(),
            int8_bf16_pv: int8_bf16_pv_default(),
        }
    }
    /// A backend using a given instruction set (tests run every kernel family this way), or
    /// why this CPU cannot.
    pub fn with_isa(isa: Isa) -> Result<Self> {
        if isa.is_supported() {
            Ok(CpuBackend {
                isa,
                schedule: BackwardSchedule::Auto,
                int8: int8_default(),
                int8_bf16_pv: int8_bf16_pv_default(),
            })
        } else {
            Err(crate::Error::BackendUnavailable {
                backend: "cpu".into(),
                reason: format!("this CPU lacks the {} instructions", isa.name()),
            })
        }
    }

    /// The same backend with the backward pass scheduled as given (tests cover each).
    pub fn with_backward_schedule(self, schedule: BackwardSchedule) -> Self {
        CpuBackend { schedule, ..self }
    }

    /// The same backend with the quantized forward's integer path allowed or not (without it,
    /// quantized operands are dequantized to f32 first).
    pub fn with_int8(self, int8: bool) -> Self {
        CpuBackend { int8, ..self }
    }

    /// The same backend with the integer path's P·V in bf16 (where V is bf16) or in f32.
    pub fn with_int8_bf16_pv(self, int8_bf16_pv: bool) -> Self {
        CpuBackend {
            int8_bf16_pv,
            ..self
        }
    }

    /// The instruction set the kernels use.
    pub fn isa(&self) -> Isa {
        self.isa
    }
}

impl Default for CpuBackend {
    fn default() -> Self {
        Self::new()
    }
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_string())
}

impl Backend for CpuBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::Cpu
    }
    fn device_name(&self) -> String {
        let bf16 = if self.isa == Isa::Avx512 && bf16dot::available() {
            "+bf16"
        } else {
            ""
        };
        format!(
            "{}, {} threads, {}{bf16}",
            cpu_model(),
            rayon::current_num_threads(),
            self.isa.name()
        )
    }
    fn device(&self) -> Device {
        Device::Cpu
    }
    fn capabilities(&self) -> Vec<Capability> {
        [
            "f16/bf16/f32 inputs and outputs",
            "head_dim 1..=512, Dv != D",
            "causal (top-left, bottom-right), sliding window",
            "boolean and additive masks (u8/f16/bf16/f32, broadcast)",
            "block masks",
            "GQA/MQA",
            "softcap, ALiBi, sinks",
            "LSE output",
            "backward (dQ, dK, dV, dSinks, dBias), deterministic",
            "merge of partial results by LSE (forward, backward, in-place accumulate)",
            "quantized forward: INT8/INT4 Q·Kᵀ on the integers (AVX512-VNNI), else dequantized",
        ]
        .into_iter()
        .map(|feature| Capability {
            feature,
            supported: Ok(()),
        })
        .collect()
    }
    fn unsupported_forward(&self, _task: &ForwardTask) -> Option<String> {
        None
    }
    fn unsupported_backward(&self, _task: &BackwardTask) -> Option<String> {
        None
    }
    fn forward(&self, task: &ForwardTask, _stream: usize) -> Result<()> {
        forward::run(task, self.isa);
        Ok(())
    }
    fn backward(&self, task: &BackwardTask, _stream: usize) -> Result<()> {
        backward::run(task, self.isa, self.schedule);
        Ok(())
    }
    fn quant_forward(
        &self,
        attn: &crate::quant::QuantAttention,
        outs: &mut crate::params::ForwardOutputs,
    ) -> Result<()> {
        quant::forward(self, attn, outs).map(|_| ())
    }
    fn merge(&self, task: &MergeTask, _stream: usize) -> Result<()> {
        crate::merge::cpu::merge(task);
        Ok(())
    }
    fn merge_backward(&self, task: &MergeBackwardTask, _stream: usize) -> Result<()> {
        crate::merge::cpu::merge_backward(task);
        Ok(())
    }
}
