//! The wgpu backend's host path — what a call on host tensors costs beyond its kernels: staging
//! the inputs, reading the output back and writing it into the caller's tensor. With one key
//! (`Sk = 1`) the kernels do almost nothing, so the time is the host path's, on a GPU and on
//! lavapipe alike.
//!
//! ```sh
//! cargo run --release -p umfa --features wgpu --example wgpu_host_bench [-- --reps 5 --dtype bf16]
//! ```
//!
//! Shape: `[4, 16, 4096, 128]` queries (G1's), one key; prints the median wall time of a whole
//! forward call on host tensors and the bytes it moves (Q in, O out), one JSON line per dtype.

use umfa::backend::Backend;
use umfa::wgpu_backend::WgpuBackend;
use umfa::{bf16, f16};
use umfa::{Attention, ForwardOutputs, TensorMut, TensorRef};

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
        .unwrap_or_else(|| default.to_string())
}

fn run<T: umfa::Element + Copy>(
    be: &WgpuBackend,
    reps: usize,
    label: &str,
    from: impl Fn(f32) -> T,
) -> umfa::Result<()> {
    let (b, h, s, d) = (4, 16, 4096, 128);
    let q_shape = [b, h, s, d];
    let kv_shape = [b, h, 1, d];
    let q: Vec<T> = (0..b * h * s * d)
        .map(|i| from(((i % 97) as f32 - 48.0) / 64.0))
        .collect();
    let k: Vec<T> = (0..b * h * d)
        .map(|i| from((i % 13) as f32 / 16.0))
        .collect();
    let v: Vec<T> = (0..b * h * d)
        .map(|i| from((i % 11) as f32 / 8.0))
        .collect();
    let mut out = vec![from(f32::NAN); b * h * s * d];
    let mut times = Vec::new();
    for rep in 0..=reps {
        let attn = Attention::new(
            TensorRef::new(&q, &q_shape)?,
            TensorRef::new(&k, &kv_shape)?,
            TensorRef::new(&v, &kv_shape)?,
        );
        let mut outs = ForwardOutputs {
            out: TensorMut::new(&mut out, &q_shape)?,
            lse: None,
        };
        let t = std::time::Instant::now();
        be.forward_host(&attn, &mut outs)?;
        if rep > 0 {
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let bytes = 2 * q.len() * std::mem::size_of::<T>();
    println!(
        "{{\"case\": \"host path, Sk = 1\", \"shape\": [{b}, {h}, {s}, {d}], \"dtype\": \"{label}\", \"ms\": {:.2}, \"ms_min\": {:.2}, \"bytes\": {bytes}, \"device\": \"{}\"}}",
        times[times.len() / 2],
        times[0],
        be.device_name()
    );
    Ok(())
}

fn main() -> umfa::Result<()> {
    let reps: usize = arg("--reps", "5").parse().expect("--reps takes a number");
    let dtypes = arg("--dtype", "bf16,f32");
    let be = WgpuBackend::open().map_err(|e| umfa::Error::Execution(e.to_string()))?;
    for dtype in dtypes.split(',') {
        match dtype {
            "bf16" => run(&be, reps, dtype, bf16::from_f32)?,
            "f16" => run(&be, reps, dtype, f16::from_f32)?,
            "f32" => run(&be, reps, dtype, |x| x)?,
            other => panic!("--dtype takes bf16, f16 or f32, not {other}"),
        }
    }
    Ok(())
}
