//! Problems larger than one storage binding (lavapipe allows 128 MiB, WebGPU's default is the
//! same) run in pieces, each an ordinary smaller problem over the same memory: whole batches,
//! groups of kv heads (with their query heads) or query heads of one kv head, blocks of query
//! rows and blocks of keys.
//!
//! - **Query heads** of one kv head split where a piece of whole GQA groups is still too large:
//!   a strided operand's span across several heads includes the rows between them, so a few rows
//!   of every head of a group can be as large as the whole group.
//! - **Query rows** `i0..i0 + ni`: the band (`lo <= j - i <= hi`, causal and windows in absolute
//!   indices) and ALiBi's diagonal move by `i0`, so both alignments, windows and ALiBi keep their
//!   meaning; Q, O, LSE, dO, dQ and the mask rows are offset views. Rows start at multiples of a
//!   block mask's `block_q`, so its block rows stay aligned.
//! - **Keys** `j0..j0 + nj`, only where K, V (or a mask's keys) still do not fit: each block of
//!   keys gives the attention over those keys alone, and the blocks' (O, LSE) are merged by LSE
//!   on the host (`crate::merge`), starting from the sinks alone, so sinks count once and rows
//!   that see no key keep O = 0 and LSE = -inf. Keys start at multiples of `block_k`.
//! - **Backward**: every piece reads the whole rows' O, dO and LSE, so its score gradients are
//!   exact; dQ is summed over key blocks and dK/dV over row blocks and over the query heads of a
//!   group split into pieces (f64 on the host), dSinks over rows (from the first key block only,
//!   so each row counts once) and dBias into the caller's f32 view (a dimension the mask
//!   broadcasts sums every piece along it).

mod accumulate;
mod backward;
mod forward;
mod plan;

pub use backward::backward;
pub use forward::forward;
pub use plan::forward_pieces;

use crate::problem::{Problem, View4, View4Mut};

/// Where a piece starts in the whole problem and how far it reaches: batches, query heads (whole
/// GQA groups, or some heads of one group), query rows and keys.
#[derive(Clone, Copy, Debug)]
struct Piece {
    b0: usize,
    nb: usize,
    h0: usize,
    nh: usize,
    i0: usize,
    ni: usize,
    j0: usize,
    nj: usize,
}

impl Piece {
    /// The piece of extents `n` (batches, query heads, rows, keys) at the origin.
    fn at_origin(n: [usize; 4]) -> Piece {
        let [nb, nh, ni, nj] = n;
        Piece {
            b0: 0,
            nb,
            h0: 0,
            nh,
            i0: 0,
            ni,
            j0: 0,
            nj,
        }
    }

    /// The piece's first kv head.
    fn hk0(&self, p: &Problem) -> usize {
        self.h0 / p.dims.group_size()
    }

    /// Its kv heads: one where it holds part of a group.
    fn nhk(&self, p: &Problem) -> usize {
        self.nh.div_ceil(p.dims.group_size())
    }

    /// ALiBi's diagonal in the piece's own indices: the whole problem's `Sk - Sq`, moved by the
    /// rows and keys before the piece (`|j - (i + diag)|` must measure the same distance).
    fn diag(&self, p: &Problem) -> i64 {
        p.diagonal_offset() + self.i0 as i64 - self.j0 as i64
    }
}

fn offset(v: &View4, at: [usize; 4]) -> View4 {
    let elems: isize = at
        .iter()
        .zip(&v.strides)
        .map(|(&n, &s)| n as isize * s)
        .sum();
    View4 {
        // SAFETY: `at` lies inside the validated view; broadcast dimensions have stride 0.
        ptr: unsafe { v.ptr.offset(elems * v.dtype.size_bytes() as isize) },
        ..*v
    }
}

fn offset_mut(v: &View4Mut, at: [usize; 4]) -> View4Mut {
    View4Mut {
        ptr: offset(&v.as_view(), at).ptr as *mut u8,
        ..*v
    }
}

/// `p` restricted to the piece `pc`.
fn sub_problem(p: &Problem, pc: &Piece) -> Problem {
    let (h0, hk0) = (pc.h0, pc.hk0(p));
    let mut s = *p;
    s.dims.batch = pc.nb;
    // Part of a group is a group of its own over the one kv head.
    s.dims.heads_kv = pc.nhk(p);
    s.dims.heads_q = pc.nh;
    s.dims.seq_q = pc.ni;
    s.dims.seq_kv = pc.nj;
    s.q = offset(&p.q, [pc.b0, h0, pc.i0, 0]);
    s.k = offset(&p.k, [pc.b0, hk0, pc.j0, 0]);
    s.v = offset(&p.v, [pc.b0, hk0, pc.j0, 0]);
    // The band bounds j - i; in the piece's indices that difference is smaller by i0 - j0.
    let shift = pc.i0 as i64 - pc.j0 as i64;
    s.band.lo = p.band.lo.map(|lo| lo + shift);
    s.band.hi = p.band.hi.map(|hi| hi + shift);
    if let Some(m) = &mut s.mask {
        m.view = offset(&m.view, [pc.b0, h0, pc.i0, pc.j0]);
        // A size-1 dimension broadcasts (stride 0) and stays 1.
        let extents = [pc.nb, s.dims.heads_q, pc.ni, pc.nj];
        for (n, extent) in m.shape.iter_mut().zip(extents) {
            if *n != 1 {
                *n = extent;
            }
        }
    }
    if let Some(bm) = &mut s.block_mask {
        // Pieces start at multiples of the block sizes (`chunk_shape`).
        let at = [pc.b0, h0, pc.i0 / bm.block_q, pc.j0 / bm.block_k];
        bm.view = offset(&bm.view, at);
    }
    s.alibi = p.alibi.map(|a| offset(&a, [pc.b0, h0, 0, 0]));
    s.sinks = p.sinks.map(|a| offset(&a, [0, h0, 0, 0]));
    s
}
