//! Anchor numbers (other implementations' throughput on the same cases) read from JSON lines, as
//! printed by `bench/torch_cpu.py` and `shared/bench/anchors.py`.

use crate::common::{CliError, CliResult};
use serde_json::Value;
use std::path::Path;

#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    pub case: String,
    /// Normalised dtype name (`f32`, `bf16`, `f16`).
    pub dtype: String,
    pub causal: bool,
    /// `fwd` or `bwd`.
    pub pass: String,
    pub implementation: String,
    /// GFLOP/s, or `None` when the anchor reported an error.
    pub gflops: Option<f64>,
    pub error: Option<String>,
    /// The shape measured, when given: `[B, H, S, D]` or `[B, Hq, Hkv, Sq, Sk, D]`.
    pub shape: Option<Vec<usize>>,
}

impl Anchor {
    /// Whether the anchor measured this shape (an anchor that does not say is taken as matching).
    pub fn same_shape(
        &self,
        b: usize,
        hq: usize,
        hkv: usize,
        sq: usize,
        sk: usize,
        d: usize,
    ) -> bool {
        match self.shape.as_deref() {
            None => true,
            Some(&[b_, h_, s_, d_]) => [b_, h_, s_, d_] == [b, hq, sq, d] && sq == sk && hq == hkv,
            Some(s) => s == [b, hq, hkv, sq, sk, d],
        }
    }
}

fn norm_dtype(s: &str) -> String {
    umfa::DType::parse(s)
        .map(|d| d.name().to_string())
        .unwrap_or_else(|| s.to_string())
}

/// Parses one JSON object. Accepts `pass` or `phase`, `gflops` or `tflops`, `impl` or
/// `implementation`; `causal` as a boolean or `on`/`off`.
pub fn parse_line(v: &Value) -> Result<Anchor, String> {
    let obj = v.as_object().ok_or("not a JSON object")?;
    let s = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
    let case = s("case").ok_or("no \"case\" field")?;
    let dtype = norm_dtype(&s("dtype").ok_or("no \"dtype\" field")?);
    let causal = match obj.get("causal") {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(x)) => matches!(x.as_str(), "on" | "true" | "yes" | "1"),
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        None | Some(Value::Null) => false,
        Some(other) => return Err(format!("\"causal\" is {other}")),
    };
    let pass = s("pass")
        .or_else(|| s("phase"))
        .unwrap_or_else(|| "fwd".into());
    let implementation = s("impl")
        .or_else(|| s("implementation"))
        .unwrap_or_else(|| "anchor".into());
    let num = |k: &str| obj.get(k).and_then(Value::as_f64);
    let gflops = num("gflops").or_else(|| num("tflops").map(|t| t * 1e3));
    let error = s("error");
    let shape = obj.get("shape").and_then(Value::as_array).map(|a| {
        a.iter()
            .map(|x| x.as_u64().unwrap_or(0) as usize)
            .collect::<Vec<_>>()
    });
    if gflops.is_none() && error.is_none() {
        return Err("neither \"gflops\", \"tflops\" nor \"error\"".into());
    }
    Ok(Anchor {
        case,
        dtype,
        causal,
        pass,
        implementation,
        gflops,
        error,
        shape,
    })
}

/// Reads a JSON-lines file. Lines that do not start with `{` (log output mixed in) are ignored;
/// a malformed object is an error naming its line.
pub fn read(path: &Path) -> CliResult<Vec<Anchor>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::new(format!("cannot read anchors {}: {e}", path.display())))?;
    parse(&text).map_err(|e| CliError::new(format!("{}: {e}", path.display())))
}

pub fn parse(text: &str) -> Result<Vec<Anchor>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if !line.starts_with('{') {
            continue;
        }
        let v: Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: bad JSON: {e}", n + 1))?;
        out.push(parse_line(&v).map_err(|e| format!("line {}: {e}", n + 1))?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_formats_parse() {
        let text = r#"
running torch...
{"case": "C1", "dtype": "f32", "causal": false, "pass": "fwd", "impl": "torch", "gflops": 65.0}
{"impl": "torch-cudnn", "case": "G1", "causal": true, "phase": "bwd", "dtype": "bf16", "tflops": 455.0}
{"impl": "torch-flex", "case": "G6", "causal": true, "phase": "fwd", "dtype": "fp16", "error": "no"}
"#;
        let a = parse(text).unwrap();
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].gflops, Some(65.0));
        assert_eq!(a[1].gflops, Some(455_000.0));
        assert_eq!(a[1].pass, "bwd");
        assert_eq!(a[2].dtype, "f16");
        assert!(a[2].error.is_some());
        assert!(parse("{\"case\": \"C1\"}").unwrap_err().contains("line 1"));
        let a = parse(r#"{"case": "G5", "dtype": "bf16", "shape": [1, 32, 8, 8192, 8192, 128], "gflops": 1.0}"#).unwrap();
        assert!(a[0].same_shape(1, 32, 8, 8192, 8192, 128));
        assert!(!a[0].same_shape(1, 32, 8, 1024, 1024, 128));
        let a =
            parse(r#"{"case": "C1", "dtype": "f32", "shape": [1, 8, 1024, 64], "gflops": 1.0}"#)
                .unwrap();
        assert!(a[0].same_shape(1, 8, 8, 1024, 1024, 64));
        assert!(!a[0].same_shape(1, 8, 8, 128, 128, 64));
    }
}
