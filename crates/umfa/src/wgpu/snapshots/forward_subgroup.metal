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
struct type_12 {
    float inner[64];
};
struct type_14 {
    float inner[16];
};
struct type_15 {
    bool inner[4];
};
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
constant uint WG = 64u;
constant uint ROWS = 8u;
constant uint TPR = 8u;
constant uint COLS = 32u;
constant uint CPT = 4u;
constant uint CH = 64u;
constant uint SLOTS_PER_CH = 8u;

uint place_of(
    Invocation inv_1
) {
    return (inv_1.sg * inv_1.sg_size) + inv_1.lane;
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
    uint h
) {
    uint sign = (h & 32768u) << 16u;
    uint exponent = (h >> 10u) & 31u;
    uint mantissa = h & 1023u;
    if (exponent == 0u) {
        float x_8 = static_cast<float>(mantissa) * 0.000000059604645;
        return (sign != 0u) ? -(x_8) : x_8;
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
    device type_4 const& mask_buf,
    device type_4 const& blocks_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    bool local_1 = {};
    bool local_2 = {};
    bool local_3 = {};
    bool read_bool = {};
    uint _e6 = P.seq_q;
    if (!((i_1 >= _e6))) {
        uint _e13 = P.seq_kv;
        local_1 = j_2 >= _e13;
    } else {
        local_1 = true;
    }
    bool _e16 = local_1;
    if (_e16) {
        return false;
    }
    int d = as_type<int>(as_type<uint>(static_cast<int>(j_2)) - as_type<uint>(static_cast<int>(i_1)));
    int _e23 = P.has_band_lo;
    if (_e23 != 0) {
        int _e30 = P.band_lo;
        local_2 = d < _e30;
    } else {
        local_2 = false;
    }
    bool _e33 = local_2;
    if (_e33) {
        return false;
    }
    int _e37 = P.has_band_hi;
    if (_e37 != 0) {
        int _e44 = P.band_hi;
        local_3 = d > _e44;
    } else {
        local_3 = false;
    }
    bool _e47 = local_3;
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
    bool local_4 = {};
    bool local_5 = {};
    bool local_6 = {};
    int _e2 = P.mask_kind;
    if (_e2 == MASK_NONE) {
        int _e9 = P.has_blocks;
        local_4 = _e9 == 0;
    } else {
        local_4 = false;
    }
    bool _e13 = local_4;
    if (_e13) {
        uint _e18 = P.has_alibi;
        local_5 = _e18 == 0u;
    } else {
        local_5 = false;
    }
    bool _e22 = local_5;
    if (_e22) {
        float _e27 = P.softcap;
        local_6 = _e27 == 0.0;
    } else {
        local_6 = false;
    }
    bool _e31 = local_6;
    return _e31;
}

metal::float2 score(
    uint b_4,
    uint h_5,
    uint i_2,
    uint j_3,
    float dot,
    constant Params& P,
    device type_4 const& mask_buf,
    device type_5 const& aux_buf,
    constant _mslBufferSizes& _buffer_sizes
) {
    float s_1 = {};
    float ds = {};
    float _e7 = P.scale;
    s_1 = _e7 * dot;
    float _e12 = P.scale;
    ds = _e12;
    float _e16 = P.softcap;
    if (_e16 > 0.0) {
        float _e19 = s_1;
        float _e22 = P.softcap;
        float t = metal::tanh(_e19 / _e22);
        float _e27 = P.softcap;
        s_1 = _e27 * t;
        float _e31 = P.scale;
        ds = _e31 * (1.0 - (t * t));
    }
    uint _e38 = P.has_alibi;
    if (_e38 != 0u) {
        uint _e44 = P.alibi_at;
        uint _e47 = P.heads_q;
        float slope = aux_buf[(_e44 + (b_4 * _e47)) + h_5];
        float _e53 = s_1;
        int _e58 = P.diag;
        s_1 = _e53 - (slope * metal::abs(static_cast<float>(as_type<int>(as_type<uint>(static_cast<int>(j_3)) - as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(i_2)) + as_type<uint>(_e58)))))));
    }
    int _e67 = P.mask_kind;
    if (_e67 == MASK_ADDITIVE) {
        float _e70 = s_1;
        float _e71 = mask_value(b_4, h_5, i_2, j_3, P, mask_buf, _buffer_sizes);
        s_1 = _e70 + _e71;
    }
    float _e73 = s_1;
    if (!((_e73 > MASKED))) {
        s_1 = MASKED;
    }
    float _e78 = s_1;
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

bool tile_is_live(
    bool mine_1,
    uint lid,
    threadgroup metal::atomic_uint& live_flag,
    threadgroup uint& live_tile
) {
    if (mine_1) {
        uint _e4 = metal::atomic_fetch_or_explicit(&live_flag, 1u, metal::memory_order_relaxed);
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    if (lid == 0u) {
        uint _e9 = metal::atomic_load_explicit(&live_flag, metal::memory_order_relaxed);
        live_tile = _e9;
        metal::atomic_store_explicit(&live_flag, 0u, metal::memory_order_relaxed);
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    uint unnamed_7 = live_tile;
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    return unnamed_7 != 0u;
}

uint naga_mod(uint lhs, uint rhs) {
    return lhs % metal::select(rhs, 1u, rhs == 0u);
}

type_11 tile_dots(
    uint lid_1,
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
    device type_4 const& q_buf,
    device type_4 const& k_buf,
    device type_4 const& v_buf,
    device type_4 const& do_buf,
    threadgroup type_7& own_tile,
    threadgroup type_8& stream_tile,
    constant _mslBufferSizes& _buffer_sizes
) {
    type_11 dots = type_11 {{0.0, 0.0, 0.0, 0.0}};
    uint c0_2 = 0u;
    uint x_3 = {};
    float val = {};
    bool local_7 = {};
    uint x_4 = {};
    float val_1 = {};
    bool local_8 = {};
    uint m_3 = {};
    float acc_1 = {};
    uint c_2 = {};
    uint r_2 = naga_div(lid_1, TPR);
    uint t_1 = naga_mod(lid_1, TPR);
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
            x_3 = lid_1;
            uint2 loop_bound_1 = uint2(4294967295u);
            bool loop_init_1 = true;
            while(true) {
                if (metal::all(loop_bound_1 == uint2(0u))) { break; }
                loop_bound_1 -= uint2(loop_bound_1.y == 0u, 1u);
                if (!loop_init_1) {
                    uint _e52 = x_3;
                    x_3 = _e52 + WG;
                }
                loop_init_1 = false;
                uint _e26 = x_3;
                if (_e26 < 512u) {
                } else {
                    break;
                }
                {
                    uint _e29 = x_3;
                    uint row = naga_div(_e29, CH);
                    uint _e32 = c0_2;
                    uint _e33 = x_3;
                    uint c_3 = _e32 + naga_mod(_e33, CH);
                    val = 0.0;
                    if ((own_row0_ + row) < own_rows) {
                        local_7 = c_3 < dim;
                    } else {
                        local_7 = false;
                    }
                    bool _e45 = local_7;
                    if (_e45) {
                        float _e47 = ld(own_op, b_5, own_h, own_row0_ + row, c_3, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
                        val = _e47;
                    }
                    uint _e49 = x_3;
                    float _e51 = val;
                    own_tile.inner[_e49] = _e51;
                }
            }
            x_4 = lid_1;
            uint2 loop_bound_2 = uint2(4294967295u);
            bool loop_init_2 = true;
            while(true) {
                if (metal::all(loop_bound_2 == uint2(0u))) { break; }
                loop_bound_2 -= uint2(loop_bound_2.y == 0u, 1u);
                if (!loop_init_2) {
                    uint _e82 = x_4;
                    x_4 = _e82 + WG;
                }
                loop_init_2 = false;
                uint _e56 = x_4;
                if (_e56 < 2048u) {
                } else {
                    break;
                }
                {
                    uint _e59 = x_4;
                    uint row_1 = naga_div(_e59, CH);
                    uint _e62 = c0_2;
                    uint _e63 = x_4;
                    uint c_4 = _e62 + naga_mod(_e63, CH);
                    val_1 = 0.0;
                    if ((stream_row0_ + row_1) < stream_rows) {
                        local_8 = c_4 < dim;
                    } else {
                        local_8 = false;
                    }
                    bool _e75 = local_8;
                    if (_e75) {
                        float _e77 = ld(stream_op, b_5, stream_h, stream_row0_ + row_1, c_4, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
                        val_1 = _e77;
                    }
                    uint _e79 = x_4;
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
                    uint n_4 = t_1 + (TPR * _e91);
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
                            float _e115 = stream_tile.inner[(n_4 * CH) + _e112];
                            acc_1 = _e101 + (_e108 * _e115);
                        }
                    }
                    uint _e121 = m_3;
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
    uint lid_2,
    uint op_1,
    uint h_7,
    uint row0_,
    uint rows,
    uint b_6,
    uint c0_3,
    uint dim_1,
    constant Params& P,
    device type_4 const& q_buf,
    device type_4 const& k_buf,
    device type_4 const& v_buf,
    device type_4 const& do_buf,
    threadgroup type_8& stream_tile,
    constant _mslBufferSizes& _buffer_sizes
) {
    uint x_5 = {};
    float val_2 = {};
    bool local_9 = {};
    x_5 = lid_2;
    uint2 loop_bound_5 = uint2(4294967295u);
    bool loop_init_5 = true;
    while(true) {
        if (metal::all(loop_bound_5 == uint2(0u))) { break; }
        loop_bound_5 -= uint2(loop_bound_5.y == 0u, 1u);
        if (!loop_init_5) {
            uint _e34 = x_5;
            x_5 = _e34 + WG;
        }
        loop_init_5 = false;
        uint _e9 = x_5;
        if (_e9 < 2048u) {
        } else {
            break;
        }
        {
            uint _e12 = x_5;
            uint row_2 = naga_div(_e12, CH);
            uint _e15 = x_5;
            uint c_5 = c0_3 + naga_mod(_e15, CH);
            val_2 = 0.0;
            if ((row0_ + row_2) < rows) {
                local_9 = c_5 < dim_1;
            } else {
                local_9 = false;
            }
            bool _e27 = local_9;
            if (_e27) {
                float _e29 = ld(op_1, b_6, h_7, row0_ + row_2, c_5, P, q_buf, k_buf, v_buf, do_buf, _buffer_sizes);
                val_2 = _e29;
            }
            uint _e31 = x_5;
            float _e33 = val_2;
            stream_tile.inner[_e31] = _e33;
        }
    }
    return;
}

float row_max(
    float x_6,
    uint me,
    threadgroup type_12& parts_max
) {
    float v_2 = {};
    uint k = LANES;
    float _e2 = lanes_max(x_6);
    v_2 = _e2;
    if (true) {
        float _e7 = v_2;
        parts_max.inner[me] = _e7;
        metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
        uint row_3 = me - naga_mod(me, TPR);
        float _e13 = parts_max.inner[row_3];
        v_2 = _e13;
        uint2 loop_bound_6 = uint2(4294967295u);
        bool loop_init_6 = true;
        while(true) {
            if (metal::all(loop_bound_6 == uint2(0u))) { break; }
            loop_bound_6 -= uint2(loop_bound_6.y == 0u, 1u);
            if (!loop_init_6) {
                uint _e26 = k;
                k = _e26 + LANES;
            }
            loop_init_6 = false;
            uint _e16 = k;
            if (_e16 < TPR) {
            } else {
                break;
            }
            {
                float _e19 = v_2;
                uint _e21 = k;
                float _e24 = parts_max.inner[row_3 + _e21];
                v_2 = metal::max(_e19, _e24);
            }
        }
    }
    float _e29 = v_2;
    return _e29;
}

float row_sum(
    float x_7,
    uint me_1,
    threadgroup type_12& parts_sum
) {
    float v_3 = {};
    float _e2 = lanes_sum(x_7);
    v_3 = _e2;
    if (true) {
        float _e7 = v_3;
        parts_sum.inner[me_1] = _e7;
        metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
        uint row_4 = me_1 - naga_mod(me_1, TPR);
        if (false) {
            float _e14 = parts_sum.inner[row_4];
            float _e19 = parts_sum.inner[row_4 + 1u];
            float _e25 = parts_sum.inner[row_4 + 2u];
            float _e30 = parts_sum.inner[row_4 + 3u];
            float _e37 = parts_sum.inner[row_4 + 4u];
            float _e42 = parts_sum.inner[row_4 + 5u];
            float _e48 = parts_sum.inner[row_4 + 6u];
            float _e53 = parts_sum.inner[row_4 + 7u];
            v_3 = ((_e14 + _e19) + (_e25 + _e30)) + ((_e37 + _e42) + (_e48 + _e53));
        } else {
            if (false) {
                float _e60 = parts_sum.inner[row_4];
                float _e65 = parts_sum.inner[row_4 + 2u];
                float _e71 = parts_sum.inner[row_4 + 4u];
                float _e76 = parts_sum.inner[row_4 + 6u];
                v_3 = (_e60 + _e65) + (_e71 + _e76);
            } else {
                float _e81 = parts_sum.inner[row_4];
                float _e86 = parts_sum.inner[row_4 + 4u];
                v_3 = _e81 + _e86;
            }
        }
    }
    float _e88 = v_3;
    return _e88;
}

struct forwardInput {
};
[[max_total_threads_per_threadgroup(64)]] kernel void forward(
  uint lid_3 [[thread_index_in_threadgroup]]
, uint sg [[simdgroup_index_in_threadgroup]]
, uint sg_size [[threads_per_simdgroup]]
, uint lane [[thread_index_in_simdgroup]]
, metal::uint3 wid [[threadgroup_position_in_grid]]
, constant Params& P [[user(fake0)]]
, device type_4 const& q_buf [[user(fake0)]]
, device type_4 const& k_buf [[user(fake0)]]
, device type_4 const& v_buf [[user(fake0)]]
, device type_4 const& mask_buf [[user(fake0)]]
, device type_4 const& blocks_buf [[user(fake0)]]
, device type_5 const& aux_buf [[user(fake0)]]
, device type_4 const& do_buf [[user(fake0)]]
, device type_5& out_buf [[user(fake0)]]
, threadgroup type_7& own_tile
, threadgroup type_8& stream_tile
, threadgroup type_9& scores
, threadgroup metal::atomic_uint& live_flag
, threadgroup uint& live_tile
, threadgroup type_12& parts_max
, threadgroup type_12& parts_sum
, constant _mslBufferSizes& _buffer_sizes [[user(fake0)]]
) {
    if (lid == 0u) {
        own_tile = {};
        stream_tile = {};
        scores = {};
        metal::atomic_store_explicit(&live_flag, 0, metal::memory_order_relaxed);
        live_tile = {};
        parts_max = {};
        parts_sum = {};
    }
    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
    const Invocation inv = { lid_3, sg, sg_size, lane };
    int k_begin = 0;
    int k_end = {};
    float m_run = MASKED;
    float l_run = 0.0;
    type_14 acc = {};
    uint n = 0u;
    int k0_ = {};
    type_15 vis = {};
    bool any = {};
    uint m = {};
    bool local = {};
    type_11 s = {};
    float mine = {};
    uint m_1 = {};
    float l_mine = {};
    uint m_2 = {};
    uint n_1 = {};
    uint c0_ = {};
    uint n_2 = {};
    float sum = {};
    uint j = {};
    float inv_l = 0.0;
    uint c0_1 = 0u;
    uint n_3 = {};
    float lse = MASKED;
    uint _e2 = place_of(inv);
    uint b_7 = wid.z;
    uint h_8 = wid.y;
    uint _e7 = P.group;
    uint hk = naga_div(h_8, _e7);
    uint r_3 = naga_div(_e2, TPR);
    uint t_2 = naga_mod(_e2, TPR);
    uint i0_ = wid.x * ROWS;
    uint i_3 = i0_ + r_3;
    uint _e21 = P.seq_q;
    uint last_row = metal::min(i0_ + ROWS, _e21) - 1u;
    uint _e29 = P.seq_kv;
    k_end = static_cast<int>(_e29);
    int _e34 = P.has_band_lo;
    if (_e34 != 0) {
        int _e41 = P.band_lo;
        k_begin = metal::max(0, as_type<int>(as_type<uint>(static_cast<int>(i0_)) + as_type<uint>(_e41)));
    }
    int _e46 = P.has_band_hi;
    if (_e46 != 0) {
        int _e49 = k_end;
        int _e53 = P.band_hi;
        k_end = metal::min(_e49, as_type<int>(as_type<uint>(as_type<int>(as_type<uint>(static_cast<int>(last_row)) + as_type<uint>(_e53))) + as_type<uint>(1)));
    }
    uint _e64 = P.has_sinks;
    if (_e64 != 0u) {
        float _e67 = sink_of(h_8, P, aux_buf, _buffer_sizes);
        m_run = _e67;
        l_run = 1.0;
    }
    uint2 loop_bound_7 = uint2(4294967295u);
    bool loop_init_7 = true;
    while(true) {
        if (metal::all(loop_bound_7 == uint2(0u))) { break; }
        loop_bound_7 -= uint2(loop_bound_7.y == 0u, 1u);
        if (!loop_init_7) {
            uint _e79 = n;
            n = _e79 + 1u;
        }
        loop_init_7 = false;
        uint _e72 = n;
        if (_e72 < NACC_V) {
        } else {
            break;
        }
        {
            uint _e75 = n;
            acc.inner[_e75] = 0.0;
        }
    }
    int _e81 = k_begin;
    k0_ = _e81;
    uint2 loop_bound_8 = uint2(4294967295u);
    bool loop_init_8 = true;
    while(true) {
        if (metal::all(loop_bound_8 == uint2(0u))) { break; }
        loop_bound_8 -= uint2(loop_bound_8.y == 0u, 1u);
        if (!loop_init_8) {
            int _e289 = k0_;
            k0_ = as_type<int>(as_type<uint>(_e289) + as_type<uint>(32));
        }
        loop_init_8 = false;
        int _e83 = k0_;
        int _e84 = k_end;
        if (_e83 < _e84) {
        } else {
            break;
        }
        {
            int _e86 = k0_;
            uint j0_ = static_cast<uint>(_e86);
            vis = type_15 {};
            any = false;
            m = 0u;
            uint2 loop_bound_9 = uint2(4294967295u);
            bool loop_init_9 = true;
            while(true) {
                if (metal::all(loop_bound_9 == uint2(0u))) { break; }
                loop_bound_9 -= uint2(loop_bound_9.y == 0u, 1u);
                if (!loop_init_9) {
                    uint _e115 = m;
                    m = _e115 + 1u;
                }
                loop_init_9 = false;
                uint _e94 = m;
                if (_e94 < CPT) {
                } else {
                    break;
                }
                {
                    uint _e97 = m;
                    uint _e101 = m;
                    bool _e104 = visible(b_7, h_8, i_3, (j0_ + t_2) + (TPR * _e101), P, mask_buf, blocks_buf, _buffer_sizes);
                    vis.inner[_e97] = _e104;
                    bool _e105 = any;
                    if (!(_e105)) {
                        uint _e109 = m;
                        bool _e111 = vis.inner[_e109];
                        local = _e111;
                    } else {
                        local = true;
                    }
                    bool _e113 = local;
                    any = _e113;
                }
            }
            bool _e117 = any;
            bool _e118 = tile_is_live(_e117, _e2, live_flag, live_tile);
            if (!(_e118)) {
                continue;
            }
            uint _e123 = P.seq_q;
            uint _e127 = P.seq_kv;
            uint _e130 = P.head_dim;
            type_11 _e131 = tile_dots(_e2, OP_Q, h_8, i0_, _e123, OP_K, hk, j0_, _e127, b_7, _e130, P, q_buf, k_buf, v_buf, do_buf, own_tile, stream_tile, _buffer_sizes);
            s = type_11 {};
            mine = MASKED;
            m_1 = 0u;
            uint2 loop_bound_10 = uint2(4294967295u);
            bool loop_init_10 = true;
            while(true) {
                if (metal::all(loop_bound_10 == uint2(0u))) { break; }
                loop_bound_10 -= uint2(loop_bound_10.y == 0u, 1u);
                if (!loop_init_10) {
                    uint _e164 = m_1;
                    m_1 = _e164 + 1u;
                }
                loop_init_10 = false;
                uint _e138 = m_1;
                if (_e138 < CPT) {
                } else {
                    break;
                }
                {
                    uint _e141 = m_1;
                    s.inner[_e141] = MASKED;
                    uint _e144 = m_1;
                    bool _e146 = vis.inner[_e144];
                    if (_e146) {
                        uint _e147 = m_1;
                        uint _e151 = m_1;
                        uint _e154 = m_1;
                        metal::float2 _e156 = score(b_7, h_8, i_3, (j0_ + t_2) + (TPR * _e151), _e131.inner[_e154], P, mask_buf, aux_buf, _buffer_sizes);
                        s.inner[_e147] = _e156.x;
                    }
                    float _e158 = mine;
                    uint _e159 = m_1;
                    float _e161 = s.inner[_e159];
                    mine = metal::max(_e158, _e161);
                }
            }
            float _e166 = m_run;
            float _e167 = mine;
            float _e168 = row_max(_e167, _e2, parts_max);
            float m_new = metal::max(_e166, _e168);
            float _e170 = m_run;
            float alpha = metal::exp(_e170 - m_new);
            l_mine = 0.0;
            m_2 = 0u;
            uint2 loop_bound_11 = uint2(4294967295u);
            bool loop_init_11 = true;
            while(true) {
                if (metal::all(loop_bound_11 == uint2(0u))) { break; }
                loop_bound_11 -= uint2(loop_bound_11.y == 0u, 1u);
                if (!loop_init_11) {
                    uint _e204 = m_2;
                    m_2 = _e204 + 1u;
                }
                loop_init_11 = false;
                uint _e177 = m_2;
                if (_e177 < CPT) {
                } else {
                    break;
                }
                {
                    uint _e180 = m_2;
                    float _e182 = s.inner[_e180];
                    uint _e185 = m_2;
                    float _e187 = s.inner[_e185];
                    float p = (_e187 > MASKED) ? metal::exp(_e182 - m_new) : 0.0;
                    uint _e197 = m_2;
                    scores.inner[((r_3 * COLS) + t_2) + (TPR * _e197)] = p;
                    float _e201 = l_mine;
                    l_mine = _e201 + p;
                }
            }
            float _e206 = l_run;
            float _e208 = l_mine;
            float _e209 = row_sum(_e208, _e2, parts_sum);
            l_run = (_e206 * alpha) + _e209;
            m_run = m_new;
            n_1 = 0u;
            uint2 loop_bound_12 = uint2(4294967295u);
            bool loop_init_12 = true;
            while(true) {
                if (metal::all(loop_bound_12 == uint2(0u))) { break; }
                loop_bound_12 -= uint2(loop_bound_12.y == 0u, 1u);
                if (!loop_init_12) {
                    uint _e221 = n_1;
                    n_1 = _e221 + 1u;
                }
                loop_init_12 = false;
                uint _e213 = n_1;
                if (_e213 < NACC_V) {
                } else {
                    break;
                }
                {
                    uint _e216 = n_1;
                    float _e218 = acc.inner[_e216];
                    acc.inner[_e216] = _e218 * alpha;
                }
            }
            c0_ = 0u;
            uint2 loop_bound_13 = uint2(4294967295u);
            bool loop_init_13 = true;
            while(true) {
                if (metal::all(loop_bound_13 == uint2(0u))) { break; }
                loop_bound_13 -= uint2(loop_bound_13.y == 0u, 1u);
                if (!loop_init_13) {
                    uint _e286 = c0_;
                    c0_ = _e286 + CH;
                }
                loop_init_13 = false;
                uint _e225 = c0_;
                uint _e228 = P.head_dim_v;
                if (_e225 < _e228) {
                } else {
                    break;
                }
                {
                    uint _e233 = P.seq_kv;
                    uint _e234 = c0_;
                    uint _e237 = P.head_dim_v;
                    stage_stream(_e2, OP_V, hk, j0_, _e233, b_7, _e234, _e237, P, q_buf, k_buf, v_buf, do_buf, stream_tile, _buffer_sizes);
                    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                    uint _e238 = c0_;
                    uint slot0_ = naga_div(_e238, TPR);
                    n_2 = 0u;
                    uint2 loop_bound_14 = uint2(4294967295u);
                    bool loop_init_14 = true;
                    while(true) {
                        if (metal::all(loop_bound_14 == uint2(0u))) { break; }
                        loop_bound_14 -= uint2(loop_bound_14.y == 0u, 1u);
                        if (!loop_init_14) {
                            uint _e284 = n_2;
                            n_2 = _e284 + 1u;
                        }
                        loop_init_14 = false;
                        uint _e243 = n_2;
                        if (_e243 < SLOTS_PER_CH) {
                        } else {
                            break;
                        }
                        {
                            uint _e247 = n_2;
                            uint c_6 = t_2 + (TPR * _e247);
                            sum = 0.0;
                            j = 0u;
                            uint2 loop_bound_15 = uint2(4294967295u);
                            bool loop_init_15 = true;
                            while(true) {
                                if (metal::all(loop_bound_15 == uint2(0u))) { break; }
                                loop_bound_15 -= uint2(loop_bound_15.y == 0u, 1u);
                                if (!loop_init_15) {
                                    uint _e275 = j;
                                    j = _e275 + 1u;
                                }
                                loop_init_15 = false;
                                uint _e254 = j;
                                if (_e254 < COLS) {
                                } else {
                                    break;
                                }
                                {
                                    float _e257 = sum;
                                    uint _e261 = j;
                                    float _e264 = scores.inner[(r_3 * COLS) + _e261];
                                    uint _e266 = j;
                                    float _e271 = stream_tile.inner[(_e266 * CH) + c_6];
                                    sum = _e257 + (_e264 * _e271);
                                }
                            }
                            uint _e277 = n_2;
                            float _e280 = acc.inner[slot0_ + _e277];
                            float _e281 = sum;
                            acc.inner[slot0_ + _e277] = _e280 + _e281;
                        }
                    }
                    metal::threadgroup_barrier(metal::mem_flags::mem_threadgroup);
                }
            }
        }
    }
    uint _e294 = P.seq_q;
    if (i_3 >= _e294) {
        return;
    }
    uint _e298 = P.heads_q;
    uint _e303 = P.seq_q;
    uint row_5 = (((b_7 * _e298) + h_8) * _e303) + i_3;
    float _e308 = l_run;
    if (_e308 > 0.0) {
        float _e311 = l_run;
        inv_l = 1.0 / _e311;
    }
    uint2 loop_bound_16 = uint2(4294967295u);
    bool loop_init_16 = true;
    while(true) {
        if (metal::all(loop_bound_16 == uint2(0u))) { break; }
        loop_bound_16 -= uint2(loop_bound_16.y == 0u, 1u);
        if (!loop_init_16) {
            uint _e355 = c0_1;
            c0_1 = _e355 + CH;
        }
        loop_init_16 = false;
        uint _e316 = c0_1;
        uint _e319 = P.head_dim_v;
        if (_e316 < _e319) {
        } else {
            break;
        }
        {
            n_3 = 0u;
            uint2 loop_bound_17 = uint2(4294967295u);
            bool loop_init_17 = true;
            while(true) {
                if (metal::all(loop_bound_17 == uint2(0u))) { break; }
                loop_bound_17 -= uint2(loop_bound_17.y == 0u, 1u);
                if (!loop_init_17) {
                    uint _e353 = n_3;
                    n_3 = _e353 + 1u;
                }
                loop_init_17 = false;
                uint _e323 = n_3;
                if (_e323 < SLOTS_PER_CH) {
                } else {
                    break;
                }
                {
                    uint _e326 = c0_1;
                    uint _e329 = n_3;
                    uint c_7 = (_e326 + t_2) + (TPR * _e329);
                    uint _e334 = P.head_dim_v;
                    if (c_7 < _e334) {
                        uint _e339 = P.head_dim_v;
                        uint _e343 = c0_1;
                        uint _e346 = n_3;
                        float _e349 = acc.inner[naga_div(_e343, TPR) + _e346];
                        float _e350 = inv_l;
                        out_buf[(row_5 * _e339) + c_7] = _e349 * _e350;
                    }
                }
            }
        }
    }
    if (t_2 == 0u) {
        float _e362 = l_run;
        if (_e362 > 0.0) {
            float _e365 = m_run;
            float _e366 = l_run;
            lse = _e365 + metal::log(_e366);
        }
        uint _e372 = P.lse_at;
        float _e375 = lse;
        out_buf[_e372 + row_5] = _e375;
        return;
    } else {
        return;
    }
}
