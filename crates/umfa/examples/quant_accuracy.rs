//! The accuracy table of quantized attention (docs/quant.md): every quantization configuration
//! on every backend present, against the f64 reference on the original float inputs (K with a
//! per-channel offset, as real models' keys have).
//!
//! `cargo run --release -p umfa --example quant_accuracy` prints a Markdown table.

use umfa::backend::statuses;
use umfa::quant::accuracy::{table_cases, table_configs, table_header, table_row, Inputs};
use umfa::quant::QuantConfig;
use umfa::{AttentionParams, Dims};

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
    println!("{}", table_header(&[]));
    let mut absent = Vec::new();
    for (label, dims, params) in table_cases() {
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
            for (name, config) in table_configs() {
                let (out, lse) = inputs.run(be.as_ref(), &config, params)?;
                let o = umfa::quant::Accuracy::measure(&out, &reference.out);
                let l = umfa::quant::Accuracy::measure(&lse, &reference.lse);
                println!(
                    "{}",
                    table_row(label, name, &s.kind.to_string(), &o, &l, &[])
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
