//! Kernels compiled at run time by NVRTC for the device's own architecture, as CUBIN (no PTX
//! version gate, no JIT at load), and cached on disk keyed by everything that changes the binary:
//! the source, the options, the NVRTC version and the architecture. A second run loads the
//! CUBIN without compiling.

use super::driver::drv;
use crate::error::{Error, Result};
use cudarc::driver::{result as dres, sys as dsys};
use cudarc::nvrtc::{result as nres, sys as nsys};
use std::ffi::CString;
use std::path::PathBuf;

/// A loaded kernel: one `extern "C"` function of a module that stays loaded.
#[derive(Clone, Copy)]
pub(crate) struct Kernel {
    pub func: dsys::CUfunction,
    /// Registers per thread and local memory (spills) per thread, from the driver.
    pub registers: i32,
    pub local_bytes: i32,
}

// SAFETY: function handles are valid in every thread where their context is current; modules are
// never unloaded.
unsafe impl Send for Kernel {}
unsafe impl Sync for Kernel {}

/// A source to compile: the files joined in order, the options, and the function to take.
pub(crate) struct KernelSource<'a> {
    pub files: &'a [&'a str],
    pub options: Vec<String>,
    pub function: &'a str,
    /// Dynamic shared memory the launches need (raised above the 48 KiB default when larger).
    pub dynamic_shared: u32,
}

/// `-DNAME=value` for each of a variant's values, in order, then the extra options of
/// `UMFA_CUDA_DEFINES="-DFOO=1 …"` (for measuring alternatives without a rebuild).
pub(crate) fn define_options(names: &[&str], values: &[u32]) -> Vec<String> {
    debug_assert_eq!(names.len(), values.len());
    names
        .iter()
        .zip(values)
        .map(|(name, value)| format!("-D{name}={value}"))
        .chain(
            std::env::var("UMFA_CUDA_DEFINES")
                .unwrap_or_default()
                .split_whitespace()
                .map(String::from),
        )
        .collect()
}

fn nvrtc_version() -> (i32, i32) {
    let (mut major, mut minor) = (0, 0);
    // SAFETY: writes two ints.
    unsafe { nsys::nvrtcVersion(&mut major, &mut minor) };
    (major, minor)
}

/// FNV-1a, 64 bits: stable across Rust versions, unlike `DefaultHasher`, so cache names stay.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff; // part separator
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// `$UMFA_CACHE_DIR`, else `$XDG_CACHE_HOME/umfa`, else `~/.cache/umfa`; `None` disables caching.
fn cache_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("UMFA_CACHE_DIR") {
        return (!d.is_empty()).then(|| PathBuf::from(d));
    }
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME") {
        return Some(PathBuf::from(d).join("umfa"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache").join("umfa"))
}

/// Compiles `src` to CUBIN for `arch` with NVRTC.
fn nvrtc_cubin(source: &str, name: &str, options: &[String]) -> Result<Vec<u8>> {
    let src = CString::new(source).map_err(|e| Error::KernelCompilation(e.to_string()))?;
    let cname = CString::new(name).expect("kernel names have no NUL");
    let err = |what: &str, e: nres::NvrtcError| Error::KernelCompilation(format!("{what}: {e}"));
    let prog =
        nres::create_program(&src, Some(&cname)).map_err(|e| err("nvrtcCreateProgram", e))?;
    // SAFETY: `prog` is live until destroyed below; the options are valid C strings.
    let out = unsafe {
        let compiled = nres::compile_program(prog, options);
        let result = match compiled {
            Ok(()) => {
                let mut size = 0usize;
                nsys::nvrtcGetCUBINSize(prog, &mut size)
                    .result()
                    .map_err(|e| err("nvrtcGetCUBINSize", e))
                    .and_then(|()| {
                        let mut cubin = vec![0u8; size];
                        nsys::nvrtcGetCUBIN(prog, cubin.as_mut_ptr() as *mut _)
                            .result()
                            .map_err(|e| err("nvrtcGetCUBIN", e))
                            .map(|()| cubin)
                    })
            }
            Err(e) => {
                let log = nres::get_program_log(prog)
                    .map(|l| {
                        let bytes: Vec<u8> =
                            l.iter().map(|&c| c as u8).take_while(|&c| c != 0).collect();
                        String::from_utf8_lossy(&bytes).into_owned()
                    })
                    .unwrap_or_default();
                Err(Error::KernelCompilation(format!(
                    "{name} with {options:?}: {e}\n{log}"
                )))
            }
        };
        let _ = nres::destroy_program(prog);
        result
    };
    out
}

/// Compiles (or loads from the cache) and loads `k` for `arch`.
pub(crate) fn load(k: &KernelSource, arch: &str) -> Result<Kernel> {
    let source: String = k.files.concat();
    let mut options = vec![
        format!("--gpu-architecture={arch}"),
        "--std=c++17".to_string(),
        "--fmad=true".to_string(),
    ];
    options.extend(k.options.iter().cloned());
    let (major, minor) = nvrtc_version();
    let key = fnv1a(&[
        source.as_bytes(),
        options.join(" ").as_bytes(),
        format!("nvrtc {major}.{minor}").as_bytes(),
        arch.as_bytes(),
    ]);
    let file = cache_dir().map(|d| d.join(format!("{}-{arch}-{key:016x}.cubin", k.function)));
    let cached = file.as_ref().and_then(|f| std::fs::read(f).ok());
    let cubin = match cached {
        Some(c) => c,
        None => {
            let c = nvrtc_cubin(&source, k.function, &options)?;
            if let Some(f) = &file {
                // Best effort: write under a temporary name, then rename, so readers never see
                // half a file.
                let _ = std::fs::create_dir_all(f.parent().expect("in a directory"));
                let tmp = f.with_extension(format!("tmp{}", std::process::id()));
                if std::fs::write(&tmp, &c).is_ok() {
                    let _ = std::fs::rename(&tmp, f);
                }
            }
            c
        }
    };
    // SAFETY: `cubin` is a complete image; the module stays loaded for the life of the process.
    unsafe {
        let module =
            dres::module::load_data(cubin.as_ptr() as *const _).map_err(drv("cuModuleLoadData"))?;
        let func = dres::module::get_function(module, CString::new(k.function).expect("no NUL"))
            .map_err(drv("cuModuleGetFunction"))?;
        use dsys::CUfunction_attribute as F;
        if k.dynamic_shared > 48 * 1024 {
            dres::function::set_function_attribute(
                func,
                F::CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                k.dynamic_shared as i32,
            )
            .map_err(drv("cuFuncSetAttribute"))?;
        }
        let registers = dres::function::get_function_attribute(func, F::CU_FUNC_ATTRIBUTE_NUM_REGS)
            .unwrap_or(-1);
        let local_bytes =
            dres::function::get_function_attribute(func, F::CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES)
                .unwrap_or(-1);
        Ok(Kernel {
            func,
            registers,
            local_bytes,
        })
    }
}
