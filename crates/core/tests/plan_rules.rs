//! Plan validation, one test per rule of data/reference/validation-rules.json (named by its id)
//! and per likely mistake, each checking severity, code and where the finding points.

use vaultsim_core::Severity;
use vaultsim_core::plan::{CheckOptions, Checked, PlanForm, check};

fn options() -> CheckOptions {
    CheckOptions {
        now: "2024-01-15T00:00:00Z".parse().unwrap(),
    }
}

fn run(text: &str) -> Checked {
    check(text, &options())
}

/// (severity, code, pointer) of every finding that is not an info note.
fn found(text: &str) -> Vec<(Severity, &'static str, String)> {
    run(text)
        .findings
        .into_iter()
        .filter(|f| f.diagnostic.severity != Severity::Info)
        .map(|f| {
            let d = f.diagnostic;
            (d.severity, d.code, d.pointer.unwrap_or_default())
        })
        .collect()
}

fn errors(text: &str) -> Vec<(&'static str, String)> {
    found(text)
        .into_iter()
        .filter(|(s, _, _)| *s == Severity::Error)
        .map(|(_, c, p)| (c, p))
        .collect()
}

fn warnings(text: &str) -> Vec<(&'static str, String)> {
    found(text)
        .into_iter()
        .filter(|(s, _, _)| *s == Severity::Warning)
        .map(|(_, c, p)| (c, p))
        .collect()
}

/// A plan with one rule whose members are `rule` (JSON members, without braces).
fn plan_with_rule(rule: &str) -> String {
    format!(
        r#"{{"BackupPlanName": "p", "Rules": [{{"RuleName": "r", "TargetBackupVaultName": "vault", {rule}}}]}}"#
    )
}

fn e(code: &'static str, pointer: &str) -> (&'static str, String) {
    (code, pointer.to_string())
}

/// The guide's plan without its comments: the page's first template, kept with its examples.
const GUIDE_PLAN: &str = include_str!("../../../www/examples/guide-plan.json");

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/data/plans/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

// ---- The guide's plan -----------------------------------------------------------------------

#[test]
fn the_guides_plan_without_comments_has_no_errors() {
    let checked = run(GUIDE_PLAN);
    assert_eq!(checked.form, Some(PlanForm::PlanWithSelections));
    assert!(!checked.has_errors(), "{:#?}", checked.findings);
}

#[test]
fn the_guides_plan_as_printed_has_its_comments_as_errors_at_their_lines() {
    let text = fixture("guide-plan-as-printed.json");
    let checked = run(&text);
    let comment_lines: Vec<usize> = checked
        .findings
        .iter()
        .filter(|f| f.diagnostic.code == "json-comment")
        .map(|f| f.line)
        .collect();
    assert_eq!(comment_lines, [1, 8, 15, 27, 28, 32]);
}

// ---- Forms ----------------------------------------------------------------------------------

#[test]
fn each_form_is_recognised() {
    let rule = r#"{"RuleName": "r", "TargetBackupVaultName": "vault"}"#;
    let plan = format!(r#"{{"BackupPlanName": "p", "Rules": [{rule}]}}"#);
    let cases = [
        (plan.clone(), PlanForm::BackupPlanInput),
        (format!(r#"{{"BackupPlan": {plan}, "BackupPlanTags": {{"team": "a"}}}}"#), PlanForm::CreateBackupPlanInput),
        (format!(r#"{{"BackupPlan": {plan}, "BackupPlanId": "id", "VersionId": "v"}}"#), PlanForm::GetBackupPlanOutput),
        (
            format!(r#"{{"BackupPlanName": "p", "Rules": [{rule}], "Selections": []}}"#),
            PlanForm::PlanWithSelections,
        ),
        (
            r#"{"BackupSelection": {"SelectionName": "s", "IamRoleArn": "arn:aws:iam::123456789012:role/r", "Resources": ["*"]}}"#.to_string(),
            PlanForm::CreateBackupSelectionInput,
        ),
        (
            r#"{"SelectionName": "s", "IamRoleArn": "arn:aws:iam::123456789012:role/r", "Resources": ["*"]}"#.to_string(),
            PlanForm::BackupSelection,
        ),
    ];
    for (text, form) in cases {
        let checked = run(&text);
        assert_eq!(checked.form, Some(form), "{text}");
        assert!(!checked.has_errors(), "{text}: {:#?}", checked.findings);
    }
}

#[test]
fn an_unrecognisable_document_says_what_a_plan_looks_like() {
    assert_eq!(errors(r#"{"Name": "x"}"#), [e("plan-form-unknown", "")]);
    assert_eq!(errors("[1, 2]"), [e("plan-not-an-object", "")]);
}

// ---- Structure (the API model) --------------------------------------------------------------

#[test]
fn plan_1_backup_plan_name_is_required() {
    assert_eq!(
        errors(r#"{"Rules": [{"RuleName": "r", "TargetBackupVaultName": "vault"}]}"#),
        [e("missing-member", "/BackupPlanName")]
    );
}

#[test]
fn plan_2_backup_plan_name_is_1_to_50_alphanumeric_or_dash_underscore_dot() {
    let named = |name: &str| {
        format!(
            r#"{{"BackupPlanName": "{name}", "Rules": [{{"RuleName": "r", "TargetBackupVaultName": "vault"}}]}}"#
        )
    };
    assert!(errors(&named("prod-daily_plan.v2")).is_empty());
    assert_eq!(
        errors(&named("prod daily")),
        [e("plan-name", "/BackupPlanName")]
    );
    assert_eq!(
        errors(&named(&"a".repeat(51))),
        [e("plan-name", "/BackupPlanName")]
    );
    assert_eq!(errors(&named("")), [e("plan-name", "/BackupPlanName")]);
}

#[test]
fn plan_4_rules_are_required() {
    assert_eq!(
        errors(r#"{"BackupPlanName": "p"}"#),
        [e("missing-member", "/Rules")]
    );
}

#[test]
fn rule_1_rule_name_is_required_and_matches_its_pattern() {
    assert_eq!(
        errors(r#"{"BackupPlanName": "p", "Rules": [{"TargetBackupVaultName": "vault"}]}"#),
        [e("missing-member", "/Rules/0/RuleName")]
    );
    assert_eq!(
        errors(
            r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "daily rule", "TargetBackupVaultName": "vault"}]}"#
        ),
        [e("invalid-pattern", "/Rules/0/RuleName")]
    );
}

#[test]
fn rule_2_target_vault_name_is_2_to_50_characters_without_dots() {
    let target = |name: &str| {
        format!(
            r#"{{"BackupPlanName": "p", "Rules": [{{"RuleName": "r", "TargetBackupVaultName": "{name}"}}]}}"#
        )
    };
    assert!(errors(&target("prod-primary-vault")).is_empty());
    assert_eq!(
        errors(&target("v")),
        [e("invalid-pattern", "/Rules/0/TargetBackupVaultName")]
    );
    assert_eq!(
        errors(&target("prod.vault")),
        [e("invalid-pattern", "/Rules/0/TargetBackupVaultName")]
    );
    // The help names the first character at fault, or the length allowed.
    let help = |name: &str| run(&target(name)).findings[0].diagnostic.help.clone();
    assert_eq!(
        help("prod.vault"),
        "'.' is not allowed: use letters, digits, '-' or '_'"
    );
    assert_eq!(help("v"), "use 2 to 50 characters");
}

#[test]
fn unknown_members_are_refused_with_the_nearest_name() {
    let checked = run(&plan_with_rule(
        r#""ScheduleExpresion": "cron(0 5 ? * * *)""#,
    ));
    let f = &checked.findings[0];
    assert_eq!(f.diagnostic.code, "unknown-member");
    assert_eq!(
        f.diagnostic.pointer.as_deref(),
        Some("/Rules/0/ScheduleExpresion")
    );
    assert!(f.diagnostic.message.starts_with(
        "Unknown parameter in BackupPlan.Rules[0]: \"ScheduleExpresion\", must be one of: RuleName,"
    ));
    assert_eq!(f.diagnostic.help, "did you mean ScheduleExpression?");
}

#[test]
fn values_of_the_wrong_type_are_refused() {
    assert_eq!(
        errors(&plan_with_rule(r#""StartWindowMinutes": "60""#)),
        [e("invalid-type", "/Rules/0/StartWindowMinutes")]
    );
    assert_eq!(
        errors(&plan_with_rule(r#""EnableContinuousBackup": "true""#)),
        [e("invalid-type", "/Rules/0/EnableContinuousBackup")]
    );
    assert_eq!(
        errors(&plan_with_rule(r#""StartWindowMinutes": 60.5"#)),
        [e("invalid-type", "/Rules/0/StartWindowMinutes")]
    );
    assert_eq!(
        errors(r#"{"BackupPlanName": "p", "Rules": {"RuleName": "r"}}"#),
        [e("invalid-type", "/Rules")]
    );
}

#[test]
fn the_help_for_a_quoted_number_is_to_remove_the_quotes() {
    let checked = run(&plan_with_rule(r#""StartWindowMinutes": "60""#));
    assert_eq!(
        checked.findings[0].diagnostic.help,
        "write 60 without quotes"
    );
}

// ---- Schedules ------------------------------------------------------------------------------

#[test]
fn rule_3_schedule_errors_point_inside_the_expression() {
    let text = plan_with_rule(r#""ScheduleExpression": "cron(0 24 * * ? *)""#);
    let checked = run(&text);
    let f = &checked.findings[0];
    assert_eq!(f.diagnostic.code, "schedule-out-of-range");
    assert_eq!(&text[f.diagnostic.span.clone()], "24");
    assert_eq!(
        f.diagnostic.pointer.as_deref(),
        Some("/Rules/0/ScheduleExpression")
    );
    assert!(
        f.diagnostic
            .message
            .starts_with("BackupPlan.Rules[0].ScheduleExpression: Hours:")
    );
}

/// RULE-4's evidence is "peer" only (terraform-provider-aws#8269: "the rate expression is not
/// supported by the AWS Backup API"; the CDK): a warning that says so, not an error.
#[test]
fn rule_4_rate_expressions_are_a_warning_resting_on_peers() {
    let text = plan_with_rule(r#""ScheduleExpression": "rate(1 day)""#);
    assert_eq!(errors(&text), []);
    assert_eq!(
        warnings(&text),
        [e(
            "schedule-rate-not-supported",
            "/Rules/0/ScheduleExpression"
        )]
    );
    let finding = run(&text).findings.remove(0).diagnostic;
    assert!(finding.message.contains("Terraform"), "{}", finding.message);
}

/// RULE-5: the developer guide's "as frequently as hourly", with "unverified": "exact server
/// check / error text for sub-hourly cron not found": a warning.
#[test]
fn rule_5_more_often_than_hourly_is_a_warning_saying_the_refusal_is_undocumented() {
    let text = plan_with_rule(r#""ScheduleExpression": "cron(0/30 * * * ? *)""#);
    assert_eq!(errors(&text), []);
    assert_eq!(
        warnings(&text),
        [e(
            "schedule-more-than-hourly",
            "/Rules/0/ScheduleExpression"
        )]
    );
    let finding = run(&text)
        .findings
        .into_iter()
        .find(|f| f.diagnostic.code == "schedule-more-than-hourly")
        .unwrap()
        .diagnostic;
    assert!(
        finding.message.contains("not documented"),
        "{}",
        finding.message
    );
    assert!(
        found(&plan_with_rule(
            r#""ScheduleExpression": "cron(0 * * * ? *)""#
        ))
        .is_empty()
    );
}

/// No minimum CompletionWindowMinutes is in the model (WindowMinutes: a long) or AWS's texts.
#[test]
fn rule_8_a_completion_window_under_a_minute_is_a_warning_not_an_error() {
    let text = plan_with_rule(r#""CompletionWindowMinutes": 0"#);
    assert_eq!(errors(&text), []);
    assert!(
        warnings(&text).contains(&e(
            "completion-window-too-short",
            "/Rules/0/CompletionWindowMinutes"
        )),
        "{:?}",
        warnings(&text)
    );
}

/// LC-2's range and its observed error ("DeleteAfterDays cannot be less than 1 or more than
/// 36500 days") are DeleteAfterDays'; the model gives MoveToColdStorageAfterDays none.
#[test]
fn lc_2_a_cold_storage_day_count_out_of_range_is_a_warning() {
    let text = plan_with_rule(r#""Lifecycle": {"MoveToColdStorageAfterDays": 36501}"#);
    assert_eq!(errors(&text), []);
    assert_eq!(
        warnings(&text),
        [e(
            "lifecycle-out-of-range",
            "/Rules/0/Lifecycle/MoveToColdStorageAfterDays"
        )]
    );
}

#[test]
fn rule_6_the_time_zone_is_an_iana_name() {
    assert!(
        errors(&plan_with_rule(
            r#""ScheduleExpressionTimezone": "Europe/London""#
        ))
        .is_empty()
    );
    let text = plan_with_rule(r#""ScheduleExpressionTimezone": "Europe/Londn""#);
    assert_eq!(
        errors(&text),
        [e("timezone-unknown", "/Rules/0/ScheduleExpressionTimezone")]
    );
    assert!(
        run(&text).findings[0]
            .diagnostic
            .help
            .contains("Europe/London")
    );
}

#[test]
fn a_schedule_that_can_never_run_again_is_a_warning() {
    assert_eq!(
        warnings(&plan_with_rule(
            r#""ScheduleExpression": "cron(0 5 ? * * 2020-2022)""#
        )),
        [e("schedule-never-runs", "/Rules/0/ScheduleExpression")]
    );
    assert_eq!(
        warnings(&plan_with_rule(
            r#""ScheduleExpression": "cron(0 5 30 2 ? *)""#
        )),
        [e("schedule-never-runs", "/Rules/0/ScheduleExpression")]
    );
}

// ---- Windows --------------------------------------------------------------------------------

#[test]
fn rule_7_start_window_is_at_least_60_minutes() {
    assert!(errors(&plan_with_rule(r#""StartWindowMinutes": 60"#)).is_empty());
    assert_eq!(
        errors(&plan_with_rule(r#""StartWindowMinutes": 30"#)),
        [e("start-window-too-short", "/Rules/0/StartWindowMinutes")]
    );
}

#[test]
fn rule_7_and_8_windows_are_at_most_100_years() {
    assert_eq!(
        errors(&plan_with_rule(
            r#""StartWindowMinutes": 52560001, "CompletionWindowMinutes": 52560001"#
        )),
        [
            e("window-too-long", "/Rules/0/StartWindowMinutes"),
            e("window-too-long", "/Rules/0/CompletionWindowMinutes")
        ]
    );
}

#[test]
fn a_completion_window_that_leaves_little_time_after_the_start_window_is_a_warning() {
    // The guide's own rule: start within 60, complete within 180 — fine.
    assert!(
        warnings(&plan_with_rule(
            r#""StartWindowMinutes": 60, "CompletionWindowMinutes": 180"#
        ))
        .is_empty()
    );
    assert_eq!(
        warnings(&plan_with_rule(
            r#""StartWindowMinutes": 480, "CompletionWindowMinutes": 500"#
        )),
        [e(
            "completion-window-short",
            "/Rules/0/CompletionWindowMinutes"
        )]
    );
    // The default start window (480) with a short completion window.
    assert_eq!(
        warnings(&plan_with_rule(r#""CompletionWindowMinutes": 120"#)),
        [e(
            "completion-window-short",
            "/Rules/0/CompletionWindowMinutes"
        )]
    );
}

// ---- Lifecycles -----------------------------------------------------------------------------

#[test]
fn lc_1_delete_is_at_least_90_days_after_cold() {
    assert!(
        errors(&plan_with_rule(
            r#""Lifecycle": {"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 120}"#
        ))
        .is_empty()
    );
    assert_eq!(
        errors(&plan_with_rule(
            r#""Lifecycle": {"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 119}"#
        )),
        [e(
            "lifecycle-cold-minimum",
            "/Rules/0/Lifecycle/DeleteAfterDays"
        )]
    );
}

#[test]
fn lc_1_applies_to_copy_action_lifecycles_too() {
    let rule = r#""CopyActions": [{"DestinationBackupVaultArn": "arn:aws:backup:eu-west-1:123456789012:backup-vault:dr", "Lifecycle": {"MoveToColdStorageAfterDays": 10, "DeleteAfterDays": 50}}]"#;
    assert_eq!(
        errors(&plan_with_rule(rule)),
        [e(
            "lifecycle-cold-minimum",
            "/Rules/0/CopyActions/0/Lifecycle/DeleteAfterDays"
        )]
    );
}

#[test]
fn lc_2_delete_after_days_is_1_to_36500() {
    for bad in ["0", "36501"] {
        assert_eq!(
            errors(&plan_with_rule(&format!(
                r#""Lifecycle": {{"DeleteAfterDays": {bad}}}"#
            ))),
            [e(
                "lifecycle-out-of-range",
                "/Rules/0/Lifecycle/DeleteAfterDays"
            )],
            "{bad}"
        );
    }
    assert!(
        errors(&plan_with_rule(
            r#""Lifecycle": {"DeleteAfterDays": 36500}"#
        ))
        .is_empty()
    );
}

#[test]
fn lc_3_minus_one_for_both_keeps_recovery_points_indefinitely() {
    assert!(
        errors(&plan_with_rule(
            r#""Lifecycle": {"MoveToColdStorageAfterDays": -1, "DeleteAfterDays": -1}"#
        ))
        .is_empty()
    );
}

#[test]
fn lc_5_delete_after_event_is_output_only() {
    let rule = r#""Lifecycle": {"DeleteAfterDays": 30, "DeleteAfterEvent": "DELETE_AFTER_COPY"}"#;
    assert_eq!(
        errors(&plan_with_rule(rule)),
        [e(
            "output-only-member",
            "/Rules/0/Lifecycle/DeleteAfterEvent"
        )]
    );
    let output = format!(
        r#"{{"BackupPlan": {}, "BackupPlanId": "x"}}"#,
        plan_with_rule(rule)
    );
    assert!(errors(&output).is_empty(), "{:?}", errors(&output));
}

// ---- Continuous backup ----------------------------------------------------------------------

#[test]
fn cont_1_continuous_backups_cannot_move_to_cold_storage() {
    let text = plan_with_rule(
        r#""EnableContinuousBackup": true, "Lifecycle": {"MoveToColdStorageAfterDays": 7, "DeleteAfterDays": 30}"#,
    );
    assert_eq!(
        errors(&text),
        [e(
            "continuous-cold-storage",
            "/Rules/0/Lifecycle/MoveToColdStorageAfterDays"
        )]
    );
    let output = run(&text);
    let error = output
        .findings
        .iter()
        .find(|f| f.diagnostic.is_error())
        .unwrap();
    assert_eq!(
        error.diagnostic.message,
        "Error in rule r : Invalid lifecycle. MoveToColdStorageAfterDays is unavailable"
    );
}

#[test]
fn a_continuous_rule_notes_that_only_s3_rds_aurora_and_sap_hana_are_continuous() {
    // "AWS Backup supports continuous backups and point-in-time recovery for the following
    // services and applications: Amazon S3, RDS, Aurora, SAP HANA on Amazon EC2 instances."
    // The guide lists DynamoDB too: the note says AWS does not.
    let text =
        plan_with_rule(r#""EnableContinuousBackup": true, "Lifecycle": {"DeleteAfterDays": 30}"#);
    let output = run(&text);
    let note = output
        .findings
        .iter()
        .find(|f| f.diagnostic.code == "continuous-resource-types")
        .unwrap();
    assert!(!note.diagnostic.is_error());
    assert!(
        note.diagnostic
            .message
            .contains("S3, RDS, Aurora, SAP HANA on Amazon EC2 only"),
        "{}",
        note.diagnostic.message
    );
    assert!(note.diagnostic.help.contains("DynamoDB"));
    assert!(errors(&text).is_empty());
}

#[test]
fn cont_2_continuous_backups_are_kept_1_to_35_days() {
    assert!(
        errors(&plan_with_rule(
            r#""EnableContinuousBackup": true, "Lifecycle": {"DeleteAfterDays": 35}"#
        ))
        .is_empty()
    );
    assert_eq!(
        errors(&plan_with_rule(
            r#""EnableContinuousBackup": true, "Lifecycle": {"DeleteAfterDays": 36}"#
        )),
        [e(
            "continuous-retention",
            "/Rules/0/Lifecycle/DeleteAfterDays"
        )]
    );
}

#[test]
fn cont_3_a_continuous_rule_without_a_lifecycle_is_a_warning() {
    assert_eq!(
        warnings(&plan_with_rule(r#""EnableContinuousBackup": true"#)),
        [e(
            "continuous-without-lifecycle",
            "/Rules/0/EnableContinuousBackup"
        )]
    );
}

// ---- Copy actions ---------------------------------------------------------------------------

#[test]
fn copy_1_the_destination_is_required_and_is_a_backup_vault_arn() {
    assert_eq!(
        errors(&plan_with_rule(
            r#""CopyActions": [{"Lifecycle": {"DeleteAfterDays": 30}}]"#
        )),
        [e(
            "missing-member",
            "/Rules/0/CopyActions/0/DestinationBackupVaultArn"
        )]
    );
    assert_eq!(
        errors(&plan_with_rule(
            r#""CopyActions": [{"DestinationBackupVaultArn": "dr-vault"}]"#
        )),
        [e(
            "copy-destination-arn",
            "/Rules/0/CopyActions/0/DestinationBackupVaultArn"
        )]
    );
    assert_eq!(
        errors(&plan_with_rule(
            r#""CopyActions": [{"DestinationBackupVaultArn": "arn:aws:s3:::bucket"}]"#
        )),
        [e(
            "copy-destination-arn",
            "/Rules/0/CopyActions/0/DestinationBackupVaultArn"
        )]
    );
}

#[test]
fn a_copy_destination_is_noted_with_its_region_and_account() {
    let text = plan_with_rule(
        r#""CopyActions": [{"DestinationBackupVaultArn": "arn:aws:backup:eu-west-1:111122223333:backup-vault:dr-vault"}]"#,
    );
    let checked = run(&text);
    let note = checked
        .findings
        .iter()
        .find(|f| f.diagnostic.code == "copy-destination")
        .unwrap();
    assert_eq!(note.diagnostic.severity, Severity::Info);
    assert!(note.diagnostic.message.contains("eu-west-1"));
    assert!(note.diagnostic.message.contains("111122223333"));
}

#[test]
fn placeholder_accounts_and_regions_in_arns_are_warnings() {
    assert_eq!(
        warnings(&plan_with_rule(
            r#""CopyActions": [{"DestinationBackupVaultArn": "arn:aws:backup:REGION:DR_ACCOUNT_ID:backup-vault:dr"}]"#
        )),
        [
            e(
                "arn-region-placeholder",
                "/Rules/0/CopyActions/0/DestinationBackupVaultArn"
            ),
            e(
                "arn-account-placeholder",
                "/Rules/0/CopyActions/0/DestinationBackupVaultArn"
            )
        ]
    );
}

#[test]
fn copy_2_a_copy_kept_shorter_than_its_source_is_a_warning() {
    let rule = r#""Lifecycle": {"DeleteAfterDays": 365}, "CopyActions": [{"DestinationBackupVaultArn": "arn:aws:backup:eu-west-1:123456789012:backup-vault:dr", "Lifecycle": {"DeleteAfterDays": 90}}]"#;
    assert_eq!(
        warnings(&plan_with_rule(rule)),
        [e(
            "copy-retention-shorter",
            "/Rules/0/CopyActions/0/Lifecycle/DeleteAfterDays"
        )]
    );
}

// ---- Rules together -------------------------------------------------------------------------

#[test]
fn duplicate_rule_names_are_a_warning() {
    let text = r#"{"BackupPlanName": "p", "Rules": [
        {"RuleName": "daily", "TargetBackupVaultName": "vault"},
        {"RuleName": "daily", "TargetBackupVaultName": "vault"}]}"#;
    assert_eq!(
        warnings(text),
        [e("duplicate-rule-name", "/Rules/1/RuleName")]
    );
}

#[test]
fn idx_1_one_index_action_with_one_resource_type_ebs_or_s3() {
    assert!(
        errors(&plan_with_rule(
            r#""IndexActions": [{"ResourceTypes": ["EBS"]}]"#
        ))
        .is_empty()
    );
    assert_eq!(
        errors(&plan_with_rule(
            r#""IndexActions": [{"ResourceTypes": ["EBS", "S3"]}]"#
        )),
        [e("index-actions", "/Rules/0/IndexActions/0/ResourceTypes")]
    );
    assert_eq!(
        errors(&plan_with_rule(
            r#""IndexActions": [{"ResourceTypes": ["RDS"]}]"#
        )),
        [e(
            "index-actions",
            "/Rules/0/IndexActions/0/ResourceTypes/0"
        )]
    );
    assert_eq!(
        errors(&plan_with_rule(
            r#""IndexActions": [{"ResourceTypes": ["EBS"]}, {"ResourceTypes": ["S3"]}]"#
        )),
        [e("index-actions", "/Rules/0/IndexActions/1")]
    );
}

#[test]
fn adv_1_windows_vss_on_ec2_is_the_only_advanced_setting() {
    let settings = |s: &str| {
        format!(
            r#"{{"BackupPlanName": "p", "Rules": [{{"RuleName": "r", "TargetBackupVaultName": "vault"}}], "AdvancedBackupSettings": [{s}]}}"#
        )
    };
    assert!(
        errors(&settings(
            r#"{"ResourceType": "EC2", "BackupOptions": {"WindowsVSS": "enabled"}}"#
        ))
        .is_empty()
    );
    assert_eq!(
        errors(&settings(
            r#"{"ResourceType": "RDS", "BackupOptions": {"WindowsVSS": "enabled"}}"#
        )),
        [e(
            "advanced-backup-setting",
            "/AdvancedBackupSettings/0/ResourceType"
        )]
    );
    assert_eq!(
        errors(&settings(
            r#"{"ResourceType": "EC2", "BackupOptions": {"WindowsVSS": "on"}}"#
        )),
        [e(
            "advanced-backup-setting",
            "/AdvancedBackupSettings/0/BackupOptions/WindowsVSS"
        )]
    );
}

// ---- Selections -----------------------------------------------------------------------------

fn selection(members: &str) -> String {
    format!(
        r#"{{"SelectionName": "s", "IamRoleArn": "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole", {members}}}"#
    )
}

#[test]
fn sel_1_selection_name_matches_its_pattern() {
    let text = r#"{"SelectionName": "all tagged", "IamRoleArn": "arn:aws:iam::123456789012:role/r", "Resources": ["*"]}"#;
    assert_eq!(errors(text), [e("invalid-pattern", "/SelectionName")]);
}

#[test]
fn sel_2_the_role_is_required_and_is_a_role_arn() {
    assert_eq!(
        errors(r#"{"SelectionName": "s", "Resources": ["*"]}"#),
        [e("missing-member", "/IamRoleArn")]
    );
    assert_eq!(
        errors(
            r#"{"SelectionName": "s", "IamRoleArn": "AWSBackupDefaultServiceRole", "Resources": ["*"]}"#
        ),
        [e("role-arn", "/IamRoleArn")]
    );
}

#[test]
fn sel_3_at_most_500_arns_or_30_with_wildcards() {
    let arns = |n: usize, wildcard: bool| {
        (0..n)
            .map(|i| {
                format!(
                    "\"arn:aws:ec2:us-east-1:123456789012:volume/vol-{i}{}\"",
                    if wildcard { "*" } else { "" }
                )
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    assert!(
        errors(&selection(&format!(
            r#""Resources": [{}]"#,
            arns(500, false)
        )))
        .is_empty()
    );
    assert_eq!(
        errors(&selection(&format!(
            r#""Resources": [{}]"#,
            arns(501, false)
        ))),
        [e("selection-too-many-resources", "/Resources")]
    );
    assert!(errors(&selection(&format!(r#""Resources": [{}]"#, arns(30, true)))).is_empty());
    assert_eq!(
        errors(&selection(&format!(
            r#""NotResources": [{}], "Resources": ["*"]"#,
            arns(31, true)
        ))),
        [e("selection-too-many-resources", "/NotResources")]
    );
}

/// SEL-3: "'*' matches zero or more non-whitespace characters anywhere in the ARN (AWS's own
/// examples: arn:aws:ec2:*:*:volume/*, arn:aws:rds:*:*:db:*; devguide assigning-resources-json.html)".
#[test]
fn sel_3_a_wildcard_anywhere_in_an_arn_is_accepted_as_in_the_guides_examples() {
    for arn in [
        "arn:aws:ec2:*:*:volume/*",
        "arn:aws:rds:*:*:db:*",
        "arn:aws:s3:::my-bucket-*",
        "arn:aws:dynamodb:us-east-1:123456789012:table/*",
    ] {
        let text = selection(&format!(
            r#""Resources": ["{arn}"], "NotResources": ["{arn}"]"#
        ));
        assert_eq!(found(&text), [], "{arn}");
    }
}

/// SEL-3's API reference text: "the asterisk (*) must appear at the end of the ARN string (prefix
/// pattern). For example, arn:aws:s3:::my-bucket-* is valid, but arn:aws:s3:::*-logs is not
/// supported" — against the developer guide's '*' anywhere: a warning, never an error.
#[test]
fn sel_3_a_pattern_not_ending_in_its_wildcard_is_a_warning_quoting_both_texts() {
    let text = selection(r#""Resources": ["arn:aws:s3:::*-logs"]"#);
    assert_eq!(errors(&text), []);
    assert_eq!(
        warnings(&text),
        [e("selection-wildcard-position", "/Resources/0")]
    );
    let message = run(&text)
        .findings
        .into_iter()
        .find(|f| f.diagnostic.code == "selection-wildcard-position")
        .unwrap()
        .diagnostic
        .message;
    assert!(message.contains("not supported"), "{message}");
    assert!(message.contains("developer guide"), "{message}");
    assert_eq!(
        warnings(&selection(
            r#""Resources": ["*"], "NotResources": ["arn:aws:ec2:*:*:instance/i-*-test"]"#
        )),
        [e("selection-wildcard-position", "/NotResources/0")]
    );
}

#[test]
fn sel_4_list_of_tags_condition_type_is_stringequals() {
    assert_eq!(
        errors(&selection(
            r#""ListOfTags": [{"ConditionType": "STRINGLIKE", "ConditionKey": "Backup", "ConditionValue": "true"}]"#
        )),
        [e("invalid-value", "/ListOfTags/0/ConditionType")]
    );
    let checked = run(&selection(
        r#""ListOfTags": [{"ConditionType": "StringEquals", "ConditionKey": "Backup", "ConditionValue": "true"}]"#,
    ));
    assert_eq!(
        checked.findings[0].diagnostic.help,
        "values are case sensitive: write STRINGEQUALS"
    );
}

#[test]
fn sel_5_conditions_take_four_operators_with_resource_tag_keys() {
    assert!(errors(&selection(
        r#""Conditions": {"StringEquals": [{"ConditionKey": "aws:ResourceTag/Backup", "ConditionValue": "true"}], "StringNotLike": [{"ConditionKey": "aws:ResourceTag/Env", "ConditionValue": "dev*"}]}"#
    ))
    .is_empty());
    assert_eq!(
        errors(&selection(r#""Conditions": {"StringContains": []}"#)),
        [e("unknown-member", "/Conditions/StringContains")]
    );
    assert_eq!(
        warnings(&selection(
            r#""Conditions": {"StringEquals": [{"ConditionKey": "Backup", "ConditionValue": "true"}]}"#
        )),
        [e(
            "condition-key-prefix",
            "/Conditions/StringEquals/0/ConditionKey"
        )]
    );
}

#[test]
fn a_selection_that_names_nothing_selects_everything_and_is_a_warning() {
    assert_eq!(
        warnings(&selection(r#""ListOfTags": []"#)),
        [e("selection-selects-everything", "")]
    );
}

// ---- Where findings are ---------------------------------------------------------------------

#[test]
fn findings_carry_the_line_and_column_of_the_value() {
    let text = "{\n  \"BackupPlanName\": \"p\",\n  \"Rules\": [{\"RuleName\": \"r\", \"TargetBackupVaultName\": \"vault\",\n    \"StartWindowMinutes\": 30}]\n}";
    let checked = run(text);
    let f = &checked.findings[0];
    assert_eq!((f.line, f.column), (4, 27));
}

#[test]
fn findings_are_in_document_order() {
    let checked = run(&plan_with_rule(
        r#""StartWindowMinutes": 30, "Lifecycle": {"DeleteAfterDays": 0}"#,
    ));
    let starts: Vec<usize> = checked
        .findings
        .iter()
        .map(|f| f.diagnostic.span.start)
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
}

#[test]
fn lc_4_cold_storage_for_selected_types_without_it_is_a_warning() {
    let text = r#"{"BackupPlanName": "p",
        "Rules": [{"RuleName": "r", "TargetBackupVaultName": "vault",
                   "Lifecycle": {"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 365}}],
        "Selections": [{"SelectionName": "s", "IamRoleArn": "arn:aws:iam::111122223333:role/r",
                        "Resources": ["arn:aws:rds:us-east-1:111122223333:db:orders",
                                      "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-1"]}]}"#;
    assert_eq!(
        warnings(text),
        [e(
            "cold-storage-unsupported",
            "/Rules/0/Lifecycle/MoveToColdStorageAfterDays"
        )]
    );
    let message = run(text)
        .findings
        .into_iter()
        .find(|f| f.diagnostic.code == "cold-storage-unsupported")
        .unwrap()
        .diagnostic
        .message;
    assert!(message.contains("RDS"), "{message}");
    assert!(!message.contains("EFS"), "{message}");
}

// ---- The typed plan -------------------------------------------------------------------------

#[test]
fn the_typed_plan_has_aws_names_and_defaults() {
    let checked = run(GUIDE_PLAN);
    let (root, form) = (checked.root.unwrap(), checked.form.unwrap());
    let plan = vaultsim_core::plan::typed_plan(&root, form).unwrap();
    assert_eq!(plan.backup_plan_name, "prod-daily-backup-plan");
    let weekly = &plan.rules[1];
    assert_eq!(weekly.schedule_expression, "cron(0 3 ? * SUN *)");
    assert_eq!(weekly.schedule_expression_timezone, "Etc/UTC");
    assert_eq!(weekly.start_window_minutes, 480);
    assert_eq!(weekly.completion_window_minutes, 10080);
    let daily = &plan.rules[0];
    assert_eq!(
        daily.copy_actions[0]
            .lifecycle
            .as_ref()
            .unwrap()
            .delete_after_days,
        Some(90)
    );
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(
        json["Rules"][0]["TargetBackupVaultName"],
        "prod-primary-vault"
    );
    let selections = vaultsim_core::plan::typed_selections(&root, form);
    assert_eq!(selections[0].list_of_tags[0].condition_key, "Backup");
}

#[test]
fn a_plan_with_a_value_of_the_wrong_type_is_not_typed() {
    let text = plan_with_rule(r#""StartWindowMinutes": "60""#);
    let checked = run(&text);
    let error = vaultsim_core::plan::typed_plan(&checked.root.unwrap(), checked.form.unwrap());
    assert!(error.unwrap_err().contains("cannot be simulated"));
}
