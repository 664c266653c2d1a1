//! The CUDA backend for tests, or why it is unavailable.

use std::sync::Arc;
use umfa::{backend, Backend, BackendKind};

/// The CUDA backend, or `None` after printing why it is unavailable (the test then passes as
/// skipped). With `UMFA_REQUIRE_CUDA` set (the GPU scripts set it), an unavailable backend fails.
pub fn cuda() -> Option<Arc<dyn Backend>> {
    match backend(BackendKind::Cuda) {
        Ok(be) => {
            println!("CUDA backend: {}", be.device_name());
            Some(be)
        }
        Err(e) => {
            if std::env::var_os("UMFA_REQUIRE_CUDA").is_some() {
                panic!("UMFA_REQUIRE_CUDA is set but {e}");
            }
            println!("SKIPPED: {e}");
            eprintln!("SKIPPED (no usable CUDA): {e}");
            None
        }
    }
}
