//! API calls a scenario makes at chosen times (on-demand backups, stops, restores, deletions,
//! vault locks, legal holds), faults, continuous backup and the rule-overlap optimisation, on the
//! guide's three-tier web app: each allowed or refused as AWS Backup documents it.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{run, t, three_tier, three_tier_with, vault};
use serde_json::{Value, json};
use vaultsim_core::engine::{
    AuditEntry, BackupJob, BackupJobState, CopyJobState, Decision, RestoreJobState, Simulation,
    Subject,
};
use vaultsim_core::scenario::{BUILTINS, Scenario};
use vaultsim_core::world::{RecoveryPointStatus, StorageClass};

const EC2: &str = "arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f60718";
const RDS: &str = "arn:aws:rds:us-east-1:111122223333:db:app-db";
const EFS: &str =
    "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0123456789abcdef0";
const ROLE: &str = "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole";
const DR_VAULT: &str = "arn:aws:backup:eu-west-1:444455556666:backup-vault:dr-vault";

/// The three-tier scenario making these calls.
fn three_tier_calling(operations: Value) -> Scenario {
    three_tier_with(|s| s["Operations"] = operations)
}

/// The diagnostics for the three-tier scenario making these (malformed) calls: the scenario
/// reader refuses them, each placed at its text in the document.
fn three_tier_calling_errors(operations: Value) -> Vec<vaultsim_core::Diagnostic> {
    let mut value = serde_json::to_value(three_tier()).unwrap();
    value["Operations"] = operations;
    let text = serde_json::to_string_pretty(&value).unwrap();
    let errors = Scenario::from_json(&text).unwrap_err();
    for e in &errors {
        assert!(!e.span.is_empty(), "{e:?} is placed in the text");
    }
    errors
}

fn resource(simulation: &Simulation, arn: &str) -> usize {
    simulation.world().resource_by_arn(arn).unwrap()
}

/// The audit entries of one API operation, in order.
fn audited<'a>(simulation: &'a Simulation, event_name: &str) -> Vec<&'a AuditEntry> {
    simulation
        .audit_trail()
        .iter()
        .filter(|a| a.event_name == event_name)
        .collect()
}

fn denied_with(entry: &AuditEntry) -> &'static str {
    match entry.decision {
        Decision::Denied { error_code } => error_code,
        Decision::Allowed => panic!("allowed: {entry:?}"),
    }
}

fn backup_jobs_of<'a>(simulation: &'a Simulation, arn: &str) -> Vec<&'a BackupJob> {
    let r = resource(simulation, arn);
    simulation
        .backup_jobs()
        .iter()
        .filter(|j| j.resource == r)
        .collect()
}

fn states(job: &BackupJob) -> Vec<BackupJobState> {
    // `.1` of each entry, whether the history yields entries or references to them.
    job.history.iter().map(|entry| entry.1).collect()
}

/// The EventBridge JSON of every event the filter keeps.
fn event_jsons(simulation: &Simulation, keep: impl Fn(&Subject) -> bool) -> Vec<Value> {
    simulation
        .events()
        .iter()
        .filter(|e| keep(&e.subject))
        .map(|e| simulation.event_json(e))
        .collect()
}

// On-demand backups and StopBackupJob.

#[test]
fn an_on_demand_backup_goes_created_pending_running_completed_and_leaves_a_recovery_point() {
    let scenario = three_tier_calling(json!([{
        "At": "2024-01-15T10:00:00Z",
        "Operation": "StartBackupJob",
        "Input": {"BackupVaultName": "prod-primary-vault", "ResourceArn": EC2, "IamRoleArn": ROLE}
    }]));
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let job = backup_jobs_of(&simulation, EC2)
        .into_iter()
        .find(|j| j.creation == t("2024-01-15T10:00:00Z"))
        .expect("the on-demand job");
    assert_eq!(
        states(job),
        [
            BackupJobState::Created,
            BackupJobState::Pending,
            BackupJobState::Running,
            BackupJobState::Completed
        ]
    );
    assert_eq!(job.rule, None);
    let rp = job.recovery_point.expect("a recovery point") as usize;
    let point = &simulation.world().recovery_points[rp];
    assert_eq!(
        point.vault as usize,
        vault(&simulation, "prod-primary-vault")
    );
    assert_eq!(point.creation, t("2024-01-15T10:00:00Z"));
    assert_eq!(point.status, RecoveryPointStatus::Completed);
    // An on-demand backup has no plan rule, so no copy action: only the night's three copies.
    assert_eq!(simulation.copy_jobs().len(), 3);
    let calls = audited(&simulation, "StartBackupJob");
    assert_eq!(calls.len(), 1);
    assert!(calls[0].allowed(), "{:?}", calls[0]);
    assert_eq!(calls[0].time, t("2024-01-15T10:00:00Z"));
    assert_eq!(calls[0].principal, "arn:aws:iam::111122223333:root");
    assert_eq!(calls[0].to_json()["eventName"], "StartBackupJob");
    assert!(calls[0].to_json().get("errorCode").is_none());
}

#[test]
fn an_on_demand_backup_with_a_start_window_under_60_minutes_is_refused() {
    let scenario = three_tier_calling(json!([{
        "At": "2024-01-15T10:00:00Z",
        "Operation": "StartBackupJob",
        "Input": {"BackupVaultName": "prod-primary-vault", "ResourceArn": EC2, "IamRoleArn": ROLE,
                  "StartWindowMinutes": 30}
    }]));
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let calls = audited(&simulation, "StartBackupJob");
    assert_eq!(denied_with(calls[0]), "InvalidParameterValueException");
    assert_eq!(
        backup_jobs_of(&simulation, EC2).len(),
        1,
        "only the nightly job"
    );
}

#[test]
fn stopping_a_running_efs_backup_by_resource_ends_it_aborted_stopped_by_user() {
    // The night's EFS job starts at 02:00 and runs about 20 minutes (30 GB, the first backup).
    let scenario = three_tier_calling(json!([{
        "At": "2024-01-15T02:05:00Z",
        "Operation": "StopBackupJob",
        "Input": {"ResourceArn": EFS}
    }]));
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let jobs = backup_jobs_of(&simulation, EFS);
    assert_eq!(jobs.len(), 1);
    let job = jobs[0];
    assert_eq!(job.state, BackupJobState::Aborted);
    assert_eq!(
        &states(job)[2..],
        [
            BackupJobState::Running,
            BackupJobState::Aborting,
            BackupJobState::Aborted
        ]
    );
    assert_eq!(job.status_message, "Backup job was stopped by user.");
    assert_eq!(job.recovery_point, None);
    let efs = resource(&simulation, EFS);
    assert!(
        simulation
            .world()
            .recovery_points
            .iter()
            .all(|rp| rp.resource as usize != efs),
        "no recovery point and no copy of one"
    );
    let aborted = event_jsons(&simulation, |s| {
        matches!(
            s,
            Subject::BackupJob {
                state: BackupJobState::Aborted,
                ..
            }
        )
    });
    assert_eq!(aborted.len(), 1);
    assert_eq!(aborted[0]["detail"]["state"], "ABORTED");
    assert_eq!(
        aborted[0]["detail"]["statusMessage"],
        "Backup job was stopped by user."
    );
    assert!(audited(&simulation, "StopBackupJob")[0].allowed());
}

#[test]
fn stopping_a_running_ec2_backup_by_its_job_id_ends_it_aborted() {
    // The job's ID comes from a run without the call: the same scenario and seed give the same
    // IDs, and the call draws nothing from the generator before it is made.
    let id = backup_jobs_of(&run(&three_tier(), "2024-01-15T02:01:00Z"), EC2)[0]
        .id
        .to_string();
    let scenario = three_tier_calling(json!([{
        "At": "2024-01-15T02:05:00Z",
        "Operation": "StopBackupJob",
        "Input": {"BackupJobId": id}
    }]));
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let job = backup_jobs_of(&simulation, EC2)[0];
    assert_eq!(job.id.to_string(), id);
    assert_eq!(job.state, BackupJobState::Aborted);
    assert_eq!(job.status_message, "Backup job was stopped by user.");
    // The other jobs of the night are untouched.
    for arn in [RDS, EFS] {
        assert_eq!(
            backup_jobs_of(&simulation, arn)[0].state,
            BackupJobState::Completed
        );
    }
}

#[test]
fn stopping_an_rds_backup_is_refused_with_invalid_request_and_the_job_completes() {
    let scenario = three_tier_calling(json!([{
        "At": "2024-01-15T02:05:00Z",
        "Operation": "StopBackupJob",
        "Input": {"ResourceArn": RDS}
    }]));
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let calls = audited(&simulation, "StopBackupJob");
    assert_eq!(calls.len(), 1);
    assert_eq!(denied_with(calls[0]), "InvalidRequestException");
    assert!(
        calls[0].message.contains("Amazon RDS"),
        "{}",
        calls[0].message
    );
    let record = calls[0].to_json();
    assert_eq!(record["errorCode"], "InvalidRequestException");
    assert_eq!(
        backup_jobs_of(&simulation, RDS)[0].state,
        BackupJobState::Completed
    );
}

#[test]
fn stopping_a_finished_backup_is_refused() {
    let scenario = three_tier_calling(json!([{
        "At": "2024-01-15T10:00:00Z",
        "Operation": "StopBackupJob",
        "Input": {"ResourceArn": EFS}
    }]));
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    // The resource has no unfinished job left to stop.
    assert_eq!(
        denied_with(audited(&simulation, "StopBackupJob")[0]),
        "ResourceNotFoundException"
    );
}

// Restores.

fn restore_app_db_as(identifier: &str) -> Scenario {
    three_tier_calling(json!([{
        "At": "2024-01-15T12:00:00Z",
        "Operation": "StartRestoreJob",
        "Input": {
            "ResourceArn": RDS,
            "BackupVaultName": "prod-primary-vault",
            "Metadata": {"DBInstanceIdentifier": identifier}
        }
    }]))
}

#[test]
fn restoring_the_rds_point_under_a_new_identifier_makes_a_new_db_and_leaves_the_original() {
    let simulation = run(
        &restore_app_db_as("app-db-restored"),
        "2024-01-15T18:00:00Z",
    );
    let jobs: Vec<_> = simulation.restore_jobs().iter().collect();
    assert_eq!(jobs.len(), 1);
    let job = jobs[0];
    assert_eq!(job.state, RestoreJobState::Completed);
    let states: Vec<_> = // `.1` of each entry, whether the history yields entries or references to them.
    job.history.iter().map(|entry| entry.1).collect();
    assert_eq!(
        states,
        [
            RestoreJobState::Created,
            RestoreJobState::Pending,
            RestoreJobState::Running,
            RestoreJobState::Completed
        ]
    );
    let created = "arn:aws:rds:us-east-1:111122223333:db:app-db-restored";
    assert_eq!(job.created_resource_arn.as_deref(), Some(created));
    assert!(
        job.endpoint
            .as_deref()
            .is_some_and(|e| e.starts_with("app-db-restored.") && e.ends_with(".rds.amazonaws.com")),
        "{:?}",
        job.endpoint
    );
    // The restore read the night's RDS snapshot in the primary vault.
    let rp = &simulation.world().recovery_points[job.recovery_point as usize];
    assert_eq!(rp.resource as usize, resource(&simulation, RDS));
    assert_eq!(rp.vault as usize, vault(&simulation, "prod-primary-vault"));
    // The original is untouched; the new database exists beside it, untagged.
    let world = simulation.world();
    let original = &world.resources[resource(&simulation, RDS)];
    assert_eq!(original.arn, RDS);
    assert_eq!(original, &three_tier_resource(RDS));
    let new = &world.resources[resource(&simulation, created)];
    assert!(new.tags.is_empty());
    assert_eq!(new.account, "111122223333");
    assert_eq!(new.region, "us-east-1");
    assert!(audited(&simulation, "StartRestoreJob")[0].allowed());
}

/// A resource as the three-tier scenario sets it up, before anything runs.
fn three_tier_resource(arn: &str) -> vaultsim_core::world::Resource {
    let simulation = Simulation::new(&three_tier()).unwrap();
    let r = resource(&simulation, arn);
    simulation.world().resources[r].clone()
}

#[test]
fn the_new_database_is_not_backed_up_by_the_plan() {
    let simulation = run(
        &restore_app_db_as("app-db-restored"),
        "2024-01-16T12:00:00Z",
    );
    let created = resource(
        &simulation,
        "arn:aws:rds:us-east-1:111122223333:db:app-db-restored",
    );
    assert!(
        simulation
            .backup_jobs()
            .iter()
            .all(|j| j.resource != created)
    );
}

#[test]
fn restoring_the_rds_point_under_the_original_identifier_fails_db_instance_already_exists() {
    let simulation = run(&restore_app_db_as("app-db"), "2024-01-15T18:00:00Z");
    let job = simulation.restore_jobs().iter().next().unwrap();
    assert_eq!(job.state, RestoreJobState::Failed);
    assert!(
        job.status_message.contains("DBInstanceAlreadyExists"),
        "{}",
        job.status_message
    );
    assert_eq!(job.created_resource_arn, None);
    // The call itself was accepted: the job fails later, as the RDS API refuses the name.
    assert!(audited(&simulation, "StartRestoreJob")[0].allowed());
    let rds = simulation
        .world()
        .resources
        .iter()
        .filter(|r| r.arn.starts_with("arn:aws:rds:"))
        .count();
    assert_eq!(rds, 1, "no second database");
}

#[test]
fn two_restores_running_to_the_same_new_identifier_the_second_fails_db_instance_already_exists() {
    let restore = |at: &str| {
        json!({
            "At": at,
            "Operation": "StartRestoreJob",
            "Input": {
                "ResourceArn": RDS,
                "BackupVaultName": "prod-primary-vault",
                "Metadata": {"DBInstanceIdentifier": "app-db-copy"}
            }
        })
    };
    let scenario = three_tier_calling(json!([
        restore("2024-01-15T12:00:00Z"),
        restore("2024-01-15T12:01:00Z")
    ]));
    let simulation = run(&scenario, "2024-01-15T18:00:00Z");
    let states: Vec<_> = simulation.restore_jobs().iter().map(|j| j.state).collect();
    assert_eq!(
        states,
        [RestoreJobState::Completed, RestoreJobState::Failed]
    );
    let second = simulation.restore_jobs().iter().nth(1).unwrap();
    assert!(
        second.status_message.contains("DBInstanceAlreadyExists"),
        "{}",
        second.status_message
    );
    let copies = simulation
        .world()
        .resources
        .iter()
        .filter(|r| r.arn.ends_with(":db:app-db-copy"))
        .count();
    assert_eq!(copies, 1, "one new database");
}

#[test]
fn restore_job_events_use_state_when_created_then_status_and_completed_carries_the_new_arn() {
    let simulation = run(
        &restore_app_db_as("app-db-restored"),
        "2024-01-15T18:00:00Z",
    );
    let events = event_jsons(&simulation, |s| matches!(s, Subject::RestoreJob { .. }));
    let job = simulation.restore_jobs().iter().next().unwrap();
    let rp_arn = job.recovery_point_arn.clone();
    assert_eq!(events.len(), 4);
    for e in &events {
        assert_eq!(e["detail-type"], "Restore Job State Change");
        assert_eq!(e["source"], "aws.backup");
        assert_eq!(e["account"], "111122223333");
        assert_eq!(e["region"], "us-east-1");
        assert_eq!(e["resources"], json!([rp_arn]));
        assert_eq!(e["detail"]["restoreJobId"], job.id.to_string());
    }
    let created = &events[0]["detail"];
    assert_eq!(created["state"], "CREATED");
    assert!(created.get("status").is_none(), "{created}");
    let mut keys: Vec<&String> = created.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["creationDate", "restoreJobId", "state"]);
    for (e, status) in events[1..].iter().zip(["PENDING", "RUNNING", "COMPLETED"]) {
        assert_eq!(e["detail"]["status"], status);
        assert!(e["detail"].get("state").is_none(), "{e}");
        assert_eq!(e["detail"]["resourceType"], "RDS");
    }
    for e in &events[1..3] {
        assert!(e["detail"].get("createdResourceArn").is_none(), "{e}");
        assert!(e["detail"].get("completionDate").is_none(), "{e}");
    }
    let completed = &events[3]["detail"];
    assert_eq!(
        completed["createdResourceArn"],
        "arn:aws:rds:us-east-1:111122223333:db:app-db-restored"
    );
    assert_eq!(completed["sourceResourceArn"], RDS);
    assert_eq!(completed["recoveryPointArn"], json!(rp_arn));
    assert_eq!(
        completed["backupVaultArn"],
        "arn:aws:backup:us-east-1:111122223333:backup-vault:prod-primary-vault"
    );
    let completion = completed["completionDate"].as_str().unwrap();
    assert_eq!(
        completion.parse::<DateTime<Utc>>().unwrap(),
        job.completion.unwrap()
    );
    let time = events[3]["time"].as_str().unwrap();
    assert_eq!(
        time.parse::<DateTime<Utc>>().unwrap(),
        job.completion.unwrap()
    );
}

#[test]
fn a_failed_restore_event_carries_status_failed_and_the_message() {
    let simulation = run(&restore_app_db_as("app-db"), "2024-01-15T18:00:00Z");
    let events = event_jsons(&simulation, |s| matches!(s, Subject::RestoreJob { .. }));
    let last = &events.last().unwrap()["detail"];
    assert_eq!(last["status"], "FAILED");
    assert!(
        last["statusMessage"]
            .as_str()
            .unwrap()
            .contains("DBInstanceAlreadyExists")
    );
    assert!(last.get("createdResourceArn").is_none());
}

// Legal holds and deletion.

#[test]
fn a_legal_hold_delays_lifecycle_deletion_and_its_cancellation_deletes_at_once() {
    // The first night's points (kept 30 days: due 2024-02-14T02:00) are held from 12:00 that
    // day; the hold is cancelled on 2024-02-20.
    let scenario = three_tier_calling(json!([
        {"At": "2024-01-15T12:00:00Z", "Operation": "CreateLegalHold",
         "Input": {"Title": "case-42", "Description": "Litigation hold",
                   "RecoveryPointSelection": {"VaultNames": ["prod-primary-vault"]}}},
        {"At": "2024-02-20T00:00:00Z", "Operation": "CancelLegalHold",
         "Input": {"Title": "case-42", "CancelDescription": "Case closed"}}
    ]));
    let mut simulation = Simulation::new(&scenario).unwrap();
    simulation.run_until(t("2024-02-19T23:59:59Z"));
    let primary = vault(&simulation, "prod-primary-vault");
    let first_night = |s: &Simulation| -> Vec<usize> {
        s.world()
            .recovery_points
            .iter()
            .enumerate()
            .filter(|(_, rp)| {
                rp.vault as usize == primary && rp.creation == t("2024-01-15T02:00:00Z")
            })
            .map(|(i, _)| i)
            .collect()
    };
    let held = first_night(&simulation);
    assert_eq!(held.len(), 3);
    for &i in &held {
        let rp = &simulation.world().recovery_points[i];
        assert_eq!(rp.legal_holds, 1);
        assert!(rp.delete_at().unwrap() < t("2024-02-19T00:00:00Z"));
        assert_eq!(
            rp.storage_class,
            StorageClass::Warm,
            "held past its delete date"
        );
    }
    // The second night's points were made after the hold: deleted on time.
    let second_night: Vec<_> = simulation
        .world()
        .recovery_points
        .iter()
        .filter(|rp| rp.vault as usize == primary && rp.creation == t("2024-01-16T02:00:00Z"))
        .collect();
    assert_eq!(second_night.len(), 3);
    assert!(second_night.iter().all(|rp| rp.is_deleted()));
    let before = simulation.events().len();
    simulation.run_until(t("2024-02-20T00:00:00Z"));
    for &i in &held {
        let rp = &simulation.world().recovery_points[i];
        assert_eq!(rp.legal_holds, 0);
        assert_eq!(rp.storage_class, StorageClass::Deleted);
        assert_eq!(rp.status, RecoveryPointStatus::Deleting);
    }
    let deleted_now: Vec<usize> = simulation.events()[before..]
        .iter()
        .filter(|e| e.time == t("2024-02-20T00:00:00Z"))
        .filter_map(|e| match e.subject {
            Subject::RecoveryPoint {
                recovery_point,
                storage_class: StorageClass::Deleted,
                ..
            } => Some(recovery_point as usize),
            _ => None,
        })
        .collect();
    assert_eq!(deleted_now, held);
    let cancel = audited(&simulation, "CancelLegalHold");
    assert!(cancel[0].allowed(), "{:?}", cancel[0]);
    let hold = &simulation.world().legal_holds[0];
    assert_eq!(hold.status.as_str(), "CANCELED");
    assert_eq!(hold.cancellation, Some(t("2024-02-20T00:00:00Z")));
}

#[test]
fn deleting_a_held_recovery_point_is_refused_and_it_stays() {
    let scenario = three_tier_calling(json!([
        {"At": "2024-01-15T12:00:00Z", "Operation": "CreateLegalHold",
         "Input": {"Title": "case-42", "Description": "Litigation hold",
                   "RecoveryPointSelection": {"ResourceIdentifiers": [RDS]}}},
        {"At": "2024-01-15T13:00:00Z", "Operation": "DeleteRecoveryPoint",
         "Input": {"BackupVaultName": "prod-primary-vault", "ResourceArn": RDS}}
    ]));
    let simulation = run(&scenario, "2024-01-15T14:00:00Z");
    let delete = audited(&simulation, "DeleteRecoveryPoint");
    assert_eq!(denied_with(delete[0]), "InvalidRequestException");
    assert!(
        delete[0].message.contains("legal hold"),
        "{}",
        delete[0].message
    );
    let rds = resource(&simulation, RDS);
    let points: Vec<_> = simulation
        .world()
        .recovery_points
        .iter()
        .filter(|rp| rp.resource as usize == rds)
        .collect();
    // The night's point in the primary vault is held; its copy in DR is not (holds stay with the
    // point they are placed on, and the hold is in the production account).
    assert_eq!(points.len(), 2);
    assert!(points.iter().all(|rp| !rp.is_deleted()));
    let primary = vault(&simulation, "prod-primary-vault");
    for rp in points {
        assert_eq!(rp.legal_holds, u8::from(rp.vault as usize == primary));
    }
}

#[test]
fn deleting_a_recovery_point_in_an_unlocked_vault_is_allowed_and_reported_deleting() {
    let scenario = three_tier_calling(json!([{
        "At": "2024-01-15T12:00:00Z",
        "Operation": "DeleteRecoveryPoint",
        "Input": {"BackupVaultName": "prod-primary-vault", "ResourceArn": EFS}
    }]));
    let simulation = run(&scenario, "2024-01-15T13:00:00Z");
    let delete = audited(&simulation, "DeleteRecoveryPoint");
    assert!(delete[0].allowed(), "{:?}", delete[0]);
    let efs = resource(&simulation, EFS);
    let primary = vault(&simulation, "prod-primary-vault");
    let (i, rp) = simulation
        .world()
        .recovery_points
        .iter()
        .enumerate()
        .find(|(_, rp)| rp.resource as usize == efs && rp.vault as usize == primary)
        .unwrap();
    assert!(rp.is_deleted());
    assert_eq!(
        delete[0].resources,
        [simulation.world().recovery_point_arn(i)]
    );
    let events: Vec<_> = simulation
        .events()
        .iter()
        .filter(|e| e.time == t("2024-01-15T12:00:00Z"))
        .map(|e| simulation.event_json(e))
        .collect();
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e["detail-type"], "Recovery Point State Change");
    assert_eq!(e["detail"]["status"], "DELETING");
    assert_eq!(e["detail"]["storageClass"], "DELETED");
    assert_eq!(e["detail"]["resourceArn"], EFS);
    assert_eq!(
        e["resources"],
        json!([simulation.world().recovery_point_arn(i)])
    );
    // Its copy in the DR vault is another recovery point, and stays.
    let dr = vault(&simulation, "dr-vault");
    assert!(
        simulation
            .world()
            .recovery_points_in(dr)
            .any(|rp| rp.resource as usize == efs)
    );
}

#[test]
fn deleting_a_recovery_point_that_does_not_exist_is_resource_not_found() {
    let scenario = three_tier_calling(json!([{
        "At": "2024-01-15T12:00:00Z",
        "Operation": "DeleteRecoveryPoint",
        "Input": {"BackupVaultName": "prod-primary-vault",
                  "RecoveryPointArn": "arn:aws:backup:us-east-1:111122223333:recovery-point:nope"}
    }]));
    let simulation = run(&scenario, "2024-01-15T13:00:00Z");
    assert_eq!(
        denied_with(audited(&simulation, "DeleteRecoveryPoint")[0]),
        "ResourceNotFoundException"
    );
}

// Vault locks.

fn put_lock(at: &str, changeable_for_days: i64) -> Value {
    json!({"At": at, "Operation": "PutBackupVaultLockConfiguration",
           "Input": {"BackupVaultName": "prod-primary-vault", "MinRetentionDays": 7,
                     "MaxRetentionDays": 3650, "ChangeableForDays": changeable_for_days}})
}

fn delete_lock(at: &str) -> Value {
    json!({"At": at, "Operation": "DeleteBackupVaultLockConfiguration",
           "Input": {"BackupVaultName": "prod-primary-vault"}})
}

fn vault_events(simulation: &Simulation) -> Vec<Value> {
    event_jsons(simulation, |s| matches!(s, Subject::Vault { .. }))
}

#[test]
fn a_compliance_lock_with_a_grace_time_under_3_days_is_refused() {
    let scenario = three_tier_calling(json!([put_lock("2024-01-15T10:00:00Z", 2)]));
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let put = audited(&simulation, "PutBackupVaultLockConfiguration");
    assert_eq!(denied_with(put[0]), "InvalidParameterValueException");
    assert!(simulation.world().vaults[0].lock.is_none());
    assert!(vault_events(&simulation).is_empty());
}

#[test]
fn a_compliance_lock_becomes_immutable_at_its_lock_date_and_then_cannot_be_deleted() {
    let scenario = three_tier_calling(json!([
        put_lock("2024-01-15T10:00:00Z", 3),
        delete_lock("2024-01-18T10:00:00Z"),
    ]));
    let simulation = run(&scenario, "2024-01-18T12:00:00Z");
    let put = audited(&simulation, "PutBackupVaultLockConfiguration");
    assert!(put[0].allowed(), "{:?}", put[0]);
    let lock = simulation.world().vaults[0].lock.clone().expect("locked");
    assert_eq!(lock.lock_date, Some(t("2024-01-18T10:00:00Z")));
    assert_eq!(lock.mode(), "compliance");
    let events = vault_events(&simulation);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["detail-type"], "Backup Vault State Change");
    assert_eq!(events[0]["time"], "2024-01-15T10:00:00Z");
    assert_eq!(
        events[0]["detail"],
        json!({"backupVaultName": "prod-primary-vault", "state": "MODIFIED", "isLocked": "true"})
    );
    assert_eq!(
        events[0]["resources"],
        json!(["arn:aws:backup:us-east-1:111122223333:backup-vault:prod-primary-vault"])
    );
    let delete = audited(&simulation, "DeleteBackupVaultLockConfiguration");
    assert_eq!(denied_with(delete[0]), "InvalidRequestException");
    assert!(simulation.world().vaults[0].lock.is_some());
}

#[test]
fn a_compliance_lock_can_be_deleted_during_its_grace_time() {
    let scenario = three_tier_calling(json!([
        put_lock("2024-01-15T10:00:00Z", 3),
        delete_lock("2024-01-18T09:59:59Z"),
    ]));
    let simulation = run(&scenario, "2024-01-18T12:00:00Z");
    let delete = audited(&simulation, "DeleteBackupVaultLockConfiguration");
    assert!(delete[0].allowed(), "{:?}", delete[0]);
    assert!(simulation.world().vaults[0].lock.is_none());
    let events = vault_events(&simulation);
    assert_eq!(events.len(), 2);
    assert_eq!(events[1]["detail"]["isLocked"], "false");
}

#[test]
fn a_locked_vault_refuses_deleting_its_recovery_points_even_in_grace_time() {
    let scenario = three_tier_calling(json!([
        put_lock("2024-01-15T10:00:00Z", 3),
        {"At": "2024-01-15T11:00:00Z", "Operation": "DeleteRecoveryPoint",
         "Input": {"BackupVaultName": "prod-primary-vault", "ResourceArn": EC2}}
    ]));
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let delete = audited(&simulation, "DeleteRecoveryPoint");
    assert_eq!(denied_with(delete[0]), "InvalidRequestException");
    let primary = vault(&simulation, "prod-primary-vault");
    assert_eq!(simulation.world().recovery_points_in(primary).count(), 3);
}

#[test]
fn an_immutable_lock_cannot_be_changed_either() {
    let scenario = three_tier_calling(json!([
        put_lock("2024-01-15T10:00:00Z", 3),
        put_lock("2024-01-19T10:00:00Z", 30),
    ]));
    let simulation = run(&scenario, "2024-01-19T12:00:00Z");
    let put = audited(&simulation, "PutBackupVaultLockConfiguration");
    assert!(put[0].allowed());
    assert_eq!(denied_with(put[1]), "InvalidRequestException");
    let lock = simulation.world().vaults[0].lock.clone().unwrap();
    assert_eq!(lock.lock_date, Some(t("2024-01-18T10:00:00Z")));
}

// Faults.

#[test]
fn a_failure_rate_of_one_for_rds_fails_every_rds_job_and_no_other() {
    let scenario = three_tier_with(|s| {
        s["Faults"] = json!([{"Fault": "FailureRate", "ResourceType": "RDS", "Probability": 1.0}])
    });
    let simulation = run(&scenario, "2024-01-18T00:00:00Z");
    let rds = backup_jobs_of(&simulation, RDS);
    assert_eq!(rds.len(), 3);
    for job in rds {
        assert_eq!(job.state, BackupJobState::Failed);
        assert!(
            job.status_message.contains("vaultsim fault"),
            "{}",
            job.status_message
        );
    }
    for arn in [EC2, EFS] {
        assert!(
            backup_jobs_of(&simulation, arn)
                .iter()
                .all(|j| j.state == BackupJobState::Completed)
        );
    }
    // No RDS point, so no RDS copy.
    assert_eq!(simulation.copy_jobs().len(), 6);
}

#[test]
fn a_job_failure_fails_the_next_job_of_the_resource_only() {
    let scenario = three_tier_with(|s| {
        s["Faults"] =
            json!([{"Fault": "JobFailure", "ResourceArn": EC2, "At": "2024-01-16T00:00:00Z"}])
    });
    let simulation = run(&scenario, "2024-01-18T00:00:00Z");
    let jobs = backup_jobs_of(&simulation, EC2);
    let by_night: Vec<_> = jobs.iter().map(|j| (j.creation, j.state)).collect();
    assert_eq!(
        by_night,
        [
            (t("2024-01-15T02:00:00Z"), BackupJobState::Completed),
            (t("2024-01-16T02:00:00Z"), BackupJobState::Failed),
            (t("2024-01-17T02:00:00Z"), BackupJobState::Completed),
        ]
    );
    assert!(jobs[1].status_message.contains("job failure"));
    assert!(
        simulation
            .backup_jobs()
            .iter()
            .filter(|j| j.state == BackupJobState::Failed)
            .count()
            == 1
    );
}

#[test]
/// A copy meeting a system error "enters a retry phase that lasts for 2 hours"
/// (dg:recov-point-create-a-copy.html): a day-long outage outlasts it, and the copy fails.
fn a_region_outage_longer_than_the_two_hour_retry_phase_fails_copies_into_that_region() {
    let scenario = three_tier_with(|s| {
        s["Faults"] = json!([{"Fault": "RegionOutage", "Region": "eu-west-1",
                              "From": "2024-01-15T00:00:00Z", "Until": "2024-01-16T00:00:00Z"}])
    });
    let simulation = run(&scenario, "2024-01-16T12:00:00Z");
    let copies: Vec<_> = simulation.copy_jobs().iter().collect();
    assert_eq!(copies.len(), 6);
    for copy in &copies {
        if copy.creation < t("2024-01-16T00:00:00Z") {
            assert_eq!(copy.state, CopyJobState::Failed);
            assert!(
                copy.status_message.contains("unavailable in eu-west-1"),
                "{}",
                copy.status_message
            );
        } else {
            assert_eq!(copy.state, CopyJobState::Completed);
        }
    }
    // Backups in us-east-1 are not affected.
    assert!(
        simulation
            .backup_jobs()
            .iter()
            .all(|j| j.state == BackupJobState::Completed)
    );
}

#[test]
fn a_resource_busy_past_the_start_window_makes_its_job_expire_at_start_by() {
    let scenario = three_tier_with(|s| {
        s["Faults"] = json!([{"Fault": "ResourceBusy", "ResourceArn": RDS,
                              "From": "2024-01-15T01:00:00Z", "Until": "2024-01-15T05:00:00Z"}])
    });
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let job = backup_jobs_of(&simulation, RDS)[0];
    assert_eq!(job.state, BackupJobState::Expired);
    assert_eq!(
        states(job),
        [BackupJobState::Created, BackupJobState::Expired]
    );
    assert_eq!(job.start_by, t("2024-01-15T03:00:00Z"));
    assert_eq!(job.completion, Some(job.start_by));
    assert!(
        job.status_message.contains("busy"),
        "{}",
        job.status_message
    );
}

#[test]
fn a_resource_busy_inside_the_start_window_only_delays_its_job() {
    let scenario = three_tier_with(|s| {
        s["Faults"] = json!([{"Fault": "ResourceBusy", "ResourceArn": RDS,
                              "From": "2024-01-15T01:00:00Z", "Until": "2024-01-15T02:25:00Z"}])
    });
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let job = backup_jobs_of(&simulation, RDS)[0];
    assert_eq!(job.state, BackupJobState::Completed);
    let pending = job.history.iter().nth(1).unwrap();
    assert_eq!(pending.1, BackupJobState::Pending);
    assert!(pending.0 >= t("2024-01-15T02:25:00Z"), "{:?}", states(job));
}

#[test]
fn a_resource_freed_in_the_last_ten_minutes_of_the_start_window_still_gets_its_backup() {
    // The start window is 02:00 to 03:00; retries every 10 minutes would next come after 03:00.
    let scenario = three_tier_with(|s| {
        s["Faults"] = json!([{"Fault": "ResourceBusy", "ResourceArn": RDS,
                              "From": "2024-01-15T01:00:00Z", "Until": "2024-01-15T02:55:00Z"}])
    });
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let job = backup_jobs_of(&simulation, RDS)[0];
    assert_eq!(job.state, BackupJobState::Completed, "{:?}", states(job));
    let pending = job.history.iter().nth(1).unwrap();
    assert_eq!(
        pending,
        (t("2024-01-15T02:59:59Z"), BackupJobState::Pending)
    );
}

/// The three-tier scenario without copy actions, so that every recovery point of a resource is
/// a backup in the primary vault.
fn three_tier_without_copies(change: impl FnOnce(&mut Value)) -> Scenario {
    three_tier_with(|s| {
        s["Plans"][0]["Document"]["Rules"][0]
            .as_object_mut()
            .unwrap()
            .remove("CopyActions");
        change(s);
    })
}

#[test]
fn corruption_marks_later_points_and_recovery_picks_the_newest_clean_one() {
    let scenario = three_tier_without_copies(|s| {
        s["Faults"] =
            json!([{"Fault": "Corruption", "ResourceArn": RDS, "At": "2024-01-17T12:00:00Z"}])
    });
    let simulation = run(&scenario, "2024-01-20T00:00:00Z");
    let rds = resource(&simulation, RDS);
    let world = simulation.world();
    let points: Vec<(usize, DateTime<Utc>, bool)> = world
        .recovery_points
        .iter()
        .enumerate()
        .filter(|(_, rp)| rp.resource as usize == rds)
        .map(|(i, rp)| (i, rp.creation, rp.corrupted))
        .collect();
    assert_eq!(points.len(), 5);
    for (_, creation, corrupted) in &points {
        assert_eq!(
            *corrupted,
            *creation > t("2024-01-17T12:00:00Z"),
            "{creation}"
        );
    }
    let objectives = simulation.recovery_objectives(rds);
    assert_eq!(objectives.loss, t("2024-01-17T12:00:00Z"));
    let newest_clean = points
        .iter()
        .find(|(_, c, _)| *c == t("2024-01-17T02:00:00Z"))
        .unwrap();
    assert_eq!(
        objectives.chosen_point(),
        Some((newest_clean.0, t("2024-01-17T02:00:00Z")))
    );
    assert_eq!(objectives.rpo, Some(Duration::hours(10)));
    assert!(objectives.rto.is_some_and(|d| d > Duration::minutes(10)));
    // Another resource, never corrupted: its loss is now, its newest point the last night's.
    let ec2 = resource(&simulation, EC2);
    let clean = simulation.recovery_objectives(ec2);
    assert_eq!(clean.loss, t("2024-01-20T00:00:00Z"));
    assert_eq!(clean.rpo, Some(Duration::hours(22)));
}

#[test]
fn the_rpo_of_a_copied_point_counts_from_the_backup_not_from_the_copy() {
    let scenario = three_tier_with(|s| {
        s["Faults"] =
            json!([{"Fault": "Corruption", "ResourceArn": RDS, "At": "2024-01-17T12:00:00Z"}])
    });
    let simulation = run(&scenario, "2024-01-20T00:00:00Z");
    let objectives = simulation.recovery_objectives(resource(&simulation, RDS));
    // The newest clean data is the 02:00 backup of 2024-01-17, in either vault: 10 hours lost.
    assert_eq!(objectives.rpo, Some(Duration::hours(10)));
}

// Continuous backup.

/// The daily rule made continuous (35 days, the most a continuous backup keeps), still copied
/// to the DR vault.
fn continuous_daily(change: impl FnOnce(&mut Value)) -> Scenario {
    three_tier_with(|s| {
        let rule = &mut s["Plans"][0]["Document"]["Rules"][0];
        rule["EnableContinuousBackup"] = json!(true);
        rule["Lifecycle"] = json!({"DeleteAfterDays": 35});
        change(s);
    })
}

#[test]
fn a_continuous_rule_keeps_one_continuous_recovery_point_across_daily_runs() {
    let simulation = run(&continuous_daily(|_| {}), "2024-01-19T00:00:00Z");
    let rds = resource(&simulation, RDS);
    let primary = vault(&simulation, "prod-primary-vault");
    let jobs = backup_jobs_of(&simulation, RDS);
    assert_eq!(jobs.len(), 4);
    assert!(
        jobs.iter()
            .all(|j| j.continuous && j.state == BackupJobState::Completed)
    );
    let points: Vec<_> = simulation
        .world()
        .recovery_points_in(primary)
        .filter(|rp| rp.resource as usize == rds)
        .collect();
    assert_eq!(points.len(), 1);
    assert!(points[0].continuous);
    assert_eq!(points[0].creation, t("2024-01-15T02:00:00Z"));
    assert!(points[0].completion() > t("2024-01-18T02:00:00Z"));
    let rp = jobs[0].recovery_point.unwrap();
    assert!(jobs.iter().all(|j| j.recovery_point == Some(rp)));
    assert!(
        simulation
            .world()
            .recovery_point_arn(rp as usize)
            .starts_with("arn:aws:backup:us-east-1:111122223333:recovery-point:")
    );
    // EC2 and EFS have no continuous backup: they get a snapshot each night.
    for arn in [EC2, EFS] {
        let r = resource(&simulation, arn);
        let n = simulation
            .world()
            .recovery_points_in(primary)
            .filter(|rp| rp.resource as usize == r)
            .count();
        assert_eq!(n, 4, "{arn}");
    }
}

#[test]
fn a_rule_run_copy_of_a_continuous_point_is_a_snapshot_in_the_destination() {
    let simulation = run(&continuous_daily(|_| {}), "2024-01-17T00:00:00Z");
    let rds = resource(&simulation, RDS);
    let dr = vault(&simulation, "dr-vault");
    let copies: Vec<_> = simulation
        .world()
        .recovery_points_in(dr)
        .filter(|rp| rp.resource as usize == rds)
        .collect();
    assert_eq!(copies.len(), 2, "one a night");
    for copy in copies {
        assert!(!copy.continuous);
        let source = &simulation.world().recovery_points[copy.copied_from.unwrap() as usize];
        assert!(source.continuous);
    }
}

#[test]
fn start_copy_job_of_a_continuous_point_is_refused() {
    let scenario = continuous_daily(|s| {
        s["Operations"] = json!([{
            "At": "2024-01-15T12:00:00Z",
            "Operation": "StartCopyJob",
            "Input": {"ResourceArn": RDS, "SourceBackupVaultName": "prod-primary-vault",
                      "DestinationBackupVaultArn": DR_VAULT, "IamRoleArn": ROLE}
        }]);
    });
    let simulation = run(&scenario, "2024-01-15T13:00:00Z");
    let copy = audited(&simulation, "StartCopyJob");
    assert_eq!(denied_with(copy[0]), "InvalidParameterValueException");
    assert_eq!(
        copy[0].message,
        "StartCopyJob does not support continuous backups."
    );
    assert_eq!(simulation.copy_jobs().len(), 3, "only the night's");
}

#[test]
fn start_copy_job_of_a_snapshot_copies_it() {
    let scenario = three_tier_calling(json!([{
        "At": "2024-01-15T12:00:00Z",
        "Operation": "StartCopyJob",
        "Input": {"ResourceArn": EFS, "SourceBackupVaultName": "prod-primary-vault",
                  "DestinationBackupVaultArn": DR_VAULT, "IamRoleArn": ROLE}
    }]));
    let simulation = run(&scenario, "2024-01-15T18:00:00Z");
    assert!(audited(&simulation, "StartCopyJob")[0].allowed());
    let copies: Vec<_> = simulation.copy_jobs().iter().collect();
    assert_eq!(copies.len(), 4);
    assert_eq!(copies[3].creation, t("2024-01-15T12:00:00Z"));
    assert_eq!(copies[3].state, CopyJobState::Completed);
}

#[test]
fn a_continuous_point_outlives_its_retention_while_the_rule_keeps_running() {
    let simulation = run(&continuous_daily(|_| {}), "2024-02-25T00:00:00Z");
    let rds = resource(&simulation, RDS);
    let continuous: Vec<_> = simulation
        .world()
        .recovery_points
        .iter()
        .filter(|rp| rp.resource as usize == rds && rp.continuous)
        .collect();
    assert_eq!(continuous.len(), 1, "still the one continuous backup");
    assert!(!continuous[0].is_deleted());
}

#[test]
fn a_legal_hold_does_not_extend_a_continuous_backup() {
    // "Legal holds do not extend a continuous backup lifecycle": with a hold on it, the
    // continuous point still restores only the last 35 days.
    let scenario = continuous_daily(|s| {
        s["Operations"] = json!([
            {"At": "2024-01-15T12:00:00Z", "Operation": "CreateLegalHold",
             "Input": {"Title": "hold", "Description": "d",
                       "RecoveryPointSelection": {"ResourceIdentifiers": [RDS]}}},
            {"At": "2024-02-24T00:00:00Z", "Operation": "StartRestoreJob",
             "Input": {"ResourceArn": RDS, "BackupVaultName": "prod-primary-vault",
                       "RestoreTime": "2024-01-16T00:00:00Z",
                       "Metadata": {"DBInstanceIdentifier": "app-db-restored"}}},
            {"At": "2024-02-24T00:00:00Z", "Operation": "StartRestoreJob",
             "Input": {"ResourceArn": RDS, "BackupVaultName": "prod-primary-vault",
                       "RestoreTime": "2024-02-01T00:00:00Z",
                       "Metadata": {"DBInstanceIdentifier": "app-db-restored"}}}
        ]);
    });
    let simulation = run(&scenario, "2024-02-25T00:00:00Z");
    let rds = resource(&simulation, RDS);
    let point = simulation
        .world()
        .recovery_points
        .iter()
        .find(|rp| rp.resource as usize == rds && rp.continuous)
        .unwrap();
    assert_eq!(point.legal_holds, 1);
    let restores = audited(&simulation, "StartRestoreJob");
    assert_eq!(
        restores[0].decision,
        Decision::Denied {
            error_code: "InvalidParameterValueException"
        },
        "{}",
        restores[0].message
    );
    assert!(restores[1].allowed(), "{}", restores[1].message);
}

// The rule-overlap optimisation.

/// Two daily rules of the plan: the first at `first` kept 30 days, the second at `second` kept
/// 90 days, each with a 60-minute start window.
fn two_rules(first: &str, second: &str) -> Scenario {
    three_tier_with(|s| {
        s["Plans"][0]["Document"]["Rules"] = json!([
            {"RuleName": "Short", "TargetBackupVaultName": "prod-primary-vault",
             "ScheduleExpression": first, "StartWindowMinutes": 60,
             "Lifecycle": {"DeleteAfterDays": 30}},
            {"RuleName": "Long", "TargetBackupVaultName": "prod-primary-vault",
             "ScheduleExpression": second, "StartWindowMinutes": 60,
             "Lifecycle": {"DeleteAfterDays": 90}}
        ]);
    })
}

fn rules_that_backed_up(simulation: &Simulation) -> Vec<usize> {
    let mut rules: Vec<usize> = simulation
        .backup_jobs()
        .iter()
        .map(|j| j.rule.unwrap().1)
        .collect();
    rules.dedup();
    rules
}

#[test]
fn overlapping_rules_back_up_only_for_the_longer_retention_when_it_runs_later() {
    let simulation = run(
        &two_rules("cron(0 2 * * ? *)", "cron(30 2 * * ? *)"),
        "2024-01-17T00:00:00Z",
    );
    assert_eq!(simulation.backup_jobs().len(), 6);
    assert_eq!(rules_that_backed_up(&simulation), [1]);
    assert!(
        simulation
            .backup_jobs()
            .iter()
            .all(|j| j.lifecycle.delete_after_days == Some(90))
    );
}

#[test]
fn overlapping_rules_back_up_only_for_the_longer_retention_when_it_runs_first() {
    let simulation = run(
        &two_rules("cron(30 2 * * ? *)", "cron(0 2 * * ? *)"),
        "2024-01-17T00:00:00Z",
    );
    assert_eq!(simulation.backup_jobs().len(), 6);
    assert_eq!(rules_that_backed_up(&simulation), [1]);
}

#[test]
fn rules_whose_start_windows_do_not_overlap_both_back_up() {
    // The first window is 02:00 to 03:00; the second rule runs at 03:00.
    let simulation = run(
        &two_rules("cron(0 2 * * ? *)", "cron(0 3 * * ? *)"),
        "2024-01-16T00:00:00Z",
    );
    assert_eq!(simulation.backup_jobs().len(), 6);
    let mut rules = rules_that_backed_up(&simulation);
    rules.sort();
    assert_eq!(rules, [0, 1]);
}

// Malformed operations.

#[test]
fn an_unknown_operation_is_refused_with_a_diagnostic_at_its_name() {
    let errors = three_tier_calling_errors(json!([{
        "At": "2024-01-15T12:00:00Z",
        "Operation": "StartBackup",
        "Input": {"BackupVaultName": "prod-primary-vault", "ResourceArn": EC2, "IamRoleArn": ROLE}
    }]));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, "scenario-operation");
    assert_eq!(
        errors[0].pointer.as_deref(),
        Some("/Operations/0/Operation")
    );
    assert!(
        errors[0].message.contains("StartBackup"),
        "{}",
        errors[0].message
    );
    assert!(
        errors[0].help.contains("StartBackupJob"),
        "{}",
        errors[0].help
    );
}

#[test]
fn a_misspelt_input_member_is_refused_with_a_diagnostic_at_the_input() {
    let errors = three_tier_calling_errors(json!([
        {"At": "2024-01-15T10:00:00Z", "Operation": "StopBackupJob",
         "Input": {"ResourceArn": EFS}},
        {"At": "2024-01-15T12:00:00Z", "Operation": "StartRestoreJob",
         "Input": {"ResourceArn": RDS, "BackupVaultNam": "prod-primary-vault"}}
    ]));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, "scenario-operation");
    assert_eq!(errors[0].pointer.as_deref(), Some("/Operations/1/Input"));
    assert!(
        errors[0].message.contains("BackupVaultNam"),
        "{}",
        errors[0].message
    );
}

#[test]
fn a_request_naming_neither_the_point_nor_the_resource_is_refused() {
    let errors = three_tier_calling_errors(json!([{
        "At": "2024-01-15T12:00:00Z", "Operation": "DeleteRecoveryPoint",
        "Input": {"BackupVaultName": "prod-primary-vault"}
    }]));
    assert_eq!(errors[0].pointer.as_deref(), Some("/Operations/0/Input"));
}

#[test]
fn a_misspelt_operation_member_is_refused_by_the_scenario_reader() {
    let mut value = serde_json::to_value(three_tier()).unwrap();
    value["Operations"] = json!([{"At": "2024-01-15T12:00:00Z", "Operaton": "StopBackupJob"}]);
    let errors = Scenario::from_json(&value.to_string()).unwrap_err();
    assert_eq!(errors[0].code, "scenario-invalid");
    assert!(
        errors[0].message.contains("Operaton"),
        "{}",
        errors[0].message
    );
}

#[test]
fn an_operation_time_that_is_not_rfc_3339_is_placed_at_its_at() {
    let mut value = serde_json::to_value(three_tier()).unwrap();
    value["Operations"] = json!([{"At": "tomorrow", "Operation": "StopBackupJob",
                                   "Input": {"ResourceArn": EFS}}]);
    let errors = Scenario::from_json(&value.to_string()).unwrap_err();
    assert_eq!(errors[0].code, "scenario-time");
    assert_eq!(errors[0].pointer.as_deref(), Some("/Operations/0/At"));
}

// The built-in scenarios that show refusals.

#[test]
fn every_builtin_scenario_sets_up_a_simulation() {
    for name in BUILTINS.iter().filter(|n| !n.starts_with("fleet-")) {
        let scenario = Scenario::builtin(name).unwrap();
        assert_eq!(scenario.name, *name);
        assert!(Simulation::new(&scenario).is_ok(), "{name}");
    }
}

#[test]
fn the_compliance_vault_lock_scenario_shows_the_locks_teeth() {
    let simulation = run(
        &Scenario::builtin("compliance-vault-lock").unwrap(),
        "2024-01-22T00:00:00Z",
    );
    let lock = simulation.world().vaults[0].lock.clone().unwrap();
    assert_eq!(lock.min_retention_days, Some(7));
    assert_eq!(lock.max_retention_days, Some(365));
    assert_eq!(lock.lock_date, Some(t("2024-01-18T00:00:00Z")));
    for job in simulation.backup_jobs() {
        let retention = job.lifecycle.delete_after_days;
        match retention {
            Some(35) => assert_eq!(job.state, BackupJobState::Completed),
            Some(3) => {
                assert_eq!(job.state, BackupJobState::Failed);
                assert!(
                    job.status_message.contains("vault lock"),
                    "{}",
                    job.status_message
                );
            }
            other => panic!("unexpected retention {other:?}"),
        }
    }
    let denied = |name: &str| denied_with(audited(&simulation, name)[0]);
    assert_eq!(denied("DeleteRecoveryPoint"), "InvalidRequestException");
    assert_eq!(
        denied("UpdateRecoveryPointLifecycle"),
        "InvalidRequestException"
    );
    assert_eq!(
        denied("DeleteBackupVaultLockConfiguration"),
        "InvalidRequestException"
    );
    assert!(audited(&simulation, "CreateLegalHold")[0].allowed());
    assert!(audited(&simulation, "CancelLegalHold")[0].allowed());
    let hold = &simulation.world().legal_holds[0];
    assert_eq!(hold.status.as_str(), "CANCELED");
    assert!(!hold.recovery_points.is_empty());
    assert!(
        simulation
            .world()
            .recovery_points
            .iter()
            .all(|rp| !rp.is_deleted())
    );
}

#[test]
/// "Access Denied trying to call AWS Backup service" is the text AWS gives for a copy the
/// destination vault's access policy refuses (repost.aws/knowledge-center/
/// backup-resolve-access-denied-error); the audit trail says which policy refused it.
fn the_cross_account_denied_scenario_fails_every_copy_with_access_denied() {
    let simulation = run(
        &Scenario::builtin("cross-account-denied").unwrap(),
        "2024-01-17T00:00:00Z",
    );
    assert!(
        simulation
            .backup_jobs()
            .iter()
            .all(|j| j.state == BackupJobState::Completed)
    );
    let copies: Vec<_> = simulation.copy_jobs().iter().collect();
    assert_eq!(copies.len(), 6);
    for copy in &copies {
        assert_eq!(copy.state, CopyJobState::Failed);
        assert_eq!(
            copy.status_message,
            "Access Denied trying to call AWS Backup service"
        );
    }
    let dr = vault(&simulation, "dr-vault");
    assert_eq!(simulation.world().recovery_points_in(dr).count(), 0);
    let trail = simulation.audit_trail();
    assert_eq!(trail.len(), 6);
    for entry in trail {
        assert_eq!(entry.event_name, "CopyIntoBackupVault");
        assert_eq!(denied_with(entry), "AccessDeniedException");
        assert_eq!(entry.principal, ROLE);
        assert_eq!(entry.resources, [DR_VAULT]);
        assert_eq!(entry.to_json()["errorCode"], "AccessDeniedException");
        assert!(
            entry
                .message
                .contains("backup:CopyIntoBackupVault from account 111122223333"),
            "{}",
            entry.message
        );
    }
    let failed = event_jsons(&simulation, |s| {
        matches!(
            s,
            Subject::CopyJob {
                state: CopyJobState::Failed,
                ..
            }
        )
    });
    assert_eq!(failed.len(), 6);
    assert!(failed.iter().all(|e| {
        e["detail"]["statusMessage"].as_str().unwrap()
            == "Access Denied trying to call AWS Backup service"
    }));
}
