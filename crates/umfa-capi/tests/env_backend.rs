//! `UMFA_BACKEND` picks a context's backend when it is created. Alone in its own test binary
//! because it changes the process environment.

mod common;
use common::*;
use std::ptr::null_mut;
use umfa::*;

#[test]
fn umfa_backend_selects_or_refuses() {
    let mut ctx = null_mut();
    std::env::set_var("UMFA_BACKEND", "tpu");
    assert_eq!(
        unsafe { mfa_create_context(&mut ctx) },
        MFA_ERROR_INVALID_ARGS
    );
    assert!(last_error().contains("unknown backend"), "{}", last_error());
    assert!(ctx.is_null());

    std::env::set_var("UMFA_BACKEND", "cpu");
    assert_eq!(
        unsafe { mfa_create_context(&mut ctx) },
        MFA_SUCCESS,
        "{}",
        last_error()
    );
    assert_eq!(unsafe { mfa_context_backend(ctx) }, MFA_BACKEND_CPU);
    unsafe { mfa_destroy_context(ctx) };

    // An explicit choice ignores the environment.
    std::env::set_var("UMFA_BACKEND", "tpu");
    assert_eq!(
        unsafe { mfa_create_context_with_backend(MFA_BACKEND_CPU, &mut ctx) },
        MFA_SUCCESS
    );
    unsafe { mfa_destroy_context(ctx) };
    std::env::remove_var("UMFA_BACKEND");
}
