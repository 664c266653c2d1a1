//! Host accumulators of the pieces' f32 results: scratch for a merge or a sum, and f64 sums.

use crate::dtype::DType;
use crate::error::Result;
use crate::problem::View4Mut;
use crate::tensor::{TensorMut, TensorRef};

/// Host f32 results of a piece, row-major over `shape`, kept for a merge or a sum before they
/// reach the caller's views.
pub(super) struct Scratch {
    shape: [usize; 4],
    pub(super) values: Vec<f32>,
}

impl Scratch {
    pub(super) fn new(shape: [usize; 4]) -> Scratch {
        Scratch {
            shape,
            values: vec![0.0; shape.iter().product()],
        }
    }

    /// A view the kernels' results are scattered into.
    pub(super) fn view(&mut self) -> View4Mut {
        let [_, h, r, c] = self.shape.map(|n| n as isize);
        View4Mut {
            ptr: self.values.as_mut_ptr() as *mut u8,
            dtype: DType::F32,
            strides: [h * r * c, r * c, c, 1],
        }
    }

    /// `shape` as a tensor of `rank` dimensions (`[B, H, S, Dv]` or, for an LSE, `[B, H, S]`).
    pub(super) fn tensor(&self, rank: usize) -> Result<TensorRef<'_>> {
        TensorRef::new(&self.values, &self.shape[..rank])
    }

    pub(super) fn tensor_mut(&mut self, rank: usize) -> Result<TensorMut<'_>> {
        TensorMut::new(&mut self.values, &self.shape[..rank])
    }
}

/// An f64 sum of parts of a gradient, row-major over `shape`.
pub(super) struct Sum {
    shape: [usize; 4],
    values: Vec<f64>,
}

impl Sum {
    pub(super) fn zeros(shape: [usize; 4]) -> Sum {
        Sum {
            shape,
            values: vec![0.0; shape.iter().product()],
        }
    }

    /// Adds `part` (whole rows: its last axis matches) with its origin at index `at`.
    pub(super) fn add(&mut self, part: &Scratch, at: [usize; 4]) {
        let [_, sh, sr, nc] = self.shape;
        let [nb, nh, nr, _] = part.shape;
        let mut src = part.values.chunks_exact(nc);
        for b in at[0]..at[0] + nb {
            for h in at[1]..at[1] + nh {
                for r in at[2]..at[2] + nr {
                    let dst = ((b * sh + h) * sr + r) * nc;
                    let row = src.next().unwrap_or_default();
                    for (acc, &x) in self.values[dst..dst + nc].iter_mut().zip(row) {
                        *acc += x as f64;
                    }
                }
            }
        }
    }

    /// Rounds the sum into `dst` (same shape).
    pub(super) fn write(&self, dst: &View4Mut) {
        let mut x = self.values.iter();
        each(self.shape, |b, h, r, c| {
            dst.set(b, h, r, c, *x.next().unwrap_or(&0.0) as f32)
        });
    }
}

/// Calls `f` with every index of `shape`, row-major.
pub(super) fn each(shape: [usize; 4], mut f: impl FnMut(usize, usize, usize, usize)) {
    for b in 0..shape[0] {
        for h in 0..shape[1] {
            for r in 0..shape[2] {
                for c in 0..shape[3] {
                    f(b, h, r, c);
                }
            }
        }
    }
}
