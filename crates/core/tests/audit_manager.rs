//! Backup Audit Manager's controls against the simulated world: for each of the eleven a
//! scenario where it passes and one where it fails, with the reason (or, for the two vaultsim
//! cannot evaluate, what it does not model); frameworks read in the CreateFramework shape, and
//! mistakes in them found where they are; the evaluation once every simulated day.
//!
//! Evidence: data/reference/audit-controls.json and data/reference/docs/audit-manager.md.

mod common;

use common::{run, t, three_tier_with};
use serde_json::{Value, json};
use vaultsim_core::audit_manager::{
    Compliance, Control, ControlInput, ControlResult, DailyEvaluation, Finding, Framework,
};
use vaultsim_core::engine::Simulation;
use vaultsim_core::scenario::Scenario;

/// The guide's three-tier example without its incident (its corruption and restore).
fn three_tier(change: impl FnOnce(&mut Value)) -> Scenario {
    three_tier_with(|s| {
        s["Faults"] = json!([]);
        s["Operations"] = json!([]);
        change(s);
    })
}

fn compliance_vault_lock() -> Scenario {
    Scenario::builtin("compliance-vault-lock").unwrap()
}

/// `control` with `parameters` evaluated against the simulation as it is.
fn evaluate(
    simulation: &Simulation,
    control: Control,
    parameters: &[(&str, &str)],
) -> ControlResult {
    let mut input = ControlInput::default_for(control);
    for (name, value) in parameters {
        input.parameters.insert(name.to_string(), value.to_string());
    }
    let framework = Framework {
        name: "test".into(),
        controls: vec![input],
    };
    framework.evaluate(simulation).controls.remove(0)
}

/// The finding about `subject`.
fn about<'a>(result: &'a ControlResult, subject: &str) -> &'a Finding {
    result
        .findings
        .iter()
        .find(|f| f.subject == subject)
        .unwrap_or_else(|| panic!("no finding about {subject}: {:#?}", result.findings))
}

fn compliant(finding: &Finding) -> bool {
    finding.compliance == Compliance::Compliant
}

#[test]
fn the_controls_are_the_elevens_of_the_reference_by_control_name() {
    let reference: Value =
        serde_json::from_str(include_str!("../data/reference/audit-controls.json")).unwrap();
    let names: Vec<&str> = reference["controls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["ControlName"].as_str().unwrap())
        .collect();
    let ours: Vec<&str> = Control::ALL.iter().map(|c| c.name()).collect();
    assert_eq!(ours, names);
    // Every parameter the reference lists is one the control takes, by the same name.
    for control in reference["controls"].as_array().unwrap() {
        let ours = Control::from_name(control["ControlName"].as_str().unwrap()).unwrap();
        let mut theirs: Vec<&str> = control["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["ParameterName"].as_str().unwrap())
            .collect();
        let mut mine: Vec<&str> = ours.parameters().iter().map(|p| p.name).collect();
        theirs.sort();
        mine.sort();
        assert_eq!(mine, theirs, "{ours}");
    }
}

// 1. BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN

#[test]
fn a_resource_a_plan_selects_is_protected_by_a_backup_plan() {
    let simulation = run(&three_tier(|_| {}), "2024-01-16T00:00:00Z");
    let result = evaluate(&simulation, Control::ResourcesProtectedByBackupPlan, &[]);
    let f = about(&result, "app-db");
    assert!(compliant(f), "{f:?}");
    assert_eq!(f.reason, "selected by prod-backup-plan");
}

#[test]
fn an_untagged_resource_no_selection_picks_is_not_protected_by_a_backup_plan() {
    let simulation = run(&compliance_vault_lock(), "2024-01-16T00:00:00Z");
    let result = evaluate(&simulation, Control::ResourcesProtectedByBackupPlan, &[]);
    let f = about(&result, "build-runner");
    assert!(!compliant(f));
    assert_eq!(f.reason, "not in any backup plan's selection");
    assert_eq!(result.count(Compliance::Compliant), 3);
}

// 2. BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK

#[test]
fn a_plan_with_a_daily_rule_keeping_35_days_meets_the_minimum_frequency_and_retention() {
    let simulation = run(&compliance_vault_lock(), "2024-01-16T00:00:00Z");
    let result = evaluate(&simulation, Control::PlanMinFrequencyAndMinRetention, &[]);
    let f = about(&result, "plan compliance-plan");
    assert!(compliant(f), "{f:?}");
    assert_eq!(f.reason, "rule DailyCompliance: every 1d, kept 35 days");
}

#[test]
fn the_guides_plan_has_no_rule_both_daily_and_kept_35_days() {
    // Its daily rule keeps 30 days; its weekly one keeps five years but runs every 7 days.
    let simulation = run(&three_tier(|_| {}), "2024-01-16T00:00:00Z");
    let result = evaluate(&simulation, Control::PlanMinFrequencyAndMinRetention, &[]);
    let f = about(&result, "plan prod-backup-plan");
    assert!(!compliant(f));
    assert_eq!(
        f.reason,
        "no rule backing up at least every 1 day and keeping points at least 35 days \
         (DailyBackup: every 1d, kept 30 days; WeeklyBackup: every 7d, kept 1825 days)"
    );
    // With 30 days required, the daily rule passes.
    let result = evaluate(
        &simulation,
        Control::PlanMinFrequencyAndMinRetention,
        &[("requiredRetentionDays", "30")],
    );
    assert!(compliant(about(&result, "plan prod-backup-plan")));
}

// 3. BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED

fn deny_deletion(s: &mut Value, condition: Option<Value>) {
    let mut statement = json!({
        "Effect": "Deny",
        "Principal": {"AWS": "*"},
        "Action": [
            "backup:DeleteRecoveryPoint",
            "backup:UpdateRecoveryPointLifecycle",
            "backup:PutBackupVaultAccessPolicy"
        ],
        "Resource": "*"
    });
    if let Some(condition) = condition {
        statement["Condition"] = condition;
    }
    s["Vaults"][0]["AccessPolicy"] = json!({"Version": "2012-10-17", "Statement": [statement]});
}

#[test]
fn a_vault_whose_policy_denies_everyone_deletion_prevents_manual_deletion() {
    let simulation = run(
        &three_tier(|s| deny_deletion(s, None)),
        "2024-01-16T00:00:00Z",
    );
    let result = evaluate(
        &simulation,
        Control::RecoveryPointManualDeletionDisabled,
        &[],
    );
    let f = about(&result, "vault prod-primary-vault");
    assert!(compliant(f), "{f:?}");
    assert_eq!(
        f.reason,
        "its access policy denies everyone manual deletion"
    );
}

#[test]
fn a_vault_without_a_deny_statement_does_not_prevent_manual_deletion() {
    let simulation = run(&three_tier(|_| {}), "2024-01-16T00:00:00Z");
    let result = evaluate(
        &simulation,
        Control::RecoveryPointManualDeletionDisabled,
        &[],
    );
    let f = about(&result, "vault prod-primary-vault");
    assert!(!compliant(f));
    assert_eq!(f.reason, "no access policy");
    // dr-vault's policy only allows copies in.
    let f = about(&result, "vault dr-vault");
    assert!(!compliant(f));
    assert!(
        f.reason
            .starts_with("its access policy has no Deny of backup:DeleteRecoveryPoint")
    );
}

#[test]
fn a_deny_exempting_a_role_counts_only_when_principal_arn_list_names_it() {
    let role = "arn:aws:iam::111122223333:role/BackupAdmin";
    let condition = json!({"ArnNotEquals": {"aws:PrincipalArn": [role]}});
    let simulation = run(
        &three_tier(|s| deny_deletion(s, Some(condition))),
        "2024-01-16T00:00:00Z",
    );
    let without = evaluate(
        &simulation,
        Control::RecoveryPointManualDeletionDisabled,
        &[],
    );
    assert!(!compliant(about(&without, "vault prod-primary-vault")));
    let with = evaluate(
        &simulation,
        Control::RecoveryPointManualDeletionDisabled,
        &[("principalArnList", role)],
    );
    assert!(compliant(about(&with, "vault prod-primary-vault")));
}

// 4. BACKUP_RECOVERY_POINT_ENCRYPTED

#[test]
fn recovery_points_pass_encrypted_as_their_sources_and_a_fully_managed_type_by_the_vaults_key() {
    let simulation = run(&three_tier(|_| {}), "2024-01-16T00:00:00Z");
    let result = evaluate(&simulation, Control::RecoveryPointEncrypted, &[]);
    assert_eq!(result.not_evaluated, None);
    assert!(!result.findings.is_empty());
    assert!(
        result.findings.iter().all(compliant),
        "{:#?}",
        result.findings
    );
}

#[test]
fn a_point_of_an_unencrypted_database_fails_while_a_fully_managed_file_systems_passes() {
    let simulation = run(
        &three_tier(|s| {
            s["Resources"][1]["Configuration"]["StorageEncrypted"] = json!("false");
            s["Resources"][2]["Configuration"] = json!({"Encrypted": "false"});
        }),
        "2024-01-16T00:00:00Z",
    );
    let result = evaluate(&simulation, Control::RecoveryPointEncrypted, &[]);
    let failing: Vec<&Finding> = result.findings.iter().filter(|f| !compliant(f)).collect();
    // The night's backup of app-db and its copy in the DR vault.
    assert_eq!(failing.len(), 2, "{:#?}", result.findings);
    for f in &failing {
        assert!(f.subject.starts_with("app-db's point of "), "{}", f.subject);
        assert!(
            f.reason.starts_with("not encrypted: its source is not"),
            "{}",
            f.reason
        );
    }
    let efs = (result.findings.iter())
        .find(|f| f.subject.starts_with("shared-files's point"))
        .unwrap_or_else(|| panic!("{:#?}", result.findings));
    assert!(compliant(efs));
    assert_eq!(
        efs.reason,
        "encrypted with the vault's key (a fully managed type)"
    );
    // DescribeRecoveryPoint and the point's event say the same.
    let caller = vaultsim_core::engine::Caller {
        account: "111122223333".into(),
        region: "us-east-1".into(),
    };
    let listed = simulation.answer(
        &caller,
        "ListRecoveryPointsByResource",
        &json!({"ResourceArn": "arn:aws:rds:us-east-1:111122223333:db:app-db"}),
    );
    let vaultsim_core::engine::Answer::Response(listed) = listed else {
        panic!("{listed:?}");
    };
    let arn = listed["RecoveryPoints"][0]["RecoveryPointArn"]
        .as_str()
        .unwrap()
        .to_string();
    let described = simulation.answer(
        &caller,
        "DescribeRecoveryPoint",
        &json!({"BackupVaultName": "prod-primary-vault", "RecoveryPointArn": arn}),
    );
    let vaultsim_core::engine::Answer::Response(described) = described else {
        panic!("{described:?}");
    };
    assert_eq!(described["IsEncrypted"], json!(false));
}

// 5. BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK

#[test]
fn recovery_points_kept_35_days_meet_the_minimum_retention() {
    let simulation = run(&compliance_vault_lock(), "2024-01-16T00:00:00Z");
    let result = evaluate(&simulation, Control::RecoveryPointMinimumRetention, &[]);
    let f = about(
        &result,
        "ledger-db's point of 2024-01-15T02:00:00Z in compliance-vault",
    );
    assert!(compliant(f), "{f:?}");
    assert_eq!(f.reason, "kept 35 days");
}

#[test]
fn recovery_points_kept_30_days_fall_short_of_the_35_day_minimum() {
    let simulation = run(&three_tier(|_| {}), "2024-01-16T00:00:00Z");
    let result = evaluate(&simulation, Control::RecoveryPointMinimumRetention, &[]);
    let f = about(
        &result,
        "app-db's point of 2024-01-15T02:00:00Z in prod-primary-vault",
    );
    assert!(!compliant(f));
    assert_eq!(f.reason, "kept 30 days, under the 35 required");
    // Its copy in dr-vault is kept 90 days.
    let copy = about(
        &result,
        "app-db's point of 2024-01-15T02:00:00Z in dr-vault",
    );
    assert!(compliant(copy), "{copy:?}");
}

// 6. BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION

#[test]
fn a_resource_copied_to_eu_west_1_is_protected_by_cross_region_copy() {
    let simulation = run(&three_tier(|_| {}), "2024-01-16T00:00:00Z");
    let result = evaluate(&simulation, Control::ResourcesProtectedByCrossRegion, &[]);
    let f = about(&result, "app-db");
    assert!(compliant(f), "{f:?}");
    assert_eq!(f.reason, "copied to eu-west-1");
}

#[test]
fn a_resource_without_a_copy_to_the_listed_region_is_not_protected_by_cross_region_copy() {
    let simulation = run(&three_tier(|_| {}), "2024-01-16T00:00:00Z");
    let result = evaluate(
        &simulation,
        Control::ResourcesProtectedByCrossRegion,
        &[("crossRegionList", "eu-west-2")],
    );
    let f = about(&result, "app-db");
    assert!(!compliant(f));
    assert_eq!(f.reason, "copied to eu-west-1 but not to eu-west-2");
    let no_copies = run(
        &three_tier(|s| s["Plans"][0]["Document"]["Rules"][0]["CopyActions"] = json!([])),
        "2024-01-16T00:00:00Z",
    );
    let result = evaluate(&no_copies, Control::ResourcesProtectedByCrossRegion, &[]);
    assert_eq!(
        about(&result, "web-server").reason,
        "no backup plan selecting it copies to another Region"
    );
}

// 7. BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT

#[test]
fn a_resource_copied_to_the_dr_account_is_protected_by_cross_account_copy() {
    let simulation = run(&three_tier(|_| {}), "2024-01-16T00:00:00Z");
    let result = evaluate(
        &simulation,
        Control::ResourcesProtectedByCrossAccount,
        &[("crossAccountList", "444455556666")],
    );
    let f = about(&result, "shared-files");
    assert!(compliant(f), "{f:?}");
    assert_eq!(f.reason, "copied to 444455556666");
}

#[test]
fn a_resource_kept_in_its_own_account_is_not_protected_by_cross_account_copy() {
    let simulation = run(&compliance_vault_lock(), "2024-01-16T00:00:00Z");
    let result = evaluate(&simulation, Control::ResourcesProtectedByCrossAccount, &[]);
    let f = about(&result, "ledger-db");
    assert!(!compliant(f));
    assert_eq!(
        f.reason,
        "no backup plan selecting it copies to another account"
    );
}

// 8. BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK

#[test]
fn a_resource_with_points_in_the_locked_compliance_vault_is_protected_by_vault_lock() {
    let simulation = run(&compliance_vault_lock(), "2024-01-16T00:00:00Z");
    let result = evaluate(
        &simulation,
        Control::ResourcesProtectedByBackupVaultLock,
        &[("minRetentionDays", "7"), ("maxRetentionDays", "365")],
    );
    let f = about(&result, "ledger-db");
    assert!(compliant(f), "{f:?}");
    assert_eq!(f.reason, "recovery points in locked vault compliance-vault");
}

#[test]
fn a_resource_in_unlocked_vaults_or_a_lock_outside_the_bounds_is_not_protected_by_vault_lock() {
    let simulation = run(&three_tier(|_| {}), "2024-01-16T00:00:00Z");
    let result = evaluate(
        &simulation,
        Control::ResourcesProtectedByBackupVaultLock,
        &[],
    );
    let f = about(&result, "app-db");
    assert!(!compliant(f));
    assert_eq!(f.reason, "no recovery point in a locked vault");
    let locked = run(&compliance_vault_lock(), "2024-01-16T00:00:00Z");
    let result = evaluate(
        &locked,
        Control::ResourcesProtectedByBackupVaultLock,
        &[("minRetentionDays", "30")],
    );
    let f = about(&result, "ledger-db");
    assert!(!compliant(f));
    assert_eq!(
        f.reason,
        "no locked vault with a lock within minRetentionDays 30, maxRetentionDays any \
         (compliance-vault: MinRetentionDays 7, MaxRetentionDays 365)"
    );
}

// 9. BACKUP_LAST_RECOVERY_POINT_CREATED

#[test]
fn a_resource_backed_up_last_night_has_a_recovery_point_in_the_last_day() {
    let simulation = run(&three_tier(|_| {}), "2024-01-16T12:00:00Z");
    let result = evaluate(&simulation, Control::LastRecoveryPointCreated, &[]);
    let f = about(&result, "app-db");
    assert!(compliant(f), "{f:?}");
    assert_eq!(f.reason, "newest recovery point 2024-01-16T02:00:00Z");
}

#[test]
fn a_resource_backed_up_ten_hours_ago_has_no_recovery_point_in_the_last_hour() {
    let simulation = run(&three_tier(|_| {}), "2024-01-16T12:00:00Z");
    let result = evaluate(
        &simulation,
        Control::LastRecoveryPointCreated,
        &[
            ("recoveryPointAgeUnit", "hours"),
            ("recoveryPointAgeValue", "1"),
        ],
    );
    let f = about(&result, "app-db");
    assert!(!compliant(f));
    assert_eq!(
        f.reason,
        "no recovery point in the last 1 hour (newest 2024-01-16T02:00:00Z)"
    );
    let never = run(&compliance_vault_lock(), "2024-01-16T12:00:00Z");
    let result = evaluate(&never, Control::LastRecoveryPointCreated, &[]);
    assert_eq!(
        about(&result, "build-runner").reason,
        "no recovery point in the last 1 day (none at all)"
    );
}

// 10. RESTORE_TIME_FOR_RESOURCES_MEET_TARGET

#[test]
fn restore_time_passes_when_the_latest_restore_test_finished_within_the_target() {
    let simulation = run(
        &Scenario::builtin("restore-testing").unwrap(),
        "2024-01-16T12:00:00Z",
    );
    let result = evaluate(
        &simulation,
        Control::RestoreTimeMeetsTarget,
        &[("maxRestoreTime", "60")],
    );
    assert_eq!(result.not_evaluated, None);
    // The database and the file system were tested; the web server was not and has nothing to
    // compare.
    assert_eq!(result.findings.len(), 2, "{:?}", result.findings);
    let db = about(&result, "app-db");
    assert!(compliant(db), "{}", db.reason);
    assert!(
        db.reason
            .starts_with("latest restore test (2024-01-16T05:57:56Z) took "),
        "{}",
        db.reason
    );
    assert!(
        db.reason.ends_with("; the target is 60 minutes"),
        "{}",
        db.reason
    );
}

#[test]
fn restore_time_fails_when_the_latest_restore_test_took_longer_than_the_target() {
    let simulation = run(
        &Scenario::builtin("restore-testing").unwrap(),
        "2024-01-16T12:00:00Z",
    );
    // The 50 GB database takes about 18 minutes to restore; the 30 GB file system about 9.
    let result = evaluate(
        &simulation,
        Control::RestoreTimeMeetsTarget,
        &[("maxRestoreTime", "15")],
    );
    let db = about(&result, "app-db");
    assert!(!compliant(db), "{}", db.reason);
    assert!(compliant(about(&result, "fs-0123456789abcdef0")));
    // Without restore tests there is nothing to evaluate a resource by.
    let untested = run(&three_tier(|_| {}), "2024-01-16T00:00:00Z");
    let result = evaluate(
        &untested,
        Control::RestoreTimeMeetsTarget,
        &[("maxRestoreTime", "720")],
    );
    assert!(result.findings.is_empty());
    assert_eq!(result.not_evaluated, None);
}

// 11. RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT

#[test]
fn a_resource_backed_up_into_an_air_gapped_vault_is_in_a_logically_air_gapped_vault() {
    let scenario = three_tier(|s| {
        s["Vaults"].as_array_mut().unwrap().push(json!({
            "Name": "air-gapped", "Account": "111122223333", "Region": "us-east-1",
            "AirGapped": true, "Lock": {"MinRetentionDays": 7, "MaxRetentionDays": 365}
        }));
        s["Plans"][0]["Document"]["Rules"][0]["TargetLogicallyAirGappedBackupVaultArn"] =
            json!("arn:aws:backup:us-east-1:111122223333:backup-vault:air-gapped");
    });
    let simulation = run(&scenario, "2024-01-16T00:00:00Z");
    let result = evaluate(
        &simulation,
        Control::ResourcesInLogicallyAirGappedVault,
        &[],
    );
    let f = about(&result, "shared-files");
    assert!(compliant(f), "{f:?}");
    assert_eq!(
        f.reason,
        "recovery point of 2024-01-15T02:00:00Z in air-gapped vault air-gapped"
    );
}

#[test]
fn a_resource_only_in_standard_vaults_is_not_in_a_logically_air_gapped_vault() {
    let simulation = run(&three_tier(|_| {}), "2024-01-16T00:00:00Z");
    let result = evaluate(
        &simulation,
        Control::ResourcesInLogicallyAirGappedVault,
        &[],
    );
    let f = about(&result, "shared-files");
    assert!(!compliant(f));
    assert_eq!(
        f.reason,
        "no recovery point in a logically air-gapped vault"
    );
}

// Scope

#[test]
fn a_scope_narrows_a_control_to_a_type_a_tag_or_one_resource() {
    let simulation = run(&three_tier(|_| {}), "2024-01-16T00:00:00Z");
    let subjects = |scope: Value| -> Vec<String> {
        let text = json!({
            "FrameworkName": "scoped",
            "FrameworkControls": [{
                "ControlName": "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
                "ControlScope": scope
            }]
        })
        .to_string();
        let framework = Framework::from_json(&text).unwrap();
        let mut result = framework.evaluate(&simulation).controls.remove(0);
        result.findings.drain(..).map(|f| f.subject).collect()
    };
    assert_eq!(
        subjects(json!({})),
        ["web-server", "app-db", "shared-files"]
    );
    assert_eq!(
        subjects(json!({"ComplianceResourceTypes": ["RDS"]})),
        ["app-db"]
    );
    assert_eq!(subjects(json!({"Tags": {"Tier": "web"}})), ["web-server"]);
    assert_eq!(
        subjects(json!({"ComplianceResourceIds": ["fs-0123456789abcdef0"]})),
        ["shared-files"]
    );
}

// Frameworks

#[test]
fn a_create_framework_request_is_read_with_its_parameters_and_scope() {
    let text = r#"{
        "FrameworkName": "prod_framework",
        "FrameworkControls": [
            {"ControlName": "BACKUP_LAST_RECOVERY_POINT_CREATED",
             "ControlInputParameters": [
                {"ParameterName": "recoveryPointAgeUnit", "ParameterValue": "hours"},
                {"ParameterName": "recoveryPointAgeValue", "ParameterValue": "12"}],
             "ControlScope": {"ComplianceResourceTypes": ["RDS", "EFS"], "Tags": {"Backup": "true"}}},
            {"ControlName": "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
             "ControlScope": {"ComplianceResourceIds": ["default"], "ComplianceResourceTypes": ["AWS::Backup::BackupVault"]}}
        ]
    }"#;
    let framework = Framework::from_json(text).unwrap();
    assert_eq!(framework.name, "prod_framework");
    assert_eq!(framework.controls.len(), 2);
    let first = &framework.controls[0];
    assert_eq!(first.control, Control::LastRecoveryPointCreated);
    assert_eq!(first.parameters["recoveryPointAgeValue"], "12");
    assert_eq!(first.scope.resource_types, ["RDS", "EFS"]);
    assert_eq!(first.scope.tags["Backup"], "true");
    assert_eq!(framework.controls[1].scope.resource_ids, ["default"]);
}

#[test]
fn the_default_framework_has_all_eleven_controls_at_their_defaults() {
    let framework = Framework::all_controls();
    let controls: Vec<Control> = framework.controls.iter().map(|c| c.control).collect();
    assert_eq!(controls, Control::ALL);
    assert!(framework.controls.iter().all(|c| c.parameters.is_empty()));
}

fn errors(text: &str) -> Vec<String> {
    Framework::from_json(text)
        .unwrap_err()
        .iter()
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn an_unknown_control_name_is_reported_with_the_nearest_known_one() {
    let e = errors(
        r#"{"FrameworkName": "f", "FrameworkControls": [{"ControlName": "BACKUP_LAST_RECOVERY_POINT_CREATE"}]}"#,
    );
    assert_eq!(
        e,
        [
            "FrameworkControls[0].ControlName: unknown control \"BACKUP_LAST_RECOVERY_POINT_CREATE\"; did you mean BACKUP_LAST_RECOVERY_POINT_CREATED?"
        ]
    );
}

#[test]
fn a_bad_parameter_value_is_reported_with_what_to_write() {
    let e = errors(
        r#"{"FrameworkName": "f", "FrameworkControls": [{"ControlName": "BACKUP_LAST_RECOVERY_POINT_CREATED",
            "ControlInputParameters": [{"ParameterName": "recoveryPointAgeUnit", "ParameterValue": "weeks"}]}]}"#,
    );
    assert_eq!(
        e,
        [
            "FrameworkControls[0].ControlInputParameters[0].ParameterValue: recoveryPointAgeUnit \"weeks\": write hours or days"
        ]
    );
    // "hours 1-744, days 1-31".
    let e = errors(
        r#"{"FrameworkName": "f", "FrameworkControls": [{"ControlName": "BACKUP_LAST_RECOVERY_POINT_CREATED",
            "ControlInputParameters": [{"ParameterName": "recoveryPointAgeValue", "ParameterValue": "45"}]}]}"#,
    );
    assert_eq!(
        e,
        [
            "FrameworkControls[0].ControlInputParameters: recoveryPointAgeValue 45 in days: write 1 to 31 for days"
        ]
    );
}

#[test]
fn an_unknown_parameter_is_reported_with_the_controls_own() {
    let e = errors(
        r#"{"FrameworkName": "f", "FrameworkControls": [
            {"ControlName": "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
             "ControlInputParameters": [{"ParameterName": "requiredRetentionDay", "ParameterValue": "35"}]},
            {"ControlName": "BACKUP_RECOVERY_POINT_ENCRYPTED",
             "ControlInputParameters": [{"ParameterName": "kmsKey", "ParameterValue": "x"}]}]}"#,
    );
    assert_eq!(
        e,
        [
            "FrameworkControls[0].ControlInputParameters[0].ParameterName: unknown parameter \"requiredRetentionDay\"; did you mean requiredRetentionDays?",
            "FrameworkControls[1].ControlInputParameters[0].ParameterName: unknown parameter \"kmsKey\"; BACKUP_RECOVERY_POINT_ENCRYPTED takes no parameters: remove it"
        ]
    );
}

#[test]
fn a_malformed_framework_is_an_error_never_a_panic() {
    assert_eq!(
        errors("[1, 2]"),
        ["a framework is a JSON object with FrameworkName and FrameworkControls"]
    );
    assert!(errors("{").concat().contains("not JSON"));
    assert_eq!(
        errors(r#"{"FrameworkName": "9lives", "FrameworkControls": []}"#),
        [
            "FrameworkName: \"9lives\": write 1 to 256 letters, digits and underscores, starting with a letter",
            "FrameworkControls: empty: list at least one control"
        ]
    );
    assert_eq!(
        errors(
            r#"{"FrameworkName": "f", "FrameworkControl": [],
                "FrameworkControls": [{"ControlName": "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
                  "ControlScope": {"Tags": {"a": "1", "b": "2"}, "ComplianceResourceTypes": ["AWS::RDS::DBInstance"]}}]}"#
        ),
        [
            "FrameworkControl: unknown member; did you mean FrameworkControls?",
            "FrameworkControls[0].ControlInputParameters: maxRestoreTime is required (minutes, no default): add {\"ParameterName\": \"maxRestoreTime\", \"ParameterValue\": \"720\"}",
            "FrameworkControls[0].ControlScope.ComplianceResourceTypes[0]: unknown type \"AWS::RDS::DBInstance\"; vaultsim takes Aurora, CloudFormation, DocumentDB, DynamoDB, EBS, EC2, EFS, EKS, FSx, Neptune, RDS, Redshift, S3, SAP HANA on Amazon EC2, Storage Gateway, Timestream, VirtualMachine, AWS::Backup::BackupPlan, AWS::Backup::BackupVault, AWS::Backup::RecoveryPoint",
            "FrameworkControls[0].ControlScope.Tags: 2 tags: a scope takes at most one key and value"
        ]
    );
}

// Daily evaluation

#[test]
fn the_framework_is_evaluated_once_a_day_with_each_days_counts_and_findings() {
    let mut simulation = Simulation::new(&three_tier(|_| {})).unwrap();
    let mut daily = DailyEvaluation::new(Framework::all_controls(), &simulation);
    assert!(!daily.observe(&simulation), "nothing is due at the start");
    for day in [
        "2024-01-15T12:00:00Z",
        "2024-01-16T00:00:00Z",
        "2024-01-16T06:00:00Z",
        "2024-01-17T00:00:00Z",
        "2024-01-18T00:00:00Z",
    ] {
        simulation.run_until(t(day));
        daily.observe(&simulation);
    }
    let dates: Vec<String> = daily.days().iter().map(|d| d.date.to_string()).collect();
    assert_eq!(dates, ["2024-01-16", "2024-01-17", "2024-01-18"]);
    let first = &daily.days()[0];
    let last_point = first
        .controls
        .iter()
        .find(|c| c.control == Control::LastRecoveryPointCreated)
        .unwrap();
    assert_eq!((last_point.compliant, last_point.non_compliant), (3, 0));
    let retention = first
        .controls
        .iter()
        .find(|c| c.control == Control::RecoveryPointMinimumRetention)
        .unwrap();
    // Three points kept 30 days in prod-primary-vault, their copies kept 90 in dr-vault.
    assert_eq!((retention.compliant, retention.non_compliant), (3, 3));
    assert!(
        retention
            .findings
            .iter()
            .all(|f| f.reason == "kept 30 days, under the 35 required")
    );
    let restore = first
        .controls
        .iter()
        .find(|c| c.control == Control::RestoreTimeMeetsTarget)
        .unwrap();
    // The built-in framework cannot name maxRestoreTime, which has no default.
    assert!(restore.not_evaluated);
    assert_eq!(daily.last().unwrap().at, t("2024-01-18T00:00:00Z"));
}

#[test]
fn a_database_restored_under_a_new_identifier_is_named_by_it_and_is_in_no_plan() {
    // The guide's incident: app-db restored in eu-west-1 as app-db-restored-20240116, a new
    // database no selection picks. Two resources share the name app-db, so each is named by its
    // ARN's ID.
    let simulation = run(&common::three_tier(), "2024-01-17T00:00:00Z");
    let result = evaluate(&simulation, Control::ResourcesProtectedByBackupPlan, &[]);
    assert!(compliant(about(&result, "app-db")));
    let restored = about(&result, "app-db-restored-20240116");
    assert!(!compliant(restored));
    assert_eq!(restored.reason, "not in any backup plan's selection");
}

#[test]
fn the_example_framework_the_page_shows_is_one_the_reader_accepts() {
    let framework = vaultsim_core::audit_manager::Framework::from_json(
        vaultsim_core::audit_manager::EXAMPLE_FRAMEWORK,
    )
    .unwrap();
    assert_eq!(framework.name, "retention_30_days");
    assert_eq!(framework.controls.len(), 1);
}

#[test]
fn a_restore_tests_resource_deleted_by_its_clean_up_is_no_longer_evaluated() {
    let simulation = run(
        &Scenario::builtin("restore-testing").unwrap(),
        "2024-01-16T12:00:00Z",
    );
    let result = evaluate(&simulation, Control::ResourcesProtectedByBackupPlan, &[]);
    // The scenario's three resources; not the four test copies AWS Backup has deleted.
    assert_eq!(result.findings.len(), 3, "{:#?}", result.findings);
    assert!(
        result.findings.iter().all(compliant),
        "{:#?}",
        result.findings
    );
}

#[test]
fn a_restore_time_target_under_a_minute_is_refused_where_it_is_written() {
    let errors = Framework::from_json(
        r#"{"FrameworkName": "restore_sla", "FrameworkControls": [{"ControlName": "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
            "ControlInputParameters": [{"ParameterName": "maxRestoreTime", "ParameterValue": "-9223372036854775808"}]}]}"#,
    )
    .unwrap_err();
    assert!(
        errors[0]
            .message
            .contains("write a whole number of 1 or more"),
        "{}",
        errors[0]
    );
}
