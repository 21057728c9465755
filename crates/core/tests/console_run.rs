//! Console lines run against the guide's scenario as the AWS CLI would answer them: the output,
//! what goes to standard error, and the exit status.

use vaultsim_core::console::run::{Printed, run};
use vaultsim_core::engine::Simulation;
use vaultsim_core::scenario::{Scenario, parse_time};

/// The guide's scenario at `at`.
fn guide_at(at: &str) -> Simulation {
    let scenario = Scenario::builtin("three-tier-web-app").unwrap();
    let mut simulation = Simulation::new(&scenario).unwrap();
    simulation.run_until(parse_time(at).unwrap());
    simulation
}

/// After its first night: three backups in prod-primary-vault, three copies in dr-vault.
fn after_first_night() -> Simulation {
    guide_at("2024-01-15T06:00:00Z")
}

/// The ARN of the newest RDS point in prod-primary-vault, as the guide's step 1 finds it.
fn newest_database_point(simulation: &mut Simulation) -> String {
    let listed = run(
        simulation,
        "aws backup list-recovery-points-by-backup-vault --backup-vault-name prod-primary-vault \
         --by-resource-type RDS --query 'RecoveryPoints[0].RecoveryPointArn' --output text",
    );
    listed.stdout.trim().to_string()
}

#[test]
fn the_guides_step_1_prints_its_table_of_two_nights_rds_points_newest_first() {
    let printed = run(
        &mut guide_at("2024-01-16T06:00:00Z"),
        r#"aws backup list-recovery-points-by-backup-vault \
  --backup-vault-name "prod-primary-vault" \
  --by-resource-type "RDS" \
  --query 'RecoveryPoints[*].{ARN:RecoveryPointArn,Created:CreationDate,Status:Status}' \
  --output table"#,
    );
    assert_eq!((printed.status, printed.stderr.as_str()), (0, ""));
    let lines: Vec<&str> = printed.stdout.lines().collect();
    // As the guide shows it: a title, a header row, a row a point (wider than 80 columns, but
    // more than one row, so not turned vertical).
    assert_eq!(lines.len(), 8, "{}", printed.stdout);
    assert!(lines[1].contains("ListRecoveryPointsByBackupVault"));
    assert!(
        lines[3].contains("ARN") && lines[3].contains("Created") && lines[3].contains("Status")
    );
    for (line, night) in [(lines[5], "2024-01-16"), (lines[6], "2024-01-15")] {
        assert!(line.contains("arn:aws:rds:us-east-1:111122223333:snapshot:awsbackup:job-"));
        assert!(line.contains(&format!("{night}T02:00:00+00:00")), "{line}");
        assert!(line.contains("COMPLETED"));
    }
}

#[test]
fn one_row_too_wide_for_80_columns_turns_vertical_as_the_cli_does() {
    let printed = run(
        &mut after_first_night(),
        "aws backup list-recovery-points-by-backup-vault --backup-vault-name prod-primary-vault \
         --by-resource-type RDS --query 'RecoveryPoints[*].{ARN:RecoveryPointArn,Status:Status}' \
         --output table",
    );
    assert_eq!(printed.status, 0, "{}", printed.stderr);
    let lines: Vec<&str> = printed.stdout.lines().collect();
    assert!(
        lines[3].starts_with("|  ARN ") && lines[4].starts_with("|  Status|"),
        "{}",
        printed.stdout
    );
}

#[test]
fn json_lists_the_vaults_points_newest_first_in_the_models_member_order() {
    let printed = run(
        &mut after_first_night(),
        "aws backup list-recovery-points-by-backup-vault --backup-vault-name prod-primary-vault",
    );
    assert_eq!(printed.status, 0, "{}", printed.stderr);
    let response: serde_json::Value = serde_json::from_str(&printed.stdout).unwrap();
    let points = response["RecoveryPoints"].as_array().unwrap();
    assert_eq!(points.len(), 3);
    let keys: Vec<&String> = points[0].as_object().unwrap().keys().collect();
    assert_eq!(keys[0], "RecoveryPointArn");
    assert_eq!(keys[1], "BackupVaultName");
    let position = |key: &str| keys.iter().position(|k| *k == key).unwrap();
    assert!(position("CreationDate") < position("CompletionDate"));
    assert!(position("Lifecycle") < position("IsEncrypted"));
    let created: Vec<&str> = points
        .iter()
        .map(|p| p["CreationDate"].as_str().unwrap())
        .collect();
    assert!(created.windows(2).all(|w| w[0] >= w[1]), "{created:?}");
    assert!(created[0].ends_with("+00:00"));
    assert_eq!(points[0]["Lifecycle"]["DeleteAfterDays"], 30);
    // Four-space indentation, as the CLI writes JSON.
    assert!(printed.stdout.starts_with("{\n    \"RecoveryPoints\": [\n"));
}

#[test]
fn a_missing_vault_is_the_services_error_and_exits_254() {
    let printed = run(
        &mut after_first_night(),
        "aws backup list-recovery-points-by-backup-vault --backup-vault-name no-such-vault",
    );
    assert_eq!(printed.status, 254);
    assert!(printed.stdout.is_empty());
    assert!(
        printed.stderr.starts_with(
            "\nAn error occurred (ResourceNotFoundException) when calling the \
             ListRecoveryPointsByBackupVault operation: Backup vault no-such-vault"
        ),
        "{}",
        printed.stderr
    );
}

#[test]
fn the_dr_account_is_a_profile_and_an_unknown_one_is_refused() {
    let mut simulation = after_first_night();
    let printed = run(
        &mut simulation,
        "aws backup list-recovery-points-by-backup-vault --backup-vault-name dr-vault \
         --profile 444455556666 --region eu-west-1 --query 'length(RecoveryPoints)' --output text",
    );
    assert_eq!(
        (printed.status, printed.stdout.as_str()),
        (0, "3\n"),
        "{}",
        printed.stderr
    );
    let printed = run(
        &mut simulation,
        "aws backup list-recovery-points-by-backup-vault --backup-vault-name v --profile nobody",
    );
    assert_eq!(
        printed,
        Printed {
            stdout: String::new(),
            stderr: "\nThe config profile (nobody) could not be found\n".into(),
            status: 255,
            made: None,
        }
    );
}

#[test]
fn what_is_not_answered_yet_or_not_aws_says_so() {
    let mut simulation = after_first_night();
    let printed = run(&mut simulation, "aws backup list-frameworks");
    assert_eq!(printed.status, 255);
    assert!(
        printed.stderr.contains("not answered yet"),
        "{}",
        printed.stderr
    );
    let printed = run(&mut simulation, "ls -l");
    assert_eq!(
        (printed.status, printed.stderr.as_str()),
        (127, "ls: command not found\n")
    );
    let printed = run(&mut simulation, "aws backup list-backup-vaults --bogus");
    assert_eq!(printed.status, 252);
    assert!(
        printed
            .stderr
            .ends_with("aws: error: Unknown options: --bogus\n")
    );
}

#[test]
fn the_guides_step_2_gives_the_databases_restore_metadata() {
    let mut simulation = after_first_night();
    let arn = &newest_database_point(&mut simulation);
    assert!(arn.starts_with("arn:aws:rds:us-east-1:111122223333:snapshot:awsbackup:job-"));
    let printed = run(
        &mut simulation,
        &format!(
            "aws backup get-recovery-point-restore-metadata \\\n  --backup-vault-name \"prod-primary-vault\" \\\n  --recovery-point-arn \"{arn}\""
        ),
    );
    assert_eq!(printed.status, 0, "{}", printed.stderr);
    let response: serde_json::Value = serde_json::from_str(&printed.stdout).unwrap();
    let keys: Vec<&String> = response.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "BackupVaultArn",
            "RecoveryPointArn",
            "RestoreMetadata",
            "ResourceType"
        ]
    );
    let metadata = &response["RestoreMetadata"];
    assert_eq!(metadata["DBInstanceIdentifier"], "app-db");
    assert_eq!(metadata["DBInstanceClass"], "db.t3.medium");
    assert_eq!(metadata["MultiAZ"], "false");
    assert_eq!(response["ResourceType"], "RDS");
    // The guide's example ARN is not one this scenario made.
    let printed = run(
        &mut simulation,
        "aws backup get-recovery-point-restore-metadata --backup-vault-name prod-primary-vault \
         --recovery-point-arn arn:aws:rds:us-east-1:123456789:snapshot:awsbackup-2024-01-17-02-30",
    );
    assert_eq!(printed.status, 254);
    assert!(printed.stderr.contains(
        "(ResourceNotFoundException) when calling the GetRecoveryPointRestoreMetadata operation"
    ));
}

#[test]
fn the_guides_step_4_describes_the_dr_restore_once_it_completed() {
    let mut simulation = guide_at("2024-01-16T10:00:00Z");
    let id = simulation
        .restore_jobs()
        .iter()
        .next()
        .unwrap()
        .id
        .to_string();
    let mut describe = |extra: &str| {
        run(
            &mut simulation,
            &format!("aws backup describe-restore-job --restore-job-id \"{id}\" {extra}"),
        )
    };
    // The restore ran in the DR account, in eu-west-1: the production account does not see it.
    let printed = describe("");
    assert_eq!(printed.status, 254, "{}", printed.stdout);
    let printed = describe("--profile 444455556666 --region eu-west-1");
    assert_eq!(printed.status, 0, "{}", printed.stderr);
    let response: serde_json::Value = serde_json::from_str(&printed.stdout).unwrap();
    assert_eq!(response["Status"], "COMPLETED");
    assert_eq!(
        response["CreatedResourceArn"],
        "arn:aws:rds:eu-west-1:444455556666:db:app-db-restored-20240116"
    );
    assert_eq!(response["ResourceType"], "RDS");
    assert!(
        response["CompletionDate"]
            .as_str()
            .unwrap()
            .ends_with("+00:00")
    );
    let keys: Vec<&String> = response.as_object().unwrap().keys().collect();
    assert_eq!(keys[0], "AccountId");
    assert_eq!(keys[1], "RestoreJobId");
}

#[test]
fn the_accounts_vaults_are_listed_with_their_points_and_locks() {
    let mut simulation = after_first_night();
    let printed = run(
        &mut simulation,
        "aws backup list-backup-vaults --query 'BackupVaultList[].[BackupVaultName,NumberOfRecoveryPoints,Locked]' --output text",
    );
    assert_eq!(printed.status, 0, "{}", printed.stderr);
    assert_eq!(printed.stdout, "prod-primary-vault\t3\tFalse\n");
    let printed = run(
        &mut simulation,
        "aws backup describe-backup-vault --backup-vault-name dr-vault --profile 444455556666 --region eu-west-1",
    );
    let response: serde_json::Value = serde_json::from_str(&printed.stdout).unwrap();
    assert_eq!(response["NumberOfRecoveryPoints"], 3);
    assert_eq!(response["VaultType"], "BACKUP_VAULT");
    assert_eq!(response["VaultState"], "AVAILABLE");
    let printed = run(
        &mut simulation,
        "aws backup describe-backup-vault --backup-vault-name dr-vault",
    );
    assert_eq!(printed.status, 254, "dr-vault is in the other account");
}

#[test]
fn a_compliance_lock_shows_its_retention_and_lock_date() {
    let scenario = Scenario::builtin("compliance-vault-lock").unwrap();
    let mut simulation = Simulation::new(&scenario).unwrap();
    simulation.run_until(scenario.start() + chrono::Duration::days(5));
    let printed = run(
        &mut simulation,
        "aws backup list-backup-vaults --query 'BackupVaultList[?Locked]' --output json",
    );
    assert_eq!(printed.status, 0, "{}", printed.stderr);
    let locked: serde_json::Value = serde_json::from_str(&printed.stdout).unwrap();
    let locked = locked.as_array().unwrap();
    assert!(!locked.is_empty(), "{}", printed.stdout);
    assert!(locked.iter().all(|v| v["MinRetentionDays"].is_number()));
}

#[test]
fn the_guides_step_3_restores_under_a_new_name_and_its_own_arn_is_not_found() {
    let mut simulation = after_first_night();
    let arn = newest_database_point(&mut simulation);
    let step_3 = |arn: &str, name: &str| {
        format!(
            r#"aws backup start-restore-job \
  --recovery-point-arn "{arn}" \
  --iam-role-arn "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole" \
  --resource-type "RDS" \
  --metadata '{{
    "DBInstanceIdentifier": "{name}",
    "DBInstanceClass":      "db.t3.medium",
    "Engine":               "mysql",
    "MultiAZ":              "false",
    "DBSubnetGroupName":    "prod-subnet-group",
    "VpcSecurityGroupIds":  "sg-0abc123"
  }}'"#
        )
    };
    // The guide's own ARN names a point this scenario never made.
    let printed = run(
        &mut simulation,
        &step_3(
            "arn:aws:rds:us-east-1:123456789:snapshot:awsbackup-2024-01-17-02-30",
            "prod-mysql-restored-20240117",
        ),
    );
    assert_eq!(printed.status, 254);
    assert!(
        printed
            .stderr
            .contains("(ResourceNotFoundException) when calling the StartRestoreJob operation")
    );
    // The night's point, under a new name: a restore job, audited, that completes.
    let printed = run(
        &mut simulation,
        &step_3(&arn, "prod-mysql-restored-20240117"),
    );
    assert_eq!(printed.status, 0, "{}", printed.stderr);
    let response: serde_json::Value = serde_json::from_str(&printed.stdout).unwrap();
    let id = response["RestoreJobId"].as_str().unwrap().to_string();
    assert!(
        simulation
            .audit_trail()
            .iter()
            .any(|e| e.event_name == "StartRestoreJob")
    );
    simulation.run_until(parse_time("2024-01-15T08:00:00Z").unwrap());
    let printed = run(
        &mut simulation,
        &format!(
            "aws backup describe-restore-job --restore-job-id {id} --query Status --output text"
        ),
    );
    assert_eq!(printed.stdout, "COMPLETED\n", "{}", printed.stderr);
    let printed = run(
        &mut simulation,
        &format!(
            "aws backup describe-restore-job --restore-job-id {id} --query CreatedResourceArn"
        ),
    );
    assert!(
        printed.stdout.contains("db:prod-mysql-restored-20240117"),
        "{}",
        printed.stdout
    );
    // The same name as the database that is still there: the job starts, then fails.
    let printed = run(&mut simulation, &step_3(&arn, "app-db"));
    let response: serde_json::Value = serde_json::from_str(&printed.stdout).unwrap();
    let id = response["RestoreJobId"].as_str().unwrap().to_string();
    simulation.run_until(parse_time("2024-01-15T10:00:00Z").unwrap());
    let printed = run(
        &mut simulation,
        &format!(
            "aws backup describe-restore-job --restore-job-id {id} \
             --query '[Status,StatusMessage]' --output text"
        ),
    );
    assert!(printed.stdout.starts_with("FAILED\t"), "{}", printed.stdout);
    assert!(
        printed.stdout.contains("app-db already exists"),
        "{}",
        printed.stdout
    );
}

#[test]
fn sleep_moves_simulated_time_on_as_gnu_sleep_reads_its_arguments() {
    let mut simulation = after_first_night();
    let before = simulation.now();
    let printed = run(&mut simulation, "sleep 1h 30m 0.5m");
    assert_eq!((printed.status, printed.stderr.as_str()), (0, ""));
    assert_eq!(simulation.now() - before, chrono::Duration::seconds(5430));
    let printed = run(&mut simulation, "sleep 1y");
    assert_eq!(printed.status, 1);
    assert_eq!(
        printed.stderr,
        "sleep: invalid time interval '1y'\nTry 'sleep --help' for more information.\n"
    );
    assert_eq!(run(&mut simulation, "sleep").status, 1);
    assert_eq!(run(&mut simulation, "sleep 400d").status, 1);
}

#[test]
fn the_guides_step_5_finds_the_restored_databases_endpoint() {
    let mut simulation = after_first_night();
    let arn = newest_database_point(&mut simulation);
    let restore = run(
        &mut simulation,
        &format!(
            "aws backup start-restore-job --recovery-point-arn {arn} \
             --metadata DBInstanceIdentifier=prod-mysql-restored-20240117"
        ),
    );
    assert_eq!(restore.status, 0, "{}", restore.stderr);
    let step_5 = r#"aws rds describe-db-instances \
  --db-instance-identifier "prod-mysql-restored-20240117" \
  --query 'DBInstances[0].Endpoint.Address'"#;
    // Still restoring: the database is being created and has no endpoint yet (a null result
    // prints nothing, as the CLI's JSON formatter skips a falsy response).
    let printed = run(&mut simulation, step_5);
    assert_eq!((printed.status, printed.stdout.as_str()), (0, ""));
    assert_eq!(run(&mut simulation, "sleep 30m").status, 0);
    let printed = run(&mut simulation, step_5);
    assert_eq!(printed.status, 0, "{}", printed.stderr);
    let address: String = serde_json::from_str(&printed.stdout).unwrap();
    assert!(
        address.starts_with("prod-mysql-restored-20240117."),
        "{address}"
    );
    assert!(
        address.ends_with(".us-east-1.rds.amazonaws.com"),
        "{address}"
    );
    // The original database is listed too, without an endpoint vaultsim could not know.
    let printed = run(
        &mut simulation,
        "aws rds describe-db-instances --query 'DBInstances[].[DBInstanceIdentifier,DBInstanceStatus]' --output text",
    );
    assert_eq!(
        printed.stdout,
        "app-db\tavailable\nprod-mysql-restored-20240117\tavailable\n"
    );
}

#[test]
fn the_nights_backup_jobs_are_listed_by_state_and_described() {
    let mut simulation = after_first_night();
    let printed = run(
        &mut simulation,
        "aws backup list-backup-jobs --by-state COMPLETED \
         --query 'BackupJobs[].[ResourceType,State]' --output text",
    );
    assert_eq!(printed.status, 0, "{}", printed.stderr);
    let mut lines: Vec<&str> = printed.stdout.lines().collect();
    lines.sort_unstable();
    assert_eq!(
        lines,
        ["EC2\tCOMPLETED", "EFS\tCOMPLETED", "RDS\tCOMPLETED"]
    );
    let printed = run(
        &mut simulation,
        "aws backup list-backup-jobs --by-state EXPIRED --query 'length(BackupJobs)'",
    );
    assert_eq!(printed.stdout, "0\n");
    let id = simulation
        .backup_jobs()
        .iter()
        .next()
        .unwrap()
        .id
        .to_string();
    let printed = run(
        &mut simulation,
        &format!("aws backup describe-backup-job --backup-job-id {id}"),
    );
    let job: serde_json::Value = serde_json::from_str(&printed.stdout).unwrap();
    assert_eq!(job["State"], "COMPLETED");
    assert_eq!(job["BackupVaultName"], "prod-primary-vault");
    assert!(job["RecoveryPointArn"].as_str().is_some());
    assert!(job["StartBy"].as_str().unwrap().ends_with("+00:00"));
    let keys: Vec<&String> = job.as_object().unwrap().keys().collect();
    assert_eq!(keys[..2], ["AccountId", "BackupJobId"]);
}

#[test]
fn the_nights_copies_and_the_incidents_restore_are_listed_where_they_ran() {
    let mut simulation = guide_at("2024-01-16T10:00:00Z");
    let printed = run(
        &mut simulation,
        "aws backup list-copy-jobs --query 'CopyJobs[].State' --output text",
    );
    assert_eq!(printed.status, 0, "{}", printed.stderr);
    assert_eq!(
        printed.stdout.split_whitespace().count(),
        6,
        "{}",
        printed.stdout
    );
    let id = simulation.copy_jobs().iter().next().unwrap().id.to_string();
    let printed = run(
        &mut simulation,
        &format!("aws backup describe-copy-job --copy-job-id {id}"),
    );
    let copy: serde_json::Value = serde_json::from_str(&printed.stdout).unwrap();
    assert_eq!(copy["CopyJob"]["State"], "COMPLETED");
    assert_eq!(
        copy["CopyJob"]["DestinationBackupVaultArn"],
        "arn:aws:backup:eu-west-1:444455556666:backup-vault:dr-vault"
    );
    // The restore ran in the DR account: listed there, not in production.
    let printed = run(
        &mut simulation,
        "aws backup list-restore-jobs --query 'length(RestoreJobs)'",
    );
    assert_eq!(printed.stdout, "0\n");
    let printed = run(
        &mut simulation,
        "aws backup list-restore-jobs --profile 444455556666 --region eu-west-1 \
         --by-status COMPLETED --query 'RestoreJobs[].CreatedResourceArn' --output text",
    );
    assert_eq!(
        printed.stdout,
        "arn:aws:rds:eu-west-1:444455556666:db:app-db-restored-20240116\n"
    );
}

#[test]
fn a_point_is_described_with_its_storage_class_and_a_resources_points_are_listed() {
    let mut simulation = guide_at("2024-01-16T06:00:00Z");
    let rds = "arn:aws:rds:us-east-1:111122223333:db:app-db";
    let printed = run(
        &mut simulation,
        &format!("aws backup list-recovery-points-by-resource --resource-arn {rds}"),
    );
    assert_eq!(printed.status, 0, "{}", printed.stderr);
    let listed: serde_json::Value = serde_json::from_str(&printed.stdout).unwrap();
    let points = listed["RecoveryPoints"].as_array().unwrap();
    // Two nights in prod-primary-vault; the copies are in the DR account.
    assert_eq!(points.len(), 2);
    assert!(
        points
            .iter()
            .all(|p| p["BackupVaultName"] == "prod-primary-vault")
    );
    assert!(points[0]["CreationDate"].as_str() > points[1]["CreationDate"].as_str());
    assert!(points[0]["BackupSizeBytes"].is_number());
    let arn = points[0]["RecoveryPointArn"].as_str().unwrap().to_string();
    let printed = run(
        &mut simulation,
        &format!(
            "aws backup describe-recovery-point --backup-vault-name prod-primary-vault \
             --recovery-point-arn {arn} --query '[Status,StorageClass]' --output text"
        ),
    );
    assert_eq!(printed.stdout, "COMPLETED\tWARM\n", "{}", printed.stderr);
}

#[test]
fn the_audits_legal_hold_is_listed_active_then_canceled() {
    let scenario = Scenario::builtin("compliance-vault-lock").unwrap();
    let mut simulation = Simulation::new(&scenario).unwrap();
    simulation.run_until(parse_time("2024-01-17T00:00:00Z").unwrap());
    let printed = run(
        &mut simulation,
        "aws backup list-legal-holds --query 'LegalHolds[].[Title,Status]' --output text",
    );
    assert_eq!(
        printed.stdout, "audit-2024-q1\tACTIVE\n",
        "{}",
        printed.stderr
    );
    let id = run(
        &mut simulation,
        "aws backup list-legal-holds --query 'LegalHolds[0].LegalHoldId' --output text",
    )
    .stdout
    .trim()
    .to_string();
    let printed = run(
        &mut simulation,
        &format!("aws backup get-legal-hold --legal-hold-id {id}"),
    );
    let hold: serde_json::Value = serde_json::from_str(&printed.stdout).unwrap();
    assert!(
        hold["LegalHoldArn"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:backup:us-east-1:111122223333:legal-hold:")
    );
    assert!(
        !hold["RecoveryPointSelection"]["ResourceIdentifiers"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    simulation.run_until(parse_time("2024-01-21T00:00:00Z").unwrap());
    let printed = run(
        &mut simulation,
        "aws backup list-legal-holds --query 'LegalHolds[].Status' --output text",
    );
    assert_eq!(printed.stdout, "CANCELED\n");
}

#[test]
fn a_call_made_again_in_a_run_taken_anew_gives_the_same_events_and_audit_trail() {
    let restore = |simulation: &mut Simulation| {
        let point = newest_database_point(simulation);
        run(
            simulation,
            &format!(
                "aws backup start-restore-job --recovery-point-arn {point} \
                 --iam-role-arn arn:aws:iam::111122223333:role/AWSBackupDefaultServiceRole \
                 --metadata DBInstanceIdentifier=restored-db"
            ),
        )
    };
    let mut first = after_first_night();
    let made = restore(&mut first)
        .made
        .expect("start-restore-job makes a call");
    first.run_until(parse_time("2024-01-15T09:00:00Z").unwrap());

    // A read makes no call.
    assert_eq!(run(&mut first, "aws backup list-restore-jobs").made, None);
    let mut again = Simulation::new(&Scenario::builtin("three-tier-web-app").unwrap()).unwrap();
    again.make_again(&made);
    again.run_until(parse_time("2024-01-15T09:00:00Z").unwrap());
    assert_eq!(first.events(), again.events());
    assert_eq!(first.audit_trail(), again.audit_trail());
    // A refused call is made again too: it is in the audit trail.
    let refused = run(
        &mut again,
        "aws backup delete-backup-vault --backup-vault-name prod-primary-vault",
    );
    assert_eq!(refused.status, 254);
    assert!(refused.made.is_some());
}

#[test]
fn an_on_demand_backup_answers_its_job_and_runs_to_completed() {
    let mut simulation = after_first_night();
    let printed = run(
        &mut simulation,
        "aws backup start-backup-job --backup-vault-name prod-primary-vault \
         --resource-arn arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0123456789abcdef0 \
         --iam-role-arn arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole \
         --query '[BackupJobId,CreationDate,IsParent]' --output text",
    );
    assert_eq!(printed.status, 0, "{}", printed.stderr);
    let fields: Vec<&str> = printed.stdout.trim().split('\t').collect();
    assert_eq!(fields[1..], ["2024-01-15T06:00:00+00:00", "False"]);
    let id = fields[0];
    run(&mut simulation, "sleep 3h");
    let state = run(
        &mut simulation,
        &format!("aws backup describe-backup-job --backup-job-id {id} --query State --output text"),
    );
    assert_eq!(state.stdout, "COMPLETED\n");
}

#[test]
fn a_legal_hold_answers_with_the_selection_asked_for() {
    let mut simulation = after_first_night();
    let printed = run(
        &mut simulation,
        "aws backup create-legal-hold --title case-42 --description 'Keep for case 42' \
         --recovery-point-selection VaultNames=prod-primary-vault",
    );
    assert_eq!(printed.status, 0, "{}", printed.stderr);
    let out: serde_json::Value = serde_json::from_str(&printed.stdout).unwrap();
    assert_eq!(out["Title"], "case-42");
    assert_eq!(out["Status"], "ACTIVE");
    assert_eq!(
        out["RecoveryPointSelection"],
        serde_json::json!({"VaultNames": ["prod-primary-vault"]})
    );
    assert!(
        out["LegalHoldArn"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:backup:us-east-1:111122223333:legal-hold:")
    );
}

#[test]
fn a_lifecycle_update_answers_the_lifecycle_and_when_it_deletes() {
    let mut simulation = after_first_night();
    let arn = newest_database_point(&mut simulation);
    let printed = run(
        &mut simulation,
        &format!(
            "aws backup update-recovery-point-lifecycle --backup-vault-name prod-primary-vault \
             --recovery-point-arn {arn} --lifecycle DeleteAfterDays=90"
        ),
    );
    assert_eq!(printed.status, 0, "{}", printed.stderr);
    let out: serde_json::Value = serde_json::from_str(&printed.stdout).unwrap();
    assert_eq!(out["RecoveryPointArn"], arn.as_str());
    assert_eq!(out["Lifecycle"], serde_json::json!({"DeleteAfterDays": 90}));
    // 90 days after the point's creation at 02:00 on 15 January.
    assert_eq!(
        out["CalculatedLifecycle"],
        serde_json::json!({"DeleteAt": "2024-04-14T02:00:00+00:00"})
    );
}

#[test]
fn a_vault_access_policy_that_names_production_lets_its_next_copy_in() {
    let scenario = Scenario::builtin("cross-account-denied").unwrap();
    let mut simulation = Simulation::new(&scenario).unwrap();
    simulation.run_until(parse_time("2024-01-15T06:00:00Z").unwrap());
    let policy = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "backup:CopyIntoBackupVault", "Resource": "*"}]}"#;
    // Only the vault's own account, in its Region, has the vault.
    let elsewhere = run(
        &mut simulation,
        &format!(
            "aws backup put-backup-vault-access-policy --backup-vault-name dr-vault --policy '{policy}'"
        ),
    );
    assert_eq!(elsewhere.status, 254);
    assert!(elsewhere.stderr.contains("(ResourceNotFoundException)"));
    let malformed = run(
        &mut simulation,
        "aws backup put-backup-vault-access-policy --backup-vault-name dr-vault \
         --profile 444455556666 --region eu-west-1 --policy 'not json'",
    );
    assert!(
        malformed
            .stderr
            .contains("(InvalidParameterValueException)")
    );
    let put = run(
        &mut simulation,
        &format!(
            "aws backup put-backup-vault-access-policy --backup-vault-name dr-vault \
             --profile 444455556666 --region eu-west-1 --policy '{policy}'"
        ),
    );
    assert_eq!((put.status, put.stdout.as_str()), (0, ""), "{}", put.stderr);
    // The next night's copies are let in.
    run(&mut simulation, "sleep 1d");
    let states = run(
        &mut simulation,
        "aws backup list-copy-jobs --by-created-after 2024-01-16T00:00:00Z --query 'CopyJobs[].State' --output text",
    );
    assert_eq!(states.stdout, "COMPLETED\tCOMPLETED\tCOMPLETED\n");
}

#[test]
fn rds_wait_polls_the_restored_database_in_simulated_time_until_it_is_available() {
    let mut simulation = guide_at("2024-01-16T06:00:00Z");
    let arn = newest_database_point(&mut simulation);
    let started = run(
        &mut simulation,
        &format!(
            "aws backup start-restore-job --recovery-point-arn {arn} \
             --iam-role-arn arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole \
             --metadata DBInstanceIdentifier=prod-mysql-restored-20240117"
        ),
    );
    assert_eq!(started.status, 0, "{}", started.stderr);
    // RDS shows the instance it is making while the restore runs.
    let creating = run(
        &mut simulation,
        "aws rds describe-db-instances --db-instance-identifier prod-mysql-restored-20240117 \
         --query 'DBInstances[0].DBInstanceStatus' --output text",
    );
    assert_eq!(creating.stdout, "creating\n");
    let before = simulation.now();
    let waited = run(
        &mut simulation,
        "aws rds wait db-instance-available --db-instance-identifier prod-mysql-restored-20240117",
    );
    assert_eq!(
        (
            waited.status,
            waited.stdout.as_str(),
            waited.stderr.as_str()
        ),
        (0, "", "")
    );
    // Polled every 30 seconds: time stops at the first poll that sees it available.
    let waited_for = simulation.now() - before;
    assert!(waited_for > chrono::Duration::minutes(5), "{waited_for}");
    assert_eq!(waited_for.num_seconds() % 30, 0, "{waited_for}");
    let status = run(
        &mut simulation,
        "aws rds describe-db-instances --db-instance-identifier prod-mysql-restored-20240117 \
         --query 'DBInstances[0].DBInstanceStatus' --output text",
    );
    assert_eq!(status.stdout, "available\n");
}

#[test]
fn a_waiter_on_a_database_that_does_not_exist_fails_as_botocore_says() {
    let mut simulation = after_first_night();
    let printed = run(
        &mut simulation,
        "aws rds wait db-instance-available --db-instance-identifier nope",
    );
    assert_eq!(
        (printed.status, printed.stderr.as_str()),
        (
            255,
            "\nWaiter DBInstanceAvailable failed: An error occurred (DBInstanceNotFound): DBInstance nope not found.\n"
        )
    );
    // db-instance-deleted takes the same error as success.
    let deleted = run(
        &mut simulation,
        "aws rds wait db-instance-deleted --db-instance-identifier nope",
    );
    assert_eq!(deleted.status, 0, "{}", deleted.stderr);
    let unknown = run(&mut simulation, "aws rds wait db-instance-gone");
    assert_eq!(unknown.status, 252);
    assert!(
        unknown
            .stderr
            .contains("db-instance-available, db-instance-deleted")
    );
}

#[test]
fn cli_input_json_gives_the_request_and_the_command_line_overrides_it() {
    let mut simulation = after_first_night();
    let printed = run(
        &mut simulation,
        r#"aws backup describe-backup-vault --cli-input-json '{"BackupVaultName": "nope"}' --backup-vault-name prod-primary-vault --query NumberOfRecoveryPoints"#,
    );
    assert_eq!((printed.status, printed.stdout.as_str()), (0, "3\n"));
    let unknown = run(
        &mut simulation,
        r#"aws backup describe-backup-vault --cli-input-json '{"VaultName": "x"}'"#,
    );
    assert_eq!(unknown.status, 252);
    assert_eq!(
        unknown.stderr,
        // botocore reports every problem: a structure's missing members, then its unknown ones.
        "\nParameter validation failed:\nMissing required parameter in input: \"BackupVaultName\"\nUnknown parameter in input: \"VaultName\", must be one of: BackupVaultName, BackupVaultAccountId\n"
    );
    let lacking = run(
        &mut simulation,
        r#"aws backup describe-backup-vault --cli-input-json '{"BackupVaultAccountId": "111122223333"}'"#,
    );
    assert_eq!(
        (lacking.status, lacking.stderr.as_str()),
        (
            252,
            "\nParameter validation failed:\nMissing required parameter in input: \"BackupVaultName\"\n"
        )
    );
    let malformed = run(
        &mut simulation,
        "aws backup describe-backup-vault --cli-input-json '{oops'",
    );
    assert!(
        malformed
            .stderr
            .contains("Error parsing parameter 'cli-input-json': Invalid JSON received.")
    );
}

#[test]
fn test_event_pattern_answers_whether_the_guides_alert_pattern_matches_an_event() {
    let mut simulation = after_first_night();
    let event = r#"{"version": "0", "id": "b1c2", "detail-type": "Backup Job State Change", "source": "aws.backup", "account": "111122223333", "time": "2024-01-15T02:00:00Z", "region": "us-east-1", "resources": [], "detail": {"state": "EXPIRED"}}"#;
    let guide = r#"{"source": ["aws.backup"], "detail-type": ["Backup Job State Change"], "detail": {"state": ["FAILED", "ABORTED", "EXPIRED"]}}"#;
    let printed = run(
        &mut simulation,
        &format!(
            "aws events test-event-pattern --event-pattern '{guide}' --event '{event}' --output text"
        ),
    );
    assert_eq!(
        (printed.status, printed.stdout.as_str()),
        (0, "True\n"),
        "{}",
        printed.stderr
    );
    let completed_only = r#"{"detail": {"state": ["COMPLETED"]}}"#;
    let printed = run(
        &mut simulation,
        &format!(
            "aws events test-event-pattern --event-pattern '{completed_only}' --event '{event}'"
        ),
    );
    assert_eq!(printed.stdout, "{\n    \"Result\": false\n}\n");
    let printed = run(
        &mut simulation,
        &format!(
            "aws events test-event-pattern --event-pattern '{guide}' --event '{{\"source\": \"aws.backup\"}}'"
        ),
    );
    assert_eq!(printed.status, 254);
    assert!(
        printed
            .stderr
            .contains("(InvalidEventPatternException) when calling the TestEventPattern operation")
    );
}

#[test]
fn max_items_keeps_the_first_items_and_a_token_resumes_after_them() {
    let mut simulation = after_first_night();
    let first = run(
        &mut simulation,
        "aws backup list-backup-jobs --max-items 2 --query '[BackupJobs[].ResourceType, NextToken]'",
    );
    let first: serde_json::Value = serde_json::from_str(&first.stdout).unwrap();
    assert_eq!(first[0], serde_json::json!(["EFS", "RDS"]));
    // botocore's resume token: {"NextToken": null, "boto_truncate_amount": 2}, in base64.
    let token = first[1].as_str().unwrap();
    assert_eq!(
        token,
        "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ=="
    );
    let rest = run(
        &mut simulation,
        &format!(
            "aws backup list-backup-jobs --starting-token {token} --query 'BackupJobs[].ResourceType' --output text"
        ),
    );
    assert_eq!(rest.stdout, "EC2\n");
    // In text, the token is its own line after the page, queried on its own (to None here).
    let text = run(
        &mut simulation,
        "aws backup list-backup-jobs --max-items 1 --output text --query 'BackupJobs[].State'",
    );
    assert_eq!(text.stdout, "COMPLETED\nNone\n");
    let text = run(
        &mut simulation,
        "aws backup list-backup-vaults --max-items 0 --output text",
    );
    assert!(text.stdout.starts_with("NEXTTOKEN\t"), "{}", text.stdout);
}

#[test]
fn paging_options_are_unknown_to_operations_without_a_paginator_and_bad_tokens_are_refused() {
    let mut simulation = after_first_night();
    let printed = run(
        &mut simulation,
        "aws backup describe-backup-vault --backup-vault-name prod-primary-vault --max-items 1",
    );
    assert_eq!(printed.status, 252);
    assert!(
        printed
            .stderr
            .ends_with("aws: error: Unknown options: --max-items, 1\n")
    );
    let printed = run(&mut simulation, "aws backup list-backup-jobs --max-items x");
    assert!(
        printed
            .stderr
            .ends_with("aws: error: argument --max-items: invalid int value: 'x'\n")
    );
    let printed = run(
        &mut simulation,
        "aws backup list-backup-jobs --starting-token nope",
    );
    assert_eq!(
        (printed.status, printed.stderr.as_str()),
        (255, "\nBad starting token: nope\n")
    );
}

#[test]
fn a_file_value_is_loaded_as_the_cli_loads_a_paramfile_and_a_missing_one_is_refused() {
    use vaultsim_core::console::run::run_with;
    let mut simulation = after_first_night();
    let files = |name: &str| {
        (name == "vault.json")
            .then(|| "{\"BackupVaultName\": \"prod-primary-vault\"}\n".to_string())
    };
    let printed = run_with(
        &mut simulation,
        "aws backup describe-backup-vault --cli-input-json file://vault.json --query NumberOfRecoveryPoints",
        &files,
    );
    assert_eq!(
        (printed.status, printed.stdout.as_str()),
        (0, "3\n"),
        "{}",
        printed.stderr
    );
    let printed = run_with(
        &mut simulation,
        "aws backup describe-backup-vault --cli-input-json=file://other.json",
        &files,
    );
    assert_eq!(
        (printed.status, printed.stderr.as_str()),
        (
            252,
            "\nError parsing parameter '--cli-input-json': Unable to load paramfile file://other.json: [Errno 2] No such file or directory: 'other.json'\n"
        )
    );
}

#[test]
fn a_waiter_is_found_after_global_options_and_takes_them() {
    let mut simulation = guide_at("2024-01-16T12:00:00Z");
    // The scenario's own DR restore made app-db-restored-20240116 in eu-west-1.
    for line in [
        "aws --profile 444455556666 --region eu-west-1 rds wait db-instance-available --db-instance-identifier app-db-restored-20240116",
        "aws rds --profile 444455556666 wait db-instance-available --region eu-west-1 --db-instance-identifier app-db-restored-20240116",
    ] {
        let printed = run(&mut simulation, line);
        assert_eq!((printed.status, printed.stderr.as_str()), (0, ""), "{line}");
    }
    // In production's Region it is not there.
    let printed = run(
        &mut simulation,
        "aws --region us-east-1 rds wait db-instance-available --db-instance-identifier app-db-restored-20240116",
    );
    assert_eq!(printed.status, 255);
}

#[test]
fn yaml_lists_the_vaults_with_each_vaults_keys_sorted() {
    let printed = run(
        &mut after_first_night(),
        "aws backup list-backup-vaults --output yaml",
    );
    assert_eq!((printed.status, printed.stderr.as_str()), (0, ""));
    assert_eq!(
        printed.stdout,
        "BackupVaultList:\n\
         - BackupVaultArn: arn:aws:backup:us-east-1:111122223333:backup-vault:prod-primary-vault\n  \
           BackupVaultName: prod-primary-vault\n  \
           Locked: false\n  \
           NumberOfRecoveryPoints: 3\n  \
           VaultState: AVAILABLE\n  \
           VaultType: BACKUP_VAULT\n"
    );
}

#[test]
fn yaml_quotes_a_timestamp_and_nests_a_structure_two_spaces_in() {
    let printed = run(
        &mut after_first_night(),
        "aws backup list-recovery-points-by-backup-vault --backup-vault-name prod-primary-vault \
         --by-resource-type RDS \
         --query 'RecoveryPoints[0].{Status:Status,Created:CreationDate,Lifecycle:Lifecycle}' \
         --output yaml",
    );
    assert_eq!((printed.status, printed.stderr.as_str()), (0, ""));
    assert_eq!(
        printed.stdout,
        "Created: '2024-01-15T02:00:00+00:00'\nLifecycle:\n  DeleteAfterDays: 30\nStatus: COMPLETED\n"
    );
}

#[test]
fn yaml_with_a_query_down_to_one_value_prints_it_as_json() {
    // awscli's YAMLDumper json.dumps a bare scalar rather than end a YAML document with `...`.
    let mut simulation = after_first_night();
    let printed = run(
        &mut simulation,
        "aws backup list-backup-vaults --query 'BackupVaultList[0].BackupVaultName' --output yaml",
    );
    assert_eq!(
        (printed.status, printed.stdout.as_str()),
        (0, "\"prod-primary-vault\"\n")
    );
    let printed = run(
        &mut simulation,
        "aws backup list-backup-vaults --query 'BackupVaultList[0].NumberOfRecoveryPoints' --output yaml",
    );
    assert_eq!(printed.stdout, "3\n");
}

#[test]
fn yaml_stream_prints_the_one_page_as_a_list_and_leaves_the_resume_token_out() {
    let mut simulation = after_first_night();
    let printed = run(
        &mut simulation,
        "aws backup list-backup-vaults --output yaml-stream",
    );
    assert_eq!((printed.status, printed.stderr.as_str()), (0, ""));
    assert_eq!(
        printed.stdout,
        "- BackupVaultList:\n  \
         - BackupVaultArn: arn:aws:backup:us-east-1:111122223333:backup-vault:prod-primary-vault\n    \
           BackupVaultName: prod-primary-vault\n    \
           Locked: false\n    \
           NumberOfRecoveryPoints: 3\n    \
           VaultState: AVAILABLE\n    \
           VaultType: BACKUP_VAULT\n"
    );
    // The query applies to the page; a scalar is then an item of the list, in YAML.
    let printed = run(
        &mut simulation,
        "aws backup list-backup-vaults --output yaml-stream --query 'BackupVaultList[0].BackupVaultName'",
    );
    assert_eq!(printed.stdout, "- prod-primary-vault\n");
    // botocore's PageIterator keeps the resume token to itself: the merged YAML shows it, the
    // stream does not.
    let printed = run(
        &mut simulation,
        "aws backup list-backup-vaults --max-items 0 --output yaml-stream",
    );
    assert_eq!(printed.stdout, "- BackupVaultList: []\n");
    let printed = run(
        &mut simulation,
        "aws backup list-backup-vaults --max-items 0 --output yaml",
    );
    assert!(
        printed
            .stdout
            .starts_with("BackupVaultList: []\nNextToken: eyJ"),
        "{}",
        printed.stdout
    );
}

#[test]
fn yaml_and_yaml_stream_print_nothing_for_a_call_with_no_output() {
    let mut simulation = after_first_night();
    for output in ["yaml", "yaml-stream"] {
        let printed = run(
            &mut simulation,
            &format!(
                r#"aws backup put-backup-vault-access-policy --backup-vault-name prod-primary-vault --policy '{{"Version": "2012-10-17", "Statement": []}}' --output {output}"#
            ),
        );
        assert_eq!(
            (
                printed.status,
                printed.stdout.as_str(),
                printed.stderr.as_str()
            ),
            (0, "", ""),
            "{output}"
        );
    }
}

#[test]
fn a_value_of_the_wrong_type_is_refused_in_botocores_words_wherever_it_is() {
    let mut simulation = after_first_night();
    for (line, report) in [
        (
            r#"aws backup describe-backup-vault --cli-input-json '{"BackupVaultName": 5}'"#,
            "Invalid type for parameter BackupVaultName, value: 5, type: <class 'int'>, valid types: <class 'str'>",
        ),
        (
            r#"aws backup start-backup-job --backup-vault-name prod-primary-vault --resource-arn arn:aws:rds:us-east-1:111122223333:db:app-db --iam-role-arn arn:aws:iam::111122223333:role/r --lifecycle '{"DeleteAfterDays": "35", "Cold": true}'"#,
            "Unknown parameter in Lifecycle: \"Cold\", must be one of: MoveToColdStorageAfterDays, DeleteAfterDays, OptInToArchiveForSupportedResources, DeleteAfterEvent\nInvalid type for parameter Lifecycle.DeleteAfterDays, value: 35, type: <class 'str'>, valid types: <class 'int'>",
        ),
        (
            r#"aws sns create-topic --name t --attributes '{"Policy": {"Statement": []}}'"#,
            "Invalid type for parameter Attributes.Policy, value: {'Statement': []}, type: <class 'dict'>, valid types: <class 'str'>",
        ),
        (
            r#"aws events put-targets --rule r --targets '[{"Id": "a"}]'"#,
            "Missing required parameter in Targets[0]: \"Arn\"",
        ),
    ] {
        let printed = run(&mut simulation, line);
        assert_eq!(
            (printed.status, printed.stderr.as_str()),
            (
                252,
                format!("\nParameter validation failed:\n{report}\n").as_str()
            ),
            "{line}"
        );
    }
    // Nothing was made.
    assert!(
        simulation
            .audit_trail()
            .iter()
            .all(|a| a.event_name != "StartBackupJob")
    );
}

#[test]
fn a_plan_made_in_the_console_is_checked_then_runs_from_then_and_is_listed() {
    let mut simulation = guide_at("2024-01-15T00:00:00Z");
    let plan = r#"{"BackupPlanName": "hourly-db", "Rules": [{"RuleName": "Hourly",
        "TargetBackupVaultName": "prod-primary-vault", "ScheduleExpression": "cron(0 * * * ? *)",
        "StartWindowMinutes": 60, "Lifecycle": {"DeleteAfterDays": 7}}]}"#;
    let created = run(
        &mut simulation,
        &format!(
            "aws backup create-backup-plan --backup-plan '{plan}' --query BackupPlanId --output text"
        ),
    );
    assert_eq!((created.status, created.stderr.as_str()), (0, ""));
    let id = created.stdout.trim().to_string();
    let selected = run(
        &mut simulation,
        &format!(
            "aws backup create-backup-selection --backup-plan-id {id} --backup-selection \
             '{{\"SelectionName\": \"db\", \"IamRoleArn\": \"arn:aws:iam::111122223333:role/r\", \
             \"Resources\": [\"arn:aws:rds:us-east-1:111122223333:db:app-db\"]}}'"
        ),
    );
    assert_eq!((selected.status, selected.stderr.as_str()), (0, ""));
    let listed = run(
        &mut simulation,
        "aws backup list-backup-plans --query 'BackupPlansList[].BackupPlanName' --output text",
    );
    assert_eq!(listed.stdout, "prod-backup-plan\thourly-db\n");
    // Five hours on: the database backed up each hour, from 01:00.
    simulation.run_until(vaultsim_core::scenario::parse_time("2024-01-15T05:30:00Z").unwrap());
    let jobs = run(
        &mut simulation,
        &format!(
            "aws backup list-backup-jobs --by-resource-arn arn:aws:rds:us-east-1:111122223333:db:app-db \
             --query 'length(BackupJobs[?CreatedBy.BackupPlanId==`\"{id}\"`])'"
        ),
    );
    assert_eq!(jobs.stdout, "5\n", "{}", jobs.stderr);
    // A plan AWS would refuse is refused, and nothing is made.
    let refused = run(
        &mut simulation,
        r#"aws backup create-backup-plan --backup-plan '{"BackupPlanName": "bad", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "v", "ScheduleExpression": "cron(0 5 * * * *)"}]}'"#,
    );
    assert_eq!(refused.status, 254);
    assert!(
        refused.stderr.contains(
            "(InvalidParameterValueException) when calling the CreateBackupPlan operation"
        ),
        "{}",
        refused.stderr
    );
    let again = run(
        &mut simulation,
        &format!("aws backup create-backup-plan --backup-plan '{plan}'"),
    );
    assert!(
        again.stderr.contains("(AlreadyExistsException)"),
        "{}",
        again.stderr
    );
    let unknown = run(
        &mut simulation,
        "aws backup list-backup-selections --backup-plan-id nope",
    );
    assert!(unknown.stderr.contains("(ResourceNotFoundException)"));
}
