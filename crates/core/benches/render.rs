//! Rendering diagnostics as text (what `vaultsim validate` prints) for a plan written on one
//! line, as `terraform show -json` and `jq -c` write them: 10,000 rules in 5 MB, each with a
//! start window too short. The issue's "a one-line plan of 5 MB with 10,000 findings prints them
//! as text in under a second": checking it, and rendering every finding against it, which costs
//! time linear in the findings since each shows a window of the line around its caret.
//!
//! `cargo bench -p vaultsim-core --bench render`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use vaultsim_core::document::LineIndex;
use vaultsim_core::plan::{CheckOptions, check};

const RULES: usize = 10_000;

/// The plan on one line: each rule about 500 bytes, its start window of 30 minutes too short.
fn one_line_plan() -> String {
    let rules: Vec<String> = (0..RULES)
        .map(|i| {
            format!(
                r#"{{"RuleName":"rule-{i:05}","TargetBackupVaultName":"vault","ScheduleExpression":"cron(0 2 * * ? *)","StartWindowMinutes":30,"CompletionWindowMinutes":10080,"Lifecycle":{{"MoveToColdStorageAfterDays":30,"DeleteAfterDays":365}},"RecoveryPointTags":{{"team":"t{}"}}}}"#,
                "x".repeat(250)
            )
        })
        .collect();
    format!(
        r#"{{"BackupPlanName":"one-line","Rules":[{}]}}"#,
        rules.join(",")
    )
}

/// Every finding rendered as the CLI prints them, into one text.
fn render_all(text: &str, checked: &vaultsim_core::plan::Checked) -> String {
    let lines = LineIndex::new(text);
    let mut out = String::new();
    for f in &checked.findings {
        out.push_str(&f.diagnostic.render_in("plan.json", &lines));
        out.push('\n');
    }
    out
}

fn render(c: &mut Criterion) {
    let text = one_line_plan();
    assert!(!text.contains('\n') && text.len() > 5_000_000);
    let options = CheckOptions {
        now: "2024-01-15T00:00:00Z".parse().unwrap(),
    };
    let checked = check(&text, &options);
    assert_eq!(checked.findings.len(), RULES);
    let rendered = render_all(&text, &checked);
    eprintln!(
        "one-line plan: {} bytes, {} findings, rendered as {} bytes of text",
        text.len(),
        checked.findings.len(),
        rendered.len()
    );

    let mut group = c.benchmark_group("one_line_plan_5mb");
    // Each iteration takes from tens to hundreds of milliseconds.
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(RULES as u64));
    group.bench_function("check", |b| {
        b.iter(|| black_box(check(black_box(&text), &options)))
    });
    group.bench_function("render_text", |b| {
        b.iter(|| black_box(render_all(black_box(&text), &checked)))
    });
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
