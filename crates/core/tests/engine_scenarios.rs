//! The simulation on the guide's three-tier web app, and on variations of it that exercise what
//! AWS Backup does when something is refused.

mod common;

use chrono::Duration;
use common::{run, t, three_tier, three_tier_with, vault};
use serde_json::{Value, json};
use vaultsim_core::engine::{BackupJobState, CopyJobState, Simulation};
use vaultsim_core::scenario::Scenario;
use vaultsim_core::world::StorageClass;

#[test]
fn the_guides_night_three_backups_at_0200_three_points_and_three_copies_into_dr() {
    let simulation = run(&three_tier(), "2024-01-15T12:00:00Z");
    let jobs = simulation.backup_jobs();
    assert_eq!(jobs.len(), 3);
    for job in jobs {
        assert_eq!(job.creation, t("2024-01-15T02:00:00Z"));
        assert_eq!(job.state, BackupJobState::Completed);
    }
    let primary = vault(&simulation, "prod-primary-vault");
    let dr = vault(&simulation, "dr-vault");
    assert_eq!(simulation.world().recovery_points_in(primary).count(), 3);
    assert_eq!(simulation.copy_jobs().len(), 3);
    assert!(
        simulation
            .copy_jobs()
            .iter()
            .all(|c| c.state == CopyJobState::Completed)
    );
    assert_eq!(simulation.world().recovery_points_in(dr).count(), 3);
}

#[test]
fn the_same_scenario_and_seed_give_the_same_events_byte_for_byte() {
    let lines = |s: &Simulation| {
        s.events()
            .iter()
            .map(|e| s.event_line(e))
            .collect::<Vec<_>>()
    };
    let a = run(&three_tier(), "2024-02-20T00:00:00Z");
    let b = run(&three_tier(), "2024-02-20T00:00:00Z");
    assert_eq!(lines(&a), lines(&b));
    let other_seed = three_tier_with(|s| s["Seed"] = json!(2));
    assert_ne!(lines(&a), lines(&run(&other_seed, "2024-02-20T00:00:00Z")));
}

#[test]
fn events_come_in_time_order() {
    let simulation = run(&three_tier(), "2024-02-20T00:00:00Z");
    let times: Vec<_> = simulation.events().iter().map(|e| e.time).collect();
    assert!(times.is_sorted());
}

#[test]
fn stepping_and_running_until_give_the_same_events() {
    let until = t("2024-01-20T00:00:00Z");
    let mut stepped = Simulation::new(&three_tier()).unwrap();
    while stepped.next_at().is_some_and(|at| at <= until) {
        stepped.step();
    }
    let ran = run(&three_tier(), "2024-01-20T00:00:00Z");
    assert_eq!(stepped.events(), ran.events());
}

#[test]
fn recovery_points_are_deleted_when_their_lifecycle_says() {
    // Daily points are kept 30 days in the primary vault and 90 days in the DR vault.
    let simulation = run(&three_tier(), "2024-02-15T00:00:00Z");
    let world = simulation.world();
    let first_night = |vault: usize| {
        world
            .recovery_points
            .iter()
            .filter(|rp| rp.vault as usize == vault && rp.creation < t("2024-01-15T12:00:00Z"))
            .map(|rp| rp.storage_class)
            .collect::<Vec<_>>()
    };
    let primary = vault(&simulation, "prod-primary-vault");
    let dr = vault(&simulation, "dr-vault");
    assert_eq!(first_night(primary), [StorageClass::Deleted; 3]);
    assert!(first_night(dr).iter().all(|c| *c == StorageClass::Warm));
}

#[test]
fn the_weekly_rule_runs_on_sunday_at_0300() {
    let simulation = run(&three_tier(), "2024-01-22T00:00:00Z");
    let weekly: Vec<_> = simulation
        .backup_jobs()
        .iter()
        .filter(|j| j.creation == t("2024-01-21T03:00:00Z"))
        .collect();
    assert_eq!(weekly.len(), 3);
}

#[test]
fn a_cross_account_copy_the_destination_policy_does_not_allow_fails() {
    let scenario = three_tier_with(|s| s["Vaults"][1]["AccessPolicy"] = Value::Null);
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    for copy in simulation.copy_jobs() {
        assert_eq!(copy.state, CopyJobState::Failed);
        assert_eq!(
            copy.status_message,
            "Access Denied trying to call AWS Backup service"
        );
    }
    let dr = vault(&simulation, "dr-vault");
    assert_eq!(simulation.world().recovery_points_in(dr).count(), 0);
}

#[test]
fn a_backup_whose_retention_breaks_the_vault_lock_fails() {
    let scenario = three_tier_with(|s| {
        s["Vaults"][0]["Lock"] = json!({"MinRetentionDays": 60, "MaxRetentionDays": 3650})
    });
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    assert!(
        simulation
            .backup_jobs()
            .iter()
            .all(|j| j.state == BackupJobState::Failed)
    );
    assert!(simulation.copy_jobs().is_empty());
}

#[test]
fn a_backup_into_a_vault_that_does_not_exist_fails_with_aws_message() {
    let scenario = three_tier_with(|s| {
        s["Plans"][0]["Document"]["Rules"][0]["TargetBackupVaultName"] = json!("missing-vault")
    });
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let job = &simulation.backup_jobs()[0];
    assert_eq!(job.state, BackupJobState::Failed);
    assert_eq!(
        job.status_message,
        "Backup job failed because backup vault arn:aws:backup:us-east-1:111122223333:backup-vault:missing-vault does not exist."
    );
}

#[test]
fn a_job_waiting_on_a_running_job_of_the_same_resource_expires_at_start_by() {
    // Hourly backups of a 500 GB database that takes hours to back up the first time.
    let scenario = three_tier_with(|s| {
        s["Resources"][1]["SizeGb"] = json!(500);
        let rule = &mut s["Plans"][0]["Document"]["Rules"][0];
        rule["ScheduleExpression"] = json!("cron(0 * * * ? *)");
        rule["CompletionWindowMinutes"] = json!(1440);
    });
    let simulation = run(&scenario, "2024-01-15T06:00:00Z");
    let expired: Vec<_> = simulation
        .backup_jobs()
        .iter()
        .filter(|j| j.state == BackupJobState::Expired)
        .collect();
    assert!(!expired.is_empty());
    for job in expired {
        assert_eq!(job.completion, Some(job.start_by));
        assert_eq!(
            job.status_message,
            "Backup job failed because there was a running job for the same resource."
        );
        assert_eq!(job.history.last().1, BackupJobState::Expired);
        assert_eq!(
            job.history.len(),
            2,
            "CREATED then EXPIRED: {:?}",
            job.history.iter().collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_job_still_running_at_the_end_of_its_completion_window_expires() {
    let scenario = three_tier_with(|s| {
        s["Resources"][1]["SizeGb"] = json!(2000);
        s["Plans"][0]["Document"]["Rules"][0]["CompletionWindowMinutes"] = json!(120);
    });
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let rds = simulation
        .backup_jobs()
        .iter()
        .find(|j| {
            simulation.world().resources[j.resource]
                .arn
                .contains(":db:")
        })
        .unwrap();
    assert_eq!(rds.state, BackupJobState::Expired);
    assert_eq!(rds.completion, Some(rds.creation + Duration::minutes(120)));
}

#[test]
fn handing_events_over_each_day_lets_old_jobs_and_points_go_and_changes_nothing_else() {
    // A fleet of 100 for 60 days makes thousands of points, the first weeks' deleted after 35 days.
    let scenario = vaultsim_core::scenario::fleet(100);
    let end = scenario.start() + Duration::days(60);
    let mut whole = Simulation::new(&scenario).unwrap();
    whole.run_until(end);
    let mut daily = Simulation::new(&scenario).unwrap();
    let mut lines = Vec::new();
    for day in 1..=60 {
        daily.run_until(scenario.start() + Duration::days(day));
        let events = daily.take_events();
        lines.extend(events.iter().map(|e| daily.event_line(e)));
    }
    let all: Vec<String> = whole.events().iter().map(|e| whole.event_line(e)).collect();
    assert_eq!(lines, all, "the same events, byte for byte");
    assert_eq!(daily.job_counts(), whole.job_counts());
    assert!(daily.backup_jobs().len() < whole.backup_jobs().len());
    let kept = |s: &Simulation| s.world().recovery_points.iter().count();
    assert!(kept(&daily) < kept(&whole), "deleted points were let go");
    let live = |s: &Simulation| {
        s.world()
            .recovery_points
            .iter()
            .filter(|rp| !rp.is_deleted())
            .map(|rp| (rp.vault, rp.storage_class, rp.creation))
            .collect::<Vec<_>>()
    };
    assert_eq!(live(&daily), live(&whole));
}

/// The three-tier scenario with one more tagged resource.
fn three_tier_plus(arn: &str) -> Scenario {
    three_tier_with(|s| {
        s["Resources"].as_array_mut().unwrap().push(json!({
            "Arn": arn, "Tags": {"Backup": "true"}, "SizeGb": 10
        }))
    })
}

fn copies_of(simulation: &Simulation, arn_part: &str) -> Vec<CopyJobState> {
    simulation
        .copy_jobs()
        .iter()
        .filter(|c| {
            simulation.world().resources[c.resource]
                .arn
                .contains(arn_part)
        })
        .map(|c| c.state)
        .collect()
}

#[test]
fn an_fsx_for_ontap_volume_is_not_copied_to_dr_but_another_fsx_file_system_is() {
    // AWS's feature table: FSx for ONTAP's mark carries "except cross-account copy and
    // cross-Region copy" (data/reference/docs/feature-availability.md, note 12); the guide's
    // matrix agrees: "Amazon FSx (ONTAP: no cross-region/account)".
    let ontap =
        "arn:aws:fsx:us-east-1:111122223333:volume/fs-0123456789abcdef0/fsvol-0123456789abcdef0";
    let simulation = run(&three_tier_plus(ontap), "2024-01-15T12:00:00Z");
    assert_eq!(copies_of(&simulation, "fsvol-"), [CopyJobState::Failed]);
    let failed = simulation
        .copy_jobs()
        .iter()
        .find(|c| c.state == CopyJobState::Failed)
        .unwrap();
    assert!(
        failed.status_message.contains("FSx for NetApp ONTAP"),
        "{}",
        failed.status_message
    );
    let windows = "arn:aws:fsx:us-east-1:111122223333:file-system/fs-0fedcba9876543210";
    let simulation = run(&three_tier_plus(windows), "2024-01-15T12:00:00Z");
    assert_eq!(
        copies_of(&simulation, "file-system/fs-0fed"),
        [CopyJobState::Completed]
    );
}

#[test]
fn redshift_recovery_points_are_not_copied_to_another_region_or_account() {
    let redshift = "arn:aws:redshift:us-east-1:111122223333:cluster:warehouse";
    let simulation = run(&three_tier_plus(redshift), "2024-01-15T12:00:00Z");
    assert_eq!(copies_of(&simulation, ":redshift:"), [CopyJobState::Failed]);
}

#[test]
fn a_failure_inside_a_cloudformation_stack_leaves_a_partial_job_and_point_and_no_copy() {
    let stack = "arn:aws:cloudformation:us-east-1:111122223333:stack/web/0a1b2c3d";
    let scenario = three_tier_with(|s| {
        s["Resources"].as_array_mut().unwrap().push(json!({
            "Arn": stack, "Tags": {"Backup": "true"}, "SizeGb": 5
        }));
        s["Faults"] = json!([
            {"Fault": "FailureRate", "ResourceType": "CloudFormation", "Probability": 1.0}
        ]);
    });
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let job = simulation
        .backup_jobs()
        .iter()
        .find(|j| simulation.world().resources[j.resource].arn == stack)
        .unwrap();
    assert_eq!(job.state, BackupJobState::Partial);
    assert!(
        job.status_message.contains("nested"),
        "{}",
        job.status_message
    );
    let point = &simulation.world().recovery_points[job.recovery_point.unwrap() as usize];
    assert_eq!(
        point.status,
        vaultsim_core::world::RecoveryPointStatus::Partial
    );
    assert!(copies_of(&simulation, ":cloudformation:").is_empty());
    // The rest of the night is untouched.
    assert_eq!(copies_of(&simulation, ":db:"), [CopyJobState::Completed]);
}

#[test]
fn restore_metadata_gives_the_resources_settings_and_its_name_and_reusing_the_name_fails() {
    let scenario = three_tier_with(|s| {
        s["Faults"] = json!([]);
        s["Operations"] = json!([{
            "At": "2024-01-15T12:00:00Z", "Operation": "StartRestoreJob",
            "Input": {"BackupVaultName": "prod-primary-vault",
                      "ResourceArn": "arn:aws:rds:us-east-1:111122223333:db:app-db"}
        }]);
    });
    let simulation = run(&scenario, "2024-01-15T13:00:00Z");
    let job = &simulation.restore_jobs()[0];
    let metadata = simulation.restore_metadata(job.recovery_point as usize);
    // The guide's runbook: the original identifier, the instance class, the engine, ...
    assert_eq!(metadata["DBInstanceIdentifier"], "app-db");
    assert_eq!(metadata["Engine"], "mysql");
    assert_eq!(metadata["DBInstanceClass"], "db.t3.medium");
    // ... and restoring with them unchanged fails, the name being taken.
    assert_eq!(job.metadata, metadata);
    assert_eq!(job.state, vaultsim_core::engine::RestoreJobState::Failed);
    assert!(
        job.status_message.contains("DBInstanceAlreadyExists"),
        "{}",
        job.status_message
    );
}

#[test]
fn a_held_points_lifecycle_can_change_but_the_hold_still_delays_its_deletion() {
    let rds = "arn:aws:rds:us-east-1:111122223333:db:app-db";
    let scenario = three_tier_with(|s| {
        s["Faults"] = json!([]);
        s["Operations"] = json!([
            {"At": "2024-01-15T06:00:00Z", "Operation": "CreateLegalHold",
             "Input": {"Title": "audit", "Description": "d",
                       "RecoveryPointSelection": {"ResourceIdentifiers": [rds],
                                                  "VaultNames": ["prod-primary-vault"]}}},
            {"At": "2024-01-15T07:00:00Z", "Operation": "UpdateRecoveryPointLifecycle",
             "Input": {"BackupVaultName": "prod-primary-vault", "ResourceArn": rds,
                       "Lifecycle": {"DeleteAfterDays": 2}}}
        ]);
    });
    let simulation = run(&scenario, "2024-01-20T00:00:00Z");
    let update = simulation
        .audit_trail()
        .iter()
        .find(|a| a.event_name == "UpdateRecoveryPointLifecycle")
        .unwrap();
    assert!(update.allowed(), "{}", update.message);
    let point = simulation
        .world()
        .recovery_points
        .iter()
        .find(|rp| rp.legal_holds == 1)
        .unwrap();
    assert_eq!(point.lifecycle.delete_after_days, Some(2));
    assert!(!point.is_deleted(), "past its new delete date, but held");
}

#[test]
fn the_flows_of_the_three_tier_plan_are_three_backups_into_primary_and_a_copy_to_dr() {
    let simulation = Simulation::new(&three_tier()).unwrap();
    let primary = vault(&simulation, "prod-primary-vault");
    let dr = vault(&simulation, "dr-vault");
    let backups = simulation.backup_flows();
    assert_eq!(backups.len(), 3);
    assert!(backups.iter().all(|(_, v)| *v == Some(primary)));
    assert_eq!(simulation.copy_flows(), [(primary, Some(dr))]);
}
