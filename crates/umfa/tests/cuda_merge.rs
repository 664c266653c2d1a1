//! The merge on the CUDA backend: the CPU suite's cases (tests/common/merge.rs) through the
//! backend's host staging, the device-pointer path, and the refusal beyond 16 parts. Without a
//! usable GPU every test prints why it is skipped and passes.
#![cfg(feature = "cuda")]

mod common;

use common::cuda::cuda;
use common::merge::*;
use umfa::check::Buffer;
use umfa::cuda::{synchronize, DeviceBuffer};
use umfa::*;

#[test]
fn merge_sweep_matches_reference() {
    let Some(be) = cuda() else { return };
    let seed = common::fresh_seed();
    for (n, case) in merge_sweep().iter().enumerate() {
        let s = seed.wrapping_add(n as u64);
        let r = run_merge_case(be.as_ref(), case, s);
        println!(
            "{:<80} out {:.1e} lse {:.1e}",
            r.label, r.out.rel_l2, r.lse.rel_l2
        );
        assert_merge_passes(&r, s);
        for with_d_lse in [false, true] {
            assert_merge_passes(
                &run_merge_backward_case(be.as_ref(), case, with_d_lse, s),
                s,
            );
        }
    }
}

#[test]
fn merge_into_and_ring_identity() {
    use DType::*;
    let Some(be) = cuda() else { return };
    let seed = common::fresh_seed();
    for (n, (acc, part)) in [(F32, BF16), (BF16, F16), (F16, F32)]
        .into_iter()
        .enumerate()
    {
        for masking in [Masking::Random, Masking::FirstPartEmpty] {
            let mut c = MergeCase::new(dims(2, 4, 65, 128), vec![acc, part], acc);
            c.masking = masking;
            c.layout = MergeLayout::Bshd;
            let s = seed.wrapping_add(n as u64);
            assert_merge_passes(&run_merge_into_case(be.as_ref(), &c, s), s);
        }
    }
    let d = |hq, hkv, sq, sk, dd| Dims {
        batch: 2,
        heads_q: hq,
        heads_kv: hkv,
        seq_q: sq,
        seq_kv: sk,
        head_dim: dd,
        head_dim_v: dd,
    };
    for (n, (dims_, dtype, chunks)) in [
        (d(4, 2, 256, 256, 128), BF16, 2),
        (d(2, 2, 100, 300, 64), F16, 3),
    ]
    .into_iter()
    .enumerate()
    {
        let s = seed.wrapping_add(100 + n as u64);
        let r = run_ring_identity(be.as_ref(), dims_, dtype, F32, chunks, true, s);
        println!(
            "{:<80} out {:.1e} lse {:.1e}",
            r.label, r.out.rel_l2, r.lse.rel_l2
        );
        assert_merge_passes(&r, s);
    }
}

/// A device copy of a host buffer, and a view of it on device 0.
fn to_device(b: &Buffer) -> (DeviceBuffer, TensorRef<'static>) {
    let v = b.view();
    // SAFETY: the host view owns `len_bytes` bytes.
    let bytes = unsafe { std::slice::from_raw_parts(v.ptr(), v.len_bytes()) };
    let buf = DeviceBuffer::from_host(bytes).unwrap();
    // SAFETY: the device buffer holds the same bytes and outlives every use of the view here.
    let view = unsafe {
        TensorRef::from_raw(
            buf.device_ptr() as *const u8,
            v.len_bytes(),
            Device::Cuda(0),
            v.dtype(),
            *v.layout(),
        )
    };
    (buf, view)
}

fn mut_view(buf: &DeviceBuffer, like: &Buffer) -> TensorMut<'static> {
    let v = like.view();
    // SAFETY: as in `to_device`; written only through this view.
    unsafe {
        TensorMut::from_raw(
            buf.device_ptr() as *mut u8,
            v.len_bytes(),
            Device::Cuda(0),
            v.dtype(),
            *v.layout(),
        )
    }
}

fn to_host(buf: &DeviceBuffer, b: &mut Buffer) {
    let v = b.view_mut();
    // SAFETY: the host buffer owns `len_bytes` bytes, exclusively borrowed.
    let dst = unsafe { std::slice::from_raw_parts_mut(v.ptr(), v.len_bytes()) };
    buf.to_host(dst).unwrap();
}

/// `umfa::merge` and `umfa::merge_into` on device pointers (no staging, no allocation by umfa)
/// give what the CPU gives, within f32 rounding.
#[test]
fn device_pointers_match_the_cpu() {
    let Some(_be) = cuda() else { return };
    let seed = common::fresh_seed();
    let d = dims(2, 8, 33, 128);
    let mut case = MergeCase::new(d, vec![DType::BF16, DType::F32, DType::F16], DType::F32);
    case.masking = Masking::Random;
    let data = MergeData::generate(&case, seed);
    let dev_parts: Vec<_> = data
        .outs
        .iter()
        .zip(&data.lses)
        .map(|(o, l)| (to_device(o), to_device(l)))
        .collect();
    let parts: Vec<MergePart> = dev_parts
        .iter()
        .map(|((_, o), (_, l))| MergePart { out: *o, lse: *l })
        .collect();
    let mut out = Buffer::poisoned(DType::F32, o_layout(MergeLayout::Contiguous, &d));
    let mut lse = Buffer::poisoned(DType::F32, lse_layout(MergeLayout::Contiguous, &d));
    let (out_dev, _) = to_device(&out);
    let (lse_dev, _) = to_device(&lse);
    merge_on_stream(
        &parts,
        MergeOutputs {
            out: mut_view(&out_dev, &out),
            lse: Some(mut_view(&lse_dev, &lse)),
        },
        0,
    )
    .expect("the CUDA backend runs merges of device tensors");
    synchronize(0).unwrap();
    to_host(&out_dev, &mut out);
    to_host(&lse_dev, &mut lse);
    let r = umfa::merge::reference::merge(&d, &data.reference);
    let e = check::Errors::measure(&out.values(), &r.out, merge_tolerance(DType::F32));
    assert!(e.passed(), "device merge: {e:?} (seed {seed})");
    let e = check::Errors::measure_lse(&lse.values(), &r.lse, LSE_TOLERANCE);
    assert!(e.passed(), "device merge LSE: {e:?} (seed {seed})");
    assert_eq!(out.writes_outside_view() + lse.writes_outside_view(), 0);

    // A ring loop on the device: the accumulator starts with LSE -inf and O NaN (not read).
    let mut acc = Buffer::poisoned(DType::F32, o_layout(MergeLayout::Contiguous, &d));
    let mut acc_l = Buffer::poisoned(DType::F32, lse_layout(MergeLayout::Contiguous, &d));
    acc.fill(|| f32::NAN);
    acc_l.fill(|| f32::NEG_INFINITY);
    let (acc_dev, _) = to_device(&acc);
    let (acc_l_dev, _) = to_device(&acc_l);
    for part in &parts {
        merge_into_on_stream(
            mut_view(&acc_dev, &acc),
            mut_view(&acc_l_dev, &acc_l),
            part,
            0,
        )
        .unwrap();
    }
    synchronize(0).unwrap();
    to_host(&acc_dev, &mut acc);
    to_host(&acc_l_dev, &mut acc_l);
    let e = check::Errors::measure(&acc.values(), &r.out, merge_tolerance(DType::F32));
    assert!(e.passed(), "device ring loop: {e:?} (seed {seed})");
}

#[test]
fn more_parts_than_a_launch_holds_are_refused_with_the_reason() {
    let Some(_be) = cuda() else { return };
    let d = dims(1, 1, 2, 8);
    let case = MergeCase::new(d, vec![DType::F32; 17], DType::F32);
    let data = MergeData::generate(&case, 1);
    let dev: Vec<_> = data
        .outs
        .iter()
        .zip(&data.lses)
        .map(|(o, l)| (to_device(o), to_device(l)))
        .collect();
    let parts: Vec<MergePart> = dev
        .iter()
        .map(|((_, o), (_, l))| MergePart { out: *o, lse: *l })
        .collect();
    let out = Buffer::poisoned(DType::F32, o_layout(MergeLayout::Contiguous, &d));
    let (out_dev, _) = to_device(&out);
    let err = merge(
        &parts,
        MergeOutputs {
            out: mut_view(&out_dev, &out),
            lse: None,
        },
    )
    .unwrap_err();
    assert!(
        matches!(err, Error::Unsupported { .. }) && err.to_string().contains("at most 16"),
        "{err}"
    );
}
