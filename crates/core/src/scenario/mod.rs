//! Scenarios: everything a simulation starts from — the time, the seed, accounts and Regions,
//! resources, vaults, plans, operations and faults — as a JSON document, checked like a plan is,
//! and the scenarios built in. What a scenario writes as text is read here, once: its times
//! (`timestamp`), its operations' requests (`requests`) and its databases' windows (`windows`);
//! the engine takes them read.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::codes::{self, Code};
use crate::diagnostic::Diagnostic;
use crate::document::de::variant;
use crate::document::{
    DecodeError, Fields, FromNode, LineIndex, Node, from_node, parse_json, pointer_push,
};
use crate::plan::{self, CheckOptions};
use crate::restore_testing::{
    MAX_SELECTIONS_PER_PLAN, MAX_VALIDATION_WINDOW_HOURS, RestoreTestingPlan,
    RestoreTestingSelection, VALIDATION_RESULTS,
};
use crate::services::ResourceType;

/// A scenario document.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// When the simulation starts (RFC 3339).
    pub start_time: Timestamp,
    /// The seed of every random choice: the same scenario and seed, the same run.
    #[serde(default)]
    pub seed: u64,
    pub accounts: Vec<AccountSpec>,
    #[serde(default)]
    pub resources: Vec<ResourceSpec>,
    #[serde(default)]
    pub vaults: Vec<VaultSpec>,
    #[serde(default)]
    pub plans: Vec<PlanSpec>,
    /// API calls made at given times: on-demand backups, restores, legal holds and the rest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<OperationSpec>,
    /// Things that go wrong, on purpose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub faults: Vec<FaultSpec>,
    /// Restore testing plans, each with its selections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub restore_testing_plans: Vec<RestoreTestingSpec>,
}

/// A restore testing plan in an account and Region: the plan and its selections as
/// CreateRestoreTestingPlan and CreateRestoreTestingSelection take them, and what the account's
/// own validation does with each test restore.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct RestoreTestingSpec {
    pub account: String,
    pub region: String,
    /// A `RestoreTestingPlanForCreate`.
    pub restore_testing_plan: Value,
    /// `RestoreTestingSelectionForCreate`s.
    #[serde(default)]
    pub restore_testing_selections: Vec<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<ValidationSpec>,
}

/// The account's validation of a test restore: vaultsim's model of the workflow AWS describes (an
/// EventBridge rule on the restore job's COMPLETED event whose target, a Lambda function say,
/// checks the restored resource and calls PutRestoreValidationResult). Without one, no result
/// comes: the validation window closes and the restored resource is deleted.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ValidationSpec {
    /// The `ValidationStatus` it reports: SUCCESSFUL or FAILED.
    pub status: String,
    /// Minutes after the restore job COMPLETED that it reports.
    #[serde(default)]
    pub after_minutes: i64,
    /// Its `ValidationStatusMessage`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// It also removes the awsbackup-restore-test tag from the restored resource (a mistake AWS
    /// warns of: the clean-up of a resource the restore testing role deletes by the tag is then
    /// denied, and the resource must be deleted by hand).
    #[serde(default)]
    pub removes_tag: bool,
}

/// An AWS Backup API call at a simulated time: the operation's name and its request, with the
/// API's member names (`{"Operation": "StartRestoreJob", "Input": {"RecoveryPointArn": ...}}`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct OperationSpec {
    pub at: Timestamp,
    pub operation: String,
    #[serde(default)]
    pub input: Value,
    /// Who calls: an IAM principal ARN. The caller's account is the principal's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    /// The Region called; by default the first Region of the caller's account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// A fault injected into the simulation: a model of what goes wrong, not AWS behaviour.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "Fault", rename_all_fields = "PascalCase", deny_unknown_fields)]
pub enum FaultSpec {
    /// Each backup job of the type fails with this probability (0 to 1), drawn from the seed.
    FailureRate {
        resource_type: String,
        probability: f64,
    },
    /// The next backup job of the resource to finish at or after `At` fails.
    JobFailure { resource_arn: String, at: Timestamp },
    /// The resource cannot be backed up between `From` and `Until` (a maintenance window): its
    /// jobs wait and retry, and expire if the window outlasts their start window.
    ResourceBusy {
        resource_arn: String,
        from: Timestamp,
        until: Timestamp,
    },
    /// AWS Backup is unavailable in the Region between `From` and `Until`: jobs there wait and
    /// retry; copies and restores into or out of it fail.
    RegionOutage {
        region: String,
        from: Timestamp,
        until: Timestamp,
    },
    /// The resource's data is corrupted from `At`: later recovery points carry the corruption.
    Corruption { resource_arn: String, at: Timestamp },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct AccountSpec {
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// The Regions enabled in the account.
    pub regions: Vec<String>,
    /// The AWS Organization the account belongs to (`o-` and 10 to 32 characters), if any. A
    /// cross-account copy needs both accounts in the same Organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// AWS Backup's Region settings for resource types it fully manages, as UpdateRegionSettings
    /// names them (`{"DynamoDB": false}`), applied here to every Region of the account (a model
    /// simplification: AWS keeps them per Region). `DynamoDB` is AWS Backup's advanced DynamoDB
    /// features, on unless set to false, as for accounts created after November 2021.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub resource_type_management_preference: BTreeMap<String, bool>,
}

impl AccountSpec {
    /// Whether AWS Backup's advanced DynamoDB features are on: "enabled by default for new
    /// accounts created after November 2021" (dg:advanced-ddb-backup.html).
    pub fn dynamodb_advanced(&self) -> bool {
        self.resource_type_management_preference
            .get("DynamoDB")
            .copied()
            .unwrap_or(true)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct ResourceSpec {
    /// The resource's ARN, which gives its type, account and Region.
    pub arn: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    pub size_gb: f64,
    #[serde(default = "default_change_rate")]
    pub daily_change_rate: f64,
    /// Settings a restore needs, as GetRecoveryPointRestoreMetadata would return them for the
    /// resource (`{"Engine": "mysql", "DBInstanceClass": "db.t3.medium"}`): the scenario says
    /// what they are, vaultsim cannot know.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub configuration: BTreeMap<String, String>,
}

fn default_change_rate() -> f64 {
    0.05
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct VaultSpec {
    pub name: String,
    pub account: String,
    pub region: String,
    #[serde(default)]
    pub encryption_key_arn: Option<String>,
    #[serde(default)]
    pub access_policy: Option<Value>,
    #[serde(default)]
    pub lock: Option<LockSpec>,
    #[serde(default)]
    pub air_gapped: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct LockSpec {
    #[serde(default)]
    pub min_retention_days: Option<i64>,
    #[serde(default)]
    pub max_retention_days: Option<i64>,
    #[serde(default)]
    pub changeable_for_days: Option<i64>,
}

/// A plan in an account and Region, in any form plan checking reads.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct PlanSpec {
    pub account: String,
    pub region: String,
    pub document: Value,
}

// How each part of a scenario is read: serde's `deny_unknown_fields`, as the reader once was, so
// a misspelt member is an error at its name with the nearest known one.

impl FromNode for Scenario {
    fn from_node(node: &Node) -> Result<Scenario, DecodeError> {
        let f = Fields::strict(
            node,
            "struct Scenario",
            &[
                "Name",
                "Description",
                "StartTime",
                "Seed",
                "Accounts",
                "Resources",
                "Vaults",
                "Plans",
                "Operations",
                "Faults",
                "RestoreTestingPlans",
            ],
            None,
        )?;
        Ok(Scenario {
            name: f.or_default("Name")?,
            description: f.or_default("Description")?,
            start_time: f.required("StartTime")?,
            seed: f.or_default("Seed")?,
            accounts: f.required("Accounts")?,
            resources: f.or_default("Resources")?,
            vaults: f.or_default("Vaults")?,
            plans: f.or_default("Plans")?,
            operations: f.or_default("Operations")?,
            faults: f.or_default("Faults")?,
            restore_testing_plans: f.or_default("RestoreTestingPlans")?,
        })
    }
}

impl FromNode for RestoreTestingSpec {
    fn from_node(node: &Node) -> Result<RestoreTestingSpec, DecodeError> {
        let f = Fields::strict(
            node,
            "struct RestoreTestingSpec",
            &[
                "Account",
                "Region",
                "RestoreTestingPlan",
                "RestoreTestingSelections",
                "Validation",
            ],
            None,
        )?;
        Ok(RestoreTestingSpec {
            account: f.required("Account")?,
            region: f.required("Region")?,
            restore_testing_plan: f.required("RestoreTestingPlan")?,
            restore_testing_selections: f.or_default("RestoreTestingSelections")?,
            validation: f.optional("Validation")?,
        })
    }
}

impl FromNode for ValidationSpec {
    fn from_node(node: &Node) -> Result<ValidationSpec, DecodeError> {
        let f = Fields::strict(
            node,
            "struct ValidationSpec",
            &["Status", "AfterMinutes", "Message", "RemovesTag"],
            None,
        )?;
        Ok(ValidationSpec {
            status: f.required("Status")?,
            after_minutes: f.or_default("AfterMinutes")?,
            message: f.optional("Message")?,
            removes_tag: f.or_default("RemovesTag")?,
        })
    }
}

impl FromNode for OperationSpec {
    fn from_node(node: &Node) -> Result<OperationSpec, DecodeError> {
        let f = Fields::strict(
            node,
            "struct OperationSpec",
            &["At", "Operation", "Input", "Principal", "Region"],
            None,
        )?;
        Ok(OperationSpec {
            at: f.required("At")?,
            operation: f.required("Operation")?,
            input: f.or_default("Input")?,
            principal: f.optional("Principal")?,
            region: f.optional("Region")?,
        })
    }
}

impl FromNode for FaultSpec {
    fn from_node(node: &Node) -> Result<FaultSpec, DecodeError> {
        const TAG: &str = "Fault";
        let kinds = [
            "FailureRate",
            "JobFailure",
            "ResourceBusy",
            "RegionOutage",
            "Corruption",
        ];
        let kind = variant(node, "internally tagged enum FaultSpec", TAG, &kinds)?;
        let fields = |known: &[&str]| {
            Fields::strict(node, "internally tagged enum FaultSpec", known, Some(TAG))
        };
        Ok(match kind {
            "FailureRate" => {
                let f = fields(&["ResourceType", "Probability"])?;
                FaultSpec::FailureRate {
                    resource_type: f.required("ResourceType")?,
                    probability: f.required("Probability")?,
                }
            }
            "JobFailure" => {
                let f = fields(&["ResourceArn", "At"])?;
                FaultSpec::JobFailure {
                    resource_arn: f.required("ResourceArn")?,
                    at: f.required("At")?,
                }
            }
            "ResourceBusy" => {
                let f = fields(&["ResourceArn", "From", "Until"])?;
                FaultSpec::ResourceBusy {
                    resource_arn: f.required("ResourceArn")?,
                    from: f.required("From")?,
                    until: f.required("Until")?,
                }
            }
            "RegionOutage" => {
                let f = fields(&["Region", "From", "Until"])?;
                FaultSpec::RegionOutage {
                    region: f.required("Region")?,
                    from: f.required("From")?,
                    until: f.required("Until")?,
                }
            }
            _ => {
                let f = fields(&["ResourceArn", "At"])?;
                FaultSpec::Corruption {
                    resource_arn: f.required("ResourceArn")?,
                    at: f.required("At")?,
                }
            }
        })
    }
}

impl FromNode for AccountSpec {
    fn from_node(node: &Node) -> Result<AccountSpec, DecodeError> {
        let f = Fields::strict(
            node,
            "struct AccountSpec",
            &[
                "Id",
                "Name",
                "Regions",
                "OrganizationId",
                "ResourceTypeManagementPreference",
            ],
            None,
        )?;
        Ok(AccountSpec {
            id: f.required("Id")?,
            name: f.or_default("Name")?,
            regions: f.required("Regions")?,
            organization_id: f.optional("OrganizationId")?,
            resource_type_management_preference: f
                .or_default("ResourceTypeManagementPreference")?,
        })
    }
}

impl FromNode for ResourceSpec {
    fn from_node(node: &Node) -> Result<ResourceSpec, DecodeError> {
        let f = Fields::strict(
            node,
            "struct ResourceSpec",
            &[
                "Arn",
                "Name",
                "Tags",
                "SizeGb",
                "DailyChangeRate",
                "Configuration",
            ],
            None,
        )?;
        Ok(ResourceSpec {
            arn: f.required("Arn")?,
            name: f.or_default("Name")?,
            tags: f.or_default("Tags")?,
            size_gb: f.required("SizeGb")?,
            daily_change_rate: f.or_else("DailyChangeRate", default_change_rate)?,
            configuration: f.or_default("Configuration")?,
        })
    }
}

impl FromNode for VaultSpec {
    fn from_node(node: &Node) -> Result<VaultSpec, DecodeError> {
        let f = Fields::strict(
            node,
            "struct VaultSpec",
            &[
                "Name",
                "Account",
                "Region",
                "EncryptionKeyArn",
                "AccessPolicy",
                "Lock",
                "AirGapped",
            ],
            None,
        )?;
        Ok(VaultSpec {
            name: f.required("Name")?,
            account: f.required("Account")?,
            region: f.required("Region")?,
            encryption_key_arn: f.optional("EncryptionKeyArn")?,
            access_policy: f.optional("AccessPolicy")?,
            lock: f.optional("Lock")?,
            air_gapped: f.or_default("AirGapped")?,
        })
    }
}

impl FromNode for LockSpec {
    fn from_node(node: &Node) -> Result<LockSpec, DecodeError> {
        let f = Fields::strict(
            node,
            "struct LockSpec",
            &["MinRetentionDays", "MaxRetentionDays", "ChangeableForDays"],
            None,
        )?;
        Ok(LockSpec {
            min_retention_days: f.optional("MinRetentionDays")?,
            max_retention_days: f.optional("MaxRetentionDays")?,
            changeable_for_days: f.optional("ChangeableForDays")?,
        })
    }
}

impl FromNode for PlanSpec {
    fn from_node(node: &Node) -> Result<PlanSpec, DecodeError> {
        let f = Fields::strict(
            node,
            "struct PlanSpec",
            &["Account", "Region", "Document"],
            None,
        )?;
        Ok(PlanSpec {
            account: f.required("Account")?,
            region: f.required("Region")?,
            document: f.required("Document")?,
        })
    }
}

mod fleet;
pub mod requests;
mod timestamp;
pub mod windows;

pub use fleet::fleet;
pub use timestamp::{Timestamp, parse_time};

/// The scenarios vaultsim ships, by name.
pub const BUILTINS: &[&str] = &[
    "three-tier-web-app",
    "compliance-vault-lock",
    "cross-account-denied",
    "restore-testing",
    "fleet-10k",
];

/// The built-in scenarios written as documents.
const DOCUMENTS: &[(&str, &str)] = &[
    (
        "three-tier-web-app",
        include_str!("../../data/scenarios/three-tier-web-app.json"),
    ),
    (
        "compliance-vault-lock",
        include_str!("../../data/scenarios/compliance-vault-lock.json"),
    ),
    (
        "cross-account-denied",
        include_str!("../../data/scenarios/cross-account-denied.json"),
    ),
    (
        "restore-testing",
        include_str!("../../data/scenarios/restore-testing.json"),
    ),
];

impl Scenario {
    /// A built-in scenario by name.
    pub fn builtin(name: &str) -> Option<Scenario> {
        if name == "fleet-10k" {
            return Some(fleet(10_000));
        }
        let (_, text) = DOCUMENTS.iter().find(|(n, _)| *n == name)?;
        Some(Scenario::from_json(text).expect("built-in scenarios are valid (a test checks)"))
    }

    /// Reads a scenario document; every problem is a diagnostic placed in `text`.
    pub fn from_json(text: &str) -> Result<Scenario, Vec<Diagnostic>> {
        Scenario::from_root(&parse_json(text).strict()?)
    }

    /// Reads a scenario from its document's tree (the whole document, or a lesson's member);
    /// each diagnostic is placed by the nodes' spans, its pointer taken from `root`.
    pub fn from_root(root: &Node) -> Result<Scenario, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let scenario: Scenario = match from_node(root) {
            Ok(s) => s,
            Err(e) => return Err(vec![structure_error(root, &e, &SCENARIO_DOCUMENT)]),
        };
        scenario.check(root, &mut errors);
        if errors.is_empty() {
            Ok(scenario)
        } else {
            Err(errors)
        }
    }

    /// The start time, parsed (checked by [`Scenario::from_json`]), in whole seconds: the
    /// simulation's times are.
    pub fn start(&self) -> DateTime<Utc> {
        self.start_time.time().unwrap_or_default()
    }

    /// What serde cannot check: times, ARNs, references between parts, and each plan.
    fn check(&self, root: &Node, out: &mut Vec<Diagnostic>) {
        let at = |pointer: &str| {
            root.pointer(pointer)
                .map(|n| n.span.clone())
                .unwrap_or(root.span.start..root.span.start)
        };
        if self.start_time.time().is_none() {
            out.push(
                Diagnostic::error(
                    codes::SCENARIO_START_TIME,
                    at("/StartTime"),
                    format!(
                        "StartTime {:?} is not an RFC 3339 time",
                        self.start_time.text()
                    ),
                )
                .with_help("write a time such as 2024-01-15T00:00:00Z")
                .at("/StartTime"),
            );
        }
        let known_account = |id: &str| self.accounts.iter().any(|a| a.id == id);
        for (i, account) in self.accounts.iter().enumerate() {
            // The Organizations API's pattern for an organization ID: ^o-[a-z0-9]{10,32}$.
            if let Some(id) = &account.organization_id {
                let body = id.strip_prefix("o-").unwrap_or("");
                let valid = (10..=32).contains(&body.len())
                    && body
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
                if !valid {
                    let p = format!("/Accounts/{i}/OrganizationId");
                    out.push(
                        Diagnostic::error(
                            codes::SCENARIO_ORGANIZATION,
                            at(&p),
                            format!("{id:?} is not an AWS Organizations ID"),
                        )
                        .with_help("an organization ID is o- and 10 to 32 lower-case letters or digits, such as o-a1b2c3d4e5")
                        .at(p),
                    );
                }
            }
            for key in account.resource_type_management_preference.keys() {
                // UpdateRegionSettings: "ResourceTypeManagementPreference ... The DynamoDB and
                // EFS resource types" are the ones AWS Backup can fully manage by setting.
                if key != "DynamoDB" && key != "EFS" {
                    let p = format!("/Accounts/{i}/ResourceTypeManagementPreference/{key}");
                    out.push(
                        Diagnostic::error(
                            codes::SCENARIO_MANAGEMENT_PREFERENCE,
                            at(&p),
                            format!("{key:?} has no management preference in AWS Backup"),
                        )
                        .with_help("ResourceTypeManagementPreference takes DynamoDB and EFS")
                        .at(p),
                    );
                }
            }
        }
        for (i, resource) in self.resources.iter().enumerate() {
            let pointer = format!("/Resources/{i}/Arn");
            let arn_parts: Vec<&str> = resource.arn.splitn(6, ':').collect();
            match ResourceType::from_arn(&resource.arn) {
                None => out.push(
                    Diagnostic::error(
                        codes::SCENARIO_RESOURCE_TYPE,
                        at(&pointer),
                        format!(
                            "{:?} is not the ARN of a resource type AWS Backup protects",
                            resource.arn
                        ),
                    )
                    .with_help("for example arn:aws:rds:us-east-1:111122223333:db:orders")
                    .at(pointer.clone()),
                ),
                Some(_) => {
                    let account = arn_parts.get(4).copied().unwrap_or("");
                    // S3 ARNs name no account or Region: the scenario's first account owns them.
                    if !account.is_empty() && !known_account(account) {
                        out.push(
                            Diagnostic::error(
                                codes::SCENARIO_UNKNOWN_ACCOUNT,
                                at(&pointer),
                                format!("the resource's account {account} is not in Accounts"),
                            )
                            .with_help("add the account to Accounts, with its Regions")
                            .at(pointer.clone()),
                        );
                    }
                }
            }
            for (key, parse) in windows::WINDOWS {
                if let Some(text) = resource.configuration.get(key)
                    && let Err(problem) = parse(text)
                {
                    let p = format!("/Resources/{i}/Configuration/{key}");
                    out.push(
                        Diagnostic::error(codes::SCENARIO_WINDOW, at(&p), problem)
                            .with_help(
                                "RDS writes its windows in UTC, as DescribeDBInstances gives them",
                            )
                            .at(p),
                    );
                }
            }
            if !(resource.size_gb >= 0.0 && resource.size_gb.is_finite()) {
                let p = format!("/Resources/{i}/SizeGb");
                out.push(
                    Diagnostic::error(codes::SCENARIO_SIZE, at(&p), "SizeGb must be 0 or more")
                        .with_help("the resource's stored data, in GB")
                        .at(p),
                );
            }
        }
        for (i, vault) in self.vaults.iter().enumerate() {
            if let Some(lock) = &vault.lock {
                let bounds = [
                    (
                        "ChangeableForDays",
                        lock.changeable_for_days,
                        3,
                        "3 to 36,500",
                    ),
                    (
                        "MinRetentionDays",
                        lock.min_retention_days,
                        1,
                        "1 to 36,500",
                    ),
                    (
                        "MaxRetentionDays",
                        lock.max_retention_days,
                        1,
                        "1 to 36,500",
                    ),
                ];
                for (name, days, min, range) in bounds {
                    if let Some(d) = days
                        && !(min..=36_500).contains(&d)
                    {
                        let p = format!("/Vaults/{i}/Lock/{name}");
                        out.push(
                            Diagnostic::error(
                                codes::SCENARIO_VAULT_LOCK,
                                at(&p),
                                format!("{name} {d} is outside {range} days"),
                            )
                            .with_help(format!("AWS accepts {name} from {range} days"))
                            .at(p),
                        );
                    }
                }
            }
            if vault.air_gapped {
                check_air_gapped(vault, i, &at, out);
            }
            if !known_account(&vault.account) {
                let p = format!("/Vaults/{i}/Account");
                out.push(
                    Diagnostic::error(
                        codes::SCENARIO_UNKNOWN_ACCOUNT,
                        at(&p),
                        format!("the vault's account {} is not in Accounts", vault.account),
                    )
                    .with_help("add the account to Accounts, with its Regions")
                    .at(p),
                );
            }
        }
        self.check_operations_and_faults(&at, out);
        self.check_restore_testing(&at, out);
        let options = CheckOptions { now: self.start() };
        for (i, spec) in self.plans.iter().enumerate() {
            let text = serde_json::to_string_pretty(&spec.document).unwrap_or_default();
            let checked = plan::check(&text, &options);
            let pointer = format!("/Plans/{i}/Document");
            let lines = LineIndex::new(&text);
            for f in checked.findings.iter().filter(|f| f.diagnostic.is_error()) {
                // The plan's own diagnostic (its registered code and help), moved into the
                // scenario.
                let mut d = f.diagnostic.clone();
                let inner = d.pointer.take().unwrap_or_default();
                let (line, column) = lines.line_column(d.span.start);
                d.span = at(&format!("{pointer}{inner}"));
                d.message = format!("{} (in the plan, line {line}, column {column})", d.message);
                out.push(d.at(format!("{pointer}{inner}")));
            }
            if !known_account(&spec.account) {
                let p = format!("/Plans/{i}/Account");
                out.push(
                    Diagnostic::error(
                        codes::SCENARIO_UNKNOWN_ACCOUNT,
                        at(&p),
                        format!("the plan's account {} is not in Accounts", spec.account),
                    )
                    .with_help("add the account to Accounts, with its Regions")
                    .at(p),
                );
            }
        }
    }
}

/// LAG-1: "CreateLogicallyAirGappedBackupVault" requires MinRetentionDays (7 or more) and
/// MaxRetentionDays, and takes no ChangeableForDays: the vault is locked in compliance mode from
/// its creation. A scenario gives them as the vault's `Lock`.
pub(crate) fn check_air_gapped(
    vault: &VaultSpec,
    i: usize,
    at: &dyn Fn(&str) -> std::ops::Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let lock = vault.lock.as_ref();
    let mut problem = |member: &str, message: String, help: &str| {
        let p = if lock.is_some() {
            format!("/Vaults/{i}/Lock/{member}")
        } else {
            format!("/Vaults/{i}/AirGapped")
        };
        let span = at(&p);
        let span = if span.is_empty() {
            at(&format!("/Vaults/{i}"))
        } else {
            span
        };
        out.push(
            Diagnostic::error(codes::SCENARIO_AIR_GAPPED_VAULT, span, message)
                .with_help(help.to_string())
                .at(p),
        );
    };
    match lock.and_then(|l| l.min_retention_days) {
        None => problem(
            "MinRetentionDays",
            format!(
                "the logically air-gapped vault {} needs MinRetentionDays: \
                 CreateLogicallyAirGappedBackupVault requires it",
                vault.name
            ),
            "give the vault \"Lock\": {\"MinRetentionDays\": 7, \"MaxRetentionDays\": 35} (the minimum is at least 7 days)",
        ),
        Some(min) if min < 7 => problem(
            "MinRetentionDays",
            format!(
                "MinRetentionDays {min} is under 7: a logically air-gapped vault keeps recovery \
                 points at least 7 days"
            ),
            "set MinRetentionDays to 7 or more",
        ),
        Some(_) => {}
    }
    if lock.and_then(|l| l.max_retention_days).is_none() {
        problem(
            "MaxRetentionDays",
            format!(
                "the logically air-gapped vault {} needs MaxRetentionDays: \
                 CreateLogicallyAirGappedBackupVault requires it",
                vault.name
            ),
            "give the vault's Lock a MaxRetentionDays, the longest retention it accepts",
        );
    }
    if lock.is_some_and(|l| l.changeable_for_days.is_some()) {
        problem(
            "ChangeableForDays",
            "a logically air-gapped vault is locked in compliance mode from its creation: \
             CreateLogicallyAirGappedBackupVault takes no ChangeableForDays"
                .to_string(),
            "remove ChangeableForDays",
        );
    }
}

impl Scenario {
    /// Each restore testing plan and selection as the API would read it (RT-1, RT-2), in an
    /// account the scenario has, and a validation that reports a final status.
    fn check_restore_testing(
        &self,
        at: &dyn Fn(&str) -> std::ops::Range<usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut problem = |pointer: String, message: String, help: String| {
            out.push(
                Diagnostic::error(codes::SCENARIO_RESTORE_TESTING, at(&pointer), message)
                    .with_help(help)
                    .at(pointer),
            );
        };
        let mut names = Vec::new();
        for (i, spec) in self.restore_testing_plans.iter().enumerate() {
            let base = format!("/RestoreTestingPlans/{i}");
            match RestoreTestingPlan::read(&spec.restore_testing_plan) {
                Ok(plan) => {
                    let key = (spec.account.clone(), spec.region.clone(), plan.name.clone());
                    if names.contains(&key) {
                        problem(
                            format!("{base}/RestoreTestingPlan/RestoreTestingPlanName"),
                            format!(
                                "a restore testing plan named {} is already in {} {}",
                                plan.name, spec.account, spec.region
                            ),
                            "give each restore testing plan its own name".into(),
                        );
                    }
                    names.push(key);
                }
                Err(problems) => {
                    for p in problems {
                        let pointer = format!("{base}/RestoreTestingPlan{}", p.pointer);
                        problem(pointer, p.message, p.help);
                    }
                }
            }
            let mut selection_names = Vec::new();
            for (j, selection) in spec.restore_testing_selections.iter().enumerate() {
                let sbase = format!("{base}/RestoreTestingSelections/{j}");
                match RestoreTestingSelection::read(selection) {
                    Ok(s) => {
                        if selection_names.contains(&s.name) {
                            problem(
                                format!("{sbase}/RestoreTestingSelectionName"),
                                format!("the plan has a selection named {} already", s.name),
                                "give each selection of a plan its own name".into(),
                            );
                        }
                        selection_names.push(s.name);
                    }
                    Err(problems) => {
                        for p in problems {
                            problem(format!("{sbase}{}", p.pointer), p.message, p.help);
                        }
                    }
                }
            }
            if spec.restore_testing_selections.len() > MAX_SELECTIONS_PER_PLAN {
                problem(
                    format!("{base}/RestoreTestingSelections"),
                    format!(
                        "{} selections; a restore testing plan has at most {MAX_SELECTIONS_PER_PLAN}",
                        spec.restore_testing_selections.len()
                    ),
                    "split the selections over more plans".into(),
                );
            }
            if !self.accounts.iter().any(|a| a.id == spec.account) {
                problem(
                    format!("{base}/Account"),
                    format!("the plan's account {} is not in Accounts", spec.account),
                    "add the account to Accounts, with its Regions".into(),
                );
            }
            // After the longest validation window a result is refused: a longer wait says
            // nothing more.
            let longest = i64::from(MAX_VALIDATION_WINDOW_HOURS) * 60;
            if let Some(v) = &spec.validation
                && !(0..=longest).contains(&v.after_minutes)
            {
                problem(
                    format!("{base}/Validation/AfterMinutes"),
                    format!(
                        "{} minutes is outside 0 to {longest} (the longest validation window)",
                        v.after_minutes
                    ),
                    format!("write 0 to {longest} minutes after the restore completes"),
                );
            }
            if let Some(v) = &spec.validation
                && !VALIDATION_RESULTS.contains(&v.status.as_str())
            {
                problem(
                    format!("{base}/Validation/Status"),
                    format!("{:?} is not a result a validation reports", v.status),
                    format!("write one of {}", VALIDATION_RESULTS.join(", ")),
                );
            }
        }
    }

    fn check_operations_and_faults(
        &self,
        at: &dyn Fn(&str) -> std::ops::Range<usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut time = |written: &Timestamp, pointer: String| {
            if written.time().is_none() {
                let text = written.text();
                out.push(
                    Diagnostic::error(
                        codes::SCENARIO_TIME,
                        at(&pointer),
                        format!("{text:?} is not an RFC 3339 time"),
                    )
                    .with_help("write a time such as 2024-01-16T09:00:00Z")
                    .at(pointer),
                );
            }
        };
        for (i, op) in self.operations.iter().enumerate() {
            time(&op.at, format!("/Operations/{i}/At"));
        }
        for (i, fault) in self.faults.iter().enumerate() {
            match fault {
                FaultSpec::ResourceBusy { from, until, .. }
                | FaultSpec::RegionOutage { from, until, .. } => {
                    time(from, format!("/Faults/{i}/From"));
                    time(until, format!("/Faults/{i}/Until"));
                }
                FaultSpec::JobFailure { at, .. } | FaultSpec::Corruption { at, .. } => {
                    time(at, format!("/Faults/{i}/At"));
                }
                FaultSpec::FailureRate { .. } => {}
            }
        }
        for (i, op) in self.operations.iter().enumerate() {
            if let Err((member, message, help)) = requests::read(&op.operation, &op.input) {
                let p = format!("/Operations/{i}/{member}");
                out.push(
                    Diagnostic::error(codes::SCENARIO_OPERATION, at(&p), message)
                        .with_help(help)
                        .at(p),
                );
            }
        }
        for (i, fault) in self.faults.iter().enumerate() {
            match fault {
                FaultSpec::FailureRate {
                    resource_type,
                    probability,
                } => {
                    if ResourceType::from_api_name(resource_type).is_none() {
                        let p = format!("/Faults/{i}/ResourceType");
                        out.push(
                            Diagnostic::error(
                                codes::SCENARIO_FAULT,
                                at(&p),
                                format!("{resource_type:?} is not a resource type AWS Backup names"),
                            )
                            .with_help("use the API's name: EC2, EBS, RDS, Aurora, EFS, DynamoDB, S3, FSx, ...")
                            .at(p),
                        );
                    }
                    if !(0.0..=1.0).contains(probability) {
                        let p = format!("/Faults/{i}/Probability");
                        out.push(
                            Diagnostic::error(
                                codes::SCENARIO_FAULT,
                                at(&p),
                                format!(
                                    "Probability {} is not between 0 and 1",
                                    crate::decimal::Shortest(*probability)
                                ),
                            )
                            .with_help("0.1 fails one job in ten")
                            .at(p),
                        );
                    }
                }
                FaultSpec::JobFailure { resource_arn, .. }
                | FaultSpec::ResourceBusy { resource_arn, .. }
                | FaultSpec::Corruption { resource_arn, .. } => {
                    if !self.resources.iter().any(|r| &r.arn == resource_arn) {
                        let p = format!("/Faults/{i}/ResourceArn");
                        out.push(
                            Diagnostic::error(
                                codes::SCENARIO_FAULT,
                                at(&p),
                                format!("no resource in Resources has the ARN {resource_arn}"),
                            )
                            .with_help("name one of the scenario's resources by its ARN")
                            .at(p),
                        );
                    }
                }
                FaultSpec::RegionOutage { .. } => {}
            }
        }
    }
}

/// What a document read with [`structure_error`]'s words is: how its root is named, the code of
/// its structural errors, and where to look for a whole example.
pub(crate) struct DocumentKind {
    pub root: &'static str,
    pub code: Code,
    pub example: &'static str,
    /// What the document has, said when nothing more precise can be.
    pub outline: &'static str,
}

const SCENARIO_DOCUMENT: DocumentKind = DocumentKind {
    root: "the scenario",
    code: codes::SCENARIO_INVALID,
    example: "see the built-in three-tier-web-app",
    outline: "a scenario has StartTime, Seed, Accounts, Resources, Vaults and Plans",
};

/// A document's structural error (an unknown member, a missing one, a value of the wrong type)
/// placed at the member it is about, with the nearest known name for a misspelt one.
pub(crate) fn structure_error(root: &Node, error: &DecodeError, kind: &DocumentKind) -> Diagnostic {
    let message = error.message.as_str();
    let (node, pointer) = node_at(root, &error.span);
    // serde names the members between backticks: the one given first, then those it expected.
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let place = |pointer: &str| {
        if pointer.is_empty() {
            kind.root.to_string()
        } else {
            pointer.to_string()
        }
    };
    let unknown_field = message.starts_with("unknown field");
    if (unknown_field || message.starts_with("unknown variant"))
        && let Some((given, known)) = quoted.split_first()
    {
        let listed = if known.is_empty() {
            "none".to_string()
        } else {
            known.join(", ")
        };
        if unknown_field {
            // The error is at the member's name, or (read through serde's buffered content, as
            // a fault is) at the object holding it.
            let (object, at) = (node, pointer.clone());
            let span = object
                .member(given)
                .map_or(object.span.clone(), |m| m.key_span.clone());
            let help = match crate::suggest::nearest(given, known) {
                Some(near) => format!("did you mean {near}?"),
                None if known.is_empty() => "remove it".to_string(),
                None => format!("{} takes {listed}", place(&at)),
            };
            return Diagnostic::error(
                kind.code,
                span,
                format!(
                    "Unknown member \"{given}\" in {}: must be one of: {listed}",
                    place(&at)
                ),
            )
            .with_help(help)
            .at(pointer_push(&at, given));
        }
        let help = match crate::suggest::nearest(given, known) {
            Some(near) => format!("did you mean {near}?"),
            None => format!("use one of {listed}"),
        };
        return Diagnostic::error(
            kind.code,
            node.span.clone(),
            format!(
                "{} must be one of: {listed}; found \"{given}\"",
                place(&pointer)
            ),
        )
        .with_help(help)
        .at(pointer);
    }
    if message.starts_with("missing field")
        && let Some(name) = quoted.first()
    {
        // Point at the object's opening brace: the member is missing from it.
        let start = node.span.start;
        return Diagnostic::error(
            kind.code,
            start..start + 1,
            format!("Missing member \"{name}\" in {}", place(&pointer)),
        )
        .with_help(format!(
            "add \"{name}\" to {}; {}",
            place(&pointer),
            kind.example
        ))
        .at(pointer_push(&pointer, name));
    }
    // "invalid type: string \"x\", expected f64": say what is expected in the document's terms.
    let help = match message.rsplit_once(", expected ").map(|(_, e)| e) {
        Some(expected) => {
            let expected = match expected {
                "f64" => "a number",
                "u64" | "u32" => "a whole number, 0 or more",
                "i64" | "i32" => "a whole number",
                "a boolean" => "true or false",
                other => other,
            };
            // Inside a fault serde loses the member: name the object it is in.
            let what = match &node.value {
                crate::document::Value::Object(_) if !expected.contains("struct") => {
                    format!("a member of {}", place(&pointer))
                }
                _ => place(&pointer),
            };
            format!("{what} takes {expected}; {}", kind.example)
        }
        None => format!("{}; {}", kind.outline, kind.example),
    };
    Diagnostic::error(
        kind.code,
        node.span.clone(),
        format!("{}: {message}", place(&pointer)),
    )
    .with_help(help)
    .at(pointer)
}

/// The node whose text is `span`, with its JSON Pointer; for a member's name, the object the
/// member is in. A span no node has (it cannot happen for errors read from `root`) gives the
/// root.
fn node_at<'a>(root: &'a Node, span: &std::ops::Range<usize>) -> (&'a Node, String) {
    let mut node = root;
    let mut pointer = String::new();
    'down: while node.span != *span {
        match &node.value {
            crate::document::Value::Object(members) => {
                for m in members {
                    if m.key_span == *span {
                        break 'down;
                    }
                    if m.value.span.start <= span.start && span.end <= m.value.span.end {
                        pointer = pointer_push(&pointer, &m.key);
                        node = &m.value;
                        continue 'down;
                    }
                }
            }
            crate::document::Value::Array(items) => {
                if let Some(i) = items
                    .iter()
                    .position(|n| n.span.start <= span.start && span.end <= n.span.end)
                {
                    pointer = pointer_push(&pointer, &i.to_string());
                    node = &items[i];
                    continue 'down;
                }
            }
            _ => {}
        }
        break;
    }
    (node, pointer)
}

/// The node `pointer` names in `root`, or else its nearest enclosing node, with its pointer.
fn nearest_node<'a>(root: &'a Node, pointer: &str) -> (&'a Node, String) {
    let mut pointer = pointer;
    loop {
        if let Some(node) = root.pointer(pointer) {
            return (node, pointer.to_string());
        }
        match pointer.rsplit_once('/') {
            Some((parent, _)) => pointer = parent,
            None => return (root, String::new()),
        }
    }
}

/// Places diagnostics raised about a scenario but not against its text — the engine's
/// ([`crate::engine::Simulation::new`]), which sees the scenario, not the document — in the
/// scenario's `text`: each at the node its JSON Pointer names, or the nearest node enclosing
/// it, so they print with a line and column like the reader's own. A diagnostic that already
/// has a place, or has no pointer, is left as it is; so is every one when `text` cannot be read.
pub fn place_diagnostics(text: &str, diagnostics: &mut [Diagnostic]) {
    let Some(root) = parse_json(text).root else {
        return;
    };
    for d in diagnostics {
        if let Some(pointer) = &d.pointer
            && d.span == (0..0)
        {
            d.span = nearest_node(&root, pointer).0.span.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_rfc_3339_with_four_digit_years() {
        assert!(parse_time("2024-01-15T00:00:00Z").is_some());
        assert!(parse_time("2024-01-15T01:00:00+01:00").is_some());
        // chrono's own parser takes six-digit years, whose arithmetic then overflows.
        assert_eq!(parse_time("+262142-12-31T23:00:00Z"), None);
        assert_eq!(parse_time("-262143-01-02T00:00:00Z"), None);
        let far = r#"{"StartTime": "+262142-12-31T23:00:00Z", "Accounts": []}"#;
        let errors = Scenario::from_json(far).unwrap_err();
        assert_eq!(errors[0].code, "scenario-start-time");
    }

    #[test]
    fn every_builtin_scenario_is_valid() {
        for (name, text) in DOCUMENTS {
            assert!(
                Scenario::from_json(text).is_ok(),
                "{name}: {:?}",
                Scenario::from_json(text).err()
            );
        }
        for name in BUILTINS {
            let scenario = Scenario::builtin(name).expect("every name has a scenario");
            // A generated scenario must read back as a valid document too.
            let text = serde_json::to_string(&scenario).unwrap();
            assert!(Scenario::from_json(&text).is_ok(), "{name}");
        }
    }

    #[test]
    fn a_bad_scenario_gets_diagnostics_placed_in_it() {
        let text = r#"{"StartTime": "yesterday", "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}],
            "Resources": [{"Arn": "arn:aws:sqs:us-east-1:111122223333:q", "SizeGb": 1}]}"#;
        let errors = Scenario::from_json(text).unwrap_err();
        let codes: Vec<&str> = errors.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["scenario-start-time", "scenario-resource-type"]);
        assert_eq!(errors[1].pointer.as_deref(), Some("/Resources/0/Arn"));
    }

    #[test]
    fn unknown_members_are_refused() {
        let text = r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [], "Vault": []}"#;
        let errors = Scenario::from_json(text).unwrap_err();
        assert_eq!(errors[0].code, "scenario-invalid");
        assert!(errors[0].message.contains("Vault"), "{}", errors[0].message);
        assert_eq!(errors[0].pointer.as_deref(), Some("/Vault"));
        assert_eq!(&text[errors[0].span.clone()], "\"Vault\"");
        assert_eq!(errors[0].help, "did you mean Vaults?");
    }

    const ACCOUNTS: &str = r#""Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}]"#;

    #[test]
    fn a_misspelt_nested_member_is_marked_at_its_key_with_the_nearest_name() {
        let text = format!(
            r#"{{"StartTime": "2024-01-15T00:00:00Z", {ACCOUNTS},
            "Resources": [{{"Arn": "arn:aws:s3:::b", "SizeGb": 1, "Tag": {{}}}}]}}"#
        );
        let errors = Scenario::from_json(&text).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let d = &errors[0];
        assert_eq!(d.pointer.as_deref(), Some("/Resources/0/Tag"));
        assert_eq!(&text[d.span.clone()], "\"Tag\"");
        assert_eq!(d.help, "did you mean Tags?");
        assert!(d.message.contains("in /Resources/0"), "{}", d.message);
    }

    #[test]
    fn a_value_of_the_wrong_type_is_marked_where_it_is() {
        let text = format!(
            r#"{{"StartTime": "2024-01-15T00:00:00Z", {ACCOUNTS},
            "Resources": [{{"Arn": "arn:aws:s3:::b", "SizeGb": "ten"}}]}}"#
        );
        let d = &Scenario::from_json(&text).unwrap_err()[0];
        assert_eq!(d.pointer.as_deref(), Some("/Resources/0/SizeGb"));
        assert_eq!(&text[d.span.clone()], "\"ten\"");
        assert!(d.message.contains("invalid type"), "{}", d.message);
    }

    #[test]
    fn a_missing_member_is_marked_at_the_object_that_lacks_it() {
        let text = r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [{"Id": "111122223333"}]}"#;
        let d = &Scenario::from_json(text).unwrap_err()[0];
        assert_eq!(d.pointer.as_deref(), Some("/Accounts/0/Regions"));
        assert_eq!(d.span.start, text.find("{\"Id\"").unwrap());
        assert!(d.help.contains("add \"Regions\""), "{}", d.help);
    }

    #[test]
    fn an_unknown_fault_is_marked_with_the_nearest_kind() {
        let text = format!(
            r#"{{"StartTime": "2024-01-15T00:00:00Z", {ACCOUNTS},
            "Faults": [{{"Fault": "RegionOutages", "Region": "us-east-1", "From": "x", "Until": "y"}}]}}"#
        );
        let d = &Scenario::from_json(&text).unwrap_err()[0];
        assert_eq!(d.help, "did you mean RegionOutage?");
        assert!(
            d.pointer.as_deref().unwrap().starts_with("/Faults/0"),
            "{d:?}"
        );
        assert!(text[d.span.clone()].contains("RegionOutages"), "{d:?}");
    }

    #[test]
    fn engine_diagnostics_are_placed_by_their_pointer() {
        let text = format!(
            r#"{{"StartTime": "2024-01-15T00:00:00Z", {ACCOUNTS},
            "Plans": [{{"Account": "111122223333", "Region": "us-east-1", "Document": {{"A": 1}}}}]}}"#
        );
        let mut diagnostics = vec![
            Diagnostic::error("scenario-plan", 0..0, "refused").at("/Plans/0/Document"),
            // A member that is not there is placed at the nearest node that is.
            Diagnostic::error("scenario-operation", 0..0, "no").at("/Plans/0/Document/Missing"),
            Diagnostic::error("schedule", 3..4, "placed already").at("/Plans"),
        ];
        place_diagnostics(&text, &mut diagnostics);
        assert_eq!(&text[diagnostics[0].span.clone()], "{\"A\": 1}");
        assert_eq!(&text[diagnostics[1].span.clone()], "{\"A\": 1}");
        assert_eq!(diagnostics[2].span, 3..4);
    }
}
