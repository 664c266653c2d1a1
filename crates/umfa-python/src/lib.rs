//! `umfa._umfa`: the native half of the Python package `umfa`.
//!
//! The functions here take tensors as plain descriptors — `(data_ptr, nbytes, dtype, shape,
//! element_strides, device_type, device_index)` tuples — so the Python side can describe NumPy
//! arrays and torch tensors alike without this crate depending on either. Every call validates
//! through the core (`umfa::validate`), computes with the GIL released, and maps errors to the
//! Python exception classes defined in `umfa/_errors.py`.

mod dlpack;
mod merge;
mod quant;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use umfa::{
    Attention, AttentionParams, BackendKind, BackwardInputs, CausalAlign, DType, Device,
    ForwardOutputs, Gradients, Layout, Mask, MaskKind, TensorMut, TensorRef, Window,
};

/// A tensor as Python describes it; see the module documentation.
type Desc = (usize, usize, String, Vec<usize>, Vec<isize>, String, u32);

/// A descriptor checked for what the core cannot check: the dtype name, the device name and the
/// rank bound of `Layout`.
struct Raw {
    ptr: usize,
    nbytes: usize,
    dtype: DType,
    layout: Layout,
    device: Device,
}

fn raw(arg: &str, d: Desc) -> PyResult<Raw> {
    let (ptr, nbytes, dtype, shape, strides, device_type, index) = d;
    let dtype = DType::parse(&dtype)
        .ok_or_else(|| PyValueError::new_err(format!("{arg}: unknown dtype {dtype:?}")))?;
    let device = match device_type.as_str() {
        "cpu" => Device::Cpu,
        "cuda" => Device::Cuda(index),
        "wgpu" => Device::Wgpu(index),
        other => {
            return Err(PyValueError::new_err(format!(
                "{arg}: unknown device type {other:?}"
            )))
        }
    };
    let layout = Layout::strided(&shape, &strides)
        .map_err(|e| PyValueError::new_err(format!("{arg}: {e}")))?;
    Ok(Raw {
        ptr,
        nbytes,
        dtype,
        layout,
        device,
    })
}

impl Raw {
    /// # Safety
    /// The descriptor must describe live memory that stays valid (and, for outputs, unaliased)
    /// for the duration of the call; the Python wrappers hold references to the owning objects.
    unsafe fn view<'a>(&self) -> TensorRef<'a> {
        TensorRef::from_raw(
            self.ptr as *const u8,
            self.nbytes,
            self.device,
            self.dtype,
            self.layout,
        )
    }
    /// # Safety
    /// As for [`Raw::view`].
    unsafe fn view_mut<'a>(&self) -> TensorMut<'a> {
        TensorMut::from_raw(
            self.ptr as *mut u8,
            self.nbytes,
            self.device,
            self.dtype,
            self.layout,
        )
    }
}

fn opt_raw(arg: &str, d: Option<Desc>) -> PyResult<Option<Raw>> {
    d.map(|d| raw(arg, d)).transpose()
}

/// UMFA's error codes (ABI.md): the `code` of `umfa.MFAError`.
fn error_code(e: &umfa::Error) -> i32 {
    match e {
        umfa::Error::InvalidArgument { .. } => 1,
        umfa::Error::OutOfMemory(_) => 2,
        umfa::Error::Unsupported { .. } | umfa::Error::BackendUnavailable { .. } => 3,
        umfa::Error::KernelCompilation(_) => 4,
        umfa::Error::Execution(_) => 5,
    }
}

/// Builds `umfa._errors.error_from_code(code, message)`; a bare `RuntimeError` if the Python
/// half is missing (the native module imported on its own).
fn to_py_err(py: Python<'_>, e: umfa::Error) -> PyErr {
    let code = error_code(&e);
    let message = e.to_string();
    let made = py
        .import("umfa._errors")
        .and_then(|m| m.getattr("error_from_code"))
        .and_then(|f| f.call1((code, message.clone())));
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(_) => PyRuntimeError::new_err(format!("umfa error {code}: {message}")),
    }
}

/// The options shared by `forward` and `backward`, still as raw descriptors.
struct Options {
    mask: Option<(Raw, MaskKind)>,
    scale: Option<f32>,
    causal: Option<CausalAlign>,
    window: Option<Window>,
    softcap: Option<f32>,
    alibi: Option<Raw>,
    sinks: Option<Raw>,
    deterministic: bool,
    backend: Option<BackendKind>,
}

#[allow(clippy::too_many_arguments)]
fn options(
    mask: Option<Desc>,
    mask_kind: &str,
    scale: Option<f64>,
    causal: Option<&str>,
    window: Option<(i64, i64)>,
    softcap: f64,
    alibi_slopes: Option<Desc>,
    sinks: Option<Desc>,
    deterministic: bool,
    backend: Option<&str>,
) -> PyResult<Options> {
    let kind = match mask_kind {
        "bool" => MaskKind::Bool,
        "additive" => MaskKind::Additive,
        other => {
            return Err(PyValueError::new_err(format!(
                "mask_kind must be \"bool\" or \"additive\", got {other:?}"
            )))
        }
    };
    let causal = match causal {
        None => None,
        Some("top_left") => Some(CausalAlign::TopLeft),
        Some("bottom_right") => Some(CausalAlign::BottomRight),
        Some(other) => {
            return Err(PyValueError::new_err(format!(
                "causal must be None, \"top_left\" or \"bottom_right\", got {other:?}"
            )))
        }
    };
    let window = window
        .map(|(l, r)| Window::from_signed(l, r))
        .transpose()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    let backend = backend
        .map(BackendKind::parse)
        .transpose()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(Options {
        mask: opt_raw("mask", mask)?.map(|m| (m, kind)),
        scale: scale.map(|s| s as f32),
        causal,
        window,
        softcap: (softcap != 0.0).then_some(softcap as f32),
        alibi: opt_raw("alibi_slopes", alibi_slopes)?,
        sinks: opt_raw("sinks", sinks)?,
        deterministic,
        backend,
    })
}

impl Options {
    /// # Safety
    /// As for [`Raw::view`].
    unsafe fn params<'a>(&self) -> AttentionParams<'a> {
        AttentionParams {
            scale: self.scale,
            causal: self.causal,
            window: self.window,
            softcap: self.softcap,
            alibi_slopes: self.alibi.as_ref().map(|t| t.view()),
            sinks: self.sinks.as_ref().map(|t| t.view()),
            mask: self.mask.as_ref().map(|(t, kind)| Mask {
                kind: *kind,
                tensor: t.view(),
            }),
            block_mask: None,
            dropout_p: 0.0,
            deterministic: self.deterministic,
        }
    }
}

/// Runs the forward pass: writes `out` (and `lse` when given).
///
/// `causal` is `None`, `"top_left"` or `"bottom_right"`; `window` is FlashAttention's
/// `(left, right)` with -1 unbounded; `softcap` 0 means none; `backend` `None` computes where
/// the tensors live, a name (`"cpu"`) picks that backend and stages host tensors on it;
/// `stream` is the CUDA stream to launch on (torch's `current_stream().cuda_stream`; 0 = default).
#[pyfunction]
#[pyo3(signature = (q, k, v, out, lse=None, *, mask=None, mask_kind="bool", scale=None,
    causal=None, window=None, softcap=0.0, alibi_slopes=None, sinks=None,
    deterministic=false, backend=None, stream=0))]
#[allow(clippy::too_many_arguments)]
fn forward(
    py: Python<'_>,
    q: Desc,
    k: Desc,
    v: Desc,
    out: Desc,
    lse: Option<Desc>,
    mask: Option<Desc>,
    mask_kind: &str,
    scale: Option<f64>,
    causal: Option<&str>,
    window: Option<(i64, i64)>,
    softcap: f64,
    alibi_slopes: Option<Desc>,
    sinks: Option<Desc>,
    deterministic: bool,
    backend: Option<&str>,
    stream: usize,
) -> PyResult<()> {
    let (q, k, v) = (raw("q", q)?, raw("k", k)?, raw("v", v)?);
    let out = raw("out", out)?;
    let lse = opt_raw("lse", lse)?;
    let opts = options(
        mask,
        mask_kind,
        scale,
        causal,
        window,
        softcap,
        alibi_slopes,
        sinks,
        deterministic,
        backend,
    )?;
    let result = py.detach(|| {
        // SAFETY: the Python caller keeps every described object alive for this call and
        // allocated `out`/`lse` fresh; the core checks extents and aliasing.
        let (attn, mut outs) = unsafe {
            (
                Attention::new(q.view(), k.view(), v.view()).with_params(opts.params()),
                ForwardOutputs {
                    out: out.view_mut(),
                    lse: lse.as_ref().map(|t| t.view_mut()),
                },
            )
        };
        match opts.backend {
            // Where the tensors live, on the caller's stream (CUDA; other backends ignore it).
            None => umfa::forward_on_stream(&attn, outs, stream),
            Some(kind) => umfa::backend(kind)?.forward_host(&attn, &mut outs),
        }
    });
    result.map_err(|e| to_py_err(py, e))
}

/// Runs the backward pass: from `out`, `d_out` and `lse` (and `d_lse`, the f32 `[B, Hq, Sq]`
/// gradient of the LSE, when the loss reads the LSE) writes `dq`, `dk`, `dv` (and `d_sinks`,
/// `d_bias` when given). The options must be those of the forward.
#[pyfunction]
#[pyo3(signature = (q, k, v, out, d_out, lse, dq, dk, dv, *, d_lse=None, d_sinks=None, d_bias=None,
    mask=None, mask_kind="bool", scale=None, causal=None, window=None, softcap=0.0,
    alibi_slopes=None, sinks=None, deterministic=false, backend=None, stream=0))]
#[allow(clippy::too_many_arguments)]
fn backward(
    py: Python<'_>,
    q: Desc,
    k: Desc,
    v: Desc,
    out: Desc,
    d_out: Desc,
    lse: Desc,
    dq: Desc,
    dk: Desc,
    dv: Desc,
    d_lse: Option<Desc>,
    d_sinks: Option<Desc>,
    d_bias: Option<Desc>,
    mask: Option<Desc>,
    mask_kind: &str,
    scale: Option<f64>,
    causal: Option<&str>,
    window: Option<(i64, i64)>,
    softcap: f64,
    alibi_slopes: Option<Desc>,
    sinks: Option<Desc>,
    deterministic: bool,
    backend: Option<&str>,
    stream: usize,
) -> PyResult<()> {
    let (q, k, v) = (raw("q", q)?, raw("k", k)?, raw("v", v)?);
    let (out, d_out, lse) = (raw("out", out)?, raw("d_out", d_out)?, raw("lse", lse)?);
    let (dq, dk, dv) = (raw("dq", dq)?, raw("dk", dk)?, raw("dv", dv)?);
    let d_lse = opt_raw("d_lse", d_lse)?;
    let d_sinks = opt_raw("d_sinks", d_sinks)?;
    let d_bias = opt_raw("d_bias", d_bias)?;
    let opts = options(
        mask,
        mask_kind,
        scale,
        causal,
        window,
        softcap,
        alibi_slopes,
        sinks,
        deterministic,
        backend,
    )?;
    let result = py.detach(|| {
        // SAFETY: as in `forward`; the gradients are fresh allocations.
        let (attn, inputs, mut grads) = unsafe {
            (
                Attention::new(q.view(), k.view(), v.view()).with_params(opts.params()),
                BackwardInputs {
                    out: out.view(),
                    d_out: d_out.view(),
                    lse: lse.view(),
                    d_lse: d_lse.as_ref().map(|t| t.view()),
                },
                Gradients {
                    dq: dq.view_mut(),
                    dk: dk.view_mut(),
                    dv: dv.view_mut(),
                    d_sinks: d_sinks.as_ref().map(|t| t.view_mut()),
                    d_bias: d_bias.as_ref().map(|t| t.view_mut()),
                },
            )
        };
        match opts.backend {
            None => umfa::backward_on_stream(&attn, &inputs, grads, stream),
            Some(kind) => umfa::backend(kind)?.backward_host(&attn, &inputs, &mut grads),
        }
    });
    result.map_err(|e| to_py_err(py, e))
}

/// `(major, minor, patch)` of this build.
#[pyfunction]
fn version() -> (u32, u32, u32) {
    let part = |s: &str| s.parse().unwrap_or(0);
    (
        part(env!("CARGO_PKG_VERSION_MAJOR")),
        part(env!("CARGO_PKG_VERSION_MINOR")),
        part(env!("CARGO_PKG_VERSION_PATCH")),
    )
}

/// Every backend umfa knows, fastest first: `(name, available, device name or why not)`.
#[pyfunction]
fn backends() -> Vec<(&'static str, bool, String)> {
    umfa::backend::statuses()
        .iter()
        .map(|s| match &s.backend {
            Ok(be) => (s.kind.name(), true, be.device_name()),
            Err(why) => (s.kind.name(), false, why.clone()),
        })
        .collect()
}

/// The backend `UMFA_BACKEND` names, or else the fastest present.
#[pyfunction]
fn default_backend(py: Python<'_>) -> PyResult<&'static str> {
    umfa::default_backend()
        .map(|be| be.kind().name())
        .map_err(|e| to_py_err(py, e))
}

/// The feature report of one backend: `[(feature, None or why unsupported)]`.
#[pyfunction]
fn capabilities(py: Python<'_>, backend: &str) -> PyResult<Vec<(&'static str, Option<String>)>> {
    let kind = BackendKind::parse(backend).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let be = umfa::backend(kind).map_err(|e| to_py_err(py, e))?;
    Ok(be
        .capabilities()
        .into_iter()
        .map(|c| (c.feature, c.supported.err()))
        .collect())
}

#[pymodule]
fn _umfa(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(forward, m)?)?;
    m.add_function(wrap_pyfunction!(backward, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(backends, m)?)?;
    m.add_function(wrap_pyfunction!(default_backend, m)?)?;
    m.add_function(wrap_pyfunction!(capabilities, m)?)?;
    m.add_function(wrap_pyfunction!(dlpack::dlpack_describe, m)?)?;
    m.add_function(wrap_pyfunction!(quant::quant_forward, m)?)?;
    m.add_function(wrap_pyfunction!(quant::quant_backward, m)?)?;
    m.add_function(wrap_pyfunction!(merge::merge, m)?)?;
    m.add_function(wrap_pyfunction!(merge::merge_into, m)?)?;
    m.add_function(wrap_pyfunction!(merge::merge_backward, m)?)?;
    m.add("MAX_HEAD_DIM", umfa::validate::MAX_HEAD_DIM)?;
    let dtypes = PyTuple::new(m.py(), ["f16", "bf16", "f32", "u8"])?;
    m.add("DTYPES", dtypes)?;
    Ok(())
}
