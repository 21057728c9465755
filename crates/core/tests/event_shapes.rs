//! Each event carries the fields of its sample in the developer guide
//! (shared/reference/events/backup-eventbridge-samples.json), state by state. The samples' field
//! lists are written out here; `createdBy` is left out of the comparison, as the samples carry
//! it in some states and not others.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use vaultsim_core::engine::Simulation;
use vaultsim_core::scenario::Scenario;

const EFS: &str =
    "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0123456789abcdef0";
const EC2: &str = "arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f60718";

fn backup_sample_fields(state: &str) -> &'static [&'static str] {
    match state {
        "CREATED" => &["backupJobId", "state", "creationDate"],
        "RUNNING" => &[
            "backupJobId",
            "backupSizeInBytes",
            "backupVaultArn",
            "backupVaultName",
            "bytesTransferred",
            "creationDate",
            "iamRoleArn",
            "resourceArn",
            "resourceType",
            "state",
            "startBy",
            "expectedCompletionDate",
            "percentDone",
        ],
        "COMPLETED" => &[
            "backupJobId",
            "backupSizeInBytes",
            "backupVaultArn",
            "backupVaultName",
            "bytesTransferred",
            "creationDate",
            "iamRoleArn",
            "resourceArn",
            "resourceType",
            "state",
            "completionDate",
            "startBy",
            "percentDone",
            "retryCount",
        ],
        "FAILED" => &[
            "backupJobId",
            "backupVaultArn",
            "backupVaultName",
            "bytesTransferred",
            "creationDate",
            "iamRoleArn",
            "resourceArn",
            "resourceType",
            "state",
            "statusMessage",
            "startBy",
            "percentDone",
            "retryCount",
        ],
        // ABORTING has no sample: vaultsim gives it PENDING's fields.
        "PENDING" | "ABORTING" => &[
            "backupJobId",
            "backupVaultArn",
            "backupVaultName",
            "bytesTransferred",
            "creationDate",
            "iamRoleArn",
            "resourceArn",
            "resourceType",
            "state",
            "statusMessage",
            "startBy",
            "percentDone",
        ],
        "ABORTED" | "EXPIRED" => &[
            "backupJobId",
            "backupVaultArn",
            "backupVaultName",
            "bytesTransferred",
            "creationDate",
            "iamRoleArn",
            "resourceArn",
            "resourceType",
            "state",
            "statusMessage",
            "completionDate",
            "startBy",
            "percentDone",
        ],
        _ => &[],
    }
}

fn copy_sample_fields(state: &str) -> &'static [&'static str] {
    match state {
        "CREATED" => &[
            "creationDate",
            "state",
            "sourceBackupVaultArn",
            "destinationBackupVaultArn",
        ],
        "RUNNING" => &[
            "copyJobId",
            "backupSizeInBytes",
            "creationDate",
            "iamRoleArn",
            "resourceArn",
            "resourceType",
            "sourceBackupVaultArn",
            "state",
            "destinationBackupVaultArn",
            "destinationRecoveryPointArn",
        ],
        "COMPLETED" => &[
            "copyJobId",
            "backupSizeInBytes",
            "creationDate",
            "iamRoleArn",
            "resourceArn",
            "resourceType",
            "sourceBackupVaultArn",
            "state",
            "completionDate",
            "destinationBackupVaultArn",
            "destinationRecoveryPointArn",
        ],
        "FAILED" => &[
            "copyJobId",
            "backupSizeInBytes",
            "creationDate",
            "iamRoleArn",
            "resourceArn",
            "resourceType",
            "sourceBackupVaultArn",
            "state",
            "statusMessage",
            "completionDate",
            "destinationBackupVaultArn",
            "destinationRecoveryPointArn",
        ],
        _ => &[],
    }
}

/// The three-tier nights with every ending: EFS stopped (ABORTED), EC2 busy past its start
/// window (EXPIRED), a rule into a vault that does not exist (FAILED), and the DR Region down
/// for the first night's copies (FAILED copies; the second night's complete).
fn every_ending() -> Vec<Value> {
    let mut value = serde_json::to_value(Scenario::builtin("three-tier-web-app").unwrap()).unwrap();
    value["Operations"] = json!([
        {"At": "2024-01-15T02:04:00Z", "Operation": "StopBackupJob", "Input": {"ResourceArn": EFS}}
    ]);
    value["Plans"][0]["Document"]["Rules"]
        .as_array_mut()
        .unwrap()
        .push(json!({
            "RuleName": "IntoNoVault", "TargetBackupVaultName": "no-such-vault",
            "ScheduleExpression": "cron(0 12 * * ? *)", "Lifecycle": {"DeleteAfterDays": 7}
        }));
    value["Faults"] = json!([
        {"Fault": "ResourceBusy", "ResourceArn": EC2, "From": "2024-01-15T01:00:00Z",
         "Until": "2024-01-15T04:00:00Z"},
        {"Fault": "RegionOutage", "Region": "eu-west-1", "From": "2024-01-15T02:00:00Z",
         "Until": "2024-01-15T06:00:00Z"}
    ]);
    let scenario = Scenario::from_json(&value.to_string()).unwrap();
    let mut simulation = Simulation::new(&scenario).unwrap();
    simulation.run_until("2024-01-16T12:00:00Z".parse().unwrap());
    simulation
        .events()
        .iter()
        .map(|e| simulation.event_json(e))
        .collect()
}

fn fields(event: &Value) -> BTreeSet<String> {
    event["detail"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| *k != "createdBy")
        .cloned()
        .collect()
}

#[test]
fn backup_job_events_carry_their_samples_fields_in_every_state() {
    let events = every_ending();
    let mut seen = BTreeSet::new();
    for event in events
        .iter()
        .filter(|e| e["detail-type"] == "Backup Job State Change")
    {
        let state = event["detail"]["state"].as_str().unwrap().to_string();
        let expected: BTreeSet<String> = backup_sample_fields(&state)
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(fields(event), expected, "{state}: {event}");
        seen.insert(state);
    }
    let all = [
        "ABORTED",
        "ABORTING",
        "COMPLETED",
        "CREATED",
        "EXPIRED",
        "FAILED",
        "PENDING",
        "RUNNING",
    ];
    assert_eq!(seen, all.iter().map(|s| s.to_string()).collect());
}

#[test]
fn copy_job_events_carry_their_samples_fields_and_name_the_source_point() {
    let events = every_ending();
    let mut seen = BTreeSet::new();
    for event in events
        .iter()
        .filter(|e| e["detail-type"] == "Copy Job State Change")
    {
        let state = event["detail"]["state"].as_str().unwrap().to_string();
        let expected: BTreeSet<String> = copy_sample_fields(&state)
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(fields(event), expected, "{state}: {event}");
        assert_eq!(event["resources"].as_array().unwrap().len(), 1, "{event}");
        seen.insert(state);
    }
    assert!(
        seen.contains("FAILED") && seen.contains("COMPLETED"),
        "{seen:?}"
    );
}

#[test]
fn a_running_backup_says_when_it_expects_to_finish_as_the_sample_writes_it() {
    let events = every_ending();
    let running = events
        .iter()
        .find(|e| {
            e["detail"]["state"] == "RUNNING" && e["detail-type"] == "Backup Job State Change"
        })
        .unwrap();
    let expected = running["detail"]["expectedCompletionDate"]
        .as_str()
        .unwrap();
    // "Jul 15, 2020 9:39:07 PM"
    assert!(expected.starts_with("Jan 15, 2024 "), "{expected}");
    assert!(
        expected.ends_with(" AM") || expected.ends_with(" PM"),
        "{expected}"
    );
}
