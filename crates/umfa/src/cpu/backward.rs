//! The CPU backward pass (placeholder until written below).
use crate::problem::BackwardTask;
pub(crate) fn run(_task: &BackwardTask, _isa: super::simd::Isa) {
    unimplemented!()
}
