//! `umfa bench`: the standard suite of GPU.md, timed with warm-up and the median of repetitions,
//! reported by the FlashAttention FLOP convention, optionally beside anchor numbers.

use crate::anchors::{self, Anchor};
use crate::common::{
    catch, forward_flops, is_gpu, open_backend, quiet_panics, CliError, CliResult, HostTensor,
    Stats, BACKWARD_FACTOR, EXIT_FAILED,
};
use crate::rows::{self, RowCheck};
use crate::svg;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;
use umfa::{
    Attention, AttentionParams, Backend, BackendKind, BackwardInputs, CausalAlign, DType,
    ForwardOutputs, Gradients, Window,
};

/// A case of the standard suite.
#[derive(Clone, Copy, Debug)]
pub struct SuiteCase {
    pub name: &'static str,
    pub batch: usize,
    pub heads_q: usize,
    pub heads_kv: usize,
    pub seq: usize,
    pub head_dim: usize,
    /// Which causal settings the suite times for this case.
    pub causal: &'static [bool],
    /// `(left, right)` sliding window (with causal).
    pub window: Option<(usize, usize)>,
}

const fn case(
    name: &'static str,
    (batch, heads_q, heads_kv, seq, head_dim): (usize, usize, usize, usize, usize),
    causal: &'static [bool],
    window: Option<(usize, usize)>,
) -> SuiteCase {
    SuiteCase {
        name,
        batch,
        heads_q,
        heads_kv,
        seq,
        head_dim,
        causal,
        window,
    }
}

const BOTH: &[bool] = &[false, true];
const ON: &[bool] = &[true];
const OFF: &[bool] = &[false];

/// GPU.md's suite: C* for the CPU, G* for GPUs.
pub const SUITE: [SuiteCase; 9] = [
    case("C1", (1, 8, 8, 1024, 64), BOTH, None),
    case("C2", (1, 16, 16, 2048, 128), BOTH, None),
    case("C3", (1, 8, 8, 4096, 64), ON, None),
    case("G1", (4, 16, 16, 4096, 128), BOTH, None),
    case("G2", (16, 16, 16, 1024, 64), BOTH, None),
    case("G3", (1, 24, 24, 4608, 128), OFF, None),
    case("G4", (1, 16, 16, 16384, 128), ON, None),
    case("G5", (1, 32, 8, 8192, 128), ON, None),
    case("G6", (4, 16, 16, 4096, 128), ON, Some((1024, 0))),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CausalSel {
    Both,
    On,
    Off,
}

pub struct BenchOptions {
    pub backend: Option<BackendKind>,
    pub cases: Vec<String>,
    pub dtypes: Vec<DType>,
    pub causal: CausalSel,
    pub backward: bool,
    pub json: Option<PathBuf>,
    pub csv: Option<PathBuf>,
    pub svg: Option<PathBuf>,
    pub anchors: Option<PathBuf>,
    pub reps: Option<usize>,
    pub warmup: Option<usize>,
    pub seq: Option<usize>,
    pub heads: Option<usize>,
    pub batch: Option<usize>,
    pub seed: u64,
    /// Query rows per head checked against the f64 reference after the forward timing (0: none).
    pub verify_rows: usize,
    /// Time GPU backends on host tensors (staging included) even where device timing exists.
    pub host_staged: bool,
}

#[derive(Serialize, Clone, Debug)]
struct AnchorCmp {
    #[serde(rename = "impl")]
    implementation: String,
    gflops: Option<f64>,
    /// umfa / anchor.
    ratio: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Serialize, Clone, Debug)]
struct BenchResult {
    case: &'static str,
    batch: usize,
    heads_q: usize,
    heads_kv: usize,
    seq_q: usize,
    seq_kv: usize,
    head_dim: usize,
    dtype: &'static str,
    causal: bool,
    window: Option<(usize, usize)>,
    pass: &'static str,
    flops: f64,
    #[serde(flatten)]
    stats: Stats,
    gflops: f64,
    tflops: f64,
    anchors: Vec<AnchorCmp>,
    /// The forward's error on sampled rows against the f64 reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<RowCheck>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    /// The backend cannot run this combination (reported, not a failure).
    unsupported: bool,
}

#[derive(Serialize)]
struct BenchJson {
    tool: &'static str,
    version: &'static str,
    backend: &'static str,
    device: String,
    threads: usize,
    reps: usize,
    warmup: usize,
    /// `device-events` (operands on the device) or `host` (around synchronous host calls).
    timing: &'static str,
    flop_convention: &'static str,
    results: Vec<BenchResult>,
}

/// One timed configuration (a case, a dtype, causal or not).
struct Item {
    case: SuiteCase,
    dtype: DType,
    causal: bool,
}

impl Item {
    fn dims(&self) -> (usize, usize, usize, usize, usize) {
        let c = &self.case;
        (c.batch, c.heads_q, c.heads_kv, c.seq, c.head_dim)
    }
    fn label(&self) -> String {
        format!(
            "{} {} {}",
            self.case.name,
            self.dtype,
            if self.causal { "causal" } else { "dense" }
        )
    }
}

fn resolve_cases(opts: &BenchOptions, gpu: bool) -> CliResult<Vec<SuiteCase>> {
    let names: Vec<String> = if opts.cases.is_empty() {
        let prefix = if gpu { "G" } else { "C" };
        SUITE
            .iter()
            .filter(|c| c.name.starts_with(prefix))
            .map(|c| c.name.to_string())
            .collect()
    } else {
        opts.cases.clone()
    };
    let mut out = Vec::new();
    for n in names {
        let n = n.trim().to_ascii_uppercase();
        let c = SUITE.iter().find(|c| c.name == n).ok_or_else(|| {
            CliError::new(format!(
                "unknown case {n:?}; the suite has {}",
                SUITE.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
            ))
        })?;
        let mut c = *c;
        if let Some(s) = opts.seq {
            c.seq = s;
        }
        if let Some(b) = opts.batch {
            c.batch = b;
        }
        if let Some(h) = opts.heads {
            // Keep the GQA group size where it divides; otherwise fall back to MQA.
            let group = c.heads_q / c.heads_kv;
            c.heads_q = h;
            c.heads_kv = if h % group == 0 && h >= group {
                h / group
            } else {
                1
            };
        }
        if c.seq == 0 || c.batch == 0 || c.heads_q == 0 {
            return Err(CliError::new(
                "--seq, --batch and --heads must be at least 1",
            ));
        }
        out.push(c);
    }
    Ok(out)
}

/// The options of an item: causal (FlashAttention's bottom-right alignment; Sq == Sk in the suite
/// so both alignments agree) and the window.
fn params_of(item: &Item) -> AttentionParams<'static> {
    AttentionParams {
        causal: item.causal.then_some(CausalAlign::BottomRight),
        window: item.case.window.map(|(l, r)| Window {
            left: Some(l),
            right: Some(r),
        }),
        ..AttentionParams::default()
    }
}

fn item_flops(item: &Item) -> f64 {
    let (b, h, _, s, d) = item.dims();
    forward_flops(
        b,
        h,
        s,
        s,
        d,
        d,
        item.causal.then_some(CausalAlign::BottomRight),
        item.case.window.map(|(l, r)| Window {
            left: Some(l),
            right: Some(r),
        }),
    )
}

/// Times `f` `warmup + reps` times, keeping the last `reps`. Stops at the first error.
fn time_calls(
    warmup: usize,
    reps: usize,
    pb: &ProgressBar,
    mut f: impl FnMut() -> Result<(), String>,
) -> Result<Vec<f64>, String> {
    let mut times = Vec::with_capacity(reps);
    for i in 0..warmup + reps {
        let t = Instant::now();
        f()?;
        let dt = t.elapsed().as_secs_f64();
        if i >= warmup {
            times.push(dt);
        }
        pb.inc(1);
    }
    Ok(times)
}

fn call(r: Result<umfa::Result<()>, String>) -> Result<(), String> {
    match r {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(panic) => Err(panic),
    }
}

/// Whether `be` is timed on device-resident operands with device events (CUDA), rather than on
/// host tensors around synchronous calls (which then include the staging).
pub fn device_timing(be: &dyn Backend, host_staged: bool) -> bool {
    cfg!(feature = "cuda") && be.kind() == BackendKind::Cuda && !host_staged
}

type Operands<'a> = (&'a HostTensor, &'a HostTensor, &'a HostTensor);

#[cfg(feature = "cuda")]
#[allow(clippy::too_many_arguments)]
fn device_forward(
    be: &dyn Backend,
    item: &Item,
    qkv: Operands,
    out: &mut HostTensor,
    lse: &mut HostTensor,
    warmup: usize,
    reps: usize,
    pb: &ProgressBar,
) -> Result<Vec<f64>, String> {
    let r =
        catch(|| crate::cuda_timing::forward(be, params_of(item), qkv, out, lse, warmup, reps, pb));
    call_times(r)
}

#[cfg(feature = "cuda")]
fn device_backward(
    be: &dyn Backend,
    item: &Item,
    qkv: Operands,
    fwd: Operands,
    warmup: usize,
    reps: usize,
    pb: &ProgressBar,
) -> Result<Vec<f64>, String> {
    let r = catch(|| crate::cuda_timing::backward(be, params_of(item), qkv, fwd, warmup, reps, pb));
    call_times(r)
}

#[cfg(not(feature = "cuda"))]
#[allow(clippy::too_many_arguments)]
fn device_forward(
    _: &dyn Backend,
    _: &Item,
    _: Operands,
    _: &mut HostTensor,
    _: &mut HostTensor,
    _: usize,
    _: usize,
    _: &ProgressBar,
) -> Result<Vec<f64>, String> {
    unreachable!("device timing needs the `cuda` feature")
}

#[cfg(not(feature = "cuda"))]
fn device_backward(
    _: &dyn Backend,
    _: &Item,
    _: Operands,
    _: Operands,
    _: usize,
    _: usize,
    _: &ProgressBar,
) -> Result<Vec<f64>, String> {
    unreachable!("device timing needs the `cuda` feature")
}

#[cfg(feature = "cuda")]
fn call_times(r: Result<umfa::Result<Vec<f64>>, String>) -> Result<Vec<f64>, String> {
    match r {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(e)) => Err(e.to_string()),
        Err(panic) => Err(panic),
    }
}

/// Runs the forward (and backward) timings of one item.
#[allow(clippy::too_many_arguments)]
fn run_item(
    be: &dyn Backend,
    item: &Item,
    backward: bool,
    warmup: usize,
    reps: usize,
    seed: u64,
    verify_rows: usize,
    device_timed: bool,
    pb: &ProgressBar,
) -> Vec<BenchResult> {
    let (b, hq, hkv, s, d) = item.dims();
    let q = HostTensor::random(item.dtype, &[b, hq, s, d], seed, None);
    let k = HostTensor::random(item.dtype, &[b, hkv, s, d], seed + 1, None);
    let v = HostTensor::random(item.dtype, &[b, hkv, s, d], seed + 2, None);
    let mut out = HostTensor::zeros(item.dtype, &[b, hq, s, d]);
    let mut lse = HostTensor::zeros(DType::F32, &[b, hq, s]);
    let attn = Attention::new(q.view(), k.view(), v.view()).with_params(params_of(item));
    let flops = item_flops(item);
    let result = |pass: &'static str, flops: f64, r: Result<Vec<f64>, String>| {
        let (stats, error) = match r {
            Ok(t) => (Stats::of(&t), None),
            Err(e) => (Stats::default(), Some(e)),
        };
        let unsupported = error
            .as_deref()
            .is_some_and(|e| e.starts_with("not supported by the"));
        let gflops = if error.is_none() && stats.median_ms > 0.0 {
            flops / (stats.median_ms * 1e-3) / 1e9
        } else {
            0.0
        };
        BenchResult {
            case: item.case.name,
            batch: b,
            heads_q: hq,
            heads_kv: hkv,
            seq_q: s,
            seq_kv: s,
            head_dim: d,
            dtype: item.dtype.name(),
            causal: item.causal,
            window: item.case.window,
            pass,
            flops,
            stats,
            gflops,
            tflops: gflops / 1e3,
            anchors: Vec::new(),
            check: None,
            error,
            unsupported,
        }
    };
    pb.set_message(format!("{} fwd", item.label()));
    let fwd = if device_timed {
        device_forward(be, item, (&q, &k, &v), &mut out, &mut lse, warmup, reps, pb)
    } else {
        time_calls(warmup, reps, pb, || {
            call(catch(|| {
                be.forward_host(
                    &attn,
                    &mut ForwardOutputs {
                        out: out.view_mut(),
                        lse: Some(lse.view_mut()),
                    },
                )
            }))
        })
    };
    let fwd_ok = fwd.is_ok();
    let mut results = vec![result("fwd", flops, fwd)];
    if fwd_ok && verify_rows > 0 {
        pb.set_message(format!("{} checking {verify_rows} rows", item.label()));
        let run = rows::Run {
            q: &q,
            k: &k,
            v: &v,
            out: &out,
            lse: &lse,
            causal: attn.params.causal,
            window: attn.params.window,
        };
        match rows::check(&run, verify_rows, seed) {
            Ok(c) => results[0].check = Some(c),
            Err(e) => results[0].error = Some(format!("reference check: {}", e.msg)),
        }
    }
    if backward {
        pb.set_message(format!("{} bwd", item.label()));
        let bwd = if let Some(why) = crate::check::backward_unsupported(be) {
            Err(umfa::Error::Unsupported {
                backend: be.kind().name(),
                reason: format!("backward: {why}"),
            }
            .to_string())
        } else if fwd_ok {
            let d_out = HostTensor::random(item.dtype, &[b, hq, s, d], seed + 3, None);
            let mut dq = HostTensor::zeros(item.dtype, &[b, hq, s, d]);
            let mut dk = HostTensor::zeros(item.dtype, &[b, hkv, s, d]);
            let mut dv = HostTensor::zeros(item.dtype, &[b, hkv, s, d]);
            let inputs = BackwardInputs {
                out: out.view(),
                d_out: d_out.view(),
                lse: lse.view(),
                d_lse: None,
            };
            if device_timed {
                device_backward(
                    be,
                    item,
                    (&q, &k, &v),
                    (&out, &lse, &d_out),
                    warmup,
                    reps,
                    pb,
                )
            } else {
                time_calls(warmup, reps, pb, || {
                    call(catch(|| {
                        be.backward_host(
                            &attn,
                            &inputs,
                            &mut Gradients {
                                dq: dq.view_mut(),
                                dk: dk.view_mut(),
                                dv: dv.view_mut(),
                                d_sinks: None,
                                d_bias: None,
                            },
                        )
                    }))
                })
            }
        } else {
            Err("the forward failed".to_string())
        };
        results.push(result("bwd", flops * BACKWARD_FACTOR, bwd));
    }
    results
}

fn attach_anchors(results: &mut [BenchResult], anchors: &[Anchor]) {
    for r in results {
        for a in anchors.iter().filter(|a| {
            a.case.eq_ignore_ascii_case(r.case)
                && a.dtype == r.dtype
                && a.causal == r.causal
                && a.pass == r.pass
                && a.same_shape(
                    r.batch, r.heads_q, r.heads_kv, r.seq_q, r.seq_kv, r.head_dim,
                )
        }) {
            let ratio = a
                .gflops
                .filter(|&g| g > 0.0 && r.error.is_none())
                .map(|g| r.gflops / g);
            r.anchors.push(AnchorCmp {
                implementation: a.implementation.clone(),
                gflops: a.gflops,
                ratio,
                error: a.error.clone(),
            });
        }
    }
}

/// Anchor implementations in order of first appearance.
fn anchor_impls(results: &[BenchResult]) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for r in results {
        for a in &r.anchors {
            if !v.contains(&a.implementation) {
                v.push(a.implementation.clone());
            }
        }
    }
    v
}

fn table(results: &[BenchResult], gpu: bool) -> String {
    let (unit, div) = if gpu {
        ("TFLOP/s", 1e3)
    } else {
        ("GFLOP/s", 1.0)
    };
    let impls = anchor_impls(results);
    let mut head = vec![
        "case".to_string(),
        "shape B,Hq/Hkv,S,D".into(),
        "dtype".into(),
        "mask".into(),
        "pass".into(),
        "median ms".into(),
        "min ms".into(),
        format!("umfa {unit}"),
        "err/tol".into(),
    ];
    for i in &impls {
        head.push(format!("{i} {unit}"));
        head.push("ratio".into());
    }
    let mut rows = vec![head];
    for r in results {
        let mask = match (r.causal, r.window) {
            (_, Some((l, rr))) => format!("causal+win({l},{rr})"),
            (true, None) => "causal".into(),
            (false, None) => "dense".into(),
        };
        let mut row = vec![
            r.case.to_string(),
            format!(
                "{},{}/{},{},{}",
                r.batch, r.heads_q, r.heads_kv, r.seq_q, r.head_dim
            ),
            r.dtype.to_string(),
            mask,
            r.pass.to_string(),
        ];
        if let Some(e) = &r.error {
            let tag = if r.unsupported {
                "unsupported"
            } else {
                "error"
            };
            let _ = e; // the reasons are listed under the table
            row.extend([tag.to_string(), "-".into(), "-".into(), "-".into()]);
        } else {
            row.extend([
                format!("{:.3}", r.stats.median_ms),
                format!("{:.3}", r.stats.min_ms),
                format!("{:.1}", r.gflops / div),
                match r.check {
                    Some(c) if c.passed => format!("{:.2}", c.rel_l2 / c.tolerance),
                    Some(c) => format!("FAIL {:.2}", c.rel_l2 / c.tolerance),
                    None => "-".into(),
                },
            ]);
        }
        for i in &impls {
            match r.anchors.iter().find(|a| &a.implementation == i) {
                Some(a) => {
                    row.push(a.gflops.map_or("err".into(), |g| format!("{:.1}", g / div)));
                    row.push(a.ratio.map_or("-".into(), |x| format!("{x:.2}x")));
                }
                None => row.extend(["-".to_string(), "-".to_string()]),
            }
        }
        rows.push(row);
    }
    let ncol = rows[0].len();
    let widths: Vec<usize> = (0..ncol)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut s = String::new();
    for (ri, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, x)| {
                // Text columns left-aligned, numbers right-aligned.
                if c < 5 {
                    format!("{x:<w$}", w = widths[c])
                } else {
                    format!("{x:>w$}", w = widths[c])
                }
            })
            .collect();
        let _ = writeln!(s, "{}", cells.join("  ").trim_end());
        if ri == 0 {
            let total: usize = widths.iter().sum::<usize>() + 2 * (ncol - 1);
            let _ = writeln!(s, "{}", "-".repeat(total));
        }
    }
    s
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv(results: &[BenchResult]) -> String {
    let impls = anchor_impls(results);
    let mut head: Vec<String> = [
        "case",
        "batch",
        "heads_q",
        "heads_kv",
        "seq_q",
        "seq_kv",
        "head_dim",
        "dtype",
        "causal",
        "window",
        "pass",
        "flops",
        "median_ms",
        "min_ms",
        "max_ms",
        "gflops",
        "check_rel_l2",
        "check_tolerance",
        "check_passed",
        "error",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for i in &impls {
        head.push(format!("{i}_gflops"));
        head.push(format!("{i}_ratio"));
    }
    let mut s = head
        .iter()
        .map(|h| csv_field(h))
        .collect::<Vec<_>>()
        .join(",")
        + "\n";
    for r in results {
        let mut row = vec![
            r.case.to_string(),
            r.batch.to_string(),
            r.heads_q.to_string(),
            r.heads_kv.to_string(),
            r.seq_q.to_string(),
            r.seq_kv.to_string(),
            r.head_dim.to_string(),
            r.dtype.to_string(),
            r.causal.to_string(),
            r.window
                .map_or(String::new(), |(l, rr)| format!("{l}:{rr}")),
            r.pass.to_string(),
            format!("{:.0}", r.flops),
            format!("{:.6}", r.stats.median_ms),
            format!("{:.6}", r.stats.min_ms),
            format!("{:.6}", r.stats.max_ms),
            format!("{:.3}", r.gflops),
            r.check
                .map_or(String::new(), |c| format!("{:.3e}", c.rel_l2)),
            r.check
                .map_or(String::new(), |c| format!("{:.3e}", c.tolerance)),
            r.check.map_or(String::new(), |c| c.passed.to_string()),
            r.error.clone().unwrap_or_default(),
        ];
        for i in &impls {
            let a = r.anchors.iter().find(|a| &a.implementation == i);
            row.push(
                a.and_then(|a| a.gflops)
                    .map_or(String::new(), |g| format!("{g:.3}")),
            );
            row.push(
                a.and_then(|a| a.ratio)
                    .map_or(String::new(), |x| format!("{x:.4}")),
            );
        }
        s += &row
            .iter()
            .map(|f| csv_field(f))
            .collect::<Vec<_>>()
            .join(",");
        s.push('\n');
    }
    s
}

fn chart(results: &[BenchResult], gpu: bool, backend: &str, device: &str) -> svg::Chart {
    let (unit, div) = if gpu {
        ("TFLOP/s", 1e3)
    } else {
        ("GFLOP/s", 1.0)
    };
    let impls = anchor_impls(results);
    let mut series = vec![format!("umfa ({backend})")];
    series.extend(impls.iter().cloned());
    let mut groups: Vec<svg::Group> = Vec::new();
    for r in results.iter().filter(|r| r.error.is_none()) {
        let glabel = format!(
            "{} {} {}",
            r.dtype,
            if r.window.is_some() {
                "causal+window"
            } else if r.causal {
                "causal"
            } else {
                "dense"
            },
            r.pass
        );
        let mut values = vec![Some(r.gflops / div)];
        for i in &impls {
            values.push(
                r.anchors
                    .iter()
                    .find(|a| &a.implementation == i)
                    .and_then(|a| a.gflops)
                    .map(|g| g / div),
            );
        }
        // The ratio against the strongest anchor, named when there are several.
        let best = r
            .anchors
            .iter()
            .filter(|a| a.ratio.is_some())
            .max_by(|a, b| a.gflops.unwrap_or(0.0).total_cmp(&b.gflops.unwrap_or(0.0)));
        let note = best.map(|a| {
            let x = a.ratio.unwrap_or(0.0);
            if impls.len() > 1 {
                format!("{x:.2}× {}", a.implementation)
            } else {
                format!("{x:.2}×")
            }
        });
        let bars = svg::CaseBars {
            label: r.case.to_string(),
            values,
            note,
        };
        match groups.iter_mut().find(|g| g.label == glabel) {
            Some(g) => g.cases.push(bars),
            None => groups.push(svg::Group {
                label: glabel,
                cases: vec![bars],
            }),
        }
    }
    svg::Chart {
        title: format!("umfa bench: {device}"),
        unit: unit.to_string(),
        series,
        groups,
    }
}

pub fn run(opts: BenchOptions) -> CliResult<i32> {
    let be = open_backend(opts.backend)?;
    let kind = be.kind();
    let gpu = is_gpu(kind);
    let cases = resolve_cases(&opts, gpu)?;
    let anchors = match &opts.anchors {
        Some(p) => anchors::read(p)?,
        None => Vec::new(),
    };
    let dtypes = if opts.dtypes.is_empty() {
        if gpu {
            vec![DType::BF16]
        } else {
            vec![DType::F32, DType::BF16]
        }
    } else {
        opts.dtypes.clone()
    };
    let reps = opts.reps.unwrap_or(if gpu { 50 } else { 5 }).max(1);
    let warmup = opts.warmup.unwrap_or(if gpu { 10 } else { 1 });
    let mut items = Vec::new();
    for c in &cases {
        for &dtype in &dtypes {
            for &causal in c.causal {
                let wanted = match opts.causal {
                    CausalSel::Both => true,
                    CausalSel::On => causal,
                    CausalSel::Off => !causal,
                };
                if wanted {
                    items.push(Item {
                        case: *c,
                        dtype,
                        causal,
                    });
                }
            }
        }
    }
    if items.is_empty() {
        return Err(CliError::new(format!(
            "nothing to run: cases {} have no {} variant",
            cases.iter().map(|c| c.name).collect::<Vec<_>>().join(","),
            match opts.causal {
                CausalSel::On => "causal",
                CausalSel::Off => "non-causal",
                CausalSel::Both => "",
            }
        )));
    }
    let device = be.device_name();
    let device_timed = device_timing(be.as_ref(), opts.host_staged);
    println!(
        "umfa bench: backend {kind} ({device}); {} configurations, warm-up {warmup}, median of {reps}{}",
        items.len(),
        if device_timed {
            " (device-resident operands, CUDA events)"
        } else if gpu {
            " (host-timed around synchronous calls, including staging)"
        } else {
            ""
        }
    );
    quiet_panics();
    let passes = if opts.backward { 2 } else { 1 };
    let pb = ProgressBar::new((items.len() * passes * (warmup + reps)) as u64);
    pb.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} calls {elapsed} {msg}")
            .expect("valid template"),
    );
    let mut results = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let seed = opts.seed.wrapping_add(16 * i as u64);
        results.extend(run_item(
            be.as_ref(),
            item,
            opts.backward,
            warmup,
            reps,
            seed,
            opts.verify_rows,
            device_timed,
            &pb,
        ));
    }
    pb.finish_and_clear();
    attach_anchors(&mut results, &anchors);
    println!();
    print!("{}", table(&results, gpu));
    println!(
        "FLOPs: forward 4·B·Hq·S·S·D (halved when causal; windows count their visible pairs), backward 2.5× forward"
    );
    if let Some(p) = &opts.json {
        let j = BenchJson {
            tool: "umfa bench",
            version: env!("CARGO_PKG_VERSION"),
            backend: kind.name(),
            device: device.clone(),
            threads: rayon::current_num_threads(),
            reps,
            warmup,
            timing: if device_timed { "device-events" } else { "host" },
            flop_convention: "FlashAttention: fwd 4*B*Hq*Sq*Sk*D (x0.5 causal; windows: exact visible pairs), bwd 2.5x fwd",
            results: results.clone(),
        };
        crate::write_json(p, &j)?;
    }
    if let Some(p) = &opts.csv {
        std::fs::write(p, csv(&results))
            .map_err(|e| CliError::new(format!("cannot write {}: {e}", p.display())))?;
    }
    if let Some(p) = &opts.svg {
        std::fs::write(p, svg::render(&chart(&results, gpu, kind.name(), &device)))
            .map_err(|e| CliError::new(format!("cannot write {}: {e}", p.display())))?;
    }
    // Why rows have no numbers: each distinct reason once, with the rows it covers.
    let mut reasons: Vec<(&str, Vec<String>)> = Vec::new();
    for r in &results {
        if let Some(e) = &r.error {
            let row = format!(
                "{} {} {} {}",
                r.case,
                r.dtype,
                if r.causal { "causal" } else { "dense" },
                r.pass
            );
            match reasons.iter_mut().find(|(m, _)| m == e) {
                Some((_, rows)) => rows.push(row),
                None => reasons.push((e, vec![row])),
            }
        }
    }
    for (msg, rows) in &reasons {
        println!("{}: {msg}", rows.join(", "));
    }
    let failed = results
        .iter()
        .filter(|r| (r.error.is_some() && !r.unsupported) || r.check.is_some_and(|c| !c.passed))
        .count();
    let unsupported = results.iter().filter(|r| r.unsupported).count();
    if unsupported > 0 {
        println!(
            "{unsupported} configuration(s) unsupported by the {kind} backend (see the table)"
        );
    }
    if failed > 0 {
        eprintln!("error: {failed} configuration(s) failed or gave wrong results (see the table)");
        return Ok(EXIT_FAILED);
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(case: &'static str, dtype: &'static str, causal: bool, gflops: f64) -> BenchResult {
        BenchResult {
            case,
            batch: 1,
            heads_q: 8,
            heads_kv: 8,
            seq_q: 1024,
            seq_kv: 1024,
            head_dim: 64,
            dtype,
            causal,
            window: None,
            pass: "fwd",
            flops: 1e9,
            stats: Stats {
                median_ms: 10.0,
                min_ms: 9.0,
                max_ms: 11.0,
            },
            gflops,
            tflops: gflops / 1e3,
            anchors: Vec::new(),
            check: None,
            error: None,
            unsupported: false,
        }
    }

    #[test]
    fn anchors_attach_with_ratio() {
        let mut rs = vec![
            result("C1", "f32", false, 130.0),
            result("C1", "bf16", true, 50.0),
        ];
        let a = anchors::parse(
            r#"{"case": "C1", "dtype": "f32", "causal": false, "pass": "fwd", "impl": "torch", "gflops": 65.0}"#,
        )
        .unwrap();
        attach_anchors(&mut rs, &a);
        assert_eq!(rs[0].anchors.len(), 1);
        assert_eq!(rs[0].anchors[0].ratio, Some(2.0));
        assert!(rs[1].anchors.is_empty());
        let t = table(&rs, false);
        assert!(t.contains("torch GFLOP/s"));
        assert!(t.contains("2.00x"));
        let c = csv(&rs);
        assert!(c
            .lines()
            .next()
            .unwrap()
            .ends_with("torch_gflops,torch_ratio"));
        assert_eq!(c.lines().count(), 3);
        let ch = chart(&rs, false, "cpu", "test");
        assert_eq!(ch.series.len(), 2);
        assert_eq!(ch.groups.len(), 2);
    }

    #[test]
    fn g6_flops_count_the_band() {
        let item = Item {
            case: SUITE[8],
            dtype: DType::BF16,
            causal: true,
        };
        let pairs: f64 = (0..4096u64).map(|i| (i + 1).min(1025) as f64).sum();
        assert_eq!(item_flops(&item), 4.0 * 4.0 * 16.0 * 128.0 * pairs);
    }
}
