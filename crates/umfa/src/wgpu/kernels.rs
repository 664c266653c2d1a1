//! The WGSL sources and how a kernel's full source is assembled: the generated `struct Params`,
//! the accumulator sizes of this head dimension (portable family) or the tile shape and
//! workgroup-memory layout (matrix family), the shared files, then the kernel's own file. The
//! portable kernels that reduce rows get `LANES` and one of two small files in front: the row
//! reductions by subgroup operations (`lanes_subgroup.wgsl`) or without them
//! (`lanes_workgroup.wgsl`); the kernels' own logic has one source for both. The
//! matrix family's files are templates: `//#for` / `//#if` directives that [`expand`] unrolls
//! here, so that every cooperative matrix has a variable of its own.

use super::params::PARAMS_WGSL;
use std::collections::HashMap;

const COMMON: &str = include_str!("shaders/common.wgsl");
const TILE: &str = include_str!("shaders/tile.wgsl");
const FORWARD: &str = include_str!("shaders/forward.wgsl");
const BACKWARD_DQ: &str = include_str!("shaders/backward_dq.wgsl");
const BACKWARD_DKDV: &str = include_str!("shaders/backward_dkdv.wgsl");
const BACKWARD_ROWS: &str = include_str!("shaders/backward_rows.wgsl");
const FORWARD_MATRIX: &str = include_str!("shaders/forward_matrix.wgsl");
const BACKWARD_MATRIX: &str = include_str!("shaders/backward_matrix.wgsl");
const COOP_EMULATION: &str = include_str!("shaders/coop_emulation.wgsl");
const MATRIX_LAYOUT: &str = include_str!("shaders/matrix_layout.wgsl");
const CONVERT_MATRIX: &str = include_str!("shaders/convert_matrix.wgsl");
const LANES_SUBGROUP: &str = include_str!("shaders/lanes_subgroup.wgsl");
const LANES_WORKGROUP: &str = include_str!("shaders/lanes_workgroup.wgsl");

/// Rows a workgroup owns (`ROWS` in `tile.wgsl`): query rows in the forward and dQ, keys in dK/dV.
pub const TILE_ROWS: u32 = 8;
/// Threads per owned row (`TPR`); each holds every `TPR`-th column of the row's accumulators.
const THREADS_PER_ROW: usize = 8;
/// Head-dimension chunk (`CH`); accumulator arrays are sized in whole chunks.
const CHUNK: usize = 64;

/// The lanes of a row that the portable family reduces with subgroup operations on an adapter
/// whose subgroups have at least `subgroup_min_size` invocations (`LANES` in
/// `lanes_subgroup.wgsl`): the largest power of two that is at most both that size and the 8
/// threads of a row. Any subgroup the adapter may run the kernel with (a power of two at least
/// its minimum) then holds whole groups of `LANES` places; the rest of a row's reduction goes
/// through workgroup memory. 1 means no subgroup operations at all (the fallback). lavapipe
/// (8), NVIDIA (32), AMD (32/64) and Intel (8–32) give 8; wgpu reports 4 to 64 for every Metal
/// device (Apple GPUs run 32), which gives 4.
pub fn subgroup_lanes(subgroup_min_size: u32) -> u32 {
    let threads_per_row = THREADS_PER_ROW as u32;
    match subgroup_min_size {
        0 => 1,
        n => (1u32 << n.ilog2()).min(threads_per_row),
    }
}

/// A kernel: the portable family's, or the matrix family's forward and its conversion pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kernel {
    Forward,
    /// Cooperative matrices of `Variant::matrix` × `Variant::matrix`.
    ForwardMatrix,
    /// The matrix family's first pass: Q, K and V to tile-padded f16 copies.
    ForwardMatrixConvert,
    /// The matrix family's backward: dQ, and dK with dV, on cooperative matrices.
    BackwardMatrixDq,
    BackwardMatrixDkDv,
    /// The matrix backward's first pass: Q, K, V and dO to tile-padded f16 copies.
    BackwardMatrixConvert,
    BackwardDelta,
    BackwardDq,
    BackwardDkDv,
    BackwardDbias,
}

impl Kernel {
    pub const ALL: [Kernel; 5] = [
        Kernel::Forward,
        Kernel::BackwardDelta,
        Kernel::BackwardDq,
        Kernel::BackwardDkDv,
        Kernel::BackwardDbias,
    ];

    /// The WGSL entry point (also the snapshot's file name).
    pub fn entry_point(self) -> &'static str {
        match self {
            Kernel::Forward => "forward",
            Kernel::ForwardMatrix => "forward_matrix",
            Kernel::ForwardMatrixConvert => "forward_matrix_convert",
            Kernel::BackwardMatrixDq => "backward_matrix_dq",
            Kernel::BackwardMatrixDkDv => "backward_matrix_dkdv",
            Kernel::BackwardMatrixConvert => "backward_matrix_convert",
            Kernel::BackwardDelta => "backward_delta",
            Kernel::BackwardDq => "backward_dq",
            Kernel::BackwardDkDv => "backward_dkdv",
            Kernel::BackwardDbias => "backward_dbias",
        }
    }

    fn body(self) -> &'static str {
        match self {
            Kernel::Forward => FORWARD,
            Kernel::ForwardMatrix => FORWARD_MATRIX,
            Kernel::ForwardMatrixConvert | Kernel::BackwardMatrixConvert => CONVERT_MATRIX,
            Kernel::BackwardMatrixDq | Kernel::BackwardMatrixDkDv => BACKWARD_MATRIX,
            Kernel::BackwardDelta | Kernel::BackwardDbias => BACKWARD_ROWS,
            Kernel::BackwardDq => BACKWARD_DQ,
            Kernel::BackwardDkDv => BACKWARD_DKDV,
        }
    }

    /// The matrix family's kernels that multiply cooperative matrices.
    pub fn multiplies_matrices(self) -> bool {
        matches!(
            self,
            Kernel::ForwardMatrix | Kernel::BackwardMatrixDq | Kernel::BackwardMatrixDkDv
        )
    }

    /// The matrix family's backward kernels (their own workgroup layout and copies with dO).
    pub fn is_matrix_backward(self) -> bool {
        matches!(
            self,
            Kernel::BackwardMatrixDq | Kernel::BackwardMatrixDkDv | Kernel::BackwardMatrixConvert
        )
    }

    fn uses_tiles(self) -> bool {
        matches!(
            self,
            Kernel::Forward | Kernel::BackwardDq | Kernel::BackwardDkDv
        )
    }

    /// The portable kernels with reductions across threads that subgroup operations take over
    /// where the adapter has them: the forward's row maximum and row sum, the backward's
    /// dO·O row sums (`backward_delta`) and the dot products of `backward_dbias`. (dQ and
    /// dK/dV reduce nothing across threads: each thread sums its own dot products.)
    pub fn reduces_rows(self) -> bool {
        matches!(
            self,
            Kernel::Forward | Kernel::BackwardDelta | Kernel::BackwardDbias
        )
    }
}

/// Accumulator slots per thread for a head dimension: whole chunks of `CHUNK / THREADS_PER_ROW`.
pub fn slots_for(dim: usize) -> u32 {
    (dim.max(1).div_ceil(CHUNK) * (CHUNK / THREADS_PER_ROW)) as u32
}

/// The matrix family's tile shape and code options, chosen at run time
/// (`UMFA_WGPU_MATRIX_VARIANT`) so that one binary can compare them. Written as e.g. `s4k64v`:
/// `s` subgroups of 32 per workgroup (16 query rows each), `k` keys per tile, then flags: `v`
/// workgroup arrays of vec4s (16-bit data moved 8 bytes at a time; Vulkan only, as naga's Metal
/// output takes scalar arrays), `p` the next K tile loaded into registers during P·V (dense
/// problems), `u` no bounds clamps on workgroup-array indices in the Vulkan SPIR-V, `r` (the
/// backward) each subgroup's fragments of its own rows loaded once into registers rather than
/// from workgroup memory by every product.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct MatrixTiles {
    pub subgroups: u32,
    pub keys: u32,
    pub vec: bool,
    pub prefetch: bool,
    pub unchecked: bool,
    pub resident: bool,
}

impl MatrixTiles {
    /// The variants a benchmark sweep compares (`bench_forward`, `scripts/device/wgpu_run.sh`).
    pub const SWEEP: [&'static str; 7] = [
        "s4k64v", "s4k64vp", "s4k64vu", "s4k64", "s2k64v", "s4k32v", "s2k32v",
    ];

    /// Keys (`seq_kv`) from which a problem counts as long: 64-key tiles with four subgroups.
    pub const LONG_KEYS: usize = 2048;

    /// The largest head dimension (D and Dv) the matrix family takes. Q's fragments and the
    /// output's accumulators of a subgroup's 16 rows stay in registers: at 256 and 16×16
    /// fragments that is 64 + 128 registers per lane (8×8 on Metal: 16 + 64), and Q's staging
    /// (16·NSG rows of D) must fit the arena beside nothing else, which the tile choice checks.
    pub const MAX_HEAD_DIM: usize = 256;

    /// The default tile shapes for a problem with `seq_kv` keys, best first; the first whose
    /// workgroup memory fits the adapter is used (`UMFA_WGPU_MATRIX_VARIANT` and
    /// `WgpuBackend::with_matrix_tiles` override the choice). The one place the rule lives.
    ///
    /// Measured on the H200 through Vulkan (2026-11-30, kernel time with the conversion pass,
    /// bf16, TFLOP/s; `docs/perf/wgpu-h200-1130/`):
    ///
    /// | case | s4k64vu | s4k64v | s4k64vp | s4k64 | s4k32v | s2k64v |
    /// | --- | --- | --- | --- | --- | --- | --- |
    /// | G1 (B4 H16 S4096 D128) | **96.8** | 91.6 / 91.9 | 85.5 | 74.5 (wrong then) | 73.4 | 45.2 |
    /// | G1 causal | **80.7** | 77.0 | 70.9 | | | |
    /// | G2 (B16 H16 S1024 D64) | | 13.5 | | 14.8 | **30.7** | 24.9 |
    /// | G2 causal | 15.8 | 26.3 | **27.9** | | (not measured) | |
    ///
    /// So: `seq_kv ≥ LONG_KEYS` (G1-like) takes 64-key tiles with four subgroups, shorter
    /// problems (G2-like, S ≤ 1024) 32-key tiles with four subgroups, each falling back to
    /// smaller shapes where the workgroup memory does not fit (s4k64 needs 46.4 KiB at D = 128).
    /// Between the two measured points the threshold is a guess, and G1 and G2 differ in D too
    /// (128 and 64), so the split may belong to D as much as to S; a sweep (`wgpu_run.sh
    /// PART=bench`) will tell. G2 causal's best measured shape is s4k64vp, but s4k32v was not
    /// measured there; the short rule is kept simple until it is.
    ///
    /// On Vulkan the long shape is `s4k64vu` (+5 % on G1 over `s4k64v`; the G2 causal figure
    /// of `u`, 15.8, is a short problem that no longer takes it, and an outlier next to its own
    /// G1 numbers). `u` only drops naga's clamps of indices into workgroup arrays (and the
    /// kernel's fixed-size private arrays, indexed by constants); storage-buffer accesses keep
    /// theirs. Every workgroup index is in bounds by construction, given 32 lanes per subgroup
    /// (the family runs only there, `Gpu::matrix_size`) and NT = 32·NSG threads, so the lanes
    /// cover rows `er = 16·sg + lane / 2 < MBQ`: staging writes row `v / (MD/4) < MBQ` (Q) or
    /// `< MBK` (K, V; `v` guarded where a thread's share is not exact) at columns `< MD, MDV ≤
    /// SKV`; P and S are written and read at rows `< MBQ` and columns `< MBK ≤ SP, SS`; the
    /// rescale and epilogue loops run `x < MBQ·MBK`; every fragment's rows and columns end
    /// inside its region, and the regions inside their arrays (`MatrixLayout`; checked for
    /// every shape by `matrix_layouts_hold_their_fragments`). Off Vulkan there are no vec4
    /// arrays (naga's Metal output needs scalar ones) and `u` has no effect.
    pub fn preferred(vulkan: bool, seq_kv: usize) -> Vec<MatrixTiles> {
        let long = seq_kv >= Self::LONG_KEYS;
        let names: &[&str] = match (vulkan, long) {
            (true, true) => &["s4k64vu", "s2k64v", "s4k32v", "s2k32v"],
            (true, false) => &["s4k32v", "s2k32v"],
            (false, true) => &["s4k64", "s2k64", "s4k32", "s2k32"],
            (false, false) => &["s4k32", "s2k32"],
        };
        names
            .iter()
            .map(|n| MatrixTiles::parse(n).expect("valid"))
            .collect()
    }

    /// The matrix backward's tile shapes, best first (`s` subgroups own 16 rows each, `k` rows
    /// streamed per tile; no `v`: its arrays are scalar): the first whose workgroup memory fits
    /// the adapter runs. At D = Dv = 128 and 16×16: `s2k16` 35.3 KiB (fits NVIDIA's 48),
    /// `s2k32` 50.2 KiB, `s1k16` 22.0 KiB (fits Metal's and lavapipe's 32). H100 through Vulkan
    /// (docs/wgpu.md, TFLOP/s): G1 `s2k16` 11.5, `s1k16` 9.1; G2 `s2k16` 12.2, `s2k32` 7.2,
    /// `s1k16` 8.0. So `s2k32`, larger and slower, is never the first that fits; it stays for
    /// the tests and the benchmark, as does `s2k16r` (`s2k16` with the own rows' fragments in
    /// registers: not yet measured, and never first while `s2k16` fits where it does). The last
    /// is the smallest (the emulated test relies on it).
    pub const BACKWARD: [&'static str; 4] = ["s2k16", "s2k32", "s2k16r", "s1k16"];

    /// The shapes with scalar workgroup arrays (no `v`): what adapters other than Vulkan
    /// (Metal) run. Tested on hardware next to the sweep (`matrix_variants_match_reference`).
    pub const SCALAR: [&'static str; 4] = ["s4k64", "s2k64", "s4k32", "s2k32"];

    pub fn parse(spec: &str) -> Result<MatrixTiles, String> {
        let bad = || {
            format!(
                "matrix variant {spec:?}: expected s<subgroups 1|2|4|8>k<keys 16..=128, a multiple \
                 of 16> and any of the flags v, p, u, r (e.g. s4k64v)"
            )
        };
        let rest = spec.strip_prefix('s').ok_or_else(bad)?;
        let k_at = rest.find('k').ok_or_else(bad)?;
        let subgroups: u32 = rest[..k_at].parse().map_err(|_| bad())?;
        let rest = &rest[k_at + 1..];
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let keys: u32 = rest[..digits].parse().map_err(|_| bad())?;
        let mut t = MatrixTiles {
            subgroups,
            keys,
            ..MatrixTiles::default()
        };
        for flag in rest[digits..].chars() {
            match flag {
                'v' => t.vec = true,
                'p' => t.prefetch = true,
                'u' => t.unchecked = true,
                'r' => t.resident = true,
                _ => return Err(bad()),
            }
        }
        if ![1, 2, 4, 8].contains(&subgroups)
            || !(16..=128).contains(&keys)
            || !keys.is_multiple_of(16)
        {
            return Err(bad());
        }
        Ok(t)
    }

    /// Every tile shape the backend may run: the sweep, the scalar shapes, the defaults.
    #[cfg(test)]
    pub(crate) fn every_shape() -> Vec<MatrixTiles> {
        let mut names: Vec<String> = MatrixTiles::SWEEP
            .iter()
            .chain(MatrixTiles::SCALAR.iter())
            .map(|n| n.to_string())
            .collect();
        for vulkan in [true, false] {
            for keys in [64, 1 << 20] {
                names.extend(
                    MatrixTiles::preferred(vulkan, keys)
                        .iter()
                        .map(|t| t.name()),
                );
            }
        }
        names.extend(["s2k16", "s4k32vp", "s1k16", "s8k128vpu", "s2k16r"].map(String::from));
        names.sort();
        names.dedup();
        names
            .iter()
            .map(|n| MatrixTiles::parse(n).expect("valid"))
            .collect()
    }

    pub fn name(&self) -> String {
        format!(
            "s{}k{}{}{}{}{}",
            self.subgroups,
            self.keys,
            if self.vec { "v" } else { "" },
            if self.prefetch { "p" } else { "" },
            if self.unchecked { "u" } else { "" },
            if self.resident { "r" } else { "" }
        )
    }

    /// Query rows per workgroup.
    pub fn rows(&self) -> u32 {
        16 * self.subgroups
    }
}

/// Where the matrix forward keeps its tiles in workgroup memory (see `forward_matrix.wgsl`):
/// strides and offsets in elements (halves for the arena, floats for S).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MatrixLayout {
    pub sq: u32,
    pub skv: u32,
    pub sp: u32,
    pub ss: u32,
    pub q_at: u32,
    pub kv_at: u32,
    pub p_at: u32,
    pub arena: u32,
    pub ms_len: u32,
}

/// Where the matrix backward keeps its tiles in workgroup memory (see `backward_matrix.wgsl`):
/// row strides and offsets in halves for the arena, floats for `ms`. "Own" rows are staged once
/// per workgroup (Q and dO for dQ, K and V for dK/dV), "streamed" rows per tile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackwardLayout {
    /// Row strides: D-wide rows (Q, K), Dv-wide rows (V, dO), P and dS, S and dP.
    pub sq: u32,
    pub sv: u32,
    pub sps: u32,
    pub ss: u32,
    pub oa_at: u32,
    pub ob_at: u32,
    pub sa_at: u32,
    pub sb_at: u32,
    pub p_at: u32,
    pub ds_at: u32,
    pub arena: u32,
    pub dp_at: u32,
    pub ms_len: u32,
    /// Rows the copies of every sequence are padded to: a multiple of both tile sides.
    pub pad: u32,
}

/// Which variant of a kernel: for the portable family the accumulator slots for D (`NACC_K`) and
/// Dv (`NACC_V`) and the lanes of a row reduced by subgroup operations (`LANES`); for the matrix
/// family the head dimensions padded to 16 (`MD`, `MDV`), the matrix size and the tile shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Variant {
    pub kernel: Kernel,
    pub slots_k: u32,
    pub slots_v: u32,
    /// 0 for the portable family; 16 or 8 for the matrix family.
    pub matrix: u32,
    /// The matrix family with the cooperative-matrix builtins emulated in software (tests).
    pub emulated: bool,
    /// The matrix family's tile shape (default for the portable family).
    pub tiles: MatrixTiles,
    /// Lanes of a row reduced by subgroup operations (`LANES`; see [`subgroup_lanes`]): 1 for
    /// the workgroup-memory fallback and for every kernel that reduces no rows.
    pub lanes: u32,
}

impl Variant {
    pub fn new(kernel: Kernel, head_dim: usize, head_dim_v: usize) -> Variant {
        Variant {
            kernel,
            slots_k: slots_for(head_dim),
            slots_v: slots_for(head_dim_v),
            matrix: 0,
            emulated: false,
            tiles: MatrixTiles::default(),
            lanes: 1,
        }
    }

    /// This portable variant with `lanes` lanes of a row reduced by subgroup operations (a
    /// power of two up to 8; 1: none), for the kernels that reduce rows; others stay as they are.
    pub fn with_lanes(self, lanes: u32) -> Variant {
        assert!(
            lanes.is_power_of_two() && lanes <= THREADS_PER_ROW as u32,
            "subgroup lanes {lanes}"
        );
        Variant {
            lanes: if self.kernel.reduces_rows() && self.matrix == 0 {
                lanes
            } else {
                1
            },
            ..self
        }
    }

    /// The matrix family's forward on `size`×`size` cooperative matrices.
    pub fn matrix_forward(
        head_dim: usize,
        head_dim_v: usize,
        size: u32,
        tiles: MatrixTiles,
    ) -> Variant {
        Variant {
            kernel: Kernel::ForwardMatrix,
            slots_k: head_dim.next_multiple_of(16) as u32,
            slots_v: head_dim_v.next_multiple_of(16) as u32,
            matrix: size,
            emulated: false,
            tiles,
            lanes: 1,
        }
    }

    /// The matrix family's backward `kernel` (dQ or dK/dV) on `size`×`size` cooperative
    /// matrices: `tiles.subgroups` subgroups own 16 rows each, `tiles.keys` rows are streamed
    /// per tile.
    pub fn matrix_backward(
        kernel: Kernel,
        head_dim: usize,
        head_dim_v: usize,
        size: u32,
        tiles: MatrixTiles,
    ) -> Variant {
        assert!(kernel.is_matrix_backward(), "{kernel:?}");
        // Scalar arrays, no prefetch, bounds checks kept: the flags are the forward's.
        let tiles = MatrixTiles {
            vec: false,
            prefetch: false,
            unchecked: false,
            ..tiles
        };
        Variant {
            kernel,
            ..Variant::matrix_forward(head_dim, head_dim_v, size, tiles)
        }
    }

    /// The conversion pass that goes with this matrix forward or backward.
    pub fn matrix_convert(&self) -> Variant {
        Variant {
            kernel: if self.kernel.is_matrix_backward() {
                Kernel::BackwardMatrixConvert
            } else {
                Kernel::ForwardMatrixConvert
            },
            ..*self
        }
    }

    /// Threads per workgroup.
    pub fn workgroup_size(&self) -> u32 {
        if self.kernel.multiplies_matrices() {
            32 * self.tiles.subgroups
        } else {
            64
        }
    }

    /// The matrix backward's workgroup-memory layout.
    pub fn backward_layout(&self) -> BackwardLayout {
        let (md, mdv) = (self.slots_k, self.slots_v);
        let (mo, msr) = (self.tiles.rows(), self.tiles.keys);
        // Rows padded by 16 bytes against bank conflicts, as in the forward.
        let (sq, sv, sps, ss) = (md + 8, mdv + 8, msr + 8, msr + 8);
        let oa_at = 0;
        let ob_at = oa_at + mo * sq;
        let sa_at = ob_at + mo * sv;
        let sb_at = sa_at + msr * sq;
        let p_at = sb_at + msr * sv;
        let ds_at = p_at + mo * sps;
        let arena = ds_at + mo * sps;
        let gcd = |mut a: u32, mut b: u32| {
            while b != 0 {
                (a, b) = (b, a % b);
            }
            a
        };
        BackwardLayout {
            sq,
            sv,
            sps,
            ss,
            oa_at,
            ob_at,
            sa_at,
            sb_at,
            p_at,
            ds_at,
            arena: arena.next_multiple_of(8),
            dp_at: mo * ss,
            ms_len: 2 * mo * ss,
            pad: mo / gcd(mo, msr) * msr,
        }
    }

    /// The matrix forward's workgroup-memory layout.
    pub fn matrix_layout(&self) -> MatrixLayout {
        let (md, mdv) = (self.slots_k, self.slots_v);
        let (mbq, mbk) = (self.tiles.rows(), self.tiles.keys);
        // Rows padded by 16 bytes: the fragment loads' 16-byte rows fall in different banks.
        let sq = md + 8;
        let skv = md.max(mdv) + 8;
        let sp = mbk + 8;
        let ss = mbk + 8;
        let (kv, p, q) = (mbk * skv, mbq * sp, mbq * sq);
        // On hardware Q's staging is overwritten by the first K tile once Q's fragments are in
        // registers; the emulation's fragments are references into the arena, so there Q keeps
        // a region of its own.
        let (q_at, arena) = if self.emulated {
            (kv + p, kv + p + q)
        } else {
            (0, (kv + p).max(q))
        };
        MatrixLayout {
            sq,
            skv,
            sp,
            ss,
            q_at,
            kv_at: 0,
            p_at: kv,
            // 16 bytes: S, after the arena in workgroup memory, starts 16-byte aligned (see
            // `Shared` in forward_matrix.wgsl).
            arena: arena.next_multiple_of(8),
            ms_len: mbq * ss,
        }
    }

    /// Workgroup memory the matrix forward or backward uses, in bytes (see
    /// `forward_matrix.wgsl`, `backward_matrix.wgsl`).
    pub fn matrix_workgroup_bytes(&self) -> u32 {
        let cm = self.matrix;
        if self.kernel.is_matrix_backward() {
            let l = self.backward_layout();
            let emulation = if self.emulated {
                4 * self.workgroup_size()
            } else {
                0
            };
            // The arena, ms, mzero, the streamed rows' LSE and delta.
            return 2 * l.arena + 4 * l.ms_len + 4 * cm * cm + 8 * self.tiles.keys + emulation;
        }
        let l = self.matrix_layout();
        // The arena, S, mzero, mrow, three flags; the emulation's shuffle buffer.
        let emulation = if self.emulated {
            4 * self.workgroup_size()
        } else {
            0
        };
        2 * l.arena + 4 * l.ms_len + 4 * cm * cm + 4 * self.tiles.rows() + 12 + emulation
    }

    /// The vec4<f16> elements of the f16 copies of Q, K and V, and for the backward dO
    /// (`matrix_layout.wgsl`).
    pub fn matrix_staged_len(&self, d: &crate::problem::Dims) -> u64 {
        let (mbq, mbk) = self.copy_padding();
        let sqp = (d.seq_q as u64).div_ceil(mbq) * mbq;
        let skp = (d.seq_kv as u64).div_ceil(mbk) * mbk;
        let (md, mdv) = (self.slots_k as u64 / 4, self.slots_v as u64 / 4);
        let (b, hq, hkv) = (d.batch as u64, d.heads_q as u64, d.heads_kv as u64);
        let d_out = if self.kernel.is_matrix_backward() {
            b * hq * sqp * mdv
        } else {
            0
        };
        b * hq * sqp * md + b * hkv * skp * (md + mdv) + d_out
    }

    /// Rows the copies of the query and the key sequences are padded to (`MBQ`, `MBK` of
    /// `matrix_layout.wgsl`): the forward's tile sides; for the backward, whose two kernels
    /// read the same copies with the sides swapped, a multiple of both.
    fn copy_padding(&self) -> (u64, u64) {
        if self.kernel.is_matrix_backward() {
            let pad = self.backward_layout().pad as u64;
            (pad, pad)
        } else {
            (self.tiles.rows() as u64, self.tiles.keys as u64)
        }
    }

    /// The values the matrix family's `//#` directives and `{...}` substitutions see.
    fn template_vars(&self) -> HashMap<&'static str, i64> {
        let t = self.tiles;
        let (md, mdv, cm) = (self.slots_k as i64, self.slots_v as i64, self.matrix as i64);
        let (mbq, mbk) = (t.rows() as i64, t.keys as i64);
        let nt = 32 * t.subgroups as i64;
        let per_thread = |n: i64| ((n + nt - 1) / nt, i64::from(n % nt != 0));
        let (qpt, qguard) = per_thread(mbq * md / 4);
        let (kpt, kguard) = per_thread(mbk * md / 4);
        let (vpt, vguard) = per_thread(mbk * mdv / 4);
        let nn = mbk / cm.max(1);
        let nvn = mdv / cm.max(1);
        let nvk = mdv / cm.max(1);
        let nkk = md / cm.max(1);
        HashMap::from([
            ("RB", 16 / cm.max(1)),
            ("NKK", nkk),
            ("NVK", nvk),
            ("NROUND_K", (nkk + nn - 1) / nn.max(1)),
            ("NROUND_V", (nvk + nn - 1) / nn.max(1)),
            ("DQ", i64::from(self.kernel == Kernel::BackwardMatrixDq)),
            (
                "DO",
                i64::from(self.kernel == Kernel::BackwardMatrixConvert),
            ),
            ("NN", nn),
            ("NVN", nvn),
            ("NROUND", (nvn + nn - 1) / nn.max(1)),
            ("NCH", mbk / 8),
            ("QPT", qpt),
            ("QGUARD", qguard),
            ("KPT", kpt),
            ("KGUARD", kguard),
            ("VPT", vpt),
            ("VGUARD", vguard),
            ("VEC", i64::from(t.vec)),
            ("PRE", i64::from(t.prefetch)),
            ("OWNREG", i64::from(t.resident)),
            ("EMU", i64::from(self.emulated)),
        ])
    }

    /// The complete WGSL source of this variant.
    pub fn source(&self) -> String {
        let mut s = String::with_capacity(64 * 1024);
        if self.matrix != 0 {
            // Enables come before every declaration.
            s += "enable f16;\n";
            if !self.emulated && self.kernel.multiplies_matrices() {
                s += "enable wgpu_cooperative_matrix;\n";
            }
        }
        s += "// Generated by umfa from crates/umfa/src/wgpu/shaders; do not edit.\n";
        s += PARAMS_WGSL;
        if self.matrix == 0 {
            s += &format!(
                "const NACC_K: u32 = {}u;\nconst NACC_V: u32 = {}u;\n",
                self.slots_k, self.slots_v
            );
            if self.kernel.reduces_rows() {
                s += &format!("const LANES: u32 = {}u;\n", self.lanes);
                s += if self.lanes > 1 {
                    LANES_SUBGROUP
                } else {
                    LANES_WORKGROUP
                };
            }
            s += COMMON;
            if self.kernel.uses_tiles() {
                s += TILE;
            }
            s += self.kernel.body();
            return s;
        }
        let m = self.matrix;
        let t = self.tiles;
        let hv = if t.vec { 4 } else { 1 };
        s += &format!(
            "const CM: u32 = {m}u;\nconst MD: u32 = {}u;\nconst MDV: u32 = {}u;\n\
             const NSG: u32 = {}u;\nconst NT: u32 = {}u;\nconst HV: u32 = {hv}u;\n",
            self.slots_k,
            self.slots_v,
            t.subgroups,
            32 * t.subgroups,
        );
        if self.kernel.is_matrix_backward() {
            let l = self.backward_layout();
            s += &format!(
                "const MO: u32 = {}u;\nconst MSR: u32 = {}u;\nconst MBQ: u32 = {}u;\n\
                 const MBK: u32 = {}u;\nconst SQ: u32 = {}u;\nconst SV: u32 = {}u;\n\
                 const SPS: u32 = {}u;\nconst SS: u32 = {}u;\nconst OA_AT: u32 = {}u;\n\
                 const OB_AT: u32 = {}u;\nconst SA_AT: u32 = {}u;\nconst SB_AT: u32 = {}u;\n\
                 const P_AT: u32 = {}u;\nconst DS_AT: u32 = {}u;\nconst ARENA: u32 = {}u;\n\
                 const DP_AT: u32 = {}u;\nconst MS_LEN: u32 = {}u;\n",
                t.rows(),
                t.keys,
                l.pad,
                l.pad,
                l.sq,
                l.sv,
                l.sps,
                l.ss,
                l.oa_at,
                l.ob_at,
                l.sa_at,
                l.sb_at,
                l.p_at,
                l.ds_at,
                l.arena,
                l.dp_at,
                l.ms_len,
            );
        } else {
            let l = self.matrix_layout();
            s += &format!(
                "const MBQ: u32 = {}u;\nconst MBK: u32 = {}u;\nconst SQ: u32 = {}u;\n\
                 const SKV: u32 = {}u;\nconst SP: u32 = {}u;\nconst SS: u32 = {}u;\n\
                 const Q_AT: u32 = {}u;\nconst KV_AT: u32 = {}u;\nconst P_AT: u32 = {}u;\n\
                 const ARENA: u32 = {}u;\nconst MS_LEN: u32 = {}u;\n",
                t.rows(),
                t.keys,
                l.sq,
                l.skv,
                l.sp,
                l.ss,
                l.q_at,
                l.kv_at,
                l.p_at,
                l.arena,
                l.ms_len,
            );
        }
        let vars = self.template_vars();
        if matches!(
            self.kernel,
            Kernel::ForwardMatrixConvert | Kernel::BackwardMatrixConvert
        ) {
            s += &replace_regions(
                COMMON,
                "@out",
                "@group(0) @binding(10) var<storage, read_write> out_buf: array<vec4<f16>>;\n",
            );
            s += MATRIX_LAYOUT;
            s += &expand(self.kernel.body(), &vars, false);
            return s;
        }
        if t.vec {
            s += "alias HT = vec4<f16>;\nalias ST = vec4<f32>;\n";
        } else {
            s += "alias HT = f16;\nalias ST = f32;\n";
        }
        if !self.emulated {
            s += &format!(
                "alias CoopA = coop_mat{m}x{m}<f16, A>;\nalias CoopB = coop_mat{m}x{m}<f16, B>;\n\
                 alias CoopC = coop_mat{m}x{m}<f32, C>;\n"
            );
        }
        // The matrix forward reads only the f16 copies (binding 7, declared in its own file).
        s += &replace_regions(COMMON, "@operands", "");
        s += MATRIX_LAYOUT;
        let body = expand(self.kernel.body(), &vars, self.emulated);
        if self.emulated {
            s += &expand(COOP_EMULATION, &vars, false);
            s += &emulate_coop(&body);
        } else {
            s += &body;
        }
        s
    }
}

/// `text` with every region between `// {name}-begin` and `// {name}-end` lines replaced by
/// `with` (the first) and nothing (the others).
fn replace_regions(text: &str, name: &str, with: &str) -> String {
    let (begin, end) = (format!("// {name}-begin"), format!("// {name}-end"));
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    let mut replaced = false;
    for line in text.lines() {
        let t = line.trim();
        if t == begin {
            inside = true;
            if !replaced {
                out += with;
                replaced = true;
            }
        } else if t == end {
            inside = false;
        } else if !inside {
            out += line;
            out.push('\n');
        }
    }
    out
}

/// One parsed piece of a template.
enum Node<'a> {
    Line(&'a str),
    For {
        var: &'a str,
        lo: &'a str,
        hi: &'a str,
        body: Vec<Node<'a>>,
    },
    If {
        cond: &'a str,
        then: Vec<Node<'a>>,
        otherwise: Vec<Node<'a>>,
    },
}

/// How a block of a template ended.
enum End {
    Eof,
    Close,
    Else,
}

fn parse_block<'a>(lines: &[&'a str], at: &mut usize) -> (Vec<Node<'a>>, End) {
    let mut nodes = Vec::new();
    while *at < lines.len() {
        let line = lines[*at];
        *at += 1;
        let Some(d) = line.trim().strip_prefix("//#") else {
            nodes.push(Node::Line(line));
            continue;
        };
        let d = d.trim();
        if d == "}" {
            return (nodes, End::Close);
        }
        if d == "} else {" {
            return (nodes, End::Else);
        }
        if let Some(rest) = d.strip_prefix("for ") {
            let rest = rest.strip_suffix('{').expect("//#for ... {").trim();
            let (var, range) = rest.split_once(" in ").expect("//#for VAR in LO..HI {");
            let (lo, hi) = range.split_once("..").expect("//#for VAR in LO..HI {");
            let (body, end) = parse_block(lines, at);
            assert!(matches!(end, End::Close), "//#for without its //#}}");
            nodes.push(Node::For {
                var: var.trim(),
                lo: lo.trim(),
                hi: hi.trim(),
                body,
            });
        } else if let Some(rest) = d.strip_prefix("if ") {
            let cond = rest.strip_suffix('{').expect("//#if ... {").trim();
            let (then, end) = parse_block(lines, at);
            let otherwise = match end {
                End::Else => {
                    let (o, end) = parse_block(lines, at);
                    assert!(matches!(end, End::Close), "//#}} else {{ without its //#}}");
                    o
                }
                End::Close => Vec::new(),
                End::Eof => panic!("//#if without its //#}}"),
            };
            nodes.push(Node::If {
                cond,
                then,
                otherwise,
            });
        } else {
            panic!("unknown template directive: {line}");
        }
    }
    (nodes, End::Eof)
}

/// Expands a template: `//#for VAR in LO..HI {` … `//#}` repeats its lines, `//#if EXPR {` …
/// `//#} else {` … `//#}` keeps one side, and `{EXPR}` in a line (no spaces inside) becomes the
/// expression's value. Expressions are integer arithmetic (`+ - * / %`), comparisons and `&& || !`
/// over literals, loop variables and `vars`. With `rolled`, the `//#for` loops become WGSL loops
/// instead (and `//#if`s and `{EXPR}`s that use their variables WGSL expressions, a `u` suffix
/// after `{EXPR}` dropped): the same program, much less code, for the emulation.
pub fn expand(template: &str, vars: &HashMap<&'static str, i64>, rolled: bool) -> String {
    let lines: Vec<&str> = template.lines().collect();
    let mut at = 0;
    let (nodes, end) = parse_block(&lines, &mut at);
    assert!(matches!(end, End::Eof), "unbalanced //#}}");
    let mut x = Expander {
        env: vars.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        dynamic: Vec::new(),
        rolled,
        out: String::with_capacity(template.len() * 4),
    };
    x.emit(&nodes);
    x.out
}

struct Expander {
    env: Vec<(String, i64)>,
    /// Loop variables of rolled loops: WGSL variables, not values.
    dynamic: Vec<String>,
    rolled: bool,
    out: String,
}

impl Expander {
    fn is_dynamic(&self, expr: &str) -> bool {
        tokenize(expr).iter().any(|t| self.dynamic.contains(t))
    }

    /// A template expression as WGSL (u32 arithmetic), for the rolled form.
    fn render(&self, expr: &str) -> String {
        let mut s = String::from("(");
        for t in tokenize(expr) {
            if self.dynamic.contains(&t) {
                s += &t;
            } else if t.chars().all(|c| c.is_ascii_digit()) {
                s += &format!("{t}u");
            } else if t.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
                s += &format!("{}u", eval(&t, &self.env));
            } else {
                s += &format!(" {t} ");
            }
        }
        s + ")"
    }

    fn emit(&mut self, nodes: &[Node]) {
        for node in nodes {
            match node {
                Node::Line(line) => {
                    let l = self.substitute(line);
                    self.out += &l;
                    self.out.push('\n');
                }
                Node::For { var, lo, hi, body } => {
                    let (lo, hi) = (eval(lo, &self.env), eval(hi, &self.env));
                    if self.rolled {
                        self.out +=
                            &format!("for (var {var} = {lo}u; {var} < {hi}u; {var}++) {{\n");
                        self.dynamic.push(var.to_string());
                        self.emit(body);
                        self.dynamic.pop();
                        self.out += "}\n";
                    } else {
                        for value in lo..hi {
                            self.env.push((var.to_string(), value));
                            self.emit(body);
                            self.env.pop();
                        }
                    }
                }
                Node::If {
                    cond,
                    then,
                    otherwise,
                } => {
                    if self.is_dynamic(cond) {
                        self.out += &format!("if {} {{\n", self.render(cond));
                        self.emit(then);
                        self.out += "} else {\n";
                        self.emit(otherwise);
                        self.out += "}\n";
                    } else if eval(cond, &self.env) != 0 {
                        self.emit(then);
                    } else {
                        self.emit(otherwise);
                    }
                }
            }
        }
    }

    fn substitute(&self, line: &str) -> String {
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        while let Some(open) = rest.find('{') {
            out += &rest[..open];
            let after = &rest[open + 1..];
            let close = after.find('}');
            let candidate = close.map(|c| &after[..c]).filter(|e| {
                !e.is_empty()
                    && e.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_+-*/%()<>=!&|".contains(c))
            });
            match (candidate, close) {
                (Some(e), Some(c)) => {
                    rest = &after[c + 1..];
                    if self.is_dynamic(e) {
                        out += &self.render(e);
                        rest = rest.strip_prefix('u').unwrap_or(rest);
                    } else {
                        out += &eval(e, &self.env).to_string();
                    }
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out += rest;
        out
    }
}

/// Evaluates a template expression (see [`expand`]); panics on a malformed one (a bug in a
/// template, caught by every test that builds the kernel).
fn eval(expr: &str, env: &[(String, i64)]) -> i64 {
    let tokens = tokenize(expr);
    let mut p = Parser {
        tokens: &tokens,
        at: 0,
        env,
        expr,
    };
    let v = p.or();
    assert!(
        p.at == tokens.len(),
        "template expression {expr:?}: trailing input"
    );
    v
}

fn tokenize(expr: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = expr.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            if ["<=", ">=", "==", "!=", "&&", "||"].contains(&two.as_str()) {
                tokens.push(two);
                i += 2;
            } else {
                tokens.push(c.to_string());
                i += 1;
            }
        }
    }
    tokens
}

struct Parser<'a> {
    tokens: &'a [String],
    at: usize,
    env: &'a [(String, i64)],
    expr: &'a str,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.at).map(|s| s.as_str())
    }

    fn eat(&mut self, t: &str) -> bool {
        if self.peek() == Some(t) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> i64 {
        let mut v = self.and();
        while self.eat("||") {
            let r = self.and();
            v = i64::from(v != 0 || r != 0);
        }
        v
    }

    fn and(&mut self) -> i64 {
        let mut v = self.cmp();
        while self.eat("&&") {
            let r = self.cmp();
            v = i64::from(v != 0 && r != 0);
        }
        v
    }

    fn cmp(&mut self) -> i64 {
        let v = self.sum();
        for op in ["<=", ">=", "==", "!=", "<", ">"] {
            if self.eat(op) {
                let r = self.sum();
                return i64::from(match op {
                    "<=" => v <= r,
                    ">=" => v >= r,
                    "==" => v == r,
                    "!=" => v != r,
                    "<" => v < r,
                    _ => v > r,
                });
            }
        }
        v
    }

    fn sum(&mut self) -> i64 {
        let mut v = self.product();
        loop {
            if self.eat("+") {
                v += self.product();
            } else if self.eat("-") {
                v -= self.product();
            } else {
                return v;
            }
        }
    }

    fn product(&mut self) -> i64 {
        let mut v = self.unary();
        loop {
            if self.eat("*") {
                v *= self.unary();
            } else if self.eat("/") {
                v /= self.unary();
            } else if self.eat("%") {
                v %= self.unary();
            } else {
                return v;
            }
        }
    }

    fn unary(&mut self) -> i64 {
        if self.eat("!") {
            return i64::from(self.unary() == 0);
        }
        if self.eat("-") {
            return -self.unary();
        }
        if self.eat("(") {
            let v = self.or();
            assert!(
                self.eat(")"),
                "template expression {:?}: missing )",
                self.expr
            );
            return v;
        }
        let t = self
            .peek()
            .unwrap_or_else(|| panic!("template expression {:?}: unexpected end", self.expr))
            .to_string();
        self.at += 1;
        if let Ok(n) = t.parse::<i64>() {
            return n;
        }
        self.env
            .iter()
            .rev()
            .find(|(k, _)| *k == t)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("template expression {:?}: unknown name {t}", self.expr))
    }
}

/// Rewrites the cooperative-matrix builtins of a kernel into the software stand-ins of
/// `coop_emulation.wgsl`: `coopLoad[T]<CoopX>(&arr[i], s)` → `emu_load_x_arr(i, s, row_major)`,
/// `coopStoreT(m, &arr[i], s)` → `emu_store_arr(m, i, s, true)`, `coopMultiplyAdd` → `emu_mad`,
/// `subgroupShuffleXor` → `emu_shuffle_xor`, and the subgroup id and lane become `lid / 32` and
/// `lid % 32` (the emulated groups are 32 consecutive threads).
fn emulate_coop(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find("coop") {
        out += &rest[..at];
        rest = &rest[at..];
        let (row_major, load) = if rest.starts_with("coopLoadT<") {
            (true, true)
        } else if rest.starts_with("coopLoad<") {
            (false, true)
        } else if rest.starts_with("coopStoreT(") {
            (true, false)
        } else if let Some(r) = rest.strip_prefix("coopMultiplyAdd(") {
            out += "emu_mad(";
            rest = r;
            continue;
        } else {
            out += "coop";
            rest = &rest[4..];
            continue;
        };
        // The call's arguments, up to its closing parenthesis.
        let open = rest.find('(').expect("call");
        let mut depth = 0;
        let mut close = open;
        for (n, ch) in rest[open..].char_indices() {
            match ch {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        close = open + n;
                        break;
                    }
                }
                _ => {}
            }
        }
        // The role of a load (`coopLoad<CoopA>` → `a`) picks its stand-in: C is spread over
        // the lanes, A and B are not.
        let role = if load {
            let t = &rest[..open];
            let role = t
                .find("<Coop")
                .and_then(|at| t[at + 5..].chars().next())
                .expect("a load names its matrix type");
            format!("{}_", role.to_ascii_lowercase())
        } else {
            String::new()
        };
        let args = &rest[open + 1..close];
        let amp = args.find('&').expect("a pointer argument");
        let bracket = args[amp..].find('[').expect("an indexed array") + amp;
        let end = args.rfind(']').expect("an indexed array");
        // `&wg.mh[i]`: the stand-ins are named after the member.
        let array = args[amp + 1..bracket].rsplit('.').next().expect("a name");
        let index = &args[bracket + 1..end];
        let stride = args[end + 1..].trim_start_matches(',').trim();
        if load {
            out += &format!("emu_load_{role}{array}({index}, {stride}, {row_major})");
        } else {
            let matrix = args[..amp].trim().trim_end_matches(',');
            out += &format!("emu_store_{array}({matrix}, {index}, {stride}, {row_major})");
        }
        rest = &rest[close + 1..];
    }
    out += rest;
    let signature = "@builtin(subgroup_id) sg: u32, @builtin(subgroup_invocation_id) lane: u32) {";
    assert!(
        out.contains(signature),
        "the matrix kernel's signature changed"
    );
    out.replace("subgroupShuffleXor(", "emu_shuffle_xor(")
        .replace(
            signature,
            ") {\n    let sg = lid / 32u;\n    let lane = lid % 32u;\n    emu_lane = lane;\n    \
         emu_lid = lid;\n    emu_cm = CM + min(P.batch, 0u);\n    emu_c = EMU_C + min(P.batch, 0u);",
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_expand() {
        let vars = HashMap::from([("N", 3i64), ("F", 0)]);
        let t = "a\n//#for i in 0..N {\nx_{i} = {i*2+1};\n//#if i<N-1 {\nsep\n//#}\n//#}\n\
                 //#if F {\nno\n//#} else {\nyes { keep }\n//#}\n";
        assert_eq!(
            expand(t, &vars, false),
            "a\nx_0 = 1;\nsep\nx_1 = 3;\nsep\nx_2 = 5;\nyes { keep }\n"
        );
        let t = "//#for i in 0..N {\nx[{i*2}] = {i}u + {N}u;\n//#}\n";
        assert_eq!(
            expand(t, &vars, true),
            "for (var i = 0u; i < 3u; i++) {\nx[(i * 2u)] = (i) + 3u;\n}\n"
        );
    }

    /// What the matrix kernel's indices rely on (see `MatrixTiles::preferred` on `u`): every
    /// fragment's offset and stride a multiple of 16 bytes (cooperative-matrix loads and stores
    /// need 16-byte alignment; `Shared` in forward_matrix.wgsl makes each array start aligned),
    /// every tile's rows inside its region, the regions inside their arrays, K/V and P apart
    /// (and Q apart from both under emulation, whose fragments are references).
    #[test]
    fn matrix_layouts_hold_their_fragments() {
        for tiles in MatrixTiles::every_shape() {
            for size in [16u32, 8] {
                for emulated in [false, true] {
                    for (d, dv) in [
                        (1, 1),
                        (16, 16),
                        (32, 48),
                        (40, 24),
                        (64, 96),
                        (128, 128),
                        (192, 128),
                        (256, 256),
                    ] {
                        let mut v = Variant::matrix_forward(d, dv, size, tiles);
                        v.emulated = emulated;
                        let l = v.matrix_layout();
                        let (md, mdv) = (v.slots_k, v.slots_v);
                        let (mbq, mbk) = (tiles.rows(), tiles.keys);
                        let what = format!("{} {size} {d}/{dv} emulated {emulated}", tiles.name());
                        // 16 bytes: 8 halves, 4 floats.
                        for (name, x) in [
                            ("SQ", l.sq),
                            ("SKV", l.skv),
                            ("SP", l.sp),
                            ("Q_AT", l.q_at),
                            ("KV_AT", l.kv_at),
                            ("P_AT", l.p_at),
                            ("ARENA", l.arena),
                        ] {
                            assert_eq!(x % 8, 0, "{what}: {name} = {x} halves");
                        }
                        for (name, x) in [
                            ("SS", l.ss),
                            ("MS_LEN", l.ms_len),
                            ("CM*CM", size * size),
                            ("MBQ", mbq),
                        ] {
                            assert_eq!(x % 4, 0, "{what}: {name} = {x} floats");
                        }
                        for x in [md, mdv, mbk, 16] {
                            assert_eq!(x % size, 0, "{what}: {x} not whole fragments");
                        }
                        assert!(md <= l.sq && md.max(mdv) <= l.skv, "{what}");
                        assert!(
                            mbk <= l.sp && mbk <= l.ss && mbq * l.ss <= l.ms_len,
                            "{what}"
                        );
                        let region = |at: u32, len: u32| at..at + len;
                        let (q, kv, p) = (
                            region(l.q_at, mbq * l.sq),
                            region(l.kv_at, mbk * l.skv),
                            region(l.p_at, mbq * l.sp),
                        );
                        for r in [&q, &kv, &p] {
                            assert!(r.end <= l.arena, "{what}: {r:?} past {}", l.arena);
                        }
                        let apart = |a: &std::ops::Range<u32>, b: &std::ops::Range<u32>| {
                            a.end <= b.start || b.end <= a.start
                        };
                        assert!(apart(&kv, &p), "{what}");
                        if emulated {
                            assert!(apart(&q, &kv) && apart(&q, &p), "{what}");
                        }
                    }
                }
            }
        }
    }

    /// The matrix backward's layout (see `backward_matrix.wgsl`): every stride and offset a
    /// multiple of 16 bytes, whole fragments, the six arena regions apart and inside the arena,
    /// X and dX inside `ms`, and copies padded to a multiple of both tile sides.
    #[test]
    fn backward_layouts_hold_their_fragments() {
        for name in MatrixTiles::BACKWARD
            .iter()
            .chain(["s4k64", "s1k48", "s8k16"].iter())
        {
            let tiles = MatrixTiles::parse(name).expect("valid");
            for size in [16u32, 8] {
                for (d, dv) in [(1, 1), (16, 16), (40, 24), (64, 96), (128, 128), (256, 256)] {
                    let v = Variant::matrix_backward(Kernel::BackwardMatrixDq, d, dv, size, tiles);
                    let l = v.backward_layout();
                    let (md, mdv) = (v.slots_k, v.slots_v);
                    let (mo, msr) = (tiles.rows(), tiles.keys);
                    let what = format!("{name} {size} {d}/{dv}");
                    for (n, x) in [
                        ("SQ", l.sq),
                        ("SV", l.sv),
                        ("SPS", l.sps),
                        ("OA_AT", l.oa_at),
                        ("OB_AT", l.ob_at),
                        ("SA_AT", l.sa_at),
                        ("SB_AT", l.sb_at),
                        ("P_AT", l.p_at),
                        ("DS_AT", l.ds_at),
                        ("ARENA", l.arena),
                    ] {
                        assert_eq!(x % 8, 0, "{what}: {n} = {x} halves");
                    }
                    for (n, x) in [("SS", l.ss), ("DP_AT", l.dp_at), ("MS_LEN", l.ms_len)] {
                        assert_eq!(x % 4, 0, "{what}: {n} = {x} floats");
                    }
                    for x in [md, mdv, mo, msr] {
                        assert_eq!(x % size, 0, "{what}: {x} not whole fragments");
                    }
                    assert!(
                        md <= l.sq && mdv <= l.sv && msr <= l.sps && msr <= l.ss,
                        "{what}"
                    );
                    let regions = [
                        l.oa_at..l.oa_at + mo * l.sq,
                        l.ob_at..l.ob_at + mo * l.sv,
                        l.sa_at..l.sa_at + msr * l.sq,
                        l.sb_at..l.sb_at + msr * l.sv,
                        l.p_at..l.p_at + mo * l.sps,
                        l.ds_at..l.ds_at + mo * l.sps,
                    ];
                    for (i, a) in regions.iter().enumerate() {
                        assert!(a.end <= l.arena, "{what}: {a:?} past {}", l.arena);
                        for b in &regions[i + 1..] {
                            assert!(a.end <= b.start || b.end <= a.start, "{what}: {a:?} {b:?}");
                        }
                    }
                    assert!(
                        l.dp_at >= mo * l.ss && l.dp_at + mo * l.ss <= l.ms_len,
                        "{what}"
                    );
                    assert!(
                        l.pad.is_multiple_of(mo) && l.pad.is_multiple_of(msr),
                        "{what}: pad {}",
                        l.pad
                    );
                }
            }
        }
    }

    #[test]
    fn subgroup_lanes_fit_the_smallest_subgroup() {
        for (min_size, lanes) in [
            (0, 1),
            (1, 1),
            (2, 2),
            (4, 4),
            (6, 4),
            (8, 8),
            (32, 8),
            (128, 8),
        ] {
            assert_eq!(subgroup_lanes(min_size), lanes, "{min_size}");
        }
        // Only the kernels that reduce rows take lanes.
        let v = Variant::new(Kernel::BackwardDq, 64, 64).with_lanes(8);
        assert_eq!(v.lanes, 1);
        let v = Variant::new(Kernel::Forward, 64, 64).with_lanes(4);
        assert_eq!(v.lanes, 4);
        assert!(v.source().contains("subgroupShuffleXor"));
        let fallback = v.with_lanes(1).source();
        assert!(
            !fallback.contains("subgroupShuffleXor") && !fallback.contains("@builtin(subgroup")
        );
    }

    #[test]
    fn matrix_variants_parse() {
        for name in MatrixTiles::SWEEP {
            assert_eq!(MatrixTiles::parse(name).expect(name).name(), name);
        }
        assert!(MatrixTiles::parse("s3k64").is_err());
        assert!(MatrixTiles::parse("s4k40").is_err());
        assert!(MatrixTiles::parse("s4k64x").is_err());
    }
}
