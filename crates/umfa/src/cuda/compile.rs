//! Kernels compiled at run time by NVRTC for the device's own architecture, as CUBIN (no PTX
//! version gate, no JIT at load), and cached on disk keyed by everything that changes the binary:
//! the source, the options, the NVRTC version and the architecture. A second run loads the
//! CUBIN without compiling.

use super::driver::drv;
use crate::error::{Error, Result};
use cudarc::driver::{result as dres, sys as dsys};
use cudarc::nvrtc::{result as nres, sys as nsys};
use std::collections::HashMap;
use std::ffi::CString;
use std::hash::Hash;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

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

/// Loaded kernels by key, each compiled (or read from the disk cache) on first use. Different
/// keys compile concurrently — NVRTC takes programs from several threads — so that threads
/// asking for different kernels (parallel tests, a warm-up over many shapes) do not queue behind
/// one lock for seconds each; threads asking for the same key wait for the one compile.
pub(crate) struct KernelCache<K> {
    slots: Mutex<HashMap<K, Arc<Mutex<Option<Kernel>>>>>,
}

impl<K: Eq + Hash + Clone> KernelCache<K> {
    pub fn new() -> Self {
        KernelCache {
            slots: Mutex::new(HashMap::new()),
        }
    }

    /// The kernel of `key`, from `load` (e.g. `|| compile::load(&source, arch)`) if no thread
    /// has loaded it yet. A failed load leaves the slot empty (the next caller tries again and
    /// gets the same error).
    pub fn get_or_load(&self, key: &K, load: impl FnOnce() -> Result<Kernel>) -> Result<Kernel> {
        let slot = {
            let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            slots.entry(key.clone()).or_default().clone()
        };
        let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(k) = *slot {
            return Ok(k);
        }
        let k = load()?;
        *slot = Some(k);
        Ok(k)
    }
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

#[cfg(test)]
mod tests {
    use super::{Kernel, KernelCache};
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn fake(registers: i32) -> Kernel {
        Kernel {
            func: std::ptr::null_mut(),
            registers,
            local_bytes: 0,
        }
    }

    /// Two different keys load at the same time: each loader waits (up to 10 s) until the other
    /// has started, which it cannot where one lock covers every load — then the first loader
    /// gives up with an error and the test fails.
    #[test]
    fn different_keys_load_concurrently() {
        let cache = KernelCache::<u32>::new();
        let started = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for key in [1u32, 2] {
                let (cache, started) = (&cache, &started);
                s.spawn(move || {
                    let k = cache
                        .get_or_load(&key, || {
                            started.fetch_add(1, Ordering::SeqCst);
                            let t = std::time::Instant::now();
                            while started.load(Ordering::SeqCst) < 2 {
                                if t.elapsed().as_secs() >= 10 {
                                    return Err(crate::error::Error::KernelCompilation(
                                        "the other key's load never started".into(),
                                    ));
                                }
                                std::thread::yield_now();
                            }
                            Ok(fake(key as i32))
                        })
                        .expect("both loads run at once");
                    assert_eq!(k.registers, key as i32);
                });
            }
        });
    }

    /// One key is loaded once however many threads ask; a failed load is retried.
    #[test]
    fn one_key_loads_once_and_failures_are_retried() {
        let cache = KernelCache::<u32>::new();
        let loads = AtomicUsize::new(0);
        let err = cache.get_or_load(&7, || {
            Err(crate::error::Error::KernelCompilation("no".into()))
        });
        assert!(err.is_err());
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    let k = cache
                        .get_or_load(&7, || {
                            loads.fetch_add(1, Ordering::SeqCst);
                            std::thread::sleep(std::time::Duration::from_millis(20));
                            Ok(fake(42))
                        })
                        .expect("loads");
                    assert_eq!(k.registers, 42);
                });
            }
        });
        assert_eq!(loads.load(Ordering::SeqCst), 1);
    }
}
