// Backward, dK and dV: one workgroup per (key tile of ROWS keys, kv head, batch). It walks every
// query head of its group and every query tile of COLS rows, recomputing Pᵀ and dSᵀ, and adds
// Pᵀ·dO to dV and dSᵀ·Q to dK. GQA's sum over the group happens here, in a fixed order, so
// there are no atomics and the result is deterministic.

@compute @workgroup_size(64)
fn backward_dkdv(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
    let b = wid.z;
    let hk = wid.y;
    let r = lid / TPR;
    let t = lid % TPR;
    let j0 = wid.x * ROWS;
    let j = j0 + r;
    let last_key = min(j0 + ROWS, P.seq_kv) - 1u;

    // Row i sees keys [i + lo, i + hi], so key j is seen by rows [j - hi, j - lo].
    var q_begin = 0i;
    var q_end = i32(P.seq_q);
    if (P.has_band_hi != 0) {
        q_begin = max(0i, i32(j0) - P.band_hi);
    }
    if (P.has_band_lo != 0) {
        q_end = min(q_end, i32(last_key) - P.band_lo + 1i);
    }

    var acc_k: array<f32, NACC_K>;
    var acc_v: array<f32, NACC_V>;
    for (var n = 0u; n < NACC_K; n++) {
        acc_k[n] = 0.0;
    }
    for (var n = 0u; n < NACC_V; n++) {
        acc_v[n] = 0.0;
    }
    for (var h = hk * P.group; h < (hk + 1u) * P.group; h++) {
        for (var q0 = q_begin; q0 < q_end; q0 += i32(COLS)) {
            let i0 = u32(q0);
            var vis: array<bool, 4>;
            var any = false;
            for (var m = 0u; m < CPT; m++) {
                vis[m] = j < P.seq_kv && visible(b, h, i0 + t + TPR * m, j);
                any = any || vis[m];
            }
            if (!tile_is_live(any, lid)) {
                continue;
            }
            let kq = tile_dots(lid, OP_K, hk, j0, P.seq_kv, OP_Q, h, i0, P.seq_q, b, P.head_dim);
            let vdo = tile_dots(lid, OP_V, hk, j0, P.seq_kv, OP_DO, h, i0, P.seq_q, b, P.head_dim_v);
            var p: array<f32, 4>;
            var ds: array<f32, 4>;
            for (var m = 0u; m < CPT; m++) {
                p[m] = 0.0;
                ds[m] = 0.0;
                let i = i0 + t + TPR * m;
                if (vis[m]) {
                    let row = (b * P.heads_q + h) * P.seq_q + i;
                    let lse = rows_buf[row];
                    let s = score(b, h, i, j, kq[m]);
                    if (s.x > MASKED && lse > MASKED) {
                        p[m] = exp(s.x - lse);
                        ds[m] = p[m] * (vdo[m] - rows_buf[P.delta_at + row]) * s.y;
                    }
                }
                scores[r * COLS + t + TPR * m] = p[m];
            }
            // dV += Pᵀ dO
            for (var c0 = 0u; c0 < P.head_dim_v; c0 += CH) {
                stage_stream(lid, OP_DO, h, i0, P.seq_q, b, c0, P.head_dim_v);
                workgroupBarrier();
                let slot0 = c0 / TPR;
                for (var n = 0u; n < SLOTS_PER_CH; n++) {
                    let c = t + TPR * n;
                    var sum = 0.0;
                    for (var x = 0u; x < COLS; x++) {
                        sum += scores[r * COLS + x] * stream_tile[x * CH + c];
                    }
                    acc_v[slot0 + n] += sum;
                }
                workgroupBarrier();
            }
            for (var m = 0u; m < CPT; m++) {
                scores[r * COLS + t + TPR * m] = ds[m];
            }
            // dK += dSᵀ Q
            for (var c0 = 0u; c0 < P.head_dim; c0 += CH) {
                stage_stream(lid, OP_Q, h, i0, P.seq_q, b, c0, P.head_dim);
                workgroupBarrier();
                let slot0 = c0 / TPR;
                for (var n = 0u; n < SLOTS_PER_CH; n++) {
                    let c = t + TPR * n;
                    var sum = 0.0;
                    for (var x = 0u; x < COLS; x++) {
                        sum += scores[r * COLS + x] * stream_tile[x * CH + c];
                    }
                    acc_k[slot0 + n] += sum;
                }
                workgroupBarrier();
            }
        }
    }
    if (j >= P.seq_kv) {
        return;
    }
    let key = (b * P.heads_kv + hk) * P.seq_kv + j;
    for (var c0 = 0u; c0 < P.head_dim; c0 += CH) {
        for (var n = 0u; n < SLOTS_PER_CH; n++) {
            let c = c0 + t + TPR * n;
            if (c < P.head_dim) {
                out_buf[key * P.head_dim + c] = acc_k[c0 / TPR + n];
            }
        }
    }
    for (var c0 = 0u; c0 < P.head_dim_v; c0 += CH) {
        for (var n = 0u; n < SLOTS_PER_CH; n++) {
            let c = c0 + t + TPR * n;
            if (c < P.head_dim_v) {
                out_buf[P.dv_at + key * P.head_dim_v + c] = acc_v[c0 / TPR + n];
            }
        }
    }
}
