//! `vaultsim validate`: the output other tools depend on, and the exit codes.

mod common;

use common::{text, vaultsim_with_input};

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

#[test]
fn the_guides_plan_without_comments_exits_0_with_its_warnings() {
    let o = vaultsim_with_input(&["validate", &guide_plan()], "");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let out = text(&o.stdout);
    assert!(out.contains("warning[arn-account-placeholder]"), "{out}");
    assert!(out.ends_with(
        "guide-plan.json: backup plan with Selections (the guide's form): 0 errors, 3 warnings, 2 notes\n"
    ), "{out}");
}

#[test]
fn the_guides_plan_as_printed_exits_1_with_each_comment_at_its_line() {
    let o = vaultsim_with_input(
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
    let o = vaultsim_with_input(&["validate", "-"], doc);
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
    let o = vaultsim_with_input(
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
    let o = vaultsim_with_input(&["validate", "--effective", "-"], doc);
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
    let o = vaultsim_with_input(&["validate", "/nonexistent/plan.json"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("cannot read /nonexistent/plan.json"));
}

#[test]
fn no_file_is_a_usage_error() {
    assert_eq!(
        vaultsim_with_input(&["validate"], "").status.code(),
        Some(2)
    );
    assert_eq!(
        vaultsim_with_input(&["validate", "--format", "xml", "-"], "")
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn text_output_of_a_document_on_one_line_grows_with_the_findings_not_the_line() {
    // What `terraform show -json` and `jq -c` write: the whole plan on one line, here 1,000
    // rules (about 400 KB) each with a start window too short. Printing the whole line for each
    // finding would print 400 MB; a window around each caret keeps every finding's text short.
    let rules: Vec<String> = (0..1000)
        .map(|i| {
            format!(
                r#"{{"RuleName": "rule-{i:04}", "TargetBackupVaultName": "vault", "StartWindowMinutes": 30, "RecoveryPointTags": {{"note": "{}"}}}}"#,
                "x".repeat(280)
            )
        })
        .collect();
    let doc = format!(
        r#"{{"BackupPlanName": "one-line", "Rules": [{}]}}"#,
        rules.join(", ")
    );
    assert!(doc.len() > 400_000 && !doc.contains('\n'));
    let o = vaultsim_with_input(&["validate", "-"], &doc);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    let findings = out.matches("error[start-window-too-short]").count();
    assert_eq!(findings, 1000, "{}", &out[..out.len().min(4000)]);
    assert!(
        out.len() < findings * 1024,
        "{} bytes for {findings} findings",
        out.len()
    );
    let lines: Vec<&str> = out.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let Some(source) = line.strip_prefix("1 | ") else {
            continue;
        };
        // At most rustc's 140 columns, and `…` on each side where the line goes on.
        assert!(source.chars().count() <= 142, "{source}");
        assert!(source.starts_with('…') && source.ends_with('…'), "{source}");
        let carets = lines[i + 1].strip_prefix("  | ").unwrap();
        let column = carets.find('^').unwrap();
        let marked: String = source.chars().skip(column).take(2).collect();
        assert_eq!(marked, "30", "{source}\n{carets}");
    }
}
