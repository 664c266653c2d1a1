//! The CUDA backend against the f64 reference: every feature, fast and generic kernels, odd sizes,
//! determinism, and the device-pointer path. Without a usable GPU every test prints why it is
//! skipped and passes.

mod common;

use common::cuda::cuda;
use umfa::check::*;
use umfa::*;

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

/// The sweep: the tensor-core kernel (16-bit in and out, D = Dv a multiple of 16, aligned) with
/// every feature, then the generic kernel (everything else), odd sizes throughout.
fn sweep() -> Vec<Case> {
    use DType::*;
    let mut v = Vec::new();
    let mut c = Case::dense(dims(2, 4, 4, 128, 128, 64, 64), BF16);
    v.push(c.clone());
    c = Case::dense(dims(1, 4, 2, 257, 300, 128, 128), BF16);
    c.causal = Some(CausalAlign::BottomRight);
    c.layout = QkvLayout::Bshd;
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 1, 300, 200, 128, 128), BF16);
    c.causal = Some(CausalAlign::TopLeft);
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 2, 200, 333, 256, 256), F16);
    c.window = Some(Window {
        left: Some(50),
        right: Some(10),
    });
    v.push(c.clone());
    c = Case::dense(dims(2, 4, 1, 130, 190, 128, 128), BF16);
    c.out_dtype = F16;
    c.softcap = Some(3.0);
    c.alibi = true;
    c.sinks = true;
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 2, 150, 170, 64, 64), BF16);
    c.mask = mask(MaskKind::Bool, U8, MaskShape::Full);
    v.push(c.clone());
    c = Case::dense(dims(2, 2, 2, 100, 120, 128, 128), BF16);
    c.mask = mask(MaskKind::Additive, F32, MaskShape::QueryKey);
    v.push(c.clone());
    c = Case::dense(dims(1, 3, 3, 190, 190, 128, 128), F16);
    c.mask = mask(MaskKind::Additive, F16, MaskShape::PerHead);
    c.causal = Some(CausalAlign::TopLeft);
    v.push(c.clone());
    c = Case::dense(dims(2, 2, 1, 64, 250, 64, 64), BF16);
    c.mask = mask(MaskKind::Bool, BF16, MaskShape::KeyPadding);
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 2, 200, 260, 128, 128), BF16);
    c.block_mask = Some((16, 32));
    c.mask = mask(MaskKind::Bool, U8, MaskShape::Full);
    c.window = Some(Window {
        left: Some(90),
        right: Some(40),
    });
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 2, 512, 512, 128, 128), BF16);
    c.block_mask = Some((64, 64));
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 2, 384, 384, 64, 64), F16);
    c.block_mask = Some((128, 64));
    c.causal = Some(CausalAlign::BottomRight);
    c.sinks = true;
    v.push(c.clone());
    c = Case::dense(dims(2, 8, 2, 1, 1000, 128, 128), BF16);
    c.causal = Some(CausalAlign::BottomRight);
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 2, 17, 17, 64, 64), BF16);
    c.causal = Some(CausalAlign::TopLeft);
    v.push(c.clone());
    c = Case::dense(dims(1, 4, 2, 1000, 1000, 64, 64), BF16);
    c.causal = Some(CausalAlign::TopLeft);
    c.layout = QkvLayout::Bshd;
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 2, 70, 1000, 256, 256), BF16);
    c.softcap = Some(10.0);
    c.mask = mask(MaskKind::Additive, BF16, MaskShape::Full);
    v.push(c.clone());
    // Other multiples of 16 on the tensor-core kernel (padded shared-memory rows).
    c = Case::dense(dims(1, 4, 2, 150, 170, 32, 32), BF16);
    c.causal = Some(CausalAlign::BottomRight);
    v.push(c.clone());
    c = Case::dense(dims(2, 2, 2, 99, 130, 96, 96), F16);
    c.window = Some(Window {
        left: Some(30),
        right: Some(7),
    });
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 1, 77, 300, 192, 192), BF16);
    c.softcap = Some(8.0);
    c.sinks = true;
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 2, 64, 64, 16, 16), BF16);
    v.push(c.clone());
    // Sq > Sk, bottom-right: the first Sq - Sk rows see no key (O = 0, LSE = -inf).
    c = Case::dense(dims(1, 3, 3, 200, 100, 80, 80), BF16);
    c.causal = Some(CausalAlign::BottomRight);
    v.push(c.clone());
    // Generic kernel.
    c = Case::dense(dims(1, 2, 2, 33, 47, 80, 80), F32);
    v.push(c.clone());
    c = Case::dense(dims(2, 2, 1, 17, 29, 1, 1), F32);
    c.causal = Some(CausalAlign::BottomRight);
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 2, 45, 61, 200, 72), BF16);
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 1, 40, 1000, 512, 512), BF16);
    c.causal = Some(CausalAlign::BottomRight);
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 2, 90, 90, 128, 128), BF16);
    c.layout = QkvLayout::Padded;
    c.causal = Some(CausalAlign::TopLeft);
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 2, 90, 110, 128, 128), BF16);
    c.out_dtype = F32;
    v.push(c.clone());
    c = Case::dense(dims(2, 4, 2, 70, 90, 40, 24), F32);
    c.mask = mask(MaskKind::Bool, U8, MaskShape::Full);
    c.block_mask = Some((16, 32));
    c.window = Some(Window {
        left: Some(20),
        right: Some(3),
    });
    c.softcap = Some(5.0);
    c.alibi = true;
    c.sinks = true;
    c.layout = QkvLayout::Padded;
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 2, 1, 1, 512, 1), F16);
    c.mask = mask(MaskKind::Additive, F32, MaskShape::KeyPadding);
    v.push(c.clone());
    c = Case::dense(dims(1, 2, 2, 64, 64, 96, 96), BF16);
    c.mask = mask(MaskKind::Bool, F32, MaskShape::PerHead);
    c.block_mask = Some((8, 8));
    c.alibi = true;
    v.push(c.clone());
    v
}

#[test]
fn forward_sweep_matches_reference() {
    let Some(be) = cuda() else { return };
    check_forward_sweep(be.as_ref());
}

/// Problems with more work items (160–256) than a GPU has SMs (132 on the H100), so that the
/// Hopper forward's persistent blocks take several items each — the hand-over between items (the
/// next item's Q in the second buffer, K/V stages running on across items, and with
/// `UMFA_CUDA_DEFINES=-DITEM_PIPE=1` an item's last P·V beside the next item's first S) — which
/// the sweep's small problems never reach: D = 128 (128-row items), D = 64 (192-row items whose
/// last one per head leaves two of three warpgroups past Sq), GQA, and banded problems (a block
/// per item by default, persistent with `UMFA_CUDA_WGMMA_DYNAMIC=1`), one with rows that see no
/// key (bottom-right causal, Sq > Sk: whole items without a live tile).
#[test]
fn persistent_forward_matches_reference() {
    use DType::*;
    let Some(be) = cuda() else { return };
    let mut cases = vec![
        Case::dense(dims(2, 24, 8, 520, 200, 128, 128), BF16),
        Case::dense(dims(2, 32, 8, 600, 260, 64, 64), BF16),
        Case::dense(dims(1, 40, 40, 600, 300, 64, 64), F16),
    ];
    let mut c = Case::dense(dims(2, 16, 4, 600, 200, 128, 128), BF16);
    c.causal = Some(CausalAlign::BottomRight);
    cases.push(c);
    c = Case::dense(dims(2, 32, 8, 400, 400, 64, 64), BF16);
    c.causal = Some(CausalAlign::TopLeft);
    cases.push(c);
    check_forward_cases(be.as_ref(), &cases, 7000);
}

/// The forward sweep with the Hopper kernel's K/V copied by cp.async rather than TMA (the
/// default; `UMFA_CUDA_WGMMA_TMA=0`, set for this thread only through `cuda::set_wgmma_tma`):
/// the path of the cases a tensor map cannot describe, kept correct over every feature.
/// `UMFA_CUDA_TRACE=1` shows `tma: false` in the tile.
#[test]
fn forward_sweep_without_tma_matches_reference() {
    let Some(be) = cuda() else { return };
    with_setting(umfa::cuda::set_wgmma_tma, false, || {
        check_forward_sweep(be.as_ref())
    });
}

/// The sweep's cases whose head dims (D, Dv) pass `dims`, each in the deterministic and the fast
/// mode.
fn both_modes(dims: impl Fn(usize, usize) -> bool) -> impl Iterator<Item = Case> {
    sweep()
        .into_iter()
        .filter(move |c| dims(c.dims.head_dim, c.dims.head_dim_v))
        .flat_map(|c| {
            [true, false].map(|deterministic| Case {
                deterministic,
                ..c.clone()
            })
        })
}

/// Runs `f` with a per-thread kernel choice (`umfa::cuda::set_*`) set to `on`, and sets it back
/// to the default afterwards, also when `f` panics (the test harness reuses its threads).
fn with_setting(set: fn(Option<bool>), on: bool, f: impl FnOnce()) {
    set(Some(on));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    set(None);
    if let Err(e) = r {
        std::panic::resume_unwind(e);
    }
}

/// Runs every sweep case's forward against the reference.
fn check_forward_sweep(be: &dyn Backend) {
    check_forward_cases(be, &sweep(), 1000);
}

/// Runs each case's forward against the reference (case n with seed `seed + n`), printing its
/// error; panics listing the failures.
fn check_forward_cases(be: &dyn Backend, cases: &[Case], seed: u64) {
    let mut failed = Vec::new();
    for (n, case) in cases.iter().enumerate() {
        let r = run_case(be, case, seed + n as u64);
        println!(
            "{} {:<70} out rel_l2 {:.2e} (tol {:.1e}) lse {:.2e} stray {} {}",
            if r.passed() { "ok  " } else { "FAIL" },
            r.label,
            r.out.rel_l2,
            r.out.tolerance,
            r.lse.rel_l2,
            r.stray_writes,
            r.error.as_deref().unwrap_or("")
        );
        if !r.passed() {
            failed.push(r.label);
        }
    }
    assert!(failed.is_empty(), "failed: {failed:#?}");
}

/// Runs every case's forward and backward against the reference, printing each gradient's
/// error; panics listing the failures.
fn check_backward(be: &dyn Backend, cases: impl Iterator<Item = Case>, seed: u64) {
    let mut failed = Vec::new();
    for (n, mut case) in cases.enumerate() {
        case.backward = true;
        let r = run_case(be, &case, seed + n as u64);
        let grads: Vec<String> = r
            .grads
            .iter()
            .map(|(name, e)| format!("{name} {:.2e}/{:.1e}", e.rel_l2, e.tolerance))
            .collect();
        println!(
            "{} {:<70} {} stray {} {}",
            if r.passed() { "ok  " } else { "FAIL" },
            r.label,
            grads.join(" "),
            r.stray_writes,
            r.error.as_deref().unwrap_or("")
        );
        if !r.passed() {
            failed.push(r.label);
        }
    }
    assert!(failed.is_empty(), "failed: {failed:#?}");
}

/// The backward sweep: the same cases, gradients against the f64 reference (dQ, dK, dV, and
/// dSinks, dBias where the case has sinks or an additive mask), deterministic mode.
#[test]
fn backward_sweep_matches_reference() {
    let Some(be) = cuda() else { return };
    check_backward(be.as_ref(), sweep().into_iter(), 2000);
}

/// The fast mode (atomic dQ, D = 64 and 128 on the tensor-core kernel) against the reference,
/// over the sweep cases it takes.
#[test]
fn backward_fast_mode_matches_reference() {
    let Some(be) = cuda() else { return };
    let cases = sweep()
        .into_iter()
        .filter(|c| c.dims.head_dim == c.dims.head_dim_v && matches!(c.dims.head_dim, 64 | 128))
        .map(|mut c| {
            c.deterministic = false;
            c
        });
    check_backward(be.as_ref(), cases, 3000);
}

/// Both modes with the Hopper dK/dV kernel turned off (`UMFA_CUDA_WGMMA_BWD=0`, set for this
/// thread only through `cuda::set_wgmma_bwd`), so that on sm_90 the mma.sync dK/dV kernels are
/// checked too (elsewhere they are what the other tests run). `UMFA_CUDA_TRACE=1` prints which
/// dK/dV kernel each case ran ("backward wgmma dK/dV" for the Hopper one).
#[test]
fn backward_without_wgmma_matches_reference() {
    let Some(be) = cuda() else { return };
    let cases = both_modes(|d, dv| d == dv && matches!(d, 64 | 128));
    with_setting(umfa::cuda::set_wgmma_bwd, false, || {
        check_backward(be.as_ref(), cases, 3000)
    });
}

/// Both modes with the Hopper dK/dV kernel's Q and dO copied by cp.async rather than TMA (the
/// default; `UMFA_CUDA_WGMMA_BWD_TMA=0`, set for this thread only through
/// `cuda::set_wgmma_bwd_tma`), over the sweep's D = Dv = 64 and 128 cases: the path of the cases
/// a tensor map cannot describe (and of GPUs other than sm_90), kept correct over every feature.
/// With `UMFA_CUDA_TRACE=1` their lines show `tma: false`.
#[test]
fn backward_without_tma_matches_reference() {
    let Some(be) = cuda() else { return };
    let cases = both_modes(|d, dv| d == dv && matches!(d, 64 | 128));
    with_setting(umfa::cuda::set_wgmma_bwd_tma, false, || {
        check_backward(be.as_ref(), cases, 3000)
    });
}

/// The same cases by TMA with the fast mode's dQ added by `red.global.add` from every thread
/// rather than by TMA reduce-adds from shared memory (the default;
/// `UMFA_CUDA_WGMMA_BWD_DQ_BULK=0`, set for this thread only through
/// `cuda::set_wgmma_bwd_dq_bulk`); trace lines show `dq_bulk: false`.
#[test]
fn backward_without_dq_bulk_matches_reference() {
    let Some(be) = cuda() else { return };
    let cases = both_modes(|d, dv| d == dv && matches!(d, 64 | 128));
    with_setting(umfa::cuda::set_wgmma_bwd_dq_bulk, false, || {
        check_backward(be.as_ref(), cases, 3000)
    });
}

/// Both modes with the Hopper dK/dV kernel's 128-query items at D = 64 (opt-in,
/// `UMFA_CUDA_WGMMA_BWD_M=128`, set for this thread only through
/// `cuda::set_wgmma_bwd_wide_items`), over the sweep's D = 64 cases. On GPUs other than sm_90 the
/// mma.sync kernels run (the selection's rule).
#[test]
fn backward_wide_items_match_reference() {
    let Some(be) = cuda() else { return };
    let cases = both_modes(|d, dv| d == 64 && dv == 64);
    with_setting(umfa::cuda::set_wgmma_bwd_wide_items, true, || {
        check_backward(be.as_ref(), cases, 3000)
    });
}

/// A loss that also reads the LSE: every sweep case with a random dLSE (`BackwardInputs::d_lse`,
/// laid out like the case's Q/K/V, poisoned between rows), both modes where the fast one applies.
/// The delta kernel (`umfa_bwd_delta`) subtracts it for every backward kernel, so this covers the
/// generic, mma.sync and (on sm_90) Hopper dK/dV paths, dSinks, dBias and fully masked rows.
#[test]
fn backward_with_d_lse_matches_reference() {
    let Some(be) = cuda() else { return };
    check_backward(be.as_ref(), with_d_lse(sweep()), common::fresh_seed());
}

/// As `backward_with_d_lse_matches_reference`, with the Hopper dK/dV kernel turned off
/// (`cuda::set_wgmma_bwd`), so that on sm_90 the mma.sync dK/dV kernels read the new delta too.
#[test]
fn backward_with_d_lse_without_wgmma_matches_reference() {
    let Some(be) = cuda() else { return };
    let cases = with_d_lse(
        sweep()
            .into_iter()
            .filter(|c| c.dims.head_dim == c.dims.head_dim_v && matches!(c.dims.head_dim, 64 | 128))
            .collect(),
    );
    with_setting(umfa::cuda::set_wgmma_bwd, false, || {
        check_backward(be.as_ref(), cases, common::fresh_seed())
    });
}

/// `cases` with a dLSE, in the deterministic mode and (D = Dv = 64 or 128, where the fast mode
/// runs) the fast one too.
fn with_d_lse(cases: Vec<Case>) -> impl Iterator<Item = Case> {
    cases.into_iter().flat_map(|c| {
        let fast = c.dims.head_dim == c.dims.head_dim_v && matches!(c.dims.head_dim, 64 | 128);
        let modes: &[bool] = if fast { &[true, false] } else { &[true] };
        modes
            .iter()
            .map(|&deterministic| Case {
                backward: true,
                d_lse: true,
                deterministic,
                ..c.clone()
            })
            .collect::<Vec<_>>()
    })
}

/// Runs the backward of `case` on host buffers twice and compares every gradient bit.
#[test]
fn backward_is_bitwise_deterministic() {
    let Some(be) = cuda() else { return };
    let mut gqa = Case::dense(dims(2, 8, 2, 300, 333, 128, 128), DType::BF16);
    gqa.causal = Some(CausalAlign::BottomRight);
    let mut small = Case::dense(dims(1, 4, 4, 200, 260, 64, 64), DType::F16);
    small.mask = mask(MaskKind::Additive, DType::F32, MaskShape::PerHead);
    small.sinks = true;
    let generic = Case::dense(dims(1, 2, 1, 50, 70, 80, 48), DType::F32);
    for case in [gqa, small, generic] {
        let grads = |seed| {
            let data = CaseData::generate(&case, seed);
            let attn = data.attention(&case).unwrap();
            let d = case.dims;
            let shape = |h, s, x| qkv_layout(case.layout, d.batch, h, s, x);
            let mut out = Buffer::poisoned(case.dtype, shape(d.heads_q, d.seq_q, d.head_dim_v));
            let mut lse = Buffer::poisoned(
                DType::F32,
                Layout::contiguous(&[d.batch, d.heads_q, d.seq_q]).unwrap(),
            );
            be.forward_host(
                &attn,
                &mut ForwardOutputs {
                    out: out.view_mut(),
                    lse: Some(lse.view_mut()),
                },
            )
            .unwrap();
            let mut dq = Buffer::poisoned(case.dtype, shape(d.heads_q, d.seq_q, d.head_dim));
            let mut dk = Buffer::poisoned(case.dtype, shape(d.heads_kv, d.seq_kv, d.head_dim));
            let mut dv = Buffer::poisoned(case.dtype, shape(d.heads_kv, d.seq_kv, d.head_dim_v));
            be.backward_host(
                &attn,
                &BackwardInputs {
                    out: out.view(),
                    d_out: data.d_out.view(),
                    lse: lse.view(),
                    d_lse: None,
                },
                &mut Gradients {
                    dq: dq.view_mut(),
                    dk: dk.view_mut(),
                    dv: dv.view_mut(),
                    d_sinks: None,
                    d_bias: None,
                },
            )
            .unwrap();
            [dq, dk, dv].map(|b| b.values().iter().map(|x| x.to_bits()).collect::<Vec<_>>())
        };
        let (a, b) = (grads(7), grads(7));
        assert!(a == b, "{}: two backward runs differ", case.label());
        println!("ok   backward bitwise identical: {}", case.label());
    }
}

/// Runs `case` on host buffers and returns the output and LSE bits.
fn run_bits(be: &dyn Backend, case: &Case, seed: u64) -> (Vec<u64>, Vec<u64>) {
    let data = CaseData::generate(case, seed);
    let attn = data.attention(case).unwrap();
    let d = case.dims;
    let mut out = Buffer::poisoned(
        case.out_dtype,
        qkv_layout(case.layout, d.batch, d.heads_q, d.seq_q, d.head_dim_v),
    );
    let mut lse = Buffer::poisoned(
        DType::F32,
        Layout::contiguous(&[d.batch, d.heads_q, d.seq_q]).unwrap(),
    );
    be.forward_host(
        &attn,
        &mut ForwardOutputs {
            out: out.view_mut(),
            lse: Some(lse.view_mut()),
        },
    )
    .unwrap();
    let bits = |b: &Buffer| b.values().iter().map(|x| x.to_bits()).collect();
    (bits(&out), bits(&lse))
}

#[test]
fn forward_is_bitwise_deterministic() {
    let Some(be) = cuda() else { return };
    let mut c = Case::dense(dims(2, 4, 2, 300, 333, 128, 128), DType::BF16);
    c.causal = Some(CausalAlign::BottomRight);
    let g = Case::dense(dims(1, 2, 2, 50, 70, 80, 48), DType::F32);
    for case in [c, g] {
        let a = run_bits(be.as_ref(), &case, 5);
        let b = run_bits(be.as_ref(), &case, 5);
        assert!(a == b, "{}: two runs differ", case.label());
        println!("ok   bitwise identical: {}", case.label());
    }
}

#[cfg(feature = "cuda")]
#[test]
fn device_pointers_without_staging() {
    let Some(be) = cuda() else { return };
    use umfa::cuda::DeviceBuffer;
    let case = Case::dense(dims(1, 4, 4, 200, 200, 128, 128), DType::BF16);
    let data = CaseData::generate(&case, 9);
    let host = data.attention(&case).unwrap();
    let up = |t: &TensorRef| {
        let bytes = unsafe { std::slice::from_raw_parts(t.ptr(), t.len_bytes()) };
        DeviceBuffer::from_host(bytes).unwrap()
    };
    let (q, k, v) = (up(&host.q), up(&host.k), up(&host.v));
    let dev = |b: &DeviceBuffer, t: &TensorRef| unsafe {
        TensorRef::from_raw(
            b.device_ptr() as *const u8,
            t.len_bytes(),
            Device::Cuda(0),
            t.dtype(),
            *t.layout(),
        )
    };
    let shape = [1, 4, 200, 128];
    let out = DeviceBuffer::alloc(4 * 200 * 128 * 2).unwrap();
    let attn = Attention::new(dev(&q, &host.q), dev(&k, &host.k), dev(&v, &host.v));
    let out_view = unsafe {
        TensorMut::from_raw(
            out.device_ptr() as *mut u8,
            out.len(),
            Device::Cuda(0),
            DType::BF16,
            Layout::contiguous(&shape).unwrap(),
        )
    };
    umfa::forward(
        &attn,
        ForwardOutputs {
            out: out_view,
            lse: None,
        },
    )
    .unwrap();
    umfa::cuda::synchronize(0).unwrap();
    let mut got = vec![0u8; out.len()];
    out.to_host(&mut got).unwrap();
    let (staged, _) = run_bits(be.as_ref(), &case, 9);
    let got: Vec<u64> = got
        .chunks(2)
        .map(|c| (bf16::from_bits(u16::from_le_bytes([c[0], c[1]])).to_f32() as f64).to_bits())
        .collect();
    assert_eq!(
        got, staged,
        "device-pointer run differs from the staged run"
    );
    println!("ok   device pointers: same bits as the staged path");
}

#[test]
fn unavailable_backend_says_why() {
    // Holds everywhere: either CUDA opens, or the reason is a sentence a user can act on.
    match backend(BackendKind::Cuda) {
        Ok(be) => println!("CUDA available: {}", be.device_name()),
        Err(e) => {
            let msg = e.to_string();
            println!("CUDA unavailable, as expected without a GPU: {msg}");
            assert!(msg.contains("cuda") && msg.len() > 30, "{msg}");
        }
    }
}
