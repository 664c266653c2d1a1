//! Tensor views: a pointer, where it lives, its element type, and a strided layout.
//!
//! Views borrow memory they do not own. The safe constructors take Rust slices; `from_raw`
//! exists for the C ABI, Python and device pointers. Whether the strides stay inside the buffer is
//! checked when a problem is validated, so the error can name the argument.

use crate::dtype::{DType, Element};
use crate::error::{Error, Result};
use std::marker::PhantomData;

/// Where a tensor's memory lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Device {
    Cpu,
    Cuda(u32),
    Wgpu(u32),
}

/// The most dimensions any tensor of the attention problem has.
pub const MAX_DIMS: usize = 4;

/// A shape with element strides (signed: a negative stride walks backwards).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    ndim: usize,
    shape: [usize; MAX_DIMS],
    strides: [isize; MAX_DIMS],
}

impl Layout {
    /// Row-major contiguous layout of `shape`.
    pub fn contiguous(shape: &[usize]) -> Result<Layout> {
        let mut strides = [0isize; MAX_DIMS];
        let mut acc = 1isize;
        for d in (0..shape.len().min(MAX_DIMS)).rev() {
            strides[d] = acc;
            acc = acc.saturating_mul(shape[d].max(1) as isize);
        }
        Layout::strided(shape, &strides[..shape.len().min(MAX_DIMS)])
    }

    /// A layout with explicit element strides.
    pub fn strided(shape: &[usize], strides: &[isize]) -> Result<Layout> {
        if shape.len() > MAX_DIMS {
            return Err(Error::arg(
                "shape",
                format!("has {} dimensions, at most {MAX_DIMS} allowed", shape.len()),
            ));
        }
        if shape.len() != strides.len() {
            return Err(Error::arg(
                "strides",
                format!(
                    "has {} entries but the shape has {} dimensions",
                    strides.len(),
                    shape.len()
                ),
            ));
        }
        let mut l = Layout {
            ndim: shape.len(),
            shape: [1; MAX_DIMS],
            strides: [0; MAX_DIMS],
        };
        l.shape[..shape.len()].copy_from_slice(shape);
        l.strides[..shape.len()].copy_from_slice(strides);
        Ok(l)
    }

    pub fn ndim(&self) -> usize {
        self.ndim
    }
    pub fn shape(&self) -> &[usize] {
        &self.shape[..self.ndim]
    }
    pub fn strides(&self) -> &[isize] {
        &self.strides[..self.ndim]
    }
    pub fn numel(&self) -> usize {
        self.shape().iter().product()
    }

    /// The lowest and highest element offsets the layout reaches, or `None` when it is empty or
    /// the offsets overflow.
    pub fn offset_range(&self) -> Option<(i128, i128)> {
        if self.numel() == 0 {
            return None;
        }
        let (mut lo, mut hi) = (0i128, 0i128);
        for d in 0..self.ndim {
            let reach = (self.shape[d] as i128 - 1) * self.strides[d] as i128;
            if reach < 0 {
                lo += reach;
            } else {
                hi += reach;
            }
        }
        Some((lo, hi))
    }

    /// Whether the last dimension is contiguous (stride 1, or size 1).
    pub fn last_dim_contiguous(&self) -> bool {
        self.ndim == 0 || self.shape[self.ndim - 1] == 1 || self.strides[self.ndim - 1] == 1
    }
}

/// A read-only tensor view.
#[derive(Clone, Copy, Debug)]
pub struct TensorRef<'a> {
    ptr: *const u8,
    len_bytes: usize,
    device: Device,
    dtype: DType,
    layout: Layout,
    _borrow: PhantomData<&'a [u8]>,
}

/// A writable tensor view.
#[derive(Debug)]
pub struct TensorMut<'a> {
    ptr: *mut u8,
    len_bytes: usize,
    device: Device,
    dtype: DType,
    layout: Layout,
    _borrow: PhantomData<&'a mut [u8]>,
}

// SAFETY: a view is a borrow of memory like `&[u8]` / `&mut [u8]`; backends write through a
// `TensorMut` only at disjoint elements from different threads.
unsafe impl Send for TensorRef<'_> {}
unsafe impl Sync for TensorRef<'_> {}
unsafe impl Send for TensorMut<'_> {}
unsafe impl Sync for TensorMut<'_> {}

impl<'a> TensorRef<'a> {
    /// A contiguous host tensor over `data`.
    pub fn new<T: Element>(data: &'a [T], shape: &[usize]) -> Result<Self> {
        Self::strided(data, shape, Layout::contiguous(shape)?.strides())
    }

    /// A host tensor over `data` with explicit element strides.
    pub fn strided<T: Element>(data: &'a [T], shape: &[usize], strides: &[isize]) -> Result<Self> {
        Ok(TensorRef {
            ptr: data.as_ptr() as *const u8,
            len_bytes: std::mem::size_of_val(data),
            device: Device::Cpu,
            dtype: T::DTYPE,
            layout: Layout::strided(shape, strides)?,
            _borrow: PhantomData,
        })
    }

    /// A view of raw memory.
    ///
    /// # Safety
    /// `ptr` must point to `len_bytes` bytes on `device`, readable for `'a`.
    pub unsafe fn from_raw(
        ptr: *const u8,
        len_bytes: usize,
        device: Device,
        dtype: DType,
        layout: Layout,
    ) -> Self {
        TensorRef {
            ptr,
            len_bytes,
            device,
            dtype,
            layout,
            _borrow: PhantomData,
        }
    }

    pub fn ptr(&self) -> *const u8 {
        self.ptr
    }
    pub fn len_bytes(&self) -> usize {
        self.len_bytes
    }
    pub fn device(&self) -> Device {
        self.device
    }
    pub fn dtype(&self) -> DType {
        self.dtype
    }
    pub fn layout(&self) -> &Layout {
        &self.layout
    }
    pub fn shape(&self) -> &[usize] {
        self.layout.shape()
    }
    pub fn strides(&self) -> &[isize] {
        self.layout.strides()
    }
}

impl<'a> TensorMut<'a> {
    /// A contiguous writable host tensor over `data`.
    pub fn new<T: Element>(data: &'a mut [T], shape: &[usize]) -> Result<Self> {
        let layout = Layout::contiguous(shape)?;
        Self::strided(data, shape, layout.strides())
    }

    /// A writable host tensor over `data` with explicit element strides.
    pub fn strided<T: Element>(
        data: &'a mut [T],
        shape: &[usize],
        strides: &[isize],
    ) -> Result<Self> {
        Ok(TensorMut {
            ptr: data.as_mut_ptr() as *mut u8,
            len_bytes: std::mem::size_of_val(data),
            device: Device::Cpu,
            dtype: T::DTYPE,
            layout: Layout::strided(shape, strides)?,
            _borrow: PhantomData,
        })
    }

    /// A writable view of raw memory.
    ///
    /// # Safety
    /// `ptr` must point to `len_bytes` bytes on `device`, writable and not aliased for `'a`.
    pub unsafe fn from_raw(
        ptr: *mut u8,
        len_bytes: usize,
        device: Device,
        dtype: DType,
        layout: Layout,
    ) -> Self {
        TensorMut {
            ptr,
            len_bytes,
            device,
            dtype,
            layout,
            _borrow: PhantomData,
        }
    }

    /// A read-only view of the same memory.
    pub fn as_ref(&self) -> TensorRef<'_> {
        TensorRef {
            ptr: self.ptr,
            len_bytes: self.len_bytes,
            device: self.device,
            dtype: self.dtype,
            layout: self.layout,
            _borrow: PhantomData,
        }
    }

    /// Reborrows the view for a shorter lifetime.
    pub fn reborrow(&mut self) -> TensorMut<'_> {
        TensorMut {
            ptr: self.ptr,
            len_bytes: self.len_bytes,
            device: self.device,
            dtype: self.dtype,
            layout: self.layout,
            _borrow: PhantomData,
        }
    }

    pub fn ptr(&self) -> *mut u8 {
        self.ptr
    }
    pub fn len_bytes(&self) -> usize {
        self.len_bytes
    }
    pub fn device(&self) -> Device {
        self.device
    }
    pub fn dtype(&self) -> DType {
        self.dtype
    }
    pub fn layout(&self) -> &Layout {
        &self.layout
    }
    pub fn shape(&self) -> &[usize] {
        self.layout.shape()
    }
    pub fn strides(&self) -> &[isize] {
        self.layout.strides()
    }
}
