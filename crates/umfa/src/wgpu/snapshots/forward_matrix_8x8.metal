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
struct type_16 {
    CoopC inner[32];
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
constant uint MDKV = 128u;
constant uint NO = 32u;

int word_of(
    int dt,
    int e_3
) {
    switch(dt) {
        case 1:
        case 2: {
            return e_3 >> 1u;
        }
        case 3: {
            return e_3 >> 2u;
        }
        default: {
            return e_3;
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
        float x_4 = static_cast<float>(mantissa) * 0.000000059604645;
        return (sign != 0u) ? -(x_4) : x_4;
    }
    if (exponent == 31u) {
        return as_type<float>((sign | 2139095040u) | (mantissa << 13u));
    }
    return as_type<float>((sign | ((exponent + 112u) << 23u)) | (mantissa << 13u));
}

float decode(
    int dt_1,
    uint w,
    int e_4
) {
    switch(dt_1) {
        case 1: {
            float _e11 = half_to_f32_((w >> (16u * static_cast<uint>(e_4 & 1))) & 65535u);
            return _e11;
        }
        case 2: {
            return as_type<float>((w >> (16u * static_cast<uint>(e_4 & 1))) << 16u);
        }
        case 3: {
            return static_cast<float>((w >> (8u * static_cast<uint>(e_4 & 3))) & 255u);
        }
        default: {
            return as_type<float>(w);
        }
    }
}

float ld_q(
    int e_5,
    constant Params& P,
    device type_4 const& q_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.q_dtype;
    int _e7 = P.q_dtype;
    int _e8 = word_of(_e7, e_5);
    uint _e10 = q_buf[_e8];
    float _e11 = decode(_e3, _e10, e_5);
    return _e11;
}

float ld_k(
    int e_6,
    constant Params& P,
    device type_4 const& k_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.k_dtype;
    int _e7 = P.k_dtype;
    int _e8 = word_of(_e7, e_6);
    uint _e10 = k_buf[_e8];
    float _e11 = decode(_e3, _e10, e_6);
    return _e11;
}

float ld_v(
    int e_7,
    constant Params& P,
    device type_4 const& v_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.v_dtype;
    int _e7 = P.v_dtype;
    int _e8 = word_of(_e7, e_7);
    uint _e10 = v_buf[_e8];
    float _e11 = decode(_e3, _e10, e_7);
    return _e11;
}

float ld_do(
    int e_8,
    constant Params& P,
    device type_4 const& do_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.do_dtype;
    int _e7 = P.do_dtype;
    int _e8 = word_of(_e7, e_8);
    uint _e10 = do_buf[_e8];
    float _e11 = decode(_e3, _e10, e_8);
    return _e11;
}

float ld_o(
    int e_9,
    constant Params& P,
    device type_4 const& o_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.o_dtype;
    int _e7 = P.o_dtype;
    int _e8 = word_of(_e7, e_9);
    uint _e10 = o_buf[_e8];
    float _e11 = decode(_e3, _e10, e_9);
    return _e11;
}

float ld_mask(
    int e_10,
    constant Params& P,
    device type_4 const& mask_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e3 = P.mask_dtype;
    int _e7 = P.mask_dtype;
    int _e8 = word_of(_e7, e_10);
    uint _e10 = mask_buf[_e8];
    float _e11 = decode(_e3, _e10, e_10);
    return _e11;
}

uint ld_class(
    int e_11,
    device type_4 const& blocks_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint _e5 = blocks_buf[e_11 >> 2u];
    return (_e5 >> (8u * static_cast<uint>(e_11 & 3))) & 255u;
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
    bool local_6 = {};
    bool local_7 = {};
    bool local_8 = {};
    bool read_bool = {};
    uint _e6 = P.seq_q;
    if (!((i_1 >= _e6))) {
        uint _e13 = P.seq_kv;
        local_6 = j_1 >= _e13;
    } else {
        local_6 = true;
    }
    bool _e16 = local_6;
    if (_e16) {
        return false;
    }
    int d = as_type<int>(as_type<uint>(static_cast<int>(j_1)) - as_type<uint>(static_cast<int>(i_1)));
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
        int e_12 = as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e62) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b_3)) * as_type<uint>(_e66))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_4)) * as_type<uint>(_e72))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(i_1, _e77))) * as_type<uint>(_e82))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(j_1, _e87))) * as_type<uint>(_e92))));
        uint _e95 = ld_class(e_12, blocks_buf, _buffer_sizes);
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
        float t_1 = metal::tanh(_e19 / _e22);
        float _e27 = P.softcap;
        s = _e27 * t_1;
        float _e31 = P.scale;
        ds = _e31 * (1.0 - (t_1 * t_1));
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

uint naga_mod(uint lhs, uint rhs) {
    return lhs % metal::select(rhs, 1u, rhs == 0u);
}

void stage_kv(
    uint lid_2,
    uint op_1,
    uint h_7,
    uint row0_,
    uint rows,
    uint b_5,
    uint dim,
    uint stride,
    constant Params& P,
    device type_4 const& q_buf,
    device type_4 const& k_buf,
    device type_4 const& v_buf,
    device type_4 const& do_buf,
    threadgroup type_9& mkv,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint x_3 = {};
    float val_1 = {};
    bool local_9 = {};
    x_3 = lid_2;
    uint2 loop_bound = uint2(4294967295u);
    bool loop_init = true;
    while(true) {
        if (metal::all(loop_bound == uint2(0u))) { break; }
        loop_bound -= uint2(loop_bound.y == 0u, 1u);
        if (!loop_init) {
            uint _e33 = x_3;
            x_3 = _e33 + MWG;
        }
        loop_init = false;
        uint _e9 = x_3;
        if (_e9 < (MBK * stride)) {
        } else {
            break;
        }
        {
            uint _e13 = x_3;
            uint r_2 = naga_div(_e13, stride);
            uint _e15 = x_3;
            uint c_2 = naga_mod(_e15, stride);
            val_1 = 0.0;
            if ((row0_ + r_2) < rows) {
                local_9 = c_2 < dim;
            } else {
                local_9 = false;
            }
            bool _e25 = local_9;
            if (_e25) {
                float _e27 = ld(op_1, b_5, h_7, row0_ + r_2, c_2, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
                val_1 = _e27;
            }
            uint _e29 = x_3;
            float _e31 = val_1;
            mkv.inner[_e29] = static_cast<half>(_e31);
        }
    }
    return;
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

void score_tile(
    uint sg_1,
    threadgroup type_8& mq,
    threadgroup type_9& mkv,
    threadgroup type_10& ms,
    threadgroup type_12& mzero
) {
    uint rb_2 = 0u;
    uint n_3 = {};
    metal::simdgroup_float8x8 acc = {};
    uint kk_1 = {};
    uint2 loop_bound_1 = uint2(4294967295u);
    bool loop_init_1 = true;
    while(true) {
        if (metal::all(loop_bound_1 == uint2(0u))) { break; }
        loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
        if (!loop_init_1) {
            uint _e69 = rb_2;
            rb_2 = _e69 + 1u;
        }
        loop_init_1 = false;
        uint _e3 = rb_2;
        if (_e3 < 2u) {
        } else {
            break;
        }
        {
            uint _e8 = rb_2;
            uint row0_1 = (sg_1 * RS) + (_e8 * CM);
            n_3 = 0u;
            uint2 loop_bound_2 = uint2(4294967295u);
            bool loop_init_2 = true;
            while(true) {
                if (metal::all(loop_bound_2 == uint2(0u))) { break; }
                loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
                if (!loop_init_2) {
                    uint _e66 = n_3;
                    n_3 = _e66 + 1u;
                }
                loop_init_2 = false;
                uint _e14 = n_3;
                if (_e14 < 4u) {
                } else {
                    break;
                }
                {
                    acc = NagaCooperativeLoad(&mzero.inner[0], CM, false);
                    kk_1 = 0u;
                    uint2 loop_bound_3 = uint2(4294967295u);
                    bool loop_init_3 = true;
                    while(true) {
                        if (metal::all(loop_bound_3 == uint2(0u))) { break; }
                        loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
                        if (!loop_init_3) {
                            uint _e53 = kk_1;
                            kk_1 = _e53 + 1u;
                        }
                        loop_init_3 = false;
                        uint _e24 = kk_1;
                        if (_e24 < 16u) {
                        } else {
                            break;
                        }
                        {
                            uint _e30 = kk_1;
                            metal::simdgroup_half8x8 a = NagaCooperativeLoad(&mq.inner[(row0_1 * MD) + (_e30 * CM)], MD, false);
                            uint _e38 = n_3;
                            uint _e43 = kk_1;
                            metal::simdgroup_half8x8 bt = NagaCooperativeLoad(&mkv.inner[((_e38 * CM) * MD) + (_e43 * CM)], MD, true);
                            metal::simdgroup_float8x8 _e50 = acc;
                            acc = NagaCooperativeMultiplyAdd(a, bt, _e50);
                        }
                    }
                    metal::simdgroup_float8x8 _e55 = acc;
                    uint _e59 = n_3;
                    simdgroup_store(_e55, &ms.inner[(row0_1 * MBK) + (_e59 * CM)], MBK);
                }
            }
        }
    }
    return;
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
, threadgroup type_12& m_row
, threadgroup type_12& l_row
, threadgroup type_12& mzero
, threadgroup metal::atomic_uint& mlive_flag
, threadgroup uint& mlive
, constant _mslBufferSizes& _buffer_sizes [[user(fake0)]]
) {
    if (lid == 0u) {
        mq = {};
        mkv = {};
        ms = {};
        mp = {};
        m_row = {};
        l_row = {};
        mzero = {};
        metal::atomic_store_explicit(&mlive_flag, 0, metal::memory_order_relaxed);
        mlive = {};
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    int k_begin = 0;
    int k_end = {};
    uint x = {};
    float val = {};
    bool local = {};
    uint x_1 = {};
    float m_run = MASKED;
    float l_run = 0.0;
    int k0_ = {};
    bool any = {};
    uint e = {};
    bool local_1 = {};
    uint n = {};
    type_16 o = {};
    uint t = 0u;
    int k0_1 = {};
    bool any_1 = {};
    uint e_1 = {};
    bool local_2 = {};
    uint e_2 = {};
    float p = {};
    bool local_3 = {};
    uint rb = {};
    uint n_1 = {};
    uint kk = {};
    uint n_2 = 0u;
    uint rb_1 = {};
    uint x_2 = {};
    bool local_4 = {};
    bool local_5 = {};
    float lse = MASKED;
    uint b_6 = wid.z;
    uint h_8 = wid.y;
    uint _e7 = P.group;
    uint hk = naga_div(h_8, _e7);
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
    x = lid;
    uint2 loop_bound_4 = uint2(4294967295u);
    bool loop_init_4 = true;
    while(true) {
        if (metal::all(loop_bound_4 == uint2(0u))) { break; }
        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
        if (!loop_init_4) {
            uint _e86 = x;
            x = _e86 + MWG;
        }
        loop_init_4 = false;
        uint _e54 = x;
        if (_e54 < 8192u) {
        } else {
            break;
        }
        {
            uint _e57 = x;
            uint r_3 = naga_div(_e57, MD);
            uint _e60 = x;
            uint c_3 = naga_mod(_e60, MD);
            val = 0.0;
            uint _e68 = P.seq_q;
            if ((i0_ + r_3) < _e68) {
                uint _e74 = P.head_dim;
                local = c_3 < _e74;
            } else {
                local = false;
            }
            bool _e77 = local;
            if (_e77) {
                float _e80 = ld(OP_Q, b_6, h_8, i0_ + r_3, c_3, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
                val = _e80;
            }
            uint _e82 = x;
            float _e84 = val;
            mq.inner[_e82] = static_cast<half>(_e84);
        }
    }
    x_1 = lid;
    uint2 loop_bound_5 = uint2(4294967295u);
    bool loop_init_5 = true;
    while(true) {
        if (metal::all(loop_bound_5 == uint2(0u))) { break; }
        loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
        if (!loop_init_5) {
            uint _e97 = x_1;
            x_1 = _e97 + MWG;
        }
        loop_init_5 = false;
        uint _e90 = x_1;
        if (_e90 < 64u) {
        } else {
            break;
        }
        {
            uint _e94 = x_1;
            mzero.inner[_e94] = 0.0;
        }
    }
    if (lid == 0u) {
        metal::atomic_store_explicit(&mlive_flag, 0u, metal::memory_order_relaxed);
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    uint er = naga_div(lid, 2u);
    uint ec = naga_mod(lid, 2u) * 16u;
    uint ei = i0_ + er;
    uint _e117 = P.has_sinks;
    if (_e117 != 0u) {
        float _e120 = sink_of(h_8, P, aux_buf, _buffer_sizes);
        m_run = _e120;
        l_run = 1.0;
    }
    int _e122 = k_begin;
    k0_ = _e122;
    uint2 loop_bound_6 = uint2(4294967295u);
    bool loop_init_6 = true;
    while(true) {
        if (metal::all(loop_bound_6 == uint2(0u))) { break; }
        loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
        if (!loop_init_6) {
            int _e195 = k0_;
            k0_ = as_type<int>(as_type<uint>(_e195) + as_type<uint>(32));
        }
        loop_init_6 = false;
        int _e124 = k0_;
        int _e125 = k_end;
        if (_e124 < _e125) {
        } else {
            break;
        }
        {
            int _e127 = k0_;
            uint j0_ = static_cast<uint>(_e127);
            any = false;
            e = 0u;
            uint2 loop_bound_7 = uint2(4294967295u);
            bool loop_init_7 = true;
            while(true) {
                if (metal::all(loop_bound_7 == uint2(0u))) { break; }
                loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
                if (!loop_init_7) {
                    uint _e147 = e;
                    e = _e147 + 1u;
                }
                loop_init_7 = false;
                uint _e133 = e;
                if (_e133 < 16u) {
                } else {
                    break;
                }
                {
                    bool _e136 = any;
                    if (!(_e136)) {
                        uint _e141 = e;
                        bool _e143 = visible(b_6, h_8, ei, (j0_ + ec) + _e141, P, mask_buf, blocks_buf, _buffer_sizes);
                        local_1 = _e143;
                    } else {
                        local_1 = true;
                    }
                    bool _e145 = local_1;
                    any = _e145;
                }
            }
            bool _e149 = any;
            bool _e150 = m_tile_is_live(_e149, lid, mlive_flag, mlive);
            if (!(_e150)) {
                continue;
            }
            uint _e155 = P.seq_kv;
            uint _e158 = P.head_dim;
            stage_kv(lid, OP_K, hk, j0_, _e155, b_6, _e158, MD, P, q_buf, k_buf, v_buf, do_buf, mkv, _buffer_sizes);
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            score_tile(sg, mq, mkv, ms, mzero);
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            if (lid < MBQ) {
                uint i_3 = i0_ + lid;
                n = 0u;
                uint2 loop_bound_8 = uint2(4294967295u);
                bool loop_init_8 = true;
                while(true) {
                    if (metal::all(loop_bound_8 == uint2(0u))) { break; }
                    loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
                    if (!loop_init_8) {
                        uint _e193 = n;
                        n = _e193 + 1u;
                    }
                    loop_init_8 = false;
                    uint _e165 = n;
                    if (_e165 < MBK) {
                    } else {
                        break;
                    }
                    {
                        uint _e168 = n;
                        uint j_3 = j0_ + _e168;
                        bool _e170 = visible(b_6, h_8, i_3, j_3, P, mask_buf, blocks_buf, _buffer_sizes);
                        if (_e170) {
                            uint _e174 = n;
                            float _e177 = ms.inner[(lid * MBK) + _e174];
                            metal::float2 _e178 = score(b_6, h_8, i_3, j_3, _e177, P, mask_buf, aux_buf, _buffer_sizes);
                            float s_1 = _e178.x;
                            if (s_1 > MASKED) {
                                float _e182 = m_run;
                                float m_new = metal::max(_e182, s_1);
                                float _e184 = l_run;
                                float _e185 = m_run;
                                l_run = (_e184 * metal::exp(_e185 - m_new)) + metal::exp(s_1 - m_new);
                                m_run = m_new;
                            }
                        }
                    }
                }
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
        }
    }
    if (lid < MBQ) {
        float _e202 = m_run;
        m_row.inner[lid] = _e202;
        float _e205 = l_run;
        l_row.inner[lid] = _e205;
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    uint2 loop_bound_9 = uint2(4294967295u);
    bool loop_init_9 = true;
    while(true) {
        if (metal::all(loop_bound_9 == uint2(0u))) { break; }
        loop_bound_9 -= uint2(loop_bound_9.y == 0u, 1u);
        if (!loop_init_9) {
            uint _e219 = t;
            t = _e219 + 1u;
        }
        loop_init_9 = false;
        uint _e209 = t;
        if (_e209 < NO) {
        } else {
            break;
        }
        {
            uint _e212 = t;
            o.inner[_e212] = NagaCooperativeLoad(&mzero.inner[0], CM, false);
        }
    }
    int _e221 = k_begin;
    k0_1 = _e221;
    uint2 loop_bound_10 = uint2(4294967295u);
    bool loop_init_10 = true;
    while(true) {
        if (metal::all(loop_bound_10 == uint2(0u))) { break; }
        loop_bound_10 -= uint2(loop_bound_10.y == 0u, 1u);
        if (!loop_init_10) {
            int _e379 = k0_1;
            k0_1 = as_type<int>(as_type<uint>(_e379) + as_type<uint>(32));
        }
        loop_init_10 = false;
        int _e223 = k0_1;
        int _e224 = k_end;
        if (_e223 < _e224) {
        } else {
            break;
        }
        {
            int _e226 = k0_1;
            uint j0_1 = static_cast<uint>(_e226);
            any_1 = false;
            e_1 = 0u;
            uint2 loop_bound_11 = uint2(4294967295u);
            bool loop_init_11 = true;
            while(true) {
                if (metal::all(loop_bound_11 == uint2(0u))) { break; }
                loop_bound_11 -= uint2(loop_bound_11.y == 0u, 1u);
                if (!loop_init_11) {
                    uint _e246 = e_1;
                    e_1 = _e246 + 1u;
                }
                loop_init_11 = false;
                uint _e232 = e_1;
                if (_e232 < 16u) {
                } else {
                    break;
                }
                {
                    bool _e235 = any_1;
                    if (!(_e235)) {
                        uint _e240 = e_1;
                        bool _e242 = visible(b_6, h_8, ei, (j0_1 + ec) + _e240, P, mask_buf, blocks_buf, _buffer_sizes);
                        local_2 = _e242;
                    } else {
                        local_2 = true;
                    }
                    bool _e244 = local_2;
                    any_1 = _e244;
                }
            }
            bool _e248 = any_1;
            bool _e249 = m_tile_is_live(_e248, lid, mlive_flag, mlive);
            if (!(_e249)) {
                continue;
            }
            uint _e254 = P.seq_kv;
            uint _e257 = P.head_dim;
            stage_kv(lid, OP_K, hk, j0_1, _e254, b_6, _e257, MD, P, q_buf, k_buf, v_buf, do_buf, mkv, _buffer_sizes);
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            score_tile(sg, mq, mkv, ms, mzero);
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            float m = m_row.inner[er];
            float l = l_row.inner[er];
            e_2 = 0u;
            uint2 loop_bound_12 = uint2(4294967295u);
            bool loop_init_12 = true;
            while(true) {
                if (metal::all(loop_bound_12 == uint2(0u))) { break; }
                loop_bound_12 -= uint2(loop_bound_12.y == 0u, 1u);
                if (!loop_init_12) {
                    uint _e307 = e_2;
                    e_2 = _e307 + 1u;
                }
                loop_init_12 = false;
                uint _e267 = e_2;
                if (_e267 < 16u) {
                } else {
                    break;
                }
                {
                    uint _e271 = e_2;
                    uint j_4 = (j0_1 + ec) + _e271;
                    p = 0.0;
                    bool _e275 = visible(b_6, h_8, ei, j_4, P, mask_buf, blocks_buf, _buffer_sizes);
                    if (_e275) {
                        local_3 = l > 0.0;
                    } else {
                        local_3 = false;
                    }
                    bool _e281 = local_3;
                    if (_e281) {
                        uint _e286 = e_2;
                        float _e289 = ms.inner[((er * MBK) + ec) + _e286];
                        metal::float2 _e290 = score(b_6, h_8, ei, j_4, _e289, P, mask_buf, aux_buf, _buffer_sizes);
                        float s_2 = _e290.x;
                        if (s_2 > MASKED) {
                            p = metal::exp(s_2 - m) / l;
                        }
                    }
                    uint _e301 = e_2;
                    float _e304 = p;
                    mp.inner[((er * MBK) + ec) + _e301] = static_cast<half>(_e304);
                }
            }
            uint _e312 = P.seq_kv;
            uint _e315 = P.head_dim_v;
            stage_kv(lid, OP_V, hk, j0_1, _e312, b_6, _e315, MDV, P, q_buf, k_buf, v_buf, do_buf, mkv, _buffer_sizes);
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            rb = 0u;
            uint2 loop_bound_13 = uint2(4294967295u);
            bool loop_init_13 = true;
            while(true) {
                if (metal::all(loop_bound_13 == uint2(0u))) { break; }
                loop_bound_13 -= uint2(loop_bound_13.y == 0u, 1u);
                if (!loop_init_13) {
                    uint _e377 = rb;
                    rb = _e377 + 1u;
                }
                loop_init_13 = false;
                uint _e319 = rb;
                if (_e319 < 2u) {
                } else {
                    break;
                }
                {
                    uint _e324 = rb;
                    uint row0_2 = (sg * RS) + (_e324 * CM);
                    n_1 = 0u;
                    uint2 loop_bound_14 = uint2(4294967295u);
                    bool loop_init_14 = true;
                    while(true) {
                        if (metal::all(loop_bound_14 == uint2(0u))) { break; }
                        loop_bound_14 -= uint2(loop_bound_14.y == 0u, 1u);
                        if (!loop_init_14) {
                            uint _e374 = n_1;
                            n_1 = _e374 + 1u;
                        }
                        loop_init_14 = false;
                        uint _e330 = n_1;
                        if (_e330 < 16u) {
                        } else {
                            break;
                        }
                        {
                            uint _e333 = rb;
                            uint _e336 = n_1;
                            uint t_2 = (_e333 * 16u) + _e336;
                            kk = 0u;
                            uint2 loop_bound_15 = uint2(4294967295u);
                            bool loop_init_15 = true;
                            while(true) {
                                if (metal::all(loop_bound_15 == uint2(0u))) { break; }
                                loop_bound_15 -= uint2(loop_bound_15.y == 0u, 1u);
                                if (!loop_init_15) {
                                    uint _e371 = kk;
                                    kk = _e371 + 1u;
                                }
                                loop_init_15 = false;
                                uint _e340 = kk;
                                if (_e340 < 4u) {
                                } else {
                                    break;
                                }
                                {
                                    uint _e346 = kk;
                                    metal::simdgroup_half8x8 a_1 = NagaCooperativeLoad(&mp.inner[(row0_2 * MBK) + (_e346 * CM)], MBK, false);
                                    uint _e354 = kk;
                                    uint _e359 = n_1;
                                    metal::simdgroup_half8x8 v = NagaCooperativeLoad(&mkv.inner[((_e354 * CM) * MDV) + (_e359 * CM)], MDV, false);
                                    CoopC _e368 = o.inner[t_2];
                                    o.inner[t_2] = NagaCooperativeMultiplyAdd(a_1, v, _e368);
                                }
                            }
                        }
                    }
                }
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
        }
    }
    uint2 loop_bound_16 = uint2(4294967295u);
    bool loop_init_16 = true;
    while(true) {
        if (metal::all(loop_bound_16 == uint2(0u))) { break; }
        loop_bound_16 -= uint2(loop_bound_16.y == 0u, 1u);
        if (!loop_init_16) {
            uint _e470 = n_2;
            n_2 = _e470 + 1u;
        }
        loop_init_16 = false;
        uint _e384 = n_2;
        if (_e384 < 16u) {
        } else {
            break;
        }
        {
            rb_1 = 0u;
            uint2 loop_bound_17 = uint2(4294967295u);
            bool loop_init_17 = true;
            while(true) {
                if (metal::all(loop_bound_17 == uint2(0u))) { break; }
                loop_bound_17 -= uint2(loop_bound_17.y == 0u, 1u);
                if (!loop_init_17) {
                    uint _e411 = rb_1;
                    rb_1 = _e411 + 1u;
                }
                loop_init_17 = false;
                uint _e389 = rb_1;
                if (_e389 < 2u) {
                } else {
                    break;
                }
                {
                    uint _e394 = rb_1;
                    uint row0_3 = (sg * RS) + (_e394 * CM);
                    uint _e398 = rb_1;
                    uint _e401 = n_2;
                    CoopC _e404 = o.inner[(_e398 * 16u) + _e401];
                    simdgroup_store(_e404, &ms.inner[row0_3 * MBK], MBK);
                }
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            x_2 = lid;
            uint2 loop_bound_18 = uint2(4294967295u);
            bool loop_init_18 = true;
            while(true) {
                if (metal::all(loop_bound_18 == uint2(0u))) { break; }
                loop_bound_18 -= uint2(loop_bound_18.y == 0u, 1u);
                if (!loop_init_18) {
                    uint _e466 = x_2;
                    x_2 = _e466 + MWG;
                }
                loop_init_18 = false;
                uint _e414 = x_2;
                if (_e414 < 512u) {
                } else {
                    break;
                }
                {
                    uint _e417 = x_2;
                    uint r_4 = naga_div(_e417, CM);
                    uint _e420 = n_2;
                    uint _e423 = x_2;
                    uint c_4 = (_e420 * CM) + naga_mod(_e423, CM);
                    uint i_4 = i0_ + r_4;
                    uint _e430 = P.seq_q;
                    if (i_4 < _e430) {
                        uint _e436 = P.head_dim_v;
                        local_4 = c_4 < _e436;
                    } else {
                        local_4 = false;
                    }
                    bool _e439 = local_4;
                    if (_e439) {
                        uint _e443 = P.heads_q;
                        uint _e448 = P.seq_q;
                        uint _e453 = P.head_dim_v;
                        uint _e460 = x_2;
                        float _e465 = ms.inner[(r_4 * MBK) + naga_mod(_e460, CM)];
                        out_buf[(((((b_6 * _e443) + h_8) * _e448) + i_4) * _e453) + c_4] = _e465;
                    }
                }
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
        }
    }
    if (lid < MBQ) {
        uint _e479 = P.seq_q;
        local_5 = (i0_ + lid) < _e479;
    } else {
        local_5 = false;
    }
    bool _e482 = local_5;
    if (_e482) {
        float _e485 = l_run;
        if (_e485 > 0.0) {
            float _e488 = m_run;
            float _e489 = l_run;
            lse = _e488 + metal::log(_e489);
        }
        uint _e495 = P.lse_at;
        uint _e498 = P.heads_q;
        uint _e503 = P.seq_q;
        float _e509 = lse;
        out_buf[((_e495 + (((b_6 * _e498) + h_8) * _e503)) + i0_) + lid] = _e509;
        return;
    } else {
        return;
    }
}
