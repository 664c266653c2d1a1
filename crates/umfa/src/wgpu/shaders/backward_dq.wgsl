// Backward, dQ: one workgroup per (query tile, query head, batch), like the forward. Each key tile
// recomputes P = exp(S - LSE) and dP = dO·Vᵀ, forms dS = P (dP - delta), and adds dS·K to dQ.
// Every element of dQ is summed by one thread in key order: deterministic.

@compute @workgroup_size(64)
fn backward_dq(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
    let b = wid.z;
    let h = wid.y;
    let hk = h / P.group;
    let r = lid / TPR;
    let t = lid % TPR;
    let i0 = wid.x * ROWS;
    let i = i0 + r;
    let last_row = min(i0 + ROWS, P.seq_q) - 1u;
    let row = (b * P.heads_q + h) * P.seq_q + min(i, P.seq_q - 1u);
    let lse = rows_buf[row];
    let delta = rows_buf[P.delta_at + row];

    var k_begin = 0i;
    var k_end = i32(P.seq_kv);
    if (P.has_band_lo != 0) {
        k_begin = max(0i, i32(i0) + P.band_lo);
    }
    if (P.has_band_hi != 0) {
        k_end = min(k_end, i32(last_row) + P.band_hi + 1i);
    }

    var acc: array<f32, NACC_K>;
    for (var n = 0u; n < NACC_K; n++) {
        acc[n] = 0.0;
    }
    for (var k0 = k_begin; k0 < k_end; k0 += i32(COLS)) {
        let j0 = u32(k0);
        var vis: array<bool, 4>;
        var any = false;
        for (var m = 0u; m < CPT; m++) {
            vis[m] = visible(b, h, i, j0 + t + TPR * m);
            any = any || vis[m];
        }
        if (!tile_is_live(any, lid)) {
            continue;
        }
        let qk = tile_dots(lid, OP_Q, h, i0, P.seq_q, OP_K, hk, j0, P.seq_kv, b, P.head_dim);
        let dp = tile_dots(lid, OP_DO, h, i0, P.seq_q, OP_V, hk, j0, P.seq_kv, b, P.head_dim_v);
        for (var m = 0u; m < CPT; m++) {
            var ds = 0.0;
            if (vis[m]) {
                let s = score(b, h, i, j0 + t + TPR * m, qk[m]);
                if (s.x > MASKED && lse > MASKED) {
                    let p = exp(s.x - lse);
                    ds = p * (dp[m] - delta) * s.y;
                }
            }
            scores[r * COLS + t + TPR * m] = ds;
        }
        for (var c0 = 0u; c0 < P.head_dim; c0 += CH) {
            stage_stream(lid, OP_K, hk, j0, P.seq_kv, b, c0, P.head_dim);
            workgroupBarrier();
            let slot0 = c0 / TPR;
            for (var n = 0u; n < SLOTS_PER_CH; n++) {
                let c = t + TPR * n;
                var sum = 0.0;
                for (var j = 0u; j < COLS; j++) {
                    sum += scores[r * COLS + j] * stream_tile[j * CH + c];
                }
                acc[slot0 + n] += sum;
            }
            workgroupBarrier();
        }
    }
    if (i >= P.seq_q) {
        return;
    }
    for (var c0 = 0u; c0 < P.head_dim; c0 += CH) {
        for (var n = 0u; n < SLOTS_PER_CH; n++) {
            let c = c0 + t + TPR * n;
            if (c < P.head_dim) {
                out_buf[row * P.head_dim + c] = acc[c0 / TPR + n];
            }
        }
    }
}
