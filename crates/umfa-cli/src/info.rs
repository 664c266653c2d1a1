//! `umfa info`: every backend, whether it is present (and if not why), and what it can do.

use crate::common::CliResult;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Serialize)]
struct CapabilityJson {
    feature: &'static str,
    supported: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

#[derive(Serialize)]
struct BackendJson {
    name: &'static str,
    available: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    device: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    capabilities: Vec<CapabilityJson>,
}

#[derive(Serialize)]
struct InfoJson {
    version: &'static str,
    default_backend: Option<&'static str>,
    umfa_backend_env: Option<String>,
    threads: usize,
    backends: Vec<BackendJson>,
}

pub fn run(json: Option<PathBuf>) -> CliResult<i32> {
    let env = std::env::var("UMFA_BACKEND")
        .ok()
        .filter(|s| !s.trim().is_empty());
    let default = umfa::default_backend();
    println!("umfa {}", env!("CARGO_PKG_VERSION"));
    match (&default, &env) {
        (Ok(b), Some(e)) => println!("default backend: {} (UMFA_BACKEND={e})", b.kind()),
        (Ok(b), None) => println!("default backend: {} (fastest present)", b.kind()),
        (Err(err), _) => println!("default backend: none: {err}"),
    }
    println!("threads: {}", rayon::current_num_threads());
    println!();
    let mut out = Vec::new();
    for s in umfa::backend::statuses() {
        let name = s.kind.name();
        match &s.backend {
            Ok(be) => {
                let device = be.device_name();
                println!("{name:<5} available  {device}");
                let caps = be.capabilities();
                let mut cj = Vec::new();
                for c in &caps {
                    match &c.supported {
                        Ok(()) => println!("      [yes] {}", c.feature),
                        Err(why) => println!("      [no ] {}: {why}", c.feature),
                    }
                    cj.push(CapabilityJson {
                        feature: c.feature,
                        supported: c.supported.is_ok(),
                        reason: c.supported.clone().err(),
                    });
                }
                out.push(BackendJson {
                    name,
                    available: true,
                    device: Some(device),
                    reason: None,
                    capabilities: cj,
                });
            }
            Err(reason) => {
                println!("{name:<5} absent     {reason}");
                out.push(BackendJson {
                    name,
                    available: false,
                    device: None,
                    reason: Some(reason.clone()),
                    capabilities: Vec::new(),
                });
            }
        }
    }
    if let Some(path) = json {
        let j = InfoJson {
            version: env!("CARGO_PKG_VERSION"),
            default_backend: default.as_ref().ok().map(|b| b.kind().name()),
            umfa_backend_env: env,
            threads: rayon::current_num_threads(),
            backends: out,
        };
        crate::write_json(&path, &j)?;
    }
    Ok(0)
}
