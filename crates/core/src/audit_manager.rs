//! Backup Audit Manager: the eleven controls AWS Backup offers, a framework of them read in the
//! CreateFramework API's shape, and their evaluation against a simulation at its current moment
//! — every resource, backup plan, vault or recovery point a control evaluates, COMPLIANT or
//! NON_COMPLIANT with the reason in words — once a simulated day, as AWS evaluates its
//! periodic controls ("Automatically every 24 hours", data/reference/audit-controls.json).
//!
//! The evidence is data/reference/audit-controls.json (names, parameters, scopes, limits) and
//! data/reference/docs/audit-manager.md (what each control checks, its AWS Config rule,
//! defaults). Where they leave a behaviour open, the choice made here is a model assumption and
//! says so, in a comment and in [`Control::assumptions`], which the CLI prints.
//!
//! What vaultsim does not model is not guessed: a control that needs it reports "not evaluated"
//! with what is missing (RESTORE_TIME_FOR_RESOURCES_MEET_TARGET without its maxRestoreTime).

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, Utc};
use serde_json::Value;

use crate::engine::{RestoreJobState, RunningPlan, Simulation};
use crate::plan::BackupRule;
use crate::schedule::{CronExpression, Schedule, Timezone};
use crate::suggest;
use crate::wildcard;
use crate::world::{RecoveryPoint, Resource, Vault, World};

/// One of the eleven controls of the controls page ("The 11 controls in the JSON are the
/// complete list on the controls page", data/reference/docs/audit-manager.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Control {
    ResourcesProtectedByBackupPlan,
    PlanMinFrequencyAndMinRetention,
    RecoveryPointManualDeletionDisabled,
    RecoveryPointEncrypted,
    RecoveryPointMinimumRetention,
    ResourcesProtectedByCrossRegion,
    ResourcesProtectedByCrossAccount,
    ResourcesProtectedByBackupVaultLock,
    LastRecoveryPointCreated,
    RestoreTimeMeetsTarget,
    ResourcesInLogicallyAirGappedVault,
}

/// What a control parameter's value must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `hours` or `days`.
    Unit,
    /// A whole number, its range checked with its unit (see [`check_ranges`]).
    Number,
    /// A comma-separated list of IAM ARNs, at most five.
    Arns,
    /// A comma-separated list of Regions.
    Regions,
    /// A comma-separated list of 12-digit account IDs, at most five.
    Accounts,
}

/// A control parameter: its name as AWS spells it, its default, what it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parameter {
    pub name: &'static str,
    /// The value used when the framework does not set it; `None`: the check it adds is skipped.
    pub default: Option<&'static str>,
    kind: Kind,
}

impl Control {
    pub const ALL: [Control; 11] = [
        Control::ResourcesProtectedByBackupPlan,
        Control::PlanMinFrequencyAndMinRetention,
        Control::RecoveryPointManualDeletionDisabled,
        Control::RecoveryPointEncrypted,
        Control::RecoveryPointMinimumRetention,
        Control::ResourcesProtectedByCrossRegion,
        Control::ResourcesProtectedByCrossAccount,
        Control::ResourcesProtectedByBackupVaultLock,
        Control::LastRecoveryPointCreated,
        Control::RestoreTimeMeetsTarget,
        Control::ResourcesInLogicallyAirGappedVault,
    ];

    /// Its ControlName.
    pub fn name(self) -> &'static str {
        match self {
            Control::ResourcesProtectedByBackupPlan => "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
            Control::PlanMinFrequencyAndMinRetention => {
                "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK"
            }
            Control::RecoveryPointManualDeletionDisabled => {
                "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED"
            }
            Control::RecoveryPointEncrypted => "BACKUP_RECOVERY_POINT_ENCRYPTED",
            Control::RecoveryPointMinimumRetention => {
                "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK"
            }
            Control::ResourcesProtectedByCrossRegion => {
                "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION"
            }
            Control::ResourcesProtectedByCrossAccount => {
                "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT"
            }
            Control::ResourcesProtectedByBackupVaultLock => {
                "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK"
            }
            Control::LastRecoveryPointCreated => "BACKUP_LAST_RECOVERY_POINT_CREATED",
            Control::RestoreTimeMeetsTarget => "RESTORE_TIME_FOR_RESOURCES_MEET_TARGET",
            Control::ResourcesInLogicallyAirGappedVault => {
                "RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT"
            }
        }
    }

    /// The control with this ControlName, exactly.
    pub fn from_name(name: &str) -> Option<Control> {
        Control::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Its parameters with AWS's names and defaults (data/reference/docs/audit-manager.md's
    /// tables; data/reference/audit-controls.json for those without a table).
    pub fn parameters(self) -> &'static [Parameter] {
        use Kind::*;
        match self {
            Control::ResourcesProtectedByBackupPlan | Control::RecoveryPointEncrypted => &[],
            Control::PlanMinFrequencyAndMinRetention => &[
                Parameter {
                    name: "requiredFrequencyUnit",
                    default: Some("days"),
                    kind: Unit,
                },
                Parameter {
                    name: "requiredFrequencyValue",
                    default: Some("1"),
                    kind: Number,
                },
                Parameter {
                    name: "requiredRetentionDays",
                    default: Some("35"),
                    kind: Number,
                },
            ],
            // "Default: no exceptions" (choosing-controls).
            Control::RecoveryPointManualDeletionDisabled => &[Parameter {
                name: "principalArnList",
                default: None,
                kind: Arns,
            }],
            Control::RecoveryPointMinimumRetention => &[Parameter {
                name: "requiredRetentionDays",
                default: Some("35"),
                kind: Number,
            }],
            Control::ResourcesProtectedByCrossRegion => &[Parameter {
                name: "crossRegionList",
                default: None,
                kind: Regions,
            }],
            Control::ResourcesProtectedByCrossAccount => &[Parameter {
                name: "crossAccountList",
                default: None,
                kind: Accounts,
            }],
            Control::ResourcesProtectedByBackupVaultLock => &[
                Parameter {
                    name: "minRetentionDays",
                    default: None,
                    kind: Number,
                },
                Parameter {
                    name: "maxRetentionDays",
                    default: None,
                    kind: Number,
                },
            ],
            Control::LastRecoveryPointCreated => &[
                Parameter {
                    name: "recoveryPointAgeUnit",
                    default: Some("days"),
                    kind: Unit,
                },
                Parameter {
                    name: "recoveryPointAgeValue",
                    default: Some("1"),
                    kind: Number,
                },
            ],
            // "maxRestoreTime: int, minutes, required, no default."
            Control::RestoreTimeMeetsTarget => &[Parameter {
                name: "maxRestoreTime",
                default: None,
                kind: Number,
            }],
            // No default is published: 7 days is the controls page's recommendation ("recommended
            // >= 7 days / 168 hours"), taken as the default (a model assumption).
            Control::ResourcesInLogicallyAirGappedVault => &[
                Parameter {
                    name: "recoveryPointAgeUnit",
                    default: Some("days"),
                    kind: Unit,
                },
                Parameter {
                    name: "recoveryPointAgeValue",
                    default: Some("7"),
                    kind: Number,
                },
            ],
        }
    }

    /// What vaultsim assumes where the reference leaves the control's behaviour open, in words
    /// for the output.
    pub fn assumptions(self) -> &'static [&'static str] {
        match self {
            Control::ResourcesProtectedByBackupPlan => {
                &["every resource counts as active (vaultsim does not model stopped instances)"]
            }
            Control::PlanMinFrequencyAndMinRetention => &[
                CHANGE_TRIGGERED,
                "a rule's frequency is the longest gap between its schedule's runs over the next 366 days; its retention is DeleteAfterDays (none: forever)",
                "vaultsim keeps no tags on backup plans: a Tags scope matches no plan",
            ],
            Control::RecoveryPointManualDeletionDisabled => &[
                CHANGE_TRIGGERED,
                "a Deny statement with a Condition counts only when every ARN its Condition names is in principalArnList",
                "vaultsim keeps no tags on vaults: a Tags scope matches no vault",
            ],
            Control::RecoveryPointEncrypted => &[
                CHANGE_TRIGGERED,
                "a resource whose Configuration does not say StorageEncrypted or Encrypted false is taken as encrypted",
            ],
            Control::RecoveryPointMinimumRetention => &[
                CHANGE_TRIGGERED,
                "a recovery point's tags are its resource's (vaultsim keeps none of its own)",
            ],
            Control::ResourcesProtectedByCrossRegion
            | Control::ResourcesProtectedByCrossAccount => &[
                "evaluated on the copy actions of the plans that select the resource; with a list, every listed destination must have one",
            ],
            Control::ResourcesProtectedByBackupVaultLock => &[
                "COMPLIANT when a recovery point of the resource is in a locked vault (either lock mode, or an air-gapped vault) whose lock's minimum is at least minRetentionDays and maximum at most maxRetentionDays",
            ],
            Control::LastRecoveryPointCreated => {
                &["a recovery point in any vault, in any account and Region, counts"]
            }
            Control::RestoreTimeMeetsTarget => &[
                "a resource's restore time is its latest COMPLETED restore test's, from the job's start to its end; a resource never tested is not reported",
            ],
            Control::ResourcesInLogicallyAirGappedVault => &[
                "COMPLIANT when the resource has a recovery point in a logically air-gapped vault no older than the given age; default 7 days (AWS's recommendation; no default is published)",
            ],
        }
    }
}

/// The assumption behind evaluating the controls AWS runs on configuration changes ("occurs":
/// "Configuration changes", data/reference/audit-controls.json) once a day.
const CHANGE_TRIGGERED: &str = "AWS evaluates it on configuration changes; vaultsim evaluates it with the others every 24 hours";

/// When the daily evaluations come: the reference does not say when AWS first evaluates a new
/// framework.
pub const SCHEDULE_ASSUMPTION: &str = "every control is evaluated 24 hours after the run's start and every 24 hours after that (when AWS first evaluates a new framework is not documented)";

/// How a ControlScope is matched (see [`Scope`]): the reference names no AWS Config type for
/// the resources, nor what an ID is.
pub const SCOPE_ASSUMPTION: &str = "ComplianceResourceTypes takes AWS Backup's type names (EC2, RDS, EFS, …) for resources and AWS::Backup::BackupPlan, BackupVault and RecoveryPoint; a ComplianceResourceIds entry matches a resource's ARN, name or ARN's last part, a plan's or vault's name, a recovery point's ARN";

impl fmt::Display for Control {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which resources a control evaluates (ControlScope). Empty is everything: "`"ControlScope":
/// {}` is the default scope: every resource the control can evaluate"
/// (data/reference/docs/audit-manager.md).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// ComplianceResourceTypes. AWS takes AWS Config's type names; the reference names only
    /// `AWS::Backup::BackupVault` (and the Config rules' `AWS::Backup::BackupPlan` and
    /// `AWS::Backup::RecoveryPoint`), so vaultsim takes those for AWS Backup's own things and
    /// AWS Backup's type names (`EC2`, `RDS`, `EFS`, …) for resources: a model assumption.
    pub resource_types: Vec<String>,
    /// Tags: at most one key and value ("max one key-value pair").
    pub tags: BTreeMap<String, String>,
    /// ComplianceResourceIds: 1 to 100. An ID matches a resource's ARN, its name, or its ARN's
    /// last part (`app-db`, `i-0a1b…`), a plan's or vault's name, a recovery point's ARN: a
    /// model assumption (the reference's one example is the vault name `default`).
    pub resource_ids: Vec<String>,
}

/// The type names a scope takes for AWS Backup's own things.
pub const BACKUP_PLAN_TYPE: &str = "AWS::Backup::BackupPlan";
pub const BACKUP_VAULT_TYPE: &str = "AWS::Backup::BackupVault";
pub const RECOVERY_POINT_TYPE: &str = "AWS::Backup::RecoveryPoint";

impl Scope {
    /// Whether something of type `kind`, known by `ids`, with `tags` (none kept: `None`) is in
    /// scope.
    fn covers(&self, kind: &str, ids: &[&str], tags: Option<&BTreeMap<String, String>>) -> bool {
        let typed = self.resource_types.is_empty() || self.resource_types.iter().any(|t| t == kind);
        let tagged = self
            .tags
            .iter()
            .all(|(k, v)| tags.is_some_and(|tags| tags.get(k) == Some(v)));
        let named = self.resource_ids.is_empty()
            || (self.resource_ids.iter()).any(|id| ids.iter().any(|i| i == id));
        typed && tagged && named
    }

    fn covers_resource(&self, resource: &Resource) -> bool {
        if self.resource_types.is_empty() && self.tags.is_empty() && self.resource_ids.is_empty() {
            return true;
        }
        self.covers(
            resource.resource_type.api_name(),
            &[
                &resource.arn,
                resource.short_name(),
                &resource.name,
                arn_id(resource),
            ],
            Some(&resource.tags),
        )
    }
}

/// A control in a framework: which, its parameters as given (checked), its scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlInput {
    pub control: Control,
    /// ControlInputParameters, by ParameterName.
    pub parameters: BTreeMap<String, String>,
    pub scope: Scope,
}

impl ControlInput {
    /// The control with its parameters at their defaults and an empty scope.
    pub fn default_for(control: Control) -> ControlInput {
        ControlInput {
            control,
            parameters: BTreeMap::new(),
            scope: Scope::default(),
        }
    }

    /// A parameter's value: as given, or its default.
    fn value(&self, name: &str) -> Option<&str> {
        self.parameters.get(name).map(String::as_str).or_else(|| {
            (self.control.parameters().iter())
                .find(|p| p.name == name)
                .and_then(|p| p.default)
        })
    }

    fn number(&self, name: &str) -> Option<i64> {
        self.value(name).and_then(|v| v.trim().parse().ok())
    }

    fn list(&self, name: &str) -> Vec<&str> {
        (self.value(name).unwrap_or_default().split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// An age or frequency parameter pair as a duration: `…Value` in `…Unit`.
    fn span(&self, value: &str, unit: &str) -> Option<(Duration, String)> {
        let n = self.number(value)?;
        let unit = self.value(unit).unwrap_or("days");
        let span = if unit == "hours" {
            Duration::hours(n)
        } else {
            Duration::days(n)
        };
        let singular = unit.trim_end_matches('s');
        let words = if n == 1 {
            format!("1 {singular}")
        } else {
            format!("{n} {unit}")
        };
        Some((span, words))
    }
}

/// A small framework in CreateFramework's shape: one control with a parameter set (the page
/// shows it as what to write).
pub const EXAMPLE_FRAMEWORK: &str = r#"{"FrameworkName": "retention_30_days", "FrameworkControls": [{"ControlName": "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", "ControlInputParameters": [{"ParameterName": "requiredRetentionDays", "ParameterValue": "30"}]}]}"#;

/// A framework: a name and its controls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Framework {
    pub name: String,
    pub controls: Vec<ControlInput>,
}

/// Something wrong in a framework document: where (a JSON path such as
/// `FrameworkControls[2].ControlName`) and what, with how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameworkError {
    pub at: String,
    pub message: String,
}

impl fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.at, self.message)
        }
    }
}

/// The members of a CreateFramework request.
const FRAMEWORK_MEMBERS: [&str; 5] = [
    "FrameworkName",
    "FrameworkDescription",
    "FrameworkControls",
    "FrameworkTags",
    "IdempotencyToken",
];
const CONTROL_MEMBERS: [&str; 3] = ["ControlName", "ControlInputParameters", "ControlScope"];
const SCOPE_MEMBERS: [&str; 3] = ["ComplianceResourceIds", "ComplianceResourceTypes", "Tags"];
const PARAMETER_MEMBERS: [&str; 2] = ["ParameterName", "ParameterValue"];

impl Framework {
    /// Every control at its defaults, scoped to everything.
    pub fn all_controls() -> Framework {
        Framework {
            name: "vaultsim_all_controls".to_string(),
            controls: Control::ALL.map(ControlInput::default_for).to_vec(),
        }
    }

    /// A framework from a CreateFramework request's JSON; every mistake found, each where it is.
    pub fn from_json(text: &str) -> Result<Framework, Vec<FrameworkError>> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            vec![FrameworkError {
                at: format!("line {}, column {}", e.line(), e.column()),
                message: format!("not JSON: {e}"),
            }]
        })?;
        let mut errors = Vec::new();
        let mut error = |at: &str, message: String| {
            errors.push(FrameworkError {
                at: at.to_string(),
                message,
            })
        };
        let Some(top) = value.as_object() else {
            error(
                "",
                "a framework is a JSON object with FrameworkName and FrameworkControls".into(),
            );
            return Err(errors);
        };
        unknown_members(top, "", &FRAMEWORK_MEMBERS, &mut error);
        // FrameworkName: "1-256 chars, pattern [a-zA-Z][_a-zA-Z0-9]*" (_limits).
        let name = match top.get("FrameworkName") {
            Some(Value::String(name)) => {
                let mut chars = name.chars();
                let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                    && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
                    && name.len() <= 256;
                if !valid {
                    error(
                        "FrameworkName",
                        format!(
                            "{name:?}: write 1 to 256 letters, digits and underscores, starting with a letter"
                        ),
                    );
                }
                name.clone()
            }
            Some(_) => {
                error("FrameworkName", "write the name as a string".into());
                String::new()
            }
            None => {
                error("FrameworkName", "missing: name the framework".into());
                String::new()
            }
        };
        let mut controls = Vec::new();
        match top.get("FrameworkControls") {
            Some(Value::Array(list)) if !list.is_empty() => {
                for (i, item) in list.iter().enumerate() {
                    if let Some(control) =
                        read_control(item, &format!("FrameworkControls[{i}]"), &mut error)
                    {
                        controls.push(control);
                    }
                }
            }
            Some(Value::Array(_)) => error(
                "FrameworkControls",
                "empty: list at least one control".into(),
            ),
            Some(_) => error(
                "FrameworkControls",
                "write a list of controls, each {\"ControlName\": …}".into(),
            ),
            None => error(
                "FrameworkControls",
                "missing: list the controls, each {\"ControlName\": …}".into(),
            ),
        }
        if errors.is_empty() {
            Ok(Framework { name, controls })
        } else {
            Err(errors)
        }
    }
}

fn unknown_members(
    object: &serde_json::Map<String, Value>,
    at: &str,
    known: &[&str],
    error: &mut impl FnMut(&str, String),
) {
    for key in object.keys().filter(|k| !known.contains(&k.as_str())) {
        let hint = match suggest::nearest(key, known) {
            Some(near) => format!("did you mean {near}?"),
            None => format!("the members are {}", known.join(", ")),
        };
        error(&join(at, key), format!("unknown member; {hint}"));
    }
}

fn join(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_string()
    } else {
        format!("{at}.{key}")
    }
}

fn read_control(
    item: &Value,
    at: &str,
    error: &mut impl FnMut(&str, String),
) -> Option<ControlInput> {
    let Some(object) = item.as_object() else {
        error(at, "write a control as {\"ControlName\": …}".into());
        return None;
    };
    unknown_members(object, at, &CONTROL_MEMBERS, error);
    let names: Vec<&str> = Control::ALL.iter().map(|c| c.name()).collect();
    let control = match object.get("ControlName") {
        Some(Value::String(name)) => match Control::from_name(name) {
            Some(control) => control,
            None => {
                let hint = match suggest::nearest(name, &names) {
                    Some(near) => format!("did you mean {near}?"),
                    None => format!("the controls are {}", names.join(", ")),
                };
                error(
                    &join(at, "ControlName"),
                    format!("unknown control {name:?}; {hint}"),
                );
                return None;
            }
        },
        _ => {
            error(
                &join(at, "ControlName"),
                format!("missing or not a string: name one of {}", names.join(", ")),
            );
            return None;
        }
    };
    let mut input = ControlInput::default_for(control);
    match object.get("ControlInputParameters") {
        None => {}
        Some(Value::Array(list)) => {
            for (i, p) in list.iter().enumerate() {
                let at = format!("{at}.ControlInputParameters[{i}]");
                read_parameter(p, &at, control, &mut input.parameters, error);
            }
        }
        Some(_) => error(
            &join(at, "ControlInputParameters"),
            "write a list of {\"ParameterName\": …, \"ParameterValue\": …}".into(),
        ),
    }
    let ok = check_ranges(&input, &join(at, "ControlInputParameters"), error);
    match object.get("ControlScope") {
        None => {}
        Some(Value::Object(scope)) => {
            input.scope = read_scope(scope, &join(at, "ControlScope"), error)?;
        }
        Some(_) => error(
            &join(at, "ControlScope"),
            "write an object ({} for everything)".into(),
        ),
    }
    ok.then_some(input)
}

fn read_parameter(
    p: &Value,
    at: &str,
    control: Control,
    parameters: &mut BTreeMap<String, String>,
    error: &mut impl FnMut(&str, String),
) {
    let Some(object) = p.as_object() else {
        error(
            at,
            "write {\"ParameterName\": …, \"ParameterValue\": …}".into(),
        );
        return;
    };
    unknown_members(object, at, &PARAMETER_MEMBERS, error);
    let Some(name) = object.get("ParameterName").and_then(Value::as_str) else {
        error(&join(at, "ParameterName"), "missing or not a string".into());
        return;
    };
    let known: Vec<&str> = control.parameters().iter().map(|p| p.name).collect();
    let Some(spec) = control.parameters().iter().find(|p| p.name == name) else {
        let hint = if known.is_empty() {
            format!("{control} takes no parameters: remove it")
        } else {
            match suggest::nearest(name, &known) {
                Some(near) => format!("did you mean {near}?"),
                None => format!("{control} takes {}", known.join(", ")),
            }
        };
        error(
            &join(at, "ParameterName"),
            format!("unknown parameter {name:?}; {hint}"),
        );
        return;
    };
    // ParameterValue is a string in the API; a number written as one is read as it.
    let value = match object.get("ParameterValue") {
        Some(Value::String(v)) => v.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => {
            error(
                &join(at, "ParameterValue"),
                format!("missing or not a string: give {name} a value"),
            );
            return;
        }
    };
    let at = join(at, "ParameterValue");
    let items = || value.split(',').map(str::trim);
    match spec.kind {
        Kind::Unit if value != "hours" && value != "days" => {
            error(&at, format!("{name} {value:?}: write hours or days"));
            return;
        }
        Kind::Number if !value.trim().parse::<i64>().is_ok_and(|n| n >= 1) => {
            error(
                &at,
                format!("{name} {value:?}: write a whole number of 1 or more"),
            );
            return;
        }
        Kind::Arns if items().count() > 5 || items().any(|a| !a.starts_with("arn:")) => {
            error(
                &at,
                format!("{name} {value:?}: write up to five IAM role ARNs, separated by commas"),
            );
            return;
        }
        Kind::Accounts
            if items().count() > 5
                || items().any(|a| a.len() != 12 || !a.bytes().all(|b| b.is_ascii_digit())) =>
        {
            error(
                &at,
                format!(
                    "{name} {value:?}: write up to five 12-digit account IDs, separated by commas"
                ),
            );
            return;
        }
        Kind::Regions if items().any(str::is_empty) => {
            error(
                &at,
                format!(
                    "{name} {value:?}: write Region names separated by commas, such as eu-west-2"
                ),
            );
            return;
        }
        _ => {}
    }
    parameters.insert(name.to_string(), value);
}

/// A value parameter, its unit parameter, and its range in hours and in days.
type AgeRange = (&'static str, &'static str, (i64, i64), (i64, i64));

/// The limits that depend on two parameters or on the control; false when one is broken.
fn check_ranges(input: &ControlInput, at: &str, error: &mut impl FnMut(&str, String)) -> bool {
    let unit_of = |unit: &str| input.value(unit).unwrap_or("days").to_string();
    let ranges: &[AgeRange] = match input.control {
        // "max 24 for hours, 31 for days" (audit-manager.md, control 2).
        Control::PlanMinFrequencyAndMinRetention => &[(
            "requiredFrequencyValue",
            "requiredFrequencyUnit",
            (1, 24),
            (1, 31),
        )],
        // "hours 1-744, days 1-31" (audit-controls.json).
        Control::LastRecoveryPointCreated => &[(
            "recoveryPointAgeValue",
            "recoveryPointAgeUnit",
            (1, 744),
            (1, 31),
        )],
        // "hours 24-2184, days 1-91" (audit-controls.json).
        Control::ResourcesInLogicallyAirGappedVault => &[(
            "recoveryPointAgeValue",
            "recoveryPointAgeUnit",
            (24, 2184),
            (1, 91),
        )],
        _ => &[],
    };
    let mut ok = true;
    for (value, unit, hours, days) in ranges {
        let unit = unit_of(unit);
        let (low, high) = if unit == "hours" { *hours } else { *days };
        if let Some(n) = input.number(value)
            && (n < low || n > high)
        {
            error(
                at,
                format!("{value} {n} in {unit}: write {low} to {high} for {unit}"),
            );
            ok = false;
        }
    }
    if input.control == Control::ResourcesProtectedByBackupVaultLock
        && let (Some(min), Some(max)) = (
            input.number("minRetentionDays"),
            input.number("maxRetentionDays"),
        )
        && min > max
    {
        error(
            at,
            format!("minRetentionDays {min} is more than maxRetentionDays {max}: swap them"),
        );
        ok = false;
    }
    if input.control == Control::RestoreTimeMeetsTarget && input.number("maxRestoreTime").is_none()
    {
        error(
            at,
            "maxRestoreTime is required (minutes, no default): add {\"ParameterName\": \"maxRestoreTime\", \"ParameterValue\": \"720\"}".into(),
        );
        ok = false;
    }
    ok
}

fn read_scope(
    scope: &serde_json::Map<String, Value>,
    at: &str,
    error: &mut impl FnMut(&str, String),
) -> Option<Scope> {
    unknown_members(scope, at, &SCOPE_MEMBERS, error);
    let mut out = Scope::default();
    let strings = |key: &str, error: &mut dyn FnMut(&str, String)| -> Option<Vec<String>> {
        match scope.get(key) {
            None => Some(Vec::new()),
            Some(Value::Array(list)) if list.iter().all(Value::is_string) => Some(
                list.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            ),
            Some(_) => {
                error(&join(at, key), "write a list of strings".into());
                None
            }
        }
    };
    let mut failed = false;
    let mut wrap = |at: &str, message: String| {
        failed = true;
        error(at, message)
    };
    out.resource_types = strings("ComplianceResourceTypes", &mut wrap).unwrap_or_default();
    out.resource_ids = strings("ComplianceResourceIds", &mut wrap).unwrap_or_default();
    let types: Vec<&str> = (crate::services::ResourceType::ALL.iter())
        .map(|t| t.api_name())
        .chain([BACKUP_PLAN_TYPE, BACKUP_VAULT_TYPE, RECOVERY_POINT_TYPE])
        .collect();
    for (i, t) in out.resource_types.iter().enumerate() {
        if !types.contains(&t.as_str()) {
            let hint = match suggest::nearest(t, &types) {
                Some(near) => format!("did you mean {near}?"),
                None => format!("vaultsim takes {}", types.join(", ")),
            };
            wrap(
                &format!("{at}.ComplianceResourceTypes[{i}]"),
                format!("unknown type {t:?}; {hint}"),
            );
        }
    }
    // "ComplianceResourceIds: list 1-100" (_limits).
    if scope.contains_key("ComplianceResourceIds") && !(1..=100).contains(&out.resource_ids.len()) {
        wrap(
            &join(at, "ComplianceResourceIds"),
            "list 1 to 100 IDs, or leave it out for every resource".into(),
        );
    }
    match scope.get("Tags") {
        None => {}
        Some(Value::Object(tags)) => {
            // "ControlScope.Tags: max one key-value pair" (_limits).
            if tags.len() > 1 {
                wrap(
                    &join(at, "Tags"),
                    format!(
                        "{} tags: a scope takes at most one key and value",
                        tags.len()
                    ),
                );
            }
            for (k, v) in tags {
                match v.as_str() {
                    Some(v) => {
                        out.tags.insert(k.clone(), v.to_string());
                    }
                    None => wrap(
                        &format!("{at}.Tags.{k}"),
                        "write the tag's value as a string".into(),
                    ),
                }
            }
        }
        Some(_) => wrap(
            &join(at, "Tags"),
            "write an object {\"key\": \"value\"}".into(),
        ),
    }
    (!failed).then_some(out)
}

/// COMPLIANT or NON_COMPLIANT, the Config rule vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compliance {
    Compliant,
    NonCompliant,
}

impl Compliance {
    pub fn as_str(self) -> &'static str {
        match self {
            Compliance::Compliant => "COMPLIANT",
            Compliance::NonCompliant => "NON_COMPLIANT",
        }
    }
}

/// One resource (or plan, vault, recovery point) against one control.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What was evaluated, in words: `app-db`, `plan prod-backup-plan`, `vault dr-vault`, or a
    /// recovery point as `app-db's point of 2024-01-16T02:00:00Z in prod-primary-vault`.
    pub subject: String,
    pub compliance: Compliance,
    /// Why, in plain words.
    pub reason: String,
}

/// A control's evaluation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlResult {
    pub control: Control,
    /// Why the control could not be evaluated: what vaultsim does not model.
    pub not_evaluated: Option<String>,
    pub findings: Vec<Finding>,
}

impl ControlResult {
    pub fn count(&self, compliance: Compliance) -> usize {
        (self.findings.iter())
            .filter(|f| f.compliance == compliance)
            .count()
    }

    pub fn non_compliant(&self) -> impl Iterator<Item = &Finding> {
        (self.findings.iter()).filter(|f| f.compliance == Compliance::NonCompliant)
    }
}

/// A framework evaluated at a moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    pub at: DateTime<Utc>,
    pub controls: Vec<ControlResult>,
}

/// The last part of a resource's ARN: its ID (`app-db`, `i-0a1b…`, `fs-0123…`).
fn arn_id(resource: &Resource) -> &str {
    resource
        .arn
        .rsplit([':', '/'])
        .next()
        .unwrap_or(&resource.arn)
}

/// What each resource is called in findings: its short name, or its ARN's ID where two share a
/// short name (a restored database is named after its source).
fn labels(world: &World) -> Vec<&str> {
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for r in &world.resources {
        *uses.entry(r.short_name()).or_default() += 1;
    }
    (world.resources.iter())
        .map(|r| match uses.get(r.short_name()) {
            Some(1) => r.short_name(),
            _ => arn_id(r),
        })
        .collect()
}

/// What findings call the resource with this ARN (see [`labels`]); `None` when the world has
/// none such.
pub fn subject_of(world: &World, arn: &str) -> Option<String> {
    let i = world.resources.iter().position(|r| r.arn == arn)?;
    labels(world).get(i).map(|label| label.to_string())
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn finding(subject: impl Into<String>, compliant: bool, reason: impl Into<String>) -> Finding {
    Finding {
        subject: subject.into(),
        compliance: if compliant {
            Compliance::Compliant
        } else {
            Compliance::NonCompliant
        },
        reason: reason.into(),
    }
}

/// `arn:aws:backup:REGION:ACCOUNT:backup-vault:NAME`'s Region and account.
fn vault_place(arn: &str) -> Option<(&str, &str)> {
    let mut parts = arn.split(':').skip(3);
    Some((parts.next()?, parts.next()?))
}

/// The recovery points of a resource not deleted.
fn points_of(world: &World, resource: usize) -> impl Iterator<Item = &RecoveryPoint> {
    (world.recovery_points.of_resource(resource))
        .map(|(_, rp)| rp)
        .filter(|rp| !rp.is_deleted())
}

impl Framework {
    /// Every control of the framework against the simulation as it is now.
    pub fn evaluate(&self, simulation: &Simulation) -> Evaluation {
        let world = simulation.world();
        let plans: Vec<RunningPlan<'_>> = simulation.plans().collect();
        // The plans selecting each resource, worked out once (a fleet has thousands of
        // resources).
        let mut selected_by: Vec<Vec<usize>> = vec![Vec::new(); world.resources.len()];
        for (p, plan) in plans.iter().enumerate() {
            for &i in plan.selected {
                if let Some(by) = selected_by.get_mut(i) {
                    by.push(p);
                }
            }
        }
        let world_now = Now {
            simulation,
            labels: labels(world),
            plans,
            selected_by,
        };
        Evaluation {
            at: simulation.now(),
            controls: (self.controls.iter())
                .map(|input| evaluate(input, &world_now))
                .collect(),
        }
    }
}

/// What every control's evaluation reads, worked out once per evaluation.
struct Now<'a> {
    simulation: &'a Simulation,
    labels: Vec<&'a str>,
    plans: Vec<RunningPlan<'a>>,
    selected_by: Vec<Vec<usize>>,
}

fn evaluate(input: &ControlInput, world_now: &Now<'_>) -> ControlResult {
    let simulation = world_now.simulation;
    let world = simulation.world();
    let labels = &world_now.labels;
    let plans = &world_now.plans;
    let selected_by = &world_now.selected_by;
    let now = simulation.now();
    // A resource deleted during the run (a restore test's, cleaned up) is no longer evaluated.
    let resources = || {
        (world.resources.iter().enumerate())
            .filter(|(i, r)| !simulation.resource_deleted(*i) && input.scope.covers_resource(r))
    };
    // The recovery points in scope (not deleted), each with its resource and how a finding
    // names it. ARNs are written on demand: only when an ID scope needs them.
    let points = || {
        world.recovery_points.indexed().filter_map(|(i, rp)| {
            if rp.is_deleted() {
                return None;
            }
            let resource = &world.resources[rp.resource as usize];
            let arn = if input.scope.resource_ids.is_empty() {
                String::new()
            } else {
                world.recovery_point_arn(i)
            };
            if !input
                .scope
                .covers(RECOVERY_POINT_TYPE, &[&arn], Some(&resource.tags))
            {
                return None;
            }
            let subject = format!(
                "{}'s point of {} in {}",
                labels[rp.resource as usize],
                time(rp.creation),
                world.vaults[rp.vault as usize].name
            );
            Some((rp, resource, subject))
        })
    };
    let selecting =
        |i: usize| (selected_by.get(i).map_or(&[][..], Vec::as_slice).iter()).map(|&p| &plans[p]);
    let mut result = ControlResult {
        control: input.control,
        not_evaluated: None,
        findings: Vec::new(),
    };
    let findings = &mut result.findings;
    match input.control {
        // "Checks each resource is covered by a backup plan (a selection of some plan matches
        // it)" (audit-manager.md, control 1).
        Control::ResourcesProtectedByBackupPlan => {
            for (i, _) in resources() {
                let names: Vec<&str> = selecting(i)
                    .map(|p| p.plan.backup_plan_name.as_str())
                    .collect();
                findings.push(if names.is_empty() {
                    finding(labels[i], false, "not in any backup plan's selection")
                } else {
                    finding(labels[i], true, format!("selected by {}", names.join(", ")))
                });
            }
        }
        // "The plan passes when at least one rule meets both" (control 2).
        Control::PlanMinFrequencyAndMinRetention => {
            let (frequency, every) = input
                .span("requiredFrequencyValue", "requiredFrequencyUnit")
                .unwrap_or((Duration::days(1), "1 day".into()));
            let retention = input.number("requiredRetentionDays").unwrap_or(35);
            for p in plans {
                let name = &p.plan.backup_plan_name;
                if !input.scope.covers(BACKUP_PLAN_TYPE, &[name], None) {
                    continue;
                }
                let rules: Vec<(String, bool)> = (p.plan.rules.iter())
                    .map(|rule| {
                        let gap = longest_gap(rule, now);
                        let kept = (rule.lifecycle.as_ref())
                            .and_then(|l| l.delete_after_days)
                            .filter(|d| *d >= 1);
                        let often = gap.is_some_and(|g| g <= frequency);
                        let long = kept.is_none_or(|d| d >= retention);
                        let gap_words = gap.map_or("no run left".to_string(), |g| {
                            format!("every {}", crate::time_text::span(g))
                        });
                        let kept_words =
                            kept.map_or("kept forever".into(), |d| format!("kept {d} days"));
                        (
                            format!("{}: {gap_words}, {kept_words}", rule.rule_name),
                            often && long,
                        )
                    })
                    .collect();
                let passing = rules.iter().find(|(_, ok)| *ok);
                let detail: Vec<&str> = rules.iter().map(|(w, _)| w.as_str()).collect();
                findings.push(match passing {
                    Some((words, _)) => finding(format!("plan {name}"), true, format!("rule {words}")),
                    None => finding(
                        format!("plan {name}"),
                        false,
                        format!(
                            "no rule backing up at least every {every} and keeping points at least {retention} days ({})",
                            detail.join("; ")
                        ),
                    ),
                });
            }
        }
        Control::RecoveryPointManualDeletionDisabled => {
            let exempt = input.list("principalArnList");
            for v in world.vaults.iter().filter(|v| !v.is_deleted()) {
                if !input
                    .scope
                    .covers(BACKUP_VAULT_TYPE, &[&v.name, &v.arn], None)
                {
                    continue;
                }
                findings.push(manual_deletion(v, &exempt));
            }
        }
        // NON_COMPLIANT "if the recovery point is not encrypted" (control 4): a point is
        // encrypted as [`Resource::backups_encrypted`] says (the vault's key for a fully managed
        // type, its source's otherwise).
        Control::RecoveryPointEncrypted => {
            for (_, resource, subject) in points() {
                findings.push(if resource.service.fully_managed() {
                    finding(subject, true, "encrypted with the vault's key (a fully managed type)")
                } else if resource.backups_encrypted() {
                    finding(subject, true, "encrypted with its source's key")
                } else {
                    finding(
                        subject,
                        false,
                        "not encrypted: its source is not, and a type AWS Backup does not fully manage keeps its source's encryption",
                    )
                });
            }
        }
        // "retention = CalculatedLifecycle.DeleteAt − CreationDate; no DeleteAt = forever"
        // (control 5).
        Control::RecoveryPointMinimumRetention => {
            let required = input.number("requiredRetentionDays").unwrap_or(35);
            for (rp, _, subject) in points() {
                let kept = rp.lifecycle.delete_after_days.filter(|d| *d >= 1);
                findings.push(match kept {
                    None => finding(subject, true, "kept forever"),
                    Some(d) if i64::from(d) >= required => {
                        finding(subject, true, format!("kept {d} days"))
                    }
                    Some(d) => finding(
                        subject,
                        false,
                        format!("kept {d} days, under the {required} required"),
                    ),
                });
            }
        }
        Control::ResourcesProtectedByCrossRegion | Control::ResourcesProtectedByCrossAccount => {
            let region = input.control == Control::ResourcesProtectedByCrossRegion;
            let wanted = input.list(if region {
                "crossRegionList"
            } else {
                "crossAccountList"
            });
            let what = if region { "Region" } else { "account" };
            for (i, _) in resources() {
                // The destinations the plans selecting the resource copy to, outside its own
                // Region (or account).
                let mut places: Vec<&str> = Vec::new();
                for p in selecting(i) {
                    for rule in &p.plan.rules {
                        for copy in &rule.copy_actions {
                            if let Some((to_region, to_account)) =
                                vault_place(&copy.destination_backup_vault_arn)
                            {
                                let (to, home) = if region {
                                    (to_region, p.region)
                                } else {
                                    (to_account, p.account)
                                };
                                if to != home && !places.contains(&to) {
                                    places.push(to);
                                }
                            }
                        }
                    }
                }
                let missing: Vec<&str> = (wanted.iter().copied())
                    .filter(|w| !places.contains(w))
                    .collect();
                findings.push(if places.is_empty() {
                    finding(
                        labels[i],
                        false,
                        format!("no backup plan selecting it copies to another {what}"),
                    )
                } else if !missing.is_empty() {
                    finding(
                        labels[i],
                        false,
                        format!(
                            "copied to {} but not to {}",
                            places.join(", "),
                            missing.join(", ")
                        ),
                    )
                } else {
                    finding(labels[i], true, format!("copied to {}", places.join(", ")))
                });
            }
        }
        Control::ResourcesProtectedByBackupVaultLock => {
            let min = input.number("minRetentionDays");
            let max = input.number("maxRetentionDays");
            for (i, _) in resources() {
                findings.push(vault_lock(world, i, labels[i], min, max));
            }
        }
        // "NON_COMPLIANT if the resource does not have a corresponding recovery point created
        // within the specified time period" (control 9).
        Control::LastRecoveryPointCreated => {
            let (age, words) = input
                .span("recoveryPointAgeValue", "recoveryPointAgeUnit")
                .unwrap_or((Duration::days(1), "1 day".into()));
            for (i, _) in resources() {
                let newest = points_of(world, i).map(|rp| rp.creation).max();
                findings.push(match newest {
                    Some(t) if t >= now - age => finding(
                        labels[i],
                        true,
                        format!("newest recovery point {}", time(t)),
                    ),
                    Some(t) => finding(
                        labels[i],
                        false,
                        format!("no recovery point in the last {words} (newest {})", time(t)),
                    ),
                    None => finding(
                        labels[i],
                        false,
                        format!("no recovery point in the last {words} (none at all)"),
                    ),
                });
            }
        }
        // "NON_COMPLIANT if LatestRestoreExecutionTimeMinutes of [a resource] is greater than
        // maxRestoreTime minutes", the value coming from restore testing jobs (control 10): the
        // latest restore test of the resource that COMPLETED, from its start to its end. A
        // resource with no restore test has nothing to compare and is not reported.
        Control::RestoreTimeMeetsTarget => {
            // A framework AWS accepts names it (required, no default); the built-in framework
            // of every control at its defaults cannot.
            let Some(target) = input.number("maxRestoreTime") else {
                result.not_evaluated = Some(
                    "maxRestoreTime has no default: give it (minutes) in a framework to compare the restore tests' times".into(),
                );
                return result;
            };
            let mut latest: Vec<Option<(DateTime<Utc>, Duration)>> =
                vec![None; world.resources.len()];
            for job in simulation.restore_jobs().iter() {
                let (Some(done), Some(_)) = (job.completion, job.test.as_ref()) else {
                    continue;
                };
                if job.state != RestoreJobState::Completed {
                    continue;
                }
                if let Some(slot) = latest.get_mut(job.resource)
                    && slot.is_none_or(|(at, _)| at <= job.creation)
                {
                    *slot = Some((job.creation, done - job.creation));
                }
            }
            for (i, _) in resources() {
                let Some((at, took)) = latest[i] else {
                    continue;
                };
                let words = format!(
                    "latest restore test ({}) took {}; the target is {target} minutes",
                    time(at),
                    crate::time_text::span(took)
                );
                let met = Duration::try_minutes(target).is_none_or(|target| took <= target);
                findings.push(finding(labels[i], met, words));
            }
        }
        Control::ResourcesInLogicallyAirGappedVault => {
            let (age, words) = input
                .span("recoveryPointAgeValue", "recoveryPointAgeUnit")
                .unwrap_or((Duration::days(7), "7 days".into()));
            for (i, _) in resources() {
                let newest = points_of(world, i)
                    .filter(|rp| world.vaults[rp.vault as usize].air_gapped)
                    .max_by_key(|rp| rp.creation);
                findings.push(match newest {
                    Some(rp) if rp.creation >= now - age => finding(
                        labels[i],
                        true,
                        format!(
                            "recovery point of {} in air-gapped vault {}",
                            time(rp.creation),
                            world.vaults[rp.vault as usize].name
                        ),
                    ),
                    Some(rp) => finding(
                        labels[i],
                        false,
                        format!(
                            "no recovery point in a logically air-gapped vault in the last {words} (newest {})",
                            time(rp.creation)
                        ),
                    ),
                    None => finding(
                        labels[i],
                        false,
                        "no recovery point in a logically air-gapped vault",
                    ),
                });
            }
        }
    }
    result
}

/// The longest gap between consecutive runs of the rule's schedule over the 366 days from `now`,
/// counting from `now` to the first run and from the last run to the window's end (a model
/// assumption: the reference's reading is "the longest gap between consecutive runs of its
/// cron", with no window); `None` when it does not run in that time. A rule whose schedule is
/// unreadable counts as never running.
fn longest_gap(rule: &BackupRule, now: DateTime<Utc>) -> Option<Duration> {
    let cron = CronExpression::parse(&rule.schedule_expression).ok()?;
    let timezone = Timezone::parse(&rule.schedule_expression_timezone).unwrap_or_default();
    let schedule = Schedule::new(cron, timezone);
    let end = now + Duration::days(366);
    let mut last = now;
    let mut gap = None;
    for run in schedule.runs_after(now).take_while(|t| *t <= end) {
        gap = Some(gap.unwrap_or_else(Duration::zero).max(run - last));
        last = run;
    }
    gap.map(|g: Duration| g.max(end - last))
}

/// COMPLIANT "only if the vault access policy has a Deny statement covering
/// backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle and
/// backup:PutBackupVaultAccessPolicy whose Principal and Resource are wildcards; no policy, or no
/// such statement, is NON_COMPLIANT" (data/reference/docs/audit-manager.md, control 3).
fn manual_deletion(vault: &Vault, exempt: &[&str]) -> Finding {
    const ACTIONS: [&str; 3] = [
        "backup:DeleteRecoveryPoint",
        "backup:UpdateRecoveryPointLifecycle",
        "backup:PutBackupVaultAccessPolicy",
    ];
    let subject = format!("vault {}", vault.name);
    let Some(policy) = &vault.access_policy else {
        return finding(subject, false, "no access policy");
    };
    let statements = match policy.get("Statement") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    let strings = |v: Option<&Value>| -> Vec<String> {
        match v {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(list)) => (list.iter())
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    };
    let wildcard_principal = |s: &Value| match s.get("Principal") {
        Some(Value::String(p)) => p == "*",
        Some(Value::Object(p)) => p.get("AWS").is_some_and(|a| strings(Some(a)) == ["*"]),
        _ => false,
    };
    let denies = statements.iter().any(|s| {
        let actions = strings(s.get("Action"));
        s.get("Effect").and_then(Value::as_str) == Some("Deny")
            && wildcard_principal(s)
            && strings(s.get("Resource")).iter().any(|r| r == "*")
            && ACTIONS.iter().all(|wanted| {
                actions.iter().any(|a| {
                    wildcard::matches(&a.to_ascii_lowercase(), &wanted.to_ascii_lowercase())
                })
            })
            && s.get("Condition").is_none_or(|c| {
                let mut arns = Vec::new();
                arns_in(c, &mut arns);
                arns.iter().all(|arn| exempt.contains(&arn.as_str()))
            })
    });
    if denies {
        finding(
            subject,
            true,
            "its access policy denies everyone manual deletion",
        )
    } else {
        finding(
            subject,
            false,
            "its access policy has no Deny of backup:DeleteRecoveryPoint, backup:UpdateRecoveryPointLifecycle and backup:PutBackupVaultAccessPolicy to every principal on every resource",
        )
    }
}

/// Every ARN a policy condition names.
fn arns_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) if s.starts_with("arn:") => out.push(s.clone()),
        Value::Array(list) => list.iter().for_each(|v| arns_in(v, out)),
        Value::Object(map) => map.values().for_each(|v| arns_in(v, out)),
        _ => {}
    }
}

/// "Evaluates if a resource has immutable backups stored in a locked backup vault"; simulation
/// reading: "COMPLIANT when the vault of the resource's points is locked and the lock's bounds
/// fall within the given min/max" (data/reference/docs/audit-manager.md, control 8).
fn vault_lock(world: &World, i: usize, label: &str, min: Option<i64>, max: Option<i64>) -> Finding {
    let mut locked_vaults: Vec<&Vault> = Vec::new();
    for rp in points_of(world, i) {
        let vault = &world.vaults[rp.vault as usize];
        if (vault.lock.is_some() || vault.air_gapped)
            && !locked_vaults.iter().any(|v| v.arn == vault.arn)
        {
            locked_vaults.push(vault);
        }
    }
    if locked_vaults.is_empty() {
        return finding(label, false, "no recovery point in a locked vault");
    }
    let within = |v: &Vault| {
        let lock = v.lock.as_ref();
        let low = lock.and_then(|l| l.min_retention_days);
        let high = lock.and_then(|l| l.max_retention_days);
        min.is_none_or(|m| low.is_some_and(|l| l >= m))
            && max.is_none_or(|m| high.is_some_and(|h| h <= m))
    };
    match locked_vaults.iter().find(|v| within(v)) {
        Some(v) => finding(
            label,
            true,
            format!("recovery points in locked vault {}", v.name),
        ),
        None => {
            let bounds: Vec<String> = (locked_vaults.iter())
                .map(|v| {
                    let lock = v.lock.as_ref();
                    let day = |d: Option<i64>| d.map_or("none".to_string(), |d| d.to_string());
                    format!(
                        "{}: MinRetentionDays {}, MaxRetentionDays {}",
                        v.name,
                        day(lock.and_then(|l| l.min_retention_days)),
                        day(lock.and_then(|l| l.max_retention_days))
                    )
                })
                .collect();
            let want = format!(
                "minRetentionDays {}, maxRetentionDays {}",
                min.map_or("any".to_string(), |d| d.to_string()),
                max.map_or("any".to_string(), |d| d.to_string())
            );
            finding(
                label,
                false,
                format!(
                    "no locked vault with a lock within {want} ({})",
                    bounds.join("; ")
                ),
            )
        }
    }
}

/// How many non-compliant findings a day's record keeps per control (its counts stay exact): a
/// fleet's year would otherwise keep millions of lines.
pub const KEPT_PER_DAY: usize = 100;

/// A control's result on one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayCount {
    pub control: Control,
    pub not_evaluated: bool,
    pub compliant: usize,
    pub non_compliant: usize,
    /// The first [`KEPT_PER_DAY`] non-compliant findings.
    pub findings: Vec<Finding>,
}

/// One day's evaluation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub at: DateTime<Utc>,
    pub controls: Vec<DayCount>,
}

/// A framework evaluated once every 24 hours of a run, as AWS evaluates the periodic controls
/// ("Automatically every 24 hours", data/reference/audit-controls.json). The controls AWS
/// evaluates on configuration changes (2, 3, 4, 5) are evaluated with them: the run's
/// configuration changes rarely, so their daily result is the one a change would have given (a
/// model assumption). The caller runs the simulation forward and calls
/// [`DailyEvaluation::observe`] as it goes (after each simulated day), so nothing of this runs
/// in the engine's loop.
#[derive(Clone, Debug)]
pub struct DailyEvaluation {
    framework: Framework,
    next: Option<DateTime<Utc>>,
    days: Vec<Day>,
    last: Option<Evaluation>,
}

impl DailyEvaluation {
    /// Evaluations of `framework` every 24 hours after the simulation's start (when AWS's first
    /// evaluation of a new framework would come is not in the reference: a model assumption).
    pub fn new(framework: Framework, simulation: &Simulation) -> DailyEvaluation {
        DailyEvaluation {
            framework,
            next: Some(simulation.start() + Duration::days(1)),
            days: Vec::new(),
            last: None,
        }
    }

    /// Evaluates the framework if an evaluation is due (24 hours since the last one); returns
    /// whether it did. An evaluation is of the world as it is at the call, dated then.
    pub fn observe(&mut self, simulation: &Simulation) -> bool {
        let now = simulation.now();
        let Some(due) = self.next.filter(|due| now >= *due) else {
            return false;
        };
        let evaluation = self.framework.evaluate(simulation);
        self.days.push(Day {
            date: now.date_naive(),
            at: now,
            controls: (evaluation.controls.iter())
                .map(|c| DayCount {
                    control: c.control,
                    not_evaluated: c.not_evaluated.is_some(),
                    compliant: c.count(Compliance::Compliant),
                    non_compliant: c.count(Compliance::NonCompliant),
                    findings: c.non_compliant().take(KEPT_PER_DAY).cloned().collect(),
                })
                .collect(),
        });
        self.last = Some(evaluation);
        // The next is 24 hours after this one was due, so that late calls do not drift.
        let mut next = due + Duration::days(1);
        while next <= now {
            next += Duration::days(1);
        }
        self.next = Some(next);
        true
    }

    pub fn framework(&self) -> &Framework {
        &self.framework
    }

    /// Each day's counts and non-compliant findings, oldest first.
    pub fn days(&self) -> &[Day] {
        &self.days
    }

    /// The last evaluation in full.
    pub fn last(&self) -> Option<&Evaluation> {
        self.last.as_ref()
    }
}
