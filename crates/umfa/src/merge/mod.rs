//! Merging partial attention results by their log-sum-exp: the building block of ring
//! attention, split-KV decoding and context parallelism (`docs/merge.md`).
//!
//! Given `N` partial results of the same queries over disjoint key sets — `O_n [B,H,S,Dv]`
//! (f16, bf16 or f32, any strides) and `LSE_n [B,H,S]` (f32, natural log, -inf for a row that
//! saw no key) — the merge is the attention over the union of the keys:
//!
//! ```text
//! LSE = log Σ_n exp(LSE_n)          O = Σ_n exp(LSE_n − LSE) · O_n
//! ```
//!
//! computed in f32 with the maximum subtracted. A row where every part's LSE is -inf gives
//! `O = 0`, `LSE = -inf`, never NaN; a part whose LSE is -inf is not read. The backward gives
//! each part `dO_n = w_n·dO` and `dLSE_n = w_n·(dO·(O_n − O) + dLSE)` with `w_n = exp(LSE_n − LSE)`.
//!
//! ```
//! use umfa::{MergeOutputs, MergePart, TensorMut, TensorRef};
//! // Two halves of the keys saw the same query row: the merge weighs them by exp(LSE).
//! let shape = [1, 1, 1, 2];
//! let (o1, o2) = ([1.0f32, 0.0], [0.0f32, 1.0]);
//! let (l1, l2) = ([0.0f32], [0.0f32]);
//! let parts = [
//!     MergePart { out: TensorRef::new(&o1, &shape)?, lse: TensorRef::new(&l1, &shape[..3])? },
//!     MergePart { out: TensorRef::new(&o2, &shape)?, lse: TensorRef::new(&l2, &shape[..3])? },
//! ];
//! let (mut o, mut lse) = ([0.0f32; 2], [0.0f32]);
//! umfa::merge(
//!     &parts,
//!     MergeOutputs { out: TensorMut::new(&mut o, &shape)?, lse: Some(TensorMut::new(&mut lse, &shape[..3])?) },
//! )?;
//! assert_eq!(o, [0.5, 0.5]);
//! assert!((lse[0] - 2f32.ln()).abs() < 1e-6);
//! # Ok::<(), umfa::Error>(())
//! ```

pub(crate) mod cpu;
pub mod reference;
mod task;
pub mod validate;

pub use task::{MergeBackwardTask, MergeDims, MergeGradView, MergePartView, MergeTask};

use crate::backend::backend_for;
use crate::error::Result;
use crate::tensor::{TensorMut, TensorRef};

/// One partial result: `out` is `O_n [B,H,S,Dv]` (f16, bf16 or f32, any strides), `lse` its
/// `LSE_n [B,H,S]` (f32, natural log; -inf where the part saw no key).
#[derive(Clone, Copy, Debug)]
pub struct MergePart<'a> {
    pub out: TensorRef<'a>,
    pub lse: TensorRef<'a>,
}

/// Where the merge writes: `O [B,H,S,Dv]` (its dtype is the output dtype) and, optionally,
/// `LSE [B,H,S]` f32. Outputs must not alias the parts, each other, or themselves.
#[derive(Debug)]
pub struct MergeOutputs<'a> {
    pub out: TensorMut<'a>,
    pub lse: Option<TensorMut<'a>>,
}

/// What the backward reads besides the parts: the upstream `dO [B,H,S,Dv]` and, if the merged
/// LSE was used downstream, `dLSE [B,H,S]` f32.
#[derive(Clone, Copy, Debug)]
pub struct MergeBackwardInputs<'a> {
    pub d_out: TensorRef<'a>,
    pub d_lse: Option<TensorRef<'a>>,
}

/// Where the backward writes one part's gradients: `dO_n [B,H,S,Dv]` (any float dtype) and
/// `dLSE_n [B,H,S]` f32. Either may be `None` when not wanted.
#[derive(Debug, Default)]
pub struct MergePartGrads<'a> {
    pub d_out: Option<TensorMut<'a>>,
    pub d_lse: Option<TensorMut<'a>>,
}

/// Merges `parts` into `outs` on the backend where the tensors live (host tensors: the CPU).
pub fn merge(parts: &[MergePart], outs: MergeOutputs) -> Result<()> {
    merge_on_stream(parts, outs, 0)
}

/// [`merge`] on `stream` (a `CUstream` for CUDA tensors, 0 = the default stream; ignored
/// elsewhere). On a GPU the call returns once the work is queued.
pub fn merge_on_stream(parts: &[MergePart], outs: MergeOutputs, stream: usize) -> Result<()> {
    // `outs` is taken by value: the caller's exclusive borrows of the outputs last the call.
    let task = validate::merge(parts, &outs)?;
    backend_for(task.device)?.run_merge(&task, stream)
}

/// Accumulates `part` into `(acc_out, acc_lse)` in place: afterwards they hold the merge of
/// what they held and `part`. The step of a ring-attention loop: start with `acc_lse = -inf`
/// (the accumulator's `O` is then not read, so it needs no initialising) and call once per
/// block of keys. An f32 `acc_out` keeps the steps from rounding to 16 bits each time.
pub fn merge_into(acc_out: TensorMut, acc_lse: TensorMut, part: &MergePart) -> Result<()> {
    merge_into_on_stream(acc_out, acc_lse, part, 0)
}

/// [`merge_into`] on `stream` (see [`merge_on_stream`]).
pub fn merge_into_on_stream(
    acc_out: TensorMut,
    acc_lse: TensorMut,
    part: &MergePart,
    stream: usize,
) -> Result<()> {
    let task = validate::merge_into(&acc_out, &acc_lse, part)?;
    backend_for(task.device)?.run_merge(&task, stream)
}

/// The backward of [`merge`]: from the parts, `dO` and optionally `dLSE`, writes each part's
/// `dO_n` and `dLSE_n` (one entry of `grads` per part, in order).
pub fn merge_backward(
    parts: &[MergePart],
    inputs: &MergeBackwardInputs,
    grads: &mut [MergePartGrads],
) -> Result<()> {
    merge_backward_on_stream(parts, inputs, grads, 0)
}

/// [`merge_backward`] on `stream` (see [`merge_on_stream`]).
pub fn merge_backward_on_stream(
    parts: &[MergePart],
    inputs: &MergeBackwardInputs,
    grads: &mut [MergePartGrads],
    stream: usize,
) -> Result<()> {
    let task = validate::merge_backward(parts, inputs, grads)?;
    backend_for(task.device)?.run_merge_backward(&task, stream)
}
