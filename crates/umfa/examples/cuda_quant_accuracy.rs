//! The accuracy table of quantized attention on CUDA device tensors: every configuration of
//! `examples/quant_accuracy.rs` (the rows, cases and format are shared:
//! `umfa::quant::accuracy::table_*`), plus CUDA-specific ones, on bf16 device inputs quantized by
//! the device quantizer (`umfa::cuda::quant::quantize_device`) and run by
//! `umfa::cuda::quant::forward`, against the f64 reference on the same (bf16) inputs. The inputs
//! are model-like: K carries a per-(head, channel) offset of standard deviation 4. Output bf16,
//! LSE f32. The last column says which kernel ran; where the default took the Hopper INT8 kernel,
//! a second row runs the mma.sync one.
//!
//! `cargo run --release -p umfa --features cuda --example cuda_quant_accuracy` prints a Markdown
//! table (the device on the first line).

#[cfg(not(feature = "cuda"))]
fn main() {
    eprintln!("built without the `cuda` feature");
}

#[cfg(feature = "cuda")]
fn main() {
    if let Err(e) = table::run() {
        eprintln!("cuda_quant_accuracy: {e}");
        std::process::exit(1);
    }
}

#[cfg(feature = "cuda")]
mod table {
    use umfa::cuda::quant::{self as cq, DeviceOperand, DeviceQuantized, QuantPath};
    use umfa::cuda::{synchronize, DeviceBuffer};
    use umfa::quant::accuracy::{table_cases, table_configs, table_header, table_row, Inputs};
    use umfa::quant::{Accuracy, Granularity as G, QuantConfig, QuantSpec};
    use umfa::*;

    /// Configurations beyond the shared ones that exercise the CUDA paths: INT8/INT4 mixes on
    /// the INT8 kernels, INT4 Q/K with INT8 V.
    fn cuda_configs() -> Vec<(&'static str, QuantConfig)> {
        vec![
            (
                "INT8 Q per row, INT4 K per block 64, K smoothed, asymmetric",
                QuantConfig {
                    q: Some(QuantSpec::int8(G::PerRow)),
                    k: Some(QuantSpec::int4(G::PerBlock(64)).asymmetric().smoothed(true)),
                    v: None,
                },
            ),
            (
                "INT4 Q/K per row, K smoothed, asymmetric; INT8 V per channel",
                QuantConfig {
                    q: Some(QuantSpec::int4(G::PerRow).asymmetric()),
                    k: Some(QuantSpec::int4(G::PerRow).asymmetric().smoothed(true)),
                    v: Some(QuantSpec::int8(G::PerChannel)),
                },
            ),
        ]
    }

    /// Input cases beyond the shared ones: a head dim only the mma.sync kernel takes, and a
    /// GQA decode step (one query row against a long cache).
    fn cuda_cases() -> Vec<(&'static str, Dims, AttentionParams<'static>)> {
        vec![
            (
                "B1 H4 S1000 D96, window 256 left",
                Dims {
                    batch: 1,
                    heads_q: 4,
                    heads_kv: 4,
                    seq_q: 1000,
                    seq_kv: 1000,
                    head_dim: 96,
                    head_dim_v: 96,
                },
                AttentionParams {
                    window: Some(Window {
                        left: Some(256),
                        right: Some(0),
                    }),
                    ..Default::default()
                },
            ),
            (
                "B2 H16/2 (GQA) Sq1 Sk4096 D128, decode",
                Dims {
                    batch: 2,
                    heads_q: 16,
                    heads_kv: 2,
                    seq_q: 1,
                    seq_kv: 4096,
                    head_dim: 128,
                    head_dim_v: 128,
                },
                AttentionParams {
                    causal: Some(CausalAlign::BottomRight),
                    ..Default::default()
                },
            ),
        ]
    }

    fn bf16_rounded(x: &[f32]) -> Vec<f32> {
        x.iter().map(|&v| bf16::from_f32(v).to_f32()).collect()
    }

    fn upload_bf16(x: &[f32]) -> Result<DeviceBuffer> {
        let bytes: Vec<u8> = x
            .iter()
            .flat_map(|&v| bf16::from_f32(v).to_le_bytes())
            .collect();
        DeviceBuffer::from_host(&bytes)
    }

    fn view<'a>(buf: &'a DeviceBuffer, dtype: DType, shape: &[usize]) -> Result<TensorRef<'a>> {
        // SAFETY: the buffer holds the whole contiguous tensor on device 0 and outlives the view.
        Ok(unsafe {
            TensorRef::from_raw(
                buf.device_ptr() as *const u8,
                buf.len(),
                Device::Cuda(0),
                dtype,
                Layout::contiguous(shape)?,
            )
        })
    }

    fn view_mut<'a>(buf: &'a DeviceBuffer, dtype: DType, shape: &[usize]) -> Result<TensorMut<'a>> {
        // SAFETY: as `view`; written only by the forward run here.
        Ok(unsafe {
            TensorMut::from_raw(
                buf.device_ptr() as *mut u8,
                buf.len(),
                Device::Cuda(0),
                dtype,
                Layout::contiguous(shape)?,
            )
        })
    }

    fn download(buf: &DeviceBuffer, dtype: DType) -> Result<Vec<f64>> {
        synchronize(0)?;
        let mut bytes = vec![0u8; buf.len()];
        buf.to_host(&mut bytes)?;
        Ok(match dtype {
            DType::BF16 => bytes
                .chunks(2)
                .map(|c| bf16::from_le_bytes([c[0], c[1]]).to_f64())
                .collect(),
            _ => bytes
                .chunks(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]) as f64)
                .collect(),
        })
    }

    fn kernel(path: &QuantPath) -> String {
        match path {
            QuantPath::Int8(t) => t.describe(),
            QuantPath::Dequantized { reason } => format!("dequantized: {reason}"),
        }
    }

    pub fn run() -> Result<()> {
        let be = backend(BackendKind::Cuda)?;
        println!(
            "Device: {}; bf16 inputs and output, f32 LSE; reference: f64 on the bf16 inputs\n",
            be.device_name()
        );
        println!("{}", table_header(&["kernel"]));
        let configs: Vec<_> = table_configs().into_iter().chain(cuda_configs()).collect();
        for (label, d, params) in table_cases().into_iter().chain(cuda_cases()) {
            let mut inputs = Inputs::model_like(d, 4.0, 7);
            inputs.q = bf16_rounded(&inputs.q);
            inputs.k = bf16_rounded(&inputs.k);
            inputs.v = bf16_rounded(&inputs.v);
            let reference = inputs.reference(params)?;
            let shapes = [
                [d.batch, d.heads_q, d.seq_q, d.head_dim],
                [d.batch, d.heads_kv, d.seq_kv, d.head_dim],
                [d.batch, d.heads_kv, d.seq_kv, d.head_dim_v],
                [d.batch, d.heads_q, d.seq_q, d.head_dim_v],
            ];
            let dev = [
                upload_bf16(&inputs.q)?,
                upload_bf16(&inputs.k)?,
                upload_bf16(&inputs.v)?,
            ];
            let out = DeviceBuffer::alloc(2 * shapes[3].iter().product::<usize>())?;
            let lse = DeviceBuffer::alloc(4 * d.batch * d.heads_q * d.seq_q)?;
            for (name, config) in &configs {
                let specs = [config.q, config.k, config.v];
                let mut quantized: Vec<Option<DeviceQuantized>> = Vec::new();
                for i in 0..3 {
                    let t = view(&dev[i], DType::BF16, &shapes[i])?;
                    quantized.push(specs[i].map(|s| cq::quantize_device(&t, &s)).transpose()?);
                }
                let row = |wgmma: Option<bool>| -> Result<QuantPath> {
                    cq::set_int8_wgmma(wgmma);
                    let mut ops = Vec::new();
                    for i in 0..3 {
                        ops.push(match &quantized[i] {
                            Some(t) => DeviceOperand::Quant(t),
                            None => DeviceOperand::Float(view(&dev[i], DType::BF16, &shapes[i])?),
                        });
                    }
                    let path = cq::forward(
                        ops[0],
                        ops[1],
                        ops[2],
                        params,
                        &mut ForwardOutputs {
                            out: view_mut(&out, DType::BF16, &shapes[3])?,
                            lse: Some(view_mut(&lse, DType::F32, &[d.batch, d.heads_q, d.seq_q])?),
                        },
                    );
                    cq::set_int8_wgmma(None);
                    let path = path?;
                    let o = Accuracy::measure(&download(&out, DType::BF16)?, &reference.out);
                    let l = Accuracy::measure(&download(&lse, DType::F32)?, &reference.lse);
                    println!(
                        "{}",
                        table_row(label, name, "cuda", &o, &l, &[&kernel(&path)])
                    );
                    Ok(path)
                };
                if let QuantPath::Int8(t) = row(None)? {
                    if t.wgmma {
                        row(Some(false))?;
                    }
                }
            }
        }
        Ok(())
    }
}
