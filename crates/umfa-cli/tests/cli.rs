//! Runs the `umfa` binary as a user would. Shapes are shrunk (`--seq`, `--heads`) to keep CI fast.

use std::path::PathBuf;
use std::process::{Command, Output};

fn umfa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_umfa"))
        .args(args)
        .env_remove("UMFA_BACKEND")
        .output()
        .expect("the umfa binary runs")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn tmp(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("umfa-cli-{}-{name}", std::process::id()))
}

fn json(path: &PathBuf) -> serde_json::Value {
    let s = std::fs::read_to_string(path).expect("the JSON file was written");
    serde_json::from_str(&s).expect("valid JSON")
}

#[test]
fn info_lists_every_backend() {
    let path = tmp("info.json");
    let o = umfa(&["info", "--json", path.to_str().unwrap()]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{out}\n{err}");
    for name in ["cpu", "cuda", "wgpu"] {
        assert!(out.contains(name), "{name} missing from\n{out}");
    }
    assert!(out.contains("available"));
    let j = json(&path);
    let backends = j["backends"].as_array().unwrap();
    assert_eq!(backends.len(), 3);
    let cpu = backends.iter().find(|b| b["name"] == "cpu").unwrap();
    assert_eq!(cpu["available"], true);
    assert!(!cpu["capabilities"].as_array().unwrap().is_empty());
    for b in backends.iter().filter(|b| b["available"] == false) {
        assert!(!b["reason"].as_str().unwrap().is_empty());
    }
}

#[test]
fn quick_check_passes_on_cpu_and_writes_json() {
    let path = tmp("check.json");
    let o = umfa(&[
        "check",
        "--backend",
        "cpu",
        "--quick",
        "--json",
        path.to_str().unwrap(),
    ]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("PASS"));
    assert!(out.contains("0 failed"));
    let j = json(&path);
    let total = j["total"].as_u64().unwrap();
    assert!(total > 50);
    assert_eq!(j["failed"], 0);
    let cases = j["cases"].as_array().unwrap();
    assert_eq!(cases.len() as u64, total);
    assert!(cases
        .iter()
        .any(|c| c["group"] == "backward" && c["status"] == "pass"));
    for c in cases.iter().filter(|c| c["status"] == "pass") {
        assert!(c["worst_ratio"].as_f64().unwrap() <= 1.0);
    }
}

#[test]
fn check_filter_and_list() {
    let o = umfa(&["check", "--list", "--filter", "mask(bool"]);
    let (out, _) = text(&o);
    assert!(o.status.success());
    assert!(out.lines().filter(|l| l.contains("mask(bool")).count() >= 16);
    let o = umfa(&["check", "--backend", "cpu", "--filter", "no-such-case"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("no case matches"), "{err}");
}

#[test]
fn unavailable_backend_fails_with_its_reason() {
    let info = text(&umfa(&["info"])).0;
    let cuda_present = info
        .lines()
        .any(|l| l.starts_with("cuda") && l.contains(" available "));
    if cuda_present {
        return; // a machine with a GPU: nothing to test here
    }
    let o = umfa(&["check", "--backend", "cuda", "--quick"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("cuda") && err.contains("not available"),
        "{err}"
    );
    // The reason `umfa info` gives is repeated.
    let reason = info
        .lines()
        .find(|l| l.starts_with("cuda"))
        .and_then(|l| l.split("absent").nth(1))
        .unwrap()
        .trim()
        .to_string();
    assert!(err.contains(&reason), "{err} lacks {reason}");
}

#[test]
fn bench_writes_json_csv_svg_with_anchors() {
    let (j, c, s, a) = (
        tmp("bench.json"),
        tmp("bench.csv"),
        tmp("bench.svg"),
        tmp("anchors.jsonl"),
    );
    std::fs::write(
        &a,
        "some log line\n{\"case\": \"C1\", \"dtype\": \"f32\", \"causal\": false, \"pass\": \"fwd\", \"impl\": \"torch\", \"gflops\": 65.0}\n",
    )
    .unwrap();
    let o = umfa(&[
        "bench",
        "--backend",
        "cpu",
        "--cases",
        "C1",
        "--seq",
        "96",
        "--heads",
        "2",
        "--reps",
        "1",
        "--warmup",
        "0",
        "--backward",
        "--json",
        j.to_str().unwrap(),
        "--csv",
        c.to_str().unwrap(),
        "--svg",
        s.to_str().unwrap(),
        "--anchors",
        a.to_str().unwrap(),
    ]);
    let (out, err) = text(&o);
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("torch GFLOP/s"), "{out}");
    let v = json(&j);
    let results = v["results"].as_array().unwrap();
    // f32 and bf16, dense and causal, forward and backward.
    assert_eq!(results.len(), 8);
    for r in results {
        assert!(r["gflops"].as_f64().unwrap() > 0.0, "{r}");
        assert!(r["median_ms"].as_f64().unwrap() > 0.0, "{r}");
        assert_eq!(r["seq_q"], 96);
        assert_eq!(r["heads_q"], 2);
    }
    let anchored: Vec<_> = results
        .iter()
        .filter(|r| !r["anchors"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(anchored.len(), 1);
    assert!(anchored[0]["anchors"][0]["ratio"].as_f64().unwrap() > 0.0);
    let csv = std::fs::read_to_string(&c).unwrap();
    assert_eq!(csv.lines().count(), 9);
    assert!(csv.starts_with("case,batch,"));
    let svg = std::fs::read_to_string(&s).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
}

#[test]
fn demo_runs_small_and_matches_the_reference() {
    for causal in [false, true] {
        let path = tmp(&format!("demo-{causal}.json"));
        let mut args = vec![
            "demo",
            "--backend",
            "cpu",
            "--heads",
            "2",
            "--seq",
            "300",
            "--dim",
            "64",
            "--reps",
            "1",
            "--warmup",
            "0",
            "--rows",
            "9",
            "--json",
        ];
        args.push(path.to_str().unwrap());
        if causal {
            args.push("--causal");
        }
        let o = umfa(&args);
        let (out, err) = text(&o);
        assert!(o.status.success(), "{out}\n{err}");
        assert!(out.contains("PASS"));
        let j = json(&path);
        assert_eq!(j["passed"], true);
        assert!(j["cosine"].as_f64().unwrap() > 0.999);
    }
}

#[test]
fn bad_arguments_are_explained() {
    let cases: &[(&[&str], &str)] = &[
        (&["check", "--backend", "tpu"], "unknown backend"),
        (
            &["bench", "--backend", "cpu", "--cases", "C9"],
            "unknown case",
        ),
        (&["bench", "--dtype", "f64"], "unknown dtype"),
        (&["bench", "--reps", "many"], "invalid value"),
        (&["bench", "--causal", "maybe"], "invalid value"),
        (&["frobnicate"], "unrecognized subcommand"),
        (
            &[
                "bench",
                "--backend",
                "cpu",
                "--cases",
                "C3",
                "--causal",
                "off",
            ],
            "nothing to run",
        ),
        (&["demo", "--backend", "cpu", "--seq", "0"], "at least 1"),
    ];
    for (args, want) in cases {
        let o = umfa(args);
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err:?} lacks {want:?}");
    }
    let o = umfa(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("Usage"));
}
