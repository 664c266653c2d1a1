//! V as e4m3 for the Hopper INT8 forward's FP8 P·V (`kernels/quant_v_fp8.cu`): per-channel
//! scales over the sequence and Vᵀ with keys contiguous, in the key order of the kernel's 8-bit P
//! fragments, in a stream-ordered workspace that lives until the forward is queued.

use super::super::compile::KernelSource;
use super::super::driver::{self, Workspace};
use super::super::params::FwdParams;
use super::super::{CudaBackend, VariantKey};
use super::kernels::KernelKey;
use crate::error::Result;

/// Keys per block of the pack kernel; Vᵀ's rows are padded to a multiple of it (the forward's
/// 128-key tiles then never read past a row).
const PACK_KEYS: usize = 128;
/// Rows per block of the absmax kernel.
const ABSMAX_ROWS: usize = 64;

/// `VFp8Params` of `kernels/quant_v_fp8.cu`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
struct VFp8Params {
    v: u64,
    v_stride: [i64; 4],
    absmax: u64,
    scales: u64,
    vt: u64,
    heads: i32,
    seq: i32,
    seq_pad: i32,
    head_dim: i32,
    in_bf16: i32,
}

/// The e4m3 Vᵀ `[B, Hkv, D, seq_pad]` and its `[B, Hkv, D]` f32 channel scales, inside `_memory`.
pub(crate) struct VFp8 {
    _memory: Workspace,
    pub vt: u64,
    pub scales: u64,
    pub seq_pad: usize,
}

fn source(function: &'static str) -> KernelSource<'static> {
    KernelSource {
        files: &[
            include_str!("../kernels/common.cuh"),
            include_str!("../kernels/quant_common.cuh"),
            include_str!("../kernels/quant_v_fp8.cu"),
        ],
        options: Vec::new(),
        function,
        dynamic_shared: 0,
    }
}

/// A 16-bit V on the device as the conversion reads it: address, element strides, `[B, Hkv, S,
/// D]`, and whether it is bf16 (else f16).
pub(crate) struct VView {
    pub ptr: u64,
    pub stride: [i64; 4],
    pub shape: [usize; 4],
    pub bf16: bool,
}

impl VView {
    /// The V of a forward's parameters.
    pub fn of(f: &FwdParams, bf16: bool) -> VView {
        VView {
            ptr: f.v,
            stride: f.v_stride,
            shape: [
                f.batch as usize,
                f.heads_kv as usize,
                f.seq_kv as usize,
                f.head_dim_v as usize,
            ],
            bf16,
        }
    }
}

/// Queues V's conversion (16-bit, D ≤ 128 and a multiple of 8) on the legacy stream, the INT8
/// forward's.
pub(crate) fn prepare(be: &CudaBackend, v: &VView) -> Result<VFp8> {
    let [b, h, s, d] = v.shape;
    debug_assert!(d <= 128 && d % 8 == 0);
    let seq_pad = s.div_ceil(PACK_KEYS) * PACK_KEYS;
    let table = b * h * d;
    // [absmax u32 | scales f32 | Vᵀ bytes]; absmax must start at zero (atomicMax of bits).
    let memory = Workspace::zeroed(8 * table + table * seq_pad, 0)?;
    let absmax = memory.ptr;
    let scales = absmax + 4 * table as u64;
    let vt = scales + 4 * table as u64;
    let p = VFp8Params {
        v: v.ptr,
        v_stride: v.stride,
        absmax,
        scales,
        vt,
        heads: h as i32,
        seq: s as i32,
        seq_pad: seq_pad as i32,
        head_dim: d as i32,
        in_bf16: v.bf16 as i32,
    };
    let heads = (b * h) as u32;
    let run = |function: &'static str, blocks: usize| -> Result<()> {
        let k = be.kernel(VariantKey::Quant(KernelKey::VFp8(function)), || {
            source(function)
        })?;
        // SAFETY: both kernels take one `VFp8Params`: V is the validated view of the forward
        // (rows of `d` 16-bit values at `v_stride`), the tables and Vᵀ are the workspace's,
        // sized above; the workspace is freed in stream order after these launches.
        unsafe { driver::launch(k.func, (blocks as u32, heads, 1), 128, 0, 0, &p) }
    };
    run("umfa_v_fp8_absmax", s.div_ceil(ABSMAX_ROWS))?;
    run("umfa_v_fp8_pack", seq_pad / PACK_KEYS)?;
    Ok(VFp8 {
        _memory: memory,
        vt,
        scales,
        seq_pad,
    })
}

#[cfg(test)]
mod tests {
    /// The kernels read `VFp8Params` by value, field for field as its C twin.
    #[test]
    fn params_match_the_c_struct() {
        let src = include_str!("../kernels/quant_v_fp8.cu");
        let fields = crate::cuda::params::c_struct_fields(src, "VFp8Params");
        assert_eq!(
            fields,
            [
                "v", "v_stride", "absmax", "scales", "vt", "heads", "seq", "seq_pad", "head_dim",
                "in_bf16"
            ]
        );
        assert_eq!(std::mem::size_of::<super::VFp8Params>(), 88);
    }
}
