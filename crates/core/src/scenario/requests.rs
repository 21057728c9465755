//! Operation requests: what a scenario's `Operations` ask AWS Backup for, read from their
//! `Input` with the API's member names (as the AWS CLI's `--cli-input-json` writes them) and
//! vaultsim's shorthands (a resource's newest recovery point for a recovery point's ARN, which
//! only a run makes). Reading a request is the scenario's; deciding it is the engine's
//! (`engine::operations`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::document::{DecodeError, Fields, FromNode, Node, from_node};
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
    PutBackupVaultAccessPolicy(PutBackupVaultAccessPolicy),
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
    "PutBackupVaultAccessPolicy",
    "CreateLegalHold",
    "CancelLegalHold",
];

#[derive(Clone, Debug, Default, PartialEq)]
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

#[derive(Clone, Debug, PartialEq)]
pub struct StartBackupJob {
    pub backup_vault_name: String,
    pub resource_arn: String,
    pub iam_role_arn: String,
    pub start_window_minutes: Option<i64>,
    pub complete_window_minutes: Option<i64>,
    pub lifecycle: Option<LifecycleInput>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StopBackupJob {
    pub backup_job_id: Option<String>,
    /// vaultsim's shorthand: the resource's unfinished job.
    pub resource_arn: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StartCopyJob {
    pub recovery_point_arn: Option<String>,
    pub resource_arn: Option<String>,
    pub source_backup_vault_name: String,
    pub destination_backup_vault_arn: String,
    pub iam_role_arn: String,
    pub lifecycle: Option<LifecycleInput>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StartRestoreJob {
    pub recovery_point_arn: Option<String>,
    /// With `ResourceArn`, the vault to take the newest point from.
    pub backup_vault_name: Option<String>,
    pub resource_arn: Option<String>,
    pub metadata: BTreeMap<String, String>,
    pub iam_role_arn: Option<String>,
    /// For a continuous recovery point, the second to restore to (the newest by default).
    pub restore_time: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PointInVault {
    pub backup_vault_name: String,
    pub recovery_point_arn: Option<String>,
    pub resource_arn: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UpdateRecoveryPointLifecycle {
    pub backup_vault_name: String,
    pub recovery_point_arn: Option<String>,
    pub resource_arn: Option<String>,
    pub lifecycle: LifecycleInput,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PutBackupVaultLockConfiguration {
    pub backup_vault_name: String,
    pub min_retention_days: Option<i64>,
    pub max_retention_days: Option<i64>,
    pub changeable_for_days: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VaultName {
    pub backup_vault_name: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CreateLegalHold {
    pub title: String,
    pub description: String,
    pub recovery_point_selection: RecoveryPointSelection,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecoveryPointSelection {
    pub vault_names: Vec<String>,
    pub resource_identifiers: Vec<String>,
    pub date_range: Option<DateRange>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DateRange {
    pub from_date: DateTime<Utc>,
    pub to_date: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CancelLegalHold {
    pub legal_hold_id: Option<String>,
    /// vaultsim's shorthand: the active hold with this title.
    pub title: Option<String>,
    pub cancel_description: String,
}

// How each request is read: the API's member names, and only those (serde's
// `deny_unknown_fields`, as the reader once was), so a misspelt member is named.

impl FromNode for LifecycleInput {
    fn from_node(node: &Node) -> Result<LifecycleInput, DecodeError> {
        let f = Fields::strict(
            node,
            "struct LifecycleInput",
            &[
                "MoveToColdStorageAfterDays",
                "DeleteAfterDays",
                "OptInToArchiveForSupportedResources",
            ],
            None,
        )?;
        Ok(LifecycleInput {
            move_to_cold_storage_after_days: f.optional("MoveToColdStorageAfterDays")?,
            delete_after_days: f.optional("DeleteAfterDays")?,
            opt_in_to_archive_for_supported_resources: f
                .optional("OptInToArchiveForSupportedResources")?,
        })
    }
}

impl FromNode for StartBackupJob {
    fn from_node(node: &Node) -> Result<StartBackupJob, DecodeError> {
        let f = Fields::strict(
            node,
            "struct StartBackupJob",
            &[
                "BackupVaultName",
                "ResourceArn",
                "IamRoleArn",
                "StartWindowMinutes",
                "CompleteWindowMinutes",
                "Lifecycle",
            ],
            None,
        )?;
        Ok(StartBackupJob {
            backup_vault_name: f.required("BackupVaultName")?,
            resource_arn: f.required("ResourceArn")?,
            iam_role_arn: f.required("IamRoleArn")?,
            start_window_minutes: f.optional("StartWindowMinutes")?,
            complete_window_minutes: f.optional("CompleteWindowMinutes")?,
            lifecycle: f.optional("Lifecycle")?,
        })
    }
}

impl FromNode for StopBackupJob {
    fn from_node(node: &Node) -> Result<StopBackupJob, DecodeError> {
        let f = Fields::strict(
            node,
            "struct StopBackupJob",
            &["BackupJobId", "ResourceArn"],
            None,
        )?;
        Ok(StopBackupJob {
            backup_job_id: f.optional("BackupJobId")?,
            resource_arn: f.optional("ResourceArn")?,
        })
    }
}

impl FromNode for StartCopyJob {
    fn from_node(node: &Node) -> Result<StartCopyJob, DecodeError> {
        let f = Fields::strict(
            node,
            "struct StartCopyJob",
            &[
                "RecoveryPointArn",
                "ResourceArn",
                "SourceBackupVaultName",
                "DestinationBackupVaultArn",
                "IamRoleArn",
                "Lifecycle",
            ],
            None,
        )?;
        Ok(StartCopyJob {
            recovery_point_arn: f.optional("RecoveryPointArn")?,
            resource_arn: f.optional("ResourceArn")?,
            source_backup_vault_name: f.required("SourceBackupVaultName")?,
            destination_backup_vault_arn: f.required("DestinationBackupVaultArn")?,
            iam_role_arn: f.required("IamRoleArn")?,
            lifecycle: f.optional("Lifecycle")?,
        })
    }
}

impl FromNode for StartRestoreJob {
    fn from_node(node: &Node) -> Result<StartRestoreJob, DecodeError> {
        let f = Fields::strict(
            node,
            "struct StartRestoreJob",
            &[
                "RecoveryPointArn",
                "BackupVaultName",
                "ResourceArn",
                "Metadata",
                "IamRoleArn",
                "RestoreTime",
                // The API's other members, read and of no effect on a simulation: a call is
                // made once (no retries to make idempotent), the recovery point decides what is
                // restored, and restored resources carry no tags here.
                "IdempotencyToken",
                "ResourceType",
                "CopySourceTagsToRestoredResource",
            ],
            None,
        )?;
        Ok(StartRestoreJob {
            recovery_point_arn: f.optional("RecoveryPointArn")?,
            backup_vault_name: f.optional("BackupVaultName")?,
            resource_arn: f.optional("ResourceArn")?,
            metadata: f.or_default("Metadata")?,
            iam_role_arn: f.optional("IamRoleArn")?,
            restore_time: f.optional("RestoreTime")?,
        })
    }
}

impl FromNode for PointInVault {
    fn from_node(node: &Node) -> Result<PointInVault, DecodeError> {
        let f = Fields::strict(
            node,
            "struct PointInVault",
            &["BackupVaultName", "RecoveryPointArn", "ResourceArn"],
            None,
        )?;
        Ok(PointInVault {
            backup_vault_name: f.required("BackupVaultName")?,
            recovery_point_arn: f.optional("RecoveryPointArn")?,
            resource_arn: f.optional("ResourceArn")?,
        })
    }
}

impl FromNode for UpdateRecoveryPointLifecycle {
    fn from_node(node: &Node) -> Result<UpdateRecoveryPointLifecycle, DecodeError> {
        let f = Fields::strict(
            node,
            "struct UpdateRecoveryPointLifecycle",
            &[
                "BackupVaultName",
                "RecoveryPointArn",
                "ResourceArn",
                "Lifecycle",
            ],
            None,
        )?;
        Ok(UpdateRecoveryPointLifecycle {
            backup_vault_name: f.required("BackupVaultName")?,
            recovery_point_arn: f.optional("RecoveryPointArn")?,
            resource_arn: f.optional("ResourceArn")?,
            lifecycle: f.required("Lifecycle")?,
        })
    }
}

impl FromNode for PutBackupVaultLockConfiguration {
    fn from_node(node: &Node) -> Result<PutBackupVaultLockConfiguration, DecodeError> {
        let f = Fields::strict(
            node,
            "struct PutBackupVaultLockConfiguration",
            &[
                "BackupVaultName",
                "MinRetentionDays",
                "MaxRetentionDays",
                "ChangeableForDays",
            ],
            None,
        )?;
        Ok(PutBackupVaultLockConfiguration {
            backup_vault_name: f.required("BackupVaultName")?,
            min_retention_days: f.optional("MinRetentionDays")?,
            max_retention_days: f.optional("MaxRetentionDays")?,
            changeable_for_days: f.optional("ChangeableForDays")?,
        })
    }
}

impl FromNode for VaultName {
    fn from_node(node: &Node) -> Result<VaultName, DecodeError> {
        let f = Fields::strict(node, "struct VaultName", &["BackupVaultName"], None)?;
        Ok(VaultName {
            backup_vault_name: f.required("BackupVaultName")?,
        })
    }
}

/// PutBackupVaultAccessPolicy's request: the policy is a JSON document in a string, as the
/// API takes it.
#[derive(Clone, Debug, PartialEq)]
pub struct PutBackupVaultAccessPolicy {
    pub backup_vault_name: String,
    pub policy: Option<String>,
}

impl FromNode for PutBackupVaultAccessPolicy {
    fn from_node(node: &Node) -> Result<PutBackupVaultAccessPolicy, DecodeError> {
        let f = Fields::strict(
            node,
            "struct PutBackupVaultAccessPolicy",
            &["BackupVaultName", "Policy"],
            None,
        )?;
        Ok(PutBackupVaultAccessPolicy {
            backup_vault_name: f.required("BackupVaultName")?,
            policy: f.optional("Policy")?,
        })
    }
}

impl FromNode for CreateLegalHold {
    fn from_node(node: &Node) -> Result<CreateLegalHold, DecodeError> {
        let f = Fields::strict(
            node,
            "struct CreateLegalHold",
            &["Title", "Description", "RecoveryPointSelection"],
            None,
        )?;
        Ok(CreateLegalHold {
            title: f.required("Title")?,
            description: f.required("Description")?,
            recovery_point_selection: f.or_default("RecoveryPointSelection")?,
        })
    }
}

impl FromNode for RecoveryPointSelection {
    fn from_node(node: &Node) -> Result<RecoveryPointSelection, DecodeError> {
        let f = Fields::strict(
            node,
            "struct RecoveryPointSelection",
            &["VaultNames", "ResourceIdentifiers", "DateRange"],
            None,
        )?;
        Ok(RecoveryPointSelection {
            vault_names: f.or_default("VaultNames")?,
            resource_identifiers: f.or_default("ResourceIdentifiers")?,
            date_range: f.optional("DateRange")?,
        })
    }
}

impl FromNode for DateRange {
    fn from_node(node: &Node) -> Result<DateRange, DecodeError> {
        let f = Fields::strict(node, "struct DateRange", &["FromDate", "ToDate"], None)?;
        Ok(DateRange {
            from_date: f.required("FromDate")?,
            to_date: f.required("ToDate")?,
        })
    }
}

impl FromNode for CancelLegalHold {
    fn from_node(node: &Node) -> Result<CancelLegalHold, DecodeError> {
        let f = Fields::strict(
            node,
            "struct CancelLegalHold",
            &["LegalHoldId", "Title", "CancelDescription"],
            None,
        )?;
        Ok(CancelLegalHold {
            legal_hold_id: f.optional("LegalHoldId")?,
            title: f.optional("Title")?,
            cancel_description: f.required("CancelDescription")?,
        })
    }
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
    fn typed<T: FromNode>(input: &Value) -> Result<T, String> {
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
        "PutBackupVaultAccessPolicy" => Request::PutBackupVaultAccessPolicy(typed(input)?),
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
