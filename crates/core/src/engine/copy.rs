//! Copy jobs: a recovery point into another vault, in the same or another Region or account.

use super::jobs::History;
use super::{Action, CopyJob, CopyJobState, Simulation, Subject, lock_refuses, timing};
use crate::policy;
use crate::world::{Lifecycle, RecoveryPoint, RecoveryPointStatus, StorageClass};

impl Simulation {
    /// Creates a copy job in CREATED; it starts shortly after.
    pub(super) fn create_copy(
        &mut self,
        source: u32,
        destination_vault_arn: u32,
        lifecycle: Lifecycle,
        origin: u32,
    ) -> usize {
        let now = self.now;
        let rp = &self.world.recovery_points[source as usize];
        // A continuous point's data is as of its last update: the copy is a snapshot of that.
        let data_time = if rp.continuous {
            rp.completion()
        } else {
            self.world.data_time(source as usize)
        };
        let id = self.random.uuid_bits();
        let job = self.copy_jobs.push(CopyJob {
            id,
            state: CopyJobState::Created,
            history: History::new(now, CopyJobState::Created),
            source_recovery_point: source,
            source_name: rp.name(),
            source_vault: rp.vault as usize,
            resource: rp.resource as usize,
            destination_vault: self.vault_at(destination_vault_arn),
            destination_vault_arn,
            origin,
            creation: now,
            completion: None,
            backup_size_bytes: rp.size_bytes,
            source_data_time: data_time,
            source_corrupted: rp.corrupted,
            status_message: String::new(),
            lifecycle,
            destination_recovery_point: None,
        });
        self.counts.copy[CopyJobState::Created as usize] += 1;
        self.record(Subject::CopyJob {
            job,
            state: CopyJobState::Created,
        });
        let wait = timing::short_wait(&mut self.random);
        self.at(now + wait, Action::StartCopy { job });
        job
    }

    fn set_copy_state(&mut self, job: usize, state: CopyJobState) {
        let now = self.now;
        let j = &mut self.copy_jobs[job];
        debug_assert!(j.state.can_become(state), "{:?} -> {state:?}", j.state);
        self.counts.copy[j.state as usize] -= 1;
        self.counts.copy[state as usize] += 1;
        j.state = state;
        j.history.push(now, state);
        if state.is_terminal() {
            j.completion = Some(now);
        }
        self.record(Subject::CopyJob { job, state });
    }

    /// CREATED to RUNNING, or FAILED when AWS would refuse the copy: no such vault, a Region
    /// not enabled, a type without cross-Region or cross-account copy, an access policy that
    /// does not let the source account copy in, a vault lock's bounds, or an outage.
    pub(super) fn start_copy(&mut self, job: usize) {
        let now = self.now;
        if self.copy_jobs[job].state != CopyJobState::Created {
            return;
        }
        if let Some(problem) = self.copy_refused(job) {
            self.copy_jobs[job].status_message = problem;
            self.set_copy_state(job, CopyJobState::Failed);
            return;
        }
        self.set_copy_state(job, CopyJobState::Running);
        let bytes = self.copy_jobs[job].backup_size_bytes;
        let duration = timing::copy_duration(bytes, &mut self.random);
        self.at(now + duration, Action::FinishCopy { job });
    }

    fn copy_refused(&mut self, job: usize) -> Option<String> {
        let j = &self.copy_jobs[job];
        let Some(destination) = j.destination_vault else {
            return Some(format!(
                "Copy job failed because the destination backup vault {} does not exist \
                 (vaultsim's words).",
                self.vault_arn(j.destination_vault_arn)
            ));
        };
        let from = &self.world.vaults[j.source_vault];
        let to = &self.world.vaults[destination];
        let capabilities = self.world.resources[j.resource].capabilities();
        let source = self
            .world
            .recovery_points
            .get(j.source_recovery_point as usize);
        if source.is_none_or(|s| s.is_deleted()) {
            return Some(
                "Copy job failed because the source recovery point was deleted (vaultsim's \
                 words)."
                    .to_string(),
            );
        }
        let service = self.world.resources[j.resource].service_name();
        if to.region != from.region && !capabilities.cross_region_copy {
            return Some(format!(
                "{service} recovery points cannot be copied to another Region (vaultsim's words)."
            ));
        }
        if to.account != from.account && !capabilities.cross_account_copy {
            return Some(format!(
                "{service} recovery points cannot be copied to another account (vaultsim's words)."
            ));
        }
        if !self.world.region_enabled(&to.account, &to.region) {
            return Some(format!(
                "Region {} is not enabled in account {} (vaultsim's words).",
                to.region, to.account
            ));
        }
        for region in [&from.region, &to.region] {
            if self.faults.outage(region, self.now) {
                return Some(format!(
                    "Copy job failed: AWS Backup was unavailable in {region} (a vaultsim fault)."
                ));
            }
        }
        if let Some(message) = lock_refuses(to, j.lifecycle.retention_days()) {
            return Some(message);
        }
        if to.account != from.account {
            // Access policies do not change during a run: decide once per pair of vaults.
            let key = (j.source_vault, destination);
            let cached = self.copy_access.iter().find(|(k, _)| *k == key);
            let decision = match cached {
                Some((_, decision)) => decision.clone(),
                None => {
                    let decision = match &to.access_policy {
                        Some(policy) => policy::evaluate(
                            policy,
                            &from.account,
                            "backup:CopyIntoBackupVault",
                            &to.arn,
                        ),
                        None => policy::Decision::ImplicitlyDenied,
                    };
                    self.copy_access.push((key, decision.clone()));
                    decision
                }
            };
            let j = &self.copy_jobs[job];
            let (from, to) = (
                &self.world.vaults[j.source_vault],
                &self.world.vaults[destination],
            );
            if !decision.is_allowed() {
                let message = format!(
                    "Access denied: the access policy of backup vault {} does not allow \
                     backup:CopyIntoBackupVault from account {} (vaultsim's words).",
                    to.arn, from.account
                );
                let principal = self.world.origins[j.origin as usize]
                    .iam_role_arn
                    .to_string();
                let (account, region, vault_arn) =
                    (to.account.clone(), to.region.clone(), to.arn.clone());
                self.audit_service_decision(
                    "CopyIntoBackupVault",
                    principal,
                    account,
                    region,
                    vault_arn,
                    &decision,
                    &message,
                );
                return Some(message);
            }
        }
        None
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
        // "When a cross-Region or cross-account copy of a continuous backup is made, the copied
        // recovery point (backup) becomes a snapshot (periodic) backup"; legal holds are not
        // carried to copies.
        let copy = RecoveryPoint {
            job_id: j.id,
            creation: now,
            completed_after_seconds: 0,
            data_age_seconds: RecoveryPoint::seconds_between(j.source_data_time, now),
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
        };
        let recovery_point = self.world.recovery_points.push(copy);
        self.copy_jobs[job].destination_recovery_point = Some(recovery_point);
        self.set_copy_state(job, CopyJobState::Completed);
        self.record_recovery_point(recovery_point);
        self.schedule_lifecycle(recovery_point);
    }
}
