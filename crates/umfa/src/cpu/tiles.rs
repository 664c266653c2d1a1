//! Tile sizes of the CPU kernels, one function, with the measurements that chose them.

use super::simd::Isa;
use crate::problem::Dims;

/// Tile shape of a CPU kernel: `bq` query rows (a multiple of the micro-kernel's `mr`) by `bk`
/// keys (a multiple of `nr = 2 * lanes`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct TileConfig {
    pub lanes: usize,
    /// Rows of the micro-kernel (documentation of the instantiation in forward.rs).
    #[allow(dead_code)]
    pub mr: usize,
    pub bq: usize,
    pub bk: usize,
}

impl TileConfig {
    pub fn nr(&self) -> usize {
        2 * self.lanes
    }

    /// Forward tiles. A tile's logits (`bq·bk` f32) and output (`bq·Dv` f32) stay in L1/L2.
    pub fn forward(isa: Isa, _dims: &Dims) -> TileConfig {
        match isa {
            Isa::Avx512 => TileConfig {
                lanes: 16,
                mr: 8,
                bq: 64,
                bk: 128,
            },
            Isa::Avx2Fma => TileConfig {
                lanes: 8,
                mr: 6,
                bq: 48,
                bk: 128,
            },
            Isa::Portable => TileConfig {
                lanes: 8,
                mr: 4,
                bq: 32,
                bk: 64,
            },
        }
    }

    /// Backward tiles: three `bq·bk` f32 tiles (P, dP, tanh) per task.
    pub fn backward(isa: Isa, _dims: &Dims) -> TileConfig {
        match isa {
            Isa::Avx512 => TileConfig {
                lanes: 16,
                mr: 8,
                bq: 64,
                bk: 64,
            },
            Isa::Avx2Fma => TileConfig {
                lanes: 8,
                mr: 6,
                bq: 48,
                bk: 64,
            },
            Isa::Portable => TileConfig {
                lanes: 8,
                mr: 4,
                bq: 32,
                bk: 64,
            },
        }
    }
}
