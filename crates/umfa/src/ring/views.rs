//! Views the ring computes on: row ranges (dimension 2, the sequence) of the caller's tensors,
//! and contiguous tensors over scratch and received buffers.

use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::tensor::{Device, Layout, TensorMut, TensorRef};
use std::ops::Range;

/// Byte offset of row `row` of a view (strides are checked non-negative up front).
fn row_offset(strides: &[isize], dtype: DType, row: usize) -> usize {
    row * strides[2] as usize * dtype.size_bytes()
}

fn row_layout(layout: &Layout, rows: &Range<usize>) -> Layout {
    let mut shape = [0usize; 4];
    shape[..layout.ndim()].copy_from_slice(layout.shape());
    shape[2] = rows.len();
    Layout::strided(&shape[..layout.ndim()], layout.strides()).expect("same rank as the view")
}

/// Rows `rows` of a 3-D or 4-D view.
pub(crate) fn rows_ref<'a>(t: &TensorRef<'a>, rows: &Range<usize>) -> TensorRef<'a> {
    let off = row_offset(t.strides(), t.dtype(), rows.start);
    // SAFETY: a sub-range of a view validated by the caller of the ring.
    unsafe {
        TensorRef::from_raw(
            t.ptr().add(off),
            t.len_bytes().saturating_sub(off),
            t.device(),
            t.dtype(),
            row_layout(t.layout(), rows),
        )
    }
}

/// Rows `rows` of a writable 3-D or 4-D view.
pub(crate) fn rows_mut<'a>(t: &'a mut TensorMut, rows: &Range<usize>) -> TensorMut<'a> {
    let off = row_offset(t.strides(), t.dtype(), rows.start);
    // SAFETY: as `rows_ref`; the borrow of `t` keeps the rows exclusive.
    unsafe {
        TensorMut::from_raw(
            t.ptr().add(off),
            t.len_bytes().saturating_sub(off),
            t.device(),
            t.dtype(),
            row_layout(t.layout(), rows),
        )
    }
}

/// A dense row-major tensor of `shape` at device address `ptr`.
pub(crate) struct DenseBuf {
    pub ptr: u64,
    pub shape: Vec<usize>,
    pub dtype: DType,
    pub device: Device,
}

impl DenseBuf {
    pub fn bytes(&self) -> usize {
        self.shape.iter().product::<usize>() * self.dtype.size_bytes()
    }
    pub fn view(&self) -> TensorRef<'_> {
        let layout = Layout::contiguous(&self.shape).expect("at most 4 dimensions");
        // SAFETY: `ptr` holds `bytes()` bytes of device memory for the buffer's lifetime.
        unsafe {
            TensorRef::from_raw(
                self.ptr as *const u8,
                self.bytes(),
                self.device,
                self.dtype,
                layout,
            )
        }
    }
    pub fn view_mut(&self) -> TensorMut<'_> {
        let layout = Layout::contiguous(&self.shape).expect("at most 4 dimensions");
        // SAFETY: as `view`; the ring never holds two writable views of one buffer at once.
        unsafe {
            TensorMut::from_raw(
                self.ptr as *mut u8,
                self.bytes(),
                self.device,
                self.dtype,
                layout,
            )
        }
    }
    /// The same memory seen as `shape` with `rows` rows (a prefix: dense, starting at `ptr`).
    pub fn prefix(&self, rows: usize) -> DenseBuf {
        let mut shape = self.shape.clone();
        shape[2] = rows;
        DenseBuf {
            ptr: self.ptr,
            shape,
            dtype: self.dtype,
            device: self.device,
        }
    }
}

/// Whether a view is dense row-major (what NCCL sends as one span of bytes).
pub(crate) fn is_dense(layout: &Layout) -> bool {
    Layout::contiguous(layout.shape()).map(|c| c.strides() == layout.strides()) == Ok(true)
        || layout.numel() <= 1
}

/// Refuses negative strides (the row ranges the ring takes assume rows grow upwards).
pub(crate) fn check_strides(arg: &'static str, layout: &Layout) -> Result<()> {
    if layout.strides().iter().any(|&s| s < 0) {
        return Err(Error::arg(
            arg,
            format!(
                "has strides {:?}; ring attention takes non-negative strides",
                layout.strides()
            ),
        ));
    }
    Ok(())
}
