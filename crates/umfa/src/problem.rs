//! The validated problem every backend receives: sizes, operand views with 4-D element strides,
//! and the visibility rules (causal/window band, masks, block mask) in one model.

use crate::dtype::{load_f32, DType};
use crate::params::{BlockClass, MaskKind};
use crate::tensor::Device;

/// The sizes of an attention problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Dims {
    pub batch: usize,
    pub heads_q: usize,
    pub heads_kv: usize,
    pub seq_q: usize,
    pub seq_kv: usize,
    pub head_dim: usize,
    pub head_dim_v: usize,
}

impl Dims {
    /// Query heads that share one key/value head (1 = MHA, `heads_q` = MQA).
    pub fn group_size(&self) -> usize {
        self.heads_q / self.heads_kv
    }
    /// The key/value head that query head `h` reads.
    #[inline(always)]
    pub fn kv_head_of(&self, h: usize) -> usize {
        h / self.group_size()
    }
    /// Multiply-adds of the two matrix products of a dense (unmasked) forward, times 2.
    pub fn dense_forward_flops(&self) -> f64 {
        2.0 * (self.batch * self.heads_q) as f64
            * self.seq_q as f64
            * self.seq_kv as f64
            * (self.head_dim + self.head_dim_v) as f64
    }
}

/// A 4-D strided view (`[b, h, row, col]`), broadcast dimensions having stride 0.
#[derive(Clone, Copy, Debug)]
pub struct View4 {
    pub ptr: *const u8,
    pub dtype: DType,
    pub strides: [isize; 4],
}

// SAFETY: a view of validated, borrowed memory (see `TensorRef`).
unsafe impl Send for View4 {}
unsafe impl Sync for View4 {}

impl View4 {
    #[inline(always)]
    pub fn offset(&self, b: usize, h: usize, r: usize, c: usize) -> isize {
        b as isize * self.strides[0]
            + h as isize * self.strides[1]
            + r as isize * self.strides[2]
            + c as isize * self.strides[3]
    }
    /// Reads one element as f32 (host memory only).
    #[inline(always)]
    pub fn get(&self, b: usize, h: usize, r: usize, c: usize) -> f32 {
        load_f32(self.ptr, self.dtype, self.offset(b, h, r, c))
    }
}

/// A writable 4-D strided view.
#[derive(Clone, Copy, Debug)]
pub struct View4Mut {
    pub ptr: *mut u8,
    pub dtype: DType,
    pub strides: [isize; 4],
}

// SAFETY: as `View4`; writers touch disjoint elements.
unsafe impl Send for View4Mut {}
unsafe impl Sync for View4Mut {}

impl View4Mut {
    #[inline(always)]
    pub fn offset(&self, b: usize, h: usize, r: usize, c: usize) -> isize {
        b as isize * self.strides[0]
            + h as isize * self.strides[1]
            + r as isize * self.strides[2]
            + c as isize * self.strides[3]
    }
    /// Writes one element, rounded to the view's dtype (host memory only).
    #[inline(always)]
    pub fn set(&self, b: usize, h: usize, r: usize, c: usize, x: f32) {
        crate::dtype::store_f32(self.ptr, self.dtype, self.offset(b, h, r, c), x)
    }
    pub fn as_view(&self) -> View4 {
        View4 {
            ptr: self.ptr,
            dtype: self.dtype,
            strides: self.strides,
        }
    }
}

/// The causal/window band: key `j` of query row `i` is visible iff `i + lo <= j <= i + hi`
/// (a missing bound is unbounded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Band {
    pub lo: Option<i64>,
    pub hi: Option<i64>,
}

impl Band {
    #[inline(always)]
    pub fn contains(&self, i: usize, j: usize) -> bool {
        let d = j as i64 - i as i64;
        self.lo.is_none_or(|lo| d >= lo) && self.hi.is_none_or(|hi| d <= hi)
    }

    /// The visible keys of row `i` within `0..seq_kv`, as a half-open range (possibly empty).
    #[inline(always)]
    pub fn keys_of_row(&self, i: usize, seq_kv: usize) -> (usize, usize) {
        let start = self.lo.map_or(0, |lo| (i as i64 + lo).max(0)) as usize;
        let end = self.hi.map_or(seq_kv as i64, |hi| {
            (i as i64 + hi + 1).clamp(0, seq_kv as i64)
        }) as usize;
        (start.min(seq_kv), end.max(start.min(seq_kv)))
    }

    pub fn is_unbounded(&self) -> bool {
        self.lo.is_none() && self.hi.is_none()
    }
}

/// An element mask after broadcasting to `[B, Hq, Sq, Sk]`.
#[derive(Clone, Copy, Debug)]
pub struct MaskView {
    pub kind: MaskKind,
    pub view: View4,
    /// The mask tensor's own shape, right-aligned to 4-D (size 1 where it broadcasts).
    pub shape: [usize; 4],
}

/// A block mask after broadcasting to `[B, Hq, n_blocks_q, n_blocks_k]`.
#[derive(Clone, Copy, Debug)]
pub struct BlockMaskView {
    pub block_q: usize,
    pub block_k: usize,
    pub view: View4,
}

impl BlockMaskView {
    #[inline(always)]
    pub fn class(&self, b: usize, h: usize, qb: usize, kb: usize) -> BlockClass {
        // SAFETY: validation checked the table's extent (and its values, for host tables).
        let x = unsafe { *self.view.ptr.offset(self.view.offset(b, h, qb, kb)) };
        BlockClass::from_u8(x).unwrap_or(BlockClass::Partial)
    }
}

/// How a tile of the score matrix is to be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TileClass {
    /// Nothing visible: skip the tile.
    Empty,
    /// Everything visible and no element-wise visibility work needed (an additive bias may
    /// still apply).
    Full,
    /// Some elements need their visibility checked.
    Partial,
}

/// A validated attention problem: what every backend receives.
#[derive(Clone, Copy, Debug)]
pub struct Problem {
    pub dims: Dims,
    pub device: Device,
    /// The dtype of Q, K and V.
    pub input_dtype: DType,
    pub q: View4,
    pub k: View4,
    pub v: View4,
    pub scale: f32,
    pub band: Band,
    pub softcap: Option<f32>,
    /// f32 slopes as `[b, h, 0, 0]` (stride 0 over batch when given per head only).
    pub alibi: Option<View4>,
    /// f32 sink logits as `[0, h, 0, 0]`.
    pub sinks: Option<View4>,
    pub mask: Option<MaskView>,
    pub block_mask: Option<BlockMaskView>,
    pub deterministic: bool,
}

impl Problem {
    /// The row offset of the bottom-right diagonal, `Sk - Sq` (ALiBi and windows use it).
    pub fn diagonal_offset(&self) -> i64 {
        self.dims.seq_kv as i64 - self.dims.seq_q as i64
    }

    /// Whether a boolean mask, block mask or band limits visibility at all.
    pub fn has_visibility_limits(&self) -> bool {
        !self.band.is_unbounded()
            || self.block_mask.is_some()
            || matches!(self.mask, Some(m) if m.kind == MaskKind::Bool)
    }

    /// Whether key `j` is visible to query row `i` of batch `b`, head `h` (host memory only).
    #[inline]
    pub fn visible(&self, b: usize, h: usize, i: usize, j: usize) -> bool {
        if !self.band.contains(i, j) {
            return false;
        }
        let mut read_bool_mask = true;
        if let Some(bm) = &self.block_mask {
            match bm.class(b, h, i / bm.block_q, j / bm.block_k) {
                BlockClass::Empty => return false,
                BlockClass::Full => read_bool_mask = false,
                BlockClass::Partial => {}
            }
        }
        match &self.mask {
            Some(m) if read_bool_mask && m.kind == MaskKind::Bool => m.view.get(b, h, i, j) != 0.0,
            _ => true,
        }
    }

    /// The additive terms of score `(i, j)`: ALiBi and an additive mask (host memory only).
    #[inline]
    pub fn additive_bias(&self, b: usize, h: usize, i: usize, j: usize) -> f32 {
        let mut bias = 0.0;
        if let Some(a) = &self.alibi {
            let slope = a.get(b, h, 0, 0);
            let dist = (j as i64 - (i as i64 + self.diagonal_offset())).abs() as f32;
            bias -= slope * dist;
        }
        if let Some(m) = &self.mask {
            if m.kind == MaskKind::Additive {
                bias += m.view.get(b, h, i, j);
            }
        }
        bias
    }

    /// The sink logit of head `h`, if sinks are given (host memory only).
    #[inline]
    pub fn sink(&self, h: usize) -> Option<f32> {
        self.sinks.map(|s| s.get(0, h, 0, 0))
    }

    /// Classifies the tile of rows `rows` and keys `keys` of head (b, h): the one mask model every
    /// backend uses to skip empty tiles and drop element-wise work on full ones.
    pub fn classify_tile(
        &self,
        b: usize,
        h: usize,
        rows: std::ops::Range<usize>,
        keys: std::ops::Range<usize>,
    ) -> TileClass {
        if rows.is_empty() || keys.is_empty() {
            return TileClass::Empty;
        }
        let (i0, i1, j0, j1) = (
            rows.start as i64,
            rows.end as i64 - 1,
            keys.start as i64,
            keys.end as i64 - 1,
        );
        let mut full = true;
        // The band: row i sees [i + lo, i + hi].
        if let Some(hi) = self.band.hi {
            if i1 + hi < j0 {
                return TileClass::Empty;
            }
            full &= i0 + hi >= j1;
        }
        if let Some(lo) = self.band.lo {
            if i0 + lo > j1 {
                return TileClass::Empty;
            }
            full &= i1 + lo <= j0;
        }
        let mut bool_mask_read = matches!(self.mask, Some(m) if m.kind == MaskKind::Bool);
        if let Some(bm) = &self.block_mask {
            let (mut any_live, mut any_empty, mut any_partial) = (false, false, false);
            for qb in rows.start / bm.block_q..=(rows.end - 1) / bm.block_q {
                for kb in keys.start / bm.block_k..=(keys.end - 1) / bm.block_k {
                    match bm.class(b, h, qb, kb) {
                        BlockClass::Empty => any_empty = true,
                        BlockClass::Partial => {
                            any_live = true;
                            any_partial = true;
                        }
                        BlockClass::Full => any_live = true,
                    }
                }
            }
            if !any_live {
                return TileClass::Empty;
            }
            // A tile straddling an empty block needs per-element checks of block membership.
            full &= !any_empty;
            // Inside full blocks the boolean mask is not read.
            bool_mask_read &= any_partial;
        }
        if full && !bool_mask_read {
            TileClass::Full
        } else {
            TileClass::Partial
        }
    }
}

/// A validated forward call.
#[derive(Clone, Copy, Debug)]
pub struct ForwardTask {
    pub problem: Problem,
    /// `O [B, Hq, Sq, Dv]`.
    pub out: View4Mut,
    /// f32 `LSE [B, Hq, Sq]` as `[b, h, i, 0]`.
    pub lse: Option<View4Mut>,
}

/// A validated backward call.
#[derive(Clone, Copy, Debug)]
pub struct BackwardTask {
    pub problem: Problem,
    pub out: View4,
    pub d_out: View4,
    /// f32 `[b, h, i, 0]`.
    pub lse: View4,
    /// f32 `[b, h, i, 0]` like `lse`: the upstream gradient of the LSE. Every backward uses
    /// `delta − dLSE` where it used `delta = Σ dO·O` (on rows whose LSE is finite).
    pub d_lse: Option<View4>,
    pub dq: View4Mut,
    pub dk: View4Mut,
    pub dv: View4Mut,
    /// f32 `[0, h, 0, 0]`.
    pub d_sinks: Option<View4Mut>,
    /// f32, the additive mask's own shape (right-aligned to 4-D; see `MaskView::shape`).
    pub d_bias: Option<View4Mut>,
}
