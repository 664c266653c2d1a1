//! Helpers shared by the integration tests.
#![allow(dead_code)]

use umfa::check::{run_case, Case, CaseReport};
use umfa::{backend, BackendKind};

/// Runs `case` on the CPU backend with a fresh seed and asserts it passes, printing the errors.
pub fn assert_case_passes(case: &Case, seed: u64) -> CaseReport {
    let be = backend(BackendKind::Cpu).expect("the CPU backend is always present");
    let r = run_case(be.as_ref(), case, seed);
    assert!(
        r.passed(),
        "case {} (seed {seed}) failed: out {:?} lse {:?} grads {:?} stray {} error {:?}",
        r.label,
        r.out,
        r.lse,
        r.grads,
        r.stray_writes,
        r.error
    );
    r
}

/// A seed that differs between runs (fresh random inputs), printed so a failure can be replayed
/// with `UMFA_TEST_SEED`.
pub fn fresh_seed() -> u64 {
    if let Ok(s) = std::env::var("UMFA_TEST_SEED") {
        return s.parse().expect("UMFA_TEST_SEED must be an integer");
    }
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("seed {t} (replay with UMFA_TEST_SEED={t})");
    t
}
