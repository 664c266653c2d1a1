//! The FlashAttention-2-style backward kernels (`kernels/mma_bwd.cu`): a dQ kernel over query
//! tiles and a dK/dV kernel over key tiles, both mma.sync m16n8k16 with ldmatrix and cp.async
//! double buffering, deterministic (no atomics). For 16-bit inputs and dO of the input type,
//! D = Dv a multiple of 16 up to 128; gradients in any dtype and layout.

use super::bwd_params::BwdParams;
use super::compile::{define_options, KernelSource};
use super::params::aligned_rows;
use crate::dtype::DType;
use crate::problem::BackwardTask;

/// Keys per dK/dV block and query rows per dQ block: four warps of 16 rows each.
const OWNED_ROWS: usize = 64;

/// `UMFA_CUDA_BWD_TILE=32,64` overrides the streamed side of each kernel (dQ's keys per tile,
/// dK/dV's query rows per tile), for measuring alternatives.
fn tile_override() -> Option<(usize, usize)> {
    static OVERRIDE: std::sync::OnceLock<Option<(usize, usize)>> = std::sync::OnceLock::new();
    *OVERRIDE.get_or_init(|| {
        let v = std::env::var("UMFA_CUDA_BWD_TILE").ok()?;
        let (dq, dkdv) = v.split_once(',')?;
        Some((dq.parse().ok()?, dkdv.parse().ok()?))
    })
}

/// Which of the two kernels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Pass {
    Dq,
    DkDv,
}

/// A tile configuration: `block_m` query rows and `block_n` keys per tile, as the kernel's
/// `BLOCK_M`/`BLOCK_N` (one of the two is always [`OWNED_ROWS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct BwdTile {
    pub pass: Pass,
    pub head_dim: usize,
    pub block_m: usize,
    pub block_n: usize,
    /// The dK/dV kernel also adds dS·K into an f32 dQ accumulator (the fast mode).
    pub dq_atomic: bool,
}

impl BwdTile {
    /// The dK/dV tile of the fast mode (dQ by atomic adds), for D = 64 and 128: each of the four
    /// warps takes a quarter of dQ's columns in pairs of n8 tiles.
    /// 64-row query tiles where the device's shared memory per block takes them, else 32.
    pub fn fast(d: usize, max_shared: usize) -> Option<BwdTile> {
        if d != 64 && d != 128 {
            return None;
        }
        let tile = BwdTile {
            dq_atomic: true,
            ..BwdTile::for_head_dim(Pass::DkDv, d)?
        };
        if tile_override().is_some() || tile.shared_bytes() <= max_shared {
            // H200, same call, G1 fast mode: 64-row tiles (44 bytes spilled, 105 KiB at D = 128)
            // 204.0 TFLOP/s and 172.7 causal, against 201.8 and 160.2 with 32-row tiles.
            return Some(tile);
        }
        Some(BwdTile {
            block_m: 32,
            ..tile
        })
    }
    /// The tile of `pass` for head dim `d`, or `None` where the family has none.
    pub fn for_head_dim(pass: Pass, d: usize) -> Option<BwdTile> {
        if d & 15 != 0 || d == 0 || d > 128 {
            return None;
        }
        // H200, bf16, same run: G1 (D 128) 173 TFLOP/s with 64-key dQ tiles and 64-row dK/dV
        // tiles (40 bytes spilled), 164 with 32-row dK/dV tiles (no spill), 152 with 128-key dQ
        // tiles; G2 (D 64) 124 with 128-key dQ tiles against 118 with 64.
        let (mut block_m, mut block_n) = match pass {
            Pass::Dq if d <= 64 => (OWNED_ROWS, 128),
            Pass::Dq => (OWNED_ROWS, 64),
            Pass::DkDv => (64, OWNED_ROWS),
        };
        if let Some((dq, dkdv)) = tile_override() {
            match pass {
                Pass::Dq => block_n = dq,
                // At most 64 query rows per dK/dV tile (the kernel's warp layout).
                Pass::DkDv => block_m = dkdv.min(64),
            }
        }
        Some(BwdTile {
            pass,
            head_dim: d,
            block_m,
            block_n,
            dq_atomic: false,
        })
    }
    fn row_bytes(&self) -> usize {
        self.head_dim.div_ceil(64) * 64 * 2
    }
    /// dQ: Q and dO tiles plus two stages of K and V. dK/dV: K and V plus two stages of Q, dO
    /// and the rows' LSE and delta.
    pub fn shared_bytes(&self) -> usize {
        match self.pass {
            Pass::Dq => (2 * self.block_m + 4 * self.block_n) * self.row_bytes(),
            Pass::DkDv => {
                let ds = if self.dq_atomic {
                    self.block_n * self.block_m * 2
                } else {
                    0
                };
                (2 * self.block_n + 4 * self.block_m) * self.row_bytes() + 4 * self.block_m * 4 + ds
            }
        }
    }
}

/// The tile of `pass` for `task`, or why the task runs on the generic kernels.
pub(crate) fn select(
    task: &BackwardTask,
    p: &BwdParams,
    pass: Pass,
    max_shared: usize,
) -> Result<BwdTile, &'static str> {
    select_tile(task, p, max_shared, || {
        BwdTile::for_head_dim(pass, task.problem.dims.head_dim)
    })
}

/// The fast mode's dK/dV tile (dQ by atomic adds) for `task`, or why it does not apply.
pub(crate) fn select_fast(
    task: &BackwardTask,
    p: &BwdParams,
    max_shared: usize,
) -> Result<BwdTile, &'static str> {
    if task.problem.deterministic {
        return Err("deterministic mode: dQ by its own kernel, without atomics");
    }
    select_tile(task, p, max_shared, || {
        BwdTile::fast(task.problem.dims.head_dim, max_shared)
    })
    .and_then(|t| {
        if t.dq_atomic {
            Ok(t)
        } else {
            Err("no fast tile")
        }
    })
}

fn select_tile(
    task: &BackwardTask,
    p: &BwdParams,
    max_shared: usize,
    tile: impl FnOnce() -> Option<BwdTile>,
) -> Result<BwdTile, &'static str> {
    let prob = &task.problem;
    if !matches!(prob.input_dtype, DType::BF16 | DType::F16) {
        return Err("f32 inputs run in f32 on the generic kernels");
    }
    if task.d_out.dtype != prob.input_dtype {
        return Err("dO must have the inputs' dtype for the tensor-core backward");
    }
    if prob.dims.head_dim != prob.dims.head_dim_v {
        return Err("D != Dv has no tensor-core backward yet");
    }
    let tile = tile().ok_or("the tensor-core backward takes head dims that are multiples of 16 up to 128 (the fast mode 64 and 128)")?;
    let f = &p.f;
    if !(aligned_rows(f.q, &f.q_stride)
        && aligned_rows(f.k, &f.k_stride)
        && aligned_rows(f.v, &f.v_stride)
        && aligned_rows(p.d_out, &p.d_out_stride))
    {
        return Err("Q, K, V and dO need 16-byte aligned rows with a contiguous head dim");
    }
    if tile.shared_bytes() > max_shared {
        return Err("the tile needs more shared memory than this device has per block");
    }
    Ok(tile)
}

/// One compiled variant: its `-D` values (tile and features), plain data for cheap lookups.
pub(crate) type Variant = [u32; 13];

const DEFINES: [&str; 13] = [
    "BWD_DKDV",
    "DQ_ATOMIC",
    "HEAD_DIM",
    "BLOCK_M",
    "BLOCK_N",
    "MIN_BLOCKS",
    "IN_BF16",
    "HAS_BAND",
    "HAS_BLOCKS",
    "MASK_KIND",
    "MASK_DTYPE",
    "HAS_SOFTCAP",
    "HAS_ALIBI",
];

pub(crate) fn variant(tile: &BwdTile, task: &BackwardTask) -> Variant {
    let p = &task.problem;
    let (mask_kind, mask_dtype) = super::params::mask_codes(p);
    [
        (tile.pass == Pass::DkDv) as u32,
        tile.dq_atomic as u32,
        tile.head_dim as u32,
        tile.block_m as u32,
        tile.block_n as u32,
        2,
        (p.input_dtype == DType::BF16) as u32,
        (!p.band.is_unbounded()) as u32,
        p.block_mask.is_some() as u32,
        mask_kind as u32,
        mask_dtype as u32,
        p.softcap.is_some() as u32,
        p.alibi.is_some() as u32,
    ]
}

pub(crate) fn source(variant: &Variant, tile: &BwdTile) -> KernelSource<'static> {
    KernelSource {
        files: &[
            include_str!("kernels/common.cuh"),
            include_str!("kernels/mma_common.cuh"),
            include_str!("kernels/bwd_tile.cuh"),
            include_str!("kernels/mma_bwd.cu"),
        ],
        options: define_options(&DEFINES, variant),
        function: match tile.pass {
            Pass::Dq => "umfa_bwd_dq_mma",
            Pass::DkDv => "umfa_bwd_dkdv_mma",
        },
        dynamic_shared: tile.shared_bytes() as u32,
    }
}

/// Grid and block of a launch: dQ over query tiles of each query head, dK/dV over key tiles of
/// each K/V head.
pub(crate) fn geometry(tile: &BwdTile, p: &BwdParams) -> ((u32, u32, u32), u32) {
    let f = &p.f;
    let grid = match tile.pass {
        Pass::Dq => (
            (f.seq_q as u32).div_ceil(OWNED_ROWS as u32),
            f.heads_q as u32,
            f.batch as u32,
        ),
        Pass::DkDv => (
            (f.seq_kv as u32).div_ceil(OWNED_ROWS as u32),
            f.heads_kv as u32,
            f.batch as u32,
        ),
    };
    (grid, 128)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_fit_every_supported_head_dim() {
        for d in (16..=128).step_by(16) {
            for pass in [Pass::Dq, Pass::DkDv] {
                let t = BwdTile::for_head_dim(pass, d).expect("a tile");
                // One of the two sides is the 64 rows the four warps own; 99 KiB is the most an
                // sm_86/89 block may have.
                assert!(t.block_m == OWNED_ROWS || t.block_n == OWNED_ROWS);
                assert!(t.shared_bytes() <= 99 * 1024, "{t:?}");
                assert_eq!(t.block_m % 16, 0);
                assert_eq!(t.block_n % 16, 0);
            }
        }
        for d in [0, 8, 40, 144, 256] {
            assert!(BwdTile::for_head_dim(Pass::Dq, d).is_none(), "D {d}");
        }
        for d in [64, 128] {
            // sm_86/89 (99 KiB per block) and sm_90 (227 KiB).
            for max in [99 * 1024, 227 * 1024] {
                let t = BwdTile::fast(d, max).expect("a fast tile");
                assert!(t.dq_atomic && t.shared_bytes() <= max, "{t:?}");
            }
        }
        assert_eq!(BwdTile::fast(128, 227 * 1024).map(|t| t.block_m), Some(64));
        assert_eq!(BwdTile::fast(128, 99 * 1024).map(|t| t.block_m), Some(32));
        assert!(BwdTile::fast(96, 227 * 1024).is_none());
    }
}
