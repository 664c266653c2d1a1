// Backward helpers, LANES threads per item (one without subgroups; lanes_subgroup.wgsl):
// `backward_delta` forms delta = rowsum(dO * O) - dLSE per query row; `backward_dbias` forms the
// gradient of an additive mask, one item per element of the mask's own shape, summing dS over
// the dimensions it broadcasts in a fixed order. The lanes of an item split its dot products
// column by column and combine them with `lanes_sum`; threads past the last item repeat it and
// write nothing, so that every lane of a group reaches the reductions.

fn thread_index(wid: vec3<u32>, me: u32, nwg: vec3<u32>) -> u32 {
    return (wid.y * nwg.x + wid.x) * 64u + me;
}

@compute @workgroup_size(64)
fn backward_delta(inv: Invocation, @builtin(workgroup_id) wid: vec3<u32>,
                  @builtin(num_workgroups) nwg: vec3<u32>) {
    let x = thread_index(wid, place_of(inv), nwg);
    let lane = x % LANES;
    let n_rows = P.batch * P.heads_q * P.seq_q;
    let row = min(x / LANES, n_rows - 1u);
    let i = row % P.seq_q;
    let h = (row / P.seq_q) % P.heads_q;
    let b = row / (P.seq_q * P.heads_q);
    var sum = 0.0;
    for (var c = lane; c < P.head_dim_v; c += LANES) {
        sum += ld(OP_DO, b, h, i, c) * ld_out_grad_o(b, h, i, c);
    }
    sum = lanes_sum(sum);
    if (x / LANES >= n_rows || lane != 0u) {
        return;
    }
    // The slot holds the upstream gradient of the LSE on entry (0 without one): it enters every
    // score gradient through delta, since d LSE / d s = P. A fully masked row (P = 0) ignores it,
    // so that a NaN there cannot reach 0 * (dP - delta).
    let d_lse = select(0.0, rows_buf[P.delta_at + row], rows_buf[row] > MASKED);
    rows_buf[P.delta_at + row] = sum - d_lse;
}

// dS of (b, h, i, j), recomputed from scratch; this lane's share of the dot products is columns
// lane, lane + LANES, ... Invisible elements are 0; the lanes skip their dot products only where
// every lane of the subgroup may (a single thread in the fallback), so the reductions stay in
// converged control flow.
fn grad_score(b: u32, h: u32, i: u32, j: u32, lane: u32) -> f32 {
    let vis = visible(b, h, i, j);
    if (lanes_all(!vis)) {
        return 0.0;
    }
    let hk = h / P.group;
    var qk = 0.0;
    for (var c = lane; c < P.head_dim; c += LANES) {
        qk += ld(OP_Q, b, h, i, c) * ld(OP_K, b, hk, j, c);
    }
    qk = lanes_sum(qk);
    var dp = 0.0;
    for (var c = lane; c < P.head_dim_v; c += LANES) {
        dp += ld(OP_DO, b, h, i, c) * ld(OP_V, b, hk, j, c);
    }
    dp = lanes_sum(dp);
    let s = score(b, h, i, j, qk).x;
    let row = (b * P.heads_q + h) * P.seq_q + i;
    let lse = rows_buf[row];
    if (!vis || !(s > MASKED) || !(lse > MASKED)) {
        return 0.0;
    }
    return exp(s - lse) * (dp - rows_buf[P.delta_at + row]);
}

@compute @workgroup_size(64)
fn backward_dbias(inv: Invocation, @builtin(workgroup_id) wid: vec3<u32>,
                  @builtin(num_workgroups) nwg: vec3<u32>) {
    let x = thread_index(wid, place_of(inv), nwg);
    let lane = x % LANES;
    let n_b = P.mask_nb;
    let n_h = P.mask_nh;
    let n_i = P.mask_ni;
    let n_j = P.mask_nj;
    let n_e = n_b * n_h * n_i * n_j;
    let e = min(x / LANES, n_e - 1u);
    let mj = e % n_j;
    let mi = (e / n_j) % n_i;
    let mh = (e / (n_j * n_i)) % n_h;
    let mb = e / (n_j * n_i * n_h);
    // A size-1 dimension of the mask broadcasts: sum over the whole problem dimension.
    let b_all = n_b == 1u && P.batch > 1u;
    let h_all = n_h == 1u && P.heads_q > 1u;
    let i_all = n_i == 1u && P.seq_q > 1u;
    let j_all = n_j == 1u && P.seq_kv > 1u;
    var sum = 0.0;
    for (var b = select(mb, 0u, b_all); b < select(mb + 1u, P.batch, b_all); b++) {
        for (var h = select(mh, 0u, h_all); h < select(mh + 1u, P.heads_q, h_all); h++) {
            for (var i = select(mi, 0u, i_all); i < select(mi + 1u, P.seq_q, i_all); i++) {
                for (var j = select(mj, 0u, j_all); j < select(mj + 1u, P.seq_kv, j_all); j++) {
                    sum += grad_score(b, h, i, j, lane);
                }
            }
        }
    }
    if (x / LANES >= n_e || lane != 0u) {
        return;
    }
    out_buf[e] = sum;
}
