//! The decisions on a scenario's API calls: each call, made at its time by its caller in its
//! account and Region, is allowed or refused as AWS Backup would, with the API's exception
//! names; what it does when allowed (a job, a deletion, a lock, a legal hold) is done here and
//! in the files of each kind of job. Reading the requests is the scenario's
//! (`scenario::requests`); the answers go to the audit trail (`audit`).
//!
//! A model assumption, said here and in the audit entries' help: the caller's own IAM policies
//! allow every `backup:` action; what refuses a call is AWS Backup's rules (vault locks, legal
//! holds, states, limits) and the target vault's access policy.

use std::sync::Arc;

use chrono::{DateTime, Duration, SecondsFormat, Utc};

use serde_json::{Value, json};

use super::answers::{Answer, Caller, ServiceError};
use super::backup::BackupRequest;
use super::copy::CopyRequest;
use super::restore::{RestoreRequest, restorable_window};
use super::{Action, BackupJobState, Simulation, Subject, VaultChange, timing};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::policy;
use crate::scenario::Scenario;
use crate::scenario::requests::{
    self, CancelLegalHold, CreateLegalHold, LifecycleInput, PointInVault, PointRef,
    PutBackupVaultAccessPolicy, PutBackupVaultLockConfiguration, Request, StartBackupJob,
    StartCopyJob, StartRestoreJob, StopBackupJob, UpdateRecoveryPointLifecycle, VaultName,
};
use crate::world::{LegalHold, LegalHoldStatus, StorageClass, VaultLock, World};

/// The calls the console makes and answers; the other operations are read, then refused as not
/// simulated yet.
const CALLS_ANSWERED: &[&str] = &[
    "StartBackupJob",
    "StartCopyJob",
    "StartRestoreJob",
    "UpdateRecoveryPointLifecycle",
    "CreateLegalHold",
    "DeleteRecoveryPoint",
    "DeleteBackupVault",
    "PutBackupVaultAccessPolicy",
    "PutBackupVaultLockConfiguration",
    "DeleteBackupVaultLockConfiguration",
    "StopBackupJob",
    "CancelLegalHold",
];

/// A call made from the console: when, as whom, what. Kept so that a run taken again from its
/// start makes it again at the same moment, after the same actions, as the first time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MadeCall {
    pub at: DateTime<Utc>,
    pub caller: Caller,
    pub operation: String,
    pub input: Value,
}

impl MadeCall {
    /// The call as a share link carries it (vaultsim's own form): `{"At", "Account", "Region",
    /// "Operation", "Input"}`.
    pub fn to_json(&self) -> Value {
        json!({
            "At": self.at.to_rfc3339_opts(SecondsFormat::Secs, true),
            "Account": self.caller.account,
            "Region": self.caller.region,
            "Operation": self.operation,
            "Input": self.input,
        })
    }

    /// A call read back from [`MadeCall::to_json`]'s form; `None` if it is not one (a link
    /// edited by hand): such a call is left out, and the call itself decides the rest, as any
    /// call is decided.
    pub fn from_json(value: &Value) -> Option<MadeCall> {
        let text = |key: &str| value.get(key).and_then(Value::as_str);
        Some(MadeCall {
            at: crate::scenario::parse_time(text("At")?)?,
            caller: Caller {
                account: text("Account")?.to_string(),
                region: text("Region")?.to_string(),
            },
            operation: text("Operation")?.to_string(),
            input: value.get("Input").filter(|i| i.is_object())?.clone(),
        })
    }
}

/// A call to make: when, by whom, where, what.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Call {
    pub at: DateTime<Utc>,
    principal: String,
    account: String,
    region: String,
    name: &'static str,
    request: Request,
}

/// The scenario's operations as calls: each request read, its caller's account (the
/// principal's, or the scenario's first) and Region (the account's first) worked out. A
/// malformed one is a diagnostic at its place (a scenario read from JSON reports each in place;
/// this catches scenarios built otherwise).
pub(super) fn calls(scenario: &Scenario, world: &World, errors: &mut Vec<Diagnostic>) -> Vec<Call> {
    let mut calls = Vec::new();
    for (i, op) in scenario.operations.iter().enumerate() {
        let pointer = format!("/Operations/{i}");
        let Some(at) = op.at.time() else {
            continue; // The scenario check reports the time.
        };
        let (name, request) = match requests::read(&op.operation, &op.input) {
            Ok(read) => read,
            Err((member, message, help)) => {
                errors.push(
                    Diagnostic::error(codes::SCENARIO_OPERATION, 0..0, message)
                        .with_help(help)
                        .at(format!("{pointer}/{member}")),
                );
                continue;
            }
        };
        let principal_account = (op.principal.as_deref())
            .and_then(|p| p.split(':').nth(4))
            .filter(|a| !a.is_empty());
        let Caller { account, region } = Caller::of(world, principal_account, op.region.as_deref());
        let principal = op
            .principal
            .clone()
            .unwrap_or_else(|| format!("arn:aws:iam::{account}:root"));
        calls.push(Call {
            at,
            principal,
            account,
            region,
            name,
            request,
        });
    }
    calls
}

/// A refusal: the exception AWS answers with and why.
pub(super) type Refusal = (&'static str, String);

/// What a change made, to audit: what happened, and the ARNs it was about.
pub(super) type Done = (String, Vec<String>);

/// A console change's answer as [`Simulation::console_change`] takes it: a response is the
/// change made, audited as `done` says; anything else is not.
pub(super) fn made(
    answer: Answer,
    done: impl FnOnce(&Value) -> Done,
) -> Result<(Answer, Done), Answer> {
    match &answer {
        Answer::Response(response) => {
            let done = done(response);
            Ok((answer, done))
        }
        _ => Err(answer),
    }
}

fn refuse<T>(error_code: &'static str, message: impl Into<String>) -> Result<T, Refusal> {
    Err((error_code, message.into()))
}

/// "This parameter has a maximum value of 100 years (52,560,000 minutes)."
const MAX_WINDOW_MINUTES: i64 = 52_560_000;

/// The Lifecycle's documented bounds: each value 1 to 36,500 days, or -1 for both (keep
/// indefinitely); deletion at least 90 days after the move to cold storage.
fn check_lifecycle(lifecycle: &LifecycleInput) -> Result<(), Refusal> {
    for (name, days) in [
        (
            "MoveToColdStorageAfterDays",
            lifecycle.move_to_cold_storage_after_days,
        ),
        ("DeleteAfterDays", lifecycle.delete_after_days),
    ] {
        if let Some(d) = days
            && d != -1
            && !(1..=36_500).contains(&d)
        {
            return refuse(
                "InvalidParameterValueException",
                format!("Invalid lifecycle. {name} cannot be less than 1 or more than 36500 days."),
            );
        }
    }
    if let (Some(cold), Some(delete)) = (
        lifecycle
            .move_to_cold_storage_after_days
            .filter(|d| *d >= 0),
        lifecycle.delete_after_days.filter(|d| *d >= 0),
    ) && delete < cold + 90
    {
        return refuse(
            "InvalidParameterValueException",
            "DeleteAfterDays must be at least 90 days after MoveToColdStorageAfterDays.",
        );
    }
    Ok(())
}

impl Simulation {
    /// Makes the scenario's call now, and audits it.
    pub(super) fn operate(&mut self, operation: usize) {
        let call = self.operations[operation].clone();
        // Allowed or refused, the audit trail has it; nothing else waits on the answer.
        let _ = self.make(&call);
    }

    /// AWS Backup's refusal of any call in a Region down (a fault), if `region` is down now.
    pub(super) fn outage_refusal(&self, region: &str) -> Option<Refusal> {
        self.faults.outage(region, self.now).then(|| {
            (
                "ServiceUnavailableException",
                format!("AWS Backup is unavailable in {region} (a vaultsim fault: Region outage)."),
            )
        })
    }

    /// Audits a call made from the console, as its caller's root user.
    pub(super) fn audit_console_call(
        &mut self,
        caller: &Caller,
        operation: &str,
        outcome: Result<(String, Vec<String>), Refusal>,
    ) {
        let who = (caller.root(), caller.account.clone(), caller.region.clone());
        self.audit_call(operation, who, outcome);
    }

    /// A change the console asks for, made now as `caller` (its account's root user): an AWS
    /// Backup operation is refused in a Region down (a fault; SNS's and EventBridge's are not),
    /// else the change is made by `make`, which gives the API's answer and, for a change made,
    /// what to audit ([`made`]); audited either way. An answer that is neither a change made nor
    /// the service's refusal (a request vaultsim does not simulate) is not audited.
    pub(super) fn console_change(
        &mut self,
        caller: &Caller,
        operation: &str,
        make: impl FnOnce(&mut Simulation) -> Result<(Answer, Done), Answer>,
    ) -> Answer {
        let outage = (super::notifications::event_source(operation) == "backup.amazonaws.com")
            .then(|| self.outage_refusal(&caller.region))
            .flatten();
        let made = match outage {
            Some((code, message)) => Err(Answer::error(code, message)),
            None => make(self),
        };
        match made {
            Ok((answer, done)) => {
                self.audit_console_call(caller, operation, Ok(done));
                answer
            }
            Err(Answer::Error(e)) => {
                self.audit_console_call(caller, operation, Err((e.code, e.message.clone())));
                Answer::Error(e)
            }
            Err(other) => other,
        }
    }

    /// Makes `call` now: refused in a Region down (a fault), else decided; audited either way.
    fn make(&mut self, call: &Call) -> Result<(), Refusal> {
        let outcome = match self.outage_refusal(&call.region) {
            Some(refusal) => Err(refusal),
            None => self.decide(call),
        };
        let result = outcome.as_ref().map(|_| ()).map_err(Clone::clone);
        self.audit_call(
            call.name,
            (
                call.principal.clone(),
                call.account.clone(),
                call.region.clone(),
            ),
            outcome,
        );
        result
    }

    /// A call from the console, made now as `caller` (its account's root user): read as a
    /// scenario's operations are, decided and audited the same way, and answered as the API
    /// answers it. The calls whose answers are not written yet say so before anything is done.
    pub fn call_now(&mut self, caller: &Caller, operation: &str, input: &Value) -> Answer {
        if let Some(answer) = self.call_notifications(caller, operation, input) {
            return answer;
        }
        if let Some(answer) = self.call_plans(caller, operation, input) {
            return answer;
        }
        if let Some(answer) = self.call_restore_testing(caller, operation, input) {
            return answer;
        }
        if !CALLS_ANSWERED.contains(&operation) {
            return Answer::NotAnswered;
        }
        let (name, request) = match requests::read(operation, input) {
            Ok(read) => read,
            Err((member, message, _help)) => {
                return Answer::Unsupported(format!("{member}: {message}"));
            }
        };
        let call = Call {
            at: self.now,
            principal: caller.root(),
            account: caller.account.clone(),
            region: caller.region.clone(),
            name,
            request,
        };
        match self.make(&call) {
            Ok(()) => Answer::Response(self.call_answer(&call, input)),
            Err((code, message)) => Answer::Error(ServiceError { code, message }),
        }
    }

    /// Makes `call` again in a run taken anew: everything due up to its moment first, as when
    /// it was first made. A call whose moment has passed is not made.
    pub fn make_again(&mut self, call: &MadeCall) {
        if call.at >= self.now {
            self.run_until(call.at);
            self.call_now(&call.caller, &call.operation, &call.input);
        }
    }

    /// What the API returns for an allowed call of [`CALLS_ANSWERED`], from what it made: the
    /// output shapes of the API model (data/reference/backup-model-extract.json).
    fn call_answer(&self, call: &Call, input: &Value) -> Value {
        match &call.request {
            // RecoveryPointArn is "only returned for Amazon EFS and Advanced DynamoDB resources"
            // (the API's StartBackupJobOutput): here, where the job already names its point.
            Request::StartBackupJob(_) => match self.backup_jobs.indexed().next_back() {
                Some((_, job)) => {
                    let mut out = json!({
                        "BackupJobId": job.id.to_string(),
                        "CreationDate": super::answers::epoch(job.creation),
                        "IsParent": false,
                    });
                    if let Some(point) = job.recovery_point {
                        out["RecoveryPointArn"] =
                            json!(self.world.recovery_point_arn(point as usize));
                    }
                    out
                }
                None => json!({}),
            },
            Request::StartCopyJob(..) => match self.copy_jobs.indexed().next_back() {
                Some((_, job)) => json!({
                    "CopyJobId": job.id.to_string(),
                    "CreationDate": super::answers::epoch(job.creation),
                    "IsParent": false,
                }),
                None => json!({}),
            },
            Request::StartRestoreJob(..) => match self.restore_jobs.indexed().next_back() {
                Some((_, job)) => json!({ "RestoreJobId": job.id.to_string() }),
                None => json!({}),
            },
            Request::UpdateRecoveryPointLifecycle(r, point) => {
                let found = self
                    .vault_of_call(call, &r.backup_vault_name)
                    .and_then(|vault| self.find_point(point, Some(vault)));
                match found {
                    Ok(rp) => self.lifecycle_answer(rp as usize),
                    Err(_) => json!({}),
                }
            }
            // CreateLegalHoldOutput: the hold, and the selection as it was asked for.
            Request::CreateLegalHold(_) => match self.world.legal_holds.last() {
                Some(hold) => {
                    let mut out = Value::Object(super::answers::legal_hold(hold));
                    if let Some(selection) = input.get("RecoveryPointSelection") {
                        out["RecoveryPointSelection"] = selection.clone();
                    }
                    out
                }
                None => json!({}),
            },
            // The others return no body (CancelLegalHold's output has no members).
            _ => json!({}),
        }
    }

    fn vault_of_call(&self, call: &Call, name: &str) -> Result<usize, Refusal> {
        self.world
            .vault_named(&call.account, &call.region, name)
            .ok_or_else(|| {
                (
                    "ResourceNotFoundException",
                    format!(
                        "Backup vault {name} does not exist in account {} in {} (vaultsim's words).",
                        call.account, call.region
                    ),
                )
            })
    }

    /// The vault's access policy, if it explicitly denies the caller's account the action.
    fn vault_policy_denies(&self, vault: usize, call: &Call, action: &str) -> Result<(), Refusal> {
        let v = &self.world.vaults[vault];
        let Some(policy) = &v.access_policy else {
            return Ok(());
        };
        match policy::evaluate(policy, &call.account, action, &v.arn) {
            policy::Decision::ExplicitlyDenied { statement } => refuse(
                "AccessDeniedException",
                format!(
                    "The access policy of backup vault {} denies {action}{} (vaultsim's words).",
                    v.name,
                    statement
                        .map(|s| format!(" (statement {s})"))
                        .unwrap_or_default()
                ),
            ),
            _ => Ok(()),
        }
    }

    fn find_point(&self, point: &PointRef, vault: Option<usize>) -> Result<u32, Refusal> {
        self.find_point_where(point, vault, |_| true)
    }

    /// The named point; by resource, the newest of its points in the vault that `fits`.
    fn find_point_where(
        &self,
        point: &PointRef,
        vault: Option<usize>,
        fits: impl Fn(&crate::world::RecoveryPoint) -> bool,
    ) -> Result<u32, Refusal> {
        let found = match point {
            PointRef::Arn(arn) => self.world.recovery_point_by_arn(arn),
            PointRef::NewestOf(resource_arn) => {
                let resource = self.world.resource_by_arn(resource_arn);
                self.world
                    .recovery_points
                    .indexed()
                    .rev()
                    .find(|(_, rp)| {
                        Some(rp.resource as usize) == resource
                            && vault.is_none_or(|v| rp.vault as usize == v)
                            && !rp.is_deleted()
                            && fits(rp)
                    })
                    .map(|(i, _)| i)
            }
        };
        let found = found.filter(|&i| {
            let rp = &self.world.recovery_points[i];
            !rp.is_deleted() && vault.is_none_or(|v| rp.vault as usize == v)
        });
        match found {
            Some(i) => Ok(i as u32),
            None => refuse(
                "ResourceNotFoundException",
                match point {
                    PointRef::Arn(arn) => {
                        format!("Recovery point {arn} not found (vaultsim's words).")
                    }
                    PointRef::NewestOf(r) => {
                        format!("No recovery point of {r} exists in the vault (vaultsim's words).")
                    }
                },
            ),
        }
    }

    fn decide(&mut self, call: &Call) -> Result<(String, Vec<String>), Refusal> {
        match &call.request {
            Request::StartBackupJob(r) => self.start_backup_job(call, r),
            Request::StopBackupJob(r) => self.stop_backup_job(r),
            Request::StartCopyJob(r, point) => self.start_copy_job(call, r, point),
            Request::StartRestoreJob(r, point) => self.start_restore_job(call, r, point),
            Request::DeleteRecoveryPoint(r, point) => {
                self.delete_recovery_point_call(call, r, point)
            }
            Request::UpdateRecoveryPointLifecycle(r, point) => {
                self.update_lifecycle(call, r, point)
            }
            Request::PutBackupVaultLockConfiguration(r) => self.put_vault_lock(call, r),
            Request::DeleteBackupVaultLockConfiguration(r) => self.delete_vault_lock(call, r),
            Request::DeleteBackupVault(r) => self.delete_vault(call, r),
            Request::PutBackupVaultAccessPolicy(r) => self.put_access_policy(call, r),
            Request::CreateLegalHold(r) => self.create_legal_hold(call, r),
            Request::CancelLegalHold(r) => self.cancel_legal_hold(call, r),
        }
    }

    fn start_backup_job(
        &mut self,
        call: &Call,
        r: &StartBackupJob,
    ) -> Result<(String, Vec<String>), Refusal> {
        let vault = self.vault_of_call(call, &r.backup_vault_name)?;
        let Some(resource) = self.world.resource_by_arn(&r.resource_arn) else {
            return refuse(
                "ResourceNotFoundException",
                format!("Resource {} not found (vaultsim's words).", r.resource_arn),
            );
        };
        let res = &self.world.resources[resource];
        if res.region != call.region || res.account != call.account {
            return refuse(
                "InvalidParameterValueException",
                format!(
                    "Resource {} is not in account {} in {}: an on-demand backup goes to a vault \
                     beside its resource (vaultsim's words).",
                    r.resource_arn, call.account, call.region
                ),
            );
        }
        // "This value is optional, and the default is 8 hours"; "it must be at least 60 minutes
        // to avoid errors". The completion window defaults to 7 days (the console's default).
        let start_window = r.start_window_minutes.unwrap_or(480);
        if !(60..=MAX_WINDOW_MINUTES).contains(&start_window) {
            return refuse(
                "InvalidParameterValueException",
                format!(
                    "StartWindowMinutes {start_window} is not between 60 and 52,560,000 \
                     (vaultsim's words)."
                ),
            );
        }
        let complete_window = r.complete_window_minutes.unwrap_or(10_080);
        if !(1..=MAX_WINDOW_MINUTES).contains(&complete_window) {
            return refuse(
                "InvalidParameterValueException",
                format!(
                    "CompleteWindowMinutes {complete_window} is not between 1 and 52,560,000 \
                     (vaultsim's words)."
                ),
            );
        }
        let lifecycle = r.lifecycle.clone().unwrap_or_default();
        check_lifecycle(&lifecycle)?;
        let lifecycle = lifecycle.lifecycle();
        let origin = self.world.origin(None, Arc::from(r.iam_role_arn.as_str()));
        let arn = self.world.vaults[vault].arn.clone();
        let vault_arn = self.vault_arn_id(&arn);
        // "No support for on-demand continuous backups": an on-demand backup is a snapshot.
        let job = self.create_backup_job(BackupRequest {
            resource,
            vault_arn,
            origin,
            start_window: Duration::minutes(start_window),
            completion_window: Duration::minutes(complete_window),
            lifecycle,
            rule: None,
            continuous: false,
            air_gapped_target: None,
        });
        Ok((
            format!("Backup job {} created.", self.backup_jobs[job].id),
            vec![r.resource_arn.clone(), arn],
        ))
    }

    fn stop_backup_job(&mut self, r: &StopBackupJob) -> Result<(String, Vec<String>), Refusal> {
        let job = match (&r.backup_job_id, &r.resource_arn) {
            (Some(id), _) => self
                .backup_jobs
                .indexed()
                .find(|(_, j)| j.id.to_string().eq_ignore_ascii_case(id))
                .map(|(i, _)| i),
            (None, Some(arn)) => self
                .world
                .resource_by_arn(arn)
                .and_then(|resource| self.unfinished_job_of(resource)),
            (None, None) => None,
        };
        let Some(job) = job else {
            return refuse(
                "ResourceNotFoundException",
                "No such backup job (vaultsim's words).",
            );
        };
        let j = &self.backup_jobs[job];
        let resource_type = self.world.resources[j.resource].resource_type;
        if !resource_type.backup_job_can_be_stopped() {
            return refuse(
                "InvalidRequestException",
                format!(
                    "StopBackupJob is not supported for {} (StopBackupJob's documentation lists \
                     the services it does not support).",
                    resource_type.service_name()
                ),
            );
        }
        if j.state.is_terminal() || j.state == BackupJobState::Aborting {
            return refuse(
                "InvalidRequestException",
                format!(
                    "Backup job {} is {} and cannot be stopped (vaultsim's words).",
                    j.id,
                    j.state.as_str()
                ),
            );
        }
        let id = j.id;
        let arn = self.world.resources[j.resource].arn.clone();
        self.set_state(job, BackupJobState::Aborting);
        let wait = timing::short_wait(&mut self.random);
        self.at(self.now + wait, Action::AbortBackup { job });
        Ok((format!("Backup job {id} is stopping."), vec![arn]))
    }

    fn start_copy_job(
        &mut self,
        call: &Call,
        r: &StartCopyJob,
        point: &PointRef,
    ) -> Result<(String, Vec<String>), Refusal> {
        let vault = self.vault_of_call(call, &r.source_backup_vault_name)?;
        let rp = self.find_point(point, Some(vault))?;
        if self.world.recovery_points[rp as usize].continuous {
            return refuse(
                "InvalidParameterValueException",
                "StartCopyJob does not support continuous backups.",
            );
        }
        // "…backups in cold storage or archive tiers cannot be copied" (dg:recov-point-create-a-copy.html).
        if self.world.recovery_points[rp as usize].storage_class == StorageClass::Cold {
            return refuse(
                "InvalidRequestException",
                "The recovery point is in cold storage: backups in cold storage or archive \
                 tiers cannot be copied (vaultsim's words).",
            );
        }
        let lifecycle = match &r.lifecycle {
            Some(l) => {
                check_lifecycle(l)?;
                l.lifecycle()
            }
            None => self.world.recovery_points[rp as usize].lifecycle,
        };
        let origin = self.world.origin(None, Arc::from(r.iam_role_arn.as_str()));
        let destination = self.vault_arn_id(&r.destination_backup_vault_arn);
        let job = self.create_copy(CopyRequest {
            source: rp,
            destination_vault_arn: destination,
            lifecycle,
            origin,
            then_copy_actions_of: None,
            delete_source_when_copied: false,
        });
        Ok((
            format!("Copy job {} created.", self.copy_jobs[job].id),
            vec![
                self.world.recovery_point_arn(rp as usize),
                r.destination_backup_vault_arn.clone(),
            ],
        ))
    }

    fn start_restore_job(
        &mut self,
        call: &Call,
        r: &StartRestoreJob,
        point: &PointRef,
    ) -> Result<(String, Vec<String>), Refusal> {
        let vault = match &r.backup_vault_name {
            Some(name) => Some(self.vault_of_call(call, name)?),
            None => None,
        };
        // A restore time asks for a continuous point: by resource, its continuous one.
        let wants_time = r.restore_time.is_some();
        let rp = self.find_point_where(point, vault, |rp| rp.continuous || !wants_time)?;
        let point = &self.world.recovery_points[rp as usize];
        let resource_type = self.world.resources[point.resource as usize].resource_type;
        if wants_time && !point.continuous {
            return refuse(
                "InvalidParameterValueException",
                "RestoreTime applies only to a continuous recovery point; a snapshot restores \
                 to the moment it was taken (vaultsim's words).",
            );
        }
        let restore_time = if point.continuous {
            let (from, to) = restorable_window(
                resource_type,
                point.creation,
                point.lifecycle.retention_days(),
                self.now,
            );
            let t = r.restore_time.unwrap_or(to);
            if t < from || t > to {
                return refuse(
                    "InvalidParameterValueException",
                    format!(
                        "RestoreTime {} is outside the continuous backup's restorable window, {} \
                         to {} (vaultsim's words).",
                        t.to_rfc3339(),
                        from.to_rfc3339(),
                        to.to_rfc3339()
                    ),
                );
            }
            Some(t)
        } else {
            None
        };
        let role = r.iam_role_arn.clone().unwrap_or_else(|| {
            self.world.origins[point.origin as usize]
                .iam_role_arn
                .to_string()
        });
        let job = self.create_restore_job(RestoreRequest {
            recovery_point: rp,
            iam_role_arn: Arc::from(role.as_str()),
            metadata: r.metadata.clone(),
            restore_time,
            id: None,
        });
        Ok((
            format!("Restore job {} created.", self.restore_jobs[job].id),
            vec![self.restore_jobs[job].recovery_point_arn.clone()],
        ))
    }

    /// Refuses changes to a point in a locked vault, and its deletion while a legal hold is on
    /// it ("Any actions to delete or disassociate a recovery point will fail ... if one or more
    /// active legal holds are on the recovery point"; a lifecycle change is neither, and the hold
    /// already delays the deletion it would bring).
    fn point_is_protected(&self, rp: u32, what: &str, deletion: bool) -> Result<(), Refusal> {
        let point = &self.world.recovery_points[rp as usize];
        if deletion && point.legal_holds > 0 {
            return refuse(
                "InvalidRequestException",
                format!(
                    "Recovery point is under {} active legal hold(s); {what} fails while any is \
                     active (vaultsim's words).",
                    point.legal_holds
                ),
            );
        }
        let vault = &self.world.vaults[point.vault as usize];
        if let Some(lock) = &vault.lock {
            // "True means that AWS Backup Vault Lock causes delete or update operations to the
            // recovery points stored in the vault to fail (regardless of whether you are still
            // in the cooling-off grace time period)."
            return refuse(
                "InvalidRequestException",
                format!(
                    "Backup vault {} is locked ({} mode); {what} of its recovery points fails \
                     (vaultsim's words).",
                    vault.name,
                    lock.mode()
                ),
            );
        }
        Ok(())
    }

    fn delete_recovery_point_call(
        &mut self,
        call: &Call,
        r: &PointInVault,
        point: &PointRef,
    ) -> Result<(String, Vec<String>), Refusal> {
        let vault = self.vault_of_call(call, &r.backup_vault_name)?;
        let rp = self.find_point(point, Some(vault))?;
        self.vault_policy_denies(vault, call, "backup:DeleteRecoveryPoint")?;
        self.point_is_protected(rp, "deletion", true)?;
        let arn = self.world.recovery_point_arn(rp as usize);
        self.delete_recovery_point(rp);
        Ok((format!("Recovery point {arn} deleted."), vec![arn]))
    }

    fn update_lifecycle(
        &mut self,
        call: &Call,
        r: &UpdateRecoveryPointLifecycle,
        point: &PointRef,
    ) -> Result<(String, Vec<String>), Refusal> {
        let vault = self.vault_of_call(call, &r.backup_vault_name)?;
        let rp = self.find_point(point, Some(vault))?;
        self.vault_policy_denies(vault, call, "backup:UpdateRecoveryPointLifecycle")?;
        let point = &self.world.recovery_points[rp as usize];
        if point.continuous {
            return refuse(
                "InvalidRequestException",
                "UpdateRecoveryPointLifecycle does not support continuous backups.",
            );
        }
        self.point_is_protected(rp, "a lifecycle update", false)?;
        check_lifecycle(&r.lifecycle)?;
        let new = r.lifecycle.lifecycle();
        let point = &self.world.recovery_points[rp as usize];
        if point.storage_class == StorageClass::Cold
            && new.move_to_cold_storage_after_days
                != point.lifecycle.move_to_cold_storage_after_days
        {
            return refuse(
                "InvalidParameterValueException",
                "The transition to cold after days setting can't be changed after a backup has \
                 been transitioned to cold.",
            );
        }
        self.world.recovery_points[rp as usize].lifecycle = new;
        self.schedule_lifecycle(rp);
        let arn = self.world.recovery_point_arn(rp as usize);
        Ok((format!("Lifecycle of {arn} updated."), vec![arn]))
    }

    fn put_vault_lock(
        &mut self,
        call: &Call,
        r: &PutBackupVaultLockConfiguration,
    ) -> Result<(String, Vec<String>), Refusal> {
        let vault = self.vault_of_call(call, &r.backup_vault_name)?;
        let now = self.now;
        if let Some(lock) = &self.world.vaults[vault].lock
            && lock.is_immutable(now)
        {
            return refuse(
                "InvalidRequestException",
                "The vault lock is immutable: its grace time has ended (vaultsim's words).",
            );
        }
        if let Some(days) = r.changeable_for_days
            && !(3..=36_500).contains(&days)
        {
            return refuse(
                "InvalidParameterValueException",
                format!(
                    "ChangeableForDays {days}: Backup enforces a 72-hour cooling-off period, so \
                     it must be 3 or greater, and at most 36,500."
                ),
            );
        }
        if let Some(min) = r.min_retention_days
            && min < 1
        {
            return refuse(
                "InvalidParameterValueException",
                "The shortest minimum retention period you can specify is 1 day.",
            );
        }
        if let Some(max) = r.max_retention_days
            && !(1..=36_500).contains(&max)
        {
            return refuse(
                "InvalidParameterValueException",
                "MaxRetentionDays is at most 36,500 days (vaultsim's words).",
            );
        }
        if let (Some(min), Some(max)) = (r.min_retention_days, r.max_retention_days)
            && min > max
        {
            return refuse(
                "InvalidParameterValueException",
                "MinRetentionDays is greater than MaxRetentionDays (vaultsim's words).",
            );
        }
        let v = &mut self.world.vaults[vault];
        v.lock = Some(VaultLock {
            min_retention_days: r.min_retention_days,
            max_retention_days: r.max_retention_days,
            lock_date: r.changeable_for_days.map(|d| now + Duration::days(d)),
        });
        let message = match r.changeable_for_days {
            Some(d) => format!(
                "Vault lock set in compliance mode on {}; immutable from {}.",
                v.name,
                (now + Duration::days(d)).to_rfc3339_opts(SecondsFormat::Secs, true)
            ),
            None => format!("Vault lock set in governance mode on {}.", v.name),
        };
        let arn = v.arn.clone();
        self.record(Subject::Vault {
            vault: vault as u32,
            change: VaultChange::Locked(true),
        });
        Ok((message, vec![arn]))
    }

    fn delete_vault_lock(
        &mut self,
        call: &Call,
        r: &VaultName,
    ) -> Result<(String, Vec<String>), Refusal> {
        let vault = self.vault_of_call(call, &r.backup_vault_name)?;
        let v = &self.world.vaults[vault];
        match &v.lock {
            None => refuse(
                "ResourceNotFoundException",
                format!(
                    "Backup vault {} has no vault lock (vaultsim's words).",
                    v.name
                ),
            ),
            Some(lock) if lock.is_immutable(self.now) => refuse(
                "InvalidRequestException",
                "If the Vault Lock configuration is immutable, then you cannot delete Vault Lock \
                 using API operations.",
            ),
            Some(_) => {
                let arn = v.arn.clone();
                let message = format!("Vault lock removed from {}.", v.name);
                self.world.vaults[vault].lock = None;
                self.record(Subject::Vault {
                    vault: vault as u32,
                    change: VaultChange::Locked(false),
                });
                Ok((message, vec![arn]))
            }
        }
    }

    /// Sets the vault's resource-based policy, replacing the one it had: what copies into it
    /// and calls on it are then decided by. The vault's own account sets it.
    fn put_access_policy(
        &mut self,
        call: &Call,
        r: &PutBackupVaultAccessPolicy,
    ) -> Result<(String, Vec<String>), Refusal> {
        let vault = self.vault_of_call(call, &r.backup_vault_name)?;
        self.vault_policy_denies(vault, call, "backup:PutBackupVaultAccessPolicy")?;
        // The error AWS lists for a bad parameter; the words are vaultsim's.
        let policy = match r.policy.as_deref().map(serde_json::from_str::<Value>) {
            Some(Ok(policy @ Value::Object(_))) => policy,
            Some(Ok(_)) | Some(Err(_)) => {
                return refuse(
                    "InvalidParameterValueException",
                    "Policy is not a JSON policy document (vaultsim's words).",
                );
            }
            None => {
                return refuse(
                    "MissingParameterValueException",
                    "Policy is required (vaultsim's words).",
                );
            }
        };
        self.copy_access
            .retain(|((_, destination), _, _)| *destination != vault);
        let v = &mut self.world.vaults[vault];
        v.access_policy = Some(policy);
        Ok((
            format!("The access policy of {} was replaced.", v.name),
            vec![v.arn.to_string()],
        ))
    }

    /// DeleteBackupVault: "A vault can be deleted only if it is empty" (the API reference), so a
    /// vault locked in compliance mode past its grace time cannot be deleted while it holds
    /// recovery points (dg:vault-lock.html). The console will not delete the default vault;
    /// the API does when another vault exists in the Region (dg:delete-a-vault.html). Jobs
    /// into a deleted vault fail as jobs into a vault that does not exist.
    fn delete_vault(
        &mut self,
        call: &Call,
        r: &VaultName,
    ) -> Result<(String, Vec<String>), Refusal> {
        let vault = self.vault_of_call(call, &r.backup_vault_name)?;
        self.vault_policy_denies(vault, call, "backup:DeleteBackupVault")?;
        let v = &self.world.vaults[vault];
        let points = self.world.recovery_points_in(vault).count();
        if points > 0 {
            let lock = match &v.lock {
                Some(lock) if lock.is_immutable(self.now) => {
                    "; its vault lock is immutable, so it can be deleted only once they have \
                     expired"
                }
                _ => "",
            };
            return refuse(
                "InvalidRequestException",
                format!(
                    "Backup vault {} cannot be deleted because it contains {points} recovery \
                     point(s){lock} (vaultsim's words).",
                    v.name
                ),
            );
        }
        let others = self.world.vaults.iter().enumerate().any(|(i, o)| {
            i != vault && !o.is_deleted() && o.account == v.account && o.region == v.region
        });
        if v.name == "Default" && !others {
            return refuse(
                "InvalidRequestException",
                "The default backup vault can be deleted only when another vault exists in the \
                 Region (vaultsim's words).",
            );
        }
        let arn = v.arn.clone();
        let message = format!("Backup vault {} deleted.", v.name);
        self.world.vaults[vault].deleted = Some(self.now);
        self.record(Subject::Vault {
            vault: vault as u32,
            change: VaultChange::Deleted,
        });
        Ok((message, vec![arn]))
    }

    fn create_legal_hold(
        &mut self,
        call: &Call,
        r: &CreateLegalHold,
    ) -> Result<(String, Vec<String>), Refusal> {
        let active = self
            .world
            .legal_holds
            .iter()
            .filter(|h| h.account == call.account && h.status == LegalHoldStatus::Active)
            .count();
        if active >= 50 {
            return refuse(
                "LimitExceededException",
                "Each account can have a maximum of 50 legal holds active at one time.",
            );
        }
        let selection = &r.recovery_point_selection;
        let mut vaults = Vec::new();
        for name in &selection.vault_names {
            vaults.push(self.vault_of_call(call, name)?);
        }
        let resources: Vec<Option<usize>> = selection
            .resource_identifiers
            .iter()
            .map(|arn| self.world.resource_by_arn(arn))
            .collect();
        let world = &self.world;
        let held: Vec<u32> = world
            .recovery_points
            .indexed()
            .filter(|(_, rp)| {
                let vault = &world.vaults[rp.vault as usize];
                !rp.is_deleted()
                    && vault.account == call.account
                    && vault.region == call.region
                    && (vaults.is_empty() || vaults.contains(&(rp.vault as usize)))
                    && (resources.is_empty() || resources.contains(&Some(rp.resource as usize)))
                    && selection
                        .date_range
                        .as_ref()
                        .is_none_or(|d| (d.from_date..=d.to_date).contains(&rp.creation))
            })
            .map(|(i, _)| i as u32)
            .collect();
        for &rp in &held {
            let point = &mut self.world.recovery_points[rp as usize];
            point.legal_holds = point.legal_holds.saturating_add(1);
        }
        let id = self.random.uuid_bits();
        let count = held.len();
        self.world.legal_holds.push(LegalHold {
            id,
            account: call.account.clone(),
            region: call.region.clone(),
            title: r.title.clone(),
            description: r.description.clone(),
            status: LegalHoldStatus::Active,
            creation: self.now,
            cancellation: None,
            recovery_points: held,
        });
        Ok((
            format!(
                "Legal hold {id} ({}) is ACTIVE on {count} recovery point(s).",
                r.title
            ),
            vec![
                self.world
                    .legal_holds
                    .last()
                    .map(LegalHold::arn)
                    .unwrap_or_default(),
            ],
        ))
    }

    fn cancel_legal_hold(
        &mut self,
        call: &Call,
        r: &CancelLegalHold,
    ) -> Result<(String, Vec<String>), Refusal> {
        let named = |h: &LegalHold| {
            h.account == call.account
                && match (&r.legal_hold_id, &r.title) {
                    (Some(id), _) => h.id.to_string().eq_ignore_ascii_case(id),
                    (None, Some(title)) => &h.title == title,
                    (None, None) => false,
                }
        };
        // By title, the active hold of that title if there is one, else the latest.
        let holds = &self.world.legal_holds;
        let found = holds
            .iter()
            .position(|h| named(h) && h.status == LegalHoldStatus::Active)
            .or_else(|| holds.iter().rposition(named));
        let Some(hold) = found else {
            return refuse(
                "ResourceNotFoundException",
                "No such legal hold (vaultsim's words).",
            );
        };
        if self.world.legal_holds[hold].status != LegalHoldStatus::Active {
            return refuse(
                "InvalidResourceStateException",
                "The legal hold is not active (vaultsim's words).",
            );
        }
        let h = &mut self.world.legal_holds[hold];
        h.status = LegalHoldStatus::Canceled;
        h.cancellation = Some(self.now);
        let points = std::mem::take(&mut h.recovery_points);
        let message = format!(
            "Legal hold {} ({}) CANCELED: {}",
            h.id, h.title, r.cancel_description
        );
        self.release_held(&points);
        self.world.legal_holds[hold].recovery_points = points;
        Ok((message, vec![]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_made_call_goes_into_a_link_and_back_unchanged_and_a_mangled_one_is_left_out() {
        let call = MadeCall {
            at: "2024-01-15T06:00:00Z".parse().unwrap(),
            caller: Caller {
                account: "111122223333".into(),
                region: "us-east-1".into(),
            },
            operation: "CreateTopic".into(),
            input: json!({"Name": "alerts"}),
        };
        assert_eq!(MadeCall::from_json(&call.to_json()), Some(call));
        for mangled in [
            json!({"At": "yesterday", "Account": "1", "Region": "r", "Operation": "X", "Input": {}}),
            json!({"At": "2024-01-15T06:00:00Z", "Operation": "X", "Input": {}}),
            json!({"At": "2024-01-15T06:00:00Z", "Account": "1", "Region": "r", "Operation": "X", "Input": 5}),
            json!([]),
        ] {
            assert_eq!(MadeCall::from_json(&mangled), None, "{mangled}");
        }
    }
}
