//! The ring backward: `ring_backward` of `python/src/umfa/ring.py`, on NCCL.
//!
//! The ring runs again with the final `O` and `LSE`, so each step's `P = exp(S − LSE)` is the
//! global softmax and the steps' partial gradients simply add. dQ stays home in f32. The dK/dV
//! sums of each block travel one hop behind it: the sums of the block a step holds arrive from
//! the previous rank while the step computes, the step's partials are added to them, and they
//! are sent on at once; after the last step every block's sums are back with its owner. Both
//! exchanges overlap the next step's compute.

use super::accumulate::{add, store};
use super::agree::agree;
use super::check::{self, Pass};
use super::comm::{RingComm, Span};
use super::device::{Event, JoinOnDrop, Scratch};
use super::forward::{KvBlock, KvBuffers};
use super::schedule::step_plan;
use super::sharding::Sharding;
use super::trace::ring_trace;
use super::views::{rows_mut, rows_ref, DenseBuf};
use crate::cuda::driver::DryLaunches;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::params::{Attention, BackwardInputs, Gradients};
use crate::tensor::Device;
use crate::{backward_on_stream, validate};
use cudarc::driver::sys::CUstream;

/// Gradients of this rank's shards `dq`, `dk`, `dv` (any float dtype; partial sums are f32
/// throughout) from `inputs`: the upstream `d_out`, and the `out` and `lse` that
/// [`ring_forward`](super::ring_forward) wrote for the same call. `attn` and `sharding` must be
/// those of the forward. `d_sinks` and `d_bias` must be `None`. Queued on `stream` as the
/// forward is; every rank must make the same call.
pub fn ring_backward(
    comm: &RingComm,
    attn: &Attention,
    sharding: Sharding,
    inputs: &BackwardInputs,
    grads: Gradients,
    stream: usize,
) -> Result<()> {
    ring_trace!(
        comm,
        "backward: enter ({sharding:?}, compute stream {stream:#x})"
    );
    comm.bind()?;
    let compute = stream as CUstream;
    let checked = check::inputs(comm, attn, sharding).and_then(|shape| {
        check_rest(comm, attn, inputs, &grads, shape.causal)?;
        Ok(shape)
    });
    // Scratch, then every kernel loaded (a dry run of the steps), as in the forward.
    let prepared = checked.clone().and_then(|shape| {
        let b = Backward::new(comm, attn, sharding, shape, inputs, compute)?;
        comm.wait_transfers("backward")?;
        b.warm_up(&grads)?;
        Ok(b)
    });
    let fields = check::fields(
        Pass::Backward,
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
    let done = prepared?.run(grads);
    ring_trace!(
        comm,
        "backward: return ({})",
        if done.is_ok() { "queued" } else { "error" }
    );
    done
}

fn check_rest(
    comm: &RingComm,
    attn: &Attention,
    inputs: &BackwardInputs,
    grads: &Gradients,
    causal: bool,
) -> Result<()> {
    if grads.d_sinks.is_some() || grads.d_bias.is_some() {
        return Err(Error::arg(
            "grads",
            "ring attention has no sinks or additive mask, so d_sinks and d_bias must be None",
        ));
    }
    let device = Device::Cuda(comm.device());
    for (arg, t) in [
        ("out", &inputs.out),
        ("d_out", &inputs.d_out),
        ("lse", &inputs.lse),
    ] {
        check::check_tensor(arg, t.device(), t.ptr(), t.layout(), device, comm)?;
    }
    for (arg, t) in [("dq", &grads.dq), ("dk", &grads.dk), ("dv", &grads.dv)] {
        check::check_tensor(arg, t.device(), t.ptr(), t.layout(), device, comm)?;
    }
    let task = validate::backward(&check::step_attention(attn, causal), inputs, grads)?;
    check::backend_support(None, Some(&task), device)
}

/// Two buffers that take turns holding the dK/dV sums of the visiting block: dK then dV, f32.
struct SumBuffers {
    slots: Vec<Scratch>,
    dk_shape: Vec<usize>,
    dv_shape: Vec<usize>,
    device: Device,
}

impl SumBuffers {
    fn dk_bytes(&self) -> usize {
        4 * self.dk_shape.iter().product::<usize>()
    }
    fn dv_bytes(&self) -> usize {
        4 * self.dv_shape.iter().product::<usize>()
    }
    /// (dK, dV) of the sums of step `step`'s block.
    fn slot(&self, step: usize) -> (DenseBuf, DenseBuf) {
        let base = self.slots[step % self.slots.len()].ptr;
        let f32_buf = |ptr, shape: &Vec<usize>| DenseBuf {
            ptr,
            shape: shape.clone(),
            dtype: DType::F32,
            device: self.device,
        };
        (
            f32_buf(base, &self.dk_shape),
            f32_buf(base + self.dk_bytes() as u64, &self.dv_shape),
        )
    }
    /// Queues: the sums of step `step`'s block to the next rank; the sums of the next step's
    /// block (or, after the last step, of this rank's own) from the previous one.
    fn pass_on(&self, comm: &RingComm, what: &str, step: usize) -> Result<()> {
        let bytes = self.dk_bytes() + self.dv_bytes();
        comm.exchange(
            what,
            &[Span {
                ptr: self.slot(step).0.ptr,
                bytes,
            }],
            &[Span {
                ptr: self.slot(step + 1).0.ptr,
                bytes,
            }],
        )
    }
}

/// One backward call on one rank: its sizes and scratch.
struct Backward<'c, 'a> {
    comm: &'c RingComm,
    attn: &'c Attention<'a>,
    inputs: &'c BackwardInputs<'a>,
    sharding: Sharding,
    shape: check::RingShape,
    compute: CUstream,
    dq_sum: DenseBuf,
    part_dq: DenseBuf,
    part_dk: DenseBuf,
    part_dv: DenseBuf,
    k_shape: Vec<usize>,
    v_shape: Vec<usize>,
    // The scratch behind the views above, freed (in stream order) with the value.
    kv: KvBuffers,
    sums: SumBuffers,
    _scratch: [Scratch; 4],
}

impl<'c, 'a> Backward<'c, 'a> {
    fn new(
        comm: &'c RingComm,
        attn: &'c Attention<'a>,
        sharding: Sharding,
        shape: check::RingShape,
        inputs: &'c BackwardInputs<'a>,
        compute: CUstream,
    ) -> Result<Self> {
        let device = Device::Cuda(comm.device());
        let world = comm.world();
        let s = shape;
        let dense = |shape: Vec<usize>, ptr: u64| DenseBuf {
            ptr,
            shape,
            dtype: DType::F32,
            device,
        };
        let q_shape = vec![s.batch, s.heads_q, s.local, s.head_dim];
        let k_shape = vec![s.batch, s.heads_kv, s.local, s.head_dim];
        let v_shape = vec![s.batch, s.heads_kv, s.local, s.head_dim_v];
        let bytes =
            |shape: &[usize], dtype: DType| shape.iter().product::<usize>() * dtype.size_bytes();

        // Scratch on the compute stream: dQ's f32 sum, one step's partial gradients, the
        // receive slots of K/V, and the two slots of dK/dV sums (the first starts at zero: step
        // 0 holds the rank's own block, which no rank has touched yet).
        let dq_sum_mem = Scratch::new(bytes(&q_shape, DType::F32), compute)?;
        dq_sum_mem.fill_u32(0, compute)?;
        let part_dq_mem = Scratch::new(bytes(&q_shape, DType::F32), compute)?;
        let part_dk_mem = Scratch::new(bytes(&k_shape, DType::F32), compute)?;
        let part_dv_mem = Scratch::new(bytes(&v_shape, DType::F32), compute)?;
        let kv = KvBuffers::new(
            world,
            bytes(&k_shape, s.dtype),
            bytes(&v_shape, s.dtype),
            compute,
        )?;
        let sum_bytes = bytes(&k_shape, DType::F32) + bytes(&v_shape, DType::F32);
        let sums = SumBuffers {
            slots: (0..world.min(2))
                .map(|_| Scratch::new(sum_bytes, compute))
                .collect::<Result<Vec<_>>>()?,
            dk_shape: k_shape.clone(),
            dv_shape: v_shape.clone(),
            device,
        };
        sums.slots[0].fill_u32(0, compute)?;
        Ok(Backward {
            comm,
            attn,
            inputs,
            sharding,
            shape,
            compute,
            dq_sum: dense(q_shape.clone(), dq_sum_mem.ptr),
            part_dq: dense(q_shape, part_dq_mem.ptr),
            part_dk: dense(k_shape.clone(), part_dk_mem.ptr),
            part_dv: dense(v_shape.clone(), part_dv_mem.ptr),
            k_shape,
            v_shape,
            kv,
            sums,
            _scratch: [dq_sum_mem, part_dq_mem, part_dk_mem, part_dv_mem],
        })
    }

    /// The K/V block step `step` holds.
    fn block(&self, step: usize) -> KvBlock {
        self.kv.block(step, self.attn)
    }

    /// Queues step `step`'s gradients on the compute stream and adds them into dQ's sum and
    /// the visiting block's dK/dV sums (nothing where the block is entirely masked).
    fn step(&self, step: usize, block: KvBlock) -> Result<()> {
        let s = &self.shape;
        let (rank, world) = (self.comm.rank(), self.comm.world());
        let ordinal = self.comm.device();
        let Some(plan) = step_plan(step, rank, world, s.causal, self.sharding, s.local) else {
            return Ok(());
        };
        let device = Device::Cuda(ordinal);
        let dense = |shape: Vec<usize>, ptr: u64| DenseBuf {
            ptr,
            shape,
            dtype: s.dtype,
            device,
        };
        let (sum_dk, sum_dv) = self.sums.slot(step);
        let k = dense(self.k_shape.clone(), block.k);
        let v = dense(self.v_shape.clone(), block.v);
        let mut step_attn = check::step_attention(self.attn, plan.causal);
        step_attn.q = rows_ref(&self.attn.q, &plan.q_rows);
        step_attn.k = rows_ref(&k.view(), &plan.kv_rows);
        step_attn.v = rows_ref(&v.view(), &plan.kv_rows);
        let step_inputs = BackwardInputs {
            out: rows_ref(&self.inputs.out, &plan.q_rows),
            d_out: rows_ref(&self.inputs.d_out, &plan.q_rows),
            lse: rows_ref(&self.inputs.lse, &plan.q_rows),
            d_lse: None,
        };
        let (dq, dk, dv) = (
            self.part_dq.prefix(plan.q_rows.len()),
            self.part_dk.prefix(plan.kv_rows.len()),
            self.part_dv.prefix(plan.kv_rows.len()),
        );
        backward_on_stream(
            &step_attn,
            &step_inputs,
            Gradients {
                dq: dq.view_mut(),
                dk: dk.view_mut(),
                dv: dv.view_mut(),
                d_sinks: None,
                d_bias: None,
            },
            self.compute as usize,
        )?;
        let mut sum = self.dq_sum.view_mut();
        add(
            ordinal,
            &rows_mut(&mut sum, &plan.q_rows),
            &dq.view(),
            self.compute,
        )?;
        let mut sum = sum_dk.view_mut();
        add(
            ordinal,
            &rows_mut(&mut sum, &plan.kv_rows),
            &dk.view(),
            self.compute,
        )?;
        let mut sum = sum_dv.view_mut();
        add(
            ordinal,
            &rows_mut(&mut sum, &plan.kv_rows),
            &dv.view(),
            self.compute,
        )
    }

    /// Home: dQ's sum and this rank's own block's dK/dV sums (with one rank, they never left)
    /// into the caller's gradients.
    fn finish(&self, grads: &Gradients) -> Result<()> {
        let world = self.comm.world();
        let ordinal = self.comm.device();
        let (home_dk, home_dv) = self.sums.slot(if world > 1 { world } else { 0 });
        store(ordinal, &grads.dq, &self.dq_sum.view(), self.compute)?;
        store(ordinal, &grads.dk, &home_dk.view(), self.compute)?;
        store(ordinal, &grads.dv, &home_dv.view(), self.compute)
    }

    /// Every step and the final stores with launches left out: each kernel the call needs is
    /// compiled and loaded now, while no transfer of this rank is in flight.
    fn warm_up(&self, grads: &Gradients) -> Result<()> {
        ring_trace!(
            self.comm,
            "backward: loading the kernels of {} steps",
            self.comm.world()
        );
        let _dry = DryLaunches::new();
        for step in 0..self.comm.world() {
            self.step(step, self.block(step))?;
        }
        self.finish(grads)?;
        ring_trace!(self.comm, "backward: kernels loaded");
        Ok(())
    }

    fn run(self, grads: Gradients) -> Result<()> {
        let comm = self.comm;
        let world = comm.world();
        let (compute, transfer) = (self.compute, comm.comm_stream());
        let fence = Event::new()?;
        // Dropped before the scratch (in `self`): the compute stream, where it is freed, waits
        // for the transfers.
        let _join = JoinOnDrop::new(transfer, compute)?;
        // The transfers start after the caller's K/V are written and the slots allocated.
        fence.order(compute, transfer)?;
        for step in 0..world {
            let more = step + 1 < world;
            let block = self.block(step);
            if more {
                let what = format!("backward step {step}/{world}: K/V exchange");
                self.kv.pass_on(comm, &what, block, step)?;
            }
            ring_trace!(comm, "backward step {step}/{world}: gradients (queue)");
            self.step(step, block)?;
            ring_trace!(comm, "backward step {step}/{world}: gradients queued");
            if world > 1 {
                // The sums leave once this step's partials are in them; the same fence keeps
                // the next K/V exchange off the slot this step read.
                fence.order(compute, transfer)?;
                let what = format!("backward step {step}/{world}: dK/dV sums exchange");
                self.sums.pass_on(comm, &what, step)?;
                // The next step (or the final store) reads what these exchanges bring.
                fence.order(transfer, compute)?;
            }
        }
        ring_trace!(comm, "backward: final stores (queue)");
        self.finish(&grads)
    }
}
