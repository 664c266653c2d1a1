//! The CUDA plumbing of a ring call: the device's primary context, the communication stream,
//! events between the streams, stream-ordered scratch memory, and checks that caller pointers
//! are device memory on the communicator's GPU. Raw driver calls through cudarc, as the CUDA
//! backend makes them (`cuda/driver.rs`).

use crate::cuda::driver::drv;
use crate::error::{Error, Result};
use cudarc::driver::{result, sys};

/// The primary context of one device (the one PyTorch and umfa's backend use), retained while
/// the value lives.
pub(crate) struct PrimaryContext {
    device: sys::CUdevice,
    ctx: sys::CUcontext,
}

impl PrimaryContext {
    pub fn retain(ordinal: u32) -> Result<PrimaryContext> {
        // SAFETY: only asks whether the driver library loads.
        if !unsafe { sys::is_culib_present() } {
            return Err(Error::BackendUnavailable {
                backend: "cuda".into(),
                reason: "libcuda.so could not be loaded".into(),
            });
        }
        result::init().map_err(drv("cuInit"))?;
        let device = result::device::get(ordinal as i32).map_err(drv("cuDeviceGet"))?;
        // SAFETY: a valid device; released in `drop`.
        let ctx = unsafe { result::primary_ctx::retain(device) }
            .map_err(drv("cuDevicePrimaryCtxRetain"))?;
        Ok(PrimaryContext { device, ctx })
    }

    /// Makes the context current on the calling thread (every ring entry point does first).
    pub fn bind(&self) -> Result<()> {
        // SAFETY: a retained primary context.
        unsafe { result::ctx::set_current(self.ctx) }.map_err(drv("cuCtxSetCurrent"))
    }
}

impl Drop for PrimaryContext {
    fn drop(&mut self) {
        // SAFETY: retained once in `retain`.
        let _ = unsafe { result::primary_ctx::release(self.device) };
    }
}

/// A stream the ring owns (the communication stream of a raw communicator). Non-blocking: it
/// never synchronises implicitly with the legacy default stream.
pub(crate) struct OwnedStream(pub sys::CUstream);

impl OwnedStream {
    pub fn new() -> Result<OwnedStream> {
        result::stream::create(result::stream::StreamKind::NonBlocking)
            .map(OwnedStream)
            .map_err(drv("cuStreamCreate"))
    }
}

impl Drop for OwnedStream {
    fn drop(&mut self) {
        // SAFETY: created by `new`; the driver releases it once its queued work is done.
        let _ = unsafe { result::stream::destroy(self.0) };
    }
}

/// An event without timing: the fence between the compute and communication streams.
pub(crate) struct Event(sys::CUevent);

impl Event {
    pub fn new() -> Result<Event> {
        result::event::create(sys::CUevent_flags::CU_EVENT_DISABLE_TIMING)
            .map(Event)
            .map_err(drv("cuEventCreate"))
    }

    /// Makes `waiter` wait for everything queued on `after` so far.
    pub fn order(&self, after: sys::CUstream, waiter: sys::CUstream) -> Result<()> {
        if after == waiter {
            return Ok(());
        }
        // SAFETY: a live event; both streams belong to the current context. A wait captures the
        // event's state when queued, so one event may be recorded again right after.
        unsafe {
            result::event::record(self.0, after).map_err(drv("cuEventRecord"))?;
            result::stream::wait_event(
                waiter,
                self.0,
                sys::CUevent_wait_flags::CU_EVENT_WAIT_DEFAULT,
            )
            .map_err(drv("cuStreamWaitEvent"))
        }
    }
}

impl Drop for Event {
    fn drop(&mut self) {
        // SAFETY: created by `new`; the driver keeps it until pending waits are done.
        let _ = unsafe { result::event::destroy(self.0) };
    }
}

/// Makes `to` wait for everything queued on `from` when dropped: placed after a call's scratch
/// buffers, it keeps their stream-ordered free (on `to`) behind the transfers still using them,
/// on the error paths too.
pub(crate) struct JoinOnDrop {
    event: Event,
    from: sys::CUstream,
    to: sys::CUstream,
}

impl JoinOnDrop {
    pub fn new(from: sys::CUstream, to: sys::CUstream) -> Result<JoinOnDrop> {
        Ok(JoinOnDrop {
            event: Event::new()?,
            from,
            to,
        })
    }
}

impl Drop for JoinOnDrop {
    fn drop(&mut self) {
        let _ = self.event.order(self.from, self.to);
    }
}

/// Device memory from the stream-ordered pool of `stream`, returned to it in stream order on
/// drop: every other stream that used it must be ordered before the drop (the ring calls make
/// the compute stream wait for the communication stream at the end).
pub(crate) struct Scratch {
    pub ptr: u64,
    pub bytes: usize,
    stream: sys::CUstream,
}

impl Scratch {
    pub fn new(bytes: usize, stream: sys::CUstream) -> Result<Scratch> {
        // SAFETY: `stream` is a stream of the current context.
        let ptr = unsafe { result::malloc_async(stream, bytes.max(16)) }
            .map_err(drv("cuMemAllocAsync (ring scratch)"))?;
        Ok(Scratch { ptr, bytes, stream })
    }

    /// Fills the buffer with the 32-bit pattern `bits` (0.0 or -inf as f32) on `stream`.
    pub fn fill_u32(&self, bits: u32, stream: sys::CUstream) -> Result<()> {
        // SAFETY: the allocation holds `bytes` bytes.
        unsafe { sys::cuMemsetD32Async(self.ptr, bits, self.bytes / 4, stream) }
            .result()
            .map_err(drv("cuMemsetD32Async"))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // SAFETY: allocated on `stream` by `new`, freed once, after the work queued on it.
        let _ = unsafe { result::free_async(self.ptr, self.stream) };
    }
}

/// Refuses a pointer that is not device memory of `ordinal` (host memory, another GPU, a
/// dangling value), naming the argument: NCCL and the kernels would otherwise fault or hang.
pub(crate) fn check_device_pointer(ptr: *const u8, ordinal: u32, arg: &'static str) -> Result<()> {
    let query = |attribute| -> std::result::Result<i32, sys::CUresult> {
        let mut value = 0i32;
        // SAFETY: both queried attributes are one int.
        let rc = unsafe {
            sys::cuPointerGetAttribute(
                &mut value as *mut i32 as *mut std::ffi::c_void,
                attribute,
                ptr as sys::CUdeviceptr,
            )
        };
        match rc {
            sys::CUresult::CUDA_SUCCESS => Ok(value),
            e => Err(e),
        }
    };
    use sys::CUpointer_attribute as A;
    let not_device = |why: String| {
        Error::arg(
            arg,
            format!("{ptr:?} is not device memory of CUDA device {ordinal}: {why}"),
        )
    };
    let kind = query(A::CU_POINTER_ATTRIBUTE_MEMORY_TYPE)
        .map_err(|e| not_device(format!("the driver does not know it ({e:?})")))?;
    let device_kinds = [
        sys::CUmemorytype::CU_MEMORYTYPE_DEVICE as i32,
        sys::CUmemorytype::CU_MEMORYTYPE_UNIFIED as i32,
    ];
    if !device_kinds.contains(&kind) {
        return Err(not_device(format!(
            "its memory type is {kind} (host memory?)"
        )));
    }
    let owner = query(A::CU_POINTER_ATTRIBUTE_DEVICE_ORDINAL)
        .map_err(|e| not_device(format!("no device ordinal ({e:?})")))?;
    if owner != ordinal as i32 {
        return Err(not_device(format!("it lives on device {owner}")));
    }
    Ok(())
}
