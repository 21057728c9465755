//! Reading and checking a large plan: the issue's "a 2,000-line plan read and validated in under
//! 5 ms native". The plan is generated here (no files): a pretty-printed plan with its Selections,
//! many rules with schedules in time zones, windows, lifecycles, copy actions, tags, index
//! actions, and selections by tags, conditions and resources. It is checked whole
//! (`plan::check`) and only read (`document::parse_json`), to show where the time goes.
//! Throughput is in bytes of plan text: `cargo bench -p vaultsim-core --bench plan`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};
use vaultsim_core::document::parse_json;
use vaultsim_core::plan::{CheckOptions, PlanForm, check};

/// Rules and selections in the plan, chosen so that it prints as about 2,000 lines.
const RULES: usize = 40;
const SELECTIONS: usize = 20;

const SCHEDULES: &[&str] = &[
    "cron(0 2 * * ? *)",
    "cron(0 3 ? * SUN *)",
    "cron(0 5 L * ? *)",
    "cron(15 10 ? * 6L *)",
    "cron(0 10 ? * MON#2 *)",
    "cron(0 18 ? * MON-FRI *)",
    "cron(0 0/12 * * ? *)",
    "cron(30 1 1,15 * ? *)",
    "cron(0 4 ? JAN,APR,JUL,OCT MON#1 *)",
    "cron(45 23 ? * SAT 2024-2099)",
];

const ZONES: &[&str] = &[
    "Etc/UTC",
    "Europe/London",
    "America/New_York",
    "Asia/Tokyo",
    "Australia/Sydney",
    "America/Sao_Paulo",
    "Europe/Berlin",
    "Asia/Kolkata",
];

const REGIONS: &[&str] = &["eu-west-1", "us-west-2", "ap-southeast-2", "eu-central-1"];

fn rule(i: usize) -> Value {
    let continuous = i % 7 == 3;
    let start = 60 + 60 * (i % 4) as i64;
    let mut rule = json!({
        "RuleName": format!("rule-{i:03}-{}", if continuous { "continuous" } else { "snapshot" }),
        "TargetBackupVaultName": format!("prod-vault-{}", i % 5),
        "ScheduleExpression": SCHEDULES[i % SCHEDULES.len()],
        "ScheduleExpressionTimezone": ZONES[i % ZONES.len()],
        "StartWindowMinutes": start,
        "CompletionWindowMinutes": start + 1440 + 60 * (i % 6) as i64,
    });
    let source_days = if continuous {
        rule["EnableContinuousBackup"] = json!(true);
        rule["ScheduleExpression"] = json!("cron(0 * * * ? *)");
        rule["Lifecycle"] = json!({ "DeleteAfterDays": 35 });
        35
    } else {
        let cold = 30 + 10 * (i % 5) as i64;
        let delete = cold + 90 + 365 * (i % 3) as i64;
        rule["Lifecycle"] = json!({
            "MoveToColdStorageAfterDays": cold,
            "DeleteAfterDays": delete,
        });
        delete
    };
    rule["RecoveryPointTags"] = json!({
        "team": format!("team-{}", i % 6),
        "cost-center": format!("cc-{:04}", 1000 + i),
        "compliance": if i.is_multiple_of(2) { "pci" } else { "sox" },
    });
    let copies: Vec<Value> = (0..1 + i % 2)
        .map(|c| {
            json!({
                "DestinationBackupVaultArn": format!(
                    "arn:aws:backup:{}:{}:backup-vault:dr-vault-{c}",
                    REGIONS[(i + c) % REGIONS.len()],
                    111_122_223_333u64 + c as u64
                ),
                "Lifecycle": {
                    "DeleteAfterDays": source_days + 30 * c as i64,
                },
            })
        })
        .collect();
    rule["CopyActions"] = Value::Array(copies);
    if i.is_multiple_of(5) {
        rule["IndexActions"] =
            json!([{ "ResourceTypes": [if i.is_multiple_of(2) { "EBS" } else { "S3" }] }]);
    }
    rule
}

fn selection(i: usize) -> Value {
    let resources: Vec<String> = (0..6)
        .map(|r| match r % 3 {
            0 => format!("arn:aws:ec2:us-east-1:123456789012:volume/vol-{i:04}{r:04}"),
            1 => format!("arn:aws:rds:us-east-1:123456789012:db:orders-{i}-{r}"),
            _ => format!("arn:aws:dynamodb:us-east-1:123456789012:table/events-{i}-{r}"),
        })
        .collect();
    json!({
        "SelectionName": format!("selection-{i:02}"),
        "IamRoleArn": "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole",
        "Resources": resources,
        "NotResources": [format!("arn:aws:ec2:us-east-1:123456789012:volume/vol-scratch-{i}")],
        "ListOfTags": [
            { "ConditionType": "STRINGEQUALS", "ConditionKey": "Backup", "ConditionValue": "true" },
            { "ConditionType": "STRINGEQUALS", "ConditionKey": "Tier", "ConditionValue": format!("tier-{}", i % 3) },
        ],
        "Conditions": {
            "StringEquals": [
                { "ConditionKey": "aws:ResourceTag/Environment", "ConditionValue": "production" },
            ],
            "StringNotLike": [
                { "ConditionKey": "aws:ResourceTag/Name", "ConditionValue": "tmp-*" },
            ],
        },
    })
}

/// The plan, pretty-printed (two-space indents, one member a line) as people keep them.
fn plan_text() -> String {
    let plan = json!({
        "BackupPlanName": "prod-estate-backup-plan",
        "Rules": (0..RULES).map(rule).collect::<Vec<_>>(),
        "AdvancedBackupSettings": [
            { "ResourceType": "EC2", "BackupOptions": { "WindowsVSS": "enabled" } },
        ],
        "Selections": (0..SELECTIONS).map(selection).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&plan).unwrap()
}

/// The same plan as first pasted from a guide: placeholder accounts and Regions in its ARNs, start
/// windows under AWS's minimum, quoted numbers. Hundreds of findings, all placed in the text.
fn faulty_plan_text() -> String {
    plan_text()
        .replace("111122223", "DR_ACCOUN")
        .replace(":123456789012:", ":ACCOUNT:")
        .replace(":eu-west-1:", ":REGION:")
        .replace("\"StartWindowMinutes\": 60,", "\"StartWindowMinutes\": 30,")
        .replace("\"DeleteAfterDays\": 35", "\"DeleteAfterDays\": \"35\"")
}

fn options() -> CheckOptions {
    CheckOptions {
        now: "2024-01-15T00:00:00Z".parse().unwrap(),
    }
}

fn plan(c: &mut Criterion) {
    let text = plan_text();
    let lines = text.lines().count();
    assert!(
        (1_950..=2_050).contains(&lines),
        "the plan has {lines} lines"
    );
    // A realistic plan: read in its form, no errors (warnings and notes are fine).
    let checked = check(&text, &options());
    assert_eq!(checked.form, Some(PlanForm::PlanWithSelections));
    assert!(
        !checked.has_errors(),
        "{:#?}",
        checked
            .findings
            .iter()
            .filter(|f| f.diagnostic.is_error())
            .collect::<Vec<_>>()
    );
    let mut codes = std::collections::BTreeMap::<&str, usize>::new();
    for f in &checked.findings {
        *codes.entry(f.diagnostic.code).or_default() += 1;
    }
    eprintln!(
        "plan: {lines} lines, {} bytes; findings: {codes:?}",
        text.len()
    );

    let mut group = c.benchmark_group("plan_2000_lines");
    group.throughput(Throughput::Bytes(text.len() as u64));
    // 100 samples of a millisecond-long check need more than criterion's default 5 s.
    group.measurement_time(Duration::from_secs(15));
    let options = options();
    group.bench_function("check", |b| {
        b.iter(|| black_box(check(black_box(&text), &options)))
    });
    group.bench_function("parse_json", |b| {
        b.iter(|| black_box(parse_json(black_box(&text))))
    });
    let faulty = faulty_plan_text();
    eprintln!(
        "faulty plan: {} findings",
        check(&faulty, &options).findings.len()
    );
    group.bench_function("check_faulty", |b| {
        b.iter(|| black_box(check(black_box(&faulty), &options)))
    });
    group.finish();
}

criterion_group!(benches, plan);
criterion_main!(benches);
