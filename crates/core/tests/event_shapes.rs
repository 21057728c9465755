//! Each event carries the fields of its sample in the developer guide, state by state: the
//! samples are read from the vendored `data/reference/events/backup-eventbridge-samples.json`
//! (transcribed from https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html).
//! `createdBy` is left out of the comparison, as the samples carry it in some states and not
//! others.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use vaultsim_core::engine::Simulation;
use vaultsim_core::scenario::Scenario;

const EFS: &str =
    "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0123456789abcdef0";
const EC2: &str = "arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f60718";

const SAMPLES: &str = include_str!("../data/reference/events/backup-eventbridge-samples.json");

/// The `detail` fields of the developer guide's sample of a detail type in a state, `createdBy`
/// left out; none if the guide has no sample for it.
fn sample_fields(detail_type: &str, state: &str) -> BTreeSet<String> {
    let samples: Value = serde_json::from_str(SAMPLES).expect("the samples read");
    samples["events"][detail_type][state]["detail"]
        .as_object()
        .map(|detail| {
            detail
                .keys()
                .filter(|k| *k != "createdBy")
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

fn backup_sample_fields(state: &str) -> BTreeSet<String> {
    // ABORTING has no sample: vaultsim gives it PENDING's fields.
    let state = if state == "ABORTING" {
        "PENDING"
    } else {
        state
    };
    sample_fields("Backup Job State Change", state)
}

fn copy_sample_fields(state: &str) -> BTreeSet<String> {
    sample_fields("Copy Job State Change", state)
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
        let expected = backup_sample_fields(&state);
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
        let expected = copy_sample_fields(&state);
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
