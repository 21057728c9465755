//! `vaultsim console`: a script of AWS CLI commands run in order against a simulated scenario,
//! `sleep` moving simulated time on, printed as a shell running them would print.

mod common;

use common::{text, vaultsim_with_input};

#[test]
fn a_restore_then_a_sleep_then_its_state_read_from_standard_input() {
    let builtin = [
        "console",
        "--builtin",
        "three-tier-web-app",
        "--at",
        "2024-01-15T06:00:00Z",
    ];
    let listed = vaultsim_with_input(
        &builtin,
        "aws backup list-recovery-points-by-backup-vault --backup-vault-name prod-primary-vault \\\n  \
         --by-resource-type RDS --query 'RecoveryPoints[0].RecoveryPointArn' --output text\n",
    );
    let arn = text(&listed.stdout).trim().to_string();
    assert!(
        arn.contains(":snapshot:awsbackup:job-"),
        "{arn} {}",
        text(&listed.stderr)
    );
    let script = format!(
        "# the guide's step 3, then half an hour\n\
         aws backup start-restore-job --recovery-point-arn \"{arn}\" \\\n  \
         --metadata '{{\n    \"DBInstanceIdentifier\": \"app-db-restored\"\n  }}' \\\n  \
         --query RestoreJobId --output text\n\
         sleep 30m\n\
         aws backup list-recovery-points-by-backup-vault --backup-vault-name prod-primary-vault \
         --query 'length(RecoveryPoints)'\n"
    );
    let o = vaultsim_with_input(&builtin, &script);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0].len(), 36, "a restore job ID: {}", lines[0]);
    assert_eq!(lines[1], "3");
}

#[test]
fn the_last_commands_status_is_the_scripts() {
    let o = vaultsim_with_input(
        &["console", "--builtin", "three-tier-web-app"],
        "aws backup list-backup-vaults\naws backup describe-backup-vault --backup-vault-name nope\n",
    );
    assert_eq!(o.status.code(), Some(254));
    assert!(text(&o.stdout).contains("prod-primary-vault"));
    assert!(text(&o.stderr).contains("(ResourceNotFoundException)"));
}

#[test]
fn a_file_value_is_read_from_disk_as_the_cli_reads_a_paramfile() {
    let path = std::env::temp_dir().join(format!("vaultsim-paramfile-{}.json", std::process::id()));
    std::fs::write(&path, "{\"BackupVaultName\": \"prod-primary-vault\"}\n").unwrap();
    let script = format!(
        "aws backup describe-backup-vault --cli-input-json file://{} --query BackupVaultName --output text\n\
         aws backup describe-backup-vault --cli-input-json file://{}.missing\n",
        path.display(),
        path.display()
    );
    let o = vaultsim_with_input(&["console", "--builtin", "three-tier-web-app"], &script);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(text(&o.stdout), "prod-primary-vault\n");
    assert_eq!(o.status.code(), Some(252));
    assert!(
        text(&o.stderr).contains("Unable to load paramfile file://"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn test_event_pattern_and_a_waiter_run_from_the_command_line() {
    let o = vaultsim_with_input(
        &[
            "console",
            "--builtin",
            "three-tier-web-app",
            "--at",
            "2024-01-16T09:05:00Z",
        ],
        "aws --profile 444455556666 --region eu-west-1 rds wait db-instance-available --db-instance-identifier app-db-restored-20240116\n\
         aws events test-event-pattern --event-pattern '{\"source\": [\"aws.backup\"]}' \\\n  \
         --event '{\"id\": \"1\", \"account\": \"111122223333\", \"source\": \"aws.backup\", \"time\": \"2024-01-16T09:00:00Z\", \"region\": \"us-east-1\", \"resources\": [], \"detail-type\": \"Backup Job State Change\"}' \\\n  \
         --output text\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "True\n");
}

#[test]
fn the_inbox_has_what_the_guides_alert_delivered_and_why_a_message_was_not() {
    let inbox = std::env::temp_dir().join(format!("vaultsim-inbox-{}.ndjson", std::process::id()));
    let topic = "arn:aws:sns:us-east-1:111122223333:backup-failure-alerts";
    // A topic with a queue subscribed and no policy for EventBridge, a rule for the night's
    // completed backup jobs pointed at it, a message published by hand, and the night.
    let script = format!(
        "aws sns create-topic --name backup-failure-alerts\n\
         aws sns subscribe --topic-arn {topic} --protocol sqs --notification-endpoint arn:aws:sqs:us-east-1:111122223333:q\n\
         aws events put-rule --name done --event-pattern '{{\"detail-type\": [\"Backup Job State Change\"], \"detail\": {{\"state\": [\"COMPLETED\"]}}}}'\n\
         aws events put-targets --rule done --targets Id=t,Arn={topic}\n\
         aws sns publish --topic-arn {topic} --message drill\n\
         sleep 6h\n"
    );
    let o = vaultsim_with_input(
        &[
            "console",
            "--builtin",
            "three-tier-web-app",
            "--inbox",
            inbox.to_str().unwrap(),
        ],
        &script,
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let written = std::fs::read_to_string(&inbox).unwrap();
    std::fs::remove_file(&inbox).unwrap();
    let lines: Vec<serde_json::Value> = written
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // The drill reached the queue; each of the three completed jobs' events did not reach the
    // topic, whose policy does not let events.amazonaws.com publish.
    assert_eq!(lines.len(), 4, "{written}");
    assert_eq!(lines[0]["Notification"]["Message"], "drill", "{written}");
    assert_eq!(lines[0]["Endpoint"], "arn:aws:sqs:us-east-1:111122223333:q");
    for line in &lines[1..] {
        assert_eq!(line["Delivered"], false);
        assert_eq!(line["Sender"], "EventBridge rule done");
        assert!(
            line["Reason"]
                .as_str()
                .unwrap()
                .contains("events.amazonaws.com")
        );
    }
}

#[test]
fn a_restore_testing_plan_is_updated_then_deleted_once_its_selections_are() {
    let script = "\
aws backup update-restore-testing-plan --restore-testing-plan-name daily_restore_test --restore-testing-plan '{\"StartWindowHours\": 2}' --query RestoreTestingPlanName --output text
aws backup get-restore-testing-plan --restore-testing-plan-name daily_restore_test --query RestoreTestingPlan.StartWindowHours
aws backup delete-restore-testing-plan --restore-testing-plan-name daily_restore_test
aws backup delete-restore-testing-selection --restore-testing-plan-name daily_restore_test --restore-testing-selection-name shared_files
aws backup delete-restore-testing-selection --restore-testing-plan-name daily_restore_test --restore-testing-selection-name app_database
aws backup delete-restore-testing-plan --restore-testing-plan-name daily_restore_test
aws backup list-restore-testing-plans --query 'length(RestoreTestingPlans)'
";
    let o = vaultsim_with_input(&["console", "--builtin", "restore-testing"], script);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    // The deletes answer HTTP 204: the CLI prints nothing for them.
    assert_eq!(lines, ["daily_restore_test", "2", "0"], "{out}");
    // The first delete, with selections left, was refused.
    assert!(
        text(&o.stderr).contains(
            "(InvalidRequestException) when calling the DeleteRestoreTestingPlan operation"
        ),
        "{}",
        text(&o.stderr)
    );
}
