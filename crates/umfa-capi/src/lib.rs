//! The C ABI of umfa: `libumfa.so` / `libumfa.a` and `include/mfa_ffi.h` (generated from this
//! crate by cbindgen).
//!
//! One call path: the descriptor API ([`descriptor`]) validates through the core and dispatches
//! to the context's backend; the UMFA-compatible functions ([`compat`]) only translate UMFA's
//! positional arguments into descriptors. Every `extern "C"` function runs inside
//! [`error::guard`], which catches panics and records the thread-local error message.
//!
//! C names (`mfa_tensor_t`, `MFA_SUCCESS`) are kept in Rust as they appear in C.
#![allow(non_camel_case_types, clippy::missing_safety_doc)]

pub mod compat;
pub mod context;
pub mod descriptor;
pub mod error;
pub mod merge;
pub mod quant;
pub mod ring;

pub use compat::*;
pub use context::*;
pub use descriptor::*;
pub use error::*;
pub use merge::*;
pub use quant::*;
pub use ring::*;
