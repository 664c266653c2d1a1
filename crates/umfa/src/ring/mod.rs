//! Context-parallel ("ring") attention over NCCL: the sequence sharded across the ranks of an
//! NCCL communicator, one GPU per rank, K/V blocks passed around the ring while the attention
//! computes, partial results merged by their LSE (`docs/ring.md`). The same schedule and
//! semantics as `python/src/umfa/ring.py`, whose transport is `torch.distributed`.
//!
//! ```no_run
//! # fn demo(comm: cudarc::nccl::Comm, q: umfa::TensorRef, k: umfa::TensorRef, v: umfa::TensorRef,
//! #         out: umfa::TensorMut, lse: umfa::TensorMut, stream: usize) -> umfa::Result<()> {
//! use umfa::ring::{ring_forward, RingComm, Sharding};
//! use umfa::{Attention, CausalAlign, ForwardOutputs};
//! let comm = RingComm::from_cudarc(comm)?;          // or unsafe { RingComm::from_raw(nccl_comm) }
//! // q, k, v: this rank's zig-zag shards [B, H, S/world, D] on its GPU
//! let attn = Attention::new(q, k, v).causal(CausalAlign::BottomRight);
//! ring_forward(&comm, &attn, Sharding::ZigZag, ForwardOutputs { out, lse: Some(lse) }, stream)?;
//! # Ok(()) }
//! ```
//!
//! - Every step's K/V exchange is one `ncclGroupStart`/`ncclSend`/`ncclRecv`/`ncclGroupEnd` on the
//!   communication stream, overlapped with the attention on the compute stream (events between
//!   them, two receive buffers taking turns).
//! - Before moving data the ranks agree on the call with one small all-reduce: a rank whose
//!   arguments fail validation, or shards of different shapes, make every rank return an error
//!   instead of some of them waiting for transfers that never come.
//! - Supported: f16/bf16/f32 inputs, GQA, `D ≠ Dv`, causal (zig-zag or contiguous shards; fully
//!   masked blocks are skipped), `scale`, `deterministic`. Not supported: masks, windows,
//!   softcap, ALiBi, sinks (each needs its own handling across shards).
//! - Every kernel a call needs is compiled and loaded before its first transfer, while nothing of
//!   the rank is in flight: loading a module can wait for the device's running kernels, and an
//!   NCCL kernel runs until the peer's matching one does (a hang with one thread per GPU).
//! - `UMFA_RING_TRACE=1` prints every NCCL call, host wait and step, per rank ([`trace`]).

mod accumulate;
mod agree;
mod backward;
mod check;
mod comm;
mod device;
mod forward;
pub mod schedule;
mod sharding;
pub mod trace;
mod views;

pub use backward::ring_backward;
pub use comm::{nccl_available, RawNcclComm, RingComm};
pub use forward::ring_forward;
pub use sharding::Sharding;
