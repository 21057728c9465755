//! Copy jobs: a recovery point into another vault, in the same or another Region or account.
//!
//! What AWS documents, and this follows (data/reference/docs/engine-behaviour.md, "Copies", from
//! dg:recov-point-create-a-copy.html and dg:cross-region-backup.html):
//! - one backup or copy job runs at a time per resource: "Additional copy jobs for the same
//!   resource remain in CREATED status until the running job completes";
//! - a system error puts the copy in "a retry phase that lasts for 2 hours": it stays CREATED and
//!   tries again, and fails only when the two hours are up (the interval between tries is
//!   vaultsim's: 10 minutes, as backup jobs retry);
//! - "backups in cold storage or archive tiers cannot be copied";
//! - a type without cross-Region or cross-account copy cannot be copied at all, "including
//!   same-Region and same-account copies to a different vault";
//! - "The creation date refers to when the source was created, not when the copy was created":
//!   a copy keeps its source's creation date, and its lifecycle counts from it;
//! - a cross-account copy needs both accounts in one AWS Organization and the destination
//!   vault's access policy to allow `backup:CopyIntoBackupVault`, and fails with AWS's text
//!   otherwise.

use chrono::{DateTime, Duration, Utc};

use super::job_log::History;
use super::{Action, CopyJob, CopyJobState, RunningJob, Simulation, lock_refuses, timing};
use crate::policy;
use crate::services::Feature;
use crate::world::{Lifecycle, RecoveryPoint, RecoveryPointStatus, StorageClass};

/// How long a copy that meets a system error is retried before it fails.
const RETRY_PHASE: Duration = Duration::hours(2);

/// How often a copy in its retry phase tries again (vaultsim's choice: AWS gives no interval).
const RETRY_EVERY: Duration = Duration::minutes(10);

/// The text AWS gives when the destination vault's access policy refuses a cross-account copy
/// (repost.aws/knowledge-center/backup-resolve-access-denied-error).
pub const ACCESS_DENIED: &str = "Access Denied trying to call AWS Backup service";

/// The text AWS gives when the two accounts of a cross-account copy are not in one AWS
/// Organization (repost.aws/knowledge-center/backup-troubleshoot-cross-account-copy; observed in
/// aws-solutions-library-samples/account-assessment-for-aws-organizations#57).
pub const NOT_SAME_ORGANIZATION: &str = "Access denied: Copy job failed. Both source and \
     destination account must be a member of the same organization";

/// What a new copy job is for.
pub(super) struct CopyRequest {
    pub source: u32,
    pub destination_vault_arn: u32,
    pub lifecycle: Lifecycle,
    pub origin: u32,
    /// The rule whose copy actions run from the copy once it completes.
    pub then_copy_actions_of: Option<(u32, u32)>,
    /// The source is a temporary point, deleted once copied.
    pub delete_source_when_copied: bool,
}

/// Why a copy cannot start now.
enum Obstacle {
    /// AWS refuses it: the copy fails with this message.
    Refused(String),
    /// A system error (a Region down): retried for two hours.
    SystemError(String),
}

impl Simulation {
    /// Creates a copy job in CREATED; it tries to start shortly after.
    pub(super) fn create_copy(&mut self, request: CopyRequest) -> usize {
        let now = self.now;
        let source = request.source;
        let rp = &self.world.recovery_points[source as usize];
        // A continuous point's data is as of its last update: the copy is a snapshot of that.
        let data_time = if rp.continuous {
            rp.completion()
        } else {
            self.world.data_time(source as usize)
        };
        let id = self.random.uuid_bits();
        self.create_job(CopyJob {
            id,
            state: CopyJobState::Created,
            history: History::new(now, CopyJobState::Created),
            source_recovery_point: source,
            source_name: rp.name(),
            source_vault: rp.vault as usize,
            resource: rp.resource as usize,
            destination_vault: self.vault_at(request.destination_vault_arn),
            destination_vault_arn: request.destination_vault_arn,
            origin: request.origin,
            creation: now,
            completion: None,
            backup_size_bytes: rp.size_bytes,
            source_data_time: data_time,
            source_corrupted: rp.corrupted,
            status_message: String::new(),
            lifecycle: request.lifecycle,
            destination_recovery_point: None,
            then_copy_actions_of: request.then_copy_actions_of,
            delete_source_when_copied: request.delete_source_when_copied,
            retrying_since: None,
        })
    }

    /// CREATED to RUNNING; or FAILED when AWS refuses the copy; or still CREATED, retried,
    /// while a Region is down (for up to two hours) or another job of the resource runs.
    pub(super) fn start_copy(&mut self, job: usize) {
        let now = self.now;
        if self.copy_jobs[job].state != CopyJobState::Created {
            return;
        }
        match self.copy_obstacle(job) {
            Some(Obstacle::Refused(message)) => {
                self.copy_jobs[job].status_message = message;
                self.set_state(job, CopyJobState::Failed);
                return;
            }
            Some(Obstacle::SystemError(problem)) => {
                let since = *self.copy_jobs[job].retrying_since.get_or_insert(now);
                let j = &mut self.copy_jobs[job];
                if now >= since + RETRY_PHASE {
                    j.status_message = format!(
                        "Copy job failed after its 2-hour retry phase: {problem} (vaultsim's words)."
                    );
                    self.set_state(job, CopyJobState::Failed);
                } else {
                    j.status_message = format!(
                        "Waiting in CREATED: {problem}; retried until {} (vaultsim's words).",
                        fmt_time(since + RETRY_PHASE)
                    );
                    let retry = (now + RETRY_EVERY).min(since + RETRY_PHASE);
                    self.at(retry, Action::StartCopy { job });
                }
                return;
            }
            None => {}
        }
        let resource = self.copy_jobs[job].resource;
        if let Some(running) = self.tracked(resource).running {
            if !self.waiting_copies.contains(&(resource, job)) {
                self.waiting_copies.push((resource, job));
            }
            let what = match running {
                RunningJob::Backup(j) => format!("backup job {}", self.backup_jobs[j].id),
                RunningJob::Copy(j) => format!("copy job {}", self.copy_jobs[j].id),
            };
            self.copy_jobs[job].status_message = format!(
                "Waiting in CREATED until {what} of the same resource completes: one backup or \
                 copy job runs at a time per resource (vaultsim's words)."
            );
            return;
        }
        self.tracked(resource).running = Some(RunningJob::Copy(job));
        self.copy_jobs[job].status_message.clear();
        self.set_state(job, CopyJobState::Running);
        let bytes = self.copy_jobs[job].backup_size_bytes;
        let duration = timing::copy_duration(bytes, &mut self.random);
        self.at(now + duration, Action::FinishCopy { job });
    }

    /// What keeps the copy from starting now, if anything.
    fn copy_obstacle(&mut self, job: usize) -> Option<Obstacle> {
        use Obstacle::{Refused, SystemError};
        let j = &self.copy_jobs[job];
        let Some(destination) = j.destination_vault else {
            return Some(Refused(format!(
                "Copy job failed because the destination backup vault {} does not exist \
                 (vaultsim's words).",
                self.vault_arn(j.destination_vault_arn)
            )));
        };
        let from = &self.world.vaults[j.source_vault];
        let to = &self.world.vaults[destination];
        let resource = &self.world.resources[j.resource];
        let (service, name) = (resource.service, || resource.service_name());
        let source = self
            .world
            .recovery_points
            .get(j.source_recovery_point as usize)
            .filter(|s| !s.is_deleted());
        let Some(source) = source else {
            return Some(Refused(
                "Copy job failed because the source recovery point was deleted (vaultsim's \
                 words)."
                    .to_string(),
            ));
        };
        if !service.can_be_copied() {
            return Some(Refused(format!(
                "{} does not support copy operations, including same-Region and \
                 same-account copies to a different vault (vaultsim's words).",
                name()
            )));
        }
        if source.storage_class == StorageClass::Cold {
            return Some(Refused(
                "The source recovery point is in cold storage: backups in cold storage or \
                 archive tiers cannot be copied (vaultsim's words)."
                    .to_string(),
            ));
        }
        if to.region != from.region && !service.supports(Feature::CrossRegionCopy) {
            return Some(Refused(format!(
                "{} recovery points cannot be copied to another Region (vaultsim's words).",
                name()
            )));
        }
        if to.account != from.account && !service.supports(Feature::CrossAccountCopy) {
            return Some(Refused(format!(
                "{} recovery points cannot be copied to another account (vaultsim's words).",
                name()
            )));
        }
        if !self.world.region_enabled(&to.account, &to.region) {
            return Some(Refused(format!(
                "Region {} is not enabled in account {} (vaultsim's words).",
                to.region, to.account
            )));
        }
        if let Some(message) = lock_refuses(to, j.lifecycle.retention_days()) {
            return Some(Refused(message));
        }
        // The limit counts the snapshot's whole data, the volume's, not the increment the copy
        // job moves.
        if to.air_gapped
            && let Some(limit) = resource.resource_type.air_gapped_copy_limit_bytes()
            && resource.size_gb * 1e9 >= limit as f64
        {
            return Some(Refused(
                "EBS backups copied into a logically air-gapped vault must be smaller than 16 TB \
                 (vaultsim's words)."
                    .to_string(),
            ));
        }
        if to.account != from.account
            && let Some(message) = self.cross_account_refusal(job, destination)
        {
            return Some(Refused(message));
        }
        let (from, to) = (
            &self.world.vaults[self.copy_jobs[job].source_vault],
            &self.world.vaults[destination],
        );
        for region in [&from.region, &to.region] {
            if self.faults.outage(region, self.now) {
                return Some(SystemError(format!(
                    "AWS Backup is unavailable in {region} (a vaultsim fault)"
                )));
            }
        }
        None
    }

    /// A cross-account copy's refusal, if AWS refuses it: the accounts are not in one AWS
    /// Organization, or the destination vault's access policy does not allow the source account
    /// `backup:CopyIntoBackupVault`. Either is audited as AWS Backup's own access decision.
    fn cross_account_refusal(&mut self, job: usize, destination: usize) -> Option<String> {
        let j = &self.copy_jobs[job];
        let (from, to) = (
            &self.world.vaults[j.source_vault],
            &self.world.vaults[destination],
        );
        // Decided once per pair of vaults: organizations do not change during a run, and a
        // vault whose access policy is replaced (PutBackupVaultAccessPolicy) is decided anew.
        let key = (j.source_vault, destination);
        let (decision, same_organization) =
            match self.copy_access.iter().find(|(k, _, _)| *k == key) {
                Some((_, decision, true)) if decision.is_allowed() => return None,
                Some((_, decision, same)) => (decision.clone(), *same),
                None => {
                    let organization = |account: &str| {
                        self.world
                            .account(account)
                            .and_then(|a| a.organization_id.as_deref())
                    };
                    let same = organization(&from.account)
                        .is_some_and(|o| organization(&to.account) == Some(o));
                    let decision = match &to.access_policy {
                        Some(policy) => policy::evaluate(
                            policy,
                            &from.account,
                            "backup:CopyIntoBackupVault",
                            &to.arn,
                        ),
                        None => policy::Decision::ImplicitlyDenied,
                    };
                    self.copy_access.push((key, decision.clone(), same));
                    (decision, same)
                }
            };
        if same_organization && decision.is_allowed() {
            return None;
        }
        let j = &self.copy_jobs[job];
        let (from, to) = (
            &self.world.vaults[j.source_vault],
            &self.world.vaults[destination],
        );
        let (status, explanation, decision) = if !same_organization {
            (
                NOT_SAME_ORGANIZATION,
                format!(
                    "accounts {} and {} are not members of the same AWS Organization \
                     (vaultsim's words)",
                    from.account, to.account
                ),
                policy::Decision::ImplicitlyDenied,
            )
        } else {
            (
                ACCESS_DENIED,
                format!(
                    "the access policy of backup vault {} does not allow \
                     backup:CopyIntoBackupVault from account {} (vaultsim's words)",
                    to.arn, from.account
                ),
                decision,
            )
        };
        let principal = self.world.origins[j.origin as usize]
            .iam_role_arn
            .to_string();
        let (account, region, vault_arn) = (to.account.clone(), to.region.clone(), to.arn.clone());
        self.audit_service_decision(
            "CopyIntoBackupVault",
            (principal, account, region),
            vault_arn,
            &decision,
            &format!("{status}: {explanation}."),
        );
        Some(status.to_string())
    }

    pub(super) fn finish_copy(&mut self, job: usize) {
        let now = self.now;
        if self.copy_jobs[job].state != CopyJobState::Running {
            return;
        }
        let j = &self.copy_jobs[job];
        let destination = j
            .destination_vault
            .expect("a running copy has a destination");
        // "The creation date refers to when the source was created, not when the copy was
        // created": the copy is dated as its source's data. "When a cross-Region or
        // cross-account copy of a continuous backup is made, the copied recovery point (backup)
        // becomes a snapshot (periodic) backup"; legal holds are not carried to copies.
        let creation = j.source_data_time.min(now);
        let copy = RecoveryPoint {
            job_id: j.id,
            creation,
            completed_after_seconds: RecoveryPoint::seconds_between(creation, now),
            size_bytes: j.backup_size_bytes,
            vault: destination as u32,
            resource: j.resource as u32,
            origin: j.origin,
            copied_from: Some(j.source_recovery_point),
            lifecycle: j.lifecycle,
            status: RecoveryPointStatus::Completed,
            storage_class: StorageClass::Warm,
            continuous: false,
            legal_holds: 0,
            corrupted: j.source_corrupted,
            delete_after_copy: false,
        };
        let (source, origin, then, delete_source) = (
            j.source_recovery_point,
            j.origin,
            j.then_copy_actions_of,
            j.delete_source_when_copied,
        );
        let recovery_point = self.world.recovery_points.push(copy);
        self.meter_new_point(recovery_point);
        self.meter_copy(source, recovery_point);
        self.copy_jobs[job].destination_recovery_point = Some(recovery_point);
        self.set_state(job, CopyJobState::Completed);
        self.record_recovery_point(recovery_point);
        self.schedule_lifecycle(recovery_point);
        if let Some((plan, rule)) = then {
            self.run_copy_actions(recovery_point, plan as usize, rule as usize, origin);
        }
        // A temporary point (DELETE_AFTER_COPY) goes once copied, unless a legal hold keeps it.
        if delete_source
            && self
                .world
                .recovery_points
                .get(source as usize)
                .is_some_and(|p| p.legal_holds == 0)
        {
            self.delete_recovery_point(source);
        }
    }
}

fn fmt_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
