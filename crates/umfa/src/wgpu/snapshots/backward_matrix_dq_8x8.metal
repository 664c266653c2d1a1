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
    bool local_9 = {};
    bool local_10 = {};
    bool local_11 = {};
    bool read_bool = {};
    uint _e6 = P.seq_q;
    if (!((i_1 >= _e6))) {
        uint _e13 = P.seq_kv;
        local_9 = j_1 >= _e13;
    } else {
        local_9 = true;
    }
    bool _e16 = local_9;
    if (_e16) {
        return false;
    }
    int d = as_type<int>(as_type<uint>(static_cast<int>(j_1)) - as_type<uint>(static_cast<int>(i_1)));
    int _e23 = P.has_band_lo;
    if (_e23 != 0) {
        int _e30 = P.band_lo;
        local_10 = d < _e30;
    } else {
        local_10 = false;
    }
    bool _e33 = local_10;
    if (_e33) {
        return false;
    }
    int _e37 = P.has_band_hi;
    if (_e37 != 0) {
        int _e44 = P.band_hi;
        local_11 = d > _e44;
    } else {
        local_11 = false;
    }
    bool _e47 = local_11;
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
    uint x = {};
    float lse_own = MASKED;
    float delta_own = 0.0;
    int s_begin = 0;
    int s_end = {};
    type_15 acc_k = {};
    int t0_ = {};
    type_16 xa = {};
    type_16 dxa = {};
    uint e = {};
    float p = {};
    float ds = {};
    bool local = {};
    uint x_1 = {};
    bool local_1 = {};
    uint x_2 = {};
    bool local_2 = {};
    uint x_3 = {};
    bool local_3 = {};
    uint x_4 = {};
    bool local_4 = {};
    uint x_5 = {};
    bool local_5 = {};
    uint x_6 = {};
    bool local_6 = {};
    uint x_7 = {};
    bool local_7 = {};
    uint x_8 = {};
    bool local_8 = {};
    uint b_3 = wid.z;
    uint o0_ = wid.x * MO;
    uint part = naga_mod(lane, 2u);
    uint er = (sg * RS) + naga_div(lane, 2u);
    x = lid;
    uint2 loop_bound_1 = uint2(4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (metal::all(loop_bound_1 == uint2(0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e24 = x;
            x = _e24 + NT;
        }
        loop_init_1 = false;
        uint _e16 = x;
        if (_e16 < 64u) {
        } else {
            break;
        }
        {
            uint _e21 = x;
            wg.mzero.inner[_e21] = 0.0;
        }
    }
    uint h_5 = wid.y;
    uint _e30 = P.group;
    uint hk = naga_div(h_5, _e30);
    uint own_len = P.seq_q;
    uint _e37 = P.heads_q;
    uint _e40 = m_q_row((b_3 * _e37) + h_5, o0_, P);
    stage_rows(lid, _e40, MO, 32u, OA_AT, SQ, h_buf, wg, _buffer_sizes);
    uint _e47 = P.heads_q;
    uint _e50 = m_do_row((b_3 * _e47) + h_5, o0_, P);
    stage_rows(lid, _e50, MO, 32u, OB_AT, SV, h_buf, wg, _buffer_sizes);
    uint i_3 = o0_ + er;
    uint _e62 = P.seq_q;
    if (i_3 < _e62) {
        uint _e66 = P.heads_q;
        uint _e71 = P.seq_q;
        uint row = (((b_3 * _e66) + h_5) * _e71) + i_3;
        float _e76 = rows_buf[row];
        lse_own = _e76;
        uint _e80 = P.delta_at;
        float _e83 = rows_buf[_e80 + row];
        delta_own = _e83;
    }
    uint _e88 = P.seq_q;
    uint last_row = metal::min(o0_ + MO, _e88) - 1u;
    uint _e96 = P.seq_kv;
    s_end = static_cast<int>(_e96);
    int _e101 = P.has_band_lo;
    if (_e101 != 0) {
        int _e108 = P.band_lo;
        s_begin = metal::max(0, as_type<int>(as_type<uint>(static_cast<int>(o0_)) + as_type<uint>(_e108)));
    }
    int _e113 = P.has_band_hi;
    if (_e113 != 0) {
        int _e116 = s_end;
        int _e120 = P.band_hi;
        s_end = metal::min(_e116, as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(last_row)) + as_type<uint>(_e120))) + as_type<uint>(1)));
    }
    int _e125 = s_begin;
    s_begin = as_type<int>(as_type<uint>(naga_div(_e125, 16)) * as_type<uint>(16));
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
        int _e168 = s_begin;
        t0_ = _e168;
        uint2 loop_bound_2 = uint2(4294967295u);
        bool loop_init_2 = true;
        while(true) {
            if (metal::all(loop_bound_2 == uint2(0u))) { break; }
            loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
            if (!loop_init_2) {
                int _e3133 = t0_;
                t0_ = as_type<int>(as_type<uint>(_e3133) + as_type<uint>(16));
            }
            loop_init_2 = false;
            int _e170 = t0_;
            int _e171 = s_end;
            if (_e170 < _e171) {
            } else {
                break;
            }
            {
                int _e173 = t0_;
                uint s0_ = static_cast<uint>(_e173);
                uint _e177 = P.heads_kv;
                uint _e180 = m_k_row((b_3 * _e177) + hk, s0_, P);
                stage_rows(lid, _e180, MSR, 32u, SA_AT, SQ, h_buf, wg, _buffer_sizes);
                uint _e187 = P.heads_kv;
                uint _e190 = m_v_row((b_3 * _e187) + hk, s0_, P);
                stage_rows(lid, _e190, MSR, 32u, SB_AT, SV, h_buf, wg, _buffer_sizes);
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
                    CoopC _e229 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, true), _e229);
                    CoopC _e238 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, true), _e238);
                }
                {
                    metal::simdgroup_half8x8 a_1 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 0u], SQ, false);
                    CoopC _e262 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_1, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, true), _e262);
                    CoopC _e271 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_1, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, true), _e271);
                }
                {
                    metal::simdgroup_half8x8 a_2 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 8u], SQ, false);
                    CoopC _e295 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_2, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, true), _e295);
                    CoopC _e304 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_2, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, true), _e304);
                }
                {
                    metal::simdgroup_half8x8 a_3 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 8u], SQ, false);
                    CoopC _e328 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_3, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, true), _e328);
                    CoopC _e337 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_3, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, true), _e337);
                }
                {
                    metal::simdgroup_half8x8 a_4 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 16u], SQ, false);
                    CoopC _e361 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_4, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, true), _e361);
                    CoopC _e370 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_4, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, true), _e370);
                }
                {
                    metal::simdgroup_half8x8 a_5 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 16u], SQ, false);
                    CoopC _e394 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_5, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, true), _e394);
                    CoopC _e403 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_5, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, true), _e403);
                }
                {
                    metal::simdgroup_half8x8 a_6 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 24u], SQ, false);
                    CoopC _e427 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_6, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, true), _e427);
                    CoopC _e436 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_6, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, true), _e436);
                }
                {
                    metal::simdgroup_half8x8 a_7 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 24u], SQ, false);
                    CoopC _e460 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_7, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, true), _e460);
                    CoopC _e469 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_7, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, true), _e469);
                }
                {
                    metal::simdgroup_half8x8 a_8 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 32u], SQ, false);
                    CoopC _e493 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_8, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, true), _e493);
                    CoopC _e502 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_8, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, true), _e502);
                }
                {
                    metal::simdgroup_half8x8 a_9 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 32u], SQ, false);
                    CoopC _e526 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_9, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, true), _e526);
                    CoopC _e535 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_9, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, true), _e535);
                }
                {
                    metal::simdgroup_half8x8 a_10 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 40u], SQ, false);
                    CoopC _e559 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_10, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, true), _e559);
                    CoopC _e568 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_10, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, true), _e568);
                }
                {
                    metal::simdgroup_half8x8 a_11 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 40u], SQ, false);
                    CoopC _e592 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_11, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, true), _e592);
                    CoopC _e601 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_11, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, true), _e601);
                }
                {
                    metal::simdgroup_half8x8 a_12 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 48u], SQ, false);
                    CoopC _e625 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_12, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, true), _e625);
                    CoopC _e634 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_12, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, true), _e634);
                }
                {
                    metal::simdgroup_half8x8 a_13 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 48u], SQ, false);
                    CoopC _e658 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_13, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, true), _e658);
                    CoopC _e667 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_13, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, true), _e667);
                }
                {
                    metal::simdgroup_half8x8 a_14 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 56u], SQ, false);
                    CoopC _e691 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_14, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, true), _e691);
                    CoopC _e700 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_14, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, true), _e700);
                }
                {
                    metal::simdgroup_half8x8 a_15 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 56u], SQ, false);
                    CoopC _e724 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_15, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, true), _e724);
                    CoopC _e733 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_15, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, true), _e733);
                }
                {
                    metal::simdgroup_half8x8 a_16 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 64u], SQ, false);
                    CoopC _e757 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_16, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, true), _e757);
                    CoopC _e766 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_16, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, true), _e766);
                }
                {
                    metal::simdgroup_half8x8 a_17 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 64u], SQ, false);
                    CoopC _e790 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_17, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, true), _e790);
                    CoopC _e799 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_17, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, true), _e799);
                }
                {
                    metal::simdgroup_half8x8 a_18 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 72u], SQ, false);
                    CoopC _e823 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_18, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, true), _e823);
                    CoopC _e832 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_18, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, true), _e832);
                }
                {
                    metal::simdgroup_half8x8 a_19 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 72u], SQ, false);
                    CoopC _e856 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_19, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, true), _e856);
                    CoopC _e865 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_19, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, true), _e865);
                }
                {
                    metal::simdgroup_half8x8 a_20 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 80u], SQ, false);
                    CoopC _e889 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_20, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, true), _e889);
                    CoopC _e898 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_20, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, true), _e898);
                }
                {
                    metal::simdgroup_half8x8 a_21 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 80u], SQ, false);
                    CoopC _e922 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_21, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, true), _e922);
                    CoopC _e931 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_21, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, true), _e931);
                }
                {
                    metal::simdgroup_half8x8 a_22 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 88u], SQ, false);
                    CoopC _e955 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_22, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, true), _e955);
                    CoopC _e964 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_22, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, true), _e964);
                }
                {
                    metal::simdgroup_half8x8 a_23 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 88u], SQ, false);
                    CoopC _e988 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_23, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, true), _e988);
                    CoopC _e997 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_23, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, true), _e997);
                }
                {
                    metal::simdgroup_half8x8 a_24 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 96u], SQ, false);
                    CoopC _e1021 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_24, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, true), _e1021);
                    CoopC _e1030 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_24, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, true), _e1030);
                }
                {
                    metal::simdgroup_half8x8 a_25 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 96u], SQ, false);
                    CoopC _e1054 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_25, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, true), _e1054);
                    CoopC _e1063 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_25, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, true), _e1063);
                }
                {
                    metal::simdgroup_half8x8 a_26 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 104u], SQ, false);
                    CoopC _e1087 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_26, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, true), _e1087);
                    CoopC _e1096 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_26, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, true), _e1096);
                }
                {
                    metal::simdgroup_half8x8 a_27 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 104u], SQ, false);
                    CoopC _e1120 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_27, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, true), _e1120);
                    CoopC _e1129 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_27, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, true), _e1129);
                }
                {
                    metal::simdgroup_half8x8 a_28 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 112u], SQ, false);
                    CoopC _e1153 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_28, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, true), _e1153);
                    CoopC _e1162 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_28, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, true), _e1162);
                }
                {
                    metal::simdgroup_half8x8 a_29 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 112u], SQ, false);
                    CoopC _e1186 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_29, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, true), _e1186);
                    CoopC _e1195 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_29, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, true), _e1195);
                }
                {
                    metal::simdgroup_half8x8 a_30 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 0u) * SQ)) + 120u], SQ, false);
                    CoopC _e1219 = xa.inner[0];
                    xa.inner[0] = NagaCooperativeMultiplyAdd(a_30, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, true), _e1219);
                    CoopC _e1228 = xa.inner[1];
                    xa.inner[1] = NagaCooperativeMultiplyAdd(a_30, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, true), _e1228);
                }
                {
                    metal::simdgroup_half8x8 a_31 = NagaCooperativeLoad(&wg.mh.inner[(OA_AT + (((sg * RS) + 8u) * SQ)) + 120u], SQ, false);
                    CoopC _e1252 = xa.inner[2];
                    xa.inner[2] = NagaCooperativeMultiplyAdd(a_31, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, true), _e1252);
                    CoopC _e1261 = xa.inner[3];
                    xa.inner[3] = NagaCooperativeMultiplyAdd(a_31, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, true), _e1261);
                }
                {
                    metal::simdgroup_half8x8 a_32 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 0u], SV, false);
                    CoopC _e1285 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_32, NagaCooperativeLoad(&wg.mh.inner[6528], SV, true), _e1285);
                    CoopC _e1294 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_32, NagaCooperativeLoad(&wg.mh.inner[7616], SV, true), _e1294);
                }
                {
                    metal::simdgroup_half8x8 a_33 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 0u], SV, false);
                    CoopC _e1318 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_33, NagaCooperativeLoad(&wg.mh.inner[6528], SV, true), _e1318);
                    CoopC _e1327 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_33, NagaCooperativeLoad(&wg.mh.inner[7616], SV, true), _e1327);
                }
                {
                    metal::simdgroup_half8x8 a_34 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 8u], SV, false);
                    CoopC _e1351 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_34, NagaCooperativeLoad(&wg.mh.inner[6536], SV, true), _e1351);
                    CoopC _e1360 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_34, NagaCooperativeLoad(&wg.mh.inner[7624], SV, true), _e1360);
                }
                {
                    metal::simdgroup_half8x8 a_35 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 8u], SV, false);
                    CoopC _e1384 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_35, NagaCooperativeLoad(&wg.mh.inner[6536], SV, true), _e1384);
                    CoopC _e1393 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_35, NagaCooperativeLoad(&wg.mh.inner[7624], SV, true), _e1393);
                }
                {
                    metal::simdgroup_half8x8 a_36 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 16u], SV, false);
                    CoopC _e1417 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_36, NagaCooperativeLoad(&wg.mh.inner[6544], SV, true), _e1417);
                    CoopC _e1426 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_36, NagaCooperativeLoad(&wg.mh.inner[7632], SV, true), _e1426);
                }
                {
                    metal::simdgroup_half8x8 a_37 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 16u], SV, false);
                    CoopC _e1450 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_37, NagaCooperativeLoad(&wg.mh.inner[6544], SV, true), _e1450);
                    CoopC _e1459 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_37, NagaCooperativeLoad(&wg.mh.inner[7632], SV, true), _e1459);
                }
                {
                    metal::simdgroup_half8x8 a_38 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 24u], SV, false);
                    CoopC _e1483 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_38, NagaCooperativeLoad(&wg.mh.inner[6552], SV, true), _e1483);
                    CoopC _e1492 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_38, NagaCooperativeLoad(&wg.mh.inner[7640], SV, true), _e1492);
                }
                {
                    metal::simdgroup_half8x8 a_39 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 24u], SV, false);
                    CoopC _e1516 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_39, NagaCooperativeLoad(&wg.mh.inner[6552], SV, true), _e1516);
                    CoopC _e1525 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_39, NagaCooperativeLoad(&wg.mh.inner[7640], SV, true), _e1525);
                }
                {
                    metal::simdgroup_half8x8 a_40 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 32u], SV, false);
                    CoopC _e1549 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_40, NagaCooperativeLoad(&wg.mh.inner[6560], SV, true), _e1549);
                    CoopC _e1558 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_40, NagaCooperativeLoad(&wg.mh.inner[7648], SV, true), _e1558);
                }
                {
                    metal::simdgroup_half8x8 a_41 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 32u], SV, false);
                    CoopC _e1582 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_41, NagaCooperativeLoad(&wg.mh.inner[6560], SV, true), _e1582);
                    CoopC _e1591 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_41, NagaCooperativeLoad(&wg.mh.inner[7648], SV, true), _e1591);
                }
                {
                    metal::simdgroup_half8x8 a_42 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 40u], SV, false);
                    CoopC _e1615 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_42, NagaCooperativeLoad(&wg.mh.inner[6568], SV, true), _e1615);
                    CoopC _e1624 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_42, NagaCooperativeLoad(&wg.mh.inner[7656], SV, true), _e1624);
                }
                {
                    metal::simdgroup_half8x8 a_43 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 40u], SV, false);
                    CoopC _e1648 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_43, NagaCooperativeLoad(&wg.mh.inner[6568], SV, true), _e1648);
                    CoopC _e1657 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_43, NagaCooperativeLoad(&wg.mh.inner[7656], SV, true), _e1657);
                }
                {
                    metal::simdgroup_half8x8 a_44 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 48u], SV, false);
                    CoopC _e1681 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_44, NagaCooperativeLoad(&wg.mh.inner[6576], SV, true), _e1681);
                    CoopC _e1690 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_44, NagaCooperativeLoad(&wg.mh.inner[7664], SV, true), _e1690);
                }
                {
                    metal::simdgroup_half8x8 a_45 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 48u], SV, false);
                    CoopC _e1714 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_45, NagaCooperativeLoad(&wg.mh.inner[6576], SV, true), _e1714);
                    CoopC _e1723 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_45, NagaCooperativeLoad(&wg.mh.inner[7664], SV, true), _e1723);
                }
                {
                    metal::simdgroup_half8x8 a_46 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 56u], SV, false);
                    CoopC _e1747 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_46, NagaCooperativeLoad(&wg.mh.inner[6584], SV, true), _e1747);
                    CoopC _e1756 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_46, NagaCooperativeLoad(&wg.mh.inner[7672], SV, true), _e1756);
                }
                {
                    metal::simdgroup_half8x8 a_47 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 56u], SV, false);
                    CoopC _e1780 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_47, NagaCooperativeLoad(&wg.mh.inner[6584], SV, true), _e1780);
                    CoopC _e1789 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_47, NagaCooperativeLoad(&wg.mh.inner[7672], SV, true), _e1789);
                }
                {
                    metal::simdgroup_half8x8 a_48 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 64u], SV, false);
                    CoopC _e1813 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_48, NagaCooperativeLoad(&wg.mh.inner[6592], SV, true), _e1813);
                    CoopC _e1822 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_48, NagaCooperativeLoad(&wg.mh.inner[7680], SV, true), _e1822);
                }
                {
                    metal::simdgroup_half8x8 a_49 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 64u], SV, false);
                    CoopC _e1846 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_49, NagaCooperativeLoad(&wg.mh.inner[6592], SV, true), _e1846);
                    CoopC _e1855 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_49, NagaCooperativeLoad(&wg.mh.inner[7680], SV, true), _e1855);
                }
                {
                    metal::simdgroup_half8x8 a_50 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 72u], SV, false);
                    CoopC _e1879 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_50, NagaCooperativeLoad(&wg.mh.inner[6600], SV, true), _e1879);
                    CoopC _e1888 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_50, NagaCooperativeLoad(&wg.mh.inner[7688], SV, true), _e1888);
                }
                {
                    metal::simdgroup_half8x8 a_51 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 72u], SV, false);
                    CoopC _e1912 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_51, NagaCooperativeLoad(&wg.mh.inner[6600], SV, true), _e1912);
                    CoopC _e1921 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_51, NagaCooperativeLoad(&wg.mh.inner[7688], SV, true), _e1921);
                }
                {
                    metal::simdgroup_half8x8 a_52 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 80u], SV, false);
                    CoopC _e1945 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_52, NagaCooperativeLoad(&wg.mh.inner[6608], SV, true), _e1945);
                    CoopC _e1954 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_52, NagaCooperativeLoad(&wg.mh.inner[7696], SV, true), _e1954);
                }
                {
                    metal::simdgroup_half8x8 a_53 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 80u], SV, false);
                    CoopC _e1978 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_53, NagaCooperativeLoad(&wg.mh.inner[6608], SV, true), _e1978);
                    CoopC _e1987 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_53, NagaCooperativeLoad(&wg.mh.inner[7696], SV, true), _e1987);
                }
                {
                    metal::simdgroup_half8x8 a_54 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 88u], SV, false);
                    CoopC _e2011 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_54, NagaCooperativeLoad(&wg.mh.inner[6616], SV, true), _e2011);
                    CoopC _e2020 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_54, NagaCooperativeLoad(&wg.mh.inner[7704], SV, true), _e2020);
                }
                {
                    metal::simdgroup_half8x8 a_55 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 88u], SV, false);
                    CoopC _e2044 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_55, NagaCooperativeLoad(&wg.mh.inner[6616], SV, true), _e2044);
                    CoopC _e2053 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_55, NagaCooperativeLoad(&wg.mh.inner[7704], SV, true), _e2053);
                }
                {
                    metal::simdgroup_half8x8 a_56 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 96u], SV, false);
                    CoopC _e2077 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_56, NagaCooperativeLoad(&wg.mh.inner[6624], SV, true), _e2077);
                    CoopC _e2086 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_56, NagaCooperativeLoad(&wg.mh.inner[7712], SV, true), _e2086);
                }
                {
                    metal::simdgroup_half8x8 a_57 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 96u], SV, false);
                    CoopC _e2110 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_57, NagaCooperativeLoad(&wg.mh.inner[6624], SV, true), _e2110);
                    CoopC _e2119 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_57, NagaCooperativeLoad(&wg.mh.inner[7712], SV, true), _e2119);
                }
                {
                    metal::simdgroup_half8x8 a_58 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 104u], SV, false);
                    CoopC _e2143 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_58, NagaCooperativeLoad(&wg.mh.inner[6632], SV, true), _e2143);
                    CoopC _e2152 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_58, NagaCooperativeLoad(&wg.mh.inner[7720], SV, true), _e2152);
                }
                {
                    metal::simdgroup_half8x8 a_59 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 104u], SV, false);
                    CoopC _e2176 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_59, NagaCooperativeLoad(&wg.mh.inner[6632], SV, true), _e2176);
                    CoopC _e2185 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_59, NagaCooperativeLoad(&wg.mh.inner[7720], SV, true), _e2185);
                }
                {
                    metal::simdgroup_half8x8 a_60 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 112u], SV, false);
                    CoopC _e2209 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_60, NagaCooperativeLoad(&wg.mh.inner[6640], SV, true), _e2209);
                    CoopC _e2218 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_60, NagaCooperativeLoad(&wg.mh.inner[7728], SV, true), _e2218);
                }
                {
                    metal::simdgroup_half8x8 a_61 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 112u], SV, false);
                    CoopC _e2242 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_61, NagaCooperativeLoad(&wg.mh.inner[6640], SV, true), _e2242);
                    CoopC _e2251 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_61, NagaCooperativeLoad(&wg.mh.inner[7728], SV, true), _e2251);
                }
                {
                    metal::simdgroup_half8x8 a_62 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 0u) * SV)) + 120u], SV, false);
                    CoopC _e2275 = dxa.inner[0];
                    dxa.inner[0] = NagaCooperativeMultiplyAdd(a_62, NagaCooperativeLoad(&wg.mh.inner[6648], SV, true), _e2275);
                    CoopC _e2284 = dxa.inner[1];
                    dxa.inner[1] = NagaCooperativeMultiplyAdd(a_62, NagaCooperativeLoad(&wg.mh.inner[7736], SV, true), _e2284);
                }
                {
                    metal::simdgroup_half8x8 a_63 = NagaCooperativeLoad(&wg.mh.inner[(OB_AT + (((sg * RS) + 8u) * SV)) + 120u], SV, false);
                    CoopC _e2308 = dxa.inner[2];
                    dxa.inner[2] = NagaCooperativeMultiplyAdd(a_63, NagaCooperativeLoad(&wg.mh.inner[6648], SV, true), _e2308);
                    CoopC _e2317 = dxa.inner[3];
                    dxa.inner[3] = NagaCooperativeMultiplyAdd(a_63, NagaCooperativeLoad(&wg.mh.inner[7736], SV, true), _e2317);
                }
                CoopC _e2320 = xa.inner[0];
                simdgroup_store(_e2320, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
                CoopC _e2334 = dxa.inner[0];
                simdgroup_store(_e2334, &wg.ms.inner[(DP_AT + (((sg * RS) + 0u) * SS)) + 0u], SS);
                CoopC _e2350 = xa.inner[1];
                simdgroup_store(_e2350, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
                CoopC _e2364 = dxa.inner[1];
                simdgroup_store(_e2364, &wg.ms.inner[(DP_AT + (((sg * RS) + 0u) * SS)) + 8u], SS);
                CoopC _e2380 = xa.inner[2];
                simdgroup_store(_e2380, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
                CoopC _e2394 = dxa.inner[2];
                simdgroup_store(_e2394, &wg.ms.inner[(DP_AT + (((sg * RS) + 8u) * SS)) + 0u], SS);
                CoopC _e2410 = xa.inner[3];
                simdgroup_store(_e2410, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
                CoopC _e2424 = dxa.inner[3];
                simdgroup_store(_e2424, &wg.ms.inner[(DP_AT + (((sg * RS) + 8u) * SS)) + 8u], SS);
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                e = 0u;
                uint2 loop_bound_3 = uint2(4294967295u);
                bool loop_init_3 = true;
                while(true) {
                    if (metal::all(loop_bound_3 == uint2(0u))) { break; }
                    loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
                    if (!loop_init_3) {
                        uint _e2495 = e;
                        e = _e2495 + 1u;
                    }
                    loop_init_3 = false;
                    uint _e2441 = e;
                    if (_e2441 < 8u) {
                    } else {
                        break;
                    }
                    {
                        uint _e2445 = e;
                        uint c = part + (2u * _e2445);
                        uint j_5 = s0_ + c;
                        float lse = lse_own;
                        float delta = delta_own;
                        p = 0.0;
                        ds = 0.0;
                        bool _e2455 = visible(b_3, h_5, i_3, j_5, P, mask_buf, blocks_buf, _buffer_sizes);
                        if (_e2455) {
                            float _e2459 = s_ld((er * SS) + c, wg);
                            metal::float2 _e2460 = score(b_3, h_5, i_3, j_5, _e2459, P, mask_buf, aux_buf, _buffer_sizes);
                            if (_e2460.x > MASKED) {
                                local = lse > MASKED;
                            } else {
                                local = false;
                            }
                            bool _e2469 = local;
                            if (_e2469) {
                                p = metal::exp(_e2460.x - lse);
                                float _e2473 = p;
                                float _e2479 = s_ld((DP_AT + (er * SS)) + c, wg);
                                ds = (_e2473 * (_e2479 - delta)) * _e2460.y;
                            }
                        }
                        float _e2492 = ds;
                        wg.mh.inner[(DS_AT + (er * SPS)) + c] = static_cast<half>(_e2492);
                    }
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                {
                    metal::simdgroup_half8x8 a_64 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 0u) * SPS)) + 0u], SPS, false);
                    CoopC _e2519 = acc_k.inner[0];
                    acc_k.inner[0] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, false), _e2519);
                    CoopC _e2528 = acc_k.inner[1];
                    acc_k.inner[1] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, false), _e2528);
                    CoopC _e2537 = acc_k.inner[2];
                    acc_k.inner[2] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, false), _e2537);
                    CoopC _e2546 = acc_k.inner[3];
                    acc_k.inner[3] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, false), _e2546);
                    CoopC _e2555 = acc_k.inner[4];
                    acc_k.inner[4] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, false), _e2555);
                    CoopC _e2564 = acc_k.inner[5];
                    acc_k.inner[5] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, false), _e2564);
                    CoopC _e2573 = acc_k.inner[6];
                    acc_k.inner[6] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, false), _e2573);
                    CoopC _e2582 = acc_k.inner[7];
                    acc_k.inner[7] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, false), _e2582);
                    CoopC _e2591 = acc_k.inner[8];
                    acc_k.inner[8] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, false), _e2591);
                    CoopC _e2600 = acc_k.inner[9];
                    acc_k.inner[9] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, false), _e2600);
                    CoopC _e2609 = acc_k.inner[10];
                    acc_k.inner[10] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, false), _e2609);
                    CoopC _e2618 = acc_k.inner[11];
                    acc_k.inner[11] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, false), _e2618);
                    CoopC _e2627 = acc_k.inner[12];
                    acc_k.inner[12] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, false), _e2627);
                    CoopC _e2636 = acc_k.inner[13];
                    acc_k.inner[13] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, false), _e2636);
                    CoopC _e2645 = acc_k.inner[14];
                    acc_k.inner[14] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, false), _e2645);
                    CoopC _e2654 = acc_k.inner[15];
                    acc_k.inner[15] = NagaCooperativeMultiplyAdd(a_64, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, false), _e2654);
                }
                {
                    metal::simdgroup_half8x8 a_65 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 8u) * SPS)) + 0u], SPS, false);
                    CoopC _e2678 = acc_k.inner[16];
                    acc_k.inner[16] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4352], SQ, false), _e2678);
                    CoopC _e2687 = acc_k.inner[17];
                    acc_k.inner[17] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4360], SQ, false), _e2687);
                    CoopC _e2696 = acc_k.inner[18];
                    acc_k.inner[18] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4368], SQ, false), _e2696);
                    CoopC _e2705 = acc_k.inner[19];
                    acc_k.inner[19] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4376], SQ, false), _e2705);
                    CoopC _e2714 = acc_k.inner[20];
                    acc_k.inner[20] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4384], SQ, false), _e2714);
                    CoopC _e2723 = acc_k.inner[21];
                    acc_k.inner[21] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4392], SQ, false), _e2723);
                    CoopC _e2732 = acc_k.inner[22];
                    acc_k.inner[22] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4400], SQ, false), _e2732);
                    CoopC _e2741 = acc_k.inner[23];
                    acc_k.inner[23] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4408], SQ, false), _e2741);
                    CoopC _e2750 = acc_k.inner[24];
                    acc_k.inner[24] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4416], SQ, false), _e2750);
                    CoopC _e2759 = acc_k.inner[25];
                    acc_k.inner[25] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4424], SQ, false), _e2759);
                    CoopC _e2768 = acc_k.inner[26];
                    acc_k.inner[26] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4432], SQ, false), _e2768);
                    CoopC _e2777 = acc_k.inner[27];
                    acc_k.inner[27] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4440], SQ, false), _e2777);
                    CoopC _e2786 = acc_k.inner[28];
                    acc_k.inner[28] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4448], SQ, false), _e2786);
                    CoopC _e2795 = acc_k.inner[29];
                    acc_k.inner[29] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4456], SQ, false), _e2795);
                    CoopC _e2804 = acc_k.inner[30];
                    acc_k.inner[30] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4464], SQ, false), _e2804);
                    CoopC _e2813 = acc_k.inner[31];
                    acc_k.inner[31] = NagaCooperativeMultiplyAdd(a_65, NagaCooperativeLoad(&wg.mh.inner[4472], SQ, false), _e2813);
                }
                {
                    metal::simdgroup_half8x8 a_66 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 0u) * SPS)) + 8u], SPS, false);
                    CoopC _e2837 = acc_k.inner[0];
                    acc_k.inner[0] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, false), _e2837);
                    CoopC _e2846 = acc_k.inner[1];
                    acc_k.inner[1] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, false), _e2846);
                    CoopC _e2855 = acc_k.inner[2];
                    acc_k.inner[2] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, false), _e2855);
                    CoopC _e2864 = acc_k.inner[3];
                    acc_k.inner[3] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, false), _e2864);
                    CoopC _e2873 = acc_k.inner[4];
                    acc_k.inner[4] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, false), _e2873);
                    CoopC _e2882 = acc_k.inner[5];
                    acc_k.inner[5] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, false), _e2882);
                    CoopC _e2891 = acc_k.inner[6];
                    acc_k.inner[6] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, false), _e2891);
                    CoopC _e2900 = acc_k.inner[7];
                    acc_k.inner[7] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, false), _e2900);
                    CoopC _e2909 = acc_k.inner[8];
                    acc_k.inner[8] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, false), _e2909);
                    CoopC _e2918 = acc_k.inner[9];
                    acc_k.inner[9] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, false), _e2918);
                    CoopC _e2927 = acc_k.inner[10];
                    acc_k.inner[10] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, false), _e2927);
                    CoopC _e2936 = acc_k.inner[11];
                    acc_k.inner[11] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, false), _e2936);
                    CoopC _e2945 = acc_k.inner[12];
                    acc_k.inner[12] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, false), _e2945);
                    CoopC _e2954 = acc_k.inner[13];
                    acc_k.inner[13] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, false), _e2954);
                    CoopC _e2963 = acc_k.inner[14];
                    acc_k.inner[14] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, false), _e2963);
                    CoopC _e2972 = acc_k.inner[15];
                    acc_k.inner[15] = NagaCooperativeMultiplyAdd(a_66, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, false), _e2972);
                }
                {
                    metal::simdgroup_half8x8 a_67 = NagaCooperativeLoad(&wg.mh.inner[(DS_AT + (((sg * RS) + 8u) * SPS)) + 8u], SPS, false);
                    CoopC _e2996 = acc_k.inner[16];
                    acc_k.inner[16] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5440], SQ, false), _e2996);
                    CoopC _e3005 = acc_k.inner[17];
                    acc_k.inner[17] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5448], SQ, false), _e3005);
                    CoopC _e3014 = acc_k.inner[18];
                    acc_k.inner[18] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5456], SQ, false), _e3014);
                    CoopC _e3023 = acc_k.inner[19];
                    acc_k.inner[19] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5464], SQ, false), _e3023);
                    CoopC _e3032 = acc_k.inner[20];
                    acc_k.inner[20] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5472], SQ, false), _e3032);
                    CoopC _e3041 = acc_k.inner[21];
                    acc_k.inner[21] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5480], SQ, false), _e3041);
                    CoopC _e3050 = acc_k.inner[22];
                    acc_k.inner[22] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5488], SQ, false), _e3050);
                    CoopC _e3059 = acc_k.inner[23];
                    acc_k.inner[23] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5496], SQ, false), _e3059);
                    CoopC _e3068 = acc_k.inner[24];
                    acc_k.inner[24] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5504], SQ, false), _e3068);
                    CoopC _e3077 = acc_k.inner[25];
                    acc_k.inner[25] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5512], SQ, false), _e3077);
                    CoopC _e3086 = acc_k.inner[26];
                    acc_k.inner[26] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5520], SQ, false), _e3086);
                    CoopC _e3095 = acc_k.inner[27];
                    acc_k.inner[27] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5528], SQ, false), _e3095);
                    CoopC _e3104 = acc_k.inner[28];
                    acc_k.inner[28] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5536], SQ, false), _e3104);
                    CoopC _e3113 = acc_k.inner[29];
                    acc_k.inner[29] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5544], SQ, false), _e3113);
                    CoopC _e3122 = acc_k.inner[30];
                    acc_k.inner[30] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5552], SQ, false), _e3122);
                    CoopC _e3131 = acc_k.inner[31];
                    acc_k.inner[31] = NagaCooperativeMultiplyAdd(a_67, NagaCooperativeLoad(&wg.mh.inner[5560], SQ, false), _e3131);
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            }
        }
    }
    uint _e3138 = P.heads_q;
    uint _e3143 = P.seq_q;
    uint out_row0_ = ((b_3 * _e3138) + h_5) * _e3143;
    CoopC _e3146 = acc_k.inner[0];
    simdgroup_store(_e3146, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3160 = acc_k.inner[1];
    simdgroup_store(_e3160, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3174 = acc_k.inner[16];
    simdgroup_store(_e3174, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3188 = acc_k.inner[17];
    simdgroup_store(_e3188, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_1 = lid;
    uint2 loop_bound_4 = uint2(4294967295u);
    bool loop_init_4 = true;
    while(true) {
        if (metal::all(loop_bound_4 == uint2(0u))) { break; }
        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
        if (!loop_init_4) {
            uint _e3239 = x_1;
            x_1 = _e3239 + NT;
        }
        loop_init_4 = false;
        uint _e3202 = x_1;
        if (_e3202 < 256u) {
        } else {
            break;
        }
        {
            uint _e3205 = x_1;
            uint r_2 = naga_div(_e3205, MSR);
            uint _e3209 = x_1;
            uint col = 0u + naga_mod(_e3209, MSR);
            if ((o0_ + r_2) < own_len) {
                uint _e3219 = P.head_dim;
                local_1 = col < _e3219;
            } else {
                local_1 = false;
            }
            bool _e3222 = local_1;
            if (_e3222) {
                uint _e3228 = P.head_dim;
                uint _e3234 = x_1;
                float _e3238 = s_ld((r_2 * SS) + naga_mod(_e3234, MSR), wg);
                out_buf[(((out_row0_ + o0_) + r_2) * _e3228) + col] = _e3238;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3243 = acc_k.inner[2];
    simdgroup_store(_e3243, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3257 = acc_k.inner[3];
    simdgroup_store(_e3257, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3271 = acc_k.inner[18];
    simdgroup_store(_e3271, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3285 = acc_k.inner[19];
    simdgroup_store(_e3285, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_2 = lid;
    uint2 loop_bound_5 = uint2(4294967295u);
    bool loop_init_5 = true;
    while(true) {
        if (metal::all(loop_bound_5 == uint2(0u))) { break; }
        loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
        if (!loop_init_5) {
            uint _e3336 = x_2;
            x_2 = _e3336 + NT;
        }
        loop_init_5 = false;
        uint _e3299 = x_2;
        if (_e3299 < 256u) {
        } else {
            break;
        }
        {
            uint _e3302 = x_2;
            uint r_3 = naga_div(_e3302, MSR);
            uint _e3306 = x_2;
            uint col_1 = 16u + naga_mod(_e3306, MSR);
            if ((o0_ + r_3) < own_len) {
                uint _e3316 = P.head_dim;
                local_2 = col_1 < _e3316;
            } else {
                local_2 = false;
            }
            bool _e3319 = local_2;
            if (_e3319) {
                uint _e3325 = P.head_dim;
                uint _e3331 = x_2;
                float _e3335 = s_ld((r_3 * SS) + naga_mod(_e3331, MSR), wg);
                out_buf[(((out_row0_ + o0_) + r_3) * _e3325) + col_1] = _e3335;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3340 = acc_k.inner[4];
    simdgroup_store(_e3340, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3354 = acc_k.inner[5];
    simdgroup_store(_e3354, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3368 = acc_k.inner[20];
    simdgroup_store(_e3368, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3382 = acc_k.inner[21];
    simdgroup_store(_e3382, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_3 = lid;
    uint2 loop_bound_6 = uint2(4294967295u);
    bool loop_init_6 = true;
    while(true) {
        if (metal::all(loop_bound_6 == uint2(0u))) { break; }
        loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
        if (!loop_init_6) {
            uint _e3433 = x_3;
            x_3 = _e3433 + NT;
        }
        loop_init_6 = false;
        uint _e3396 = x_3;
        if (_e3396 < 256u) {
        } else {
            break;
        }
        {
            uint _e3399 = x_3;
            uint r_4 = naga_div(_e3399, MSR);
            uint _e3403 = x_3;
            uint col_2 = 32u + naga_mod(_e3403, MSR);
            if ((o0_ + r_4) < own_len) {
                uint _e3413 = P.head_dim;
                local_3 = col_2 < _e3413;
            } else {
                local_3 = false;
            }
            bool _e3416 = local_3;
            if (_e3416) {
                uint _e3422 = P.head_dim;
                uint _e3428 = x_3;
                float _e3432 = s_ld((r_4 * SS) + naga_mod(_e3428, MSR), wg);
                out_buf[(((out_row0_ + o0_) + r_4) * _e3422) + col_2] = _e3432;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3437 = acc_k.inner[6];
    simdgroup_store(_e3437, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3451 = acc_k.inner[7];
    simdgroup_store(_e3451, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3465 = acc_k.inner[22];
    simdgroup_store(_e3465, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3479 = acc_k.inner[23];
    simdgroup_store(_e3479, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_4 = lid;
    uint2 loop_bound_7 = uint2(4294967295u);
    bool loop_init_7 = true;
    while(true) {
        if (metal::all(loop_bound_7 == uint2(0u))) { break; }
        loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
        if (!loop_init_7) {
            uint _e3530 = x_4;
            x_4 = _e3530 + NT;
        }
        loop_init_7 = false;
        uint _e3493 = x_4;
        if (_e3493 < 256u) {
        } else {
            break;
        }
        {
            uint _e3496 = x_4;
            uint r_5 = naga_div(_e3496, MSR);
            uint _e3500 = x_4;
            uint col_3 = 48u + naga_mod(_e3500, MSR);
            if ((o0_ + r_5) < own_len) {
                uint _e3510 = P.head_dim;
                local_4 = col_3 < _e3510;
            } else {
                local_4 = false;
            }
            bool _e3513 = local_4;
            if (_e3513) {
                uint _e3519 = P.head_dim;
                uint _e3525 = x_4;
                float _e3529 = s_ld((r_5 * SS) + naga_mod(_e3525, MSR), wg);
                out_buf[(((out_row0_ + o0_) + r_5) * _e3519) + col_3] = _e3529;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3534 = acc_k.inner[8];
    simdgroup_store(_e3534, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3548 = acc_k.inner[9];
    simdgroup_store(_e3548, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3562 = acc_k.inner[24];
    simdgroup_store(_e3562, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3576 = acc_k.inner[25];
    simdgroup_store(_e3576, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_5 = lid;
    uint2 loop_bound_8 = uint2(4294967295u);
    bool loop_init_8 = true;
    while(true) {
        if (metal::all(loop_bound_8 == uint2(0u))) { break; }
        loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
        if (!loop_init_8) {
            uint _e3627 = x_5;
            x_5 = _e3627 + NT;
        }
        loop_init_8 = false;
        uint _e3590 = x_5;
        if (_e3590 < 256u) {
        } else {
            break;
        }
        {
            uint _e3593 = x_5;
            uint r_6 = naga_div(_e3593, MSR);
            uint _e3597 = x_5;
            uint col_4 = 64u + naga_mod(_e3597, MSR);
            if ((o0_ + r_6) < own_len) {
                uint _e3607 = P.head_dim;
                local_5 = col_4 < _e3607;
            } else {
                local_5 = false;
            }
            bool _e3610 = local_5;
            if (_e3610) {
                uint _e3616 = P.head_dim;
                uint _e3622 = x_5;
                float _e3626 = s_ld((r_6 * SS) + naga_mod(_e3622, MSR), wg);
                out_buf[(((out_row0_ + o0_) + r_6) * _e3616) + col_4] = _e3626;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3631 = acc_k.inner[10];
    simdgroup_store(_e3631, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3645 = acc_k.inner[11];
    simdgroup_store(_e3645, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3659 = acc_k.inner[26];
    simdgroup_store(_e3659, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3673 = acc_k.inner[27];
    simdgroup_store(_e3673, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_6 = lid;
    uint2 loop_bound_9 = uint2(4294967295u);
    bool loop_init_9 = true;
    while(true) {
        if (metal::all(loop_bound_9 == uint2(0u))) { break; }
        loop_bound_9 -= uint2(loop_bound_9.y == 0u, 1u);
        if (!loop_init_9) {
            uint _e3724 = x_6;
            x_6 = _e3724 + NT;
        }
        loop_init_9 = false;
        uint _e3687 = x_6;
        if (_e3687 < 256u) {
        } else {
            break;
        }
        {
            uint _e3690 = x_6;
            uint r_7 = naga_div(_e3690, MSR);
            uint _e3694 = x_6;
            uint col_5 = 80u + naga_mod(_e3694, MSR);
            if ((o0_ + r_7) < own_len) {
                uint _e3704 = P.head_dim;
                local_6 = col_5 < _e3704;
            } else {
                local_6 = false;
            }
            bool _e3707 = local_6;
            if (_e3707) {
                uint _e3713 = P.head_dim;
                uint _e3719 = x_6;
                float _e3723 = s_ld((r_7 * SS) + naga_mod(_e3719, MSR), wg);
                out_buf[(((out_row0_ + o0_) + r_7) * _e3713) + col_5] = _e3723;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3728 = acc_k.inner[12];
    simdgroup_store(_e3728, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3742 = acc_k.inner[13];
    simdgroup_store(_e3742, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3756 = acc_k.inner[28];
    simdgroup_store(_e3756, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3770 = acc_k.inner[29];
    simdgroup_store(_e3770, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_7 = lid;
    uint2 loop_bound_10 = uint2(4294967295u);
    bool loop_init_10 = true;
    while(true) {
        if (metal::all(loop_bound_10 == uint2(0u))) { break; }
        loop_bound_10 -= uint2(loop_bound_10.y == 0u, 1u);
        if (!loop_init_10) {
            uint _e3821 = x_7;
            x_7 = _e3821 + NT;
        }
        loop_init_10 = false;
        uint _e3784 = x_7;
        if (_e3784 < 256u) {
        } else {
            break;
        }
        {
            uint _e3787 = x_7;
            uint r_8 = naga_div(_e3787, MSR);
            uint _e3791 = x_7;
            uint col_6 = 96u + naga_mod(_e3791, MSR);
            if ((o0_ + r_8) < own_len) {
                uint _e3801 = P.head_dim;
                local_7 = col_6 < _e3801;
            } else {
                local_7 = false;
            }
            bool _e3804 = local_7;
            if (_e3804) {
                uint _e3810 = P.head_dim;
                uint _e3816 = x_7;
                float _e3820 = s_ld((r_8 * SS) + naga_mod(_e3816, MSR), wg);
                out_buf[(((out_row0_ + o0_) + r_8) * _e3810) + col_6] = _e3820;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e3825 = acc_k.inner[14];
    simdgroup_store(_e3825, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 0u], SS);
    CoopC _e3839 = acc_k.inner[15];
    simdgroup_store(_e3839, &wg.ms.inner[(((sg * RS) + 0u) * SS) + 8u], SS);
    CoopC _e3853 = acc_k.inner[30];
    simdgroup_store(_e3853, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 0u], SS);
    CoopC _e3867 = acc_k.inner[31];
    simdgroup_store(_e3867, &wg.ms.inner[(((sg * RS) + 8u) * SS) + 8u], SS);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_8 = lid;
    uint2 loop_bound_11 = uint2(4294967295u);
    bool loop_init_11 = true;
    while(true) {
        if (metal::all(loop_bound_11 == uint2(0u))) { break; }
        loop_bound_11 -= uint2(loop_bound_11.y == 0u, 1u);
        if (!loop_init_11) {
            uint _e3918 = x_8;
            x_8 = _e3918 + NT;
        }
        loop_init_11 = false;
        uint _e3881 = x_8;
        if (_e3881 < 256u) {
        } else {
            break;
        }
        {
            uint _e3884 = x_8;
            uint r_9 = naga_div(_e3884, MSR);
            uint _e3888 = x_8;
            uint col_7 = 112u + naga_mod(_e3888, MSR);
            if ((o0_ + r_9) < own_len) {
                uint _e3898 = P.head_dim;
                local_8 = col_7 < _e3898;
            } else {
                local_8 = false;
            }
            bool _e3901 = local_8;
            if (_e3901) {
                uint _e3907 = P.head_dim;
                uint _e3913 = x_8;
                float _e3917 = s_ld((r_9 * SS) + naga_mod(_e3913, MSR), wg);
                out_buf[(((out_row0_ + o0_) + r_9) * _e3907) + col_7] = _e3917;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    return;
}
