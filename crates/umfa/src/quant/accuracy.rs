//! The accuracy harness of quantized attention: model-like random inputs (K with a per-channel
//! offset, as real models' keys have) and the error of a quantization configuration against the
//! f64 reference on the original float inputs. The tests and the accuracy tables
//! (`examples/quant_accuracy.rs` on every backend, `examples/cuda_quant_accuracy.rs` on CUDA
//! device tensors; docs/quant.md) use it, and the tables share their rows from here: the
//! configurations, the input cases and the row format.

use super::attention::quantize_forward_on;
use super::metrics::Accuracy;
use super::spec::{Granularity as G, QuantConfig, QuantSpec};
use crate::backend::Backend;
use crate::error::Result;
use crate::params::{AttentionParams, CausalAlign, ForwardOutputs};
use crate::problem::Dims;
use crate::tensor::{TensorMut, TensorRef};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::StandardNormal;

/// Float inputs, contiguous `[B, H, S, D]` f32.
#[derive(Clone, Debug)]
pub struct Inputs {
    pub dims: Dims,
    pub q: Vec<f32>,
    pub k: Vec<f32>,
    pub v: Vec<f32>,
}

impl Inputs {
    /// Standard normal Q, K, V, plus a per-(head, channel) offset of standard deviation
    /// `k_offset` added to every token of K: the structure that makes smoothing K pay.
    pub fn model_like(dims: Dims, k_offset: f32, seed: u64) -> Inputs {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut normal = |n: usize| -> Vec<f32> {
            (0..n)
                .map(|_| rng.sample::<f32, _>(StandardNormal))
                .collect()
        };
        let d = dims;
        let q = normal(d.batch * d.heads_q * d.seq_q * d.head_dim);
        let mut k = normal(d.batch * d.heads_kv * d.seq_kv * d.head_dim);
        let v = normal(d.batch * d.heads_kv * d.seq_kv * d.head_dim_v);
        let offsets: Vec<f32> = normal(d.heads_kv * d.head_dim)
            .into_iter()
            .map(|x| x * k_offset)
            .collect();
        for (i, x) in k.iter_mut().enumerate() {
            let c = i % d.head_dim;
            let h = i / (d.head_dim * d.seq_kv) % d.heads_kv;
            *x += offsets[h * d.head_dim + c];
        }
        Inputs { dims, q, k, v }
    }

    fn shape(&self, which: u8) -> [usize; 4] {
        let d = self.dims;
        match which {
            0 => [d.batch, d.heads_q, d.seq_q, d.head_dim],
            1 => [d.batch, d.heads_kv, d.seq_kv, d.head_dim],
            2 => [d.batch, d.heads_kv, d.seq_kv, d.head_dim_v],
            _ => [d.batch, d.heads_q, d.seq_q, d.head_dim_v],
        }
    }

    pub fn views(&self) -> Result<[TensorRef<'_>; 3]> {
        Ok([
            TensorRef::new(&self.q, &self.shape(0))?,
            TensorRef::new(&self.k, &self.shape(1))?,
            TensorRef::new(&self.v, &self.shape(2))?,
        ])
    }

    /// The f64 reference output and LSE of attention on these (unquantized) inputs.
    pub fn reference(&self, params: AttentionParams) -> Result<crate::reference::RefForward> {
        let [q, k, v] = self.views()?;
        let attn = crate::Attention::new(q, k, v).with_params(params);
        Ok(crate::reference::forward(&crate::validate::problem(&attn)?))
    }

    /// Runs `config` on `backend` with runtime quantization; returns O and LSE as f64.
    pub fn run(
        &self,
        backend: &dyn Backend,
        config: &QuantConfig,
        params: AttentionParams,
    ) -> Result<(Vec<f64>, Vec<f64>)> {
        let d = self.dims;
        let mut out = vec![f32::NAN; d.batch * d.heads_q * d.seq_q * d.head_dim_v];
        let mut lse = vec![f32::NAN; d.batch * d.heads_q * d.seq_q];
        let [q, k, v] = self.views()?;
        quantize_forward_on(
            backend,
            q,
            k,
            v,
            config,
            params,
            &mut ForwardOutputs {
                out: TensorMut::new(&mut out, &self.shape(3))?,
                lse: Some(TensorMut::new(&mut lse, &[d.batch, d.heads_q, d.seq_q])?),
            },
        )?;
        Ok((
            out.iter().map(|&x| x as f64).collect(),
            lse.iter().map(|&x| x as f64).collect(),
        ))
    }

    /// The accuracy of `config` on `backend` against the f64 reference: `(output, lse)`.
    pub fn accuracy(
        &self,
        backend: &dyn Backend,
        config: &QuantConfig,
        params: AttentionParams,
    ) -> Result<(Accuracy, Accuracy)> {
        let r = self.reference(params)?;
        let (out, lse) = self.run(backend, config, params)?;
        Ok((
            Accuracy::measure(&out, &r.out),
            Accuracy::measure(&lse, &r.lse),
        ))
    }
}

/// The configurations of the accuracy tables, with their labels.
pub fn table_configs() -> Vec<(&'static str, QuantConfig)> {
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

/// The input cases of the accuracy tables: a label, the shape and the options.
pub fn table_cases() -> Vec<(&'static str, Dims, AttentionParams<'static>)> {
    vec![
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
    ]
}

/// The two header lines of an accuracy table (Markdown), with `extra` columns after the
/// common ones.
pub fn table_header(extra: &[&str]) -> String {
    let mut cols = vec![
        "inputs",
        "configuration",
        "backend",
        "cosine",
        "rel. L1",
        "rel. L2",
        "LSE rel. L2",
    ];
    cols.extend_from_slice(extra);
    format!("| {} |\n|{}", cols.join(" | "), " --- |".repeat(cols.len()))
}

/// One row of an accuracy table: the output's and the LSE's agreement with the f64 reference,
/// then the `extra` cells.
pub fn table_row(
    inputs: &str,
    config: &str,
    backend: &str,
    out: &Accuracy,
    lse: &Accuracy,
    extra: &[&str],
) -> String {
    let mut row = format!(
        "| {inputs} | {config} | {backend} | {:.6} | {:.2e} | {:.2e} | {:.2e} |",
        out.cosine, out.rel_l1, out.rel_l2, lse.rel_l2
    );
    for cell in extra {
        row.push_str(&format!(" {cell} |"));
    }
    row
}
