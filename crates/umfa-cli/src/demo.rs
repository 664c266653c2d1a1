//! `umfa demo`: one realistic attention call (FLUX.1 at 1024², B=1 H=24 S=4608 D=128) timed on a
//! backend, with its error against the f64 reference on a random sample of query rows.
//!
//! The reference over every row would take minutes on a CPU, so it runs on a sub-problem: the
//! sampled rows of Q against all of K and V. Each row's result depends only on its own query and
//! the keys it sees, so the sub-problem's rows equal the full problem's, provided the keys each
//! row sees stay the same; for causal runs a boolean mask carries each sampled row's own causal
//! limit (slicing rows would otherwise shift the diagonal).

use crate::common::{
    catch, forward_flops, is_gpu, open_backend, quiet_panics, CliError, CliResult, HostData,
    HostTensor, Stats, EXIT_FAILED,
};
use half::{bf16, f16};
use rand::rngs::StdRng;
use rand::seq::index::sample;
use rand::SeedableRng;
use serde::Serialize;
use std::path::PathBuf;
use std::time::Instant;
use umfa::check::{forward_tolerance, Errors};
use umfa::{Attention, BackendKind, CausalAlign, DType, ForwardOutputs, Mask, MaskKind, TensorRef};

pub struct DemoOptions {
    pub backend: Option<BackendKind>,
    pub batch: usize,
    pub heads: usize,
    pub seq: usize,
    pub dim: usize,
    pub dtype: DType,
    pub causal: bool,
    pub reps: Option<usize>,
    pub warmup: Option<usize>,
    pub rows: usize,
    pub seed: u64,
    pub json: Option<PathBuf>,
}

#[derive(Serialize)]
struct DemoJson {
    backend: &'static str,
    device: String,
    shape: [usize; 4],
    dtype: &'static str,
    causal: bool,
    #[serde(flatten)]
    stats: Stats,
    gflops: f64,
    sampled_rows: usize,
    rel_l2: f64,
    max_rel: f64,
    cosine: f64,
    lse_max_abs_err: f64,
    tolerance: f64,
    passed: bool,
}

/// Rows `rows` (sorted) of every `[b, h]` of a `[B, H, S, D]` tensor, same dtype.
fn gather_rows(t: &HostTensor, rows: &[usize]) -> HostTensor {
    let [b, h, s, d] = [t.shape[0], t.shape[1], t.shape[2], t.shape[3]];
    fn pick<T: Copy>(v: &[T], bh: usize, s: usize, d: usize, rows: &[usize]) -> Vec<T> {
        let mut out = Vec::with_capacity(bh * rows.len() * d);
        for x in 0..bh {
            for &r in rows {
                let at = (x * s + r) * d;
                out.extend_from_slice(&v[at..at + d]);
            }
        }
        out
    }
    let data = match &t.data {
        HostData::F32(v) => HostData::F32(pick(v, b * h, s, d, rows)),
        HostData::BF16(v) => HostData::BF16(pick::<bf16>(v, b * h, s, d, rows)),
        HostData::F16(v) => HostData::F16(pick::<f16>(v, b * h, s, d, rows)),
    };
    HostTensor {
        data,
        shape: vec![b, h, rows.len(), d],
    }
}

fn cosine(a: &[f64], b: &[f64]) -> f64 {
    let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
    for (&x, &y) in a.iter().zip(b) {
        ab += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa == 0.0 && bb == 0.0 {
        1.0
    } else {
        ab / (aa.sqrt() * bb.sqrt())
    }
}

pub fn run(o: DemoOptions) -> CliResult<i32> {
    let be = open_backend(o.backend)?;
    let kind = be.kind();
    let gpu = is_gpu(kind);
    if o.batch == 0 || o.heads == 0 || o.seq == 0 || o.dim == 0 || o.rows == 0 {
        return Err(CliError::new(
            "--batch, --heads, --seq, --dim and --rows must be at least 1",
        ));
    }
    let (b, h, s, d) = (o.batch, o.heads, o.seq, o.dim);
    let reps = o.reps.unwrap_or(if gpu { 20 } else { 3 }).max(1);
    let warmup = o.warmup.unwrap_or(if gpu { 5 } else { 1 });
    let device = be.device_name();
    println!(
        "umfa demo: FLUX-shaped attention B={b} H={h} S={s} D={d} {}{} on {kind} ({device})",
        o.dtype,
        if o.causal { " causal" } else { "" }
    );
    let t0 = Instant::now();
    let q = HostTensor::random(o.dtype, &[b, h, s, d], o.seed, None);
    // Real models' keys carry a per-channel offset; it makes low-precision paths work harder.
    let k_offset = |c: usize| ((c * 37) % 11) as f32 * 0.3 - 1.5;
    let k = HostTensor::random(o.dtype, &[b, h, s, d], o.seed + 1, Some(&k_offset));
    let v = HostTensor::random(o.dtype, &[b, h, s, d], o.seed + 2, None);
    let mut out = HostTensor::zeros(o.dtype, &[b, h, s, d]);
    let mut lse = HostTensor::zeros(DType::F32, &[b, h, s]);
    println!("inputs generated in {:.2} s", t0.elapsed().as_secs_f64());
    let mut attn = Attention::new(q.view(), k.view(), v.view());
    if o.causal {
        attn = attn.causal(CausalAlign::TopLeft);
    }
    quiet_panics();
    let mut times = Vec::new();
    for i in 0..warmup + reps {
        let t = Instant::now();
        let r = catch(|| {
            be.forward_host(
                &attn,
                &mut ForwardOutputs {
                    out: out.view_mut(),
                    lse: Some(lse.view_mut()),
                },
            )
        });
        match r {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(e.into()),
            Err(p) => return Err(CliError::new(format!("the {kind} backend {p}"))),
        }
        if i >= warmup {
            times.push(t.elapsed().as_secs_f64());
        }
    }
    let stats = Stats::of(&times);
    let flops = forward_flops(
        b,
        h,
        s,
        s,
        d,
        d,
        o.causal.then_some(CausalAlign::TopLeft),
        None,
    );
    let gflops = flops / (stats.median_ms * 1e-3) / 1e9;
    let rate = if gpu {
        format!("{:.1} TFLOP/s", gflops / 1e3)
    } else {
        format!("{gflops:.1} GFLOP/s")
    };
    println!(
        "time: median {:.3} ms (min {:.3}, max {:.3}) over {reps} runs after {warmup} warm-up; {rate}",
        stats.median_ms, stats.min_ms, stats.max_ms
    );

    // The reference on a sample of rows (the same rows in every batch and head).
    let t1 = Instant::now();
    let mut rng = StdRng::seed_from_u64(o.seed ^ 0x5eed);
    let mut rows: Vec<usize> = sample(&mut rng, s, o.rows.min(s)).into_vec();
    rows.sort_unstable();
    let q_sub = gather_rows(&q, &rows);
    let mut causal_mask = Vec::new();
    if o.causal {
        // Row r of the sub-problem is row rows[r] of the full one: it sees keys j <= rows[r].
        for &i in &rows {
            causal_mask.extend((0..s).map(|j| (j <= i) as u8));
        }
    }
    let mut sub = Attention::new(q_sub.view(), k.view(), v.view());
    if o.causal {
        sub = sub.mask(Mask {
            kind: MaskKind::Bool,
            tensor: TensorRef::new(&causal_mask, &[rows.len(), s])?,
        });
    }
    let problem = umfa::validate::problem(&sub)?;
    let reference = umfa::reference::forward(&problem);
    let got_out = gather_rows(&out, &rows);
    let n_out = got_out.shape.iter().product::<usize>();
    let got: Vec<f64> = (0..n_out).map(|i| got_out.get(i)).collect();
    let tol = forward_tolerance(o.dtype);
    let err = Errors::measure(&got, &reference.out, tol);
    let cos = cosine(&got, &reference.out);
    let mut lse_err = 0f64;
    for x in 0..b * h {
        for (r, &i) in rows.iter().enumerate() {
            let a = lse.get(x * s + i);
            let want = reference.lse[x * rows.len() + r];
            lse_err = lse_err.max((a - want).abs());
        }
    }
    let lse_scale = reference
        .lse
        .iter()
        .filter(|x| x.is_finite())
        .fold(1f64, |m, x| m.max(x.abs()));
    // As `umfa::check`, with room for f32 sums over thousands of keys.
    let passed = err.passed() && lse_err <= 1e-5 * lse_scale;
    println!(
        "error vs f64 reference on {} sampled rows x {} heads ({:.2} s): rel_l2 {:.3e} (tolerance {:.3e}), max_rel {:.3e}, cosine {:.7}, LSE max abs {:.2e}: {}",
        rows.len(),
        b * h,
        t1.elapsed().as_secs_f64(),
        err.rel_l2,
        tol,
        err.max_rel,
        cos,
        lse_err,
        if passed { "PASS" } else { "FAIL" }
    );
    if let Some(p) = &o.json {
        crate::write_json(
            p,
            &DemoJson {
                backend: kind.name(),
                device,
                shape: [b, h, s, d],
                dtype: o.dtype.name(),
                causal: o.causal,
                stats,
                gflops,
                sampled_rows: rows.len(),
                rel_l2: err.rel_l2,
                max_rel: err.max_rel,
                cosine: cos,
                lse_max_abs_err: lse_err,
                tolerance: tol,
                passed,
            },
        )?;
    }
    Ok(if passed { 0 } else { EXIT_FAILED })
}
