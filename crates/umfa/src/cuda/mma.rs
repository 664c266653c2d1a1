//! The FlashAttention-2-style kernel family (`kernels/mma_fwd.cu`): mma.sync m16n8k16 with
//! ldmatrix and cp.async double buffering, for 16-bit inputs and outputs and D = Dv a multiple
//! of 16 up to 256 (tuned at 64, 128 and 256). One compiled variant per tile configuration and feature set; features absent
//! cost nothing at run time.

use super::compile::{define_options, KernelSource};
use super::params::{check_tile_layout, FwdParams};
use crate::dtype::DType;
use crate::problem::ForwardTask;

/// A tile configuration: `mt` m16 tiles of query rows per warp (4 warps), `block_n` keys per
/// K/V tile, `min_blocks` resident blocks per SM asked of the register allocator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct TileConfig {
    pub head_dim: usize,
    pub mt: usize,
    pub block_n: usize,
    pub min_blocks: usize,
}

impl TileConfig {
    /// The tile configuration for a head dim, or `None` where the family has none.
    /// Two m tiles per warp let each K/V fragment read from shared memory feed two MMAs, which
    /// halves shared-memory traffic per FLOP (one tile per warp is bound by it on the H100).
    /// D = 256 keeps one m tile: its O accumulator alone is 128 registers per thread.
    /// `banded`: a causal or window band, whose diagonal tiles cost element-wise work in
    /// proportion to their size.
    pub fn for_head_dim(d: usize, banded: bool) -> Option<TileConfig> {
        // H100, bf16, G2 (16x16x1024, D 64): 2x128 gave 251 TFLOP/s against 226 for 2x64, but
        // 120 against 126 under causal (twice the diagonal work, 48 bytes spilled).
        // G1 (D 128): 2x64 gave 296; 2x32 253, 1x64 217, 1x128 171.
        // Other multiples of 16 take the configuration of the next size up (D = 96 that of 128,
        // D = 192 that of 256): their registers and shared memory fit wherever its do.
        if d & 15 != 0 || d > 256 {
            return None;
        }
        let (mut mt, mut block_n) = if d <= 64 && !banded {
            (2, 128)
        } else if d <= 128 {
            (2, 64)
        } else {
            (1, 32)
        };
        // `UMFA_CUDA_MMA_TILE=2x64` overrides the table, for measuring alternatives.
        static OVERRIDE: std::sync::OnceLock<Option<(usize, usize)>> = std::sync::OnceLock::new();
        let tile = OVERRIDE.get_or_init(|| {
            let v = std::env::var("UMFA_CUDA_MMA_TILE").ok()?;
            let (m, n) = v.split_once('x')?;
            Some((m.parse().ok()?, n.parse().ok()?))
        });
        if let Some((m, n)) = *tile {
            (mt, block_n) = (m, n);
        }
        Some(TileConfig {
            head_dim: d,
            mt,
            block_n,
            min_blocks: 2,
        })
    }
    pub fn block_m(&self) -> usize {
        16 * self.mt * 4
    }
    /// Shared-memory rows: the head dim padded to a multiple of 64 (see `ROW_ELEMS`).
    pub fn row_elems(&self) -> usize {
        self.head_dim.div_ceil(64) * 64
    }
    /// Q tile plus two stages each of K and V, 16-bit.
    pub fn shared_bytes(&self) -> usize {
        (self.block_m() + 4 * self.block_n) * self.row_elems() * 2
    }
}

/// Why the task cannot take this family (it then runs on the generic kernel), or its config.
pub(crate) fn select(
    task: &ForwardTask,
    p: &FwdParams,
    max_shared: usize,
) -> Result<TileConfig, &'static str> {
    let prob = &task.problem;
    if !matches!(prob.input_dtype, DType::BF16 | DType::F16) {
        return Err("f32 inputs run in f32 on the generic kernel (no rounding of Q, K, V)");
    }
    if task.out.dtype != prob.input_dtype {
        // P·V multiplies P rounded to the input type; an output finer than that type (f32, or
        // f16 from bf16 inputs) would carry that rounding beyond its own tolerance.
        return Err("the output dtype differs from the inputs' (P is rounded to the input type)");
    }
    if prob.dims.head_dim != prob.dims.head_dim_v {
        return Err("D != Dv has no tile configuration yet");
    }
    let cfg = TileConfig::for_head_dim(prob.dims.head_dim, !prob.band.is_unbounded())
        .ok_or("the tensor-core kernel takes head dims that are multiples of 16 up to 256")?;
    check_tile_layout(p)?;
    if cfg.shared_bytes() > max_shared {
        return Err("the tile needs more shared memory than this device has per block");
    }
    Ok(cfg)
}

fn flag(b: bool) -> u32 {
    b as u32
}

/// One compiled variant of the family: its `-D` definitions (tile configuration and features).
/// Plain data, so that finding the loaded kernel of a launch allocates nothing.
pub(crate) type Variant = [u32; 13];

/// The names of a [`Variant`]'s values, in order.
const DEFINES: [&str; 13] = [
    "HEAD_DIM",
    "MT",
    "BLOCK_N",
    "MIN_BLOCKS",
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
        cfg.head_dim as u32,
        cfg.mt as u32,
        cfg.block_n as u32,
        cfg.min_blocks as u32,
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
    KernelSource {
        files: &[
            include_str!("kernels/common.cuh"),
            include_str!("kernels/mma_common.cuh"),
            include_str!("kernels/fwd_tile.cuh"),
            include_str!("kernels/mma_fwd.cu"),
        ],
        options: define_options(&DEFINES, variant),
        function: "umfa_fwd_mma",
        dynamic_shared: cfg.shared_bytes() as u32,
    }
}

/// Grid and block of a launch over `p`.
pub(crate) fn geometry(cfg: &TileConfig, p: &FwdParams) -> ((u32, u32, u32), u32) {
    (
        (
            (p.seq_q as u32).div_ceil(cfg.block_m() as u32),
            p.heads_q as u32,
            p.batch as u32,
        ),
        128,
    )
}

#[cfg(test)]
mod tests {
    use super::TileConfig;

    #[test]
    fn tile_table_covers_multiples_of_16_up_to_256() {
        for d in (16..=256).step_by(16) {
            for banded in [false, true] {
                let c = TileConfig::for_head_dim(d, banded).expect("a configuration");
                // Whole k steps and pairs of n8 tiles, and a 96 KiB shared-memory budget
                // (sm_86/89 allow 99 KiB per block).
                assert_eq!(c.block_n % 16, 0);
                assert!(
                    c.shared_bytes() <= 96 * 1024,
                    "D {d}: {} bytes",
                    c.shared_bytes()
                );
                assert_eq!(c.row_elems() % 64, 0);
            }
        }
        for d in [1, 8, 40, 72, 200, 272, 512] {
            assert!(TileConfig::for_head_dim(d, false).is_none(), "D {d}");
        }
        assert_eq!(
            TileConfig::for_head_dim(128, false).map(|c| (c.mt, c.block_n)),
            Some((2, 64))
        );
        assert_eq!(
            TileConfig::for_head_dim(64, false).map(|c| (c.mt, c.block_n)),
            Some((2, 128))
        );
        assert_eq!(
            TileConfig::for_head_dim(64, true).map(|c| (c.mt, c.block_n)),
            Some((2, 64))
        );
        assert_eq!(
            TileConfig::for_head_dim(256, true).map(|c| (c.mt, c.block_n)),
            Some((1, 32))
        );
    }
}
