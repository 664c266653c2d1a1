// Forward, portable family: one workgroup per (query tile of ROWS rows, query head, batch).
// Keys stream through workgroup memory COLS at a time; the softmax is online, in f32. Each
// thread owns columns t, t + TPR, ... of its row's output: NACC_V slots cover Dv.

@compute @workgroup_size(64)
fn forward(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
    let b = wid.z;
    let h = wid.y;
    let hk = h / P.group;
    let r = lid / TPR;
    let t = lid % TPR;
    let i0 = wid.x * ROWS;
    let i = i0 + r;
    let last_row = min(i0 + ROWS, P.seq_q) - 1u;

    // The band bounds the keys any row of this tile can see.
    var k_begin = 0i;
    var k_end = i32(P.seq_kv);
    if (P.has_band_lo != 0) {
        k_begin = max(0i, i32(i0) + P.band_lo);
    }
    if (P.has_band_hi != 0) {
        k_end = min(k_end, i32(last_row) + P.band_hi + 1i);
    }

    var m_run = MASKED;
    var l_run = 0.0;
    if (P.has_sinks != 0) {
        // The sink joins the denominator as one more (value-less) key.
        m_run = sink_of(h);
        l_run = 1.0;
    }
    var acc: array<f32, NACC_V>;
    for (var n = 0u; n < NACC_V; n++) {
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
        let dots = tile_dots(lid, OP_Q, h, i0, P.seq_q, OP_K, hk, j0, P.seq_kv, b, P.head_dim);
        for (var m = 0u; m < CPT; m++) {
            var s = MASKED;
            if (vis[m]) {
                s = score(b, h, i, j0 + t + TPR * m, dots[m]).x;
            }
            scores[r * COLS + t + TPR * m] = s;
        }
        workgroupBarrier();
        var m_tile = MASKED;
        for (var n = 0u; n < COLS; n++) {
            m_tile = max(m_tile, scores[r * COLS + n]);
        }
        let m_new = max(m_run, m_tile);
        let alpha = exp(m_run - m_new);
        workgroupBarrier();
        for (var m = 0u; m < CPT; m++) {
            let x = r * COLS + t + TPR * m;
            let s = scores[x];
            scores[x] = select(0.0, exp(s - m_new), s > MASKED);
        }
        workgroupBarrier();
        var l_tile = 0.0;
        for (var n = 0u; n < COLS; n++) {
            l_tile += scores[r * COLS + n];
        }
        l_run = l_run * alpha + l_tile;
        m_run = m_new;
        for (var n = 0u; n < NACC_V; n++) {
            acc[n] *= alpha;
        }
        for (var c0 = 0u; c0 < P.head_dim_v; c0 += CH) {
            stage_stream(lid, OP_V, hk, j0, P.seq_kv, b, c0, P.head_dim_v);
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
    let row = (b * P.heads_q + h) * P.seq_q + i;
    // Fully masked rows (no key, no sink): O = 0 and LSE = -inf (the host turns MASKED into -inf).
    var inv_l = 0.0;
    if (l_run > 0.0) {
        inv_l = 1.0 / l_run;
    }
    for (var c0 = 0u; c0 < P.head_dim_v; c0 += CH) {
        for (var n = 0u; n < SLOTS_PER_CH; n++) {
            let c = c0 + t + TPR * n;
            if (c < P.head_dim_v) {
                out_buf[row * P.head_dim_v + c] = acc[c0 / TPR + n] * inv_l;
            }
        }
    }
    if (t == 0u) {
        var lse = MASKED;
        if (l_run > 0.0) {
            lse = m_run + log(l_run);
        }
        out_buf[P.lse_at + row] = lse;
    }
}
