//! Quantized attention on the CUDA backend: a device quantizer, an INT8 forward kernel
//! (SageAttention-style), and a device dequantizer for everything else.
//!
//! - [`quantizer`]: f16/bf16/f32 device tensors → INT8 or packed INT4 with the host quantizer's
//!   tables, bit for bit (INT4's clipping search included);
//! - [`int8_fwd`]: Q·Kᵀ on INT8 or INT4 Q and K (per tensor/row/block scales; symmetric, or
//!   asymmetric INT4; K smoothed or not; INT4 unpacked to s8 in shared memory), softmax in f32,
//!   P·V in f16/bf16 (or, opt-in on Hopper, e4m3: [`v_fp8`] converts V); every mask and option
//!   of the 16-bit kernel;
//! - [`dequant`]: the fallback — operands dequantized (or converted) on the device into the
//!   output's dtype, then the ordinary kernels (per-channel Q/K, asymmetric INT8 Q/K, smoothed
//!   Q, head dims the INT8 kernel has no tile for). Nothing passes through the host.
//!
//! Host inputs (the C ABI, Python) keep the host path for now: dequantized on the host and
//! staged (`quant::attention::forward_dequantized`).

mod backward;
mod copy;
mod dequant;
mod device;
mod int8_fwd;
mod kernels;
mod params;
mod quantizer;
mod v_fp8;

pub(crate) use backward::{quant_backward, quantize_backward};
pub use device::{release_cached_buffers, DeviceOperand, DeviceQuantized};
pub use int8_fwd::{set_int8_key_runs, set_int8_pv_fp8, set_int8_tma, set_int8_wgmma, Int8Tile};
pub(crate) use kernels::KernelKey;

use super::CudaBackend;
use crate::backend::Backend;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::params::{Attention, AttentionParams, ForwardOutputs};
use crate::quant::attention::{QuantAttention, QuantOperand};
use crate::quant::{Operand, QuantConfig, QuantSpec};
use crate::tensor::{Device, Layout, TensorRef};

/// Which kernel a quantized forward ran on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuantPath {
    /// The INT8 kernel with this tile (INT4 Q or K unpacked to s8 on it: see the tile).
    Int8(Int8Tile),
    /// Operands dequantized on the device, then the ordinary kernels; and why.
    Dequantized { reason: &'static str },
}

/// The CUDA backend of the device `x` lives on.
fn backend_of(device: Device) -> Result<std::sync::Arc<CudaBackend>> {
    match device {
        Device::Cuda(n) => super::opened(n).map_err(|reason| Error::BackendUnavailable {
            backend: "cuda".into(),
            reason,
        }),
        other => Err(Error::arg(
            "x",
            format!("is on {other:?}; the CUDA quantizer reads CUDA device tensors"),
        )),
    }
}

/// The device quantizer on a CUDA device tensor: `spec` applied exactly as the host quantizer
/// applies it (INT4 on the device where rows are 8-wide vectors: contiguous, 16-byte aligned, D
/// a multiple of 8; else through the host quantizer).
pub fn quantize_device(x: &TensorRef, spec: &QuantSpec) -> Result<DeviceQuantized> {
    quantizer::quantize(backend_of(x.device())?.as_ref(), x, spec, "x")
}

/// [`quantize_device`] on several tensors of one device with one synchronisation (what
/// `quantize_forward_on` does with Q, K and V): all their kernels queued, then one wait.
pub fn quantize_device_many(inputs: &[(TensorRef, QuantSpec)]) -> Result<Vec<DeviceQuantized>> {
    let Some((first, _)) = inputs.first() else {
        return Ok(Vec::new());
    };
    let be = backend_of(first.device())?;
    let named: Vec<_> = inputs.iter().map(|(t, s)| (*t, *s, "x")).collect();
    quantizer::quantize_many(be.as_ref(), &named)
}

/// Quantized attention on device operands and device outputs; says which kernel ran.
pub fn forward(
    q: DeviceOperand,
    k: DeviceOperand,
    v: DeviceOperand,
    params: AttentionParams,
    outs: &mut ForwardOutputs,
) -> Result<QuantPath> {
    let be = backend_of(outs.out.device())?;
    forward_on_device(be.as_ref(), q, k, v, params, outs)
}

/// Queues the conversion the FP8 P·V path runs before each forward on the 16-bit device tensor
/// `v` `[B, Hkv, S, D]` (D ≤ 128, a multiple of 8; rows contiguous): per-channel scales and e4m3
/// Vᵀ, dropped once queued. For timing the conversion apart from the kernel
/// (`cuda_quant_bench`); the forward runs it itself.
pub fn convert_v_fp8(v: &TensorRef) -> Result<()> {
    let be = backend_of(v.device())?;
    be.gpu.bind()?;
    let shape: [usize; 4] = v.shape().try_into().map_err(|_| {
        Error::arg(
            "v",
            "must have 4 dimensions [batch, heads, seq_len, head_dim]",
        )
    })?;
    let st = v.strides();
    let bf16 = match v.dtype() {
        DType::BF16 => true,
        DType::F16 => false,
        other => {
            return Err(Error::arg(
                "v",
                format!("has dtype {other}, needs f16 or bf16"),
            ))
        }
    };
    if shape[3] > 128 || !shape[3].is_multiple_of(8) || st[3] != 1 {
        return Err(Error::arg(
            "v",
            format!(
                "head dim {} with stride {}: needs D <= 128, a multiple of 8, contiguous",
                shape[3], st[3]
            ),
        ));
    }
    crate::validate::check_extent("v", v.ptr().is_null(), v.len_bytes(), v.dtype(), v.layout())?;
    let view = v_fp8::VView {
        ptr: v.ptr() as u64,
        stride: [st[0] as i64, st[1] as i64, st[2] as i64, st[3] as i64],
        shape,
        bf16,
    };
    v_fp8::prepare(be.as_ref(), &view).map(drop)
}

/// A view with `t`'s shape and no extent (strides 0): what validation needs of an INT8 operand.
/// The INT8 kernel reads the integers through `t` itself.
fn shape_proxy(t: &DeviceQuantized, dtype: DType) -> Result<TensorRef<'_>> {
    // SAFETY: zero strides reach element 0 only: `dtype.size_bytes()` ≤ 2 bytes of the data,
    // which holds at least 32 (the INT8 kernel's D is a multiple of 32).
    Ok(unsafe {
        TensorRef::from_raw(
            t.data as *const u8,
            t.data_bytes.min(dtype.size_bytes()),
            t.device,
            dtype,
            Layout::strided(&t.shape, &[0; 4])?,
        )
    })
}

fn is_16bit_aligned(t: &TensorRef) -> bool {
    let s = t.strides();
    matches!(t.dtype(), DType::F16 | DType::BF16)
        && super::params::aligned_rows(
            t.ptr() as u64,
            &[s[0] as i64, s[1] as i64, s[2] as i64, s[3] as i64],
        )
}

pub(crate) fn forward_on_device(
    be: &CudaBackend,
    q: DeviceOperand,
    k: DeviceOperand,
    v: DeviceOperand,
    params: AttentionParams,
    outs: &mut ForwardOutputs,
) -> Result<QuantPath> {
    be.gpu.bind()?;
    let device = be.device();
    let mut reason = match (&q, &k) {
        (DeviceOperand::Quant(qt), DeviceOperand::Quant(kt)) => {
            int8_fwd::operands_unsupported(qt, kt)
        }
        _ => Some("Q or K is not quantized"),
    };
    if let (None, DeviceOperand::Quant(qt), DeviceOperand::Quant(kt)) = (reason, &q, &k) {
        // V in 16 bits: as it is, or materialized in the output's 16-bit type (f16 for f32
        // outputs: finer than bf16, and P is rounded to V's type anyway).
        let v_dtype = if outs.out.dtype() == DType::BF16 {
            DType::BF16
        } else {
            DType::F16
        };
        let v_owned = match &v {
            DeviceOperand::Float(t) if is_16bit_aligned(t) => None,
            other => Some(dequant::materialize(be, other, v_dtype, device)?),
        };
        let v_view = match (&v, &v_owned) {
            (_, Some(m)) => m.view,
            (DeviceOperand::Float(t), None) => *t,
            (DeviceOperand::Quant(_), None) => unreachable!("quantized V is materialized"),
        };
        let attn = Attention::new(
            shape_proxy(qt, v_view.dtype())?,
            shape_proxy(kt, v_view.dtype())?,
            v_view,
        )
        .with_params(params);
        let task = crate::validate::forward(&attn, outs)?;
        if let Some(reason) = be.unsupported_forward(&task) {
            return Err(Error::Unsupported {
                backend: "cuda",
                reason,
            });
        }
        match int8_fwd::select(
            &task,
            be.gpu.compute_capability,
            be.gpu.max_shared_per_block as usize,
            qt,
            kt,
        ) {
            Ok(tile) => {
                int8_fwd::launch(be, &tile, &task, qt, kt)?;
                return Ok(QuantPath::Int8(tile));
            }
            Err(r) => reason = Some(r),
        }
    }
    // The fallback: every operand in the output's dtype, then the ordinary kernels.
    let dtype = outs.out.dtype();
    if !dtype.is_float() {
        return Err(Error::arg(
            "out",
            format!("has dtype {dtype}, needs f16, bf16 or f32"),
        ));
    }
    let (owned, [qf, kf, vf]) = floats_in(be, [q, k, v], dtype)?;
    let attn = Attention::new(qf, kf, vf).with_params(params);
    let task = crate::validate::forward(&attn, outs)?;
    be.run_forward(&task, 0)?;
    drop(owned);
    Ok(QuantPath::Dequantized {
        reason: reason.unwrap_or("Q or K is not quantized"),
    })
}

/// Q, K and V as views of `dtype`: float operands of that dtype as they are, the others
/// dequantized or converted on the device into buffers the returned vector keeps alive.
pub(crate) fn floats_in<'a>(
    be: &CudaBackend,
    ops: [DeviceOperand<'a>; 3],
    dtype: DType,
) -> Result<(Vec<dequant::Materialized>, [TensorRef<'a>; 3])> {
    let mut owned = Vec::new();
    let mut views = Vec::with_capacity(3);
    for op in ops {
        match op {
            DeviceOperand::Float(t) if t.dtype() == dtype => views.push(t),
            other => {
                let m = dequant::materialize(be, &other, dtype, be.device())?;
                views.push(m.view);
                owned.push(m);
            }
        }
    }
    let [q, k, v] = views.try_into().expect("three operands");
    Ok((owned, [q, k, v]))
}

/// The device operand of `op`: its uploaded copy when quantized.
fn dev<'a>(op: &QuantOperand<'a>, uploaded: &'a Option<DeviceQuantized>) -> DeviceOperand<'a> {
    match (op, uploaded) {
        (_, Some(t)) => DeviceOperand::Quant(t),
        (QuantOperand::Float(t), None) => DeviceOperand::Float(*t),
        (QuantOperand::Quant(_), None) => unreachable!("quantized operands are uploaded"),
    }
}

fn on_host(op: &QuantOperand) -> bool {
    match op {
        QuantOperand::Float(t) => t.device() == Device::Cpu,
        QuantOperand::Quant(_) => true,
    }
}

/// Whether Q, K and V of `attn` all live on the host.
pub(crate) fn operands_on_host(attn: &QuantAttention) -> bool {
    [&attn.q, &attn.k, &attn.v].into_iter().all(on_host)
}

/// The host-quantized operands of `attn` uploaded (their integers and tables, validated first);
/// `None` for float operands, which must already be on the device (the kernels that convert
/// them read device memory).
pub(crate) fn upload_quantized(
    be: &CudaBackend,
    attn: &QuantAttention,
) -> Result<[Option<DeviceQuantized>; 3]> {
    let which = [Operand::Q, Operand::K, Operand::V];
    let names = ["q", "k", "v"];
    let mut uploaded = [None, None, None];
    for (i, op) in [&attn.q, &attn.k, &attn.v].into_iter().enumerate() {
        match op {
            QuantOperand::Quant(t) => {
                t.validate(which[i])?;
                uploaded[i] = Some(DeviceQuantized::upload(t, be.device())?);
            }
            QuantOperand::Float(t) if t.device() != be.device() => {
                return Err(Error::arg(
                    names[i],
                    format!(
                        "is on {:?} while the call runs on {:?}: float operands must be on the \
                         device of the other tensors (quantized host operands are uploaded)",
                        t.device(),
                        be.device()
                    ),
                ));
            }
            QuantOperand::Float(_) => {}
        }
    }
    Ok(uploaded)
}

/// The device operands of `attn`, given its uploaded quantized operands.
pub(crate) fn device_operands<'a>(
    attn: &QuantAttention<'a>,
    uploaded: &'a [Option<DeviceQuantized>; 3],
) -> [DeviceOperand<'a>; 3] {
    [
        dev(&attn.q, &uploaded[0]),
        dev(&attn.k, &uploaded[1]),
        dev(&attn.v, &uploaded[2]),
    ]
}

/// The device tensors `inputs` quantized on the device where `config` asks for it, all with one
/// synchronisation; `None` for the operands left in floating point.
pub(crate) fn quantize_on_device(
    be: &CudaBackend,
    inputs: &[TensorRef; 3],
    config: &QuantConfig,
) -> Result<[Option<DeviceQuantized>; 3]> {
    let names = ["q", "k", "v"];
    // Those left in floating point are read by device kernels too.
    if let Some(i) = (0..3).find(|&i| inputs[i].device() != be.device()) {
        return Err(Error::arg(
            names[i],
            format!(
                "is on {:?} while the call runs on {:?}: q, k and v must be on one device",
                inputs[i].device(),
                be.device()
            ),
        ));
    }
    let specs = [config.q, config.k, config.v];
    let wanted: Vec<_> = (0..3)
        .filter_map(|i| specs[i].map(|s| (inputs[i], s, names[i])))
        .collect();
    let mut made = quantizer::quantize_many(be, &wanted)?.into_iter();
    Ok(specs.map(|s| s.and_then(|_| made.next())))
}

/// The device operand of input `i`: its quantized copy where there is one.
pub(crate) fn operand_of<'a>(
    quantized: &'a [Option<DeviceQuantized>; 3],
    inputs: &[TensorRef<'a>; 3],
    i: usize,
) -> DeviceOperand<'a> {
    match &quantized[i] {
        Some(t) => DeviceOperand::Quant(t),
        None => DeviceOperand::Float(inputs[i]),
    }
}

/// `quant::forward_on` on the CUDA backend. Device tensors run on the device (host quantized
/// operands are uploaded: their integers, not dequantized floats); an all-host call takes the
/// host path.
pub(crate) fn quant_forward(
    be: &CudaBackend,
    attn: &QuantAttention,
    outs: &mut ForwardOutputs,
) -> Result<()> {
    if operands_on_host(attn) && outs.out.device() == Device::Cpu {
        return crate::quant::attention::forward_dequantized(be, attn, outs);
    }
    be.gpu.bind()?;
    let uploaded = upload_quantized(be, attn)?;
    let [q, k, v] = device_operands(attn, &uploaded);
    forward_on_device(be, q, k, v, attn.params, outs).map(|_| ())
}

/// `quant::quantize_forward_on` on the CUDA backend: device tensors are quantized and attended
/// on the device; host tensors take the host quantizer, then [`quant_forward`].
pub(crate) fn quantize_forward(
    be: &CudaBackend,
    inputs: [TensorRef; 3],
    config: &QuantConfig,
    params: AttentionParams,
    outs: &mut ForwardOutputs,
) -> Result<()> {
    if inputs.iter().all(|t| t.device() == Device::Cpu) {
        return crate::quant::attention::quantize_then_forward(be, inputs, config, params, outs);
    }
    let quantized = quantize_on_device(be, &inputs, config)?;
    let op = |i| operand_of(&quantized, &inputs, i);
    forward_on_device(be, op(0), op(1), op(2), params, outs).map(|_| ())
}
