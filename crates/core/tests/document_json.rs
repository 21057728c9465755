//! Reading the guide's example plan: as printed, its comments are syntax errors at their lines;
//! without them, it is clean JSON.

use vaultsim_core::document::{line_column, parse_json};

/// The guide's plan without its comments: the page's first template, kept with its examples.
const GUIDE_PLAN: &str = include_str!("../../../www/examples/guide-plan.json");

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/data/plans/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_guides_plan_as_printed_reports_each_comment_at_its_line() {
    let text = fixture("guide-plan-as-printed.json");
    let parsed = parse_json(&text);
    let lines: Vec<usize> = parsed
        .diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d.code, "json-comment");
            line_column(&text, d.span.start).0
        })
        .collect();
    let expected: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("//"))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(lines, expected);
    assert_eq!(lines.len(), 6);
    // The rest of the document is still read.
    let root = parsed.root.expect("the document is still read");
    assert_eq!(
        root.pointer("/Rules/1/ScheduleExpression")
            .and_then(|n| n.as_str()),
        Some("cron(0 3 ? * SUN *)")
    );
}

#[test]
fn the_guides_plan_without_comments_is_clean_json() {
    let parsed = parse_json(GUIDE_PLAN);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let root = parsed.root.unwrap();
    assert_eq!(
        root.get("BackupPlanName").and_then(|n| n.as_str()),
        Some("prod-daily-backup-plan")
    );
    assert_eq!(root.get("Rules").unwrap().items().len(), 2);
}
