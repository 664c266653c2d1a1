//! The merge of partial attention results by LSE (`umfa.merge` and its backward): parts as
//! lists of descriptors, validated by the core, computed with the GIL released.

use super::{opt_raw, raw, to_py_err, Desc, Raw};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use umfa::merge::validate;
use umfa::{BackendKind, MergeBackwardInputs, MergeOutputs, MergePart, MergePartGrads};

fn backend_kind(backend: Option<&str>) -> PyResult<Option<BackendKind>> {
    backend
        .map(BackendKind::parse)
        .transpose()
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The parts' descriptors, checked for what the core cannot check.
fn parts(outs: Vec<Desc>, lses: Vec<Desc>) -> PyResult<Vec<(Raw, Raw)>> {
    if outs.len() != lses.len() {
        return Err(PyValueError::new_err(format!(
            "outs has {} tensors but lses has {}; give one LSE per part",
            outs.len(),
            lses.len()
        )));
    }
    outs.into_iter()
        .zip(lses)
        .map(|(o, l)| Ok((raw("outs", o)?, raw("lses", l)?)))
        .collect()
}

/// # Safety
/// As for [`Raw::view`].
unsafe fn part_views<'a>(raws: &[(Raw, Raw)]) -> Vec<MergePart<'a>> {
    raws.iter()
        .map(|(o, l)| MergePart {
            out: o.view(),
            lse: l.view(),
        })
        .collect()
}

/// Merges the parts `outs[n]` (O_n [B,H,S,Dv]) / `lses[n]` (LSE_n [B,H,S] f32) into `out`
/// (and `lse` when given). `backend` `None` computes where the tensors live on `stream`; a name
/// runs host tensors on that backend.
#[pyfunction]
#[pyo3(signature = (outs, lses, out, lse=None, *, backend=None, stream=0))]
pub fn merge(
    py: Python<'_>,
    outs: Vec<Desc>,
    lses: Vec<Desc>,
    out: Desc,
    lse: Option<Desc>,
    backend: Option<&str>,
    stream: usize,
) -> PyResult<()> {
    let parts = parts(outs, lses)?;
    let out = raw("out", out)?;
    let lse = opt_raw("lse", lse)?;
    let kind = backend_kind(backend)?;
    let result = py.detach(|| {
        // SAFETY: the Python caller keeps every described object alive for this call; the core
        // checks extents and aliasing.
        let (views, outs) = unsafe {
            (
                part_views(&parts),
                MergeOutputs {
                    out: out.view_mut(),
                    lse: lse.as_ref().map(|t| t.view_mut()),
                },
            )
        };
        match kind {
            None => umfa::merge_on_stream(&views, outs, stream),
            Some(k) => umfa::backend(k)?.merge_host(&validate::merge(&views, &outs)?),
        }
    });
    result.map_err(|e| to_py_err(py, e))
}

/// Accumulates the part (`part_out`, `part_lse`) into (`acc_out`, `acc_lse`) in place.
#[pyfunction]
#[pyo3(signature = (acc_out, acc_lse, part_out, part_lse, *, backend=None, stream=0))]
#[allow(clippy::too_many_arguments)]
pub fn merge_into(
    py: Python<'_>,
    acc_out: Desc,
    acc_lse: Desc,
    part_out: Desc,
    part_lse: Desc,
    backend: Option<&str>,
    stream: usize,
) -> PyResult<()> {
    let (ao, al) = (raw("acc_out", acc_out)?, raw("acc_lse", acc_lse)?);
    let (po, pl) = (raw("part_out", part_out)?, raw("part_lse", part_lse)?);
    let kind = backend_kind(backend)?;
    let result = py.detach(|| {
        // SAFETY: as in `merge`.
        let (acc_o, acc_l, part) = unsafe {
            (
                ao.view_mut(),
                al.view_mut(),
                MergePart {
                    out: po.view(),
                    lse: pl.view(),
                },
            )
        };
        match kind {
            None => umfa::merge_into_on_stream(acc_o, acc_l, &part, stream),
            Some(k) => umfa::backend(k)?.merge_host(&validate::merge_into(&acc_o, &acc_l, &part)?),
        }
    });
    result.map_err(|e| to_py_err(py, e))
}

/// The backward of `merge`: from the parts, `d_out` and optionally `d_lse`, writes
/// `d_outs[n]` (dO_n) and `d_lses[n]` (dLSE_n, f32) for every entry that is not `None`.
#[pyfunction]
#[pyo3(signature = (outs, lses, d_out, d_outs, d_lses, d_lse=None, *, backend=None, stream=0))]
#[allow(clippy::too_many_arguments)]
pub fn merge_backward(
    py: Python<'_>,
    outs: Vec<Desc>,
    lses: Vec<Desc>,
    d_out: Desc,
    d_outs: Vec<Option<Desc>>,
    d_lses: Vec<Option<Desc>>,
    d_lse: Option<Desc>,
    backend: Option<&str>,
    stream: usize,
) -> PyResult<()> {
    let parts = parts(outs, lses)?;
    if d_outs.len() != parts.len() || d_lses.len() != parts.len() {
        return Err(PyValueError::new_err(format!(
            "d_outs has {} entries and d_lses {}, but there are {} parts",
            d_outs.len(),
            d_lses.len(),
            parts.len()
        )));
    }
    let d_out = raw("d_out", d_out)?;
    let d_lse = opt_raw("d_lse", d_lse)?;
    let g_out = d_outs
        .into_iter()
        .map(|d| opt_raw("d_outs", d))
        .collect::<PyResult<Vec<_>>>()?;
    let g_lse = d_lses
        .into_iter()
        .map(|d| opt_raw("d_lses", d))
        .collect::<PyResult<Vec<_>>>()?;
    let kind = backend_kind(backend)?;
    let result = py.detach(|| {
        // SAFETY: as in `merge`; the gradients are fresh allocations.
        let (views, inputs, mut grads) = unsafe {
            (
                part_views(&parts),
                MergeBackwardInputs {
                    d_out: d_out.view(),
                    d_lse: d_lse.as_ref().map(|t| t.view()),
                },
                g_out
                    .iter()
                    .zip(&g_lse)
                    .map(|(o, l)| MergePartGrads {
                        d_out: o.as_ref().map(|t| t.view_mut()),
                        d_lse: l.as_ref().map(|t| t.view_mut()),
                    })
                    .collect::<Vec<_>>(),
            )
        };
        match kind {
            None => umfa::merge_backward_on_stream(&views, &inputs, &mut grads, stream),
            Some(k) => umfa::backend(k)?
                .merge_backward_host(&validate::merge_backward(&views, &inputs, &grads)?),
        }
    });
    result.map_err(|e| to_py_err(py, e))
}
