// Row reductions through subgroup operations: the portable family's variant for adapters with
// wgpu::Features::SUBGROUP (kernels.rs puts this file or lanes_workgroup.wgsl in front of the
// kernels that reduce rows, with `LANES` before it). LANES consecutive places (a power of two,
// at most 8, at most the smallest subgroup size the adapter reports) are LANES lanes of one
// subgroup, and `lanes_max` / `lanes_sum` combine their values with subgroupShuffleXor
// butterflies: masks below LANES only, so no lane reaches past its group (or past a subgroup
// of any size at least LANES), and every lane of a group ends with the same value, summed in
// the order of a pairwise tree. Callers keep them in uniform control flow, every lane of the
// group active: out-of-range lanes take part with the identity (MASKED for max, 0 for sums).

struct Invocation {
    @builtin(local_invocation_index) lid: u32,
    @builtin(subgroup_id) sg: u32,
    @builtin(subgroup_size) sg_size: u32,
    @builtin(subgroup_invocation_id) lane: u32,
}

// The thread's place in the workgroup: subgroup after subgroup, lane after lane. Subgroup sizes
// are powers of two, so LANES consecutive places (aligned) are lanes of one subgroup whatever
// the size and however the driver maps local_invocation_index onto subgroups. (Sizes above 64
// leave one subgroup holding the whole workgroup: places 0..63 all the same.)
fn place_of(inv: Invocation) -> u32 {
    return inv.sg * inv.sg_size + inv.lane;
}

fn lanes_max(x: f32) -> f32 {
    var v = x;
    if (LANES > 1u) {
        v = max(v, subgroupShuffleXor(v, 1u));
    }
    if (LANES > 2u) {
        v = max(v, subgroupShuffleXor(v, 2u));
    }
    if (LANES > 4u) {
        v = max(v, subgroupShuffleXor(v, 4u));
    }
    return v;
}

fn lanes_sum(x: f32) -> f32 {
    var v = x;
    if (LANES > 1u) {
        v += subgroupShuffleXor(v, 1u);
    }
    if (LANES > 2u) {
        v += subgroupShuffleXor(v, 2u);
    }
    if (LANES > 4u) {
        v += subgroupShuffleXor(v, 4u);
    }
    return v;
}

// Whether `x` holds on every lane of the subgroup: a branch on it is taken or skipped by the
// whole subgroup, so the lanes' reductions after it stay in converged control flow.
fn lanes_all(x: bool) -> bool {
    return subgroupAll(x);
}
