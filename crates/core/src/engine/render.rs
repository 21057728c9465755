//! Events as the simulation keeps them — what happened to which job or recovery point, and when
//! — and as EventBridge delivers them, written out on demand in the shape of the developer
//! guide's samples.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::{BackupJobState, CopyJobState, RestoreJobState, Simulation};
use crate::events::{self, detail_date};
use crate::random::Uuid;
use crate::time_text;
use crate::world::{CreatedBy, Lifecycle, RecoveryPoint, RecoveryPointStatus, StorageClass};

/// What an event is about, and the state it reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// Jobs and vaults by index (in the job log, in the world's vaults), as `u32` so that an
    /// event stays 40 bytes: a simulated year of a large fleet makes tens of millions.
    BackupJob {
        job: u32,
        state: BackupJobState,
    },
    CopyJob {
        job: u32,
        state: CopyJobState,
    },
    RestoreJob {
        job: u32,
        state: RestoreJobState,
    },
    /// The vault's lock was set or removed (MODIFIED, with isLocked), or the vault deleted.
    Vault {
        vault: u32,
        change: VaultChange,
    },
    /// A recovery point's state, with what may change later kept as it was then, so that the
    /// event shows the values of its moment however the point changes after.
    RecoveryPoint {
        /// The recovery point's index in [`crate::world::World::recovery_points`].
        recovery_point: u32,
        status: RecoveryPointStatus,
        storage_class: StorageClass,
        then: PointSnapshot,
    },
}

/// What of a recovery point may change after an event about it (its lifecycle, by
/// UpdateRecoveryPointLifecycle; a continuous point's completion, at each update), kept with the
/// event in thirteen bytes: events are the most numerous thing a run makes. Packed, so that the
/// flag takes one byte and not four, and an event stays 40 bytes; its fields are only ever read
/// by value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C, packed)]
pub struct PointSnapshot {
    /// MoveToColdStorageAfterDays and DeleteAfterDays, `i32::MIN` for none.
    cold_days: i32,
    delete_days: i32,
    completed_after_seconds: u32,
    opt_in_to_archive: bool,
}

impl PointSnapshot {
    pub fn of(point: &RecoveryPoint) -> PointSnapshot {
        let days = |d: Option<i32>| d.unwrap_or(i32::MIN);
        PointSnapshot {
            cold_days: days(point.lifecycle.move_to_cold_storage_after_days),
            delete_days: days(point.lifecycle.delete_after_days),
            completed_after_seconds: point.completed_after_seconds,
            opt_in_to_archive: point.lifecycle.opt_in_to_archive,
        }
    }

    /// `point` as it was when the snapshot was taken.
    pub fn apply(self, point: &mut RecoveryPoint) {
        let days = |d: i32| (d != i32::MIN).then_some(d);
        point.lifecycle = Lifecycle {
            move_to_cold_storage_after_days: days(self.cold_days),
            delete_after_days: days(self.delete_days),
            opt_in_to_archive: self.opt_in_to_archive,
        };
        point.completed_after_seconds = self.completed_after_seconds;
    }
}

/// What happened to a vault: a Backup Vault State Change's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VaultChange {
    /// MODIFIED: a vault lock was set (isLocked "true") or removed ("false"); kept as it was
    /// then, since the vault's lock may change again the same day.
    Locked(bool),
    /// DELETED by DeleteBackupVault.
    Deleted,
}

/// One event, kept small: its JSON is written by [`Simulation::event_json`], and its ID follows
/// from its place in the run ([`Simulation::event_id`]) rather than being drawn and stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// The event's place in the run: 0 for the first.
    pub sequence: u64,
    pub time: DateTime<Utc>,
    pub subject: Subject,
}

impl Event {
    pub fn detail_type(&self) -> &'static str {
        match self.subject {
            Subject::BackupJob { .. } => events::BACKUP_JOB_STATE_CHANGE,
            Subject::CopyJob { .. } => events::COPY_JOB_STATE_CHANGE,
            Subject::RestoreJob { .. } => events::RESTORE_JOB_STATE_CHANGE,
            Subject::Vault { .. } => events::BACKUP_VAULT_STATE_CHANGE,
            Subject::RecoveryPoint { .. } => events::RECOVERY_POINT_STATE_CHANGE,
        }
    }
}

impl Simulation {
    /// The event's ID: a UUID that follows from the run's seed and the event's place in it.
    pub fn event_id(&self, event: &Event) -> Uuid {
        self.event_ids.derive(event.sequence)
    }

    /// An ID that follows from the run's seed and from what it names (`parts`), so that a run
    /// taken anew gives the same one to the same thing whatever else was made before it (a
    /// ConfirmSubscription kept from the first run names the subscription it confirmed; a
    /// CreateBackupSelection, its plan). Not from the run's random stream, which the jobs'
    /// timing uses: setting up an alert or a plan from the console must not change a job.
    pub(super) fn named_id(&self, parts: &[&str]) -> Uuid {
        self.event_ids.derive(crate::random::stable_hash(parts))
    }

    /// The event as EventBridge delivers it. An event about a job or recovery point the run has
    /// let go since its events were handed over (see [`Simulation::take_events`]) can no longer
    /// be written: `None`.
    pub fn try_event_json(&self, event: &Event) -> Option<Value> {
        let point = |rp: Option<u32>| {
            rp.is_none_or(|rp| self.world.recovery_points.get(rp as usize).is_some())
        };
        let kept = match event.subject {
            Subject::BackupJob { job, .. } => self
                .backup_jobs
                .get(job as usize)
                .is_some_and(|j| point(j.recovery_point)),
            Subject::CopyJob { job, .. } => self
                .copy_jobs
                .get(job as usize)
                .is_some_and(|j| point(j.destination_recovery_point)),
            Subject::RestoreJob { job, .. } => self.restore_jobs.get(job as usize).is_some(),
            Subject::RecoveryPoint { recovery_point, .. } => point(Some(recovery_point)),
            Subject::Vault { .. } => true,
        };
        kept.then(|| self.event_json(event))
    }

    /// The event as EventBridge delivers it. Panics for an event about a job or recovery point
    /// let go since: write events before the next [`Simulation::take_events`], or use
    /// [`Simulation::try_event_json`].
    pub fn event_json(&self, event: &Event) -> Value {
        let (account, region, resources, detail) = match event.subject {
            Subject::BackupJob { job, state } => self.backup_job_detail(job as usize, state),
            Subject::CopyJob { job, state } => self.copy_job_detail(job as usize, state),
            Subject::RestoreJob { job, state } => self.restore_job_detail(job as usize, state),
            Subject::Vault { vault, change } => self.vault_detail(vault as usize, change),
            Subject::RecoveryPoint {
                recovery_point,
                status,
                storage_class,
                then,
            } => {
                // The point as it was when the event happened.
                let recovery_point = recovery_point as usize;
                let mut point = self.world.recovery_points[recovery_point].clone();
                point.status = status;
                point.storage_class = storage_class;
                then.apply(&mut point);
                self.recovery_point_detail(recovery_point, &point)
            }
        };
        events::envelope(
            &self.event_id(event).to_string(),
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
                "backupJobId": j.id.to_string(),
                "state": "CREATED",
                "creationDate": detail_date(j.creation),
            });
            return (where_.0, where_.1, vec![], detail);
        }
        let vault_arn = self.vault_arn(j.vault_arn);
        let vault_name = vault_arn.rsplit(':').next().unwrap_or("").to_string();
        // A PARTIAL job made a recovery point too (a composite one, missing parts).
        let made_point = matches!(state, BackupJobState::Completed | BackupJobState::Partial);
        let origin = &self.world.origins[j.origin as usize];
        // Each state carries the fields its sample in the developer guide does.
        let mut detail = json!({"backupJobId": j.id.to_string()});
        if matches!(state, BackupJobState::Running) || made_point {
            detail["backupSizeInBytes"] = json!(j.backup_size_bytes.to_string());
        }
        detail["backupVaultArn"] = json!(vault_arn);
        detail["backupVaultName"] = json!(vault_name);
        let transferred = if made_point { j.bytes_transferred } else { 0 };
        detail["bytesTransferred"] = json!(transferred.to_string());
        detail["creationDate"] = json!(detail_date(j.creation));
        detail["iamRoleArn"] = json!(&*origin.iam_role_arn);
        detail["resourceArn"] = json!(resource.arn);
        detail["resourceType"] = json!(resource.resource_type.api_name());
        detail["state"] = json!(state.as_str());
        match state {
            // PENDING (and ABORTING, which has no sample) carry an empty message; a job that
            // ended says why; a completed one only when it completed with issues.
            BackupJobState::Pending | BackupJobState::Aborting => {
                detail["statusMessage"] = json!("")
            }
            BackupJobState::Failed | BackupJobState::Aborted | BackupJobState::Expired => {
                detail["statusMessage"] = json!(j.status_message)
            }
            _ if made_point && !j.status_message.is_empty() => {
                detail["statusMessage"] = json!(j.status_message)
            }
            _ => {}
        }
        // The FAILED sample has no completionDate; the other ends do.
        if state.is_terminal()
            && state != BackupJobState::Failed
            && let Some(completion) = j.completion
        {
            detail["completionDate"] = json!(detail_date(completion));
        }
        detail["startBy"] = json!(detail_date(j.start_by));
        if state == BackupJobState::Running
            && let Some(expected) = j.expected_completion
        {
            // As the RUNNING sample writes it: "Jul 15, 2020 9:39:07 PM".
            detail["expectedCompletionDate"] =
                json!(time_text::month_day_year_12_hour(&expected.naive_utc()));
        }
        detail["percentDone"] = json!(if made_point { 100 } else { 0 });
        if made_point || state == BackupJobState::Failed {
            detail["retryCount"] = json!(j.retry_count);
        }
        if let Some(by) = &origin.created_by {
            detail["createdBy"] = created_by_json(by);
        }
        let resources = j
            .recovery_point
            .filter(|_| made_point)
            .map(|rp| vec![self.world.recovery_point_arn(rp as usize)])
            .unwrap_or_default();
        (where_.0, where_.1, resources, detail)
    }

    /// A Recovery Point State Change's account, Region, resources and detail.
    fn recovery_point_detail(
        &self,
        recovery_point: usize,
        rp: &RecoveryPoint,
    ) -> (String, String, Vec<String>, Value) {
        let (status, storage_class) = (rp.status, rp.storage_class);
        let vault = &self.world.vaults[rp.vault as usize];
        let resource = &self.world.resources[rp.resource as usize];
        let origin = &self.world.origins[rp.origin as usize];
        let mut lifecycle = serde_json::Map::new();
        if let Some(d) = rp.lifecycle.move_to_cold_storage_after_days {
            lifecycle.insert("moveToColdStorageAfterDays".into(), json!(d));
        }
        if let Some(d) = rp.lifecycle.delete_after_days {
            lifecycle.insert("deleteAfterDays".into(), json!(d));
        }
        let mut calculated = serde_json::Map::new();
        if let Some(t) = rp.move_to_cold_at(resource.service) {
            calculated.insert("moveToColdStorageAt".into(), json!(detail_date(t)));
        }
        if let Some(t) = rp.delete_at() {
            calculated.insert("deleteAt".into(), json!(detail_date(t)));
        }
        let mut detail = json!({
            "backupVaultName": vault.name,
            "backupVaultArn": vault.arn,
            "creationDate": detail_date(rp.creation),
            "iamRoleArn": &*origin.iam_role_arn,
            "resourceType": resource.resource_type.api_name(),
            "resourceArn": resource.arn,
            "status": status.as_str(),
            // The samples write it as a string.
            "isEncrypted": if resource.backups_encrypted() { "true" } else { "false" },
            "storageClass": storage_class.as_str(),
            "completionDate": detail_date(rp.completion()),
        });
        if let Some(by) = &origin.created_by {
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
            vec![self.world.recovery_point_arn(recovery_point)],
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
        let source_vault = &self.world.vaults[j.source_vault];
        // Every copy sample names the source recovery point.
        let source = vec![
            self.world
                .point_arn(j.source_vault, j.resource, j.source_name),
        ];
        let where_ = (source_vault.account.clone(), source_vault.region.clone());
        if state == CopyJobState::Created {
            // The CREATED sample carries only these fields.
            let detail = json!({
                "creationDate": detail_date(j.creation),
                "state": "CREATED",
                "sourceBackupVaultArn": source_vault.arn,
                "destinationBackupVaultArn": self.vault_arn(j.destination_vault_arn),
            });
            return (where_.0, where_.1, source, detail);
        }
        let resource = &self.world.resources[j.resource];
        let origin = &self.world.origins[j.origin as usize];
        let completed = state == CopyJobState::Completed;
        let destination_rp = j
            .destination_recovery_point
            .filter(|_| completed)
            .map(|rp| json!(self.world.recovery_point_arn(rp as usize)))
            // The samples show {} until the copy completes.
            .unwrap_or_else(|| json!({}));
        let mut detail = json!({
            "copyJobId": j.id.to_string(),
            "backupSizeInBytes": j.backup_size_bytes,
            "creationDate": detail_date(j.creation),
            "iamRoleArn": &*origin.iam_role_arn,
            "resourceArn": resource.arn,
            "resourceType": resource.resource_type.api_name(),
            "sourceBackupVaultArn": source_vault.arn,
            "state": state.as_str(),
        });
        let terminal = state.is_terminal();
        if terminal && !j.status_message.is_empty() {
            detail["statusMessage"] = json!(j.status_message);
        }
        if terminal && let Some(completion) = j.completion {
            detail["completionDate"] = json!(detail_date(completion));
        }
        detail["destinationBackupVaultArn"] = json!(self.vault_arn(j.destination_vault_arn));
        detail["destinationRecoveryPointArn"] = destination_rp;
        if let Some(by) = &origin.created_by {
            detail["createdBy"] = created_by_json(by);
        }
        (where_.0, where_.1, source, detail)
    }

    /// A Restore Job State Change's account, Region, resources and detail. The samples' shape:
    /// CREATED carries `state` and three fields; later states carry `status` (as the API's
    /// RestoreJobStatus does), and COMPLETED adds where from and what was made.
    fn restore_job_detail(
        &self,
        job: usize,
        state: RestoreJobState,
    ) -> (String, String, Vec<String>, Value) {
        let j = &self.restore_jobs[job];
        let vault = &self.world.vaults[j.vault];
        let resource = &self.world.resources[j.resource];
        let where_ = (vault.account.clone(), vault.region.clone());
        let resources = vec![j.recovery_point_arn.clone()];
        if state == RestoreJobState::Created {
            let detail = json!({
                "restoreJobId": j.id.to_string(),
                "creationDate": detail_date(j.creation),
                "state": "CREATED",
            });
            return (where_.0, where_.1, resources, detail);
        }
        let mut detail = json!({"restoreJobId": j.id.to_string()});
        if state == RestoreJobState::Completed {
            detail["backupVaultArn"] = json!(vault.arn);
            detail["recoveryPointArn"] = json!(j.recovery_point_arn);
            detail["sourceResourceArn"] = json!(resource.arn);
        }
        detail["backupSizeInBytes"] = json!(j.backup_size_bytes.to_string());
        detail["creationDate"] = json!(detail_date(j.creation));
        detail["iamRoleArn"] = json!(&*j.iam_role_arn);
        // Every restore sample, COMPLETED included, reports percentDone 0.
        detail["percentDone"] = json!(0);
        detail["resourceType"] = json!(resource.resource_type.api_name());
        detail["status"] = json!(state.as_str());
        if state.is_terminal() && !j.status_message.is_empty() {
            detail["statusMessage"] = json!(j.status_message);
        }
        if state == RestoreJobState::Completed {
            if let Some(arn) = &j.created_resource_arn {
                detail["createdResourceArn"] = json!(arn);
            }
            // A restore test's COMPLETED event names its plan: AWS's validation sample reads
            // `event.detail.restoreTestingPlanArn` (dg:restore-testing-validation.html).
            if let Some(test) = &j.test {
                detail["restoreTestingPlanArn"] = json!(&*test.plan_arn);
            }
            if let Some(completion) = j.completion {
                detail["completionDate"] = json!(detail_date(completion));
            }
        }
        (where_.0, where_.1, resources, detail)
    }

    /// A Backup Vault State Change: MODIFIED, with isLocked as the sample writes it (a string),
    /// or DELETED with only the vault's name, as its sample.
    fn vault_detail(
        &self,
        vault: usize,
        change: VaultChange,
    ) -> (String, String, Vec<String>, Value) {
        let v = &self.world.vaults[vault];
        let detail = match change {
            VaultChange::Locked(locked) => json!({
                "backupVaultName": v.name,
                "state": "MODIFIED",
                "isLocked": if locked { "true" } else { "false" },
            }),
            VaultChange::Deleted => json!({
                "backupVaultName": v.name,
                "state": "DELETED",
            }),
        };
        (
            v.account.clone(),
            v.region.clone(),
            vec![v.arn.clone()],
            detail,
        )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_stays_small() {
        // Millions of events are made a simulated year: each keeps only what may change.
        assert!(
            std::mem::size_of::<Event>() <= 40,
            "{}",
            std::mem::size_of::<Event>()
        );
    }
}
