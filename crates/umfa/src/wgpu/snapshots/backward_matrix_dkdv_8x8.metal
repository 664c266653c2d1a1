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
    bool local_24 = {};
    bool local_25 = {};
    bool local_26 = {};
    bool read_bool = {};
    uint _e6 = P.seq_q;
    if (!((i_1 >= _e6))) {
        uint _e13 = P.seq_kv;
        local_24 = j_1 >= _e13;
    } else {
        local_24 = true;
    }
    bool _e16 = local_24;
    if (_e16) {
        return false;
    }
    int d = as_type<int>(as_type<uint>(static_cast<int>(j_1)) - as_type<uint>(static_cast<int>(i_1)));
    int _e23 = P.has_band_lo;
    if (_e23 != 0) {
        int _e30 = P.band_lo;
        local_25 = d < _e30;
    } else {
        local_25 = false;
    }
    bool _e33 = local_25;
    if (_e33) {
        return false;
    }
    int _e37 = P.has_band_hi;
    if (_e37 != 0) {
        int _e44 = P.band_hi;
        local_26 = d > _e44;
    } else {
        local_26 = false;
    }
    bool _e47 = local_26;
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

bool plain_scores(
    constant Params& P
) {
    bool local_27 = {};
    bool local_28 = {};
    bool local_29 = {};
    int _e2 = P.mask_kind;
    if (_e2 == MASK_NONE) {
        int _e9 = P.has_blocks;
        local_27 = _e9 == 0;
    } else {
        local_27 = false;
    }
    bool _e13 = local_27;
    if (_e13) {
        uint _e18 = P.has_alibi;
        local_28 = _e18 == 0u;
    } else {
        local_28 = false;
    }
    bool _e22 = local_28;
    if (_e22) {
        float _e27 = P.softcap;
        local_29 = _e27 == 0.0;
    } else {
        local_29 = false;
    }
    bool _e31 = local_29;
    return _e31;
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
    uint x_2 = {};
    bool local_8 = {};
    uint x_3 = {};
    bool local_9 = {};
    uint x_4 = {};
    bool local_10 = {};
    uint x_5 = {};
    bool local_11 = {};
    uint x_6 = {};
    bool local_12 = {};
    uint x_7 = {};
    bool local_13 = {};
    uint x_8 = {};
    bool local_14 = {};
    uint x_9 = {};
    bool local_15 = {};
    uint x_10 = {};
    bool local_16 = {};
    uint x_11 = {};
    bool local_17 = {};
    uint x_12 = {};
    bool local_18 = {};
    uint x_13 = {};
    bool local_19 = {};
    uint x_14 = {};
    bool local_20 = {};
    uint x_15 = {};
    bool local_21 = {};
    uint x_16 = {};
    bool local_22 = {};
    uint x_17 = {};
    bool local_23 = {};
    uint b_3 = wid.z;
    uint c_lo = wid.x * MO;
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
    uint hk = wid.y;
    uint own_len = P.seq_kv;
    uint _e34 = P.heads_kv;
    uint _e37 = m_k_row((b_3 * _e34) + hk, c_lo, P);
    stage_rows(lid, _e37, MO, 32u, OA_AT, SQ, h_buf, wg, _buffer_sizes);
    uint _e44 = P.heads_kv;
    uint _e47 = m_v_row((b_3 * _e44) + hk, c_lo, P);
    stage_rows(lid, _e47, MO, 32u, OB_AT, SV, h_buf, wg, _buffer_sizes);
    uint _e56 = P.seq_kv;
    uint last_key = metal::min(c_lo + MO, _e56) - 1u;
    uint _e64 = P.seq_q;
    s_end = static_cast<int>(_e64);
    int _e69 = P.has_band_hi;
    if (_e69 != 0) {
        int _e76 = P.band_hi;
        s_begin = metal::max(0, as_type<int>(as_type<uint>(static_cast<int>(c_lo)) - as_type<uint>(_e76)));
    }
    int _e81 = P.has_band_lo;
    if (_e81 != 0) {
        int _e84 = s_end;
        int _e88 = P.band_lo;
        s_end = metal::min(_e84, as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(last_key)) - as_type<uint>(_e88))) + as_type<uint>(1)));
    }
    int _e93 = s_begin;
    s_begin = as_type<int>(as_type<uint>(naga_div(_e93, 16)) * as_type<uint>(16));
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
    uint _e171 = P.group;
    h = hk * _e171;
    uint2 loop_bound_2 = uint2(4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (metal::all(loop_bound_2 == uint2(0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e3955 = h;
            h = _e3955 + 1u;
        }
        loop_init_2 = false;
        uint _e174 = h;
        uint _e179 = P.group;
        if (_e174 < ((hk + 1u) * _e179)) {
        } else {
            break;
        }
        {
            int _e182 = s_begin;
            t0_ = _e182;
            uint2 loop_bound_3 = uint2(4294967295u);
            bool loop_init_3 = true;
            while(true) {
                if (metal::all(loop_bound_3 == uint2(0u))) { break; }
                loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
                if (!loop_init_3) {
                    int _e3951 = t0_;
                    t0_ = as_type<int>(as_type<uint>(_e3951) + as_type<uint>(16));
                }
                loop_init_3 = false;
                int _e184 = t0_;
                int _e185 = s_end;
                if (_e184 < _e185) {
                } else {
                    break;
                }
                {
                    int _e187 = t0_;
                    uint r_lo = static_cast<uint>(_e187);
                    uint _e191 = P.heads_q;
                    uint _e193 = h;
                    uint _e195 = m_q_row((b_3 * _e191) + _e193, r_lo, P);
                    stage_rows(lid, _e195, MSR, 32u, SA_AT, SQ, h_buf, wg, _buffer_sizes);
                    uint _e202 = P.heads_q;
                    uint _e204 = h;
                    uint _e206 = m_do_row((b_3 * _e202) + _e204, r_lo, P);
                    stage_rows(lid, _e206, MSR, 32u, SB_AT, SV, h_buf, wg, _buffer_sizes);
                    x_1 = lid;
                    uint2 loop_bound_4 = uint2(4294967295u);
                    bool loop_init_4 = true;
                    while(true) {
                        if (metal::all(loop_bound_4 == uint2(0u))) { break; }
                        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
                        if (!loop_init_4) {
                            uint _e258 = x_1;
                            x_1 = _e258 + NT;
                        }
                        loop_init_4 = false;
                        uint _e212 = x_1;
                        if (_e212 < MSR) {
                        } else {
                            break;
                        }
                        {
                            lse = MASKED;
                            delta = 0.0;
                            uint _e219 = x_1;
                            uint _e223 = P.seq_q;
                            if ((r_lo + _e219) < _e223) {
                                uint _e227 = P.heads_q;
                                uint _e229 = h;
                                uint _e233 = P.seq_q;
                                uint _e236 = x_1;
                                uint row = ((((b_3 * _e227) + _e229) * _e233) + r_lo) + _e236;
                                float _e240 = rows_buf[row];
                                lse = _e240;
                                uint _e244 = P.delta_at;
                                float _e247 = rows_buf[_e244 + row];
                                delta = _e247;
                            }
                            uint _e250 = x_1;
                            float _e252 = lse;
                            wg.mlse.inner[_e250] = _e252;
                            uint _e255 = x_1;
                            float _e257 = delta;
                            wg.mdelta.inner[_e255] = _e257;
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
                        CoopC _e295 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, true), _e295);
                        CoopC _e304 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, true), _e304);
                    }
                    {
                        metal::simdgroup_half8x8 a_1 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 0u], SQ, false);
                        CoopC _e328 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_1, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, true), _e328);
                        CoopC _e337 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_1, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, true), _e337);
                    }
                    {
                        metal::simdgroup_half8x8 a_2 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 8u], SQ, false);
                        CoopC _e361 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_2, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, true), _e361);
                        CoopC _e370 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_2, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, true), _e370);
                    }
                    {
                        metal::simdgroup_half8x8 a_3 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 8u], SQ, false);
                        CoopC _e394 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_3, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, true), _e394);
                        CoopC _e403 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_3, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, true), _e403);
                    }
                    {
                        metal::simdgroup_half8x8 a_4 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 16u], SQ, false);
                        CoopC _e427 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_4, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, true), _e427);
                        CoopC _e436 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_4, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, true), _e436);
                    }
                    {
                        metal::simdgroup_half8x8 a_5 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 16u], SQ, false);
                        CoopC _e460 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_5, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, true), _e460);
                        CoopC _e469 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_5, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, true), _e469);
                    }
                    {
                        metal::simdgroup_half8x8 a_6 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 24u], SQ, false);
                        CoopC _e493 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_6, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, true), _e493);
                        CoopC _e502 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_6, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, true), _e502);
                    }
                    {
                        metal::simdgroup_half8x8 a_7 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 24u], SQ, false);
                        CoopC _e526 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_7, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, true), _e526);
                        CoopC _e535 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_7, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, true), _e535);
                    }
                    {
                        metal::simdgroup_half8x8 a_8 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 32u], SQ, false);
                        CoopC _e559 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_8, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, true), _e559);
                        CoopC _e568 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_8, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, true), _e568);
                    }
                    {
                        metal::simdgroup_half8x8 a_9 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 32u], SQ, false);
                        CoopC _e592 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_9, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, true), _e592);
                        CoopC _e601 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_9, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, true), _e601);
                    }
                    {
                        metal::simdgroup_half8x8 a_10 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 40u], SQ, false);
                        CoopC _e625 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_10, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, true), _e625);
                        CoopC _e634 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_10, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, true), _e634);
                    }
                    {
                        metal::simdgroup_half8x8 a_11 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 40u], SQ, false);
                        CoopC _e658 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_11, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, true), _e658);
                        CoopC _e667 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_11, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, true), _e667);
                    }
                    {
                        metal::simdgroup_half8x8 a_12 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 48u], SQ, false);
                        CoopC _e691 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_12, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, true), _e691);
                        CoopC _e700 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_12, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, true), _e700);
                    }
                    {
                        metal::simdgroup_half8x8 a_13 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 48u], SQ, false);
                        CoopC _e724 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_13, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, true), _e724);
                        CoopC _e733 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_13, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, true), _e733);
                    }
                    {
                        metal::simdgroup_half8x8 a_14 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 56u], SQ, false);
                        CoopC _e757 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_14, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, true), _e757);
                        CoopC _e766 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_14, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, true), _e766);
                    }
                    {
                        metal::simdgroup_half8x8 a_15 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 56u], SQ, false);
                        CoopC _e790 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_15, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, true), _e790);
                        CoopC _e799 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_15, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, true), _e799);
                    }
                    {
                        metal::simdgroup_half8x8 a_16 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 64u], SQ, false);
                        CoopC _e823 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_16, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, true), _e823);
                        CoopC _e832 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_16, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, true), _e832);
                    }
                    {
                        metal::simdgroup_half8x8 a_17 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 64u], SQ, false);
                        CoopC _e856 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_17, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, true), _e856);
                        CoopC _e865 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_17, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, true), _e865);
                    }
                    {
                        metal::simdgroup_half8x8 a_18 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 72u], SQ, false);
                        CoopC _e889 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_18, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, true), _e889);
                        CoopC _e898 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_18, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, true), _e898);
                    }
                    {
                        metal::simdgroup_half8x8 a_19 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 72u], SQ, false);
                        CoopC _e922 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_19, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, true), _e922);
                        CoopC _e931 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_19, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, true), _e931);
                    }
                    {
                        metal::simdgroup_half8x8 a_20 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 80u], SQ, false);
                        CoopC _e955 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_20, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, true), _e955);
                        CoopC _e964 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_20, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, true), _e964);
                    }
                    {
                        metal::simdgroup_half8x8 a_21 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 80u], SQ, false);
                        CoopC _e988 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_21, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, true), _e988);
                        CoopC _e997 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_21, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, true), _e997);
                    }
                    {
                        metal::simdgroup_half8x8 a_22 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 88u], SQ, false);
                        CoopC _e1021 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_22, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, true), _e1021);
                        CoopC _e1030 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_22, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, true), _e1030);
                    }
                    {
                        metal::simdgroup_half8x8 a_23 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 88u], SQ, false);
                        CoopC _e1054 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_23, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, true), _e1054);
                        CoopC _e1063 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_23, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, true), _e1063);
                    }
                    {
                        metal::simdgroup_half8x8 a_24 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 96u], SQ, false);
                        CoopC _e1087 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_24, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, true), _e1087);
                        CoopC _e1096 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_24, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, true), _e1096);
                    }
                    {
                        metal::simdgroup_half8x8 a_25 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 96u], SQ, false);
                        CoopC _e1120 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_25, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, true), _e1120);
                        CoopC _e1129 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_25, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, true), _e1129);
                    }
                    {
                        metal::simdgroup_half8x8 a_26 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 104u], SQ, false);
                        CoopC _e1153 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_26, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, true), _e1153);
                        CoopC _e1162 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_26, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, true), _e1162);
                    }
                    {
                        metal::simdgroup_half8x8 a_27 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 104u], SQ, false);
                        CoopC _e1186 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_27, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, true), _e1186);
                        CoopC _e1195 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_27, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, true), _e1195);
                    }
                    {
                        metal::simdgroup_half8x8 a_28 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 112u], SQ, false);
                        CoopC _e1219 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_28, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, true), _e1219);
                        CoopC _e1228 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_28, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, true), _e1228);
                    }
                    {
                        metal::simdgroup_half8x8 a_29 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 112u], SQ, false);
                        CoopC _e1252 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_29, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, true), _e1252);
                        CoopC _e1261 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_29, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, true), _e1261);
                    }
                    {
                        metal::simdgroup_half8x8 a_30 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 120u], SQ, false);
                        CoopC _e1285 = xa.inner[0];
                        xa.inner[0] = NagaCooperativeMultiplyAdd(a_30, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, true), _e1285);
                        CoopC _e1294 = xa.inner[1];
                        xa.inner[1] = NagaCooperativeMultiplyAdd(a_30, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, true), _e1294);
                    }
                    {
                        metal::simdgroup_half8x8 a_31 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 120u], SQ, false);
                        CoopC _e1318 = xa.inner[2];
                        xa.inner[2] = NagaCooperativeMultiplyAdd(a_31, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, true), _e1318);
                        CoopC _e1327 = xa.inner[3];
                        xa.inner[3] = NagaCooperativeMultiplyAdd(a_31, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, true), _e1327);
                    }
                    {
                        metal::simdgroup_half8x8 a_32 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 0u], SV, false);
                        CoopC _e1351 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_32, NagaCooperativeLoad(&wg.mh.inner[6528], SV, true), _e1351);
                        CoopC _e1360 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_32, NagaCooperativeLoad(&wg.mh.inner[7616], SV, true), _e1360);
                    }
                    {
                        metal::simdgroup_half8x8 a_33 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 0u], SV, false);
                        CoopC _e1384 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_33, NagaCooperativeLoad(&wg.mh.inner[6528], SV, true), _e1384);
                        CoopC _e1393 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_33, NagaCooperativeLoad(&wg.mh.inner[7616], SV, true), _e1393);
                    }
                    {
                        metal::simdgroup_half8x8 a_34 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 8u], SV, false);
                        CoopC _e1417 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_34, NagaCooperativeLoad(&wg.mh.inner[6536], SV, true), _e1417);
                        CoopC _e1426 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_34, NagaCooperativeLoad(&wg.mh.inner[7624], SV, true), _e1426);
                    }
                    {
                        metal::simdgroup_half8x8 a_35 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 8u], SV, false);
                        CoopC _e1450 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_35, NagaCooperativeLoad(&wg.mh.inner[6536], SV, true), _e1450);
                        CoopC _e1459 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_35, NagaCooperativeLoad(&wg.mh.inner[7624], SV, true), _e1459);
                    }
                    {
                        metal::simdgroup_half8x8 a_36 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 16u], SV, false);
                        CoopC _e1483 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_36, NagaCooperativeLoad(&wg.mh.inner[6544], SV, true), _e1483);
                        CoopC _e1492 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_36, NagaCooperativeLoad(&wg.mh.inner[7632], SV, true), _e1492);
                    }
                    {
                        metal::simdgroup_half8x8 a_37 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 16u], SV, false);
                        CoopC _e1516 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_37, NagaCooperativeLoad(&wg.mh.inner[6544], SV, true), _e1516);
                        CoopC _e1525 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_37, NagaCooperativeLoad(&wg.mh.inner[7632], SV, true), _e1525);
                    }
                    {
                        metal::simdgroup_half8x8 a_38 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 24u], SV, false);
                        CoopC _e1549 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_38, NagaCooperativeLoad(&wg.mh.inner[6552], SV, true), _e1549);
                        CoopC _e1558 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_38, NagaCooperativeLoad(&wg.mh.inner[7640], SV, true), _e1558);
                    }
                    {
                        metal::simdgroup_half8x8 a_39 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 24u], SV, false);
                        CoopC _e1582 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_39, NagaCooperativeLoad(&wg.mh.inner[6552], SV, true), _e1582);
                        CoopC _e1591 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_39, NagaCooperativeLoad(&wg.mh.inner[7640], SV, true), _e1591);
                    }
                    {
                        metal::simdgroup_half8x8 a_40 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 32u], SV, false);
                        CoopC _e1615 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_40, NagaCooperativeLoad(&wg.mh.inner[6560], SV, true), _e1615);
                        CoopC _e1624 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_40, NagaCooperativeLoad(&wg.mh.inner[7648], SV, true), _e1624);
                    }
                    {
                        metal::simdgroup_half8x8 a_41 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 32u], SV, false);
                        CoopC _e1648 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_41, NagaCooperativeLoad(&wg.mh.inner[6560], SV, true), _e1648);
                        CoopC _e1657 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_41, NagaCooperativeLoad(&wg.mh.inner[7648], SV, true), _e1657);
                    }
                    {
                        metal::simdgroup_half8x8 a_42 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 40u], SV, false);
                        CoopC _e1681 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_42, NagaCooperativeLoad(&wg.mh.inner[6568], SV, true), _e1681);
                        CoopC _e1690 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_42, NagaCooperativeLoad(&wg.mh.inner[7656], SV, true), _e1690);
                    }
                    {
                        metal::simdgroup_half8x8 a_43 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 40u], SV, false);
                        CoopC _e1714 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_43, NagaCooperativeLoad(&wg.mh.inner[6568], SV, true), _e1714);
                        CoopC _e1723 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_43, NagaCooperativeLoad(&wg.mh.inner[7656], SV, true), _e1723);
                    }
                    {
                        metal::simdgroup_half8x8 a_44 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 48u], SV, false);
                        CoopC _e1747 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_44, NagaCooperativeLoad(&wg.mh.inner[6576], SV, true), _e1747);
                        CoopC _e1756 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_44, NagaCooperativeLoad(&wg.mh.inner[7664], SV, true), _e1756);
                    }
                    {
                        metal::simdgroup_half8x8 a_45 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 48u], SV, false);
                        CoopC _e1780 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_45, NagaCooperativeLoad(&wg.mh.inner[6576], SV, true), _e1780);
                        CoopC _e1789 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_45, NagaCooperativeLoad(&wg.mh.inner[7664], SV, true), _e1789);
                    }
                    {
                        metal::simdgroup_half8x8 a_46 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 56u], SV, false);
                        CoopC _e1813 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_46, NagaCooperativeLoad(&wg.mh.inner[6584], SV, true), _e1813);
                        CoopC _e1822 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_46, NagaCooperativeLoad(&wg.mh.inner[7672], SV, true), _e1822);
                    }
                    {
                        metal::simdgroup_half8x8 a_47 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 56u], SV, false);
                        CoopC _e1846 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_47, NagaCooperativeLoad(&wg.mh.inner[6584], SV, true), _e1846);
                        CoopC _e1855 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_47, NagaCooperativeLoad(&wg.mh.inner[7672], SV, true), _e1855);
                    }
                    {
                        metal::simdgroup_half8x8 a_48 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 64u], SV, false);
                        CoopC _e1879 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_48, NagaCooperativeLoad(&wg.mh.inner[6592], SV, true), _e1879);
                        CoopC _e1888 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_48, NagaCooperativeLoad(&wg.mh.inner[7680], SV, true), _e1888);
                    }
                    {
                        metal::simdgroup_half8x8 a_49 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 64u], SV, false);
                        CoopC _e1912 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_49, NagaCooperativeLoad(&wg.mh.inner[6592], SV, true), _e1912);
                        CoopC _e1921 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_49, NagaCooperativeLoad(&wg.mh.inner[7680], SV, true), _e1921);
                    }
                    {
                        metal::simdgroup_half8x8 a_50 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 72u], SV, false);
                        CoopC _e1945 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_50, NagaCooperativeLoad(&wg.mh.inner[6600], SV, true), _e1945);
                        CoopC _e1954 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_50, NagaCooperativeLoad(&wg.mh.inner[7688], SV, true), _e1954);
                    }
                    {
                        metal::simdgroup_half8x8 a_51 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 72u], SV, false);
                        CoopC _e1978 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_51, NagaCooperativeLoad(&wg.mh.inner[6600], SV, true), _e1978);
                        CoopC _e1987 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_51, NagaCooperativeLoad(&wg.mh.inner[7688], SV, true), _e1987);
                    }
                    {
                        metal::simdgroup_half8x8 a_52 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 80u], SV, false);
                        CoopC _e2011 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_52, NagaCooperativeLoad(&wg.mh.inner[6608], SV, true), _e2011);
                        CoopC _e2020 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_52, NagaCooperativeLoad(&wg.mh.inner[7696], SV, true), _e2020);
                    }
                    {
                        metal::simdgroup_half8x8 a_53 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 80u], SV, false);
                        CoopC _e2044 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_53, NagaCooperativeLoad(&wg.mh.inner[6608], SV, true), _e2044);
                        CoopC _e2053 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_53, NagaCooperativeLoad(&wg.mh.inner[7696], SV, true), _e2053);
                    }
                    {
                        metal::simdgroup_half8x8 a_54 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 88u], SV, false);
                        CoopC _e2077 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_54, NagaCooperativeLoad(&wg.mh.inner[6616], SV, true), _e2077);
                        CoopC _e2086 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_54, NagaCooperativeLoad(&wg.mh.inner[7704], SV, true), _e2086);
                    }
                    {
                        metal::simdgroup_half8x8 a_55 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 88u], SV, false);
                        CoopC _e2110 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_55, NagaCooperativeLoad(&wg.mh.inner[6616], SV, true), _e2110);
                        CoopC _e2119 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_55, NagaCooperativeLoad(&wg.mh.inner[7704], SV, true), _e2119);
                    }
                    {
                        metal::simdgroup_half8x8 a_56 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 96u], SV, false);
                        CoopC _e2143 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_56, NagaCooperativeLoad(&wg.mh.inner[6624], SV, true), _e2143);
                        CoopC _e2152 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_56, NagaCooperativeLoad(&wg.mh.inner[7712], SV, true), _e2152);
                    }
                    {
                        metal::simdgroup_half8x8 a_57 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 96u], SV, false);
                        CoopC _e2176 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_57, NagaCooperativeLoad(&wg.mh.inner[6624], SV, true), _e2176);
                        CoopC _e2185 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_57, NagaCooperativeLoad(&wg.mh.inner[7712], SV, true), _e2185);
                    }
                    {
                        metal::simdgroup_half8x8 a_58 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 104u], SV, false);
                        CoopC _e2209 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_58, NagaCooperativeLoad(&wg.mh.inner[6632], SV, true), _e2209);
                        CoopC _e2218 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_58, NagaCooperativeLoad(&wg.mh.inner[7720], SV, true), _e2218);
                    }
                    {
                        metal::simdgroup_half8x8 a_59 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 104u], SV, false);
                        CoopC _e2242 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_59, NagaCooperativeLoad(&wg.mh.inner[6632], SV, true), _e2242);
                        CoopC _e2251 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_59, NagaCooperativeLoad(&wg.mh.inner[7720], SV, true), _e2251);
                    }
                    {
                        metal::simdgroup_half8x8 a_60 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 112u], SV, false);
                        CoopC _e2275 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_60, NagaCooperativeLoad(&wg.mh.inner[6640], SV, true), _e2275);
                        CoopC _e2284 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_60, NagaCooperativeLoad(&wg.mh.inner[7728], SV, true), _e2284);
                    }
                    {
                        metal::simdgroup_half8x8 a_61 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 112u], SV, false);
                        CoopC _e2308 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_61, NagaCooperativeLoad(&wg.mh.inner[6640], SV, true), _e2308);
                        CoopC _e2317 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_61, NagaCooperativeLoad(&wg.mh.inner[7728], SV, true), _e2317);
                    }
                    {
                        metal::simdgroup_half8x8 a_62 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 120u], SV, false);
                        CoopC _e2341 = dxa.inner[0];
                        dxa.inner[0] = NagaCooperativeMultiplyAdd(a_62, NagaCooperativeLoad(&wg.mh.inner[6648], SV, true), _e2341);
                        CoopC _e2350 = dxa.inner[1];
                        dxa.inner[1] = NagaCooperativeMultiplyAdd(a_62, NagaCooperativeLoad(&wg.mh.inner[7736], SV, true), _e2350);
                    }
                    {
                        metal::simdgroup_half8x8 a_63 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 120u], SV, false);
                        CoopC _e2374 = dxa.inner[2];
                        dxa.inner[2] = NagaCooperativeMultiplyAdd(a_63, NagaCooperativeLoad(&wg.mh.inner[6648], SV, true), _e2374);
                        CoopC _e2383 = dxa.inner[3];
                        dxa.inner[3] = NagaCooperativeMultiplyAdd(a_63, NagaCooperativeLoad(&wg.mh.inner[7736], SV, true), _e2383);
                    }
                    CoopC _e2386 = xa.inner[0];
                    simdgroup_store(_e2386, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
                    CoopC _e2400 = dxa.inner[0];
                    simdgroup_store(_e2400, &wg.ms.inner[(DP_AT + (((sg * RS) + 0u) * SS)) + 0u], SS);
                    CoopC _e2416 = xa.inner[1];
                    simdgroup_store(_e2416, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
                    CoopC _e2430 = dxa.inner[1];
                    simdgroup_store(_e2430, &wg.ms.inner[(DP_AT + (((sg * RS) + 0u) * SS)) + 8u], SS);
                    CoopC _e2446 = xa.inner[2];
                    simdgroup_store(_e2446, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
                    CoopC _e2460 = dxa.inner[2];
                    simdgroup_store(_e2460, &wg.ms.inner[(DP_AT + (((sg * RS) + 8u) * SS)) + 0u], SS);
                    CoopC _e2476 = xa.inner[3];
                    simdgroup_store(_e2476, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
                    CoopC _e2490 = dxa.inner[3];
                    simdgroup_store(_e2490, &wg.ms.inner[(DP_AT + (((sg * RS) + 8u) * SS)) + 8u], SS);
                    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                    uint r_hi = r_lo + MSR;
                    uint c_hi = c_lo + MO;
                    if (_e15) {
                        uint _e2513 = P.seq_q;
                        local = r_hi <= _e2513;
                    } else {
                        local = false;
                    }
                    bool _e2516 = local;
                    if (_e2516) {
                        uint _e2521 = P.seq_kv;
                        local_1 = c_hi <= _e2521;
                    } else {
                        local_1 = false;
                    }
                    bool _e2524 = local_1;
                    if (_e2524) {
                        int _e2529 = P.has_band_lo;
                        if (!((_e2529 == 0))) {
                            int _e2542 = P.band_lo;
                            local_3 = as_type<int>(as_type<uint>(static_cast<int>(c_lo)) - as_type<uint>(static_cast<int>(r_hi - 1u))) >= _e2542;
                        } else {
                            local_3 = true;
                        }
                        bool _e2545 = local_3;
                        local_2 = _e2545;
                    } else {
                        local_2 = false;
                    }
                    bool _e2547 = local_2;
                    if (_e2547) {
                        int _e2552 = P.has_band_hi;
                        if (!((_e2552 == 0))) {
                            int _e2565 = P.band_hi;
                            local_5 = as_type<int>(as_type<uint>(static_cast<int>(c_hi - 1u)) - as_type<uint>(static_cast<int>(r_lo))) <= _e2565;
                        } else {
                            local_5 = true;
                        }
                        bool _e2568 = local_5;
                        local_4 = _e2568;
                    } else {
                        local_4 = false;
                    }
                    bool dense = local_4;
                    e = 0u;
                    uint2 loop_bound_5 = uint2(4294967295u);
                    bool loop_init_5 = true;
                    while(true) {
                        if (metal::all(loop_bound_5 == uint2(0u))) { break; }
                        loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                        if (!loop_init_5) {
                            uint _e2677 = e;
                            e = _e2677 + 1u;
                        }
                        loop_init_5 = false;
                        uint _e2573 = e;
                        if (_e2573 < 8u) {
                        } else {
                            break;
                        }
                        {
                            uint _e2577 = e;
                            uint c = part + (2u * _e2577);
                            uint i_3 = r_lo + c;
                            uint j_5 = c_lo + er;
                            float lse_1 = wg.mlse.inner[c];
                            float delta_1 = wg.mdelta.inner[c];
                            p = 0.0;
                            ds = 0.0;
                            if (dense) {
                                float _e2596 = P.scale;
                                float _e2600 = s_ld((er * SS) + c, wg);
                                float x_19 = _e2596 * _e2600;
                                if (x_19 > MASKED) {
                                    local_6 = lse_1 > MASKED;
                                } else {
                                    local_6 = false;
                                }
                                bool _e2609 = local_6;
                                if (_e2609) {
                                    p = metal::exp(x_19 - lse_1);
                                    float _e2612 = p;
                                    float _e2618 = s_ld((DP_AT + (er * SS)) + c, wg);
                                    float _e2623 = P.scale;
                                    ds = (_e2612 * (_e2618 - delta_1)) * _e2623;
                                }
                            } else {
                                uint _e2625 = h;
                                bool _e2626 = visible(b_3, _e2625, i_3, j_5, P, mask_buf, blocks_buf, _buffer_sizes);
                                if (_e2626) {
                                    uint _e2627 = h;
                                    float _e2631 = s_ld((er * SS) + c, wg);
                                    metal::float2 _e2632 = score(b_3, _e2627, i_3, j_5, _e2631, P, mask_buf, aux_buf, _buffer_sizes);
                                    if (_e2632.x > MASKED) {
                                        local_7 = lse_1 > MASKED;
                                    } else {
                                        local_7 = false;
                                    }
                                    bool _e2641 = local_7;
                                    if (_e2641) {
                                        p = metal::exp(_e2632.x - lse_1);
                                        float _e2645 = p;
                                        float _e2651 = s_ld((DP_AT + (er * SS)) + c, wg);
                                        ds = (_e2645 * (_e2651 - delta_1)) * _e2632.y;
                                    }
                                }
                            }
                            float _e2664 = ds;
                            wg.mh.inner[(DS_AT + (er * SPS)) + c] = static_cast<half>(_e2664);
                            float _e2674 = p;
                            wg.mh.inner[(P_AT + (er * SPS)) + c] = static_cast<half>(_e2674);
                        }
                    }
                    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                    {
                        metal::simdgroup_half8x8 a_64 = NagaCooperativeLoad(&wg.mh.inner[(P_AT + (((sg * RS) + 0u) * SPS)) + 0u], SPS, false);
                        CoopC _e2701 = acc_v.inner[0];
                        acc_v.inner[0] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6528], SV, false), _e2701);
                        CoopC _e2710 = acc_v.inner[1];
                        acc_v.inner[1] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6536], SV, false), _e2710);
                        CoopC _e2719 = acc_v.inner[2];
                        acc_v.inner[2] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6544], SV, false), _e2719);
                        CoopC _e2728 = acc_v.inner[3];
                        acc_v.inner[3] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6552], SV, false), _e2728);
                        CoopC _e2737 = acc_v.inner[4];
                        acc_v.inner[4] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6560], SV, false), _e2737);
                        CoopC _e2746 = acc_v.inner[5];
                        acc_v.inner[5] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6568], SV, false), _e2746);
                        CoopC _e2755 = acc_v.inner[6];
                        acc_v.inner[6] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6576], SV, false), _e2755);
                        CoopC _e2764 = acc_v.inner[7];
                        acc_v.inner[7] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6584], SV, false), _e2764);
                        CoopC _e2773 = acc_v.inner[8];
                        acc_v.inner[8] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6592], SV, false), _e2773);
                        CoopC _e2782 = acc_v.inner[9];
                        acc_v.inner[9] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6600], SV, false), _e2782);
                        CoopC _e2791 = acc_v.inner[10];
                        acc_v.inner[10] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6608], SV, false), _e2791);
                        CoopC _e2800 = acc_v.inner[11];
                        acc_v.inner[11] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6616], SV, false), _e2800);
                        CoopC _e2809 = acc_v.inner[12];
                        acc_v.inner[12] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6624], SV, false), _e2809);
                        CoopC _e2818 = acc_v.inner[13];
                        acc_v.inner[13] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6632], SV, false), _e2818);
                        CoopC _e2827 = acc_v.inner[14];
                        acc_v.inner[14] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6640], SV, false), _e2827);
                        CoopC _e2836 = acc_v.inner[15];
                        acc_v.inner[15] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[6648], SV, false), _e2836);
                    }
                    {
                        metal::simdgroup_half8x8 a_65 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 0u) * SPS)) + 0u], SPS, false);
                        CoopC _e2860 = acc_k.inner[0];
                        acc_k.inner[0] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, false), _e2860);
                        CoopC _e2869 = acc_k.inner[1];
                        acc_k.inner[1] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, false), _e2869);
                        CoopC _e2878 = acc_k.inner[2];
                        acc_k.inner[2] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, false), _e2878);
                        CoopC _e2887 = acc_k.inner[3];
                        acc_k.inner[3] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, false), _e2887);
                        CoopC _e2896 = acc_k.inner[4];
                        acc_k.inner[4] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, false), _e2896);
                        CoopC _e2905 = acc_k.inner[5];
                        acc_k.inner[5] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, false), _e2905);
                        CoopC _e2914 = acc_k.inner[6];
                        acc_k.inner[6] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, false), _e2914);
                        CoopC _e2923 = acc_k.inner[7];
                        acc_k.inner[7] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, false), _e2923);
                        CoopC _e2932 = acc_k.inner[8];
                        acc_k.inner[8] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, false), _e2932);
                        CoopC _e2941 = acc_k.inner[9];
                        acc_k.inner[9] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, false), _e2941);
                        CoopC _e2950 = acc_k.inner[10];
                        acc_k.inner[10] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, false), _e2950);
                        CoopC _e2959 = acc_k.inner[11];
                        acc_k.inner[11] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, false), _e2959);
                        CoopC _e2968 = acc_k.inner[12];
                        acc_k.inner[12] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, false), _e2968);
                        CoopC _e2977 = acc_k.inner[13];
                        acc_k.inner[13] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, false), _e2977);
                        CoopC _e2986 = acc_k.inner[14];
                        acc_k.inner[14] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, false), _e2986);
                        CoopC _e2995 = acc_k.inner[15];
                        acc_k.inner[15] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, false), _e2995);
                    }
                    {
                        metal::simdgroup_half8x8 a_66 = NagaCooperativeLoad(&wg.mh.inner[(P_AT + (((sg * RS) + 8u) * SPS)) + 0u], SPS, false);
                        CoopC _e3019 = acc_v.inner[16];
                        acc_v.inner[16] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6528], SV, false), _e3019);
                        CoopC _e3028 = acc_v.inner[17];
                        acc_v.inner[17] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6536], SV, false), _e3028);
                        CoopC _e3037 = acc_v.inner[18];
                        acc_v.inner[18] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6544], SV, false), _e3037);
                        CoopC _e3046 = acc_v.inner[19];
                        acc_v.inner[19] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6552], SV, false), _e3046);
                        CoopC _e3055 = acc_v.inner[20];
                        acc_v.inner[20] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6560], SV, false), _e3055);
                        CoopC _e3064 = acc_v.inner[21];
                        acc_v.inner[21] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6568], SV, false), _e3064);
                        CoopC _e3073 = acc_v.inner[22];
                        acc_v.inner[22] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6576], SV, false), _e3073);
                        CoopC _e3082 = acc_v.inner[23];
                        acc_v.inner[23] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6584], SV, false), _e3082);
                        CoopC _e3091 = acc_v.inner[24];
                        acc_v.inner[24] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6592], SV, false), _e3091);
                        CoopC _e3100 = acc_v.inner[25];
                        acc_v.inner[25] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6600], SV, false), _e3100);
                        CoopC _e3109 = acc_v.inner[26];
                        acc_v.inner[26] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6608], SV, false), _e3109);
                        CoopC _e3118 = acc_v.inner[27];
                        acc_v.inner[27] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6616], SV, false), _e3118);
                        CoopC _e3127 = acc_v.inner[28];
                        acc_v.inner[28] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6624], SV, false), _e3127);
                        CoopC _e3136 = acc_v.inner[29];
                        acc_v.inner[29] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6632], SV, false), _e3136);
                        CoopC _e3145 = acc_v.inner[30];
                        acc_v.inner[30] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6640], SV, false), _e3145);
                        CoopC _e3154 = acc_v.inner[31];
                        acc_v.inner[31] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[6648], SV, false), _e3154);
                    }
                    {
                        metal::simdgroup_half8x8 a_67 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 8u) * SPS)) + 0u], SPS, false);
                        CoopC _e3178 = acc_k.inner[16];
                        acc_k.inner[16] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, false), _e3178);
                        CoopC _e3187 = acc_k.inner[17];
                        acc_k.inner[17] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, false), _e3187);
                        CoopC _e3196 = acc_k.inner[18];
                        acc_k.inner[18] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, false), _e3196);
                        CoopC _e3205 = acc_k.inner[19];
                        acc_k.inner[19] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, false), _e3205);
                        CoopC _e3214 = acc_k.inner[20];
                        acc_k.inner[20] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, false), _e3214);
                        CoopC _e3223 = acc_k.inner[21];
                        acc_k.inner[21] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, false), _e3223);
                        CoopC _e3232 = acc_k.inner[22];
                        acc_k.inner[22] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, false), _e3232);
                        CoopC _e3241 = acc_k.inner[23];
                        acc_k.inner[23] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, false), _e3241);
                        CoopC _e3250 = acc_k.inner[24];
                        acc_k.inner[24] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, false), _e3250);
                        CoopC _e3259 = acc_k.inner[25];
                        acc_k.inner[25] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, false), _e3259);
                        CoopC _e3268 = acc_k.inner[26];
                        acc_k.inner[26] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, false), _e3268);
                        CoopC _e3277 = acc_k.inner[27];
                        acc_k.inner[27] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, false), _e3277);
                        CoopC _e3286 = acc_k.inner[28];
                        acc_k.inner[28] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, false), _e3286);
                        CoopC _e3295 = acc_k.inner[29];
                        acc_k.inner[29] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, false), _e3295);
                        CoopC _e3304 = acc_k.inner[30];
                        acc_k.inner[30] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, false), _e3304);
                        CoopC _e3313 = acc_k.inner[31];
                        acc_k.inner[31] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, false), _e3313);
                    }
                    {
                        metal::simdgroup_half8x8 a_68 = NagaCooperativeLoad(&wg.mh.inner[(P_AT + (((sg * RS) + 0u) * SPS)) + 8u], SPS, false);
                        CoopC _e3337 = acc_v.inner[0];
                        acc_v.inner[0] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7616], SV, false), _e3337);
                        CoopC _e3346 = acc_v.inner[1];
                        acc_v.inner[1] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7624], SV, false), _e3346);
                        CoopC _e3355 = acc_v.inner[2];
                        acc_v.inner[2] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7632], SV, false), _e3355);
                        CoopC _e3364 = acc_v.inner[3];
                        acc_v.inner[3] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7640], SV, false), _e3364);
                        CoopC _e3373 = acc_v.inner[4];
                        acc_v.inner[4] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7648], SV, false), _e3373);
                        CoopC _e3382 = acc_v.inner[5];
                        acc_v.inner[5] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7656], SV, false), _e3382);
                        CoopC _e3391 = acc_v.inner[6];
                        acc_v.inner[6] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7664], SV, false), _e3391);
                        CoopC _e3400 = acc_v.inner[7];
                        acc_v.inner[7] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7672], SV, false), _e3400);
                        CoopC _e3409 = acc_v.inner[8];
                        acc_v.inner[8] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7680], SV, false), _e3409);
                        CoopC _e3418 = acc_v.inner[9];
                        acc_v.inner[9] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7688], SV, false), _e3418);
                        CoopC _e3427 = acc_v.inner[10];
                        acc_v.inner[10] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7696], SV, false), _e3427);
                        CoopC _e3436 = acc_v.inner[11];
                        acc_v.inner[11] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7704], SV, false), _e3436);
                        CoopC _e3445 = acc_v.inner[12];
                        acc_v.inner[12] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7712], SV, false), _e3445);
                        CoopC _e3454 = acc_v.inner[13];
                        acc_v.inner[13] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7720], SV, false), _e3454);
                        CoopC _e3463 = acc_v.inner[14];
                        acc_v.inner[14] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7728], SV, false), _e3463);
                        CoopC _e3472 = acc_v.inner[15];
                        acc_v.inner[15] = NagaCooperativeMultiplyAdd(a_68, NagaCooperativeLoad(&wg.mh.inner[7736], SV, false), _e3472);
                    }
                    {
                        metal::simdgroup_half8x8 a_69 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 0u) * SPS)) + 8u], SPS, false);
                        CoopC _e3496 = acc_k.inner[0];
                        acc_k.inner[0] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, false), _e3496);
                        CoopC _e3505 = acc_k.inner[1];
                        acc_k.inner[1] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, false), _e3505);
                        CoopC _e3514 = acc_k.inner[2];
                        acc_k.inner[2] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, false), _e3514);
                        CoopC _e3523 = acc_k.inner[3];
                        acc_k.inner[3] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, false), _e3523);
                        CoopC _e3532 = acc_k.inner[4];
                        acc_k.inner[4] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, false), _e3532);
                        CoopC _e3541 = acc_k.inner[5];
                        acc_k.inner[5] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, false), _e3541);
                        CoopC _e3550 = acc_k.inner[6];
                        acc_k.inner[6] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, false), _e3550);
                        CoopC _e3559 = acc_k.inner[7];
                        acc_k.inner[7] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, false), _e3559);
                        CoopC _e3568 = acc_k.inner[8];
                        acc_k.inner[8] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, false), _e3568);
                        CoopC _e3577 = acc_k.inner[9];
                        acc_k.inner[9] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, false), _e3577);
                        CoopC _e3586 = acc_k.inner[10];
                        acc_k.inner[10] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, false), _e3586);
                        CoopC _e3595 = acc_k.inner[11];
                        acc_k.inner[11] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, false), _e3595);
                        CoopC _e3604 = acc_k.inner[12];
                        acc_k.inner[12] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, false), _e3604);
                        CoopC _e3613 = acc_k.inner[13];
                        acc_k.inner[13] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, false), _e3613);
                        CoopC _e3622 = acc_k.inner[14];
                        acc_k.inner[14] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, false), _e3622);
                        CoopC _e3631 = acc_k.inner[15];
                        acc_k.inner[15] = NagaCooperativeMultiplyAdd(a_69, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, false), _e3631);
                    }
                    {
                        metal::simdgroup_half8x8 a_70 = NagaCooperativeLoad(&wg.mh.inner[(P_AT + (((sg * RS) + 8u) * SPS)) + 8u], SPS, false);
                        CoopC _e3655 = acc_v.inner[16];
                        acc_v.inner[16] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7616], SV, false), _e3655);
                        CoopC _e3664 = acc_v.inner[17];
                        acc_v.inner[17] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7624], SV, false), _e3664);
                        CoopC _e3673 = acc_v.inner[18];
                        acc_v.inner[18] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7632], SV, false), _e3673);
                        CoopC _e3682 = acc_v.inner[19];
                        acc_v.inner[19] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7640], SV, false), _e3682);
                        CoopC _e3691 = acc_v.inner[20];
                        acc_v.inner[20] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7648], SV, false), _e3691);
                        CoopC _e3700 = acc_v.inner[21];
                        acc_v.inner[21] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7656], SV, false), _e3700);
                        CoopC _e3709 = acc_v.inner[22];
                        acc_v.inner[22] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7664], SV, false), _e3709);
                        CoopC _e3718 = acc_v.inner[23];
                        acc_v.inner[23] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7672], SV, false), _e3718);
                        CoopC _e3727 = acc_v.inner[24];
                        acc_v.inner[24] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7680], SV, false), _e3727);
                        CoopC _e3736 = acc_v.inner[25];
                        acc_v.inner[25] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7688], SV, false), _e3736);
                        CoopC _e3745 = acc_v.inner[26];
                        acc_v.inner[26] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7696], SV, false), _e3745);
                        CoopC _e3754 = acc_v.inner[27];
                        acc_v.inner[27] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7704], SV, false), _e3754);
                        CoopC _e3763 = acc_v.inner[28];
                        acc_v.inner[28] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7712], SV, false), _e3763);
                        CoopC _e3772 = acc_v.inner[29];
                        acc_v.inner[29] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7720], SV, false), _e3772);
                        CoopC _e3781 = acc_v.inner[30];
                        acc_v.inner[30] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7728], SV, false), _e3781);
                        CoopC _e3790 = acc_v.inner[31];
                        acc_v.inner[31] = NagaCooperativeMultiplyAdd(a_70, NagaCooperativeLoad(&wg.mh.inner[7736], SV, false), _e3790);
                    }
                    {
                        metal::simdgroup_half8x8 a_71 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 8u) * SPS)) + 8u], SPS, false);
                        CoopC _e3814 = acc_k.inner[16];
                        acc_k.inner[16] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, false), _e3814);
                        CoopC _e3823 = acc_k.inner[17];
                        acc_k.inner[17] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, false), _e3823);
                        CoopC _e3832 = acc_k.inner[18];
                        acc_k.inner[18] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, false), _e3832);
                        CoopC _e3841 = acc_k.inner[19];
                        acc_k.inner[19] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, false), _e3841);
                        CoopC _e3850 = acc_k.inner[20];
                        acc_k.inner[20] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, false), _e3850);
                        CoopC _e3859 = acc_k.inner[21];
                        acc_k.inner[21] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, false), _e3859);
                        CoopC _e3868 = acc_k.inner[22];
                        acc_k.inner[22] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, false), _e3868);
                        CoopC _e3877 = acc_k.inner[23];
                        acc_k.inner[23] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, false), _e3877);
                        CoopC _e3886 = acc_k.inner[24];
                        acc_k.inner[24] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, false), _e3886);
                        CoopC _e3895 = acc_k.inner[25];
                        acc_k.inner[25] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, false), _e3895);
                        CoopC _e3904 = acc_k.inner[26];
                        acc_k.inner[26] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, false), _e3904);
                        CoopC _e3913 = acc_k.inner[27];
                        acc_k.inner[27] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, false), _e3913);
                        CoopC _e3922 = acc_k.inner[28];
                        acc_k.inner[28] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, false), _e3922);
                        CoopC _e3931 = acc_k.inner[29];
                        acc_k.inner[29] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, false), _e3931);
                        CoopC _e3940 = acc_k.inner[30];
                        acc_k.inner[30] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, false), _e3940);
                        CoopC _e3949 = acc_k.inner[31];
                        acc_k.inner[31] = NagaCooperativeMultiplyAdd(a_71, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, false), _e3949);
                    }
                    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                }
            }
        }
    }
    uint _e3959 = P.heads_kv;
    uint _e3964 = P.seq_kv;
    uint out_row0_ = ((b_3 * _e3959) + hk) * _e3964;
    CoopC _e3967 = acc_k.inner[0];
    simdgroup_store(_e3967, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3981 = acc_k.inner[1];
    simdgroup_store(_e3981, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3995 = acc_k.inner[16];
    simdgroup_store(_e3995, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4009 = acc_k.inner[17];
    simdgroup_store(_e4009, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_2 = lid;
    uint2 loop_bound_6 = uint2(4294967295u);
    bool loop_init_6 = true;
    while(true) {
        if (metal::all(loop_bound_6 == uint2(0u))) { break; }
        loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
        if (!loop_init_6) {
            uint _e4060 = x_2;
            x_2 = _e4060 + NT;
        }
        loop_init_6 = false;
        uint _e4023 = x_2;
        if (_e4023 < 256u) {
        } else {
            break;
        }
        {
            uint _e4026 = x_2;
            uint r_2 = naga_div(_e4026, MSR);
            uint _e4030 = x_2;
            uint col = 0u + naga_mod(_e4030, MSR);
            if ((c_lo + r_2) < own_len) {
                uint _e4040 = P.head_dim;
                local_8 = col < _e4040;
            } else {
                local_8 = false;
            }
            bool _e4043 = local_8;
            if (_e4043) {
                uint _e4049 = P.head_dim;
                uint _e4055 = x_2;
                float _e4059 = s_ld((r_2 * SS) + naga_mod(_e4055, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_2) * _e4049) + col] = _e4059;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4064 = acc_k.inner[2];
    simdgroup_store(_e4064, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4078 = acc_k.inner[3];
    simdgroup_store(_e4078, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4092 = acc_k.inner[18];
    simdgroup_store(_e4092, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4106 = acc_k.inner[19];
    simdgroup_store(_e4106, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_3 = lid;
    uint2 loop_bound_7 = uint2(4294967295u);
    bool loop_init_7 = true;
    while(true) {
        if (metal::all(loop_bound_7 == uint2(0u))) { break; }
        loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
        if (!loop_init_7) {
            uint _e4157 = x_3;
            x_3 = _e4157 + NT;
        }
        loop_init_7 = false;
        uint _e4120 = x_3;
        if (_e4120 < 256u) {
        } else {
            break;
        }
        {
            uint _e4123 = x_3;
            uint r_3 = naga_div(_e4123, MSR);
            uint _e4127 = x_3;
            uint col_1 = 16u + naga_mod(_e4127, MSR);
            if ((c_lo + r_3) < own_len) {
                uint _e4137 = P.head_dim;
                local_9 = col_1 < _e4137;
            } else {
                local_9 = false;
            }
            bool _e4140 = local_9;
            if (_e4140) {
                uint _e4146 = P.head_dim;
                uint _e4152 = x_3;
                float _e4156 = s_ld((r_3 * SS) + naga_mod(_e4152, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_3) * _e4146) + col_1] = _e4156;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4161 = acc_k.inner[4];
    simdgroup_store(_e4161, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4175 = acc_k.inner[5];
    simdgroup_store(_e4175, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4189 = acc_k.inner[20];
    simdgroup_store(_e4189, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4203 = acc_k.inner[21];
    simdgroup_store(_e4203, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_4 = lid;
    uint2 loop_bound_8 = uint2(4294967295u);
    bool loop_init_8 = true;
    while(true) {
        if (metal::all(loop_bound_8 == uint2(0u))) { break; }
        loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
        if (!loop_init_8) {
            uint _e4254 = x_4;
            x_4 = _e4254 + NT;
        }
        loop_init_8 = false;
        uint _e4217 = x_4;
        if (_e4217 < 256u) {
        } else {
            break;
        }
        {
            uint _e4220 = x_4;
            uint r_4 = naga_div(_e4220, MSR);
            uint _e4224 = x_4;
            uint col_2 = 32u + naga_mod(_e4224, MSR);
            if ((c_lo + r_4) < own_len) {
                uint _e4234 = P.head_dim;
                local_10 = col_2 < _e4234;
            } else {
                local_10 = false;
            }
            bool _e4237 = local_10;
            if (_e4237) {
                uint _e4243 = P.head_dim;
                uint _e4249 = x_4;
                float _e4253 = s_ld((r_4 * SS) + naga_mod(_e4249, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_4) * _e4243) + col_2] = _e4253;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4258 = acc_k.inner[6];
    simdgroup_store(_e4258, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4272 = acc_k.inner[7];
    simdgroup_store(_e4272, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4286 = acc_k.inner[22];
    simdgroup_store(_e4286, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4300 = acc_k.inner[23];
    simdgroup_store(_e4300, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_5 = lid;
    uint2 loop_bound_9 = uint2(4294967295u);
    bool loop_init_9 = true;
    while(true) {
        if (metal::all(loop_bound_9 == uint2(0u))) { break; }
        loop_bound_9 -= uint2(loop_bound_9.y == 0u, 1u);
        if (!loop_init_9) {
            uint _e4351 = x_5;
            x_5 = _e4351 + NT;
        }
        loop_init_9 = false;
        uint _e4314 = x_5;
        if (_e4314 < 256u) {
        } else {
            break;
        }
        {
            uint _e4317 = x_5;
            uint r_5 = naga_div(_e4317, MSR);
            uint _e4321 = x_5;
            uint col_3 = 48u + naga_mod(_e4321, MSR);
            if ((c_lo + r_5) < own_len) {
                uint _e4331 = P.head_dim;
                local_11 = col_3 < _e4331;
            } else {
                local_11 = false;
            }
            bool _e4334 = local_11;
            if (_e4334) {
                uint _e4340 = P.head_dim;
                uint _e4346 = x_5;
                float _e4350 = s_ld((r_5 * SS) + naga_mod(_e4346, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_5) * _e4340) + col_3] = _e4350;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4355 = acc_k.inner[8];
    simdgroup_store(_e4355, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4369 = acc_k.inner[9];
    simdgroup_store(_e4369, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4383 = acc_k.inner[24];
    simdgroup_store(_e4383, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4397 = acc_k.inner[25];
    simdgroup_store(_e4397, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_6 = lid;
    uint2 loop_bound_10 = uint2(4294967295u);
    bool loop_init_10 = true;
    while(true) {
        if (metal::all(loop_bound_10 == uint2(0u))) { break; }
        loop_bound_10 -= uint2(loop_bound_10.y == 0u, 1u);
        if (!loop_init_10) {
            uint _e4448 = x_6;
            x_6 = _e4448 + NT;
        }
        loop_init_10 = false;
        uint _e4411 = x_6;
        if (_e4411 < 256u) {
        } else {
            break;
        }
        {
            uint _e4414 = x_6;
            uint r_6 = naga_div(_e4414, MSR);
            uint _e4418 = x_6;
            uint col_4 = 64u + naga_mod(_e4418, MSR);
            if ((c_lo + r_6) < own_len) {
                uint _e4428 = P.head_dim;
                local_12 = col_4 < _e4428;
            } else {
                local_12 = false;
            }
            bool _e4431 = local_12;
            if (_e4431) {
                uint _e4437 = P.head_dim;
                uint _e4443 = x_6;
                float _e4447 = s_ld((r_6 * SS) + naga_mod(_e4443, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_6) * _e4437) + col_4] = _e4447;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4452 = acc_k.inner[10];
    simdgroup_store(_e4452, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4466 = acc_k.inner[11];
    simdgroup_store(_e4466, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4480 = acc_k.inner[26];
    simdgroup_store(_e4480, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4494 = acc_k.inner[27];
    simdgroup_store(_e4494, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_7 = lid;
    uint2 loop_bound_11 = uint2(4294967295u);
    bool loop_init_11 = true;
    while(true) {
        if (metal::all(loop_bound_11 == uint2(0u))) { break; }
        loop_bound_11 -= uint2(loop_bound_11.y == 0u, 1u);
        if (!loop_init_11) {
            uint _e4545 = x_7;
            x_7 = _e4545 + NT;
        }
        loop_init_11 = false;
        uint _e4508 = x_7;
        if (_e4508 < 256u) {
        } else {
            break;
        }
        {
            uint _e4511 = x_7;
            uint r_7 = naga_div(_e4511, MSR);
            uint _e4515 = x_7;
            uint col_5 = 80u + naga_mod(_e4515, MSR);
            if ((c_lo + r_7) < own_len) {
                uint _e4525 = P.head_dim;
                local_13 = col_5 < _e4525;
            } else {
                local_13 = false;
            }
            bool _e4528 = local_13;
            if (_e4528) {
                uint _e4534 = P.head_dim;
                uint _e4540 = x_7;
                float _e4544 = s_ld((r_7 * SS) + naga_mod(_e4540, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_7) * _e4534) + col_5] = _e4544;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4549 = acc_k.inner[12];
    simdgroup_store(_e4549, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4563 = acc_k.inner[13];
    simdgroup_store(_e4563, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4577 = acc_k.inner[28];
    simdgroup_store(_e4577, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4591 = acc_k.inner[29];
    simdgroup_store(_e4591, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_8 = lid;
    uint2 loop_bound_12 = uint2(4294967295u);
    bool loop_init_12 = true;
    while(true) {
        if (metal::all(loop_bound_12 == uint2(0u))) { break; }
        loop_bound_12 -= uint2(loop_bound_12.y == 0u, 1u);
        if (!loop_init_12) {
            uint _e4642 = x_8;
            x_8 = _e4642 + NT;
        }
        loop_init_12 = false;
        uint _e4605 = x_8;
        if (_e4605 < 256u) {
        } else {
            break;
        }
        {
            uint _e4608 = x_8;
            uint r_8 = naga_div(_e4608, MSR);
            uint _e4612 = x_8;
            uint col_6 = 96u + naga_mod(_e4612, MSR);
            if ((c_lo + r_8) < own_len) {
                uint _e4622 = P.head_dim;
                local_14 = col_6 < _e4622;
            } else {
                local_14 = false;
            }
            bool _e4625 = local_14;
            if (_e4625) {
                uint _e4631 = P.head_dim;
                uint _e4637 = x_8;
                float _e4641 = s_ld((r_8 * SS) + naga_mod(_e4637, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_8) * _e4631) + col_6] = _e4641;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4646 = acc_k.inner[14];
    simdgroup_store(_e4646, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4660 = acc_k.inner[15];
    simdgroup_store(_e4660, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4674 = acc_k.inner[30];
    simdgroup_store(_e4674, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4688 = acc_k.inner[31];
    simdgroup_store(_e4688, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_9 = lid;
    uint2 loop_bound_13 = uint2(4294967295u);
    bool loop_init_13 = true;
    while(true) {
        if (metal::all(loop_bound_13 == uint2(0u))) { break; }
        loop_bound_13 -= uint2(loop_bound_13.y == 0u, 1u);
        if (!loop_init_13) {
            uint _e4739 = x_9;
            x_9 = _e4739 + NT;
        }
        loop_init_13 = false;
        uint _e4702 = x_9;
        if (_e4702 < 256u) {
        } else {
            break;
        }
        {
            uint _e4705 = x_9;
            uint r_9 = naga_div(_e4705, MSR);
            uint _e4709 = x_9;
            uint col_7 = 112u + naga_mod(_e4709, MSR);
            if ((c_lo + r_9) < own_len) {
                uint _e4719 = P.head_dim;
                local_15 = col_7 < _e4719;
            } else {
                local_15 = false;
            }
            bool _e4722 = local_15;
            if (_e4722) {
                uint _e4728 = P.head_dim;
                uint _e4734 = x_9;
                float _e4738 = s_ld((r_9 * SS) + naga_mod(_e4734, MSR), wg);
                out_buf[(((out_row0_ + c_lo) + r_9) * _e4728) + col_7] = _e4738;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4743 = acc_v.inner[0];
    simdgroup_store(_e4743, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4757 = acc_v.inner[1];
    simdgroup_store(_e4757, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4771 = acc_v.inner[16];
    simdgroup_store(_e4771, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4785 = acc_v.inner[17];
    simdgroup_store(_e4785, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_10 = lid;
    uint2 loop_bound_14 = uint2(4294967295u);
    bool loop_init_14 = true;
    while(true) {
        if (metal::all(loop_bound_14 == uint2(0u))) { break; }
        loop_bound_14 -= uint2(loop_bound_14.y == 0u, 1u);
        if (!loop_init_14) {
            uint _e4840 = x_10;
            x_10 = _e4840 + NT;
        }
        loop_init_14 = false;
        uint _e4799 = x_10;
        if (_e4799 < 256u) {
        } else {
            break;
        }
        {
            uint _e4802 = x_10;
            uint r_10 = naga_div(_e4802, MSR);
            uint _e4806 = x_10;
            uint col_8 = 0u + naga_mod(_e4806, MSR);
            if ((c_lo + r_10) < own_len) {
                uint _e4816 = P.head_dim_v;
                local_16 = col_8 < _e4816;
            } else {
                local_16 = false;
            }
            bool _e4819 = local_16;
            if (_e4819) {
                uint _e4823 = P.dv_at;
                uint _e4828 = P.head_dim_v;
                uint _e4835 = x_10;
                float _e4839 = s_ld((r_10 * SS) + naga_mod(_e4835, MSR), wg);
                out_buf[(_e4823 + (((out_row0_ + c_lo) + r_10) * _e4828)) + col_8] = _e4839;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4844 = acc_v.inner[2];
    simdgroup_store(_e4844, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4858 = acc_v.inner[3];
    simdgroup_store(_e4858, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4872 = acc_v.inner[18];
    simdgroup_store(_e4872, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4886 = acc_v.inner[19];
    simdgroup_store(_e4886, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_11 = lid;
    uint2 loop_bound_15 = uint2(4294967295u);
    bool loop_init_15 = true;
    while(true) {
        if (metal::all(loop_bound_15 == uint2(0u))) { break; }
        loop_bound_15 -= uint2(loop_bound_15.y == 0u, 1u);
        if (!loop_init_15) {
            uint _e4941 = x_11;
            x_11 = _e4941 + NT;
        }
        loop_init_15 = false;
        uint _e4900 = x_11;
        if (_e4900 < 256u) {
        } else {
            break;
        }
        {
            uint _e4903 = x_11;
            uint r_11 = naga_div(_e4903, MSR);
            uint _e4907 = x_11;
            uint col_9 = 16u + naga_mod(_e4907, MSR);
            if ((c_lo + r_11) < own_len) {
                uint _e4917 = P.head_dim_v;
                local_17 = col_9 < _e4917;
            } else {
                local_17 = false;
            }
            bool _e4920 = local_17;
            if (_e4920) {
                uint _e4924 = P.dv_at;
                uint _e4929 = P.head_dim_v;
                uint _e4936 = x_11;
                float _e4940 = s_ld((r_11 * SS) + naga_mod(_e4936, MSR), wg);
                out_buf[(_e4924 + (((out_row0_ + c_lo) + r_11) * _e4929)) + col_9] = _e4940;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e4945 = acc_v.inner[4];
    simdgroup_store(_e4945, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e4959 = acc_v.inner[5];
    simdgroup_store(_e4959, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e4973 = acc_v.inner[20];
    simdgroup_store(_e4973, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e4987 = acc_v.inner[21];
    simdgroup_store(_e4987, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_12 = lid;
    uint2 loop_bound_16 = uint2(4294967295u);
    bool loop_init_16 = true;
    while(true) {
        if (metal::all(loop_bound_16 == uint2(0u))) { break; }
        loop_bound_16 -= uint2(loop_bound_16.y == 0u, 1u);
        if (!loop_init_16) {
            uint _e5042 = x_12;
            x_12 = _e5042 + NT;
        }
        loop_init_16 = false;
        uint _e5001 = x_12;
        if (_e5001 < 256u) {
        } else {
            break;
        }
        {
            uint _e5004 = x_12;
            uint r_12 = naga_div(_e5004, MSR);
            uint _e5008 = x_12;
            uint col_10 = 32u + naga_mod(_e5008, MSR);
            if ((c_lo + r_12) < own_len) {
                uint _e5018 = P.head_dim_v;
                local_18 = col_10 < _e5018;
            } else {
                local_18 = false;
            }
            bool _e5021 = local_18;
            if (_e5021) {
                uint _e5025 = P.dv_at;
                uint _e5030 = P.head_dim_v;
                uint _e5037 = x_12;
                float _e5041 = s_ld((r_12 * SS) + naga_mod(_e5037, MSR), wg);
                out_buf[(_e5025 + (((out_row0_ + c_lo) + r_12) * _e5030)) + col_10] = _e5041;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e5046 = acc_v.inner[6];
    simdgroup_store(_e5046, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e5060 = acc_v.inner[7];
    simdgroup_store(_e5060, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e5074 = acc_v.inner[22];
    simdgroup_store(_e5074, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e5088 = acc_v.inner[23];
    simdgroup_store(_e5088, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_13 = lid;
    uint2 loop_bound_17 = uint2(4294967295u);
    bool loop_init_17 = true;
    while(true) {
        if (metal::all(loop_bound_17 == uint2(0u))) { break; }
        loop_bound_17 -= uint2(loop_bound_17.y == 0u, 1u);
        if (!loop_init_17) {
            uint _e5143 = x_13;
            x_13 = _e5143 + NT;
        }
        loop_init_17 = false;
        uint _e5102 = x_13;
        if (_e5102 < 256u) {
        } else {
            break;
        }
        {
            uint _e5105 = x_13;
            uint r_13 = naga_div(_e5105, MSR);
            uint _e5109 = x_13;
            uint col_11 = 48u + naga_mod(_e5109, MSR);
            if ((c_lo + r_13) < own_len) {
                uint _e5119 = P.head_dim_v;
                local_19 = col_11 < _e5119;
            } else {
                local_19 = false;
            }
            bool _e5122 = local_19;
            if (_e5122) {
                uint _e5126 = P.dv_at;
                uint _e5131 = P.head_dim_v;
                uint _e5138 = x_13;
                float _e5142 = s_ld((r_13 * SS) + naga_mod(_e5138, MSR), wg);
                out_buf[(_e5126 + (((out_row0_ + c_lo) + r_13) * _e5131)) + col_11] = _e5142;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e5147 = acc_v.inner[8];
    simdgroup_store(_e5147, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e5161 = acc_v.inner[9];
    simdgroup_store(_e5161, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e5175 = acc_v.inner[24];
    simdgroup_store(_e5175, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e5189 = acc_v.inner[25];
    simdgroup_store(_e5189, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_14 = lid;
    uint2 loop_bound_18 = uint2(4294967295u);
    bool loop_init_18 = true;
    while(true) {
        if (metal::all(loop_bound_18 == uint2(0u))) { break; }
        loop_bound_18 -= uint2(loop_bound_18.y == 0u, 1u);
        if (!loop_init_18) {
            uint _e5244 = x_14;
            x_14 = _e5244 + NT;
        }
        loop_init_18 = false;
        uint _e5203 = x_14;
        if (_e5203 < 256u) {
        } else {
            break;
        }
        {
            uint _e5206 = x_14;
            uint r_14 = naga_div(_e5206, MSR);
            uint _e5210 = x_14;
            uint col_12 = 64u + naga_mod(_e5210, MSR);
            if ((c_lo + r_14) < own_len) {
                uint _e5220 = P.head_dim_v;
                local_20 = col_12 < _e5220;
            } else {
                local_20 = false;
            }
            bool _e5223 = local_20;
            if (_e5223) {
                uint _e5227 = P.dv_at;
                uint _e5232 = P.head_dim_v;
                uint _e5239 = x_14;
                float _e5243 = s_ld((r_14 * SS) + naga_mod(_e5239, MSR), wg);
                out_buf[(_e5227 + (((out_row0_ + c_lo) + r_14) * _e5232)) + col_12] = _e5243;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e5248 = acc_v.inner[10];
    simdgroup_store(_e5248, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e5262 = acc_v.inner[11];
    simdgroup_store(_e5262, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e5276 = acc_v.inner[26];
    simdgroup_store(_e5276, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e5290 = acc_v.inner[27];
    simdgroup_store(_e5290, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_15 = lid;
    uint2 loop_bound_19 = uint2(4294967295u);
    bool loop_init_19 = true;
    while(true) {
        if (metal::all(loop_bound_19 == uint2(0u))) { break; }
        loop_bound_19 -= uint2(loop_bound_19.y == 0u, 1u);
        if (!loop_init_19) {
            uint _e5345 = x_15;
            x_15 = _e5345 + NT;
        }
        loop_init_19 = false;
        uint _e5304 = x_15;
        if (_e5304 < 256u) {
        } else {
            break;
        }
        {
            uint _e5307 = x_15;
            uint r_15 = naga_div(_e5307, MSR);
            uint _e5311 = x_15;
            uint col_13 = 80u + naga_mod(_e5311, MSR);
            if ((c_lo + r_15) < own_len) {
                uint _e5321 = P.head_dim_v;
                local_21 = col_13 < _e5321;
            } else {
                local_21 = false;
            }
            bool _e5324 = local_21;
            if (_e5324) {
                uint _e5328 = P.dv_at;
                uint _e5333 = P.head_dim_v;
                uint _e5340 = x_15;
                float _e5344 = s_ld((r_15 * SS) + naga_mod(_e5340, MSR), wg);
                out_buf[(_e5328 + (((out_row0_ + c_lo) + r_15) * _e5333)) + col_13] = _e5344;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e5349 = acc_v.inner[12];
    simdgroup_store(_e5349, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e5363 = acc_v.inner[13];
    simdgroup_store(_e5363, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e5377 = acc_v.inner[28];
    simdgroup_store(_e5377, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e5391 = acc_v.inner[29];
    simdgroup_store(_e5391, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_16 = lid;
    uint2 loop_bound_20 = uint2(4294967295u);
    bool loop_init_20 = true;
    while(true) {
        if (metal::all(loop_bound_20 == uint2(0u))) { break; }
        loop_bound_20 -= uint2(loop_bound_20.y == 0u, 1u);
        if (!loop_init_20) {
            uint _e5446 = x_16;
            x_16 = _e5446 + NT;
        }
        loop_init_20 = false;
        uint _e5405 = x_16;
        if (_e5405 < 256u) {
        } else {
            break;
        }
        {
            uint _e5408 = x_16;
            uint r_16 = naga_div(_e5408, MSR);
            uint _e5412 = x_16;
            uint col_14 = 96u + naga_mod(_e5412, MSR);
            if ((c_lo + r_16) < own_len) {
                uint _e5422 = P.head_dim_v;
                local_22 = col_14 < _e5422;
            } else {
                local_22 = false;
            }
            bool _e5425 = local_22;
            if (_e5425) {
                uint _e5429 = P.dv_at;
                uint _e5434 = P.head_dim_v;
                uint _e5441 = x_16;
                float _e5445 = s_ld((r_16 * SS) + naga_mod(_e5441, MSR), wg);
                out_buf[(_e5429 + (((out_row0_ + c_lo) + r_16) * _e5434)) + col_14] = _e5445;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e5450 = acc_v.inner[14];
    simdgroup_store(_e5450, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e5464 = acc_v.inner[15];
    simdgroup_store(_e5464, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e5478 = acc_v.inner[30];
    simdgroup_store(_e5478, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e5492 = acc_v.inner[31];
    simdgroup_store(_e5492, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_17 = lid;
    uint2 loop_bound_21 = uint2(4294967295u);
    bool loop_init_21 = true;
    while(true) {
        if (metal::all(loop_bound_21 == uint2(0u))) { break; }
        loop_bound_21 -= uint2(loop_bound_21.y == 0u, 1u);
        if (!loop_init_21) {
            uint _e5547 = x_17;
            x_17 = _e5547 + NT;
        }
        loop_init_21 = false;
        uint _e5506 = x_17;
        if (_e5506 < 256u) {
        } else {
            break;
        }
        {
            uint _e5509 = x_17;
            uint r_17 = naga_div(_e5509, MSR);
            uint _e5513 = x_17;
            uint col_15 = 112u + naga_mod(_e5513, MSR);
            if ((c_lo + r_17) < own_len) {
                uint _e5523 = P.head_dim_v;
                local_23 = col_15 < _e5523;
            } else {
                local_23 = false;
            }
            bool _e5526 = local_23;
            if (_e5526) {
                uint _e5530 = P.dv_at;
                uint _e5535 = P.head_dim_v;
                uint _e5542 = x_17;
                float _e5546 = s_ld((r_17 * SS) + naga_mod(_e5542, MSR), wg);
                out_buf[(_e5530 + (((out_row0_ + c_lo) + r_17) * _e5535)) + col_15] = _e5546;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    return;
}
