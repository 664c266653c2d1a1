//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod cuda;
pub mod merge;

use umfa::check::{run_case, Case, CaseReport};
use umfa::cpu::simd::Isa;
use umfa::cpu::{BackwardSchedule, CpuBackend};
use umfa::Backend;

/// The CPU backend once per kernel family this CPU runs (AVX-512, AVX2+FMA, portable), with
/// the backward both fused and in two passes.
pub fn cpu_backends() -> Vec<CpuBackend> {
    Isa::ALL
        .into_iter()
        .filter_map(|isa| CpuBackend::with_isa(isa).ok())
        .flat_map(|be| {
            let fused = CpuBackend::with_isa(be.isa())
                .expect("supported")
                .with_backward_schedule(BackwardSchedule::Fused);
            [be.with_backward_schedule(BackwardSchedule::TwoPass), fused]
        })
        .collect()
}

/// Runs `case` on every CPU kernel family with inputs from `seed` and asserts it passes,
/// printing the errors.
pub fn assert_case_passes(case: &Case, seed: u64) -> CaseReport {
    let mut last = None;
    for be in cpu_backends() {
        last = Some(assert_case_passes_on(&be, case, seed));
    }
    last.expect("the portable kernels always run")
}

/// Runs `case` on `be` and asserts it passes.
pub fn assert_case_passes_on(be: &dyn Backend, case: &Case, seed: u64) -> CaseReport {
    let r = run_case(be, case, seed);
    assert!(
        r.passed(),
        "case {} (seed {seed}) failed on {}: out {:?} lse {:?} grads {:?} stray {} error {:?}",
        r.label,
        be.device_name(),
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
