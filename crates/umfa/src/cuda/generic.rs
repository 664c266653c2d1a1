//! The generic kernel family: every feature, any head dims up to 512, any strides and dtypes,
//! f32 throughout. The correctness path for whatever the fast kernels do not take.

use super::compile::KernelSource;
use super::params::FwdParams;

/// Query rows per block (one warp each); must match `GEN_WARPS` in `generic_fwd.cu`.
const ROWS_PER_BLOCK: u32 = 4;

pub(crate) fn source() -> KernelSource<'static> {
    KernelSource {
        files: &[
            include_str!("kernels/common.cuh"),
            include_str!("kernels/generic_fwd.cu"),
        ],
        options: Vec::new(),
        function: "umfa_fwd_generic",
        dynamic_shared: 0,
    }
}

/// Grid and block of a launch over `p`.
pub(crate) fn geometry(p: &FwdParams) -> ((u32, u32, u32), u32) {
    (
        (
            (p.seq_q as u32).div_ceil(ROWS_PER_BLOCK),
            p.heads_q as u32,
            p.batch as u32,
        ),
        ROWS_PER_BLOCK * 32,
    )
}
