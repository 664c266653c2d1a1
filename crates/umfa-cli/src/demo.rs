//! `umfa demo`: one realistic attention call (FLUX.1 at 1024², B=1 H=24 S=4608 D=128) timed on a
//! backend, with its error against the f64 reference on a random sample of query rows (see
//! `rows` for how).

use crate::common::{
    catch, forward_flops, is_gpu, open_backend, quiet_panics, CliError, CliResult, HostTensor,
    Stats, EXIT_FAILED,
};
use crate::rows;
use serde::Serialize;
use std::path::PathBuf;
use std::time::Instant;
use umfa::{Attention, AttentionParams, BackendKind, CausalAlign, DType, ForwardOutputs};

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
    /// On GPU backends, time calls on host tensors (staging included).
    pub host_staged: bool,
}

#[derive(Serialize)]
struct DemoJson {
    backend: &'static str,
    device: String,
    shape: [usize; 4],
    dtype: &'static str,
    causal: bool,
    /// `device-events` (operands on the device) or `host` (around synchronous host calls).
    timing: &'static str,
    #[serde(flatten)]
    stats: Stats,
    gflops: f64,
    #[serde(flatten)]
    check: rows::RowCheck,
}

/// Kernel times on device-resident operands (CUDA).
#[cfg(feature = "cuda")]
fn device_times(
    be: &dyn umfa::Backend,
    params: AttentionParams<'static>,
    qkv: (&HostTensor, &HostTensor, &HostTensor),
    out: &mut HostTensor,
    lse: &mut HostTensor,
    warmup: usize,
    reps: usize,
) -> CliResult<Vec<f64>> {
    let pb = indicatif::ProgressBar::hidden();
    match catch(|| crate::cuda_timing::forward(be, params, qkv, out, lse, warmup, reps, &pb)) {
        Ok(r) => Ok(r?),
        Err(p) => Err(CliError::new(format!("the {} backend {p}", be.kind()))),
    }
}

#[cfg(not(feature = "cuda"))]
fn device_times(
    _: &dyn umfa::Backend,
    _: AttentionParams<'static>,
    _: (&HostTensor, &HostTensor, &HostTensor),
    _: &mut HostTensor,
    _: &mut HostTensor,
    _: usize,
    _: usize,
) -> CliResult<Vec<f64>> {
    unreachable!("device timing needs the `cuda` feature")
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
    let params = AttentionParams {
        causal: o.causal.then_some(CausalAlign::TopLeft),
        ..AttentionParams::default()
    };
    quiet_panics();
    let device_timed = crate::bench::device_timing(be.as_ref(), o.host_staged);
    let times = if device_timed {
        device_times(
            be.as_ref(),
            params,
            (&q, &k, &v),
            &mut out,
            &mut lse,
            warmup,
            reps,
        )?
    } else {
        let attn = Attention::new(q.view(), k.view(), v.view()).with_params(params);
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
        times
    };
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
        "time{}: median {:.3} ms (min {:.3}, max {:.3}) over {reps} runs after {warmup} warm-up; {rate}",
        if device_timed {
            " (device-resident, CUDA events)"
        } else if gpu {
            " (host tensors, staging included)"
        } else {
            ""
        },
        stats.median_ms,
        stats.min_ms,
        stats.max_ms
    );

    // The reference on a sample of rows (the same rows in every batch and head).
    let t1 = Instant::now();
    let rc = rows::check(
        &rows::Run {
            q: &q,
            k: &k,
            v: &v,
            out: &out,
            lse: &lse,
            causal: o.causal.then_some(CausalAlign::TopLeft),
            window: None,
        },
        o.rows,
        o.seed,
    )?;
    println!(
        "error vs f64 reference on {} sampled rows x {} heads ({:.2} s): rel_l2 {:.3e} (tolerance {:.3e}), max_rel {:.3e}, cosine {:.7}, LSE max abs {:.2e}: {}",
        rc.sampled_rows,
        b * h,
        t1.elapsed().as_secs_f64(),
        rc.rel_l2,
        rc.tolerance,
        rc.max_rel,
        rc.cosine,
        rc.lse_max_abs_err,
        if rc.passed { "PASS" } else { "FAIL" }
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
                timing: if device_timed {
                    "device-events"
                } else {
                    "host"
                },
                stats,
                gflops,
                check: rc,
            },
        )?;
    }
    Ok(if rc.passed { 0 } else { EXIT_FAILED })
}
