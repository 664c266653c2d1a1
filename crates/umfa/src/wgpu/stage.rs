//! Host tensors to device buffers and back.
//!
//! An input is staged byte for byte: the span of memory its strided view reaches is copied as is,
//! and the kernels read it through the same element strides in its own dtype (f16/bf16 stay two
//! bytes, masks stay u8), so nothing is converted or expanded on the host. Results come back as
//! f32 and are rounded into the caller's views here, which also keeps every byte outside those
//! views untouched.

use super::device::Gpu;
use super::params::ViewParams;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::problem::{View4, View4Mut};

/// The kernels' dtype code (`DT_*` in `common.wgsl`).
pub fn dtype_code(dtype: DType) -> i32 {
    match dtype {
        DType::F32 => 0,
        DType::F16 => 1,
        DType::BF16 => 2,
        DType::U8 => 3,
    }
}

/// A staged input: its buffer and where its elements lie in it.
pub struct Staged {
    pub buffer: wgpu::Buffer,
    pub view: ViewParams,
}

fn to_i32(x: i128, what: &str) -> Result<i32> {
    i32::try_from(x).map_err(|_| Error::Unsupported {
        backend: "wgpu",
        reason: format!("{what} = {x} does not fit the kernels' 32-bit element offsets"),
    })
}

/// The lowest and highest element offsets `view` reaches over `shape`.
fn hull(view: &View4, shape: [usize; 4]) -> (i128, i128) {
    let (mut lo, mut hi) = (0i128, 0i128);
    for (&n, &stride) in shape.iter().zip(&view.strides) {
        let reach = (n.max(1) as i128 - 1) * stride as i128;
        if reach < 0 {
            lo += reach;
        } else {
            hi += reach;
        }
    }
    (lo, hi)
}

/// The bytes `stage` copies for `view` over `shape`.
pub fn span_bytes(view: &View4, shape: [usize; 4]) -> u64 {
    let (lo, hi) = hull(view, shape);
    ((hi - lo + 1) as u64 * view.dtype.size_bytes() as u64).next_multiple_of(4)
}

/// Copies the memory `view` reaches over `shape` into a storage buffer.
pub fn stage(gpu: &Gpu, label: &str, view: &View4, shape: [usize; 4]) -> Result<Staged> {
    let (lo, hi) = hull(view, shape);
    let size = view.dtype.size_bytes();
    let bytes = ((hi - lo + 1) as usize) * size;
    // SAFETY: validation proved every element the view reaches lies inside the caller's buffer,
    // and the span [lo, hi] is exactly those elements' hull.
    let data = unsafe {
        std::slice::from_raw_parts(view.ptr.offset((lo as isize) * size as isize), bytes)
    };
    let buffer = gpu.upload(label, data)?;
    let mut strides = [0i32; 4];
    for ((out, &n), &stride) in strides.iter_mut().zip(&shape).zip(&view.strides) {
        // A dimension of size 1 is never stepped; a zero stride keeps it in range.
        *out = to_i32(if n == 1 { 0 } else { stride } as i128, label)?;
    }
    to_i32(hi - lo, label)?;
    Ok(Staged {
        buffer,
        view: ViewParams {
            base: to_i32(-lo, label)?,
            strides,
            dtype: dtype_code(view.dtype),
        },
    })
}

/// Writes `values` (row-major over `shape`) into `dst`, rounding to its dtype.
pub fn scatter(values: &[f32], dst: &View4Mut, shape: [usize; 4]) {
    let mut n = 0;
    for b in 0..shape[0] {
        for h in 0..shape[1] {
            for r in 0..shape[2] {
                for c in 0..shape[3] {
                    dst.set(b, h, r, c, values[n]);
                    n += 1;
                }
            }
        }
    }
}

/// Reads f32 per-row values `src` (`[b, h, i, 0]`, row-major over `shape`).
pub fn gather_rows(src: &View4, shape: [usize; 3]) -> Vec<f32> {
    let mut out = Vec::with_capacity(shape.iter().product());
    for b in 0..shape[0] {
        for h in 0..shape[1] {
            for i in 0..shape[2] {
                out.push(src.get(b, h, i, 0));
            }
        }
    }
    out
}

/// Reads f32 `src` (row-major over `shape`), as the kernels' LSE: -inf becomes `MASKED`.
pub fn gather_lse(src: &View4, shape: [usize; 3]) -> Vec<f32> {
    gather_rows(src, shape)
        .into_iter()
        .map(|x| if x > MASKED { x } else { MASKED })
        .collect()
}

/// `MASKED` of `common.wgsl`: scores and LSEs at or below it mean "no visible key".
pub const MASKED: f32 = -1.0e38;
