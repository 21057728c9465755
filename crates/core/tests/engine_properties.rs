//! Properties of every simulation, over randomly generated scenarios — plans, and API calls at
//! random times (legal holds made and cancelled, deletions, lifecycle changes, vault locks put
//! and removed, on-demand backups and copies): jobs move only along the documented transitions,
//! each completed backup leaves exactly one recovery point, no copy starts before its source
//! exists, no recovery point is deleted before its delete date unless an allowed call deleted
//! it, none is deleted while a legal hold is on it, time never goes back, and the same scenario
//! and seed give the same events.

use proptest::prelude::*;
use serde_json::{Value, json};
use vaultsim_core::engine::{BackupJobState, Decision, Simulation, Subject};
use vaultsim_core::scenario::Scenario;
use vaultsim_core::world::StorageClass;

const PROD: &str = "111122223333";
const DR: &str = "444455556666";
const ADMIN: &str = "arn:aws:iam::111122223333:role/Admin";
const ROLE: &str = "arn:aws:iam::111122223333:role/r";
const DR_VAULT: &str = "arn:aws:backup:eu-west-1:444455556666:backup-vault:dr-vault";

fn resource(kind: usize, i: usize, tagged: bool, size: u32) -> Value {
    let arn = match kind % 5 {
        0 => format!("arn:aws:ec2:us-east-1:{PROD}:volume/vol-{i:017x}"),
        1 => format!("arn:aws:rds:us-east-1:{PROD}:db:db-{i}"),
        2 => format!("arn:aws:elasticfilesystem:us-east-1:{PROD}:file-system/fs-{i:017x}"),
        3 => format!("arn:aws:dynamodb:us-east-1:{PROD}:table/t-{i}"),
        _ => format!("arn:aws:rds:us-east-1:{PROD}:cluster:c-{i}"),
    };
    let tags = if tagged {
        json!({"Backup": "true"})
    } else {
        json!({})
    };
    json!({"Arn": arn, "Tags": tags, "SizeGb": size, "DailyChangeRate": 0.05})
}

prop_compose! {
    fn rule(index: usize)(
        minute in 0u32..60,
        hours in prop_oneof![Just("*".to_string()), (0u32..24).prop_map(|h| h.to_string()), Just("0/6".to_string())],
        start_window in prop_oneof![Just(60i64), Just(120), Just(480)],
        completion in prop_oneof![Just(60i64), Just(180), Just(1440)],
        delete in prop_oneof![Just(None), (1i64..40).prop_map(Some)],
        cold in prop_oneof![Just(None), (1i64..5).prop_map(Some)],
        copy in any::<bool>(),
    ) -> Value {
        let mut lifecycle = serde_json::Map::new();
        if let Some(d) = delete {
            lifecycle.insert("DeleteAfterDays".into(), json!(d + cold.map_or(0, |c| c + 90)));
            if let Some(c) = cold {
                lifecycle.insert("MoveToColdStorageAfterDays".into(), json!(c));
            }
        }
        let mut rule = json!({
            "RuleName": format!("rule-{index}"),
            "TargetBackupVaultName": "prod-vault",
            "ScheduleExpression": format!("cron({minute} {hours} * * ? *)"),
            "StartWindowMinutes": start_window,
            "CompletionWindowMinutes": completion,
        });
        if !lifecycle.is_empty() {
            rule["Lifecycle"] = Value::Object(lifecycle);
        }
        if copy {
            rule["CopyActions"] = json!([{
                "DestinationBackupVaultArn": format!("arn:aws:backup:eu-west-1:{DR}:backup-vault:dr-vault"),
                "Lifecycle": {"DeleteAfterDays": 10}
            }]);
        }
        rule
    }
}

/// An API call the scenario makes: which, on which resource (an index into the scenario's
/// resources), which hold (of three titles), some days, and after how many hours. Calls are made
/// between 09:00 and 12:59 on the first eight days, so that a hold, a deletion and a lifecycle
/// change often meet the same night's recovery points.
#[derive(Clone, Debug)]
struct Call {
    operation: usize,
    resource: usize,
    hold: usize,
    days: i64,
    hours: i64,
}

fn call() -> impl Strategy<Value = Call> {
    (0usize..8, 0usize..8, 0usize..3, 1i64..40, 0i64..8, 9i64..13).prop_map(
        |(operation, resource, hold, days, day, hour)| Call {
            operation,
            resource,
            hold,
            days,
            hours: day * 24 + hour,
        },
    )
}

/// The call as a scenario operation, on `arn` in prod-vault (vaultsim's shorthand: the
/// resource's newest point in the vault; a legal hold by its title).
fn operation(call: &Call, arn: &str) -> Value {
    let hold = format!("hold-{}", call.hold);
    let (name, input) = match call.operation {
        0 => (
            "CreateLegalHold",
            json!({"Title": hold, "Description": "litigation",
                   "RecoveryPointSelection": {"VaultNames": ["prod-vault"]}}),
        ),
        1 => (
            "CancelLegalHold",
            json!({"Title": hold, "CancelDescription": "settled"}),
        ),
        2 => (
            "DeleteRecoveryPoint",
            json!({"BackupVaultName": "prod-vault", "ResourceArn": arn}),
        ),
        3 => (
            "UpdateRecoveryPointLifecycle",
            json!({"BackupVaultName": "prod-vault", "ResourceArn": arn,
                   "Lifecycle": {"DeleteAfterDays": call.days}}),
        ),
        4 => (
            "PutBackupVaultLockConfiguration",
            json!({"BackupVaultName": "prod-vault", "MinRetentionDays": call.days % 10 + 1,
                   "MaxRetentionDays": call.days + 30}),
        ),
        5 => (
            "DeleteBackupVaultLockConfiguration",
            json!({"BackupVaultName": "prod-vault"}),
        ),
        6 => (
            "StartBackupJob",
            json!({"BackupVaultName": "prod-vault", "ResourceArn": arn, "IamRoleArn": ROLE,
                   "Lifecycle": {"DeleteAfterDays": call.days}}),
        ),
        _ => (
            "StartCopyJob",
            json!({"SourceBackupVaultName": "prod-vault", "ResourceArn": arn,
                   "DestinationBackupVaultArn": DR_VAULT, "IamRoleArn": ROLE}),
        ),
    };
    let at = chrono::DateTime::parse_from_rfc3339("2024-01-15T00:00:00Z").unwrap()
        + chrono::Duration::hours(call.hours);
    json!({"At": at.to_rfc3339(), "Operation": name, "Input": input, "Principal": ADMIN})
}

prop_compose! {
    fn scenario()(
        seed in any::<u64>(),
        resources in prop::collection::vec((0usize..5, any::<bool>(), 1u32..400), 1..8),
        rules in prop::collection::vec(rule(0), 1..3),
        policy_allows in any::<bool>(),
        lock in prop_oneof![Just(None), (1i64..20, 20i64..400).prop_map(Some)],
        calls in prop::collection::vec(call(), 0..12),
    ) -> Scenario {
        let rules: Vec<Value> = rules
            .into_iter()
            .enumerate()
            .map(|(i, mut r)| { r["RuleName"] = json!(format!("rule-{i}")); r })
            .collect();
        let mut prod_vault = json!({"Name": "prod-vault", "Account": PROD, "Region": "us-east-1"});
        if let Some((min, max)) = lock {
            prod_vault["Lock"] = json!({"MinRetentionDays": min, "MaxRetentionDays": max});
        }
        let principal = if policy_allows { PROD } else { "999988887777" };
        let resources: Vec<Value> = resources
            .iter()
            .enumerate()
            .map(|(i, &(kind, tagged, size))| resource(kind, i, tagged, size))
            .collect();
        let operations: Vec<Value> = calls
            .iter()
            .map(|c| operation(c, resources[c.resource % resources.len()]["Arn"].as_str().unwrap()))
            .collect();
        let document = json!({
            "StartTime": "2024-01-15T00:00:00Z",
            "Seed": seed,
            "Accounts": [
                // One Organization, as a cross-account copy needs: the copies' outcome is
                // then the access policy's.
                {"Id": PROD, "Regions": ["us-east-1"], "OrganizationId": "o-a1b2c3d4e5"},
                {"Id": DR, "Regions": ["eu-west-1"], "OrganizationId": "o-a1b2c3d4e5"}
            ],
            "Resources": resources,
            "Operations": operations,
            "Vaults": [
                prod_vault,
                {"Name": "dr-vault", "Account": DR, "Region": "eu-west-1", "AccessPolicy": {
                    "Statement": [{"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{principal}:root")},
                                   "Action": "backup:CopyIntoBackupVault", "Resource": "*"}]}}
            ],
            "Plans": [{"Account": PROD, "Region": "us-east-1", "Document": {
                "BackupPlanName": "p",
                "Rules": rules,
                "Selections": [{"SelectionName": "tagged", "IamRoleArn": ROLE,
                    "ListOfTags": [{"ConditionType": "STRINGEQUALS", "ConditionKey": "Backup", "ConditionValue": "true"}]}]
            }}]
        });
        Scenario::from_json(&document.to_string()).unwrap_or_else(|e| panic!("{e:?}\n{document}"))
    }
}

fn run(scenario: &Scenario, days: i64) -> Simulation {
    let mut simulation = Simulation::new(scenario).unwrap();
    simulation.run_until(scenario.start() + chrono::Duration::days(days));
    simulation
}

proptest! {
    // Each case simulates up to two months: 64 by default, PROPTEST_CASES for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    #[test]
    fn jobs_move_only_along_documented_transitions(scenario in scenario(), days in 1i64..20) {
        let simulation = run(&scenario, days);
        for job in simulation.backup_jobs() {
            let history: Vec<_> = job.history.iter().collect();
            prop_assert_eq!(history[0].1, BackupJobState::Created);
            prop_assert_eq!(history.last().unwrap().1, job.state);
            for pair in history.windows(2) {
                prop_assert!(pair[0].1.can_become(pair[1].1), "{:?}", history);
                prop_assert!(pair[0].0 <= pair[1].0, "time went back: {:?}", history);
            }
        }
        for job in simulation.copy_jobs() {
            let history: Vec<_> = job.history.iter().collect();
            for pair in history.windows(2) {
                prop_assert!(pair[0].1.can_become(pair[1].1), "{:?}", history);
            }
        }
    }

    #[test]
    fn each_completed_backup_has_exactly_one_recovery_point(scenario in scenario(), days in 1i64..20) {
        let simulation = run(&scenario, days);
        let points = &simulation.world().recovery_points;
        let mut owners = vec![0usize; points.len()];
        for job in simulation.backup_jobs() {
            match (job.state, job.recovery_point) {
                (BackupJobState::Completed | BackupJobState::Partial, Some(rp)) => {
                    let rp = rp as usize;
                    owners[rp] += 1;
                    prop_assert_eq!(points[rp].resource as usize, job.resource);
                    prop_assert_eq!(points[rp].creation, job.creation);
                    prop_assert!(points[rp].copied_from.is_none());
                }
                (BackupJobState::Completed, None) => prop_assert!(false, "a completed job without a point"),
                (_, rp) => prop_assert!(rp.is_none()),
            }
        }
        for (rp, point) in points.iter().enumerate() {
            let expected = usize::from(point.copied_from.is_none());
            prop_assert_eq!(owners[rp], expected, "recovery point {}", rp);
        }
    }

    #[test]
    fn no_copy_starts_before_its_source_exists(scenario in scenario(), days in 1i64..20) {
        let simulation = run(&scenario, days);
        let points = &simulation.world().recovery_points;
        for copy in simulation.copy_jobs() {
            let source = &points[copy.source_recovery_point as usize];
            prop_assert!(copy.creation >= source.completion());
            if let Some(rp) = copy.destination_recovery_point {
                prop_assert_eq!(points[rp as usize].copied_from, Some(copy.source_recovery_point));
            }
        }
    }

    #[test]
    fn no_recovery_point_is_deleted_before_its_delete_date(scenario in scenario(), days in 1i64..60) {
        let simulation = run(&scenario, days);
        let world = simulation.world();
        for event in simulation.events() {
            if let Subject::RecoveryPoint { recovery_point, storage_class: StorageClass::Deleted, .. } = event.subject {
                let rp = &world.recovery_points[recovery_point as usize];
                if rp.delete_at().is_some_and(|at| event.time >= at) {
                    continue;
                }
                // Early only when an allowed DeleteRecoveryPoint named it, then and there.
                let arn = world.recovery_point_arn(recovery_point as usize);
                prop_assert!(
                    simulation.audit_trail().iter().any(|a| a.event_name == "DeleteRecoveryPoint"
                        && a.decision == Decision::Allowed
                        && a.time == event.time
                        && a.resources.contains(&arn)),
                    "{} deleted at {} before its delete date {:?}", arn, event.time, rp.delete_at()
                );
            }
        }
        // And every point past its delete date is gone, unless a legal hold keeps it.
        for rp in &world.recovery_points {
            if rp.legal_holds == 0 && rp.delete_at().is_some_and(|at| at <= simulation.now()) {
                prop_assert_eq!(rp.storage_class, StorageClass::Deleted);
            }
        }
    }

    #[test]
    fn no_recovery_point_is_deleted_while_a_legal_hold_is_on_it(scenario in scenario(), days in 1i64..30) {
        let simulation = run(&scenario, days);
        let world = simulation.world();
        for event in simulation.events() {
            if let Subject::RecoveryPoint { recovery_point, storage_class: StorageClass::Deleted, .. } = event.subject {
                // A hold made at the same second as the deletion came after it: it holds only
                // points not deleted. One cancelled at that second has let go already.
                let held = world.legal_holds.iter().find(|h| {
                    h.recovery_points.contains(&recovery_point)
                        && h.creation <= event.time
                        && h.cancellation.is_none_or(|c| c > event.time)
                });
                prop_assert!(
                    held.is_none(),
                    "{} was deleted at {} under legal hold {:?}",
                    world.recovery_point_arn(recovery_point as usize), event.time, held.map(|h| &h.title)
                );
            }
        }
    }

    #[test]
    fn time_never_goes_back(scenario in scenario(), days in 1i64..20) {
        let simulation = run(&scenario, days);
        let times: Vec<_> = simulation.events().iter().map(|e| e.time).collect();
        prop_assert!(times.is_sorted());
    }

    #[test]
    fn the_same_scenario_and_seed_give_the_same_events(scenario in scenario(), days in 1i64..10) {
        let a = run(&scenario, days);
        let b = run(&scenario, days);
        let lines = |s: &Simulation| s.events().iter().map(|e| s.event_line(e)).collect::<Vec<_>>();
        prop_assert_eq!(lines(&a), lines(&b));
    }
}
