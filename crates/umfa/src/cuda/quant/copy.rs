//! Raw copies between host slices and device addresses (the quantizer's status word, host copies
//! of device tables, and the INT4 round trip through the host quantizer).

use super::super::driver::drv;
use crate::error::Result;
use cudarc::driver::result;

/// Copies `dst.len()` elements from device address `src`.
pub(crate) fn to_host<T: Copy>(src: u64, dst: &mut [T]) -> Result<()> {
    // SAFETY: plain old data viewed as bytes; the caller passes an address holding at least
    // `size_of_val(dst)` bytes in the current context.
    let bytes = unsafe {
        std::slice::from_raw_parts_mut(dst.as_mut_ptr() as *mut u8, std::mem::size_of_val(dst))
    };
    unsafe { result::memcpy_dtoh_sync(bytes, src) }.map_err(drv("cuMemcpyDtoH"))
}
