//! Ring attention over NCCL against one GPU: forward + backward, causal, bf16, B1 H16 D128, at
//! total sequence lengths of 64k, 128k and 256k, on all visible GPUs (one thread and NCCL rank
//! per GPU, zig-zag shards) and on GPU 0 alone over the unsharded problem. Prints one JSON line
//! per length with both times and the scaling efficiency `t(1 GPU) / (world · t(ring))`.
//!
//! `cargo run --release -p umfa --features cuda,nccl --example cuda_ring_bench [S,S,...] [iters]`
//! (run it with `NCCL_NVLS_ENABLE=0`: see scripts/device/ring_rust_run.sh).

use cudarc::driver::CudaContext;
use cudarc::nccl::{Comm, Id};
use std::sync::mpsc;
use umfa::cuda::{synchronize, DeviceBuffer, EventTimer};
use umfa::ring::{ring_backward, ring_forward, RingComm, Sharding};
use umfa::{
    Attention, BackwardInputs, CausalAlign, DType, Device, ForwardOutputs, Gradients, Layout,
    TensorMut, TensorRef,
};

const HEADS: usize = 16;
const HEAD_DIM: usize = 128;

/// bf16 values in [-1, 1) from a cheap generator (the timing does not depend on them, but
/// constant inputs would make a degenerate softmax).
fn random_bf16(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    let mut out = Vec::with_capacity(2 * n);
    for _ in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let v = (x >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0;
        out.extend_from_slice(&umfa::bf16::from_f32(v).to_bits().to_le_bytes());
    }
    out
}

/// The tensors of one attention problem of `rows` rows on device `ordinal`: inputs random,
/// outputs and gradients uninitialised.
struct Problem {
    bufs: Vec<DeviceBuffer>,
    rows: usize,
    device: Device,
}

impl Problem {
    // q, k, v, d_out, out, lse, dq, dk, dv
    fn new(rows: usize, ordinal: u32, seed: u64) -> umfa::Result<Problem> {
        let n = HEADS * rows * HEAD_DIM;
        let mut bufs = Vec::new();
        for i in 0..4 {
            bufs.push(DeviceBuffer::from_host(&random_bf16(n, seed + i))?);
        }
        bufs.push(DeviceBuffer::alloc(2 * n)?);
        bufs.push(DeviceBuffer::alloc(4 * HEADS * rows)?);
        for _ in 0..3 {
            bufs.push(DeviceBuffer::alloc(2 * n)?);
        }
        Ok(Problem {
            bufs,
            rows,
            device: Device::Cuda(ordinal),
        })
    }
    fn shape(&self, i: usize) -> (Vec<usize>, DType) {
        match i {
            5 => (vec![1, HEADS, self.rows], DType::F32),
            _ => (vec![1, HEADS, self.rows, HEAD_DIM], DType::BF16),
        }
    }
    fn view(&self, i: usize) -> TensorRef<'_> {
        let (shape, dtype) = self.shape(i);
        // SAFETY: each buffer holds its dense tensor.
        unsafe {
            TensorRef::from_raw(
                self.bufs[i].device_ptr() as *const u8,
                self.bufs[i].len(),
                self.device,
                dtype,
                Layout::contiguous(&shape).expect("shape"),
            )
        }
    }
    fn view_mut(&self, i: usize) -> TensorMut<'_> {
        let (shape, dtype) = self.shape(i);
        // SAFETY: as `view`; each output has one writable view per call.
        unsafe {
            TensorMut::from_raw(
                self.bufs[i].device_ptr() as *mut u8,
                self.bufs[i].len(),
                self.device,
                dtype,
                Layout::contiguous(&shape).expect("shape"),
            )
        }
    }
    fn attention(&self) -> Attention<'_> {
        Attention::new(self.view(0), self.view(1), self.view(2)).causal(CausalAlign::TopLeft)
    }
    fn outputs(&self) -> ForwardOutputs<'_> {
        ForwardOutputs {
            out: self.view_mut(4),
            lse: Some(self.view_mut(5)),
        }
    }
    fn backward_inputs(&self) -> BackwardInputs<'_> {
        BackwardInputs {
            out: self.view(4),
            d_out: self.view(3),
            lse: self.view(5),
            d_lse: None,
        }
    }
    fn gradients(&self) -> Gradients<'_> {
        Gradients {
            dq: self.view_mut(6),
            dk: self.view_mut(7),
            dv: self.view_mut(8),
            d_sinks: None,
            d_bias: None,
        }
    }
}

/// Median milliseconds of `iters` runs of `step` on `stream`, after one warm-up.
fn time_ms(iters: usize, stream: usize, step: &dyn Fn() -> umfa::Result<()>) -> umfa::Result<f64> {
    step()?;
    synchronize(stream)?;
    let mut times = Vec::new();
    for _ in 0..iters {
        let t = EventTimer::new()?;
        t.start(stream)?;
        step()?;
        t.stop(stream)?;
        times.push(t.elapsed_ms()? as f64);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}

/// One rank: for each total length it receives, times forward + backward of its zig-zag shard.
fn rank_thread(
    rank: usize,
    world: usize,
    id: Id,
    iters: usize,
    lengths: mpsc::Receiver<usize>,
    times: mpsc::Sender<umfa::Result<f64>>,
) {
    let ctx = CudaContext::new(rank).expect("CUDA context");
    ctx.bind_to_thread().expect("bind");
    eprintln!("cuda_ring_bench: rank {rank}: ncclCommInitRank");
    let comm = Comm::from_rank(ctx.new_stream().expect("stream"), rank, world, id)
        .expect("ncclCommInitRank");
    eprintln!("cuda_ring_bench: rank {rank}: communicator ready");
    let ring = RingComm::from_cudarc(comm).expect("RingComm");
    let compute = ctx.new_stream().expect("stream");
    let stream = compute.cu_stream() as usize;
    for total in lengths {
        ctx.bind_to_thread().expect("bind");
        let result = Problem::new(total / world, rank as u32, 7 + rank as u64).and_then(|p| {
            let attn = p.attention();
            time_ms(iters, stream, &|| {
                ring_forward(&ring, &attn, Sharding::ZigZag, p.outputs(), stream)?;
                ring_backward(
                    &ring,
                    &attn,
                    Sharding::ZigZag,
                    &p.backward_inputs(),
                    p.gradients(),
                    stream,
                )
            })
        });
        times.send(result).expect("main thread gone");
    }
}

/// Forward + backward of the whole problem on GPU 0.
fn one_gpu_ms(total: usize, iters: usize) -> umfa::Result<f64> {
    let ctx = CudaContext::new(0).expect("CUDA context");
    ctx.bind_to_thread().expect("bind");
    let stream = ctx.new_stream().expect("stream");
    let s = stream.cu_stream() as usize;
    let p = Problem::new(total, 0, 99)?;
    let attn = p.attention();
    time_ms(iters, s, &|| {
        umfa::forward_on_stream(&attn, p.outputs(), s)?;
        umfa::backward_on_stream(&attn, &p.backward_inputs(), p.gradients(), s)
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lengths: Vec<usize> = args
        .get(1)
        .map(|a| {
            a.split(',')
                .map(|x| x.trim().parse().expect("a length"))
                .collect()
        })
        .unwrap_or_else(|| vec![65_536, 131_072, 262_144]);
    let iters: usize = args.get(2).map_or(5, |x| x.parse().expect("iterations"));
    if let Err(why) = umfa::ring::nccl_available() {
        eprintln!("cuda_ring_bench: {why}");
        std::process::exit(2);
    }
    // SAFETY: only checks whether the driver library loads.
    if !unsafe { cudarc::driver::sys::is_culib_present() } {
        eprintln!("cuda_ring_bench: no CUDA driver (libcuda.so) on this machine");
        std::process::exit(2);
    }
    let world = CudaContext::device_count().expect("CUDA driver") as usize;
    let id = Id::new().expect("ncclGetUniqueId");
    let (time_tx, time_rx) = mpsc::channel();
    let mut senders = Vec::new();
    for rank in 0..world {
        let (tx, rx) = mpsc::channel();
        senders.push(tx);
        let time_tx = time_tx.clone();
        std::thread::spawn(move || rank_thread(rank, world, id, iters, rx, time_tx));
    }
    for &total in &lengths {
        for tx in &senders {
            tx.send(total).expect("rank thread gone");
        }
        // The slowest rank sets the ring's time.
        let mut ring_ms = 0.0f64;
        for _ in 0..world {
            // A rank that does not answer is hung (UMFA_RING_TRACE=1 shows where).
            let answer = time_rx
                .recv_timeout(std::time::Duration::from_secs(300))
                .unwrap_or_else(|e| {
                    eprintln!("ring at S={total}: a rank did not answer within 300 s ({e})");
                    for (rank, line) in umfa::ring::trace::last_lines() {
                        eprintln!("  rank {rank} last ring trace: {line}");
                    }
                    std::process::exit(1);
                });
            match answer {
                Ok(ms) => ring_ms = ring_ms.max(ms),
                Err(e) => {
                    eprintln!("ring at S={total}: {e}");
                    std::process::exit(1);
                }
            }
        }
        let one_ms = one_gpu_ms(total, iters).unwrap_or_else(|e| {
            eprintln!("one GPU at S={total}: {e}");
            std::process::exit(1);
        });
        // Causal forward 4·H·S²·D/2 FLOPs; the backward 2.5 times that.
        let flops = 3.5 * 4.0 * HEADS as f64 * (total as f64).powi(2) * HEAD_DIM as f64 / 2.0;
        println!(
            "{{\"bench\":\"ring_rust\",\"phase\":\"fwd+bwd\",\"dtype\":\"bf16\",\"causal\":true,\"sharding\":\"zigzag\",\"batch\":1,\"heads\":{HEADS},\"head_dim\":{HEAD_DIM},\"seq_total\":{total},\"world\":{world},\"ring_ms\":{ring_ms:.3},\"one_gpu_ms\":{one_ms:.3},\"speedup\":{:.3},\"efficiency\":{:.3},\"ring_tflops_per_gpu\":{:.1},\"one_gpu_tflops\":{:.1}}}",
            one_ms / ring_ms,
            one_ms / (world as f64 * ring_ms),
            flops / (world as f64 * ring_ms * 1e9),
            flops / (one_ms * 1e9),
        );
    }
    drop(senders);
}
