//! The wgpu backend (portable WGSL family) against the f64 reference: every feature of SPEC.md,
//! forward and backward, odd sizes, every dtype. Runs on whatever adapter wgpu finds (Mesa's
//! lavapipe in CI). Without the `wgpu` feature or without an adapter every test prints why it is
//! skipped and passes (unless `UMFA_WGPU_REQUIRED` is set, as scripts/test-wgpu.sh does).
#![cfg(feature = "wgpu")]

use std::sync::Arc;
use umfa::check::*;
use umfa::wgpu_backend::kernels::Variant;
use umfa::wgpu_backend::{Family, MatrixTiles};
use umfa::*;

fn wgpu() -> Option<Arc<dyn Backend>> {
    match backend(BackendKind::Wgpu) {
        Ok(be) => {
            println!("wgpu backend: {}", be.device_name());
            Some(be)
        }
        Err(e) if std::env::var_os("UMFA_WGPU_REQUIRED").is_some() => {
            panic!("UMFA_WGPU_REQUIRED is set but the wgpu backend is unavailable: {e}")
        }
        Err(e) => {
            println!("SKIPPED: {e}");
            eprintln!("SKIPPED (no usable wgpu adapter): {e}");
            None
        }
    }
}

fn dims(b: usize, hq: usize, hkv: usize, sq: usize, sk: usize, d: usize, dv: usize) -> Dims {
    Dims {
        batch: b,
        heads_q: hq,
        heads_kv: hkv,
        seq_q: sq,
        seq_kv: sk,
        head_dim: d,
        head_dim_v: dv,
    }
}

fn mask(kind: MaskKind, dtype: DType, shape: MaskShape) -> Option<MaskSpec> {
    Some(MaskSpec { kind, dtype, shape })
}

fn seed() -> u64 {
    match std::env::var("UMFA_TEST_SEED") {
        Ok(s) => s.parse().expect("UMFA_TEST_SEED must be an integer"),
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock after 1970")
            .as_nanos() as u64,
    }
}

/// Every feature once or more, sizes that straddle the kernels' tiles (8 rows, 32 keys, 64-wide
/// head-dimension chunks); small enough for lavapipe on two cores.
fn sweep() -> Vec<Case> {
    use DType::*;
    use MaskKind::*;
    use MaskShape::*;
    let mut v = Vec::new();
    let mut push = |c: Case| v.push(c);
    push(Case::dense(dims(2, 4, 4, 64, 64, 64, 64), BF16));
    push(Case::dense(dims(1, 2, 2, 33, 47, 80, 80), F32));
    push(Case::dense(dims(2, 2, 1, 17, 29, 1, 1), F32));
    push(Case::dense(dims(1, 2, 2, 45, 61, 200, 72), F16));
    push(Case::dense(dims(1, 1, 1, 19, 70, 512, 512), BF16));
    let mut c = Case::dense(dims(1, 4, 2, 57, 90, 128, 128), BF16);
    c.causal = Some(CausalAlign::TopLeft);
    push(c.clone());
    c.causal = Some(CausalAlign::BottomRight);
    push(c.clone());
    c.dims = dims(1, 4, 2, 90, 57, 64, 64);
    push(c.clone()); // bottom-right with Sq > Sk: fully masked rows
    let mut c = Case::dense(dims(2, 2, 2, 70, 70, 64, 64), F16);
    c.window = Some(Window {
        left: Some(9),
        right: Some(3),
    });
    push(c.clone());
    c.window = Some(Window {
        left: Some(20),
        right: None,
    });
    c.layout = QkvLayout::Bshd;
    push(c);
    let mut c = Case::dense(dims(2, 4, 1, 40, 50, 64, 64), BF16);
    c.layout = QkvLayout::Padded;
    c.out_dtype = F32;
    push(c.clone());
    c.softcap = Some(5.0);
    c.alibi = true;
    push(c.clone());
    c.sinks = true;
    c.causal = Some(CausalAlign::BottomRight);
    push(c);
    for (kind, dtype, shape) in [
        (Bool, U8, Full),
        (Bool, F32, QueryKey),
        (Bool, BF16, KeyPadding),
        (Additive, F32, Full),
        (Additive, F16, PerHead),
        (Additive, BF16, QueryKey),
        (Additive, F32, KeyPadding),
    ] {
        let mut c = Case::dense(dims(2, 2, 1, 37, 45, 64, 32), F16);
        c.mask = mask(kind, dtype, shape);
        push(c);
    }
    let mut c = Case::dense(dims(1, 2, 2, 70, 100, 64, 64), BF16);
    c.block_mask = Some((16, 32));
    push(c.clone());
    c.block_mask = Some((5, 7));
    c.mask = mask(Bool, U8, Full);
    c.causal = Some(CausalAlign::TopLeft);
    push(c);
    v
}

/// The sweep's cases with the backward on (the backward recomputes the forward, so it covers
/// the same features); a few large head dimensions keep lavapipe's run short.
fn backward_sweep() -> Vec<Case> {
    sweep()
        .into_iter()
        .filter(|c| c.dims.head_dim <= 256)
        .map(|mut c| {
            c.backward = true;
            c
        })
        .chain(std::iter::once({
            let mut c = Case::dense(dims(1, 1, 1, 9, 40, 512, 512), DType::F32);
            c.backward = true;
            c
        }))
        .collect()
}

fn run_sweep(cases: Vec<Case>) {
    let Some(be) = wgpu() else { return };
    run_sweep_on(be.as_ref(), cases);
}

/// One case's line: ok/FAIL, `what` (its label and anything else worth saying), the worst
/// error/tolerance ratio, the time since `started` and the error, if any.
fn print_case(r: &CaseReport, what: &str, started: std::time::Instant) {
    println!(
        "{} {what} worst {:.3} ({:.2}s){}",
        if r.passed() { "ok  " } else { "FAIL" },
        r.worst_ratio(),
        started.elapsed().as_secs_f64(),
        r.error
            .as_deref()
            .map(|e| format!(" error: {e}"))
            .unwrap_or_default()
    );
}

fn run_sweep_on(be: &dyn Backend, cases: Vec<Case>) {
    let seed = seed();
    println!("seed {seed} (replay with UMFA_TEST_SEED)");
    let mut failed = Vec::new();
    let total = cases.len();
    for case in cases {
        let t = std::time::Instant::now();
        let r = run_case(be, &case, seed);
        print_case(&r, &format!("{:<80}", r.label), t);
        if !r.passed() {
            println!(
                "     out {:?}\n     lse {:?}\n     grads {:?}\n     stray {}",
                r.out, r.lse, r.grads, r.stray_writes
            );
            failed.push(r.label);
        }
    }
    println!("{} of {total} cases passed", total - failed.len());
    assert!(failed.is_empty(), "failed: {failed:#?}");
}

/// The portable family's forward sweep, on every adapter (the default family on Vulkan is the
/// matrix one, tested below; it runs where the others have no cooperative matrices), with the
/// row reductions the adapter gets by default: subgroup operations where it has them.
#[test]
fn forward_matches_reference() {
    if wgpu().is_none() {
        return;
    }
    let be = umfa::wgpu_backend::WgpuBackend::open()
        .expect("an adapter was found above")
        .with_family(Family::Portable);
    report_subgroup_lanes(&be);
    run_sweep_on(&be, sweep());
}

/// Prints the row reductions a backend runs and checks that, unless `UMFA_WGPU_SUBGROUPS` says
/// otherwise, they are the most subgroup lanes the adapter allows.
fn report_subgroup_lanes(be: &umfa::wgpu_backend::WgpuBackend) {
    let info = &be.gpu().info;
    println!(
        "subgroup lanes {} of at most {} (adapter subgroups {}..={})",
        be.subgroup_lanes(),
        be.gpu().max_subgroup_lanes,
        info.subgroup_min_size,
        info.subgroup_max_size
    );
    if std::env::var_os("UMFA_WGPU_SUBGROUPS").is_none() {
        assert_eq!(be.subgroup_lanes(), be.gpu().max_subgroup_lanes);
    }
}

/// A representative part of the sweeps, forward and backward: GQA, causal both ways with fully
/// masked rows, a window, sinks, softcap, ALiBi, boolean, additive (broadcast, so dBias sums
/// over rows and heads) and block masks, a dLSE, D = 1 (fewer columns than lanes) and D > 64.
fn reduction_cases() -> Vec<Case> {
    use DType::*;
    use MaskKind::*;
    use MaskShape::*;
    let mut cases = Vec::new();
    let mut push = |mut c: Case| {
        c.backward = true;
        cases.push(c)
    };
    let mut c = Case::dense(dims(1, 4, 2, 90, 57, 64, 64), BF16);
    c.causal = Some(CausalAlign::BottomRight);
    c.d_lse = true;
    push(c); // Sq > Sk bottom-right: fully masked rows
    let mut c = Case::dense(dims(2, 4, 1, 40, 50, 64, 64), BF16);
    c.layout = QkvLayout::Padded;
    c.out_dtype = F32;
    c.softcap = Some(5.0);
    c.alibi = true;
    c.sinks = true;
    c.causal = Some(CausalAlign::BottomRight);
    push(c);
    let mut c = Case::dense(dims(2, 2, 1, 37, 45, 64, 32), F16);
    c.mask = mask(Additive, F32, KeyPadding);
    c.window = Some(Window {
        left: Some(9),
        right: Some(3),
    });
    push(c);
    let mut c = Case::dense(dims(1, 2, 2, 70, 100, 64, 64), BF16);
    c.block_mask = Some((5, 7));
    c.mask = mask(Bool, U8, Full);
    c.causal = Some(CausalAlign::TopLeft);
    push(c);
    push(Case::dense(dims(2, 2, 1, 17, 29, 1, 1), F32));
    let mut c = Case::dense(dims(1, 2, 2, 45, 61, 200, 72), F16);
    c.mask = mask(Additive, BF16, PerHead);
    push(c);
    cases
}

/// The portable family's row reductions through workgroup memory only — the fallback for
/// adapters without subgroups, forced here with `with_subgroups(false)` — and, where the
/// adapter has subgroups, with 2 and 4 lanes of subgroup operations, so that each row spans
/// several lane groups combined through workgroup memory (4 is what Metal gets: wgpu reports
/// its subgroups as 4 to 64). The sweeps above run the default (8 lanes on lavapipe).
#[test]
fn row_reductions_without_subgroups_match_reference() {
    if wgpu().is_none() {
        return;
    }
    let open = || {
        umfa::wgpu_backend::WgpuBackend::open()
            .expect("an adapter was found above")
            .with_family(Family::Portable)
    };
    let be = open().with_subgroups(false);
    assert_eq!(be.subgroup_lanes(), 1);
    println!("{}", be.device_name());
    run_sweep_on(&be, reduction_cases());
    for lanes in [2, 4] {
        let be = open().with_subgroup_lanes(lanes);
        if be.subgroup_lanes() != lanes {
            println!(
                "SKIPPED: {lanes} subgroup lanes: the adapter allows {}",
                be.subgroup_lanes()
            );
            continue;
        }
        println!("{}", be.device_name());
        let cases = reduction_cases();
        run_sweep_on(&be, vec![cases[1].clone(), cases[2].clone()]);
    }
}

/// The matrix family (cooperative matrices) on adapters that have them: the forward sweep plus
/// the shapes it is built for. Elsewhere (lavapipe) it prints why it is skipped.
#[test]
fn matrix_family_matches_reference() {
    if wgpu().is_none() {
        return;
    }
    let be = umfa::wgpu_backend::WgpuBackend::open()
        .expect("an adapter was found above")
        .with_family(Family::Matrix);
    let Some(size) = be.matrix_size() else {
        println!("SKIPPED: the adapter has no f16 cooperative matrices with subgroups of 32");
        return;
    };
    // The default tile shape depends on the problem (`MatrixTiles::preferred`).
    let default_for = |s: usize| {
        variant_of(
            &be,
            &Case::dense(dims(1, 1, 1, s, s, 128, 128), DType::BF16),
        )
    };
    println!(
        "matrix family, {size}x{size} cooperative matrices, default tile shape {} (S = 64), {} \
         (S = 4096)",
        default_for(64),
        default_for(4096)
    );
    let mut cases = sweep();
    cases.extend(large_matrix_cases());
    // A long problem, which takes the long default shape (64-key tiles).
    let mut long = Case::dense(
        dims(1, 2, 1, 2100, MatrixTiles::LONG_KEYS + 52, 128, 128),
        DType::BF16,
    );
    long.causal = Some(CausalAlign::BottomRight);
    println!("long case: tile shape {}", variant_of(&be, &long));
    cases.push(long);
    run_sweep_on(&be, cases);
}

/// The shapes the matrix family is built for, at sizes that straddle its tiles.
fn large_matrix_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for (d, causal) in [(64, false), (128, false), (128, true), (96, true)] {
        let mut c = Case::dense(dims(2, 4, 2, 300, 333, d, d), DType::BF16);
        c.causal = causal.then_some(CausalAlign::BottomRight);
        cases.push(c.clone());
        c.dtype = DType::F16;
        c.out_dtype = DType::F16;
        cases.push(c);
    }
    cases
}

/// The matrix tile shape a backend runs a case with ("portable" when it falls back).
fn variant_of(be: &umfa::wgpu_backend::WgpuBackend, case: &Case) -> String {
    let data = CaseData::generate(case, 1);
    let attn = data.attention(case).expect("valid case");
    let d = case.dims;
    let mut out = Buffer::poisoned(
        case.out_dtype,
        qkv_layout(case.layout, d.batch, d.heads_q, d.seq_q, d.head_dim_v),
    );
    let outs = ForwardOutputs {
        out: out.view_mut(),
        lse: None,
    };
    be.forward_matrix_variant(&attn, &outs)
        .expect("valid case")
        .unwrap_or_else(|| "portable".into())
}

/// Every tile shape of the benchmark sweep (`MatrixTiles::SWEEP`) and every shape with scalar
/// workgroup arrays (`MatrixTiles::SCALAR`, what Metal runs; `s4k64` failed on the H200 before
/// the kernel's workgroup memory became one aligned struct) on real cooperative matrices: the
/// matrix family's own cases and its large shapes. `UMFA_TEST_MATRIX_VARIANTS=s4k64,...` runs
/// some shapes only. Skipped where the adapter has none.
#[test]
fn matrix_variants_match_reference() {
    if wgpu().is_none() {
        return;
    }
    let probe = umfa::wgpu_backend::WgpuBackend::open().expect("an adapter was found above");
    if probe.matrix_size().is_none() {
        println!("SKIPPED: the adapter has no f16 cooperative matrices with subgroups of 32");
        return;
    }
    drop(probe);
    let mut names: Vec<String> = match std::env::var("UMFA_TEST_MATRIX_VARIANTS") {
        Ok(list) => list
            .split(',')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect(),
        Err(_) => MatrixTiles::SWEEP
            .iter()
            .chain(MatrixTiles::SCALAR.iter())
            .map(|x| x.to_string())
            .collect(),
    };
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
    let mut failed = Vec::new();
    for name in &names {
        let tiles = MatrixTiles::parse(name).expect("UMFA_TEST_MATRIX_VARIANTS");
        let be = umfa::wgpu_backend::WgpuBackend::open()
            .expect("an adapter was found above")
            .with_family(Family::Matrix)
            .with_matrix_tiles(tiles);
        let probe = Case::dense(dims(1, 1, 1, 64, 64, 128, 128), DType::BF16);
        println!(
            "tile shape {name}: D = 128 runs on {}",
            variant_of(&be, &probe)
        );
        let cases: Vec<Case> = matrix_cases()
            .into_iter()
            .chain(large_matrix_cases())
            .collect();
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_sweep_on(&be, cases)));
        if result.is_err() {
            failed.push(name);
        }
    }
    assert!(failed.is_empty(), "tile shapes with failures: {failed:?}");
}

#[test]
fn backward_matches_reference() {
    run_sweep(backward_sweep());
}

/// A loss that also reads the LSE: the backward sweep (head dims up to 128, for lavapipe's sake)
/// with a random dLSE drawn fresh each run, laid out like the case's Q/K/V. It covers fully
/// masked rows (whose dLSE must reach nothing), dSinks (summed on the host from the delta the
/// kernel wrote), dBias and strided layouts.
#[test]
fn backward_with_d_lse_matches_reference() {
    let cases = backward_sweep()
        .into_iter()
        .filter(|c| c.dims.head_dim <= 128)
        .map(|mut c| {
            c.d_lse = true;
            c
        })
        .collect();
    run_sweep(cases);
}

#[test]
fn forward_is_deterministic() {
    let Some(be) = wgpu() else { return };
    let mut case = Case::dense(dims(1, 2, 1, 40, 77, 64, 64), DType::BF16);
    case.causal = Some(CausalAlign::BottomRight);
    case.backward = true;
    let a = run_case(be.as_ref(), &case, 7);
    let b = run_case(be.as_ref(), &case, 7);
    assert!(a.passed() && b.passed(), "{a:?} {b:?}");
    assert_eq!(a.out.rel_l2.to_bits(), b.out.rel_l2.to_bits());
    for ((_, x), (_, y)) in a.grads.iter().zip(&b.grads) {
        assert_eq!(x.rel_l2.to_bits(), y.rel_l2.to_bits());
    }
}

#[test]
fn reports_its_adapter() {
    let Some(be) = wgpu() else { return };
    assert_eq!(be.kind(), BackendKind::Wgpu);
    assert!(!be.device_name().is_empty());
}

/// Problems larger than one binding run in pieces (by batch, then by kv heads); a low cap on the
/// binding size makes small problems split, with dSinks and broadcast dBias summed across pieces.
#[test]
fn split_problems_match_reference() {
    if wgpu().is_none() {
        return;
    }
    let be = umfa::wgpu_backend::WgpuBackend::open()
        .expect("an adapter was found above")
        .with_binding_limit(20_000);
    let seed = seed();
    let mut cases = Vec::new();
    let mut c = Case::dense(dims(3, 6, 3, 40, 50, 32, 32), DType::BF16);
    c.backward = true;
    c.sinks = true;
    c.causal = Some(CausalAlign::BottomRight);
    cases.push(c.clone());
    c.sinks = false;
    c.causal = None;
    for shape in [MaskShape::Full, MaskShape::QueryKey, MaskShape::PerHead] {
        c.mask = mask(MaskKind::Additive, DType::F32, shape);
        cases.push(c.clone());
    }
    c.mask = None;
    c.layout = QkvLayout::Bshd;
    c.alibi = true;
    cases.push(c.clone());
    // dLSE split with the rest (and dSinks summed across pieces with it).
    c.d_lse = true;
    c.sinks = true;
    cases.push(c);
    for case in cases {
        let r = run_case(&be, &case, seed);
        println!(
            "{} {} worst {:.3}",
            if r.passed() { "ok  " } else { "FAIL" },
            r.label,
            r.worst_ratio()
        );
        assert!(r.passed(), "seed {seed}: {r:?}");
    }
}

/// A backend of its own whose storage bindings hold at most `bytes`.
fn capped(bytes: u64) -> umfa::wgpu_backend::WgpuBackend {
    umfa::wgpu_backend::WgpuBackend::open()
        .expect("an adapter was found above")
        .with_binding_limit(bytes)
}

/// The extents (batches, kv heads, query rows, keys) of the pieces a case's forward runs in.
fn pieces_of(be: &umfa::wgpu_backend::WgpuBackend, case: &Case) -> [usize; 4] {
    let data = CaseData::generate(case, 1);
    let attn = data.attention(case).expect("valid case");
    let d = case.dims;
    let mut out = Buffer::poisoned(
        case.out_dtype,
        qkv_layout(case.layout, d.batch, d.heads_q, d.seq_q, d.head_dim_v),
    );
    let outs = ForwardOutputs {
        out: out.view_mut(),
        lse: None,
    };
    be.forward_pieces(&attn, &outs).expect("splits")
}

/// Runs `cases` on `be` (its bindings capped), checking that each forward splits its keys
/// (`keys`) or else its query rows and not its keys, then every output against the f64
/// reference with `run_case`'s tolerances (relative L2 within the output dtype's unit roundoff
/// plus 1e-5 forward, 4x that backward, LSE within 2e-6 relative), outputs poisoned before
/// the call.
fn run_split_cases(be: &umfa::wgpu_backend::WgpuBackend, keys: bool, cases: Vec<Case>) {
    let seed = seed();
    println!("seed {seed} (replay with UMFA_TEST_SEED)");
    let mut failed = Vec::new();
    for case in cases {
        let d = case.dims;
        let n = pieces_of(be, &case);
        let split = match keys {
            true => n[3] < d.seq_kv,
            false => n[2] < d.seq_q && n[3] == d.seq_kv,
        };
        assert!(split, "{}: pieces {n:?}", case.label());
        let t = std::time::Instant::now();
        let r = run_case(be, &case, seed);
        print_case(&r, &format!("{:<78} pieces {n:?}", r.label), t);
        if !r.passed() {
            println!("     {r:?}");
            failed.push(r.label);
        }
    }
    assert!(failed.is_empty(), "seed {seed}: failed: {failed:#?}");
}

/// Split along the query rows (issue 8): masks larger than a binding (even one head's rows of
/// them), with every rule that depends on the absolute row — causal both ways with Sq != Sk,
/// a window, ALiBi, block masks (rows in whole blocks) — and GQA, sinks, LSE, fully masked rows
/// (each mask has a dead row; bottom-right with Sq > Sk) and the backward (dQ, dK, dV, dSinks,
/// dBias per row piece). The forward splits rows only; the backward, whose dK and dV are f32,
/// splits the keys too in two cases.
#[test]
fn split_along_query_rows_matches_reference() {
    if wgpu().is_none() {
        return;
    }
    use DType::*;
    use MaskKind::*;
    use MaskShape::*;
    let mut cases = Vec::new();
    let mut push = |mut c: Case, m: Option<MaskSpec>| {
        c.mask = m;
        c.backward = true;
        cases.push(c)
    };
    // [Sq, Sk] f32: 128 000 bytes, 2.7 bindings; the backward splits the rows only.
    push(
        Case::dense(dims(1, 2, 1, 200, 160, 32, 32), F32),
        mask(Additive, F32, QueryKey),
    );
    // [Sq, Sk] u8: 51 200 bytes. Top-left with Sq > Sk.
    let mut c = Case::dense(dims(1, 2, 1, 256, 200, 32, 32), BF16);
    c.causal = Some(CausalAlign::TopLeft);
    push(c, mask(Bool, U8, QueryKey));
    // [2, Sq, Sk] f16 (64 000 bytes a head), sinks and a dLSE.
    let mut c = Case::dense(dims(1, 2, 1, 200, 160, 32, 32), BF16);
    c.sinks = true;
    c.d_lse = true;
    push(c, mask(Additive, F16, PerHead));
    // Bottom-right with Sq > Sk: the first 50 rows see no key. GQA 4:1.
    let mut c = Case::dense(dims(1, 4, 1, 200, 150, 16, 16), F16);
    c.causal = Some(CausalAlign::BottomRight);
    push(c, mask(Additive, BF16, Full));
    // Top-left with Sq < Sk, sinks; padded rows and heads.
    let mut c = Case::dense(dims(1, 4, 1, 180, 256, 16, 16), F32);
    c.layout = QkvLayout::Padded;
    c.causal = Some(CausalAlign::TopLeft);
    c.sinks = true;
    push(c, mask(Bool, F32, QueryKey));
    // Two kv heads: split by kv head first, then by rows. A window and ALiBi, Sq < Sk; BSHD.
    let mut c = Case::dense(dims(1, 8, 2, 200, 230, 16, 16), BF16);
    c.layout = QkvLayout::Bshd;
    c.window = Some(Window {
        left: Some(17),
        right: Some(5),
    });
    c.alibi = true;
    push(c, mask(Additive, BF16, QueryKey));
    let mut c = Case::dense(dims(1, 2, 1, 200, 160, 32, 32), F16);
    c.block_mask = Some((16, 32));
    push(c, mask(Bool, F16, QueryKey));
    // Rows in pieces of 50, whole blocks of 5; bottom-right causal and ALiBi, Sq > Sk.
    let mut c = Case::dense(dims(1, 2, 1, 200, 160, 32, 32), F16);
    c.block_mask = Some((5, 7));
    c.causal = Some(CausalAlign::BottomRight);
    c.alibi = true;
    push(c, mask(Additive, F32, QueryKey));
    run_split_cases(&capped(48_000), false, cases);
}

/// The matrix family's kernel (cooperative matrices emulated, so on any adapter with f16) on
/// row pieces: its band, ALiBi and block-mask rules with the pieces' moved diagonal. Forward only
/// (the backward is the portable family's). The whole problem's f16 copies fit a binding, so
/// every piece's do too and the pieces run on the matrix kernel.
#[test]
fn split_along_query_rows_on_emulated_matrix_family() {
    if wgpu().is_none() {
        return;
    }
    let Some(be) = capped(100_000).with_emulated_matrix(16) else {
        println!("SKIPPED: the adapter has no SHADER_F16");
        return;
    };
    let be = be.with_matrix_tiles(MatrixTiles::parse("s2k32").expect("valid"));
    let mut cases = Vec::new();
    // [Sq, Sk] f32 masks of 128 000 bytes.
    let mut c = Case::dense(dims(1, 2, 1, 200, 160, 32, 32), DType::BF16);
    c.mask = mask(MaskKind::Additive, DType::F32, MaskShape::QueryKey);
    c.causal = Some(CausalAlign::BottomRight);
    c.alibi = true;
    cases.push(c);
    let mut c = Case::dense(dims(1, 2, 1, 200, 160, 32, 32), DType::F16);
    c.mask = mask(MaskKind::Bool, DType::F32, MaskShape::QueryKey);
    c.block_mask = Some((16, 32));
    c.window = Some(Window {
        left: Some(30),
        right: Some(8),
    });
    c.sinks = true;
    cases.push(c);
    for case in &cases {
        assert_eq!(variant_of(&be, case), "s2k32", "{}", case.label());
    }
    run_split_cases(&be, false, cases);
}

/// Split along the keys too, where K or V of one kv head exceed a binding: each block of keys
/// is merged by LSE, sinks counted once (rows that see no key keep O = 0 and LSE = sink or -inf);
/// the backward sums dQ over key pieces. Causal bottom-right, ALiBi, sinks, fully masked rows,
/// a key-padding dBias summed over every row and key piece, block masks, GQA, a window.
#[test]
fn split_along_keys_matches_reference() {
    if wgpu().is_none() {
        return;
    }
    use DType::*;
    use MaskKind::*;
    let mut cases = Vec::new();
    let mut push = |mut c: Case| {
        c.backward = true;
        cases.push(c)
    };
    let mut c = Case::dense(dims(1, 2, 1, 120, 300, 32, 32), F32);
    c.causal = Some(CausalAlign::BottomRight);
    c.sinks = true;
    c.alibi = true;
    push(c);
    // Sq > Sk bottom-right: rows that see no key in any block, with sinks.
    let mut c = Case::dense(dims(1, 2, 1, 240, 200, 32, 32), F16);
    c.causal = Some(CausalAlign::BottomRight);
    c.sinks = true;
    push(c);
    let mut c = Case::dense(dims(1, 4, 2, 64, 256, 32, 32), BF16);
    c.block_mask = Some((16, 32));
    c.mask = mask(Additive, F32, MaskShape::KeyPadding);
    push(c);
    let mut c = Case::dense(dims(1, 2, 1, 100, 300, 16, 16), F32);
    c.window = Some(Window {
        left: Some(40),
        right: Some(10),
    });
    c.mask = mask(Bool, U8, MaskShape::QueryKey);
    push(c);
    run_split_cases(&capped(12_000), true, cases);
}

/// A problem whose smallest piece still exceeds a binding gives a clear `Unsupported` error
/// naming the binding and its size, never a panic: one query row at D = Dv = 300 (1 200 bytes of
/// Q, 1 204 of O and LSE) against 1 000, and whole 32-row blocks of a block mask against 2 000.
#[test]
fn split_that_cannot_fit_is_a_clear_error() {
    if wgpu().is_none() {
        return;
    }
    let seed = seed();
    let r = run_case(
        &capped(1_000),
        &Case::dense(dims(1, 1, 1, 40, 50, 300, 300), DType::F32),
        seed,
    );
    let error = r.error.expect("too large for one binding");
    println!("{error}");
    assert!(
        error.contains("-byte storage binding") && error.contains("allows 1000 bytes"),
        "{error}"
    );
    let mut c = Case::dense(dims(1, 1, 1, 64, 64, 32, 32), DType::F32);
    c.block_mask = Some((32, 32));
    let error = run_case(&capped(2_000), &c, seed)
        .error
        .expect("too large for one binding");
    println!("{error}");
    assert!(
        error.contains("storage binding") && error.contains("32 query rows"),
        "{error}"
    );
}

/// The benchmarks' case selection: `UMFA_WGPU_BENCH_DIV` (sequence lengths divided by it, 1
/// by default) and `UMFA_WGPU_BENCH_CASES` (labels, comma separated; empty: every case).
fn bench_selection() -> (usize, Vec<String>) {
    let div = std::env::var("UMFA_WGPU_BENCH_DIV")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let wanted = std::env::var("UMFA_WGPU_BENCH_CASES")
        .map(|s| s.split(',').map(|c| c.trim().to_string()).collect())
        .unwrap_or_default();
    (div, wanted)
}

/// The forward benchmark (GPU.md's G1 and G2, bf16), kernel time with inputs on the device, as
/// JSON lines: the matrix family at every tile shape of `UMFA_WGPU_MATRIX_VARIANTS` (comma
/// separated; default `MatrixTiles::SWEEP`), the portable family too with
/// `UMFA_WGPU_BENCH_PORTABLE=1`. `UMFA_WGPU_BENCH_CASES` picks cases by label prefix (comma
/// separated, e.g. `G1 fwd`). Ignored by default; on a GPU: `cargo test --release -p umfa
/// --features wgpu --test wgpu -- --ignored bench_forward --nocapture`. `UMFA_WGPU_BENCH_DIV=n`
/// divides the sequence lengths by n (a smoke test on lavapipe).
#[test]
#[ignore]
fn bench_forward() {
    let Some(shared) = wgpu() else { return };
    let name = shared.device_name();
    drop(shared);
    let open = || umfa::wgpu_backend::WgpuBackend::open().expect("an adapter was found above");
    let mut backends: Vec<(String, umfa::wgpu_backend::WgpuBackend)> = Vec::new();
    if std::env::var("UMFA_WGPU_BENCH_PORTABLE").as_deref() == Ok("1") {
        backends.push(("portable".into(), open()));
    }
    if open().matrix_size().is_some() {
        let list = std::env::var("UMFA_WGPU_MATRIX_VARIANTS")
            .unwrap_or_else(|_| MatrixTiles::SWEEP.join(","));
        for spec in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let tiles = MatrixTiles::parse(spec).expect("UMFA_WGPU_MATRIX_VARIANTS");
            let be = open().with_family(Family::Matrix).with_matrix_tiles(tiles);
            backends.push((spec.to_string(), be));
        }
    }
    let (div, wanted) = bench_selection();
    for (label, b, h, s, d, causal) in [
        ("G1 fwd", 4, 16, 4096, 128, false),
        ("G1 fwd causal", 4, 16, 4096, 128, true),
        ("G2 fwd", 16, 16, 1024, 64, false),
        ("G2 fwd causal", 16, 16, 1024, 64, true),
    ] {
        if !wanted.is_empty() && !wanted.iter().any(|w| label == w) {
            continue;
        }
        let s = (s / div).max(1);
        let mut case = Case::dense(dims(b, h, h, s, s, d, d), DType::BF16);
        if causal {
            case.causal = Some(CausalAlign::BottomRight);
        }
        let data = CaseData::generate(&case, 1);
        let attn = data.attention(&case).expect("valid case");
        let mut out = Buffer::poisoned(DType::BF16, qkv_layout(case.layout, b, h, s, d));
        let outs = ForwardOutputs {
            out: out.view_mut(),
            lse: None,
        };
        for (variant, be) in &backends {
            // 20 warm-up runs (≥ 0.1 s at G1) so that the clocks have ramped up: with 5 the first
            // shape timed on a cold H100 read 66 TFLOP/s against 97 a call later (2026-12-07).
            let (secs, family) = match be.time_forward(&attn, &outs, 20, 10) {
                Ok(r) => r,
                Err(e) => {
                    println!(
                        "{{\"case\": \"{label}\", \"variant\": \"{variant}\", \"error\": {:?}}}",
                        e.to_string()
                    );
                    continue;
                }
            };
            // FlashAttention's convention: 4·B·H·S²·D, halved when causal.
            let flops =
                4.0 * (b * h) as f64 * (s * s) as f64 * d as f64 / if causal { 2.0 } else { 1.0 };
            println!(
                "{{\"case\": \"{label}\", \"shape\": [{b}, {h}, {s}, {d}], \"family\": \"{family}\", \
                 \"variant\": \"{variant}\", \"ms\": {:.3}, \"tflops\": {:.2}, \"device\": {:?}}}",
                secs * 1e3,
                flops / secs / 1e12,
                name
            );
        }
    }
}

/// The matrix family's own cases beyond the sweep: the shapes it is built for, GQA, sinks,
/// causal, masks, block masks, windows, softcap and ALiBi, head dims that are not multiples of
/// 16, Dv != D, sequence lengths that straddle its 64-row and 32-key tiles.
fn matrix_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut c = Case::dense(dims(1, 2, 1, 70, 45, 32, 48), DType::BF16);
    cases.push(c.clone());
    c.causal = Some(CausalAlign::BottomRight);
    c.sinks = true;
    cases.push(c.clone());
    c.causal = None;
    c.sinks = false;
    c.dtype = DType::F16;
    c.out_dtype = DType::F16;
    c.dims = dims(2, 2, 2, 33, 70, 16, 16);
    c.mask = mask(MaskKind::Bool, DType::U8, MaskShape::Full);
    c.block_mask = Some((16, 32));
    cases.push(c.clone());
    c.mask = mask(MaskKind::Additive, DType::F32, MaskShape::QueryKey);
    c.block_mask = None;
    c.softcap = Some(4.0);
    c.alibi = true;
    c.window = Some(Window {
        left: Some(10),
        right: Some(5),
    });
    cases.push(c);
    // ALiBi with 8 heads: head 0's slope of 1/2 raises the row maximum by 16 per 32-key tile on
    // the way to the diagonal, so the lazy rescale of the accumulators runs tile after tile.
    let mut c = Case::dense(dims(1, 8, 2, 100, 230, 64, 48), DType::F16);
    c.out_dtype = DType::F16;
    c.alibi = true;
    cases.push(c.clone());
    c.sinks = true;
    c.causal = Some(CausalAlign::BottomRight);
    cases.push(c);
    for (d, dv, causal) in [(96, 64, true), (40, 24, false), (64, 96, false)] {
        let mut c = Case::dense(dims(1, 4, 2, 130, 97, d, dv), DType::BF16);
        c.causal = causal.then_some(CausalAlign::BottomRight);
        cases.push(c);
    }
    // The widest head dims it takes: DeepSeek-style 192/128 and Gemma-style 256, with sinks.
    let mut c = Case::dense(dims(1, 2, 1, 40, 75, 192, 128), DType::BF16);
    c.causal = Some(CausalAlign::BottomRight);
    cases.push(c);
    let mut c = Case::dense(dims(1, 2, 2, 35, 50, 256, 256), DType::F16);
    c.out_dtype = DType::F16;
    c.sinks = true;
    cases.push(c);
    cases
}

/// The tile shapes the emulation runs on lavapipe (32 KiB of workgroup memory), each with the
/// cases it gets: the first takes the portable family's whole sweep plus the matrix family's own
/// cases (its small tiles fit every head dimension up to 128), the others the matrix family's
/// cases (together they cover 64-key tiles, four subgroups, vec4 arrays and the K prefetch).
/// Every scalar-array shape (`MatrixTiles::SCALAR`, Metal's) that fits runs too: `s4k64` does
/// not (at least 34.8 KiB emulated, whose Q keeps a region of its own), so its logic is covered
/// by `s4k64v` on hardware and `s2k64`/`s4k32` here, its layout by the unit tests
/// (`matrix_kernel_arrays_start_16_byte_aligned`, `matrix_layouts_hold_their_fragments`).
const EMULATED_TILES: [(&str, bool); 6] = [
    ("s2k32", true),
    ("s2k64v", false),
    ("s4k32vp", false),
    ("s2k16", false),
    ("s2k64", false),
    ("s4k32", false),
];

/// The matrix family's kernel with its cooperative-matrix builtins emulated in software
/// (`coop_emulation.wgsl`), so that its logic is tested on lavapipe at both sizes it runs at:
/// 16×16 (Vulkan tensor cores) and 8×8 (Metal), and at several tile shapes (`EMULATED_TILES`).
/// Cases outside the matrix family's scope (f32, D > 128, or tiles that do not fit the
/// adapter's workgroup memory) fall back to the portable kernels, as on hardware; the test also
/// checks that the cases meant for the matrix kernel reach it.
#[test]
fn emulated_matrix_family_matches_reference() {
    if wgpu().is_none() {
        return;
    }
    // `UMFA_TEST_EMULATED_TILES=s2k32,...` runs only these tile shapes (for quicker iteration).
    // Shapes not in the list run with the matrix family's own cases.
    let tiles_list: Vec<(String, bool)> = match std::env::var("UMFA_TEST_EMULATED_TILES") {
        Ok(only) => only
            .split(',')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .map(|x| {
                let whole = EMULATED_TILES.iter().any(|(n, w)| *n == x && *w);
                (x, whole)
            })
            .collect(),
        Err(_) => EMULATED_TILES
            .iter()
            .map(|(n, w)| (n.to_string(), *w))
            .collect(),
    };
    for size in [16, 8] {
        for (name, whole_sweep) in tiles_list.iter().map(|(n, w)| (n.as_str(), *w)) {
            let tiles = MatrixTiles::parse(name).expect("valid");
            let Some(be) = umfa::wgpu_backend::WgpuBackend::open()
                .expect("an adapter was found above")
                .with_emulated_matrix(size)
            else {
                println!("SKIPPED: the adapter has no SHADER_F16");
                return;
            };
            let be = be.with_matrix_tiles(tiles);
            let limit = be.gpu().limits.max_compute_workgroup_storage_size;
            println!(
                "emulated {size}x{size} matrix family, tile shape {name} ({limit} bytes of \
                 workgroup memory)"
            );
            let mut cases = matrix_cases();
            if whole_sweep {
                cases = sweep().into_iter().chain(cases).collect();
            }
            let mut on_matrix = 0;
            for case in &cases {
                let d = case.dims;
                let variant = variant_of(&be, case);
                let sixteen = |t: DType| matches!(t, DType::F16 | DType::BF16);
                let mut v = Variant::matrix_forward(d.head_dim, d.head_dim_v, size, tiles);
                v.emulated = true;
                let in_scope = sixteen(case.dtype)
                    && sixteen(case.out_dtype)
                    && d.head_dim.max(d.head_dim_v) <= MatrixTiles::MAX_HEAD_DIM
                    && v.matrix_workgroup_bytes() <= limit;
                if in_scope {
                    assert_eq!(
                        variant,
                        name,
                        "{} should run on the matrix kernel",
                        case.label()
                    );
                }
                on_matrix += usize::from(variant == name);
            }
            println!("{on_matrix} of {} cases on the matrix kernel", cases.len());
            if name == EMULATED_TILES[0].0 {
                // The small tiles fit every head dimension up to 128 (wider ones need more than
                // lavapipe's 32 KiB emulated, whose Q keeps a region of its own; s2k16 takes
                // them).
                assert!(cases
                    .iter()
                    .filter(|c| c.dims.head_dim.max(c.dims.head_dim_v) <= 128
                        && matches!(c.dtype, DType::F16 | DType::BF16)
                        && matches!(c.out_dtype, DType::F16 | DType::BF16))
                    .all(|c| variant_of(&be, c) == name));
            }
            run_sweep_on(&be, cases);
        }
    }
}

/// The matrix backward's tile shape for a case ("portable" when the portable kernels run it).
fn backward_variant_of(be: &umfa::wgpu_backend::WgpuBackend, case: &Case) -> String {
    let data = CaseData::generate(case, 1);
    let attn = data.attention(case).expect("valid case");
    let d = case.dims;
    let layout = |h, s, dim| qkv_layout(case.layout, d.batch, h, s, dim);
    let out = Buffer::poisoned(case.out_dtype, layout(d.heads_q, d.seq_q, d.head_dim_v));
    let lse = Buffer::poisoned(
        DType::F32,
        umfa::Layout::contiguous(&[d.batch, d.heads_q, d.seq_q]).expect("3-D"),
    );
    let mut dq = Buffer::poisoned(case.dtype, layout(d.heads_q, d.seq_q, d.head_dim));
    let mut dk = Buffer::poisoned(case.dtype, layout(d.heads_kv, d.seq_kv, d.head_dim));
    let mut dv = Buffer::poisoned(case.dtype, layout(d.heads_kv, d.seq_kv, d.head_dim_v));
    be.backward_matrix_variant(
        &attn,
        &BackwardInputs {
            out: out.view(),
            d_out: data.d_out.view(),
            lse: lse.view(),
            d_lse: None,
        },
        &Gradients {
            dq: dq.view_mut(),
            dk: dk.view_mut(),
            dv: dv.view_mut(),
            d_sinks: None,
            d_bias: None,
        },
    )
    .expect("valid case")
    .unwrap_or_else(|| "portable".into())
}

/// The matrix backward on real cooperative matrices (the adapters that have them; skipped
/// elsewhere): the cases of the emulated test below, every one of its tile shapes.
#[test]
fn matrix_backward_matches_reference() {
    if wgpu().is_none() {
        return;
    }
    let probe = umfa::wgpu_backend::WgpuBackend::open().expect("an adapter was found above");
    if probe.matrix_size().is_none() {
        println!("SKIPPED: the adapter has no f16 cooperative matrices with subgroups of 32");
        return;
    }
    drop(probe);
    for name in MatrixTiles::BACKWARD {
        let be = umfa::wgpu_backend::WgpuBackend::open()
            .expect("an adapter was found above")
            .with_family(Family::Matrix)
            .with_matrix_backward(true)
            .with_matrix_tiles(MatrixTiles::parse(name).expect("valid"));
        println!("matrix backward, tile shape {name}");
        let size = be.matrix_size().expect("probed");
        let tiles = MatrixTiles::parse(name).expect("valid");
        check_matrix_backward(&be, size, false, tiles);
    }
}

/// Runs `matrix_backward_cases` on `be`, checking that the cases in its scope — 16-bit, and
/// `tiles` fits the workgroup memory (`emulated`: as the emulation counts it) — reach the
/// matrix backward.
fn check_matrix_backward(
    be: &umfa::wgpu_backend::WgpuBackend,
    size: u32,
    emulated: bool,
    tiles: MatrixTiles,
) {
    let cases = matrix_backward_cases();
    let limit = be.gpu().limits.max_compute_workgroup_storage_size;
    let mut on_matrix = 0;
    for case in &cases {
        let variant = backward_variant_of(be, case);
        // (At D = 256 even the smallest shape needs 35 KiB: not on lavapipe's 32.)
        let mut v = Variant::matrix_backward(
            umfa::wgpu_backend::kernels::Kernel::BackwardMatrixDq,
            case.dims.head_dim,
            case.dims.head_dim_v,
            size,
            tiles,
        );
        v.emulated = emulated;
        if matches!(case.dtype, DType::F16 | DType::BF16) && v.matrix_workgroup_bytes() <= limit {
            assert_ne!(
                variant,
                "portable",
                "{} should run on the matrix backward",
                case.label()
            );
            on_matrix += 1;
        } else {
            assert_eq!(variant, "portable", "{}", case.label());
        }
    }
    println!(
        "{on_matrix} of {} cases on the matrix backward",
        cases.len()
    );
    run_sweep_on(be, cases);
}

/// The matrix backward's cases: the row-reduction cases (GQA, causal both ways with fully
/// masked rows and a dLSE, a window, sinks, softcap, ALiBi, boolean, block and additive masks
/// with dBias, D = 1, D 200 / Dv 72) and the matrix forward's own (Dv ≠ D, ALiBi steep enough
/// to move the maximum, head dims up to 256), every one with the backward.
fn matrix_backward_cases() -> Vec<Case> {
    reduction_cases()
        .into_iter()
        .chain(matrix_cases().into_iter().map(|mut c| {
            c.backward = true;
            c
        }))
        .collect()
}

/// The matrix family's backward (dQ, and dK with dV, on cooperative matrices) with the
/// builtins emulated, at 16×16 and 8×8, against the f64 reference (`matrix_backward_cases`), at
/// the default shapes and at `s2k16r`.
/// Cases in its scope (f16/bf16, shapes that fit) must reach it; the others fall back to the
/// portable kernels.
#[test]
fn emulated_matrix_backward_matches_reference() {
    if wgpu().is_none() {
        return;
    }
    for size in [16, 8] {
        let Some(be) = umfa::wgpu_backend::WgpuBackend::open()
            .expect("an adapter was found above")
            .with_emulated_matrix(size)
        else {
            println!("SKIPPED: the adapter has no SHADER_F16");
            return;
        };
        let be = be.with_matrix_backward(true);
        println!("emulated {size}x{size} matrix backward");
        // The backend takes the first shape that fits; the smallest decides what is in scope.
        let smallest = MatrixTiles::parse(MatrixTiles::BACKWARD[MatrixTiles::BACKWARD.len() - 1])
            .expect("valid");
        check_matrix_backward(&be, size, true, smallest);
        // The own rows' fragments held in registers (`r`), where the shape fits.
        let resident = MatrixTiles::parse("s2k16r").expect("valid");
        println!("emulated {size}x{size} matrix backward, tile shape s2k16r");
        check_matrix_backward(&be.with_matrix_tiles(resident), size, true, resident);
    }
}

/// The backward benchmark (G1 and G2, bf16), time per backward with its inputs on the device
/// (the row kernels, the conversion pass, dQ and dK/dV), as JSON lines: the matrix backward at
/// every shape of `MatrixTiles::BACKWARD` where the adapter has cooperative matrices, and the
/// portable backward. FLOPs by FlashAttention's convention, 2.5× the forward's.
/// `UMFA_WGPU_BENCH_CASES` (e.g. `G1 bwd`) and `UMFA_WGPU_BENCH_DIV` as for `bench_forward`;
/// `UMFA_WGPU_BENCH_PORTABLE=0` leaves the (slow) portable backward out. Ignored by default; on a
/// GPU: `cargo test --release -p umfa --features wgpu --test wgpu -- --ignored bench_backward
/// --nocapture`.
#[test]
#[ignore]
fn bench_backward() {
    let Some(shared) = wgpu() else { return };
    let name = shared.device_name();
    drop(shared);
    let open = || umfa::wgpu_backend::WgpuBackend::open().expect("an adapter was found above");
    let mut backends: Vec<(String, umfa::wgpu_backend::WgpuBackend)> = Vec::new();
    if std::env::var("UMFA_WGPU_BENCH_PORTABLE").as_deref() != Ok("0") {
        backends.push(("portable".into(), open().with_family(Family::Portable)));
    }
    let size = open().matrix_size();
    for spec in MatrixTiles::BACKWARD {
        let tiles = MatrixTiles::parse(spec).expect("valid");
        let be = match size {
            Some(_) => open().with_family(Family::Matrix),
            None => match open().with_emulated_matrix(16) {
                // The emulation only with UMFA_WGPU_BENCH_DIV (a smoke test of this benchmark).
                Some(be) if std::env::var_os("UMFA_WGPU_BENCH_DIV").is_some() => be,
                _ => continue,
            },
        };
        backends.push((
            spec.to_string(),
            be.with_matrix_backward(true).with_matrix_tiles(tiles),
        ));
    }
    let (div, wanted) = bench_selection();
    for (label, b, h, s, d, causal) in [
        ("G1 bwd", 4, 16, 4096, 128, false),
        ("G1 bwd causal", 4, 16, 4096, 128, true),
        ("G2 bwd", 16, 16, 1024, 64, false),
        ("G2 bwd causal", 16, 16, 1024, 64, true),
    ] {
        if !wanted.is_empty() && !wanted.iter().any(|w| label == w) {
            continue;
        }
        let s = (s / div).max(1);
        let mut case = Case::dense(dims(b, h, h, s, s, d, d), DType::BF16);
        if causal {
            case.causal = Some(CausalAlign::BottomRight);
        }
        let data = CaseData::generate(&case, 1);
        let attn = data.attention(&case).expect("valid case");
        let layout = |dim| qkv_layout(case.layout, b, h, s, dim);
        let mut out = Buffer::poisoned(DType::BF16, layout(d));
        let mut lse = Buffer::poisoned(
            DType::F32,
            umfa::Layout::contiguous(&[b, h, s]).expect("3-D"),
        );
        // O and LSE from the forward (any backend: the backward's work does not depend on them).
        backends[0]
            .1
            .forward_host(
                &attn,
                &mut ForwardOutputs {
                    out: out.view_mut(),
                    lse: Some(lse.view_mut()),
                },
            )
            .expect("forward");
        let (mut dq, mut dk, mut dv) = (
            Buffer::poisoned(DType::BF16, layout(d)),
            Buffer::poisoned(DType::BF16, layout(d)),
            Buffer::poisoned(DType::BF16, layout(d)),
        );
        let inputs = BackwardInputs {
            out: out.view(),
            d_out: data.d_out.view(),
            lse: lse.view(),
            d_lse: None,
        };
        let grads = Gradients {
            dq: dq.view_mut(),
            dk: dk.view_mut(),
            dv: dv.view_mut(),
            d_sinks: None,
            d_bias: None,
        };
        for (variant, be) in &backends {
            // Fewer repetitions than the forward: the portable backward takes seconds at G1.
            let (secs, family) = match be.time_backward(&attn, &inputs, &grads, 3, 2) {
                Ok(r) => r,
                Err(e) => {
                    println!(
                        "{{\"case\": \"{label}\", \"variant\": \"{variant}\", \"error\": {:?}}}",
                        e.to_string()
                    );
                    continue;
                }
            };
            let flops = 2.5 * 4.0 * (b * h) as f64 * (s * s) as f64 * d as f64
                / if causal { 2.0 } else { 1.0 };
            println!(
                "{{\"case\": \"{label}\", \"shape\": [{b}, {h}, {s}, {d}], \"family\": \"{family}\", \
                 \"variant\": \"{variant}\", \"ms\": {:.3}, \"tflops\": {:.2}, \"device\": {:?}}}",
                secs * 1e3,
                flops / secs / 1e12,
                name
            );
        }
    }
}
