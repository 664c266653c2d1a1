// Forward, matrix family: Q·Kᵀ and P·V on cooperative matrices (tensor cores through
// VK_KHR_cooperative_matrix, simdgroup matrices on Metal), f16 operands, f32 accumulation.
//
// A workgroup of 4 subgroups of 32 owns MBQ = 64 query rows of one (b, h), 16 rows per subgroup.
// Two passes over the visible key tiles: the first finds each row's max and softmax denominator,
// the second accumulates O = Σ P·V with P already normalised, so the accumulators never need a
// per-row rescale (cooperative matrices have no per-element access). Q·Kᵀ is computed twice:
// 1.5× the flops of one pass, all of it on the matrix units.
//
// The host prepends the enables, `CM` (the matrix size, 16 or 8), the aliases `CoopA`, `CoopB`,
// `CoopC` and the padded head dimensions `MD`, `MDV` (multiples of 16).

const MBQ: u32 = 64u;
const MBK: u32 = 32u;
const MWG: u32 = 128u;
const RS: u32 = 16u;           // rows per subgroup
const MDKV: u32 = max(MD, MDV);
const NO: u32 = (RS / CM) * (MDV / CM); // accumulator tiles per subgroup

var<workgroup> mq: array<f16, MBQ * MD>;
var<workgroup> mkv: array<f16, MBK * MDKV>;
var<workgroup> ms: array<f32, MBQ * MBK>;
var<workgroup> mp: array<f16, MBQ * MBK>;
var<workgroup> m_row: array<f32, MBQ>;
var<workgroup> l_row: array<f32, MBQ>;
var<workgroup> mzero: array<f32, CM * CM>;
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

// Rows (b, h, row0 + r) of `op`, columns 0..dim, as f16 into mkv with row stride `stride`.
fn stage_kv(lid: u32, op: u32, h: u32, row0: u32, rows: u32, b: u32, dim: u32, stride: u32) {
    for (var x = lid; x < MBK * stride; x += MWG) {
        let r = x / stride;
        let c = x % stride;
        var val = 0.0;
        if (row0 + r < rows && c < dim) {
            val = ld(op, b, h, row0 + r, c);
        }
        mkv[x] = f16(val);
    }
}

// S for the subgroup's RS rows and the MBK keys in mkv, into ms (row-major).
fn score_tile(sg: u32) {
    for (var rb = 0u; rb < RS / CM; rb++) {
        let row0 = sg * RS + rb * CM;
        for (var n = 0u; n < MBK / CM; n++) {
            var acc = coopLoadT<CoopC>(&mzero[0], CM);
            for (var kk = 0u; kk < MD / CM; kk++) {
                let a = coopLoadT<CoopA>(&mq[row0 * MD + kk * CM], MD);
                // Kᵀ: column n of B is key row n of mkv, so a column-major load with stride MD.
                let bt = coopLoad<CoopB>(&mkv[(n * CM) * MD + kk * CM], MD);
                acc = coopMultiplyAdd(a, bt, acc);
            }
            coopStoreT(acc, &ms[row0 * MBK + n * CM], MBK);
        }
    }
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

    for (var x = lid; x < MBQ * MD; x += MWG) {
        let r = x / MD;
        let c = x % MD;
        var val = 0.0;
        if (i0 + r < P.seq_q && c < P.head_dim) {
            val = ld(OP_Q, b, h, i0 + r, c);
        }
        mq[x] = f16(val);
    }
    for (var x = lid; x < CM * CM; x += MWG) {
        mzero[x] = 0.0;
    }
    // The tile flag starts at zero without relying on workgroup memory being zeroed.
    if (lid == 0u) {
        atomicStore(&mlive_flag, 0u);
    }
    workgroupBarrier();
    // Scalar work: thread lid looks after row lid / 2, keys (lid % 2) * 16 ..+16 of a tile.
    let er = lid / 2u;
    let ec = (lid % 2u) * 16u;
    let ei = i0 + er;

    // Pass 1: row max and denominator, online, by thread lid < MBQ for row lid.
    var m_run = MASKED;
    var l_run = 0.0;
    if (P.has_sinks != 0) {
        m_run = sink_of(h);
        l_run = 1.0;
    }
    for (var k0 = k_begin; k0 < k_end; k0 += i32(MBK)) {
        let j0 = u32(k0);
        var any = false;
        for (var e = 0u; e < 16u; e++) {
            any = any || visible(b, h, ei, j0 + ec + e);
        }
        if (!m_tile_is_live(any, lid)) {
            continue;
        }
        stage_kv(lid, OP_K, hk, j0, P.seq_kv, b, P.head_dim, MD);
        workgroupBarrier();
        score_tile(sg);
        workgroupBarrier();
        if (lid < MBQ) {
            let i = i0 + lid;
            for (var n = 0u; n < MBK; n++) {
                let j = j0 + n;
                if (visible(b, h, i, j)) {
                    let s = score(b, h, i, j, ms[lid * MBK + n]).x;
                    if (s > MASKED) {
                        let m_new = max(m_run, s);
                        l_run = l_run * exp(m_run - m_new) + exp(s - m_new);
                        m_run = m_new;
                    }
                }
            }
        }
        workgroupBarrier();
    }
    if (lid < MBQ) {
        m_row[lid] = m_run;
        l_row[lid] = l_run;
    }
    workgroupBarrier();

    // Pass 2: O = Σ P·V with P = exp(S - m) / l.
    var o: array<CoopC, NO>;
    for (var t = 0u; t < NO; t++) {
        o[t] = coopLoadT<CoopC>(&mzero[0], CM);
    }
    for (var k0 = k_begin; k0 < k_end; k0 += i32(MBK)) {
        let j0 = u32(k0);
        var any = false;
        for (var e = 0u; e < 16u; e++) {
            any = any || visible(b, h, ei, j0 + ec + e);
        }
        if (!m_tile_is_live(any, lid)) {
            continue;
        }
        stage_kv(lid, OP_K, hk, j0, P.seq_kv, b, P.head_dim, MD);
        workgroupBarrier();
        score_tile(sg);
        workgroupBarrier();
        let m = m_row[er];
        let l = l_row[er];
        for (var e = 0u; e < 16u; e++) {
            let j = j0 + ec + e;
            var p = 0.0;
            if (visible(b, h, ei, j) && l > 0.0) {
                let s = score(b, h, ei, j, ms[er * MBK + ec + e]).x;
                if (s > MASKED) {
                    p = exp(s - m) / l;
                }
            }
            mp[er * MBK + ec + e] = f16(p);
        }
        stage_kv(lid, OP_V, hk, j0, P.seq_kv, b, P.head_dim_v, MDV);
        workgroupBarrier();
        for (var rb = 0u; rb < RS / CM; rb++) {
            let row0 = sg * RS + rb * CM;
            for (var n = 0u; n < MDV / CM; n++) {
                let t = rb * (MDV / CM) + n;
                for (var kk = 0u; kk < MBK / CM; kk++) {
                    let a = coopLoadT<CoopA>(&mp[row0 * MBK + kk * CM], MBK);
                    let v = coopLoadT<CoopB>(&mkv[(kk * CM) * MDV + n * CM], MDV);
                    o[t] = coopMultiplyAdd(a, v, o[t]);
                }
            }
        }
        workgroupBarrier();
    }

    // Epilogue: each accumulator tile through ms to out_buf.
    for (var n = 0u; n < MDV / CM; n++) {
        for (var rb = 0u; rb < RS / CM; rb++) {
            let row0 = sg * RS + rb * CM;
            coopStoreT(o[rb * (MDV / CM) + n], &ms[row0 * MBK], MBK);
        }
        workgroupBarrier();
        for (var x = lid; x < MBQ * CM; x += MWG) {
            let r = x / CM;
            let c = n * CM + x % CM;
            let i = i0 + r;
            if (i < P.seq_q && c < P.head_dim_v) {
                out_buf[((b * P.heads_q + h) * P.seq_q + i) * P.head_dim_v + c] = ms[r * MBK + x % CM];
            }
        }
        workgroupBarrier();
    }
    if (lid < MBQ && i0 + lid < P.seq_q) {
        var lse = MASKED;
        if (l_run > 0.0) {
            lse = m_run + log(l_run);
        }
        out_buf[P.lse_at + (b * P.heads_q + h) * P.seq_q + i0 + lid] = lse;
    }
}
