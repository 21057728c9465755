//! Operation requests: what a scenario's `Operations` ask AWS Backup for, read from their
//! `Input` with the API's member names (as the AWS CLI's `--cli-input-json` writes them) and
//! vaultsim's shorthands (a resource's newest recovery point for a recovery point's ARN, which
//! only a run makes). Reading a request is the scenario's; deciding it is the engine's
//! (`engine::operations`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use crate::document::{Node, from_node};
use crate::plan;
use crate::world::Lifecycle;

/// A recovery point named in a request: by its ARN, or (vaultsim's shorthand, since ARNs are
/// only known once a run has made them) as a resource's newest point in the request's vault.
#[derive(Clone, Debug, PartialEq)]
pub enum PointRef {
    Arn(String),
    NewestOf(String),
}

/// A request, read: one of the operations vaultsim simulates, with its input in the API's member
/// names (and vaultsim's shorthands); the recovery point it names, for those that name one.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    StartBackupJob(StartBackupJob),
    StopBackupJob(StopBackupJob),
    StartCopyJob(StartCopyJob, PointRef),
    StartRestoreJob(StartRestoreJob, PointRef),
    DeleteRecoveryPoint(PointInVault, PointRef),
    UpdateRecoveryPointLifecycle(UpdateRecoveryPointLifecycle, PointRef),
    PutBackupVaultLockConfiguration(PutBackupVaultLockConfiguration),
    DeleteBackupVaultLockConfiguration(VaultName),
    DeleteBackupVault(VaultName),
    CreateLegalHold(CreateLegalHold),
    CancelLegalHold(CancelLegalHold),
}

/// The operations vaultsim simulates, by their API names.
pub const OPERATIONS: &[&str] = &[
    "StartBackupJob",
    "StopBackupJob",
    "StartCopyJob",
    "StartRestoreJob",
    "DeleteRecoveryPoint",
    "UpdateRecoveryPointLifecycle",
    "PutBackupVaultLockConfiguration",
    "DeleteBackupVaultLockConfiguration",
    "DeleteBackupVault",
    "CreateLegalHold",
    "CancelLegalHold",
];

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct LifecycleInput {
    pub move_to_cold_storage_after_days: Option<i64>,
    pub delete_after_days: Option<i64>,
    pub opt_in_to_archive_for_supported_resources: Option<bool>,
}

impl LifecycleInput {
    /// The lifecycle the recovery point gets.
    pub fn lifecycle(&self) -> Lifecycle {
        Lifecycle::from_plan(&plan::Lifecycle {
            move_to_cold_storage_after_days: self.move_to_cold_storage_after_days,
            delete_after_days: self.delete_after_days,
            opt_in_to_archive_for_supported_resources: self
                .opt_in_to_archive_for_supported_resources,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct StartBackupJob {
    pub backup_vault_name: String,
    pub resource_arn: String,
    pub iam_role_arn: String,
    pub start_window_minutes: Option<i64>,
    pub complete_window_minutes: Option<i64>,
    pub lifecycle: Option<LifecycleInput>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct StopBackupJob {
    pub backup_job_id: Option<String>,
    /// vaultsim's shorthand: the resource's unfinished job.
    pub resource_arn: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct StartCopyJob {
    pub recovery_point_arn: Option<String>,
    pub resource_arn: Option<String>,
    pub source_backup_vault_name: String,
    pub destination_backup_vault_arn: String,
    pub iam_role_arn: String,
    pub lifecycle: Option<LifecycleInput>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct StartRestoreJob {
    pub recovery_point_arn: Option<String>,
    /// With `ResourceArn`, the vault to take the newest point from.
    pub backup_vault_name: Option<String>,
    pub resource_arn: Option<String>,
    #[serde(default)]
    pub metadata: BTreeMap<String, String>,
    pub iam_role_arn: Option<String>,
    /// For a continuous recovery point, the second to restore to (the newest by default).
    pub restore_time: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct PointInVault {
    pub backup_vault_name: String,
    pub recovery_point_arn: Option<String>,
    pub resource_arn: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct UpdateRecoveryPointLifecycle {
    pub backup_vault_name: String,
    pub recovery_point_arn: Option<String>,
    pub resource_arn: Option<String>,
    pub lifecycle: LifecycleInput,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct PutBackupVaultLockConfiguration {
    pub backup_vault_name: String,
    pub min_retention_days: Option<i64>,
    pub max_retention_days: Option<i64>,
    pub changeable_for_days: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct VaultName {
    pub backup_vault_name: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct CreateLegalHold {
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub recovery_point_selection: RecoveryPointSelection,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct RecoveryPointSelection {
    #[serde(default)]
    pub vault_names: Vec<String>,
    #[serde(default)]
    pub resource_identifiers: Vec<String>,
    pub date_range: Option<DateRange>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct DateRange {
    pub from_date: DateTime<Utc>,
    pub to_date: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct CancelLegalHold {
    pub legal_hold_id: Option<String>,
    /// vaultsim's shorthand: the active hold with this title.
    pub title: Option<String>,
    pub cancel_description: String,
}

/// What is wrong with an operation: the member it is wrong at (`Operation` or `Input`), the
/// problem, and how to fix it.
pub type Problem = (&'static str, String, String);

/// Reads a scenario's operation: its API name and its request, or what is wrong with it.
pub fn read(operation: &str, input: &Value) -> Result<(&'static str, Request), Problem> {
    let Some(&name) = OPERATIONS.iter().find(|n| **n == operation) else {
        return Err((
            "Operation",
            format!("vaultsim does not simulate the operation {operation:?}"),
            format!("one of: {}", OPERATIONS.join(", ")),
        ));
    };
    read_request(name, input)
        .map(|request| (name, request))
        .map_err(|message| {
            (
                "Input",
                format!("{name}'s Input: {message}"),
                "write the request with the API's member names, as in the AWS CLI's \
             --cli-input-json"
                    .to_string(),
            )
        })
}

fn point_ref(arn: &Option<String>, resource: &Option<String>) -> Result<PointRef, String> {
    match (arn, resource) {
        (Some(arn), None) => Ok(PointRef::Arn(arn.clone())),
        (None, Some(resource)) => Ok(PointRef::NewestOf(resource.clone())),
        _ => Err("give either RecoveryPointArn or (vaultsim's shorthand) ResourceArn".to_string()),
    }
}

fn read_request(name: &str, input: &Value) -> Result<Request, String> {
    fn typed<T: for<'de> Deserialize<'de>>(input: &Value) -> Result<T, String> {
        from_node(&Node::from_json(input)).map_err(|e| e.message)
    }
    Ok(match name {
        "StartBackupJob" => Request::StartBackupJob(typed(input)?),
        "StopBackupJob" => {
            let r: StopBackupJob = typed(input)?;
            if r.backup_job_id.is_some() == r.resource_arn.is_some() {
                return Err("give either BackupJobId or (vaultsim's shorthand) ResourceArn".into());
            }
            Request::StopBackupJob(r)
        }
        "StartCopyJob" => {
            let r: StartCopyJob = typed(input)?;
            let point = point_ref(&r.recovery_point_arn, &r.resource_arn)?;
            Request::StartCopyJob(r, point)
        }
        "StartRestoreJob" => {
            let r: StartRestoreJob = typed(input)?;
            let point = point_ref(&r.recovery_point_arn, &r.resource_arn)?;
            if r.resource_arn.is_some() && r.backup_vault_name.is_none() {
                return Err("with ResourceArn, name the vault too: BackupVaultName".into());
            }
            Request::StartRestoreJob(r, point)
        }
        "DeleteRecoveryPoint" => {
            let r: PointInVault = typed(input)?;
            let point = point_ref(&r.recovery_point_arn, &r.resource_arn)?;
            Request::DeleteRecoveryPoint(r, point)
        }
        "UpdateRecoveryPointLifecycle" => {
            let r: UpdateRecoveryPointLifecycle = typed(input)?;
            let point = point_ref(&r.recovery_point_arn, &r.resource_arn)?;
            Request::UpdateRecoveryPointLifecycle(r, point)
        }
        "PutBackupVaultLockConfiguration" => {
            Request::PutBackupVaultLockConfiguration(typed(input)?)
        }
        "DeleteBackupVaultLockConfiguration" => {
            Request::DeleteBackupVaultLockConfiguration(typed(input)?)
        }
        "DeleteBackupVault" => Request::DeleteBackupVault(typed(input)?),
        "CreateLegalHold" => Request::CreateLegalHold(typed(input)?),
        "CancelLegalHold" => {
            let r: CancelLegalHold = typed(input)?;
            if r.legal_hold_id.is_some() == r.title.is_some() {
                return Err("give either LegalHoldId or (vaultsim's shorthand) Title".into());
            }
            Request::CancelLegalHold(r)
        }
        _ => unreachable!("{name} is in OPERATIONS"),
    })
}
