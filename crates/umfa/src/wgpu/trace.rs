//! Per-phase wall time of a call on host tensors (`UMFA_WGPU_TRACE=1`).

/// With `UMFA_WGPU_TRACE=1`, a call's wall time per phase on stderr (staging, the device's work,
/// reading back, writing the caller's tensors): where a call on host tensors spends its time
/// beyond the kernels. Off, it costs one relaxed check per phase.
pub struct Trace {
    what: &'static str,
    last: Option<std::time::Instant>,
    phases: Vec<(&'static str, std::time::Duration)>,
}

impl Trace {
    pub fn start(what: &'static str) -> Trace {
        static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        let on = *ON.get_or_init(|| std::env::var("UMFA_WGPU_TRACE").is_ok_and(|v| v != "0"));
        Trace {
            what,
            last: on.then(std::time::Instant::now),
            phases: Vec::new(),
        }
    }
    /// A trace that records nothing (for timing loops).
    pub fn off() -> Trace {
        Trace {
            what: "",
            last: None,
            phases: Vec::new(),
        }
    }
    /// Ends the phase `name` now.
    pub fn phase(&mut self, name: &'static str) {
        if let Some(last) = self.last {
            let now = std::time::Instant::now();
            self.phases.push((name, now - last));
            self.last = Some(now);
        }
    }
    /// Prints the phases (if on).
    pub fn end(self) {
        if self.last.is_none() {
            return;
        }
        let total: std::time::Duration = self.phases.iter().map(|p| p.1).sum();
        let parts: Vec<String> = self
            .phases
            .iter()
            .map(|(name, d)| format!("{name} {:.2} ms", d.as_secs_f64() * 1e3))
            .collect();
        eprintln!(
            "umfa wgpu {}: {:.2} ms = {}",
            self.what,
            total.as_secs_f64() * 1e3,
            parts.join(" + ")
        );
    }
}
