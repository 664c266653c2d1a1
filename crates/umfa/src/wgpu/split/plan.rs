//! Choosing the pieces: the storage bindings a problem needs and the extents that fit them.

use super::{sub_problem, Piece};
use crate::error::{Error, Result};
use crate::params::MaskKind;
use crate::problem::{BackwardTask, ForwardTask, Problem};
use crate::wgpu_backend::device::Gpu;
use crate::wgpu_backend::stage::span_bytes;

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
pub(super) fn chunk_shape(
    limit: u64,
    p: &Problem,
    bwd: Option<&BackwardTask>,
) -> Result<[usize; 4]> {
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
pub(super) fn ranges(total: usize, step: usize) -> Vec<(usize, usize)> {
    let step = step.max(1);
    (0..total)
        .step_by(step)
        .map(|s| (s, step.min(total - s)))
        .collect()
}

/// The extents of the pieces `forward` runs `task` in (batches, query heads, query rows, keys).
pub fn forward_pieces(gpu: &Gpu, task: &ForwardTask) -> Result<[usize; 4]> {
    chunk_shape(gpu.max_binding(), &task.problem, None)
}

/// The blocks of whole batches and kv heads of pieces of extents `n` (batches, query heads,
/// rows, keys), every row and key, each with its pieces of query heads: the block itself, or
/// the heads of its one kv head in parts of `n[1]`.
pub(super) fn blocks(p: &Problem, n: [usize; 4]) -> Vec<(Piece, Vec<Piece>)> {
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
