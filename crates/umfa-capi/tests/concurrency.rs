//! One context used by many threads at once gives the same bits as one thread alone.

mod common;
use common::*;
use std::ptr::{null, null_mut};
use umfa::*;

#[test]
fn concurrent_calls_on_one_context_give_identical_results() {
    let ctx = Ctx::cpu();
    let (b, h, s, d) = (2usize, 3usize, 24usize, 16usize);
    let n = b * h * s * d;
    let mut r = Rng::new(99);
    let (mut q, mut k, mut v, mut d_out) = (r.vec(n), r.vec(n), r.vec(n), r.vec(n));
    let shape = [b as i64, h as i64, s as i64, d as i64];
    let lse_shape = [b as i64, h as i64, s as i64];
    let (qd, kd, vd, dod) = (
        Desc::f32(&mut q, &shape),
        Desc::f32(&mut k, &shape),
        Desc::f32(&mut v, &shape),
        Desc::f32(&mut d_out, &shape),
    );
    let params = Shared(mfa_attention_params_t {
        causal: MFA_CAUSAL_BOTTOM_RIGHT,
        deterministic: 1,
        ..Default::default()
    });

    // Forward + backward into caller-owned outputs; inputs are shared, read-only.
    let run = |seed: usize| -> Vec<Vec<f32>> {
        // Capture the Sync wrappers whole, not their raw-pointer fields.
        let (ctx, params) = (&ctx, &params);
        let mut out = vec![0f32; n];
        let mut lse = vec![0f32; b * h * s];
        let (mut dq, mut dk, mut dv) = (vec![0f32; n], vec![0f32; n], vec![0f32; n]);
        let mut compat_out = vec![0f32; n];
        let (od, ld) = (Desc::f32(&mut out, &shape), Desc::f32(&mut lse, &lse_shape));
        let (dqd, dkd, dvd) = (
            Desc::f32(&mut dq, &shape),
            Desc::f32(&mut dk, &shape),
            Desc::f32(&mut dv, &shape),
        );
        unsafe {
            let rc = mfa_forward(
                ctx.0,
                &qd.t(),
                &kd.t(),
                &vd.t(),
                &params.0,
                &od.t(),
                &ld.t(),
                null_mut(),
            );
            assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
            let rc = mfa_backward(
                ctx.0,
                &qd.t(),
                &kd.t(),
                &vd.t(),
                &params.0,
                &od.t(),
                &dod.t(),
                &ld.t(),
                &dqd.t(),
                &dkd.t(),
                &dvd.t(),
                null(),
                null(),
                null_mut(),
            );
            assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
            // The UMFA-compatible path, with buffers made on this thread.
            let mut bufs = [null_mut(); 4];
            for (buf, data) in bufs.iter_mut().zip([
                qd.data,
                kd.data,
                vd.data,
                compat_out.as_mut_ptr() as *mut u8,
            ]) {
                assert_eq!(
                    mfa_buffer_from_ptr(ctx.0, data as *mut _, (n * 4) as isize, buf),
                    MFA_SUCCESS
                );
            }
            let rc = mfa_attention_forward(
                ctx.0,
                bufs[0],
                bufs[1],
                bufs[2],
                bufs[3],
                b as u32,
                s as u32,
                s as u32,
                h as u32,
                d as u16,
                0.0,
                seed & 1 == 0,
                MFA_PRECISION_FP32,
                MFA_PRECISION_FP32,
                MFA_PRECISION_FP32,
                false,
                false,
                false,
                false,
                null(),
                0,
                null(),
                null(),
                0,
                MFA_MASK_TYPE_NONE,
                0,
            );
            assert_eq!(rc, MFA_SUCCESS, "{}", last_error());
            bufs.into_iter().for_each(|x| mfa_destroy_buffer(x));
        }
        vec![out, lse, dq, dk, dv, compat_out]
    };

    let alone = [run(0), run(1)];
    let threads = 8;
    let results: Vec<(usize, Vec<Vec<f32>>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let run = &run;
                scope.spawn(move || (0..6).map(|i| (t + i, run(t + i))).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert_eq!(results.len(), threads * 6);
    for (seed, r) in results {
        let want = &alone[seed % 2];
        for (i, (got, want)) in r.iter().zip(want).enumerate() {
            let same = got
                .iter()
                .zip(want)
                .all(|(a, b)| a.to_bits() == b.to_bits());
            assert!(
                same,
                "output {i} of run {seed} differs from the single-thread result"
            );
        }
    }
    assert!(unsafe { mfa_get_gpu_latency(ctx.0) } > 0.0);
}

#[test]
fn contexts_are_created_and_destroyed_concurrently() {
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| {
                for _ in 0..50 {
                    let c = Ctx::cpu();
                    let mut buf = null_mut();
                    assert_eq!(unsafe { mfa_create_buffer(c.0, 64, &mut buf) }, MFA_SUCCESS);
                    unsafe { mfa_destroy_buffer(buf) };
                }
            });
        }
    });
}
