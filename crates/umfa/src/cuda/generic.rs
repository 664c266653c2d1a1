//! The generic kernel family: every feature, any head dims up to 512, any strides and dtypes,
//! f32 throughout. The correctness path for whatever the fast kernels do not take.

use super::bwd_params::BwdParams;
use super::compile::KernelSource;
use super::params::FwdParams;

/// Rows per block (one warp each); must match `GEN_WARPS` in `generic_fwd.cu` and `GB_WARPS` in
/// `generic_bwd.cu`.
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

/// The generic backward kernels of `generic_bwd.cu`, in launch order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum BwdKernel {
    Delta,
    Dq,
    DkDv,
    DSinks,
    DBias,
    DqConvert,
}

/// Threads per block of `umfa_bwd_dsinks` (`SINK_THREADS`).
pub(crate) const SINK_THREADS: u32 = 256;

impl BwdKernel {
    fn function(self) -> &'static str {
        match self {
            BwdKernel::Delta => "umfa_bwd_delta",
            BwdKernel::Dq => "umfa_bwd_dq",
            BwdKernel::DkDv => "umfa_bwd_dkdv",
            BwdKernel::DSinks => "umfa_bwd_dsinks",
            BwdKernel::DBias => "umfa_bwd_dbias",
            BwdKernel::DqConvert => "umfa_bwd_dq_convert",
        }
    }
}

pub(crate) fn bwd_source(kernel: BwdKernel) -> KernelSource<'static> {
    KernelSource {
        files: &[
            include_str!("kernels/common.cuh"),
            include_str!("kernels/generic_bwd.cu"),
        ],
        options: Vec::new(),
        function: kernel.function(),
        dynamic_shared: 0,
    }
}

/// Rows per warp of `umfa_bwd_delta` and `umfa_bwd_dq_convert` (32 / `GB_ROW_LANES` in
/// generic_bwd.cu): eight lanes per row.
const ROWS_PER_WARP_PREP: u64 = 4;

/// Blocks of `ROWS_PER_BLOCK` warps over `rows` rows of the two row-parallel kernels.
fn prep_blocks(rows: u64) -> u32 {
    rows.div_ceil(ROWS_PER_BLOCK as u64 * ROWS_PER_WARP_PREP) as u32
}

/// Grid and block of a generic backward launch over `p`.
pub(crate) fn bwd_geometry(kernel: BwdKernel, p: &BwdParams) -> ((u32, u32, u32), u32) {
    let f = &p.f;
    let warps = |n: u64| (n.div_ceil(ROWS_PER_BLOCK as u64)) as u32;
    match kernel {
        BwdKernel::Delta => (
            (
                prep_blocks(p.delta_rows as u64),
                f.heads_q as u32,
                f.batch as u32,
            ),
            ROWS_PER_BLOCK * 32,
        ),
        BwdKernel::DqConvert => (
            (
                prep_blocks(f.seq_q as u64),
                f.heads_q as u32,
                f.batch as u32,
            ),
            ROWS_PER_BLOCK * 32,
        ),
        BwdKernel::Dq => (
            (warps(f.seq_q as u64), f.heads_q as u32, f.batch as u32),
            ROWS_PER_BLOCK * 32,
        ),
        BwdKernel::DkDv => (
            (warps(f.seq_kv as u64), f.heads_kv as u32, f.batch as u32),
            ROWS_PER_BLOCK * 32,
        ),
        BwdKernel::DSinks => ((f.heads_q as u32, 1, 1), SINK_THREADS),
        BwdKernel::DBias => {
            let elems: u64 = p.d_bias_shape.iter().map(|&n| n as u64).product();
            ((warps(elems), 1, 1), ROWS_PER_BLOCK * 32)
        }
    }
}
