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
    uint h_1
) {
    uint sign = (h_1 & 32768u) << 16u;
    uint exponent = (h_1 >> 10u) & 31u;
    uint mantissa = h_1 & 1023u;
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
    uint h_2,
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
    int hi = static_cast<int>(h_2);
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
    uint h_3,
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
    float _e31 = ld_o(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e6) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b_1)) * as_type<uint>(_e10))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_3)) * as_type<uint>(_e16))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(r_1)) * as_type<uint>(_e22))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(c_1)) * as_type<uint>(_e28)))), P, o_buf, _buffer_sizes);
    return _e31;
}

float mask_value(
    uint b_2,
    uint h_4,
    uint i,
    uint j,
    constant Params& P,
    device type_3 const& mask_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    int _e6 = P.mask_base;
    int _e10 = P.mask_sb;
    int _e16 = P.mask_sh;
    int _e22 = P.mask_ss;
    int _e28 = P.mask_sd;
    float _e31 = ld_mask(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e6) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b_2)) * as_type<uint>(_e10))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_4)) * as_type<uint>(_e16))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(i)) * as_type<uint>(_e22))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(j)) * as_type<uint>(_e28)))), P, mask_buf, _buffer_sizes);
    return _e31;
}

uint naga_div(uint lhs, uint rhs) {
    return lhs / metal::select(rhs, 1u, rhs == 0u);
}

bool visible(
    uint b_3,
    uint h_5,
    uint i_1,
    uint j_1,
    constant Params& P,
    device type_3 const& mask_buf,
    device type_3 const& blocks_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    bool local_3 = {};
    bool local_4 = {};
    bool local_5 = {};
    bool read_bool = {};
    uint _e6 = P.seq_q;
    if (!((i_1 >= _e6))) {
        uint _e13 = P.seq_kv;
        local_3 = j_1 >= _e13;
    } else {
        local_3 = true;
    }
    bool _e16 = local_3;
    if (_e16) {
        return false;
    }
    int d = as_type<int>(as_type<uint>(static_cast<int>(j_1)) - as_type<uint>(static_cast<int>(i_1)));
    int _e23 = P.has_band_lo;
    if (_e23 != 0) {
        int _e30 = P.band_lo;
        local_4 = d < _e30;
    } else {
        local_4 = false;
    }
    bool _e33 = local_4;
    if (_e33) {
        return false;
    }
    int _e37 = P.has_band_hi;
    if (_e37 != 0) {
        int _e44 = P.band_hi;
        local_5 = d > _e44;
    } else {
        local_5 = false;
    }
    bool _e47 = local_5;
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
        int e_9 = as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(_e62) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(b_3)) * as_type<uint>(_e66))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(h_5)) * as_type<uint>(_e72))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(i_1, _e77))) * as_type<uint>(_e82))))) + as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(naga_div(j_1, _e87))) * as_type<uint>(_e92))));
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
        float _e103 = mask_value(b_3, h_5, i_1, j_1, P, mask_buf, _buffer_sizes);
        return _e103 != 0.0;
    }
    return true;
}

bool plain_scores(
    constant Params& P
) {
    bool local_6 = {};
    bool local_7 = {};
    bool local_8 = {};
    int _e2 = P.mask_kind;
    if (_e2 == MASK_NONE) {
        int _e9 = P.has_blocks;
        local_6 = _e9 == 0;
    } else {
        local_6 = false;
    }
    bool _e13 = local_6;
    if (_e13) {
        uint _e18 = P.has_alibi;
        local_7 = _e18 == 0u;
    } else {
        local_7 = false;
    }
    bool _e22 = local_7;
    if (_e22) {
        float _e27 = P.softcap;
        local_8 = _e27 == 0.0;
    } else {
        local_8 = false;
    }
    bool _e31 = local_8;
    return _e31;
}

metal::float2 score(
    uint b_4,
    uint h_6,
    uint i_2,
    uint j_2,
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
        float slope = aux_buf[(_e44 + (b_4 * _e47)) + h_6];
        float _e53 = s;
        int _e58 = P.diag;
        s = _e53 - (slope * metal::abs(static_cast<float>(as_type<int>(as_type<uint>(static_cast<int>(j_2)) - as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(i_2)) + as_type<uint>(_e58)))))));
    }
    int _e67 = P.mask_kind;
    if (_e67 == MASK_ADDITIVE) {
        float _e70 = s;
        float _e71 = mask_value(b_4, h_6, i_2, j_2, P, mask_buf, _buffer_sizes);
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
    uint h_7,
    constant Params& P,
    device type_4 const& aux_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint _e4 = P.sinks_at;
    float _e7 = aux_buf[_e4 + h_7];
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
    uint c0_4 = 0u;
    uint x_2 = {};
    float val = {};
    bool local_9 = {};
    uint x_3 = {};
    float val_1 = {};
    bool local_10 = {};
    uint m_3 = {};
    float acc = {};
    uint c_2 = {};
    uint r_2 = naga_div(lid_2, TPR);
    uint t_1 = naga_mod(lid_2, TPR);
    uint2 loop_bound = uint2(4294967295u);
    bool loop_init = true;
    while(true) {
        if (metal::all(loop_bound == uint2(0u))) { break; }
        loop_bound -= uint2(loop_bound.y == 0u, 1u);
        if (!loop_init) {
            uint _e129 = c0_4;
            c0_4 = _e129 + CH;
        }
        loop_init = false;
        uint _e23 = c0_4;
        if (_e23 < dim) {
        } else {
            break;
        }
        {
            x_2 = lid_2;
            uint2 loop_bound_1 = uint2(4294967295u);
            bool loop_init_1 = true;
            while(true) {
                if (metal::all(loop_bound_1 == uint2(0u))) { break; }
                loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
                if (!loop_init_1) {
                    uint _e52 = x_2;
                    x_2 = _e52 + WG;
                }
                loop_init_1 = false;
                uint _e26 = x_2;
                if (_e26 < 512u) {
                } else {
                    break;
                }
                {
                    uint _e29 = x_2;
                    uint row = naga_div(_e29, CH);
                    uint _e32 = c0_4;
                    uint _e33 = x_2;
                    uint c_3 = _e32 + naga_mod(_e33, CH);
                    val = 0.0;
                    if ((own_row0_ + row) < own_rows) {
                        local_9 = c_3 < dim;
                    } else {
                        local_9 = false;
                    }
                    bool _e45 = local_9;
                    if (_e45) {
                        float _e47 = ld(own_op, b_5, own_h, own_row0_ + row, c_3, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
                        val = _e47;
                    }
                    uint _e49 = x_2;
                    float _e51 = val;
                    own_tile.inner[_e49] = _e51;
                }
            }
            x_3 = lid_2;
            uint2 loop_bound_2 = uint2(4294967295u);
            bool loop_init_2 = true;
            while(true) {
                if (metal::all(loop_bound_2 == uint2(0u))) { break; }
                loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
                if (!loop_init_2) {
                    uint _e82 = x_3;
                    x_3 = _e82 + WG;
                }
                loop_init_2 = false;
                uint _e56 = x_3;
                if (_e56 < 2048u) {
                } else {
                    break;
                }
                {
                    uint _e59 = x_3;
                    uint row_1 = naga_div(_e59, CH);
                    uint _e62 = c0_4;
                    uint _e63 = x_3;
                    uint c_4 = _e62 + naga_mod(_e63, CH);
                    val_1 = 0.0;
                    if ((stream_row0_ + row_1) < stream_rows) {
                        local_10 = c_4 < dim;
                    } else {
                        local_10 = false;
                    }
                    bool _e75 = local_10;
                    if (_e75) {
                        float _e77 = ld(stream_op, b_5, stream_h, stream_row0_ + row_1, c_4, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
                        val_1 = _e77;
                    }
                    uint _e79 = x_3;
                    float _e81 = val_1;
                    stream_tile.inner[_e79] = _e81;
                }
            }
            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
            m_3 = 0u;
            uint2 loop_bound_3 = uint2(4294967295u);
            bool loop_init_3 = true;
            while(true) {
                if (metal::all(loop_bound_3 == uint2(0u))) { break; }
                loop_bound_3 -= uint2(loop_bound_3.y == 0u, 1u);
                if (!loop_init_3) {
                    uint _e127 = m_3;
                    m_3 = _e127 + 1u;
                }
                loop_init_3 = false;
                uint _e87 = m_3;
                if (_e87 < CPT) {
                } else {
                    break;
                }
                {
                    uint _e91 = m_3;
                    uint n_6 = t_1 + (TPR * _e91);
                    acc = 0.0;
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
                            float _e101 = acc;
                            uint _e105 = c_2;
                            float _e108 = own_tile.inner[(r_2 * CH) + _e105];
                            uint _e112 = c_2;
                            float _e115 = stream_tile.inner[(n_6 * CH) + _e112];
                            acc = _e101 + (_e108 * _e115);
                        }
                    }
                    uint _e121 = m_3;
                    float _e123 = dots.inner[_e121];
                    float _e124 = acc;
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
    uint h_8,
    uint row0_,
    uint rows,
    uint b_6,
    uint c0_5,
    uint dim_1,
    constant Params& P,
    device type_3 const& q_buf,
    device type_3 const& k_buf,
    device type_3 const& v_buf,
    device type_3 const& do_buf,
    threadgroup type_8& stream_tile,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint x_4 = {};
    float val_2 = {};
    bool local_11 = {};
    x_4 = lid_3;
    uint2 loop_bound_5 = uint2(4294967295u);
    bool loop_init_5 = true;
    while(true) {
        if (metal::all(loop_bound_5 == uint2(0u))) { break; }
        loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
        if (!loop_init_5) {
            uint _e34 = x_4;
            x_4 = _e34 + WG;
        }
        loop_init_5 = false;
        uint _e9 = x_4;
        if (_e9 < 2048u) {
        } else {
            break;
        }
        {
            uint _e12 = x_4;
            uint row_2 = naga_div(_e12, CH);
            uint _e15 = x_4;
            uint c_5 = c0_5 + naga_mod(_e15, CH);
            val_2 = 0.0;
            if ((row0_ + row_2) < rows) {
                local_11 = c_5 < dim_1;
            } else {
                local_11 = false;
            }
            bool _e27 = local_11;
            if (_e27) {
                float _e29 = ld(op_1, b_6, h_8, row0_ + row_2, c_5, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
                val_2 = _e29;
            }
            uint _e31 = x_4;
            float _e33 = val_2;
            stream_tile.inner[_e31] = _e33;
        }
    }
    return;
}

struct backward_dkdvInput {
};
[[max_total_threads_per_threadgroup(64)]] kernel void backward_dkdv(
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
    int q_begin = 0;
    int q_end = {};
    type_13 acc_k = {};
    type_13 acc_v = {};
    uint n = 0u;
    uint n_1 = 0u;
    uint h = {};
    int q0_ = {};
    type_14 vis = {};
    bool any = {};
    uint m = {};
    bool local = {};
    bool local_1 = {};
    type_11 p = {};
    type_11 ds = {};
    uint m_1 = {};
    bool local_2 = {};
    uint c0_ = {};
    uint n_2 = {};
    float sum = {};
    uint x = {};
    uint m_2 = {};
    uint c0_1 = {};
    uint n_3 = {};
    float sum_1 = {};
    uint x_1 = {};
    uint c0_2 = 0u;
    uint n_4 = {};
    uint c0_3 = 0u;
    uint n_5 = {};
    uint b_7 = wid.z;
    uint hk = wid.y;
    uint r_3 = naga_div(lid, TPR);
    uint t_2 = naga_mod(lid, TPR);
    uint j0_ = wid.x * ROWS;
    uint j_3 = j0_ + r_3;
    uint _e16 = P.seq_kv;
    uint last_key = metal::min(j0_ + ROWS, _e16) - 1u;
    uint _e24 = P.seq_q;
    q_end = static_cast<int>(_e24);
    int _e29 = P.has_band_hi;
    if (_e29 != 0) {
        int _e36 = P.band_hi;
        q_begin = metal::max(0, as_type<int>(as_type<uint>(static_cast<int>(j0_)) - as_type<uint>(_e36)));
    }
    int _e41 = P.has_band_lo;
    if (_e41 != 0) {
        int _e44 = q_end;
        int _e48 = P.band_lo;
        q_end = metal::min(_e44, as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(last_key)) - as_type<uint>(_e48))) + as_type<uint>(1)));
    }
    uint2 loop_bound_6 = uint2(4294967295u);
    bool loop_init_6 = true;
    while(true) {
        if (metal::all(loop_bound_6 == uint2(0u))) { break; }
        loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
        if (!loop_init_6) {
            uint _e64 = n;
            n = _e64 + 1u;
        }
        loop_init_6 = false;
        uint _e57 = n;
        if (_e57 < NACC_K) {
        } else {
            break;
        }
        {
            uint _e60 = n;
            acc_k.inner[_e60] = 0.0;
        }
    }
    uint2 loop_bound_7 = uint2(4294967295u);
    bool loop_init_7 = true;
    while(true) {
        if (metal::all(loop_bound_7 == uint2(0u))) { break; }
        loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
        if (!loop_init_7) {
            uint _e75 = n_1;
            n_1 = _e75 + 1u;
        }
        loop_init_7 = false;
        uint _e68 = n_1;
        if (_e68 < NACC_V) {
        } else {
            break;
        }
        {
            uint _e71 = n_1;
            acc_v.inner[_e71] = 0.0;
        }
    }
    uint _e79 = P.group;
    h = hk * _e79;
    uint2 loop_bound_8 = uint2(4294967295u);
    bool loop_init_8 = true;
    while(true) {
        if (metal::all(loop_bound_8 == uint2(0u))) { break; }
        loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
        if (!loop_init_8) {
            uint _e410 = h;
            h = _e410 + 1u;
        }
        loop_init_8 = false;
        uint _e82 = h;
        uint _e87 = P.group;
        if (_e82 < ((hk + 1u) * _e87)) {
        } else {
            break;
        }
        {
            int _e90 = q_begin;
            q0_ = _e90;
            uint2 loop_bound_9 = uint2(4294967295u);
            bool loop_init_9 = true;
            while(true) {
                if (metal::all(loop_bound_9 == uint2(0u))) { break; }
                loop_bound_9 -= uint2(loop_bound_9.y == 0u, 1u);
                if (!loop_init_9) {
                    int _e406 = q0_;
                    q0_ = as_type<int>(as_type<uint>(_e406) + as_type<uint>(32));
                }
                loop_init_9 = false;
                int _e92 = q0_;
                int _e93 = q_end;
                if (_e92 < _e93) {
                } else {
                    break;
                }
                {
                    int _e95 = q0_;
                    uint i0_ = static_cast<uint>(_e95);
                    vis = type_14 {};
                    any = false;
                    m = 0u;
                    uint2 loop_bound_10 = uint2(4294967295u);
                    bool loop_init_10 = true;
                    while(true) {
                        if (metal::all(loop_bound_10 == uint2(0u))) { break; }
                        loop_bound_10 -= uint2(loop_bound_10.y == 0u, 1u);
                        if (!loop_init_10) {
                            uint _e133 = m;
                            m = _e133 + 1u;
                        }
                        loop_init_10 = false;
                        uint _e103 = m;
                        if (_e103 < CPT) {
                        } else {
                            break;
                        }
                        {
                            uint _e106 = m;
                            uint _e110 = P.seq_kv;
                            if (j_3 < _e110) {
                                uint _e114 = h;
                                uint _e117 = m;
                                bool _e120 = visible(b_7, _e114, (i0_ + t_2) + (TPR * _e117), j_3, P, mask_buf, blocks_buf, _buffer_sizes);
                                local = _e120;
                            } else {
                                local = false;
                            }
                            bool _e122 = local;
                            vis.inner[_e106] = _e122;
                            bool _e123 = any;
                            if (!(_e123)) {
                                uint _e127 = m;
                                bool _e129 = vis.inner[_e127];
                                local_1 = _e129;
                            } else {
                                local_1 = true;
                            }
                            bool _e131 = local_1;
                            any = _e131;
                        }
                    }
                    bool _e135 = any;
                    bool _e136 = tile_is_live(_e135, lid, live_flag, live_tile);
                    if (!(_e136)) {
                        continue;
                    }
                    uint _e141 = P.seq_kv;
                    uint _e143 = h;
                    uint _e146 = P.seq_q;
                    uint _e149 = P.head_dim;
                    type_11 _e150 = tile_dots(lid, OP_K, hk, j0_, _e141, OP_Q, _e143, i0_, _e146, b_7, _e149, P, q_buf, k_buf, v_buf, do_buf, own_tile, stream_tile, _buffer_sizes);
                    uint _e154 = P.seq_kv;
                    uint _e156 = h;
                    uint _e159 = P.seq_q;
                    uint _e162 = P.head_dim_v;
                    type_11 _e163 = tile_dots(lid, OP_V, hk, j0_, _e154, OP_DO, _e156, i0_, _e159, b_7, _e162, P, q_buf, k_buf, v_buf, do_buf, own_tile, stream_tile, _buffer_sizes);
                    p = type_11 {};
                    ds = type_11 {};
                    m_1 = 0u;
                    uint2 loop_bound_11 = uint2(4294967295u);
                    bool loop_init_11 = true;
                    while(true) {
                        if (metal::all(loop_bound_11 == uint2(0u))) { break; }
                        loop_bound_11 -= uint2(loop_bound_11.y == 0u, 1u);
                        if (!loop_init_11) {
                            uint _e250 = m_1;
                            m_1 = _e250 + 1u;
                        }
                        loop_init_11 = false;
                        uint _e170 = m_1;
                        if (_e170 < CPT) {
                        } else {
                            break;
                        }
                        {
                            uint _e173 = m_1;
                            p.inner[_e173] = 0.0;
                            uint _e176 = m_1;
                            ds.inner[_e176] = 0.0;
                            uint _e181 = m_1;
                            uint i_3 = (i0_ + t_2) + (TPR * _e181);
                            uint _e184 = m_1;
                            bool _e186 = vis.inner[_e184];
                            if (_e186) {
                                uint _e189 = P.heads_q;
                                uint _e191 = h;
                                uint _e195 = P.seq_q;
                                uint row_3 = (((b_7 * _e189) + _e191) * _e195) + i_3;
                                float lse = rows_buf[row_3];
                                uint _e201 = h;
                                uint _e202 = m_1;
                                metal::float2 _e204 = score(b_7, _e201, i_3, j_3, _e150.inner[_e202], P, mask_buf, aux_buf, _buffer_sizes);
                                if (_e204.x > MASKED) {
                                    local_2 = lse > MASKED;
                                } else {
                                    local_2 = false;
                                }
                                bool _e213 = local_2;
                                if (_e213) {
                                    uint _e214 = m_1;
                                    p.inner[_e214] = metal::exp(_e204.x - lse);
                                    uint _e219 = m_1;
                                    uint _e221 = m_1;
                                    float _e223 = p.inner[_e221];
                                    uint _e224 = m_1;
                                    uint _e229 = P.delta_at;
                                    float _e232 = rows_buf[_e229 + row_3];
                                    ds.inner[_e219] = (_e223 * (_e163.inner[_e224] - _e232)) * _e204.y;
                                }
                            }
                            uint _e242 = m_1;
                            uint _e246 = m_1;
                            float _e248 = p.inner[_e246];
                            scores.inner[((r_3 * COLS) + t_2) + (TPR * _e242)] = _e248;
                        }
                    }
                    c0_ = 0u;
                    uint2 loop_bound_12 = uint2(4294967295u);
                    bool loop_init_12 = true;
                    while(true) {
                        if (metal::all(loop_bound_12 == uint2(0u))) { break; }
                        loop_bound_12 -= uint2(loop_bound_12.y == 0u, 1u);
                        if (!loop_init_12) {
                            uint _e316 = c0_;
                            c0_ = _e316 + CH;
                        }
                        loop_init_12 = false;
                        uint _e254 = c0_;
                        uint _e257 = P.head_dim_v;
                        if (_e254 < _e257) {
                        } else {
                            break;
                        }
                        {
                            uint _e260 = h;
                            uint _e263 = P.seq_q;
                            uint _e264 = c0_;
                            uint _e267 = P.head_dim_v;
                            stage_stream(lid, OP_DO, _e260, i0_, _e263, b_7, _e264, _e267, P, q_buf, k_buf, v_buf, do_buf, stream_tile, _buffer_sizes);
                            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                            uint _e268 = c0_;
                            uint slot0_ = naga_div(_e268, TPR);
                            n_2 = 0u;
                            uint2 loop_bound_13 = uint2(4294967295u);
                            bool loop_init_13 = true;
                            while(true) {
                                if (metal::all(loop_bound_13 == uint2(0u))) { break; }
                                loop_bound_13 -= uint2(loop_bound_13.y == 0u, 1u);
                                if (!loop_init_13) {
                                    uint _e314 = n_2;
                                    n_2 = _e314 + 1u;
                                }
                                loop_init_13 = false;
                                uint _e273 = n_2;
                                if (_e273 < SLOTS_PER_CH) {
                                } else {
                                    break;
                                }
                                {
                                    uint _e277 = n_2;
                                    uint c_6 = t_2 + (TPR * _e277);
                                    sum = 0.0;
                                    x = 0u;
                                    uint2 loop_bound_14 = uint2(4294967295u);
                                    bool loop_init_14 = true;
                                    while(true) {
                                        if (metal::all(loop_bound_14 == uint2(0u))) { break; }
                                        loop_bound_14 -= uint2(loop_bound_14.y == 0u, 1u);
                                        if (!loop_init_14) {
                                            uint _e305 = x;
                                            x = _e305 + 1u;
                                        }
                                        loop_init_14 = false;
                                        uint _e284 = x;
                                        if (_e284 < COLS) {
                                        } else {
                                            break;
                                        }
                                        {
                                            float _e287 = sum;
                                            uint _e291 = x;
                                            float _e294 = scores.inner[(r_3 * COLS) + _e291];
                                            uint _e296 = x;
                                            float _e301 = stream_tile.inner[(_e296 * CH) + c_6];
                                            sum = _e287 + (_e294 * _e301);
                                        }
                                    }
                                    uint _e307 = n_2;
                                    float _e310 = acc_v.inner[slot0_ + _e307];
                                    float _e311 = sum;
                                    acc_v.inner[slot0_ + _e307] = _e310 + _e311;
                                }
                            }
                            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                        }
                    }
                    m_2 = 0u;
                    uint2 loop_bound_15 = uint2(4294967295u);
                    bool loop_init_15 = true;
                    while(true) {
                        if (metal::all(loop_bound_15 == uint2(0u))) { break; }
                        loop_bound_15 -= uint2(loop_bound_15.y == 0u, 1u);
                        if (!loop_init_15) {
                            uint _e337 = m_2;
                            m_2 = _e337 + 1u;
                        }
                        loop_init_15 = false;
                        uint _e321 = m_2;
                        if (_e321 < CPT) {
                        } else {
                            break;
                        }
                        {
                            uint _e329 = m_2;
                            uint _e333 = m_2;
                            float _e335 = ds.inner[_e333];
                            scores.inner[((r_3 * COLS) + t_2) + (TPR * _e329)] = _e335;
                        }
                    }
                    c0_1 = 0u;
                    uint2 loop_bound_16 = uint2(4294967295u);
                    bool loop_init_16 = true;
                    while(true) {
                        if (metal::all(loop_bound_16 == uint2(0u))) { break; }
                        loop_bound_16 -= uint2(loop_bound_16.y == 0u, 1u);
                        if (!loop_init_16) {
                            uint _e403 = c0_1;
                            c0_1 = _e403 + CH;
                        }
                        loop_init_16 = false;
                        uint _e341 = c0_1;
                        uint _e344 = P.head_dim;
                        if (_e341 < _e344) {
                        } else {
                            break;
                        }
                        {
                            uint _e347 = h;
                            uint _e350 = P.seq_q;
                            uint _e351 = c0_1;
                            uint _e354 = P.head_dim;
                            stage_stream(lid, OP_Q, _e347, i0_, _e350, b_7, _e351, _e354, P, q_buf, k_buf, v_buf, do_buf, stream_tile, _buffer_sizes);
                            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                            uint _e355 = c0_1;
                            uint slot0_1 = naga_div(_e355, TPR);
                            n_3 = 0u;
                            uint2 loop_bound_17 = uint2(4294967295u);
                            bool loop_init_17 = true;
                            while(true) {
                                if (metal::all(loop_bound_17 == uint2(0u))) { break; }
                                loop_bound_17 -= uint2(loop_bound_17.y == 0u, 1u);
                                if (!loop_init_17) {
                                    uint _e401 = n_3;
                                    n_3 = _e401 + 1u;
                                }
                                loop_init_17 = false;
                                uint _e360 = n_3;
                                if (_e360 < SLOTS_PER_CH) {
                                } else {
                                    break;
                                }
                                {
                                    uint _e364 = n_3;
                                    uint c_7 = t_2 + (TPR * _e364);
                                    sum_1 = 0.0;
                                    x_1 = 0u;
                                    uint2 loop_bound_18 = uint2(4294967295u);
                                    bool loop_init_18 = true;
                                    while(true) {
                                        if (metal::all(loop_bound_18 == uint2(0u))) { break; }
                                        loop_bound_18 -= uint2(loop_bound_18.y == 0u, 1u);
                                        if (!loop_init_18) {
                                            uint _e392 = x_1;
                                            x_1 = _e392 + 1u;
                                        }
                                        loop_init_18 = false;
                                        uint _e371 = x_1;
                                        if (_e371 < COLS) {
                                        } else {
                                            break;
                                        }
                                        {
                                            float _e374 = sum_1;
                                            uint _e378 = x_1;
                                            float _e381 = scores.inner[(r_3 * COLS) + _e378];
                                            uint _e383 = x_1;
                                            float _e388 = stream_tile.inner[(_e383 * CH) + c_7];
                                            sum_1 = _e374 + (_e381 * _e388);
                                        }
                                    }
                                    uint _e394 = n_3;
                                    float _e397 = acc_k.inner[slot0_1 + _e394];
                                    float _e398 = sum_1;
                                    acc_k.inner[slot0_1 + _e394] = _e397 + _e398;
                                }
                            }
                            metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                        }
                    }
                }
            }
        }
    }
    uint _e414 = P.seq_kv;
    if (j_3 >= _e414) {
        return;
    }
    uint _e418 = P.heads_kv;
    uint _e423 = P.seq_kv;
    uint key = (((b_7 * _e418) + hk) * _e423) + j_3;
    uint2 loop_bound_19 = uint2(4294967295u);
    bool loop_init_19 = true;
    while(true) {
        if (metal::all(loop_bound_19 == uint2(0u))) { break; }
        loop_bound_19 -= uint2(loop_bound_19.y == 0u, 1u);
        if (!loop_init_19) {
            uint _e465 = c0_2;
            c0_2 = _e465 + CH;
        }
        loop_init_19 = false;
        uint _e428 = c0_2;
        uint _e431 = P.head_dim;
        if (_e428 < _e431) {
        } else {
            break;
        }
        {
            n_4 = 0u;
            uint2 loop_bound_20 = uint2(4294967295u);
            bool loop_init_20 = true;
            while(true) {
                if (metal::all(loop_bound_20 == uint2(0u))) { break; }
                loop_bound_20 -= uint2(loop_bound_20.y == 0u, 1u);
                if (!loop_init_20) {
                    uint _e463 = n_4;
                    n_4 = _e463 + 1u;
                }
                loop_init_20 = false;
                uint _e435 = n_4;
                if (_e435 < SLOTS_PER_CH) {
                } else {
                    break;
                }
                {
                    uint _e438 = c0_2;
                    uint _e441 = n_4;
                    uint c_8 = (_e438 + t_2) + (TPR * _e441);
                    uint _e446 = P.head_dim;
                    if (c_8 < _e446) {
                        uint _e451 = P.head_dim;
                        uint _e455 = c0_2;
                        uint _e458 = n_4;
                        float _e461 = acc_k.inner[naga_div(_e455, TPR) + _e458];
                        out_buf[(key * _e451) + c_8] = _e461;
                    }
                }
            }
        }
    }
    uint2 loop_bound_21 = uint2(4294967295u);
    bool loop_init_21 = true;
    while(true) {
        if (metal::all(loop_bound_21 == uint2(0u))) { break; }
        loop_bound_21 -= uint2(loop_bound_21.y == 0u, 1u);
        if (!loop_init_21) {
            uint _e511 = c0_3;
            c0_3 = _e511 + CH;
        }
        loop_init_21 = false;
        uint _e470 = c0_3;
        uint _e473 = P.head_dim_v;
        if (_e470 < _e473) {
        } else {
            break;
        }
        {
            n_5 = 0u;
            uint2 loop_bound_22 = uint2(4294967295u);
            bool loop_init_22 = true;
            while(true) {
                if (metal::all(loop_bound_22 == uint2(0u))) { break; }
                loop_bound_22 -= uint2(loop_bound_22.y == 0u, 1u);
                if (!loop_init_22) {
                    uint _e509 = n_5;
                    n_5 = _e509 + 1u;
                }
                loop_init_22 = false;
                uint _e477 = n_5;
                if (_e477 < SLOTS_PER_CH) {
                } else {
                    break;
                }
                {
                    uint _e480 = c0_3;
                    uint _e483 = n_5;
                    uint c_9 = (_e480 + t_2) + (TPR * _e483);
                    uint _e488 = P.head_dim_v;
                    if (c_9 < _e488) {
                        uint _e493 = P.dv_at;
                        uint _e496 = P.head_dim_v;
                        uint _e501 = c0_3;
                        uint _e504 = n_5;
                        float _e507 = acc_v.inner[naga_div(_e501, TPR) + _e504];
                        out_buf[(_e493 + (key * _e496)) + c_9] = _e507;
                    }
                }
            }
        }
    }
    return;
}
