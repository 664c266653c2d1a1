// Forward, portable family: one workgroup per (query tile of ROWS rows, query head, batch).
// Keys stream through workgroup memory COLS at a time; the softmax is online, in f32. Each
// thread owns columns t, t + TPR, ... of its row's output: NACC_V slots cover Dv.
//
// The row maximum and row sum of a tile are reduced over the TPR threads of the row: LANES of
// them at a time by subgroup operations (`lanes_max` / `lanes_sum`, lanes_subgroup.wgsl), then
// the TPR / LANES partial results through workgroup memory (none left when LANES = TPR; all of
// them in the fallback without subgroups, LANES = 1). Either way the sum is the same pairwise
// tree over the row's threads, each thread's own four scores summed first.

// One array per reduction: each is written once per tile, and the tile's other barriers
// (tile_is_live, the dot products, the P·V chunks) separate a read from the next tile's write.
var<workgroup> parts_max: array<f32, 64>; // WG
var<workgroup> parts_sum: array<f32, 64>;

// The maximum of `x` over the TPR threads of place `me`'s row, on every one of them.
fn row_max(x: f32, me: u32) -> f32 {
    var v = lanes_max(x);
    if (LANES < TPR) {
        parts_max[me] = v;
        workgroupBarrier();
        let row = me - me % TPR;
        v = parts_max[row];
        for (var k = LANES; k < TPR; k += LANES) {
            v = max(v, parts_max[row + k]);
        }
    }
    return v;
}

// The sum of `x` over the TPR threads of place `me`'s row, on every one of them: the lane
// groups' sums, combined as the rest of the pairwise tree that `lanes_sum` began.
fn row_sum(x: f32, me: u32) -> f32 {
    var v = lanes_sum(x);
    if (LANES < TPR) {
        parts_sum[me] = v;
        workgroupBarrier();
        let row = me - me % TPR;
        if (LANES == 1u) {
            v = ((parts_sum[row] + parts_sum[row + 1u]) + (parts_sum[row + 2u] + parts_sum[row + 3u]))
                + ((parts_sum[row + 4u] + parts_sum[row + 5u]) + (parts_sum[row + 6u] + parts_sum[row + 7u]));
        } else if (LANES == 2u) {
            v = (parts_sum[row] + parts_sum[row + 2u]) + (parts_sum[row + 4u] + parts_sum[row + 6u]);
        } else {
            v = parts_sum[row] + parts_sum[row + 4u];
        }
    }
    return v;
}

@compute @workgroup_size(64)
fn forward(inv: Invocation, @builtin(workgroup_id) wid: vec3<u32>) {
    // The thread's place: its row and columns (local_invocation_index in the fallback; subgroup
    // and lane with subgroups, so that a row's lanes share a subgroup).
    let me = place_of(inv);
    let b = wid.z;
    let h = wid.y;
    let hk = h / P.group;
    let r = me / TPR;
    let t = me % TPR;
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
        // Uniform from here to the end of the tile: the live test is workgroup-uniform.
        if (!tile_is_live(any, me)) {
            continue;
        }
        let dots = tile_dots(me, OP_Q, h, i0, P.seq_q, OP_K, hk, j0, P.seq_kv, b, P.head_dim);
        // Invisible keys (and rows past the end) score MASKED: the identity of the maximum,
        // and P = 0 in the sum.
        var s: array<f32, 4>;
        var mine = MASKED;
        for (var m = 0u; m < CPT; m++) {
            s[m] = MASKED;
            if (vis[m]) {
                s[m] = score(b, h, i, j0 + t + TPR * m, dots[m]).x;
            }
            mine = max(mine, s[m]);
        }
        let m_new = max(m_run, row_max(mine, me));
        let alpha = exp(m_run - m_new);
        // P for the P·V below (the first chunk's barrier orders these writes before its reads;
        // the previous tile's reads of `scores` ended before its last barrier).
        var l_mine = 0.0;
        for (var m = 0u; m < CPT; m++) {
            let p = select(0.0, exp(s[m] - m_new), s[m] > MASKED);
            scores[r * COLS + t + TPR * m] = p;
            l_mine += p;
        }
        l_run = l_run * alpha + row_sum(l_mine, me);
        m_run = m_new;
        for (var n = 0u; n < NACC_V; n++) {
            acc[n] *= alpha;
        }
        for (var c0 = 0u; c0 < P.head_dim_v; c0 += CH) {
            stage_stream(me, OP_V, hk, j0, P.seq_kv, b, c0, P.head_dim_v);
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
