//! Helpers shared by the C ABI tests: deterministic data, descriptors, and the f64 reference.
#![allow(dead_code)]

use std::ffi::CStr;
use umfa::*;
use umfa_core::*;

/// A small xorshift generator: tests must not depend on a crate's sequence.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// Uniform in [-1, 1).
    pub fn f32(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 23) as f32 - 1.0
    }
    pub fn vec(&mut self, n: usize) -> Vec<f32> {
        (0..n).map(|_| self.f32()).collect()
    }
}

pub fn last_error() -> String {
    unsafe { CStr::from_ptr(mfa_last_error_message()) }
        .to_string_lossy()
        .into_owned()
}

/// A CPU context, destroyed on drop.
pub struct Ctx(pub mfa_context_t);

impl Ctx {
    pub fn cpu() -> Ctx {
        let mut c = std::ptr::null_mut();
        let rc = unsafe { mfa_create_context_with_backend(MFA_BACKEND_CPU, &mut c) };
        assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
        Ctx(c)
    }
}

impl Drop for Ctx {
    fn drop(&mut self) {
        unsafe { mfa_destroy_context(self.0) }
    }
}

unsafe impl Send for Ctx {}
unsafe impl Sync for Ctx {}

/// A host tensor descriptor whose shape and strides it owns.
pub struct Desc {
    pub data: *mut u8,
    pub size_bytes: u64,
    pub dtype: i32,
    pub shape: Vec<i64>,
    pub strides: Option<Vec<i64>>,
}

impl Desc {
    pub fn f32(data: &mut [f32], shape: &[i64]) -> Desc {
        Desc {
            data: data.as_mut_ptr() as *mut u8,
            size_bytes: std::mem::size_of_val(data) as u64,
            dtype: MFA_DTYPE_F32,
            shape: shape.to_vec(),
            strides: None,
        }
    }
    pub fn bytes(data: &mut [u8], shape: &[i64]) -> Desc {
        Desc {
            data: data.as_mut_ptr(),
            size_bytes: data.len() as u64,
            dtype: MFA_DTYPE_U8,
            shape: shape.to_vec(),
            strides: None,
        }
    }
    pub fn with_strides(mut self, strides: &[i64]) -> Desc {
        self.strides = Some(strides.to_vec());
        self
    }
    pub fn t(&self) -> mfa_tensor_t {
        mfa_tensor_t {
            data: self.data as *mut _,
            size_bytes: self.size_bytes,
            device_type: MFA_DEVICE_CPU,
            device_id: 0,
            dtype: self.dtype,
            ndim: self.shape.len() as i32,
            shape: self.shape.as_ptr(),
            strides: self
                .strides
                .as_ref()
                .map_or(std::ptr::null(), |s| s.as_ptr()),
        }
    }
}

/// Largest |a - b| over the elements.
pub fn max_err(a: &[f32], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(&x, &y)| {
            if x as f64 == y {
                0.0
            } else {
                (x as f64 - y).abs()
            }
        })
        .fold(0.0, f64::max)
}

/// The f64 reference forward of a problem given through the core's Rust API.
pub fn reference_forward(attn: &Attention) -> reference::RefForward {
    let shape = [
        attn.q.shape()[0],
        attn.q.shape()[1],
        attn.q.shape()[2],
        attn.v.shape()[3],
    ];
    let mut out = vec![0f32; shape.iter().product()];
    let task = validate::forward(
        attn,
        &ForwardOutputs {
            out: TensorMut::new(&mut out, &shape).unwrap(),
            lse: None,
        },
    )
    .unwrap();
    reference::forward(&task.problem)
}

/// The f64 reference gradients for upstream gradient `d_out` (contiguous [B,Hq,Sq,Dv]).
pub fn reference_backward(attn: &Attention, d_out: &[f32]) -> reference::RefGradients {
    reference_backward_with_d_lse(attn, d_out, None)
}

/// As `reference_backward`, with the upstream gradient of the LSE (contiguous [B,Hq,Sq]).
pub fn reference_backward_with_d_lse(
    attn: &Attention,
    d_out: &[f32],
    d_lse: Option<&[f32]>,
) -> reference::RefGradients {
    let shape = [
        attn.q.shape()[0],
        attn.q.shape()[1],
        attn.q.shape()[2],
        attn.v.shape()[3],
    ];
    let mut out = vec![0f32; shape.iter().product()];
    let task = validate::forward(
        attn,
        &ForwardOutputs {
            out: TensorMut::new(&mut out, &shape).unwrap(),
            lse: None,
        },
    )
    .unwrap();
    let d: Vec<f64> = d_out.iter().map(|&x| x as f64).collect();
    let g: Option<Vec<f64>> = d_lse.map(|g| g.iter().map(|&x| x as f64).collect());
    reference::backward_with_d_lse(
        &task.problem,
        &reference::RefValues::gather(&task.problem),
        &d,
        g.as_deref(),
    )
}

/// [B,S,H,D] contiguous data → [B,H,S,D] contiguous.
pub fn bshd_to_bhsd(x: &[f32], b: usize, s: usize, h: usize, d: usize) -> Vec<f32> {
    let mut y = vec![0.0; x.len()];
    for bi in 0..b {
        for si in 0..s {
            for hi in 0..h {
                for di in 0..d {
                    y[((bi * h + hi) * s + si) * d + di] = x[((bi * s + si) * h + hi) * d + di];
                }
            }
        }
    }
    y
}

pub fn bhsd_to_bshd(x: &[f32], b: usize, h: usize, s: usize, d: usize) -> Vec<f32> {
    let mut y = vec![0.0; x.len()];
    for bi in 0..b {
        for hi in 0..h {
            for si in 0..s {
                for di in 0..d {
                    y[((bi * s + si) * h + hi) * d + di] = x[((bi * h + hi) * s + si) * d + di];
                }
            }
        }
    }
    y
}

// SAFETY (tests): descriptors are read-only views shared by threads that only read through them.
unsafe impl Send for Desc {}
unsafe impl Sync for Desc {}

/// Shares a plain-data value holding raw pointers across test threads.
pub struct Shared<T>(pub T);
unsafe impl<T> Send for Shared<T> {}
unsafe impl<T> Sync for Shared<T> {}
