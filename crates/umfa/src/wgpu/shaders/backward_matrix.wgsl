// Backward, matrix family: dQ (DQ = 1) or dK and dV (DQ = 0) on cooperative matrices, f16
// operands, f32 accumulation, from the f16 copies of Q, K, V and dO (`matrix_layout.wgsl`, made
// by `backward_matrix_convert`) and the LSE and delta rows of `backward_delta`.
//
// A workgroup of NSG subgroups of 32 owns MO = 16·NSG rows — query rows of one (b, h) for dQ,
// keys of one (b, kv head) for dK/dV — staged once in workgroup memory, and streams the rows on
// the other side MSR at a time (keys for dQ; the query rows of every head of the group for
// dK/dV, so GQA's sum needs no atomics and has a fixed order). Per streamed tile, for the
// subgroup's 16 own rows:
//   X = own_D · streamedᵀ_D and dX = own_Dv · streamedᵀ_Dv on the matrices (S and dP for dQ,
//   their transposes for dK/dV) | barrier | per element: P = exp(score − LSE) and
//   dS = P·(dP − delta)·d score / d dot (visibility, softcap, ALiBi, masks: common.wgsl; dense
//   tiles skip those rules), both rounded to f16 into workgroup memory | barrier | dQ += dS·K, or dV += Pᵀ·dO and dK += dSᵀ·Q
//   | barrier.
// P and dS are rounded to f16 as FlashAttention's 16-bit kernels round them; the sums are f32.
// The accumulators stay in registers (the host unrolls the `//#for` loops); the own and
// streamed tiles are read from workgroup memory by every product (with OWNREG, tile flag `r`,
// the own rows' fragments once, into registers), so the emulation (coop_emulation.wgsl), whose
// operands are references into it, runs the same program: the own rows are never overwritten.
//
// The host prepends the enables, `CM`, the aliases, `MD`, `MDV` (padded to 16), `NSG`, `NT`,
// `MO`, `MSR`, the arena layout (`SQ`, `SV`, `SPS`, `SS`, `OA_AT`, `OB_AT`, `SA_AT`, `SB_AT`,
// `P_AT`, `DS_AT`, `ARENA`, `DP_AT`, `MS_LEN`) and `MBQ` = `MBK` = the padding of the copies
// (a multiple of MO and MSR), then expands the `//#` directives (kernels.rs).

const RS: u32 = 16u;                  // own rows per subgroup

@group(0) @binding(7) var<storage, read> h_buf: array<vec4<f16>>;

// All workgroup memory in one variable, arrays first, each a multiple of 16 bytes long, so that
// every cooperative-matrix pointer is 16-byte aligned (see `Shared` in forward_matrix.wgsl).
struct Shared {
    // f16: own rows (D then Dv wide), streamed rows (D then Dv wide), Pᵀ (dK/dV), dS.
    mh: array<f16, ARENA>,
    // f32: X (S or Sᵀ) then dX (dP or dPᵀ) of the own rows; the epilogue's accumulators.
    ms: array<f32, MS_LEN>,
    mzero: array<f32, CM * CM>,
    // dK/dV: LSE and delta of the streamed query rows.
    mlse: array<f32, MSR>,
    mdelta: array<f32, MSR>,
}
var<workgroup> wg: Shared;

fn h_st4(at: u32, v: vec4<f16>) {
    wg.mh[at] = v.x;
    wg.mh[at + 1u] = v.y;
    wg.mh[at + 2u] = v.z;
    wg.mh[at + 3u] = v.w;
}

fn h_ld(at: u32) -> f16 {
    return wg.mh[at];
}

fn s_ld(at: u32) -> f32 {
    return wg.ms[at];
}

fn s_st(at: u32, v: f32) {
    wg.ms[at] = v;
}

// `rows` rows of `w4` vec4s of the copies from vec4 `src` into the arena at `at`, row stride
// `stride` halves.
fn stage_rows(lid: u32, src: u32, rows: u32, w4: u32, at: u32, stride: u32) {
    for (var v = lid; v < rows * w4; v += NT) {
        h_st4(at + v / w4 * stride + v % w4 * 4u, h_buf[src + v]);
    }
}

@compute @workgroup_size(NT)
//#if DQ {
fn backward_matrix_dq(@builtin(local_invocation_index) lid: u32,
//#} else {
fn backward_matrix_dkdv(@builtin(local_invocation_index) lid: u32,
//#}
                      @builtin(workgroup_id) wid: vec3<u32>,
                      @builtin(subgroup_id) sg: u32, @builtin(subgroup_invocation_id) lane: u32) {
    let b = wid.z;
    let o0 = wid.x * MO;
    // The element pass: lane `lane` of subgroup `sg` owns row `er` of the workgroup's own rows
    // and every other streamed column from `part`.
    let part = lane % 2u;
    let er = sg * RS + lane / 2u;
    let plain = plain_scores();
    for (var x = lid; x < CM * CM; x += NT) {
        wg.mzero[x] = 0.0;
    }
//#if DQ {
    let h = wid.y;
    let hk = h / P.group;
    let own_len = P.seq_q;
    stage_rows(lid, m_q_row(b * P.heads_q + h, o0), MO, MD / 4u, OA_AT, SQ);
    stage_rows(lid, m_do_row(b * P.heads_q + h, o0), MO, MDV / 4u, OB_AT, SV);
    // The lane's own query row: its LSE and delta.
    let i_own = o0 + er;
    var lse_own = MASKED;
    var delta_own = 0.0;
    if (i_own < P.seq_q) {
        let row = (b * P.heads_q + h) * P.seq_q + i_own;
        lse_own = rows_buf[row];
        delta_own = rows_buf[P.delta_at + row];
    }
    // The keys any own row sees (the band), from a multiple of MSR.
    let last_row = min(o0 + MO, P.seq_q) - 1u;
    var s_begin = 0i;
    var s_end = i32(P.seq_kv);
    if (P.has_band_lo != 0) {
        s_begin = max(0i, i32(o0) + P.band_lo);
    }
    if (P.has_band_hi != 0) {
        s_end = min(s_end, i32(last_row) + P.band_hi + 1i);
    }
//#} else {
    let hk = wid.y;
    let own_len = P.seq_kv;
    stage_rows(lid, m_k_row(b * P.heads_kv + hk, o0), MO, MD / 4u, OA_AT, SQ);
    stage_rows(lid, m_v_row(b * P.heads_kv + hk, o0), MO, MDV / 4u, OB_AT, SV);
    // Row i sees keys [i + lo, i + hi], so key j is seen by rows [j - hi, j - lo].
    let last_key = min(o0 + MO, P.seq_kv) - 1u;
    var s_begin = 0i;
    var s_end = i32(P.seq_q);
    if (P.has_band_hi != 0) {
        s_begin = max(0i, i32(o0) - P.band_hi);
    }
    if (P.has_band_lo != 0) {
        s_end = min(s_end, i32(last_key) - P.band_lo + 1i);
    }
//#}
    s_begin = s_begin / i32(MSR) * i32(MSR);
    workgroupBarrier();
    let zero = coopLoadT<CoopC>(&wg.mzero[0], CM);
//#if OWNREG {
    // The subgroup's own rows as A fragments, loaded once (the staging is never overwritten).
    var own_a: array<CoopA, {RB*NKK}>;
    var own_b: array<CoopA, {RB*NVK}>;
//#for rb in 0..RB {
//#for kk in 0..NKK {
    own_a[{rb*NKK+kk}] = coopLoadT<CoopA>(&wg.mh[OA_AT + (sg * RS + {rb}u * CM) * SQ + {kk}u * CM], SQ);
//#}
//#for kk in 0..NVK {
    own_b[{rb*NVK+kk}] = coopLoadT<CoopA>(&wg.mh[OB_AT + (sg * RS + {rb}u * CM) * SV + {kk}u * CM], SV);
//#}
//#}
//#}
    var acc_k: array<CoopC, {RB*NKK}>;
//#for x in 0..RB*NKK {
    acc_k[{x}] = zero;
//#}
//#if !DQ {
    var acc_v: array<CoopC, {RB*NVK}>;
//#for x in 0..RB*NVK {
    acc_v[{x}] = zero;
//#}
    for (var h = hk * P.group; h < (hk + 1u) * P.group; h++) {
//#} else {
    {
//#}
    for (var t0 = s_begin; t0 < s_end; t0 += i32(MSR)) {
        let s0 = u32(t0);
        // The streamed tile: K and V rows (dQ), or Q and dO rows with their LSE and delta.
//#if DQ {
        stage_rows(lid, m_k_row(b * P.heads_kv + hk, s0), MSR, MD / 4u, SA_AT, SQ);
        stage_rows(lid, m_v_row(b * P.heads_kv + hk, s0), MSR, MDV / 4u, SB_AT, SV);
//#} else {
        stage_rows(lid, m_q_row(b * P.heads_q + h, s0), MSR, MD / 4u, SA_AT, SQ);
        stage_rows(lid, m_do_row(b * P.heads_q + h, s0), MSR, MDV / 4u, SB_AT, SV);
        for (var x = lid; x < MSR; x += NT) {
            var lse = MASKED;
            var delta = 0.0;
            if (s0 + x < P.seq_q) {
                let row = (b * P.heads_q + h) * P.seq_q + s0 + x;
                lse = rows_buf[row];
                delta = rows_buf[P.delta_at + row];
            }
            wg.mlse[x] = lse;
            wg.mdelta[x] = delta;
        }
//#}
        workgroupBarrier();
        // X = own_D · streamedᵀ and dX = own_Dv · streamedᵀ: column n of B is streamed row n,
        // a column-major load with the tile's row stride.
        var xa: array<CoopC, {RB*NN}>;
        var dxa: array<CoopC, {RB*NN}>;
//#for x in 0..RB*NN {
        xa[{x}] = zero;
        dxa[{x}] = zero;
//#}
//#for kk in 0..NKK {
//#for rb in 0..RB {
        {
//#if OWNREG {
            let a = own_a[{rb*NKK+kk}];
//#} else {
            let a = coopLoadT<CoopA>(&wg.mh[OA_AT + (sg * RS + {rb}u * CM) * SQ + {kk}u * CM], SQ);
//#}
//#for n in 0..NN {
            xa[{rb*NN+n}] = coopMultiplyAdd(a, coopLoad<CoopB>(&wg.mh[SA_AT + {n}u * CM * SQ + {kk}u * CM], SQ), xa[{rb*NN+n}]);
//#}
        }
//#}
//#}
//#for kk in 0..NVK {
//#for rb in 0..RB {
        {
//#if OWNREG {
            let a = own_b[{rb*NVK+kk}];
//#} else {
            let a = coopLoadT<CoopA>(&wg.mh[OB_AT + (sg * RS + {rb}u * CM) * SV + {kk}u * CM], SV);
//#}
//#for n in 0..NN {
            dxa[{rb*NN+n}] = coopMultiplyAdd(a, coopLoad<CoopB>(&wg.mh[SB_AT + {n}u * CM * SV + {kk}u * CM], SV), dxa[{rb*NN+n}]);
//#}
        }
//#}
//#}
//#for rb in 0..RB {
//#for n in 0..NN {
        coopStoreT(xa[{rb*NN+n}], &wg.ms[(sg * RS + {rb}u * CM) * SS + {n}u * CM], SS);
        coopStoreT(dxa[{rb*NN+n}], &wg.ms[DP_AT + (sg * RS + {rb}u * CM) * SS + {n}u * CM], SS);
//#}
//#}
        workgroupBarrier();
        // Tiles where every element is a plain scaled dot product (no mask, block mask, ALiBi or
        // softcap; both sequences' ends and the band outside the tile) skip the per-element
        // visibility and score rules, as the forward's dense tiles do; the values are the same.
//#if DQ {
        let r_lo = o0;
        let r_hi = o0 + MO;
        let c_lo = s0;
        let c_hi = s0 + MSR;
//#} else {
        let r_lo = s0;
        let r_hi = s0 + MSR;
        let c_lo = o0;
        let c_hi = o0 + MO;
//#}
        let dense = plain && r_hi <= P.seq_q && c_hi <= P.seq_kv
            && (P.has_band_lo == 0 || i32(c_lo) - i32(r_hi - 1u) >= P.band_lo)
            && (P.has_band_hi == 0 || i32(c_hi - 1u) - i32(r_lo) <= P.band_hi);
        // P and dS of the lane's elements, rounded to f16.
        for (var e = 0u; e < MSR / 2u; e++) {
            let c = part + 2u * e;
//#if DQ {
            let i = i_own;
            let j = s0 + c;
            let lse = lse_own;
            let delta = delta_own;
//#} else {
            let i = s0 + c;
            let j = o0 + er;
            let lse = wg.mlse[c];
            let delta = wg.mdelta[c];
//#}
            var p = 0.0;
            var ds = 0.0;
            if (dense) {
                let x = P.scale * s_ld(er * SS + c);
                if (x > MASKED && lse > MASKED) {
                    p = exp(x - lse);
                    ds = p * (s_ld(DP_AT + er * SS + c) - delta) * P.scale;
                }
            } else if (visible(b, h, i, j)) {
                let s = score(b, h, i, j, s_ld(er * SS + c));
                if (s.x > MASKED && lse > MASKED) {
                    p = exp(s.x - lse);
                    ds = p * (s_ld(DP_AT + er * SS + c) - delta) * s.y;
                }
            }
            wg.mh[DS_AT + er * SPS + c] = f16(ds);
//#if !DQ {
            wg.mh[P_AT + er * SPS + c] = f16(p);
//#}
        }
        workgroupBarrier();
//#if DQ {
        // dQ += dS·K.
//#for kk in 0..NN {
//#for rb in 0..RB {
        {
            let a = coopLoadT<CoopA>(&wg.mh[DS_AT + (sg * RS + {rb}u * CM) * SPS + {kk}u * CM], SPS);
//#for n in 0..NKK {
            acc_k[{rb*NKK+n}] = coopMultiplyAdd(a, coopLoadT<CoopB>(&wg.mh[SA_AT + {kk}u * CM * SQ + {n}u * CM], SQ), acc_k[{rb*NKK+n}]);
//#}
        }
//#}
//#}
//#} else {
        // dV += Pᵀ·dO, dK += dSᵀ·Q.
//#for kk in 0..NN {
//#for rb in 0..RB {
        {
            let a = coopLoadT<CoopA>(&wg.mh[P_AT + (sg * RS + {rb}u * CM) * SPS + {kk}u * CM], SPS);
//#for n in 0..NVK {
            acc_v[{rb*NVK+n}] = coopMultiplyAdd(a, coopLoadT<CoopB>(&wg.mh[SB_AT + {kk}u * CM * SV + {n}u * CM], SV), acc_v[{rb*NVK+n}]);
//#}
        }
        {
            let a = coopLoadT<CoopA>(&wg.mh[DS_AT + (sg * RS + {rb}u * CM) * SPS + {kk}u * CM], SPS);
//#for n in 0..NKK {
            acc_k[{rb*NKK+n}] = coopMultiplyAdd(a, coopLoadT<CoopB>(&wg.mh[SA_AT + {kk}u * CM * SQ + {n}u * CM], SQ), acc_k[{rb*NKK+n}]);
//#}
        }
//#}
//#}
//#}
        // Every subgroup is done with the streamed tile, P and dS before the next tile.
        workgroupBarrier();
    }
    }

    // Epilogue: the accumulators through `ms`, MSR columns per round, to out_buf (f32).
//#if DQ {
    let out_row0 = (b * P.heads_q + h) * P.seq_q;
//#} else {
    let out_row0 = (b * P.heads_kv + hk) * P.seq_kv;
//#}
//#for round in 0..NROUND_K {
//#for rb in 0..RB {
//#for c in 0..NN {
//#if round*NN+c<NKK {
    coopStoreT(acc_k[{rb*NKK+round*NN+c}], &wg.ms[(sg * RS + {rb}u * CM) * SS + {c}u * CM], SS);
//#}
//#}
//#}
    workgroupBarrier();
    for (var x = lid; x < MO * MSR; x += NT) {
        let r = x / MSR;
        let col = {round}u * MSR + x % MSR;
        if (o0 + r < own_len && col < P.head_dim) {
            out_buf[(out_row0 + o0 + r) * P.head_dim + col] = s_ld(r * SS + x % MSR);
        }
    }
    workgroupBarrier();
//#}
//#if !DQ {
//#for round in 0..NROUND_V {
//#for rb in 0..RB {
//#for c in 0..NN {
//#if round*NN+c<NVK {
    coopStoreT(acc_v[{rb*NVK+round*NN+c}], &wg.ms[(sg * RS + {rb}u * CM) * SS + {c}u * CM], SS);
//#}
//#}
//#}
    workgroupBarrier();
    for (var x = lid; x < MO * MSR; x += NT) {
        let r = x / MSR;
        let col = {round}u * MSR + x % MSR;
        if (o0 + r < own_len && col < P.head_dim_v) {
            out_buf[P.dv_at + (out_row0 + o0 + r) * P.head_dim_v + col] = s_ld(r * SS + x % MSR);
        }
    }
    workgroupBarrier();
//#}
//#}
}
