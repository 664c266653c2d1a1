// Forward, matrix family: Q·Kᵀ and P·V on cooperative matrices (tensor cores through
// VK_KHR_cooperative_matrix, simdgroup matrices on Metal), f16 operands, f32 accumulation.
//
// A workgroup of 4 subgroups of 32 owns MBQ = 64 query rows of one (b, h), RS = 16 rows per
// subgroup, and streams the visible keys MBK = 32 at a time in one pass with an online softmax.
// Cooperative matrices allow no per-row access to an accumulator, so the running row maximum is
// lazy (as in FlashAttention-3): P = exp(S - m) with m moved only when a tile's maximum exceeds
// it by more than TAU, so P ≤ e^TAU stays well inside f16. Only then do the accumulators of the
// moved rows need their rescale, which goes through workgroup memory; with real data that is a
// handful of tiles per row, at the start.
//
// Per tile: stage K (f16), S = Q·Kᵀ per subgroup into `ms`, stage V over K while the softmax
// reads S and writes P (f16) into `mp`, then O += P·V per subgroup. Two threads per query row
// do the scalar work: each scans the whole row for its maximum (so both agree on m without
// exchanging it) and owns 16 of its keys for P and a partial denominator.
//
// The host prepends the enables, `CM` (the matrix size, 16 or 8), the aliases `CoopA`, `CoopB`,
// `CoopC` and the padded head dimensions `MD`, `MDV` (multiples of 16).

const MBQ: u32 = 64u;
const MBK: u32 = 32u;
const MWG: u32 = 128u;
const RS: u32 = 16u;                  // rows per subgroup
const RB: u32 = RS / CM;              // row blocks per subgroup
const MDKV: u32 = max(MD, MDV);
const NO: u32 = RB * (MDV / CM);      // accumulator tiles per subgroup
// The running maximum moves when a tile's maximum exceeds it by more than this: P ≤ e^8.
const TAU: f32 = 8.0;

var<workgroup> mq: array<f16, MBQ * MD>;
var<workgroup> mkv: array<f16, MBK * MDKV>;
var<workgroup> ms: array<f32, MBQ * MBK>;
var<workgroup> mp: array<f16, MBQ * MBK>;
var<workgroup> mzero: array<f32, CM * CM>;
// Per query row: the rescale factor of a moved maximum (1 when it did not move); in the
// epilogue the maximum, then the output scale.
var<workgroup> malpha: array<f32, MBQ>;
// Per query row: the partial denominators of its two threads.
var<workgroup> ml: array<f32, MBQ * 2u>;
var<workgroup> mrescale_flag: atomic<u32>;
var<workgroup> mrescale: u32;
var<workgroup> mlive_flag: atomic<u32>;
var<workgroup> mlive: u32;

fn m_tile_is_live(mine: bool, lid: u32) -> bool {
    if (mine) {
        atomicOr(&mlive_flag, 1u);
    }
    workgroupBarrier();
    if (lid == 0u) {
        mlive = atomicLoad(&mlive_flag);
        atomicStore(&mlive_flag, 0u);
    }
    return workgroupUniformLoad(&mlive) != 0u;
}

fn m_any_rescale(mine: bool, lid: u32) -> bool {
    if (mine) {
        atomicOr(&mrescale_flag, 1u);
    }
    workgroupBarrier();
    if (lid == 0u) {
        mrescale = atomicLoad(&mrescale_flag);
        atomicStore(&mrescale_flag, 0u);
    }
    return workgroupUniformLoad(&mrescale) != 0u;
}

// Whether rows of operand `op` can be read two elements per word: a 16-bit dtype, the head
// dimension contiguous and even, every other stride and the base even (the usual layouts).
fn pairs_ok(op: u32, dim: u32) -> bool {
    var dt = P.q_dtype;
    var s = vec4<i32>(P.q_base, P.q_sb, P.q_sh, P.q_ss);
    var sd = P.q_sd;
    if (op == OP_K) {
        dt = P.k_dtype;
        s = vec4<i32>(P.k_base, P.k_sb, P.k_sh, P.k_ss);
        sd = P.k_sd;
    } else if (op == OP_V) {
        dt = P.v_dtype;
        s = vec4<i32>(P.v_base, P.v_sb, P.v_sh, P.v_ss);
        sd = P.v_sd;
    }
    return (dt == DT_F16 || dt == DT_BF16) && sd == 1 && dim % 2u == 0u
        && all((s & vec4<i32>(1)) == vec4<i32>(0));
}

// Elements (b, h, r, c) and (b, h, r, c + 1) of a 16-bit operand as f16, from one word.
fn ld_pair(op: u32, b: u32, h: u32, r: u32, c: u32) -> vec2<f16> {
    let bi = i32(b);
    let hi = i32(h);
    let ri = i32(r);
    let ci = i32(c);
    var w = 0u;
    var dt = DT_F16;
    switch op {
        case 0u: {
            w = q_buf[(P.q_base + bi * P.q_sb + hi * P.q_sh + ri * P.q_ss + ci) >> 1u];
            dt = P.q_dtype;
        }
        case 1u: {
            w = k_buf[(P.k_base + bi * P.k_sb + hi * P.k_sh + ri * P.k_ss + ci) >> 1u];
            dt = P.k_dtype;
        }
        default: {
            w = v_buf[(P.v_base + bi * P.v_sb + hi * P.v_sh + ri * P.v_ss + ci) >> 1u];
            dt = P.v_dtype;
        }
    }
    if (dt == DT_BF16) {
        // bf16 values were checked by the host to lie within f16's range.
        return vec2<f16>(f16(bitcast<f32>(w << 16u)), f16(bitcast<f32>(w & 0xffff0000u)));
    }
    // Exact; naga has no bitcast from u32 to vec2<f16>.
    return vec2<f16>(f16(half_to_f32(w & 0xffffu)), f16(half_to_f32(w >> 16u)));
}

// Rows row0 .. row0 + n of operand `op` (of `rows`), columns 0..dim, as f16 at `dst` with row
// stride `stride`; zeros past the operand.
fn stage_rows(lid: u32, op: u32, b: u32, h: u32, row0: u32, n: u32, rows: u32, dim: u32,
              stride: u32, to_q: bool) {
    if (pairs_ok(op, dim)) {
        for (var x = lid; x < n * stride / 2u; x += MWG) {
            let r = (2u * x) / stride;
            let c = (2u * x) % stride;
            var v = vec2<f16>(0.0h, 0.0h);
            if (row0 + r < rows && c < dim) {
                v = ld_pair(op, b, h, row0 + r, c);
            }
            if (to_q) {
                mq[2u * x] = v.x;
                mq[2u * x + 1u] = v.y;
            } else {
                mkv[2u * x] = v.x;
                mkv[2u * x + 1u] = v.y;
            }
        }
        return;
    }
    for (var x = lid; x < n * stride; x += MWG) {
        let r = x / stride;
        let c = x % stride;
        var val = 0.0;
        if (row0 + r < rows && c < dim) {
            val = ld(op, b, h, row0 + r, c);
        }
        if (to_q) {
            mq[x] = f16(val);
        } else {
            mkv[x] = f16(val);
        }
    }
}

// The score of (i, j) from its raw dot product, MASKED where the key is not visible.
fn tile_score(b: u32, h: u32, i: u32, j: u32, raw: f32) -> f32 {
    if (!visible(b, h, i, j)) {
        return MASKED;
    }
    return score(b, h, i, j, raw).x;
}

@compute @workgroup_size(128)
fn forward_matrix(@builtin(local_invocation_index) lid: u32,
                  @builtin(workgroup_id) wid: vec3<u32>,
                  @builtin(subgroup_id) sg: u32) {
    let b = wid.z;
    let h = wid.y;
    let hk = h / P.group;
    let i0 = wid.x * MBQ;
    let last_row = min(i0 + MBQ, P.seq_q) - 1u;
    var k_begin = 0i;
    var k_end = i32(P.seq_kv);
    if (P.has_band_lo != 0) {
        k_begin = max(0i, i32(i0) + P.band_lo);
    }
    if (P.has_band_hi != 0) {
        k_end = min(k_end, i32(last_row) + P.band_hi + 1i);
    }
    // Tiles can be wholly invisible only through block masks or boolean masks (the band
    // already bounds the loop).
    let check_live = P.has_blocks != 0 || P.mask_kind == MASK_BOOL;

    stage_rows(lid, OP_Q, b, h, i0, MBQ, P.seq_q, P.head_dim, MD, true);
    for (var x = lid; x < CM * CM; x += MWG) {
        mzero[x] = 0.0;
    }
    // The flags start at zero without relying on workgroup memory being zeroed.
    if (lid == 0u) {
        atomicStore(&mlive_flag, 0u);
        atomicStore(&mrescale_flag, 0u);
    }
    workgroupBarrier();
    // Scalar work: thread lid looks after row er = lid / 2, keys ec .. ec + 16 of a tile.
    let er = lid / 2u;
    let half = lid % 2u;
    let ec = half * 16u;
    let ei = i0 + er;
    var m_run = MASKED;
    var l_part = 0.0;

    var o: array<CoopC, NO>;
    for (var t = 0u; t < NO; t++) {
        o[t] = coopLoadT<CoopC>(&mzero[0], CM);
    }
    for (var k0 = k_begin; k0 < k_end; k0 += i32(MBK)) {
        let j0 = u32(k0);
        if (check_live) {
            var any = false;
            for (var e = 0u; e < 16u; e++) {
                any = any || visible(b, h, ei, j0 + ec + e);
            }
            if (!m_tile_is_live(any, lid)) {
                continue;
            }
        }
        stage_rows(lid, OP_K, b, hk, j0, MBK, P.seq_kv, P.head_dim, MD, false);
        workgroupBarrier();
        // S for the subgroup's rows: each Q fragment once per tile, against every key block.
        for (var rb = 0u; rb < RB; rb++) {
            let row0 = sg * RS + rb * CM;
            var acc: array<CoopC, MBK / CM>;
            for (var n = 0u; n < MBK / CM; n++) {
                acc[n] = coopLoadT<CoopC>(&mzero[0], CM);
            }
            for (var kk = 0u; kk < MD / CM; kk++) {
                let a = coopLoadT<CoopA>(&mq[row0 * MD + kk * CM], MD);
                for (var n = 0u; n < MBK / CM; n++) {
                    // Kᵀ: column n of B is key row n of mkv, a column-major load with stride MD.
                    let kt = coopLoad<CoopB>(&mkv[(n * CM) * MD + kk * CM], MD);
                    acc[n] = coopMultiplyAdd(a, kt, acc[n]);
                }
            }
            for (var n = 0u; n < MBK / CM; n++) {
                coopStoreT(acc[n], &ms[row0 * MBK + n * CM], MBK);
            }
        }
        workgroupBarrier();
        stage_rows(lid, OP_V, b, hk, j0, MBK, P.seq_kv, P.head_dim_v, MDV, false);
        // The row's maximum over the whole tile (both threads of the row see the same).
        var m_tile = MASKED;
        for (var n = 0u; n < MBK; n++) {
            m_tile = max(m_tile, tile_score(b, h, ei, j0 + n, ms[er * MBK + n]));
        }
        var alpha = 1.0;
        var moved = false;
        if (m_tile > MASKED && (m_run <= MASKED || m_tile > m_run + TAU)) {
            // Accumulated so far with the old maximum: scale by exp(old - new). Nothing has
            // been accumulated while the maximum was MASKED.
            moved = m_run > MASKED;
            alpha = select(0.0, exp(m_run - m_tile), moved);
            m_run = m_tile;
            l_part *= alpha;
        }
        for (var e = 0u; e < 16u; e++) {
            let s = tile_score(b, h, ei, j0 + ec + e, ms[er * MBK + ec + e]);
            var p = 0.0;
            if (s > MASKED) {
                p = exp(s - m_run);
            }
            // The denominator in f32, before P's rounding to f16: the LSE needs f32 accuracy,
            // and O's error from the rounding is the same either way.
            l_part += p;
            mp[er * MBK + ec + e] = f16(p);
        }
        if (half == 0u) {
            malpha[er] = alpha;
        }
        if (m_any_rescale(moved, lid)) {
            // Rows whose maximum moved: their accumulators times alpha, tile by tile through
            // the subgroup's own rows of `ms` (S is no longer needed).
            for (var t = 0u; t < NO; t++) {
                let rb = t / (MDV / CM);
                let row0 = sg * RS + rb * CM;
                coopStoreT(o[t], &ms[row0 * MBK], MBK);
                workgroupBarrier();
                // Every subgroup's tile t at once (which threads form a subgroup is the
                // driver's business).
                for (var x = lid; x < (MWG / 32u) * CM * CM; x += MWG) {
                    let e = x % (CM * CM);
                    let r = (x / (CM * CM)) * RS + rb * CM + e / CM;
                    ms[r * MBK + e % CM] *= malpha[r];
                }
                workgroupBarrier();
                o[t] = coopLoadT<CoopC>(&ms[row0 * MBK], MBK);
                workgroupBarrier();
            }
        }
        // m_any_rescale's barriers also publish P and V.
        for (var rb = 0u; rb < RB; rb++) {
            let row0 = sg * RS + rb * CM;
            for (var kk = 0u; kk < MBK / CM; kk++) {
                let a = coopLoadT<CoopA>(&mp[row0 * MBK + kk * CM], MBK);
                for (var n = 0u; n < MDV / CM; n++) {
                    let t = rb * (MDV / CM) + n;
                    let v = coopLoadT<CoopB>(&mkv[(kk * CM) * MDV + n * CM], MDV);
                    o[t] = coopMultiplyAdd(a, v, o[t]);
                }
            }
        }
        workgroupBarrier();
    }

    // Epilogue: the row's denominator (both halves, plus the sink's term), the output scale,
    // then each accumulator tile through ms to out_buf.
    ml[er * 2u + half] = l_part;
    if (half == 0u) {
        malpha[er] = m_run;
    }
    workgroupBarrier();
    if (lid < MBQ) {
        var m = malpha[lid];
        var l = ml[lid * 2u] + ml[lid * 2u + 1u];
        var scale_o = 1.0;
        if (P.has_sinks != 0) {
            let sink = sink_of(h);
            let m_fin = max(m, sink);
            let shift = select(0.0, exp(m - m_fin), m > MASKED);
            l = l * shift + exp(sink - m_fin);
            scale_o = shift;
            m = m_fin;
        }
        var lse = MASKED;
        var factor = 0.0;
        if (l > 0.0) {
            lse = m + log(l);
            factor = scale_o / l;
        }
        malpha[lid] = factor;
        if (i0 + lid < P.seq_q) {
            out_buf[P.lse_at + (b * P.heads_q + h) * P.seq_q + i0 + lid] = lse;
        }
    }
    for (var n = 0u; n < MDV / CM; n++) {
        for (var rb = 0u; rb < RB; rb++) {
            let row0 = sg * RS + rb * CM;
            coopStoreT(o[rb * (MDV / CM) + n], &ms[row0 * MBK], MBK);
        }
        workgroupBarrier();
        for (var x = lid; x < MBQ * CM; x += MWG) {
            let r = x / CM;
            let c = n * CM + x % CM;
            let i = i0 + r;
            if (i < P.seq_q && c < P.head_dim_v) {
                out_buf[((b * P.heads_q + h) * P.seq_q + i) * P.head_dim_v + c] =
                    ms[r * MBK + x % CM] * malpha[r];
            }
        }
        workgroupBarrier();
    }
}
