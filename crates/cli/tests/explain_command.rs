//! `vaultsim explain`: every registered code is explained, an unknown one is a usage error with
//! the nearest code, and `--list` lists them all.

mod common;

use common::{text, vaultsim};

use vaultsim_core::codes::REGISTRY;

#[test]
fn every_registered_code_is_explained_with_its_example() {
    for entry in REGISTRY {
        let code = entry.code.as_str();
        let o = vaultsim(&["explain", code]);
        assert_eq!(o.status.code(), Some(0), "{code}: {}", text(&o.stderr));
        let out = text(&o.stdout);
        assert!(out.starts_with(&format!("# {code}\n")), "{out}");
        assert!(out.contains(entry.summary), "{code}: {out}");
        assert!(
            out.contains(&format!("Evidence: {}", entry.evidence)),
            "{out}"
        );
        assert!(out.contains("## Example"), "{out}");
        if let Some(first) = entry.example.lines().find(|l| !l.is_empty()) {
            assert!(out.contains(&format!("    {first}")), "{code}: {out}");
        }
    }
}

#[test]
fn the_example_is_shown_with_what_vaultsim_says_of_it() {
    let o = vaultsim(&["explain", "start-window-too-short"]);
    let out = text(&o.stdout);
    assert!(out.contains("Severity: error\n"), "{out}");
    assert!(out.contains("validation-rules.json RULE-7"), "{out}");
    assert!(
        out.contains("vaultsim says:\n\n    error[start-window-too-short]: "),
        "{out}"
    );
}

#[test]
fn an_unknown_code_is_a_usage_error_with_the_nearest_code() {
    let o = vaultsim(&["explain", "start-window-to-short"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = text(&o.stderr);
    assert!(
        err.contains("\"start-window-to-short\" is not a vaultsim diagnostic code"),
        "{err}"
    );
    assert!(
        err.contains("did you mean start-window-too-short?"),
        "{err}"
    );

    let o = vaultsim(&["explain", "nothing-like-any-code-at-all"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("vaultsim explain --list"));
}

#[test]
fn list_prints_every_code_with_its_severity_and_summary() {
    let o = vaultsim(&["explain", "--list"]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    assert_eq!(out.lines().count(), REGISTRY.len());
    for (line, entry) in out.lines().zip(REGISTRY) {
        assert!(line.starts_with(entry.code.as_str()), "{line}");
        assert!(line.ends_with(entry.summary), "{line}");
    }
}

#[test]
fn list_as_json_gives_every_entry_with_its_fields() {
    let o = vaultsim(&["explain", "--list", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let all: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), REGISTRY.len());
    for (json, entry) in all.iter().zip(REGISTRY) {
        assert_eq!(json["code"], entry.code.as_str());
        assert_eq!(json["summary"], entry.summary);
        assert_eq!(json["evidence"], entry.evidence);
        assert_eq!(json["example"], entry.example);
        assert_eq!(json["checker"], entry.checker.describe());
        let severities: Vec<&str> = entry.severities.iter().map(|s| s.as_str()).collect();
        assert_eq!(json["severities"], serde_json::json!(severities));
    }
}

#[test]
fn one_code_as_json_is_its_entry() {
    let o = vaultsim(&["explain", "start-window-too-short", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["code"], "start-window-too-short");
    assert_eq!(json["severities"], serde_json::json!(["error"]));
    assert_eq!(json["summary"], "StartWindowMinutes under 60.");
}

#[test]
fn a_code_or_list_is_required() {
    let o = vaultsim(&["explain"]);
    assert_eq!(o.status.code(), Some(2));
}
