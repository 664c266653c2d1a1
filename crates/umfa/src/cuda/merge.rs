//! The merge kernels (`kernels/merge.cu`): partial attention results merged by LSE, forward
//! (also in place, for `merge_into`) and backward, one warp per row. Any dtypes and strides;
//! at most [`MAX_PARTS`] parts per call, the parts the parameter block holds.
//!
//! Self-contained so that wiring it into the backend is one method each: the two kernels are
//! compiled (or read from the disk cache) on first use and kept for the process, like the
//! backend's own.

use super::compile::{self, Kernel, KernelSource};
use super::driver::{self, synchronize, DeviceBuffer};
use super::params::dtype_code;
use super::{trace, CudaBackend};
use crate::backend::Backend;
use crate::error::{Error, Result};
use crate::merge::{MergeBackwardTask, MergeDims, MergeTask};
use crate::problem::{View4, View4Mut};
use std::sync::OnceLock;

/// Parts per launch; must match `MERGE_MAX_PARTS` in `merge.cu`. 16 keeps the parameter block
/// (2.9 KB) under the 4 KB every driver accepts.
pub(crate) const MAX_PARTS: usize = 16;

/// Rows (warps) per block; must match `MERGE_WARPS` in `merge.cu`.
const WARPS: u32 = 8;

/// The parameter block of both kernels: the Rust twin of `MergeParams` in `merge.cu` (field
/// order and types must match). Absent operands have address 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub(crate) struct MergeParams {
    pub o: [u64; MAX_PARTS],
    pub lse: [u64; MAX_PARTS],
    pub d_o: [u64; MAX_PARTS],
    pub d_lse: [u64; MAX_PARTS],
    pub o_stride: [[i64; 4]; MAX_PARTS],
    pub lse_stride: [[i64; 4]; MAX_PARTS],
    pub d_o_stride: [[i64; 4]; MAX_PARTS],
    pub d_lse_stride: [[i64; 4]; MAX_PARTS],
    pub out: u64,
    pub out_lse: u64,
    pub grad: u64,
    pub grad_lse: u64,
    pub out_stride: [i64; 4],
    pub out_lse_stride: [i64; 4],
    pub grad_stride: [i64; 4],
    pub grad_lse_stride: [i64; 4],
    pub o_dtype: [i32; MAX_PARTS],
    pub d_o_dtype: [i32; MAX_PARTS],
    pub parts: i32,
    pub batch: i32,
    pub heads: i32,
    pub seq: i32,
    pub head_dim: i32,
    pub out_dtype: i32,
    pub grad_dtype: i32,
    pub reserved: i32,
}

fn strides(s: [isize; 4]) -> [i64; 4] {
    s.map(|x| x as i64)
}

impl MergeParams {
    fn empty(dims: &MergeDims, parts: &[crate::merge::MergePartView]) -> MergeParams {
        let mut p = MergeParams {
            o: [0; MAX_PARTS],
            lse: [0; MAX_PARTS],
            d_o: [0; MAX_PARTS],
            d_lse: [0; MAX_PARTS],
            o_stride: [[0; 4]; MAX_PARTS],
            lse_stride: [[0; 4]; MAX_PARTS],
            d_o_stride: [[0; 4]; MAX_PARTS],
            d_lse_stride: [[0; 4]; MAX_PARTS],
            out: 0,
            out_lse: 0,
            grad: 0,
            grad_lse: 0,
            out_stride: [0; 4],
            out_lse_stride: [0; 4],
            grad_stride: [0; 4],
            grad_lse_stride: [0; 4],
            o_dtype: [0; MAX_PARTS],
            d_o_dtype: [0; MAX_PARTS],
            parts: parts.len() as i32,
            batch: dims.batch as i32,
            heads: dims.heads as i32,
            seq: dims.seq as i32,
            head_dim: dims.head_dim as i32,
            out_dtype: 0,
            grad_dtype: 0,
            reserved: 0,
        };
        for (n, part) in parts.iter().enumerate() {
            p.o[n] = part.out.ptr as u64;
            p.o_stride[n] = strides(part.out.strides);
            p.o_dtype[n] = dtype_code(part.out.dtype);
            p.lse[n] = part.lse.ptr as u64;
            p.lse_stride[n] = strides(part.lse.strides);
        }
        p
    }

    pub fn forward(task: &MergeTask) -> MergeParams {
        let mut p = MergeParams::empty(&task.dims, &task.parts);
        p.out = task.out.ptr as u64;
        p.out_stride = strides(task.out.strides);
        p.out_dtype = dtype_code(task.out.dtype);
        if let Some(l) = &task.lse {
            p.out_lse = l.ptr as u64;
            p.out_lse_stride = strides(l.strides);
        }
        p
    }

    pub fn backward(task: &MergeBackwardTask) -> MergeParams {
        let mut p = MergeParams::empty(&task.dims, &task.parts);
        p.grad = task.d_out.ptr as u64;
        p.grad_stride = strides(task.d_out.strides);
        p.grad_dtype = dtype_code(task.d_out.dtype);
        if let Some(l) = &task.d_lse {
            p.grad_lse = l.ptr as u64;
            p.grad_lse_stride = strides(l.strides);
        }
        for (n, g) in task.grads.iter().enumerate() {
            if let Some(v) = &g.d_out {
                p.d_o[n] = v.ptr as u64;
                p.d_o_stride[n] = strides(v.strides);
                p.d_o_dtype[n] = dtype_code(v.dtype);
            }
            if let Some(v) = &g.d_lse {
                p.d_lse[n] = v.ptr as u64;
                p.d_lse_stride[n] = strides(v.strides);
            }
        }
        p
    }
}

/// The two kernels of `merge.cu`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum MergeKernel {
    Forward,
    Backward,
}

impl MergeKernel {
    fn function(self) -> &'static str {
        match self {
            MergeKernel::Forward => "umfa_merge_fwd",
            MergeKernel::Backward => "umfa_merge_bwd",
        }
    }
}

pub(crate) fn source(kernel: MergeKernel) -> KernelSource<'static> {
    KernelSource {
        files: &[
            include_str!("kernels/common.cuh"),
            include_str!("kernels/merge.cu"),
        ],
        options: Vec::new(),
        function: kernel.function(),
        dynamic_shared: 0,
    }
}

/// The loaded kernel, compiled on first use, per device: modules belong to the context (the
/// device's primary context) they were loaded in.
fn kernel(be: &CudaBackend, which: MergeKernel) -> Result<Kernel> {
    static KERNELS: OnceLock<compile::KernelCache<(u32, MergeKernel)>> = OnceLock::new();
    KERNELS
        .get_or_init(compile::KernelCache::new)
        .get_or_load(&(be.gpu.ordinal, which), || {
            compile::load(&source(which), &be.gpu.arch())
        })
}

/// Why the CUDA kernels cannot run a merge of these sizes, if they cannot.
pub(crate) fn unsupported(dims: &MergeDims, parts: usize) -> Option<String> {
    if parts > MAX_PARTS {
        return Some(format!(
            "{parts} parts; the CUDA merge takes at most {MAX_PARTS} per call (the merge is \
             associative: merge groups of {MAX_PARTS} with their LSEs, then the groups)"
        ));
    }
    let sizes = [dims.batch, dims.heads, dims.seq, dims.head_dim];
    if sizes.iter().any(|&x| x >= i32::MAX as usize / 2) {
        return Some(format!(
            "sizes {sizes:?}: each must be below 2^30 for the kernels' 32-bit indices"
        ));
    }
    // One warp per row, 8 rows per block, at most 2^31 - 1 blocks in x.
    if dims.rows() as u64 >= (i32::MAX as u64) * WARPS as u64 {
        return Some(format!(
            "{} rows (batch · heads · seq); one launch takes fewer than 2^31 · {WARPS}",
            dims.rows()
        ));
    }
    None
}

fn refuse(reason: String) -> Error {
    Error::Unsupported {
        backend: "cuda",
        reason,
    }
}

/// Grid and block of a launch over `dims`: one warp per row.
fn geometry(dims: &MergeDims) -> ((u32, u32, u32), u32) {
    // `unsupported` keeps the block count below 2^31.
    let blocks = (dims.rows() as u64).div_ceil(WARPS as u64);
    ((blocks as u32, 1, 1), WARPS * 32)
}

fn launch(
    be: &CudaBackend,
    which: MergeKernel,
    dims: &MergeDims,
    p: &MergeParams,
    stream: usize,
) -> Result<()> {
    be.gpu.bind()?;
    if dims.rows() == 0 {
        return Ok(());
    }
    let k = kernel(be, which)?;
    let (grid, block) = geometry(dims);
    if trace() {
        eprintln!(
            "umfa cuda: merge {which:?} ({} parts) grid {grid:?} block {block}, {} registers",
            p.parts, k.registers
        );
    }
    // SAFETY: validation checked every view against its buffer on this device; the kernel takes
    // one `MergeParams`.
    unsafe { driver::launch(k.func, grid, block, 0, stream, p) }
}

/// Runs a validated merge (or `merge_into`) of device tensors on `stream`.
pub(crate) fn launch_merge(be: &CudaBackend, task: &MergeTask, stream: usize) -> Result<()> {
    if let Some(reason) = unsupported(&task.dims, task.parts.len()) {
        return Err(refuse(reason));
    }
    launch(
        be,
        MergeKernel::Forward,
        &task.dims,
        &MergeParams::forward(task),
        stream,
    )
}

/// Runs a validated backward merge of device tensors on `stream`.
pub(crate) fn launch_merge_backward(
    be: &CudaBackend,
    task: &MergeBackwardTask,
    stream: usize,
) -> Result<()> {
    if let Some(reason) = unsupported(&task.dims, task.parts.len()) {
        return Err(refuse(reason));
    }
    launch(
        be,
        MergeKernel::Backward,
        &task.dims,
        &MergeParams::backward(task),
        stream,
    )
}

/// One host operand staged on the device: the bytes its view reaches, copied whole (so the
/// strides stay as they are, and bytes the kernel must not write come back unchanged).
struct Staged {
    buf: DeviceBuffer,
    /// Element offset of the buffer's first byte from the view's first element (<= 0).
    lo: i128,
    size: usize,
}

/// The element offsets a 4-D view of `shape` reaches.
fn reach(strides: [isize; 4], shape: [usize; 4]) -> (i128, i128) {
    let (mut lo, mut hi) = (0i128, 0i128);
    for (s, n) in strides.iter().zip(shape) {
        let r = (n as i128 - 1) * *s as i128;
        if r < 0 {
            lo += r;
        } else {
            hi += r;
        }
    }
    (lo, hi)
}

impl Staged {
    fn new(
        ptr: *const u8,
        dtype: crate::DType,
        strides: [isize; 4],
        shape: [usize; 4],
    ) -> Result<Staged> {
        let (lo, hi) = reach(strides, shape);
        let size = dtype.size_bytes();
        let len = ((hi - lo + 1) as usize) * size;
        // SAFETY: validation proved every element the view reaches lies in the caller's host
        // buffer, which stays borrowed for the call.
        let bytes =
            unsafe { std::slice::from_raw_parts(ptr.offset((lo * size as i128) as isize), len) };
        Ok(Staged {
            buf: DeviceBuffer::from_host(bytes)?,
            lo,
            size,
        })
    }

    /// The device address of the view's first element.
    fn ptr(&self) -> *mut u8 {
        (self.buf.device_ptr() as i128 - self.lo * self.size as i128) as u64 as *mut u8
    }

    /// Copies the buffer back over the host bytes it came from.
    fn copy_back(&self, host: *mut u8) -> Result<()> {
        // SAFETY: as in `new`; outputs are exclusively borrowed by the caller for the call.
        let dst = unsafe {
            std::slice::from_raw_parts_mut(
                host.offset((self.lo * self.size as i128) as isize),
                self.buf.len(),
            )
        };
        self.buf.to_host(dst)
    }
}

fn o_shape(d: &MergeDims) -> [usize; 4] {
    [d.batch, d.heads, d.seq, d.head_dim]
}

fn lse_shape(d: &MergeDims) -> [usize; 4] {
    [d.batch, d.heads, d.seq, 1]
}

fn stage_in(v: &View4, shape: [usize; 4]) -> Result<(Staged, View4)> {
    let s = Staged::new(v.ptr, v.dtype, v.strides, shape)?;
    let dev = View4 { ptr: s.ptr(), ..*v };
    Ok((s, dev))
}

fn stage_out(v: &View4Mut, shape: [usize; 4]) -> Result<(Staged, View4Mut)> {
    let s = Staged::new(v.ptr, v.dtype, v.strides, shape)?;
    let dev = View4Mut { ptr: s.ptr(), ..*v };
    Ok((s, dev))
}

/// A merge of host tensors on the GPU: every operand staged, the kernel run on the device
/// copies, the outputs copied back. This path allocates; the device-pointer path does not.
pub(crate) fn merge_host(be: &CudaBackend, task: &MergeTask) -> Result<()> {
    if task.device != crate::tensor::Device::Cpu {
        return be.run_merge(task, 0);
    }
    if let Some(reason) = unsupported(&task.dims, task.parts.len()) {
        return Err(refuse(reason));
    }
    be.gpu.bind()?;
    let d = task.dims;
    let mut dev = task.clone();
    dev.device = be.device();
    let (out_buf, out_view) = stage_out(&task.out, o_shape(&d))?;
    dev.out = out_view;
    let lse = task
        .lse
        .as_ref()
        .map(|l| stage_out(l, lse_shape(&d)))
        .transpose()?;
    if let Some((_, v)) = &lse {
        dev.lse = Some(*v);
    }
    let mut staged = Vec::new();
    for (n, part) in task.parts.iter().enumerate() {
        if n == 0 && task.in_place {
            // merge_into: part 0 is the accumulator, read and written in place.
            dev.parts[0].out = out_view.as_view();
            dev.parts[0].lse = lse.as_ref().expect("merge_into has an LSE").1.as_view();
            continue;
        }
        let (so, vo) = stage_in(&part.out, o_shape(&d))?;
        let (sl, vl) = stage_in(&part.lse, lse_shape(&d))?;
        dev.parts[n].out = vo;
        dev.parts[n].lse = vl;
        staged.push((so, sl));
    }
    launch_merge(be, &dev, 0)?;
    synchronize(0)?;
    out_buf.copy_back(task.out.ptr)?;
    if let (Some((buf, _)), Some(l)) = (&lse, &task.lse) {
        buf.copy_back(l.ptr)?;
    }
    Ok(())
}

/// A backward merge of host tensors on the GPU, staged as [`merge_host`].
pub(crate) fn merge_backward_host(be: &CudaBackend, task: &MergeBackwardTask) -> Result<()> {
    if task.device != crate::tensor::Device::Cpu {
        return be.run_merge_backward(task, 0);
    }
    if let Some(reason) = unsupported(&task.dims, task.parts.len()) {
        return Err(refuse(reason));
    }
    be.gpu.bind()?;
    let d = task.dims;
    let mut dev = task.clone();
    dev.device = be.device();
    let mut inputs = Vec::new();
    for (n, part) in task.parts.iter().enumerate() {
        let (so, vo) = stage_in(&part.out, o_shape(&d))?;
        let (sl, vl) = stage_in(&part.lse, lse_shape(&d))?;
        dev.parts[n].out = vo;
        dev.parts[n].lse = vl;
        inputs.push(so);
        inputs.push(sl);
    }
    let (s, v) = stage_in(&task.d_out, o_shape(&d))?;
    dev.d_out = v;
    inputs.push(s);
    if let Some(l) = &task.d_lse {
        let (s, v) = stage_in(l, lse_shape(&d))?;
        dev.d_lse = Some(v);
        inputs.push(s);
    }
    let mut outputs = Vec::new();
    for (n, g) in task.grads.iter().enumerate() {
        if let Some(v) = &g.d_out {
            let (s, dv) = stage_out(v, o_shape(&d))?;
            dev.grads[n].d_out = Some(dv);
            outputs.push((s, v.ptr));
        }
        if let Some(v) = &g.d_lse {
            let (s, dv) = stage_out(v, lse_shape(&d))?;
            dev.grads[n].d_lse = Some(dv);
            outputs.push((s, v.ptr));
        }
    }
    launch_merge_backward(be, &dev, 0)?;
    synchronize(0)?;
    for (s, host) in &outputs {
        s.copy_back(*host)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{MergeParams, MAX_PARTS};
    use std::mem::{offset_of, size_of};

    /// The kernels read `MergeParams` by value: the C struct in `merge.cu` must declare the same
    /// fields in the same order, and `MERGE_MAX_PARTS` / `MERGE_WARPS` must match.
    #[test]
    fn matches_the_c_struct() {
        let src = include_str!("kernels/merge.cu");
        assert!(src.contains(&format!("#define MERGE_MAX_PARTS {MAX_PARTS}\n")));
        assert!(src.contains(&format!("#define MERGE_WARPS {}\n", super::WARPS)));
        let c_fields = crate::cuda::params::c_struct_fields(src, "MergeParams");
        let rust_fields = [
            "o",
            "lse",
            "d_o",
            "d_lse",
            "o_stride",
            "lse_stride",
            "d_o_stride",
            "d_lse_stride",
            "out",
            "out_lse",
            "grad",
            "grad_lse",
            "out_stride",
            "out_lse_stride",
            "grad_stride",
            "grad_lse_stride",
            "o_dtype",
            "d_o_dtype",
            "parts",
            "batch",
            "heads",
            "seq",
            "head_dim",
            "out_dtype",
            "grad_dtype",
            "reserved",
        ];
        assert_eq!(c_fields, rust_fields);
        // 4 address arrays, 4 stride arrays, 4 addresses, 4 strides, 2 dtype arrays, 8 ints.
        let n = MAX_PARTS;
        assert_eq!(offset_of!(MergeParams, o_stride), 4 * 8 * n);
        assert_eq!(offset_of!(MergeParams, out), 4 * 8 * n + 4 * 32 * n);
        assert_eq!(
            offset_of!(MergeParams, o_dtype),
            4 * 8 * n + 4 * 32 * n + 32 + 128
        );
        assert_eq!(
            size_of::<MergeParams>(),
            4 * 8 * n + 4 * 32 * n + 32 + 128 + 8 * n + 32
        );
        assert!(size_of::<MergeParams>() < 4096);
    }
}
