//! Ring attention over NCCL (`umfa::ring`) on every visible GPU: one thread per GPU, each a
//! rank of one NCCL communicator (cudarc's `Comm` from a shared `Id`). Each rank's O, LSE, dQ,
//! dK and dV are compared with umfa on one GPU over the unsharded problem, and small cases also
//! with the f64 reference; then bad calls must fail on every rank, with the reason, and leave
//! the communicator usable.
//!
//! Without NCCL or with fewer than 2 GPUs the test prints SKIPPED and passes; with
//! `UMFA_REQUIRE_CUDA` set and 2 or more GPUs a missing NCCL fails it. Each case prints one
//! line per rank: `ok   ...` or `FAIL ...` with the relative L2 errors.
//!
//! A watchdog ends the process with a failure when a phase (a ring call on every rank, the
//! single-GPU reference) takes longer than 90 s, after printing where each rank thread was and,
//! with `UMFA_RING_TRACE=1`, the last ring trace line of each rank: a hang reports itself.
#![cfg(feature = "nccl")]

use cudarc::driver::CudaContext;
use cudarc::nccl::{Comm, Id};
use rand::{Rng, SeedableRng};
use std::ops::Range;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use umfa::cuda::{synchronize, DeviceBuffer};
use umfa::ring::{nccl_available, ring_backward, ring_forward, trace, RingComm, Sharding};
use umfa::{
    Attention, BackwardInputs, CausalAlign, DType, Device, ForwardOutputs, Gradients, Layout,
    TensorMut, TensorRef,
};

/// One problem: global sizes, dtype, mask, and how it is sharded.
#[derive(Clone, Debug)]
struct Case {
    batch: usize,
    heads_q: usize,
    heads_kv: usize,
    seq: usize,
    head_dim: usize,
    head_dim_v: usize,
    dtype: DType,
    causal: Option<CausalAlign>,
    sharding: Sharding,
    /// Also compare with the f64 reference (small problems only).
    f64_reference: bool,
}

impl Case {
    fn label(&self) -> String {
        let causal = match self.causal {
            None => "dense",
            Some(CausalAlign::TopLeft) => "causal-tl",
            Some(CausalAlign::BottomRight) => "causal-br",
        };
        format!(
            "{} {causal} {:?} B{} Hq{} Hkv{} S{} D{} Dv{}",
            self.dtype,
            self.sharding,
            self.batch,
            self.heads_q,
            self.heads_kv,
            self.seq,
            self.head_dim,
            self.head_dim_v
        )
    }
    fn q_shape(&self) -> [usize; 4] {
        [self.batch, self.heads_q, self.seq, self.head_dim]
    }
    fn k_shape(&self) -> [usize; 4] {
        [self.batch, self.heads_kv, self.seq, self.head_dim]
    }
    fn v_shape(&self) -> [usize; 4] {
        [self.batch, self.heads_kv, self.seq, self.head_dim_v]
    }
    fn o_shape(&self) -> [usize; 4] {
        [self.batch, self.heads_q, self.seq, self.head_dim_v]
    }
    /// Relative L2 bound against umfa on one GPU: the sum of f32 partials differs from one pass
    /// only by rounding, but outputs in 16 bits round once more.
    fn tolerance(&self) -> f64 {
        match self.dtype {
            DType::F32 => 1e-4,
            DType::F16 => 1e-2,
            _ => 2e-2,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn case(
    dtype: DType,
    causal: Option<CausalAlign>,
    sharding: Sharding,
    heads: (usize, usize),
    seq: usize,
    dims: (usize, usize),
    batch: usize,
    f64_reference: bool,
) -> Case {
    Case {
        batch,
        heads_q: heads.0,
        heads_kv: heads.1,
        seq,
        head_dim: dims.0,
        head_dim_v: dims.1,
        dtype,
        causal,
        sharding,
        f64_reference,
    }
}

fn cases(world: usize) -> Vec<Case> {
    use CausalAlign::*;
    use DType::*;
    use Sharding::*;
    let tl = Some(TopLeft);
    // Sequence lengths scale with the world so every shard splits into zig-zag halves.
    let s = |per_rank: usize| per_rank * world;
    vec![
        // Small, against the f64 reference too.
        case(BF16, tl, ZigZag, (4, 2), s(64), (64, 64), 1, true),
        case(F32, tl, ZigZag, (4, 2), s(32), (32, 32), 1, true),
        case(F32, None, Contiguous, (2, 2), s(32), (32, 48), 2, true),
        case(F16, tl, Contiguous, (2, 1), s(64), (64, 64), 1, true),
        // Larger: the tensor-core kernels, GQA, both shardings, both alignments.
        case(BF16, tl, ZigZag, (8, 2), s(1024), (128, 128), 1, false),
        case(
            BF16,
            Some(BottomRight),
            ZigZag,
            (4, 4),
            s(512),
            (64, 64),
            2,
            false,
        ),
        case(BF16, tl, Contiguous, (8, 2), s(512), (128, 128), 1, false),
        case(BF16, None, Contiguous, (8, 1), s(512), (128, 128), 1, false),
        case(BF16, None, ZigZag, (4, 2), s(256), (64, 64), 1, false),
        case(F16, tl, ZigZag, (4, 2), s(512), (64, 64), 1, false),
    ]
}

// --- host data ---------------------------------------------------------------------------------

/// Rounds through `dtype`, so every path sees the same inputs.
fn round(x: f32, dtype: DType) -> f32 {
    match dtype {
        DType::BF16 => umfa::bf16::from_f32(x).to_f32(),
        DType::F16 => umfa::f16::from_f32(x).to_f32(),
        _ => x,
    }
}

fn random(n: usize, dtype: DType, rng: &mut rand::rngs::StdRng) -> Vec<f32> {
    (0..n)
        .map(|_| round(rng.random_range(-1.0f32..1.0), dtype))
        .collect()
}

fn to_bytes(x: &[f32], dtype: DType) -> Vec<u8> {
    match dtype {
        DType::BF16 => x
            .iter()
            .flat_map(|&v| umfa::bf16::from_f32(v).to_bits().to_le_bytes())
            .collect(),
        DType::F16 => x
            .iter()
            .flat_map(|&v| umfa::f16::from_f32(v).to_bits().to_le_bytes())
            .collect(),
        _ => x.iter().flat_map(|v| v.to_le_bytes()).collect(),
    }
}

fn from_bytes(b: &[u8], dtype: DType) -> Vec<f32> {
    match dtype {
        DType::BF16 => b
            .chunks_exact(2)
            .map(|c| umfa::bf16::from_bits(u16::from_le_bytes([c[0], c[1]])).to_f32())
            .collect(),
        DType::F16 => b
            .chunks_exact(2)
            .map(|c| umfa::f16::from_bits(u16::from_le_bytes([c[0], c[1]])).to_f32())
            .collect(),
        _ => b
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    }
}

/// The rows `ranges` (concatenated, along dimension 2) of `x` of `shape` (3-D shapes pass
/// `[b, h, s, 1]`).
fn take_rows(x: &[f32], shape: [usize; 4], ranges: &[Range<usize>]) -> Vec<f32> {
    let [b, h, s, c] = shape;
    let mut out = Vec::new();
    for bh in 0..b * h {
        for r in ranges {
            out.extend_from_slice(&x[(bh * s + r.start) * c..(bh * s + r.end) * c]);
        }
    }
    out
}

/// The global problem of a case, rounded to its dtype.
struct Global {
    q: Vec<f32>,
    k: Vec<f32>,
    v: Vec<f32>,
    d_out: Vec<f32>,
}

impl Global {
    fn new(c: &Case, seed: u64) -> Global {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let n = |s: [usize; 4]| s.iter().product();
        Global {
            q: random(n(c.q_shape()), c.dtype, &mut rng),
            k: random(n(c.k_shape()), c.dtype, &mut rng),
            v: random(n(c.v_shape()), c.dtype, &mut rng),
            d_out: random(n(c.o_shape()), c.dtype, &mut rng),
        }
    }
}

/// The five results of one rank (or of the whole problem), as f32.
#[derive(Clone, Debug, Default)]
struct Results {
    out: Vec<f32>,
    lse: Vec<f32>,
    dq: Vec<f32>,
    dk: Vec<f32>,
    dv: Vec<f32>,
}

// --- device tensors ----------------------------------------------------------------------------

/// A dense tensor in device memory of the current context.
struct DevTensor {
    buf: DeviceBuffer,
    shape: Vec<usize>,
    dtype: DType,
    device: Device,
}

impl DevTensor {
    fn upload(x: &[f32], shape: &[usize], dtype: DType, ordinal: u32) -> DevTensor {
        DevTensor {
            buf: DeviceBuffer::from_host(&to_bytes(x, dtype)).expect("device upload"),
            shape: shape.to_vec(),
            dtype,
            device: Device::Cuda(ordinal),
        }
    }
    /// Filled with 0xFF bytes: NaN in every float dtype, so an element never written shows.
    fn poisoned(shape: &[usize], dtype: DType, ordinal: u32) -> DevTensor {
        let n: usize = shape.iter().product();
        DevTensor {
            buf: DeviceBuffer::from_host(&vec![0xFF; n * dtype.size_bytes()])
                .expect("device upload"),
            shape: shape.to_vec(),
            dtype,
            device: Device::Cuda(ordinal),
        }
    }
    fn layout(&self) -> Layout {
        Layout::contiguous(&self.shape).expect("shape")
    }
    fn view(&self) -> TensorRef<'_> {
        // SAFETY: the buffer holds the dense tensor for the borrow.
        unsafe {
            TensorRef::from_raw(
                self.buf.device_ptr() as *const u8,
                self.buf.len(),
                self.device,
                self.dtype,
                self.layout(),
            )
        }
    }
    fn view_mut(&self) -> TensorMut<'_> {
        // SAFETY: as `view`; the test never holds two writable views of one buffer.
        unsafe {
            TensorMut::from_raw(
                self.buf.device_ptr() as *mut u8,
                self.buf.len(),
                self.device,
                self.dtype,
                self.layout(),
            )
        }
    }
    fn download(&self) -> Vec<f32> {
        let mut bytes = vec![0u8; self.buf.len()];
        self.buf.to_host(&mut bytes).expect("device download");
        from_bytes(&bytes, self.dtype)
    }
}

/// Forward and backward of `c` on the shards given (`rows` of the global sequence) with `run`
/// choosing the entry points: the ring, or umfa on one GPU when `rows` is everything.
fn compute(
    c: &Case,
    g: &Global,
    rows: &[Range<usize>],
    ordinal: u32,
    run: &dyn Fn(&Attention, ForwardOutputs, &BackwardInputs, Gradients) -> umfa::Result<()>,
) -> umfa::Result<Results> {
    let local: usize = rows.iter().map(|r| r.len()).sum();
    let at = |s: [usize; 4]| [s[0], s[1], local, s[3]];
    let up = |x: &[f32], s: [usize; 4]| {
        DevTensor::upload(&take_rows(x, s, rows), &at(s), c.dtype, ordinal)
    };
    let (q, k, v, d_out) = (
        up(&g.q, c.q_shape()),
        up(&g.k, c.k_shape()),
        up(&g.v, c.v_shape()),
        up(&g.d_out, c.o_shape()),
    );
    let out = DevTensor::poisoned(&at(c.o_shape()), c.dtype, ordinal);
    let lse = DevTensor::poisoned(&[c.batch, c.heads_q, local], DType::F32, ordinal);
    let dq = DevTensor::poisoned(&at(c.q_shape()), c.dtype, ordinal);
    let dk = DevTensor::poisoned(&at(c.k_shape()), c.dtype, ordinal);
    let dv = DevTensor::poisoned(&at(c.v_shape()), c.dtype, ordinal);
    let mut attn = Attention::new(q.view(), k.view(), v.view());
    attn.params.causal = c.causal;
    run(
        &attn,
        ForwardOutputs {
            out: out.view_mut(),
            lse: Some(lse.view_mut()),
        },
        &BackwardInputs {
            out: out.view(),
            d_out: d_out.view(),
            lse: lse.view(),
            d_lse: None,
        },
        Gradients {
            dq: dq.view_mut(),
            dk: dk.view_mut(),
            dv: dv.view_mut(),
            d_sinks: None,
            d_bias: None,
        },
    )?;
    Ok(Results {
        out: out.download(),
        lse: lse.download(),
        dq: dq.download(),
        dk: dk.download(),
        dv: dv.download(),
    })
}

// --- comparisons -------------------------------------------------------------------------------

/// ‖a − b‖ / ‖b‖ (NaN anywhere in `a` gives infinity).
fn rel_l2(a: &[f32], b: &[f32]) -> f64 {
    assert_eq!(a.len(), b.len(), "lengths differ");
    if a.iter().any(|x| !x.is_finite()) {
        return f64::INFINITY;
    }
    let (mut num, mut den) = (0.0f64, 0.0f64);
    for (&x, &y) in a.iter().zip(b) {
        num += (x as f64 - y as f64).powi(2);
        den += (y as f64).powi(2);
    }
    (num / den.max(1e-30)).sqrt()
}

/// The rows of `full` (the whole problem's results) that rank `rows` holds.
fn shard_of(c: &Case, full: &Results, rows: &[Range<usize>]) -> Results {
    let lse_shape = [c.batch, c.heads_q, c.seq, 1];
    Results {
        out: take_rows(&full.out, c.o_shape(), rows),
        lse: take_rows(&full.lse, lse_shape, rows),
        dq: take_rows(&full.dq, c.q_shape(), rows),
        dk: take_rows(&full.dk, c.k_shape(), rows),
        dv: take_rows(&full.dv, c.v_shape(), rows),
    }
}

/// Prints one `ok`/`FAIL` line; returns whether it passed.
fn report(label: &str, got: &Results, want: &Results, tol: f64, lse_tol: f64) -> bool {
    let errs = [
        ("O", rel_l2(&got.out, &want.out), tol),
        ("LSE", rel_l2(&got.lse, &want.lse), lse_tol),
        ("dQ", rel_l2(&got.dq, &want.dq), tol),
        ("dK", rel_l2(&got.dk, &want.dk), tol),
        ("dV", rel_l2(&got.dv, &want.dv), tol),
    ];
    let pass = errs.iter().all(|(_, e, t)| e <= t);
    let text: Vec<String> = errs
        .iter()
        .map(|(n, e, t)| format!("{n} {e:.1e}{}", if e <= t { "" } else { "(!)" }))
        .collect();
    println!(
        "{} {label}: {} (bound {tol:.0e}, LSE {lse_tol:.0e})",
        if pass { "ok  " } else { "FAIL" },
        text.join(" ")
    );
    pass
}

/// The f64 reference on the global problem (inputs as rounded f32 host tensors).
fn f64_reference(c: &Case, g: &Global) -> Results {
    let mut attn = Attention::new(
        TensorRef::new(&g.q, &c.q_shape()).unwrap(),
        TensorRef::new(&g.k, &c.k_shape()).unwrap(),
        TensorRef::new(&g.v, &c.v_shape()).unwrap(),
    );
    attn.params.causal = c.causal;
    let p = umfa::validate::problem(&attn).expect("reference problem");
    let f = umfa::reference::forward(&p);
    let d_out: Vec<f64> = g.d_out.iter().map(|&x| x as f64).collect();
    let x = umfa::reference::RefValues::gather(&p);
    let b = umfa::reference::backward_with(&p, &x, &d_out);
    let f32s = |v: &[f64]| v.iter().map(|&x| x as f32).collect();
    Results {
        out: f32s(&f.out),
        lse: f32s(&f.lse),
        dq: f32s(&b.dq),
        dk: f32s(&b.dk),
        dv: f32s(&b.dv),
    }
}

// --- progress and the watchdog ----------------------------------------------------------------

/// How long one phase may take before the test calls it a hang.
const PHASE_LIMIT: Duration = Duration::from_secs(90);

/// What the main thread and each rank thread are doing, and since when.
struct Progress {
    main: (Instant, String),
    ranks: Vec<(Instant, String)>,
}

fn progress() -> &'static Mutex<Progress> {
    static P: OnceLock<Mutex<Progress>> = OnceLock::new();
    P.get_or_init(|| {
        Mutex::new(Progress {
            main: (Instant::now(), "start".into()),
            ranks: Vec::new(),
        })
    })
}

fn lock_progress() -> std::sync::MutexGuard<'static, Progress> {
    progress().lock().unwrap_or_else(|p| p.into_inner())
}

/// A line on stderr with the ring trace's clock.
fn say(who: &str, what: &str) {
    eprintln!("[cuda_ring {:>11.6}s {who}] {what}", trace::clock());
}

/// The main thread enters phase `what` (the watchdog's clock restarts).
fn phase(what: String) {
    if trace::enabled() {
        say("main", &what);
    }
    lock_progress().main = (Instant::now(), what);
}

/// Rank `rank` is now doing `what`; `loud` prints it even without tracing.
fn note(rank: usize, what: &str, loud: bool) {
    if loud || trace::enabled() {
        say(&format!("rank {rank}"), what);
    }
    let mut p = lock_progress();
    if p.ranks.len() <= rank {
        p.ranks.resize(rank + 1, (Instant::now(), String::new()));
    }
    p.ranks[rank] = (Instant::now(), what.to_string());
}

/// Each rank's context, communication stream and compute stream (raw handles), for the
/// watchdog's look at which streams still have work.
fn streams() -> &'static Mutex<Vec<Option<[usize; 3]>>> {
    static S: OnceLock<Mutex<Vec<Option<[usize; 3]>>>> = OnceLock::new();
    S.get_or_init(|| Mutex::new(Vec::new()))
}

fn register_streams(rank: usize, handles: [usize; 3]) {
    let mut s = streams().lock().unwrap_or_else(|p| p.into_inner());
    if s.len() <= rank {
        s.resize(rank + 1, None);
    }
    s[rank] = Some(handles);
}

/// Whether each rank's streams are idle or still have queued work (`cuStreamQuery`, which
/// never blocks): a busy communication stream is NCCL waiting for a peer (or for this rank's
/// compute, through an event); a busy compute stream beside an idle communication stream is a
/// kernel that does not finish. Given up on after 5 s, should the driver itself be stuck.
fn stream_report() -> String {
    use cudarc::driver::sys;
    let handles = streams().lock().unwrap_or_else(|p| p.into_inner()).clone();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let state = |s: usize| {
            // SAFETY: a stream of the context made current just before; the query never blocks.
            match unsafe { sys::cuStreamQuery(s as sys::CUstream) } {
                sys::CUresult::CUDA_SUCCESS => "idle".to_string(),
                sys::CUresult::CUDA_ERROR_NOT_READY => {
                    "BUSY (queued work not finished)".to_string()
                }
                e => format!("{e:?}"),
            }
        };
        let mut text = String::new();
        for (rank, h) in handles.iter().enumerate() {
            let Some([ctx, comm, compute]) = *h else {
                text += &format!("  rank {rank}: no streams yet (before or in ncclCommInitRank)\n");
                continue;
            };
            // SAFETY: the rank's retained primary context.
            unsafe { sys::cuCtxSetCurrent(ctx as sys::CUcontext) };
            text += &format!(
                "  rank {rank}: communication stream {}, compute stream {}\n",
                state(comm),
                state(compute)
            );
        }
        let _ = tx.send(text);
    });
    rx.recv_timeout(Duration::from_secs(5))
        .unwrap_or_else(|_| "  (cuStreamQuery did not answer within 5 s)\n".into())
}

/// Prints where everyone is and ends the process with a failure (the hung threads are never
/// joined). A second thread aborts the process should `exit` itself block.
fn give_up(why: &str) -> ! {
    use std::io::Write;
    let p = lock_progress();
    let mut text = format!(
        "HANG: {why}\n  main thread: {} (for {:.1} s)\n",
        p.main.1,
        p.main.0.elapsed().as_secs_f64()
    );
    for (rank, (since, what)) in p.ranks.iter().enumerate() {
        text += &format!(
            "  rank {rank} thread: {what} (for {:.1} s)\n",
            since.elapsed().as_secs_f64()
        );
    }
    drop(p);
    let lines = trace::last_lines();
    if lines.is_empty() {
        text += "  (no ring trace kept: run with UMFA_RING_TRACE=1 for each rank's last NCCL call, host wait and step)\n";
    }
    for (rank, line) in lines {
        text += &format!("  rank {rank} last ring trace: {line}\n");
    }
    println!("FAIL {text}");
    eprintln!("{text}");
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    let streams = stream_report();
    println!("streams at the hang:\n{streams}");
    eprintln!("streams at the hang:\n{streams}");
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::thread::spawn(|| {
        std::thread::sleep(Duration::from_secs(5));
        std::process::abort();
    });
    std::process::exit(1);
}

/// Ends the process when the main thread's phase has lasted longer than [`PHASE_LIMIT`].
fn start_watchdog() {
    std::thread::spawn(|| loop {
        std::thread::sleep(Duration::from_secs(1));
        let (age, what) = {
            let p = lock_progress();
            (p.main.0.elapsed(), p.main.1.clone())
        };
        if age > PHASE_LIMIT {
            give_up(&format!(
                "the phase \"{what}\" took more than {} s",
                PHASE_LIMIT.as_secs()
            ));
        }
    });
}

// --- the ranks ---------------------------------------------------------------------------------

/// What a rank thread is asked to do.
enum Job {
    /// The ring on case `n` (inputs from the shared global data).
    Ring(usize),
    /// A bad call: every rank must return an error.
    Misuse(Misuse),
}

#[derive(Clone, Copy, Debug)]
enum Misuse {
    /// Rank 1 holds two more rows than the others (two of rank 0's as well).
    ShardLengths,
    /// Rank 1 passes a host pointer described as device memory.
    HostPointer,
    /// Rank 0 says zig-zag, the others contiguous.
    Shardings,
}

type Reply = Result<Results, String>;

fn rank_thread(
    rank: usize,
    world: usize,
    id: Id,
    cases: Arc<Vec<(Case, Global)>>,
    jobs: mpsc::Receiver<Job>,
    replies: mpsc::Sender<(usize, Reply)>,
) {
    note(rank, "thread started: CUDA context and streams", true);
    let ctx = CudaContext::new(rank).expect("CUDA context");
    ctx.bind_to_thread().expect("bind context");
    let comm_stream = ctx.new_stream().expect("stream");
    let compute = ctx.new_stream().expect("stream");
    note(
        rank,
        &format!("ncclCommInitRank (rank {rank} of {world}, cuda:{rank}): entering"),
        true,
    );
    let started = Instant::now();
    let comm = Comm::from_rank(comm_stream, rank, world, id).expect("ncclCommInitRank");
    note(
        rank,
        &format!(
            "ncclCommInitRank done in {:.2} s",
            started.elapsed().as_secs_f64()
        ),
        true,
    );
    let ring = RingComm::from_cudarc(comm).expect("RingComm");
    assert_eq!((ring.rank(), ring.world()), (rank, world));
    let stream = compute.cu_stream() as usize;
    let ordinal = rank as u32;
    register_streams(rank, [ctx.cu_ctx() as usize, ring.stream(), stream]);
    note(rank, "idle: waiting for a job", false);
    for job in jobs {
        ctx.bind_to_thread().expect("bind context");
        let reply = match job {
            Job::Ring(n) => {
                let (c, g) = &cases[n];
                note(rank, &format!("ring case {n}: {}", c.label()), false);
                let rows = c.sharding.global_rows(rank, world, c.seq).expect("rows");
                compute_ring(&ring, c, g, &rows, c.sharding, ordinal, stream, rank)
            }
            Job::Misuse(m) => {
                note(rank, &format!("misuse {m:?}"), false);
                misuse(&ring, m, &cases[0], rank, world, ordinal, stream)
            }
        };
        note(rank, "idle: reply sent, waiting for a job", false);
        replies.send((rank, reply)).expect("main thread gone");
    }
}

#[allow(clippy::too_many_arguments)]
fn compute_ring(
    ring: &RingComm,
    c: &Case,
    g: &Global,
    rows: &[Range<usize>],
    sharding: Sharding,
    ordinal: u32,
    stream: usize,
    rank: usize,
) -> Reply {
    compute(c, g, rows, ordinal, &|attn, outs, inputs, grads| {
        note(rank, "ring_forward", false);
        ring_forward(ring, attn, sharding, outs, stream)?;
        note(rank, "ring_backward", false);
        ring_backward(ring, attn, sharding, inputs, grads, stream)?;
        note(
            rank,
            "cuStreamSynchronize(compute stream): waiting for the ring",
            false,
        );
        synchronize(stream)?;
        note(rank, "ring done; downloading", false);
        Ok(())
    })
    .map_err(|e| e.to_string())
}

fn misuse(
    ring: &RingComm,
    m: Misuse,
    (c, g): &(Case, Global),
    rank: usize,
    world: usize,
    ordinal: u32,
    stream: usize,
) -> Reply {
    let mut c = c.clone();
    c.causal = None;
    let mut rows = Sharding::Contiguous
        .global_rows(rank, world, c.seq)
        .unwrap();
    let mut sharding = Sharding::Contiguous;
    match m {
        Misuse::ShardLengths if rank == 1 => rows[0].start -= 2,
        Misuse::Shardings if rank == 0 => sharding = Sharding::ZigZag,
        Misuse::HostPointer if rank == 1 => {
            let host = vec![0u8; 1 << 20];
            let shape = [c.batch, c.heads_q, rows[0].len(), c.head_dim];
            // SAFETY: a deliberately wrong description; the ring must refuse it unread.
            let q = unsafe {
                TensorRef::from_raw(
                    host.as_ptr(),
                    host.len(),
                    Device::Cuda(ordinal),
                    c.dtype,
                    Layout::contiguous(&shape).unwrap(),
                )
            };
            return compute(&c, g, &rows, ordinal, &|attn, outs, _, _| {
                let mut bad = *attn;
                bad.q = q;
                ring_forward(ring, &bad, sharding, outs, stream)
            })
            .map_err(|e| e.to_string());
        }
        _ => {}
    }
    compute(&c, g, &rows, ordinal, &|attn, outs, _, _| {
        ring_forward(ring, attn, sharding, outs, stream)
    })
    .map_err(|e| e.to_string())
}

/// umfa on one GPU (device 0, from the calling thread) over the whole problem.
fn single_gpu(c: &Case, g: &Global) -> Results {
    let ctx = CudaContext::new(0).expect("CUDA context");
    ctx.bind_to_thread().expect("bind");
    let all: Vec<Range<usize>> = std::iter::once(0..c.seq).collect();
    compute(c, g, &all, 0, &|attn, outs, inputs, grads| {
        umfa::forward_on_stream(attn, outs, 0)?;
        umfa::backward_on_stream(attn, inputs, grads, 0)?;
        synchronize(0)
    })
    .expect("single-GPU umfa")
}

/// GPUs and NCCL, or why the test is skipped.
fn setup() -> Option<usize> {
    // SAFETY: only checks whether the driver library loads.
    let gpus = if unsafe { cudarc::driver::sys::is_culib_present() } {
        CudaContext::device_count().unwrap_or(0).max(0) as usize
    } else {
        0
    };
    if gpus < 2 {
        println!("SKIPPED: ring attention needs 2 or more GPUs; {gpus} visible");
        return None;
    }
    if let Err(why) = nccl_available() {
        if std::env::var_os("UMFA_REQUIRE_CUDA").is_some() {
            panic!("UMFA_REQUIRE_CUDA is set and {gpus} GPUs are visible, but {why}");
        }
        println!("SKIPPED: {why}");
        return None;
    }
    Some(gpus)
}

/// Replies from every rank; a rank that does not answer within [`PHASE_LIMIT`] is a hang, which
/// ends the process (see [`give_up`]).
fn gather(replies: &mpsc::Receiver<(usize, Reply)>, world: usize, what: &str) -> Vec<Reply> {
    phase(format!("{what}: waiting for every rank"));
    let mut got: Vec<Option<Reply>> = (0..world).map(|_| None).collect();
    let deadline = Instant::now() + PHASE_LIMIT;
    for _ in 0..world {
        let left = deadline.saturating_duration_since(Instant::now());
        match replies.recv_timeout(left) {
            Ok((rank, r)) => got[rank] = Some(r),
            Err(e) => {
                let answered: Vec<usize> = (0..world).filter(|&r| got[r].is_some()).collect();
                give_up(&format!(
                    "{what}: not every rank answered within {} s ({e}); answered: {answered:?}",
                    PHASE_LIMIT.as_secs()
                ))
            }
        }
    }
    got.into_iter()
        .map(|r| r.expect("one reply per rank"))
        .collect()
}

#[test]
fn ring_matches_one_gpu_and_refuses_bad_calls() {
    trace::clock();
    let Some(world) = setup() else { return };
    println!("ring over {world} GPUs");
    start_watchdog();
    phase("setup: inputs".into());
    let cases: Arc<Vec<(Case, Global)>> = Arc::new(
        cases(world)
            .into_iter()
            .enumerate()
            .map(|(n, c)| {
                let g = Global::new(&c, 0x5eed + n as u64);
                (c, g)
            })
            .collect(),
    );
    phase("ncclGetUniqueId".into());
    let id = Id::new().expect("ncclGetUniqueId");
    let (reply_tx, replies) = mpsc::channel();
    let mut jobs = Vec::new();
    for rank in 0..world {
        let (tx, rx) = mpsc::channel();
        jobs.push(tx);
        let (cases, reply_tx) = (cases.clone(), reply_tx.clone());
        std::thread::spawn(move || rank_thread(rank, world, id, cases, rx, reply_tx));
    }
    let send = |job: &dyn Fn() -> Job| {
        for tx in &jobs {
            tx.send(job()).expect("rank thread gone");
        }
    };

    let mut failures = 0;
    for (n, (c, g)) in cases.iter().enumerate() {
        send(&|| Job::Ring(n));
        let ring = gather(&replies, world, &format!("case {n} ({})", c.label()));
        phase(format!("case {n}: umfa on one GPU"));
        let one = single_gpu(c, g);
        phase(format!("case {n}: f64 reference"));
        let reference = c.f64_reference.then(|| f64_reference(c, g));
        phase(format!("case {n}: comparisons"));
        let lse_tol = if c.dtype == DType::F32 { 1e-5 } else { 1e-4 };
        for (rank, r) in ring.iter().enumerate() {
            let label = format!("rank {rank}/{world} {}", c.label());
            let got = match r {
                Ok(got) => got,
                Err(e) => {
                    println!("FAIL {label}: {e}");
                    failures += 1;
                    continue;
                }
            };
            let rows = c.sharding.global_rows(rank, world, c.seq).unwrap();
            if !report(
                &format!("{label} vs 1 GPU"),
                got,
                &shard_of(c, &one, &rows),
                c.tolerance(),
                lse_tol,
            ) {
                failures += 1;
            }
            if let Some(reference) = &reference {
                let tol = if c.dtype == DType::F32 { 1e-4 } else { 2e-2 };
                if !report(
                    &format!("{label} vs f64"),
                    got,
                    &shard_of(c, reference, &rows),
                    tol,
                    lse_tol,
                ) {
                    failures += 1;
                }
            }
        }
    }

    for (m, needle) in [
        (Misuse::ShardLengths, "disagree"),
        (Misuse::HostPointer, "not device memory"),
        (Misuse::Shardings, "disagree"),
    ] {
        send(&|| Job::Misuse(m));
        let replies = gather(&replies, world, &format!("{m:?}"));
        let errors: Vec<String> = replies
            .iter()
            .map(|r| r.as_ref().err().cloned().unwrap_or_default())
            .collect();
        let every_rank_failed = errors.iter().all(|e| !e.is_empty());
        let reason_given = errors.iter().any(|e| e.contains(needle));
        if every_rank_failed && reason_given {
            println!(
                "ok   misuse {m:?}: every rank refused; {}",
                errors.join(" | ")
            );
        } else {
            println!("FAIL misuse {m:?}: errors per rank {errors:?} (want all failing, one naming {needle:?})");
            failures += 1;
        }
    }

    // The communicator is still in step after the refusals.
    send(&|| Job::Ring(0));
    let again = gather(&replies, world, "after misuse");
    let ok_again = again.iter().all(|r| r.is_ok());
    println!(
        "{} ring call after the refusals: {}",
        if ok_again { "ok  " } else { "FAIL" },
        if ok_again {
            "all ranks ran".to_string()
        } else {
            format!("{again:?}")
        }
    );
    if !ok_again {
        failures += 1;
    }
    drop(jobs);
    phase("done".into());
    assert_eq!(
        failures, 0,
        "{failures} ring checks failed (FAIL lines above)"
    );
}
