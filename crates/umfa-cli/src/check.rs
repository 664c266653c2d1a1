//! `umfa check`: an accuracy sweep of one backend against the f64 reference.
//!
//! The grid covers every feature of SPEC.md at small sizes (odd ones on purpose: S = 1, 17, 100+,
//! Sq != Sk, D from 1 to 512), so a full sweep takes minutes on two cores and `--quick` seconds.

use crate::common::{catch, open_backend, quiet_panics, CliError, CliResult, EXIT_FAILED};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;
use umfa::check::{run_case, Case, CaseReport, Errors, MaskShape, MaskSpec, QkvLayout};
use umfa::{BackendKind, CausalAlign, DType, Dims, MaskKind, Window};

/// One case of the grid with the group it belongs to (for `--filter` and the summary).
#[derive(Clone, Debug)]
pub struct GridCase {
    pub group: &'static str,
    pub case: Case,
}

impl GridCase {
    pub fn label(&self) -> String {
        format!("{}: {}", self.group, self.case.label())
    }
}

fn dims(b: usize, hq: usize, hkv: usize, sq: usize, sk: usize, d: usize, dv: usize) -> Dims {
    Dims {
        batch: b,
        heads_q: hq,
        heads_kv: hkv,
        seq_q: sq,
        seq_kv: sk,
        head_dim: d,
        head_dim_v: dv,
    }
}

fn win(left: Option<usize>, right: Option<usize>) -> Window {
    Window { left, right }
}

const BOOL_MASK_DTYPES: [DType; 4] = [DType::U8, DType::F32, DType::F16, DType::BF16];
const ADDITIVE_MASK_DTYPES: [DType; 3] = [DType::F16, DType::BF16, DType::F32];
const MASK_SHAPES: [MaskShape; 4] = [
    MaskShape::Full,
    MaskShape::QueryKey,
    MaskShape::KeyPadding,
    MaskShape::PerHead,
];

/// The sweep. `quick` keeps every feature but fewer and smaller shapes and dtype crossings.
pub fn grid(quick: bool) -> Vec<GridCase> {
    let mut g: Vec<GridCase> = Vec::new();
    let mut add = |group: &'static str, case: Case| g.push(GridCase { group, case });
    let full = !quick;
    let f32_ = DType::F32;
    let bf16_ = DType::BF16;
    let f16_ = DType::F16;

    // Shapes: single rows and keys, odd sizes, Sq != Sk both ways, decoding (Sq = 1).
    let mut shapes = vec![
        dims(1, 1, 1, 1, 1, 64, 64),
        dims(1, 2, 2, 17, 17, 32, 32),
        dims(2, 3, 3, 100, 100, 64, 64),
        dims(1, 2, 2, 1, 128, 64, 64),
        dims(1, 2, 2, 130, 37, 64, 64),
        dims(1, 2, 2, 33, 257, 48, 48),
    ];
    if full {
        shapes.extend([
            dims(2, 4, 4, 257, 300, 64, 64),
            dims(1, 2, 2, 129, 1, 16, 16),
            dims(1, 2, 2, 513, 511, 64, 64),
            dims(1, 4, 4, 1024, 1024, 128, 128),
        ]);
    }
    for &d in &shapes {
        add("shape", Case::dense(d, f32_));
        if full {
            add("shape", Case::dense(d, bf16_));
        }
    }

    // Head dims, including the odd ones and Dv != D; S shrinks as D grows.
    for hd in [1, 7, 64, 80, 128, 192, 256, 512] {
        let s = match (hd, quick) {
            (..=128, true) => 33,
            (..=128, false) => 100,
            (..=256, true) => 20,
            (..=256, false) => 64,
            (_, true) => 9,
            (_, false) => 40,
        };
        add(
            "head_dim",
            Case::dense(dims(1, 2, 2, s, s + 3, hd, hd), f32_),
        );
        if full {
            add(
                "head_dim",
                Case::dense(dims(1, 2, 2, s, s + 3, hd, hd), bf16_),
            );
            let mut c = Case::dense(dims(1, 2, 2, s, s, hd, hd), f16_);
            c.causal = Some(CausalAlign::BottomRight);
            add("head_dim", c);
        }
    }
    for (d, dv) in [(64, 32), (7, 13), (128, 64), (32, 512)] {
        let s = if dv >= 256 { 12 } else { 40 };
        add(
            "head_dim",
            Case::dense(dims(1, 2, 2, s, s + 1, d, dv), bf16_),
        );
    }

    // Input and output dtypes.
    let dt_dims = if quick {
        dims(1, 2, 2, 40, 50, 64, 64)
    } else {
        dims(1, 2, 2, 150, 170, 64, 64)
    };
    for (i, o) in [
        (f32_, f32_),
        (bf16_, bf16_),
        (f16_, f16_),
        (bf16_, f32_),
        (f16_, f32_),
        (f32_, bf16_),
        (f32_, f16_),
        (bf16_, f16_),
        (f16_, bf16_),
    ] {
        let mut c = Case::dense(dt_dims, i);
        c.out_dtype = o;
        add("dtype", c);
    }

    // Memory layouts.
    for layout in [QkvLayout::Bhsd, QkvLayout::Bshd, QkvLayout::Padded] {
        for dt in [f32_, bf16_, f16_] {
            if quick && dt == f16_ {
                continue;
            }
            let mut c = Case::dense(dims(2, 3, 3, 45, 60, 40, 40), dt);
            c.layout = layout;
            add("layout", c.clone());
            if full {
                c.causal = Some(CausalAlign::TopLeft);
                add("layout", c);
            }
        }
    }

    // GQA and MQA, with and without causal.
    for hkv in [2, 1] {
        for causal in [None, Some(CausalAlign::BottomRight)] {
            let mut c = Case::dense(dims(2, 8, hkv, 50, 70, 64, 64), f32_);
            c.causal = causal;
            add("gqa", c.clone());
            if full {
                c.dtype = bf16_;
                c.out_dtype = bf16_;
                c.layout = QkvLayout::Bshd;
                add("gqa", c);
            }
        }
    }

    // Causal, both alignments, with Sq == Sk, Sq < Sk, Sq > Sk (fully masked rows) and decoding.
    let mut causal_shapes = vec![(64, 64), (40, 100), (100, 40), (1, 50)];
    if full {
        causal_shapes.extend([(257, 257), (129, 300), (300, 129)]);
    }
    for &(sq, sk) in &causal_shapes {
        for align in [CausalAlign::TopLeft, CausalAlign::BottomRight] {
            let mut c = Case::dense(dims(1, 2, 2, sq, sk, 64, 64), f32_);
            c.causal = Some(align);
            add("causal", c.clone());
            if full {
                c.dtype = bf16_;
                c.out_dtype = bf16_;
                add("causal", c);
            }
        }
    }

    // Sliding windows (bottom-right aligned), alone and with causal.
    let windows = [
        win(Some(16), Some(0)),
        win(Some(8), Some(8)),
        win(None, Some(4)),
        win(Some(4), None),
        win(Some(0), Some(0)),
    ];
    for w in windows {
        for (sq, sk) in [(80, 120), (120, 80)] {
            if quick && sq > sk && w.left != Some(8) {
                continue;
            }
            let mut c = Case::dense(dims(1, 2, 2, sq, sk, 64, 64), f32_);
            c.window = Some(w);
            add("window", c.clone());
            if full {
                c.causal = Some(CausalAlign::TopLeft);
                c.dtype = bf16_;
                c.out_dtype = bf16_;
                add("window", c);
            }
        }
    }
    let mut c = Case::dense(dims(1, 4, 2, 60, 60, 64, 64), bf16_);
    c.causal = Some(CausalAlign::BottomRight);
    c.window = Some(win(Some(10), Some(0)));
    add("window", c);

    // Score options: scale, softcap, ALiBi, sinks, and their combinations.
    let od = dims(1, 4, 4, 50, 64, 64, 64);
    let mut c = Case::dense(od, f32_);
    c.scale = Some(0.3);
    add("options", c);
    for cap in [5.0, 30.0] {
        let mut c = Case::dense(od, f32_);
        c.softcap = Some(cap);
        add("options", c);
    }
    for causal in [None, Some(CausalAlign::BottomRight)] {
        let mut c = Case::dense(od, f32_);
        c.alibi = true;
        c.causal = causal;
        add("options", c);
        let mut c = Case::dense(od, bf16_);
        c.sinks = true;
        c.causal = causal;
        add("options", c);
    }
    let mut c = Case::dense(od, f32_);
    c.sinks = true;
    c.window = Some(win(Some(6), Some(2)));
    add("options", c);
    let mut c = Case::dense(od, f16_);
    c.softcap = Some(20.0);
    c.alibi = true;
    c.sinks = true;
    c.causal = Some(CausalAlign::TopLeft);
    add("options", c);

    // Element masks: each kind, each mask dtype, each broadcast shape.
    let md = if quick {
        dims(2, 3, 3, 24, 40, 32, 32)
    } else {
        dims(2, 3, 3, 70, 90, 64, 64)
    };
    for (kind, dtypes) in [
        (MaskKind::Bool, &BOOL_MASK_DTYPES[..]),
        (MaskKind::Additive, &ADDITIVE_MASK_DTYPES[..]),
    ] {
        for &mdt in dtypes {
            for shape in MASK_SHAPES {
                let mut c = Case::dense(md, f32_);
                c.mask = Some(MaskSpec {
                    kind,
                    dtype: mdt,
                    shape,
                });
                add("mask", c);
            }
        }
    }
    // Masks combined with causal, GQA, low-precision inputs.
    for kind in [MaskKind::Bool, MaskKind::Additive] {
        let mut c = Case::dense(dims(2, 4, 2, 40, 56, 64, 64), bf16_);
        c.mask = Some(MaskSpec {
            kind,
            dtype: if kind == MaskKind::Bool {
                DType::U8
            } else {
                bf16_
            },
            shape: MaskShape::Full,
        });
        c.causal = Some(CausalAlign::BottomRight);
        add("mask", c);
    }

    // Block masks: tile-aligned and odd block sizes, with other masks.
    let bd = dims(1, 2, 2, 100, 130, 32, 32);
    for (bq, bk) in [(16, 16), (32, 64), (7, 13), (128, 128)] {
        let mut c = Case::dense(bd, f32_);
        c.block_mask = Some((bq, bk));
        add("block_mask", c);
    }
    let mut c = Case::dense(bd, bf16_);
    c.block_mask = Some((16, 32));
    c.mask = Some(MaskSpec {
        kind: MaskKind::Bool,
        dtype: DType::U8,
        shape: MaskShape::QueryKey,
    });
    add("block_mask", c);
    let mut c = Case::dense(bd, f32_);
    c.block_mask = Some((32, 32));
    c.causal = Some(CausalAlign::TopLeft);
    c.window = Some(win(Some(40), None));
    add("block_mask", c);

    // Everything at once.
    let mut all = Case::dense(dims(2, 4, 2, 70, 90, 40, 24), bf16_);
    all.out_dtype = f32_;
    all.layout = QkvLayout::Padded;
    all.causal = Some(CausalAlign::BottomRight);
    all.window = Some(win(Some(30), None));
    all.softcap = Some(10.0);
    all.alibi = true;
    all.sinks = true;
    all.mask = Some(MaskSpec {
        kind: MaskKind::Additive,
        dtype: f16_,
        shape: MaskShape::QueryKey,
    });
    all.block_mask = Some((16, 32));
    add("combined", all.clone());

    // Backward: dQ, dK, dV (and dSinks, dBias) for every feature.
    let bw = if quick {
        dims(1, 2, 2, 37, 45, 32, 32)
    } else {
        dims(2, 3, 3, 100, 120, 64, 64)
    };
    let mut back: Vec<Case> = Vec::new();
    for dt in [f32_, bf16_, f16_] {
        back.push(Case::dense(bw, dt));
    }
    for (sq, sk) in [(40, 60), (60, 40), (1, 33), (1, 1)] {
        for align in [CausalAlign::TopLeft, CausalAlign::BottomRight] {
            let mut c = Case::dense(dims(1, 2, 2, sq, sk, 32, 32), f32_);
            c.causal = Some(align);
            back.push(c);
        }
    }
    for hkv in [2, 1] {
        let mut c = Case::dense(dims(1, 4, hkv, 40, 50, 64, 64), f32_);
        c.causal = Some(CausalAlign::BottomRight);
        back.push(c);
    }
    for (d, dv) in [(7, 13), (1, 1), (256, 256), (512, 64)] {
        let s = if d >= 256 { 10 } else { 30 };
        back.push(Case::dense(dims(1, 2, 2, s, s + 2, d, dv), f32_));
    }
    for layout in [QkvLayout::Bshd, QkvLayout::Padded] {
        let mut c = Case::dense(bw, bf16_);
        c.layout = layout;
        back.push(c);
    }
    let mut c = Case::dense(bw, f32_);
    c.out_dtype = bf16_;
    back.push(c);
    let mut c = Case::dense(bw, f32_);
    c.window = Some(win(Some(8), Some(3)));
    back.push(c);
    let mut c = Case::dense(bw, f32_);
    c.softcap = Some(5.0);
    back.push(c);
    let mut c = Case::dense(bw, f32_);
    c.alibi = true;
    c.causal = Some(CausalAlign::TopLeft);
    back.push(c);
    let mut c = Case::dense(bw, f32_);
    c.sinks = true;
    back.push(c);
    let mut c = Case::dense(bw, f32_);
    c.scale = Some(0.25);
    back.push(c);
    for shape in MASK_SHAPES {
        let mut c = Case::dense(bw, f32_);
        c.mask = Some(MaskSpec {
            kind: MaskKind::Additive,
            dtype: f32_,
            shape,
        });
        back.push(c);
    }
    let mut c = Case::dense(bw, f32_);
    c.mask = Some(MaskSpec {
        kind: MaskKind::Bool,
        dtype: DType::U8,
        shape: MaskShape::Full,
    });
    back.push(c);
    let mut c = Case::dense(bw, f32_);
    c.block_mask = Some((16, 16));
    back.push(c);
    back.push(all);
    for mut c in back {
        c.backward = true;
        add("backward", c);
    }
    g
}

/// Random combinations of every option (sizes, dtypes, layouts, masks, backward), drawn from
/// `seed`: the fixed grid tests each feature, these test how they combine.
pub fn random_cases(n: usize, seed: u64) -> Vec<GridCase> {
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};
    let mut rng = StdRng::seed_from_u64(seed ^ 0x00c0_ffee);
    let floats = [DType::F32, DType::BF16, DType::F16];
    let head_dims = [1, 7, 16, 32, 40, 64, 80, 96, 128, 160, 192, 256, 512];
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let hkv = rng.random_range(1..=3);
        let hq = hkv * [1, 2, 4][rng.random_range(0..3)];
        let b = rng.random_range(1..=2);
        let d = head_dims[rng.random_range(0..head_dims.len())];
        let dv = if rng.random_bool(0.2) {
            head_dims[rng.random_range(0..head_dims.len())]
        } else {
            d
        };
        let seq = |rng: &mut StdRng| {
            if rng.random_bool(0.1) {
                1
            } else {
                rng.random_range(2..=160)
            }
        };
        let (sq, sk) = (seq(&mut rng), seq(&mut rng));
        // Keeps the f64 reference (and the sweep) quick.
        if b * hq * sq * sk * (d + dv) > 12_000_000 {
            continue;
        }
        let dtype = floats[rng.random_range(0..3)];
        let mut c = Case::dense(dims(b, hq, hkv, sq, sk, d, dv), dtype);
        if rng.random_bool(0.3) {
            c.out_dtype = floats[rng.random_range(0..3)];
        }
        c.layout = [QkvLayout::Bhsd, QkvLayout::Bshd, QkvLayout::Padded][rng.random_range(0..3)];
        if rng.random_bool(0.3) {
            c.causal = Some(if rng.random_bool(0.5) {
                CausalAlign::TopLeft
            } else {
                CausalAlign::BottomRight
            });
        }
        if rng.random_bool(0.2) {
            let mut side = || rng.random_bool(0.7).then(|| rng.random_range(0..40));
            c.window = Some(win(side(), side()));
        }
        if rng.random_bool(0.1) {
            c.scale = Some(rng.random_range(0.05..1.0));
        }
        if rng.random_bool(0.15) {
            c.softcap = Some(rng.random_range(2.0..50.0));
        }
        c.alibi = rng.random_bool(0.15);
        c.sinks = rng.random_bool(0.15);
        if rng.random_bool(0.3) {
            let kind = if rng.random_bool(0.5) {
                MaskKind::Bool
            } else {
                MaskKind::Additive
            };
            let dtype = match kind {
                MaskKind::Bool => BOOL_MASK_DTYPES[rng.random_range(0..4)],
                MaskKind::Additive => ADDITIVE_MASK_DTYPES[rng.random_range(0..3)],
            };
            let shape = MASK_SHAPES[rng.random_range(0..4)];
            c.mask = Some(MaskSpec { kind, dtype, shape });
        }
        if rng.random_bool(0.2) {
            c.block_mask = Some((rng.random_range(1..=64), rng.random_range(1..=64)));
        }
        c.backward = rng.random_bool(0.25);
        out.push(GridCase {
            group: "random",
            case: c,
        });
    }
    out
}

#[derive(Serialize, Clone)]
struct ErrJson {
    rel_l2: f64,
    max_rel: f64,
    tolerance: f64,
    non_finite: usize,
}

impl From<&Errors> for ErrJson {
    fn from(e: &Errors) -> Self {
        ErrJson {
            rel_l2: e.rel_l2,
            max_rel: e.max_rel,
            tolerance: e.tolerance,
            non_finite: e.non_finite,
        }
    }
}

#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
enum Status {
    Pass,
    Fail,
    Skip,
}

#[derive(Serialize, Clone)]
struct CaseJson {
    index: usize,
    group: &'static str,
    label: String,
    status: Status,
    /// Worst error/tolerance ratio over O, LSE and the gradients (≤ 1 passes).
    worst_ratio: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    out: Option<ErrJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lse: Option<ErrJson>,
    /// By gradient name: `dq`, `dk`, `dv`, `d_sinks`, `d_bias`.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    grads: std::collections::BTreeMap<String, ErrJson>,
    stray_writes: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    seconds: f64,
}

#[derive(Serialize)]
struct CheckJson {
    backend: &'static str,
    device: String,
    seed: u64,
    quick: bool,
    total: usize,
    passed: usize,
    failed: usize,
    skipped: usize,
    seconds: f64,
    cases: Vec<CaseJson>,
}

pub struct CheckOptions {
    pub backend: Option<BackendKind>,
    pub quick: bool,
    pub seed: u64,
    pub json: Option<PathBuf>,
    pub filter: Option<String>,
    pub list: bool,
    pub no_backward: bool,
}

/// The cases to run, each with its number in the unfiltered sweep: the number fixes its input
/// seed, so a case reruns identically under `--filter`.
fn selected(opts: &CheckOptions) -> Vec<(usize, GridCase)> {
    let n_random = if opts.quick { 40 } else { 400 };
    grid(opts.quick)
        .into_iter()
        .chain(random_cases(n_random, opts.seed))
        .enumerate()
        .map(|(i, c)| (i + 1, c))
        .filter(|(_, c)| !(opts.no_backward && c.case.backward))
        .filter(|(_, c)| match &opts.filter {
            None => true,
            Some(f) => f.split(',').any(|f| c.label().contains(f.trim())),
        })
        .collect()
}

/// Why the backend has no backward pass, when its capability list says so.
pub fn backward_unsupported(be: &dyn umfa::Backend) -> Option<String> {
    be.capabilities()
        .into_iter()
        .find(|c| c.feature.starts_with("backward"))
        .and_then(|c| c.supported.err())
}

fn classify(report: &CaseReport, unsupported_prefix: &str) -> Status {
    match &report.error {
        Some(e) if e.starts_with(unsupported_prefix) => Status::Skip,
        Some(_) => Status::Fail,
        None if report.passed() => Status::Pass,
        None => Status::Fail,
    }
}

/// Why a case failed, in a few words, for the line printed after FAIL.
fn failure_detail(report: &CaseReport) -> String {
    if let Some(e) = &report.error {
        return e.clone();
    }
    let mut parts = Vec::new();
    let named = [("out", &report.out), ("lse", &report.lse)];
    for (name, e) in named
        .into_iter()
        .chain(report.grads.iter().map(|(n, e)| (*n, e)))
    {
        if !e.passed() {
            parts.push(format!(
                "{name}: rel_l2 {:.2e} > tol {:.2e}{}",
                e.rel_l2,
                e.tolerance,
                if e.non_finite > 0 {
                    format!(", {} non-finite", e.non_finite)
                } else {
                    String::new()
                }
            ));
        }
    }
    if report.stray_writes > 0 {
        parts.push(format!(
            "{} bytes written outside the outputs",
            report.stray_writes
        ));
    }
    parts.join("; ")
}

pub fn run(opts: CheckOptions) -> CliResult<i32> {
    let cases = selected(&opts);
    if opts.list {
        for (n, c) in &cases {
            println!("{n:>4}  {}", c.label());
        }
        println!("{} cases", cases.len());
        return Ok(0);
    }
    if cases.is_empty() {
        return Err(CliError::new(format!(
            "no case matches --filter {:?} (see `umfa check --list`)",
            opts.filter.as_deref().unwrap_or("")
        )));
    }
    let be = open_backend(opts.backend)?;
    sweep(be.as_ref(), &cases, &opts)
}

/// Runs `cases` on `be`, prints a line per case and a summary; the exit status.
fn sweep(
    be: &dyn umfa::Backend,
    cases: &[(usize, GridCase)],
    opts: &CheckOptions,
) -> CliResult<i32> {
    let kind = be.kind();
    let device = be.device_name();
    let unsupported_prefix = umfa::Error::Unsupported {
        backend: kind.name(),
        reason: String::new(),
    }
    .to_string();
    let no_backward = backward_unsupported(be);
    println!(
        "umfa check: backend {kind} ({device}), {} cases{}, seed {}",
        cases.len(),
        if opts.quick { " (quick)" } else { "" },
        opts.seed
    );
    quiet_panics();
    let pb = ProgressBar::new(cases.len() as u64);
    pb.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {msg}")
            .expect("valid template"),
    );
    let started = Instant::now();
    let width = cases
        .iter()
        .map(|(n, _)| *n)
        .max()
        .unwrap_or(1)
        .to_string()
        .len();
    let results: Mutex<Vec<Option<CaseJson>>> = Mutex::new(vec![None; cases.len()]);
    // Cases run two or more at a time: the f64 reference is single-threaded, and the backend's
    // own threads share the same pool.
    cases.par_iter().enumerate().for_each(|(i, (n, gc))| {
        let t = Instant::now();
        let seed = opts.seed.wrapping_mul(1_000_003).wrapping_add(*n as u64);
        // Without a backward on this backend, the forward half of a backward case still runs.
        let mut case = gc.case.clone();
        let skip_backward = case.backward && no_backward.is_some();
        case.backward &= !skip_backward;
        let report = catch(|| run_case(be, &case, seed)).unwrap_or_else(|msg| CaseReport {
            label: gc.case.label(),
            out: Errors::default(),
            lse: Errors::default(),
            grads: Vec::new(),
            stray_writes: 0,
            error: Some(msg),
        });
        let mut status = classify(&report, &unsupported_prefix);
        let mut reason = report.error.clone();
        if skip_backward && status == Status::Pass {
            status = Status::Skip;
            reason = Some(format!(
                "forward passed; backward not run: {}",
                no_backward.as_deref().unwrap_or_default()
            ));
        }
        let ratio = report.error.is_none().then(|| report.worst_ratio());
        let label = gc.label();
        let line = match status {
            Status::Pass => format!(
                "[{:>width$}] PASS {:>9}  {label}",
                n,
                format!("{:.3}", ratio.unwrap_or(0.0))
            ),
            Status::Skip => format!(
                "[{:>width$}] SKIP {:>9}  {label}\n{:>w2$}{}",
                n,
                ratio.map_or("-".to_string(), |r| format!("{r:.3}")),
                "",
                reason.as_deref().unwrap_or(""),
                w2 = width + 18
            ),
            Status::Fail => format!(
                "[{:>width$}] FAIL {:>9}  {label}\n{:>w2$}{}",
                n,
                ratio.map_or("-".to_string(), |r| format!("{r:.3}")),
                "",
                failure_detail(&report),
                w2 = width + 18
            ),
        };
        pb.suspend(|| println!("{line}"));
        pb.inc(1);
        let cj = CaseJson {
            index: *n,
            group: gc.group,
            label,
            status,
            worst_ratio: ratio.filter(|r| r.is_finite()),
            out: report.error.is_none().then(|| (&report.out).into()),
            lse: report.error.is_none().then(|| (&report.lse).into()),
            grads: report
                .grads
                .iter()
                .map(|(n, e)| (n.to_string(), e.into()))
                .collect(),
            stray_writes: report.stray_writes,
            error: reason,
            seconds: t.elapsed().as_secs_f64(),
        };
        results.lock().expect("no poisoning: panics are caught")[i] = Some(cj);
    });
    pb.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    let results: Vec<CaseJson> = results
        .into_inner()
        .expect("no poisoning")
        .into_iter()
        .map(|c| c.expect("every case ran"))
        .collect();
    let count = |s: Status| results.iter().filter(|c| c.status == s).count();
    let (passed, failed, skipped) = (
        count(Status::Pass),
        count(Status::Fail),
        count(Status::Skip),
    );
    // Summary: per group, then the failures and skips again so they are not lost in the scroll.
    println!();
    println!(
        "{:<12} {:>5} {:>5} {:>5} {:>5}",
        "group", "cases", "pass", "fail", "skip"
    );
    let mut groups: Vec<&str> = Vec::new();
    for c in &results {
        if !groups.contains(&c.group) {
            groups.push(c.group);
        }
    }
    for g in groups {
        let of = |s: Option<Status>| {
            results
                .iter()
                .filter(|c| c.group == g && (s.is_none() || s == Some(c.status)))
                .count()
        };
        println!(
            "{:<12} {:>5} {:>5} {:>5} {:>5}",
            g,
            of(None),
            of(Some(Status::Pass)),
            of(Some(Status::Fail)),
            of(Some(Status::Skip))
        );
    }
    let worst = results
        .iter()
        .filter(|c| c.status == Status::Pass)
        .filter_map(|c| c.worst_ratio.map(|r| (r, &c.label)))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((r, label)) = worst {
        println!("closest pass to its tolerance: {r:.3} of it, {label}");
    }
    for (name, status) in [("skipped", Status::Skip), ("failed", Status::Fail)] {
        let list: Vec<&CaseJson> = results.iter().filter(|c| c.status == status).collect();
        if !list.is_empty() {
            println!("{name} ({}):", list.len());
            for c in list {
                println!(
                    "  [{}] {}: {}",
                    c.index,
                    c.label,
                    c.error.as_deref().unwrap_or("over tolerance")
                );
            }
        }
    }
    println!(
        "{} cases: {passed} passed, {failed} failed, {skipped} skipped in {seconds:.1} s ({kind})",
        results.len()
    );
    if let Some(path) = &opts.json {
        let j = CheckJson {
            backend: kind.name(),
            device,
            seed: opts.seed,
            quick: opts.quick,
            total: results.len(),
            passed,
            failed,
            skipped,
            seconds,
            cases: results,
        };
        crate::write_json(path, &j)?;
    }
    Ok(if failed > 0 { EXIT_FAILED } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use umfa::backend::Capability;
    use umfa::problem::{BackwardTask, ForwardTask};
    use umfa::{Backend, Device};

    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        /// Delegates to the CPU backend but declares no backward.
        NoBackward,
        /// Refuses every forward as unsupported.
        Unsupported,
        /// Panics in the forward.
        Panics,
        /// Writes zeros: wrong results.
        Wrong,
    }

    struct Fake(Mode);

    impl Backend for Fake {
        fn kind(&self) -> BackendKind {
            BackendKind::Cpu
        }
        fn device_name(&self) -> String {
            "fake".into()
        }
        fn device(&self) -> Device {
            Device::Cpu
        }
        fn capabilities(&self) -> Vec<Capability> {
            vec![Capability {
                feature: "backward",
                supported: Err("not written yet".into()),
            }]
        }
        fn unsupported_forward(&self, _: &ForwardTask) -> Option<String> {
            (self.0 == Mode::Unsupported).then(|| "no such kernel".into())
        }
        fn unsupported_backward(&self, _: &BackwardTask) -> Option<String> {
            Some("not written yet".into())
        }
        fn forward(&self, task: &ForwardTask, stream: usize) -> umfa::Result<()> {
            match self.0 {
                Mode::Panics => panic!("kernel fell over"),
                Mode::Wrong => {
                    let d = task.problem.dims;
                    for b in 0..d.batch {
                        for h in 0..d.heads_q {
                            for i in 0..d.seq_q {
                                for c in 0..d.head_dim_v {
                                    task.out.set(b, h, i, c, 0.0);
                                }
                                if let Some(l) = task.lse {
                                    l.set(b, h, i, 0, 0.0);
                                }
                            }
                        }
                    }
                    Ok(())
                }
                _ => umfa::backend(BackendKind::Cpu)?.forward(task, stream),
            }
        }
        fn backward(&self, _: &BackwardTask, _: usize) -> umfa::Result<()> {
            unreachable!("declared unsupported")
        }
    }

    fn opts(filter: &str) -> CheckOptions {
        CheckOptions {
            backend: None,
            quick: true,
            seed: 1,
            json: None,
            filter: Some(filter.into()),
            list: false,
            no_backward: false,
        }
    }

    /// Exit status and the statuses written to JSON, for `mode` over the cases `filter` picks.
    fn sweep_fake(mode: Mode, filter: &str) -> (i32, Vec<String>) {
        let mut o = opts(filter);
        let name: String = filter
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let path =
            std::env::temp_dir().join(format!("umfa-cli-fake-{}-{name}.json", std::process::id()));
        o.json = Some(path.clone());
        let cases = selected(&o);
        assert!(!cases.is_empty());
        let code = sweep(&Fake(mode), &cases, &o).unwrap();
        let j: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let _ = std::fs::remove_file(&path);
        let statuses = j["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["status"].as_str().unwrap().to_string())
            .collect();
        (code, statuses)
    }

    #[test]
    fn failures_skips_and_panics_are_told_apart() {
        let all = |v: &[String], s: &str| !v.is_empty() && v.iter().all(|x| x == s);
        // Backward cases on a backend without a backward: the forward is checked, then SKIP.
        let (code, st) = sweep_fake(Mode::NoBackward, "backward: b1 h2/2 q1 k33");
        assert_eq!(code, 0);
        assert!(all(&st, "skip"), "{st:?}");
        let (code, st) = sweep_fake(Mode::Unsupported, "shape:");
        assert_eq!(code, 0);
        assert!(all(&st, "skip"), "{st:?}");
        let (code, st) = sweep_fake(Mode::Panics, "shape:");
        assert_eq!(code, EXIT_FAILED);
        assert!(all(&st, "fail"), "{st:?}");
        let (code, st) = sweep_fake(Mode::Wrong, "dtype:");
        assert_eq!(code, EXIT_FAILED);
        assert!(all(&st, "fail"), "{st:?}");
    }

    #[test]
    fn grid_covers_the_features() {
        for quick in [true, false] {
            let g = grid(quick);
            let has = |f: &dyn Fn(&Case) -> bool| g.iter().any(|c| f(&c.case));
            assert!(has(&|c| c.dims.seq_q == 1));
            assert!(has(&|c| c.dims.seq_q == 17));
            assert!(has(
                &|c| c.dims.seq_q >= 100 && c.dims.seq_q != c.dims.seq_kv
            ));
            for d in [1, 7, 64, 80, 128, 192, 256, 512] {
                assert!(has(&|c| c.dims.head_dim == d), "head dim {d}");
            }
            for l in [QkvLayout::Bhsd, QkvLayout::Bshd, QkvLayout::Padded] {
                assert!(has(&|c| c.layout == l));
            }
            for a in [CausalAlign::TopLeft, CausalAlign::BottomRight] {
                assert!(has(
                    &|c| c.causal == Some(a) && c.dims.seq_q != c.dims.seq_kv
                ));
            }
            assert!(has(&|c| c.dims.heads_kv == 1 && c.dims.heads_q > 1));
            assert!(has(
                &|c| c.dims.heads_kv > 1 && c.dims.heads_kv < c.dims.heads_q
            ));
            assert!(has(&|c| c.window.is_some()));
            assert!(has(&|c| c.softcap.is_some()));
            assert!(has(&|c| c.alibi));
            assert!(has(&|c| c.sinks));
            assert!(has(&|c| c.block_mask.is_some()));
            assert!(has(&|c| c.dtype != c.out_dtype));
            for kind in [MaskKind::Bool, MaskKind::Additive] {
                for shape in MASK_SHAPES {
                    assert!(has(&|c| c
                        .mask
                        .is_some_and(|m| m.kind == kind && m.shape == shape)));
                }
            }
            for dt in BOOL_MASK_DTYPES {
                assert!(has(&|c| c
                    .mask
                    .is_some_and(|m| m.kind == MaskKind::Bool && m.dtype == dt)));
            }
            for dt in ADDITIVE_MASK_DTYPES {
                assert!(has(&|c| c
                    .mask
                    .is_some_and(|m| m.kind == MaskKind::Additive && m.dtype == dt)));
            }
            assert!(has(&|c| c.backward && c.sinks));
            assert!(has(
                &|c| c.backward && c.mask.is_some_and(|m| m.kind == MaskKind::Additive)
            ));
            assert!(has(&|c| c.backward && c.dims.heads_kv < c.dims.heads_q));
        }
    }
}
