//! The UMFA-compatible entry points: UMFA's exact C signatures, each translated into descriptors
//! and sent down the descriptor path.

use crate::context::{buf_ref, ctx_ref, mfa_buffer_t, mfa_context_t, Buffer, Context};
use crate::descriptor::{
    backward_impl, forward_impl, host_tensor, mfa_attention_params_t, mfa_dtype_t, mfa_tensor_t,
    Mode, MFA_CAUSAL_NONE, MFA_CAUSAL_TOP_LEFT, MFA_DTYPE_BF16, MFA_DTYPE_F16, MFA_DTYPE_F32,
    MFA_DTYPE_U8,
};
use crate::error::{guard, mfa_error_t, Failure, Outcome};
use half::{bf16, f16};
use std::ffi::{c_char, c_void, CStr};
use umfa_core::MaskKind;

/// Numeric precision of a tensor. One meaning everywhere in this library.
pub type mfa_precision_t = i32;
pub const MFA_PRECISION_FP16: mfa_precision_t = 0;
pub const MFA_PRECISION_BF16: mfa_precision_t = 1;
pub const MFA_PRECISION_FP32: mfa_precision_t = 2;
/// Signed 8-bit quantized values (per-tensor scale and zero point).
pub const MFA_PRECISION_INT8: mfa_precision_t = 3;
/// Signed 4-bit quantized values, two per byte, low nibble first.
pub const MFA_PRECISION_INT4: mfa_precision_t = 4;

/// How a mask's values are read.
pub type mfa_mask_type_t = i32;
pub const MFA_MASK_TYPE_NONE: mfa_mask_type_t = 0;
/// Nonzero = attend, zero = masked out.
pub const MFA_MASK_TYPE_BOOL: mfa_mask_type_t = 1;
/// Values added to the scores (-INFINITY masks out).
pub const MFA_MASK_TYPE_ADDITIVE: mfa_mask_type_t = 2;

/// Element type of a mask.
pub type mfa_mask_scalar_t = i32;
pub const MFA_MASK_SCALAR_BYTE: mfa_mask_scalar_t = 0;
pub const MFA_MASK_SCALAR_FP16: mfa_mask_scalar_t = 1;
pub const MFA_MASK_SCALAR_BF16: mfa_mask_scalar_t = 2;
pub const MFA_MASK_SCALAR_FP32: mfa_mask_scalar_t = 3;

pub(crate) fn mask_kind(kind: mfa_mask_type_t) -> Outcome<MaskKind> {
    match kind {
        MFA_MASK_TYPE_BOOL => Ok(MaskKind::Bool),
        MFA_MASK_TYPE_ADDITIVE => Ok(MaskKind::Additive),
        other => Err(Failure::arg(
            "mask_type",
            format!("is {other}; expected MFA_MASK_TYPE_NONE (0), BOOL (1) or ADDITIVE (2)"),
        )),
    }
}

/// The dtype of a float tensor of `precision`.
pub(crate) fn float_dtype(precision: mfa_precision_t, arg: &str) -> Outcome<mfa_dtype_t> {
    match precision {
        MFA_PRECISION_FP16 => Ok(MFA_DTYPE_F16),
        MFA_PRECISION_BF16 => Ok(MFA_DTYPE_BF16),
        MFA_PRECISION_FP32 => Ok(MFA_DTYPE_F32),
        MFA_PRECISION_INT8 | MFA_PRECISION_INT4 => Err(Failure::arg(
            arg,
            format!(
                "is {} ({precision}); this entry point takes FP16, BF16 or FP32 tensors (quantized inputs belong to mfa_attention_forward_quantized*)",
                if precision == MFA_PRECISION_INT8 { "INT8" } else { "INT4" }
            ),
        )),
        other => Err(Failure::arg(
            arg,
            format!("is {other}; expected MFA_PRECISION_FP16 (0), BF16 (1) or FP32 (2)"),
        )),
    }
}

/// UMFA's sizes, checked non-zero.
#[derive(Clone, Copy)]
struct Sizes {
    b: i64,
    h: i64,
    sq: i64,
    sk: i64,
    d: i64,
}

fn sizes(
    batch: u32,
    seq_len_q: u32,
    seq_len_kv: u32,
    num_heads: u32,
    head_dim: u16,
) -> Outcome<Sizes> {
    for (name, x) in [
        ("batch", batch),
        ("seq_len_q", seq_len_q),
        ("seq_len_kv", seq_len_kv),
        ("num_heads", num_heads),
        ("head_dim", head_dim as u32),
    ] {
        if x == 0 {
            return Err(Failure::arg(name, format!("{name} is 0")));
        }
    }
    Ok(Sizes {
        b: batch as i64,
        h: num_heads as i64,
        sq: seq_len_q as i64,
        sk: seq_len_kv as i64,
        d: head_dim as i64,
    })
}

/// Shape and strides of one compat tensor, owned here so an `mfa_tensor_t` can point at them.
struct Desc {
    ptr: *mut u8,
    size: usize,
    dtype: mfa_dtype_t,
    ndim: usize,
    shape: [i64; 4],
    strides: [i64; 4],
}

impl Desc {
    fn tensor(&self) -> mfa_tensor_t {
        host_tensor(
            self.ptr,
            self.size,
            self.dtype,
            &self.shape[..self.ndim],
            Some(&self.strides[..self.ndim]),
        )
    }
}

/// Row-major strides; sizes whose product overflows are an argument error, not a wrap.
fn contiguous(shape: &[i64]) -> Outcome<[i64; 4]> {
    let mut s = [0; 4];
    let mut acc: i64 = 1;
    for d in (0..shape.len()).rev() {
        s[d] = acc;
        acc = acc
            .checked_mul(shape[d])
            .filter(|&n| n <= 1 << 48)
            .ok_or_else(|| {
                Failure::invalid(format!(
                    "the sizes {shape:?} describe more elements than any buffer holds"
                ))
            })?;
    }
    Ok(s)
}

/// An attention tensor of logical shape [B, H, S, D]: `transpose` = stored as [B, S, H, D]. A
/// `_with_strides` buffer's own strides win; its shape is read in the flag's order (or the other
/// order, when only that one matches).
fn qkv(
    buf: &Buffer,
    arg: &str,
    dtype: mfa_dtype_t,
    (b, h, s, d): (i64, i64, i64, i64),
    transpose: bool,
) -> Outcome<Desc> {
    let bhsd = [b, h, s, d];
    let bshd = [b, s, h, d];
    let strides = match buf.strided {
        None => {
            let c = contiguous(if transpose { &bshd } else { &bhsd })?;
            if transpose {
                [c[0], c[2], c[1], c[3]]
            } else {
                c
            }
        }
        Some(st) => {
            // Right-align to 4-D; leading sizes are 1.
            let off = 4 - st.ndim;
            let mut shape4 = [1i64; 4];
            let mut str4 = [0i64; 4];
            shape4[off..].copy_from_slice(&st.shape[..st.ndim]);
            str4[off..].copy_from_slice(&st.strides[..st.ndim]);
            let (first, second) = if transpose {
                (bshd, bhsd)
            } else {
                (bhsd, bshd)
            };
            let in_bshd = if shape4 == first {
                transpose
            } else if shape4 == second {
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
            if in_bshd {
                [str4[0], str4[2], str4[1], str4[3]]
            } else {
                str4
            }
        }
    };
    Ok(Desc {
        ptr: buf.ptr,
        size: buf.size,
        dtype,
        ndim: 4,
        shape: bhsd,
        strides,
    })
}

/// The f32 LSE [B, H, Sq]; a `_with_strides` buffer's strides win.
fn lse_desc(buf: &Buffer, sz: Sizes) -> Outcome<Desc> {
    let shape3 = [sz.b, sz.h, sz.sq];
    let strides = match buf.strided {
        None => contiguous(&shape3)?,
        Some(st) => {
            if st.ndim > 3 {
                return Err(Failure::arg(
                    "lse",
                    format!("buffer has {} dimensions; LSE is [B,H,Sq]", st.ndim),
                ));
            }
            let off = 3 - st.ndim;
            let mut shape = [1i64; 3];
            let mut strides = [0i64; 4];
            shape[off..].copy_from_slice(&st.shape[..st.ndim]);
            strides[off..3].copy_from_slice(&st.strides[..st.ndim]);
            if shape != shape3 {
                return Err(Failure::arg(
                    "lse",
                    format!(
                        "buffer shape {:?} is not [B,H,Sq] = {shape3:?}",
                        &st.shape[..st.ndim]
                    ),
                ));
            }
            strides
        }
    };
    Ok(Desc {
        ptr: buf.ptr,
        size: buf.size,
        dtype: MFA_DTYPE_F32,
        ndim: 3,
        shape: [sz.b, sz.h, sz.sq, 1],
        strides,
    })
}

/// UMFA's mask arguments.
struct MaskArgs {
    data: *const c_void,
    size_bytes: usize,
    shape: *const i64,
    strides: *const i64,
    ndim: u32,
    kind: mfa_mask_type_t,
    scalar: mfa_mask_scalar_t,
}

impl MaskArgs {
    fn none() -> MaskArgs {
        MaskArgs {
            data: std::ptr::null(),
            size_bytes: 0,
            shape: std::ptr::null(),
            strides: std::ptr::null(),
            ndim: 0,
            kind: MFA_MASK_TYPE_NONE,
            scalar: MFA_MASK_SCALAR_BYTE,
        }
    }

    /// The mask as a descriptor, or None for MFA_MASK_TYPE_NONE (the pointer is then ignored).
    unsafe fn desc(&self) -> Outcome<Option<Desc>> {
        if self.kind == MFA_MASK_TYPE_NONE {
            return Ok(None);
        }
        mask_kind(self.kind)?;
        let dtype = match self.scalar {
            MFA_MASK_SCALAR_BYTE => MFA_DTYPE_U8,
            MFA_MASK_SCALAR_FP16 => MFA_DTYPE_F16,
            MFA_MASK_SCALAR_BF16 => MFA_DTYPE_BF16,
            MFA_MASK_SCALAR_FP32 => MFA_DTYPE_F32,
            other => {
                return Err(Failure::arg(
                    "mask_scalar_type",
                    format!(
                    "is {other}; expected MFA_MASK_SCALAR_BYTE (0), FP16 (1), BF16 (2) or FP32 (3)"
                ),
                ))
            }
        };
        if self.data.is_null() {
            return Err(Failure::arg(
                "mask",
                "is NULL but mask_type is not MFA_MASK_TYPE_NONE",
            ));
        }
        if self.size_bytes == 0 {
            return Err(Failure::arg("mask_size_bytes", "is 0"));
        }
        if self.shape.is_null() {
            return Err(Failure::arg("mask_shape", "is NULL"));
        }
        if self.ndim == 0 || self.ndim > 4 {
            return Err(Failure::arg(
                "mask_ndim",
                format!("is {}; masks have 1 to 4 dimensions", self.ndim),
            ));
        }
        let n = self.ndim as usize;
        let mut shape = [1i64; 4];
        for (d, s) in shape.iter_mut().enumerate().take(n) {
            *s = *self.shape.add(d);
        }
        let strides = if self.strides.is_null() {
            contiguous(&shape[..n])?
        } else {
            let mut s = [0i64; 4];
            for (d, x) in s.iter_mut().enumerate().take(n) {
                *x = *self.strides.add(d);
            }
            s
        };
        Ok(Some(Desc {
            ptr: self.data as *mut u8,
            size: self.size_bytes,
            dtype,
            ndim: n,
            shape,
            strides,
        }))
    }
}

fn params(scale: f32, causal: bool, mask_kind: mfa_mask_type_t) -> mfa_attention_params_t {
    mfa_attention_params_t {
        scale,
        // UMFA's causal mask is the lower triangle: key j visible iff j <= i.
        causal: if causal {
            MFA_CAUSAL_TOP_LEFT
        } else {
            MFA_CAUSAL_NONE
        },
        mask_kind,
        ..Default::default()
    }
}

/// Everything of a compat forward after the handles and precisions were resolved.
#[allow(clippy::too_many_arguments)]
unsafe fn forward(
    ctx: &Context,
    bufs: [&Buffer; 4],
    lse: Option<&Buffer>,
    sz: Sizes,
    scale: f32,
    causal: bool,
    in_dtype: mfa_dtype_t,
    out_dtype: mfa_dtype_t,
    transpose: [bool; 4],
    mask: &MaskArgs,
) -> Outcome {
    let [q, k, v, o] = bufs;
    let qd = qkv(q, "q", in_dtype, (sz.b, sz.h, sz.sq, sz.d), transpose[0])?;
    let kd = qkv(k, "k", in_dtype, (sz.b, sz.h, sz.sk, sz.d), transpose[1])?;
    let vd = qkv(v, "v", in_dtype, (sz.b, sz.h, sz.sk, sz.d), transpose[2])?;
    let od = qkv(o, "out", out_dtype, (sz.b, sz.h, sz.sq, sz.d), transpose[3])?;
    let ld = lse.map(|l| lse_desc(l, sz)).transpose()?;
    let md = mask.desc()?;
    let mt = md.as_ref().map(|m| m.tensor());
    let mut p = params(scale, causal, mask.kind);
    if let Some(t) = &mt {
        p.mask = t;
    }
    let lt = ld.as_ref().map(|l| l.tensor());
    forward_impl(
        ctx,
        &qd.tensor(),
        &kd.tensor(),
        &vd.tensor(),
        &p,
        &od.tensor(),
        lt.as_ref().map_or(std::ptr::null(), |t| t as *const _),
        std::ptr::null_mut(),
        Mode::Run,
    )
}

/// The intermediate precision is accepted and computed at f32 (never lower), as documented.
fn check_intermediate(p: mfa_precision_t) -> Outcome {
    float_dtype(p, "intermediate_precision").map(|_| ())
}

unsafe fn four(
    q: mfa_buffer_t,
    k: mfa_buffer_t,
    v: mfa_buffer_t,
    out: mfa_buffer_t,
) -> Outcome<[&'static Buffer; 4]> {
    Ok([
        buf_ref(q, "q")?,
        buf_ref(k, "k")?,
        buf_ref(v, "v")?,
        buf_ref(out, "out")?,
    ])
}

/// UMFA's forward. Tensors are [B,H,S,D] contiguous, or [B,S,H,D] with transpose_X (buffers
/// made with _with_strides use their own strides). `out` has `output_precision`; `softmax_scale`
/// 0 selects 1/sqrt(head_dim); `causal` is top-left (key j visible iff j <= i).
/// `intermediate_precision` is accepted but the computation always runs in f32 or better.
///
/// The optional mask is host memory (`mask_size_bytes` bytes) with an element shape and element
/// strides (NULL = contiguous) right-aligned against [B,H,Sq,Sk], size-1 dimensions
/// broadcasting; BOOL masks: nonzero = attend (any scalar type); ADDITIVE masks: FP16, BF16 or
/// FP32 values added to the scores. With MFA_MASK_TYPE_NONE the other mask arguments are ignored.
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_forward(
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
    input_precision: mfa_precision_t,
    intermediate_precision: mfa_precision_t,
    output_precision: mfa_precision_t,
    transpose_q: bool,
    transpose_k: bool,
    transpose_v: bool,
    transpose_o: bool,
    mask: *const c_void,
    mask_size_bytes: usize,
    mask_shape: *const i64,
    mask_strides: *const i64,
    mask_ndim: u32,
    mask_type: mfa_mask_type_t,
    mask_scalar_type: mfa_mask_scalar_t,
) -> mfa_error_t {
    guard("mfa_attention_forward", || {
        let ctx = ctx_ref(context, "context")?;
        let bufs = four(q, k, v, out)?;
        let sz = sizes(batch_size, seq_len_q, seq_len_kv, num_heads, head_dim)?;
        let in_dtype = float_dtype(input_precision, "input_precision")?;
        check_intermediate(intermediate_precision)?;
        let out_dtype = float_dtype(output_precision, "output_precision")?;
        let m = MaskArgs {
            data: mask,
            size_bytes: mask_size_bytes,
            shape: mask_shape,
            strides: mask_strides,
            ndim: mask_ndim,
            kind: mask_type,
            scalar: mask_scalar_type,
        };
        forward(
            ctx,
            bufs,
            None,
            sz,
            softmax_scale,
            causal,
            in_dtype,
            out_dtype,
            [transpose_q, transpose_k, transpose_v, transpose_o],
            &m,
        )
    })
}

unsafe fn precision_from_str(s: *const c_char, arg: &str) -> Outcome<mfa_precision_t> {
    if s.is_null() {
        return Err(Failure::arg(arg, "is NULL"));
    }
    let text = CStr::from_ptr(s).to_string_lossy();
    match umfa_core::DType::parse(&text) {
        Some(umfa_core::DType::F16) => Ok(MFA_PRECISION_FP16),
        Some(umfa_core::DType::BF16) => Ok(MFA_PRECISION_BF16),
        Some(umfa_core::DType::F32) => Ok(MFA_PRECISION_FP32),
        _ => Err(Failure::arg(
            arg,
            format!("is {text:?}; expected \"fp16\", \"bf16\" or \"fp32\""),
        )),
    }
}

/// mfa_attention_forward with the three precisions as strings: "fp16", "bf16", "fp32" (also
/// "f16", "half", "f32", "float", "bfloat16").
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_forward_str(
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
    input_precision: *const c_char,
    intermediate_precision: *const c_char,
    output_precision: *const c_char,
    transpose_q: bool,
    transpose_k: bool,
    transpose_v: bool,
    transpose_o: bool,
    mask: *const c_void,
    mask_size_bytes: usize,
    mask_shape: *const i64,
    mask_strides: *const i64,
    mask_ndim: u32,
    mask_type: mfa_mask_type_t,
    mask_scalar_type: mfa_mask_scalar_t,
) -> mfa_error_t {
    let precisions = guard("mfa_attention_forward_str", || {
        precision_from_str(input_precision, "input_precision")?;
        precision_from_str(intermediate_precision, "intermediate_precision")?;
        precision_from_str(output_precision, "output_precision")?;
        Ok(())
    });
    if precisions != crate::error::MFA_SUCCESS {
        return precisions;
    }
    let p = |s| precision_from_str(s, "").unwrap_or(-1);
    mfa_attention_forward(
        context,
        q,
        k,
        v,
        out,
        batch_size,
        seq_len_q,
        seq_len_kv,
        num_heads,
        head_dim,
        softmax_scale,
        causal,
        p(input_precision),
        p(intermediate_precision),
        p(output_precision),
        transpose_q,
        transpose_k,
        transpose_v,
        transpose_o,
        mask,
        mask_size_bytes,
        mask_shape,
        mask_strides,
        mask_ndim,
        mask_type,
        mask_scalar_type,
    )
}

/// Forward that also writes the f32 log-sum-exp [B,H,Sq] (natural log) into `lse`, as the
/// backward needs. `out` has the input precision.
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_forward_with_lse(
    context: mfa_context_t,
    q: mfa_buffer_t,
    k: mfa_buffer_t,
    v: mfa_buffer_t,
    out: mfa_buffer_t,
    lse: mfa_buffer_t,
    batch_size: u32,
    seq_len_q: u32,
    seq_len_kv: u32,
    num_heads: u32,
    head_dim: u16,
    softmax_scale: f32,
    causal: bool,
    input_precision: mfa_precision_t,
    intermediate_precision: mfa_precision_t,
    transpose_q: bool,
    transpose_k: bool,
    transpose_v: bool,
    transpose_o: bool,
) -> mfa_error_t {
    guard("mfa_attention_forward_with_lse", || {
        let ctx = ctx_ref(context, "context")?;
        let bufs = four(q, k, v, out)?;
        let l = buf_ref(lse, "lse")?;
        let sz = sizes(batch_size, seq_len_q, seq_len_kv, num_heads, head_dim)?;
        let dtype = float_dtype(input_precision, "input_precision")?;
        check_intermediate(intermediate_precision)?;
        forward(
            ctx,
            bufs,
            Some(l),
            sz,
            softmax_scale,
            causal,
            dtype,
            dtype,
            [transpose_q, transpose_k, transpose_v, transpose_o],
            &MaskArgs::none(),
        )
    })
}

/// Reads element `i` of a host tensor as f32.
unsafe fn load(ptr: *const u8, dtype: mfa_dtype_t, i: isize) -> f32 {
    match dtype {
        MFA_DTYPE_F16 => (ptr as *const f16).offset(i).read_unaligned().to_f32(),
        MFA_DTYPE_BF16 => (ptr as *const bf16).offset(i).read_unaligned().to_f32(),
        _ => (ptr as *const f32).offset(i).read_unaligned(),
    }
}

/// Multi-head backward. Inputs (`dout`, `q`, `k`, `v`, `out`) and gradients (`dq`, `dk`, `dv`)
/// have `input_precision` and the layouts of the forward (`out` and `dout` follow transpose_o,
/// `dq` transpose_q, `dk` transpose_k, `dv` transpose_v); `lse` is the forward's f32 [B,H,Sq].
/// `d_buffer` may be NULL; if given (at least B*H*Sq*4 bytes), it receives the f32 per-row
/// dot(dO, O) [B,H,Sq], as UMFA's scratch held.
#[no_mangle]
pub unsafe extern "C" fn mfa_attention_backward(
    context: mfa_context_t,
    dout: mfa_buffer_t,
    q: mfa_buffer_t,
    k: mfa_buffer_t,
    v: mfa_buffer_t,
    out: mfa_buffer_t,
    lse: mfa_buffer_t,
    dq: mfa_buffer_t,
    dk: mfa_buffer_t,
    dv: mfa_buffer_t,
    d_buffer: mfa_buffer_t,
    batch_size: u32,
    seq_len_q: u32,
    seq_len_kv: u32,
    num_heads: u32,
    head_dim: u16,
    softmax_scale: f32,
    causal: bool,
    input_precision: mfa_precision_t,
    intermediate_precision: mfa_precision_t,
    transpose_q: bool,
    transpose_k: bool,
    transpose_v: bool,
    transpose_o: bool,
) -> mfa_error_t {
    guard("mfa_attention_backward", || {
        let ctx = ctx_ref(context, "context")?;
        let [qb, kb, vb, ob] = four(q, k, v, out)?;
        let (dob, lb) = (buf_ref(dout, "dout")?, buf_ref(lse, "lse")?);
        let (dqb, dkb, dvb) = (buf_ref(dq, "dq")?, buf_ref(dk, "dk")?, buf_ref(dv, "dv")?);
        let db = if d_buffer.is_null() {
            None
        } else {
            Some(buf_ref(d_buffer, "d_buffer")?)
        };
        let sz = sizes(batch_size, seq_len_q, seq_len_kv, num_heads, head_dim)?;
        let dt = float_dtype(input_precision, "input_precision")?;
        check_intermediate(intermediate_precision)?;
        let rows =
            sz.b.checked_mul(sz.h)
                .and_then(|n| n.checked_mul(sz.sq))
                .ok_or_else(|| Failure::invalid("batch * num_heads * seq_len_q overflows"))?
                as usize;
        if let Some(db) = db {
            if (db.size / 4) < rows {
                return Err(Failure::arg(
                    "d_buffer",
                    format!(
                        "buffer holds {} bytes, {} needed (f32 [B,H,Sq] = [{}, {}, {}])",
                        db.size,
                        rows.saturating_mul(4),
                        sz.b,
                        sz.h,
                        sz.sq
                    ),
                ));
            }
        }
        if let Some(db) = db {
            // d_buffer is written after the backward, from `out` and `dout`: it must not
            // overlap any tensor of the call.
            let (d0, d1) = (db.ptr as usize, db.ptr as usize + rows * 4);
            for (name, b) in [
                ("dout", dob),
                ("q", qb),
                ("k", kb),
                ("v", vb),
                ("out", ob),
                ("lse", lb),
                ("dq", dqb),
                ("dk", dkb),
                ("dv", dvb),
            ] {
                let (b0, b1) = (b.ptr as usize, b.ptr as usize + b.size);
                if d0 < b1 && b0 < d1 {
                    return Err(Failure::arg(
                        "d_buffer",
                        format!(
                            "shares memory with `{name}`; it must be a separate scratch buffer"
                        ),
                    ));
                }
            }
        }
        let (tq, tk, tv, to) = (transpose_q, transpose_k, transpose_v, transpose_o);
        let qshape = (sz.b, sz.h, sz.sq, sz.d);
        let kshape = (sz.b, sz.h, sz.sk, sz.d);
        let qd = qkv(qb, "q", dt, qshape, tq)?;
        let kd = qkv(kb, "k", dt, kshape, tk)?;
        let vd = qkv(vb, "v", dt, kshape, tv)?;
        let od = qkv(ob, "out", dt, qshape, to)?;
        let dod = qkv(dob, "dout", dt, qshape, to)?;
        let ld = lse_desc(lb, sz)?;
        let dqd = qkv(dqb, "dq", dt, qshape, tq)?;
        let dkd = qkv(dkb, "dk", dt, kshape, tk)?;
        let dvd = qkv(dvb, "dv", dt, kshape, tv)?;
        let p = params(softmax_scale, causal, MFA_MASK_TYPE_NONE);
        backward_impl(
            ctx,
            &qd.tensor(),
            &kd.tensor(),
            &vd.tensor(),
            &p,
            &od.tensor(),
            &dod.tensor(),
            &ld.tensor(),
            std::ptr::null(),
            &dqd.tensor(),
            &dkd.tensor(),
            &dvd.tensor(),
            std::ptr::null(),
            std::ptr::null(),
            std::ptr::null_mut(),
            Mode::Run,
        )?;
        if let Some(db) = db {
            // The inputs were validated by the backward above, so every offset is in bounds.
            let dst = db.ptr as *mut f32;
            let mut row = 0;
            for b in 0..sz.b {
                for h in 0..sz.h {
                    for i in 0..sz.sq {
                        let at = |d: &Desc, c: i64| {
                            (b * d.strides[0]
                                + h * d.strides[1]
                                + i * d.strides[2]
                                + c * d.strides[3]) as isize
                        };
                        let mut acc = 0.0f64;
                        for c in 0..sz.d {
                            acc += load(dod.ptr, dt, at(&dod, c)) as f64
                                * load(od.ptr, dt, at(&od, c)) as f64;
                        }
                        dst.add(row).write_unaligned(acc as f32);
                        row += 1;
                    }
                }
            }
        }
        Ok(())
    })
}
