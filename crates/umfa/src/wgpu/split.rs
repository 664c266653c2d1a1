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

use super::device::Gpu;
use super::run::{self, SideGradients};
use super::stage::{scatter, span_bytes};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::merge::{merge_into, MergePart};
use crate::params::MaskKind;
use crate::problem::{BackwardTask, ForwardTask, Problem, View4, View4Mut};
use crate::tensor::{TensorMut, TensorRef};

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

/// The storage bindings a problem needs, named: its staged inputs and its f32 results, and with
/// `bwd` the backward's (O and dO staged through the task's own strides).
fn bindings(p: &Problem, bwd: Option<&BackwardTask>) -> Vec<(&'static str, u64)> {
    let d = p.dims;
    let rows = (d.batch * d.heads_q * d.seq_q) as u64;
    let keys = (d.batch * d.heads_kv * d.seq_kv) as u64;
    let o_shape = [d.batch, d.heads_q, d.seq_q, d.head_dim_v];
    let mut v = vec![
        (
            "Q",
            span_bytes(&p.q, [d.batch, d.heads_q, d.seq_q, d.head_dim]),
        ),
        (
            "K",
            span_bytes(&p.k, [d.batch, d.heads_kv, d.seq_kv, d.head_dim]),
        ),
        (
            "V",
            span_bytes(&p.v, [d.batch, d.heads_kv, d.seq_kv, d.head_dim_v]),
        ),
        ("O and LSE (f32)", 4 * rows * (d.head_dim_v as u64 + 1)),
    ];
    if let Some(m) = &p.mask {
        v.push(("the mask", span_bytes(&m.view, m.shape)));
    }
    if let Some(bm) = &p.block_mask {
        let shape = [
            d.batch,
            d.heads_q,
            d.seq_q.div_ceil(bm.block_q),
            d.seq_kv.div_ceil(bm.block_k),
        ];
        v.push(("the block mask", span_bytes(&bm.view, shape)));
    }
    if let Some(t) = bwd {
        v.push(("O", span_bytes(&t.out, o_shape)));
        v.push(("dO", span_bytes(&t.d_out, o_shape)));
        v.push(("dQ (f32)", 4 * rows * d.head_dim as u64));
        v.push((
            "dK and dV (f32)",
            4 * keys * (d.head_dim + d.head_dim_v) as u64,
        ));
        v.push(("LSE and delta (f32)", 8 * rows));
        if let Some(m) = p.mask.filter(|m| m.kind == MaskKind::Additive) {
            v.push(("dBias (f32)", 4 * m.shape.iter().product::<usize>() as u64));
        }
    }
    v
}

/// Half of `n`, rounded up to a multiple of `align`; `n` itself when it cannot shrink.
fn halve(n: usize, align: usize) -> usize {
    n.div_ceil(2).next_multiple_of(align).min(n)
}

/// Half of `nh` query heads: half the kv groups while there are several, then half of one.
fn halve_heads(nh: usize, group: usize) -> usize {
    if nh > group {
        (nh / group).div_ceil(2) * group
    } else {
        nh.div_ceil(2)
    }
}

/// The extents of the pieces (batches, query heads, query rows, keys). From the whole problem, the
/// binding furthest over the limit is shrunk by halving whichever of those four shrinks it most;
/// on a tie, the one that shrinks all bindings together most (a strided operand's span shrinks
/// with some axes only: Q in BSHD layout, whose rows interleave the heads, with rows), then the
/// first. So a mask broadcast over batches and heads splits its rows rather than the batch, and
/// keys (whose blocks need a merge) split only when nothing else helps as much. Rows and keys
/// stay multiples of the block mask's block sizes.
fn chunk_shape(limit: u64, p: &Problem, bwd: Option<&BackwardTask>) -> Result<[usize; 4]> {
    let d = p.dims;
    let align = p
        .block_mask
        .map_or([1; 4], |bm| [1, 1, bm.block_q, bm.block_k]);
    let needs = |n: [usize; 4]| bindings(&sub_problem(p, &Piece::at_origin(n)), bwd);
    let mut n = [d.batch, d.heads_q, d.seq_q, d.seq_kv];
    loop {
        let now = needs(n);
        let worst = (0..now.len())
            .filter(|&x| now[x].1 > limit)
            .max_by_key(|&x| now[x].1);
        let Some(worst) = worst else {
            return Ok(n);
        };
        let smaller = (0..4)
            .filter_map(|axis| {
                let mut m = n;
                m[axis] = match axis {
                    1 => halve_heads(n[1], d.group_size()),
                    _ => halve(n[axis], align[axis]),
                };
                let then = needs(m);
                let total: u64 = then.iter().map(|x| x.1).sum();
                let bytes = then[worst].1;
                (m[axis] < n[axis] && bytes < now[worst].1).then_some(((bytes, total), m))
            })
            .min_by_key(|&(key, _)| key);
        match smaller {
            Some((_, m)) => n = m,
            None => return Err(too_large(now[worst], n, limit)),
        }
    }
}

fn too_large((what, bytes): (&str, u64), n: [usize; 4], limit: u64) -> Error {
    Error::Unsupported {
        backend: "wgpu",
        reason: format!(
            "{what} needs a {bytes}-byte storage binding even in the smallest piece this problem \
             splits into ({} batch, {} query heads, {} query rows, {} keys; rows and keys in whole \
             blocks of a block mask), but the adapter allows {limit} bytes",
            n[0], n[1], n[2], n[3]
        ),
    }
}

/// `(start, length)` of each step of `step` through `0..total`.
fn ranges(total: usize, step: usize) -> Vec<(usize, usize)> {
    let step = step.max(1);
    (0..total)
        .step_by(step)
        .map(|s| (s, step.min(total - s)))
        .collect()
}

/// Host f32 results of a piece, row-major over `shape`, kept for a merge or a sum before they
/// reach the caller's views.
struct Scratch {
    shape: [usize; 4],
    values: Vec<f32>,
}

impl Scratch {
    fn new(shape: [usize; 4]) -> Scratch {
        Scratch {
            shape,
            values: vec![0.0; shape.iter().product()],
        }
    }

    /// A view the kernels' results are scattered into.
    fn view(&mut self) -> View4Mut {
        let [_, h, r, c] = self.shape.map(|n| n as isize);
        View4Mut {
            ptr: self.values.as_mut_ptr() as *mut u8,
            dtype: DType::F32,
            strides: [h * r * c, r * c, c, 1],
        }
    }

    /// `shape` as a tensor of `rank` dimensions (`[B, H, S, Dv]` or, for an LSE, `[B, H, S]`).
    fn tensor(&self, rank: usize) -> Result<TensorRef<'_>> {
        TensorRef::new(&self.values, &self.shape[..rank])
    }

    fn tensor_mut(&mut self, rank: usize) -> Result<TensorMut<'_>> {
        TensorMut::new(&mut self.values, &self.shape[..rank])
    }
}

/// An f64 sum of parts of a gradient, row-major over `shape`.
struct Sum {
    shape: [usize; 4],
    values: Vec<f64>,
}

impl Sum {
    fn zeros(shape: [usize; 4]) -> Sum {
        Sum {
            shape,
            values: vec![0.0; shape.iter().product()],
        }
    }

    /// Adds `part` (whole rows: its last axis matches) with its origin at index `at`.
    fn add(&mut self, part: &Scratch, at: [usize; 4]) {
        let [_, sh, sr, nc] = self.shape;
        let [nb, nh, nr, _] = part.shape;
        let mut src = part.values.chunks_exact(nc);
        for b in at[0]..at[0] + nb {
            for h in at[1]..at[1] + nh {
                for r in at[2]..at[2] + nr {
                    let dst = ((b * sh + h) * sr + r) * nc;
                    let row = src.next().unwrap_or_default();
                    for (acc, &x) in self.values[dst..dst + nc].iter_mut().zip(row) {
                        *acc += x as f64;
                    }
                }
            }
        }
    }

    /// Rounds the sum into `dst` (same shape).
    fn write(&self, dst: &View4Mut) {
        let mut x = self.values.iter();
        each(self.shape, |b, h, r, c| {
            dst.set(b, h, r, c, *x.next().unwrap_or(&0.0) as f32)
        });
    }
}

/// Calls `f` with every index of `shape`, row-major.
fn each(shape: [usize; 4], mut f: impl FnMut(usize, usize, usize, usize)) {
    for b in 0..shape[0] {
        for h in 0..shape[1] {
            for r in 0..shape[2] {
                for c in 0..shape[3] {
                    f(b, h, r, c);
                }
            }
        }
    }
}

/// The extents of the pieces `forward` runs `task` in (batches, query heads, query rows, keys).
pub fn forward_pieces(gpu: &Gpu, task: &ForwardTask) -> Result<[usize; 4]> {
    chunk_shape(gpu.max_binding(), &task.problem, None)
}

/// The blocks of whole batches and kv heads of pieces of extents `n` (batches, query heads,
/// rows, keys), every row and key, each with its pieces of query heads: the block itself, or
/// the heads of its one kv head in parts of `n[1]`.
fn blocks(p: &Problem, n: [usize; 4]) -> Vec<(Piece, Vec<Piece>)> {
    let d = p.dims;
    let group = d.group_size();
    let mut v = Vec::new();
    for (b0, nb) in ranges(d.batch, n[0]) {
        for (hk0, nhk) in ranges(d.heads_kv, n[1] / group) {
            let block = Piece {
                b0,
                nb,
                h0: hk0 * group,
                nh: nhk * group,
                i0: 0,
                ni: d.seq_q,
                j0: 0,
                nj: d.seq_kv,
            };
            let heads = ranges(block.nh, n[1].min(block.nh))
                .into_iter()
                .map(|(s, nh)| Piece {
                    h0: block.h0 + s,
                    nh,
                    ..block
                })
                .collect();
            v.push((block, heads));
        }
    }
    v
}

pub fn forward(gpu: &Gpu, task: &ForwardTask) -> Result<()> {
    let p = &task.problem;
    let n = chunk_shape(gpu.max_binding(), p, None)?;
    for (_, heads) in blocks(p, n) {
        for heads in heads {
            for (i0, ni) in ranges(p.dims.seq_q, n[2]) {
                let rows = Piece { i0, ni, ..heads };
                if n[3] < p.dims.seq_kv {
                    forward_merged(gpu, task, &rows, n[3])?;
                } else {
                    let at = [rows.b0, rows.h0, i0, 0];
                    let sub = ForwardTask {
                        problem: sub_problem(p, &rows),
                        out: offset_mut(&task.out, at),
                        lse: task.lse.map(|l| offset_mut(&l, at)),
                    };
                    run::forward(gpu, &sub, rows.diag(p))?;
                }
            }
        }
    }
    Ok(())
}

/// The piece `rows` (every key) against its keys in blocks of `nj`: each block's (O, LSE)
/// without the sinks, merged by LSE into an f32 accumulator that starts as the sinks alone
/// (O = 0, LSE = sink, or -inf without sinks). The blocks' results are f32, so they run on the
/// portable family (the matrix family writes f16/bf16 outputs only).
fn forward_merged(gpu: &Gpu, task: &ForwardTask, rows: &Piece, nj: usize) -> Result<()> {
    let p = &task.problem;
    let o_shape = [rows.nb, rows.nh, rows.ni, p.dims.head_dim_v];
    let lse_shape = [rows.nb, rows.nh, rows.ni, 1];
    let (mut acc, mut acc_lse) = (Scratch::new(o_shape), Scratch::new(lse_shape));
    for (n, x) in acc_lse.values.iter_mut().enumerate() {
        *x = p
            .sink(rows.h0 + (n / rows.ni) % rows.nh)
            .unwrap_or(f32::NEG_INFINITY);
    }
    let (mut part, mut part_lse) = (Scratch::new(o_shape), Scratch::new(lse_shape));
    for (j0, nj) in ranges(p.dims.seq_kv, nj) {
        let keys = Piece { j0, nj, ..*rows };
        let mut problem = sub_problem(p, &keys);
        problem.sinks = None;
        let sub = ForwardTask {
            problem,
            out: part.view(),
            lse: Some(part_lse.view()),
        };
        run::forward(gpu, &sub, keys.diag(p))?;
        let block = MergePart {
            out: part.tensor(4)?,
            lse: part_lse.tensor(3)?,
        };
        merge_into(acc.tensor_mut(4)?, acc_lse.tensor_mut(3)?, &block)?;
    }
    let at = [rows.b0, rows.h0, rows.i0, 0];
    scatter(&acc.values, &offset_mut(&task.out, at), o_shape);
    if let Some(lse) = &task.lse {
        scatter(&acc_lse.values, &offset_mut(lse, at), lse_shape);
    }
    Ok(())
}

pub fn backward(gpu: &Gpu, task: &BackwardTask) -> Result<()> {
    let p = &task.problem;
    let n = chunk_shape(gpu.max_binding(), p, Some(task))?;
    let mut d_sinks = vec![0.0f64; p.dims.heads_q];
    if let Some(db) = &task.d_bias {
        // Pieces add into it (see `add_d_bias`).
        each(p.mask.map_or([1; 4], |m| m.shape), |b, h, i, j| {
            db.set(b, h, i, j, 0.0)
        });
    }
    for (block, heads) in blocks(p, n) {
        backward_block(gpu, task, &block, &heads, [n[2], n[3]], &mut d_sinks)?;
    }
    if let Some(ds) = &task.d_sinks {
        for (h, g) in d_sinks.iter().enumerate() {
            ds.set(0, h, 0, 0, *g as f32);
        }
    }
    Ok(())
}

/// dQ of a block summed over its key blocks, and dK/dV of one key block summed over its pieces
/// of rows and query heads; `None` where there is one part only, written to the caller's view
/// directly.
struct Sums {
    dq: Option<Sum>,
    dkdv: Option<(Sum, Sum)>,
}

/// The backward of `block` (every row and key of some batches and kv heads) in pieces of the
/// query heads `heads`, `ni` rows and `nj` keys: key blocks outside, so that dK and dV of one
/// key block are complete after its pieces.
fn backward_block(
    gpu: &Gpu,
    task: &BackwardTask,
    block: &Piece,
    heads: &[Piece],
    [ni, nj]: [usize; 2],
    d_sinks: &mut [f64],
) -> Result<()> {
    let p = &task.problem;
    let d = p.dims;
    let (row_blocks, key_blocks) = (ranges(d.seq_q, ni), ranges(d.seq_kv, nj));
    let dq_shape = [block.nb, block.nh, d.seq_q, d.head_dim];
    let mut sums = Sums {
        dq: (key_blocks.len() > 1).then(|| Sum::zeros(dq_shape)),
        dkdv: None,
    };
    let (hk0, nhk) = (block.hk0(p), block.nhk(p));
    for &(j0, nj) in &key_blocks {
        let kv = |dim| [block.nb, nhk, nj, dim];
        sums.dkdv = (heads.len() * row_blocks.len() > 1)
            .then(|| (Sum::zeros(kv(d.head_dim)), Sum::zeros(kv(d.head_dim_v))));
        for heads in heads {
            for &(i0, ni) in &row_blocks {
                let pc = Piece {
                    i0,
                    ni,
                    j0,
                    nj,
                    ..*heads
                };
                backward_piece(gpu, task, &pc, block.h0, &mut sums, d_sinks)?;
            }
        }
        if let Some((dk, dv)) = &sums.dkdv {
            let at = [block.b0, hk0, j0, 0];
            dk.write(&offset_mut(&task.dk, at));
            dv.write(&offset_mut(&task.dv, at));
        }
    }
    if let Some(dq) = &sums.dq {
        dq.write(&offset_mut(&task.dq, [block.b0, block.h0, 0, 0]));
    }
    Ok(())
}

/// Where a piece's gradient goes: host scratch when it is summed, else the caller's view.
fn target(scratch: &mut Option<Scratch>, whole: &View4Mut, at: [usize; 4]) -> View4Mut {
    match scratch {
        Some(s) => s.view(),
        None => offset_mut(whole, at),
    }
}

/// One piece's backward, its gradients written or added to `sums` (whose dQ starts at query
/// head `block_h0`), `d_sinks` and dBias.
fn backward_piece(
    gpu: &Gpu,
    task: &BackwardTask,
    pc: &Piece,
    block_h0: usize,
    sums: &mut Sums,
    d_sinks: &mut [f64],
) -> Result<()> {
    let p = &task.problem;
    let d = p.dims;
    let rows_at = [pc.b0, pc.h0, pc.i0, 0];
    let keys_at = [pc.b0, pc.hk0(p), pc.j0, 0];
    let scratch = |summed: bool, shape| summed.then(|| Scratch::new(shape));
    let mut dq = scratch(sums.dq.is_some(), [pc.nb, pc.nh, pc.ni, d.head_dim]);
    let kv = |dim| [pc.nb, pc.nhk(p), pc.nj, dim];
    let mut dk = scratch(sums.dkdv.is_some(), kv(d.head_dim));
    let mut dv = scratch(sums.dkdv.is_some(), kv(d.head_dim_v));
    let sub = BackwardTask {
        problem: sub_problem(p, pc),
        out: offset(&task.out, rows_at),
        d_out: offset(&task.d_out, rows_at),
        lse: offset(&task.lse, rows_at),
        d_lse: task.d_lse.map(|g| offset(&g, rows_at)),
        dq: target(&mut dq, &task.dq, rows_at),
        dk: target(&mut dk, &task.dk, keys_at),
        dv: target(&mut dv, &task.dv, keys_at),
        // dSinks sums over rows, each once: from the first key block only. Both are only asked
        // for here; `run::backward` returns them.
        d_sinks: task.d_sinks.filter(|_| pc.j0 == 0),
        d_bias: task.d_bias,
    };
    let SideGradients {
        d_sinks: ds,
        d_bias: db,
    } = run::backward(gpu, &sub, pc.diag(p))?;
    if let (Some(sum), Some(part)) = (&mut sums.dq, &dq) {
        sum.add(part, [0, pc.h0 - block_h0, pc.i0, 0]);
    }
    if let (Some((sk, sv)), Some(k), Some(v)) = (&mut sums.dkdv, &dk, &dv) {
        sk.add(k, [0; 4]);
        sv.add(v, [0; 4]);
    }
    for (h, g) in ds.into_iter().flatten().enumerate() {
        d_sinks[pc.h0 + h] += g;
    }
    if let (Some(view), Some(values), Some(m)) = (&task.d_bias, db, &sub.problem.mask) {
        let at = [pc.b0, pc.h0, pc.i0, pc.j0];
        add_d_bias(&offset_mut(view, at), m.shape, &values);
    }
    Ok(())
}

/// Adds a piece's dBias (row-major over `shape`, the piece's mask shape) into the caller's f32
/// view at the piece's place: a dimension the mask broadcasts has stride 0 there, so the pieces
/// along it sum into its one element.
fn add_d_bias(dst: &View4Mut, shape: [usize; 4], values: &[f64]) {
    let mut x = values.iter();
    each(shape, |b, h, i, j| {
        let sum = dst.as_view().get(b, h, i, j) as f64 + x.next().unwrap_or(&0.0);
        dst.set(b, h, i, j, sum as f32);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::{Attention, Mask};
    use crate::tensor::TensorRef;
    use half::bf16;

    const MIB: u64 = 1 << 20;

    /// The pieces of a bf16 forward `[1, h, sq, d]` x `[1, 1, sk, d]`, with an f32 additive mask
    /// `[sq, sk]` when `masked` (whose zeros come lazily from the allocator: it is never read).
    fn pieces_of(
        h: usize,
        sq: usize,
        sk: usize,
        d: usize,
        masked: bool,
        limit: u64,
    ) -> Result<[usize; 4]> {
        let q = vec![bf16::ZERO; h * sq * d];
        let kv = vec![bf16::ZERO; sk * d];
        let bias = vec![0.0f32; if masked { sq * sk } else { 1 }];
        let mut attn = Attention::new(
            TensorRef::new(&q, &[1, h, sq, d])?,
            TensorRef::new(&kv, &[1, 1, sk, d])?,
            TensorRef::new(&kv, &[1, 1, sk, d])?,
        );
        if masked {
            attn = attn.mask(Mask {
                kind: MaskKind::Additive,
                tensor: TensorRef::new(&bias, &[sq, sk])?,
            });
        }
        chunk_shape(limit, &crate::validate::problem(&attn)?, None)
    }

    /// Issue 8's example: an f32 mask `[1, 1, 8192, 8192]` (256 MiB) under lavapipe's 128 MiB
    /// runs in two pieces of 4096 rows, every head and key in each (the mask broadcasts over
    /// heads, so splitting them would not help).
    #[test]
    fn a_mask_twice_a_binding_splits_rows_in_two() {
        assert_eq!(
            pieces_of(8, 8192, 8192, 64, true, 128 * MIB).unwrap(),
            [1, 8, 4096, 8192]
        );
    }

    /// K and V of one kv head larger than a binding: keys split (and merged), rows as needed.
    #[test]
    fn long_keys_split_the_keys() {
        // K is 4 MiB of bf16; Q's 16 rows 2 KiB.
        let n = pieces_of(1, 16, 32768, 64, false, MIB).unwrap();
        assert_eq!(n, [1, 1, 16, 8192]);
    }

    /// Q in BSHD layout (4 MiB of bf16, rows interleaving the heads) and O (8.1 MiB of f32)
    /// against 1 MiB: rows split (a piece of fewer heads would stage the same span of Q).
    #[test]
    fn bshd_queries_split_rows_not_heads() {
        let (h, sq, sk, d) = (8, 4096, 64, 64);
        let q = vec![bf16::ZERO; h * sq * d];
        let kv = vec![bf16::ZERO; sk * d];
        let bshd = [(sq * h * d) as isize, d as isize, (h * d) as isize, 1];
        let attn = Attention::new(
            TensorRef::strided(&q, &[1, h, sq, d], &bshd).unwrap(),
            TensorRef::new(&kv, &[1, 1, sk, d]).unwrap(),
            TensorRef::new(&kv, &[1, 1, sk, d]).unwrap(),
        );
        let p = crate::validate::problem(&attn).unwrap();
        assert_eq!(chunk_shape(MIB, &p, None).unwrap(), [1, 8, 256, 64]);
    }

    /// A problem that fits is one piece.
    #[test]
    fn a_problem_that_fits_is_not_split() {
        assert_eq!(
            pieces_of(4, 300, 200, 64, true, 128 * MIB).unwrap(),
            [1, 4, 300, 200]
        );
    }
}
