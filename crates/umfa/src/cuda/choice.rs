//! The kernel choices that environment variables make (`UMFA_CUDA_WGMMA_TMA=0`, …), with a
//! per-thread override for tests and benchmarks that compare two kernels in one process.

use std::cell::RefCell;

thread_local! {
    static OVERRIDES: RefCell<Vec<(&'static str, bool)>> = const { RefCell::new(Vec::new()) };
}

/// Sets (`Some`) or clears (`None`) this thread's override of the choice named by `env`.
pub(crate) fn set(env: &'static str, on: Option<bool>) {
    OVERRIDES.with(|o| {
        let mut o = o.borrow_mut();
        o.retain(|(name, _)| *name != env);
        if let Some(on) = on {
            o.push((env, on));
        }
    });
}

/// The choice named by `env`: this thread's override, else the variable (read on every call:
/// `on_value` turns the choice on, `0` off, anything else leaves the default), else `default`.
pub(crate) fn get(env: &'static str, on_value: &str, default: bool) -> bool {
    if let Some(on) = OVERRIDES.with(|o| o.borrow().iter().find(|(n, _)| *n == env).map(|x| x.1)) {
        return on;
    }
    match std::env::var_os(env) {
        Some(v) if v == on_value => true,
        Some(v) if v == "0" => false,
        _ => default,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_override_wins_until_cleared() {
        const NAME: &str = "UMFA_TEST_CHOICE_UNSET_VARIABLE";
        assert!(super::get(NAME, "1", true));
        assert!(!super::get(NAME, "1", false));
        super::set(NAME, Some(false));
        assert!(!super::get(NAME, "1", true));
        super::set(NAME, Some(true));
        assert!(super::get(NAME, "1", false));
        super::set(NAME, None);
        assert!(super::get(NAME, "1", true));
    }
}
