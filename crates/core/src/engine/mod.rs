//! The simulation: a discrete-event queue ordered by (time, sequence), so that events at the same
//! instant leave it in the order they were scheduled and the same scenario and seed give the
//! same run (`queue`). Time is passed in (`run_until`, `step`); nothing here reads a clock. This
//! file owns the `Simulation`: setting a scenario up (its world and its plans, each checked as
//! AWS would) and carrying out each action when it falls due.
//!
//! What happens, and on what evidence, follows data/reference: rules fire on their schedules
//! in their time zones and pick resources (`selection`) to create one backup job each
//! (`backup`); completed jobs leave recovery points whose lifecycle moves them to cold storage
//! and deletes them (`lifecycle`); copy actions start copy jobs (`copy`); restores make new
//! resources (`restore`); every kind of job moves through the job log (`job_log`, the kinds in
//! `jobs`, drawn by `state_machine`); API calls at chosen times are allowed or denied
//! (`operations`) with an entry in the audit trail (`audit`); database windows make backups fail
//! (`maintenance`); and faults make things go wrong on purpose (`faults`). Durations are a model
//! (`timing`); events are written out as EventBridge delivers them (`render`).

mod answers;
mod audit;
mod backup;
mod copy;
mod faults;
mod job_log;
mod jobs;
mod lifecycle;
mod maintenance;
pub mod metering;
mod notifications;
mod operations;
mod plan_calls;
mod queue;
mod recovery;
mod render;
mod restore;
mod restore_testing;
mod selection;
mod state_machine;
mod timing;

use std::collections::BTreeMap;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Duration, Utc};

pub use answers::{Answer, Caller, ServiceError};
pub use audit::{AuditEntry, Decision};
pub use job_log::{History, Job, JobCounts, JobLog, JobState, LoggedJob, StateCounts};
pub use jobs::{
    BackupJob, BackupJobState, CopyJob, CopyJobState, JobOutcome, RestoreJob, RestoreJobState,
};
pub use notifications::{Delivery, DeliveryKind, Subscription};
pub use operations::MadeCall;
pub use recovery::{Assessment, Candidate, Incident, Lost, RpoOverTime, Unusable};
pub use render::{Event, PointSnapshot, Subject, VaultChange};
pub use restore_testing::{RestoreTest, TestStep, TestStepKind};
pub use state_machine::StateMachine;

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::order;
use crate::plan::{self, BackupPlan, BackupSelection, CheckOptions};
use crate::random::SeededRandom;
use crate::scenario::Scenario;
use crate::schedule::{CronExpression, Schedule, Timezone};
use crate::services::{ResourceType, Service};
use crate::world::{Account, CreatedBy, Resource, Vault, VaultLock, World};

/// A plan running in an account and Region.
#[derive(Clone, Debug)]
struct PlanRun {
    account: String,
    region: String,
    /// BackupPlanId, BackupPlanArn and VersionId, and when the plan was created: the
    /// scenario's start for its plans, the call's moment for one made from the console.
    id: String,
    arn: String,
    version: String,
    created: DateTime<Utc>,
    plan: BackupPlan,
    selections: Vec<BackupSelection>,
    /// When each selection was made, in `selections`' order.
    selections_created: Vec<DateTime<Utc>>,
    /// The resources the selections pick, each with the origin (rule and role) of the first
    /// selection that picks it, per rule: worked out once, as resources and their tags do not
    /// change during a run.
    selected: Vec<usize>,
    rules: Vec<RuleRun>,
}

/// A plan as the simulation runs it (see [`Simulation::plans`]).
#[derive(Clone, Copy, Debug)]
pub struct RunningPlan<'a> {
    pub account: &'a str,
    pub region: &'a str,
    pub plan: &'a BackupPlan,
    pub selections: &'a [BackupSelection],
    /// The resources its selections pick, by index into the world's resources.
    pub selected: &'a [usize],
}

#[derive(Clone, Debug)]
struct RuleRun {
    /// What its jobs' recovery points say made them (CreatedBy).
    created_by: Arc<CreatedBy>,
    /// Per selected resource (in `PlanRun::selected` order), its jobs' origin.
    origins: Vec<u32>,
    schedule: Schedule,
    /// The destination of each copy action (an index into `Simulation::vault_arns`).
    copy_destinations: Vec<u32>,
    /// When the rule last ran, for the overlap optimisation.
    last_run: Option<DateTime<Utc>>,
}

/// How many of a rule run's jobs one step makes: a fleet's rule run (10,000 jobs, about 130 ms
/// natively in one step) is then steps of a few milliseconds, each short enough for the page's
/// slices. The events and their order are the same as in one step.
const RULE_JOBS_PER_STEP: usize = 256;

/// Something that will happen, and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    RunRule {
        plan: usize,
        rule: usize,
    },
    /// A rule run's jobs from its `from`-th selected resource on: a large selection's jobs are
    /// made [`RULE_JOBS_PER_STEP`] a step, so that no step takes long (the page simulates in
    /// slices of a few milliseconds), each batch first at its instant so the run is as one.
    RuleJobs {
        plan: u32,
        rule: u32,
        from: u32,
    },
    StartBackup {
        job: usize,
    },
    RunBackup {
        job: usize,
    },
    FinishBackup {
        job: usize,
    },
    ExpireBackup {
        job: usize,
    },
    AbortBackup {
        job: usize,
    },
    StartCopy {
        job: usize,
    },
    FinishCopy {
        job: usize,
    },
    StartRestore {
        job: usize,
    },
    RunRestore {
        job: usize,
    },
    FinishRestore {
        job: usize,
    },
    /// The lifecycle lane's first recovery point is due.
    Lifecycle {
        lane: usize,
    },
    Operate {
        operation: usize,
    },
    Corrupt {
        resource: usize,
    },
    /// A restore testing plan's scheduled run.
    RunRestoreTests {
        plan: u32,
    },
    /// One resource's restore test, at its moment in the start window.
    RestoreTest {
        plan: u32,
        selection: u32,
        resource: u32,
    },
    /// The account's validation reports on a test restore.
    ValidateRestoreTest {
        job: usize,
    },
    RestoreTestWindowCloses {
        job: usize,
    },
    FinishTestCleanup {
        job: usize,
    },
}

/// A backup or copy job, as the one a resource is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RunningJob {
    Backup(usize),
    Copy(usize),
}

/// What the engine tracks of one resource.
#[derive(Clone, Debug, Default)]
struct Tracked {
    /// Its running backup or copy job: "Only one backup or copy job for a given resource can
    /// run at a time" (dg:recov-point-create-a-copy.html), so a second job of the resource waits.
    running: Option<RunningJob>,
    /// When its last backup completed, for incremental sizes.
    last_backup: Option<DateTime<Utc>>,
    /// Its continuous recovery point ("a single resource can only have one continuous backup").
    continuous: Option<u32>,
}

/// A running simulation of AWS Backup.
#[derive(Clone, Debug)]
pub struct Simulation {
    /// When the scenario starts.
    start: DateTime<Utc>,
    now: DateTime<Utc>,
    queue: queue::Queue<Action>,
    random: SeededRandom,
    world: World,
    plans: Vec<PlanRun>,
    backup_jobs: JobLog<BackupJob>,
    copy_jobs: JobLog<CopyJob>,
    restore_jobs: JobLog<RestoreJob>,
    /// Events recorded since the last [`Simulation::take_events`].
    events: Vec<Event>,
    /// When events were last handed over: every event before it has been.
    handed_over: DateTime<Utc>,
    /// Every event recorded since the start.
    events_recorded: u64,
    /// What every event's ID is derived from (drawn once from the seed).
    event_ids: crate::random::Uuid,
    audit: Vec<AuditEntry>,
    /// What the engine tracks per resource, by resource index.
    tracked: Vec<Tracked>,
    lanes: lifecycle::Lanes,
    /// Every vault ARN a job has named, existing or not, with the vault if it exists (vaults
    /// are not made or deleted during a run): jobs keep an index into it.
    vault_arns: Vec<(Box<str>, Option<usize>)>,
    /// Each (source vault, destination vault) pair's access decision for cross-account copies:
    /// a few pairs, searched in turn.
    copy_access: Vec<((usize, usize), crate::policy::Decision, bool)>,
    faults: faults::Faults,
    operations: Vec<operations::Call>,
    /// The databases' maintenance and backup windows, read once.
    windows: maintenance::DatabaseWindows,
    /// Copy jobs waiting in CREATED for their resource's running job to end, as (resource, job),
    /// oldest first: "Additional copy jobs for the same resource remain in CREATED status until
    /// the running job completes." Few at a time, so kept apart from the per-resource record.
    waiting_copies: Vec<(usize, usize)>,
    /// The monitoring set-up (topics, subscriptions, rules, vault notifications) and what it
    /// delivered.
    notifications: notifications::Notifications,
    /// The resources whose RPO is followed through time, by resource index
    /// ([`Simulation::watch_rpo`]): none unless asked for.
    rpo_watches: BTreeMap<usize, Vec<recovery::Watch>>,
    /// What AWS bills by, measured as the run goes.
    meter: metering::Meter,
    /// The restore testing plans, in the scenario's order.
    restore_tests: Vec<restore_testing::TestPlanRun>,
    /// Each restore test's job with when it started, in that order (see
    /// [`Simulation::restore_tests_between`]).
    test_jobs: Vec<(DateTime<Utc>, usize)>,
    /// Resources deleted during the run (a restore test's clean-up), by index: they stay in
    /// the world's list, which jobs index, but no longer exist.
    deleted_resources: std::collections::BTreeSet<usize>,
}

impl Simulation {
    /// Sets up a scenario: its world, its plans (checked as AWS would; a plan AWS would refuse
    /// is an error here), its operations and faults, and each rule's first run.
    pub fn new(scenario: &Scenario) -> Result<Simulation, Vec<Diagnostic>> {
        let start = scenario.start();
        let mut random = SeededRandom::new(scenario.seed);
        let mut world = build_world(scenario, start);
        let mut plans = Vec::new();
        let mut errors = Vec::new();
        let mut vault_arns = Vec::new();
        for (i, spec) in scenario.plans.iter().enumerate() {
            let text = serde_json::to_string(&spec.document).unwrap_or_default();
            let checked = plan::check(&text, &CheckOptions { now: start });
            // A plan AWS would refuse does not run (a scenario read from JSON reports each
            // finding in place; this catches scenarios built otherwise).
            if let Some(finding) = checked.findings.iter().find(|f| f.diagnostic.is_error()) {
                errors.push(
                    Diagnostic::error(
                        codes::SCENARIO_PLAN,
                        0..0,
                        format!("AWS would refuse the plan: {}", finding.diagnostic.message),
                    )
                    .with_help("fix the plan's findings (vaultsim validate shows them)")
                    .at(format!("/Plans/{i}/Document")),
                );
                continue;
            }
            let (Some(root), Some(form)) = (checked.root.as_ref(), checked.form) else {
                continue;
            };
            let typed = match plan::typed_plan(root, form) {
                Ok(p) => p,
                Err(message) => {
                    errors.push(
                        Diagnostic::error(codes::SCENARIO_PLAN, 0..0, message)
                            .with_help("fix the plan's findings (vaultsim validate shows them)")
                            .at(format!("/Plans/{i}/Document")),
                    );
                    continue;
                }
            };
            let selections = plan::typed_selections(root, form);
            let picks = picks(&world, &spec.account, &spec.region, &selections);
            let id = random.uuid();
            let arn = format!(
                "arn:aws:backup:{}:{}:backup-plan:{id}",
                spec.region, spec.account
            );
            // The samples' backupPlanVersion is a base64 string.
            let version = BASE64.encode(random.uuid().as_bytes());
            let mut rules = Vec::new();
            for rule in &typed.rules {
                let created_by = Arc::new(CreatedBy {
                    backup_plan_id: id.clone(),
                    backup_plan_arn: arn.clone(),
                    backup_plan_version: version.clone(),
                    backup_plan_rule_id: random.uuid(),
                });
                rules.push(rule_run(
                    &mut world,
                    &mut vault_arns,
                    rule,
                    created_by,
                    &picks,
                ));
            }
            plans.push(PlanRun {
                account: spec.account.clone(),
                region: spec.region.clone(),
                id,
                arn,
                version,
                created: start,
                selected: picks.into_iter().map(|(i, _)| i).collect(),
                plan: typed,
                selections_created: vec![start; selections.len()],
                selections,
                rules,
            });
        }
        for (i, vault) in scenario.vaults.iter().enumerate() {
            // A scenario read from JSON reports these in place; this catches scenarios built
            // otherwise, so that an air-gapped vault never runs with bounds vaultsim made up.
            if vault.air_gapped {
                crate::scenario::check_air_gapped(vault, i, &|_| 0..0, &mut errors);
            }
        }
        let event_ids = random.uuid_bits();
        let operations = operations::calls(scenario, &world, &mut errors);
        let faults = faults::Faults::new(scenario, &world);
        let mut windows = maintenance::DatabaseWindows::default();
        for (i, resource) in world.resources.iter().enumerate() {
            windows.add(i, resource);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut simulation = Simulation {
            start,
            now: start,
            queue: queue::Queue::starting_at(start),
            random,
            world,
            plans,
            backup_jobs: JobLog::default(),
            copy_jobs: JobLog::default(),
            restore_jobs: JobLog::default(),
            events: Vec::new(),
            handed_over: start,
            events_recorded: 0,
            event_ids,
            audit: Vec::new(),
            tracked: Vec::new(),
            lanes: lifecycle::Lanes::default(),
            vault_arns,
            copy_access: Vec::new(),
            faults,
            operations,
            windows,
            waiting_copies: Vec::new(),
            notifications: notifications::Notifications::default(),
            rpo_watches: BTreeMap::new(),
            meter: metering::Meter::default(),
            restore_tests: restore_testing::plans(scenario, start, scenario.seed),
            deleted_resources: Default::default(),
            test_jobs: Vec::new(),
        };
        // A rule whose run falls exactly on the start time runs.
        let before_start = start - Duration::seconds(1);
        for plan in 0..simulation.plans.len() {
            for rule in 0..simulation.plans[plan].rules.len() {
                simulation.schedule_rule(plan, rule, before_start);
            }
        }
        for plan in 0..simulation.restore_tests.len() {
            simulation.schedule_restore_test(plan, before_start);
        }
        for operation in 0..simulation.operations.len() {
            let at = simulation.operations[operation].at.max(start);
            simulation.at(at, Action::Operate { operation });
        }
        for (resource, at) in simulation.faults.corruptions() {
            simulation.at(at.max(start), Action::Corrupt { resource });
        }
        Ok(simulation)
    }

    /// When the scenario starts.
    pub fn start(&self) -> DateTime<Utc> {
        self.start
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

    /// Hands over the events recorded so far, so that a long run need not keep them all. Jobs
    /// that ended more than 30 days ago, and whose events were all handed over by an earlier
    /// call, leave the job logs (AWS lists jobs for 30 days); their counts stay in
    /// [`Simulation::job_counts`]. Recovery points deleted before the earlier call may be let
    /// go too (see [`crate::world::RecoveryPoints::release`]).
    pub fn take_events(&mut self) -> Vec<Event> {
        let cutoff = (self.now - Duration::days(30)).min(self.handed_over);
        // Deleted recovery points go once their deletions were handed over by an earlier call.
        self.world.recovery_points.release(self.handed_over);
        self.handed_over = self.now;
        let old = |completion: Option<DateTime<Utc>>| completion.is_some_and(|c| c < cutoff);
        self.backup_jobs.release_while(|j| old(j.completion));
        self.copy_jobs.release_while(|j| old(j.completion));
        self.restore_jobs.release_while(|j| old(j.completion));
        let restore_jobs = &self.restore_jobs;
        self.test_jobs
            .retain(|&(_, job)| restore_jobs.get(job).is_some());
        // The next batch is about as large as this one: start it at that size.
        let capacity = self.events.len();
        std::mem::replace(&mut self.events, Vec::with_capacity(capacity))
    }

    /// How many events the run has recorded, taken or not.
    pub fn events_recorded(&self) -> u64 {
        self.events_recorded
    }

    /// The backup jobs of the last 30 days at least (all of them until events are taken).
    pub fn backup_jobs(&self) -> &JobLog<BackupJob> {
        &self.backup_jobs
    }

    pub fn copy_jobs(&self) -> &JobLog<CopyJob> {
        &self.copy_jobs
    }

    pub fn restore_jobs(&self) -> &JobLog<RestoreJob> {
        &self.restore_jobs
    }

    /// Where the plans send backups: each (resource, target vault) a rule backs up into, the
    /// vault `None` when it does not exist. For drawing the architecture.
    /// A rule whose primary target is a logically air-gapped vault sends fully managed types
    /// there and the others to its backup vault (whose temporary points are copied across: see
    /// [`Simulation::copy_flows`]).
    pub fn backup_flows(&self) -> Vec<(usize, Option<usize>)> {
        let mut flows = Vec::new();
        for run in &self.plans {
            for rule in &run.plan.rules {
                let arn = Vault::arn_of(&run.account, &run.region, &rule.target_backup_vault_name);
                let vault = self.world.vault_by_arn(&arn);
                let air_gapped = rule
                    .target_logically_air_gapped_backup_vault_arn
                    .as_deref()
                    .map(|arn| self.world.vault_by_arn(arn));
                flows.extend(run.selected.iter().map(|&r| match air_gapped {
                    Some(lag) if self.world.resources[r].service.fully_managed() => (r, lag),
                    _ => (r, vault),
                }));
            }
        }
        order::sort_by_key(&mut flows, flow_order);
        flows.dedup();
        flows
    }

    /// Where the plans' copy actions send recovery points: each (source vault, destination
    /// vault), the destination `None` when it does not exist.
    pub fn copy_flows(&self) -> Vec<(usize, Option<usize>)> {
        let mut flows = Vec::new();
        for run in &self.plans {
            for (rule, spec) in run.rules.iter().zip(&run.plan.rules) {
                let arn = Vault::arn_of(&run.account, &run.region, &spec.target_backup_vault_name);
                let Some(source) = self.world.vault_by_arn(&arn) else {
                    continue;
                };
                flows.extend(
                    rule.copy_destinations
                        .iter()
                        .map(|&d| (source, self.vault_at(d))),
                );
                // Temporary points of types AWS Backup does not fully manage go on to an
                // air-gapped primary target.
                if let Some(lag) = &spec.target_logically_air_gapped_backup_vault_arn
                    && run
                        .selected
                        .iter()
                        .any(|&r| !self.world.resources[r].service.fully_managed())
                {
                    flows.push((source, self.world.vault_by_arn(lag)));
                }
            }
        }
        order::sort_by_key(&mut flows, flow_order);
        flows.dedup();
        flows
    }

    /// The plans running, in the scenario's order: where each is, its rules, and the resources
    /// its selections pick.
    pub fn plans(&self) -> impl Iterator<Item = RunningPlan<'_>> {
        self.plans.iter().map(|run| RunningPlan {
            account: &run.account,
            region: &run.region,
            plan: &run.plan,
            selections: &run.selections,
            selected: &run.selected,
        })
    }

    /// Jobs by type and state, over the whole run.
    pub fn job_counts(&self) -> JobCounts {
        JobCounts {
            backup: self.backup_jobs.counts(),
            copy: self.copy_jobs.counts(),
            restore: self.restore_jobs.counts(),
        }
    }

    /// Every API call the scenario made, allowed or denied, and every access decision AWS
    /// Backup made on its own behalf (a copy into another account's vault).
    pub fn audit_trail(&self) -> &[AuditEntry] {
        &self.audit
    }

    /// When the next action is due, if any.
    pub fn next_at(&self) -> Option<DateTime<Utc>> {
        self.queue.next_at()
    }

    /// Carries out the next action; returns the events it sent, or `None` when nothing is left.
    pub fn step(&mut self) -> Option<&[Event]> {
        let (at, action) = self.queue.pop()?;
        let before = self.events.len();
        self.now = at;
        self.act(action);
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
        self.queue.push(at, action);
    }

    /// Records that something happened now; the event's JSON is written only when asked for
    /// ([`Simulation::event_json`]), so a long run stays fast and small.
    fn record(&mut self, subject: Subject) {
        let event = Event {
            sequence: self.events_recorded,
            time: self.now,
            subject,
        };
        self.events.push(event);
        self.events_recorded += 1;
        // Written as JSON only when a rule or a vault's notifications may send it on.
        if self.notifications.listening() {
            self.notify(&event);
        }
    }

    /// What the engine tracks of a resource (restores add resources as the run goes).
    fn tracked(&mut self, resource: usize) -> &mut Tracked {
        if resource >= self.tracked.len() {
            self.tracked.resize_with(resource + 1, Tracked::default);
        }
        &mut self.tracked[resource]
    }

    /// A vault ARN's index in `vault_arns`.
    fn vault_arn_id(&mut self, arn: &str) -> u32 {
        vault_arn_id(&mut self.vault_arns, &self.world, arn)
    }

    pub(crate) fn vault_arn(&self, id: u32) -> &str {
        &self.vault_arns[id as usize].0
    }

    /// The vault a vault ARN index names, if it exists (and was not deleted).
    fn vault_at(&self, id: u32) -> Option<usize> {
        self.vault_arns[id as usize]
            .1
            .filter(|&v| !self.world.vaults[v].is_deleted())
    }

    /// A resource's running backup or copy job has ended: the oldest copy job waiting for it
    /// starts trying now.
    fn resource_freed(&mut self, resource: usize, job: RunningJob) {
        let now = self.now;
        let tracked = self.tracked(resource);
        if tracked.running != Some(job) {
            return;
        }
        tracked.running = None;
        if self.waiting_copies.is_empty() {
            return;
        }
        if let Some(i) = self.waiting_copies.iter().position(|(r, _)| *r == resource) {
            let (_, copy) = self.waiting_copies.remove(i);
            self.at(now, Action::StartCopy { job: copy });
        }
    }

    fn schedule_rule(&mut self, plan: usize, rule: usize, after: DateTime<Utc>) {
        if let Some(next) = self.plans[plan].rules[rule].schedule.next_after(after) {
            self.at(next, Action::RunRule { plan, rule });
        }
    }

    fn act(&mut self, action: Action) {
        // An action left for a job that has ended and been let go since (a stopped job's
        // finish, say) has nothing left to do.
        let released = match action {
            Action::StartBackup { job }
            | Action::RunBackup { job }
            | Action::FinishBackup { job }
            | Action::ExpireBackup { job }
            | Action::AbortBackup { job } => self.backup_jobs.get(job).is_none(),
            Action::StartCopy { job } | Action::FinishCopy { job } => {
                self.copy_jobs.get(job).is_none()
            }
            Action::StartRestore { job }
            | Action::RunRestore { job }
            | Action::FinishRestore { job }
            | Action::ValidateRestoreTest { job }
            | Action::RestoreTestWindowCloses { job }
            | Action::FinishTestCleanup { job } => self.restore_jobs.get(job).is_none(),
            _ => false,
        };
        if released {
            return;
        }
        match action {
            Action::RunRule { plan, rule } => self.run_rule(plan, rule),
            Action::RuleJobs { plan, rule, from } => {
                self.rule_jobs(plan as usize, rule as usize, from as usize)
            }
            Action::StartBackup { job } => self.start_backup(job),
            Action::RunBackup { job } => self.run_backup(job),
            Action::FinishBackup { job } => self.finish_backup(job),
            Action::ExpireBackup { job } => self.expire_backup(job),
            Action::AbortBackup { job } => self.abort_backup(job),
            Action::StartCopy { job } => self.start_copy(job),
            Action::FinishCopy { job } => self.finish_copy(job),
            Action::StartRestore { job } => self.start_restore(job),
            Action::RunRestore { job } => self.run_restore(job),
            Action::FinishRestore { job } => self.finish_restore(job),
            Action::Lifecycle { lane } => self.run_lane(lane),
            Action::Operate { operation } => self.operate(operation),
            Action::RunRestoreTests { plan } => self.run_restore_tests(plan as usize),
            Action::RestoreTest {
                plan,
                selection,
                resource,
            } => self.restore_test(plan as usize, selection as usize, resource as usize),
            Action::ValidateRestoreTest { job } => self.validate_restore_test(job),
            Action::RestoreTestWindowCloses { job } => self.restore_test_window_closes(job),
            Action::FinishTestCleanup { job } => self.finish_test_cleanup(job),
            Action::Corrupt { resource } => {
                self.faults.corrupt(resource);
                // From now on the points made carry it: what can be restored changed.
                self.rpo_points_changed(resource);
            }
        }
    }
}

/// A flow's order as the tuple's: by source, then destination, a missing destination first.
fn flow_order(&(from, to): &(usize, Option<usize>)) -> u64 {
    order::pair(from, to.map_or(0, |to| to.saturating_add(1)))
}

/// A job's index as events keep it: a run makes fewer than 2^32 jobs of a kind (a simulated
/// year of a 10,000-resource fleet makes under 10 million).
fn job_index(job: usize) -> u32 {
    u32::try_from(job).expect("fewer than 2^32 jobs of a kind")
}

/// The scenario's accounts, resources and vaults. Compliance-mode locks the scenario gives are
/// set at its start; an air-gapped vault is always compliance-locked.
fn build_world(scenario: &Scenario, start: DateTime<Utc>) -> World {
    let mut world = World::default();
    for a in &scenario.accounts {
        world.accounts.push(Account {
            id: a.id.clone(),
            name: a.name.clone(),
            regions: a.regions.clone(),
            organization_id: a.organization_id.clone(),
            dynamodb_advanced: a.dynamodb_advanced(),
        });
    }
    let first_account = scenario
        .accounts
        .first()
        .map(|a| (a.id.clone(), a.regions.first().cloned().unwrap_or_default()));
    for r in &scenario.resources {
        let engine = r.configuration.get("Engine").map(String::as_str);
        let Some(resource_type) = ResourceType::from_arn_and_engine(&r.arn, engine) else {
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
        let dynamodb_advanced = world.account(&account).is_none_or(|a| a.dynamodb_advanced);
        world.resources.push(Resource {
            service: Service::of(resource_type, &r.arn, dynamodb_advanced),
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
            configuration: r.configuration.clone(),
        });
    }
    for v in &scenario.vaults {
        // ChangeableForDays is checked (3 to 36,500) when a scenario is read.
        let lock_date = |days: i64| {
            Duration::try_days(days.clamp(0, 36_500)).and_then(|d| start.checked_add_signed(d))
        };
        let lock = v.lock.as_ref().map(|l| VaultLock {
            min_retention_days: l.min_retention_days,
            max_retention_days: l.max_retention_days,
            lock_date: l.changeable_for_days.and_then(lock_date),
        });
        // "each vault is equipped with AWS Backup Vault Lock's compliance mode": an air-gapped
        // vault's lock is compliance mode, immutable from its creation, with the retention
        // bounds the scenario must give it (LAG-1, checked when a scenario is read).
        let lock = match lock {
            Some(lock) if v.air_gapped => Some(VaultLock {
                lock_date: Some(start),
                ..lock
            }),
            lock => lock,
        };
        world.add_vault(Vault {
            arn: Vault::arn_of(&v.account, &v.region, &v.name),
            name: v.name.clone(),
            account: v.account.clone(),
            region: v.region.clone(),
            encryption_key_arn: v.encryption_key_arn.clone(),
            access_policy: v.access_policy.clone(),
            lock,
            air_gapped: v.air_gapped,
            deleted: None,
        });
    }
    world
}

/// The resources of an account and Region that a plan's selections pick, each with the role of
/// the first selection that picks it; never one a restore test made, which backup plans ignore.
fn picks(
    world: &World,
    account: &str,
    region: &str,
    selections: &[BackupSelection],
) -> Vec<(usize, Arc<str>)> {
    (world.resources.iter().enumerate())
        .filter(|(_, r)| r.account == account && r.region == region)
        .filter(|(_, r)| !crate::restore_testing::made_by_a_restore_test(r))
        .filter_map(|(i, r)| {
            let s = selections.iter().find(|s| selection::selects(s, r))?;
            Some((i, Arc::<str>::from(s.iam_role_arn.as_str())))
        })
        .collect()
}

/// A rule as the simulation runs it: its schedule, its copy destinations, and the origin of
/// each picked resource's jobs.
fn rule_run(
    world: &mut World,
    vault_arns: &mut Vec<(Box<str>, Option<usize>)>,
    rule: &plan::BackupRule,
    created_by: Arc<CreatedBy>,
    picks: &[(usize, Arc<str>)],
) -> RuleRun {
    let origins = (picks.iter())
        .map(|(_, role)| world.origin(Some(created_by.clone()), role.clone()))
        .collect();
    RuleRun {
        created_by,
        origins,
        schedule: Schedule::new(
            CronExpression::parse(&rule.schedule_expression)
                .expect("a typed plan's schedules are valid"),
            Timezone::parse(&rule.schedule_expression_timezone).unwrap_or_default(),
        ),
        copy_destinations: (rule.copy_actions.iter())
            .map(|c| vault_arn_id(vault_arns, world, &c.destination_backup_vault_arn))
            .collect(),
        last_run: None,
    }
}

fn vault_arn_id(vault_arns: &mut Vec<(Box<str>, Option<usize>)>, world: &World, arn: &str) -> u32 {
    let index = match vault_arns.iter().position(|(a, _)| &**a == arn) {
        Some(i) => i,
        None => {
            vault_arns.push((arn.into(), world.vault_by_arn(arn)));
            vault_arns.len() - 1
        }
    };
    index as u32
}

/// Whether a vault lock refuses a job keeping recovery points `retention` days ("backup and copy
/// jobs to this vault with lifecycle retention periods" outside the lock's bounds "will fail").
fn lock_refuses(vault: &Vault, retention: Option<i64>) -> Option<String> {
    let lock = vault.lock.as_ref()?;
    let too_short = matches!((retention, lock.min_retention_days), (Some(d), Some(min)) if d < min);
    // A recovery point kept indefinitely outlives any maximum.
    let too_long = match (retention, lock.max_retention_days) {
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
