//! Opening an adapter and a device, and what the kernels need from them: the bind group layout
//! every kernel shares, the pipeline cache, buffers and readback.

use super::kernels::{subgroup_lanes, Kernel, MatrixTiles, Variant};
use super::params::Params;
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use wgpu::util::DeviceExt;

/// Storage buffers bound per kernel (bindings 1..=10 of `common.wgsl`).
const STORAGE_BINDINGS: u32 = 10;

/// Which kernel family runs the forward.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Workgroup tiles and f32 arithmetic only: runs on every adapter.
    Portable,
    /// Cooperative matrices where the adapter has them and the problem fits (f16/bf16 in and
    /// out, head dims up to 256), the portable family otherwise.
    Matrix,
}

impl Family {
    /// The family for an adapter of `backend`: `UMFA_WGPU_FAMILY=portable|matrix` where set,
    /// else the matrix family on Vulkan, whose every tile shape passed the correctness sweep on
    /// NVIDIA's cooperative matrices (H100, 2026-12-07), and the portable one elsewhere until the
    /// matrix family has run on that hardware (Metal, DX12; docs/wgpu.md). The matrix family
    /// itself falls back to the portable kernels where the adapter or the problem does not fit.
    pub fn default_for(backend: wgpu::Backend) -> Family {
        match std::env::var("UMFA_WGPU_FAMILY").as_deref() {
            Ok("matrix") => Family::Matrix,
            Ok("portable") => Family::Portable,
            _ if backend == wgpu::Backend::Vulkan => Family::Matrix,
            _ => Family::Portable,
        }
    }
}

/// An open device with the state the kernels share.
pub struct Gpu {
    pub device: wgpu::Device,
    pub queue: wgpu::Queue,
    pub info: wgpu::AdapterInfo,
    pub limits: wgpu::Limits,
    pub features: wgpu::Features,
    /// Cooperative-matrix configurations the adapter reports (the matrix family's input).
    pub coop: Vec<wgpu::CooperativeMatrixProperties>,
    layout: wgpu::BindGroupLayout,
    pipeline_layout: wgpu::PipelineLayout,
    pipelines: Mutex<HashMap<Variant, Arc<wgpu::ComputePipeline>>>,
    /// Bound where a kernel reads nothing (no mask, no dO, ...).
    empty_ro: wgpu::Buffer,
    empty_rw: wgpu::Buffer,
    /// A lower cap on binding sizes than the adapter's (tests of splitting).
    pub binding_cap: Option<u64>,
    /// The cooperative-matrix size the matrix family can use here (16 on Vulkan tensor cores,
    /// 8 on Metal), if any.
    pub matrix_size: Option<u32>,
    pub family: Family,
    /// The matrix family's tile shape when one is forced (`UMFA_WGPU_MATRIX_VARIANT`, or
    /// `WgpuBackend::with_matrix_tiles`); otherwise the first of `MatrixTiles::preferred` (per
    /// problem) whose workgroup memory fits.
    pub matrix_tiles: Option<MatrixTiles>,
    /// Run the matrix family with its cooperative-matrix builtins emulated (tests).
    pub emulate_matrix: bool,
    /// Whether the matrix family runs the backward too (`backward_matrix.wgsl`): yes unless
    /// `UMFA_WGPU_MATRIX_BACKWARD=0` or `WgpuBackend::with_matrix_backward(false)` — every tile
    /// shape passed the backward's correctness cases on NVIDIA's cooperative matrices and it ran
    /// G1's backward 18× faster than the portable one (H100, 2026-12-07, docs/wgpu.md).
    pub matrix_backward: bool,
    /// Lanes of a row the portable family reduces with subgroup operations (`Variant::lanes`):
    /// `max_subgroup_lanes` unless `UMFA_WGPU_SUBGROUPS` or `WgpuBackend::with_subgroup_lanes`
    /// asks for fewer; 1 is the workgroup-memory fallback.
    pub subgroup_lanes: u32,
    /// The most lanes the adapter allows: `kernels::subgroup_lanes` of its smallest subgroup
    /// size where it has `SUBGROUP`, else 1.
    pub max_subgroup_lanes: u32,
    /// The matrix family's kernels go to the driver as SPIR-V written here (`spirv.rs`) rather
    /// than as WGSL through wgpu: Vulkan, with `PASSTHROUGH_SHADERS` enabled.
    spirv_passthrough: bool,
}

/// An error with its causes: wgpu puts the shader compiler's message in the source chain.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        s += &format!(": {c}");
        cause = c.source();
    }
    s
}

fn adapter_rank(t: wgpu::DeviceType) -> u32 {
    match t {
        wgpu::DeviceType::DiscreteGpu => 0,
        wgpu::DeviceType::IntegratedGpu => 1,
        wgpu::DeviceType::VirtualGpu => 2,
        wgpu::DeviceType::Cpu => 3,
        wgpu::DeviceType::Other => 4,
    }
}

/// `UMFA_WGPU_SUBGROUPS`: `0` (or `1`) forces the portable family's workgroup-memory reductions,
/// `2` or `4` caps the lanes reduced by subgroup operations (tests of rows that span several
/// lane groups); unset, empty or `8`: as many as the adapter allows (`max`).
fn lanes_from_env(max: u32) -> std::result::Result<u32, String> {
    match std::env::var("UMFA_WGPU_SUBGROUPS").as_deref() {
        Err(_) | Ok("") => Ok(max),
        Ok(v) => match v.trim().parse::<u32>() {
            Ok(0) => Ok(1),
            Ok(n) if n.is_power_of_two() && n <= 8 => Ok(n.min(max)),
            _ => Err(format!(
                "UMFA_WGPU_SUBGROUPS={v:?}: expected 0 (no subgroup operations), 1, 2, 4 or 8 \
                 (lanes of a row reduced by subgroup operations, at most the adapter's)"
            )),
        },
    }
}

impl Gpu {
    /// Opens the best adapter: discrete before integrated before software (lavapipe), or the
    /// first whose name contains `UMFA_WGPU_ADAPTER`. `WGPU_BACKEND` restricts the APIs tried.
    pub fn open() -> std::result::Result<Gpu, String> {
        let mut desc = wgpu::InstanceDescriptor::new_without_display_handle_from_env();
        if std::env::var_os("WGPU_BACKEND").is_none() {
            // GL has no dependable compute path; the browser backend does not apply natively.
            desc.backends = wgpu::Backends::VULKAN | wgpu::Backends::METAL | wgpu::Backends::DX12;
        }
        let instance = wgpu::Instance::new(desc);
        let mut adapters = pollster::block_on(instance.enumerate_adapters(wgpu::Backends::all()));
        if adapters.is_empty() {
            return Err(
                "no Vulkan/Metal/DX12 adapter found (on Linux without a GPU, install \
                 Mesa's lavapipe: apt-get install mesa-vulkan-drivers)"
                    .into(),
            );
        }
        let wanted = std::env::var("UMFA_WGPU_ADAPTER").ok();
        if let Some(name) = &wanted {
            let name = name.to_lowercase();
            adapters.retain(|a| a.get_info().name.to_lowercase().contains(&name));
            if adapters.is_empty() {
                return Err(format!(
                    "no adapter's name contains UMFA_WGPU_ADAPTER={name:?}"
                ));
            }
        }
        adapters.sort_by_key(|a| adapter_rank(a.get_info().device_type));
        let adapter = adapters.swap_remove(0);
        let info = adapter.get_info();
        let limits = adapter.limits();
        if limits.max_storage_buffers_per_shader_stage < STORAGE_BINDINGS {
            return Err(format!(
                "adapter {:?} allows {} storage buffers per stage; the kernels need {STORAGE_BINDINGS}",
                info.name, limits.max_storage_buffers_per_shader_stage
            ));
        }
        let features = adapter.features();
        let coop = if features.contains(wgpu::Features::EXPERIMENTAL_COOPERATIVE_MATRIX) {
            adapter.cooperative_matrix_properties()
        } else {
            Vec::new()
        };
        // The matrix family: f16 operands with f32 accumulation, square tiles, executed by
        // subgroups of exactly 32 (4 per 128-thread workgroup, 16 query rows each).
        let matrix_features = wgpu::Features::EXPERIMENTAL_COOPERATIVE_MATRIX
            | wgpu::Features::SHADER_F16
            | wgpu::Features::SUBGROUP;
        let has_config = |m: u32| {
            coop.iter().any(|c| {
                c.m_size == m
                    && c.n_size == m
                    && c.k_size == m
                    && c.ab_type == wgpu::CooperativeScalarType::F16
                    && c.cr_type == wgpu::CooperativeScalarType::F32
            })
        };
        let matrix_size = if features.contains(matrix_features)
            && info.subgroup_min_size == 32
            && info.subgroup_max_size == 32
        {
            [16, 8].into_iter().find(|&m| has_config(m))
        } else {
            None
        };
        let (mut required_features, experimental_features) = if matrix_size.is_some() {
            // SAFETY: wgpu's experimental cooperative-matrix support is opted into knowingly;
            // only the matrix family's kernel uses it, and only where the adapter reports it.
            (matrix_features, unsafe {
                wgpu::ExperimentalFeatures::enabled()
            })
        } else {
            // f16 where present: the emulated matrix family (tests) needs it, nothing else does.
            (
                features & wgpu::Features::SHADER_F16,
                wgpu::ExperimentalFeatures::disabled(),
            )
        };
        // Subgroups where present: the portable family's row reductions use them.
        required_features |= features & wgpu::Features::SUBGROUP;
        let max_subgroup_lanes = if features.contains(wgpu::Features::SUBGROUP) {
            subgroup_lanes(info.subgroup_min_size)
        } else {
            1
        };
        let subgroup_lanes = lanes_from_env(max_subgroup_lanes)?;
        // On Vulkan the matrix family's SPIR-V must be fixed up before the driver sees it
        // (`spirv.rs`: naga's cooperative-matrix modules break the Vulkan memory model they
        // declare), which only passthrough allows. The emulated family takes the same path, so
        // that lavapipe exercises it.
        // `UMFA_WGPU_PASSTHROUGH=0` turns this off (a diagnostic: the H100 run compares both).
        let spirv_passthrough = info.backend == wgpu::Backend::Vulkan
            && features.contains(wgpu::Features::PASSTHROUGH_SHADERS)
            && std::env::var("UMFA_WGPU_PASSTHROUGH").as_deref() != Ok("0");
        if spirv_passthrough {
            required_features |= wgpu::Features::PASSTHROUGH_SHADERS;
        }
        // The adapter's own limits: WebGPU's defaults (128 MiB bindings, 16 KiB workgroup
        // memory) are below what most adapters offer.
        let (device, queue) = pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
            label: Some("umfa"),
            required_features,
            required_limits: limits.clone(),
            experimental_features,
            memory_hints: wgpu::MemoryHints::Performance,
            trace: wgpu::Trace::Off,
        }))
        .map_err(|e| format!("adapter {:?} refused a device: {e}", info.name))?;
        // Errors are caught with error scopes where they can happen; anything else is logged
        // rather than aborting the caller's process.
        device.on_uncaptured_error(Arc::new(|e| eprintln!("umfa wgpu: uncaptured error: {e}")));

        let storage = |binding: u32, read_only: bool| wgpu::BindGroupLayoutEntry {
            binding,
            visibility: wgpu::ShaderStages::COMPUTE,
            ty: wgpu::BindingType::Buffer {
                ty: wgpu::BufferBindingType::Storage { read_only },
                has_dynamic_offset: false,
                min_binding_size: None,
            },
            count: None,
        };
        let mut entries = vec![wgpu::BindGroupLayoutEntry {
            binding: 0,
            visibility: wgpu::ShaderStages::COMPUTE,
            ty: wgpu::BindingType::Buffer {
                ty: wgpu::BufferBindingType::Uniform,
                has_dynamic_offset: false,
                min_binding_size: None,
            },
            count: None,
        }];
        entries.extend((1..=8).map(|b| storage(b, true)));
        entries.extend((9..=10).map(|b| storage(b, false)));
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("umfa attention"),
            entries: &entries,
        });
        let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("umfa attention"),
            bind_group_layouts: &[Some(&layout)],
            immediate_size: 0,
        });
        let small = |usage| {
            device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("umfa empty"),
                size: 16,
                usage,
                mapped_at_creation: false,
            })
        };
        let empty_ro = small(wgpu::BufferUsages::STORAGE);
        let empty_rw = small(wgpu::BufferUsages::STORAGE);
        let family = Family::default_for(info.backend);
        Ok(Gpu {
            device,
            queue,
            info,
            limits,
            features,
            coop,
            layout,
            pipeline_layout,
            pipelines: Mutex::new(HashMap::new()),
            empty_ro,
            empty_rw,
            binding_cap: None,
            matrix_size,
            family,
            matrix_tiles: match std::env::var("UMFA_WGPU_MATRIX_VARIANT") {
                Ok(spec) if !spec.is_empty() => Some(MatrixTiles::parse(&spec)?),
                _ => None,
            },
            emulate_matrix: false,
            matrix_backward: std::env::var("UMFA_WGPU_MATRIX_BACKWARD").as_deref() != Ok("0"),
            subgroup_lanes,
            max_subgroup_lanes,
            spirv_passthrough,
        })
    }

    /// The portable variant of `kernel` for these head dimensions, with this device's subgroup
    /// lanes where the kernel reduces rows.
    pub fn portable(&self, kernel: Kernel, head_dim: usize, head_dim_v: usize) -> Variant {
        Variant::new(kernel, head_dim, head_dim_v).with_lanes(self.subgroup_lanes)
    }

    /// The compute pipeline of `variant`, compiled on first use.
    pub fn pipeline(&self, variant: Variant) -> Result<Arc<wgpu::ComputePipeline>> {
        if let Some(p) = self.pipelines.lock().expect("pipeline cache").get(&variant) {
            return Ok(p.clone());
        }
        let entry = variant.kernel.entry_point();
        let scope = self.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let module = if variant.matrix != 0 && self.spirv_passthrough {
            let words = super::spirv::vulkan_spirv(&variant).map_err(Error::KernelCompilation)?;
            // SAFETY: the module is naga's translation of our own WGSL, validated by naga with
            // wgpu's bounds checks (indices clamped into arrays and bindings), rewritten only in
            // its memory semantics (spirv.rs, checked by its tests); the pipeline layout is the
            // one every kernel is written against.
            unsafe {
                self.device.create_shader_module_passthrough(
                    wgpu::ShaderModuleDescriptorPassthrough {
                        label: Some(entry),
                        entry_points: std::borrow::Cow::Owned(vec![
                            wgpu::PassthroughShaderEntryPoint {
                                name: entry.into(),
                                workgroup_size: (variant.workgroup_size(), 1, 1),
                            },
                        ]),
                        spirv: Some(std::borrow::Cow::Owned(words)),
                        ..Default::default()
                    },
                )
            }
        } else {
            self.device
                .create_shader_module(wgpu::ShaderModuleDescriptor {
                    label: Some(entry),
                    source: wgpu::ShaderSource::Wgsl(variant.source().into()),
                })
        };
        let pipeline = self
            .device
            .create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
                label: Some(variant.kernel.entry_point()),
                layout: Some(&self.pipeline_layout),
                module: &module,
                entry_point: Some(variant.kernel.entry_point()),
                compilation_options: wgpu::PipelineCompilationOptions::default(),
                cache: None,
            });
        if let Some(e) = pollster::block_on(scope.pop()) {
            return Err(Error::KernelCompilation(format!(
                "{}: {}",
                variant.kernel.entry_point(),
                error_chain(&e)
            )));
        }
        let pipeline = Arc::new(pipeline);
        self.pipelines
            .lock()
            .expect("pipeline cache")
            .insert(variant, pipeline.clone());
        Ok(pipeline)
    }

    /// The matrix forward for a problem of these dimensions: the forced tile shape, or the first
    /// of the problem's preferred ones (`MatrixTiles::preferred`) whose workgroup memory fits
    /// the adapter. `None` if none fits.
    pub fn matrix_variant(&self, dims: &crate::problem::Dims) -> Option<Variant> {
        let (head_dim, head_dim_v) = (dims.head_dim, dims.head_dim_v);
        let size = self.matrix_size?;
        // Arrays of vec4s as cooperative-matrix sources are SPIR-V's business; naga's Metal
        // output takes scalar arrays.
        let vulkan = self.info.backend == wgpu::Backend::Vulkan;
        let candidates = match self.matrix_tiles {
            Some(t) => vec![t],
            None => MatrixTiles::preferred(vulkan, dims.seq_kv),
        };
        candidates.into_iter().find_map(|tiles| {
            let mut v = Variant::matrix_forward(head_dim, head_dim_v, size, tiles);
            v.emulated = self.emulate_matrix;
            let fits = v.matrix_workgroup_bytes() <= self.limits.max_compute_workgroup_storage_size
                && v.workgroup_size() <= self.limits.max_compute_invocations_per_workgroup
                && (vulkan || !tiles.vec);
            fits.then_some(v)
        })
    }

    /// The matrix backward's dQ kernel for a problem of these dimensions (its dK/dV kernel has
    /// the same shape and layout): the forced tile shape, or the first of
    /// `MatrixTiles::BACKWARD` whose workgroup memory fits the adapter. `None` if none fits or
    /// the matrix backward is off.
    pub fn matrix_backward_variant(&self, dims: &crate::problem::Dims) -> Option<Variant> {
        let size = self.matrix_size?;
        if self.family != Family::Matrix || !self.matrix_backward {
            return None;
        }
        let candidates = match self.matrix_tiles {
            Some(t) => vec![t],
            None => MatrixTiles::BACKWARD
                .iter()
                .map(|n| MatrixTiles::parse(n).expect("valid"))
                .collect(),
        };
        candidates.into_iter().find_map(|tiles| {
            let mut v = Variant::matrix_backward(
                Kernel::BackwardMatrixDq,
                dims.head_dim,
                dims.head_dim_v,
                size,
                tiles,
            );
            v.emulated = self.emulate_matrix;
            let fits = v.matrix_workgroup_bytes() <= self.limits.max_compute_workgroup_storage_size
                && v.workgroup_size() <= self.limits.max_compute_invocations_per_workgroup;
            fits.then_some(v)
        })
    }

    /// The largest buffer one binding may cover.
    pub fn max_binding(&self) -> u64 {
        self.limits
            .max_storage_buffer_binding_size
            .min(self.limits.max_buffer_size)
            .min(self.binding_cap.unwrap_or(u64::MAX))
    }

    /// A storage buffer holding `bytes` (padded to a whole number of words).
    pub fn upload(&self, label: &str, bytes: &[u8]) -> Result<wgpu::Buffer> {
        let mut padded;
        let mut data = bytes;
        if bytes.is_empty() || !bytes.len().is_multiple_of(4) {
            padded = bytes.to_vec();
            padded.resize(bytes.len().max(4).next_multiple_of(4), 0);
            data = &padded;
        }
        self.check_size(label, data.len() as u64)?;
        Ok(self
            .device
            .create_buffer_init(&wgpu::util::BufferInitDescriptor {
                label: Some(label),
                contents: data,
                usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC,
            }))
    }

    /// A writable f32 storage buffer of `n` elements.
    pub fn scratch(&self, label: &str, n: usize) -> Result<wgpu::Buffer> {
        let size = (n.max(1) * 4) as u64;
        self.check_size(label, size)?;
        Ok(self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some(label),
            size,
            usage: wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC,
            mapped_at_creation: false,
        }))
    }

    fn check_size(&self, label: &str, size: u64) -> Result<()> {
        if size > self.max_binding() {
            return Err(Error::Unsupported {
                backend: "wgpu",
                reason: format!(
                    "{label} needs a {size}-byte binding but the adapter allows {} bytes",
                    self.max_binding()
                ),
            });
        }
        Ok(())
    }

    /// The uniform buffer of a launch.
    pub fn params(&self, p: &Params) -> wgpu::Buffer {
        self.device
            .create_buffer_init(&wgpu::util::BufferInitDescriptor {
                label: Some("umfa params"),
                contents: &p.to_bytes(),
                usage: wgpu::BufferUsages::UNIFORM,
            })
    }

    /// A bind group over `buffers` (bindings 1..=10; `None` binds an empty buffer).
    pub fn bind(
        &self,
        params: &wgpu::Buffer,
        buffers: [Option<&wgpu::Buffer>; 10],
    ) -> wgpu::BindGroup {
        let mut entries = vec![wgpu::BindGroupEntry {
            binding: 0,
            resource: params.as_entire_binding(),
        }];
        for (n, b) in buffers.iter().enumerate() {
            let binding = n as u32 + 1;
            let fallback = if binding >= 9 {
                &self.empty_rw
            } else {
                &self.empty_ro
            };
            entries.push(wgpu::BindGroupEntry {
                binding,
                resource: b.unwrap_or(fallback).as_entire_binding(),
            });
        }
        self.device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("umfa attention"),
            layout: &self.layout,
            entries: &entries,
        })
    }

    /// Records one dispatch of `variant` over `groups` workgroups.
    pub fn dispatch(
        &self,
        encoder: &mut wgpu::CommandEncoder,
        variant: Variant,
        bind: &wgpu::BindGroup,
        groups: [u32; 3],
    ) -> Result<()> {
        let limit = self.limits.max_compute_workgroups_per_dimension;
        if groups.iter().any(|&g| g > limit) {
            return Err(Error::Unsupported {
                backend: "wgpu",
                reason: format!(
                    "{} needs {groups:?} workgroups; the adapter allows {limit} per dimension",
                    variant.kernel.entry_point()
                ),
            });
        }
        if groups.contains(&0) {
            return Ok(());
        }
        let pipeline = self.pipeline(variant)?;
        let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
            label: Some(variant.kernel.entry_point()),
            timestamp_writes: None,
        });
        pass.set_pipeline(&pipeline);
        pass.set_bind_group(0, bind, &[]);
        pass.dispatch_workgroups(groups[0], groups[1], groups[2]);
        Ok(())
    }

    /// A grid of at least `n` threads in 64-thread workgroups, folded into two dimensions.
    pub fn linear_groups(&self, n: usize) -> [u32; 3] {
        let groups = n.div_ceil(64) as u64;
        let limit = self.limits.max_compute_workgroups_per_dimension.max(1) as u64;
        let x = groups.min(limit);
        [x as u32, groups.div_ceil(x.max(1)) as u32, 1]
    }

    /// Submits `encoder`, waits, and reads back the f32 contents of `buffers`.
    pub fn finish(
        &self,
        encoder: wgpu::CommandEncoder,
        buffers: &[(&wgpu::Buffer, usize)],
        trace: &mut super::trace::Trace,
    ) -> Result<Vec<Vec<f32>>> {
        let mut encoder = encoder;
        let mut staging = Vec::new();
        for &(buf, n) in buffers {
            let size = (n.max(1) * 4) as u64;
            let dst = self.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("umfa readback"),
                size,
                usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            });
            encoder.copy_buffer_to_buffer(buf, 0, &dst, 0, size);
            staging.push((dst, n));
        }
        let scope = self.device.push_error_scope(wgpu::ErrorFilter::Validation);
        self.queue.submit([encoder.finish()]);
        if let Some(e) = pollster::block_on(scope.pop()) {
            return Err(Error::Execution(error_chain(&e)));
        }
        for (dst, _) in &staging {
            dst.slice(..).map_async(wgpu::MapMode::Read, |_| {});
        }
        self.device
            .poll(wgpu::PollType::wait_indefinitely())
            .map_err(|e| Error::Execution(format!("waiting for the device: {e}")))?;
        trace.phase("kernels and copy to the readback buffers");
        let mut out = Vec::new();
        for (dst, n) in staging {
            let view = dst
                .get_mapped_range(..)
                .map_err(|e| Error::Execution(format!("reading back: {e}")))?;
            // The buffers hold little-endian f32, as every wgpu target is little-endian.
            let words: Vec<f32> = bytemuck::pod_collect_to_vec(&view[..n * 4]);
            drop(view);
            dst.unmap();
            out.push(words);
        }
        trace.phase("read back");
        Ok(out)
    }
}
