//! What each ring step computes: `_step` of `python/src/umfa/ring.py`, plus the causal schedule
//! of contiguous shards, which ring.py does not offer.
//!
//! Step `s` of rank `r` attends local queries to the K/V block that started on rank
//! `owner = (r − s) mod world`. The plan names the local query rows, the rows of the visiting
//! block, and whether the causal mask applies (only at step 0, where the block is the rank's own
//! and the local rows are in global order, so top-left causal over them is exact). Every other
//! visible pair of blocks is either fully visible or fully masked; masked ones are skipped.

use super::sharding::Sharding;
use std::ops::Range;

/// One ring step's attention: `q_rows` of the local queries against `kv_rows` of the visiting
/// block; `causal`: top-left causal over them (they then have the same length).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepPlan {
    pub q_rows: Range<usize>,
    pub kv_rows: Range<usize>,
    pub causal: bool,
}

/// The rank whose K/V block rank `rank` holds at step `step`.
pub fn owner(step: usize, rank: usize, world: usize) -> usize {
    (rank + world - step % world) % world
}

/// The plan of step `step` on rank `rank` with `local` rows per shard, or `None` where the
/// visiting block is entirely masked (skipped: no compute, the block only passes through).
pub fn step_plan(
    step: usize,
    rank: usize,
    world: usize,
    causal: bool,
    sharding: Sharding,
    local: usize,
) -> Option<StepPlan> {
    let every = 0..local;
    let full = |q_rows: Range<usize>, kv_rows: Range<usize>| StepPlan {
        q_rows,
        kv_rows,
        causal: false,
    };
    if !causal {
        return Some(full(every.clone(), every));
    }
    if step == 0 {
        return Some(StepPlan {
            q_rows: every.clone(),
            kv_rows: every,
            causal: true,
        });
    }
    let from = owner(step, rank, world);
    match sharding {
        // An earlier rank's block precedes every local row; a later one follows them all.
        Sharding::Contiguous => (from < rank).then(|| full(every.clone(), every)),
        Sharding::ZigZag => {
            let half = local / 2;
            if from < rank {
                // Its first chunk precedes both local chunks; its second follows both.
                Some(full(every, 0..half))
            } else {
                // Both of its chunks precede the local second chunk and follow the first.
                Some(full(half..local, every))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (query, key) pair the global mask shows is computed by exactly one step of one
    /// rank, and no hidden pair is computed: the merged result is exact.
    #[test]
    fn steps_cover_the_mask_exactly_once() {
        for sharding in [Sharding::Contiguous, Sharding::ZigZag] {
            for causal in [false, true] {
                for world in 1..=4 {
                    let n = 4 * world;
                    let local = n / world;
                    let rows = |r| -> Vec<usize> {
                        sharding
                            .global_rows(r, world, n)
                            .unwrap()
                            .into_iter()
                            .flatten()
                            .collect()
                    };
                    let mut count = vec![0u32; n * n];
                    for rank in 0..world {
                        let q_global = rows(rank);
                        for step in 0..world {
                            let k_global = rows(owner(step, rank, world));
                            let Some(p) = step_plan(step, rank, world, causal, sharding, local)
                            else {
                                continue;
                            };
                            for i in p.q_rows.clone() {
                                for j in p.kv_rows.clone() {
                                    let (li, lj) = (i - p.q_rows.start, j - p.kv_rows.start);
                                    if !p.causal || lj <= li {
                                        count[q_global[i] * n + k_global[j]] += 1;
                                    }
                                }
                            }
                        }
                    }
                    for qi in 0..n {
                        for kj in 0..n {
                            let want = u32::from(!causal || kj <= qi);
                            assert_eq!(
                                count[qi * n + kj],
                                want,
                                "{sharding:?} causal {causal} world {world}: q {qi} k {kj}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn zigzag_steps_cost_the_same_on_every_rank() {
        let (world, local) = (4, 8);
        for step in 1..world {
            let work: Vec<usize> = (0..world)
                .map(|r| {
                    let p = step_plan(step, r, world, true, Sharding::ZigZag, local).unwrap();
                    p.q_rows.len() * p.kv_rows.len()
                })
                .collect();
            assert!(work.iter().all(|&w| w == work[0]), "step {step}: {work:?}");
        }
    }
}
