//! Which rows of the sequence each rank holds.
//!
//! `ZigZag` (the default for causal attention) cuts the sequence into `2·world` equal chunks and
//! gives rank `r` chunks `r` and `2·world − 1 − r`, so every ring step costs every rank the same
//! work; `Contiguous` gives rank `r` the `r`-th of `world` equal slices. Both are the layouts of
//! `umfa.zigzag_shard` and plain slicing in `python/src/umfa/ring.py`.

use crate::error::{Error, Result};
use std::ops::Range;

/// How the global sequence is split over the ranks of a ring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sharding {
    /// Rank `r` holds rows `[r·L, (r+1)·L)` of the `world·L` rows.
    Contiguous,
    /// Rank `r` holds chunks `r` and `2·world − 1 − r` of `2·world` chunks of `L/2` rows.
    ZigZag,
}

impl Sharding {
    /// The layout ring.py uses: zig-zag for causal attention (balanced work), contiguous
    /// otherwise (where every layout costs the same).
    pub fn default_for(causal: bool) -> Sharding {
        if causal {
            Sharding::ZigZag
        } else {
            Sharding::Contiguous
        }
    }

    /// The code the C ABI and the cross-rank agreement use.
    pub(crate) fn code(self) -> i64 {
        match self {
            Sharding::Contiguous => 0,
            Sharding::ZigZag => 1,
        }
    }

    /// The global rows rank `rank` holds, in the order of its local rows: one range for
    /// `Contiguous`, two for `ZigZag` (the local rows are their concatenation). `global_len`
    /// must divide evenly: by `world`, and by `2·world` for zig-zag.
    pub fn global_rows(
        self,
        rank: usize,
        world: usize,
        global_len: usize,
    ) -> Result<Vec<Range<usize>>> {
        if world == 0 || rank >= world {
            return Err(Error::arg(
                "rank",
                format!("rank {rank} is not in a ring of {world}"),
            ));
        }
        let parts = match self {
            Sharding::Contiguous => world,
            Sharding::ZigZag => 2 * world,
        };
        if !global_len.is_multiple_of(parts) {
            return Err(Error::arg(
                "seq_len",
                format!("{global_len} rows do not split into {parts} equal chunks ({self:?} sharding over {world} ranks)"),
            ));
        }
        let chunk = global_len / parts;
        Ok(match self {
            Sharding::Contiguous => std::iter::once(rank * chunk..(rank + 1) * chunk).collect(),
            Sharding::ZigZag => {
                let last = 2 * world - 1 - rank;
                vec![
                    rank * chunk..(rank + 1) * chunk,
                    last * chunk..(last + 1) * chunk,
                ]
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_held_once() {
        for sharding in [Sharding::Contiguous, Sharding::ZigZag] {
            for world in 1..=4 {
                let n = 8 * world;
                let mut seen = vec![0; n];
                for rank in 0..world {
                    for r in sharding.global_rows(rank, world, n).unwrap() {
                        r.for_each(|i| seen[i] += 1);
                    }
                }
                assert!(seen.iter().all(|&c| c == 1), "{sharding:?} world {world}");
            }
        }
    }

    #[test]
    fn zigzag_pairs_chunks_from_both_ends() {
        let rows = Sharding::ZigZag.global_rows(1, 2, 8).unwrap();
        assert_eq!(rows, vec![2..4, 4..6]);
        assert!(Sharding::ZigZag.global_rows(0, 2, 6).is_err());
        assert!(Sharding::Contiguous.global_rows(2, 2, 8).is_err());
    }
}
