//! Metal cannot run here, so every WGSL kernel is translated to MSL with naga (the version wgpu
//! uses) and compared with a snapshot in `snapshots/`: a naga upgrade or a kernel edit that
//! changes the Metal source shows up as a diff. The same test checks that each kernel parses,
//! validates and translates to SPIR-V too. `UMFA_UPDATE_SNAPSHOTS=1` rewrites the snapshots.

use super::kernels::{subgroup_lanes, Kernel, MatrixTiles, Variant};

/// The head dimension the snapshots are taken at (D = Dv = 128: 16 accumulator slots).
const SNAPSHOT_HEAD_DIM: usize = 128;

fn module(variant: &Variant) -> (naga::Module, naga::valid::ModuleInfo, String) {
    // The portable family must need no optional capability at all, except subgroups in its
    // subgroup variants; the matrix family needs exactly cooperative matrices, f16 and
    // subgroups.
    let caps = if variant.matrix != 0 {
        naga::valid::Capabilities::COOPERATIVE_MATRIX
            | naga::valid::Capabilities::SHADER_FLOAT16
            | naga::valid::Capabilities::SUBGROUP
    } else if variant.lanes > 1 {
        naga::valid::Capabilities::SUBGROUP
    } else {
        naga::valid::Capabilities::empty()
    };
    let source = variant.source();
    let module = naga::front::wgsl::parse_str(&source).unwrap_or_else(|e| {
        panic!(
            "{} does not parse:\n{}",
            variant.kernel.entry_point(),
            e.emit_to_string(&source)
        )
    });
    let info = naga::valid::Validator::new(naga::valid::ValidationFlags::all(), caps)
        .validate(&module)
        .unwrap_or_else(|e| {
            panic!(
                "{} does not validate:\n{}",
                variant.kernel.entry_point(),
                e.emit_to_string(&source)
            )
        });
    (module, info, source)
}

fn msl(variant: &Variant) -> String {
    let (module, info, _) = module(variant);
    let options = naga::back::msl::Options {
        lang_version: (3, 1),
        ..Default::default()
    };
    let pipeline = naga::back::msl::PipelineOptions {
        entry_point: Some((
            naga::ShaderStage::Compute,
            variant.kernel.entry_point().to_string(),
        )),
        ..Default::default()
    };
    let (text, _) = naga::back::msl::write_string(&module, &info, &options, &pipeline)
        .unwrap_or_else(|e| panic!("{}: MSL: {e}", variant.kernel.entry_point()));
    text
}

/// The subgroup lanes Metal runs the portable family with: wgpu reports subgroups of 4 to 64
/// invocations for every Metal device (`wgpu-hal`'s Metal adapter; Apple GPUs run 32).
const METAL_SUBGROUP_MIN_SIZE: u32 = 4;

/// The tile shape Metal runs the matrix family with at the snapshot head dimension (the first
/// preferred one that fits Apple's 32 KiB of threadgroup memory).
const SNAPSHOT_TILES: &str = "s2k64";

/// The MSL of every kernel at the snapshot head dimension (the portable family without subgroup
/// operations, and its kernels that reduce rows with the subgroup lanes Metal gets, as
/// `<kernel>_subgroup`); the matrix family (and its conversion pass) on Metal's 8×8 simdgroup
/// matrices.
pub fn generate_all() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = Vec::new();
    for &k in &Kernel::ALL {
        let plain = Variant::new(k, SNAPSHOT_HEAD_DIM, SNAPSHOT_HEAD_DIM);
        v.push((k.entry_point().to_string(), msl(&plain)));
        if k.reduces_rows() {
            let lanes = subgroup_lanes(METAL_SUBGROUP_MIN_SIZE);
            let sub = plain.with_lanes(lanes);
            assert_eq!(sub.lanes, 4);
            v.push((format!("{}_subgroup", k.entry_point()), msl(&sub)));
        }
    }
    let tiles = MatrixTiles::parse(SNAPSHOT_TILES).expect("valid");
    let m = Variant::matrix_forward(SNAPSHOT_HEAD_DIM, SNAPSHOT_HEAD_DIM, 8, tiles);
    assert!(
        m.matrix_workgroup_bytes() <= 32768,
        "Metal's threadgroup memory"
    );
    v.push(("forward_matrix_8x8".into(), msl(&m)));
    v.push(("forward_matrix_convert".into(), msl(&m.matrix_convert())));
    // The matrix backward at the first of its shapes that fits Metal's 32 KiB.
    let tiles = MatrixTiles::BACKWARD
        .iter()
        .map(|n| MatrixTiles::parse(n).expect("valid"))
        .find(|&t| {
            Variant::matrix_backward(
                Kernel::BackwardMatrixDq,
                SNAPSHOT_HEAD_DIM,
                SNAPSHOT_HEAD_DIM,
                8,
                t,
            )
            .matrix_workgroup_bytes()
                <= 32768
        })
        .expect("a backward shape fits Metal");
    for k in [Kernel::BackwardMatrixDq, Kernel::BackwardMatrixDkDv] {
        let b = Variant::matrix_backward(k, SNAPSHOT_HEAD_DIM, SNAPSHOT_HEAD_DIM, 8, tiles);
        v.push((format!("{}_8x8", k.entry_point()), msl(&b)));
    }
    let b = Variant::matrix_backward(
        Kernel::BackwardMatrixDq,
        SNAPSHOT_HEAD_DIM,
        SNAPSHOT_HEAD_DIM,
        8,
        tiles,
    );
    v.push(("backward_matrix_convert".into(), msl(&b.matrix_convert())));
    v
}

#[test]
fn every_kernel_validates_and_translates_to_spirv() {
    // The portable family without subgroups, and with every number of subgroup lanes.
    for &k in &Kernel::ALL {
        for (d, dv) in [(1, 1), (64, 64), (200, 72), (512, 512)] {
            for lanes in [1, 2, 4, 8] {
                let v = Variant::new(k, d, dv).with_lanes(lanes);
                if v.lanes != lanes {
                    continue;
                }
                let (module, info, _) = module(&v);
                naga::back::spv::write_vec(
                    &module,
                    &info,
                    &naga::back::spv::Options::default(),
                    None,
                )
                .unwrap_or_else(|e| panic!("{} ({lanes} lanes): SPIR-V: {e}", k.entry_point()));
                if lanes > 1 {
                    // Metal too (MSL 2.x has the SIMD-group functions naga emits).
                    msl(&v);
                }
            }
        }
    }
    // The matrix family at both sizes (16: Vulkan tensor cores, 8: Metal), head dims 16..=256,
    // every benchmarked tile shape, and its conversion pass.
    let mut cases = Vec::new();
    for size in [16, 8] {
        for (d, dv) in [
            (16, 16),
            (64, 64),
            (80, 48),
            (128, 128),
            (192, 128),
            (256, 256),
        ] {
            cases.push((size, d, dv, "s4k64v"));
            cases.push((size, d, dv, "s2k32"));
        }
    }
    for name in MatrixTiles::SWEEP {
        cases.push((16, 96, 64, name));
    }
    // The matrix backward: both kernels and its conversion pass, every shape, both sizes.
    for size in [16, 8] {
        for (d, dv) in [(16, 16), (64, 96), (128, 128), (256, 256)] {
            for name in MatrixTiles::BACKWARD {
                cases.push((size, d, dv, name));
            }
        }
    }
    for (size, d, dv, name) in cases {
        let tiles = MatrixTiles::parse(name).expect("valid");
        let m = Variant::matrix_forward(d, dv, size, tiles);
        let b = Variant::matrix_backward(Kernel::BackwardMatrixDq, d, dv, size, tiles);
        let dkdv = Variant::matrix_backward(Kernel::BackwardMatrixDkDv, d, dv, size, tiles);
        for v in [m, m.matrix_convert(), b, dkdv, b.matrix_convert()] {
            let (module, info, _) = module(&v);
            let spv = naga::back::spv::write_vec(
                &module,
                &info,
                &naga::back::spv::Options {
                    lang_version: (1, 6),
                    ..Default::default()
                },
                None,
            )
            .unwrap_or_else(|e| panic!("forward_matrix {size} {name}: SPIR-V: {e}"));
            if std::env::var_os("UMFA_DUMP_SPIRV").is_some() {
                let bytes: Vec<u8> = spv.iter().flat_map(|w| w.to_le_bytes()).collect();
                let path = std::env::temp_dir().join(format!(
                    "{}_{size}_{d}_{dv}_{name}.spv",
                    v.kernel.entry_point()
                ));
                std::fs::write(&path, bytes).expect("write SPIR-V");
                std::fs::write(path.with_extension("wgsl"), v.source()).expect("write WGSL");
            }
        }
    }
}

#[test]
fn metal_source_matches_snapshots() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/wgpu/snapshots");
    let update = std::env::var_os("UMFA_UPDATE_SNAPSHOTS").is_some();
    let mut stale = Vec::new();
    for (name, text) in generate_all() {
        let path = dir.join(format!("{name}.metal"));
        if update {
            std::fs::create_dir_all(&dir).expect("snapshot directory");
            std::fs::write(&path, &text).expect("write snapshot");
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(old) if old == text => {}
            _ => stale.push(path.display().to_string()),
        }
    }
    assert!(
        stale.is_empty(),
        "the Metal source of these kernels changed (naga upgrade or kernel edit): {stale:?}; \
         review the difference and rerun with UMFA_UPDATE_SNAPSHOTS=1 to accept it"
    );
}
