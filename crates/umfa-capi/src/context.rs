//! Contexts (a backend plus per-context state) and buffers (memory with its byte size, and
//! optionally a shape and strides).

use crate::error::{
    guard, guard_value, mfa_error_t, Failure, Outcome, MFA_ERROR_MEMORY_ALLOCATION,
};
use std::ffi::{c_char, c_void};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use umfa_core::backend::{Backend, BackendKind};

/// Opaque handle to a context: the backend it computes on and the timing of its last call.
pub type mfa_context_t = *mut c_void;
/// Opaque handle to a buffer: memory, its byte size, and optionally a shape and strides.
pub type mfa_buffer_t = *mut c_void;

/// Backend selector of mfa_create_context_with_backend and mfa_backend_available.
pub type mfa_backend_t = i32;
/// `UMFA_BACKEND` if set, else the fastest backend present (cuda, wgpu, then cpu).
pub const MFA_BACKEND_DEFAULT: mfa_backend_t = 0;
/// The CPU backend: always present.
pub const MFA_BACKEND_CPU: mfa_backend_t = 1;
/// NVIDIA GPUs through CUDA.
pub const MFA_BACKEND_CUDA: mfa_backend_t = 2;
/// Metal, Vulkan or DX12 through wgpu.
pub const MFA_BACKEND_WGPU: mfa_backend_t = 3;

// Handles carry a tag so that a destroyed, foreign or mixed-up handle (a buffer passed as a
// context) is usually caught as an argument error instead of corrupting memory. It is a
// safeguard, not a guarantee: a pointer to unmapped memory still cannot be detected.
const CONTEXT_TAG: u64 = 0x756d_6661_6374_7831; // "umfactx1"
const BUFFER_TAG: u64 = 0x756d_6661_6275_6631; // "umfabuf1"
const DEAD_TAG: u64 = 0xdead_dead_dead_dead;

pub(crate) struct Context {
    tag: u64,
    pub backend: Arc<dyn Backend>,
    /// Seconds of the last successful call, as f64 bits (atomic: contexts are shared).
    latency: AtomicU64,
    /// What mfa_set_scale_arrays stored, for the quantized path once it exists.
    pub scale_arrays: Mutex<Option<[Vec<f32>; 3]>>,
}

impl Context {
    fn new(backend: Arc<dyn Backend>) -> Context {
        Context {
            tag: CONTEXT_TAG,
            backend,
            latency: AtomicU64::new(0f64.to_bits()),
            scale_arrays: Mutex::new(None),
        }
    }
    pub fn record_latency(&self, seconds: f64) {
        self.latency.store(seconds.to_bits(), Ordering::Relaxed);
    }
    pub fn latency(&self) -> f64 {
        f64::from_bits(self.latency.load(Ordering::Relaxed))
    }
}

/// A buffer's optional layout: what `_with_strides` recorded.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Strided {
    pub ndim: usize,
    pub shape: [i64; 4],
    pub strides: [i64; 4],
}

/// Per-tensor quantization parameters recorded by mfa_create_quantized_buffer.
#[derive(Clone, Copy, Debug)]
pub(crate) struct QuantInfo {
    pub precision: i32,
    pub scale: f32,
    pub zero_point: i32,
}

pub(crate) struct Buffer {
    tag: u64,
    pub ptr: *mut u8,
    pub size: usize,
    /// Set when the library allocated the memory (and frees it with the buffer).
    owned: Option<std::alloc::Layout>,
    pub strided: Option<Strided>,
    pub quant: Option<QuantInfo>,
}

// SAFETY: a buffer is a pointer and a size; concurrent use is governed by the rules stated in the
// header (many readers, or one writer).
unsafe impl Send for Buffer {}
unsafe impl Sync for Buffer {}

/// Alignment of library-allocated buffers: a cache line, enough for every vector load.
const BUFFER_ALIGN: usize = 64;

impl Buffer {
    pub fn allocate(size: usize) -> Outcome<Buffer> {
        let layout =
            std::alloc::Layout::from_size_align(size, BUFFER_ALIGN).map_err(|_| Failure {
                code: MFA_ERROR_MEMORY_ALLOCATION,
                message: format!("cannot allocate {size} bytes"),
            })?;
        // SAFETY: size > 0 is checked by callers.
        let ptr = unsafe { std::alloc::alloc_zeroed(layout) };
        if ptr.is_null() {
            return Err(Failure {
                code: MFA_ERROR_MEMORY_ALLOCATION,
                message: format!("allocating {size} bytes failed"),
            });
        }
        Ok(Buffer {
            tag: BUFFER_TAG,
            ptr,
            size,
            owned: Some(layout),
            strided: None,
            quant: None,
        })
    }
    pub fn wrap(ptr: *mut u8, size: usize, strided: Option<Strided>) -> Buffer {
        Buffer {
            tag: BUFFER_TAG,
            ptr,
            size,
            owned: None,
            strided,
            quant: None,
        }
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        self.tag = DEAD_TAG;
        if let Some(layout) = self.owned {
            // SAFETY: allocated in `allocate` with this layout.
            unsafe { std::alloc::dealloc(self.ptr, layout) };
        }
    }
}

impl Drop for Context {
    fn drop(&mut self) {
        self.tag = DEAD_TAG;
    }
}

/// Borrows a context handle, checking it is one.
///
/// # Safety
/// `ctx` must be NULL or a pointer to readable memory (ideally a live context).
pub(crate) unsafe fn ctx_ref<'a>(ctx: mfa_context_t, arg: &str) -> Outcome<&'a Context> {
    if ctx.is_null() {
        return Err(Failure::arg(arg, "is NULL"));
    }
    if (ctx as usize) & (std::mem::align_of::<Context>() - 1) != 0 {
        return Err(Failure::arg(arg, "is not a context handle (misaligned)"));
    }
    let c = &*(ctx as *const Context);
    if c.tag != CONTEXT_TAG {
        return Err(Failure::arg(
            arg,
            "is not a live context handle (destroyed, or not made by mfa_create_context)",
        ));
    }
    Ok(c)
}

/// Borrows a buffer handle, checking it is one.
///
/// # Safety
/// As for `context`.
pub(crate) unsafe fn buf_ref<'a>(buf: mfa_buffer_t, arg: &str) -> Outcome<&'a Buffer> {
    if buf.is_null() {
        return Err(Failure::arg(arg, "is NULL"));
    }
    if (buf as usize) & (std::mem::align_of::<Buffer>() - 1) != 0 {
        return Err(Failure::arg(arg, "is not a buffer handle (misaligned)"));
    }
    let b = &*(buf as *const Buffer);
    if b.tag != BUFFER_TAG {
        return Err(Failure::arg(
            arg,
            "is not a live buffer handle (destroyed, or not made by an mfa_*buffer* function)",
        ));
    }
    Ok(b)
}

/// Writes a new handle through an out-pointer that was checked non-NULL.
unsafe fn publish<T>(out: *mut *mut c_void, value: T) {
    *out = Box::into_raw(Box::new(value)) as *mut c_void;
}

pub(crate) fn backend_kind(backend: mfa_backend_t) -> Outcome<Option<BackendKind>> {
    match backend {
        MFA_BACKEND_DEFAULT => Ok(None),
        MFA_BACKEND_CPU => Ok(Some(BackendKind::Cpu)),
        MFA_BACKEND_CUDA => Ok(Some(BackendKind::Cuda)),
        MFA_BACKEND_WGPU => Ok(Some(BackendKind::Wgpu)),
        other => Err(Failure::arg(
            "backend",
            format!("is {other}; expected MFA_BACKEND_DEFAULT (0), CPU (1), CUDA (2) or WGPU (3)"),
        )),
    }
}

fn open_backend(backend: mfa_backend_t) -> Outcome<Arc<dyn Backend>> {
    Ok(match backend_kind(backend)? {
        None => umfa_core::backend::default_backend()?,
        Some(kind) => umfa_core::backend::backend(kind)?,
    })
}

/// Creates a context on the default backend: the one `UMFA_BACKEND=cpu|cuda|wgpu` names, or else
/// the fastest present (cuda, wgpu, then cpu). The environment is read when the context is
/// created. An unknown or unavailable `UMFA_BACKEND` is an error
/// (MFA_ERROR_INVALID_ARGS / MFA_ERROR_DEVICE_NOT_SUPPORTED), not a silent fallback.
///
/// Thread safety: a context may be used by any number of threads at once; every function taking
/// a context only reads it, except that each successful call records its latency
/// (mfa_get_gpu_latency then reports whichever call finished last). Buffers may be read (as
/// inputs) by concurrent calls; a buffer that one call writes (an output) must not be used by
/// another call at the same time, as in any C library. mfa_destroy_context and
/// mfa_destroy_buffer must not race with calls using that handle. Buffers do not keep their
/// context alive and stay valid after it is destroyed. mfa_last_error_message is per thread.
#[no_mangle]
pub unsafe extern "C" fn mfa_create_context(context: *mut mfa_context_t) -> mfa_error_t {
    mfa_create_context_with_backend(MFA_BACKEND_DEFAULT, context)
}

/// Creates a context on a chosen backend (MFA_BACKEND_*). MFA_ERROR_DEVICE_NOT_SUPPORTED if that
/// backend is absent; mfa_last_error_message() says why.
#[no_mangle]
pub unsafe extern "C" fn mfa_create_context_with_backend(
    backend: mfa_backend_t,
    context: *mut mfa_context_t,
) -> mfa_error_t {
    guard("mfa_create_context", || {
        if context.is_null() {
            return Err(Failure::arg("context", "out-pointer is NULL"));
        }
        *context = std::ptr::null_mut();
        let be = open_backend(backend)?;
        publish(context, Context::new(be));
        Ok(())
    })
}

/// Destroys a context. NULL is ignored; so is a handle that is not a live context.
#[no_mangle]
pub unsafe extern "C" fn mfa_destroy_context(context: mfa_context_t) {
    let _ = guard("mfa_destroy_context", || {
        let c = ctx_ref(context, "context")? as *const Context;
        drop(Box::from_raw(c as *mut Context));
        Ok(())
    });
}

/// Which backend (MFA_BACKEND_CPU, _CUDA or _WGPU) a context computes on; -1 for an invalid
/// handle.
#[no_mangle]
pub unsafe extern "C" fn mfa_context_backend(context: mfa_context_t) -> mfa_backend_t {
    guard_value("mfa_context_backend", -1, || {
        let c = ctx_ref(context, "context")?;
        Ok(match c.backend.kind() {
            BackendKind::Cpu => MFA_BACKEND_CPU,
            BackendKind::Cuda => MFA_BACKEND_CUDA,
            BackendKind::Wgpu => MFA_BACKEND_WGPU,
        })
    })
}

/// Writes the context's device in words (e.g. "cpu: AMD EPYC, 2 threads, avx512") into `name`
/// (`name_len` bytes, truncated, NUL-terminated).
#[no_mangle]
pub unsafe extern "C" fn mfa_context_device_name(
    context: mfa_context_t,
    name: *mut c_char,
    name_len: usize,
) -> mfa_error_t {
    guard("mfa_context_device_name", || {
        let c = ctx_ref(context, "context")?;
        if name.is_null() || name_len == 0 {
            return Err(Failure::arg("name", "is NULL or name_len is 0"));
        }
        let text = format!("{}: {}", c.backend.kind(), c.backend.device_name());
        crate::error::write_c_string(name, name_len, &text);
        Ok(())
    })
}

/// Whether `backend` (MFA_BACKEND_*) can run on this machine: MFA_SUCCESS, or
/// MFA_ERROR_DEVICE_NOT_SUPPORTED with the reason written into `why` (`why_len` bytes,
/// truncated, NUL-terminated; `why` may be NULL).
#[no_mangle]
pub unsafe extern "C" fn mfa_backend_available(
    backend: mfa_backend_t,
    why: *mut c_char,
    why_len: usize,
) -> mfa_error_t {
    let code = guard("mfa_backend_available", || {
        open_backend(backend).map(|_| ())
    });
    crate::error::write_c_string(why, why_len, &crate::error::last_message());
    code
}

fn positive_size(size_bytes: isize) -> Outcome<usize> {
    if size_bytes <= 0 {
        return Err(Failure::arg(
            "size_bytes",
            format!("is {size_bytes}; it must be > 0"),
        ));
    }
    Ok(size_bytes as usize)
}

/// Allocates `size_bytes` of zeroed host memory, 64-byte aligned, freed by mfa_destroy_buffer.
/// The host reads and writes it through mfa_buffer_contents on every backend (GPU backends stage
/// it around each call).
#[no_mangle]
pub unsafe extern "C" fn mfa_create_buffer(
    context: mfa_context_t,
    size_bytes: isize,
    buffer: *mut mfa_buffer_t,
) -> mfa_error_t {
    guard("mfa_create_buffer", || {
        if buffer.is_null() {
            return Err(Failure::arg("buffer", "out-pointer is NULL"));
        }
        *buffer = std::ptr::null_mut();
        ctx_ref(context, "context")?;
        let b = Buffer::allocate(positive_size(size_bytes)?)?;
        publish(buffer, b);
        Ok(())
    })
}

/// Wraps the caller's host memory (`size_bytes` at `data`) without copying. The memory must
/// outlive the buffer; mfa_destroy_buffer does not free it.
#[no_mangle]
pub unsafe extern "C" fn mfa_buffer_from_ptr(
    context: mfa_context_t,
    data: *mut c_void,
    size_bytes: isize,
    buffer: *mut mfa_buffer_t,
) -> mfa_error_t {
    guard("mfa_buffer_from_ptr", || {
        if buffer.is_null() {
            return Err(Failure::arg("buffer", "out-pointer is NULL"));
        }
        *buffer = std::ptr::null_mut();
        ctx_ref(context, "context")?;
        if data.is_null() {
            return Err(Failure::arg("data", "is NULL"));
        }
        let size = positive_size(size_bytes)?;
        publish(buffer, Buffer::wrap(data as *mut u8, size, None));
        Ok(())
    })
}

/// Reads and checks a `_with_strides` layout: 1 to 4 dimensions, sizes >= 1.
unsafe fn read_strided(shape: *const i64, strides: *const i64, ndim: u32) -> Outcome<Strided> {
    if shape.is_null() {
        return Err(Failure::arg("shape", "is NULL"));
    }
    if strides.is_null() {
        return Err(Failure::arg("strides", "is NULL"));
    }
    if ndim == 0 || ndim > 4 {
        return Err(Failure::arg(
            "ndim",
            format!("is {ndim}; attention tensors have 1 to 4 dimensions"),
        ));
    }
    let n = ndim as usize;
    let mut s = Strided {
        ndim: n,
        shape: [1; 4],
        strides: [0; 4],
    };
    for d in 0..n {
        let (size, stride) = (*shape.add(d), *strides.add(d));
        if size < 1 {
            return Err(Failure::arg(
                "shape",
                format!("dimension {d} is {size}; sizes must be >= 1"),
            ));
        }
        s.shape[d] = size;
        s.strides[d] = stride;
    }
    Ok(s)
}

/// Wraps the caller's host memory with a shape and element strides. When this buffer is used as
/// an attention tensor its strides replace the contiguous strides the transpose flag implies;
/// its shape must be the tensor's shape in the order that flag names (`[B,H,S,D]` when false,
/// `[B,S,H,D]` when true; the other order is also accepted when it is unambiguous), with fewer
/// than 4 dimensions right-aligned (leading sizes 1). Whether the strides stay inside
/// `size_bytes` is checked when the buffer is used, once its element type is known.
#[no_mangle]
pub unsafe extern "C" fn mfa_buffer_from_ptr_with_strides(
    context: mfa_context_t,
    data: *mut c_void,
    size_bytes: isize,
    shape: *const i64,
    strides: *const i64,
    ndim: u32,
    buffer: *mut mfa_buffer_t,
) -> mfa_error_t {
    guard("mfa_buffer_from_ptr_with_strides", || {
        if buffer.is_null() {
            return Err(Failure::arg("buffer", "out-pointer is NULL"));
        }
        *buffer = std::ptr::null_mut();
        ctx_ref(context, "context")?;
        if data.is_null() {
            return Err(Failure::arg("data", "is NULL"));
        }
        let size = positive_size(size_bytes)?;
        let s = read_strided(shape, strides, ndim)?;
        publish(buffer, Buffer::wrap(data as *mut u8, size, Some(s)));
        Ok(())
    })
}

/// Apple only (wraps an `id<MTLBuffer>`): on this platform always MFA_ERROR_DEVICE_NOT_SUPPORTED.
#[no_mangle]
pub unsafe extern "C" fn mfa_buffer_from_mtl_buffer(
    _context: mfa_context_t,
    _mtl_buffer: *mut c_void,
    _size_bytes: isize,
    buffer: *mut mfa_buffer_t,
) -> mfa_error_t {
    guard("mfa_buffer_from_mtl_buffer", || {
        if !buffer.is_null() {
            *buffer = std::ptr::null_mut();
        }
        Err(Failure::unsupported(
            "Metal buffers exist only on Apple platforms; use mfa_buffer_from_ptr with host memory",
        ))
    })
}

/// Apple only: on this platform always MFA_ERROR_DEVICE_NOT_SUPPORTED.
#[no_mangle]
pub unsafe extern "C" fn mfa_buffer_from_mtl_buffer_with_strides(
    _context: mfa_context_t,
    _mtl_buffer: *mut c_void,
    _size_bytes: isize,
    _shape: *const i64,
    _strides: *const i64,
    _ndim: u32,
    buffer: *mut mfa_buffer_t,
) -> mfa_error_t {
    guard("mfa_buffer_from_mtl_buffer_with_strides", || {
        if !buffer.is_null() {
            *buffer = std::ptr::null_mut();
        }
        Err(Failure::unsupported(
            "Metal buffers exist only on Apple platforms; use mfa_buffer_from_ptr_with_strides with host memory",
        ))
    })
}

/// The host address of a buffer's memory, or NULL for an invalid handle.
#[no_mangle]
pub unsafe extern "C" fn mfa_buffer_contents(buffer: mfa_buffer_t) -> *mut c_void {
    guard_value("mfa_buffer_contents", std::ptr::null_mut(), || {
        Ok(buf_ref(buffer, "buffer")?.ptr as *mut c_void)
    })
}

/// The size in bytes of a buffer, or 0 for an invalid handle.
#[no_mangle]
pub unsafe extern "C" fn mfa_buffer_size(buffer: mfa_buffer_t) -> usize {
    guard_value("mfa_buffer_size", 0, || Ok(buf_ref(buffer, "buffer")?.size))
}

/// Destroys a buffer, freeing its memory if the library allocated it. NULL is ignored.
#[no_mangle]
pub unsafe extern "C" fn mfa_destroy_buffer(buffer: mfa_buffer_t) {
    let _ = guard("mfa_destroy_buffer", || {
        let b = buf_ref(buffer, "buffer")? as *const Buffer;
        drop(Box::from_raw(b as *mut Buffer));
        Ok(())
    });
}

/// Seconds taken by the last successful attention call on this context: the wall time of the
/// computation (on a GPU backend this also counts staging host tensors and, on the first call of
/// a shape, compiling its kernel). 0.0 before any call or for an invalid handle.
#[no_mangle]
pub unsafe extern "C" fn mfa_get_gpu_latency(context: mfa_context_t) -> f64 {
    guard_value("mfa_get_gpu_latency", 0.0, || {
        Ok(ctx_ref(context, "context")?.latency())
    })
}

/// True when some backend can run. The CPU backend always can, so this is always true.
#[no_mangle]
pub extern "C" fn mfa_is_device_supported() -> bool {
    guard_value("mfa_is_device_supported", false, || {
        Ok(umfa_core::backend::statuses()
            .iter()
            .any(|s| s.backend.is_ok()))
    })
}

/// The library version (major, minor, patch). NULL pointers are skipped.
#[no_mangle]
pub unsafe extern "C" fn mfa_get_version(major: *mut i32, minor: *mut i32, patch: *mut i32) {
    let _ = guard("mfa_get_version", || {
        let parse = |s: &str| s.parse::<i32>().unwrap_or(0);
        for (out, value) in [
            (major, env!("CARGO_PKG_VERSION_MAJOR")),
            (minor, env!("CARGO_PKG_VERSION_MINOR")),
            (patch, env!("CARGO_PKG_VERSION_PATCH")),
        ] {
            if !out.is_null() {
                *out = parse(value);
            }
        }
        Ok(())
    });
}
