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
            h_st4_((Q_AT + (naga_div(v_2, 32u) * SQ)) + (naga_mod(v_2, 32u) * 4u), _e133, wg);
        }
    }
    {
        uint v_3 = lid + 64u;
        {
            metal::half4 _e150 = h_buf[_e116 + v_3];
            h_st4_((Q_AT + (naga_div(v_3, 32u) * SQ)) + (naga_mod(v_3, 32u) * 4u), _e150, wg);
        }
    }
    {
        uint v_4 = lid + 128u;
        {
            metal::half4 _e167 = h_buf[_e116 + v_4];
            h_st4_((Q_AT + (naga_div(v_4, 32u) * SQ)) + (naga_mod(v_4, 32u) * 4u), _e167, wg);
        }
    }
    {
        uint v_5 = lid + 192u;
        {
            metal::half4 _e184 = h_buf[_e116 + v_5];
            h_st4_((Q_AT + (naga_div(v_5, 32u) * SQ)) + (naga_mod(v_5, 32u) * 4u), _e184, wg);
        }
    }
    {
        uint v_6 = lid + 256u;
        {
            metal::half4 _e201 = h_buf[_e116 + v_6];
            h_st4_((Q_AT + (naga_div(v_6, 32u) * SQ)) + (naga_mod(v_6, 32u) * 4u), _e201, wg);
        }
    }
    {
        uint v_7 = lid + 320u;
        {
            metal::half4 _e218 = h_buf[_e116 + v_7];
            h_st4_((Q_AT + (naga_div(v_7, 32u) * SQ)) + (naga_mod(v_7, 32u) * 4u), _e218, wg);
        }
    }
    {
        uint v_8 = lid + 384u;
        {
            metal::half4 _e235 = h_buf[_e116 + v_8];
            h_st4_((Q_AT + (naga_div(v_8, 32u) * SQ)) + (naga_mod(v_8, 32u) * 4u), _e235, wg);
        }
    }
    {
        uint v_9 = lid + 448u;
        {
            metal::half4 _e252 = h_buf[_e116 + v_9];
            h_st4_((Q_AT + (naga_div(v_9, 32u) * SQ)) + (naga_mod(v_9, 32u) * 4u), _e252, wg);
        }
    }
    {
        uint v_10 = lid + 512u;
        {
            metal::half4 _e269 = h_buf[_e116 + v_10];
            h_st4_((Q_AT + (naga_div(v_10, 32u) * SQ)) + (naga_mod(v_10, 32u) * 4u), _e269, wg);
        }
    }
    {
        uint v_11 = lid + 576u;
        {
            metal::half4 _e286 = h_buf[_e116 + v_11];
            h_st4_((Q_AT + (naga_div(v_11, 32u) * SQ)) + (naga_mod(v_11, 32u) * 4u), _e286, wg);
        }
    }
    {
        uint v_12 = lid + 640u;
        {
            metal::half4 _e303 = h_buf[_e116 + v_12];
            h_st4_((Q_AT + (naga_div(v_12, 32u) * SQ)) + (naga_mod(v_12, 32u) * 4u), _e303, wg);
        }
    }
    {
        uint v_13 = lid + 704u;
        {
            metal::half4 _e320 = h_buf[_e116 + v_13];
            h_st4_((Q_AT + (naga_div(v_13, 32u) * SQ)) + (naga_mod(v_13, 32u) * 4u), _e320, wg);
        }
    }
    {
        uint v_14 = lid + 768u;
        {
            metal::half4 _e337 = h_buf[_e116 + v_14];
            h_st4_((Q_AT + (naga_div(v_14, 32u) * SQ)) + (naga_mod(v_14, 32u) * 4u), _e337, wg);
        }
    }
    {
        uint v_15 = lid + 832u;
        {
            metal::half4 _e354 = h_buf[_e116 + v_15];
            h_st4_((Q_AT + (naga_div(v_15, 32u) * SQ)) + (naga_mod(v_15, 32u) * 4u), _e354, wg);
        }
    }
    {
        uint v_16 = lid + 896u;
        {
            metal::half4 _e371 = h_buf[_e116 + v_16];
            h_st4_((Q_AT + (naga_div(v_16, 32u) * SQ)) + (naga_mod(v_16, 32u) * 4u), _e371, wg);
        }
    }
    {
        uint v_17 = lid + 960u;
        {
            metal::half4 _e388 = h_buf[_e116 + v_17];
            h_st4_((Q_AT + (naga_div(v_17, 32u) * SQ)) + (naga_mod(v_17, 32u) * 4u), _e388, wg);
        }
    }
    x = lid;
    uint2 loop_bound_1 = uint2(4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (metal::all(loop_bound_1 == uint2(0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e398 = x;
            x = _e398 + NT;
        }
        loop_init_1 = false;
        uint _e390 = x;
        if (_e390 < 64u) {
        } else {
            break;
        }
        {
            uint _e395 = x;
            wg.mzero.inner[_e395] = 0.0;
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
    int _e1036 = k_begin;
    k0_ = _e1036;
    uint2 loop_bound_2 = uint2(4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (metal::all(loop_bound_2 == uint2(0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            int _e9272 = k0_;
            k0_ = as_type<int>(as_type<uint>(_e9272) + as_type<uint>(64));
        }
        loop_init_2 = false;
        int _e1038 = k0_;
        int _e1039 = k_end;
        if (_e1038 < _e1039) {
        } else {
            break;
        }
        {
            int _e1041 = k0_;
            uint j0_ = static_cast<uint>(_e1041);
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
                        uint _e1068 = e;
                        e = _e1068 + 1u;
                    }
                    loop_init_3 = false;
                    uint _e1054 = e;
                    if (_e1054 < 32u) {
                    } else {
                        break;
                    }
                    {
                        bool _e1057 = any;
                        if (!(_e1057)) {
                            uint _e1062 = e;
                            bool _e1064 = visible(b_4, h_6, i0_ + lr, lk + _e1062, P, mask_buf, blocks_buf, _buffer_sizes);
                            local_4 = _e1064;
                        } else {
                            local_4 = true;
                        }
                        bool _e1066 = local_4;
                        any = _e1066;
                    }
                }
                bool _e1070 = any;
                if (_e1070) {
                    uint _e1074 = metal::atomic_fetch_or_explicit(&wg.mlive_flag, 1u, metal::memory_order_relaxed);
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                if (lid == 0u) {
                    uint _e1081 = metal::atomic_load_explicit(&wg.mlive_flag, metal::memory_order_relaxed);
                    wg.mlive = _e1081;
                    metal::atomic_store_explicit(&wg.mlive_flag, 0u, metal::memory_order_relaxed);
                }
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                uint unnamed = wg.mlive;
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                if (unnamed == 0u) {
                    continue;
                }
            }
            uint _e1092 = P.heads_kv;
            uint _e1095 = m_k_row((b_4 * _e1092) + hk, j0_, P);
            {
                uint v_18 = lid + 0u;
                {
                    metal::half4 _e1112 = h_buf[_e1095 + v_18];
                    h_st4_((KV_AT + (naga_div(v_18, 32u) * SKV)) + (naga_mod(v_18, 32u) * 4u), _e1112, wg);
                }
            }
            {
                uint v_19 = lid + 64u;
                {
                    metal::half4 _e1129 = h_buf[_e1095 + v_19];
                    h_st4_((KV_AT + (naga_div(v_19, 32u) * SKV)) + (naga_mod(v_19, 32u) * 4u), _e1129, wg);
                }
            }
            {
                uint v_20 = lid + 128u;
                {
                    metal::half4 _e1146 = h_buf[_e1095 + v_20];
                    h_st4_((KV_AT + (naga_div(v_20, 32u) * SKV)) + (naga_mod(v_20, 32u) * 4u), _e1146, wg);
                }
            }
            {
                uint v_21 = lid + 192u;
                {
                    metal::half4 _e1163 = h_buf[_e1095 + v_21];
                    h_st4_((KV_AT + (naga_div(v_21, 32u) * SKV)) + (naga_mod(v_21, 32u) * 4u), _e1163, wg);
                }
            }
            {
                uint v_22 = lid + 256u;
                {
                    metal::half4 _e1180 = h_buf[_e1095 + v_22];
                    h_st4_((KV_AT + (naga_div(v_22, 32u) * SKV)) + (naga_mod(v_22, 32u) * 4u), _e1180, wg);
                }
            }
            {
                uint v_23 = lid + 320u;
                {
                    metal::half4 _e1197 = h_buf[_e1095 + v_23];
                    h_st4_((KV_AT + (naga_div(v_23, 32u) * SKV)) + (naga_mod(v_23, 32u) * 4u), _e1197, wg);
                }
            }
            {
                uint v_24 = lid + 384u;
                {
                    metal::half4 _e1214 = h_buf[_e1095 + v_24];
                    h_st4_((KV_AT + (naga_div(v_24, 32u) * SKV)) + (naga_mod(v_24, 32u) * 4u), _e1214, wg);
                }
            }
            {
                uint v_25 = lid + 448u;
                {
                    metal::half4 _e1231 = h_buf[_e1095 + v_25];
                    h_st4_((KV_AT + (naga_div(v_25, 32u) * SKV)) + (naga_mod(v_25, 32u) * 4u), _e1231, wg);
                }
            }
            {
                uint v_26 = lid + 512u;
                {
                    metal::half4 _e1248 = h_buf[_e1095 + v_26];
                    h_st4_((KV_AT + (naga_div(v_26, 32u) * SKV)) + (naga_mod(v_26, 32u) * 4u), _e1248, wg);
                }
            }
            {
                uint v_27 = lid + 576u;
                {
                    metal::half4 _e1265 = h_buf[_e1095 + v_27];
                    h_st4_((KV_AT + (naga_div(v_27, 32u) * SKV)) + (naga_mod(v_27, 32u) * 4u), _e1265, wg);
                }
            }
            {
                uint v_28 = lid + 640u;
                {
                    metal::half4 _e1282 = h_buf[_e1095 + v_28];
                    h_st4_((KV_AT + (naga_div(v_28, 32u) * SKV)) + (naga_mod(v_28, 32u) * 4u), _e1282, wg);
                }
            }
            {
                uint v_29 = lid + 704u;
                {
                    metal::half4 _e1299 = h_buf[_e1095 + v_29];
                    h_st4_((KV_AT + (naga_div(v_29, 32u) * SKV)) + (naga_mod(v_29, 32u) * 4u), _e1299, wg);
                }
            }
            {
                uint v_30 = lid + 768u;
                {
                    metal::half4 _e1316 = h_buf[_e1095 + v_30];
                    h_st4_((KV_AT + (naga_div(v_30, 32u) * SKV)) + (naga_mod(v_30, 32u) * 4u), _e1316, wg);
                }
            }
            {
                uint v_31 = lid + 832u;
                {
                    metal::half4 _e1333 = h_buf[_e1095 + v_31];
                    h_st4_((KV_AT + (naga_div(v_31, 32u) * SKV)) + (naga_mod(v_31, 32u) * 4u), _e1333, wg);
                }
            }
            {
                uint v_32 = lid + 896u;
                {
                    metal::half4 _e1350 = h_buf[_e1095 + v_32];
                    h_st4_((KV_AT + (naga_div(v_32, 32u) * SKV)) + (naga_mod(v_32, 32u) * 4u), _e1350, wg);
                }
            }
            {
                uint v_33 = lid + 960u;
                {
                    metal::half4 _e1367 = h_buf[_e1095 + v_33];
                    h_st4_((KV_AT + (naga_div(v_33, 32u) * SKV)) + (naga_mod(v_33, 32u) * 4u), _e1367, wg);
                }
            }
            {
                uint v_34 = lid + 1024u;
                {
                    metal::half4 _e1384 = h_buf[_e1095 + v_34];
                    h_st4_((KV_AT + (naga_div(v_34, 32u) * SKV)) + (naga_mod(v_34, 32u) * 4u), _e1384, wg);
                }
            }
            {
                uint v_35 = lid + 1088u;
                {
                    metal::half4 _e1401 = h_buf[_e1095 + v_35];
                    h_st4_((KV_AT + (naga_div(v_35, 32u) * SKV)) + (naga_mod(v_35, 32u) * 4u), _e1401, wg);
                }
            }
            {
                uint v_36 = lid + 1152u;
                {
                    metal::half4 _e1418 = h_buf[_e1095 + v_36];
                    h_st4_((KV_AT + (naga_div(v_36, 32u) * SKV)) + (naga_mod(v_36, 32u) * 4u), _e1418, wg);
                }
            }
            {
                uint v_37 = lid + 1216u;
                {
                    metal::half4 _e1435 = h_buf[_e1095 + v_37];
                    h_st4_((KV_AT + (naga_div(v_37, 32u) * SKV)) + (naga_mod(v_37, 32u) * 4u), _e1435, wg);
                }
            }
            {
                uint v_38 = lid + 1280u;
                {
                    metal::half4 _e1452 = h_buf[_e1095 + v_38];
                    h_st4_((KV_AT + (naga_div(v_38, 32u) * SKV)) + (naga_mod(v_38, 32u) * 4u), _e1452, wg);
                }
            }
            {
                uint v_39 = lid + 1344u;
                {
                    metal::half4 _e1469 = h_buf[_e1095 + v_39];
                    h_st4_((KV_AT + (naga_div(v_39, 32u) * SKV)) + (naga_mod(v_39, 32u) * 4u), _e1469, wg);
                }
            }
            {
                uint v_40 = lid + 1408u;
                {
                    metal::half4 _e1486 = h_buf[_e1095 + v_40];
                    h_st4_((KV_AT + (naga_div(v_40, 32u) * SKV)) + (naga_mod(v_40, 32u) * 4u), _e1486, wg);
                }
            }
            {
                uint v_41 = lid + 1472u;
                {
                    metal::half4 _e1503 = h_buf[_e1095 + v_41];
                    h_st4_((KV_AT + (naga_div(v_41, 32u) * SKV)) + (naga_mod(v_41, 32u) * 4u), _e1503, wg);
                }
            }
            {
                uint v_42 = lid + 1536u;
                {
                    metal::half4 _e1520 = h_buf[_e1095 + v_42];
                    h_st4_((KV_AT + (naga_div(v_42, 32u) * SKV)) + (naga_mod(v_42, 32u) * 4u), _e1520, wg);
                }
            }
            {
                uint v_43 = lid + 1600u;
                {
                    metal::half4 _e1537 = h_buf[_e1095 + v_43];
                    h_st4_((KV_AT + (naga_div(v_43, 32u) * SKV)) + (naga_mod(v_43, 32u) * 4u), _e1537, wg);
                }
            }
            {
                uint v_44 = lid + 1664u;
                {
                    metal::half4 _e1554 = h_buf[_e1095 + v_44];
                    h_st4_((KV_AT + (naga_div(v_44, 32u) * SKV)) + (naga_mod(v_44, 32u) * 4u), _e1554, wg);
                }
            }
            {
                uint v_45 = lid + 1728u;
                {
                    metal::half4 _e1571 = h_buf[_e1095 + v_45];
                    h_st4_((KV_AT + (naga_div(v_45, 32u) * SKV)) + (naga_mod(v_45, 32u) * 4u), _e1571, wg);
                }
            }
            {
                uint v_46 = lid + 1792u;
                {
                    metal::half4 _e1588 = h_buf[_e1095 + v_46];
                    h_st4_((KV_AT + (naga_div(v_46, 32u) * SKV)) + (naga_mod(v_46, 32u) * 4u), _e1588, wg);
                }
            }
            {
                uint v_47 = lid + 1856u;
                {
                    metal::half4 _e1605 = h_buf[_e1095 + v_47];
                    h_st4_((KV_AT + (naga_div(v_47, 32u) * SKV)) + (naga_mod(v_47, 32u) * 4u), _e1605, wg);
                }
            }
            {
                uint v_48 = lid + 1920u;
                {
                    metal::half4 _e1622 = h_buf[_e1095 + v_48];
                    h_st4_((KV_AT + (naga_div(v_48, 32u) * SKV)) + (naga_mod(v_48, 32u) * 4u), _e1622, wg);
                }
            }
            {
                uint v_49 = lid + 1984u;
                {
                    metal::half4 _e1639 = h_buf[_e1095 + v_49];
                    h_st4_((KV_AT + (naga_div(v_49, 32u) * SKV)) + (naga_mod(v_49, 32u) * 4u), _e1639, wg);
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
                CoopA _e1665 = qa.inner[0];
                CoopC _e1667 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e1665, kt, _e1667);
                CoopA _e1671 = qa.inner[16];
                CoopC _e1673 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e1671, kt, _e1673);
            }
            {
                metal::simdgroup_half8x8 kt_1 = NagaCooperativeLoad(&wg.mh.inner[1088], 136u, true);
                CoopA _e1682 = qa.inner[0];
                CoopC _e1684 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e1682, kt_1, _e1684);
                CoopA _e1688 = qa.inner[16];
                CoopC _e1690 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e1688, kt_1, _e1690);
            }
            {
                metal::simdgroup_half8x8 kt_2 = NagaCooperativeLoad(&wg.mh.inner[2176], 136u, true);
                CoopA _e1699 = qa.inner[0];
                CoopC _e1701 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e1699, kt_2, _e1701);
                CoopA _e1705 = qa.inner[16];
                CoopC _e1707 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e1705, kt_2, _e1707);
            }
            {
                metal::simdgroup_half8x8 kt_3 = NagaCooperativeLoad(&wg.mh.inner[3264], 136u, true);
                CoopA _e1716 = qa.inner[0];
                CoopC _e1718 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e1716, kt_3, _e1718);
                CoopA _e1722 = qa.inner[16];
                CoopC _e1724 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e1722, kt_3, _e1724);
            }
            {
                metal::simdgroup_half8x8 kt_4 = NagaCooperativeLoad(&wg.mh.inner[4352], 136u, true);
                CoopA _e1733 = qa.inner[0];
                CoopC _e1735 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e1733, kt_4, _e1735);
                CoopA _e1739 = qa.inner[16];
                CoopC _e1741 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e1739, kt_4, _e1741);
            }
            {
                metal::simdgroup_half8x8 kt_5 = NagaCooperativeLoad(&wg.mh.inner[5440], 136u, true);
                CoopA _e1750 = qa.inner[0];
                CoopC _e1752 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e1750, kt_5, _e1752);
                CoopA _e1756 = qa.inner[16];
                CoopC _e1758 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e1756, kt_5, _e1758);
            }
            {
                metal::simdgroup_half8x8 kt_6 = NagaCooperativeLoad(&wg.mh.inner[6528], 136u, true);
                CoopA _e1767 = qa.inner[0];
                CoopC _e1769 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e1767, kt_6, _e1769);
                CoopA _e1773 = qa.inner[16];
                CoopC _e1775 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e1773, kt_6, _e1775);
            }
            {
                metal::simdgroup_half8x8 kt_7 = NagaCooperativeLoad(&wg.mh.inner[7616], 136u, true);
                CoopA _e1784 = qa.inner[0];
                CoopC _e1786 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e1784, kt_7, _e1786);
                CoopA _e1790 = qa.inner[16];
                CoopC _e1792 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e1790, kt_7, _e1792);
            }
            {
                metal::simdgroup_half8x8 kt_8 = NagaCooperativeLoad(&wg.mh.inner[8], 136u, true);
                CoopA _e1801 = qa.inner[1];
                CoopC _e1803 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e1801, kt_8, _e1803);
                CoopA _e1807 = qa.inner[17];
                CoopC _e1809 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e1807, kt_8, _e1809);
            }
            {
                metal::simdgroup_half8x8 kt_9 = NagaCooperativeLoad(&wg.mh.inner[1096], 136u, true);
                CoopA _e1818 = qa.inner[1];
                CoopC _e1820 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e1818, kt_9, _e1820);
                CoopA _e1824 = qa.inner[17];
                CoopC _e1826 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e1824, kt_9, _e1826);
            }
            {
                metal::simdgroup_half8x8 kt_10 = NagaCooperativeLoad(&wg.mh.inner[2184], 136u, true);
                CoopA _e1835 = qa.inner[1];
                CoopC _e1837 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e1835, kt_10, _e1837);
                CoopA _e1841 = qa.inner[17];
                CoopC _e1843 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e1841, kt_10, _e1843);
            }
            {
                metal::simdgroup_half8x8 kt_11 = NagaCooperativeLoad(&wg.mh.inner[3272], 136u, true);
                CoopA _e1852 = qa.inner[1];
                CoopC _e1854 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e1852, kt_11, _e1854);
                CoopA _e1858 = qa.inner[17];
                CoopC _e1860 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e1858, kt_11, _e1860);
            }
            {
                metal::simdgroup_half8x8 kt_12 = NagaCooperativeLoad(&wg.mh.inner[4360], 136u, true);
                CoopA _e1869 = qa.inner[1];
                CoopC _e1871 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e1869, kt_12, _e1871);
                CoopA _e1875 = qa.inner[17];
                CoopC _e1877 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e1875, kt_12, _e1877);
            }
            {
                metal::simdgroup_half8x8 kt_13 = NagaCooperativeLoad(&wg.mh.inner[5448], 136u, true);
                CoopA _e1886 = qa.inner[1];
                CoopC _e1888 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e1886, kt_13, _e1888);
                CoopA _e1892 = qa.inner[17];
                CoopC _e1894 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e1892, kt_13, _e1894);
            }
            {
                metal::simdgroup_half8x8 kt_14 = NagaCooperativeLoad(&wg.mh.inner[6536], 136u, true);
                CoopA _e1903 = qa.inner[1];
                CoopC _e1905 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e1903, kt_14, _e1905);
                CoopA _e1909 = qa.inner[17];
                CoopC _e1911 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e1909, kt_14, _e1911);
            }
            {
                metal::simdgroup_half8x8 kt_15 = NagaCooperativeLoad(&wg.mh.inner[7624], 136u, true);
                CoopA _e1920 = qa.inner[1];
                CoopC _e1922 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e1920, kt_15, _e1922);
                CoopA _e1926 = qa.inner[17];
                CoopC _e1928 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e1926, kt_15, _e1928);
            }
            {
                metal::simdgroup_half8x8 kt_16 = NagaCooperativeLoad(&wg.mh.inner[16], 136u, true);
                CoopA _e1937 = qa.inner[2];
                CoopC _e1939 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e1937, kt_16, _e1939);
                CoopA _e1943 = qa.inner[18];
                CoopC _e1945 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e1943, kt_16, _e1945);
            }
            {
                metal::simdgroup_half8x8 kt_17 = NagaCooperativeLoad(&wg.mh.inner[1104], 136u, true);
                CoopA _e1954 = qa.inner[2];
                CoopC _e1956 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e1954, kt_17, _e1956);
                CoopA _e1960 = qa.inner[18];
                CoopC _e1962 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e1960, kt_17, _e1962);
            }
            {
                metal::simdgroup_half8x8 kt_18 = NagaCooperativeLoad(&wg.mh.inner[2192], 136u, true);
                CoopA _e1971 = qa.inner[2];
                CoopC _e1973 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e1971, kt_18, _e1973);
                CoopA _e1977 = qa.inner[18];
                CoopC _e1979 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e1977, kt_18, _e1979);
            }
            {
                metal::simdgroup_half8x8 kt_19 = NagaCooperativeLoad(&wg.mh.inner[3280], 136u, true);
                CoopA _e1988 = qa.inner[2];
                CoopC _e1990 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e1988, kt_19, _e1990);
                CoopA _e1994 = qa.inner[18];
                CoopC _e1996 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e1994, kt_19, _e1996);
            }
            {
                metal::simdgroup_half8x8 kt_20 = NagaCooperativeLoad(&wg.mh.inner[4368], 136u, true);
                CoopA _e2005 = qa.inner[2];
                CoopC _e2007 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2005, kt_20, _e2007);
                CoopA _e2011 = qa.inner[18];
                CoopC _e2013 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2011, kt_20, _e2013);
            }
            {
                metal::simdgroup_half8x8 kt_21 = NagaCooperativeLoad(&wg.mh.inner[5456], 136u, true);
                CoopA _e2022 = qa.inner[2];
                CoopC _e2024 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2022, kt_21, _e2024);
                CoopA _e2028 = qa.inner[18];
                CoopC _e2030 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2028, kt_21, _e2030);
            }
            {
                metal::simdgroup_half8x8 kt_22 = NagaCooperativeLoad(&wg.mh.inner[6544], 136u, true);
                CoopA _e2039 = qa.inner[2];
                CoopC _e2041 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2039, kt_22, _e2041);
                CoopA _e2045 = qa.inner[18];
                CoopC _e2047 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2045, kt_22, _e2047);
            }
            {
                metal::simdgroup_half8x8 kt_23 = NagaCooperativeLoad(&wg.mh.inner[7632], 136u, true);
                CoopA _e2056 = qa.inner[2];
                CoopC _e2058 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2056, kt_23, _e2058);
                CoopA _e2062 = qa.inner[18];
                CoopC _e2064 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2062, kt_23, _e2064);
            }
            {
                metal::simdgroup_half8x8 kt_24 = NagaCooperativeLoad(&wg.mh.inner[24], 136u, true);
                CoopA _e2073 = qa.inner[3];
                CoopC _e2075 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2073, kt_24, _e2075);
                CoopA _e2079 = qa.inner[19];
                CoopC _e2081 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2079, kt_24, _e2081);
            }
            {
                metal::simdgroup_half8x8 kt_25 = NagaCooperativeLoad(&wg.mh.inner[1112], 136u, true);
                CoopA _e2090 = qa.inner[3];
                CoopC _e2092 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2090, kt_25, _e2092);
                CoopA _e2096 = qa.inner[19];
                CoopC _e2098 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2096, kt_25, _e2098);
            }
            {
                metal::simdgroup_half8x8 kt_26 = NagaCooperativeLoad(&wg.mh.inner[2200], 136u, true);
                CoopA _e2107 = qa.inner[3];
                CoopC _e2109 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2107, kt_26, _e2109);
                CoopA _e2113 = qa.inner[19];
                CoopC _e2115 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2113, kt_26, _e2115);
            }
            {
                metal::simdgroup_half8x8 kt_27 = NagaCooperativeLoad(&wg.mh.inner[3288], 136u, true);
                CoopA _e2124 = qa.inner[3];
                CoopC _e2126 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2124, kt_27, _e2126);
                CoopA _e2130 = qa.inner[19];
                CoopC _e2132 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2130, kt_27, _e2132);
            }
            {
                metal::simdgroup_half8x8 kt_28 = NagaCooperativeLoad(&wg.mh.inner[4376], 136u, true);
                CoopA _e2141 = qa.inner[3];
                CoopC _e2143 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2141, kt_28, _e2143);
                CoopA _e2147 = qa.inner[19];
                CoopC _e2149 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2147, kt_28, _e2149);
            }
            {
                metal::simdgroup_half8x8 kt_29 = NagaCooperativeLoad(&wg.mh.inner[5464], 136u, true);
                CoopA _e2158 = qa.inner[3];
                CoopC _e2160 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2158, kt_29, _e2160);
                CoopA _e2164 = qa.inner[19];
                CoopC _e2166 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2164, kt_29, _e2166);
            }
            {
                metal::simdgroup_half8x8 kt_30 = NagaCooperativeLoad(&wg.mh.inner[6552], 136u, true);
                CoopA _e2175 = qa.inner[3];
                CoopC _e2177 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2175, kt_30, _e2177);
                CoopA _e2181 = qa.inner[19];
                CoopC _e2183 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2181, kt_30, _e2183);
            }
            {
                metal::simdgroup_half8x8 kt_31 = NagaCooperativeLoad(&wg.mh.inner[7640], 136u, true);
                CoopA _e2192 = qa.inner[3];
                CoopC _e2194 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2192, kt_31, _e2194);
                CoopA _e2198 = qa.inner[19];
                CoopC _e2200 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2198, kt_31, _e2200);
            }
            {
                metal::simdgroup_half8x8 kt_32 = NagaCooperativeLoad(&wg.mh.inner[32], 136u, true);
                CoopA _e2209 = qa.inner[4];
                CoopC _e2211 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2209, kt_32, _e2211);
                CoopA _e2215 = qa.inner[20];
                CoopC _e2217 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2215, kt_32, _e2217);
            }
            {
                metal::simdgroup_half8x8 kt_33 = NagaCooperativeLoad(&wg.mh.inner[1120], 136u, true);
                CoopA _e2226 = qa.inner[4];
                CoopC _e2228 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2226, kt_33, _e2228);
                CoopA _e2232 = qa.inner[20];
                CoopC _e2234 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2232, kt_33, _e2234);
            }
            {
                metal::simdgroup_half8x8 kt_34 = NagaCooperativeLoad(&wg.mh.inner[2208], 136u, true);
                CoopA _e2243 = qa.inner[4];
                CoopC _e2245 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2243, kt_34, _e2245);
                CoopA _e2249 = qa.inner[20];
                CoopC _e2251 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2249, kt_34, _e2251);
            }
            {
                metal::simdgroup_half8x8 kt_35 = NagaCooperativeLoad(&wg.mh.inner[3296], 136u, true);
                CoopA _e2260 = qa.inner[4];
                CoopC _e2262 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2260, kt_35, _e2262);
                CoopA _e2266 = qa.inner[20];
                CoopC _e2268 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2266, kt_35, _e2268);
            }
            {
                metal::simdgroup_half8x8 kt_36 = NagaCooperativeLoad(&wg.mh.inner[4384], 136u, true);
                CoopA _e2277 = qa.inner[4];
                CoopC _e2279 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2277, kt_36, _e2279);
                CoopA _e2283 = qa.inner[20];
                CoopC _e2285 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2283, kt_36, _e2285);
            }
            {
                metal::simdgroup_half8x8 kt_37 = NagaCooperativeLoad(&wg.mh.inner[5472], 136u, true);
                CoopA _e2294 = qa.inner[4];
                CoopC _e2296 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2294, kt_37, _e2296);
                CoopA _e2300 = qa.inner[20];
                CoopC _e2302 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2300, kt_37, _e2302);
            }
            {
                metal::simdgroup_half8x8 kt_38 = NagaCooperativeLoad(&wg.mh.inner[6560], 136u, true);
                CoopA _e2311 = qa.inner[4];
                CoopC _e2313 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2311, kt_38, _e2313);
                CoopA _e2317 = qa.inner[20];
                CoopC _e2319 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2317, kt_38, _e2319);
            }
            {
                metal::simdgroup_half8x8 kt_39 = NagaCooperativeLoad(&wg.mh.inner[7648], 136u, true);
                CoopA _e2328 = qa.inner[4];
                CoopC _e2330 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2328, kt_39, _e2330);
                CoopA _e2334 = qa.inner[20];
                CoopC _e2336 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2334, kt_39, _e2336);
            }
            {
                metal::simdgroup_half8x8 kt_40 = NagaCooperativeLoad(&wg.mh.inner[40], 136u, true);
                CoopA _e2345 = qa.inner[5];
                CoopC _e2347 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2345, kt_40, _e2347);
                CoopA _e2351 = qa.inner[21];
                CoopC _e2353 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2351, kt_40, _e2353);
            }
            {
                metal::simdgroup_half8x8 kt_41 = NagaCooperativeLoad(&wg.mh.inner[1128], 136u, true);
                CoopA _e2362 = qa.inner[5];
                CoopC _e2364 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2362, kt_41, _e2364);
                CoopA _e2368 = qa.inner[21];
                CoopC _e2370 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2368, kt_41, _e2370);
            }
            {
                metal::simdgroup_half8x8 kt_42 = NagaCooperativeLoad(&wg.mh.inner[2216], 136u, true);
                CoopA _e2379 = qa.inner[5];
                CoopC _e2381 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2379, kt_42, _e2381);
                CoopA _e2385 = qa.inner[21];
                CoopC _e2387 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2385, kt_42, _e2387);
            }
            {
                metal::simdgroup_half8x8 kt_43 = NagaCooperativeLoad(&wg.mh.inner[3304], 136u, true);
                CoopA _e2396 = qa.inner[5];
                CoopC _e2398 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2396, kt_43, _e2398);
                CoopA _e2402 = qa.inner[21];
                CoopC _e2404 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2402, kt_43, _e2404);
            }
            {
                metal::simdgroup_half8x8 kt_44 = NagaCooperativeLoad(&wg.mh.inner[4392], 136u, true);
                CoopA _e2413 = qa.inner[5];
                CoopC _e2415 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2413, kt_44, _e2415);
                CoopA _e2419 = qa.inner[21];
                CoopC _e2421 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2419, kt_44, _e2421);
            }
            {
                metal::simdgroup_half8x8 kt_45 = NagaCooperativeLoad(&wg.mh.inner[5480], 136u, true);
                CoopA _e2430 = qa.inner[5];
                CoopC _e2432 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2430, kt_45, _e2432);
                CoopA _e2436 = qa.inner[21];
                CoopC _e2438 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2436, kt_45, _e2438);
            }
            {
                metal::simdgroup_half8x8 kt_46 = NagaCooperativeLoad(&wg.mh.inner[6568], 136u, true);
                CoopA _e2447 = qa.inner[5];
                CoopC _e2449 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2447, kt_46, _e2449);
                CoopA _e2453 = qa.inner[21];
                CoopC _e2455 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2453, kt_46, _e2455);
            }
            {
                metal::simdgroup_half8x8 kt_47 = NagaCooperativeLoad(&wg.mh.inner[7656], 136u, true);
                CoopA _e2464 = qa.inner[5];
                CoopC _e2466 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2464, kt_47, _e2466);
                CoopA _e2470 = qa.inner[21];
                CoopC _e2472 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2470, kt_47, _e2472);
            }
            {
                metal::simdgroup_half8x8 kt_48 = NagaCooperativeLoad(&wg.mh.inner[48], 136u, true);
                CoopA _e2481 = qa.inner[6];
                CoopC _e2483 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2481, kt_48, _e2483);
                CoopA _e2487 = qa.inner[22];
                CoopC _e2489 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2487, kt_48, _e2489);
            }
            {
                metal::simdgroup_half8x8 kt_49 = NagaCooperativeLoad(&wg.mh.inner[1136], 136u, true);
                CoopA _e2498 = qa.inner[6];
                CoopC _e2500 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2498, kt_49, _e2500);
                CoopA _e2504 = qa.inner[22];
                CoopC _e2506 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2504, kt_49, _e2506);
            }
            {
                metal::simdgroup_half8x8 kt_50 = NagaCooperativeLoad(&wg.mh.inner[2224], 136u, true);
                CoopA _e2515 = qa.inner[6];
                CoopC _e2517 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2515, kt_50, _e2517);
                CoopA _e2521 = qa.inner[22];
                CoopC _e2523 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2521, kt_50, _e2523);
            }
            {
                metal::simdgroup_half8x8 kt_51 = NagaCooperativeLoad(&wg.mh.inner[3312], 136u, true);
                CoopA _e2532 = qa.inner[6];
                CoopC _e2534 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2532, kt_51, _e2534);
                CoopA _e2538 = qa.inner[22];
                CoopC _e2540 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2538, kt_51, _e2540);
            }
            {
                metal::simdgroup_half8x8 kt_52 = NagaCooperativeLoad(&wg.mh.inner[4400], 136u, true);
                CoopA _e2549 = qa.inner[6];
                CoopC _e2551 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2549, kt_52, _e2551);
                CoopA _e2555 = qa.inner[22];
                CoopC _e2557 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2555, kt_52, _e2557);
            }
            {
                metal::simdgroup_half8x8 kt_53 = NagaCooperativeLoad(&wg.mh.inner[5488], 136u, true);
                CoopA _e2566 = qa.inner[6];
                CoopC _e2568 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2566, kt_53, _e2568);
                CoopA _e2572 = qa.inner[22];
                CoopC _e2574 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2572, kt_53, _e2574);
            }
            {
                metal::simdgroup_half8x8 kt_54 = NagaCooperativeLoad(&wg.mh.inner[6576], 136u, true);
                CoopA _e2583 = qa.inner[6];
                CoopC _e2585 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2583, kt_54, _e2585);
                CoopA _e2589 = qa.inner[22];
                CoopC _e2591 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2589, kt_54, _e2591);
            }
            {
                metal::simdgroup_half8x8 kt_55 = NagaCooperativeLoad(&wg.mh.inner[7664], 136u, true);
                CoopA _e2600 = qa.inner[6];
                CoopC _e2602 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2600, kt_55, _e2602);
                CoopA _e2606 = qa.inner[22];
                CoopC _e2608 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2606, kt_55, _e2608);
            }
            {
                metal::simdgroup_half8x8 kt_56 = NagaCooperativeLoad(&wg.mh.inner[56], 136u, true);
                CoopA _e2617 = qa.inner[7];
                CoopC _e2619 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2617, kt_56, _e2619);
                CoopA _e2623 = qa.inner[23];
                CoopC _e2625 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2623, kt_56, _e2625);
            }
            {
                metal::simdgroup_half8x8 kt_57 = NagaCooperativeLoad(&wg.mh.inner[1144], 136u, true);
                CoopA _e2634 = qa.inner[7];
                CoopC _e2636 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2634, kt_57, _e2636);
                CoopA _e2640 = qa.inner[23];
                CoopC _e2642 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2640, kt_57, _e2642);
            }
            {
                metal::simdgroup_half8x8 kt_58 = NagaCooperativeLoad(&wg.mh.inner[2232], 136u, true);
                CoopA _e2651 = qa.inner[7];
                CoopC _e2653 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2651, kt_58, _e2653);
                CoopA _e2657 = qa.inner[23];
                CoopC _e2659 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2657, kt_58, _e2659);
            }
            {
                metal::simdgroup_half8x8 kt_59 = NagaCooperativeLoad(&wg.mh.inner[3320], 136u, true);
                CoopA _e2668 = qa.inner[7];
                CoopC _e2670 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2668, kt_59, _e2670);
                CoopA _e2674 = qa.inner[23];
                CoopC _e2676 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2674, kt_59, _e2676);
            }
            {
                metal::simdgroup_half8x8 kt_60 = NagaCooperativeLoad(&wg.mh.inner[4408], 136u, true);
                CoopA _e2685 = qa.inner[7];
                CoopC _e2687 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2685, kt_60, _e2687);
                CoopA _e2691 = qa.inner[23];
                CoopC _e2693 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2691, kt_60, _e2693);
            }
            {
                metal::simdgroup_half8x8 kt_61 = NagaCooperativeLoad(&wg.mh.inner[5496], 136u, true);
                CoopA _e2702 = qa.inner[7];
                CoopC _e2704 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2702, kt_61, _e2704);
                CoopA _e2708 = qa.inner[23];
                CoopC _e2710 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2708, kt_61, _e2710);
            }
            {
                metal::simdgroup_half8x8 kt_62 = NagaCooperativeLoad(&wg.mh.inner[6584], 136u, true);
                CoopA _e2719 = qa.inner[7];
                CoopC _e2721 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2719, kt_62, _e2721);
                CoopA _e2725 = qa.inner[23];
                CoopC _e2727 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2725, kt_62, _e2727);
            }
            {
                metal::simdgroup_half8x8 kt_63 = NagaCooperativeLoad(&wg.mh.inner[7672], 136u, true);
                CoopA _e2736 = qa.inner[7];
                CoopC _e2738 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2736, kt_63, _e2738);
                CoopA _e2742 = qa.inner[23];
                CoopC _e2744 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2742, kt_63, _e2744);
            }
            {
                metal::simdgroup_half8x8 kt_64 = NagaCooperativeLoad(&wg.mh.inner[64], 136u, true);
                CoopA _e2753 = qa.inner[8];
                CoopC _e2755 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2753, kt_64, _e2755);
                CoopA _e2759 = qa.inner[24];
                CoopC _e2761 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2759, kt_64, _e2761);
            }
            {
                metal::simdgroup_half8x8 kt_65 = NagaCooperativeLoad(&wg.mh.inner[1152], 136u, true);
                CoopA _e2770 = qa.inner[8];
                CoopC _e2772 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2770, kt_65, _e2772);
                CoopA _e2776 = qa.inner[24];
                CoopC _e2778 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2776, kt_65, _e2778);
            }
            {
                metal::simdgroup_half8x8 kt_66 = NagaCooperativeLoad(&wg.mh.inner[2240], 136u, true);
                CoopA _e2787 = qa.inner[8];
                CoopC _e2789 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2787, kt_66, _e2789);
                CoopA _e2793 = qa.inner[24];
                CoopC _e2795 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2793, kt_66, _e2795);
            }
            {
                metal::simdgroup_half8x8 kt_67 = NagaCooperativeLoad(&wg.mh.inner[3328], 136u, true);
                CoopA _e2804 = qa.inner[8];
                CoopC _e2806 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2804, kt_67, _e2806);
                CoopA _e2810 = qa.inner[24];
                CoopC _e2812 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2810, kt_67, _e2812);
            }
            {
                metal::simdgroup_half8x8 kt_68 = NagaCooperativeLoad(&wg.mh.inner[4416], 136u, true);
                CoopA _e2821 = qa.inner[8];
                CoopC _e2823 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2821, kt_68, _e2823);
                CoopA _e2827 = qa.inner[24];
                CoopC _e2829 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2827, kt_68, _e2829);
            }
            {
                metal::simdgroup_half8x8 kt_69 = NagaCooperativeLoad(&wg.mh.inner[5504], 136u, true);
                CoopA _e2838 = qa.inner[8];
                CoopC _e2840 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2838, kt_69, _e2840);
                CoopA _e2844 = qa.inner[24];
                CoopC _e2846 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2844, kt_69, _e2846);
            }
            {
                metal::simdgroup_half8x8 kt_70 = NagaCooperativeLoad(&wg.mh.inner[6592], 136u, true);
                CoopA _e2855 = qa.inner[8];
                CoopC _e2857 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2855, kt_70, _e2857);
                CoopA _e2861 = qa.inner[24];
                CoopC _e2863 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2861, kt_70, _e2863);
            }
            {
                metal::simdgroup_half8x8 kt_71 = NagaCooperativeLoad(&wg.mh.inner[7680], 136u, true);
                CoopA _e2872 = qa.inner[8];
                CoopC _e2874 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e2872, kt_71, _e2874);
                CoopA _e2878 = qa.inner[24];
                CoopC _e2880 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e2878, kt_71, _e2880);
            }
            {
                metal::simdgroup_half8x8 kt_72 = NagaCooperativeLoad(&wg.mh.inner[72], 136u, true);
                CoopA _e2889 = qa.inner[9];
                CoopC _e2891 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e2889, kt_72, _e2891);
                CoopA _e2895 = qa.inner[25];
                CoopC _e2897 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e2895, kt_72, _e2897);
            }
            {
                metal::simdgroup_half8x8 kt_73 = NagaCooperativeLoad(&wg.mh.inner[1160], 136u, true);
                CoopA _e2906 = qa.inner[9];
                CoopC _e2908 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e2906, kt_73, _e2908);
                CoopA _e2912 = qa.inner[25];
                CoopC _e2914 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e2912, kt_73, _e2914);
            }
            {
                metal::simdgroup_half8x8 kt_74 = NagaCooperativeLoad(&wg.mh.inner[2248], 136u, true);
                CoopA _e2923 = qa.inner[9];
                CoopC _e2925 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e2923, kt_74, _e2925);
                CoopA _e2929 = qa.inner[25];
                CoopC _e2931 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e2929, kt_74, _e2931);
            }
            {
                metal::simdgroup_half8x8 kt_75 = NagaCooperativeLoad(&wg.mh.inner[3336], 136u, true);
                CoopA _e2940 = qa.inner[9];
                CoopC _e2942 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e2940, kt_75, _e2942);
                CoopA _e2946 = qa.inner[25];
                CoopC _e2948 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e2946, kt_75, _e2948);
            }
            {
                metal::simdgroup_half8x8 kt_76 = NagaCooperativeLoad(&wg.mh.inner[4424], 136u, true);
                CoopA _e2957 = qa.inner[9];
                CoopC _e2959 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e2957, kt_76, _e2959);
                CoopA _e2963 = qa.inner[25];
                CoopC _e2965 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e2963, kt_76, _e2965);
            }
            {
                metal::simdgroup_half8x8 kt_77 = NagaCooperativeLoad(&wg.mh.inner[5512], 136u, true);
                CoopA _e2974 = qa.inner[9];
                CoopC _e2976 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e2974, kt_77, _e2976);
                CoopA _e2980 = qa.inner[25];
                CoopC _e2982 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e2980, kt_77, _e2982);
            }
            {
                metal::simdgroup_half8x8 kt_78 = NagaCooperativeLoad(&wg.mh.inner[6600], 136u, true);
                CoopA _e2991 = qa.inner[9];
                CoopC _e2993 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e2991, kt_78, _e2993);
                CoopA _e2997 = qa.inner[25];
                CoopC _e2999 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e2997, kt_78, _e2999);
            }
            {
                metal::simdgroup_half8x8 kt_79 = NagaCooperativeLoad(&wg.mh.inner[7688], 136u, true);
                CoopA _e3008 = qa.inner[9];
                CoopC _e3010 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3008, kt_79, _e3010);
                CoopA _e3014 = qa.inner[25];
                CoopC _e3016 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3014, kt_79, _e3016);
            }
            {
                metal::simdgroup_half8x8 kt_80 = NagaCooperativeLoad(&wg.mh.inner[80], 136u, true);
                CoopA _e3025 = qa.inner[10];
                CoopC _e3027 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3025, kt_80, _e3027);
                CoopA _e3031 = qa.inner[26];
                CoopC _e3033 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3031, kt_80, _e3033);
            }
            {
                metal::simdgroup_half8x8 kt_81 = NagaCooperativeLoad(&wg.mh.inner[1168], 136u, true);
                CoopA _e3042 = qa.inner[10];
                CoopC _e3044 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3042, kt_81, _e3044);
                CoopA _e3048 = qa.inner[26];
                CoopC _e3050 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3048, kt_81, _e3050);
            }
            {
                metal::simdgroup_half8x8 kt_82 = NagaCooperativeLoad(&wg.mh.inner[2256], 136u, true);
                CoopA _e3059 = qa.inner[10];
                CoopC _e3061 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3059, kt_82, _e3061);
                CoopA _e3065 = qa.inner[26];
                CoopC _e3067 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3065, kt_82, _e3067);
            }
            {
                metal::simdgroup_half8x8 kt_83 = NagaCooperativeLoad(&wg.mh.inner[3344], 136u, true);
                CoopA _e3076 = qa.inner[10];
                CoopC _e3078 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3076, kt_83, _e3078);
                CoopA _e3082 = qa.inner[26];
                CoopC _e3084 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3082, kt_83, _e3084);
            }
            {
                metal::simdgroup_half8x8 kt_84 = NagaCooperativeLoad(&wg.mh.inner[4432], 136u, true);
                CoopA _e3093 = qa.inner[10];
                CoopC _e3095 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3093, kt_84, _e3095);
                CoopA _e3099 = qa.inner[26];
                CoopC _e3101 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3099, kt_84, _e3101);
            }
            {
                metal::simdgroup_half8x8 kt_85 = NagaCooperativeLoad(&wg.mh.inner[5520], 136u, true);
                CoopA _e3110 = qa.inner[10];
                CoopC _e3112 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3110, kt_85, _e3112);
                CoopA _e3116 = qa.inner[26];
                CoopC _e3118 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3116, kt_85, _e3118);
            }
            {
                metal::simdgroup_half8x8 kt_86 = NagaCooperativeLoad(&wg.mh.inner[6608], 136u, true);
                CoopA _e3127 = qa.inner[10];
                CoopC _e3129 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3127, kt_86, _e3129);
                CoopA _e3133 = qa.inner[26];
                CoopC _e3135 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3133, kt_86, _e3135);
            }
            {
                metal::simdgroup_half8x8 kt_87 = NagaCooperativeLoad(&wg.mh.inner[7696], 136u, true);
                CoopA _e3144 = qa.inner[10];
                CoopC _e3146 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3144, kt_87, _e3146);
                CoopA _e3150 = qa.inner[26];
                CoopC _e3152 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3150, kt_87, _e3152);
            }
            {
                metal::simdgroup_half8x8 kt_88 = NagaCooperativeLoad(&wg.mh.inner[88], 136u, true);
                CoopA _e3161 = qa.inner[11];
                CoopC _e3163 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3161, kt_88, _e3163);
                CoopA _e3167 = qa.inner[27];
                CoopC _e3169 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3167, kt_88, _e3169);
            }
            {
                metal::simdgroup_half8x8 kt_89 = NagaCooperativeLoad(&wg.mh.inner[1176], 136u, true);
                CoopA _e3178 = qa.inner[11];
                CoopC _e3180 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3178, kt_89, _e3180);
                CoopA _e3184 = qa.inner[27];
                CoopC _e3186 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3184, kt_89, _e3186);
            }
            {
                metal::simdgroup_half8x8 kt_90 = NagaCooperativeLoad(&wg.mh.inner[2264], 136u, true);
                CoopA _e3195 = qa.inner[11];
                CoopC _e3197 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3195, kt_90, _e3197);
                CoopA _e3201 = qa.inner[27];
                CoopC _e3203 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3201, kt_90, _e3203);
            }
            {
                metal::simdgroup_half8x8 kt_91 = NagaCooperativeLoad(&wg.mh.inner[3352], 136u, true);
                CoopA _e3212 = qa.inner[11];
                CoopC _e3214 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3212, kt_91, _e3214);
                CoopA _e3218 = qa.inner[27];
                CoopC _e3220 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3218, kt_91, _e3220);
            }
            {
                metal::simdgroup_half8x8 kt_92 = NagaCooperativeLoad(&wg.mh.inner[4440], 136u, true);
                CoopA _e3229 = qa.inner[11];
                CoopC _e3231 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3229, kt_92, _e3231);
                CoopA _e3235 = qa.inner[27];
                CoopC _e3237 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3235, kt_92, _e3237);
            }
            {
                metal::simdgroup_half8x8 kt_93 = NagaCooperativeLoad(&wg.mh.inner[5528], 136u, true);
                CoopA _e3246 = qa.inner[11];
                CoopC _e3248 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3246, kt_93, _e3248);
                CoopA _e3252 = qa.inner[27];
                CoopC _e3254 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3252, kt_93, _e3254);
            }
            {
                metal::simdgroup_half8x8 kt_94 = NagaCooperativeLoad(&wg.mh.inner[6616], 136u, true);
                CoopA _e3263 = qa.inner[11];
                CoopC _e3265 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3263, kt_94, _e3265);
                CoopA _e3269 = qa.inner[27];
                CoopC _e3271 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3269, kt_94, _e3271);
            }
            {
                metal::simdgroup_half8x8 kt_95 = NagaCooperativeLoad(&wg.mh.inner[7704], 136u, true);
                CoopA _e3280 = qa.inner[11];
                CoopC _e3282 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3280, kt_95, _e3282);
                CoopA _e3286 = qa.inner[27];
                CoopC _e3288 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3286, kt_95, _e3288);
            }
            {
                metal::simdgroup_half8x8 kt_96 = NagaCooperativeLoad(&wg.mh.inner[96], 136u, true);
                CoopA _e3297 = qa.inner[12];
                CoopC _e3299 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3297, kt_96, _e3299);
                CoopA _e3303 = qa.inner[28];
                CoopC _e3305 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3303, kt_96, _e3305);
            }
            {
                metal::simdgroup_half8x8 kt_97 = NagaCooperativeLoad(&wg.mh.inner[1184], 136u, true);
                CoopA _e3314 = qa.inner[12];
                CoopC _e3316 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3314, kt_97, _e3316);
                CoopA _e3320 = qa.inner[28];
                CoopC _e3322 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3320, kt_97, _e3322);
            }
            {
                metal::simdgroup_half8x8 kt_98 = NagaCooperativeLoad(&wg.mh.inner[2272], 136u, true);
                CoopA _e3331 = qa.inner[12];
                CoopC _e3333 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3331, kt_98, _e3333);
                CoopA _e3337 = qa.inner[28];
                CoopC _e3339 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3337, kt_98, _e3339);
            }
            {
                metal::simdgroup_half8x8 kt_99 = NagaCooperativeLoad(&wg.mh.inner[3360], 136u, true);
                CoopA _e3348 = qa.inner[12];
                CoopC _e3350 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3348, kt_99, _e3350);
                CoopA _e3354 = qa.inner[28];
                CoopC _e3356 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3354, kt_99, _e3356);
            }
            {
                metal::simdgroup_half8x8 kt_100 = NagaCooperativeLoad(&wg.mh.inner[4448], 136u, true);
                CoopA _e3365 = qa.inner[12];
                CoopC _e3367 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3365, kt_100, _e3367);
                CoopA _e3371 = qa.inner[28];
                CoopC _e3373 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3371, kt_100, _e3373);
            }
            {
                metal::simdgroup_half8x8 kt_101 = NagaCooperativeLoad(&wg.mh.inner[5536], 136u, true);
                CoopA _e3382 = qa.inner[12];
                CoopC _e3384 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3382, kt_101, _e3384);
                CoopA _e3388 = qa.inner[28];
                CoopC _e3390 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3388, kt_101, _e3390);
            }
            {
                metal::simdgroup_half8x8 kt_102 = NagaCooperativeLoad(&wg.mh.inner[6624], 136u, true);
                CoopA _e3399 = qa.inner[12];
                CoopC _e3401 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3399, kt_102, _e3401);
                CoopA _e3405 = qa.inner[28];
                CoopC _e3407 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3405, kt_102, _e3407);
            }
            {
                metal::simdgroup_half8x8 kt_103 = NagaCooperativeLoad(&wg.mh.inner[7712], 136u, true);
                CoopA _e3416 = qa.inner[12];
                CoopC _e3418 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3416, kt_103, _e3418);
                CoopA _e3422 = qa.inner[28];
                CoopC _e3424 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3422, kt_103, _e3424);
            }
            {
                metal::simdgroup_half8x8 kt_104 = NagaCooperativeLoad(&wg.mh.inner[104], 136u, true);
                CoopA _e3433 = qa.inner[13];
                CoopC _e3435 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3433, kt_104, _e3435);
                CoopA _e3439 = qa.inner[29];
                CoopC _e3441 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3439, kt_104, _e3441);
            }
            {
                metal::simdgroup_half8x8 kt_105 = NagaCooperativeLoad(&wg.mh.inner[1192], 136u, true);
                CoopA _e3450 = qa.inner[13];
                CoopC _e3452 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3450, kt_105, _e3452);
                CoopA _e3456 = qa.inner[29];
                CoopC _e3458 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3456, kt_105, _e3458);
            }
            {
                metal::simdgroup_half8x8 kt_106 = NagaCooperativeLoad(&wg.mh.inner[2280], 136u, true);
                CoopA _e3467 = qa.inner[13];
                CoopC _e3469 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3467, kt_106, _e3469);
                CoopA _e3473 = qa.inner[29];
                CoopC _e3475 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3473, kt_106, _e3475);
            }
            {
                metal::simdgroup_half8x8 kt_107 = NagaCooperativeLoad(&wg.mh.inner[3368], 136u, true);
                CoopA _e3484 = qa.inner[13];
                CoopC _e3486 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3484, kt_107, _e3486);
                CoopA _e3490 = qa.inner[29];
                CoopC _e3492 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3490, kt_107, _e3492);
            }
            {
                metal::simdgroup_half8x8 kt_108 = NagaCooperativeLoad(&wg.mh.inner[4456], 136u, true);
                CoopA _e3501 = qa.inner[13];
                CoopC _e3503 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3501, kt_108, _e3503);
                CoopA _e3507 = qa.inner[29];
                CoopC _e3509 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3507, kt_108, _e3509);
            }
            {
                metal::simdgroup_half8x8 kt_109 = NagaCooperativeLoad(&wg.mh.inner[5544], 136u, true);
                CoopA _e3518 = qa.inner[13];
                CoopC _e3520 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3518, kt_109, _e3520);
                CoopA _e3524 = qa.inner[29];
                CoopC _e3526 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3524, kt_109, _e3526);
            }
            {
                metal::simdgroup_half8x8 kt_110 = NagaCooperativeLoad(&wg.mh.inner[6632], 136u, true);
                CoopA _e3535 = qa.inner[13];
                CoopC _e3537 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3535, kt_110, _e3537);
                CoopA _e3541 = qa.inner[29];
                CoopC _e3543 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3541, kt_110, _e3543);
            }
            {
                metal::simdgroup_half8x8 kt_111 = NagaCooperativeLoad(&wg.mh.inner[7720], 136u, true);
                CoopA _e3552 = qa.inner[13];
                CoopC _e3554 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3552, kt_111, _e3554);
                CoopA _e3558 = qa.inner[29];
                CoopC _e3560 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3558, kt_111, _e3560);
            }
            {
                metal::simdgroup_half8x8 kt_112 = NagaCooperativeLoad(&wg.mh.inner[112], 136u, true);
                CoopA _e3569 = qa.inner[14];
                CoopC _e3571 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3569, kt_112, _e3571);
                CoopA _e3575 = qa.inner[30];
                CoopC _e3577 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3575, kt_112, _e3577);
            }
            {
                metal::simdgroup_half8x8 kt_113 = NagaCooperativeLoad(&wg.mh.inner[1200], 136u, true);
                CoopA _e3586 = qa.inner[14];
                CoopC _e3588 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3586, kt_113, _e3588);
                CoopA _e3592 = qa.inner[30];
                CoopC _e3594 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3592, kt_113, _e3594);
            }
            {
                metal::simdgroup_half8x8 kt_114 = NagaCooperativeLoad(&wg.mh.inner[2288], 136u, true);
                CoopA _e3603 = qa.inner[14];
                CoopC _e3605 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3603, kt_114, _e3605);
                CoopA _e3609 = qa.inner[30];
                CoopC _e3611 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3609, kt_114, _e3611);
            }
            {
                metal::simdgroup_half8x8 kt_115 = NagaCooperativeLoad(&wg.mh.inner[3376], 136u, true);
                CoopA _e3620 = qa.inner[14];
                CoopC _e3622 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3620, kt_115, _e3622);
                CoopA _e3626 = qa.inner[30];
                CoopC _e3628 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3626, kt_115, _e3628);
            }
            {
                metal::simdgroup_half8x8 kt_116 = NagaCooperativeLoad(&wg.mh.inner[4464], 136u, true);
                CoopA _e3637 = qa.inner[14];
                CoopC _e3639 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3637, kt_116, _e3639);
                CoopA _e3643 = qa.inner[30];
                CoopC _e3645 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3643, kt_116, _e3645);
            }
            {
                metal::simdgroup_half8x8 kt_117 = NagaCooperativeLoad(&wg.mh.inner[5552], 136u, true);
                CoopA _e3654 = qa.inner[14];
                CoopC _e3656 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3654, kt_117, _e3656);
                CoopA _e3660 = qa.inner[30];
                CoopC _e3662 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3660, kt_117, _e3662);
            }
            {
                metal::simdgroup_half8x8 kt_118 = NagaCooperativeLoad(&wg.mh.inner[6640], 136u, true);
                CoopA _e3671 = qa.inner[14];
                CoopC _e3673 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3671, kt_118, _e3673);
                CoopA _e3677 = qa.inner[30];
                CoopC _e3679 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3677, kt_118, _e3679);
            }
            {
                metal::simdgroup_half8x8 kt_119 = NagaCooperativeLoad(&wg.mh.inner[7728], 136u, true);
                CoopA _e3688 = qa.inner[14];
                CoopC _e3690 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3688, kt_119, _e3690);
                CoopA _e3694 = qa.inner[30];
                CoopC _e3696 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3694, kt_119, _e3696);
            }
            {
                metal::simdgroup_half8x8 kt_120 = NagaCooperativeLoad(&wg.mh.inner[120], 136u, true);
                CoopA _e3705 = qa.inner[15];
                CoopC _e3707 = sa.inner[0];
                sa.inner[0] = NagaCooperativeMultiplyAdd(_e3705, kt_120, _e3707);
                CoopA _e3711 = qa.inner[31];
                CoopC _e3713 = sa.inner[8];
                sa.inner[8] = NagaCooperativeMultiplyAdd(_e3711, kt_120, _e3713);
            }
            {
                metal::simdgroup_half8x8 kt_121 = NagaCooperativeLoad(&wg.mh.inner[1208], 136u, true);
                CoopA _e3722 = qa.inner[15];
                CoopC _e3724 = sa.inner[1];
                sa.inner[1] = NagaCooperativeMultiplyAdd(_e3722, kt_121, _e3724);
                CoopA _e3728 = qa.inner[31];
                CoopC _e3730 = sa.inner[9];
                sa.inner[9] = NagaCooperativeMultiplyAdd(_e3728, kt_121, _e3730);
            }
            {
                metal::simdgroup_half8x8 kt_122 = NagaCooperativeLoad(&wg.mh.inner[2296], 136u, true);
                CoopA _e3739 = qa.inner[15];
                CoopC _e3741 = sa.inner[2];
                sa.inner[2] = NagaCooperativeMultiplyAdd(_e3739, kt_122, _e3741);
                CoopA _e3745 = qa.inner[31];
                CoopC _e3747 = sa.inner[10];
                sa.inner[10] = NagaCooperativeMultiplyAdd(_e3745, kt_122, _e3747);
            }
            {
                metal::simdgroup_half8x8 kt_123 = NagaCooperativeLoad(&wg.mh.inner[3384], 136u, true);
                CoopA _e3756 = qa.inner[15];
                CoopC _e3758 = sa.inner[3];
                sa.inner[3] = NagaCooperativeMultiplyAdd(_e3756, kt_123, _e3758);
                CoopA _e3762 = qa.inner[31];
                CoopC _e3764 = sa.inner[11];
                sa.inner[11] = NagaCooperativeMultiplyAdd(_e3762, kt_123, _e3764);
            }
            {
                metal::simdgroup_half8x8 kt_124 = NagaCooperativeLoad(&wg.mh.inner[4472], 136u, true);
                CoopA _e3773 = qa.inner[15];
                CoopC _e3775 = sa.inner[4];
                sa.inner[4] = NagaCooperativeMultiplyAdd(_e3773, kt_124, _e3775);
                CoopA _e3779 = qa.inner[31];
                CoopC _e3781 = sa.inner[12];
                sa.inner[12] = NagaCooperativeMultiplyAdd(_e3779, kt_124, _e3781);
            }
            {
                metal::simdgroup_half8x8 kt_125 = NagaCooperativeLoad(&wg.mh.inner[5560], 136u, true);
                CoopA _e3790 = qa.inner[15];
                CoopC _e3792 = sa.inner[5];
                sa.inner[5] = NagaCooperativeMultiplyAdd(_e3790, kt_125, _e3792);
                CoopA _e3796 = qa.inner[31];
                CoopC _e3798 = sa.inner[13];
                sa.inner[13] = NagaCooperativeMultiplyAdd(_e3796, kt_125, _e3798);
            }
            {
                metal::simdgroup_half8x8 kt_126 = NagaCooperativeLoad(&wg.mh.inner[6648], 136u, true);
                CoopA _e3807 = qa.inner[15];
                CoopC _e3809 = sa.inner[6];
                sa.inner[6] = NagaCooperativeMultiplyAdd(_e3807, kt_126, _e3809);
                CoopA _e3813 = qa.inner[31];
                CoopC _e3815 = sa.inner[14];
                sa.inner[14] = NagaCooperativeMultiplyAdd(_e3813, kt_126, _e3815);
            }
            {
                metal::simdgroup_half8x8 kt_127 = NagaCooperativeLoad(&wg.mh.inner[7736], 136u, true);
                CoopA _e3824 = qa.inner[15];
                CoopC _e3826 = sa.inner[7];
                sa.inner[7] = NagaCooperativeMultiplyAdd(_e3824, kt_127, _e3826);
                CoopA _e3830 = qa.inner[31];
                CoopC _e3832 = sa.inner[15];
                sa.inner[15] = NagaCooperativeMultiplyAdd(_e3830, kt_127, _e3832);
            }
            CoopC _e3835 = sa.inner[0];
            simdgroup_store(_e3835, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u);
            CoopC _e3851 = sa.inner[1];
            simdgroup_store(_e3851, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u);
            CoopC _e3867 = sa.inner[2];
            simdgroup_store(_e3867, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u);
            CoopC _e3883 = sa.inner[3];
            simdgroup_store(_e3883, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u);
            CoopC _e3899 = sa.inner[4];
            simdgroup_store(_e3899, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u);
            CoopC _e3915 = sa.inner[5];
            simdgroup_store(_e3915, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u);
            CoopC _e3931 = sa.inner[6];
            simdgroup_store(_e3931, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u);
            CoopC _e3947 = sa.inner[7];
            simdgroup_store(_e3947, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u);
            CoopC _e3963 = sa.inner[8];
            simdgroup_store(_e3963, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u);
            CoopC _e3979 = sa.inner[9];
            simdgroup_store(_e3979, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u);
            CoopC _e3995 = sa.inner[10];
            simdgroup_store(_e3995, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u);
            CoopC _e4011 = sa.inner[11];
            simdgroup_store(_e4011, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u);
            CoopC _e4027 = sa.inner[12];
            simdgroup_store(_e4027, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u);
            CoopC _e4043 = sa.inner[13];
            simdgroup_store(_e4043, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u);
            CoopC _e4059 = sa.inner[14];
            simdgroup_store(_e4059, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u);
            CoopC _e4075 = sa.inner[15];
            simdgroup_store(_e4075, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u);
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            uint _e4092 = P.heads_kv;
            uint _e4095 = m_v_row((b_4 * _e4092) + hk, j0_, P);
            vr = type_20 {};
            metal::half4 _e4106 = h_buf[_e4095 + metal::min(lid + 0u, 2047u)];
            vr.inner[0] = _e4106;
            metal::half4 _e4115 = h_buf[_e4095 + metal::min(lid + 64u, 2047u)];
            vr.inner[1] = _e4115;
            metal::half4 _e4124 = h_buf[_e4095 + metal::min(lid + 128u, 2047u)];
            vr.inner[2] = _e4124;
            metal::half4 _e4133 = h_buf[_e4095 + metal::min(lid + 192u, 2047u)];
            vr.inner[3] = _e4133;
            metal::half4 _e4142 = h_buf[_e4095 + metal::min(lid + 256u, 2047u)];
            vr.inner[4] = _e4142;
            metal::half4 _e4151 = h_buf[_e4095 + metal::min(lid + 320u, 2047u)];
            vr.inner[5] = _e4151;
            metal::half4 _e4160 = h_buf[_e4095 + metal::min(lid + 384u, 2047u)];
            vr.inner[6] = _e4160;
            metal::half4 _e4169 = h_buf[_e4095 + metal::min(lid + 448u, 2047u)];
            vr.inner[7] = _e4169;
            metal::half4 _e4178 = h_buf[_e4095 + metal::min(lid + 512u, 2047u)];
            vr.inner[8] = _e4178;
            metal::half4 _e4187 = h_buf[_e4095 + metal::min(lid + 576u, 2047u)];
            vr.inner[9] = _e4187;
            metal::half4 _e4196 = h_buf[_e4095 + metal::min(lid + 640u, 2047u)];
            vr.inner[10] = _e4196;
            metal::half4 _e4205 = h_buf[_e4095 + metal::min(lid + 704u, 2047u)];
            vr.inner[11] = _e4205;
            metal::half4 _e4214 = h_buf[_e4095 + metal::min(lid + 768u, 2047u)];
            vr.inner[12] = _e4214;
            metal::half4 _e4223 = h_buf[_e4095 + metal::min(lid + 832u, 2047u)];
            vr.inner[13] = _e4223;
            metal::half4 _e4232 = h_buf[_e4095 + metal::min(lid + 896u, 2047u)];
            vr.inner[14] = _e4232;
            metal::half4 _e4241 = h_buf[_e4095 + metal::min(lid + 960u, 2047u)];
            vr.inner[15] = _e4241;
            metal::half4 _e4250 = h_buf[_e4095 + metal::min(lid + 1024u, 2047u)];
            vr.inner[16] = _e4250;
            metal::half4 _e4259 = h_buf[_e4095 + metal::min(lid + 1088u, 2047u)];
            vr.inner[17] = _e4259;
            metal::half4 _e4268 = h_buf[_e4095 + metal::min(lid + 1152u, 2047u)];
            vr.inner[18] = _e4268;
            metal::half4 _e4277 = h_buf[_e4095 + metal::min(lid + 1216u, 2047u)];
            vr.inner[19] = _e4277;
            metal::half4 _e4286 = h_buf[_e4095 + metal::min(lid + 1280u, 2047u)];
            vr.inner[20] = _e4286;
            metal::half4 _e4295 = h_buf[_e4095 + metal::min(lid + 1344u, 2047u)];
            vr.inner[21] = _e4295;
            metal::half4 _e4304 = h_buf[_e4095 + metal::min(lid + 1408u, 2047u)];
            vr.inner[22] = _e4304;
            metal::half4 _e4313 = h_buf[_e4095 + metal::min(lid + 1472u, 2047u)];
            vr.inner[23] = _e4313;
            metal::half4 _e4322 = h_buf[_e4095 + metal::min(lid + 1536u, 2047u)];
            vr.inner[24] = _e4322;
            metal::half4 _e4331 = h_buf[_e4095 + metal::min(lid + 1600u, 2047u)];
            vr.inner[25] = _e4331;
            metal::half4 _e4340 = h_buf[_e4095 + metal::min(lid + 1664u, 2047u)];
            vr.inner[26] = _e4340;
            metal::half4 _e4349 = h_buf[_e4095 + metal::min(lid + 1728u, 2047u)];
            vr.inner[27] = _e4349;
            metal::half4 _e4358 = h_buf[_e4095 + metal::min(lid + 1792u, 2047u)];
            vr.inner[28] = _e4358;
            metal::half4 _e4367 = h_buf[_e4095 + metal::min(lid + 1856u, 2047u)];
            vr.inner[29] = _e4367;
            metal::half4 _e4376 = h_buf[_e4095 + metal::min(lid + 1920u, 2047u)];
            vr.inner[30] = _e4376;
            metal::half4 _e4385 = h_buf[_e4095 + metal::min(lid + 1984u, 2047u)];
            vr.inner[31] = _e4385;
            if (plain) {
                uint _e4392 = P.seq_kv;
                local_5 = (j0_ + MBK) <= _e4392;
            } else {
                local_5 = false;
            }
            bool _e4395 = local_5;
            if (_e4395) {
                int _e4400 = P.has_band_lo;
                if (!((_e4400 == 0))) {
                    int _e4411 = P.band_lo;
                    local_7 = as_type<int>(as_type<uint>(static_cast<int>(j0_)) - as_type<uint>(static_cast<int>(last_row))) >= _e4411;
                } else {
                    local_7 = true;
                }
                bool _e4414 = local_7;
                local_6 = _e4414;
            } else {
                local_6 = false;
            }
            bool _e4416 = local_6;
            if (_e4416) {
                int _e4421 = P.has_band_hi;
                if (!((_e4421 == 0))) {
                    int _e4436 = P.band_hi;
                    local_9 = as_type<int>(as_type<uint>(static_cast<int>((j0_ + MBK) - 1u)) - as_type<uint>(static_cast<int>(i0_))) <= _e4436;
                } else {
                    local_9 = true;
                }
                bool _e4439 = local_9;
                local_8 = _e4439;
            } else {
                local_8 = false;
            }
            bool dense = local_8;
            mx = MASKED;
            xs = type_21 {};
            metal::float4 _e4454 = s_ld4_((er * SS) + ((0u + part) * 4u), wg);
            xs.inner[0] = _e4454;
            if (dense) {
                metal::float4 _e4456 = xs.inner[0];
                xs.inner[0] = _e4456 * scale2_;
            } else {
                metal::float4 _e4465 = xs.inner[0];
                metal::float4 _e4466 = tile_scores4_(b_4, h_6, ei, j0_ + ((0u + part) * 4u), _e4465, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[0] = _e4466;
            }
            float _e4467 = mx;
            float _e4470 = xs.inner[0].x;
            float _e4473 = xs.inner[0].y;
            float _e4477 = xs.inner[0].z;
            float _e4480 = xs.inner[0].w;
            mx = metal::max(_e4467, metal::max(metal::max(_e4470, _e4473), metal::max(_e4477, _e4480)));
            metal::float4 _e4492 = s_ld4_((er * SS) + ((2u + part) * 4u), wg);
            xs.inner[1] = _e4492;
            if (dense) {
                metal::float4 _e4494 = xs.inner[1];
                xs.inner[1] = _e4494 * scale2_;
            } else {
                metal::float4 _e4503 = xs.inner[1];
                metal::float4 _e4504 = tile_scores4_(b_4, h_6, ei, j0_ + ((2u + part) * 4u), _e4503, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[1] = _e4504;
            }
            float _e4505 = mx;
            float _e4508 = xs.inner[1].x;
            float _e4511 = xs.inner[1].y;
            float _e4515 = xs.inner[1].z;
            float _e4518 = xs.inner[1].w;
            mx = metal::max(_e4505, metal::max(metal::max(_e4508, _e4511), metal::max(_e4515, _e4518)));
            metal::float4 _e4530 = s_ld4_((er * SS) + ((4u + part) * 4u), wg);
            xs.inner[2] = _e4530;
            if (dense) {
                metal::float4 _e4532 = xs.inner[2];
                xs.inner[2] = _e4532 * scale2_;
            } else {
                metal::float4 _e4541 = xs.inner[2];
                metal::float4 _e4542 = tile_scores4_(b_4, h_6, ei, j0_ + ((4u + part) * 4u), _e4541, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[2] = _e4542;
            }
            float _e4543 = mx;
            float _e4546 = xs.inner[2].x;
            float _e4549 = xs.inner[2].y;
            float _e4553 = xs.inner[2].z;
            float _e4556 = xs.inner[2].w;
            mx = metal::max(_e4543, metal::max(metal::max(_e4546, _e4549), metal::max(_e4553, _e4556)));
            metal::float4 _e4568 = s_ld4_((er * SS) + ((6u + part) * 4u), wg);
            xs.inner[3] = _e4568;
            if (dense) {
                metal::float4 _e4570 = xs.inner[3];
                xs.inner[3] = _e4570 * scale2_;
            } else {
                metal::float4 _e4579 = xs.inner[3];
                metal::float4 _e4580 = tile_scores4_(b_4, h_6, ei, j0_ + ((6u + part) * 4u), _e4579, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[3] = _e4580;
            }
            float _e4581 = mx;
            float _e4584 = xs.inner[3].x;
            float _e4587 = xs.inner[3].y;
            float _e4591 = xs.inner[3].z;
            float _e4594 = xs.inner[3].w;
            mx = metal::max(_e4581, metal::max(metal::max(_e4584, _e4587), metal::max(_e4591, _e4594)));
            metal::float4 _e4606 = s_ld4_((er * SS) + ((8u + part) * 4u), wg);
            xs.inner[4] = _e4606;
            if (dense) {
                metal::float4 _e4608 = xs.inner[4];
                xs.inner[4] = _e4608 * scale2_;
            } else {
                metal::float4 _e4617 = xs.inner[4];
                metal::float4 _e4618 = tile_scores4_(b_4, h_6, ei, j0_ + ((8u + part) * 4u), _e4617, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[4] = _e4618;
            }
            float _e4619 = mx;
            float _e4622 = xs.inner[4].x;
            float _e4625 = xs.inner[4].y;
            float _e4629 = xs.inner[4].z;
            float _e4632 = xs.inner[4].w;
            mx = metal::max(_e4619, metal::max(metal::max(_e4622, _e4625), metal::max(_e4629, _e4632)));
            metal::float4 _e4644 = s_ld4_((er * SS) + ((10u + part) * 4u), wg);
            xs.inner[5] = _e4644;
            if (dense) {
                metal::float4 _e4646 = xs.inner[5];
                xs.inner[5] = _e4646 * scale2_;
            } else {
                metal::float4 _e4655 = xs.inner[5];
                metal::float4 _e4656 = tile_scores4_(b_4, h_6, ei, j0_ + ((10u + part) * 4u), _e4655, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[5] = _e4656;
            }
            float _e4657 = mx;
            float _e4660 = xs.inner[5].x;
            float _e4663 = xs.inner[5].y;
            float _e4667 = xs.inner[5].z;
            float _e4670 = xs.inner[5].w;
            mx = metal::max(_e4657, metal::max(metal::max(_e4660, _e4663), metal::max(_e4667, _e4670)));
            metal::float4 _e4682 = s_ld4_((er * SS) + ((12u + part) * 4u), wg);
            xs.inner[6] = _e4682;
            if (dense) {
                metal::float4 _e4684 = xs.inner[6];
                xs.inner[6] = _e4684 * scale2_;
            } else {
                metal::float4 _e4693 = xs.inner[6];
                metal::float4 _e4694 = tile_scores4_(b_4, h_6, ei, j0_ + ((12u + part) * 4u), _e4693, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[6] = _e4694;
            }
            float _e4695 = mx;
            float _e4698 = xs.inner[6].x;
            float _e4701 = xs.inner[6].y;
            float _e4705 = xs.inner[6].z;
            float _e4708 = xs.inner[6].w;
            mx = metal::max(_e4695, metal::max(metal::max(_e4698, _e4701), metal::max(_e4705, _e4708)));
            metal::float4 _e4720 = s_ld4_((er * SS) + ((14u + part) * 4u), wg);
            xs.inner[7] = _e4720;
            if (dense) {
                metal::float4 _e4722 = xs.inner[7];
                xs.inner[7] = _e4722 * scale2_;
            } else {
                metal::float4 _e4731 = xs.inner[7];
                metal::float4 _e4732 = tile_scores4_(b_4, h_6, ei, j0_ + ((14u + part) * 4u), _e4731, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                xs.inner[7] = _e4732;
            }
            float _e4733 = mx;
            float _e4736 = xs.inner[7].x;
            float _e4739 = xs.inner[7].y;
            float _e4743 = xs.inner[7].z;
            float _e4746 = xs.inner[7].w;
            mx = metal::max(_e4733, metal::max(metal::max(_e4736, _e4739), metal::max(_e4743, _e4746)));
            float _e4750 = mx;
            float _e4751 = mx;
            float unnamed_1 = metal::simd_shuffle_xor(_e4751, 1u);
            mx = metal::max(_e4750, unnamed_1);
            alpha = 1.0;
            moved = false;
            float _e4759 = mx;
            if (_e4759 > MASKED) {
                float _e4764 = m_run;
                if (!((_e4764 <= MASKED))) {
                    float _e4770 = mx;
                    float _e4771 = m_run;
                    local_11 = _e4770 > (_e4771 + TAU2_);
                } else {
                    local_11 = true;
                }
                bool _e4776 = local_11;
                local_10 = _e4776;
            } else {
                local_10 = false;
            }
            bool _e4778 = local_10;
            if (_e4778) {
                float _e4779 = m_run;
                moved = _e4779 > MASKED;
                float _e4782 = m_run;
                float _e4783 = mx;
                bool _e4786 = moved;
                alpha = _e4786 ? metal::exp2(_e4782 - _e4783) : 0.0;
                float _e4789 = mx;
                m_run = _e4789;
                float _e4790 = l_part;
                float _e4791 = alpha;
                l_part = _e4790 * _e4791;
            }
            if (part == 0u) {
                float _e4798 = alpha;
                wg.mrow.inner[er] = _e4798;
                bool _e4799 = moved;
                if (_e4799) {
                    uint _e4803 = metal::atomic_fetch_or_explicit(&wg.mrescale, 1u, metal::memory_order_relaxed);
                }
            }
            {
                metal::float4 _e4805 = xs.inner[0];
                float _e4806 = m_run;
                p = metal::exp2(_e4805 - metal::float4(_e4806));
                if (!(dense)) {
                    metal::float4 _e4814 = p;
                    metal::float4 _e4816 = xs.inner[0];
                    p = metal::select(metal::float4(0.0), _e4814, _e4816 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4821 = l_part;
                float _e4823 = p.x;
                float _e4825 = p.y;
                float _e4828 = p.z;
                float _e4830 = p.w;
                l_part = _e4821 + ((_e4823 + _e4825) + (_e4828 + _e4830));
                metal::float4 _e4843 = p;
                h_st4_((P_AT + (er * SP)) + ((0u + part) * 4u), static_cast<metal::half4>(_e4843), wg);
            }
            {
                metal::float4 _e4846 = xs.inner[1];
                float _e4847 = m_run;
                p_1 = metal::exp2(_e4846 - metal::float4(_e4847));
                if (!(dense)) {
                    metal::float4 _e4855 = p_1;
                    metal::float4 _e4857 = xs.inner[1];
                    p_1 = metal::select(metal::float4(0.0), _e4855, _e4857 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4862 = l_part;
                float _e4864 = p_1.x;
                float _e4866 = p_1.y;
                float _e4869 = p_1.z;
                float _e4871 = p_1.w;
                l_part = _e4862 + ((_e4864 + _e4866) + (_e4869 + _e4871));
                metal::float4 _e4884 = p_1;
                h_st4_((P_AT + (er * SP)) + ((2u + part) * 4u), static_cast<metal::half4>(_e4884), wg);
            }
            {
                metal::float4 _e4887 = xs.inner[2];
                float _e4888 = m_run;
                p_2 = metal::exp2(_e4887 - metal::float4(_e4888));
                if (!(dense)) {
                    metal::float4 _e4896 = p_2;
                    metal::float4 _e4898 = xs.inner[2];
                    p_2 = metal::select(metal::float4(0.0), _e4896, _e4898 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4903 = l_part;
                float _e4905 = p_2.x;
                float _e4907 = p_2.y;
                float _e4910 = p_2.z;
                float _e4912 = p_2.w;
                l_part = _e4903 + ((_e4905 + _e4907) + (_e4910 + _e4912));
                metal::float4 _e4925 = p_2;
                h_st4_((P_AT + (er * SP)) + ((4u + part) * 4u), static_cast<metal::half4>(_e4925), wg);
            }
            {
                metal::float4 _e4928 = xs.inner[3];
                float _e4929 = m_run;
                p_3 = metal::exp2(_e4928 - metal::float4(_e4929));
                if (!(dense)) {
                    metal::float4 _e4937 = p_3;
                    metal::float4 _e4939 = xs.inner[3];
                    p_3 = metal::select(metal::float4(0.0), _e4937, _e4939 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4944 = l_part;
                float _e4946 = p_3.x;
                float _e4948 = p_3.y;
                float _e4951 = p_3.z;
                float _e4953 = p_3.w;
                l_part = _e4944 + ((_e4946 + _e4948) + (_e4951 + _e4953));
                metal::float4 _e4966 = p_3;
                h_st4_((P_AT + (er * SP)) + ((6u + part) * 4u), static_cast<metal::half4>(_e4966), wg);
            }
            {
                metal::float4 _e4969 = xs.inner[4];
                float _e4970 = m_run;
                p_4 = metal::exp2(_e4969 - metal::float4(_e4970));
                if (!(dense)) {
                    metal::float4 _e4978 = p_4;
                    metal::float4 _e4980 = xs.inner[4];
                    p_4 = metal::select(metal::float4(0.0), _e4978, _e4980 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e4985 = l_part;
                float _e4987 = p_4.x;
                float _e4989 = p_4.y;
                float _e4992 = p_4.z;
                float _e4994 = p_4.w;
                l_part = _e4985 + ((_e4987 + _e4989) + (_e4992 + _e4994));
                metal::float4 _e5007 = p_4;
                h_st4_((P_AT + (er * SP)) + ((8u + part) * 4u), static_cast<metal::half4>(_e5007), wg);
            }
            {
                metal::float4 _e5010 = xs.inner[5];
                float _e5011 = m_run;
                p_5 = metal::exp2(_e5010 - metal::float4(_e5011));
                if (!(dense)) {
                    metal::float4 _e5019 = p_5;
                    metal::float4 _e5021 = xs.inner[5];
                    p_5 = metal::select(metal::float4(0.0), _e5019, _e5021 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e5026 = l_part;
                float _e5028 = p_5.x;
                float _e5030 = p_5.y;
                float _e5033 = p_5.z;
                float _e5035 = p_5.w;
                l_part = _e5026 + ((_e5028 + _e5030) + (_e5033 + _e5035));
                metal::float4 _e5048 = p_5;
                h_st4_((P_AT + (er * SP)) + ((10u + part) * 4u), static_cast<metal::half4>(_e5048), wg);
            }
            {
                metal::float4 _e5051 = xs.inner[6];
                float _e5052 = m_run;
                p_6 = metal::exp2(_e5051 - metal::float4(_e5052));
                if (!(dense)) {
                    metal::float4 _e5060 = p_6;
                    metal::float4 _e5062 = xs.inner[6];
                    p_6 = metal::select(metal::float4(0.0), _e5060, _e5062 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e5067 = l_part;
                float _e5069 = p_6.x;
                float _e5071 = p_6.y;
                float _e5074 = p_6.z;
                float _e5076 = p_6.w;
                l_part = _e5067 + ((_e5069 + _e5071) + (_e5074 + _e5076));
                metal::float4 _e5089 = p_6;
                h_st4_((P_AT + (er * SP)) + ((12u + part) * 4u), static_cast<metal::half4>(_e5089), wg);
            }
            {
                metal::float4 _e5092 = xs.inner[7];
                float _e5093 = m_run;
                p_7 = metal::exp2(_e5092 - metal::float4(_e5093));
                if (!(dense)) {
                    metal::float4 _e5101 = p_7;
                    metal::float4 _e5103 = xs.inner[7];
                    p_7 = metal::select(metal::float4(0.0), _e5101, _e5103 > metal::float4(-100000000000000000000000000000000000000.0));
                }
                float _e5108 = l_part;
                float _e5110 = p_7.x;
                float _e5112 = p_7.y;
                float _e5115 = p_7.z;
                float _e5117 = p_7.w;
                l_part = _e5108 + ((_e5110 + _e5112) + (_e5115 + _e5117));
                metal::float4 _e5130 = p_7;
                h_st4_((P_AT + (er * SP)) + ((14u + part) * 4u), static_cast<metal::half4>(_e5130), wg);
            }
            {
                uint v_50 = lid + 0u;
                {
                    metal::half4 _e5146 = vr.inner[0];
                    h_st4_((KV_AT + (naga_div(v_50, 32u) * SKV)) + (naga_mod(v_50, 32u) * 4u), _e5146, wg);
                }
            }
            {
                uint v_51 = lid + 64u;
                {
                    metal::half4 _e5161 = vr.inner[1];
                    h_st4_((KV_AT + (naga_div(v_51, 32u) * SKV)) + (naga_mod(v_51, 32u) * 4u), _e5161, wg);
                }
            }
            {
                uint v_52 = lid + 128u;
                {
                    metal::half4 _e5176 = vr.inner[2];
                    h_st4_((KV_AT + (naga_div(v_52, 32u) * SKV)) + (naga_mod(v_52, 32u) * 4u), _e5176, wg);
                }
            }
            {
                uint v_53 = lid + 192u;
                {
                    metal::half4 _e5191 = vr.inner[3];
                    h_st4_((KV_AT + (naga_div(v_53, 32u) * SKV)) + (naga_mod(v_53, 32u) * 4u), _e5191, wg);
                }
            }
            {
                uint v_54 = lid + 256u;
                {
                    metal::half4 _e5206 = vr.inner[4];
                    h_st4_((KV_AT + (naga_div(v_54, 32u) * SKV)) + (naga_mod(v_54, 32u) * 4u), _e5206, wg);
                }
            }
            {
                uint v_55 = lid + 320u;
                {
                    metal::half4 _e5221 = vr.inner[5];
                    h_st4_((KV_AT + (naga_div(v_55, 32u) * SKV)) + (naga_mod(v_55, 32u) * 4u), _e5221, wg);
                }
            }
            {
                uint v_56 = lid + 384u;
                {
                    metal::half4 _e5236 = vr.inner[6];
                    h_st4_((KV_AT + (naga_div(v_56, 32u) * SKV)) + (naga_mod(v_56, 32u) * 4u), _e5236, wg);
                }
            }
            {
                uint v_57 = lid + 448u;
                {
                    metal::half4 _e5251 = vr.inner[7];
                    h_st4_((KV_AT + (naga_div(v_57, 32u) * SKV)) + (naga_mod(v_57, 32u) * 4u), _e5251, wg);
                }
            }
            {
                uint v_58 = lid + 512u;
                {
                    metal::half4 _e5266 = vr.inner[8];
                    h_st4_((KV_AT + (naga_div(v_58, 32u) * SKV)) + (naga_mod(v_58, 32u) * 4u), _e5266, wg);
                }
            }
            {
                uint v_59 = lid + 576u;
                {
                    metal::half4 _e5281 = vr.inner[9];
                    h_st4_((KV_AT + (naga_div(v_59, 32u) * SKV)) + (naga_mod(v_59, 32u) * 4u), _e5281, wg);
                }
            }
            {
                uint v_60 = lid + 640u;
                {
                    metal::half4 _e5296 = vr.inner[10];
                    h_st4_((KV_AT + (naga_div(v_60, 32u) * SKV)) + (naga_mod(v_60, 32u) * 4u), _e5296, wg);
                }
            }
            {
                uint v_61 = lid + 704u;
                {
                    metal::half4 _e5311 = vr.inner[11];
                    h_st4_((KV_AT + (naga_div(v_61, 32u) * SKV)) + (naga_mod(v_61, 32u) * 4u), _e5311, wg);
                }
            }
            {
                uint v_62 = lid + 768u;
                {
                    metal::half4 _e5326 = vr.inner[12];
                    h_st4_((KV_AT + (naga_div(v_62, 32u) * SKV)) + (naga_mod(v_62, 32u) * 4u), _e5326, wg);
                }
            }
            {
                uint v_63 = lid + 832u;
                {
                    metal::half4 _e5341 = vr.inner[13];
                    h_st4_((KV_AT + (naga_div(v_63, 32u) * SKV)) + (naga_mod(v_63, 32u) * 4u), _e5341, wg);
                }
            }
            {
                uint v_64 = lid + 896u;
                {
                    metal::half4 _e5356 = vr.inner[14];
                    h_st4_((KV_AT + (naga_div(v_64, 32u) * SKV)) + (naga_mod(v_64, 32u) * 4u), _e5356, wg);
                }
            }
            {
                uint v_65 = lid + 960u;
                {
                    metal::half4 _e5371 = vr.inner[15];
                    h_st4_((KV_AT + (naga_div(v_65, 32u) * SKV)) + (naga_mod(v_65, 32u) * 4u), _e5371, wg);
                }
            }
            {
                uint v_66 = lid + 1024u;
                {
                    metal::half4 _e5386 = vr.inner[16];
                    h_st4_((KV_AT + (naga_div(v_66, 32u) * SKV)) + (naga_mod(v_66, 32u) * 4u), _e5386, wg);
                }
            }
            {
                uint v_67 = lid + 1088u;
                {
                    metal::half4 _e5401 = vr.inner[17];
                    h_st4_((KV_AT + (naga_div(v_67, 32u) * SKV)) + (naga_mod(v_67, 32u) * 4u), _e5401, wg);
                }
            }
            {
                uint v_68 = lid + 1152u;
                {
                    metal::half4 _e5416 = vr.inner[18];
                    h_st4_((KV_AT + (naga_div(v_68, 32u) * SKV)) + (naga_mod(v_68, 32u) * 4u), _e5416, wg);
                }
            }
            {
                uint v_69 = lid + 1216u;
                {
                    metal::half4 _e5431 = vr.inner[19];
                    h_st4_((KV_AT + (naga_div(v_69, 32u) * SKV)) + (naga_mod(v_69, 32u) * 4u), _e5431, wg);
                }
            }
            {
                uint v_70 = lid + 1280u;
                {
                    metal::half4 _e5446 = vr.inner[20];
                    h_st4_((KV_AT + (naga_div(v_70, 32u) * SKV)) + (naga_mod(v_70, 32u) * 4u), _e5446, wg);
                }
            }
            {
                uint v_71 = lid + 1344u;
                {
                    metal::half4 _e5461 = vr.inner[21];
                    h_st4_((KV_AT + (naga_div(v_71, 32u) * SKV)) + (naga_mod(v_71, 32u) * 4u), _e5461, wg);
                }
            }
            {
                uint v_72 = lid + 1408u;
                {
                    metal::half4 _e5476 = vr.inner[22];
                    h_st4_((KV_AT + (naga_div(v_72, 32u) * SKV)) + (naga_mod(v_72, 32u) * 4u), _e5476, wg);
                }
            }
            {
                uint v_73 = lid + 1472u;
                {
                    metal::half4 _e5491 = vr.inner[23];
                    h_st4_((KV_AT + (naga_div(v_73, 32u) * SKV)) + (naga_mod(v_73, 32u) * 4u), _e5491, wg);
                }
            }
            {
                uint v_74 = lid + 1536u;
                {
                    metal::half4 _e5506 = vr.inner[24];
                    h_st4_((KV_AT + (naga_div(v_74, 32u) * SKV)) + (naga_mod(v_74, 32u) * 4u), _e5506, wg);
                }
            }
            {
                uint v_75 = lid + 1600u;
                {
                    metal::half4 _e5521 = vr.inner[25];
                    h_st4_((KV_AT + (naga_div(v_75, 32u) * SKV)) + (naga_mod(v_75, 32u) * 4u), _e5521, wg);
                }
            }
            {
                uint v_76 = lid + 1664u;
                {
                    metal::half4 _e5536 = vr.inner[26];
                    h_st4_((KV_AT + (naga_div(v_76, 32u) * SKV)) + (naga_mod(v_76, 32u) * 4u), _e5536, wg);
                }
            }
            {
                uint v_77 = lid + 1728u;
                {
                    metal::half4 _e5551 = vr.inner[27];
                    h_st4_((KV_AT + (naga_div(v_77, 32u) * SKV)) + (naga_mod(v_77, 32u) * 4u), _e5551, wg);
                }
            }
            {
                uint v_78 = lid + 1792u;
                {
                    metal::half4 _e5566 = vr.inner[28];
                    h_st4_((KV_AT + (naga_div(v_78, 32u) * SKV)) + (naga_mod(v_78, 32u) * 4u), _e5566, wg);
                }
            }
            {
                uint v_79 = lid + 1856u;
                {
                    metal::half4 _e5581 = vr.inner[29];
                    h_st4_((KV_AT + (naga_div(v_79, 32u) * SKV)) + (naga_mod(v_79, 32u) * 4u), _e5581, wg);
                }
            }
            {
                uint v_80 = lid + 1920u;
                {
                    metal::half4 _e5596 = vr.inner[30];
                    h_st4_((KV_AT + (naga_div(v_80, 32u) * SKV)) + (naga_mod(v_80, 32u) * 4u), _e5596, wg);
                }
            }
            {
                uint v_81 = lid + 1984u;
                {
                    metal::half4 _e5611 = vr.inner[31];
                    h_st4_((KV_AT + (naga_div(v_81, 32u) * SKV)) + (naga_mod(v_81, 32u) * 4u), _e5611, wg);
                }
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            uint unnamed_2 = metal::atomic_load_explicit(&wg.mrescale, metal::memory_order_relaxed);
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            if (lid == 0u) {
                metal::atomic_store_explicit(&wg.mrescale, 0u, metal::memory_order_relaxed);
            }
            if (unnamed_2 != 0u) {
                CoopC _e5623 = o.inner[0];
                simdgroup_store(_e5623, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u);
                CoopC _e5639 = o.inner[1];
                simdgroup_store(_e5639, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u);
                CoopC _e5655 = o.inner[2];
                simdgroup_store(_e5655, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u);
                CoopC _e5671 = o.inner[3];
                simdgroup_store(_e5671, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u);
                CoopC _e5687 = o.inner[4];
                simdgroup_store(_e5687, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u);
                CoopC _e5703 = o.inner[5];
                simdgroup_store(_e5703, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u);
                CoopC _e5719 = o.inner[6];
                simdgroup_store(_e5719, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u);
                CoopC _e5735 = o.inner[7];
                simdgroup_store(_e5735, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u);
                CoopC _e5751 = o.inner[16];
                simdgroup_store(_e5751, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u);
                CoopC _e5767 = o.inner[17];
                simdgroup_store(_e5767, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u);
                CoopC _e5783 = o.inner[18];
                simdgroup_store(_e5783, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u);
                CoopC _e5799 = o.inner[19];
                simdgroup_store(_e5799, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u);
                CoopC _e5815 = o.inner[20];
                simdgroup_store(_e5815, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u);
                CoopC _e5831 = o.inner[21];
                simdgroup_store(_e5831, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u);
                CoopC _e5847 = o.inner[22];
                simdgroup_store(_e5847, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u);
                CoopC _e5863 = o.inner[23];
                simdgroup_store(_e5863, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u);
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                x_1 = lid;
                uint2 loop_bound_4 = uint2(4294967295u);
                bool loop_init_4 = true;
                while(true) {
                    if (metal::all(loop_bound_4 == uint2(0u))) { break; }
                    loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
                    if (!loop_init_4) {
                        uint _e5900 = x_1;
                        x_1 = _e5900 + NT;
                    }
                    loop_init_4 = false;
                    uint _e5879 = x_1;
                    if (_e5879 < 2048u) {
                    } else {
                        break;
                    }
                    {
                        uint _e5882 = x_1;
                        uint _e5887 = x_1;
                        uint at_5 = (naga_div(_e5882, MBK) * SS) + naga_mod(_e5887, MBK);
                        float _e5891 = s_ld(at_5, wg);
                        uint _e5894 = x_1;
                        float _e5898 = wg.mrow.inner[naga_div(_e5894, MBK)];
                        s_st(at_5, _e5891 * _e5898, wg);
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
                CoopC _e6160 = o.inner[8];
                simdgroup_store(_e6160, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u);
                CoopC _e6176 = o.inner[9];
                simdgroup_store(_e6176, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u);
                CoopC _e6192 = o.inner[10];
                simdgroup_store(_e6192, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u);
                CoopC _e6208 = o.inner[11];
                simdgroup_store(_e6208, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u);
                CoopC _e6224 = o.inner[12];
                simdgroup_store(_e6224, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u);
                CoopC _e6240 = o.inner[13];
                simdgroup_store(_e6240, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u);
                CoopC _e6256 = o.inner[14];
                simdgroup_store(_e6256, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u);
                CoopC _e6272 = o.inner[15];
                simdgroup_store(_e6272, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u);
                CoopC _e6288 = o.inner[24];
                simdgroup_store(_e6288, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u);
                CoopC _e6304 = o.inner[25];
                simdgroup_store(_e6304, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u);
                CoopC _e6320 = o.inner[26];
                simdgroup_store(_e6320, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u);
                CoopC _e6336 = o.inner[27];
                simdgroup_store(_e6336, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u);
                CoopC _e6352 = o.inner[28];
                simdgroup_store(_e6352, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u);
                CoopC _e6368 = o.inner[29];
                simdgroup_store(_e6368, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u);
                CoopC _e6384 = o.inner[30];
                simdgroup_store(_e6384, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u);
                CoopC _e6400 = o.inner[31];
                simdgroup_store(_e6400, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u);
                metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                x_2 = lid;
                uint2 loop_bound_5 = uint2(4294967295u);
                bool loop_init_5 = true;
                while(true) {
                    if (metal::all(loop_bound_5 == uint2(0u))) { break; }
                    loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                    if (!loop_init_5) {
                        uint _e6437 = x_2;
                        x_2 = _e6437 + NT;
                    }
                    loop_init_5 = false;
                    uint _e6416 = x_2;
                    if (_e6416 < 2048u) {
                    } else {
                        break;
                    }
                    {
                        uint _e6419 = x_2;
                        uint _e6424 = x_2;
                        uint at_6 = (naga_div(_e6419, MBK) * SS) + naga_mod(_e6424, MBK);
                        float _e6428 = s_ld(at_6, wg);
                        uint _e6431 = x_2;
                        float _e6435 = wg.mrow.inner[naga_div(_e6431, MBK)];
                        s_st(at_6, _e6428 * _e6435, wg);
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
                CoopC _e6720 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[0], 136u, false), _e6720);
                CoopC _e6729 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[8], 136u, false), _e6729);
                CoopC _e6738 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[16], 136u, false), _e6738);
                CoopC _e6747 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[24], 136u, false), _e6747);
                CoopC _e6756 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[32], 136u, false), _e6756);
                CoopC _e6765 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[40], 136u, false), _e6765);
                CoopC _e6774 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[48], 136u, false), _e6774);
                CoopC _e6783 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[56], 136u, false), _e6783);
                CoopC _e6792 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[64], 136u, false), _e6792);
                CoopC _e6801 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[72], 136u, false), _e6801);
                CoopC _e6810 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[80], 136u, false), _e6810);
                CoopC _e6819 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[88], 136u, false), _e6819);
                CoopC _e6828 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[96], 136u, false), _e6828);
                CoopC _e6837 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[104], 136u, false), _e6837);
                CoopC _e6846 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[112], 136u, false), _e6846);
                CoopC _e6855 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa, NagaCooperativeLoad(&wg.mh.inner[120], 136u, false), _e6855);
            }
            {
                metal::simdgroup_half8x8 pa_1 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 0u, HV)], 72u, false);
                CoopC _e6881 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[0], 136u, false), _e6881);
                CoopC _e6890 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[8], 136u, false), _e6890);
                CoopC _e6899 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[16], 136u, false), _e6899);
                CoopC _e6908 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[24], 136u, false), _e6908);
                CoopC _e6917 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[32], 136u, false), _e6917);
                CoopC _e6926 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[40], 136u, false), _e6926);
                CoopC _e6935 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[48], 136u, false), _e6935);
                CoopC _e6944 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[56], 136u, false), _e6944);
                CoopC _e6953 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[64], 136u, false), _e6953);
                CoopC _e6962 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[72], 136u, false), _e6962);
                CoopC _e6971 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[80], 136u, false), _e6971);
                CoopC _e6980 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[88], 136u, false), _e6980);
                CoopC _e6989 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[96], 136u, false), _e6989);
                CoopC _e6998 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[104], 136u, false), _e6998);
                CoopC _e7007 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[112], 136u, false), _e7007);
                CoopC _e7016 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_1, NagaCooperativeLoad(&wg.mh.inner[120], 136u, false), _e7016);
            }
            {
                metal::simdgroup_half8x8 pa_2 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 8u, HV)], 72u, false);
                CoopC _e7042 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1088], 136u, false), _e7042);
                CoopC _e7051 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1096], 136u, false), _e7051);
                CoopC _e7060 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1104], 136u, false), _e7060);
                CoopC _e7069 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1112], 136u, false), _e7069);
                CoopC _e7078 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1120], 136u, false), _e7078);
                CoopC _e7087 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1128], 136u, false), _e7087);
                CoopC _e7096 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1136], 136u, false), _e7096);
                CoopC _e7105 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1144], 136u, false), _e7105);
                CoopC _e7114 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1152], 136u, false), _e7114);
                CoopC _e7123 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1160], 136u, false), _e7123);
                CoopC _e7132 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1168], 136u, false), _e7132);
                CoopC _e7141 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1176], 136u, false), _e7141);
                CoopC _e7150 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1184], 136u, false), _e7150);
                CoopC _e7159 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1192], 136u, false), _e7159);
                CoopC _e7168 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1200], 136u, false), _e7168);
                CoopC _e7177 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_2, NagaCooperativeLoad(&wg.mh.inner[1208], 136u, false), _e7177);
            }
            {
                metal::simdgroup_half8x8 pa_3 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 8u, HV)], 72u, false);
                CoopC _e7203 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1088], 136u, false), _e7203);
                CoopC _e7212 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1096], 136u, false), _e7212);
                CoopC _e7221 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1104], 136u, false), _e7221);
                CoopC _e7230 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1112], 136u, false), _e7230);
                CoopC _e7239 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1120], 136u, false), _e7239);
                CoopC _e7248 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1128], 136u, false), _e7248);
                CoopC _e7257 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1136], 136u, false), _e7257);
                CoopC _e7266 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1144], 136u, false), _e7266);
                CoopC _e7275 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1152], 136u, false), _e7275);
                CoopC _e7284 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1160], 136u, false), _e7284);
                CoopC _e7293 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1168], 136u, false), _e7293);
                CoopC _e7302 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1176], 136u, false), _e7302);
                CoopC _e7311 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1184], 136u, false), _e7311);
                CoopC _e7320 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1192], 136u, false), _e7320);
                CoopC _e7329 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1200], 136u, false), _e7329);
                CoopC _e7338 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_3, NagaCooperativeLoad(&wg.mh.inner[1208], 136u, false), _e7338);
            }
            {
                metal::simdgroup_half8x8 pa_4 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 16u, HV)], 72u, false);
                CoopC _e7364 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2176], 136u, false), _e7364);
                CoopC _e7373 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2184], 136u, false), _e7373);
                CoopC _e7382 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2192], 136u, false), _e7382);
                CoopC _e7391 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2200], 136u, false), _e7391);
                CoopC _e7400 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2208], 136u, false), _e7400);
                CoopC _e7409 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2216], 136u, false), _e7409);
                CoopC _e7418 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2224], 136u, false), _e7418);
                CoopC _e7427 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2232], 136u, false), _e7427);
                CoopC _e7436 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2240], 136u, false), _e7436);
                CoopC _e7445 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2248], 136u, false), _e7445);
                CoopC _e7454 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2256], 136u, false), _e7454);
                CoopC _e7463 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2264], 136u, false), _e7463);
                CoopC _e7472 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2272], 136u, false), _e7472);
                CoopC _e7481 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2280], 136u, false), _e7481);
                CoopC _e7490 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2288], 136u, false), _e7490);
                CoopC _e7499 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_4, NagaCooperativeLoad(&wg.mh.inner[2296], 136u, false), _e7499);
            }
            {
                metal::simdgroup_half8x8 pa_5 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 16u, HV)], 72u, false);
                CoopC _e7525 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2176], 136u, false), _e7525);
                CoopC _e7534 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2184], 136u, false), _e7534);
                CoopC _e7543 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2192], 136u, false), _e7543);
                CoopC _e7552 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2200], 136u, false), _e7552);
                CoopC _e7561 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2208], 136u, false), _e7561);
                CoopC _e7570 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2216], 136u, false), _e7570);
                CoopC _e7579 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2224], 136u, false), _e7579);
                CoopC _e7588 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2232], 136u, false), _e7588);
                CoopC _e7597 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2240], 136u, false), _e7597);
                CoopC _e7606 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2248], 136u, false), _e7606);
                CoopC _e7615 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2256], 136u, false), _e7615);
                CoopC _e7624 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2264], 136u, false), _e7624);
                CoopC _e7633 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2272], 136u, false), _e7633);
                CoopC _e7642 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2280], 136u, false), _e7642);
                CoopC _e7651 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2288], 136u, false), _e7651);
                CoopC _e7660 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_5, NagaCooperativeLoad(&wg.mh.inner[2296], 136u, false), _e7660);
            }
            {
                metal::simdgroup_half8x8 pa_6 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 24u, HV)], 72u, false);
                CoopC _e7686 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3264], 136u, false), _e7686);
                CoopC _e7695 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3272], 136u, false), _e7695);
                CoopC _e7704 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3280], 136u, false), _e7704);
                CoopC _e7713 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3288], 136u, false), _e7713);
                CoopC _e7722 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3296], 136u, false), _e7722);
                CoopC _e7731 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3304], 136u, false), _e7731);
                CoopC _e7740 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3312], 136u, false), _e7740);
                CoopC _e7749 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3320], 136u, false), _e7749);
                CoopC _e7758 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3328], 136u, false), _e7758);
                CoopC _e7767 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3336], 136u, false), _e7767);
                CoopC _e7776 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3344], 136u, false), _e7776);
                CoopC _e7785 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3352], 136u, false), _e7785);
                CoopC _e7794 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3360], 136u, false), _e7794);
                CoopC _e7803 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3368], 136u, false), _e7803);
                CoopC _e7812 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3376], 136u, false), _e7812);
                CoopC _e7821 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_6, NagaCooperativeLoad(&wg.mh.inner[3384], 136u, false), _e7821);
            }
            {
                metal::simdgroup_half8x8 pa_7 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 24u, HV)], 72u, false);
                CoopC _e7847 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3264], 136u, false), _e7847);
                CoopC _e7856 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3272], 136u, false), _e7856);
                CoopC _e7865 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3280], 136u, false), _e7865);
                CoopC _e7874 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3288], 136u, false), _e7874);
                CoopC _e7883 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3296], 136u, false), _e7883);
                CoopC _e7892 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3304], 136u, false), _e7892);
                CoopC _e7901 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3312], 136u, false), _e7901);
                CoopC _e7910 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3320], 136u, false), _e7910);
                CoopC _e7919 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3328], 136u, false), _e7919);
                CoopC _e7928 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3336], 136u, false), _e7928);
                CoopC _e7937 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3344], 136u, false), _e7937);
                CoopC _e7946 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3352], 136u, false), _e7946);
                CoopC _e7955 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3360], 136u, false), _e7955);
                CoopC _e7964 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3368], 136u, false), _e7964);
                CoopC _e7973 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3376], 136u, false), _e7973);
                CoopC _e7982 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_7, NagaCooperativeLoad(&wg.mh.inner[3384], 136u, false), _e7982);
            }
            {
                metal::simdgroup_half8x8 pa_8 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 32u, HV)], 72u, false);
                CoopC _e8008 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4352], 136u, false), _e8008);
                CoopC _e8017 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4360], 136u, false), _e8017);
                CoopC _e8026 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4368], 136u, false), _e8026);
                CoopC _e8035 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4376], 136u, false), _e8035);
                CoopC _e8044 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4384], 136u, false), _e8044);
                CoopC _e8053 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4392], 136u, false), _e8053);
                CoopC _e8062 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4400], 136u, false), _e8062);
                CoopC _e8071 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4408], 136u, false), _e8071);
                CoopC _e8080 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4416], 136u, false), _e8080);
                CoopC _e8089 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4424], 136u, false), _e8089);
                CoopC _e8098 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4432], 136u, false), _e8098);
                CoopC _e8107 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4440], 136u, false), _e8107);
                CoopC _e8116 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4448], 136u, false), _e8116);
                CoopC _e8125 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4456], 136u, false), _e8125);
                CoopC _e8134 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4464], 136u, false), _e8134);
                CoopC _e8143 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_8, NagaCooperativeLoad(&wg.mh.inner[4472], 136u, false), _e8143);
            }
            {
                metal::simdgroup_half8x8 pa_9 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 32u, HV)], 72u, false);
                CoopC _e8169 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4352], 136u, false), _e8169);
                CoopC _e8178 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4360], 136u, false), _e8178);
                CoopC _e8187 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4368], 136u, false), _e8187);
                CoopC _e8196 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4376], 136u, false), _e8196);
                CoopC _e8205 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4384], 136u, false), _e8205);
                CoopC _e8214 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4392], 136u, false), _e8214);
                CoopC _e8223 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4400], 136u, false), _e8223);
                CoopC _e8232 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4408], 136u, false), _e8232);
                CoopC _e8241 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4416], 136u, false), _e8241);
                CoopC _e8250 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4424], 136u, false), _e8250);
                CoopC _e8259 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4432], 136u, false), _e8259);
                CoopC _e8268 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4440], 136u, false), _e8268);
                CoopC _e8277 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4448], 136u, false), _e8277);
                CoopC _e8286 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4456], 136u, false), _e8286);
                CoopC _e8295 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4464], 136u, false), _e8295);
                CoopC _e8304 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_9, NagaCooperativeLoad(&wg.mh.inner[4472], 136u, false), _e8304);
            }
            {
                metal::simdgroup_half8x8 pa_10 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 40u, HV)], 72u, false);
                CoopC _e8330 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5440], 136u, false), _e8330);
                CoopC _e8339 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5448], 136u, false), _e8339);
                CoopC _e8348 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5456], 136u, false), _e8348);
                CoopC _e8357 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5464], 136u, false), _e8357);
                CoopC _e8366 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5472], 136u, false), _e8366);
                CoopC _e8375 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5480], 136u, false), _e8375);
                CoopC _e8384 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5488], 136u, false), _e8384);
                CoopC _e8393 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5496], 136u, false), _e8393);
                CoopC _e8402 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5504], 136u, false), _e8402);
                CoopC _e8411 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5512], 136u, false), _e8411);
                CoopC _e8420 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5520], 136u, false), _e8420);
                CoopC _e8429 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5528], 136u, false), _e8429);
                CoopC _e8438 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5536], 136u, false), _e8438);
                CoopC _e8447 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5544], 136u, false), _e8447);
                CoopC _e8456 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5552], 136u, false), _e8456);
                CoopC _e8465 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_10, NagaCooperativeLoad(&wg.mh.inner[5560], 136u, false), _e8465);
            }
            {
                metal::simdgroup_half8x8 pa_11 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 40u, HV)], 72u, false);
                CoopC _e8491 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5440], 136u, false), _e8491);
                CoopC _e8500 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5448], 136u, false), _e8500);
                CoopC _e8509 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5456], 136u, false), _e8509);
                CoopC _e8518 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5464], 136u, false), _e8518);
                CoopC _e8527 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5472], 136u, false), _e8527);
                CoopC _e8536 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5480], 136u, false), _e8536);
                CoopC _e8545 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5488], 136u, false), _e8545);
                CoopC _e8554 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5496], 136u, false), _e8554);
                CoopC _e8563 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5504], 136u, false), _e8563);
                CoopC _e8572 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5512], 136u, false), _e8572);
                CoopC _e8581 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5520], 136u, false), _e8581);
                CoopC _e8590 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5528], 136u, false), _e8590);
                CoopC _e8599 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5536], 136u, false), _e8599);
                CoopC _e8608 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5544], 136u, false), _e8608);
                CoopC _e8617 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5552], 136u, false), _e8617);
                CoopC _e8626 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_11, NagaCooperativeLoad(&wg.mh.inner[5560], 136u, false), _e8626);
            }
            {
                metal::simdgroup_half8x8 pa_12 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 48u, HV)], 72u, false);
                CoopC _e8652 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6528], 136u, false), _e8652);
                CoopC _e8661 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6536], 136u, false), _e8661);
                CoopC _e8670 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6544], 136u, false), _e8670);
                CoopC _e8679 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6552], 136u, false), _e8679);
                CoopC _e8688 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6560], 136u, false), _e8688);
                CoopC _e8697 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6568], 136u, false), _e8697);
                CoopC _e8706 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6576], 136u, false), _e8706);
                CoopC _e8715 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6584], 136u, false), _e8715);
                CoopC _e8724 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6592], 136u, false), _e8724);
                CoopC _e8733 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6600], 136u, false), _e8733);
                CoopC _e8742 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6608], 136u, false), _e8742);
                CoopC _e8751 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6616], 136u, false), _e8751);
                CoopC _e8760 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6624], 136u, false), _e8760);
                CoopC _e8769 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6632], 136u, false), _e8769);
                CoopC _e8778 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6640], 136u, false), _e8778);
                CoopC _e8787 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_12, NagaCooperativeLoad(&wg.mh.inner[6648], 136u, false), _e8787);
            }
            {
                metal::simdgroup_half8x8 pa_13 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 48u, HV)], 72u, false);
                CoopC _e8813 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6528], 136u, false), _e8813);
                CoopC _e8822 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6536], 136u, false), _e8822);
                CoopC _e8831 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6544], 136u, false), _e8831);
                CoopC _e8840 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6552], 136u, false), _e8840);
                CoopC _e8849 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6560], 136u, false), _e8849);
                CoopC _e8858 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6568], 136u, false), _e8858);
                CoopC _e8867 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6576], 136u, false), _e8867);
                CoopC _e8876 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6584], 136u, false), _e8876);
                CoopC _e8885 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6592], 136u, false), _e8885);
                CoopC _e8894 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6600], 136u, false), _e8894);
                CoopC _e8903 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6608], 136u, false), _e8903);
                CoopC _e8912 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6616], 136u, false), _e8912);
                CoopC _e8921 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6624], 136u, false), _e8921);
                CoopC _e8930 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6632], 136u, false), _e8930);
                CoopC _e8939 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6640], 136u, false), _e8939);
                CoopC _e8948 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_13, NagaCooperativeLoad(&wg.mh.inner[6648], 136u, false), _e8948);
            }
            {
                metal::simdgroup_half8x8 pa_14 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 0u) * SP)) + 56u, HV)], 72u, false);
                CoopC _e8974 = o.inner[0];
                o.inner[0] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7616], 136u, false), _e8974);
                CoopC _e8983 = o.inner[1];
                o.inner[1] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7624], 136u, false), _e8983);
                CoopC _e8992 = o.inner[2];
                o.inner[2] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7632], 136u, false), _e8992);
                CoopC _e9001 = o.inner[3];
                o.inner[3] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7640], 136u, false), _e9001);
                CoopC _e9010 = o.inner[4];
                o.inner[4] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7648], 136u, false), _e9010);
                CoopC _e9019 = o.inner[5];
                o.inner[5] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7656], 136u, false), _e9019);
                CoopC _e9028 = o.inner[6];
                o.inner[6] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7664], 136u, false), _e9028);
                CoopC _e9037 = o.inner[7];
                o.inner[7] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7672], 136u, false), _e9037);
                CoopC _e9046 = o.inner[8];
                o.inner[8] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7680], 136u, false), _e9046);
                CoopC _e9055 = o.inner[9];
                o.inner[9] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7688], 136u, false), _e9055);
                CoopC _e9064 = o.inner[10];
                o.inner[10] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7696], 136u, false), _e9064);
                CoopC _e9073 = o.inner[11];
                o.inner[11] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7704], 136u, false), _e9073);
                CoopC _e9082 = o.inner[12];
                o.inner[12] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7712], 136u, false), _e9082);
                CoopC _e9091 = o.inner[13];
                o.inner[13] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7720], 136u, false), _e9091);
                CoopC _e9100 = o.inner[14];
                o.inner[14] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7728], 136u, false), _e9100);
                CoopC _e9109 = o.inner[15];
                o.inner[15] = NagaCooperativeMultiplyAdd(pa_14, NagaCooperativeLoad(&wg.mh.inner[7736], 136u, false), _e9109);
            }
            {
                metal::simdgroup_half8x8 pa_15 = NagaCooperativeLoad(&wg.mh.inner[naga_div((P_AT + (((sg * RS) + 8u) * SP)) + 56u, HV)], 72u, false);
                CoopC _e9135 = o.inner[16];
                o.inner[16] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7616], 136u, false), _e9135);
                CoopC _e9144 = o.inner[17];
                o.inner[17] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7624], 136u, false), _e9144);
                CoopC _e9153 = o.inner[18];
                o.inner[18] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7632], 136u, false), _e9153);
                CoopC _e9162 = o.inner[19];
                o.inner[19] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7640], 136u, false), _e9162);
                CoopC _e9171 = o.inner[20];
                o.inner[20] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7648], 136u, false), _e9171);
                CoopC _e9180 = o.inner[21];
                o.inner[21] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7656], 136u, false), _e9180);
                CoopC _e9189 = o.inner[22];
                o.inner[22] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7664], 136u, false), _e9189);
                CoopC _e9198 = o.inner[23];
                o.inner[23] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7672], 136u, false), _e9198);
                CoopC _e9207 = o.inner[24];
                o.inner[24] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7680], 136u, false), _e9207);
                CoopC _e9216 = o.inner[25];
                o.inner[25] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7688], 136u, false), _e9216);
                CoopC _e9225 = o.inner[26];
                o.inner[26] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7696], 136u, false), _e9225);
                CoopC _e9234 = o.inner[27];
                o.inner[27] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7704], 136u, false), _e9234);
                CoopC _e9243 = o.inner[28];
                o.inner[28] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7712], 136u, false), _e9243);
                CoopC _e9252 = o.inner[29];
                o.inner[29] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7720], 136u, false), _e9252);
                CoopC _e9261 = o.inner[30];
                o.inner[30] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7728], 136u, false), _e9261);
                CoopC _e9270 = o.inner[31];
                o.inner[31] = NagaCooperativeMultiplyAdd(pa_15, NagaCooperativeLoad(&wg.mh.inner[7736], 136u, false), _e9270);
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
        }
    }
    float _e9275 = l_part;
    float _e9276 = l_part;
    float unnamed_3 = metal::simd_shuffle_xor(_e9276, 1u);
    float l_row = _e9275 + unnamed_3;
    if (part == 0u) {
        float _e9283 = m_run;
        float _e9286 = m_run;
        m = (_e9286 > MASKED) ? (_e9283 * LN2_) : MASKED;
        l = l_row;
        uint _e9296 = P.has_sinks;
        if (_e9296 != 0u) {
            float _e9299 = sink_of(h_6, P, aux_buf, _buffer_sizes);
            float _e9300 = m;
            float m_fin = metal::max(_e9300, _e9299);
            float _e9302 = m;
            float _e9305 = m;
            float shift = (_e9305 > MASKED) ? metal::exp(_e9302 - m_fin) : 0.0;
            float _e9310 = l;
            l = (_e9310 * shift) + metal::exp(_e9299 - m_fin);
            scale_o = shift;
            m = m_fin;
        }
        float _e9319 = l;
        if (_e9319 > 0.0) {
            float _e9322 = m;
            float _e9323 = l;
            lse = _e9322 + metal::log(_e9323);
            float _e9326 = scale_o;
            float _e9327 = l;
            factor = _e9326 / _e9327;
        }
        float _e9332 = factor;
        wg.mrow.inner[er] = _e9332;
        uint _e9335 = P.seq_q;
        if (ei < _e9335) {
            uint _e9340 = P.lse_at;
            uint _e9343 = P.heads_q;
            uint _e9348 = P.seq_q;
            float _e9353 = lse;
            out_buf[(_e9340 + (((b_4 * _e9343) + h_6) * _e9348)) + ei] = _e9353;
        }
    }
    CoopC _e9355 = o.inner[0];
    simdgroup_store(_e9355, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u);
    CoopC _e9371 = o.inner[1];
    simdgroup_store(_e9371, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u);
    CoopC _e9387 = o.inner[2];
    simdgroup_store(_e9387, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u);
    CoopC _e9403 = o.inner[3];
    simdgroup_store(_e9403, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u);
    CoopC _e9419 = o.inner[4];
    simdgroup_store(_e9419, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u);
    CoopC _e9435 = o.inner[5];
    simdgroup_store(_e9435, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u);
    CoopC _e9451 = o.inner[6];
    simdgroup_store(_e9451, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u);
    CoopC _e9467 = o.inner[7];
    simdgroup_store(_e9467, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u);
    CoopC _e9483 = o.inner[16];
    simdgroup_store(_e9483, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u);
    CoopC _e9499 = o.inner[17];
    simdgroup_store(_e9499, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u);
    CoopC _e9515 = o.inner[18];
    simdgroup_store(_e9515, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u);
    CoopC _e9531 = o.inner[19];
    simdgroup_store(_e9531, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u);
    CoopC _e9547 = o.inner[20];
    simdgroup_store(_e9547, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u);
    CoopC _e9563 = o.inner[21];
    simdgroup_store(_e9563, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u);
    CoopC _e9579 = o.inner[22];
    simdgroup_store(_e9579, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u);
    CoopC _e9595 = o.inner[23];
    simdgroup_store(_e9595, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_3 = lid;
    uint2 loop_bound_6 = uint2(4294967295u);
    bool loop_init_6 = true;
    while(true) {
        if (metal::all(loop_bound_6 == uint2(0u))) { break; }
        loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
        if (!loop_init_6) {
            uint _e9664 = x_3;
            x_3 = _e9664 + NT;
        }
        loop_init_6 = false;
        uint _e9611 = x_3;
        if (_e9611 < 2048u) {
        } else {
            break;
        }
        {
            uint _e9614 = x_3;
            uint r_2 = naga_div(_e9614, MBK);
            uint _e9618 = x_3;
            uint c = 0u + naga_mod(_e9618, MBK);
            uint i_4 = i0_ + r_2;
            uint _e9625 = P.seq_q;
            if (i_4 < _e9625) {
                uint _e9631 = P.head_dim_v;
                local_12 = c < _e9631;
            } else {
                local_12 = false;
            }
            bool _e9634 = local_12;
            if (_e9634) {
                uint _e9638 = P.heads_q;
                uint _e9643 = P.seq_q;
                uint _e9648 = P.head_dim_v;
                uint _e9654 = x_3;
                float _e9658 = s_ld((r_2 * SS) + naga_mod(_e9654, MBK), wg);
                float _e9662 = wg.mrow.inner[r_2];
                out_buf[(((((b_4 * _e9638) + h_6) * _e9643) + i_4) * _e9648) + c] = _e9658 * _e9662;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    CoopC _e9668 = o.inner[8];
    simdgroup_store(_e9668, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 0u, HV)], 72u);
    CoopC _e9684 = o.inner[9];
    simdgroup_store(_e9684, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 8u, HV)], 72u);
    CoopC _e9700 = o.inner[10];
    simdgroup_store(_e9700, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 16u, HV)], 72u);
    CoopC _e9716 = o.inner[11];
    simdgroup_store(_e9716, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 24u, HV)], 72u);
    CoopC _e9732 = o.inner[12];
    simdgroup_store(_e9732, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 32u, HV)], 72u);
    CoopC _e9748 = o.inner[13];
    simdgroup_store(_e9748, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 40u, HV)], 72u);
    CoopC _e9764 = o.inner[14];
    simdgroup_store(_e9764, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 48u, HV)], 72u);
    CoopC _e9780 = o.inner[15];
    simdgroup_store(_e9780, &wg.ms.inner[naga_div((((sg * RS) + 0u) * SS) + 56u, HV)], 72u);
    CoopC _e9796 = o.inner[24];
    simdgroup_store(_e9796, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 0u, HV)], 72u);
    CoopC _e9812 = o.inner[25];
    simdgroup_store(_e9812, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 8u, HV)], 72u);
    CoopC _e9828 = o.inner[26];
    simdgroup_store(_e9828, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 16u, HV)], 72u);
    CoopC _e9844 = o.inner[27];
    simdgroup_store(_e9844, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 24u, HV)], 72u);
    CoopC _e9860 = o.inner[28];
    simdgroup_store(_e9860, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 32u, HV)], 72u);
    CoopC _e9876 = o.inner[29];
    simdgroup_store(_e9876, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 40u, HV)], 72u);
    CoopC _e9892 = o.inner[30];
    simdgroup_store(_e9892, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 48u, HV)], 72u);
    CoopC _e9908 = o.inner[31];
    simdgroup_store(_e9908, &wg.ms.inner[naga_div((((sg * RS) + 8u) * SS) + 56u, HV)], 72u);
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    x_4 = lid;
    uint2 loop_bound_7 = uint2(4294967295u);
    bool loop_init_7 = true;
    while(true) {
        if (metal::all(loop_bound_7 == uint2(0u))) { break; }
        loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
        if (!loop_init_7) {
            uint _e9977 = x_4;
            x_4 = _e9977 + NT;
        }
        loop_init_7 = false;
        uint _e9924 = x_4;
        if (_e9924 < 2048u) {
        } else {
            break;
        }
        {
            uint _e9927 = x_4;
            uint r_3 = naga_div(_e9927, MBK);
            uint _e9931 = x_4;
            uint c_1 = 64u + naga_mod(_e9931, MBK);
            uint i_5 = i0_ + r_3;
            uint _e9938 = P.seq_q;
            if (i_5 < _e9938) {
                uint _e9944 = P.head_dim_v;
                local_13 = c_1 < _e9944;
            } else {
                local_13 = false;
            }
            bool _e9947 = local_13;
            if (_e9947) {
                uint _e9951 = P.heads_q;
                uint _e9956 = P.seq_q;
                uint _e9961 = P.head_dim_v;
                uint _e9967 = x_4;
                float _e9971 = s_ld((r_3 * SS) + naga_mod(_e9967, MBK), wg);
                float _e9975 = wg.mrow.inner[r_3];
                out_buf[(((((b_4 * _e9951) + h_6) * _e9956) + i_5) * _e9961) + c_1] = _e9971 * _e9975;
            }
        }
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    return;
}
