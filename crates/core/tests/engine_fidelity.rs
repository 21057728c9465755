//! The simulation against what AWS documents, behaviour by behaviour. Each test quotes its
//! source; the facts and their evidence are in data/reference/docs/engine-behaviour.md and
//! data/reference/docs/feature-availability.md.

mod common;

use chrono::Duration;
use common::{t, three_tier_with, vault};
use serde_json::{Value, json};
use vaultsim_core::engine::{
    BackupJobState, CopyJobState, Decision, Simulation, Subject, VaultChange,
};
use vaultsim_core::scenario::Scenario;
use vaultsim_core::world::StorageClass;

const PROD: &str = "111122223333";
const DR: &str = "444455556666";
const ROLE: &str = "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole";
const EBS: &str = "arn:aws:ec2:us-east-1:111122223333:volume/vol-0123456789abcdef0";
const EC2: &str = "arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f60718";
const EFS: &str =
    "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0123456789abcdef0";
const RDS: &str = "arn:aws:rds:us-east-1:111122223333:db:orders";
const DDB: &str = "arn:aws:dynamodb:us-east-1:111122223333:table/orders";
const S3: &str = "arn:aws:s3:::orders-bucket";
const ONTAP: &str =
    "arn:aws:fsx:us-east-1:111122223333:volume/fs-0123456789abcdef0/fsvol-0123456789abcdef0";
const LAG: &str = "arn:aws:backup:us-east-1:111122223333:backup-vault:air-gapped";

/// A production account (and a DR account in the same Organization) whose `resources`, tagged
/// Backup=true, are backed up by one daily 02:00 rule (`rule` is merged into it) into `prod`.
fn scenario(resources: &[&str], rule: Value, change: impl FnOnce(&mut Value)) -> Scenario {
    let mut rule_json = json!({
        "RuleName": "daily",
        "TargetBackupVaultName": "prod",
        "ScheduleExpression": "cron(0 2 * * ? *)",
        "StartWindowMinutes": 60,
        "CompletionWindowMinutes": 600,
        "Lifecycle": {"DeleteAfterDays": 35}
    });
    for (k, v) in rule.as_object().unwrap() {
        rule_json[k] = v.clone();
    }
    let mut value = json!({
        "StartTime": "2024-01-15T00:00:00Z",
        "Seed": 7,
        "Accounts": [
            {"Id": PROD, "Regions": ["us-east-1"], "OrganizationId": "o-a1b2c3d4e5"},
            {"Id": DR, "Regions": ["eu-west-1"], "OrganizationId": "o-a1b2c3d4e5"}
        ],
        "Resources": resources.iter().map(|arn| json!({
            "Arn": arn, "Tags": {"Backup": "true"}, "SizeGb": 20
        })).collect::<Vec<_>>(),
        "Vaults": [
            {"Name": "prod", "Account": PROD, "Region": "us-east-1"},
            {"Name": "second", "Account": PROD, "Region": "us-east-1"},
            {"Name": "dr", "Account": DR, "Region": "eu-west-1", "AccessPolicy": {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{PROD}:root")},
                               "Action": "backup:CopyIntoBackupVault", "Resource": "*"}]}},
            {"Name": "air-gapped", "Account": PROD, "Region": "us-east-1", "AirGapped": true,
             "Lock": {"MinRetentionDays": 7, "MaxRetentionDays": 365}}
        ],
        "Plans": [{"Account": PROD, "Region": "us-east-1", "Document": {
            "BackupPlanName": "plan",
            "Rules": [rule_json],
            "Selections": [{"SelectionName": "tagged", "IamRoleArn": ROLE,
                "ListOfTags": [{"ConditionType": "STRINGEQUALS", "ConditionKey": "Backup", "ConditionValue": "true"}]}]
        }}]
    });
    change(&mut value);
    Scenario::from_json(&value.to_string()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn run(scenario: &Scenario, until: &str) -> Simulation {
    common::run(scenario, until)
}

fn resource(simulation: &Simulation, arn: &str) -> usize {
    simulation.world().resource_by_arn(arn).unwrap()
}

/// The points of `arn` not deleted, in a vault.
fn points_in(simulation: &Simulation, arn: &str, vault_name: &str) -> Vec<usize> {
    let (r, v) = (resource(simulation, arn), vault(simulation, vault_name));
    simulation
        .world()
        .recovery_points
        .indexed()
        .filter(|(_, p)| p.resource as usize == r && p.vault as usize == v && !p.is_deleted())
        .map(|(i, _)| i)
        .collect()
}

fn copy_to(vault_name: &str) -> Value {
    let arn = match vault_name {
        "dr" => format!("arn:aws:backup:eu-west-1:{DR}:backup-vault:dr"),
        name => format!("arn:aws:backup:us-east-1:{PROD}:backup-vault:{name}"),
    };
    json!({"DestinationBackupVaultArn": arn})
}

// Continuous backup.

#[test]
fn a_continuous_rule_takes_snapshots_of_a_dynamodb_table_and_a_continuous_point_of_rds() {
    // "AWS Backup supports continuous backups and point-in-time recovery for the following
    // services and applications: Amazon S3, RDS, Aurora, SAP HANA on Amazon EC2 instances."
    // (dg:point-in-time-recovery.html). The guide lists DynamoDB too; AWS does not.
    let s = scenario(&[DDB, RDS], json!({"EnableContinuousBackup": true}), |_| {});
    let simulation = run(&s, "2024-01-17T12:00:00Z");
    let world = simulation.world();
    let ddb = points_in(&simulation, DDB, "prod");
    assert_eq!(ddb.len(), 3, "one snapshot per run");
    assert!(ddb.iter().all(|&i| !world.recovery_points[i].continuous));
    let rds = points_in(&simulation, RDS, "prod");
    assert_eq!(rds.len(), 1, "one continuous point, updated at each run");
    assert!(world.recovery_points[rds[0]].continuous);
}

#[test]
fn a_continuous_point_is_announced_once_not_at_every_update() {
    // "The continuous backup plan creates one continuous recovery point and updates that
    // recovery point whenever the job runs" (dg:point-in-time-recovery.html); AWS documents no
    // Recovery Point State Change for an update.
    let s = scenario(&[S3], json!({"EnableContinuousBackup": true}), |_| {});
    let simulation = run(&s, "2024-01-18T12:00:00Z");
    let point_events = simulation
        .events()
        .iter()
        .filter(|e| matches!(e.subject, Subject::RecoveryPoint { .. }))
        .count();
    let completed_jobs = simulation
        .backup_jobs()
        .iter()
        .filter(|j| j.state == BackupJobState::Completed)
        .count();
    assert_eq!(completed_jobs, 4);
    assert_eq!(point_events, 1);
}

// Cold storage by type.

fn cold_rule(opt_in: bool) -> Value {
    json!({"Lifecycle": {"MoveToColdStorageAfterDays": 1, "DeleteAfterDays": 91,
                          "OptInToArchiveForSupportedResources": opt_in}})
}

fn storage_classes(simulation: &Simulation, arn: &str) -> Vec<StorageClass> {
    points_in(simulation, arn, "prod")
        .into_iter()
        .map(|i| simulation.world().recovery_points[i].storage_class)
        .collect()
}

#[test]
fn ebs_snapshots_go_to_the_archive_tier_only_with_the_opt_in() {
    // "OptInToArchiveForSupportedResources: If the value is true, your backup plan transitions
    // supported resources to archive (cold) storage tier" (dg:API_Lifecycle.html).
    let without = run(
        &scenario(&[EBS], cold_rule(false), |_| {}),
        "2024-01-20T00:00:00Z",
    );
    assert!(
        storage_classes(&without, EBS)
            .iter()
            .all(|c| *c == StorageClass::Warm)
    );
    let with = run(
        &scenario(&[EBS], cold_rule(true), |_| {}),
        "2024-01-20T00:00:00Z",
    );
    assert_eq!(storage_classes(&with, EBS)[0], StorageClass::Cold);
}

#[test]
fn ec2_backups_never_go_cold_and_efs_backups_do() {
    // AWS's table has no cold-storage mark for EC2 (feature-availability.md, note 1); "AWS
    // Backup ignores this expression for other resource types" (dg:API_Lifecycle.html).
    let simulation = run(
        &scenario(&[EC2, EFS], cold_rule(true), |_| {}),
        "2024-01-20T00:00:00Z",
    );
    assert!(
        storage_classes(&simulation, EC2)
            .iter()
            .all(|c| *c == StorageClass::Warm)
    );
    assert_eq!(storage_classes(&simulation, EFS)[0], StorageClass::Cold);
}

#[test]
fn dynamodb_without_advanced_features_has_no_cold_storage_and_no_copies() {
    // "DynamoDB copies and cold storage need advanced features on the account"
    // (dg:advanced-ddb-backup.html), on by default for accounts created after November 2021.
    let rule = json!({"Lifecycle": {"MoveToColdStorageAfterDays": 1, "DeleteAfterDays": 91},
                      "CopyActions": [copy_to("second")]});
    let basic = scenario(&[DDB], rule.clone(), |s| {
        s["Accounts"][0]["ResourceTypeManagementPreference"] = json!({"DynamoDB": false})
    });
    let simulation = run(&basic, "2024-01-20T00:00:00Z");
    assert!(
        storage_classes(&simulation, DDB)
            .iter()
            .all(|c| *c == StorageClass::Warm)
    );
    assert!(simulation.copy_jobs().iter().all(|c| {
        c.state == CopyJobState::Failed
            && c.status_message
                .contains("does not support copy operations")
    }));
    let advanced = run(&scenario(&[DDB], rule, |_| {}), "2024-01-20T00:00:00Z");
    assert_eq!(storage_classes(&advanced, DDB)[0], StorageClass::Cold);
    assert!(
        advanced
            .copy_jobs()
            .iter()
            .any(|c| c.state == CopyJobState::Completed)
    );
}

// Copies.

#[test]
fn a_recovery_point_in_cold_storage_cannot_be_copied() {
    // "…backups in cold storage or archive tiers cannot be copied." (dg:recov-point-create-a-copy.html)
    let once = json!({"ScheduleExpression": "cron(0 2 15 1 ? 2024)",
        "Lifecycle": {"MoveToColdStorageAfterDays": 1, "DeleteAfterDays": 91}});
    let s = scenario(&[EFS], once, |s| {
        s["Operations"] = json!([{"At": "2024-01-18T12:00:00Z", "Operation": "StartCopyJob",
            "Principal": format!("arn:aws:iam::{PROD}:role/Operator"),
            "Input": {"SourceBackupVaultName": "prod", "ResourceArn": EFS,
                      "DestinationBackupVaultArn": copy_to("second")["DestinationBackupVaultArn"],
                      "IamRoleArn": ROLE}}])
    });
    let simulation = run(&s, "2024-01-19T00:00:00Z");
    let entry = &simulation.audit_trail()[0];
    assert_eq!(
        entry.decision,
        Decision::Denied {
            error_code: "InvalidRequestException"
        }
    );
    assert!(entry.message.contains("cold storage"), "{}", entry.message);
    assert!(simulation.copy_jobs().is_empty());
}

#[test]
fn fsx_for_ontap_and_multi_az_db_clusters_cannot_be_copied_even_within_the_account_and_region() {
    // "…copy operations for that resource type are not supported …, including same-Region and
    // same-account copies to a different vault." (dg:recov-point-create-a-copy.html); "Multi-AZ
    // clusters do not currently support any copy operations." (feature table, footnote 3)
    let cluster = "arn:aws:rds:us-east-1:111122223333:cluster:orders-multi-az";
    let s = scenario(
        &[ONTAP, cluster],
        json!({"CopyActions": [copy_to("second")]}),
        |s| s["Resources"][1]["Configuration"] = json!({"Engine": "postgres"}),
    );
    let simulation = run(&s, "2024-01-15T12:00:00Z");
    let copies: Vec<_> = simulation.copy_jobs().iter().collect();
    assert_eq!(copies.len(), 2);
    for copy in copies {
        assert_eq!(copy.state, CopyJobState::Failed);
        assert!(
            copy.status_message
                .contains("including same-Region and same-account copies"),
            "{}",
            copy.status_message
        );
    }
    assert!(points_in(&simulation, ONTAP, "second").is_empty());
}

#[test]
fn a_second_copy_of_a_resource_waits_in_created_until_the_running_one_completes() {
    // "Only one backup or copy job for a given resource can run at a time. Additional copy jobs
    // for the same resource remain in CREATED status until the running job completes."
    // (dg:recov-point-create-a-copy.html)
    let s = scenario(
        &[EFS],
        json!({"CopyActions": [copy_to("second"), copy_to("dr")]}),
        |s| s["Resources"][0]["SizeGb"] = json!(100),
    );
    let simulation = run(&s, "2024-01-16T01:00:00Z");
    let copies: Vec<_> = simulation.copy_jobs().iter().collect();
    assert_eq!(copies.len(), 2);
    let ran = |c: &&vaultsim_core::engine::CopyJob| {
        c.history
            .iter()
            .find(|(_, s)| *s == CopyJobState::Running)
            .map(|(at, _)| at)
            .unwrap()
    };
    let (first, second) = if ran(&copies[0]) < ran(&copies[1]) {
        (copies[0], copies[1])
    } else {
        (copies[1], copies[0])
    };
    assert!(first.state == CopyJobState::Completed && second.state == CopyJobState::Completed);
    assert!(ran(&second) >= first.completion.unwrap());
    assert!(
        second.creation < first.completion.unwrap(),
        "made while the first ran"
    );
    // The backup of the resource, too, ran alone: the copies started after it ended.
    let backup = &simulation.backup_jobs().iter().next().unwrap();
    assert!(ran(&first) >= backup.completion.unwrap());
}

#[test]
fn a_copy_keeps_its_sources_creation_date_and_its_lifecycle_counts_from_it() {
    // "The creation date refers to when the source was created, not when the copy was
    // created." (dg:recov-point-create-a-copy.html)
    let rule = json!({"CopyActions": [{"DestinationBackupVaultArn":
        copy_to("dr")["DestinationBackupVaultArn"], "Lifecycle": {"DeleteAfterDays": 10}}]});
    let simulation = run(&scenario(&[EFS], rule, |_| {}), "2024-01-15T12:00:00Z");
    let world = simulation.world();
    let source = &world.recovery_points[points_in(&simulation, EFS, "prod")[0]];
    let copy = &world.recovery_points[points_in(&simulation, EFS, "dr")[0]];
    assert_eq!(copy.creation, source.creation);
    assert_eq!(copy.creation, t("2024-01-15T02:00:00Z"));
    assert!(copy.completion() > source.completion());
    assert_eq!(copy.delete_at(), Some(t("2024-01-25T02:00:00Z")));
}

#[test]
fn a_copy_meeting_a_region_outage_is_retried_in_created_and_completes_when_it_ends() {
    // "…the copy job enters a retry phase that lasts for 2 hours." (dg:recov-point-create-a-copy.html)
    let s = scenario(&[EFS], json!({"CopyActions": [copy_to("dr")]}), |s| {
        s["Faults"] = json!([{"Fault": "RegionOutage", "Region": "eu-west-1",
            "From": "2024-01-15T01:00:00Z", "Until": "2024-01-15T03:30:00Z"}])
    });
    let simulation = run(&s, "2024-01-15T12:00:00Z");
    let copy = simulation.copy_jobs().iter().next().unwrap();
    assert_eq!(copy.state, CopyJobState::Completed);
    let (running_at, _) = copy.history.iter().nth(1).unwrap();
    assert!(running_at >= t("2024-01-15T03:30:00Z"), "{running_at}");
    assert!(running_at - copy.creation < Duration::hours(2));
}

#[test]
fn a_copy_still_meeting_a_system_error_after_two_hours_fails() {
    let s = scenario(&[EFS], json!({"CopyActions": [copy_to("dr")]}), |s| {
        s["Faults"] = json!([{"Fault": "RegionOutage", "Region": "eu-west-1",
            "From": "2024-01-15T01:00:00Z", "Until": "2024-01-15T09:00:00Z"}])
    });
    let simulation = run(&s, "2024-01-15T12:00:00Z");
    let copy = simulation.copy_jobs().iter().next().unwrap();
    assert_eq!(copy.state, CopyJobState::Failed);
    let failed_after = copy.completion.unwrap() - copy.creation;
    assert!(
        (Duration::hours(2)..Duration::hours(2) + Duration::minutes(5)).contains(&failed_after),
        "{failed_after}"
    );
    assert!(
        copy.status_message.contains("2-hour retry phase"),
        "{}",
        copy.status_message
    );
}

#[test]
fn a_cross_account_copy_between_accounts_outside_one_organization_fails_with_awss_message() {
    // "Access denied: Copy job failed. Both source and destination account must be a member of
    // the same organization" (repost.aws/knowledge-center/backup-troubleshoot-cross-account-copy)
    let s = scenario(&[EFS], json!({"CopyActions": [copy_to("dr")]}), |s| {
        s["Accounts"][1]["OrganizationId"] = json!("o-zzzzzzzzzz")
    });
    let simulation = run(&s, "2024-01-15T12:00:00Z");
    let copy = simulation.copy_jobs().iter().next().unwrap();
    assert_eq!(copy.state, CopyJobState::Failed);
    assert_eq!(
        copy.status_message,
        "Access denied: Copy job failed. Both source and destination account must be a member \
         of the same organization"
    );
    assert_eq!(
        simulation.audit_trail().len(),
        1,
        "AWS Backup's own decision is audited"
    );
}

// Logically air-gapped vaults as a primary target.

#[test]
fn a_fully_managed_type_backs_up_straight_into_an_air_gapped_primary_target() {
    // "No recovery point is created in your backup vault, and no copy operation is required."
    // (dg:lag-vault-primary-backup.html)
    let rule = json!({"TargetLogicallyAirGappedBackupVaultArn": LAG});
    let simulation = run(&scenario(&[EFS, S3], rule, |_| {}), "2024-01-15T12:00:00Z");
    for arn in [EFS, S3] {
        assert!(points_in(&simulation, arn, "prod").is_empty(), "{arn}");
        assert_eq!(points_in(&simulation, arn, "air-gapped").len(), 1, "{arn}");
    }
    assert!(simulation.copy_jobs().is_empty());
}

#[test]
fn other_types_make_a_temporary_point_copied_into_the_air_gapped_vault_then_deleted() {
    // Types not fully managed (EBS, EC2, Aurora, FSx) first make a point in the rule's backup
    // vault, `DeleteAfterEvent: DELETE_AFTER_COPY`, copied into the air-gapped vault
    // (dg:lag-vault-primary-backup.html).
    let rule = json!({"TargetLogicallyAirGappedBackupVaultArn": LAG});
    let simulation = run(&scenario(&[EBS], rule, |_| {}), "2024-01-15T12:00:00Z");
    assert!(
        points_in(&simulation, EBS, "prod").is_empty(),
        "the temporary point went"
    );
    assert_eq!(points_in(&simulation, EBS, "air-gapped").len(), 1);
    let world = simulation.world();
    let temporary = world
        .recovery_points
        .iter()
        .find(|p| p.vault as usize == vault(&simulation, "prod"))
        .unwrap();
    assert!(temporary.delete_after_copy && temporary.is_deleted());
    let copy = simulation.copy_jobs().iter().next().unwrap();
    assert_eq!(copy.state, CopyJobState::Completed);
}

#[test]
fn an_air_gapped_vault_without_its_retention_bounds_is_an_error_not_a_default() {
    // LAG-1: CreateLogicallyAirGappedBackupVault requires MinRetentionDays (>= 7) and
    // MaxRetentionDays.
    let mut value = serde_json::to_value(scenario(&[EFS], json!({}), |_| {})).unwrap();
    value["Vaults"][3]["Lock"] = Value::Null;
    let errors = Scenario::from_json(&value.to_string()).unwrap_err();
    assert!(
        errors.iter().any(
            |e| e.code == "scenario-air-gapped-vault" && e.message.contains("MinRetentionDays")
        )
    );
    assert!(
        errors.iter().any(
            |e| e.code == "scenario-air-gapped-vault" && e.message.contains("MaxRetentionDays")
        )
    );
    value["Vaults"][3]["Lock"] = json!({"MinRetentionDays": 3, "MaxRetentionDays": 30});
    let errors = Scenario::from_json(&value.to_string()).unwrap_err();
    assert!(
        errors[0].message.contains("under 7"),
        "{}",
        errors[0].message
    );
}

// Vault operations.

fn delete_vault(at: &str, name: &str) -> Value {
    json!({"At": at, "Operation": "DeleteBackupVault",
           "Principal": format!("arn:aws:iam::{PROD}:role/Operator"),
           "Input": {"BackupVaultName": name}})
}

#[test]
fn delete_backup_vault_refuses_a_vault_with_recovery_points_and_deletes_an_empty_one() {
    // "Deletes the backup vault identified by its name. A vault can be deleted only if it is
    // empty." (DeleteBackupVault, API reference)
    let s = scenario(&[EFS], json!({}), |s| {
        s["Operations"] = json!([
            delete_vault("2024-01-15T12:00:00Z", "prod"),
            delete_vault("2024-01-15T12:00:00Z", "second")
        ]);
        s["Plans"][0]["Document"]["Rules"][0]["TargetBackupVaultName"] = json!("prod");
    });
    let mut s2 = serde_json::to_value(&s).unwrap();
    // A second rule into the vault that is then deleted: its backups fail.
    let mut rule = s2["Plans"][0]["Document"]["Rules"][0].clone();
    rule["RuleName"] = json!("into-second");
    rule["TargetBackupVaultName"] = json!("second");
    rule["ScheduleExpression"] = json!("cron(0 14 * * ? *)");
    s2["Plans"][0]["Document"]["Rules"]
        .as_array_mut()
        .unwrap()
        .push(rule);
    let s = Scenario::from_json(&s2.to_string()).unwrap();
    let simulation = run(&s, "2024-01-16T23:00:00Z");
    let trail = simulation.audit_trail();
    assert_eq!(
        trail[0].decision,
        Decision::Denied {
            error_code: "InvalidRequestException"
        }
    );
    assert!(
        trail[0].message.contains("contains"),
        "{}",
        trail[0].message
    );
    assert!(trail[1].allowed(), "{}", trail[1].message);
    let deleted = simulation
        .events()
        .iter()
        .filter(|e| {
            matches!(
                e.subject,
                Subject::Vault {
                    change: VaultChange::Deleted,
                    ..
                }
            )
        })
        .map(|e| simulation.event_json(e))
        .collect::<Vec<_>>();
    assert_eq!(deleted.len(), 1);
    assert_eq!(
        deleted[0]["detail"],
        json!({"backupVaultName": "second", "state": "DELETED"})
    );
    let into_second: Vec<_> = simulation
        .backup_jobs()
        .iter()
        .filter(|j| j.creation.format("%H").to_string() == "14")
        .collect();
    assert!(!into_second.is_empty());
    assert!(
        into_second
            .iter()
            .all(|j| j.state == BackupJobState::Failed)
    );
}

#[test]
fn a_compliance_locked_vault_holding_recovery_points_cannot_be_deleted() {
    // A compliance-mode lock past its grace time keeps the vault's points; the vault cannot be
    // deleted while it holds them (dg:vault-lock.html; DeleteBackupVault).
    let s = scenario(&[EFS], json!({}), |s| {
        s["Vaults"][0]["Lock"] = json!({"MinRetentionDays": 7, "MaxRetentionDays": 365,
                                        "ChangeableForDays": 3});
        s["Operations"] = json!([delete_vault("2024-01-20T12:00:00Z", "prod")]);
    });
    let simulation = run(&s, "2024-01-21T00:00:00Z");
    let entry = &simulation.audit_trail()[0];
    assert!(!entry.allowed());
    assert!(entry.message.contains("immutable"), "{}", entry.message);
}

// The completion window.

#[test]
fn the_completion_window_counts_from_the_scheduled_time_not_from_when_the_job_started() {
    // StartBackupJob's CompleteWindowMinutes "begins counting down from when the backup was
    // scheduled. It does not add additional time for StartWindowMinutes, or if the backup
    // started later than scheduled." vaultsim follows it for plan rules too (BackupRule's text,
    // "after a backup job is successfully started", is the vaguer of the two).
    let s = scenario(&[EFS], json!({"CompletionWindowMinutes": 90}), |s| {
        s["Resources"][0]["SizeGb"] = json!(200);
        s["Faults"] = json!([{"Fault": "ResourceBusy", "ResourceArn": EFS,
            "From": "2024-01-15T01:00:00Z", "Until": "2024-01-15T02:45:00Z"}]);
    });
    let simulation = run(&s, "2024-01-15T12:00:00Z");
    let job = simulation.backup_jobs().iter().next().unwrap();
    assert_eq!(job.state, BackupJobState::Expired);
    assert_eq!(job.completion, Some(t("2024-01-15T03:30:00Z")));
    assert_eq!(job.status_message, "Backup job expired before completion.");
}

// Events as they were.

#[test]
fn an_event_shows_the_recovery_points_lifecycle_as_it_was_when_it_happened() {
    let s = scenario(&[EFS], json!({}), |s| {
        s["Operations"] = json!([{"At": "2024-01-16T00:00:00Z",
            "Operation": "UpdateRecoveryPointLifecycle",
            "Principal": format!("arn:aws:iam::{PROD}:role/Operator"),
            "Input": {"BackupVaultName": "prod", "ResourceArn": EFS,
                      "Lifecycle": {"DeleteAfterDays": 100}}}])
    });
    let mut simulation = Simulation::new(&s).unwrap();
    simulation.run_until(t("2024-01-15T12:00:00Z"));
    let event = *simulation
        .events()
        .iter()
        .find(|e| matches!(e.subject, Subject::RecoveryPoint { .. }))
        .unwrap();
    let before = simulation.event_json(&event);
    assert_eq!(before["detail"]["lifecycle"]["deleteAfterDays"], 35);
    simulation.run_until(t("2024-01-16T12:00:00Z"));
    assert!(simulation.audit_trail()[0].allowed());
    let rp = points_in(&simulation, EFS, "prod")[0];
    assert_eq!(
        simulation.world().recovery_points[rp]
            .lifecycle
            .delete_after_days,
        Some(100)
    );
    let after = simulation.event_json(&event);
    assert_eq!(
        before, after,
        "the earlier event still shows the earlier lifecycle"
    );
}

#[test]
fn moving_to_cold_storage_sends_no_event_aws_does_not_document() {
    // The Recovery Point State Change statuses AWS lists are COMPLETED, PARTIAL, DELETING,
    // EXPIRED, AVAILABLE, STOPPED and CREATING: a move to cold storage changes none of them.
    let simulation = run(
        &scenario(&[EFS], cold_rule(false), |_| {}),
        "2024-01-17T12:00:00Z",
    );
    assert_eq!(storage_classes(&simulation, EFS)[0], StorageClass::Cold);
    assert!(simulation.events().iter().all(|e| !matches!(
        e.subject,
        Subject::RecoveryPoint {
            storage_class: StorageClass::Cold,
            ..
        }
    )));
}

#[test]
fn the_guides_three_tier_copies_keep_the_nights_creation_date() {
    let simulation = common::run(&three_tier_with(|_| {}), "2024-01-15T12:00:00Z");
    let dr = vault(&simulation, "dr-vault");
    for point in simulation.world().recovery_points_in(dr) {
        assert_eq!(point.creation, t("2024-01-15T02:00:00Z"));
    }
}

#[test]
fn an_ebs_backup_of_16_tb_or_more_is_not_copied_into_an_air_gapped_vault() {
    // "EBS backups copied in must be smaller than 16 TB" (dg:logicallyairgappedvault.html).
    let rule = json!({"TargetLogicallyAirGappedBackupVaultArn": LAG,
                      "ScheduleExpression": "cron(0 2 15 1 ? 2024)",
                      "CompletionWindowMinutes": 100_000});
    let s = scenario(&[EBS], rule, |s| {
        s["Resources"][0]["SizeGb"] = json!(18_000)
    });
    let simulation = run(&s, "2024-01-25T00:00:00Z");
    let copy = simulation.copy_jobs().iter().next().unwrap();
    assert_eq!(copy.state, CopyJobState::Failed);
    assert!(
        copy.status_message.contains("16 TB"),
        "{}",
        copy.status_message
    );
    assert_eq!(
        points_in(&simulation, EBS, "prod").len(),
        1,
        "the temporary point stays"
    );
}

#[test]
fn the_architecture_draws_an_air_gapped_primary_target_for_what_goes_straight_there() {
    let rule = json!({"TargetLogicallyAirGappedBackupVaultArn": LAG});
    let simulation = Simulation::new(&scenario(&[EFS, EBS], rule, |_| {})).unwrap();
    let (efs, ebs) = (resource(&simulation, EFS), resource(&simulation, EBS));
    let (prod, lag) = (vault(&simulation, "prod"), vault(&simulation, "air-gapped"));
    let flows = simulation.backup_flows();
    assert!(flows.contains(&(efs, Some(lag))) && flows.contains(&(ebs, Some(prod))));
    assert!(simulation.copy_flows().contains(&(prod, Some(lag))));
}

#[test]
fn a_snapshot_scheduled_in_the_hour_before_a_databases_backup_window_fails_and_continuous_does_not()
{
    // NumberOfBackupJobsFailed: "Often caused by scheduling a backup job during or 1 hour before
    // a database resource … maintenance window or automated backup window and not using AWS
    // Backup to perform continuous backup for point-in-time restores."
    let with_window = |continuous: bool| {
        scenario(&[RDS], json!({"EnableContinuousBackup": continuous}), |s| {
            s["Resources"][0]["Configuration"] =
                json!({"Engine": "mysql", "PreferredBackupWindow": "02:30-03:00"})
        })
    };
    let snapshot = run(&with_window(false), "2024-01-15T12:00:00Z");
    let job = snapshot.backup_jobs().iter().next().unwrap();
    assert_eq!(job.state, BackupJobState::Failed);
    assert!(
        job.status_message
            .contains("PreferredBackupWindow (02:30-03:00 UTC)"),
        "{}",
        job.status_message
    );
    let continuous = run(&with_window(true), "2024-01-15T12:00:00Z");
    assert_eq!(
        continuous.backup_jobs().iter().next().unwrap().state,
        BackupJobState::Completed
    );
    // A malformed window is a diagnostic at its place, not a silent default.
    let mut value = serde_json::to_value(with_window(false)).unwrap();
    value["Resources"][0]["Configuration"]["PreferredMaintenanceWindow"] = json!("sunday 5am");
    let errors = Scenario::from_json(&value.to_string()).unwrap_err();
    assert_eq!(
        errors[0].pointer.as_deref(),
        Some("/Resources/0/Configuration/PreferredMaintenanceWindow")
    );
}
