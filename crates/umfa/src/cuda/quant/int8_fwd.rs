//! The INT8 forwards: which problems they take, their tile configurations and compiled
//! variants, and their launch. Two kernels: `kernels/quant_int8_wgmma_fwd.cu` (Hopper: s8 wgmma
//! for Q·Kᵀ, warp-specialised like the bf16 Hopper forward), the default on sm_90 for D = 64 and
//! 128, and `kernels/quant_int8_fwd.cu` (mma.sync, sm_80+) everywhere else, or when asked for
//! (`UMFA_CUDA_INT8_WGMMA=0`, or [`set_int8_wgmma`] on the calling thread). H200, 2026-11-29,
//! both on the cuda_quant suite: G1 384.7 TFLOP/s against 269.5, G3 369.2 against 254.5, G4
//! causal 412.7 against 219.6 (docs/quant.md).
//!
//! INT4 Q or K (packed two per byte) take the same kernels: each is unpacked to s8 as it is
//! staged into shared memory, less its zero point when asymmetric (INT4 − INT4 zero point fits in
//! s8), so the tensor-core products are the INT8 ones (`kernels/quant_int8_common.cuh`).

use super::super::compile::{define_options, KernelSource};
use super::super::params::{aligned_rows, mask_codes, FwdParams};
use super::super::wgmma::tensor_map;
use super::super::{driver, CudaBackend, VariantKey};
use super::device::DeviceQuantized;
use super::kernels::KernelKey;
use super::params::{Int8FwdParams, QuantGroups};
use crate::dtype::DType;
use crate::error::Result;
use crate::problem::ForwardTask;
use crate::quant::{Granularity, QuantDType};

/// `mt` m16 tiles of query rows per warp (4 warps), `block_n` keys per tile; or, with `wgmma`,
/// the Hopper kernel: two consumer warpgroups of 64 query rows (`mt` 1: one m64 tile each) fed
/// by a producer warpgroup through `stages` K/V stages. `q_int4`, `k_int4`: the operand is
/// packed INT4, unpacked to s8 as it is staged. `tma`: the Hopper kernel copies K and V by TMA
/// (see [`set_int8_tma`]). `pv_fp8`: it multiplies P·V in e4m3 (see [`set_int8_pv_fp8`]).
/// `key_runs`: K's scales are shared by aligned runs of 64 keys and the Hopper kernel folds them
/// into the softmax's exponent instead of dequantizing each score (see [`set_int8_key_runs`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Int8Tile {
    pub head_dim: usize,
    pub mt: usize,
    pub block_n: usize,
    pub wgmma: bool,
    pub stages: usize,
    pub q_int4: bool,
    pub k_int4: bool,
    pub tma: bool,
    pub pv_fp8: bool,
    pub key_runs: bool,
}

/// Consumer warpgroups of the Hopper INT8 kernel (plus one producer warpgroup).
const WGMMA_CONSUMERS: usize = 2;
/// The Hopper kernel's mbarriers per stage (full and empty, of K and of V) and its alignment
/// slack (the shared-memory base is rounded up to 1024 bytes for the 128-byte swizzle).
const WGMMA_BARRIER_BYTES_PER_STAGE: usize = 32;
const WGMMA_ALIGN_SLACK: usize = 1024;

/// Whether the Hopper INT8 kernel called from this thread copies K and V by TMA (D = 128, INT8
/// K, strides a tensor map can describe): `Some(true)` yes, `Some(false)` no (cp.async),
/// `None` (the default) yes unless `UMFA_CUDA_INT8_TMA=0` (read on every call). H100,
/// 2026-12-07 (docs/quant.md): G1 487 TFLOP/s against 360 with cp.async, G3 463 / 348.
pub fn set_int8_tma(on: Option<bool>) {
    super::super::choice::set("UMFA_CUDA_INT8_TMA", on);
}

fn tma_wanted() -> bool {
    super::super::choice::get("UMFA_CUDA_INT8_TMA", "1", true)
}

/// Whether the Hopper INT8 kernel called from this thread, where it copies K and V by TMA,
/// multiplies P·V in FP8: V converted to e4m3 per channel (scale max |v| / 448 over the
/// sequence) and P to e4m3, the e4m3 wgmma at twice the 16-bit rate on half V's bytes — what
/// SageAttention2 does on Hopper. It adds e4m3's rounding (3 mantissa bits) of P and V to the
/// result: `Some(true)` yes, `Some(false)` no, `None` (the default) only with
/// `UMFA_CUDA_INT8_PV_FP8=1` (read on every call). Opt-in: correct on the H100 but slower
/// as it stands (2026-12-07: G1 387 TFLOP/s against 487 with 16-bit P·V, V's conversion
/// included in the call; docs/quant.md).
pub fn set_int8_pv_fp8(on: Option<bool>) {
    super::super::choice::set("UMFA_CUDA_INT8_PV_FP8", on);
}

fn pv_fp8_wanted() -> bool {
    super::super::choice::get("UMFA_CUDA_INT8_PV_FP8", "1", false)
}

/// Whether the Hopper INT8 kernel called from this thread, where every aligned run of 64 keys
/// shares one key scale (K per tensor, or per block of a multiple of 64 keys — SageAttention's
/// default), folds the q and k scales into the softmax's exponent on full tiles without score
/// modifiers (one scale per row and run) instead of dequantizing each score (two multiplies and
/// a shared-memory read per two scores): `Some(true)` yes, `Some(false)` no, `None` (the
/// default) yes unless `UMFA_CUDA_INT8_KEY_RUNS=0` (read on every call). H100, 2026-12-07, same
/// call (K and V by TMA, sage quantization): G1 534.4 TFLOP/s against 485.0, G3 510.4 against
/// 466.1, G4 causal 570.2 against 536.0.
pub fn set_int8_key_runs(on: Option<bool>) {
    super::super::choice::set("UMFA_CUDA_INT8_KEY_RUNS", on);
}

fn key_runs_wanted() -> bool {
    super::super::choice::get("UMFA_CUDA_INT8_KEY_RUNS", "1", true)
}

/// Whether quantized forwards called from this thread may take the Hopper INT8 kernel (where it
/// applies: sm_90, D = 64 or 128): `Some(true)` yes, `Some(false)` no, `None` (the default) yes
/// unless `UMFA_CUDA_INT8_WGMMA=0` (read on every call). For tests and benchmarks that compare
/// the two kernels in one process.
pub fn set_int8_wgmma(on: Option<bool>) {
    super::super::choice::set("UMFA_CUDA_INT8_WGMMA", on);
}

fn wgmma_wanted() -> bool {
    super::super::choice::get("UMFA_CUDA_INT8_WGMMA", "1", true)
}

impl Int8Tile {
    /// The configuration of a head dim. The s8 MMA's k step is 32, so D is a multiple of 32;
    /// above 128 the O accumulator leaves too few registers (other D fall back).
    /// `UMFA_CUDA_INT8_TILE=2x32` overrides the table, for measuring alternatives.
    pub fn for_head_dim(d: usize) -> Option<Int8Tile> {
        if !d.is_multiple_of(32) || d > 128 {
            return None;
        }
        // sm_90a, NVRTC 13: 2x64 compiles without spills at D 64 and 128 (2x128 at D 64 spills
        // 140 bytes).
        let (mut mt, mut block_n) = (2, 64);
        static OVERRIDE: std::sync::OnceLock<Option<(usize, usize)>> = std::sync::OnceLock::new();
        let tile = OVERRIDE.get_or_init(|| {
            let v = std::env::var("UMFA_CUDA_INT8_TILE").ok()?;
            let (m, n) = v.split_once('x')?;
            Some((m.parse().ok()?, n.parse().ok()?))
        });
        if let Some((m, n)) = *tile {
            (mt, block_n) = (m, n);
        }
        Some(Int8Tile {
            head_dim: d,
            mt,
            block_n,
            wgmma: false,
            stages: 2,
            q_int4: false,
            k_int4: false,
            tma: false,
            pv_fp8: false,
            key_runs: false,
        })
    }
    /// The Hopper kernel's configuration of a head dim (64 or 128: Q and K rows are one 128-byte
    /// column block), with three K/V stages.
    pub fn hopper(d: usize) -> Option<Int8Tile> {
        matches!(d, 64 | 128).then_some(Int8Tile {
            head_dim: d,
            mt: 1,
            block_n: 128,
            wgmma: true,
            stages: 3,
            q_int4: false,
            k_int4: false,
            tma: false,
            pv_fp8: false,
            key_runs: false,
        })
    }
    pub fn block_m(&self) -> usize {
        if self.wgmma {
            64 * WGMMA_CONSUMERS
        } else {
            64 * self.mt
        }
    }
    pub fn threads(&self) -> u32 {
        if self.wgmma {
            128 * (WGMMA_CONSUMERS as u32 + 1)
        } else {
            128
        }
    }
    /// mma.sync: Q and two stages of K (INT8 rows padded to 128 bytes), two stages of V (16-bit
    /// rows padded to 64 elements), two stages of key scales, and for INT4 K two stages of its
    /// packed rows (`head_dim / 2` bytes each). wgmma: Q, then per stage K (INT8,
    /// 128-byte rows), V (16-bit) and key scales, the barriers, the row info (q scale and
    /// smoothing term per query row) and the alignment slack.
    pub fn shared_bytes(&self) -> usize {
        let qk_row = self.head_dim.div_ceil(128) * 128;
        if self.wgmma {
            // V: 16-bit rows, or e4m3 Vᵀ (one byte per key and channel).
            let v_bytes = if self.pv_fp8 { 1 } else { 2 };
            let stage = self.block_n * (qk_row + v_bytes * self.head_dim + 4);
            // Per query row: its INT8 row, and (q scale, q·mean term) as two floats.
            return WGMMA_ALIGN_SLACK
                + self.block_m() * (qk_row + 8)
                + self.stages * (stage + WGMMA_BARRIER_BYTES_PER_STAGE);
        }
        let v_row = self.head_dim.div_ceil(64) * 128;
        let packed_k = if self.k_int4 {
            self.block_n * self.head_dim
        } else {
            0
        };
        (self.block_m() + 2 * self.block_n) * qk_row
            + 2 * self.block_n * v_row
            + 8 * self.block_n
            + packed_k
    }
    /// A short description: kernel, tile, INT4 operands (for logs and the accuracy table).
    pub fn describe(&self) -> String {
        let int4 = match (self.q_int4, self.k_int4) {
            (true, true) => ", Q and K INT4 unpacked",
            (true, false) => ", Q INT4 unpacked",
            (false, true) => ", K INT4 unpacked",
            (false, false) => "",
        };
        format!(
            "int8 {}{}{}{} {}x{}{int4}",
            if self.wgmma { "wgmma" } else { "mma.sync" },
            if self.tma { " tma" } else { "" },
            if self.pv_fp8 { " fp8-pv" } else { "" },
            if self.key_runs { " key-runs" } else { "" },
            self.block_m(),
            self.block_n
        )
    }
    /// The kernel's entry point.
    pub fn function(&self) -> &'static str {
        if self.wgmma {
            "umfa_fwd_int8_wgmma"
        } else {
            "umfa_fwd_int8"
        }
    }
}

/// Why quantized Q and K cannot take the INT8 kernel, if they cannot (the caller then
/// dequantizes). Checks the operands only; [`select`] checks the rest of the problem.
pub(crate) fn operands_unsupported(
    q: &DeviceQuantized,
    k: &DeviceQuantized,
) -> Option<&'static str> {
    let ok_granularity = |g: Granularity| !matches!(g, Granularity::PerChannel);
    // INT4 zero points are subtracted while unpacking (the difference fits in s8); INT8 ones
    // would not fit.
    let zp_ok = |t: &DeviceQuantized| t.symmetric() || t.dtype == QuantDType::Int4;
    if !zp_ok(q) || !zp_ok(k) {
        return Some(
            "asymmetric INT8 Q or K (zero points) do not factor out of the integer product",
        );
    }
    if !ok_granularity(q.granularity) || !ok_granularity(k.granularity) {
        return Some("per-channel scales do not factor out of the integer product");
    }
    if q.smoothed() {
        return Some("a smoothed Q adds a per-key term to the scores (only K smoothing is exact)");
    }
    // Element strides of 16 bytes: 16 INT8 values, 32 INT4 ones.
    let rows_ok = |t: &DeviceQuantized| {
        let unit = match t.dtype {
            QuantDType::Int8 => 16,
            QuantDType::Int4 => 32,
        };
        t.data & 15 == 0 && t.strides[3] == 1 && t.strides[..3].iter().all(|s| s % unit == 0)
    };
    if !rows_ok(q) || !rows_ok(k) {
        return Some("INT8/INT4 Q and K need 16-byte aligned rows with a contiguous head dim");
    }
    None
}

/// Byte strides of a quantized operand's rows (INT4 strides count nibbles; the kernels take
/// bytes, and [`operands_unsupported`] has checked they are even).
fn byte_strides(t: &DeviceQuantized) -> [i64; 4] {
    let s = strides(t.strides);
    match t.dtype {
        QuantDType::Int8 => s,
        QuantDType::Int4 => [s[0] / 2, s[1] / 2, s[2] / 2, 1],
    }
}

/// The tile configuration for `task` (built on shape proxies of Q and K, see `super::forward`),
/// or why the INT8 kernel does not take it. The Hopper kernel where it applies and is wanted
/// (see [`set_int8_wgmma`]), else the mma.sync kernel.
pub(crate) fn select(
    task: &ForwardTask,
    compute_capability: (i32, i32),
    max_shared: usize,
    q: &DeviceQuantized,
    k: &DeviceQuantized,
) -> Result<Int8Tile, &'static str> {
    let (q_int4, k_int4) = (q.dtype == QuantDType::Int4, k.dtype == QuantDType::Int4);
    let p = &task.problem;
    let d = p.dims;
    if d.head_dim != d.head_dim_v {
        return Err("D != Dv has no INT8 tile configuration");
    }
    let with_int4 = |t: Int8Tile| Int8Tile {
        q_int4,
        k_int4,
        ..t
    };
    let tile = Int8Tile::for_head_dim(d.head_dim)
        .map(with_int4)
        .ok_or("the INT8 kernel takes head dims that are multiples of 32 up to 128")?;
    if !matches!(p.input_dtype, DType::F16 | DType::BF16)
        || !aligned_rows(p.v.ptr as u64, &strides(p.v.strides))
    {
        return Err("V must be f16 or bf16 with 16-byte aligned rows");
    }
    let o = &task.out;
    let o_ok = match o.dtype {
        DType::F16 | DType::BF16 => aligned_rows(o.ptr as u64, &strides(o.strides)),
        DType::F32 => {
            o.ptr as u64 & 7 == 0 && o.strides[3] == 1 && o.strides[..3].iter().all(|s| s & 1 == 0)
        }
        DType::U8 => false,
    };
    if !o_ok {
        return Err("O needs aligned rows with a contiguous head dim");
    }
    if tile.shared_bytes() > max_shared {
        return Err("the tile needs more shared memory than this device has per block");
    }
    if compute_capability == (9, 0) && wgmma_wanted() {
        if let Some(h) = Int8Tile::hopper(d.head_dim)
            .map(with_int4)
            .filter(|h| h.shared_bytes() <= max_shared)
        {
            let tma = h.head_dim == 128 && !k_int4 && tma_wanted() && tma_fits(task, k);
            return Ok(Int8Tile {
                tma,
                pv_fp8: tma && pv_fp8_wanted(),
                key_runs: key_runs_wanted() && key_scale_runs_of_64(k),
                ..h
            });
        }
    }
    Ok(tile)
}

fn strides(s: [isize; 4]) -> [i64; 4] {
    s.map(|x| x as i64)
}

/// Whether tensor maps can describe V (16-bit, from `task`) and the INT8 K.
fn tma_fits(task: &ForwardTask, k: &DeviceQuantized) -> bool {
    let f = FwdParams::new(task);
    let fits = |stride, elem_bytes| {
        super::super::wgmma::tma_strides(stride, elem_bytes, f.batch, f.heads_kv, f.seq_kv)
            .is_some()
    };
    fits(f.v_stride, 2) && fits(byte_strides(k), 1)
}

/// One compiled variant: its `-D` values, in the order of [`DEFINES`].
pub(crate) type Variant = [u32; 23];

const DEFINES: [&str; 23] = [
    "INT8_WGMMA",
    "TMA",
    "PV_FP8",
    "STAGES",
    "HEAD_DIM",
    "MT",
    "BLOCK_N",
    "MIN_BLOCKS",
    "IN_BF16",
    "OUT_DTYPE",
    "HAS_K_MEAN",
    "HAS_BAND",
    "HAS_BLOCKS",
    "MASK_KIND",
    "MASK_DTYPE",
    "HAS_SOFTCAP",
    "HAS_ALIBI",
    "HAS_SINKS",
    "Q_INT4",
    "K_INT4",
    "Q_ZP",
    "K_ZP",
    "K_RUN64",
];

fn variant(
    tile: &Int8Tile,
    task: &ForwardTask,
    q: &DeviceQuantized,
    k: &DeviceQuantized,
) -> Variant {
    let p = &task.problem;
    let (mask_kind, mask_dtype) = mask_codes(p);
    [
        tile.wgmma as u32,
        tile.tma as u32,
        tile.pv_fp8 as u32,
        tile.stages as u32,
        tile.head_dim as u32,
        tile.mt as u32,
        tile.block_n as u32,
        if tile.wgmma { 1 } else { 2 },
        (p.input_dtype == DType::BF16) as u32,
        super::super::params::dtype_code(task.out.dtype) as u32,
        k.smoothed() as u32,
        (!p.band.is_unbounded()) as u32,
        p.block_mask.is_some() as u32,
        mask_kind as u32,
        mask_dtype as u32,
        p.softcap.is_some() as u32,
        p.alibi.is_some() as u32,
        p.sinks.is_some() as u32,
        tile.q_int4 as u32,
        tile.k_int4 as u32,
        !q.symmetric() as u32,
        !k.symmetric() as u32,
        tile.key_runs as u32,
    ]
}

/// Whether every aligned run of 64 keys shares one key scale (per tensor, or per block of a
/// multiple of 64 keys): the Hopper kernel's `K_RUN64`, which folds the scales into the softmax's
/// exponent instead of dequantizing each score.
fn key_scale_runs_of_64(k: &DeviceQuantized) -> bool {
    match k.granularity {
        Granularity::PerTensor => true,
        Granularity::PerBlock(n) => n % 64 == 0,
        Granularity::PerRow | Granularity::PerChannel => false,
    }
}

fn source(variant: &Variant, tile: &Int8Tile) -> KernelSource<'static> {
    const MMA: &[&str] = &[
        include_str!("../kernels/common.cuh"),
        include_str!("../kernels/mma_common.cuh"),
        include_str!("../kernels/quant_common.cuh"),
        include_str!("../kernels/quant_int8_common.cuh"),
        include_str!("../kernels/quant_int8_fwd.cu"),
    ];
    const WGMMA: &[&str] = &[
        include_str!("../kernels/common.cuh"),
        include_str!("../kernels/mma_common.cuh"),
        include_str!("../kernels/quant_common.cuh"),
        include_str!("../kernels/quant_int8_common.cuh"),
        include_str!("../kernels/fwd_tile.cuh"),
        include_str!("../kernels/wgmma_ops.cuh"),
        include_str!("../kernels/wgmma_common.cuh"),
        include_str!("../kernels/pipeline.cuh"),
        include_str!("../kernels/quant_int8_wgmma_fwd.cu"),
    ];
    let mut options = define_options(&DEFINES, variant);
    if tile.wgmma {
        // A producer warpgroup and the consumers; four partial reductions per softmax row, as
        // the bf16 Hopper kernel.
        options.push(format!("-DNWARPS={}", tile.threads() / 32));
        options.push("-DSOFTMAX_PARTS=4".into());
    }
    KernelSource {
        files: if tile.wgmma { WGMMA } else { MMA },
        options,
        function: tile.function(),
        dynamic_shared: tile.shared_bytes() as u32,
    }
}

/// Launches the INT8 forward of a validated `task` whose Q and K views are shape proxies: the
/// integers and tables come from `q` and `k`.
pub(crate) fn launch(
    be: &CudaBackend,
    tile: &Int8Tile,
    task: &ForwardTask,
    q: &DeviceQuantized,
    k: &DeviceQuantized,
) -> Result<()> {
    let mut f = FwdParams::new(task);
    f.q = q.data;
    f.k = k.data;
    f.q_stride = byte_strides(q);
    f.k_stride = byte_strides(k);
    let p = Int8FwdParams {
        f,
        q_scales: q.scales,
        k_scales: k.scales,
        k_mean: k.mean.unwrap_or(0),
        q_zero_points: q.zero_points.unwrap_or(0),
        k_zero_points: k.zero_points.unwrap_or(0),
        q_groups: QuantGroups::new(q.granularity, q.shape),
        k_groups: QuantGroups::new(k.granularity, k.shape),
    };
    debug_assert_eq!(
        (tile.q_int4, tile.k_int4),
        (q.dtype == QuantDType::Int4, k.dtype == QuantDType::Int4)
    );
    let v = variant(tile, task, q, k);
    let kernel = be.kernel(VariantKey::Quant(KernelKey::Int8Fwd(v)), || {
        source(&v, tile)
    })?;
    let grid = (
        (f.seq_q as u32).div_ceil(tile.block_m() as u32),
        f.heads_q as u32,
        f.batch as u32,
    );
    if super::super::trace() {
        eprintln!(
            "umfa cuda: int8 kernel {} {tile:?} grid {grid:?} shared {} B, {} registers, {} B spilled",
            tile.function(),
            tile.shared_bytes(),
            kernel.registers,
            kernel.local_bytes
        );
    }
    if tile.tma {
        let dims = |d| [f.batch, f.heads_kv, f.seq_kv, d];
        // FP8 P·V: V converted first (queued before the forward on the same stream; the
        // conversion's workspace is freed in stream order after it).
        let v8 = if tile.pv_fp8 {
            let bf16 = task.problem.input_dtype == DType::BF16;
            Some(super::v_fp8::prepare(
                be,
                &super::v_fp8::VView::of(&f, bf16),
            )?)
        } else {
            None
        };
        let tv = match &v8 {
            // e4m3 Vᵀ: rows are channels, keys contiguous; boxes of [128 keys, D channels].
            Some(v8) => {
                let (h, d, s) = (
                    i64::from(f.heads_kv),
                    i64::from(f.head_dim_v),
                    v8.seq_pad as i64,
                );
                let dims = [f.batch, f.heads_kv, f.head_dim_v, v8.seq_pad as i32];
                let stride = [h * d * s, d * s, s, 1];
                tensor_map(v8.vt, stride, dims, f.head_dim_v as usize, DType::U8)?
            }
            None => tensor_map(
                f.v,
                f.v_stride,
                dims(f.head_dim_v),
                tile.block_n,
                task.problem.input_dtype,
            )?,
        };
        let tp = Int8TmaParams {
            q: p,
            tk: tensor_map(f.k, f.k_stride, dims(f.head_dim), tile.block_n, DType::U8)?,
            tv,
            v_scales: v8.as_ref().map_or(0, |v8| v8.scales),
        };
        // SAFETY: as below; the kernel (compiled with TMA) takes one `Int8TmaParams`, whose
        // tensor maps describe the INT8 K and V (`select` checked their strides).
        return unsafe {
            driver::launch(
                kernel.func,
                grid,
                tile.threads(),
                tile.shared_bytes() as u32,
                0,
                &tp,
            )
        };
    }
    // SAFETY: the task was validated on this device; q and k hold INT8 (or packed INT4) data and
    // tables of the shapes the kernel reads (checked by `super::forward`).
    unsafe {
        driver::launch(
            kernel.func,
            grid,
            tile.threads(),
            tile.shared_bytes() as u32,
            0,
            &p,
        )
    }
}

/// The Hopper INT8 kernel's argument with TMA (`Int8TmaParams` of
/// `kernels/quant_int8_wgmma_fwd.cu` when compiled with `-DTMA=1`): the parameters, the
/// tensor maps of K (INT8) and V (16-bit, or with FP8 P·V the e4m3 Vᵀ; 128-byte aligned), and
/// with FP8 P·V V's channel scales.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
struct Int8TmaParams {
    q: Int8FwdParams,
    tk: cudarc::driver::sys::CUtensorMap,
    tv: cudarc::driver::sys::CUtensorMap,
    v_scales: u64,
}

#[cfg(test)]
mod tests {
    use super::Int8Tile;

    #[test]
    fn hopper_tiles_fit_and_keep_the_swizzle_atoms_aligned() {
        for d in [64, 128] {
            let t = Int8Tile::hopper(d).expect("a Hopper tile");
            // 227 KiB per block on sm_90; Q, each K stage and each V stage whole 1024-byte
            // atoms of the 128-byte swizzle (the kernel lays them out back to back).
            assert!(
                t.shared_bytes() <= 227 * 1024,
                "D {d}: {}",
                t.shared_bytes()
            );
            assert_eq!(t.block_m() * 128 % 1024, 0);
            assert_eq!(t.block_n * 128 % 1024, 0);
            assert_eq!(t.block_n * d * 2 % 1024, 0);
            assert_eq!(t.threads(), 384);
        }
        for d in [32, 96, 256] {
            assert!(Int8Tile::hopper(d).is_none(), "D {d}");
        }
    }

    /// The TMA kernel reads `Int8TmaParams` by value: the parameters, then the two tensor maps
    /// at the next 128-byte boundaries, as its C twin.
    #[test]
    fn tma_params_match_the_c_struct() {
        let src = include_str!("../kernels/quant_int8_wgmma_fwd.cu");
        let fields = crate::cuda::params::c_struct_fields(src, "Int8TmaParams");
        assert_eq!(fields, ["q", "tk", "tv", "v_scales"]);
        let q = std::mem::size_of::<super::Int8FwdParams>();
        let tk = std::mem::offset_of!(super::Int8TmaParams, tk);
        assert_eq!(tk, q.next_multiple_of(128));
        assert_eq!(std::mem::offset_of!(super::Int8TmaParams, tv), tk + 128);
        assert_eq!(
            std::mem::offset_of!(super::Int8TmaParams, v_scales),
            tk + 256
        );
    }
}
