//! Reading a DLPack capsule (`obj.__dlpack__()`) into umfa's tensor descriptor, without copying
//! and without consuming it: the producer's capsule destructor still frees its `DLManagedTensor`,
//! and the caller's object keeps the memory alive for the call.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use std::os::raw::c_void;

#[repr(C)]
struct DLDevice {
    device_type: i32,
    device_id: i32,
}

#[repr(C)]
struct DLDataType {
    code: u8,
    bits: u8,
    lanes: u16,
}

#[repr(C)]
struct DLTensor {
    data: *mut c_void,
    device: DLDevice,
    ndim: i32,
    dtype: DLDataType,
    shape: *const i64,
    strides: *const i64,
    byte_offset: u64,
}

/// The head of `DLManagedTensor` (unversioned DLPack, capsule name "dltensor").
#[repr(C)]
struct DLManagedTensor {
    dl_tensor: DLTensor,
}

const KDL_CPU: i32 = 1;
const KDL_CUDA: i32 = 2;
const KDL_CUDA_HOST: i32 = 3;
const KDL_UINT: u8 = 1;
const KDL_FLOAT: u8 = 2;
const KDL_BFLOAT: u8 = 4;
const KDL_BOOL: u8 = 6;

/// The descriptor `(data_ptr, nbytes, dtype, shape, element_strides, device_type, device_index)`
/// of the tensor in a DLPack capsule. `dtype` overrides the element type name (boolean masks are
/// read as bytes).
#[pyfunction]
#[pyo3(signature = (capsule, arg, dtype=None))]
pub fn dlpack_describe(
    capsule: &Bound<'_, PyAny>,
    arg: &str,
    dtype: Option<String>,
) -> PyResult<super::Desc> {
    let err = |m: String| PyValueError::new_err(format!("{arg}: {m}"));
    let capsule = capsule
        .cast::<PyCapsule>()
        .map_err(|_| err("expected a DLPack capsule from __dlpack__()".into()))?;
    if !capsule.is_valid_checked(Some(c"dltensor")) {
        return Err(err(
            "the capsule is not a live \"dltensor\" (already consumed, or not DLPack)".into(),
        ));
    }
    let managed = capsule.pointer_checked(Some(c"dltensor"))?.as_ptr() as *const DLManagedTensor;
    // SAFETY: a "dltensor" capsule holds a live DLManagedTensor (the DLPack protocol); its shape
    // and strides arrays hold `ndim` entries.
    let t = unsafe { &(*managed).dl_tensor };
    if t.ndim < 0 || t.ndim > 4 {
        return Err(err(format!("has {} dimensions, at most 4 allowed", t.ndim)));
    }
    let ndim = t.ndim as usize;
    let shape: Vec<usize> = (0..ndim)
        .map(|d| unsafe { *t.shape.add(d) })
        .map(|n| usize::try_from(n).map_err(|_| err(format!("negative size {n}"))))
        .collect::<PyResult<_>>()?;
    let strides: Vec<isize> = if t.strides.is_null() {
        // Compact row-major.
        let mut s = vec![1isize; ndim];
        for d in (0..ndim.saturating_sub(1)).rev() {
            s[d] = s[d + 1] * shape[d + 1].max(1) as isize;
        }
        s
    } else {
        (0..ndim)
            .map(|d| unsafe { *t.strides.add(d) } as isize)
            .collect()
    };
    if strides.iter().any(|&s| s < 0) {
        return Err(err("negative strides are not supported".into()));
    }
    if t.dtype.lanes != 1 {
        return Err(err(format!(
            "vector dtypes (lanes = {}) are not supported",
            t.dtype.lanes
        )));
    }
    let name = match (t.dtype.code, t.dtype.bits) {
        (KDL_FLOAT, 16) => "f16",
        (KDL_FLOAT, 32) => "f32",
        (KDL_BFLOAT, 16) => "bf16",
        (KDL_UINT, 8) | (KDL_BOOL, 8) => "u8",
        (code, bits) => {
            return Err(err(format!(
                "DLPack dtype (code {code}, {bits} bits) is not supported (float16, bfloat16, float32, bool/uint8 masks)"
            )))
        }
    };
    let device = match t.device.device_type {
        KDL_CPU | KDL_CUDA_HOST => "cpu",
        KDL_CUDA => "cuda",
        other => {
            return Err(err(format!(
                "DLPack device type {other} is not supported (CPU, CUDA)"
            )))
        }
    };
    let item = (t.dtype.bits / 8) as usize;
    let span = if shape.contains(&0) {
        0
    } else {
        1 + shape
            .iter()
            .zip(&strides)
            .map(|(&n, &s)| (n - 1) * s as usize)
            .sum::<usize>()
    };
    let ptr = t.data as usize + t.byte_offset as usize;
    Ok((
        ptr,
        span * item,
        dtype.unwrap_or_else(|| name.to_string()),
        shape,
        strides,
        device.to_string(),
        t.device.device_id.max(0) as u32,
    ))
}
