//! The CPU backward pass, FlashAttention-2's algorithm in two deterministic passes:
//!
//! 1. per (batch, kv head, key tile): recompute `P` for every query head of the group and every
//!    query tile, accumulate `dV += Pᵀ·dO` and `dK += dSᵀ·Q` in f32 scratch, write once;
//! 2. per (batch, head, query tile): recompute `P` and `dS`, accumulate `dQ += dS·K`, and `dBias`.
//!
//! No float atomics and a fixed reduction order: results are bitwise repeatable. `dS` is
//! recomputed in pass 2 rather than stored, so memory stays O(B·H·S·D).

use super::bf16dot;
use super::gemm::{matmul_accumulate, panels_product};
use super::pack::{self, round_up, Packed};
use super::parallel::{for_each_chunk, for_each_task};
use super::scores::{finish_logits, TileAt};
use super::simd::{Isa, Simd};
use super::tiles::TileConfig;
use crate::problem::{BackwardTask, TileClass};
use crate::DType;

/// What every task of one backward call shares.
pub(crate) struct BackwardCtx<'t> {
    task: &'t BackwardTask,
    cfg: TileConfig,
    /// The operands of `S = Q·Kᵀ` and `dP = dO·Vᵀ`.
    scores: ScoreOperands,
    /// K as rows `[Sk][d_pad]` (for `dQ += dS·K`).
    k_rows: Packed,
    /// Q·scale `[Sq padded][d_pad]` and dO `[Sq padded][dv_pad]` per (b, query head), read by
    /// both passes (pass 1 reads every query row once per key tile).
    q_rows: Packed,
    d_out_rows: Packed,
    /// `rowsum(dO ∘ O)` per (b, h, i).
    delta: Vec<f32>,
    d_pad: usize,
    dv_pad: usize,
}

/// The operands that recompute `S = Q·Kᵀ` and `dP = dO·Vᵀ`: f32 panels of K and V (Q·scale and
/// dO are the packed f32 query rows), or — for bf16 Q, K, V and dO on CPUs with AVX512-BF16 —
/// bf16 panels and pairs for `vdpbf16ps` (exact products; see `bf16dot`).
enum ScoreOperands {
    F32 {
        k_panels: Packed,
        v_panels: Packed,
    },
    Bf16 {
        k_panels: Packed<u16>,
        v_panels: Packed<u16>,
        q_pairs: Packed<u32>,
        d_out_pairs: Packed<u32>,
    },
}

/// Per-thread scratch.
pub(crate) struct Scratch {
    s: Vec<f32>,
    tanh: Vec<f32>,
    dp: Vec<f32>,
    acc_a: Vec<f32>,
    acc_b: Vec<f32>,
}

impl Scratch {
    fn new(ctx: &BackwardCtx) -> Scratch {
        let (bq, bk) = (ctx.cfg.bq, ctx.cfg.bk);
        let tile = bq * bk;
        let rows = bq.max(bk);
        Scratch {
            s: vec![0.0; tile],
            tanh: vec![0.0; tile],
            dp: vec![0.0; tile],
            acc_a: vec![0.0; rows * ctx.d_pad],
            acc_b: vec![0.0; rows * ctx.dv_pad],
        }
    }
}

impl<'t> BackwardCtx<'t> {
    fn new(task: &'t BackwardTask, cfg: TileConfig) -> Self {
        let p = &task.problem;
        let d = p.dims;
        let (nr, lanes) = (cfg.nr(), cfg.lanes);
        let d_pad = round_up(d.head_dim, lanes);
        let dv_pad = round_up(d.head_dim_v, lanes);
        let (b, hkv, sk) = (d.batch, d.heads_kv, d.seq_kv);
        let flops = d.dense_forward_flops();
        BackwardCtx {
            task,
            cfg,
            scores: if cfg.lanes == 16
                && p.input_dtype == DType::BF16
                && task.d_out.dtype == DType::BF16
                && bf16dot::available()
            {
                ScoreOperands::Bf16 {
                    k_panels: bf16dot::key_panels(&p.k, b, hkv, sk, d.head_dim, flops),
                    v_panels: bf16dot::key_panels(&p.v, b, hkv, sk, d.head_dim_v, flops),
                    q_pairs: bf16dot::row_pairs(
                        &p.q, b, d.heads_q, d.seq_q, d.head_dim, cfg.bq, flops,
                    ),
                    d_out_pairs: bf16dot::row_pairs(
                        &task.d_out,
                        b,
                        d.heads_q,
                        d.seq_q,
                        d.head_dim_v,
                        cfg.bq,
                        flops,
                    ),
                }
            } else {
                ScoreOperands::F32 {
                    k_panels: pack::panels(&p.k, b, hkv, sk, d.head_dim, nr, flops),
                    v_panels: pack::panels(&p.v, b, hkv, sk, d.head_dim_v, nr, flops),
                }
            },
            k_rows: pack::rows(&p.k, b, hkv, sk, d.head_dim, nr, d_pad, flops),
            q_rows: scaled(
                pack::rows(
                    &p.q, b, d.heads_q, d.seq_q, d.head_dim, cfg.bq, d_pad, flops,
                ),
                p.scale,
                flops,
            ),
            d_out_rows: pack::rows(
                &task.d_out,
                b,
                d.heads_q,
                d.seq_q,
                d.head_dim_v,
                cfg.bq,
                dv_pad,
                flops,
            ),
            delta: row_deltas(task),
            d_pad,
            dv_pad,
        }
    }
}

fn scaled(mut packed: Packed, scale: f32, flops: f64) -> Packed {
    for_each_chunk(&mut packed.data, 4096, flops, |_, c| {
        c.iter_mut().for_each(|x| *x *= scale)
    });
    packed
}

/// `delta[b,h,i] = Σ_c dO[b,h,i,c] · O[b,h,i,c] − dLSE[b,h,i]` in f32: with a dLSE every score
/// gradient is `P·(dP − delta)` with this delta (`d LSE_i / d s_ij = P_ij`), the sinks' too.
fn row_deltas(t: &BackwardTask) -> Vec<f32> {
    let d = t.problem.dims;
    let mut delta = vec![0.0f32; d.batch * d.heads_q * d.seq_q];
    for_each_chunk(&mut delta, d.seq_q, d.dense_forward_flops(), |bh, rows| {
        let (b, h) = (bh / d.heads_q, bh % d.heads_q);
        let (mut o, mut g) = (vec![0.0; d.head_dim_v], vec![0.0; d.head_dim_v]);
        for (i, x) in rows.iter_mut().enumerate() {
            pack::read_row(&t.out, b, h, i, d.head_dim_v, &mut o);
            pack::read_row(&t.d_out, b, h, i, d.head_dim_v, &mut g);
            *x = o.iter().zip(&g).map(|(a, b)| a * b).sum::<f32>() - lse_gradient(t, b, h, i);
        }
    });
    delta
}

/// dLSE of row i; 0 without one, and on a fully masked row (LSE = −inf), where P = 0 and a NaN
/// or infinite dLSE must not turn `0·(dP − delta)` into NaN.
fn lse_gradient(t: &BackwardTask, b: usize, h: usize, i: usize) -> f32 {
    match &t.d_lse {
        Some(g) if t.lse.get(b, h, i, 0) != f32::NEG_INFINITY => g.get(b, h, i, 0),
        _ => 0.0,
    }
}

/// `dSink[h] = −Σ_{b,i} exp(sink[h] − LSE[b,h,i]) · delta[b,h,i]`.
fn sink_gradients(ctx: &BackwardCtx) {
    let t = ctx.task;
    let (Some(ds), Some(_)) = (&t.d_sinks, &t.problem.sinks) else {
        return;
    };
    let d = t.problem.dims;
    for h in 0..d.heads_q {
        let sink = t.problem.sink(h).expect("sinks present");
        let mut acc = 0.0f64;
        for b in 0..d.batch {
            for i in 0..d.seq_q {
                let lse = t.lse.get(b, h, i, 0);
                if lse.is_finite() {
                    let p = ((sink - lse) as f64).exp();
                    acc -= p * ctx.delta[(b * d.heads_q + h) * d.seq_q + i] as f64;
                }
            }
        }
        ds.set(0, h, 0, 0, acc as f32);
    }
}

/// Query rows `i0..` of head (b, h) in the packed copies: Q·scale and dO.
#[derive(Clone, Copy)]
struct QueryRows {
    q: *const f32,
    d_out: *const f32,
    /// The same rows as bf16 pairs, when the bf16 operands are in use (else null).
    q_pairs: *const u32,
    d_out_pairs: *const u32,
}

impl BackwardCtx<'_> {
    fn query_rows(&self, b: usize, h: usize, i0: usize) -> QueryRows {
        // SAFETY: rows are packed up to a multiple of `bq`, so every tile's padded rows exist.
        unsafe {
            let (q_pairs, d_out_pairs) = match &self.scores {
                ScoreOperands::Bf16 {
                    q_pairs,
                    d_out_pairs,
                    ..
                } => {
                    let d = self.task.problem.dims;
                    (
                        q_pairs.head(b, h).add(i0 * d.head_dim.div_ceil(2)),
                        d_out_pairs.head(b, h).add(i0 * d.head_dim_v.div_ceil(2)),
                    )
                }
                ScoreOperands::F32 { .. } => (std::ptr::null(), std::ptr::null()),
            };
            QueryRows {
                q: self.q_rows.head(b, h).add(i0 * self.d_pad),
                d_out: self.d_out_rows.head(b, h).add(i0 * self.dv_pad),
                q_pairs,
                d_out_pairs,
            }
        }
    }
}

/// Recomputes the tile's probabilities into `scr.s` and `dS` (the gradient of the logits) into
/// `scr.dp`. Rows past `rows` and keys past `at.keys` get zeros. Returns the tile's columns.
///
/// # Safety
/// The CPU must support `S`; scratch sized for the config.
#[inline(always)]
unsafe fn probabilities_and_dlogits<S: Simd, const MR: usize>(
    ctx: &BackwardCtx,
    scr: &mut Scratch,
    at: TileAt,
    rows_pad: usize,
    class: TileClass,
    qr: QueryRows,
) {
    let t = ctx.task;
    let p = &t.problem;
    let d = p.dims;
    let hk = d.kv_head_of(at.h);
    let (bk, nr) = (ctx.cfg.bk, 2 * S::LANES);
    let n_panels = at.cols / nr;
    let (s, dp) = (scr.s.as_mut_ptr(), scr.dp.as_mut_ptr());
    let tanh = p.softcap.map(|_| scr.tanh.as_mut_ptr());
    match &ctx.scores {
        ScoreOperands::F32 { k_panels, v_panels } => {
            panels_product::<S, MR>(
                qr.q,
                ctx.d_pad,
                rows_pad,
                k_panels.head(at.b, hk).add(at.j0 * d.head_dim),
                n_panels,
                d.head_dim,
                s,
                bk,
            );
            finish_logits::<S>(p, at, class, s, tanh);
            panels_product::<S, MR>(
                qr.d_out,
                ctx.dv_pad,
                rows_pad,
                v_panels.head(at.b, hk).add(at.j0 * d.head_dim_v),
                n_panels,
                d.head_dim_v,
                dp,
                bk,
            );
        }
        #[cfg(target_arch = "x86_64")]
        ScoreOperands::Bf16 {
            k_panels, v_panels, ..
        } => {
            let (pq, pv) = (d.head_dim.div_ceil(2), d.head_dim_v.div_ceil(2));
            bf16dot::panels_product::<MR>(
                qr.q_pairs,
                pq,
                rows_pad,
                k_panels.head(at.b, hk).add(at.j0 * pq * 2),
                n_panels,
                pq,
                p.scale,
                s,
                bk,
            );
            finish_logits::<S>(p, at, class, s, tanh);
            bf16dot::panels_product::<MR>(
                qr.d_out_pairs,
                pv,
                rows_pad,
                v_panels.head(at.b, hk).add(at.j0 * pv * 2),
                n_panels,
                pv,
                1.0,
                dp,
                bk,
            );
        }
        #[cfg(not(target_arch = "x86_64"))]
        ScoreOperands::Bf16 { .. } => unreachable!("bf16 operands are only packed on x86_64"),
    }
    for r in 0..rows_pad {
        let (srow, dprow) = (s.add(r * bk), dp.add(r * bk));
        if r >= at.rows {
            std::slice::from_raw_parts_mut(srow, at.cols).fill(0.0);
            std::slice::from_raw_parts_mut(dprow, at.cols).fill(0.0);
            continue;
        }
        let i = at.i0 + r;
        let lse = t.lse.get(at.b, at.h, i, 0);
        // A fully masked row (LSE = −inf) has P = 0 everywhere.
        let lse = if lse == f32::NEG_INFINITY {
            f32::INFINITY
        } else {
            lse
        };
        let delta = ctx.delta[(at.b * d.heads_q + at.h) * d.seq_q + i];
        let dv = S::splat(delta);
        for c in (0..at.cols).step_by(S::LANES) {
            let pr = S::exp_minus(S::load(srow.add(c)), lse);
            S::store(srow.add(c), pr);
            S::store(dprow.add(c), S::mul(pr, S::sub(S::load(dprow.add(c)), dv)));
        }
    }
}

/// Multiplies `dS` by the softcap derivative `1 − tanh²`, giving the gradient of the raw score.
#[inline(always)]
unsafe fn apply_softcap_derivative<S: Simd>(
    ctx: &BackwardCtx,
    scr: &mut Scratch,
    rows: usize,
    cols: usize,
) {
    if ctx.task.problem.softcap.is_none() {
        return;
    }
    let bk = ctx.cfg.bk;
    let one = S::splat(1.0);
    for r in 0..rows {
        let (dp, th) = (
            scr.dp.as_mut_ptr().add(r * bk),
            scr.tanh.as_ptr().add(r * bk),
        );
        for c in (0..cols).step_by(S::LANES) {
            let t = S::load(th.add(c));
            S::store(
                dp.add(c),
                S::mul(S::load(dp.add(c)), S::sub(one, S::mul(t, t))),
            );
        }
    }
}

/// Pass 1: dK and dV of key tile `kt` of kv head (b, hk).
#[inline(always)]
unsafe fn key_tile<S: Simd, const MR: usize>(
    ctx: &BackwardCtx,
    scr: &mut Scratch,
    b: usize,
    hk: usize,
    kt: usize,
    dq_acc: Option<&mut [f32]>,
) {
    let t = ctx.task;
    let p = &t.problem;
    let d = p.dims;
    let (bq, bk, nr) = (ctx.cfg.bq, ctx.cfg.bk, 2 * S::LANES);
    let j0 = kt * bk;
    let keys = bk.min(d.seq_kv - j0);
    let cols = round_up(keys, nr);
    let (d_pad, dv_pad) = (ctx.d_pad, ctx.dv_pad);
    scr.acc_a[..cols * d_pad].fill(0.0);
    scr.acc_b[..cols * dv_pad].fill(0.0);
    let g = d.group_size();
    let sq_pad = round_up(d.seq_q, bq);
    let dq_acc = dq_acc.map(|a| a.as_mut_ptr());
    for h in hk * g..(hk + 1) * g {
        for qt in 0..d.seq_q.div_ceil(bq) {
            let i0 = qt * bq;
            let rows = bq.min(d.seq_q - i0);
            let class = p.classify_tile(b, h, i0..i0 + rows, j0..j0 + keys);
            if class == TileClass::Empty {
                continue;
            }
            let rows_pad = round_up(rows, MR);
            let qr = ctx.query_rows(b, h, i0);
            let at = TileAt {
                b,
                h,
                i0,
                rows,
                j0,
                keys,
                cols,
                ld: bk,
            };
            probabilities_and_dlogits::<S, MR>(ctx, scr, at, rows_pad, class, qr);
            apply_softcap_derivative::<S>(ctx, scr, rows, cols);
            // dV += Pᵀ·dO (Pᵀ read in place)
            matmul_accumulate::<S, MR>(
                scr.s.as_ptr(),
                (1, bk),
                cols,
                qr.d_out,
                dv_pad,
                rows_pad,
                dv_pad,
                scr.acc_b.as_mut_ptr(),
                dv_pad,
            );
            // dK += dSᵀ·(scale·Q) (dSᵀ read in place)
            matmul_accumulate::<S, MR>(
                scr.dp.as_ptr(),
                (1, bk),
                cols,
                qr.q,
                d_pad,
                rows_pad,
                d_pad,
                scr.acc_a.as_mut_ptr(),
                d_pad,
            );
            // Fused mode: dQ += dS·K into the task's own accumulator of the group's rows.
            if let Some(acc) = dq_acc {
                matmul_accumulate::<S, MR>(
                    scr.dp.as_ptr(),
                    (bk, 1),
                    rows_pad,
                    ctx.k_rows.head(b, hk).add(j0 * d_pad),
                    d_pad,
                    cols,
                    d_pad,
                    acc.add(((h - hk * g) * sq_pad + i0) * d_pad),
                    d_pad,
                );
            }
        }
    }
    for j in 0..keys {
        for c in 0..d.head_dim {
            t.dk.set(b, hk, j0 + j, c, scr.acc_a[j * d_pad + c]);
        }
        for c in 0..d.head_dim_v {
            t.dv.set(b, hk, j0 + j, c, scr.acc_b[j * dv_pad + c]);
        }
    }
}

/// Pass 2: dQ (and dBias) of query tile `qt` of head (b, h).
#[inline(always)]
unsafe fn query_tile<S: Simd, const MR: usize>(
    ctx: &BackwardCtx,
    scr: &mut Scratch,
    b: usize,
    h: usize,
    qt: usize,
) {
    let t = ctx.task;
    let p = &t.problem;
    let d = p.dims;
    let (bq, bk, nr) = (ctx.cfg.bq, ctx.cfg.bk, 2 * S::LANES);
    let i0 = qt * bq;
    let rows = bq.min(d.seq_q - i0);
    let rows_pad = round_up(rows, MR);
    let d_pad = ctx.d_pad;
    let hk = d.kv_head_of(h);
    let qr = ctx.query_rows(b, h, i0);
    scr.acc_a[..rows_pad * d_pad].fill(0.0);
    let first = p.band.keys_of_row(i0, d.seq_kv).0;
    let last = p.band.keys_of_row(i0 + rows - 1, d.seq_kv).1;
    // Tiles start on a panel boundary and stop at the last key any row sees, so the band's edge
    // tiles compute few invisible columns.
    let mut j0 = first / nr * nr;
    while j0 < last {
        let keys = bk.min(last - j0);
        let class = p.classify_tile(b, h, i0..i0 + rows, j0..j0 + keys);
        if class != TileClass::Empty {
            let cols = round_up(keys, nr);
            let at = TileAt {
                b,
                h,
                i0,
                rows,
                j0,
                keys,
                cols,
                ld: bk,
            };
            probabilities_and_dlogits::<S, MR>(ctx, scr, at, rows_pad, class, qr);
            if let Some(db) = &t.d_bias {
                for r in 0..rows {
                    for j in 0..keys {
                        let off = db.offset(b, h, i0 + r, j0 + j);
                        let old = crate::dtype::load_f32(db.ptr, db.dtype, off);
                        crate::dtype::store_f32(db.ptr, db.dtype, off, old + scr.dp[r * bk + j]);
                    }
                }
            }
            apply_softcap_derivative::<S>(ctx, scr, rows, cols);
            // dQ += dS·K (the scale is applied once at the end)
            matmul_accumulate::<S, MR>(
                scr.dp.as_ptr(),
                (bk, 1),
                rows_pad,
                ctx.k_rows.head(b, hk).add(j0 * d_pad),
                d_pad,
                cols,
                d_pad,
                scr.acc_a.as_mut_ptr(),
                d_pad,
            );
        }
        j0 += bk;
    }
    for r in 0..rows {
        for c in 0..d.head_dim {
            t.dq.set(b, h, i0 + r, c, scr.acc_a[r * d_pad + c] * p.scale);
        }
    }
}

type TileFn = unsafe fn(&BackwardCtx, &mut Scratch, usize, usize, usize);
type KeyTileFn = unsafe fn(&BackwardCtx, &mut Scratch, usize, usize, usize, Option<&mut [f32]>);

macro_rules! isa_entries {
    ($key:ident, $query:ident, $S:ty, $MR:expr $(, $feat:literal)?) => {
        $(#[target_feature(enable = $feat)])?
        unsafe fn $key(
            ctx: &BackwardCtx,
            scr: &mut Scratch,
            b: usize,
            hk: usize,
            kt: usize,
            dq_acc: Option<&mut [f32]>,
        ) {
            key_tile::<$S, { $MR }>(ctx, scr, b, hk, kt, dq_acc)
        }
        $(#[target_feature(enable = $feat)])?
        unsafe fn $query(ctx: &BackwardCtx, scr: &mut Scratch, b: usize, h: usize, qt: usize) {
            query_tile::<$S, { $MR }>(ctx, scr, b, h, qt)
        }
    };
}

#[cfg(target_arch = "x86_64")]
isa_entries!(key_avx512, query_avx512, super::simd::Avx512, 8, "avx512f");
#[cfg(target_arch = "x86_64")]
isa_entries!(key_avx2, query_avx2, super::simd::Avx2, 6, "avx2,fma");
isa_entries!(key_portable, query_portable, super::simd::Portable, 4);

/// Zeroes dBias (it is accumulated) over the additive mask's own shape.
fn zero_bias_gradient(t: &BackwardTask) {
    if let (Some(db), Some(m)) = (&t.d_bias, &t.problem.mask) {
        let s = m.shape;
        for b in 0..s[0] {
            for h in 0..s[1] {
                for i in 0..s[2] {
                    for j in 0..s[3] {
                        db.set(b, h, i, j, 0.0);
                    }
                }
            }
        }
    }
}

/// How the backward pass is scheduled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BackwardSchedule {
    /// Fused when it pays (see `fused_pays`), else two passes.
    #[default]
    Auto,
    /// One pass per (batch, kv head); falls back to two passes when a dBias is asked for.
    Fused,
    /// dK/dV per key tile, then dQ per query tile.
    TwoPass,
}

/// Runs a validated host backward on the CPU.
pub(crate) fn run(task: &BackwardTask, isa: Isa, schedule: BackwardSchedule) {
    let cfg = TileConfig::backward(isa, &task.problem.dims);
    let ctx = BackwardCtx::new(task, cfg);
    let d = task.problem.dims;
    let (key, query): (KeyTileFn, TileFn) = match isa {
        #[cfg(target_arch = "x86_64")]
        Isa::Avx512 => (key_avx512, query_avx512),
        #[cfg(target_arch = "x86_64")]
        Isa::Avx2Fma => (key_avx2, query_avx2),
        _ => (key_portable, query_portable),
    };
    sink_gradients(&ctx);
    zero_bias_gradient(task);

    let n_kt = d.seq_kv.div_ceil(cfg.bk);
    let fused = match schedule {
        BackwardSchedule::Auto => fused_pays(task),
        BackwardSchedule::Fused => task.d_bias.is_none(),
        BackwardSchedule::TwoPass => false,
    };
    if fused {
        run_fused(&ctx, key);
        return;
    }
    let flops = d.dense_forward_flops();
    for_each_task(
        d.batch * d.heads_kv * n_kt,
        flops,
        || Scratch::new(&ctx),
        // SAFETY: `isa` was detected on this CPU and `cfg` was made for it.
        |scr, n| unsafe {
            key(
                &ctx,
                scr,
                n / n_kt / d.heads_kv,
                n / n_kt % d.heads_kv,
                n % n_kt,
                None,
            )
        },
    );

    // Query tiles that accumulate into the same dBias elements (a broadcast bias) run in one
    // job, in a fixed order; the others run in parallel.
    let n_qt = d.seq_q.div_ceil(cfg.bq);
    let shared = |axis: usize| match (&task.d_bias, &task.problem.mask) {
        (Some(_), Some(m)) => m.shape[axis] == 1,
        _ => false,
    };
    let (gb, gh, gq) = (
        if shared(0) { 1 } else { d.batch },
        if shared(1) { 1 } else { d.heads_q },
        if shared(2) { 1 } else { n_qt },
    );
    for_each_task(
        gb * gh * gq,
        flops,
        || Scratch::new(&ctx),
        |scr, g| {
            let (b0, h0, q0) = (g / (gh * gq), g / gq % gh, g % gq);
            for b in (0..d.batch).filter(|&b| gb == 1 || b == b0) {
                for h in (0..d.heads_q).filter(|&h| gh == 1 || h == h0) {
                    for qt in (0..n_qt).filter(|&qt| gq == 1 || qt == q0) {
                        // SAFETY: as above.
                        unsafe { query(&ctx, scr, b, h, qt) }
                    }
                }
            }
        },
    );
}

/// One pass per (batch, kv head) — dQ accumulated beside dK/dV, saving the recomputation of `S`
/// and `dP` of the second pass (7 → 5 matrix products) — when there are enough (b, kv head)
/// tasks to keep every thread busy, and no broadcast dBias needs the second pass's grouping.
fn fused_pays(t: &BackwardTask) -> bool {
    let d = t.problem.dims;
    t.d_bias.is_none() && d.batch * d.heads_kv >= 4 * rayon::current_num_threads()
}

fn run_fused(ctx: &BackwardCtx, key: KeyTileFn) {
    let t = ctx.task;
    let p = &t.problem;
    let d = p.dims;
    let (g, bk, d_pad) = (d.group_size(), ctx.cfg.bk, ctx.d_pad);
    let sq_pad = round_up(d.seq_q, ctx.cfg.bq);
    for_each_task(
        d.batch * d.heads_kv,
        d.dense_forward_flops(),
        || (Scratch::new(ctx), Vec::new()),
        |(scr, dq), n| {
            let (b, hk) = (n / d.heads_kv, n % d.heads_kv);
            dq.clear();
            dq.resize(g * sq_pad * d_pad, 0.0f32);
            for kt in 0..d.seq_kv.div_ceil(bk) {
                // SAFETY: `isa` was detected on this CPU and `cfg` was made for it.
                unsafe { key(ctx, scr, b, hk, kt, Some(dq.as_mut_slice())) }
            }
            for (n, h) in (hk * g..(hk + 1) * g).enumerate() {
                for i in 0..d.seq_q {
                    let row = &dq[(n * sq_pad + i) * d_pad..][..d.head_dim];
                    for (c, &x) in row.iter().enumerate() {
                        t.dq.set(b, h, i, c, x * p.scale);
                    }
                }
            }
        },
    );
}
