//! The read-only operations, answered from the simulation's state at its moment: what
//! `aws backup list-…` and `describe-…` return, with the API's member names. Timestamps are
//! seconds since the epoch, as the API's JSON protocol sends them (the console writes them as the
//! CLI does); the console puts the members in the model's order.
//!
//! Model assumptions, said here and in the console's help: a list comes in one page, newest
//! first (the order the guide's example shows; AWS documents none); a deleted recovery point is
//! not listed; a restore job the events call CREATED is PENDING in DescribeRestoreJob, whose
//! RestoreJobStatus has no CREATED; a caller sees the jobs and points of its own account and
//! Region.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use super::Simulation;
use super::jobs::{BackupJob, CopyJob, RestoreJob, RestoreJobState};
use crate::services::ResourceType;
use crate::world::{CreatedBy, LegalHold, RecoveryPoint, Resource, World};

/// Who asks: the account and Region a command runs in (the CLI's `--profile` and `--region`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub account: String,
    pub region: String,
}

impl Caller {
    /// The caller a command runs as by default: the scenario's first account, in its first
    /// Region (as a scenario's operations do), unless `account` or `region` say otherwise.
    pub fn of(world: &World, account: Option<&str>, region: Option<&str>) -> Caller {
        let account = account
            .map(str::to_string)
            .or_else(|| world.accounts.first().map(|a| a.id.clone()))
            .unwrap_or_default();
        let region = region.map(str::to_string).unwrap_or_else(|| {
            (world.accounts.iter())
                .find(|a| a.id == account)
                .and_then(|a| a.regions.first().cloned())
                .unwrap_or_default()
        });
        Caller { account, region }
    }
}

impl Caller {
    /// The caller's account's root user, as the console calls: `arn:aws:iam::ACCOUNT:root`.
    pub fn root(&self) -> String {
        format!("arn:aws:iam::{}:root", self.account)
    }

    /// Whether the caller's account and Region are these: what it lists and describes.
    fn sees(&self, account: &str, region: &str) -> bool {
        self.account == account && self.region == region
    }
}

/// An error as the service returns it: the exception's name and its message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceError {
    pub code: &'static str,
    pub message: String,
}

/// What a read-only operation gives.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Response(Value),
    Error(ServiceError),
    /// vaultsim does not answer this operation (yet).
    NotAnswered,
    /// The request has what vaultsim does not simulate (a member it cannot act on), and why.
    Unsupported(String),
}

impl Answer {
    /// The service's refusal: its exception's name and message.
    pub(super) fn error(code: &'static str, message: impl Into<String>) -> Answer {
        Answer::Error(ServiceError {
            code,
            message: message.into(),
        })
    }
}

/// A legal hold as ListLegalHolds gives it (the LegalHold shape).
pub(super) fn legal_hold(hold: &LegalHold) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("Title".into(), json!(hold.title));
    out.insert("Status".into(), json!(hold.status.as_str()));
    if !hold.description.is_empty() {
        out.insert("Description".into(), json!(hold.description));
    }
    out.insert("LegalHoldId".into(), json!(hold.id.to_string()));
    out.insert("LegalHoldArn".into(), json!(hold.arn()));
    out.insert("CreationDate".into(), epoch(hold.creation));
    if let Some(at) = hold.cancellation {
        out.insert("CancellationDate".into(), epoch(at));
    }
    out
}

/// A list call's time filters (`ByCreatedBefore`, `ByCreatedAfter`, `ByCompleteBefore`,
/// `ByCompleteAfter`), each as given or absent.
struct Window {
    created_before: Option<DateTime<Utc>>,
    created_after: Option<DateTime<Utc>>,
    completed_before: Option<DateTime<Utc>>,
    completed_after: Option<DateTime<Utc>>,
}

impl Window {
    fn of(input: &Value) -> Window {
        let time = |key: &str| text(input, key).and_then(crate::scenario::parse_time);
        Window {
            created_before: time("ByCreatedBefore"),
            created_after: time("ByCreatedAfter"),
            completed_before: time("ByCompleteBefore"),
            completed_after: time("ByCompleteAfter"),
        }
    }

    /// Whether something created then (and completed then, if it has) is in the window: a
    /// completion filter leaves out what has not completed.
    fn admits(&self, creation: DateTime<Utc>, completion: Option<DateTime<Utc>>) -> bool {
        self.created_before.is_none_or(|t| creation < t)
            && self.created_after.is_none_or(|t| creation > t)
            && self
                .completed_before
                .is_none_or(|t| completion.is_some_and(|c| c < t))
            && self
                .completed_after
                .is_none_or(|t| completion.is_some_and(|c| c > t))
    }
}

/// The plan rule that made a job or point, as the API's RecoveryPointCreator.
fn created_by(by: &CreatedBy) -> Value {
    json!({
        "BackupPlanId": by.backup_plan_id,
        "BackupPlanArn": by.backup_plan_arn,
        "BackupPlanVersion": by.backup_plan_version,
        "BackupRuleId": by.backup_plan_rule_id,
    })
}

/// A restore job's status as the API's RestoreJobStatus has it, which has no CREATED.
fn restore_status(state: RestoreJobState) -> &'static str {
    match state {
        RestoreJobState::Created => "PENDING",
        state => state.as_str(),
    }
}

/// A string member of a request.
/// A string member of a request, if it has one.
pub(super) fn text<'a>(input: &'a Value, name: &str) -> Option<&'a str> {
    input.get(name).and_then(Value::as_str)
}

/// A job the caller's account and Region do not have.
fn no_such_job(kind: &str, id: &str, caller: &Caller) -> ServiceError {
    ServiceError {
        code: "ResourceNotFoundException",
        message: format!(
            "{kind} {id} not found in account {} in {} (vaultsim's words).",
            caller.account, caller.region
        ),
    }
}

/// An RDS instance's identifier: the last part of its ARN (`arn:aws:rds:…:db:app-db`).
fn db_identifier(arn: &str) -> &str {
    arn.rsplit(':').next().unwrap_or(arn)
}

/// A vault the caller's account and Region do not have.
fn no_such_vault(name: &str, account: &str, region: &str) -> ServiceError {
    ServiceError {
        code: "ResourceNotFoundException",
        message: format!(
            "Backup vault {name} does not exist in account {account} in {region} (vaultsim's \
             words)."
        ),
    }
}

/// TestEventPattern: whether the pattern matches the event, both given as JSON text. The event
/// must have the fields the API reference names as mandatory ("id account source time region
/// resources detail-type"). A malformed pattern or event is InvalidEventPatternException, the
/// one client error the operation lists; the messages are vaultsim's.
fn test_event_pattern(input: &Value) -> Answer {
    let invalid = |message: String| {
        Answer::Error(ServiceError {
            code: "InvalidEventPatternException",
            message,
        })
    };
    let pattern =
        match crate::events::EventPattern::parse(text(input, "EventPattern").unwrap_or("")) {
            Ok(pattern) => pattern,
            Err(found) => {
                let why = found.first().map(|d| d.message.clone()).unwrap_or_default();
                return invalid(format!(
                    "Event pattern is not valid: {why} (vaultsim's words)."
                ));
            }
        };
    let event = match serde_json::from_str::<Value>(text(input, "Event").unwrap_or("")) {
        Ok(event @ Value::Object(_)) => event,
        _ => return invalid("Event is not a JSON object (vaultsim's words).".to_string()),
    };
    const MANDATORY: [&str; 7] = [
        "id",
        "account",
        "source",
        "time",
        "region",
        "resources",
        "detail-type",
    ];
    if let Some(missing) = MANDATORY.iter().find(|f| event.get(**f).is_none()) {
        return invalid(format!(
            "Event is missing its mandatory field \"{missing}\" (vaultsim's words)."
        ));
    }
    Answer::Response(json!({ "Result": pattern.matches(&event) }))
}

/// Seconds since the epoch, as the API's JSON protocol writes a timestamp.
pub(super) fn epoch(at: DateTime<Utc>) -> Value {
    json!(at.timestamp())
}

impl Simulation {
    /// The answer to a read-only `operation` (the API's name) with its `input`, as `caller`.
    pub fn answer(&self, caller: &Caller, operation: &str, input: &Value) -> Answer {
        match operation {
            "ListRecoveryPointsByBackupVault" => {
                self.list_recovery_points_by_backup_vault(caller, input)
            }
            "GetRecoveryPointRestoreMetadata" => {
                self.get_recovery_point_restore_metadata(caller, input)
            }
            "DescribeRestoreJob" => self.describe_restore_job(caller, input),
            "ListBackupVaults" => self.list_backup_vaults(caller, input),
            "DescribeBackupVault" => self.describe_backup_vault(caller, input),
            "DescribeDBInstances" => self.describe_db_instances(caller, input),
            "ListBackupJobs" => self.list_backup_jobs(caller, input),
            "DescribeBackupJob" => self.describe_backup_job(caller, input),
            "ListCopyJobs" => self.list_copy_jobs(caller, input),
            "DescribeCopyJob" => self.describe_copy_job(caller, input),
            "ListRestoreJobs" => self.list_restore_jobs(caller, input),
            "DescribeRecoveryPoint" => self.describe_recovery_point(caller, input),
            "ListRecoveryPointsByResource" => self.list_recovery_points_by_resource(caller, input),
            "ListLegalHolds" => self.list_legal_holds(caller, input),
            "GetLegalHold" => self.get_legal_hold(caller, input),
            "TestEventPattern" => test_event_pattern(input),
            "ListBackupPlans" | "ListBackupSelections" => {
                self.answer_plans(caller, operation, input)
            }
            _ => match self.answer_restore_testing(caller, operation, input) {
                Some(answer) => answer,
                None => self.answer_notifications(caller, operation, input),
            },
        }
    }

    /// The answer to ListRecoveryPointsByBackupVault.
    fn list_recovery_points_by_backup_vault(&self, caller: &Caller, input: &Value) -> Answer {
        let vault = match self.vault_in(caller, input) {
            Ok(vault) => vault,
            Err(error) => return Answer::Error(error),
        };
        let window = Window::of(input);
        let points: Vec<Value> = (self.world.recovery_points.indexed().rev())
            .filter(|(_, rp)| rp.vault as usize == vault && !rp.is_deleted())
            .filter(|(_, rp)| {
                let resource = &self.world.resources[rp.resource as usize];
                let plan = self.world.origins[rp.origin as usize]
                    .created_by
                    .as_ref()
                    .map(|by| by.backup_plan_id.as_str());
                text(input, "ByResourceArn").is_none_or(|arn| resource.arn == arn)
                    && text(input, "ByResourceType")
                        .is_none_or(|t| resource.resource_type.api_name() == t)
                    && text(input, "ByBackupPlanId").is_none_or(|id| plan == Some(id))
                    && window.admits(rp.creation, Some(rp.completion()))
                    // No composite points are simulated: none has a parent.
                    && text(input, "ByParentRecoveryPointArn").is_none()
            })
            .map(|(index, rp)| Value::Object(self.point_by_vault(index, rp)))
            .collect();
        Answer::Response(json!({ "RecoveryPoints": points }))
    }

    /// The answer to GetRecoveryPointRestoreMetadata.
    fn get_recovery_point_restore_metadata(&self, caller: &Caller, input: &Value) -> Answer {
        let (vault, point) = match self.point_in_vault(caller, input) {
            Ok(found) => found,
            Err(error) => return Answer::Error(error),
        };
        let rp = &self.world.recovery_points[point];
        let resource = &self.world.resources[rp.resource as usize];
        Answer::Response(json!({
            "BackupVaultArn": self.world.vaults[vault].arn,
            "RecoveryPointArn": self.world.recovery_point_arn(point),
            "RestoreMetadata": self.restore_metadata(point),
            "ResourceType": resource.resource_type.api_name(),
        }))
    }

    /// The answer to DescribeRestoreJob.
    fn describe_restore_job(&self, caller: &Caller, input: &Value) -> Answer {
        let id = text(input, "RestoreJobId").unwrap_or_default();
        let job = self.restore_jobs.iter().find(|j| {
            let vault = &self.world.vaults[j.vault];
            j.id.to_string() == id && caller.sees(&vault.account, &vault.region)
        });
        match job {
            Some(job) => Answer::Response(self.restore_job_view(job)),
            None => Answer::Error(no_such_job("Restore job", id, caller)),
        }
    }

    /// The answer to ListBackupVaults.
    fn list_backup_vaults(&self, caller: &Caller, input: &Value) -> Answer {
        let vaults: Vec<Value> = (self.world.vaults.iter().enumerate())
            .filter(|(_, v)| caller.sees(&v.account, &v.region) && !v.is_deleted())
            .filter(|(i, _)| {
                text(input, "ByVaultType").is_none_or(|t| self.vault_type(*i) == t)
                    // No vault is shared with another account in a simulation.
                    && input.get("ByShared").and_then(Value::as_bool) != Some(true)
            })
            .map(|(i, _)| Value::Object(self.vault_description(i)))
            .collect();
        Answer::Response(json!({ "BackupVaultList": vaults }))
    }

    /// The answer to DescribeBackupVault.
    fn describe_backup_vault(&self, caller: &Caller, input: &Value) -> Answer {
        match self.vault_in(caller, input) {
            Ok(vault) => Answer::Response(Value::Object(self.vault_description(vault))),
            Err(error) => Answer::Error(error),
        }
    }

    /// The answer to DescribeDBInstances.
    fn describe_db_instances(&self, caller: &Caller, input: &Value) -> Answer {
        let wanted = text(input, "DBInstanceIdentifier");
        let instances: Vec<Value> = (self.world.resources.iter().enumerate())
            .filter(|(i, _)| !self.resource_deleted(*i))
            .map(|(_, r)| r)
            .filter(|r| {
                r.resource_type == ResourceType::Rds
                    && r.arn.contains(":db:")
                    && caller.sees(&r.account, &r.region)
            })
            .filter(|r| {
                // "This parameter isn't case-sensitive"; an ARN names the instance too.
                wanted.is_none_or(|w| w == r.arn || w.eq_ignore_ascii_case(db_identifier(&r.arn)))
            })
            .map(|r| self.db_instance(r))
            .chain(self.databases_being_restored(caller, wanted))
            .collect();
        match wanted {
            // The message RDS returns (data/reference/console-models-extract.json, waiter_behaviour).
            Some(id) if instances.is_empty() => Answer::Error(ServiceError {
                code: "DBInstanceNotFound",
                message: format!("DBInstance {id} not found."),
            }),
            _ => Answer::Response(json!({ "DBInstances": instances })),
        }
    }

    /// The databases RDS is making for restore jobs still under way, `creating` until the job
    /// ends: RDS makes the instance when the restore starts (its documented status while an
    /// instance is made), and a waiter such as `aws rds wait db-instance-available` polls it.
    /// vaultsim shows it from the job's metadata; a name already taken is left out (that
    /// restore fails).
    fn databases_being_restored(&self, caller: &Caller, wanted: Option<&str>) -> Vec<Value> {
        (self.restore_jobs.iter())
            .filter(|j| {
                matches!(
                    j.state,
                    RestoreJobState::Created | RestoreJobState::Pending | RestoreJobState::Running
                )
            })
            .filter_map(|j| {
                let source = &self.world.resources[j.resource];
                if source.resource_type != ResourceType::Rds || !source.arn.contains(":db:") {
                    return None;
                }
                let vault = &self.world.vaults[j.vault];
                let id = j.metadata.get("DBInstanceIdentifier")?;
                let taken = self.world.resources.iter().any(|r| {
                    r.account == vault.account
                        && r.region == vault.region
                        && db_identifier(&r.arn).eq_ignore_ascii_case(id)
                });
                let arn = format!("arn:aws:rds:{}:{}:db:{id}", vault.region, vault.account);
                let seen = caller.sees(&vault.account, &vault.region)
                    && wanted.is_none_or(|w| w == arn || w.eq_ignore_ascii_case(id));
                (seen && !taken).then(|| {
                    let mut out = Map::new();
                    out.insert("DBInstanceIdentifier".into(), json!(id));
                    let config = |key: &str| {
                        j.metadata
                            .get(key)
                            .or_else(|| source.configuration.get(key))
                    };
                    if let Some(class) = config("DBInstanceClass") {
                        out.insert("DBInstanceClass".into(), json!(class));
                    }
                    if let Some(engine) = config("Engine") {
                        out.insert("Engine".into(), json!(engine));
                    }
                    out.insert("DBInstanceStatus".into(), json!("creating"));
                    out.insert("DBInstanceArn".into(), json!(arn));
                    Value::Object(out)
                })
            })
            // Two restores under one name make one database: the first.
            .fold(Vec::new(), |mut kept: Vec<Value>, db| {
                if !kept
                    .iter()
                    .any(|k| k["DBInstanceArn"] == db["DBInstanceArn"])
                {
                    kept.push(db);
                }
                kept
            })
    }

    /// The answer to ListBackupJobs.
    fn list_backup_jobs(&self, caller: &Caller, input: &Value) -> Answer {
        let window = Window::of(input);
        let jobs: Vec<Value> = (self.backup_jobs.iter().rev())
            .filter(|j| {
                let resource = &self.world.resources[j.resource];
                let vault_arn = self.vault_arn(j.vault_arn);
                caller.sees(&resource.account, &resource.region)
                    && text(input, "ByAccountId").is_none_or(|a| a == resource.account)
                    && text(input, "ByResourceArn").is_none_or(|a| a == resource.arn)
                    && text(input, "ByState").is_none_or(|s| s == j.state.as_str())
                    && text(input, "ByBackupVaultName")
                        .is_none_or(|n| vault_arn.rsplit(':').next() == Some(n))
                    && text(input, "ByResourceType")
                        .is_none_or(|t| t == resource.resource_type.api_name())
                    && window.admits(j.creation, j.completion)
            })
            .map(|j| Value::Object(self.backup_job_view(j)))
            .collect();
        Answer::Response(json!({ "BackupJobs": jobs }))
    }

    /// The answer to DescribeBackupJob.
    fn describe_backup_job(&self, caller: &Caller, input: &Value) -> Answer {
        let id = text(input, "BackupJobId").unwrap_or_default();
        let job = self.backup_jobs.iter().find(|j| {
            let resource = &self.world.resources[j.resource];
            j.id.to_string() == id && caller.sees(&resource.account, &resource.region)
        });
        match job {
            Some(job) => Answer::Response(Value::Object(self.backup_job_view(job))),
            None => Answer::Error(no_such_job("Backup job", id, caller)),
        }
    }

    /// The answer to ListCopyJobs.
    fn list_copy_jobs(&self, caller: &Caller, input: &Value) -> Answer {
        let window = Window::of(input);
        let jobs: Vec<Value> = (self.copy_jobs.iter().rev())
            .filter(|j| {
                let source = &self.world.vaults[j.source_vault];
                let resource = &self.world.resources[j.resource];
                caller.sees(&source.account, &source.region)
                    && text(input, "ByAccountId").is_none_or(|a| a == source.account)
                    && text(input, "ByResourceArn").is_none_or(|a| a == resource.arn)
                    && text(input, "ByState").is_none_or(|s| s == j.state.as_str())
                    && text(input, "ByDestinationVaultArn")
                        .is_none_or(|a| a == self.vault_arn(j.destination_vault_arn))
                    && text(input, "BySourceRecoveryPointArn").is_none_or(|a| {
                        a == self
                            .world
                            .point_arn(j.source_vault, j.resource, j.source_name)
                    })
                    && text(input, "ByResourceType")
                        .is_none_or(|t| t == resource.resource_type.api_name())
                    && window.admits(j.creation, j.completion)
            })
            .map(|j| Value::Object(self.copy_job_view(j)))
            .collect();
        Answer::Response(json!({ "CopyJobs": jobs }))
    }

    /// The answer to DescribeCopyJob.
    fn describe_copy_job(&self, caller: &Caller, input: &Value) -> Answer {
        let id = text(input, "CopyJobId").unwrap_or_default();
        let job = self.copy_jobs.iter().find(|j| {
            let source = &self.world.vaults[j.source_vault];
            j.id.to_string() == id && caller.sees(&source.account, &source.region)
        });
        match job {
            Some(job) => {
                Answer::Response(json!({ "CopyJob": Value::Object(self.copy_job_view(job)) }))
            }
            None => Answer::Error(no_such_job("Copy job", id, caller)),
        }
    }

    /// The answer to ListRestoreJobs.
    fn list_restore_jobs(&self, caller: &Caller, input: &Value) -> Answer {
        let window = Window::of(input);
        let jobs: Vec<Value> = (self.restore_jobs.iter().rev())
            .filter(|j| {
                let vault = &self.world.vaults[j.vault];
                let resource = &self.world.resources[j.resource];
                caller.sees(&vault.account, &vault.region)
                    && text(input, "ByAccountId").is_none_or(|a| a == vault.account)
                    && text(input, "ByStatus").is_none_or(|s| s == restore_status(j.state))
                    && text(input, "ByResourceType")
                        .is_none_or(|t| t == resource.resource_type.api_name())
                    && text(input, "ByRestoreTestingPlanArn")
                        .is_none_or(|arn| j.test.as_ref().is_some_and(|t| &*t.plan_arn == arn))
                    && window.admits(j.creation, j.completion)
            })
            .map(|j| self.restore_job_view(j))
            .collect();
        Answer::Response(json!({ "RestoreJobs": jobs }))
    }

    /// The answer to DescribeRecoveryPoint.
    fn describe_recovery_point(&self, caller: &Caller, input: &Value) -> Answer {
        match self.point_in_vault(caller, input) {
            Ok((_, point)) => {
                let rp = &self.world.recovery_points[point];
                let mut described = self.point_by_vault(point, rp);
                described.insert("StorageClass".into(), json!(rp.storage_class.as_str()));
                Answer::Response(Value::Object(described))
            }
            Err(error) => Answer::Error(error),
        }
    }

    /// The answer to ListRecoveryPointsByResource.
    fn list_recovery_points_by_resource(&self, caller: &Caller, input: &Value) -> Answer {
        let arn = text(input, "ResourceArn").unwrap_or_default();
        let Some(resource) = self.world.resource_by_arn(arn) else {
            return Answer::Error(ServiceError {
                code: "ResourceNotFoundException",
                message: format!("Resource {arn} not found (vaultsim's words)."),
            });
        };
        // The caller's own vaults: copies in other accounts are listed there.
        let mut points: Vec<Value> = (self.world.recovery_points.of_resource(resource))
            .filter(|(_, rp)| {
                let vault = &self.world.vaults[rp.vault as usize];
                caller.sees(&vault.account, &vault.region)
            })
            .map(|(index, rp)| {
                let vault = &self.world.vaults[rp.vault as usize];
                let mut point = Map::new();
                point.insert(
                    "RecoveryPointArn".into(),
                    json!(self.world.recovery_point_arn(index)),
                );
                point.insert("CreationDate".into(), epoch(rp.creation));
                point.insert("Status".into(), json!(rp.status.as_str()));
                if let Some(key) = &vault.encryption_key_arn {
                    point.insert("EncryptionKeyArn".into(), json!(key));
                }
                // This shape names it BackupSizeBytes, where the others say InBytes.
                point.insert("BackupSizeBytes".into(), json!(rp.size_bytes));
                point.insert("BackupVaultName".into(), json!(vault.name));
                point.insert(
                    "VaultType".into(),
                    json!(self.vault_type(rp.vault as usize)),
                );
                Value::Object(point)
            })
            .collect();
        points.reverse();
        Answer::Response(json!({ "RecoveryPoints": points }))
    }

    /// The answer to ListLegalHolds.
    fn list_legal_holds(&self, caller: &Caller, _input: &Value) -> Answer {
        let holds: Vec<Value> = (self.world.legal_holds.iter().rev())
            .filter(|h| caller.sees(&h.account, &h.region))
            .map(|h| Value::Object(legal_hold(h)))
            .collect();
        Answer::Response(json!({ "LegalHolds": holds }))
    }

    /// The answer to GetLegalHold.
    fn get_legal_hold(&self, caller: &Caller, input: &Value) -> Answer {
        let id = text(input, "LegalHoldId").unwrap_or_default();
        let hold = (self.world.legal_holds.iter())
            .find(|h| h.id.to_string() == id && caller.sees(&h.account, &h.region));
        match hold {
            Some(hold) => {
                let mut got = legal_hold(hold);
                // What it holds: the points it was placed on (as ARNs, not the
                // selection it was made from, which vaultsim does not keep).
                let points: Vec<String> = (hold.recovery_points.iter())
                    .map(|&i| self.world.recovery_point_arn(i as usize))
                    .collect();
                got.insert(
                    "RecoveryPointSelection".into(),
                    json!({ "ResourceIdentifiers": points }),
                );
                Answer::Response(Value::Object(got))
            }
            None => Answer::Error(ServiceError {
                code: "ResourceNotFoundException",
                message: format!("Legal hold {id} not found (vaultsim's words)."),
            }),
        }
    }

    /// A copy job as ListCopyJobs and DescribeCopyJob give it (the CopyJob shape).
    fn copy_job_view(&self, job: &CopyJob) -> Map<String, Value> {
        let source = &self.world.vaults[job.source_vault];
        let resource = &self.world.resources[job.resource];
        let origin = &self.world.origins[job.origin as usize];
        let mut out = Map::new();
        out.insert("AccountId".into(), json!(source.account));
        out.insert("CopyJobId".into(), json!(job.id.to_string()));
        out.insert("SourceBackupVaultArn".into(), json!(source.arn));
        out.insert(
            "SourceRecoveryPointArn".into(),
            json!(
                self.world
                    .point_arn(job.source_vault, job.resource, job.source_name)
            ),
        );
        out.insert(
            "DestinationBackupVaultArn".into(),
            json!(self.vault_arn(job.destination_vault_arn)),
        );
        if let Some(point) = job.destination_recovery_point {
            out.insert(
                "DestinationRecoveryPointArn".into(),
                json!(self.world.recovery_point_arn(point as usize)),
            );
        }
        out.insert("ResourceArn".into(), json!(resource.arn));
        out.insert("CreationDate".into(), epoch(job.creation));
        if let Some(at) = job.completion {
            out.insert("CompletionDate".into(), epoch(at));
        }
        out.insert("State".into(), json!(job.state.as_str()));
        if !job.status_message.is_empty() {
            out.insert("StatusMessage".into(), json!(job.status_message));
        }
        out.insert("BackupSizeInBytes".into(), json!(job.backup_size_bytes));
        out.insert("IamRoleArn".into(), json!(&*origin.iam_role_arn));
        if let Some(by) = &origin.created_by {
            out.insert("CreatedBy".into(), created_by(by));
        }
        out.insert(
            "ResourceType".into(),
            json!(resource.resource_type.api_name()),
        );
        out
    }

    /// A backup job as ListBackupJobs and DescribeBackupJob give it.
    fn backup_job_view(&self, job: &BackupJob) -> Map<String, Value> {
        let resource = &self.world.resources[job.resource];
        let origin = &self.world.origins[job.origin as usize];
        let vault_arn = self.vault_arn(job.vault_arn);
        let mut out = Map::new();
        out.insert("AccountId".into(), json!(resource.account));
        out.insert("BackupJobId".into(), json!(job.id.to_string()));
        if let Some(name) = vault_arn.rsplit(':').next() {
            out.insert("BackupVaultName".into(), json!(name));
        }
        out.insert("BackupVaultArn".into(), json!(vault_arn));
        if let Some(point) = job.recovery_point {
            out.insert(
                "RecoveryPointArn".into(),
                json!(self.world.recovery_point_arn(point as usize)),
            );
        }
        out.insert("ResourceArn".into(), json!(resource.arn));
        out.insert("CreationDate".into(), epoch(job.creation));
        if let Some(at) = job.completion {
            out.insert("CompletionDate".into(), epoch(at));
        }
        out.insert("State".into(), json!(job.state.as_str()));
        if !job.status_message.is_empty() {
            out.insert("StatusMessage".into(), json!(job.status_message));
        }
        out.insert("BackupSizeInBytes".into(), json!(job.backup_size_bytes));
        out.insert("IamRoleArn".into(), json!(&*origin.iam_role_arn));
        if let Some(by) = &origin.created_by {
            out.insert("CreatedBy".into(), created_by(by));
        }
        if let Some(at) = job.expected_completion {
            out.insert("ExpectedCompletionDate".into(), epoch(at));
        }
        out.insert("StartBy".into(), epoch(job.start_by));
        out.insert(
            "ResourceType".into(),
            json!(resource.resource_type.api_name()),
        );
        out.insert("BytesTransferred".into(), json!(job.bytes_transferred));
        out
    }

    /// An RDS database as DescribeDBInstances gives it: what the scenario's configuration (or the
    /// restore that made it) says, and its endpoint where a restore made one. Its status is
    /// `available`: a simulated database is never stopped or modified (a model assumption).
    fn db_instance(&self, resource: &Resource) -> Value {
        let config = |key: &str| resource.configuration.get(key);
        let mut out = Map::new();
        out.insert(
            "DBInstanceIdentifier".into(),
            json!(db_identifier(&resource.arn)),
        );
        if let Some(class) = config("DBInstanceClass") {
            out.insert("DBInstanceClass".into(), json!(class));
        }
        if let Some(engine) = config("Engine") {
            out.insert("Engine".into(), json!(engine));
        }
        out.insert("DBInstanceStatus".into(), json!("available"));
        let endpoint = (self.restore_jobs.iter())
            .find(|j| j.created_resource_arn.as_deref() == Some(&resource.arn))
            .and_then(|j| j.endpoint.as_ref());
        if let Some(address) = endpoint {
            out.insert("Endpoint".into(), json!({ "Address": address }));
        }
        if let Some(group) = config("DBSubnetGroupName") {
            out.insert(
                "DBSubnetGroup".into(),
                json!({ "DBSubnetGroupName": group }),
            );
        }
        if let Some(multi_az) = config("MultiAZ") {
            out.insert(
                "MultiAZ".into(),
                json!(multi_az.eq_ignore_ascii_case("true")),
            );
        }
        out.insert("DBInstanceArn".into(), json!(resource.arn));
        Value::Object(out)
    }

    fn vault_type(&self, vault: usize) -> &'static str {
        if self.world.vaults[vault].air_gapped {
            "LOGICALLY_AIR_GAPPED_BACKUP_VAULT"
        } else {
            "BACKUP_VAULT"
        }
    }

    /// A vault as ListBackupVaults and DescribeBackupVault give it. (Its creation date is not
    /// given: a scenario's vaults exist before it starts, and when they were made is not known.)
    fn vault_description(&self, vault: usize) -> Map<String, Value> {
        let v = &self.world.vaults[vault];
        let mut out = Map::new();
        out.insert("BackupVaultName".into(), json!(v.name));
        out.insert("BackupVaultArn".into(), json!(v.arn));
        out.insert("VaultType".into(), json!(self.vault_type(vault)));
        out.insert("VaultState".into(), json!("AVAILABLE"));
        if let Some(key) = &v.encryption_key_arn {
            out.insert("EncryptionKeyArn".into(), json!(key));
        }
        let points = (self.world.recovery_points.iter())
            .filter(|rp| rp.vault as usize == vault && !rp.is_deleted())
            .count();
        out.insert("NumberOfRecoveryPoints".into(), json!(points));
        out.insert("Locked".into(), json!(v.lock.is_some()));
        if let Some(lock) = &v.lock {
            if let Some(days) = lock.min_retention_days {
                out.insert("MinRetentionDays".into(), json!(days));
            }
            if let Some(days) = lock.max_retention_days {
                out.insert("MaxRetentionDays".into(), json!(days));
            }
            if let Some(date) = lock.lock_date {
                out.insert("LockDate".into(), epoch(date));
            }
        }
        out
    }

    /// The vault an input names (BackupVaultName, and BackupVaultAccountId for another account's),
    /// in the caller's Region.
    pub(super) fn vault_in(&self, caller: &Caller, input: &Value) -> Result<usize, ServiceError> {
        let name = text(input, "BackupVaultName").unwrap_or_default();
        let account = text(input, "BackupVaultAccountId").unwrap_or(&caller.account);
        (self.world.vault_named(account, &caller.region, name))
            .ok_or_else(|| no_such_vault(name, account, &caller.region))
    }

    /// The vault and recovery point an input names (BackupVaultName, RecoveryPointArn and
    /// BackupVaultAccountId), in the caller's Region.
    fn point_in_vault(
        &self,
        caller: &Caller,
        input: &Value,
    ) -> Result<(usize, usize), ServiceError> {
        let vault = self.vault_in(caller, input)?;
        let arn = text(input, "RecoveryPointArn").unwrap_or_default();
        let point = self.world.recovery_point_by_arn(arn).filter(|&i| {
            let rp = &self.world.recovery_points[i];
            rp.vault as usize == vault && !rp.is_deleted()
        });
        match point {
            Some(point) => Ok((vault, point)),
            None => Err(ServiceError {
                code: "ResourceNotFoundException",
                message: format!("Recovery point {arn} not found (vaultsim's words)."),
            }),
        }
    }

    /// A restore job as DescribeRestoreJob and ListRestoreJobs give it.
    fn restore_job_view(&self, job: &RestoreJob) -> Value {
        let vault = &self.world.vaults[job.vault];
        let resource = &self.world.resources[job.resource];
        let mut out = Map::new();
        out.insert("AccountId".into(), json!(vault.account));
        out.insert("RestoreJobId".into(), json!(job.id.to_string()));
        out.insert("RecoveryPointArn".into(), json!(job.recovery_point_arn));
        out.insert("SourceResourceArn".into(), json!(resource.arn));
        out.insert("BackupVaultArn".into(), json!(vault.arn));
        out.insert("CreationDate".into(), epoch(job.creation));
        if let Some(at) = job.completion {
            out.insert("CompletionDate".into(), epoch(at));
        }
        out.insert("Status".into(), json!(restore_status(job.state)));
        if !job.status_message.is_empty() {
            out.insert("StatusMessage".into(), json!(job.status_message));
        }
        out.insert("BackupSizeInBytes".into(), json!(job.backup_size_bytes));
        out.insert("IamRoleArn".into(), json!(&*job.iam_role_arn));
        if let Some(arn) = &job.created_resource_arn {
            out.insert("CreatedResourceArn".into(), json!(arn));
        }
        out.insert(
            "ResourceType".into(),
            json!(resource.resource_type.api_name()),
        );
        if let Some(rp) = self.world.recovery_points.get(job.recovery_point as usize) {
            out.insert("RecoveryPointCreationDate".into(), epoch(rp.creation));
        }
        if let Some(test) = &job.test {
            Simulation::restore_test_view(test, &mut out);
        }
        Value::Object(out)
    }

    /// UpdateRecoveryPointLifecycle's answer: the point's vault and ARN, and its lifecycle as
    /// now set and as calculated from it.
    pub(super) fn lifecycle_answer(&self, index: usize) -> Value {
        let point = self.point_by_vault(index, &self.world.recovery_points[index]);
        let out: Map<String, Value> = [
            "BackupVaultArn",
            "RecoveryPointArn",
            "Lifecycle",
            "CalculatedLifecycle",
        ]
        .into_iter()
        .filter_map(|name| Some((name.to_string(), point.get(name)?.clone())))
        .collect();
        Value::Object(out)
    }

    /// A recovery point as ListRecoveryPointsByBackupVault lists it (RecoveryPointByBackupVault).
    fn point_by_vault(&self, index: usize, rp: &RecoveryPoint) -> Map<String, Value> {
        let world = &self.world;
        let vault = &world.vaults[rp.vault as usize];
        let resource = &world.resources[rp.resource as usize];
        let origin = &world.origins[rp.origin as usize];
        let mut point = Map::new();
        point.insert(
            "RecoveryPointArn".into(),
            json!(world.recovery_point_arn(index)),
        );
        point.insert("BackupVaultName".into(), json!(vault.name));
        point.insert("BackupVaultArn".into(), json!(vault.arn));
        if let Some(source) = rp.copied_from {
            let source_vault = world.recovery_points.get(source as usize).map(|p| p.vault);
            if let Some(v) = source_vault {
                point.insert(
                    "SourceBackupVaultArn".into(),
                    json!(world.vaults[v as usize].arn),
                );
            }
        }
        point.insert("ResourceArn".into(), json!(resource.arn));
        point.insert(
            "ResourceType".into(),
            json!(resource.resource_type.api_name()),
        );
        if let Some(by) = &origin.created_by {
            point.insert("CreatedBy".into(), created_by(by));
        }
        point.insert("IamRoleArn".into(), json!(&*origin.iam_role_arn));
        point.insert("Status".into(), json!(rp.status.as_str()));
        point.insert("CreationDate".into(), epoch(rp.creation));
        point.insert("CompletionDate".into(), epoch(rp.completion()));
        point.insert("BackupSizeInBytes".into(), json!(rp.size_bytes));
        let mut calculated = Map::new();
        if let Some(t) = rp.move_to_cold_at(resource.service) {
            calculated.insert("MoveToColdStorageAt".into(), epoch(t));
        }
        if let Some(t) = rp.delete_at() {
            calculated.insert("DeleteAt".into(), epoch(t));
        }
        if !calculated.is_empty() {
            point.insert("CalculatedLifecycle".into(), Value::Object(calculated));
        }
        let mut lifecycle = Map::new();
        if let Some(d) = rp.lifecycle.move_to_cold_storage_after_days {
            lifecycle.insert("MoveToColdStorageAfterDays".into(), json!(d));
        }
        if let Some(d) = rp.lifecycle.delete_after_days {
            lifecycle.insert("DeleteAfterDays".into(), json!(d));
        }
        if !lifecycle.is_empty() {
            point.insert("Lifecycle".into(), Value::Object(lifecycle));
        }
        if let Some(key) = &vault.encryption_key_arn {
            point.insert("EncryptionKeyArn".into(), json!(key));
        }
        let resource = &self.world.resources[rp.resource as usize];
        point.insert("IsEncrypted".into(), json!(resource.backups_encrypted()));
        point.insert(
            "VaultType".into(),
            json!(self.vault_type(rp.vault as usize)),
        );
        point
    }
}
