//! Tells the linker where libMFAFFI lives: `UMFA_LIB_DIR`, as scripts/test-capi.sh sets it.
fn main() {
    println!("cargo:rerun-if-env-changed=UMFA_LIB_DIR");
    if let Ok(dir) = std::env::var("UMFA_LIB_DIR") {
        println!("cargo:rustc-link-search=native={dir}");
    }
}
