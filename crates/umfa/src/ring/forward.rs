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
use super::views::{rows_mut, rows_ref, DenseBuf};
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
    /// Queues the exchange: `block` to the next rank, the next block from the previous rank
    /// into the slot of step `step + 1`.
    pub fn pass_on(&self, comm: &RingComm, block: KvBlock, step: usize) -> Result<()> {
        let into = self.slot(step + 1);
        comm.exchange(
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
pub fn ring_forward(
    comm: &RingComm,
    attn: &Attention,
    sharding: Sharding,
    outs: ForwardOutputs,
    stream: usize,
) -> Result<()> {
    comm.bind()?;
    let checked = check::inputs(comm, attn, sharding).and_then(|shape| {
        check_outputs(comm, attn, &outs, shape.causal)?;
        Ok(shape)
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
        checked.as_ref().map(|_| ()).map_err(Clone::clone),
    )?;
    let shape = checked?;
    run(comm, attn, sharding, &shape, outs, stream as CUstream)
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

fn run(
    comm: &RingComm,
    attn: &Attention,
    sharding: Sharding,
    shape: &check::RingShape,
    outs: ForwardOutputs,
    compute: CUstream,
) -> Result<()> {
    let device = Device::Cuda(comm.device());
    let (world, rank) = (comm.world(), comm.rank());
    let transfer = comm.comm_stream();
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

    // Scratch, all stream-ordered on the compute stream: the f32 accumulator (its LSE starts at
    // -inf, so its O is never read before written), one step's (O, LSE), and the receive slots.
    let acc_mem = Scratch::new(bytes(&o_shape, DType::F32), compute)?;
    let acc_lse_mem = Scratch::new(bytes(&lse_shape, DType::F32), compute)?;
    acc_lse_mem.fill_u32(f32::NEG_INFINITY.to_bits(), compute)?;
    let part_mem = Scratch::new(bytes(&o_shape, s.dtype), compute)?;
    let part_lse_mem = Scratch::new(bytes(&lse_shape, DType::F32), compute)?;
    let kv = KvBuffers::new(
        world,
        bytes(&k_shape, s.dtype),
        bytes(&v_shape, s.dtype),
        compute,
    )?;
    let acc = dense(o_shape.clone(), DType::F32, acc_mem.ptr);
    let acc_lse = dense(lse_shape.clone(), DType::F32, acc_lse_mem.ptr);
    let part = dense(o_shape, s.dtype, part_mem.ptr);
    let part_lse = dense(lse_shape, DType::F32, part_lse_mem.ptr);

    let (consumed, arrived) = (Event::new()?, Event::new()?);
    // Declared after the scratch, so dropped before it: on every path out, the compute stream
    // (where the scratch is freed) waits for the transfers still using it.
    let _join = JoinOnDrop::new(transfer, compute)?;
    // The transfers start after the caller's K/V are written and the slots allocated.
    consumed.order(compute, transfer)?;
    let mut block = KvBlock {
        k: attn.k.ptr() as u64,
        v: attn.v.ptr() as u64,
    };
    for step in 0..world {
        let more = step + 1 < world;
        if more {
            kv.pass_on(comm, block, step)?;
        }
        if let Some(plan) = step_plan(step, rank, world, s.causal, sharding, s.local) {
            let k = dense(k_shape.clone(), s.dtype, block.k);
            let v = dense(v_shape.clone(), s.dtype, block.v);
            let mut step_attn = check::step_attention(attn, plan.causal);
            step_attn.q = rows_ref(&attn.q, &plan.q_rows);
            step_attn.k = rows_ref(&k.view(), &plan.kv_rows);
            step_attn.v = rows_ref(&v.view(), &plan.kv_rows);
            let rows = plan.q_rows.len();
            let (o, l) = (part.prefix(rows), part_lse.prefix(rows));
            forward_on_stream(
                &step_attn,
                ForwardOutputs {
                    out: o.view_mut(),
                    lse: Some(l.view_mut()),
                },
                compute as usize,
            )?;
            let (mut acc_view, mut acc_lse_view) = (acc.view_mut(), acc_lse.view_mut());
            merge_into_on_stream(
                rows_mut(&mut acc_view, &plan.q_rows),
                rows_mut(&mut acc_lse_view, &plan.q_rows),
                &MergePart {
                    out: o.view(),
                    lse: l.view(),
                },
                compute as usize,
            )?;
        }
        if more {
            // The next exchange overwrites the slot this step read; the next step reads the
            // block this exchange brings.
            consumed.order(compute, transfer)?;
            arrived.order(transfer, compute)?;
            block = kv.slot(step + 1);
        }
    }
    // One part merged alone is itself: this rounds the accumulator into the caller's dtype and
    // writes the LSE through the caller's strides.
    merge_on_stream(
        &[MergePart {
            out: acc.view(),
            lse: acc_lse.view(),
        }],
        MergeOutputs {
            out: outs.out,
            lse: outs.lse,
        },
        compute as usize,
    )
}
