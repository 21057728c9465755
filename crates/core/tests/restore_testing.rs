//! Restore testing: plans and selections read as the API reads them (RT-1, RT-2), runs on
//! schedule that restore one eligible point per resource, the test's restore job naming its
//! plan, validation (the account's, or the window closing), and the clean-up as the restore
//! testing role's policy allows it: by the test tag, which fails when the tag was removed, or by
//! the test name prefix.

mod common;

use common::{run, t};
use serde_json::{Value, json};
use vaultsim_core::engine::{Answer, Caller, Simulation, TestStepKind};
use vaultsim_core::restore_testing::{
    CleanupScope, DeletionStatus, PROTECTED_RESOURCE_TYPES, RestoreTestingPlan,
    RestoreTestingSelection, TEST_TAG, ValidationStatus, cleanup_call,
};
use vaultsim_core::scenario::Scenario;

fn builtin() -> Scenario {
    Scenario::builtin("restore-testing").unwrap()
}

fn builtin_with(change: impl FnOnce(&mut Value)) -> Scenario {
    let mut value = serde_json::to_value(builtin()).unwrap();
    change(&mut value);
    Scenario::from_json(&value.to_string()).unwrap()
}

fn caller() -> Caller {
    Caller {
        account: "111122223333".into(),
        region: "us-east-1".into(),
    }
}

fn response(answer: Answer) -> Value {
    match answer {
        Answer::Response(v) => v,
        other => panic!("{other:?}"),
    }
}

fn error_code(answer: Answer) -> &'static str {
    match answer {
        Answer::Error(e) => e.code,
        other => panic!("{other:?}"),
    }
}

fn restore_jobs(simulation: &Simulation, input: Value) -> Vec<Value> {
    let answer = simulation.answer(&caller(), "ListRestoreJobs", &input);
    response(answer)["RestoreJobs"].as_array().unwrap().clone()
}

fn plan_arn(simulation: &Simulation) -> String {
    let answer = simulation.answer(&caller(), "ListRestoreTestingPlans", &json!({}));
    response(answer)["RestoreTestingPlans"][0]["RestoreTestingPlanArn"]
        .as_str()
        .unwrap()
        .to_string()
}

fn plan(value: Value) -> Result<RestoreTestingPlan, Vec<String>> {
    RestoreTestingPlan::read(&value).map_err(|p| {
        p.into_iter()
            .map(|p| format!("{} {}", p.pointer, p.message))
            .collect()
    })
}

fn selection(value: Value) -> Result<RestoreTestingSelection, Vec<String>> {
    RestoreTestingSelection::read(&value).map_err(|p| {
        p.into_iter()
            .map(|p| format!("{} {}", p.pointer, p.message))
            .collect()
    })
}

#[test]
fn a_plan_takes_the_apis_defaults_for_what_it_leaves_out() {
    let read = plan(json!({
        "RestoreTestingPlanName": "weekly_test",
        "ScheduleExpression": "cron(0 5 ? * SUN *)",
        "RecoveryPointSelection": {
            "Algorithm": "RANDOM_WITHIN_WINDOW",
            "RecoveryPointTypes": ["SNAPSHOT", "CONTINUOUS"],
            "IncludeVaults": ["*"]
        }
    }))
    .unwrap();
    assert_eq!(read.start_window_hours, 24);
    assert_eq!(read.recovery_point_selection.selection_window_days, 30);
    assert!(read.recovery_point_selection.exclude_vaults.is_empty());
    assert!(read.recovery_point_selection.snapshot && read.recovery_point_selection.continuous);
    assert_eq!(
        read.schedule().timezone(),
        vaultsim_core::schedule::Timezone::default()
    );
}

#[test]
fn a_plan_the_api_would_refuse_is_refused_at_each_mistake() {
    let problems = plan(json!({
        "RestoreTestingPlanName": "weekly-test",
        "ScheduleExpression": "cron(0 5 * * * *)",
        "StartWindowHours": 169,
        "RecoveryPointSelection": {
            "Algorithm": "NEWEST",
            "RecoveryPointTypes": ["BACKUP"],
            "SelectionWindowDays": 366
        }
    }))
    .unwrap_err();
    let all = problems.join("\n");
    for expected in [
        "/RestoreTestingPlanName 1 to 50 letters, digits and underscores; '-' is not allowed",
        "/ScheduleExpression",
        "/StartWindowHours 169 is outside 1 to 168",
        "/RecoveryPointSelection/Algorithm",
        "/RecoveryPointSelection/RecoveryPointTypes/0",
        "/RecoveryPointSelection IncludeVaults is required",
        "/RecoveryPointSelection/SelectionWindowDays 366 is outside 1 to 365",
    ] {
        assert!(all.contains(expected), "{expected} not in\n{all}");
    }
}

#[test]
fn a_selection_names_arns_or_the_wildcard_and_conditions_only_with_the_wildcard() {
    let base = json!({
        "RestoreTestingSelectionName": "db",
        "ProtectedResourceType": "RDS",
        "IamRoleArn": "arn:aws:iam::111122223333:role/r",
    });
    let with = |extra: Value| {
        let mut v = base.clone();
        v.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        selection(v)
    };
    let both =
        with(json!({"ProtectedResourceArns": ["*", "arn:aws:rds:us-east-1:111122223333:db:a"]}));
    assert!(both.unwrap_err()[0].contains("not both"));
    let conditions = with(json!({
        "ProtectedResourceArns": ["arn:aws:rds:us-east-1:111122223333:db:a"],
        "ProtectedResourceConditions": {"StringEquals": [{"Key": "Tier", "Value": "data"}]}
    }));
    assert!(conditions.unwrap_err()[0].contains("only with ProtectedResourceArns [\"*\"]"));
    let window = with(json!({"ProtectedResourceArns": ["*"], "ValidationWindowHours": 169}));
    assert!(window.unwrap_err()[0].contains("169 is outside 0 to 168"));
    let kind = with(json!({"ProtectedResourceArns": ["*"], "ProtectedResourceType": "Redshift"}));
    assert!(kind.unwrap_err()[0].contains("not a type restore testing takes"));
    let good = with(json!({"ProtectedResourceArns": ["*"], "ValidationWindowHours": 0})).unwrap();
    assert_eq!(good.validation_window_hours, Some(0));
}

#[test]
fn a_scenarios_restore_testing_mistakes_are_placed_where_they_are() {
    let mut value = serde_json::to_value(builtin()).unwrap();
    value["RestoreTestingPlans"][0]["RestoreTestingPlan"]["RecoveryPointSelection"]["SelectionWindowDays"] =
        json!(0);
    value["RestoreTestingPlans"][0]["Validation"]["Status"] = json!("VALIDATING");
    let errors = Scenario::from_json(&value.to_string()).unwrap_err();
    let pointers: Vec<_> = errors.iter().filter_map(|d| d.pointer.clone()).collect();
    assert!(
        pointers.contains(
            &"/RestoreTestingPlans/0/RestoreTestingPlan/RecoveryPointSelection/SelectionWindowDays"
                .to_string()
        )
    );
    assert!(pointers.contains(&"/RestoreTestingPlans/0/Validation/Status".to_string()));
    assert!(errors.iter().all(|d| d.code == "scenario-restore-testing"));
}

#[test]
fn a_run_on_schedule_restores_the_latest_point_of_each_selected_resource_within_its_start_window() {
    let simulation = run(&builtin(), "2024-01-17T12:00:00Z");
    let arn = plan_arn(&simulation);
    let jobs = restore_jobs(&simulation, json!({"ByRestoreTestingPlanArn": arn}));
    // Three mornings, each the database (by its Tier=data tag) and the file system (by ARN);
    // not the web server.
    assert_eq!(jobs.len(), 6, "{jobs:#?}");
    for job in &jobs {
        assert_eq!(job["CreatedBy"]["RestoreTestingPlanArn"], json!(arn));
        let created = job["CreationDate"].as_i64().unwrap();
        let day = created - created.rem_euclid(86_400);
        // The default 05:00 schedule, started within the one-hour start window.
        assert!((day + 5 * 3600..day + 6 * 3600).contains(&created), "{job}");
        // That night's 02:00 backup: the latest of the week's points in the window.
        assert_eq!(
            job["RecoveryPointCreationDate"].as_i64().unwrap(),
            day + 2 * 3600,
            "{job}"
        );
        assert_eq!(job["Status"], "COMPLETED");
    }
    let types: Vec<_> = jobs.iter().map(|j| j["ResourceType"].clone()).collect();
    assert!(types.contains(&json!("RDS")) && types.contains(&json!("EFS")));
    // The plan's last run.
    let answer = simulation.answer(
        &caller(),
        "GetRestoreTestingPlan",
        &json!({"RestoreTestingPlanName": "daily_restore_test"}),
    );
    let got = response(answer);
    assert_eq!(
        got["RestoreTestingPlan"]["LastExecutionTime"].as_i64(),
        Some(t("2024-01-17T05:00:00Z").timestamp())
    );
    assert_eq!(got["RestoreTestingPlan"]["StartWindowHours"], 1);
}

#[test]
fn a_tests_restored_resource_carries_the_test_tag_and_a_new_name() {
    let simulation = run(&builtin(), "2024-01-15T06:05:00Z");
    let world = simulation.world();
    let restored: Vec<_> = world
        .resources
        .iter()
        .filter(|r| r.tags.contains_key(TEST_TAG))
        .collect();
    assert_eq!(restored.len(), 2);
    let db = restored
        .iter()
        .find(|r| r.arn.starts_with("arn:aws:rds:"))
        .unwrap();
    assert!(db.arn.contains(":db:awsbackup-restore-test-"), "{}", db.arn);
}

#[test]
fn the_validation_reports_then_aws_backup_deletes_the_restored_resource() {
    let simulation = run(&builtin(), "2024-01-15T12:00:00Z");
    let jobs = restore_jobs(&simulation, json!({}));
    for job in &jobs {
        assert_eq!(job["ValidationStatus"], "SUCCESSFUL", "{job}");
        assert_eq!(
            job["ValidationStatusMessage"],
            "The checks against the restored resource passed."
        );
        assert_eq!(job["DeletionStatus"], "SUCCESSFUL", "{job}");
    }
    // The deleted database is gone from RDS.
    let answer = simulation.answer(&caller(), "DescribeDBInstances", &json!({}));
    let instances = response(answer)["DBInstances"].as_array().unwrap().clone();
    assert!(
        instances.iter().all(|i| !i["DBInstanceIdentifier"]
            .as_str()
            .unwrap()
            .starts_with(TEST_TAG)),
        "{instances:#?}"
    );
    // Each step in time order: started, COMPLETED, validated, deleted.
    let (job, _) = simulation.restore_jobs().indexed().next().unwrap();
    let (plan, _, steps) = simulation.restore_test_steps(job).unwrap();
    assert_eq!(plan, "daily_restore_test");
    let kinds: Vec<_> = steps.iter().map(|s| s.what).collect();
    assert_eq!(
        kinds,
        [
            TestStepKind::Started,
            TestStepKind::Restored(vaultsim_core::engine::RestoreJobState::Completed),
            TestStepKind::Validation(ValidationStatus::Successful),
            TestStepKind::Deletion(DeletionStatus::Successful),
        ]
    );
    // The validation came 20 minutes after the restore completed.
    assert_eq!(steps[2].at - steps[1].at, chrono::Duration::minutes(20));
    // The validation's call is in the audit trail.
    assert!(
        simulation
            .audit_trail()
            .iter()
            .any(|e| e.event_name == "PutRestoreValidationResult" && e.allowed())
    );
}

#[test]
fn the_completed_event_of_a_test_restore_names_its_plan() {
    let mut simulation = Simulation::new(&builtin()).unwrap();
    simulation.run_until(t("2024-01-15T12:00:00Z"));
    let arn = plan_arn(&simulation);
    let completed: Vec<Value> = simulation
        .events()
        .iter()
        .map(|e| simulation.event_json(e))
        .filter(|e| {
            e["detail-type"] == "Restore Job State Change" && e["detail"]["status"] == "COMPLETED"
        })
        .collect();
    assert_eq!(completed.len(), 2);
    for event in completed {
        assert_eq!(event["detail"]["restoreTestingPlanArn"], json!(arn));
        assert!(event["detail"]["createdResourceArn"].is_string());
    }
}

/// The clean-up calls of a run, as the audit trail keeps them: (eventSource, eventName, error
/// code if denied, the resource).
fn cleanup_calls(simulation: &Simulation) -> Vec<(String, String, Option<String>, String)> {
    simulation
        .audit_trail()
        .iter()
        .filter(|e| {
            e.principal
                .ends_with("/AWSServiceRoleForBackupRestoreTesting")
        })
        .filter(|e| e.event_name != "StartRestoreJob")
        .map(|e| {
            let record = e.to_json();
            (
                record["eventSource"].as_str().unwrap().to_string(),
                e.event_name.clone(),
                record["errorCode"].as_str().map(str::to_string),
                e.resources[0].clone(),
            )
        })
        .collect()
}

#[test]
fn the_clean_up_deletes_as_the_restore_testing_role_and_the_audit_trail_shows_each_delete() {
    let simulation = run(&builtin(), "2024-01-15T12:00:00Z");
    let calls = cleanup_calls(&simulation);
    let mut seen: Vec<(&str, &str, Option<&str>)> = calls
        .iter()
        .map(|(source, name, error, _)| (source.as_str(), name.as_str(), error.as_deref()))
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            ("elasticfilesystem.amazonaws.com", "DeleteFileSystem", None),
            ("rds.amazonaws.com", "DeleteDBInstance", None),
        ]
    );
    // Each call is about the resource the test restored.
    for job in restore_jobs(&simulation, json!({})) {
        let created = job["CreatedResourceArn"].as_str().unwrap();
        assert!(calls.iter().any(|c| c.3 == created), "{job}");
        assert_eq!(job["DeletionStatus"], "SUCCESSFUL", "{job}");
    }
}

#[test]
fn a_removed_tag_makes_the_clean_up_fail() {
    let scenario =
        builtin_with(|v| v["RestoreTestingPlans"][0]["Validation"]["RemovesTag"] = json!(true));
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let jobs = restore_jobs(&simulation, json!({}));
    assert_eq!(jobs.len(), 2);
    for job in &jobs {
        assert_eq!(job["ValidationStatus"], "SUCCESSFUL");
        assert_eq!(job["DeletionStatus"], "FAILED", "{job}");
        let message = job["DeletionStatusMessage"].as_str().unwrap();
        assert!(message.contains(TEST_TAG), "{job}");
        assert!(message.contains("was denied"), "{job}");
    }
    // The role's delete calls were denied, as the audit trail shows.
    let mut denied: Vec<(String, Option<String>)> = cleanup_calls(&simulation)
        .into_iter()
        .map(|(_, name, error, _)| (name, error))
        .collect();
    denied.sort();
    let access_denied = Some("AccessDeniedException".to_string());
    assert_eq!(
        denied,
        [
            ("DeleteDBInstance".to_string(), access_denied.clone()),
            ("DeleteFileSystem".to_string(), access_denied),
        ]
    );
    // The database is still there, to be deleted by hand.
    let answer = simulation.answer(&caller(), "DescribeDBInstances", &json!({}));
    let instances = response(answer)["DBInstances"].as_array().unwrap().clone();
    assert!(instances.iter().any(|i| {
        i["DBInstanceIdentifier"]
            .as_str()
            .unwrap()
            .starts_with(TEST_TAG)
    }));
}

#[test]
fn an_ec2_instance_without_its_tag_is_refused_with_ec2s_own_error_code() {
    let scenario = builtin_with(|v| {
        let plan = &mut v["RestoreTestingPlans"][0];
        plan["Validation"]["RemovesTag"] = json!(true);
        plan["RestoreTestingSelections"] = json!([{
            "RestoreTestingSelectionName": "web_server",
            "ProtectedResourceType": "EC2",
            "IamRoleArn": "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole",
            "ProtectedResourceArns": ["arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f60718"],
            "ValidationWindowHours": 1
        }]);
    });
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let calls = cleanup_calls(&simulation);
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0].0, "ec2.amazonaws.com");
    assert_eq!(calls[0].1, "TerminateInstances");
    assert_eq!(calls[0].2.as_deref(), Some("Client.UnauthorizedOperation"));
}

/// The restore-testing scenario with a DynamoDB table backed up and tested too (the table named
/// as `overrides` say, if they do), its validation removing the test tag.
fn with_a_table_tested(overrides: Option<Value>) -> Scenario {
    builtin_with(|v| {
        v["Resources"].as_array_mut().unwrap().push(json!({
            "Arn": "arn:aws:dynamodb:us-east-1:111122223333:table/orders",
            "Name": "orders",
            "Tags": {"Backup": "true", "Tier": "data"},
            "SizeGb": 5,
            "DailyChangeRate": 0.02
        }));
        let plan = &mut v["RestoreTestingPlans"][0];
        plan["Validation"]["RemovesTag"] = json!(true);
        let mut selection = json!({
            "RestoreTestingSelectionName": "orders_table",
            "ProtectedResourceType": "DynamoDB",
            "IamRoleArn": "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole",
            "ProtectedResourceArns": ["arn:aws:dynamodb:us-east-1:111122223333:table/orders"],
            "ValidationWindowHours": 1
        });
        if let Some(overrides) = overrides {
            selection["RestoreMetadataOverrides"] = overrides;
        }
        plan["RestoreTestingSelections"] = json!([selection]);
    })
}

#[test]
fn a_table_named_by_the_test_is_deleted_by_its_name_even_with_its_tag_removed() {
    let simulation = run(&with_a_table_tested(None), "2024-01-15T12:00:00Z");
    let jobs = restore_jobs(&simulation, json!({}));
    assert_eq!(jobs.len(), 1);
    let created = jobs[0]["CreatedResourceArn"].as_str().unwrap();
    assert!(created.contains(&format!("table/{TEST_TAG}-")), "{created}");
    assert_eq!(jobs[0]["DeletionStatus"], "SUCCESSFUL", "{}", jobs[0]);
    let calls = cleanup_calls(&simulation);
    assert_eq!(calls.len(), 1);
    assert_eq!(
        (
            calls[0].0.as_str(),
            calls[0].1.as_str(),
            calls[0].2.as_deref()
        ),
        ("dynamodb.amazonaws.com", "DeleteTable", None)
    );
}

#[test]
fn a_table_the_overrides_name_otherwise_is_never_deleted_by_the_clean_up() {
    let overrides = json!({"targetTableName": "orders-restore-check"});
    let simulation = run(
        &with_a_table_tested(Some(overrides)),
        "2024-01-15T12:00:00Z",
    );
    let jobs = restore_jobs(&simulation, json!({}));
    assert_eq!(jobs.len(), 1);
    assert!(
        jobs[0]["CreatedResourceArn"]
            .as_str()
            .unwrap()
            .ends_with("table/orders-restore-check")
    );
    assert_eq!(jobs[0]["DeletionStatus"], "FAILED", "{}", jobs[0]);
    let message = jobs[0]["DeletionStatusMessage"].as_str().unwrap();
    assert!(message.contains("dynamodb:DeleteTable"), "{message}");
    let calls = cleanup_calls(&simulation);
    assert_eq!(calls[0].2.as_deref(), Some("AccessDeniedException"));
}

/// Every type a selection takes is deleted by a call the restore testing role's policy (vendored
/// verbatim) allows, scoped as vaultsim scopes it: by the tag's presence, or by the name prefix.
#[test]
fn each_types_clean_up_call_is_one_the_restore_testing_roles_policy_allows_and_scopes_so() {
    let policy: Value = serde_json::from_str(include_str!(
        "../data/reference/iam/AWSServiceRolePolicyForBackupRestoreTesting.json"
    ))
    .unwrap();
    let statements = policy["Statement"].as_array().unwrap();
    let actions = |s: &Value| -> Vec<String> {
        match &s["Action"] {
            Value::String(a) => vec![a.to_lowercase()],
            Value::Array(a) => a
                .iter()
                .map(|a| a.as_str().unwrap().to_lowercase())
                .collect(),
            _ => vec![],
        }
    };
    for resource_type in PROTECTED_RESOURCE_TYPES {
        let sources = [
            "arn:aws:fsx:r:a:file-system/fs-1",
            "arn:aws:fsx:r:a:volume/fs-1/fsvol-1",
            "arn:aws:rds:r:a:db:one",
            "arn:aws:rds:r:a:cluster:multi-az",
        ];
        for source in sources {
            let call = cleanup_call(resource_type, source)
                .unwrap_or_else(|| panic!("{resource_type:?} has no clean-up call"));
            let statement = statements
                .iter()
                .find(|s| actions(s).contains(&call.action.to_lowercase()))
                .unwrap_or_else(|| panic!("{} is not in the policy", call.action));
            assert_eq!(statement["Effect"], "Allow");
            let service = call.action.split(':').next().unwrap();
            assert!(call.event_source.starts_with(service), "{call:?}");
            match call.scope {
                CleanupScope::Tagged => {
                    assert_eq!(statement["Resource"], "*", "{call:?}");
                    assert_eq!(
                        statement["Condition"]["Null"]["aws:ResourceTag/awsbackup-restore-test"],
                        "false",
                        "{call:?}"
                    );
                }
                CleanupScope::NamePrefixed => {
                    let resource = statement["Resource"].as_str().unwrap();
                    assert!(resource.ends_with("awsbackup-restore-test-*"), "{call:?}");
                    assert!(statement["Condition"]["Null"].is_null(), "{call:?}");
                }
            }
        }
    }
}

#[test]
fn without_a_result_the_window_closes_timed_out_and_the_resource_is_deleted() {
    let scenario = builtin_with(|v| {
        v["RestoreTestingPlans"][0]
            .as_object_mut()
            .unwrap()
            .remove("Validation");
    });
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    for job in restore_jobs(&simulation, json!({})) {
        assert_eq!(job["ValidationStatus"], "TIMED_OUT", "{job}");
        assert_eq!(job["DeletionStatus"], "SUCCESSFUL", "{job}");
    }
    let (job, _) = simulation.restore_jobs().indexed().next().unwrap();
    let (_, selection, steps) = simulation.restore_test_steps(job).unwrap();
    // The database's selection waits two hours after the restore completes.
    let window = if selection == "app_database" { 2 } else { 1 };
    assert_eq!(steps[2].at - steps[1].at, chrono::Duration::hours(window));
}

#[test]
fn with_no_validation_window_the_resource_is_deleted_when_the_restore_completes() {
    let scenario = builtin_with(|v| {
        let plan = &mut v["RestoreTestingPlans"][0];
        plan.as_object_mut().unwrap().remove("Validation");
        for s in plan["RestoreTestingSelections"].as_array_mut().unwrap() {
            s.as_object_mut().unwrap().remove("ValidationWindowHours");
        }
    });
    let simulation = run(&scenario, "2024-01-15T12:00:00Z");
    for job in restore_jobs(&simulation, json!({})) {
        assert!(job.get("ValidationStatus").is_none(), "{job}");
        assert_eq!(job["DeletionStatus"], "SUCCESSFUL");
    }
}

#[test]
fn the_console_reports_a_validation_and_the_api_refuses_one_for_an_ordinary_restore() {
    let scenario = builtin_with(|v| {
        v["RestoreTestingPlans"][0]
            .as_object_mut()
            .unwrap()
            .remove("Validation");
    });
    let mut simulation = run(&scenario, "2024-01-15T06:30:00Z");
    let jobs = restore_jobs(&simulation, json!({"ByStatus": "COMPLETED"}));
    let id = jobs[0]["RestoreJobId"].as_str().unwrap().to_string();
    let answer = simulation.call_now(
        &caller(),
        "PutRestoreValidationResult",
        &json!({"RestoreJobId": id, "ValidationStatus": "FAILED", "ValidationStatusMessage": "checksum mismatch"}),
    );
    // HTTP 204: no body.
    assert_eq!(response(answer), json!({}));
    let job = response(simulation.answer(
        &caller(),
        "DescribeRestoreJob",
        &json!({"RestoreJobId": id}),
    ));
    assert_eq!(job["ValidationStatus"], "FAILED");
    assert_eq!(job["ValidationStatusMessage"], "checksum mismatch");
    assert_eq!(job["DeletionStatus"], "DELETING");
    // A second result after the validation ended is refused.
    let again = simulation.call_now(
        &caller(),
        "PutRestoreValidationResult",
        &json!({"RestoreJobId": id, "ValidationStatus": "SUCCESSFUL"}),
    );
    assert_eq!(error_code(again), "InvalidRequestException");
    let unknown = simulation.call_now(
        &caller(),
        "PutRestoreValidationResult",
        &json!({"RestoreJobId": "nope", "ValidationStatus": "SUCCESSFUL"}),
    );
    assert_eq!(error_code(unknown), "ResourceNotFoundException");
    let bad = simulation.call_now(
        &caller(),
        "PutRestoreValidationResult",
        &json!({"RestoreJobId": id, "ValidationStatus": "PASSED"}),
    );
    assert_eq!(error_code(bad), "InvalidParameterValueException");

    // The guide's kind of restore, started by hand, is no test.
    let mut simulation = run(&common::three_tier(), "2024-01-16T10:00:00Z");
    let dr = Caller {
        account: "444455556666".into(),
        region: "eu-west-1".into(),
    };
    let jobs =
        response(simulation.answer(&dr, "ListRestoreJobs", &json!({})))["RestoreJobs"].clone();
    let id = jobs[0]["RestoreJobId"].as_str().unwrap().to_string();
    let refused = simulation.call_now(
        &dr,
        "PutRestoreValidationResult",
        &json!({"RestoreJobId": id, "ValidationStatus": "SUCCESSFUL"}),
    );
    assert_eq!(error_code(refused), "InvalidRequestException");
}

/// CreateRestoreTestingPlan's input for an hourly plan, its tests started within the hour, of
/// the latest snapshot in the vaults `include`.
fn hourly_plan(include: &str) -> Value {
    json!({"RestoreTestingPlan": {
        "RestoreTestingPlanName": "hourly_test",
        "ScheduleExpression": "cron(0 * ? * * *)",
        "StartWindowHours": 1,
        "RecoveryPointSelection": {
            "Algorithm": "LATEST_WITHIN_WINDOW",
            "RecoveryPointTypes": ["SNAPSHOT"],
            "IncludeVaults": [include]
        }
    }})
}

/// CreateRestoreTestingSelection's input for a selection `web` of hourly_test: every EC2
/// instance.
fn web_selection() -> Value {
    json!({"RestoreTestingPlanName": "hourly_test", "RestoreTestingSelection": {
        "RestoreTestingSelectionName": "web",
        "ProtectedResourceType": "EC2",
        "IamRoleArn": "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole",
        "ProtectedResourceArns": ["*"]
    }})
}

#[test]
fn a_plan_and_selection_made_from_the_console_run_on_their_schedule() {
    let mut simulation = run(&common::three_tier(), "2024-01-15T03:00:00Z");
    let made = simulation.call_now(
        &caller(),
        "CreateRestoreTestingPlan",
        &hourly_plan("arn:aws:backup:us-east-1:111122223333:backup-vault:prod-*"),
    );
    let arn = response(made)["RestoreTestingPlanArn"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        arn.starts_with("arn:aws:backup:us-east-1:111122223333:restore-testing-plan:hourly_test-")
    );
    let again = simulation.call_now(
        &caller(),
        "CreateRestoreTestingPlan",
        &json!({"RestoreTestingPlan": {"RestoreTestingPlanName": "hourly_test", "ScheduleExpression": "cron(0 * ? * * *)", "RecoveryPointSelection": {"Algorithm": "LATEST_WITHIN_WINDOW", "RecoveryPointTypes": ["SNAPSHOT"], "IncludeVaults": ["*"]}}}),
    );
    assert_eq!(error_code(again), "AlreadyExistsException");
    let missing = simulation.call_now(
        &caller(),
        "CreateRestoreTestingSelection",
        &json!({"RestoreTestingPlanName": "nope", "RestoreTestingSelection": {}}),
    );
    assert_eq!(error_code(missing), "ResourceNotFoundException");
    let selection =
        simulation.call_now(&caller(), "CreateRestoreTestingSelection", &web_selection());
    assert_eq!(response(selection)["RestoreTestingSelectionName"], "web");
    simulation.run_until(t("2024-01-15T06:00:00Z"));
    let jobs = restore_jobs(&simulation, json!({"ByRestoreTestingPlanArn": arn}));
    assert!(!jobs.is_empty());
    assert!(jobs.iter().all(|j| j["ResourceType"] == "EC2"));
    let listed = response(simulation.answer(
        &caller(),
        "GetRestoreTestingSelection",
        &json!({"RestoreTestingPlanName": "hourly_test", "RestoreTestingSelectionName": "web"}),
    ));
    assert_eq!(
        listed["RestoreTestingSelection"]["ProtectedResourceArns"],
        json!(["*"])
    );
}

#[test]
fn excluded_vaults_and_the_selection_window_leave_a_resource_untested() {
    let excluded = builtin_with(|v| {
        v["RestoreTestingPlans"][0]["RestoreTestingPlan"]["RecoveryPointSelection"]["ExcludeVaults"] =
            json!(["arn:aws:backup:us-east-1:111122223333:backup-vault:prod-primary-vault"]);
    });
    let simulation = run(&excluded, "2024-01-15T12:00:00Z");
    assert!(restore_jobs(&simulation, json!({})).is_empty());

    // A one-day window on the third day takes the newest night only; on a point older than the
    // window nothing is tested. Here the backups stop after the first night.
    let old_points_only = builtin_with(|v| {
        v["Plans"][0]["Document"]["Rules"][0]["ScheduleExpression"] =
            json!("cron(0 2 15 1 ? 2024)");
        v["RestoreTestingPlans"][0]["RestoreTestingPlan"]["RecoveryPointSelection"]["SelectionWindowDays"] =
            json!(1);
    });
    let simulation = run(&old_points_only, "2024-01-17T12:00:00Z");
    let dates: Vec<i64> = restore_jobs(&simulation, json!({}))
        .iter()
        .map(|j| j["CreationDate"].as_i64().unwrap())
        .collect();
    // The first day's run tests the night's point; the later runs find it older than a day.
    assert_eq!(dates.len(), 2, "{dates:?}");
    assert!(
        dates
            .iter()
            .all(|d| *d < t("2024-01-16T00:00:00Z").timestamp())
    );
}

#[test]
fn a_random_choice_takes_points_from_across_the_window_and_is_the_same_for_the_same_seed() {
    let random = builtin_with(|v| {
        v["RestoreTestingPlans"][0]["RestoreTestingPlan"]["RecoveryPointSelection"]["Algorithm"] =
            json!("RANDOM_WITHIN_WINDOW");
    });
    let points = |scenario: &Scenario| -> Vec<i64> {
        let simulation = run(scenario, "2024-01-22T12:00:00Z");
        restore_jobs(&simulation, json!({}))
            .iter()
            .map(|j| j["RecoveryPointCreationDate"].as_i64().unwrap())
            .collect()
    };
    let first = points(&random);
    assert_eq!(first, points(&random));
    let created: Vec<i64> = {
        let simulation = run(&random, "2024-01-22T12:00:00Z");
        restore_jobs(&simulation, json!({}))
            .iter()
            .map(|j| j["CreationDate"].as_i64().unwrap())
            .collect()
    };
    // Some test restored a point older than that morning's backup.
    assert!(
        first
            .iter()
            .zip(&created)
            .any(|(point, job)| job - point > 86_400),
        "{first:?} {created:?}"
    );
}

#[test]
fn a_tests_job_id_does_not_change_with_what_else_happens_in_the_run() {
    let ids = |scenario: &Scenario| -> Vec<Value> {
        let simulation = run(scenario, "2024-01-15T12:00:00Z");
        restore_jobs(&simulation, json!({}))
            .iter()
            .map(|j| j["RestoreJobId"].clone())
            .collect()
    };
    let busier = builtin_with(|v| {
        v["Operations"] = json!([{
            "At": "2024-01-15T01:00:00Z",
            "Operation": "StartBackupJob",
            "Input": {
                "BackupVaultName": "prod-primary-vault",
                "ResourceArn": "arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f60718",
                "IamRoleArn": "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole"
            }
        }]);
    });
    let (quiet, busy) = (ids(&builtin()), ids(&busier));
    assert_eq!(quiet.len(), 2);
    let sorted = |mut v: Vec<Value>| {
        v.sort_by_key(|id| id.to_string());
        v
    };
    assert_eq!(sorted(quiet), sorted(busy));
}

#[test]
fn a_validation_delay_past_the_longest_window_and_a_selection_naming_no_resources_are_refused() {
    let mut value = serde_json::to_value(builtin()).unwrap();
    value["RestoreTestingPlans"][0]["Validation"]["AfterMinutes"] = json!(i64::MAX);
    let errors = Scenario::from_json(&value.to_string()).unwrap_err();
    assert_eq!(
        errors[0].pointer.as_deref(),
        Some("/RestoreTestingPlans/0/Validation/AfterMinutes")
    );
    let mut value = serde_json::to_value(builtin()).unwrap();
    value["RestoreTestingPlans"][0]["Validation"]["AfterMinutes"] = json!(10_081);
    let errors = Scenario::from_json(&value.to_string()).unwrap_err();
    assert!(
        errors[0].message.contains("outside 0 to 10080"),
        "{}",
        errors[0].message
    );
    let none = selection(json!({
        "RestoreTestingSelectionName": "db",
        "ProtectedResourceType": "RDS",
        "IamRoleArn": "arn:aws:iam::111122223333:role/r",
    }));
    assert_eq!(none.unwrap_err(), [" ProtectedResourceArns is required"]);
}

/// The three-tier world with an hourly plan testing the web server, made from the console at
/// 03:00.
fn hourly_web_test() -> Simulation {
    let mut simulation = run(&common::three_tier(), "2024-01-15T03:00:00Z");
    let made = simulation.call_now(&caller(), "CreateRestoreTestingPlan", &hourly_plan("*"));
    response(made);
    let selection =
        simulation.call_now(&caller(), "CreateRestoreTestingSelection", &web_selection());
    response(selection);
    simulation
}

fn test_jobs(simulation: &Simulation) -> usize {
    let arn = plan_arn(simulation);
    restore_jobs(simulation, json!({"ByRestoreTestingPlanArn": arn})).len()
}

#[test]
fn an_updated_plan_runs_on_its_new_schedule_and_keeps_its_name() {
    let mut simulation = hourly_web_test();
    simulation.run_until(t("2024-01-15T05:30:00Z"));
    let before = test_jobs(&simulation);
    assert!(before >= 2, "{before}");
    let updated = simulation.call_now(
        &caller(),
        "UpdateRestoreTestingPlan",
        &json!({"RestoreTestingPlanName": "hourly_test",
                "RestoreTestingPlan": {"ScheduleExpression": "cron(0 12 ? * * *)"}}),
    );
    let updated = response(updated);
    assert_eq!(updated["RestoreTestingPlanName"], "hourly_test");
    assert!(updated["UpdateTime"].is_number(), "{updated}");
    // No more hourly runs: the next is at noon.
    simulation.run_until(t("2024-01-15T11:30:00Z"));
    assert_eq!(test_jobs(&simulation), before);
    simulation.run_until(t("2024-01-15T14:00:00Z"));
    assert_eq!(test_jobs(&simulation), before + 1);
    let got = response(simulation.answer(
        &caller(),
        "GetRestoreTestingPlan",
        &json!({"RestoreTestingPlanName": "hourly_test"}),
    ));
    let plan = &got["RestoreTestingPlan"];
    assert_eq!(plan["ScheduleExpression"], "cron(0 12 ? * * *)");
    assert_eq!(
        plan["StartWindowHours"], 1,
        "the members not given are kept"
    );
    assert_eq!(plan["LastUpdateTime"], updated["UpdateTime"]);
    // The name is not the update's to change, and the new plan is checked as a new one is.
    let renamed = simulation.call_now(
        &caller(),
        "UpdateRestoreTestingPlan",
        &json!({"RestoreTestingPlanName": "hourly_test",
                "RestoreTestingPlan": {"RestoreTestingPlanName": "other"}}),
    );
    assert_eq!(error_code(renamed), "InvalidParameterValueException");
    let too_long = simulation.call_now(
        &caller(),
        "UpdateRestoreTestingPlan",
        &json!({"RestoreTestingPlanName": "hourly_test",
                "RestoreTestingPlan": {"StartWindowHours": 169}}),
    );
    assert_eq!(error_code(too_long), "InvalidParameterValueException");
}

#[test]
fn an_updated_selection_takes_its_new_members_and_keeps_the_rest() {
    let mut simulation = hourly_web_test();
    let updated = simulation.call_now(
        &caller(),
        "UpdateRestoreTestingSelection",
        &json!({"RestoreTestingPlanName": "hourly_test", "RestoreTestingSelectionName": "web",
                "RestoreTestingSelection": {"ValidationWindowHours": 2}}),
    );
    assert_eq!(response(updated)["RestoreTestingSelectionName"], "web");
    let got = response(simulation.answer(
        &caller(),
        "GetRestoreTestingSelection",
        &json!({"RestoreTestingPlanName": "hourly_test", "RestoreTestingSelectionName": "web"}),
    ));
    let selection = &got["RestoreTestingSelection"];
    assert_eq!(selection["ValidationWindowHours"], 2);
    assert_eq!(selection["ProtectedResourceArns"], json!(["*"]));
    assert_eq!(selection["ProtectedResourceType"], "EC2");
    // The tests started from now keep the restored instance two hours.
    simulation.run_until(t("2024-01-15T05:00:00Z"));
    let arn = plan_arn(&simulation);
    let jobs = restore_jobs(&simulation, json!({"ByRestoreTestingPlanArn": arn}));
    assert!(
        jobs.iter().all(|j| j.get("DeletionStatus").is_none()),
        "{jobs:?}"
    );
    let retyped = simulation.call_now(
        &caller(),
        "UpdateRestoreTestingSelection",
        &json!({"RestoreTestingPlanName": "hourly_test", "RestoreTestingSelectionName": "web",
                "RestoreTestingSelection": {"ProtectedResourceType": "RDS"}}),
    );
    assert_eq!(error_code(retyped), "InvalidParameterValueException");
    let missing = simulation.call_now(
        &caller(),
        "UpdateRestoreTestingSelection",
        &json!({"RestoreTestingPlanName": "hourly_test", "RestoreTestingSelectionName": "db",
                "RestoreTestingSelection": {"ValidationWindowHours": 2}}),
    );
    assert_eq!(error_code(missing), "ResourceNotFoundException");
}

#[test]
fn a_plan_is_deleted_only_after_its_selections_and_then_runs_no_more() {
    let mut simulation = hourly_web_test();
    simulation.run_until(t("2024-01-15T05:30:00Z"));
    let before = test_jobs(&simulation);
    let arn = plan_arn(&simulation);
    let refused = simulation.call_now(
        &caller(),
        "DeleteRestoreTestingPlan",
        &json!({"RestoreTestingPlanName": "hourly_test"}),
    );
    assert_eq!(error_code(refused), "InvalidRequestException");
    let deleted = simulation.call_now(
        &caller(),
        "DeleteRestoreTestingSelection",
        &json!({"RestoreTestingPlanName": "hourly_test", "RestoreTestingSelectionName": "web"}),
    );
    assert_eq!(response(deleted), json!({}));
    let listed = response(simulation.answer(
        &caller(),
        "ListRestoreTestingSelections",
        &json!({"RestoreTestingPlanName": "hourly_test"}),
    ));
    assert_eq!(listed["RestoreTestingSelections"], json!([]));
    let deleted = simulation.call_now(
        &caller(),
        "DeleteRestoreTestingPlan",
        &json!({"RestoreTestingPlanName": "hourly_test"}),
    );
    assert_eq!(response(deleted), json!({}));
    let plans = response(simulation.answer(&caller(), "ListRestoreTestingPlans", &json!({})));
    assert_eq!(plans["RestoreTestingPlans"], json!([]));
    let gone = simulation.answer(
        &caller(),
        "GetRestoreTestingPlan",
        &json!({"RestoreTestingPlanName": "hourly_test"}),
    );
    assert_eq!(error_code(gone), "ResourceNotFoundException");
    // No test starts after, and the ones before still name the plan.
    simulation.run_until(t("2024-01-15T12:00:00Z"));
    let jobs = restore_jobs(&simulation, json!({"ByRestoreTestingPlanArn": arn}));
    assert_eq!(jobs.len(), before);
    assert!(before > 0);
}

#[test]
fn a_backup_plan_made_later_ignores_what_restore_tests_made_by_their_tag_or_name() {
    use vaultsim_core::console::run::run as console;
    // The tag-removed tests leave the database and the file system they restored in place.
    let scenario =
        builtin_with(|v| v["RestoreTestingPlans"][0]["Validation"]["RemovesTag"] = json!(true));
    let mut simulation = run(&scenario, "2024-01-15T12:00:00Z");
    let left: Vec<String> = restore_jobs(&simulation, json!({}))
        .iter()
        .map(|j| j["CreatedResourceArn"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(left.len(), 2);
    let plan = r#"{"BackupPlanName": "everything", "Rules": [{"RuleName": "Hourly",
        "TargetBackupVaultName": "prod-primary-vault", "ScheduleExpression": "cron(0 * * * ? *)",
        "StartWindowMinutes": 60, "Lifecycle": {"DeleteAfterDays": 7}}]}"#;
    let id = console(
        &mut simulation,
        &format!(
            "aws backup create-backup-plan --backup-plan '{plan}' --query BackupPlanId --output text"
        ),
    )
    .stdout
    .trim()
    .to_string();
    let selected = console(
        &mut simulation,
        &format!(
            "aws backup create-backup-selection --backup-plan-id {id} --backup-selection \
             '{{\"SelectionName\": \"all\", \"IamRoleArn\": \"arn:aws:iam::111122223333:role/r\", \
             \"Resources\": [\"*\"]}}'"
        ),
    );
    assert_eq!(selected.status, 0, "{}", selected.stderr);
    simulation.run_until(t("2024-01-15T15:30:00Z"));
    let jobs = response(simulation.answer(&caller(), "ListBackupJobs", &json!({})));
    let backed_up: Vec<&str> = jobs["BackupJobs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|j| j["CreatedBy"]["BackupPlanId"] == id.as_str())
        .map(|j| j["ResourceArn"].as_str().unwrap())
        .collect();
    // The scenario's own resources are backed up each hour. Of the tests' leftovers, the
    // database keeps its awsbackup-restore-test- name and is never backed up; the file system,
    // its tag gone and named only by its ID, is like any other.
    let (database, file_system) = if left[0].contains(":db:") {
        (&left[0], &left[1])
    } else {
        (&left[1], &left[0])
    };
    assert!(backed_up.len() >= 3, "{backed_up:?}");
    assert!(!backed_up.contains(&database.as_str()), "{backed_up:?}");
    assert!(backed_up.contains(&file_system.as_str()), "{backed_up:?}");
}

#[test]
fn a_volume_is_deleted_as_a_volume_and_a_multi_az_cluster_as_a_cluster() {
    use vaultsim_core::services::ResourceType;
    let call = |t, arn| cleanup_call(t, arn).unwrap().action;
    assert_eq!(
        call(
            ResourceType::FSx,
            "arn:aws:fsx:us-east-1:111122223333:volume/fs-1/fsvol-1"
        ),
        "fsx:DeleteVolume"
    );
    assert_eq!(
        call(
            ResourceType::FSx,
            "arn:aws:fsx:us-east-1:111122223333:file-system/fs-1"
        ),
        "fsx:DeleteFileSystem"
    );
    assert_eq!(
        call(
            ResourceType::Rds,
            "arn:aws:rds:us-east-1:111122223333:cluster:orders"
        ),
        "rds:DeleteDBCluster"
    );
    assert_eq!(
        call(
            ResourceType::Rds,
            "arn:aws:rds:us-east-1:111122223333:db:orders"
        ),
        "rds:DeleteDBInstance"
    );
}

/// The restore-testing scenario with an S3 bucket backed up and tested (the new bucket named as
/// `overrides` say, if they do).
fn with_a_bucket_tested(overrides: Option<Value>) -> Scenario {
    builtin_with(|v| {
        v["Resources"].as_array_mut().unwrap().push(json!({
            "Arn": "arn:aws:s3:::orders-archive",
            "Name": "orders-archive",
            "Tags": {"Backup": "true"},
            "SizeGb": 5,
            "DailyChangeRate": 0.02
        }));
        let mut selection = json!({
            "RestoreTestingSelectionName": "archive",
            "ProtectedResourceType": "S3",
            "IamRoleArn": "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole",
            "ProtectedResourceArns": ["arn:aws:s3:::orders-archive"],
            "ValidationWindowHours": 1
        });
        if let Some(overrides) = overrides {
            selection["RestoreMetadataOverrides"] = overrides;
        }
        v["RestoreTestingPlans"][0]["RestoreTestingSelections"] = json!([selection]);
    })
}

#[test]
fn a_test_bucket_is_deleted_by_its_name_and_one_named_otherwise_is_refused_with_s3s_code() {
    // S3's clean-up takes a day (vaultsim's model of "up to several days").
    let simulation = run(&with_a_bucket_tested(None), "2024-01-16T12:00:00Z");
    let first = restore_jobs(&simulation, json!({}))
        .into_iter()
        .find(|j| j["DeletionStatus"] == "SUCCESSFUL")
        .expect("a test bucket deleted");
    assert!(
        first["CreatedResourceArn"]
            .as_str()
            .unwrap()
            .starts_with(&format!("arn:aws:s3:::{TEST_TAG}-"))
    );
    let calls = cleanup_calls(&simulation);
    assert!(!calls.is_empty());
    for call in &calls {
        assert_eq!(
            (call.0.as_str(), call.1.as_str(), call.2.as_deref()),
            ("s3.amazonaws.com", "DeleteBucket", None)
        );
    }
    let overrides = json!({"DestinationBucketName": "orders-archive-check"});
    let simulation = run(
        &with_a_bucket_tested(Some(overrides)),
        "2024-01-16T12:00:00Z",
    );
    let calls = cleanup_calls(&simulation);
    assert!(!calls.is_empty());
    assert!(
        calls.iter().all(|c| c.2.as_deref() == Some("AccessDenied")),
        "{calls:?}"
    );
}

#[test]
fn a_plan_made_again_under_a_deleted_ones_name_has_an_arn_of_its_own() {
    let mut simulation = hourly_web_test();
    let first = plan_arn(&simulation);
    let selection =
        json!({"RestoreTestingPlanName": "hourly_test", "RestoreTestingSelectionName": "web"});
    response(simulation.call_now(&caller(), "DeleteRestoreTestingSelection", &selection));
    let plan = json!({"RestoreTestingPlanName": "hourly_test"});
    response(simulation.call_now(&caller(), "DeleteRestoreTestingPlan", &plan));
    let made = simulation.call_now(&caller(), "CreateRestoreTestingPlan", &hourly_plan("*"));
    let second = response(made)["RestoreTestingPlanArn"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(first, second);
    assert_eq!(plan_arn(&simulation), second);
}

#[test]
fn an_update_that_keeps_the_schedule_runs_each_test_once() {
    let mut simulation = hourly_web_test();
    for hours in [2, 3, 1] {
        let updated = simulation.call_now(
            &caller(),
            "UpdateRestoreTestingPlan",
            &json!({"RestoreTestingPlanName": "hourly_test",
                    "RestoreTestingPlan": {"StartWindowHours": hours}}),
        );
        response(updated);
    }
    simulation.run_until(t("2024-01-15T06:30:00Z"));
    // The runs at 04:00 and 05:00 each test the web server once, within their hour.
    let arn = plan_arn(&simulation);
    let six = t("2024-01-15T06:00:00Z").timestamp() as f64;
    let before_six = restore_jobs(&simulation, json!({"ByRestoreTestingPlanArn": arn}))
        .iter()
        .filter(|j| j["CreationDate"].as_f64().unwrap() < six)
        .count();
    assert_eq!(before_six, 2);
}

#[test]
fn a_selection_updated_to_name_arns_loses_its_tag_conditions() {
    let selection = RestoreTestingSelection::read(&json!({
        "RestoreTestingSelectionName": "tagged",
        "ProtectedResourceType": "RDS",
        "IamRoleArn": "arn:aws:iam::111122223333:role/r",
        "ProtectedResourceArns": ["*"],
        "ProtectedResourceConditions": {"StringEquals": [{"Key": "Tier", "Value": "data"}]}
    }))
    .unwrap();
    let arn = "arn:aws:rds:us-east-1:111122223333:db:app-db";
    let updated = selection
        .updated(&json!({"ProtectedResourceArns": [arn]}))
        .unwrap();
    assert_eq!(updated.protected_resource_arns, [arn]);
    assert!(updated.conditions.is_empty());
    assert_eq!(updated.name, "tagged");
    // Conditions with specific ARNs, both given, are refused as a new selection's would be.
    let both = selection.updated(&json!({
        "ProtectedResourceArns": [arn],
        "ProtectedResourceConditions": {"StringEquals": [{"Key": "Tier", "Value": "data"}]}
    }));
    assert!(both.is_err());
}

#[test]
fn each_console_change_to_restore_testing_is_audited_once_and_refused_in_a_region_outage() {
    let scenario = builtin_with(|v| {
        v["Faults"] = json!([{"Fault": "RegionOutage", "Region": "us-east-1",
            "From": "2024-01-16T00:00:00Z", "Until": "2024-01-17T00:00:00Z"}]);
    });
    let mut simulation = run(&scenario, "2024-01-15T05:55:00Z");
    let audited = |s: &Simulation, name: &str| {
        (s.audit_trail().iter())
            .filter(|e| e.event_name == name && e.principal.ends_with(":root"))
            .map(|e| e.allowed())
            .collect::<Vec<_>>()
    };
    // The database's restore has completed; its validation is the account's to report.
    let job = restore_jobs(&simulation, json!({"ByResourceType": "RDS"}))[0]["RestoreJobId"]
        .as_str()
        .unwrap()
        .to_string();
    let reported = simulation.call_now(
        &caller(),
        "PutRestoreValidationResult",
        &json!({"RestoreJobId": job, "ValidationStatus": "SUCCESSFUL"}),
    );
    assert_eq!(response(reported), json!({}));
    let updated = simulation.call_now(
        &caller(),
        "UpdateRestoreTestingPlan",
        &json!({"RestoreTestingPlanName": "daily_restore_test",
                "RestoreTestingPlan": {"StartWindowHours": 2}}),
    );
    response(updated);
    assert_eq!(audited(&simulation, "PutRestoreValidationResult"), [true]);
    assert_eq!(audited(&simulation, "UpdateRestoreTestingPlan"), [true]);
    // The day after, us-east-1 is down: AWS Backup refuses, and the refusal is audited.
    simulation.run_until(t("2024-01-16T12:00:00Z"));
    let refused = simulation.call_now(
        &caller(),
        "UpdateRestoreTestingPlan",
        &json!({"RestoreTestingPlanName": "daily_restore_test",
                "RestoreTestingPlan": {"StartWindowHours": 3}}),
    );
    assert_eq!(error_code(refused), "ServiceUnavailableException");
    assert_eq!(
        audited(&simulation, "UpdateRestoreTestingPlan"),
        [true, false]
    );
}
