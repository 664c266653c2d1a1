//! Smoothing: subtracting a tensor's per-channel mean over the sequence (per head) before
//! quantizing. Real models' K has a large per-channel offset shared by every token; taking it
//! out leaves a residual with a much smaller range, so the same bits resolve it finer.
//!
//! umfa keeps the mean and dequantization adds it back (`x = mean + dequant(residual)`), so
//! attention is computed on a reconstruction of the tensor itself. That is exact with every
//! option (softcap, sinks, LSE, GQA). A kernel that instead drops the mean relies on softmax
//! being invariant to adding `scale·q·mean` to every score of a row: true for plain softmax, but
//! not with softcap (tanh is nonlinear), not with sinks (the sink logit is not shifted), and the
//! LSE shifts by that constant; such a kernel must add `scale·q·mean` back to the scores.

/// Rows per run of the smoothing mean's sum (and of the device quantizer's partial sums).
pub const MEAN_RUN_ROWS: usize = 64;

/// Per-(b, h) channel means over the sequence of a contiguous `[B, H, S, D]` buffer, as f32
/// `[B, H, D]`. The sum is in f64 in a fixed order that the device quantizer follows too (so both
/// give the same bits): the sequence is cut into runs of [`MEAN_RUN_ROWS`] rows from row 0; each
/// run's values are summed in row order from 0.0, and the runs' sums are added in run order
/// from 0.0; the total is divided by S and rounded to f32.
pub fn channel_mean(x: &[f32], [b, h, s, d]: [usize; 4]) -> Vec<f32> {
    let mut mean = Vec::with_capacity(b * h * d);
    for head in x.chunks(s * d) {
        mean.extend(head_mean(head, d));
    }
    mean
}

/// The channel means of one head's `[S, D]` rows, in [`channel_mean`]'s order.
pub fn head_mean(head: &[f32], d: usize) -> Vec<f32> {
    let s = head.len() / d;
    let mut total = vec![0.0f64; d];
    let mut run = vec![0.0f64; d];
    for rows in head.chunks(MEAN_RUN_ROWS * d) {
        run.iter_mut().for_each(|a| *a = 0.0);
        for row in rows.chunks(d) {
            for (a, &v) in run.iter_mut().zip(row) {
                *a += v as f64;
            }
        }
        for (t, &r) in total.iter_mut().zip(&run) {
            *t += r;
        }
    }
    total.into_iter().map(|a| (a / s as f64) as f32).collect()
}

/// Subtracts `mean` (`[B, H, D]`) from every row of each head of a contiguous `[B, H, S, D]` buffer.
pub fn subtract_mean(x: &mut [f32], mean: &[f32], [_, _, s, d]: [usize; 4]) {
    for (bh, head) in x.chunks_mut(s * d).enumerate() {
        subtract_head_mean(head, &mean[bh * d..(bh + 1) * d]);
    }
}

/// Subtracts one head's channel means (`D` values) from each of its rows.
pub fn subtract_head_mean(head: &mut [f32], mean: &[f32]) {
    for row in head.chunks_mut(mean.len()) {
        for (v, &m) in row.iter_mut().zip(mean) {
            *v -= m;
        }
    }
}
