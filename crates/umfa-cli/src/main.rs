//! `umfa`: backends and their capabilities (`info`), an accuracy sweep against the f64 reference
//! (`check`), the standard benchmark suite (`bench`) and a realistic single run (`demo`).

mod anchors;
mod bench;
mod check;
mod common;
#[cfg(feature = "cuda")]
mod cuda_timing;
mod demo;
mod info;
mod rows;
mod svg;

use clap::{Args, Parser, Subcommand};
use common::{parse_backend, parse_float_dtype, CliError, CliResult};
use std::path::{Path, PathBuf};
use umfa::{BackendKind, DType};

#[derive(Parser)]
#[command(
    name = "umfa",
    version,
    about = "umfa flash attention: backends, accuracy sweep, benchmarks, demo",
    after_help = "Exit status: 0 success, 1 a check or run failed, 2 bad arguments or backend unavailable.\nUMFA_BACKEND=cpu|cuda|wgpu picks the default backend."
)]
struct Cli {
    /// Worker threads for the CPU backend (default: one per core).
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List every backend: available (with device) or absent (with the reason), and capabilities.
    Info {
        /// Also write the information as JSON.
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
    },
    /// Accuracy sweep against the f64 reference; exits 1 on any failure.
    Check(CheckArgs),
    /// Time the standard suite (GPU.md): C1-C3 on the CPU, G1-G6 on GPUs.
    Bench(BenchArgs),
    /// One realistic run (FLUX.1 1024²: B=1 H=24 S=4608 D=128) with its error on sampled rows.
    Demo(DemoArgs),
}

#[derive(Args)]
struct CheckArgs {
    /// Backend to check (default: UMFA_BACKEND or the fastest present).
    #[arg(long, value_parser = parse_backend)]
    backend: Option<BackendKind>,
    /// A smaller grid (every feature, fewer shapes): seconds instead of minutes.
    #[arg(long)]
    quick: bool,
    /// Seed of the random inputs.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write every case's errors as JSON.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Only cases whose label contains one of these comma-separated substrings.
    #[arg(long)]
    filter: Option<String>,
    /// Print the cases without running them.
    #[arg(long)]
    list: bool,
    /// Leave out the backward cases.
    #[arg(long)]
    no_backward: bool,
}

#[derive(Args)]
struct BenchArgs {
    /// Backend to time (default: UMFA_BACKEND or the fastest present).
    #[arg(long, value_parser = parse_backend)]
    backend: Option<BackendKind>,
    /// Cases of the suite, comma-separated (default: C1-C3 on cpu, G1-G6 on GPUs).
    #[arg(long, value_delimiter = ',')]
    cases: Vec<String>,
    /// Input dtypes, comma-separated (default: f32,bf16 on cpu, bf16 on GPUs).
    #[arg(long, value_delimiter = ',', value_parser = parse_float_dtype)]
    dtype: Vec<DType>,
    /// Which causal variants to time (each case has its own set).
    #[arg(long, value_enum, default_value = "both")]
    causal: bench::CausalSel,
    /// Also time the backward pass.
    #[arg(long)]
    backward: bool,
    /// Timed repetitions per configuration; the median is reported (default: 5 cpu, 50 GPU).
    #[arg(long)]
    reps: Option<usize>,
    /// Untimed runs first (default: 1 cpu, 10 GPU).
    #[arg(long)]
    warmup: Option<usize>,
    /// Write the results as JSON.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write the results as CSV.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Write a bar chart as SVG.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// JSON lines of other implementations' numbers to show beside umfa's (bench/torch_cpu.py).
    #[arg(long, value_name = "FILE")]
    anchors: Option<PathBuf>,
    /// Override the sequence length of every case (quick runs, tests).
    #[arg(long)]
    seq: Option<usize>,
    /// Override the number of query heads of every case (GQA group size kept when it divides).
    #[arg(long)]
    heads: Option<usize>,
    /// Override the batch size of every case.
    #[arg(long)]
    batch: Option<usize>,
    /// Seed of the random inputs.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Query rows per head checked against the f64 reference after each forward (0: no check).
    #[arg(long, default_value_t = 8)]
    verify_rows: usize,
    /// On GPU backends, time calls on host tensors (staging included) instead of device-resident
    /// operands with device events.
    #[arg(long)]
    host_staged: bool,
}

#[derive(Args)]
struct DemoArgs {
    /// Backend to run on (default: UMFA_BACKEND or the fastest present).
    #[arg(long, value_parser = parse_backend)]
    backend: Option<BackendKind>,
    #[arg(long, default_value_t = 1)]
    batch: usize,
    /// Heads (shrink for a quicker CPU run).
    #[arg(long, default_value_t = 24)]
    heads: usize,
    /// Sequence length (shrink for a quicker CPU run).
    #[arg(long, default_value_t = 4608)]
    seq: usize,
    /// Head dimension.
    #[arg(long, default_value_t = 128)]
    dim: usize,
    #[arg(long, default_value = "bf16", value_parser = parse_float_dtype)]
    dtype: DType,
    /// Causal (top-left) instead of FLUX's full attention.
    #[arg(long)]
    causal: bool,
    /// Timed repetitions (default: 3 cpu, 20 GPU).
    #[arg(long)]
    reps: Option<usize>,
    /// Untimed runs first (default: 1 cpu, 5 GPU).
    #[arg(long)]
    warmup: Option<usize>,
    /// Query rows sampled for the reference check (the same rows in every head).
    #[arg(long, default_value_t = 16)]
    rows: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write the result as JSON.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// On GPU backends, time calls on host tensors (staging included) instead of device-resident
    /// operands with device events.
    #[arg(long)]
    host_staged: bool,
}

/// Writes `value` as pretty JSON, naming the file in any error.
pub fn write_json(path: &Path, value: &impl serde::Serialize) -> CliResult<()> {
    let text = serde_json::to_string_pretty(value)?;
    std::fs::write(path, text + "\n")
        .map_err(|e| CliError::new(format!("cannot write {}: {e}", path.display())))
}

fn run(cli: Cli) -> CliResult<i32> {
    if let Some(n) = cli.threads {
        if n == 0 {
            return Err(CliError::new("--threads must be at least 1"));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| CliError::new(format!("cannot set --threads: {e}")))?;
    }
    match cli.command {
        Command::Info { json } => info::run(json),
        Command::Check(a) => check::run(check::CheckOptions {
            backend: a.backend,
            quick: a.quick,
            seed: a.seed,
            json: a.json,
            filter: a.filter,
            list: a.list,
            no_backward: a.no_backward,
        }),
        Command::Bench(a) => bench::run(bench::BenchOptions {
            backend: a.backend,
            cases: a.cases,
            dtypes: a.dtype,
            causal: a.causal,
            backward: a.backward,
            json: a.json,
            csv: a.csv,
            svg: a.svg,
            anchors: a.anchors,
            reps: a.reps,
            warmup: a.warmup,
            seq: a.seq,
            heads: a.heads,
            batch: a.batch,
            seed: a.seed,
            verify_rows: a.verify_rows,
            host_staged: a.host_staged,
        }),
        Command::Demo(a) => demo::run(demo::DemoOptions {
            backend: a.backend,
            batch: a.batch,
            heads: a.heads,
            seq: a.seq,
            dim: a.dim,
            dtype: a.dtype,
            causal: a.causal,
            reps: a.reps,
            warmup: a.warmup,
            rows: a.rows,
            seed: a.seed,
            json: a.json,
            host_staged: a.host_staged,
        }),
    }
}

fn main() {
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", e.msg);
            e.code
        }
    };
    std::process::exit(code);
}
