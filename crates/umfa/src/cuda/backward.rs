//! The CUDA backward: which kernels run, in which order, on which workspace.
//!
//! 1. `delta = Σ dO·O − dLSE` and LSE·log2(e) per row (generic kernel; an f32 workspace of two
//!    `[B, Hq, Sq rounded up to 64]` tables, taken from the driver's stream-ordered pool, so
//!    steady-state calls do not reach the allocator); in the fast mode the same kernel zeroes
//!    the dQ accumulator;
//! 2. dQ, on the tensor-core kernel where it applies, else the generic one;
//! 3. dK and dV, likewise, each K/V head summing its GQA group inside one block;
//! 4. dSinks and dBias where asked (generic kernels, fixed-order reductions).
//!
//! In the deterministic mode no gradient element is written by two blocks. The fast mode
//! (`deterministic = false`, D = 64 or 128) folds dQ into the dK/dV kernel, which adds dS·K into
//! an f32 accumulator in the workspace with atomic adds (five matrix products instead of seven;
//! the order of the additions, and so dQ's last bits, vary from run to run), then converts it.
//! On sm_90 the dK/dV kernel of either mode is the Hopper one (`wgmma_bwd.rs`) where it applies,
//! same workspace and conversion (`UMFA_CUDA_WGMMA_BWD=0` or `cuda::set_wgmma_bwd` turns it off).

use super::bwd_params::BwdParams;
use super::compile::Kernel;
use super::driver::{self, Workspace};
use super::generic::{self, BwdKernel};
use super::mma_bwd::{self, Pass};
use super::{trace, wgmma_bwd, CudaBackend, VariantKey};
use crate::error::Result;
use crate::problem::BackwardTask;

pub(crate) fn run(be: &CudaBackend, task: &BackwardTask, stream: usize) -> Result<()> {
    let max_shared = be.gpu.max_shared_per_block as usize;
    let rows = super::bwd_params::workspace_rows(task);
    let probe = BwdParams::new(task, 0, 0);
    let fast = mma_bwd::select_fast(task, &probe, max_shared).ok();
    // Two f32 tables of `rows`, then (fast mode) the dQ accumulator.
    let acc_len = fast.map_or(0, |_| rows * task.problem.dims.head_dim);
    let workspace = Workspace::new(4 * (2 * rows + acc_len), stream)?;
    let dq_acc = if fast.is_some() {
        workspace.ptr + 8 * rows as u64
    } else {
        0
    };
    let p = BwdParams::new(task, workspace.ptr, dq_acc);

    // Launches `k` over `p`; with UMFA_CUDA_TRACE=1 first prints `what` ran and its resources.
    let launch = |what: String, k: Kernel, (grid, block): ((u32, u32, u32), u32), shared: u32| {
        trace_launch(&what, &k, grid, block, shared);
        // SAFETY: validation checked every view against its buffer on this device; every
        // backward kernel takes one `BwdParams`; the workspace holds the tables (and, in the fast
        // mode, the accumulator, zeroed before the dK/dV kernel) and lives until after the launch
        // is queued (it is freed in stream order).
        unsafe { driver::launch(k.func, grid, block, shared, stream, &p) }
    };
    let generic = |kernel: BwdKernel| -> Result<()> {
        let k = be.kernel(VariantKey::GenericBwd(kernel), || {
            generic::bwd_source(kernel)
        })?;
        launch(
            format!("{kernel:?} (generic)"),
            k,
            generic::bwd_geometry(kernel, &p),
            0,
        )
    };
    let tensor_core = |tile: mma_bwd::BwdTile| -> Result<()> {
        let variant = mma_bwd::variant(&tile, task);
        let k = be.kernel(VariantKey::MmaBwd(variant), || {
            mma_bwd::source(&variant, &tile)
        })?;
        let shared = tile.shared_bytes() as u32;
        launch(format!("{tile:?}"), k, mma_bwd::geometry(&tile, &p), shared)
    };
    // A dK/dV tile of either mode: the Hopper kernel where it applies, else mma.sync.
    let dkdv = |tile: mma_bwd::BwdTile| -> Result<()> {
        let cfg = match wgmma_bwd::select(task, &p, &tile, be.gpu.compute_capability, max_shared) {
            Ok(cfg) => cfg,
            Err(_) => return tensor_core(tile),
        };
        let variant = wgmma_bwd::variant(&cfg, task);
        let k = be.kernel(VariantKey::WgmmaBwd(variant), || {
            wgmma_bwd::source(&variant, &cfg)
        })?;
        let shared = cfg.shared_bytes() as u32;
        let what = format!("wgmma dK/dV {cfg:?}");
        let geometry = wgmma_bwd::geometry(&p, task);
        if !cfg.tma {
            return launch(what, k, geometry, shared);
        }
        let tp = wgmma_bwd::BwdTmaParams::new(&p, cfg.block_m, task.problem.input_dtype)?;
        let (grid, block) = geometry;
        trace_launch(&what, &k, grid, block, shared);
        // SAFETY: as `launch`'s; the kernel (compiled with TMA) takes one `BwdTmaParams`, whose
        // tensor maps describe the validated Q and dO.
        unsafe { driver::launch(k.func, grid, block, shared, stream, &tp) }
    };
    let pass = |pass: Pass, fallback: BwdKernel| -> Result<()> {
        match mma_bwd::select(task, &p, pass, max_shared) {
            Ok(tile) if pass == Pass::DkDv => dkdv(tile),
            Ok(tile) => tensor_core(tile),
            Err(_) => generic(fallback),
        }
    };

    // `UMFA_CUDA_BWD_SKIP=dq` (or `dkdv`) leaves a pass out, for timing the others; the
    // gradients are then wrong, so it is for benchmarks only.
    static SKIP: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let skip = SKIP.get_or_init(|| std::env::var("UMFA_CUDA_BWD_SKIP").unwrap_or_default());
    let skipped = |name| skip.split(',').any(|s| s == name);
    // In the fast mode the delta kernel also zeroes the dQ accumulator (every row of it).
    generic(BwdKernel::Delta)?;
    if let Some(tile) = fast {
        if !skipped("dkdv") {
            dkdv(tile)?;
        }
        generic(BwdKernel::DqConvert)?;
    } else {
        if !skipped("dq") {
            pass(Pass::Dq, BwdKernel::Dq)?;
        }
        if !skipped("dkdv") {
            pass(Pass::DkDv, BwdKernel::DkDv)?;
        }
    }
    if task.d_sinks.is_some() {
        generic(BwdKernel::DSinks)?;
    }
    if task.d_bias.is_some() {
        generic(BwdKernel::DBias)?;
    }
    Ok(())
}

/// With UMFA_CUDA_TRACE=1, prints which backward kernel is launched and its resources.
fn trace_launch(what: &str, k: &Kernel, grid: (u32, u32, u32), block: u32, shared: u32) {
    if trace() {
        eprintln!(
            "umfa cuda: backward {what} grid {grid:?} block {block} shared {shared} B, {} registers, {} B spilled",
            k.registers, k.local_bytes
        );
    }
}
