//! Restore testing as a run carries it out (data/reference/docs/restore-testing.md, "What a run
//! does"): at each scheduled time every selection takes one eligible recovery point per protected
//! resource and AWS Backup starts an ordinary restore job of it, at a moment chosen at random
//! within the plan's start window, naming the plan in the job's `CreatedBy`. The restored
//! resource carries the `awsbackup-restore-test` tag. When the job has COMPLETED, the account's
//! own validation may report a result (PutRestoreValidationResult); once it has, or the
//! selection's validation window has closed, AWS Backup deletes the resource as the restore
//! testing role, whose policy allows the delete by the test tag (databases, instances, volumes,
//! file systems) or by the test name prefix (tables, buckets). A denied delete, on the audit trail
//! like every delete, leaves the deletion FAILED.
//!
//! Model assumptions, said here and in the page's help: the deletion takes minutes (S3's a day:
//! AWS says "up to several days"); a validation window with no result ends TIMED_OUT (the
//! status AWS has for it), and with no window the resource is deleted when the job completes;
//! test restores of the types whose restore names the new resource are named with the
//! `awsbackup-restore-test-` prefix, which the role's policy requires of DynamoDB's tables and
//! S3's buckets (data/reference/iam/AWSServiceRolePolicyForBackupRestoreTesting.json) and which
//! vaultsim gives the databases too.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde_json::{Map, Value, json};

use super::answers::{Answer, Caller, epoch, text};
use super::audit::Decision;
use super::operations::{Done, made};
use super::restore::{RestoreRequest, restorable_window};
use super::{Action, RestoreJobState, Simulation};
use crate::random::{SeededRandom, stable_hash};
use crate::restore_testing::{
    Algorithm, CleanupScope, DeletionStatus, MAX_PLANS_PER_ACCOUNT, MAX_SELECTIONS_PER_PLAN,
    Problem, RestoreTestingPlan, RestoreTestingSelection, TEST_TAG, ValidationStatus, cleanup_call,
    made_by_a_restore_test,
};
use crate::scenario::{Scenario, ValidationSpec};
use crate::schedule::Schedule;
use crate::services::ResourceType;

/// A restore testing plan as a run carries it out.
#[derive(Clone, Debug)]
pub(super) struct TestPlanRun {
    pub account: String,
    pub region: String,
    pub arn: Arc<str>,
    pub created: DateTime<Utc>,
    pub plan: RestoreTestingPlan,
    schedule: Schedule,
    /// Its selections, the deleted ones kept (a test's job names its selection by index).
    selections: Vec<TestSelection>,
    validation: Option<ValidationSpec>,
    /// The plan's own draws (start times, random points): a plan added to a scenario changes
    /// no backup job's timing.
    random: SeededRandom,
    pub last_execution: Option<DateTime<Utc>>,
    /// When UpdateRestoreTestingPlan last changed it.
    last_update: Option<DateTime<Utc>>,
    /// The run its schedule has next: an earlier schedule's run, still queued after an update
    /// changed the schedule, finds it is not this one and does nothing.
    next_run: Option<DateTime<Utc>>,
    /// DeleteRestoreTestingPlan deleted it: it runs no more and no call finds it, but its past
    /// tests still name it.
    deleted: bool,
}

/// A selection of a plan as a run keeps it.
#[derive(Clone, Debug)]
struct TestSelection {
    selection: RestoreTestingSelection,
    created: DateTime<Utc>,
    /// DeleteRestoreTestingSelection deleted it.
    deleted: bool,
}

impl TestPlanRun {
    /// The selections not deleted, with their indexes.
    fn live_selections(&self) -> impl Iterator<Item = (usize, &TestSelection)> {
        (self.selections.iter().enumerate()).filter(|(_, s)| !s.deleted)
    }

    fn live_selection_named(&self, name: &str) -> Option<usize> {
        (self.live_selections())
            .find(|(_, s)| s.selection.name == name)
            .map(|(i, _)| i)
    }
}

/// What a restore job started by a restore testing plan carries beyond any restore's.
#[derive(Clone, Debug, PartialEq)]
pub struct RestoreTest {
    /// The plan, by index into [`Simulation::restore_testing_plans`].
    pub plan: u32,
    pub plan_arn: Arc<str>,
    pub selection: u32,
    pub validation_window_hours: u32,
    /// `ValidationStatus`, its message, and when it was set.
    pub validation: Option<(ValidationStatus, String, DateTime<Utc>)>,
    /// `DeletionStatus`, its message, and when it was set.
    pub deletion: Option<(DeletionStatus, String, DateTime<Utc>)>,
}

/// Reads the scenario's restore testing plans (checked with the scenario: one the API would
/// refuse is left out here).
pub(super) fn plans(scenario: &Scenario, start: DateTime<Utc>, seed: u64) -> Vec<TestPlanRun> {
    let mut runs = Vec::new();
    for spec in &scenario.restore_testing_plans {
        let Ok(plan) = RestoreTestingPlan::read(&spec.restore_testing_plan) else {
            continue;
        };
        let selections: Vec<TestSelection> = spec
            .restore_testing_selections
            .iter()
            .filter_map(|s| RestoreTestingSelection::read(s).ok())
            .map(|selection| TestSelection {
                selection,
                created: start,
                deleted: false,
            })
            .collect();
        // ARNs end in the plan's name and an ID: `restore-testing-plan:NAME-UUID` (the service
        // authorization reference's template, ${RestoreTestingPlanName}-${RestoreTestingPlanId}).
        let mut random =
            SeededRandom::new(seed ^ stable_hash(&[&spec.account, &spec.region, &plan.name]));
        let arn: Arc<str> = format!(
            "arn:aws:backup:{}:{}:restore-testing-plan:{}-{}",
            spec.region,
            spec.account,
            plan.name,
            random.uuid()
        )
        .into();
        runs.push(TestPlanRun {
            account: spec.account.clone(),
            region: spec.region.clone(),
            random,
            arn,
            created: start,
            schedule: plan.schedule(),
            plan,
            selections,
            validation: spec.validation.clone(),
            last_execution: None,
            last_update: None,
            next_run: None,
            deleted: false,
        });
    }
    runs
}

/// How long AWS Backup takes to delete a test's restored resource (a model): S3's clean-up runs
/// through lifecycle rules and "can take up to several days"; the others are deleted directly.
fn deletion_time(resource_type: ResourceType) -> Duration {
    match resource_type {
        ResourceType::S3 => Duration::days(1),
        _ => Duration::minutes(10),
    }
}

impl Simulation {
    pub(super) fn schedule_restore_test(&mut self, plan: usize, after: DateTime<Utc>) {
        let next = self.restore_tests[plan].schedule.next_after(after);
        self.restore_tests[plan].next_run = next;
        if let Some(next) = next {
            self.at(next, Action::RunRestoreTests { plan: plan as u32 });
        }
    }

    /// A scheduled run: each selection's resources, each to be tested at a random moment within
    /// the start window ("randomizes start times within this period").
    pub(super) fn run_restore_tests(&mut self, plan: usize) {
        let now = self.now;
        let run = &self.restore_tests[plan];
        if run.deleted || run.next_run != Some(now) {
            return;
        }
        self.restore_tests[plan].last_execution = Some(now);
        self.schedule_restore_test(plan, now);
        let window_seconds = f64::from(self.restore_tests[plan].plan.start_window_hours) * 3600.0;
        let run = &self.restore_tests[plan];
        let mut tests = Vec::new();
        for (s, selection) in run.live_selections() {
            for (r, resource) in self.world.resources.iter().enumerate() {
                if resource.account == run.account
                    && resource.region == run.region
                    && !made_by_a_restore_test(resource)
                    && selection.selection.takes(resource)
                {
                    tests.push((s, r));
                }
            }
        }
        for (selection, resource) in tests {
            let offset = self.restore_tests[plan].random.between(0.0, window_seconds);
            self.at(
                now + Duration::seconds(offset as i64),
                Action::RestoreTest {
                    plan: plan as u32,
                    selection: selection as u32,
                    resource: resource as u32,
                },
            );
        }
    }

    /// The recovery point a test of `resource` restores now, and the time a continuous one is
    /// restored to: from the plan's account and Region, an included vault, of an allowed kind,
    /// made within the selection window; the latest, or one at random.
    fn test_point(&mut self, plan: usize, resource: usize) -> Option<(u32, Option<DateTime<Utc>>)> {
        let now = self.now;
        let run = &self.restore_tests[plan];
        let selection = run.plan.recovery_point_selection.clone();
        let earliest = now - Duration::days(i64::from(selection.selection_window_days));
        let resource_type = self.world.resources[resource].resource_type;
        // Each eligible point with the span of time it restores to (a snapshot: its moment).
        let mut eligible: Vec<(usize, DateTime<Utc>, DateTime<Utc>)> = Vec::new();
        for (i, rp) in self.world.recovery_points.of_resource(resource) {
            let vault = &self.world.vaults[rp.vault as usize];
            let usable = !rp.is_deleted()
                && rp.status == crate::world::RecoveryPointStatus::Completed
                && vault.account == run.account
                && vault.region == run.region
                && selection.takes_vault(&vault.arn)
                && selection.takes_kind(rp.continuous);
            if !usable {
                continue;
            }
            if rp.continuous {
                let (from, to) = restorable_window(
                    resource_type,
                    rp.creation,
                    rp.lifecycle.retention_days(),
                    now,
                );
                let from = from.max(earliest);
                if from <= to {
                    eligible.push((i, from, to));
                }
            } else if rp.creation >= earliest && rp.creation <= now {
                eligible.push((i, rp.creation, rp.creation));
            }
        }
        let (point, from, to) = match selection.algorithm {
            Algorithm::LatestWithinWindow => eligible.iter().max_by_key(|(i, _, to)| (*to, *i))?,
            Algorithm::RandomWithinWindow => {
                if eligible.is_empty() {
                    return None;
                }
                let random = &mut self.restore_tests[plan].random;
                let pick = (random.unit() * eligible.len() as f64) as usize;
                &eligible[pick.min(eligible.len() - 1)]
            }
        };
        let (point, from, to) = (*point, *from, *to);
        let continuous = self.world.recovery_points.get(point)?.continuous;
        let restore_time = continuous.then(|| match selection.algorithm {
            Algorithm::LatestWithinWindow => to,
            Algorithm::RandomWithinWindow => {
                let span = (to - from).num_seconds() as f64;
                let random = &mut self.restore_tests[plan].random;
                from + Duration::seconds(random.between(0.0, span) as i64)
            }
        });
        Some((point as u32, restore_time))
    }

    /// One resource's test: its point chosen now and its restore job started, by AWS Backup's
    /// restore testing role (CloudTrail shows StartRestoreJob). No eligible point: skipped.
    /// A test whose plan or selection was deleted since the run began, or whose selection was
    /// updated not to take the resource, does not start (a model assumption: AWS does not say).
    pub(super) fn restore_test(&mut self, plan: usize, selection: usize, resource: usize) {
        let run = &self.restore_tests[plan];
        let chosen = &run.selections[selection];
        if run.deleted || chosen.deleted || !chosen.selection.takes(&self.world.resources[resource])
        {
            return;
        }
        let Some((point, restore_time)) = self.test_point(plan, resource) else {
            return;
        };
        let run = &self.restore_tests[plan];
        let chosen = &run.selections[selection].selection;
        let resource_type = self.world.resources[resource].resource_type;
        let mut metadata: BTreeMap<String, String> = chosen.restore_metadata_overrides.clone();
        // A new name for the restored resource unless the overrides give one (the original's
        // name is taken); EFS restores to a new file system by default.
        if let Some((key, _)) = resource_type.restore_name_key()
            && resource_type != ResourceType::Efs
            && !metadata.keys().any(|k| k.eq_ignore_ascii_case(key))
        {
            let salt = stable_hash(&[&run.arn, &point.to_string(), &self.now.to_rfc3339()]);
            let name = format!(
                "{TEST_TAG}-{}",
                run.random.clone().uuid_bits().derive(salt).hex(6)
            );
            metadata.insert(key.to_string(), name);
        }
        let test = RestoreTest {
            plan: plan as u32,
            plan_arn: run.arn.clone(),
            selection: selection as u32,
            validation_window_hours: chosen.validation_window_hours.unwrap_or(0),
            validation: None,
            deletion: None,
        };
        let role: Arc<str> = Arc::from(chosen.iam_role_arn.as_str());
        let who = (
            restore_testing_role(&run.account),
            run.account.clone(),
            run.region.clone(),
        );
        let id = self.restore_tests[plan].random.uuid_bits();
        let job = self.create_restore_job(RestoreRequest {
            recovery_point: point,
            iam_role_arn: role,
            metadata,
            restore_time,
            id: Some(id),
        });
        self.restore_jobs[job].test = Some(Box::new(test));
        self.test_jobs.push((self.now, job));
        let message = format!(
            "Restore job {} created by restore testing plan {}.",
            self.restore_jobs[job].id, self.restore_tests[plan].plan.name
        );
        let resources = vec![self.restore_jobs[job].recovery_point_arn.clone()];
        self.audit_call("StartRestoreJob", who, Ok((message, resources)));
    }

    /// A test's restore has COMPLETED: the validation window opens (the account's validation
    /// reports within it, or it closes), or with none the clean-up starts now.
    pub(super) fn restore_test_completed(&mut self, job: usize) {
        let Some(test) = self.restore_jobs[job].test.as_deref() else {
            return;
        };
        let now = self.now;
        let window = Duration::hours(i64::from(test.validation_window_hours));
        let validation = self.restore_tests[test.plan as usize].validation.clone();
        if let Some(v) = validation {
            // The scenario's check bounds it to the longest window.
            let after = Duration::try_minutes(v.after_minutes.max(0)).unwrap_or(window);
            self.at(now + after, Action::ValidateRestoreTest { job });
        }
        if window > Duration::zero() {
            self.at(now + window, Action::RestoreTestWindowCloses { job });
        } else {
            self.start_test_cleanup(job);
        }
    }

    /// The account's validation reports, as its scenario says (PutRestoreValidationResult).
    pub(super) fn validate_restore_test(&mut self, job: usize) {
        let Some(test) = self.restore_jobs[job].test.as_deref() else {
            return;
        };
        let run = &self.restore_tests[test.plan as usize];
        let Some(v) = run.validation.clone() else {
            return;
        };
        let principal = format!("arn:aws:iam::{}:role/restore-validation", run.account);
        let who = (principal, run.account.clone(), run.region.clone());
        if v.removes_tag {
            self.remove_test_tag(job);
        }
        let status = match v.status.as_str() {
            "FAILED" => ValidationStatus::Failed,
            _ => ValidationStatus::Successful,
        };
        let outcome = self.put_validation_result(job, status, v.message.unwrap_or_default());
        self.audit_call("PutRestoreValidationResult", who, outcome);
    }

    /// Removes the `awsbackup-restore-test` tag from a test's restored resource: a clean-up the
    /// role's policy allows by the tag will be denied.
    pub(super) fn remove_test_tag(&mut self, job: usize) {
        let created = self.restore_jobs[job].created_resource_arn.clone();
        if let Some(index) = created.and_then(|arn| self.world.resource_by_arn(&arn)) {
            self.world.resources[index].tags.remove(TEST_TAG);
        }
    }

    /// PutRestoreValidationResult on a job: only a restore test's, once its restore has
    /// COMPLETED and while its restored resource is there; a final result starts the clean-up.
    pub(super) fn put_validation_result(
        &mut self,
        job: usize,
        status: ValidationStatus,
        message: String,
    ) -> Result<(String, Vec<String>), (&'static str, String)> {
        let now = self.now;
        let j = &self.restore_jobs[job];
        let id = j.id.to_string();
        let Some(test) = j.test.as_deref() else {
            return Err((
                "InvalidRequestException",
                format!(
                    "Restore job {id} was not started by a restore testing plan: only a restore \
                     test's job takes a validation result (vaultsim's words)."
                ),
            ));
        };
        if j.state != RestoreJobState::Completed {
            return Err((
                "InvalidRequestException",
                format!(
                    "Restore job {id} is {}: a validation result is taken once the restore has \
                     COMPLETED (vaultsim's words).",
                    j.state.as_str()
                ),
            ));
        }
        if test.deletion.is_some() || test.validation.as_ref().is_some_and(|(s, ..)| s.is_final()) {
            return Err((
                "InvalidRequestException",
                format!(
                    "Restore job {id}'s validation has ended: its restored resource is being \
                     deleted or is gone (vaultsim's words)."
                ),
            ));
        }
        let resources = vec![j.created_resource_arn.clone().unwrap_or_default()];
        let test = self.restore_jobs[job]
            .test
            .as_deref_mut()
            .expect("checked above");
        test.validation = Some((status, message, now));
        if status.is_final() {
            self.start_test_cleanup(job);
        }
        Ok((
            format!("Validation of restore job {id}: {}.", status.as_str()),
            resources,
        ))
    }

    /// The validation window has closed: TIMED_OUT without a final result, then the clean-up.
    pub(super) fn restore_test_window_closes(&mut self, job: usize) {
        let now = self.now;
        let Some(test) = self.restore_jobs[job].test.as_deref_mut() else {
            return;
        };
        if test.deletion.is_some() {
            return;
        }
        if !test.validation.as_ref().is_some_and(|(s, ..)| s.is_final()) {
            test.validation = Some((ValidationStatus::TimedOut, String::new(), now));
        }
        self.start_test_cleanup(job);
    }

    /// DELETING now; SUCCESSFUL or FAILED when [`Simulation::finish_test_cleanup`] has made its
    /// delete call.
    fn start_test_cleanup(&mut self, job: usize) {
        let now = self.now;
        let resource_type = self.world.resources[self.restore_jobs[job].resource].resource_type;
        let Some(test) = self.restore_jobs[job].test.as_deref_mut() else {
            return;
        };
        if test.deletion.is_some() {
            return;
        }
        test.deletion = Some((DeletionStatus::Deleting, String::new(), now));
        self.at(
            now + deletion_time(resource_type),
            Action::FinishTestCleanup { job },
        );
    }

    /// The clean-up deletes the restored resource as the restore testing role, which the role's
    /// policy allows by the test tag or by the test name prefix, depending on the type
    /// ([`crate::restore_testing::cleanup_call`]). The call is on the audit trail, allowed or
    /// denied; a denied one leaves the deletion FAILED and the resource in place.
    pub(super) fn finish_test_cleanup(&mut self, job: usize) {
        let j = &self.restore_jobs[job];
        let Some(test) = j.test.as_deref() else {
            return;
        };
        let created = j.created_resource_arn.clone().unwrap_or_default();
        let source = &self.world.resources[j.resource];
        let (resource_type, source_arn) = (source.resource_type, source.arn.as_str());
        let run = &self.restore_tests[test.plan as usize];
        let who = (
            restore_testing_role(&run.account),
            run.account.clone(),
            run.region.clone(),
        );
        let index = self.world.resource_by_arn(&created);
        let tagged = index.is_some_and(|i| self.world.resources[i].tags.contains_key(TEST_TAG));
        let Some(call) = cleanup_call(resource_type, source_arn) else {
            // Not a type a selection takes: nothing in the role's policy deletes it.
            self.set_test_deletion(
                job,
                DeletionStatus::Failed,
                format!(
                    "The restore testing role has no permission to delete a {} resource: delete \
                     {created} yourself (vaultsim's words).",
                    resource_type.api_name()
                ),
            );
            return;
        };
        let source_and_name = (call.event_source, call.event_name);
        if call.allowed(&created, tagged) {
            let message = format!("{created} deleted: the restore test's clean-up.");
            let resources = vec![created];
            self.audit_call_in(source_and_name, who, Decision::Allowed, message, resources);
            self.set_test_deletion(job, DeletionStatus::Successful, String::new());
            if let Some(index) = index {
                self.deleted_resources.insert(index);
            }
            return;
        }
        let because = match call.scope {
            CleanupScope::Tagged => format!(
                "the role's policy allows it only on a resource that carries the {TEST_TAG} tag, \
                 and this one does not (the tag was removed, or the restore wrote into a \
                 resource that never had it)"
            ),
            CleanupScope::NamePrefixed => format!(
                "the role's policy allows it only on a resource named {TEST_TAG}-…, and the \
                 restore was given another name"
            ),
        };
        let denied = format!(
            "User: {} is not authorized to perform: {} on resource: {created}: {because} \
             (vaultsim's words).",
            who.0, call.action
        );
        let decision = Decision::Denied {
            error_code: call.denied_error_code,
        };
        let resources = vec![created.clone()];
        self.audit_call_in(source_and_name, who, decision, denied, resources);
        self.set_test_deletion(
            job,
            DeletionStatus::Failed,
            format!(
                "AWS Backup could not delete {created}: {} was denied, because {because}. \
                 Delete it yourself (vaultsim's words).",
                call.action
            ),
        );
    }

    fn set_test_deletion(&mut self, job: usize, status: DeletionStatus, message: String) {
        let now = self.now;
        if let Some(test) = self.restore_jobs[job].test.as_deref_mut() {
            test.deletion = Some((status, message, now));
        }
    }
}

/// The restore testing service-linked role, which starts a test's restore and deletes what it
/// restored.
fn restore_testing_role(account: &str) -> String {
    format!(
        "arn:aws:iam::{account}:role/aws-service-role/restore-testing.backup.amazonaws.com/{}",
        crate::restore_testing::SERVICE_LINKED_ROLE
    )
}

/// The restore testing calls the console makes.
const CHANGES: &[&str] = &[
    "CreateRestoreTestingPlan",
    "CreateRestoreTestingSelection",
    "UpdateRestoreTestingPlan",
    "UpdateRestoreTestingSelection",
    "DeleteRestoreTestingPlan",
    "DeleteRestoreTestingSelection",
    "PutRestoreValidationResult",
];

/// A request's required member, or the API's answer that it is missing.
fn member<'a>(input: &'a Value, name: &str) -> Result<&'a Value, Answer> {
    input.get(name).ok_or_else(|| {
        Answer::error(
            "MissingParameterValueException",
            format!("{name} is required (vaultsim's words)."),
        )
    })
}

/// A request's mistakes as the API reports the first: a missing member, or a value it refuses.
fn refused(problems: Vec<Problem>, at: &str) -> Answer {
    let Some(p) = problems.into_iter().next() else {
        return Answer::error("InvalidParameterValueException", "invalid request");
    };
    let code = if p.message.ends_with(" is required") {
        "MissingParameterValueException"
    } else {
        "InvalidParameterValueException"
    };
    Answer::error(
        code,
        format!("{at}{}: {} ({})", p.pointer, p.message, p.help),
    )
}

impl Simulation {
    /// The restore testing plans `caller` sees (not deleted), by index.
    fn restore_tests_of<'a>(
        &'a self,
        caller: &'a Caller,
    ) -> impl Iterator<Item = (usize, &'a TestPlanRun)> {
        (self.restore_tests.iter().enumerate())
            .filter(|(_, t)| t.account == caller.account && t.region == caller.region && !t.deleted)
    }

    fn restore_test_named(&self, caller: &Caller, input: &Value) -> Result<usize, Answer> {
        let name = text(input, "RestoreTestingPlanName").unwrap_or_default();
        self.restore_tests_of(caller)
            .find(|(_, t)| t.plan.name == name)
            .map(|(i, _)| i)
            .ok_or_else(|| {
                Answer::error(
                    "ResourceNotFoundException",
                    format!(
                        "No restore testing plan named {name} in {} {} (vaultsim's words).",
                        caller.account, caller.region
                    ),
                )
            })
    }

    /// The plan and the selection (not deleted) a request names, by index.
    fn restore_test_selection_named(
        &self,
        caller: &Caller,
        input: &Value,
    ) -> Result<(usize, usize), Answer> {
        let plan = self.restore_test_named(caller, input)?;
        let run = &self.restore_tests[plan];
        let name = text(input, "RestoreTestingSelectionName").unwrap_or_default();
        match run.live_selection_named(name) {
            Some(index) => Ok((plan, index)),
            None => Err(Answer::error(
                "ResourceNotFoundException",
                format!(
                    "Restore testing plan {} has no selection named {name} (vaultsim's words).",
                    run.plan.name
                ),
            )),
        }
    }

    /// The answer to a restore testing plan or selection read; `None` for other operations.
    pub(super) fn answer_restore_testing(
        &self,
        caller: &Caller,
        operation: &str,
        input: &Value,
    ) -> Option<Answer> {
        let answer = match operation {
            "ListRestoreTestingPlans" => {
                let plans: Vec<Value> = self
                    .restore_tests_of(caller)
                    .map(|(_, t)| Value::Object(self.plan_view(t, false)))
                    .collect();
                Answer::Response(json!({ "RestoreTestingPlans": plans }))
            }
            "GetRestoreTestingPlan" => match self.restore_test_named(caller, input) {
                Ok(i) => {
                    let view = self.plan_view(&self.restore_tests[i], true);
                    Answer::Response(json!({ "RestoreTestingPlan": view }))
                }
                Err(answer) => answer,
            },
            "ListRestoreTestingSelections" => match self.restore_test_named(caller, input) {
                Ok(i) => {
                    let t = &self.restore_tests[i];
                    let list: Vec<Value> = (t.live_selections())
                        .map(|(_, s)| Value::Object(selection_view(t, s, false)))
                        .collect();
                    Answer::Response(json!({ "RestoreTestingSelections": list }))
                }
                Err(answer) => answer,
            },
            "GetRestoreTestingSelection" => {
                match self.restore_test_selection_named(caller, input) {
                    Ok((plan, s)) => {
                        let t = &self.restore_tests[plan];
                        let view = selection_view(t, &t.selections[s], true);
                        Answer::Response(json!({ "RestoreTestingSelection": view }))
                    }
                    Err(answer) => answer,
                }
            }
            _ => return None,
        };
        Some(answer)
    }

    /// RestoreTestingPlanForList, or with `full` RestoreTestingPlanForGet.
    fn plan_view(&self, t: &TestPlanRun, full: bool) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("CreationTime".into(), epoch(t.created));
        if let Some(at) = t.last_execution {
            out.insert("LastExecutionTime".into(), epoch(at));
        }
        if let Some(at) = t.last_update {
            out.insert("LastUpdateTime".into(), epoch(at));
        }
        let mut plan = t.plan.to_json();
        if !full {
            plan.remove("RecoveryPointSelection");
        }
        out.append(&mut plan);
        out.insert("RestoreTestingPlanArn".into(), json!(&*t.arn));
        out
    }

    /// Create, Update and Delete of restore testing plans and selections, and
    /// PutRestoreValidationResult, from the console, audited as its calls are; `None` for other
    /// operations.
    pub(super) fn call_restore_testing(
        &mut self,
        caller: &Caller,
        operation: &str,
        input: &Value,
    ) -> Option<Answer> {
        if !CHANGES.contains(&operation) {
            return None;
        }
        Some(self.console_change(caller, operation, |s| {
            // Each change gives its response, or (Err) the API's refusal.
            let answer = match operation {
                "CreateRestoreTestingPlan" => s.create_restore_testing_plan(caller, input),
                "CreateRestoreTestingSelection" => {
                    s.create_restore_testing_selection(caller, input)
                }
                "UpdateRestoreTestingPlan" => s.update_restore_testing_plan(caller, input),
                "UpdateRestoreTestingSelection" => {
                    s.update_restore_testing_selection(caller, input)
                }
                "DeleteRestoreTestingPlan" => s.delete_restore_testing_plan(caller, input),
                "DeleteRestoreTestingSelection" => {
                    s.delete_restore_testing_selection(caller, input)
                }
                // What it audits names the job's restored resource.
                _ => return s.put_restore_validation_result(caller, input),
            };
            answer.and_then(|answer| made(answer, |_| (format!("{operation} made."), Vec::new())))
        }))
    }

    fn create_restore_testing_plan(
        &mut self,
        caller: &Caller,
        input: &Value,
    ) -> Result<Answer, Answer> {
        let body = member(input, "RestoreTestingPlan")?;
        let plan = RestoreTestingPlan::read(body)
            .map_err(|problems| refused(problems, "RestoreTestingPlan"))?;
        if self
            .restore_tests_of(caller)
            .any(|(_, t)| t.plan.name == plan.name)
        {
            return Err(Answer::error(
                "AlreadyExistsException",
                format!(
                    "A restore testing plan named {} already exists (vaultsim's words).",
                    plan.name
                ),
            ));
        }
        if self.restore_tests_of(caller).count() >= MAX_PLANS_PER_ACCOUNT {
            return Err(Answer::error(
                "LimitExceededException",
                format!(
                    "An account has at most {MAX_PLANS_PER_ACCOUNT} restore testing plans \
                     (vaultsim's words)."
                ),
            ));
        }
        let now = self.now;
        // A plan made again under a deleted one's name gets an ID of its own.
        let before = (self.restore_tests.iter())
            .filter(|t| t.account == caller.account && t.region == caller.region)
            .filter(|t| t.deleted && t.plan.name == plan.name)
            .count();
        let mut parts = vec![
            caller.account.as_str(),
            caller.region.as_str(),
            "restore-testing-plan",
            plan.name.as_str(),
        ];
        let again = before.to_string();
        if before > 0 {
            parts.push(&again);
        }
        let id = self.named_id(&parts);
        let arn: Arc<str> = format!(
            "arn:aws:backup:{}:{}:restore-testing-plan:{}-{id}",
            caller.region, caller.account, plan.name
        )
        .into();
        let run = TestPlanRun {
            account: caller.account.clone(),
            region: caller.region.clone(),
            random: SeededRandom::new(stable_hash(&[&arn])),
            arn: arn.clone(),
            created: now,
            schedule: plan.schedule(),
            plan,
            selections: Vec::new(),
            validation: None,
            last_execution: None,
            last_update: None,
            next_run: None,
            deleted: false,
        };
        let name = run.plan.name.clone();
        self.restore_tests.push(run);
        self.schedule_restore_test(self.restore_tests.len() - 1, now);
        Ok(Answer::Response(json!({
            "CreationTime": epoch(now),
            "RestoreTestingPlanArn": &*arn,
            "RestoreTestingPlanName": name,
        })))
    }

    fn create_restore_testing_selection(
        &mut self,
        caller: &Caller,
        input: &Value,
    ) -> Result<Answer, Answer> {
        let plan = self.restore_test_named(caller, input)?;
        let body = member(input, "RestoreTestingSelection")?;
        let selection = RestoreTestingSelection::read(body)
            .map_err(|problems| refused(problems, "RestoreTestingSelection"))?;
        let run = &self.restore_tests[plan];
        if run.live_selection_named(&selection.name).is_some() {
            return Err(Answer::error(
                "AlreadyExistsException",
                format!(
                    "Restore testing plan {} has a selection named {} already (vaultsim's words).",
                    run.plan.name, selection.name
                ),
            ));
        }
        if run.live_selections().count() >= MAX_SELECTIONS_PER_PLAN {
            return Err(Answer::error(
                "LimitExceededException",
                format!(
                    "A restore testing plan has at most {MAX_SELECTIONS_PER_PLAN} selections \
                     (vaultsim's words)."
                ),
            ));
        }
        let now = self.now;
        let run = &mut self.restore_tests[plan];
        let name = selection.name.clone();
        run.selections.push(TestSelection {
            selection,
            created: now,
            deleted: false,
        });
        Ok(Answer::Response(json!({
            "CreationTime": epoch(now),
            "RestoreTestingPlanArn": &*run.arn,
            "RestoreTestingPlanName": run.plan.name,
            "RestoreTestingSelectionName": name,
        })))
    }

    /// UpdateRestoreTestingPlan: the members given replace the plan's (not its name); a new
    /// schedule takes effect from now.
    fn update_restore_testing_plan(
        &mut self,
        caller: &Caller,
        input: &Value,
    ) -> Result<Answer, Answer> {
        let plan = self.restore_test_named(caller, input)?;
        let body = member(input, "RestoreTestingPlan")?;
        let updated = self.restore_tests[plan]
            .plan
            .updated(body)
            .map_err(|problems| refused(problems, "RestoreTestingPlan"))?;
        let now = self.now;
        let run = &mut self.restore_tests[plan];
        run.schedule = updated.schedule();
        run.plan = updated;
        run.last_update = Some(now);
        // The run already queued stands if the new schedule keeps it.
        if run.schedule.next_after(now) != run.next_run {
            self.schedule_restore_test(plan, now);
        }
        let run = &self.restore_tests[plan];
        Ok(Answer::Response(json!({
            "CreationTime": epoch(run.created),
            "RestoreTestingPlanArn": &*run.arn,
            "RestoreTestingPlanName": run.plan.name,
            "UpdateTime": epoch(now),
        })))
    }

    /// UpdateRestoreTestingSelection: the members given replace the selection's (not its name
    /// nor its resource type).
    fn update_restore_testing_selection(
        &mut self,
        caller: &Caller,
        input: &Value,
    ) -> Result<Answer, Answer> {
        let (plan, index) = self.restore_test_selection_named(caller, input)?;
        let run = &self.restore_tests[plan];
        let body = member(input, "RestoreTestingSelection")?;
        let updated = run.selections[index]
            .selection
            .updated(body)
            .map_err(|problems| refused(problems, "RestoreTestingSelection"))?;
        let now = self.now;
        let run = &mut self.restore_tests[plan];
        run.selections[index].selection = updated;
        Ok(Answer::Response(json!({
            "CreationTime": epoch(run.selections[index].created),
            "RestoreTestingPlanArn": &*run.arn,
            "RestoreTestingPlanName": run.plan.name,
            "RestoreTestingSelectionName": run.selections[index].selection.name,
            "UpdateTime": epoch(now),
        })))
    }

    /// DeleteRestoreTestingPlan (HTTP 204): "Deletion can only successfully occur if all
    /// associated restore testing selections are deleted first."
    fn delete_restore_testing_plan(
        &mut self,
        caller: &Caller,
        input: &Value,
    ) -> Result<Answer, Answer> {
        let plan = self.restore_test_named(caller, input)?;
        let run = &self.restore_tests[plan];
        let left: Vec<&str> = (run.live_selections())
            .map(|(_, s)| s.selection.name.as_str())
            .collect();
        if !left.is_empty() {
            return Err(Answer::error(
                "InvalidRequestException",
                format!(
                    "Restore testing plan {} still has selections ({}): delete them first \
                     (vaultsim's words).",
                    run.plan.name,
                    left.join(", ")
                ),
            ));
        }
        let run = &mut self.restore_tests[plan];
        run.deleted = true;
        run.next_run = None;
        Ok(Answer::Response(json!({})))
    }

    /// DeleteRestoreTestingSelection (HTTP 204).
    fn delete_restore_testing_selection(
        &mut self,
        caller: &Caller,
        input: &Value,
    ) -> Result<Answer, Answer> {
        let (plan, index) = self.restore_test_selection_named(caller, input)?;
        self.restore_tests[plan].selections[index].deleted = true;
        Ok(Answer::Response(json!({})))
    }

    fn put_restore_validation_result(
        &mut self,
        caller: &Caller,
        input: &Value,
    ) -> Result<(Answer, Done), Answer> {
        let Some(id) = text(input, "RestoreJobId") else {
            return Err(Answer::error(
                "MissingParameterValueException",
                "RestoreJobId is required (vaultsim's words).",
            ));
        };
        let Some(status) = text(input, "ValidationStatus") else {
            return Err(Answer::error(
                "MissingParameterValueException",
                "ValidationStatus is required (vaultsim's words).",
            ));
        };
        let Some(status) = ValidationStatus::from_name(status) else {
            let names: Vec<&str> = ValidationStatus::ALL.iter().map(|s| s.as_str()).collect();
            return Err(Answer::error(
                "InvalidParameterValueException",
                format!(
                    "ValidationStatus {status} is not one of {} (vaultsim's words).",
                    names.join(", ")
                ),
            ));
        };
        let found = (self.restore_jobs.indexed()).find(|(_, j)| {
            let vault = &self.world.vaults[j.vault];
            j.id.to_string() == id
                && vault.account == caller.account
                && vault.region == caller.region
        });
        let Some((job, _)) = found else {
            return Err(Answer::error(
                "ResourceNotFoundException",
                format!(
                    "No restore job {id} in {} {} (vaultsim's words).",
                    caller.account, caller.region
                ),
            ));
        };
        let message = text(input, "ValidationStatusMessage")
            .unwrap_or_default()
            .to_string();
        match self.put_validation_result(job, status, message) {
            // HTTP 204: no body.
            Ok(done) => Ok((Answer::Response(json!({})), done)),
            Err((code, message)) => Err(Answer::error(code, message)),
        }
    }

    /// A restore job's test members: CreatedBy names the plan; ValidationStatus and
    /// DeletionStatus with their messages, once set.
    pub(super) fn restore_test_view(test: &RestoreTest, out: &mut Map<String, Value>) {
        out.insert(
            "CreatedBy".into(),
            json!({ "RestoreTestingPlanArn": &*test.plan_arn }),
        );
        if let Some((status, message, _)) = &test.validation {
            out.insert("ValidationStatus".into(), json!(status.as_str()));
            if !message.is_empty() {
                out.insert("ValidationStatusMessage".into(), json!(message));
            }
        }
        if let Some((status, message, _)) = &test.deletion {
            out.insert("DeletionStatus".into(), json!(status.as_str()));
            if !message.is_empty() {
                out.insert("DeletionStatusMessage".into(), json!(message));
            }
        }
    }

    /// Whether a resource has been deleted during the run (a restore test's clean-up).
    pub fn resource_deleted(&self, resource: usize) -> bool {
        self.deleted_resources.contains(&resource)
    }
}

/// RestoreTestingSelectionForList, or with `full` RestoreTestingSelectionForGet.
fn selection_view(t: &TestPlanRun, s: &TestSelection, full: bool) -> Map<String, Value> {
    let mut out = s.selection.to_json();
    if !full {
        for member in [
            "ProtectedResourceArns",
            "ProtectedResourceConditions",
            "RestoreMetadataOverrides",
        ] {
            out.remove(member);
        }
    }
    out.insert("CreationTime".into(), epoch(s.created));
    out.insert("RestoreTestingPlanName".into(), json!(t.plan.name));
    out
}

/// One step of a restore test, for a timeline: its restore job's start and end, its validation
/// and its clean-up.
#[derive(Clone, Debug, PartialEq)]
pub struct TestStep {
    pub at: DateTime<Utc>,
    pub what: TestStepKind,
    /// Why (a failed restore's or deletion's message, the validation's).
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestStepKind {
    /// The restore job was started (CREATED).
    Started,
    /// The restore job ended: COMPLETED, ABORTED or FAILED.
    Restored(RestoreJobState),
    Validation(ValidationStatus),
    Deletion(DeletionStatus),
}

impl TestStepKind {
    /// The step as people read it: "restore COMPLETED", "validation SUCCESSFUL".
    pub fn label(self) -> String {
        match self {
            TestStepKind::Started => "restore started".to_string(),
            TestStepKind::Restored(state) => format!("restore {}", state.as_str()),
            TestStepKind::Validation(status) => format!("validation {}", status.as_str()),
            TestStepKind::Deletion(status) => format!("deletion {}", status.as_str()),
        }
    }

    /// Whether the test ends at this step: its clean-up has ended, or its restore did not
    /// complete (nothing was made to validate or delete).
    pub fn ends_test(self) -> bool {
        match self {
            TestStepKind::Restored(state) => state != RestoreJobState::Completed,
            TestStepKind::Deletion(status) => status != DeletionStatus::Deleting,
            _ => false,
        }
    }

    /// Whether the step is a failure (a restore, validation or deletion that did not succeed).
    pub fn failed(self) -> bool {
        match self {
            TestStepKind::Started => false,
            TestStepKind::Restored(state) => state != RestoreJobState::Completed,
            TestStepKind::Validation(status) => {
                matches!(
                    status,
                    ValidationStatus::Failed | ValidationStatus::TimedOut
                )
            }
            TestStepKind::Deletion(status) => status == DeletionStatus::Failed,
        }
    }
}

/// The longest a test lasts from its restore's start to the end of its clean-up: its restore
/// (hours), the longest validation window, and S3's day of deletion, with a day to spare.
fn longest_test() -> Duration {
    Duration::hours(i64::from(
        crate::restore_testing::MAX_VALIDATION_WINDOW_HOURS,
    )) + Duration::days(2)
}

impl Simulation {
    /// The restore jobs of restore tests that may overlap `from` to `to`, in the order they
    /// were started: found from an index by start time, so that a timeline's frame does not walk
    /// every restore job of a long run.
    pub fn restore_tests_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> impl Iterator<Item = usize> + '_ {
        let earliest = from - longest_test();
        let first = self.test_jobs.partition_point(|&(at, _)| at < earliest);
        self.test_jobs[first..]
            .iter()
            .take_while(move |&&(at, _)| at <= to)
            .map(|&(_, job)| job)
            .filter(|&job| self.restore_jobs.get(job).is_some())
    }

    /// The restore test a restore job ran, if a restore testing plan started it: the plan's and
    /// the selection's names, and its steps so far, in time order.
    pub fn restore_test_steps(&self, job: usize) -> Option<(&str, &str, Vec<TestStep>)> {
        let j = self.restore_jobs.get(job)?;
        let test = j.test.as_deref()?;
        let run = self.restore_tests.get(test.plan as usize)?;
        let selection = &run.selections.get(test.selection as usize)?.selection;
        let mut steps = vec![TestStep {
            at: j.creation,
            what: TestStepKind::Started,
            message: String::new(),
        }];
        if let Some(done) = j.completion {
            steps.push(TestStep {
                at: done,
                what: TestStepKind::Restored(j.state),
                message: j.status_message.clone(),
            });
        }
        if let Some((status, message, at)) = &test.validation {
            steps.push(TestStep {
                at: *at,
                what: TestStepKind::Validation(*status),
                message: message.clone(),
            });
        }
        if let Some((status, message, at)) = &test.deletion {
            steps.push(TestStep {
                at: *at,
                what: TestStepKind::Deletion(*status),
                message: message.clone(),
            });
        }
        steps.sort_by_key(|s| s.at);
        Some((&run.plan.name, &selection.name, steps))
    }
}
