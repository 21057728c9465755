//! Backup jobs: from a rule's run (or an on-demand request) to a recovery point — which rule
//! runs, when a job starts, waits, fails or expires, and the recovery point it leaves. Their
//! states move through the job log (`job_log`), along data/reference/state-machines.json.

use chrono::Duration;

use super::copy::CopyRequest;
use super::job_log::History;
use super::{
    Action, BackupJob, BackupJobState, RULE_JOBS_PER_STEP, RunningJob, Simulation, lock_refuses,
    timing,
};
use crate::services::Feature;
use crate::world::{Lifecycle, RecoveryPoint, RecoveryPointStatus, StorageClass, Vault};

/// What a new backup job is for.
pub(super) struct BackupRequest {
    pub resource: usize,
    pub vault_arn: u32,
    pub origin: u32,
    pub start_window: Duration,
    pub completion_window: Duration,
    pub lifecycle: Lifecycle,
    pub rule: Option<(usize, usize)>,
    pub continuous: bool,
    /// The logically air-gapped vault the backup is for, when the job makes a temporary point
    /// to copy there (see [`Simulation::run_rule`]).
    pub air_gapped_target: Option<u32>,
}

impl Simulation {
    /// A rule's scheduled run: one backup job per resource its plan's selections pick, in the
    /// plan's account and Region, unless an overlapping rule of the plan keeps its backups
    /// longer.
    ///
    /// With a logically air-gapped vault as the rule's primary target
    /// (`TargetLogicallyAirGappedBackupVaultArn`), "resource types that support full AWS Backup
    /// management" back up straight into it: "No recovery point is created in your backup vault,
    /// and no copy operation is required". The others make a temporary recovery point in the
    /// rule's backup vault, marked `DELETE_AFTER_COPY`, copy it into the air-gapped vault and
    /// delete it once copied (dg:lag-vault-primary-backup.html).
    pub(super) fn run_rule(&mut self, plan: usize, rule: usize) {
        let now = self.now;
        self.schedule_rule(plan, rule, now);
        let overlapped = self.overlapped_by_longer_rule(plan, rule);
        self.plans[plan].rules[rule].last_run = Some(now);
        if overlapped {
            return;
        }
        self.rule_jobs(plan, rule, 0);
    }

    /// The jobs of a rule run for its selected resources from the `from`-th on, at most
    /// [`RULE_JOBS_PER_STEP`] of them; the rest continue first at the same instant.
    pub(super) fn rule_jobs(&mut self, plan: usize, rule: usize, from: usize) {
        let selected = self.plans[plan].selected.len();
        let to = selected.min(from + RULE_JOBS_PER_STEP);
        if to < selected {
            self.queue.push_first(
                self.now,
                Action::RuleJobs {
                    plan: plan as u32,
                    rule: rule as u32,
                    from: to as u32,
                },
            );
        }
        let run = &self.plans[plan];
        let spec = &run.plan.rules[rule];
        let arn = Vault::arn_of(&run.account, &run.region, &spec.target_backup_vault_name);
        let lifecycle = spec.lifecycle.clone().unwrap_or_default();
        let (start_window, completion_window) = (
            Duration::minutes(spec.start_window_minutes),
            Duration::minutes(spec.completion_window_minutes),
        );
        let wants_continuous = spec.enable_continuous_backup;
        let air_gapped = spec.target_logically_air_gapped_backup_vault_arn.clone();
        let vault_arn = self.vault_arn_id(&arn);
        let air_gapped = air_gapped.map(|arn| self.vault_arn_id(&arn));
        let lifecycle = Lifecycle::from_plan(&lifecycle);
        for i in from..to {
            let resource = self.plans[plan].selected[i];
            let service = self.world.resources[resource].service;
            // "AWS Backup supports continuous backups … for … Amazon S3, RDS, Aurora, SAP HANA
            // on Amazon EC2 instances": elsewhere a continuous rule takes snapshots.
            let continuous = wants_continuous && service.supports(Feature::Continuous);
            let (vault_arn, air_gapped_target) = match air_gapped {
                Some(lag) if service.fully_managed() => (lag, None),
                Some(lag) => (vault_arn, Some(lag)),
                None => (vault_arn, None),
            };
            self.create_backup_job(BackupRequest {
                resource,
                vault_arn,
                origin: self.plans[plan].rules[rule].origins[i],
                start_window,
                completion_window,
                lifecycle,
                rule: Some((plan, rule)),
                continuous,
                air_gapped_target,
            });
        }
    }

    /// "If you have a backup plan with multiple rules and the time frames of the two rules
    /// overlap, AWS Backup optimizes the backup and takes a backup for the rule with the longer
    /// retention time. The optimization takes into account the full start window." Start
    /// windows are taken as half-open, so a window ending as another begins does not overlap;
    /// rules of equal retention both run (AWS does not say which would win).
    fn overlapped_by_longer_rule(&self, plan: usize, rule: usize) -> bool {
        let run = &self.plans[plan];
        let retention = |r: usize| {
            let days = run.plan.rules[r]
                .lifecycle
                .as_ref()
                .and_then(|l| l.delete_after_days)
                .filter(|d| *d > 0);
            // Kept indefinitely is the longest retention of all.
            days.unwrap_or(i64::MAX)
        };
        let window = |r: usize| Duration::minutes(run.plan.rules[r].start_window_minutes);
        let (start, end) = (self.now, self.now + window(rule));
        (0..run.rules.len())
            .filter(|&other| other != rule && retention(other) > retention(rule))
            .any(|other| {
                let last = run.rules[other]
                    .last_run
                    .is_some_and(|t| t <= start && start < t + window(other));
                let next = run.rules[other]
                    .schedule
                    .next_after(start - Duration::seconds(1))
                    .is_some_and(|t| t < end);
                last || next
            })
    }

    /// Creates a backup job in CREATED; it tries to start shortly after.
    pub(super) fn create_backup_job(&mut self, request: BackupRequest) -> usize {
        let now = self.now;
        let vault = self.vault_at(request.vault_arn);
        let id = self.random.uuid_bits();
        self.create_job(BackupJob {
            id,
            state: BackupJobState::Created,
            history: History::new(now, BackupJobState::Created),
            resource: request.resource,
            vault,
            vault_arn: request.vault_arn,
            origin: request.origin,
            creation: now,
            start_by: now + request.start_window,
            complete_by: now + request.completion_window,
            completion: None,
            backup_size_bytes: 0,
            bytes_transferred: 0,
            status_message: String::new(),
            lifecycle: request.lifecycle,
            rule: request.rule,
            continuous: request.continuous,
            air_gapped_target: request.air_gapped_target,
            recovery_point: None,
            retry_count: 0,
            expected_completion: None,
        })
    }

    /// CREATED to PENDING when the resource is free; otherwise wait and retry "at least every 10
    /// minutes" until StartBy, then EXPIRED.
    pub(super) fn start_backup(&mut self, job: usize) {
        let now = self.now;
        let j = &self.backup_jobs[job];
        if j.state != BackupJobState::Created {
            return;
        }
        let (resource, start_by) = (j.resource, j.start_by);
        // AWS's EXPIRED sample: "Backup job failed because there was a running job for the
        // same resource."
        let blocked = if self.tracked(resource).running.is_some() {
            Some("Backup job failed because there was a running job for the same resource.")
        } else if self.faults.busy(resource, now) {
            Some(
                "Backup job could not start before its start window ended: the resource was \
                 busy (a vaultsim fault).",
            )
        } else if self
            .faults
            .outage(&self.world.resources[resource].region, now)
        {
            Some(
                "Backup job could not start before its start window ended: AWS Backup was \
                 unavailable in the Region (a vaultsim fault).",
            )
        } else {
            None
        };
        if let Some(message) = blocked {
            // Every 10 minutes, and once more just before StartBy: a resource freed in the
            // window's last minutes still gets its backup ("retries until StartBy").
            let retry = (now + Duration::minutes(10)).min(start_by - Duration::seconds(1));
            if retry > now {
                self.backup_jobs[job].retry_count += 1;
                self.at(retry, Action::StartBackup { job });
            } else {
                self.at(start_by.max(now), Action::ExpireBackup { job });
                self.backup_jobs[job].status_message = message.to_string();
            }
            return;
        }
        self.tracked(resource).running = Some(RunningJob::Backup(job));
        self.set_state(job, BackupJobState::Pending);
        let wait = timing::short_wait(&mut self.random);
        self.at(now + wait, Action::RunBackup { job });
    }

    /// PENDING to RUNNING; the job finishes after its modelled duration, unless the completion
    /// window ends first.
    pub(super) fn run_backup(&mut self, job: usize) {
        let now = self.now;
        if self.backup_jobs[job].state != BackupJobState::Pending {
            return;
        }
        let last = self.tracked(self.backup_jobs[job].resource).last_backup;
        let j = &self.backup_jobs[job];
        let resource = &self.world.resources[j.resource];
        let days_since = last.map(|last| (now - last).num_seconds() as f64 / 86_400.0);
        let bytes = timing::backup_bytes(resource.size_gb, resource.daily_change_rate, days_since);
        let duration = timing::backup_duration(resource.resource_type, bytes, &mut self.random);
        let complete_by = j.complete_by;
        self.backup_jobs[job].backup_size_bytes = bytes;
        self.backup_jobs[job].expected_completion = Some(now + duration);
        self.set_state(job, BackupJobState::Running);
        if self.backup_jobs[job].vault.is_none() {
            // The target vault does not exist: the job fails as soon as it runs.
            self.at(now + Duration::seconds(1), Action::FinishBackup { job });
        } else if now + duration > complete_by {
            // Past the completion window "it will be canceled by Backup"; a job that starts
            // after its window has closed (a start window longer than the completion window)
            // expires at once.
            self.at(complete_by.max(now), Action::ExpireBackup { job });
        } else {
            self.at(now + duration, Action::FinishBackup { job });
        }
    }

    /// EXPIRED: not started by StartBy, or still running when the completion window ended.
    pub(super) fn expire_backup(&mut self, job: usize) {
        let j = &mut self.backup_jobs[job];
        match j.state {
            BackupJobState::Created => {}
            BackupJobState::Running => {
                // The text users report for a job canceled at the end of its completion window
                // (data/reference/docs/engine-behaviour.md, "Completion window expiry").
                j.status_message = "Backup job expired before completion.".to_string();
            }
            _ => return,
        }
        self.set_state(job, BackupJobState::Expired);
    }

    /// ABORTING to ABORTED, with the sample's message.
    pub(super) fn abort_backup(&mut self, job: usize) {
        if self.backup_jobs[job].state != BackupJobState::Aborting {
            return;
        }
        self.backup_jobs[job].status_message = "Backup job was stopped by user.".to_string();
        self.set_state(job, BackupJobState::Aborted);
    }

    /// RUNNING to COMPLETED with a recovery point, or FAILED when its vault does not exist, its
    /// vault lock refuses its retention, or a fault fails it.
    pub(super) fn finish_backup(&mut self, job: usize) {
        let now = self.now;
        if self.backup_jobs[job].state != BackupJobState::Running {
            return;
        }
        let j = &self.backup_jobs[job];
        let resource = j.resource;
        let Some(vault) = j.vault else {
            let message = format!(
                "Backup job failed because backup vault {} does not exist.",
                self.vault_arn(j.vault_arn)
            );
            self.fail_backup(job, message);
            return;
        };
        let lifecycle = j.lifecycle;
        if let Some(message) = lock_refuses(&self.world.vaults[vault], lifecycle.retention_days()) {
            self.fail_backup(job, message);
            return;
        }
        let resource_type = self.world.resources[resource].resource_type;
        let j = &self.backup_jobs[job];
        if !j.continuous
            && let Some(key) = self.windows.conflict(resource, j.creation)
        {
            let window = self.world.resources[resource]
                .configuration
                .get(key)
                .map_or("", String::as_str);
            let message = format!(
                "Backup job failed: it was scheduled during or within an hour before the \
                 database's {key} ({window} UTC) (vaultsim's words)."
            );
            self.fail_backup(job, message);
            return;
        }
        let fault = self
            .faults
            .fails(resource, resource_type, now, &mut self.random);
        // A CloudFormation stack's backup is composite: a failure inside it leaves a PARTIAL job
        // and recovery point ("a composite recovery point has one or more nested recovery points
        // that were not in the backup"), which AWS retains.
        let partial = match fault {
            Some(message) if resource_type.backs_up_as_composite() => {
                self.backup_jobs[job].status_message = message.replace(
                    "An internal error occurred while backing up the resource",
                    "Some nested resources of the stack were not backed up",
                );
                true
            }
            Some(message) => {
                self.fail_backup(job, message);
                return;
            }
            None => false,
        };
        let current = self.tracked(resource).continuous;
        let j = &self.backup_jobs[job];
        let (continuous, bytes) = (j.continuous, j.backup_size_bytes);
        let air_gapped_target = j.air_gapped_target;
        let (recovery_point, updated) = match current {
            // "The continuous backup plan creates one continuous recovery point and updates that
            // recovery point whenever the job runs."
            Some(rp)
                if continuous
                    && self
                        .world
                        .recovery_points
                        .get(rp as usize)
                        .is_some_and(|p| !p.is_deleted()) =>
            {
                let point = &mut self.world.recovery_points[rp as usize];
                point.completed_after_seconds = RecoveryPoint::seconds_between(point.creation, now);
                let before = point.size_bytes;
                point.size_bytes = bytes;
                point.corrupted |= self.faults.is_corrupted(resource);
                self.meter_resized_point(rp, before);
                (rp, true)
            }
            _ => {
                let rp = self.world.recovery_points.push(RecoveryPoint {
                    job_id: j.id,
                    creation: j.creation,
                    completed_after_seconds: RecoveryPoint::seconds_between(j.creation, now),
                    size_bytes: bytes,
                    vault: vault as u32,
                    resource: resource as u32,
                    origin: j.origin,
                    copied_from: None,
                    lifecycle,
                    status: if partial {
                        RecoveryPointStatus::Partial
                    } else {
                        RecoveryPointStatus::Completed
                    },
                    storage_class: StorageClass::Warm,
                    continuous,
                    legal_holds: 0,
                    corrupted: self.faults.is_corrupted(resource),
                    delete_after_copy: air_gapped_target.is_some(),
                });
                if continuous {
                    self.tracked(resource).continuous = Some(rp);
                }
                self.meter_new_point(rp);
                self.schedule_lifecycle(rp);
                (rp, false)
            }
        };
        let j = &mut self.backup_jobs[job];
        j.recovery_point = Some(recovery_point);
        j.bytes_transferred = bytes;
        let (rule, origin) = (j.rule, j.origin);
        self.tracked(resource).last_backup = Some(now);
        let state = if partial {
            BackupJobState::Partial
        } else {
            BackupJobState::Completed
        };
        self.set_state(job, state);
        // A continuous point's update is no new state: AWS documents no Recovery Point State
        // Change for it (data/reference/events/backup-eventbridge-samples.json).
        if !updated {
            self.record_recovery_point(recovery_point);
        }
        // Copy actions copy complete recovery points (a model assumption for PARTIAL ones).
        let rule = rule.filter(|_| !partial);
        if let Some(air_gapped) = air_gapped_target {
            // The temporary point goes to the air-gapped vault first; the rule's copy actions
            // then copy the point there, the backup's point of record.
            self.create_copy(CopyRequest {
                source: recovery_point,
                destination_vault_arn: air_gapped,
                lifecycle,
                origin,
                then_copy_actions_of: rule.map(|(p, r)| (p as u32, r as u32)),
                delete_source_when_copied: true,
            });
        } else if let Some((plan, rule)) = rule {
            self.run_copy_actions(recovery_point, plan, rule, origin);
        }
    }

    /// A rule's copy actions, from a recovery point of the rule's: each into its destination,
    /// with the action's lifecycle or, without one, the point's (COPY-2).
    pub(super) fn run_copy_actions(
        &mut self,
        recovery_point: u32,
        plan: usize,
        rule: usize,
        origin: u32,
    ) {
        let lifecycle = self.world.recovery_points[recovery_point as usize].lifecycle;
        for copy in 0..self.plans[plan].rules[rule].copy_destinations.len() {
            let destination = self.plans[plan].rules[rule].copy_destinations[copy];
            let action = &self.plans[plan].plan.rules[rule].copy_actions[copy];
            let kept = match &action.lifecycle {
                Some(l) => Lifecycle::from_plan(l),
                None => lifecycle,
            };
            self.create_copy(CopyRequest {
                source: recovery_point,
                destination_vault_arn: destination,
                lifecycle: kept,
                origin,
                then_copy_actions_of: None,
                delete_source_when_copied: false,
            });
        }
    }

    fn fail_backup(&mut self, job: usize, message: String) {
        self.backup_jobs[job].status_message = message;
        self.set_state(job, BackupJobState::Failed);
    }

    /// The latest job of a resource that has not finished, if any.
    pub(super) fn unfinished_job_of(&self, resource: usize) -> Option<usize> {
        self.backup_jobs
            .indexed()
            .rev()
            .find(|(_, j)| j.resource == resource && !j.state.is_terminal())
            .map(|(i, _)| i)
    }
}
