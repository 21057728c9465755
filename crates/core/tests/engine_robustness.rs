//! Bad or extreme input never breaks the simulation: random operations (with values far outside
//! AWS's bounds) and faults at random times either are refused when the scenario is read, with
//! diagnostics, or run to the end, every call audited, without a panic.

use proptest::prelude::*;
use serde_json::{Value, json};
use vaultsim_core::engine::Simulation;
use vaultsim_core::scenario::Scenario;

const RDS: &str = "arn:aws:rds:us-east-1:111122223333:db:app-db";
const EFS: &str =
    "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0123456789abcdef0";

fn days() -> impl Strategy<Value = Value> {
    prop_oneof![
        (-5i64..40).prop_map(Value::from),
        Just(json!(-1)),
        Just(json!(36_500)),
        Just(json!(36_501)),
        Just(json!(i64::MAX)),
        Just(json!(i64::MIN)),
    ]
}

fn operation() -> impl Strategy<Value = Value> {
    let lifecycle = || {
        (days(), days())
            .prop_map(|(c, d)| json!({"MoveToColdStorageAfterDays": c, "DeleteAfterDays": d}))
    };
    let minutes = prop_oneof![
        (0i64..2000).prop_map(Value::from),
        Just(json!(52_560_001)),
        Just(json!(i64::MAX)),
    ];
    let resource = prop_oneof![Just(RDS), Just(EFS), Just("arn:aws:s3:::nope")];
    let vault = prop_oneof![Just("prod-primary-vault"), Just("dr-vault"), Just("none")];
    prop_oneof![
        (resource.clone(), vault.clone(), minutes.clone(), minutes, lifecycle()).prop_map(
            |(r, v, s, c, l)| json!({"Operation": "StartBackupJob", "Input": {
                "BackupVaultName": v, "ResourceArn": r, "IamRoleArn": "arn:aws:iam::111122223333:role/r",
                "StartWindowMinutes": s, "CompleteWindowMinutes": c, "Lifecycle": l}})
        ),
        resource.clone().prop_map(|r| json!({"Operation": "StopBackupJob", "Input": {"ResourceArn": r}})),
        (resource.clone(), vault.clone(), lifecycle()).prop_map(|(r, v, l)| json!({
            "Operation": "StartCopyJob", "Input": {"ResourceArn": r, "SourceBackupVaultName": v,
            "DestinationBackupVaultArn": "arn:aws:backup:eu-west-1:444455556666:backup-vault:dr-vault",
            "IamRoleArn": "arn:aws:iam::111122223333:role/r", "Lifecycle": l}})),
        (resource.clone(), vault.clone()).prop_map(|(r, v)| json!({
            "Operation": "StartRestoreJob", "Input": {"ResourceArn": r, "BackupVaultName": v,
            "Metadata": {"DBInstanceIdentifier": "restored"}}})),
        (resource.clone(), vault.clone()).prop_map(|(r, v)| json!({
            "Operation": "DeleteRecoveryPoint", "Input": {"ResourceArn": r, "BackupVaultName": v}})),
        (resource, vault.clone(), lifecycle()).prop_map(|(r, v, l)| json!({
            "Operation": "UpdateRecoveryPointLifecycle",
            "Input": {"ResourceArn": r, "BackupVaultName": v, "Lifecycle": l}})),
        (vault.clone(), days(), days(), days()).prop_map(|(v, a, b, c)| json!({
            "Operation": "PutBackupVaultLockConfiguration", "Input": {"BackupVaultName": v,
            "MinRetentionDays": a, "MaxRetentionDays": b, "ChangeableForDays": c}})),
        vault.prop_map(|v| json!({"Operation": "DeleteBackupVaultLockConfiguration",
            "Input": {"BackupVaultName": v}})),
        Just(json!({"Operation": "CreateLegalHold", "Input": {"Title": "t", "Description": "d"}})),
        Just(json!({"Operation": "CancelLegalHold", "Input": {"Title": "t", "CancelDescription": "c"}})),
    ]
}

fn fault() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0.0f64..1.0)
            .prop_map(|p| json!({"Fault": "FailureRate", "ResourceType": "RDS", "Probability": p})),
        Just(json!({"Fault": "JobFailure", "ResourceArn": EFS, "At": "2024-01-15T01:00:00Z"})),
        Just(
            json!({"Fault": "ResourceBusy", "ResourceArn": RDS, "From": "2024-01-15T01:00:00Z", "Until": "2024-01-17T00:00:00Z"})
        ),
        Just(
            json!({"Fault": "RegionOutage", "Region": "eu-west-1", "From": "2024-01-15T00:00:00Z", "Until": "2024-01-16T00:00:00Z"})
        ),
        Just(json!({"Fault": "Corruption", "ResourceArn": RDS, "At": "2024-01-16T00:00:00Z"})),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_operations_and_faults_never_break_a_run(
        operations in prop::collection::vec((operation(), 0i64..(6 * 24 * 60)), 0..12),
        faults in prop::collection::vec(fault(), 0..4),
    ) {
        let mut value = serde_json::to_value(Scenario::builtin("three-tier-web-app").unwrap()).unwrap();
        let start: chrono::DateTime<chrono::Utc> = "2024-01-15T00:00:00Z".parse().unwrap();
        value["Operations"] = Value::Array(
            operations
                .iter()
                .map(|(op, minute)| {
                    let mut op = op.clone();
                    op["At"] = json!((start + chrono::Duration::minutes(*minute)).to_rfc3339());
                    op
                })
                .collect(),
        );
        value["Faults"] = Value::Array(faults);
        let scenario = match Scenario::from_json(&value.to_string()) {
            Ok(s) => s,
            // Refused when read: each problem is placed in the scenario.
            Err(diagnostics) => {
                prop_assert!(!diagnostics.is_empty());
                prop_assert!(diagnostics.iter().all(|d| d.pointer.is_some()));
                return Ok(());
            }
        };
        let mut simulation = Simulation::new(&scenario).unwrap();
        simulation.run_until(start + chrono::Duration::days(7));
        prop_assert_eq!(simulation.audit_trail().iter().filter(|a| a.event_name != "CopyIntoBackupVault").count(), operations.len());
        for event in simulation.events() {
            simulation.event_json(event);
        }
    }
}
