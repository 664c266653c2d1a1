//! Parallel loops that stay on the calling thread when the work is small: waking rayon's pool
//! costs tens of microseconds, more than a decode-sized attention (one query row) takes.

use rayon::prelude::*;

/// Below this many flops a loop runs serially.
const SERIAL_BELOW_FLOPS: f64 = 4e6;

/// Calls `f(&mut state, i)` for `i in 0..n`, one `state` per worker from `init`.
pub(crate) fn for_each_task<T>(
    n: usize,
    flops: f64,
    init: impl Fn() -> T + Send + Sync,
    f: impl Fn(&mut T, usize) + Send + Sync,
) {
    if flops < SERIAL_BELOW_FLOPS || n <= 1 {
        let mut state = init();
        (0..n).for_each(|i| f(&mut state, i));
    } else {
        (0..n).into_par_iter().for_each_init(init, f);
    }
}

/// Calls `f(index, chunk)` for each `chunk`-sized piece of `data`.
pub(crate) fn for_each_chunk<T: Send>(
    data: &mut [T],
    chunk: usize,
    flops: f64,
    f: impl Fn(usize, &mut [T]) + Send + Sync,
) {
    if flops < SERIAL_BELOW_FLOPS {
        data.chunks_mut(chunk)
            .enumerate()
            .for_each(|(i, c)| f(i, c));
    } else {
        data.par_chunks_mut(chunk)
            .enumerate()
            .for_each(|(i, c)| f(i, c));
    }
}
