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
    HT inner[11008];
};
struct type_11 {
    ST inner[2304];
};
struct type_12 {
    float inner[64];
};
struct type_13 {
    float inner[32];
};
struct type_17 {
    CoopA inner[32];
};
struct type_18 {
    CoopC inner[32];
};
struct type_19 {
    CoopC inner[16];
};
struct type_20 {
    metal::half4 inner[32];
};
struct type_21 {
    metal::float4 inner[8];
};
constant uint CM = 8u;
constant uint MD = 128u;
constant uint MDV = 128u;
constant uint NSG = 2u;
constant uint MBQ = 32u;
constant uint MBK = 64u;
constant uint NT = 64u;
constant uint HV = 1u;
constant uint SQ = 136u;
constant uint SKV = 136u;
constant uint SP = 72u;
constant uint SS = 72u;
constant uint Q_AT = 0u;
constant uint KV_AT = 0u;
constant uint P_AT = 8704u;
constant uint ARENA = 11008u;
constant uint MS_LEN = 2304u;
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
constant float TAU2_ = 11.0;
constant float LOG2E = 1.442695;
constant float LN2_ = 0.6931472;

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
        float x_6 = static_cast<float>(mantissa) * 0.000000059604645;
        return (sign != 0u) ? -(x_6) : x_6;
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
    bool local_14 = {};
    bool local_15 = {};
    bool local_16 = {};
    bool read_bool = {};
    uint _e6 = P.seq_q;
    if (!((i_1 >= _e6))) {
        uint _e13 = P.seq_kv;
        local_14 = j_1 >= _e13;
    } else {
        local_14 = true;
    }
    bool _e16 = local_14;
    if (_e16) {
        return false;
    }
    int d = as_type<int>(as_type<uint>(static_cast<int>(j_1)) - as_type<uint>(static_cast<int>(i_1)));
    int _e23 = P.has_band_lo;
    if (_e23 != 0) {
        int _e30 = P.band_lo;
        local_15 = d < _e30;
    } else {
        local_15 = false;
    }
    bool _e33 = local_15;
    if (_e33) {
        return false;
    }
    int _e37 = P.has_band_hi;
    if (_e37 != 0) {
        int _e44 = P.band_hi;
        local_16 = d > _e44;
    } else {
        local_16 = false;
    }
    bool _e47 = local_16;
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
        int e_6 = as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e62) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b_1)) * as_type<uint>(_e66))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_2)) * as_type<uint>(_e72))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(i_1, _e77))) * as_type<uint>(_e82))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(j_1, _e87))) * as_type<uint>(_e92))));
        uint _e95 = ld_class(e_6, blocks_buf, _buffer_sizes);
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
    float ds = {};
    float _e7 = P.scale;
    s = _e7 * dot;
    float _e12 = P.scale;
    ds = _e12;
    float _e16 = P.softcap;
    if (_e16 > 0.0) {
        float _e19 = s;
        float _e22 = P.softcap;
        float t = metal::tanh(_e19 / _e22);
        float _e27 = P.softcap;
        s = _e27 * t;
        float _e31 = P.scale;
        ds = _e31 * (1.0 - (t * t));
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
    float _e79 = ds;
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

void h_st4_(
    uint at,
    metal::half4 v,
    threadgroup type_10& mh
) {
    mh.inner[at] = v.x;
    mh.inner[at + 1u] = v.y;
    mh.inner[at + 2u] = v.z;
    mh.inner[at + 3u] = v.w;
    return;
}

half h_ld(
    uint at_1,
    threadgroup type_10& mh
) {
    HT _e3 = mh.inner[at_1];
    return _e3;
}

metal::float4 s_ld4_(
    uint at_2,
    threadgroup type_11& ms
) {
    ST _e3 = ms.inner[at_2];
    ST _e8 = ms.inner[at_2 + 1u];
    ST _e13 = ms.inner[at_2 + 2u];
    ST _e18 = ms.inner[at_2 + 3u];
    return metal::float4(_e3, _e8, _e13, _e18);
}

float s_ld(
    uint at_3,
    threadgroup type_11& ms
) {
    ST _e3 = ms.inner[at_3];
    return _e3;
}

void s_st(
    uint at_4,
    float v_1,
    threadgroup type_11& ms
) {
    ms.inner[at_4] = v_1;
    return;
}

metal::float4 tile_scores4_(
    uint b_3,
    uint h_5,
    uint i_3,
    uint j_5,
    metal::float4 raw,
    constant Params& P,
    device type_4 const& mask_buf,
    device type_4 const& blocks_buf,
    device type_5 const& aux_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    metal::float4 x_5 = {};
    uint e_5 = 0u;
    float s_1 = {};
    x_5 = raw;
    uint2 loop_bound = uint2(4294967295u);
    bool loop_init = true;
    while(true) {
        if (metal::all(loop_bound == uint2(0u))) { break; }
        loop_bound -= uint2(loop_bound.y == 0u, 1u);
        if (!loop_init) {
            uint _e33 = e_5;
            e_5 = _e33 + 1u;
        }
        loop_init = false;
        uint _e8 = e_5;
        if (_e8 < 4u) {
        } else {
            break;
        }
        {
            s_1 = MASKED;
            uint _e13 = e_5;
            bool _e15 = visible(b_3, h_5, i_3, j_5 + _e13, P, mask_buf, blocks_buf, _buffer_sizes);
            if (_e15) {
                uint _e16 = e_5;
                uint _e18 = e_5;
                metal::float2 _e20 = score(b_3, h_5, i_3, j_5 + _e16, raw[_e18], P, mask_buf, aux_buf, _buffer_sizes);
                s_1 = _e20.x;
            }
            uint _e22 = e_5;
            float _e25 = s_1;
            float _e28 = s_1;
            x_5[_e22] = (_e28 > MASKED) ? (_e25 * LOG2E) : MASKED;
        }
    }
    metal::float4 _e35 = x_5;
    return _e35;
}
int naga_div(int lhs, int rhs) {
    return lhs / metal::select(rhs, 1, (lhs == (-2147483647 - 1) & rhs == -1) | (rhs == 0));
}

uint naga_mod(uint lhs, uint rhs) {
    return lhs % metal::select(rhs, 1u, rhs == 0u);
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


struct forward_matrixInput {
};
[[max_total_threads_per_threadgroup(64)]] kernel void forward_matrix(
  uint lid [[thread_index_in_threadgroup]]
, metal::uint3 wid [[threadgroup_position_in_grid]]
, uint sg [[simdgroup_index_in_threadgroup]]
, uint lane [[thread_index_in_simdgroup]]
, constant Params& P [[user(fake0)]]
, device type_4 const& mask_buf [[user(fake0)]]
, device type_4 const& blocks_buf [[user(fake0)]]
, device type_5 const& aux_buf [[user(fake0)]]
, device type_5& out_buf [[user(fake0)]]
, device type_9 const& h_buf [[user(fake0)]]
, threadgroup type_10& mh
, threadgroup type_11& ms
, threadgroup type_12& mzero
, threadgroup type_13& mrow
, threadgroup metal::atomic_uint& mlive_flag
, threadgroup uint& mlive
, threadgroup metal::atomic_uint& mrescale
, constant _mslBufferSizes& _buffer_sizes [[user(fake0)]]
) {
    if (lid == 0u) {
        mh = {};
        ms = {};
        mzero = {};
        mrow = {};
        metal::atomic_store_explicit(&mlive_flag, 0, metal::memory_order_relaxed);
        mlive = {};
        metal::atomic_store_explicit(&mrescale, 0, metal::memory_order_relaxed);
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    int k_begin = 0;
    int k_end = {};
    bool local = {};
    bool local_1 = {};
    bool local_2 = {};
    bool local_3 = {};
    uint x = {};
    type_17 qa = {};
    type_18 o = {};
    float m_run = MASKED;
    float l_part = 0.0;
    int k0_ = {};
    bool any = {};
    uint e = {};
    bool local_4 = {};
    type_19 sa = {};
    type_20 vr = {};
    bool local_5 = {};
    bool local_6 = {};
    bool local_7 = {};
    bool local_8 = {};
    bool local_9 = {};
    float mx = {};
    type_21 xs = {};
    float alpha = {};
    bool moved = {};
    bool local_10 = {};
    bool local_11 = {};
    metal::float4 p = {};
    metal::float4 p_1 = {};
    metal::float4 p_2 = {};
    metal::float4 p_3 = {};
    metal::float4 p_4 = {};
    metal::float4 p_5 = {};
    metal::float4 p_6 = {};
    metal::float4 p_7 = {};
    uint x_1 = {};
    uint x_2 = {};
    float m = {};
    float l = {};
    float scale_o = 1.0;
    float lse = MASKED;
    float factor = 0.0;
    uint x_3 = {};
    bool local_12 = {};
    uint x_4 = {};
    bool local_13 = {};
    uint b_4 = wid.z;
    uint h_6 = wid.y;
    uint _e8 = P.group;
    uint hk = naga_div(h_6, _e8);
    uint i0_ = wid.x * MBQ;
    uint _e17 = P.seq_q;
    uint last_row = metal::min(i0_ + MBQ, _e17) - 1u;
    uint _e25 = P.seq_kv;
    k_end = static_cast<int>(_e25);
    int _e30 = P.has_band_lo;
    if (_e30 != 0) {
        int _e37 = P.band_lo;
        k_begin = metal::max(0, as_type<int>(as_type<uint>(static_cast<int>(i0_)) + as_type<uint>(_e37)));
    }
    int _e42 = P.has_band_hi;
    if (_e42 != 0) {
        int _e45 = k_end;
        int _e49 = P.band_hi;
        k_end = metal::min(_e45, as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(last_row)) + as_type<uint>(_e49))) + as_type<uint>(1)));
    }
    int _e54 = k_begin;
    k_begin = as_type<int>(as_type<uint>(naga_div(_e54, 64)) * as_type<uint>(64));
    int _e61 = P.has_blocks;
    if (!((_e61 != 0))) {
        int _e69 = P.mask_kind;
        local = _e69 == MASK_BOOL;
    } else {
        local = true;
    }
    bool check_live = local;
    int _e76 = P.mask_kind;
    if (_e76 == MASK_NONE) {
        int _e83 = P.has_blocks;
        local_1 = _e83 == 0;
    } else {
        local_1 = false;
    }
    bool _e87 = local_1;
    if (_e87) {
        uint _e92 = P.has_alibi;
        local_2 = _e92 == 0u;
    } else {
        local_2 = false;
    }
    bool _e96 = local_2;
    if (_e96) {
        float _e101 = P.softcap;
        local_3 = _e101 == 0.0;
    } else {
        local_3 = false;
    }
    bool plain = local_3;
    float _e108 = P.scale;
    float scale2_ = _e108 * LOG2E;
    uint _e113 = P.heads_q;
    uint _e116 = m_q_row((b_4 * _e113) + h_6, i0_, P);
    {
        uint v_2 = lid + 0u;
        {
            metal::half4 _e133 = h_buf[_e116 + v_2];
            h_st4_((Q_AT + (naga_div(v_2, 32u) * SQ)) + (naga_mod(v_2, 32u) * 4u), _e133, mh);
        }
    }
    {
        uint v_3 = lid + 64u;
        {
            metal::half4 _e150 = h_buf[_e116 + v_3];
            h_st4_((Q_AT + (naga_div(v_3, 32u) * SQ)) + (naga_mod(v_3, 32u) * 4u), _e150, mh);
        }
    }
    {
        uint v_4 = lid + 128u;
        {
            metal::half4 _e167 = h_buf[_e116 + v_4];
            h_st4_((Q_AT + (naga_div(v_4, 32u) * SQ)) + (naga_mod(v_4, 32u) * 4u), _e167, mh);
        }
    }
    {
        uint v_5 = lid + 192u;
        {
            metal::half4 _e184 = h_buf[_e116 + v_5];
            h_st4_((Q_AT + (naga_div(v_5, 32u) * SQ)) + (naga_mod(v_5, 32u) * 4u), _e184, mh);
        }
    }
    {
        uint v_6 = lid + 256u;
        {
            metal::half4 _e201 = h_buf[_e116 + v_6];
            h_st4_((Q_AT + (naga_div(v_6, 32u) * SQ)) + (naga_mod(v_6, 32u) * 4u), _e201, mh);
        }
    }
    {
        uint v_7 = lid + 320u;
        {
            metal::half4 _e218 = h_buf[_e116 + v_7];
            h_st4_((Q_AT + (naga_div(v_7, 32u) * SQ)) + (naga_mod(v_7, 32u) * 4u), _e218, mh);
        }
    }
    {
        uint v_8 = lid + 384u;
        {
            metal::half4 _e235 = h_buf[_e116 + v_8];
            h_st4_((Q_AT + (naga_div(v_8, 32u) * SQ)) + (naga_mod(v_8, 32u) * 4u), _e235, mh);
        }
    }
    {
        uint v_9 = lid + 448u;
        {
            metal::half4 _e252 = h_buf[_e116 + v_9];
            h_st4_((Q_AT + (naga_div(v_9, 32u) * SQ)) + (naga_mod(v_9, 32u) * 4u), _e252, mh);
        }
    }
    {
        uint v_10 = lid + 512u;
        {
            metal::half4 _e269 = h_buf[_e116 + v_10];
            h_st4_((Q_AT + (naga_div(v_10, 32u) * SQ)) + (naga_mod(v_10, 32u) * 4u), _e269, mh);
        }
    }
    {
        uint v_11 = lid + 576u;
        {
            metal::half4 _e286 = h_buf[_e116 + v_11];
            h_st4_((Q_AT + (naga_div(v_11, 32u) * SQ)) + (naga_mod(v_11, 32u) * 4u), _e286, mh);
        }
    }
    {
        uint v_12 = lid + 640u;
        {
            metal::half4 _e303 = h_buf[_e116 + v_12];
            h_st4_((Q_AT + (naga_div(v_12, 32u) * SQ)) + (naga_mod(v_12, 32u) * 4u), _e303, mh);
        }
    }
    {
        uint v_13 = lid + 704u;
        {
            metal::half4 _e320 = h_buf[_e116 + v_13];
            h_st4_((Q_AT + (naga_div(v_13, 32u) * SQ)) + (naga_mod(v_13, 32u) * 4u), _e320, mh);
        }
    }
    {
        uint v_14 = lid + 768u;
        {
            metal::half4 _e337 = h_buf[_e116 + v_14];
            h_st4_((Q_AT + (naga_div(v_14, 32u) * SQ)) + (naga_mod(v_14, 32u) * 4u), _e337, mh);
        }
    }
    {
        uint v_15 = lid + 832u;
        {
            metal::half4 _e354 = h_buf[_e116 + v_15];
            h_st4_((Q_AT + (naga_div(v_15, 32u) * SQ)) + (naga_mod(v_15, 32u) * 4u), _e354, mh);
        }
    }
    {
        uint v_16 = lid + 896u;
        {
            metal::half4 _e371 = h_buf[_e116 + v_16];
            h_st4_((Q_AT + (naga_div(v_16, 32u) * SQ)) + (naga_mod(v_16, 32u) * 4u), _e371, mh);
        }
    }
    {
        uint v_17 = lid + 960u;
        {
            metal::half4 _e388 = h_buf[_e116 + v_17];
            h_st4_((Q_AT + (naga_div(v_17, 32u) * SQ)) + (naga_mod(v_17, 32u) * 4u), _e388, mh);
        }
    }
    x = lid;
    uint2 loop_bound_1 = uint2(4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (metal::all(loop_bound_1 == uint2(0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e397 = x;
            x = _e397 + NT;
        }
        loop_init_1 = false;
        uint _e390 = x;
        if (_e390 < 64u) {
        } else {
            break;
        }
        {
            uint _e394 = x;
            mzero.inner[_e394] = 0.0;
        }
    }
    if (lid == 0u) {
        metal::atomic_store_explicit(&mlive_flag, 0u, metal::memory_order_relaxed);
        metal::atomic_store_explicit(&mrescale, 0u, metal::memory_order_relaxed);
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    metal::simdgroup_float8x8 zero = NagaCooperativeLoad(&mzero.inner[0], CM, false);
    qa.inner[0] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 0u, HV)], 136u, false);
    qa.inner[1] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 8u, HV)], 136u, false);
    qa.inner[2] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 16u, HV)], 136u, false);
    qa.inner[3] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 24u, HV)], 136u, false);
    qa.inner[4] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 32u, HV)], 136u, false);
    qa.inner[5] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 40u, HV)], 136u, false);
    qa.inner[6] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 48u, HV)], 136u, false);
    qa.inner[7] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 56u, HV)], 136u, false);
    qa.inner[8] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 64u, HV)], 136u, false);
    qa.inner[9] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 72u, HV)], 136u, false);
    qa.inner[10] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 80u, HV)], 136u, false);
    qa.inner[11] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 88u, HV)], 136u, false);
    qa.inner[12] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 96u, HV)], 136u, false);
    qa.inner[13] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 104u, HV)], 136u, false);
    qa.inner[14] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 112u, HV)], 136u, false);
    qa.inner[15] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 120u, HV)], 136u, false);
    o.inner[0] = zero;
    o.inner[1] = zero;
    o.inner[2] = zero;
    o.inner[3] = zero;
    o.inner[4] = zero;
    o.inner[5] = zero;
    o.inner[6] = zero;
    o.inner[7] = zero;
    o.inner[8] = zero;
    o.inner[9] = zero;
    o.inner[10] = zero;
    o.inner[11] = zero;
    o.inner[12] = zero;
    o.inner[13] = zero;
    o.inner[14] = zero;
    o.inner[15] = zero;
    qa.inner[16] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 0u, HV)], 136u, false);
    qa.inner[17] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 8u, HV)], 136u, false);
    qa.inner[18] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 16u, HV)], 136u, false);
    qa.inner[19] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 24u, HV)], 136u, false);
    qa.inner[20] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 32u, HV)], 136u, false);
    qa.inner[21] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 40u, HV)], 136u, false);
    qa.inner[22] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 48u, HV)], 136u, false);
    qa.inner[23] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 56u, HV)], 136u, false);
    qa.inner[24] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 64u, HV)], 136u, false);
    qa.inner[25] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 72u, HV)], 136u, false);
    qa.inner[26] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 80u, HV)], 136u, false);
    qa.inner[27] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 88u, HV)], 136u, false);
    qa.inner[28] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 96u, HV)], 136u, false);
    qa.inner[29] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 104u, HV)], 136u, false);
    qa.inner[30] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 112u, HV)], 136u, false);
    qa.inner[31] = NagaCooperativeLoad(&mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 120u, HV)], 136u, false);
    o.inner[16] = zero;
    o.inner[17] = zero;
    o.inner[18] = zero;
    o.inner[19] = zero;
    o.inner[20] = zero;
    o.inner[21] = zero;
    o.inner[22] = zero;
    o.inner[23] = zero;
    o.inner[24] = zero;
    o.inner[25] = zero;
    o.inner[26] = zero;
    o.inner[27] = zero;
    o.inner[28] = zero;
    o.inner[29] = zero;
    o.inner[30] = zero;
    o.inner[31] = zero;
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    uint part = naga_mod(lane, 2u);
    uint er = (sg * RS) + naga_div(lane, 2u);
    uint ei = i0_ + er;
    int _e1000 = k_begin;
    k0_ = _e1000;
    uint2 loop_bound_2 = uint2(4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (metal::all(loop_bound_2 == uint2(0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            int _e8745 = k0_;
            k0_ = as_type<int>(as_type<uint>(_e8745) + as_type<uint>(64));
        }
        loop_init_2 = false;
        int _e1002 = k0_;
        int _e1003 = k_end;
        if (_e1002 < _e1003) {
        } else {
            break;
        }
        {
            int _e1005 = k0_;
            uint j0_ = static_cast<uint>(_e1005);
            if (check_live) {
                any = false;
                uint lr = naga_div(lid, 2u);
                uint lk = j0_ + (naga_mod(lid, 2u) * 32u);
                e = 0u;
                uint2 loop_bound_3 = uint2(4294967295u);
                bool loop_init_3 = true;
                while(true) {
                    if (metal::all(loop_bound_3 == uint2(0u))) { break; }
                    loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
                    if (!loop_init_3) {
                        uint _e1032 = e;
                        e = _e1032 + 1u;
                    }
                    loop_init_3 = false;
                    uint _e1018 = e;
                    if (_e1018 < 32u) {
                    } else {
                        break;
                    }
                    {
                        bool _e1021 = any;
                        if (!(_e1021)) {
                            uint _e1026 = e;
                            bool _e1028 = visible(b_4, h_6, i0_ + lr, lk + _e1026, P, mask_buf, blocks_buf, _buffer_sizes);
                            local_4 = _e1028;
                        } else {
                            local_4 = true;
                        }
                        bool _e1030 = local_4;
                        any = _e1030;
                    }
                }
                bool _e1034 = any;
                if (_e1034) {
                    uint _e1037 = metal::atomic_fetch_or_explicit(&mlive_flag, 1u, metal::memory_order_relaxed);
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                if (lid == 0u) {
                    uint _e1042 = metal::atomic_load_explicit(&mlive_flag, metal::memory_order_relaxed);
                    mlive = _e1042;
                    metal::atomic_store_explicit(&mlive_flag, 0u, metal::memory_order_relaxed);
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                uint unnamed = mlive;
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                if (unnamed == 0u) {
                    continue;
                }
            }
            uint _e1051 = P.heads_kv;
            uint _e1054 = m_k_row((b_4 * _e1051) + hk, j0_, P);
            {
                uint v_18 = lid + 0u;
                {
                    metal::half4 _e1071 = h_buf[_e1054 + v_18];
                    h_st4_((KV_AT + (naga_div(v_18, 32u) * SKV)) + (naga_mod(v_18, 32u) * 4u), _e1071, mh);
                }
            }
            {
                uint v_19 = lid + 64u;
                {
                    metal::half4 _e1088 = h_buf[_e1054 + v_19];
                    h_st4_((KV_AT + (naga_div(v_19, 32u) * SKV)) + (naga_mod(v_19, 32u) * 4u), _e1088, mh);
                }
            }
            {
                uint v_20 = lid + 128u;
                {
                    metal::half4 _e1105 = h_buf[_e1054 + v_20];
                    h_st4_((KV_AT + (naga_div(v_20, 32u) * SKV)) + (naga_mod(v_20, 32u) * 4u), _e1105, mh);
                }
            }
            {
                uint v_21 = lid + 192u;
                {
                    metal::half4 _e1122 = h_buf[_e1054 + v_21];
                    h_st4_((KV_AT + (naga_div(v_21, 32u) * SKV)) + (naga_mod(v_21, 32u) * 4u), _e1122, mh);
                }
            }
            {
                uint v_22 = lid + 256u;
                {
                    metal::half4 _e1139 = h_buf[_e1054 + v_22];
                    h_st4_((KV_AT + (naga_div(v_22, 32u) * SKV)) + (naga_mod(v_22, 32u) * 4u), _e1139, mh);
                }
            }
            {
                uint v_23 = lid + 320u;
                {
                    metal::half4 _e1156 = h_buf[_e1054 + v_23];
                    h_st4_((KV_AT + (naga_div(v_23, 32u) * SKV)) + (naga_mod(v_23, 32u) * 4u), _e1156, mh);
                }
            }
            {
                uint v_24 = lid + 384u;
                {
                    metal::half4 _e1173 = h_buf[_e1054 + v_24];
                    h_st4_((KV_AT + (naga_div(v_24, 32u) * SKV)) + (naga_mod(v_24, 32u) * 4u), _e1173, mh);
                }
            }
            {
                uint v_25 = lid + 448u;
                {
                    metal::half4 _e1190 = h_buf[_e1054 + v_25];
                    h_st4_((KV_AT + (naga_div(v_25, 32u) * SKV)) + (naga_mod(v_25, 32u) * 4u), _e1190, mh);
                }
            }
            {
                uint v_26 = lid + 512u;
                {
                    metal::half4 _e1207 = h_buf[_e1054 + v_26];
                    h_st4_((KV_AT + (naga_div(v_26, 32u) * SKV)) + (naga_mod(v_26, 32u) * 4u), _e1207, mh);
                }
            }
            {
                uint v_27 = lid + 576u;
                {
                    metal::half4 _e1224 = h_buf[_e1054 + v_27];
                    h_st4_((KV_AT + (naga_div(v_27, 32u) * SKV)) + (naga_mod(v_27, 32u) * 4u), _e1224, mh);
                }
            }
            {
                uint v_28 = lid + 640u;
                {
                    metal::half4 _e1241 = h_buf[_e1054 + v_28];
                    h_st4_((KV_AT + (naga_div(v_28, 32u) * SKV)) + (naga_mod(v_28, 32u) * 4u), _e1241, mh);
                }
            }
            {
                uint v_29 = lid + 704u;
                {
                    metal::half4 _e1258 = h_buf[_e1054 + v_29];
                    h_st4_((KV_AT + (naga_div(v_29, 32u) * SKV)) + (naga_mod(v_29, 32u) * 4u), _e1258, mh);
                }
            }
            {
                uint v_30 = lid + 768u;
                {
                    metal::half4 _e1275 = h_buf[_e1054 + v_30];
                    h_st4_((KV_AT + (naga_div(v_30, 32u) * SKV)) + (naga_mod(v_30, 32u) * 4u), _e1275, mh);
                }
            }
            {
                uint v_31 = lid + 832u;
                {
                    metal::half4 _e1292 = h_buf[_e1054 + v_31];
                    h_st4_((KV_AT + (naga_div(v_31, 32u) * SKV)) + (naga_mod(v_31, 32u) * 4u), _e1292, mh);
                }
            }
            {
                uint v_32 = lid + 896u;
                {
                    metal::half4 _e1309 = h_buf[_e1054 + v_32];
                    h_st4_((KV_AT + (naga_div(v_32, 32u) * SKV)) + (naga_mod(v_32, 32u) * 4u), _e1309, mh);
                }
            }
            {
                uint v_33 = lid + 960u;
                {
                    metal::half4 _e1326 = h_buf[_e1054 + v_33];
                    h_st4_((KV_AT + (naga_div(v_33, 32u) * SKV)) + (naga_mod(v_33, 32u) * 4u), _e1326, mh);
                }
            }
            {
                uint v_34 = lid + 1024u;
                {
                    metal::half4 _e1343 = h_buf[_e1054 + v_34];
                    h_st4_((KV_AT + (naga_div(v_34, 32u) * SKV)) + (naga_mod(v_34, 32u) * 4u), _e1343, mh);
                }
            }
            {
                uint v_35 = lid + 1088u;
                {
                    metal::half4 _e1360 = h_buf[_e1054 + v_35];
                    h_st4_((KV_AT + (naga_div(v_35, 32u) * SKV)) + (naga_mod(v_35, 32u) * 4u), _e1360, mh);
                }
            }
            {
                uint v_36 = lid + 1152u;
                {
                    metal::half4 _e1377 = h_buf[_e1054 + v_36];
                    h_st4_((KV_AT + (naga_div(v_36, 32u) * SKV)) + (naga_mod(v_36, 32u) * 4u), _e1377, mh);
                }
            }
            {
                uint v_37 = lid + 1216u;
                {
                    metal::half4 _e1394 = h_buf[_e1054 + v_37];
                    h_st4_((KV_AT + (naga_div(v_37, 32u) * SKV)) + (naga_mod(v_37, 32u) * 4u), _e1394, mh);
                }
            }
            {
                uint v_38 = lid + 1280u;
                {
                    metal::half4 _e1411 = h_buf[_e1054 + v_38];
                    h_st4_((KV_AT + (naga_div(v_38, 32u) * SKV)) + (naga_mod(v_38, 32u) * 4u), _e1411, mh);
                }
            }
            {
                uint v_39 = lid + 1344u;
                {
                    metal::half4 _e1428 = h_buf[_e1054 + v_39];
                    h_st4_((KV_AT + (naga_div(v_39, 32u) * SKV)) + (naga_mod(v_39, 32u) * 4u), _e1428, mh);
                }
            }
            {
                uint v_40 = lid + 1408u;
                {
                    metal::half4 _e1445 = h_buf[_e1054 + v_40];
                    h_st4_((KV_AT + (naga_div(v_40, 32u) * SKV)) + (naga_mod(v_40, 32u) * 4u), _e1445, mh);
                }
            }
            {
                uint v_41 = lid + 1472u;
                {
                    metal::half4 _e1462 = h_buf[_e1054 + v_41];
                    h_st4_((KV_AT + (naga_div(v_41, 32u) * SKV)) + (naga_mod(v_41, 32u) * 4u), _e1462, mh);
                }
            }
            {
                uint v_42 = lid + 1536u;
                {
                    metal::half4 _e1479 = h_buf[_e1054 + v_42];
                    h_st4_((KV_AT + (naga_div(v_42, 32u) * SKV)) + (naga_mod(v_42, 32u) * 4u), _e1479, mh);
                }
            }
            {
                uint v_43 = lid + 1600u;
                {
                    metal::half4 _e1496 = h_buf[_e1054 + v_43];
                    h_st4_((KV_AT + (naga_div(v_43, 32u) * SKV)) + (naga_mod(v_43, 32u) * 4u), _e1496, mh);
                }
            }
            {
                uint v_44 = lid + 1664u;
                {
                    metal::half4 _e1513 = h_buf[_e1054 + v_44];
                    h_st4_((KV_AT + (naga_div(v_44, 32u) * SKV)) + (naga_mod(v_44, 32u) * 4u), _e1513, mh);
                }
            }
            {
                uint v_45 = lid + 1728u;
                {
                    metal::half4 _e1530 = h_buf[_e1054 + v_45];
                    h_st4_((KV_AT + (naga_div(v_45, 32u) * SKV)) + (naga_mod(v_45, 32u) * 4u), _e1530, mh);
                }
            }
            {
                uint v_46 = lid + 1792u;
                {
                    metal::half4 _e1547 = h_buf[_e1054 + v_46];
                    h_st4_((KV_AT + (naga_div(v_46, 32u) * SKV)) + (naga_mod(v_46, 32u) * 4u), _e1547, mh);
                }
            }
            {
                uint v_47 = lid + 1856u;
                {
                    metal::half4 _e1564 = h_buf[_e1054 + v_47];
                    h_st4_((KV_AT + (naga_div(v_47, 32u) * SKV)) + (naga_mod(v_47, 32u) * 4u), _e1564, mh);
                }
            }
            {
                uint v_48 = lid + 1920u;
                {
                    metal::half4 _e1581 = h_buf[_e1054 + v_48];
                    h_st4_((KV_AT + (naga_div(v_48, 32u) * SKV)) + (naga_mod(v_48, 32u) * 4u), _e1581, mh);
                }
            }
            {
                uint v_49 = lid + 1984u;
                {
                    metal::half4 _e1598 = h_buf[_e1054 + v_49];
                    h_st4_((KV_AT + (naga_div(v_49, 32u) * SKV)) + (naga_mod(v_49, 32u) * 4u), _e1598, mh);
                }
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            sa = type_19 {};
            sa.inner[0] = zero;
            sa.inner[1] = zero;
            sa.inner[2] = zero;
            sa.inner[3] = zero;
            sa.inner[4] = zero;
            sa.inner[5] = zero;
            sa.inner[6] = zero;
            sa.inner[7] = zero;
            sa.inner[8] = zero;
            sa.inner[9] = zero;
            sa.inner[10] = zero;
            sa.inner[11] = zero;
            sa.inner[12] = zero;
            sa.inner[13] = zero;
            sa.inner[14] = zero;
            sa.inner[15] = zero;
            {
                metal::simdgroup_half8x8 kt = NagaCooperativeLoad(&mh.inner[0], 136u, true);
                CoopA _e1623 = qa.inner[0];
                CoopC _e1625 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e1623, kt, _e1625);
                CoopA _e1629 = qa.inner[16];
                CoopC _e1631 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e1629, kt, _e1631);
            }
            {
                metal::simdgroup_half8x8 kt_1 = NagaCooperativeLoad(&mh.inner[1088], 136u, true);
                CoopA _e1639 = qa.inner[0];
                CoopC _e1641 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e1639, kt_1, _e1641);
                CoopA _e1645 = qa.inner[16];
                CoopC _e1647 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e1645, kt_1, _e1647);
            }
            {
                metal::simdgroup_half8x8 kt_2 = NagaCooperativeLoad(&mh.inner[2176], 136u, true);
                CoopA _e1655 = qa.inner[0];
                CoopC _e1657 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e1655, kt_2, _e1657);
                CoopA _e1661 = qa.inner[16];
                CoopC _e1663 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e1661, kt_2, _e1663);
            }
            {
                metal::simdgroup_half8x8 kt_3 = NagaCooperativeLoad(&mh.inner[3264], 136u, true);
                CoopA _e1671 = qa.inner[0];
                CoopC _e1673 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e1671, kt_3, _e1673);
                CoopA _e1677 = qa.inner[16];
                CoopC _e1679 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e1677, kt_3, _e1679);
            }
            {
                metal::simdgroup_half8x8 kt_4 = NagaCooperativeLoad(&mh.inner[4352], 136u, true);
                CoopA _e1687 = qa.inner[0];
                CoopC _e1689 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e1687, kt_4, _e1689);
                CoopA _e1693 = qa.inner[16];
                CoopC _e1695 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e1693, kt_4, _e1695);
            }
            {
                metal::simdgroup_half8x8 kt_5 = NagaCooperativeLoad(&mh.inner[5440], 136u, true);
                CoopA _e1703 = qa.inner[0];
                CoopC _e1705 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e1703, kt_5, _e1705);
                CoopA _e1709 = qa.inner[16];
                CoopC _e1711 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e1709, kt_5, _e1711);
            }
            {
                metal::simdgroup_half8x8 kt_6 = NagaCooperativeLoad(&mh.inner[6528], 136u, true);
                CoopA _e1719 = qa.inner[0];
                CoopC _e1721 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e1719, kt_6, _e1721);
                CoopA _e1725 = qa.inner[16];
                CoopC _e1727 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e1725, kt_6, _e1727);
            }
            {
                metal::simdgroup_half8x8 kt_7 = NagaCooperativeLoad(&mh.inner[7616], 136u, true);
                CoopA _e1735 = qa.inner[0];
                CoopC _e1737 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e1735, kt_7, _e1737);
                CoopA _e1741 = qa.inner[16];
                CoopC _e1743 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e1741, kt_7, _e1743);
            }
            {
                metal::simdgroup_half8x8 kt_8 = NagaCooperativeLoad(&mh.inner[8], 136u, true);
                CoopA _e1751 = qa.inner[1];
                CoopC _e1753 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e1751, kt_8, _e1753);
                CoopA _e1757 = qa.inner[17];
                CoopC _e1759 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e1757, kt_8, _e1759);
            }
            {
                metal::simdgroup_half8x8 kt_9 = NagaCooperativeLoad(&mh.inner[1096], 136u, true);
                CoopA _e1767 = qa.inner[1];
                CoopC _e1769 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e1767, kt_9, _e1769);
                CoopA _e1773 = qa.inner[17];
                CoopC _e1775 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e1773, kt_9, _e1775);
            }
            {
                metal::simdgroup_half8x8 kt_10 = NagaCooperativeLoad(&mh.inner[2184], 136u, true);
                CoopA _e1783 = qa.inner[1];
                CoopC _e1785 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e1783, kt_10, _e1785);
                CoopA _e1789 = qa.inner[17];
                CoopC _e1791 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e1789, kt_10, _e1791);
            }
            {
                metal::simdgroup_half8x8 kt_11 = NagaCooperativeLoad(&mh.inner[3272], 136u, true);
                CoopA _e1799 = qa.inner[1];
                CoopC _e1801 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e1799, kt_11, _e1801);
                CoopA _e1805 = qa.inner[17];
                CoopC _e1807 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e1805, kt_11, _e1807);
            }
            {
                metal::simdgroup_half8x8 kt_12 = NagaCooperativeLoad(&mh.inner[4360], 136u, true);
                CoopA _e1815 = qa.inner[1];
                CoopC _e1817 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e1815, kt_12, _e1817);
                CoopA _e1821 = qa.inner[17];
                CoopC _e1823 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e1821, kt_12, _e1823);
            }
            {
                metal::simdgroup_half8x8 kt_13 = NagaCooperativeLoad(&mh.inner[5448], 136u, true);
                CoopA _e1831 = qa.inner[1];
                CoopC _e1833 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e1831, kt_13, _e1833);
                CoopA _e1837 = qa.inner[17];
                CoopC _e1839 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e1837, kt_13, _e1839);
            }
            {
                metal::simdgroup_half8x8 kt_14 = NagaCooperativeLoad(&mh.inner[6536], 136u, true);
                CoopA _e1847 = qa.inner[1];
                CoopC _e1849 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e1847, kt_14, _e1849);
                CoopA _e1853 = qa.inner[17];
                CoopC _e1855 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e1853, kt_14, _e1855);
            }
            {
                metal::simdgroup_half8x8 kt_15 = NagaCooperativeLoad(&mh.inner[7624], 136u, true);
                CoopA _e1863 = qa.inner[1];
                CoopC _e1865 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e1863, kt_15, _e1865);
                CoopA _e1869 = qa.inner[17];
                CoopC _e1871 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e1869, kt_15, _e1871);
            }
            {
                metal::simdgroup_half8x8 kt_16 = NagaCooperativeLoad(&mh.inner[16], 136u, true);
                CoopA _e1879 = qa.inner[2];
                CoopC _e1881 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e1879, kt_16, _e1881);
                CoopA _e1885 = qa.inner[18];
                CoopC _e1887 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e1885, kt_16, _e1887);
            }
            {
                metal::simdgroup_half8x8 kt_17 = NagaCooperativeLoad(&mh.inner[1104], 136u, true);
                CoopA _e1895 = qa.inner[2];
                CoopC _e1897 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e1895, kt_17, _e1897);
                CoopA _e1901 = qa.inner[18];
                CoopC _e1903 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e1901, kt_17, _e1903);
            }
            {
                metal::simdgroup_half8x8 kt_18 = NagaCooperativeLoad(&mh.inner[2192], 136u, true);
                CoopA _e1911 = qa.inner[2];
                CoopC _e1913 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e1911, kt_18, _e1913);
                CoopA _e1917 = qa.inner[18];
                CoopC _e1919 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e1917, kt_18, _e1919);
            }
            {
                metal::simdgroup_half8x8 kt_19 = NagaCooperativeLoad(&mh.inner[3280], 136u, true);
                CoopA _e1927 = qa.inner[2];
                CoopC _e1929 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e1927, kt_19, _e1929);
                CoopA _e1933 = qa.inner[18];
                CoopC _e1935 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e1933, kt_19, _e1935);
            }
            {
                metal::simdgroup_half8x8 kt_20 = NagaCooperativeLoad(&mh.inner[4368], 136u, true);
                CoopA _e1943 = qa.inner[2];
                CoopC _e1945 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e1943, kt_20, _e1945);
                CoopA _e1949 = qa.inner[18];
                CoopC _e1951 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e1949, kt_20, _e1951);
            }
            {
                metal::simdgroup_half8x8 kt_21 = NagaCooperativeLoad(&mh.inner[5456], 136u, true);
                CoopA _e1959 = qa.inner[2];
                CoopC _e1961 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e1959, kt_21, _e1961);
                CoopA _e1965 = qa.inner[18];
                CoopC _e1967 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e1965, kt_21, _e1967);
            }
            {
                metal::simdgroup_half8x8 kt_22 = NagaCooperativeLoad(&mh.inner[6544], 136u, true);
                CoopA _e1975 = qa.inner[2];
                CoopC _e1977 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e1975, kt_22, _e1977);
                CoopA _e1981 = qa.inner[18];
                CoopC _e1983 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e1981, kt_22, _e1983);
            }
            {
                metal::simdgroup_half8x8 kt_23 = NagaCooperativeLoad(&mh.inner[7632], 136u, true);
                CoopA _e1991 = qa.inner[2];
                CoopC _e1993 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e1991, kt_23, _e1993);
                CoopA _e1997 = qa.inner[18];
                CoopC _e1999 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e1997, kt_23, _e1999);
            }
            {
                metal::simdgroup_half8x8 kt_24 = NagaCooperativeLoad(&mh.inner[24], 136u, true);
                CoopA _e2007 = qa.inner[3];
                CoopC _e2009 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2007, kt_24, _e2009);
                CoopA _e2013 = qa.inner[19];
                CoopC _e2015 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2013, kt_24, _e2015);
            }
            {
                metal::simdgroup_half8x8 kt_25 = NagaCooperativeLoad(&mh.inner[1112], 136u, true);
                CoopA _e2023 = qa.inner[3];
                CoopC _e2025 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2023, kt_25, _e2025);
                CoopA _e2029 = qa.inner[19];
                CoopC _e2031 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2029, kt_25, _e2031);
            }
            {
                metal::simdgroup_half8x8 kt_26 = NagaCooperativeLoad(&mh.inner[2200], 136u, true);
                CoopA _e2039 = qa.inner[3];
                CoopC _e2041 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2039, kt_26, _e2041);
                CoopA _e2045 = qa.inner[19];
                CoopC _e2047 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2045, kt_26, _e2047);
            }
            {
                metal::simdgroup_half8x8 kt_27 = NagaCooperativeLoad(&mh.inner[3288], 136u, true);
                CoopA _e2055 = qa.inner[3];
                CoopC _e2057 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2055, kt_27, _e2057);
                CoopA _e2061 = qa.inner[19];
                CoopC _e2063 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2061, kt_27, _e2063);
            }
            {
                metal::simdgroup_half8x8 kt_28 = NagaCooperativeLoad(&mh.inner[4376], 136u, true);
                CoopA _e2071 = qa.inner[3];
                CoopC _e2073 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2071, kt_28, _e2073);
                CoopA _e2077 = qa.inner[19];
                CoopC _e2079 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2077, kt_28, _e2079);
            }
            {
                metal::simdgroup_half8x8 kt_29 = NagaCooperativeLoad(&mh.inner[5464], 136u, true);
                CoopA _e2087 = qa.inner[3];
                CoopC _e2089 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2087, kt_29, _e2089);
                CoopA _e2093 = qa.inner[19];
                CoopC _e2095 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2093, kt_29, _e2095);
            }
            {
                metal::simdgroup_half8x8 kt_30 = NagaCooperativeLoad(&mh.inner[6552], 136u, true);
                CoopA _e2103 = qa.inner[3];
                CoopC _e2105 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2103, kt_30, _e2105);
                CoopA _e2109 = qa.inner[19];
                CoopC _e2111 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2109, kt_30, _e2111);
            }
            {
                metal::simdgroup_half8x8 kt_31 = NagaCooperativeLoad(&mh.inner[7640], 136u, true);
                CoopA _e2119 = qa.inner[3];
                CoopC _e2121 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2119, kt_31, _e2121);
                CoopA _e2125 = qa.inner[19];
                CoopC _e2127 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2125, kt_31, _e2127);
            }
            {
                metal::simdgroup_half8x8 kt_32 = NagaCooperativeLoad(&mh.inner[32], 136u, true);
                CoopA _e2135 = qa.inner[4];
                CoopC _e2137 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2135, kt_32, _e2137);
                CoopA _e2141 = qa.inner[20];
                CoopC _e2143 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2141, kt_32, _e2143);
            }
            {
                metal::simdgroup_half8x8 kt_33 = NagaCooperativeLoad(&mh.inner[1120], 136u, true);
                CoopA _e2151 = qa.inner[4];
                CoopC _e2153 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2151, kt_33, _e2153);
                CoopA _e2157 = qa.inner[20];
                CoopC _e2159 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2157, kt_33, _e2159);
            }
            {
                metal::simdgroup_half8x8 kt_34 = NagaCooperativeLoad(&mh.inner[2208], 136u, true);
                CoopA _e2167 = qa.inner[4];
                CoopC _e2169 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2167, kt_34, _e2169);
                CoopA _e2173 = qa.inner[20];
                CoopC _e2175 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2173, kt_34, _e2175);
            }
            {
                metal::simdgroup_half8x8 kt_35 = NagaCooperativeLoad(&mh.inner[3296], 136u, true);
                CoopA _e2183 = qa.inner[4];
                CoopC _e2185 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2183, kt_35, _e2185);
                CoopA _e2189 = qa.inner[20];
                CoopC _e2191 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2189, kt_35, _e2191);
            }
            {
                metal::simdgroup_half8x8 kt_36 = NagaCooperativeLoad(&mh.inner[4384], 136u, true);
                CoopA _e2199 = qa.inner[4];
                CoopC _e2201 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2199, kt_36, _e2201);
                CoopA _e2205 = qa.inner[20];
                CoopC _e2207 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2205, kt_36, _e2207);
            }
            {
                metal::simdgroup_half8x8 kt_37 = NagaCooperativeLoad(&mh.inner[5472], 136u, true);
                CoopA _e2215 = qa.inner[4];
                CoopC _e2217 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2215, kt_37, _e2217);
                CoopA _e2221 = qa.inner[20];
                CoopC _e2223 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2221, kt_37, _e2223);
            }
            {
                metal::simdgroup_half8x8 kt_38 = NagaCooperativeLoad(&mh.inner[6560], 136u, true);
                CoopA _e2231 = qa.inner[4];
                CoopC _e2233 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2231, kt_38, _e2233);
                CoopA _e2237 = qa.inner[20];
                CoopC _e2239 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2237, kt_38, _e2239);
            }
            {
                metal::simdgroup_half8x8 kt_39 = NagaCooperativeLoad(&mh.inner[7648], 136u, true);
                CoopA _e2247 = qa.inner[4];
                CoopC _e2249 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2247, kt_39, _e2249);
                CoopA _e2253 = qa.inner[20];
                CoopC _e2255 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2253, kt_39, _e2255);
            }
            {
                metal::simdgroup_half8x8 kt_40 = NagaCooperativeLoad(&mh.inner[40], 136u, true);
                CoopA _e2263 = qa.inner[5];
                CoopC _e2265 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2263, kt_40, _e2265);
                CoopA _e2269 = qa.inner[21];
                CoopC _e2271 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2269, kt_40, _e2271);
            }
            {
                metal::simdgroup_half8x8 kt_41 = NagaCooperativeLoad(&mh.inner[1128], 136u, true);
                CoopA _e2279 = qa.inner[5];
                CoopC _e2281 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2279, kt_41, _e2281);
                CoopA _e2285 = qa.inner[21];
                CoopC _e2287 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2285, kt_41, _e2287);
            }
            {
                metal::simdgroup_half8x8 kt_42 = NagaCooperativeLoad(&mh.inner[2216], 136u, true);
                CoopA _e2295 = qa.inner[5];
                CoopC _e2297 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2295, kt_42, _e2297);
                CoopA _e2301 = qa.inner[21];
                CoopC _e2303 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2301, kt_42, _e2303);
            }
            {
                metal::simdgroup_half8x8 kt_43 = NagaCooperativeLoad(&mh.inner[3304], 136u, true);
                CoopA _e2311 = qa.inner[5];
                CoopC _e2313 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2311, kt_43, _e2313);
                CoopA _e2317 = qa.inner[21];
                CoopC _e2319 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2317, kt_43, _e2319);
            }
            {
                metal::simdgroup_half8x8 kt_44 = NagaCooperativeLoad(&mh.inner[4392], 136u, true);
                CoopA _e2327 = qa.inner[5];
                CoopC _e2329 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2327, kt_44, _e2329);
                CoopA _e2333 = qa.inner[21];
                CoopC _e2335 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2333, kt_44, _e2335);
            }
            {
                metal::simdgroup_half8x8 kt_45 = NagaCooperativeLoad(&mh.inner[5480], 136u, true);
                CoopA _e2343 = qa.inner[5];
                CoopC _e2345 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2343, kt_45, _e2345);
                CoopA _e2349 = qa.inner[21];
                CoopC _e2351 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2349, kt_45, _e2351);
            }
            {
                metal::simdgroup_half8x8 kt_46 = NagaCooperativeLoad(&mh.inner[6568], 136u, true);
                CoopA _e2359 = qa.inner[5];
                CoopC _e2361 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2359, kt_46, _e2361);
                CoopA _e2365 = qa.inner[21];
                CoopC _e2367 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2365, kt_46, _e2367);
            }
            {
                metal::simdgroup_half8x8 kt_47 = NagaCooperativeLoad(&mh.inner[7656], 136u, true);
                CoopA _e2375 = qa.inner[5];
                CoopC _e2377 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2375, kt_47, _e2377);
                CoopA _e2381 = qa.inner[21];
                CoopC _e2383 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2381, kt_47, _e2383);
            }
            {
                metal::simdgroup_half8x8 kt_48 = NagaCooperativeLoad(&mh.inner[48], 136u, true);
                CoopA _e2391 = qa.inner[6];
                CoopC _e2393 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2391, kt_48, _e2393);
                CoopA _e2397 = qa.inner[22];
                CoopC _e2399 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2397, kt_48, _e2399);
            }
            {
                metal::simdgroup_half8x8 kt_49 = NagaCooperativeLoad(&mh.inner[1136], 136u, true);
                CoopA _e2407 = qa.inner[6];
                CoopC _e2409 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2407, kt_49, _e2409);
                CoopA _e2413 = qa.inner[22];
                CoopC _e2415 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2413, kt_49, _e2415);
            }
            {
                metal::simdgroup_half8x8 kt_50 = NagaCooperativeLoad(&mh.inner[2224], 136u, true);
                CoopA _e2423 = qa.inner[6];
                CoopC _e2425 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2423, kt_50, _e2425);
                CoopA _e2429 = qa.inner[22];
                CoopC _e2431 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2429, kt_50, _e2431);
            }
            {
                metal::simdgroup_half8x8 kt_51 = NagaCooperativeLoad(&mh.inner[3312], 136u, true);
                CoopA _e2439 = qa.inner[6];
                CoopC _e2441 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2439, kt_51, _e2441);
                CoopA _e2445 = qa.inner[22];
                CoopC _e2447 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2445, kt_51, _e2447);
            }
            {
                metal::simdgroup_half8x8 kt_52 = NagaCooperativeLoad(&mh.inner[4400], 136u, true);
                CoopA _e2455 = qa.inner[6];
                CoopC _e2457 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2455, kt_52, _e2457);
                CoopA _e2461 = qa.inner[22];
                CoopC _e2463 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2461, kt_52, _e2463);
            }
            {
                metal::simdgroup_half8x8 kt_53 = NagaCooperativeLoad(&mh.inner[5488], 136u, true);
                CoopA _e2471 = qa.inner[6];
                CoopC _e2473 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2471, kt_53, _e2473);
                CoopA _e2477 = qa.inner[22];
                CoopC _e2479 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2477, kt_53, _e2479);
            }
            {
                metal::simdgroup_half8x8 kt_54 = NagaCooperativeLoad(&mh.inner[6576], 136u, true);
                CoopA _e2487 = qa.inner[6];
                CoopC _e2489 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2487, kt_54, _e2489);
                CoopA _e2493 = qa.inner[22];
                CoopC _e2495 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2493, kt_54, _e2495);
            }
            {
                metal::simdgroup_half8x8 kt_55 = NagaCooperativeLoad(&mh.inner[7664], 136u, true);
                CoopA _e2503 = qa.inner[6];
                CoopC _e2505 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2503, kt_55, _e2505);
                CoopA _e2509 = qa.inner[22];
                CoopC _e2511 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2509, kt_55, _e2511);
            }
            {
                metal::simdgroup_half8x8 kt_56 = NagaCooperativeLoad(&mh.inner[56], 136u, true);
                CoopA _e2519 = qa.inner[7];
                CoopC _e2521 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2519, kt_56, _e2521);
                CoopA _e2525 = qa.inner[23];
                CoopC _e2527 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2525, kt_56, _e2527);
            }
            {
                metal::simdgroup_half8x8 kt_57 = NagaCooperativeLoad(&mh.inner[1144], 136u, true);
                CoopA _e2535 = qa.inner[7];
                CoopC _e2537 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2535, kt_57, _e2537);
                CoopA _e2541 = qa.inner[23];
                CoopC _e2543 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2541, kt_57, _e2543);
            }
            {
                metal::simdgroup_half8x8 kt_58 = NagaCooperativeLoad(&mh.inner[2232], 136u, true);
                CoopA _e2551 = qa.inner[7];
                CoopC _e2553 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2551, kt_58, _e2553);
                CoopA _e2557 = qa.inner[23];
                CoopC _e2559 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2557, kt_58, _e2559);
            }
            {
                metal::simdgroup_half8x8 kt_59 = NagaCooperativeLoad(&mh.inner[3320], 136u, true);
                CoopA _e2567 = qa.inner[7];
                CoopC _e2569 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2567, kt_59, _e2569);
                CoopA _e2573 = qa.inner[23];
                CoopC _e2575 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2573, kt_59, _e2575);
            }
            {
                metal::simdgroup_half8x8 kt_60 = NagaCooperativeLoad(&mh.inner[4408], 136u, true);
                CoopA _e2583 = qa.inner[7];
                CoopC _e2585 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2583, kt_60, _e2585);
                CoopA _e2589 = qa.inner[23];
                CoopC _e2591 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2589, kt_60, _e2591);
            }
            {
                metal::simdgroup_half8x8 kt_61 = NagaCooperativeLoad(&mh.inner[5496], 136u, true);
                CoopA _e2599 = qa.inner[7];
                CoopC _e2601 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2599, kt_61, _e2601);
                CoopA _e2605 = qa.inner[23];
                CoopC _e2607 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2605, kt_61, _e2607);
            }
            {
                metal::simdgroup_half8x8 kt_62 = NagaCooperativeLoad(&mh.inner[6584], 136u, true);
                CoopA _e2615 = qa.inner[7];
                CoopC _e2617 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2615, kt_62, _e2617);
                CoopA _e2621 = qa.inner[23];
                CoopC _e2623 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2621, kt_62, _e2623);
            }
            {
                metal::simdgroup_half8x8 kt_63 = NagaCooperativeLoad(&mh.inner[7672], 136u, true);
                CoopA _e2631 = qa.inner[7];
                CoopC _e2633 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2631, kt_63, _e2633);
                CoopA _e2637 = qa.inner[23];
                CoopC _e2639 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2637, kt_63, _e2639);
            }
            {
                metal::simdgroup_half8x8 kt_64 = NagaCooperativeLoad(&mh.inner[64], 136u, true);
                CoopA _e2647 = qa.inner[8];
                CoopC _e2649 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2647, kt_64, _e2649);
                CoopA _e2653 = qa.inner[24];
                CoopC _e2655 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2653, kt_64, _e2655);
            }
            {
                metal::simdgroup_half8x8 kt_65 = NagaCooperativeLoad(&mh.inner[1152], 136u, true);
                CoopA _e2663 = qa.inner[8];
                CoopC _e2665 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2663, kt_65, _e2665);
                CoopA _e2669 = qa.inner[24];
                CoopC _e2671 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2669, kt_65, _e2671);
            }
            {
                metal::simdgroup_half8x8 kt_66 = NagaCooperativeLoad(&mh.inner[2240], 136u, true);
                CoopA _e2679 = qa.inner[8];
                CoopC _e2681 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2679, kt_66, _e2681);
                CoopA _e2685 = qa.inner[24];
                CoopC _e2687 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2685, kt_66, _e2687);
            }
            {
                metal::simdgroup_half8x8 kt_67 = NagaCooperativeLoad(&mh.inner[3328], 136u, true);
                CoopA _e2695 = qa.inner[8];
                CoopC _e2697 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2695, kt_67, _e2697);
                CoopA _e2701 = qa.inner[24];
                CoopC _e2703 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2701, kt_67, _e2703);
            }
            {
                metal::simdgroup_half8x8 kt_68 = NagaCooperativeLoad(&mh.inner[4416], 136u, true);
                CoopA _e2711 = qa.inner[8];
                CoopC _e2713 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2711, kt_68, _e2713);
                CoopA _e2717 = qa.inner[24];
                CoopC _e2719 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2717, kt_68, _e2719);
            }
            {
                metal::simdgroup_half8x8 kt_69 = NagaCooperativeLoad(&mh.inner[5504], 136u, true);
                CoopA _e2727 = qa.inner[8];
                CoopC _e2729 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2727, kt_69, _e2729);
                CoopA _e2733 = qa.inner[24];
                CoopC _e2735 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2733, kt_69, _e2735);
            }
            {
                metal::simdgroup_half8x8 kt_70 = NagaCooperativeLoad(&mh.inner[6592], 136u, true);
                CoopA _e2743 = qa.inner[8];
                CoopC _e2745 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2743, kt_70, _e2745);
                CoopA _e2749 = qa.inner[24];
                CoopC _e2751 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2749, kt_70, _e2751);
            }
            {
                metal::simdgroup_half8x8 kt_71 = NagaCooperativeLoad(&mh.inner[7680], 136u, true);
                CoopA _e2759 = qa.inner[8];
                CoopC _e2761 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2759, kt_71, _e2761);
                CoopA _e2765 = qa.inner[24];
                CoopC _e2767 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2765, kt_71, _e2767);
            }
            {
                metal::simdgroup_half8x8 kt_72 = NagaCooperativeLoad(&mh.inner[72], 136u, true);
                CoopA _e2775 = qa.inner[9];
                CoopC _e2777 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2775, kt_72, _e2777);
                CoopA _e2781 = qa.inner[25];
                CoopC _e2783 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2781, kt_72, _e2783);
            }
            {
                metal::simdgroup_half8x8 kt_73 = NagaCooperativeLoad(&mh.inner[1160], 136u, true);
                CoopA _e2791 = qa.inner[9];
                CoopC _e2793 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2791, kt_73, _e2793);
                CoopA _e2797 = qa.inner[25];
                CoopC _e2799 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2797, kt_73, _e2799);
            }
            {
                metal::simdgroup_half8x8 kt_74 = NagaCooperativeLoad(&mh.inner[2248], 136u, true);
                CoopA _e2807 = qa.inner[9];
                CoopC _e2809 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2807, kt_74, _e2809);
                CoopA _e2813 = qa.inner[25];
                CoopC _e2815 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2813, kt_74, _e2815);
            }
            {
                metal::simdgroup_half8x8 kt_75 = NagaCooperativeLoad(&mh.inner[3336], 136u, true);
                CoopA _e2823 = qa.inner[9];
                CoopC _e2825 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2823, kt_75, _e2825);
                CoopA _e2829 = qa.inner[25];
                CoopC _e2831 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2829, kt_75, _e2831);
            }
            {
                metal::simdgroup_half8x8 kt_76 = NagaCooperativeLoad(&mh.inner[4424], 136u, true);
                CoopA _e2839 = qa.inner[9];
                CoopC _e2841 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2839, kt_76, _e2841);
                CoopA _e2845 = qa.inner[25];
                CoopC _e2847 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2845, kt_76, _e2847);
            }
            {
                metal::simdgroup_half8x8 kt_77 = NagaCooperativeLoad(&mh.inner[5512], 136u, true);
                CoopA _e2855 = qa.inner[9];
                CoopC _e2857 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2855, kt_77, _e2857);
                CoopA _e2861 = qa.inner[25];
                CoopC _e2863 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2861, kt_77, _e2863);
            }
            {
                metal::simdgroup_half8x8 kt_78 = NagaCooperativeLoad(&mh.inner[6600], 136u, true);
                CoopA _e2871 = qa.inner[9];
                CoopC _e2873 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2871, kt_78, _e2873);
                CoopA _e2877 = qa.inner[25];
                CoopC _e2879 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2877, kt_78, _e2879);
            }
            {
                metal::simdgroup_half8x8 kt_79 = NagaCooperativeLoad(&mh.inner[7688], 136u, true);
                CoopA _e2887 = qa.inner[9];
                CoopC _e2889 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2887, kt_79, _e2889);
                CoopA _e2893 = qa.inner[25];
                CoopC _e2895 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2893, kt_79, _e2895);
            }
            {
                metal::simdgroup_half8x8 kt_80 = NagaCooperativeLoad(&mh.inner[80], 136u, true);
                CoopA _e2903 = qa.inner[10];
                CoopC _e2905 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2903, kt_80, _e2905);
                CoopA _e2909 = qa.inner[26];
                CoopC _e2911 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2909, kt_80, _e2911);
            }
            {
                metal::simdgroup_half8x8 kt_81 = NagaCooperativeLoad(&mh.inner[1168], 136u, true);
                CoopA _e2919 = qa.inner[10];
                CoopC _e2921 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2919, kt_81, _e2921);
                CoopA _e2925 = qa.inner[26];
                CoopC _e2927 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2925, kt_81, _e2927);
            }
            {
                metal::simdgroup_half8x8 kt_82 = NagaCooperativeLoad(&mh.inner[2256], 136u, true);
                CoopA _e2935 = qa.inner[10];
                CoopC _e2937 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2935, kt_82, _e2937);
                CoopA _e2941 = qa.inner[26];
                CoopC _e2943 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2941, kt_82, _e2943);
            }
            {
                metal::simdgroup_half8x8 kt_83 = NagaCooperativeLoad(&mh.inner[3344], 136u, true);
                CoopA _e2951 = qa.inner[10];
                CoopC _e2953 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2951, kt_83, _e2953);
                CoopA _e2957 = qa.inner[26];
                CoopC _e2959 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2957, kt_83, _e2959);
            }
            {
                metal::simdgroup_half8x8 kt_84 = NagaCooperativeLoad(&mh.inner[4432], 136u, true);
                CoopA _e2967 = qa.inner[10];
                CoopC _e2969 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2967, kt_84, _e2969);
                CoopA _e2973 = qa.inner[26];
                CoopC _e2975 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2973, kt_84, _e2975);
            }
            {
                metal::simdgroup_half8x8 kt_85 = NagaCooperativeLoad(&mh.inner[5520], 136u, true);
                CoopA _e2983 = qa.inner[10];
                CoopC _e2985 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2983, kt_85, _e2985);
                CoopA _e2989 = qa.inner[26];
                CoopC _e2991 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2989, kt_85, _e2991);
            }
            {
                metal::simdgroup_half8x8 kt_86 = NagaCooperativeLoad(&mh.inner[6608], 136u, true);
                CoopA _e2999 = qa.inner[10];
                CoopC _e3001 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2999, kt_86, _e3001);
                CoopA _e3005 = qa.inner[26];
                CoopC _e3007 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3005, kt_86, _e3007);
            }
            {
                metal::simdgroup_half8x8 kt_87 = NagaCooperativeLoad(&mh.inner[7696], 136u, true);
                CoopA _e3015 = qa.inner[10];
                CoopC _e3017 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3015, kt_87, _e3017);
                CoopA _e3021 = qa.inner[26];
                CoopC _e3023 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3021, kt_87, _e3023);
            }
            {
                metal::simdgroup_half8x8 kt_88 = NagaCooperativeLoad(&mh.inner[88], 136u, true);
                CoopA _e3031 = qa.inner[11];
                CoopC _e3033 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3031, kt_88, _e3033);
                CoopA _e3037 = qa.inner[27];
                CoopC _e3039 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3037, kt_88, _e3039);
            }
            {
                metal::simdgroup_half8x8 kt_89 = NagaCooperativeLoad(&mh.inner[1176], 136u, true);
                CoopA _e3047 = qa.inner[11];
                CoopC _e3049 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3047, kt_89, _e3049);
                CoopA _e3053 = qa.inner[27];
                CoopC _e3055 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3053, kt_89, _e3055);
            }
            {
                metal::simdgroup_half8x8 kt_90 = NagaCooperativeLoad(&mh.inner[2264], 136u, true);
                CoopA _e3063 = qa.inner[11];
                CoopC _e3065 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3063, kt_90, _e3065);
                CoopA _e3069 = qa.inner[27];
                CoopC _e3071 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3069, kt_90, _e3071);
            }
            {
                metal::simdgroup_half8x8 kt_91 = NagaCooperativeLoad(&mh.inner[3352], 136u, true);
                CoopA _e3079 = qa.inner[11];
                CoopC _e3081 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3079, kt_91, _e3081);
                CoopA _e3085 = qa.inner[27];
                CoopC _e3087 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3085, kt_91, _e3087);
            }
            {
                metal::simdgroup_half8x8 kt_92 = NagaCooperativeLoad(&mh.inner[4440], 136u, true);
                CoopA _e3095 = qa.inner[11];
                CoopC _e3097 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3095, kt_92, _e3097);
                CoopA _e3101 = qa.inner[27];
                CoopC _e3103 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3101, kt_92, _e3103);
            }
            {
                metal::simdgroup_half8x8 kt_93 = NagaCooperativeLoad(&mh.inner[5528], 136u, true);
                CoopA _e3111 = qa.inner[11];
                CoopC _e3113 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3111, kt_93, _e3113);
                CoopA _e3117 = qa.inner[27];
                CoopC _e3119 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3117, kt_93, _e3119);
            }
            {
                metal::simdgroup_half8x8 kt_94 = NagaCooperativeLoad(&mh.inner[6616], 136u, true);
                CoopA _e3127 = qa.inner[11];
                CoopC _e3129 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3127, kt_94, _e3129);
                CoopA _e3133 = qa.inner[27];
                CoopC _e3135 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3133, kt_94, _e3135);
            }
            {
                metal::simdgroup_half8x8 kt_95 = NagaCooperativeLoad(&mh.inner[7704], 136u, true);
                CoopA _e3143 = qa.inner[11];
                CoopC _e3145 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3143, kt_95, _e3145);
                CoopA _e3149 = qa.inner[27];
                CoopC _e3151 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3149, kt_95, _e3151);
            }
            {
                metal::simdgroup_half8x8 kt_96 = NagaCooperativeLoad(&mh.inner[96], 136u, true);
                CoopA _e3159 = qa.inner[12];
                CoopC _e3161 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3159, kt_96, _e3161);
                CoopA _e3165 = qa.inner[28];
                CoopC _e3167 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3165, kt_96, _e3167);
            }
            {
                metal::simdgroup_half8x8 kt_97 = NagaCooperativeLoad(&mh.inner[1184], 136u, true);
                CoopA _e3175 = qa.inner[12];
                CoopC _e3177 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3175, kt_97, _e3177);
                CoopA _e3181 = qa.inner[28];
                CoopC _e3183 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3181, kt_97, _e3183);
            }
            {
                metal::simdgroup_half8x8 kt_98 = NagaCooperativeLoad(&mh.inner[2272], 136u, true);
                CoopA _e3191 = qa.inner[12];
                CoopC _e3193 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3191, kt_98, _e3193);
                CoopA _e3197 = qa.inner[28];
                CoopC _e3199 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3197, kt_98, _e3199);
            }
            {
                metal::simdgroup_half8x8 kt_99 = NagaCooperativeLoad(&mh.inner[3360], 136u, true);
                CoopA _e3207 = qa.inner[12];
                CoopC _e3209 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3207, kt_99, _e3209);
                CoopA _e3213 = qa.inner[28];
                CoopC _e3215 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3213, kt_99, _e3215);
            }
            {
                metal::simdgroup_half8x8 kt_100 = NagaCooperativeLoad(&mh.inner[4448], 136u, true);
                CoopA _e3223 = qa.inner[12];
                CoopC _e3225 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3223, kt_100, _e3225);
                CoopA _e3229 = qa.inner[28];
                CoopC _e3231 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3229, kt_100, _e3231);
            }
            {
                metal::simdgroup_half8x8 kt_101 = NagaCooperativeLoad(&mh.inner[5536], 136u, true);
                CoopA _e3239 = qa.inner[12];
                CoopC _e3241 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3239, kt_101, _e3241);
                CoopA _e3245 = qa.inner[28];
                CoopC _e3247 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3245, kt_101, _e3247);
            }
            {
                metal::simdgroup_half8x8 kt_102 = NagaCooperativeLoad(&mh.inner[6624], 136u, true);
                CoopA _e3255 = qa.inner[12];
                CoopC _e3257 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3255, kt_102, _e3257);
                CoopA _e3261 = qa.inner[28];
                CoopC _e3263 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3261, kt_102, _e3263);
            }
            {
                metal::simdgroup_half8x8 kt_103 = NagaCooperativeLoad(&mh.inner[7712], 136u, true);
                CoopA _e3271 = qa.inner[12];
                CoopC _e3273 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3271, kt_103, _e3273);
                CoopA _e3277 = qa.inner[28];
                CoopC _e3279 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3277, kt_103, _e3279);
            }
            {
                metal::simdgroup_half8x8 kt_104 = NagaCooperativeLoad(&mh.inner[104], 136u, true);
                CoopA _e3287 = qa.inner[13];
                CoopC _e3289 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3287, kt_104, _e3289);
                CoopA _e3293 = qa.inner[29];
                CoopC _e3295 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3293, kt_104, _e3295);
            }
            {
                metal::simdgroup_half8x8 kt_105 = NagaCooperativeLoad(&mh.inner[1192], 136u, true);
                CoopA _e3303 = qa.inner[13];
                CoopC _e3305 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3303, kt_105, _e3305);
                CoopA _e3309 = qa.inner[29];
                CoopC _e3311 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3309, kt_105, _e3311);
            }
            {
                metal::simdgroup_half8x8 kt_106 = NagaCooperativeLoad(&mh.inner[2280], 136u, true);
                CoopA _e3319 = qa.inner[13];
                CoopC _e3321 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3319, kt_106, _e3321);
                CoopA _e3325 = qa.inner[29];
                CoopC _e3327 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3325, kt_106, _e3327);
            }
            {
                metal::simdgroup_half8x8 kt_107 = NagaCooperativeLoad(&mh.inner[3368], 136u, true);
                CoopA _e3335 = qa.inner[13];
                CoopC _e3337 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3335, kt_107, _e3337);
                CoopA _e3341 = qa.inner[29];
                CoopC _e3343 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3341, kt_107, _e3343);
            }
            {
                metal::simdgroup_half8x8 kt_108 = NagaCooperativeLoad(&mh.inner[4456], 136u, true);
                CoopA _e3351 = qa.inner[13];
                CoopC _e3353 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3351, kt_108, _e3353);
                CoopA _e3357 = qa.inner[29];
                CoopC _e3359 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3357, kt_108, _e3359);
            }
            {
                metal::simdgroup_half8x8 kt_109 = NagaCooperativeLoad(&mh.inner[5544], 136u, true);
                CoopA _e3367 = qa.inner[13];
                CoopC _e3369 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3367, kt_109, _e3369);
                CoopA _e3373 = qa.inner[29];
                CoopC _e3375 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3373, kt_109, _e3375);
            }
            {
                metal::simdgroup_half8x8 kt_110 = NagaCooperativeLoad(&mh.inner[6632], 136u, true);
                CoopA _e3383 = qa.inner[13];
                CoopC _e3385 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3383, kt_110, _e3385);
                CoopA _e3389 = qa.inner[29];
                CoopC _e3391 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3389, kt_110, _e3391);
            }
            {
                metal::simdgroup_half8x8 kt_111 = NagaCooperativeLoad(&mh.inner[7720], 136u, true);
                CoopA _e3399 = qa.inner[13];
                CoopC _e3401 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3399, kt_111, _e3401);
                CoopA _e3405 = qa.inner[29];
                CoopC _e3407 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3405, kt_111, _e3407);
            }
            {
                metal::simdgroup_half8x8 kt_112 = NagaCooperativeLoad(&mh.inner[112], 136u, true);
                CoopA _e3415 = qa.inner[14];
                CoopC _e3417 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3415, kt_112, _e3417);
                CoopA _e3421 = qa.inner[30];
                CoopC _e3423 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3421, kt_112, _e3423);
            }
            {
                metal::simdgroup_half8x8 kt_113 = NagaCooperativeLoad(&mh.inner[1200], 136u, true);
                CoopA _e3431 = qa.inner[14];
                CoopC _e3433 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3431, kt_113, _e3433);
                CoopA _e3437 = qa.inner[30];
                CoopC _e3439 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3437, kt_113, _e3439);
            }
            {
                metal::simdgroup_half8x8 kt_114 = NagaCooperativeLoad(&mh.inner[2288], 136u, true);
                CoopA _e3447 = qa.inner[14];
                CoopC _e3449 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3447, kt_114, _e3449);
                CoopA _e3453 = qa.inner[30];
                CoopC _e3455 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3453, kt_114, _e3455);
            }
            {
                metal::simdgroup_half8x8 kt_115 = NagaCooperativeLoad(&mh.inner[3376], 136u, true);
                CoopA _e3463 = qa.inner[14];
                CoopC _e3465 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3463, kt_115, _e3465);
                CoopA _e3469 = qa.inner[30];
                CoopC _e3471 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3469, kt_115, _e3471);
            }
            {
                metal::simdgroup_half8x8 kt_116 = NagaCooperativeLoad(&mh.inner[4464], 136u, true);
                CoopA _e3479 = qa.inner[14];
                CoopC _e3481 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3479, kt_116, _e3481);
                CoopA _e3485 = qa.inner[30];
                CoopC _e3487 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3485, kt_116, _e3487);
            }
            {
                metal::simdgroup_half8x8 kt_117 = NagaCooperativeLoad(&mh.inner[5552], 136u, true);
                CoopA _e3495 = qa.inner[14];
                CoopC _e3497 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3495, kt_117, _e3497);
                CoopA _e3501 = qa.inner[30];
                CoopC _e3503 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3501, kt_117, _e3503);
            }
            {
                metal::simdgroup_half8x8 kt_118 = NagaCooperativeLoad(&mh.inner[6640], 136u, true);
                CoopA _e3511 = qa.inner[14];
                CoopC _e3513 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3511, kt_118, _e3513);
                CoopA _e3517 = qa.inner[30];
                CoopC _e3519 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3517, kt_118, _e3519);
            }
            {
                metal::simdgroup_half8x8 kt_119 = NagaCooperativeLoad(&mh.inner[7728], 136u, true);
                CoopA _e3527 = qa.inner[14];
                CoopC _e3529 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3527, kt_119, _e3529);
                CoopA _e3533 = qa.inner[30];
                CoopC _e3535 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3533, kt_119, _e3535);
            }
            {
                metal::simdgroup_half8x8 kt_120 = NagaCooperativeLoad(&mh.inner[120], 136u, true);
                CoopA _e3543 = qa.inner[15];
                CoopC _e3545 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3543, kt_120, _e3545);
                CoopA _e3549 = qa.inner[31];
                CoopC _e3551 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3549, kt_120, _e3551);
            }
            {
                metal::simdgroup_half8x8 kt_121 = NagaCooperativeLoad(&mh.inner[1208], 136u, true);
                CoopA _e3559 = qa.inner[15];
                CoopC _e3561 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3559, kt_121, _e3561);
                CoopA _e3565 = qa.inner[31];
                CoopC _e3567 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3565, kt_121, _e3567);
            }
            {
                metal::simdgroup_half8x8 kt_122 = NagaCooperativeLoad(&mh.inner[2296], 136u, true);
                CoopA _e3575 = qa.inner[15];
                CoopC _e3577 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3575, kt_122, _e3577);
                CoopA _e3581 = qa.inner[31];
                CoopC _e3583 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3581, kt_122, _e3583);
            }
            {
                metal::simdgroup_half8x8 kt_123 = NagaCooperativeLoad(&mh.inner[3384], 136u, true);
                CoopA _e3591 = qa.inner[15];
                CoopC _e3593 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3591, kt_123, _e3593);
                CoopA _e3597 = qa.inner[31];
                CoopC _e3599 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3597, kt_123, _e3599);
            }
            {
                metal::simdgroup_half8x8 kt_124 = NagaCooperativeLoad(&mh.inner[4472], 136u, true);
                CoopA _e3607 = qa.inner[15];
                CoopC _e3609 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3607, kt_124, _e3609);
                CoopA _e3613 = qa.inner[31];
                CoopC _e3615 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3613, kt_124, _e3615);
            }
            {
                metal::simdgroup_half8x8 kt_125 = NagaCooperativeLoad(&mh.inner[5560], 136u, true);
                CoopA _e3623 = qa.inner[15];
                CoopC _e3625 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3623, kt_125, _e3625);
                CoopA _e3629 = qa.inner[31];
                CoopC _e3631 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3629, kt_125, _e3631);
            }
            {
                metal::simdgroup_half8x8 kt_126 = NagaCooperativeLoad(&mh.inner[6648], 136u, true);
                CoopA _e3639 = qa.inner[15];
                CoopC _e3641 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3639, kt_126, _e3641);
                CoopA _e3645 = qa.inner[31];
                CoopC _e3647 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3645, kt_126, _e3647);
            }
            {
                metal::simdgroup_half8x8 kt_127 = NagaCooperativeLoad(&mh.inner[7736], 136u, true);
                CoopA _e3655 = qa.inner[15];
                CoopC _e3657 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3655, kt_127, _e3657);
                CoopA _e3661 = qa.inner[31];
                CoopC _e3663 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3661, kt_127, _e3663);
            }
            CoopC _e3666 = sa.inner[0];
            simdgroup_store(_e3666, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u);
            CoopC _e3681 = sa.inner[1];
            simdgroup_store(_e3681, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u);
            CoopC _e3696 = sa.inner[2];
            simdgroup_store(_e3696, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u);
            CoopC _e3711 = sa.inner[3];
            simdgroup_store(_e3711, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u);
            CoopC _e3726 = sa.inner[4];
            simdgroup_store(_e3726, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u);
            CoopC _e3741 = sa.inner[5];
            simdgroup_store(_e3741, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u);
            CoopC _e3756 = sa.inner[6];
            simdgroup_store(_e3756, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u);
            CoopC _e3771 = sa.inner[7];
            simdgroup_store(_e3771, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u);
            CoopC _e3786 = sa.inner[8];
            simdgroup_store(_e3786, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u);
            CoopC _e3801 = sa.inner[9];
            simdgroup_store(_e3801, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u);
            CoopC _e3816 = sa.inner[10];
            simdgroup_store(_e3816, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u);
            CoopC _e3831 = sa.inner[11];
            simdgroup_store(_e3831, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u);
            CoopC _e3846 = sa.inner[12];
            simdgroup_store(_e3846, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u);
            CoopC _e3861 = sa.inner[13];
            simdgroup_store(_e3861, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u);
            CoopC _e3876 = sa.inner[14];
            simdgroup_store(_e3876, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u);
            CoopC _e3891 = sa.inner[15];
            simdgroup_store(_e3891, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u);
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            uint _e3907 = P.heads_kv;
            uint _e3910 = m_v_row((b_4 * _e3907) + hk, j0_, P);
            vr = type_20 {};
            metal::half4 _e3921 = h_buf[_e3910 + metal::min(lid + 0u, 2047u)];
            vr.inner[0] = _e3921;
            metal::half4 _e3930 = h_buf[_e3910 + metal::min(lid + 64u, 2047u)];
            vr.inner[1] = _e3930;
            metal::half4 _e3939 = h_buf[_e3910 + metal::min(lid + 128u, 2047u)];
            vr.inner[2] = _e3939;
            metal::half4 _e3948 = h_buf[_e3910 + metal::min(lid + 192u, 2047u)];
            vr.inner[3] = _e3948;
            metal::half4 _e3957 = h_buf[_e3910 + metal::min(lid + 256u, 2047u)];
            vr.inner[4] = _e3957;
            metal::half4 _e3966 = h_buf[_e3910 + metal::min(lid + 320u, 2047u)];
            vr.inner[5] = _e3966;
            metal::half4 _e3975 = h_buf[_e3910 + metal::min(lid + 384u, 2047u)];
            vr.inner[6] = _e3975;
            metal::half4 _e3984 = h_buf[_e3910 + metal::min(lid + 448u, 2047u)];
            vr.inner[7] = _e3984;
            metal::half4 _e3993 = h_buf[_e3910 + metal::min(lid + 512u, 2047u)];
            vr.inner[8] = _e3993;
            metal::half4 _e4002 = h_buf[_e3910 + metal::min(lid + 576u, 2047u)];
            vr.inner[9] = _e4002;
            metal::half4 _e4011 = h_buf[_e3910 + metal::min(lid + 640u, 2047u)];
            vr.inner[10] = _e4011;
            metal::half4 _e4020 = h_buf[_e3910 + metal::min(lid + 704u, 2047u)];
            vr.inner[11] = _e4020;
            metal::half4 _e4029 = h_buf[_e3910 + metal::min(lid + 768u, 2047u)];
            vr.inner[12] = _e4029;
            metal::half4 _e4038 = h_buf[_e3910 + metal::min(lid + 832u, 2047u)];
            vr.inner[13] = _e4038;
            metal::half4 _e4047 = h_buf[_e3910 + metal::min(lid + 896u, 2047u)];
            vr.inner[14] = _e4047;
            metal::half4 _e4056 = h_buf[_e3910 + metal::min(lid + 960u, 2047u)];
            vr.inner[15] = _e4056;
            metal::half4 _e4065 = h_buf[_e3910 + metal::min(lid + 1024u, 2047u)];
            vr.inner[16] = _e4065;
            metal::half4 _e4074 = h_buf[_e3910 + metal::min(lid + 1088u, 2047u)];
            vr.inner[17] = _e4074;
            metal::half4 _e4083 = h_buf[_e3910 + metal::min(lid + 1152u, 2047u)];
            vr.inner[18] = _e4083;
            metal::half4 _e4092 = h_buf[_e3910 + metal::min(lid + 1216u, 2047u)];
            vr.inner[19] = _e4092;
            metal::half4 _e4101 = h_buf[_e3910 + metal::min(lid + 1280u, 2047u)];
            vr.inner[20] = _e4101;
            metal::half4 _e4110 = h_buf[_e3910 + metal::min(lid + 1344u, 2047u)];
            vr.inner[21] = _e4110;
            metal::half4 _e4119 = h_buf[_e3910 + metal::min(lid + 1408u, 2047u)];
            vr.inner[22] = _e4119;
            metal::half4 _e4128 = h_buf[_e3910 + metal::min(lid + 1472u, 2047u)];
            vr.inner[23] = _e4128;
            metal::half4 _e4137 = h_buf[_e3910 + metal::min(lid + 1536u, 2047u)];
            vr.inner[24] = _e4137;
            metal::half4 _e4146 = h_buf[_e3910 + metal::min(lid + 1600u, 2047u)];
            vr.inner[25] = _e4146;
            metal::half4 _e4155 = h_buf[_e3910 + metal::min(lid + 1664u, 2047u)];
            vr.inner[26] = _e4155;
            metal::half4 _e4164 = h_buf[_e3910 + metal::min(lid + 1728u, 2047u)];
            vr.inner[27] = _e4164;
            metal::half4 _e4173 = h_buf[_e3910 + metal::min(lid + 1792u, 2047u)];
            vr.inner[28] = _e4173;
            metal::half4 _e4182 = h_buf[_e3910 + metal::min(lid + 1856u, 2047u)];
            vr.inner[29] = _e4182;
            metal::half4 _e4191 = h_buf[_e3910 + metal::min(lid + 1920u, 2047u)];
            vr.inner[30] = _e4191;
            metal::half4 _e4200 = h_buf[_e3910 + metal::min(lid + 1984u, 2047u)];
            vr.inner[31] = _e4200;
            if (plain) {
                uint _e4207 = P.seq_kv;
                local_5 = (j0_ + MBK) <= _e4207;
            } else {
                local_5 = false;
            }
            bool _e4210 = local_5;
            if (_e4210) {
                int _e4215 = P.has_band_lo;
                if (!((_e4215 == 0))) {
                    int _e4226 = P.band_lo;
                    local_7 = as_type<int>(as_type<uint>(static_cast<int>(j0_)) - as_type<uint>(static_cast<int>(last_row))) >= _e4226;
                } else {
                    local_7 = true;
                }
                bool _e4229 = local_7;
                local_6 = _e4229;
            } else {
                local_6 = false;
            }
            bool _e4231 = local_6;
            if (_e4231) {
                int _e4236 = P.has_band_hi;
                if (!((_e4236 == 0))) {
                    int _e4251 = P.band_hi;
                    local_9 = as_type<int>(as_type<uint>(static_cast<int>((j0_ + MBK) - 1u)) - as_type<uint>(static_cast<int>(i0_))) <= _e4251;
                } else {
                    local_9 = true;
                }
                bool _e4254 = local_9;
                local_8 = _e4254;
            } else {
                local_8 = false;
            }
            bool dense = local_8;
            mx = MASKED;
            xs = type_21 {};
            metal::float4 _e4269 = s_ld4_((er * SS) + ((0u + part) * 4u), ms);
            xs.inner[0] = _e4269;
            if (dense) {
                metal::float4 _e4271 = xs.inner[0];
                xs.inner[0] = _e4271 * scale2_;
            } else {
                metal::float4 _e4280 = xs.inner[0];
                metal::float4 _e4281 = tile_scores4_(b_4, h_6, ei, j0_ + ((0u + part) * 4u), _e4280, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[0] = _e4281;
            }
            float _e4282 = mx;
            float _e4285 = xs.inner[0].x;
            float _e4288 = xs.inner[0].y;
            float _e4292 = xs.inner[0].z;
            float _e4295 = xs.inner[0].w;
            mx = metal::max(_e4282, metal::max(metal::max(_e4285, _e4288), metal::max(_e4292, _e4295)));
            metal::float4 _e4307 = s_ld4_((er * SS) + ((2u + part) * 4u), ms);
            xs.inner[1] = _e4307;
            if (dense) {
                metal::float4 _e4309 = xs.inner[1];
                xs.inner[1] = _e4309 * scale2_;
            } else {
                metal::float4 _e4318 = xs.inner[1];
                metal::float4 _e4319 = tile_scores4_(b_4, h_6, ei, j0_ + ((2u + part) * 4u), _e4318, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[1] = _e4319;
            }
            float _e4320 = mx;
            float _e4323 = xs.inner[1].x;
            float _e4326 = xs.inner[1].y;
            float _e4330 = xs.inner[1].z;
            float _e4333 = xs.inner[1].w;
            mx = metal::max(_e4320, metal::max(metal::max(_e4323, _e4326), metal::max(_e4330, _e4333)));
            metal::float4 _e4345 = s_ld4_((er * SS) + ((4u + part) * 4u), ms);
            xs.inner[2] = _e4345;
            if (dense) {
                metal::float4 _e4347 = xs.inner[2];
                xs.inner[2] = _e4347 * scale2_;
            } else {
                metal::float4 _e4356 = xs.inner[2];
                metal::float4 _e4357 = tile_scores4_(b_4, h_6, ei, j0_ + ((4u + part) * 4u), _e4356, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[2] = _e4357;
            }
            float _e4358 = mx;
            float _e4361 = xs.inner[2].x;
            float _e4364 = xs.inner[2].y;
            float _e4368 = xs.inner[2].z;
            float _e4371 = xs.inner[2].w;
            mx = metal::max(_e4358, metal::max(metal::max(_e4361, _e4364), metal::max(_e4368, _e4371)));
            metal::float4 _e4383 = s_ld4_((er * SS) + ((6u + part) * 4u), ms);
            xs.inner[3] = _e4383;
            if (dense) {
                metal::float4 _e4385 = xs.inner[3];
                xs.inner[3] = _e4385 * scale2_;
            } else {
                metal::float4 _e4394 = xs.inner[3];
                metal::float4 _e4395 = tile_scores4_(b_4, h_6, ei, j0_ + ((6u + part) * 4u), _e4394, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[3] = _e4395;
            }
            float _e4396 = mx;
            float _e4399 = xs.inner[3].x;
            float _e4402 = xs.inner[3].y;
            float _e4406 = xs.inner[3].z;
            float _e4409 = xs.inner[3].w;
            mx = metal::max(_e4396, metal::max(metal::max(_e4399, _e4402), metal::max(_e4406, _e4409)));
            metal::float4 _e4421 = s_ld4_((er * SS) + ((8u + part) * 4u), ms);
            xs.inner[4] = _e4421;
            if (dense) {
                metal::float4 _e4423 = xs.inner[4];
                xs.inner[4] = _e4423 * scale2_;
            } else {
                metal::float4 _e4432 = xs.inner[4];
                metal::float4 _e4433 = tile_scores4_(b_4, h_6, ei, j0_ + ((8u + part) * 4u), _e4432, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[4] = _e4433;
            }
            float _e4434 = mx;
            float _e4437 = xs.inner[4].x;
            float _e4440 = xs.inner[4].y;
            float _e4444 = xs.inner[4].z;
            float _e4447 = xs.inner[4].w;
            mx = metal::max(_e4434, metal::max(metal::max(_e4437, _e4440), metal::max(_e4444, _e4447)));
            metal::float4 _e4459 = s_ld4_((er * SS) + ((10u + part) * 4u), ms);
            xs.inner[5] = _e4459;
            if (dense) {
                metal::float4 _e4461 = xs.inner[5];
                xs.inner[5] = _e4461 * scale2_;
            } else {
                metal::float4 _e4470 = xs.inner[5];
                metal::float4 _e4471 = tile_scores4_(b_4, h_6, ei, j0_ + ((10u + part) * 4u), _e4470, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[5] = _e4471;
            }
            float _e4472 = mx;
            float _e4475 = xs.inner[5].x;
            float _e4478 = xs.inner[5].y;
            float _e4482 = xs.inner[5].z;
            float _e4485 = xs.inner[5].w;
            mx = metal::max(_e4472, metal::max(metal::max(_e4475, _e4478), metal::max(_e4482, _e4485)));
            metal::float4 _e4497 = s_ld4_((er * SS) + ((12u + part) * 4u), ms);
            xs.inner[6] = _e4497;
            if (dense) {
                metal::float4 _e4499 = xs.inner[6];
                xs.inner[6] = _e4499 * scale2_;
            } else {
                metal::float4 _e4508 = xs.inner[6];
                metal::float4 _e4509 = tile_scores4_(b_4, h_6, ei, j0_ + ((12u + part) * 4u), _e4508, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[6] = _e4509;
            }
            float _e4510 = mx;
            float _e4513 = xs.inner[6].x;
            float _e4516 = xs.inner[6].y;
            float _e4520 = xs.inner[6].z;
            float _e4523 = xs.inner[6].w;
            mx = metal::max(_e4510, metal::max(metal::max(_e4513, _e4516), metal::max(_e4520, _e4523)));
            metal::float4 _e4535 = s_ld4_((er * SS) + ((14u + part) * 4u), ms);
            xs.inner[7] = _e4535;
            if (dense) {
                metal::float4 _e4537 = xs.inner[7];
                xs.inner[7] = _e4537 * scale2_;
            } else {
                metal::float4 _e4546 = xs.inner[7];
                metal::float4 _e4547 = tile_scores4_(b_4, h_6, ei, j0_ + ((14u + part) * 4u), _e4546, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[7] = _e4547;
            }
            float _e4548 = mx;
            float _e4551 = xs.inner[7].x;
            float _e4554 = xs.inner[7].y;
            float _e4558 = xs.inner[7].z;
            float _e4561 = xs.inner[7].w;
            mx = metal::max(_e4548, metal::max(metal::max(_e4551, _e4554), metal::max(_e4558, _e4561)));
            float _e4565 = mx;
            float _e4566 = mx;
            float unnamed_1 = metal::simd_shuffle_xor(_e4566, 1u);
            mx = metal::max(_e4565, unnamed_1);
            alpha = 1.0;
            moved = false;
            float _e4574 = mx;
            if (_e4574 > MASKED) {
                float _e4579 = m_run;
                if (!((_e4579 <= MASKED))) {
                    float _e4585 = mx;
                    float _e4586 = m_run;
                    local_11 = _e4585 > (_e4586 + TAU2_);
                } else {
                    local_11 = true;
                }
                bool _e4591 = local_11;
                local_10 = _e4591;
            } else {
                local_10 = false;
            }
            bool _e4593 = local_10;
            if (_e4593) {
                float _e4594 = m_run;
                moved = _e4594 > MASKED;
                float _e4597 = m_run;
                float _e4598 = mx;
                bool _e4601 = moved;
                alpha = _e4601 ? metal::exp2(_e4597 - _e4598) : 0.0;
                float _e4604 = mx;
                m_run = _e4604;
                float _e4605 = l_part;
                float _e4606 = alpha;
                l_part = _e4605 * _e4606;
            }
            if (part == 0u) {
                float _e4612 = alpha;
                mrow.inner[er] = _e4612;
                bool _e4613 = moved;
                if (_e4613) {
                    uint _e4616 = metal::atomic_fetch_or_explicit(&mrescale, 1u, metal::memory_order_relaxed);
                }
            }
            {
                metal::float4 _e4618 = xs.inner[0];
                float _e4619 = m_run;
                p = metal::exp2(_e4618 - metal::float4(_e4619));
                if (!(dense)) {
                    metal::float4 _e4627 = p;
                    metal::float4 _e4629 = xs.inner[0];
                    p = metal::select(metal::float4(0.0), _e4627, _e4629 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4634 = l_part;
                float _e4636 = p.x;
                float _e4638 = p.y;
                float _e4641 = p.z;
                float _e4643 = p.w;
                l_part = _e4634 + ((_e4636 + _e4638) + (_e4641 + _e4643));
                metal::float4 _e4656 = p;
                h_st4_((P_AT + (er * SP)) + ((0u + part) * 4u), static_cast<metal::half4>(_e4656), mh);
            }
            {
                metal::float4 _e4659 = xs.inner[1];
                float _e4660 = m_run;
                p_1 = metal::exp2(_e4659 - metal::float4(_e4660));
                if (!(dense)) {
                    metal::float4 _e4668 = p_1;
                    metal::float4 _e4670 = xs.inner[1];
                    p_1 = metal::select(metal::float4(0.0), _e4668, _e4670 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4675 = l_part;
                float _e4677 = p_1.x;
                float _e4679 = p_1.y;
                float _e4682 = p_1.z;
                float _e4684 = p_1.w;
                l_part = _e4675 + ((_e4677 + _e4679) + (_e4682 + _e4684));
                metal::float4 _e4697 = p_1;
                h_st4_((P_AT + (er * SP)) + ((2u + part) * 4u), static_cast<metal::half4>(_e4697), mh);
            }
            {
                metal::float4 _e4700 = xs.inner[2];
                float _e4701 = m_run;
                p_2 = metal::exp2(_e4700 - metal::float4(_e4701));
                if (!(dense)) {
                    metal::float4 _e4709 = p_2;
                    metal::float4 _e4711 = xs.inner[2];
                    p_2 = metal::select(metal::float4(0.0), _e4709, _e4711 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4716 = l_part;
                float _e4718 = p_2.x;
                float _e4720 = p_2.y;
                float _e4723 = p_2.z;
                float _e4725 = p_2.w;
                l_part = _e4716 + ((_e4718 + _e4720) + (_e4723 + _e4725));
                metal::float4 _e4738 = p_2;
                h_st4_((P_AT + (er * SP)) + ((4u + part) * 4u), static_cast<metal::half4>(_e4738), mh);
            }
            {
                metal::float4 _e4741 = xs.inner[3];
                float _e4742 = m_run;
                p_3 = metal::exp2(_e4741 - metal::float4(_e4742));
                if (!(dense)) {
                    metal::float4 _e4750 = p_3;
                    metal::float4 _e4752 = xs.inner[3];
                    p_3 = metal::select(metal::float4(0.0), _e4750, _e4752 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4757 = l_part;
                float _e4759 = p_3.x;
                float _e4761 = p_3.y;
                float _e4764 = p_3.z;
                float _e4766 = p_3.w;
                l_part = _e4757 + ((_e4759 + _e4761) + (_e4764 + _e4766));
                metal::float4 _e4779 = p_3;
                h_st4_((P_AT + (er * SP)) + ((6u + part) * 4u), static_cast<metal::half4>(_e4779), mh);
            }
            {
                metal::float4 _e4782 = xs.inner[4];
                float _e4783 = m_run;
                p_4 = metal::exp2(_e4782 - metal::float4(_e4783));
                if (!(dense)) {
                    metal::float4 _e4791 = p_4;
                    metal::float4 _e4793 = xs.inner[4];
                    p_4 = metal::select(metal::float4(0.0), _e4791, _e4793 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4798 = l_part;
                float _e4800 = p_4.x;
                float _e4802 = p_4.y;
                float _e4805 = p_4.z;
                float _e4807 = p_4.w;
                l_part = _e4798 + ((_e4800 + _e4802) + (_e4805 + _e4807));
                metal::float4 _e4820 = p_4;
                h_st4_((P_AT + (er * SP)) + ((8u + part) * 4u), static_cast<metal::half4>(_e4820), mh);
            }
            {
                metal::float4 _e4823 = xs.inner[5];
                float _e4824 = m_run;
                p_5 = metal::exp2(_e4823 - metal::float4(_e4824));
                if (!(dense)) {
                    metal::float4 _e4832 = p_5;
                    metal::float4 _e4834 = xs.inner[5];
                    p_5 = metal::select(metal::float4(0.0), _e4832, _e4834 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4839 = l_part;
                float _e4841 = p_5.x;
                float _e4843 = p_5.y;
                float _e4846 = p_5.z;
                float _e4848 = p_5.w;
                l_part = _e4839 + ((_e4841 + _e4843) + (_e4846 + _e4848));
                metal::float4 _e4861 = p_5;
                h_st4_((P_AT + (er * SP)) + ((10u + part) * 4u), static_cast<metal::half4>(_e4861), mh);
            }
            {
                metal::float4 _e4864 = xs.inner[6];
                float _e4865 = m_run;
                p_6 = metal::exp2(_e4864 - metal::float4(_e4865));
                if (!(dense)) {
                    metal::float4 _e4873 = p_6;
                    metal::float4 _e4875 = xs.inner[6];
                    p_6 = metal::select(metal::float4(0.0), _e4873, _e4875 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4880 = l_part;
                float _e4882 = p_6.x;
                float _e4884 = p_6.y;
                float _e4887 = p_6.z;
                float _e4889 = p_6.w;
                l_part = _e4880 + ((_e4882 + _e4884) + (_e4887 + _e4889));
                metal::float4 _e4902 = p_6;
                h_st4_((P_AT + (er * SP)) + ((12u + part) * 4u), static_cast<metal::half4>(_e4902), mh);
            }
            {
                metal::float4 _e4905 = xs.inner[7];
                float _e4906 = m_run;
                p_7 = metal::exp2(_e4905 - metal::float4(_e4906));
                if (!(dense)) {
                    metal::float4 _e4914 = p_7;
                    metal::float4 _e4916 = xs.inner[7];
                    p_7 = metal::select(metal::float4(0.0), _e4914, _e4916 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4921 = l_part;
                float _e4923 = p_7.x;
                float _e4925 = p_7.y;
                float _e4928 = p_7.z;
                float _e4930 = p_7.w;
                l_part = _e4921 + ((_e4923 + _e4925) + (_e4928 + _e4930));
                metal::float4 _e4943 = p_7;
                h_st4_((P_AT + (er * SP)) + ((14u + part) * 4u), static_cast<metal::half4>(_e4943), mh);
            }
            {
                uint v_50 = lid + 0u;
                {
                    metal::half4 _e4959 = vr.inner[0];
                    h_st4_((KV_AT + (naga_div(v_50, 32u) * SKV)) + (naga_mod(v_50, 32u) * 4u), _e4959, mh);
                }
            }
            {
                uint v_51 = lid + 64u;
                {
                    metal::half4 _e4974 = vr.inner[1];
                    h_st4_((KV_AT + (naga_div(v_51, 32u) * SKV)) + (naga_mod(v_51, 32u) * 4u), _e4974, mh);
                }
            }
            {
                uint v_52 = lid + 128u;
                {
                    metal::half4 _e4989 = vr.inner[2];
                    h_st4_((KV_AT + (naga_div(v_52, 32u) * SKV)) + (naga_mod(v_52, 32u) * 4u), _e4989, mh);
                }
            }
            {
                uint v_53 = lid + 192u;
                {
                    metal::half4 _e5004 = vr.inner[3];
                    h_st4_((KV_AT + (naga_div(v_53, 32u) * SKV)) + (naga_mod(v_53, 32u) * 4u), _e5004, mh);
                }
            }
            {
                uint v_54 = lid + 256u;
                {
                    metal::half4 _e5019 = vr.inner[4];
                    h_st4_((KV_AT + (naga_div(v_54, 32u) * SKV)) + (naga_mod(v_54, 32u) * 4u), _e5019, mh);
                }
            }
            {
                uint v_55 = lid + 320u;
                {
                    metal::half4 _e5034 = vr.inner[5];
                    h_st4_((KV_AT + (naga_div(v_55, 32u) * SKV)) + (naga_mod(v_55, 32u) * 4u), _e5034, mh);
                }
            }
            {
                uint v_56 = lid + 384u;
                {
                    metal::half4 _e5049 = vr.inner[6];
                    h_st4_((KV_AT + (naga_div(v_56, 32u) * SKV)) + (naga_mod(v_56, 32u) * 4u), _e5049, mh);
                }
            }
            {
                uint v_57 = lid + 448u;
                {
                    metal::half4 _e5064 = vr.inner[7];
                    h_st4_((KV_AT + (naga_div(v_57, 32u) * SKV)) + (naga_mod(v_57, 32u) * 4u), _e5064, mh);
                }
            }
            {
                uint v_58 = lid + 512u;
                {
                    metal::half4 _e5079 = vr.inner[8];
                    h_st4_((KV_AT + (naga_div(v_58, 32u) * SKV)) + (naga_mod(v_58, 32u) * 4u), _e5079, mh);
                }
            }
            {
                uint v_59 = lid + 576u;
                {
                    metal::half4 _e5094 = vr.inner[9];
                    h_st4_((KV_AT + (naga_div(v_59, 32u) * SKV)) + (naga_mod(v_59, 32u) * 4u), _e5094, mh);
                }
            }
            {
                uint v_60 = lid + 640u;
                {
                    metal::half4 _e5109 = vr.inner[10];
                    h_st4_((KV_AT + (naga_div(v_60, 32u) * SKV)) + (naga_mod(v_60, 32u) * 4u), _e5109, mh);
                }
            }
            {
                uint v_61 = lid + 704u;
                {
                    metal::half4 _e5124 = vr.inner[11];
                    h_st4_((KV_AT + (naga_div(v_61, 32u) * SKV)) + (naga_mod(v_61, 32u) * 4u), _e5124, mh);
                }
            }
            {
                uint v_62 = lid + 768u;
                {
                    metal::half4 _e5139 = vr.inner[12];
                    h_st4_((KV_AT + (naga_div(v_62, 32u) * SKV)) + (naga_mod(v_62, 32u) * 4u), _e5139, mh);
                }
            }
            {
                uint v_63 = lid + 832u;
                {
                    metal::half4 _e5154 = vr.inner[13];
                    h_st4_((KV_AT + (naga_div(v_63, 32u) * SKV)) + (naga_mod(v_63, 32u) * 4u), _e5154, mh);
                }
            }
            {
                uint v_64 = lid + 896u;
                {
                    metal::half4 _e5169 = vr.inner[14];
                    h_st4_((KV_AT + (naga_div(v_64, 32u) * SKV)) + (naga_mod(v_64, 32u) * 4u), _e5169, mh);
                }
            }
            {
                uint v_65 = lid + 960u;
                {
                    metal::half4 _e5184 = vr.inner[15];
                    h_st4_((KV_AT + (naga_div(v_65, 32u) * SKV)) + (naga_mod(v_65, 32u) * 4u), _e5184, mh);
                }
            }
            {
                uint v_66 = lid + 1024u;
                {
                    metal::half4 _e5199 = vr.inner[16];
                    h_st4_((KV_AT + (naga_div(v_66, 32u) * SKV)) + (naga_mod(v_66, 32u) * 4u), _e5199, mh);
                }
            }
            {
                uint v_67 = lid + 1088u;
                {
                    metal::half4 _e5214 = vr.inner[17];
                    h_st4_((KV_AT + (naga_div(v_67, 32u) * SKV)) + (naga_mod(v_67, 32u) * 4u), _e5214, mh);
                }
            }
            {
                uint v_68 = lid + 1152u;
                {
                    metal::half4 _e5229 = vr.inner[18];
                    h_st4_((KV_AT + (naga_div(v_68, 32u) * SKV)) + (naga_mod(v_68, 32u) * 4u), _e5229, mh);
                }
            }
            {
                uint v_69 = lid + 1216u;
                {
                    metal::half4 _e5244 = vr.inner[19];
                    h_st4_((KV_AT + (naga_div(v_69, 32u) * SKV)) + (naga_mod(v_69, 32u) * 4u), _e5244, mh);
                }
            }
            {
                uint v_70 = lid + 1280u;
                {
                    metal::half4 _e5259 = vr.inner[20];
                    h_st4_((KV_AT + (naga_div(v_70, 32u) * SKV)) + (naga_mod(v_70, 32u) * 4u), _e5259, mh);
                }
            }
            {
                uint v_71 = lid + 1344u;
                {
                    metal::half4 _e5274 = vr.inner[21];
                    h_st4_((KV_AT + (naga_div(v_71, 32u) * SKV)) + (naga_mod(v_71, 32u) * 4u), _e5274, mh);
                }
            }
            {
                uint v_72 = lid + 1408u;
                {
                    metal::half4 _e5289 = vr.inner[22];
                    h_st4_((KV_AT + (naga_div(v_72, 32u) * SKV)) + (naga_mod(v_72, 32u) * 4u), _e5289, mh);
                }
            }
            {
                uint v_73 = lid + 1472u;
                {
                    metal::half4 _e5304 = vr.inner[23];
                    h_st4_((KV_AT + (naga_div(v_73, 32u) * SKV)) + (naga_mod(v_73, 32u) * 4u), _e5304, mh);
                }
            }
            {
                uint v_74 = lid + 1536u;
                {
                    metal::half4 _e5319 = vr.inner[24];
                    h_st4_((KV_AT + (naga_div(v_74, 32u) * SKV)) + (naga_mod(v_74, 32u) * 4u), _e5319, mh);
                }
            }
            {
                uint v_75 = lid + 1600u;
                {
                    metal::half4 _e5334 = vr.inner[25];
                    h_st4_((KV_AT + (naga_div(v_75, 32u) * SKV)) + (naga_mod(v_75, 32u) * 4u), _e5334, mh);
                }
            }
            {
                uint v_76 = lid + 1664u;
                {
                    metal::half4 _e5349 = vr.inner[26];
                    h_st4_((KV_AT + (naga_div(v_76, 32u) * SKV)) + (naga_mod(v_76, 32u) * 4u), _e5349, mh);
                }
            }
            {
                uint v_77 = lid + 1728u;
                {
                    metal::half4 _e5364 = vr.inner[27];
                    h_st4_((KV_AT + (naga_div(v_77, 32u) * SKV)) + (naga_mod(v_77, 32u) * 4u), _e5364, mh);
                }
            }
            {
                uint v_78 = lid + 1792u;
                {
                    metal::half4 _e5379 = vr.inner[28];
                    h_st4_((KV_AT + (naga_div(v_78, 32u) * SKV)) + (naga_mod(v_78, 32u) * 4u), _e5379, mh);
                }
            }
            {
                uint v_79 = lid + 1856u;
                {
                    metal::half4 _e5394 = vr.inner[29];
                    h_st4_((KV_AT + (naga_div(v_79, 32u) * SKV)) + (naga_mod(v_79, 32u) * 4u), _e5394, mh);
                }
            }
            {
                uint v_80 = lid + 1920u;
                {
                    metal::half4 _e5409 = vr.inner[30];
                    h_st4_((KV_AT + (naga_div(v_80, 32u) * SKV)) + (naga_mod(v_80, 32u) * 4u), _e5409, mh);
                }
            }
            {
                uint v_81 = lid + 1984u;
                {
                    metal::half4 _e5424 = vr.inner[31];
                    h_st4_((KV_AT + (naga_div(v_81, 32u) * SKV)) + (naga_mod(v_81, 32u) * 4u), _e5424, mh);
                }
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            uint unnamed_2 = metal::atomic_load_explicit(&mrescale, metal::memory_order_relaxed);
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            if (lid == 0u) {
                metal::atomic_store_explicit(&mrescale, 0u, metal::memory_order_relaxed);
            }
            if (unnamed_2 != 0u) {
                CoopC _e5434 = o.inner[0];
                simdgroup_store(_e5434, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u);
                CoopC _e5449 = o.inner[1];
                simdgroup_store(_e5449, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u);
                CoopC _e5464 = o.inner[2];
                simdgroup_store(_e5464, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u);
                CoopC _e5479 = o.inner[3];
                simdgroup_store(_e5479, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u);
                CoopC _e5494 = o.inner[4];
                simdgroup_store(_e5494, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u);
                CoopC _e5509 = o.inner[5];
                simdgroup_store(_e5509, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u);
                CoopC _e5524 = o.inner[6];
                simdgroup_store(_e5524, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u);
                CoopC _e5539 = o.inner[7];
                simdgroup_store(_e5539, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u);
                CoopC _e5554 = o.inner[16];
                simdgroup_store(_e5554, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u);
                CoopC _e5569 = o.inner[17];
                simdgroup_store(_e5569, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u);
                CoopC _e5584 = o.inner[18];
                simdgroup_store(_e5584, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u);
                CoopC _e5599 = o.inner[19];
                simdgroup_store(_e5599, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u);
                CoopC _e5614 = o.inner[20];
                simdgroup_store(_e5614, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u);
                CoopC _e5629 = o.inner[21];
                simdgroup_store(_e5629, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u);
                CoopC _e5644 = o.inner[22];
                simdgroup_store(_e5644, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u);
                CoopC _e5659 = o.inner[23];
                simdgroup_store(_e5659, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u);
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                x_1 = lid;
                uint2 loop_bound_4 = uint2(4294967295u);
                bool loop_init_4 = true;
                while(true) {
                    if (metal::all(loop_bound_4 == uint2(0u))) { break; }
                    loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
                    if (!loop_init_4) {
                        uint _e5694 = x_1;
                        x_1 = _e5694 + NT;
                    }
                    loop_init_4 = false;
                    uint _e5674 = x_1;
                    if (_e5674 < 2048u) {
                    } else {
                        break;
                    }
                    {
                        uint _e5677 = x_1;
                        uint _e5682 = x_1;
                        uint at_5 = (naga_div(_e5677, MBK) * SS) + naga_mod(_e5682, MBK);
                        float _e5686 = s_ld(at_5, ms);
                        uint _e5688 = x_1;
                        float _e5692 = mrow.inner[naga_div(_e5688, MBK)];
                        s_st(at_5, _e5686 * _e5692, ms);
                    }
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                o.inner[0] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u, false);
                o.inner[1] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u, false);
                o.inner[2] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u, false);
                o.inner[3] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u, false);
                o.inner[4] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u, false);
                o.inner[5] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u, false);
                o.inner[6] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u, false);
                o.inner[7] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u, false);
                o.inner[16] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u, false);
                o.inner[17] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u, false);
                o.inner[18] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u, false);
                o.inner[19] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u, false);
                o.inner[20] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u, false);
                o.inner[21] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u, false);
                o.inner[22] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u, false);
                o.inner[23] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u, false);
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                CoopC _e5938 = o.inner[8];
                simdgroup_store(_e5938, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u);
                CoopC _e5953 = o.inner[9];
                simdgroup_store(_e5953, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u);
                CoopC _e5968 = o.inner[10];
                simdgroup_store(_e5968, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u);
                CoopC _e5983 = o.inner[11];
                simdgroup_store(_e5983, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u);
                CoopC _e5998 = o.inner[12];
                simdgroup_store(_e5998, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u);
                CoopC _e6013 = o.inner[13];
                simdgroup_store(_e6013, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u);
                CoopC _e6028 = o.inner[14];
                simdgroup_store(_e6028, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u);
                CoopC _e6043 = o.inner[15];
                simdgroup_store(_e6043, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u);
                CoopC _e6058 = o.inner[24];
                simdgroup_store(_e6058, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u);
                CoopC _e6073 = o.inner[25];
                simdgroup_store(_e6073, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u);
                CoopC _e6088 = o.inner[26];
                simdgroup_store(_e6088, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u);
                CoopC _e6103 = o.inner[27];
                simdgroup_store(_e6103, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u);
                CoopC _e6118 = o.inner[28];
                simdgroup_store(_e6118, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u);
                CoopC _e6133 = o.inner[29];
                simdgroup_store(_e6133, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u);
                CoopC _e6148 = o.inner[30];
                simdgroup_store(_e6148, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u);
                CoopC _e6163 = o.inner[31];
                simdgroup_store(_e6163, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u);
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                x_2 = lid;
                uint2 loop_bound_5 = uint2(4294967295u);
                bool loop_init_5 = true;
                while(true) {
                    if (metal::all(loop_bound_5 == uint2(0u))) { break; }
                    loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                    if (!loop_init_5) {
                        uint _e6198 = x_2;
                        x_2 = _e6198 + NT;
                    }
                    loop_init_5 = false;
                    uint _e6178 = x_2;
                    if (_e6178 < 2048u) {
                    } else {
                        break;
                    }
                    {
                        uint _e6181 = x_2;
                        uint _e6186 = x_2;
                        uint at_6 = (naga_div(_e6181, MBK) * SS) + naga_mod(_e6186, MBK);
                        float _e6190 = s_ld(at_6, ms);
                        uint _e6192 = x_2;
                        float _e6196 = mrow.inner[naga_div(_e6192, MBK)];
                        s_st(at_6, _e6190 * _e6196, ms);
                    }
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                o.inner[8] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u, false);
                o.inner[9] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u, false);
                o.inner[10] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u, false);
                o.inner[11] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u, false);
                o.inner[12] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u, false);
                o.inner[13] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u, false);
                o.inner[14] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u, false);
                o.inner[15] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u, false);
                o.inner[24] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u, false);
                o.inner[25] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u, false);
                o.inner[26] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u, false);
                o.inner[27] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u, false);
                o.inner[28] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u, false);
                o.inner[29] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u, false);
                o.inner[30] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u, false);
                o.inner[31] = NagaCooperativeLoad(&ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u, false);
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            }
            {
                metal::simdgroup_half8x8 pa = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 0u, HV)], 72u, false);
                CoopC _e6463 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[0], 136u, false), _e6463);
                CoopC _e6471 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[8], 136u, false), _e6471);
                CoopC _e6479 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[16], 136u, false), _e6479);
                CoopC _e6487 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[24], 136u, false), _e6487);
                CoopC _e6495 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[32], 136u, false), _e6495);
                CoopC _e6503 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[40], 136u, false), _e6503);
                CoopC _e6511 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[48], 136u, false), _e6511);
                CoopC _e6519 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[56], 136u, false), _e6519);
                CoopC _e6527 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[64], 136u, false), _e6527);
                CoopC _e6535 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[72], 136u, false), _e6535);
                CoopC _e6543 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[80], 136u, false), _e6543);
                CoopC _e6551 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[88], 136u, false), _e6551);
                CoopC _e6559 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[96], 136u, false), _e6559);
                CoopC _e6567 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[104], 136u, false), _e6567);
                CoopC _e6575 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[112], 136u, false), _e6575);
                CoopC _e6583 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&mh.inner[120], 136u, false), _e6583);
            }
            {
                metal::simdgroup_half8x8 pa_1 = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 0u, HV)], 72u, false);
                CoopC _e6607 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[0], 136u, false), _e6607);
                CoopC _e6615 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[8], 136u, false), _e6615);
                CoopC _e6623 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[16], 136u, false), _e6623);
                CoopC _e6631 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[24], 136u, false), _e6631);
                CoopC _e6639 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[32], 136u, false), _e6639);
                CoopC _e6647 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[40], 136u, false), _e6647);
                CoopC _e6655 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[48], 136u, false), _e6655);
                CoopC _e6663 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[56], 136u, false), _e6663);
                CoopC _e6671 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[64], 136u, false), _e6671);
                CoopC _e6679 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[72], 136u, false), _e6679);
                CoopC _e6687 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[80], 136u, false), _e6687);
                CoopC _e6695 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[88], 136u, false), _e6695);
                CoopC _e6703 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[96], 136u, false), _e6703);
                CoopC _e6711 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[104], 136u, false), _e6711);
                CoopC _e6719 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[112], 136u, false), _e6719);
                CoopC _e6727 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&mh.inner[120], 136u, false), _e6727);
            }
            {
                metal::simdgroup_half8x8 pa_2 = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 8u, HV)], 72u, false);
                CoopC _e6751 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1088], 136u, false), _e6751);
                CoopC _e6759 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1096], 136u, false), _e6759);
                CoopC _e6767 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1104], 136u, false), _e6767);
                CoopC _e6775 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1112], 136u, false), _e6775);
                CoopC _e6783 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1120], 136u, false), _e6783);
                CoopC _e6791 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1128], 136u, false), _e6791);
                CoopC _e6799 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1136], 136u, false), _e6799);
                CoopC _e6807 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1144], 136u, false), _e6807);
                CoopC _e6815 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1152], 136u, false), _e6815);
                CoopC _e6823 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1160], 136u, false), _e6823);
                CoopC _e6831 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1168], 136u, false), _e6831);
                CoopC _e6839 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1176], 136u, false), _e6839);
                CoopC _e6847 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1184], 136u, false), _e6847);
                CoopC _e6855 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1192], 136u, false), _e6855);
                CoopC _e6863 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1200], 136u, false), _e6863);
                CoopC _e6871 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&mh.inner[1208], 136u, false), _e6871);
            }
            {
                metal::simdgroup_half8x8 pa_3 = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 8u, HV)], 72u, false);
                CoopC _e6895 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1088], 136u, false), _e6895);
                CoopC _e6903 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1096], 136u, false), _e6903);
                CoopC _e6911 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1104], 136u, false), _e6911);
                CoopC _e6919 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1112], 136u, false), _e6919);
                CoopC _e6927 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1120], 136u, false), _e6927);
                CoopC _e6935 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1128], 136u, false), _e6935);
                CoopC _e6943 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1136], 136u, false), _e6943);
                CoopC _e6951 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1144], 136u, false), _e6951);
                CoopC _e6959 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1152], 136u, false), _e6959);
                CoopC _e6967 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1160], 136u, false), _e6967);
                CoopC _e6975 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1168], 136u, false), _e6975);
                CoopC _e6983 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1176], 136u, false), _e6983);
                CoopC _e6991 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1184], 136u, false), _e6991);
                CoopC _e6999 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1192], 136u, false), _e6999);
                CoopC _e7007 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1200], 136u, false), _e7007);
                CoopC _e7015 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&mh.inner[1208], 136u, false), _e7015);
            }
            {
                metal::simdgroup_half8x8 pa_4 = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 16u, HV)], 72u, false);
                CoopC _e7039 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2176], 136u, false), _e7039);
                CoopC _e7047 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2184], 136u, false), _e7047);
                CoopC _e7055 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2192], 136u, false), _e7055);
                CoopC _e7063 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2200], 136u, false), _e7063);
                CoopC _e7071 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2208], 136u, false), _e7071);
                CoopC _e7079 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2216], 136u, false), _e7079);
                CoopC _e7087 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2224], 136u, false), _e7087);
                CoopC _e7095 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2232], 136u, false), _e7095);
                CoopC _e7103 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2240], 136u, false), _e7103);
                CoopC _e7111 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2248], 136u, false), _e7111);
                CoopC _e7119 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2256], 136u, false), _e7119);
                CoopC _e7127 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2264], 136u, false), _e7127);
                CoopC _e7135 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2272], 136u, false), _e7135);
                CoopC _e7143 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2280], 136u, false), _e7143);
                CoopC _e7151 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2288], 136u, false), _e7151);
                CoopC _e7159 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&mh.inner[2296], 136u, false), _e7159);
            }
            {
                metal::simdgroup_half8x8 pa_5 = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 16u, HV)], 72u, false);
                CoopC _e7183 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2176], 136u, false), _e7183);
                CoopC _e7191 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2184], 136u, false), _e7191);
                CoopC _e7199 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2192], 136u, false), _e7199);
                CoopC _e7207 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2200], 136u, false), _e7207);
                CoopC _e7215 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2208], 136u, false), _e7215);
                CoopC _e7223 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2216], 136u, false), _e7223);
                CoopC _e7231 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2224], 136u, false), _e7231);
                CoopC _e7239 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2232], 136u, false), _e7239);
                CoopC _e7247 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2240], 136u, false), _e7247);
                CoopC _e7255 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2248], 136u, false), _e7255);
                CoopC _e7263 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2256], 136u, false), _e7263);
                CoopC _e7271 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2264], 136u, false), _e7271);
                CoopC _e7279 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2272], 136u, false), _e7279);
                CoopC _e7287 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2280], 136u, false), _e7287);
                CoopC _e7295 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2288], 136u, false), _e7295);
                CoopC _e7303 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&mh.inner[2296], 136u, false), _e7303);
            }
            {
                metal::simdgroup_half8x8 pa_6 = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 24u, HV)], 72u, false);
                CoopC _e7327 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3264], 136u, false), _e7327);
                CoopC _e7335 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3272], 136u, false), _e7335);
                CoopC _e7343 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3280], 136u, false), _e7343);
                CoopC _e7351 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3288], 136u, false), _e7351);
                CoopC _e7359 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3296], 136u, false), _e7359);
                CoopC _e7367 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3304], 136u, false), _e7367);
                CoopC _e7375 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3312], 136u, false), _e7375);
                CoopC _e7383 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3320], 136u, false), _e7383);
                CoopC _e7391 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3328], 136u, false), _e7391);
                CoopC _e7399 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3336], 136u, false), _e7399);
                CoopC _e7407 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3344], 136u, false), _e7407);
                CoopC _e7415 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3352], 136u, false), _e7415);
                CoopC _e7423 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3360], 136u, false), _e7423);
                CoopC _e7431 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3368], 136u, false), _e7431);
                CoopC _e7439 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3376], 136u, false), _e7439);
                CoopC _e7447 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&mh.inner[3384], 136u, false), _e7447);
            }
            {
                metal::simdgroup_half8x8 pa_7 = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 24u, HV)], 72u, false);
                CoopC _e7471 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3264], 136u, false), _e7471);
                CoopC _e7479 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3272], 136u, false), _e7479);
                CoopC _e7487 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3280], 136u, false), _e7487);
                CoopC _e7495 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3288], 136u, false), _e7495);
                CoopC _e7503 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3296], 136u, false), _e7503);
                CoopC _e7511 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3304], 136u, false), _e7511);
                CoopC _e7519 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3312], 136u, false), _e7519);
                CoopC _e7527 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3320], 136u, false), _e7527);
                CoopC _e7535 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3328], 136u, false), _e7535);
                CoopC _e7543 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3336], 136u, false), _e7543);
                CoopC _e7551 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3344], 136u, false), _e7551);
                CoopC _e7559 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3352], 136u, false), _e7559);
                CoopC _e7567 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3360], 136u, false), _e7567);
                CoopC _e7575 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3368], 136u, false), _e7575);
                CoopC _e7583 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3376], 136u, false), _e7583);
                CoopC _e7591 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&mh.inner[3384], 136u, false), _e7591);
            }
            {
                metal::simdgroup_half8x8 pa_8 = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 32u, HV)], 72u, false);
                CoopC _e7615 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4352], 136u, false), _e7615);
                CoopC _e7623 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4360], 136u, false), _e7623);
                CoopC _e7631 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4368], 136u, false), _e7631);
                CoopC _e7639 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4376], 136u, false), _e7639);
                CoopC _e7647 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4384], 136u, false), _e7647);
                CoopC _e7655 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4392], 136u, false), _e7655);
                CoopC _e7663 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4400], 136u, false), _e7663);
                CoopC _e7671 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4408], 136u, false), _e7671);
                CoopC _e7679 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4416], 136u, false), _e7679);
                CoopC _e7687 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4424], 136u, false), _e7687);
                CoopC _e7695 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4432], 136u, false), _e7695);
                CoopC _e7703 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4440], 136u, false), _e7703);
                CoopC _e7711 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4448], 136u, false), _e7711);
                CoopC _e7719 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4456], 136u, false), _e7719);
                CoopC _e7727 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4464], 136u, false), _e7727);
                CoopC _e7735 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&mh.inner[4472], 136u, false), _e7735);
            }
            {
                metal::simdgroup_half8x8 pa_9 = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 32u, HV)], 72u, false);
                CoopC _e7759 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4352], 136u, false), _e7759);
                CoopC _e7767 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4360], 136u, false), _e7767);
                CoopC _e7775 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4368], 136u, false), _e7775);
                CoopC _e7783 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4376], 136u, false), _e7783);
                CoopC _e7791 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4384], 136u, false), _e7791);
                CoopC _e7799 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4392], 136u, false), _e7799);
                CoopC _e7807 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4400], 136u, false), _e7807);
                CoopC _e7815 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4408], 136u, false), _e7815);
                CoopC _e7823 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4416], 136u, false), _e7823);
                CoopC _e7831 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4424], 136u, false), _e7831);
                CoopC _e7839 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4432], 136u, false), _e7839);
                CoopC _e7847 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4440], 136u, false), _e7847);
                CoopC _e7855 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4448], 136u, false), _e7855);
                CoopC _e7863 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4456], 136u, false), _e7863);
                CoopC _e7871 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4464], 136u, false), _e7871);
                CoopC _e7879 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&mh.inner[4472], 136u, false), _e7879);
            }
            {
                metal::simdgroup_half8x8 pa_10 = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 40u, HV)], 72u, false);
                CoopC _e7903 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5440], 136u, false), _e7903);
                CoopC _e7911 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5448], 136u, false), _e7911);
                CoopC _e7919 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5456], 136u, false), _e7919);
                CoopC _e7927 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5464], 136u, false), _e7927);
                CoopC _e7935 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5472], 136u, false), _e7935);
                CoopC _e7943 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5480], 136u, false), _e7943);
                CoopC _e7951 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5488], 136u, false), _e7951);
                CoopC _e7959 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5496], 136u, false), _e7959);
                CoopC _e7967 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5504], 136u, false), _e7967);
                CoopC _e7975 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5512], 136u, false), _e7975);
                CoopC _e7983 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5520], 136u, false), _e7983);
                CoopC _e7991 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5528], 136u, false), _e7991);
                CoopC _e7999 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5536], 136u, false), _e7999);
                CoopC _e8007 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5544], 136u, false), _e8007);
                CoopC _e8015 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5552], 136u, false), _e8015);
                CoopC _e8023 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&mh.inner[5560], 136u, false), _e8023);
            }
            {
                metal::simdgroup_half8x8 pa_11 = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 40u, HV)], 72u, false);
                CoopC _e8047 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5440], 136u, false), _e8047);
                CoopC _e8055 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5448], 136u, false), _e8055);
                CoopC _e8063 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5456], 136u, false), _e8063);
                CoopC _e8071 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5464], 136u, false), _e8071);
                CoopC _e8079 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5472], 136u, false), _e8079);
                CoopC _e8087 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5480], 136u, false), _e8087);
                CoopC _e8095 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5488], 136u, false), _e8095);
                CoopC _e8103 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5496], 136u, false), _e8103);
                CoopC _e8111 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5504], 136u, false), _e8111);
                CoopC _e8119 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5512], 136u, false), _e8119);
                CoopC _e8127 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5520], 136u, false), _e8127);
                CoopC _e8135 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5528], 136u, false), _e8135);
                CoopC _e8143 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5536], 136u, false), _e8143);
                CoopC _e8151 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5544], 136u, false), _e8151);
                CoopC _e8159 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5552], 136u, false), _e8159);
                CoopC _e8167 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&mh.inner[5560], 136u, false), _e8167);
            }
            {
                metal::simdgroup_half8x8 pa_12 = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 48u, HV)], 72u, false);
                CoopC _e8191 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6528], 136u, false), _e8191);
                CoopC _e8199 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6536], 136u, false), _e8199);
                CoopC _e8207 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6544], 136u, false), _e8207);
                CoopC _e8215 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6552], 136u, false), _e8215);
                CoopC _e8223 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6560], 136u, false), _e8223);
                CoopC _e8231 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6568], 136u, false), _e8231);
                CoopC _e8239 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6576], 136u, false), _e8239);
                CoopC _e8247 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6584], 136u, false), _e8247);
                CoopC _e8255 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6592], 136u, false), _e8255);
                CoopC _e8263 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6600], 136u, false), _e8263);
                CoopC _e8271 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6608], 136u, false), _e8271);
                CoopC _e8279 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6616], 136u, false), _e8279);
                CoopC _e8287 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6624], 136u, false), _e8287);
                CoopC _e8295 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6632], 136u, false), _e8295);
                CoopC _e8303 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6640], 136u, false), _e8303);
                CoopC _e8311 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&mh.inner[6648], 136u, false), _e8311);
            }
            {
                metal::simdgroup_half8x8 pa_13 = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 48u, HV)], 72u, false);
                CoopC _e8335 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6528], 136u, false), _e8335);
                CoopC _e8343 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6536], 136u, false), _e8343);
                CoopC _e8351 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6544], 136u, false), _e8351);
                CoopC _e8359 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6552], 136u, false), _e8359);
                CoopC _e8367 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6560], 136u, false), _e8367);
                CoopC _e8375 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6568], 136u, false), _e8375);
                CoopC _e8383 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6576], 136u, false), _e8383);
                CoopC _e8391 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6584], 136u, false), _e8391);
                CoopC _e8399 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6592], 136u, false), _e8399);
                CoopC _e8407 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6600], 136u, false), _e8407);
                CoopC _e8415 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6608], 136u, false), _e8415);
                CoopC _e8423 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6616], 136u, false), _e8423);
                CoopC _e8431 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6624], 136u, false), _e8431);
                CoopC _e8439 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6632], 136u, false), _e8439);
                CoopC _e8447 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6640], 136u, false), _e8447);
                CoopC _e8455 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&mh.inner[6648], 136u, false), _e8455);
            }
            {
                metal::simdgroup_half8x8 pa_14 = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 56u, HV)], 72u, false);
                CoopC _e8479 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7616], 136u, false), _e8479);
                CoopC _e8487 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7624], 136u, false), _e8487);
                CoopC _e8495 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7632], 136u, false), _e8495);
                CoopC _e8503 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7640], 136u, false), _e8503);
                CoopC _e8511 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7648], 136u, false), _e8511);
                CoopC _e8519 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7656], 136u, false), _e8519);
                CoopC _e8527 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7664], 136u, false), _e8527);
                CoopC _e8535 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7672], 136u, false), _e8535);
                CoopC _e8543 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7680], 136u, false), _e8543);
                CoopC _e8551 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7688], 136u, false), _e8551);
                CoopC _e8559 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7696], 136u, false), _e8559);
                CoopC _e8567 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7704], 136u, false), _e8567);
                CoopC _e8575 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7712], 136u, false), _e8575);
                CoopC _e8583 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7720], 136u, false), _e8583);
                CoopC _e8591 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7728], 136u, false), _e8591);
                CoopC _e8599 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&mh.inner[7736], 136u, false), _e8599);
            }
            {
                metal::simdgroup_half8x8 pa_15 = NagaCooperativeLoad(&mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 56u, HV)], 72u, false);
                CoopC _e8623 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7616], 136u, false), _e8623);
                CoopC _e8631 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7624], 136u, false), _e8631);
                CoopC _e8639 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7632], 136u, false), _e8639);
                CoopC _e8647 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7640], 136u, false), _e8647);
                CoopC _e8655 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7648], 136u, false), _e8655);
                CoopC _e8663 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7656], 136u, false), _e8663);
                CoopC _e8671 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7664], 136u, false), _e8671);
                CoopC _e8679 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7672], 136u, false), _e8679);
                CoopC _e8687 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7680], 136u, false), _e8687);
                CoopC _e8695 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7688], 136u, false), _e8695);
                CoopC _e8703 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7696], 136u, false), _e8703);
                CoopC _e8711 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7704], 136u, false), _e8711);
                CoopC _e8719 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7712], 136u, false), _e8719);
                CoopC _e8727 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7720], 136u, false), _e8727);
                CoopC _e8735 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7728], 136u, false), _e8735);
                CoopC _e8743 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&mh.inner[7736], 136u, false), _e8743);
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
        }
    }
    float _e8748 = l_part;
    float _e8749 = l_part;
    float unnamed_3 = metal::simd_shuffle_xor(_e8749, 1u);
    float l_row = _e8748 + unnamed_3;
    if (part == 0u) {
        float _e8756 = m_run;
        float _e8759 = m_run;
        m = (_e8759 > MASKED) ? (_e8756 * LN2_) : MASKED;
        l = l_row;
        uint _e8769 = P.has_sinks;
        if (_e8769 != 0u) {
            float _e8772 = sink_of(h_6, P, aux_buf, _buffer_sizes);
            float _e8773 = m;
            float m_fin = metal::max(_e8773, _e8772);
            float _e8775 = m;
            float _e8778 = m;
            float shift = (_e8778 > MASKED) ? metal::exp(_e8775 - m_fin) : 0.0;
            float _e8783 = l;
            l = (_e8783 * shift) + metal::exp(_e8772 - m_fin);
            scale_o = shift;
            m = m_fin;
        }
        float _e8792 = l;
        if (_e8792 > 0.0) {
            float _e8795 = m;
            float _e8796 = l;
            lse = _e8795 + metal::log(_e8796);
            float _e8799 = scale_o;
            float _e8800 = l;
            factor = _e8799 / _e8800;
        }
        float _e8804 = factor;
        mrow.inner[er] = _e8804;
        uint _e8807 = P.seq_q;
        if (ei < _e8807) {
            uint _e8812 = P.lse_at;
            uint _e8815 = P.heads_q;
            uint _e8820 = P.seq_q;
            float _e8825 = lse;
            out_buf[(_e8812 + (((b_4 * _e8815) + h_6) * _e8820)) + ei] = _e8825;
        }
    }
    CoopC _e8827 = o.inner[0];
    simdgroup_store(_e8827, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u);
    CoopC _e8842 = o.inner[1];
    simdgroup_store(_e8842, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u);
    CoopC _e8857 = o.inner[2];
    simdgroup_store(_e8857, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u);
    CoopC _e8872 = o.inner[3];
    simdgroup_store(_e8872, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u);
    CoopC _e8887 = o.inner[4];
    simdgroup_store(_e8887, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u);
    CoopC _e8902 = o.inner[5];
    simdgroup_store(_e8902, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u);
    CoopC _e8917 = o.inner[6];
    simdgroup_store(_e8917, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u);
    CoopC _e8932 = o.inner[7];
    simdgroup_store(_e8932, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u);
    CoopC _e8947 = o.inner[16];
    simdgroup_store(_e8947, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u);
    CoopC _e8962 = o.inner[17];
    simdgroup_store(_e8962, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u);
    CoopC _e8977 = o.inner[18];
    simdgroup_store(_e8977, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u);
    CoopC _e8992 = o.inner[19];
    simdgroup_store(_e8992, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u);
    CoopC _e9007 = o.inner[20];
    simdgroup_store(_e9007, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u);
    CoopC _e9022 = o.inner[21];
    simdgroup_store(_e9022, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u);
    CoopC _e9037 = o.inner[22];
    simdgroup_store(_e9037, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u);
    CoopC _e9052 = o.inner[23];
    simdgroup_store(_e9052, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_3 = lid;
    uint2 loop_bound_6 = uint2(4294967295u);
    bool loop_init_6 = true;
    while(true) {
        if (metal::all(loop_bound_6 == uint2(0u))) { break; }
        loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
        if (!loop_init_6) {
            uint _e9119 = x_3;
            x_3 = _e9119 + NT;
        }
        loop_init_6 = false;
        uint _e9067 = x_3;
        if (_e9067 < 2048u) {
        } else {
            break;
        }
        {
            uint _e9070 = x_3;
            uint r_1 = naga_div(_e9070, MBK);
            uint _e9074 = x_3;
            uint c = 0u + naga_mod(_e9074, MBK);
            uint i_4 = i0_ + r_1;
            uint _e9081 = P.seq_q;
            if (i_4 < _e9081) {
                uint _e9087 = P.head_dim_v;
                local_12 = c < _e9087;
            } else {
                local_12 = false;
            }
            bool _e9090 = local_12;
            if (_e9090) {
                uint _e9094 = P.heads_q;
                uint _e9099 = P.seq_q;
                uint _e9104 = P.head_dim_v;
                uint _e9110 = x_3;
                float _e9114 = s_ld((r_1 * SS) + naga_mod(_e9110, MBK), ms);
                float _e9117 = mrow.inner[r_1];
                out_buf[(((((b_4 * _e9094) + h_6) * _e9099) + i_4) * _e9104) + c] = _e9114 * _e9117;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e9123 = o.inner[8];
    simdgroup_store(_e9123, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u);
    CoopC _e9138 = o.inner[9];
    simdgroup_store(_e9138, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u);
    CoopC _e9153 = o.inner[10];
    simdgroup_store(_e9153, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u);
    CoopC _e9168 = o.inner[11];
    simdgroup_store(_e9168, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u);
    CoopC _e9183 = o.inner[12];
    simdgroup_store(_e9183, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u);
    CoopC _e9198 = o.inner[13];
    simdgroup_store(_e9198, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u);
    CoopC _e9213 = o.inner[14];
    simdgroup_store(_e9213, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u);
    CoopC _e9228 = o.inner[15];
    simdgroup_store(_e9228, &ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u);
    CoopC _e9243 = o.inner[24];
    simdgroup_store(_e9243, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u);
    CoopC _e9258 = o.inner[25];
    simdgroup_store(_e9258, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u);
    CoopC _e9273 = o.inner[26];
    simdgroup_store(_e9273, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u);
    CoopC _e9288 = o.inner[27];
    simdgroup_store(_e9288, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u);
    CoopC _e9303 = o.inner[28];
    simdgroup_store(_e9303, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u);
    CoopC _e9318 = o.inner[29];
    simdgroup_store(_e9318, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u);
    CoopC _e9333 = o.inner[30];
    simdgroup_store(_e9333, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u);
    CoopC _e9348 = o.inner[31];
    simdgroup_store(_e9348, &ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_4 = lid;
    uint2 loop_bound_7 = uint2(4294967295u);
    bool loop_init_7 = true;
    while(true) {
        if (metal::all(loop_bound_7 == uint2(0u))) { break; }
        loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
        if (!loop_init_7) {
            uint _e9415 = x_4;
            x_4 = _e9415 + NT;
        }
        loop_init_7 = false;
        uint _e9363 = x_4;
        if (_e9363 < 2048u) {
        } else {
            break;
        }
        {
            uint _e9366 = x_4;
            uint r_2 = naga_div(_e9366, MBK);
            uint _e9370 = x_4;
            uint c_1 = 64u + naga_mod(_e9370, MBK);
            uint i_5 = i0_ + r_2;
            uint _e9377 = P.seq_q;
            if (i_5 < _e9377) {
                uint _e9383 = P.head_dim_v;
                local_13 = c_1 < _e9383;
            } else {
                local_13 = false;
            }
            bool _e9386 = local_13;
            if (_e9386) {
                uint _e9390 = P.heads_q;
                uint _e9395 = P.seq_q;
                uint _e9400 = P.head_dim_v;
                uint _e9406 = x_4;
                float _e9410 = s_ld((r_2 * SS) + naga_mod(_e9406, MBK), ms);
                float _e9413 = mrow.inner[r_2];
                out_buf[(((((b_4 * _e9390) + h_6) * _e9395) + i_5) * _e9400) + c_1] = _e9410 * _e9413;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    return;
}
