//! The quantized forward on the CPU against the float forward, on the same inputs and threads:
//!
//! - `bf16`, `f32`: float attention (the bf16 one runs `vdpbf16ps` on AVX512-BF16 CPUs);
//! - `int8`: Q and K quantized beforehand as SageAttention does (INT8 per block of 128 / 64
//!   tokens, K smoothed), V bf16 — Q·Kᵀ on the integers (`vpdpbusd`), P·V with P rounded to
//!   bf16 (`vdpbf16ps`) where the CPU has AVX512-BF16;
//! - `int8 f32pv`: the same with P·V in f32;
//! - `int8 deq`: the same operands with the integer path off (dequantized to f32 first, the
//!   only path before it existed);
//! - `quant+int8`: runtime quantization of bf16 Q and K in the call, then the integer path.
//!
//! ```sh
//! cargo run --release -p umfa --example cpu_quant_bench [-- --reps 7 --cases C1,C2,C3]
//! ```
//!
//! Prints a Markdown table (GFLOP/s by the FlashAttention convention, medians of `--reps`
//! after one warm-up), one JSON line per measurement, and for the cases of `--accuracy`
//! (default C1) the error of each path's output against the f64 reference on the same bf16
//! inputs (cosine, relative L1).

use half::bf16;
use umfa::cpu::quant::QuantPath;
use umfa::cpu::CpuBackend;
use umfa::quant::{quantize, QuantAttention, QuantConfig, QuantOperand};
use umfa::{Attention, AttentionParams, CausalAlign, ForwardOutputs, TensorMut, TensorRef};

struct Case {
    name: &'static str,
    shape: [usize; 4],
    causal: bool,
}

const CASES: [Case; 4] = [
    Case {
        name: "C1",
        shape: [1, 8, 1024, 64],
        causal: false,
    },
    Case {
        name: "C2",
        shape: [1, 16, 2048, 128],
        causal: false,
    },
    Case {
        name: "C3",
        shape: [1, 8, 4096, 64],
        causal: true,
    },
    Case {
        name: "C4",
        shape: [1, 8, 4096, 128],
        causal: false,
    },
];

/// Median seconds of `f` over `reps` runs after one warm-up.
fn median(reps: usize, mut f: impl FnMut() -> umfa::Result<()>) -> umfa::Result<f64> {
    f()?;
    let mut t: Vec<f64> = (0..reps)
        .map(|_| {
            let start = std::time::Instant::now();
            f().map(|_| start.elapsed().as_secs_f64())
        })
        .collect::<umfa::Result<_>>()?;
    t.sort_by(f64::total_cmp);
    Ok(t[reps / 2])
}

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() -> umfa::Result<()> {
    let reps: usize = arg("--reps").map_or(7, |r| r.parse().expect("--reps N"));
    let wanted = arg("--cases").unwrap_or_else(|| "C1,C2,C3,C4".into());
    let backend = CpuBackend::new();
    println!("CPU: {}\n", umfa::backend::Backend::device_name(&backend));
    println!(
        "| case | shape | causal | bf16 | f32 | int8 | int8 f32pv | int8 deq | quant+int8 | int8 ÷ bf16 | quantize Q+K (ms) |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    let accuracy_cases = arg("--accuracy").unwrap_or_else(|| "C1".into());
    let mut json = Vec::new();
    let mut errors = Vec::new();
    for case in CASES
        .iter()
        .filter(|c| wanted.split(',').any(|w| w == c.name))
    {
        let shape = case.shape;
        let [b, h, s, d] = shape;
        let n = b * h * s * d;
        let inputs = umfa::quant::accuracy::Inputs::model_like(
            umfa::Dims {
                batch: b,
                heads_q: h,
                heads_kv: h,
                seq_q: s,
                seq_kv: s,
                head_dim: d,
                head_dim_v: d,
            },
            4.0,
            5,
        );
        let to_bf16 = |x: &[f32]| x.iter().map(|&v| bf16::from_f32(v)).collect::<Vec<_>>();
        let (qb, kb, vb) = (to_bf16(&inputs.q), to_bf16(&inputs.k), to_bf16(&inputs.v));
        let [qf, kf, vf] = inputs.views()?;
        let (qv, kv, vv) = (
            TensorRef::new(&qb, &shape)?,
            TensorRef::new(&kb, &shape)?,
            TensorRef::new(&vb, &shape)?,
        );
        let params = AttentionParams {
            causal: case.causal.then_some(CausalAlign::TopLeft),
            ..Default::default()
        };
        let config = QuantConfig::sage();
        let (q8, k8) = (
            quantize(&qv, &config.q.expect("sage quantizes Q"), "q")?,
            quantize(&kv, &config.k.expect("sage quantizes K"), "k")?,
        );
        let mut out = vec![bf16::ZERO; n];
        let flops = 4.0 * n as f64 * s as f64 * if case.causal { 0.5 } else { 1.0 };
        // Times `f` on fresh views of the one output buffer.
        let mut timed = |f: &mut dyn FnMut(ForwardOutputs) -> umfa::Result<()>| {
            median(reps, || {
                f(ForwardOutputs {
                    out: TensorMut::new(&mut out, &shape)?,
                    lse: None,
                })
            })
        };
        let float = |q, k, v, outs: ForwardOutputs| {
            umfa::forward(&Attention::new(q, k, v).with_params(params), outs)
        };
        let quantized = |be: &CpuBackend, mut outs: ForwardOutputs| -> umfa::Result<QuantPath> {
            let attn = QuantAttention::new(
                QuantOperand::Quant(q8.view()),
                QuantOperand::Quant(k8.view()),
                QuantOperand::Float(vv),
            )
            .with_params(params);
            umfa::cpu::quant::forward(be, &attn, &mut outs)
        };
        let integer = CpuBackend::new().with_int8(true).with_int8_bf16_pv(true);
        let f32_pv = CpuBackend::new().with_int8(true).with_int8_bf16_pv(false);
        let dequant = CpuBackend::new().with_int8(false);
        let mut path = None;
        let times = [
            timed(&mut |o| float(qv, kv, vv, o))?,
            timed(&mut |o| float(qf, kf, vf, o))?,
            timed(&mut |o| quantized(&integer, o).map(|p| path = Some(p)))?,
            timed(&mut |o| quantized(&f32_pv, o).map(|_| ()))?,
            timed(&mut |o| quantized(&dequant, o).map(|_| ()))?,
            timed(&mut |mut o| {
                umfa::quant::quantize_forward_on(&integer, qv, kv, vv, &config, params, &mut o)
            })?,
        ];
        let path = path.expect("ran");
        // The host quantizer alone: Q and K as `quant+int8` quantizes them.
        let quantize_ms = 1e3
            * median(reps, || {
                quantize(&qv, &config.q.expect("sage quantizes Q"), "q")?;
                quantize(&kv, &config.k.expect("sage quantizes K"), "k").map(|_| ())
            })?;
        if accuracy_cases.split(',').any(|w| w == case.name) {
            // The f64 reference on the bf16 inputs themselves: what remains is each path's own
            // error (quantization, P's rounding).
            let widen = |x: &[bf16]| x.iter().map(|v| v.to_f32()).collect::<Vec<f32>>();
            let (q32, k32, v32) = (widen(&qb), widen(&kb), widen(&vb));
            let attn = Attention::new(
                TensorRef::new(&q32, &shape)?,
                TensorRef::new(&k32, &shape)?,
                TensorRef::new(&v32, &shape)?,
            )
            .with_params(params);
            let reference = umfa::reference::forward(&umfa::validate::problem(&attn)?);
            let mut measure =
                |label: &str, f: &mut dyn FnMut(ForwardOutputs) -> umfa::Result<()>| {
                    out.fill(bf16::NAN);
                    f(ForwardOutputs {
                        out: TensorMut::new(&mut out, &shape)?,
                        lse: None,
                    })?;
                    let got: Vec<f64> = out.iter().map(|v| v.to_f64()).collect();
                    let a = umfa::quant::Accuracy::measure(&got, &reference.out);
                    errors.push(format!(
                        "| {} | {label} | {:.6} | {:.2e} | {:.2e} |",
                        case.name, a.cosine, a.rel_l1, a.rel_l2
                    ));
                    umfa::Result::Ok(())
                };
            measure("bf16 attention", &mut |o| float(qv, kv, vv, o))?;
            measure("int8 (bf16 P·V)", &mut |o| {
                quantized(&integer, o).map(|_| ())
            })?;
            measure("int8 f32pv", &mut |o| quantized(&f32_pv, o).map(|_| ()))?;
            measure("int8 deq", &mut |o| quantized(&dequant, o).map(|_| ()))?;
        }
        let rate: Vec<f64> = times.iter().map(|t| flops / t / 1e9).collect();
        println!(
            "| {} | {shape:?} | {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.2}× | {:.2} |",
            case.name,
            case.causal,
            rate[0],
            rate[1],
            rate[2],
            rate[3],
            rate[4],
            rate[5],
            rate[2] / rate[0],
            quantize_ms
        );
        for (label, (t, r)) in [
            "bf16",
            "f32",
            "int8",
            "int8 f32pv",
            "int8 deq",
            "quant+int8",
        ]
        .iter()
        .zip(times.iter().zip(&rate))
        {
            json.push(format!(
                "{{\"case\":\"{}\",\"shape\":{shape:?},\"causal\":{},\"variant\":\"{label}\",\"ms\":{:.3},\"gflops\":{r:.1},\"int8_path\":\"{path:?}\"}}",
                case.name,
                case.causal,
                t * 1e3
            ));
        }
    }
    if !errors.is_empty() {
        println!("\n| case | path | cosine | rel. L1 | rel. L2 |\n| --- | --- | --- | --- | --- |");
        for line in errors {
            println!("{line}");
        }
    }
    println!();
    for line in json {
        println!("{line}");
    }
    Ok(())
}
