// Backward helpers, one thread per item: `backward_delta` forms delta = rowsum(dO * O) - dLSE per
// query row; `backward_dbias` forms the gradient of an additive mask, one thread per element of the
// mask's own shape, summing dS over the dimensions it broadcasts in a fixed order.

fn item_index(wid: vec3<u32>, lid: u32, nwg: vec3<u32>) -> u32 {
    return (wid.y * nwg.x + wid.x) * 64u + lid;
}

@compute @workgroup_size(64)
fn backward_delta(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>,
                  @builtin(num_workgroups) nwg: vec3<u32>) {
    let row = item_index(wid, lid, nwg);
    if (row >= P.batch * P.heads_q * P.seq_q) {
        return;
    }
    let i = row % P.seq_q;
    let h = (row / P.seq_q) % P.heads_q;
    let b = row / (P.seq_q * P.heads_q);
    var sum = 0.0;
    for (var c = 0u; c < P.head_dim_v; c++) {
        sum += ld(OP_DO, b, h, i, c) * ld_out_grad_o(b, h, i, c);
    }
    // The slot holds the upstream gradient of the LSE on entry (0 without one): it enters every
    // score gradient through delta, since d LSE / d s = P. A fully masked row (P = 0) ignores it,
    // so that a NaN there cannot reach 0 * (dP - delta).
    let d_lse = select(0.0, rows_buf[P.delta_at + row], rows_buf[row] > MASKED);
    rows_buf[P.delta_at + row] = sum - d_lse;
}

// dS of one visible (b, h, i, j), recomputed from scratch.
fn grad_score(b: u32, h: u32, i: u32, j: u32) -> f32 {
    if (!visible(b, h, i, j)) {
        return 0.0;
    }
    let hk = h / P.group;
    var qk = 0.0;
    for (var c = 0u; c < P.head_dim; c++) {
        qk += ld(OP_Q, b, h, i, c) * ld(OP_K, b, hk, j, c);
    }
    let s = score(b, h, i, j, qk).x;
    let row = (b * P.heads_q + h) * P.seq_q + i;
    let lse = rows_buf[row];
    if (!(s > MASKED) || !(lse > MASKED)) {
        return 0.0;
    }
    var dp = 0.0;
    for (var c = 0u; c < P.head_dim_v; c++) {
        dp += ld(OP_DO, b, h, i, c) * ld(OP_V, b, hk, j, c);
    }
    return exp(s - lse) * (dp - rows_buf[P.delta_at + row]);
}

@compute @workgroup_size(64)
fn backward_dbias(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>,
                  @builtin(num_workgroups) nwg: vec3<u32>) {
    let e = item_index(wid, lid, nwg);
    let n_b = P.mask_nb;
    let n_h = P.mask_nh;
    let n_i = P.mask_ni;
    let n_j = P.mask_nj;
    if (e >= n_b * n_h * n_i * n_j) {
        return;
    }
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
                    sum += grad_score(b, h, i, j);
                }
            }
        }
    }
    out_buf[e] = sum;
}
