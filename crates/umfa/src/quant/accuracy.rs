//! The accuracy harness of quantized attention: model-like random inputs (K with a per-channel
//! offset, as real models' keys have) and the error of a quantization configuration against the
//! f64 reference on the original float inputs. The tests and the accuracy table
//! (`examples/quant_accuracy.rs`, docs/quant.md) both use it.

use super::attention::quantize_forward_on;
use super::metrics::Accuracy;
use super::spec::QuantConfig;
use crate::backend::Backend;
use crate::error::Result;
use crate::params::{AttentionParams, ForwardOutputs};
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
