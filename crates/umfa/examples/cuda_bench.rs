//! Forward (and, for G1 and G2, backward, unless `UMFA_BENCH_FWD_ONLY=1`) timings of the CUDA backend on device-resident bf16 tensors, over the suite of
//! `shared/bench/anchors.py` (G1–G6), printed as JSON lines in the anchors' format so the two can
//! be compared row by row. Times are CUDA-event medians after warm-up; TFLOP/s by the
//! FlashAttention convention (4·B·Hq·Sq·Sk·D, times the visible fraction; the backward 2.5 times
//! that).
//!
//! `cargo run --release --example cuda_bench [-- G1,G3 [reps]]`; a case name with `c` appended
//! (`G1c`) runs only its causal row, with `n` only its non-causal one (for profilers).

#[cfg(not(feature = "cuda"))]
fn main() {
    eprintln!("built without the `cuda` feature");
}

#[cfg(feature = "cuda")]
fn main() {
    if let Err(e) = bench::run() {
        eprintln!("cuda_bench: {e}");
        std::process::exit(1);
    }
}

#[cfg(feature = "cuda")]
mod bench {
    use umfa::cuda::{CudaBackend, DeviceBuffer, EventTimer};
    use umfa::*;

    /// name: (B, Hq, Hkv, Sq, Sk, D, causal variants, window) — as in anchors.py.
    type Row = (
        &'static str,
        usize,
        usize,
        usize,
        usize,
        usize,
        usize,
        &'static [bool],
        Option<usize>,
    );
    const SUITE: &[Row] = &[
        ("G1", 4, 16, 16, 4096, 4096, 128, &[false, true], None),
        ("G2", 16, 16, 16, 1024, 1024, 64, &[false, true], None),
        ("G3", 1, 24, 24, 4608, 4608, 128, &[false], None),
        ("G4", 1, 16, 16, 16384, 16384, 128, &[true], None),
        ("G5", 1, 32, 8, 8192, 8192, 128, &[true], None),
        ("G6", 4, 16, 16, 4096, 4096, 128, &[true], Some(1024)),
        // Not in anchors.py: the D = 256 tile configuration, and G2's head dim at G1's length
        // (how much of G2's gap is its short sequence: 8 key tiles per block).
        ("D256", 2, 16, 16, 4096, 4096, 256, &[false, true], None),
        ("D64L", 4, 16, 16, 4096, 4096, 64, &[false, true], None),
    ];

    /// anchors.py's `visible_fraction`, so FLOPs are counted the same way.
    fn visible_fraction(sq: usize, sk: usize, causal: bool, window: Option<usize>) -> f64 {
        let Some(w) = window else {
            return if causal { 0.5 } else { 1.0 };
        };
        let step = (sq / 512).max(1);
        let (mut total, mut n) = (0usize, 0usize);
        for i in (0..sq).step_by(step) {
            let lo = i.saturating_sub(w);
            let hi = if causal { i } else { (sk - 1).min(i + w) };
            total += hi - lo + 1;
            n += 1;
        }
        total as f64 / (n * sk) as f64
    }

    /// Random bf16 in [-2, 2) from a small LCG: never zeros, cheap to make.
    fn random_bf16(n: usize, seed: u64) -> Vec<u8> {
        let mut s = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut out = Vec::with_capacity(2 * n);
        for _ in 0..n {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let x = ((s >> 40) as f32 / (1u64 << 24) as f32) * 4.0 - 2.0;
            out.extend_from_slice(&bf16::from_f32(x).to_bits().to_le_bytes());
        }
        out
    }

    fn view(buf: &DeviceBuffer, shape: &[usize]) -> TensorRef<'static> {
        // SAFETY: the buffers outlive every launch (they are dropped after the last sync).
        unsafe {
            TensorRef::from_raw(
                buf.device_ptr() as *const u8,
                buf.len(),
                Device::Cuda(0),
                DType::BF16,
                Layout::contiguous(shape).expect("4-D"),
            )
        }
    }

    /// Cases whose backward is timed too (anchors.py times G1 and G2).
    const BACKWARD_CASES: &[&str] = &["G1", "G2", "D64L"];

    /// Median and minimum milliseconds of `launch` after warm-up.
    fn time_ms(reps: usize, mut launch: impl FnMut() -> Result<()>) -> Result<(f64, f64)> {
        for _ in 0..3 {
            launch()?;
        }
        umfa::cuda::synchronize(0)?;
        // Every launch between its own pair of events, all queued before the first wait, so
        // host-side launch work overlaps the GPU (as triton's do_bench does).
        let timers = (0..reps)
            .map(|_| EventTimer::new())
            .collect::<Result<Vec<_>>>()?;
        for timer in &timers {
            timer.start(0)?;
            launch()?;
            timer.stop(0)?;
        }
        let mut times = timers
            .iter()
            .map(|t| t.elapsed_ms().map(|ms| ms as f64))
            .collect::<Result<Vec<_>>>()?;
        times.sort_by(|a, b| a.partial_cmp(b).expect("finite"));
        Ok((times[times.len() / 2], times[0]))
    }

    pub fn run() -> Result<()> {
        let args: Vec<String> = std::env::args().collect();
        let only: Option<Vec<String>> = args
            .get(1)
            .map(|s| s.split(',').map(String::from).collect());
        let reps: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(30);
        // UMFA_BENCH_FWD_ONLY=1: no backward timings (forward variants measured without
        // compiling the backward's kernels for them).
        let forward_only = std::env::var("UMFA_BENCH_FWD_ONLY").is_ok_and(|v| v == "1");
        let be = CudaBackend::new().map_err(|r| Error::BackendUnavailable {
            backend: "cuda".into(),
            reason: r,
        })?;
        eprintln!("device: {}", be.device_name());
        // Whether the row (case, causal) was asked for: the case by name, or that row of it.
        let wanted = |name: &str, causal: Option<bool>| {
            only.as_ref().is_none_or(|o| {
                o.iter().any(|x| match x.strip_prefix(name) {
                    Some("") => true,
                    Some("c") => causal != Some(false),
                    Some("n") => causal != Some(true),
                    _ => false,
                })
            })
        };
        for &(name, b, hq, hkv, s, _, d, causals, window) in SUITE {
            if !wanted(name, None) {
                continue;
            }
            let (q, k, v) = (
                DeviceBuffer::from_host(&random_bf16(b * hq * s * d, 1))?,
                DeviceBuffer::from_host(&random_bf16(b * hkv * s * d, 2))?,
                DeviceBuffer::from_host(&random_bf16(b * hkv * s * d, 3))?,
            );
            let out = DeviceBuffer::alloc(b * hq * s * d * 2)?;
            let lse = DeviceBuffer::alloc(b * hq * s * 4)?;
            for &causal in causals.iter().filter(|&&c| wanted(name, Some(c))) {
                let mut attn = Attention::new(
                    view(&q, &[b, hq, s, d]),
                    view(&k, &[b, hkv, s, d]),
                    view(&v, &[b, hkv, s, d]),
                );
                if causal {
                    attn = attn.causal(CausalAlign::BottomRight);
                }
                if let Some(w) = window {
                    attn = attn.window(Window {
                        left: Some(w),
                        right: if causal { Some(0) } else { Some(w) },
                    });
                }
                let outs = || {
                    // SAFETY: `out` and `lse` live until after the last synchronisation.
                    unsafe {
                        ForwardOutputs {
                            out: TensorMut::from_raw(
                                out.device_ptr() as *mut u8,
                                out.len(),
                                Device::Cuda(0),
                                DType::BF16,
                                Layout::contiguous(&[b, hq, s, d]).expect("4-D"),
                            ),
                            lse: Some(TensorMut::from_raw(
                                lse.device_ptr() as *mut u8,
                                lse.len(),
                                Device::Cuda(0),
                                DType::F32,
                                Layout::contiguous(&[b, hq, s]).expect("3-D"),
                            )),
                        }
                    }
                };
                let task = validate::forward(&attn, &outs())?;
                let choice = be.kernel_for(&task);
                let (regs, spill) = be.kernel_resources(&task)?;
                let (ms, ms_min) = time_ms(reps, || be.run_forward(&task, 0))?;
                let flops =
                    4.0 * (b * hq * s * s * d) as f64 * visible_fraction(s, s, causal, window);
                println!(
                    "{{\"impl\": \"umfa-cuda{}\", \"case\": \"{name}\", \"shape\": [{b}, {hq}, {hkv}, {s}, {s}, {d}], \"causal\": {causal}, \"window\": {}, \"phase\": \"fwd\", \"ms\": {ms:.4}, \"tflops\": {:.1}, \"kernel\": \"{choice:?}\", \"registers\": {regs}, \"spill_bytes\": {spill}, \"ms_min\": {:.4}}}",
                    std::env::var("UMFA_CUDA_MMA_TILE").map_or(String::new(), |t| format!("-{t}"))
                        + &std::env::var("UMFA_CUDA_DEFINES").map_or(String::new(), |t| {
                            t.replace(' ', "").replace("-D", "-")
                        }),
                    window.map_or("null".to_string(), |w| w.to_string()),
                    flops / ms / 1e9,
                    ms_min,
                );
                if BACKWARD_CASES.contains(&name) && !forward_only {
                    let g = DeviceBuffer::from_host(&random_bf16(b * hq * s * d, 4))?;
                    let grads = [
                        DeviceBuffer::alloc(b * hq * s * d * 2)?,
                        DeviceBuffer::alloc(b * hkv * s * d * 2)?,
                        DeviceBuffer::alloc(b * hkv * s * d * 2)?,
                    ];
                    let shapes = [[b, hq, s, d], [b, hkv, s, d], [b, hkv, s, d]];
                    let [dq, dk, dv] = [0, 1, 2].map(|n| {
                        // SAFETY: the gradient buffers live until after the last synchronisation.
                        unsafe {
                            TensorMut::from_raw(
                                grads[n].device_ptr() as *mut u8,
                                grads[n].len(),
                                Device::Cuda(0),
                                DType::BF16,
                                Layout::contiguous(&shapes[n]).expect("4-D"),
                            )
                        }
                    });
                    let fwd = outs();
                    let inputs = BackwardInputs {
                        out: fwd.out.as_ref(),
                        d_out: view(&g, &[b, hq, s, d]),
                        lse: fwd.lse.as_ref().expect("lse").as_ref(),
                        d_lse: None,
                    };
                    let grads_view = Gradients {
                        dq,
                        dk,
                        dv,
                        d_sinks: None,
                        d_bias: None,
                    };
                    // The fast mode (the default) and the deterministic one.
                    for deterministic in [false, true] {
                        let battn = attn.deterministic(deterministic);
                        let btask = validate::backward(&battn, &inputs, &grads_view)?;
                        let (ms, ms_min) = time_ms(reps, || be.run_backward(&btask, 0))?;
                        println!(
                            "{{\"impl\": \"umfa-cuda{}\", \"case\": \"{name}\", \"shape\": [{b}, {hq}, {hkv}, {s}, {s}, {d}], \"causal\": {causal}, \"window\": null, \"phase\": \"bwd\", \"ms\": {ms:.4}, \"tflops\": {:.1}, \"ms_min\": {ms_min:.4}}}",
                            if deterministic { "-deterministic" } else { "" },
                            2.5 * flops / ms / 1e9,
                        );
                    }
                }
            }
        }
        if only
            .as_ref()
            .is_none_or(|o| o.iter().any(|x| x == BLOCK_SPARSE.0))
        {
            block_sparse(&be, reps)?;
        }
        umfa::cuda::synchronize(0)
    }

    /// (name, B, H, S, D, block): a 50%-sparse block mask, live where the query and key block
    /// indices have the same parity (a checkerboard: every query tile sees half the keys, the
    /// diagonal included), live blocks full. scripts/device/blocksparse_anchor.py times
    /// FlexAttention on the same mask.
    const BLOCK_SPARSE: (&str, usize, usize, usize, usize, usize) = ("B50", 4, 16, 4096, 128, 128);

    fn block_sparse(be: &CudaBackend, reps: usize) -> Result<()> {
        let (name, b, h, s, d, blk) = BLOCK_SPARSE;
        let nb = s / blk;
        let classes: Vec<u8> = (0..nb * nb)
            .map(|n| {
                if (n / nb + n % nb) % 2 == 0 {
                    BlockClass::Full as u8
                } else {
                    BlockClass::Empty as u8
                }
            })
            .collect();
        let live = classes.iter().filter(|&&c| c != 0).count() as f64 / classes.len() as f64;
        let table = DeviceBuffer::from_host(&classes)?;
        let (q, k, v) = (
            DeviceBuffer::from_host(&random_bf16(b * h * s * d, 1))?,
            DeviceBuffer::from_host(&random_bf16(b * h * s * d, 2))?,
            DeviceBuffer::from_host(&random_bf16(b * h * s * d, 3))?,
        );
        let out = DeviceBuffer::alloc(b * h * s * d * 2)?;
        // SAFETY: the buffers live until after the last synchronisation.
        let (classes_view, out_view) = unsafe {
            (
                TensorRef::from_raw(
                    table.device_ptr() as *const u8,
                    table.len(),
                    Device::Cuda(0),
                    DType::U8,
                    Layout::contiguous(&[nb, nb]).expect("2-D"),
                ),
                TensorMut::from_raw(
                    out.device_ptr() as *mut u8,
                    out.len(),
                    Device::Cuda(0),
                    DType::BF16,
                    Layout::contiguous(&[b, h, s, d]).expect("4-D"),
                ),
            )
        };
        let attn = Attention::new(
            view(&q, &[b, h, s, d]),
            view(&k, &[b, h, s, d]),
            view(&v, &[b, h, s, d]),
        )
        .block_mask(BlockMask {
            block_q: blk,
            block_k: blk,
            classes: classes_view,
        });
        let task = validate::forward(
            &attn,
            &ForwardOutputs {
                out: out_view,
                lse: None,
            },
        )?;
        let (ms, ms_min) = time_ms(reps, || be.run_forward(&task, 0))?;
        let flops = 4.0 * (b * h * s * s * d) as f64 * live;
        println!(
            "{{\"impl\": \"umfa-cuda\", \"case\": \"{name}\", \"shape\": [{b}, {h}, {h}, {s}, {s}, {d}], \"causal\": false, \"window\": null, \"block\": {blk}, \"live\": {live}, \"phase\": \"fwd\", \"ms\": {ms:.4}, \"tflops\": {:.1}, \"kernel\": \"{:?}\", \"ms_min\": {ms_min:.4}}}",
            flops / ms / 1e9,
            be.kernel_for(&task),
        );
        Ok(())
    }
}
