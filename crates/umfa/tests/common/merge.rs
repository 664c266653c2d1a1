//! Merge cases for any backend: random parts in every dtype and layout, rows masked in some or
//! all parts, poisoned outputs, and the comparison with the f64 reference. Each runner takes a
//! `&dyn Backend` and goes through its `merge_host` / `merge_backward_host`, so the CUDA suite
//! runs the same cases as the CPU one.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::StandardNormal;
use umfa::check::{qkv_layout, unit_roundoff, Buffer, Errors, QkvLayout};
use umfa::merge::reference::{self, RefPart};
use umfa::merge::{validate, MergeDims};
use umfa::{
    Backend, DType, Layout, MergeBackwardInputs, MergeOutputs, MergePart, MergePartGrads, Result,
};

/// How the tensors of a case are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeLayout {
    /// `O` `[B,H,S,D]` and `LSE` `[B,H,S]` contiguous.
    Contiguous,
    /// `O` stored `[B,S,H,D]`, `LSE` stored `[B,S,H]` (FlashAttention's layouts).
    Bshd,
    /// Padded rows and heads (`check::QkvLayout::Padded`), LSE rows 2 apart.
    Padded,
    /// `O` stored `[S,B,H,2·D]` using every other element of the head dim, `LSE` stored
    /// `[S,H,B]`: nothing contiguous anywhere.
    Scattered,
}

/// Which rows have LSE = -inf (their `O` rows are filled with NaN: they must not be read).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Masking {
    None,
    /// Each (row, part) is masked with probability 1/4; some rows thus in every part.
    Random,
    /// Every row of part 0 is masked.
    FirstPartEmpty,
    /// Every row of every part: the merge saw no key at all.
    AllEmpty,
}

/// One merge case.
#[derive(Clone, Debug)]
pub struct MergeCase {
    pub dims: MergeDims,
    /// The dtype of each part's `O`; the number of parts is their count.
    pub parts: Vec<DType>,
    /// The dtype of the merged `O` (and of the backward's `dO`).
    pub out_dtype: DType,
    pub layout: MergeLayout,
    pub masking: Masking,
    /// Spread of the parts' LSEs (uniform in ±spread): wide spreads give weights near 0 and 1.
    pub lse_spread: f32,
}

impl MergeCase {
    pub fn new(dims: MergeDims, parts: Vec<DType>, out_dtype: DType) -> MergeCase {
        MergeCase {
            dims,
            parts,
            out_dtype,
            layout: MergeLayout::Contiguous,
            masking: Masking::None,
            lse_spread: 4.0,
        }
    }

    pub fn label(&self) -> String {
        let d = self.dims;
        let parts: Vec<String> = self.parts.iter().map(|t| t.to_string()).collect();
        format!(
            "b{} h{} s{} d{} parts[{}]->{} {:?} {:?} spread{}",
            d.batch,
            d.heads,
            d.seq,
            d.head_dim,
            parts.join(","),
            self.out_dtype,
            self.layout,
            self.masking,
            self.lse_spread
        )
        .to_lowercase()
    }
}

pub fn dims(batch: usize, heads: usize, seq: usize, head_dim: usize) -> MergeDims {
    MergeDims {
        batch,
        heads,
        seq,
        head_dim,
    }
}

/// The layout of an `O`-shaped tensor.
pub fn o_layout(layout: MergeLayout, d: &MergeDims) -> Layout {
    let (b, h, s, dv) = (d.batch, d.heads, d.seq, d.head_dim);
    match layout {
        MergeLayout::Contiguous => qkv_layout(QkvLayout::Bhsd, b, h, s, dv),
        MergeLayout::Bshd => qkv_layout(QkvLayout::Bshd, b, h, s, dv),
        MergeLayout::Padded => qkv_layout(QkvLayout::Padded, b, h, s, dv),
        MergeLayout::Scattered => {
            // Stored [S, B, H, 2·D]: the head dim every other element.
            let (b_, h_, d_) = (b as isize, h as isize, dv as isize);
            let col = 2;
            let head = col * d_;
            Layout::strided(&[b, h, s, dv], &[h_ * head, head, b_ * h_ * head, col]).expect("4-D")
        }
    }
}

/// The layout of an `LSE`-shaped tensor.
pub fn lse_layout(layout: MergeLayout, d: &MergeDims) -> Layout {
    let (b, h, s) = (d.batch as isize, d.heads as isize, d.seq as isize);
    let shape = [d.batch, d.heads, d.seq];
    let strides = match layout {
        MergeLayout::Contiguous => [h * s, s, 1],
        MergeLayout::Bshd => [s * h, 1, h],
        MergeLayout::Padded => [h * (2 * s + 1), 2 * s + 1, 2],
        MergeLayout::Scattered => [1, b, b * h],
    };
    Layout::strided(&shape, &strides).expect("3-D")
}

fn normal(rng: &mut StdRng) -> f32 {
    rng.sample::<f32, _>(StandardNormal)
}

/// The generated parts of a case: buffers (poison outside the views) and their f64 values as
/// the reference reads them (masked rows' `O` is NaN in the buffer, 0 here: never read).
pub struct MergeData {
    pub outs: Vec<Buffer>,
    pub lses: Vec<Buffer>,
    pub reference: Vec<RefPart>,
}

impl MergeData {
    pub fn generate(case: &MergeCase, seed: u64) -> MergeData {
        let mut rng = StdRng::seed_from_u64(seed);
        let d = case.dims;
        let (rows, dv) = (d.rows(), d.head_dim);
        let n = case.parts.len();
        // masked[row][part]
        let masked: Vec<Vec<bool>> = (0..rows)
            .map(|_| {
                (0..n)
                    .map(|p| match case.masking {
                        Masking::None => false,
                        Masking::Random => rng.random_bool(0.25),
                        Masking::FirstPartEmpty => p == 0,
                        Masking::AllEmpty => true,
                    })
                    .collect()
            })
            .collect();
        let mut outs = Vec::new();
        let mut lses = Vec::new();
        let mut reference = Vec::new();
        for (p, &dtype) in case.parts.iter().enumerate() {
            let mut o = Buffer::poisoned(dtype, o_layout(case.layout, &d));
            let mut l = Buffer::poisoned(DType::F32, lse_layout(case.layout, &d));
            let mut k = 0;
            o.fill(|| {
                let row = k / dv;
                k += 1;
                if masked[row][p] {
                    f32::NAN
                } else {
                    normal(&mut rng)
                }
            });
            let mut row = 0;
            l.fill(|| {
                let x = if masked[row][p] {
                    f32::NEG_INFINITY
                } else {
                    rng.random_range(-case.lse_spread..=case.lse_spread)
                };
                row += 1;
                x
            });
            let mut out = o.values();
            for (r, m) in masked.iter().enumerate() {
                if m[p] {
                    out[r * dv..(r + 1) * dv].fill(0.0);
                }
            }
            reference.push(RefPart {
                out,
                lse: l.values(),
            });
            outs.push(o);
            lses.push(l);
        }
        MergeData {
            outs,
            lses,
            reference,
        }
    }

    pub fn parts(&self) -> Vec<MergePart<'_>> {
        self.outs
            .iter()
            .zip(&self.lses)
            .map(|(o, l)| MergePart {
                out: o.view(),
                lse: l.view(),
            })
            .collect()
    }
}

/// Forward tolerance (relative L2): the output's rounding plus f32 arithmetic.
pub fn merge_tolerance(out_dtype: DType) -> f64 {
    unit_roundoff(out_dtype) + 1e-5
}

/// LSE tolerance, relative to max(RMS |LSE|, 1): f32 `max + ln(sum)`.
pub const LSE_TOLERANCE: f64 = 2e-6;

/// The outcome of one case.
#[derive(Debug)]
pub struct MergeReport {
    pub label: String,
    pub out: Errors,
    pub lse: Errors,
    /// Per part: `dO_n` and `dLSE_n` (backward cases).
    pub grads: Vec<(String, Errors)>,
    /// Rows the reference gives `O = 0` whose output is not exactly 0.
    pub empty_rows_not_zero: usize,
    pub stray_writes: usize,
    pub error: Option<String>,
}

impl MergeReport {
    fn new(case: &MergeCase) -> MergeReport {
        MergeReport {
            label: case.label(),
            out: Errors::default(),
            lse: Errors::default(),
            grads: Vec::new(),
            empty_rows_not_zero: 0,
            stray_writes: 0,
            error: None,
        }
    }

    pub fn passed(&self) -> bool {
        self.error.is_none()
            && self.stray_writes == 0
            && self.empty_rows_not_zero == 0
            && self.out.passed()
            && self.lse.passed()
            && self.grads.iter().all(|(_, e)| e.passed())
    }
}

/// Rows whose reference LSE is -inf but whose values are not all exactly 0.
fn empty_rows_not_zero(values: &[f64], ref_lse: &[f64], dv: usize) -> usize {
    ref_lse
        .iter()
        .enumerate()
        .filter(|(r, l)| {
            **l == f64::NEG_INFINITY && values[r * dv..(r + 1) * dv].iter().any(|&x| x != 0.0)
        })
        .count()
}

/// Runs the forward merge of `case` on `be` and compares with the reference.
pub fn run_merge_case(be: &dyn Backend, case: &MergeCase, seed: u64) -> MergeReport {
    let mut report = MergeReport::new(case);
    if let Err(e) = merge_inner(be, case, seed, &mut report) {
        report.error = Some(e.to_string());
    }
    report
}

fn merge_inner(
    be: &dyn Backend,
    case: &MergeCase,
    seed: u64,
    report: &mut MergeReport,
) -> Result<()> {
    let data = MergeData::generate(case, seed);
    let d = case.dims;
    let mut out = Buffer::poisoned(case.out_dtype, o_layout(case.layout, &d));
    let mut lse = Buffer::poisoned(DType::F32, lse_layout(case.layout, &d));
    let parts = data.parts();
    let task = validate::merge(
        &parts,
        &MergeOutputs {
            out: out.view_mut(),
            lse: Some(lse.view_mut()),
        },
    )?;
    be.merge_host(&task)?;
    let r = reference::merge(&d, &data.reference);
    let got = out.values();
    report.out = Errors::measure(&got, &r.out, merge_tolerance(case.out_dtype));
    report.lse = Errors::measure_lse(&lse.values(), &r.lse, LSE_TOLERANCE);
    report.empty_rows_not_zero = empty_rows_not_zero(&got, &r.lse, d.head_dim);
    report.stray_writes = out.writes_outside_view() + lse.writes_outside_view();
    Ok(())
}

/// Runs `merge_into` of `case`: the first part is the accumulator (in `out_dtype`, LSE in
/// place), the second the part added; compared with the reference merge of the two.
pub fn run_merge_into_case(be: &dyn Backend, case: &MergeCase, seed: u64) -> MergeReport {
    assert_eq!(
        case.parts.len(),
        2,
        "merge_into cases have an accumulator and a part"
    );
    let mut report = MergeReport::new(case);
    let run = || -> Result<MergeReport> {
        let mut c = case.clone();
        c.parts[0] = case.out_dtype;
        let mut data = MergeData::generate(&c, seed);
        let d = c.dims;
        let (acc_l, part_l) = data.lses.split_at_mut(1);
        let (acc_o, part_o) = data.outs.split_at_mut(1);
        let part = MergePart {
            out: part_o[0].view(),
            lse: part_l[0].view(),
        };
        let task = validate::merge_into(&acc_o[0].view_mut(), &acc_l[0].view_mut(), &part)?;
        be.merge_host(&task)?;
        let r = reference::merge(&d, &data.reference);
        let got = data.outs[0].values();
        let mut rep = MergeReport::new(&c);
        rep.out = Errors::measure(&got, &r.out, merge_tolerance(c.out_dtype));
        rep.lse = Errors::measure_lse(&data.lses[0].values(), &r.lse, LSE_TOLERANCE);
        rep.empty_rows_not_zero = empty_rows_not_zero(&got, &r.lse, d.head_dim);
        rep.stray_writes = data.outs[0].writes_outside_view() + data.lses[0].writes_outside_view();
        Ok(rep)
    };
    match run() {
        Ok(r) => r,
        Err(e) => {
            report.error = Some(e.to_string());
            report
        }
    }
}

/// Backward tolerance for `dO_n` (relative L2): its rounding plus f32.
pub fn d_out_tolerance(dtype: DType) -> f64 {
    unit_roundoff(dtype) + 1e-5
}

/// Backward tolerance for `dLSE_n`, relative to the size of its terms (see
/// `RefPartGrads::d_lse_magnitude`): f32 dot products over the head dim (the CPU measured
/// at most 2e-7).
pub const D_LSE_TOLERANCE: f64 = 4e-6;

/// Runs the backward merge of `case` on `be` (with a `dLSE` when `with_d_lse`), gradients in
/// each part's own dtype, and compares with the reference.
pub fn run_merge_backward_case(
    be: &dyn Backend,
    case: &MergeCase,
    with_d_lse: bool,
    seed: u64,
) -> MergeReport {
    let mut report = MergeReport::new(case);
    report.label += if with_d_lse { " +bwd(dlse)" } else { " +bwd" };
    if let Err(e) = backward_inner(be, case, with_d_lse, seed, &mut report) {
        report.error = Some(e.to_string());
    }
    report
}

fn backward_inner(
    be: &dyn Backend,
    case: &MergeCase,
    with_d_lse: bool,
    seed: u64,
    report: &mut MergeReport,
) -> Result<()> {
    let data = MergeData::generate(case, seed);
    let d = case.dims;
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed);
    let mut d_out = Buffer::poisoned(case.out_dtype, o_layout(case.layout, &d));
    d_out.fill(|| normal(&mut rng));
    let d_lse = with_d_lse.then(|| {
        let mut b = Buffer::poisoned(DType::F32, lse_layout(case.layout, &d));
        b.fill(|| normal(&mut rng));
        b
    });
    let mut g_out: Vec<Buffer> = case
        .parts
        .iter()
        .map(|&t| Buffer::poisoned(t, o_layout(case.layout, &d)))
        .collect();
    let mut g_lse: Vec<Buffer> = case
        .parts
        .iter()
        .map(|_| Buffer::poisoned(DType::F32, lse_layout(case.layout, &d)))
        .collect();
    let parts = data.parts();
    let grads: Vec<MergePartGrads> = g_out
        .iter_mut()
        .zip(g_lse.iter_mut())
        .map(|(o, l)| MergePartGrads {
            d_out: Some(o.view_mut()),
            d_lse: Some(l.view_mut()),
        })
        .collect();
    let inputs = MergeBackwardInputs {
        d_out: d_out.view(),
        d_lse: d_lse.as_ref().map(|b| b.view()),
    };
    let task = validate::merge_backward(&parts, &inputs, &grads)?;
    be.merge_backward_host(&task)?;
    drop(grads);
    let dl = d_lse.as_ref().map(|b| b.values());
    let r = reference::merge_backward(&d, &data.reference, &d_out.values(), dl.as_deref());
    for (n, ((go, gl), rg)) in g_out.iter().zip(&g_lse).zip(&r).enumerate() {
        report.grads.push((
            format!("d_out[{n}]"),
            Errors::measure(&go.values(), &rg.d_out, d_out_tolerance(case.parts[n])),
        ));
        report.grads.push((
            format!("d_lse[{n}]"),
            Errors::measure_gradient(
                &gl.values(),
                &rg.d_lse,
                &rg.d_lse_magnitude,
                D_LSE_TOLERANCE,
            ),
        ));
        report.stray_writes += go.writes_outside_view() + gl.writes_outside_view();
    }
    Ok(())
}

/// Asserts that `report` passed, printing what failed.
pub fn assert_merge_passes(report: &MergeReport, seed: u64) {
    assert!(
        report.passed(),
        "merge case {} (seed {seed}) failed: out {:?} lse {:?} grads {:?} empty rows not zero {} stray {} error {:?}",
        report.label,
        report.out,
        report.lse,
        report.grads,
        report.empty_rows_not_zero,
        report.stray_writes,
        report.error
    );
}

/// The sweep every backend runs: every dtype (parts mixed), N = 1..4, every layout and masking,
/// odd sizes, wide LSE spreads.
pub fn merge_sweep() -> Vec<MergeCase> {
    use DType::*;
    let mut v = Vec::new();
    let layouts = [
        MergeLayout::Contiguous,
        MergeLayout::Bshd,
        MergeLayout::Padded,
        MergeLayout::Scattered,
    ];
    let maskings = [
        Masking::None,
        Masking::Random,
        Masking::FirstPartEmpty,
        Masking::AllEmpty,
    ];
    let dtype_sets: [&[DType]; 4] = [
        &[F32],
        &[BF16, BF16],
        &[F16, F32, BF16],
        &[BF16, F16, F16, F32],
    ];
    for (i, parts) in dtype_sets.iter().enumerate() {
        for (j, &out_dtype) in [F32, BF16, F16].iter().enumerate() {
            let mut c = MergeCase::new(dims(2, 3, 17 + i, 40 + 24 * j), parts.to_vec(), out_dtype);
            c.layout = layouts[(2 * i + j) % 4];
            c.masking = maskings[(i + j) % 4];
            v.push(c);
        }
    }
    // Every layout with random masking; head dims 1 and 512; a wide spread (weights 1e-13).
    for (k, &layout) in layouts.iter().enumerate() {
        let mut c = MergeCase::new(
            dims(1, 2, 33, [1, 64, 128, 512][k]),
            vec![BF16, F32, F16],
            BF16,
        );
        c.layout = layout;
        c.masking = Masking::Random;
        c.lse_spread = 30.0;
        v.push(c);
    }
    // Decode-sized: one query row, many heads.
    let mut c = MergeCase::new(dims(4, 16, 1, 128), vec![F32; 4], F32);
    c.masking = Masking::Random;
    v.push(c);
    v
}

/// The ring-attention identity on `be`: attention over all keys equals the merge of attention
/// over `chunks` consecutive blocks of the keys (each block's part computed by `be`'s forward,
/// in the inputs' dtype, with its LSE), merged into `out_dtype`. With `causal`, the full
/// attention is bottom-right causal and the block of keys `[a, a + len)` keeps exactly the keys
/// the full mask shows it — a window whose right edge is `Sk − len − a` — so the first query
/// rows of later blocks see no key (LSE -inf), as in a causal ring. Compared with the f64
/// reference of the full attention.
pub fn run_ring_identity(
    be: &dyn Backend,
    dims_: umfa::Dims,
    dtype: DType,
    out_dtype: DType,
    chunks: usize,
    causal: bool,
    seed: u64,
) -> MergeReport {
    use umfa::check::{Case, CaseData};
    use umfa::{Attention, CausalAlign, Device, ForwardOutputs, TensorRef, Window};
    let md = dims(dims_.batch, dims_.heads_q, dims_.seq_q, dims_.head_dim_v);
    let mut report = MergeReport::new(&MergeCase::new(md, vec![dtype; chunks], out_dtype));
    report.label = format!(
        "ring identity b{} h{}/{} q{} k{} d{}/{} {dtype}->{out_dtype} chunks {chunks}{}",
        dims_.batch,
        dims_.heads_q,
        dims_.heads_kv,
        dims_.seq_q,
        dims_.seq_kv,
        dims_.head_dim,
        dims_.head_dim_v,
        if causal { " causal" } else { "" }
    );
    let run = || -> Result<(Errors, Errors, usize, usize)> {
        let mut case = Case::dense(dims_, dtype);
        case.causal = causal.then_some(CausalAlign::BottomRight);
        let data = CaseData::generate(&case, seed);
        let full = data.attention(&case)?;
        let r = umfa::reference::forward(&umfa::validate::problem(&full)?);
        // A view of rows [a, a + len) of a [B, H, S, D] buffer.
        let rows = |buf: &Buffer, a: usize, len: usize| -> Result<TensorRef<'_>> {
            let t = buf.view();
            let (mut shape, strides) = (t.shape().to_vec(), t.strides().to_vec());
            shape[2] = len;
            let skip = a as isize * strides[2] * t.dtype().size_bytes() as isize;
            // SAFETY: rows a.. of the buffer's view lie inside it, `skip` bytes from its start.
            Ok(unsafe {
                TensorRef::from_raw(
                    t.ptr().offset(skip),
                    t.len_bytes() - skip as usize,
                    Device::Cpu,
                    t.dtype(),
                    Layout::strided(&shape, &strides)?,
                )
            })
        };
        let sk = dims_.seq_kv;
        let mut outs = Vec::new();
        let mut lses = Vec::new();
        for c in 0..chunks {
            let (a, end) = (c * sk / chunks, (c + 1) * sk / chunks);
            let len = end - a;
            let mut attn = Attention::new(
                data.q.view(),
                rows(&data.k, a, len)?,
                rows(&data.v, a, len)?,
            );
            if causal {
                attn = attn.window(Window {
                    left: None,
                    right: Some(sk - len - a),
                });
            }
            let mut o = Buffer::poisoned(dtype, o_layout(MergeLayout::Contiguous, &md));
            let mut l = Buffer::poisoned(DType::F32, lse_layout(MergeLayout::Contiguous, &md));
            be.forward_host(
                &attn,
                &mut ForwardOutputs {
                    out: o.view_mut(),
                    lse: Some(l.view_mut()),
                },
            )?;
            outs.push(o);
            lses.push(l);
        }
        let parts: Vec<MergePart> = outs
            .iter()
            .zip(&lses)
            .map(|(o, l)| MergePart {
                out: o.view(),
                lse: l.view(),
            })
            .collect();
        let mut out = Buffer::poisoned(out_dtype, o_layout(MergeLayout::Padded, &md));
        let mut lse = Buffer::poisoned(DType::F32, lse_layout(MergeLayout::Padded, &md));
        let task = validate::merge(
            &parts,
            &MergeOutputs {
                out: out.view_mut(),
                lse: Some(lse.view_mut()),
            },
        )?;
        be.merge_host(&task)?;
        // The parts' rounding to `dtype`, the merged output's to `out_dtype`, and f32.
        let tol = unit_roundoff(dtype) + unit_roundoff(out_dtype) + 2e-5;
        let got = out.values();
        Ok((
            Errors::measure(&got, &r.out, tol),
            Errors::measure_lse(&lse.values(), &r.lse, 2.0 * LSE_TOLERANCE),
            empty_rows_not_zero(&got, &r.lse, md.head_dim),
            out.writes_outside_view() + lse.writes_outside_view(),
        ))
    };
    match run() {
        Ok((o, l, empty, stray)) => {
            report.out = o;
            report.lse = l;
            report.empty_rows_not_zero = empty;
            report.stray_writes = stray;
        }
        Err(e) => report.error = Some(e.to_string()),
    }
    report
}
