//! CloudFormation templates (JSON and YAML): AWS::Backup resources checked against their
//! CloudFormation schemas, plan rules under CloudFormation's names, vault locks.

use vaultsim_core::Severity;
use vaultsim_core::plan::{CheckOptions, Checked, PlanForm, check, effective_plan};

fn run(text: &str) -> Checked {
    let options = CheckOptions {
        now: "2024-01-15T00:00:00Z".parse().unwrap(),
    };
    check(text, &options)
}

fn found(text: &str, severity: Severity) -> Vec<(&'static str, String)> {
    run(text)
        .findings
        .into_iter()
        .filter(|f| f.diagnostic.severity == severity)
        .map(|f| (f.diagnostic.code, f.diagnostic.pointer.unwrap_or_default()))
        .collect()
}

fn errors(text: &str) -> Vec<(&'static str, String)> {
    found(text, Severity::Error)
}

fn warnings(text: &str) -> Vec<(&'static str, String)> {
    found(text, Severity::Warning)
}

fn e(code: &'static str, pointer: &str) -> (&'static str, String) {
    (code, pointer.to_string())
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/data/plans/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A YAML template with one plan whose single rule has `rule` (indented YAML lines) added.
fn yaml_plan(rule: &str) -> String {
    let mut text = String::from(
        "Resources:\n  Plan:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlan:\n        BackupPlanName: p\n        BackupPlanRule:\n          - RuleName: r\n            TargetBackupVault: vault\n",
    );
    for line in rule.lines() {
        text.push_str("            ");
        text.push_str(line);
        text.push('\n');
    }
    text
}

const RULE: &str = "/Resources/Plan/Properties/BackupPlan/BackupPlanRule/0";

#[test]
fn a_yaml_template_with_short_form_functions_is_read_and_has_no_errors() {
    let checked = run(&fixture("cloudformation.yaml"));
    assert_eq!(checked.form, Some(PlanForm::CloudFormation { yaml: true }));
    assert!(!checked.has_errors(), "{:#?}", checked.findings);
}

/// A whole template in the shape of AWS's published samples: flow mappings closed at their
/// key's column (`AssumeRolePolicyDocument: {` ... `}`), which PyYAML and libyaml read and
/// CloudFormation deploys, and the guide's selection patterns with `*` inside the ARN (SEL-3:
/// "arn:aws:ec2:*:*:volume/*, arn:aws:rds:*:*:db:*").
const FLOW_TEMPLATE: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties: {
      BackupVaultName: prod-vault
    }
  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan: {
        "BackupPlanName": "daily-plan",
        "BackupPlanRule": [
          {
            "RuleName": "daily",
            "TargetBackupVault": !Ref Vault,
            "ScheduleExpression": "cron(0 5 ? * * *)",
            "Lifecycle": { "DeleteAfterDays": 35 }
          }
        ]
      }
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {
        "Version": "2012-10-17",
        "Statement": [ { "Effect": "Allow", "Principal": { "Service": [ "backup.amazonaws.com" ] }, "Action": [ "sts:AssumeRole" ] } ]
      }
      ManagedPolicyArns: [
        !Sub "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
      ]
  Selection:
    Type: AWS::Backup::BackupSelection
    Properties:
      BackupPlanId: !Ref Plan
      BackupSelection: {
        SelectionName: volumes-and-databases,
        IamRoleArn: !GetAtt Role.Arn,
        Resources: [ "arn:aws:ec2:*:*:volume/*", "arn:aws:rds:*:*:db:*" ]
      }
"#;

#[test]
fn a_backup_plan_template_with_flow_mappings_closed_at_their_keys_column_is_accepted() {
    let checked = run(FLOW_TEMPLATE);
    assert_eq!(checked.form, Some(PlanForm::CloudFormation { yaml: true }));
    assert_eq!(errors(FLOW_TEMPLATE), []);
    assert_eq!(warnings(FLOW_TEMPLATE), []);
    let rule = checked
        .root
        .as_ref()
        .unwrap()
        .pointer("/Resources/Plan/Properties/BackupPlan/BackupPlanRule/0/RuleName")
        .and_then(|n| n.as_str().map(str::to_string));
    assert_eq!(rule.as_deref(), Some("daily"));
}

#[test]
fn a_json_template_is_recognised() {
    let text = r#"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Plan": {"Type": "AWS::Backup::BackupPlan",
        "Properties": {"BackupPlan": {"BackupPlanName": "p", "BackupPlanRule": [{"RuleName": "r", "TargetBackupVault": "vault"}]}}}}}"#;
    let checked = run(text);
    assert_eq!(checked.form, Some(PlanForm::CloudFormation { yaml: false }));
    assert!(!checked.has_errors(), "{:#?}", checked.findings);
}

#[test]
fn cloudformation_names_are_required_and_api_names_are_unknown_there() {
    let text = "Resources:\n  Plan:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlan:\n        BackupPlanName: p\n        Rules:\n          - RuleName: r\n            TargetBackupVaultName: vault\n";
    assert_eq!(
        errors(text),
        [
            e(
                "missing-member",
                "/Resources/Plan/Properties/BackupPlan/BackupPlanRule"
            ),
            e(
                "unknown-member",
                "/Resources/Plan/Properties/BackupPlan/Rules"
            ),
        ]
    );
}

#[test]
fn read_only_properties_are_refused() {
    let text = "Resources:\n  Vault:\n    Type: AWS::Backup::BackupVault\n    Properties:\n      BackupVaultName: v1\n      BackupVaultArn: arn:aws:backup:us-east-1:111122223333:backup-vault:v1\n";
    assert_eq!(
        errors(text),
        [e(
            "read-only-member",
            "/Resources/Vault/Properties/BackupVaultArn"
        )]
    );
}

#[test]
fn cloudformation_converts_numbers_and_booleans_written_as_strings() {
    assert!(
        errors(&yaml_plan(
            "StartWindowMinutes: \"60\"\nEnableContinuousBackup: \"false\""
        ))
        .is_empty()
    );
    // ...and the rules still read them.
    assert_eq!(
        errors(&yaml_plan("StartWindowMinutes: \"30\"")),
        [e(
            "start-window-too-short",
            &format!("{RULE}/StartWindowMinutes")
        )]
    );
}

#[test]
fn a_schedule_error_points_inside_a_plain_yaml_scalar() {
    let text = yaml_plan("ScheduleExpression: cron(0 25 * * ? *)");
    let checked = run(&text);
    let f = &checked.findings[0];
    assert_eq!(f.diagnostic.code, "schedule-out-of-range");
    assert_eq!(&text[f.diagnostic.span.clone()], "25");
    assert_eq!(
        f.diagnostic.pointer.as_deref(),
        Some(&*format!("{RULE}/ScheduleExpression"))
    );
}

#[test]
fn cont_3_cloudformation_refuses_a_continuous_rule_without_a_lifecycle() {
    assert_eq!(
        errors(&yaml_plan("EnableContinuousBackup: true")),
        [e(
            "continuous-without-lifecycle",
            &format!("{RULE}/EnableContinuousBackup")
        )]
    );
}

#[test]
fn intrinsic_functions_are_not_judged() {
    let rule = "ScheduleExpression: !Ref Schedule\nStartWindowMinutes: !Ref Window\nCopyActions:\n  - DestinationBackupVaultArn: !GetAtt Dr.BackupVaultArn";
    assert!(
        errors(&yaml_plan(rule)).is_empty(),
        "{:?}",
        errors(&yaml_plan(rule))
    );
}

#[test]
fn list_of_tags_condition_type_is_case_insensitive_in_cloudformation() {
    let selection = |t: &str| {
        format!(
            "Resources:\n  Selection:\n    Type: AWS::Backup::BackupSelection\n    Properties:\n      BackupPlanId: plan-id\n      BackupSelection:\n        SelectionName: s\n        IamRoleArn: arn:aws:iam::111122223333:role/r\n        ListOfTags:\n          - ConditionType: {t}\n            ConditionKey: Backup\n            ConditionValue: \"true\"\n"
        )
    };
    assert!(errors(&selection("StringEquals")).is_empty());
    assert_eq!(
        errors(&selection("StringLike")),
        [e(
            "invalid-value",
            "/Resources/Selection/Properties/BackupSelection/ListOfTags/0/ConditionType"
        )]
    );
}

fn vault(lock: &str) -> String {
    let mut text = String::from(
        "Resources:\n  Vault:\n    Type: AWS::Backup::BackupVault\n    Properties:\n      BackupVaultName: v1\n      LockConfiguration:\n",
    );
    for line in lock.lines() {
        text.push_str("        ");
        text.push_str(line);
        text.push('\n');
    }
    text
}

#[test]
fn lock_1_minimum_retention_is_at_least_1_day_and_required() {
    assert_eq!(
        errors(&vault("MinRetentionDays: 0")),
        [e(
            "vault-lock-range",
            "/Resources/Vault/Properties/LockConfiguration/MinRetentionDays"
        )]
    );
    assert_eq!(
        errors(&vault("MaxRetentionDays: 30")),
        [e(
            "missing-member",
            "/Resources/Vault/Properties/LockConfiguration/MinRetentionDays"
        )]
    );
}

#[test]
fn lock_2_maximum_retention_is_at_most_36500_days() {
    assert_eq!(
        errors(&vault("MinRetentionDays: 1\nMaxRetentionDays: 36501")),
        [e(
            "vault-lock-range",
            "/Resources/Vault/Properties/LockConfiguration/MaxRetentionDays"
        )]
    );
}

#[test]
fn lock_3_changeable_for_days_is_3_to_36500_and_means_compliance_mode() {
    assert_eq!(
        errors(&vault("MinRetentionDays: 1\nChangeableForDays: 2")),
        [e(
            "vault-lock-range",
            "/Resources/Vault/Properties/LockConfiguration/ChangeableForDays"
        )]
    );
    let modes: Vec<String> = run(&vault("MinRetentionDays: 1\nChangeableForDays: 3"))
        .findings
        .into_iter()
        .filter(|f| f.diagnostic.code == "vault-lock-mode")
        .map(|f| f.diagnostic.message)
        .collect();
    assert!(modes[0].contains("compliance mode"), "{modes:?}");
    let modes: Vec<String> = run(&vault("MinRetentionDays: 1"))
        .findings
        .into_iter()
        .filter(|f| f.diagnostic.code == "vault-lock-mode")
        .map(|f| f.diagnostic.message)
        .collect();
    assert!(modes[0].contains("governance mode"), "{modes:?}");
}

#[test]
fn lock_4_a_minimum_above_the_maximum_is_a_warning() {
    assert_eq!(
        warnings(&vault("MinRetentionDays: 30\nMaxRetentionDays: 7")),
        [e(
            "vault-lock-min-above-max",
            "/Resources/Vault/Properties/LockConfiguration/MaxRetentionDays"
        )]
    );
}

#[test]
fn lag_1_an_air_gapped_vault_keeps_at_least_7_days() {
    let text = "Resources:\n  Vault:\n    Type: AWS::Backup::LogicallyAirGappedBackupVault\n    Properties:\n      BackupVaultName: v1\n      MinRetentionDays: 5\n      MaxRetentionDays: 30\n";
    assert_eq!(
        errors(text),
        [e(
            "vault-lock-range",
            "/Resources/Vault/Properties/MinRetentionDays"
        )]
    );
    let text = "Resources:\n  Vault:\n    Type: AWS::Backup::LogicallyAirGappedBackupVault\n    Properties:\n      BackupVaultName: v1\n      MinRetentionDays: 7\n";
    assert_eq!(
        errors(text),
        [e(
            "missing-member",
            "/Resources/Vault/Properties/MaxRetentionDays"
        )]
    );
}

#[test]
fn lock_6_jobs_whose_retention_breaks_the_vault_lock_are_a_warning() {
    let template = "Resources:\n  Vault:\n    Type: AWS::Backup::BackupVault\n    Properties:\n      BackupVaultName: locked\n      LockConfiguration:\n        MinRetentionDays: 90\n        MaxRetentionDays: 400\n  Plan:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlan:\n        BackupPlanName: p\n        BackupPlanRule:\n          - RuleName: short\n            TargetBackupVault: !Ref Vault\n            Lifecycle:\n              DeleteAfterDays: 30\n          - RuleName: long\n            TargetBackupVault: locked\n            Lifecycle:\n              DeleteAfterDays: 500\n          - RuleName: fits\n            TargetBackupVault: locked\n            Lifecycle:\n              DeleteAfterDays: 365\n            CopyActions:\n              - DestinationBackupVaultArn: !GetAtt Vault.BackupVaultArn\n                Lifecycle:\n                  DeleteAfterDays: 7\n";
    let plan = "/Resources/Plan/Properties/BackupPlan/BackupPlanRule";
    assert_eq!(
        warnings(template),
        [
            e(
                "vault-lock-retention",
                &format!("{plan}/0/TargetBackupVault")
            ),
            e(
                "vault-lock-retention",
                &format!("{plan}/1/TargetBackupVault")
            ),
            e(
                "vault-lock-retention",
                &format!("{plan}/2/CopyActions/0/DestinationBackupVaultArn")
            ),
            e(
                "copy-retention-shorter",
                &format!("{plan}/2/CopyActions/0/Lifecycle/DeleteAfterDays")
            ),
        ]
    );
}

#[test]
fn every_backup_resource_type_is_checked_against_its_schema() {
    let text = "Resources:\n  Framework:\n    Type: AWS::Backup::Framework\n    Properties:\n      FrameworkControl: []\n";
    assert_eq!(
        errors(text),
        [
            e(
                "unknown-member",
                "/Resources/Framework/Properties/FrameworkControl"
            ),
            e(
                "missing-member",
                "/Resources/Framework/Properties/FrameworkControls"
            ),
        ]
    );
}

#[test]
fn an_unknown_backup_resource_type_is_a_warning_with_the_nearest_name() {
    let text = "Resources:\n  Vault:\n    Type: AWS::Backup::BackupVaults\n    Properties: {}\n";
    let checked = run(text);
    assert_eq!(checked.findings[0].diagnostic.code, "unknown-resource-type");
    assert_eq!(
        checked.findings[0].diagnostic.help,
        "did you mean AWS::Backup::BackupVault?"
    );
}

#[test]
fn the_effective_plan_of_a_template_uses_the_api_names() {
    let checked = run(&fixture("cloudformation.yaml"));
    let plan = effective_plan(checked.root.as_ref().unwrap(), checked.form.unwrap()).unwrap();
    let rule = &plan["Rules"][1];
    assert_eq!(rule["TargetBackupVaultName"], "prod-primary-vault");
    assert_eq!(rule["StartWindowMinutes"], 480);
    assert_eq!(
        plan["Rules"][0]["TargetBackupVaultName"]["Ref"],
        "PrimaryVault"
    );
}

fn resource(resource_type: &str, properties: &str) -> String {
    let mut text = format!("Resources:\n  It:\n    Type: {resource_type}\n    Properties:\n");
    for line in properties.lines() {
        text.push_str("      ");
        text.push_str(line);
        text.push('\n');
    }
    text
}

const RT_PLAN: &str = "RestoreTestingPlanName: daily_test\nScheduleExpression: cron(0 5 ? * * *)\nRecoveryPointSelection:\n  Algorithm: LATEST_WITHIN_WINDOW\n  RecoveryPointTypes: [SNAPSHOT]\n  IncludeVaults: ['*']\n";

#[test]
fn rt_1_restore_testing_plan_names_windows_and_schedule() {
    let plan = |extra: &str| {
        resource(
            "AWS::Backup::RestoreTestingPlan",
            &format!("{RT_PLAN}{extra}"),
        )
    };
    assert!(
        errors(&plan("StartWindowHours: 168")).is_empty(),
        "{:?}",
        errors(&plan(""))
    );
    assert_eq!(
        errors(&plan("StartWindowHours: 169")),
        [e(
            "out-of-range",
            "/Resources/It/Properties/StartWindowHours"
        )]
    );
    let bad_name = resource(
        "AWS::Backup::RestoreTestingPlan",
        &RT_PLAN.replace("daily_test", "daily-test"),
    );
    assert_eq!(
        errors(&bad_name),
        [e(
            "invalid-name",
            "/Resources/It/Properties/RestoreTestingPlanName"
        )]
    );
    let bad_schedule = resource(
        "AWS::Backup::RestoreTestingPlan",
        &RT_PLAN.replace("cron(0 5 ? * * *)", "cron(0 5 ? * * * *)"),
    );
    assert_eq!(
        errors(&bad_schedule),
        [e(
            "schedule-field-count",
            "/Resources/It/Properties/ScheduleExpression"
        )]
    );
    let window = resource(
        "AWS::Backup::RestoreTestingPlan",
        &format!("{RT_PLAN}  SelectionWindowDays: 366\n"),
    );
    assert_eq!(
        errors(&window),
        [e(
            "out-of-range",
            "/Resources/It/Properties/RecoveryPointSelection/SelectionWindowDays"
        )]
    );
}

#[test]
fn rt_2_restore_testing_selection_arns_are_specific_or_star_and_validation_window_at_most_168() {
    let selection = |extra: &str| {
        resource(
            "AWS::Backup::RestoreTestingSelection",
            &format!(
                "RestoreTestingSelectionName: rds_test\nRestoreTestingPlanName: daily_test\nIamRoleArn: arn:aws:iam::111122223333:role/r\nProtectedResourceType: RDS\n{extra}"
            ),
        )
    };
    assert!(
        errors(&selection(
            "ProtectedResourceArns: ['*']\nValidationWindowHours: 168"
        ))
        .is_empty()
    );
    assert_eq!(
        errors(&selection(
            "ProtectedResourceArns: ['*', 'arn:aws:rds:us-east-1:111122223333:db:orders']"
        )),
        [e(
            "restore-testing-arns",
            "/Resources/It/Properties/ProtectedResourceArns"
        )]
    );
    assert_eq!(
        errors(&selection("ValidationWindowHours: 169")),
        [e(
            "out-of-range",
            "/Resources/It/Properties/ValidationWindowHours"
        )]
    );
}

#[test]
fn fw_1_framework_name_and_control_scope_tags() {
    let framework = |name: &str, scope: &str| {
        resource(
            "AWS::Backup::Framework",
            &format!(
                "FrameworkName: {name}\nFrameworkControls:\n  - ControlName: BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK\n{scope}"
            ),
        )
    };
    assert!(errors(&framework("daily_controls", "")).is_empty());
    assert_eq!(
        errors(&framework("1st_controls", "")),
        [e("invalid-name", "/Resources/It/Properties/FrameworkName")]
    );
    let two_tags = "    ControlScope:\n      Tags:\n        - {Key: a, Value: b}\n        - {Key: c, Value: d}\n";
    assert_eq!(
        errors(&framework("daily_controls", two_tags)),
        [e(
            "control-scope-tags",
            "/Resources/It/Properties/FrameworkControls/0/ControlScope/Tags"
        )]
    );
}

#[test]
fn lh_1_a_template_with_more_than_50_legal_holds_is_a_warning() {
    let mut text = String::from("Resources:\n");
    for i in 0..51 {
        text.push_str(&format!(
            "  Hold{i}:\n    Type: AWS::Backup::LegalHold\n    Properties:\n      Title: hold {i}\n      Description: litigation\n      RecoveryPointSelection:\n        VaultNames: [prod-primary-vault]\n"
        ));
    }
    assert_eq!(
        warnings(&text),
        [e("legal-hold-limit", "/Resources/Hold50/Properties")]
    );
    let date_range = resource(
        "AWS::Backup::LegalHold",
        "Title: t\nDescription: d\nRecoveryPointSelection:\n  DateRange:\n    FromDate: '2024-01-01T00:00:00Z'\n",
    );
    assert_eq!(
        errors(&date_range),
        [e(
            "missing-member",
            "/Resources/It/Properties/RecoveryPointSelection/DateRange/ToDate"
        )]
    );
}
