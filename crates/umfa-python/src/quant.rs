//! `umfa._umfa.quant_forward`: runtime-quantized attention (the core's `umfa::quant`), for
//! `umfa.sageattn` and `umfa.quantized_attention`.

use super::{opt_raw, options, raw, to_py_err, Desc};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use umfa::quant::{Granularity, QuantConfig, QuantDType, QuantSpec};
use umfa::{BackendKind, BackwardInputs, ForwardOutputs, Gradients};

/// A quantizer setting as Python passes it: `(dtype, granularity, block_size, symmetric, smooth)`
/// with dtype "int8"/"int4" and granularity "tensor"/"row"/"block"/"channel".
type Spec = (String, String, usize, bool, bool);

fn spec(arg: &str, s: Option<Spec>) -> PyResult<Option<QuantSpec>> {
    let Some((dtype, granularity, block, symmetric, smooth)) = s else {
        return Ok(None);
    };
    let dtype = QuantDType::parse(&dtype).ok_or_else(|| {
        PyValueError::new_err(format!(
            "{arg}: unknown quantized dtype {dtype:?}; use \"int8\" or \"int4\""
        ))
    })?;
    let granularity = Granularity::parse(&granularity, block)
        .map_err(|e| PyValueError::new_err(format!("{arg}: {e}")))?;
    Ok(Some(QuantSpec {
        dtype,
        granularity,
        symmetric,
        smooth,
    }))
}

/// The backend asked for, else the one where `q` lives (CUDA tensors run on the device).
fn backend_of(
    asked: Option<BackendKind>,
    q: &umfa::TensorRef,
) -> umfa::Result<std::sync::Arc<dyn umfa::Backend>> {
    match asked {
        Some(kind) => umfa::backend(kind),
        None => umfa::backend_for(q.device()),
    }
}

/// Quantizes the float `q`, `k`, `v` (host or CUDA memory) as `q_spec`/`k_spec`/`v_spec` say (None: left
/// in floating point), then writes attention on the dequantized operands into `out` (and `lse`).
/// The options are `forward`'s; `backend` None computes where `q` lives.
#[pyfunction]
#[pyo3(signature = (q, k, v, out, lse=None, *, q_spec=None, k_spec=None, v_spec=None,
    mask=None, mask_kind="bool", scale=None, causal=None, window=None, softcap=0.0,
    backend=None))]
#[allow(clippy::too_many_arguments)]
pub fn quant_forward(
    py: Python<'_>,
    q: Desc,
    k: Desc,
    v: Desc,
    out: Desc,
    lse: Option<Desc>,
    q_spec: Option<Spec>,
    k_spec: Option<Spec>,
    v_spec: Option<Spec>,
    mask: Option<Desc>,
    mask_kind: &str,
    scale: Option<f64>,
    causal: Option<&str>,
    window: Option<(i64, i64)>,
    softcap: f64,
    backend: Option<&str>,
) -> PyResult<()> {
    let (q, k, v) = (raw("q", q)?, raw("k", k)?, raw("v", v)?);
    let out = raw("out", out)?;
    let lse = opt_raw("lse", lse)?;
    let config = QuantConfig {
        q: spec("q_spec", q_spec)?,
        k: spec("k_spec", k_spec)?,
        v: spec("v_spec", v_spec)?,
    };
    let opts = options(
        mask, mask_kind, scale, causal, window, softcap, None, None, false, backend,
    )?;
    let result = py.detach(|| {
        // SAFETY: the Python caller keeps every described object alive for this call and
        // allocated `out`/`lse` fresh; the core checks extents and aliasing.
        let (qv, kv, vv, params, mut outs) = unsafe {
            (
                q.view(),
                k.view(),
                v.view(),
                opts.params(),
                ForwardOutputs {
                    out: out.view_mut(),
                    lse: lse.as_ref().map(|t| t.view_mut()),
                },
            )
        };
        let be = backend_of(opts.backend, &qv)?;
        umfa::quant::quantize_forward_on(be.as_ref(), qv, kv, vv, &config, params, &mut outs)
    });
    result.map_err(|e| to_py_err(py, e))
}

/// The straight-through backward of `quant_forward`: re-quantizes `q`, `k`, `v` exactly as the
/// forward did and writes the gradients of attention on the dequantized tensors into `dq`, `dk`,
/// `dv` (their own dtypes), from the forward's `out` and `lse` and the upstream `d_out`.
#[pyfunction]
#[pyo3(signature = (q, k, v, out, d_out, lse, dq, dk, dv, *, q_spec=None, k_spec=None,
    v_spec=None, mask=None, mask_kind="bool", scale=None, causal=None, window=None,
    softcap=0.0, backend=None))]
#[allow(clippy::too_many_arguments)]
pub fn quant_backward(
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
    q_spec: Option<Spec>,
    k_spec: Option<Spec>,
    v_spec: Option<Spec>,
    mask: Option<Desc>,
    mask_kind: &str,
    scale: Option<f64>,
    causal: Option<&str>,
    window: Option<(i64, i64)>,
    softcap: f64,
    backend: Option<&str>,
) -> PyResult<()> {
    let (q, k, v) = (raw("q", q)?, raw("k", k)?, raw("v", v)?);
    let (out, d_out, lse) = (raw("out", out)?, raw("d_out", d_out)?, raw("lse", lse)?);
    let (dq, dk, dv) = (raw("dq", dq)?, raw("dk", dk)?, raw("dv", dv)?);
    let config = QuantConfig {
        q: spec("q_spec", q_spec)?,
        k: spec("k_spec", k_spec)?,
        v: spec("v_spec", v_spec)?,
    };
    let opts = options(
        mask, mask_kind, scale, causal, window, softcap, None, None, false, backend,
    )?;
    let result = py.detach(|| {
        // SAFETY: as in `quant_forward`; the gradients are fresh allocations.
        let (qv, kv, vv, params, inputs, mut grads) = unsafe {
            (
                q.view(),
                k.view(),
                v.view(),
                opts.params(),
                BackwardInputs {
                    out: out.view(),
                    d_out: d_out.view(),
                    lse: lse.view(),
                    d_lse: None,
                },
                Gradients {
                    dq: dq.view_mut(),
                    dk: dk.view_mut(),
                    dv: dv.view_mut(),
                    d_sinks: None,
                    d_bias: None,
                },
            )
        };
        let be = backend_of(opts.backend, &qv)?;
        umfa::quant::quantize_backward_on(
            be.as_ref(),
            qv,
            kv,
            vv,
            &config,
            params,
            &inputs,
            &mut grads,
        )
    });
    result.map_err(|e| to_py_err(py, e))
}
