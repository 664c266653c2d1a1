//! Packing inputs into f32 layouts the micro-kernels stream: once per key/value head, in
//! parallel. Conversion from f16/bf16 happens here, so every kernel computes in f32.
//! Memory is O(B·Hkv·Sk·D), never O(S²).

use super::parallel::for_each_chunk;
use crate::problem::View4;
use half::slice::HalfFloatSliceExt;

/// Rounds `n` up to a multiple of `m`.
pub(crate) fn round_up(n: usize, m: usize) -> usize {
    n.div_ceil(m) * m
}

/// One matrix per (b, head) of a 4-D view, packed for the kernels (f32, or raw bf16 bits).
pub(crate) struct Packed<T = f32> {
    pub data: Vec<T>,
    /// Elements per (b, head).
    pub per_head: usize,
    pub heads: usize,
}

impl<T> Packed<T> {
    #[inline(always)]
    pub fn head(&self, b: usize, h: usize) -> *const T {
        // SAFETY: `b * heads + h` is in range for the views this was packed from.
        unsafe { self.data.as_ptr().add((b * self.heads + h) * self.per_head) }
    }
}

/// Reads row `r`, columns `0..cols` of head (b, h) into `dst` as f32.
#[inline(always)]
pub(crate) fn read_row(view: &View4, b: usize, h: usize, r: usize, cols: usize, dst: &mut [f32]) {
    let base = view.offset(b, h, r, 0);
    let cs = view.strides[3];
    // SAFETY (each contiguous arm): validation proved `cols` elements from `base` lie inside
    // the buffer.
    match view.dtype {
        crate::DType::F32 if cs == 1 => {
            let src =
                unsafe { std::slice::from_raw_parts((view.ptr as *const f32).offset(base), cols) };
            dst[..cols].copy_from_slice(src);
        }
        crate::DType::BF16 if cs == 1 => {
            let src = unsafe {
                std::slice::from_raw_parts((view.ptr as *const half::bf16).offset(base), cols)
            };
            src.convert_to_f32_slice(&mut dst[..cols]);
        }
        crate::DType::F16 if cs == 1 => {
            let src = unsafe {
                std::slice::from_raw_parts((view.ptr as *const half::f16).offset(base), cols)
            };
            src.convert_to_f32_slice(&mut dst[..cols]);
        }
        dtype => {
            for (c, d) in dst[..cols].iter_mut().enumerate() {
                *d = crate::dtype::load_f32(view.ptr, dtype, base + c as isize * cs);
            }
        }
    }
}

/// Packs `[rows][cols]` of every (b, head) into panels `[ceil(rows/nr)][cols][nr]` (transposed
/// blocks of `nr` rows), zero-padded: the `B` operand of `panel_product`.
pub(crate) fn panels(
    view: &View4,
    batch: usize,
    heads: usize,
    rows: usize,
    cols: usize,
    nr: usize,
    flops: f64,
) -> Packed {
    let n_panels = rows.div_ceil(nr);
    let per_head = n_panels * cols * nr;
    let mut data = vec![0.0f32; batch * heads * per_head];
    for_each_chunk(&mut data, per_head, flops, |bh, dst| {
        let (b, h) = (bh / heads, bh % heads);
        let mut row = vec![0.0f32; cols];
        for r in 0..rows {
            read_row(view, b, h, r, cols, &mut row);
            let (p, lane) = (r / nr, r % nr);
            let panel = &mut dst[p * cols * nr..(p + 1) * cols * nr];
            for (c, &x) in row.iter().enumerate() {
                panel[c * nr + lane] = x;
            }
        }
    });
    Packed {
        data,
        per_head,
        heads,
    }
}

/// Packs `[rows][cols]` of every (b, head) row-major into `[round_up(rows, row_pad)][ld]`,
/// zero-padded (`ld >= cols`): the `B` operand of `rows_accumulate`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn rows(
    view: &View4,
    batch: usize,
    heads: usize,
    rows: usize,
    cols: usize,
    row_pad: usize,
    ld: usize,
    flops: f64,
) -> Packed {
    let per_head = round_up(rows, row_pad) * ld;
    let mut data = vec![0.0f32; batch * heads * per_head];
    for_each_chunk(&mut data, per_head, flops, |bh, dst| {
        let (b, h) = (bh / heads, bh % heads);
        for r in 0..rows {
            read_row(view, b, h, r, cols, &mut dst[r * ld..r * ld + cols]);
        }
    });
    Packed {
        data,
        per_head,
        heads,
    }
}
