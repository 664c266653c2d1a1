//! The communicator of a ring: an NCCL communicator (cudarc's safe `Comm`, or a raw
//! `ncclComm_t` the caller owns), its rank, world and GPU, and the stream NCCL works on.
//!
//! Only two operations are needed: the ring exchange (send to the next rank, receive from the
//! previous one, inside `ncclGroupStart/End` so the pairs cannot deadlock) and an in-place
//! all-reduce (max) of a few integers, with which the ranks agree on a call before the ring runs.

use super::device::{OwnedStream, PrimaryContext};
use super::trace::ring_trace;
use crate::cuda::driver::drv;
use crate::error::{Error, Result};
use cudarc::driver::sys as cu;
use cudarc::nccl::{self, result as nres, sys as nsys};
use std::ffi::{c_void, CStr};

/// A raw NCCL communicator handle (`ncclComm_t`).
pub type RawNcclComm = nsys::ncclComm_t;

/// A span of device memory sent or received as bytes (point-to-point transfers need no type).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Span {
    pub ptr: u64,
    pub bytes: usize,
}

enum Transport {
    /// cudarc's communicator, owned: it aborts the NCCL communicator when dropped. Transfers go
    /// through its safe API on its own stream.
    Cudarc(nccl::Comm),
    /// The caller's communicator; never destroyed here. Transfers go on a stream the ring owns.
    Raw {
        comm: RawNcclComm,
        stream: OwnedStream,
    },
}

/// One rank's NCCL communicator as ring attention uses it. Build one per rank (per thread or
/// process) with [`RingComm::from_cudarc`] or [`RingComm::from_raw`]; `ring_forward` and
/// `ring_backward` then run on it, on the rank's GPU.
pub struct RingComm {
    transport: Transport,
    rank: usize,
    world: usize,
    device: u32,
    context: PrimaryContext,
}

// SAFETY: NCCL communicators may be used from any thread as long as calls on one communicator are
// not concurrent; `&self` methods are only ever called by the thread running a ring call, and
// `RingComm` is not `Sync`-shared by umfa.
unsafe impl Send for RingComm {}

/// Whether libnccl can be loaded (cudarc loads it at run time), or why not.
pub fn nccl_available() -> std::result::Result<(), String> {
    // SAFETY: only checks whether the shared library loads.
    if unsafe { nsys::is_culib_present() } {
        Ok(())
    } else {
        Err(
            "libnccl.so could not be loaded: install NCCL and put a directory holding \
             libnccl.so on LD_LIBRARY_PATH (the nvidia-nccl-cu13 Python package ships only \
             libnccl.so.2: link libnccl.so to it, as scripts/device/ring_rust_run.sh does)"
                .into(),
        )
    }
}

fn unavailable(reason: String) -> Error {
    Error::BackendUnavailable {
        backend: "nccl".into(),
        reason,
    }
}

/// An NCCL failure with NCCL's own words for it (and the communicator's last error, if any).
pub(crate) fn nccl_error(what: &str, e: nres::NcclError, comm: Option<RawNcclComm>) -> Error {
    // SAFETY: NCCL returns static strings (or NULL).
    let text = |p: *const std::ffi::c_char| {
        if p.is_null() {
            String::new()
        } else {
            unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
        }
    };
    let general = text(unsafe { nsys::ncclGetErrorString(e.0) });
    let last = comm.map(|c| text(unsafe { nsys::ncclGetLastError(c) }));
    match last.filter(|l| !l.is_empty()) {
        Some(l) => Error::Execution(format!("{what}: {:?} ({general}): {l}", e.0)),
        None => Error::Execution(format!("{what}: {:?} ({general})", e.0)),
    }
}

impl RingComm {
    /// Wraps cudarc's communicator (made with `Comm::from_rank` or `Comm::from_devices`); the
    /// ring then owns it. Its stream is the communication stream: keep it distinct from the
    /// compute stream for the exchanges to overlap the attention.
    pub fn from_cudarc(comm: nccl::Comm) -> Result<RingComm> {
        nccl_available().map_err(unavailable)?;
        let (rank, world, device) = (comm.rank(), comm.world_size(), comm.ordinal() as u32);
        check_rank(rank, world)?;
        let context = PrimaryContext::retain(device)?;
        Ok(RingComm {
            transport: Transport::Cudarc(comm),
            rank,
            world,
            device,
            context,
        })
    }

    /// Wraps a raw `ncclComm_t` that the caller keeps owning (and destroys after the last ring
    /// call). Rank, world and device are read from it; the ring creates its own communication
    /// stream on that device.
    ///
    /// # Safety
    /// `comm` must be a live, initialised NCCL communicator for as long as the value is used.
    pub unsafe fn from_raw(comm: RawNcclComm) -> Result<RingComm> {
        nccl_available().map_err(unavailable)?;
        if comm.is_null() {
            return Err(Error::arg(
                "comm",
                "is NULL; pass an initialised ncclComm_t",
            ));
        }
        let query = |what, r: std::result::Result<i32, nres::NcclError>| {
            r.map_err(|e| nccl_error(what, e, Some(comm)))
        };
        let rank = query("ncclCommUserRank", nres::comm_user_rank(comm))?;
        let world = query("ncclCommCount", nres::comm_count(comm))?;
        let device = query("ncclCommCuDevice", nres::comm_cu_device(comm))?;
        if rank < 0 || world < 1 || device < 0 {
            return Err(Error::arg(
                "comm",
                format!("NCCL reports rank {rank}, world {world}, device {device}; not a usable communicator"),
            ));
        }
        check_rank(rank as usize, world as usize)?;
        let context = PrimaryContext::retain(device as u32)?;
        context.bind()?;
        Ok(RingComm {
            transport: Transport::Raw {
                comm,
                stream: OwnedStream::new()?,
            },
            rank: rank as usize,
            world: world as usize,
            device: device as u32,
            context,
        })
    }

    pub fn rank(&self) -> usize {
        self.rank
    }
    pub fn world(&self) -> usize {
        self.world
    }
    /// The CUDA device ordinal of this rank.
    pub fn device(&self) -> u32 {
        self.device
    }
    /// The stream NCCL transfers run on (a `CUstream`).
    pub fn stream(&self) -> usize {
        self.comm_stream() as usize
    }

    pub(crate) fn comm_stream(&self) -> cu::CUstream {
        match &self.transport {
            Transport::Cudarc(c) => c.stream().cu_stream(),
            Transport::Raw { stream, .. } => stream.0,
        }
    }

    fn raw(&self) -> Option<RawNcclComm> {
        match &self.transport {
            Transport::Raw { comm, .. } => Some(*comm),
            Transport::Cudarc(_) => None,
        }
    }

    /// Makes this rank's device context current on the calling thread.
    pub(crate) fn bind(&self) -> Result<()> {
        self.context.bind()
    }

    pub(crate) fn next(&self) -> i32 {
        ((self.rank + 1) % self.world) as i32
    }
    pub(crate) fn prev(&self) -> i32 {
        ((self.rank + self.world - 1) % self.world) as i32
    }

    /// Queues on the communication stream: every span of `send` to the next rank and every span
    /// of `recv` from the previous one, as one NCCL group. Every rank must make the same calls
    /// in the same order (the ring schedule guarantees it).
    pub(crate) fn exchange(&self, what: &str, send: &[Span], recv: &[Span]) -> Result<()> {
        let fail = |what, e| nccl_error(what, e, self.raw());
        ring_trace!(self, "{what}: ncclGroupStart");
        nres::group_start().map_err(|e| fail("ncclGroupStart", e))?;
        // The group must be closed whatever happens inside it.
        let queued = self.queue_transfers(what, send, recv);
        ring_trace!(
            self,
            "{what}: ncclGroupEnd (queues the group; may wait for the peers' connection)"
        );
        let closed = nres::group_end().map_err(|e| fail("ncclGroupEnd", e));
        ring_trace!(
            self,
            "{what}: ncclGroupEnd returned ({})",
            if closed.is_ok() { "ok" } else { "error" }
        );
        queued.and(closed).map(|_| ())
    }

    /// Blocks the host until every transfer queued so far on the communication stream is done:
    /// afterwards nothing of this rank waits for a peer.
    pub(crate) fn wait_transfers(&self, what: &str) -> Result<()> {
        ring_trace!(self, "{what}: cuStreamSynchronize(communication stream)");
        // SAFETY: the communication stream of this rank's context (made current by the caller).
        unsafe { cudarc::driver::result::stream::synchronize(self.comm_stream()) }
            .map_err(drv("cuStreamSynchronize (ring communication stream)"))?;
        ring_trace!(self, "{what}: communication stream idle");
        Ok(())
    }

    fn queue_transfers(&self, what: &str, send: &[Span], recv: &[Span]) -> Result<()> {
        let (next, prev) = (self.next(), self.prev());
        match &self.transport {
            Transport::Raw { comm, stream } => {
                for s in send {
                    ring_trace!(self, "{what}: ncclSend {} B to rank {next}", s.bytes);
                    // SAFETY: the spans are device memory of this rank (checked by the caller of
                    // the ring), alive until the stream has run the transfer.
                    unsafe {
                        nres::send(
                            s.ptr as *const c_void,
                            s.bytes,
                            nsys::ncclDataType_t::ncclUint8,
                            next,
                            *comm,
                            stream.0 as _,
                        )
                    }
                    .map_err(|e| nccl_error("ncclSend", e, Some(*comm)))?;
                }
                for r in recv {
                    ring_trace!(self, "{what}: ncclRecv {} B from rank {prev}", r.bytes);
                    // SAFETY: as above.
                    unsafe {
                        nres::recv(
                            r.ptr as *mut c_void,
                            r.bytes,
                            nsys::ncclDataType_t::ncclUint8,
                            prev,
                            *comm,
                            stream.0 as _,
                        )
                    }
                    .map_err(|e| nccl_error("ncclRecv", e, Some(*comm)))?;
                }
            }
            Transport::Cudarc(comm) => {
                let stream = comm.stream();
                for s in send {
                    ring_trace!(self, "{what}: ncclSend {} B to rank {next}", s.bytes);
                    // SAFETY: as above; `leak` hands the memory back without freeing it.
                    let slice = unsafe { stream.upgrade_device_ptr::<u8>(s.ptr, s.bytes) };
                    let sent = comm.send(&slice, next);
                    slice.leak();
                    sent.map_err(|e| nccl_error("ncclSend", e, None))?;
                }
                for r in recv {
                    ring_trace!(self, "{what}: ncclRecv {} B from rank {prev}", r.bytes);
                    // SAFETY: as above.
                    let mut slice = unsafe { stream.upgrade_device_ptr::<u8>(r.ptr, r.bytes) };
                    let received = comm.recv(&mut slice, prev);
                    slice.leak();
                    received.map_err(|e| nccl_error("ncclRecv", e, None))?;
                }
            }
        }
        Ok(())
    }

    /// Queues an in-place all-reduce (maximum) of `count` i64 at `ptr` on the communication
    /// stream.
    pub(crate) fn all_reduce_max_i64(&self, ptr: u64, count: usize) -> Result<()> {
        ring_trace!(self, "agree: ncclAllReduce(max, {count} x i64)");
        let done = self.all_reduce_inner(ptr, count);
        ring_trace!(
            self,
            "agree: ncclAllReduce returned ({})",
            if done.is_ok() { "queued" } else { "error" }
        );
        done
    }

    fn all_reduce_inner(&self, ptr: u64, count: usize) -> Result<()> {
        match &self.transport {
            Transport::Raw { comm, stream } => {
                // SAFETY: `ptr` holds `count` i64 of device memory on this rank's device.
                unsafe {
                    nres::all_reduce(
                        ptr as *const c_void,
                        ptr as *mut c_void,
                        count,
                        nsys::ncclDataType_t::ncclInt64,
                        nsys::ncclRedOp_t::ncclMax,
                        *comm,
                        stream.0 as _,
                    )
                }
                .map(|_| ())
                .map_err(|e| nccl_error("ncclAllReduce", e, Some(*comm)))
            }
            Transport::Cudarc(comm) => {
                // SAFETY: as above; `leak` hands the memory back without freeing it.
                let mut slice = unsafe { comm.stream().upgrade_device_ptr::<i64>(ptr, count) };
                let reduced = comm.all_reduce_in_place(&mut slice, &nccl::ReduceOp::Max);
                slice.leak();
                reduced
                    .map(|_| ())
                    .map_err(|e| nccl_error("ncclAllReduce", e, None))
            }
        }
    }
}

impl Drop for RingComm {
    fn drop(&mut self) {
        // The owned stream (and cudarc's communicator) are released in this device's context.
        let _ = self.context.bind();
    }
}

impl std::fmt::Debug for RingComm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.transport {
            Transport::Cudarc(_) => "cudarc",
            Transport::Raw { .. } => "raw",
        };
        write!(
            f,
            "RingComm({kind}, rank {} of {}, cuda:{})",
            self.rank, self.world, self.device
        )
    }
}

fn check_rank(rank: usize, world: usize) -> Result<()> {
    if world == 0 || rank >= world {
        return Err(Error::arg(
            "comm",
            format!("rank {rank} is not in a ring of {world}"),
        ));
    }
    Ok(())
}
