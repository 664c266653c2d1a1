//! Before a ring runs, every rank says what it is about to do and whether its own arguments
//! passed validation; one small all-reduce tells all of them whether they agree. A rank whose
//! arguments are bad therefore fails *together* with the others instead of leaving them waiting
//! in a transfer that never comes, and shards of different shapes across ranks are refused
//! before any data moves.

use super::comm::RingComm;
use super::device::Scratch;
use super::trace::ring_trace;
use crate::cuda::driver::drv;
use crate::error::{Error, Result};
use cudarc::driver::result;

/// One field every rank must agree on: a name for the error message, and its value here.
pub(crate) type Field = (&'static str, i64);

/// Runs the agreement. `local` is this rank's own verdict on its arguments: an error is
/// returned after the exchange, so the other ranks learn of it. Blocks the host until the
/// all-reduce is done (a few microseconds on NVLink).
pub(crate) fn agree(comm: &RingComm, fields: &[Field], local: Result<()>) -> Result<()> {
    if comm.world() == 1 {
        return local;
    }
    // [ok, fields..., -ok, -fields...]: one max-reduction gives every field's maximum and
    // (negated) minimum.
    let ok = i64::from(local.is_ok());
    let values: Vec<i64> = std::iter::once(ok)
        .chain(fields.iter().map(|f| f.1))
        .collect();
    let n = values.len();
    let mut host: Vec<i64> = values
        .iter()
        .copied()
        .chain(values.iter().map(|v| -v))
        .collect();
    let stream = comm.comm_stream();
    let buffer = Scratch::new(8 * host.len(), stream)?;
    // SAFETY: the scratch holds `host.len()` i64; the copies and the reduction run in order on
    // the communication stream, and the host waits for them before reading `host`.
    unsafe {
        result::memcpy_htod_async(buffer.ptr, &host, stream).map_err(drv("cuMemcpyHtoDAsync"))?;
        comm.all_reduce_max_i64(buffer.ptr, host.len())?;
        ring_trace!(
            comm,
            "agree: cuMemcpyDtoHAsync + cuStreamSynchronize (waits for every rank's all-reduce)"
        );
        result::memcpy_dtoh_async(&mut host, buffer.ptr, stream)
            .map_err(drv("cuMemcpyDtoHAsync"))?;
        result::stream::synchronize(stream).map_err(drv("cuStreamSynchronize"))?;
    }
    ring_trace!(
        comm,
        "agree: all-reduce done (this rank's own checks: {})",
        if local.is_ok() { "passed" } else { "failed" }
    );
    local?;
    let (max, neg_min) = host.split_at(n);
    if -neg_min[0] == 0 {
        return Err(Error::arg(
            "ring",
            format!(
                "another rank of the ring refused its arguments (its own error says why); rank {} stops with it",
                comm.rank()
            ),
        ));
    }
    for (i, (name, _)) in fields.iter().enumerate() {
        let (hi, lo) = (max[i + 1], -neg_min[i + 1]);
        if hi != lo {
            return Err(Error::arg(
                "ring",
                format!(
                    "the ranks disagree on {name}: it ranges from {lo} to {hi} across the ring \
                     (rank {} has {}); every rank must make the same call on shards of one shape",
                    comm.rank(),
                    fields[i].1
                ),
            ));
        }
    }
    Ok(())
}
