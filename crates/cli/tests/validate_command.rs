//! `vaultsim validate`: the output other tools depend on, and the exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The guide's plan without its comments: the page's first template, kept with its examples.
fn guide_plan() -> String {
    format!(
        "{}/../../www/examples/guide-plan.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn plan(name: &str) -> String {
    format!(
        "{}/../core/tests/data/plans/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn vaultsim(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vaultsim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vaultsim runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn the_guides_plan_without_comments_exits_0_with_its_warnings() {
    let o = vaultsim(&["validate", &guide_plan()], "");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let out = text(&o.stdout);
    assert!(out.contains("warning[arn-account-placeholder]"), "{out}");
    assert!(out.ends_with(
        "guide-plan.json: backup plan with Selections (the guide's form): 0 errors, 3 warnings, 2 notes\n"
    ), "{out}");
}

#[test]
fn the_guides_plan_as_printed_exits_1_with_each_comment_at_its_line() {
    let o = vaultsim(
        &[
            "validate",
            "--format",
            "json",
            &plan("guide-plan-as-printed.json"),
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let comment_lines: Vec<u64> = findings
        .iter()
        .filter(|f| f["code"] == "json-comment")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(comment_lines, [1, 8, 15, 27, 28, 32]);
}

#[test]
fn text_shows_the_source_line_with_a_caret_under_the_value() {
    let doc = "{\"BackupPlanName\": \"p\",\n \"Rules\": [{\"RuleName\": \"r\", \"TargetBackupVaultName\": \"vault\", \"StartWindowMinutes\": 30}]}";
    let o = vaultsim(&["validate", "-"], doc);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(
        out.starts_with(
            "error[start-window-too-short]: BackupPlan.Rules[0].StartWindowMinutes: 30 minutes"
        ),
        "{out}"
    );
    assert!(out.contains(" --> <stdin>:2:86\n"), "{out}");
    assert!(out.contains("2 |  \"Rules\""), "{out}");
    assert!(
        out.contains(&format!("  | {}^^\n", " ".repeat(85))),
        "{out}"
    );
}

#[test]
fn json_is_one_flat_array_of_objects_with_the_fixed_fields() {
    let o = vaultsim(
        &["validate", "--format", "json", &guide_plan(), "-"],
        r#"{"BackupPlanName": "p", "Rules": []]"#,
    );
    assert_eq!(o.status.code(), Some(1));
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let keys = [
        "file", "severity", "code", "pointer", "line", "column", "message", "help",
    ];
    for f in &findings {
        let object = f.as_object().unwrap();
        assert_eq!(
            object.keys().collect::<Vec<_>>(),
            keys.iter().collect::<Vec<_>>()
        );
    }
    assert!(
        findings
            .iter()
            .any(|f| f["file"] == "<stdin>" && f["severity"] == "error")
    );
    assert!(
        findings
            .iter()
            .any(|f| f["file"].as_str().unwrap().ends_with("guide-plan.json"))
    );
}

#[test]
fn effective_prints_the_plan_with_aws_defaults_and_the_findings_on_stderr() {
    let doc = r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "vault"}]}"#;
    let o = vaultsim(&["validate", "--effective", "-"], doc);
    assert_eq!(o.status.code(), Some(0));
    let plan: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rule = &plan["Rules"][0];
    assert_eq!(rule["ScheduleExpression"], "cron(0 5 ? * * *)");
    assert_eq!(rule["ScheduleExpressionTimezone"], "Etc/UTC");
    assert_eq!(rule["StartWindowMinutes"], 480);
    assert_eq!(rule["CompletionWindowMinutes"], 10080);
    assert!(text(&o.stderr).contains("0 errors"));
}

#[test]
fn an_unreadable_file_exits_2() {
    let o = vaultsim(&["validate", "/nonexistent/plan.json"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("cannot read /nonexistent/plan.json"));
}

#[test]
fn no_file_is_a_usage_error() {
    assert_eq!(vaultsim(&["validate"], "").status.code(), Some(2));
    assert_eq!(
        vaultsim(&["validate", "--format", "xml", "-"], "")
            .status
            .code(),
        Some(2)
    );
}
