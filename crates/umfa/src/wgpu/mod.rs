//! The portable GPU backend: WGSL kernels run through `wgpu` on Vulkan, Metal or DX12.
//!
//! This session's kernels are the *portable family* (workgroup tiles, f32 accumulation, no
//! subgroup or matrix features required), so they run on every adapter, Mesa's lavapipe
//! included; where the adapter has subgroups, its row reductions use them. Host tensors are
//! staged into storage buffers in their own dtype and layout (`stage.rs`); every SPEC.md feature
//! is computed on the device; results come back as f32 and are rounded into the caller's views.

mod backward;
mod device;
pub mod kernels;
#[cfg(test)]
mod msl;
pub mod params;
mod run;
mod spirv;
mod split;
mod stage;
mod trace;

use crate::backend::{Backend, BackendKind, Capability};
use crate::error::{Error, Result};
use crate::params::{Attention, BackwardInputs, ForwardOutputs, Gradients};
use crate::problem::{BackwardTask, ForwardTask};
use crate::tensor::Device;
use crate::validate;
use std::sync::Arc;

pub use device::{Family, Gpu};
pub use kernels::MatrixTiles;

/// The wgpu backend over one adapter.
pub struct WgpuBackend {
    gpu: Gpu,
}

/// Opens the backend, or says why it cannot be opened.
pub fn probe() -> std::result::Result<Arc<dyn Backend>, String> {
    Ok(Arc::new(WgpuBackend::open()?))
}

impl WgpuBackend {
    /// Opens a backend of its own (its own device), for callers that need one apart from the
    /// process-wide backend, such as tests with a lower binding limit.
    pub fn open() -> std::result::Result<WgpuBackend, String> {
        Ok(WgpuBackend { gpu: Gpu::open()? })
    }

    /// Seconds per forward kernel on this problem with its inputs already on the device (median
    /// of `reps` timings of `per_submit` back-to-back dispatches); for benchmarks.
    pub fn time_forward(
        &self,
        attn: &Attention,
        outs: &ForwardOutputs,
        reps: usize,
        per_submit: usize,
    ) -> Result<(f64, &'static str)> {
        let task = validate::forward(attn, outs)?;
        self.host_only(task.problem.device)?;
        run::time_forward(&self.gpu, &task, reps, per_submit)
    }

    /// Seconds per backward with its inputs already on the device (median of `reps` timings
    /// of `per_submit` back-to-back backwards) and the family of its dQ and dK/dV kernels; for
    /// benchmarks.
    pub fn time_backward(
        &self,
        attn: &Attention,
        inputs: &BackwardInputs,
        grads: &Gradients,
        reps: usize,
        per_submit: usize,
    ) -> Result<(f64, &'static str)> {
        let task = validate::backward(attn, inputs, grads)?;
        self.host_only(task.problem.device)?;
        backward::time_backward(&self.gpu, &task, reps, per_submit)
    }

    /// Which kernel family runs this forward here ("matrix" or "portable"): the matrix family
    /// falls back to the portable one for problems it does not cover (tests check that the
    /// cases meant for it reach it).
    pub fn forward_family(&self, attn: &Attention, outs: &ForwardOutputs) -> Result<&'static str> {
        let task = validate::forward(attn, outs)?;
        Ok(run::forward_family(&self.gpu, &task))
    }

    /// The matrix family's tile shape that runs this forward (e.g. `s4k64v`), or `None` when the
    /// portable family runs it.
    pub fn forward_matrix_variant(
        &self,
        attn: &Attention,
        outs: &ForwardOutputs,
    ) -> Result<Option<String>> {
        let task = validate::forward(attn, outs)?;
        Ok(run::forward_matrix_variant(&self.gpu, &task))
    }

    /// The matrix backward's tile shape that runs this backward (e.g. `s2k16`), or `None` when
    /// the portable family runs it.
    pub fn backward_matrix_variant(
        &self,
        attn: &Attention,
        inputs: &BackwardInputs,
        grads: &Gradients,
    ) -> Result<Option<String>> {
        let task = validate::backward(attn, inputs, grads)?;
        Ok(backward::backward_matrix_variant(&self.gpu, &task))
    }

    /// Runs the backward on the matrix family too (default: on unless
    /// `UMFA_WGPU_MATRIX_BACKWARD=0`; the family must be the matrix one, emulated or not).
    pub fn with_matrix_backward(mut self, on: bool) -> WgpuBackend {
        self.gpu.matrix_backward = on;
        self
    }

    /// The extents of the pieces this forward runs in — batches, query heads, query rows, keys —
    /// when it exceeds one storage binding (the whole problem otherwise); for tests and
    /// diagnostics of the splitting.
    pub fn forward_pieces(&self, attn: &Attention, outs: &ForwardOutputs) -> Result<[usize; 4]> {
        let task = validate::forward(attn, outs)?;
        split::forward_pieces(&self.gpu, &task)
    }

    /// Forces the matrix family's tile shape (default: `UMFA_WGPU_MATRIX_VARIANT`, else the
    /// first preferred shape that fits the adapter); problems it does not fit fall back to the
    /// portable family.
    pub fn with_matrix_tiles(mut self, tiles: MatrixTiles) -> WgpuBackend {
        self.gpu.matrix_tiles = Some(tiles);
        self
    }

    /// Chooses the forward's kernel family (default: [`Family::default_for`] the adapter's backend).
    pub fn with_family(mut self, family: Family) -> WgpuBackend {
        self.gpu.family = family;
        self
    }

    /// Runs the matrix family with its cooperative-matrix builtins emulated in software at
    /// `size`×`size`, on any adapter with `SHADER_F16`: a test of the kernel's logic where no
    /// cooperative matrices exist (lavapipe). Slow; `None` if the adapter lacks f16.
    pub fn with_emulated_matrix(mut self, size: u32) -> Option<WgpuBackend> {
        if !self
            .gpu
            .device
            .features()
            .contains(wgpu::Features::SHADER_F16)
        {
            return None;
        }
        self.gpu.matrix_size = Some(size);
        self.gpu.emulate_matrix = true;
        self.gpu.family = Family::Matrix;
        Some(self)
    }

    /// Whether this adapter can run the matrix family, and at which cooperative-matrix size.
    pub fn matrix_size(&self) -> Option<u32> {
        self.gpu.matrix_size
    }

    /// Whether the portable family reduces rows with subgroup operations where the adapter has
    /// them (the default, unless `UMFA_WGPU_SUBGROUPS=0`) or through workgroup memory only.
    pub fn with_subgroups(self, on: bool) -> WgpuBackend {
        self.with_subgroup_lanes(if on { 8 } else { 1 })
    }

    /// Reduces at most `lanes` (1, 2, 4 or 8) lanes of a row with subgroup operations and the
    /// rest through workgroup memory; 1 is the fallback without subgroup operations. Capped at
    /// what the adapter allows (1 without `SUBGROUP`).
    pub fn with_subgroup_lanes(mut self, lanes: u32) -> WgpuBackend {
        // A power of two: rounded down.
        let lanes = (1u32 << lanes.max(1).ilog2()).min(8);
        self.gpu.subgroup_lanes = lanes.min(self.gpu.max_subgroup_lanes);
        self
    }

    /// Lanes of a row the portable family reduces with subgroup operations (1: none).
    pub fn subgroup_lanes(&self) -> u32 {
        self.gpu.subgroup_lanes
    }

    /// Caps the bytes one storage binding may hold below the adapter's limit, so that the
    /// splitting of large problems can be tested on small ones.
    pub fn with_binding_limit(mut self, bytes: u64) -> WgpuBackend {
        self.gpu.binding_cap = Some(bytes);
        self
    }

    /// The open device (adapter information, limits, features).
    pub fn gpu(&self) -> &Gpu {
        &self.gpu
    }

    fn host_only(&self, task_device: Device) -> Result<()> {
        if task_device != Device::Cpu {
            return Err(Error::Unsupported {
                backend: "wgpu",
                reason: format!(
                    "tensors on {task_device:?}: the wgpu backend takes host tensors and stages \
                     them itself (wgpu buffers have no addresses to pass)"
                ),
            });
        }
        Ok(())
    }
}

impl Backend for WgpuBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::Wgpu
    }

    fn device_name(&self) -> String {
        let i = &self.gpu.info;
        let family = match (self.gpu.family, self.gpu.matrix_size) {
            (Family::Matrix, Some(m)) => format!("matrix kernels ({m}x{m} f16), portable fallback"),
            _ => "portable kernels".into(),
        };
        let family = match self.gpu.subgroup_lanes {
            1 => format!("{family}, workgroup-memory row reductions"),
            n => format!("{family}, subgroup row reductions over {n} lanes"),
        };
        format!(
            "{} ({:?}, {:?}, {} {}; {family})",
            i.name, i.backend, i.device_type, i.driver, i.driver_info
        )
    }

    fn device(&self) -> Device {
        Device::Wgpu(0)
    }

    fn capabilities(&self) -> Vec<Capability> {
        let mut caps: Vec<Capability> = [
            "f16/bf16/f32 inputs and outputs (read in place, no SHADER_F16 needed)",
            "head_dim 1..=512, Dv != D",
            "causal (top-left, bottom-right), sliding window",
            "boolean and additive masks (u8/f16/bf16/f32, broadcast)",
            "block masks",
            "GQA/MQA",
            "softcap, ALiBi, sinks",
            "LSE output",
            "backward (dQ, dK, dV, dSinks, dBias), deterministic",
            "merge by LSE (host tensors; computed on the CPU)",
        ]
        .into_iter()
        .map(|feature| Capability {
            feature,
            supported: Ok(()),
        })
        .collect();
        caps.push(Capability {
            feature: "problems larger than one storage binding, run in pieces: batches, query \
                      heads, query rows, then keys (blocks merged by LSE); only one query row \
                      by one key (a block of each, with a block mask) must fit",
            supported: Ok(()),
        });
        caps.push(Capability {
            feature: "subgroup row reductions in the portable family (UMFA_WGPU_SUBGROUPS=0: \
                      workgroup memory only)",
            supported: if self.gpu.max_subgroup_lanes > 1 {
                Ok(())
            } else if self.gpu.features.contains(wgpu::Features::SUBGROUP) {
                Err(format!(
                    "the adapter's subgroups may have {} invocation(s); workgroup memory instead",
                    self.gpu.info.subgroup_min_size
                ))
            } else {
                Err(
                    "the adapter has no subgroups (wgpu::Features::SUBGROUP); workgroup memory \
                     instead"
                        .into(),
                )
            },
        });
        caps.push(Capability {
            feature:
                "cooperative-matrix forward (default on Vulkan; UMFA_WGPU_FAMILY=portable|matrix)",
            supported: match self.gpu.matrix_size {
                Some(_) => Ok(()),
                None => Err(
                    "the adapter reports no f16->f32 cooperative matrices with subgroups \
                             of 32 (EXPERIMENTAL_COOPERATIVE_MATRIX, SHADER_F16, SUBGROUP)"
                        .into(),
                ),
            },
        });
        caps
    }

    fn unsupported_forward(&self, _task: &ForwardTask) -> Option<String> {
        None
    }

    fn unsupported_backward(&self, _task: &BackwardTask) -> Option<String> {
        None
    }

    fn forward(&self, task: &ForwardTask, _stream: usize) -> Result<()> {
        self.host_only(task.problem.device)?;
        split::forward(&self.gpu, task)
    }

    fn backward(&self, task: &BackwardTask, _stream: usize) -> Result<()> {
        self.host_only(task.problem.device)?;
        split::backward(&self.gpu, task)
    }

    fn forward_host(&self, attn: &Attention, outs: &mut ForwardOutputs) -> Result<()> {
        let task = validate::forward(attn, outs)?;
        self.host_only(task.problem.device)?;
        split::forward(&self.gpu, &task)
    }

    fn backward_host(
        &self,
        attn: &Attention,
        inputs: &BackwardInputs,
        grads: &mut Gradients,
    ) -> Result<()> {
        let task = validate::backward(attn, inputs, grads)?;
        self.host_only(task.problem.device)?;
        split::backward(&self.gpu, &task)
    }
}
