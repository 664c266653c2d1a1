//! `S = Q·Kᵀ` for bf16 inputs with AVX512-BF16's `vdpbf16ps`: two bf16 products per f32 lane
//! per instruction, twice the multiply rate of f32 FMA. The products of bf16 values are exact
//! and summed in f32, so the logits match the f32 path to f32 rounding — no precision is lost,
//! the inputs already were bf16. (P·V stays in f32: P is not a bf16 value.)
//!
//! Layouts: query rows as bf16 pairs `[rows][pairs]` (one `u32` per pair of head-dim elements);
//! keys as panels `[Sk/32][pairs][32 keys][2]`, zero-padded.

use super::pack::{round_up, Packed};
use super::parallel::for_each_chunk;
use crate::problem::View4;

/// Keys per panel: two 16-lane vectors.
pub(crate) const NR: usize = 32;

/// Whether this CPU has `vdpbf16ps`.
pub(crate) fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512bf16")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// The raw bf16 bits of element `(b, h, r, c)` of a bf16 view.
#[inline(always)]
fn bits(view: &View4, b: usize, h: usize, r: usize, c: usize) -> u16 {
    // SAFETY: validation proved every element of the view lies inside its buffer.
    unsafe {
        (view.ptr as *const u16)
            .offset(view.offset(b, h, r, c))
            .read_unaligned()
    }
}

/// Reads row `r` of head (b, h) of a bf16 view as pairs into `dst` (`pairs` u32, zero-padded).
pub(crate) fn read_pairs(view: &View4, b: usize, h: usize, r: usize, cols: usize, dst: &mut [u32]) {
    for (t, pair) in dst.iter_mut().enumerate() {
        let lo = if 2 * t < cols {
            bits(view, b, h, r, 2 * t)
        } else {
            0
        };
        let hi = if 2 * t + 1 < cols {
            bits(view, b, h, r, 2 * t + 1)
        } else {
            0
        };
        *pair = lo as u32 | (hi as u32) << 16;
    }
}

/// Packs `rows` rows of every (b, head) as bf16 pairs `[round_up(rows, row_pad)][pairs]`.
pub(crate) fn row_pairs(
    view: &View4,
    batch: usize,
    heads: usize,
    rows: usize,
    cols: usize,
    row_pad: usize,
    flops: f64,
) -> Packed<u32> {
    let pairs = cols.div_ceil(2);
    let per_head = round_up(rows, row_pad) * pairs;
    let mut data = vec![0u32; batch * heads * per_head];
    for_each_chunk(&mut data, per_head, flops, |bh, dst| {
        let (b, h) = (bh / heads, bh % heads);
        for r in 0..rows {
            read_pairs(view, b, h, r, cols, &mut dst[r * pairs..(r + 1) * pairs]);
        }
    });
    Packed {
        data,
        per_head,
        heads,
    }
}

/// Packs the keys of every (b, kv head) into bf16 panels.
pub(crate) fn key_panels(
    view: &View4,
    batch: usize,
    heads: usize,
    keys: usize,
    cols: usize,
    flops: f64,
) -> Packed<u16> {
    let pairs = cols.div_ceil(2);
    let per_head = round_up(keys, NR) * pairs * 2;
    let mut data = vec![0u16; batch * heads * per_head];
    for_each_chunk(&mut data, per_head, flops, |bh, dst| {
        let (b, h) = (bh / heads, bh % heads);
        for j in 0..keys {
            let (p, lane) = (j / NR, j % NR);
            for c in 0..cols {
                let (t, half) = (c / 2, c % 2);
                dst[((p * pairs + t) * NR + lane) * 2 + half] = bits(view, b, h, j, c);
            }
        }
    });
    Packed {
        data,
        per_head,
        heads,
    }
}

/// `C[rows x 32·panels] = scale · A·Bᵀ` over row blocks of MR (`rows` a multiple of MR).
///
/// # Safety
/// The CPU must have AVX512-BF16 (`available()`); `a` holds `rows` rows of `lda` pairs, `panels`
/// `n_panels` panels of `pairs` pairs, `c` `rows` rows of stride `ldc`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bf16")]
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn panels_product<const MR: usize>(
    a: *const u32,
    lda: usize,
    rows: usize,
    panels: *const u16,
    n_panels: usize,
    pairs: usize,
    scale: f32,
    c: *mut f32,
    ldc: usize,
) {
    use std::arch::x86_64::*;
    let sv = _mm512_set1_ps(scale);
    for p in 0..n_panels {
        let b = panels.add(p * pairs * NR * 2);
        for rb in (0..rows).step_by(MR) {
            let mut acc0 = [_mm512_setzero_ps(); MR];
            let mut acc1 = [_mm512_setzero_ps(); MR];
            for t in 0..pairs {
                let bt = b.add(t * NR * 2);
                let b0: __m512bh = std::mem::transmute(_mm512_loadu_si512(bt as *const _));
                let b1: __m512bh = std::mem::transmute(_mm512_loadu_si512(bt.add(32) as *const _));
                for r in 0..MR {
                    let x = *a.add((rb + r) * lda + t);
                    let xv: __m512bh = std::mem::transmute(_mm512_set1_epi32(x as i32));
                    acc0[r] = _mm512_dpbf16_ps(acc0[r], xv, b0);
                    acc1[r] = _mm512_dpbf16_ps(acc1[r], xv, b1);
                }
            }
            for r in 0..MR {
                let row = c.add((rb + r) * ldc + p * NR);
                _mm512_storeu_ps(row, _mm512_mul_ps(acc0[r], sv));
                _mm512_storeu_ps(row.add(16), _mm512_mul_ps(acc1[r], sv));
            }
        }
    }
}

/// Rounds `rows` rows of `cols` probabilities (`cols` a multiple of 32, row stride `ld`) to bf16
/// pairs of consecutive keys, `dst` rows of stride `ldd` pairs.
///
/// # Safety
/// The CPU must have AVX512-BF16; `p` and `dst` must hold the rows described.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bf16")]
pub(crate) unsafe fn round_pairs(
    p: *const f32,
    ld: usize,
    rows: usize,
    cols: usize,
    dst: *mut u32,
    ldd: usize,
) {
    use std::arch::x86_64::*;
    for r in 0..rows {
        for c in (0..cols).step_by(32) {
            let lo = _mm512_loadu_ps(p.add(r * ld + c));
            let hi = _mm512_loadu_ps(p.add(r * ld + c + 16));
            // Lanes 0..16 from `lo`, 16..32 from `hi`: keys in order, so each u32 is a pair of
            // consecutive keys, the lower key in the low half.
            let pairs = std::mem::transmute::<__m512bh, __m512i>(_mm512_cvtne2ps_pbh(hi, lo));
            _mm512_storeu_si512(dst.add(r * ldd + c / 2) as *mut _, pairs);
        }
    }
}

/// `C[rows x cols] += A·B` over row blocks of MR (`rows` a multiple of MR, `cols` of 16): `A`
/// bf16 pairs `[rows][pairs]` (stride `lda`), `B` bf16 pairs of consecutive rows `[pairs][cols]`
/// (stride `ldb`), products summed in f32 by `vdpbf16ps`.
///
/// # Safety
/// The CPU must have AVX512-BF16; the operands must hold the shapes described.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bf16")]
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn pairs_accumulate<const MR: usize>(
    a: *const u32,
    lda: usize,
    rows: usize,
    b: *const u32,
    ldb: usize,
    pairs: usize,
    c: *mut f32,
    ldc: usize,
    cols: usize,
) {
    for rb in (0..rows).step_by(MR) {
        let (a, c) = (a.add(rb * lda), c.add(rb * ldc));
        let mut c0 = 0;
        while c0 + 32 <= cols {
            pairs_block::<MR, 2>(a, lda, b.add(c0), ldb, pairs, c.add(c0), ldc);
            c0 += 32;
        }
        if c0 < cols {
            pairs_block::<MR, 1>(a, lda, b.add(c0), ldb, pairs, c.add(c0), ldc);
        }
    }
}

/// One MR × 16·VECS block of [`pairs_accumulate`], its accumulators in registers.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bf16")]
#[inline]
#[allow(clippy::needless_range_loop)]
unsafe fn pairs_block<const MR: usize, const VECS: usize>(
    a: *const u32,
    lda: usize,
    b: *const u32,
    ldb: usize,
    pairs: usize,
    c: *mut f32,
    ldc: usize,
) {
    use std::arch::x86_64::*;
    let mut acc = [[_mm512_setzero_ps(); VECS]; MR];
    for r in 0..MR {
        for v in 0..VECS {
            acc[r][v] = _mm512_loadu_ps(c.add(r * ldc + 16 * v));
        }
    }
    for t in 0..pairs {
        let bh = |x: __m512i| std::mem::transmute::<__m512i, __m512bh>(x);
        let mut bv = [bh(_mm512_setzero_si512()); VECS];
        for v in 0..VECS {
            bv[v] = bh(_mm512_loadu_si512(b.add(t * ldb + 16 * v) as *const _));
        }
        for r in 0..MR {
            let x = bh(_mm512_set1_epi32(*a.add(r * lda + t) as i32));
            for v in 0..VECS {
                acc[r][v] = _mm512_dpbf16_ps(acc[r][v], x, bv[v]);
            }
        }
    }
    for r in 0..MR {
        for v in 0..VECS {
            _mm512_storeu_ps(c.add(r * ldc + 16 * v), acc[r][v]);
        }
    }
}

/// Packs the rows of every (b, head) of a bf16 view as pairs of consecutive rows:
/// `[round_up(rows, row_pad) / 2][ld]` u32, element (t, c) holding rows 2t (low half) and 2t + 1
/// of column c, zero-padded (`row_pad` even, `ld >= cols`). The `B` operand of
/// [`pairs_accumulate`] for `O += P·V`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn row_pair_panels(
    view: &View4,
    batch: usize,
    heads: usize,
    rows: usize,
    cols: usize,
    row_pad: usize,
    ld: usize,
    flops: f64,
) -> Packed<u32> {
    let per_head = round_up(rows, row_pad) / 2 * ld;
    let mut data = vec![0u32; batch * heads * per_head];
    for_each_chunk(&mut data, per_head, flops, |bh, dst| {
        let (b, h) = (bh / heads, bh % heads);
        for r in 0..rows {
            let shift = 16 * (r % 2);
            let line = &mut dst[r / 2 * ld..r / 2 * ld + cols];
            for (c, w) in line.iter_mut().enumerate() {
                *w |= (bits(view, b, h, r, c) as u32) << shift;
            }
        }
    });
    Packed {
        data,
        per_head,
        heads,
    }
}
