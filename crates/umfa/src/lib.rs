//! # umfa — flash attention on CPU, CUDA and wgpu with one set of semantics
//!
//! Describe the inputs with [`TensorRef`]s, the options with [`AttentionParams`] (or the builder
//! methods of [`Attention`]), the outputs with [`TensorMut`]s, and call [`forward`] or
//! [`backward`]. Everything is validated in one place ([`validate`](mod@validate)); the f64 [`reference`](mod@reference) is
//! the ground truth every backend is tested against.
//!
//! Partial results over disjoint blocks of keys (ring attention, split-KV decoding) combine
//! exactly by their log-sum-exps with [`merge()`], [`merge_into`] and [`merge_backward`]
//! (`docs/merge.md`).
//!
//! ```
//! use umfa::{Attention, CausalAlign, ForwardOutputs, TensorMut, TensorRef};
//! let (b, h, s, d) = (1, 2, 16, 8);
//! let q = vec![0.1f32; b * h * s * d];
//! let mut out = vec![0.0f32; b * h * s * d];
//! let shape = [b, h, s, d];
//! let attn = Attention::new(
//!     TensorRef::new(&q, &shape)?,
//!     TensorRef::new(&q, &shape)?,
//!     TensorRef::new(&q, &shape)?,
//! )
//! .causal(CausalAlign::TopLeft);
//! umfa::forward(&attn, ForwardOutputs { out: TensorMut::new(&mut out, &shape)?, lse: None })?;
//! assert!((out[0] - 0.1).abs() < 1e-6);
//! # Ok::<(), umfa::Error>(())
//! ```

pub mod backend;
pub mod check;
pub mod cpu;
#[cfg(feature = "cuda")]
pub mod cuda;
mod dtype;
mod error;
pub mod merge;
mod params;
pub mod problem;
pub mod quant;
pub mod reference;
#[cfg(feature = "nccl")]
pub mod ring;
mod tensor;
pub mod validate;
#[cfg(feature = "wgpu")]
#[path = "wgpu/mod.rs"]
pub mod wgpu_backend;

pub use backend::{backend, backend_for, default_backend, Backend, BackendKind};
pub use dtype::{DType, Element};
pub use error::{Error, Result};
pub use half::{bf16, f16};
pub use merge::{
    merge, merge_backward, merge_backward_on_stream, merge_into, merge_into_on_stream,
    merge_on_stream, MergeBackwardInputs, MergeOutputs, MergePart, MergePartGrads,
};
pub use params::{
    Attention, AttentionParams, BackwardInputs, BlockClass, BlockMask, CausalAlign, ForwardOutputs,
    Gradients, Mask, MaskKind, Window,
};
pub use problem::{Dims, Problem, TileClass};
pub use tensor::{Device, Layout, TensorMut, TensorRef, MAX_DIMS};

/// Runs the forward pass on the backend where the tensors live (host tensors: the CPU backend).
pub fn forward(attn: &Attention, outs: ForwardOutputs) -> Result<()> {
    forward_on_stream(attn, outs, 0)
}

/// Runs the forward pass where the tensors live, on `stream` (a `CUstream` for CUDA tensors,
/// 0 = the default stream; ignored by the other backends). The call returns once the work is
/// queued on a GPU stream; host backends return when it is done.
pub fn forward_on_stream(attn: &Attention, outs: ForwardOutputs, stream: usize) -> Result<()> {
    // `outs` is taken by value: the caller's exclusive borrows of the outputs last the call.
    let task = validate::forward(attn, &outs)?;
    backend::backend_for(task.problem.device)?.run_forward(&task, stream)
}

/// Runs the backward pass on the backend where the tensors live (host tensors: the CPU backend).
pub fn backward(attn: &Attention, inputs: &BackwardInputs, grads: Gradients) -> Result<()> {
    backward_on_stream(attn, inputs, grads, 0)
}

/// Runs the backward pass where the tensors live, on `stream` (see [`forward_on_stream`]).
pub fn backward_on_stream(
    attn: &Attention,
    inputs: &BackwardInputs,
    grads: Gradients,
    stream: usize,
) -> Result<()> {
    let task = validate::backward(attn, inputs, &grads)?;
    backend::backend_for(task.problem.device)?.run_backward(&task, stream)
}
