// Forward, matrix family: Q·Kᵀ and P·V on cooperative matrices (tensor cores through
// VK_KHR_cooperative_matrix, simdgroup matrices on Metal), f16 operands, f32 accumulation.
//
// A workgroup of NSG subgroups of 32 owns MBQ = 16·NSG query rows of one (b, h), 16 rows per
// subgroup, and streams the visible keys MBK at a time in one pass with an online softmax. Its
// inputs are the f16 copies of `matrix_layout.wgsl` (made by `forward_matrix_convert`), so a tile
// is staged with one aligned vector load per thread and row, no bounds or dtype work.
//
// Per subgroup, the Q fragments live in registers (loaded once), and so do the output
// accumulators: the host unrolls the `//#for` loops, so every fragment array is indexed by
// constants only (the emulation keeps them as loops: llvmpipe compiles those much faster).
// Per key tile:
//   stage K (f16) | barrier | S = Q·Kᵀ into the subgroup's rows of `ms` (f32) | barrier |
//   load V, softmax of the subgroup's own rows into `mp` (f16), store V | uniform flag load
//   (two barriers) | [rare: rescale the accumulators] | O += P·V | barrier.
// Cooperative matrices allow no per-row access to an accumulator, so the running row maximum is
// lazy (as in FlashAttention-3): P = 2^(S·log2e − m) with m moved only when a tile's maximum
// exceeds it by more than TAU2, so P ≤ 2^TAU2 stays well inside f16; only then are the moved
// rows' accumulators rescaled, through workgroup memory (with real data a few tiles per row, at
// the start). Two lanes own each row of the softmax, each a half of the tile's keys, and share
// the row maximum with one shuffle. Tiles in which every score is a plain scaled dot product
// (no mask, ALiBi or softcap, the band and the sequence end outside the tile) skip the
// visibility and score rules.
//
// Workgroup memory: one f16 arena `mh` (the K or V tile, P, and Q's staging, which the K/V tile
// overwrites once Q is in registers; separate under emulation), S in `ms`. Row strides are padded
// by 16 bytes so that fragment loads and the softmax's vector accesses avoid bank conflicts. With
// VEC the arrays hold vec4s (fragment offsets and strides count vec4s, as in SPIR-V).
//
// The host prepends the enables, `CM` (the matrix size, 16 or 8), the aliases `CoopA`, `CoopB`,
// `CoopC`, `HT` and `ST`, the padded head dimensions `MD`, `MDV` (multiples of 16), the tile
// shape `NSG`, `MBQ`, `MBK`, `NT` and the arena layout (`HV`, `SQ`, `SKV`, `SP`, `SS`, `Q_AT`,
// `KV_AT`, `P_AT`, `ARENA`, `MS_LEN`), then expands the `//#` directives (kernels.rs).

const RS: u32 = 16u;                  // rows per subgroup
// The running maximum moves when a tile's maximum exceeds it by more than this: P ≤ 2^11.
const TAU2: f32 = 11.0;
const LOG2E: f32 = 1.4426950408889634;
const LN2: f32 = 0.6931471805599453;

@group(0) @binding(7) var<storage, read> h_buf: array<vec4<f16>>;

// All of the kernel's workgroup memory is one variable, so that its layout does not depend on
// how a driver places separate variables. A cooperative-matrix load or store needs a 16-byte
// aligned pointer and stride (Vulkan: VUID-RuntimeSpirv-OpCooperativeMatrixLoadKHR-08986); the
// offsets and strides of every fragment are multiples of 16 bytes from the start of its array
// (kernels.rs, `MatrixLayout`), so each array must start 16-byte aligned. Separate variables did
// not guarantee that: the scalar-array shapes (HT = f16: alignment 2) all gave wrong results on
// NVIDIA's Vulkan driver (H200, 2026-11-30) while the vec4 shapes (alignment 8 and 16) passed:
// consistent with a placement that sorts variables by alignment (or reverses them), which puts
// `mh` or `ms` behind the 12 bytes of flags, at an offset that is not a multiple of 16. Struct
// members keep their order (Vulkan gives them no offsets here; drivers lay them out in order),
// the fragment arrays come first, and every member up to the flags is a multiple of 16 bytes
// long (ARENA a multiple of 8 halves, MS_LEN of 4 floats, CM·CM and MBQ of 4), so each array
// starts at a multiple of 16 bytes from the start of the variable, whatever its element type.
struct Shared {
    // The f16 arena: the K or V tile, P, Q's staging.
    mh: array<HT, ARENA / HV>,
    // S, the rescale's and the epilogue's accumulators.
    ms: array<ST, MS_LEN / HV>,
    mzero: array<f32, CM * CM>,
    // Per query row: the rescale factor of a moved maximum (1 when it did not move); in the
    // epilogue the output scale.
    mrow: array<f32, MBQ>,
    mlive_flag: atomic<u32>,
    mlive: u32,
    mrescale: atomic<u32>,
}
var<workgroup> wg: Shared;

// Four halves at `at` (a multiple of 4) of the arena.
fn h_st4(at: u32, v: vec4<f16>) {
//#if VEC {
    wg.mh[at / 4u] = v;
//#} else {
    wg.mh[at] = v.x;
    wg.mh[at + 1u] = v.y;
    wg.mh[at + 2u] = v.z;
    wg.mh[at + 3u] = v.w;
//#}
}

fn h_ld(at: u32) -> f16 {
//#if VEC {
    return wg.mh[at / 4u][at % 4u];
//#} else {
    return wg.mh[at];
//#}
}

fn s_ld4(at: u32) -> vec4<f32> {
//#if VEC {
    return wg.ms[at / 4u];
//#} else {
    return vec4<f32>(wg.ms[at], wg.ms[at + 1u], wg.ms[at + 2u], wg.ms[at + 3u]);
//#}
}

fn s_ld(at: u32) -> f32 {
//#if VEC {
    return wg.ms[at / 4u][at % 4u];
//#} else {
    return wg.ms[at];
//#}
}

fn s_st(at: u32, v: f32) {
//#if VEC {
    wg.ms[at / 4u][at % 4u] = v;
//#} else {
    wg.ms[at] = v;
//#}
}

// Scores of (i, j .. j + 4) from their raw dot products, in log2 units, MASKED where the key is
// not visible.
fn tile_scores4(b: u32, h: u32, i: u32, j: u32, raw: vec4<f32>) -> vec4<f32> {
    var x = raw;
    for (var e = 0u; e < 4u; e++) {
        var s = MASKED;
        if (visible(b, h, i, j + e)) {
            s = score(b, h, i, j + e, raw[e]).x;
        }
        x[e] = select(MASKED, s * LOG2E, s > MASKED);
    }
    return x;
}

@compute @workgroup_size(NT)
fn forward_matrix(@builtin(local_invocation_index) lid: u32,
                  @builtin(workgroup_id) wid: vec3<u32>,
                  @builtin(subgroup_id) sg: u32, @builtin(subgroup_invocation_id) lane: u32) {
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
    // Tiles start at multiples of MBK, so that a tile never reaches past the padded copy.
    k_begin = k_begin / i32(MBK) * i32(MBK);
    // Tiles can be wholly invisible only through block masks or boolean masks (the band
    // already bounds the loop).
    let check_live = P.has_blocks != 0 || P.mask_kind == MASK_BOOL;
    let plain = plain_scores();
    let scale2 = P.scale * LOG2E;

    // Q into the arena, then into registers.
    let q0 = m_q_row(b * P.heads_q + h, i0);
//#for x in 0..QPT {
    {
        let v = lid + {x}u * NT;
//#if QGUARD {
        if (v < MBQ * MD / 4u) {
//#} else {
        {
//#}
            h_st4(Q_AT + v / (MD / 4u) * SQ + v % (MD / 4u) * 4u, h_buf[q0 + v]);
        }
    }
//#}
    for (var x = lid; x < CM * CM; x += NT) {
        wg.mzero[x] = 0.0;
    }
    // The flags start at zero without relying on workgroup memory being zeroed.
    if (lid == 0u) {
        atomicStore(&wg.mlive_flag, 0u);
        atomicStore(&wg.mrescale, 0u);
    }
    workgroupBarrier();
    let zero = coopLoadT<CoopC>(&wg.mzero[0], CM);
    var qa: array<CoopA, {RB*NKK}>;
    var o: array<CoopC, {RB*NVN}>;
//#for rb in 0..RB {
//#for kk in 0..NKK {
    qa[{rb*NKK+kk}] = coopLoadT<CoopA>(&wg.mh[(Q_AT + (sg * RS + {rb}u * CM) * SQ + {kk}u * CM) / HV], SQ / HV);
//#}
//#for n in 0..NVN {
    o[{rb*NVN+n}] = zero;
//#}
//#}
    // Every subgroup has its Q fragments before the first tile overwrites the staging.
    workgroupBarrier();

    // Softmax: lane `lane` of subgroup `sg` owns row `er` (of the workgroup's), chunks of four
    // keys `2t + part`.
    let part = lane % 2u;
    let er = sg * RS + lane / 2u;
    let ei = i0 + er;
    var m_run = MASKED;
    var l_part = 0.0;
//#if PRE {
    // K of the next tile, loaded during the current tile's P·V (dense problems only: with
    // masks that can skip tiles the next live tile is not known in advance).
    let pre = !check_live;
    var kr: array<vec4<f16>, {KPT}>;
    if (pre && k_begin < k_end) {
        let k0v = m_k_row(b * P.heads_kv + hk, u32(k_begin));
//#for x in 0..KPT {
        kr[{x}] = h_buf[k0v + min(lid + {x}u * NT, MBK * MD / 4u - 1u)];
//#}
    }
//#}

    for (var k0 = k_begin; k0 < k_end; k0 += i32(MBK)) {
        let j0 = u32(k0);
        if (check_live) {
            var any = false;
            let lr = lid / 2u;
            let lk = j0 + (lid % 2u) * (MBK / 2u);
            for (var e = 0u; e < MBK / 2u; e++) {
                any = any || visible(b, h, i0 + lr, lk + e);
            }
            if (any) {
                atomicOr(&wg.mlive_flag, 1u);
            }
            workgroupBarrier();
            if (lid == 0u) {
                wg.mlive = atomicLoad(&wg.mlive_flag);
                atomicStore(&wg.mlive_flag, 0u);
            }
            if (workgroupUniformLoad(&wg.mlive) == 0u) {
                continue;
            }
        }
        // K tile.
        let kv = m_k_row(b * P.heads_kv + hk, j0);
//#if PRE {
        if (pre) {
//#for x in 0..KPT {
            {
                let v = lid + {x}u * NT;
//#if KGUARD {
                if (v < MBK * MD / 4u) {
//#} else {
                {
//#}
                    h_st4(KV_AT + v / (MD / 4u) * SKV + v % (MD / 4u) * 4u, kr[{x}]);
                }
            }
//#}
        } else {
//#}
//#for x in 0..KPT {
        {
            let v = lid + {x}u * NT;
//#if KGUARD {
            if (v < MBK * MD / 4u) {
//#} else {
            {
//#}
                h_st4(KV_AT + v / (MD / 4u) * SKV + v % (MD / 4u) * 4u, h_buf[kv + v]);
            }
        }
//#}
//#if PRE {
        }
//#}
        workgroupBarrier();
        // S = Q·Kᵀ for the subgroup's rows. Kᵀ: column n of B is key row n of the tile, a
        // column-major load with the tile's row stride.
        var sa: array<CoopC, {RB*NN}>;
//#for rb in 0..RB {
//#for n in 0..NN {
        sa[{rb*NN+n}] = zero;
//#}
//#}
//#for kk in 0..NKK {
//#for n in 0..NN {
        {
            let kt = coopLoad<CoopB>(&wg.mh[(KV_AT + {n}u * CM * SKV + {kk}u * CM) / HV], SKV / HV);
//#for rb in 0..RB {
            sa[{rb*NN+n}] = coopMultiplyAdd(qa[{rb*NKK+kk}], kt, sa[{rb*NN+n}]);
//#}
        }
//#}
//#}
//#for rb in 0..RB {
//#for n in 0..NN {
        coopStoreT(sa[{rb*NN+n}], &wg.ms[((sg * RS + {rb}u * CM) * SS + {n}u * CM) / HV], SS / HV);
//#}
//#}
        // S is visible, and every subgroup is done with K.
        workgroupBarrier();
        // V tile: its loads are in flight during the softmax, its stores come after.
        let vv = m_v_row(b * P.heads_kv + hk, j0);
        var vr: array<vec4<f16>, {VPT}>;
//#for x in 0..VPT {
        vr[{x}] = h_buf[vv + min(lid + {x}u * NT, MBK * MDV / 4u - 1u)];
//#}
        let dense = plain && j0 + MBK <= P.seq_kv
            && (P.has_band_lo == 0 || i32(j0) - i32(last_row) >= P.band_lo)
            && (P.has_band_hi == 0 || i32(j0 + MBK - 1u) - i32(i0) <= P.band_hi);
        var mx = MASKED;
        var xs: array<vec4<f32>, {NCH}>;
//#for t in 0..NCH {
        xs[{t}] = s_ld4(er * SS + ({t}u * 2u + part) * 4u);
        if (dense) {
            xs[{t}] *= scale2;
        } else {
            xs[{t}] = tile_scores4(b, h, ei, j0 + ({t}u * 2u + part) * 4u, xs[{t}]);
        }
        mx = max(mx, max(max(xs[{t}].x, xs[{t}].y), max(xs[{t}].z, xs[{t}].w)));
//#}
        mx = max(mx, subgroupShuffleXor(mx, 1u));
        var alpha = 1.0;
        var moved = false;
        if (mx > MASKED && (m_run <= MASKED || mx > m_run + TAU2)) {
            // Accumulated so far with the old maximum: scale by 2^(old - new). Nothing has
            // been accumulated while the maximum was MASKED.
            moved = m_run > MASKED;
            alpha = select(0.0, exp2(m_run - mx), moved);
            m_run = mx;
            l_part *= alpha;
        }
        if (part == 0u) {
            wg.mrow[er] = alpha;
            if (moved) {
                atomicOr(&wg.mrescale, 1u);
            }
        }
//#for t in 0..NCH {
        {
            var p = exp2(xs[{t}] - m_run);
            if (!dense) {
                p = select(vec4<f32>(0.0), p, xs[{t}] > vec4<f32>(MASKED));
            }
            // The denominator in f32, before P's rounding to f16: the LSE needs f32 accuracy,
            // and O's error from the rounding is the same either way.
            l_part += (p.x + p.y) + (p.z + p.w);
            h_st4(P_AT + er * SP + ({t}u * 2u + part) * 4u, vec4<f16>(p));
        }
//#}
//#for x in 0..VPT {
        {
            let v = lid + {x}u * NT;
//#if VGUARD {
            if (v < MBK * MDV / 4u) {
//#} else {
            {
//#}
                h_st4(KV_AT + v / (MDV / 4u) * SKV + v % (MDV / 4u) * 4u, vr[{x}]);
            }
        }
//#}
        // Publishes V and P, and whether any row's maximum moved.
        let rescale = workgroupUniformLoad(&wg.mrescale);
        if (lid == 0u) {
            atomicStore(&wg.mrescale, 0u);
        }
        if (rescale != 0u) {
            // The accumulators of every row times its alpha (1 where the maximum stayed), NN
            // column tiles at a time through the subgroup's rows of `ms` (S is no longer
            // needed).
//#for round in 0..NROUND {
//#for rb in 0..RB {
//#for c in 0..NN {
//#if round*NN+c<NVN {
            coopStoreT(o[{rb*NVN+round*NN+c}], &wg.ms[((sg * RS + {rb}u * CM) * SS + {c}u * CM) / HV], SS / HV);
//#}
//#}
//#}
            workgroupBarrier();
            for (var x = lid; x < MBQ * MBK; x += NT) {
                let at = x / MBK * SS + x % MBK;
                s_st(at, s_ld(at) * wg.mrow[x / MBK]);
            }
            workgroupBarrier();
//#for rb in 0..RB {
//#for c in 0..NN {
//#if round*NN+c<NVN {
            o[{rb*NVN+round*NN+c}] = coopLoadT<CoopC>(&wg.ms[((sg * RS + {rb}u * CM) * SS + {c}u * CM) / HV], SS / HV);
//#}
//#}
//#}
            workgroupBarrier();
//#}
        }
//#if PRE {
        if (pre && k0 + i32(MBK) < k_end) {
            let kn = kv + MBK * MD / 4u;
//#for x in 0..KPT {
            kr[{x}] = h_buf[kn + min(lid + {x}u * NT, MBK * MD / 4u - 1u)];
//#}
        }
//#}
        // O += P·V.
//#for kk in 0..NN {
//#for rb in 0..RB {
        {
            let pa = coopLoadT<CoopA>(&wg.mh[(P_AT + (sg * RS + {rb}u * CM) * SP + {kk}u * CM) / HV], SP / HV);
//#for n in 0..NVN {
            o[{rb*NVN+n}] = coopMultiplyAdd(pa, coopLoadT<CoopB>(&wg.mh[(KV_AT + {kk}u * CM * SKV + {n}u * CM) / HV], SKV / HV), o[{rb*NVN+n}]);
//#}
        }
//#}
//#}
        // Every subgroup is done with V and P before the next tile's K.
        workgroupBarrier();
    }

    // Epilogue: the row's denominator (both lanes, plus the sink's term), the output scale,
    // then the accumulators through `ms` to out_buf.
    let l_row = l_part + subgroupShuffleXor(l_part, 1u);
    if (part == 0u) {
        var m = select(MASKED, m_run * LN2, m_run > MASKED);
        var l = l_row;
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
        wg.mrow[er] = factor;
        if (ei < P.seq_q) {
            out_buf[P.lse_at + (b * P.heads_q + h) * P.seq_q + ei] = lse;
        }
    }
//#for round in 0..NROUND {
//#for rb in 0..RB {
//#for c in 0..NN {
//#if round*NN+c<NVN {
    coopStoreT(o[{rb*NVN+round*NN+c}], &wg.ms[((sg * RS + {rb}u * CM) * SS + {c}u * CM) / HV], SS / HV);
//#}
//#}
//#}
    workgroupBarrier();
    for (var x = lid; x < MBQ * MBK; x += NT) {
        let r = x / MBK;
        let c = {round}u * MBK + x % MBK;
        let i = i0 + r;
        if (i < P.seq_q && c < P.head_dim_v) {
            out_buf[((b * P.heads_q + h) * P.seq_q + i) * P.head_dim_v + c] =
                s_ld(r * SS + x % MBK) * wg.mrow[r];
        }
    }
    workgroupBarrier();
//#}
}
