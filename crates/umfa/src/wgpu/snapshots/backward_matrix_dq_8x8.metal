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
    bool local_19 = {};
    bool local_20 = {};
    bool local_21 = {};
    bool read_bool = {};
    uint _e6 = P.seq_q;
    if (!((i_1 >= _e6))) {
        uint _e13 = P.seq_kv;
        local_19 = j_1 >= _e13;
    } else {
        local_19 = true;
    }
    bool _e16 = local_19;
    if (_e16) {
        return false;
    }
    int d = as_type<int>(as_type<uint>(static_cast<int>(j_1)) - as_type<uint>(static_cast<int>(i_1)));
    int _e23 = P.has_band_lo;
    if (_e23 != 0) {
        int _e30 = P.band_lo;
        local_20 = d < _e30;
    } else {
        local_20 = false;
    }
    bool _e33 = local_20;
    if (_e33) {
        return false;
    }
    int _e37 = P.has_band_hi;
    if (_e37 != 0) {
        int _e44 = P.band_hi;
        local_21 = d > _e44;
    } else {
        local_21 = false;
    }
    bool _e47 = local_21;
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
    bool local = {};
    bool local_1 = {};
    bool local_2 = {};
    uint x = {};
    float lse_own = MASKED;
    float delta_own = 0.0;
    int s_begin = 0;
    int s_end = {};
    type_15 acc_k = {};
    int t0_ = {};
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
    uint x_1 = {};
    bool local_11 = {};
    uint x_2 = {};
    bool local_12 = {};
    uint x_3 = {};
    bool local_13 = {};
    uint x_4 = {};
    bool local_14 = {};
    uint x_5 = {};
    bool local_15 = {};
    uint x_6 = {};
    bool local_16 = {};
    uint x_7 = {};
    bool local_17 = {};
    uint x_8 = {};
    bool local_18 = {};
    uint b_3 = wid.z;
    uint r_lo = wid.x * MO;
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
    uint h_5 = wid.y;
    uint _e62 = P.group;
    uint hk = naga_div(h_5, _e62);
    uint own_len = P.seq_q;
    uint _e69 = P.heads_q;
    uint _e72 = m_q_row((b_3 * _e69) + h_5, r_lo, P);
    stage_rows(lid, _e72, MO, 32u, OA_AT, SQ, h_buf, wg, _buffer_sizes);
    uint _e79 = P.heads_q;
    uint _e82 = m_do_row((b_3 * _e79) + h_5, r_lo, P);
    stage_rows(lid, _e82, MO, 32u, OB_AT, SV, h_buf, wg, _buffer_sizes);
    uint i_3 = r_lo + er;
    uint _e94 = P.seq_q;
    if (i_3 < _e94) {
        uint _e98 = P.heads_q;
        uint _e103 = P.seq_q;
        uint row = (((b_3 * _e98) + h_5) * _e103) + i_3;
        float _e108 = rows_buf[row];
        lse_own = _e108;
        uint _e112 = P.delta_at;
        float _e115 = rows_buf[_e112 + row];
        delta_own = _e115;
    }
    uint _e120 = P.seq_q;
    uint last_row = metal::min(r_lo + MO, _e120) - 1u;
    uint _e128 = P.seq_kv;
    s_end = static_cast<int>(_e128);
    int _e133 = P.has_band_lo;
    if (_e133 != 0) {
        int _e140 = P.band_lo;
        s_begin = metal::max(0, as_type<int>(as_type<uint>(static_cast<int>(r_lo)) + as_type<uint>(_e140)));
    }
    int _e145 = P.has_band_hi;
    if (_e145 != 0) {
        int _e148 = s_end;
        int _e152 = P.band_hi;
        s_end = metal::min(_e148, as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(last_row)) + as_type<uint>(_e152))) + as_type<uint>(1)));
    }
    int _e157 = s_begin;
    s_begin = as_type<int>(as_type<uint>(naga_div(_e157, 16)) * as_type<uint>(16));
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
        int _e200 = s_begin;
        t0_ = _e200;
        uint2 loop_bound_2 = uint2(4294967295u);
        bool loop_init_2 = true;
        while(true) {
            if (metal::all(loop_bound_2 == uint2(0u))) { break; }
            loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
            if (!loop_init_2) {
                int _e3262 = t0_;
                t0_ = as_type<int>(as_type<uint>(_e3262) + as_type<uint>(16));
            }
            loop_init_2 = false;
            int _e202 = t0_;
            int _e203 = s_end;
            if (_e202 < _e203) {
            } else {
                break;
            }
            {
                int _e205 = t0_;
                uint c_lo = static_cast<uint>(_e205);
                uint _e209 = P.heads_kv;
                uint _e212 = m_k_row((b_3 * _e209) + hk, c_lo, P);
                stage_rows(lid, _e212, MSR, 32u, SA_AT, SQ, h_buf, wg, _buffer_sizes);
                uint _e219 = P.heads_kv;
                uint _e222 = m_v_row((b_3 * _e219) + hk, c_lo, P);
                stage_rows(lid, _e222, MSR, 32u, SB_AT, SV, h_buf, wg, _buffer_sizes);
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
                    CoopC _e261 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, true), _e261);
                    CoopC _e270 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, true), _e270);
                }
                {
                    metal::simdgroup_half8x8 a_1 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 0u], SQ, false);
                    CoopC _e294 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_1, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, true), _e294);
                    CoopC _e303 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_1, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, true), _e303);
                }
                {
                    metal::simdgroup_half8x8 a_2 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 8u], SQ, false);
                    CoopC _e327 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_2, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, true), _e327);
                    CoopC _e336 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_2, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, true), _e336);
                }
                {
                    metal::simdgroup_half8x8 a_3 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 8u], SQ, false);
                    CoopC _e360 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_3, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, true), _e360);
                    CoopC _e369 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_3, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, true), _e369);
                }
                {
                    metal::simdgroup_half8x8 a_4 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 16u], SQ, false);
                    CoopC _e393 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_4, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, true), _e393);
                    CoopC _e402 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_4, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, true), _e402);
                }
                {
                    metal::simdgroup_half8x8 a_5 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 16u], SQ, false);
                    CoopC _e426 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_5, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, true), _e426);
                    CoopC _e435 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_5, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, true), _e435);
                }
                {
                    metal::simdgroup_half8x8 a_6 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 24u], SQ, false);
                    CoopC _e459 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_6, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, true), _e459);
                    CoopC _e468 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_6, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, true), _e468);
                }
                {
                    metal::simdgroup_half8x8 a_7 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 24u], SQ, false);
                    CoopC _e492 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_7, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, true), _e492);
                    CoopC _e501 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_7, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, true), _e501);
                }
                {
                    metal::simdgroup_half8x8 a_8 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 32u], SQ, false);
                    CoopC _e525 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_8, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, true), _e525);
                    CoopC _e534 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_8, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, true), _e534);
                }
                {
                    metal::simdgroup_half8x8 a_9 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 32u], SQ, false);
                    CoopC _e558 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_9, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, true), _e558);
                    CoopC _e567 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_9, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, true), _e567);
                }
                {
                    metal::simdgroup_half8x8 a_10 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 40u], SQ, false);
                    CoopC _e591 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_10, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, true), _e591);
                    CoopC _e600 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_10, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, true), _e600);
                }
                {
                    metal::simdgroup_half8x8 a_11 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 40u], SQ, false);
                    CoopC _e624 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_11, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, true), _e624);
                    CoopC _e633 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_11, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, true), _e633);
                }
                {
                    metal::simdgroup_half8x8 a_12 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 48u], SQ, false);
                    CoopC _e657 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_12, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, true), _e657);
                    CoopC _e666 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_12, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, true), _e666);
                }
                {
                    metal::simdgroup_half8x8 a_13 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 48u], SQ, false);
                    CoopC _e690 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_13, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, true), _e690);
                    CoopC _e699 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_13, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, true), _e699);
                }
                {
                    metal::simdgroup_half8x8 a_14 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 56u], SQ, false);
                    CoopC _e723 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_14, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, true), _e723);
                    CoopC _e732 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_14, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, true), _e732);
                }
                {
                    metal::simdgroup_half8x8 a_15 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 56u], SQ, false);
                    CoopC _e756 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_15, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, true), _e756);
                    CoopC _e765 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_15, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, true), _e765);
                }
                {
                    metal::simdgroup_half8x8 a_16 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 64u], SQ, false);
                    CoopC _e789 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_16, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, true), _e789);
                    CoopC _e798 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_16, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, true), _e798);
                }
                {
                    metal::simdgroup_half8x8 a_17 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 64u], SQ, false);
                    CoopC _e822 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_17, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, true), _e822);
                    CoopC _e831 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_17, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, true), _e831);
                }
                {
                    metal::simdgroup_half8x8 a_18 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 72u], SQ, false);
                    CoopC _e855 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_18, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, true), _e855);
                    CoopC _e864 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_18, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, true), _e864);
                }
                {
                    metal::simdgroup_half8x8 a_19 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 72u], SQ, false);
                    CoopC _e888 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_19, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, true), _e888);
                    CoopC _e897 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_19, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, true), _e897);
                }
                {
                    metal::simdgroup_half8x8 a_20 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 80u], SQ, false);
                    CoopC _e921 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_20, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, true), _e921);
                    CoopC _e930 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_20, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, true), _e930);
                }
                {
                    metal::simdgroup_half8x8 a_21 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 80u], SQ, false);
                    CoopC _e954 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_21, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, true), _e954);
                    CoopC _e963 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_21, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, true), _e963);
                }
                {
                    metal::simdgroup_half8x8 a_22 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 88u], SQ, false);
                    CoopC _e987 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_22, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, true), _e987);
                    CoopC _e996 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_22, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, true), _e996);
                }
                {
                    metal::simdgroup_half8x8 a_23 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 88u], SQ, false);
                    CoopC _e1020 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_23, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, true), _e1020);
                    CoopC _e1029 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_23, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, true), _e1029);
                }
                {
                    metal::simdgroup_half8x8 a_24 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 96u], SQ, false);
                    CoopC _e1053 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_24, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, true), _e1053);
                    CoopC _e1062 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_24, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, true), _e1062);
                }
                {
                    metal::simdgroup_half8x8 a_25 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 96u], SQ, false);
                    CoopC _e1086 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_25, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, true), _e1086);
                    CoopC _e1095 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_25, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, true), _e1095);
                }
                {
                    metal::simdgroup_half8x8 a_26 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 104u], SQ, false);
                    CoopC _e1119 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_26, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, true), _e1119);
                    CoopC _e1128 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_26, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, true), _e1128);
                }
                {
                    metal::simdgroup_half8x8 a_27 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 104u], SQ, false);
                    CoopC _e1152 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_27, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, true), _e1152);
                    CoopC _e1161 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_27, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, true), _e1161);
                }
                {
                    metal::simdgroup_half8x8 a_28 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 112u], SQ, false);
                    CoopC _e1185 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_28, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, true), _e1185);
                    CoopC _e1194 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_28, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, true), _e1194);
                }
                {
                    metal::simdgroup_half8x8 a_29 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 112u], SQ, false);
                    CoopC _e1218 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_29, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, true), _e1218);
                    CoopC _e1227 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_29, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, true), _e1227);
                }
                {
                    metal::simdgroup_half8x8 a_30 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 120u], SQ, false);
                    CoopC _e1251 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_30, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, true), _e1251);
                    CoopC _e1260 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_30, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, true), _e1260);
                }
                {
                    metal::simdgroup_half8x8 a_31 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 120u], SQ, false);
                    CoopC _e1284 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_31, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, true), _e1284);
                    CoopC _e1293 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_31, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, true), _e1293);
                }
                {
                    metal::simdgroup_half8x8 a_32 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 0u], SV, false);
                    CoopC _e1317 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_32, NagaCooperativeLoad(&wg.mh.inner[6528], SV, true), _e1317);
                    CoopC _e1326 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_32, NagaCooperativeLoad(&wg.mh.inner[7616], SV, true), _e1326);
                }
                {
                    metal::simdgroup_half8x8 a_33 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 0u], SV, false);
                    CoopC _e1350 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_33, NagaCooperativeLoad(&wg.mh.inner[6528], SV, true), _e1350);
                    CoopC _e1359 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_33, NagaCooperativeLoad(&wg.mh.inner[7616], SV, true), _e1359);
                }
                {
                    metal::simdgroup_half8x8 a_34 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 8u], SV, false);
                    CoopC _e1383 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_34, NagaCooperativeLoad(&wg.mh.inner[6536], SV, true), _e1383);
                    CoopC _e1392 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_34, NagaCooperativeLoad(&wg.mh.inner[7624], SV, true), _e1392);
                }
                {
                    metal::simdgroup_half8x8 a_35 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 8u], SV, false);
                    CoopC _e1416 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_35, NagaCooperativeLoad(&wg.mh.inner[6536], SV, true), _e1416);
                    CoopC _e1425 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_35, NagaCooperativeLoad(&wg.mh.inner[7624], SV, true), _e1425);
                }
                {
                    metal::simdgroup_half8x8 a_36 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 16u], SV, false);
                    CoopC _e1449 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_36, NagaCooperativeLoad(&wg.mh.inner[6544], SV, true), _e1449);
                    CoopC _e1458 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_36, NagaCooperativeLoad(&wg.mh.inner[7632], SV, true), _e1458);
                }
                {
                    metal::simdgroup_half8x8 a_37 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 16u], SV, false);
                    CoopC _e1482 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_37, NagaCooperativeLoad(&wg.mh.inner[6544], SV, true), _e1482);
                    CoopC _e1491 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_37, NagaCooperativeLoad(&wg.mh.inner[7632], SV, true), _e1491);
                }
                {
                    metal::simdgroup_half8x8 a_38 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 24u], SV, false);
                    CoopC _e1515 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_38, NagaCooperativeLoad(&wg.mh.inner[6552], SV, true), _e1515);
                    CoopC _e1524 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_38, NagaCooperativeLoad(&wg.mh.inner[7640], SV, true), _e1524);
                }
                {
                    metal::simdgroup_half8x8 a_39 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 24u], SV, false);
                    CoopC _e1548 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_39, NagaCooperativeLoad(&wg.mh.inner[6552], SV, true), _e1548);
                    CoopC _e1557 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_39, NagaCooperativeLoad(&wg.mh.inner[7640], SV, true), _e1557);
                }
                {
                    metal::simdgroup_half8x8 a_40 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 32u], SV, false);
                    CoopC _e1581 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_40, NagaCooperativeLoad(&wg.mh.inner[6560], SV, true), _e1581);
                    CoopC _e1590 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_40, NagaCooperativeLoad(&wg.mh.inner[7648], SV, true), _e1590);
                }
                {
                    metal::simdgroup_half8x8 a_41 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 32u], SV, false);
                    CoopC _e1614 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_41, NagaCooperativeLoad(&wg.mh.inner[6560], SV, true), _e1614);
                    CoopC _e1623 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_41, NagaCooperativeLoad(&wg.mh.inner[7648], SV, true), _e1623);
                }
                {
                    metal::simdgroup_half8x8 a_42 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 40u], SV, false);
                    CoopC _e1647 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_42, NagaCooperativeLoad(&wg.mh.inner[6568], SV, true), _e1647);
                    CoopC _e1656 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_42, NagaCooperativeLoad(&wg.mh.inner[7656], SV, true), _e1656);
                }
                {
                    metal::simdgroup_half8x8 a_43 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 40u], SV, false);
                    CoopC _e1680 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_43, NagaCooperativeLoad(&wg.mh.inner[6568], SV, true), _e1680);
                    CoopC _e1689 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_43, NagaCooperativeLoad(&wg.mh.inner[7656], SV, true), _e1689);
                }
                {
                    metal::simdgroup_half8x8 a_44 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 48u], SV, false);
                    CoopC _e1713 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_44, NagaCooperativeLoad(&wg.mh.inner[6576], SV, true), _e1713);
                    CoopC _e1722 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_44, NagaCooperativeLoad(&wg.mh.inner[7664], SV, true), _e1722);
                }
                {
                    metal::simdgroup_half8x8 a_45 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 48u], SV, false);
                    CoopC _e1746 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_45, NagaCooperativeLoad(&wg.mh.inner[6576], SV, true), _e1746);
                    CoopC _e1755 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_45, NagaCooperativeLoad(&wg.mh.inner[7664], SV, true), _e1755);
                }
                {
                    metal::simdgroup_half8x8 a_46 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 56u], SV, false);
                    CoopC _e1779 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_46, NagaCooperativeLoad(&wg.mh.inner[6584], SV, true), _e1779);
                    CoopC _e1788 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_46, NagaCooperativeLoad(&wg.mh.inner[7672], SV, true), _e1788);
                }
                {
                    metal::simdgroup_half8x8 a_47 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 56u], SV, false);
                    CoopC _e1812 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_47, NagaCooperativeLoad(&wg.mh.inner[6584], SV, true), _e1812);
                    CoopC _e1821 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_47, NagaCooperativeLoad(&wg.mh.inner[7672], SV, true), _e1821);
                }
                {
                    metal::simdgroup_half8x8 a_48 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 64u], SV, false);
                    CoopC _e1845 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_48, NagaCooperativeLoad(&wg.mh.inner[6592], SV, true), _e1845);
                    CoopC _e1854 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_48, NagaCooperativeLoad(&wg.mh.inner[7680], SV, true), _e1854);
                }
                {
                    metal::simdgroup_half8x8 a_49 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 64u], SV, false);
                    CoopC _e1878 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_49, NagaCooperativeLoad(&wg.mh.inner[6592], SV, true), _e1878);
                    CoopC _e1887 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_49, NagaCooperativeLoad(&wg.mh.inner[7680], SV, true), _e1887);
                }
                {
                    metal::simdgroup_half8x8 a_50 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 72u], SV, false);
                    CoopC _e1911 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_50, NagaCooperativeLoad(&wg.mh.inner[6600], SV, true), _e1911);
                    CoopC _e1920 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_50, NagaCooperativeLoad(&wg.mh.inner[7688], SV, true), _e1920);
                }
                {
                    metal::simdgroup_half8x8 a_51 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 72u], SV, false);
                    CoopC _e1944 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_51, NagaCooperativeLoad(&wg.mh.inner[6600], SV, true), _e1944);
                    CoopC _e1953 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_51, NagaCooperativeLoad(&wg.mh.inner[7688], SV, true), _e1953);
                }
                {
                    metal::simdgroup_half8x8 a_52 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 80u], SV, false);
                    CoopC _e1977 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_52, NagaCooperativeLoad(&wg.mh.inner[6608], SV, true), _e1977);
                    CoopC _e1986 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_52, NagaCooperativeLoad(&wg.mh.inner[7696], SV, true), _e1986);
                }
                {
                    metal::simdgroup_half8x8 a_53 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 80u], SV, false);
                    CoopC _e2010 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_53, NagaCooperativeLoad(&wg.mh.inner[6608], SV, true), _e2010);
                    CoopC _e2019 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_53, NagaCooperativeLoad(&wg.mh.inner[7696], SV, true), _e2019);
                }
                {
                    metal::simdgroup_half8x8 a_54 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 88u], SV, false);
                    CoopC _e2043 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_54, NagaCooperativeLoad(&wg.mh.inner[6616], SV, true), _e2043);
                    CoopC _e2052 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_54, NagaCooperativeLoad(&wg.mh.inner[7704], SV, true), _e2052);
                }
                {
                    metal::simdgroup_half8x8 a_55 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 88u], SV, false);
                    CoopC _e2076 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_55, NagaCooperativeLoad(&wg.mh.inner[6616], SV, true), _e2076);
                    CoopC _e2085 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_55, NagaCooperativeLoad(&wg.mh.inner[7704], SV, true), _e2085);
                }
                {
                    metal::simdgroup_half8x8 a_56 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 96u], SV, false);
                    CoopC _e2109 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_56, NagaCooperativeLoad(&wg.mh.inner[6624], SV, true), _e2109);
                    CoopC _e2118 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_56, NagaCooperativeLoad(&wg.mh.inner[7712], SV, true), _e2118);
                }
                {
                    metal::simdgroup_half8x8 a_57 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 96u], SV, false);
                    CoopC _e2142 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_57, NagaCooperativeLoad(&wg.mh.inner[6624], SV, true), _e2142);
                    CoopC _e2151 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_57, NagaCooperativeLoad(&wg.mh.inner[7712], SV, true), _e2151);
                }
                {
                    metal::simdgroup_half8x8 a_58 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 104u], SV, false);
                    CoopC _e2175 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_58, NagaCooperativeLoad(&wg.mh.inner[6632], SV, true), _e2175);
                    CoopC _e2184 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_58, NagaCooperativeLoad(&wg.mh.inner[7720], SV, true), _e2184);
                }
                {
                    metal::simdgroup_half8x8 a_59 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 104u], SV, false);
                    CoopC _e2208 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_59, NagaCooperativeLoad(&wg.mh.inner[6632], SV, true), _e2208);
                    CoopC _e2217 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_59, NagaCooperativeLoad(&wg.mh.inner[7720], SV, true), _e2217);
                }
                {
                    metal::simdgroup_half8x8 a_60 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 112u], SV, false);
                    CoopC _e2241 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_60, NagaCooperativeLoad(&wg.mh.inner[6640], SV, true), _e2241);
                    CoopC _e2250 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_60, NagaCooperativeLoad(&wg.mh.inner[7728], SV, true), _e2250);
                }
                {
                    metal::simdgroup_half8x8 a_61 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 112u], SV, false);
                    CoopC _e2274 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_61, NagaCooperativeLoad(&wg.mh.inner[6640], SV, true), _e2274);
                    CoopC _e2283 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_61, NagaCooperativeLoad(&wg.mh.inner[7728], SV, true), _e2283);
                }
                {
                    metal::simdgroup_half8x8 a_62 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 120u], SV, false);
                    CoopC _e2307 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_62, NagaCooperativeLoad(&wg.mh.inner[6648], SV, true), _e2307);
                    CoopC _e2316 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_62, NagaCooperativeLoad(&wg.mh.inner[7736], SV, true), _e2316);
                }
                {
                    metal::simdgroup_half8x8 a_63 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 120u], SV, false);
                    CoopC _e2340 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_63, NagaCooperativeLoad(&wg.mh.inner[6648], SV, true), _e2340);
                    CoopC _e2349 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_63, NagaCooperativeLoad(&wg.mh.inner[7736], SV, true), _e2349);
                }
                CoopC _e2352 = xa.inner[0];
                simdgroup_store(_e2352, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
                CoopC _e2366 = dxa.inner[0];
                simdgroup_store(_e2366, &wg.ms.inner[(DP_AT + (((sg * RS) + 0u) * SS)) + 0u], SS);
                CoopC _e2382 = xa.inner[1];
                simdgroup_store(_e2382, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
                CoopC _e2396 = dxa.inner[1];
                simdgroup_store(_e2396, &wg.ms.inner[(DP_AT + (((sg * RS) + 0u) * SS)) + 8u], SS);
                CoopC _e2412 = xa.inner[2];
                simdgroup_store(_e2412, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
                CoopC _e2426 = dxa.inner[2];
                simdgroup_store(_e2426, &wg.ms.inner[(DP_AT + (((sg * RS) + 8u) * SS)) + 0u], SS);
                CoopC _e2442 = xa.inner[3];
                simdgroup_store(_e2442, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
                CoopC _e2456 = dxa.inner[3];
                simdgroup_store(_e2456, &wg.ms.inner[(DP_AT + (((sg * RS) + 8u) * SS)) + 8u], SS);
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                uint r_hi = r_lo + MO;
                uint c_hi = c_lo + MSR;
                if (plain) {
                    uint _e2479 = P.seq_q;
                    local_3 = r_hi <= _e2479;
                } else {
                    local_3 = false;
                }
                bool _e2482 = local_3;
                if (_e2482) {
                    uint _e2487 = P.seq_kv;
                    local_4 = c_hi <= _e2487;
                } else {
                    local_4 = false;
                }
                bool _e2490 = local_4;
                if (_e2490) {
                    int _e2495 = P.has_band_lo;
                    if (!((_e2495 == 0))) {
                        int _e2508 = P.band_lo;
                        local_6 = as_type<int>(as_type<uint>(static_cast<int>(c_lo)) - as_type<uint>(static_cast<int>(r_hi - 1u))) >= _e2508;
                    } else {
                        local_6 = true;
                    }
                    bool _e2511 = local_6;
                    local_5 = _e2511;
                } else {
                    local_5 = false;
                }
                bool _e2513 = local_5;
                if (_e2513) {
                    int _e2518 = P.has_band_hi;
                    if (!((_e2518 == 0))) {
                        int _e2531 = P.band_hi;
                        local_8 = as_type<int>(as_type<uint>(static_cast<int>(c_hi - 1u)) - as_type<uint>(static_cast<int>(r_lo))) <= _e2531;
                    } else {
                        local_8 = true;
                    }
                    bool _e2534 = local_8;
                    local_7 = _e2534;
                } else {
                    local_7 = false;
                }
                bool dense = local_7;
                e = 0u;
                uint2 loop_bound_3 = uint2(4294967295u);
                bool loop_init_3 = true;
                while(true) {
                    if (metal::all(loop_bound_3 == uint2(0u))) { break; }
                    loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
                    if (!loop_init_3) {
                        uint _e2624 = e;
                        e = _e2624 + 1u;
                    }
                    loop_init_3 = false;
                    uint _e2539 = e;
                    if (_e2539 < 8u) {
                    } else {
                        break;
                    }
                    {
                        uint _e2543 = e;
                        uint c = part + (2u * _e2543);
                        uint j_5 = c_lo + c;
                        float lse = lse_own;
                        float delta = delta_own;
                        p = 0.0;
                        ds = 0.0;
                        if (dense) {
                            float _e2555 = P.scale;
                            float _e2559 = s_ld((er * SS) + c, wg);
                            float x_10 = _e2555 * _e2559;
                            if (x_10 > MASKED) {
                                local_9 = lse > MASKED;
                            } else {
                                local_9 = false;
                            }
                            bool _e2568 = local_9;
                            if (_e2568) {
                                p = metal::exp(x_10 - lse);
                                float _e2571 = p;
                                float _e2577 = s_ld((DP_AT + (er * SS)) + c, wg);
                                float _e2582 = P.scale;
                                ds = (_e2571 * (_e2577 - delta)) * _e2582;
                            }
                        } else {
                            bool _e2584 = visible(b_3, h_5, i_3, j_5, P, mask_buf, blocks_buf, _buffer_sizes);
                            if (_e2584) {
                                float _e2588 = s_ld((er * SS) + c, wg);
                                metal::float2 _e2589 = score(b_3, h_5, i_3, j_5, _e2588, P, mask_buf, aux_buf, _buffer_sizes);
                                if (_e2589.x > MASKED) {
                                    local_10 = lse > MASKED;
                                } else {
                                    local_10 = false;
                                }
                                bool _e2598 = local_10;
                                if (_e2598) {
                                    p = metal::exp(_e2589.x - lse);
                                    float _e2602 = p;
                                    float _e2608 = s_ld((DP_AT + (er * SS)) + c, wg);
                                    ds = (_e2602 * (_e2608 - delta)) * _e2589.y;
                                }
                            }
                        }
                        float _e2621 = ds;
                        wg.mh.inner[(DS_AT + (er * SPS)) + c] = static_cast<half>(_e2621);
                    }
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                {
                    metal::simdgroup_half8x8 a_64 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 0u) * SPS)) + 0u], SPS, false);
                    CoopC _e2648 = acc_k.inner[0];
                    acc_k.inner[0] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, false), _e2648);
                    CoopC _e2657 = acc_k.inner[1];
                    acc_k.inner[1] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, false), _e2657);
                    CoopC _e2666 = acc_k.inner[2];
                    acc_k.inner[2] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, false), _e2666);
                    CoopC _e2675 = acc_k.inner[3];
                    acc_k.inner[3] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, false), _e2675);
                    CoopC _e2684 = acc_k.inner[4];
                    acc_k.inner[4] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, false), _e2684);
                    CoopC _e2693 = acc_k.inner[5];
                    acc_k.inner[5] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, false), _e2693);
                    CoopC _e2702 = acc_k.inner[6];
                    acc_k.inner[6] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, false), _e2702);
                    CoopC _e2711 = acc_k.inner[7];
                    acc_k.inner[7] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, false), _e2711);
                    CoopC _e2720 = acc_k.inner[8];
                    acc_k.inner[8] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, false), _e2720);
                    CoopC _e2729 = acc_k.inner[9];
                    acc_k.inner[9] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, false), _e2729);
                    CoopC _e2738 = acc_k.inner[10];
                    acc_k.inner[10] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, false), _e2738);
                    CoopC _e2747 = acc_k.inner[11];
                    acc_k.inner[11] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, false), _e2747);
                    CoopC _e2756 = acc_k.inner[12];
                    acc_k.inner[12] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, false), _e2756);
                    CoopC _e2765 = acc_k.inner[13];
                    acc_k.inner[13] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, false), _e2765);
                    CoopC _e2774 = acc_k.inner[14];
                    acc_k.inner[14] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, false), _e2774);
                    CoopC _e2783 = acc_k.inner[15];
                    acc_k.inner[15] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, false), _e2783);
                }
                {
                    metal::simdgroup_half8x8 a_65 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 8u) * SPS)) + 0u], SPS, false);
                    CoopC _e2807 = acc_k.inner[16];
                    acc_k.inner[16] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, false), _e2807);
                    CoopC _e2816 = acc_k.inner[17];
                    acc_k.inner[17] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, false), _e2816);
                    CoopC _e2825 = acc_k.inner[18];
                    acc_k.inner[18] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, false), _e2825);
                    CoopC _e2834 = acc_k.inner[19];
                    acc_k.inner[19] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, false), _e2834);
                    CoopC _e2843 = acc_k.inner[20];
                    acc_k.inner[20] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, false), _e2843);
                    CoopC _e2852 = acc_k.inner[21];
                    acc_k.inner[21] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, false), _e2852);
                    CoopC _e2861 = acc_k.inner[22];
                    acc_k.inner[22] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, false), _e2861);
                    CoopC _e2870 = acc_k.inner[23];
                    acc_k.inner[23] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, false), _e2870);
                    CoopC _e2879 = acc_k.inner[24];
                    acc_k.inner[24] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, false), _e2879);
                    CoopC _e2888 = acc_k.inner[25];
                    acc_k.inner[25] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, false), _e2888);
                    CoopC _e2897 = acc_k.inner[26];
                    acc_k.inner[26] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, false), _e2897);
                    CoopC _e2906 = acc_k.inner[27];
                    acc_k.inner[27] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, false), _e2906);
                    CoopC _e2915 = acc_k.inner[28];
                    acc_k.inner[28] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, false), _e2915);
                    CoopC _e2924 = acc_k.inner[29];
                    acc_k.inner[29] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, false), _e2924);
                    CoopC _e2933 = acc_k.inner[30];
                    acc_k.inner[30] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, false), _e2933);
                    CoopC _e2942 = acc_k.inner[31];
                    acc_k.inner[31] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, false), _e2942);
                }
                {
                    metal::simdgroup_half8x8 a_66 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 0u) * SPS)) + 8u], SPS, false);
                    CoopC _e2966 = acc_k.inner[0];
                    acc_k.inner[0] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, false), _e2966);
                    CoopC _e2975 = acc_k.inner[1];
                    acc_k.inner[1] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, false), _e2975);
                    CoopC _e2984 = acc_k.inner[2];
                    acc_k.inner[2] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, false), _e2984);
                    CoopC _e2993 = acc_k.inner[3];
                    acc_k.inner[3] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, false), _e2993);
                    CoopC _e3002 = acc_k.inner[4];
                    acc_k.inner[4] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, false), _e3002);
                    CoopC _e3011 = acc_k.inner[5];
                    acc_k.inner[5] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, false), _e3011);
                    CoopC _e3020 = acc_k.inner[6];
                    acc_k.inner[6] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, false), _e3020);
                    CoopC _e3029 = acc_k.inner[7];
                    acc_k.inner[7] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, false), _e3029);
                    CoopC _e3038 = acc_k.inner[8];
                    acc_k.inner[8] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, false), _e3038);
                    CoopC _e3047 = acc_k.inner[9];
                    acc_k.inner[9] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, false), _e3047);
                    CoopC _e3056 = acc_k.inner[10];
                    acc_k.inner[10] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, false), _e3056);
                    CoopC _e3065 = acc_k.inner[11];
                    acc_k.inner[11] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, false), _e3065);
                    CoopC _e3074 = acc_k.inner[12];
                    acc_k.inner[12] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, false), _e3074);
                    CoopC _e3083 = acc_k.inner[13];
                    acc_k.inner[13] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, false), _e3083);
                    CoopC _e3092 = acc_k.inner[14];
                    acc_k.inner[14] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, false), _e3092);
                    CoopC _e3101 = acc_k.inner[15];
                    acc_k.inner[15] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, false), _e3101);
                }
                {
                    metal::simdgroup_half8x8 a_67 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 8u) * SPS)) + 8u], SPS, false);
                    CoopC _e3125 = acc_k.inner[16];
                    acc_k.inner[16] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, false), _e3125);
                    CoopC _e3134 = acc_k.inner[17];
                    acc_k.inner[17] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, false), _e3134);
                    CoopC _e3143 = acc_k.inner[18];
                    acc_k.inner[18] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, false), _e3143);
                    CoopC _e3152 = acc_k.inner[19];
                    acc_k.inner[19] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, false), _e3152);
                    CoopC _e3161 = acc_k.inner[20];
                    acc_k.inner[20] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, false), _e3161);
                    CoopC _e3170 = acc_k.inner[21];
                    acc_k.inner[21] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, false), _e3170);
                    CoopC _e3179 = acc_k.inner[22];
                    acc_k.inner[22] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, false), _e3179);
                    CoopC _e3188 = acc_k.inner[23];
                    acc_k.inner[23] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, false), _e3188);
                    CoopC _e3197 = acc_k.inner[24];
                    acc_k.inner[24] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, false), _e3197);
                    CoopC _e3206 = acc_k.inner[25];
                    acc_k.inner[25] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, false), _e3206);
                    CoopC _e3215 = acc_k.inner[26];
                    acc_k.inner[26] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, false), _e3215);
                    CoopC _e3224 = acc_k.inner[27];
                    acc_k.inner[27] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, false), _e3224);
                    CoopC _e3233 = acc_k.inner[28];
                    acc_k.inner[28] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, false), _e3233);
                    CoopC _e3242 = acc_k.inner[29];
                    acc_k.inner[29] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, false), _e3242);
                    CoopC _e3251 = acc_k.inner[30];
                    acc_k.inner[30] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, false), _e3251);
                    CoopC _e3260 = acc_k.inner[31];
                    acc_k.inner[31] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, false), _e3260);
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            }
        }
    }
    uint _e3267 = P.heads_q;
    uint _e3272 = P.seq_q;
    uint out_row0_ = ((b_3 * _e3267) + h_5) * _e3272;
    CoopC _e3275 = acc_k.inner[0];
    simdgroup_store(_e3275, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3289 = acc_k.inner[1];
    simdgroup_store(_e3289, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3303 = acc_k.inner[16];
    simdgroup_store(_e3303, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3317 = acc_k.inner[17];
    simdgroup_store(_e3317, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_1 = lid;
    uint2 loop_bound_4 = uint2(4294967295u);
    bool loop_init_4 = true;
    while(true) {
        if (metal::all(loop_bound_4 == uint2(0u))) { break; }
        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
        if (!loop_init_4) {
            uint _e3368 = x_1;
            x_1 = _e3368 + NT;
        }
        loop_init_4 = false;
        uint _e3331 = x_1;
        if (_e3331 < 256u) {
        } else {
            break;
        }
        {
            uint _e3334 = x_1;
            uint r_2 = naga_div(_e3334, MSR);
            uint _e3338 = x_1;
            uint col = 0u + naga_mod(_e3338, MSR);
            if ((r_lo + r_2) < own_len) {
                uint _e3348 = P.head_dim;
                local_11 = col < _e3348;
            } else {
                local_11 = false;
            }
            bool _e3351 = local_11;
            if (_e3351) {
                uint _e3357 = P.head_dim;
                uint _e3363 = x_1;
                float _e3367 = s_ld((r_2 * SS) + naga_mod(_e3363, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_2) * _e3357) + col] = _e3367;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3372 = acc_k.inner[2];
    simdgroup_store(_e3372, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3386 = acc_k.inner[3];
    simdgroup_store(_e3386, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3400 = acc_k.inner[18];
    simdgroup_store(_e3400, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3414 = acc_k.inner[19];
    simdgroup_store(_e3414, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_2 = lid;
    uint2 loop_bound_5 = uint2(4294967295u);
    bool loop_init_5 = true;
    while(true) {
        if (metal::all(loop_bound_5 == uint2(0u))) { break; }
        loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
        if (!loop_init_5) {
            uint _e3465 = x_2;
            x_2 = _e3465 + NT;
        }
        loop_init_5 = false;
        uint _e3428 = x_2;
        if (_e3428 < 256u) {
        } else {
            break;
        }
        {
            uint _e3431 = x_2;
            uint r_3 = naga_div(_e3431, MSR);
            uint _e3435 = x_2;
            uint col_1 = 16u + naga_mod(_e3435, MSR);
            if ((r_lo + r_3) < own_len) {
                uint _e3445 = P.head_dim;
                local_12 = col_1 < _e3445;
            } else {
                local_12 = false;
            }
            bool _e3448 = local_12;
            if (_e3448) {
                uint _e3454 = P.head_dim;
                uint _e3460 = x_2;
                float _e3464 = s_ld((r_3 * SS) + naga_mod(_e3460, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_3) * _e3454) + col_1] = _e3464;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3469 = acc_k.inner[4];
    simdgroup_store(_e3469, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3483 = acc_k.inner[5];
    simdgroup_store(_e3483, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3497 = acc_k.inner[20];
    simdgroup_store(_e3497, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3511 = acc_k.inner[21];
    simdgroup_store(_e3511, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_3 = lid;
    uint2 loop_bound_6 = uint2(4294967295u);
    bool loop_init_6 = true;
    while(true) {
        if (metal::all(loop_bound_6 == uint2(0u))) { break; }
        loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
        if (!loop_init_6) {
            uint _e3562 = x_3;
            x_3 = _e3562 + NT;
        }
        loop_init_6 = false;
        uint _e3525 = x_3;
        if (_e3525 < 256u) {
        } else {
            break;
        }
        {
            uint _e3528 = x_3;
            uint r_4 = naga_div(_e3528, MSR);
            uint _e3532 = x_3;
            uint col_2 = 32u + naga_mod(_e3532, MSR);
            if ((r_lo + r_4) < own_len) {
                uint _e3542 = P.head_dim;
                local_13 = col_2 < _e3542;
            } else {
                local_13 = false;
            }
            bool _e3545 = local_13;
            if (_e3545) {
                uint _e3551 = P.head_dim;
                uint _e3557 = x_3;
                float _e3561 = s_ld((r_4 * SS) + naga_mod(_e3557, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_4) * _e3551) + col_2] = _e3561;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3566 = acc_k.inner[6];
    simdgroup_store(_e3566, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3580 = acc_k.inner[7];
    simdgroup_store(_e3580, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3594 = acc_k.inner[22];
    simdgroup_store(_e3594, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3608 = acc_k.inner[23];
    simdgroup_store(_e3608, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_4 = lid;
    uint2 loop_bound_7 = uint2(4294967295u);
    bool loop_init_7 = true;
    while(true) {
        if (metal::all(loop_bound_7 == uint2(0u))) { break; }
        loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
        if (!loop_init_7) {
            uint _e3659 = x_4;
            x_4 = _e3659 + NT;
        }
        loop_init_7 = false;
        uint _e3622 = x_4;
        if (_e3622 < 256u) {
        } else {
            break;
        }
        {
            uint _e3625 = x_4;
            uint r_5 = naga_div(_e3625, MSR);
            uint _e3629 = x_4;
            uint col_3 = 48u + naga_mod(_e3629, MSR);
            if ((r_lo + r_5) < own_len) {
                uint _e3639 = P.head_dim;
                local_14 = col_3 < _e3639;
            } else {
                local_14 = false;
            }
            bool _e3642 = local_14;
            if (_e3642) {
                uint _e3648 = P.head_dim;
                uint _e3654 = x_4;
                float _e3658 = s_ld((r_5 * SS) + naga_mod(_e3654, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_5) * _e3648) + col_3] = _e3658;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3663 = acc_k.inner[8];
    simdgroup_store(_e3663, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3677 = acc_k.inner[9];
    simdgroup_store(_e3677, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3691 = acc_k.inner[24];
    simdgroup_store(_e3691, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3705 = acc_k.inner[25];
    simdgroup_store(_e3705, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_5 = lid;
    uint2 loop_bound_8 = uint2(4294967295u);
    bool loop_init_8 = true;
    while(true) {
        if (metal::all(loop_bound_8 == uint2(0u))) { break; }
        loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
        if (!loop_init_8) {
            uint _e3756 = x_5;
            x_5 = _e3756 + NT;
        }
        loop_init_8 = false;
        uint _e3719 = x_5;
        if (_e3719 < 256u) {
        } else {
            break;
        }
        {
            uint _e3722 = x_5;
            uint r_6 = naga_div(_e3722, MSR);
            uint _e3726 = x_5;
            uint col_4 = 64u + naga_mod(_e3726, MSR);
            if ((r_lo + r_6) < own_len) {
                uint _e3736 = P.head_dim;
                local_15 = col_4 < _e3736;
            } else {
                local_15 = false;
            }
            bool _e3739 = local_15;
            if (_e3739) {
                uint _e3745 = P.head_dim;
                uint _e3751 = x_5;
                float _e3755 = s_ld((r_6 * SS) + naga_mod(_e3751, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_6) * _e3745) + col_4] = _e3755;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3760 = acc_k.inner[10];
    simdgroup_store(_e3760, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3774 = acc_k.inner[11];
    simdgroup_store(_e3774, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3788 = acc_k.inner[26];
    simdgroup_store(_e3788, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3802 = acc_k.inner[27];
    simdgroup_store(_e3802, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_6 = lid;
    uint2 loop_bound_9 = uint2(4294967295u);
    bool loop_init_9 = true;
    while(true) {
        if (metal::all(loop_bound_9 == uint2(0u))) { break; }
        loop_bound_9 -= uint2(loop_bound_9.y == 0u, 1u);
        if (!loop_init_9) {
            uint _e3853 = x_6;
            x_6 = _e3853 + NT;
        }
        loop_init_9 = false;
        uint _e3816 = x_6;
        if (_e3816 < 256u) {
        } else {
            break;
        }
        {
            uint _e3819 = x_6;
            uint r_7 = naga_div(_e3819, MSR);
            uint _e3823 = x_6;
            uint col_5 = 80u + naga_mod(_e3823, MSR);
            if ((r_lo + r_7) < own_len) {
                uint _e3833 = P.head_dim;
                local_16 = col_5 < _e3833;
            } else {
                local_16 = false;
            }
            bool _e3836 = local_16;
            if (_e3836) {
                uint _e3842 = P.head_dim;
                uint _e3848 = x_6;
                float _e3852 = s_ld((r_7 * SS) + naga_mod(_e3848, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_7) * _e3842) + col_5] = _e3852;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3857 = acc_k.inner[12];
    simdgroup_store(_e3857, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3871 = acc_k.inner[13];
    simdgroup_store(_e3871, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3885 = acc_k.inner[28];
    simdgroup_store(_e3885, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3899 = acc_k.inner[29];
    simdgroup_store(_e3899, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_7 = lid;
    uint2 loop_bound_10 = uint2(4294967295u);
    bool loop_init_10 = true;
    while(true) {
        if (metal::all(loop_bound_10 == uint2(0u))) { break; }
        loop_bound_10 -= uint2(loop_bound_10.y == 0u, 1u);
        if (!loop_init_10) {
            uint _e3950 = x_7;
            x_7 = _e3950 + NT;
        }
        loop_init_10 = false;
        uint _e3913 = x_7;
        if (_e3913 < 256u) {
        } else {
            break;
        }
        {
            uint _e3916 = x_7;
            uint r_8 = naga_div(_e3916, MSR);
            uint _e3920 = x_7;
            uint col_6 = 96u + naga_mod(_e3920, MSR);
            if ((r_lo + r_8) < own_len) {
                uint _e3930 = P.head_dim;
                local_17 = col_6 < _e3930;
            } else {
                local_17 = false;
            }
            bool _e3933 = local_17;
            if (_e3933) {
                uint _e3939 = P.head_dim;
                uint _e3945 = x_7;
                float _e3949 = s_ld((r_8 * SS) + naga_mod(_e3945, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_8) * _e3939) + col_6] = _e3949;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3954 = acc_k.inner[14];
    simdgroup_store(_e3954, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3968 = acc_k.inner[15];
    simdgroup_store(_e3968, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3982 = acc_k.inner[30];
    simdgroup_store(_e3982, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3996 = acc_k.inner[31];
    simdgroup_store(_e3996, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_8 = lid;
    uint2 loop_bound_11 = uint2(4294967295u);
    bool loop_init_11 = true;
    while(true) {
        if (metal::all(loop_bound_11 == uint2(0u))) { break; }
        loop_bound_11 -= uint2(loop_bound_11.y == 0u, 1u);
        if (!loop_init_11) {
            uint _e4047 = x_8;
            x_8 = _e4047 + NT;
        }
        loop_init_11 = false;
        uint _e4010 = x_8;
        if (_e4010 < 256u) {
        } else {
            break;
        }
        {
            uint _e4013 = x_8;
            uint r_9 = naga_div(_e4013, MSR);
            uint _e4017 = x_8;
            uint col_7 = 112u + naga_mod(_e4017, MSR);
            if ((r_lo + r_9) < own_len) {
                uint _e4027 = P.head_dim;
                local_18 = col_7 < _e4027;
            } else {
                local_18 = false;
            }
            bool _e4030 = local_18;
            if (_e4030) {
                uint _e4036 = P.head_dim;
                uint _e4042 = x_8;
                float _e4046 = s_ld((r_9 * SS) + naga_mod(_e4042, MSR), wg);
                out_buf[(((out_row0_ + r_lo) + r_9) * _e4036) + col_7] = _e4046;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    return;
}
