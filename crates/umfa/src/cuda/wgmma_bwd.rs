//! The Hopper backward's dK/dV kernel (`kernels/wgmma_bwd.cu`): wgmma with a producer
//! warpgroup streaming Q/dO tiles through mbarrier stages and two consumer warpgroups of 64 keys
//! each holding dK and dV in registers. In the fast mode it also adds dS·K into the f32 dQ
//! accumulator (`red.global.add`), which `umfa_bwd_dq_convert` then turns into dQ, as the
//! mma.sync fast path; in the deterministic mode it leaves dQ to mma_bwd.cu's dQ kernel.
//!
//! It replaces the mma.sync dK/dV kernel on compute capability 9.0 for D = Dv of 64 or 128 with
//! 16-bit inputs and dO and 16-byte aligned rows (the mma.sync kernel's own conditions), unless
//! `UMFA_CUDA_WGMMA_BWD=0` (read on every call) or [`set_wgmma_bwd`]`(Some(false))` on the calling
//! thread turns it off.

use super::bwd_params::BwdParams;
use super::compile::{define_options, KernelSource};
use super::mma_bwd::{BwdTile, Pass};
use crate::dtype::DType;
use crate::problem::BackwardTask;

/// Keys per block (two consumer warpgroups of 64).
const BLOCK_N: usize = 128;
/// Three warpgroups: two consumers and the producer.
const THREADS: u32 = 384;
/// The kernel rounds its shared-memory base up to 1024 bytes (the 128-byte swizzle).
const ALIGN_SLACK: usize = 1024;

/// Whether backwards called from this thread take the Hopper dK/dV kernel where it applies:
/// `Some(true)` yes, `Some(false)` no, `None` (the default) yes unless `UMFA_CUDA_WGMMA_BWD=0`
/// (read on every call). For tests and benchmarks.
pub fn set_wgmma_bwd(on: Option<bool>) {
    super::choice::set("UMFA_CUDA_WGMMA_BWD", on);
}

fn wanted() -> bool {
    super::choice::get("UMFA_CUDA_WGMMA_BWD", "1", true)
}

/// A configuration: head dim (= Dv), query rows per streamed item, Q/dO stages, and whether dQ
/// is added here (fast mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct WgmmaBwdConfig {
    pub head_dim: usize,
    pub block_m: usize,
    pub stages: usize,
    pub with_dq: bool,
    /// Q and dO copied by TMA (see [`set_wgmma_bwd_tma`]).
    pub tma: bool,
    /// dQ added by TMA reduce from shared memory (see [`set_wgmma_bwd_dq_bulk`]).
    pub dq_bulk: bool,
}

impl WgmmaBwdConfig {
    /// K and V (128 keys), the stages of Q and dO (`block_m` rows) with their LSE and delta rows
    /// and three mbarriers, with dQ two dSᵀ tiles (128 x `block_m`, 16-bit), with `dq_bulk` the
    /// two warpgroups' f32 dQ tiles (64 x 64 each), and the alignment slack.
    pub fn shared_bytes(&self) -> usize {
        let (d, m) = (self.head_dim, self.block_m);
        let ds = if self.with_dq { 2 * BLOCK_N * m * 2 } else { 0 };
        let dq = if self.dq_bulk { 2 * 64 * 64 * 4 } else { 0 };
        2 * BLOCK_N * d * 2
            + self.stages * (2 * m * d * 2 + 2 * m * 4 + 3 * 8)
            + ds
            + dq
            + ALIGN_SLACK
    }
}

/// Whether backwards called from this thread take 128-query items at D = 64 (twice the matrix
/// work per wait and barrier): `Some(true)` yes, `Some(false)` no, `None` (the default) only with
/// `UMFA_CUDA_WGMMA_BWD_M=128` (read on every call). Opt-in: correct on the H100
/// (`backward_wide_items_match_reference`, 2026-12-07), not yet timed. For tests and benchmarks.
pub fn set_wgmma_bwd_wide_items(on: Option<bool>) {
    super::choice::set("UMFA_CUDA_WGMMA_BWD_M", on);
}

/// Whether the Hopper dK/dV kernel called from this thread copies Q and dO by TMA where tensor
/// maps can describe them: `Some(true)` yes, `Some(false)` no (the cp.async copies), `None` (the
/// default) yes unless `UMFA_CUDA_WGMMA_BWD_TMA=0` (read on every call). On the H100
/// (2026-12-07, docs/perf/cuda-backward.md) TMA alone took G1's backward from 370 to 392
/// TFLOP/s; with [`set_wgmma_bwd_dq_bulk`] to 454.
pub fn set_wgmma_bwd_tma(on: Option<bool>) {
    super::choice::set("UMFA_CUDA_WGMMA_BWD_TMA", on);
}

fn tma_wanted() -> bool {
    super::choice::get("UMFA_CUDA_WGMMA_BWD_TMA", "1", true)
}

/// Whether the Hopper dK/dV kernel called from this thread, where it copies Q and dO by TMA in
/// the fast mode with 64-query items, hands its dQ tiles to the copy engine as TMA reduce-adds
/// from shared memory instead of `red.global.add` from every thread: `Some(true)` yes,
/// `Some(false)` no, `None` (the default) yes unless `UMFA_CUDA_WGMMA_BWD_DQ_BULK=0` (read on
/// every call). H100, 2026-12-07: G1 454 TFLOP/s against 392 without (G1 causal 317 / 287, G2
/// 197 / 169); racecheck and memcheck clean.
pub fn set_wgmma_bwd_dq_bulk(on: Option<bool>) {
    super::choice::set("UMFA_CUDA_WGMMA_BWD_DQ_BULK", on);
}

fn dq_bulk_wanted() -> bool {
    super::choice::get("UMFA_CUDA_WGMMA_BWD_DQ_BULK", "1", true)
}

/// Whether tensor maps can describe Q and dO (16-bit, `[B, Hq, Sq, D]`).
fn tma_fits(p: &BwdParams) -> bool {
    let f = &p.f;
    let fits = |stride| super::wgmma::tma_strides(stride, 2, f.batch, f.heads_q, f.seq_q).is_some();
    fits(f.q_stride) && fits(p.d_out_stride)
}

/// The kernel's argument with TMA (`BwdTmaParams` of `kernels/wgmma_bwd.cu` compiled with
/// `-DTMA=1`): the parameters, then the tensor maps of Q, dO and the f32 dQ accumulator
/// (128-byte aligned; the last one all zeros, unread, without a dQ accumulator).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub(crate) struct BwdTmaParams {
    pub b: BwdParams,
    pub tq: cudarc::driver::sys::CUtensorMap,
    pub tdo: cudarc::driver::sys::CUtensorMap,
    pub tdq: cudarc::driver::sys::CUtensorMap,
}

impl BwdTmaParams {
    /// `p` with the tensor maps of its Q and dO, boxes of `block_m` rows, and of its dQ
    /// accumulator (`[B, Hq, delta_rows, D]` f32, contiguous), boxes of 64 rows.
    pub fn new(p: &BwdParams, block_m: usize, dtype: DType) -> crate::error::Result<BwdTmaParams> {
        let f = &p.f;
        let dims = [f.batch, f.heads_q, f.seq_q, f.head_dim];
        let tdq = if p.dq_acc == 0 {
            cudarc::driver::sys::CUtensorMap { opaque: [0; 16] }
        } else {
            let (rows, d) = (i64::from(p.delta_rows), i64::from(f.head_dim));
            let stride = [i64::from(f.heads_q) * rows * d, rows * d, d, 1];
            let dims = [f.batch, f.heads_q, p.delta_rows, f.head_dim];
            super::wgmma::tensor_map(p.dq_acc, stride, dims, 64, DType::F32)?
        };
        Ok(BwdTmaParams {
            b: *p,
            tq: super::wgmma::tensor_map(f.q, f.q_stride, dims, block_m, dtype)?,
            tdo: super::wgmma::tensor_map(p.d_out, p.d_out_stride, dims, block_m, dtype)?,
            tdq,
        })
    }
}

fn wide_items() -> bool {
    super::choice::get("UMFA_CUDA_WGMMA_BWD_M", "128", false)
}

/// The Hopper kernel's configuration where it replaces the mma.sync dK/dV `tile` (either mode),
/// else why not (the mma.sync kernel then runs, as without this module).
pub(crate) fn select(
    task: &BackwardTask,
    p: &BwdParams,
    tile: &BwdTile,
    compute_capability: (i32, i32),
    max_shared: usize,
) -> Result<WgmmaBwdConfig, &'static str> {
    if !wanted() {
        return Err("turned off: UMFA_CUDA_WGMMA_BWD=0");
    }
    if compute_capability != (9, 0) {
        return Err("wgmma needs a Hopper GPU (sm_90a)");
    }
    // `tile` is mma_bwd's dK/dV tile: select_tile checked the dtypes and the row alignment.
    if tile.pass != Pass::DkDv || !matches!(tile.head_dim, 64 | 128) {
        return Err("the Hopper backward takes D = 64 or 128");
    }
    let prob = &task.problem;
    if !matches!(prob.input_dtype, DType::BF16 | DType::F16)
        || prob.dims.head_dim != prob.dims.head_dim_v
    {
        return Err("16-bit inputs with D = Dv");
    }
    let cfg = WgmmaBwdConfig {
        head_dim: tile.head_dim,
        block_m: if tile.head_dim == 64 && wide_items() {
            128
        } else {
            64
        },
        stages: 2,
        with_dq: tile.dq_atomic,
        tma: tma_wanted() && tma_fits(p),
        dq_bulk: false,
    };
    let dq_bulk = cfg.tma && cfg.with_dq && cfg.block_m == 64 && dq_bulk_wanted();
    let cfg = WgmmaBwdConfig { dq_bulk, ..cfg };
    if cfg.shared_bytes() > max_shared {
        return Err("the tile needs more shared memory than this device has per block");
    }
    Ok(cfg)
}

/// One compiled variant: its `-D` values.
pub(crate) type Variant = [u32; 13];

const DEFINES: [&str; 13] = [
    "TMA",
    "DQ_BULK",
    "HEAD_DIM",
    "BLOCK_M",
    "STAGES",
    "WITH_DQ",
    "IN_BF16",
    "HAS_BAND",
    "HAS_BLOCKS",
    "MASK_KIND",
    "MASK_DTYPE",
    "HAS_SOFTCAP",
    "HAS_ALIBI",
];

pub(crate) fn variant(cfg: &WgmmaBwdConfig, task: &BackwardTask) -> Variant {
    let p = &task.problem;
    let (mask_kind, mask_dtype) = super::params::mask_codes(p);
    [
        cfg.tma as u32,
        cfg.dq_bulk as u32,
        cfg.head_dim as u32,
        cfg.block_m as u32,
        cfg.stages as u32,
        cfg.with_dq as u32,
        (p.input_dtype == DType::BF16) as u32,
        (!p.band.is_unbounded()) as u32,
        p.block_mask.is_some() as u32,
        mask_kind as u32,
        mask_dtype as u32,
        p.softcap.is_some() as u32,
        p.alibi.is_some() as u32,
    ]
}

pub(crate) fn source(variant: &Variant, cfg: &WgmmaBwdConfig) -> KernelSource<'static> {
    KernelSource {
        files: &[
            include_str!("kernels/common.cuh"),
            include_str!("kernels/mma_common.cuh"),
            include_str!("kernels/fwd_tile.cuh"),
            include_str!("kernels/wgmma_ops.cuh"),
            include_str!("kernels/wgmma_common.cuh"),
            include_str!("kernels/pipeline.cuh"),
            include_str!("kernels/bwd_tile.cuh"),
            include_str!("kernels/wgmma_bwd.cu"),
        ],
        // The headers' geometry: 12 warps, 128-key blocks, one m64 tile per warpgroup. Fixed
        // options first so that UMFA_CUDA_DEFINES can override them.
        options: ["-DNWARPS=12", "-DBLOCK_N=128", "-DMT=1", "-DMIN_BLOCKS=1"]
            .map(String::from)
            .into_iter()
            .chain(define_options(&DEFINES, variant))
            .collect(),
        function: "umfa_bwd_dkdv_wgmma",
        dynamic_shared: cfg.shared_bytes() as u32,
    }
}

/// K/V heads per group of the grid's order (see the kernel): 4 under a band, where the blocks'
/// lengths differ, else 1. H200, G1 causal, same call: 251.3 TFLOP/s with 1, 263.7 with 4, 262.1
/// with 8, 263.1 with 16; without a band 338–339 for all four. `UMFA_CUDA_BWD_HEAD_GROUP=G`
/// overrides it (read once), for measuring.
fn head_group(p: &BwdParams, task: &BackwardTask) -> u32 {
    static OVERRIDE: std::sync::OnceLock<Option<u32>> = std::sync::OnceLock::new();
    let banded = !task.problem.band.is_unbounded();
    let g = OVERRIDE
        .get_or_init(|| std::env::var("UMFA_CUDA_BWD_HEAD_GROUP").ok()?.parse().ok())
        .unwrap_or(if banded { 4 } else { 1 });
    let heads = (p.f.batch * p.f.heads_kv) as u32;
    // Grid y takes at most 65535 groups.
    g.clamp(1, heads).max(heads.div_ceil(65_535))
}

/// Grid and block: one block per 128 keys of each K/V head, in groups of heads.
pub(crate) fn geometry(p: &BwdParams, task: &BackwardTask) -> ((u32, u32, u32), u32) {
    let f = &p.f;
    let heads = (f.batch * f.heads_kv) as u32;
    let g = head_group(p, task);
    let key_blocks = (f.seq_kv as u32).div_ceil(BLOCK_N as u32);
    ((key_blocks * g, heads.div_ceil(g), 1), THREADS)
}

#[cfg(test)]
mod tests {
    use super::WgmmaBwdConfig;

    #[test]
    fn fits_hopper_shared_memory() {
        // Every 64-row configuration, and the 128-row items at D = 64 with two stages.
        let configs = [64, 128].into_iter().flat_map(|d| {
            [2, 3].into_iter().flat_map(move |stages| {
                [false, true]
                    .into_iter()
                    .map(move |with_dq| WgmmaBwdConfig {
                        head_dim: d,
                        block_m: 64,
                        stages,
                        with_dq,
                        tma: false,
                        dq_bulk: false,
                    })
            })
        });
        let wide = [false, true].map(|with_dq| WgmmaBwdConfig {
            head_dim: 64,
            block_m: 128,
            stages: 2,
            with_dq,
            tma: false,
            dq_bulk: false,
        });
        for c in configs.chain(wide) {
            assert!(
                c.shared_bytes() <= 227 * 1024,
                "{c:?}: {}",
                c.shared_bytes()
            );
        }
        // D = 128, two stages: 64 KiB K/V, 64 KiB Q/dO, 32 KiB dSᵀ, rows, barriers, slack.
        let c = WgmmaBwdConfig {
            head_dim: 128,
            block_m: 64,
            stages: 2,
            with_dq: true,
            tma: false,
            dq_bulk: false,
        };
        assert_eq!(c.shared_bytes(), 163_840 + 1024 + 48 + 1024);
        let c = WgmmaBwdConfig {
            with_dq: false,
            ..c
        };
        assert_eq!(c.shared_bytes(), 131_072 + 1024 + 48 + 1024);
        // With dQ through shared memory: two 16 KiB f32 tiles more, still within Hopper's limit.
        let c = WgmmaBwdConfig {
            with_dq: true,
            tma: true,
            dq_bulk: true,
            ..c
        };
        assert_eq!(c.shared_bytes(), 163_840 + 32_768 + 1024 + 48 + 1024);
        assert!(c.shared_bytes() <= 227 * 1024);
        // D = 64, 128-row items: 32 KiB K/V, 64 KiB Q/dO, 64 KiB dSᵀ, rows, barriers, slack.
        let c = WgmmaBwdConfig {
            head_dim: 64,
            block_m: 128,
            stages: 2,
            with_dq: true,
            tma: false,
            dq_bulk: false,
        };
        assert_eq!(c.shared_bytes(), 163_840 + 2048 + 48 + 1024);
    }

    /// The TMA kernel reads `BwdTmaParams` by value: the parameters, then the three tensor maps
    /// at the next 128-byte boundaries, as its C twin.
    #[test]
    fn tma_params_match_the_c_struct() {
        let src = include_str!("kernels/wgmma_bwd.cu");
        let fields = crate::cuda::params::c_struct_fields(src, "BwdTmaParams");
        assert_eq!(fields, ["b", "tq", "tdo", "tdq"]);
        let b = std::mem::size_of::<super::BwdParams>();
        let tq = std::mem::offset_of!(super::BwdTmaParams, tq);
        assert_eq!(tq, b.next_multiple_of(128));
        assert_eq!(std::mem::offset_of!(super::BwdTmaParams, tdo), tq + 128);
        assert_eq!(std::mem::offset_of!(super::BwdTmaParams, tdq), tq + 256);
    }
}
