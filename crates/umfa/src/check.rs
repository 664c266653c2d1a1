//! Accuracy checking against the f64 reference: random cases (shapes, dtypes, layouts, masks,
//! options), their input data, and error measures with tolerances stated per dtype. Used by the
//! test suites of every backend and by `umfa check`.

use crate::backend::Backend;
use crate::dtype::{store_f32, DType};
use crate::error::Result;
use crate::params::{
    Attention, AttentionParams, BackwardInputs, BlockMask, CausalAlign, ForwardOutputs, Gradients,
    Mask, MaskKind, Window,
};
use crate::problem::Dims;
use crate::reference;
use crate::tensor::{Device, Layout, TensorMut, TensorRef};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::StandardNormal;

/// How Q, K, V, O (and their gradients) are laid out in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QkvLayout {
    /// `[B, H, S, D]` contiguous.
    Bhsd,
    /// `[B, S, H, D]` contiguous (FlashAttention's layout).
    Bshd,
    /// `[B, H, S, D]` with gaps: rows padded by 3 elements, heads by one extra row.
    Padded,
}

/// Which dimensions an element mask has (the rest broadcast).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaskShape {
    /// `[B, H, Sq, Sk]`.
    Full,
    /// `[Sq, Sk]`, shared by every batch and head.
    QueryKey,
    /// `[B, 1, 1, Sk]`: key padding.
    KeyPadding,
    /// `[H, Sq, Sk]` (3-D, right-aligned).
    PerHead,
}

/// An element mask to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaskSpec {
    pub kind: MaskKind,
    pub dtype: DType,
    pub shape: MaskShape,
}

/// One accuracy case.
#[derive(Clone, Debug)]
pub struct Case {
    pub dims: Dims,
    pub dtype: DType,
    pub out_dtype: DType,
    pub layout: QkvLayout,
    pub scale: Option<f32>,
    pub causal: Option<CausalAlign>,
    pub window: Option<Window>,
    pub softcap: Option<f32>,
    pub alibi: bool,
    pub sinks: bool,
    pub mask: Option<MaskSpec>,
    /// Block mask with `(block_q, block_k)`, classes drawn at random.
    pub block_mask: Option<(usize, usize)>,
    pub backward: bool,
    /// The backward also gets a random upstream gradient of the LSE (`BackwardInputs::d_lse`),
    /// laid out like the case's Q/K/V (strided, poisoned between rows).
    pub d_lse: bool,
    /// Backward in the deterministic mode (the default); `false` lets a backend take its fast
    /// mode (the CUDA backend's atomic dQ).
    pub deterministic: bool,
}

impl Case {
    /// Plain attention of `dims` in `dtype`, BHSD, forward only.
    pub fn dense(dims: Dims, dtype: DType) -> Case {
        Case {
            dims,
            dtype,
            out_dtype: dtype,
            layout: QkvLayout::Bhsd,
            scale: None,
            causal: None,
            window: None,
            softcap: None,
            alibi: false,
            sinks: false,
            mask: None,
            block_mask: None,
            backward: false,
            d_lse: false,
            deterministic: true,
        }
    }

    /// A short description: `b2 h4/2 q33 k40 d64/32 bf16->f32 bshd causal-br mask(bool,u8,Full)`.
    pub fn label(&self) -> String {
        let d = self.dims;
        let mut s = format!(
            "b{} h{}/{} q{} k{} d{}/{} {}->{} {:?}",
            d.batch,
            d.heads_q,
            d.heads_kv,
            d.seq_q,
            d.seq_kv,
            d.head_dim,
            d.head_dim_v,
            self.dtype,
            self.out_dtype,
            self.layout
        )
        .to_lowercase();
        if let Some(c) = self.causal {
            s += match c {
                CausalAlign::TopLeft => " causal-tl",
                CausalAlign::BottomRight => " causal-br",
            };
        }
        if let Some(w) = self.window {
            s += &format!(" window({:?},{:?})", w.left, w.right);
        }
        if let Some(c) = self.softcap {
            s += &format!(" softcap{c}");
        }
        if self.alibi {
            s += " alibi";
        }
        if self.sinks {
            s += " sinks";
        }
        if let Some(m) = self.mask {
            s += &format!(" mask({:?},{},{:?})", m.kind, m.dtype, m.shape).to_lowercase();
        }
        if let Some((bq, bk)) = self.block_mask {
            s += &format!(" blocks{bq}x{bk}");
        }
        if self.backward {
            s += " +bwd";
            if !self.deterministic {
                s += "(fast)";
            }
            if self.d_lse {
                s += " +dlse";
            }
        }
        s
    }
}

/// A host buffer with a strided view; the bytes beyond the view are poison (NaN for floats).
#[derive(Clone, Debug)]
pub struct Buffer {
    words: Vec<u64>,
    pub dtype: DType,
    pub layout: Layout,
}

fn poison_word(dtype: DType) -> u64 {
    match dtype {
        DType::F32 => 0x7fc0_0001_7fc0_0001,
        DType::F16 => 0x7e01_7e01_7e01_7e01,
        DType::BF16 => 0x7fc1_7fc1_7fc1_7fc1,
        DType::U8 => 0xa5a5_a5a5_a5a5_a5a5,
    }
}

impl Buffer {
    /// A buffer for `layout`, every byte poisoned.
    pub fn poisoned(dtype: DType, layout: Layout) -> Buffer {
        let (_, hi) = layout.offset_range().unwrap_or((0, 0));
        let bytes = (hi as usize + 1) * dtype.size_bytes();
        Buffer {
            words: vec![poison_word(dtype); bytes.div_ceil(8)],
            dtype,
            layout,
        }
    }

    fn ptr(&self) -> *const u8 {
        self.words.as_ptr() as *const u8
    }

    fn len_bytes(&self) -> usize {
        self.words.len() * 8
    }

    pub fn view(&self) -> TensorRef<'_> {
        // SAFETY: the buffer owns `len_bytes` bytes for as long as the view borrows it.
        unsafe {
            TensorRef::from_raw(
                self.ptr(),
                self.len_bytes(),
                Device::Cpu,
                self.dtype,
                self.layout,
            )
        }
    }

    pub fn view_mut(&mut self) -> TensorMut<'_> {
        let len = self.len_bytes();
        // SAFETY: as `view`, exclusively borrowed.
        unsafe {
            TensorMut::from_raw(
                self.words.as_mut_ptr() as *mut u8,
                len,
                Device::Cpu,
                self.dtype,
                self.layout,
            )
        }
    }

    /// Visits every element of the view in row-major order with its offset.
    fn for_each_offset(&self, mut f: impl FnMut(isize)) {
        let sh = self.layout.shape();
        let st = self.layout.strides();
        let n = sh.len();
        let mut idx = vec![0usize; n];
        for _ in 0..self.layout.numel() {
            f((0..n).map(|d| idx[d] as isize * st[d]).sum());
            for d in (0..n).rev() {
                idx[d] += 1;
                if idx[d] < sh[d] {
                    break;
                }
                idx[d] = 0;
            }
        }
    }

    /// Fills the view's elements from `f` (called in row-major order).
    pub fn fill(&mut self, mut f: impl FnMut() -> f32) {
        let (ptr, dtype) = (self.words.as_mut_ptr() as *mut u8, self.dtype);
        self.clone()
            .for_each_offset(|off| store_f32(ptr, dtype, off, f()));
    }

    /// The view's elements as f64, row-major.
    pub fn values(&self) -> Vec<f64> {
        let mut v = Vec::with_capacity(self.layout.numel());
        self.for_each_offset(|off| {
            v.push(crate::dtype::load_f32(self.ptr(), self.dtype, off) as f64)
        });
        v
    }

    /// Number of bytes outside the view that no longer hold the poison pattern.
    pub fn writes_outside_view(&self) -> usize {
        let size = self.dtype.size_bytes();
        let mut inside = vec![false; self.len_bytes() / size];
        self.for_each_offset(|off| inside[off as usize] = true);
        let poison = poison_word(self.dtype).to_le_bytes();
        let bytes = unsafe { std::slice::from_raw_parts(self.ptr(), self.len_bytes()) };
        inside
            .iter()
            .enumerate()
            .filter(|(i, &ins)| {
                !ins && bytes[i * size..(i + 1) * size]
                    != poison[(i * size) % 8..(i * size) % 8 + size]
            })
            .count()
    }
}

/// The layout of a `[B, H, S, D]` operand in `layout`.
pub fn qkv_layout(layout: QkvLayout, b: usize, h: usize, s: usize, d: usize) -> Layout {
    let (b_, h_, s_, d_) = (b as isize, h as isize, s as isize, d as isize);
    let strides = match layout {
        QkvLayout::Bhsd => [h_ * s_ * d_, s_ * d_, d_, 1],
        QkvLayout::Bshd => [s_ * h_ * d_, d_, h_ * d_, 1],
        QkvLayout::Padded => {
            let row = d_ + 3;
            let head = (s_ + 1) * row;
            [h_ * head + 5, head, row, 1]
        }
    };
    let _ = b_;
    Layout::strided(&[b, h, s, d], &strides).expect("4-D")
}

/// The layout of a `[B, H, S]` per-row operand (LSE, dLSE) in `layout`: `[B, S, H]` storage for
/// BSHD, gaps between heads and batches for `Padded`.
pub fn rows_layout(layout: QkvLayout, b: usize, h: usize, s: usize) -> Layout {
    let (h_, s_) = (h as isize, s as isize);
    let strides = match layout {
        QkvLayout::Bhsd => [h_ * s_, s_, 1],
        QkvLayout::Bshd => [s_ * h_, 1, h_],
        QkvLayout::Padded => [h_ * (s_ + 2) + 1, s_ + 2, 1],
    };
    Layout::strided(&[b, h, s], &strides).expect("3-D")
}

/// Generated inputs of a case.
pub struct CaseData {
    pub q: Buffer,
    pub k: Buffer,
    pub v: Buffer,
    pub d_out: Buffer,
    /// f32 `[B, Hq, Sq]` when the case has `d_lse`.
    pub d_lse: Option<Buffer>,
    pub mask: Option<Buffer>,
    pub blocks: Option<Buffer>,
    pub alibi: Option<Vec<f32>>,
    pub sinks: Option<Vec<f32>>,
}

fn normal(rng: &mut StdRng) -> f32 {
    rng.sample::<f32, _>(StandardNormal)
}

impl CaseData {
    /// Fresh random inputs for `case` from `seed`.
    pub fn generate(case: &Case, seed: u64) -> CaseData {
        let mut rng = StdRng::seed_from_u64(seed);
        let d = case.dims;
        let make = |h: usize, s: usize, dim: usize, rng: &mut StdRng| {
            let mut buf = Buffer::poisoned(case.dtype, qkv_layout(case.layout, d.batch, h, s, dim));
            buf.fill(|| normal(rng));
            buf
        };
        let q = make(d.heads_q, d.seq_q, d.head_dim, &mut rng);
        let k = make(d.heads_kv, d.seq_kv, d.head_dim, &mut rng);
        let v = make(d.heads_kv, d.seq_kv, d.head_dim_v, &mut rng);
        let d_out = make(d.heads_q, d.seq_q, d.head_dim_v, &mut rng);
        let mask = case.mask.map(|m| {
            let shape: Vec<usize> = match m.shape {
                MaskShape::Full => vec![d.batch, d.heads_q, d.seq_q, d.seq_kv],
                MaskShape::QueryKey => vec![d.seq_q, d.seq_kv],
                MaskShape::KeyPadding => vec![d.batch, 1, 1, d.seq_kv],
                MaskShape::PerHead => vec![d.heads_q, d.seq_q, d.seq_kv],
            };
            let mut buf = Buffer::poisoned(m.dtype, Layout::contiguous(&shape).expect("<= 4-D"));
            // One query row (for key padding: one batch, when there are several) is fully masked
            // on purpose. The mask is filled a key vector (`seq_kv` values) at a time.
            let dead_unit: Box<dyn Fn(usize) -> bool> = if m.shape == MaskShape::KeyPadding {
                let dead_batch = (d.batch > 1).then(|| rng.random_range(0..d.batch));
                Box::new(move |batch| Some(batch) == dead_batch)
            } else {
                let dead_row = rng.random_range(0..d.seq_q);
                Box::new(move |unit| unit % d.seq_q == dead_row)
            };
            let mut n = 0usize;
            match m.kind {
                MaskKind::Bool => buf.fill(|| {
                    let dead = dead_unit(n / d.seq_kv);
                    n += 1;
                    let keep = !dead && rng.random_bool(0.7);
                    keep as u8 as f32
                }),
                MaskKind::Additive => buf.fill(|| {
                    let dead = dead_unit(n / d.seq_kv);
                    n += 1;
                    if dead || rng.random_bool(0.2) {
                        f32::NEG_INFINITY
                    } else {
                        normal(&mut rng)
                    }
                }),
            }
            buf
        });
        let blocks = case.block_mask.map(|(bq, bk)| {
            let shape = [
                d.batch,
                d.heads_q,
                d.seq_q.div_ceil(bq),
                d.seq_kv.div_ceil(bk),
            ];
            let mut buf = Buffer::poisoned(DType::U8, Layout::contiguous(&shape).expect("4-D"));
            buf.fill(|| rng.random_range(0..3u8) as f32);
            buf
        });
        let alibi = case.alibi.then(|| {
            (0..d.heads_q)
                .map(|h| 2f32.powf(-8.0 * (h + 1) as f32 / d.heads_q as f32))
                .collect()
        });
        let sinks = case
            .sinks
            .then(|| (0..d.heads_q).map(|_| normal(&mut rng)).collect());
        // Drawn last, so the other inputs of a seed are those of the same case without it.
        let d_lse = (case.backward && case.d_lse).then(|| {
            let layout = rows_layout(case.layout, d.batch, d.heads_q, d.seq_q);
            let mut buf = Buffer::poisoned(DType::F32, layout);
            buf.fill(|| normal(&mut rng));
            buf
        });
        CaseData {
            q,
            k,
            v,
            d_out,
            d_lse,
            mask,
            blocks,
            alibi,
            sinks,
        }
    }

    /// The attention problem over these inputs.
    pub fn attention(&self, case: &Case) -> Result<Attention<'_>> {
        let h = case.dims.heads_q;
        let params = AttentionParams {
            scale: case.scale,
            causal: case.causal,
            window: case.window,
            softcap: case.softcap,
            alibi_slopes: self
                .alibi
                .as_ref()
                .map(|a| TensorRef::new(a, &[h]))
                .transpose()?,
            sinks: self
                .sinks
                .as_ref()
                .map(|s| TensorRef::new(s, &[h]))
                .transpose()?,
            mask: self.mask.as_ref().map(|m| Mask {
                kind: case.mask.expect("mask spec").kind,
                tensor: m.view(),
            }),
            block_mask: self.blocks.as_ref().map(|b| {
                let (block_q, block_k) = case.block_mask.expect("block spec");
                BlockMask {
                    block_q,
                    block_k,
                    classes: b.view(),
                }
            }),
            dropout_p: 0.0,
            deterministic: case.deterministic,
        };
        Ok(Attention::new(self.q.view(), self.k.view(), self.v.view()).with_params(params))
    }
}

/// Unit roundoff of a dtype: the relative error of rounding to it.
pub fn unit_roundoff(dtype: DType) -> f64 {
    match dtype {
        DType::F32 => 2f64.powi(-24),
        DType::F16 => 2f64.powi(-11),
        DType::BF16 => 2f64.powi(-8),
        DType::U8 => 0.5,
    }
}

/// How far a result is from the reference.
#[derive(Clone, Copy, Debug, Default)]
pub struct Errors {
    /// `‖out − ref‖₂ / ‖ref‖₂` (absolute when the reference is 0).
    pub rel_l2: f64,
    /// `max |out − ref| / max |ref|`.
    pub max_rel: f64,
    /// The tolerance `rel_l2` must meet.
    pub tolerance: f64,
    /// Elements that are NaN, or infinite where the reference is finite (or vice versa).
    pub non_finite: usize,
}

impl Errors {
    pub fn measure(out: &[f64], reference: &[f64], tolerance: f64) -> Errors {
        let (mut num, mut den, mut max_err, mut max_ref, mut non_finite) =
            (0.0, 0.0, 0f64, 0f64, 0);
        for (&o, &r) in out.iter().zip(reference) {
            if o.is_nan() || o.is_infinite() != r.is_infinite() {
                non_finite += 1;
                continue;
            }
            if r.is_infinite() {
                if o != r {
                    non_finite += 1;
                }
                continue;
            }
            num += (o - r) * (o - r);
            den += r * r;
            max_err = max_err.max((o - r).abs());
            max_ref = max_ref.max(r.abs());
        }
        Errors {
            rel_l2: if den > 0.0 {
                (num / den).sqrt()
            } else {
                num.sqrt()
            },
            max_rel: if max_ref > 0.0 {
                max_err / max_ref
            } else {
                max_err
            },
            tolerance,
            non_finite,
        }
    }

    /// For LSE: the error relative to `max(RMS |ref|, 1)`, so rows whose LSE is near 0 are
    /// judged absolutely.
    pub fn measure_lse(out: &[f64], reference: &[f64], tolerance: f64) -> Errors {
        let mut e = Errors::measure(out, reference, tolerance);
        let finite: Vec<f64> = reference
            .iter()
            .copied()
            .filter(|x| x.is_finite())
            .collect();
        let rms = (finite.iter().map(|x| x * x).sum::<f64>() / finite.len().max(1) as f64).sqrt();
        if rms < 1.0 && rms > 0.0 {
            e.rel_l2 *= rms;
        }
        e
    }

    /// Like `measure`, but relative to `max(‖ref‖, ‖magnitude‖ / 4)`: a gradient whose terms
    /// cancel to nearly zero is judged against the size of its terms, which bounds what any f32
    /// implementation can achieve.
    pub fn measure_gradient(
        out: &[f64],
        reference: &[f64],
        magnitude: &[f64],
        tolerance: f64,
    ) -> Errors {
        let mut e = Errors::measure(out, reference, tolerance);
        let norm = |v: &[f64]| {
            v.iter()
                .filter(|x| x.is_finite())
                .map(|x| x * x)
                .sum::<f64>()
                .sqrt()
        };
        let (r, m) = (norm(reference), norm(magnitude) / 4.0);
        if m > r && m > 0.0 {
            e.rel_l2 *= if r > 0.0 { r / m } else { 1.0 / m };
        }
        e
    }

    pub fn passed(&self) -> bool {
        self.non_finite == 0 && self.rel_l2 <= self.tolerance
    }
}

/// The outcome of one case.
#[derive(Clone, Debug)]
pub struct CaseReport {
    pub label: String,
    pub out: Errors,
    pub lse: Errors,
    /// dQ, dK, dV (and dSinks, dBias when present), when the case has a backward.
    pub grads: Vec<(&'static str, Errors)>,
    /// Bytes written outside the output views (must be 0).
    pub stray_writes: usize,
    /// An error the backend returned.
    pub error: Option<String>,
}

impl CaseReport {
    pub fn passed(&self) -> bool {
        self.error.is_none()
            && self.stray_writes == 0
            && self.out.passed()
            && self.lse.passed()
            && self.grads.iter().all(|(_, e)| e.passed())
    }

    /// The worst ratio of error to tolerance (≤ 1 passes).
    pub fn worst_ratio(&self) -> f64 {
        std::iter::once(&self.out)
            .chain(std::iter::once(&self.lse))
            .chain(self.grads.iter().map(|(_, e)| e))
            .map(|e| {
                if e.non_finite > 0 {
                    f64::INFINITY
                } else {
                    e.rel_l2 / e.tolerance
                }
            })
            .fold(0.0, f64::max)
    }
}

/// Forward tolerance on relative L2: the output's rounding plus f32 accumulation.
pub fn forward_tolerance(out_dtype: DType) -> f64 {
    unit_roundoff(out_dtype) + 1e-5
}

/// Backward tolerance: the rounding of O (which the backward reads) and of the gradients
/// themselves, amplified by the cancellation in `dS = P ∘ (dP − rowsum(dO ∘ O))`, plus f32.
pub fn backward_tolerance(out_dtype: DType, grad_dtype: DType) -> f64 {
    4.0 * unit_roundoff(out_dtype).max(unit_roundoff(grad_dtype)) + 1e-5
}

fn lse_values(buf: &Buffer) -> Vec<f64> {
    buf.values()
}

/// `d_lse` with NaN on the rows whose LSE (`lse`, row-major) is −inf: a fully masked row's
/// gradients must stay 0, never NaN, whatever its dLSE holds (the reference ignores it there).
fn nan_on_masked_rows(d_lse: &Buffer, lse: &[f64]) -> Buffer {
    let values = d_lse.values();
    let mut out = d_lse.clone();
    let mut n = 0;
    out.fill(|| {
        let x = if lse[n] == f64::NEG_INFINITY {
            f32::NAN
        } else {
            values[n] as f32
        };
        n += 1;
        x
    });
    out
}

/// Runs `case` on `backend` with inputs from `seed` and compares with the reference.
pub fn run_case(backend: &dyn Backend, case: &Case, seed: u64) -> CaseReport {
    let mut report = CaseReport {
        label: case.label(),
        out: Errors::default(),
        lse: Errors::default(),
        grads: Vec::new(),
        stray_writes: 0,
        error: None,
    };
    if let Err(e) = run_case_inner(backend, case, seed, &mut report) {
        report.error = Some(e.to_string());
    }
    report
}

fn run_case_inner(
    backend: &dyn Backend,
    case: &Case,
    seed: u64,
    report: &mut CaseReport,
) -> Result<()> {
    let data = CaseData::generate(case, seed);
    let attn = data.attention(case)?;
    let d = case.dims;
    let mut out = Buffer::poisoned(
        case.out_dtype,
        qkv_layout(case.layout, d.batch, d.heads_q, d.seq_q, d.head_dim_v),
    );
    let mut lse = Buffer::poisoned(
        DType::F32,
        Layout::contiguous(&[d.batch, d.heads_q, d.seq_q])?,
    );
    backend.forward_host(
        &attn,
        &mut ForwardOutputs {
            out: out.view_mut(),
            lse: Some(lse.view_mut()),
        },
    )?;
    let problem = crate::validate::problem(&attn)?;
    let values = reference::RefValues::gather(&problem);
    let r = reference::forward_with(&problem, &values);
    report.out = Errors::measure(&out.values(), &r.out, forward_tolerance(case.out_dtype));
    // LSE: f32 logits carry an error of a few ulp of their size — the LSE's, or the softcap's
    // (s = cap·tanh(x/cap) rounds at the cap's scale).
    let logit_scale = (case.softcap.unwrap_or(0.0) as f64).max(1.0);
    report.lse = Errors::measure_lse(&lse_values(&lse), &r.lse, 2e-6 * logit_scale);
    report.stray_writes = out.writes_outside_view();
    if !case.backward {
        return Ok(());
    }
    let grad_dtype = case.dtype;
    let mut dq = Buffer::poisoned(
        grad_dtype,
        qkv_layout(case.layout, d.batch, d.heads_q, d.seq_q, d.head_dim),
    );
    let mut dk = Buffer::poisoned(
        grad_dtype,
        qkv_layout(case.layout, d.batch, d.heads_kv, d.seq_kv, d.head_dim),
    );
    let mut dv = Buffer::poisoned(
        grad_dtype,
        qkv_layout(case.layout, d.batch, d.heads_kv, d.seq_kv, d.head_dim_v),
    );
    let mut d_sinks = case
        .sinks
        .then(|| Buffer::poisoned(DType::F32, Layout::contiguous(&[d.heads_q]).expect("1-D")));
    let lse_got = lse_values(&lse);
    let d_lse = data.d_lse.as_ref().map(|g| nan_on_masked_rows(g, &lse_got));
    let mut d_bias = match (&data.mask, case.mask) {
        (Some(m), Some(spec)) if spec.kind == MaskKind::Additive => Some(Buffer::poisoned(
            DType::F32,
            Layout::contiguous(m.layout.shape())?,
        )),
        _ => None,
    };
    backend.backward_host(
        &attn,
        &BackwardInputs {
            out: out.view(),
            d_out: data.d_out.view(),
            lse: lse.view(),
            d_lse: d_lse.as_ref().map(|b| b.view()),
        },
        &mut Gradients {
            dq: dq.view_mut(),
            dk: dk.view_mut(),
            dv: dv.view_mut(),
            d_sinks: d_sinks.as_mut().map(|b| b.view_mut()),
            d_bias: d_bias.as_mut().map(|b| b.view_mut()),
        },
    )?;
    let d_lse = d_lse.as_ref().map(|b| b.values());
    let g =
        reference::backward_with_d_lse(&problem, &values, &data.d_out.values(), d_lse.as_deref());
    let tol = backward_tolerance(case.out_dtype, grad_dtype);
    let m = g
        .magnitude
        .as_deref()
        .expect("the reference reports magnitudes");
    let grad = Errors::measure_gradient;
    report
        .grads
        .push(("dq", grad(&dq.values(), &g.dq, &m.dq, tol)));
    report
        .grads
        .push(("dk", grad(&dk.values(), &g.dk, &m.dk, tol)));
    report
        .grads
        .push(("dv", grad(&dv.values(), &g.dv, &m.dv, tol)));
    if let (Some(b), Some(r), Some(mr)) = (&d_sinks, &g.d_sinks, &m.d_sinks) {
        report
            .grads
            .push(("d_sinks", grad(&b.values(), r, mr, tol)));
    }
    if let (Some(b), Some(r), Some(mr)) = (&d_bias, &g.d_bias, &m.d_bias) {
        report.grads.push(("d_bias", grad(&b.values(), r, mr, tol)));
    }
    report.stray_writes +=
        dq.writes_outside_view() + dk.writes_outside_view() + dv.writes_outside_view();
    Ok(())
}
