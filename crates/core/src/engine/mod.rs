//! The simulation: a discrete-event queue ordered by (time, sequence), so that events at the same
//! instant leave it in the order they were scheduled and the same scenario and seed give the
//! same run. Time is passed in (`run_until`, `step`); nothing here reads a clock.
//!
//! What happens, and on what evidence, follows shared/reference: rules fire on their schedules
//! in their time zones and create one backup job per selected resource; jobs move through the
//! API's states (state-machines.json); completed jobs leave recovery points with calculated
//! lifecycle dates; copy actions start copy jobs; recovery points move to cold storage and are
//! deleted on time. Durations are a model (see `timing`).

mod jobs;
mod render;
pub(crate) mod selection;
mod timing;

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

pub use jobs::{BackupJob, BackupJobState, CopyJob, CopyJobState};
pub use render::{Event, Subject};

use crate::diagnostic::Diagnostic;
use crate::plan::{self, BackupPlan, CheckOptions};
use crate::policy;
use crate::random::{SeededRandom, uuid_text};
use crate::scenario::Scenario;
use crate::schedule::{CronExpression, Schedule, Timezone};
use crate::services::ResourceType;
use crate::world::{
    Account, CreatedBy, RecoveryPoint, RecoveryPointStatus, Resource, StorageClass, Vault,
    VaultLock, World,
};

/// A plan running in an account and Region.
#[derive(Clone, Debug)]
struct PlanRun {
    account: String,
    region: String,
    plan: BackupPlan,
    /// The resources the selections pick (each with the role of the first selection that
    /// picks it), worked out once: resources and their tags do not change during a run.
    selected: Vec<(usize, Arc<str>)>,
    rules: Vec<RuleRun>,
}

#[derive(Clone, Debug)]
struct RuleRun {
    /// The plan and rule IDs its jobs and recovery points name, shared by all of them.
    created_by: Arc<CreatedBy>,
    schedule: Schedule,
    /// The destination of each copy action, shared by every copy job.
    copy_destinations: Vec<Arc<str>>,
}

/// Something that will happen, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Action {
    RunRule { plan: usize, rule: usize },
    StartBackup { job: usize },
    RunBackup { job: usize },
    FinishBackup { job: usize },
    ExpireBackup { job: usize },
    StartCopy { job: usize },
    FinishCopy { job: usize },
    MoveToCold { recovery_point: usize },
    Delete { recovery_point: usize },
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Scheduled {
    at: DateTime<Utc>,
    sequence: u64,
    action: Action,
}

impl Ord for Scheduled {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.at, self.sequence).cmp(&(other.at, other.sequence))
    }
}

impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A running simulation of AWS Backup.
#[derive(Clone, Debug)]
pub struct Simulation {
    now: DateTime<Utc>,
    queue: BinaryHeap<Reverse<Scheduled>>,
    sequence: u64,
    random: SeededRandom,
    world: World,
    plans: Vec<PlanRun>,
    backup_jobs: Vec<BackupJob>,
    copy_jobs: Vec<CopyJob>,
    /// Events recorded since the last [`Simulation::take_events`].
    events: Vec<Event>,
    /// Every event recorded since the start.
    events_recorded: u64,
    /// Each resource's running backup job: a second job of the resource waits.
    running: HashMap<usize, usize>,
    /// When each resource's last backup completed, for incremental sizes.
    last_backup: HashMap<usize, DateTime<Utc>>,
}

impl Simulation {
    /// Sets up a scenario: its world, its plans (checked as AWS would; a plan AWS would refuse
    /// is an error here) and each rule's first run.
    pub fn new(scenario: &Scenario) -> Result<Simulation, Vec<Diagnostic>> {
        let start = scenario.start();
        let mut random = SeededRandom::new(scenario.seed);
        let mut world = World::default();
        for a in &scenario.accounts {
            world.accounts.push(Account {
                id: a.id.clone(),
                name: a.name.clone(),
                regions: a.regions.clone(),
            });
        }
        let first_account = scenario
            .accounts
            .first()
            .map(|a| (a.id.clone(), a.regions.first().cloned().unwrap_or_default()));
        for r in &scenario.resources {
            let Some(resource_type) = ResourceType::from_arn(&r.arn) else {
                continue;
            };
            let parts: Vec<&str> = r.arn.splitn(6, ':').collect();
            let (mut region, mut account) = (parts[3].to_string(), parts[4].to_string());
            // S3 ARNs name neither: the scenario's first account and Region own the bucket.
            if account.is_empty()
                && let Some((a, r)) = &first_account
            {
                account = a.clone();
                region = r.clone();
            }
            world.resources.push(Resource {
                arn: r.arn.clone(),
                name: if r.name.is_empty() {
                    r.arn.clone()
                } else {
                    r.name.clone()
                },
                resource_type,
                account,
                region,
                tags: r.tags.clone(),
                size_gb: r.size_gb,
                daily_change_rate: r.daily_change_rate,
            });
        }
        for v in &scenario.vaults {
            world.add_vault(Vault {
                arn: Vault::arn_of(&v.account, &v.region, &v.name),
                name: v.name.clone(),
                account: v.account.clone(),
                region: v.region.clone(),
                encryption_key_arn: v.encryption_key_arn.clone(),
                access_policy: v.access_policy.clone(),
                lock: v.lock.as_ref().map(|l| VaultLock {
                    min_retention_days: l.min_retention_days,
                    max_retention_days: l.max_retention_days,
                    changeable_for_days: l.changeable_for_days,
                }),
                air_gapped: v.air_gapped,
            });
        }
        let mut plans = Vec::new();
        let mut errors = Vec::new();
        for (i, spec) in scenario.plans.iter().enumerate() {
            let text = serde_json::to_string(&spec.document).unwrap_or_default();
            let checked = plan::check(&text, &CheckOptions { now: start });
            let (Some(root), Some(form)) = (checked.root.as_ref(), checked.form) else {
                continue;
            };
            let typed = match plan::typed_plan(root, form) {
                Ok(p) => p,
                Err(message) => {
                    errors.push(
                        Diagnostic::error("scenario-plan", 0..0, message)
                            .with_help("fix the plan's findings (vaultsim validate shows them)")
                            .at(format!("/Plans/{i}/Document")),
                    );
                    continue;
                }
            };
            let id = random.uuid();
            let arn = format!(
                "arn:aws:backup:{}:{}:backup-plan:{id}",
                spec.region, spec.account
            );
            let version = base64(random.uuid().as_bytes());
            let rules = typed
                .rules
                .iter()
                .map(|rule| RuleRun {
                    created_by: Arc::new(CreatedBy {
                        backup_plan_id: id.clone(),
                        backup_plan_arn: arn.clone(),
                        backup_plan_version: version.clone(),
                        backup_plan_rule_id: random.uuid(),
                    }),
                    schedule: Schedule::new(
                        CronExpression::parse(&rule.schedule_expression)
                            .expect("a typed plan's schedules are valid"),
                        Timezone::parse(&rule.schedule_expression_timezone).unwrap_or_default(),
                    ),
                    copy_destinations: rule
                        .copy_actions
                        .iter()
                        .map(|c| Arc::from(c.destination_backup_vault_arn.as_str()))
                        .collect(),
                })
                .collect();
            let selections = plan::typed_selections(root, form);
            let selected = world
                .resources
                .iter()
                .enumerate()
                .filter(|(_, r)| r.account == spec.account && r.region == spec.region)
                .filter_map(|(i, r)| {
                    let s = selections.iter().find(|s| selection::selects(s, r))?;
                    Some((i, Arc::<str>::from(s.iam_role_arn.as_str())))
                })
                .collect();
            plans.push(PlanRun {
                account: spec.account.clone(),
                region: spec.region.clone(),
                selected,
                plan: typed,
                rules,
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut simulation = Simulation {
            now: start,
            queue: BinaryHeap::new(),
            sequence: 0,
            random,
            world,
            plans,
            backup_jobs: Vec::new(),
            copy_jobs: Vec::new(),
            events: Vec::new(),
            events_recorded: 0,
            running: HashMap::new(),
            last_backup: HashMap::new(),
        };
        // A rule whose run falls exactly on the start time runs.
        let before_start = start - Duration::seconds(1);
        for plan in 0..simulation.plans.len() {
            for rule in 0..simulation.plans[plan].rules.len() {
                simulation.schedule_rule(plan, rule, before_start);
            }
        }
        Ok(simulation)
    }

    /// The simulated time: the last action's, or what `run_until` was given.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub fn world(&self) -> &World {
        &self.world
    }
    /// The events recorded since the start, or since the last [`Simulation::take_events`].
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Hands over the events recorded so far, so that a long run need not keep them all.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// How many events the run has recorded, taken or not.
    pub fn events_recorded(&self) -> u64 {
        self.events_recorded
    }

    pub fn backup_jobs(&self) -> &[BackupJob] {
        &self.backup_jobs
    }

    pub fn copy_jobs(&self) -> &[CopyJob] {
        &self.copy_jobs
    }

    /// When the next action is due, if any.
    pub fn next_at(&self) -> Option<DateTime<Utc>> {
        self.queue.peek().map(|Reverse(s)| s.at)
    }

    /// Carries out the next action; returns the events it sent, or `None` when nothing is left.
    pub fn step(&mut self) -> Option<&[Event]> {
        let Reverse(next) = self.queue.pop()?;
        let before = self.events.len();
        self.now = next.at;
        self.act(next.action);
        Some(&self.events[before..])
    }

    /// Carries out every action due up to and including `t`, then sets the time to `t`.
    pub fn run_until(&mut self, t: DateTime<Utc>) {
        while self.next_at().is_some_and(|at| at <= t) {
            self.step();
        }
        self.now = self.now.max(t);
    }

    fn at(&mut self, at: DateTime<Utc>, action: Action) {
        debug_assert!(
            at >= self.now,
            "{action:?} scheduled at {at}, before {}",
            self.now
        );
        self.sequence += 1;
        self.queue.push(Reverse(Scheduled {
            at,
            sequence: self.sequence,
            action,
        }));
    }

    /// Records that something happened now; the event's JSON is written only when asked for
    /// ([`Simulation::event_json`]), so a long run stays fast and small.
    fn record(&mut self, subject: Subject) {
        let id = self.random.uuid_bits();
        self.events_recorded += 1;
        self.events.push(Event {
            id,
            time: self.now,
            subject,
        });
    }

    fn schedule_rule(&mut self, plan: usize, rule: usize, after: DateTime<Utc>) {
        if let Some(next) = self.plans[plan].rules[rule].schedule.next_after(after) {
            self.at(next, Action::RunRule { plan, rule });
        }
    }

    fn act(&mut self, action: Action) {
        match action {
            Action::RunRule { plan, rule } => self.run_rule(plan, rule),
            Action::StartBackup { job } => self.start_backup(job),
            Action::RunBackup { job } => self.run_backup(job),
            Action::FinishBackup { job } => self.finish_backup(job),
            Action::ExpireBackup { job } => self.expire_running_backup(job),
            Action::StartCopy { job } => self.start_copy(job),
            Action::FinishCopy { job } => self.finish_copy(job),
            Action::MoveToCold { recovery_point } => self.move_to_cold(recovery_point),
            Action::Delete { recovery_point } => self.delete(recovery_point),
        }
    }

    // ---- Backup jobs ----------------------------------------------------------------------

    /// A rule's scheduled run: one backup job per resource its plan's selections pick, in the
    /// plan's account and Region.
    fn run_rule(&mut self, plan: usize, rule: usize) {
        let now = self.now;
        self.schedule_rule(plan, rule, now);
        let run = &self.plans[plan];
        let spec = &run.plan.rules[rule];
        let picked = run.selected.clone();
        let vault =
            self.world
                .vault_named(&run.account, &run.region, &spec.target_backup_vault_name);
        let created_by = run.rules[rule].created_by.clone();
        let start_by = now + Duration::minutes(spec.start_window_minutes);
        let complete_by = now + Duration::minutes(spec.completion_window_minutes);
        let vault_arn: Arc<str> =
            Vault::arn_of(&run.account, &run.region, &spec.target_backup_vault_name).into();
        for (resource, iam_role_arn) in picked {
            let id = self.random.uuid_bits();
            let job = self.backup_jobs.len();
            self.backup_jobs.push(BackupJob {
                id,
                state: BackupJobState::Created,
                history: vec![(now, BackupJobState::Created)],
                resource,
                vault,
                vault_arn: vault_arn.clone(),
                iam_role_arn,
                creation: now,
                start_by,
                complete_by,
                completion: None,
                backup_size_bytes: 0,
                bytes_transferred: 0,
                status_message: String::new(),
                created_by: Some(created_by.clone()),
                rule: Some((plan, rule)),
                recovery_point: None,
            });
            self.record(Subject::BackupJob {
                job,
                state: BackupJobState::Created,
            });
            let wait = timing::short_wait(&mut self.random);
            self.at(now + wait, Action::StartBackup { job });
        }
    }

    fn set_backup_state(&mut self, job: usize, state: BackupJobState) {
        let now = self.now;
        let j = &mut self.backup_jobs[job];
        debug_assert!(j.state.can_become(state), "{:?} -> {state:?}", j.state);
        j.state = state;
        j.history.push((now, state));
        if state.is_terminal() {
            j.completion = Some(now);
            if self.running.get(&j.resource) == Some(&job) {
                self.running.remove(&j.resource);
            }
        }
        self.record(Subject::BackupJob { job, state });
    }

    /// CREATED to PENDING when the resource is free; otherwise wait and retry "at least every 10
    /// minutes" until StartBy, then EXPIRED.
    fn start_backup(&mut self, job: usize) {
        let now = self.now;
        let j = &self.backup_jobs[job];
        if j.state != BackupJobState::Created {
            return;
        }
        let (resource, start_by) = (j.resource, j.start_by);
        if self.running.contains_key(&resource) {
            let retry = now + Duration::minutes(10);
            if retry < start_by {
                self.at(retry, Action::StartBackup { job });
            } else {
                self.at(start_by, Action::ExpireBackup { job });
                self.backup_jobs[job].status_message =
                    "Backup job failed because there was a running job for the same resource."
                        .to_string();
            }
            return;
        }
        self.running.insert(resource, job);
        self.set_backup_state(job, BackupJobState::Pending);
        let wait = timing::short_wait(&mut self.random);
        self.at(now + wait, Action::RunBackup { job });
    }

    /// PENDING to RUNNING; the job finishes after its modelled duration, unless the completion
    /// window ends first.
    fn run_backup(&mut self, job: usize) {
        let now = self.now;
        let j = &self.backup_jobs[job];
        if j.state != BackupJobState::Pending {
            return;
        }
        let resource = &self.world.resources[j.resource];
        let days_since = self
            .last_backup
            .get(&j.resource)
            .map(|last| (now - *last).num_seconds() as f64 / 86_400.0);
        let bytes = timing::backup_bytes(resource.size_gb, resource.daily_change_rate, days_since);
        let duration = timing::backup_duration(resource.resource_type, bytes, &mut self.random);
        let complete_by = j.complete_by;
        self.backup_jobs[job].backup_size_bytes = bytes;
        self.set_backup_state(job, BackupJobState::Running);
        if self.backup_jobs[job].vault.is_none() {
            // The target vault does not exist: the job fails as soon as it runs.
            self.at(now + Duration::seconds(1), Action::FinishBackup { job });
        } else if now + duration > complete_by {
            // A job that starts after its completion window has closed (a start window longer
            // than the completion window) expires at once.
            self.at(complete_by.max(now), Action::ExpireBackup { job });
        } else {
            self.at(now + duration, Action::FinishBackup { job });
        }
    }

    /// EXPIRED: not started by StartBy, or still running when the completion window ended.
    fn expire_running_backup(&mut self, job: usize) {
        let j = &mut self.backup_jobs[job];
        match j.state {
            BackupJobState::Created => {}
            BackupJobState::Running => {
                j.status_message =
                    "Backup job did not complete within its completion window (vaultsim's words)."
                        .to_string();
            }
            _ => return,
        }
        self.set_backup_state(job, BackupJobState::Expired);
    }

    /// RUNNING to COMPLETED with a recovery point, or FAILED when its vault does not exist or
    /// its vault lock refuses its retention.
    fn finish_backup(&mut self, job: usize) {
        let now = self.now;
        if self.backup_jobs[job].state != BackupJobState::Running {
            return;
        }
        let Some(vault) = self.backup_jobs[job].vault else {
            let j = &mut self.backup_jobs[job];
            j.status_message = format!(
                "Backup job failed because backup vault {} does not exist.",
                j.vault_arn
            );
            self.set_backup_state(job, BackupJobState::Failed);
            return;
        };
        let (plan, rule) = self.backup_jobs[job]
            .rule
            .expect("scheduled jobs have rules");
        let lifecycle = self.plans[plan].plan.rules[rule]
            .lifecycle
            .clone()
            .unwrap_or_default();
        if let Some(message) = lock_refuses(&self.world.vaults[vault], lifecycle.delete_after_days)
        {
            self.backup_jobs[job].status_message = message;
            self.set_backup_state(job, BackupJobState::Failed);
            return;
        }
        let j = &self.backup_jobs[job];
        let resource = j.resource;
        let arn = recovery_point_arn(
            self.world.resources[resource].resource_type,
            &self.world.vaults[vault],
            &format!("job-{}", uuid_text(j.id)),
            &mut self.random,
        );
        let recovery_point = self.world.recovery_points.len();
        self.world.recovery_points.push(RecoveryPoint {
            arn,
            vault,
            resource,
            creation: j.creation,
            completion: now,
            status: RecoveryPointStatus::Completed,
            storage_class: StorageClass::Warm,
            size_bytes: j.backup_size_bytes,
            move_to_cold_storage_after_days: lifecycle.move_to_cold_storage_after_days,
            delete_after_days: lifecycle.delete_after_days,
            created_by: j.created_by.clone(),
            copied_from: None,
            iam_role_arn: j.iam_role_arn.clone(),
        });
        let bytes = j.backup_size_bytes;
        let j = &mut self.backup_jobs[job];
        j.recovery_point = Some(recovery_point);
        j.bytes_transferred = bytes;
        self.last_backup.insert(resource, now);
        self.set_backup_state(job, BackupJobState::Completed);
        self.record_recovery_point(recovery_point);
        self.schedule_lifecycle(recovery_point);
        for copy in 0..self.plans[plan].rules[rule].copy_destinations.len() {
            let destination = self.plans[plan].rules[rule].copy_destinations[copy].clone();
            let action = &self.plans[plan].plan.rules[rule].copy_actions[copy];
            // Without its own lifecycle, a copy keeps the source's (COPY-2).
            let kept = action.lifecycle.as_ref().unwrap_or(&lifecycle);
            let (cold, delete) = (kept.move_to_cold_storage_after_days, kept.delete_after_days);
            self.create_copy(recovery_point, destination, cold, delete);
        }
    }

    // ---- Recovery points ------------------------------------------------------------------

    fn record_recovery_point(&mut self, recovery_point: usize) {
        let rp = &self.world.recovery_points[recovery_point];
        let (status, storage_class) = (rp.status, rp.storage_class);
        self.record(Subject::RecoveryPoint {
            recovery_point,
            status,
            storage_class,
        });
    }

    fn schedule_lifecycle(&mut self, recovery_point: usize) {
        let rp = &self.world.recovery_points[recovery_point];
        let resource_type = self.world.resources[rp.resource].resource_type;
        let (cold, delete) = (rp.move_to_cold_at(resource_type), rp.delete_at());
        if let Some(at) = cold {
            self.at(at, Action::MoveToCold { recovery_point });
        }
        if let Some(at) = delete {
            self.at(at, Action::Delete { recovery_point });
        }
    }

    fn move_to_cold(&mut self, recovery_point: usize) {
        let rp = &mut self.world.recovery_points[recovery_point];
        if rp.storage_class != StorageClass::Warm {
            return;
        }
        rp.storage_class = StorageClass::Cold;
        self.record_recovery_point(recovery_point);
    }

    fn delete(&mut self, recovery_point: usize) {
        let rp = &mut self.world.recovery_points[recovery_point];
        if rp.storage_class == StorageClass::Deleted {
            return;
        }
        rp.status = RecoveryPointStatus::Deleting;
        rp.storage_class = StorageClass::Deleted;
        self.record_recovery_point(recovery_point);
    }

    // ---- Copy jobs ------------------------------------------------------------------------

    fn create_copy(
        &mut self,
        source: usize,
        destination_vault_arn: Arc<str>,
        move_to_cold_storage_after_days: Option<i64>,
        delete_after_days: Option<i64>,
    ) {
        let now = self.now;
        let rp = &self.world.recovery_points[source];
        let id = self.random.uuid_bits();
        let job = self.copy_jobs.len();
        self.copy_jobs.push(CopyJob {
            id,
            state: CopyJobState::Created,
            history: vec![(now, CopyJobState::Created)],
            source_recovery_point: source,
            destination_vault: self.world.vault_by_arn(&destination_vault_arn),
            destination_vault_arn: destination_vault_arn.clone(),
            iam_role_arn: rp.iam_role_arn.clone(),
            creation: now,
            completion: None,
            backup_size_bytes: rp.size_bytes,
            status_message: String::new(),
            created_by: rp.created_by.clone(),
            move_to_cold_storage_after_days,
            delete_after_days,
            destination_recovery_point: None,
        });
        self.record(Subject::CopyJob {
            job,
            state: CopyJobState::Created,
        });
        let wait = timing::short_wait(&mut self.random);
        self.at(now + wait, Action::StartCopy { job });
    }

    fn set_copy_state(&mut self, job: usize, state: CopyJobState) {
        let now = self.now;
        let j = &mut self.copy_jobs[job];
        debug_assert!(j.state.can_become(state), "{:?} -> {state:?}", j.state);
        j.state = state;
        j.history.push((now, state));
        if matches!(
            state,
            CopyJobState::Completed | CopyJobState::Failed | CopyJobState::Partial
        ) {
            j.completion = Some(now);
        }
        self.record(Subject::CopyJob { job, state });
    }

    /// CREATED to RUNNING, or FAILED when AWS would refuse the copy: no such vault, a Region
    /// not enabled, a type without cross-Region or cross-account copy, or an access policy that
    /// does not let the source account copy in.
    fn start_copy(&mut self, job: usize) {
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

    fn copy_refused(&self, job: usize) -> Option<String> {
        let j = &self.copy_jobs[job];
        let Some(destination) = j.destination_vault else {
            return Some(format!(
                "Copy job failed because the destination backup vault {} does not exist \
                 (vaultsim's words).",
                j.destination_vault_arn
            ));
        };
        let source = &self.world.recovery_points[j.source_recovery_point];
        let from = &self.world.vaults[source.vault];
        let to = &self.world.vaults[destination];
        let resource_type = self.world.resources[source.resource].resource_type;
        let capabilities = resource_type.capabilities();
        if to.region != from.region && !capabilities.cross_region_copy {
            return Some(format!(
                "{} recovery points cannot be copied to another Region (vaultsim's words).",
                resource_type.api_name()
            ));
        }
        if to.account != from.account && !capabilities.cross_account_copy {
            return Some(format!(
                "{} recovery points cannot be copied to another account (vaultsim's words).",
                resource_type.api_name()
            ));
        }
        if !self.world.region_enabled(&to.account, &to.region) {
            return Some(format!(
                "Region {} is not enabled in account {} (vaultsim's words).",
                to.region, to.account
            ));
        }
        if to.account != from.account {
            let decision = match &to.access_policy {
                Some(policy) => {
                    policy::evaluate(policy, &from.account, "backup:CopyIntoBackupVault", &to.arn)
                }
                None => policy::Decision::ImplicitlyDenied,
            };
            if !decision.is_allowed() {
                return Some(format!(
                    "Access denied: the access policy of backup vault {} does not allow \
                     backup:CopyIntoBackupVault from account {} (vaultsim's words).",
                    to.arn, from.account
                ));
            }
        }
        let delete_after = j.delete_after_days;
        lock_refuses(to, delete_after)
    }

    fn finish_copy(&mut self, job: usize) {
        let now = self.now;
        if self.copy_jobs[job].state != CopyJobState::Running {
            return;
        }
        let j = &self.copy_jobs[job];
        let destination = j
            .destination_vault
            .expect("a running copy has a destination");
        let source = &self.world.recovery_points[j.source_recovery_point];
        let resource = &self.world.resources[source.resource];
        let arn = recovery_point_arn(
            resource.resource_type,
            &self.world.vaults[destination],
            &format!("copyjob-{}", uuid_text(j.id)),
            &mut self.random,
        );
        let recovery_point = self.world.recovery_points.len();
        let copy = RecoveryPoint {
            arn,
            vault: destination,
            resource: source.resource,
            creation: now,
            completion: now,
            status: RecoveryPointStatus::Completed,
            storage_class: StorageClass::Warm,
            size_bytes: source.size_bytes,
            move_to_cold_storage_after_days: j.move_to_cold_storage_after_days,
            delete_after_days: j.delete_after_days,
            created_by: source.created_by.clone(),
            copied_from: Some(j.source_recovery_point),
            iam_role_arn: j.iam_role_arn.clone(),
        };
        self.world.recovery_points.push(copy);
        self.copy_jobs[job].destination_recovery_point = Some(recovery_point);
        self.set_copy_state(job, CopyJobState::Completed);
        self.record_recovery_point(recovery_point);
        self.schedule_lifecycle(recovery_point);
    }
}

/// Whether a vault lock refuses a job keeping recovery points `retention` days ("backup and copy
/// jobs to this vault with lifecycle retention periods" outside the lock's bounds "will fail").
fn lock_refuses(vault: &Vault, retention: Option<i64>) -> Option<String> {
    let lock = vault.lock.as_ref()?;
    let days = retention.filter(|d| *d > 0);
    let too_short = matches!((days, lock.min_retention_days), (Some(d), Some(min)) if d < min);
    // A recovery point kept indefinitely outlives any maximum.
    let too_long = match (days, lock.max_retention_days) {
        (Some(d), Some(max)) => d > max,
        (None, Some(_)) => true,
        _ => false,
    };
    (too_short || too_long).then(|| {
        format!(
            "The lifecycle retention of this recovery point is outside the minimum and maximum \
             retention of the vault lock on {} (vaultsim's words).",
            vault.arn
        )
    })
}

/// A recovery point's ARN in the form AWS gives each type, in the vault's Region and account:
/// EBS snapshots and EC2 images as EC2 ARNs, RDS and Aurora snapshots named after the job that
/// made them (`awsbackup:job-…`, as in the developer guide's samples; a copy's `copyjob-…` is
/// vaultsim's naming), and AWS Backup's own recovery-point ARN for the rest.
fn recovery_point_arn(
    resource_type: ResourceType,
    vault: &Vault,
    job_name: &str,
    random: &mut SeededRandom,
) -> String {
    let (region, account) = (&vault.region, &vault.account);
    match resource_type {
        ResourceType::Ebs => format!("arn:aws:ec2:{region}::snapshot/snap-{}", random.hex(17)),
        ResourceType::Ec2 => format!("arn:aws:ec2:{region}::image/ami-{}", random.hex(17)),
        ResourceType::Rds => {
            format!("arn:aws:rds:{region}:{account}:snapshot:awsbackup:{job_name}")
        }
        ResourceType::Aurora | ResourceType::DocumentDb | ResourceType::Neptune => {
            format!("arn:aws:rds:{region}:{account}:cluster-snapshot:awsbackup:{job_name}")
        }
        _ => format!(
            "arn:aws:backup:{region}:{account}:recovery-point:{}",
            random.uuid()
        ),
    }
}

/// Standard base64 (the samples' backupPlanVersion is a base64 string).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_encodes_as_the_standard_says() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn the_queue_orders_by_time_then_sequence() {
        let t: DateTime<Utc> = "2024-01-15T02:00:00Z".parse().unwrap();
        let mut queue = BinaryHeap::new();
        for (at, sequence) in [(t, 3), (t, 1), (t - Duration::seconds(1), 9), (t, 2)] {
            queue.push(Reverse(Scheduled {
                at,
                sequence,
                action: Action::StartBackup { job: 0 },
            }));
        }
        let order: Vec<u64> =
            std::iter::from_fn(|| queue.pop().map(|Reverse(s)| s.sequence)).collect();
        assert_eq!(order, [9, 1, 2, 3]);
    }
}
