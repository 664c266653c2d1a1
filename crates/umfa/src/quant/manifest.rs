//! The layout manifest: where a quantized tensor's data and each of its tables live in one byte
//! arena, so a caller can hand the whole thing to another process, file or device as one buffer
//! and find every scale table again.

use super::spec::{Granularity, QuantDType};
use super::tensor::{QuantTensor, QuantizedTensor};
use crate::error::{Error, Result};

/// Sections start at multiples of this many bytes (a cache line; enough for any vector load).
pub const SECTION_ALIGN: usize = 64;

/// The element type of a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SectionType {
    /// Quantized values (INT8, or INT4 packed two per byte).
    Quantized(QuantDType),
    F32,
    I32,
}

/// One section of an arena.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// `"{prefix}data"`, `"{prefix}scales"`, `"{prefix}zero_points"`, `"{prefix}mean"`.
    pub name: String,
    pub elem: SectionType,
    /// Logical shape (data: `[B, H, S, D]`; tables: `Granularity::table_shape`; mean `[B, H, D]`).
    pub shape: Vec<usize>,
    /// Byte offset in the arena, a multiple of [`SECTION_ALIGN`].
    pub offset: usize,
    pub bytes: usize,
}

/// The sections of an arena, in order, plus what dequantization needs to read them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    pub sections: Vec<Section>,
    pub granularity: Granularity,
    pub total_bytes: usize,
}

impl Manifest {
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }
}

fn le_bytes<T: Copy, const N: usize>(v: &[T], f: impl Fn(T) -> [u8; N]) -> Vec<u8> {
    v.iter().flat_map(|&x| f(x)).collect()
}

impl QuantizedTensor {
    /// The tensor as one byte arena (little-endian tables) and its manifest; section names start
    /// with `prefix` (e.g. `"k_"`).
    pub fn to_arena(&self, prefix: &str) -> (Vec<u8>, Manifest) {
        let mut parts: Vec<(String, SectionType, Vec<usize>, Vec<u8>)> = vec![
            (
                format!("{prefix}data"),
                SectionType::Quantized(self.dtype),
                self.shape.to_vec(),
                self.data.clone(),
            ),
            (
                format!("{prefix}scales"),
                SectionType::F32,
                self.granularity.table_shape(self.shape),
                le_bytes(&self.scales, f32::to_le_bytes),
            ),
        ];
        if let Some(z) = &self.zero_points {
            parts.push((
                format!("{prefix}zero_points"),
                SectionType::I32,
                self.granularity.table_shape(self.shape),
                le_bytes(z, i32::to_le_bytes),
            ));
        }
        if let Some(m) = &self.mean {
            parts.push((
                format!("{prefix}mean"),
                SectionType::F32,
                vec![self.shape[0], self.shape[1], self.shape[3]],
                le_bytes(m, f32::to_le_bytes),
            ));
        }
        let mut arena = Vec::new();
        let mut sections = Vec::new();
        for (name, elem, shape, bytes) in parts {
            arena.resize(arena.len().next_multiple_of(SECTION_ALIGN), 0);
            sections.push(Section {
                name,
                elem,
                shape,
                offset: arena.len(),
                bytes: bytes.len(),
            });
            arena.extend_from_slice(&bytes);
        }
        let total_bytes = arena.len();
        (
            arena,
            Manifest {
                sections,
                granularity: self.granularity,
                total_bytes,
            },
        )
    }

    /// Reads a tensor back from an arena and its manifest (sections named with `prefix`).
    pub fn from_arena(arena: &[u8], manifest: &Manifest, prefix: &str) -> Result<QuantizedTensor> {
        let get = |what: &str| -> Result<Option<(&Section, &[u8])>> {
            let Some(s) = manifest.section(&format!("{prefix}{what}")) else {
                return Ok(None);
            };
            let bytes = arena.get(s.offset..s.offset + s.bytes).ok_or_else(|| {
                Error::arg(
                    "arena",
                    format!(
                        "holds {} bytes; section {} needs {}..{}",
                        arena.len(),
                        s.name,
                        s.offset,
                        s.offset + s.bytes
                    ),
                )
            })?;
            Ok(Some((s, bytes)))
        };
        let f32s = |b: &[u8]| -> Vec<f32> {
            b.chunks_exact(4)
                .map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes")))
                .collect()
        };
        let (ds, data) = get("data")?
            .ok_or_else(|| Error::arg("manifest", format!("has no section {prefix}data")))?;
        let SectionType::Quantized(dtype) = ds.elem else {
            return Err(Error::arg(
                "manifest",
                format!("{prefix}data is not quantized"),
            ));
        };
        let shape: [usize; 4] = ds
            .shape
            .clone()
            .try_into()
            .map_err(|_| Error::arg("manifest", format!("{prefix}data is not 4-D")))?;
        let (_, scales) = get("scales")?
            .ok_or_else(|| Error::arg("manifest", format!("has no section {prefix}scales")))?;
        let t = QuantizedTensor {
            data: data.to_vec(),
            dtype,
            shape,
            granularity: manifest.granularity,
            scales: f32s(scales),
            zero_points: get("zero_points")?.map(|(_, b)| {
                b.chunks_exact(4)
                    .map(|c| i32::from_le_bytes(c.try_into().expect("4 bytes")))
                    .collect()
            }),
            mean: get("mean")?.map(|(_, b)| f32s(b)),
        };
        let view: QuantTensor = t.view();
        view.validate(super::Operand::K)
            .map_err(|e| Error::arg("manifest", format!("describes an invalid tensor: {e}")))?;
        Ok(t)
    }
}
