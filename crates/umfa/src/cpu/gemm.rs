//! Register-blocked matrix micro-kernels, the two shapes attention needs:
//!
//! * `panel_product`: `C[MR x NR] = A[MR x depth] · B` with `A` row-major (each element
//!   broadcast) and `B` a packed panel `[depth][NR]`, `NR = 2 * LANES`. Used for `S = Q·Kᵀ` and
//!   `dP = dO·Vᵀ`, where K and V are packed into panels once per head.
//! * `rows_accumulate`: `C[MR x NR] += A[MR x depth] · B[depth x NR]` with `B` row-major. Used
//!   for `O += P·V`, `dV += Pᵀ·dO`, `dK += dSᵀ·Q` and `dQ += dS·K`.
//!
//! `MR` rows × two vectors of accumulators stay in registers across the whole depth loop.

// Index loops over the register arrays are the clearest form here: their bounds are constants, so
// LLVM unrolls them and the arrays stay in registers.
#![allow(clippy::needless_range_loop)]

use super::simd::Simd;

/// `C[r][0..2L] = sum_k A[r][k] * B[k][0..2L]` for `r < MR`; `B` is a panel of row stride 2L.
///
/// # Safety
/// `a` valid for MR rows of stride `lda` and `depth` columns; `b` for `depth * 2L` floats;
/// `c` for MR rows of stride `ldc` and 2L columns.
#[inline(always)]
pub(crate) unsafe fn panel_product<S: Simd, const MR: usize>(
    a: *const f32,
    lda: usize,
    b: *const f32,
    depth: usize,
    c: *mut f32,
    ldc: usize,
) {
    let mut acc0 = [S::splat(0.0); MR];
    let mut acc1 = [S::splat(0.0); MR];
    for k in 0..depth {
        let b0 = S::load(b.add(k * 2 * S::LANES));
        let b1 = S::load(b.add(k * 2 * S::LANES + S::LANES));
        for r in 0..MR {
            let x = S::splat(*a.add(r * lda + k));
            acc0[r] = S::fma(x, b0, acc0[r]);
            acc1[r] = S::fma(x, b1, acc1[r]);
        }
    }
    for r in 0..MR {
        S::store(c.add(r * ldc), acc0[r]);
        S::store(c.add(r * ldc + S::LANES), acc1[r]);
    }
}

/// `C[r][0..W] += sum_k A[r][k] * B[k][0..W]` for `r < MR`, with `W = VECS * LANES`.
///
/// # Safety
/// `a`: element (r, k) at `r * a_rs + k * a_ks` for r < MR, k < depth (so a transposed operand
/// needs no copy); `b`: `depth` rows of stride `ldb`, W columns;
/// `c`: MR rows of stride `ldc`, W columns.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn rows_accumulate<S: Simd, const MR: usize, const VECS: usize>(
    a: *const f32,
    a_rs: usize,
    a_ks: usize,
    b: *const f32,
    ldb: usize,
    depth: usize,
    c: *mut f32,
    ldc: usize,
) {
    let mut acc = [[S::splat(0.0); VECS]; MR];
    for r in 0..MR {
        for v in 0..VECS {
            acc[r][v] = S::load(c.add(r * ldc + v * S::LANES));
        }
    }
    for k in 0..depth {
        let mut bv = [S::splat(0.0); VECS];
        for v in 0..VECS {
            bv[v] = S::load(b.add(k * ldb + v * S::LANES));
        }
        for r in 0..MR {
            let x = S::splat(*a.add(r * a_rs + k * a_ks));
            for v in 0..VECS {
                acc[r][v] = S::fma(x, bv[v], acc[r][v]);
            }
        }
    }
    for r in 0..MR {
        for v in 0..VECS {
            S::store(c.add(r * ldc + v * S::LANES), acc[r][v]);
        }
    }
}

/// `C[rows x 2L·panels] = A[rows x depth] · Bpanels`; rows beyond the last whole block of MR
/// go through a one-row kernel.
///
/// # Safety
/// As `panel_product`, for every block.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn panels_product<S: Simd, const MR: usize>(
    a: *const f32,
    lda: usize,
    rows: usize,
    panels: *const f32,
    n_panels: usize,
    depth: usize,
    c: *mut f32,
    ldc: usize,
) {
    let nr = 2 * S::LANES;
    let whole = rows / MR * MR;
    for p in 0..n_panels {
        let b = panels.add(p * depth * nr);
        for rb in (0..whole).step_by(MR) {
            panel_product::<S, MR>(
                a.add(rb * lda),
                lda,
                b,
                depth,
                c.add(rb * ldc + p * nr),
                ldc,
            );
        }
        for r in whole..rows {
            panel_product::<S, 1>(a.add(r * lda), lda, b, depth, c.add(r * ldc + p * nr), ldc);
        }
    }
}

/// One block of MR rows of `matmul_accumulate`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn row_block<S: Simd, const MR: usize>(
    a: *const f32,
    (a_rs, a_ks): (usize, usize),
    b: *const f32,
    ldb: usize,
    depth: usize,
    width: usize,
    c: *mut f32,
    ldc: usize,
) {
    let mut col = 0;
    while col + 2 * S::LANES <= width {
        rows_accumulate::<S, MR, 2>(a, a_rs, a_ks, b.add(col), ldb, depth, c.add(col), ldc);
        col += 2 * S::LANES;
    }
    if col < width {
        rows_accumulate::<S, MR, 1>(a, a_rs, a_ks, b.add(col), ldb, depth, c.add(col), ldc);
    }
}

/// `C[rows x width] += A[rows x depth] · B[depth x width]`, `width` a multiple of LANES, with
/// A's element (r, k) at `r * a_strides.0 + k * a_strides.1`; rows beyond the last whole block of
/// MR go through a one-row kernel.
///
/// # Safety
/// As `rows_accumulate`, for every block.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn matmul_accumulate<S: Simd, const MR: usize>(
    a: *const f32,
    a_strides: (usize, usize),
    rows: usize,
    b: *const f32,
    ldb: usize,
    depth: usize,
    width: usize,
    c: *mut f32,
    ldc: usize,
) {
    let whole = rows / MR * MR;
    let at = |r: usize| a.add(r * a_strides.0);
    for rb in (0..whole).step_by(MR) {
        row_block::<S, MR>(
            at(rb),
            a_strides,
            b,
            ldb,
            depth,
            width,
            c.add(rb * ldc),
            ldc,
        );
    }
    for r in whole..rows {
        row_block::<S, 1>(at(r), a_strides, b, ldb, depth, width, c.add(r * ldc), ldc);
    }
}
