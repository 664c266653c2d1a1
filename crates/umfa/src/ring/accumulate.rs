//! Two element-wise kernels of the ring backward (`accumulate.cu`): `dst += src` on f32 views
//! (a step's partial gradient into the running sum), and `dst = src` from an f32 view into a view
//! of any float dtype (the final sums into the caller's gradients). The backend's backward
//! writes its gradients rather than adding to them, so the sums need these.

use crate::cuda::compile::{self, Kernel, KernelSource};
use crate::cuda::driver::{self, drv};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::tensor::{TensorMut, TensorRef};
use cudarc::driver::{result, sys};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The kernels' parameter block: the Rust twin of `EltParams` in `accumulate.cu`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
struct EltParams {
    dst: u64,
    src: u64,
    dst_stride: [i64; 4],
    src_stride: [i64; 4],
    shape: [i32; 4],
    dst_dtype: i32,
    reserved: i32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Op {
    Add,
    Store,
}

impl Op {
    fn function(self) -> &'static str {
        match self {
            Op::Add => "umfa_ring_add",
            Op::Store => "umfa_ring_store",
        }
    }
}

/// The NVRTC target of `ordinal` (plain `sm_XY`: these kernels need no architecture features).
fn arch(ordinal: u32) -> Result<String> {
    let dev = result::device::get(ordinal as i32).map_err(drv("cuDeviceGet"))?;
    use sys::CUdevice_attribute as A;
    // SAFETY: a valid device handle.
    let attr =
        |a| unsafe { result::device::get_attribute(dev, a) }.map_err(drv("cuDeviceGetAttribute"));
    let major = attr(A::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR)?;
    let minor = attr(A::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR)?;
    Ok(format!("sm_{major}{minor}"))
}

/// The loaded kernel on `ordinal` (modules belong to the context they were loaded in, so one per
/// device), compiled or read from the disk cache on first use. The device's context must be
/// current. The cache's lock is never held while compiling or loading: a module load may wait
/// for the device's running kernels, and another rank's thread must not wait on the lock then.
fn kernel(ordinal: u32, op: Op) -> Result<Kernel> {
    type Cache = Mutex<HashMap<(u32, Op), Kernel>>;
    static KERNELS: OnceLock<Cache> = OnceLock::new();
    let cache = KERNELS.get_or_init(|| Mutex::new(HashMap::new()));
    let lock = || {
        cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    };
    if let Some(k) = lock().get(&(ordinal, op)) {
        return Ok(*k);
    }
    let source = KernelSource {
        files: &[include_str!("accumulate.cu")],
        options: Vec::new(),
        function: op.function(),
        dynamic_shared: 0,
    };
    let k = compile::load(&source, &arch(ordinal)?)?;
    // Two threads on one device may both have loaded it: the first one stays (modules are
    // never unloaded, so the other's handle stays valid too).
    Ok(*lock().entry((ordinal, op)).or_insert(k))
}

fn strides4(strides: &[isize]) -> [i64; 4] {
    let mut s = [0i64; 4];
    for (o, &x) in s.iter_mut().zip(strides) {
        *o = x as i64;
    }
    s
}

fn dtype_code(d: DType) -> i32 {
    match d {
        DType::F16 => 0,
        DType::BF16 => 1,
        _ => 2,
    }
}

fn launch(
    ordinal: u32,
    op: Op,
    dst: &TensorMut,
    src: &TensorRef,
    stream: sys::CUstream,
) -> Result<()> {
    if dst.shape() != src.shape() || dst.layout().ndim() != 4 || src.dtype() != DType::F32 {
        return Err(Error::Execution(format!(
            "ring accumulate: shapes {:?} and {:?} (src {}) do not pair up (internal error)",
            dst.shape(),
            src.shape(),
            src.dtype()
        )));
    }
    let shape = dst.shape();
    let n: usize = shape.iter().product();
    if n == 0 {
        return Ok(());
    }
    let p = EltParams {
        dst: dst.ptr() as u64,
        src: src.ptr() as u64,
        dst_stride: strides4(dst.strides()),
        src_stride: strides4(src.strides()),
        shape: [
            shape[0] as i32,
            shape[1] as i32,
            shape[2] as i32,
            shape[3] as i32,
        ],
        dst_dtype: dtype_code(dst.dtype()),
        reserved: 0,
    };
    let k = kernel(ordinal, op)?;
    const THREADS: u32 = 256;
    // A grid-stride loop: enough blocks to fill any GPU, never more than the elements need.
    let blocks = n.div_ceil(THREADS as usize).min(65_536) as u32;
    // SAFETY: both views lie in device memory of this device (checked before the ring ran); the
    // kernel takes one `EltParams`.
    unsafe { driver::launch(k.func, (blocks, 1, 1), THREADS, 0, stream as usize, &p) }
}

/// `dst += src`, both f32 4-D views of one shape, on `stream`.
pub(crate) fn add(
    ordinal: u32,
    dst: &TensorMut,
    src: &TensorRef,
    stream: sys::CUstream,
) -> Result<()> {
    launch(ordinal, Op::Add, dst, src, stream)
}

/// `dst = src` rounded to `dst`'s dtype, `src` f32, on `stream`.
pub(crate) fn store(
    ordinal: u32,
    dst: &TensorMut,
    src: &TensorRef,
    stream: sys::CUstream,
) -> Result<()> {
    launch(ordinal, Op::Store, dst, src, stream)
}
