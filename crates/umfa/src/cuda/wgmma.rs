//! The Hopper kernel family (sm_90a only): wgmma with Q and K from shared memory and P from
//! registers, for 16-bit inputs and outputs with D = Dv of 64, 128 or 256. Two kernels: the
//! warp-specialised one (`kernels/wgmma_ws_fwd.cu`: a producer warpgroup, mbarrier stages,
//! consumers overlapping P·V with the next softmax), used by default, and the plain one
//! (`kernels/wgmma_fwd.cu`: every warpgroup loads and computes, block-wide barriers), kept for
//! comparison (`UMFA_CUDA_WGMMA_WS=0`). Same features and variant scheme as the `mma` family,
//! which serves everything this one does not take (and every GPU before Hopper).

use super::compile::{define_options, KernelSource};
use super::params::{check_tile_layout, FwdParams};
use crate::dtype::DType;
use crate::problem::ForwardTask;
use cudarc::driver::sys;

/// A tile configuration: `warpgroups` consumer warpgroups of 64 query rows, `block_n` keys per
/// K/V tile, `stages` K/V stages, whether a producer warpgroup feeds them (the persistent
/// warp-specialised kernel), and its `q_bufs` Q buffers (2: the next work item's Q is copied
/// while the current one runs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct TileConfig {
    pub head_dim: usize,
    pub warpgroups: usize,
    pub block_n: usize,
    pub stages: usize,
    pub warp_specialized: bool,
    pub q_bufs: usize,
    /// K and V copied by TMA (set by `select` where [`tma`] allows it).
    pub tma: bool,
    /// Blocks meant to share an SM (warp-specialised, two consumer warpgroups only): 2 with
    /// `UMFA_CUDA_WGMMA_BLOCKS_PER_SM=2`, which halves the shared memory and registers a block
    /// may take (`register_split`) so that one block's prologue and epilogue — a large share of
    /// short causal items — overlap the other's key loop. Opt-in until run on a GPU.
    pub blocks_per_sm: usize,
}

/// The warp-specialised kernel's mbarriers per stage: full and empty, of K and of V.
const BARRIER_BYTES_PER_STAGE: usize = 32;
/// Its two work-item slots with their full and empty mbarriers (40 bytes, rounded up).
const ITEM_SLOT_BYTES: usize = 64;

/// Shared memory per block on sm_90 (227 KiB): a third stage is used where it fits.
const HOPPER_SHARED: usize = 227 * 1024;

/// Alignment slack: the kernel rounds the shared-memory base up to 1024 bytes (the swizzle is a
/// function of address bits 4–9).
const ALIGN_SLACK: usize = 1024;

/// `UMFA_CUDA_WGMMA_TILE=2x128` (warpgroups x keys): a tile shape that overrides the table and
/// the per-problem choice, for measuring.
fn tile_override() -> Option<(usize, usize)> {
    static OVERRIDE: std::sync::OnceLock<Option<(usize, usize)>> = std::sync::OnceLock::new();
    *OVERRIDE.get_or_init(|| {
        let v = std::env::var("UMFA_CUDA_WGMMA_TILE").ok()?;
        let (w, n) = v.split_once('x')?;
        let (w, n) = (w.parse().ok()?, n.parse().ok()?);
        ((1..=3).contains(&w) && [64, 128, 176, 256].contains(&n)).then_some((w, n))
    })
}

impl TileConfig {
    /// The configuration for a head dim, or `None` where the family has none.
    pub fn for_head_dim(d: usize) -> Option<TileConfig> {
        let (warpgroups, block_n) = match d {
            64 | 128 => (2, 128),
            256 => (2, 64),
            _ => return None,
        };
        // 176-key tiles exist for D = 128 only (and are narrowed further in `select`).
        let (warpgroups, block_n) = tile_override()
            .filter(|&(_, n)| n != 176 || d == 128)
            .unwrap_or((warpgroups, block_n));
        Some(TileConfig::with_shape(d, warpgroups, block_n))
    }

    /// `warpgroups` consumers of `block_n`-key tiles at head dim `d`, with as many Q buffers and
    /// stages as shared memory takes (TMA not yet decided).
    fn with_shape(d: usize, warpgroups: usize, block_n: usize) -> TileConfig {
        TileConfig::with_shape_sharing(d, warpgroups, block_n, blocks_per_sm_override())
    }

    /// As `with_shape`, for `blocks_per_sm` blocks meant to share an SM (two consumer
    /// warpgroups only; 1 otherwise).
    fn with_shape_sharing(
        d: usize,
        warpgroups: usize,
        block_n: usize,
        blocks_per_sm: usize,
    ) -> TileConfig {
        // `UMFA_CUDA_WGMMA_WS=0`: the plain kernel. The warp-specialised one has registers for
        // three consumer warpgroups only at D = 64 (its producer takes a share; O is half as
        // large there), for two elsewhere.
        static WS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        let ws =
            *WS.get_or_init(|| std::env::var_os("UMFA_CUDA_WGMMA_WS").is_none_or(|v| v != "0"));
        let warp_specialized = ws && (warpgroups <= 2 || d <= 64);
        let mut cfg = TileConfig {
            head_dim: d,
            warpgroups,
            block_n,
            stages: 2,
            warp_specialized,
            q_bufs: 1,
            tma: false,
            blocks_per_sm: if warp_specialized && warpgroups == 2 {
                blocks_per_sm
            } else {
                1
            },
        };
        if cfg.warp_specialized {
            // A second Q buffer first (it hides a Q load per work item), then a third stage
            // (the producer runs a whole tile further ahead) where shared memory takes them:
            // D 64 both, D 128 the second Q buffer, D 256 neither. Blocks sharing an SM share
            // its shared memory (1 KiB of it reserved per block).
            let budget = (HOPPER_SHARED + 1024) / cfg.blocks_per_sm - 1024;
            let two_q = TileConfig { q_bufs: 2, ..cfg };
            if two_q.shared_bytes() <= budget && q_bufs_override() != Some(1) {
                cfg = two_q;
            }
            let three = TileConfig { stages: 3, ..cfg };
            if three.shared_bytes() <= budget && stages_override() != Some(2) {
                cfg = three;
            }
        }
        cfg
    }
    pub fn block_m(&self) -> usize {
        64 * self.warpgroups
    }
    pub fn threads(&self) -> u32 {
        128 * (self.warpgroups + self.warp_specialized as usize) as u32
    }
    /// Q tiles plus the stages of K and V, 16-bit, the barriers, and the alignment slack.
    pub fn shared_bytes(&self) -> usize {
        (self.q_bufs * self.block_m() + 2 * self.stages * self.block_n) * self.head_dim * 2
            + ALIGN_SLACK
            + if self.warp_specialized {
                BARRIER_BYTES_PER_STAGE * self.stages + ITEM_SLOT_BYTES
            } else {
                0
            }
    }
}

/// The warp-specialised kernel's argument (`WsParams` in `kernels/wgmma_ws_fwd.cu`): the
/// forward's parameters and the device address of its item counter (a zeroed `int`; 0 where
/// the items are split statically).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub(crate) struct WsParams {
    pub f: FwdParams,
    pub sched: u64,
}

/// The warp-specialised kernel's argument with TMA (`WsParams` of `kernels/wgmma_ws_fwd.cu` when
/// compiled with `-DTMA=1`): as [`WsParams`], plus the tensor maps of K and V.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub(crate) struct WsTmaParams {
    pub f: FwdParams,
    pub sched: u64,
    pub tk: sys::CUtensorMap,
    pub tv: sys::CUtensorMap,
}

/// Whether forwards called from this thread copy K and V with TMA in the Hopper kernel where a
/// tensor map can describe them: `Some(true)` yes, `Some(false)` no (cp.async copies), `None`
/// (the default) yes unless `UMFA_CUDA_WGMMA_TMA=0` (read on every call). TMA is the default
/// since 2026-12-07 (H100: G1 forward 579 TFLOP/s against 396 with cp.async, with the P·V
/// overlap; docs/perf/cuda-hopper.md). For tests and benchmarks.
pub fn set_wgmma_tma(on: Option<bool>) {
    super::choice::set("UMFA_CUDA_WGMMA_TMA", on);
}

/// Whether the warp-specialised kernel copies K and V with TMA: unless turned off
/// ([`set_wgmma_tma`]), where both can be described by a tensor map (see [`tensor_map`]).
pub(crate) fn tma(task: &ForwardTask) -> bool {
    let wanted = super::choice::get("UMFA_CUDA_WGMMA_TMA", "1", true);
    wanted && {
        let p = FwdParams::new(task);
        tma_strides(p.k_stride, 2, p.batch, p.heads_kv, p.seq_kv).is_some()
            && tma_strides(p.v_stride, 2, p.batch, p.heads_kv, p.seq_kv).is_some()
    }
}

/// The byte strides of rows, heads and batches of a K or V view `[B, H, S, D]` (element strides
/// `stride`, elements of `elem_bytes`), as a tensor map takes them: positive multiples of 16
/// below 2^40. A dimension of extent 1 gets the stride of a contiguous layout (it is never
/// stepped).
pub(crate) fn tma_strides(
    stride: [i64; 4],
    elem_bytes: u64,
    batch: i32,
    heads: i32,
    seq: i32,
) -> Option<[u64; 3]> {
    let extents = [seq, heads, batch];
    let mut out = [0u64; 3];
    let mut contiguous = 0u64;
    for i in 0..3 {
        let s = stride[2 - i];
        let bytes = if extents[i] <= 1 {
            contiguous.max(16).next_multiple_of(16)
        } else {
            u64::try_from(s).ok()?.checked_mul(elem_bytes)?
        };
        if bytes == 0 || bytes % 16 != 0 || bytes >= 1 << 40 {
            return None;
        }
        out[i] = bytes;
        contiguous = bytes.checked_mul(extents[i].max(1) as u64)?;
    }
    Some(out)
}

/// The tensor map of a K or V view for the kernels' TMA copies: dimensions [D, S, H, B], boxes of
/// [128 bytes of columns (64 16-bit elements, 128 INT8 ones as `DType::U8`, 32 f32 ones as
/// `DType::F32` — the backward's dQ accumulator), `block_n` rows]
/// with the 128-byte swizzle of the kernels' shared-memory layout, rows past S read as zeros.
pub(crate) fn tensor_map(
    base: u64,
    stride: [i64; 4],
    dims: [i32; 4],
    block_n: usize,
    dtype: DType,
) -> crate::error::Result<sys::CUtensorMap> {
    use sys::{
        CUtensorMapDataType as T, CUtensorMapFloatOOBfill as Oob, CUtensorMapInterleave as Il,
        CUtensorMapL2promotion as L2, CUtensorMapSwizzle as Sw,
    };
    let [batch, heads, seq, d] = dims;
    // `tma` checked the strides before the variant was chosen.
    let (data_type, elem_bytes) = match dtype {
        DType::BF16 => (T::CU_TENSOR_MAP_DATA_TYPE_BFLOAT16, 2),
        DType::U8 => (T::CU_TENSOR_MAP_DATA_TYPE_UINT8, 1),
        DType::F32 => (T::CU_TENSOR_MAP_DATA_TYPE_FLOAT32, 4),
        _ => (T::CU_TENSOR_MAP_DATA_TYPE_FLOAT16, 2),
    };
    let strides = tma_strides(stride, elem_bytes, batch, heads, seq).ok_or_else(|| {
        crate::error::Error::Execution("K/V strides a tensor map cannot describe".into())
    })?;
    let global_dim = [d as u64, seq as u64, heads as u64, batch as u64];
    let box_dim = [128 / elem_bytes as u32, block_n as u32, 1, 1];
    let element_strides = [1u32; 4];
    let mut map = sys::CUtensorMap { opaque: [0; 16] };
    // SAFETY: every array has the rank's length (strides: rank − 1); `base` is the device
    // address of the view (16-byte aligned: check_tile_layout), valid for the launch.
    let r = unsafe {
        sys::cuTensorMapEncodeTiled(
            &mut map,
            data_type,
            4,
            base as *mut std::ffi::c_void,
            global_dim.as_ptr(),
            strides.as_ptr(),
            box_dim.as_ptr(),
            element_strides.as_ptr(),
            Il::CU_TENSOR_MAP_INTERLEAVE_NONE,
            Sw::CU_TENSOR_MAP_SWIZZLE_128B,
            L2::CU_TENSOR_MAP_L2_PROMOTION_L2_256B,
            Oob::CU_TENSOR_MAP_FLOAT_OOB_FILL_NONE,
        )
    };
    r.result()
        .map_err(super::driver::drv("cuTensorMapEncodeTiled"))?;
    Ok(map)
}

/// Whether the warp-specialised kernel claims its items from a counter rather than splitting
/// them statically: only under a band (where the items' lengths differ) and only with
/// `UMFA_CUDA_WGMMA_DYNAMIC=1` (read once).
/// H100 (docs/perf/hopper-h100-1207-s14, medians of 20, TFLOP/s): G2 causal (D = 64) 190.5 /
/// 192.0 with a block per item against 206.0 claimed (193.7 against 210.9 with DESC_ADD); G1
/// causal (D = 128) 506.9 with a block per item against 489.3 claimed (and 24 bytes of spills).
/// So it should become the default at head dims up to 64 — once the forward tests have run with
/// it over the consumer's rewritten item loop (session 12), which they have not yet (they last
/// passed with it on 2026-11-30). Earlier, on the H200, claiming lost everywhere (G1 295.6
/// against 362, G2 149.7 against 177).
pub(crate) fn dynamic(task: &ForwardTask) -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    !task.problem.band.is_unbounded()
        && *ON.get_or_init(|| std::env::var_os("UMFA_CUDA_WGMMA_DYNAMIC").is_some_and(|v| v == "1"))
}

/// `UMFA_CUDA_WGMMA_BLOCKS_PER_SM=2`: see [`TileConfig::blocks_per_sm`].
fn blocks_per_sm_override() -> usize {
    static BLOCKS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *BLOCKS.get_or_init(
        || match std::env::var("UMFA_CUDA_WGMMA_BLOCKS_PER_SM").as_deref() {
            Ok("2") => 2,
            _ => 1,
        },
    )
}

/// Registers per thread of the producer and of the consumers for `blocks` blocks of `threads`
/// sharing an SM's 64 Ki: a block starts with what `__launch_bounds__` leaves each thread
/// (rounded down to the allocation's 8), the producer gives back all but 24 (`setmaxnreg.dec`),
/// and the consumers take what that frees (`setmaxnreg.inc` can only take registers the block
/// holds). `None` where the consumers would get fewer than 96 (two blocks of three consumer
/// warpgroups: 72).
pub(crate) fn register_split(threads: usize, blocks: usize) -> Option<(usize, usize)> {
    const PRODUCER: usize = 24;
    let at_launch = (65536 / (threads * blocks)).min(255) / 8 * 8;
    let consumers = threads - 128;
    let per_consumer = (at_launch * threads - PRODUCER * 128) / consumers / 8 * 8;
    (per_consumer >= 96).then_some((PRODUCER, per_consumer.min(240)))
}

/// `UMFA_CUDA_WGMMA_QBUFS=1` keeps the warp-specialised kernel at one Q buffer, for measuring.
fn q_bufs_override() -> Option<usize> {
    static Q_BUFS: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    *Q_BUFS.get_or_init(|| std::env::var("UMFA_CUDA_WGMMA_QBUFS").ok()?.parse().ok())
}

/// `UMFA_CUDA_WGMMA_STAGES=2` keeps the warp-specialised kernel at two stages, for measuring.
fn stages_override() -> Option<usize> {
    static STAGES: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    *STAGES.get_or_init(|| std::env::var("UMFA_CUDA_WGMMA_STAGES").ok()?.parse().ok())
}

/// `UMFA_CUDA_WGMMA=0` turns the family off (the `mma` family then serves), for comparisons.
fn disabled() -> bool {
    static OFF: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *OFF.get_or_init(|| std::env::var_os("UMFA_CUDA_WGMMA").is_some_and(|v| v == "0"))
}

/// Why the task cannot take this family, or its configuration.
pub(crate) fn select(
    task: &ForwardTask,
    p: &FwdParams,
    compute_capability: (i32, i32),
    max_shared: usize,
) -> Result<TileConfig, &'static str> {
    if compute_capability != (9, 0) {
        return Err("wgmma needs a Hopper GPU (sm_90a)");
    }
    if disabled() {
        return Err("UMFA_CUDA_WGMMA=0");
    }
    let prob = &task.problem;
    if !matches!(prob.input_dtype, DType::BF16 | DType::F16) || task.out.dtype != prob.input_dtype {
        return Err("wgmma takes 16-bit inputs and an output of the same type");
    }
    if prob.dims.head_dim != prob.dims.head_dim_v {
        return Err("D != Dv");
    }
    let mut cfg =
        TileConfig::for_head_dim(prob.dims.head_dim).ok_or("head dim other than 64, 128, 256")?;
    check_tile_layout(p)?;
    cfg.tma = cfg.warp_specialized && tma(task);
    // 176-key tiles (measuring only: UMFA_CUDA_WGMMA_TILE=2x176; FlashAttention-3's tile for
    // D = 128 without a band): with TMA (its one producer warp leaves the consumers the 240
    // registers S, P and O need) and plain scores — no band, block mask, mask, softcap or ALiBi
    // (NVRTC 13: with the score rules the variant spills 488 bytes); elsewhere 128 keys.
    let plain = prob.band.is_unbounded()
        && prob.block_mask.is_none()
        && prob.mask.is_none()
        && prob.softcap.is_none()
        && prob.alibi.is_none();
    if cfg.block_n == 176 && !(cfg.tma && plain) {
        cfg = TileConfig {
            tma: cfg.tma,
            ..TileConfig::with_shape(prob.dims.head_dim, 2, 128)
        };
    }
    // D = 64 without a band: three consumer warpgroups (192 query rows), fed by TMA, whose one
    // producer warp leaves them 160 registers (no spills). H100, 2026-12-07: G2 333.9 TFLOP/s
    // against 315.2 with two; causal G2 slower (172 against 198), so banded problems keep two.
    let wide = TileConfig {
        tma: true,
        ..TileConfig::with_shape(64, 3, 128)
    };
    if cfg.tma
        && prob.dims.head_dim == 64
        && prob.band.is_unbounded()
        && tile_override().is_none()
        && wide.warp_specialized
        && wide.shared_bytes() <= max_shared
    {
        cfg = wide;
    }
    // The kernels number work items (query tile, batch·head) with 32-bit ints.
    let items = (prob.dims.seq_q.div_ceil(cfg.block_m()) as u64)
        * (prob.dims.batch * prob.dims.heads_q) as u64;
    if items > i32::MAX as u64 {
        return Err("more work items than 32-bit indices reach");
    }
    if cfg.shared_bytes() > max_shared {
        return Err("the tile needs more shared memory than this device has per block");
    }
    Ok(cfg)
}

fn flag(b: bool) -> u32 {
    b as u32
}

/// One compiled variant: its `-D` definitions. Plain data, so that finding the loaded kernel of
/// a launch allocates nothing.
pub(crate) type Variant = [u32; 19];

/// The names of a [`Variant`]'s values, in order.
const DEFINES: [&str; 19] = [
    "WARP_SPECIALIZED",
    "WS_MIN_BLOCKS",
    "STAGES",
    "Q_BUFS",
    "HEAD_GROUP",
    "DYNAMIC",
    "TMA",
    "HEAD_DIM",
    "NWARPS",
    "BLOCK_N",
    "IN_BF16",
    "OUT_BF16",
    "HAS_BAND",
    "HAS_BLOCKS",
    "MASK_KIND",
    "MASK_DTYPE",
    "HAS_SOFTCAP",
    "HAS_ALIBI",
    "HAS_SINKS",
];

/// The variant for `cfg` and the features of `task`.
pub(crate) fn variant(cfg: &TileConfig, task: &ForwardTask) -> Variant {
    let p = &task.problem;
    let (mask_kind, mask_dtype) = super::params::mask_codes(p);
    [
        flag(cfg.warp_specialized),
        cfg.blocks_per_sm as u32,
        cfg.stages as u32,
        cfg.q_bufs as u32,
        head_group(
            (p.dims.batch * p.dims.heads_q) as u32,
            !p.band.is_unbounded(),
        ),
        flag(cfg.warp_specialized && dynamic(task)),
        flag(cfg.tma),
        cfg.head_dim as u32,
        cfg.threads() / 32,
        cfg.block_n as u32,
        flag(p.input_dtype == DType::BF16),
        flag(task.out.dtype == DType::BF16),
        flag(!p.band.is_unbounded()),
        flag(p.block_mask.is_some()),
        mask_kind as u32,
        mask_dtype as u32,
        flag(p.softcap.is_some()),
        flag(p.alibi.is_some()),
        flag(p.sinks.is_some()),
    ]
}

/// The source and options of `variant`.
pub(crate) fn source(variant: &Variant, cfg: &TileConfig) -> KernelSource<'static> {
    const PLAIN: &[&str] = &[
        include_str!("kernels/common.cuh"),
        include_str!("kernels/mma_common.cuh"),
        include_str!("kernels/fwd_tile.cuh"),
        include_str!("kernels/wgmma_ops.cuh"),
        include_str!("kernels/wgmma_common.cuh"),
        include_str!("kernels/wgmma_fwd.cu"),
    ];
    const SPECIALIZED: &[&str] = &[
        include_str!("kernels/common.cuh"),
        include_str!("kernels/mma_common.cuh"),
        include_str!("kernels/fwd_tile.cuh"),
        include_str!("kernels/wgmma_ops.cuh"),
        include_str!("kernels/wgmma_common.cuh"),
        include_str!("kernels/pipeline.cuh"),
        include_str!("kernels/wgmma_ws_fwd.cu"),
    ];
    KernelSource {
        files: if cfg.warp_specialized {
            SPECIALIZED
        } else {
            PLAIN
        },
        // mma_common.cuh's helpers read MT; this family has one m64 tile per warpgroup, and
        // registers for four partial reductions per softmax row. Ping-pong between the consumer
        // warpgroups pays where the softmax weighs most against the matrix work (D = 64; see
        // wgmma_ws_fwd.cu). Fixed options go first so that UMFA_CUDA_DEFINES can override them.
        options: ["-DMT=1", "-DMIN_BLOCKS=1", "-DSOFTMAX_PARTS=4"]
            .map(String::from)
            .into_iter()
            .chain((cfg.head_dim <= 64).then(|| "-DPINGPONG=1".to_string()))
            .chain(
                (cfg.blocks_per_sm > 1)
                    .then(|| register_split(cfg.threads() as usize, cfg.blocks_per_sm))
                    .flatten()
                    .into_iter()
                    .flat_map(|(producer, consumer)| {
                        [
                            format!("-DPRODUCER_REGS={producer}"),
                            format!("-DCONSUMER_REGS={consumer}"),
                        ]
                    }),
            )
            .chain(define_options(&DEFINES, variant))
            .collect(),
        function: if cfg.warp_specialized {
            "umfa_fwd_wgmma_ws"
        } else {
            "umfa_fwd_wgmma"
        },
        dynamic_shared: cfg.shared_bytes() as u32,
    }
}

/// Grid and block of a launch over `p`.
/// Grid and block of a launch over `p` on a GPU with `multiprocessors` SMs. The
/// warp-specialised kernel is persistent without a band (one block per SM, at most one per work
/// item, each taking every gridDim.x-th item: H200 G1 397 TFLOP/s against 390 with a block per
/// item, G2 273.7 against 257) and with dynamically claimed items (`dynamic`); under a band by
/// default it gets a block per work item, as the plain kernel, in the grouped order.
pub(crate) fn geometry(
    cfg: &TileConfig,
    p: &FwdParams,
    task: &ForwardTask,
    multiprocessors: u32,
) -> ((u32, u32, u32), u32) {
    let heads = (p.batch * p.heads_q) as u32;
    let q_tiles = (p.seq_q as u32).div_ceil(cfg.block_m() as u32);
    let banded = !task.problem.band.is_unbounded();
    if cfg.warp_specialized {
        let items = q_tiles * heads;
        let persistent = !banded || dynamic(task);
        let blocks = if persistent {
            items.min(multiprocessors.max(1) * cfg.blocks_per_sm as u32)
        } else {
            items
        };
        return ((blocks, 1, 1), cfg.threads());
    }
    // Grid y takes at most 65535 groups.
    let g = head_group(heads, banded).max(heads.div_ceil(65_535));
    ((q_tiles * g, heads.div_ceil(g), 1), cfg.threads())
}

/// Heads per group of the grid's order (`grouped_block` in wgmma_common.cuh): 4 under a band,
/// where the blocks' lengths differ, else 1. H200, same call, G1 causal: 342.2 TFLOP/s with 1,
/// 362.1 with 4, 360.6 with 8; G4 causal (16 heads) 409.5–409.9 with each.
/// `UMFA_CUDA_FWD_HEAD_GROUP=G` overrides it (read once), for measuring.
fn head_group(heads: u32, banded: bool) -> u32 {
    static OVERRIDE: std::sync::OnceLock<Option<u32>> = std::sync::OnceLock::new();
    let g = OVERRIDE.get_or_init(|| std::env::var("UMFA_CUDA_FWD_HEAD_GROUP").ok()?.parse().ok());
    g.unwrap_or(if banded { 4 } else { 1 }).clamp(1, heads)
}

#[cfg(test)]
mod tests {
    use super::{register_split, TileConfig};

    /// The kernel reads `WsParams` by value: same fields, in the same order, as its C twins
    /// (with TMA first in the source, then without).
    #[test]
    fn ws_params_match_the_c_struct() {
        let src = include_str!("kernels/wgmma_ws_fwd.cu");
        let with_tma = crate::cuda::params::c_struct_fields(src, "WsParams");
        assert_eq!(with_tma, ["f", "sched", "tk", "tv"]);
        let rest = src.split_once("struct WsParams {").expect("WsParams").1;
        let plain = crate::cuda::params::c_struct_fields(rest, "WsParams");
        assert_eq!(plain, ["f", "sched"]);
        let fwd = std::mem::size_of::<super::FwdParams>();
        assert_eq!(
            std::mem::offset_of!(super::WsParams, sched),
            fwd.next_multiple_of(8)
        );
        // The tensor maps are 128-byte aligned (CUDA 13's CUtensorMap; the kernel's TensorMap).
        let tk = std::mem::offset_of!(super::WsTmaParams, tk);
        assert_eq!(tk, (fwd.next_multiple_of(8) + 8).next_multiple_of(128));
        assert_eq!(std::mem::offset_of!(super::WsTmaParams, tv), tk + 128);
    }

    #[test]
    fn tiles_fit_hopper_shared_memory_and_whole_swizzle_atoms() {
        for d in [64, 128, 256] {
            let c = TileConfig::for_head_dim(d).expect("a configuration");
            // 227 KiB per block on sm_90; every tile a whole number of 1024-byte swizzle atoms.
            assert!(
                c.shared_bytes() <= 227 * 1024,
                "D {d}: {}",
                c.shared_bytes()
            );
            assert_eq!((c.block_n * 128) % 1024, 0);
            assert_eq!((c.block_m() * 128) % 1024, 0);
        }
        for d in [16, 32, 80, 96, 192, 512] {
            assert!(TileConfig::for_head_dim(d).is_none(), "D {d}");
        }
        // Two Q buffers, then three stages, where shared memory allows them.
        let layout = |d| TileConfig::for_head_dim(d).map(|c| (c.q_bufs, c.stages));
        assert_eq!(layout(64), Some((2, 3)));
        assert_eq!(layout(128), Some((2, 2)));
        assert_eq!(layout(256), Some((1, 2)));
    }

    /// Two blocks per SM: each within half the SM's shared memory (less the 1 KiB the hardware
    /// keeps per block), with the Q buffers and stages that fit: D = 64 with 64-key tiles two
    /// and three (80 KiB), with 128-key tiles two and two (96 KiB); D = 128 with 64-key tiles one
    /// and two (96 KiB); three consumer warpgroups never share.
    #[test]
    fn blocks_sharing_an_sm_fit_its_shared_memory() {
        let sm = super::HOPPER_SHARED + 1024;
        for (d, n, q_bufs, stages) in [(64, 64, 2, 3), (64, 128, 2, 2), (128, 64, 1, 2)] {
            let c = TileConfig::with_shape_sharing(d, 2, n, 2);
            assert_eq!(c.blocks_per_sm, 2);
            assert!(
                2 * (c.shared_bytes() + 1024) <= sm,
                "{d}x{n}: {}",
                c.shared_bytes()
            );
            assert_eq!((c.q_bufs, c.stages), (q_bufs, stages), "{d}x{n}");
        }
        assert_eq!(
            TileConfig::with_shape_sharing(64, 3, 128, 2).blocks_per_sm,
            1
        );
        assert_eq!(TileConfig::with_shape_sharing(64, 2, 128, 1).stages, 3);
    }

    /// Two blocks of a producer and two consumer warpgroups: 80 registers each at launch (85
    /// rounded down to the allocation's 8); the producer keeps 24, so the consumers can take
    /// (80·384 − 24·128) / 256 = 108, rounded down to 104. Three consumer warpgroups would get
    /// 72: refused. One block of 384: 168 at launch, consumers 240 (capped there).
    #[test]
    fn registers_split_between_blocks_sharing_an_sm() {
        assert_eq!(register_split(384, 2), Some((24, 104)));
        assert_eq!(register_split(512, 2), None);
        assert_eq!(register_split(384, 1), Some((24, 240)));
        // Whatever the split, the block never holds more than it was launched with.
        for (threads, blocks) in [(384, 1), (384, 2), (512, 1)] {
            if let Some((p, c)) = register_split(threads, blocks) {
                let at_launch = (65536 / (threads * blocks)).min(255) / 8 * 8;
                assert!(p * 128 + c * (threads - 128) <= at_launch * threads);
            }
        }
    }
}
