//! The quantization kernels' sources and how each is loaded and launched.

use super::super::compile::KernelSource;
use super::super::{driver, CudaBackend, VariantKey};
use crate::error::Result;

/// Which quantization kernel (the INT8 forward has one compiled variant per configuration).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum KernelKey {
    Quantize(&'static str),
    Dequantize,
    Int8Fwd(super::int8_fwd::Variant),
    /// V as e4m3 for the FP8 P·V (`quant_v_fp8.cu`, see `v_fp8`).
    VFp8(&'static str),
}

/// One of the quantizer's functions (`umfa_quant_*` of `quant_quantize.cu`).
fn quantize_source(function: &'static str) -> KernelSource<'static> {
    KernelSource {
        files: &[
            include_str!("../kernels/common.cuh"),
            include_str!("../kernels/quant_common.cuh"),
            include_str!("../kernels/quant_quantize.cu"),
        ],
        options: Vec::new(),
        function,
        dynamic_shared: 0,
    }
}

fn dequantize_source() -> KernelSource<'static> {
    KernelSource {
        files: &[
            include_str!("../kernels/common.cuh"),
            include_str!("../kernels/quant_common.cuh"),
            include_str!("../kernels/quant_dequant.cu"),
        ],
        options: Vec::new(),
        function: "umfa_quant_dequantize",
        dynamic_shared: 0,
    }
}

/// Launches an element-wise (or thread-per-item) kernel over `items` threads, 256 per block.
pub(crate) fn launch_items<P>(
    be: &CudaBackend,
    key: KernelKey,
    items: usize,
    threads_per_item: usize,
    params: &P,
) -> Result<()> {
    let k = be.kernel(VariantKey::Quant(key), || match key {
        KernelKey::Quantize(f) => quantize_source(f),
        KernelKey::Dequantize => dequantize_source(),
        KernelKey::Int8Fwd(_) | KernelKey::VFp8(_) => {
            unreachable!("the INT8 forward and its V conversion launch through their modules")
        }
    })?;
    let threads = (items * threads_per_item) as u64;
    let blocks = threads.div_ceil(256).max(1);
    if blocks > u32::MAX as u64 {
        return Err(crate::Error::arg(
            "shape",
            "is too large for one launch of the quantization kernels",
        ));
    }
    // SAFETY: every caller passes the parameter block its kernel declares, with device
    // addresses of buffers large enough for the shape it describes.
    unsafe { driver::launch(k.func, (blocks as u32, 1, 1), 256, 0, 0, params) }
}

/// Launches one of the quantizer's kernels on `blocks` blocks of `threads` threads.
pub(crate) fn launch_quantize<P>(
    be: &CudaBackend,
    function: &'static str,
    blocks: usize,
    threads: u32,
    params: &P,
) -> Result<()> {
    let key = KernelKey::Quantize(function);
    let k = be.kernel(VariantKey::Quant(key), || quantize_source(function))?;
    if blocks > u32::MAX as usize {
        return Err(crate::Error::arg(
            "shape",
            "is too large for one launch of the quantization kernels",
        ));
    }
    // SAFETY: as in `launch_items`.
    unsafe { driver::launch(k.func, (blocks.max(1) as u32, 1, 1), threads, 0, 0, params) }
}
