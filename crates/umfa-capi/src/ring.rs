//! Context-parallel (ring) attention through the C ABI (docs/ring.md, "Rust and C"): the caller's
//! NCCL communicator, this rank's shards as `mfa_tensor_t` descriptors of device memory, and the
//! caller's CUDA stream. Rank, world and GPU are read from the communicator.
//!
//! The functions always exist; a library built without the `nccl` feature returns
//! MFA_ERROR_DEVICE_NOT_SUPPORTED from them, saying so.

use crate::descriptor::{mfa_causal_t, mfa_tensor_t, read_tensor, Raw};
use crate::descriptor::{MFA_CAUSAL_BOTTOM_RIGHT, MFA_CAUSAL_NONE, MFA_CAUSAL_TOP_LEFT};
use crate::error::{guard, mfa_error_t, Failure, Outcome};
use std::ffi::c_void;
use umfa_core::CausalAlign;

/// How the sequence is split over the ranks (docs/ring.md).
pub type mfa_ring_sharding_t = i32;
/// Zig-zag for causal attention, contiguous otherwise (what umfa.ring_attention does).
pub const MFA_RING_SHARDING_DEFAULT: mfa_ring_sharding_t = 0;
/// Rank r holds rows [r*L, (r+1)*L) of the world*L rows.
pub const MFA_RING_SHARDING_CONTIGUOUS: mfa_ring_sharding_t = 1;
/// Rank r holds chunks r and 2*world-1-r of 2*world chunks of L/2 rows (balanced causal work).
pub const MFA_RING_SHARDING_ZIGZAG: mfa_ring_sharding_t = 2;

/// The options of a ring call, read from C (unused where the library has no ring).
#[cfg_attr(not(feature = "nccl"), allow(dead_code))]
#[derive(Debug)]
struct Options {
    causal: Option<CausalAlign>,
    scale: Option<f32>,
    sharding: mfa_ring_sharding_t,
}

fn options(causal: mfa_causal_t, scale: f32, sharding: mfa_ring_sharding_t) -> Outcome<Options> {
    let causal = match causal {
        MFA_CAUSAL_NONE => None,
        MFA_CAUSAL_TOP_LEFT => Some(CausalAlign::TopLeft),
        MFA_CAUSAL_BOTTOM_RIGHT => Some(CausalAlign::BottomRight),
        other => {
            return Err(Failure::arg(
                "causal",
                format!(
                    "is {other}; expected MFA_CAUSAL_NONE (0), TOP_LEFT (1) or BOTTOM_RIGHT (2)"
                ),
            ))
        }
    };
    if !(MFA_RING_SHARDING_DEFAULT..=MFA_RING_SHARDING_ZIGZAG).contains(&sharding) {
        return Err(Failure::arg(
            "sharding",
            format!("is {sharding}; expected MFA_RING_SHARDING_DEFAULT (0), CONTIGUOUS (1) or ZIGZAG (2)"),
        ));
    }
    if !scale.is_finite() || scale < 0.0 {
        return Err(Failure::arg(
            "scale",
            format!("is {scale}; pass 0 for 1/sqrt(head_dim) or a positive value"),
        ));
    }
    Ok(Options {
        causal,
        scale: (scale != 0.0).then_some(scale),
        sharding,
    })
}

/// Reads the descriptors of `names`, in order, all required.
unsafe fn tensors<const N: usize>(ts: [(*const mfa_tensor_t, &str); N]) -> Outcome<Vec<Raw>> {
    ts.iter().map(|&(t, name)| read_tensor(t, name)).collect()
}

/// Ring attention forward for this rank of `nccl_comm` (an `ncclComm_t`, owned by the caller):
/// q [B,Hq,L,D], k [B,Hkv,L,D], v [B,Hkv,L,Dv] are this rank's shards of the sequence in CUDA
/// memory of the communicator's GPU (k and v contiguous), cut as `sharding` says. Writes `out`
/// [B,Hq,L,Dv] (its dtype is the output dtype) and `lse` [B,Hq,L] f32 (may be NULL; the
/// backward needs it). `causal`: MFA_CAUSAL_*, both alignments mean the same here (query and key
/// shards have one length). `scale`: 0 selects 1/sqrt(D).
///
/// Every rank of the communicator must make the same call. The work is queued on `stream` (a
/// cudaStream_t of that GPU; NULL: the legacy default stream) and K/V transfers run on a stream
/// of the library's; the call returns once everything is queued, after the ranks have agreed on
/// the call (a short host wait). A rank whose arguments are invalid makes every rank fail,
/// rather than leaving the others waiting. The device's primary context is made current on the
/// calling thread.
#[no_mangle]
pub unsafe extern "C" fn mfa_ring_attention_forward(
    nccl_comm: *mut c_void,
    q: *const mfa_tensor_t,
    k: *const mfa_tensor_t,
    v: *const mfa_tensor_t,
    causal: mfa_causal_t,
    scale: f32,
    sharding: mfa_ring_sharding_t,
    out: *const mfa_tensor_t,
    lse: *const mfa_tensor_t,
    stream: *mut c_void,
) -> mfa_error_t {
    guard("mfa_ring_attention_forward", || {
        let opts = options(causal, scale, sharding)?;
        let t = tensors([(q, "q"), (k, "k"), (v, "v"), (out, "out")])?;
        let lse = if lse.is_null() {
            None
        } else {
            Some(read_tensor(lse, "lse")?)
        };
        imp::forward(nccl_comm, &opts, &t, lse.as_ref(), stream)
    })
}

/// Ring attention backward for this rank: from the same q, k, v, options and sharding as the
/// forward, the forward's `out` and `lse`, and the upstream `d_out` [B,Hq,L,Dv], writes this
/// rank's `dq`, `dk`, `dv` (any float dtype; partial sums are f32). Same rules as
/// mfa_ring_attention_forward.
#[no_mangle]
pub unsafe extern "C" fn mfa_ring_attention_backward(
    nccl_comm: *mut c_void,
    q: *const mfa_tensor_t,
    k: *const mfa_tensor_t,
    v: *const mfa_tensor_t,
    causal: mfa_causal_t,
    scale: f32,
    sharding: mfa_ring_sharding_t,
    out: *const mfa_tensor_t,
    d_out: *const mfa_tensor_t,
    lse: *const mfa_tensor_t,
    dq: *const mfa_tensor_t,
    dk: *const mfa_tensor_t,
    dv: *const mfa_tensor_t,
    stream: *mut c_void,
) -> mfa_error_t {
    guard("mfa_ring_attention_backward", || {
        let opts = options(causal, scale, sharding)?;
        let t = tensors([
            (q, "q"),
            (k, "k"),
            (v, "v"),
            (out, "out"),
            (d_out, "d_out"),
            (lse, "lse"),
            (dq, "dq"),
            (dk, "dk"),
            (dv, "dv"),
        ])?;
        imp::backward(nccl_comm, &opts, &t, stream)
    })
}

#[cfg(feature = "nccl")]
mod imp {
    use super::{Options, Raw, MFA_RING_SHARDING_CONTIGUOUS, MFA_RING_SHARDING_ZIGZAG};
    use crate::error::Outcome;
    use std::ffi::c_void;
    use umfa_core::ring::{ring_backward, ring_forward, RawNcclComm, RingComm, Sharding};
    use umfa_core::{Attention, BackwardInputs, ForwardOutputs, Gradients};

    unsafe fn attention<'a>(opts: &Options, t: &[Raw]) -> Attention<'a> {
        let mut attn = Attention::new(t[0].view(), t[1].view(), t[2].view());
        attn.params.causal = opts.causal;
        attn.params.scale = opts.scale;
        attn
    }

    fn sharding(opts: &Options) -> Sharding {
        match opts.sharding {
            MFA_RING_SHARDING_CONTIGUOUS => Sharding::Contiguous,
            MFA_RING_SHARDING_ZIGZAG => Sharding::ZigZag,
            _ => Sharding::default_for(opts.causal.is_some()),
        }
    }

    pub(super) unsafe fn forward(
        comm: *mut c_void,
        opts: &Options,
        t: &[Raw],
        lse: Option<&Raw>,
        stream: *mut c_void,
    ) -> Outcome {
        let ring = RingComm::from_raw(comm as RawNcclComm)?;
        let outs = ForwardOutputs {
            out: t[3].view_mut(),
            lse: lse.map(|l| l.view_mut()),
        };
        ring_forward(
            &ring,
            &attention(opts, t),
            sharding(opts),
            outs,
            stream as usize,
        )?;
        Ok(())
    }

    pub(super) unsafe fn backward(
        comm: *mut c_void,
        opts: &Options,
        t: &[Raw],
        stream: *mut c_void,
    ) -> Outcome {
        let ring = RingComm::from_raw(comm as RawNcclComm)?;
        let inputs = BackwardInputs {
            out: t[3].view(),
            d_out: t[4].view(),
            lse: t[5].view(),
            d_lse: None,
        };
        let grads = Gradients {
            dq: t[6].view_mut(),
            dk: t[7].view_mut(),
            dv: t[8].view_mut(),
            d_sinks: None,
            d_bias: None,
        };
        let attn = attention(opts, t);
        ring_backward(
            &ring,
            &attn,
            sharding(opts),
            &inputs,
            grads,
            stream as usize,
        )?;
        Ok(())
    }
}

#[cfg(not(feature = "nccl"))]
mod imp {
    use super::{Options, Raw};
    use crate::error::{Failure, Outcome};
    use std::ffi::c_void;

    fn not_built() -> Failure {
        Failure::unsupported(
            "this libumfa was built without ring attention: rebuild umfa-capi with \
             `--features nccl` (NCCL itself is loaded at run time)",
        )
    }

    pub(super) unsafe fn forward(
        _: *mut c_void,
        _: &Options,
        _: &[Raw],
        _: Option<&Raw>,
        _: *mut c_void,
    ) -> Outcome {
        Err(not_built())
    }

    pub(super) unsafe fn backward(
        _: *mut c_void,
        _: &Options,
        _: &[Raw],
        _: *mut c_void,
    ) -> Outcome {
        Err(not_built())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_options_are_refused_with_the_reason() {
        assert!(options(7, 0.0, 0).unwrap_err().message.contains("causal"));
        assert!(options(0, 0.0, 9).unwrap_err().message.contains("sharding"));
        assert!(options(0, -1.0, 0).unwrap_err().message.contains("scale"));
        let o = options(MFA_CAUSAL_TOP_LEFT, 0.0, MFA_RING_SHARDING_DEFAULT).unwrap();
        assert_eq!((o.causal, o.scale), (Some(CausalAlign::TopLeft), None));
    }

    #[test]
    fn null_descriptors_are_refused() {
        // SAFETY: NULL descriptors are checked before anything is read.
        let rc = unsafe {
            mfa_ring_attention_forward(
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
                std::ptr::null(),
                MFA_CAUSAL_NONE,
                0.0,
                MFA_RING_SHARDING_DEFAULT,
                std::ptr::null(),
                std::ptr::null(),
                std::ptr::null_mut(),
            )
        };
        assert_eq!(rc, crate::error::MFA_ERROR_INVALID_ARGS);
    }
}
