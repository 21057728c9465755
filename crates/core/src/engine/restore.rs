//! Restore jobs (their states moving through the job log, `job_log`) and the restore metadata a
//! recovery point offers; what a restore gives back in an incident is `recovery`'s.
//!
//! AWS Backup restores to a new resource with a new ARN and, for databases, a new endpoint; the
//! original is never touched. The guide's exceptions: S3 can restore into an existing bucket,
//! and EFS can restore items into the existing file system. A new name that is already taken
//! fails the job, as the service behind it would refuse it. Which type restores how (its
//! metadata key, whether it restores into the existing resource) is the feature table's
//! (`services`).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use super::job_log::History;
use super::{Action, RestoreJob, RestoreJobState, Simulation, timing};
use crate::restore_testing::TEST_TAG;
use crate::services::{MAX_CONTINUOUS_RETENTION_DAYS, ResourceType};
use crate::world::Resource;

/// What a restore needs: where from, as whom, with which metadata.
pub(super) struct RestoreRequest {
    pub recovery_point: u32,
    pub iam_role_arn: Arc<str>,
    pub metadata: BTreeMap<String, String>,
    pub restore_time: Option<DateTime<Utc>>,
    /// The job's ID when the caller draws it (a restore test's, from its plan's own draws, so
    /// that what else happens in the run does not change it); drawn from the run's otherwise.
    pub id: Option<crate::random::Uuid>,
}

/// The bytes a restore writes: the whole resource as it was backed up (a recovery point's size
/// is what its backup carried, which for an incremental backup is only the changes).
pub(super) fn full_size(resource: &Resource) -> u64 {
    (resource.size_gb * 1e9).round() as u64
}

/// The metadata key's value, in any letter case ("Key values are not case sensitive").
pub(super) fn metadata<'a>(metadata: &'a BTreeMap<String, String>, key: &str) -> Option<&'a str> {
    metadata
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.as_str())
}

/// How far back a continuous backup can restore, and up to when: "going back a maximum of 35
/// days", its retention at most; "Amazon RDS activity allows restores up until the most recent 5
/// minutes of activity; Amazon S3 allows restores up until the most recent 15 minutes".
pub(super) fn restorable_window(
    resource_type: ResourceType,
    creation: DateTime<Utc>,
    retention_days: Option<i64>,
    now: DateTime<Utc>,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let days = retention_days
        .unwrap_or(MAX_CONTINUOUS_RETENTION_DAYS)
        .clamp(1, MAX_CONTINUOUS_RETENTION_DAYS);
    let lag = Duration::minutes(resource_type.continuous_restore_lag_minutes());
    (creation.max(now - Duration::days(days)), now - lag)
}

impl Simulation {
    /// A continuous recovery point's restorable window now, from the earliest time it can
    /// restore to to the latest ([`restorable_window`]: its retention, 1 to 35 days); none for
    /// a snapshot's point.
    pub fn continuous_window(
        &self,
        recovery_point: usize,
    ) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let rp = self.world.recovery_points.get(recovery_point)?;
        if !rp.continuous {
            return None;
        }
        let resource = self.world.resources.get(rp.resource as usize)?;
        Some(restorable_window(
            resource.resource_type,
            rp.creation,
            rp.lifecycle.retention_days(),
            self.now,
        ))
    }

    /// What GetRecoveryPointRestoreMetadata returns for a recovery point: the settings of its
    /// resource as the scenario gives them, and the name the resource had, under the key the
    /// type's restore takes (`DBInstanceIdentifier` for RDS, as the guide's runbook shows).
    /// Restoring with these unchanged reuses the name, which fails for a database or a table:
    /// the runbook's "change DBInstanceIdentifier to a NEW name".
    pub fn restore_metadata(&self, recovery_point: usize) -> BTreeMap<String, String> {
        let rp = &self.world.recovery_points[recovery_point];
        let resource = &self.world.resources[rp.resource as usize];
        let mut metadata = resource.configuration.clone();
        if let Some((key, separator)) = resource.resource_type.restore_name_key() {
            let name = resource.arn.rsplit(separator).next().unwrap_or_default();
            metadata.insert(key.into(), name.into());
        }
        // EFS: "newFileSystem" says whether to restore to a new file system (by default) or
        // items into the existing one.
        if resource.resource_type == ResourceType::Efs {
            metadata.insert("newFileSystem".into(), "true".into());
        }
        metadata
    }

    pub(super) fn create_restore_job(&mut self, request: RestoreRequest) -> usize {
        let now = self.now;
        // The request's metadata over what the recovery point's would be (keys in any case).
        let mut metadata = self.restore_metadata(request.recovery_point as usize);
        for (key, value) in &request.metadata {
            metadata.retain(|k, _| !k.eq_ignore_ascii_case(key));
            metadata.insert(key.clone(), value.clone());
        }
        let rp = &self.world.recovery_points[request.recovery_point as usize];
        let job = RestoreJob {
            id: request.id.unwrap_or_else(|| self.random.uuid_bits()),
            state: RestoreJobState::Created,
            history: History::new(now, RestoreJobState::Created),
            recovery_point: request.recovery_point,
            recovery_point_arn: self
                .world
                .recovery_point_arn(request.recovery_point as usize),
            vault: rp.vault as usize,
            resource: rp.resource as usize,
            iam_role_arn: request.iam_role_arn,
            metadata,
            restore_time: request.restore_time,
            creation: now,
            completion: None,
            backup_size_bytes: rp.size_bytes,
            status_message: String::new(),
            created_resource_arn: None,
            endpoint: None,
            // A point-in-time restore to before the corruption restores clean data.
            corrupted: rp.corrupted
                && !request.restore_time.is_some_and(|t| {
                    self.faults
                        .corrupted_at(rp.resource as usize, now)
                        .is_some_and(|at| t < at)
                }),
            test: None,
        };
        self.create_job(job)
    }

    pub(super) fn start_restore(&mut self, job: usize) {
        if self.restore_jobs[job].state != RestoreJobState::Created {
            return;
        }
        self.set_state(job, RestoreJobState::Pending);
        let wait = timing::short_wait(&mut self.random);
        self.at(self.now + wait, Action::RunRestore { job });
    }

    /// PENDING to RUNNING, or FAILED when the new resource's name is taken, the recovery point
    /// is gone, or the Region is down.
    pub(super) fn run_restore(&mut self, job: usize) {
        let now = self.now;
        if self.restore_jobs[job].state != RestoreJobState::Pending {
            return;
        }
        if let Some(message) = self.restore_refused(job) {
            self.restore_jobs[job].status_message = message;
            self.set_state(job, RestoreJobState::Failed);
            return;
        }
        self.set_state(job, RestoreJobState::Running);
        let j = &self.restore_jobs[job];
        let resource_type = self.world.resources[j.resource].resource_type;
        let restored_bytes = full_size(&self.world.resources[j.resource]);
        let duration =
            timing::restore_duration(resource_type, restored_bytes, Some(&mut self.random));
        self.at(now + duration, Action::FinishRestore { job });
    }

    fn restore_refused(&self, job: usize) -> Option<String> {
        let j = &self.restore_jobs[job];
        let vault = &self.world.vaults[j.vault];
        let point = self.world.recovery_points.get(j.recovery_point as usize);
        if point.is_none_or(|p| p.is_deleted()) {
            return Some(format!(
                "Recovery point {} was deleted before the restore ran (vaultsim's words).",
                j.recovery_point_arn
            ));
        }
        if self.faults.outage(&vault.region, self.now) {
            return Some(format!(
                "AWS Backup was unavailable in {} (a vaultsim fault).",
                vault.region
            ));
        }
        let (arn, _) = self.restored_resource(job);
        let source = &self.world.resources[j.resource];
        let resource_type = source.resource_type;
        let existing_allowed = resource_type.restores_into_existing();
        // A restore running to the same name has created its resource already (AWS makes it
        // at the start, in a "creating" state): the name is taken as surely as by a finished one.
        let claimed = || {
            self.restore_jobs.indexed().any(|(other, o)| {
                other != job
                    && o.state == RestoreJobState::Running
                    && self.restored_resource(other).0 == arn
            })
        };
        if !existing_allowed && (self.world.resource_by_arn(&arn).is_some() || claimed()) {
            let (what, fault) = resource_type.restore_name_taken();
            let name = arn.rsplit([':', '/']).next().unwrap_or(&arn);
            return Some(format!(
                "{fault}: a {what} named {name} already exists in {} (vaultsim's words). \
                 Restore with a new {} in the metadata.",
                vault.region,
                resource_type.restore_new_name_key().unwrap_or("name")
            ));
        }
        None
    }

    /// The ARN of the resource a restore makes (or restores into), and its endpoint: the name
    /// the metadata gives, or for S3 the source bucket and for EFS with `newFileSystem` false
    /// the source file system (restores into the existing resource), or a new name.
    fn restored_resource(&self, job: usize) -> (String, Option<String>) {
        let j = &self.restore_jobs[job];
        let source = &self.world.resources[j.resource];
        let vault = &self.world.vaults[j.vault];
        // A restore makes its resource in the recovery point's account and Region.
        let (region, account) = (&vault.region, &vault.account);
        let new_id = j.id.derive(2);
        let resource_type = source.resource_type;
        let key = resource_type.restore_name_key();
        // The source's own name or ID: what a restore into the existing resource writes to.
        let existing = || {
            let separator = key.map_or('/', |(_, separator)| separator);
            source
                .arn
                .rsplit(separator)
                .next()
                .unwrap_or_default()
                .to_string()
        };
        let new_name = || {
            let (prefix, digits) = resource_type.new_name_format()?;
            Some(format!("{prefix}{}", new_id.hex(digits)))
        };
        let name = if resource_type == ResourceType::Efs {
            // EFS restores to a new file system unless `newFileSystem` is false.
            let into_existing = metadata(&j.metadata, "newFileSystem")
                .is_some_and(|v| v.eq_ignore_ascii_case("false"));
            if into_existing {
                Some(existing())
            } else {
                new_name()
            }
        } else {
            match key.and_then(|(key, _)| metadata(&j.metadata, key)) {
                Some(name) => Some(name.to_string()),
                None if resource_type.restores_into_existing() => Some(existing()),
                None => new_name(),
            }
        };
        let made = name.and_then(|name| {
            let arn = resource_type.arn_of(region, account, &name)?;
            Some((arn, resource_type.endpoint(&name, &new_id.hex(12), region)))
        });
        made.unwrap_or_else(|| (format!("{}-restored-{}", source.arn, new_id.hex(8)), None))
    }

    /// RUNNING to COMPLETED: the new resource exists (untagged, so no plan selects it).
    pub(super) fn finish_restore(&mut self, job: usize) {
        if self.restore_jobs[job].state != RestoreJobState::Running {
            return;
        }
        let (arn, endpoint) = self.restored_resource(job);
        let j = &self.restore_jobs[job];
        // A restore writes the whole resource.
        let (point, bytes) = (
            j.recovery_point,
            full_size(&self.world.resources[j.resource]),
        );
        self.meter_restore(point, bytes);
        if self.restore_jobs[job].test.is_some() {
            self.meter_restore_test(point);
        }
        let j = &self.restore_jobs[job];
        let source = &self.world.resources[j.resource];
        if self.world.resource_by_arn(&arn).is_none() {
            let vault = &self.world.vaults[j.vault];
            // A restore test's resource carries the tag AWS Backup deletes it by (its value
            // here, the plan's ARN, is vaultsim's).
            let tags = match &j.test {
                Some(test) => [(TEST_TAG.to_string(), test.plan_arn.to_string())].into(),
                None => Default::default(),
            };
            let restored = Resource {
                arn: arn.clone(),
                name: format!("{} (restored)", source.name),
                resource_type: source.resource_type,
                account: vault.account.clone(),
                region: vault.region.clone(),
                tags,
                size_gb: source.size_gb,
                daily_change_rate: source.daily_change_rate,
                configuration: source.configuration.clone(),
                service: source.service,
            };
            self.windows.add(self.world.resources.len(), &restored);
            self.world.resources.push(restored);
        }
        let j = &mut self.restore_jobs[job];
        j.created_resource_arn = Some(arn);
        j.endpoint = endpoint;
        self.set_state(job, RestoreJobState::Completed);
        self.restore_test_completed(job);
    }

    /// When `resource` was corrupted, if a fault corrupted it by now.
    pub fn corruption_of(&self, resource: usize) -> Option<DateTime<Utc>> {
        self.faults.corrupted_at(resource, self.now)
    }
}
