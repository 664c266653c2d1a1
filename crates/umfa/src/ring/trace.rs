//! `UMFA_RING_TRACE=1`: every rank prints to stderr, with a monotonic timestamp, a line before
//! and after each NCCL call, each host wait on a stream and each step of the schedule, so that a
//! hang shows where each rank stopped. The last line of each rank is also kept in memory
//! ([`last_lines`]), for a watchdog to print when it gives up on a hung ring.
//!
//! Off (the default), a trace point costs one relaxed atomic load.

use std::collections::BTreeMap;
use std::fmt::Arguments;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

/// 0: not read yet; 1: off; 2: on.
static STATE: AtomicU8 = AtomicU8::new(0);

/// Whether `UMFA_RING_TRACE` is set (to anything but `0` or the empty string).
pub fn enabled() -> bool {
    match STATE.load(Ordering::Relaxed) {
        1 => false,
        2 => true,
        _ => {
            let on = std::env::var_os("UMFA_RING_TRACE").is_some_and(|v| !v.is_empty() && v != "0");
            STATE.store(if on { 2 } else { 1 }, Ordering::Relaxed);
            on
        }
    }
}

/// Seconds since the first use of this clock in the process (monotonic): the timestamp of every
/// trace line, so a caller's own progress lines can share it.
pub fn clock() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

fn last() -> &'static Mutex<BTreeMap<usize, String>> {
    static LAST: OnceLock<Mutex<BTreeMap<usize, String>>> = OnceLock::new();
    LAST.get_or_init(|| Mutex::new(BTreeMap::new()))
}

/// The last trace line of every rank that has traced, by rank (empty when tracing is off).
pub fn last_lines() -> Vec<(usize, String)> {
    let map = match last().lock() {
        Ok(m) => m,
        Err(poisoned) => poisoned.into_inner(),
    };
    map.iter().map(|(r, l)| (*r, l.clone())).collect()
}

/// Prints one line for `rank` (of `world`, on CUDA device `device`) and keeps it as the rank's
/// last. The lock is held only to store the line: never across a CUDA or NCCL call.
pub(crate) fn line(rank: usize, world: usize, device: u32, what: Arguments) {
    let text = format!(
        "[umfa-ring {:>11.6}s rank {rank}/{world} cuda:{device}] {what}",
        clock()
    );
    eprintln!("{text}");
    let mut map = match last().lock() {
        Ok(m) => m,
        Err(poisoned) => poisoned.into_inner(),
    };
    map.insert(rank, text);
}

/// `ring_trace!(comm, "format", args...)`: a trace line for the rank of `comm` (a `RingComm`),
/// formatted only when tracing is on.
macro_rules! ring_trace {
    ($comm:expr, $($arg:tt)*) => {
        if $crate::ring::trace::enabled() {
            let c: &$crate::ring::RingComm = $comm;
            $crate::ring::trace::line(c.rank(), c.world(), c.device(), format_args!($($arg)*));
        }
    };
}
pub(crate) use ring_trace;

#[cfg(test)]
mod tests {
    #[test]
    fn clock_is_monotonic() {
        let a = super::clock();
        let b = super::clock();
        assert!(b >= a);
    }
}
