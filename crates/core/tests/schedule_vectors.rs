//! Every vector in the project's reference material (vendored in data/reference/cron): next-run
//! times and valid and invalid expressions, each traced to its source there.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;
use vaultsim_core::schedule::{CronExpression, Schedule, Timezone};

#[derive(Deserialize)]
struct NextRuns {
    expr: String,
    from: String,
    n: usize,
    next: Vec<String>,
}

#[derive(Deserialize)]
struct Validation {
    valid: Vec<Example>,
    invalid: Vec<Example>,
}

#[derive(Deserialize)]
struct Example {
    expr: String,
    #[serde(default)]
    reason: String,
}

fn read<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = format!("{}/data/reference/cron/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_reference_next_run_vector_passes() {
    let vectors: Vec<NextRuns> = read("examples.json");
    assert!(vectors.len() >= 12);
    for v in vectors {
        let cron = CronExpression::parse(&v.expr).unwrap_or_else(|e| panic!("{}: {e:?}", v.expr));
        let from: DateTime<Utc> = v.from.parse().unwrap();
        let got: Vec<String> = Schedule::new(cron, Timezone::UTC)
            .runs_after(from)
            .take(v.n)
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
            .collect();
        assert_eq!(got, v.next, "{} after {}", v.expr, v.from);
    }
}

#[test]
fn every_reference_valid_expression_parses() {
    let examples: Validation = read("validation-examples.json");
    for e in examples.valid {
        assert!(
            CronExpression::parse(&e.expr).is_ok(),
            "{} should be valid",
            e.expr
        );
    }
}

#[test]
fn every_reference_invalid_expression_is_rejected() {
    let examples: Validation = read("validation-examples.json");
    assert!(!examples.invalid.is_empty());
    for e in examples.invalid {
        let errors = CronExpression::parse(&e.expr)
            .err()
            .unwrap_or_else(|| panic!("{} should be invalid: {}", e.expr, e.reason));
        for d in errors {
            assert!(d.span.end <= e.expr.len(), "{}: span {:?}", e.expr, d.span);
            assert!(!d.help.is_empty(), "{}: {} has no help", e.expr, d.code);
        }
    }
}
