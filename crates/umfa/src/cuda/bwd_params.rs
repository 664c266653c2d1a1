//! The parameter block every backward kernel receives by value: the Rust twin of `BwdParams` in
//! `kernels/common.cuh` (field order and types must match).

use super::params::{dtype_code, FwdParams};
use crate::problem::{BackwardTask, ForwardTask};

#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct BwdParams {
    /// The forward problem; `o` is the forward's output and `lse` its LSE, both read.
    pub f: FwdParams,
    pub d_out: u64,
    pub dq: u64,
    pub dk: u64,
    pub dv: u64,
    pub d_sinks: u64,
    pub d_bias: u64,
    /// The f32 workspace: row sums dO·O, then LSE·log2(e), `[B, Hq, delta_rows]` each.
    pub delta: u64,
    /// Fast mode: the f32 `[B, Hq, delta_rows, D]` accumulator of dQ / scale (else 0).
    pub dq_acc: u64,
    pub d_out_stride: [i64; 4],
    pub dq_stride: [i64; 4],
    pub dk_stride: [i64; 4],
    pub dv_stride: [i64; 4],
    pub d_bias_stride: [i64; 4],
    pub d_sinks_stride: [i64; 4],
    /// The additive mask's own shape, right-aligned to 4-D (1 where it broadcasts).
    pub d_bias_shape: [i32; 4],
    pub d_out_dtype: i32,
    pub dq_dtype: i32,
    pub dk_dtype: i32,
    pub dv_dtype: i32,
    /// Rows per head in the workspace's tables: Sq rounded up to [`DELTA_ROW_ALIGN`].
    pub delta_rows: i32,
    /// 1 where O and dO are 16-bit with 16-byte aligned contiguous rows and Dv % 8 == 0, so the
    /// row sums read eight elements per load.
    pub vec_rows: i32,
    /// The f32 upstream gradient of the LSE, `[b, h, i, 0]` (0 = none): `umfa_bwd_delta`
    /// subtracts it from the row sums, so every backward kernel that reads delta sees it. Last,
    /// so that the other fields keep their offsets.
    pub d_lse: u64,
    pub d_lse_stride: [i64; 4],
}

/// The workspace's rows per head are padded to this, so the tensor-core kernels copy whole
/// 16-byte chunks of any query tile (tiles are at most this many rows: the Hopper dK/dV kernel's
/// 128-row items at D = 64).
pub(crate) const DELTA_ROW_ALIGN: usize = 128;

/// Padded rows of `task` over every head: the length of each workspace table.
pub(crate) fn workspace_rows(task: &BackwardTask) -> usize {
    let d = task.problem.dims;
    d.batch * d.heads_q * d.seq_q.div_ceil(DELTA_ROW_ALIGN) * DELTA_ROW_ALIGN
}

fn strides(s: [isize; 4]) -> [i64; 4] {
    s.map(|x| x as i64)
}

/// The forward task a backward task recomputes: its problem, with O in place of the output.
pub(crate) fn forward_view(task: &BackwardTask) -> ForwardTask {
    ForwardTask {
        problem: task.problem,
        out: crate::problem::View4Mut {
            ptr: task.out.ptr as *mut u8,
            dtype: task.out.dtype,
            strides: task.out.strides,
        },
        lse: Some(crate::problem::View4Mut {
            ptr: task.lse.ptr as *mut u8,
            dtype: task.lse.dtype,
            strides: task.lse.strides,
        }),
    }
}

impl BwdParams {
    pub fn new(task: &BackwardTask, delta: u64, dq_acc: u64) -> BwdParams {
        let mut b = BwdParams {
            f: FwdParams::new(&forward_view(task)),
            d_out: task.d_out.ptr as u64,
            dq: task.dq.ptr as u64,
            dk: task.dk.ptr as u64,
            dv: task.dv.ptr as u64,
            delta,
            dq_acc,
            d_out_stride: strides(task.d_out.strides),
            dq_stride: strides(task.dq.strides),
            dk_stride: strides(task.dk.strides),
            dv_stride: strides(task.dv.strides),
            d_bias_shape: [1; 4],
            d_out_dtype: dtype_code(task.d_out.dtype),
            dq_dtype: dtype_code(task.dq.dtype),
            dk_dtype: dtype_code(task.dk.dtype),
            dv_dtype: dtype_code(task.dv.dtype),
            delta_rows: (task.problem.dims.seq_q.div_ceil(DELTA_ROW_ALIGN) * DELTA_ROW_ALIGN)
                as i32,
            ..Default::default()
        };
        let rows16 = |ptr: u64, dtype: crate::dtype::DType, s: [isize; 4]| {
            dtype.size_bytes() == 2
                && ptr.is_multiple_of(16)
                && s[3] == 1
                && s[..3].iter().all(|x| x % 8 == 0)
        };
        b.vec_rows = (task.problem.dims.head_dim_v.is_multiple_of(8)
            && rows16(task.out.ptr as u64, task.out.dtype, task.out.strides)
            && rows16(task.d_out.ptr as u64, task.d_out.dtype, task.d_out.strides))
            as i32;
        if let Some(g) = &task.d_lse {
            b.d_lse = g.ptr as u64;
            b.d_lse_stride = strides(g.strides);
        }
        if let Some(s) = &task.d_sinks {
            b.d_sinks = s.ptr as u64;
            b.d_sinks_stride = strides(s.strides);
        }
        if let (Some(db), Some(m)) = (&task.d_bias, &task.problem.mask) {
            b.d_bias = db.ptr as u64;
            b.d_bias_stride = strides(db.strides);
            b.d_bias_shape = m.shape.map(|n| n as i32);
        }
        b
    }
}

#[cfg(test)]
mod tests {
    use super::BwdParams;
    use std::mem::{offset_of, size_of};

    /// The C struct in `common.cuh` must declare the same fields in the same order.
    #[test]
    fn matches_the_c_struct() {
        let c_fields =
            crate::cuda::params::c_struct_fields(include_str!("kernels/common.cuh"), "BwdParams");
        let rust_fields = [
            "f",
            "d_out",
            "dq",
            "dk",
            "dv",
            "d_sinks",
            "d_bias",
            "delta",
            "dq_acc",
            "d_out_stride",
            "dq_stride",
            "dk_stride",
            "dv_stride",
            "d_bias_stride",
            "d_sinks_stride",
            "d_bias_shape",
            "d_out_dtype",
            "dq_dtype",
            "dk_dtype",
            "dv_dtype",
            "delta_rows",
            "vec_rows",
            "d_lse",
            "d_lse_stride",
        ];
        assert_eq!(c_fields, rust_fields);
        // FwdParams (456 bytes), 8 addresses, 6 stride quadruples, 10 4-byte fields, then the
        // d_lse address and its strides.
        assert_eq!(offset_of!(BwdParams, d_out), 456);
        assert_eq!(offset_of!(BwdParams, d_out_stride), 520);
        assert_eq!(offset_of!(BwdParams, d_bias_shape), 712);
        assert_eq!(offset_of!(BwdParams, d_lse), 752);
        assert_eq!(size_of::<BwdParams>(), 792);
    }
}
