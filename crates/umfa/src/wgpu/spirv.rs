//! The matrix family's SPIR-V for Vulkan: written by naga, then made to obey the memory model it
//! declares, and handed to the driver as it is (wgpu's passthrough).
//!
//! Why: a module that uses cooperative matrices must declare the Vulkan memory model, and naga
//! (30.x) then switches `OpMemoryModel` to `Vulkan` but keeps writing code for the GLSL450
//! model (gfx-rs/wgpu#8805). Under the Vulkan model a load or store without `NonPrivatePointer`
//! is *private*: it takes no part in synchronisation between invocations, and a barrier without
//! `MakeAvailable`/`MakeVisible` semantics makes nothing available or visible. So every exchange
//! through workgroup memory (the staged Q and K/V tiles, S, P, the row statistics, the
//! epilogue) is a data race as far as the driver is concerned, and a compiler that uses that
//! freedom (NVIDIA's does: on the H100 the kernel read stale S and gave NaN/inf outputs and
//! wrong LSE) may keep workgroup values in registers across barriers. The portable family
//! declares no cooperative matrices, stays on GLSL450, and is unaffected.
//!
//! The fix here is what glslang emits for `shared` memory under the Vulkan model: every load and
//! store through a `Workgroup` pointer (cooperative-matrix loads and stores included) gets
//! `NonPrivatePointer`, and every barrier whose semantics include workgroup memory gets
//! `MakeAvailable | MakeVisible`. A module on the GLSL450 model (the emulated matrix family) is
//! left as naga wrote it.

use super::kernels::Variant;
#[cfg(test)]
use super::kernels::{Kernel, MatrixTiles};
use std::collections::HashMap;

const OP_MEMORY_MODEL: u16 = 14;
const OP_TYPE_ARRAY: u16 = 28;
const OP_TYPE_RUNTIME_ARRAY: u16 = 29;
const OP_TYPE_STRUCT: u16 = 30;
const OP_TYPE_POINTER: u16 = 32;
const OP_CONSTANT: u16 = 43;
const OP_FUNCTION_PARAMETER: u16 = 55;
const OP_VARIABLE: u16 = 59;
const OP_DECORATE: u16 = 71;
const OP_MEMBER_DECORATE: u16 = 72;
const OP_LOAD: u16 = 61;
const OP_STORE: u16 = 62;
const OP_ACCESS_CHAIN: u16 = 65;
const OP_IN_BOUNDS_ACCESS_CHAIN: u16 = 66;
const OP_PTR_ACCESS_CHAIN: u16 = 67;
const OP_COPY_OBJECT: u16 = 83;
const OP_CONTROL_BARRIER: u16 = 224;
const OP_MEMORY_BARRIER: u16 = 225;
const OP_COOP_LOAD: u16 = 4457;
const OP_COOP_STORE: u16 = 4458;

const DECORATION_ARRAY_STRIDE: u32 = 6;
const DECORATION_OFFSET: u32 = 35;
const MEMORY_MODEL_VULKAN: u32 = 3;
/// Storage classes whose types carry an explicit layout: Uniform, PushConstant, StorageBuffer,
/// PhysicalStorageBuffer.
const EXPLICIT_LAYOUT_CLASSES: [u32; 4] = [2, 9, 12, 5349];
const STORAGE_WORKGROUP: u32 = 4;
const ACCESS_NON_PRIVATE_POINTER: u32 = 0x20;
const SEMANTICS_ACQUIRE: u32 = 0x2;
const SEMANTICS_RELEASE: u32 = 0x4;
const SEMANTICS_ACQUIRE_RELEASE: u32 = 0x8;
const SEMANTICS_WORKGROUP_MEMORY: u32 = 0x100;
const SEMANTICS_MAKE_AVAILABLE: u32 = 0x2000;
const SEMANTICS_MAKE_VISIBLE: u32 = 0x4000;

/// The SPIR-V version written: 1.3 runs on every Vulkan 1.1 driver, and each device with
/// cooperative matrices has 1.1 or later.
const LANG_VERSION: (u8, u8) = (1, 3);

/// The kernel of `variant` as SPIR-V words ready for `create_shader_module_passthrough`: naga
/// with the bounds checks wgpu would apply (indices clamped into arrays and bindings), then
/// [`obey_vulkan_memory_model`].
pub fn vulkan_spirv(variant: &Variant) -> std::result::Result<Vec<u32>, String> {
    let source = variant.source();
    let entry = variant.kernel.entry_point();
    let module = naga::front::wgsl::parse_str(&source)
        .map_err(|e| format!("{entry}: {}", e.emit_to_string(&source)))?;
    let info = naga::valid::Validator::new(
        naga::valid::ValidationFlags::all(),
        naga::valid::Capabilities::all(),
    )
    .validate(&module)
    .map_err(|e| format!("{entry}: {}", e.emit_to_string(&source)))?;
    let restrict = naga::proc::BoundsCheckPolicy::Restrict;
    let options = naga::back::spv::Options {
        lang_version: LANG_VERSION,
        // No debug names: the driver does not need them.
        flags: naga::back::spv::WriterFlags::empty(),
        bounds_check_policies: naga::proc::BoundsCheckPolicies {
            // Workgroup-array indices come from constants and invocation ids only; a variant
            // with `unchecked` drops their clamps (tuning: clamped indices keep the driver from
            // merging neighbouring accesses).
            index: if variant.tiles.unchecked {
                naga::proc::BoundsCheckPolicy::Unchecked
            } else {
                restrict
            },
            buffer: restrict,
            image_load: restrict,
            binding_array: naga::proc::BoundsCheckPolicy::Unchecked,
        },
        // Workgroup memory zeroed by the driver (VK_KHR_zero_initialize_workgroup_memory, core
        // in Vulkan 1.3, which the adapters with cooperative matrices have; wgpu enables it
        // where supported), as in wgpu's own translation of WGSL. naga's polyfill instead has
        // one invocation store whole zero arrays: slow on a GPU, and llvmpipe takes minutes to
        // compile it.
        zero_initialize_workgroup_memory:
            naga::back::spv::ZeroInitializeWorkgroupMemoryMode::Native,
        // Every loop of the kernels has a bound computed from the launch parameters.
        force_loop_bounding: false,
        use_storage_input_output_16: false,
        ..Default::default()
    };
    let pipeline = naga::back::spv::PipelineOptions {
        shader_stage: naga::ShaderStage::Compute,
        entry_point: entry.to_string(),
    };
    let mut words = naga::back::spv::write_vec(&module, &info, &options, Some(&pipeline))
        .map_err(|e| format!("{entry}: SPIR-V: {e}"))?;
    strip_stray_layouts(&mut words)?;
    obey_vulkan_memory_model(&mut words)?;
    Ok(words)
}

/// One instruction of a module: its opcode and its operand words (after the first word).
struct Inst<'a> {
    op: u16,
    operands: &'a [u32],
}

fn instructions(words: &[u32]) -> std::result::Result<Vec<Inst<'_>>, String> {
    if words.len() < 5 || words[0] != 0x0723_0203 {
        return Err("not a SPIR-V module".into());
    }
    let mut out = Vec::new();
    let mut at = 5;
    while at < words.len() {
        let count = (words[at] >> 16) as usize;
        if count == 0 || at + count > words.len() {
            return Err(format!("malformed instruction at word {at}"));
        }
        out.push(Inst {
            op: (words[at] & 0xffff) as u16,
            operands: &words[at + 1..at + count],
        });
        at += count;
    }
    Ok(out)
}

/// Drops the `ArrayStride` and member `Offset` decorations naga puts on arrays and structs that
/// only live in workgroup, function or private memory (the matrix kernel's workgroup struct):
/// Vulkan forbids explicit layouts there (VUID-StandaloneSpirv-None-10684). Drivers ignore them,
/// but with them no validator accepts the module, so the rewrite below could not be checked.
fn strip_stray_layouts(words: &mut Vec<u32>) -> std::result::Result<(), String> {
    let insts = instructions(words)?;
    // Types reachable from a storage class with an explicit layout keep their strides.
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut roots = Vec::new();
    for i in &insts {
        let o = i.operands;
        match i.op {
            OP_TYPE_POINTER if EXPLICIT_LAYOUT_CLASSES.contains(&o[1]) => roots.push(o[2]),
            OP_TYPE_ARRAY | OP_TYPE_RUNTIME_ARRAY => {
                children.insert(o[0], vec![o[1]]);
            }
            OP_TYPE_STRUCT => {
                children.insert(o[0], o[1..].to_vec());
            }
            _ => {}
        }
    }
    let mut laid_out = std::collections::HashSet::new();
    while let Some(t) = roots.pop() {
        if laid_out.insert(t) {
            roots.extend(children.get(&t).into_iter().flatten().copied());
        }
    }
    let mut out = words[..5].to_vec();
    for i in &insts {
        let o = i.operands;
        let stray = match i.op {
            OP_DECORATE => o.get(1) == Some(&DECORATION_ARRAY_STRIDE),
            OP_MEMBER_DECORATE => o.get(2) == Some(&DECORATION_OFFSET),
            _ => false,
        };
        if stray && !laid_out.contains(&o[0]) {
            continue;
        }
        out.push(((o.len() as u32 + 1) << 16) | i.op as u32);
        out.extend_from_slice(o);
    }
    *words = out;
    Ok(())
}

/// The semantics a barrier needs under the Vulkan memory model: availability with release,
/// visibility with acquire, where its semantics cover workgroup memory.
fn barrier_semantics(old: u32) -> u32 {
    if old & SEMANTICS_WORKGROUP_MEMORY == 0 {
        return old;
    }
    let mut new = old;
    if old & (SEMANTICS_RELEASE | SEMANTICS_ACQUIRE_RELEASE) != 0 {
        new |= SEMANTICS_MAKE_AVAILABLE;
    }
    if old & (SEMANTICS_ACQUIRE | SEMANTICS_ACQUIRE_RELEASE) != 0 {
        new |= SEMANTICS_MAKE_VISIBLE;
    }
    new
}

/// Rewrites a module on the Vulkan memory model so that workgroup memory is shared the way the
/// kernels (and WGSL) mean it: `NonPrivatePointer` on every access through a `Workgroup`
/// pointer, `MakeAvailable | MakeVisible` on barriers over workgroup memory. A module on another
/// memory model is left alone.
pub fn obey_vulkan_memory_model(words: &mut Vec<u32>) -> std::result::Result<(), String> {
    let insts = instructions(words)?;
    let vulkan = insts
        .iter()
        .any(|i| i.op == OP_MEMORY_MODEL && i.operands.get(1) == Some(&MEMORY_MODEL_VULKAN));
    if !vulkan {
        return Ok(());
    }
    // Storage class of each pointer type; the type of each pointer-valued id; 32-bit constants.
    let mut pointer_class: HashMap<u32, u32> = HashMap::new();
    let mut value_type: HashMap<u32, u32> = HashMap::new();
    let mut constants: HashMap<u32, (u32, u32)> = HashMap::new();
    for i in &insts {
        let o = i.operands;
        match i.op {
            OP_TYPE_POINTER => {
                pointer_class.insert(o[0], o[1]);
            }
            OP_CONSTANT if o.len() == 3 => {
                constants.insert(o[1], (o[0], o[2]));
            }
            OP_VARIABLE
            | OP_ACCESS_CHAIN
            | OP_IN_BOUNDS_ACCESS_CHAIN
            | OP_PTR_ACCESS_CHAIN
            | OP_FUNCTION_PARAMETER
            | OP_COPY_OBJECT => {
                value_type.insert(o[1], o[0]);
            }
            _ => {}
        }
    }
    let in_workgroup = |pointer: u32| {
        value_type
            .get(&pointer)
            .and_then(|t| pointer_class.get(t))
            .is_some_and(|&c| c == STORAGE_WORKGROUP)
    };
    // New semantics constants, each defined right after the constant it replaces.
    let mut bound = words[3];
    let mut replaced: HashMap<u32, u32> = HashMap::new();
    let mut new_constants: HashMap<u32, (u32, u32)> = HashMap::new();
    for i in &insts {
        let semantics = match i.op {
            OP_CONTROL_BARRIER => i.operands[2],
            OP_MEMORY_BARRIER => i.operands[1],
            _ => continue,
        };
        if replaced.contains_key(&semantics) {
            continue;
        }
        let &(ty, old) = constants
            .get(&semantics)
            .ok_or("barrier semantics that are not a 32-bit constant")?;
        let new = barrier_semantics(old);
        if new != old {
            replaced.insert(semantics, bound);
            new_constants.insert(semantics, (ty, new));
            bound += 1;
        }
    }

    let mut out = Vec::with_capacity(words.len() + 64);
    out.extend_from_slice(&words[..5]);
    out[3] = bound;
    let push = |out: &mut Vec<u32>, op: u16, operands: &[u32]| {
        out.push(((operands.len() as u32 + 1) << 16) | op as u32);
        out.extend_from_slice(operands);
    };
    // Index of the memory-operand mask in each access instruction, and whether it is shared.
    let mask_at = |i: &Inst| -> Option<usize> {
        match i.op {
            OP_LOAD if in_workgroup(i.operands[2]) => Some(3),
            OP_STORE if in_workgroup(i.operands[0]) => Some(2),
            OP_COOP_LOAD if in_workgroup(i.operands[2]) => Some(5),
            OP_COOP_STORE if in_workgroup(i.operands[0]) => Some(4),
            _ => None,
        }
    };
    for i in &insts {
        let mut operands = i.operands.to_vec();
        if let Some(at) = mask_at(i) {
            if operands.len() > at {
                // NonPrivatePointer takes no extra operand, so the mask's own operands stay
                // where they are.
                operands[at] |= ACCESS_NON_PRIVATE_POINTER;
            } else if operands.len() == at {
                operands.push(ACCESS_NON_PRIVATE_POINTER);
            } else {
                // A cooperative-matrix access without its stride: the memory operand cannot
                // be placed (naga always writes the stride).
                return Err("a cooperative-matrix access without a stride".into());
            }
        }
        match i.op {
            OP_CONTROL_BARRIER => {
                if let Some(&id) = replaced.get(&operands[2]) {
                    operands[2] = id;
                }
            }
            OP_MEMORY_BARRIER => {
                if let Some(&id) = replaced.get(&operands[1]) {
                    operands[1] = id;
                }
            }
            _ => {}
        }
        push(&mut out, i.op, &operands);
        if i.op == OP_CONSTANT && operands.len() == 3 {
            if let (Some(&(ty, value)), Some(&id)) =
                (new_constants.get(&operands[1]), replaced.get(&operands[1]))
            {
                push(&mut out, OP_CONSTANT, &[ty, id, value]);
            }
        }
    }
    *words = out;
    Ok(())
}

/// What in a module breaks the Vulkan memory model's rules for workgroup memory shared between
/// invocations (empty when the module is on another model). An independent check of
/// [`obey_vulkan_memory_model`] for the tests: storage classes are found by walking access
/// chains back to their variables rather than through pointer types.
#[cfg(test)]
fn workgroup_sharing_violations(words: &[u32]) -> Vec<String> {
    let Ok(insts) = instructions(words) else {
        return vec!["not a SPIR-V module".into()];
    };
    if !insts
        .iter()
        .any(|i| i.op == OP_MEMORY_MODEL && i.operands.get(1) == Some(&MEMORY_MODEL_VULKAN))
    {
        return Vec::new();
    }
    let mut variable_class: HashMap<u32, u32> = HashMap::new();
    let mut base: HashMap<u32, u32> = HashMap::new();
    let mut constants: HashMap<u32, u32> = HashMap::new();
    for i in &insts {
        let o = i.operands;
        match i.op {
            OP_VARIABLE => {
                variable_class.insert(o[1], o[2]);
            }
            OP_ACCESS_CHAIN | OP_IN_BOUNDS_ACCESS_CHAIN | OP_PTR_ACCESS_CHAIN | OP_COPY_OBJECT => {
                base.insert(o[1], o[2]);
            }
            OP_CONSTANT if o.len() == 3 => {
                constants.insert(o[1], o[2]);
            }
            _ => {}
        }
    }
    let class_of = |mut id: u32| {
        for _ in 0..64 {
            if let Some(&c) = variable_class.get(&id) {
                return Some(c);
            }
            id = *base.get(&id)?;
        }
        None
    };
    let mut problems = Vec::new();
    for (n, i) in insts.iter().enumerate() {
        let o = i.operands;
        let (name, pointer, mask) = match i.op {
            OP_LOAD => ("OpLoad", o[2], o.get(3)),
            OP_STORE => ("OpStore", o[0], o.get(2)),
            OP_COOP_LOAD => ("OpCooperativeMatrixLoadKHR", o[2], o.get(5)),
            OP_COOP_STORE => ("OpCooperativeMatrixStoreKHR", o[0], o.get(4)),
            OP_CONTROL_BARRIER | OP_MEMORY_BARRIER => {
                let id = if i.op == OP_CONTROL_BARRIER {
                    o[2]
                } else {
                    o[1]
                };
                match constants.get(&id) {
                    Some(&s) if barrier_semantics(s) != s => problems.push(format!(
                        "instruction {n}: barrier semantics {s:#x} without MakeAvailable/MakeVisible"
                    )),
                    Some(_) => {}
                    None => problems.push(format!("instruction {n}: barrier semantics not a constant")),
                }
                continue;
            }
            _ => continue,
        };
        if class_of(pointer) == Some(STORAGE_WORKGROUP)
            && mask.is_none_or(|m| m & ACCESS_NON_PRIVATE_POINTER == 0)
        {
            problems.push(format!(
                "instruction {n}: {name} of workgroup memory without NonPrivatePointer"
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    /// naga's SPIR-V of a variant with the default options (what wgpu would compile from WGSL).
    fn naga_spirv(variant: &Variant) -> Vec<u32> {
        let source = variant.source();
        let module = naga::front::wgsl::parse_str(&source).expect("parses");
        let info = naga::valid::Validator::new(
            naga::valid::ValidationFlags::all(),
            naga::valid::Capabilities::all(),
        )
        .validate(&module)
        .expect("validates");
        naga::back::spv::write_vec(
            &module,
            &info,
            &naga::back::spv::Options {
                lang_version: LANG_VERSION,
                ..Default::default()
            },
            None,
        )
        .expect("SPIR-V")
    }

    /// The bug of the H100 run: the matrix family's SPIR-V declares the Vulkan memory model, and
    /// as naga writes it, workgroup memory is never shared between invocations under that model.
    /// What the backend hands to the driver must share it at both matrix sizes, every head
    /// dimension shape and every benchmarked tile shape.
    #[test]
    fn matrix_family_shares_workgroup_memory_under_the_vulkan_memory_model() {
        let shapes = [(16, 16), (64, 64), (80, 48), (128, 128), (256, 256)];
        let mut cases = Vec::new();
        for size in [16, 8] {
            for (d, dv) in shapes {
                cases.push((size, d, dv, "s4k64v"));
                cases.push((size, d, dv, "s2k32"));
            }
        }
        for name in MatrixTiles::SWEEP.iter().chain(MatrixTiles::SCALAR.iter()) {
            cases.push((16, 128, 128, name));
        }
        {
            // The matrix backward's two kernels at every shape.
            let mut variants = Vec::new();
            for (size, d, dv, name) in cases {
                let tiles = MatrixTiles::parse(name).expect("valid");
                variants.push((
                    size,
                    d,
                    dv,
                    name,
                    Variant::matrix_forward(d, dv, size, tiles),
                ));
            }
            for size in [16, 8] {
                for (d, dv) in [(64, 64), (128, 128), (192, 128)] {
                    for name in MatrixTiles::BACKWARD {
                        let tiles = MatrixTiles::parse(name).expect("valid");
                        for k in [Kernel::BackwardMatrixDq, Kernel::BackwardMatrixDkDv] {
                            let v = Variant::matrix_backward(k, d, dv, size, tiles);
                            variants.push((size, d, dv, name, v));
                        }
                    }
                }
            }
            for (size, d, dv, name, v) in variants {
                let raw = naga_spirv(&v);
                let raw_problems = workgroup_sharing_violations(&raw);
                // If this fails, naga now writes the memory semantics itself (gfx-rs/wgpu#8805
                // fixed): the rewrite may be dropped once the H100 sweep passes without it.
                assert!(
                    !raw_problems.is_empty(),
                    "naga's own SPIR-V for {size}x{size} {d}/{dv} {name} now shares workgroup memory"
                );
                let fixed = vulkan_spirv(&v).expect("SPIR-V");
                let problems = workgroup_sharing_violations(&fixed);
                assert!(
                    problems.is_empty(),
                    "{size}x{size} {d}/{dv} {name}: {} problems, first: {:?}",
                    problems.len(),
                    &problems[..problems.len().min(5)]
                );
                maybe_validate(
                    &fixed,
                    &format!("{}_{size}_{d}_{dv}_{name}", v.kernel.entry_point()),
                );
            }
        }
    }

    /// The bug of the H200 run of 2026-11-30: with scalar workgroup arrays (`s4k64`, f16 and
    /// f32 elements, alignment 2 and 4) every case was wrong, while the vec4 shapes passed. A
    /// cooperative-matrix load or store needs a 16-byte aligned pointer, and with separate
    /// workgroup variables the driver chose where each array starts. Now the kernel has one
    /// workgroup variable, a struct whose arrays start at multiples of 16 bytes (members in
    /// order, WGSL's layout, as naga computes it), and the SPIR-V gives the driver no offsets
    /// to honour or misread. Every shape, both sizes, several head dimensions.
    #[test]
    fn matrix_kernel_arrays_start_16_byte_aligned() {
        let backward = MatrixTiles::BACKWARD.map(|n| MatrixTiles::parse(n).expect("valid"));
        for tiles in MatrixTiles::every_shape().into_iter().chain(backward) {
            for size in [16, 8] {
                for (d, dv) in [(1, 1), (16, 16), (32, 48), (40, 24), (128, 128), (192, 128)] {
                    let forward = Variant::matrix_forward(d, dv, size, tiles);
                    let dq = Variant::matrix_backward(Kernel::BackwardMatrixDq, d, dv, size, tiles);
                    let dkdv =
                        Variant::matrix_backward(Kernel::BackwardMatrixDkDv, d, dv, size, tiles);
                    for v in [forward, dq, dkdv] {
                        let what = format!(
                            "{} {} {size}x{size} {d}/{dv}",
                            v.kernel.entry_point(),
                            tiles.name()
                        );
                        let module = naga::front::wgsl::parse_str(&v.source()).expect("parses");
                        let shared: Vec<_> = module
                            .global_variables
                            .iter()
                            .filter(|(_, g)| g.space == naga::AddressSpace::WorkGroup)
                            .collect();
                        assert_eq!(shared.len(), 1, "{what}: one workgroup variable");
                        let naga::TypeInner::Struct { ref members, .. } =
                            module.types[shared[0].1.ty].inner
                        else {
                            panic!("{what}: the workgroup variable is a struct");
                        };
                        let mut arrays = 0;
                        for m in members {
                            if let naga::TypeInner::Array { .. } = module.types[m.ty].inner {
                                arrays += 1;
                                assert_eq!(
                                    m.offset % 16,
                                    0,
                                    "{what}: {:?} at {}",
                                    m.name,
                                    m.offset
                                );
                            }
                        }
                        // mh, ms, mzero, and mrow (forward) or mlse, mdelta (backward).
                        let expected = if v.kernel == Kernel::ForwardMatrix {
                            4
                        } else {
                            5
                        };
                        assert_eq!(arrays, expected, "{what}: the arrays");
                        let words = vulkan_spirv(&v).expect("SPIR-V");
                        let insts = instructions(&words).expect("module");
                        let workgroup_vars = insts
                            .iter()
                            .filter(|i| i.op == OP_VARIABLE && i.operands[2] == STORAGE_WORKGROUP)
                            .count();
                        assert_eq!(workgroup_vars, 1, "{what}: SPIR-V workgroup variables");
                        maybe_validate(&words, &format!("aligned_{what}").replace([' ', '/'], "_"));
                    }
                }
            }
        }
    }

    /// The emulated family declares no cooperative matrices: GLSL450, left as naga wrote it.
    #[test]
    fn emulated_family_stays_on_glsl450() {
        let tiles = MatrixTiles::parse("s2k32v").expect("valid");
        let mut v = Variant::matrix_forward(48, 32, 16, tiles);
        v.emulated = true;
        let words = vulkan_spirv(&v).expect("SPIR-V");
        let insts = instructions(&words).expect("module");
        assert!(insts
            .iter()
            .any(|i| i.op == OP_MEMORY_MODEL && i.operands[1] != MEMORY_MODEL_VULKAN));
    }

    #[test]
    fn barrier_semantics_gain_availability_and_visibility() {
        assert_eq!(barrier_semantics(0x108), 0x6108);
        assert_eq!(barrier_semantics(0x104), 0x2104);
        assert_eq!(barrier_semantics(0x102), 0x4102);
        // Storage-buffer only: untouched.
        assert_eq!(barrier_semantics(0x48), 0x48);
    }

    /// With `UMFA_SPIRV_VAL=/path/to/spirv-val` (SPIRV-Tools new enough for
    /// SPV_KHR_cooperative_matrix), the rewritten module is validated for Vulkan 1.3 too.
    fn maybe_validate(words: &[u32], name: &str) {
        let Some(val) = std::env::var_os("UMFA_SPIRV_VAL") else {
            return;
        };
        let path = std::env::temp_dir().join(format!("umfa_{name}.spv"));
        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        std::fs::write(&path, bytes).expect("write SPIR-V");
        let out = std::process::Command::new(val)
            .args(["--target-env", "vulkan1.3"])
            .arg(&path)
            .output()
            .expect("run spirv-val");
        let text = String::from_utf8_lossy(&out.stderr).into_owned()
            + &String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{name}: spirv-val:\n{text}");
    }
}
