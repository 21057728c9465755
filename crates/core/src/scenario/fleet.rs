//! The `fleet-N` scenarios: a production account's resources of mixed types, all tagged
//! Backup=true, under one plan with a daily rule (kept 35 days, copied to a DR account in another
//! Region) and a weekly rule (kept a year). Generated, not shipped as a document, so that the
//! same few lines make the 1,000- and 10,000-resource fleets the benchmarks compare.

use std::collections::BTreeMap;

use serde_json::json;

use super::{AccountSpec, PlanSpec, ResourceSpec, Scenario, VaultSpec};
use crate::random::SeededRandom;

const PRODUCTION: &str = "111122223333";
const DISASTER_RECOVERY: &str = "444455556666";
/// Both accounts are in one AWS Organization, as a cross-account copy needs.
const ORGANIZATION: &str = "o-a1b2c3d4e5";

/// The mix of types, in parts per hundred, with each type's ARN and size range in GB.
const MIX: &[(u32, &str, (f64, f64))] = &[
    (
        30,
        "arn:aws:ec2:us-east-1:111122223333:instance/i-",
        (8.0, 200.0),
    ),
    (
        20,
        "arn:aws:ec2:us-east-1:111122223333:volume/vol-",
        (20.0, 1000.0),
    ),
    (
        15,
        "arn:aws:rds:us-east-1:111122223333:db:db-",
        (20.0, 500.0),
    ),
    (
        5,
        "arn:aws:rds:us-east-1:111122223333:cluster:cluster-",
        (50.0, 2000.0),
    ),
    (
        10,
        "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-",
        (1.0, 300.0),
    ),
    (
        10,
        "arn:aws:dynamodb:us-east-1:111122223333:table/table-",
        (1.0, 100.0),
    ),
    (5, "arn:aws:s3:::bucket-", (10.0, 5000.0)),
    (
        5,
        "arn:aws:fsx:us-east-1:111122223333:file-system/fs-",
        (100.0, 2000.0),
    ),
];

/// A fleet of `resources` resources. The same number gives the same scenario.
pub fn fleet(resources: usize) -> Scenario {
    let mut random = SeededRandom::new(resources as u64);
    let resources = (0..resources)
        .map(|i| {
            let slot = (i % 100) as u32;
            let (_, prefix, (low, high)) = MIX
                .iter()
                .scan(0, |sum, entry| {
                    *sum += entry.0;
                    Some((*sum, entry))
                })
                .find(|(sum, _)| slot < *sum)
                .map(|(_, entry)| *entry)
                .expect("the mix covers a hundred parts");
            let tier = ["web", "app", "data"][i % 3];
            ResourceSpec {
                arn: format!("{prefix}{i:08x}"),
                name: String::new(),
                tags: BTreeMap::from([
                    ("Backup".to_string(), "true".to_string()),
                    ("Tier".to_string(), tier.to_string()),
                ]),
                size_gb: random.between(low, high).round(),
                daily_change_rate: random.between(0.01, 0.10),
                configuration: BTreeMap::new(),
            }
        })
        .collect();
    Scenario {
        name: String::new(),
        description: String::new(),
        start_time: "2024-01-01T00:00:00Z".into(),
        seed: 1,
        accounts: vec![
            AccountSpec {
                id: PRODUCTION.to_string(),
                name: "production".to_string(),
                regions: vec!["us-east-1".to_string()],
                organization_id: Some(ORGANIZATION.to_string()),
                resource_type_management_preference: BTreeMap::new(),
            },
            AccountSpec {
                id: DISASTER_RECOVERY.to_string(),
                name: "disaster-recovery".to_string(),
                regions: vec!["us-west-2".to_string()],
                organization_id: Some(ORGANIZATION.to_string()),
                resource_type_management_preference: BTreeMap::new(),
            },
        ],
        resources,
        vaults: vec![
            VaultSpec {
                name: "fleet-vault".to_string(),
                account: PRODUCTION.to_string(),
                region: "us-east-1".to_string(),
                encryption_key_arn: None,
                access_policy: None,
                lock: None,
                air_gapped: false,
            },
            VaultSpec {
                name: "fleet-dr-vault".to_string(),
                account: DISASTER_RECOVERY.to_string(),
                region: "us-west-2".to_string(),
                encryption_key_arn: None,
                access_policy: Some(json!({
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Effect": "Allow",
                        "Principal": {"AWS": format!("arn:aws:iam::{PRODUCTION}:root")},
                        "Action": "backup:CopyIntoBackupVault",
                        "Resource": "*"
                    }]
                })),
                lock: None,
                air_gapped: false,
            },
        ],
        plans: vec![PlanSpec {
            account: PRODUCTION.to_string(),
            region: "us-east-1".to_string(),
            document: json!({
                "BackupPlanName": "fleet-plan",
                "Rules": [
                    {
                        "RuleName": "Daily",
                        "TargetBackupVaultName": "fleet-vault",
                        "ScheduleExpression": "cron(0 5 * * ? *)",
                        "StartWindowMinutes": 60,
                        "CompletionWindowMinutes": 1440,
                        "Lifecycle": {"DeleteAfterDays": 35},
                        "CopyActions": [{
                            "DestinationBackupVaultArn": format!(
                                "arn:aws:backup:us-west-2:{DISASTER_RECOVERY}:backup-vault:fleet-dr-vault"
                            ),
                            "Lifecycle": {"DeleteAfterDays": 35}
                        }]
                    },
                    {
                        "RuleName": "Weekly",
                        "TargetBackupVaultName": "fleet-vault",
                        "ScheduleExpression": "cron(0 8 ? * SAT *)",
                        "StartWindowMinutes": 120,
                        "CompletionWindowMinutes": 2880,
                        "Lifecycle": {"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 365}
                    }
                ],
                "Selections": [{
                    "SelectionName": "tagged-backup-true",
                    "IamRoleArn": format!(
                        "arn:aws:iam::{PRODUCTION}:role/service-role/AWSBackupDefaultServiceRole"
                    ),
                    "ListOfTags": [{
                        "ConditionType": "STRINGEQUALS",
                        "ConditionKey": "Backup",
                        "ConditionValue": "true"
                    }]
                }]
            }),
        }],
        operations: Vec::new(),
        faults: Vec::new(),
        restore_testing_plans: Vec::new(),
    }
}
