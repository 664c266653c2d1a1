//! The accuracy table of quantized attention (docs/quant.md): every quantization configuration
//! on every backend present, against the f64 reference on the original float inputs (K with a
//! per-channel offset, as real models' keys have).
//!
//! `cargo run --release -p umfa --example quant_accuracy` prints a Markdown table.

use umfa::backend::statuses;
use umfa::quant::accuracy::Inputs;
use umfa::quant::{Granularity as G, QuantConfig, QuantSpec};
use umfa::{AttentionParams, CausalAlign, Dims};

fn configs() -> Vec<(&'static str, QuantConfig)> {
    let i8s = QuantSpec::int8;
    let i4s = QuantSpec::int4;
    let qk = |q: QuantSpec, k: QuantSpec| QuantConfig {
        q: Some(q),
        k: Some(k),
        v: None,
    };
    let v_only = |v: QuantSpec| QuantConfig {
        v: Some(v),
        ..QuantConfig::default()
    };
    vec![
        (
            "INT8 Q/K, SageAttention v1 (block 128/64, K smoothed)",
            QuantConfig::sage(),
        ),
        (
            "INT8 Q/K per tensor",
            qk(i8s(G::PerTensor), i8s(G::PerTensor)),
        ),
        (
            "INT8 Q/K per tensor, K smoothed",
            qk(i8s(G::PerTensor), i8s(G::PerTensor).smoothed(true)),
        ),
        ("INT8 Q/K per row", qk(i8s(G::PerRow), i8s(G::PerRow))),
        (
            "INT8 Q/K per row, K smoothed",
            qk(i8s(G::PerRow), i8s(G::PerRow).smoothed(true)),
        ),
        (
            "INT8 Q/K per block 64, asymmetric",
            qk(
                i8s(G::PerBlock(64)).asymmetric(),
                i8s(G::PerBlock(64)).asymmetric(),
            ),
        ),
        (
            "INT8 Q per row, K per channel",
            qk(i8s(G::PerRow), i8s(G::PerChannel)),
        ),
        (
            "INT4 Q/K per block 64",
            qk(i4s(G::PerBlock(64)), i4s(G::PerBlock(64))),
        ),
        (
            "INT4 Q/K per row, K smoothed",
            qk(i4s(G::PerRow), i4s(G::PerRow).smoothed(true)),
        ),
        (
            "INT4 Q/K per row, Q and K smoothed",
            qk(i4s(G::PerRow).smoothed(true), i4s(G::PerRow).smoothed(true)),
        ),
        (
            "INT4 Q/K per row, K smoothed, asymmetric",
            qk(
                i4s(G::PerRow).asymmetric(),
                i4s(G::PerRow).smoothed(true).asymmetric(),
            ),
        ),
        (
            "INT4 Q/K per block 16, K smoothed, asymmetric",
            qk(
                i4s(G::PerBlock(16)).asymmetric(),
                i4s(G::PerBlock(16)).smoothed(true).asymmetric(),
            ),
        ),
        (
            "INT4 Q per row, K per channel, K smoothed",
            qk(i4s(G::PerRow), i4s(G::PerChannel).smoothed(true)),
        ),
        ("INT8 V per channel", v_only(i8s(G::PerChannel))),
        ("INT8 V per row", v_only(i8s(G::PerRow))),
        ("INT4 V per channel", v_only(i4s(G::PerChannel))),
        (
            "INT8 Q/K/V (Sage Q/K, V per channel)",
            QuantConfig {
                v: Some(i8s(G::PerChannel)),
                ..QuantConfig::sage()
            },
        ),
    ]
}

/// Median seconds of `f` over `n` runs, after one warm-up.
fn median_secs(n: usize, mut f: impl FnMut() -> umfa::Result<()>) -> umfa::Result<f64> {
    f()?;
    let mut t = Vec::with_capacity(n);
    for _ in 0..n {
        let start = std::time::Instant::now();
        f()?;
        t.push(start.elapsed().as_secs_f64());
    }
    t.sort_by(f64::total_cmp);
    Ok(t[n / 2])
}

/// What runtime quantization costs on the CPU, where attention runs on the dequantized operands:
/// the quantizer and the dequantization against the f32 kernels' own time.
fn timing() -> umfa::Result<()> {
    let dims = Dims {
        batch: 1,
        heads_q: 8,
        heads_kv: 8,
        seq_q: 1024,
        seq_kv: 1024,
        head_dim: 64,
        head_dim_v: 64,
    };
    let inputs = Inputs::model_like(dims, 4.0, 11);
    let cpu = umfa::backend(umfa::BackendKind::Cpu)?;
    let [q, k, v] = inputs.views()?;
    let shape = [1, 8, 1024, 64];
    let mut out = vec![0f32; inputs.q.len()];
    let dense = median_secs(5, || {
        umfa::forward(
            &umfa::Attention::new(q, k, v),
            umfa::ForwardOutputs {
                out: umfa::TensorMut::new(&mut out, &shape)?,
                lse: None,
            },
        )
    })?;
    let sage = median_secs(5, || {
        umfa::quant::quantize_forward_on(
            cpu.as_ref(),
            q,
            k,
            v,
            &QuantConfig::sage(),
            AttentionParams::default(),
            &mut umfa::ForwardOutputs {
                out: umfa::TensorMut::new(&mut out, &shape)?,
                lse: None,
            },
        )
    })?;
    println!(
        "\nCPU time, B1 H8 S1024 D64 f32 inputs ({}): f32 attention {:.2} ms; runtime-quantized INT8 Q/K (Sage) {:.2} ms",
        cpu.device_name(),
        dense * 1e3,
        sage * 1e3
    );
    Ok(())
}

fn main() -> umfa::Result<()> {
    let cases = [
        (
            "B1 H8 S1024 D64, dense",
            Dims {
                batch: 1,
                heads_q: 8,
                heads_kv: 8,
                seq_q: 1024,
                seq_kv: 1024,
                head_dim: 64,
                head_dim_v: 64,
            },
            AttentionParams::default(),
        ),
        (
            "B2 H8/2 (GQA) S512 D128, causal",
            Dims {
                batch: 2,
                heads_q: 8,
                heads_kv: 2,
                seq_q: 512,
                seq_kv: 512,
                head_dim: 128,
                head_dim_v: 128,
            },
            AttentionParams {
                causal: Some(CausalAlign::TopLeft),
                ..Default::default()
            },
        ),
    ];
    println!("| inputs | configuration | backend | cosine | rel. L1 | rel. L2 | LSE rel. L2 |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    let mut absent = Vec::new();
    for (label, dims, params) in cases {
        let inputs = Inputs::model_like(dims, 4.0, 7);
        let reference = inputs.reference(params)?;
        for s in statuses() {
            let be = match &s.backend {
                Ok(be) => be,
                Err(why) => {
                    absent.push(format!("{}: {why}", s.kind));
                    continue;
                }
            };
            for (name, config) in configs() {
                let (out, lse) = inputs.run(be.as_ref(), &config, params)?;
                let o = umfa::quant::Accuracy::measure(&out, &reference.out);
                let l = umfa::quant::Accuracy::measure(&lse, &reference.lse);
                println!(
                    "| {label} | {name} | {} | {:.6} | {:.2e} | {:.2e} | {:.2e} |",
                    s.kind, o.cosine, o.rel_l1, o.rel_l2, l.rel_l2
                );
            }
        }
    }
    timing()?;
    absent.sort();
    absent.dedup();
    for a in absent {
        println!("\nNot measured on {a}");
    }
    Ok(())
}
