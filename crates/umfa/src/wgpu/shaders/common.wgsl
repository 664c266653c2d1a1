// Shared by every kernel of the portable family: bindings, element loads, and the visibility and
// score rules of SPEC.md (the same model as `Problem::visible` / `Problem::additive_bias`).
//
// The host prepends `struct Params` (generated from the Rust struct, so the two cannot drift) and
// the accumulator sizes `NACC_*`. The matrix family replaces the `@operands` regions (it reads
// f16 copies of Q, K and V instead) or the `@out` region with its own declarations.
//
// Operands are staged byte for byte from the caller's strided views, so every load goes through
// 4-D element strides and the element's dtype: f32 as a word, f16 converted by bits,
// bf16 as the high half of an f32, u8 as a byte. Nothing here needs SHADER_F16.

@group(0) @binding(0) var<uniform> P: Params;
// @operands-begin
@group(0) @binding(1) var<storage, read> q_buf: array<u32>;
@group(0) @binding(2) var<storage, read> k_buf: array<u32>;
@group(0) @binding(3) var<storage, read> v_buf: array<u32>;
// @operands-end
@group(0) @binding(4) var<storage, read> mask_buf: array<u32>;
@group(0) @binding(5) var<storage, read> blocks_buf: array<u32>;
// f32: ALiBi slopes `[B, Hq]` at `alibi_at`, sink logits `[Hq]` at `sinks_at`.
@group(0) @binding(6) var<storage, read> aux_buf: array<f32>;
// @operands-begin
@group(0) @binding(7) var<storage, read> do_buf: array<u32>;
@group(0) @binding(8) var<storage, read> o_buf: array<u32>;
// @operands-end
// f32 per query row: LSE at 0, delta = rowsum(dO * O) - dLSE at `delta_at`.
@group(0) @binding(9) var<storage, read_write> rows_buf: array<f32>;
// f32 results, contiguous; the host rounds and scatters them into the caller's views.
// @out-begin
@group(0) @binding(10) var<storage, read_write> out_buf: array<f32>;
// @out-end

const DT_F32: i32 = 0;
const DT_F16: i32 = 1;
const DT_BF16: i32 = 2;
const DT_U8: i32 = 3;

// Scores at or below this are masked. Finite on purpose: WGSL has no infinite literals and
// Metal's fast math may not honour infinities; additive masks of -inf still land here.
const MASKED: f32 = -1.0e38;

// Operand ids for `ld`.
const OP_Q: u32 = 0u;
const OP_K: u32 = 1u;
const OP_V: u32 = 2u;
const OP_DO: u32 = 3u;

const CLASS_EMPTY: u32 = 0u;
const CLASS_FULL: u32 = 2u;

const MASK_NONE: i32 = 0;
const MASK_BOOL: i32 = 1;
const MASK_ADDITIVE: i32 = 2;

fn word_of(dt: i32, e: i32) -> i32 {
    switch dt {
        case 1, 2: { return e >> 1u; }
        case 3: { return e >> 2u; }
        default: { return e; }
    }
}

// IEEE half to f32 by bits: `unpack2x16float` would need naga's SHADER_FLOAT16_IN_FLOAT32.
fn half_to_f32(h: u32) -> f32 {
    let sign = (h & 0x8000u) << 16u;
    let exponent = (h >> 10u) & 0x1fu;
    let mantissa = h & 0x3ffu;
    if (exponent == 0u) {
        // Zero or subnormal: mantissa * 2^-24.
        let x = f32(mantissa) * 5.9604645e-8;
        return select(x, -x, sign != 0u);
    }
    if (exponent == 31u) {
        return bitcast<f32>(sign | 0x7f800000u | (mantissa << 13u));
    }
    return bitcast<f32>(sign | ((exponent + 112u) << 23u) | (mantissa << 13u));
}

fn decode(dt: i32, w: u32, e: i32) -> f32 {
    switch dt {
        case 1: { return half_to_f32((w >> (16u * u32(e & 1))) & 0xffffu); }
        case 2: { return bitcast<f32>((w >> (16u * u32(e & 1))) << 16u); }
        case 3: { return f32((w >> (8u * u32(e & 3))) & 0xffu); }
        default: { return bitcast<f32>(w); }
    }
}

// @operands-begin
fn ld_q(e: i32) -> f32 { return decode(P.q_dtype, q_buf[word_of(P.q_dtype, e)], e); }
fn ld_k(e: i32) -> f32 { return decode(P.k_dtype, k_buf[word_of(P.k_dtype, e)], e); }
fn ld_v(e: i32) -> f32 { return decode(P.v_dtype, v_buf[word_of(P.v_dtype, e)], e); }
fn ld_do(e: i32) -> f32 { return decode(P.do_dtype, do_buf[word_of(P.do_dtype, e)], e); }
fn ld_o(e: i32) -> f32 { return decode(P.o_dtype, o_buf[word_of(P.o_dtype, e)], e); }
// @operands-end
fn ld_mask(e: i32) -> f32 { return decode(P.mask_dtype, mask_buf[word_of(P.mask_dtype, e)], e); }
fn ld_class(e: i32) -> u32 { return (blocks_buf[e >> 2u] >> (8u * u32(e & 3))) & 0xffu; }

// @operands-begin
// Element (b, h, r, c) of operand `op`, as f32; `h` is the operand's own head (the kv head for
// K and V).
fn ld(op: u32, b: u32, h: u32, r: u32, c: u32) -> f32 {
    let bi = i32(b);
    let hi = i32(h);
    let ri = i32(r);
    let ci = i32(c);
    switch op {
        case 0u: { return ld_q(P.q_base + bi * P.q_sb + hi * P.q_sh + ri * P.q_ss + ci * P.q_sd); }
        case 1u: { return ld_k(P.k_base + bi * P.k_sb + hi * P.k_sh + ri * P.k_ss + ci * P.k_sd); }
        case 2u: { return ld_v(P.v_base + bi * P.v_sb + hi * P.v_sh + ri * P.v_ss + ci * P.v_sd); }
        default: { return ld_do(P.do_base + bi * P.do_sb + hi * P.do_sh + ri * P.do_ss + ci * P.do_sd); }
    }
}

fn ld_out_grad_o(b: u32, h: u32, r: u32, c: u32) -> f32 {
    return ld_o(P.o_base + i32(b) * P.o_sb + i32(h) * P.o_sh + i32(r) * P.o_ss + i32(c) * P.o_sd);
}
// @operands-end

fn mask_value(b: u32, h: u32, i: u32, j: u32) -> f32 {
    return ld_mask(P.mask_base + i32(b) * P.mask_sb + i32(h) * P.mask_sh + i32(i) * P.mask_ss
        + i32(j) * P.mask_sd);
}

// Whether key j is visible to query row i of (b, h): the band, then the block mask (Empty hides,
// Full skips the boolean mask), then the boolean mask. Out-of-range rows and keys are invisible.
fn visible(b: u32, h: u32, i: u32, j: u32) -> bool {
    if (i >= P.seq_q || j >= P.seq_kv) {
        return false;
    }
    let d = i32(j) - i32(i);
    if (P.has_band_lo != 0 && d < P.band_lo) {
        return false;
    }
    if (P.has_band_hi != 0 && d > P.band_hi) {
        return false;
    }
    var read_bool = P.mask_kind == MASK_BOOL;
    if (P.has_blocks != 0) {
        let e = P.blocks_base + i32(b) * P.blocks_sb + i32(h) * P.blocks_sh
            + i32(i / P.block_q) * P.blocks_ss + i32(j / P.block_k) * P.blocks_sd;
        let block_class = ld_class(e);
        if (block_class == CLASS_EMPTY) {
            return false;
        }
        if (block_class == CLASS_FULL) {
            read_bool = false;
        }
    }
    if (read_bool) {
        return mask_value(b, h, i, j) != 0.0;
    }
    return true;
}

// The score of a visible (i, j) from its raw dot product: scale, softcap, ALiBi, additive mask.
// Returns (score, d score / d raw dot) — the second is the softcap's derivative times the scale.
// A score pushed to -inf by the additive mask comes back as MASKED.
// Whether every score of the problem is the plain scaled dot product: no mask, block mask,
// ALiBi or softcap (the band and the sequence ends aside), so that tiles clear of both may skip
// `visible` and `score`.
fn plain_scores() -> bool {
    return P.mask_kind == MASK_NONE && P.has_blocks == 0 && P.has_alibi == 0u && P.softcap == 0.0;
}

fn score(b: u32, h: u32, i: u32, j: u32, dot: f32) -> vec2<f32> {
    var s = P.scale * dot;
    var ds = P.scale;
    if (P.softcap > 0.0) {
        let t = tanh(s / P.softcap);
        s = P.softcap * t;
        ds = P.scale * (1.0 - t * t);
    }
    if (P.has_alibi != 0) {
        let slope = aux_buf[P.alibi_at + b * P.heads_q + h];
        s -= slope * abs(f32(i32(j) - (i32(i) + P.diag)));
    }
    if (P.mask_kind == MASK_ADDITIVE) {
        s += mask_value(b, h, i, j);
    }
    if (!(s > MASKED)) {
        // -inf (or NaN from -inf arithmetic) from the additive mask: masked.
        s = MASKED;
    }
    return vec2<f32>(s, ds);
}

fn sink_of(h: u32) -> f32 {
    return aux_buf[P.sinks_at + h];
}
