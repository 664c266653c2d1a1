//! Quantization: UMFA's quantized attention entry points (not implemented yet: they return
//! MFA_ERROR_DEVICE_NOT_SUPPORTED with a message), its layout and capability queries, and the
//! host-side quantization helpers its seed described and we implement.
//!
//! Quantized values are signed: INT8 in [-128, 127], INT4 in [-8, 7]. A value x quantizes to
//! q = clamp(round_half_even(x / scale) + zero_point, qmin, qmax) and dequantizes to
//! (q - zero_point) * scale; zero_point 0 is symmetric quantization. INT4 values are packed two
//! per byte, element 2i in the low nibble and 2i+1 in the high nibble (two's complement);
//! an odd count leaves the last high nibble 0.

use crate::compat::{mfa_precision_t, MFA_PRECISION_FP32, MFA_PRECISION_INT4, MFA_PRECISION_INT8};
use crate::context::{buf_ref, ctx_ref, mfa_buffer_t, mfa_context_t, Buffer, QuantInfo};
use crate::error::{guard, guard_value, mfa_error_t, Failure, Outcome};
use std::ffi::c_void;

/// Which quantized kernel mfa_get_quantized_layout describes.
pub type mfa_quantized_kernel_t = i32;
pub const MFA_QUANT_KERNEL_FORWARD: mfa_quantized_kernel_t = 0;
pub const MFA_QUANT_KERNEL_BACKWARD_QUERY: mfa_quantized_kernel_t = 1;
pub const MFA_QUANT_KERNEL_BACKWARD_KEY_VALUE: mfa_quantized_kernel_t = 2;

/// Per-tensor quantization parameters.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct mfa_quantization_params_t {
    /// Step between quantized levels; finite and > 0.
    pub scale: f32,
    /// The quantized value that represents 0.0; 0 = symmetric. Within the precision's range.
    pub zero_point: i32,
    /// MFA_PRECISION_INT8 or MFA_PRECISION_INT4.
    pub precision: mfa_precision_t,
}

/// The argument-binding manifest of a quantized kernel (UMFA's field names). Each field is the
/// 0-based slot of that resource in the kernel's argument table, slots numbered in field order
/// over the resources the kernel uses; -1 marks a resource the kernel does not take.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[allow(non_snake_case)]
pub struct mfa_quantized_layout_t {
    pub qData: i32,
    pub kData: i32,
    pub vData: i32,
    pub output: i32,
    pub gradOutput: i32,
    pub logsumexp: i32,
    pub gradQuery: i32,
    pub dValues: i32,
    pub gradKey: i32,
    pub gradValue: i32,
    pub qScale: i32,
    pub qZeroPoint: i32,
    pub kScale: i32,
    pub kZeroPoint: i32,
    pub vScale: i32,
    pub vZeroPoint: i32,
    pub dims: i32,
    pub steClipRange: i32,
    pub qBlockScales: i32,
    pub qBlockZeroPoints: i32,
    pub kBlockScales: i32,
    pub kBlockZeroPoints: i32,
    pub vBlockScales: i32,
    pub vBlockZeroPoints: i32,
    pub qPrecomputedSums: i32,
    pub kPrecomputedSums: i32,
    pub vPrecomputedSums: i32,
    pub qStrides: i32,
    pub kStrides: i32,
    pub vStrides: i32,
    pub oStrides: i32,
    pub maskBuffer: i32,
    pub numHeads: i32,
    pub numKeyValueHeads: i32,
    pub headDimension: i32,
    pub sequenceLength: i32,
    pub scratch0: i32,
    pub scratch1: i32,
}

/// What the quantized path can do (UMFA's struct).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct mfa_quantized_capabilities_t {
    pub supports_multi_head_backward: bool,
    pub supports_blockwise_backward: bool,
    pub max_heads: u32,
    pub max_block_size: u32,
}

const FIELDS: usize = std::mem::size_of::<mfa_quantized_layout_t>() / 4;

/// Which fields (in struct order) each kernel binds.
fn uses(kernel: mfa_quantized_kernel_t, field: usize) -> bool {
    // Field indices, in the order of mfa_quantized_layout_t.
    const Q: usize = 0;
    const K: usize = 1;
    const V: usize = 2;
    const OUT: usize = 3;
    const GRAD_OUT: usize = 4;
    const LSE: usize = 5;
    const GRAD_Q: usize = 6;
    const D_VALUES: usize = 7;
    const GRAD_K: usize = 8;
    const GRAD_V: usize = 9;
    const STE_CLIP: usize = 17;
    const SCRATCH1: usize = 37;
    match field {
        Q | K | V => true,
        OUT => kernel != MFA_QUANT_KERNEL_BACKWARD_KEY_VALUE,
        GRAD_OUT | LSE | D_VALUES | STE_CLIP => kernel != MFA_QUANT_KERNEL_FORWARD,
        GRAD_Q => kernel == MFA_QUANT_KERNEL_BACKWARD_QUERY,
        GRAD_K | GRAD_V => kernel == MFA_QUANT_KERNEL_BACKWARD_KEY_VALUE,
        SCRATCH1 => kernel != MFA_QUANT_KERNEL_FORWARD,
        _ => true,
    }
}

/// Fills `out_layout` with the binding slots of `kernel` (MFA_QUANT_KERNEL_*): the resources the
/// kernel uses numbered 0, 1, 2... in field order, -1 for the others. An unknown kernel or a NULL
/// pointer leaves `out_layout` untouched (the message says why).
#[no_mangle]
pub unsafe extern "C" fn mfa_get_quantized_layout(
    kernel: mfa_quantized_kernel_t,
    out_layout: *mut mfa_quantized_layout_t,
) {
    let _ = guard("mfa_get_quantized_layout", || {
        if out_layout.is_null() {
            return Err(Failure::arg("out_layout", "is NULL"));
        }
        if !(MFA_QUANT_KERNEL_FORWARD..=MFA_QUANT_KERNEL_BACKWARD_KEY_VALUE).contains(&kernel) {
            return Err(Failure::arg(
                "kernel",
                format!("is {kernel}; expected MFA_QUANT_KERNEL_FORWARD (0), BACKWARD_QUERY (1) or BACKWARD_KEY_VALUE (2)"),
            ));
        }
        let mut slots = [0i32; FIELDS];
        let mut next = 0;
        for (field, slot) in slots.iter_mut().enumerate() {
            *slot = if uses(kernel, field) {
                next += 1;
                next - 1
            } else {
                -1
            };
        }
        // SAFETY: the struct is FIELDS consecutive i32 (repr(C), no padding).
        (out_layout as *mut [i32; FIELDS]).write_unaligned(slots);
        Ok(())
    });
}

/// Fills a mfa_quantized_capabilities_t. Quantized attention is not implemented yet, so every
/// capability is false / 0. NULL is ignored.
#[no_mangle]
pub unsafe extern "C" fn mfa_get_quantized_capabilities(out_capabilities: *mut c_void) {
    let _ = guard("mfa_get_quantized_capabilities", || {
        if out_capabilities.is_null() {
            return Err(Failure::arg("out_capabilities", "is NULL"));
        }
        (out_capabilities as *mut mfa_quantized_capabilities_t)
            .write_unaligned(mfa_quantized_capabilities_t::default());
        Ok(())
    });
}

fn not_implemented(name: &str) -> Failure {
    Failure::unsupported(format!(
        "{name} is not yet implemented in umfa (quantized attention is planned); for now \
         dequantize on the host and call mfa_attention_forward / mfa_forward"
    ))
}

/// Not yet implemented: returns MFA_ERROR_DEVICE_NOT_SUPPORTED (MFA_ERROR_INVALID_ARGS for a
/// NULL or invalid context).
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_forward_quantized(
    context: mfa_context_t,
    _q: mfa_buffer_t,
    _k: mfa_buffer_t,
    _v: mfa_buffer_t,
    _out: mfa_buffer_t,
    _batch_size: u32,
    _seq_len_q: u32,
    _seq_len_kv: u32,
    _num_heads: u32,
    _head_dim: u16,
    _softmax_scale: f32,
    _causal: bool,
    _q_scale: f32,
    _q_zero_point: i32,
    _k_scale: f32,
    _k_zero_point: i32,
    _v_scale: f32,
    _v_zero_point: i32,
    _q_precision: mfa_precision_t,
    _k_precision: mfa_precision_t,
    _v_precision: mfa_precision_t,
    _output_precision: mfa_precision_t,
    _transpose_q: bool,
    _transpose_k: bool,
    _transpose_v: bool,
    _transpose_o: bool,
) -> mfa_error_t {
    guard("mfa_attention_forward_quantized", || {
        ctx_ref(context, "context")?;
        Err(not_implemented("mfa_attention_forward_quantized"))
    })
}

/// Not yet implemented: returns MFA_ERROR_DEVICE_NOT_SUPPORTED. `granularity`: 0 tensor, 1 row,
/// 2 block, 3 channel.
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_forward_quantized_unified(
    context: mfa_context_t,
    _q: mfa_buffer_t,
    _k: mfa_buffer_t,
    _v: mfa_buffer_t,
    _out: mfa_buffer_t,
    _batch_size: u32,
    _seq_len_q: u32,
    _seq_len_kv: u32,
    _num_heads: u32,
    _head_dim: u16,
    _softmax_scale: f32,
    _causal: bool,
    _q_scale: f32,
    _q_zero_point: i32,
    _k_scale: f32,
    _k_zero_point: i32,
    _v_scale: f32,
    _v_zero_point: i32,
    _q_precision: mfa_precision_t,
    _k_precision: mfa_precision_t,
    _v_precision: mfa_precision_t,
    _output_precision: mfa_precision_t,
    _granularity: i32,
    _q_block_size: u32,
    _k_block_size: u32,
    _v_block_size: u32,
    _enable_mixed_precision: bool,
    _force_symmetric_quantization: bool,
    _transpose_q: bool,
    _transpose_k: bool,
    _transpose_v: bool,
    _transpose_o: bool,
) -> mfa_error_t {
    guard("mfa_attention_forward_quantized_unified", || {
        ctx_ref(context, "context")?;
        Err(not_implemented("mfa_attention_forward_quantized_unified"))
    })
}

/// Identical to mfa_attention_forward_quantized_unified (not yet implemented).
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_forward_quantized_enhanced(
    context: mfa_context_t,
    _q: mfa_buffer_t,
    _k: mfa_buffer_t,
    _v: mfa_buffer_t,
    _out: mfa_buffer_t,
    _batch_size: u32,
    _seq_len_q: u32,
    _seq_len_kv: u32,
    _num_heads: u32,
    _head_dim: u16,
    _softmax_scale: f32,
    _causal: bool,
    _q_scale: f32,
    _q_zero_point: i32,
    _k_scale: f32,
    _k_zero_point: i32,
    _v_scale: f32,
    _v_zero_point: i32,
    _q_precision: mfa_precision_t,
    _k_precision: mfa_precision_t,
    _v_precision: mfa_precision_t,
    _output_precision: mfa_precision_t,
    _granularity: i32,
    _q_block_size: u32,
    _k_block_size: u32,
    _v_block_size: u32,
    _enable_mixed_precision: bool,
    _force_symmetric_quantization: bool,
    _transpose_q: bool,
    _transpose_k: bool,
    _transpose_v: bool,
    _transpose_o: bool,
) -> mfa_error_t {
    guard("mfa_attention_forward_quantized_enhanced", || {
        ctx_ref(context, "context")?;
        Err(not_implemented("mfa_attention_forward_quantized_enhanced"))
    })
}

unsafe fn copy_scales(p: *const f32, n: u32, arg: &str) -> Outcome<Vec<f32>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    if p.is_null() {
        return Err(Failure::arg(arg, format!("is NULL but its count is {n}")));
    }
    let v = std::slice::from_raw_parts(p, n as usize).to_vec();
    if let Some((i, x)) = v
        .iter()
        .enumerate()
        .find(|(_, x)| !(x.is_finite() && **x > 0.0))
    {
        return Err(Failure::arg(
            arg,
            format!("entry {i} is {x}; scales must be finite and > 0"),
        ));
    }
    Ok(v)
}

/// Stores per-block scale arrays in the context (copied) for the quantized path. Validated and
/// kept, though no kernel reads them yet.
#[no_mangle]
pub unsafe extern "C" fn mfa_set_scale_arrays(
    context: mfa_context_t,
    q_scales: *const f32,
    q_count: u32,
    k_scales: *const f32,
    k_count: u32,
    v_scales: *const f32,
    v_count: u32,
) -> mfa_error_t {
    guard("mfa_set_scale_arrays", || {
        let ctx = ctx_ref(context, "context")?;
        let arrays = [
            copy_scales(q_scales, q_count, "q_scales")?,
            copy_scales(k_scales, k_count, "k_scales")?,
            copy_scales(v_scales, v_count, "v_scales")?,
        ];
        *ctx.scale_arrays.lock().unwrap_or_else(|e| e.into_inner()) = Some(arrays);
        Ok(())
    })
}

/// Not yet implemented: returns MFA_ERROR_DEVICE_NOT_SUPPORTED.
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_backward_query_quantized_ex(
    context: mfa_context_t,
    _q: mfa_buffer_t,
    _k: mfa_buffer_t,
    _v: mfa_buffer_t,
    _output: mfa_buffer_t,
    _grad_output: mfa_buffer_t,
    _logsumexp: mfa_buffer_t,
    _grad_query: mfa_buffer_t,
    _d_values: mfa_buffer_t,
    _batch_size: u32,
    _seq_len_q: u32,
    _seq_len_kv: u32,
    _num_heads: u32,
    _num_kv_heads: u32,
    _head_dim: u16,
    _q_scale: f32,
    _q_zero_point: i32,
    _k_scale: f32,
    _k_zero_point: i32,
    _v_scale: f32,
    _v_zero_point: i32,
    _q_precision: mfa_precision_t,
    _k_precision: mfa_precision_t,
    _v_precision: mfa_precision_t,
    _causal: bool,
    _transpose_q: bool,
    _transpose_k: bool,
    _transpose_v: bool,
    _transpose_o: bool,
    _q_block_scales: mfa_buffer_t,
    _q_block_zero_points: mfa_buffer_t,
    _k_block_scales: mfa_buffer_t,
    _k_block_zero_points: mfa_buffer_t,
    _v_block_scales: mfa_buffer_t,
    _v_block_zero_points: mfa_buffer_t,
    _q_block_size: u32,
    _k_block_size: u32,
    _v_block_size: u32,
    _options: u32,
) -> mfa_error_t {
    guard("mfa_attention_backward_query_quantized_ex", || {
        ctx_ref(context, "context")?;
        Err(not_implemented("mfa_attention_backward_query_quantized_ex"))
    })
}

/// Not yet implemented: returns MFA_ERROR_DEVICE_NOT_SUPPORTED.
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_backward_kv_quantized_ex(
    context: mfa_context_t,
    _q: mfa_buffer_t,
    _k: mfa_buffer_t,
    _v: mfa_buffer_t,
    _grad_output: mfa_buffer_t,
    _logsumexp: mfa_buffer_t,
    _d_values: mfa_buffer_t,
    _grad_key: mfa_buffer_t,
    _grad_value: mfa_buffer_t,
    _batch_size: u32,
    _seq_len_q: u32,
    _seq_len_kv: u32,
    _num_heads: u32,
    _num_kv_heads: u32,
    _head_dim: u16,
    _q_scale: f32,
    _q_zero_point: i32,
    _k_scale: f32,
    _k_zero_point: i32,
    _v_scale: f32,
    _v_zero_point: i32,
    _q_precision: mfa_precision_t,
    _k_precision: mfa_precision_t,
    _v_precision: mfa_precision_t,
    _causal: bool,
    _transpose_q: bool,
    _transpose_k: bool,
    _transpose_v: bool,
    _transpose_o: bool,
    _q_block_scales: mfa_buffer_t,
    _q_block_zero_points: mfa_buffer_t,
    _k_block_scales: mfa_buffer_t,
    _k_block_zero_points: mfa_buffer_t,
    _v_block_scales: mfa_buffer_t,
    _v_block_zero_points: mfa_buffer_t,
    _q_block_size: u32,
    _k_block_size: u32,
    _v_block_size: u32,
    _options: u32,
) -> mfa_error_t {
    guard("mfa_attention_backward_kv_quantized_ex", || {
        ctx_ref(context, "context")?;
        Err(not_implemented("mfa_attention_backward_kv_quantized_ex"))
    })
}

/// Not yet implemented: returns MFA_ERROR_DEVICE_NOT_SUPPORTED.
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_backward_query_quantized(
    context: mfa_context_t,
    _q: mfa_buffer_t,
    _k: mfa_buffer_t,
    _v: mfa_buffer_t,
    _output: mfa_buffer_t,
    _grad_output: mfa_buffer_t,
    _logsumexp: mfa_buffer_t,
    _grad_query: mfa_buffer_t,
    _d_values: mfa_buffer_t,
    _batch_size: u32,
    _seq_len_q: u32,
    _seq_len_kv: u32,
    _num_heads: u32,
    _head_dim: u16,
    _q_scale: f32,
    _q_zero_point: i32,
    _k_scale: f32,
    _k_zero_point: i32,
    _v_scale: f32,
    _v_zero_point: i32,
    _q_precision: mfa_precision_t,
    _k_precision: mfa_precision_t,
    _v_precision: mfa_precision_t,
    _causal: bool,
    _transpose_q: bool,
    _transpose_k: bool,
    _transpose_v: bool,
    _transpose_o: bool,
) -> mfa_error_t {
    guard("mfa_attention_backward_query_quantized", || {
        ctx_ref(context, "context")?;
        Err(not_implemented("mfa_attention_backward_query_quantized"))
    })
}

/// Not yet implemented: returns MFA_ERROR_DEVICE_NOT_SUPPORTED.
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_backward_kv_quantized(
    context: mfa_context_t,
    _q: mfa_buffer_t,
    _k: mfa_buffer_t,
    _v: mfa_buffer_t,
    _grad_output: mfa_buffer_t,
    _logsumexp: mfa_buffer_t,
    _d_values: mfa_buffer_t,
    _grad_key: mfa_buffer_t,
    _grad_value: mfa_buffer_t,
    _batch_size: u32,
    _seq_len_q: u32,
    _seq_len_kv: u32,
    _num_heads: u32,
    _head_dim: u16,
    _q_scale: f32,
    _q_zero_point: i32,
    _k_scale: f32,
    _k_zero_point: i32,
    _v_scale: f32,
    _v_zero_point: i32,
    _q_precision: mfa_precision_t,
    _k_precision: mfa_precision_t,
    _v_precision: mfa_precision_t,
    _causal: bool,
    _transpose_q: bool,
    _transpose_k: bool,
    _transpose_v: bool,
    _transpose_o: bool,
) -> mfa_error_t {
    guard("mfa_attention_backward_kv_quantized", || {
        ctx_ref(context, "context")?;
        Err(not_implemented("mfa_attention_backward_kv_quantized"))
    })
}

// ---------------------------------------------------------------------------------------------
// Host quantization helpers.

/// The representable range of a quantized precision.
fn range(precision: mfa_precision_t) -> Outcome<(i32, i32)> {
    match precision {
        MFA_PRECISION_INT8 => Ok((-128, 127)),
        MFA_PRECISION_INT4 => Ok((-8, 7)),
        other => Err(Failure::arg(
            "precision",
            format!("is {other}; quantized buffers are MFA_PRECISION_INT8 (3) or INT4 (4)"),
        )),
    }
}

fn check_params(p: &mfa_quantization_params_t) -> Outcome<(i32, i32)> {
    let (lo, hi) = range(p.precision)?;
    if !(p.scale.is_finite() && p.scale > 0.0) {
        return Err(Failure::arg(
            "scale",
            format!("is {}; it must be finite and > 0", p.scale),
        ));
    }
    if !(lo..=hi).contains(&p.zero_point) {
        return Err(Failure::arg(
            "zero_point",
            format!("is {}; it must lie in [{lo}, {hi}]", p.zero_point),
        ));
    }
    Ok((lo, hi))
}

/// Bits per element of a precision.
fn bits(precision: mfa_precision_t) -> Outcome<u64> {
    match precision {
        0 | 1 => Ok(16),
        MFA_PRECISION_FP32 => Ok(32),
        MFA_PRECISION_INT8 => Ok(8),
        MFA_PRECISION_INT4 => Ok(4),
        other => Err(Failure::arg(
            "precision",
            format!("is {other}; expected MFA_PRECISION_FP16 (0), BF16 (1), FP32 (2), INT8 (3) or INT4 (4)"),
        )),
    }
}

/// Bytes that `count` values of `precision` occupy (INT4 packed two per byte).
fn packed_bytes(count: u64, precision: mfa_precision_t) -> Outcome<u64> {
    Ok((count * bits(precision)?).div_ceil(8))
}

unsafe fn numel(shape: *const i64, ndim: u32) -> Outcome<u64> {
    if shape.is_null() {
        return Err(Failure::arg("shape", "is NULL"));
    }
    if ndim == 0 || ndim > 16 {
        return Err(Failure::arg("ndim", format!("is {ndim}; expected 1 to 16")));
    }
    let mut n: u64 = 1;
    for d in 0..ndim as usize {
        let x = *shape.add(d);
        if x < 1 {
            return Err(Failure::arg(
                "shape",
                format!("dimension {d} is {x}; sizes must be >= 1"),
            ));
        }
        n = n
            .checked_mul(x as u64)
            .filter(|&n| n <= 1 << 50)
            .ok_or_else(|| Failure::arg("shape", "has too many elements"))?;
    }
    Ok(n)
}

fn quantize_one(x: f32, p: &mfa_quantization_params_t, lo: i32, hi: i32) -> i32 {
    let q = (x / p.scale).round_ties_even();
    // NaN quantizes to the zero point; ±inf clamp.
    let q = if q.is_nan() { 0.0 } else { q };
    (q as i64 + p.zero_point as i64).clamp(lo as i64, hi as i64) as i32
}

/// Quantizes `values` into `out` (INT8 bytes or packed INT4).
fn quantize_into(values: &[f32], out: &mut [u8], p: &mfa_quantization_params_t) -> Outcome {
    let (lo, hi) = check_params(p)?;
    if p.precision == MFA_PRECISION_INT8 {
        for (o, &x) in out.iter_mut().zip(values) {
            *o = quantize_one(x, p, lo, hi) as i8 as u8;
        }
    } else {
        for (o, pair) in out.iter_mut().zip(values.chunks(2)) {
            let low = quantize_one(pair[0], p, lo, hi) as u8 & 0xf;
            let high = pair
                .get(1)
                .map_or(0, |&x| quantize_one(x, p, lo, hi) as u8 & 0xf);
            *o = low | (high << 4);
        }
    }
    Ok(())
}

/// Value `i` of quantized data, dequantized.
fn dequantize_at(data: &[u8], i: usize, p: &mfa_quantization_params_t) -> f32 {
    let q = if p.precision == MFA_PRECISION_INT8 {
        data[i] as i8 as i32
    } else {
        let byte = data[i / 2];
        let nib = if i & 1 == 0 { byte & 0xf } else { byte >> 4 };
        ((nib << 4) as i8 >> 4) as i32
    };
    (q - p.zero_point) as f32 * p.scale
}

/// Creates a zeroed buffer of `size_bytes` meant for `precision` (MFA_PRECISION_INT8 or INT4)
/// data with the given per-tensor `scale` and `zero_point`, which the buffer records; otherwise
/// it is an ordinary buffer (mfa_buffer_contents, mfa_destroy_buffer).
#[no_mangle]
pub unsafe extern "C" fn mfa_create_quantized_buffer(
    context: mfa_context_t,
    size_bytes: isize,
    precision: mfa_precision_t,
    scale: f32,
    zero_point: i32,
    buffer: *mut mfa_buffer_t,
) -> mfa_error_t {
    guard("mfa_create_quantized_buffer", || {
        if buffer.is_null() {
            return Err(Failure::arg("buffer", "out-pointer is NULL"));
        }
        *buffer = std::ptr::null_mut();
        ctx_ref(context, "context")?;
        let p = mfa_quantization_params_t {
            scale,
            zero_point,
            precision,
        };
        check_params(&p)?;
        if size_bytes <= 0 {
            return Err(Failure::arg(
                "size_bytes",
                format!("is {size_bytes}; it must be > 0"),
            ));
        }
        let mut b = Buffer::allocate(size_bytes as usize)?;
        b.quant = Some(QuantInfo {
            precision,
            scale,
            zero_point,
        });
        *buffer = Box::into_raw(Box::new(b)) as *mut c_void;
        Ok(())
    })
}

/// Writes the quantization parameters a buffer made by mfa_create_quantized_buffer records.
/// MFA_ERROR_INVALID_ARGS for other buffers.
#[no_mangle]
pub unsafe extern "C" fn mfa_buffer_quantization_params(
    buffer: mfa_buffer_t,
    out_params: *mut mfa_quantization_params_t,
) -> mfa_error_t {
    guard("mfa_buffer_quantization_params", || {
        let b = buf_ref(buffer, "buffer")?;
        if out_params.is_null() {
            return Err(Failure::arg("out_params", "is NULL"));
        }
        let q = b
            .quant
            .ok_or_else(|| Failure::arg("buffer", "was not made by mfa_create_quantized_buffer"))?;
        out_params.write_unaligned(mfa_quantization_params_t {
            scale: q.scale,
            zero_point: q.zero_point,
            precision: q.precision,
        });
        Ok(())
    })
}

/// Quantizes `count` tensors: `inputs[i]` is a buffer of f32 values (its byte size / 4 of them),
/// `outputs[i]` receives them quantized with `params[i]` (INT8: one byte each; INT4: packed two
/// per byte, low nibble first) and must hold that many bytes. All arguments are checked before
/// anything is written.
#[no_mangle]
pub unsafe extern "C" fn mfa_quantize_tensor_batch(
    context: mfa_context_t,
    inputs: *const mfa_buffer_t,
    outputs: *const mfa_buffer_t,
    params: *const mfa_quantization_params_t,
    count: u32,
) -> mfa_error_t {
    guard("mfa_quantize_tensor_batch", || {
        ctx_ref(context, "context")?;
        if count == 0 {
            return Err(Failure::arg("count", "is 0"));
        }
        for (p, arg) in [
            (inputs as *const c_void, "inputs"),
            (outputs as *const c_void, "outputs"),
            (params as *const c_void, "params"),
        ] {
            if p.is_null() {
                return Err(Failure::arg(arg, "is NULL"));
            }
        }
        let n = count as usize;
        let mut jobs = Vec::with_capacity(n);
        for i in 0..n {
            let input = buf_ref(*inputs.add(i), "inputs[i]")
                .map_err(|f| Failure::invalid(format!("inputs[{i}]: {}", f.message)))?;
            let output = buf_ref(*outputs.add(i), "outputs[i]")
                .map_err(|f| Failure::invalid(format!("outputs[{i}]: {}", f.message)))?;
            let p = params.add(i).read_unaligned();
            check_params(&p)
                .map_err(|f| Failure::invalid(format!("params[{i}]: {}", f.message)))?;
            if input.size % 4 != 0 {
                return Err(Failure::arg(
                    "inputs",
                    format!(
                        "inputs[{i}] holds {} bytes, not a whole number of f32 values",
                        input.size
                    ),
                ));
            }
            let values = input.size / 4;
            let need = packed_bytes(values as u64, p.precision)? as usize;
            if output.size < need {
                return Err(Failure::arg(
                    "outputs",
                    format!(
                        "outputs[{i}] holds {} bytes, {need} needed for {values} values",
                        output.size
                    ),
                ));
            }
            let (in_lo, in_hi) = (input.ptr as usize, input.ptr as usize + input.size);
            let (out_lo, out_hi) = (output.ptr as usize, output.ptr as usize + need);
            if in_lo < out_hi && out_lo < in_hi {
                return Err(Failure::arg(
                    "outputs",
                    format!("outputs[{i}] overlaps inputs[{i}]"),
                ));
            }
            jobs.push((input, output, p, values, need));
        }
        for (input, output, p, values, need) in jobs {
            let src: Vec<f32> = (0..values)
                .map(|j| (input.ptr as *const f32).add(j).read_unaligned())
                .collect();
            let dst = std::slice::from_raw_parts_mut(output.ptr, need);
            quantize_into(&src, dst, &p)?;
        }
        Ok(())
    })
}

/// How many times smaller a tensor of `shape` (`ndim` sizes; the seed left the shape's form
/// unspecified) gets going from `from_precision` to `to_precision`: the integer ratio of their
/// byte sizes (INT4 packed two per byte), e.g. 4 for FP32 -> INT8, 8 for FP32 -> INT4, 2 for
/// FP16 -> INT8. 0 on invalid arguments (then mfa_last_error_message says why).
#[no_mangle]
pub unsafe extern "C" fn mfa_calculate_memory_reduction(
    shape: *const i64,
    ndim: u32,
    from_precision: mfa_precision_t,
    to_precision: mfa_precision_t,
) -> usize {
    guard_value("mfa_calculate_memory_reduction", 0, || {
        let n = numel(shape, ndim)?;
        let from = packed_bytes(n, from_precision)?;
        let to = packed_bytes(n, to_precision)?;
        Ok((from / to) as usize)
    })
}

/// Checks `params` (scale finite and > 0, precision INT8 or INT4, zero point in range) and that
/// data in [min_value, max_value] is representable: both ends quantize within the precision's
/// range (to within half a step). MFA_SUCCESS or MFA_ERROR_INVALID_ARGS with the reason.
#[no_mangle]
pub unsafe extern "C" fn mfa_validate_quantization_params(
    params: *const mfa_quantization_params_t,
    min_value: f32,
    max_value: f32,
) -> mfa_error_t {
    guard("mfa_validate_quantization_params", || {
        if params.is_null() {
            return Err(Failure::arg("params", "is NULL"));
        }
        let p = params.read_unaligned();
        let (lo, hi) = check_params(&p)?;
        if !(min_value.is_finite() && max_value.is_finite()) || min_value > max_value {
            return Err(Failure::arg(
                "min_value",
                format!("[{min_value}, {max_value}] is not a finite range with min <= max"),
            ));
        }
        for (x, name) in [(min_value, "min_value"), (max_value, "max_value")] {
            let q = (x as f64 / p.scale as f64) + p.zero_point as f64;
            if q < lo as f64 - 0.5 || q > hi as f64 + 0.5 {
                let needed = (x as f64).abs()
                    / if x < 0.0 {
                        (p.zero_point - lo) as f64
                    } else {
                        (hi - p.zero_point) as f64
                    };
                return Err(Failure::arg(
                    name,
                    format!(
                        "{x} maps to {q:.1} (scale {}, zero point {}), outside [{lo}, {hi}]; the scale needs to be at least {needed:.6}",
                        p.scale, p.zero_point
                    ),
                ));
            }
        }
        Ok(())
    })
}

/// The relative L2 error ||x - dequantize(q)|| / ||x|| of quantized data against the original:
/// `original` holds the f32 values of a tensor of `shape` (`ndim` sizes), `quantized` their
/// quantized form (as mfa_quantize_tensor_batch writes it) with `params`. The seed left the size
/// unspecified, so `shape`/`ndim` follow `params`. 0 when all originals are 0 and the
/// reconstruction is exact; -1.0 on invalid arguments.
#[no_mangle]
pub unsafe extern "C" fn mfa_estimate_quantization_error(
    original: *const f32,
    quantized: *const c_void,
    params: *const mfa_quantization_params_t,
    shape: *const i64,
    ndim: u32,
) -> f32 {
    guard_value("mfa_estimate_quantization_error", -1.0, || {
        if original.is_null() {
            return Err(Failure::arg("original", "is NULL"));
        }
        if quantized.is_null() {
            return Err(Failure::arg("quantized", "is NULL"));
        }
        if params.is_null() {
            return Err(Failure::arg("params", "is NULL"));
        }
        let p = params.read_unaligned();
        check_params(&p)?;
        let n = numel(shape, ndim)? as usize;
        let x = std::slice::from_raw_parts(original, n);
        let q = std::slice::from_raw_parts(
            quantized as *const u8,
            packed_bytes(n as u64, p.precision)? as usize,
        );
        let (mut err, mut norm) = (0.0f64, 0.0f64);
        for (i, &xi) in x.iter().enumerate() {
            let d = xi as f64 - dequantize_at(q, i, &p) as f64;
            err += d * d;
            norm += xi as f64 * xi as f64;
        }
        Ok(if norm == 0.0 {
            if err == 0.0 {
                0.0
            } else {
                f32::INFINITY
            }
        } else {
            (err / norm).sqrt() as f32
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int4_packs_low_nibble_first() {
        let p = mfa_quantization_params_t {
            scale: 1.0,
            zero_point: 0,
            precision: MFA_PRECISION_INT4,
        };
        let mut out = [0u8; 2];
        quantize_into(&[1.0, -2.0, 7.4], &mut out, &p).unwrap();
        assert_eq!(out, [0x01 | (0xe << 4), 0x07]);
        assert_eq!(dequantize_at(&out, 1, &p), -2.0);
        assert_eq!(dequantize_at(&out, 2, &p), 7.0);
    }

    #[test]
    fn int8_asymmetric_round_trip() {
        let p = mfa_quantization_params_t {
            scale: 0.5,
            zero_point: -10,
            precision: MFA_PRECISION_INT8,
        };
        let mut out = [0u8; 3];
        quantize_into(&[0.0, 1.0, 1000.0], &mut out, &p).unwrap();
        assert_eq!(out.map(|b| b as i8), [-10, -8, 127]);
        assert_eq!(dequantize_at(&out, 1, &p), 1.0);
    }

    #[test]
    fn layout_slots_are_dense() {
        let mut l = mfa_quantized_layout_t::default();
        unsafe { mfa_get_quantized_layout(MFA_QUANT_KERNEL_FORWARD, &mut l) };
        assert_eq!((l.qData, l.kData, l.vData, l.output), (0, 1, 2, 3));
        assert_eq!((l.gradOutput, l.gradQuery), (-1, -1));
        unsafe { mfa_get_quantized_layout(MFA_QUANT_KERNEL_BACKWARD_KEY_VALUE, &mut l) };
        assert_eq!((l.output, l.gradKey), (-1, 6));
    }
}
