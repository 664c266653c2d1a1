//! Quantization: UMFA's quantized attention entry points, its layout and capability queries, and
//! the host-side quantization helpers its seed described.
//!
//! Quantized values are signed: INT8 in [-128, 127], INT4 in [-8, 7]. A value x quantizes to
//! q = clamp(round_half_even(x / scale) + zero_point, qmin, qmax) and dequantizes to
//! (q - zero_point) * scale; zero_point 0 is symmetric quantization. INT4 values are packed two
//! per byte, element 2i in the low nibble and 2i+1 in the high nibble (two's complement);
//! an odd count leaves the last high nibble 0.
//!
//! The attention entry points compute attention on the dequantized operands through the core
//! (`umfa::quant`, docs/quant.md): pre-quantized buffers here, runtime quantization in Python's
//! `sageattn`, one implementation.

use crate::compat::{
    float_dtype, mfa_precision_t, MFA_PRECISION_FP32, MFA_PRECISION_INT4, MFA_PRECISION_INT8,
};
use crate::context::{buf_ref, ctx_ref, mfa_buffer_t, mfa_context_t, Buffer, Context, QuantInfo};
use crate::descriptor::dtype_of;
use crate::error::{guard, guard_value, mfa_error_t, Failure, Outcome};
use std::ffi::c_void;
use std::time::Instant;
use umfa_core::quant::{self as cq, Granularity, QuantAttention, QuantDType, QuantOperand};
use umfa_core::{
    AttentionParams, BackwardInputs, CausalAlign, DType, Device, ForwardOutputs, Gradients, Layout,
    TensorMut, TensorRef,
};

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

/// Which fields (in struct order) each kernel binds in umfa's implementation.
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
    const Q_SUMS: usize = 24;
    const V_SUMS: usize = 26;
    const MASK: usize = 31;
    const SCRATCH0: usize = 36;
    const SCRATCH1: usize = 37;
    let fwd = kernel == MFA_QUANT_KERNEL_FORWARD;
    match field {
        Q | K | V => true,
        // The key/value backward takes no `output`: it recomputes O.
        OUT => kernel != MFA_QUANT_KERNEL_BACKWARD_KEY_VALUE,
        GRAD_OUT | LSE | D_VALUES => !fwd,
        GRAD_Q => kernel == MFA_QUANT_KERNEL_BACKWARD_QUERY,
        GRAD_K | GRAD_V => kernel == MFA_QUANT_KERNEL_BACKWARD_KEY_VALUE,
        // The straight-through estimator is the identity (no clip range); operands are
        // dequantized, so no precomputed sums correct zero points; UMFA's quantized entry points
        // take no mask; umfa's scratch is its own.
        STE_CLIP | Q_SUMS..=V_SUMS | MASK | SCRATCH0 | SCRATCH1 => false,
        _ => true,
    }
}

/// Fills `out_layout` with the binding slots of `kernel` (MFA_QUANT_KERNEL_*): the resources
/// umfa's implementation of that kernel reads or writes, numbered 0, 1, 2... in field order, and
/// -1 for those it does not use (for every kernel: steClipRange, the precomputed sums, maskBuffer,
/// scratch0/1; the forward: the gradients, logsumexp, dValues; the key/value backward: output,
/// gradQuery; the query backward: gradKey, gradValue). An unknown kernel or a NULL pointer leaves
/// `out_layout` untouched (the message says why).
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

/// Fills a mfa_quantized_capabilities_t: multi-head (and GQA) backward and blockwise backward
/// are supported; max_heads and max_block_size are UINT32_MAX (umfa sets no limit). NULL is
/// ignored.
#[no_mangle]
pub unsafe extern "C" fn mfa_get_quantized_capabilities(out_capabilities: *mut c_void) {
    let _ = guard("mfa_get_quantized_capabilities", || {
        if out_capabilities.is_null() {
            return Err(Failure::arg("out_capabilities", "is NULL"));
        }
        (out_capabilities as *mut mfa_quantized_capabilities_t).write_unaligned(
            mfa_quantized_capabilities_t {
                supports_multi_head_backward: true,
                supports_blockwise_backward: true,
                max_heads: u32::MAX,
                max_block_size: u32::MAX,
            },
        );
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------------
// Quantized attention.

/// Sizes of a quantized call, checked non-zero.
#[derive(Clone, Copy)]
struct Sizes {
    b: usize,
    h: usize,
    hkv: usize,
    sq: usize,
    sk: usize,
    d: usize,
}

fn sizes(
    batch: u32,
    seq_len_q: u32,
    seq_len_kv: u32,
    num_heads: u32,
    num_kv_heads: u32,
    head_dim: u16,
) -> Outcome<Sizes> {
    for (name, x) in [
        ("batch", batch),
        ("seq_len_q", seq_len_q),
        ("seq_len_kv", seq_len_kv),
        ("num_heads", num_heads),
        ("num_kv_heads", num_kv_heads),
        ("head_dim", head_dim as u32),
    ] {
        if x == 0 {
            return Err(Failure::arg(name, format!("{name} is 0")));
        }
    }
    Ok(Sizes {
        b: batch as usize,
        h: num_heads as usize,
        hkv: num_kv_heads as usize,
        sq: seq_len_q as usize,
        sk: seq_len_kv as usize,
        d: head_dim as usize,
    })
}

/// Element strides of a logical `[B, H, S, D]` tensor: contiguous `[B,H,S,D]`, or `[B,S,H,D]`
/// with `transpose`; a `_with_strides` buffer's strides win (its shape in either order).
fn strides_of(buf: &Buffer, arg: &str, shape: [usize; 4], transpose: bool) -> Outcome<[isize; 4]> {
    let [b, h, s, d] = shape.map(|x| x as i64);
    let (bhsd, bshd) = ([b, h, s, d], [b, s, h, d]);
    match buf.strided {
        None => Ok(if transpose {
            [s * h * d, d, h * d, 1]
        } else {
            [h * s * d, s * d, d, 1]
        }
        .map(|x| x as isize)),
        Some(st) => {
            let off = 4 - st.ndim;
            let (mut shape4, mut str4) = ([1i64; 4], [0i64; 4]);
            shape4[off..].copy_from_slice(&st.shape[..st.ndim]);
            str4[off..].copy_from_slice(&st.strides[..st.ndim]);
            let in_bshd = if shape4 == if transpose { bshd } else { bhsd } {
                transpose
            } else if shape4 == if transpose { bhsd } else { bshd } {
                !transpose
            } else {
                return Err(Failure::arg(
                    arg,
                    format!(
                        "buffer shape {:?} matches neither [B,H,S,D] = {bhsd:?} nor [B,S,H,D] = {bshd:?}",
                        &st.shape[..st.ndim]
                    ),
                ));
            };
            let s4 = if in_bshd {
                [str4[0], str4[2], str4[1], str4[3]]
            } else {
                str4
            };
            Ok(s4.map(|x| x as isize))
        }
    }
}

/// A float tensor view over a host buffer.
unsafe fn float_view<'a>(
    buf: &Buffer,
    dtype: DType,
    shape: [usize; 4],
    strides: [isize; 4],
) -> Outcome<TensorRef<'a>> {
    Ok(TensorRef::from_raw(
        buf.ptr,
        buf.size,
        Device::Cpu,
        dtype,
        Layout::strided(&shape, &strides)?,
    ))
}

unsafe fn float_view_mut<'a>(
    buf: &Buffer,
    dtype: DType,
    shape: [usize; 4],
    strides: [isize; 4],
) -> Outcome<TensorMut<'a>> {
    Ok(TensorMut::from_raw(
        buf.ptr,
        buf.size,
        Device::Cpu,
        dtype,
        Layout::strided(&shape, &strides)?,
    ))
}

/// Argument names of one operand.
#[derive(Clone, Copy)]
struct Names {
    data: &'static str,
    precision: &'static str,
    scale: &'static str,
    zero_point: &'static str,
    scales: &'static str,
    block_scales: &'static str,
    block_zero_points: &'static str,
    block_size: &'static str,
}

const NAMES: [Names; 3] = [
    Names {
        data: "q",
        precision: "q_precision",
        scale: "q_scale",
        zero_point: "q_zero_point",
        scales: "q_scales",
        block_scales: "q_block_scales",
        block_zero_points: "q_block_zero_points",
        block_size: "q_block_size",
    },
    Names {
        data: "k",
        precision: "k_precision",
        scale: "k_scale",
        zero_point: "k_zero_point",
        scales: "k_scales",
        block_scales: "k_block_scales",
        block_zero_points: "k_block_zero_points",
        block_size: "k_block_size",
    },
    Names {
        data: "v",
        precision: "v_precision",
        scale: "v_scale",
        zero_point: "v_zero_point",
        scales: "v_scales",
        block_scales: "v_block_scales",
        block_zero_points: "v_block_zero_points",
        block_size: "v_block_size",
    },
];

/// Where an operand's scales come from.
enum Tables<'a> {
    /// The per-tensor `scale` and `zero_point` arguments.
    Scalar,
    /// `mfa_set_scale_arrays`' array for this operand, with the scalar zero point for every
    /// group (granularity row, block or channel of the `_unified` forward).
    ContextArray(Granularity, Option<&'a [f32]>),
    /// The `_ex` backward's block buffers (f32 scales, optional int32 zero points).
    Buffers(Granularity, &'a Buffer, Option<&'a Buffer>),
}

/// One operand as the caller described it, with the tables it owns.
struct OperandArgs<'a> {
    buf: &'a Buffer,
    precision: mfa_precision_t,
    scale: f32,
    zero_point: i32,
    shape: [usize; 4],
    transpose: bool,
    tables: Tables<'a>,
}

/// An operand resolved: float, or quantized with owned tables.
enum Resolved {
    Float(DType, [usize; 4], [isize; 4]),
    Quant {
        dtype: QuantDType,
        shape: [usize; 4],
        strides: [isize; 4],
        granularity: Granularity,
        scales: Vec<f32>,
        zero_points: Option<Vec<i32>>,
    },
}

unsafe fn read_table<T: Copy>(buf: &Buffer, arg: &str, n: usize, what: &str) -> Outcome<Vec<T>> {
    let have = buf.size / std::mem::size_of::<T>();
    if have < n {
        return Err(Failure::arg(
            arg,
            format!("buffer holds {have} {what} values, {n} needed"),
        ));
    }
    Ok((0..n)
        .map(|i| (buf.ptr as *const T).add(i).read_unaligned())
        .collect())
}

impl OperandArgs<'_> {
    unsafe fn resolve(&self, n: Names, force_symmetric: bool) -> Outcome<Resolved> {
        let strides = strides_of(self.buf, n.data, self.shape, self.transpose)?;
        let dtype = match self.precision {
            MFA_PRECISION_INT8 => QuantDType::Int8,
            MFA_PRECISION_INT4 => QuantDType::Int4,
            p => {
                let dt = dtype_of(float_dtype(p, n.precision)?, n.precision)?;
                return Ok(Resolved::Float(dt, self.shape, strides));
            }
        };
        if force_symmetric && self.zero_point != 0 {
            return Err(Failure::arg(
                n.zero_point,
                format!(
                    "is {} but force_symmetric_quantization is set",
                    self.zero_point
                ),
            ));
        }
        let scalar_zp = |len: usize| (self.zero_point != 0).then(|| vec![self.zero_point; len]);
        let (granularity, scales, zero_points) = match self.tables {
            Tables::Scalar => {
                if !(self.scale.is_finite() && self.scale > 0.0) {
                    return Err(Failure::arg(
                        n.scale,
                        format!("is {}; it must be finite and > 0", self.scale),
                    ));
                }
                (Granularity::PerTensor, vec![self.scale], scalar_zp(1))
            }
            Tables::ContextArray(g, array) => {
                let len = checked_len(g, self.shape, n.block_size)?;
                let Some(a) = array.filter(|a| !a.is_empty()) else {
                    return Err(Failure::arg(
                        n.scales,
                        format!(
                            "granularity {} needs {len} scales (table {:?}) for {}; set them with mfa_set_scale_arrays",
                            g.name(),
                            g.table_shape(self.shape),
                            n.data
                        ),
                    ));
                };
                (g, a.to_vec(), scalar_zp(len))
            }
            Tables::Buffers(g, scales, zps) => {
                let len = checked_len(g, self.shape, n.block_size)?;
                let s = read_table::<f32>(scales, n.block_scales, len, "f32")?;
                let z = match zps {
                    Some(z) => Some(read_table::<i32>(z, n.block_zero_points, len, "int32")?),
                    None => scalar_zp(len),
                };
                if force_symmetric && z.as_ref().is_some_and(|z| z.iter().any(|&x| x != 0)) {
                    return Err(Failure::arg(
                        n.block_zero_points,
                        "has nonzero entries but force_symmetric_quantization is set",
                    ));
                }
                (g, s, z)
            }
        };
        Ok(Resolved::Quant {
            dtype,
            shape: self.shape,
            strides,
            granularity,
            scales,
            zero_points,
        })
    }
}

/// The table length of a granularity, its block size checked.
fn checked_len(g: Granularity, shape: [usize; 4], block_arg: &str) -> Outcome<usize> {
    if g == Granularity::PerBlock(0) {
        return Err(Failure::arg(
            block_arg,
            "is 0; per-block scales need a block of at least one token",
        ));
    }
    Ok(g.table_len(shape))
}

impl Resolved {
    unsafe fn operand<'a>(&'a self, buf: &'a Buffer) -> Outcome<QuantOperand<'a>> {
        Ok(match self {
            Resolved::Float(dt, shape, strides) => {
                QuantOperand::Float(float_view(buf, *dt, *shape, *strides)?)
            }
            Resolved::Quant {
                dtype,
                shape,
                strides,
                granularity,
                scales,
                zero_points,
            } => {
                let data = std::slice::from_raw_parts(buf.ptr as *const u8, buf.size);
                let mut t = cq::QuantTensor::new(data, *dtype, *shape, *granularity, scales)
                    .with_strides(*strides);
                t.zero_points = zero_points.as_deref();
                QuantOperand::Quant(t)
            }
        })
    }
}

fn granularity_of(code: i32, block: u32) -> Outcome<Granularity> {
    Ok(match code {
        0 => Granularity::PerTensor,
        1 => Granularity::PerRow,
        2 => Granularity::PerBlock(block as usize),
        3 => Granularity::PerChannel,
        other => {
            return Err(Failure::arg(
                "granularity",
                format!("is {other}; expected 0 (tensor), 1 (row), 2 (block) or 3 (channel)"),
            ))
        }
    })
}

fn attention_params<'a>(softmax_scale: f32, causal: bool) -> Outcome<AttentionParams<'a>> {
    if !softmax_scale.is_finite() {
        return Err(Failure::arg(
            "softmax_scale",
            format!("is {softmax_scale}; use 0 for 1/sqrt(head_dim)"),
        ));
    }
    Ok(AttentionParams {
        scale: (softmax_scale != 0.0).then_some(softmax_scale),
        // UMFA's causal mask is the lower triangle: key j visible iff j <= i.
        causal: causal.then_some(CausalAlign::TopLeft),
        ..Default::default()
    })
}

/// The forward shared by the three quantized forward entry points.
#[allow(clippy::too_many_arguments)]
unsafe fn forward_quantized(
    ctx: &Context,
    bufs: [&Buffer; 4],
    sz: Sizes,
    softmax_scale: f32,
    causal: bool,
    scalars: [(f32, i32); 3],
    precisions: [mfa_precision_t; 3],
    output_precision: mfa_precision_t,
    tables: [Tables; 3],
    force_symmetric: bool,
    transpose: [bool; 4],
) -> Outcome {
    let out_dtype = dtype_of(
        float_dtype(output_precision, "output_precision")?,
        "output_precision",
    )?;
    let shapes = [
        [sz.b, sz.h, sz.sq, sz.d],
        [sz.b, sz.hkv, sz.sk, sz.d],
        [sz.b, sz.hkv, sz.sk, sz.d],
    ];
    let mut resolved = Vec::with_capacity(3);
    for (i, t) in tables.into_iter().enumerate() {
        let args = OperandArgs {
            buf: bufs[i],
            precision: precisions[i],
            scale: scalars[i].0,
            zero_point: scalars[i].1,
            shape: shapes[i],
            transpose: transpose[i],
            tables: t,
        };
        resolved.push(args.resolve(NAMES[i], force_symmetric)?);
    }
    let params = attention_params(softmax_scale, causal)?;
    let attn = QuantAttention {
        q: resolved[0].operand(bufs[0])?,
        k: resolved[1].operand(bufs[1])?,
        v: resolved[2].operand(bufs[2])?,
        params,
    };
    let oshape = [sz.b, sz.h, sz.sq, sz.d];
    let mut outs = ForwardOutputs {
        out: float_view_mut(
            bufs[3],
            out_dtype,
            oshape,
            strides_of(bufs[3], "out", oshape, transpose[3])?,
        )?,
        lse: None,
    };
    let start = Instant::now();
    cq::forward_on(ctx.backend.as_ref(), &attn, &mut outs)?;
    ctx.record_latency(start.elapsed().as_secs_f64());
    Ok(())
}

unsafe fn four(
    q: mfa_buffer_t,
    k: mfa_buffer_t,
    v: mfa_buffer_t,
    out: mfa_buffer_t,
    out_name: &str,
) -> Outcome<[&'static Buffer; 4]> {
    Ok([
        buf_ref(q, "q")?,
        buf_ref(k, "k")?,
        buf_ref(v, "v")?,
        buf_ref(out, out_name)?,
    ])
}

/// Quantized attention with per-tensor scales and zero points. `q`, `k`, `v` are INT8 (one
/// byte each) or INT4 (packed two per byte, low nibble first) per `*_precision`, each standing
/// for `(value - zero_point) * scale`; an operand given as FP16/BF16/FP32 is read as floats
/// and its scale and zero point are not used. Layouts as mfa_attention_forward (`transpose_X`:
/// [B,S,H,D]; INT4 strides count values, not bytes). `out` has `output_precision` (FP16, BF16
/// or FP32); `softmax_scale` 0 selects 1/sqrt(head_dim); `causal` is top-left. Attention is
/// computed in f32 on the dequantized operands (docs/quant.md).
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_forward_quantized(
    context: mfa_context_t,
    q: mfa_buffer_t,
    k: mfa_buffer_t,
    v: mfa_buffer_t,
    out: mfa_buffer_t,
    batch_size: u32,
    seq_len_q: u32,
    seq_len_kv: u32,
    num_heads: u32,
    head_dim: u16,
    softmax_scale: f32,
    causal: bool,
    q_scale: f32,
    q_zero_point: i32,
    k_scale: f32,
    k_zero_point: i32,
    v_scale: f32,
    v_zero_point: i32,
    q_precision: mfa_precision_t,
    k_precision: mfa_precision_t,
    v_precision: mfa_precision_t,
    output_precision: mfa_precision_t,
    transpose_q: bool,
    transpose_k: bool,
    transpose_v: bool,
    transpose_o: bool,
) -> mfa_error_t {
    guard("mfa_attention_forward_quantized", || {
        let ctx = ctx_ref(context, "context")?;
        let bufs = four(q, k, v, out, "out")?;
        let sz = sizes(
            batch_size, seq_len_q, seq_len_kv, num_heads, num_heads, head_dim,
        )?;
        forward_quantized(
            ctx,
            bufs,
            sz,
            softmax_scale,
            causal,
            [
                (q_scale, q_zero_point),
                (k_scale, k_zero_point),
                (v_scale, v_zero_point),
            ],
            [q_precision, k_precision, v_precision],
            output_precision,
            [Tables::Scalar, Tables::Scalar, Tables::Scalar],
            false,
            [transpose_q, transpose_k, transpose_v, transpose_o],
        )
    })
}

#[allow(clippy::too_many_arguments)]
unsafe fn unified(
    name: &str,
    context: mfa_context_t,
    bufs: [mfa_buffer_t; 4],
    dims: (u32, u32, u32, u32, u16),
    softmax_scale: f32,
    causal: bool,
    scalars: [(f32, i32); 3],
    precisions: [mfa_precision_t; 3],
    output_precision: mfa_precision_t,
    granularity: i32,
    blocks: [u32; 3],
    force_symmetric: bool,
    transpose: [bool; 4],
) -> mfa_error_t {
    guard(name, || {
        let ctx = ctx_ref(context, "context")?;
        let bufs = four(bufs[0], bufs[1], bufs[2], bufs[3], "out")?;
        let (b, sq, sk, h, d) = dims;
        let sz = sizes(b, sq, sk, h, h, d)?;
        let arrays = ctx
            .scale_arrays
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let mut tables = Vec::with_capacity(3);
        for (i, &block) in blocks.iter().enumerate() {
            let g = granularity_of(granularity, block)?;
            tables.push(if g == Granularity::PerTensor {
                Tables::Scalar
            } else {
                Tables::ContextArray(g, arrays.as_ref().map(|a| a[i].as_slice()))
            });
        }
        let tables: [Tables; 3] = tables
            .try_into()
            .map_err(|_| Failure::invalid("3 tables"))?;
        forward_quantized(
            ctx,
            bufs,
            sz,
            softmax_scale,
            causal,
            scalars,
            precisions,
            output_precision,
            tables,
            force_symmetric,
            transpose,
        )
    })
}

/// mfa_attention_forward_quantized with a scale granularity: 0 per tensor (the scale and
/// zero-point arguments), 1 per row ([B,H,S] scales), 2 per block of `*_block_size` tokens
/// ([B,H,ceil(S/block)]), 3 per channel ([B,H,D]). Granularities 1-3 read each operand's scales
/// from the arrays set by mfa_set_scale_arrays (contiguous, in that table order; the count must
/// match exactly) and apply the operand's zero-point argument to every group.
/// `force_symmetric_quantization` makes a nonzero zero point an error.
/// `enable_mixed_precision` needs no action: each operand always has its own precision, and the
/// computation is f32 either way.
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_forward_quantized_unified(
    context: mfa_context_t,
    q: mfa_buffer_t,
    k: mfa_buffer_t,
    v: mfa_buffer_t,
    out: mfa_buffer_t,
    batch_size: u32,
    seq_len_q: u32,
    seq_len_kv: u32,
    num_heads: u32,
    head_dim: u16,
    softmax_scale: f32,
    causal: bool,
    q_scale: f32,
    q_zero_point: i32,
    k_scale: f32,
    k_zero_point: i32,
    v_scale: f32,
    v_zero_point: i32,
    q_precision: mfa_precision_t,
    k_precision: mfa_precision_t,
    v_precision: mfa_precision_t,
    output_precision: mfa_precision_t,
    granularity: i32,
    q_block_size: u32,
    k_block_size: u32,
    v_block_size: u32,
    enable_mixed_precision: bool,
    force_symmetric_quantization: bool,
    transpose_q: bool,
    transpose_k: bool,
    transpose_v: bool,
    transpose_o: bool,
) -> mfa_error_t {
    let _ = enable_mixed_precision;
    unified(
        "mfa_attention_forward_quantized_unified",
        context,
        [q, k, v, out],
        (batch_size, seq_len_q, seq_len_kv, num_heads, head_dim),
        softmax_scale,
        causal,
        [
            (q_scale, q_zero_point),
            (k_scale, k_zero_point),
            (v_scale, v_zero_point),
        ],
        [q_precision, k_precision, v_precision],
        output_precision,
        granularity,
        [q_block_size, k_block_size, v_block_size],
        force_symmetric_quantization,
        [transpose_q, transpose_k, transpose_v, transpose_o],
    )
}

/// Identical to mfa_attention_forward_quantized_unified.
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_forward_quantized_enhanced(
    context: mfa_context_t,
    q: mfa_buffer_t,
    k: mfa_buffer_t,
    v: mfa_buffer_t,
    out: mfa_buffer_t,
    batch_size: u32,
    seq_len_q: u32,
    seq_len_kv: u32,
    num_heads: u32,
    head_dim: u16,
    softmax_scale: f32,
    causal: bool,
    q_scale: f32,
    q_zero_point: i32,
    k_scale: f32,
    k_zero_point: i32,
    v_scale: f32,
    v_zero_point: i32,
    q_precision: mfa_precision_t,
    k_precision: mfa_precision_t,
    v_precision: mfa_precision_t,
    output_precision: mfa_precision_t,
    granularity: i32,
    q_block_size: u32,
    k_block_size: u32,
    v_block_size: u32,
    enable_mixed_precision: bool,
    force_symmetric_quantization: bool,
    transpose_q: bool,
    transpose_k: bool,
    transpose_v: bool,
    transpose_o: bool,
) -> mfa_error_t {
    let _ = enable_mixed_precision;
    unified(
        "mfa_attention_forward_quantized_enhanced",
        context,
        [q, k, v, out],
        (batch_size, seq_len_q, seq_len_kv, num_heads, head_dim),
        softmax_scale,
        causal,
        [
            (q_scale, q_zero_point),
            (k_scale, k_zero_point),
            (v_scale, v_zero_point),
        ],
        [q_precision, k_precision, v_precision],
        output_precision,
        granularity,
        [q_block_size, k_block_size, v_block_size],
        force_symmetric_quantization,
        [transpose_q, transpose_k, transpose_v, transpose_o],
    )
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

/// Stores (copies of) per-row, per-block or per-channel scale tables in the context, for
/// mfa_attention_forward_quantized_unified / _enhanced with granularity 1, 2 or 3. A count of 0
/// leaves that operand without a table. Replaces what an earlier call stored.
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

/// Which gradients a quantized backward call computes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Query,
    KeyValue,
}

/// Optional buffer handle.
unsafe fn opt_buf<'a>(b: mfa_buffer_t, arg: &str) -> Outcome<Option<&'a Buffer>> {
    if b.is_null() {
        Ok(None)
    } else {
        buf_ref(b, arg).map(Some)
    }
}

/// Everything of a quantized backward call.
struct BackwardArgs {
    part: Part,
    q: mfa_buffer_t,
    k: mfa_buffer_t,
    v: mfa_buffer_t,
    output: mfa_buffer_t,
    grad_output: mfa_buffer_t,
    logsumexp: mfa_buffer_t,
    d_values: mfa_buffer_t,
    grads: [mfa_buffer_t; 2],
    dims: (u32, u32, u32, u32, u32, u16),
    scalars: [(f32, i32); 3],
    precisions: [mfa_precision_t; 3],
    causal: bool,
    transpose: [bool; 4],
    block_scales: [mfa_buffer_t; 3],
    block_zero_points: [mfa_buffer_t; 3],
    block_sizes: [u32; 3],
    options: u32,
}

unsafe fn backward_quantized(ctx: &Context, a: &BackwardArgs) -> Outcome {
    let (b, sq, sk, h, hkv, d) = a.dims;
    let sz = sizes(b, sq, sk, h, hkv, d)?;
    if a.options != 0 {
        return Err(Failure::arg(
            "options",
            format!("is {}; no options are defined, pass 0", a.options),
        ));
    }
    let inputs = [buf_ref(a.q, "q")?, buf_ref(a.k, "k")?, buf_ref(a.v, "v")?];
    let grad_output = buf_ref(a.grad_output, "grad_output")?;
    let lse = buf_ref(a.logsumexp, "logsumexp")?;
    let d_values = opt_buf(a.d_values, "d_values")?;
    let shapes = [
        [sz.b, sz.h, sz.sq, sz.d],
        [sz.b, sz.hkv, sz.sk, sz.d],
        [sz.b, sz.hkv, sz.sk, sz.d],
    ];
    let mut resolved = Vec::with_capacity(3);
    for i in 0..3 {
        let n = NAMES[i];
        let scales = opt_buf(a.block_scales[i], n.block_scales)?;
        let zps = opt_buf(a.block_zero_points[i], n.block_zero_points)?;
        let tables = match (scales, zps) {
            (None, None) => Tables::Scalar,
            (None, Some(_)) => {
                return Err(Failure::arg(
                    n.block_zero_points,
                    format!("is given without {}", n.block_scales),
                ))
            }
            (Some(s), z) => Tables::Buffers(Granularity::PerBlock(a.block_sizes[i] as usize), s, z),
        };
        let args = OperandArgs {
            buf: inputs[i],
            precision: a.precisions[i],
            scale: a.scalars[i].0,
            zero_point: a.scalars[i].1,
            shape: shapes[i],
            transpose: a.transpose[i],
            tables,
        };
        resolved.push(args.resolve(n, false)?);
    }
    // UMFA's quantized backward takes no softmax scale: 1/sqrt(head_dim).
    let attn = QuantAttention {
        q: resolved[0].operand(inputs[0])?,
        k: resolved[1].operand(inputs[1])?,
        v: resolved[2].operand(inputs[2])?,
        params: attention_params(0.0, a.causal)?,
    };
    let oshape = shapes[0];
    let rows = sz.b * sz.h * sz.sq;
    let f32v = |buf: &Buffer, arg: &str, shape: [usize; 4], t: bool| -> Outcome<TensorRef> {
        float_view(buf, DType::F32, shape, strides_of(buf, arg, shape, t)?)
    };
    let d_out = f32v(grad_output, "grad_output", oshape, a.transpose[3])?;
    let lse_view = TensorRef::from_raw(
        lse.ptr,
        lse.size,
        Device::Cpu,
        DType::F32,
        Layout::contiguous(&[sz.b, sz.h, sz.sq])?,
    );
    if let Some(dv) = d_values {
        if dv.size / 4 < rows {
            return Err(Failure::arg(
                "d_values",
                format!(
                    "buffer holds {} bytes, {} needed (f32 [B,H,Sq])",
                    dv.size,
                    rows * 4
                ),
            ));
        }
    }
    let start = Instant::now();
    let backend = ctx.backend.as_ref();
    let numel = |s: [usize; 4]| s.iter().product::<usize>();
    let contiguous = |s: [usize; 4]| -> [isize; 4] {
        [s[1] * s[2] * s[3], s[2] * s[3], s[3], 1].map(|x| x as isize)
    };
    match a.part {
        Part::Query => {
            let output = buf_ref(a.output, "output")?;
            let grad_q = buf_ref(a.grads[0], "grad_query")?;
            let out = f32v(output, "output", oshape, a.transpose[3])?;
            let (mut dk, mut dv) = (vec![0f32; numel(shapes[1])], vec![0f32; numel(shapes[2])]);
            let dq_view = float_view_mut(
                grad_q,
                DType::F32,
                oshape,
                strides_of(grad_q, "grad_query", oshape, a.transpose[0])?,
            )?;
            cq::backward_on(
                backend,
                &attn,
                &BackwardInputs {
                    out,
                    d_out,
                    lse: lse_view,
                    d_lse: None,
                },
                &mut Gradients {
                    dq: dq_view,
                    dk: TensorMut::new(&mut dk, &shapes[1])?,
                    dv: TensorMut::new(&mut dv, &shapes[2])?,
                    d_sinks: None,
                    d_bias: None,
                },
            )?;
            if let Some(dvals) = d_values {
                // UMFA's dValues: the per-row dot(dO, O), f32 [B,H,Sq].
                let (os, gs) = (
                    strides_of(output, "output", oshape, a.transpose[3])?,
                    strides_of(grad_output, "grad_output", oshape, a.transpose[3])?,
                );
                let (op, gp) = (output.ptr as *const f32, grad_output.ptr as *const f32);
                let dst = dvals.ptr as *mut f32;
                let at = |s: [isize; 4], b: usize, h: usize, i: usize, c: usize| {
                    b as isize * s[0] + h as isize * s[1] + i as isize * s[2] + c as isize * s[3]
                };
                let mut row = 0;
                for b in 0..sz.b {
                    for h in 0..sz.h {
                        for i in 0..sz.sq {
                            let mut acc = 0.0f64;
                            for c in 0..sz.d {
                                acc += op.offset(at(os, b, h, i, c)).read_unaligned() as f64
                                    * gp.offset(at(gs, b, h, i, c)).read_unaligned() as f64;
                            }
                            dst.add(row).write_unaligned(acc as f32);
                            row += 1;
                        }
                    }
                }
            }
        }
        Part::KeyValue => {
            let (gk, gv) = (
                buf_ref(a.grads[0], "grad_key")?,
                buf_ref(a.grads[1], "grad_value")?,
            );
            // No `output` argument: recompute O (f32) from the same dequantized operands.
            let mut out = vec![0f32; numel(oshape)];
            cq::forward_on(
                backend,
                &attn,
                &mut ForwardOutputs {
                    out: TensorMut::new(&mut out, &oshape)?,
                    lse: None,
                },
            )?;
            let mut dq = vec![0f32; numel(oshape)];
            let out_view = float_view_from_vec(&out, oshape, contiguous(oshape))?;
            cq::backward_on(
                backend,
                &attn,
                &BackwardInputs {
                    out: out_view,
                    d_out,
                    lse: lse_view,
                    d_lse: None,
                },
                &mut Gradients {
                    dq: TensorMut::new(&mut dq, &oshape)?,
                    dk: float_view_mut(
                        gk,
                        DType::F32,
                        shapes[1],
                        strides_of(gk, "grad_key", shapes[1], a.transpose[1])?,
                    )?,
                    dv: float_view_mut(
                        gv,
                        DType::F32,
                        shapes[2],
                        strides_of(gv, "grad_value", shapes[2], a.transpose[2])?,
                    )?,
                    d_sinks: None,
                    d_bias: None,
                },
            )?;
        }
    }
    ctx.record_latency(start.elapsed().as_secs_f64());
    Ok(())
}

fn float_view_from_vec(
    v: &[f32],
    shape: [usize; 4],
    strides: [isize; 4],
) -> Outcome<TensorRef<'_>> {
    Ok(TensorRef::strided(v, &shape, &strides)?)
}

/// Quantized backward, query part (straight-through estimator): writes `grad_query`, the f32
/// gradient of the loss with respect to Q, as if quantize→dequantize were the identity, and,
/// when `d_values` is not NULL, the f32 per-row dot(dO, O) [B,H,Sq] there. `q`, `k`, `v` as in
/// mfa_attention_forward_quantized (INT8/INT4 with these per-tensor scales and zero points, or
/// float); `output` (the forward's O) and `grad_output` are FP32 laid out per `transpose_o`;
/// `logsumexp` is the forward's f32 [B,H,Sq]; `grad_query` is FP32 per `transpose_q`. K and V
/// have `num_kv_heads` heads (GQA: num_heads a multiple of it). The softmax scale is
/// 1/sqrt(head_dim) (UMFA's signature has none); `causal` is top-left.
///
/// Block arguments: when `X_block_scales` is not NULL, operand X has one f32 scale per block of
/// `X_block_size` tokens, table [B,H,ceil(S/block)] contiguous, and `X_block_zero_points` (NULL:
/// X's zero-point argument for every block) the matching int32 zero points; the buffers may be
/// larger than the table. `options` must be 0.
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_backward_query_quantized_ex(
    context: mfa_context_t,
    q: mfa_buffer_t,
    k: mfa_buffer_t,
    v: mfa_buffer_t,
    output: mfa_buffer_t,
    grad_output: mfa_buffer_t,
    logsumexp: mfa_buffer_t,
    grad_query: mfa_buffer_t,
    d_values: mfa_buffer_t,
    batch_size: u32,
    seq_len_q: u32,
    seq_len_kv: u32,
    num_heads: u32,
    num_kv_heads: u32,
    head_dim: u16,
    q_scale: f32,
    q_zero_point: i32,
    k_scale: f32,
    k_zero_point: i32,
    v_scale: f32,
    v_zero_point: i32,
    q_precision: mfa_precision_t,
    k_precision: mfa_precision_t,
    v_precision: mfa_precision_t,
    causal: bool,
    transpose_q: bool,
    transpose_k: bool,
    transpose_v: bool,
    transpose_o: bool,
    q_block_scales: mfa_buffer_t,
    q_block_zero_points: mfa_buffer_t,
    k_block_scales: mfa_buffer_t,
    k_block_zero_points: mfa_buffer_t,
    v_block_scales: mfa_buffer_t,
    v_block_zero_points: mfa_buffer_t,
    q_block_size: u32,
    k_block_size: u32,
    v_block_size: u32,
    options: u32,
) -> mfa_error_t {
    guard("mfa_attention_backward_query_quantized_ex", || {
        let ctx = ctx_ref(context, "context")?;
        backward_quantized(
            ctx,
            &BackwardArgs {
                part: Part::Query,
                q,
                k,
                v,
                output,
                grad_output,
                logsumexp,
                d_values,
                grads: [grad_query, std::ptr::null_mut()],
                dims: (
                    batch_size,
                    seq_len_q,
                    seq_len_kv,
                    num_heads,
                    num_kv_heads,
                    head_dim,
                ),
                scalars: [
                    (q_scale, q_zero_point),
                    (k_scale, k_zero_point),
                    (v_scale, v_zero_point),
                ],
                precisions: [q_precision, k_precision, v_precision],
                causal,
                transpose: [transpose_q, transpose_k, transpose_v, transpose_o],
                block_scales: [q_block_scales, k_block_scales, v_block_scales],
                block_zero_points: [
                    q_block_zero_points,
                    k_block_zero_points,
                    v_block_zero_points,
                ],
                block_sizes: [q_block_size, k_block_size, v_block_size],
                options,
            },
        )
    })
}

/// Quantized backward, key/value part (straight-through estimator): writes `grad_key` and
/// `grad_value` (FP32, per `transpose_k` / `transpose_v`). The arguments mean what they mean for
/// mfa_attention_backward_query_quantized_ex. UMFA's signature passes no `output`, so umfa
/// recomputes O from the same dequantized operands (bitwise the forward's f32 O); `d_values`
/// (which the query call writes) may be NULL and is not read, as recomputing O gives the same
/// per-row dot(dO, O).
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_backward_kv_quantized_ex(
    context: mfa_context_t,
    q: mfa_buffer_t,
    k: mfa_buffer_t,
    v: mfa_buffer_t,
    grad_output: mfa_buffer_t,
    logsumexp: mfa_buffer_t,
    d_values: mfa_buffer_t,
    grad_key: mfa_buffer_t,
    grad_value: mfa_buffer_t,
    batch_size: u32,
    seq_len_q: u32,
    seq_len_kv: u32,
    num_heads: u32,
    num_kv_heads: u32,
    head_dim: u16,
    q_scale: f32,
    q_zero_point: i32,
    k_scale: f32,
    k_zero_point: i32,
    v_scale: f32,
    v_zero_point: i32,
    q_precision: mfa_precision_t,
    k_precision: mfa_precision_t,
    v_precision: mfa_precision_t,
    causal: bool,
    transpose_q: bool,
    transpose_k: bool,
    transpose_v: bool,
    transpose_o: bool,
    q_block_scales: mfa_buffer_t,
    q_block_zero_points: mfa_buffer_t,
    k_block_scales: mfa_buffer_t,
    k_block_zero_points: mfa_buffer_t,
    v_block_scales: mfa_buffer_t,
    v_block_zero_points: mfa_buffer_t,
    q_block_size: u32,
    k_block_size: u32,
    v_block_size: u32,
    options: u32,
) -> mfa_error_t {
    guard("mfa_attention_backward_kv_quantized_ex", || {
        let ctx = ctx_ref(context, "context")?;
        backward_quantized(
            ctx,
            &BackwardArgs {
                part: Part::KeyValue,
                q,
                k,
                v,
                output: std::ptr::null_mut(),
                grad_output,
                logsumexp,
                d_values,
                grads: [grad_key, grad_value],
                dims: (
                    batch_size,
                    seq_len_q,
                    seq_len_kv,
                    num_heads,
                    num_kv_heads,
                    head_dim,
                ),
                scalars: [
                    (q_scale, q_zero_point),
                    (k_scale, k_zero_point),
                    (v_scale, v_zero_point),
                ],
                precisions: [q_precision, k_precision, v_precision],
                causal,
                transpose: [transpose_q, transpose_k, transpose_v, transpose_o],
                block_scales: [q_block_scales, k_block_scales, v_block_scales],
                block_zero_points: [
                    q_block_zero_points,
                    k_block_zero_points,
                    v_block_zero_points,
                ],
                block_sizes: [q_block_size, k_block_size, v_block_size],
                options,
            },
        )
    })
}

/// mfa_attention_backward_query_quantized_ex with `num_kv_heads` = `num_heads`, per-tensor
/// scales only (no block buffers) and `options` 0.
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_backward_query_quantized(
    context: mfa_context_t,
    q: mfa_buffer_t,
    k: mfa_buffer_t,
    v: mfa_buffer_t,
    output: mfa_buffer_t,
    grad_output: mfa_buffer_t,
    logsumexp: mfa_buffer_t,
    grad_query: mfa_buffer_t,
    d_values: mfa_buffer_t,
    batch_size: u32,
    seq_len_q: u32,
    seq_len_kv: u32,
    num_heads: u32,
    head_dim: u16,
    q_scale: f32,
    q_zero_point: i32,
    k_scale: f32,
    k_zero_point: i32,
    v_scale: f32,
    v_zero_point: i32,
    q_precision: mfa_precision_t,
    k_precision: mfa_precision_t,
    v_precision: mfa_precision_t,
    causal: bool,
    transpose_q: bool,
    transpose_k: bool,
    transpose_v: bool,
    transpose_o: bool,
) -> mfa_error_t {
    let n = std::ptr::null_mut();
    mfa_attention_backward_query_quantized_ex(
        context,
        q,
        k,
        v,
        output,
        grad_output,
        logsumexp,
        grad_query,
        d_values,
        batch_size,
        seq_len_q,
        seq_len_kv,
        num_heads,
        num_heads,
        head_dim,
        q_scale,
        q_zero_point,
        k_scale,
        k_zero_point,
        v_scale,
        v_zero_point,
        q_precision,
        k_precision,
        v_precision,
        causal,
        transpose_q,
        transpose_k,
        transpose_v,
        transpose_o,
        n,
        n,
        n,
        n,
        n,
        n,
        0,
        0,
        0,
        0,
    )
}

/// mfa_attention_backward_kv_quantized_ex with `num_kv_heads` = `num_heads`, per-tensor scales
/// only and `options` 0.
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_backward_kv_quantized(
    context: mfa_context_t,
    q: mfa_buffer_t,
    k: mfa_buffer_t,
    v: mfa_buffer_t,
    grad_output: mfa_buffer_t,
    logsumexp: mfa_buffer_t,
    d_values: mfa_buffer_t,
    grad_key: mfa_buffer_t,
    grad_value: mfa_buffer_t,
    batch_size: u32,
    seq_len_q: u32,
    seq_len_kv: u32,
    num_heads: u32,
    head_dim: u16,
    q_scale: f32,
    q_zero_point: i32,
    k_scale: f32,
    k_zero_point: i32,
    v_scale: f32,
    v_zero_point: i32,
    q_precision: mfa_precision_t,
    k_precision: mfa_precision_t,
    v_precision: mfa_precision_t,
    causal: bool,
    transpose_q: bool,
    transpose_k: bool,
    transpose_v: bool,
    transpose_o: bool,
) -> mfa_error_t {
    let n = std::ptr::null_mut();
    mfa_attention_backward_kv_quantized_ex(
        context,
        q,
        k,
        v,
        grad_output,
        logsumexp,
        d_values,
        grad_key,
        grad_value,
        batch_size,
        seq_len_q,
        seq_len_kv,
        num_heads,
        num_heads,
        head_dim,
        q_scale,
        q_zero_point,
        k_scale,
        k_zero_point,
        v_scale,
        v_zero_point,
        q_precision,
        k_precision,
        v_precision,
        causal,
        transpose_q,
        transpose_k,
        transpose_v,
        transpose_o,
        n,
        n,
        n,
        n,
        n,
        n,
        0,
        0,
        0,
        0,
    )
}

// ---------------------------------------------------------------------------------------------
// The runtime quantizer and its manifest.

/// One section of a quantized arena: where it starts and how many bytes it has (0: absent).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct mfa_quant_section_t {
    pub offset: u64,
    pub size_bytes: u64,
}

/// Where mfa_quantize_tensor put everything in the arena (the layout manifest). Sections start
/// at multiples of 64 bytes. `data` holds the integers of the [B,H,S,D] tensor contiguous (INT8
/// one per byte; INT4 two per byte, low nibble first); `scales` the f32 scale table and
/// `zero_points` (asymmetric only) the int32 zero points, both contiguous in `table_shape`
/// (granularity 0: [1]; 1 row: [B,H,S]; 2 block: [B,H,ceil(S/block_size)]; 3 channel: [B,H,D]);
/// `mean` (smoothing only) the f32 per-channel mean [B,H,D], which dequantization adds back:
/// x = (q - zero_point) * scale + mean.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct mfa_quant_manifest_t {
    /// MFA_PRECISION_INT8 or MFA_PRECISION_INT4.
    pub precision: mfa_precision_t,
    /// 0 tensor, 1 row, 2 block, 3 channel.
    pub granularity: i32,
    pub block_size: u32,
    /// Entries of `table_shape` in use (1 or 3).
    pub table_ndim: u32,
    /// [B, H, S, D].
    pub shape: [i64; 4],
    pub table_shape: [i64; 3],
    pub data: mfa_quant_section_t,
    pub scales: mfa_quant_section_t,
    pub zero_points: mfa_quant_section_t,
    pub mean: mfa_quant_section_t,
    /// Bytes the arena needs.
    pub total_bytes: u64,
}

/// A host float tensor of 4 dimensions from a descriptor.
unsafe fn host_input<'a>(t: *const crate::descriptor::mfa_tensor_t) -> Outcome<TensorRef<'a>> {
    use crate::descriptor::{MFA_DEVICE_CPU, MFA_DEVICE_CUDA_HOST};
    if t.is_null() {
        return Err(Failure::arg("input", "tensor descriptor is NULL"));
    }
    let t = &*t;
    if !matches!(t.device_type, MFA_DEVICE_CPU | MFA_DEVICE_CUDA_HOST) {
        return Err(Failure::unsupported(format!(
            "input: device_type {} is not host memory; the runtime quantizer reads host tensors (a device quantizer is not implemented yet)",
            t.device_type
        )));
    }
    let dtype = dtype_of(t.dtype, "input")?;
    if t.ndim != 4 || t.shape.is_null() {
        return Err(Failure::arg(
            "input",
            format!(
                "ndim is {}; the quantizer takes [B, H, S, D] tensors (shape non-NULL)",
                t.ndim
            ),
        ));
    }
    let mut shape = [0usize; 4];
    for (d, x) in shape.iter_mut().enumerate() {
        let n = *t.shape.add(d);
        if !(1..=i32::MAX as i64).contains(&n) {
            return Err(Failure::arg(
                "input",
                format!("shape[{d}] is {n}; sizes must be 1 to {}", i32::MAX),
            ));
        }
        *x = n as usize;
    }
    let layout = if t.strides.is_null() {
        Layout::contiguous(&shape)?
    } else {
        let mut st = [0isize; 4];
        for (d, x) in st.iter_mut().enumerate() {
            *x = *t.strides.add(d) as isize;
        }
        Layout::strided(&shape, &st)?
    };
    if t.data.is_null() {
        return Err(Failure::arg("input", "data pointer is NULL"));
    }
    let len = if t.size_bytes != 0 {
        t.size_bytes as usize
    } else {
        layout
            .offset_range()
            .map_or(0, |(_, hi)| (hi as usize + 1) * dtype.size_bytes())
    };
    Ok(TensorRef::from_raw(
        t.data as *const u8,
        len,
        Device::Cpu,
        dtype,
        layout,
    ))
}

/// Quantizes a host float tensor [B,H,S,D] (FP16, BF16 or FP32, any strides) at run time into
/// `arena` and describes the result in `manifest` (see mfa_quant_manifest_t). `precision`:
/// MFA_PRECISION_INT8 or INT4; `granularity` 0 tensor, 1 row, 2 block (`block_size` tokens),
/// 3 channel; `symmetric` false adds zero points; `smooth` subtracts the per-channel mean over
/// the sequence first (and records it). With `arena` NULL only `manifest` is filled (to learn
/// `total_bytes`); an arena smaller than that is an error. The scale table can be handed to
/// mfa_set_scale_arrays and the data to mfa_attention_forward_quantized_unified (which has no
/// mean argument: attention on the smoothed K equals attention on K for its plain softmax).
#[no_mangle]
pub unsafe extern "C" fn mfa_quantize_tensor(
    context: mfa_context_t,
    input: *const crate::descriptor::mfa_tensor_t,
    precision: mfa_precision_t,
    granularity: i32,
    block_size: u32,
    symmetric: bool,
    smooth: bool,
    arena: *mut c_void,
    arena_bytes: usize,
    manifest: *mut mfa_quant_manifest_t,
) -> mfa_error_t {
    guard("mfa_quantize_tensor", || {
        ctx_ref(context, "context")?;
        if manifest.is_null() {
            return Err(Failure::arg("manifest", "is NULL"));
        }
        let dtype = match precision {
            MFA_PRECISION_INT8 => QuantDType::Int8,
            MFA_PRECISION_INT4 => QuantDType::Int4,
            other => {
                return Err(Failure::arg(
                    "precision",
                    format!("is {other}; the quantizer makes MFA_PRECISION_INT8 (3) or INT4 (4)"),
                ))
            }
        };
        let g = granularity_of(granularity, block_size)?;
        if g == Granularity::PerBlock(0) {
            return Err(Failure::arg(
                "block_size",
                "is 0; per-block quantization needs a block of at least one token",
            ));
        }
        let x = host_input(input)?;
        let spec = cq::QuantSpec {
            dtype,
            granularity: g,
            symmetric,
            smooth,
        };
        let t = cq::quantize(&x, &spec, "input")?;
        let (bytes, m) = t.to_arena("");
        let section = |name: &str| {
            m.section(name)
                .map_or(mfa_quant_section_t::default(), |s| mfa_quant_section_t {
                    offset: s.offset as u64,
                    size_bytes: s.bytes as u64,
                })
        };
        let table = g.table_shape(t.shape);
        let mut table_shape = [1i64; 3];
        for (d, &n) in table.iter().enumerate() {
            table_shape[d] = n as i64;
        }
        manifest.write_unaligned(mfa_quant_manifest_t {
            precision,
            granularity,
            block_size: if matches!(g, Granularity::PerBlock(_)) {
                block_size
            } else {
                0
            },
            table_ndim: table.len() as u32,
            shape: t.shape.map(|n| n as i64),
            table_shape,
            data: section("data"),
            scales: section("scales"),
            zero_points: section("zero_points"),
            mean: section("mean"),
            total_bytes: bytes.len() as u64,
        });
        if arena.is_null() {
            return Ok(());
        }
        if arena_bytes < bytes.len() {
            return Err(Failure::arg(
                "arena",
                format!(
                    "holds {arena_bytes} bytes, {} needed (manifest.total_bytes)",
                    bytes.len()
                ),
            ));
        }
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), arena as *mut u8, bytes.len());
        Ok(())
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

    // ---- quantized attention through the C entry points, against the f64 reference on the
    // dequantized operands.

    use crate::context::{
        mfa_buffer_from_ptr, mfa_create_context_with_backend, mfa_destroy_buffer,
        mfa_destroy_context, MFA_BACKEND_CPU,
    };
    use crate::error::{last_message, MFA_ERROR_INVALID_ARGS, MFA_SUCCESS};
    use umfa_core::quant::{QuantSpec, QuantizedTensor};
    use umfa_core::reference::{self, RefValues};

    struct Ctx(mfa_context_t, Vec<mfa_buffer_t>);
    impl Ctx {
        fn new() -> Ctx {
            let mut c = std::ptr::null_mut();
            assert_eq!(
                unsafe { mfa_create_context_with_backend(MFA_BACKEND_CPU, &mut c) },
                0
            );
            Ctx(c, Vec::new())
        }
        fn buf<T>(&mut self, v: &mut [T]) -> mfa_buffer_t {
            let mut b = std::ptr::null_mut();
            let n = std::mem::size_of_val(v) as isize;
            assert_eq!(
                unsafe { mfa_buffer_from_ptr(self.0, v.as_mut_ptr() as *mut c_void, n, &mut b) },
                0
            );
            self.1.push(b);
            b
        }
    }
    impl Drop for Ctx {
        fn drop(&mut self) {
            unsafe {
                for &b in &self.1 {
                    mfa_destroy_buffer(b);
                }
                mfa_destroy_context(self.0);
            }
        }
    }

    fn values(n: usize, seed: u32) -> Vec<f32> {
        (0..n)
            .map(|i| {
                (((i as u32).wrapping_mul(2654435761) ^ seed.wrapping_mul(40503)) % 2000) as f32
                    / 1000.0
                    - 1.0
            })
            .collect()
    }

    fn quantize(x: &[f32], shape: [usize; 4], spec: QuantSpec) -> QuantizedTensor {
        umfa_core::quant::quantize_f32(x.to_vec(), shape, &spec).unwrap()
    }

    /// The f64 reference forward (O, LSE) and problem on f32 operands.
    fn reference_of(
        q: &[f32],
        k: &[f32],
        v: &[f32],
        qs: [usize; 4],
        ks: [usize; 4],
        causal: bool,
    ) -> (reference::RefForward, umfa_core::problem::Problem) {
        let mut attn = umfa_core::Attention::new(
            TensorRef::new(q, &qs).unwrap(),
            TensorRef::new(k, &ks).unwrap(),
            TensorRef::new(v, &ks).unwrap(),
        );
        if causal {
            attn = attn.causal(CausalAlign::TopLeft);
        }
        let p = umfa_core::validate::problem(&attn).unwrap();
        (reference::forward(&p), p)
    }

    fn rel(x: &[f32], r: &[f64]) -> f64 {
        let xs: Vec<f64> = x.iter().map(|&v| v as f64).collect();
        cq::Accuracy::measure(&xs, r).rel_l2
    }

    #[test]
    fn forward_quantized_per_tensor_int8_and_int4() {
        let (b, h, s, d) = (2usize, 3usize, 19usize, 16usize);
        let shape = [b, h, s, d];
        let n = b * h * s * d;
        let (qf, kf, vf) = (values(n, 1), values(n, 2), values(n, 3));
        for (prec, spec) in [
            (MFA_PRECISION_INT8, QuantSpec::int8(Granularity::PerTensor)),
            (
                MFA_PRECISION_INT4,
                QuantSpec::int4(Granularity::PerTensor).asymmetric(),
            ),
        ] {
            let (mut qq, mut kq, mut vq) = (
                quantize(&qf, shape, spec),
                quantize(&kf, shape, spec),
                quantize(&vf, shape, spec),
            );
            let zp = |t: &QuantizedTensor| t.zero_points.as_ref().map_or(0, |z| z[0]);
            let (sq, zq, sk, zk, sv, zv) = (
                qq.scales[0],
                zp(&qq),
                kq.scales[0],
                zp(&kq),
                vq.scales[0],
                zp(&vq),
            );
            let (rq, rk, rv) = (qq.dequantize(), kq.dequantize(), vq.dequantize());
            let mut c = Ctx::new();
            let (bq, bk, bv) = (
                c.buf(&mut qq.data),
                c.buf(&mut kq.data),
                c.buf(&mut vq.data),
            );
            let mut out = vec![f32::NAN; n];
            let bo = c.buf(&mut out);
            let rc = unsafe {
                mfa_attention_forward_quantized(
                    c.0,
                    bq,
                    bk,
                    bv,
                    bo,
                    b as u32,
                    s as u32,
                    s as u32,
                    h as u32,
                    d as u16,
                    0.0,
                    true,
                    sq,
                    zq,
                    sk,
                    zk,
                    sv,
                    zv,
                    prec,
                    prec,
                    prec,
                    MFA_PRECISION_FP32,
                    false,
                    false,
                    false,
                    false,
                )
            };
            assert_eq!(rc, MFA_SUCCESS, "{}", last_message());
            let (r, _) = reference_of(&rq, &rk, &rv, shape, shape, true);
            let e = rel(&out, &r.out);
            assert!(e < 2e-5, "{prec}: rel L2 {e:e}");
            // The same integers stored [B,S,H,D], every transpose flag set: the same numbers.
            let bshd = |i: usize| {
                let (c, si, hi, bi) = (i % d, i / d % s, i / (d * s) % h, i / (d * s * h));
                ((bi * s + si) * h + hi) * d + c
            };
            let to_bshd = |t: &QuantizedTensor| -> Vec<u8> {
                let mut o = vec![0i8; n];
                for (i, &x) in t.values().iter().enumerate() {
                    o[bshd(i)] = x;
                }
                if prec == MFA_PRECISION_INT8 {
                    o.iter().map(|&x| x as u8).collect()
                } else {
                    umfa_core::quant::int4::pack(&o)
                }
            };
            let (mut qt, mut kt, mut vt) = (to_bshd(&qq), to_bshd(&kq), to_bshd(&vq));
            let mut out_t = vec![f32::NAN; n];
            let (bq, bk, bv, bo) = (
                c.buf(&mut qt),
                c.buf(&mut kt),
                c.buf(&mut vt),
                c.buf(&mut out_t),
            );
            let rc = unsafe {
                mfa_attention_forward_quantized(
                    c.0,
                    bq,
                    bk,
                    bv,
                    bo,
                    b as u32,
                    s as u32,
                    s as u32,
                    h as u32,
                    d as u16,
                    0.0,
                    true,
                    sq,
                    zq,
                    sk,
                    zk,
                    sv,
                    zv,
                    prec,
                    prec,
                    prec,
                    MFA_PRECISION_FP32,
                    true,
                    true,
                    true,
                    true,
                )
            };
            assert_eq!(rc, MFA_SUCCESS, "{}", last_message());
            for (i, &x) in out.iter().enumerate() {
                assert_eq!(out_t[bshd(i)], x, "{prec}: element {i}");
            }
        }
    }

    #[test]
    fn unified_reads_scale_arrays_and_names_what_is_missing() {
        let (b, h, s, d) = (1usize, 2usize, 24usize, 8usize);
        let shape = [b, h, s, d];
        let n = b * h * s * d;
        let (qf, kf, vf) = (values(n, 4), values(n, 5), values(n, 6));
        let g = Granularity::PerBlock(8);
        let spec = QuantSpec::int8(g);
        let (mut qq, mut kq) = (quantize(&qf, shape, spec), quantize(&kf, shape, spec));
        let (rq, rk) = (qq.dequantize(), kq.dequantize());
        let mut vf16: Vec<half::f16> = vf.iter().map(|&x| half::f16::from_f32(x)).collect();
        let rv: Vec<f32> = vf16.iter().map(|x| x.to_f32()).collect();
        let mut c = Ctx::new();
        let (bq, bk, bv) = (c.buf(&mut qq.data), c.buf(&mut kq.data), c.buf(&mut vf16));
        let mut out = vec![f32::NAN; n];
        let bo = c.buf(&mut out);
        let run = |c: &Ctx, granularity: i32, block: u32| unsafe {
            mfa_attention_forward_quantized_unified(
                c.0,
                bq,
                bk,
                bv,
                bo,
                b as u32,
                s as u32,
                s as u32,
                h as u32,
                d as u16,
                0.5,
                false,
                1.0,
                0,
                1.0,
                0,
                1.0,
                0,
                MFA_PRECISION_INT8,
                MFA_PRECISION_INT8,
                0,
                MFA_PRECISION_FP32,
                granularity,
                block,
                block,
                block,
                false,
                true,
                false,
                false,
                false,
                false,
            )
        };
        assert_eq!(run(&c, 2, 8), MFA_ERROR_INVALID_ARGS);
        assert!(
            last_message().contains("`q_scales`")
                && last_message().contains("mfa_set_scale_arrays"),
            "{}",
            last_message()
        );
        let rc = unsafe {
            mfa_set_scale_arrays(
                c.0,
                qq.scales.as_ptr(),
                qq.scales.len() as u32,
                kq.scales.as_ptr(),
                kq.scales.len() as u32,
                std::ptr::null(),
                0,
            )
        };
        assert_eq!(rc, MFA_SUCCESS);
        assert_eq!(run(&c, 2, 8), MFA_SUCCESS, "{}", last_message());
        let mut attn = umfa_core::Attention::new(
            TensorRef::new(&rq, &shape).unwrap(),
            TensorRef::new(&rk, &shape).unwrap(),
            TensorRef::new(&rv, &shape).unwrap(),
        );
        attn = attn.scale(0.5);
        let r = reference::forward(&umfa_core::validate::problem(&attn).unwrap());
        let e = rel(&out, &r.out);
        assert!(e < 2e-5, "rel L2 {e:e}");
        // Per row needs 48 scales, the arrays hold 6.
        assert_eq!(run(&c, 1, 0), MFA_ERROR_INVALID_ARGS);
        assert!(
            last_message().contains("q_scales") && last_message().contains("6 entries, 48 needed"),
            "{}",
            last_message()
        );
        assert_eq!(run(&c, 2, 0), MFA_ERROR_INVALID_ARGS);
        assert!(
            last_message().contains("q_block_size"),
            "{}",
            last_message()
        );
        assert_eq!(run(&c, 9, 8), MFA_ERROR_INVALID_ARGS);
        assert!(last_message().contains("granularity"), "{}", last_message());
    }

    #[test]
    fn backward_ex_is_the_straight_through_gradient_with_gqa_and_blocks() {
        let (b, h, hkv, sq, sk, d) = (2usize, 4usize, 2usize, 13usize, 17usize, 8usize);
        let (qs, ks) = ([b, h, sq, d], [b, hkv, sk, d]);
        let (nq, nk) = (b * h * sq * d, b * hkv * sk * d);
        let (qf, kf, vf) = (values(nq, 7), values(nk, 8), values(nk, 9));
        let spec = QuantSpec::int8(Granularity::PerBlock(4)).asymmetric();
        let (mut qq, mut kq, mut vq) = (
            quantize(&qf, qs, spec),
            quantize(&kf, ks, spec),
            quantize(&vf, ks, spec),
        );
        let (rq, rk, rv) = (qq.dequantize(), kq.dequantize(), vq.dequantize());
        let (r, p) = reference_of(&rq, &rk, &rv, qs, ks, true);
        let mut out: Vec<f32> = r.out.iter().map(|&x| x as f32).collect();
        let mut lse: Vec<f32> = r.lse.iter().map(|&x| x as f32).collect();
        let mut dout = values(nq, 10);
        let g = reference::backward_with(
            &p,
            &RefValues::gather(&p),
            &dout.iter().map(|&x| x as f64).collect::<Vec<_>>(),
        );
        let mut c = Ctx::new();
        let (bq, bk, bv) = (
            c.buf(&mut qq.data),
            c.buf(&mut kq.data),
            c.buf(&mut vq.data),
        );
        let mut tabs: Vec<(Vec<f32>, Vec<i32>)> = [&qq, &kq, &vq]
            .iter()
            .map(|t| (t.scales.clone(), t.zero_points.clone().unwrap()))
            .collect();
        let mut tb = Vec::new();
        for (s, z) in tabs.iter_mut() {
            tb.push((c.buf(s), c.buf(z)));
        }
        let (bo, bdo, bl) = (c.buf(&mut out), c.buf(&mut dout), c.buf(&mut lse));
        let (mut dq, mut dk, mut dv, mut dvals) = (
            vec![f32::NAN; nq],
            vec![f32::NAN; nk],
            vec![f32::NAN; nk],
            vec![f32::NAN; b * h * sq],
        );
        let (bdq, bdk, bdv, bdvals) = (
            c.buf(&mut dq),
            c.buf(&mut dk),
            c.buf(&mut dv),
            c.buf(&mut dvals),
        );
        let p8 = MFA_PRECISION_INT8;
        let rc = unsafe {
            mfa_attention_backward_query_quantized_ex(
                c.0, bq, bk, bv, bo, bdo, bl, bdq, bdvals, b as u32, sq as u32, sk as u32,
                h as u32, hkv as u32, d as u16, 1.0, 0, 1.0, 0, 1.0, 0, p8, p8, p8, true, false,
                false, false, false, tb[0].0, tb[0].1, tb[1].0, tb[1].1, tb[2].0, tb[2].1, 4, 4, 4,
                0,
            )
        };
        assert_eq!(rc, MFA_SUCCESS, "{}", last_message());
        let rc = unsafe {
            mfa_attention_backward_kv_quantized_ex(
                c.0, bq, bk, bv, bdo, bl, bdvals, bdk, bdv, b as u32, sq as u32, sk as u32,
                h as u32, hkv as u32, d as u16, 1.0, 0, 1.0, 0, 1.0, 0, p8, p8, p8, true, false,
                false, false, false, tb[0].0, tb[0].1, tb[1].0, tb[1].1, tb[2].0, tb[2].1, 4, 4, 4,
                0,
            )
        };
        assert_eq!(rc, MFA_SUCCESS, "{}", last_message());
        for (name, x, r) in [("dq", &dq, &g.dq), ("dk", &dk, &g.dk), ("dv", &dv, &g.dv)] {
            let e = rel(x, r);
            assert!(e < 1e-4, "{name}: rel L2 {e:e}");
        }
        let want: Vec<f64> = (0..b * h * sq)
            .map(|row| {
                (0..d)
                    .map(|c| out[row * d + c] as f64 * dout[row * d + c] as f64)
                    .sum()
            })
            .collect();
        assert!(rel(&dvals, &want) < 1e-6);
        // Errors name the argument.
        let bad = |opts: u32, block: u32, zp: i32| unsafe {
            mfa_attention_backward_query_quantized_ex(
                c.0,
                bq,
                bk,
                bv,
                bo,
                bdo,
                bl,
                bdq,
                bdvals,
                b as u32,
                sq as u32,
                sk as u32,
                h as u32,
                hkv as u32,
                d as u16,
                1.0,
                zp,
                1.0,
                0,
                1.0,
                0,
                p8,
                p8,
                p8,
                true,
                false,
                false,
                false,
                false,
                tb[0].0,
                std::ptr::null_mut(),
                tb[1].0,
                tb[1].1,
                tb[2].0,
                tb[2].1,
                block,
                4,
                4,
                opts,
            )
        };
        assert_eq!(bad(1, 4, 0), MFA_ERROR_INVALID_ARGS);
        assert!(last_message().contains("`options`"), "{}", last_message());
        assert_eq!(bad(0, 0, 0), MFA_ERROR_INVALID_ARGS);
        assert!(
            last_message().contains("`q_block_size`"),
            "{}",
            last_message()
        );
        assert_eq!(bad(0, 4, 300), MFA_ERROR_INVALID_ARGS);
        assert!(
            last_message().contains("q_zero_points") && last_message().contains("300"),
            "{}",
            last_message()
        );
        // A table buffer too small for its blocks: block 1 needs 26 scales per head row group.
        assert_eq!(bad(0, 1, 0), MFA_ERROR_INVALID_ARGS);
        assert!(
            last_message().contains("`q_block_scales`"),
            "{}",
            last_message()
        );
    }

    #[test]
    fn forward_quantized_rejects_bad_buffers_and_precisions() {
        let mut c = Ctx::new();
        let mut data = vec![0u8; 31];
        let mut enough = vec![0u8; 32];
        let mut out = vec![0f32; 64];
        let (short, bd, bo) = (c.buf(&mut data), c.buf(&mut enough), c.buf(&mut out));
        let run_on = |bd: mfa_buffer_t, prec: i32, scale: f32, zp: i32, out_prec: i32| unsafe {
            mfa_attention_forward_quantized(
                c.0, bd, bd, bd, bo, 1, 4, 4, 2, 8, 0.0, false, scale, zp, 1.0, 0, 1.0, 0, prec,
                prec, prec, out_prec, false, false, false, false,
            )
        };
        let run = |prec, scale, zp, out_prec| run_on(bd, prec, scale, zp, out_prec);
        // INT4: 64 values need 32 bytes.
        assert_eq!(
            run_on(short, MFA_PRECISION_INT4, 1.0, 0, MFA_PRECISION_FP32),
            MFA_ERROR_INVALID_ARGS
        );
        assert!(
            last_message().contains("`q`") && last_message().contains("31 bytes, 32 needed"),
            "{}",
            last_message()
        );
        assert_eq!(run(7, 1.0, 0, MFA_PRECISION_FP32), MFA_ERROR_INVALID_ARGS);
        assert!(last_message().contains("q_precision"), "{}", last_message());
        assert_eq!(
            run(MFA_PRECISION_INT4, 0.0, 0, MFA_PRECISION_FP32),
            MFA_ERROR_INVALID_ARGS
        );
        assert!(last_message().contains("`q_scale`"), "{}", last_message());
        assert_eq!(
            run(MFA_PRECISION_INT4, 1.0, 8, MFA_PRECISION_FP32),
            MFA_ERROR_INVALID_ARGS
        );
        assert!(
            last_message().contains("q_zero_points") && last_message().contains("[-8, 7]"),
            "{}",
            last_message()
        );
        assert_eq!(
            run(MFA_PRECISION_INT4, 1.0, 0, MFA_PRECISION_INT8),
            MFA_ERROR_INVALID_ARGS
        );
        assert!(
            last_message().contains("output_precision"),
            "{}",
            last_message()
        );
    }

    #[test]
    fn capabilities_and_layout_describe_the_implementation() {
        let mut caps = mfa_quantized_capabilities_t::default();
        unsafe { mfa_get_quantized_capabilities(&mut caps as *mut _ as *mut c_void) };
        assert!(caps.supports_multi_head_backward && caps.supports_blockwise_backward);
        assert_eq!(caps.max_heads, u32::MAX);
        let mut l = mfa_quantized_layout_t::default();
        unsafe { mfa_get_quantized_layout(MFA_QUANT_KERNEL_FORWARD, &mut l) };
        assert_eq!(
            (l.steClipRange, l.qPrecomputedSums, l.maskBuffer, l.scratch0),
            (-1, -1, -1, -1)
        );
        assert_eq!((l.qScale, l.qBlockScales), (4, 11));
    }

    #[test]
    fn runtime_quantizer_fills_the_manifest_and_the_arena() {
        let c = Ctx::new();
        let (b, h, s, d) = (1usize, 2usize, 10usize, 6usize);
        let x = values(b * h * s * d, 11);
        let shape = [b as i64, h as i64, s as i64, d as i64];
        let t = crate::descriptor::host_tensor(
            x.as_ptr() as *mut u8,
            x.len() * 4,
            crate::descriptor::MFA_DTYPE_F32,
            &shape,
            None,
        );
        let mut m = mfa_quant_manifest_t::default();
        let rc = unsafe {
            mfa_quantize_tensor(
                c.0,
                &t,
                MFA_PRECISION_INT4,
                2,
                4,
                false,
                true,
                std::ptr::null_mut(),
                0,
                &mut m,
            )
        };
        assert_eq!(rc, MFA_SUCCESS, "{}", last_message());
        assert_eq!((m.table_ndim, m.table_shape), (3, [1, 2, 3]));
        assert_eq!(
            (
                m.data.size_bytes,
                m.scales.size_bytes,
                m.zero_points.size_bytes,
                m.mean.size_bytes
            ),
            (60, 24, 24, 48)
        );
        let mut arena = vec![0u8; m.total_bytes as usize];
        let rc = unsafe {
            mfa_quantize_tensor(
                c.0,
                &t,
                MFA_PRECISION_INT4,
                2,
                4,
                false,
                true,
                arena.as_mut_ptr() as *mut c_void,
                10,
                &mut m,
            )
        };
        assert_eq!(rc, MFA_ERROR_INVALID_ARGS);
        assert!(last_message().contains("`arena`"), "{}", last_message());
        let rc = unsafe {
            mfa_quantize_tensor(
                c.0,
                &t,
                MFA_PRECISION_INT4,
                2,
                4,
                false,
                true,
                arena.as_mut_ptr() as *mut c_void,
                arena.len(),
                &mut m,
            )
        };
        assert_eq!(rc, MFA_SUCCESS, "{}", last_message());
        let want = quantize(
            &x,
            [b, h, s, d],
            QuantSpec::int4(Granularity::PerBlock(4))
                .asymmetric()
                .smoothed(true),
        );
        let (bytes, _) = want.to_arena("");
        assert_eq!(arena, bytes);
        let rc = unsafe {
            mfa_quantize_tensor(
                c.0,
                &t,
                MFA_PRECISION_INT4,
                2,
                0,
                false,
                true,
                std::ptr::null_mut(),
                0,
                &mut m,
            )
        };
        assert_eq!(rc, MFA_ERROR_INVALID_ARGS);
        assert!(
            last_message().contains("`block_size`"),
            "{}",
            last_message()
        );
        let rc = unsafe {
            mfa_quantize_tensor(
                c.0,
                &t,
                crate::compat::MFA_PRECISION_FP16,
                0,
                0,
                true,
                false,
                std::ptr::null_mut(),
                0,
                &mut m,
            )
        };
        assert_eq!(rc, MFA_ERROR_INVALID_ARGS);
        assert!(last_message().contains("`precision`"), "{}", last_message());
    }
}
