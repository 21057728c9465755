//! `vaultsim compare`: one scenario under two plans, side by side, failing a CI step when plan B
//! breaks a bound.

mod common;

use common::{stdout, vaultsim};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");

fn example(name: &str) -> String {
    format!("{EXAMPLES}/{name}")
}

fn compare(extra: &[&str]) -> std::process::Output {
    let (scenario, a, b) = (
        example("three-tier-no-incident.json"),
        example("guide-plan.json"),
        example("guide-plan-continuous.json"),
    );
    let mut args = vec![
        "compare", &scenario, "--plan", &a, "--plan", &b, "--for", "30d",
    ];
    args.extend_from_slice(extra);
    vaultsim(&args)
}

#[test]
fn continuous_backup_for_the_database_shows_as_its_worst_rpo_falling_from_a_day_to_five_minutes() {
    let o = compare(&[]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("  worst RPO app-db (RDS MySQL) (in place): A 1d 8m 4s; B 5m (B better)\n"),
        "{out}"
    );
    assert!(
        out.contains("  worst RPO web-server (in place): A 1d 7m 27s; B 1d 7m 27s\n"),
        "{out}"
    );
    assert!(
        out.contains("  backup jobs: A 102 (COMPLETED 102); B 102 (COMPLETED 102)\n"),
        "{out}"
    );
    assert!(out.contains("  restore jobs: A 0; B 0\n"), "{out}");
    // The continuous backup is one recovery point, updated, where the nightly plan makes one a night.
    assert!(
        out.contains("  recovery points in prod-primary-vault: A 102; B 73\n"),
        "{out}"
    );
    assert!(
        out.contains("first difference at 2024-01-15T02:25:51Z:\n"),
        "{out}"
    );
}

#[test]
fn a_bound_plan_b_breaks_fails_with_exit_1_and_says_which() {
    let o = compare(&["--max-rpo", "1h"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains(
            "FAIL: web-server's worst RPO in place under B is 1d 7m 27s, over --max-rpo 1h\n"
        ),
        "{out}"
    );
    assert!(!out.contains("FAIL: app-db"), "{out}");
    // Swapped, B is the nightly plan: worse for the database than A.
    let (scenario, a, b) = (
        example("three-tier-no-incident.json"),
        example("guide-plan-continuous.json"),
        example("guide-plan.json"),
    );
    let worse = vaultsim(&[
        "compare",
        &scenario,
        "--plan",
        &a,
        "--plan",
        &b,
        "--for",
        "30d",
        "--no-worse-rpo",
    ]);
    assert_eq!(worse.status.code(), Some(1));
    assert!(
        stdout(&worse).contains(
            "FAIL: app-db (RDS MySQL)'s worst RPO in place under B is 1d 8m 4s, worse than A's 5m (--no-worse-rpo)\n"
        ),
        "{}",
        stdout(&worse)
    );
}

#[test]
fn a_plan_aws_would_refuse_is_shown_at_its_line_and_exits_1() {
    let dir = std::env::temp_dir().join(format!("vaultsim-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"BackupPlanName": "x", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-primary-vault",
  "ScheduleExpression": "cron(0 2 * * * *)"}]}"#,
    )
    .unwrap();
    let (scenario, a) = (
        example("three-tier-no-incident.json"),
        example("guide-plan.json"),
    );
    let o = vaultsim(&[
        "compare",
        &scenario,
        "--plan",
        &a,
        "--plan",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.json:2:"), "{err}");
    let one = vaultsim(&["compare", &scenario, "--plan", &a]);
    assert_eq!(one.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&one.stderr).contains("give two plans"));
}
