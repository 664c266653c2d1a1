//! The backend interface and dispatch.
//!
//! A backend receives validated tasks and only computes. `UMFA_BACKEND=cpu|cuda|wgpu` picks one;
//! by default the fastest present is used (cuda, then wgpu, then cpu).

use crate::error::{Error, Result};
use crate::merge::{MergeBackwardTask, MergeTask};
use crate::params::{Attention, BackwardInputs, ForwardOutputs, Gradients};
use crate::problem::{BackwardTask, ForwardTask};
use crate::tensor::Device;
use crate::validate;
use std::sync::{Arc, OnceLock};

/// The backends umfa knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BackendKind {
    Cpu,
    Cuda,
    Wgpu,
}

impl BackendKind {
    /// Fastest first: the order of the default choice.
    pub const ALL: [BackendKind; 3] = [BackendKind::Cuda, BackendKind::Wgpu, BackendKind::Cpu];

    pub fn name(self) -> &'static str {
        match self {
            BackendKind::Cpu => "cpu",
            BackendKind::Cuda => "cuda",
            BackendKind::Wgpu => "wgpu",
        }
    }

    pub fn parse(name: &str) -> Result<BackendKind> {
        match name.trim().to_ascii_lowercase().as_str() {
            "cpu" => Ok(BackendKind::Cpu),
            "cuda" => Ok(BackendKind::Cuda),
            "wgpu" => Ok(BackendKind::Wgpu),
            other => Err(Error::arg(
                "backend",
                format!("unknown backend {other:?}; expected cpu, cuda or wgpu"),
            )),
        }
    }
}

impl std::fmt::Display for BackendKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One line of a capability report: a feature and whether this backend has it, and if not why.
#[derive(Clone, Debug)]
pub struct Capability {
    pub feature: &'static str,
    pub supported: std::result::Result<(), String>,
}

/// A compute backend. Implementations receive validated tasks whose tensors live on
/// `self.device()`.
pub trait Backend: Send + Sync {
    fn kind(&self) -> BackendKind;
    /// The device this backend computes on, in words ("AMD EPYC, 2 threads, avx512").
    fn device_name(&self) -> String;
    /// Where tensors must live for `forward`/`backward`.
    fn device(&self) -> Device;
    /// The features of SPEC.md and whether each is supported here.
    fn capabilities(&self) -> Vec<Capability>;
    /// `Some(reason)` if this backend cannot run the task.
    fn unsupported_forward(&self, task: &ForwardTask) -> Option<String>;
    /// `Some(reason)` if this backend cannot run the task.
    fn unsupported_backward(&self, task: &BackwardTask) -> Option<String>;
    /// Runs a validated forward. `stream` is the CUDA stream (0 = default); other backends ignore it.
    fn forward(&self, task: &ForwardTask, stream: usize) -> Result<()>;
    /// Runs a validated backward.
    fn backward(&self, task: &BackwardTask, stream: usize) -> Result<()>;

    /// Runs a forward on host tensors, staging them on the device when it is not the host.
    fn forward_host(&self, attn: &Attention, outs: &mut ForwardOutputs) -> Result<()> {
        let task = validate::forward(attn, outs)?;
        self.run_forward(&task, 0)
    }

    /// Runs a backward on host tensors, staging them on the device when it is not the host.
    fn backward_host(
        &self,
        attn: &Attention,
        inputs: &BackwardInputs,
        grads: &mut Gradients,
    ) -> Result<()> {
        let task = validate::backward(attn, inputs, grads)?;
        self.run_backward(&task, 0)
    }

    /// Quantized attention (`quant::forward_on`). Default: the quantized operands are
    /// dequantized on the host and the backend's float kernels run (`forward_host`). A backend
    /// with quantized kernels overrides this.
    fn quant_forward(
        &self,
        attn: &crate::quant::QuantAttention,
        outs: &mut ForwardOutputs,
    ) -> Result<()> {
        crate::quant::attention::forward_dequantized(self, attn, outs)
    }

    /// Runtime-quantizing attention (`quant::quantize_forward_on`) on float `[q, k, v]`.
    /// Default: the host quantizer, then [`Backend::quant_forward`].
    fn quantize_forward(
        &self,
        inputs: [crate::tensor::TensorRef; 3],
        config: &crate::quant::QuantConfig,
        params: crate::params::AttentionParams,
        outs: &mut ForwardOutputs,
    ) -> Result<()> {
        crate::quant::attention::quantize_then_forward(self, inputs, config, params, outs)
    }

    /// The straight-through quantized backward (`quant::backward_on`). Default: the quantized
    /// operands are dequantized on the host and the backend's float backward runs
    /// (`backward_host`). A backend that keeps quantized operands on its device overrides this.
    fn quant_backward(
        &self,
        attn: &crate::quant::QuantAttention,
        inputs: &BackwardInputs,
        grads: &mut Gradients,
    ) -> Result<()> {
        crate::quant::attention::backward_dequantized(self, attn, inputs, grads)
    }

    /// The runtime-quantizing backward (`quant::quantize_backward_on`) on float `[q, k, v]`.
    /// Default: the host quantizer, then [`Backend::quant_backward`].
    fn quantize_backward(
        &self,
        inputs: [crate::tensor::TensorRef; 3],
        config: &crate::quant::QuantConfig,
        params: crate::params::AttentionParams,
        grad_inputs: &BackwardInputs,
        grads: &mut Gradients,
    ) -> Result<()> {
        crate::quant::attention::quantize_then_backward(
            self,
            inputs,
            config,
            params,
            grad_inputs,
            grads,
        )
    }

    /// Checks support and device, then runs.
    fn run_forward(&self, task: &ForwardTask, stream: usize) -> Result<()> {
        // Support first: "this backend has no forward" says more than where the tensors are.
        if let Some(reason) = self.unsupported_forward(task) {
            return Err(Error::Unsupported {
                backend: self.kind().name(),
                reason,
            });
        }
        check_device(self, &task.problem)?;
        self.forward(task, stream)
    }

    /// Checks support and device, then runs.
    fn run_backward(&self, task: &BackwardTask, stream: usize) -> Result<()> {
        // Support first: "this backend has no backward" says more than where the tensors are.
        if let Some(reason) = self.unsupported_backward(task) {
            return Err(Error::Unsupported {
                backend: self.kind().name(),
                reason,
            });
        }
        check_device(self, &task.problem)?;
        self.backward(task, stream)
    }

    /// Merges partial results by LSE (a validated task on `self.device()`). Default: this
    /// backend has no merge kernels.
    fn merge(&self, _task: &MergeTask, _stream: usize) -> Result<()> {
        Err(Error::Unsupported {
            backend: self.kind().name(),
            reason: "merge has no kernels on this backend (host tensors merge on the CPU)".into(),
        })
    }

    /// The backward of the merge (a validated task on `self.device()`). Default: no kernels.
    fn merge_backward(&self, _task: &MergeBackwardTask, _stream: usize) -> Result<()> {
        Err(Error::Unsupported {
            backend: self.kind().name(),
            reason: "the merge backward has no kernels on this backend (host tensors merge on \
                     the CPU)"
                .into(),
        })
    }

    /// A merge of host tensors. Default: computed on the host by the CPU kernels — the merge
    /// reads each input once, so staging it to a device and back costs more than it saves. A
    /// GPU backend may override this to stage the tensors and run its own kernels (tests do so
    /// to check the kernels on host data).
    fn merge_host(&self, task: &MergeTask) -> Result<()> {
        host_task(self, task.device)?;
        crate::merge::cpu::merge(task);
        Ok(())
    }

    /// The backward merge of host tensors; as [`Backend::merge_host`].
    fn merge_backward_host(&self, task: &MergeBackwardTask) -> Result<()> {
        host_task(self, task.device)?;
        crate::merge::cpu::merge_backward(task);
        Ok(())
    }

    /// Checks the device, then runs.
    fn run_merge(&self, task: &MergeTask, stream: usize) -> Result<()> {
        check_device_at(self, task.device, "parts")?;
        self.merge(task, stream)
    }

    /// Checks the device, then runs.
    fn run_merge_backward(&self, task: &MergeBackwardTask, stream: usize) -> Result<()> {
        check_device_at(self, task.device, "parts")?;
        self.merge_backward(task, stream)
    }
}

/// `*_host` calls take host tensors only.
fn host_task<B: Backend + ?Sized>(be: &B, device: Device) -> Result<()> {
    if device == Device::Cpu {
        return Ok(());
    }
    Err(Error::arg(
        "parts",
        format!(
            "are on {device:?}; the {} backend's host call takes host tensors (pass device \
             tensors to umfa::merge, which runs where they live)",
            be.kind()
        ),
    ))
}

/// The tensors of `problem` must live where `be` computes.
fn check_device<B: Backend + ?Sized>(be: &B, problem: &crate::problem::Problem) -> Result<()> {
    check_device_at(be, problem.device, "q")
}

/// Tensors on `device` (the first of which is `arg`) must live where `be` computes.
fn check_device_at<B: Backend + ?Sized>(be: &B, device: Device, arg: &'static str) -> Result<()> {
    if device == be.device() {
        return Ok(());
    }
    Err(Error::arg(
        arg,
        format!(
            "is on {:?} but the {} backend computes on {:?}",
            device,
            be.kind(),
            be.device()
        ),
    ))
}

/// Whether a backend could be opened, and if not why.
pub struct BackendStatus {
    pub kind: BackendKind,
    pub backend: std::result::Result<Arc<dyn Backend>, String>,
}

fn probe(kind: BackendKind) -> std::result::Result<Arc<dyn Backend>, String> {
    match kind {
        BackendKind::Cpu => Ok(Arc::new(crate::cpu::CpuBackend::new())),
        #[cfg(feature = "cuda")]
        BackendKind::Cuda => crate::cuda::probe(),
        #[cfg(not(feature = "cuda"))]
        BackendKind::Cuda => {
            Err("this build of umfa has no CUDA backend (built without the `cuda` feature)".into())
        }
        #[cfg(feature = "wgpu")]
        BackendKind::Wgpu => crate::wgpu_backend::probe(),
        #[cfg(not(feature = "wgpu"))]
        BackendKind::Wgpu => {
            Err("this build of umfa has no wgpu backend (built without the `wgpu` feature)".into())
        }
    }
}

/// Every backend, opened once per process, with why the absent ones are absent.
pub fn statuses() -> &'static [BackendStatus] {
    static STATUSES: OnceLock<Vec<BackendStatus>> = OnceLock::new();
    STATUSES.get_or_init(|| {
        BackendKind::ALL
            .iter()
            .map(|&kind| BackendStatus {
                kind,
                backend: probe(kind),
            })
            .collect()
    })
}

/// The backend of `kind`, or why it is unavailable.
pub fn backend(kind: BackendKind) -> Result<Arc<dyn Backend>> {
    let s = statuses()
        .iter()
        .find(|s| s.kind == kind)
        .expect("every kind is probed");
    s.backend
        .clone()
        .map_err(|reason| Error::BackendUnavailable {
            backend: kind.name().into(),
            reason,
        })
}

/// The backend `UMFA_BACKEND` names, or else the fastest present.
pub fn default_backend() -> Result<Arc<dyn Backend>> {
    match std::env::var("UMFA_BACKEND") {
        Ok(name) if !name.trim().is_empty() => backend(BackendKind::parse(&name)?),
        _ => Ok(statuses()
            .iter()
            .find_map(|s| s.backend.clone().ok())
            .expect("the CPU backend is always present")),
    }
}

/// The backend that computes where `device` is.
pub fn backend_for(device: Device) -> Result<Arc<dyn Backend>> {
    match device {
        Device::Cpu => backend(BackendKind::Cpu),
        Device::Cuda(0) => backend(BackendKind::Cuda),
        #[cfg(feature = "cuda")]
        Device::Cuda(n) => crate::cuda::backend_on(n).map_err(|reason| Error::BackendUnavailable {
            backend: "cuda".into(),
            reason,
        }),
        #[cfg(not(feature = "cuda"))]
        Device::Cuda(_) => backend(BackendKind::Cuda),
        Device::Wgpu(_) => backend(BackendKind::Wgpu),
    }
}
