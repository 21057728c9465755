//! `vaultsim simulate`: the output other tools depend on, and the exit codes.

mod common;

use common::{stderr, stdout, vaultsim};

#[test]
fn the_three_tier_summary_shows_the_guides_nights() {
    let o = vaultsim(&["simulate", "--builtin", "three-tier-web-app", "--for", "2d"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "scenario three-tier-web-app: 2024-01-15T00:00:00Z to 2024-01-17T00:00:00Z, seed 1\n"
        ),
        "{out}"
    );
    assert!(out.contains("backup jobs: 6 (COMPLETED 6)\n"), "{out}");
    assert!(out.contains("copy jobs: 6 (COMPLETED 6)\n"), "{out}");
    assert!(
        out.contains("  prod-primary-vault (111122223333, us-east-1): 6 (WARM 6)\n"),
        "{out}"
    );
    assert!(
        out.contains("  dr-vault (444455556666, eu-west-1): 6 (WARM 6)\n"),
        "{out}"
    );
    // The guide's incident: the RDS database restored from the night's DR copy at 09:05.
    assert!(out.contains("restore jobs: 1 (COMPLETED 1)\n"), "{out}");
    assert!(
        out.contains(
            "recovery of app-db (RDS MySQL): corrupted at 2024-01-16T09:00:00Z; newest clean \
             data 2024-01-16T02:00:00Z: RPO 7h, "
        ),
        "{out}"
    );
    assert!(
        out.contains("-> arn:aws:rds:eu-west-1:444455556666:db:app-db-restored-20240116\n"),
        "{out}"
    );
    let last = out.lines().last().unwrap();
    let fields: Vec<&str> = last.split(' ').collect();
    assert_eq!(fields.len(), 3, "{last}");
    assert!(
        fields[0].starts_with("events=")
            && fields[1] == "jobs=13"
            && fields[2].starts_with("wall_ms="),
        "{last}"
    );
}

#[test]
fn ndjson_is_one_eventbridge_event_a_line_in_time_order() {
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "three-tier-web-app",
        "--until",
        "2024-01-15T12:00:00Z",
        "--format",
        "ndjson",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let events: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let at_two: Vec<_> = events
        .iter()
        .filter(|e| {
            e["detail-type"] == "Backup Job State Change" && e["detail"]["state"] == "CREATED"
        })
        .map(|e| e["time"].as_str().unwrap())
        .collect();
    assert_eq!(at_two, ["2024-01-15T02:00:00Z"; 3]);
    for e in &events {
        assert_eq!(e["source"], "aws.backup");
        assert_eq!(e["version"], "0");
    }
    let times: Vec<&str> = events.iter().map(|e| e["time"].as_str().unwrap()).collect();
    assert!(times.is_sorted());
}

#[test]
fn a_bad_scenario_prints_its_diagnostics_and_exits_1() {
    let dir = std::env::temp_dir().join(format!("vaultsim-scenario-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.json");
    std::fs::write(&file, r#"{"StartTime": "soon", "Accounts": []}"#).unwrap();
    let o = vaultsim(&["simulate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("scenario-start-time"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(vaultsim(&["simulate"]).status.code(), Some(2));
    assert_eq!(
        vaultsim(&["simulate", "--builtin", "nope"]).status.code(),
        Some(2)
    );
    assert_eq!(
        vaultsim(&["simulate", "--builtin", "three-tier-web-app", "--for", "2x"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        vaultsim(&["simulate", "/nonexistent.json"]).status.code(),
        Some(2)
    );
}

#[test]
fn the_cross_account_denied_summary_shows_every_copy_failed_and_access_denied_in_the_audit_trail() {
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "cross-account-denied",
        "--for",
        "2d",
        "--format",
        "summary",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("backup jobs: 6 (COMPLETED 6)\n"), "{out}");
    assert!(out.contains("copy jobs: 6 (FAILED 6)\n"), "{out}");
    assert!(
        out.contains("  dr-vault (444455556666, eu-west-1): 0\n"),
        "{out}"
    );
    assert!(
        out.contains("audit trail: 6 entries (0 allowed, 6 denied)\n"),
        "{out}"
    );
    let denied: Vec<&str> = out
        .lines()
        .filter(|l| {
            l.contains(
                " CopyIntoBackupVault by arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole: \
                 denied AccessDeniedException: Access Denied trying to call AWS Backup service",
            )
        })
        .collect();
    assert_eq!(denied.len(), 6, "{out}");
    assert!(denied.iter().all(|l| l.starts_with("  2024-01-1")), "{out}");
}

#[test]
fn the_compliance_vault_lock_week_shows_failed_short_retention_jobs_and_refused_calls() {
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "compliance-vault-lock",
        "--for",
        "7d",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "scenario compliance-vault-lock: 2024-01-15T00:00:00Z to 2024-01-22T00:00:00Z, seed 7\n"
        ),
        "{out}"
    );
    // Three resources a night for seven nights: the 35-day rule completes, the 3-day rule fails.
    assert!(
        out.contains("backup jobs: 42 (COMPLETED 21, FAILED 21)\n"),
        "{out}"
    );
    assert!(
        out.contains("  compliance-vault (111122223333, us-east-1): 21 (WARM 21)\n"),
        "{out}"
    );
    assert!(
        out.contains("audit trail: 5 entries (2 allowed, 3 denied)\n"),
        "{out}"
    );
    for expected in [
        "  2024-01-15T09:00:00Z DeleteRecoveryPoint by arn:aws:iam::111122223333:role/Admin: denied InvalidRequestException: ",
        "  2024-01-15T09:30:00Z UpdateRecoveryPointLifecycle by arn:aws:iam::111122223333:role/Admin: denied InvalidRequestException: ",
        "  2024-01-16T09:00:00Z CreateLegalHold by arn:aws:iam::111122223333:role/LegalCounsel: allowed: ",
        "  2024-01-19T09:00:00Z DeleteBackupVaultLockConfiguration by arn:aws:iam::111122223333:role/Admin: denied InvalidRequestException: If the Vault Lock configuration is immutable",
        "  2024-01-20T09:00:00Z CancelLegalHold by arn:aws:iam::111122223333:role/LegalCounsel: allowed: ",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
}

#[test]
fn the_compliance_vault_lock_events_say_why_the_short_retention_jobs_failed() {
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "compliance-vault-lock",
        "--for",
        "1d",
        "--format",
        "ndjson",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let failed: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|e| {
            e["detail-type"] == "Backup Job State Change" && e["detail"]["state"] == "FAILED"
        })
        .collect();
    assert_eq!(failed.len(), 3);
    for e in &failed {
        assert_eq!(
            e["detail"]["backupVaultArn"],
            "arn:aws:backup:us-east-1:111122223333:backup-vault:compliance-vault"
        );
        let message = e["detail"]["statusMessage"].as_str().unwrap();
        assert!(message.contains("vault lock"), "{message}");
    }
}

#[test]
fn an_unknown_builtin_lists_the_scenarios_built_in() {
    let o = vaultsim(&["simulate", "--builtin", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "built in: three-tier-web-app, compliance-vault-lock, cross-account-denied, restore-testing, fleet-10k"
        ),
        "{err}"
    );
}

#[test]
fn a_scenario_calling_an_operation_vaultsim_does_not_simulate_exits_1() {
    let dir = std::env::temp_dir().join(format!("vaultsim-operation-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("unknown-operation.json");
    std::fs::write(
        &file,
        r#"{"StartTime": "2024-01-15T00:00:00Z",
            "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}],
            "Operations": [{"At": "2024-01-15T01:00:00Z", "Operation": "StartBackup", "Input": {}}]}"#,
    )
    .unwrap();
    let o = vaultsim(&["simulate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("scenario-operation"), "{err}");
    assert!(err.contains("\"StartBackup\""), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn a_plan_the_engine_cannot_run_is_reported_at_its_line_and_column() {
    // A template whose rule names its vault with Ref: plan checking accepts it (CloudFormation
    // resolves it), but the engine cannot run a plan whose vault is not literal, and says so
    // where the plan is in the scenario, as the reader's own diagnostics do.
    let dir = std::env::temp_dir().join(format!("vaultsim-engine-plan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ref-plan.json");
    std::fs::write(
        &file,
        r#"{
  "StartTime": "2024-01-15T00:00:00Z",
  "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}],
  "Vaults": [{"Name": "vault", "Account": "111122223333", "Region": "us-east-1"}],
  "Plans": [{"Account": "111122223333", "Region": "us-east-1",
    "Document": {"Resources": {
      "Vault": {"Type": "AWS::Backup::BackupVault", "Properties": {"BackupVaultName": "vault"}},
      "Plan": {"Type": "AWS::Backup::BackupPlan", "Properties": {"BackupPlan": {
        "BackupPlanName": "daily",
        "BackupPlanRule": [{"RuleName": "daily", "TargetBackupVault": {"Ref": "Vault"},
                            "ScheduleExpression": "cron(0 2 * * ? *)"}]}}}}}}]
}"#,
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let o = vaultsim(&["simulate", path]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("error[scenario-plan]"), "{err}");
    // Line 6, column 17: the plan's Document, with the line shown under it.
    assert!(err.contains(&format!(" --> {path}:6:17\n")), "{err}");
    assert!(
        err.contains("6 |     \"Document\": {\"Resources\": {"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn a_pattern_keeps_only_the_events_eventbridge_would_match() {
    let pattern = r#"{"source": ["aws.backup"], "detail-type": ["Copy Job State Change"], "detail": {"state": ["FAILED"]}}"#;
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "cross-account-denied",
        "--for",
        "2d",
        "--format",
        "ndjson",
        "--pattern",
        pattern,
    ]);
    assert_eq!(o.status.code(), Some(0));
    let events: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), 6);
    assert!(
        events.iter().all(
            |e| e["detail"]["state"] == "FAILED" && e["detail-type"] == "Copy Job State Change"
        )
    );
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "cross-account-denied",
        "--for",
        "2d",
        "--pattern",
        pattern,
    ]);
    assert!(
        stdout(&o).starts_with("events matching the pattern: 6\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_malformed_pattern_is_shown_where_it_is_wrong_and_exits_1() {
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "three-tier-web-app",
        "--pattern",
        r#"{"detail": {"state": "FAILED"}}"#,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("error[event-pattern]"), "{err}");
    assert!(err.contains("--pattern:1:22"), "{err}");
    assert!(err.contains("wrap it in brackets"), "{err}");
}

#[test]
fn the_summary_says_why_jobs_did_not_complete_with_awss_text() {
    // The destination vault's access policy refuses the copies: AWS's text for it,
    // "Access Denied trying to call AWS Backup service".
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "cross-account-denied",
        "--for",
        "2d",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains(
            "why jobs did not complete:\n  6 copy FAILED: Access Denied trying to call AWS Backup service\n"
        ),
        "{out}"
    );
}

#[test]
fn an_incident_on_the_guides_database_gives_rpo_seven_hours_from_the_backup_beside_it() {
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "three-tier-web-app",
        "--for",
        "2d",
        "--incident",
        "app-db@2024-01-16T09:00:00Z",
        "--cutover",
        "5m",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains(
            "incident: app-db (RDS MySQL) at 2024-01-16T09:00:00Z, lost: its data, corrupted at \
             2024-01-16T09:00:00Z\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "  * 2024-01-16T02:00:00Z backup in prod-primary-vault (111122223333, us-east-1, \
             WARM): chosen\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("  RPO 7h (data lost from 2024-01-16T02:00:00Z to 2024-01-16T09:00:00Z)\n"),
        "{out}"
    );
    assert!(out.contains(" + cut-over 5m (--cutover)\n"), "{out}");
}

#[test]
fn a_lost_region_incident_chooses_the_dr_copy_in_eu_west_1() {
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "three-tier-web-app",
        "--for",
        "2d",
        "--incident",
        "arn:aws:rds:us-east-1:111122223333:db:app-db@2024-01-16T09:00:00Z",
        "--lose-region",
        "us-east-1",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("lost: the Region us-east-1\n"), "{out}");
    assert!(
        out.contains(
            "  * 2024-01-16T02:00:00Z copy in dr-vault (444455556666, eu-west-1, WARM): chosen\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "backup in prod-primary-vault (111122223333, us-east-1, WARM): cannot serve: its \
             vault is in the lost Region\n"
        ),
        "{out}"
    );
    assert!(out.contains("  RPO 7h "), "{out}");
}

#[test]
fn an_incident_naming_no_resource_or_a_time_outside_the_run_is_refused_with_what_to_write() {
    let unknown = vaultsim(&[
        "simulate",
        "--builtin",
        "three-tier-web-app",
        "--incident",
        "nope@2024-01-15T09:00:00Z",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        err.contains("its resources: web-server, app-db, shared-files"),
        "{err}"
    );
    let late = vaultsim(&[
        "simulate",
        "--builtin",
        "three-tier-web-app",
        "--incident",
        "app-db@2025-01-16T09:00:00Z",
    ]);
    assert_eq!(late.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&late.stderr).contains("is outside the run"),
        "{}",
        String::from_utf8_lossy(&late.stderr)
    );
    let no_time = vaultsim(&[
        "simulate",
        "--builtin",
        "three-tier-web-app",
        "--incident",
        "app-db",
    ]);
    assert_eq!(no_time.status.code(), Some(2));
    let no_incident = vaultsim(&[
        "simulate",
        "--builtin",
        "three-tier-web-app",
        "--lose-region",
        "us-east-1",
    ]);
    assert_eq!(no_incident.status.code(), Some(2));
}

#[test]
fn rpo_through_the_run_is_printed_per_resource_in_place_and_with_its_region_lost() {
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "three-tier-web-app",
        "--for",
        "30d",
        "--rpo",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let section = &out[out.find("RPO through the run").expect(&out)..];
    assert_eq!(section.lines().count(), 7, "{section}");
    assert!(
        section.contains("\n  web-server (in place): worst 1d "),
        "{section}"
    );
    assert!(
        section.contains("\n  web-server (us-east-1 lost): worst 1d "),
        "{section}"
    );
    // The guide's corruption of the database on 16 January: every later point carries it.
    assert!(
        section
            .contains("\n  app-db (RDS MySQL) (in place): worst 28d 22h (at 2024-02-14T00:00:00Z)"),
        "{section}"
    );
}

#[test]
fn cost_prints_each_month_prices_what_it_can_and_asks_for_the_prices_no_source_gives() {
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "three-tier-web-app",
        "--for",
        "40d",
        "--cost",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let section = &out[out.find("cost (USD; prices: built-in").expect(&out)..];
    assert!(section.contains("\n  2024-01: "), "{section}");
    assert!(section.contains("\n  2024-02: "), "{section}");
    assert!(
        section.contains("us-east-1 prod-primary-vault EFS warm storage: ")
            && section.contains(" GB-month x 0.05 = "),
        "{section}"
    );
    assert!(
        section.contains("us-east-1 to eu-west-1 paid by 111122223333 EFS cross-Region transfer: "),
        "{section}"
    );
    assert!(
        section.contains("\n  us-east-1 RDS warm storage per GB-month\n"),
        "{section}"
    );
    assert!(
        section.contains("price source, us-east-1: cloudburn https://cloudburn.io/blog/aws-backup-pricing (2026-02-07, third-party)"),
        "{section}"
    );
}

#[test]
fn a_price_set_on_the_command_line_prices_its_lines() {
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "three-tier-web-app",
        "--for",
        "10d",
        "--cost",
        "--price",
        "storage/us-east-1/RDS/warm=0.095",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("us-east-1 prod-primary-vault RDS warm storage: ")
            && out.contains(" x 0.095 = "),
        "{out}"
    );
    assert!(
        !out.contains("\n  us-east-1 RDS warm storage per GB-month\n"),
        "{out}"
    );
    let bad = vaultsim(&[
        "simulate",
        "--builtin",
        "three-tier-web-app",
        "--cost",
        "--price",
        "storage/us-east-1/RDS=1",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("write storage/REGION/TYPE/warm=PRICE"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
}

#[test]
fn audit_prints_the_last_days_result_per_control_and_one_line_a_day_and_exits_0() {
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "compliance-vault-lock",
        "--for",
        "2d",
        "--audit",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let audit = &out[out.find("\naudit (").expect("an audit section") + 1..];
    assert!(
        audit.starts_with(
            "audit (framework vaultsim_all_controls, built-in; evaluated every 24 hours, last at 2024-01-17T00:00:00Z):\n"
        ),
        "{audit}"
    );
    for line in [
        "  BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN: COMPLIANT 3 / NON_COMPLIANT 1\n",
        "    build-runner: not in any backup plan's selection\n",
        "  BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK: COMPLIANT 1 / NON_COMPLIANT 0\n",
        "  BACKUP_RECOVERY_POINT_ENCRYPTED: COMPLIANT 6 / NON_COMPLIANT 0\n",
        "  RESTORE_TIME_FOR_RESOURCES_MEET_TARGET: not evaluated: maxRestoreTime has no default",
        "    build-runner: no recovery point in the last 1 day (none at all)\n",
        "audit model assumptions (where AWS's documents leave the behaviour open):\n  every control is evaluated 24 hours after the run's start",
        "audit by day:\n  2024-01-16: COMPLIANT ",
        "\n  2024-01-17: COMPLIANT ",
    ] {
        assert!(audit.contains(line), "{line:?} in\n{audit}");
    }
}

#[test]
fn audit_reads_a_framework_file_and_a_malformed_one_exits_1_an_unreadable_one_2() {
    let dir = std::env::temp_dir().join(format!("vaultsim-framework-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("framework.json");
    std::fs::write(
        &good,
        r#"{"FrameworkName": "prod_framework", "FrameworkControls": [
            {"ControlName": "BACKUP_LAST_RECOVERY_POINT_CREATED",
             "ControlInputParameters": [{"ParameterName": "recoveryPointAgeUnit", "ParameterValue": "hours"},
                                        {"ParameterName": "recoveryPointAgeValue", "ParameterValue": "1"}],
             "ControlScope": {"ComplianceResourceTypes": ["RDS"]}}]}"#,
    )
    .unwrap();
    let simulate = |framework: &std::path::Path| {
        vaultsim(&[
            "simulate",
            "--builtin",
            "three-tier-web-app",
            "--for",
            "1d",
            "--audit",
            "--framework",
            framework.to_str().unwrap(),
        ])
    };
    let o = simulate(&good);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(
            "  BACKUP_LAST_RECOVERY_POINT_CREATED: COMPLIANT 0 / NON_COMPLIANT 1\n    app-db: no recovery point in the last 1 hour (newest 2024-01-15T02:00:00Z)\n"
        ),
        "{out}"
    );
    assert!(!out.contains("BACKUP_RECOVERY_POINT_ENCRYPTED"), "{out}");
    // Its scope is matched as vaultsim assumes, and the output says so.
    assert!(
        out.contains("\n  ControlScope: ComplianceResourceTypes takes AWS Backup's type names"),
        "{out}"
    );
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"FrameworkName": "f", "FrameworkControls": [{"ControlName": "BACKUP_RECOVERY_POINT_ENCRYPTD"}]}"#,
    )
    .unwrap();
    let o = simulate(&bad);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {}: FrameworkControls[0].ControlName: unknown control \"BACKUP_RECOVERY_POINT_ENCRYPTD\"; did you mean BACKUP_RECOVERY_POINT_ENCRYPTED?\n",
            bad.display()
        )
    );
    assert!(stdout(&o).is_empty());
    let o = simulate(&dir.join("missing.json"));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: cannot read "),
        "{}",
        stderr(&o)
    );
    // --framework needs --audit.
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "three-tier-web-app",
        "--framework",
        good.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn restore_tests_print_each_step_and_a_removed_tag_makes_the_clean_up_fail() {
    let o = vaultsim(&["simulate", "--builtin", "restore-testing", "--for", "1d"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let tests = &out[out
        .find("restore tests:\n")
        .expect("a restore tests section")..];
    for line in [
        "  daily_restore_test/app_database: app-db (RDS MySQL) (job ",
        "  daily_restore_test/shared_files: shared-files (EFS) (job ",
        " restore started\n",
        " restore COMPLETED\n",
        " validation SUCCESSFUL: The checks against the restored resource passed.\n",
        " deletion SUCCESSFUL\n",
    ] {
        assert!(tests.contains(line), "{line:?} in\n{tests}");
    }
    let example = format!(
        "{}/../../examples/restore-testing-tag-removed.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = vaultsim(&["simulate", &example, "--for", "1d"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.matches(" deletion FAILED: ").count(), 2, "{out}");
    assert!(!out.contains(" deletion SUCCESSFUL"), "{out}");
}
