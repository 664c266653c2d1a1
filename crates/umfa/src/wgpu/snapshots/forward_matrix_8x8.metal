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
    uint size7;
    uint size8;
    uint size9;
    uint size10;
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
typedef metal::simdgroup_half8x8 CoopA;
typedef metal::simdgroup_half8x8 CoopB;
typedef metal::simdgroup_float8x8 CoopC;
typedef uint type_4[1];
typedef float type_5[1];
struct type_8 {
    half inner[8192];
};
struct type_9 {
    half inner[4096];
};
struct type_10 {
    float inner[2048];
};
struct type_11 {
    half inner[2048];
};
struct type_12 {
    float inner[64];
};
struct type_13 {
    float inner[128];
};
struct type_18 {
    CoopC inner[32];
};
struct type_19 {
    CoopC inner[4];
};
constant uint CM = 8u;
constant uint MD = 128u;
constant uint MDV = 128u;
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
constant uint MBQ = 64u;
constant uint MBK = 32u;
constant uint MWG = 128u;
constant uint RS = 16u;
constant uint RB = 2u;
constant uint MDKV = 128u;
constant uint NO = 32u;
constant float TAU = 8.0;

int word_of(
    int dt,
    int e_2
) {
    switch(dt) {
        case 1:
        case 2: {
            return e_2 >> 1u;
        }
        case 3: {
            return e_2 >> 2u;
        }
        default: {
            return e_2;
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
        float x_5 = static_cast<float>(mantissa) * 0.000000059604645;
        return (sign != 0u) ? -(x_5) : x_5;
    }
    if (exponent == 31u) {
        return as_type<float>((sign | 2139095040u) | (mantissa << 13u));
    }
    return as_type<float>((sign | ((exponent + 112u) << 23u)) | (mantissa << 13u));
}

float decode(
    int dt_1,
    uint w,
    int e_3
) {
    switch(dt_1) {
        case 1: {
            float _e11 = half_to_f32_((w >> (16u * static_cast<uint>(e_3 & 1))) & 65535u);
            return _e11;
        }
        case 2: {
            return as_type<float>((w >> (16u * static_cast<uint>(e_3 & 1))) << 16u);
        }
        case 3: {
            return static_cast<float>((w >> (8u * static_cast<uint>(e_3 & 3))) & 255u);
        }
        default: {
            return as_type<float>(w);
        }
    }
}

float ld_q(
    int e_4,
    constant Params& P,
    device type_4 const& q_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.q_dtype;
    int _e7 = P.q_dtype;
    int _e8 = word_of(_e7, e_4);
    uint _e10 = q_buf[_e8];
    float _e11 = decode(_e3, _e10, e_4);
    return _e11;
}

float ld_k(
    int e_5,
    constant Params& P,
    device type_4 const& k_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.k_dtype;
    int _e7 = P.k_dtype;
    int _e8 = word_of(_e7, e_5);
    uint _e10 = k_buf[_e8];
    float _e11 = decode(_e3, _e10, e_5);
    return _e11;
}

float ld_v(
    int e_6,
    constant Params& P,
    device type_4 const& v_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.v_dtype;
    int _e7 = P.v_dtype;
    int _e8 = word_of(_e7, e_6);
    uint _e10 = v_buf[_e8];
    float _e11 = decode(_e3, _e10, e_6);
    return _e11;
}

float ld_do(
    int e_7,
    constant Params& P,
    device type_4 const& do_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.do_dtype;
    int _e7 = P.do_dtype;
    int _e8 = word_of(_e7, e_7);
    uint _e10 = do_buf[_e8];
    float _e11 = decode(_e3, _e10, e_7);
    return _e11;
}

float ld_o(
    int e_8,
    constant Params& P,
    device type_4 const& o_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.o_dtype;
    int _e7 = P.o_dtype;
    int _e8 = word_of(_e7, e_8);
    uint _e10 = o_buf[_e8];
    float _e11 = decode(_e3, _e10, e_8);
    return _e11;
}

float ld_mask(
    int e_9,
    constant Params& P,
    device type_4 const& mask_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.mask_dtype;
    int _e7 = P.mask_dtype;
    int _e8 = word_of(_e7, e_9);
    uint _e10 = mask_buf[_e8];
    float _e11 = decode(_e3, _e10, e_9);
    return _e11;
}

uint ld_class(
    int e_10,
    device type_4 const& blocks_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint _e5 = blocks_buf[e_10 >> 2u];
    return (_e5 >> (8u * static_cast<uint>(e_10 & 3))) & 255u;
}

float ld(
    uint op,
    uint b,
    uint h_1,
    uint r,
    uint c,
    constant Params& P,
    device type_4 const& q_buf,
    device type_4 const& k_buf,
    device type_4 const& v_buf,
    device type_4 const& do_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int bi = static_cast<int>(b);
    int hi = static_cast<int>(h_1);
    int ri = static_cast<int>(r);
    int ci = static_cast<int>(c);
    switch(op) {
        case 0u: {
            int _e11 = P.q_base;
            int _e14 = P.q_sb;
            int _e19 = P.q_sh;
            int _e24 = P.q_ss;
            int _e29 = P.q_sd;
            float _e32 = ld_q(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e11) + as_type<uint>(as_type<int>(as_type<uint>(bi) * as_type<uint>(_e14))))) + as_type<uint>(as_type<int>(as_type<uint>(hi) * as_type<uint>(_e19))))) + as_type<uint>(as_type<int>(as_type<uint>(ri) * as_type<uint>(_e24))))) + as_type<uint>(as_type<int>(as_type<uint>(ci) * as_type<uint>(_e29)))), P, q_buf, _buffer_sizes);
            return _e32;
        }
        case 1u: {
            int _e35 = P.k_base;
            int _e38 = P.k_sb;
            int _e43 = P.k_sh;
            int _e48 = P.k_ss;
            int _e53 = P.k_sd;
            float _e56 = ld_k(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e35) + as_type<uint>(as_type<int>(as_type<uint>(bi) * as_type<uint>(_e38))))) + as_type<uint>(as_type<int>(as_type<uint>(hi) * as_type<uint>(_e43))))) + as_type<uint>(as_type<int>(as_type<uint>(ri) * as_type<uint>(_e48))))) + as_type<uint>(as_type<int>(as_type<uint>(ci) * as_type<uint>(_e53)))), P, k_buf, _buffer_sizes);
            return _e56;
        }
        case 2u: {
            int _e59 = P.v_base;
            int _e62 = P.v_sb;
            int _e67 = P.v_sh;
            int _e72 = P.v_ss;
            int _e77 = P.v_sd;
            float _e80 = ld_v(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e59) + as_type<uint>(as_type<int>(as_type<uint>(bi) * as_type<uint>(_e62))))) + as_type<uint>(as_type<int>(as_type<uint>(hi) * as_type<uint>(_e67))))) + as_type<uint>(as_type<int>(as_type<uint>(ri) * as_type<uint>(_e72))))) + as_type<uint>(as_type<int>(as_type<uint>(ci) * as_type<uint>(_e77)))), P, v_buf, _buffer_sizes);
            return _e80;
        }
        default: {
            int _e83 = P.do_base;
            int _e86 = P.do_sb;
            int _e91 = P.do_sh;
            int _e96 = P.do_ss;
            int _e101 = P.do_sd;
            float _e104 = ld_do(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e83) + as_type<uint>(as_type<int>(as_type<uint>(bi) * as_type<uint>(_e86))))) + as_type<uint>(as_type<int>(as_type<uint>(hi) * as_type<uint>(_e91))))) + as_type<uint>(as_type<int>(as_type<uint>(ri) * as_type<uint>(_e96))))) + as_type<uint>(as_type<int>(as_type<uint>(ci) * as_type<uint>(_e101)))), P, do_buf, _buffer_sizes);
            return _e104;
        }
    }
}

float ld_out_grad_o(
    uint b_1,
    uint h_2,
    uint r_1,
    uint c_1,
    constant Params& P,
    device type_4 const& o_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e6 = P.o_base;
    int _e10 = P.o_sb;
    int _e16 = P.o_sh;
    int _e22 = P.o_ss;
    int _e28 = P.o_sd;
    float _e31 = ld_o(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e6) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b_1)) * as_type<uint>(_e10))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_2)) * as_type<uint>(_e16))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(r_1)) * as_type<uint>(_e22))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(c_1)) * as_type<uint>(_e28)))), P, o_buf, _buffer_sizes);
    return _e31;
}

float mask_value(
    uint b_2,
    uint h_3,
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
    float _e31 = ld_mask(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e6) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b_2)) * as_type<uint>(_e10))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_3)) * as_type<uint>(_e16))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(i)) * as_type<uint>(_e22))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(j)) * as_type<uint>(_e28)))), P, mask_buf, _buffer_sizes);
    return _e31;
}

uint naga_div(uint lhs, uint rhs) {
    return lhs / metal::select(rhs, 1u, rhs == 0u);
}

bool visible(
    uint b_3,
    uint h_4,
    uint i_1,
    uint j_1,
    constant Params& P,
    device type_4 const& mask_buf,
    device type_4 const& blocks_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    bool local_5 = {};
    bool local_6 = {};
    bool local_7 = {};
    bool read_bool = {};
    uint _e6 = P.seq_q;
    if (!((i_1 >= _e6))) {
        uint _e13 = P.seq_kv;
        local_5 = j_1 >= _e13;
    } else {
        local_5 = true;
    }
    bool _e16 = local_5;
    if (_e16) {
        return false;
    }
    int d = as_type<int>(as_type<uint>(static_cast<int>(j_1)) - as_type<uint>(static_cast<int>(i_1)));
    int _e23 = P.has_band_lo;
    if (_e23 != 0) {
        int _e30 = P.band_lo;
        local_6 = d < _e30;
    } else {
        local_6 = false;
    }
    bool _e33 = local_6;
    if (_e33) {
        return false;
    }
    int _e37 = P.has_band_hi;
    if (_e37 != 0) {
        int _e44 = P.band_hi;
        local_7 = d > _e44;
    } else {
        local_7 = false;
    }
    bool _e47 = local_7;
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
        int e_11 = as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e62) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b_3)) * as_type<uint>(_e66))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_4)) * as_type<uint>(_e72))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(i_1, _e77))) * as_type<uint>(_e82))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(j_1, _e87))) * as_type<uint>(_e92))));
        uint _e95 = ld_class(e_11, blocks_buf, _buffer_sizes);
        if (_e95 == CLASS_EMPTY) {
            return false;
        }
        if (_e95 == CLASS_FULL) {
            read_bool = false;
        }
    }
    bool _e102 = read_bool;
    if (_e102) {
        float _e103 = mask_value(b_3, h_4, i_1, j_1, P, mask_buf, _buffer_sizes);
        return _e103 != 0.0;
    }
    return true;
}

metal::float2 score(
    uint b_4,
    uint h_5,
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
        float t_2 = metal::tanh(_e19 / _e22);
        float _e27 = P.softcap;
        s = _e27 * t_2;
        float _e31 = P.scale;
        ds = _e31 * (1.0 - (t_2 * t_2));
    }
    uint _e38 = P.has_alibi;
    if (_e38 != 0u) {
        uint _e44 = P.alibi_at;
        uint _e47 = P.heads_q;
        float slope = aux_buf[(_e44 + (b_4 * _e47)) + h_5];
        float _e53 = s;
        int _e58 = P.diag;
        s = _e53 - (slope * metal::abs(static_cast<float>(as_type<int>(as_type<uint>(static_cast<int>(j_2)) - as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(i_2)) + as_type<uint>(_e58)))))));
    }
    int _e67 = P.mask_kind;
    if (_e67 == MASK_ADDITIVE) {
        float _e70 = s;
        float _e71 = mask_value(b_4, h_5, i_2, j_2, P, mask_buf, _buffer_sizes);
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
    uint h_6,
    constant Params& P,
    device type_5 const& aux_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint _e4 = P.sinks_at;
    float _e7 = aux_buf[_e4 + h_6];
    return _e7;
}

bool m_tile_is_live(
    bool mine,
    uint lid_1,
    threadgroup metal::atomic_uint& mlive_flag,
    threadgroup uint& mlive
) {
    if (mine) {
        uint _e4 = metal::atomic_fetch_or_explicit(&mlive_flag, 1u, metal::memory_order_relaxed);
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    if (lid_1 == 0u) {
        uint _e9 = metal::atomic_load_explicit(&mlive_flag, metal::memory_order_relaxed);
        mlive = _e9;
        metal::atomic_store_explicit(&mlive_flag, 0u, metal::memory_order_relaxed);
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    uint unnamed = mlive;
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    return unnamed != 0u;
}

bool m_any_rescale(
    bool mine_1,
    uint lid_2,
    threadgroup metal::atomic_uint& mrescale_flag,
    threadgroup uint& mrescale
) {
    if (mine_1) {
        uint _e4 = metal::atomic_fetch_or_explicit(&mrescale_flag, 1u, metal::memory_order_relaxed);
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    if (lid_2 == 0u) {
        uint _e9 = metal::atomic_load_explicit(&mrescale_flag, metal::memory_order_relaxed);
        mrescale = _e9;
        metal::atomic_store_explicit(&mrescale_flag, 0u, metal::memory_order_relaxed);
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    uint unnamed_1 = mrescale;
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    return unnamed_1 != 0u;
}

uint naga_mod(uint lhs, uint rhs) {
    return lhs % metal::select(rhs, 1u, rhs == 0u);
}

bool pairs_ok(
    uint op_1,
    uint dim,
    constant Params& P
) {
    int dt_2 = {};
    metal::int4 s_1 = {};
    int sd = {};
    bool local_8 = {};
    bool local_9 = {};
    bool local_10 = {};
    bool local_11 = {};
    int _e4 = P.q_dtype;
    dt_2 = _e4;
    int _e8 = P.q_base;
    int _e11 = P.q_sb;
    int _e14 = P.q_sh;
    int _e17 = P.q_ss;
    s_1 = metal::int4(_e8, _e11, _e14, _e17);
    int _e22 = P.q_sd;
    sd = _e22;
    if (op_1 == OP_K) {
        int _e28 = P.k_dtype;
        dt_2 = _e28;
        int _e31 = P.k_base;
        int _e34 = P.k_sb;
        int _e37 = P.k_sh;
        int _e40 = P.k_ss;
        s_1 = metal::int4(_e31, _e34, _e37, _e40);
        int _e44 = P.k_sd;
        sd = _e44;
    } else {
        if (op_1 == OP_V) {
            int _e49 = P.v_dtype;
            dt_2 = _e49;
            int _e52 = P.v_base;
            int _e55 = P.v_sb;
            int _e58 = P.v_sh;
            int _e61 = P.v_ss;
            s_1 = metal::int4(_e52, _e55, _e58, _e61);
            int _e65 = P.v_sd;
            sd = _e65;
        }
    }
    int _e66 = dt_2;
    if (!((_e66 == DT_F16_))) {
        int _e72 = dt_2;
        local_8 = _e72 == DT_BF16_;
    } else {
        local_8 = true;
    }
    bool _e76 = local_8;
    if (_e76) {
        int _e79 = sd;
        local_9 = _e79 == 1;
    } else {
        local_9 = false;
    }
    bool _e83 = local_9;
    if (_e83) {
        local_10 = naga_mod(dim, 2u) == 0u;
    } else {
        local_10 = false;
    }
    bool _e91 = local_10;
    if (_e91) {
        metal::int4 _e94 = s_1;
        local_11 = metal::all((_e94 & metal::int4(1)) == metal::int4(0));
    } else {
        local_11 = false;
    }
    bool _e103 = local_11;
    return _e103;
}

metal::half2 ld_pair(
    uint op_2,
    uint b_5,
    uint h_7,
    uint r_2,
    uint c_2,
    constant Params& P,
    device type_4 const& q_buf,
    device type_4 const& k_buf,
    device type_4 const& v_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint w_1 = 0u;
    int dt_3 = DT_F16_;
    int bi_1 = static_cast<int>(b_5);
    int hi_1 = static_cast<int>(h_7);
    int ri_1 = static_cast<int>(r_2);
    int ci_1 = static_cast<int>(c_2);
    switch(op_2) {
        case 0u: {
            int _e16 = P.q_base;
            int _e19 = P.q_sb;
            int _e24 = P.q_sh;
            int _e29 = P.q_ss;
            uint _e36 = q_buf[as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e16) + as_type<uint>(as_type<int>(as_type<uint>(bi_1) * as_type<uint>(_e19))))) + as_type<uint>(as_type<int>(as_type<uint>(hi_1) * as_type<uint>(_e24))))) + as_type<uint>(as_type<int>(as_type<uint>(ri_1) * as_type<uint>(_e29))))) + as_type<uint>(ci_1)) >> 1u];
            w_1 = _e36;
            int _e39 = P.q_dtype;
            dt_3 = _e39;
            break;
        }
        case 1u: {
            int _e43 = P.k_base;
            int _e46 = P.k_sb;
            int _e51 = P.k_sh;
            int _e56 = P.k_ss;
            uint _e63 = k_buf[as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e43) + as_type<uint>(as_type<int>(as_type<uint>(bi_1) * as_type<uint>(_e46))))) + as_type<uint>(as_type<int>(as_type<uint>(hi_1) * as_type<uint>(_e51))))) + as_type<uint>(as_type<int>(as_type<uint>(ri_1) * as_type<uint>(_e56))))) + as_type<uint>(ci_1)) >> 1u];
            w_1 = _e63;
            int _e66 = P.k_dtype;
            dt_3 = _e66;
            break;
        }
        default: {
            int _e70 = P.v_base;
            int _e73 = P.v_sb;
            int _e78 = P.v_sh;
            int _e83 = P.v_ss;
            uint _e90 = v_buf[as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e70) + as_type<uint>(as_type<int>(as_type<uint>(bi_1) * as_type<uint>(_e73))))) + as_type<uint>(as_type<int>(as_type<uint>(hi_1) * as_type<uint>(_e78))))) + as_type<uint>(as_type<int>(as_type<uint>(ri_1) * as_type<uint>(_e83))))) + as_type<uint>(ci_1)) >> 1u];
            w_1 = _e90;
            int _e93 = P.v_dtype;
            dt_3 = _e93;
            break;
        }
    }
    int _e94 = dt_3;
    if (_e94 == DT_BF16_) {
        uint _e97 = w_1;
        uint _e102 = w_1;
        return metal::half2(static_cast<half>(as_type<float>(_e97 << 16u)), static_cast<half>(as_type<float>(_e102 & 4294901760u)));
    }
    uint _e108 = w_1;
    float _e111 = half_to_f32_(_e108 & 65535u);
    uint _e113 = w_1;
    float _e116 = half_to_f32_(_e113 >> 16u);
    return metal::half2(static_cast<half>(_e111), static_cast<half>(_e116));
}

void stage_rows(
    uint lid_3,
    uint op_3,
    uint b_6,
    uint h_8,
    uint row0_,
    uint n_6,
    uint rows,
    uint dim_1,
    uint stride,
    bool to_q,
    constant Params& P,
    device type_4 const& q_buf,
    device type_4 const& k_buf,
    device type_4 const& v_buf,
    device type_4 const& do_buf,
    threadgroup type_8& mq,
    threadgroup type_9& mkv,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint x_3 = {};
    metal::half2 v = {};
    bool local_12 = {};
    uint x_4 = {};
    float val = {};
    bool local_13 = {};
    bool _e10 = pairs_ok(op_3, dim_1, P);
    if (_e10) {
        x_3 = lid_3;
        uint2 loop_bound = uint2(4294967295u);
        bool loop_init = true;
        while(true) {
            if (metal::all(loop_bound == uint2(0u))) { break; }
            loop_bound -= uint2(loop_bound.y == 0u, 1u);
            if (!loop_init) {
                uint _e70 = x_3;
                x_3 = _e70 + MWG;
            }
            loop_init = false;
            uint _e12 = x_3;
            if (_e12 < naga_div(n_6 * stride, 2u)) {
            } else {
                break;
            }
            {
                uint _e18 = x_3;
                uint r_3 = naga_div(2u * _e18, stride);
                uint _e22 = x_3;
                uint c_3 = naga_mod(2u * _e22, stride);
                v = metal::half2(0.0h, 0.0h);
                if ((row0_ + r_3) < rows) {
                    local_12 = c_3 < dim_1;
                } else {
                    local_12 = false;
                }
                bool _e35 = local_12;
                if (_e35) {
                    metal::half2 _e37 = ld_pair(op_3, b_6, h_8, row0_ + r_3, c_3, P, q_buf, k_buf, v_buf, _buffer_sizes);
                    v = _e37;
                }
                if (to_q) {
                    uint _e40 = x_3;
                    half _e44 = v.x;
                    mq.inner[2u * _e40] = _e44;
                    uint _e47 = x_3;
                    half _e53 = v.y;
                    mq.inner[(2u * _e47) + 1u] = _e53;
                } else {
                    uint _e56 = x_3;
                    half _e60 = v.x;
                    mkv.inner[2u * _e56] = _e60;
                    uint _e63 = x_3;
                    half _e69 = v.y;
                    mkv.inner[(2u * _e63) + 1u] = _e69;
                }
            }
        }
        return;
    }
    x_4 = lid_3;
    uint2 loop_bound_1 = uint2(4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (metal::all(loop_bound_1 == uint2(0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e102 = x_4;
            x_4 = _e102 + MWG;
        }
        loop_init_1 = false;
        uint _e74 = x_4;
        if (_e74 < (n_6 * stride)) {
        } else {
            break;
        }
        {
            uint _e77 = x_4;
            uint r_4 = naga_div(_e77, stride);
            uint _e79 = x_4;
            uint c_4 = naga_mod(_e79, stride);
            val = 0.0;
            if ((row0_ + r_4) < rows) {
                local_13 = c_4 < dim_1;
            } else {
                local_13 = false;
            }
            bool _e89 = local_13;
            if (_e89) {
                float _e91 = ld(op_3, b_6, h_8, row0_ + r_4, c_4, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
                val = _e91;
            }
            if (to_q) {
                uint _e93 = x_4;
                float _e95 = val;
                mq.inner[_e93] = static_cast<half>(_e95);
            } else {
                uint _e98 = x_4;
                float _e100 = val;
                mkv.inner[_e98] = static_cast<half>(_e100);
            }
        }
    }
    return;
}

float tile_score(
    uint b_7,
    uint h_9,
    uint i_3,
    uint j_3,
    float raw,
    constant Params& P,
    device type_4 const& mask_buf,
    device type_4 const& blocks_buf,
    device type_5 const& aux_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    bool _e5 = visible(b_7, h_9, i_3, j_3, P, mask_buf, blocks_buf, _buffer_sizes);
    if (!(_e5)) {
        return MASKED;
    }
    metal::float2 _e8 = score(b_7, h_9, i_3, j_3, raw, P, mask_buf, aux_buf, _buffer_sizes);
    return _e8.x;
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
[[max_total_threads_per_threadgroup(128)]] kernel void forward_matrix(
  uint lid [[thread_index_in_threadgroup]]
, metal::uint3 wid [[threadgroup_position_in_grid]]
, uint sg [[simdgroup_index_in_threadgroup]]
, constant Params& P [[user(fake0)]]
, device type_4 const& q_buf [[user(fake0)]]
, device type_4 const& k_buf [[user(fake0)]]
, device type_4 const& v_buf [[user(fake0)]]
, device type_4 const& mask_buf [[user(fake0)]]
, device type_4 const& blocks_buf [[user(fake0)]]
, device type_5 const& aux_buf [[user(fake0)]]
, device type_4 const& do_buf [[user(fake0)]]
, device type_5& out_buf [[user(fake0)]]
, threadgroup type_8& mq
, threadgroup type_9& mkv
, threadgroup type_10& ms
, threadgroup type_11& mp
, threadgroup type_12& mzero
, threadgroup type_12& malpha
, threadgroup type_13& ml
, threadgroup metal::atomic_uint& mrescale_flag
, threadgroup uint& mrescale
, threadgroup metal::atomic_uint& mlive_flag
, threadgroup uint& mlive
, constant _mslBufferSizes& _buffer_sizes [[user(fake0)]]
) {
    if (lid == 0u) {
        mq = {};
        mkv = {};
        ms = {};
        mp = {};
        mzero = {};
        malpha = {};
        ml = {};
        metal::atomic_store_explicit(&mrescale_flag, 0, metal::memory_order_relaxed);
        mrescale = {};
        metal::atomic_store_explicit(&mlive_flag, 0, metal::memory_order_relaxed);
        mlive = {};
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    int k_begin = 0;
    int k_end = {};
    bool local = {};
    uint x = {};
    float m_run = MASKED;
    float l_part = 0.0;
    type_18 o = {};
    uint t = 0u;
    int k0_ = {};
    bool any = {};
    uint e = {};
    bool local_1 = {};
    uint rb = {};
    type_19 acc = {};
    uint n = {};
    uint kk = {};
    uint n_1 = {};
    uint n_2 = {};
    float m_tile = {};
    uint n_3 = {};
    float alpha = {};
    bool moved = {};
    bool local_2 = {};
    bool local_3 = {};
    uint e_1 = {};
    float p = {};
    uint t_1 = {};
    uint x_1 = {};
    uint rb_1 = {};
    uint kk_1 = {};
    uint n_4 = {};
    float m = {};
    float l = {};
    float scale_o = 1.0;
    float lse = MASKED;
    float factor = 0.0;
    uint n_5 = 0u;
    uint rb_2 = {};
    uint x_2 = {};
    bool local_4 = {};
    uint b_8 = wid.z;
    uint h_10 = wid.y;
    uint _e7 = P.group;
    uint hk = naga_div(h_10, _e7);
    uint i0_ = wid.x * MBQ;
    uint _e16 = P.seq_q;
    uint last_row = metal::min(i0_ + MBQ, _e16) - 1u;
    uint _e24 = P.seq_kv;
    k_end = static_cast<int>(_e24);
    int _e29 = P.has_band_lo;
    if (_e29 != 0) {
        int _e36 = P.band_lo;
        k_begin = metal::max(0, as_type<int>(as_type<uint>(static_cast<int>(i0_)) + as_type<uint>(_e36)));
    }
    int _e41 = P.has_band_hi;
    if (_e41 != 0) {
        int _e44 = k_end;
        int _e48 = P.band_hi;
        k_end = metal::min(_e44, as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(last_row)) + as_type<uint>(_e48))) + as_type<uint>(1)));
    }
    int _e55 = P.has_blocks;
    if (!((_e55 != 0))) {
        int _e63 = P.mask_kind;
        local = _e63 == MASK_BOOL;
    } else {
        local = true;
    }
    bool check_live = local;
    uint _e72 = P.seq_q;
    uint _e75 = P.head_dim;
    stage_rows(lid, OP_Q, b_8, h_10, i0_, MBQ, _e72, _e75, MD, true, P, q_buf, k_buf, v_buf, do_buf, mq, mkv, _buffer_sizes);
    x = lid;
    uint2 loop_bound_2 = uint2(4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (metal::all(loop_bound_2 == uint2(0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e86 = x;
            x = _e86 + MWG;
        }
        loop_init_2 = false;
        uint _e79 = x;
        if (_e79 < 64u) {
        } else {
            break;
        }
        {
            uint _e83 = x;
            mzero.inner[_e83] = 0.0;
        }
    }
    if (lid == 0u) {
        metal::atomic_store_explicit(&mlive_flag, 0u, metal::memory_order_relaxed);
        metal::atomic_store_explicit(&mrescale_flag, 0u, metal::memory_order_relaxed);
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    uint er = naga_div(lid, 2u);
    uint half_ = naga_mod(lid, 2u);
    uint ec = half_ * 16u;
    uint ei = i0_ + er;
    uint2 loop_bound_3 = uint2(4294967295u);
    bool loop_init_3 = true;
    while(true) {
        if (metal::all(loop_bound_3 == uint2(0u))) { break; }
        loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
        if (!loop_init_3) {
            uint _e119 = t;
            t = _e119 + 1u;
        }
        loop_init_3 = false;
        uint _e109 = t;
        if (_e109 < NO) {
        } else {
            break;
        }
        {
            uint _e112 = t;
            o.inner[_e112] = NagaCooperativeLoad(&mzero.inner[0], CM, false);
        }
    }
    int _e121 = k_begin;
    k0_ = _e121;
    uint2 loop_bound_4 = uint2(4294967295u);
    bool loop_init_4 = true;
    while(true) {
        if (metal::all(loop_bound_4 == uint2(0u))) { break; }
        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
        if (!loop_init_4) {
            int _e499 = k0_;
            k0_ = as_type<int>(as_type<uint>(_e499) + as_type<uint>(32));
        }
        loop_init_4 = false;
        int _e123 = k0_;
        int _e124 = k_end;
        if (_e123 < _e124) {
        } else {
            break;
        }
        {
            int _e126 = k0_;
            uint j0_ = static_cast<uint>(_e126);
            if (check_live) {
                any = false;
                e = 0u;
                uint2 loop_bound_5 = uint2(4294967295u);
                bool loop_init_5 = true;
                while(true) {
                    if (metal::all(loop_bound_5 == uint2(0u))) { break; }
                    loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
                    if (!loop_init_5) {
                        uint _e146 = e;
                        e = _e146 + 1u;
                    }
                    loop_init_5 = false;
                    uint _e132 = e;
                    if (_e132 < 16u) {
                    } else {
                        break;
                    }
                    {
                        bool _e135 = any;
                        if (!(_e135)) {
                            uint _e140 = e;
                            bool _e142 = visible(b_8, h_10, ei, (j0_ + ec) + _e140, P, mask_buf, blocks_buf, _buffer_sizes);
                            local_1 = _e142;
                        } else {
                            local_1 = true;
                        }
                        bool _e144 = local_1;
                        any = _e144;
                    }
                }
                bool _e148 = any;
                bool _e149 = m_tile_is_live(_e148, lid, mlive_flag, mlive);
                if (!(_e149)) {
                    continue;
                }
            }
            uint _e155 = P.seq_kv;
            uint _e158 = P.head_dim;
            stage_rows(lid, OP_K, b_8, hk, j0_, MBK, _e155, _e158, MD, false, P, q_buf, k_buf, v_buf, do_buf, mq, mkv, _buffer_sizes);
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            rb = 0u;
            uint2 loop_bound_6 = uint2(4294967295u);
            bool loop_init_6 = true;
            while(true) {
                if (metal::all(loop_bound_6 == uint2(0u))) { break; }
                loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
                if (!loop_init_6) {
                    uint _e254 = rb;
                    rb = _e254 + 1u;
                }
                loop_init_6 = false;
                uint _e163 = rb;
                if (_e163 < RB) {
                } else {
                    break;
                }
                {
                    uint _e168 = rb;
                    uint row0_1 = (sg * RS) + (_e168 * CM);
                    acc = type_19 {};
                    n = 0u;
                    uint2 loop_bound_7 = uint2(4294967295u);
                    bool loop_init_7 = true;
                    while(true) {
                        if (metal::all(loop_bound_7 == uint2(0u))) { break; }
                        loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
                        if (!loop_init_7) {
                            uint _e186 = n;
                            n = _e186 + 1u;
                        }
                        loop_init_7 = false;
                        uint _e176 = n;
                        if (_e176 < 4u) {
                        } else {
                            break;
                        }
                        {
                            uint _e179 = n;
                            acc.inner[_e179] = NagaCooperativeLoad(&mzero.inner[0], CM, false);
                        }
                    }
                    kk = 0u;
                    uint2 loop_bound_8 = uint2(4294967295u);
                    bool loop_init_8 = true;
                    while(true) {
                        if (metal::all(loop_bound_8 == uint2(0u))) { break; }
                        loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
                        if (!loop_init_8) {
                            uint _e231 = kk;
                            kk = _e231 + 1u;
                        }
                        loop_init_8 = false;
                        uint _e190 = kk;
                        if (_e190 < 16u) {
                        } else {
                            break;
                        }
                        {
                            uint _e196 = kk;
                            metal::simdgroup_half8x8 a = NagaCooperativeLoad(&mq.inner[(row0_1 * MD) + (_e196 * CM)], MD, false);
                            n_1 = 0u;
                            uint2 loop_bound_9 = uint2(4294967295u);
                            bool loop_init_9 = true;
                            while(true) {
                                if (metal::all(loop_bound_9 == uint2(0u))) { break; }
                                loop_bound_9 -= uint2(loop_bound_9.y == 0u, 1u);
                                if (!loop_init_9) {
                                    uint _e228 = n_1;
                                    n_1 = _e228 + 1u;
                                }
                                loop_init_9 = false;
                                uint _e205 = n_1;
                                if (_e205 < 4u) {
                                } else {
                                    break;
                                }
                                {
                                    uint _e209 = n_1;
                                    uint _e214 = kk;
                                    metal::simdgroup_half8x8 kt = NagaCooperativeLoad(&mkv.inner[((_e209 * CM) * MD) + (_e214 * CM)], MD, true);
                                    uint _e221 = n_1;
                                    uint _e223 = n_1;
                                    CoopC _e225 = acc.inner[_e223];
                                    acc.inner[_e221] = NagaCooperativeMultiplyAdd(a, kt, _e225);
                                }
                            }
                        }
                    }
                    n_2 = 0u;
                    uint2 loop_bound_10 = uint2(4294967295u);
                    bool loop_init_10 = true;
                    while(true) {
                        if (metal::all(loop_bound_10 == uint2(0u))) { break; }
                        loop_bound_10 -= uint2(loop_bound_10.y == 0u, 1u);
                        if (!loop_init_10) {
                            uint _e251 = n_2;
                            n_2 = _e251 + 1u;
                        }
                        loop_init_10 = false;
                        uint _e235 = n_2;
                        if (_e235 < 4u) {
                        } else {
                            break;
                        }
                        {
                            uint _e238 = n_2;
                            CoopC _e240 = acc.inner[_e238];
                            uint _e244 = n_2;
                            simdgroup_store(_e240, &ms.inner[(row0_1 * MBK) + (_e244 * CM)], MBK);
                        }
                    }
                }
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            uint _e260 = P.seq_kv;
            uint _e263 = P.head_dim_v;
            stage_rows(lid, OP_V, b_8, hk, j0_, MBK, _e260, _e263, MDV, false, P, q_buf, k_buf, v_buf, do_buf, mq, mkv, _buffer_sizes);
            m_tile = MASKED;
            n_3 = 0u;
            uint2 loop_bound_11 = uint2(4294967295u);
            bool loop_init_11 = true;
            while(true) {
                if (metal::all(loop_bound_11 == uint2(0u))) { break; }
                loop_bound_11 -= uint2(loop_bound_11.y == 0u, 1u);
                if (!loop_init_11) {
                    uint _e286 = n_3;
                    n_3 = _e286 + 1u;
                }
                loop_init_11 = false;
                uint _e270 = n_3;
                if (_e270 < MBK) {
                } else {
                    break;
                }
                {
                    float _e273 = m_tile;
                    uint _e274 = n_3;
                    uint _e279 = n_3;
                    float _e282 = ms.inner[(er * MBK) + _e279];
                    float _e283 = tile_score(b_8, h_10, ei, j0_ + _e274, _e282, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                    m_tile = metal::max(_e273, _e283);
                }
            }
            alpha = 1.0;
            moved = false;
            float _e292 = m_tile;
            if (_e292 > MASKED) {
                float _e297 = m_run;
                if (!((_e297 <= MASKED))) {
                    float _e303 = m_tile;
                    float _e304 = m_run;
                    local_3 = _e303 > (_e304 + TAU);
                } else {
                    local_3 = true;
                }
                bool _e309 = local_3;
                local_2 = _e309;
            } else {
                local_2 = false;
            }
            bool _e311 = local_2;
            if (_e311) {
                float _e312 = m_run;
                moved = _e312 > MASKED;
                float _e315 = m_run;
                float _e316 = m_tile;
                bool _e319 = moved;
                alpha = _e319 ? metal::exp(_e315 - _e316) : 0.0;
                float _e322 = m_tile;
                m_run = _e322;
                float _e323 = l_part;
                float _e324 = alpha;
                l_part = _e323 * _e324;
            }
            e_1 = 0u;
            uint2 loop_bound_12 = uint2(4294967295u);
            bool loop_init_12 = true;
            while(true) {
                if (metal::all(loop_bound_12 == uint2(0u))) { break; }
                loop_bound_12 -= uint2(loop_bound_12.y == 0u, 1u);
                if (!loop_init_12) {
                    uint _e363 = e_1;
                    e_1 = _e363 + 1u;
                }
                loop_init_12 = false;
                uint _e328 = e_1;
                if (_e328 < 16u) {
                } else {
                    break;
                }
                {
                    uint _e332 = e_1;
                    uint _e338 = e_1;
                    float _e341 = ms.inner[((er * MBK) + ec) + _e338];
                    float _e342 = tile_score(b_8, h_10, ei, (j0_ + ec) + _e332, _e341, P, mask_buf, blocks_buf, aux_buf, _buffer_sizes);
                    p = 0.0;
                    if (_e342 > MASKED) {
                        float _e347 = m_run;
                        p = metal::exp(_e342 - _e347);
                    }
                    float _e350 = l_part;
                    float _e351 = p;
                    l_part = _e350 + _e351;
                    uint _e357 = e_1;
                    float _e360 = p;
                    mp.inner[((er * MBK) + ec) + _e357] = static_cast<half>(_e360);
                }
            }
            if (half_ == 0u) {
                float _e369 = alpha;
                malpha.inner[er] = _e369;
            }
            bool _e370 = moved;
            bool _e371 = m_any_rescale(_e370, lid, mrescale_flag, mrescale);
            if (_e371) {
                t_1 = 0u;
                uint2 loop_bound_13 = uint2(4294967295u);
                bool loop_init_13 = true;
                while(true) {
                    if (metal::all(loop_bound_13 == uint2(0u))) { break; }
                    loop_bound_13 -= uint2(loop_bound_13.y == 0u, 1u);
                    if (!loop_init_13) {
                        uint _e435 = t_1;
                        t_1 = _e435 + 1u;
                    }
                    loop_init_13 = false;
                    uint _e374 = t_1;
                    if (_e374 < NO) {
                    } else {
                        break;
                    }
                    {
                        uint _e377 = t_1;
                        uint rb_3 = naga_div(_e377, 16u);
                        uint row0_2 = (sg * RS) + (rb_3 * CM);
                        uint _e385 = t_1;
                        CoopC _e387 = o.inner[_e385];
                        simdgroup_store(_e387, &ms.inner[row0_2 * MBK], MBK);
                        metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                        x_1 = lid;
                        uint2 loop_bound_14 = uint2(4294967295u);
                        bool loop_init_14 = true;
                        while(true) {
                            if (metal::all(loop_bound_14 == uint2(0u))) { break; }
                            loop_bound_14 -= uint2(loop_bound_14.y == 0u, 1u);
                            if (!loop_init_14) {
                                uint _e423 = x_1;
                                x_1 = _e423 + MWG;
                            }
                            loop_init_14 = false;
                            uint _e394 = x_1;
                            if (_e394 < 256u) {
                            } else {
                                break;
                            }
                            {
                                uint _e397 = x_1;
                                uint e_12 = naga_mod(_e397, 64u);
                                uint _e400 = x_1;
                                uint r_5 = ((naga_div(_e400, 64u) * RS) + (rb_3 * CM)) + naga_div(e_12, CM);
                                float _e418 = ms.inner[(r_5 * MBK) + naga_mod(e_12, CM)];
                                float _e421 = malpha.inner[r_5];
                                ms.inner[(r_5 * MBK) + naga_mod(e_12, CM)] = _e418 * _e421;
                            }
                        }
                        metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                        uint _e426 = t_1;
                        o.inner[_e426] = NagaCooperativeLoad(&ms.inner[row0_2 * MBK], MBK, false);
                        metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                    }
                }
            }
            rb_1 = 0u;
            uint2 loop_bound_15 = uint2(4294967295u);
            bool loop_init_15 = true;
            while(true) {
                if (metal::all(loop_bound_15 == uint2(0u))) { break; }
                loop_bound_15 -= uint2(loop_bound_15.y == 0u, 1u);
                if (!loop_init_15) {
                    uint _e497 = rb_1;
                    rb_1 = _e497 + 1u;
                }
                loop_init_15 = false;
                uint _e439 = rb_1;
                if (_e439 < RB) {
                } else {
                    break;
                }
                {
                    uint _e444 = rb_1;
                    uint row0_3 = (sg * RS) + (_e444 * CM);
                    kk_1 = 0u;
                    uint2 loop_bound_16 = uint2(4294967295u);
                    bool loop_init_16 = true;
                    while(true) {
                        if (metal::all(loop_bound_16 == uint2(0u))) { break; }
                        loop_bound_16 -= uint2(loop_bound_16.y == 0u, 1u);
                        if (!loop_init_16) {
                            uint _e494 = kk_1;
                            kk_1 = _e494 + 1u;
                        }
                        loop_init_16 = false;
                        uint _e450 = kk_1;
                        if (_e450 < 4u) {
                        } else {
                            break;
                        }
                        {
                            uint _e456 = kk_1;
                            metal::simdgroup_half8x8 a_1 = NagaCooperativeLoad(&mp.inner[(row0_3 * MBK) + (_e456 * CM)], MBK, false);
                            n_4 = 0u;
                            uint2 loop_bound_17 = uint2(4294967295u);
                            bool loop_init_17 = true;
                            while(true) {
                                if (metal::all(loop_bound_17 == uint2(0u))) { break; }
                                loop_bound_17 -= uint2(loop_bound_17.y == 0u, 1u);
                                if (!loop_init_17) {
                                    uint _e491 = n_4;
                                    n_4 = _e491 + 1u;
                                }
                                loop_init_17 = false;
                                uint _e465 = n_4;
                                if (_e465 < 16u) {
                                } else {
                                    break;
                                }
                                {
                                    uint _e468 = rb_1;
                                    uint _e471 = n_4;
                                    uint t_3 = (_e468 * 16u) + _e471;
                                    uint _e474 = kk_1;
                                    uint _e479 = n_4;
                                    metal::simdgroup_half8x8 v_1 = NagaCooperativeLoad(&mkv.inner[((_e474 * CM) * MDV) + (_e479 * CM)], MDV, false);
                                    CoopC _e488 = o.inner[t_3];
                                    o.inner[t_3] = NagaCooperativeMultiplyAdd(a_1, v_1, _e488);
                                }
                            }
                        }
                    }
                }
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
        }
    }
    float _e507 = l_part;
    ml.inner[(er * 2u) + half_] = _e507;
    if (half_ == 0u) {
        float _e512 = m_run;
        malpha.inner[er] = _e512;
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    if (lid < MBQ) {
        float _e517 = malpha.inner[lid];
        m = _e517;
        float _e523 = ml.inner[lid * 2u];
        float _e530 = ml.inner[(lid * 2u) + 1u];
        l = _e523 + _e530;
        uint _e537 = P.has_sinks;
        if (_e537 != 0u) {
            float _e540 = sink_of(h_10, P, aux_buf, _buffer_sizes);
            float _e541 = m;
            float m_fin = metal::max(_e541, _e540);
            float _e543 = m;
            float _e546 = m;
            float shift = (_e546 > MASKED) ? metal::exp(_e543 - m_fin) : 0.0;
            float _e551 = l;
            l = (_e551 * shift) + metal::exp(_e540 - m_fin);
            scale_o = shift;
            m = m_fin;
        }
        float _e560 = l;
        if (_e560 > 0.0) {
            float _e563 = m;
            float _e564 = l;
            lse = _e563 + metal::log(_e564);
            float _e567 = scale_o;
            float _e568 = l;
            factor = _e567 / _e568;
        }
        float _e572 = factor;
        malpha.inner[lid] = _e572;
        uint _e576 = P.seq_q;
        if ((i0_ + lid) < _e576) {
            uint _e581 = P.lse_at;
            uint _e584 = P.heads_q;
            uint _e589 = P.seq_q;
            float _e595 = lse;
            out_buf[((_e581 + (((b_8 * _e584) + h_10) * _e589)) + i0_) + lid] = _e595;
        }
    }
    uint2 loop_bound_18 = uint2(4294967295u);
    bool loop_init_18 = true;
    while(true) {
        if (metal::all(loop_bound_18 == uint2(0u))) { break; }
        loop_bound_18 -= uint2(loop_bound_18.y == 0u, 1u);
        if (!loop_init_18) {
            uint _e688 = n_5;
            n_5 = _e688 + 1u;
        }
        loop_init_18 = false;
        uint _e598 = n_5;
        if (_e598 < 16u) {
        } else {
            break;
        }
        {
            rb_2 = 0u;
            uint2 loop_bound_19 = uint2(4294967295u);
            bool loop_init_19 = true;
            while(true) {
                if (metal::all(loop_bound_19 == uint2(0u))) { break; }
                loop_bound_19 -= uint2(loop_bound_19.y == 0u, 1u);
                if (!loop_init_19) {
                    uint _e625 = rb_2;
                    rb_2 = _e625 + 1u;
                }
                loop_init_19 = false;
                uint _e603 = rb_2;
                if (_e603 < RB) {
                } else {
                    break;
                }
                {
                    uint _e608 = rb_2;
                    uint row0_4 = (sg * RS) + (_e608 * CM);
                    uint _e612 = rb_2;
                    uint _e615 = n_5;
                    CoopC _e618 = o.inner[(_e612 * 16u) + _e615];
                    simdgroup_store(_e618, &ms.inner[row0_4 * MBK], MBK);
                }
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            x_2 = lid;
            uint2 loop_bound_20 = uint2(4294967295u);
            bool loop_init_20 = true;
            while(true) {
                if (metal::all(loop_bound_20 == uint2(0u))) { break; }
                loop_bound_20 -= uint2(loop_bound_20.y == 0u, 1u);
                if (!loop_init_20) {
                    uint _e684 = x_2;
                    x_2 = _e684 + MWG;
                }
                loop_init_20 = false;
                uint _e628 = x_2;
                if (_e628 < 512u) {
                } else {
                    break;
                }
                {
                    uint _e631 = x_2;
                    uint r_6 = naga_div(_e631, CM);
                    uint _e634 = n_5;
                    uint _e637 = x_2;
                    uint c_5 = (_e634 * CM) + naga_mod(_e637, CM);
                    uint i_4 = i0_ + r_6;
                    uint _e644 = P.seq_q;
                    if (i_4 < _e644) {
                        uint _e650 = P.head_dim_v;
                        local_4 = c_5 < _e650;
                    } else {
                        local_4 = false;
                    }
                    bool _e653 = local_4;
                    if (_e653) {
                        uint _e657 = P.heads_q;
                        uint _e662 = P.seq_q;
                        uint _e667 = P.head_dim_v;
                        uint _e674 = x_2;
                        float _e679 = ms.inner[(r_6 * MBK) + naga_mod(_e674, CM)];
                        float _e682 = malpha.inner[r_6];
                        out_buf[(((((b_8 * _e657) + h_10) * _e662) + i_4) * _e667) + c_5] = _e679 * _e682;
                    }
                }
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
        }
    }
    return;
}
