//! The validated merge calls backends receive: sizes, the parts as 4-D views, and the outputs.
//! Backends only compute; every check happened in [`super::validate`].

use crate::problem::{View4, View4Mut};
use crate::tensor::Device;

/// The sizes of a merge: every part and output is `[batch, heads, seq, head_dim]` (LSEs
/// `[batch, heads, seq]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MergeDims {
    pub batch: usize,
    pub heads: usize,
    pub seq: usize,
    pub head_dim: usize,
}

impl MergeDims {
    /// Rows (`batch · heads · seq`), the unit of work of every kernel.
    pub fn rows(&self) -> usize {
        self.batch * self.heads * self.seq
    }

    /// `(b, h, s)` of row `r` in row-major order.
    #[inline(always)]
    pub fn row_index(&self, r: usize) -> (usize, usize, usize) {
        let s = r % self.seq;
        let bh = r / self.seq;
        (bh / self.heads, bh % self.heads, s)
    }
}

/// One validated part: `O_n` and `LSE_n`. LSE views are 4-D with stride 0 on the last axis, as
/// the attention tasks' are.
#[derive(Clone, Copy, Debug)]
pub struct MergePartView {
    pub out: View4,
    pub lse: View4,
}

/// A validated forward merge (or accumulate).
#[derive(Clone, Debug)]
pub struct MergeTask {
    pub dims: MergeDims,
    pub device: Device,
    pub parts: Vec<MergePartView>,
    pub out: View4Mut,
    pub lse: Option<View4Mut>,
    /// `merge_into`: `parts[0]` is `(out, lse)` itself, read and overwritten in place. Kernels
    /// read a row's LSEs before writing its LSE and each `O` element before writing it, so the
    /// in-place form needs no scratch.
    pub in_place: bool,
}

/// Where the backward writes one part's gradients; absent ones are not computed.
#[derive(Clone, Copy, Debug)]
pub struct MergeGradView {
    pub d_out: Option<View4Mut>,
    pub d_lse: Option<View4Mut>,
}

/// A validated backward merge: from the parts and the upstream `dO` (and `dLSE`), each part's
/// `dO_n` and `dLSE_n`. The merged `O` and `LSE` are not inputs: the kernels recompute the
/// weights from the parts' LSEs and use `dO·O = Σ_m w_m (dO·O_m)`, which avoids reading an `O`
/// rounded to a 16-bit type.
#[derive(Clone, Debug)]
pub struct MergeBackwardTask {
    pub dims: MergeDims,
    pub device: Device,
    pub parts: Vec<MergePartView>,
    pub d_out: View4,
    pub d_lse: Option<View4>,
    pub grads: Vec<MergeGradView>,
}
