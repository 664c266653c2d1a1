//! A ring call's own checks, before any rank moves data: what ring attention supports, where
//! the tensors live, their shapes, and the core's validation of the step-0 problem (the largest
//! one a step computes). The result's fields are what the ranks then agree on (`agree.rs`).

use super::agree::Field;
use super::comm::RingComm;
use super::device::check_device_pointer;
use super::sharding::Sharding;
use super::views::{check_strides, is_dense};
use crate::backend::backend_for;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::params::{Attention, AttentionParams, CausalAlign};
use crate::tensor::Device;

/// The sizes of a ring call on one rank: `local` rows of queries and keys per shard.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RingShape {
    pub batch: usize,
    pub heads_q: usize,
    pub heads_kv: usize,
    pub local: usize,
    pub head_dim: usize,
    pub head_dim_v: usize,
    pub dtype: DType,
    pub causal: bool,
}

/// Which entry point a rank is in: ranks in different ones must not pair up.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Pass {
    Forward = 1,
    Backward = 2,
}

/// What every rank must have in common for the ring to pair up and the result to be one
/// attention: everything but the rank and the pointers.
pub(crate) fn fields(
    pass: Pass,
    comm: &RingComm,
    shape: Option<&RingShape>,
    sharding: Sharding,
    params: &AttentionParams,
) -> Vec<Field> {
    let s = shape.copied().unwrap_or(RingShape {
        batch: 0,
        heads_q: 0,
        heads_kv: 0,
        local: 0,
        head_dim: 0,
        head_dim_v: 0,
        dtype: DType::F32,
        causal: false,
    });
    vec![
        ("the entry point (1 forward, 2 backward)", pass as i64),
        ("the world size", comm.world() as i64),
        ("the batch size", s.batch as i64),
        ("the number of query heads", s.heads_q as i64),
        ("the number of K/V heads", s.heads_kv as i64),
        ("the rows per shard", s.local as i64),
        ("head_dim", s.head_dim as i64),
        ("head_dim of V", s.head_dim_v as i64),
        (
            "the input dtype (0 f16, 1 bf16, 2 f32)",
            dtype_code(s.dtype),
        ),
        ("causal (0 or 1)", i64::from(s.causal)),
        ("the sharding (0 contiguous, 1 zig-zag)", sharding.code()),
        (
            "the scale (f32 bits, -1 default)",
            params.scale.map_or(-1, |x| x.to_bits() as i64),
        ),
        ("deterministic (0 or 1)", i64::from(params.deterministic)),
    ]
}

fn dtype_code(d: DType) -> i64 {
    match d {
        DType::F16 => 0,
        DType::BF16 => 1,
        DType::F32 => 2,
        DType::U8 => 3,
    }
}

/// Refuses the options ring attention does not have: each would need its own handling across
/// blocks (a mask sharded like the sequence, a window crossing shards, sinks counted once).
fn check_params(p: &AttentionParams) -> Result<()> {
    let refused = [
        (p.window.is_some(), "a sliding window"),
        (p.softcap.is_some(), "softcap"),
        (p.alibi_slopes.is_some(), "ALiBi"),
        (p.sinks.is_some(), "sinks"),
        (p.mask.is_some(), "an element mask"),
        (p.block_mask.is_some(), "a block mask"),
        (p.dropout_p != 0.0, "dropout"),
    ];
    if let Some((_, what)) = refused.iter().find(|(on, _)| *on) {
        return Err(Error::Unsupported {
            backend: "ring",
            reason: format!(
                "ring attention takes scale, causal and deterministic only; {what} is not supported"
            ),
        });
    }
    Ok(())
}

/// Checks q, k, v: on the communicator's GPU, 4-D, shards of one length, K/V dense (NCCL sends
/// them as they are), and the sharding's length rule.
pub(crate) fn inputs(comm: &RingComm, attn: &Attention, sharding: Sharding) -> Result<RingShape> {
    check_params(&attn.params)?;
    let device = Device::Cuda(comm.device());
    for (arg, t) in [("q", &attn.q), ("k", &attn.k), ("v", &attn.v)] {
        if t.layout().ndim() != 4 {
            return Err(Error::arg(
                arg,
                format!(
                    "has shape {:?}; ring attention takes [B, H, S_local, D]",
                    t.shape()
                ),
            ));
        }
        check_tensor(arg, t.device(), t.ptr(), t.layout(), device, comm)?;
    }
    for (arg, t) in [("k", &attn.k), ("v", &attn.v)] {
        if !is_dense(t.layout()) {
            return Err(Error::arg(
                arg,
                format!(
                    "has strides {:?} for shape {:?}; ring attention sends K and V as they are, \
                     so they must be contiguous (row-major)",
                    t.strides(),
                    t.shape()
                ),
            ));
        }
    }
    let (q, k, v) = (attn.q.shape(), attn.k.shape(), attn.v.shape());
    if k[2] != v[2] || q[2] != k[2] {
        return Err(Error::arg(
            "k",
            format!(
                "q, k and v shards must hold the same number of positions, got {}, {} and {}",
                q[2], k[2], v[2]
            ),
        ));
    }
    let causal = attn.params.causal.is_some();
    if causal && sharding == Sharding::ZigZag && q[2] % 2 != 0 {
        return Err(Error::arg(
            "q",
            format!(
                "causal ring attention on zig-zag shards takes an even shard length, got {}",
                q[2]
            ),
        ));
    }
    Ok(RingShape {
        batch: q[0],
        heads_q: q[1],
        heads_kv: k[1],
        local: q[2],
        head_dim: q[3],
        head_dim_v: v[3],
        dtype: attn.q.dtype(),
        causal,
    })
}

/// One tensor: on the communicator's device by its descriptor *and* by the driver's account of
/// its pointer, with non-negative strides.
pub(crate) fn check_tensor(
    arg: &'static str,
    device: Device,
    ptr: *const u8,
    layout: &crate::tensor::Layout,
    expected: Device,
    comm: &RingComm,
) -> Result<()> {
    if device != expected {
        return Err(Error::arg(
            arg,
            format!(
                "is on {device:?}, but rank {} of the ring computes on {expected:?}",
                comm.rank()
            ),
        ));
    }
    check_strides(arg, layout)?;
    check_device_pointer(ptr, comm.device(), arg)
}

/// The step-0 attention: all local rows, top-left causal where the call is causal (the two
/// alignments coincide: query and key shards have the same length).
pub(crate) fn step_attention<'a>(attn: &Attention<'a>, causal: bool) -> Attention<'a> {
    let mut a = *attn;
    a.params.causal = causal.then_some(CausalAlign::TopLeft);
    a
}

/// The backend's own refusal of a problem (sizes beyond its kernels), as an error.
pub(crate) fn backend_support(
    forward: Option<&crate::problem::ForwardTask>,
    backward: Option<&crate::problem::BackwardTask>,
    device: Device,
) -> Result<()> {
    let be = backend_for(device)?;
    let reason = forward
        .and_then(|t| be.unsupported_forward(t))
        .or_else(|| backward.and_then(|t| be.unsupported_backward(t)));
    match reason {
        Some(reason) => Err(Error::Unsupported {
            backend: "cuda",
            reason,
        }),
        None => Ok(()),
    }
}
