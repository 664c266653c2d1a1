//! Timings of the CUDA INT8 forward (SageAttention's configuration: Q INT8 per block of 128, K
//! INT8 per block of 64 smoothed, V bf16) on device-resident tensors, one JSON line per case in
//! the format of `cuda_bench`: the kernel alone on pre-quantized operands (`phase: "fwd"`), the
//! device quantizer alone on Q and K (`phase: "quant"`, `impl: "umfa-cuda-quantizer"`, with the
//! bandwidth of the least bytes it must move), and runtime quantization plus the default kernel
//! (`phase: "quant+fwd"`, `impl: "umfa-cuda-int8-default"`: the Hopper kernel on sm_90); then the
//! kernel alone once more with the Hopper INT8 kernel asked for (`impl: "umfa-cuda-int8-wgmma"`;
//! its `kernel` field says which kernel ran, the mma.sync one off Hopper).
//!
//! Also per case: the FP8 P·V path's conversion of V alone (`phase: "v_fp8"`, with the bandwidth
//! of the least bytes it moves), to tell its cost from the FP8 kernel's.
//!
//! `cuda_quant_bench quantizer [G1,G4] [reps]` times the device quantizer alone on one bf16
//! tensor of each case's shape, for every granularity, symmetric or not, smoothed or not, INT8
//! and INT4 (`impl: "umfa-cuda-quantizer"`, `phase: "quant"`). TFLOP/s by the FlashAttention
//! convention: 4·B·H·Sq·Sk·D, halved for causal. CUDA-event medians after warm-up.
//!
//! `cargo run --release --example cuda_quant_bench [-- G1,G4 [reps]]`
//!
//! `cuda_quant_bench memory [G1,G4]` instead measures the device memory K and V hold, per case:
//! bf16, INT8 (K per block of 64 smoothed as SageAttention's, V per channel) and INT4 (K per row
//! asymmetric smoothed, V per channel), each as the bytes of the tensors' own allocations (and of
//! their data alone, without scale tables and means), the sizes the driver reports for them
//! (`cuMemGetAddressRange`) and the drop in free device memory (`cuMemGetInfo`) across their
//! creation, after a warm-up that loaded the quantizer's kernels.
//!
//! `cuda_quant_bench backward [G1,G2 [reps]]` times the straight-through backward on device
//! tensors (`quant::quantize_backward_on`, SageAttention's configuration: Q and K quantized on the
//! device, dequantized to bf16, then the CUDA backward; `impl: "umfa-cuda-int8-ste"`) beside umfa's
//! bf16 backward on the same tensors (`impl: "umfa-cuda"`), bf16 gradients, `phase: "bwd"`,
//! TFLOP/s at 2.5 times the forward's FLOPs.

#[cfg(not(feature = "cuda"))]
fn main() {
    eprintln!("built without the `cuda` feature");
}

#[cfg(feature = "cuda")]
fn main() {
    if let Err(e) = bench::run() {
        eprintln!("cuda_quant_bench: {e}");
        std::process::exit(1);
    }
}

#[cfg(feature = "cuda")]
mod bench {
    use umfa::cuda::quant::{self as cq, DeviceOperand, QuantPath};
    use umfa::cuda::{DeviceBuffer, EventTimer};
    use umfa::quant::QuantConfig;
    use umfa::*;

    /// name, B, H, S, D, causal.
    const SUITE: &[(&str, usize, usize, usize, usize, bool)] = &[
        ("G1", 4, 16, 4096, 128, false),
        ("G3", 1, 24, 4608, 128, false),
        ("G4", 1, 16, 16384, 128, true),
    ];

    /// The backward cases (issue 6's and 7's): name, B, H, S, D, causal.
    const BWD_SUITE: &[(&str, usize, usize, usize, usize, bool)] = &[
        ("G1", 4, 16, 4096, 128, false),
        ("G1c", 4, 16, 4096, 128, true),
        ("G2", 16, 16, 1024, 64, false),
    ];

    /// Random bf16 in [-2, 2) plus, for K, a per-channel offset (what smoothing is for).
    fn random_bf16(n: usize, d: usize, seed: u64, offset: f32) -> Vec<u8> {
        let mut s = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        let mut out = Vec::with_capacity(2 * n);
        for i in 0..n {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let x = ((s >> 40) as f32 / (1u64 << 24) as f32) * 4.0 - 2.0
                + offset * ((i % d) as f32 / d as f32 - 0.5);
            out.extend_from_slice(&bf16::from_f32(x).to_bits().to_le_bytes());
        }
        out
    }

    fn view(buf: &DeviceBuffer, dtype: DType, shape: &[usize]) -> TensorRef<'static> {
        // SAFETY: the buffers live until `run` returns, after the last synchronisation.
        unsafe {
            TensorRef::from_raw(
                buf.device_ptr() as *const u8,
                buf.len(),
                Device::Cuda(0),
                dtype,
                Layout::contiguous(shape).expect("4-D"),
            )
        }
    }

    fn view_mut(buf: &DeviceBuffer, dtype: DType, shape: &[usize]) -> TensorMut<'static> {
        // SAFETY: as `view`; written only by the kernels timed here.
        unsafe {
            TensorMut::from_raw(
                buf.device_ptr() as *mut u8,
                buf.len(),
                Device::Cuda(0),
                dtype,
                Layout::contiguous(shape).expect("contiguous"),
            )
        }
    }

    /// Median and minimum milliseconds of `launch` after warm-up.
    fn time_ms(reps: usize, mut launch: impl FnMut() -> Result<()>) -> Result<(f64, f64)> {
        for _ in 0..3 {
            launch()?;
        }
        umfa::cuda::synchronize(0)?;
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

    /// The size of the driver's allocation holding `ptr`.
    fn allocation_bytes(ptr: u64) -> Result<usize> {
        use cudarc::driver::sys;
        let (mut base, mut size) = (0, 0usize);
        // SAFETY: plain query on an address of the current context.
        let r = unsafe { sys::cuMemGetAddressRange_v2(&mut base, &mut size, ptr) };
        if r != sys::CUresult::CUDA_SUCCESS {
            return Err(Error::Execution(format!("cuMemGetAddressRange: {r:?}")));
        }
        Ok(size)
    }

    /// Free device memory, after the device is idle.
    fn free_bytes() -> Result<usize> {
        umfa::cuda::synchronize(0)?;
        cudarc::driver::result::mem_get_info()
            .map(|(free, _)| free)
            .map_err(|e| Error::Execution(format!("cuMemGetInfo: {e:?}")))
    }

    /// K and V of one format: what their allocations hold.
    struct Held {
        /// Of the integers (or bf16 values) alone, without scale tables and means.
        data: usize,
        requested: usize,
        driver: usize,
        free_delta: isize,
        parts: String,
    }

    /// Measures what `make` leaves allocated (its result is kept until measured): the byte
    /// sizes of the allocations it names and the drop in free memory.
    fn held<T>(
        make: impl FnOnce() -> Result<T>,
        buffers: impl Fn(&T) -> Vec<(String, u64, usize)>,
    ) -> Result<(T, Held)> {
        // Buffers the quantizer kept from earlier tensors would be reused, not allocated.
        cq::release_cached_buffers();
        let before = free_bytes()?;
        let t = make()?;
        let after = free_bytes()?;
        let mut h = Held {
            data: 0,
            requested: 0,
            driver: 0,
            free_delta: before as isize - after as isize,
            parts: String::new(),
        };
        for (name, ptr, len) in buffers(&t) {
            let driver = allocation_bytes(ptr)?;
            h.requested += len;
            if name.ends_with(".data") {
                h.data += len;
            }
            h.driver += driver;
            h.parts += &format!(
                "{}{name} {len} ({driver})",
                if h.parts.is_empty() { "" } else { ", " }
            );
        }
        Ok((t, h))
    }

    fn quant_buffers(kv: &[cq::DeviceQuantized; 2]) -> Vec<(String, u64, usize)> {
        ["k", "v"]
            .iter()
            .zip(kv)
            .flat_map(|(which, t)| {
                t.buffers()
                    .into_iter()
                    .map(move |(name, ptr, len)| (format!("{which}.{name}"), ptr, len))
            })
            .collect()
    }

    /// The memory mode (see the top).
    fn memory(only: Option<Vec<String>>) -> Result<()> {
        use umfa::quant::{Granularity as G, QuantSpec};
        let formats = [
            (
                "int8",
                QuantSpec::int8(G::PerBlock(64)).smoothed(true),
                QuantSpec::int8(G::PerChannel),
            ),
            (
                "int4",
                QuantSpec::int4(G::PerRow).asymmetric().smoothed(true),
                QuantSpec::int4(G::PerChannel),
            ),
        ];
        // Warm-up: the quantizer's kernels loaded (module memory is not the tensors').
        {
            let x = DeviceBuffer::from_host(&random_bf16(64 * 128, 128, 9, 0.0))?;
            let xv = view(&x, DType::BF16, &[1, 1, 64, 128]);
            for (_, k, v) in &formats {
                cq::quantize_device(&xv, k)?;
                cq::quantize_device(&xv, v)?;
            }
        }
        for &(name, b, h, s, d, _) in SUITE {
            if only.as_ref().is_some_and(|o| !o.iter().any(|x| x == name)) {
                continue;
            }
            let shape = [b, h, s, d];
            let n = b * h * s * d;
            let (k_host, v_host) = (random_bf16(n, d, 2, 8.0), random_bf16(n, d, 3, 0.0));
            let (bf, bf_held) = held(
                || {
                    Ok([
                        DeviceBuffer::from_host(&k_host)?,
                        DeviceBuffer::from_host(&v_host)?,
                    ])
                },
                |kv| {
                    ["k", "v"]
                        .iter()
                        .zip(kv)
                        .map(|(w, b)| (format!("{w}.data"), b.device_ptr(), b.len()))
                        .collect()
                },
            )?;
            let mut rows = vec![("bf16".to_string(), bf_held)];
            // The quantizer's scratch (kept per device, grown to the largest shape seen) sized
            // for this shape before anything is measured.
            for (_, k_spec, v_spec) in &formats {
                cq::quantize_device(&view(&bf[0], DType::BF16, &shape), k_spec)?;
                cq::quantize_device(&view(&bf[1], DType::BF16, &shape), v_spec)?;
            }
            for (fmt, k_spec, v_spec) in &formats {
                let (_kv, h) = held(
                    || {
                        Ok([
                            cq::quantize_device(&view(&bf[0], DType::BF16, &shape), k_spec)?,
                            cq::quantize_device(&view(&bf[1], DType::BF16, &shape), v_spec)?,
                        ])
                    },
                    quant_buffers,
                )?;
                rows.push((
                    format!("{fmt} (K {}, V {})", k_spec.label(), v_spec.label()),
                    h,
                ));
            }
            let base = (
                rows[0].1.requested,
                rows[0].1.driver,
                rows[0].1.free_delta,
                rows[0].1.data,
            );
            for (format, m) in &rows {
                println!(
                    "{{\"impl\": \"umfa-cuda-quant-memory\", \"case\": \"{name}\", \"shape\": [{b}, {h}, {h}, {s}, {s}, {d}], \"tensors\": \"K+V\", \"format\": \"{format}\", \"bytes\": {}, \"driver_bytes\": {}, \"free_drop_bytes\": {}, \"data_bytes\": {}, \"bf16_over_this_data\": {:.3}, \"bf16_over_this\": {:.3}, \"bf16_over_this_driver\": {:.3}, \"bf16_over_this_free_drop\": {:.3}, \"allocations\": \"{}\"}}",
                    m.requested,
                    m.driver,
                    m.free_delta,
                    m.data,
                    base.3 as f64 / m.data as f64,
                    base.0 as f64 / m.requested as f64,
                    base.1 as f64 / m.driver as f64,
                    base.2 as f64 / m.free_delta as f64,
                    m.parts,
                );
            }
        }
        Ok(())
    }

    /// The quantizer mode (see the top).
    fn quantizer(only: Option<Vec<String>>, reps: usize) -> Result<()> {
        use umfa::quant::{Granularity as G, QuantSpec};
        for &(name, b, h, s, d, _) in SUITE {
            if only.as_ref().is_some_and(|o| !o.iter().any(|x| x == name)) {
                continue;
            }
            let shape = [b, h, s, d];
            let n = b * h * s * d;
            let x = DeviceBuffer::from_host(&random_bf16(n, d, 2, 8.0))?;
            let xv = view(&x, DType::BF16, &shape);
            for int4 in [false, true] {
                for g in [
                    G::PerTensor,
                    G::PerRow,
                    G::PerBlock(64),
                    G::PerBlock(128),
                    G::PerChannel,
                ] {
                    for (symmetric, smooth) in [(true, false), (true, true), (false, true)] {
                        let mut spec = if int4 {
                            QuantSpec::int4(g)
                        } else {
                            QuantSpec::int8(g)
                        }
                        .smoothed(smooth);
                        if !symmetric {
                            spec = spec.asymmetric();
                        }
                        let (ms, ms_min) =
                            time_ms(reps, || cq::quantize_device(&xv, &spec).map(|_| ()))?;
                        let out_bytes = if int4 { n / 2 } else { n };
                        let min_bytes = (2 * n + out_bytes) as f64;
                        println!(
                            "{{\"impl\": \"umfa-cuda-quantizer\", \"case\": \"{name}\", \"shape\": [{b}, {h}, {s}, {d}], \"phase\": \"quant\", \"what\": \"{}, bf16\", \"ms\": {ms:.4}, \"ms_min\": {ms_min:.4}, \"min_bytes\": {min_bytes}, \"gb_per_s\": {:.0}}}",
                            spec.label(),
                            min_bytes / ms / 1e6
                        );
                    }
                }
            }
        }
        Ok(())
    }

    /// The straight-through backward beside the bf16 backward (see the file's comment).
    fn backward(only: Option<Vec<String>>, reps: usize) -> Result<()> {
        let config = QuantConfig::sage();
        for &(name, b, h, s, d, causal) in BWD_SUITE {
            if only.as_ref().is_some_and(|o| !o.iter().any(|x| x == name)) {
                continue;
            }
            let shape = [b, h, s, d];
            let n = b * h * s * d;
            let bufs = [
                random_bf16(n, d, 1, 0.0),
                random_bf16(n, d, 2, 8.0),
                random_bf16(n, d, 3, 0.0),
                random_bf16(n, d, 4, 0.0),
            ]
            .iter()
            .map(|x| DeviceBuffer::from_host(x))
            .collect::<Result<Vec<_>>>()?;
            let [q, k, v, d_out] = [0, 1, 2, 3].map(|i| view(&bufs[i], DType::BF16, &shape));
            let out = DeviceBuffer::alloc(2 * n)?;
            let lse = DeviceBuffer::alloc(4 * b * h * s)?;
            let grads = (0..3)
                .map(|_| DeviceBuffer::alloc(2 * n))
                .collect::<Result<Vec<_>>>()?;
            let params = AttentionParams {
                causal: causal.then_some(CausalAlign::BottomRight),
                ..Default::default()
            };
            let inputs = BackwardInputs {
                out: view(&out, DType::BF16, &shape),
                d_out,
                lse: view(&lse, DType::F32, &[b, h, s]),
                d_lse: None,
            };
            let gradients = || Gradients {
                dq: view_mut(&grads[0], DType::BF16, &shape),
                dk: view_mut(&grads[1], DType::BF16, &shape),
                dv: view_mut(&grads[2], DType::BF16, &shape),
                d_sinks: None,
                d_bias: None,
            };
            // O and LSE of the quantized forward, as a training step has them.
            quant::quantize_forward_on(
                backend(BackendKind::Cuda)?.as_ref(),
                q,
                k,
                v,
                &config,
                params,
                &mut ForwardOutputs {
                    out: view_mut(&out, DType::BF16, &shape),
                    lse: Some(view_mut(&lse, DType::F32, &[b, h, s])),
                },
            )?;
            let be = backend(BackendKind::Cuda)?;
            let attn = Attention::new(q, k, v).with_params(params);
            let (ms_bf16, min_bf16) =
                time_ms(reps, || umfa::backward(&attn, &inputs, gradients()))?;
            let (ms_ste, min_ste) = time_ms(reps, || {
                quant::quantize_backward_on(
                    be.as_ref(),
                    q,
                    k,
                    v,
                    &config,
                    params,
                    &inputs,
                    &mut gradients(),
                )
            })?;
            let flops = 2.5 * 4.0 * (b * h * s * s * d) as f64 * if causal { 0.5 } else { 1.0 };
            for (imp, ms, ms_min) in [
                ("umfa-cuda", ms_bf16, min_bf16),
                ("umfa-cuda-int8-ste", ms_ste, min_ste),
            ] {
                println!(
                    "{{\"impl\": \"{imp}\", \"case\": \"{name}\", \"shape\": [{b}, {h}, {h}, {s}, {s}, {d}], \"causal\": {causal}, \"window\": null, \"phase\": \"bwd\", \"ms\": {ms:.4}, \"tflops\": {:.1}, \"ms_min\": {ms_min:.4}}}",
                    flops / ms / 1e9
                );
            }
        }
        Ok(())
    }

    pub fn run() -> Result<()> {
        let args: Vec<String> = std::env::args().collect();
        if args.get(1).is_some_and(|a| a == "backward") {
            let only = args
                .get(2)
                .map(|s| s.split(',').map(String::from).collect());
            let reps = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(20);
            backend(BackendKind::Cuda)?;
            return backward(only, reps);
        }
        if args.get(1).is_some_and(|a| a == "quantizer") {
            let only = args
                .get(2)
                .map(|s| s.split(',').map(String::from).collect());
            let reps = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(20);
            backend(BackendKind::Cuda)?;
            return quantizer(only, reps);
        }
        if args.get(1).is_some_and(|a| a == "memory") {
            let only = args
                .get(2)
                .map(|s| s.split(',').map(String::from).collect());
            backend(BackendKind::Cuda)?;
            return memory(only);
        }
        let only: Option<Vec<String>> = args
            .get(1)
            .map(|s| s.split(',').map(String::from).collect());
        let reps: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(30);
        let be = backend(BackendKind::Cuda)?;
        eprintln!("device: {}", be.device_name());
        let config = QuantConfig::sage();
        for &(name, b, h, s, d, causal) in SUITE {
            if only.as_ref().is_some_and(|o| !o.iter().any(|x| x == name)) {
                continue;
            }
            let shape = [b, h, s, d];
            let n = b * h * s * d;
            let q = DeviceBuffer::from_host(&random_bf16(n, d, 1, 0.0))?;
            let k = DeviceBuffer::from_host(&random_bf16(n, d, 2, 8.0))?;
            let v = DeviceBuffer::from_host(&random_bf16(n, d, 3, 0.0))?;
            let out = DeviceBuffer::alloc(2 * n)?;
            let lse = DeviceBuffer::alloc(4 * b * h * s)?;
            let params = AttentionParams {
                causal: causal.then_some(CausalAlign::BottomRight),
                ..Default::default()
            };
            let outs = || ForwardOutputs {
                out: view_mut(&out, DType::BF16, &shape),
                lse: Some(view_mut(&lse, DType::F32, &[b, h, s])),
            };
            let qv = view(&q, DType::BF16, &shape);
            let kv = view(&k, DType::BF16, &shape);
            let vv = view(&v, DType::BF16, &shape);
            let qt = cq::quantize_device(&qv, &config.q.expect("sage quantizes Q"))?;
            let kt = cq::quantize_device(&kv, &config.k.expect("sage quantizes K"))?;
            let mut path = None;
            let fwd = |path: &mut Option<QuantPath>| -> Result<()> {
                let p = cq::forward(
                    DeviceOperand::Quant(&qt),
                    DeviceOperand::Quant(&kt),
                    DeviceOperand::Float(vv),
                    params,
                    &mut outs(),
                )?;
                *path = Some(p);
                Ok(())
            };
            // The mma.sync kernel, then the Hopper one (the default on sm_90).
            cq::set_int8_wgmma(Some(false));
            let (ms, ms_min) = time_ms(reps, || fwd(&mut path))?;
            cq::set_int8_wgmma(Some(true));
            let mut path_wg = None;
            let (ms_wg, ms_wg_min) = time_ms(reps, || fwd(&mut path_wg))?;
            // The default kernel (Hopper on sm_90) for the quantizer-plus-forward line.
            cq::set_int8_wgmma(None);
            let mut path_default = None;
            fwd(&mut path_default)?;
            // The quantizer alone: Q and K as quantize_forward_on quantizes them (one
            // synchronisation), its tensors' allocations included.
            let specs = [
                (qv, config.q.expect("sage quantizes Q")),
                (kv, config.k.expect("sage quantizes K")),
            ];
            let (ms_quant, ms_quant_min) =
                time_ms(reps, || cq::quantize_device_many(&specs).map(|_| ()))?;
            let (ms_q, ms_q_min) = time_ms(reps, || {
                quant::quantize_forward_on(be.as_ref(), qv, kv, vv, &config, params, &mut outs())
            })?;
            let flops = 4.0 * (b * h * s * s * d) as f64 * if causal { 0.5 } else { 1.0 };
            let kernel = |path: &Option<QuantPath>| match path {
                Some(QuantPath::Int8(t)) => format!(
                    "int8 {} {}x{}",
                    if t.wgmma { "wgmma" } else { "mma" },
                    t.block_m(),
                    t.block_n
                ),
                Some(QuantPath::Dequantized { reason }) => format!("dequantized: {reason}"),
                None => "none".into(),
            };
            // Bytes the quantizer must move at least: Q and K read (bf16), written (INT8).
            let min_bytes = 2.0 * (2 * n + n) as f64;
            println!(
                "{{\"impl\": \"umfa-cuda-quantizer\", \"case\": \"{name}\", \"shape\": [{b}, {h}, {h}, {s}, {s}, {d}], \"phase\": \"quant\", \"what\": \"Q {} and K {}, bf16\", \"ms\": {ms_quant:.4}, \"ms_min\": {ms_quant_min:.4}, \"min_bytes\": {min_bytes}, \"gb_per_s\": {:.0}}}",
                specs[0].1.label(),
                specs[1].1.label(),
                min_bytes / ms_quant / 1e6
            );
            // The FP8 P·V path's per-call conversion of V alone (absmax pass, then e4m3 Vᵀ):
            // the least bytes are V read twice and its e4m3 copy written.
            let (ms_v8, ms_v8_min) = time_ms(reps, || cq::convert_v_fp8(&vv))?;
            let v8_bytes = (2 * 2 * n + n) as f64;
            println!(
                "{{\"impl\": \"umfa-cuda-v-fp8\", \"case\": \"{name}\", \"shape\": [{b}, {h}, {h}, {s}, {s}, {d}], \"phase\": \"v_fp8\", \"ms\": {ms_v8:.4}, \"ms_min\": {ms_v8_min:.4}, \"min_bytes\": {v8_bytes}, \"gb_per_s\": {:.0}}}",
                v8_bytes / ms_v8 / 1e6
            );
            for (imp, phase, ms, ms_min, kernel) in [
                ("umfa-cuda-int8", "fwd", ms, ms_min, kernel(&path)),
                (
                    "umfa-cuda-int8-default",
                    "quant+fwd",
                    ms_q,
                    ms_q_min,
                    kernel(&path_default),
                ),
                (
                    "umfa-cuda-int8-wgmma",
                    "fwd",
                    ms_wg,
                    ms_wg_min,
                    kernel(&path_wg),
                ),
            ] {
                println!(
                    "{{\"impl\": \"{imp}\", \"case\": \"{name}\", \"shape\": [{b}, {h}, {h}, {s}, {s}, {d}], \"causal\": {causal}, \"window\": null, \"phase\": \"{phase}\", \"ms\": {ms:.4}, \"tflops\": {:.1}, \"kernel\": \"{kernel}\", \"ms_min\": {ms_min:.4}}}",
                    flops / ms / 1e9
                );
            }
        }
        Ok(())
    }
}
