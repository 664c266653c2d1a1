//! What a quantized tensor is: its integer type, how its scales are grouped, and whether it has
//! zero points or a smoothing mean.

use crate::error::{Error, Result};

/// The integer type of quantized values. Both are signed, two's complement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuantDType {
    /// One value per byte, in `[-128, 127]`.
    Int8,
    /// Two values per byte in `[-8, 7]`: element `2i` in the low nibble, `2i + 1` in the high.
    Int4,
}

impl QuantDType {
    /// The representable range `(min, max)`.
    pub const fn range(self) -> (i32, i32) {
        match self {
            QuantDType::Int8 => (-128, 127),
            QuantDType::Int4 => (-8, 7),
        }
    }
    pub const fn bits(self) -> usize {
        match self {
            QuantDType::Int8 => 8,
            QuantDType::Int4 => 4,
        }
    }
    /// Bytes that `count` values occupy (INT4: two per byte, rounded up).
    pub const fn bytes_for(self, count: usize) -> usize {
        (count * self.bits()).div_ceil(8)
    }
    pub const fn name(self) -> &'static str {
        match self {
            QuantDType::Int8 => "int8",
            QuantDType::Int4 => "int4",
        }
    }
    /// Parses `int8|i8`, `int4|i4`.
    pub fn parse(name: &str) -> Option<QuantDType> {
        match name.to_ascii_lowercase().as_str() {
            "int8" | "i8" => Some(QuantDType::Int8),
            "int4" | "i4" => Some(QuantDType::Int4),
            _ => None,
        }
    }
}

/// How scales (and zero points) are shared over a `[B, H, S, D]` tensor. Every granularity but
/// `PerTensor` is per head: heads never share a scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Granularity {
    /// One scale for the whole tensor: a table of 1.
    PerTensor,
    /// One scale per token (row) of each head: `[B, H, S]`.
    PerRow,
    /// One scale per block of this many consecutive tokens of each head:
    /// `[B, H, ceil(S / block)]`. SageAttention's granularity.
    PerBlock(usize),
    /// One scale per channel (column `d`) of each head, over all its tokens: `[B, H, D]`.
    PerChannel,
}

impl Granularity {
    /// The shape of the scale table of a `[b, h, s, d]` tensor.
    pub fn table_shape(self, [b, h, s, d]: [usize; 4]) -> Vec<usize> {
        match self {
            Granularity::PerTensor => vec![1],
            Granularity::PerRow => vec![b, h, s],
            Granularity::PerBlock(n) => vec![b, h, s.div_ceil(n.max(1))],
            Granularity::PerChannel => vec![b, h, d],
        }
    }
    /// Entries of the scale table of a `[b, h, s, d]` tensor.
    pub fn table_len(self, dims: [usize; 4]) -> usize {
        self.table_shape(dims).iter().product()
    }
    /// Scale groups within one head (`PerTensor`: 1, shared by every head).
    pub(crate) fn groups_per_head(self, [_, _, s, d]: [usize; 4]) -> usize {
        match self {
            Granularity::PerTensor => 1,
            Granularity::PerRow => s,
            Granularity::PerBlock(n) => s.div_ceil(n.max(1)),
            Granularity::PerChannel => d,
        }
    }
    /// The group of element `(row, col)` within its head.
    #[inline(always)]
    pub(crate) fn group_in_head(self, row: usize, col: usize) -> usize {
        match self {
            Granularity::PerTensor => 0,
            Granularity::PerRow => row,
            Granularity::PerBlock(n) => row / n,
            Granularity::PerChannel => col,
        }
    }
    /// The name used by the Python API and the docs.
    pub fn name(self) -> &'static str {
        match self {
            Granularity::PerTensor => "tensor",
            Granularity::PerRow => "row",
            Granularity::PerBlock(_) => "block",
            Granularity::PerChannel => "channel",
        }
    }
    /// From a name (`tensor`, `row`/`token`, `block`, `channel`) and, for `block`, its size.
    pub fn parse(name: &str, block_size: usize) -> Result<Granularity> {
        let g = match name.to_ascii_lowercase().as_str() {
            "tensor" | "per_tensor" => Granularity::PerTensor,
            "row" | "token" | "per_row" | "per_token" => Granularity::PerRow,
            "block" | "per_block" => Granularity::PerBlock(block_size),
            "channel" | "per_channel" => Granularity::PerChannel,
            other => {
                return Err(Error::arg(
                    "granularity",
                    format!("is {other:?}; expected \"tensor\", \"row\", \"block\" or \"channel\""),
                ))
            }
        };
        g.check("block_size")?;
        Ok(g)
    }
    /// A block size of 0 is an error naming `arg`.
    pub(crate) fn check(self, arg: &'static str) -> Result<()> {
        if self == Granularity::PerBlock(0) {
            return Err(Error::arg(
                arg,
                "is 0; per-block quantization needs a block of at least one token",
            ));
        }
        Ok(())
    }
}

/// How the runtime quantizer quantizes one operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct QuantSpec {
    pub dtype: QuantDType,
    pub granularity: Granularity,
    /// Symmetric: zero point 0, scale = max|x| / qmax. Asymmetric: the group's [min, max]
    /// spans the whole integer range, with a zero point.
    pub symmetric: bool,
    /// Subtract the per-channel mean over the sequence (per head) before quantizing, and keep
    /// it: dequantization adds it back, so only the residual carries quantization error.
    pub smooth: bool,
}

impl QuantSpec {
    /// Symmetric INT8 with the given granularity, no smoothing.
    pub fn int8(granularity: Granularity) -> QuantSpec {
        QuantSpec {
            dtype: QuantDType::Int8,
            granularity,
            symmetric: true,
            smooth: false,
        }
    }
    /// Symmetric INT4 with the given granularity, no smoothing.
    pub fn int4(granularity: Granularity) -> QuantSpec {
        QuantSpec {
            dtype: QuantDType::Int4,
            ..QuantSpec::int8(granularity)
        }
    }
    pub fn smoothed(self, smooth: bool) -> QuantSpec {
        QuantSpec { smooth, ..self }
    }
    pub fn asymmetric(self) -> QuantSpec {
        QuantSpec {
            symmetric: false,
            ..self
        }
    }
    /// `int8/block64/sym/smooth`.
    pub fn label(&self) -> String {
        let g = match self.granularity {
            Granularity::PerBlock(n) => format!("block{n}"),
            g => g.name().to_string(),
        };
        format!(
            "{}/{g}/{}{}",
            self.dtype.name(),
            if self.symmetric { "sym" } else { "asym" },
            if self.smooth { "/smooth" } else { "" }
        )
    }
}

/// Which operands the runtime quantizer quantizes, and how; `None` leaves one in floating point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct QuantConfig {
    pub q: Option<QuantSpec>,
    pub k: Option<QuantSpec>,
    pub v: Option<QuantSpec>,
}

impl QuantConfig {
    /// SageAttention (v1) style: Q INT8 per block of 128 tokens, K INT8 per block of 64 tokens
    /// with smoothing, V unquantized.
    pub fn sage() -> QuantConfig {
        QuantConfig {
            q: Some(QuantSpec::int8(Granularity::PerBlock(128))),
            k: Some(QuantSpec::int8(Granularity::PerBlock(64)).smoothed(true)),
            v: None,
        }
    }
    /// `q=...; k=...; v=...` (`f` for an unquantized operand).
    pub fn label(&self) -> String {
        let l = |s: &Option<QuantSpec>| s.map_or("float".to_string(), |s| s.label());
        format!("q {} · k {} · v {}", l(&self.q), l(&self.k), l(&self.v))
    }
}
