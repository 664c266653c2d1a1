//! The CPU forward pass: FlashAttention-2's algorithm on tiles of `bq` query rows × `bk` keys.
//! Rayon runs one task per (batch, head, query tile); each task keeps its output tile and softmax
//! statistics in f32 scratch, streams the packed keys and values tile by tile, skips tiles the
//! mask model classifies empty, and writes O and LSE once at the end.

use super::bf16dot;
use super::gemm::{matmul_accumulate, panels_product};
use super::int8dot::{self, Int8Operands};
use super::pack::{self, round_up, Packed};
use super::parallel::for_each_task;
use super::scores::{finish_logits, TileAt};
use super::simd::Simd;
use super::tiles::TileConfig;
use crate::problem::{ForwardTask, TileClass};
use crate::DType;

/// What every task of one forward call shares.
pub(crate) struct ForwardCtx<'t> {
    pub task: &'t ForwardTask,
    pub cfg: TileConfig,
    /// What `S = Q·Kᵀ` is computed from.
    pub scores: ScoreInputs,
    /// What `O += P·V` reads V from.
    pub values: ValueRows,
    pub dv_pad: usize,
}

/// The operands of `S = Q·Kᵀ` as packed for its micro-kernel.
pub(crate) enum ScoreInputs {
    /// K as panels `[Sk/nr][D][nr]` per (b, kv head); Q rows are read per tile.
    F32(Packed),
    /// For bf16 inputs on CPUs with AVX512-BF16: K as bf16 pair panels for `vdpbf16ps` (see
    /// `bf16dot`); Q rows are read per tile.
    Bf16(Packed<u16>),
    /// Quantized Q and K for `vpdpbusd` (see `int8dot`): both packed once, the problem's Q and
    /// K views are not read.
    Int8(Box<Int8Operands>),
}

/// V as packed for `O += P·V`.
pub(crate) enum ValueRows {
    /// Row-major f32 `[Sk padded][dv_pad]` per (b, kv head); P stays f32.
    F32(Packed),
    /// bf16 pairs of consecutive keys `[Sk padded / 2][dv_pad]` per (b, kv head), for
    /// `vdpbf16ps` with P rounded to bf16 (the quantized forward with bf16 V only: the float
    /// forward keeps P in f32).
    Bf16Pairs(Packed<u32>),
}

/// Per-thread scratch, reused across tasks.
pub(crate) struct Scratch {
    q: Vec<f32>,
    /// Q rows as bf16 pairs, for the `vdpbf16ps` path.
    q_pairs: Vec<u32>,
    s: Vec<f32>,
    /// P rounded to bf16 pairs, for `ValueRows::Bf16Pairs`.
    p_pairs: Vec<u32>,
    o: Vec<f32>,
    m: Vec<f32>,
    l: Vec<f32>,
}

impl Scratch {
    pub fn new(ctx: &ForwardCtx) -> Scratch {
        let d = ctx.task.problem.dims;
        let bq = ctx.cfg.bq;
        Scratch {
            q: vec![0.0; bq * d.head_dim],
            q_pairs: vec![0; bq * d.head_dim.div_ceil(2)],
            s: vec![0.0; bq * ctx.cfg.bk],
            p_pairs: match ctx.values {
                ValueRows::Bf16Pairs(_) => vec![0; bq * ctx.cfg.bk / 2],
                ValueRows::F32(_) => Vec::new(),
            },
            o: vec![0.0; bq * ctx.dv_pad],
            m: vec![0.0; bq],
            l: vec![0.0; bq],
        }
    }
}

impl<'t> ForwardCtx<'t> {
    /// The context of a float forward: K packed as f32 panels, or as bf16 pairs where the
    /// inputs are bf16 and the CPU has `vdpbf16ps`.
    pub fn new(task: &'t ForwardTask, cfg: TileConfig) -> Self {
        let p = &task.problem;
        let d = p.dims;
        let flops = d.dense_forward_flops();
        let scores = if cfg.lanes == 16 && p.input_dtype == DType::BF16 && bf16dot::available() {
            ScoreInputs::Bf16(bf16dot::key_panels(
                &p.k, d.batch, d.heads_kv, d.seq_kv, d.head_dim, flops,
            ))
        } else {
            ScoreInputs::F32(pack::panels(
                &p.k,
                d.batch,
                d.heads_kv,
                d.seq_kv,
                d.head_dim,
                cfg.nr(),
                flops,
            ))
        };
        Self::with_scores(task, cfg, scores, false)
    }

    /// The context of a forward whose score operands are already packed; `bf16_values` packs a
    /// bf16 V as pairs for `vdpbf16ps` (P then rounded to bf16; the caller checked
    /// `bf16dot::available()` and V's dtype).
    pub fn with_scores(
        task: &'t ForwardTask,
        cfg: TileConfig,
        scores: ScoreInputs,
        bf16_values: bool,
    ) -> Self {
        let p = &task.problem;
        let d = p.dims;
        let dv_pad = round_up(d.head_dim_v, cfg.lanes);
        let flops = d.dense_forward_flops();
        let values = if bf16_values {
            ValueRows::Bf16Pairs(bf16dot::row_pair_panels(
                &p.v,
                d.batch,
                d.heads_kv,
                d.seq_kv,
                d.head_dim_v,
                cfg.nr(),
                dv_pad,
                flops,
            ))
        } else {
            ValueRows::F32(pack::rows(
                &p.v,
                d.batch,
                d.heads_kv,
                d.seq_kv,
                d.head_dim_v,
                cfg.nr(),
                dv_pad,
                flops,
            ))
        };
        ForwardCtx {
            task,
            cfg,
            scores,
            values,
            dv_pad,
        }
    }
}

/// Computes query tile `qt` of head (b, h).
///
/// # Safety
/// The CPU must support `S`'s ISA; `cfg` must match `S` and `MR`.
#[inline(always)]
pub(crate) unsafe fn forward_tile<S: Simd, const MR: usize>(
    ctx: &ForwardCtx,
    scr: &mut Scratch,
    b: usize,
    h: usize,
    qt: usize,
) {
    let t = ctx.task;
    let p = &t.problem;
    let d = p.dims;
    let (bq, bk, nr) = (ctx.cfg.bq, ctx.cfg.bk, 2 * S::LANES);
    let dv_pad = ctx.dv_pad;
    let i0 = qt * bq;
    let rows = bq.min(d.seq_q - i0);
    let rows_pad = round_up(rows, MR);
    let hk = d.kv_head_of(h);

    let pairs = d.head_dim.div_ceil(2);
    if let ScoreInputs::Bf16(_) = ctx.scores {
        // Q rows as raw bf16 pairs; the scale is applied to the f32 dot products.
        for r in 0..rows_pad {
            let dst = &mut scr.q_pairs[r * pairs..(r + 1) * pairs];
            if r < rows {
                bf16dot::read_pairs(&p.q, b, h, i0 + r, d.head_dim, dst);
            } else {
                dst.fill(0);
            }
        }
    }
    // Q rows, pre-multiplied by the scale.
    for r in (0..rows_pad).filter(|_| matches!(ctx.scores, ScoreInputs::F32(_))) {
        let dst = &mut scr.q[r * d.head_dim..(r + 1) * d.head_dim];
        if r < rows {
            pack::read_row(&p.q, b, h, i0 + r, d.head_dim, dst);
            dst.iter_mut().for_each(|x| *x *= p.scale);
        } else {
            dst.fill(0.0);
        }
    }
    scr.o[..rows_pad * dv_pad].fill(0.0);
    scr.m[..rows_pad].fill(f32::NEG_INFINITY);
    scr.l[..rows_pad].fill(0.0);

    // The band bounds which key tiles any row of this tile can see.
    let first = p.band.keys_of_row(i0, d.seq_kv).0;
    let last = p.band.keys_of_row(i0 + rows - 1, d.seq_kv).1;
    // Tiles start on a panel boundary and stop at the last key any row sees, so the band's edge
    // tiles compute few invisible columns.
    let mut j0 = first / nr * nr;
    while j0 < last {
        let keys = bk.min(last - j0);
        let class = p.classify_tile(b, h, i0..i0 + rows, j0..j0 + keys);
        if class == TileClass::Empty {
            j0 += bk;
            continue;
        }
        let n_panels = keys.div_ceil(nr);
        let cols = n_panels * nr;
        let s = scr.s.as_mut_ptr();
        match &ctx.scores {
            ScoreInputs::F32(k) => panels_product::<S, MR>(
                scr.q.as_ptr(),
                d.head_dim,
                rows_pad,
                k.head(b, hk).add(j0 * d.head_dim),
                n_panels,
                d.head_dim,
                s,
                bk,
            ),
            #[cfg(target_arch = "x86_64")]
            ScoreInputs::Bf16(k) => bf16dot::panels_product::<MR>(
                scr.q_pairs.as_ptr(),
                pairs,
                rows_pad,
                k.head(b, hk).add(j0 * pairs * 2),
                n_panels,
                pairs,
                p.scale,
                s,
                bk,
            ),
            #[cfg(target_arch = "x86_64")]
            ScoreInputs::Int8(ops) => int8dot::panels_product::<MR>(
                ops.q.head(b, h).add(i0 * ops.quads),
                ops.quads,
                rows_pad,
                ops.q_rows.as_ptr().add(ops.q_row(b, h) + i0),
                ops.k.head(b, hk).add(j0 * ops.quads * 4),
                n_panels,
                ops.k_scale.as_ptr().add(ops.k_row(b, hk) + j0),
                s,
                bk,
            ),
            #[cfg(not(target_arch = "x86_64"))]
            ScoreInputs::Bf16(_) | ScoreInputs::Int8(_) => {
                unreachable!("bf16 and int8 panels are only packed on x86_64")
            }
        }
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
        finish_logits::<S>(p, at, class, s, None);
        online_softmax::<S>(scr, rows, rows_pad, cols, bk, dv_pad);
        match &ctx.values {
            ValueRows::F32(v) => matmul_accumulate::<S, MR>(
                s,
                (bk, 1),
                rows_pad,
                v.head(b, hk).add(j0 * dv_pad),
                dv_pad,
                cols,
                dv_pad,
                scr.o.as_mut_ptr(),
                dv_pad,
            ),
            #[cfg(target_arch = "x86_64")]
            ValueRows::Bf16Pairs(v) => {
                let p = scr.p_pairs.as_mut_ptr();
                bf16dot::round_pairs(s, bk, rows_pad, cols, p, bk / 2);
                bf16dot::pairs_accumulate::<MR>(
                    p,
                    bk / 2,
                    rows_pad,
                    v.head(b, hk).add(j0 / 2 * dv_pad),
                    dv_pad,
                    cols / 2,
                    scr.o.as_mut_ptr(),
                    dv_pad,
                    dv_pad,
                );
            }
            #[cfg(not(target_arch = "x86_64"))]
            ValueRows::Bf16Pairs(_) => unreachable!("bf16 pairs are only packed on x86_64"),
        }
        j0 += bk;
    }
    write_rows(ctx, scr, b, h, i0, rows);
}

/// Updates the running max and sum of each row with a tile of logits, turns the logits into
/// probabilities in place, and rescales the output rows. Padding rows get zero probabilities.
#[inline(always)]
unsafe fn online_softmax<S: Simd>(
    scr: &mut Scratch,
    rows: usize,
    rows_pad: usize,
    cols: usize,
    ld: usize,
    dv_pad: usize,
) {
    for r in 0..rows_pad {
        let row = scr.s.as_mut_ptr().add(r * ld);
        if r >= rows {
            std::slice::from_raw_parts_mut(row, cols).fill(0.0);
            continue;
        }
        let mut mx = S::splat(f32::NEG_INFINITY);
        for c in (0..cols).step_by(S::LANES) {
            mx = S::max(mx, S::load(row.add(c)));
        }
        let m_old = scr.m[r];
        let m_new = S::reduce_max(mx).max(m_old);
        if m_new == f32::NEG_INFINITY {
            // Nothing visible in this row yet.
            std::slice::from_raw_parts_mut(row, cols).fill(0.0);
            continue;
        }
        let mut sum = S::splat(0.0);
        for c in (0..cols).step_by(S::LANES) {
            let e = S::exp_minus(S::load(row.add(c)), m_new);
            S::store(row.add(c), e);
            sum = S::add(sum, e);
        }
        if m_old != m_new {
            let alpha = (m_old - m_new).exp();
            let av = S::splat(alpha);
            let o = scr.o.as_mut_ptr().add(r * dv_pad);
            for c in (0..dv_pad).step_by(S::LANES) {
                S::store(o.add(c), S::mul(av, S::load(o.add(c))));
            }
            scr.l[r] *= alpha;
        }
        scr.l[r] += S::reduce_add(sum);
        scr.m[r] = m_new;
    }
}

/// Normalises the finished rows (folding in the sink) and stores O and LSE.
fn write_rows(ctx: &ForwardCtx, scr: &Scratch, b: usize, h: usize, i0: usize, rows: usize) {
    let t = ctx.task;
    let p = &t.problem;
    let dv = p.dims.head_dim_v;
    let sink = p.sink(h);
    for r in 0..rows {
        let (mut m, mut l) = (scr.m[r], scr.l[r]);
        let mut o_scale = 1.0;
        if let Some(sk) = sink {
            // exp(sink) joins the denominator; it contributes nothing to O.
            let m_new = m.max(sk);
            let alpha = if m == f32::NEG_INFINITY {
                0.0
            } else {
                (m - m_new).exp()
            };
            l = l * alpha + (sk - m_new).exp();
            o_scale = alpha;
            m = m_new;
        }
        let (lse, inv) = if l > 0.0 {
            (m + l.ln(), o_scale / l)
        } else {
            (f32::NEG_INFINITY, 0.0)
        };
        let o = &scr.o[r * ctx.dv_pad..r * ctx.dv_pad + dv];
        for (c, &x) in o.iter().enumerate() {
            t.out.set(b, h, i0 + r, c, x * inv);
        }
        if let Some(lse_view) = &t.lse {
            lse_view.set(b, h, i0 + r, 0, lse);
        }
    }
}

macro_rules! isa_entry {
    ($name:ident, $S:ty, $MR:expr $(, $feat:literal)?) => {
        $(#[target_feature(enable = $feat)])?
        unsafe fn $name(ctx: &ForwardCtx, scr: &mut Scratch, b: usize, h: usize, qt: usize) {
            forward_tile::<$S, { $MR }>(ctx, scr, b, h, qt)
        }
    };
}

#[cfg(target_arch = "x86_64")]
isa_entry!(tile_avx512, super::simd::Avx512, 8, "avx512f");
#[cfg(target_arch = "x86_64")]
isa_entry!(tile_avx2, super::simd::Avx2, 6, "avx2,fma");
isa_entry!(tile_portable, super::simd::Portable, 4);

/// Runs a validated host forward on the CPU.
pub(crate) fn run(task: &ForwardTask, isa: super::simd::Isa) {
    let cfg = TileConfig::forward(isa, &task.problem.dims);
    run_ctx(&ForwardCtx::new(task, cfg), isa);
}

/// Runs a validated host forward whose Q and K are `ops` (the task's own Q and K views are
/// shape proxies, never read). Needs AVX512-VNNI (`int8dot::available()`). `bf16_values`: P·V
/// with P rounded to bf16 where V is bf16 and the CPU has `vdpbf16ps`; returns whether it did.
pub(crate) fn run_int8(task: &ForwardTask, ops: Int8Operands, bf16_values: bool) -> bool {
    let isa = super::simd::Isa::Avx512;
    let cfg = TileConfig::forward(isa, &task.problem.dims);
    assert!(int8dot::available() && ops.rows_pad.is_multiple_of(cfg.bq));
    let bf16_values = bf16_values && task.problem.v.dtype == DType::BF16 && bf16dot::available();
    run_ctx(
        &ForwardCtx::with_scores(task, cfg, ScoreInputs::Int8(Box::new(ops)), bf16_values),
        isa,
    );
    bf16_values
}

fn run_ctx(ctx: &ForwardCtx, isa: super::simd::Isa) {
    let d = ctx.task.problem.dims;
    let n_qt = d.seq_q.div_ceil(ctx.cfg.bq);
    let tile: unsafe fn(&ForwardCtx, &mut Scratch, usize, usize, usize) = match isa {
        #[cfg(target_arch = "x86_64")]
        super::simd::Isa::Avx512 => tile_avx512,
        #[cfg(target_arch = "x86_64")]
        super::simd::Isa::Avx2Fma => tile_avx2,
        _ => tile_portable,
    };
    for_each_task(
        d.batch * d.heads_q * n_qt,
        d.dense_forward_flops(),
        || Scratch::new(ctx),
        |scr, n| {
            let (bh, qt) = (n / n_qt, n % n_qt);
            // SAFETY: `isa` was detected on this CPU and `cfg` was made for it.
            unsafe { tile(ctx, scr, bh / d.heads_q, bh % d.heads_q, qt) }
        },
    );
}
