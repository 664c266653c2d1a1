//! The CUDA driver, loaded at run time: the device, its primary context (the one PyTorch uses),
//! device buffers and timing events. Everything below goes through `cudarc`'s thin `result`
//! layer, because umfa works on raw device pointers and foreign streams.

use crate::error::{Error, Result};
use cudarc::driver::{result, sys, DriverError};
use std::ffi::c_void;

/// Maps a driver error to umfa's, saying what was being done.
pub(crate) fn drv(what: &str) -> impl Fn(DriverError) -> Error + '_ {
    move |e| match e.0 {
        sys::CUresult::CUDA_ERROR_OUT_OF_MEMORY => Error::OutOfMemory(format!("{what}: {e:?}")),
        _ => Error::Execution(format!("{what}: {e:?}")),
    }
}

/// The device umfa computes on and its primary context.
pub(crate) struct Gpu {
    pub ordinal: u32,
    ctx: sys::CUcontext,
    pub name: String,
    pub compute_capability: (i32, i32),
    pub multiprocessors: i32,
    pub max_shared_per_block: i32,
}

// SAFETY: a CUcontext handle may be made current on any thread; it is never destroyed while the
// process runs (the primary context stays retained).
unsafe impl Send for Gpu {}
unsafe impl Sync for Gpu {}

impl Gpu {
    /// Opens device `ordinal`, or says why CUDA cannot be used there. Never panics: the
    /// libraries are probed before the first symbol is touched.
    pub fn open(ordinal: u32) -> std::result::Result<Gpu, String> {
        // SAFETY: only checks whether the shared library can be loaded.
        if !unsafe { sys::is_culib_present() } {
            return Err(
                "no CUDA driver found: libcuda.so could not be loaded (no NVIDIA driver on this machine)"
                    .into(),
            );
        }
        // SAFETY: as above, for NVRTC.
        if !unsafe { cudarc::nvrtc::sys::is_culib_present() } {
            return Err("NVRTC not found: libnvrtc.so (.13 or .12) could not be loaded; install the CUDA toolkit's NVRTC or add it to LD_LIBRARY_PATH".into());
        }
        let fail = |what: &str, e: DriverError| format!("{what} failed: {e:?}");
        result::init().map_err(|e| fail("cuInit", e))?;
        let count = result::device::get_count().map_err(|e| fail("cuDeviceGetCount", e))?;
        if count < 1 {
            return Err("the CUDA driver reports no device".into());
        }
        if ordinal as i32 >= count {
            return Err(format!(
                "there is no CUDA device {ordinal}: the driver reports {count} device(s)"
            ));
        }
        let dev = result::device::get(ordinal as i32).map_err(|e| fail("cuDeviceGet", e))?;
        let attr = |a| {
            // SAFETY: `dev` is a valid device handle.
            unsafe { result::device::get_attribute(dev, a) }
                .map_err(|e| fail("cuDeviceGetAttribute", e))
        };
        use sys::CUdevice_attribute as A;
        let major = attr(A::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR)?;
        let minor = attr(A::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR)?;
        if major < 8 {
            return Err(format!(
                "device {ordinal} has compute capability {major}.{minor}; umfa's CUDA kernels need 8.0 or newer"
            ));
        }
        let multiprocessors = attr(A::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT)?;
        let max_shared_per_block = attr(A::CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN)?;
        let name = result::device::get_name(dev).map_err(|e| fail("cuDeviceGetName", e))?;
        // SAFETY: `dev` is valid; the primary context is retained for the life of the process.
        let ctx = unsafe { result::primary_ctx::retain(dev) }
            .map_err(|e| fail("cuDevicePrimaryCtxRetain", e))?;
        if ordinal == 0 {
            let _ = PRIMARY.set(ContextHandle(ctx));
        }
        let gpu = Gpu {
            ordinal,
            ctx,
            name,
            compute_capability: (major, minor),
            multiprocessors,
            max_shared_per_block,
        };
        gpu.bind().map_err(|e| e.to_string())?;
        Ok(gpu)
    }

    /// Makes the context current on the calling thread (cheap; every entry point calls it).
    pub fn bind(&self) -> Result<()> {
        // SAFETY: `ctx` is a retained primary context.
        unsafe { result::ctx::set_current(self.ctx) }.map_err(drv("cuCtxSetCurrent"))
    }

    /// The NVRTC target: `sm_90a` on Hopper (wgmma and setmaxnreg need the `a`), else `sm_XY`.
    pub fn arch(&self) -> String {
        match self.compute_capability {
            (9, 0) => "sm_90a".into(),
            (ma, mi) => format!("sm_{ma}{mi}"),
        }
    }
}

/// The primary context umfa opened, so that helpers called from any thread (buffers, events,
/// synchronisation) can make it current first.
struct ContextHandle(sys::CUcontext);
// SAFETY: see `Gpu`: a retained primary context may be made current on any thread.
unsafe impl Send for ContextHandle {}
unsafe impl Sync for ContextHandle {}
static PRIMARY: std::sync::OnceLock<ContextHandle> = std::sync::OnceLock::new();

/// Makes umfa's context current on this thread when the calling thread has none (a new thread,
/// say); a context the caller made current (PyTorch's, usually the same one) is left alone.
fn ensure_context() -> Result<()> {
    let current = result::ctx::get_current().map_err(drv("cuCtxGetCurrent"))?;
    match (current, PRIMARY.get()) {
        (None, Some(c)) => {
            // SAFETY: a retained primary context.
            unsafe { result::ctx::set_current(c.0) }.map_err(drv("cuCtxSetCurrent"))
        }
        _ => Ok(()),
    }
}

/// Device memory owned by umfa (staging of host tensors, benchmarks); freed on drop.
pub struct DeviceBuffer {
    ptr: sys::CUdeviceptr,
    len: usize,
}

impl DeviceBuffer {
    /// `len` bytes of uninitialised device memory (at least one byte is allocated).
    pub fn alloc(len: usize) -> Result<DeviceBuffer> {
        ensure_context()?;
        // SAFETY: plain allocation in the current context.
        let ptr = unsafe { result::malloc_sync(len.max(1)) }.map_err(drv("cuMemAlloc"))?;
        Ok(DeviceBuffer { ptr, len })
    }
    /// A device copy of `bytes`.
    pub fn from_host(bytes: &[u8]) -> Result<DeviceBuffer> {
        let buf = DeviceBuffer::alloc(bytes.len())?;
        // SAFETY: the allocation holds `bytes.len()` bytes.
        unsafe { result::memcpy_htod_sync(buf.ptr, bytes) }.map_err(drv("cuMemcpyHtoD"))?;
        Ok(buf)
    }
    /// Copies the buffer into `dst` (which must not be longer).
    pub fn to_host(&self, dst: &mut [u8]) -> Result<()> {
        assert!(dst.len() <= self.len);
        ensure_context()?;
        // SAFETY: the allocation holds at least `dst.len()` bytes.
        unsafe { result::memcpy_dtoh_sync(dst, self.ptr) }.map_err(drv("cuMemcpyDtoH"))
    }
    pub fn device_ptr(&self) -> u64 {
        self.ptr
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Drop for DeviceBuffer {
    fn drop(&mut self) {
        let _ = ensure_context();
        // SAFETY: allocated by `alloc`, freed once.
        let _ = unsafe { result::free_sync(self.ptr) };
    }
}

/// A pair of timing events on a stream, for benchmarks.
pub struct EventTimer {
    start: sys::CUevent,
    stop: sys::CUevent,
}

impl EventTimer {
    pub fn new() -> Result<EventTimer> {
        ensure_context()?;
        let flags = sys::CUevent_flags::CU_EVENT_DEFAULT; // the default flag keeps timing on
        Ok(EventTimer {
            start: result::event::create(flags).map_err(drv("cuEventCreate"))?,
            stop: result::event::create(flags).map_err(drv("cuEventCreate"))?,
        })
    }
    pub fn start(&self, stream: usize) -> Result<()> {
        // SAFETY: valid event; `stream` is a stream of the current context (0 = legacy default).
        unsafe { result::event::record(self.start, stream as sys::CUstream) }
            .map_err(drv("cuEventRecord"))
    }
    pub fn stop(&self, stream: usize) -> Result<()> {
        // SAFETY: as `start`.
        unsafe { result::event::record(self.stop, stream as sys::CUstream) }
            .map_err(drv("cuEventRecord"))
    }
    /// Milliseconds between the two events (waits for the second).
    pub fn elapsed_ms(&self) -> Result<f32> {
        // SAFETY: both events were recorded.
        unsafe {
            result::event::synchronize(self.stop).map_err(drv("cuEventSynchronize"))?;
            result::event::elapsed(self.start, self.stop).map_err(drv("cuEventElapsedTime"))
        }
    }
}

impl Drop for EventTimer {
    fn drop(&mut self) {
        // SAFETY: created by `new`, destroyed once.
        unsafe {
            let _ = result::event::destroy(self.start);
            let _ = result::event::destroy(self.stop);
        }
    }
}

/// Waits for all work on `stream`.
pub fn synchronize(stream: usize) -> Result<()> {
    ensure_context()?;
    // SAFETY: a stream of the current context (0 = legacy default stream).
    unsafe { result::stream::synchronize(stream as sys::CUstream) }
        .map_err(drv("cuStreamSynchronize"))
}

thread_local! {
    static DRY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// While alive, [`launch`] on this thread queues nothing: it only makes sure the kernel is
/// compiled and loaded. Ring attention (`ring/`) runs each call once this way before its first
/// NCCL transfer, so no module is loaded while an NCCL kernel waits for a peer (a load may wait
/// for the device's running kernels).
#[cfg_attr(not(feature = "nccl"), allow(dead_code))]
pub(crate) struct DryLaunches(bool);

#[cfg_attr(not(feature = "nccl"), allow(dead_code))]
impl DryLaunches {
    pub(crate) fn new() -> DryLaunches {
        DryLaunches(DRY.with(|d| d.replace(true)))
    }
}

impl Drop for DryLaunches {
    fn drop(&mut self) {
        DRY.with(|d| d.set(self.0));
    }
}

/// Loads `f` now where the driver has `cuFuncLoad` (12.4 on), which lazy loading would
/// otherwise leave to the first launch.
fn load_now(f: sys::CUfunction) -> Result<()> {
    type FuncLoad = unsafe extern "C" fn(sys::CUfunction) -> sys::CUresult;
    // SAFETY: only looks the symbol up; cudarc's binding panics where it is missing.
    let present = unsafe { sys::culib().get::<FuncLoad>(b"cuFuncLoad\0") }.is_ok();
    if !present {
        return Ok(());
    }
    // SAFETY: a function of a loaded module.
    unsafe { sys::cuFuncLoad(f) }
        .result()
        .map_err(drv("cuFuncLoad"))
}

/// Launches `f` with one by-value parameter block (under [`DryLaunches`]: only loads it).
///
/// # Safety
/// `f` must take exactly one parameter of type `P` (layout-compatible), and every address in
/// `params` must be valid device memory for what the kernel does with it.
pub(crate) unsafe fn launch<P>(
    f: sys::CUfunction,
    grid: (u32, u32, u32),
    block: u32,
    shared_bytes: u32,
    stream: usize,
    params: &P,
) -> Result<()> {
    if DRY.with(|d| d.get()) {
        return load_now(f);
    }
    let mut args = [params as *const P as *mut c_void];
    result::launch_kernel(
        f,
        grid,
        (block, 1, 1),
        shared_bytes,
        stream as sys::CUstream,
        &mut args,
    )
    .map_err(drv("cuLaunchKernel"))
}

/// Device memory from the stream-ordered pool, returned to it (in stream order) on drop.
pub(crate) struct Workspace {
    pub ptr: sys::CUdeviceptr,
    stream: sys::CUstream,
}

impl Workspace {
    pub fn new(bytes: usize, stream: usize) -> Result<Workspace> {
        let stream = stream as sys::CUstream;
        // SAFETY: `stream` is a stream of the current context (0 = the legacy default stream);
        // every use of the memory is a launch on that stream.
        let ptr = unsafe { result::malloc_async(stream, bytes.max(4)) }
            .map_err(drv("cuMemAllocAsync"))?;
        Ok(Workspace { ptr, stream })
    }
    /// `bytes` of zeros (set in stream order).
    pub fn zeroed(bytes: usize, stream: usize) -> Result<Workspace> {
        let w = Workspace::new(bytes, stream)?;
        // SAFETY: `bytes` of `w`, on the stream it was allocated on.
        unsafe { result::memset_d8_async(w.ptr, 0, bytes, w.stream) }
            .map_err(drv("cuMemsetD8Async"))?;
        Ok(w)
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        // SAFETY: allocated on `stream` by `new`, freed once; the free is ordered after the
        // launches already queued on the stream.
        let _ = unsafe { result::free_async(self.ptr, self.stream) };
    }
}
