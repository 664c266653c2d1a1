//! No path allocates O(S²): a counting allocator watches the peak during a long-sequence forward
//! and backward. And repeated runs are bitwise identical (the backward is deterministic).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use umfa::{
    Attention, BackwardInputs, CausalAlign, ForwardOutputs, Gradients, Mask, MaskKind, TensorMut,
    TensorRef,
};

struct Counting;
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
        PEAK.fetch_max(now, Ordering::SeqCst);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn random(n: usize, seed: u32) -> Vec<f32> {
    let mut s = seed.wrapping_mul(2654435761).max(1);
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            s as f32 / u32::MAX as f32 - 0.5
        })
        .collect()
}

struct Run {
    out: Vec<f32>,
    lse: Vec<f32>,
    grads: [Vec<f32>; 3],
    peak_extra: usize,
}

fn run(seq: usize, key_padding: &[u8]) -> Run {
    let (b, h, d) = (1, 2, 64);
    let shape = [b, h, seq, d];
    let n = b * h * seq * d;
    let (q, k, v, g) = (random(n, 1), random(n, 2), random(n, 3), random(n, 4));
    let (mut out, mut lse) = (vec![0f32; n], vec![0f32; b * h * seq]);
    let (mut dq, mut dk, mut dv) = (vec![0f32; n], vec![0f32; n], vec![0f32; n]);
    let attn = Attention::new(
        TensorRef::new(&q, &shape).unwrap(),
        TensorRef::new(&k, &shape).unwrap(),
        TensorRef::new(&v, &shape).unwrap(),
    )
    .causal(CausalAlign::TopLeft)
    .mask(Mask {
        kind: MaskKind::Bool,
        tensor: TensorRef::new(key_padding, &[b, 1, 1, seq]).unwrap(),
    });
    let base = CURRENT.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    umfa::forward(
        &attn,
        ForwardOutputs {
            out: TensorMut::new(&mut out, &shape).unwrap(),
            lse: Some(TensorMut::new(&mut lse, &[b, h, seq]).unwrap()),
        },
    )
    .unwrap();
    umfa::backward(
        &attn,
        &BackwardInputs {
            out: TensorRef::new(&out, &shape).unwrap(),
            d_out: TensorRef::new(&g, &shape).unwrap(),
            lse: TensorRef::new(&lse, &[b, h, seq]).unwrap(),
            d_lse: None,
        },
        Gradients {
            dq: TensorMut::new(&mut dq, &shape).unwrap(),
            dk: TensorMut::new(&mut dk, &shape).unwrap(),
            dv: TensorMut::new(&mut dv, &shape).unwrap(),
            d_sinks: None,
            d_bias: None,
        },
    )
    .unwrap();
    let peak_extra = PEAK.load(Ordering::SeqCst).saturating_sub(base);
    Run {
        out,
        lse,
        grads: [dq, dk, dv],
        peak_extra,
    }
}

#[test]
fn long_sequences_allocate_linear_memory_and_repeat_bitwise() {
    let seq = 4096;
    let padding: Vec<u8> = (0..seq).map(|j| (j % 7 != 3) as u8).collect();
    let first = run(seq, &padding);
    let input_bytes = 2 * seq * 64 * 4;
    let s_squared = seq * seq * 4;
    assert!(
        first.peak_extra < 6 * input_bytes,
        "peak extra memory {} bytes; inputs are {input_bytes} bytes per tensor, one S² f32 matrix {s_squared}",
        first.peak_extra
    );
    assert!(first
        .out
        .iter()
        .chain(first.grads.iter().flatten())
        .all(|x| x.is_finite()));
    let second = run(seq, &padding);
    assert_eq!(
        first.out, second.out,
        "forward must be bitwise deterministic"
    );
    assert_eq!(first.lse, second.lse);
    for (a, b) in first.grads.iter().zip(&second.grads) {
        assert!(
            a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits()),
            "backward must be bitwise deterministic"
        );
    }
}
