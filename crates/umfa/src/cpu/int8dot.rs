//! `S = Q·Kᵀ` on quantized Q and K with AVX512-VNNI's `vpdpbusd`: four 8-bit products summed
//! into each i32 lane per instruction, four times the multiply rate of f32 FMA and twice that of
//! `vdpbf16ps`. The integer sums are exact; the scales are applied once per score afterwards,
//! so the logits equal those of attention on the dequantized operands to f32 rounding.
//!
//! Which operands qualify ([`unsupported`]): Q and K INT8 symmetric, or INT4 with or without
//! zero points (`q − z` of two INT4 values lies in [-15, 15]), with one scale per row or key
//! (per tensor, row or block); K may be smoothed (its mean adds `scale · deq(q)·mean` to every
//! score of a row, computed here once per row). Per-channel scales do not factor out of the
//! integer sum, asymmetric INT8 leaves the i8 range, and a smoothed Q adds a term per key: those
//! are dequantized instead.
//!
//! `vpdpbusd` multiplies unsigned bytes by signed ones, so K is stored offset by 128 and each
//! row's sum is corrected by `128 · Σ_d q` (exact in i32: |Σ| ≤ 512 · 255 · 128 < 2³¹).
//!
//! Layouts: Q rows as quads `[B·Hq][rows padded][quads]` (four signed bytes per `u32`, channels
//! padded with 0); K as panels `[B·Hkv][keys/32][quads][32 keys][4]` of `(k − z) + 128`.

use super::pack::{round_up, Packed};
use super::parallel::for_each_chunk;
use crate::quant::{Granularity, QuantDType, QuantTensor};

/// Keys per panel: two 16-lane vectors.
pub(crate) const NR: usize = 32;

/// Whether this CPU has `vpdpbusd` on 512-bit vectors.
pub(crate) fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512vnni")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Why Q and K cannot take the integer product, or `None` if they can.
pub(crate) fn unsupported(q: &QuantTensor, k: &QuantTensor) -> Option<&'static str> {
    // `q − z` must fit a signed byte: INT8 without zero points, or INT4 with or without.
    let fits_i8 = |t: &QuantTensor| t.zero_points.is_none() || t.dtype == QuantDType::Int4;
    if !fits_i8(q) || !fits_i8(k) {
        return Some(
            "asymmetric INT8 Q or K (zero points) do not factor out of the integer product",
        );
    }
    if q.granularity == Granularity::PerChannel || k.granularity == Granularity::PerChannel {
        return Some("per-channel scales do not factor out of the integer product");
    }
    if q.mean.is_some() {
        return Some("a smoothed Q adds a per-key term to the scores (only K smoothing is exact)");
    }
    None
}

/// The factors of one Q row's scores.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RowFactor {
    /// `softmax scale · q scale`.
    pub scale: f32,
    /// `128 · Σ_d (q − z)`: what K's offset added to the integer sum.
    pub offset: i32,
    /// `softmax scale · Σ_d deq(q)_d · mean_k,d`: K's smoothing mean's share of every score of
    /// the row (0 without smoothing).
    pub bias: f32,
}

/// Quantized Q and K laid out for [`panels_product`], with their per-row and per-key factors.
pub(crate) struct Int8Operands {
    /// Q rows as quads of `q − z`, `rows_pad` rows per (b, head).
    pub q: Packed<u32>,
    pub quads: usize,
    pub rows_pad: usize,
    /// Per Q row, `[B·Hq][rows_pad]` (padding rows all 0).
    pub q_rows: Vec<RowFactor>,
    /// K as panels of `(k − z) + 128`.
    pub k: Packed<u8>,
    /// Per key, `[B·Hkv][keys padded to NR]`: K's scale (0 for padding keys).
    pub k_scale: Vec<f32>,
    pub keys_pad: usize,
}

impl Int8Operands {
    /// Offset of head (b, h)'s first entry in `q_rows`.
    pub fn q_row(&self, b: usize, h: usize) -> usize {
        (b * self.q.heads + h) * self.rows_pad
    }
    /// Offset of head (b, hk)'s first entry in `k_scale`.
    pub fn k_row(&self, b: usize, hk: usize) -> usize {
        (b * self.k.heads + hk) * self.keys_pad
    }
}

/// A quantized operand's integers minus their zero points, and its scales, row by row.
struct Rows<'t> {
    t: &'t QuantTensor<'t>,
}

impl Rows<'_> {
    /// The scale-table entry of row `r` of head (b, h) (validated: every granularity but per
    /// channel has one per row).
    fn group(&self, b: usize, h: usize, r: usize) -> usize {
        match self.t.granularity {
            Granularity::PerTensor => 0,
            g => {
                let gph = g.groups_per_head(self.t.shape);
                (b * self.t.shape[1] + h) * gph + g.group_in_head(r, 0)
            }
        }
    }
    /// Row `r` of head (b, h) as `q − z` into `dst` (`shape[3]` values); returns its scale.
    fn read(&self, b: usize, h: usize, r: usize, dst: &mut [i32]) -> f32 {
        let t = self.t;
        let g = self.group(b, h, r);
        let z = t.zero_points.map_or(0, |z| z[g]);
        let base =
            b as isize * t.strides[0] + h as isize * t.strides[1] + r as isize * t.strides[2];
        for (c, x) in dst.iter_mut().enumerate() {
            *x = t.int_at((base + c as isize * t.strides[3]) as usize) - z;
        }
        t.scales[g]
    }
}

/// Packs Q and K; `scale` is the softmax scale, `group` the query heads per kv head. Both
/// operands must be validated and pass [`unsupported`].
pub(crate) fn pack(
    q: &QuantTensor,
    k: &QuantTensor,
    scale: f32,
    group: usize,
    row_pad: usize,
    flops: f64,
) -> Int8Operands {
    let [batch, heads_q, seq_q, d] = q.shape;
    let [_, heads_kv, seq_kv, _] = k.shape;
    let quads = d.div_ceil(4);
    let rows_pad = round_up(seq_q, row_pad);
    let keys_pad = round_up(seq_kv, NR);

    // Q: the quads, then the factors of each row (reading the integers again: O(S·D)).
    let (qr, kr) = (Rows { t: q }, Rows { t: k });
    let mut q_packed = vec![0u32; batch * heads_q * rows_pad * quads];
    for_each_chunk(&mut q_packed, rows_pad * quads, flops, |bh, dst| {
        let (b, h) = (bh / heads_q, bh % heads_q);
        let mut row = vec![0i32; d];
        for (r, quad_row) in dst.chunks_mut(quads).take(seq_q).enumerate() {
            qr.read(b, h, r, &mut row);
            for (quad, chunk) in quad_row.iter_mut().zip(row.chunks(4)) {
                *quad = chunk
                    .iter()
                    .enumerate()
                    .fold(0u32, |w, (i, &x)| w | (x as i8 as u8 as u32) << (8 * i));
            }
        }
    });
    let mut q_rows = vec![RowFactor::default(); batch * heads_q * rows_pad];
    for_each_chunk(&mut q_rows, rows_pad, flops, |bh, dst| {
        let (b, h) = (bh / heads_q, bh % heads_q);
        let hk = h / group;
        let mean = k
            .mean
            .map(|m| &m[(b * heads_kv + hk) * d..(b * heads_kv + hk + 1) * d]);
        let mut row = vec![0i32; d];
        for (r, f) in dst[..seq_q].iter_mut().enumerate() {
            let s = qr.read(b, h, r, &mut row);
            let bias = mean.map_or(0.0, |m| {
                let dot: f64 = row.iter().zip(m).map(|(&x, &m)| x as f64 * m as f64).sum();
                (scale as f64 * s as f64 * dot) as f32
            });
            *f = RowFactor {
                scale: scale * s,
                offset: 128 * row.iter().sum::<i32>(),
                bias,
            };
        }
    });

    // K: panels of offset bytes, then the per-key scales.
    let per_head = keys_pad * quads * 4;
    let mut k_data = vec![0u8; batch * heads_kv * per_head];
    for_each_chunk(&mut k_data, per_head, flops, |bh, dst| {
        let (b, hk) = (bh / heads_kv, bh % heads_kv);
        let mut row = vec![0i32; d];
        for j in 0..seq_kv {
            kr.read(b, hk, j, &mut row);
            let (p, lane) = (j / NR, j % NR);
            for (c, &x) in row.iter().enumerate() {
                dst[((p * quads + c / 4) * NR + lane) * 4 + c % 4] = (x + 128) as u8;
            }
        }
    });
    let mut k_scale = vec![0f32; batch * heads_kv * keys_pad];
    for (bh, scales) in k_scale.chunks_mut(keys_pad).enumerate() {
        let (b, hk) = (bh / heads_kv, bh % heads_kv);
        for (j, s) in scales[..seq_kv].iter_mut().enumerate() {
            *s = k.scales[kr.group(b, hk, j)];
        }
    }
    Int8Operands {
        q: Packed {
            data: q_packed,
            per_head: rows_pad * quads,
            heads: heads_q,
        },
        quads,
        rows_pad,
        q_rows,
        k: Packed {
            data: k_data,
            per_head,
            heads: heads_kv,
        },
        k_scale,
        keys_pad,
    }
}

/// `C[rows x 32·panels] = ((A·Bᵀ − offset) · scale_row · scale_key) + bias_row` over row blocks
/// of MR (`rows` a multiple of MR), A the Q quads, B the offset K panels.
///
/// # Safety
/// The CPU must have AVX512-VNNI (`available()`); `a` holds `rows` rows of `quads` quads and
/// `rows` entries in `rows_f`, `panels` `n_panels` panels of `quads` quads,
/// `key_scale` `32·n_panels` entries, `c` `rows` rows of stride `ldc`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512vnni")]
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn panels_product<const MR: usize>(
    a: *const u32,
    quads: usize,
    rows: usize,
    rows_f: *const RowFactor,
    panels: *const u8,
    n_panels: usize,
    key_scale: *const f32,
    c: *mut f32,
    ldc: usize,
) {
    use std::arch::x86_64::*;
    for p in 0..n_panels {
        let b = panels.add(p * quads * NR * 4);
        let ks0 = _mm512_loadu_ps(key_scale.add(p * NR));
        let ks1 = _mm512_loadu_ps(key_scale.add(p * NR + 16));
        for rb in (0..rows).step_by(MR) {
            let mut acc0 = [_mm512_setzero_si512(); MR];
            let mut acc1 = [_mm512_setzero_si512(); MR];
            for t in 0..quads {
                let bt = b.add(t * NR * 4);
                let b0 = _mm512_loadu_si512(bt as *const _);
                let b1 = _mm512_loadu_si512(bt.add(64) as *const _);
                for r in 0..MR {
                    let x = _mm512_set1_epi32(*a.add((rb + r) * quads + t) as i32);
                    acc0[r] = _mm512_dpbusd_epi32(acc0[r], b0, x);
                    acc1[r] = _mm512_dpbusd_epi32(acc1[r], b1, x);
                }
            }
            for r in 0..MR {
                let row = rb + r;
                let f = *rows_f.add(row);
                let (off, qs) = (_mm512_set1_epi32(f.offset), _mm512_set1_ps(f.scale));
                let bias = _mm512_set1_ps(f.bias);
                let s0 = _mm512_cvtepi32_ps(_mm512_sub_epi32(acc0[r], off));
                let s1 = _mm512_cvtepi32_ps(_mm512_sub_epi32(acc1[r], off));
                let out = c.add(row * ldc + p * NR);
                _mm512_storeu_ps(out, _mm512_fmadd_ps(_mm512_mul_ps(s0, ks0), qs, bias));
                _mm512_storeu_ps(
                    out.add(16),
                    _mm512_fmadd_ps(_mm512_mul_ps(s1, ks1), qs, bias),
                );
            }
        }
    }
}
