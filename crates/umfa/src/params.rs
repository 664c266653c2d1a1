//! What a caller asks for: the inputs, outputs and options of an attention call.

use crate::tensor::{TensorMut, TensorRef};

/// Where the causal diagonal sits when `seq_len_q != seq_len_kv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CausalAlign {
    /// Key `j` visible iff `j <= i` (PyTorch's `is_causal`).
    TopLeft,
    /// Key `j` visible iff `j <= i + Sk - Sq` (FlashAttention-2's `causal`).
    BottomRight,
}

/// A sliding window, bottom-right aligned as in FlashAttention-2: key `j` is visible iff
/// `i + Sk - Sq - left <= j <= i + Sk - Sq + right`. `None` is unbounded on that side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Window {
    pub left: Option<usize>,
    pub right: Option<usize>,
}

impl Window {
    /// From FlashAttention's `window_size=(left, right)`, where -1 means unbounded.
    pub fn from_signed(left: i64, right: i64) -> crate::Result<Window> {
        let side = |x: i64, name: &str| -> crate::Result<Option<usize>> {
            match x {
                -1 => Ok(None),
                x if x >= 0 => Ok(Some(x as usize)),
                x => Err(crate::Error::arg(
                    "window",
                    format!("{name} is {x}; use -1 for unbounded or a size >= 0"),
                )),
            }
        };
        Ok(Window {
            left: side(left, "left")?,
            right: side(right, "right")?,
        })
    }
}

/// How a mask's values are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MaskKind {
    /// Nonzero = attend, zero = masked out. Any element type.
    Bool,
    /// Values (f16, bf16 or f32) added to the scores.
    Additive,
}

/// An element mask, broadcast NumPy-style (right-aligned) against `[B, Hq, Sq, Sk]`.
#[derive(Clone, Copy, Debug)]
pub struct Mask<'a> {
    pub kind: MaskKind,
    pub tensor: TensorRef<'a>,
}

/// The class of one block of a block mask.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum BlockClass {
    /// No key of the block is visible; the block is skipped.
    Empty = 0,
    /// The block is visible, subject to every other mask.
    Partial = 1,
    /// The block is visible and the element-wise boolean mask is *not read* inside it (the caller
    /// promises it is all true there, as FlexAttention's full blocks skip `mask_mod`). Causal,
    /// window and additive masks still apply.
    Full = 2,
}

impl BlockClass {
    pub fn from_u8(x: u8) -> Option<BlockClass> {
        match x {
            0 => Some(BlockClass::Empty),
            1 => Some(BlockClass::Partial),
            2 => Some(BlockClass::Full),
            _ => None,
        }
    }
}

/// FlexAttention-style block sparsity: a `u8` table of [`BlockClass`] values of shape
/// `[B, Hq, ceil(Sq / block_q), ceil(Sk / block_k)]`, broadcast like an element mask.
#[derive(Clone, Copy, Debug)]
pub struct BlockMask<'a> {
    pub block_q: usize,
    pub block_k: usize,
    pub classes: TensorRef<'a>,
}

/// Every option of an attention call (SPEC.md). `Default` is plain softmax attention.
#[derive(Clone, Copy, Debug, Default)]
pub struct AttentionParams<'a> {
    /// Multiplies `Q·Kᵀ`; default `1/sqrt(head_dim)`.
    pub scale: Option<f32>,
    pub causal: Option<CausalAlign>,
    pub window: Option<Window>,
    /// `s = softcap * tanh(s / softcap)` when set (> 0).
    pub softcap: Option<f32>,
    /// f32 slopes, shape `[Hq]` or `[B, Hq]`: adds `-slope * |j - (i + Sk - Sq)|` (FlashAttention-2).
    pub alibi_slopes: Option<TensorRef<'a>>,
    /// f32 per-head sink logits, shape `[Hq]`: `exp(sink)` joins the softmax denominator.
    pub sinks: Option<TensorRef<'a>>,
    pub mask: Option<Mask<'a>>,
    pub block_mask: Option<BlockMask<'a>>,
    /// Must be 0: dropout is not supported.
    pub dropout_p: f32,
    /// Backward: reduce in a fixed order so repeated runs are bitwise identical.
    pub deterministic: bool,
}

/// The inputs of an attention call: `Q [B,Hq,Sq,D]`, `K [B,Hkv,Sk,D]`, `V [B,Hkv,Sk,Dv]`.
#[derive(Clone, Copy, Debug)]
pub struct Attention<'a> {
    pub q: TensorRef<'a>,
    pub k: TensorRef<'a>,
    pub v: TensorRef<'a>,
    pub params: AttentionParams<'a>,
}

impl<'a> Attention<'a> {
    pub fn new(q: TensorRef<'a>, k: TensorRef<'a>, v: TensorRef<'a>) -> Self {
        Attention {
            q,
            k,
            v,
            params: AttentionParams::default(),
        }
    }
    pub fn with_params(mut self, params: AttentionParams<'a>) -> Self {
        self.params = params;
        self
    }
    pub fn scale(mut self, scale: f32) -> Self {
        self.params.scale = Some(scale);
        self
    }
    pub fn causal(mut self, align: CausalAlign) -> Self {
        self.params.causal = Some(align);
        self
    }
    pub fn window(mut self, window: Window) -> Self {
        self.params.window = Some(window);
        self
    }
    pub fn softcap(mut self, softcap: f32) -> Self {
        self.params.softcap = Some(softcap);
        self
    }
    pub fn alibi_slopes(mut self, slopes: TensorRef<'a>) -> Self {
        self.params.alibi_slopes = Some(slopes);
        self
    }
    pub fn sinks(mut self, sinks: TensorRef<'a>) -> Self {
        self.params.sinks = Some(sinks);
        self
    }
    pub fn mask(mut self, mask: Mask<'a>) -> Self {
        self.params.mask = Some(mask);
        self
    }
    pub fn block_mask(mut self, block_mask: BlockMask<'a>) -> Self {
        self.params.block_mask = Some(block_mask);
        self
    }
    pub fn deterministic(mut self, deterministic: bool) -> Self {
        self.params.deterministic = deterministic;
        self
    }
}

/// Where the forward pass writes: `O [B,Hq,Sq,Dv]` (its dtype is the output dtype) and,
/// optionally, `LSE [B,Hq,Sq]` in f32 (natural log).
#[derive(Debug)]
pub struct ForwardOutputs<'a> {
    pub out: TensorMut<'a>,
    pub lse: Option<TensorMut<'a>>,
}

/// What the backward pass reads besides the problem: the forward's `O` and `LSE`, and the
/// upstream gradients `dO` and, when the loss also depends on the LSE, `dLSE`.
#[derive(Clone, Copy, Debug)]
pub struct BackwardInputs<'a> {
    pub out: TensorRef<'a>,
    pub d_out: TensorRef<'a>,
    pub lse: TensorRef<'a>,
    /// f32 `[B, Hq, Sq]` like `lse`: the gradient of the loss with respect to the LSE (e.g. after
    /// merging partial results by LSE). `None` is a loss that does not read the LSE. Since
    /// `d LSE_i / d s_ij = P_ij`, it enters every score gradient as `dS = P·(dP − delta + dLSE)`.
    /// Ignored on fully masked rows (LSE = −inf), whose gradients stay 0.
    pub d_lse: Option<TensorRef<'a>>,
}

impl<'a> BackwardInputs<'a> {
    /// The forward's `out` and `lse` with the upstream gradient `d_out`; no `d_lse`.
    pub fn new(out: TensorRef<'a>, d_out: TensorRef<'a>, lse: TensorRef<'a>) -> Self {
        BackwardInputs {
            out,
            d_out,
            lse,
            d_lse: None,
        }
    }
    /// Adds the upstream gradient of the LSE (see [`BackwardInputs::d_lse`]).
    pub fn with_d_lse(mut self, d_lse: TensorRef<'a>) -> Self {
        self.d_lse = Some(d_lse);
        self
    }
}

/// Where the backward pass writes. `d_sinks` (f32 `[Hq]`) needs sinks; `d_bias` (f32, the
/// additive mask's own shape, broadcast dimensions summed) needs an additive mask.
#[derive(Debug)]
pub struct Gradients<'a> {
    pub dq: TensorMut<'a>,
    pub dk: TensorMut<'a>,
    pub dv: TensorMut<'a>,
    pub d_sinks: Option<TensorMut<'a>>,
    pub d_bias: Option<TensorMut<'a>>,
}
