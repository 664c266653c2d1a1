//! Quantized attention on the CUDA backend: the device quantizer against the host quantizer
//! (bit for bit), the INT8 kernel and the device-dequantize fallback against the f64 reference on
//! the dequantized operands and against the unquantized f64 reference, with every mask, GQA and
//! odd sizes. Each case prints `ok   ...` or `FAIL ...` with its numbers. Without a usable GPU
//! every test prints why it is skipped and passes (with UMFA_REQUIRE_CUDA set it fails).

mod common;

use common::cuda::cuda;
use rand::{rngs::StdRng, Rng, SeedableRng};
use rand_distr::StandardNormal;
use umfa::cuda::quant::{self as cq, DeviceOperand, DeviceQuantized, QuantPath};
use umfa::cuda::{synchronize, DeviceBuffer};
use umfa::quant::accuracy::Inputs;
use umfa::quant::{self, Accuracy, Granularity as G, QuantConfig, QuantSpec};
use umfa::reference;
use umfa::*;

/// A device copy of f32 values as `dtype`, and its view.
struct Dev {
    buf: DeviceBuffer,
    dtype: DType,
    shape: Vec<usize>,
}

impl Dev {
    fn new(values: &[f32], shape: &[usize], dtype: DType) -> Dev {
        let bytes: Vec<u8> = match dtype {
            DType::F32 => values.iter().flat_map(|x| x.to_le_bytes()).collect(),
            DType::F16 => values
                .iter()
                .flat_map(|&x| f16::from_f32(x).to_le_bytes())
                .collect(),
            DType::BF16 => values
                .iter()
                .flat_map(|&x| bf16::from_f32(x).to_le_bytes())
                .collect(),
            DType::U8 => values.iter().map(|&x| x as u8).collect(),
        };
        Dev {
            buf: DeviceBuffer::from_host(&bytes).expect("upload"),
            dtype,
            shape: shape.to_vec(),
        }
    }
    /// NaN-poisoned (all bytes 0xff) output.
    fn poisoned(shape: &[usize], dtype: DType) -> Dev {
        let n: usize = shape.iter().product::<usize>() * dtype.size_bytes();
        Dev {
            buf: DeviceBuffer::from_host(&vec![0xffu8; n]).expect("upload"),
            dtype,
            shape: shape.to_vec(),
        }
    }
    fn view(&self) -> TensorRef<'_> {
        // SAFETY: the buffer holds the whole contiguous tensor on device 0.
        unsafe {
            TensorRef::from_raw(
                self.buf.device_ptr() as *const u8,
                self.buf.len(),
                Device::Cuda(0),
                self.dtype,
                Layout::contiguous(&self.shape).unwrap(),
            )
        }
    }
    fn view_mut(&mut self) -> TensorMut<'_> {
        // SAFETY: as `view`, written only through this view.
        unsafe {
            TensorMut::from_raw(
                self.buf.device_ptr() as *mut u8,
                self.buf.len(),
                Device::Cuda(0),
                self.dtype,
                Layout::contiguous(&self.shape).unwrap(),
            )
        }
    }
    fn values(&self) -> Vec<f64> {
        synchronize(0).expect("sync");
        let mut bytes = vec![0u8; self.buf.len()];
        self.buf.to_host(&mut bytes).expect("download");
        match self.dtype {
            DType::F32 => bytes
                .chunks(4)
                .map(|c| f32::from_le_bytes(c.try_into().unwrap()) as f64)
                .collect(),
            DType::F16 => bytes
                .chunks(2)
                .map(|c| f16::from_le_bytes([c[0], c[1]]).to_f64())
                .collect(),
            DType::BF16 => bytes
                .chunks(2)
                .map(|c| bf16::from_le_bytes([c[0], c[1]]).to_f64())
                .collect(),
            DType::U8 => bytes.iter().map(|&b| b as f64).collect(),
        }
    }
}

/// Values as `dtype` would round them.
fn rounded(values: &[f32], dtype: DType) -> Vec<f32> {
    match dtype {
        DType::F16 => values.iter().map(|&x| f16::from_f32(x).to_f32()).collect(),
        DType::BF16 => values.iter().map(|&x| bf16::from_f32(x).to_f32()).collect(),
        _ => values.to_vec(),
    }
}

fn dims(b: usize, hq: usize, hkv: usize, sq: usize, sk: usize, d: usize) -> Dims {
    Dims {
        batch: b,
        heads_q: hq,
        heads_kv: hkv,
        seq_q: sq,
        seq_kv: sk,
        head_dim: d,
        head_dim_v: d,
    }
}

/// Compares a device quantization with the host's, bit for bit; prints one line.
fn compare_tables(
    what: &str,
    got: Result<quant::QuantizedTensor>,
    want: &quant::QuantizedTensor,
) -> bool {
    let got = match got {
        Ok(g) => g,
        Err(e) => {
            println!("FAIL quantizer {what}: {e}");
            return false;
        }
    };
    let data_diff = got
        .data
        .iter()
        .zip(&want.data)
        .filter(|(a, b)| a != b)
        .count()
        + got.data.len().abs_diff(want.data.len());
    let scale_diff = got
        .scales
        .iter()
        .zip(&want.scales)
        .filter(|(a, b)| a.to_bits() != b.to_bits())
        .count()
        + got.scales.len().abs_diff(want.scales.len());
    let zp_ok = got.zero_points == want.zero_points;
    let mean_ok = match (&got.mean, &want.mean) {
        (Some(a), Some(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
        }
        (None, None) => true,
        _ => false,
    };
    let ok = data_diff == 0 && scale_diff == 0 && zp_ok && mean_ok;
    println!(
        "{} quantizer {what}: data differs at {data_diff}, scales at {scale_diff} (bitwise), zero points {}, mean {}",
        if ok { "ok  " } else { "FAIL" },
        if zp_ok { "equal" } else { "DIFFER" },
        if mean_ok { "equal" } else { "DIFFERS" },
    );
    ok
}

/// How a quantizer case lays its tensor out in device memory.
#[derive(Clone, Copy, Debug)]
enum QLayout {
    /// Contiguous `[B, H, S, D]`.
    Contiguous,
    /// `[B, S, H, D]` memory viewed as `[B, H, S, D]` (rows contiguous, heads interleaved).
    Bshd,
    /// Every other element of a buffer twice as long (channel stride 2: the scalar path).
    Stride2,
}

#[test]
fn quantizer_tables_equal_the_host_quantizers() {
    if cuda().is_none() {
        return;
    }
    let mut failed = 0;
    // The 8-wide path (contiguous, BSHD), the scalar one (D not a multiple of 8, channel stride
    // 2); several runs of 64 rows (S 200, 300), blocks across runs (96), a single row.
    for (shape, dtype, lay) in [
        ([2, 3, 77, 64], DType::BF16, QLayout::Contiguous),
        ([1, 2, 200, 128], DType::F16, QLayout::Contiguous),
        ([1, 1, 1, 32], DType::F32, QLayout::Contiguous),
        ([2, 2, 300, 64], DType::BF16, QLayout::Bshd),
        ([1, 2, 70, 36], DType::F16, QLayout::Contiguous),
        ([1, 2, 130, 32], DType::F32, QLayout::Stride2),
    ] {
        let [_, h, sq, d] = shape;
        let n: usize = shape.iter().product();
        // Model-like: a per-channel offset, so smoothing matters.
        let x: Vec<f32> = (0..n)
            .map(|i| ((i * 7919 % 1013) as f32 / 506.0 - 1.0) * 2.0 + (i % d) as f32 * 0.1)
            .collect();
        let x = rounded(&x, dtype);
        // The device buffer (in `lay`'s memory order) and its strides.
        let (mem, strides): (Vec<f32>, [isize; 4]) = match lay {
            QLayout::Contiguous => (
                x.clone(),
                [(h * sq * d) as isize, (sq * d) as isize, d as isize, 1],
            ),
            QLayout::Bshd => {
                let mut m = vec![0.0f32; n];
                for (i, &v) in x.iter().enumerate() {
                    let (dd, ss, hh, bb) = (i % d, i / d % sq, i / (d * sq) % h, i / (d * sq * h));
                    m[((bb * sq + ss) * h + hh) * d + dd] = v;
                }
                (m, [(sq * h * d) as isize, d as isize, (h * d) as isize, 1])
            }
            QLayout::Stride2 => (
                x.iter().flat_map(|&v| [v, 0.0]).collect(),
                [
                    (2 * h * sq * d) as isize,
                    (2 * sq * d) as isize,
                    2 * d as isize,
                    2,
                ],
            ),
        };
        let dev = Dev::new(&mem, &[mem.len()], dtype);
        // SAFETY: the strides stay inside the uploaded buffer.
        let view = unsafe {
            TensorRef::from_raw(
                dev.buf.device_ptr() as *const u8,
                dev.buf.len(),
                Device::Cuda(0),
                dtype,
                Layout::strided(&shape, &strides).unwrap(),
            )
        };
        let host = TensorRef::new(&x, &shape).unwrap();
        for int4 in [false, true] {
            for g in [
                G::PerTensor,
                G::PerRow,
                G::PerBlock(16),
                G::PerBlock(64),
                G::PerBlock(96),
                G::PerChannel,
            ] {
                for symmetric in [true, false] {
                    for smooth in [false, true] {
                        let mut spec = if int4 {
                            QuantSpec::int4(g)
                        } else {
                            QuantSpec::int8(g)
                        }
                        .smoothed(smooth);
                        if !symmetric {
                            spec = spec.asymmetric();
                        }
                        let want = quant::quantize(&host, &spec, "x").expect("host quantizer");
                        let got = cq::quantize_device(&view, &spec).and_then(|t| t.to_host());
                        let what = format!("{shape:?} {dtype} {lay:?} {}", spec.label());
                        failed += !compare_tables(&what, got, &want) as usize;
                    }
                }
            }
        }
    }
    // Several tensors with one synchronisation (what quantize_forward_on does).
    {
        let shape = [1, 2, 96, 64];
        let n: usize = shape.iter().product();
        let x: Vec<f32> = (0..n)
            .map(|i| (i % 41) as f32 / 7.0 - 3.0 + (i % 64) as f32 * 0.05)
            .collect();
        let dev = Dev::new(&x, &shape, DType::BF16);
        let xr = rounded(&x, DType::BF16);
        let host = TensorRef::new(&xr, &shape).unwrap();
        let specs = [
            QuantSpec::int8(G::PerBlock(128)),
            QuantSpec::int8(G::PerBlock(64)).smoothed(true),
            QuantSpec::int4(G::PerRow).asymmetric().smoothed(true),
        ];
        let inputs: Vec<_> = specs.iter().map(|s| (dev.view(), *s)).collect();
        match cq::quantize_device_many(&inputs) {
            Ok(made) => {
                for (t, spec) in made.iter().zip(&specs) {
                    let want = quant::quantize(&host, spec, "x").unwrap();
                    let what = format!("many: {}", spec.label());
                    failed += !compare_tables(&what, t.to_host(), &want) as usize;
                }
            }
            Err(e) => {
                failed += 1;
                println!("FAIL quantizer many: {e}");
            }
        }
    }
    // A non-finite input is an error naming the element (the smallest index of several).
    for (spec, dtype) in [
        (QuantSpec::int8(G::PerRow), DType::F32),
        (QuantSpec::int8(G::PerChannel).smoothed(true), DType::F32),
        (QuantSpec::int4(G::PerBlock(16)).smoothed(true), DType::BF16),
        (QuantSpec::int8(G::PerTensor), DType::F16),
    ] {
        let mut bad = vec![0.5f32; 2 * 64 * 32];
        bad[3 * 32 + 5] = f32::NAN;
        bad[40 * 32 + 1] = f32::INFINITY;
        bad[64 * 32 + 2] = f32::NEG_INFINITY;
        let dev = Dev::new(&bad, &[1, 2, 64, 32], dtype);
        match cq::quantize_device(&dev.view(), &spec) {
            Err(e) if e.to_string().contains("[0, 0, 3, 5]") => {
                println!("ok   non-finite input ({} {dtype}): {e}", spec.label())
            }
            other => {
                failed += 1;
                println!(
                    "FAIL non-finite input ({}): {:?}",
                    spec.label(),
                    other.map(|_| ())
                );
            }
        }
    }
    assert_eq!(failed, 0, "{failed} quantizer cases failed");
}

/// Options of a forward case; masks are built from host data and uploaded.
#[derive(Clone, Copy, Debug)]
enum Masking {
    None,
    Causal(CausalAlign),
    Window(usize, usize),
    Bool,
    Blocks,
    SoftcapSinks,
}

struct Case {
    d: Dims,
    masking: Masking,
    config: QuantConfig,
    out_dtype: DType,
    /// Whether the INT8 kernel must take it (else the device-dequantize fallback); INT4 Q or K
    /// run on it unpacked.
    int8: bool,
    /// Issue 7's target against unquantized attention, (min cosine, max rel. L1), where one
    /// applies: INT8 Q/K cosine ≥ 0.9995 and rel. L1 ≤ 0.02; INT4 Q/K with smoothing cosine
    /// ≥ 0.99; INT8 V cosine ≥ 0.999.
    target: Option<(f64, f64)>,
}

/// Issue 7's INT8 Q/K target.
const INT8_QK: (f64, f64) = (0.9995, 0.02);
/// Issue 7's INT4 Q/K-with-smoothing target (no bound on rel. L1).
const INT4_QK_SMOOTHED: (f64, f64) = (0.99, f64::INFINITY);
/// Issue 7's INT8 V target (no bound on rel. L1).
const INT8_V: (f64, f64) = (0.999, f64::INFINITY);

/// INT4 Q and K per row, K smoothed, asymmetric: the configuration the CPU test holds to the
/// INT4 target (tests/quant.rs).
fn int4_row_smoothed_asym() -> QuantConfig {
    QuantConfig {
        q: Some(QuantSpec::int4(G::PerRow).asymmetric()),
        k: Some(QuantSpec::int4(G::PerRow).asymmetric().smoothed(true)),
        v: None,
    }
}

fn sage_row() -> QuantConfig {
    QuantConfig {
        q: Some(QuantSpec::int8(G::PerRow)),
        k: Some(QuantSpec::int8(G::PerRow).smoothed(true)),
        v: None,
    }
}

fn cases() -> Vec<Case> {
    let c = |d, masking, config, out_dtype, int8| Case {
        d,
        masking,
        config,
        out_dtype,
        int8,
        // Bool and block masks leave rows with few keys, where the error concentrates.
        target: (int8 && !matches!(masking, Masking::Bool | Masking::Blocks)).then_some(INT8_QK),
    };
    let with_target = |case: Case, target| Case {
        target: Some(target),
        ..case
    };
    let no_target = |case: Case| Case {
        target: None,
        ..case
    };
    let sage = QuantConfig::sage();
    let bf = DType::BF16;
    let int4 = int4_row_smoothed_asym();
    let i4 = QuantSpec::int4;
    vec![
        c(dims(1, 4, 4, 256, 256, 64), Masking::None, sage, bf, true),
        c(
            dims(2, 4, 2, 300, 260, 128),
            Masking::Causal(CausalAlign::BottomRight),
            sage,
            bf,
            true,
        ),
        c(
            dims(1, 2, 1, 200, 333, 128),
            Masking::Causal(CausalAlign::TopLeft),
            sage_row(),
            bf,
            true,
        ),
        c(
            dims(1, 2, 2, 257, 300, 64),
            Masking::Window(50, 10),
            sage,
            DType::F16,
            true,
        ),
        c(
            dims(1, 2, 2, 150, 170, 128),
            Masking::Bool,
            sage_row(),
            bf,
            true,
        ),
        c(
            dims(1, 2, 2, 384, 384, 128),
            Masking::Blocks,
            sage,
            bf,
            true,
        ),
        c(
            dims(2, 4, 1, 130, 190, 128),
            Masking::SoftcapSinks,
            sage,
            bf,
            true,
        ),
        c(dims(1, 2, 2, 1, 1000, 128), Masking::None, sage, bf, true),
        c(
            dims(1, 2, 2, 17, 17, 64),
            Masking::Causal(CausalAlign::TopLeft),
            sage,
            bf,
            true,
        ),
        c(
            dims(1, 2, 2, 1000, 1000, 128),
            Masking::None,
            sage_row(),
            DType::F32,
            true,
        ),
        c(dims(1, 2, 2, 100, 120, 96), Masking::None, sage, bf, true),
        // The fallback: head dims without an INT8 tile, and configurations whose scales do not
        // factor out of the integer product.
        c(dims(1, 2, 2, 100, 120, 80), Masking::None, sage, bf, false),
        c(
            dims(1, 2, 1, 100, 120, 256),
            Masking::Causal(CausalAlign::BottomRight),
            sage,
            bf,
            false,
        ),
        c(
            dims(1, 2, 2, 128, 160, 64),
            Masking::None,
            QuantConfig {
                q: Some(QuantSpec::int8(G::PerRow)),
                k: Some(QuantSpec::int8(G::PerChannel).smoothed(true)),
                v: None,
            },
            bf,
            false,
        ),
        c(
            dims(1, 2, 2, 128, 160, 64),
            Masking::None,
            QuantConfig {
                q: Some(QuantSpec::int8(G::PerBlock(64)).asymmetric()),
                k: Some(QuantSpec::int8(G::PerBlock(64)).asymmetric()),
                v: Some(QuantSpec::int8(G::PerChannel)),
            },
            bf,
            false,
        ),
        // INT8 V (per channel) with Sage's INT8 Q/K: V is dequantized to 16 bits on the device,
        // Q·Kᵀ stays on the INT8 kernel; issue 7's INT8 V target.
        with_target(
            c(
                dims(1, 4, 2, 256, 256, 128),
                Masking::None,
                QuantConfig {
                    v: Some(QuantSpec::int8(G::PerChannel)),
                    ..sage
                },
                bf,
                true,
            ),
            INT8_V,
        ),
        // INT4 Q and K on the INT8 kernels (unpacked to s8 in shared memory, zero points
        // subtracted there): the CPU test's configuration against issue 7's INT4 target, dense
        // and causal with GQA, both head dims of the Hopper kernel and one it does not take.
        with_target(
            c(dims(1, 4, 4, 256, 256, 64), Masking::None, int4, bf, true),
            INT4_QK_SMOOTHED,
        ),
        with_target(
            c(
                dims(2, 4, 2, 128, 192, 128),
                Masking::Causal(CausalAlign::BottomRight),
                int4,
                bf,
                true,
            ),
            INT4_QK_SMOOTHED,
        ),
        with_target(
            c(
                dims(1, 2, 2, 300, 260, 96),
                Masking::None,
                int4,
                DType::F32,
                true,
            ),
            INT4_QK_SMOOTHED,
        ),
        // Symmetric INT4, per block without smoothing (no target: CPU cosine ~0.9), per tensor
        // with K smoothed; odd sizes, windows, f16 output.
        no_target(c(
            dims(1, 2, 1, 200, 333, 128),
            Masking::Causal(CausalAlign::TopLeft),
            QuantConfig {
                q: Some(i4(G::PerBlock(64))),
                k: Some(i4(G::PerBlock(64))),
                v: None,
            },
            bf,
            true,
        )),
        no_target(c(
            dims(1, 2, 2, 257, 300, 64),
            Masking::Window(50, 10),
            QuantConfig {
                q: Some(i4(G::PerTensor)),
                k: Some(i4(G::PerTensor).smoothed(true)),
                v: None,
            },
            DType::F16,
            true,
        )),
        // Mixed widths: INT8 Q with INT4 K (per block of 16, asymmetric, smoothed), and INT4 Q
        // (asymmetric, per block) with INT8 K under a softcap and sinks (the smoothing term
        // q·mean of an INT4 Q with zero points enters every score there).
        no_target(c(
            dims(1, 4, 2, 17, 1000, 128),
            Masking::Causal(CausalAlign::BottomRight),
            QuantConfig {
                q: Some(QuantSpec::int8(G::PerRow)),
                k: Some(i4(G::PerBlock(16)).asymmetric().smoothed(true)),
                v: None,
            },
            bf,
            true,
        )),
        no_target(c(
            dims(2, 4, 1, 130, 190, 128),
            Masking::SoftcapSinks,
            QuantConfig {
                q: Some(i4(G::PerBlock(32)).asymmetric()),
                k: Some(QuantSpec::int8(G::PerBlock(64)).smoothed(true)),
                v: None,
            },
            bf,
            true,
        )),
        no_target(c(
            dims(1, 2, 2, 150, 170, 64),
            Masking::Bool,
            int4,
            bf,
            true,
        )),
        // INT4 V (per channel) and INT4 with per-channel K stay on the fallback.
        c(
            dims(1, 2, 2, 128, 160, 64),
            Masking::None,
            QuantConfig {
                q: Some(i4(G::PerRow)),
                k: Some(i4(G::PerChannel).smoothed(true)),
                v: Some(i4(G::PerChannel)),
            },
            bf,
            false,
        ),
    ]
}

/// Host and device copies of one case's masks, and the parameters over each.
struct Masks {
    mask: Vec<u8>,
    blocks: Vec<u8>,
    sinks: Vec<f32>,
    dev: Vec<Dev>,
}

impl Masks {
    fn new(c: &Case) -> Masks {
        let d = c.d;
        let mask: Vec<u8> = (0..d.seq_q * d.seq_kv)
            .map(|i| ((i * 2654435761usize) >> 7) as u8 % 4)
            .collect();
        let (bq, bk) = (64, 64);
        let blocks: Vec<u8> = (0..d.seq_q.div_ceil(bq) * d.seq_kv.div_ceil(bk))
            .map(|i| (i % 3) as u8)
            .collect();
        let sinks: Vec<f32> = (0..d.heads_q).map(|h| h as f32 * 0.5 - 0.3).collect();
        let dev = vec![
            Dev::new(
                &mask.iter().map(|&x| x as f32).collect::<Vec<_>>(),
                &[d.seq_q, d.seq_kv],
                DType::U8,
            ),
            Dev::new(
                &blocks.iter().map(|&x| x as f32).collect::<Vec<_>>(),
                &[d.seq_q.div_ceil(bq), d.seq_kv.div_ceil(bk)],
                DType::U8,
            ),
            Dev::new(&sinks, &[d.heads_q], DType::F32),
        ];
        Masks {
            mask,
            blocks,
            sinks,
            dev,
        }
    }

    /// The parameters over the device copies (`device`) or the host copies.
    fn params(&self, c: &Case, device: bool) -> AttentionParams<'_> {
        let d = c.d;
        let (m, b, s) = if device {
            (self.dev[0].view(), self.dev[1].view(), self.dev[2].view())
        } else {
            (
                TensorRef::new(&self.mask, &[d.seq_q, d.seq_kv]).unwrap(),
                TensorRef::new(&self.blocks, &[d.seq_q.div_ceil(64), d.seq_kv.div_ceil(64)])
                    .unwrap(),
                TensorRef::new(&self.sinks, &[d.heads_q]).unwrap(),
            )
        };
        let mut p = AttentionParams::default();
        match c.masking {
            Masking::None => {}
            Masking::Causal(a) => p.causal = Some(a),
            Masking::Window(l, r) => {
                p.window = Some(Window {
                    left: Some(l),
                    right: Some(r),
                })
            }
            Masking::Bool => {
                p.mask = Some(Mask {
                    kind: MaskKind::Bool,
                    tensor: m,
                })
            }
            Masking::Blocks => {
                p.block_mask = Some(BlockMask {
                    block_q: 64,
                    block_k: 64,
                    classes: b,
                });
                p.causal = Some(CausalAlign::BottomRight);
            }
            Masking::SoftcapSinks => {
                p.softcap = Some(5.0);
                p.sinks = Some(s);
            }
        }
        p
    }
}

fn shapes(d: Dims) -> [[usize; 4]; 4] {
    [
        [d.batch, d.heads_q, d.seq_q, d.head_dim],
        [d.batch, d.heads_kv, d.seq_kv, d.head_dim],
        [d.batch, d.heads_kv, d.seq_kv, d.head_dim_v],
        [d.batch, d.heads_q, d.seq_q, d.head_dim_v],
    ]
}

/// The f64 reference of attention on host tensors `[q, k, v]` with `params`.
fn reference_of(x: [&[f32]; 3], d: Dims, params: AttentionParams) -> reference::RefForward {
    let s = shapes(d);
    let attn = Attention::new(
        TensorRef::new(x[0], &s[0]).unwrap(),
        TensorRef::new(x[1], &s[1]).unwrap(),
        TensorRef::new(x[2], &s[2]).unwrap(),
    )
    .with_params(params);
    reference::forward(&validate::problem(&attn).expect("valid reference problem"))
}

/// Largest |a − r| over finite reference entries, and whether a non-finite entry disagrees.
fn max_abs(a: &[f64], r: &[f64]) -> (f64, bool) {
    let mut worst = 0.0f64;
    let mut mismatch = false;
    for (&x, &y) in a.iter().zip(r) {
        if y.is_finite() {
            worst = worst.max((x - y).abs());
            mismatch |= !x.is_finite();
        } else {
            mismatch |= x != y;
        }
    }
    (worst, mismatch)
}

#[test]
fn int8_forward_matches_the_references() {
    forward_cases(false, false, false, false);
}

/// The same cases on the Hopper INT8 kernel (`quant_int8_wgmma_fwd.cu`, the default on sm_90): where it
/// applies (sm_90, D = 64 or 128) it must be the kernel that ran; elsewhere the mma.sync kernel
/// does. The fallback cases are left to the test above.
#[test]
fn int8_wgmma_forward_matches_the_references() {
    forward_cases(true, false, false, false);
}

/// The Hopper INT8 kernel with K and V copied by TMA (opt-in, `UMFA_CUDA_INT8_TMA=1`; set for
/// this thread only): it must run wherever it applies (sm_90, D = 128, INT8 K).
#[test]
fn int8_wgmma_tma_forward_matches_the_references() {
    forward_cases(true, true, false, false);
}

/// The Hopper INT8 kernel with the scales of K folded into the softmax's exponent where aligned
/// 64-key runs share one (the default; `UMFA_CUDA_INT8_KEY_RUNS=0` turns it off, and the tests
/// above run without it), with K and V by cp.async and by TMA: it must run wherever K's
/// granularity allows, and meet the same targets as the kernel that dequantizes every score.
#[test]
fn int8_key_runs_forward_matches_the_references() {
    forward_cases(true, false, false, true);
    forward_cases(true, true, false, true);
}

/// The Hopper INT8 kernel with FP8 P·V (opt-in, `UMFA_CUDA_INT8_PV_FP8=1`, on its TMA path; set
/// for this thread only): V converted to e4m3 per channel and P to e4m3, so the result carries
/// their rounding besides the Q/K quantization: held to a relative L2 of 5e-2 against attention
/// on the dequantized Q/K with float V, and to cosine ≥ 0.999 and relative L1 ≤ 0.05 against
/// unquantized attention (issue 7's target for INT8 V) on every case it runs.
#[test]
fn int8_fp8_pv_forward_matches_the_references() {
    forward_cases(true, true, true, false);
}

fn forward_cases(wgmma: bool, tma: bool, pv_fp8: bool, key_runs: bool) {
    let Some(be) = cuda() else {
        return;
    };
    // Per thread (each test runs on its own): this test's choice only.
    cq::set_int8_wgmma(Some(wgmma));
    cq::set_int8_tma(Some(tma));
    cq::set_int8_pv_fp8(Some(pv_fp8));
    cq::set_int8_key_runs(Some(key_runs));
    let hopper = be.device_name().contains("sm_90");
    let seed = 0x5eed_0001;
    let in_dtype = DType::BF16;
    let mut failed = 0;
    for (n, c) in cases().iter().enumerate() {
        if wgmma && !c.int8 {
            continue;
        }
        let d = c.d;
        let s = shapes(d);
        let inputs = Inputs::model_like(d, 4.0, seed + n as u64);
        let [q, k, v] = [&inputs.q, &inputs.k, &inputs.v].map(|x| rounded(x, in_dtype));
        let dev = [
            Dev::new(&q, &s[0], in_dtype),
            Dev::new(&k, &s[1], in_dtype),
            Dev::new(&v, &s[2], in_dtype),
        ];
        let masks = Masks::new(c);
        let quantize = |i: usize, spec: Option<QuantSpec>| -> Option<DeviceQuantized> {
            spec.map(|sp| cq::quantize_device(&dev[i].view(), &sp).expect("device quantizer"))
        };
        let qt = [
            quantize(0, c.config.q),
            quantize(1, c.config.k),
            quantize(2, c.config.v),
        ];
        let op = |i: usize| match &qt[i] {
            Some(t) => DeviceOperand::Quant(t),
            None => DeviceOperand::Float(dev[i].view()),
        };
        let mut out = Dev::poisoned(&s[3], c.out_dtype);
        let mut lse = Dev::poisoned(&[d.batch, d.heads_q, d.seq_q], DType::F32);
        let path = cq::forward(
            op(0),
            op(1),
            op(2),
            masks.params(c, true),
            &mut ForwardOutputs {
                out: out.view_mut(),
                lse: Some(lse.view_mut()),
            },
        );
        let label = format!(
            "b{} h{}/{} s{}x{} d{} {:?} {} out {}",
            d.batch,
            d.heads_q,
            d.heads_kv,
            d.seq_q,
            d.seq_kv,
            d.head_dim,
            c.masking,
            c.config.label(),
            c.out_dtype
        );
        let path = match path {
            Ok(p) => p,
            Err(e) => {
                failed += 1;
                println!("FAIL {label}: {e}");
                continue;
            }
        };
        let (o, l) = (out.values(), lse.values());
        // (a) Against attention on the dequantized operands (what quantized attention means).
        let deq = |i: usize, x: &Vec<f32>| -> Vec<f32> {
            qt[i]
                .as_ref()
                .map_or(x.clone(), |t| t.to_host().expect("host copy").dequantize())
        };
        let (dq, dk, dv) = (deq(0, &q), deq(1, &k), deq(2, &v));
        let exact = reference_of([&dq, &dk, &dv], d, masks.params(c, false));
        let a = Accuracy::measure(&o, &exact.out);
        let (lse_err, lse_bad) = max_abs(&l, &exact.lse);
        // P and V are rounded to 16 bits in the P·V product, O to the output dtype: a relative
        // L2 of 1e-2 is ~3x bf16's unit roundoff. The INT8 kernel's LSE is exact up to f32
        // (integer products); the fallback rounds the dequantized Q and K to the 16-bit dtype
        // the fast kernels take, which moves each score by up to ~|q·k|·scale·2⁻⁸ (bf16), so
        // its LSE is held to that of a bf16 forward instead.
        let lse_tol = if matches!(path, QuantPath::Int8(_)) {
            2e-3
        } else {
            4e-2
        };
        // FP8 P·V rounds P and V to e4m3 (3 mantissa bits) as well.
        let fp8_ran = matches!(&path, QuantPath::Int8(t) if t.pv_fp8);
        let l2_tol = if fp8_ran { 5e-2 } else { 1e-2 };
        let exact_ok =
            a.rel_l2 <= l2_tol && lse_err <= lse_tol && !lse_bad && o.iter().all(|x| x.is_finite());
        // (b) Against unquantized attention on the float inputs: the accuracy targets.
        let plain = reference_of([&q, &k, &v], d, masks.params(c, false));
        let b = Accuracy::measure(&o, &plain.out);
        // FP8 P·V adds e4m3's rounding of P and V to the case's own target: cosine held to no
        // more than 0.999, rel. L1 to no less than 0.05 (INT4 cases keep their looser target).
        let target = c.target.map(|(cos, l1)| {
            if fp8_ran {
                (cos.min(0.999), l1.max(0.05))
            } else {
                (cos, l1)
            }
        });
        let target_ok = target.is_none_or(|(cos, l1)| b.cosine >= cos && b.rel_l1 <= l1);
        let want_wgmma = wgmma && hopper && matches!(d.head_dim, 64 | 128);
        let is_int4 = |s: Option<QuantSpec>| s.is_some_and(|s| s.dtype == quant::QuantDType::Int4);
        let path_ok = match &path {
            QuantPath::Int8(t) => {
                c.int8
                    && t.wgmma == want_wgmma
                    && t.tma == (tma && want_wgmma && d.head_dim == 128 && !is_int4(c.config.k))
                    && t.pv_fp8 == (pv_fp8 && t.tma)
                    && t.key_runs == (key_runs && t.wgmma && key_runs_of_64(c.config.k))
                    && t.q_int4 == is_int4(c.config.q)
                    && t.k_int4 == is_int4(c.config.k)
            }
            QuantPath::Dequantized { .. } => !c.int8,
        };
        let ok = exact_ok && path_ok && target_ok;
        failed += !ok as usize;
        let target = match target {
            Some((cos, l1)) if l1.is_finite() => {
                format!(" (>= {cos}), rel L1 {:.2e} (<= {l1})", b.rel_l1)
            }
            Some((cos, _)) => format!(" (>= {cos}), rel L1 {:.2e}", b.rel_l1),
            None => format!(" (no target), rel L1 {:.2e}", b.rel_l1),
        };
        println!(
            "{} {label}: {path:?}; vs dequantized: rel L2 {:.2e} (<= {l2_tol:.0e}), LSE max abs {lse_err:.2e} (<= {lse_tol:.0e}){}; vs float: cosine {:.6}{target}",
            if ok { "ok  " } else { "FAIL" },
            a.rel_l2,
            if lse_bad { ", non-finite LSE where the reference is finite (or the reverse)" } else { "" },
            b.cosine,
        );
    }
    cq::set_int8_wgmma(None);
    cq::set_int8_tma(None);
    cq::set_int8_pv_fp8(None);
    cq::set_int8_key_runs(None);
    assert_eq!(
        failed, 0,
        "{failed} forward cases failed (see the FAIL lines; wgmma {wgmma}, tma {tma}, fp8 P·V {pv_fp8}, key runs {key_runs})"
    );
}

/// Whether K's scales are shared by aligned runs of 64 keys (the Hopper kernel's key runs).
fn key_runs_of_64(k: Option<QuantSpec>) -> bool {
    k.is_some_and(|k| match k.granularity {
        G::PerTensor => true,
        G::PerBlock(n) => n % 64 == 0,
        _ => false,
    })
}

/// The public entry points reach the device path: `quantize_forward_on` on device tensors, and
/// `forward_on` with host-quantized operands and device V and outputs.
#[test]
fn public_entry_points_run_on_the_device() {
    let Some(be) = cuda() else {
        return;
    };
    let d = dims(1, 4, 2, 256, 256, 128);
    let s = shapes(d);
    let inputs = Inputs::model_like(d, 4.0, 7);
    let [q, k, v] = [&inputs.q, &inputs.k, &inputs.v].map(|x| rounded(x, DType::BF16));
    let dev = [
        Dev::new(&q, &s[0], DType::BF16),
        Dev::new(&k, &s[1], DType::BF16),
        Dev::new(&v, &s[2], DType::BF16),
    ];
    let causal = AttentionParams {
        causal: Some(CausalAlign::BottomRight),
        ..Default::default()
    };
    let plain = reference_of([&q, &k, &v], d, causal);
    let mut failed = 0;

    let mut out = Dev::poisoned(&s[3], DType::BF16);
    quant::quantize_forward_on(
        be.as_ref(),
        dev[0].view(),
        dev[1].view(),
        dev[2].view(),
        &QuantConfig::sage(),
        causal,
        &mut ForwardOutputs {
            out: out.view_mut(),
            lse: None,
        },
    )
    .expect("quantize_forward_on on device tensors");
    let a = Accuracy::measure(&out.values(), &plain.out);
    failed += !meets_sage_target("quantize_forward_on (device tensors, sage, causal)", &a) as usize;

    let qh = quant::quantize(
        &TensorRef::new(&q, &s[0]).unwrap(),
        &QuantSpec::int8(G::PerRow),
        "q",
    )
    .unwrap();
    let kh = quant::quantize(
        &TensorRef::new(&k, &s[1]).unwrap(),
        &QuantSpec::int8(G::PerBlock(64)).smoothed(true),
        "k",
    )
    .unwrap();
    let attn = quant::QuantAttention::new(
        quant::QuantOperand::Quant(qh.view()),
        quant::QuantOperand::Quant(kh.view()),
        quant::QuantOperand::Float(dev[2].view()),
    )
    .with_params(causal);
    let mut out = Dev::poisoned(&s[3], DType::BF16);
    quant::forward_on(
        be.as_ref(),
        &attn,
        &mut ForwardOutputs {
            out: out.view_mut(),
            lse: None,
        },
    )
    .expect("forward_on with host INT8 and device V");
    let a = Accuracy::measure(&out.values(), &plain.out);
    failed += !meets_sage_target("forward_on (host INT8 Q/K uploaded, device V)", &a) as usize;

    // Host tensors on the CUDA backend take the host path and still agree.
    let mut host_out = vec![f32::NAN; q.len()];
    quant::quantize_forward_on(
        be.as_ref(),
        TensorRef::new(&q, &s[0]).unwrap(),
        TensorRef::new(&k, &s[1]).unwrap(),
        TensorRef::new(&v, &s[2]).unwrap(),
        &QuantConfig::sage(),
        causal,
        &mut ForwardOutputs {
            out: TensorMut::new(&mut host_out, &s[3]).unwrap(),
            lse: None,
        },
    )
    .expect("host tensors on the CUDA backend");
    let a = Accuracy::measure(
        &host_out.iter().map(|&x| x as f64).collect::<Vec<_>>(),
        &plain.out,
    );
    failed += !meets_sage_target("quantize_forward_on (host tensors, CUDA backend)", &a) as usize;

    // Bad input is an error, not a crash: mismatched head dims.
    let short = Dev::new(&vec![0.0; 256 * 64], &[1, 1, 256, 64], DType::BF16);
    let mut out = Dev::poisoned(&s[3], DType::BF16);
    let e = quant::quantize_forward_on(
        be.as_ref(),
        dev[0].view(),
        short.view(),
        dev[2].view(),
        &QuantConfig::sage(),
        causal,
        &mut ForwardOutputs {
            out: out.view_mut(),
            lse: None,
        },
    );
    let ok = e.is_err();
    failed += !ok as usize;
    println!(
        "{} mismatched K shape: {:?}",
        if ok { "ok  " } else { "FAIL" },
        e.err().map(|e| e.to_string())
    );
    // A float operand left on the host beside device tensors: a clear error naming it (device
    // kernels would otherwise read host memory).
    let mut out = Dev::poisoned(&s[3], DType::BF16);
    let e = quant::quantize_forward_on(
        be.as_ref(),
        dev[0].view(),
        dev[1].view(),
        TensorRef::new(&v, &s[2]).unwrap(),
        &QuantConfig::sage(),
        causal,
        &mut ForwardOutputs {
            out: out.view_mut(),
            lse: None,
        },
    );
    let ok = matches!(&e, Err(Error::InvalidArgument { arg: "v", .. }));
    failed += !ok as usize;
    println!(
        "{} host V beside device Q/K: {:?}",
        if ok { "ok  " } else { "FAIL" },
        e.err().map(|e| e.to_string())
    );
    assert_eq!(failed, 0, "{failed} entry-point cases failed");
}

/// Whether `a` (against unquantized attention) meets issue 7's INT8 target (cosine ≥ 0.9995,
/// relative L1 ≤ 0.02); prints an `ok`/`FAIL` line for `label` either way.
fn meets_sage_target(label: &str, a: &Accuracy) -> bool {
    let ok = a.cosine >= 0.9995 && a.rel_l1 <= 0.02;
    println!(
        "{} {label}: cosine {:.6}, rel L1 {:.2e}",
        if ok { "ok  " } else { "FAIL" },
        a.cosine,
        a.rel_l1
    );
    ok
}

/// The straight-through backward on device tensors stays on the device: runtime-quantized
/// (`quantize_backward_on`) and with host-quantized operands uploaded (`backward_on`), GQA and
/// causal, bf16 `dO` (tensor-core backward) and f32 `dO` (f32 kernel), f32 gradients. Against
/// the f64 backward of attention on the dequantized operands rounded to the kernel's dtype, with
/// the reference's O and LSE: `check::backward_tolerance` on relative L2. The forward's own O and
/// LSE (the INT8 kernel's) are then fed in as a training step would: cosine ≥ 0.999 (that O's
/// bf16 P·V error enters dQ through `rowsum(dO∘O)`: dQ's rel. L2 was 2.5e-2, cosine 0.99969 on
/// the H100, 2026-12-07).
#[test]
fn quantized_backward_runs_on_the_device() {
    let Some(be) = cuda() else {
        return;
    };
    let d = dims(2, 4, 2, 192, 256, 128);
    let s = shapes(d);
    let seed = common::fresh_seed();
    let inputs = Inputs::model_like(d, 4.0, seed);
    let mut rng = StdRng::seed_from_u64(seed ^ 0xd0);
    let d_out: Vec<f32> = (0..s[3].iter().product())
        .map(|_| rng.sample::<f32, _>(StandardNormal))
        .collect();
    let causal = AttentionParams {
        causal: Some(CausalAlign::BottomRight),
        ..Default::default()
    };
    let config = QuantConfig::sage();
    let mut failed = 0;
    for dtype in [DType::BF16, DType::F32] {
        let [q, k, v] = [&inputs.q, &inputs.k, &inputs.v].map(|x| rounded(x, dtype));
        fn view<'a>(x: &'a [f32], shape: &[usize; 4]) -> TensorRef<'a> {
            TensorRef::new(x, shape).unwrap()
        }
        // What the device dequantizes: the host quantizer's tables (bit for bit the device's),
        // dequantized, rounded to the kernel's dtype (that of dO).
        let deq = |x: &[f32], i: usize, spec: Option<QuantSpec>| match spec {
            Some(sp) => rounded(
                &quant::quantize(&view(x, &s[i]), &sp, "x")
                    .unwrap()
                    .dequantize(),
                dtype,
            ),
            None => x.to_vec(),
        };
        let [qd, kd, vd] = [
            deq(&q, 0, config.q),
            deq(&k, 1, config.k),
            deq(&v, 2, config.v),
        ];
        let attn = Attention::new(view(&qd, &s[0]), view(&kd, &s[1]), view(&vd, &s[2]))
            .with_params(causal);
        let problem = validate::problem(&attn).unwrap();
        let r = reference::forward(&problem);
        let do_r = rounded(&d_out, dtype);
        let do64: Vec<f64> = do_r.iter().map(|&x| x as f64).collect();
        let g = reference::backward_with(&problem, &reference::RefValues::gather(&problem), &do64);
        let tol = check::backward_tolerance(dtype, DType::F32);
        let dev = [
            Dev::new(&q, &s[0], dtype),
            Dev::new(&k, &s[1], dtype),
            Dev::new(&v, &s[2], dtype),
        ];
        let to32 = |x: &[f64]| x.iter().map(|&y| y as f32).collect::<Vec<_>>();
        let lse_shape = [d.batch, d.heads_q, d.seq_q];
        let ref_out = Dev::new(&rounded(&to32(&r.out), dtype), &s[3], dtype);
        let ref_lse = Dev::new(&to32(&r.lse), &lse_shape, DType::F32);
        let d_o = Dev::new(&do_r, &s[3], dtype);
        let mut grads = s[..3]
            .iter()
            .map(|sh| Dev::poisoned(sh, DType::F32))
            .collect::<Vec<_>>();
        let mut run = |label: &str, out: &Dev, lse: &Dev, host_qk: bool| -> Vec<Accuracy> {
            for g in grads.iter_mut() {
                *g = Dev::poisoned(&g.shape.clone(), DType::F32);
            }
            let inputs = BackwardInputs {
                out: out.view(),
                d_out: d_o.view(),
                lse: lse.view(),
                d_lse: None,
            };
            let [gq, gk, gv] = &mut grads[..] else {
                unreachable!()
            };
            let mut gr = Gradients {
                dq: gq.view_mut(),
                dk: gk.view_mut(),
                dv: gv.view_mut(),
                d_sinks: None,
                d_bias: None,
            };
            let result = if host_qk {
                let qh = quant::quantize(&view(&q, &s[0]), &config.q.unwrap(), "q").unwrap();
                let kh = quant::quantize(&view(&k, &s[1]), &config.k.unwrap(), "k").unwrap();
                let attn = quant::QuantAttention::new(
                    quant::QuantOperand::Quant(qh.view()),
                    quant::QuantOperand::Quant(kh.view()),
                    quant::QuantOperand::Float(dev[2].view()),
                )
                .with_params(causal);
                quant::backward_on(be.as_ref(), &attn, &inputs, &mut gr)
            } else {
                let [qv, kv, vv] = [dev[0].view(), dev[1].view(), dev[2].view()];
                quant::quantize_backward_on(
                    be.as_ref(),
                    qv,
                    kv,
                    vv,
                    &config,
                    causal,
                    &inputs,
                    &mut gr,
                )
            };
            result.unwrap_or_else(|e| panic!("{label}: {e}"));
            grads
                .iter()
                .zip([&g.dq, &g.dk, &g.dv])
                .map(|(x, r)| Accuracy::measure(&x.values(), r))
                .collect()
        };
        for (label, host_qk) in [
            ("quantize_backward_on", false),
            ("backward_on, host INT8 Q/K", true),
        ] {
            let acc = run(label, &ref_out, &ref_lse, host_qk);
            for (name, a) in ["dq", "dk", "dv"].iter().zip(&acc) {
                let ok = a.rel_l2 <= tol;
                failed += !ok as usize;
                println!(
                    "{} {label}, dO {dtype}, {name}: rel L2 {:.2e} (tolerance {tol:.2e})",
                    if ok { "ok  " } else { "FAIL" },
                    a.rel_l2
                );
            }
        }
        // A training step: the INT8 forward's own O and LSE.
        let mut out = Dev::poisoned(&s[3], dtype);
        let mut lse = Dev::poisoned(&lse_shape, DType::F32);
        quant::quantize_forward_on(
            be.as_ref(),
            dev[0].view(),
            dev[1].view(),
            dev[2].view(),
            &config,
            causal,
            &mut ForwardOutputs {
                out: out.view_mut(),
                lse: Some(lse.view_mut()),
            },
        )
        .expect("quantized forward on the device");
        let acc = run("forward then backward", &out, &lse, false);
        for (name, a) in ["dq", "dk", "dv"].iter().zip(&acc) {
            let ok = a.cosine >= 0.999;
            failed += !ok as usize;
            println!(
                "{} forward then backward, dO {dtype}, {name}: cosine {:.6}, rel L2 {:.2e}",
                if ok { "ok  " } else { "FAIL" },
                a.cosine,
                a.rel_l2
            );
        }
    }
    assert_eq!(failed, 0, "{failed} quantized backward checks failed");
}
