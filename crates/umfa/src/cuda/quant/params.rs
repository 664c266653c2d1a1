//! The parameter blocks of the quantization kernels: the Rust twins of the structs in
//! `kernels/quant_common.cuh`, `quant_quantize.cu`, `quant_dequant.cu` and `quant_int8_fwd.cu`
//! (field order and types must match; the tests below read the C sources).

use super::super::params::FwdParams;
use crate::quant::Granularity;

/// How an element finds its scale-table entry (see `quant_common.cuh`).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct QuantGroups {
    pub per_head: i64,
    pub rows: i32,
    pub per_channel: i32,
}

impl QuantGroups {
    /// The indexing of `g`'s table for a `[B, H, S, D]` tensor: the CPU quantizer's layout.
    pub fn new(g: Granularity, [_, _, s, d]: [usize; 4]) -> QuantGroups {
        const ALL_ROWS: i32 = 1 << 30;
        let (per_head, rows, per_channel) = match g {
            Granularity::PerTensor => (0, ALL_ROWS, 0),
            Granularity::PerRow => (s as i64, 1, 0),
            Granularity::PerBlock(n) => (s.div_ceil(n) as i64, n.min(ALL_ROWS as usize) as i32, 0),
            Granularity::PerChannel => (d as i64, ALL_ROWS, 1),
        };
        QuantGroups {
            per_head,
            rows,
            per_channel,
        }
    }
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct QuantizeParams {
    pub x: u64,
    pub q: u64,
    pub mean: u64,
    pub sums: u64,
    pub run_ranges: u64,
    pub ranges: u64,
    pub scales: u64,
    pub zero_points: u64,
    pub bad: u64,
    pub x_stride: [i64; 4],
    pub groups: QuantGroups,
    pub batch: i32,
    pub heads: i32,
    pub seq: i32,
    pub dim: i32,
    pub x_dtype: i32,
    pub symmetric: i32,
    pub smooth: i32,
    pub qmin: i32,
    pub qmax: i32,
    pub table_len: i32,
    pub runs: i32,
    pub run_rows: i32,
    pub vec: i32,
    pub col_ranges: i32,
    pub seg: i32,
    pub int4: i32,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct DequantParams {
    pub src: u64,
    pub scales: u64,
    pub zero_points: u64,
    pub mean: u64,
    pub dst: u64,
    pub src_stride: [i64; 4],
    pub groups: QuantGroups,
    pub batch: i32,
    pub heads: i32,
    pub seq: i32,
    pub dim: i32,
    pub src_kind: i32,
    pub src_dtype: i32,
    pub dst_dtype: i32,
    pub pad: i32,
}

/// `DequantParams::src_kind`.
pub(crate) const SRC_FLOAT: i32 = 0;
pub(crate) const SRC_INT8: i32 = 1;
pub(crate) const SRC_INT4: i32 = 2;

#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Int8FwdParams {
    pub f: FwdParams,
    pub q_scales: u64,
    pub k_scales: u64,
    pub k_mean: u64,
    pub q_zero_points: u64,
    pub k_zero_points: u64,
    pub q_groups: QuantGroups,
    pub k_groups: QuantGroups,
}

#[cfg(test)]
mod tests {
    use super::super::super::params::c_struct_fields;
    use super::*;
    use std::mem::{offset_of, size_of};

    #[test]
    fn match_the_c_structs() {
        let common = include_str!("../kernels/quant_common.cuh");
        assert_eq!(
            c_struct_fields(common, "QuantGroups"),
            ["per_head", "rows", "per_channel"]
        );
        assert_eq!(size_of::<QuantGroups>(), 16);
        let quantize = include_str!("../kernels/quant_quantize.cu");
        assert_eq!(
            c_struct_fields(quantize, "QuantizeParams"),
            [
                "x",
                "q",
                "mean",
                "sums",
                "run_ranges",
                "ranges",
                "scales",
                "zero_points",
                "bad",
                "x_stride",
                "groups",
                "batch",
                "heads",
                "seq",
                "dim",
                "x_dtype",
                "symmetric",
                "smooth",
                "qmin",
                "qmax",
                "table_len",
                "runs",
                "run_rows",
                "vec",
                "col_ranges",
                "seg",
                "int4"
            ]
        );
        assert_eq!(offset_of!(QuantizeParams, groups), 104);
        assert_eq!(size_of::<QuantizeParams>(), 104 + 16 + 4 * 16);
        let dequant = include_str!("../kernels/quant_dequant.cu");
        assert_eq!(
            c_struct_fields(dequant, "DequantParams"),
            [
                "src",
                "scales",
                "zero_points",
                "mean",
                "dst",
                "src_stride",
                "groups",
                "batch",
                "heads",
                "seq",
                "dim",
                "src_kind",
                "src_dtype",
                "dst_dtype",
                "pad"
            ]
        );
        assert_eq!(size_of::<DequantParams>(), 40 + 32 + 16 + 32);
        let int8 = include_str!("../kernels/quant_int8_common.cuh");
        assert_eq!(
            c_struct_fields(int8, "Int8FwdParams"),
            [
                "f",
                "q_scales",
                "k_scales",
                "k_mean",
                "q_zero_points",
                "k_zero_points",
                "q_groups",
                "k_groups"
            ]
        );
        assert_eq!(offset_of!(Int8FwdParams, q_scales), size_of::<FwdParams>());
        assert_eq!(size_of::<Int8FwdParams>(), size_of::<FwdParams>() + 40 + 32);
    }
}
