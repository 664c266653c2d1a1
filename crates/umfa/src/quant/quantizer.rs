//! The runtime quantizer: f16/bf16/f32 → INT8 or packed INT4, with scales (and zero points, and
//! a smoothing mean) per tensor, row, block or channel.
//!
//! Per group: symmetric scale = max|x| / qmax and zero point 0; asymmetric scale =
//! (max − min) / (qmax − qmin) and zero point round(qmin − min / scale), the range widened to
//! hold 0. A value quantizes to
//! `clamp(round_half_even(x / scale) + zero_point, qmin, qmax)`. A group of zeros gets scale 1.

use super::int4;
use super::smooth;
use super::spec::{Granularity, QuantDType, QuantSpec};
use super::tensor::QuantizedTensor;
use crate::dtype::{load_f32, DType};
use crate::error::{Error, Result};
use crate::tensor::{Device, TensorRef};
use half::slice::HalfFloatSliceExt;
use rayon::prelude::*;

/// Reads a host float `[B, H, S, D]` tensor (any strides) into a contiguous f32 buffer, checking
/// what the quantizer needs: 4-D, float, host memory, inside its buffer, finite values.
pub fn read_f32(x: &TensorRef, arg: &'static str) -> Result<(Vec<f32>, [usize; 4])> {
    let (out, shape) = widen_f32(x, arg)?;
    let [_, heads, rows, cols] = shape;
    // The first non-finite value: chunks scanned in parallel (an element-wise parallel search
    // costs more than the serial scan), the first chunk with one wins.
    const CHUNK: usize = 1 << 16;
    let first_bad = out
        .par_chunks(CHUNK)
        .enumerate()
        .filter_map(|(n, c)| c.iter().position(|v| !v.is_finite()).map(|i| n * CHUNK + i))
        .min();
    if let Some(i) = first_bad {
        let (d, s, h) = (i % cols, i / cols % rows, i / (cols * rows) % heads);
        let b = i / (cols * rows * heads);
        return Err(Error::arg(
            arg,
            format!(
                "element [{b}, {h}, {s}, {d}] is {}; only finite values can be quantized",
                out[i]
            ),
        ));
    }
    Ok((out, shape))
}

/// Reads a host float `[B, H, S, D]` tensor (any strides) into a contiguous f32 buffer.
pub fn widen_f32(x: &TensorRef, arg: &'static str) -> Result<(Vec<f32>, [usize; 4])> {
    let shape: [usize; 4] = x.shape().try_into().map_err(|_| {
        Error::arg(
            arg,
            format!(
                "must have 4 dimensions [batch, heads, seq_len, head_dim], got {:?}",
                x.shape()
            ),
        )
    })?;
    if !x.dtype().is_float() {
        return Err(Error::arg(
            arg,
            format!(
                "dtype is {}; the quantizer reads f16, bf16 or f32",
                x.dtype()
            ),
        ));
    }
    if x.device() != Device::Cpu {
        return Err(Error::arg(
            arg,
            format!(
                "is on {:?}; the runtime quantizer reads host memory (a device quantizer is \
                 not implemented yet)",
                x.device()
            ),
        ));
    }
    if let Some(axis) = shape.iter().position(|&n| n == 0) {
        return Err(Error::arg(arg, format!("dimension {axis} has size 0")));
    }
    if x.ptr().is_null() {
        return Err(Error::arg(arg, "data pointer is null"));
    }
    let (lo, hi) = x
        .layout()
        .offset_range()
        .ok_or_else(|| Error::arg(arg, "is empty"))?;
    let available = (x.len_bytes() / x.dtype().size_bytes()) as i128;
    if lo < 0 || hi >= available {
        return Err(Error::arg(
            arg,
            format!(
                "shape {:?} with strides {:?} reaches elements {lo}..={hi}, outside the buffer of {available}",
                x.shape(),
                x.strides()
            ),
        ));
    }
    let st = x.strides();
    let [_, heads, rows, cols] = shape;
    let mut out = vec![0.0f32; shape.iter().product()];
    let (ptr, dtype) = (x.ptr() as usize, x.dtype());
    out.par_chunks_mut(rows * cols)
        .enumerate()
        .for_each(|(bh, dst)| {
            let (b, h) = (bh / heads, bh % heads);
            for r in 0..rows {
                let base = b as isize * st[0] + h as isize * st[1] + r as isize * st[2];
                read_row(
                    ptr as *const u8,
                    dtype,
                    base,
                    st[3],
                    &mut dst[r * cols..(r + 1) * cols],
                );
            }
        });
    Ok((out, shape))
}

/// Reads `dst.len()` elements from element offset `base` with stride `cs` as f32: contiguous
/// rows convert as slices (vectorised), others element by element.
fn read_row(ptr: *const u8, dtype: DType, base: isize, cs: isize, dst: &mut [f32]) {
    let n = dst.len();
    // SAFETY (contiguous arms): the caller checked the tensor's extent inside its buffer.
    match dtype {
        DType::F32 if cs == 1 => dst.copy_from_slice(unsafe {
            std::slice::from_raw_parts((ptr as *const f32).offset(base), n)
        }),
        DType::F16 if cs == 1 => {
            unsafe { std::slice::from_raw_parts((ptr as *const half::f16).offset(base), n) }
                .convert_to_f32_slice(dst)
        }
        DType::BF16 if cs == 1 => {
            unsafe { std::slice::from_raw_parts((ptr as *const half::bf16).offset(base), n) }
                .convert_to_f32_slice(dst)
        }
        _ => {
            for (c, d) in dst.iter_mut().enumerate() {
                *d = load_f32(ptr, dtype, base + c as isize * cs);
            }
        }
    }
}

/// Round half to even without a library call: adding and subtracting 1.5·2²³ leaves the
/// nearest integer (ties to even, the default rounding mode) for |x| < 2²²; larger inputs are
/// clamped first, far beyond any quantized range.
#[inline(always)]
fn round_even(x: f32) -> f32 {
    const MAGIC: f32 = 12_582_912.0;
    (x.clamp(-4.0e6, 4.0e6) + MAGIC) - MAGIC
}

/// Scale and zero point of a group whose values span `[min, max]`.
fn group_params(min: f32, max: f32, dtype: QuantDType, symmetric: bool) -> (f32, i32) {
    let (qmin, qmax) = dtype.range();
    let positive = |s: f32| if s > 0.0 && s.is_finite() { s } else { 1.0 };
    if symmetric || max <= min {
        let amax = min.abs().max(max.abs());
        return (positive(amax / qmax as f32), 0);
    }
    // The range always holds 0, so the zero point is an integer in range (as PyTorch does).
    let (min, max) = (min.min(0.0), max.max(0.0));
    let scale = positive((max as f64 - min as f64) as f32 / (qmax - qmin) as f32);
    let zp = (qmin as f32 - min / scale).round_ties_even() as i32;
    (scale, zp.clamp(qmin, qmax))
}

/// Clipping ratios INT4 groups choose from. With 16 levels the rounding error of the bulk of a
/// group outweighs the clipping error of its few extreme values, so a range somewhat narrower
/// than [min, max] reconstructs the group better; INT8's 256 levels leave nothing to gain.
const INT4_CLIPS: [f32; 7] = [1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7];

/// The integer `v` quantizes to with `(scale, zp)`.
#[inline(always)]
fn quantize_one(v: f32, (scale, zp): (f32, i32), (qmin, qmax): (i32, i32)) -> i8 {
    (round_even(v / scale) as i32 + zp).clamp(qmin, qmax) as i8
}

/// Quantizes `v` with `(scale, zp)` and returns the value it reconstructs to.
#[inline(always)]
fn round_trip(v: f32, (scale, zp): (f32, i32), (qmin, qmax): (i32, i32)) -> f32 {
    (quantize_one(v, (scale, zp), (qmin, qmax)) as i32 - zp) as f32 * scale
}

/// INT4 group parameters: per group, the clipping ratio of [`INT4_CLIPS`] whose quantization
/// has the least squared error over the group's values.
fn clipped_params(
    x: &[f32],
    [_, _, s, d]: [usize; 4],
    g: Granularity,
    ranges: &[(f32, f32)],
    symmetric: bool,
) -> Vec<(f32, i32)> {
    let dtype = QuantDType::Int4;
    let range = dtype.range();
    let gph = ranges.len().min(g.groups_per_head([0, 0, s, d]));
    let candidates: Vec<Vec<(f32, i32)>> = ranges
        .iter()
        .map(|&(lo, hi)| {
            INT4_CLIPS
                .iter()
                .map(|&r| group_params(lo * r, hi * r, dtype, symmetric))
                .collect()
        })
        .collect();
    let n = INT4_CLIPS.len();
    // Squared errors per (group, candidate), head by head, in a fixed order the device quantizer
    // follows too (so both choose alike): per row, the row's values of the group in column
    // order; per run of `MEAN_RUN_ROWS` rows (from row 0 of the head), its rows' partial sums in
    // row order; per group, its runs' sums in run order (per tensor then the heads' sums in head
    // order). Every sum starts from 0.0.
    let per_channel = g == Granularity::PerChannel;
    let per_head: Vec<Vec<f64>> = x
        .par_chunks(s * d)
        .enumerate()
        .map(|(bh, head)| {
            let table = if g == Granularity::PerTensor {
                0
            } else {
                bh * gph
            };
            let mut sse = vec![0.0f64; gph * n];
            let mut run_sse = vec![0.0f64; gph * n];
            for (run_i, run) in head.chunks(smooth::MEAN_RUN_ROWS * d).enumerate() {
                let r0 = run_i * smooth::MEAN_RUN_ROWS;
                let touched = if per_channel {
                    0..gph
                } else {
                    g.group_in_head(r0, 0)..g.group_in_head(r0 + run.len() / d - 1, 0) + 1
                };
                run_sse[touched.start * n..touched.end * n].fill(0.0);
                for (ri, row) in run.chunks(d).enumerate() {
                    if per_channel {
                        for (c, &v) in row.iter().enumerate() {
                            for (k, &p) in candidates[table + c].iter().enumerate() {
                                let e = (v - round_trip(v, p, range)) as f64;
                                run_sse[c * n + k] += e * e;
                            }
                        }
                    } else {
                        let gi = g.group_in_head(r0 + ri, 0);
                        let mut row_sse = [0.0f64; INT4_CLIPS.len()];
                        for &v in row {
                            for (k, &p) in candidates[table + gi].iter().enumerate() {
                                let e = (v - round_trip(v, p, range)) as f64;
                                row_sse[k] += e * e;
                            }
                        }
                        for (a, r) in run_sse[gi * n..(gi + 1) * n].iter_mut().zip(row_sse) {
                            *a += r;
                        }
                    }
                }
                for (a, r) in sse[touched.start * n..touched.end * n]
                    .iter_mut()
                    .zip(&run_sse[touched.start * n..touched.end * n])
                {
                    *a += r;
                }
            }
            sse
        })
        .collect();
    let sse: Vec<f64> = if g == Granularity::PerTensor {
        per_head.iter().fold(vec![0.0; n], |mut a, h| {
            a.iter_mut().zip(h).for_each(|(a, b)| *a += b);
            a
        })
    } else {
        per_head.concat()
    };
    candidates
        .iter()
        .zip(sse.chunks(n))
        .map(|(cands, errs)| {
            // The first (widest) candidate wins ties.
            let best = errs
                .iter()
                .enumerate()
                .fold(0, |b, (k, &e)| if e < errs[b] { k } else { b });
            cands[best]
        })
        .collect()
}

/// The `(min, max)` of each scale group of one head's `[S, D]` rows (`gph` groups).
fn head_ranges(head: &[f32], d: usize, g: Granularity, gph: usize) -> Vec<(f32, f32)> {
    let mut r = vec![(f32::INFINITY, f32::NEG_INFINITY); gph];
    for (row_i, row) in head.chunks(d).enumerate() {
        if g == Granularity::PerChannel {
            for (e, &v) in r.iter_mut().zip(row) {
                *e = (e.0.min(v), e.1.max(v));
            }
        } else {
            let (lo, hi) = row
                .iter()
                .fold((f32::INFINITY, f32::NEG_INFINITY), |a, &v| {
                    (a.0.min(v), a.1.max(v))
                });
            let e = &mut r[g.group_in_head(row_i, 0)];
            *e = (e.0.min(lo), e.1.max(hi));
        }
    }
    r
}

/// Quantizes every head of `x` into `dst` with the groups' `params`, element by element through
/// `out` (to a byte or an INT4 value).
fn quantize_heads<T: Send>(
    x: &[f32],
    dst: &mut [T],
    [_, _, s, d]: [usize; 4],
    g: Granularity,
    params: &[(f32, i32)],
    range: (i32, i32),
    out: impl Fn(i8) -> T + Sync,
) {
    let gph = g.groups_per_head([0, 0, s, d]);
    dst.par_chunks_mut(s * d)
        .zip(x.par_chunks(s * d))
        .enumerate()
        .for_each(|(bh, (dst, head))| {
            let table = if g == Granularity::PerTensor {
                0
            } else {
                bh * gph
            };
            for (row_i, (drow, row)) in dst.chunks_mut(d).zip(head.chunks(d)).enumerate() {
                if g == Granularity::PerChannel {
                    for (c, (o, &v)) in drow.iter_mut().zip(row).enumerate() {
                        *o = out(quantize_one(v, params[table + c], range));
                    }
                } else {
                    // One group per row: a loop the compiler vectorises.
                    let p = params[table + g.group_in_head(row_i, 0)];
                    for (o, &v) in drow.iter_mut().zip(row) {
                        *o = out(quantize_one(v, p, range));
                    }
                }
            }
        });
}

/// One head's smoothing mean (empty without smoothing) and group ranges.
struct HeadStats {
    mean: Vec<f32>,
    ranges: Vec<(f32, f32)>,
}

/// Quantizes a contiguous f32 `[B, H, S, D]` buffer (consumed: smoothing works in place).
pub fn quantize_f32(
    mut x: Vec<f32>,
    shape: [usize; 4],
    spec: &QuantSpec,
) -> Result<QuantizedTensor> {
    spec.granularity.check("block_size")?;
    let [b, h, s, d] = shape;
    let g = spec.granularity;
    let gph = g.groups_per_head(shape);
    // Per head, in parallel: the smoothing mean (subtracted in place), then the group ranges.
    // Each head's sums keep the fixed order of `smooth::channel_mean`.
    let per_head: Vec<HeadStats> = x
        .par_chunks_mut(s * d)
        .map(|head| {
            let mean = if spec.smooth {
                let m = smooth::head_mean(head, d);
                smooth::subtract_head_mean(head, &m);
                m
            } else {
                Vec::new()
            };
            let ranges = head_ranges(head, d, g, gph);
            HeadStats { mean, ranges }
        })
        .collect();
    let mean = spec.smooth.then(|| {
        per_head
            .iter()
            .flat_map(|h| h.mean.iter().copied())
            .collect()
    });
    let mut ranges: Vec<(f32, f32)> = per_head.into_iter().flat_map(|h| h.ranges).collect();
    if g == Granularity::PerTensor {
        ranges = vec![ranges
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |a, r| {
                (a.0.min(r.0), a.1.max(r.1))
            })];
    }
    let params = if spec.dtype == QuantDType::Int4 {
        clipped_params(&x, shape, g, &ranges, spec.symmetric)
    } else {
        ranges
            .iter()
            .map(|&(lo, hi)| group_params(lo, hi, spec.dtype, spec.symmetric))
            .collect()
    };
    let range = spec.dtype.range();
    let data = match spec.dtype {
        QuantDType::Int8 => {
            let mut data = vec![0u8; x.len()];
            quantize_heads(&x, &mut data, shape, g, &params, range, |q| q as u8);
            data
        }
        QuantDType::Int4 => {
            let mut ints = vec![0i8; x.len()];
            quantize_heads(&x, &mut ints, shape, g, &params, range, |q| q);
            // Packed in pieces of an even number of values, so each piece's bytes are whole.
            ints.par_chunks(1 << 16).flat_map_iter(int4::pack).collect()
        }
    };
    debug_assert_eq!(params.len(), g.table_len([b, h, s, d]));
    Ok(QuantizedTensor {
        data,
        dtype: spec.dtype,
        shape,
        granularity: g,
        scales: params.iter().map(|p| p.0).collect(),
        zero_points: (!spec.symmetric).then(|| params.iter().map(|p| p.1).collect()),
        mean,
    })
}

/// Quantizes a host float `[B, H, S, D]` tensor; `arg` names it in errors.
pub fn quantize(x: &TensorRef, spec: &QuantSpec, arg: &'static str) -> Result<QuantizedTensor> {
    let (values, shape) = read_f32(x, arg)?;
    quantize_f32(values, shape, spec)
}
