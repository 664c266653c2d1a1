//! The CUDA backend: CUDA C++ kernels (`kernels/*.cu`) compiled at run time by NVRTC for the
//! device, loaded through `cudarc` with dynamic loading. Building needs no CUDA; where the driver
//! or NVRTC is missing, [`probe`] says why and the CPU backend serves.
//!
//! Kernel families: `wgmma` (Hopper only: wgmma tensor-core kernel for 16-bit inputs and outputs
//! with D = Dv of 64, 128 or 256), `mma` (FlashAttention-2-style tensor-core kernel for 16-bit
//! inputs and outputs with D = Dv a multiple of 16 up to 256, every GPU from sm_80) and `generic`
//! (everything else, f32 throughout); all three take every mask and option. [`CudaBackend::kernel_for`] says which one a task takes and why.

mod backward;
mod bwd_params;
mod choice;
// `compile` and `driver` are crate-visible for the ring module's own small kernels and streams.
pub(crate) mod compile;
pub(crate) mod driver;
mod generic;
mod merge;
mod mma;
mod mma_bwd;
mod params;
pub mod quant;
mod staging;
mod wgmma;
mod wgmma_bwd;

pub use driver::{synchronize, DeviceBuffer, EventTimer};
pub use wgmma::set_wgmma_tma;
pub use wgmma_bwd::{
    set_wgmma_bwd, set_wgmma_bwd_dq_bulk, set_wgmma_bwd_tma, set_wgmma_bwd_wide_items,
};

use crate::backend::{Backend, BackendKind, Capability};
use crate::error::Result;
use crate::problem::{BackwardTask, ForwardTask};
use crate::tensor::Device;
use compile::Kernel;
use driver::Gpu;
use params::FwdParams;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The CUDA backend on one device (its primary context: the one PyTorch uses).
pub struct CudaBackend {
    gpu: Gpu,
    /// Loaded kernels by variant.
    kernels: compile::KernelCache<VariantKey>,
}

/// Opens the CUDA backend on device 0, or says why it is unavailable (no driver, no NVRTC, no
/// device).
pub fn probe() -> std::result::Result<Arc<dyn Backend>, String> {
    backend_on(0)
}

/// The CUDA backend of device `ordinal`, opened once per process (each device has its own
/// context, loaded kernels and caches).
pub fn backend_on(ordinal: u32) -> std::result::Result<Arc<dyn Backend>, String> {
    opened(ordinal).map(|be| be as Arc<dyn Backend>)
}

/// The CUDA backend of device `ordinal` as its own type (for the quantization module's entry
/// points, which take device tensors rather than a backend).
pub(crate) fn opened(ordinal: u32) -> std::result::Result<Arc<CudaBackend>, String> {
    static OPENED: std::sync::OnceLock<Mutex<HashMap<u32, Arc<CudaBackend>>>> =
        std::sync::OnceLock::new();
    let mut map = OPENED
        .get_or_init(|| Mutex::new(HashMap::new()))
        .lock()
        .expect("CUDA backend registry lock");
    if let Some(be) = map.get(&ordinal) {
        return Ok(be.clone());
    }
    let be = Arc::new(CudaBackend::on_device(ordinal)?);
    map.insert(ordinal, be.clone());
    Ok(be)
}

/// Which compiled kernel a launch needs.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum VariantKey {
    Generic,
    Mma(mma::Variant),
    Wgmma(wgmma::Variant),
    GenericBwd(generic::BwdKernel),
    MmaBwd(mma_bwd::Variant),
    WgmmaBwd(wgmma_bwd::Variant),
    Quant(quant::KernelKey),
}

/// A kernel and how to launch it.
struct Launch {
    kernel: Kernel,
    grid: (u32, u32, u32),
    block: u32,
    shared: u32,
    /// The kernel's argument: `FwdParams` alone, or (the warp-specialised Hopper kernel)
    /// `WsParams`, with a zeroed item counter where its items are claimed dynamically.
    args: LaunchArgs,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LaunchArgs {
    Plain,
    WarpSpecialized {
        dynamic: bool,
        /// K/V by TMA, with tiles of this many keys.
        tma: Option<usize>,
    },
}

/// `UMFA_CUDA_TRACE=1` prints each launch's kernel and geometry to stderr.
pub(crate) fn trace() -> bool {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("UMFA_CUDA_TRACE").is_some_and(|v| v != "0"))
}

/// Which kernel family a task runs on, and why not the fast one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KernelChoice {
    /// The Hopper wgmma kernel with `block_m` rows and `block_n` keys per tile, warp-specialised
    /// (a producer warpgroup feeding the consumers) or not, copying K and V by TMA or not.
    Wgmma {
        head_dim: usize,
        block_m: usize,
        block_n: usize,
        specialized: bool,
        tma: bool,
    },
    /// The tensor-core kernel with `m` rows and `n` keys per tile.
    Mma {
        head_dim: usize,
        block_m: usize,
        block_n: usize,
    },
    /// The generic kernel, and why the fast one does not apply.
    Generic { reason: &'static str },
}

impl CudaBackend {
    /// The backend on device 0.
    pub fn new() -> std::result::Result<CudaBackend, String> {
        CudaBackend::on_device(0)
    }

    /// The backend on device `ordinal`.
    pub fn on_device(ordinal: u32) -> std::result::Result<CudaBackend, String> {
        Ok(CudaBackend {
            gpu: Gpu::open(ordinal)?,
            kernels: compile::KernelCache::new(),
        })
    }

    /// The NVRTC target architecture (`sm_90a` on the H100).
    pub fn arch(&self) -> String {
        self.gpu.arch()
    }

    /// The family `task` runs on.
    pub fn kernel_for(&self, task: &ForwardTask) -> KernelChoice {
        let p = FwdParams::new(task);
        let max_shared = self.gpu.max_shared_per_block as usize;
        if let Ok(cfg) = wgmma::select(task, &p, self.gpu.compute_capability, max_shared) {
            return KernelChoice::Wgmma {
                head_dim: cfg.head_dim,
                block_m: cfg.block_m(),
                block_n: cfg.block_n,
                specialized: cfg.warp_specialized,
                tma: cfg.tma,
            };
        }
        match mma::select(task, &p, max_shared) {
            Ok(cfg) => KernelChoice::Mma {
                head_dim: cfg.head_dim,
                block_m: cfg.block_m(),
                block_n: cfg.block_n,
            },
            Err(reason) => KernelChoice::Generic { reason },
        }
    }

    /// Registers and spilled bytes per thread of the kernel `task` runs on (compiling it if
    /// needed): what the compiler's resource report would say.
    pub fn kernel_resources(&self, task: &ForwardTask) -> Result<(i32, i32)> {
        self.gpu.bind()?;
        let k = self.prepare(task)?.kernel;
        Ok((k.registers, k.local_bytes))
    }

    /// The loaded kernel of `key`, compiling (or reading the disk cache) on first use only.
    fn kernel(
        &self,
        key: VariantKey,
        source: impl FnOnce() -> compile::KernelSource<'static>,
    ) -> Result<Kernel> {
        self.kernels
            .get_or_load(&key, || compile::load(&source(), &self.gpu.arch()))
    }

    /// The kernel, launch geometry and dynamic shared memory for `task`.
    fn prepare(&self, task: &ForwardTask) -> Result<Launch> {
        let p = FwdParams::new(task);
        let max_shared = self.gpu.max_shared_per_block as usize;
        if let Ok(cfg) = wgmma::select(task, &p, self.gpu.compute_capability, max_shared) {
            let variant = wgmma::variant(&cfg, task);
            let (grid, block) = wgmma::geometry(&cfg, &p, task, self.gpu.multiprocessors as u32);
            return Ok(Launch {
                kernel: self
                    .kernel(VariantKey::Wgmma(variant), || wgmma::source(&variant, &cfg))?,
                grid,
                block,
                shared: cfg.shared_bytes() as u32,
                args: if cfg.warp_specialized {
                    LaunchArgs::WarpSpecialized {
                        dynamic: wgmma::dynamic(task),
                        tma: cfg.tma.then_some(cfg.block_n),
                    }
                } else {
                    LaunchArgs::Plain
                },
            });
        }
        match mma::select(task, &p, max_shared) {
            Ok(cfg) => {
                let variant = mma::variant(&cfg, task);
                let (grid, block) = mma::geometry(&cfg, &p);
                Ok(Launch {
                    kernel: self
                        .kernel(VariantKey::Mma(variant), || mma::source(&variant, &cfg))?,
                    grid,
                    block,
                    shared: cfg.shared_bytes() as u32,
                    args: LaunchArgs::Plain,
                })
            }
            Err(_) => {
                let (grid, block) = generic::geometry(&p);
                Ok(Launch {
                    kernel: self.kernel(VariantKey::Generic, generic::source)?,
                    grid,
                    block,
                    shared: 0,
                    args: LaunchArgs::Plain,
                })
            }
        }
    }
}

impl Backend for CudaBackend {
    fn kind(&self) -> BackendKind {
        BackendKind::Cuda
    }
    fn device_name(&self) -> String {
        let (ma, mi) = self.gpu.compute_capability;
        format!(
            "{} (sm_{ma}{mi}, {} SMs, kernels for {})",
            self.gpu.name,
            self.gpu.multiprocessors,
            self.gpu.arch()
        )
    }
    fn device(&self) -> Device {
        Device::Cuda(self.gpu.ordinal)
    }
    fn capabilities(&self) -> Vec<Capability> {
        let yes = |feature| Capability {
            feature,
            supported: Ok(()),
        };
        vec![
            yes("f16/bf16/f32 inputs and outputs (f32 inputs or outputs: generic f32 kernel)"),
            yes("head_dim 1..=512, Dv != D (tensor-core kernels: D = Dv, a multiple of 16 up to 256; Hopper wgmma kernel: 64, 128, 256)"),
            yes("causal (top-left, bottom-right), sliding window"),
            yes("boolean and additive masks (u8/f16/bf16/f32, broadcast), read tile by tile"),
            yes("block masks (empty tiles skipped, full tiles without element checks)"),
            yes("GQA/MQA without copying K/V"),
            yes("softcap, ALiBi, sinks"),
            yes("LSE output"),
            yes("caller's device pointers and stream; no allocation when called on device tensors"),
            yes("backward: dQ, dK, dV, dSinks, dBias; deterministic (no atomics); GQA summed per K/V head"),
            yes("merge of partial results by LSE (forward, in place, backward), up to 16 parts per call"),
            yes("backward tensor-core kernels: 16-bit inputs and dO, D = Dv a multiple of 16 up to 128"),
        ]
    }
    fn unsupported_forward(&self, task: &ForwardTask) -> Option<String> {
        let d = task.problem.dims;
        if !params::fits_i32(task) {
            return Some("sizes beyond 2^30 per dimension do not fit the kernels' indexing".into());
        }
        if d.heads_q > 65535 || d.batch > 65535 {
            return Some(format!(
                "batch {} and heads {} must each be at most 65535 (grid limits)",
                d.batch, d.heads_q
            ));
        }
        None
    }
    fn unsupported_backward(&self, task: &BackwardTask) -> Option<String> {
        self.unsupported_forward(&bwd_params::forward_view(task))
    }
    fn forward(&self, task: &ForwardTask, stream: usize) -> Result<()> {
        self.gpu.bind()?;
        let p = FwdParams::new(task);
        let Launch {
            kernel: k,
            grid,
            block,
            shared,
            args,
        } = self.prepare(task)?;
        if trace() {
            eprintln!(
                "umfa cuda: {:?} grid {grid:?} block {block} shared {shared} B, {} registers, {} B spilled",
                self.kernel_for(task),
                k.registers,
                k.local_bytes
            );
        }
        match args {
            // SAFETY: validation checked every view against its buffer on this device; the
            // kernel takes one `FwdParams`.
            LaunchArgs::Plain => unsafe { driver::launch(k.func, grid, block, shared, stream, &p) },
            LaunchArgs::WarpSpecialized { dynamic, tma } => {
                // The item counter, zeroed and later freed in stream order around the launch.
                let counter = if dynamic {
                    Some(driver::Workspace::zeroed(4, stream)?)
                } else {
                    None
                };
                let wp = wgmma::WsParams {
                    f: p,
                    sched: counter.as_ref().map_or(0, |c| c.ptr),
                };
                let Some(block_n) = tma else {
                    // SAFETY: as above; the kernel takes one `WsParams`, whose counter (if any)
                    // lives until after the launch is queued.
                    return unsafe { driver::launch(k.func, grid, block, shared, stream, &wp) };
                };
                let dims = |d| [p.batch, p.heads_kv, p.seq_kv, d];
                let dtype = task.problem.input_dtype;
                let wt = wgmma::WsTmaParams {
                    f: wp.f,
                    sched: wp.sched,
                    tk: wgmma::tensor_map(p.k, p.k_stride, dims(p.head_dim), block_n, dtype)?,
                    tv: wgmma::tensor_map(p.v, p.v_stride, dims(p.head_dim_v), block_n, dtype)?,
                };
                // SAFETY: as above; the kernel (compiled with TMA) takes one `WsTmaParams`, whose
                // tensor maps describe K and V as validated.
                unsafe { driver::launch(k.func, grid, block, shared, stream, &wt) }
            }
        }
    }
    fn backward(&self, task: &BackwardTask, stream: usize) -> Result<()> {
        self.gpu.bind()?;
        backward::run(self, task, stream)
    }
    fn backward_host(
        &self,
        attn: &crate::params::Attention,
        inputs: &crate::params::BackwardInputs,
        grads: &mut crate::params::Gradients,
    ) -> Result<()> {
        staging::backward_host(self, attn, inputs, grads)
    }
    fn forward_host(
        &self,
        attn: &crate::params::Attention,
        outs: &mut crate::params::ForwardOutputs,
    ) -> Result<()> {
        staging::forward_host(self, attn, outs)
    }
    fn quant_forward(
        &self,
        attn: &crate::quant::QuantAttention,
        outs: &mut crate::params::ForwardOutputs,
    ) -> Result<()> {
        quant::quant_forward(self, attn, outs)
    }
    fn quantize_forward(
        &self,
        inputs: [crate::tensor::TensorRef; 3],
        config: &crate::quant::QuantConfig,
        params: crate::params::AttentionParams,
        outs: &mut crate::params::ForwardOutputs,
    ) -> Result<()> {
        quant::quantize_forward(self, inputs, config, params, outs)
    }
    fn quant_backward(
        &self,
        attn: &crate::quant::QuantAttention,
        inputs: &crate::params::BackwardInputs,
        grads: &mut crate::params::Gradients,
    ) -> Result<()> {
        quant::quant_backward(self, attn, inputs, grads)
    }
    fn quantize_backward(
        &self,
        inputs: [crate::tensor::TensorRef; 3],
        config: &crate::quant::QuantConfig,
        params: crate::params::AttentionParams,
        grad_inputs: &crate::params::BackwardInputs,
        grads: &mut crate::params::Gradients,
    ) -> Result<()> {
        quant::quantize_backward(self, inputs, config, params, grad_inputs, grads)
    }
    fn merge(&self, task: &crate::merge::MergeTask, stream: usize) -> Result<()> {
        merge::launch_merge(self, task, stream)
    }
    fn merge_backward(&self, task: &crate::merge::MergeBackwardTask, stream: usize) -> Result<()> {
        merge::launch_merge_backward(self, task, stream)
    }
    fn merge_host(&self, task: &crate::merge::MergeTask) -> Result<()> {
        merge::merge_host(self, task)
    }
    fn merge_backward_host(&self, task: &crate::merge::MergeBackwardTask) -> Result<()> {
        merge::merge_backward_host(self, task)
    }
}
