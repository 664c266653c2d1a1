//! The ring forward: `ring_forward` of `python/src/umfa/ring.py`, on NCCL.
//!
//! Step `s` attends the local queries to the K/V block that started on rank `rank − s` (the
//! plan of `schedule.rs`) on the compute stream, while the communication stream already sends
//! that block on to the next rank and receives the following one into the other of two
//! buffers. Each step's `(O, LSE)` is merged into an f32 accumulator with `merge_into`; the
//! result is rounded once, into the caller's `out`, with the f32 LSE beside it.

use super::agree::agree;
use super::check::{self, Pass};
use super::comm::{RingComm, Span};
use super::device::{Event, JoinOnDrop, Scratch};
use super::schedule::step_plan;
use super::sharding::Sharding;
use super::trace::ring_trace;
use super::views::{rows_mut, rows_ref, DenseBuf};
use crate::cuda::driver::DryLaunches;
use crate::dtype::DType;
use crate::error::Result;
use crate::merge::{merge_into_on_stream, merge_on_stream, MergeOutputs, MergePart};
use crate::params::{Attention, ForwardOutputs};
use crate::tensor::Device;
use crate::{forward_on_stream, validate};
use cudarc::driver::sys::CUstream;

/// The K/V block a step attends to: the rank's own shards, or a receive buffer.
#[derive(Clone, Copy)]
pub(crate) struct KvBlock {
    pub k: u64,
    pub v: u64,
}

/// Two buffers that take turns receiving the visiting K/V block.
pub(crate) struct KvBuffers {
    slots: Vec<Scratch>,
    k_bytes: usize,
    v_bytes: usize,
}

impl KvBuffers {
    /// Allocated on `stream` only where there is a ring to receive from.
    pub fn new(
        world: usize,
        k_bytes: usize,
        v_bytes: usize,
        stream: CUstream,
    ) -> Result<KvBuffers> {
        let count = if world > 1 { 2 } else { 0 };
        let slots = (0..count)
            .map(|_| Scratch::new(k_bytes + v_bytes, stream))
            .collect::<Result<Vec<_>>>()?;
        Ok(KvBuffers {
            slots,
            k_bytes,
            v_bytes,
        })
    }
    /// The buffer that receives the block of step `step`.
    pub fn slot(&self, step: usize) -> KvBlock {
        let base = self.slots[step % 2].ptr;
        KvBlock {
            k: base,
            v: base + self.k_bytes as u64,
        }
    }
    /// The block step `step` holds: the rank's own (`attn`'s K and V) at step 0, then the
    /// receive slots in turn.
    pub fn block(&self, step: usize, attn: &Attention) -> KvBlock {
        if step == 0 {
            KvBlock {
                k: attn.k.ptr() as u64,
                v: attn.v.ptr() as u64,
            }
        } else {
            self.slot(step)
        }
    }
    /// Queues the exchange: `block` to the next rank, the next block from the previous rank
    /// into the slot of step `step + 1`.
    pub fn pass_on(&self, comm: &RingComm, what: &str, block: KvBlock, step: usize) -> Result<()> {
        let into = self.slot(step + 1);
        comm.exchange(
            what,
            &[
                Span {
                    ptr: block.k,
                    bytes: self.k_bytes,
                },
                Span {
                    ptr: block.v,
                    bytes: self.v_bytes,
                },
            ],
            &[
                Span {
                    ptr: into.k,
                    bytes: self.k_bytes,
                },
                Span {
                    ptr: into.v,
                    bytes: self.v_bytes,
                },
            ],
        )
    }
}

/// Attention of this rank's query shard against the whole sequence sharded over the ring:
/// writes `outs.out` (this rank's rows, in its dtype) and `outs.lse` (f32, if given; the ring
/// backward needs it). `attn` holds this rank's shards `[B, H, S_local, D]` on the
/// communicator's GPU (K and V contiguous) and may set `scale`, `causal` (either alignment: the
/// shards of queries and keys have one length, where they coincide) and `deterministic`.
/// `sharding` must be how the shards were cut ([`Sharding::default_for`] is ring.py's choice).
///
/// Work is queued on `stream` (a `CUstream` of the communicator's device; 0 = the legacy default
/// stream) and the call returns once it is queued, after a short host wait in which the ranks
/// agree on the call. Every rank of the communicator must make the same call.
///
/// Before any transfer of the call, the host waits for this rank's earlier transfers and every
/// kernel the call needs is compiled and loaded (see `ring/mod.rs`).
pub fn ring_forward(
    comm: &RingComm,
    attn: &Attention,
    sharding: Sharding,
    mut outs: ForwardOutputs,
    stream: usize,
) -> Result<()> {
    ring_trace!(
        comm,
        "forward: enter ({sharding:?}, compute stream {stream:#x})"
    );
    comm.bind()?;
    let compute = stream as CUstream;
    let checked = check::inputs(comm, attn, sharding).and_then(|shape| {
        check_outputs(comm, attn, &outs, shape.causal)?;
        Ok(shape)
    });
    // Scratch, then every kernel loaded (a dry run of the steps): its failure is this rank's
    // verdict too, so the others learn of it in the agreement.
    let prepared = checked.clone().and_then(|shape| {
        let f = Forward::new(comm, attn, sharding, shape, compute)?;
        comm.wait_transfers("forward")?;
        f.warm_up(&mut outs)?;
        Ok(f)
    });
    let fields = check::fields(
        Pass::Forward,
        comm,
        checked.as_ref().ok(),
        sharding,
        &attn.params,
    );
    agree(
        comm,
        &fields,
        prepared.as_ref().map(|_| ()).map_err(Clone::clone),
    )?;
    let done = prepared?.run(outs);
    ring_trace!(
        comm,
        "forward: return ({})",
        if done.is_ok() { "queued" } else { "error" }
    );
    done
}

/// The outputs on the right device, and the whole step-0 problem through the core's
/// validation (shapes, dtypes, bounds) and the backend's limits.
fn check_outputs(
    comm: &RingComm,
    attn: &Attention,
    outs: &ForwardOutputs,
    causal: bool,
) -> Result<()> {
    let device = Device::Cuda(comm.device());
    let o = &outs.out;
    check::check_tensor("out", o.device(), o.ptr(), o.layout(), device, comm)?;
    if let Some(l) = &outs.lse {
        check::check_tensor("lse", l.device(), l.ptr(), l.layout(), device, comm)?;
    }
    let task = validate::forward(&check::step_attention(attn, causal), outs)?;
    check::backend_support(Some(&task), None, device)
}

/// One forward call on one rank: its sizes and scratch.
struct Forward<'c, 'a> {
    comm: &'c RingComm,
    attn: &'c Attention<'a>,
    sharding: Sharding,
    shape: check::RingShape,
    compute: CUstream,
    acc: DenseBuf,
    acc_lse: DenseBuf,
    part: DenseBuf,
    part_lse: DenseBuf,
    k_shape: Vec<usize>,
    v_shape: Vec<usize>,
    // The scratch behind the views above, freed (in stream order) with the value.
    kv: KvBuffers,
    _scratch: [Scratch; 4],
}

impl<'c, 'a> Forward<'c, 'a> {
    fn new(
        comm: &'c RingComm,
        attn: &'c Attention<'a>,
        sharding: Sharding,
        shape: check::RingShape,
        compute: CUstream,
    ) -> Result<Self> {
        let device = Device::Cuda(comm.device());
        let s = shape;
        let dense = |shape: Vec<usize>, dtype: DType, ptr: u64| DenseBuf {
            ptr,
            shape,
            dtype,
            device,
        };
        let o_shape = vec![s.batch, s.heads_q, s.local, s.head_dim_v];
        let lse_shape = vec![s.batch, s.heads_q, s.local];
        let k_shape = vec![s.batch, s.heads_kv, s.local, s.head_dim];
        let v_shape = vec![s.batch, s.heads_kv, s.local, s.head_dim_v];
        let bytes =
            |shape: &[usize], dtype: DType| shape.iter().product::<usize>() * dtype.size_bytes();

        // Scratch, all stream-ordered on the compute stream: the f32 accumulator (its LSE
        // starts at -inf, so its O is never read before written), one step's (O, LSE), and the
        // receive slots.
        let acc_mem = Scratch::new(bytes(&o_shape, DType::F32), compute)?;
        let acc_lse_mem = Scratch::new(bytes(&lse_shape, DType::F32), compute)?;
        acc_lse_mem.fill_u32(f32::NEG_INFINITY.to_bits(), compute)?;
        let part_mem = Scratch::new(bytes(&o_shape, s.dtype), compute)?;
        let part_lse_mem = Scratch::new(bytes(&lse_shape, DType::F32), compute)?;
        let kv = KvBuffers::new(
            comm.world(),
            bytes(&k_shape, s.dtype),
            bytes(&v_shape, s.dtype),
            compute,
        )?;
        Ok(Forward {
            comm,
            attn,
            sharding,
            shape,
            compute,
            acc: dense(o_shape.clone(), DType::F32, acc_mem.ptr),
            acc_lse: dense(lse_shape.clone(), DType::F32, acc_lse_mem.ptr),
            part: dense(o_shape, s.dtype, part_mem.ptr),
            part_lse: dense(lse_shape, DType::F32, part_lse_mem.ptr),
            k_shape,
            v_shape,
            kv,
            _scratch: [acc_mem, acc_lse_mem, part_mem, part_lse_mem],
        })
    }

    /// The block step `step` attends to.
    fn block(&self, step: usize) -> KvBlock {
        self.kv.block(step, self.attn)
    }

    /// Queues step `step`'s attention on the compute stream and merges it into the
    /// accumulator (nothing where the block is entirely masked).
    fn attend(&self, step: usize, block: KvBlock) -> Result<()> {
        let s = &self.shape;
        let (rank, world) = (self.comm.rank(), self.comm.world());
        let Some(plan) = step_plan(step, rank, world, s.causal, self.sharding, s.local) else {
            return Ok(());
        };
        let device = Device::Cuda(self.comm.device());
        let dense = |shape: Vec<usize>, ptr: u64| DenseBuf {
            ptr,
            shape,
            dtype: s.dtype,
            device,
        };
        let k = dense(self.k_shape.clone(), block.k);
        let v = dense(self.v_shape.clone(), block.v);
        let mut step_attn = check::step_attention(self.attn, plan.causal);
        step_attn.q = rows_ref(&self.attn.q, &plan.q_rows);
        step_attn.k = rows_ref(&k.view(), &plan.kv_rows);
        step_attn.v = rows_ref(&v.view(), &plan.kv_rows);
        let rows = plan.q_rows.len();
        let (o, l) = (self.part.prefix(rows), self.part_lse.prefix(rows));
        forward_on_stream(
            &step_attn,
            ForwardOutputs {
                out: o.view_mut(),
                lse: Some(l.view_mut()),
            },
            self.compute as usize,
        )?;
        let (mut acc_view, mut acc_lse_view) = (self.acc.view_mut(), self.acc_lse.view_mut());
        merge_into_on_stream(
            rows_mut(&mut acc_view, &plan.q_rows),
            rows_mut(&mut acc_lse_view, &plan.q_rows),
            &MergePart {
                out: o.view(),
                lse: l.view(),
            },
            self.compute as usize,
        )
    }

    /// One part merged alone is itself: this rounds the accumulator into the caller's dtype
    /// and writes the LSE through the caller's strides.
    fn finish(&self, outs: ForwardOutputs) -> Result<()> {
        merge_on_stream(
            &[MergePart {
                out: self.acc.view(),
                lse: self.acc_lse.view(),
            }],
            MergeOutputs {
                out: outs.out,
                lse: outs.lse,
            },
            self.compute as usize,
        )
    }

    /// Every step and the final merge with launches left out: each kernel the call needs is
    /// compiled and loaded now, while no transfer of this rank is in flight.
    fn warm_up(&self, outs: &mut ForwardOutputs) -> Result<()> {
        ring_trace!(
            self.comm,
            "forward: loading the kernels of {} steps",
            self.comm.world()
        );
        let _dry = DryLaunches::new();
        for step in 0..self.comm.world() {
            self.attend(step, self.block(step))?;
        }
        self.finish(ForwardOutputs {
            out: outs.out.reborrow(),
            lse: outs.lse.as_mut().map(|l| l.reborrow()),
        })?;
        ring_trace!(self.comm, "forward: kernels loaded");
        Ok(())
    }

    fn run(self, outs: ForwardOutputs) -> Result<()> {
        let comm = self.comm;
        let world = comm.world();
        let (compute, transfer) = (self.compute, comm.comm_stream());
        let (consumed, arrived) = (Event::new()?, Event::new()?);
        // Declared after the scratch (in `self`), so dropped before it: on every path out, the
        // compute stream (where the scratch is freed) waits for the transfers still using it.
        let _join = JoinOnDrop::new(transfer, compute)?;
        // The transfers start after the caller's K/V are written and the slots allocated.
        consumed.order(compute, transfer)?;
        for step in 0..world {
            let more = step + 1 < world;
            let block = self.block(step);
            if more {
                let what = format!("forward step {step}/{world}: K/V exchange");
                self.kv.pass_on(comm, &what, block, step)?;
            }
            ring_trace!(comm, "forward step {step}/{world}: attention (queue)");
            self.attend(step, block)?;
            ring_trace!(comm, "forward step {step}/{world}: attention queued");
            if more {
                // The next exchange overwrites the slot this step read; the next step reads the
                // block this exchange brings.
                consumed.order(compute, transfer)?;
                arrived.order(transfer, compute)?;
            }
        }
        ring_trace!(comm, "forward: final merge (queue)");
        self.finish(outs)
    }
}
