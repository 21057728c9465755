//! Events as the simulation keeps them — what happened to which job or recovery point, and when
//! — and as EventBridge delivers them, written out on demand in the shape of the developer
//! guide's samples.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::{BackupJobState, CopyJobState, Simulation};
use crate::events::{self, detail_date};
use crate::random::uuid_text;
use crate::world::{CreatedBy, RecoveryPointStatus, StorageClass};

/// What an event is about, and the state it reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    BackupJob {
        job: usize,
        state: BackupJobState,
    },
    CopyJob {
        job: usize,
        state: CopyJobState,
    },
    RecoveryPoint {
        recovery_point: usize,
        status: RecoveryPointStatus,
        storage_class: StorageClass,
    },
}

/// One event, kept small: its JSON is written by [`Simulation::event_json`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    pub id: u128,
    pub time: DateTime<Utc>,
    pub subject: Subject,
}

impl Event {
    pub fn detail_type(&self) -> &'static str {
        match self.subject {
            Subject::BackupJob { .. } => events::BACKUP_JOB_STATE_CHANGE,
            Subject::CopyJob { .. } => events::COPY_JOB_STATE_CHANGE,
            Subject::RecoveryPoint { .. } => events::RECOVERY_POINT_STATE_CHANGE,
        }
    }
}

impl Simulation {
    /// The event as EventBridge delivers it.
    pub fn event_json(&self, event: &Event) -> Value {
        let (account, region, resources, detail) = match event.subject {
            Subject::BackupJob { job, state } => self.backup_job_detail(job, state),
            Subject::CopyJob { job, state } => self.copy_job_detail(job, state),
            Subject::RecoveryPoint {
                recovery_point,
                status,
                storage_class,
            } => self.recovery_point_detail(recovery_point, status, storage_class),
        };
        events::envelope(
            &uuid_text(event.id),
            event.detail_type(),
            &account,
            event.time,
            &region,
            resources,
            detail,
        )
    }

    /// The event as one line of JSON (NDJSON).
    pub fn event_line(&self, event: &Event) -> String {
        self.event_json(event).to_string()
    }

    /// A Backup Job State Change's account, Region, resources and detail.
    fn backup_job_detail(
        &self,
        job: usize,
        state: BackupJobState,
    ) -> (String, String, Vec<String>, Value) {
        let j = &self.backup_jobs[job];
        let resource = &self.world.resources[j.resource];
        let where_ = (resource.account.clone(), resource.region.clone());
        if state == BackupJobState::Created {
            // The developer guide's CREATED sample carries only these three fields.
            let detail = json!({
                "backupJobId": uuid_text(j.id),
                "state": "CREATED",
                "creationDate": detail_date(j.creation),
            });
            return (where_.0, where_.1, vec![], detail);
        }
        let vault_arn = &*j.vault_arn;
        let vault_name = vault_arn.rsplit(':').next().unwrap_or("").to_string();
        let completed = state == BackupJobState::Completed;
        let sized = !matches!(state, BackupJobState::Pending);
        let size = if sized { j.backup_size_bytes } else { 0 };
        let transferred = if completed { j.bytes_transferred } else { 0 };
        let message = if state.is_terminal() {
            j.status_message.as_str()
        } else {
            ""
        };
        let mut detail = json!({
            "backupJobId": uuid_text(j.id),
            "backupSizeInBytes": size.to_string(),
            "backupVaultArn": vault_arn,
            "backupVaultName": vault_name,
            "bytesTransferred": transferred.to_string(),
            "creationDate": detail_date(j.creation),
            "iamRoleArn": &*j.iam_role_arn,
            "resourceArn": resource.arn,
            "resourceType": resource.resource_type.api_name(),
            "state": state.as_str(),
            "statusMessage": message,
            "startBy": detail_date(j.start_by),
            "percentDone": if completed { 100 } else { 0 },
        });
        if state.is_terminal()
            && let Some(completion) = j.completion
        {
            detail["completionDate"] = json!(detail_date(completion));
        }
        if let Some(by) = &j.created_by {
            detail["createdBy"] = created_by_json(by);
        }
        let resources = j
            .recovery_point
            .filter(|_| completed)
            .map(|rp| vec![self.world.recovery_points[rp].arn.clone()])
            .unwrap_or_default();
        (where_.0, where_.1, resources, detail)
    }

    /// A Recovery Point State Change's account, Region, resources and detail.
    fn recovery_point_detail(
        &self,
        recovery_point: usize,
        status: RecoveryPointStatus,
        storage_class: StorageClass,
    ) -> (String, String, Vec<String>, Value) {
        let rp = &self.world.recovery_points[recovery_point];
        let vault = &self.world.vaults[rp.vault];
        let resource = &self.world.resources[rp.resource];
        let mut lifecycle = serde_json::Map::new();
        if let Some(d) = rp.move_to_cold_storage_after_days {
            lifecycle.insert("moveToColdStorageAfterDays".into(), json!(d));
        }
        if let Some(d) = rp.delete_after_days {
            lifecycle.insert("deleteAfterDays".into(), json!(d));
        }
        let mut calculated = serde_json::Map::new();
        if let Some(t) = rp.move_to_cold_at(resource.resource_type) {
            calculated.insert("moveToColdStorageAt".into(), json!(detail_date(t)));
        }
        if let Some(t) = rp.delete_at() {
            calculated.insert("deleteAt".into(), json!(detail_date(t)));
        }
        let mut detail = json!({
            "backupVaultName": vault.name,
            "backupVaultArn": vault.arn,
            "creationDate": detail_date(rp.creation),
            "iamRoleArn": &*rp.iam_role_arn,
            "resourceType": resource.resource_type.api_name(),
            "resourceArn": resource.arn,
            "status": status.as_str(),
            "isEncrypted": "true",
            "storageClass": storage_class.as_str(),
            "completionDate": detail_date(rp.completion),
        });
        if let Some(by) = &rp.created_by {
            detail["createdBy"] = created_by_json(by);
        }
        if !lifecycle.is_empty() {
            detail["lifecycle"] = Value::Object(lifecycle);
        }
        if !calculated.is_empty() {
            // The sample writes calculatedLifeCycle with a capital C.
            detail["calculatedLifeCycle"] = Value::Object(calculated);
        }
        (
            vault.account.clone(),
            vault.region.clone(),
            vec![rp.arn.clone()],
            detail,
        )
    }

    /// A Copy Job State Change's account, Region, resources and detail.
    fn copy_job_detail(
        &self,
        job: usize,
        state: CopyJobState,
    ) -> (String, String, Vec<String>, Value) {
        let j = &self.copy_jobs[job];
        let source = &self.world.recovery_points[j.source_recovery_point];
        let source_vault = &self.world.vaults[source.vault];
        let where_ = (source_vault.account.clone(), source_vault.region.clone());
        if state == CopyJobState::Created {
            // The CREATED sample carries only these fields.
            let detail = json!({
                "creationDate": detail_date(j.creation),
                "state": "CREATED",
                "sourceBackupVaultArn": source_vault.arn,
                "destinationBackupVaultArn": &*j.destination_vault_arn,
            });
            return (where_.0, where_.1, vec![], detail);
        }
        let resource = &self.world.resources[source.resource];
        let completed = state == CopyJobState::Completed;
        let destination_rp = j
            .destination_recovery_point
            .filter(|_| completed)
            .map(|rp| json!(self.world.recovery_points[rp].arn))
            // The samples show {} until the copy completes.
            .unwrap_or_else(|| json!({}));
        let mut detail = json!({
            "copyJobId": uuid_text(j.id),
            "backupSizeInBytes": j.backup_size_bytes,
            "creationDate": detail_date(j.creation),
            "iamRoleArn": &*j.iam_role_arn,
            "resourceArn": resource.arn,
            "resourceType": resource.resource_type.api_name(),
            "sourceBackupVaultArn": source_vault.arn,
            "state": state.as_str(),
        });
        let terminal = matches!(
            state,
            CopyJobState::Completed | CopyJobState::Failed | CopyJobState::Partial
        );
        if terminal && !j.status_message.is_empty() {
            detail["statusMessage"] = json!(j.status_message);
        }
        if terminal && let Some(completion) = j.completion {
            detail["completionDate"] = json!(detail_date(completion));
        }
        detail["destinationBackupVaultArn"] = json!(&*j.destination_vault_arn);
        detail["destinationRecoveryPointArn"] = destination_rp;
        if let Some(by) = &j.created_by {
            detail["createdBy"] = created_by_json(by);
        }
        (where_.0, where_.1, vec![], detail)
    }
}

fn created_by_json(by: &CreatedBy) -> Value {
    json!({
        "backupPlanId": by.backup_plan_id,
        "backupPlanArn": by.backup_plan_arn,
        "backupPlanVersion": by.backup_plan_version,
        "backupPlanRuleId": by.backup_plan_rule_id,
    })
}
