//! Element types: what a tensor's bytes mean.

use half::{bf16, f16};

/// The element type of a tensor.
///
/// Attention inputs and outputs are `F16`, `BF16` or `F32`; `U8` exists for boolean masks
/// (nonzero = attend) and block-mask tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DType {
    F16,
    BF16,
    F32,
    U8,
}

impl DType {
    /// Bytes per element.
    pub const fn size_bytes(self) -> usize {
        match self {
            DType::F16 | DType::BF16 => 2,
            DType::F32 => 4,
            DType::U8 => 1,
        }
    }

    /// Whether the type can hold attention inputs and outputs.
    pub const fn is_float(self) -> bool {
        !matches!(self, DType::U8)
    }

    /// The conventional short name (`"bf16"`), as used by the CLI and the C ABI's string API.
    pub const fn name(self) -> &'static str {
        match self {
            DType::F16 => "f16",
            DType::BF16 => "bf16",
            DType::F32 => "f32",
            DType::U8 => "u8",
        }
    }

    /// Parses `f16|fp16|half`, `bf16`, `f32|fp32|float`, `u8|bool|byte`.
    pub fn parse(name: &str) -> Option<DType> {
        match name.to_ascii_lowercase().as_str() {
            "f16" | "fp16" | "half" | "float16" => Some(DType::F16),
            "bf16" | "bfloat16" => Some(DType::BF16),
            "f32" | "fp32" | "float" | "float32" => Some(DType::F32),
            "u8" | "bool" | "byte" | "uint8" => Some(DType::U8),
            _ => None,
        }
    }
}

impl std::fmt::Display for DType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A Rust scalar type that can be the element of a tensor.
pub trait Element: Copy + Send + Sync + 'static {
    const DTYPE: DType;
    fn to_f32(self) -> f32;
    fn from_f32(x: f32) -> Self;
}

impl Element for f32 {
    const DTYPE: DType = DType::F32;
    #[inline(always)]
    fn to_f32(self) -> f32 {
        self
    }
    #[inline(always)]
    fn from_f32(x: f32) -> Self {
        x
    }
}

impl Element for f16 {
    const DTYPE: DType = DType::F16;
    #[inline(always)]
    fn to_f32(self) -> f32 {
        f16::to_f32(self)
    }
    #[inline(always)]
    fn from_f32(x: f32) -> Self {
        f16::from_f32(x)
    }
}

impl Element for bf16 {
    const DTYPE: DType = DType::BF16;
    #[inline(always)]
    fn to_f32(self) -> f32 {
        bf16::to_f32(self)
    }
    #[inline(always)]
    fn from_f32(x: f32) -> Self {
        bf16::from_f32(x)
    }
}

impl Element for u8 {
    const DTYPE: DType = DType::U8;
    #[inline(always)]
    fn to_f32(self) -> f32 {
        self as f32
    }
    #[inline(always)]
    fn from_f32(x: f32) -> Self {
        x as u8
    }
}

/// Reads element `index` of a buffer of `dtype` as f32. `bytes` must hold it.
#[inline(always)]
pub(crate) fn load_f32(bytes: *const u8, dtype: DType, index: isize) -> f32 {
    // SAFETY: callers pass indices that validation proved lie inside the buffer.
    unsafe {
        match dtype {
            DType::F32 => (bytes as *const f32).offset(index).read_unaligned(),
            DType::F16 => (bytes as *const f16)
                .offset(index)
                .read_unaligned()
                .to_f32(),
            DType::BF16 => (bytes as *const bf16)
                .offset(index)
                .read_unaligned()
                .to_f32(),
            DType::U8 => *bytes.offset(index) as f32,
        }
    }
}

/// Writes `x` rounded to `dtype` at element `index`.
#[inline(always)]
pub(crate) fn store_f32(bytes: *mut u8, dtype: DType, index: isize, x: f32) {
    // SAFETY: as for `load_f32`; output tensors are validated writable and inside their buffer.
    unsafe {
        match dtype {
            DType::F32 => (bytes as *mut f32).offset(index).write_unaligned(x),
            DType::F16 => (bytes as *mut f16)
                .offset(index)
                .write_unaligned(f16::from_f32(x)),
            DType::BF16 => (bytes as *mut bf16)
                .offset(index)
                .write_unaligned(bf16::from_f32(x)),
            DType::U8 => *bytes.offset(index) = x as u8,
        }
    }
}
