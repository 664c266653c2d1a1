//! The parameter block every forward kernel receives by value: the Rust twin of `FwdParams` in
//! `kernels/common.cuh` (field order and types must match).

use crate::dtype::DType;
use crate::params::MaskKind;
use crate::problem::ForwardTask;

#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FwdParams {
    pub q: u64,
    pub k: u64,
    pub v: u64,
    pub o: u64,
    pub lse: u64,
    pub mask: u64,
    pub blocks: u64,
    pub alibi: u64,
    pub sinks: u64,
    pub q_stride: [i64; 4],
    pub k_stride: [i64; 4],
    pub v_stride: [i64; 4],
    pub o_stride: [i64; 4],
    pub lse_stride: [i64; 4],
    pub mask_stride: [i64; 4],
    pub blocks_stride: [i64; 4],
    pub alibi_stride: [i64; 4],
    pub sinks_stride: [i64; 4],
    pub band_lo: i64,
    pub band_hi: i64,
    pub batch: i32,
    pub heads_q: i32,
    pub heads_kv: i32,
    pub seq_q: i32,
    pub seq_kv: i32,
    pub head_dim: i32,
    pub head_dim_v: i32,
    pub group: i32,
    pub in_dtype: i32,
    pub out_dtype: i32,
    pub mask_kind: i32,
    pub mask_dtype: i32,
    pub has_lo: i32,
    pub has_hi: i32,
    pub block_q: i32,
    pub block_k: i32,
    pub diag_offset: i32,
    pub has_softcap: i32,
    pub scale: f32,
    pub softcap: f32,
}

/// The dtype codes of `common.cuh`.
pub(crate) fn dtype_code(d: DType) -> i32 {
    match d {
        DType::F16 => 0,
        DType::BF16 => 1,
        DType::F32 => 2,
        DType::U8 => 3,
    }
}

/// The kernels' `MASK_*` code of the problem's mask and its element dtype code (0, 0 without one).
pub(crate) fn mask_codes(p: &crate::problem::Problem) -> (i32, i32) {
    match &p.mask {
        None => (0, 0),
        Some(m) => (
            match m.kind {
                MaskKind::Bool => 1,
                MaskKind::Additive => 2,
            },
            dtype_code(m.view.dtype),
        ),
    }
}

/// Whether a 16-bit view has 16-byte aligned rows and a contiguous head dim: what the
/// tensor-core kernels' cp.async tile copies need.
pub(crate) fn aligned_rows(ptr: u64, strides: &[i64; 4]) -> bool {
    ptr & 15 == 0 && strides[3] == 1 && strides[..3].iter().all(|s| s & 7 == 0)
}

/// Why Q, K, V and O cannot take a tensor-core forward's tile copies, if they cannot.
pub(crate) fn check_tile_layout(p: &FwdParams) -> Result<(), &'static str> {
    if aligned_rows(p.q, &p.q_stride)
        && aligned_rows(p.k, &p.k_stride)
        && aligned_rows(p.v, &p.v_stride)
        && aligned_rows(p.o, &p.o_stride)
    {
        Ok(())
    } else {
        Err("Q, K, V and O need 16-byte aligned rows with a contiguous head dim")
    }
}

fn strides(s: [isize; 4]) -> [i64; 4] {
    s.map(|x| x as i64)
}

/// Sizes the kernels index with 32-bit ints must fit; larger problems are refused, not wrapped.
pub(crate) fn fits_i32(task: &ForwardTask) -> bool {
    let d = task.problem.dims;
    [
        d.batch,
        d.heads_q,
        d.seq_q,
        d.seq_kv,
        d.head_dim,
        d.head_dim_v,
    ]
    .iter()
    .all(|&x| x < i32::MAX as usize / 2)
}

impl FwdParams {
    pub fn new(task: &ForwardTask) -> FwdParams {
        let p = &task.problem;
        let d = p.dims;
        let mut f = FwdParams {
            q: p.q.ptr as u64,
            k: p.k.ptr as u64,
            v: p.v.ptr as u64,
            o: task.out.ptr as u64,
            q_stride: strides(p.q.strides),
            k_stride: strides(p.k.strides),
            v_stride: strides(p.v.strides),
            o_stride: strides(task.out.strides),
            batch: d.batch as i32,
            heads_q: d.heads_q as i32,
            heads_kv: d.heads_kv as i32,
            seq_q: d.seq_q as i32,
            seq_kv: d.seq_kv as i32,
            head_dim: d.head_dim as i32,
            head_dim_v: d.head_dim_v as i32,
            group: d.group_size() as i32,
            in_dtype: dtype_code(p.input_dtype),
            out_dtype: dtype_code(task.out.dtype),
            scale: p.scale,
            diag_offset: p.diagonal_offset() as i32,
            ..Default::default()
        };
        if let Some(l) = &task.lse {
            f.lse = l.ptr as u64;
            f.lse_stride = strides(l.strides);
        }
        // Kernels compare bands in 32 bits; |j - i| < 2^30 (see `fits_i32`), so clamping to
        // ±2^30 changes no answer.
        let clamp = |x: i64| x.clamp(-(1 << 30), 1 << 30);
        if let Some(lo) = p.band.lo {
            f.has_lo = 1;
            f.band_lo = clamp(lo);
        }
        if let Some(hi) = p.band.hi {
            f.has_hi = 1;
            f.band_hi = clamp(hi);
        }
        if let Some(c) = p.softcap {
            f.has_softcap = 1;
            f.softcap = c;
        }
        if let Some(a) = &p.alibi {
            f.alibi = a.ptr as u64;
            f.alibi_stride = strides(a.strides);
        }
        if let Some(s) = &p.sinks {
            f.sinks = s.ptr as u64;
            f.sinks_stride = strides(s.strides);
        }
        if let Some(m) = &p.mask {
            f.mask = m.view.ptr as u64;
            f.mask_stride = strides(m.view.strides);
            (f.mask_kind, f.mask_dtype) = mask_codes(p);
        }
        if let Some(bm) = &p.block_mask {
            f.blocks = bm.view.ptr as u64;
            f.blocks_stride = strides(bm.view.strides);
            // A block larger than the sequence is one block; clamping keeps the size an i32.
            f.block_q = bm.block_q.min(d.seq_q.max(1)) as i32;
            f.block_k = bm.block_k.min(d.seq_kv.max(1)) as i32;
        }
        f
    }
}

/// The field names a C struct `name` of `src` declares, in order (array extents dropped): for
/// tests that keep each `#[repr(C)]` parameter block in step with its CUDA twin.
#[cfg(test)]
pub(crate) fn c_struct_fields<'a>(src: &'a str, name: &str) -> Vec<&'a str> {
    let body = src
        .split(&format!("struct {name} {{"))
        .nth(1)
        .and_then(|s| s.split("};").next())
        .unwrap_or_else(|| panic!("{name} in the kernel source"));
    body.split(';')
        .flat_map(|decl| {
            // Drop the type (first word) and array extents; keep the declared names.
            decl.trim()
                .split_once(' ')
                .map(|(_, names)| names)
                .unwrap_or("")
                .split(',')
                .map(|n| n.split('[').next().unwrap_or("").trim())
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::FwdParams;
    use std::mem::{offset_of, size_of};

    /// The kernels read `FwdParams` by value: the C struct in `common.cuh` must declare the same
    /// fields in the same order with the same sizes. This reads the field names from the C source
    /// and checks them against the Rust struct's, and pins the layout.
    #[test]
    fn matches_the_c_struct() {
        let c_fields = super::c_struct_fields(include_str!("kernels/common.cuh"), "FwdParams");
        let rust_fields = [
            "q",
            "k",
            "v",
            "o",
            "lse",
            "mask",
            "blocks",
            "alibi",
            "sinks",
            "q_stride",
            "k_stride",
            "v_stride",
            "o_stride",
            "lse_stride",
            "mask_stride",
            "blocks_stride",
            "alibi_stride",
            "sinks_stride",
            "band_lo",
            "band_hi",
            "batch",
            "heads_q",
            "heads_kv",
            "seq_q",
            "seq_kv",
            "head_dim",
            "head_dim_v",
            "group",
            "in_dtype",
            "out_dtype",
            "mask_kind",
            "mask_dtype",
            "has_lo",
            "has_hi",
            "block_q",
            "block_k",
            "diag_offset",
            "has_softcap",
            "scale",
            "softcap",
        ];
        assert_eq!(c_fields, rust_fields);
        // 9 addresses, 9 stride quadruples, 2 band bounds (8 bytes each), then 20 4-byte fields.
        assert_eq!(offset_of!(FwdParams, q_stride), 72);
        assert_eq!(offset_of!(FwdParams, band_lo), 360);
        assert_eq!(offset_of!(FwdParams, batch), 376);
        assert_eq!(offset_of!(FwdParams, softcap), 452);
        assert_eq!(size_of::<FwdParams>(), 456);
    }
}
