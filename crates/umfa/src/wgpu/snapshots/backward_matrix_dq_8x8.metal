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
    uint h
) {
    uint sign = (h & 32768u) << 16u;
    uint exponent = (h >> 10u) & 31u;
    uint mantissa = h & 1023u;
    if (exponent == 0u) {
        float x_9 = static_cast<float>(mantissa) * 0.000000059604645;
        return (sign != 0u) ? -(x_9) : x_9;
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
    uint h_1,
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
    float _e31 = ld_mask(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e6) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b)) * as_type<uint>(_e10))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_1)) * as_type<uint>(_e16))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(i)) * as_type<uint>(_e22))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(j)) * as_type<uint>(_e28)))), P, mask_buf, _buffer_sizes);
    return _e31;
}

uint naga_div(uint lhs, uint rhs) {
    return lhs / metal::select(rhs, 1u, rhs == 0u);
}

bool visible(
    uint b_1,
    uint h_2,
    uint i_1,
    uint j_1,
    constant Params& P,
    device type_4 const& mask_buf,
    device type_4 const& blocks_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    bool local_16 = {};
    bool local_17 = {};
    bool local_18 = {};
    bool read_bool = {};
    uint _e6 = P.seq_q;
    if (!((i_1 >= _e6))) {
        uint _e13 = P.seq_kv;
        local_16 = j_1 >= _e13;
    } else {
        local_16 = true;
    }
    bool _e16 = local_16;
    if (_e16) {
        return false;
    }
    int d = as_type<int>(as_type<uint>(static_cast<int>(j_1)) - as_type<uint>(static_cast<int>(i_1)));
    int _e23 = P.has_band_lo;
    if (_e23 != 0) {
        int _e30 = P.band_lo;
        local_17 = d < _e30;
    } else {
        local_17 = false;
    }
    bool _e33 = local_17;
    if (_e33) {
        return false;
    }
    int _e37 = P.has_band_hi;
    if (_e37 != 0) {
        int _e44 = P.band_hi;
        local_18 = d > _e44;
    } else {
        local_18 = false;
    }
    bool _e47 = local_18;
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
        int e_5 = as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e62) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b_1)) * as_type<uint>(_e66))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_2)) * as_type<uint>(_e72))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(i_1, _e77))) * as_type<uint>(_e82))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(j_1, _e87))) * as_type<uint>(_e92))));
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
        float _e103 = mask_value(b_1, h_2, i_1, j_1, P, mask_buf, _buffer_sizes);
        return _e103 != 0.0;
    }
    return true;
}

bool plain_scores(
    constant Params& P
) {
    bool local_19 = {};
    bool local_20 = {};
    bool local_21 = {};
    int _e2 = P.mask_kind;
    if (_e2 == MASK_NONE) {
        int _e9 = P.has_blocks;
        local_19 = _e9 == 0;
    } else {
        local_19 = false;
    }
    bool _e13 = local_19;
    if (_e13) {
        uint _e18 = P.has_alibi;
        local_20 = _e18 == 0u;
    } else {
        local_20 = false;
    }
    bool _e22 = local_20;
    if (_e22) {
        float _e27 = P.softcap;
        local_21 = _e27 == 0.0;
    } else {
        local_21 = false;
    }
    bool _e31 = local_21;
    return _e31;
}

metal::float2 score(
    uint b_2,
    uint h_3,
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
        float slope = aux_buf[(_e44 + (b_2 * _e47)) + h_3];
        float _e53 = s;
        int _e58 = P.diag;
        s = _e53 - (slope * metal::abs(static_cast<float>(as_type<int>(as_type<uint>(static_cast<int>(j_2)) - as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(i_2)) + as_type<uint>(_e58)))))));
    }
    int _e67 = P.mask_kind;
    if (_e67 == MASK_ADDITIVE) {
        float _e70 = s;
        float _e71 = mask_value(b_2, h_3, i_2, j_2, P, mask_buf, _buffer_sizes);
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
    uint h_4,
    constant Params& P,
    device type_5 const& aux_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint _e4 = P.sinks_at;
    float _e7 = aux_buf[_e4 + h_4];
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


struct backward_matrix_dqInput {
};
[[max_total_threads_per_threadgroup(32)]] kernel void backward_matrix_dq(
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
    uint x = {};
    float lse_own = MASKED;
    float delta_own = 0.0;
    int s_begin = 0;
    int s_end = {};
    type_15 acc_k = {};
    int t0_ = {};
    type_16 xa = {};
    type_16 dxa = {};
    bool local = {};
    bool local_1 = {};
    bool local_2 = {};
    bool local_3 = {};
    bool local_4 = {};
    bool local_5 = {};
    uint e = {};
    float p = {};
    float ds = {};
    bool local_6 = {};
    bool local_7 = {};
    uint x_1 = {};
    bool local_8 = {};
    uint x_2 = {};
    bool local_9 = {};
    uint x_3 = {};
    bool local_10 = {};
    uint x_4 = {};
    bool local_11 = {};
    uint x_5 = {};
    bool local_12 = {};
    uint x_6 = {};
    bool local_13 = {};
    uint x_7 = {};
    bool local_14 = {};
    uint x_8 = {};
    bool local_15 = {};
    uint b_3 = wid.z;
    uint r_lo = wid.x * MO;
    uint part = naga_mod(lane, 2u);
    uint er = (sg * RS) + naga_div(lane, 2u);
    bool _e15 = plain_scores(P);
    x = lid;
    uint2 loop_bound_1 = uint2(4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (metal::all(loop_bound_1 == uint2(0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e25 = x;
            x = _e25 + NT;
        }
        loop_init_1 = false;
        uint _e17 = x;
        if (_e17 < 64u) {
        } else {
            break;
        }
        {
            uint _e22 = x;
            wg.mzero.inner[_e22] = 0.0;
        }
    }
    uint h_5 = wid.y;
    uint _e31 = P.group;
    uint hk = naga_div(h_5, _e31);
    uint own_len = P.seq_q;
    uint _e38 = P.heads_q;
    uint _e41 = m_q_row((b_3 * _e38) + h_5, r_lo, P);
    stage_rows(lid, _e41, MO, 32u, OA_AT, SQ, h_buf, wg, _buffer_sizes);
    uint _e48 = P.heads_q;
    uint _e51 = m_do_row((b_3 * _e48) + h_5, r_lo, P);
    stage_rows(lid, _e51, MO, 32u, OB_AT, SV, h_buf, wg, _buffer_sizes);
    uint i_3 = r_lo + er;
    uint _e63 = P.seq_q;
    if (i_3 < _e63) {
        uint _e67 = P.heads_q;
        uint _e72 = P.seq_q;
        uint row = (((b_3 * _e67) + h_5) * _e72) + i_3;
        float _e77 = rows_buf[row];
        lse_own = _e77;
        uint _e81 = P.delta_at;
        float _e84 = rows_buf[_e81 + row];
        delta_own = _e84;
    }
    uint _e89 = P.seq_q;
    uint last_row = metal::min(r_lo + MO, _e89) - 1u;
    uint _e97 = P.seq_kv;
    s_end = static_cast<int>(_e97);
    int _e102 = P.has_band_lo;
    if (_e102 != 0) {
        int _e109 = P.band_lo;
        s_begin = metal::max(0, as_type<int>(as_type<uint>(static_cast<int>(r_lo)) + as_type<uint>(_e109)));
    }
    int _e114 = P.has_band_hi;
    if (_e114 != 0) {
        int _e117 = s_end;
        int _e121 = P.band_hi;
        s_end = metal::min(_e117, as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(last_row)) + as_type<uint>(_e121))) + as_type<uint>(1)));
    }
    int _e126 = s_begin;
    s_begin = as_type<int>(as_type<uint>(naga_div(_e126, 16)) * as_type<uint>(16));
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
    {
        int _e169 = s_begin;
        t0_ = _e169;
        uint2 loop_bound_2 = uint2(4294967295u);
        bool loop_init_2 = true;
        while(true) {
            if (metal::all(loop_bound_2 == uint2(0u))) { break; }
            loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
            if (!loop_init_2) {
                int _e3231 = t0_;
                t0_ = as_type<int>(as_type<uint>(_e3231) + as_type<uint>(16));
            }
            loop_init_2 = false;
            int _e171 = t0_;
            int _e172 = s_end;
            if (_e171 < _e172) {
            } else {
                break;
            }
            {
                int _e174 = t0_;
                uint c_lo = static_cast<uint>(_e174);
                uint _e178 = P.heads_kv;
                uint _e181 = m_k_row((b_3 * _e178) + hk, c_lo, P);
                stage_rows(lid, _e181, MSR, 32u, SA_AT, SQ, h_buf, wg, _buffer_sizes);
                uint _e188 = P.heads_kv;
                uint _e191 = m_v_row((b_3 * _e188) + hk, c_lo, P);
                stage_rows(lid, _e191, MSR, 32u, SB_AT, SV, h_buf, wg, _buffer_sizes);
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
                    CoopC _e230 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, true), _e230);
                    CoopC _e239 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, true), _e239);
                }
                {
                    metal::simdgroup_half8x8 a_1 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 0u], SQ, false);
                    CoopC _e263 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_1, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, true), _e263);
                    CoopC _e272 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_1, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, true), _e272);
                }
                {
                    metal::simdgroup_half8x8 a_2 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 8u], SQ, false);
                    CoopC _e296 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_2, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, true), _e296);
                    CoopC _e305 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_2, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, true), _e305);
                }
                {
                    metal::simdgroup_half8x8 a_3 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 8u], SQ, false);
                    CoopC _e329 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_3, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, true), _e329);
                    CoopC _e338 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_3, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, true), _e338);
                }
                {
                    metal::simdgroup_half8x8 a_4 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 16u], SQ, false);
                    CoopC _e362 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_4, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, true), _e362);
                    CoopC _e371 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_4, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, true), _e371);
                }
                {
                    metal::simdgroup_half8x8 a_5 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 16u], SQ, false);
                    CoopC _e395 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_5, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, true), _e395);
                    CoopC _e404 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_5, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, true), _e404);
                }
                {
                    metal::simdgroup_half8x8 a_6 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 24u], SQ, false);
                    CoopC _e428 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_6, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, true), _e428);
                    CoopC _e437 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_6, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, true), _e437);
                }
                {
                    metal::simdgroup_half8x8 a_7 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 24u], SQ, false);
                    CoopC _e461 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_7, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, true), _e461);
                    CoopC _e470 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_7, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, true), _e470);
                }
                {
                    metal::simdgroup_half8x8 a_8 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 32u], SQ, false);
                    CoopC _e494 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_8, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, true), _e494);
                    CoopC _e503 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_8, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, true), _e503);
                }
                {
                    metal::simdgroup_half8x8 a_9 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 32u], SQ, false);
                    CoopC _e527 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_9, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, true), _e527);
                    CoopC _e536 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_9, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, true), _e536);
                }
                {
                    metal::simdgroup_half8x8 a_10 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 40u], SQ, false);
                    CoopC _e560 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_10, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, true), _e560);
                    CoopC _e569 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_10, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, true), _e569);
                }
                {
                    metal::simdgroup_half8x8 a_11 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 40u], SQ, false);
                    CoopC _e593 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_11, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, true), _e593);
                    CoopC _e602 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_11, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, true), _e602);
                }
                {
                    metal::simdgroup_half8x8 a_12 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 48u], SQ, false);
                    CoopC _e626 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_12, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, true), _e626);
                    CoopC _e635 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_12, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, true), _e635);
                }
                {
                    metal::simdgroup_half8x8 a_13 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 48u], SQ, false);
                    CoopC _e659 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_13, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, true), _e659);
                    CoopC _e668 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_13, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, true), _e668);
                }
                {
                    metal::simdgroup_half8x8 a_14 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 56u], SQ, false);
                    CoopC _e692 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_14, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, true), _e692);
                    CoopC _e701 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_14, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, true), _e701);
                }
                {
                    metal::simdgroup_half8x8 a_15 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 56u], SQ, false);
                    CoopC _e725 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_15, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, true), _e725);
                    CoopC _e734 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_15, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, true), _e734);
                }
                {
                    metal::simdgroup_half8x8 a_16 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 64u], SQ, false);
                    CoopC _e758 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_16, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, true), _e758);
                    CoopC _e767 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_16, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, true), _e767);
                }
                {
                    metal::simdgroup_half8x8 a_17 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 64u], SQ, false);
                    CoopC _e791 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_17, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, true), _e791);
                    CoopC _e800 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_17, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, true), _e800);
                }
                {
                    metal::simdgroup_half8x8 a_18 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 72u], SQ, false);
                    CoopC _e824 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_18, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, true), _e824);
                    CoopC _e833 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_18, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, true), _e833);
                }
                {
                    metal::simdgroup_half8x8 a_19 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 72u], SQ, false);
                    CoopC _e857 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_19, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, true), _e857);
                    CoopC _e866 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_19, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, true), _e866);
                }
                {
                    metal::simdgroup_half8x8 a_20 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 80u], SQ, false);
                    CoopC _e890 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_20, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, true), _e890);
                    CoopC _e899 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_20, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, true), _e899);
                }
                {
                    metal::simdgroup_half8x8 a_21 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 80u], SQ, false);
                    CoopC _e923 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_21, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, true), _e923);
                    CoopC _e932 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_21, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, true), _e932);
                }
                {
                    metal::simdgroup_half8x8 a_22 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 88u], SQ, false);
                    CoopC _e956 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_22, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, true), _e956);
                    CoopC _e965 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_22, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, true), _e965);
                }
                {
                    metal::simdgroup_half8x8 a_23 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 88u], SQ, false);
                    CoopC _e989 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_23, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, true), _e989);
                    CoopC _e998 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_23, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, true), _e998);
                }
                {
                    metal::simdgroup_half8x8 a_24 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 96u], SQ, false);
                    CoopC _e1022 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_24, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, true), _e1022);
                    CoopC _e1031 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_24, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, true), _e1031);
                }
                {
                    metal::simdgroup_half8x8 a_25 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 96u], SQ, false);
                    CoopC _e1055 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_25, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, true), _e1055);
                    CoopC _e1064 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_25, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, true), _e1064);
                }
                {
                    metal::simdgroup_half8x8 a_26 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 104u], SQ, false);
                    CoopC _e1088 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_26, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, true), _e1088);
                    CoopC _e1097 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_26, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, true), _e1097);
                }
                {
                    metal::simdgroup_half8x8 a_27 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 104u], SQ, false);
                    CoopC _e1121 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_27, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, true), _e1121);
                    CoopC _e1130 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_27, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, true), _e1130);
                }
                {
                    metal::simdgroup_half8x8 a_28 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 112u], SQ, false);
                    CoopC _e1154 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_28, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, true), _e1154);
                    CoopC _e1163 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_28, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, true), _e1163);
                }
                {
                    metal::simdgroup_half8x8 a_29 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 112u], SQ, false);
                    CoopC _e1187 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_29, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, true), _e1187);
                    CoopC _e1196 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_29, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, true), _e1196);
                }
                {
                    metal::simdgroup_half8x8 a_30 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 120u], SQ, false);
                    CoopC _e1220 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_30, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, true), _e1220);
                    CoopC _e1229 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_30, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, true), _e1229);
                }
                {
                    metal::simdgroup_half8x8 a_31 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 120u], SQ, false);
                    CoopC _e1253 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_31, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, true), _e1253);
                    CoopC _e1262 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_31, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, true), _e1262);
                }
                {
                    metal::simdgroup_half8x8 a_32 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 0u], SV, false);
                    CoopC _e1286 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_32, NagaCooperativeLoad(&wg.mh.inner[6528], SV, true), _e1286);
                    CoopC _e1295 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_32, NagaCooperativeLoad(&wg.mh.inner[7616], SV, true), _e1295);
                }
                {
                    metal::simdgroup_half8x8 a_33 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 0u], SV, false);
                    CoopC _e1319 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_33, NagaCooperativeLoad(&wg.mh.inner[6528], SV, true), _e1319);
                    CoopC _e1328 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_33, NagaCooperativeLoad(&wg.mh.inner[7616], SV, true), _e1328);
                }
                {
                    metal::simdgroup_half8x8 a_34 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 8u], SV, false);
                    CoopC _e1352 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_34, NagaCooperativeLoad(&wg.mh.inner[6536], SV, true), _e1352);
                    CoopC _e1361 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_34, NagaCooperativeLoad(&wg.mh.inner[7624], SV, true), _e1361);
                }
                {
                    metal::simdgroup_half8x8 a_35 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 8u], SV, false);
                    CoopC _e1385 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_35, NagaCooperativeLoad(&wg.mh.inner[6536], SV, true), _e1385);
                    CoopC _e1394 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_35, NagaCooperativeLoad(&wg.mh.inner[7624], SV, true), _e1394);
                }
                {
                    metal::simdgroup_half8x8 a_36 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 16u], SV, false);
                    CoopC _e1418 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_36, NagaCooperativeLoad(&wg.mh.inner[6544], SV, true), _e1418);
                    CoopC _e1427 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_36, NagaCooperativeLoad(&wg.mh.inner[7632], SV, true), _e1427);
                }
                {
                    metal::simdgroup_half8x8 a_37 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 16u], SV, false);
                    CoopC _e1451 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_37, NagaCooperativeLoad(&wg.mh.inner[6544], SV, true), _e1451);
                    CoopC _e1460 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_37, NagaCooperativeLoad(&wg.mh.inner[7632], SV, true), _e1460);
                }
                {
                    metal::simdgroup_half8x8 a_38 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 24u], SV, false);
                    CoopC _e1484 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_38, NagaCooperativeLoad(&wg.mh.inner[6552], SV, true), _e1484);
                    CoopC _e1493 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_38, NagaCooperativeLoad(&wg.mh.inner[7640], SV, true), _e1493);
                }
                {
                    metal::simdgroup_half8x8 a_39 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 24u], SV, false);
                    CoopC _e1517 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_39, NagaCooperativeLoad(&wg.mh.inner[6552], SV, true), _e1517);
                    CoopC _e1526 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_39, NagaCooperativeLoad(&wg.mh.inner[7640], SV, true), _e1526);
                }
                {
                    metal::simdgroup_half8x8 a_40 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 32u], SV, false);
                    CoopC _e1550 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_40, NagaCooperativeLoad(&wg.mh.inner[6560], SV, true), _e1550);
                    CoopC _e1559 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_40, NagaCooperativeLoad(&wg.mh.inner[7648], SV, true), _e1559);
                }
                {
                    metal::simdgroup_half8x8 a_41 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 32u], SV, false);
                    CoopC _e1583 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_41, NagaCooperativeLoad(&wg.mh.inner[6560], SV, true), _e1583);
                    CoopC _e1592 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_41, NagaCooperativeLoad(&wg.mh.inner[7648], SV, true), _e1592);
                }
                {
                    metal::simdgroup_half8x8 a_42 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 40u], SV, false);
                    CoopC _e1616 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_42, NagaCooperativeLoad(&wg.mh.inner[6568], SV, true), _e1616);
                    CoopC _e1625 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_42, NagaCooperativeLoad(&wg.mh.inner[7656], SV, true), _e1625);
                }
                {
                    metal::simdgroup_half8x8 a_43 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 40u], SV, false);
                    CoopC _e1649 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_43, NagaCooperativeLoad(&wg.mh.inner[6568], SV, true), _e1649);
                    CoopC _e1658 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_43, NagaCooperativeLoad(&wg.mh.inner[7656], SV, true), _e1658);
                }
                {
                    metal::simdgroup_half8x8 a_44 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 48u], SV, false);
                    CoopC _e1682 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_44, NagaCooperativeLoad(&wg.mh.inner[6576], SV, true), _e1682);
                    CoopC _e1691 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_44, NagaCooperativeLoad(&wg.mh.inner[7664], SV, true), _e1691);
                }
                {
                    metal::simdgroup_half8x8 a_45 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 48u], SV, false);
                    CoopC _e1715 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_45, NagaCooperativeLoad(&wg.mh.inner[6576], SV, true), _e1715);
                    CoopC _e1724 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_45, NagaCooperativeLoad(&wg.mh.inner[7664], SV, true), _e1724);
                }
                {
                    metal::simdgroup_half8x8 a_46 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 56u], SV, false);
                    CoopC _e1748 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_46, NagaCooperativeLoad(&wg.mh.inner[6584], SV, true), _e1748);
                    CoopC _e1757 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_46, NagaCooperativeLoad(&wg.mh.inner[7672], SV, true), _e1757);
                }
                {
                    metal::simdgroup_half8x8 a_47 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 56u], SV, false);
                    CoopC _e1781 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_47, NagaCooperativeLoad(&wg.mh.inner[6584], SV, true), _e1781);
                    CoopC _e1790 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_47, NagaCooperativeLoad(&wg.mh.inner[7672], SV, true), _e1790);
                }
                {
                    metal::simdgroup_half8x8 a_48 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 64u], SV, false);
                    CoopC _e1814 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_48, NagaCooperativeLoad(&wg.mh.inner[6592], SV, true), _e1814);
                    CoopC _e1823 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_48, NagaCooperativeLoad(&wg.mh.inner[7680], SV, true), _e1823);
                }
                {
                    metal::simdgroup_half8x8 a_49 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 64u], SV, false);
                    CoopC _e1847 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_49, NagaCooperativeLoad(&wg.mh.inner[6592], SV, true), _e1847);
                    CoopC _e1856 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_49, NagaCooperativeLoad(&wg.mh.inner[7680], SV, true), _e1856);
                }
                {
                    metal::simdgroup_half8x8 a_50 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 72u], SV, false);
                    CoopC _e1880 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_50, NagaCooperativeLoad(&wg.mh.inner[6600], SV, true), _e1880);
                    CoopC _e1889 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_50, NagaCooperativeLoad(&wg.mh.inner[7688], SV, true), _e1889);
                }
                {
                    metal::simdgroup_half8x8 a_51 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 72u], SV, false);
                    CoopC _e1913 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_51, NagaCooperativeLoad(&wg.mh.inner[6600], SV, true), _e1913);
                    CoopC _e1922 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_51, NagaCooperativeLoad(&wg.mh.inner[7688], SV, true), _e1922);
                }
                {
                    metal::simdgroup_half8x8 a_52 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 80u], SV, false);
                    CoopC _e1946 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_52, NagaCooperativeLoad(&wg.mh.inner[6608], SV, true), _e1946);
                    CoopC _e1955 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_52, NagaCooperativeLoad(&wg.mh.inner[7696], SV, true), _e1955);
                }
                {
                    metal::simdgroup_half8x8 a_53 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 80u], SV, false);
                    CoopC _e1979 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_53, NagaCooperativeLoad(&wg.mh.inner[6608], SV, true), _e1979);
                    CoopC _e1988 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_53, NagaCooperativeLoad(&wg.mh.inner[7696], SV, true), _e1988);
                }
                {
                    metal::simdgroup_half8x8 a_54 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 88u], SV, false);
                    CoopC _e2012 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_54, NagaCooperativeLoad(&wg.mh.inner[6616], SV, true), _e2012);
                    CoopC _e2021 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_54, NagaCooperativeLoad(&wg.mh.inner[7704], SV, true), _e2021);
                }
                {
                    metal::simdgroup_half8x8 a_55 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 88u], SV, false);
                    CoopC _e2045 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_55, NagaCooperativeLoad(&wg.mh.inner[6616], SV, true), _e2045);
                    CoopC _e2054 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_55, NagaCooperativeLoad(&wg.mh.inner[7704], SV, true), _e2054);
                }
                {
                    metal::simdgroup_half8x8 a_56 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 96u], SV, false);
                    CoopC _e2078 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_56, NagaCooperativeLoad(&wg.mh.inner[6624], SV, true), _e2078);
                    CoopC _e2087 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_56, NagaCooperativeLoad(&wg.mh.inner[7712], SV, true), _e2087);
                }
                {
                    metal::simdgroup_half8x8 a_57 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 96u], SV, false);
                    CoopC _e2111 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_57, NagaCooperativeLoad(&wg.mh.inner[6624], SV, true), _e2111);
                    CoopC _e2120 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_57, NagaCooperativeLoad(&wg.mh.inner[7712], SV, true), _e2120);
                }
                {
                    metal::simdgroup_half8x8 a_58 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 104u], SV, false);
                    CoopC _e2144 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_58, NagaCooperativeLoad(&wg.mh.inner[6632], SV, true), _e2144);
                    CoopC _e2153 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_58, NagaCooperativeLoad(&wg.mh.inner[7720], SV, true), _e2153);
                }
                {
                    metal::simdgroup_half8x8 a_59 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 104u], SV, false);
                    CoopC _e2177 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_59, NagaCooperativeLoad(&wg.mh.inner[6632], SV, true), _e2177);
                    CoopC _e2186 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_59, NagaCooperativeLoad(&wg.mh.inner[7720], SV, true), _e2186);
                }
                {
                    metal::simdgroup_half8x8 a_60 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 112u], SV, false);
                    CoopC _e2210 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_60, NagaCooperativeLoad(&wg.mh.inner[6640], SV, true), _e2210);
                    CoopC _e2219 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_60, NagaCooperativeLoad(&wg.mh.inner[7728], SV, true), _e2219);
                }
                {
                    metal::simdgroup_half8x8 a_61 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 112u], SV, false);
                    CoopC _e2243 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_61, NagaCooperativeLoad(&wg.mh.inner[6640], SV, true), _e2243);
                    CoopC _e2252 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_61, NagaCooperativeLoad(&wg.mh.inner[7728], SV, true), _e2252);
                }
                {
                    metal::simdgroup_half8x8 a_62 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 120u], SV, false);
                    CoopC _e2276 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_62, NagaCooperativeLoad(&wg.mh.inner[6648], SV, true), _e2276);
                    CoopC _e2285 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_62, NagaCooperativeLoad(&wg.mh.inner[7736], SV, true), _e2285);
                }
                {
                    metal::simdgroup_half8x8 a_63 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 120u], SV, false);
                    CoopC _e2309 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_63, NagaCooperativeLoad(&wg.mh.inner[6648], SV, true), _e2309);
                    CoopC _e2318 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_63, NagaCooperativeLoad(&wg.mh.inner[7736], SV, true), _e2318);
                }
                CoopC _e2321 = xa.inner[0];
                simdgroup_store(_e2321, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
                CoopC _e2335 = dxa.inner[0];
                simdgroup_store(_e2335, &wg.ms.inner[(DP_AT + (((sg * RS) + 0u) * SS)) + 0u], SS);
                CoopC _e2351 = xa.inner[1];
                simdgroup_store(_e2351, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
                CoopC _e2365 = dxa.inner[1];
                simdgroup_store(_e2365, &wg.ms.inner[(DP_AT + (((sg * RS) + 0u) * SS)) + 8u], SS);
                CoopC _e2381 = xa.inner[2];
                simdgroup_store(_e2381, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
                CoopC _e2395 = dxa.inner[2];
                simdgroup_store(_e2395, &wg.ms.inner[(DP_AT + (((sg * RS) + 8u) * SS)) + 0u], SS);
                CoopC _e2411 = xa.inner[3];
                simdgroup_store(_e2411, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
                CoopC _e2425 = dxa.inner[3];
                simdgroup_store(_e2425, &wg.ms.inner[(DP_AT + (((sg * RS) + 8u) * SS)) + 8u], SS);
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                uint r_hi = r_lo + MO;
                uint c_hi = c_lo + MSR;
                if (_e15) {
                    uint _e2448 = P.seq_q;
                    local = r_hi <= _e2448;
                } else {
                    local = false;
                }
                bool _e2451 = local;
                if (_e2451) {
                    uint _e2456 = P.seq_kv;
                    local_1 = c_hi <= _e2456;
                } else {
                    local_1 = false;
                }
                bool _e2459 = local_1;
                if (_e2459) {
                    int _e2464 = P.has_band_lo;
                    if (!((_e2464 == 0))) {
                        int _e2477 = P.band_lo;
                        local_3 = as_type<int>(as_type<uint>(static_cast<int>(c_lo)) - as_type<uint>(static_cast<int>(r_hi - 1u))) >= _e2477;
                    } else {
                        local_3 = true;
                    }
                    bool _e2480 = local_3;
                    local_2 = _e2480;
                } else {
                    local_2 = false;
                }
                bool _e2482 = local_2;
                if (_e2482) {
                    int _e2487 = P.has_band_hi;
                    if (!((_e2487 == 0))) {
                        int _e2500 = P.band_hi;
                        local_5 = as_type<int>(as_type<uint>(static_cast<int>(c_hi - 1u)) - as_type<uint>(static_cast<int>(r_lo))) <= _e2500;
                    } else {
                        local_5 = true;
                    }
                    bool _e2503 = local_5;
                    local_4 = _e2503;
                } else {
                    local_4 = false;
                }
                bool dense = local_4;
                e = 0u;
                uint2 loop_bound_3 = uint2(4294967295u);
                bool loop_init_3 = true;
                while(true) {
                    if (metal::all(loop_bound_3 == uint2(0u))) { break; }
                    loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
                    if (!loop_init_3) {
                        uint _e2593 = e;
                        e = _e2593 + 1u;
                    }
                    loop_init_3 = false;
                    uint _e2508 = e;
                    if (_e2508 < 8u) {
                    } else {
                        break;
                    }
                    {
                        uint _e2512 = e;
                        uint c = part + (2u * _e2512);
                        uint j_5 = c_lo + c;
                        float lse = lse_own;
                        float delta = delta_own;
                        p = 0.0;
                        ds = 0.0;
                        if (dense) {
                            float _e2524 = P.scale;
                            float _e2528 = s_ld((er * SS) + c, wg);
                            float x_10 = _e2524 * _e2528;
                            if (x_10 > MASKED) {
                                local_6 = lse > MASKED;
                            } else {
                                local_6 = false;
                            }
                            bool _e2537 = local_6;
                            if (_e2537) {
                                p = metal::exp(x_10 - lse);
                                float _e2540 = p;
                                float _e2546 = s_ld((DP_AT + (er * SS)) + c, wg);
                                float _e2551 = P.scale;
                                ds = (_e2540 * (_e2546 - delta)) * _e2551;
                            }
                        } else {
                            bool _e2553 = visible(b_3, h_5, i_3, j_5, P, mask_buf, blocks_buf, _buffer_sizes);
                            if (_e2553) {
                                float _e2557 = s_ld((er * SS) + c, wg);
                                metal::float2 _e2558 = score(b_3, h_5, i_3, j_5, _e2557, P, mask_buf, aux_buf, _buffer_sizes);
                                if (_e2558.x > MASKED) {
                                    local_7 = lse > MASKED;
                                } else {
                                    local_7 = false;
                                }
                                bool _e2567 = local_7;
                                if (_e2567) {
                                    p = metal::exp(_e2558.x - lse);
                                    float _e2571 = p;
                                    float _e2577 = s_ld((DP_AT + (er * SS)) + c, wg);
                                    ds = (_e2571 * (_e2577 - delta)) * _e2558.y;
                                }
                            }
                        }
                        float _e2590 = ds;
                        wg.mh.inner[(DS_AT + (er * SPS)) + c] = static_cast<half>(_e2590);
                    }
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                {
                    metal::simdgroup_half8x8 a_64 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 0u) * SPS)) + 0u], SPS, false);
                    CoopC _e2617 = acc_k.inner[0];
                    acc_k.inner[0] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, false), _e2617);
                    CoopC _e2626 = acc_k.inner[1];
                    acc_k.inner[1] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, false), _e2626);
                    CoopC _e2635 = acc_k.inner[2];
                    acc_k.inner[2] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, false), _e2635);
                    CoopC _e2644 = acc_k.inner[3];
                    acc_k.inner[3] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, false), _e2644);
                    CoopC _e2653 = acc_k.inner[4];
                    acc_k.inner[4] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, false), _e2653);
                    CoopC _e2662 = acc_k.inner[5];
                    acc_k.inner[5] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, false), _e2662);
                    CoopC _e2671 = acc_k.inner[6];
                    acc_k.inner[6] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, false), _e2671);
                    CoopC _e2680 = acc_k.inner[7];
                    acc_k.inner[7] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, false), _e2680);
                    CoopC _e2689 = acc_k.inner[8];
                    acc_k.inner[8] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, false), _e2689);
                    CoopC _e2698 = acc_k.inner[9];
                    acc_k.inner[9] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, false), _e2698);
                    CoopC _e2707 = acc_k.inner[10];
                    acc_k.inner[10] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, false), _e2707);
                    CoopC _e2716 = acc_k.inner[11];
                    acc_k.inner[11] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, false), _e2716);
                    CoopC _e2725 = acc_k.inner[12];
                    acc_k.inner[12] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, false), _e2725);
                    CoopC _e2734 = acc_k.inner[13];
                    acc_k.inner[13] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, false), _e2734);
                    CoopC _e2743 = acc_k.inner[14];
                    acc_k.inner[14] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, false), _e2743);
                    CoopC _e2752 = acc_k.inner[15];
                    acc_k.inner[15] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, false), _e2752);
                }
                {
                    metal::simdgroup_half8x8 a_65 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 8u) * SPS)) + 0u], SPS, false);
                    CoopC _e2776 = acc_k.inner[16];
                    acc_k.inner[16] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, false), _e2776);
                    CoopC _e2785 = acc_k.inner[17];
                    acc_k.inner[17] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, false), _e2785);
                    CoopC _e2794 = acc_k.inner[18];
                    acc_k.inner[18] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, false), _e2794);
                    CoopC _e2803 = acc_k.inner[19];
                    acc_k.inner[19] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, false), _e2803);
                    CoopC _e2812 = acc_k.inner[20];
                    acc_k.inner[20] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, false), _e2812);
                    CoopC _e2821 = acc_k.inner[21];
                    acc_k.inner[21] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, false), _e2821);
                    CoopC _e2830 = acc_k.inner[22];
                    acc_k.inner[22] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, false), _e2830);
                    CoopC _e2839 = acc_k.inner[23];
                    acc_k.inner[23] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, false), _e2839);
                    CoopC _e2848 = acc_k.inner[24];
                    acc_k.inner[24] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, false), _e2848);
                    CoopC _e2857 = acc_k.inner[25];
                    acc_k.inner[25] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, false), _e2857);
                    CoopC _e2866 = acc_k.inner[26];
                    acc_k.inner[26] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, false), _e2866);
                    CoopC _e2875 = acc_k.inner[27];
                    acc_k.inner[27] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, false), _e2875);
                    CoopC _e2884 = acc_k.inner[28];
                    acc_k.inner[28] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, false), _e2884);
                    CoopC _e2893 = acc_k.inner[29];
                    acc_k.inner[29] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, false), _e2893);
                    CoopC _e2902 = acc_k.inner[30];
                    acc_k.inner[30] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, false), _e2902);
                    CoopC _e2911 = acc_k.inner[31];
                    acc_k.inner[31] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, false), _e2911);
                }
                {
                    metal::simdgroup_half8x8 a_66 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 0u) * SPS)) + 8u], SPS, false);
                    CoopC _e2935 = acc_k.inner[0];
                    acc_k.inner[0] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, false), _e2935);
                    CoopC _e2944 = acc_k.inner[1];
                    acc_k.inner[1] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, false), _e2944);
                    CoopC _e2953 = acc_k.inner[2];
                    acc_k.inner[2] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, false), _e2953);
                    CoopC _e2962 = acc_k.inner[3];
                    acc_k.inner[3] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, false), _e2962);
                    CoopC _e2971 = acc_k.inner[4];
                    acc_k.inner[4] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, false), _e2971);
                    CoopC _e2980 = acc_k.inner[5];
                    acc_k.inner[5] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, false), _e2980);
                    CoopC _e2989 = acc_k.inner[6];
                    acc_k.inner[6] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, false), _e2989);
                    CoopC _e2998 = acc_k.inner[7];
                    acc_k.inner[7] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, false), _e2998);
                    CoopC _e3007 = acc_k.inner[8];
                    acc_k.inner[8] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, false), _e3007);
                    CoopC _e3016 = acc_k.inner[9];
                    acc_k.inner[9] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, false), _e3016);
                    CoopC _e3025 = acc_k.inner[10];
                    acc_k.inner[10] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, false), _e3025);
                    CoopC _e3034 = acc_k.inner[11];
                    acc_k.inner[11] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, false), _e3034);
                    CoopC _e3043 = acc_k.inner[12];
                    acc_k.inner[12] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, false), _e3043);
                    CoopC _e3052 = acc_k.inner[13];
                    acc_k.inner[13] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, false), _e3052);
                    CoopC _e3061 = acc_k.inner[14];
                    acc_k.inner[14] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, false), _e3061);
                    CoopC _e3070 = acc_k.inner[15];
                    acc_k.inner[15] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, false), _e3070);
                }
                {
                    metal::simdgroup_half8x8 a_67 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 8u) * SPS)) + 8u], SPS, false);
                    CoopC _e3094 = acc_k.inner[16];
                    acc_k.inner[16] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, false), _e3094);
                    CoopC _e3103 = acc_k.inner[17];
                    acc_k.inner[17] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, false), _e3103);
                    CoopC _e3112 = acc_k.inner[18];
                    acc_k.inner[18] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, false), _e3112);
                    CoopC _e3121 = acc_k.inner[19];
                    acc_k.inner[19] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, false), _e3121);
                    CoopC _e3130 = acc_k.inner[20];
                    acc_k.inner[20] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, false), _e3130);
                    CoopC _e3139 = acc_k.inner[21];
                    acc_k.inner[21] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, false), _e3139);
                    CoopC _e3148 = acc_k.inner[22];
                    acc_k.inner[22] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, false), _e3148);
                    CoopC _e3157 = acc_k.inner[23];
                    acc_k.inner[23] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, false), _e3157);
                    CoopC _e3166 = acc_k.inner[24];
                    acc_k.inner[24] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, false), _e3166);
                    CoopC _e3175 = acc_k.inner[25];
                    acc_k.inner[25] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, false), _e3175);
                    CoopC _e3184 = acc_k.inner[26];
                    acc_k.inner[26] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, false), _e3184);
                    CoopC _e3193 = acc_k.inner[27];
                    acc_k.inner[27] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, false), _e3193);
                    CoopC _e3202 = acc_k.inner[28];
                    acc_k.inner[28] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, false), _e3202);
                    CoopC _e3211 = acc_k.inner[29];
                    acc_k.inner[29] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, false), _e3211);
                    CoopC _e3220 = acc_k.inner[30];
                    acc_k.inner[30] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, false), _e3220);
                    CoopC _e3229 = acc_k.inner[31];
                    acc_k.inner[31] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, false), _e3229);
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            }
        }
    }
    uint _e3236 = P.heads_q;
    uint _e3241 = P.seq_q;
    uint out_row0_ = ((b_3 * _e3236) + h_5) * _e3241;
    CoopC _e3244 = acc_k.inner[0];
    simdgroup_store(_e3244, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3258 = acc_k.inner[1];
    simdgroup_store(_e3258, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3272 = acc_k.inner[16];
    simdgroup_store(_e3272, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3286 = acc_k.inner[17];
    simdgroup_store(_e3286, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_1 = lid;
    uint2 loop_bound_4 = uint2(4294967295u);
    bool loop_init_4 = true;
    while(true) {
        if (metal::all(loop_bound_4 == uint2(0u))) { break; }
        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
        if (!loop_init_4) {
            uint _e3337 = x_1;
            x_1 = _e3337 + NT;
        }
        loop_init_4 = false;
        uint _e3300 = x_1;
        if (_e3300 < 256u) {
        } else {
            break;
        }
        {
            uint _e3303 = x_1;
            uint r_2 = naga_div(_e3303, MSR);
            uint _e3307 = x_1;
            uint col = 0u + naga_mod(_e3307, MSR);
            if ((r_lo + r_2) < own_len) {
                uint _e3317 = P.head_dim;
                local_8 = col < _e3317;
            } else {
                local_8 = false;
            }
            bool _e3320 = local_8;
            if (_e3320) {
                uint _e3326 = P.head_dim;
                uint _e3332 = x_1;
                float _e3336 = s_ld((r_2 * SS) + naga_mod(_e3332, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_2) * _e3326) + col] = _e3336;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3341 = acc_k.inner[2];
    simdgroup_store(_e3341, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3355 = acc_k.inner[3];
    simdgroup_store(_e3355, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3369 = acc_k.inner[18];
    simdgroup_store(_e3369, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3383 = acc_k.inner[19];
    simdgroup_store(_e3383, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_2 = lid;
    uint2 loop_bound_5 = uint2(4294967295u);
    bool loop_init_5 = true;
    while(true) {
        if (metal::all(loop_bound_5 == uint2(0u))) { break; }
        loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
        if (!loop_init_5) {
            uint _e3434 = x_2;
            x_2 = _e3434 + NT;
        }
        loop_init_5 = false;
        uint _e3397 = x_2;
        if (_e3397 < 256u) {
        } else {
            break;
        }
        {
            uint _e3400 = x_2;
            uint r_3 = naga_div(_e3400, MSR);
            uint _e3404 = x_2;
            uint col_1 = 16u + naga_mod(_e3404, MSR);
            if ((r_lo + r_3) < own_len) {
                uint _e3414 = P.head_dim;
                local_9 = col_1 < _e3414;
            } else {
                local_9 = false;
            }
            bool _e3417 = local_9;
            if (_e3417) {
                uint _e3423 = P.head_dim;
                uint _e3429 = x_2;
                float _e3433 = s_ld((r_3 * SS) + naga_mod(_e3429, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_3) * _e3423) + col_1] = _e3433;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3438 = acc_k.inner[4];
    simdgroup_store(_e3438, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3452 = acc_k.inner[5];
    simdgroup_store(_e3452, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3466 = acc_k.inner[20];
    simdgroup_store(_e3466, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3480 = acc_k.inner[21];
    simdgroup_store(_e3480, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_3 = lid;
    uint2 loop_bound_6 = uint2(4294967295u);
    bool loop_init_6 = true;
    while(true) {
        if (metal::all(loop_bound_6 == uint2(0u))) { break; }
        loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
        if (!loop_init_6) {
            uint _e3531 = x_3;
            x_3 = _e3531 + NT;
        }
        loop_init_6 = false;
        uint _e3494 = x_3;
        if (_e3494 < 256u) {
        } else {
            break;
        }
        {
            uint _e3497 = x_3;
            uint r_4 = naga_div(_e3497, MSR);
            uint _e3501 = x_3;
            uint col_2 = 32u + naga_mod(_e3501, MSR);
            if ((r_lo + r_4) < own_len) {
                uint _e3511 = P.head_dim;
                local_10 = col_2 < _e3511;
            } else {
                local_10 = false;
            }
            bool _e3514 = local_10;
            if (_e3514) {
                uint _e3520 = P.head_dim;
                uint _e3526 = x_3;
                float _e3530 = s_ld((r_4 * SS) + naga_mod(_e3526, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_4) * _e3520) + col_2] = _e3530;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3535 = acc_k.inner[6];
    simdgroup_store(_e3535, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3549 = acc_k.inner[7];
    simdgroup_store(_e3549, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3563 = acc_k.inner[22];
    simdgroup_store(_e3563, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3577 = acc_k.inner[23];
    simdgroup_store(_e3577, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_4 = lid;
    uint2 loop_bound_7 = uint2(4294967295u);
    bool loop_init_7 = true;
    while(true) {
        if (metal::all(loop_bound_7 == uint2(0u))) { break; }
        loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
        if (!loop_init_7) {
            uint _e3628 = x_4;
            x_4 = _e3628 + NT;
        }
        loop_init_7 = false;
        uint _e3591 = x_4;
        if (_e3591 < 256u) {
        } else {
            break;
        }
        {
            uint _e3594 = x_4;
            uint r_5 = naga_div(_e3594, MSR);
            uint _e3598 = x_4;
            uint col_3 = 48u + naga_mod(_e3598, MSR);
            if ((r_lo + r_5) < own_len) {
                uint _e3608 = P.head_dim;
                local_11 = col_3 < _e3608;
            } else {
                local_11 = false;
            }
            bool _e3611 = local_11;
            if (_e3611) {
                uint _e3617 = P.head_dim;
                uint _e3623 = x_4;
                float _e3627 = s_ld((r_5 * SS) + naga_mod(_e3623, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_5) * _e3617) + col_3] = _e3627;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3632 = acc_k.inner[8];
    simdgroup_store(_e3632, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3646 = acc_k.inner[9];
    simdgroup_store(_e3646, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3660 = acc_k.inner[24];
    simdgroup_store(_e3660, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3674 = acc_k.inner[25];
    simdgroup_store(_e3674, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_5 = lid;
    uint2 loop_bound_8 = uint2(4294967295u);
    bool loop_init_8 = true;
    while(true) {
        if (metal::all(loop_bound_8 == uint2(0u))) { break; }
        loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
        if (!loop_init_8) {
            uint _e3725 = x_5;
            x_5 = _e3725 + NT;
        }
        loop_init_8 = false;
        uint _e3688 = x_5;
        if (_e3688 < 256u) {
        } else {
            break;
        }
        {
            uint _e3691 = x_5;
            uint r_6 = naga_div(_e3691, MSR);
            uint _e3695 = x_5;
            uint col_4 = 64u + naga_mod(_e3695, MSR);
            if ((r_lo + r_6) < own_len) {
                uint _e3705 = P.head_dim;
                local_12 = col_4 < _e3705;
            } else {
                local_12 = false;
            }
            bool _e3708 = local_12;
            if (_e3708) {
                uint _e3714 = P.head_dim;
                uint _e3720 = x_5;
                float _e3724 = s_ld((r_6 * SS) + naga_mod(_e3720, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_6) * _e3714) + col_4] = _e3724;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3729 = acc_k.inner[10];
    simdgroup_store(_e3729, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3743 = acc_k.inner[11];
    simdgroup_store(_e3743, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3757 = acc_k.inner[26];
    simdgroup_store(_e3757, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3771 = acc_k.inner[27];
    simdgroup_store(_e3771, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_6 = lid;
    uint2 loop_bound_9 = uint2(4294967295u);
    bool loop_init_9 = true;
    while(true) {
        if (metal::all(loop_bound_9 == uint2(0u))) { break; }
        loop_bound_9 -= uint2(loop_bound_9.y == 0u, 1u);
        if (!loop_init_9) {
            uint _e3822 = x_6;
            x_6 = _e3822 + NT;
        }
        loop_init_9 = false;
        uint _e3785 = x_6;
        if (_e3785 < 256u) {
        } else {
            break;
        }
        {
            uint _e3788 = x_6;
            uint r_7 = naga_div(_e3788, MSR);
            uint _e3792 = x_6;
            uint col_5 = 80u + naga_mod(_e3792, MSR);
            if ((r_lo + r_7) < own_len) {
                uint _e3802 = P.head_dim;
                local_13 = col_5 < _e3802;
            } else {
                local_13 = false;
            }
            bool _e3805 = local_13;
            if (_e3805) {
                uint _e3811 = P.head_dim;
                uint _e3817 = x_6;
                float _e3821 = s_ld((r_7 * SS) + naga_mod(_e3817, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_7) * _e3811) + col_5] = _e3821;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3826 = acc_k.inner[12];
    simdgroup_store(_e3826, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3840 = acc_k.inner[13];
    simdgroup_store(_e3840, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3854 = acc_k.inner[28];
    simdgroup_store(_e3854, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3868 = acc_k.inner[29];
    simdgroup_store(_e3868, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_7 = lid;
    uint2 loop_bound_10 = uint2(4294967295u);
    bool loop_init_10 = true;
    while(true) {
        if (metal::all(loop_bound_10 == uint2(0u))) { break; }
        loop_bound_10 -= uint2(loop_bound_10.y == 0u, 1u);
        if (!loop_init_10) {
            uint _e3919 = x_7;
            x_7 = _e3919 + NT;
        }
        loop_init_10 = false;
        uint _e3882 = x_7;
        if (_e3882 < 256u) {
        } else {
            break;
        }
        {
            uint _e3885 = x_7;
            uint r_8 = naga_div(_e3885, MSR);
            uint _e3889 = x_7;
            uint col_6 = 96u + naga_mod(_e3889, MSR);
            if ((r_lo + r_8) < own_len) {
                uint _e3899 = P.head_dim;
                local_14 = col_6 < _e3899;
            } else {
                local_14 = false;
            }
            bool _e3902 = local_14;
            if (_e3902) {
                uint _e3908 = P.head_dim;
                uint _e3914 = x_7;
                float _e3918 = s_ld((r_8 * SS) + naga_mod(_e3914, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_8) * _e3908) + col_6] = _e3918;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3923 = acc_k.inner[14];
    simdgroup_store(_e3923, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3937 = acc_k.inner[15];
    simdgroup_store(_e3937, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3951 = acc_k.inner[30];
    simdgroup_store(_e3951, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3965 = acc_k.inner[31];
    simdgroup_store(_e3965, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_8 = lid;
    uint2 loop_bound_11 = uint2(4294967295u);
    bool loop_init_11 = true;
    while(true) {
        if (metal::all(loop_bound_11 == uint2(0u))) { break; }
        loop_bound_11 -= uint2(loop_bound_11.y == 0u, 1u);
        if (!loop_init_11) {
            uint _e4016 = x_8;
            x_8 = _e4016 + NT;
        }
        loop_init_11 = false;
        uint _e3979 = x_8;
        if (_e3979 < 256u) {
        } else {
            break;
        }
        {
            uint _e3982 = x_8;
            uint r_9 = naga_div(_e3982, MSR);
            uint _e3986 = x_8;
            uint col_7 = 112u + naga_mod(_e3986, MSR);
            if ((r_lo + r_9) < own_len) {
                uint _e3996 = P.head_dim;
                local_15 = col_7 < _e3996;
            } else {
                local_15 = false;
            }
            bool _e3999 = local_15;
            if (_e3999) {
                uint _e4005 = P.head_dim;
                uint _e4011 = x_8;
                float _e4015 = s_ld((r_9 * SS) + naga_mod(_e4011, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_9) * _e4005) + col_7] = _e4015;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    return;
}
