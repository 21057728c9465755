//! `vaultsim aws`: one AWS CLI command answered by a simulated scenario, printed and exiting as
//! the AWS CLI would.

mod common;

use common::{text, vaultsim};

#[test]
fn the_guides_step_1_answers_from_the_scenario_at_the_time_given() {
    let o = vaultsim(&[
        "aws",
        "backup",
        "list-recovery-points-by-backup-vault",
        "--backup-vault-name",
        "prod-primary-vault",
        "--by-resource-type",
        "RDS",
        "--query",
        "RecoveryPoints[*].{ARN:RecoveryPointArn,Created:CreationDate,Status:Status}",
        "--output",
        "table",
        "--builtin",
        "three-tier-web-app",
        "--at",
        "2024-01-17T06:00:00Z",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("snapshot:awsbackup"))
        .collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert!(rows[0].contains("2024-01-17T02:00:00+00:00"));
    assert!(rows[2].contains("2024-01-15T02:00:00+00:00"));
}

#[test]
fn before_the_first_night_the_vault_is_empty() {
    let o = vaultsim(&[
        "aws",
        "backup",
        "list-recovery-points-by-backup-vault",
        "--backup-vault-name=prod-primary-vault",
        "--builtin=three-tier-web-app",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(text(&o.stdout), "{\n    \"RecoveryPoints\": []\n}\n");
}

#[test]
fn output_yaml_prints_the_response_as_cli_v2_does() {
    let o = vaultsim(&[
        "aws",
        "backup",
        "list-recovery-points-by-backup-vault",
        "--backup-vault-name",
        "prod-primary-vault",
        "--by-resource-type",
        "RDS",
        "--query",
        "RecoveryPoints[*].{ARN:RecoveryPointArn,Created:CreationDate,Status:Status}",
        "--output",
        "yaml",
        "--builtin",
        "three-tier-web-app",
        "--at",
        "2024-01-16T06:00:00Z",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    // A list of the points, newest first, each with its keys sorted and its date quoted.
    assert_eq!(lines.len(), 6, "{out}");
    assert!(
        lines[0].starts_with("- ARN: arn:aws:rds:us-east-1:111122223333:snapshot:awsbackup:job-"),
        "{out}"
    );
    assert_eq!(lines[1], "  Created: '2024-01-16T02:00:00+00:00'");
    assert_eq!(lines[2], "  Status: COMPLETED");
    assert_eq!(lines[4], "  Created: '2024-01-15T02:00:00+00:00'");
}

#[test]
fn service_and_usage_errors_exit_as_the_cli_does() {
    let o = vaultsim(&[
        "aws",
        "backup",
        "list-recovery-points-by-backup-vault",
        "--backup-vault-name",
        "nope",
        "--builtin",
        "three-tier-web-app",
    ]);
    assert_eq!(o.status.code(), Some(254));
    assert!(text(&o.stderr).contains("An error occurred (ResourceNotFoundException)"));
    let o = vaultsim(&[
        "aws",
        "backup",
        "list-recovery-points-by-backup-vault",
        "--builtin",
        "three-tier-web-app",
    ]);
    assert_eq!(o.status.code(), Some(252));
    assert!(
        text(&o.stderr)
            .ends_with("aws: error: the following arguments are required: --backup-vault-name\n")
    );
}

#[test]
fn without_one_scenario_or_with_a_bad_time_vaultsim_says_what_to_give() {
    let o = vaultsim(&["aws", "backup", "list-backup-vaults"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--scenario FILE or --builtin NAME"));
    let o = vaultsim(&[
        "aws",
        "backup",
        "list-backup-vaults",
        "--builtin",
        "three-tier-web-app",
        "--at",
        "yesterday",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--at \"yesterday\""));
}
