//! The runtime quantizer on the device (`kernels/quant_quantize.cu`): f16/bf16/f32 device tensors
//! of any strides to contiguous INT8 or packed INT4 with the host quantizer's tables, bit for bit
//! (same formulas, same order of every floating-point sum; INT4's clipping search included).
//!
//! Per call: the tensor's own allocations (data and tables, which it keeps), kernels on the
//! default stream, one status word read back (whether an input was not finite) after one
//! synchronisation for all the tensors of the call ([`quantize_many`]). Scratch (the mean's run
//! sums, ranges, the clipping search's sums, the status words) is one device buffer per device,
//! kept and grown as needed, used under a lock.

use super::super::driver::{drv, DeviceBuffer};
use super::super::params::dtype_code;
use super::super::CudaBackend;
use super::device::{take_buffer, DeviceQuantized};
use super::kernels::launch_quantize;
use super::params::{QuantGroups, QuantizeParams};
use crate::backend::Backend;
use crate::error::{Error, Result};
use crate::quant::smooth::MEAN_RUN_ROWS;
use crate::quant::{Granularity, QuantDType, QuantSpec};
use crate::tensor::{Device, TensorRef};
use cudarc::driver::{result, sys};
use std::sync::Mutex;

/// Checks what the quantizer reads: a 4-D float tensor on this backend's device, inside its
/// buffer, with sizes the kernels index.
fn check_input(be: &CudaBackend, x: &TensorRef, arg: &'static str) -> Result<[usize; 4]> {
    let shape: [usize; 4] = x.shape().try_into().map_err(|_| {
        Error::arg(
            arg,
            format!(
                "must have 4 dimensions [batch, heads, seq_len, head_dim], got {:?}",
                x.shape()
            ),
        )
    })?;
    if !x.dtype().is_float() {
        return Err(Error::arg(
            arg,
            format!(
                "dtype is {}; the quantizer reads f16, bf16 or f32",
                x.dtype()
            ),
        ));
    }
    if x.device() != be.device() {
        return Err(Error::arg(
            arg,
            format!(
                "is on {:?}; the CUDA quantizer reads tensors on {:?}",
                x.device(),
                be.device()
            ),
        ));
    }
    crate::validate::check_extent(arg, x.ptr().is_null(), x.len_bytes(), x.dtype(), x.layout())?;
    if shape.iter().any(|&n| n >= 1 << 30) || shape.iter().product::<usize>() >= 1 << 40 {
        return Err(Error::arg(
            arg,
            format!("shape {shape:?} is too large for the CUDA quantizer"),
        ));
    }
    Ok(shape)
}

/// Scratch device memory per device, kept between calls (grown, never shrunk).
static SCRATCH: Mutex<Vec<(Device, DeviceBuffer)>> = Mutex::new(Vec::new());

/// Bytes reserved at the start of the scratch buffer for status words (one u64 per tensor).
const STATUS_BYTES: usize = 256;

/// Offsets of one call's scratch sections (after the status words), 256-byte aligned.
#[derive(Default)]
struct Layout {
    sums: usize,
    run_ranges: usize,
    ranges: usize,
    end: usize,
}

impl Layout {
    fn new(sizes: [usize; 3]) -> Layout {
        let mut at = STATUS_BYTES;
        let mut take = |n: usize| {
            let o = at;
            at += n.div_ceil(256) * 256;
            o
        };
        let (sums, run_ranges, ranges) = (take(sizes[0]), take(sizes[1]), take(sizes[2]));
        Layout {
            sums,
            run_ranges,
            ranges,
            end: at,
        }
    }
}

/// What one tensor's quantization does: its kernels and scratch sizes.
struct Plan {
    shape: [usize; 4],
    spec: QuantSpec,
    table_len: usize,
    runs: usize,
    /// umfa_quant_colstats runs (smoothing, per channel, per tensor).
    cols: bool,
    col_ranges: bool,
    vec: bool,
    int4: bool,
    /// umfa_quant_rowgroups' lanes per group (0: a block per group).
    seg: usize,
    /// INT4 groups of whole rows: the most runs a group spans, and the groups counted per head.
    max_runs: usize,
    row_groups: usize,
    /// Scratch bytes: sums, run ranges, ranges.
    sizes: [usize; 3],
}

/// Whether rows are contiguous and 16-byte aligned with D a multiple of 8 (8-wide accesses).
fn vectorisable(x: &TensorRef, shape: [usize; 4]) -> bool {
    let st = x.strides();
    st[3] == 1
        && shape[3].is_multiple_of(8)
        && st[..3].iter().all(|&s| s % 8 == 0)
        && (x.ptr() as usize).is_multiple_of(16)
}

fn plan(x: &TensorRef, spec: &QuantSpec, shape: [usize; 4]) -> Plan {
    let [b, h, s, d] = shape;
    let g = spec.granularity;
    let bh = b * h;
    let runs = s.div_ceil(MEAN_RUN_ROWS);
    let int4 = spec.dtype == QuantDType::Int4;
    let per_channel = g == Granularity::PerChannel;
    let per_tensor = g == Granularity::PerTensor;
    let col_ranges = per_channel || per_tensor;
    let cols = spec.smooth || col_ranges;
    let table_len = g.table_len(shape);
    // Rows per group (per row 1, per block n), for the row-group kernel.
    let rows = match g {
        Granularity::PerRow => 1,
        Granularity::PerBlock(n) => n.min(s),
        _ => s,
    };
    let vectors = rows * d.div_ceil(8);
    let seg = if vectors <= 512 {
        vectors.next_power_of_two().min(32)
    } else {
        0
    };
    let (max_runs, row_groups) = match g {
        Granularity::PerTensor => (runs, bh),
        Granularity::PerChannel => (0, 0),
        _ => ((rows.div_ceil(MEAN_RUN_ROWS) + 1).min(runs), table_len),
    };
    let mut sums = if spec.smooth { 8 * bh * runs * d } else { 0 };
    let mut run_ranges = if col_ranges { 8 * bh * runs * d } else { 0 };
    let mut ranges = if per_tensor { 8 * bh * d } else { 0 };
    if int4 {
        ranges = 8 * table_len.max(bh * d);
        sums = sums.max(if per_channel {
            8 * 7 * bh * runs * d
        } else {
            8 * 7 * row_groups * max_runs
        });
        if per_tensor {
            run_ranges = run_ranges.max(8 * 7 * bh);
        }
    }
    Plan {
        shape,
        spec: *spec,
        table_len,
        runs,
        cols,
        col_ranges,
        vec: vectorisable(x, shape),
        int4,
        seg,
        max_runs,
        row_groups,
        sizes: [sums, run_ranges, ranges],
    }
}

/// Launches one tensor's kernels; its status word is at `bad`.
fn launch(
    be: &CudaBackend,
    x: &TensorRef,
    p: &Plan,
    scratch: u64,
    at: &Layout,
    bad: u64,
) -> Result<DeviceQuantized> {
    let [b, h, s, d] = p.shape;
    let spec = &p.spec;
    let g = spec.granularity;
    let dev = be.device();
    let data = take_buffer(dev, spec.dtype.bytes_for(b * h * s * d))?;
    let scales = take_buffer(dev, 4 * p.table_len)?;
    let zero_points = (!spec.symmetric)
        .then(|| take_buffer(dev, 4 * p.table_len))
        .transpose()?;
    let mean = spec
        .smooth
        .then(|| take_buffer(dev, 4 * b * h * d))
        .transpose()?;
    let st = x.strides();
    let (qmin, qmax) = spec.dtype.range();
    let params = QuantizeParams {
        x: x.ptr() as u64,
        q: data.device_ptr(),
        mean: mean.as_ref().map_or(0, DeviceBuffer::device_ptr),
        sums: scratch + at.sums as u64,
        run_ranges: scratch + at.run_ranges as u64,
        ranges: scratch + at.ranges as u64,
        scales: scales.device_ptr(),
        zero_points: zero_points.as_ref().map_or(0, DeviceBuffer::device_ptr),
        bad,
        x_stride: [st[0] as i64, st[1] as i64, st[2] as i64, st[3] as i64],
        groups: QuantGroups::new(g, p.shape),
        batch: b as i32,
        heads: h as i32,
        seq: s as i32,
        dim: d as i32,
        x_dtype: dtype_code(x.dtype()),
        symmetric: spec.symmetric as i32,
        smooth: spec.smooth as i32,
        qmin,
        qmax,
        table_len: p.table_len as i32,
        runs: p.runs as i32,
        run_rows: MEAN_RUN_ROWS as i32,
        vec: p.vec as i32,
        col_ranges: p.col_ranges as i32,
        seg: p.seg as i32,
        int4: p.int4 as i32,
    };
    let bh = b * h;
    let cpt = d.div_ceil(8);
    let blocks = |threads: usize| threads.div_ceil(256);
    if p.cols {
        launch_quantize(
            be,
            "umfa_quant_colstats",
            blocks(bh * p.runs * cpt),
            256,
            &params,
        )?;
        launch_quantize(be, "umfa_quant_colfinal", blocks(bh * d), 256, &params)?;
    }
    match g {
        Granularity::PerTensor => {
            launch_quantize(be, "umfa_quant_tensor_params", 1, 1024, &params)?;
        }
        Granularity::PerChannel => {}
        _ => {
            let grid = match 256usize.checked_div(p.seg) {
                Some(per_block) => p.table_len.div_ceil(per_block),
                None => p.table_len,
            };
            launch_quantize(be, "umfa_quant_rowgroups", grid, 256, &params)?;
        }
    }
    if p.int4 {
        if g == Granularity::PerChannel {
            launch_quantize(
                be,
                "umfa_quant_int4_colsse",
                blocks(bh * p.runs * d),
                256,
                &params,
            )?;
            launch_quantize(
                be,
                "umfa_quant_int4_colchoose",
                blocks(bh * d),
                256,
                &params,
            )?;
        } else {
            #[repr(C)]
            struct Rows {
                p: QuantizeParams,
                max_runs: i32,
                pad: i32,
                n_hg: i64,
            }
            let rows = Rows {
                p: params,
                max_runs: p.max_runs as i32,
                pad: 0,
                n_hg: p.row_groups as i64,
            };
            launch_quantize(be, "umfa_quant_int4_rowsse", bh * p.runs, 64, &rows)?;
            launch_quantize(
                be,
                "umfa_quant_int4_rows_choose",
                blocks(p.row_groups),
                256,
                &rows,
            )?;
            if g == Granularity::PerTensor {
                launch_quantize(be, "umfa_quant_int4_tensor_choose", 1, 32, &params)?;
            }
        }
    }
    if p.int4 || matches!(g, Granularity::PerChannel | Granularity::PerTensor) {
        launch_quantize(be, "umfa_quant_apply", blocks(bh * s * cpt), 256, &params)?;
    }
    Ok(DeviceQuantized::from_buffers(
        spec.dtype,
        p.shape,
        g,
        be.device(),
        data,
        scales,
        zero_points,
        mean,
    )
    .recycled())
}

/// Quantizes a float device tensor as `spec` says; the result stays on the device.
pub fn quantize(
    be: &CudaBackend,
    x: &TensorRef,
    spec: &QuantSpec,
    arg: &'static str,
) -> Result<DeviceQuantized> {
    let mut out = quantize_many(be, &[(*x, *spec, arg)])?;
    Ok(out.pop().expect("one tensor"))
}

/// Quantizes several device tensors with one synchronisation: every tensor's kernels are queued
/// on the default stream, then one wait and one read of their status words (a non-finite input
/// is an error naming the first such tensor's first such element).
pub fn quantize_many(
    be: &CudaBackend,
    inputs: &[(TensorRef, QuantSpec, &'static str)],
) -> Result<Vec<DeviceQuantized>> {
    be.gpu.bind()?;
    let mut plans = Vec::with_capacity(inputs.len());
    let mut on_host = Vec::with_capacity(inputs.len());
    for (x, spec, arg) in inputs {
        spec.granularity.check("block_size")?;
        let shape = check_input(be, x, arg)?;
        let p = plan(x, spec, shape);
        // INT4 on the device needs 8-wide rows (8 values pack into one 32-bit word).
        on_host.push(p.int4 && !p.vec);
        plans.push(p);
    }
    let count = inputs.len();
    if count > STATUS_BYTES / 8 {
        let mut out = Vec::with_capacity(count);
        for chunk in inputs.chunks(STATUS_BYTES / 8) {
            out.extend(quantize_many(be, chunk)?);
        }
        return Ok(out);
    }
    let layout = Layout::new(std::array::from_fn(|i| {
        plans.iter().map(|p| p.sizes[i]).max().unwrap_or(0)
    }));
    let mut cache = SCRATCH.lock().unwrap_or_else(|e| e.into_inner());
    let device = be.device();
    let slot = match cache.iter().position(|(d, _)| *d == device) {
        Some(i) if cache[i].1.len() >= layout.end => i,
        found => {
            if let Some(i) = found {
                cache.remove(i);
            }
            let bytes = layout.end.next_power_of_two().max(1 << 20);
            cache.push((device, DeviceBuffer::alloc(bytes)?));
            cache.len() - 1
        }
    };
    let scratch = cache[slot].1.device_ptr();
    // SAFETY: the scratch buffer holds STATUS_BYTES at its start; stream 0 of this context.
    unsafe { result::memset_d8_async(scratch, 0xff, 8 * count, std::ptr::null_mut()) }
        .map_err(drv("cuMemsetD8Async"))?;
    let mut out = Vec::with_capacity(count);
    for (i, ((x, spec, arg), p)) in inputs.iter().zip(&plans).enumerate() {
        if on_host[i] {
            out.push(quantize_on_host(be, x, spec, arg)?);
        } else {
            out.push(launch(be, x, p, scratch, &layout, scratch + 8 * i as u64)?);
        }
    }
    let mut bad = [u64::MAX; STATUS_BYTES / 8];
    // SAFETY: `count` status words at the start of the scratch buffer; the copy on stream 0
    // follows the kernels that wrote them and returns once done (pageable destination).
    unsafe {
        result::memcpy_dtoh_async(
            &mut bad[..count],
            scratch,
            std::ptr::null_mut::<sys::CUstream_st>(),
        )
    }
    .map_err(drv("cuMemcpyDtoHAsync"))?;
    super::super::driver::synchronize(0)?;
    drop(cache);
    for (i, (_, p)) in bad[..count].iter().zip(&plans).enumerate() {
        if bad[i] != u64::MAX {
            let [_, h, s, d] = p.shape;
            let e = bad[i] as usize;
            let (dd, ss, hh, bb) = (e % d, e / d % s, e / (d * s) % h, e / (d * s * h));
            return Err(Error::arg(
                inputs[i].2,
                format!(
                    "element [{bb}, {hh}, {ss}, {dd}] is not finite; only finite values can be quantized"
                ),
            ));
        }
    }
    Ok(out)
}

/// INT4: the host quantizer (its clipping search), on a host copy of the tensor's buffer.
fn quantize_on_host(
    be: &CudaBackend,
    x: &TensorRef,
    spec: &QuantSpec,
    arg: &'static str,
) -> Result<DeviceQuantized> {
    let mut bytes = vec![0u8; x.len_bytes()];
    super::copy::to_host(x.ptr() as u64, &mut bytes)?;
    // SAFETY: `bytes` holds the whole buffer the device view described, for this scope.
    let host = unsafe {
        TensorRef::from_raw(
            bytes.as_ptr(),
            bytes.len(),
            Device::Cpu,
            x.dtype(),
            *x.layout(),
        )
    };
    let t = crate::quant::quantize(&host, spec, arg)?;
    DeviceQuantized::upload(&t.view(), be.device())
}
