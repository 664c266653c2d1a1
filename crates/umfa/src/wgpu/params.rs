//! The kernels' parameter block: one `#[repr(C)]` struct of 4-byte scalars, whose WGSL twin is
//! generated from the same field list so that the two cannot drift apart.

macro_rules! params {
    ($($name:ident : $ty:ident),* $(,)?) => {
        /// Sizes, strides (in elements, relative to each staged buffer's start), dtype codes and
        /// options of one kernel launch. Unused fields are 0.
        #[repr(C)]
        #[derive(Clone, Copy, Debug, Default)]
        pub struct Params {
            $(pub $name: $ty,)*
        }

        /// `struct Params` in WGSL.
        pub const PARAMS_WGSL: &str =
            concat!("struct Params {\n", $("    ", stringify!($name), ": ", stringify!($ty), ",\n",)* "}\n");
    };
}

params! {
    batch: u32, heads_q: u32, heads_kv: u32, seq_q: u32,
    seq_kv: u32, head_dim: u32, head_dim_v: u32, group: u32,
    scale: f32, softcap: f32, diag: i32, has_band_lo: i32,
    band_lo: i32, has_band_hi: i32, band_hi: i32, has_alibi: u32,
    alibi_at: u32, has_sinks: u32, sinks_at: u32, lse_at: u32,
    delta_at: u32, dv_at: u32, mask_kind: i32, has_blocks: i32,
    block_q: u32, block_k: u32, mask_nb: u32, mask_nh: u32,
    mask_ni: u32, mask_nj: u32, q_dtype: i32, k_dtype: i32,
    v_dtype: i32, do_dtype: i32, o_dtype: i32, mask_dtype: i32,
    q_base: i32, q_sb: i32, q_sh: i32, q_ss: i32, q_sd: i32,
    k_base: i32, k_sb: i32, k_sh: i32, k_ss: i32, k_sd: i32,
    v_base: i32, v_sb: i32, v_sh: i32, v_ss: i32, v_sd: i32,
    do_base: i32, do_sb: i32, do_sh: i32, do_ss: i32, do_sd: i32,
    o_base: i32, o_sb: i32, o_sh: i32, o_ss: i32, o_sd: i32,
    mask_base: i32, mask_sb: i32, mask_sh: i32, mask_ss: i32, mask_sd: i32,
    blocks_base: i32, blocks_sb: i32, blocks_sh: i32, blocks_ss: i32, blocks_sd: i32,
}

impl Params {
    /// The bytes of the struct, padded to the 16-byte multiple a uniform buffer needs.
    pub fn to_bytes(&self) -> Vec<u8> {
        // SAFETY: `Params` is `repr(C)` with only 4-byte scalar fields, so it has no padding.
        let bytes = unsafe {
            std::slice::from_raw_parts(
                self as *const Params as *const u8,
                std::mem::size_of::<Params>(),
            )
        };
        let mut v = bytes.to_vec();
        v.resize(v.len().next_multiple_of(16), 0);
        v
    }
}

/// The operands read through strided views.
#[derive(Clone, Copy, Debug)]
pub enum Operand {
    Q,
    K,
    V,
    DOut,
    Out,
    Mask,
    Blocks,
}

/// Where an operand's elements lie in its staged buffer: element `(b, h, r, c)` is at
/// `base + b*strides[0] + h*strides[1] + r*strides[2] + c*strides[3]`.
#[derive(Clone, Copy, Debug)]
pub struct ViewParams {
    pub base: i32,
    pub strides: [i32; 4],
    /// 0 f32, 1 f16, 2 bf16, 3 u8 (see `common.wgsl`).
    pub dtype: i32,
}

impl Params {
    pub fn set_view(&mut self, op: Operand, v: ViewParams) {
        let mut unused = 0;
        let (base, sb, sh, ss, sd, dtype) = match op {
            Operand::Q => (
                &mut self.q_base,
                &mut self.q_sb,
                &mut self.q_sh,
                &mut self.q_ss,
                &mut self.q_sd,
                &mut self.q_dtype,
            ),
            Operand::K => (
                &mut self.k_base,
                &mut self.k_sb,
                &mut self.k_sh,
                &mut self.k_ss,
                &mut self.k_sd,
                &mut self.k_dtype,
            ),
            Operand::V => (
                &mut self.v_base,
                &mut self.v_sb,
                &mut self.v_sh,
                &mut self.v_ss,
                &mut self.v_sd,
                &mut self.v_dtype,
            ),
            Operand::DOut => (
                &mut self.do_base,
                &mut self.do_sb,
                &mut self.do_sh,
                &mut self.do_ss,
                &mut self.do_sd,
                &mut self.do_dtype,
            ),
            Operand::Out => (
                &mut self.o_base,
                &mut self.o_sb,
                &mut self.o_sh,
                &mut self.o_ss,
                &mut self.o_sd,
                &mut self.o_dtype,
            ),
            Operand::Mask => (
                &mut self.mask_base,
                &mut self.mask_sb,
                &mut self.mask_sh,
                &mut self.mask_ss,
                &mut self.mask_sd,
                &mut self.mask_dtype,
            ),
            Operand::Blocks => (
                &mut self.blocks_base,
                &mut self.blocks_sb,
                &mut self.blocks_sh,
                &mut self.blocks_ss,
                &mut self.blocks_sd,
                &mut unused,
            ),
        };
        *base = v.base;
        [*sb, *sh, *ss, *sd] = v.strides;
        *dtype = v.dtype;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wgsl_struct_has_every_field() {
        let fields = PARAMS_WGSL.lines().filter(|l| l.contains(':')).count();
        assert_eq!(fields * 4, std::mem::size_of::<Params>());
    }
}
