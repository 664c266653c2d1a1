// Row reductions without subgroup operations: the fallback of lanes_subgroup.wgsl (adapters
// without wgpu::Features::SUBGROUP, or UMFA_WGPU_SUBGROUPS=0). LANES is 1: a thread's place is
// its local_invocation_index, each value is its own lane group, and rows are combined through
// workgroup memory by the kernel (forward.wgsl) or summed by one thread (backward_rows.wgsl).

struct Invocation {
    @builtin(local_invocation_index) lid: u32,
}

fn place_of(inv: Invocation) -> u32 {
    return inv.lid;
}

fn lanes_max(x: f32) -> f32 {
    return x;
}

fn lanes_sum(x: f32) -> f32 {
    return x;
}

fn lanes_all(x: bool) -> bool {
    return x;
}
