//! A bounded fuzzer over argument validation: start from a valid call on real small buffers,
//! corrupt a few arguments with garbage (sizes, strides, enum values, NULLs, byte counts no
//! larger than the real buffers), and require a status code with a matching message, never a
//! crash or an internal error. Runs a fixed number of cases inside `cargo test`.

mod common;
use common::*;
use proptest::prelude::*;
use std::ptr::{null, null_mut};
use umfa::*;

/// Values that stress validation: boundaries, negatives, huge numbers.
fn garbage() -> impl Strategy<Value = i64> {
    prop_oneof![
        -3i64..10,
        Just(i64::MIN),
        Just(i64::MAX),
        Just(i32::MAX as i64),
        Just(1 << 40),
        Just(-(1 << 33)),
        0i64..300,
    ]
}

/// One corruption: which descriptor (0..=8, 9 = params), which field, what value.
fn mutation() -> impl Strategy<Value = (u8, u8, i64)> {
    (0u8..10, 0u8..12, garbage())
}

/// Real memory for every role; descriptors never claim more bytes than these hold.
struct Arena {
    f32s: Vec<Vec<f32>>,
    bytes: Vec<Vec<u8>>,
}

const LEN: usize = 1024;

fn arena() -> Arena {
    let mut r = common::Rng::new(1);
    Arena {
        f32s: (0..7).map(|_| r.vec(LEN)).collect(),
        bytes: (0..2).map(|_| vec![1u8; 256]).collect(),
    }
}

fn check(rc: i32, what: &str) -> Result<(), TestCaseError> {
    let msg = last_error();
    prop_assert!((0..=5).contains(&rc), "{what}: code {rc}");
    prop_assert!(!msg.contains("internal error"), "{what}: {msg}");
    if rc == MFA_SUCCESS {
        prop_assert!(msg.is_empty(), "{what}: success with message {msg}");
    } else {
        prop_assert!(!msg.is_empty(), "{what}: code {rc} without a message");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn descriptor_calls_never_crash(
        dims in (1i64..3, 1i64..3, 1i64..6, 1i64..6, 1i64..9),
        with_mask in any::<bool>(),
        with_sinks in any::<bool>(),
        backward in any::<bool>(),
        mutations in proptest::collection::vec(mutation(), 0..4),
    ) {
        let ctx = Ctx::cpu();
        let mut a = arena();
        let (b, h, sq, sk, d) = dims;
        // Shapes and strides the descriptors point at; mutations overwrite their entries.
        let mut shapes: Vec<[i64; 4]> = vec![
            [b, h, sq, d], [b, h, sk, d], [b, h, sk, d], [b, h, sq, d], [b, h, sq, 1],
            [h, 1, 1, 1], [sq, sk, 1, 1], [b, h, sq, d], [b, h, sq, d],
        ];
        let mut strides: Vec<Option<[i64; 4]>> = vec![None; 9];
        let ndims = [4, 4, 4, 4, 3, 1, 2, 4, 4];
        let mut tensors: Vec<mfa_tensor_t> = (0..9)
            .map(|i| {
                let (data, size, dtype) = match i {
                    6 => (a.bytes[0].as_mut_ptr(), 256u64, MFA_DTYPE_U8),
                    7 | 8 => (a.f32s[i - 2].as_mut_ptr() as *mut u8, (LEN * 4) as u64, MFA_DTYPE_F32),
                    _ => (a.f32s[i.min(6)].as_mut_ptr() as *mut u8, (LEN * 4) as u64, MFA_DTYPE_F32),
                };
                mfa_tensor_t {
                    data: data as *mut _, size_bytes: size, device_type: MFA_DEVICE_CPU, device_id: 0,
                    dtype, ndim: ndims[i], shape: null(), strides: null(),
                }
            })
            .collect();
        // Role 5 (sinks) uses its own memory too: the last f32 vector is shared by dq only.
        let mut sinks_mem = vec![0.5f32; 16];
        tensors[5].data = sinks_mem.as_mut_ptr() as *mut _;
        tensors[5].size_bytes = 64;
        let mut params = mfa_attention_params_t::default();
        let mut null_tensor = [false; 9];
        for &(target, field, value) in &mutations {
            if target == 9 {
                match field {
                    0 => params.struct_size = value as u32,
                    1 => params.causal = value as i32,
                    2 => params.scale = value as f32 / 7.0,
                    3 => params.softcap = value as f32,
                    4 => { params.has_window = 1; params.window_left = value as i32 }
                    5 => { params.has_window = 1; params.window_right = value as i32 }
                    6 => params.mask_kind = value as i32,
                    7 => params.block_q = value as u32,
                    _ => params.deterministic = value as u32,
                }
                continue;
            }
            let t = target as usize;
            let tensor = &mut tensors[t];
            match field {
                0 => tensor.dtype = value as i32,
                1 => tensor.device_type = value as i32,
                2 => tensor.device_id = value as i32,
                3 => tensor.ndim = value as i32,
                4..=7 => shapes[t][(field - 4) as usize] = value,
                8 => strides[t] = Some([value, value / 2, 1, value.wrapping_neg()]),
                9 => strides[t].get_or_insert([64, 16, 4, 1])[(value.rem_euclid(4)) as usize] = value,
                // Never more than the memory really holds.
                10 => tensor.size_bytes = (value.rem_euclid(tensor.size_bytes as i64) + 1) as u64,
                _ => null_tensor[t] = value % 2 == 0,
            }
        }
        for i in 0..9 {
            tensors[i].shape = shapes[i].as_ptr();
            tensors[i].strides = strides[i].as_ref().map_or(null(), |s| s.as_ptr());
            if null_tensor[i] && tensors[i].data != sinks_mem.as_mut_ptr() as *mut _ {
                tensors[i].data = null_mut();
            }
        }
        if with_mask {
            params.mask = &tensors[6];
            if params.mask_kind == 0 {
                params.mask_kind = MFA_MASK_TYPE_BOOL;
            }
        }
        if with_sinks {
            params.sinks = &tensors[5];
        }
        let t = &tensors;
        let rc = unsafe {
            if backward {
                // Reuse: out=3, d_out=7, lse=4, dq=8, dk/dv in fresh memory.
                let mut dk = vec![0f32; LEN];
                let mut dv = vec![0f32; LEN];
                let mut dkt = t[1];
                dkt.data = dk.as_mut_ptr() as *mut _;
                let mut dvt = t[2];
                dvt.data = dv.as_mut_ptr() as *mut _;
                mfa_backward(ctx.0, &t[0], &t[1], &t[2], &params, &t[3], &t[7], &t[4], &t[8], &dkt, &dvt, null(), null(), null_mut())
            } else {
                mfa_forward(ctx.0, &t[0], &t[1], &t[2], &params, &t[3], &t[4], null_mut())
            }
        };
        check(rc, if backward { "mfa_backward" } else { "mfa_forward" })?;
        let _ = &mut a;
    }

    #[test]
    fn compat_calls_never_crash(
        sizes in proptest::collection::vec(prop_oneof![3 => 1i64..5, 1 => garbage()], 5),
        enums in proptest::collection::vec(prop_oneof![3 => 0i64..4, 1 => garbage()], 6),
        flags in proptest::collection::vec(any::<bool>(), 5),
        mask_shape in proptest::collection::vec(garbage(), 4),
        mask_strides in proptest::option::of(proptest::collection::vec(garbage(), 4)),
        mask_bytes in 0usize..=256,
        null_slot in 0usize..12,
        backward in any::<bool>(),
    ) {
        let ctx = Ctx::cpu();
        let mut a = arena();
        let mut mask = vec![1u8; 256];
        let mut more: Vec<Vec<f32>> = (0..4).map(|_| vec![0f32; LEN]).collect();
        let mut bufs: Vec<mfa_buffer_t> = a
            .f32s
            .iter_mut()
            .chain(more.iter_mut())
            .map(|d| {
                let mut b = null_mut();
                assert_eq!(unsafe { mfa_buffer_from_ptr(ctx.0, d.as_mut_ptr() as *mut _, (LEN * 4) as isize, &mut b) }, MFA_SUCCESS);
                b
            })
            .collect();
        let all = bufs.clone();
        if null_slot < bufs.len() {
            bufs[null_slot] = null_mut();
        }
        // Sizes mostly small and valid, sometimes garbage.
        let (b, sq, sk, h) = (sizes[0] as u32, sizes[1] as u32, sizes[2] as u32, sizes[3] as u32);
        let d = sizes[4] as u16;
        let ms = mask_strides.as_ref().map_or(null(), |s| s.as_ptr());
        let rc = unsafe {
            if backward {
                mfa_attention_backward(
                    ctx.0, bufs[0], bufs[1], bufs[2], bufs[3], bufs[4], bufs[5], bufs[6], bufs[7], bufs[8],
                    if flags[4] { null_mut() } else { bufs[9] }, b, sq, sk, h, d, 0.0, flags[0],
                    enums[0] as i32, enums[1] as i32, flags[0], flags[1], flags[2], flags[3],
                )
            } else {
                mfa_attention_forward(
                    ctx.0, bufs[0], bufs[1], bufs[2], bufs[3], b, sq, sk, h, d, enums[5] as f32, flags[4],
                    enums[0] as i32, enums[1] as i32, enums[2] as i32, flags[0], flags[1], flags[2], flags[3],
                    mask.as_mut_ptr() as *const _, mask_bytes, mask_shape.as_ptr(), ms,
                    (enums[3].rem_euclid(6)) as u32, enums[3] as i32 % 4, enums[4] as i32,
                )
            }
        };
        check(rc, if backward { "mfa_attention_backward" } else { "mfa_attention_forward" })?;
        unsafe { all.into_iter().for_each(|x| mfa_destroy_buffer(x)) };
        let _ = &mut a;
    }
}
