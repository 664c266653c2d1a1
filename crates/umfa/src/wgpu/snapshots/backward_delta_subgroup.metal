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
struct Invocation {
    uint lid;
    uint sg;
    uint sg_size;
    uint lane;
};
typedef uint type_4[1];
typedef float type_5[1];
constant uint NACC_K = 16u;
constant uint NACC_V = 16u;
constant uint LANES = 4u;
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

uint place_of(
    Invocation inv_2
) {
    return (inv_2.sg * inv_2.sg_size) + inv_2.lane;
}

float lanes_max(
    float x
) {
    float v = {};
    v = x;
    if (true) {
        float _e3 = v;
        float _e4 = v;
        float unnamed = metal::simd_shuffle_xor(_e4, 1u);
        v = metal::max(_e3, unnamed);
    }
    if (true) {
        float _e9 = v;
        float _e10 = v;
        float unnamed_1 = metal::simd_shuffle_xor(_e10, 2u);
        v = metal::max(_e9, unnamed_1);
    }
    if (false) {
        float _e15 = v;
        float _e16 = v;
        float unnamed_2 = metal::simd_shuffle_xor(_e16, 4u);
        v = metal::max(_e15, unnamed_2);
    }
    float _e20 = v;
    return _e20;
}

float lanes_sum(
    float x_1
) {
    float v_1 = {};
    v_1 = x_1;
    if (true) {
        float _e3 = v_1;
        float _e4 = v_1;
        float unnamed_3 = metal::simd_shuffle_xor(_e4, 1u);
        v_1 = _e3 + unnamed_3;
    }
    if (true) {
        float _e9 = v_1;
        float _e10 = v_1;
        float unnamed_4 = metal::simd_shuffle_xor(_e10, 2u);
        v_1 = _e9 + unnamed_4;
    }
    if (false) {
        float _e15 = v_1;
        float _e16 = v_1;
        float unnamed_5 = metal::simd_shuffle_xor(_e16, 4u);
        v_1 = _e15 + unnamed_5;
    }
    float _e20 = v_1;
    return _e20;
}

bool lanes_all(
    bool x_2
) {
    bool unnamed_6 = metal::simd_all(x_2);
    return unnamed_6;
}

int word_of(
    int dt,
    int e
) {
    switch(dt) {
        case 1:
        case 2: {
            return e >> 1u;
        }
        case 3: {
            return e >> 2u;
        }
        default: {
            return e;
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
        float x_3 = static_cast<float>(mantissa) * 0.000000059604645;
        return (sign != 0u) ? -(x_3) : x_3;
    }
    if (exponent == 31u) {
        return as_type<float>((sign | 2139095040u) | (mantissa << 13u));
    }
    return as_type<float>((sign | ((exponent + 112u) << 23u)) | (mantissa << 13u));
}

float decode(
    int dt_1,
    uint w,
    int e_1
) {
    switch(dt_1) {
        case 1: {
            float _e11 = half_to_f32_((w >> (16u * static_cast<uint>(e_1 & 1))) & 65535u);
            return _e11;
        }
        case 2: {
            return as_type<float>((w >> (16u * static_cast<uint>(e_1 & 1))) << 16u);
        }
        case 3: {
            return static_cast<float>((w >> (8u * static_cast<uint>(e_1 & 3))) & 255u);
        }
        default: {
            return as_type<float>(w);
        }
    }
}

float ld_q(
    int e_2,
    constant Params& P,
    device type_4 const& q_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.q_dtype;
    int _e7 = P.q_dtype;
    int _e8 = word_of(_e7, e_2);
    uint _e10 = q_buf[_e8];
    float _e11 = decode(_e3, _e10, e_2);
    return _e11;
}

float ld_k(
    int e_3,
    constant Params& P,
    device type_4 const& k_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.k_dtype;
    int _e7 = P.k_dtype;
    int _e8 = word_of(_e7, e_3);
    uint _e10 = k_buf[_e8];
    float _e11 = decode(_e3, _e10, e_3);
    return _e11;
}

float ld_v(
    int e_4,
    constant Params& P,
    device type_4 const& v_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.v_dtype;
    int _e7 = P.v_dtype;
    int _e8 = word_of(_e7, e_4);
    uint _e10 = v_buf[_e8];
    float _e11 = decode(_e3, _e10, e_4);
    return _e11;
}

float ld_do(
    int e_5,
    constant Params& P,
    device type_4 const& do_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.do_dtype;
    int _e7 = P.do_dtype;
    int _e8 = word_of(_e7, e_5);
    uint _e10 = do_buf[_e8];
    float _e11 = decode(_e3, _e10, e_5);
    return _e11;
}

float ld_o(
    int e_6,
    constant Params& P,
    device type_4 const& o_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.o_dtype;
    int _e7 = P.o_dtype;
    int _e8 = word_of(_e7, e_6);
    uint _e10 = o_buf[_e8];
    float _e11 = decode(_e3, _e10, e_6);
    return _e11;
}

float ld_mask(
    int e_7,
    constant Params& P,
    device type_4 const& mask_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.mask_dtype;
    int _e7 = P.mask_dtype;
    int _e8 = word_of(_e7, e_7);
    uint _e10 = mask_buf[_e8];
    float _e11 = decode(_e3, _e10, e_7);
    return _e11;
}

uint ld_class(
    int e_8,
    device type_4 const& blocks_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint _e5 = blocks_buf[e_8 >> 2u];
    return (_e5 >> (8u * static_cast<uint>(e_8 & 3))) & 255u;
}

float ld(
    uint op,
    uint b_1,
    uint h_2,
    uint r,
    uint c_1,
    constant Params& P,
    device type_4 const& q_buf,
    device type_4 const& k_buf,
    device type_4 const& v_buf,
    device type_4 const& do_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int bi = static_cast<int>(b_1);
    int hi = static_cast<int>(h_2);
    int ri = static_cast<int>(r);
    int ci = static_cast<int>(c_1);
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
    uint b_2,
    uint h_3,
    uint r_1,
    uint c_2,
    constant Params& P,
    device type_4 const& o_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e6 = P.o_base;
    int _e10 = P.o_sb;
    int _e16 = P.o_sh;
    int _e22 = P.o_ss;
    int _e28 = P.o_sd;
    float _e31 = ld_o(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e6) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b_2)) * as_type<uint>(_e10))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_3)) * as_type<uint>(_e16))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(r_1)) * as_type<uint>(_e22))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(c_2)) * as_type<uint>(_e28)))), P, o_buf, _buffer_sizes);
    return _e31;
}

float mask_value(
    uint b_3,
    uint h_4,
    uint i_1,
    uint j_1,
    constant Params& P,
    device type_4 const& mask_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e6 = P.mask_base;
    int _e10 = P.mask_sb;
    int _e16 = P.mask_sh;
    int _e22 = P.mask_ss;
    int _e28 = P.mask_sd;
    float _e31 = ld_mask(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e6) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b_3)) * as_type<uint>(_e10))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_4)) * as_type<uint>(_e16))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(i_1)) * as_type<uint>(_e22))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(j_1)) * as_type<uint>(_e28)))), P, mask_buf, _buffer_sizes);
    return _e31;
}

uint naga_div(uint lhs, uint rhs) {
    return lhs / metal::select(rhs, 1u, rhs == 0u);
}

bool visible(
    uint b_4,
    uint h_5,
    uint i_2,
    uint j_2,
    constant Params& P,
    device type_4 const& mask_buf,
    device type_4 const& blocks_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    bool local_6 = {};
    bool local_7 = {};
    bool local_8 = {};
    bool read_bool = {};
    uint _e6 = P.seq_q;
    if (!((i_2 >= _e6))) {
        uint _e13 = P.seq_kv;
        local_6 = j_2 >= _e13;
    } else {
        local_6 = true;
    }
    bool _e16 = local_6;
    if (_e16) {
        return false;
    }
    int d = as_type<int>(as_type<uint>(static_cast<int>(j_2)) - as_type<uint>(static_cast<int>(i_2)));
    int _e23 = P.has_band_lo;
    if (_e23 != 0) {
        int _e30 = P.band_lo;
        local_7 = d < _e30;
    } else {
        local_7 = false;
    }
    bool _e33 = local_7;
    if (_e33) {
        return false;
    }
    int _e37 = P.has_band_hi;
    if (_e37 != 0) {
        int _e44 = P.band_hi;
        local_8 = d > _e44;
    } else {
        local_8 = false;
    }
    bool _e47 = local_8;
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
        int e_9 = as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e62) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b_4)) * as_type<uint>(_e66))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_5)) * as_type<uint>(_e72))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(i_2, _e77))) * as_type<uint>(_e82))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(j_2, _e87))) * as_type<uint>(_e92))));
        uint _e95 = ld_class(e_9, blocks_buf, _buffer_sizes);
        if (_e95 == CLASS_EMPTY) {
            return false;
        }
        if (_e95 == CLASS_FULL) {
            read_bool = false;
        }
    }
    bool _e102 = read_bool;
    if (_e102) {
        float _e103 = mask_value(b_4, h_5, i_2, j_2, P, mask_buf, _buffer_sizes);
        return _e103 != 0.0;
    }
    return true;
}

bool plain_scores(
    constant Params& P
) {
    bool local_9 = {};
    bool local_10 = {};
    bool local_11 = {};
    int _e2 = P.mask_kind;
    if (_e2 == MASK_NONE) {
        int _e9 = P.has_blocks;
        local_9 = _e9 == 0;
    } else {
        local_9 = false;
    }
    bool _e13 = local_9;
    if (_e13) {
        uint _e18 = P.has_alibi;
        local_10 = _e18 == 0u;
    } else {
        local_10 = false;
    }
    bool _e22 = local_10;
    if (_e22) {
        float _e27 = P.softcap;
        local_11 = _e27 == 0.0;
    } else {
        local_11 = false;
    }
    bool _e31 = local_11;
    return _e31;
}

metal::float2 score(
    uint b_5,
    uint h_6,
    uint i_3,
    uint j_3,
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
        float slope = aux_buf[(_e44 + (b_5 * _e47)) + h_6];
        float _e53 = s;
        int _e58 = P.diag;
        s = _e53 - (slope * metal::abs(static_cast<float>(as_type<int>(as_type<uint>(static_cast<int>(j_3)) - as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(i_3)) + as_type<uint>(_e58)))))));
    }
    int _e67 = P.mask_kind;
    if (_e67 == MASK_ADDITIVE) {
        float _e70 = s;
        float _e71 = mask_value(b_5, h_6, i_3, j_3, P, mask_buf, _buffer_sizes);
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
    uint h_7,
    constant Params& P,
    device type_5 const& aux_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint _e4 = P.sinks_at;
    float _e7 = aux_buf[_e4 + h_7];
    return _e7;
}

uint thread_index(
    metal::uint3 wid_2,
    uint me,
    metal::uint3 nwg_2
) {
    return (((wid_2.y * nwg_2.x) + wid_2.x) * 64u) + me;
}

float grad_score(
    uint b_6,
    uint h_8,
    uint i_4,
    uint j_4,
    uint lane,
    constant Params& P,
    device type_4 const& q_buf,
    device type_4 const& k_buf,
    device type_4 const& v_buf,
    device type_4 const& mask_buf,
    device type_4 const& blocks_buf,
    device type_5 const& aux_buf,
    device type_4 const& do_buf,
    device type_5 const& rows_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    float qk = 0.0;
    uint c_3 = {};
    float dp = 0.0;
    uint c_4 = {};
    bool local_12 = {};
    bool local_13 = {};
    bool _e5 = visible(b_6, h_8, i_4, j_4, P, mask_buf, blocks_buf, _buffer_sizes);
    bool _e7 = lanes_all(!(_e5));
    if (_e7) {
        return 0.0;
    }
    uint _e11 = P.group;
    uint hk = naga_div(h_8, _e11);
    c_3 = lane;
    uint2 loop_bound = uint2(4294967295u);
    bool loop_init = true;
    while(true) {
        if (metal::all(loop_bound == uint2(0u))) { break; }
        loop_bound -= uint2(loop_bound.y == 0u, 1u);
        if (!loop_init) {
            uint _e30 = c_3;
            c_3 = _e30 + LANES;
        }
        loop_init = false;
        uint _e16 = c_3;
        uint _e19 = P.head_dim;
        if (_e16 < _e19) {
        } else {
            break;
        }
        {
            float _e21 = qk;
            uint _e23 = c_3;
            float _e24 = ld(OP_Q, b_6, h_8, i_4, _e23, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
            uint _e26 = c_3;
            float _e27 = ld(OP_K, b_6, hk, j_4, _e26, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
            qk = _e21 + (_e24 * _e27);
        }
    }
    float _e33 = qk;
    float _e34 = lanes_sum(_e33);
    qk = _e34;
    c_4 = lane;
    uint2 loop_bound_1 = uint2(4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (metal::all(loop_bound_1 == uint2(0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e52 = c_4;
            c_4 = _e52 + LANES;
        }
        loop_init_1 = false;
        uint _e38 = c_4;
        uint _e41 = P.head_dim_v;
        if (_e38 < _e41) {
        } else {
            break;
        }
        {
            float _e43 = dp;
            uint _e45 = c_4;
            float _e46 = ld(OP_DO, b_6, h_8, i_4, _e45, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
            uint _e48 = c_4;
            float _e49 = ld(OP_V, b_6, hk, j_4, _e48, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
            dp = _e43 + (_e46 * _e49);
        }
    }
    float _e55 = dp;
    float _e56 = lanes_sum(_e55);
    dp = _e56;
    float _e57 = qk;
    metal::float2 _e58 = score(b_6, h_8, i_4, j_4, _e57, P, mask_buf, aux_buf, _buffer_sizes);
    float s_1 = _e58.x;
    uint _e62 = P.heads_q;
    uint _e67 = P.seq_q;
    uint row = (((b_6 * _e62) + h_8) * _e67) + i_4;
    float lse = rows_buf[row];
    if (!(!(_e5))) {
        local_12 = !((s_1 > MASKED));
    } else {
        local_12 = true;
    }
    bool _e81 = local_12;
    if (!(_e81)) {
        local_13 = !((lse > MASKED));
    } else {
        local_13 = true;
    }
    bool _e89 = local_13;
    if (_e89) {
        return 0.0;
    }
    float _e93 = dp;
    uint _e97 = P.delta_at;
    float _e100 = rows_buf[_e97 + row];
    return metal::exp(s_1 - lse) * (_e93 - _e100);
}
uint naga_mod(uint lhs, uint rhs) {
    return lhs % metal::select(rhs, 1u, rhs == 0u);
}


struct backward_deltaInput {
};
[[max_total_threads_per_threadgroup(64)]] kernel void backward_delta(
  uint lid [[thread_index_in_threadgroup]]
, uint sg [[simdgroup_index_in_threadgroup]]
, uint sg_size [[threads_per_simdgroup]]
, uint lane_1 [[thread_index_in_simdgroup]]
, metal::uint3 wid [[threadgroup_position_in_grid]]
, metal::uint3 nwg [[threadgroups_per_grid]]
, constant Params& P [[user(fake0)]]
, device type_4 const& q_buf [[user(fake0)]]
, device type_4 const& k_buf [[user(fake0)]]
, device type_4 const& v_buf [[user(fake0)]]
, device type_4 const& do_buf [[user(fake0)]]
, device type_4 const& o_buf [[user(fake0)]]
, device type_5& rows_buf [[user(fake0)]]
, constant _mslBufferSizes& _buffer_sizes [[user(fake0)]]
) {
    const Invocation inv = { lid, sg, sg_size, lane_1 };
    float sum = 0.0;
    uint c = {};
    bool local = {};
    uint _e3 = place_of(inv);
    uint _e4 = thread_index(wid, _e3, nwg);
    uint lane_2 = naga_mod(_e4, LANES);
    uint _e9 = P.batch;
    uint _e12 = P.heads_q;
    uint _e16 = P.seq_q;
    uint n_rows = (_e9 * _e12) * _e16;
    uint row_1 = metal::min(naga_div(_e4, LANES), n_rows - 1u);
    uint _e25 = P.seq_q;
    uint i_5 = naga_mod(row_1, _e25);
    uint _e29 = P.seq_q;
    uint _e33 = P.heads_q;
    uint h_9 = naga_mod(naga_div(row_1, _e29), _e33);
    uint _e37 = P.seq_q;
    uint _e40 = P.heads_q;
    uint b_7 = naga_div(row_1, _e37 * _e40);
    c = lane_2;
    uint2 loop_bound_2 = uint2(4294967295u);
    bool loop_init_2 = true;
    while(true) {
        if (metal::all(loop_bound_2 == uint2(0u))) { break; }
        loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
        if (!loop_init_2) {
            uint _e59 = c;
            c = _e59 + LANES;
        }
        loop_init_2 = false;
        uint _e46 = c;
        uint _e49 = P.head_dim_v;
        if (_e46 < _e49) {
        } else {
            break;
        }
        {
            float _e51 = sum;
            uint _e53 = c;
            float _e54 = ld(OP_DO, b_7, h_9, i_5, _e53, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
            uint _e55 = c;
            float _e56 = ld_out_grad_o(b_7, h_9, i_5, _e55, P, o_buf, _buffer_sizes);
            sum = _e51 + (_e54 * _e56);
        }
    }
    float _e62 = sum;
    float _e63 = lanes_sum(_e62);
    sum = _e63;
    if (!((naga_div(_e4, LANES) >= n_rows))) {
        local = lane_2 != 0u;
    } else {
        local = true;
    }
    bool _e73 = local;
    if (_e73) {
        return;
    }
    uint _e77 = P.delta_at;
    float _e80 = rows_buf[_e77 + row_1];
    float _e83 = rows_buf[row_1];
    float d_lse = (_e83 > MASKED) ? _e80 : 0.0;
    uint _e91 = P.delta_at;
    float _e94 = sum;
    rows_buf[_e91 + row_1] = _e94 - d_lse;
    return;
}

