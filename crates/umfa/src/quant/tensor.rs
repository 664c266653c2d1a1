//! Quantized tensors: a borrowed view ([`QuantTensor`], what pre-quantized inputs are), an owned
//! one ([`QuantizedTensor`], what the runtime quantizer makes), their validation and their
//! dequantization into f32.

use super::int4;
use super::spec::{Granularity, QuantDType};
use crate::error::{Error, Result};
use rayon::prelude::*;

/// Which operand of attention a quantized tensor is: errors name its arguments (`k_scales`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operand {
    Q,
    K,
    V,
}

/// The argument names of one operand's parts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Names {
    pub data: &'static str,
    pub scales: &'static str,
    pub zero_points: &'static str,
    pub mean: &'static str,
    pub block_size: &'static str,
}

impl Operand {
    pub(crate) fn names(self) -> Names {
        match self {
            Operand::Q => Names {
                data: "q",
                scales: "q_scales",
                zero_points: "q_zero_points",
                mean: "q_mean",
                block_size: "q_block_size",
            },
            Operand::K => Names {
                data: "k",
                scales: "k_scales",
                zero_points: "k_zero_points",
                mean: "k_mean",
                block_size: "k_block_size",
            },
            Operand::V => Names {
                data: "v",
                scales: "v_scales",
                zero_points: "v_zero_points",
                mean: "v_mean",
                block_size: "v_block_size",
            },
        }
    }
}

/// A quantized `[B, H, S, D]` host tensor, borrowed. Element `(b, h, s, d)` is the integer at
/// element offset `e = b·strides[0] + h·strides[1] + s·strides[2] + d·strides[3]` (INT4: nibble
/// `e` of the packed bytes) and stands for
///
/// ```text
/// x = (q − zero_point[g]) · scale[g] + mean[b, h, d]
/// ```
///
/// with `g` its scale group ([`Granularity`]; tables are contiguous in the order of
/// `Granularity::table_shape`), zero point 0 when `zero_points` is `None` (symmetric), and mean 0
/// when `mean` is `None` (no smoothing).
#[derive(Clone, Copy, Debug)]
pub struct QuantTensor<'a> {
    pub data: &'a [u8],
    pub dtype: QuantDType,
    pub shape: [usize; 4],
    /// Element strides, all >= 0.
    pub strides: [isize; 4],
    pub granularity: Granularity,
    pub scales: &'a [f32],
    pub zero_points: Option<&'a [i32]>,
    /// The smoothing mean, f32 `[B, H, D]`, added back by dequantization.
    pub mean: Option<&'a [f32]>,
}

impl<'a> QuantTensor<'a> {
    /// A contiguous `[B, H, S, D]` tensor with symmetric scales and no smoothing mean.
    pub fn new(
        data: &'a [u8],
        dtype: QuantDType,
        shape: [usize; 4],
        granularity: Granularity,
        scales: &'a [f32],
    ) -> QuantTensor<'a> {
        let [_, h, s, d] = shape;
        QuantTensor {
            data,
            dtype,
            shape,
            strides: [(h * s * d) as isize, (s * d) as isize, d as isize, 1],
            granularity,
            scales,
            zero_points: None,
            mean: None,
        }
    }
    pub fn with_strides(self, strides: [isize; 4]) -> Self {
        QuantTensor { strides, ..self }
    }
    pub fn with_zero_points(self, zero_points: &'a [i32]) -> Self {
        QuantTensor {
            zero_points: Some(zero_points),
            ..self
        }
    }
    pub fn with_mean(self, mean: &'a [f32]) -> Self {
        QuantTensor {
            mean: Some(mean),
            ..self
        }
    }

    /// Checks everything dequantization relies on; errors name the operand's arguments.
    pub fn validate(&self, operand: Operand) -> Result<()> {
        let n = operand.names();
        self.granularity.check(n.block_size)?;
        if let Some(axis) = self.shape.iter().position(|&x| x == 0) {
            return Err(Error::arg(
                n.data,
                format!("dimension {axis} of shape {:?} is 0", self.shape),
            ));
        }
        if let Some(s) = self.strides.iter().find(|&&s| s < 0) {
            return Err(Error::arg(
                n.data,
                format!("stride {s} is negative; quantized tensors need strides >= 0"),
            ));
        }
        let last: i128 = self
            .shape
            .iter()
            .zip(self.strides)
            .map(|(&len, st)| (len as i128 - 1) * st as i128)
            .sum();
        let need = self.dtype.bytes_for(last as usize + 1);
        if (self.data.len() as i128) < need as i128 {
            return Err(Error::arg(
                n.data,
                format!(
                    "{} buffer holds {} bytes, {need} needed for shape {:?} with strides {:?}{}",
                    self.dtype.name(),
                    self.data.len(),
                    self.shape,
                    self.strides,
                    if self.dtype == QuantDType::Int4 {
                        " (INT4 packs two values per byte)"
                    } else {
                        ""
                    }
                ),
            ));
        }
        let groups = self.granularity.table_len(self.shape);
        let table = self.granularity.table_shape(self.shape);
        if self.scales.len() != groups {
            return Err(Error::arg(
                n.scales,
                format!(
                    "has {} entries, {groups} needed: {} scales of a {:?} tensor form a table {table:?}",
                    self.scales.len(),
                    granularity_words(self.granularity),
                    self.shape
                ),
            ));
        }
        if let Some((i, s)) = self
            .scales
            .iter()
            .enumerate()
            .find(|(_, s)| !(s.is_finite() && **s > 0.0))
        {
            return Err(Error::arg(
                n.scales,
                format!("entry {i} is {s}; scales must be finite and > 0"),
            ));
        }
        if let Some(z) = self.zero_points {
            if z.len() != groups {
                return Err(Error::arg(
                    n.zero_points,
                    format!(
                        "has {} entries, {groups} needed (one per scale, table {table:?})",
                        z.len()
                    ),
                ));
            }
            let (lo, hi) = self.dtype.range();
            if let Some((i, zp)) = z.iter().enumerate().find(|(_, z)| !(lo..=hi).contains(*z)) {
                return Err(Error::arg(
                    n.zero_points,
                    format!(
                        "entry {i} is {zp}, outside the {} range [{lo}, {hi}]",
                        self.dtype.name()
                    ),
                ));
            }
        }
        if let Some(m) = self.mean {
            let [b, h, _, d] = self.shape;
            if m.len() != b * h * d {
                return Err(Error::arg(
                    n.mean,
                    format!(
                        "has {} entries, {} needed (f32 [B, H, D] = [{b}, {h}, {d}])",
                        m.len(),
                        b * h * d
                    ),
                ));
            }
            if let Some((i, x)) = m.iter().enumerate().find(|(_, x)| !x.is_finite()) {
                return Err(Error::arg(n.mean, format!("entry {i} is {x}")));
            }
        }
        Ok(())
    }

    /// The integer at element offset `e`.
    #[inline(always)]
    pub(crate) fn int_at(&self, e: usize) -> i32 {
        match self.dtype {
            QuantDType::Int8 => self.data[e] as i8 as i32,
            QuantDType::Int4 => int4::get(self.data, e) as i32,
        }
    }

    /// Dequantizes into a new contiguous f32 `[B, H, S, D]` buffer, one head per task. Validate
    /// first: this indexes the tables and the data as `validate` proved possible.
    pub fn dequantize(&self) -> Vec<f32> {
        let [_, heads, rows, cols] = self.shape;
        let per_head = rows * cols;
        let gph = self.granularity.groups_per_head(self.shape);
        let mut out = vec![0.0f32; self.shape.iter().product()];
        let body = |(bh, dst): (usize, &mut [f32])| {
            let (b, h) = (bh / heads, bh % heads);
            let base = b as isize * self.strides[0] + h as isize * self.strides[1];
            let table = if self.granularity == Granularity::PerTensor {
                0
            } else {
                bh * gph
            };
            let mean = self.mean.map(|m| &m[bh * cols..(bh + 1) * cols]);
            for r in 0..rows {
                let row = &mut dst[r * cols..(r + 1) * cols];
                let rb = base + r as isize * self.strides[2];
                let cs = self.strides[3];
                if self.dtype == QuantDType::Int8 && cs == 1 && gph_is_row_uniform(self.granularity)
                {
                    // The common case, a contiguous INT8 row with one scale: a loop the compiler
                    // vectorises.
                    let g = table + self.granularity.group_in_head(r, 0);
                    let (s, z) = (self.scales[g], self.zero_points.map_or(0, |z| z[g]));
                    let src = &self.data[rb as usize..rb as usize + cols];
                    for (o, &q) in row.iter_mut().zip(src) {
                        *o = (q as i8 as i32 - z) as f32 * s;
                    }
                } else {
                    for (c, o) in row.iter_mut().enumerate() {
                        let g = table + self.granularity.group_in_head(r, c);
                        let (s, z) = (self.scales[g], self.zero_points.map_or(0, |z| z[g]));
                        let q = self.int_at((rb + c as isize * cs) as usize);
                        *o = (q - z) as f32 * s;
                    }
                }
                if let Some(m) = mean {
                    for (o, &m) in row.iter_mut().zip(m) {
                        *o += m;
                    }
                }
            }
        };
        if out.len() >= 1 << 15 {
            out.par_chunks_mut(per_head).enumerate().for_each(body);
        } else {
            out.chunks_mut(per_head).enumerate().for_each(body);
        }
        out
    }

    /// Bytes of the data plus the scale, zero-point and mean tables.
    pub fn storage_bytes(&self) -> usize {
        self.dtype.bytes_for(self.shape.iter().product())
            + 4 * self.scales.len()
            + 4 * self.zero_points.map_or(0, |z| z.len())
            + 4 * self.mean.map_or(0, |m| m.len())
    }
}

/// Whether every element of a row shares one scale group.
fn gph_is_row_uniform(g: Granularity) -> bool {
    !matches!(g, Granularity::PerChannel)
}

fn granularity_words(g: Granularity) -> String {
    match g {
        Granularity::PerTensor => "per-tensor".into(),
        Granularity::PerRow => "per-row".into(),
        Granularity::PerBlock(n) => format!("per-block ({n} tokens)"),
        Granularity::PerChannel => "per-channel".into(),
    }
}

/// A quantized tensor that owns its data and tables (contiguous `[B, H, S, D]`), as the runtime
/// quantizer makes it.
#[derive(Clone, Debug, PartialEq)]
pub struct QuantizedTensor {
    pub data: Vec<u8>,
    pub dtype: QuantDType,
    pub shape: [usize; 4],
    pub granularity: Granularity,
    pub scales: Vec<f32>,
    pub zero_points: Option<Vec<i32>>,
    pub mean: Option<Vec<f32>>,
}

impl QuantizedTensor {
    pub fn view(&self) -> QuantTensor<'_> {
        let mut t = QuantTensor::new(
            &self.data,
            self.dtype,
            self.shape,
            self.granularity,
            &self.scales,
        );
        t.zero_points = self.zero_points.as_deref();
        t.mean = self.mean.as_deref();
        t
    }
    pub fn dequantize(&self) -> Vec<f32> {
        self.view().dequantize()
    }
    /// The integer values, unpacked, in `[B, H, S, D]` order.
    pub fn values(&self) -> Vec<i8> {
        let n = self.shape.iter().product();
        match self.dtype {
            QuantDType::Int8 => self.data.iter().map(|&b| b as i8).collect(),
            QuantDType::Int4 => int4::unpack(&self.data, n),
        }
    }
}
