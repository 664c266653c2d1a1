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
struct Shared {
    type_10 mh;
    type_11 ms;
    type_12 mzero;
    type_13 mrow;
    metal::atomic_uint mlive_flag;
    uint mlive;
    metal::atomic_uint mrescale;
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
constant uint NT = 64u;
constant uint HV = 1u;
constant uint MBQ = 32u;
constant uint MBK = 64u;
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
    bool local_11 = {};
    bool local_12 = {};
    bool local_13 = {};
    bool read_bool = {};
    uint _e6 = P.seq_q;
    if (!((i_1 >= _e6))) {
        uint _e13 = P.seq_kv;
        local_11 = j_1 >= _e13;
    } else {
        local_11 = true;
    }
    bool _e16 = local_11;
    if (_e16) {
        return false;
    }
    int d = as_type<int>(as_type<uint>(static_cast<int>(j_1)) - as_type<uint>(static_cast<int>(i_1)));
    int _e23 = P.has_band_lo;
    if (_e23 != 0) {
        int _e30 = P.band_lo;
        local_12 = d < _e30;
    } else {
        local_12 = false;
    }
    bool _e33 = local_12;
    if (_e33) {
        return false;
    }
    int _e37 = P.has_band_hi;
    if (_e37 != 0) {
        int _e44 = P.band_hi;
        local_13 = d > _e44;
    } else {
        local_13 = false;
    }
    bool _e47 = local_13;
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

bool plain_scores(
    constant Params& P
) {
    bool local_14 = {};
    bool local_15 = {};
    bool local_16 = {};
    int _e2 = P.mask_kind;
    if (_e2 == MASK_NONE) {
        int _e9 = P.has_blocks;
        local_14 = _e9 == 0;
    } else {
        local_14 = false;
    }
    bool _e13 = local_14;
    if (_e13) {
        uint _e18 = P.has_alibi;
        local_15 = _e18 == 0u;
    } else {
        local_15 = false;
    }
    bool _e22 = local_15;
    if (_e22) {
        float _e27 = P.softcap;
        local_16 = _e27 == 0.0;
    } else {
        local_16 = false;
    }
    bool _e31 = local_16;
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
    HT _e4 = wg.mh.inner[at_1];
    return _e4;
}

metal::float4 s_ld4_(
    uint at_2,
    threadgroup Shared& wg
) {
    ST _e4 = wg.ms.inner[at_2];
    ST _e10 = wg.ms.inner[at_2 + 1u];
    ST _e16 = wg.ms.inner[at_2 + 2u];
    ST _e22 = wg.ms.inner[at_2 + 3u];
    return metal::float4(_e4, _e10, _e16, _e22);
}

float s_ld(
    uint at_3,
    threadgroup Shared& wg
) {
    ST _e4 = wg.ms.inner[at_3];
    return _e4;
}

void s_st(
    uint at_4,
    float v_1,
    threadgroup Shared& wg
) {
    wg.ms.inner[at_4] = v_1;
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
, threadgroup Shared& wg
, constant _mslBufferSizes& _buffer_sizes [[user(fake0)]]
) {
    if (lid == 0u) {
        wg.mh = {};
        wg.ms = {};
        wg.mzero = {};
        wg.mrow = {};
        metal::atomic_store_explicit(&wg.mlive_flag, 0, metal::memory_order_relaxed);
        wg.mlive = {};
        metal::atomic_store_explicit(&wg.mrescale, 0, metal::memory_order_relaxed);
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    int k_begin = 0;
    int k_end = {};
    bool local = {};
    uint x = {};
    type_17 qa = {};
    type_18 o = {};
    float m_run = MASKED;
    float l_part = 0.0;
    int k0_ = {};
    bool any = {};
    uint e = {};
    bool local_1 = {};
    type_19 sa = {};
    type_20 vr = {};
    bool local_2 = {};
    bool local_3 = {};
    bool local_4 = {};
    bool local_5 = {};
    bool local_6 = {};
    float mx = {};
    type_21 xs = {};
    float alpha = {};
    bool moved = {};
    bool local_7 = {};
    bool local_8 = {};
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
    bool local_9 = {};
    uint x_4 = {};
    bool local_10 = {};
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
    bool _e74 = plain_scores(P);
    float _e77 = P.scale;
    float scale2_ = _e77 * LOG2E;
    uint _e82 = P.heads_q;
    uint _e85 = m_q_row((b_4 * _e82) + h_6, i0_, P);
    {
        uint v_2 = lid + 0u;
        {
            metal::half4 _e102 = h_buf[_e85 + v_2];
            h_st4_((Q_AT + (naga_div(v_2, 32u) * SQ)) + (naga_mod(v_2, 32u) * 4u), _e102, wg);
        }
    }
    {
        uint v_3 = lid + 64u;
        {
            metal::half4 _e119 = h_buf[_e85 + v_3];
            h_st4_((Q_AT + (naga_div(v_3, 32u) * SQ)) + (naga_mod(v_3, 32u) * 4u), _e119, wg);
        }
    }
    {
        uint v_4 = lid + 128u;
        {
            metal::half4 _e136 = h_buf[_e85 + v_4];
            h_st4_((Q_AT + (naga_div(v_4, 32u) * SQ)) + (naga_mod(v_4, 32u) * 4u), _e136, wg);
        }
    }
    {
        uint v_5 = lid + 192u;
        {
            metal::half4 _e153 = h_buf[_e85 + v_5];
            h_st4_((Q_AT + (naga_div(v_5, 32u) * SQ)) + (naga_mod(v_5, 32u) * 4u), _e153, wg);
        }
    }
    {
        uint v_6 = lid + 256u;
        {
            metal::half4 _e170 = h_buf[_e85 + v_6];
            h_st4_((Q_AT + (naga_div(v_6, 32u) * SQ)) + (naga_mod(v_6, 32u) * 4u), _e170, wg);
        }
    }
    {
        uint v_7 = lid + 320u;
        {
            metal::half4 _e187 = h_buf[_e85 + v_7];
            h_st4_((Q_AT + (naga_div(v_7, 32u) * SQ)) + (naga_mod(v_7, 32u) * 4u), _e187, wg);
        }
    }
    {
        uint v_8 = lid + 384u;
        {
            metal::half4 _e204 = h_buf[_e85 + v_8];
            h_st4_((Q_AT + (naga_div(v_8, 32u) * SQ)) + (naga_mod(v_8, 32u) * 4u), _e204, wg);
        }
    }
    {
        uint v_9 = lid + 448u;
        {
            metal::half4 _e221 = h_buf[_e85 + v_9];
            h_st4_((Q_AT + (naga_div(v_9, 32u) * SQ)) + (naga_mod(v_9, 32u) * 4u), _e221, wg);
        }
    }
    {
        uint v_10 = lid + 512u;
        {
            metal::half4 _e238 = h_buf[_e85 + v_10];
            h_st4_((Q_AT + (naga_div(v_10, 32u) * SQ)) + (naga_mod(v_10, 32u) * 4u), _e238, wg);
        }
    }
    {
        uint v_11 = lid + 576u;
        {
            metal::half4 _e255 = h_buf[_e85 + v_11];
            h_st4_((Q_AT + (naga_div(v_11, 32u) * SQ)) + (naga_mod(v_11, 32u) * 4u), _e255, wg);
        }
    }
    {
        uint v_12 = lid + 640u;
        {
            metal::half4 _e272 = h_buf[_e85 + v_12];
            h_st4_((Q_AT + (naga_div(v_12, 32u) * SQ)) + (naga_mod(v_12, 32u) * 4u), _e272, wg);
        }
    }
    {
        uint v_13 = lid + 704u;
        {
            metal::half4 _e289 = h_buf[_e85 + v_13];
            h_st4_((Q_AT + (naga_div(v_13, 32u) * SQ)) + (naga_mod(v_13, 32u) * 4u), _e289, wg);
        }
    }
    {
        uint v_14 = lid + 768u;
        {
            metal::half4 _e306 = h_buf[_e85 + v_14];
            h_st4_((Q_AT + (naga_div(v_14, 32u) * SQ)) + (naga_mod(v_14, 32u) * 4u), _e306, wg);
        }
    }
    {
        uint v_15 = lid + 832u;
        {
            metal::half4 _e323 = h_buf[_e85 + v_15];
            h_st4_((Q_AT + (naga_div(v_15, 32u) * SQ)) + (naga_mod(v_15, 32u) * 4u), _e323, wg);
        }
    }
    {
        uint v_16 = lid + 896u;
        {
            metal::half4 _e340 = h_buf[_e85 + v_16];
            h_st4_((Q_AT + (naga_div(v_16, 32u) * SQ)) + (naga_mod(v_16, 32u) * 4u), _e340, wg);
        }
    }
    {
        uint v_17 = lid + 960u;
        {
            metal::half4 _e357 = h_buf[_e85 + v_17];
            h_st4_((Q_AT + (naga_div(v_17, 32u) * SQ)) + (naga_mod(v_17, 32u) * 4u), _e357, wg);
        }
    }
    x = lid;
    uint2 loop_bound_1 = uint2(4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (metal::all(loop_bound_1 == uint2(0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e367 = x;
            x = _e367 + NT;
        }
        loop_init_1 = false;
        uint _e359 = x;
        if (_e359 < 64u) {
        } else {
            break;
        }
        {
            uint _e364 = x;
            wg.mzero.inner[_e364] = 0.0;
        }
    }
    if (lid == 0u) {
        metal::atomic_store_explicit(&wg.mlive_flag, 0u, metal::memory_order_relaxed);
        metal::atomic_store_explicit(&wg.mrescale, 0u, metal::memory_order_relaxed);
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    metal::simdgroup_float8x8 zero = NagaCooperativeLoad(&wg.mzero.inner[0], CM, false);
    qa.inner[0] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 0u, HV)], 136u, false);
    qa.inner[1] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 8u, HV)], 136u, false);
    qa.inner[2] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 16u, HV)], 136u, false);
    qa.inner[3] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 24u, HV)], 136u, false);
    qa.inner[4] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 32u, HV)], 136u, false);
    qa.inner[5] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 40u, HV)], 136u, false);
    qa.inner[6] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 48u, HV)], 136u, false);
    qa.inner[7] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 56u, HV)], 136u, false);
    qa.inner[8] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 64u, HV)], 136u, false);
    qa.inner[9] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 72u, HV)], 136u, false);
    qa.inner[10] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 80u, HV)], 136u, false);
    qa.inner[11] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 88u, HV)], 136u, false);
    qa.inner[12] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 96u, HV)], 136u, false);
    qa.inner[13] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 104u, HV)], 136u, false);
    qa.inner[14] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 112u, HV)], 136u, false);
    qa.inner[15] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 0u) * SQ)) + 120u, HV)], 136u, false);
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
    qa.inner[16] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 0u, HV)], 136u, false);
    qa.inner[17] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 8u, HV)], 136u, false);
    qa.inner[18] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 16u, HV)], 136u, false);
    qa.inner[19] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 24u, HV)], 136u, false);
    qa.inner[20] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 32u, HV)], 136u, false);
    qa.inner[21] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 40u, HV)], 136u, false);
    qa.inner[22] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 48u, HV)], 136u, false);
    qa.inner[23] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 56u, HV)], 136u, false);
    qa.inner[24] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 64u, HV)], 136u, false);
    qa.inner[25] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 72u, HV)], 136u, false);
    qa.inner[26] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 80u, HV)], 136u, false);
    qa.inner[27] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 88u, HV)], 136u, false);
    qa.inner[28] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 96u, HV)], 136u, false);
    qa.inner[29] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 104u, HV)], 136u, false);
    qa.inner[30] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 112u, HV)], 136u, false);
    qa.inner[31] = NagaCooperativeLoad(&wg.mh.inner[naga_div((Q_AT + (((sg * RS) + 8u) * SQ)) + 120u, HV)], 136u, false);
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
    int _e1005 = k_begin;
    k0_ = _e1005;
    uint2 loop_bound_2 = uint2(4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (metal::all(loop_bound_2 == uint2(0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            int _e9241 = k0_;
            k0_ = as_type<int>(as_type<uint>(_e9241) + as_type<uint>(64));
        }
        loop_init_2 = false;
        int _e1007 = k0_;
        int _e1008 = k_end;
        if (_e1007 < _e1008) {
        } else {
            break;
        }
        {
            int _e1010 = k0_;
            uint j0_ = static_cast<uint>(_e1010);
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
                        uint _e1037 = e;
                        e = _e1037 + 1u;
                    }
                    loop_init_3 = false;
                    uint _e1023 = e;
                    if (_e1023 < 32u) {
                    } else {
                        break;
                    }
                    {
                        bool _e1026 = any;
                        if (!(_e1026)) {
                            uint _e1031 = e;
                            bool _e1033 = visible(b_4, h_6, i0_ + lr, lk + _e1031, P, mask_buf, blocks_buf, _buffer_sizes);
                            local_1 = _e1033;
                        } else {
                            local_1 = true;
                        }
                        bool _e1035 = local_1;
                        any = _e1035;
                    }
                }
                bool _e1039 = any;
                if (_e1039) {
                    uint _e1043 = metal::atomic_fetch_or_explicit(&wg.mlive_flag, 1u, metal::memory_order_relaxed);
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                if (lid == 0u) {
                    uint _e1050 = metal::atomic_load_explicit(&wg.mlive_flag, metal::memory_order_relaxed);
                    wg.mlive = _e1050;
                    metal::atomic_store_explicit(&wg.mlive_flag, 0u, metal::memory_order_relaxed);
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                uint unnamed = wg.mlive;
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                if (unnamed == 0u) {
                    continue;
                }
            }
            uint _e1061 = P.heads_kv;
            uint _e1064 = m_k_row((b_4 * _e1061) + hk, j0_, P);
            {
                uint v_18 = lid + 0u;
                {
                    metal::half4 _e1081 = h_buf[_e1064 + v_18];
                    h_st4_((KV_AT + (naga_div(v_18, 32u) * SKV)) + (naga_mod(v_18, 32u) * 4u), _e1081, wg);
                }
            }
            {
                uint v_19 = lid + 64u;
                {
                    metal::half4 _e1098 = h_buf[_e1064 + v_19];
                    h_st4_((KV_AT + (naga_div(v_19, 32u) * SKV)) + (naga_mod(v_19, 32u) * 4u), _e1098, wg);
                }
            }
            {
                uint v_20 = lid + 128u;
                {
                    metal::half4 _e1115 = h_buf[_e1064 + v_20];
                    h_st4_((KV_AT + (naga_div(v_20, 32u) * SKV)) + (naga_mod(v_20, 32u) * 4u), _e1115, wg);
                }
            }
            {
                uint v_21 = lid + 192u;
                {
                    metal::half4 _e1132 = h_buf[_e1064 + v_21];
                    h_st4_((KV_AT + (naga_div(v_21, 32u) * SKV)) + (naga_mod(v_21, 32u) * 4u), _e1132, wg);
                }
            }
            {
                uint v_22 = lid + 256u;
                {
                    metal::half4 _e1149 = h_buf[_e1064 + v_22];
                    h_st4_((KV_AT + (naga_div(v_22, 32u) * SKV)) + (naga_mod(v_22, 32u) * 4u), _e1149, wg);
                }
            }
            {
                uint v_23 = lid + 320u;
                {
                    metal::half4 _e1166 = h_buf[_e1064 + v_23];
                    h_st4_((KV_AT + (naga_div(v_23, 32u) * SKV)) + (naga_mod(v_23, 32u) * 4u), _e1166, wg);
                }
            }
            {
                uint v_24 = lid + 384u;
                {
                    metal::half4 _e1183 = h_buf[_e1064 + v_24];
                    h_st4_((KV_AT + (naga_div(v_24, 32u) * SKV)) + (naga_mod(v_24, 32u) * 4u), _e1183, wg);
                }
            }
            {
                uint v_25 = lid + 448u;
                {
                    metal::half4 _e1200 = h_buf[_e1064 + v_25];
                    h_st4_((KV_AT + (naga_div(v_25, 32u) * SKV)) + (naga_mod(v_25, 32u) * 4u), _e1200, wg);
                }
            }
            {
                uint v_26 = lid + 512u;
                {
                    metal::half4 _e1217 = h_buf[_e1064 + v_26];
                    h_st4_((KV_AT + (naga_div(v_26, 32u) * SKV)) + (naga_mod(v_26, 32u) * 4u), _e1217, wg);
                }
            }
            {
                uint v_27 = lid + 576u;
                {
                    metal::half4 _e1234 = h_buf[_e1064 + v_27];
                    h_st4_((KV_AT + (naga_div(v_27, 32u) * SKV)) + (naga_mod(v_27, 32u) * 4u), _e1234, wg);
                }
            }
            {
                uint v_28 = lid + 640u;
                {
                    metal::half4 _e1251 = h_buf[_e1064 + v_28];
                    h_st4_((KV_AT + (naga_div(v_28, 32u) * SKV)) + (naga_mod(v_28, 32u) * 4u), _e1251, wg);
                }
            }
            {
                uint v_29 = lid + 704u;
                {
                    metal::half4 _e1268 = h_buf[_e1064 + v_29];
                    h_st4_((KV_AT + (naga_div(v_29, 32u) * SKV)) + (naga_mod(v_29, 32u) * 4u), _e1268, wg);
                }
            }
            {
                uint v_30 = lid + 768u;
                {
                    metal::half4 _e1285 = h_buf[_e1064 + v_30];
                    h_st4_((KV_AT + (naga_div(v_30, 32u) * SKV)) + (naga_mod(v_30, 32u) * 4u), _e1285, wg);
                }
            }
            {
                uint v_31 = lid + 832u;
                {
                    metal::half4 _e1302 = h_buf[_e1064 + v_31];
                    h_st4_((KV_AT + (naga_div(v_31, 32u) * SKV)) + (naga_mod(v_31, 32u) * 4u), _e1302, wg);
                }
            }
            {
                uint v_32 = lid + 896u;
                {
                    metal::half4 _e1319 = h_buf[_e1064 + v_32];
                    h_st4_((KV_AT + (naga_div(v_32, 32u) * SKV)) + (naga_mod(v_32, 32u) * 4u), _e1319, wg);
                }
            }
            {
                uint v_33 = lid + 960u;
                {
                    metal::half4 _e1336 = h_buf[_e1064 + v_33];
                    h_st4_((KV_AT + (naga_div(v_33, 32u) * SKV)) + (naga_mod(v_33, 32u) * 4u), _e1336, wg);
                }
            }
            {
                uint v_34 = lid + 1024u;
                {
                    metal::half4 _e1353 = h_buf[_e1064 + v_34];
                    h_st4_((KV_AT + (naga_div(v_34, 32u) * SKV)) + (naga_mod(v_34, 32u) * 4u), _e1353, wg);
                }
            }
            {
                uint v_35 = lid + 1088u;
                {
                    metal::half4 _e1370 = h_buf[_e1064 + v_35];
                    h_st4_((KV_AT + (naga_div(v_35, 32u) * SKV)) + (naga_mod(v_35, 32u) * 4u), _e1370, wg);
                }
            }
            {
                uint v_36 = lid + 1152u;
                {
                    metal::half4 _e1387 = h_buf[_e1064 + v_36];
                    h_st4_((KV_AT + (naga_div(v_36, 32u) * SKV)) + (naga_mod(v_36, 32u) * 4u), _e1387, wg);
                }
            }
            {
                uint v_37 = lid + 1216u;
                {
                    metal::half4 _e1404 = h_buf[_e1064 + v_37];
                    h_st4_((KV_AT + (naga_div(v_37, 32u) * SKV)) + (naga_mod(v_37, 32u) * 4u), _e1404, wg);
                }
            }
            {
                uint v_38 = lid + 1280u;
                {
                    metal::half4 _e1421 = h_buf[_e1064 + v_38];
                    h_st4_((KV_AT + (naga_div(v_38, 32u) * SKV)) + (naga_mod(v_38, 32u) * 4u), _e1421, wg);
                }
            }
            {
                uint v_39 = lid + 1344u;
                {
                    metal::half4 _e1438 = h_buf[_e1064 + v_39];
                    h_st4_((KV_AT + (naga_div(v_39, 32u) * SKV)) + (naga_mod(v_39, 32u) * 4u), _e1438, wg);
                }
            }
            {
                uint v_40 = lid + 1408u;
                {
                    metal::half4 _e1455 = h_buf[_e1064 + v_40];
                    h_st4_((KV_AT + (naga_div(v_40, 32u) * SKV)) + (naga_mod(v_40, 32u) * 4u), _e1455, wg);
                }
            }
            {
                uint v_41 = lid + 1472u;
                {
                    metal::half4 _e1472 = h_buf[_e1064 + v_41];
                    h_st4_((KV_AT + (naga_div(v_41, 32u) * SKV)) + (naga_mod(v_41, 32u) * 4u), _e1472, wg);
                }
            }
            {
                uint v_42 = lid + 1536u;
                {
                    metal::half4 _e1489 = h_buf[_e1064 + v_42];
                    h_st4_((KV_AT + (naga_div(v_42, 32u) * SKV)) + (naga_mod(v_42, 32u) * 4u), _e1489, wg);
                }
            }
            {
                uint v_43 = lid + 1600u;
                {
                    metal::half4 _e1506 = h_buf[_e1064 + v_43];
                    h_st4_((KV_AT + (naga_div(v_43, 32u) * SKV)) + (naga_mod(v_43, 32u) * 4u), _e1506, wg);
                }
            }
            {
                uint v_44 = lid + 1664u;
                {
                    metal::half4 _e1523 = h_buf[_e1064 + v_44];
                    h_st4_((KV_AT + (naga_div(v_44, 32u) * SKV)) + (naga_mod(v_44, 32u) * 4u), _e1523, wg);
                }
            }
            {
                uint v_45 = lid + 1728u;
                {
                    metal::half4 _e1540 = h_buf[_e1064 + v_45];
                    h_st4_((KV_AT + (naga_div(v_45, 32u) * SKV)) + (naga_mod(v_45, 32u) * 4u), _e1540, wg);
                }
            }
            {
                uint v_46 = lid + 1792u;
                {
                    metal::half4 _e1557 = h_buf[_e1064 + v_46];
                    h_st4_((KV_AT + (naga_div(v_46, 32u) * SKV)) + (naga_mod(v_46, 32u) * 4u), _e1557, wg);
                }
            }
            {
                uint v_47 = lid + 1856u;
                {
                    metal::half4 _e1574 = h_buf[_e1064 + v_47];
                    h_st4_((KV_AT + (naga_div(v_47, 32u) * SKV)) + (naga_mod(v_47, 32u) * 4u), _e1574, wg);
                }
            }
            {
                uint v_48 = lid + 1920u;
                {
                    metal::half4 _e1591 = h_buf[_e1064 + v_48];
                    h_st4_((KV_AT + (naga_div(v_48, 32u) * SKV)) + (naga_mod(v_48, 32u) * 4u), _e1591, wg);
                }
            }
            {
                uint v_49 = lid + 1984u;
                {
                    metal::half4 _e1608 = h_buf[_e1064 + v_49];
                    h_st4_((KV_AT + (naga_div(v_49, 32u) * SKV)) + (naga_mod(v_49, 32u) * 4u), _e1608, wg);
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
                metal::simdgroup_half8x8 kt = NagaCooperativeLoad(&wg.mh.inner[0], 136u, true);
                CoopA _e1634 = qa.inner[0];
                CoopC _e1636 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e1634, kt, _e1636);
                CoopA _e1640 = qa.inner[16];
                CoopC _e1642 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e1640, kt, _e1642);
            }
            {
                metal::simdgroup_half8x8 kt_1 = NagaCooperativeLoad(&wg.mh.inner[1088], 136u, true);
                CoopA _e1651 = qa.inner[0];
                CoopC _e1653 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e1651, kt_1, _e1653);
                CoopA _e1657 = qa.inner[16];
                CoopC _e1659 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e1657, kt_1, _e1659);
            }
            {
                metal::simdgroup_half8x8 kt_2 = NagaCooperativeLoad(&wg.mh.inner[2176], 136u, true);
                CoopA _e1668 = qa.inner[0];
                CoopC _e1670 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e1668, kt_2, _e1670);
                CoopA _e1674 = qa.inner[16];
                CoopC _e1676 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e1674, kt_2, _e1676);
            }
            {
                metal::simdgroup_half8x8 kt_3 = NagaCooperativeLoad(&wg.mh.inner[3264], 136u, true);
                CoopA _e1685 = qa.inner[0];
                CoopC _e1687 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e1685, kt_3, _e1687);
                CoopA _e1691 = qa.inner[16];
                CoopC _e1693 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e1691, kt_3, _e1693);
            }
            {
                metal::simdgroup_half8x8 kt_4 = NagaCooperativeLoad(&wg.mh.inner[4352], 136u, true);
                CoopA _e1702 = qa.inner[0];
                CoopC _e1704 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e1702, kt_4, _e1704);
                CoopA _e1708 = qa.inner[16];
                CoopC _e1710 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e1708, kt_4, _e1710);
            }
            {
                metal::simdgroup_half8x8 kt_5 = NagaCooperativeLoad(&wg.mh.inner[5440], 136u, true);
                CoopA _e1719 = qa.inner[0];
                CoopC _e1721 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e1719, kt_5, _e1721);
                CoopA _e1725 = qa.inner[16];
                CoopC _e1727 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e1725, kt_5, _e1727);
            }
            {
                metal::simdgroup_half8x8 kt_6 = NagaCooperativeLoad(&wg.mh.inner[6528], 136u, true);
                CoopA _e1736 = qa.inner[0];
                CoopC _e1738 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e1736, kt_6, _e1738);
                CoopA _e1742 = qa.inner[16];
                CoopC _e1744 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e1742, kt_6, _e1744);
            }
            {
                metal::simdgroup_half8x8 kt_7 = NagaCooperativeLoad(&wg.mh.inner[7616], 136u, true);
                CoopA _e1753 = qa.inner[0];
                CoopC _e1755 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e1753, kt_7, _e1755);
                CoopA _e1759 = qa.inner[16];
                CoopC _e1761 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e1759, kt_7, _e1761);
            }
            {
                metal::simdgroup_half8x8 kt_8 = NagaCooperativeLoad(&wg.mh.inner[8], 136u, true);
                CoopA _e1770 = qa.inner[1];
                CoopC _e1772 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e1770, kt_8, _e1772);
                CoopA _e1776 = qa.inner[17];
                CoopC _e1778 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e1776, kt_8, _e1778);
            }
            {
                metal::simdgroup_half8x8 kt_9 = NagaCooperativeLoad(&wg.mh.inner[1096], 136u, true);
                CoopA _e1787 = qa.inner[1];
                CoopC _e1789 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e1787, kt_9, _e1789);
                CoopA _e1793 = qa.inner[17];
                CoopC _e1795 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e1793, kt_9, _e1795);
            }
            {
                metal::simdgroup_half8x8 kt_10 = NagaCooperativeLoad(&wg.mh.inner[2184], 136u, true);
                CoopA _e1804 = qa.inner[1];
                CoopC _e1806 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e1804, kt_10, _e1806);
                CoopA _e1810 = qa.inner[17];
                CoopC _e1812 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e1810, kt_10, _e1812);
            }
            {
                metal::simdgroup_half8x8 kt_11 = NagaCooperativeLoad(&wg.mh.inner[3272], 136u, true);
                CoopA _e1821 = qa.inner[1];
                CoopC _e1823 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e1821, kt_11, _e1823);
                CoopA _e1827 = qa.inner[17];
                CoopC _e1829 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e1827, kt_11, _e1829);
            }
            {
                metal::simdgroup_half8x8 kt_12 = NagaCooperativeLoad(&wg.mh.inner[4360], 136u, true);
                CoopA _e1838 = qa.inner[1];
                CoopC _e1840 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e1838, kt_12, _e1840);
                CoopA _e1844 = qa.inner[17];
                CoopC _e1846 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e1844, kt_12, _e1846);
            }
            {
                metal::simdgroup_half8x8 kt_13 = NagaCooperativeLoad(&wg.mh.inner[5448], 136u, true);
                CoopA _e1855 = qa.inner[1];
                CoopC _e1857 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e1855, kt_13, _e1857);
                CoopA _e1861 = qa.inner[17];
                CoopC _e1863 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e1861, kt_13, _e1863);
            }
            {
                metal::simdgroup_half8x8 kt_14 = NagaCooperativeLoad(&wg.mh.inner[6536], 136u, true);
                CoopA _e1872 = qa.inner[1];
                CoopC _e1874 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e1872, kt_14, _e1874);
                CoopA _e1878 = qa.inner[17];
                CoopC _e1880 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e1878, kt_14, _e1880);
            }
            {
                metal::simdgroup_half8x8 kt_15 = NagaCooperativeLoad(&wg.mh.inner[7624], 136u, true);
                CoopA _e1889 = qa.inner[1];
                CoopC _e1891 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e1889, kt_15, _e1891);
                CoopA _e1895 = qa.inner[17];
                CoopC _e1897 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e1895, kt_15, _e1897);
            }
            {
                metal::simdgroup_half8x8 kt_16 = NagaCooperativeLoad(&wg.mh.inner[16], 136u, true);
                CoopA _e1906 = qa.inner[2];
                CoopC _e1908 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e1906, kt_16, _e1908);
                CoopA _e1912 = qa.inner[18];
                CoopC _e1914 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e1912, kt_16, _e1914);
            }
            {
                metal::simdgroup_half8x8 kt_17 = NagaCooperativeLoad(&wg.mh.inner[1104], 136u, true);
                CoopA _e1923 = qa.inner[2];
                CoopC _e1925 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e1923, kt_17, _e1925);
                CoopA _e1929 = qa.inner[18];
                CoopC _e1931 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e1929, kt_17, _e1931);
            }
            {
                metal::simdgroup_half8x8 kt_18 = NagaCooperativeLoad(&wg.mh.inner[2192], 136u, true);
                CoopA _e1940 = qa.inner[2];
                CoopC _e1942 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e1940, kt_18, _e1942);
                CoopA _e1946 = qa.inner[18];
                CoopC _e1948 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e1946, kt_18, _e1948);
            }
            {
                metal::simdgroup_half8x8 kt_19 = NagaCooperativeLoad(&wg.mh.inner[3280], 136u, true);
                CoopA _e1957 = qa.inner[2];
                CoopC _e1959 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e1957, kt_19, _e1959);
                CoopA _e1963 = qa.inner[18];
                CoopC _e1965 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e1963, kt_19, _e1965);
            }
            {
                metal::simdgroup_half8x8 kt_20 = NagaCooperativeLoad(&wg.mh.inner[4368], 136u, true);
                CoopA _e1974 = qa.inner[2];
                CoopC _e1976 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e1974, kt_20, _e1976);
                CoopA _e1980 = qa.inner[18];
                CoopC _e1982 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e1980, kt_20, _e1982);
            }
            {
                metal::simdgroup_half8x8 kt_21 = NagaCooperativeLoad(&wg.mh.inner[5456], 136u, true);
                CoopA _e1991 = qa.inner[2];
                CoopC _e1993 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e1991, kt_21, _e1993);
                CoopA _e1997 = qa.inner[18];
                CoopC _e1999 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e1997, kt_21, _e1999);
            }
            {
                metal::simdgroup_half8x8 kt_22 = NagaCooperativeLoad(&wg.mh.inner[6544], 136u, true);
                CoopA _e2008 = qa.inner[2];
                CoopC _e2010 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2008, kt_22, _e2010);
                CoopA _e2014 = qa.inner[18];
                CoopC _e2016 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2014, kt_22, _e2016);
            }
            {
                metal::simdgroup_half8x8 kt_23 = NagaCooperativeLoad(&wg.mh.inner[7632], 136u, true);
                CoopA _e2025 = qa.inner[2];
                CoopC _e2027 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2025, kt_23, _e2027);
                CoopA _e2031 = qa.inner[18];
                CoopC _e2033 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2031, kt_23, _e2033);
            }
            {
                metal::simdgroup_half8x8 kt_24 = NagaCooperativeLoad(&wg.mh.inner[24], 136u, true);
                CoopA _e2042 = qa.inner[3];
                CoopC _e2044 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2042, kt_24, _e2044);
                CoopA _e2048 = qa.inner[19];
                CoopC _e2050 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2048, kt_24, _e2050);
            }
            {
                metal::simdgroup_half8x8 kt_25 = NagaCooperativeLoad(&wg.mh.inner[1112], 136u, true);
                CoopA _e2059 = qa.inner[3];
                CoopC _e2061 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2059, kt_25, _e2061);
                CoopA _e2065 = qa.inner[19];
                CoopC _e2067 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2065, kt_25, _e2067);
            }
            {
                metal::simdgroup_half8x8 kt_26 = NagaCooperativeLoad(&wg.mh.inner[2200], 136u, true);
                CoopA _e2076 = qa.inner[3];
                CoopC _e2078 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2076, kt_26, _e2078);
                CoopA _e2082 = qa.inner[19];
                CoopC _e2084 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2082, kt_26, _e2084);
            }
            {
                metal::simdgroup_half8x8 kt_27 = NagaCooperativeLoad(&wg.mh.inner[3288], 136u, true);
                CoopA _e2093 = qa.inner[3];
                CoopC _e2095 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2093, kt_27, _e2095);
                CoopA _e2099 = qa.inner[19];
                CoopC _e2101 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2099, kt_27, _e2101);
            }
            {
                metal::simdgroup_half8x8 kt_28 = NagaCooperativeLoad(&wg.mh.inner[4376], 136u, true);
                CoopA _e2110 = qa.inner[3];
                CoopC _e2112 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2110, kt_28, _e2112);
                CoopA _e2116 = qa.inner[19];
                CoopC _e2118 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2116, kt_28, _e2118);
            }
            {
                metal::simdgroup_half8x8 kt_29 = NagaCooperativeLoad(&wg.mh.inner[5464], 136u, true);
                CoopA _e2127 = qa.inner[3];
                CoopC _e2129 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2127, kt_29, _e2129);
                CoopA _e2133 = qa.inner[19];
                CoopC _e2135 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2133, kt_29, _e2135);
            }
            {
                metal::simdgroup_half8x8 kt_30 = NagaCooperativeLoad(&wg.mh.inner[6552], 136u, true);
                CoopA _e2144 = qa.inner[3];
                CoopC _e2146 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2144, kt_30, _e2146);
                CoopA _e2150 = qa.inner[19];
                CoopC _e2152 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2150, kt_30, _e2152);
            }
            {
                metal::simdgroup_half8x8 kt_31 = NagaCooperativeLoad(&wg.mh.inner[7640], 136u, true);
                CoopA _e2161 = qa.inner[3];
                CoopC _e2163 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2161, kt_31, _e2163);
                CoopA _e2167 = qa.inner[19];
                CoopC _e2169 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2167, kt_31, _e2169);
            }
            {
                metal::simdgroup_half8x8 kt_32 = NagaCooperativeLoad(&wg.mh.inner[32], 136u, true);
                CoopA _e2178 = qa.inner[4];
                CoopC _e2180 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2178, kt_32, _e2180);
                CoopA _e2184 = qa.inner[20];
                CoopC _e2186 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2184, kt_32, _e2186);
            }
            {
                metal::simdgroup_half8x8 kt_33 = NagaCooperativeLoad(&wg.mh.inner[1120], 136u, true);
                CoopA _e2195 = qa.inner[4];
                CoopC _e2197 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2195, kt_33, _e2197);
                CoopA _e2201 = qa.inner[20];
                CoopC _e2203 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2201, kt_33, _e2203);
            }
            {
                metal::simdgroup_half8x8 kt_34 = NagaCooperativeLoad(&wg.mh.inner[2208], 136u, true);
                CoopA _e2212 = qa.inner[4];
                CoopC _e2214 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2212, kt_34, _e2214);
                CoopA _e2218 = qa.inner[20];
                CoopC _e2220 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2218, kt_34, _e2220);
            }
            {
                metal::simdgroup_half8x8 kt_35 = NagaCooperativeLoad(&wg.mh.inner[3296], 136u, true);
                CoopA _e2229 = qa.inner[4];
                CoopC _e2231 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2229, kt_35, _e2231);
                CoopA _e2235 = qa.inner[20];
                CoopC _e2237 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2235, kt_35, _e2237);
            }
            {
                metal::simdgroup_half8x8 kt_36 = NagaCooperativeLoad(&wg.mh.inner[4384], 136u, true);
                CoopA _e2246 = qa.inner[4];
                CoopC _e2248 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2246, kt_36, _e2248);
                CoopA _e2252 = qa.inner[20];
                CoopC _e2254 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2252, kt_36, _e2254);
            }
            {
                metal::simdgroup_half8x8 kt_37 = NagaCooperativeLoad(&wg.mh.inner[5472], 136u, true);
                CoopA _e2263 = qa.inner[4];
                CoopC _e2265 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2263, kt_37, _e2265);
                CoopA _e2269 = qa.inner[20];
                CoopC _e2271 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2269, kt_37, _e2271);
            }
            {
                metal::simdgroup_half8x8 kt_38 = NagaCooperativeLoad(&wg.mh.inner[6560], 136u, true);
                CoopA _e2280 = qa.inner[4];
                CoopC _e2282 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2280, kt_38, _e2282);
                CoopA _e2286 = qa.inner[20];
                CoopC _e2288 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2286, kt_38, _e2288);
            }
            {
                metal::simdgroup_half8x8 kt_39 = NagaCooperativeLoad(&wg.mh.inner[7648], 136u, true);
                CoopA _e2297 = qa.inner[4];
                CoopC _e2299 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2297, kt_39, _e2299);
                CoopA _e2303 = qa.inner[20];
                CoopC _e2305 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2303, kt_39, _e2305);
            }
            {
                metal::simdgroup_half8x8 kt_40 = NagaCooperativeLoad(&wg.mh.inner[40], 136u, true);
                CoopA _e2314 = qa.inner[5];
                CoopC _e2316 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2314, kt_40, _e2316);
                CoopA _e2320 = qa.inner[21];
                CoopC _e2322 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2320, kt_40, _e2322);
            }
            {
                metal::simdgroup_half8x8 kt_41 = NagaCooperativeLoad(&wg.mh.inner[1128], 136u, true);
                CoopA _e2331 = qa.inner[5];
                CoopC _e2333 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2331, kt_41, _e2333);
                CoopA _e2337 = qa.inner[21];
                CoopC _e2339 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2337, kt_41, _e2339);
            }
            {
                metal::simdgroup_half8x8 kt_42 = NagaCooperativeLoad(&wg.mh.inner[2216], 136u, true);
                CoopA _e2348 = qa.inner[5];
                CoopC _e2350 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2348, kt_42, _e2350);
                CoopA _e2354 = qa.inner[21];
                CoopC _e2356 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2354, kt_42, _e2356);
            }
            {
                metal::simdgroup_half8x8 kt_43 = NagaCooperativeLoad(&wg.mh.inner[3304], 136u, true);
                CoopA _e2365 = qa.inner[5];
                CoopC _e2367 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2365, kt_43, _e2367);
                CoopA _e2371 = qa.inner[21];
                CoopC _e2373 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2371, kt_43, _e2373);
            }
            {
                metal::simdgroup_half8x8 kt_44 = NagaCooperativeLoad(&wg.mh.inner[4392], 136u, true);
                CoopA _e2382 = qa.inner[5];
                CoopC _e2384 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2382, kt_44, _e2384);
                CoopA _e2388 = qa.inner[21];
                CoopC _e2390 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2388, kt_44, _e2390);
            }
            {
                metal::simdgroup_half8x8 kt_45 = NagaCooperativeLoad(&wg.mh.inner[5480], 136u, true);
                CoopA _e2399 = qa.inner[5];
                CoopC _e2401 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2399, kt_45, _e2401);
                CoopA _e2405 = qa.inner[21];
                CoopC _e2407 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2405, kt_45, _e2407);
            }
            {
                metal::simdgroup_half8x8 kt_46 = NagaCooperativeLoad(&wg.mh.inner[6568], 136u, true);
                CoopA _e2416 = qa.inner[5];
                CoopC _e2418 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2416, kt_46, _e2418);
                CoopA _e2422 = qa.inner[21];
                CoopC _e2424 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2422, kt_46, _e2424);
            }
            {
                metal::simdgroup_half8x8 kt_47 = NagaCooperativeLoad(&wg.mh.inner[7656], 136u, true);
                CoopA _e2433 = qa.inner[5];
                CoopC _e2435 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2433, kt_47, _e2435);
                CoopA _e2439 = qa.inner[21];
                CoopC _e2441 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2439, kt_47, _e2441);
            }
            {
                metal::simdgroup_half8x8 kt_48 = NagaCooperativeLoad(&wg.mh.inner[48], 136u, true);
                CoopA _e2450 = qa.inner[6];
                CoopC _e2452 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2450, kt_48, _e2452);
                CoopA _e2456 = qa.inner[22];
                CoopC _e2458 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2456, kt_48, _e2458);
            }
            {
                metal::simdgroup_half8x8 kt_49 = NagaCooperativeLoad(&wg.mh.inner[1136], 136u, true);
                CoopA _e2467 = qa.inner[6];
                CoopC _e2469 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2467, kt_49, _e2469);
                CoopA _e2473 = qa.inner[22];
                CoopC _e2475 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2473, kt_49, _e2475);
            }
            {
                metal::simdgroup_half8x8 kt_50 = NagaCooperativeLoad(&wg.mh.inner[2224], 136u, true);
                CoopA _e2484 = qa.inner[6];
                CoopC _e2486 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2484, kt_50, _e2486);
                CoopA _e2490 = qa.inner[22];
                CoopC _e2492 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2490, kt_50, _e2492);
            }
            {
                metal::simdgroup_half8x8 kt_51 = NagaCooperativeLoad(&wg.mh.inner[3312], 136u, true);
                CoopA _e2501 = qa.inner[6];
                CoopC _e2503 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2501, kt_51, _e2503);
                CoopA _e2507 = qa.inner[22];
                CoopC _e2509 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2507, kt_51, _e2509);
            }
            {
                metal::simdgroup_half8x8 kt_52 = NagaCooperativeLoad(&wg.mh.inner[4400], 136u, true);
                CoopA _e2518 = qa.inner[6];
                CoopC _e2520 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2518, kt_52, _e2520);
                CoopA _e2524 = qa.inner[22];
                CoopC _e2526 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2524, kt_52, _e2526);
            }
            {
                metal::simdgroup_half8x8 kt_53 = NagaCooperativeLoad(&wg.mh.inner[5488], 136u, true);
                CoopA _e2535 = qa.inner[6];
                CoopC _e2537 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2535, kt_53, _e2537);
                CoopA _e2541 = qa.inner[22];
                CoopC _e2543 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2541, kt_53, _e2543);
            }
            {
                metal::simdgroup_half8x8 kt_54 = NagaCooperativeLoad(&wg.mh.inner[6576], 136u, true);
                CoopA _e2552 = qa.inner[6];
                CoopC _e2554 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2552, kt_54, _e2554);
                CoopA _e2558 = qa.inner[22];
                CoopC _e2560 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2558, kt_54, _e2560);
            }
            {
                metal::simdgroup_half8x8 kt_55 = NagaCooperativeLoad(&wg.mh.inner[7664], 136u, true);
                CoopA _e2569 = qa.inner[6];
                CoopC _e2571 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2569, kt_55, _e2571);
                CoopA _e2575 = qa.inner[22];
                CoopC _e2577 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2575, kt_55, _e2577);
            }
            {
                metal::simdgroup_half8x8 kt_56 = NagaCooperativeLoad(&wg.mh.inner[56], 136u, true);
                CoopA _e2586 = qa.inner[7];
                CoopC _e2588 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2586, kt_56, _e2588);
                CoopA _e2592 = qa.inner[23];
                CoopC _e2594 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2592, kt_56, _e2594);
            }
            {
                metal::simdgroup_half8x8 kt_57 = NagaCooperativeLoad(&wg.mh.inner[1144], 136u, true);
                CoopA _e2603 = qa.inner[7];
                CoopC _e2605 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2603, kt_57, _e2605);
                CoopA _e2609 = qa.inner[23];
                CoopC _e2611 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2609, kt_57, _e2611);
            }
            {
                metal::simdgroup_half8x8 kt_58 = NagaCooperativeLoad(&wg.mh.inner[2232], 136u, true);
                CoopA _e2620 = qa.inner[7];
                CoopC _e2622 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2620, kt_58, _e2622);
                CoopA _e2626 = qa.inner[23];
                CoopC _e2628 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2626, kt_58, _e2628);
            }
            {
                metal::simdgroup_half8x8 kt_59 = NagaCooperativeLoad(&wg.mh.inner[3320], 136u, true);
                CoopA _e2637 = qa.inner[7];
                CoopC _e2639 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2637, kt_59, _e2639);
                CoopA _e2643 = qa.inner[23];
                CoopC _e2645 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2643, kt_59, _e2645);
            }
            {
                metal::simdgroup_half8x8 kt_60 = NagaCooperativeLoad(&wg.mh.inner[4408], 136u, true);
                CoopA _e2654 = qa.inner[7];
                CoopC _e2656 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2654, kt_60, _e2656);
                CoopA _e2660 = qa.inner[23];
                CoopC _e2662 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2660, kt_60, _e2662);
            }
            {
                metal::simdgroup_half8x8 kt_61 = NagaCooperativeLoad(&wg.mh.inner[5496], 136u, true);
                CoopA _e2671 = qa.inner[7];
                CoopC _e2673 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2671, kt_61, _e2673);
                CoopA _e2677 = qa.inner[23];
                CoopC _e2679 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2677, kt_61, _e2679);
            }
            {
                metal::simdgroup_half8x8 kt_62 = NagaCooperativeLoad(&wg.mh.inner[6584], 136u, true);
                CoopA _e2688 = qa.inner[7];
                CoopC _e2690 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2688, kt_62, _e2690);
                CoopA _e2694 = qa.inner[23];
                CoopC _e2696 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2694, kt_62, _e2696);
            }
            {
                metal::simdgroup_half8x8 kt_63 = NagaCooperativeLoad(&wg.mh.inner[7672], 136u, true);
                CoopA _e2705 = qa.inner[7];
                CoopC _e2707 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2705, kt_63, _e2707);
                CoopA _e2711 = qa.inner[23];
                CoopC _e2713 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2711, kt_63, _e2713);
            }
            {
                metal::simdgroup_half8x8 kt_64 = NagaCooperativeLoad(&wg.mh.inner[64], 136u, true);
                CoopA _e2722 = qa.inner[8];
                CoopC _e2724 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2722, kt_64, _e2724);
                CoopA _e2728 = qa.inner[24];
                CoopC _e2730 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2728, kt_64, _e2730);
            }
            {
                metal::simdgroup_half8x8 kt_65 = NagaCooperativeLoad(&wg.mh.inner[1152], 136u, true);
                CoopA _e2739 = qa.inner[8];
                CoopC _e2741 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2739, kt_65, _e2741);
                CoopA _e2745 = qa.inner[24];
                CoopC _e2747 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2745, kt_65, _e2747);
            }
            {
                metal::simdgroup_half8x8 kt_66 = NagaCooperativeLoad(&wg.mh.inner[2240], 136u, true);
                CoopA _e2756 = qa.inner[8];
                CoopC _e2758 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2756, kt_66, _e2758);
                CoopA _e2762 = qa.inner[24];
                CoopC _e2764 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2762, kt_66, _e2764);
            }
            {
                metal::simdgroup_half8x8 kt_67 = NagaCooperativeLoad(&wg.mh.inner[3328], 136u, true);
                CoopA _e2773 = qa.inner[8];
                CoopC _e2775 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2773, kt_67, _e2775);
                CoopA _e2779 = qa.inner[24];
                CoopC _e2781 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2779, kt_67, _e2781);
            }
            {
                metal::simdgroup_half8x8 kt_68 = NagaCooperativeLoad(&wg.mh.inner[4416], 136u, true);
                CoopA _e2790 = qa.inner[8];
                CoopC _e2792 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2790, kt_68, _e2792);
                CoopA _e2796 = qa.inner[24];
                CoopC _e2798 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2796, kt_68, _e2798);
            }
            {
                metal::simdgroup_half8x8 kt_69 = NagaCooperativeLoad(&wg.mh.inner[5504], 136u, true);
                CoopA _e2807 = qa.inner[8];
                CoopC _e2809 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2807, kt_69, _e2809);
                CoopA _e2813 = qa.inner[24];
                CoopC _e2815 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2813, kt_69, _e2815);
            }
            {
                metal::simdgroup_half8x8 kt_70 = NagaCooperativeLoad(&wg.mh.inner[6592], 136u, true);
                CoopA _e2824 = qa.inner[8];
                CoopC _e2826 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2824, kt_70, _e2826);
                CoopA _e2830 = qa.inner[24];
                CoopC _e2832 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2830, kt_70, _e2832);
            }
            {
                metal::simdgroup_half8x8 kt_71 = NagaCooperativeLoad(&wg.mh.inner[7680], 136u, true);
                CoopA _e2841 = qa.inner[8];
                CoopC _e2843 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2841, kt_71, _e2843);
                CoopA _e2847 = qa.inner[24];
                CoopC _e2849 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2847, kt_71, _e2849);
            }
            {
                metal::simdgroup_half8x8 kt_72 = NagaCooperativeLoad(&wg.mh.inner[72], 136u, true);
                CoopA _e2858 = qa.inner[9];
                CoopC _e2860 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2858, kt_72, _e2860);
                CoopA _e2864 = qa.inner[25];
                CoopC _e2866 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2864, kt_72, _e2866);
            }
            {
                metal::simdgroup_half8x8 kt_73 = NagaCooperativeLoad(&wg.mh.inner[1160], 136u, true);
                CoopA _e2875 = qa.inner[9];
                CoopC _e2877 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2875, kt_73, _e2877);
                CoopA _e2881 = qa.inner[25];
                CoopC _e2883 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2881, kt_73, _e2883);
            }
            {
                metal::simdgroup_half8x8 kt_74 = NagaCooperativeLoad(&wg.mh.inner[2248], 136u, true);
                CoopA _e2892 = qa.inner[9];
                CoopC _e2894 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2892, kt_74, _e2894);
                CoopA _e2898 = qa.inner[25];
                CoopC _e2900 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2898, kt_74, _e2900);
            }
            {
                metal::simdgroup_half8x8 kt_75 = NagaCooperativeLoad(&wg.mh.inner[3336], 136u, true);
                CoopA _e2909 = qa.inner[9];
                CoopC _e2911 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2909, kt_75, _e2911);
                CoopA _e2915 = qa.inner[25];
                CoopC _e2917 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2915, kt_75, _e2917);
            }
            {
                metal::simdgroup_half8x8 kt_76 = NagaCooperativeLoad(&wg.mh.inner[4424], 136u, true);
                CoopA _e2926 = qa.inner[9];
                CoopC _e2928 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2926, kt_76, _e2928);
                CoopA _e2932 = qa.inner[25];
                CoopC _e2934 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2932, kt_76, _e2934);
            }
            {
                metal::simdgroup_half8x8 kt_77 = NagaCooperativeLoad(&wg.mh.inner[5512], 136u, true);
                CoopA _e2943 = qa.inner[9];
                CoopC _e2945 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2943, kt_77, _e2945);
                CoopA _e2949 = qa.inner[25];
                CoopC _e2951 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2949, kt_77, _e2951);
            }
            {
                metal::simdgroup_half8x8 kt_78 = NagaCooperativeLoad(&wg.mh.inner[6600], 136u, true);
                CoopA _e2960 = qa.inner[9];
                CoopC _e2962 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2960, kt_78, _e2962);
                CoopA _e2966 = qa.inner[25];
                CoopC _e2968 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2966, kt_78, _e2968);
            }
            {
                metal::simdgroup_half8x8 kt_79 = NagaCooperativeLoad(&wg.mh.inner[7688], 136u, true);
                CoopA _e2977 = qa.inner[9];
                CoopC _e2979 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2977, kt_79, _e2979);
                CoopA _e2983 = qa.inner[25];
                CoopC _e2985 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2983, kt_79, _e2985);
            }
            {
                metal::simdgroup_half8x8 kt_80 = NagaCooperativeLoad(&wg.mh.inner[80], 136u, true);
                CoopA _e2994 = qa.inner[10];
                CoopC _e2996 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2994, kt_80, _e2996);
                CoopA _e3000 = qa.inner[26];
                CoopC _e3002 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3000, kt_80, _e3002);
            }
            {
                metal::simdgroup_half8x8 kt_81 = NagaCooperativeLoad(&wg.mh.inner[1168], 136u, true);
                CoopA _e3011 = qa.inner[10];
                CoopC _e3013 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3011, kt_81, _e3013);
                CoopA _e3017 = qa.inner[26];
                CoopC _e3019 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3017, kt_81, _e3019);
            }
            {
                metal::simdgroup_half8x8 kt_82 = NagaCooperativeLoad(&wg.mh.inner[2256], 136u, true);
                CoopA _e3028 = qa.inner[10];
                CoopC _e3030 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3028, kt_82, _e3030);
                CoopA _e3034 = qa.inner[26];
                CoopC _e3036 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3034, kt_82, _e3036);
            }
            {
                metal::simdgroup_half8x8 kt_83 = NagaCooperativeLoad(&wg.mh.inner[3344], 136u, true);
                CoopA _e3045 = qa.inner[10];
                CoopC _e3047 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3045, kt_83, _e3047);
                CoopA _e3051 = qa.inner[26];
                CoopC _e3053 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3051, kt_83, _e3053);
            }
            {
                metal::simdgroup_half8x8 kt_84 = NagaCooperativeLoad(&wg.mh.inner[4432], 136u, true);
                CoopA _e3062 = qa.inner[10];
                CoopC _e3064 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3062, kt_84, _e3064);
                CoopA _e3068 = qa.inner[26];
                CoopC _e3070 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3068, kt_84, _e3070);
            }
            {
                metal::simdgroup_half8x8 kt_85 = NagaCooperativeLoad(&wg.mh.inner[5520], 136u, true);
                CoopA _e3079 = qa.inner[10];
                CoopC _e3081 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3079, kt_85, _e3081);
                CoopA _e3085 = qa.inner[26];
                CoopC _e3087 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3085, kt_85, _e3087);
            }
            {
                metal::simdgroup_half8x8 kt_86 = NagaCooperativeLoad(&wg.mh.inner[6608], 136u, true);
                CoopA _e3096 = qa.inner[10];
                CoopC _e3098 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3096, kt_86, _e3098);
                CoopA _e3102 = qa.inner[26];
                CoopC _e3104 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3102, kt_86, _e3104);
            }
            {
                metal::simdgroup_half8x8 kt_87 = NagaCooperativeLoad(&wg.mh.inner[7696], 136u, true);
                CoopA _e3113 = qa.inner[10];
                CoopC _e3115 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3113, kt_87, _e3115);
                CoopA _e3119 = qa.inner[26];
                CoopC _e3121 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3119, kt_87, _e3121);
            }
            {
                metal::simdgroup_half8x8 kt_88 = NagaCooperativeLoad(&wg.mh.inner[88], 136u, true);
                CoopA _e3130 = qa.inner[11];
                CoopC _e3132 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3130, kt_88, _e3132);
                CoopA _e3136 = qa.inner[27];
                CoopC _e3138 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3136, kt_88, _e3138);
            }
            {
                metal::simdgroup_half8x8 kt_89 = NagaCooperativeLoad(&wg.mh.inner[1176], 136u, true);
                CoopA _e3147 = qa.inner[11];
                CoopC _e3149 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3147, kt_89, _e3149);
                CoopA _e3153 = qa.inner[27];
                CoopC _e3155 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3153, kt_89, _e3155);
            }
            {
                metal::simdgroup_half8x8 kt_90 = NagaCooperativeLoad(&wg.mh.inner[2264], 136u, true);
                CoopA _e3164 = qa.inner[11];
                CoopC _e3166 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3164, kt_90, _e3166);
                CoopA _e3170 = qa.inner[27];
                CoopC _e3172 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3170, kt_90, _e3172);
            }
            {
                metal::simdgroup_half8x8 kt_91 = NagaCooperativeLoad(&wg.mh.inner[3352], 136u, true);
                CoopA _e3181 = qa.inner[11];
                CoopC _e3183 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3181, kt_91, _e3183);
                CoopA _e3187 = qa.inner[27];
                CoopC _e3189 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3187, kt_91, _e3189);
            }
            {
                metal::simdgroup_half8x8 kt_92 = NagaCooperativeLoad(&wg.mh.inner[4440], 136u, true);
                CoopA _e3198 = qa.inner[11];
                CoopC _e3200 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3198, kt_92, _e3200);
                CoopA _e3204 = qa.inner[27];
                CoopC _e3206 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3204, kt_92, _e3206);
            }
            {
                metal::simdgroup_half8x8 kt_93 = NagaCooperativeLoad(&wg.mh.inner[5528], 136u, true);
                CoopA _e3215 = qa.inner[11];
                CoopC _e3217 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3215, kt_93, _e3217);
                CoopA _e3221 = qa.inner[27];
                CoopC _e3223 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3221, kt_93, _e3223);
            }
            {
                metal::simdgroup_half8x8 kt_94 = NagaCooperativeLoad(&wg.mh.inner[6616], 136u, true);
                CoopA _e3232 = qa.inner[11];
                CoopC _e3234 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3232, kt_94, _e3234);
                CoopA _e3238 = qa.inner[27];
                CoopC _e3240 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3238, kt_94, _e3240);
            }
            {
                metal::simdgroup_half8x8 kt_95 = NagaCooperativeLoad(&wg.mh.inner[7704], 136u, true);
                CoopA _e3249 = qa.inner[11];
                CoopC _e3251 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3249, kt_95, _e3251);
                CoopA _e3255 = qa.inner[27];
                CoopC _e3257 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3255, kt_95, _e3257);
            }
            {
                metal::simdgroup_half8x8 kt_96 = NagaCooperativeLoad(&wg.mh.inner[96], 136u, true);
                CoopA _e3266 = qa.inner[12];
                CoopC _e3268 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3266, kt_96, _e3268);
                CoopA _e3272 = qa.inner[28];
                CoopC _e3274 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3272, kt_96, _e3274);
            }
            {
                metal::simdgroup_half8x8 kt_97 = NagaCooperativeLoad(&wg.mh.inner[1184], 136u, true);
                CoopA _e3283 = qa.inner[12];
                CoopC _e3285 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3283, kt_97, _e3285);
                CoopA _e3289 = qa.inner[28];
                CoopC _e3291 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3289, kt_97, _e3291);
            }
            {
                metal::simdgroup_half8x8 kt_98 = NagaCooperativeLoad(&wg.mh.inner[2272], 136u, true);
                CoopA _e3300 = qa.inner[12];
                CoopC _e3302 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3300, kt_98, _e3302);
                CoopA _e3306 = qa.inner[28];
                CoopC _e3308 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3306, kt_98, _e3308);
            }
            {
                metal::simdgroup_half8x8 kt_99 = NagaCooperativeLoad(&wg.mh.inner[3360], 136u, true);
                CoopA _e3317 = qa.inner[12];
                CoopC _e3319 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3317, kt_99, _e3319);
                CoopA _e3323 = qa.inner[28];
                CoopC _e3325 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3323, kt_99, _e3325);
            }
            {
                metal::simdgroup_half8x8 kt_100 = NagaCooperativeLoad(&wg.mh.inner[4448], 136u, true);
                CoopA _e3334 = qa.inner[12];
                CoopC _e3336 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3334, kt_100, _e3336);
                CoopA _e3340 = qa.inner[28];
                CoopC _e3342 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3340, kt_100, _e3342);
            }
            {
                metal::simdgroup_half8x8 kt_101 = NagaCooperativeLoad(&wg.mh.inner[5536], 136u, true);
                CoopA _e3351 = qa.inner[12];
                CoopC _e3353 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3351, kt_101, _e3353);
                CoopA _e3357 = qa.inner[28];
                CoopC _e3359 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3357, kt_101, _e3359);
            }
            {
                metal::simdgroup_half8x8 kt_102 = NagaCooperativeLoad(&wg.mh.inner[6624], 136u, true);
                CoopA _e3368 = qa.inner[12];
                CoopC _e3370 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3368, kt_102, _e3370);
                CoopA _e3374 = qa.inner[28];
                CoopC _e3376 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3374, kt_102, _e3376);
            }
            {
                metal::simdgroup_half8x8 kt_103 = NagaCooperativeLoad(&wg.mh.inner[7712], 136u, true);
                CoopA _e3385 = qa.inner[12];
                CoopC _e3387 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3385, kt_103, _e3387);
                CoopA _e3391 = qa.inner[28];
                CoopC _e3393 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3391, kt_103, _e3393);
            }
            {
                metal::simdgroup_half8x8 kt_104 = NagaCooperativeLoad(&wg.mh.inner[104], 136u, true);
                CoopA _e3402 = qa.inner[13];
                CoopC _e3404 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3402, kt_104, _e3404);
                CoopA _e3408 = qa.inner[29];
                CoopC _e3410 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3408, kt_104, _e3410);
            }
            {
                metal::simdgroup_half8x8 kt_105 = NagaCooperativeLoad(&wg.mh.inner[1192], 136u, true);
                CoopA _e3419 = qa.inner[13];
                CoopC _e3421 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3419, kt_105, _e3421);
                CoopA _e3425 = qa.inner[29];
                CoopC _e3427 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3425, kt_105, _e3427);
            }
            {
                metal::simdgroup_half8x8 kt_106 = NagaCooperativeLoad(&wg.mh.inner[2280], 136u, true);
                CoopA _e3436 = qa.inner[13];
                CoopC _e3438 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3436, kt_106, _e3438);
                CoopA _e3442 = qa.inner[29];
                CoopC _e3444 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3442, kt_106, _e3444);
            }
            {
                metal::simdgroup_half8x8 kt_107 = NagaCooperativeLoad(&wg.mh.inner[3368], 136u, true);
                CoopA _e3453 = qa.inner[13];
                CoopC _e3455 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3453, kt_107, _e3455);
                CoopA _e3459 = qa.inner[29];
                CoopC _e3461 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3459, kt_107, _e3461);
            }
            {
                metal::simdgroup_half8x8 kt_108 = NagaCooperativeLoad(&wg.mh.inner[4456], 136u, true);
                CoopA _e3470 = qa.inner[13];
                CoopC _e3472 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3470, kt_108, _e3472);
                CoopA _e3476 = qa.inner[29];
                CoopC _e3478 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3476, kt_108, _e3478);
            }
            {
                metal::simdgroup_half8x8 kt_109 = NagaCooperativeLoad(&wg.mh.inner[5544], 136u, true);
                CoopA _e3487 = qa.inner[13];
                CoopC _e3489 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3487, kt_109, _e3489);
                CoopA _e3493 = qa.inner[29];
                CoopC _e3495 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3493, kt_109, _e3495);
            }
            {
                metal::simdgroup_half8x8 kt_110 = NagaCooperativeLoad(&wg.mh.inner[6632], 136u, true);
                CoopA _e3504 = qa.inner[13];
                CoopC _e3506 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3504, kt_110, _e3506);
                CoopA _e3510 = qa.inner[29];
                CoopC _e3512 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3510, kt_110, _e3512);
            }
            {
                metal::simdgroup_half8x8 kt_111 = NagaCooperativeLoad(&wg.mh.inner[7720], 136u, true);
                CoopA _e3521 = qa.inner[13];
                CoopC _e3523 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3521, kt_111, _e3523);
                CoopA _e3527 = qa.inner[29];
                CoopC _e3529 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3527, kt_111, _e3529);
            }
            {
                metal::simdgroup_half8x8 kt_112 = NagaCooperativeLoad(&wg.mh.inner[112], 136u, true);
                CoopA _e3538 = qa.inner[14];
                CoopC _e3540 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3538, kt_112, _e3540);
                CoopA _e3544 = qa.inner[30];
                CoopC _e3546 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3544, kt_112, _e3546);
            }
            {
                metal::simdgroup_half8x8 kt_113 = NagaCooperativeLoad(&wg.mh.inner[1200], 136u, true);
                CoopA _e3555 = qa.inner[14];
                CoopC _e3557 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3555, kt_113, _e3557);
                CoopA _e3561 = qa.inner[30];
                CoopC _e3563 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3561, kt_113, _e3563);
            }
            {
                metal::simdgroup_half8x8 kt_114 = NagaCooperativeLoad(&wg.mh.inner[2288], 136u, true);
                CoopA _e3572 = qa.inner[14];
                CoopC _e3574 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3572, kt_114, _e3574);
                CoopA _e3578 = qa.inner[30];
                CoopC _e3580 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3578, kt_114, _e3580);
            }
            {
                metal::simdgroup_half8x8 kt_115 = NagaCooperativeLoad(&wg.mh.inner[3376], 136u, true);
                CoopA _e3589 = qa.inner[14];
                CoopC _e3591 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3589, kt_115, _e3591);
                CoopA _e3595 = qa.inner[30];
                CoopC _e3597 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3595, kt_115, _e3597);
            }
            {
                metal::simdgroup_half8x8 kt_116 = NagaCooperativeLoad(&wg.mh.inner[4464], 136u, true);
                CoopA _e3606 = qa.inner[14];
                CoopC _e3608 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3606, kt_116, _e3608);
                CoopA _e3612 = qa.inner[30];
                CoopC _e3614 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3612, kt_116, _e3614);
            }
            {
                metal::simdgroup_half8x8 kt_117 = NagaCooperativeLoad(&wg.mh.inner[5552], 136u, true);
                CoopA _e3623 = qa.inner[14];
                CoopC _e3625 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3623, kt_117, _e3625);
                CoopA _e3629 = qa.inner[30];
                CoopC _e3631 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3629, kt_117, _e3631);
            }
            {
                metal::simdgroup_half8x8 kt_118 = NagaCooperativeLoad(&wg.mh.inner[6640], 136u, true);
                CoopA _e3640 = qa.inner[14];
                CoopC _e3642 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3640, kt_118, _e3642);
                CoopA _e3646 = qa.inner[30];
                CoopC _e3648 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3646, kt_118, _e3648);
            }
            {
                metal::simdgroup_half8x8 kt_119 = NagaCooperativeLoad(&wg.mh.inner[7728], 136u, true);
                CoopA _e3657 = qa.inner[14];
                CoopC _e3659 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3657, kt_119, _e3659);
                CoopA _e3663 = qa.inner[30];
                CoopC _e3665 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3663, kt_119, _e3665);
            }
            {
                metal::simdgroup_half8x8 kt_120 = NagaCooperativeLoad(&wg.mh.inner[120], 136u, true);
                CoopA _e3674 = qa.inner[15];
                CoopC _e3676 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3674, kt_120, _e3676);
                CoopA _e3680 = qa.inner[31];
                CoopC _e3682 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3680, kt_120, _e3682);
            }
            {
                metal::simdgroup_half8x8 kt_121 = NagaCooperativeLoad(&wg.mh.inner[1208], 136u, true);
                CoopA _e3691 = qa.inner[15];
                CoopC _e3693 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3691, kt_121, _e3693);
                CoopA _e3697 = qa.inner[31];
                CoopC _e3699 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3697, kt_121, _e3699);
            }
            {
                metal::simdgroup_half8x8 kt_122 = NagaCooperativeLoad(&wg.mh.inner[2296], 136u, true);
                CoopA _e3708 = qa.inner[15];
                CoopC _e3710 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3708, kt_122, _e3710);
                CoopA _e3714 = qa.inner[31];
                CoopC _e3716 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3714, kt_122, _e3716);
            }
            {
                metal::simdgroup_half8x8 kt_123 = NagaCooperativeLoad(&wg.mh.inner[3384], 136u, true);
                CoopA _e3725 = qa.inner[15];
                CoopC _e3727 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3725, kt_123, _e3727);
                CoopA _e3731 = qa.inner[31];
                CoopC _e3733 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3731, kt_123, _e3733);
            }
            {
                metal::simdgroup_half8x8 kt_124 = NagaCooperativeLoad(&wg.mh.inner[4472], 136u, true);
                CoopA _e3742 = qa.inner[15];
                CoopC _e3744 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3742, kt_124, _e3744);
                CoopA _e3748 = qa.inner[31];
                CoopC _e3750 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3748, kt_124, _e3750);
            }
            {
                metal::simdgroup_half8x8 kt_125 = NagaCooperativeLoad(&wg.mh.inner[5560], 136u, true);
                CoopA _e3759 = qa.inner[15];
                CoopC _e3761 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3759, kt_125, _e3761);
                CoopA _e3765 = qa.inner[31];
                CoopC _e3767 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3765, kt_125, _e3767);
            }
            {
                metal::simdgroup_half8x8 kt_126 = NagaCooperativeLoad(&wg.mh.inner[6648], 136u, true);
                CoopA _e3776 = qa.inner[15];
                CoopC _e3778 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3776, kt_126, _e3778);
                CoopA _e3782 = qa.inner[31];
                CoopC _e3784 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3782, kt_126, _e3784);
            }
            {
                metal::simdgroup_half8x8 kt_127 = NagaCooperativeLoad(&wg.mh.inner[7736], 136u, true);
                CoopA _e3793 = qa.inner[15];
                CoopC _e3795 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3793, kt_127, _e3795);
                CoopA _e3799 = qa.inner[31];
                CoopC _e3801 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3799, kt_127, _e3801);
            }
            CoopC _e3804 = sa.inner[0];
            simdgroup_store(_e3804, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u);
            CoopC _e3820 = sa.inner[1];
            simdgroup_store(_e3820, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u);
            CoopC _e3836 = sa.inner[2];
            simdgroup_store(_e3836, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u);
            CoopC _e3852 = sa.inner[3];
            simdgroup_store(_e3852, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u);
            CoopC _e3868 = sa.inner[4];
            simdgroup_store(_e3868, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u);
            CoopC _e3884 = sa.inner[5];
            simdgroup_store(_e3884, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u);
            CoopC _e3900 = sa.inner[6];
            simdgroup_store(_e3900, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u);
            CoopC _e3916 = sa.inner[7];
            simdgroup_store(_e3916, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u);
            CoopC _e3932 = sa.inner[8];
            simdgroup_store(_e3932, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u);
            CoopC _e3948 = sa.inner[9];
            simdgroup_store(_e3948, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u);
            CoopC _e3964 = sa.inner[10];
            simdgroup_store(_e3964, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u);
            CoopC _e3980 = sa.inner[11];
            simdgroup_store(_e3980, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u);
            CoopC _e3996 = sa.inner[12];
            simdgroup_store(_e3996, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u);
            CoopC _e4012 = sa.inner[13];
            simdgroup_store(_e4012, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u);
            CoopC _e4028 = sa.inner[14];
            simdgroup_store(_e4028, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u);
            CoopC _e4044 = sa.inner[15];
            simdgroup_store(_e4044, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u);
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            uint _e4061 = P.heads_kv;
            uint _e4064 = m_v_row((b_4 * _e4061) + hk, j0_, P);
            vr = type_20 {};
            metal::half4 _e4075 = h_buf[_e4064 + metal::min(lid + 0u, 2047u)];
            vr.inner[0] = _e4075;
            metal::half4 _e4084 = h_buf[_e4064 + metal::min(lid + 64u, 2047u)];
            vr.inner[1] = _e4084;
            metal::half4 _e4093 = h_buf[_e4064 + metal::min(lid + 128u, 2047u)];
            vr.inner[2] = _e4093;
            metal::half4 _e4102 = h_buf[_e4064 + metal::min(lid + 192u, 2047u)];
            vr.inner[3] = _e4102;
            metal::half4 _e4111 = h_buf[_e4064 + metal::min(lid + 256u, 2047u)];
            vr.inner[4] = _e4111;
            metal::half4 _e4120 = h_buf[_e4064 + metal::min(lid + 320u, 2047u)];
            vr.inner[5] = _e4120;
            metal::half4 _e4129 = h_buf[_e4064 + metal::min(lid + 384u, 2047u)];
            vr.inner[6] = _e4129;
            metal::half4 _e4138 = h_buf[_e4064 + metal::min(lid + 448u, 2047u)];
            vr.inner[7] = _e4138;
            metal::half4 _e4147 = h_buf[_e4064 + metal::min(lid + 512u, 2047u)];
            vr.inner[8] = _e4147;
            metal::half4 _e4156 = h_buf[_e4064 + metal::min(lid + 576u, 2047u)];
            vr.inner[9] = _e4156;
            metal::half4 _e4165 = h_buf[_e4064 + metal::min(lid + 640u, 2047u)];
            vr.inner[10] = _e4165;
            metal::half4 _e4174 = h_buf[_e4064 + metal::min(lid + 704u, 2047u)];
            vr.inner[11] = _e4174;
            metal::half4 _e4183 = h_buf[_e4064 + metal::min(lid + 768u, 2047u)];
            vr.inner[12] = _e4183;
            metal::half4 _e4192 = h_buf[_e4064 + metal::min(lid + 832u, 2047u)];
            vr.inner[13] = _e4192;
            metal::half4 _e4201 = h_buf[_e4064 + metal::min(lid + 896u, 2047u)];
            vr.inner[14] = _e4201;
            metal::half4 _e4210 = h_buf[_e4064 + metal::min(lid + 960u, 2047u)];
            vr.inner[15] = _e4210;
            metal::half4 _e4219 = h_buf[_e4064 + metal::min(lid + 1024u, 2047u)];
            vr.inner[16] = _e4219;
            metal::half4 _e4228 = h_buf[_e4064 + metal::min(lid + 1088u, 2047u)];
            vr.inner[17] = _e4228;
            metal::half4 _e4237 = h_buf[_e4064 + metal::min(lid + 1152u, 2047u)];
            vr.inner[18] = _e4237;
            metal::half4 _e4246 = h_buf[_e4064 + metal::min(lid + 1216u, 2047u)];
            vr.inner[19] = _e4246;
            metal::half4 _e4255 = h_buf[_e4064 + metal::min(lid + 1280u, 2047u)];
            vr.inner[20] = _e4255;
            metal::half4 _e4264 = h_buf[_e4064 + metal::min(lid + 1344u, 2047u)];
            vr.inner[21] = _e4264;
            metal::half4 _e4273 = h_buf[_e4064 + metal::min(lid + 1408u, 2047u)];
            vr.inner[22] = _e4273;
            metal::half4 _e4282 = h_buf[_e4064 + metal::min(lid + 1472u, 2047u)];
            vr.inner[23] = _e4282;
            metal::half4 _e4291 = h_buf[_e4064 + metal::min(lid + 1536u, 2047u)];
            vr.inner[24] = _e4291;
            metal::half4 _e4300 = h_buf[_e4064 + metal::min(lid + 1600u, 2047u)];
            vr.inner[25] = _e4300;
            metal::half4 _e4309 = h_buf[_e4064 + metal::min(lid + 1664u, 2047u)];
            vr.inner[26] = _e4309;
            metal::half4 _e4318 = h_buf[_e4064 + metal::min(lid + 1728u, 2047u)];
            vr.inner[27] = _e4318;
            metal::half4 _e4327 = h_buf[_e4064 + metal::min(lid + 1792u, 2047u)];
            vr.inner[28] = _e4327;
            metal::half4 _e4336 = h_buf[_e4064 + metal::min(lid + 1856u, 2047u)];
            vr.inner[29] = _e4336;
            metal::half4 _e4345 = h_buf[_e4064 + metal::min(lid + 1920u, 2047u)];
            vr.inner[30] = _e4345;
            metal::half4 _e4354 = h_buf[_e4064 + metal::min(lid + 1984u, 2047u)];
            vr.inner[31] = _e4354;
            if (_e74) {
                uint _e4361 = P.seq_kv;
                local_2 = (j0_ + MBK) <= _e4361;
            } else {
                local_2 = false;
            }
            bool _e4364 = local_2;
            if (_e4364) {
                int _e4369 = P.has_band_lo;
                if (!((_e4369 == 0))) {
                    int _e4380 = P.band_lo;
                    local_4 = as_type<int>(as_type<uint>(static_cast<int>(j0_)) - as_type<uint>(static_cast<int>(last_row))) >= _e4380;
                } else {
                    local_4 = true;
                }
                bool _e4383 = local_4;
                local_3 = _e4383;
            } else {
                local_3 = false;
            }
            bool _e4385 = local_3;
            if (_e4385) {
                int _e4390 = P.has_band_hi;
                if (!((_e4390 == 0))) {
                    int _e4405 = P.band_hi;
                    local_6 = as_type<int>(as_type<uint>(static_cast<int>((j0_ + MBK) - 1u)) - as_type<uint>(static_cast<int>(i0_))) <= _e4405;
                } else {
                    local_6 = true;
                }
                bool _e4408 = local_6;
                local_5 = _e4408;
            } else {
                local_5 = false;
            }
            bool dense = local_5;
            mx = MASKED;
            xs = type_21 {};
            metal::float4 _e4423 = s_ld4_((er * SS) + ((0u + part) * 4u), wg);
            xs.inner[0] = _e4423;
            if (dense) {
                metal::float4 _e4425 = xs.inner[0];
                xs.inner[0] = _e4425 * scale2_;
            } else {
                metal::float4 _e4434 = xs.inner[0];
                metal::float4 _e4435 = tile_scores4_(b_4, h_6, ei, j0_ + ((0u + part) * 4u), _e4434, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[0] = _e4435;
            }
            float _e4436 = mx;
            float _e4439 = xs.inner[0].x;
            float _e4442 = xs.inner[0].y;
            float _e4446 = xs.inner[0].z;
            float _e4449 = xs.inner[0].w;
            mx = metal::max(_e4436, metal::max(metal::max(_e4439, _e4442), metal::max(_e4446, _e4449)));
            metal::float4 _e4461 = s_ld4_((er * SS) + ((2u + part) * 4u), wg);
            xs.inner[1] = _e4461;
            if (dense) {
                metal::float4 _e4463 = xs.inner[1];
                xs.inner[1] = _e4463 * scale2_;
            } else {
                metal::float4 _e4472 = xs.inner[1];
                metal::float4 _e4473 = tile_scores4_(b_4, h_6, ei, j0_ + ((2u + part) * 4u), _e4472, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[1] = _e4473;
            }
            float _e4474 = mx;
            float _e4477 = xs.inner[1].x;
            float _e4480 = xs.inner[1].y;
            float _e4484 = xs.inner[1].z;
            float _e4487 = xs.inner[1].w;
            mx = metal::max(_e4474, metal::max(metal::max(_e4477, _e4480), metal::max(_e4484, _e4487)));
            metal::float4 _e4499 = s_ld4_((er * SS) + ((4u + part) * 4u), wg);
            xs.inner[2] = _e4499;
            if (dense) {
                metal::float4 _e4501 = xs.inner[2];
                xs.inner[2] = _e4501 * scale2_;
            } else {
                metal::float4 _e4510 = xs.inner[2];
                metal::float4 _e4511 = tile_scores4_(b_4, h_6, ei, j0_ + ((4u + part) * 4u), _e4510, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[2] = _e4511;
            }
            float _e4512 = mx;
            float _e4515 = xs.inner[2].x;
            float _e4518 = xs.inner[2].y;
            float _e4522 = xs.inner[2].z;
            float _e4525 = xs.inner[2].w;
            mx = metal::max(_e4512, metal::max(metal::max(_e4515, _e4518), metal::max(_e4522, _e4525)));
            metal::float4 _e4537 = s_ld4_((er * SS) + ((6u + part) * 4u), wg);
            xs.inner[3] = _e4537;
            if (dense) {
                metal::float4 _e4539 = xs.inner[3];
                xs.inner[3] = _e4539 * scale2_;
            } else {
                metal::float4 _e4548 = xs.inner[3];
                metal::float4 _e4549 = tile_scores4_(b_4, h_6, ei, j0_ + ((6u + part) * 4u), _e4548, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[3] = _e4549;
            }
            float _e4550 = mx;
            float _e4553 = xs.inner[3].x;
            float _e4556 = xs.inner[3].y;
            float _e4560 = xs.inner[3].z;
            float _e4563 = xs.inner[3].w;
            mx = metal::max(_e4550, metal::max(metal::max(_e4553, _e4556), metal::max(_e4560, _e4563)));
            metal::float4 _e4575 = s_ld4_((er * SS) + ((8u + part) * 4u), wg);
            xs.inner[4] = _e4575;
            if (dense) {
                metal::float4 _e4577 = xs.inner[4];
                xs.inner[4] = _e4577 * scale2_;
            } else {
                metal::float4 _e4586 = xs.inner[4];
                metal::float4 _e4587 = tile_scores4_(b_4, h_6, ei, j0_ + ((8u + part) * 4u), _e4586, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[4] = _e4587;
            }
            float _e4588 = mx;
            float _e4591 = xs.inner[4].x;
            float _e4594 = xs.inner[4].y;
            float _e4598 = xs.inner[4].z;
            float _e4601 = xs.inner[4].w;
            mx = metal::max(_e4588, metal::max(metal::max(_e4591, _e4594), metal::max(_e4598, _e4601)));
            metal::float4 _e4613 = s_ld4_((er * SS) + ((10u + part) * 4u), wg);
            xs.inner[5] = _e4613;
            if (dense) {
                metal::float4 _e4615 = xs.inner[5];
                xs.inner[5] = _e4615 * scale2_;
            } else {
                metal::float4 _e4624 = xs.inner[5];
                metal::float4 _e4625 = tile_scores4_(b_4, h_6, ei, j0_ + ((10u + part) * 4u), _e4624, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[5] = _e4625;
            }
            float _e4626 = mx;
            float _e4629 = xs.inner[5].x;
            float _e4632 = xs.inner[5].y;
            float _e4636 = xs.inner[5].z;
            float _e4639 = xs.inner[5].w;
            mx = metal::max(_e4626, metal::max(metal::max(_e4629, _e4632), metal::max(_e4636, _e4639)));
            metal::float4 _e4651 = s_ld4_((er * SS) + ((12u + part) * 4u), wg);
            xs.inner[6] = _e4651;
            if (dense) {
                metal::float4 _e4653 = xs.inner[6];
                xs.inner[6] = _e4653 * scale2_;
            } else {
                metal::float4 _e4662 = xs.inner[6];
                metal::float4 _e4663 = tile_scores4_(b_4, h_6, ei, j0_ + ((12u + part) * 4u), _e4662, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[6] = _e4663;
            }
            float _e4664 = mx;
            float _e4667 = xs.inner[6].x;
            float _e4670 = xs.inner[6].y;
            float _e4674 = xs.inner[6].z;
            float _e4677 = xs.inner[6].w;
            mx = metal::max(_e4664, metal::max(metal::max(_e4667, _e4670), metal::max(_e4674, _e4677)));
            metal::float4 _e4689 = s_ld4_((er * SS) + ((14u + part) * 4u), wg);
            xs.inner[7] = _e4689;
            if (dense) {
                metal::float4 _e4691 = xs.inner[7];
                xs.inner[7] = _e4691 * scale2_;
            } else {
                metal::float4 _e4700 = xs.inner[7];
                metal::float4 _e4701 = tile_scores4_(b_4, h_6, ei, j0_ + ((14u + part) * 4u), _e4700, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[7] = _e4701;
            }
            float _e4702 = mx;
            float _e4705 = xs.inner[7].x;
            float _e4708 = xs.inner[7].y;
            float _e4712 = xs.inner[7].z;
            float _e4715 = xs.inner[7].w;
            mx = metal::max(_e4702, metal::max(metal::max(_e4705, _e4708), metal::max(_e4712, _e4715)));
            float _e4719 = mx;
            float _e4720 = mx;
            float unnamed_1 = metal::simd_shuffle_xor(_e4720, 1u);
            mx = metal::max(_e4719, unnamed_1);
            alpha = 1.0;
            moved = false;
            float _e4728 = mx;
            if (_e4728 > MASKED) {
                float _e4733 = m_run;
                if (!((_e4733 <= MASKED))) {
                    float _e4739 = mx;
                    float _e4740 = m_run;
                    local_8 = _e4739 > (_e4740 + TAU2_);
                } else {
                    local_8 = true;
                }
                bool _e4745 = local_8;
                local_7 = _e4745;
            } else {
                local_7 = false;
            }
            bool _e4747 = local_7;
            if (_e4747) {
                float _e4748 = m_run;
                moved = _e4748 > MASKED;
                float _e4751 = m_run;
                float _e4752 = mx;
                bool _e4755 = moved;
                alpha = _e4755 ? metal::exp2(_e4751 - _e4752) : 0.0;
                float _e4758 = mx;
                m_run = _e4758;
                float _e4759 = l_part;
                float _e4760 = alpha;
                l_part = _e4759 * _e4760;
            }
            if (part == 0u) {
                float _e4767 = alpha;
                wg.mrow.inner[er] = _e4767;
                bool _e4768 = moved;
                if (_e4768) {
                    uint _e4772 = metal::atomic_fetch_or_explicit(&wg.mrescale, 1u, metal::memory_order_relaxed);
                }
            }
            {
                metal::float4 _e4774 = xs.inner[0];
                float _e4775 = m_run;
                p = metal::exp2(_e4774 - metal::float4(_e4775));
                if (!(dense)) {
                    metal::float4 _e4783 = p;
                    metal::float4 _e4785 = xs.inner[0];
                    p = metal::select(metal::float4(0.0), _e4783, _e4785 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4790 = l_part;
                float _e4792 = p.x;
                float _e4794 = p.y;
                float _e4797 = p.z;
                float _e4799 = p.w;
                l_part = _e4790 + ((_e4792 + _e4794) + (_e4797 + _e4799));
                metal::float4 _e4812 = p;
                h_st4_((P_AT + (er * SP)) + ((0u + part) * 4u), static_cast<metal::half4>(_e4812), wg);
            }
            {
                metal::float4 _e4815 = xs.inner[1];
                float _e4816 = m_run;
                p_1 = metal::exp2(_e4815 - metal::float4(_e4816));
                if (!(dense)) {
                    metal::float4 _e4824 = p_1;
                    metal::float4 _e4826 = xs.inner[1];
                    p_1 = metal::select(metal::float4(0.0), _e4824, _e4826 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4831 = l_part;
                float _e4833 = p_1.x;
                float _e4835 = p_1.y;
                float _e4838 = p_1.z;
                float _e4840 = p_1.w;
                l_part = _e4831 + ((_e4833 + _e4835) + (_e4838 + _e4840));
                metal::float4 _e4853 = p_1;
                h_st4_((P_AT + (er * SP)) + ((2u + part) * 4u), static_cast<metal::half4>(_e4853), wg);
            }
            {
                metal::float4 _e4856 = xs.inner[2];
                float _e4857 = m_run;
                p_2 = metal::exp2(_e4856 - metal::float4(_e4857));
                if (!(dense)) {
                    metal::float4 _e4865 = p_2;
                    metal::float4 _e4867 = xs.inner[2];
                    p_2 = metal::select(metal::float4(0.0), _e4865, _e4867 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4872 = l_part;
                float _e4874 = p_2.x;
                float _e4876 = p_2.y;
                float _e4879 = p_2.z;
                float _e4881 = p_2.w;
                l_part = _e4872 + ((_e4874 + _e4876) + (_e4879 + _e4881));
                metal::float4 _e4894 = p_2;
                h_st4_((P_AT + (er * SP)) + ((4u + part) * 4u), static_cast<metal::half4>(_e4894), wg);
            }
            {
                metal::float4 _e4897 = xs.inner[3];
                float _e4898 = m_run;
                p_3 = metal::exp2(_e4897 - metal::float4(_e4898));
                if (!(dense)) {
                    metal::float4 _e4906 = p_3;
                    metal::float4 _e4908 = xs.inner[3];
                    p_3 = metal::select(metal::float4(0.0), _e4906, _e4908 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4913 = l_part;
                float _e4915 = p_3.x;
                float _e4917 = p_3.y;
                float _e4920 = p_3.z;
                float _e4922 = p_3.w;
                l_part = _e4913 + ((_e4915 + _e4917) + (_e4920 + _e4922));
                metal::float4 _e4935 = p_3;
                h_st4_((P_AT + (er * SP)) + ((6u + part) * 4u), static_cast<metal::half4>(_e4935), wg);
            }
            {
                metal::float4 _e4938 = xs.inner[4];
                float _e4939 = m_run;
                p_4 = metal::exp2(_e4938 - metal::float4(_e4939));
                if (!(dense)) {
                    metal::float4 _e4947 = p_4;
                    metal::float4 _e4949 = xs.inner[4];
                    p_4 = metal::select(metal::float4(0.0), _e4947, _e4949 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4954 = l_part;
                float _e4956 = p_4.x;
                float _e4958 = p_4.y;
                float _e4961 = p_4.z;
                float _e4963 = p_4.w;
                l_part = _e4954 + ((_e4956 + _e4958) + (_e4961 + _e4963));
                metal::float4 _e4976 = p_4;
                h_st4_((P_AT + (er * SP)) + ((8u + part) * 4u), static_cast<metal::half4>(_e4976), wg);
            }
            {
                metal::float4 _e4979 = xs.inner[5];
                float _e4980 = m_run;
                p_5 = metal::exp2(_e4979 - metal::float4(_e4980));
                if (!(dense)) {
                    metal::float4 _e4988 = p_5;
                    metal::float4 _e4990 = xs.inner[5];
                    p_5 = metal::select(metal::float4(0.0), _e4988, _e4990 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4995 = l_part;
                float _e4997 = p_5.x;
                float _e4999 = p_5.y;
                float _e5002 = p_5.z;
                float _e5004 = p_5.w;
                l_part = _e4995 + ((_e4997 + _e4999) + (_e5002 + _e5004));
                metal::float4 _e5017 = p_5;
                h_st4_((P_AT + (er * SP)) + ((10u + part) * 4u), static_cast<metal::half4>(_e5017), wg);
            }
            {
                metal::float4 _e5020 = xs.inner[6];
                float _e5021 = m_run;
                p_6 = metal::exp2(_e5020 - metal::float4(_e5021));
                if (!(dense)) {
                    metal::float4 _e5029 = p_6;
                    metal::float4 _e5031 = xs.inner[6];
                    p_6 = metal::select(metal::float4(0.0), _e5029, _e5031 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e5036 = l_part;
                float _e5038 = p_6.x;
                float _e5040 = p_6.y;
                float _e5043 = p_6.z;
                float _e5045 = p_6.w;
                l_part = _e5036 + ((_e5038 + _e5040) + (_e5043 + _e5045));
                metal::float4 _e5058 = p_6;
                h_st4_((P_AT + (er * SP)) + ((12u + part) * 4u), static_cast<metal::half4>(_e5058), wg);
            }
            {
                metal::float4 _e5061 = xs.inner[7];
                float _e5062 = m_run;
                p_7 = metal::exp2(_e5061 - metal::float4(_e5062));
                if (!(dense)) {
                    metal::float4 _e5070 = p_7;
                    metal::float4 _e5072 = xs.inner[7];
                    p_7 = metal::select(metal::float4(0.0), _e5070, _e5072 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e5077 = l_part;
                float _e5079 = p_7.x;
                float _e5081 = p_7.y;
                float _e5084 = p_7.z;
                float _e5086 = p_7.w;
                l_part = _e5077 + ((_e5079 + _e5081) + (_e5084 + _e5086));
                metal::float4 _e5099 = p_7;
                h_st4_((P_AT + (er * SP)) + ((14u + part) * 4u), static_cast<metal::half4>(_e5099), wg);
            }
            {
                uint v_50 = lid + 0u;
                {
                    metal::half4 _e5115 = vr.inner[0];
                    h_st4_((KV_AT + (naga_div(v_50, 32u) * SKV)) + (naga_mod(v_50, 32u) * 4u), _e5115, wg);
                }
            }
            {
                uint v_51 = lid + 64u;
                {
                    metal::half4 _e5130 = vr.inner[1];
                    h_st4_((KV_AT + (naga_div(v_51, 32u) * SKV)) + (naga_mod(v_51, 32u) * 4u), _e5130, wg);
                }
            }
            {
                uint v_52 = lid + 128u;
                {
                    metal::half4 _e5145 = vr.inner[2];
                    h_st4_((KV_AT + (naga_div(v_52, 32u) * SKV)) + (naga_mod(v_52, 32u) * 4u), _e5145, wg);
                }
            }
            {
                uint v_53 = lid + 192u;
                {
                    metal::half4 _e5160 = vr.inner[3];
                    h_st4_((KV_AT + (naga_div(v_53, 32u) * SKV)) + (naga_mod(v_53, 32u) * 4u), _e5160, wg);
                }
            }
            {
                uint v_54 = lid + 256u;
                {
                    metal::half4 _e5175 = vr.inner[4];
                    h_st4_((KV_AT + (naga_div(v_54, 32u) * SKV)) + (naga_mod(v_54, 32u) * 4u), _e5175, wg);
                }
            }
            {
                uint v_55 = lid + 320u;
                {
                    metal::half4 _e5190 = vr.inner[5];
                    h_st4_((KV_AT + (naga_div(v_55, 32u) * SKV)) + (naga_mod(v_55, 32u) * 4u), _e5190, wg);
                }
            }
            {
                uint v_56 = lid + 384u;
                {
                    metal::half4 _e5205 = vr.inner[6];
                    h_st4_((KV_AT + (naga_div(v_56, 32u) * SKV)) + (naga_mod(v_56, 32u) * 4u), _e5205, wg);
                }
            }
            {
                uint v_57 = lid + 448u;
                {
                    metal::half4 _e5220 = vr.inner[7];
                    h_st4_((KV_AT + (naga_div(v_57, 32u) * SKV)) + (naga_mod(v_57, 32u) * 4u), _e5220, wg);
                }
            }
            {
                uint v_58 = lid + 512u;
                {
                    metal::half4 _e5235 = vr.inner[8];
                    h_st4_((KV_AT + (naga_div(v_58, 32u) * SKV)) + (naga_mod(v_58, 32u) * 4u), _e5235, wg);
                }
            }
            {
                uint v_59 = lid + 576u;
                {
                    metal::half4 _e5250 = vr.inner[9];
                    h_st4_((KV_AT + (naga_div(v_59, 32u) * SKV)) + (naga_mod(v_59, 32u) * 4u), _e5250, wg);
                }
            }
            {
                uint v_60 = lid + 640u;
                {
                    metal::half4 _e5265 = vr.inner[10];
                    h_st4_((KV_AT + (naga_div(v_60, 32u) * SKV)) + (naga_mod(v_60, 32u) * 4u), _e5265, wg);
                }
            }
            {
                uint v_61 = lid + 704u;
                {
                    metal::half4 _e5280 = vr.inner[11];
                    h_st4_((KV_AT + (naga_div(v_61, 32u) * SKV)) + (naga_mod(v_61, 32u) * 4u), _e5280, wg);
                }
            }
            {
                uint v_62 = lid + 768u;
                {
                    metal::half4 _e5295 = vr.inner[12];
                    h_st4_((KV_AT + (naga_div(v_62, 32u) * SKV)) + (naga_mod(v_62, 32u) * 4u), _e5295, wg);
                }
            }
            {
                uint v_63 = lid + 832u;
                {
                    metal::half4 _e5310 = vr.inner[13];
                    h_st4_((KV_AT + (naga_div(v_63, 32u) * SKV)) + (naga_mod(v_63, 32u) * 4u), _e5310, wg);
                }
            }
            {
                uint v_64 = lid + 896u;
                {
                    metal::half4 _e5325 = vr.inner[14];
                    h_st4_((KV_AT + (naga_div(v_64, 32u) * SKV)) + (naga_mod(v_64, 32u) * 4u), _e5325, wg);
                }
            }
            {
                uint v_65 = lid + 960u;
                {
                    metal::half4 _e5340 = vr.inner[15];
                    h_st4_((KV_AT + (naga_div(v_65, 32u) * SKV)) + (naga_mod(v_65, 32u) * 4u), _e5340, wg);
                }
            }
            {
                uint v_66 = lid + 1024u;
                {
                    metal::half4 _e5355 = vr.inner[16];
                    h_st4_((KV_AT + (naga_div(v_66, 32u) * SKV)) + (naga_mod(v_66, 32u) * 4u), _e5355, wg);
                }
            }
            {
                uint v_67 = lid + 1088u;
                {
                    metal::half4 _e5370 = vr.inner[17];
                    h_st4_((KV_AT + (naga_div(v_67, 32u) * SKV)) + (naga_mod(v_67, 32u) * 4u), _e5370, wg);
                }
            }
            {
                uint v_68 = lid + 1152u;
                {
                    metal::half4 _e5385 = vr.inner[18];
                    h_st4_((KV_AT + (naga_div(v_68, 32u) * SKV)) + (naga_mod(v_68, 32u) * 4u), _e5385, wg);
                }
            }
            {
                uint v_69 = lid + 1216u;
                {
                    metal::half4 _e5400 = vr.inner[19];
                    h_st4_((KV_AT + (naga_div(v_69, 32u) * SKV)) + (naga_mod(v_69, 32u) * 4u), _e5400, wg);
                }
            }
            {
                uint v_70 = lid + 1280u;
                {
                    metal::half4 _e5415 = vr.inner[20];
                    h_st4_((KV_AT + (naga_div(v_70, 32u) * SKV)) + (naga_mod(v_70, 32u) * 4u), _e5415, wg);
                }
            }
            {
                uint v_71 = lid + 1344u;
                {
                    metal::half4 _e5430 = vr.inner[21];
                    h_st4_((KV_AT + (naga_div(v_71, 32u) * SKV)) + (naga_mod(v_71, 32u) * 4u), _e5430, wg);
                }
            }
            {
                uint v_72 = lid + 1408u;
                {
                    metal::half4 _e5445 = vr.inner[22];
                    h_st4_((KV_AT + (naga_div(v_72, 32u) * SKV)) + (naga_mod(v_72, 32u) * 4u), _e5445, wg);
                }
            }
            {
                uint v_73 = lid + 1472u;
                {
                    metal::half4 _e5460 = vr.inner[23];
                    h_st4_((KV_AT + (naga_div(v_73, 32u) * SKV)) + (naga_mod(v_73, 32u) * 4u), _e5460, wg);
                }
            }
            {
                uint v_74 = lid + 1536u;
                {
                    metal::half4 _e5475 = vr.inner[24];
                    h_st4_((KV_AT + (naga_div(v_74, 32u) * SKV)) + (naga_mod(v_74, 32u) * 4u), _e5475, wg);
                }
            }
            {
                uint v_75 = lid + 1600u;
                {
                    metal::half4 _e5490 = vr.inner[25];
                    h_st4_((KV_AT + (naga_div(v_75, 32u) * SKV)) + (naga_mod(v_75, 32u) * 4u), _e5490, wg);
                }
            }
            {
                uint v_76 = lid + 1664u;
                {
                    metal::half4 _e5505 = vr.inner[26];
                    h_st4_((KV_AT + (naga_div(v_76, 32u) * SKV)) + (naga_mod(v_76, 32u) * 4u), _e5505, wg);
                }
            }
            {
                uint v_77 = lid + 1728u;
                {
                    metal::half4 _e5520 = vr.inner[27];
                    h_st4_((KV_AT + (naga_div(v_77, 32u) * SKV)) + (naga_mod(v_77, 32u) * 4u), _e5520, wg);
                }
            }
            {
                uint v_78 = lid + 1792u;
                {
                    metal::half4 _e5535 = vr.inner[28];
                    h_st4_((KV_AT + (naga_div(v_78, 32u) * SKV)) + (naga_mod(v_78, 32u) * 4u), _e5535, wg);
                }
            }
            {
                uint v_79 = lid + 1856u;
                {
                    metal::half4 _e5550 = vr.inner[29];
                    h_st4_((KV_AT + (naga_div(v_79, 32u) * SKV)) + (naga_mod(v_79, 32u) * 4u), _e5550, wg);
                }
            }
            {
                uint v_80 = lid + 1920u;
                {
                    metal::half4 _e5565 = vr.inner[30];
                    h_st4_((KV_AT + (naga_div(v_80, 32u) * SKV)) + (naga_mod(v_80, 32u) * 4u), _e5565, wg);
                }
            }
            {
                uint v_81 = lid + 1984u;
                {
                    metal::half4 _e5580 = vr.inner[31];
                    h_st4_((KV_AT + (naga_div(v_81, 32u) * SKV)) + (naga_mod(v_81, 32u) * 4u), _e5580, wg);
                }
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            uint unnamed_2 = metal::atomic_load_explicit(&wg.mrescale, metal::memory_order_relaxed);
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            if (lid == 0u) {
                metal::atomic_store_explicit(&wg.mrescale, 0u, metal::memory_order_relaxed);
            }
            if (unnamed_2 != 0u) {
                CoopC _e5592 = o.inner[0];
                simdgroup_store(_e5592, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u);
                CoopC _e5608 = o.inner[1];
                simdgroup_store(_e5608, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u);
                CoopC _e5624 = o.inner[2];
                simdgroup_store(_e5624, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u);
                CoopC _e5640 = o.inner[3];
                simdgroup_store(_e5640, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u);
                CoopC _e5656 = o.inner[4];
                simdgroup_store(_e5656, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u);
                CoopC _e5672 = o.inner[5];
                simdgroup_store(_e5672, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u);
                CoopC _e5688 = o.inner[6];
                simdgroup_store(_e5688, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u);
                CoopC _e5704 = o.inner[7];
                simdgroup_store(_e5704, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u);
                CoopC _e5720 = o.inner[16];
                simdgroup_store(_e5720, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u);
                CoopC _e5736 = o.inner[17];
                simdgroup_store(_e5736, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u);
                CoopC _e5752 = o.inner[18];
                simdgroup_store(_e5752, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u);
                CoopC _e5768 = o.inner[19];
                simdgroup_store(_e5768, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u);
                CoopC _e5784 = o.inner[20];
                simdgroup_store(_e5784, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u);
                CoopC _e5800 = o.inner[21];
                simdgroup_store(_e5800, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u);
                CoopC _e5816 = o.inner[22];
                simdgroup_store(_e5816, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u);
                CoopC _e5832 = o.inner[23];
                simdgroup_store(_e5832, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u);
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                x_1 = lid;
                uint2 loop_bound_4 = uint2(4294967295u);
                bool loop_init_4 = true;
                while(true) {
                    if (metal::all(loop_bound_4 == uint2(0u))) { break; }
                    loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
                    if (!loop_init_4) {
                        uint _e5869 = x_1;
                        x_1 = _e5869 + NT;
                    }
                    loop_init_4 = false;
                    uint _e5848 = x_1;
                    if (_e5848 < 2048u) {
                    } else {
                        break;
                    }
                    {
                        uint _e5851 = x_1;
                        uint _e5856 = x_1;
                        uint at_5 = (naga_div(_e5851, MBK) * SS) + naga_mod(_e5856, MBK);
                        float _e5860 = s_ld(at_5, wg);
                        uint _e5863 = x_1;
                        float _e5867 = wg.mrow.inner[naga_div(_e5863, MBK)];
                        s_st(at_5, _e5860 * _e5867, wg);
                    }
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                o.inner[0] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u, false);
                o.inner[1] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u, false);
                o.inner[2] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u, false);
                o.inner[3] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u, false);
                o.inner[4] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u, false);
                o.inner[5] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u, false);
                o.inner[6] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u, false);
                o.inner[7] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u, false);
                o.inner[16] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u, false);
                o.inner[17] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u, false);
                o.inner[18] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u, false);
                o.inner[19] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u, false);
                o.inner[20] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u, false);
                o.inner[21] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u, false);
                o.inner[22] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u, false);
                o.inner[23] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u, false);
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                CoopC _e6129 = o.inner[8];
                simdgroup_store(_e6129, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u);
                CoopC _e6145 = o.inner[9];
                simdgroup_store(_e6145, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u);
                CoopC _e6161 = o.inner[10];
                simdgroup_store(_e6161, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u);
                CoopC _e6177 = o.inner[11];
                simdgroup_store(_e6177, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u);
                CoopC _e6193 = o.inner[12];
                simdgroup_store(_e6193, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u);
                CoopC _e6209 = o.inner[13];
                simdgroup_store(_e6209, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u);
                CoopC _e6225 = o.inner[14];
                simdgroup_store(_e6225, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u);
                CoopC _e6241 = o.inner[15];
                simdgroup_store(_e6241, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u);
                CoopC _e6257 = o.inner[24];
                simdgroup_store(_e6257, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u);
                CoopC _e6273 = o.inner[25];
                simdgroup_store(_e6273, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u);
                CoopC _e6289 = o.inner[26];
                simdgroup_store(_e6289, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u);
                CoopC _e6305 = o.inner[27];
                simdgroup_store(_e6305, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u);
                CoopC _e6321 = o.inner[28];
                simdgroup_store(_e6321, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u);
                CoopC _e6337 = o.inner[29];
                simdgroup_store(_e6337, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u);
                CoopC _e6353 = o.inner[30];
                simdgroup_store(_e6353, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u);
                CoopC _e6369 = o.inner[31];
                simdgroup_store(_e6369, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u);
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                x_2 = lid;
                uint2 loop_bound_5 = uint2(4294967295u);
                bool loop_init_5 = true;
                while(true) {
                    if (metal::all(loop_bound_5 == uint2(0u))) { break; }
                    loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                    if (!loop_init_5) {
                        uint _e6406 = x_2;
                        x_2 = _e6406 + NT;
                    }
                    loop_init_5 = false;
                    uint _e6385 = x_2;
                    if (_e6385 < 2048u) {
                    } else {
                        break;
                    }
                    {
                        uint _e6388 = x_2;
                        uint _e6393 = x_2;
                        uint at_6 = (naga_div(_e6388, MBK) * SS) + naga_mod(_e6393, MBK);
                        float _e6397 = s_ld(at_6, wg);
                        uint _e6400 = x_2;
                        float _e6404 = wg.mrow.inner[naga_div(_e6400, MBK)];
                        s_st(at_6, _e6397 * _e6404, wg);
                    }
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                o.inner[8] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u, false);
                o.inner[9] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u, false);
                o.inner[10] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u, false);
                o.inner[11] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u, false);
                o.inner[12] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u, false);
                o.inner[13] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u, false);
                o.inner[14] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u, false);
                o.inner[15] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u, false);
                o.inner[24] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u, false);
                o.inner[25] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u, false);
                o.inner[26] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u, false);
                o.inner[27] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u, false);
                o.inner[28] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u, false);
                o.inner[29] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u, false);
                o.inner[30] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u, false);
                o.inner[31] = NagaCooperativeLoad(&wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u, false);
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            }
            {
                metal::simdgroup_half8x8 pa = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 0u, HV)], 72u, false);
                CoopC _e6689 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[0], 136u, false), _e6689);
                CoopC _e6698 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[8], 136u, false), _e6698);
                CoopC _e6707 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[16], 136u, false), _e6707);
                CoopC _e6716 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[24], 136u, false), _e6716);
                CoopC _e6725 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[32], 136u, false), _e6725);
                CoopC _e6734 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[40], 136u, false), _e6734);
                CoopC _e6743 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[48], 136u, false), _e6743);
                CoopC _e6752 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[56], 136u, false), _e6752);
                CoopC _e6761 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[64], 136u, false), _e6761);
                CoopC _e6770 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[72], 136u, false), _e6770);
                CoopC _e6779 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[80], 136u, false), _e6779);
                CoopC _e6788 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[88], 136u, false), _e6788);
                CoopC _e6797 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[96], 136u, false), _e6797);
                CoopC _e6806 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[104], 136u, false), _e6806);
                CoopC _e6815 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[112], 136u, false), _e6815);
                CoopC _e6824 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[120], 136u, false), _e6824);
            }
            {
                metal::simdgroup_half8x8 pa_1 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 0u, HV)], 72u, false);
                CoopC _e6850 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[0], 136u, false), _e6850);
                CoopC _e6859 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[8], 136u, false), _e6859);
                CoopC _e6868 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[16], 136u, false), _e6868);
                CoopC _e6877 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[24], 136u, false), _e6877);
                CoopC _e6886 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[32], 136u, false), _e6886);
                CoopC _e6895 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[40], 136u, false), _e6895);
                CoopC _e6904 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[48], 136u, false), _e6904);
                CoopC _e6913 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[56], 136u, false), _e6913);
                CoopC _e6922 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[64], 136u, false), _e6922);
                CoopC _e6931 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[72], 136u, false), _e6931);
                CoopC _e6940 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[80], 136u, false), _e6940);
                CoopC _e6949 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[88], 136u, false), _e6949);
                CoopC _e6958 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[96], 136u, false), _e6958);
                CoopC _e6967 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[104], 136u, false), _e6967);
                CoopC _e6976 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[112], 136u, false), _e6976);
                CoopC _e6985 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[120], 136u, false), _e6985);
            }
            {
                metal::simdgroup_half8x8 pa_2 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 8u, HV)], 72u, false);
                CoopC _e7011 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1088], 136u, false), _e7011);
                CoopC _e7020 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1096], 136u, false), _e7020);
                CoopC _e7029 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1104], 136u, false), _e7029);
                CoopC _e7038 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1112], 136u, false), _e7038);
                CoopC _e7047 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1120], 136u, false), _e7047);
                CoopC _e7056 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1128], 136u, false), _e7056);
                CoopC _e7065 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1136], 136u, false), _e7065);
                CoopC _e7074 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1144], 136u, false), _e7074);
                CoopC _e7083 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1152], 136u, false), _e7083);
                CoopC _e7092 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1160], 136u, false), _e7092);
                CoopC _e7101 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1168], 136u, false), _e7101);
                CoopC _e7110 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1176], 136u, false), _e7110);
                CoopC _e7119 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1184], 136u, false), _e7119);
                CoopC _e7128 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1192], 136u, false), _e7128);
                CoopC _e7137 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1200], 136u, false), _e7137);
                CoopC _e7146 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1208], 136u, false), _e7146);
            }
            {
                metal::simdgroup_half8x8 pa_3 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 8u, HV)], 72u, false);
                CoopC _e7172 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1088], 136u, false), _e7172);
                CoopC _e7181 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1096], 136u, false), _e7181);
                CoopC _e7190 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1104], 136u, false), _e7190);
                CoopC _e7199 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1112], 136u, false), _e7199);
                CoopC _e7208 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1120], 136u, false), _e7208);
                CoopC _e7217 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1128], 136u, false), _e7217);
                CoopC _e7226 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1136], 136u, false), _e7226);
                CoopC _e7235 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1144], 136u, false), _e7235);
                CoopC _e7244 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1152], 136u, false), _e7244);
                CoopC _e7253 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1160], 136u, false), _e7253);
                CoopC _e7262 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1168], 136u, false), _e7262);
                CoopC _e7271 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1176], 136u, false), _e7271);
                CoopC _e7280 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1184], 136u, false), _e7280);
                CoopC _e7289 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1192], 136u, false), _e7289);
                CoopC _e7298 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1200], 136u, false), _e7298);
                CoopC _e7307 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1208], 136u, false), _e7307);
            }
            {
                metal::simdgroup_half8x8 pa_4 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 16u, HV)], 72u, false);
                CoopC _e7333 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2176], 136u, false), _e7333);
                CoopC _e7342 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2184], 136u, false), _e7342);
                CoopC _e7351 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2192], 136u, false), _e7351);
                CoopC _e7360 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2200], 136u, false), _e7360);
                CoopC _e7369 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2208], 136u, false), _e7369);
                CoopC _e7378 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2216], 136u, false), _e7378);
                CoopC _e7387 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2224], 136u, false), _e7387);
                CoopC _e7396 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2232], 136u, false), _e7396);
                CoopC _e7405 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2240], 136u, false), _e7405);
                CoopC _e7414 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2248], 136u, false), _e7414);
                CoopC _e7423 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2256], 136u, false), _e7423);
                CoopC _e7432 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2264], 136u, false), _e7432);
                CoopC _e7441 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2272], 136u, false), _e7441);
                CoopC _e7450 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2280], 136u, false), _e7450);
                CoopC _e7459 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2288], 136u, false), _e7459);
                CoopC _e7468 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2296], 136u, false), _e7468);
            }
            {
                metal::simdgroup_half8x8 pa_5 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 16u, HV)], 72u, false);
                CoopC _e7494 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2176], 136u, false), _e7494);
                CoopC _e7503 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2184], 136u, false), _e7503);
                CoopC _e7512 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2192], 136u, false), _e7512);
                CoopC _e7521 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2200], 136u, false), _e7521);
                CoopC _e7530 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2208], 136u, false), _e7530);
                CoopC _e7539 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2216], 136u, false), _e7539);
                CoopC _e7548 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2224], 136u, false), _e7548);
                CoopC _e7557 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2232], 136u, false), _e7557);
                CoopC _e7566 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2240], 136u, false), _e7566);
                CoopC _e7575 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2248], 136u, false), _e7575);
                CoopC _e7584 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2256], 136u, false), _e7584);
                CoopC _e7593 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2264], 136u, false), _e7593);
                CoopC _e7602 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2272], 136u, false), _e7602);
                CoopC _e7611 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2280], 136u, false), _e7611);
                CoopC _e7620 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2288], 136u, false), _e7620);
                CoopC _e7629 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2296], 136u, false), _e7629);
            }
            {
                metal::simdgroup_half8x8 pa_6 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 24u, HV)], 72u, false);
                CoopC _e7655 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3264], 136u, false), _e7655);
                CoopC _e7664 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3272], 136u, false), _e7664);
                CoopC _e7673 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3280], 136u, false), _e7673);
                CoopC _e7682 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3288], 136u, false), _e7682);
                CoopC _e7691 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3296], 136u, false), _e7691);
                CoopC _e7700 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3304], 136u, false), _e7700);
                CoopC _e7709 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3312], 136u, false), _e7709);
                CoopC _e7718 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3320], 136u, false), _e7718);
                CoopC _e7727 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3328], 136u, false), _e7727);
                CoopC _e7736 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3336], 136u, false), _e7736);
                CoopC _e7745 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3344], 136u, false), _e7745);
                CoopC _e7754 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3352], 136u, false), _e7754);
                CoopC _e7763 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3360], 136u, false), _e7763);
                CoopC _e7772 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3368], 136u, false), _e7772);
                CoopC _e7781 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3376], 136u, false), _e7781);
                CoopC _e7790 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3384], 136u, false), _e7790);
            }
            {
                metal::simdgroup_half8x8 pa_7 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 24u, HV)], 72u, false);
                CoopC _e7816 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3264], 136u, false), _e7816);
                CoopC _e7825 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3272], 136u, false), _e7825);
                CoopC _e7834 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3280], 136u, false), _e7834);
                CoopC _e7843 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3288], 136u, false), _e7843);
                CoopC _e7852 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3296], 136u, false), _e7852);
                CoopC _e7861 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3304], 136u, false), _e7861);
                CoopC _e7870 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3312], 136u, false), _e7870);
                CoopC _e7879 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3320], 136u, false), _e7879);
                CoopC _e7888 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3328], 136u, false), _e7888);
                CoopC _e7897 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3336], 136u, false), _e7897);
                CoopC _e7906 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3344], 136u, false), _e7906);
                CoopC _e7915 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3352], 136u, false), _e7915);
                CoopC _e7924 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3360], 136u, false), _e7924);
                CoopC _e7933 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3368], 136u, false), _e7933);
                CoopC _e7942 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3376], 136u, false), _e7942);
                CoopC _e7951 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3384], 136u, false), _e7951);
            }
            {
                metal::simdgroup_half8x8 pa_8 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 32u, HV)], 72u, false);
                CoopC _e7977 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4352], 136u, false), _e7977);
                CoopC _e7986 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4360], 136u, false), _e7986);
                CoopC _e7995 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4368], 136u, false), _e7995);
                CoopC _e8004 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4376], 136u, false), _e8004);
                CoopC _e8013 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4384], 136u, false), _e8013);
                CoopC _e8022 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4392], 136u, false), _e8022);
                CoopC _e8031 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4400], 136u, false), _e8031);
                CoopC _e8040 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4408], 136u, false), _e8040);
                CoopC _e8049 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4416], 136u, false), _e8049);
                CoopC _e8058 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4424], 136u, false), _e8058);
                CoopC _e8067 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4432], 136u, false), _e8067);
                CoopC _e8076 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4440], 136u, false), _e8076);
                CoopC _e8085 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4448], 136u, false), _e8085);
                CoopC _e8094 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4456], 136u, false), _e8094);
                CoopC _e8103 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4464], 136u, false), _e8103);
                CoopC _e8112 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4472], 136u, false), _e8112);
            }
            {
                metal::simdgroup_half8x8 pa_9 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 32u, HV)], 72u, false);
                CoopC _e8138 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4352], 136u, false), _e8138);
                CoopC _e8147 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4360], 136u, false), _e8147);
                CoopC _e8156 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4368], 136u, false), _e8156);
                CoopC _e8165 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4376], 136u, false), _e8165);
                CoopC _e8174 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4384], 136u, false), _e8174);
                CoopC _e8183 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4392], 136u, false), _e8183);
                CoopC _e8192 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4400], 136u, false), _e8192);
                CoopC _e8201 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4408], 136u, false), _e8201);
                CoopC _e8210 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4416], 136u, false), _e8210);
                CoopC _e8219 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4424], 136u, false), _e8219);
                CoopC _e8228 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4432], 136u, false), _e8228);
                CoopC _e8237 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4440], 136u, false), _e8237);
                CoopC _e8246 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4448], 136u, false), _e8246);
                CoopC _e8255 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4456], 136u, false), _e8255);
                CoopC _e8264 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4464], 136u, false), _e8264);
                CoopC _e8273 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4472], 136u, false), _e8273);
            }
            {
                metal::simdgroup_half8x8 pa_10 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 40u, HV)], 72u, false);
                CoopC _e8299 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5440], 136u, false), _e8299);
                CoopC _e8308 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5448], 136u, false), _e8308);
                CoopC _e8317 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5456], 136u, false), _e8317);
                CoopC _e8326 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5464], 136u, false), _e8326);
                CoopC _e8335 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5472], 136u, false), _e8335);
                CoopC _e8344 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5480], 136u, false), _e8344);
                CoopC _e8353 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5488], 136u, false), _e8353);
                CoopC _e8362 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5496], 136u, false), _e8362);
                CoopC _e8371 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5504], 136u, false), _e8371);
                CoopC _e8380 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5512], 136u, false), _e8380);
                CoopC _e8389 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5520], 136u, false), _e8389);
                CoopC _e8398 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5528], 136u, false), _e8398);
                CoopC _e8407 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5536], 136u, false), _e8407);
                CoopC _e8416 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5544], 136u, false), _e8416);
                CoopC _e8425 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5552], 136u, false), _e8425);
                CoopC _e8434 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5560], 136u, false), _e8434);
            }
            {
                metal::simdgroup_half8x8 pa_11 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 40u, HV)], 72u, false);
                CoopC _e8460 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5440], 136u, false), _e8460);
                CoopC _e8469 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5448], 136u, false), _e8469);
                CoopC _e8478 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5456], 136u, false), _e8478);
                CoopC _e8487 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5464], 136u, false), _e8487);
                CoopC _e8496 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5472], 136u, false), _e8496);
                CoopC _e8505 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5480], 136u, false), _e8505);
                CoopC _e8514 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5488], 136u, false), _e8514);
                CoopC _e8523 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5496], 136u, false), _e8523);
                CoopC _e8532 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5504], 136u, false), _e8532);
                CoopC _e8541 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5512], 136u, false), _e8541);
                CoopC _e8550 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5520], 136u, false), _e8550);
                CoopC _e8559 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5528], 136u, false), _e8559);
                CoopC _e8568 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5536], 136u, false), _e8568);
                CoopC _e8577 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5544], 136u, false), _e8577);
                CoopC _e8586 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5552], 136u, false), _e8586);
                CoopC _e8595 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5560], 136u, false), _e8595);
            }
            {
                metal::simdgroup_half8x8 pa_12 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 48u, HV)], 72u, false);
                CoopC _e8621 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6528], 136u, false), _e8621);
                CoopC _e8630 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6536], 136u, false), _e8630);
                CoopC _e8639 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6544], 136u, false), _e8639);
                CoopC _e8648 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6552], 136u, false), _e8648);
                CoopC _e8657 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6560], 136u, false), _e8657);
                CoopC _e8666 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6568], 136u, false), _e8666);
                CoopC _e8675 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6576], 136u, false), _e8675);
                CoopC _e8684 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6584], 136u, false), _e8684);
                CoopC _e8693 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6592], 136u, false), _e8693);
                CoopC _e8702 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6600], 136u, false), _e8702);
                CoopC _e8711 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6608], 136u, false), _e8711);
                CoopC _e8720 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6616], 136u, false), _e8720);
                CoopC _e8729 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6624], 136u, false), _e8729);
                CoopC _e8738 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6632], 136u, false), _e8738);
                CoopC _e8747 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6640], 136u, false), _e8747);
                CoopC _e8756 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6648], 136u, false), _e8756);
            }
            {
                metal::simdgroup_half8x8 pa_13 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 48u, HV)], 72u, false);
                CoopC _e8782 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6528], 136u, false), _e8782);
                CoopC _e8791 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6536], 136u, false), _e8791);
                CoopC _e8800 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6544], 136u, false), _e8800);
                CoopC _e8809 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6552], 136u, false), _e8809);
                CoopC _e8818 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6560], 136u, false), _e8818);
                CoopC _e8827 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6568], 136u, false), _e8827);
                CoopC _e8836 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6576], 136u, false), _e8836);
                CoopC _e8845 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6584], 136u, false), _e8845);
                CoopC _e8854 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6592], 136u, false), _e8854);
                CoopC _e8863 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6600], 136u, false), _e8863);
                CoopC _e8872 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6608], 136u, false), _e8872);
                CoopC _e8881 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6616], 136u, false), _e8881);
                CoopC _e8890 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6624], 136u, false), _e8890);
                CoopC _e8899 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6632], 136u, false), _e8899);
                CoopC _e8908 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6640], 136u, false), _e8908);
                CoopC _e8917 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6648], 136u, false), _e8917);
            }
            {
                metal::simdgroup_half8x8 pa_14 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 56u, HV)], 72u, false);
                CoopC _e8943 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7616], 136u, false), _e8943);
                CoopC _e8952 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7624], 136u, false), _e8952);
                CoopC _e8961 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7632], 136u, false), _e8961);
                CoopC _e8970 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7640], 136u, false), _e8970);
                CoopC _e8979 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7648], 136u, false), _e8979);
                CoopC _e8988 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7656], 136u, false), _e8988);
                CoopC _e8997 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7664], 136u, false), _e8997);
                CoopC _e9006 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7672], 136u, false), _e9006);
                CoopC _e9015 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7680], 136u, false), _e9015);
                CoopC _e9024 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7688], 136u, false), _e9024);
                CoopC _e9033 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7696], 136u, false), _e9033);
                CoopC _e9042 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7704], 136u, false), _e9042);
                CoopC _e9051 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7712], 136u, false), _e9051);
                CoopC _e9060 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7720], 136u, false), _e9060);
                CoopC _e9069 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7728], 136u, false), _e9069);
                CoopC _e9078 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7736], 136u, false), _e9078);
            }
            {
                metal::simdgroup_half8x8 pa_15 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 56u, HV)], 72u, false);
                CoopC _e9104 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7616], 136u, false), _e9104);
                CoopC _e9113 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7624], 136u, false), _e9113);
                CoopC _e9122 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7632], 136u, false), _e9122);
                CoopC _e9131 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7640], 136u, false), _e9131);
                CoopC _e9140 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7648], 136u, false), _e9140);
                CoopC _e9149 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7656], 136u, false), _e9149);
                CoopC _e9158 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7664], 136u, false), _e9158);
                CoopC _e9167 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7672], 136u, false), _e9167);
                CoopC _e9176 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7680], 136u, false), _e9176);
                CoopC _e9185 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7688], 136u, false), _e9185);
                CoopC _e9194 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7696], 136u, false), _e9194);
                CoopC _e9203 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7704], 136u, false), _e9203);
                CoopC _e9212 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7712], 136u, false), _e9212);
                CoopC _e9221 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7720], 136u, false), _e9221);
                CoopC _e9230 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7728], 136u, false), _e9230);
                CoopC _e9239 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7736], 136u, false), _e9239);
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
        }
    }
    float _e9244 = l_part;
    float _e9245 = l_part;
    float unnamed_3 = metal::simd_shuffle_xor(_e9245, 1u);
    float l_row = _e9244 + unnamed_3;
    if (part == 0u) {
        float _e9252 = m_run;
        float _e9255 = m_run;
        m = (_e9255 > MASKED) ? (_e9252 * LN2_) : MASKED;
        l = l_row;
        uint _e9265 = P.has_sinks;
        if (_e9265 != 0u) {
            float _e9268 = sink_of(h_6, P, aux_buf, _buffer_sizes);
            float _e9269 = m;
            float m_fin = metal::max(_e9269, _e9268);
            float _e9271 = m;
            float _e9274 = m;
            float shift = (_e9274 > MASKED) ? metal::exp(_e9271 - m_fin) : 0.0;
            float _e9279 = l;
            l = (_e9279 * shift) + metal::exp(_e9268 - m_fin);
            scale_o = shift;
            m = m_fin;
        }
        float _e9288 = l;
        if (_e9288 > 0.0) {
            float _e9291 = m;
            float _e9292 = l;
            lse = _e9291 + metal::log(_e9292);
            float _e9295 = scale_o;
            float _e9296 = l;
            factor = _e9295 / _e9296;
        }
        float _e9301 = factor;
        wg.mrow.inner[er] = _e9301;
        uint _e9304 = P.seq_q;
        if (ei < _e9304) {
            uint _e9309 = P.lse_at;
            uint _e9312 = P.heads_q;
            uint _e9317 = P.seq_q;
            float _e9322 = lse;
            out_buf[(_e9309 + (((b_4 * _e9312) + h_6) * _e9317)) + ei] = _e9322;
        }
    }
    CoopC _e9324 = o.inner[0];
    simdgroup_store(_e9324, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u);
    CoopC _e9340 = o.inner[1];
    simdgroup_store(_e9340, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u);
    CoopC _e9356 = o.inner[2];
    simdgroup_store(_e9356, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u);
    CoopC _e9372 = o.inner[3];
    simdgroup_store(_e9372, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u);
    CoopC _e9388 = o.inner[4];
    simdgroup_store(_e9388, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u);
    CoopC _e9404 = o.inner[5];
    simdgroup_store(_e9404, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u);
    CoopC _e9420 = o.inner[6];
    simdgroup_store(_e9420, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u);
    CoopC _e9436 = o.inner[7];
    simdgroup_store(_e9436, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u);
    CoopC _e9452 = o.inner[16];
    simdgroup_store(_e9452, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u);
    CoopC _e9468 = o.inner[17];
    simdgroup_store(_e9468, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u);
    CoopC _e9484 = o.inner[18];
    simdgroup_store(_e9484, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u);
    CoopC _e9500 = o.inner[19];
    simdgroup_store(_e9500, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u);
    CoopC _e9516 = o.inner[20];
    simdgroup_store(_e9516, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u);
    CoopC _e9532 = o.inner[21];
    simdgroup_store(_e9532, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u);
    CoopC _e9548 = o.inner[22];
    simdgroup_store(_e9548, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u);
    CoopC _e9564 = o.inner[23];
    simdgroup_store(_e9564, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_3 = lid;
    uint2 loop_bound_6 = uint2(4294967295u);
    bool loop_init_6 = true;
    while(true) {
        if (metal::all(loop_bound_6 == uint2(0u))) { break; }
        loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
        if (!loop_init_6) {
            uint _e9633 = x_3;
            x_3 = _e9633 + NT;
        }
        loop_init_6 = false;
        uint _e9580 = x_3;
        if (_e9580 < 2048u) {
        } else {
            break;
        }
        {
            uint _e9583 = x_3;
            uint r_2 = naga_div(_e9583, MBK);
            uint _e9587 = x_3;
            uint c = 0u + naga_mod(_e9587, MBK);
            uint i_4 = i0_ + r_2;
            uint _e9594 = P.seq_q;
            if (i_4 < _e9594) {
                uint _e9600 = P.head_dim_v;
                local_9 = c < _e9600;
            } else {
                local_9 = false;
            }
            bool _e9603 = local_9;
            if (_e9603) {
                uint _e9607 = P.heads_q;
                uint _e9612 = P.seq_q;
                uint _e9617 = P.head_dim_v;
                uint _e9623 = x_3;
                float _e9627 = s_ld((r_2 * SS) + naga_mod(_e9623, MBK), wg);
                float _e9631 = wg.mrow.inner[r_2];
                out_buf[(((((b_4 * _e9607) + h_6) * _e9612) + i_4) * _e9617) + c] = _e9627 * _e9631;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e9637 = o.inner[8];
    simdgroup_store(_e9637, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u);
    CoopC _e9653 = o.inner[9];
    simdgroup_store(_e9653, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u);
    CoopC _e9669 = o.inner[10];
    simdgroup_store(_e9669, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u);
    CoopC _e9685 = o.inner[11];
    simdgroup_store(_e9685, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u);
    CoopC _e9701 = o.inner[12];
    simdgroup_store(_e9701, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u);
    CoopC _e9717 = o.inner[13];
    simdgroup_store(_e9717, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u);
    CoopC _e9733 = o.inner[14];
    simdgroup_store(_e9733, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u);
    CoopC _e9749 = o.inner[15];
    simdgroup_store(_e9749, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u);
    CoopC _e9765 = o.inner[24];
    simdgroup_store(_e9765, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u);
    CoopC _e9781 = o.inner[25];
    simdgroup_store(_e9781, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u);
    CoopC _e9797 = o.inner[26];
    simdgroup_store(_e9797, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u);
    CoopC _e9813 = o.inner[27];
    simdgroup_store(_e9813, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u);
    CoopC _e9829 = o.inner[28];
    simdgroup_store(_e9829, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u);
    CoopC _e9845 = o.inner[29];
    simdgroup_store(_e9845, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u);
    CoopC _e9861 = o.inner[30];
    simdgroup_store(_e9861, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u);
    CoopC _e9877 = o.inner[31];
    simdgroup_store(_e9877, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_4 = lid;
    uint2 loop_bound_7 = uint2(4294967295u);
    bool loop_init_7 = true;
    while(true) {
        if (metal::all(loop_bound_7 == uint2(0u))) { break; }
        loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
        if (!loop_init_7) {
            uint _e9946 = x_4;
            x_4 = _e9946 + NT;
        }
        loop_init_7 = false;
        uint _e9893 = x_4;
        if (_e9893 < 2048u) {
        } else {
            break;
        }
        {
            uint _e9896 = x_4;
            uint r_3 = naga_div(_e9896, MBK);
            uint _e9900 = x_4;
            uint c_1 = 64u + naga_mod(_e9900, MBK);
            uint i_5 = i0_ + r_3;
            uint _e9907 = P.seq_q;
            if (i_5 < _e9907) {
                uint _e9913 = P.head_dim_v;
                local_10 = c_1 < _e9913;
            } else {
                local_10 = false;
            }
            bool _e9916 = local_10;
            if (_e9916) {
                uint _e9920 = P.heads_q;
                uint _e9925 = P.seq_q;
                uint _e9930 = P.head_dim_v;
                uint _e9936 = x_4;
                float _e9940 = s_ld((r_3 * SS) + naga_mod(_e9936, MBK), wg);
                float _e9944 = wg.mrow.inner[r_3];
                out_buf[(((((b_4 * _e9920) + h_6) * _e9925) + i_5) * _e9930) + c_1] = _e9940 * _e9944;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    return;
}
