// language: metal3.1
#include <metal_stdlib>
#include <simd/simd.h>

using metal::uint;

struct _mslBufferSizes {
    uint size1;
    uint size2;
    uint size3;
    uint size4;
    uint size5;
    uint size6;
};

struct Params {
    uint batch;
    uint heads_q;
    uint heads_kv;
    uint seq_q;
    uint seq_kv;
    uint head_dim;
    uint head_dim_v;
    uint group;
    float scale;
    float softcap;
    int diag;
    int has_band_lo;
    int band_lo;
    int has_band_hi;
    int band_hi;
    uint has_alibi;
    uint alibi_at;
    uint has_sinks;
    uint sinks_at;
    uint lse_at;
    uint delta_at;
    uint dv_at;
    int mask_kind;
    int has_blocks;
    uint block_q;
    uint block_k;
    uint mask_nb;
    uint mask_nh;
    uint mask_ni;
    uint mask_nj;
    int q_dtype;
    int k_dtype;
    int v_dtype;
    int do_dtype;
    int o_dtype;
    int mask_dtype;
    int q_base;
    int q_sb;
    int q_sh;
    int q_ss;
    int q_sd;
    int k_base;
    int k_sb;
    int k_sh;
    int k_ss;
    int k_sd;
    int v_base;
    int v_sb;
    int v_sh;
    int v_ss;
    int v_sd;
    int do_base;
    int do_sb;
    int do_sh;
    int do_ss;
    int do_sd;
    int o_base;
    int o_sb;
    int o_sh;
    int o_ss;
    int o_sd;
    int mask_base;
    int mask_sb;
    int mask_sh;
    int mask_ss;
    int mask_sd;
    int blocks_base;
    int blocks_sb;
    int blocks_sh;
    int blocks_ss;
    int blocks_sd;
};
typedef half HT;
typedef float ST;
typedef metal::simdgroup_half8x8 CoopA;
typedef metal::simdgroup_half8x8 CoopB;
typedef metal::simdgroup_float8x8 CoopC;
typedef uint type_4[1];
typedef float type_5[1];
typedef metal::half4 type_9[1];
struct type_10 {
    half inner[9472];
};
struct type_11 {
    float inner[768];
};
struct type_12 {
    float inner[64];
};
struct type_13 {
    float inner[16];
};
struct Shared {
    type_10 mh;
    type_11 ms;
    type_12 mzero;
    type_13 mlse;
    type_13 mdelta;
};
struct type_15 {
    CoopC inner[32];
};
struct type_16 {
    CoopC inner[4];
};
constant uint CM = 8u;
constant uint MD = 128u;
constant uint MDV = 128u;
constant uint NSG = 1u;
constant uint NT = 32u;
constant uint HV = 1u;
constant uint MO = 16u;
constant uint MSR = 16u;
constant uint MBQ = 16u;
constant uint MBK = 16u;
constant uint SQ = 136u;
constant uint SV = 136u;
constant uint SPS = 24u;
constant uint SS = 24u;
constant uint OA_AT = 0u;
constant uint OB_AT = 2176u;
constant uint SA_AT = 4352u;
constant uint SB_AT = 6528u;
constant uint P_AT = 8704u;
constant uint DS_AT = 9088u;
constant uint ARENA = 9472u;
constant uint DP_AT = 384u;
constant uint MS_LEN = 768u;
constant int DT_F32_ = 0;
constant int DT_F16_ = 1;
constant int DT_BF16_ = 2;
constant int DT_U8_ = 3;
constant float MASKED = -100000000000000000000000000000000000000.0;
constant uint OP_Q = 0u;
constant uint OP_K = 1u;
constant uint OP_V = 2u;
constant uint OP_DO = 3u;
constant uint CLASS_EMPTY = 0u;
constant uint CLASS_FULL = 2u;
constant int MASK_NONE = 0;
constant int MASK_BOOL = 1;
constant int MASK_ADDITIVE = 2;
constant uint RS = 16u;

int word_of(
    int dt,
    int e_1
) {
    switch(dt) {
        case 1:
        case 2: {
            return e_1 >> 1u;
        }
        case 3: {
            return e_1 >> 2u;
        }
        default: {
            return e_1;
        }
    }
}

float half_to_f32_(
    uint h_1
) {
    uint sign = (h_1 & 32768u) << 16u;
    uint exponent = (h_1 >> 10u) & 31u;
    uint mantissa = h_1 & 1023u;
    if (exponent == 0u) {
        float x_18 = static_cast<float>(mantissa) * 0.000000059604645;
        return (sign != 0u) ? -(x_18) : x_18;
    }
    if (exponent == 31u) {
        return as_type<float>((sign | 2139095040u) | (mantissa << 13u));
    }
    return as_type<float>((sign | ((exponent + 112u) << 23u)) | (mantissa << 13u));
}

float decode(
    int dt_1,
    uint w,
    int e_2
) {
    switch(dt_1) {
        case 1: {
            float _e11 = half_to_f32_((w >> (16u * static_cast<uint>(e_2 & 1))) & 65535u);
            return _e11;
        }
        case 2: {
            return as_type<float>((w >> (16u * static_cast<uint>(e_2 & 1))) << 16u);
        }
        case 3: {
            return static_cast<float>((w >> (8u * static_cast<uint>(e_2 & 3))) & 255u);
        }
        default: {
            return as_type<float>(w);
        }
    }
}

float ld_mask(
    int e_3,
    constant Params& P,
    device type_4 const& mask_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.mask_dtype;
    int _e7 = P.mask_dtype;
    int _e8 = word_of(_e7, e_3);
    uint _e10 = mask_buf[_e8];
    float _e11 = decode(_e3, _e10, e_3);
    return _e11;
}

uint ld_class(
    int e_4,
    device type_4 const& blocks_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint _e5 = blocks_buf[e_4 >> 2u];
    return (_e5 >> (8u * static_cast<uint>(e_4 & 3))) & 255u;
}

float mask_value(
    uint b,
    uint h_2,
    uint i,
    uint j,
    constant Params& P,
    device type_4 const& mask_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e6 = P.mask_base;
    int _e10 = P.mask_sb;
    int _e16 = P.mask_sh;
    int _e22 = P.mask_ss;
    int _e28 = P.mask_sd;
    float _e31 = ld_mask(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e6) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b)) * as_type<uint>(_e10))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_2)) * as_type<uint>(_e16))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(i)) * as_type<uint>(_e22))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(j)) * as_type<uint>(_e28)))), P, mask_buf, _buffer_sizes);
    return _e31;
}

uint naga_div(uint lhs, uint rhs) {
    return lhs / metal::select(rhs, 1u, rhs == 0u);
}

bool visible(
    uint b_1,
    uint h_3,
    uint i_1,
    uint j_1,
    constant Params& P,
    device type_4 const& mask_buf,
    device type_4 const& blocks_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    bool local_27 = {};
    bool local_28 = {};
    bool local_29 = {};
    bool read_bool = {};
    uint _e6 = P.seq_q;
    if (!((i_1 >= _e6))) {
        uint _e13 = P.seq_kv;
        local_27 = j_1 >= _e13;
    } else {
        local_27 = true;
    }
    bool _e16 = local_27;
    if (_e16) {
        return false;
    }
    int d = as_type<int>(as_type<uint>(static_cast<int>(j_1)) - as_type<uint>(static_cast<int>(i_1)));
    int _e23 = P.has_band_lo;
    if (_e23 != 0) {
        int _e30 = P.band_lo;
        local_28 = d < _e30;
    } else {
        local_28 = false;
    }
    bool _e33 = local_28;
    if (_e33) {
        return false;
    }
    int _e37 = P.has_band_hi;
    if (_e37 != 0) {
        int _e44 = P.band_hi;
        local_29 = d > _e44;
    } else {
        local_29 = false;
    }
    bool _e47 = local_29;
    if (_e47) {
        return false;
    }
    int _e51 = P.mask_kind;
    read_bool = _e51 == MASK_BOOL;
    int _e57 = P.has_blocks;
    if (_e57 != 0) {
        int _e62 = P.blocks_base;
        int _e66 = P.blocks_sb;
        int _e72 = P.blocks_sh;
        uint _e77 = P.block_q;
        int _e82 = P.blocks_ss;
        uint _e87 = P.block_k;
        int _e92 = P.blocks_sd;
        int e_5 = as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e62) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b_1)) * as_type<uint>(_e66))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_3)) * as_type<uint>(_e72))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(i_1, _e77))) * as_type<uint>(_e82))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(j_1, _e87))) * as_type<uint>(_e92))));
        uint _e95 = ld_class(e_5, blocks_buf, _buffer_sizes);
        if (_e95 == CLASS_EMPTY) {
            return false;
        }
        if (_e95 == CLASS_FULL) {
            read_bool = false;
        }
    }
    bool _e102 = read_bool;
    if (_e102) {
        float _e103 = mask_value(b_1, h_3, i_1, j_1, P, mask_buf, _buffer_sizes);
        return _e103 != 0.0;
    }
    return true;
}

metal::float2 score(
    uint b_2,
    uint h_4,
    uint i_2,
    uint j_2,
    float dot,
    constant Params& P,
    device type_4 const& mask_buf,
    device type_5 const& aux_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    float s = {};
    float ds_1 = {};
    float _e7 = P.scale;
    s = _e7 * dot;
    float _e12 = P.scale;
    ds_1 = _e12;
    float _e16 = P.softcap;
    if (_e16 > 0.0) {
        float _e19 = s;
        float _e22 = P.softcap;
        float t = metal::tanh(_e19 / _e22);
        float _e27 = P.softcap;
        s = _e27 * t;
        float _e31 = P.scale;
        ds_1 = _e31 * (1.0 - (t * t));
    }
    uint _e38 = P.has_alibi;
    if (_e38 != 0u) {
        uint _e44 = P.alibi_at;
        uint _e47 = P.heads_q;
        float slope = aux_buf[(_e44 + (b_2 * _e47)) + h_4];
        float _e53 = s;
        int _e58 = P.diag;
        s = _e53 - (slope * metal::abs(static_cast<float>(as_type<int>(as_type<uint>(static_cast<int>(j_2)) - as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(i_2)) + as_type<uint>(_e58)))))));
    }
    int _e67 = P.mask_kind;
    if (_e67 == MASK_ADDITIVE) {
        float _e70 = s;
        float _e71 = mask_value(b_2, h_4, i_2, j_2, P, mask_buf, _buffer_sizes);
        s = _e70 + _e71;
    }
    float _e73 = s;
    if (!((_e73 > MASKED))) {
        s = MASKED;
    }
    float _e78 = s;
    float _e79 = ds_1;
    return metal::float2(_e78, _e79);
}

float sink_of(
    uint h_5,
    constant Params& P,
    device type_5 const& aux_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint _e4 = P.sinks_at;
    float _e7 = aux_buf[_e4 + h_5];
    return _e7;
}

uint m_sqp(
    constant Params& P
) {
    uint _e2 = P.seq_q;
    return naga_div((_e2 + MBQ) - 1u, MBQ) * MBQ;
}

uint m_skp(
    constant Params& P
) {
    uint _e2 = P.seq_kv;
    return naga_div((_e2 + MBK) - 1u, MBK) * MBK;
}

uint m_nq(
    constant Params& P
) {
    uint _e2 = P.batch;
    uint _e5 = P.heads_q;
    uint _e7 = m_sqp(P);
    return ((_e2 * _e5) * _e7) * 32u;
}

uint m_nk(
    constant Params& P
) {
    uint _e2 = P.batch;
    uint _e5 = P.heads_kv;
    uint _e7 = m_skp(P);
    return ((_e2 * _e5) * _e7) * 32u;
}

uint m_nv(
    constant Params& P
) {
    uint _e2 = P.batch;
    uint _e5 = P.heads_kv;
    uint _e7 = m_skp(P);
    return ((_e2 * _e5) * _e7) * 32u;
}

uint m_q_row(
    uint bh,
    uint r,
    constant Params& P
) {
    uint _e2 = m_sqp(P);
    return ((bh * _e2) + r) * 32u;
}

uint m_k_row(
    uint bhk,
    uint j_3,
    constant Params& P
) {
    uint _e2 = m_nq(P);
    uint _e3 = m_skp(P);
    return _e2 + (((bhk * _e3) + j_3) * 32u);
}

uint m_v_row(
    uint bhk_1,
    uint j_4,
    constant Params& P
) {
    uint _e2 = m_nq(P);
    uint _e3 = m_nk(P);
    uint _e5 = m_skp(P);
    return (_e2 + _e3) + (((bhk_1 * _e5) + j_4) * 32u);
}

uint m_ndo(
    constant Params& P
) {
    uint _e2 = P.batch;
    uint _e5 = P.heads_q;
    uint _e7 = m_sqp(P);
    return ((_e2 * _e5) * _e7) * 32u;
}

uint m_do_row(
    uint bh_1,
    uint r_1,
    constant Params& P
) {
    uint _e2 = m_nq(P);
    uint _e3 = m_nk(P);
    uint _e5 = m_nv(P);
    uint _e7 = m_sqp(P);
    return ((_e2 + _e3) + _e5) + (((bh_1 * _e7) + r_1) * 32u);
}

void h_st4_(
    uint at,
    metal::half4 v,
    threadgroup Shared& wg
) {
    wg.mh.inner[at] = v.x;
    wg.mh.inner[at + 1u] = v.y;
    wg.mh.inner[at + 2u] = v.z;
    wg.mh.inner[at + 3u] = v.w;
    return;
}

half h_ld(
    uint at_1,
    threadgroup Shared& wg
) {
    half _e4 = wg.mh.inner[at_1];
    return _e4;
}

float s_ld(
    uint at_2,
    threadgroup Shared& wg
) {
    float _e4 = wg.ms.inner[at_2];
    return _e4;
}

void s_st(
    uint at_3,
    float v_1,
    threadgroup Shared& wg
) {
    wg.ms.inner[at_3] = v_1;
    return;
}

uint naga_mod(uint lhs, uint rhs) {
    return lhs % metal::select(rhs, 1u, rhs == 0u);
}

void stage_rows(
    uint lid_1,
    uint src,
    uint rows,
    uint w4_,
    uint at_4,
    uint stride,
    device type_9 const& h_buf,
    threadgroup Shared& wg,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint v_2 = {};
    v_2 = lid_1;
    uint2 loop_bound = uint2(4294967295u);
    bool loop_init = true;
    while(true) {
        if (metal::all(loop_bound == uint2(0u))) { break; }
        loop_bound -= uint2(loop_bound.y == 0u, 1u);
        if (!loop_init) {
            uint _e24 = v_2;
            v_2 = _e24 + NT;
        }
        loop_init = false;
        uint _e7 = v_2;
        if (_e7 < (rows * w4_)) {
        } else {
            break;
        }
        {
            uint _e10 = v_2;
            uint _e14 = v_2;
            uint _e20 = v_2;
            metal::half4 _e23 = h_buf[src + _e20];
            h_st4_((at_4 + (naga_div(_e10, w4_) * stride)) + (naga_mod(_e14, w4_) * 4u), _e23, wg);
        }
    }
    return;
}
int naga_div(int lhs, int rhs) {
    return lhs / metal::select(rhs, 1, (lhs == (-2147483647 - 1) & rhs == -1) | (rhs == 0));
}

metal::simdgroup_float8x8 NagaCooperativeLoad(const threadgroup float* ptr, int stride, bool is_row_major) {
    metal::simdgroup_float8x8 m;
    simdgroup_load(m, ptr, stride, 0, is_row_major);
    return m;
}

metal::simdgroup_half8x8 NagaCooperativeLoad(const threadgroup half* ptr, int stride, bool is_row_major) {
    metal::simdgroup_half8x8 m;
    simdgroup_load(m, ptr, stride, 0, is_row_major);
    return m;
}

metal::simdgroup_float8x8 NagaCooperativeMultiplyAdd(const thread metal::simdgroup_half8x8& a, const thread metal::simdgroup_half8x8& b, const thread metal::simdgroup_float8x8& c) {
    metal::simdgroup_float8x8 d;
    simdgroup_multiply_accumulate(d,a,b,c);
    return d;
}


struct backward_matrix_dkdvInput {
};
[[max_total_threads_per_threadgroup(32)]] kernel void backward_matrix_dkdv(
  uint lid [[thread_index_in_threadgroup]]
, metal::uint3 wid [[threadgroup_position_in_grid]]
, uint sg [[simdgroup_index_in_threadgroup]]
, uint lane [[thread_index_in_simdgroup]]
, constant Params& P [[user(fake0)]]
, device type_4 const& mask_buf [[user(fake0)]]
, device type_4 const& blocks_buf [[user(fake0)]]
, device type_5 const& aux_buf [[user(fake0)]]
, device type_5 const& rows_buf [[user(fake0)]]
, device type_5& out_buf [[user(fake0)]]
, device type_9 const& h_buf [[user(fake0)]]
, threadgroup Shared& wg
, constant _mslBufferSizes& _buffer_sizes [[user(fake0)]]
) {
    if (lid == 0u) {
        wg = {};
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    bool local = {};
    bool local_1 = {};
    bool local_2 = {};
    uint x = {};
    int s_begin = 0;
    int s_end = {};
    type_15 acc_k = {};
    type_15 acc_v = {};
    uint h = {};
    int t0_ = {};
    uint x_1 = {};
    float lse = {};
    float delta = {};
    type_16 xa = {};
    type_16 dxa = {};
    bool local_3 = {};
    bool local_4 = {};
    bool local_5 = {};
    bool local_6 = {};
    bool local_7 = {};
    bool local_8 = {};
    uint e = {};
    float p = {};
    float ds = {};
    bool local_9 = {};
    bool local_10 = {};
    uint x_2 = {};
    bool local_11 = {};
    uint x_3 = {};
    bool local_12 = {};
    uint x_4 = {};
    bool local_13 = {};
    uint x_5 = {};
    bool local_14 = {};
    uint x_6 = {};
    bool local_15 = {};
    uint x_7 = {};
    bool local_16 = {};
    uint x_8 = {};
    bool local_17 = {};
    uint x_9 = {};
    bool local_18 = {};
    uint x_10 = {};
    bool local_19 = {};
    uint x_11 = {};
    bool local_20 = {};
    uint x_12 = {};
    bool local_21 = {};
    uint x_13 = {};
    bool local_22 = {};
    uint x_14 = {};
    bool local_23 = {};
    uint x_15 = {};
    bool local_24 = {};
    uint x_16 = {};
    bool local_25 = {};
    uint x_17 = {};
    bool local_26 = {};
    uint b_3 = wid.z;
    uint c_lo = wid.x * MO;
    uint part = naga_mod(lane, 2u);
    uint er = (sg * RS) + naga_div(lane, 2u);
    int _e17 = P.mask_kind;
    if (_e17 == MASK_NONE) {
        int _e24 = P.has_blocks;
        local = _e24 == 0;
    } else {
        local = false;
    }
    bool _e28 = local;
    if (_e28) {
        uint _e33 = P.has_alibi;
        local_1 = _e33 == 0u;
    } else {
        local_1 = false;
    }
    bool _e37 = local_1;
    if (_e37) {
        float _e42 = P.softcap;
        local_2 = _e42 == 0.0;
    } else {
        local_2 = false;
    }
    bool plain = local_2;
    x = lid;
    uint2 loop_bound_1 = uint2(4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (metal::all(loop_bound_1 == uint2(0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e56 = x;
            x = _e56 + NT;
        }
        loop_init_1 = false;
        uint _e48 = x;
        if (_e48 < 64u) {
        } else {
            break;
        }
        {
            uint _e53 = x;
            wg.mzero.inner[_e53] = 0.0;
        }
    }
    uint hk = wid.y;
    uint own_len = P.seq_kv;
    uint _e65 = P.heads_kv;
    uint _e68 = m_k_row((b_3 * _e65) + hk, c_lo, P);
    stage_rows(lid, _e68, MO, 32u, OA_AT, SQ, h_buf, wg, _buffer_sizes);
    uint _e75 = P.heads_kv;
    uint _e78 = m_v_row((b_3 * _e75) + hk, c_lo, P);
    stage_rows(lid, _e78, MO, 32u, OB_AT, SV, h_buf, wg, _buffer_sizes);
    uint _e87 = P.seq_kv;
    uint last_key = metal::min(c_lo + MO, _e87) - 1u;
    uint _e95 = P.seq_q;
    s_end = static_cast<int>(_e95);
    int _e100 = P.has_band_hi;
    if (_e100 != 0) {
        int _e107 = P.band_hi;
        s_begin = metal::max(0, as_type<int>(as_type<uint>(static_cast<int>(c_lo)) - as_type<uint>(_e107)));
    }
    int _e112 = P.has_band_lo;
    if (_e112 != 0) {
        int _e115 = s_end;
        int _e119 = P.band_lo;
        s_end = metal::min(_e115, as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(last_key)) - as_type<uint>(_e119))) + as_type<uint>(1)));
    }
    int _e124 = s_begin;
    s_begin = as_type<int>(as_type<uint>(naga_div(_e124, 16)) * as_type<uint>(16));
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    metal::simdgroup_float8x8 zero = NagaCooperativeLoad(&wg.mzero.inner[0], CM, false);
    acc_k.inner[0] = zero;
    acc_k.inner[1] = zero;
    acc_k.inner[2] = zero;
    acc_k.inner[3] = zero;
    acc_k.inner[4] = zero;
    acc_k.inner[5] = zero;
    acc_k.inner[6] = zero;
    acc_k.inner[7] = zero;
    acc_k.inner[8] = zero;
    acc_k.inner[9] = zero;
    acc_k.inner[10] = zero;
    acc_k.inner[11] = zero;
    acc_k.inner[12] = zero;
    acc_k.inner[13] = zero;
    acc_k.inner[14] = zero;
    acc_k.inner[15] = zero;
    acc_k.inner[16] = zero;
    acc_k.inner[17] = zero;
    acc_k.inner[18] = zero;
    acc_k.inner[19] = zero;
    acc_k.inner[20] = zero;
    acc_k.inner[21] = zero;
    acc_k.inner[22] = zero;
    acc_k.inner[23] = zero;
    acc_k.inner[24] = zero;
    acc_k.inner[25] = zero;
    acc_k.inner[26] = zero;
    acc_k.inner[27] = zero;
    acc_k.inner[28] = zero;
    acc_k.inner[29] = zero;
    acc_k.inner[30] = zero;
    acc_k.inner[31] = zero;
    acc_v.inner[0] = zero;
    acc_v.inner[1] = zero;
    acc_v.inner[2] = zero;
    acc_v.inner[3] = zero;
    acc_v.inner[4] = zero;
    acc_v.inner[5] = zero;
    acc_v.inner[6] = zero;
    acc_v.inner[7] = zero;
    acc_v.inner[8] = zero;
    acc_v.inner[9] = zero;
    acc_v.inner[10] = zero;
    acc_v.inner[11] = zero;
    acc_v.inner[12] = zero;
    acc_v.inner[13] = zero;
    acc_v.inner[14] = zero;
    acc_v.inner[15] = zero;
    acc_v.inner[16] = zero;
    acc_v.inner[17] = zero;
    acc_v.inner[18] = zero;
    acc_v.inner[19] = zero;
    acc_v.inner[20] = zero;
    acc_v.inner[21] = zero;
    acc_v.inner[22] = zero;
    acc_v.inner[23] = zero;
    acc_v.inner[24] = zero;
    acc_v.inner[25] = zero;
    acc_v.inner[26] = zero;
    acc_v.inner[27] = zero;
    acc_v.inner[28] = zero;
    acc_v.inner[29] = zero;
    acc_v.inner[30] = zero;
    acc_v.inner[31] = zero;
    uint _e202 = P.group;
    h = hk * _e202;
    uint2 loop_bound_2 = uint2(4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (metal::all(loop_bound_2 == uint2(0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e3986 = h;
            h = _e3986 + 1u;
        }
        loop_init_2 = false;
        uint _e205 = h;
        uint _e210 = P.group;
        if (_e205 < ((hk + 1u) * _e210)) {
        } else {
            break;
        }
        {
            int _e213 = s_begin;
            t0_ = _e213;
            uint2 loop_bound_3 = uint2(4294967295u);
            bool loop_init_3 = true;
            while(true) {
                if (metal::all(loop_bound_3 == uint2(0u))) { break; }
                loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
                if (!loop_init_3) {
                    int _e3982 = t0_;
                    t0_ = as_type<int>(as_type<uint>(_e3982) + as_type<uint>(16));
                }
                loop_init_3 = false;
                int _e215 = t0_;
                int _e216 = s_end;
                if (_e215 < _e216) {
                } else {
                    break;
                }
                {
                    int _e218 = t0_;
                    uint r_lo = static_cast<uint>(_e218);
                    uint _e222 = P.heads_q;
                    uint _e224 = h;
                    uint _e226 = m_q_row((b_3 * _e222) + _e224, r_lo, P);
                    stage_rows(lid, _e226, MSR, 32u, SA_AT, SQ, h_buf, wg, _buffer_sizes);
                    uint _e233 = P.heads_q;
                    uint _e235 = h;
                    uint _e237 = m_do_row((b_3 * _e233) + _e235, r_lo, P);
                    stage_rows(lid, _e237, MSR, 32u, SB_AT, SV, h_buf, wg, _buffer_sizes);
                    x_1 = lid;
                    uint2 loop_bound_4 = uint2(4294967295u);
                    bool loop_init_4 = true;
                    while(true) {
                        if (metal::all(loop_bound_4 == uint2(0u))) { break; }
                        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
                        if (!loop_init_4) {
                            uint _e289 = x_1;
                            x_1 = _e289 + NT;
                        }
                        loop_init_4 = false;
                        uint _e243 = x_1;
                        if (_e243 < MSR) {
                        } else {
                            break;
                        }
                        {
                            lse = MASKED;
                            delta = 0.0;
                            uint _e250 = x_1;
                            uint _e254 = P.seq_q;
                            if ((r_lo + _e250) < _e254) {
                                uint _e258 = P.heads_q;
                                uint _e260 = h;
                                uint _e264 = P.seq_q;
                                uint _e267 = x_1;
                                uint row = ((((b_3 * _e258) + _e260) * _e264) + r_lo) + _e267;
                                float _e271 = rows_buf[row];
                                lse = _e271;
                                uint _e275 = P.delta_at;
                                float _e278 = rows_buf[_e275 + row];
                                delta = _e278;
                            }
                            uint _e281 = x_1;
                            float _e283 = lse;
                            wg.mlse.inner[_e281] = _e283;
                            uint _e286 = x_1;
                            float _e288 = delta;
                            wg.mdelta.inner[_e286] = _e288;
                        }
                    }
                    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                    xa = type_16 {};
                    dxa = type_16 {};
                    xa.inner[0] = zero;
                    dxa.inner[0] = zero;
                    xa.inner[1] = zero;
                    dxa.inner[1] = zero;
                    xa.inner[2] = zero;
                    dxa.inner[2] = zero;
                    xa.inner[3] = zero;
                    dxa.inner[3] = zero;
                    {
                        metal::simdgroup_half8x8 a = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 0u], SQ, false);
                        CoopC _e326 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, true), _e326);
                        CoopC _e335 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, true), _e335);
                    }
                    {
                        metal::simdgroup_half8x8 a_1 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 0u], SQ, false);
                        CoopC _e359 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_1, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, true), _e359);
                        CoopC _e368 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_1, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, true), _e368);
                    }
                    {
                        metal::simdgroup_half8x8 a_2 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 8u], SQ, false);
                        CoopC _e392 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_2, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, true), _e392);
                        CoopC _e401 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_2, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, true), _e401);
                    }
                    {
                        metal::simdgroup_half8x8 a_3 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 8u], SQ, false);
                        CoopC _e425 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_3, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, true), _e425);
                        CoopC _e434 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_3, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, true), _e434);
                    }
                    {
                        metal::simdgroup_half8x8 a_4 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 16u], SQ, false);
                        CoopC _e458 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_4, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, true), _e458);
                        CoopC _e467 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_4, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, true), _e467);
                    }
                    {
                        metal::simdgroup_half8x8 a_5 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 16u], SQ, false);
                        CoopC _e491 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_5, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, true), _e491);
                        CoopC _e500 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_5, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, true), _e500);
                    }
                    {
                        metal::simdgroup_half8x8 a_6 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 24u], SQ, false);
                        CoopC _e524 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_6, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, true), _e524);
                        CoopC _e533 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_6, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, true), _e533);
                    }
                    {
                        metal::simdgroup_half8x8 a_7 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 24u], SQ, false);
                        CoopC _e557 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_7, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, true), _e557);
                        CoopC _e566 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_7, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, true), _e566);
                    }
                    {
                        metal::simdgroup_half8x8 a_8 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 32u], SQ, false);
                        CoopC _e590 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_8, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, true), _e590);
                        CoopC _e599 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_8, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, true), _e599);
                    }
                    {
                        metal::simdgroup_half8x8 a_9 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 32u], SQ, false);
                        CoopC _e623 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_9, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, true), _e623);
                        CoopC _e632 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_9, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, true), _e632);
                    }
                    {
                        metal::simdgroup_half8x8 a_10 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 40u], SQ, false);
                        CoopC _e656 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_10, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, true), _e656);
                        CoopC _e665 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_10, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, true), _e665);
                    }
                    {
                        metal::simdgroup_half8x8 a_11 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 40u], SQ, false);
                        CoopC _e689 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_11, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, true), _e689);
                        CoopC _e698 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_11, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, true), _e698);
                    }
                    {
                        metal::simdgroup_half8x8 a_12 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 48u], SQ, false);
                        CoopC _e722 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_12, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, true), _e722);
                        CoopC _e731 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_12, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, true), _e731);
                    }
                    {
                        metal::simdgroup_half8x8 a_13 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 48u], SQ, false);
                        CoopC _e755 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_13, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, true), _e755);
                        CoopC _e764 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_13, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, true), _e764);
                    }
                    {
                        metal::simdgroup_half8x8 a_14 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 56u], SQ, false);
                        CoopC _e788 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_14, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, true), _e788);
                        CoopC _e797 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_14, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, true), _e797);
                    }
                    {
                        metal::simdgroup_half8x8 a_15 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 56u], SQ, false);
                        CoopC _e821 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_15, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, true), _e821);
                        CoopC _e830 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_15, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, true), _e830);
                    }
                    {
                        metal::simdgroup_half8x8 a_16 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 64u], SQ, false);
                        CoopC _e854 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_16, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, true), _e854);
                        CoopC _e863 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_16, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, true), _e863);
                    }
                    {
                        metal::simdgroup_half8x8 a_17 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 64u], SQ, false);
                        CoopC _e887 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_17, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, true), _e887);
                        CoopC _e896 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_17, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, true), _e896);
                    }
                    {
                        metal::simdgroup_half8x8 a_18 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 72u], SQ, false);
                        CoopC _e920 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_18, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, true), _e920);
                        CoopC _e929 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_18, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, true), _e929);
                    }
                    {
                        metal::simdgroup_half8x8 a_19 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 72u], SQ, false);
                        CoopC _e953 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_19, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, true), _e953);
                        CoopC _e962 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_19, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, true), _e962);
                    }
                    {
                        metal::simdgroup_half8x8 a_20 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 80u], SQ, false);
                        CoopC _e986 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_20, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, true), _e986);
                        CoopC _e995 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_20, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, true), _e995);
                    }
                    {
                        metal::simdgroup_half8x8 a_21 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 80u], SQ, false);
                        CoopC _e1019 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_21, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, true), _e1019);
                        CoopC _e1028 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_21, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, true), _e1028);
                    }
                    {
                        metal::simdgroup_half8x8 a_22 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 88u], SQ, false);
                        CoopC _e1052 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_22, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, true), _e1052);
                        CoopC _e1061 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_22, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, true), _e1061);
                    }
                    {
                        metal::simdgroup_half8x8 a_23 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 88u], SQ, false);
                        CoopC _e1085 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_23, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, true), _e1085);
                        CoopC _e1094 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_23, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, true), _e1094);
                    }
                    {
                        metal::simdgroup_half8x8 a_24 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 96u], SQ, false);
                        CoopC _e1118 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_24, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, true), _e1118);
                        CoopC _e1127 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_24, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, true), _e1127);
                    }
                    {
                        metal::simdgroup_half8x8 a_25 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 96u], SQ, false);
                        CoopC _e1151 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_25, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, true), _e1151);
                        CoopC _e1160 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_25, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, true), _e1160);
                    }
                    {
                        metal::simdgroup_half8x8 a_26 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 104u], SQ, false);
                        CoopC _e1184 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_26, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, true), _e1184);
                        CoopC _e1193 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_26, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, true), _e1193);
                    }
                    {
                        metal::simdgroup_half8x8 a_27 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 104u], SQ, false);
                        CoopC _e1217 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_27, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, true), _e1217);
                        CoopC _e1226 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_27, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, true), _e1226);
                    }
                    {
                        metal::simdgroup_half8x8 a_28 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 112u], SQ, false);
                        CoopC _e1250 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_28, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, true), _e1250);
                        CoopC _e1259 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_28, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, true), _e1259);
                    }
                    {
                        metal::simdgroup_half8x8 a_29 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 112u], SQ, false);
                        CoopC _e1283 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_29, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, true), _e1283);
                        CoopC _e1292 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_29, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, true), _e1292);
                    }
                    {
                        metal::simdgroup_half8x8 a_30 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 120u], SQ, false);
                        CoopC _e1316 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_30, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, true), _e1316);
                        CoopC _e1325 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_30, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, true), _e1325);
                    }
                    {
                        metal::simdgroup_half8x8 a_31 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 120u], SQ, false);
                        CoopC _e1349 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_31, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, true), _e1349);
                        CoopC _e1358 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_31, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, true), _e1358);
                    }
                    {
                        metal::simdgroup_half8x8 a_32 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 0u], SV, false);
                        CoopC _e1382 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_32, NagaCooperativeLoad(&wg.mh.inner[6528], SV, true), _e1382);
                        CoopC _e1391 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_32, NagaCooperativeLoad(&wg.mh.inner[7616], SV, true), _e1391);
                    }
                    {
                        metal::simdgroup_half8x8 a_33 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 0u], SV, false);
                        CoopC _e1415 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_33, NagaCooperativeLoad(&wg.mh.inner[6528], SV, true), _e1415);
                        CoopC _e1424 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_33, NagaCooperativeLoad(&wg.mh.inner[7616], SV, true), _e1424);
                    }
                    {
                        metal::simdgroup_half8x8 a_34 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 8u], SV, false);
                        CoopC _e1448 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_34, NagaCooperativeLoad(&wg.mh.inner[6536], SV, true), _e1448);
                        CoopC _e1457 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_34, NagaCooperativeLoad(&wg.mh.inner[7624], SV, true), _e1457);
                    }
                    {
                        metal::simdgroup_half8x8 a_35 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 8u], SV, false);
                        CoopC _e1481 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_35, NagaCooperativeLoad(&wg.mh.inner[6536], SV, true), _e1481);
                        CoopC _e1490 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_35, NagaCooperativeLoad(&wg.mh.inner[7624], SV, true), _e1490);
                    }
                    {
                        metal::simdgroup_half8x8 a_36 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 16u], SV, false);
                        CoopC _e1514 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_36, NagaCooperativeLoad(&wg.mh.inner[6544], SV, true), _e1514);
                        CoopC _e1523 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_36, NagaCooperativeLoad(&wg.mh.inner[7632], SV, true), _e1523);
                    }
                    {
                        metal::simdgroup_half8x8 a_37 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 16u], SV, false);
                        CoopC _e1547 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_37, NagaCooperativeLoad(&wg.mh.inner[6544], SV, true), _e1547);
                        CoopC _e1556 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_37, NagaCooperativeLoad(&wg.mh.inner[7632], SV, true), _e1556);
                    }
                    {
                        metal::simdgroup_half8x8 a_38 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 24u], SV, false);
                        CoopC _e1580 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_38, NagaCooperativeLoad(&wg.mh.inner[6552], SV, true), _e1580);
                        CoopC _e1589 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_38, NagaCooperativeLoad(&wg.mh.inner[7640], SV, true), _e1589);
                    }
                    {
                        metal::simdgroup_half8x8 a_39 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 24u], SV, false);
                        CoopC _e1613 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_39, NagaCooperativeLoad(&wg.mh.inner[6552], SV, true), _e1613);
                        CoopC _e1622 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_39, NagaCooperativeLoad(&wg.mh.inner[7640], SV, true), _e1622);
                    }
                    {
                        metal::simdgroup_half8x8 a_40 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 32u], SV, false);
                        CoopC _e1646 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_40, NagaCooperativeLoad(&wg.mh.inner[6560], SV, true), _e1646);
                        CoopC _e1655 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_40, NagaCooperativeLoad(&wg.mh.inner[7648], SV, true), _e1655);
                    }
                    {
                        metal::simdgroup_half8x8 a_41 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 32u], SV, false);
                        CoopC _e1679 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_41, NagaCooperativeLoad(&wg.mh.inner[6560], SV, true), _e1679);
                        CoopC _e1688 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_41, NagaCooperativeLoad(&wg.mh.inner[7648], SV, true), _e1688);
                    }
                    {
                        metal::simdgroup_half8x8 a_42 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 40u], SV, false);
                        CoopC _e1712 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_42, NagaCooperativeLoad(&wg.mh.inner[6568], SV, true), _e1712);
                        CoopC _e1721 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_42, NagaCooperativeLoad(&wg.mh.inner[7656], SV, true), _e1721);
                    }
                    {
                        metal::simdgroup_half8x8 a_43 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 40u], SV, false);
                        CoopC _e1745 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_43, NagaCooperativeLoad(&wg.mh.inner[6568], SV, true), _e1745);
                        CoopC _e1754 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_43, NagaCooperativeLoad(&wg.mh.inner[7656], SV, true), _e1754);
                    }
                    {
                        metal::simdgroup_half8x8 a_44 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 48u], SV, false);
                        CoopC _e1778 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_44, NagaCooperativeLoad(&wg.mh.inner[6576], SV, true), _e1778);
                        CoopC _e1787 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_44, NagaCooperativeLoad(&wg.mh.inner[7664], SV, true), _e1787);
                    }
                    {
                        metal::simdgroup_half8x8 a_45 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 48u], SV, false);
                        CoopC _e1811 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_45, NagaCooperativeLoad(&wg.mh.inner[6576], SV, true), _e1811);
                        CoopC _e1820 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_45, NagaCooperativeLoad(&wg.mh.inner[7664], SV, true), _e1820);
                    }
                    {
                        metal::simdgroup_half8x8 a_46 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 56u], SV, false);
                        CoopC _e1844 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_46, NagaCooperativeLoad(&wg.mh.inner[6584], SV, true), _e1844);
                        CoopC _e1853 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_46, NagaCooperativeLoad(&wg.mh.inner[7672], SV, true), _e1853);
                    }
                    {
                        metal::simdgroup_half8x8 a_47 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 56u], SV, false);
                        CoopC _e1877 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_47, NagaCooperativeLoad(&wg.mh.inner[6584], SV, true), _e1877);
                        CoopC _e1886 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_47, NagaCooperativeLoad(&wg.mh.inner[7672], SV, true), _e1886);
                    }
                    {
                        metal::simdgroup_half8x8 a_48 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 64u], SV, false);
                        CoopC _e1910 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_48, NagaCooperativeLoad(&wg.mh.inner[6592], SV, true), _e1910);
                        CoopC _e1919 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_48, NagaCooperativeLoad(&wg.mh.inner[7680], SV, true), _e1919);
                    }
                    {
                        metal::simdgroup_half8x8 a_49 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 64u], SV, false);
                        CoopC _e1943 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_49, NagaCooperativeLoad(&wg.mh.inner[6592], SV, true), _e1943);
                        CoopC _e1952 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_49, NagaCooperativeLoad(&wg.mh.inner[7680], SV, true), _e1952);
                    }
                    {
                        metal::simdgroup_half8x8 a_50 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 72u], SV, false);
                        CoopC _e1976 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_50, NagaCooperativeLoad(&wg.mh.inner[6600], SV, true), _e1976);
                        CoopC _e1985 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_50, NagaCooperativeLoad(&wg.mh.inner[7688], SV, true), _e1985);
                    }
                    {
                        metal::simdgroup_half8x8 a_51 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 72u], SV, false);
                        CoopC _e2009 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_51, NagaCooperativeLoad(&wg.mh.inner[6600], SV, true), _e2009);
                        CoopC _e2018 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_51, NagaCooperativeLoad(&wg.mh.inner[7688], SV, true), _e2018);
                    }
                    {
                        metal::simdgroup_half8x8 a_52 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 80u], SV, false);
                        CoopC _e2042 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_52, NagaCooperativeLoad(&wg.mh.inner[6608], SV, true), _e2042);
                        CoopC _e2051 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_52, NagaCooperativeLoad(&wg.mh.inner[7696], SV, true), _e2051);
                    }
                    {
                        metal::simdgroup_half8x8 a_53 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 80u], SV, false);
                        CoopC _e2075 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_53, NagaCooperativeLoad(&wg.mh.inner[6608], SV, true), _e2075);
                        CoopC _e2084 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_53, NagaCooperativeLoad(&wg.mh.inner[7696], SV, true), _e2084);
                    }
                    {
                        metal::simdgroup_half8x8 a_54 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 88u], SV, false);
                        CoopC _e2108 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_54, NagaCooperativeLoad(&wg.mh.inner[6616], SV, true), _e2108);
                        CoopC _e2117 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_54, NagaCooperativeLoad(&wg.mh.inner[7704], SV, true), _e2117);
                    }
                    {
                        metal::simdgroup_half8x8 a_55 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 88u], SV, false);
                        CoopC _e2141 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_55, NagaCooperativeLoad(&wg.mh.inner[6616], SV, true), _e2141);
                        CoopC _e2150 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_55, NagaCooperativeLoad(&wg.mh.inner[7704], SV, true), _e2150);
                    }
                    {
                        metal::simdgroup_half8x8 a_56 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 96u], SV, false);
                        CoopC _e2174 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_56, NagaCooperativeLoad(&wg.mh.inner[6624], SV, true), _e2174);
                        CoopC _e2183 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_56, NagaCooperativeLoad(&wg.mh.inner[7712], SV, true), _e2183);
                    }
                    {
                        metal::simdgroup_half8x8 a_57 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 96u], SV, false);
                        CoopC _e2207 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_57, NagaCooperativeLoad(&wg.mh.inner[6624], SV, true), _e2207);
                        CoopC _e2216 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_57, NagaCooperativeLoad(&wg.mh.inner[7712], SV, true), _e2216);
                    }
                    {
                        metal::simdgroup_half8x8 a_58 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 104u], SV, false);
                        CoopC _e2240 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_58, NagaCooperativeLoad(&wg.mh.inner[6632], SV, true), _e2240);
                        CoopC _e2249 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_58, NagaCooperativeLoad(&wg.mh.inner[7720], SV, true), _e2249);
                    }
                    {
                        metal::simdgroup_half8x8 a_59 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 104u], SV, false);
                        CoopC _e2273 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_59, NagaCooperativeLoad(&wg.mh.inner[6632], SV, true), _e2273);
                        CoopC _e2282 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_59, NagaCooperativeLoad(&wg.mh.inner[7720], SV, true), _e2282);
                    }
                    {
                        metal::simdgroup_half8x8 a_60 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 112u], SV, false);
                        CoopC _e2306 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_60, NagaCooperativeLoad(&wg.mh.inner[6640], SV, true), _e2306);
                        CoopC _e2315 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_60, NagaCooperativeLoad(&wg.mh.inner[7728], SV, true), _e2315);
                    }
                    {
                        metal::simdgroup_half8x8 a_61 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 112u], SV, false);
                        CoopC _e2339 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_61, NagaCooperativeLoad(&wg.mh.inner[6640], SV, true), _e2339);
                        CoopC _e2348 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_61, NagaCooperativeLoad(&wg.mh.inner[7728], SV, true), _e2348);
                    }
                    {
                        metal::simdgroup_half8x8 a_62 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 120u], SV, false);
                        CoopC _e2372 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_62, NagaCooperativeLoad(&wg.mh.inner[6648], SV, true), _e2372);
                        CoopC _e2381 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_62, NagaCooperativeLoad(&wg.mh.inner[7736], SV, true), _e2381);
                    }
                    {
                        metal::simdgroup_half8x8 a_63 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 120u], SV, false);
                        CoopC _e2405 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_63, NagaCooperativeLoad(&wg.mh.inner[6648], SV, true), _e2405);
                        CoopC _e2414 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_63, NagaCooperativeLoad(&wg.mh.inner[7736], SV, true), _e2414);
                    }
                    CoopC _e2417 = xa.inner[0];
                    simdgroup_store(_e2417, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
                    CoopC _e2431 = dxa.inner[0];
                    simdgroup_store(_e2431, &wg.ms.inner[(DP_AT + (((sg * RS) + 0u) * SS)) + 0u], SS);
                    CoopC _e2447 = xa.inner[1];
                    simdgroup_store(_e2447, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
                    CoopC _e2461 = dxa.inner[1];
                    simdgroup_store(_e2461, &wg.ms.inner[(DP_AT + (((sg * RS) + 0u) * SS)) + 8u], SS);
                    CoopC _e2477 = xa.inner[2];
                    simdgroup_store(_e2477, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
                    CoopC _e2491 = dxa.inner[2];
                    simdgroup_store(_e2491, &wg.ms.inner[(DP_AT + (((sg * RS) + 8u) * SS)) + 0u], SS);
                    CoopC _e2507 = xa.inner[3];
                    simdgroup_store(_e2507, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
                    CoopC _e2521 = dxa.inner[3];
                    simdgroup_store(_e2521, &wg.ms.inner[(DP_AT + (((sg * RS) + 8u) * SS)) + 8u], SS);
                    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                    uint r_hi = r_lo + MSR;
                    uint c_hi = c_lo + MO;
                    if (plain) {
                        uint _e2544 = P.seq_q;
                        local_3 = r_hi <= _e2544;
                    } else {
                        local_3 = false;
                    }
                    bool _e2547 = local_3;
                    if (_e2547) {
                        uint _e2552 = P.seq_kv;
                        local_4 = c_hi <= _e2552;
                    } else {
                        local_4 = false;
                    }
                    bool _e2555 = local_4;
                    if (_e2555) {
                        int _e2560 = P.has_band_lo;
                        if (!((_e2560 == 0))) {
                            int _e2573 = P.band_lo;
                            local_6 = as_type<int>(as_type<uint>(static_cast<int>(c_lo)) - as_type<uint>(static_cast<int>(r_hi - 1u))) >= _e2573;
                        } else {
                            local_6 = true;
                        }
                        bool _e2576 = local_6;
                        local_5 = _e2576;
                    } else {
                        local_5 = false;
                    }
                    bool _e2578 = local_5;
                    if (_e2578) {
                        int _e2583 = P.has_band_hi;
                        if (!((_e2583 == 0))) {
                            int _e2596 = P.band_hi;
                            local_8 = as_type<int>(as_type<uint>(static_cast<int>(c_hi - 1u)) - as_type<uint>(static_cast<int>(r_lo))) <= _e2596;
                        } else {
                            local_8 = true;
                        }
                        bool _e2599 = local_8;
                        local_7 = _e2599;
                    } else {
                        local_7 = false;
                    }
                    bool dense = local_7;
                    e = 0u;
                    uint2 loop_bound_5 = uint2(4294967295u);
                    bool loop_init_5 = true;
                    while(true) {
                        if (metal::all(loop_bound_5 == uint2(0u))) { break; }
                        loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                        if (!loop_init_5) {
                            uint _e2708 = e;
                            e = _e2708 + 1u;
                        }
                        loop_init_5 = false;
                        uint _e2604 = e;
                        if (_e2604 < 8u) {
                        } else {
                            break;
                        }
                        {
                            uint _e2608 = e;
                            uint c = part + (2u * _e2608);
                            uint i_3 = r_lo + c;
                            uint j_5 = c_lo + er;
                            float lse_1 = wg.mlse.inner[c];
                            float delta_1 = wg.mdelta.inner[c];
                            p = 0.0;
                            ds = 0.0;
                            if (dense) {
                                float _e2627 = P.scale;
                                float _e2631 = s_ld((er * SS) + c, wg);
                                float x_19 = _e2627 * _e2631;
                                if (x_19 > MASKED) {
                                    local_9 = lse_1 > MASKED;
                                } else {
                                    local_9 = false;
                                }
                                bool _e2640 = local_9;
                                if (_e2640) {
                                    p = metal::exp(x_19 - lse_1);
                                    float _e2643 = p;
                                    float _e2649 = s_ld((DP_AT + (er * SS)) + c, wg);
                                    float _e2654 = P.scale;
                                    ds = (_e2643 * (_e2649 - delta_1)) * _e2654;
                                }
                            } else {
                                uint _e2656 = h;
                                bool _e2657 = visible(b_3, _e2656, i_3, j_5, P, mask_buf, blocks_buf, _buffer_sizes);
                                if (_e2657) {
                                    uint _e2658 = h;
                                    float _e2662 = s_ld((er * SS) + c, wg);
                                    metal::float2 _e2663 = score(b_3, _e2658, i_3, j_5, _e2662, P, mask_buf, aux_buf, _buffer_sizes);
                                    if (_e2663.x > MASKED) {
                                        local_10 = lse_1 > MASKED;
                                    } else {
                                        local_10 = false;
                                    }
                                    bool _e2672 = local_10;
                                    if (_e2672) {
                                        p = metal::exp(_e2663.x - lse_1);
                                        float _e2676 = p;
                                        float _e2682 = s_ld((DP_AT + (er * SS)) + c, wg);
                                        ds = (_e2676 * (_e2682 - delta_1)) * _e2663.y;
                                    }
                                }
                            }
                            float _e2695 = ds;
                            wg.mh.inner[(DS_AT + (er * SPS)) + c] = static_cast<half>(_e2695);
                            float _e2705 = p;
                            wg.mh.inner[(P_AT + (er * SPS)) + c] = static_cast<half>(_e2705);
                        }
                    }
                    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                    {
                        metal::simdgroup_half8x8 a_64 = NagaCooperativeLoad(&wg.mh.inner[(P_AT + (((sg * RS) + 0u) * SPS)) + 0u], SPS, false);
                        CoopC _e2732 = acc_v.inner[0];
                        acc_v.inner[0] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6528], SV, false), _e2732);
                        CoopC _e2741 = acc_v.inner[1];
                        acc_v.inner[1] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6536], SV, false), _e2741);
                        CoopC _e2750 = acc_v.inner[2];
                        acc_v.inner[2] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6544], SV, false), _e2750);
                        CoopC _e2759 = acc_v.inner[3];
                        acc_v.inner[3] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6552], SV, false), _e2759);
                        CoopC _e2768 = acc_v.inner[4];
                        acc_v.inner[4] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6560], SV, false), _e2768);
                        CoopC _e2777 = acc_v.inner[5];
                        acc_v.inner[5] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6568], SV, false), _e2777);
                        CoopC _e2786 = acc_v.inner[6];
                        acc_v.inner[6] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6576], SV, false), _e2786);
                        CoopC _e2795 = acc_v.inner[7];
                        acc_v.inner[7] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6584], SV, false), _e2795);
                        CoopC _e2804 = acc_v.inner[8];
                        acc_v.inner[8] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6592], SV, false), _e2804);
                        CoopC _e2813 = acc_v.inner[9];
                        acc_v.inner[9] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6600], SV, false), _e2813);
                        CoopC _e2822 = acc_v.inner[10];
                        acc_v.inner[10] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6608], SV, false), _e2822);
                        CoopC _e2831 = acc_v.inner[11];
                        acc_v.inner[11] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6616], SV, false), _e2831);
                        CoopC _e2840 = acc_v.inner[12];
                        acc_v.inner[12] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6624], SV, false), _e2840);
                        CoopC _e2849 = acc_v.inner[13];
                        acc_v.inner[13] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6632], SV, false), _e2849);
                        CoopC _e2858 = acc_v.inner[14];
                        acc_v.inner[14] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6640], SV, false), _e2858);
                        CoopC _e2867 = acc_v.inner[15];
                        acc_v.inner[15] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6648], SV, false), _e2867);
                    }
                    {
                        metal::simdgroup_half8x8 a_65 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 0u) * SPS)) + 0u], SPS, false);
                        CoopC _e2891 = acc_k.inner[0];
                        acc_k.inner[0] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, false), _e2891);
                        CoopC _e2900 = acc_k.inner[1];
                        acc_k.inner[1] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, false), _e2900);
                        CoopC _e2909 = acc_k.inner[2];
                        acc_k.inner[2] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, false), _e2909);
                        CoopC _e2918 = acc_k.inner[3];
                        acc_k.inner[3] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, false), _e2918);
                        CoopC _e2927 = acc_k.inner[4];
                        acc_k.inner[4] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, false), _e2927);
                        CoopC _e2936 = acc_k.inner[5];
                        acc_k.inner[5] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, false), _e2936);
                        CoopC _e2945 = acc_k.inner[6];
                        acc_k.inner[6] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, false), _e2945);
                        CoopC _e2954 = acc_k.inner[7];
                        acc_k.inner[7] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, false), _e2954);
                        CoopC _e2963 = acc_k.inner[8];
                        acc_k.inner[8] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, false), _e2963);
                        CoopC _e2972 = acc_k.inner[9];
                        acc_k.inner[9] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, false), _e2972);
                        CoopC _e2981 = acc_k.inner[10];
                        acc_k.inner[10] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, false), _e2981);
                        CoopC _e2990 = acc_k.inner[11];
                        acc_k.inner[11] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, false), _e2990);
                        CoopC _e2999 = acc_k.inner[12];
                        acc_k.inner[12] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, false), _e2999);
                        CoopC _e3008 = acc_k.inner[13];
                        acc_k.inner[13] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, false), _e3008);
                        CoopC _e3017 = acc_k.inner[14];
                        acc_k.inner[14] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, false), _e3017);
                        CoopC _e3026 = acc_k.inner[15];
                        acc_k.inner[15] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, false), _e3026);
                    }
                    {
                        metal::simdgroup_half8x8 a_66 = NagaCooperativeLoad(&wg.mh.inner[(P_AT + (((sg * RS) + 8u) * SPS)) + 0u], SPS, false);
                        CoopC _e3050 = acc_v.inner[16];
                        acc_v.inner[16] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6528], SV, false), _e3050);
                        CoopC _e3059 = acc_v.inner[17];
                        acc_v.inner[17] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6536], SV, false), _e3059);
                        CoopC _e3068 = acc_v.inner[18];
                        acc_v.inner[18] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6544], SV, false), _e3068);
                        CoopC _e3077 = acc_v.inner[19];
                        acc_v.inner[19] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6552], SV, false), _e3077);
                        CoopC _e3086 = acc_v.inner[20];
                        acc_v.inner[20] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6560], SV, false), _e3086);
                        CoopC _e3095 = acc_v.inner[21];
                        acc_v.inner[21] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6568], SV, false), _e3095);
                        CoopC _e3104 = acc_v.inner[22];
                        acc_v.inner[22] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6576], SV, false), _e3104);
                        CoopC _e3113 = acc_v.inner[23];
                        acc_v.inner[23] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6584], SV, false), _e3113);
                        CoopC _e3122 = acc_v.inner[24];
                        acc_v.inner[24] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6592], SV, false), _e3122);
                        CoopC _e3131 = acc_v.inner[25];
                        acc_v.inner[25] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6600], SV, false), _e3131);
                        CoopC _e3140 = acc_v.inner[26];
                        acc_v.inner[26] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6608], SV, false), _e3140);
                        CoopC _e3149 = acc_v.inner[27];
                        acc_v.inner[27] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6616], SV, false), _e3149);
                        CoopC _e3158 = acc_v.inner[28];
                        acc_v.inner[28] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6624], SV, false), _e3158);
                        CoopC _e3167 = acc_v.inner[29];
                        acc_v.inner[29] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6632], SV, false), _e3167);
                        CoopC _e3176 = acc_v.inner[30];
                        acc_v.inner[30] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6640], SV, false), _e3176);
                        CoopC _e3185 = acc_v.inner[31];
                        acc_v.inner[31] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6648], SV, false), _e3185);
                    }
                    {
                        metal::simdgroup_half8x8 a_67 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 8u) * SPS)) + 0u], SPS, false);
                        CoopC _e3209 = acc_k.inner[16];
                        acc_k.inner[16] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, false), _e3209);
                        CoopC _e3218 = acc_k.inner[17];
                        acc_k.inner[17] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, false), _e3218);
                        CoopC _e3227 = acc_k.inner[18];
                        acc_k.inner[18] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, false), _e3227);
                        CoopC _e3236 = acc_k.inner[19];
                        acc_k.inner[19] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, false), _e3236);
                        CoopC _e3245 = acc_k.inner[20];
                        acc_k.inner[20] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, false), _e3245);
                        CoopC _e3254 = acc_k.inner[21];
                        acc_k.inner[21] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, false), _e3254);
                        CoopC _e3263 = acc_k.inner[22];
                        acc_k.inner[22] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, false), _e3263);
                        CoopC _e3272 = acc_k.inner[23];
                        acc_k.inner[23] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, false), _e3272);
                        CoopC _e3281 = acc_k.inner[24];
                        acc_k.inner[24] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, false), _e3281);
                        CoopC _e3290 = acc_k.inner[25];
                        acc_k.inner[25] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, false), _e3290);
                        CoopC _e3299 = acc_k.inner[26];
                        acc_k.inner[26] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, false), _e3299);
                        CoopC _e3308 = acc_k.inner[27];
                        acc_k.inner[27] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, false), _e3308);
                        CoopC _e3317 = acc_k.inner[28];
                        acc_k.inner[28] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, false), _e3317);
                        CoopC _e3326 = acc_k.inner[29];
                        acc_k.inner[29] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, false), _e3326);
                        CoopC _e3335 = acc_k.inner[30];
                        acc_k.inner[30] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, false), _e3335);
                        CoopC _e3344 = acc_k.inner[31];
                        acc_k.inner[31] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, false), _e3344);
                    }
                    {
                        metal::simdgroup_half8x8 a_68 = NagaCooperativeLoad(&wg.mh.inner[(P_AT + (((sg * RS) + 0u) * SPS)) + 8u], SPS, false);
                        CoopC _e3368 = acc_v.inner[0];
                        acc_v.inner[0] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7616], SV, false), _e3368);
                        CoopC _e3377 = acc_v.inner[1];
                        acc_v.inner[1] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7624], SV, false), _e3377);
                        CoopC _e3386 = acc_v.inner[2];
                        acc_v.inner[2] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7632], SV, false), _e3386);
                        CoopC _e3395 = acc_v.inner[3];
                        acc_v.inner[3] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7640], SV, false), _e3395);
                        CoopC _e3404 = acc_v.inner[4];
                        acc_v.inner[4] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7648], SV, false), _e3404);
                        CoopC _e3413 = acc_v.inner[5];
                        acc_v.inner[5] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7656], SV, false), _e3413);
                        CoopC _e3422 = acc_v.inner[6];
                        acc_v.inner[6] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7664], SV, false), _e3422);
                        CoopC _e3431 = acc_v.inner[7];
                        acc_v.inner[7] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7672], SV, false), _e3431);
                        CoopC _e3440 = acc_v.inner[8];
                        acc_v.inner[8] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7680], SV, false), _e3440);
                        CoopC _e3449 = acc_v.inner[9];
                        acc_v.inner[9] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7688], SV, false), _e3449);
                        CoopC _e3458 = acc_v.inner[10];
                        acc_v.inner[10] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7696], SV, false), _e3458);
                        CoopC _e3467 = acc_v.inner[11];
                        acc_v.inner[11] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7704], SV, false), _e3467);
                        CoopC _e3476 = acc_v.inner[12];
                        acc_v.inner[12] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7712], SV, false), _e3476);
                        CoopC _e3485 = acc_v.inner[13];
                        acc_v.inner[13] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7720], SV, false), _e3485);
                        CoopC _e3494 = acc_v.inner[14];
                        acc_v.inner[14] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7728], SV, false), _e3494);
                        CoopC _e3503 = acc_v.inner[15];
                        acc_v.inner[15] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7736], SV, false), _e3503);
                    }
                    {
                        metal::simdgroup_half8x8 a_69 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 0u) * SPS)) + 8u], SPS, false);
                        CoopC _e3527 = acc_k.inner[0];
                        acc_k.inner[0] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, false), _e3527);
                        CoopC _e3536 = acc_k.inner[1];
                        acc_k.inner[1] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, false), _e3536);
                        CoopC _e3545 = acc_k.inner[2];
                        acc_k.inner[2] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, false), _e3545);
                        CoopC _e3554 = acc_k.inner[3];
                        acc_k.inner[3] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, false), _e3554);
                        CoopC _e3563 = acc_k.inner[4];
                        acc_k.inner[4] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, false), _e3563);
                        CoopC _e3572 = acc_k.inner[5];
                        acc_k.inner[5] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, false), _e3572);
                        CoopC _e3581 = acc_k.inner[6];
                        acc_k.inner[6] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, false), _e3581);
                        CoopC _e3590 = acc_k.inner[7];
                        acc_k.inner[7] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, false), _e3590);
                        CoopC _e3599 = acc_k.inner[8];
                        acc_k.inner[8] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, false), _e3599);
                        CoopC _e3608 = acc_k.inner[9];
                        acc_k.inner[9] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, false), _e3608);
                        CoopC _e3617 = acc_k.inner[10];
                        acc_k.inner[10] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, false), _e3617);
                        CoopC _e3626 = acc_k.inner[11];
                        acc_k.inner[11] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, false), _e3626);
                        CoopC _e3635 = acc_k.inner[12];
                        acc_k.inner[12] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, false), _e3635);
                        CoopC _e3644 = acc_k.inner[13];
                        acc_k.inner[13] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, false), _e3644);
                        CoopC _e3653 = acc_k.inner[14];
                        acc_k.inner[14] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, false), _e3653);
                        CoopC _e3662 = acc_k.inner[15];
                        acc_k.inner[15] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, false), _e3662);
                    }
                    {
                        metal::simdgroup_half8x8 a_70 = NagaCooperativeLoad(&wg.mh.inner[(P_AT + (((sg * RS) + 8u) * SPS)) + 8u], SPS, false);
                        CoopC _e3686 = acc_v.inner[16];
                        acc_v.inner[16] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7616], SV, false), _e3686);
                        CoopC _e3695 = acc_v.inner[17];
                        acc_v.inner[17] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7624], SV, false), _e3695);
                        CoopC _e3704 = acc_v.inner[18];
                        acc_v.inner[18] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7632], SV, false), _e3704);
                        CoopC _e3713 = acc_v.inner[19];
                        acc_v.inner[19] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7640], SV, false), _e3713);
                        CoopC _e3722 = acc_v.inner[20];
                        acc_v.inner[20] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7648], SV, false), _e3722);
                        CoopC _e3731 = acc_v.inner[21];
                        acc_v.inner[21] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7656], SV, false), _e3731);
                        CoopC _e3740 = acc_v.inner[22];
                        acc_v.inner[22] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7664], SV, false), _e3740);
                        CoopC _e3749 = acc_v.inner[23];
                        acc_v.inner[23] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7672], SV, false), _e3749);
                        CoopC _e3758 = acc_v.inner[24];
                        acc_v.inner[24] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7680], SV, false), _e3758);
                        CoopC _e3767 = acc_v.inner[25];
                        acc_v.inner[25] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7688], SV, false), _e3767);
                        CoopC _e3776 = acc_v.inner[26];
                        acc_v.inner[26] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7696], SV, false), _e3776);
                        CoopC _e3785 = acc_v.inner[27];
                        acc_v.inner[27] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7704], SV, false), _e3785);
                        CoopC _e3794 = acc_v.inner[28];
                        acc_v.inner[28] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7712], SV, false), _e3794);
                        CoopC _e3803 = acc_v.inner[29];
                        acc_v.inner[29] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7720], SV, false), _e3803);
                        CoopC _e3812 = acc_v.inner[30];
                        acc_v.inner[30] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7728], SV, false), _e3812);
                        CoopC _e3821 = acc_v.inner[31];
                        acc_v.inner[31] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7736], SV, false), _e3821);
                    }
                    {
                        metal::simdgroup_half8x8 a_71 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 8u) * SPS)) + 8u], SPS, false);
                        CoopC _e3845 = acc_k.inner[16];
                        acc_k.inner[16] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, false), _e3845);
                        CoopC _e3854 = acc_k.inner[17];
                        acc_k.inner[17] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, false), _e3854);
                        CoopC _e3863 = acc_k.inner[18];
                        acc_k.inner[18] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, false), _e3863);
                        CoopC _e3872 = acc_k.inner[19];
                        acc_k.inner[19] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, false), _e3872);
                        CoopC _e3881 = acc_k.inner[20];
                        acc_k.inner[20] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, false), _e3881);
                        CoopC _e3890 = acc_k.inner[21];
                        acc_k.inner[21] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, false), _e3890);
                        CoopC _e3899 = acc_k.inner[22];
                        acc_k.inner[22] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, false), _e3899);
                        CoopC _e3908 = acc_k.inner[23];
                        acc_k.inner[23] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, false), _e3908);
                        CoopC _e3917 = acc_k.inner[24];
                        acc_k.inner[24] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, false), _e3917);
                        CoopC _e3926 = acc_k.inner[25];
                        acc_k.inner[25] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, false), _e3926);
                        CoopC _e3935 = acc_k.inner[26];
                        acc_k.inner[26] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, false), _e3935);
                        CoopC _e3944 = acc_k.inner[27];
                        acc_k.inner[27] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, false), _e3944);
                        CoopC _e3953 = acc_k.inner[28];
                        acc_k.inner[28] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, false), _e3953);
                        CoopC _e3962 = acc_k.inner[29];
                        acc_k.inner[29] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, false), _e3962);
                        CoopC _e3971 = acc_k.inner[30];
                        acc_k.inner[30] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, false), _e3971);
                        CoopC _e3980 = acc_k.inner[31];
                        acc_k.inner[31] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, false), _e3980);
                    }
                    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                }
            }
        }
    }
    uint _e3990 = P.heads_kv;
    uint _e3995 = P.seq_kv;
    uint out_row0_ = ((b_3 * _e3990) + hk) * _e3995;
    CoopC _e3998 = acc_k.inner[0];
    simdgroup_store(_e3998, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4012 = acc_k.inner[1];
    simdgroup_store(_e4012, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4026 = acc_k.inner[16];
    simdgroup_store(_e4026, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4040 = acc_k.inner[17];
    simdgroup_store(_e4040, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_2 = lid;
    uint2 loop_bound_6 = uint2(4294967295u);
    bool loop_init_6 = true;
    while(true) {
        if (metal::all(loop_bound_6 == uint2(0u))) { break; }
        loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
        if (!loop_init_6) {
            uint _e4091 = x_2;
            x_2 = _e4091 + NT;
        }
        loop_init_6 = false;
        uint _e4054 = x_2;
        if (_e4054 < 256u) {
        } else {
            break;
        }
        {
            uint _e4057 = x_2;
            uint r_2 = naga_div(_e4057, MSR);
            uint _e4061 = x_2;
            uint col = 0u + naga_mod(_e4061, MSR);
            if ((c_lo + r_2) < own_len) {
                uint _e4071 = P.head_dim;
                local_11 = col < _e4071;
            } else {
                local_11 = false;
            }
            bool _e4074 = local_11;
            if (_e4074) {
                uint _e4080 = P.head_dim;
                uint _e4086 = x_2;
                float _e4090 = s_ld((r_2 * SS) + naga_mod(_e4086, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_2) * _e4080) + col] = _e4090;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4095 = acc_k.inner[2];
    simdgroup_store(_e4095, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4109 = acc_k.inner[3];
    simdgroup_store(_e4109, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4123 = acc_k.inner[18];
    simdgroup_store(_e4123, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4137 = acc_k.inner[19];
    simdgroup_store(_e4137, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_3 = lid;
    uint2 loop_bound_7 = uint2(4294967295u);
    bool loop_init_7 = true;
    while(true) {
        if (metal::all(loop_bound_7 == uint2(0u))) { break; }
        loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
        if (!loop_init_7) {
            uint _e4188 = x_3;
            x_3 = _e4188 + NT;
        }
        loop_init_7 = false;
        uint _e4151 = x_3;
        if (_e4151 < 256u) {
        } else {
            break;
        }
        {
            uint _e4154 = x_3;
            uint r_3 = naga_div(_e4154, MSR);
            uint _e4158 = x_3;
            uint col_1 = 16u + naga_mod(_e4158, MSR);
            if ((c_lo + r_3) < own_len) {
                uint _e4168 = P.head_dim;
                local_12 = col_1 < _e4168;
            } else {
                local_12 = false;
            }
            bool _e4171 = local_12;
            if (_e4171) {
                uint _e4177 = P.head_dim;
                uint _e4183 = x_3;
                float _e4187 = s_ld((r_3 * SS) + naga_mod(_e4183, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_3) * _e4177) + col_1] = _e4187;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4192 = acc_k.inner[4];
    simdgroup_store(_e4192, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4206 = acc_k.inner[5];
    simdgroup_store(_e4206, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4220 = acc_k.inner[20];
    simdgroup_store(_e4220, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4234 = acc_k.inner[21];
    simdgroup_store(_e4234, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_4 = lid;
    uint2 loop_bound_8 = uint2(4294967295u);
    bool loop_init_8 = true;
    while(true) {
        if (metal::all(loop_bound_8 == uint2(0u))) { break; }
        loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
        if (!loop_init_8) {
            uint _e4285 = x_4;
            x_4 = _e4285 + NT;
        }
        loop_init_8 = false;
        uint _e4248 = x_4;
        if (_e4248 < 256u) {
        } else {
            break;
        }
        {
            uint _e4251 = x_4;
            uint r_4 = naga_div(_e4251, MSR);
            uint _e4255 = x_4;
            uint col_2 = 32u + naga_mod(_e4255, MSR);
            if ((c_lo + r_4) < own_len) {
                uint _e4265 = P.head_dim;
                local_13 = col_2 < _e4265;
            } else {
                local_13 = false;
            }
            bool _e4268 = local_13;
            if (_e4268) {
                uint _e4274 = P.head_dim;
                uint _e4280 = x_4;
                float _e4284 = s_ld((r_4 * SS) + naga_mod(_e4280, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_4) * _e4274) + col_2] = _e4284;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4289 = acc_k.inner[6];
    simdgroup_store(_e4289, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4303 = acc_k.inner[7];
    simdgroup_store(_e4303, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4317 = acc_k.inner[22];
    simdgroup_store(_e4317, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4331 = acc_k.inner[23];
    simdgroup_store(_e4331, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_5 = lid;
    uint2 loop_bound_9 = uint2(4294967295u);
    bool loop_init_9 = true;
    while(true) {
        if (metal::all(loop_bound_9 == uint2(0u))) { break; }
        loop_bound_9 -= uint2(loop_bound_9.y == 0u, 1u);
        if (!loop_init_9) {
            uint _e4382 = x_5;
            x_5 = _e4382 + NT;
        }
        loop_init_9 = false;
        uint _e4345 = x_5;
        if (_e4345 < 256u) {
        } else {
            break;
        }
        {
            uint _e4348 = x_5;
            uint r_5 = naga_div(_e4348, MSR);
            uint _e4352 = x_5;
            uint col_3 = 48u + naga_mod(_e4352, MSR);
            if ((c_lo + r_5) < own_len) {
                uint _e4362 = P.head_dim;
                local_14 = col_3 < _e4362;
            } else {
                local_14 = false;
            }
            bool _e4365 = local_14;
            if (_e4365) {
                uint _e4371 = P.head_dim;
                uint _e4377 = x_5;
                float _e4381 = s_ld((r_5 * SS) + naga_mod(_e4377, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_5) * _e4371) + col_3] = _e4381;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4386 = acc_k.inner[8];
    simdgroup_store(_e4386, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4400 = acc_k.inner[9];
    simdgroup_store(_e4400, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4414 = acc_k.inner[24];
    simdgroup_store(_e4414, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4428 = acc_k.inner[25];
    simdgroup_store(_e4428, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_6 = lid;
    uint2 loop_bound_10 = uint2(4294967295u);
    bool loop_init_10 = true;
    while(true) {
        if (metal::all(loop_bound_10 == uint2(0u))) { break; }
        loop_bound_10 -= uint2(loop_bound_10.y == 0u, 1u);
        if (!loop_init_10) {
            uint _e4479 = x_6;
            x_6 = _e4479 + NT;
        }
        loop_init_10 = false;
        uint _e4442 = x_6;
        if (_e4442 < 256u) {
        } else {
            break;
        }
        {
            uint _e4445 = x_6;
            uint r_6 = naga_div(_e4445, MSR);
            uint _e4449 = x_6;
            uint col_4 = 64u + naga_mod(_e4449, MSR);
            if ((c_lo + r_6) < own_len) {
                uint _e4459 = P.head_dim;
                local_15 = col_4 < _e4459;
            } else {
                local_15 = false;
            }
            bool _e4462 = local_15;
            if (_e4462) {
                uint _e4468 = P.head_dim;
                uint _e4474 = x_6;
                float _e4478 = s_ld((r_6 * SS) + naga_mod(_e4474, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_6) * _e4468) + col_4] = _e4478;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4483 = acc_k.inner[10];
    simdgroup_store(_e4483, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4497 = acc_k.inner[11];
    simdgroup_store(_e4497, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4511 = acc_k.inner[26];
    simdgroup_store(_e4511, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4525 = acc_k.inner[27];
    simdgroup_store(_e4525, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_7 = lid;
    uint2 loop_bound_11 = uint2(4294967295u);
    bool loop_init_11 = true;
    while(true) {
        if (metal::all(loop_bound_11 == uint2(0u))) { break; }
        loop_bound_11 -= uint2(loop_bound_11.y == 0u, 1u);
        if (!loop_init_11) {
            uint _e4576 = x_7;
            x_7 = _e4576 + NT;
        }
        loop_init_11 = false;
        uint _e4539 = x_7;
        if (_e4539 < 256u) {
        } else {
            break;
        }
        {
            uint _e4542 = x_7;
            uint r_7 = naga_div(_e4542, MSR);
            uint _e4546 = x_7;
            uint col_5 = 80u + naga_mod(_e4546, MSR);
            if ((c_lo + r_7) < own_len) {
                uint _e4556 = P.head_dim;
                local_16 = col_5 < _e4556;
            } else {
                local_16 = false;
            }
            bool _e4559 = local_16;
            if (_e4559) {
                uint _e4565 = P.head_dim;
                uint _e4571 = x_7;
                float _e4575 = s_ld((r_7 * SS) + naga_mod(_e4571, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_7) * _e4565) + col_5] = _e4575;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4580 = acc_k.inner[12];
    simdgroup_store(_e4580, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4594 = acc_k.inner[13];
    simdgroup_store(_e4594, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4608 = acc_k.inner[28];
    simdgroup_store(_e4608, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4622 = acc_k.inner[29];
    simdgroup_store(_e4622, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_8 = lid;
    uint2 loop_bound_12 = uint2(4294967295u);
    bool loop_init_12 = true;
    while(true) {
        if (metal::all(loop_bound_12 == uint2(0u))) { break; }
        loop_bound_12 -= uint2(loop_bound_12.y == 0u, 1u);
        if (!loop_init_12) {
            uint _e4673 = x_8;
            x_8 = _e4673 + NT;
        }
        loop_init_12 = false;
        uint _e4636 = x_8;
        if (_e4636 < 256u) {
        } else {
            break;
        }
        {
            uint _e4639 = x_8;
            uint r_8 = naga_div(_e4639, MSR);
            uint _e4643 = x_8;
            uint col_6 = 96u + naga_mod(_e4643, MSR);
            if ((c_lo + r_8) < own_len) {
                uint _e4653 = P.head_dim;
                local_17 = col_6 < _e4653;
            } else {
                local_17 = false;
            }
            bool _e4656 = local_17;
            if (_e4656) {
                uint _e4662 = P.head_dim;
                uint _e4668 = x_8;
                float _e4672 = s_ld((r_8 * SS) + naga_mod(_e4668, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_8) * _e4662) + col_6] = _e4672;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4677 = acc_k.inner[14];
    simdgroup_store(_e4677, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4691 = acc_k.inner[15];
    simdgroup_store(_e4691, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4705 = acc_k.inner[30];
    simdgroup_store(_e4705, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4719 = acc_k.inner[31];
    simdgroup_store(_e4719, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_9 = lid;
    uint2 loop_bound_13 = uint2(4294967295u);
    bool loop_init_13 = true;
    while(true) {
        if (metal::all(loop_bound_13 == uint2(0u))) { break; }
        loop_bound_13 -= uint2(loop_bound_13.y == 0u, 1u);
        if (!loop_init_13) {
            uint _e4770 = x_9;
            x_9 = _e4770 + NT;
        }
        loop_init_13 = false;
        uint _e4733 = x_9;
        if (_e4733 < 256u) {
        } else {
            break;
        }
        {
            uint _e4736 = x_9;
            uint r_9 = naga_div(_e4736, MSR);
            uint _e4740 = x_9;
            uint col_7 = 112u + naga_mod(_e4740, MSR);
            if ((c_lo + r_9) < own_len) {
                uint _e4750 = P.head_dim;
                local_18 = col_7 < _e4750;
            } else {
                local_18 = false;
            }
            bool _e4753 = local_18;
            if (_e4753) {
                uint _e4759 = P.head_dim;
                uint _e4765 = x_9;
                float _e4769 = s_ld((r_9 * SS) + naga_mod(_e4765, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_9) * _e4759) + col_7] = _e4769;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4774 = acc_v.inner[0];
    simdgroup_store(_e4774, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4788 = acc_v.inner[1];
    simdgroup_store(_e4788, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4802 = acc_v.inner[16];
    simdgroup_store(_e4802, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4816 = acc_v.inner[17];
    simdgroup_store(_e4816, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_10 = lid;
    uint2 loop_bound_14 = uint2(4294967295u);
    bool loop_init_14 = true;
    while(true) {
        if (metal::all(loop_bound_14 == uint2(0u))) { break; }
        loop_bound_14 -= uint2(loop_bound_14.y == 0u, 1u);
        if (!loop_init_14) {
            uint _e4871 = x_10;
            x_10 = _e4871 + NT;
        }
        loop_init_14 = false;
        uint _e4830 = x_10;
        if (_e4830 < 256u) {
        } else {
            break;
        }
        {
            uint _e4833 = x_10;
            uint r_10 = naga_div(_e4833, MSR);
            uint _e4837 = x_10;
            uint col_8 = 0u + naga_mod(_e4837, MSR);
            if ((c_lo + r_10) < own_len) {
                uint _e4847 = P.head_dim_v;
                local_19 = col_8 < _e4847;
            } else {
                local_19 = false;
            }
            bool _e4850 = local_19;
            if (_e4850) {
                uint _e4854 = P.dv_at;
                uint _e4859 = P.head_dim_v;
                uint _e4866 = x_10;
                float _e4870 = s_ld((r_10 * SS) + naga_mod(_e4866, MSR), wg);
                out_buf[(_e4854 + (((out_row0_ + c_lo) + r_10) * _e4859)) + col_8] = _e4870;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4875 = acc_v.inner[2];
    simdgroup_store(_e4875, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4889 = acc_v.inner[3];
    simdgroup_store(_e4889, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4903 = acc_v.inner[18];
    simdgroup_store(_e4903, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4917 = acc_v.inner[19];
    simdgroup_store(_e4917, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_11 = lid;
    uint2 loop_bound_15 = uint2(4294967295u);
    bool loop_init_15 = true;
    while(true) {
        if (metal::all(loop_bound_15 == uint2(0u))) { break; }
        loop_bound_15 -= uint2(loop_bound_15.y == 0u, 1u);
        if (!loop_init_15) {
            uint _e4972 = x_11;
            x_11 = _e4972 + NT;
        }
        loop_init_15 = false;
        uint _e4931 = x_11;
        if (_e4931 < 256u) {
        } else {
            break;
        }
        {
            uint _e4934 = x_11;
            uint r_11 = naga_div(_e4934, MSR);
            uint _e4938 = x_11;
            uint col_9 = 16u + naga_mod(_e4938, MSR);
            if ((c_lo + r_11) < own_len) {
                uint _e4948 = P.head_dim_v;
                local_20 = col_9 < _e4948;
            } else {
                local_20 = false;
            }
            bool _e4951 = local_20;
            if (_e4951) {
                uint _e4955 = P.dv_at;
                uint _e4960 = P.head_dim_v;
                uint _e4967 = x_11;
                float _e4971 = s_ld((r_11 * SS) + naga_mod(_e4967, MSR), wg);
                out_buf[(_e4955 + (((out_row0_ + c_lo) + r_11) * _e4960)) + col_9] = _e4971;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4976 = acc_v.inner[4];
    simdgroup_store(_e4976, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4990 = acc_v.inner[5];
    simdgroup_store(_e4990, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e5004 = acc_v.inner[20];
    simdgroup_store(_e5004, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e5018 = acc_v.inner[21];
    simdgroup_store(_e5018, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_12 = lid;
    uint2 loop_bound_16 = uint2(4294967295u);
    bool loop_init_16 = true;
    while(true) {
        if (metal::all(loop_bound_16 == uint2(0u))) { break; }
        loop_bound_16 -= uint2(loop_bound_16.y == 0u, 1u);
        if (!loop_init_16) {
            uint _e5073 = x_12;
            x_12 = _e5073 + NT;
        }
        loop_init_16 = false;
        uint _e5032 = x_12;
        if (_e5032 < 256u) {
        } else {
            break;
        }
        {
            uint _e5035 = x_12;
            uint r_12 = naga_div(_e5035, MSR);
            uint _e5039 = x_12;
            uint col_10 = 32u + naga_mod(_e5039, MSR);
            if ((c_lo + r_12) < own_len) {
                uint _e5049 = P.head_dim_v;
                local_21 = col_10 < _e5049;
            } else {
                local_21 = false;
            }
            bool _e5052 = local_21;
            if (_e5052) {
                uint _e5056 = P.dv_at;
                uint _e5061 = P.head_dim_v;
                uint _e5068 = x_12;
                float _e5072 = s_ld((r_12 * SS) + naga_mod(_e5068, MSR), wg);
                out_buf[(_e5056 + (((out_row0_ + c_lo) + r_12) * _e5061)) + col_10] = _e5072;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e5077 = acc_v.inner[6];
    simdgroup_store(_e5077, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e5091 = acc_v.inner[7];
    simdgroup_store(_e5091, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e5105 = acc_v.inner[22];
    simdgroup_store(_e5105, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e5119 = acc_v.inner[23];
    simdgroup_store(_e5119, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_13 = lid;
    uint2 loop_bound_17 = uint2(4294967295u);
    bool loop_init_17 = true;
    while(true) {
        if (metal::all(loop_bound_17 == uint2(0u))) { break; }
        loop_bound_17 -= uint2(loop_bound_17.y == 0u, 1u);
        if (!loop_init_17) {
            uint _e5174 = x_13;
            x_13 = _e5174 + NT;
        }
        loop_init_17 = false;
        uint _e5133 = x_13;
        if (_e5133 < 256u) {
        } else {
            break;
        }
        {
            uint _e5136 = x_13;
            uint r_13 = naga_div(_e5136, MSR);
            uint _e5140 = x_13;
            uint col_11 = 48u + naga_mod(_e5140, MSR);
            if ((c_lo + r_13) < own_len) {
                uint _e5150 = P.head_dim_v;
                local_22 = col_11 < _e5150;
            } else {
                local_22 = false;
            }
            bool _e5153 = local_22;
            if (_e5153) {
                uint _e5157 = P.dv_at;
                uint _e5162 = P.head_dim_v;
                uint _e5169 = x_13;
                float _e5173 = s_ld((r_13 * SS) + naga_mod(_e5169, MSR), wg);
                out_buf[(_e5157 + (((out_row0_ + c_lo) + r_13) * _e5162)) + col_11] = _e5173;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e5178 = acc_v.inner[8];
    simdgroup_store(_e5178, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e5192 = acc_v.inner[9];
    simdgroup_store(_e5192, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e5206 = acc_v.inner[24];
    simdgroup_store(_e5206, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e5220 = acc_v.inner[25];
    simdgroup_store(_e5220, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_14 = lid;
    uint2 loop_bound_18 = uint2(4294967295u);
    bool loop_init_18 = true;
    while(true) {
        if (metal::all(loop_bound_18 == uint2(0u))) { break; }
        loop_bound_18 -= uint2(loop_bound_18.y == 0u, 1u);
        if (!loop_init_18) {
            uint _e5275 = x_14;
            x_14 = _e5275 + NT;
        }
        loop_init_18 = false;
        uint _e5234 = x_14;
        if (_e5234 < 256u) {
        } else {
            break;
        }
        {
            uint _e5237 = x_14;
            uint r_14 = naga_div(_e5237, MSR);
            uint _e5241 = x_14;
            uint col_12 = 64u + naga_mod(_e5241, MSR);
            if ((c_lo + r_14) < own_len) {
                uint _e5251 = P.head_dim_v;
                local_23 = col_12 < _e5251;
            } else {
                local_23 = false;
            }
            bool _e5254 = local_23;
            if (_e5254) {
                uint _e5258 = P.dv_at;
                uint _e5263 = P.head_dim_v;
                uint _e5270 = x_14;
                float _e5274 = s_ld((r_14 * SS) + naga_mod(_e5270, MSR), wg);
                out_buf[(_e5258 + (((out_row0_ + c_lo) + r_14) * _e5263)) + col_12] = _e5274;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e5279 = acc_v.inner[10];
    simdgroup_store(_e5279, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e5293 = acc_v.inner[11];
    simdgroup_store(_e5293, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e5307 = acc_v.inner[26];
    simdgroup_store(_e5307, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e5321 = acc_v.inner[27];
    simdgroup_store(_e5321, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_15 = lid;
    uint2 loop_bound_19 = uint2(4294967295u);
    bool loop_init_19 = true;
    while(true) {
        if (metal::all(loop_bound_19 == uint2(0u))) { break; }
        loop_bound_19 -= uint2(loop_bound_19.y == 0u, 1u);
        if (!loop_init_19) {
            uint _e5376 = x_15;
            x_15 = _e5376 + NT;
        }
        loop_init_19 = false;
        uint _e5335 = x_15;
        if (_e5335 < 256u) {
        } else {
            break;
        }
        {
            uint _e5338 = x_15;
            uint r_15 = naga_div(_e5338, MSR);
            uint _e5342 = x_15;
            uint col_13 = 80u + naga_mod(_e5342, MSR);
            if ((c_lo + r_15) < own_len) {
                uint _e5352 = P.head_dim_v;
                local_24 = col_13 < _e5352;
            } else {
                local_24 = false;
            }
            bool _e5355 = local_24;
            if (_e5355) {
                uint _e5359 = P.dv_at;
                uint _e5364 = P.head_dim_v;
                uint _e5371 = x_15;
                float _e5375 = s_ld((r_15 * SS) + naga_mod(_e5371, MSR), wg);
                out_buf[(_e5359 + (((out_row0_ + c_lo) + r_15) * _e5364)) + col_13] = _e5375;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e5380 = acc_v.inner[12];
    simdgroup_store(_e5380, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e5394 = acc_v.inner[13];
    simdgroup_store(_e5394, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e5408 = acc_v.inner[28];
    simdgroup_store(_e5408, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e5422 = acc_v.inner[29];
    simdgroup_store(_e5422, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_16 = lid;
    uint2 loop_bound_20 = uint2(4294967295u);
    bool loop_init_20 = true;
    while(true) {
        if (metal::all(loop_bound_20 == uint2(0u))) { break; }
        loop_bound_20 -= uint2(loop_bound_20.y == 0u, 1u);
        if (!loop_init_20) {
            uint _e5477 = x_16;
            x_16 = _e5477 + NT;
        }
        loop_init_20 = false;
        uint _e5436 = x_16;
        if (_e5436 < 256u) {
        } else {
            break;
        }
        {
            uint _e5439 = x_16;
            uint r_16 = naga_div(_e5439, MSR);
            uint _e5443 = x_16;
            uint col_14 = 96u + naga_mod(_e5443, MSR);
            if ((c_lo + r_16) < own_len) {
                uint _e5453 = P.head_dim_v;
                local_25 = col_14 < _e5453;
            } else {
                local_25 = false;
            }
            bool _e5456 = local_25;
            if (_e5456) {
                uint _e5460 = P.dv_at;
                uint _e5465 = P.head_dim_v;
                uint _e5472 = x_16;
                float _e5476 = s_ld((r_16 * SS) + naga_mod(_e5472, MSR), wg);
                out_buf[(_e5460 + (((out_row0_ + c_lo) + r_16) * _e5465)) + col_14] = _e5476;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e5481 = acc_v.inner[14];
    simdgroup_store(_e5481, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e5495 = acc_v.inner[15];
    simdgroup_store(_e5495, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e5509 = acc_v.inner[30];
    simdgroup_store(_e5509, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e5523 = acc_v.inner[31];
    simdgroup_store(_e5523, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_17 = lid;
    uint2 loop_bound_21 = uint2(4294967295u);
    bool loop_init_21 = true;
    while(true) {
        if (metal::all(loop_bound_21 == uint2(0u))) { break; }
        loop_bound_21 -= uint2(loop_bound_21.y == 0u, 1u);
        if (!loop_init_21) {
            uint _e5578 = x_17;
            x_17 = _e5578 + NT;
        }
        loop_init_21 = false;
        uint _e5537 = x_17;
        if (_e5537 < 256u) {
        } else {
            break;
        }
        {
            uint _e5540 = x_17;
            uint r_17 = naga_div(_e5540, MSR);
            uint _e5544 = x_17;
            uint col_15 = 112u + naga_mod(_e5544, MSR);
            if ((c_lo + r_17) < own_len) {
                uint _e5554 = P.head_dim_v;
                local_26 = col_15 < _e5554;
            } else {
                local_26 = false;
            }
            bool _e5557 = local_26;
            if (_e5557) {
                uint _e5561 = P.dv_at;
                uint _e5566 = P.head_dim_v;
                uint _e5573 = x_17;
                float _e5577 = s_ld((r_17 * SS) + naga_mod(_e5573, MSR), wg);
                out_buf[(_e5561 + (((out_row0_ + c_lo) + r_17) * _e5566)) + col_15] = _e5577;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    return;
}
