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
typedef uint type_3[1];
typedef float type_4[1];
struct type_7 {
    float inner[512];
};
struct type_8 {
    float inner[2048];
};
struct type_9 {
    float inner[256];
};
struct type_11 {
    float inner[4];
};
struct type_13 {
    float inner[16];
};
struct type_14 {
    bool inner[4];
};
constant uint NACC_K = 16u;
constant uint NACC_V = 16u;
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
constant uint WG = 64u;
constant uint ROWS = 8u;
constant uint TPR = 8u;
constant uint COLS = 32u;
constant uint CPT = 4u;
constant uint CH = 64u;
constant uint SLOTS_PER_CH = 8u;

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
    uint h
) {
    uint sign = (h & 32768u) << 16u;
    uint exponent = (h >> 10u) & 31u;
    uint mantissa = h & 1023u;
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
    device type_3 const& q_buf,
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
    device type_3 const& k_buf,
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
    device type_3 const& v_buf,
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
    device type_3 const& do_buf,
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
    device type_3 const& o_buf,
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
    device type_3 const& mask_buf,
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
    device type_3 const& blocks_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint _e5 = blocks_buf[e_8 >> 2u];
    return (_e5 >> (8u * static_cast<uint>(e_8 & 3))) & 255u;
}

float ld(
    uint op,
    uint b,
    uint h_1,
    uint r,
    uint c,
    constant Params& P,
    device type_3 const& q_buf,
    device type_3 const& k_buf,
    device type_3 const& v_buf,
    device type_3 const& do_buf,
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
    device type_3 const& o_buf,
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
    uint j_1,
    constant Params& P,
    device type_3 const& mask_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e6 = P.mask_base;
    int _e10 = P.mask_sb;
    int _e16 = P.mask_sh;
    int _e22 = P.mask_ss;
    int _e28 = P.mask_sd;
    float _e31 = ld_mask(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e6) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b_2)) * as_type<uint>(_e10))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_3)) * as_type<uint>(_e16))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(i)) * as_type<uint>(_e22))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(j_1)) * as_type<uint>(_e28)))), P, mask_buf, _buffer_sizes);
    return _e31;
}

uint naga_div(uint lhs, uint rhs) {
    return lhs / metal::select(rhs, 1u, rhs == 0u);
}

bool visible(
    uint b_3,
    uint h_4,
    uint i_1,
    uint j_2,
    constant Params& P,
    device type_3 const& mask_buf,
    device type_3 const& blocks_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    bool local_2 = {};
    bool local_3 = {};
    bool local_4 = {};
    bool read_bool = {};
    uint _e6 = P.seq_q;
    if (!((i_1 >= _e6))) {
        uint _e13 = P.seq_kv;
        local_2 = j_2 >= _e13;
    } else {
        local_2 = true;
    }
    bool _e16 = local_2;
    if (_e16) {
        return false;
    }
    int d = as_type<int>(as_type<uint>(static_cast<int>(j_2)) - as_type<uint>(static_cast<int>(i_1)));
    int _e23 = P.has_band_lo;
    if (_e23 != 0) {
        int _e30 = P.band_lo;
        local_3 = d < _e30;
    } else {
        local_3 = false;
    }
    bool _e33 = local_3;
    if (_e33) {
        return false;
    }
    int _e37 = P.has_band_hi;
    if (_e37 != 0) {
        int _e44 = P.band_hi;
        local_4 = d > _e44;
    } else {
        local_4 = false;
    }
    bool _e47 = local_4;
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
        int e_9 = as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e62) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b_3)) * as_type<uint>(_e66))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_4)) * as_type<uint>(_e72))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(i_1, _e77))) * as_type<uint>(_e82))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(j_2, _e87))) * as_type<uint>(_e92))));
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
        float _e103 = mask_value(b_3, h_4, i_1, j_2, P, mask_buf, _buffer_sizes);
        return _e103 != 0.0;
    }
    return true;
}

bool plain_scores(
    constant Params& P
) {
    bool local_5 = {};
    bool local_6 = {};
    bool local_7 = {};
    int _e2 = P.mask_kind;
    if (_e2 == MASK_NONE) {
        int _e9 = P.has_blocks;
        local_5 = _e9 == 0;
    } else {
        local_5 = false;
    }
    bool _e13 = local_5;
    if (_e13) {
        uint _e18 = P.has_alibi;
        local_6 = _e18 == 0u;
    } else {
        local_6 = false;
    }
    bool _e22 = local_6;
    if (_e22) {
        float _e27 = P.softcap;
        local_7 = _e27 == 0.0;
    } else {
        local_7 = false;
    }
    bool _e31 = local_7;
    return _e31;
}

metal::float2 score(
    uint b_4,
    uint h_5,
    uint i_2,
    uint j_3,
    float dot,
    constant Params& P,
    device type_3 const& mask_buf,
    device type_4 const& aux_buf,
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
        float slope = aux_buf[(_e44 + (b_4 * _e47)) + h_5];
        float _e53 = s;
        int _e58 = P.diag;
        s = _e53 - (slope * metal::abs(static_cast<float>(as_type<int>(as_type<uint>(static_cast<int>(j_3)) - as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(i_2)) + as_type<uint>(_e58)))))));
    }
    int _e67 = P.mask_kind;
    if (_e67 == MASK_ADDITIVE) {
        float _e70 = s;
        float _e71 = mask_value(b_4, h_5, i_2, j_3, P, mask_buf, _buffer_sizes);
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
    uint h_6,
    constant Params& P,
    device type_4 const& aux_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint _e4 = P.sinks_at;
    float _e7 = aux_buf[_e4 + h_6];
    return _e7;
}

bool tile_is_live(
    bool mine,
    uint lid_1,
    threadgroup metal::atomic_uint& live_flag,
    threadgroup uint& live_tile
) {
    if (mine) {
        uint _e4 = metal::atomic_fetch_or_explicit(&live_flag, 1u, metal::memory_order_relaxed);
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    if (lid_1 == 0u) {
        uint _e9 = metal::atomic_load_explicit(&live_flag, metal::memory_order_relaxed);
        live_tile = _e9;
        metal::atomic_store_explicit(&live_flag, 0u, metal::memory_order_relaxed);
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    uint unnamed = live_tile;
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    return unnamed != 0u;
}

uint naga_mod(uint lhs, uint rhs) {
    return lhs % metal::select(rhs, 1u, rhs == 0u);
}

type_11 tile_dots(
    uint lid_2,
    uint own_op,
    uint own_h,
    uint own_row0_,
    uint own_rows,
    uint stream_op,
    uint stream_h,
    uint stream_row0_,
    uint stream_rows,
    uint b_5,
    uint dim,
    constant Params& P,
    device type_3 const& q_buf,
    device type_3 const& k_buf,
    device type_3 const& v_buf,
    device type_3 const& do_buf,
    threadgroup type_7& own_tile,
    threadgroup type_8& stream_tile,
    constant _mslBufferSizes& _buffer_sizes
) {
    type_11 dots = type_11 {{0.0, 0.0, 0.0, 0.0}};
    uint c0_2 = 0u;
    uint x = {};
    float val = {};
    bool local_8 = {};
    uint x_1 = {};
    float val_1 = {};
    bool local_9 = {};
    uint m_2 = {};
    float acc_1 = {};
    uint c_2 = {};
    uint r_2 = naga_div(lid_2, TPR);
    uint t_1 = naga_mod(lid_2, TPR);
    uint2 loop_bound = uint2(4294967295u);
    bool loop_init = true;
    while(true) {
        if (metal::all(loop_bound == uint2(0u))) { break; }
        loop_bound -= uint2(loop_bound.y == 0u, 1u);
        if (!loop_init) {
            uint _e129 = c0_2;
            c0_2 = _e129 + CH;
        }
        loop_init = false;
        uint _e23 = c0_2;
        if (_e23 < dim) {
        } else {
            break;
        }
        {
            x = lid_2;
            uint2 loop_bound_1 = uint2(4294967295u);
            bool loop_init_1 = true;
            while(true) {
                if (metal::all(loop_bound_1 == uint2(0u))) { break; }
                loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
                if (!loop_init_1) {
                    uint _e52 = x;
                    x = _e52 + WG;
                }
                loop_init_1 = false;
                uint _e26 = x;
                if (_e26 < 512u) {
                } else {
                    break;
                }
                {
                    uint _e29 = x;
                    uint row = naga_div(_e29, CH);
                    uint _e32 = c0_2;
                    uint _e33 = x;
                    uint c_3 = _e32 + naga_mod(_e33, CH);
                    val = 0.0;
                    if ((own_row0_ + row) < own_rows) {
                        local_8 = c_3 < dim;
                    } else {
                        local_8 = false;
                    }
                    bool _e45 = local_8;
                    if (_e45) {
                        float _e47 = ld(own_op, b_5, own_h, own_row0_ + row, c_3, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
                        val = _e47;
                    }
                    uint _e49 = x;
                    float _e51 = val;
                    own_tile.inner[_e49] = _e51;
                }
            }
            x_1 = lid_2;
            uint2 loop_bound_2 = uint2(4294967295u);
            bool loop_init_2 = true;
            while(true) {
                if (metal::all(loop_bound_2 == uint2(0u))) { break; }
                loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
                if (!loop_init_2) {
                    uint _e82 = x_1;
                    x_1 = _e82 + WG;
                }
                loop_init_2 = false;
                uint _e56 = x_1;
                if (_e56 < 2048u) {
                } else {
                    break;
                }
                {
                    uint _e59 = x_1;
                    uint row_1 = naga_div(_e59, CH);
                    uint _e62 = c0_2;
                    uint _e63 = x_1;
                    uint c_4 = _e62 + naga_mod(_e63, CH);
                    val_1 = 0.0;
                    if ((stream_row0_ + row_1) < stream_rows) {
                        local_9 = c_4 < dim;
                    } else {
                        local_9 = false;
                    }
                    bool _e75 = local_9;
                    if (_e75) {
                        float _e77 = ld(stream_op, b_5, stream_h, stream_row0_ + row_1, c_4, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
                        val_1 = _e77;
                    }
                    uint _e79 = x_1;
                    float _e81 = val_1;
                    stream_tile.inner[_e79] = _e81;
                }
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            m_2 = 0u;
            uint2 loop_bound_3 = uint2(4294967295u);
            bool loop_init_3 = true;
            while(true) {
                if (metal::all(loop_bound_3 == uint2(0u))) { break; }
                loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
                if (!loop_init_3) {
                    uint _e127 = m_2;
                    m_2 = _e127 + 1u;
                }
                loop_init_3 = false;
                uint _e87 = m_2;
                if (_e87 < CPT) {
                } else {
                    break;
                }
                {
                    uint _e91 = m_2;
                    uint n_3 = t_1 + (TPR * _e91);
                    acc_1 = 0.0;
                    c_2 = 0u;
                    uint2 loop_bound_4 = uint2(4294967295u);
                    bool loop_init_4 = true;
                    while(true) {
                        if (metal::all(loop_bound_4 == uint2(0u))) { break; }
                        loop_bound_4 -= uint2(loop_bound_4.y == 0u, 1u);
                        if (!loop_init_4) {
                            uint _e119 = c_2;
                            c_2 = _e119 + 1u;
                        }
                        loop_init_4 = false;
                        uint _e98 = c_2;
                        if (_e98 < CH) {
                        } else {
                            break;
                        }
                        {
                            float _e101 = acc_1;
                            uint _e105 = c_2;
                            float _e108 = own_tile.inner[(r_2 * CH) + _e105];
                            uint _e112 = c_2;
                            float _e115 = stream_tile.inner[(n_3 * CH) + _e112];
                            acc_1 = _e101 + (_e108 * _e115);
                        }
                    }
                    uint _e121 = m_2;
                    float _e123 = dots.inner[_e121];
                    float _e124 = acc_1;
                    dots.inner[_e121] = _e123 + _e124;
                }
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
        }
    }
    type_11 _e132 = dots;
    return _e132;
}

void stage_stream(
    uint lid_3,
    uint op_1,
    uint h_7,
    uint row0_,
    uint rows,
    uint b_6,
    uint c0_3,
    uint dim_1,
    constant Params& P,
    device type_3 const& q_buf,
    device type_3 const& k_buf,
    device type_3 const& v_buf,
    device type_3 const& do_buf,
    threadgroup type_8& stream_tile,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint x_2 = {};
    float val_2 = {};
    bool local_10 = {};
    x_2 = lid_3;
    uint2 loop_bound_5 = uint2(4294967295u);
    bool loop_init_5 = true;
    while(true) {
        if (metal::all(loop_bound_5 == uint2(0u))) { break; }
        loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
        if (!loop_init_5) {
            uint _e34 = x_2;
            x_2 = _e34 + WG;
        }
        loop_init_5 = false;
        uint _e9 = x_2;
        if (_e9 < 2048u) {
        } else {
            break;
        }
        {
            uint _e12 = x_2;
            uint row_2 = naga_div(_e12, CH);
            uint _e15 = x_2;
            uint c_5 = c0_3 + naga_mod(_e15, CH);
            val_2 = 0.0;
            if ((row0_ + row_2) < rows) {
                local_10 = c_5 < dim_1;
            } else {
                local_10 = false;
            }
            bool _e27 = local_10;
            if (_e27) {
                float _e29 = ld(op_1, b_6, h_7, row0_ + row_2, c_5, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
                val_2 = _e29;
            }
            uint _e31 = x_2;
            float _e33 = val_2;
            stream_tile.inner[_e31] = _e33;
        }
    }
    return;
}

struct backward_dqInput {
};
[[max_total_threads_per_threadgroup(64)]] kernel void backward_dq(
  uint lid [[thread_index_in_threadgroup]]
, metal::uint3 wid [[threadgroup_position_in_grid]]
, constant Params& P [[user(fake0)]]
, device type_3 const& q_buf [[user(fake0)]]
, device type_3 const& k_buf [[user(fake0)]]
, device type_3 const& v_buf [[user(fake0)]]
, device type_3 const& mask_buf [[user(fake0)]]
, device type_3 const& blocks_buf [[user(fake0)]]
, device type_4 const& aux_buf [[user(fake0)]]
, device type_3 const& do_buf [[user(fake0)]]
, device type_4 const& rows_buf [[user(fake0)]]
, device type_4& out_buf [[user(fake0)]]
, threadgroup type_7& own_tile
, threadgroup type_8& stream_tile
, threadgroup type_9& scores
, threadgroup metal::atomic_uint& live_flag
, threadgroup uint& live_tile
, constant _mslBufferSizes& _buffer_sizes [[user(fake0)]]
) {
    if (lid == 0u) {
        own_tile = {};
        stream_tile = {};
        scores = {};
        metal::atomic_store_explicit(&live_flag, 0, metal::memory_order_relaxed);
        live_tile = {};
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    int k_begin = 0;
    int k_end = {};
    type_13 acc = {};
    uint n = 0u;
    int k0_ = {};
    type_14 vis = {};
    bool any = {};
    uint m = {};
    bool local = {};
    uint m_1 = {};
    float ds = {};
    bool local_1 = {};
    uint c0_ = {};
    uint n_1 = {};
    float sum = {};
    uint j = {};
    uint c0_1 = 0u;
    uint n_2 = {};
    uint b_7 = wid.z;
    uint h_8 = wid.y;
    uint _e6 = P.group;
    uint hk = naga_div(h_8, _e6);
    uint r_3 = naga_div(lid, TPR);
    uint t_2 = naga_mod(lid, TPR);
    uint i0_ = wid.x * ROWS;
    uint i_3 = i0_ + r_3;
    uint _e20 = P.seq_q;
    uint last_row = metal::min(i0_ + ROWS, _e20) - 1u;
    uint _e26 = P.heads_q;
    uint _e31 = P.seq_q;
    uint _e35 = P.seq_q;
    uint row_3 = (((b_7 * _e26) + h_8) * _e31) + metal::min(i_3, _e35 - 1u);
    float lse = rows_buf[row_3];
    uint _e46 = P.delta_at;
    float delta = rows_buf[_e46 + row_3];
    uint _e54 = P.seq_kv;
    k_end = static_cast<int>(_e54);
    int _e59 = P.has_band_lo;
    if (_e59 != 0) {
        int _e66 = P.band_lo;
        k_begin = metal::max(0, as_type<int>(as_type<uint>(static_cast<int>(i0_)) + as_type<uint>(_e66)));
    }
    int _e71 = P.has_band_hi;
    if (_e71 != 0) {
        int _e74 = k_end;
        int _e78 = P.band_hi;
        k_end = metal::min(_e74, as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(last_row)) + as_type<uint>(_e78))) + as_type<uint>(1)));
    }
    uint2 loop_bound_6 = uint2(4294967295u);
    bool loop_init_6 = true;
    while(true) {
        if (metal::all(loop_bound_6 == uint2(0u))) { break; }
        loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
        if (!loop_init_6) {
            uint _e93 = n;
            n = _e93 + 1u;
        }
        loop_init_6 = false;
        uint _e86 = n;
        if (_e86 < NACC_K) {
        } else {
            break;
        }
        {
            uint _e89 = n;
            acc.inner[_e89] = 0.0;
        }
    }
    int _e95 = k_begin;
    k0_ = _e95;
    uint2 loop_bound_7 = uint2(4294967295u);
    bool loop_init_7 = true;
    while(true) {
        if (metal::all(loop_bound_7 == uint2(0u))) { break; }
        loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
        if (!loop_init_7) {
            int _e273 = k0_;
            k0_ = as_type<int>(as_type<uint>(_e273) + as_type<uint>(32));
        }
        loop_init_7 = false;
        int _e97 = k0_;
        int _e98 = k_end;
        if (_e97 < _e98) {
        } else {
            break;
        }
        {
            int _e100 = k0_;
            uint j0_ = static_cast<uint>(_e100);
            vis = type_14 {};
            any = false;
            m = 0u;
            uint2 loop_bound_8 = uint2(4294967295u);
            bool loop_init_8 = true;
            while(true) {
                if (metal::all(loop_bound_8 == uint2(0u))) { break; }
                loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
                if (!loop_init_8) {
                    uint _e129 = m;
                    m = _e129 + 1u;
                }
                loop_init_8 = false;
                uint _e108 = m;
                if (_e108 < CPT) {
                } else {
                    break;
                }
                {
                    uint _e111 = m;
                    uint _e115 = m;
                    bool _e118 = visible(b_7, h_8, i_3, (j0_ + t_2) + (TPR * _e115), P, mask_buf, blocks_buf, _buffer_sizes);
                    vis.inner[_e111] = _e118;
                    bool _e119 = any;
                    if (!(_e119)) {
                        uint _e123 = m;
                        bool _e125 = vis.inner[_e123];
                        local = _e125;
                    } else {
                        local = true;
                    }
                    bool _e127 = local;
                    any = _e127;
                }
            }
            bool _e131 = any;
            bool _e132 = tile_is_live(_e131, lid, live_flag, live_tile);
            if (!(_e132)) {
                continue;
            }
            uint _e137 = P.seq_q;
            uint _e141 = P.seq_kv;
            uint _e144 = P.head_dim;
            type_11 _e145 = tile_dots(lid, OP_Q, h_8, i0_, _e137, OP_K, hk, j0_, _e141, b_7, _e144, P, q_buf, k_buf, v_buf, do_buf, own_tile, stream_tile, _buffer_sizes);
            uint _e149 = P.seq_q;
            uint _e153 = P.seq_kv;
            uint _e156 = P.head_dim_v;
            type_11 _e157 = tile_dots(lid, OP_DO, h_8, i0_, _e149, OP_V, hk, j0_, _e153, b_7, _e156, P, q_buf, k_buf, v_buf, do_buf, own_tile, stream_tile, _buffer_sizes);
            m_1 = 0u;
            uint2 loop_bound_9 = uint2(4294967295u);
            bool loop_init_9 = true;
            while(true) {
                if (metal::all(loop_bound_9 == uint2(0u))) { break; }
                loop_bound_9 -= uint2(loop_bound_9.y == 0u, 1u);
                if (!loop_init_9) {
                    uint _e205 = m_1;
                    m_1 = _e205 + 1u;
                }
                loop_init_9 = false;
                uint _e160 = m_1;
                if (_e160 < CPT) {
                } else {
                    break;
                }
                {
                    ds = 0.0;
                    uint _e165 = m_1;
                    bool _e167 = vis.inner[_e165];
                    if (_e167) {
                        uint _e170 = m_1;
                        uint _e173 = m_1;
                        metal::float2 _e175 = score(b_7, h_8, i_3, (j0_ + t_2) + (TPR * _e170), _e145.inner[_e173], P, mask_buf, aux_buf, _buffer_sizes);
                        if (_e175.x > MASKED) {
                            local_1 = lse > MASKED;
                        } else {
                            local_1 = false;
                        }
                        bool _e184 = local_1;
                        if (_e184) {
                            float p = metal::exp(_e175.x - lse);
                            uint _e188 = m_1;
                            ds = (p * (_e157.inner[_e188] - delta)) * _e175.y;
                        }
                    }
                    uint _e199 = m_1;
                    float _e203 = ds;
                    scores.inner[((r_3 * COLS) + t_2) + (TPR * _e199)] = _e203;
                }
            }
            c0_ = 0u;
            uint2 loop_bound_10 = uint2(4294967295u);
            bool loop_init_10 = true;
            while(true) {
                if (metal::all(loop_bound_10 == uint2(0u))) { break; }
                loop_bound_10 -= uint2(loop_bound_10.y == 0u, 1u);
                if (!loop_init_10) {
                    uint _e270 = c0_;
                    c0_ = _e270 + CH;
                }
                loop_init_10 = false;
                uint _e209 = c0_;
                uint _e212 = P.head_dim;
                if (_e209 < _e212) {
                } else {
                    break;
                }
                {
                    uint _e217 = P.seq_kv;
                    uint _e218 = c0_;
                    uint _e221 = P.head_dim;
                    stage_stream(lid, OP_K, hk, j0_, _e217, b_7, _e218, _e221, P, q_buf, k_buf, v_buf, do_buf, stream_tile, _buffer_sizes);
                    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                    uint _e222 = c0_;
                    uint slot0_ = naga_div(_e222, TPR);
                    n_1 = 0u;
                    uint2 loop_bound_11 = uint2(4294967295u);
                    bool loop_init_11 = true;
                    while(true) {
                        if (metal::all(loop_bound_11 == uint2(0u))) { break; }
                        loop_bound_11 -= uint2(loop_bound_11.y == 0u, 1u);
                        if (!loop_init_11) {
                            uint _e268 = n_1;
                            n_1 = _e268 + 1u;
                        }
                        loop_init_11 = false;
                        uint _e227 = n_1;
                        if (_e227 < SLOTS_PER_CH) {
                        } else {
                            break;
                        }
                        {
                            uint _e231 = n_1;
                            uint c_6 = t_2 + (TPR * _e231);
                            sum = 0.0;
                            j = 0u;
                            uint2 loop_bound_12 = uint2(4294967295u);
                            bool loop_init_12 = true;
                            while(true) {
                                if (metal::all(loop_bound_12 == uint2(0u))) { break; }
                                loop_bound_12 -= uint2(loop_bound_12.y == 0u, 1u);
                                if (!loop_init_12) {
                                    uint _e259 = j;
                                    j = _e259 + 1u;
                                }
                                loop_init_12 = false;
                                uint _e238 = j;
                                if (_e238 < COLS) {
                                } else {
                                    break;
                                }
                                {
                                    float _e241 = sum;
                                    uint _e245 = j;
                                    float _e248 = scores.inner[(r_3 * COLS) + _e245];
                                    uint _e250 = j;
                                    float _e255 = stream_tile.inner[(_e250 * CH) + c_6];
                                    sum = _e241 + (_e248 * _e255);
                                }
                            }
                            uint _e261 = n_1;
                            float _e264 = acc.inner[slot0_ + _e261];
                            float _e265 = sum;
                            acc.inner[slot0_ + _e261] = _e264 + _e265;
                        }
                    }
                    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                }
            }
        }
    }
    uint _e278 = P.seq_q;
    if (i_3 >= _e278) {
        return;
    }
    uint2 loop_bound_13 = uint2(4294967295u);
    bool loop_init_13 = true;
    while(true) {
        if (metal::all(loop_bound_13 == uint2(0u))) { break; }
        loop_bound_13 -= uint2(loop_bound_13.y == 0u, 1u);
        if (!loop_init_13) {
            uint _e319 = c0_1;
            c0_1 = _e319 + CH;
        }
        loop_init_13 = false;
        uint _e282 = c0_1;
        uint _e285 = P.head_dim;
        if (_e282 < _e285) {
        } else {
            break;
        }
        {
            n_2 = 0u;
            uint2 loop_bound_14 = uint2(4294967295u);
            bool loop_init_14 = true;
            while(true) {
                if (metal::all(loop_bound_14 == uint2(0u))) { break; }
                loop_bound_14 -= uint2(loop_bound_14.y == 0u, 1u);
                if (!loop_init_14) {
                    uint _e317 = n_2;
                    n_2 = _e317 + 1u;
                }
                loop_init_14 = false;
                uint _e289 = n_2;
                if (_e289 < SLOTS_PER_CH) {
                } else {
                    break;
                }
                {
                    uint _e292 = c0_1;
                    uint _e295 = n_2;
                    uint c_7 = (_e292 + t_2) + (TPR * _e295);
                    uint _e300 = P.head_dim;
                    if (c_7 < _e300) {
                        uint _e305 = P.head_dim;
                        uint _e309 = c0_1;
                        uint _e312 = n_2;
                        float _e315 = acc.inner[naga_div(_e309, TPR) + _e312];
                        out_buf[(row_3 * _e305) + c_7] = _e315;
                    }
                }
            }
        }
    }
    return;
}
