//! Quantized tensors in device memory: what the device quantizer makes, or a host
//! [`QuantTensor`] uploaded, with the same table layout as the host's (so either converts to the
//! other without reindexing).

use super::super::driver::DeviceBuffer;
use crate::error::{Error, Result};
use crate::quant::{Granularity, QuantDType, QuantTensor, QuantizedTensor};
use crate::tensor::{Device, TensorRef};

/// A quantized `[B, H, S, D]` tensor on a CUDA device: integers (INT8, or INT4 packed two per
/// byte) with element strides, and its f32 scale table, optional i32 zero points and optional
/// f32 `[B, H, D]` smoothing mean, laid out as [`QuantTensor`]'s.
pub struct DeviceQuantized {
    pub dtype: QuantDType,
    pub shape: [usize; 4],
    pub strides: [isize; 4],
    pub granularity: Granularity,
    pub device: Device,
    pub(crate) data: u64,
    pub(crate) scales: u64,
    pub(crate) zero_points: Option<u64>,
    pub(crate) mean: Option<u64>,
    pub(crate) data_bytes: usize,
    /// The device allocations this tensor holds, by section.
    owned: Vec<(&'static str, DeviceBuffer)>,
    /// Whether its allocations go back to the quantizer's cache when it drops.
    recycle: bool,
}

/// Device buffers of dropped quantizer outputs, kept for the next call of the same sizes (so a
/// steady stream of quantizations allocates and frees nothing: `cuMemFree` also waits for the
/// device). At most [`CACHE_BYTES`] in all.
static CACHE: std::sync::Mutex<Vec<(Device, DeviceBuffer)>> = std::sync::Mutex::new(Vec::new());
const CACHE_BYTES: usize = 4 << 30;

fn cache() -> std::sync::MutexGuard<'static, Vec<(Device, DeviceBuffer)>> {
    CACHE.lock().unwrap_or_else(|e| e.into_inner())
}

/// `len` bytes on `device` (the current context's): a cached buffer of that length, or a new one.
pub(crate) fn take_buffer(device: Device, len: usize) -> Result<DeviceBuffer> {
    let mut c = cache();
    if let Some(i) = c.iter().position(|(d, b)| *d == device && b.len() == len) {
        return Ok(c.swap_remove(i).1);
    }
    drop(c);
    DeviceBuffer::alloc(len)
}

/// Gives `buf` (on `device`) to the cache for a later [`take_buffer`], or frees it when the cache
/// is full. Safe without a synchronisation because the work that reads it and every later taker
/// of cached buffers (the quantizer, the dequantizer, the kernels on their outputs) run in order
/// on the default stream.
pub(crate) fn recycle_buffer(device: Device, buf: DeviceBuffer) {
    let mut c = cache();
    let held: usize = c.iter().map(|(_, b)| b.len()).sum();
    if held + buf.len() <= CACHE_BYTES {
        c.push((device, buf));
    }
}

/// Frees the buffers the quantizer keeps for reuse (for measuring device memory).
pub fn release_cached_buffers() {
    let freed: Vec<_> = std::mem::take(&mut *cache());
    drop(freed);
}

impl Drop for DeviceQuantized {
    fn drop(&mut self) {
        if !self.recycle {
            return;
        }
        // Work queued on the default stream that reads these buffers runs before any later
        // quantizer kernel that reuses them (every quantization kernel is on that stream).
        for (_, b) in self.owned.drain(..) {
            recycle_buffer(self.device, b);
        }
    }
}

/// One operand of attention on the device: floating point as it is, or quantized.
#[derive(Clone, Copy)]
pub enum DeviceOperand<'a> {
    Float(TensorRef<'a>),
    Quant(&'a DeviceQuantized),
}

impl<'a> DeviceOperand<'a> {
    pub fn shape(&self) -> [usize; 4] {
        match self {
            DeviceOperand::Float(t) => {
                let s = t.shape();
                [s[0], s[1], s[2], s[3]]
            }
            DeviceOperand::Quant(t) => t.shape,
        }
    }
}

fn upload<T: Copy>(values: &[T]) -> Result<DeviceBuffer> {
    // SAFETY: plain old data viewed as bytes.
    let bytes = unsafe {
        std::slice::from_raw_parts(values.as_ptr() as *const u8, std::mem::size_of_val(values))
    };
    DeviceBuffer::from_host(bytes)
}

impl DeviceQuantized {
    /// Device buffers the quantizer filled: contiguous data, and the tables.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn from_buffers(
        dtype: QuantDType,
        shape: [usize; 4],
        granularity: Granularity,
        device: Device,
        data: DeviceBuffer,
        scales: DeviceBuffer,
        zero_points: Option<DeviceBuffer>,
        mean: Option<DeviceBuffer>,
    ) -> DeviceQuantized {
        let [_, h, s, d] = shape;
        let mut t = DeviceQuantized {
            dtype,
            shape,
            strides: [(h * s * d) as isize, (s * d) as isize, d as isize, 1],
            granularity,
            device,
            data: data.device_ptr(),
            scales: scales.device_ptr(),
            zero_points: zero_points.as_ref().map(DeviceBuffer::device_ptr),
            mean: mean.as_ref().map(DeviceBuffer::device_ptr),
            data_bytes: data.len(),
            owned: Vec::new(),
            recycle: false,
        };
        t.owned = [
            ("data", Some(data)),
            ("scales", Some(scales)),
            ("zero_points", zero_points),
            ("mean", mean),
        ]
        .into_iter()
        .filter_map(|(name, b)| b.map(|b| (name, b)))
        .collect();
        t
    }

    /// Lets the tensor's buffers go back to the quantizer's cache when it drops.
    pub(crate) fn recycled(mut self) -> DeviceQuantized {
        self.recycle = true;
        self
    }

    /// Copies a validated host tensor to the device (data whole, so its strides stay).
    pub fn upload(t: &QuantTensor, device: Device) -> Result<DeviceQuantized> {
        let data = DeviceBuffer::from_host(t.data)?;
        let mut d = DeviceQuantized::from_buffers(
            t.dtype,
            t.shape,
            t.granularity,
            device,
            data,
            upload(t.scales)?,
            t.zero_points.map(upload).transpose()?,
            t.mean.map(upload).transpose()?,
        );
        d.strides = t.strides;
        Ok(d)
    }

    /// The device allocations holding this tensor: (section, device address, bytes requested)
    /// for its data (INT4: packed two per byte), scales, zero points and mean. Their sum is what
    /// the tensor keeps resident; `cuMemGetAddressRange` on an address gives the driver's size of
    /// that allocation.
    pub fn buffers(&self) -> Vec<(&'static str, u64, usize)> {
        self.owned
            .iter()
            .map(|(name, b)| (*name, b.device_ptr(), b.len()))
            .collect()
    }

    pub fn symmetric(&self) -> bool {
        self.zero_points.is_none()
    }
    pub fn smoothed(&self) -> bool {
        self.mean.is_some()
    }

    /// A host copy (contiguous data, as the host quantizer makes it). Tensors with other
    /// strides are refused: the host type has no strides.
    pub fn to_host(&self) -> Result<QuantizedTensor> {
        let [_, h, s, d] = self.shape;
        if self.strides != [(h * s * d) as isize, (s * d) as isize, d as isize, 1] {
            return Err(Error::arg(
                "tensor",
                "is not contiguous; only contiguous device tensors copy to a host QuantizedTensor",
            ));
        }
        let n: usize = self.shape.iter().product();
        let table = self.granularity.table_len(self.shape);
        let mut data = vec![0u8; self.dtype.bytes_for(n)];
        super::copy::to_host(self.data, &mut data)?;
        let mut scales = vec![0f32; table];
        super::copy::to_host(self.scales, &mut scales)?;
        let zero_points = match self.zero_points {
            Some(z) => {
                let mut v = vec![0i32; table];
                super::copy::to_host(z, &mut v)?;
                Some(v)
            }
            None => None,
        };
        let mean = match self.mean {
            Some(m) => {
                let mut v = vec![0f32; self.shape[0] * h * d];
                super::copy::to_host(m, &mut v)?;
                Some(v)
            }
            None => None,
        };
        Ok(QuantizedTensor {
            data,
            dtype: self.dtype,
            shape: self.shape,
            granularity: self.granularity,
            scales,
            zero_points,
            mean,
        })
    }
}
