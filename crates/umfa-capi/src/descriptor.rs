//! The descriptor API: tensors as `mfa_tensor_t`, options as `mfa_attention_params_t`, and the
//! one call path every other entry point (the UMFA-compatible ones included) goes through.

use crate::context::{ctx_ref, mfa_context_t, Context};
use crate::error::{guard, mfa_error_t, write_c_string, Failure, Outcome};
use std::ffi::{c_char, c_void};
use std::time::Instant;
use umfa_core::{
    Attention, AttentionParams, BackwardInputs, BlockMask, CausalAlign, DType, Device,
    ForwardOutputs, Gradients, Layout, Mask, TensorMut, TensorRef, Window,
};

/// The version of the descriptor API's types and calls; bumped on any incompatible change.
pub const MFA_ABI_VERSION: u32 = 1;

/// Element type of an mfa_tensor_t. The float values equal the MFA_PRECISION_* values.
pub type mfa_dtype_t = i32;
pub const MFA_DTYPE_F16: mfa_dtype_t = 0;
pub const MFA_DTYPE_BF16: mfa_dtype_t = 1;
pub const MFA_DTYPE_F32: mfa_dtype_t = 2;
/// Bytes: boolean masks (nonzero = attend) and block-mask tables.
pub const MFA_DTYPE_U8: mfa_dtype_t = 8;

/// Where an mfa_tensor_t's memory lives. CPU and CUDA use DLPack's codes (kDLCPU, kDLCUDA,
/// kDLCUDAHost); WGPU is umfa's own, outside DLPack's range.
pub type mfa_device_type_t = i32;
pub const MFA_DEVICE_CPU: mfa_device_type_t = 1;
pub const MFA_DEVICE_CUDA: mfa_device_type_t = 2;
/// Pinned host memory: read as host memory.
pub const MFA_DEVICE_CUDA_HOST: mfa_device_type_t = 3;
pub const MFA_DEVICE_WGPU: mfa_device_type_t = 256;

/// Where the causal diagonal sits when seq_len_q != seq_len_kv (they coincide when equal).
pub type mfa_causal_t = i32;
pub const MFA_CAUSAL_NONE: mfa_causal_t = 0;
/// Key j visible iff j <= i (PyTorch's is_causal).
pub const MFA_CAUSAL_TOP_LEFT: mfa_causal_t = 1;
/// Key j visible iff j <= i + Sk - Sq (FlashAttention-2's causal).
pub const MFA_CAUSAL_BOTTOM_RIGHT: mfa_causal_t = 2;

/// A tensor, DLPack-style. Shapes and strides are in elements; strides may be negative or 0
/// (broadcast). The memory is only borrowed for the duration of a call.
///
/// Attention tensors are 4-D in logical order: Q [B,Hq,Sq,D], K [B,Hkv,Sk,D], V [B,Hkv,Sk,Dv],
/// O [B,Hq,Sq,Dv]; LSE is [B,Hq,Sq] f32. Any physical layout is a choice of strides (BSHD is
/// strides {S*H*D, D, H*D, 1} on the logical shape); the fast paths want the last stride 1.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct mfa_tensor_t {
    /// First element (for negative strides: the element at index 0, not the lowest address).
    pub data: *mut c_void,
    /// Bytes readable from `data` upwards; the call checks every element the shape and strides
    /// reach lies inside. 0 = unknown: the extent the shape and strides reach is trusted.
    pub size_bytes: u64,
    /// MFA_DEVICE_*.
    pub device_type: mfa_device_type_t,
    /// Device ordinal (0 for the CPU).
    pub device_id: i32,
    /// MFA_DTYPE_*.
    pub dtype: mfa_dtype_t,
    /// 1 to 4.
    pub ndim: i32,
    /// `ndim` sizes, each >= 1.
    pub shape: *const i64,
    /// `ndim` element strides, or NULL for contiguous row-major.
    pub strides: *const i64,
}

/// Every option of an attention call. A zero-initialised struct with `struct_size` set is plain
/// softmax attention: `mfa_attention_params_t p = { .struct_size = sizeof p };` (or
/// mfa_attention_params_init).
///
/// The struct only grows at its end; `struct_size` tells the library which fields the caller
/// knows. A caller compiled against a newer header may pass a larger struct as long as the
/// fields this library does not know are zero.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct mfa_attention_params_t {
    /// sizeof(mfa_attention_params_t) as the caller compiled it.
    pub struct_size: u32,
    /// MFA_CAUSAL_*.
    pub causal: mfa_causal_t,
    /// Multiplies Q·Kᵀ; 0 selects 1/sqrt(D).
    pub scale: f32,
    /// If > 0: s = softcap * tanh(s / softcap). 0 = off.
    pub softcap: f32,
    /// Nonzero: apply the sliding window below (bottom-right aligned as in FlashAttention-2:
    /// key j visible iff i+Sk-Sq-window_left <= j <= i+Sk-Sq+window_right).
    pub has_window: u32,
    /// -1 = unbounded on that side.
    pub window_left: i32,
    pub window_right: i32,
    /// How `mask` is read: MFA_MASK_TYPE_BOOL (nonzero = attend) or MFA_MASK_TYPE_ADDITIVE
    /// (f16/bf16/f32 added to the scores). Must be NONE exactly when `mask` is NULL.
    pub mask_kind: i32,
    /// Nonzero: the backward reduces in a fixed order (bitwise repeatable results).
    pub deterministic: u32,
    /// Query and key rows per block of `block_mask`.
    pub block_q: u32,
    pub block_k: u32,
    /// f32 ALiBi slopes, [Hq] or [B,Hq] (FlashAttention-2 convention), or NULL.
    pub alibi_slopes: *const mfa_tensor_t,
    /// f32 per-head sink logits [Hq] (exp(sink) joins the softmax denominator), or NULL.
    pub sinks: *const mfa_tensor_t,
    /// Element mask broadcast right-aligned against [B,Hq,Sq,Sk], or NULL.
    pub mask: *const mfa_tensor_t,
    /// u8 table [B,Hq,ceil(Sq/block_q),ceil(Sk/block_k)] (broadcast like a mask) of 0 = empty
    /// (skipped), 1 = partial, 2 = full (the element boolean mask is not read), or NULL.
    pub block_mask: *const mfa_tensor_t,
}

impl Default for mfa_attention_params_t {
    fn default() -> Self {
        mfa_attention_params_t {
            struct_size: std::mem::size_of::<mfa_attention_params_t>() as u32,
            causal: MFA_CAUSAL_NONE,
            scale: 0.0,
            softcap: 0.0,
            has_window: 0,
            window_left: -1,
            window_right: -1,
            mask_kind: crate::compat::MFA_MASK_TYPE_NONE,
            deterministic: 0,
            block_q: 0,
            block_k: 0,
            alibi_slopes: std::ptr::null(),
            sinks: std::ptr::null(),
            mask: std::ptr::null(),
            block_mask: std::ptr::null(),
        }
    }
}

/// Fills `params` with the defaults (plain attention) and sets struct_size. NULL is ignored.
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_params_init(params: *mut mfa_attention_params_t) {
    let _ = guard("mfa_attention_params_init", || {
        if !params.is_null() {
            params.write(mfa_attention_params_t::default());
        }
        Ok(())
    });
}

/// MFA_ABI_VERSION of the library actually loaded; compare with the header's.
#[no_mangle]
pub extern "C" fn mfa_abi_version() -> u32 {
    MFA_ABI_VERSION
}

/// The library version as a static string, e.g. "umfa 0.1.0".
#[no_mangle]
pub extern "C" fn mfa_version_string() -> *const c_char {
    concat!("umfa ", env!("CARGO_PKG_VERSION"), "\0").as_ptr() as *const c_char
}

/// A tensor read from its descriptor: the pieces of a core view.
pub(crate) struct Raw {
    ptr: *mut u8,
    len: usize,
    device: Device,
    dtype: DType,
    layout: Layout,
}

impl Raw {
    pub(crate) unsafe fn view<'a>(&self) -> TensorRef<'a> {
        TensorRef::from_raw(self.ptr, self.len, self.device, self.dtype, self.layout)
    }
    pub(crate) unsafe fn view_mut<'a>(&self) -> TensorMut<'a> {
        TensorMut::from_raw(self.ptr, self.len, self.device, self.dtype, self.layout)
    }
}

pub(crate) fn dtype_of(code: mfa_dtype_t, arg: &str) -> Outcome<DType> {
    match code {
        MFA_DTYPE_F16 => Ok(DType::F16),
        MFA_DTYPE_BF16 => Ok(DType::BF16),
        MFA_DTYPE_F32 => Ok(DType::F32),
        MFA_DTYPE_U8 => Ok(DType::U8),
        other => Err(Failure::arg(
            arg,
            format!("dtype is {other}; expected MFA_DTYPE_F16 (0), BF16 (1), F32 (2) or U8 (8)"),
        )),
    }
}

pub(crate) unsafe fn read_tensor(t: *const mfa_tensor_t, arg: &str) -> Outcome<Raw> {
    if t.is_null() {
        return Err(Failure::arg(arg, "tensor descriptor is NULL"));
    }
    let t = &*t;
    let dtype = dtype_of(t.dtype, arg)?;
    let device = match (t.device_type, t.device_id) {
        (_, id) if id < 0 => {
            return Err(Failure::arg(arg, format!("device_id is {id}; it must be >= 0")))
        }
        (MFA_DEVICE_CPU | MFA_DEVICE_CUDA_HOST, _) => Device::Cpu,
        (MFA_DEVICE_CUDA, id) => Device::Cuda(id as u32),
        (MFA_DEVICE_WGPU, id) => Device::Wgpu(id as u32),
        (other, _) => {
            return Err(Failure::arg(
                arg,
                format!(
                    "device_type is {other}; expected MFA_DEVICE_CPU (1), CUDA (2), CUDA_HOST (3) or WGPU (256)"
                ),
            ))
        }
    };
    if !(1..=4).contains(&t.ndim) {
        return Err(Failure::arg(
            arg,
            format!("ndim is {}; it must be 1 to 4", t.ndim),
        ));
    }
    let n = t.ndim as usize;
    if t.shape.is_null() {
        return Err(Failure::arg(arg, "shape is NULL"));
    }
    let mut shape = [0usize; 4];
    for (d, s) in shape.iter_mut().enumerate().take(n) {
        let x = *t.shape.add(d);
        if !(1..=i32::MAX as i64).contains(&x) {
            return Err(Failure::arg(
                arg,
                format!("shape[{d}] is {x}; sizes must be 1 to {}", i32::MAX),
            ));
        }
        *s = x as usize;
    }
    let layout = if t.strides.is_null() {
        Layout::contiguous(&shape[..n])?
    } else {
        let mut strides = [0isize; 4];
        for (d, s) in strides.iter_mut().enumerate().take(n) {
            let x = *t.strides.add(d);
            if x.unsigned_abs() > (1u64 << 48) {
                return Err(Failure::arg(
                    arg,
                    format!("strides[{d}] is {x}, beyond any addressable buffer"),
                ));
            }
            *s = x as isize;
        }
        Layout::strided(&shape[..n], &strides[..n])?
    };
    if t.data.is_null() {
        return Err(Failure::arg(arg, "data pointer is NULL"));
    }
    let len = if t.size_bytes != 0 {
        usize::try_from(t.size_bytes)
            .map_err(|_| Failure::arg(arg, format!("size_bytes {} is too large", t.size_bytes)))?
    } else {
        // Unknown size: exactly the extent the layout reaches (core validation still rejects
        // strides reaching below `data`).
        match layout.offset_range() {
            Some((_, hi)) if hi >= 0 => {
                usize::try_from((hi + 1) * dtype.size_bytes() as i128).unwrap_or(usize::MAX)
            }
            _ => 0,
        }
    };
    Ok(Raw {
        ptr: t.data as *mut u8,
        len,
        device,
        dtype,
        layout,
    })
}

unsafe fn read_optional(t: *const mfa_tensor_t, arg: &str) -> Outcome<Option<Raw>> {
    if t.is_null() {
        Ok(None)
    } else {
        read_tensor(t, arg).map(Some)
    }
}

/// Copies the caller's params honouring `struct_size`.
unsafe fn read_params(p: *const mfa_attention_params_t) -> Outcome<mfa_attention_params_t> {
    if p.is_null() {
        return Ok(mfa_attention_params_t::default());
    }
    let known = std::mem::size_of::<mfa_attention_params_t>();
    let size = (p as *const u32).read_unaligned() as usize;
    if size < known {
        return Err(Failure::arg(
            "params",
            format!(
                "struct_size is {size}, but this library's mfa_attention_params_t (ABI version \
                 {MFA_ABI_VERSION}) has {known} bytes; set struct_size = sizeof(mfa_attention_params_t)"
            ),
        ));
    }
    if size > known {
        if size > 1 << 16 {
            return Err(Failure::arg(
                "params",
                format!("struct_size is {size}, not a plausible size"),
            ));
        }
        let extra = std::slice::from_raw_parts((p as *const u8).add(known), size - known);
        if extra.iter().any(|&b| b != 0) {
            return Err(Failure::arg(
                "params",
                format!(
                    "struct_size is {size}: the caller sets fields this library ({known} bytes, \
                     ABI version {MFA_ABI_VERSION}) does not know; upgrade libumfa"
                ),
            ));
        }
    }
    Ok(p.read_unaligned())
}

/// The inputs of a call, kept alive while the core's views borrow them.
struct Inputs {
    q: Raw,
    k: Raw,
    v: Raw,
    params: mfa_attention_params_t,
    alibi: Option<Raw>,
    sinks: Option<Raw>,
    mask: Option<Raw>,
    block_mask: Option<Raw>,
}

unsafe fn read_inputs(
    q: *const mfa_tensor_t,
    k: *const mfa_tensor_t,
    v: *const mfa_tensor_t,
    params: *const mfa_attention_params_t,
) -> Outcome<Inputs> {
    let params = read_params(params)?;
    Ok(Inputs {
        q: read_tensor(q, "q")?,
        k: read_tensor(k, "k")?,
        v: read_tensor(v, "v")?,
        params,
        alibi: read_optional(params.alibi_slopes, "alibi_slopes")?,
        sinks: read_optional(params.sinks, "sinks")?,
        mask: read_optional(params.mask, "mask")?,
        block_mask: read_optional(params.block_mask, "block_mask")?,
    })
}

impl Inputs {
    unsafe fn attention<'a>(&self) -> Outcome<Attention<'a>> {
        let p = &self.params;
        let causal = match p.causal {
            MFA_CAUSAL_NONE => None,
            MFA_CAUSAL_TOP_LEFT => Some(CausalAlign::TopLeft),
            MFA_CAUSAL_BOTTOM_RIGHT => Some(CausalAlign::BottomRight),
            other => {
                return Err(Failure::arg(
                    "causal",
                    format!(
                    "is {other}; expected MFA_CAUSAL_NONE (0), TOP_LEFT (1) or BOTTOM_RIGHT (2)"
                ),
                ))
            }
        };
        let window = if p.has_window != 0 {
            Some(Window::from_signed(
                p.window_left as i64,
                p.window_right as i64,
            )?)
        } else {
            None
        };
        let mask = match (&self.mask, p.mask_kind) {
            (None, crate::compat::MFA_MASK_TYPE_NONE) => None,
            (Some(_), crate::compat::MFA_MASK_TYPE_NONE) => return Err(Failure::arg(
                "mask_kind",
                "is MFA_MASK_TYPE_NONE but a mask tensor is given; use BOOL (1) or ADDITIVE (2)",
            )),
            (None, kind) => {
                return Err(Failure::arg(
                    "mask_kind",
                    format!("is {kind} but the mask tensor is NULL"),
                ))
            }
            (Some(m), kind) => Some(Mask {
                kind: crate::compat::mask_kind(kind)?,
                tensor: m.view(),
            }),
        };
        let block_mask = self.block_mask.as_ref().map(|b| BlockMask {
            block_q: p.block_q as usize,
            block_k: p.block_k as usize,
            classes: b.view(),
        });
        let attn = AttentionParams {
            scale: (p.scale != 0.0).then_some(p.scale),
            causal,
            window,
            softcap: (p.softcap != 0.0).then_some(p.softcap),
            alibi_slopes: self.alibi.as_ref().map(|t| t.view()),
            sinks: self.sinks.as_ref().map(|t| t.view()),
            mask,
            block_mask,
            dropout_p: 0.0,
            deterministic: p.deterministic != 0,
        };
        Ok(Attention::new(self.q.view(), self.k.view(), self.v.view()).with_params(attn))
    }
}

impl Raw {
    /// The bytes the layout reaches, for overlap checks.
    fn span(&self) -> Option<(i128, i128)> {
        let (lo, hi) = self.layout.offset_range()?;
        let size = self.dtype.size_bytes() as i128;
        let base = self.ptr as usize as i128;
        Some((base + lo * size, base + (hi + 1) * size))
    }
}

/// The core checks outputs against q, k, v and the mask; the other inputs (ALiBi slopes, sinks,
/// block mask) are checked here, so no output can overwrite what the call still reads.
fn check_side_inputs(inputs: &Inputs, outputs: &[(&str, &Raw)]) -> Outcome {
    let sides = [
        ("alibi_slopes", &inputs.alibi),
        ("sinks", &inputs.sinks),
        ("block_mask", &inputs.block_mask),
    ];
    for (out_name, out) in outputs {
        let Some((a0, a1)) = out.span() else { continue };
        for (in_name, input) in sides.iter().filter_map(|(n, t)| t.as_ref().map(|t| (n, t))) {
            if input.device != out.device {
                continue;
            }
            if let Some((b0, b1)) = input.span() {
                if a0 < b1 && b0 < a1 {
                    return Err(Failure::arg(
                        out_name,
                        format!("shares memory with `{in_name}`; outputs must not alias"),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Tensors on the host run through `*_host` (staged by GPU backends); tensors already on a device
/// must be on the context's device.
fn check_device(ctx: &Context, device: Device) -> Outcome {
    if device != Device::Cpu && device != ctx.backend.device() {
        return Err(Failure::arg(
            "q",
            format!(
                "is on {device:?} but this context computes on the {} backend ({:?}); create the context with the backend of the tensors",
                ctx.backend.kind(),
                ctx.backend.device()
            ),
        ));
    }
    Ok(())
}

fn unsupported(ctx: &Context, reason: Option<String>) -> Outcome {
    match reason {
        None => Ok(()),
        Some(reason) => Err(Failure::unsupported(format!(
            "not supported by the {} backend: {reason}",
            ctx.backend.kind()
        ))),
    }
}

/// What forward_impl should do besides validating.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Run,
    /// Validate and ask the backend whether it supports the call; compute nothing.
    Check,
}

/// The forward call path of every entry point.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn forward_impl(
    ctx: &Context,
    q: *const mfa_tensor_t,
    k: *const mfa_tensor_t,
    v: *const mfa_tensor_t,
    params: *const mfa_attention_params_t,
    out: *const mfa_tensor_t,
    lse: *const mfa_tensor_t,
    stream: *mut c_void,
    mode: Mode,
) -> Outcome {
    let inputs = read_inputs(q, k, v, params)?;
    let out = read_tensor(out, "out")?;
    let lse = read_optional(lse, "lse")?;
    let attn = inputs.attention()?;
    let mut named = vec![("out", &out)];
    if let Some(l) = &lse {
        named.push(("lse", l));
    }
    check_side_inputs(&inputs, &named)?;
    let mut outs = ForwardOutputs {
        out: out.view_mut(),
        lse: lse.as_ref().map(|t| t.view_mut()),
    };
    check_device(ctx, attn.q.device())?;
    if mode == Mode::Check {
        let task = umfa_core::validate::forward(&attn, &outs)?;
        return unsupported(ctx, ctx.backend.unsupported_forward(&task));
    }
    let start = Instant::now();
    if attn.q.device() == Device::Cpu {
        if ctx.backend.device() != Device::Cpu {
            // Ask before staging, so an unsupported call says why instead of failing on where
            // its tensors live.
            let task = umfa_core::validate::forward(&attn, &outs)?;
            unsupported(ctx, ctx.backend.unsupported_forward(&task))?;
        }
        ctx.backend.forward_host(&attn, &mut outs)?;
    } else {
        let task = umfa_core::validate::forward(&attn, &outs)?;
        ctx.backend.run_forward(&task, stream as usize)?;
    }
    ctx.record_latency(start.elapsed().as_secs_f64());
    Ok(())
}

/// The backward call path of every entry point.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn backward_impl(
    ctx: &Context,
    q: *const mfa_tensor_t,
    k: *const mfa_tensor_t,
    v: *const mfa_tensor_t,
    params: *const mfa_attention_params_t,
    out: *const mfa_tensor_t,
    d_out: *const mfa_tensor_t,
    lse: *const mfa_tensor_t,
    d_lse: *const mfa_tensor_t,
    dq: *const mfa_tensor_t,
    dk: *const mfa_tensor_t,
    dv: *const mfa_tensor_t,
    d_sinks: *const mfa_tensor_t,
    d_bias: *const mfa_tensor_t,
    stream: *mut c_void,
    mode: Mode,
) -> Outcome {
    let inputs = read_inputs(q, k, v, params)?;
    let (out, d_out, lse) = (
        read_tensor(out, "out")?,
        read_tensor(d_out, "d_out")?,
        read_tensor(lse, "lse")?,
    );
    let d_lse = read_optional(d_lse, "d_lse")?;
    let (dq, dk, dv) = (
        read_tensor(dq, "dq")?,
        read_tensor(dk, "dk")?,
        read_tensor(dv, "dv")?,
    );
    let d_sinks = read_optional(d_sinks, "d_sinks")?;
    let d_bias = read_optional(d_bias, "d_bias")?;
    let attn = inputs.attention()?;
    let mut named = vec![("dq", &dq), ("dk", &dk), ("dv", &dv)];
    for (name, t) in [("d_sinks", &d_sinks), ("d_bias", &d_bias)] {
        if let Some(t) = t {
            named.push((name, t));
        }
    }
    check_side_inputs(&inputs, &named)?;
    let bw_in = BackwardInputs {
        out: out.view(),
        d_out: d_out.view(),
        lse: lse.view(),
        d_lse: d_lse.as_ref().map(|t| t.view()),
    };
    let mut grads = Gradients {
        dq: dq.view_mut(),
        dk: dk.view_mut(),
        dv: dv.view_mut(),
        d_sinks: d_sinks.as_ref().map(|t| t.view_mut()),
        d_bias: d_bias.as_ref().map(|t| t.view_mut()),
    };
    check_device(ctx, attn.q.device())?;
    if mode == Mode::Check {
        let task = umfa_core::validate::backward(&attn, &bw_in, &grads)?;
        return unsupported(ctx, ctx.backend.unsupported_backward(&task));
    }
    let start = Instant::now();
    if attn.q.device() == Device::Cpu {
        if ctx.backend.device() != Device::Cpu {
            let task = umfa_core::validate::backward(&attn, &bw_in, &grads)?;
            unsupported(ctx, ctx.backend.unsupported_backward(&task))?;
        }
        ctx.backend.backward_host(&attn, &bw_in, &mut grads)?;
    } else {
        let task = umfa_core::validate::backward(&attn, &bw_in, &grads)?;
        ctx.backend.run_backward(&task, stream as usize)?;
    }
    ctx.record_latency(start.elapsed().as_secs_f64());
    Ok(())
}

/// Attention forward: writes `out` (its dtype is the output dtype) and, if `lse` is not NULL,
/// the f32 natural-log log-sum-exp [B,Hq,Sq] the backward needs. `params` may be NULL (plain
/// attention). GQA/MQA: K and V may have fewer heads than Q (Hq a multiple of Hkv).
///
/// `stream` is the CUDA stream (a CUstream) for tensors on a CUDA device, NULL for the default
/// stream; it is ignored for host tensors, which run synchronously (staged to and from the device
/// when the context's backend is a GPU). The call returns when the results are in place.
#[no_mangle]
pub unsafe extern "C" fn mfa_forward(
    context: mfa_context_t,
    q: *const mfa_tensor_t,
    k: *const mfa_tensor_t,
    v: *const mfa_tensor_t,
    params: *const mfa_attention_params_t,
    out: *const mfa_tensor_t,
    lse: *const mfa_tensor_t,
    stream: *mut c_void,
) -> mfa_error_t {
    guard("mfa_forward", || {
        let ctx = ctx_ref(context, "context")?;
        forward_impl(ctx, q, k, v, params, out, lse, stream, Mode::Run)
    })
}

/// Attention backward from the forward's `out` and `lse` and the upstream gradient `d_out`:
/// writes dq, dk, dv (for GQA, dk/dv are summed over each group's query heads), and optionally
/// d_sinks (f32 [Hq]; needs params->sinks) and d_bias (f32, the additive mask's own shape,
/// broadcast dimensions summed; needs an additive mask). `params` must be the forward's.
/// Fully masked rows give zero gradients. For a loss that also reads the LSE, mfa_backward_ex
/// takes its gradient too.
#[no_mangle]
pub unsafe extern "C" fn mfa_backward(
    context: mfa_context_t,
    q: *const mfa_tensor_t,
    k: *const mfa_tensor_t,
    v: *const mfa_tensor_t,
    params: *const mfa_attention_params_t,
    out: *const mfa_tensor_t,
    d_out: *const mfa_tensor_t,
    lse: *const mfa_tensor_t,
    dq: *const mfa_tensor_t,
    dk: *const mfa_tensor_t,
    dv: *const mfa_tensor_t,
    d_sinks: *const mfa_tensor_t,
    d_bias: *const mfa_tensor_t,
    stream: *mut c_void,
) -> mfa_error_t {
    guard("mfa_backward", || {
        let ctx = ctx_ref(context, "context")?;
        backward_impl(
            ctx,
            q,
            k,
            v,
            params,
            out,
            d_out,
            lse,
            std::ptr::null(),
            dq,
            dk,
            dv,
            d_sinks,
            d_bias,
            stream,
            Mode::Run,
        )
    })
}

/// Would mfa_forward with these arguments run on this context? Validates everything and asks
/// the backend, computing nothing. Returns MFA_SUCCESS, or the code mfa_forward would return
/// with the reason ("why not") written into `why` (`why_len` bytes, truncated, NUL-terminated;
/// "" on success; `why` may be NULL) and into mfa_last_error_message().
#[no_mangle]
pub unsafe extern "C" fn mfa_check_forward(
    context: mfa_context_t,
    q: *const mfa_tensor_t,
    k: *const mfa_tensor_t,
    v: *const mfa_tensor_t,
    params: *const mfa_attention_params_t,
    out: *const mfa_tensor_t,
    lse: *const mfa_tensor_t,
    why: *mut c_char,
    why_len: usize,
) -> mfa_error_t {
    let code = guard("mfa_check_forward", || {
        let ctx = ctx_ref(context, "context")?;
        forward_impl(
            ctx,
            q,
            k,
            v,
            params,
            out,
            lse,
            std::ptr::null_mut(),
            Mode::Check,
        )
    });
    write_c_string(why, why_len, &crate::error::last_message());
    code
}

/// Would mfa_backward with these arguments run on this context? As mfa_check_forward.
#[no_mangle]
pub unsafe extern "C" fn mfa_check_backward(
    context: mfa_context_t,
    q: *const mfa_tensor_t,
    k: *const mfa_tensor_t,
    v: *const mfa_tensor_t,
    params: *const mfa_attention_params_t,
    out: *const mfa_tensor_t,
    d_out: *const mfa_tensor_t,
    lse: *const mfa_tensor_t,
    dq: *const mfa_tensor_t,
    dk: *const mfa_tensor_t,
    dv: *const mfa_tensor_t,
    d_sinks: *const mfa_tensor_t,
    d_bias: *const mfa_tensor_t,
    why: *mut c_char,
    why_len: usize,
) -> mfa_error_t {
    let code = guard("mfa_check_backward", || {
        let ctx = ctx_ref(context, "context")?;
        backward_impl(
            ctx,
            q,
            k,
            v,
            params,
            out,
            d_out,
            lse,
            std::ptr::null(),
            dq,
            dk,
            dv,
            d_sinks,
            d_bias,
            std::ptr::null_mut(),
            Mode::Check,
        )
    });
    write_c_string(why, why_len, &crate::error::last_message());
    code
}

/// mfa_backward for a loss that also depends on the LSE: `d_lse` (f32 [B,Hq,Sq], any strides,
/// like `lse`) is the upstream gradient of the LSE, e.g. from merging partial results by LSE.
/// NULL is mfa_backward exactly. With it every score gradient becomes P·(dP − delta + dLSE)
/// (d LSE / d s = P), and d_sinks and d_bias include it. Rows that saw no key (LSE = −inf) still
/// get zero gradients, whatever `d_lse` holds there.
#[no_mangle]
pub unsafe extern "C" fn mfa_backward_ex(
    context: mfa_context_t,
    q: *const mfa_tensor_t,
    k: *const mfa_tensor_t,
    v: *const mfa_tensor_t,
    params: *const mfa_attention_params_t,
    out: *const mfa_tensor_t,
    d_out: *const mfa_tensor_t,
    lse: *const mfa_tensor_t,
    d_lse: *const mfa_tensor_t,
    dq: *const mfa_tensor_t,
    dk: *const mfa_tensor_t,
    dv: *const mfa_tensor_t,
    d_sinks: *const mfa_tensor_t,
    d_bias: *const mfa_tensor_t,
    stream: *mut c_void,
) -> mfa_error_t {
    guard("mfa_backward_ex", || {
        let ctx = ctx_ref(context, "context")?;
        backward_impl(
            ctx,
            q,
            k,
            v,
            params,
            out,
            d_out,
            lse,
            d_lse,
            dq,
            dk,
            dv,
            d_sinks,
            d_bias,
            stream,
            Mode::Run,
        )
    })
}

/// Would mfa_backward_ex with these arguments run on this context? As mfa_check_forward.
#[no_mangle]
pub unsafe extern "C" fn mfa_check_backward_ex(
    context: mfa_context_t,
    q: *const mfa_tensor_t,
    k: *const mfa_tensor_t,
    v: *const mfa_tensor_t,
    params: *const mfa_attention_params_t,
    out: *const mfa_tensor_t,
    d_out: *const mfa_tensor_t,
    lse: *const mfa_tensor_t,
    d_lse: *const mfa_tensor_t,
    dq: *const mfa_tensor_t,
    dk: *const mfa_tensor_t,
    dv: *const mfa_tensor_t,
    d_sinks: *const mfa_tensor_t,
    d_bias: *const mfa_tensor_t,
    why: *mut c_char,
    why_len: usize,
) -> mfa_error_t {
    let code = guard("mfa_check_backward_ex", || {
        let ctx = ctx_ref(context, "context")?;
        backward_impl(
            ctx,
            q,
            k,
            v,
            params,
            out,
            d_out,
            lse,
            d_lse,
            dq,
            dk,
            dv,
            d_sinks,
            d_bias,
            std::ptr::null_mut(),
            Mode::Check,
        )
    });
    write_c_string(why, why_len, &crate::error::last_message());
    code
}

/// An `mfa_tensor_t` over host memory whose shape and strides live in `shape`/`strides`.
pub(crate) fn host_tensor(
    data: *mut u8,
    size_bytes: usize,
    dtype: mfa_dtype_t,
    shape: &[i64],
    strides: Option<&[i64]>,
) -> mfa_tensor_t {
    mfa_tensor_t {
        data: data as *mut c_void,
        size_bytes: size_bytes as u64,
        device_type: MFA_DEVICE_CPU,
        device_id: 0,
        dtype,
        ndim: shape.len() as i32,
        shape: shape.as_ptr(),
        strides: strides.map_or(std::ptr::null(), |s| s.as_ptr()),
    }
}
