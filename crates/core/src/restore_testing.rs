//! Restore testing plans and selections as AWS Backup's API takes them: CreateRestoreTestingPlan's
//! `RestoreTestingPlanForCreate` and CreateRestoreTestingSelection's
//! `RestoreTestingSelectionForCreate`, with their members, defaults and limits (rules RT-1 and RT-2
//! in data/reference/validation-rules.json; data/reference/docs/restore-testing.md). Which
//! resources and recovery points a selection takes is here; what a run does with them (the
//! restore jobs, validation and clean-up) is the engine's (`engine::restore_testing`).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::schedule::{CronExpression, Schedule, Timezone};
use crate::services::ResourceType;
use crate::suggest;
use crate::wildcard;
use crate::world::Resource;

/// `ScheduleExpression`'s default: "cron(0 5 ? * * *)" (API_RestoreTestingPlanForUpdate).
pub const DEFAULT_SCHEDULE: &str = "cron(0 5 ? * * *)";
/// `StartWindowHours`: "default 24, max 168"; a test not started by then is canceled.
pub const DEFAULT_START_WINDOW_HOURS: u32 = 24;
pub const MAX_START_WINDOW_HOURS: u32 = 168;
/// `SelectionWindowDays`: "from 1 to 365 … defaults to 30".
pub const DEFAULT_SELECTION_WINDOW_DAYS: u32 = 30;
pub const MAX_SELECTION_WINDOW_DAYS: u32 = 365;
/// `ValidationWindowHours`: 0 to 168 in the API (the console says 1 to 168).
pub const MAX_VALIDATION_WINDOW_HOURS: u32 = 168;
/// "up to 30 specific protected resource ARNs" (API_RestoreTestingSelectionForCreate).
pub const MAX_PROTECTED_RESOURCE_ARNS: usize = 30;
/// Plan and selection names: letters, digits and underscores, at most 50 (the API and quota
/// pages; the CLI reference's 1 to 256 with hyphens disagrees, and the API wins).
pub const MAX_NAME_LENGTH: usize = 50;
/// The tag on every resource a restore test makes: backup plans ignore what carries it, and
/// AWS Backup deletes the resource by it after the test; "removing the tag makes the deletion
/// fail" (dg:restore-testing.html), for the types the role's policy deletes by the tag
/// ([`CleanupScope`]).
pub const TEST_TAG: &str = "awsbackup-restore-test";
/// Whether a resource is one a restore test made: it carries the test tag, or its name (its
/// ARN's last part) starts with the test name. "Backup plans ignore resources with that tag or
/// name prefix" (data/reference/docs/restore-testing.md, "What a run does"), and so do restore
/// tests. A restored file system whose tag was removed has neither, and is backed up again.
pub fn made_by_a_restore_test(resource: &Resource) -> bool {
    resource.tags.contains_key(TEST_TAG) || named_as_a_test(&resource.arn)
}

/// Whether the resource `arn` names is named `awsbackup-restore-test-…`.
fn named_as_a_test(arn: &str) -> bool {
    arn.rsplit(['/', ':'])
        .next()
        .is_some_and(|name| name.starts_with(&format!("{TEST_TAG}-")))
}

/// The service-linked role the first restore testing plan creates, which starts the tests.
pub const SERVICE_LINKED_ROLE: &str = "AWSServiceRoleForBackupRestoreTesting";

/// "100 restore testing plans per account" (dg:aws-backup-limits.html).
pub const MAX_PLANS_PER_ACCOUNT: usize = 100;
/// "30 selections per plan" (dg:aws-backup-limits.html).
pub const MAX_SELECTIONS_PER_PLAN: usize = 30;
/// The `ValidationStatus` values that end a validation (RestoreValidationStatus has VALIDATING
/// too, for one still running, and TIMED_OUT, which AWS Backup sets when the window closes).
pub const VALIDATION_RESULTS: [&str; 2] = ["SUCCESSFUL", "FAILED"];

/// The types a selection's `ProtectedResourceType` takes (API_RestoreTestingSelectionForCreate).
pub const PROTECTED_RESOURCE_TYPES: [ResourceType; 10] = [
    ResourceType::Aurora,
    ResourceType::DocumentDb,
    ResourceType::DynamoDb,
    ResourceType::Ebs,
    ResourceType::Ec2,
    ResourceType::Efs,
    ResourceType::FSx,
    ResourceType::Neptune,
    ResourceType::Rds,
    ResourceType::S3,
];

/// `ValidationStatus` on a restore test's job (RestoreValidationStatus).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValidationStatus {
    Validating,
    Successful,
    Failed,
    /// AWS Backup's, when the validation window closes first.
    TimedOut,
}

impl ValidationStatus {
    pub const ALL: [ValidationStatus; 4] = [
        ValidationStatus::Validating,
        ValidationStatus::Successful,
        ValidationStatus::Failed,
        ValidationStatus::TimedOut,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ValidationStatus::Validating => "VALIDATING",
            ValidationStatus::Successful => "SUCCESSFUL",
            ValidationStatus::Failed => "FAILED",
            ValidationStatus::TimedOut => "TIMED_OUT",
        }
    }

    pub fn from_name(name: &str) -> Option<ValidationStatus> {
        ValidationStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == name)
    }

    /// Whether the validation has ended: "Once the optional validation completes or the
    /// validation window closes, AWS Backup deletes the resources involved".
    pub fn is_final(self) -> bool {
        self != ValidationStatus::Validating
    }
}

/// `DeletionStatus` on a restore test's job (RestoreDeletionStatus): its clean-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeletionStatus {
    Deleting,
    Successful,
    Failed,
}

impl DeletionStatus {
    pub const ALL: [DeletionStatus; 3] = [
        DeletionStatus::Deleting,
        DeletionStatus::Successful,
        DeletionStatus::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeletionStatus::Deleting => "DELETING",
            DeletionStatus::Successful => "SUCCESSFUL",
            DeletionStatus::Failed => "FAILED",
        }
    }
}

/// What lets the clean-up delete a test's restored resource: the restore testing role's
/// permissions policy (data/reference/iam/AWSServiceRolePolicyForBackupRestoreTesting.json,
/// version v3) allows each delete call either on any resource that carries the test tag, or on
/// any resource named with the test prefix, tag or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CleanupScope {
    /// Statement `DeleteActions`: any resource, on the condition
    /// `"Null": {"aws:ResourceTag/awsbackup-restore-test": "false"}`, i.e. that the tag is there.
    /// Removing the tag denies the call: the deletion fails, as dg:restore-testing.html warns.
    Tagged,
    /// Statements `DdbDeleteActions` and `S3DeleteActions`: only resources whose ARN ends in a
    /// name that starts `awsbackup-restore-test-`, and no tag condition. Their other condition,
    /// `aws:ResourceAccount` equal to the role's account, always holds: a test restores a point
    /// of its plan's account into that account. The developer guide's warning about removing
    /// the tag is general; the policy is the specific evidence, and by it a table or bucket so
    /// named is deleted with its tag gone, while one a test was told to name otherwise
    /// (`RestoreMetadataOverrides`) is never deleted.
    NamePrefixed,
}

/// One call a test's clean-up makes as the restore testing role, as CloudTrail records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CleanupCall {
    /// CloudTrail's `eventSource`.
    pub event_source: &'static str,
    /// The operation: CloudTrail's `eventName`.
    pub event_name: &'static str,
    /// The IAM action the policy allows it by.
    pub action: &'static str,
    pub scope: CleanupScope,
    /// The error code a denied call answers with: EC2's is `Client.UnauthorizedOperation`
    /// (EC2 API Reference, "Troubleshooting API request errors") and S3's `AccessDenied` (S3 API
    /// Reference, "List of error codes"); for the others vaultsim writes
    /// `AccessDeniedException`, the access error of the common errors their API references list
    /// (a model assumption: a service's CloudTrail record may spell it otherwise).
    pub denied_error_code: &'static str,
}

const EC2_DENIED: &str = "Client.UnauthorizedOperation";
const ACCESS_DENIED: &str = "AccessDeniedException";

const fn tagged(
    event_source: &'static str,
    event_name: &'static str,
    action: &'static str,
    denied_error_code: &'static str,
) -> CleanupCall {
    CleanupCall {
        event_source,
        event_name,
        action,
        scope: CleanupScope::Tagged,
        denied_error_code,
    }
}

const fn name_prefixed(
    event_source: &'static str,
    event_name: &'static str,
    action: &'static str,
) -> CleanupCall {
    CleanupCall {
        event_source,
        event_name,
        action,
        scope: CleanupScope::NamePrefixed,
        denied_error_code: ACCESS_DENIED,
    }
}

/// The call a test's clean-up deletes its restored resource with. What was restored has the
/// shape of what was backed up (`source_arn`): an FSx volume is deleted as a volume and an RDS
/// Multi-AZ DB cluster as a cluster. The types a selection takes ([`PROTECTED_RESOURCE_TYPES`])
/// each have one in the role's policy; any other has none. S3's clean-up first puts lifecycle
/// rules on the bucket to empty it (the policy's `s3:PutLifecycleConfiguration`, on the same
/// buckets), then deletes the bucket; vaultsim shows the deletion, at its end (a model
/// assumption: a bucket the policy does not cover is refused at the first call in AWS, with the
/// same outcome).
pub fn cleanup_call(resource_type: ResourceType, source_arn: &str) -> Option<CleanupCall> {
    const EC2: &str = "ec2.amazonaws.com";
    const RDS: &str = "rds.amazonaws.com";
    const EFS: &str = "elasticfilesystem.amazonaws.com";
    const FSX: &str = "fsx.amazonaws.com";
    Some(match resource_type {
        ResourceType::Ec2 => tagged(
            EC2,
            "TerminateInstances",
            "ec2:TerminateInstances",
            EC2_DENIED,
        ),
        ResourceType::Ebs => tagged(EC2, "DeleteVolume", "ec2:DeleteVolume", EC2_DENIED),
        // The policy writes the action `elasticfilesystem:DeleteFilesystem`; IAM action names
        // are case-insensitive, and the operation is DeleteFileSystem.
        ResourceType::Efs => tagged(
            EFS,
            "DeleteFileSystem",
            "elasticfilesystem:DeleteFileSystem",
            ACCESS_DENIED,
        ),
        ResourceType::Rds if source_arn.contains(":cluster:") => {
            tagged(RDS, "DeleteDBCluster", "rds:DeleteDBCluster", ACCESS_DENIED)
        }
        ResourceType::Rds => tagged(
            RDS,
            "DeleteDBInstance",
            "rds:DeleteDBInstance",
            ACCESS_DENIED,
        ),
        ResourceType::Aurora | ResourceType::DocumentDb | ResourceType::Neptune => {
            tagged(RDS, "DeleteDBCluster", "rds:DeleteDBCluster", ACCESS_DENIED)
        }
        ResourceType::FSx if source_arn.contains(":volume/") => {
            tagged(FSX, "DeleteVolume", "fsx:DeleteVolume", ACCESS_DENIED)
        }
        ResourceType::FSx => tagged(
            FSX,
            "DeleteFileSystem",
            "fsx:DeleteFileSystem",
            ACCESS_DENIED,
        ),
        ResourceType::DynamoDb => name_prefixed(
            "dynamodb.amazonaws.com",
            "DeleteTable",
            "dynamodb:DeleteTable",
        ),
        ResourceType::S3 => CleanupCall {
            denied_error_code: "AccessDenied",
            ..name_prefixed("s3.amazonaws.com", "DeleteBucket", "s3:DeleteBucket")
        },
        _ => return None,
    })
}

impl CleanupCall {
    /// Whether the role's policy allows the call on the restored resource `created_arn`, which
    /// carries the test tag or not (`tagged`).
    pub fn allowed(&self, created_arn: &str, tagged: bool) -> bool {
        match self.scope {
            CleanupScope::Tagged => tagged,
            CleanupScope::NamePrefixed => named_as_a_test(created_arn),
        }
    }
}

/// `RecoveryPointSelection.Algorithm`: which point in the window a test restores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    LatestWithinWindow,
    RandomWithinWindow,
}

impl Algorithm {
    pub const ALL: [Algorithm; 2] = [Algorithm::LatestWithinWindow, Algorithm::RandomWithinWindow];

    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::LatestWithinWindow => "LATEST_WITHIN_WINDOW",
            Algorithm::RandomWithinWindow => "RANDOM_WITHIN_WINDOW",
        }
    }
}

/// `RecoveryPointSelection`: from which vaults, of which kinds and how recent a test's point is.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryPointSelection {
    pub algorithm: Algorithm,
    /// `RecoveryPointTypes` holds SNAPSHOT.
    pub snapshot: bool,
    /// `RecoveryPointTypes` holds CONTINUOUS: a point-in-time restore.
    pub continuous: bool,
    /// `["*"]`, or vault ARNs and ARN wildcards.
    pub include_vaults: Vec<String>,
    pub exclude_vaults: Vec<String>,
    pub selection_window_days: u32,
}

impl RecoveryPointSelection {
    /// Whether a point in the vault may be tested: included, and not excluded.
    pub fn takes_vault(&self, vault_arn: &str) -> bool {
        let named = |list: &[String]| list.iter().any(|p| wildcard::matches(p, vault_arn));
        named(&self.include_vaults) && !named(&self.exclude_vaults)
    }

    /// Whether a point of this kind (continuous or a snapshot) may be tested.
    pub fn takes_kind(&self, continuous: bool) -> bool {
        if continuous {
            self.continuous
        } else {
            self.snapshot
        }
    }
}

/// A restore testing plan (`RestoreTestingPlanForCreate`).
#[derive(Clone, Debug, PartialEq)]
pub struct RestoreTestingPlan {
    pub name: String,
    pub schedule_expression: String,
    pub schedule_expression_timezone: Option<String>,
    pub start_window_hours: u32,
    pub recovery_point_selection: RecoveryPointSelection,
}

impl RestoreTestingPlan {
    /// When the plan runs: its cron expression in its time zone (UTC by default). Read only
    /// from a plan [`RestoreTestingPlan::read`] accepted.
    pub fn schedule(&self) -> Schedule {
        let cron = CronExpression::parse(&self.schedule_expression)
            .or_else(|_| CronExpression::parse(DEFAULT_SCHEDULE))
            .expect("the default schedule parses");
        let zone = self
            .schedule_expression_timezone
            .as_deref()
            .and_then(|z| Timezone::parse(z).ok())
            .unwrap_or_default();
        Schedule::new(cron, zone)
    }
}

impl RestoreTestingPlan {
    /// The plan as a `RestoreTestingPlanForCreate` (the members of RestoreTestingPlanForGet it
    /// was made from).
    pub fn to_json(&self) -> Map<String, Value> {
        let s = &self.recovery_point_selection;
        let mut types = Vec::new();
        if s.continuous {
            types.push("CONTINUOUS");
        }
        if s.snapshot {
            types.push("SNAPSHOT");
        }
        let mut out = Map::new();
        out.insert(
            "RecoveryPointSelection".into(),
            json!({
                "Algorithm": s.algorithm.as_str(),
                "ExcludeVaults": s.exclude_vaults,
                "IncludeVaults": s.include_vaults,
                "RecoveryPointTypes": types,
                "SelectionWindowDays": s.selection_window_days,
            }),
        );
        out.insert("RestoreTestingPlanName".into(), json!(self.name));
        out.insert("ScheduleExpression".into(), json!(self.schedule_expression));
        if let Some(zone) = &self.schedule_expression_timezone {
            out.insert("ScheduleExpressionTimezone".into(), json!(zone));
        }
        out.insert("StartWindowHours".into(), json!(self.start_window_hours));
        out
    }

    /// The plan after UpdateRestoreTestingPlan's `RestoreTestingPlanForUpdate`: each member given
    /// replaces the plan's, and the result is checked as a new plan is (RT-1).
    pub fn updated(&self, update: &Value) -> Result<RestoreTestingPlan, Vec<Problem>> {
        let merged = apply_update(
            self.to_json(),
            update,
            "a plan update",
            &PLAN_UPDATE_MEMBERS,
        )?;
        RestoreTestingPlan::read(&merged)
    }
}

/// A tag condition of `ProtectedResourceConditions`: `StringEquals` or `StringNotEquals`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    pub key: String,
    pub value: String,
    pub equals: bool,
}

/// A restore testing selection (`RestoreTestingSelectionForCreate`).
#[derive(Clone, Debug, PartialEq)]
pub struct RestoreTestingSelection {
    pub name: String,
    pub protected_resource_type: ResourceType,
    pub iam_role_arn: String,
    /// ARNs, or `["*"]` (every protected resource of the type, narrowed by the conditions).
    pub protected_resource_arns: Vec<String>,
    pub conditions: Vec<Condition>,
    /// Restore metadata that overrides what AWS Backup infers (keys in any letter case).
    pub restore_metadata_overrides: BTreeMap<String, String>,
    /// Hours after the restore completes that AWS Backup waits for a validation result before
    /// it deletes the restored resource; none (or 0) deletes it at once.
    pub validation_window_hours: Option<u32>,
}

impl RestoreTestingSelection {
    /// Whether the selection takes the resource: its type, then its ARN listed, or `["*"]` and
    /// every condition met. Conditions are matched against "the tags on the latest recovery
    /// point" (dg:restore-testing.html); a vaultsim recovery point carries its resource's tags,
    /// which do not change during a run, so the resource's are read.
    pub fn takes(&self, resource: &Resource) -> bool {
        if resource.resource_type != self.protected_resource_type {
            return false;
        }
        if self.protected_resource_arns.iter().any(|a| a == "*") {
            self.conditions.iter().all(|c| {
                let tagged = resource.tags.get(&c.key) == Some(&c.value);
                tagged == c.equals
            })
        } else {
            self.protected_resource_arns.contains(&resource.arn)
        }
    }
}

impl RestoreTestingSelection {
    /// The selection as a `RestoreTestingSelectionForCreate` (the members of
    /// RestoreTestingSelectionForGet it was made from).
    pub fn to_json(&self) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("IamRoleArn".into(), json!(self.iam_role_arn));
        out.insert(
            "ProtectedResourceArns".into(),
            json!(self.protected_resource_arns),
        );
        if !self.conditions.is_empty() {
            let list = |equals: bool| -> Vec<Value> {
                (self.conditions.iter())
                    .filter(|c| c.equals == equals)
                    .map(|c| json!({"Key": c.key, "Value": c.value}))
                    .collect()
            };
            out.insert(
                "ProtectedResourceConditions".into(),
                json!({"StringEquals": list(true), "StringNotEquals": list(false)}),
            );
        }
        out.insert(
            "ProtectedResourceType".into(),
            json!(self.protected_resource_type.api_name()),
        );
        if !self.restore_metadata_overrides.is_empty() {
            out.insert(
                "RestoreMetadataOverrides".into(),
                json!(self.restore_metadata_overrides),
            );
        }
        out.insert("RestoreTestingSelectionName".into(), json!(self.name));
        if let Some(hours) = self.validation_window_hours {
            out.insert("ValidationWindowHours".into(), json!(hours));
        }
        out
    }

    /// The selection after UpdateRestoreTestingSelection's `RestoreTestingSelectionForUpdate`:
    /// each member given replaces the selection's, and the result is checked as a new selection
    /// is (RT-2). Specific ARNs given without conditions drop the selection's conditions, which
    /// apply only with `["*"]` (vaultsim's reading: the API page says only that an update names
    /// ARNs or conditions, not both).
    pub fn updated(&self, update: &Value) -> Result<RestoreTestingSelection, Vec<Problem>> {
        let mut current = self.to_json();
        let names_arns = update
            .get("ProtectedResourceArns")
            .and_then(Value::as_array)
            .is_some_and(|arns| !arns.iter().any(|a| a == "*"));
        if names_arns && update.get("ProtectedResourceConditions").is_none() {
            current.remove("ProtectedResourceConditions");
        }
        let merged = apply_update(
            current,
            update,
            "a selection update",
            &SELECTION_UPDATE_MEMBERS,
        )?;
        RestoreTestingSelection::read(&merged)
    }
}

/// A mistake in a request: where (a JSON pointer from the request's top), what, and how to mend
/// it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub pointer: String,
    pub message: String,
    pub help: String,
}

struct Reader {
    problems: Vec<Problem>,
}

impl Reader {
    fn problem(&mut self, pointer: &str, message: impl Into<String>, help: impl Into<String>) {
        self.problems.push(Problem {
            pointer: pointer.to_string(),
            message: message.into(),
            help: help.into(),
        });
    }

    fn object<'a>(
        &mut self,
        value: &'a Value,
        at: &str,
        what: &str,
    ) -> Option<&'a Map<String, Value>> {
        let object = value.as_object();
        if object.is_none() {
            self.problem(
                at,
                format!("{what} is a JSON object"),
                format!("write {what} as {{…}}"),
            );
        }
        object
    }

    fn unknown(&mut self, object: &Map<String, Value>, at: &str, known: &[&str]) {
        for key in object.keys().filter(|k| !known.contains(&k.as_str())) {
            let help = match suggest::nearest(key, known) {
                Some(near) => format!("did you mean {near}?"),
                None => format!("the members are {}", known.join(", ")),
            };
            self.problem(
                &format!("{at}/{key}"),
                format!("{key} is not a member here"),
                help,
            );
        }
    }

    fn required<'a>(
        &mut self,
        object: &'a Map<String, Value>,
        at: &str,
        key: &str,
    ) -> Option<&'a Value> {
        let value = object.get(key);
        if value.is_none() {
            self.problem(at, format!("{key} is required"), format!("add {key}"));
        }
        value
    }

    fn string(&mut self, value: &Value, at: &str) -> Option<String> {
        match value.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                self.problem(at, "expected a string", "write the value in quotes");
                None
            }
        }
    }

    fn strings(&mut self, value: &Value, at: &str) -> Vec<String> {
        match value.as_array() {
            Some(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| self.string(item, &format!("{at}/{i}")))
                .collect(),
            None => {
                self.problem(at, "expected a list of strings", "write [\"…\", …]");
                Vec::new()
            }
        }
    }

    fn hours_or_days(
        &mut self,
        value: &Value,
        at: &str,
        range: std::ops::RangeInclusive<u32>,
    ) -> Option<u32> {
        let n = value.as_i64();
        match n {
            Some(n) if n >= i64::from(*range.start()) && n <= i64::from(*range.end()) => {
                Some(n as u32)
            }
            Some(n) => {
                self.problem(
                    at,
                    format!("{n} is outside {} to {}", range.start(), range.end()),
                    format!(
                        "use a whole number from {} to {}",
                        range.start(),
                        range.end()
                    ),
                );
                None
            }
            None => {
                self.problem(
                    at,
                    "expected a whole number",
                    format!("write a number from {} to {}", range.start(), range.end()),
                );
                None
            }
        }
    }

    fn name(&mut self, value: &Value, at: &str) -> Option<String> {
        let name = self.string(value, at)?;
        let bad = name
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'));
        let length = name.chars().count();
        if bad.is_some() || length == 0 || length > MAX_NAME_LENGTH {
            let problem = match bad {
                Some(c) => format!("{c:?} is not allowed"),
                None => format!("it has {length} characters"),
            };
            self.problem(
                at,
                format!("1 to {MAX_NAME_LENGTH} letters, digits and underscores; {problem}"),
                "write the name with letters, digits and _ only, for example daily_restore_test",
            );
        }
        Some(name)
    }

    fn done<T>(self, value: Option<T>) -> Result<T, Vec<Problem>> {
        match value {
            Some(v) if self.problems.is_empty() => Ok(v),
            _ => Err(self.problems),
        }
    }
}

/// `RestoreTestingPlanForUpdate`'s members: what UpdateRestoreTestingPlan may change ("The name
/// cannot be changed after creation").
pub const PLAN_UPDATE_MEMBERS: [&str; 4] = [
    "RecoveryPointSelection",
    "ScheduleExpression",
    "ScheduleExpressionTimezone",
    "StartWindowHours",
];
/// `RestoreTestingSelectionForUpdate`'s members: what UpdateRestoreTestingSelection may change
/// (not the name, nor the resource type).
pub const SELECTION_UPDATE_MEMBERS: [&str; 5] = [
    "IamRoleArn",
    "ProtectedResourceArns",
    "ProtectedResourceConditions",
    "RestoreMetadataOverrides",
    "ValidationWindowHours",
];

/// An update's body laid over what it updates (`current`, in its ForCreate form): each member
/// given replaces the current one. A member the update may not change is a problem at its place.
fn apply_update(
    current: Map<String, Value>,
    update: &Value,
    what: &str,
    members: &[&str],
) -> Result<Value, Vec<Problem>> {
    let Some(update) = update.as_object() else {
        return Err(vec![Problem {
            pointer: String::new(),
            message: format!("{what} is not an object"),
            help: format!("write {{…}} with any of {}", members.join(", ")),
        }]);
    };
    let problems: Vec<Problem> = (update.keys())
        .filter(|k| !members.contains(&k.as_str()))
        .map(|k| Problem {
            pointer: format!("/{k}"),
            message: format!("{k} cannot be changed by an update"),
            help: format!("an update changes only {}", members.join(", ")),
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut merged = current;
    for (k, v) in update {
        merged.insert(k.clone(), v.clone());
    }
    Ok(Value::Object(merged))
}

const PLAN_MEMBERS: [&str; 5] = [
    "RecoveryPointSelection",
    "RestoreTestingPlanName",
    "ScheduleExpression",
    "ScheduleExpressionTimezone",
    "StartWindowHours",
];
const POINT_SELECTION_MEMBERS: [&str; 5] = [
    "Algorithm",
    "ExcludeVaults",
    "IncludeVaults",
    "RecoveryPointTypes",
    "SelectionWindowDays",
];
const SELECTION_MEMBERS: [&str; 7] = [
    "IamRoleArn",
    "ProtectedResourceArns",
    "ProtectedResourceConditions",
    "ProtectedResourceType",
    "RestoreMetadataOverrides",
    "RestoreTestingSelectionName",
    "ValidationWindowHours",
];

impl RestoreTestingPlan {
    /// A `RestoreTestingPlanForCreate`, every mistake found with where it is (RT-1).
    pub fn read(value: &Value) -> Result<RestoreTestingPlan, Vec<Problem>> {
        let mut r = Reader {
            problems: Vec::new(),
        };
        let Some(top) = r.object(value, "", "a restore testing plan") else {
            return Err(r.problems);
        };
        r.unknown(top, "", &PLAN_MEMBERS);
        let name = r
            .required(top, "", "RestoreTestingPlanName")
            .and_then(|v| r.name(v, "/RestoreTestingPlanName"));
        let schedule_expression = r
            .required(top, "", "ScheduleExpression")
            .and_then(|v| r.string(v, "/ScheduleExpression"));
        if let Some(text) = &schedule_expression
            && let Err(errors) = CronExpression::parse(text)
        {
            for e in errors {
                r.problem("/ScheduleExpression", e.message, e.help);
            }
        }
        let schedule_expression_timezone = top
            .get("ScheduleExpressionTimezone")
            .and_then(|v| r.string(v, "/ScheduleExpressionTimezone"));
        if let Some(zone) = &schedule_expression_timezone
            && let Err(e) = Timezone::parse(zone)
        {
            r.problem("/ScheduleExpressionTimezone", e.message, e.help);
        }
        let start_window_hours = match top.get("StartWindowHours") {
            Some(v) => r.hours_or_days(v, "/StartWindowHours", 1..=MAX_START_WINDOW_HOURS),
            None => Some(DEFAULT_START_WINDOW_HOURS),
        };
        let selection = r
            .required(top, "", "RecoveryPointSelection")
            .and_then(|v| read_point_selection(&mut r, v));
        let plan = (|| {
            Some(RestoreTestingPlan {
                name: name?,
                schedule_expression: schedule_expression?,
                schedule_expression_timezone,
                start_window_hours: start_window_hours?,
                recovery_point_selection: selection?,
            })
        })();
        r.done(plan)
    }
}

fn read_point_selection(r: &mut Reader, value: &Value) -> Option<RecoveryPointSelection> {
    const AT: &str = "/RecoveryPointSelection";
    let object = r.object(value, AT, "RecoveryPointSelection")?;
    r.unknown(object, AT, &POINT_SELECTION_MEMBERS);
    // The model marks none of the five required; its documentation says Algorithm,
    // RecoveryPointTypes and IncludeVaults are (RT-1).
    let algorithm = r.required(object, AT, "Algorithm").and_then(|v| {
        let text = v.as_str().unwrap_or_default();
        let found = Algorithm::ALL.into_iter().find(|a| a.as_str() == text);
        if found.is_none() {
            r.problem(
                &format!("{AT}/Algorithm"),
                format!("{v} is not an algorithm"),
                "write LATEST_WITHIN_WINDOW or RANDOM_WITHIN_WINDOW",
            );
        }
        found
    });
    let types = r
        .required(object, AT, "RecoveryPointTypes")
        .map(|v| r.strings(v, &format!("{AT}/RecoveryPointTypes")))
        .unwrap_or_default();
    for (i, t) in types.iter().enumerate() {
        if t != "SNAPSHOT" && t != "CONTINUOUS" {
            r.problem(
                &format!("{AT}/RecoveryPointTypes/{i}"),
                format!("{t:?} is not a recovery point type"),
                "write SNAPSHOT, CONTINUOUS, or both",
            );
        }
    }
    if object.contains_key("RecoveryPointTypes") && types.is_empty() {
        r.problem(
            &format!("{AT}/RecoveryPointTypes"),
            "name at least one recovery point type",
            "write [\"SNAPSHOT\"], [\"CONTINUOUS\"] or both",
        );
    }
    let include_vaults = r
        .required(object, AT, "IncludeVaults")
        .map(|v| r.strings(v, &format!("{AT}/IncludeVaults")));
    if include_vaults.as_ref().is_some_and(Vec::is_empty) {
        r.problem(
            &format!("{AT}/IncludeVaults"),
            "include at least one backup vault",
            "write [\"*\"] for every vault, or vault ARNs",
        );
    }
    let exclude_vaults = object
        .get("ExcludeVaults")
        .map(|v| r.strings(v, &format!("{AT}/ExcludeVaults")))
        .unwrap_or_default();
    let selection_window_days = match object.get("SelectionWindowDays") {
        Some(v) => r.hours_or_days(
            v,
            &format!("{AT}/SelectionWindowDays"),
            1..=MAX_SELECTION_WINDOW_DAYS,
        ),
        None => Some(DEFAULT_SELECTION_WINDOW_DAYS),
    };
    Some(RecoveryPointSelection {
        algorithm: algorithm?,
        snapshot: types.iter().any(|t| t == "SNAPSHOT"),
        continuous: types.iter().any(|t| t == "CONTINUOUS"),
        include_vaults: include_vaults?,
        exclude_vaults,
        selection_window_days: selection_window_days?,
    })
}

impl RestoreTestingSelection {
    /// A `RestoreTestingSelectionForCreate`, every mistake found with where it is (RT-2).
    pub fn read(value: &Value) -> Result<RestoreTestingSelection, Vec<Problem>> {
        let mut r = Reader {
            problems: Vec::new(),
        };
        let Some(top) = r.object(value, "", "a restore testing selection") else {
            return Err(r.problems);
        };
        r.unknown(top, "", &SELECTION_MEMBERS);
        let name = r
            .required(top, "", "RestoreTestingSelectionName")
            .and_then(|v| r.name(v, "/RestoreTestingSelectionName"));
        let iam_role_arn = r
            .required(top, "", "IamRoleArn")
            .and_then(|v| r.string(v, "/IamRoleArn"));
        let resource_type = r.required(top, "", "ProtectedResourceType").and_then(|v| {
            let text = v.as_str().unwrap_or_default();
            let found = PROTECTED_RESOURCE_TYPES
                .into_iter()
                .find(|t| t.api_name() == text);
            if found.is_none() {
                let names: Vec<&str> = PROTECTED_RESOURCE_TYPES
                    .iter()
                    .map(|t| t.api_name())
                    .collect();
                r.problem(
                    "/ProtectedResourceType",
                    format!("{v} is not a type restore testing takes"),
                    format!("write one of {}", names.join(", ")),
                );
            }
            found
        });
        let arns = top
            .get("ProtectedResourceArns")
            .map(|v| r.strings(v, "/ProtectedResourceArns"))
            .unwrap_or_default();
        let wildcard = arns.iter().any(|a| a == "*");
        if wildcard && arns.len() > 1 {
            r.problem(
                "/ProtectedResourceArns",
                "name specific ARNs or [\"*\"], not both",
                "keep [\"*\"] to test every protected resource of the type, or list ARNs",
            );
        }
        if arns.len() > MAX_PROTECTED_RESOURCE_ARNS {
            r.problem(
                "/ProtectedResourceArns",
                format!(
                    "{} ARNs; a selection names at most {MAX_PROTECTED_RESOURCE_ARNS}",
                    arns.len()
                ),
                "split the resources over more selections, or use [\"*\"] with conditions",
            );
        }
        let mut conditions = Vec::new();
        if let Some(v) = top.get("ProtectedResourceConditions") {
            const AT: &str = "/ProtectedResourceConditions";
            if !wildcard {
                r.problem(
                    AT,
                    "ProtectedResourceConditions apply only with ProtectedResourceArns [\"*\"]",
                    "set ProtectedResourceArns to [\"*\"], or drop the conditions",
                );
            }
            if let Some(object) = r.object(v, AT, "ProtectedResourceConditions") {
                r.unknown(object, AT, &["StringEquals", "StringNotEquals"]);
                for (member, equals) in [("StringEquals", true), ("StringNotEquals", false)] {
                    let Some(list) = object.get(member) else {
                        continue;
                    };
                    let at = format!("{AT}/{member}");
                    let Some(items) = list.as_array() else {
                        r.problem(
                            &at,
                            "expected a list of {\"Key\", \"Value\"}",
                            "write [{\"Key\": \"…\", \"Value\": \"…\"}]",
                        );
                        continue;
                    };
                    for (i, item) in items.iter().enumerate() {
                        let at = format!("{at}/{i}");
                        let Some(pair) = r.object(item, &at, "a condition") else {
                            continue;
                        };
                        r.unknown(pair, &at, &["Key", "Value"]);
                        let key = r
                            .required(pair, &at, "Key")
                            .and_then(|v| r.string(v, &format!("{at}/Key")));
                        let value = r
                            .required(pair, &at, "Value")
                            .and_then(|v| r.string(v, &format!("{at}/Value")));
                        if let (Some(key), Some(value)) = (key, value) {
                            conditions.push(Condition { key, value, equals });
                        }
                    }
                }
            }
        }
        // The model marks neither required, but its documentation says a selection "consists
        // of RestoreTestingSelectionName, ProtectedResourceType, and one of the following:
        // ProtectedResourceArns ProtectedResourceConditions" (RestoreTestingSelectionForCreate),
        // and conditions apply only with ["*"] (reported above).
        if !top.contains_key("ProtectedResourceArns")
            && !top.contains_key("ProtectedResourceConditions")
        {
            r.problem(
                "",
                "ProtectedResourceArns is required",
                "name the resources: ARNs, or [\"*\"] with ProtectedResourceConditions",
            );
        }
        let mut overrides = BTreeMap::new();
        if let Some(v) = top.get("RestoreMetadataOverrides")
            && let Some(object) =
                r.object(v, "/RestoreMetadataOverrides", "RestoreMetadataOverrides")
        {
            for (key, value) in object {
                if let Some(value) = r.string(value, &format!("/RestoreMetadataOverrides/{key}")) {
                    overrides.insert(key.clone(), value);
                }
            }
        }
        let validation_window_hours = match top.get("ValidationWindowHours") {
            Some(v) => {
                r.hours_or_days(v, "/ValidationWindowHours", 0..=MAX_VALIDATION_WINDOW_HOURS)
            }
            None => None,
        };
        let selection = (|| {
            Some(RestoreTestingSelection {
                name: name?,
                protected_resource_type: resource_type?,
                iam_role_arn: iam_role_arn?,
                protected_resource_arns: arns,
                conditions,
                restore_metadata_overrides: overrides,
                validation_window_hours,
            })
        })();
        r.done(selection)
    }
}
