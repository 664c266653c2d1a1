//! What every subcommand shares: the CLI's error type, backend selection, host tensors with
//! random contents, timing statistics and panic capture.

use half::{bf16, f16};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::StandardNormal;
use rayon::prelude::*;
use std::sync::Arc;
use umfa::{Backend, BackendKind, DType, TensorMut, TensorRef};

/// Exit status of a run whose checks failed (wrong results).
pub const EXIT_FAILED: i32 = 1;
/// Exit status of a usage error, an unavailable backend or a run that could not be carried out.
pub const EXIT_ERROR: i32 = 2;

/// An error that ends the command: what to print and the exit status.
#[derive(Debug)]
pub struct CliError {
    pub code: i32,
    pub msg: String,
}

impl CliError {
    pub fn new(msg: impl Into<String>) -> CliError {
        CliError {
            code: EXIT_ERROR,
            msg: msg.into(),
        }
    }
}

impl From<umfa::Error> for CliError {
    fn from(e: umfa::Error) -> Self {
        CliError::new(e.to_string())
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::new(e.to_string())
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        CliError::new(e.to_string())
    }
}

pub type CliResult<T> = Result<T, CliError>;

/// Parses a backend name for clap (`cpu`, `cuda`, `wgpu`).
pub fn parse_backend(s: &str) -> Result<BackendKind, String> {
    BackendKind::parse(s).map_err(|e| match e {
        umfa::Error::InvalidArgument { reason, .. } => reason,
        e => e.to_string(),
    })
}

/// Parses a floating-point dtype for clap (`f32`, `bf16`, `f16` and their aliases).
pub fn parse_float_dtype(s: &str) -> Result<DType, String> {
    match DType::parse(s) {
        Some(d) if d.is_float() => Ok(d),
        _ => Err(format!("unknown dtype {s:?}; expected f32, bf16 or f16")),
    }
}

/// The backend asked for, or the default one; an unavailable backend is an error that says why.
pub fn open_backend(kind: Option<BackendKind>) -> CliResult<Arc<dyn Backend>> {
    match kind {
        Some(k) => umfa::backend(k).map_err(|e| {
            let mut msg = e.to_string();
            let present: Vec<&str> = umfa::backend::statuses()
                .iter()
                .filter(|s| s.backend.is_ok())
                .map(|s| s.kind.name())
                .collect();
            msg += &format!(
                " (available here: {}; `umfa info` lists every backend)",
                present.join(", ")
            );
            CliError::new(msg)
        }),
        None => Ok(umfa::default_backend()?),
    }
}

/// Whether a backend computes on the host (GFLOP/s) or on an accelerator (TFLOP/s).
pub fn is_gpu(kind: BackendKind) -> bool {
    kind != BackendKind::Cpu
}

/// A contiguous host tensor of one of the float dtypes.
pub enum HostData {
    F32(Vec<f32>),
    BF16(Vec<bf16>),
    F16(Vec<f16>),
}

pub struct HostTensor {
    pub data: HostData,
    pub shape: Vec<usize>,
}

/// Elements generated per random stream: fixed so the contents do not depend on thread count.
const CHUNK: usize = 1 << 15;

impl HostTensor {
    pub fn zeros(dtype: DType, shape: &[usize]) -> HostTensor {
        let n: usize = shape.iter().product();
        let data = match dtype {
            DType::F32 => HostData::F32(vec![0.0; n]),
            DType::BF16 => HostData::BF16(vec![bf16::ZERO; n]),
            DType::F16 => HostData::F16(vec![f16::ZERO; n]),
            DType::U8 => unreachable!("attention operands are floats"),
        };
        HostTensor {
            data,
            shape: shape.to_vec(),
        }
    }

    /// Standard-normal contents (plus `offset(last index)` when given: real models' K has a
    /// per-channel offset), generated in parallel from `seed`.
    pub fn random(
        dtype: DType,
        shape: &[usize],
        seed: u64,
        offset: Option<&(dyn Fn(usize) -> f32 + Sync)>,
    ) -> HostTensor {
        let mut t = HostTensor::zeros(dtype, shape);
        let last = *shape.last().unwrap_or(&1);
        fn fill<T: Send>(
            v: &mut [T],
            seed: u64,
            last: usize,
            offset: Option<&(dyn Fn(usize) -> f32 + Sync)>,
            conv: impl Fn(f32) -> T + Sync,
        ) {
            v.par_chunks_mut(CHUNK).enumerate().for_each(|(c, chunk)| {
                let mut rng =
                    StdRng::seed_from_u64(seed ^ (c as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
                for (i, x) in chunk.iter_mut().enumerate() {
                    let mut val: f32 = rng.sample(StandardNormal);
                    if let Some(off) = offset {
                        val += off((c * CHUNK + i) % last);
                    }
                    *x = conv(val);
                }
            });
        }
        match &mut t.data {
            HostData::F32(v) => fill(v, seed, last, offset, |x| x),
            HostData::BF16(v) => fill(v, seed, last, offset, bf16::from_f32),
            HostData::F16(v) => fill(v, seed, last, offset, f16::from_f32),
        }
        t
    }

    pub fn dtype(&self) -> DType {
        match self.data {
            HostData::F32(_) => DType::F32,
            HostData::BF16(_) => DType::BF16,
            HostData::F16(_) => DType::F16,
        }
    }

    /// The elements' bytes (for copies to a device).
    #[cfg_attr(not(feature = "cuda"), allow(dead_code))]
    pub fn bytes(&self) -> &[u8] {
        let (ptr, len) = match &self.data {
            HostData::F32(v) => (v.as_ptr() as *const u8, std::mem::size_of_val(&v[..])),
            HostData::BF16(v) => (v.as_ptr() as *const u8, std::mem::size_of_val(&v[..])),
            HostData::F16(v) => (v.as_ptr() as *const u8, std::mem::size_of_val(&v[..])),
        };
        // SAFETY: plain-old-data elements; the slice borrows the vector.
        unsafe { std::slice::from_raw_parts(ptr, len) }
    }

    /// The elements' bytes, writable (for copies from a device).
    #[cfg_attr(not(feature = "cuda"), allow(dead_code))]
    pub fn bytes_mut(&mut self) -> &mut [u8] {
        let (ptr, len) = match &mut self.data {
            HostData::F32(v) => (v.as_mut_ptr() as *mut u8, std::mem::size_of_val(&v[..])),
            HostData::BF16(v) => (v.as_mut_ptr() as *mut u8, std::mem::size_of_val(&v[..])),
            HostData::F16(v) => (v.as_mut_ptr() as *mut u8, std::mem::size_of_val(&v[..])),
        };
        // SAFETY: every bit pattern is a valid f32/bf16/f16; the slice borrows the vector.
        unsafe { std::slice::from_raw_parts_mut(ptr, len) }
    }

    pub fn view(&self) -> TensorRef<'_> {
        let r = match &self.data {
            HostData::F32(v) => TensorRef::new(v, &self.shape),
            HostData::BF16(v) => TensorRef::new(v, &self.shape),
            HostData::F16(v) => TensorRef::new(v, &self.shape),
        };
        r.expect("shapes here have at most 4 dimensions")
    }

    pub fn view_mut(&mut self) -> TensorMut<'_> {
        let r = match &mut self.data {
            HostData::F32(v) => TensorMut::new(v, &self.shape),
            HostData::BF16(v) => TensorMut::new(v, &self.shape),
            HostData::F16(v) => TensorMut::new(v, &self.shape),
        };
        r.expect("shapes here have at most 4 dimensions")
    }

    /// Element `i` (row-major) as f64.
    pub fn get(&self, i: usize) -> f64 {
        match &self.data {
            HostData::F32(v) => v[i] as f64,
            HostData::BF16(v) => v[i].to_f64(),
            HostData::F16(v) => v[i].to_f64(),
        }
    }
}

/// Median, minimum and maximum of timings in seconds.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct Stats {
    pub median_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
}

impl Stats {
    pub fn of(seconds: &[f64]) -> Stats {
        let mut v: Vec<f64> = seconds.iter().map(|s| s * 1e3).collect();
        v.sort_by(f64::total_cmp);
        if v.is_empty() {
            return Stats::default();
        }
        let n = v.len();
        let median = if n % 2 == 1 {
            v[n / 2]
        } else {
            0.5 * (v[n / 2 - 1] + v[n / 2])
        };
        Stats {
            median_ms: median,
            min_ms: v[0],
            max_ms: v[n - 1],
        }
    }
}

/// How many `catch` calls are running: while any is, panic messages are not printed (`catch`
/// reports them itself).
static CATCHING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Runs `f`, turning a panic into an error message (a backend that panics must not take the whole
/// sweep down with it). Call `quiet_panics` once first to keep the message off stderr.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    use std::sync::atomic::Ordering;
    CATCHING.fetch_add(1, Ordering::SeqCst);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.fetch_sub(1, Ordering::SeqCst);
    r.map_err(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic payload".into());
        format!("panicked: {msg}")
    })
}

/// Wraps the panic hook so that it stays silent while a `catch` runs; other panics print as usual.
pub fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CATCHING.load(std::sync::atomic::Ordering::SeqCst) == 0 {
                default(info);
            }
        }));
    });
}

/// The exact number of visible (query, key) pairs of the band `i + lo <= j <= i + hi`, clipped to
/// `0..sk`, summed over rows `0..sq`.
pub fn band_pairs(sq: usize, sk: usize, lo: Option<i64>, hi: Option<i64>) -> u64 {
    let mut total = 0u64;
    for i in 0..sq as i64 {
        let start = lo.map_or(0, |lo| (i + lo).max(0));
        let end = hi.map_or(sk as i64 - 1, |hi| (i + hi).min(sk as i64 - 1));
        if end >= start {
            total += (end - start + 1) as u64;
        }
    }
    total
}

/// The band of a causal alignment and/or window, as `(lo, hi)` offsets of `j - i` (SPEC.md).
pub fn band_of(
    sq: usize,
    sk: usize,
    causal: Option<umfa::CausalAlign>,
    window: Option<umfa::Window>,
) -> (Option<i64>, Option<i64>) {
    let off = sk as i64 - sq as i64;
    let mut lo = None;
    let mut hi: Option<i64> = None;
    if let Some(c) = causal {
        hi = Some(match c {
            umfa::CausalAlign::TopLeft => 0,
            umfa::CausalAlign::BottomRight => off,
        });
    }
    if let Some(w) = window {
        if let Some(l) = w.left {
            lo = Some(off - l as i64);
        }
        if let Some(r) = w.right {
            let h = off + r as i64;
            hi = Some(hi.map_or(h, |x| x.min(h)));
        }
    }
    (lo, hi)
}

/// FLOPs of a forward pass by the FlashAttention convention: `2·B·Hq·(D + Dv)` per visible pair,
/// where plain causal counts exactly half of `Sq·Sk` (the convention), and a window counts the
/// pairs of its band exactly.
#[allow(clippy::too_many_arguments)]
pub fn forward_flops(
    batch: usize,
    heads_q: usize,
    sq: usize,
    sk: usize,
    d: usize,
    dv: usize,
    causal: Option<umfa::CausalAlign>,
    window: Option<umfa::Window>,
) -> f64 {
    let pairs = match (causal, window) {
        (_, Some(w)) if w.left.is_some() || w.right.is_some() => {
            let (lo, hi) = band_of(sq, sk, causal, window);
            band_pairs(sq, sk, lo, hi) as f64
        }
        (Some(_), _) => 0.5 * sq as f64 * sk as f64,
        (None, _) => sq as f64 * sk as f64,
    };
    2.0 * (batch * heads_q) as f64 * (d + dv) as f64 * pairs
}

/// Backward FLOPs: 2.5× the forward (FlashAttention convention).
pub const BACKWARD_FACTOR: f64 = 2.5;

#[cfg(test)]
mod tests {
    use super::*;
    use umfa::{CausalAlign, Window};

    #[test]
    fn flops_follow_the_convention() {
        let f = forward_flops(1, 8, 1024, 1024, 64, 64, None, None);
        assert_eq!(f, 4.0 * 8.0 * 1024.0 * 1024.0 * 64.0);
        let c = forward_flops(1, 8, 1024, 1024, 64, 64, Some(CausalAlign::TopLeft), None);
        assert_eq!(c, f / 2.0);
    }

    #[test]
    fn window_pairs_are_exact() {
        // Causal window (1024, 0) on 4096: row i sees min(i + 1, 1025) keys.
        let w = Window {
            left: Some(1024),
            right: Some(0),
        };
        let (lo, hi) = band_of(4096, 4096, Some(CausalAlign::BottomRight), Some(w));
        let want: u64 = (0..4096u64).map(|i| (i + 1).min(1025)).sum();
        assert_eq!(band_pairs(4096, 4096, lo, hi), want);
        // Brute force on an odd shape with Sq != Sk.
        let (sq, sk) = (37, 53);
        let w = Window {
            left: Some(5),
            right: Some(3),
        };
        let (lo, hi) = band_of(sq, sk, Some(CausalAlign::TopLeft), Some(w));
        let off = sk as i64 - sq as i64;
        let mut n = 0;
        for i in 0..sq as i64 {
            for j in 0..sk as i64 {
                if j <= i && j >= i + off - 5 && j <= i + off + 3 {
                    n += 1;
                }
            }
        }
        assert_eq!(band_pairs(sq, sk, lo, hi), n);
    }

    #[test]
    fn bytes_round_trip() {
        let a = HostTensor::random(DType::BF16, &[2, 3, 5], 9, None);
        assert_eq!(a.bytes().len(), 2 * 30);
        let mut b = HostTensor::zeros(DType::BF16, &[2, 3, 5]);
        b.bytes_mut().copy_from_slice(a.bytes());
        assert!((0..30).all(|i| a.get(i) == b.get(i) && a.get(i) != 0.0));
    }

    #[test]
    fn stats_median() {
        let s = Stats::of(&[0.003, 0.001, 0.002]);
        assert_eq!(s.median_ms, 2.0);
        assert_eq!(s.min_ms, 1.0);
        assert_eq!(s.max_ms, 3.0);
    }
}
