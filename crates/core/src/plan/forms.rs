//! The forms a backup plan comes in, how to tell them apart, and where in each the plan and its
//! selections are.

use std::fmt;

use crate::api::path::DocPath;
use crate::api::shapes;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::document::{Node, Value};

/// The form of a plan document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlanForm {
    /// What `aws backup create-backup-plan --backup-plan file://plan.json` takes: a
    /// `BackupPlanInput` (BackupPlanName, Rules, AdvancedBackupSettings).
    BackupPlanInput,
    /// The CreateBackupPlan request: `{"BackupPlan": {...}, "BackupPlanTags": {...}}`, as
    /// `--cli-input-json` takes it.
    CreateBackupPlanInput,
    /// What `aws backup get-backup-plan` prints: the plan with BackupPlanId, VersionId and more.
    GetBackupPlanOutput,
    /// A plan with its selections beside its rules, as the AWS Backup guide writes one.
    PlanWithSelections,
    /// The CreateBackupSelection request: `{"BackupSelection": {...}}`.
    CreateBackupSelectionInput,
    /// What `aws backup create-backup-selection --backup-selection file://sel.json` takes.
    BackupSelection,
    /// A CloudFormation template with AWS::Backup resources (BackupPlan, BackupSelection,
    /// BackupVault, LogicallyAirGappedBackupVault), written in JSON or YAML.
    CloudFormation { yaml: bool },
}

impl PlanForm {
    /// How the page and the CLI name the form.
    pub fn describe(self) -> &'static str {
        match self {
            PlanForm::BackupPlanInput => "backup plan (create-backup-plan --backup-plan)",
            PlanForm::CreateBackupPlanInput => {
                "CreateBackupPlan request (BackupPlan, BackupPlanTags)"
            }
            PlanForm::GetBackupPlanOutput => "GetBackupPlan response",
            PlanForm::PlanWithSelections => "backup plan with Selections (the guide's form)",
            PlanForm::CreateBackupSelectionInput => {
                "CreateBackupSelection request (BackupSelection)"
            }
            PlanForm::BackupSelection => {
                "backup selection (create-backup-selection --backup-selection)"
            }
            PlanForm::CloudFormation { yaml: false } => "CloudFormation template (JSON)",
            PlanForm::CloudFormation { yaml: true } => "CloudFormation template (YAML)",
        }
    }

    /// Whether the document is AWS's output rather than input (output-only members allowed).
    pub(crate) fn is_output(self) -> bool {
        self == PlanForm::GetBackupPlanOutput
    }
}

impl fmt::Display for PlanForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// Members only GetBackupPlan's response has.
const OUTPUT_MEMBERS: [&str; 5] = [
    "BackupPlanId",
    "BackupPlanArn",
    "VersionId",
    "CreationDate",
    "ScheduledRunsPreview",
];

/// Tells the form from the members at the top of the document; `yaml` says which syntax it
/// was written in (a CloudFormation template may be either).
pub(crate) fn detect(root: &Node, yaml: bool) -> Result<PlanForm, Diagnostic> {
    let has = |key: &str| root.member(key).is_some();
    if !matches!(root.value, Value::Object(_)) {
        return Err(Diagnostic::error(
            codes::PLAN_NOT_AN_OBJECT,
            root.span.clone(),
            format!(
                "a backup plan is a JSON object {{ ... }}; this is {}",
                root.value.kind()
            ),
        )
        .with_help("start the document with { \"BackupPlanName\": ..., \"Rules\": [ ... ] }")
        .at(""));
    }
    // A selection has Resources too, but as a list of ARNs; a template's is an object.
    let template_resources = root
        .get("Resources")
        .is_some_and(|r| matches!(r.value, Value::Object(_)));
    let form = if template_resources || has("AWSTemplateFormatVersion") {
        PlanForm::CloudFormation { yaml }
    } else if has("BackupPlan") {
        if OUTPUT_MEMBERS.iter().any(|m| has(m)) {
            PlanForm::GetBackupPlanOutput
        } else {
            PlanForm::CreateBackupPlanInput
        }
    } else if has("BackupSelection") {
        PlanForm::CreateBackupSelectionInput
    } else if has("Selections") {
        PlanForm::PlanWithSelections
    } else if has("BackupPlanName") || has("Rules") {
        PlanForm::BackupPlanInput
    } else if has("SelectionName") || has("IamRoleArn") {
        PlanForm::BackupSelection
    } else {
        let start = root.span.start;
        return Err(Diagnostic::error(
            codes::PLAN_FORM_UNKNOWN,
            start..start + 1,
            "this does not look like an AWS Backup plan or selection",
        )
        .with_help(
            "a plan has BackupPlanName and Rules; a CreateBackupPlan request has BackupPlan; \
             a selection has SelectionName and IamRoleArn",
        )
        .at(""));
    };
    Ok(form)
}

/// Checks the document's structure against the API model's shape for its form.
pub(crate) fn check_structure(root: &Node, form: PlanForm, out: &mut Vec<Diagnostic>) {
    match form {
        PlanForm::BackupPlanInput => shapes::check(
            root,
            "BackupPlanInput",
            &DocPath::new("", "BackupPlan"),
            out,
        ),
        PlanForm::CreateBackupPlanInput => {
            shapes::check(root, "CreateBackupPlanInput", &DocPath::new("", ""), out)
        }
        PlanForm::GetBackupPlanOutput => {
            shapes::check(root, "GetBackupPlanOutput", &DocPath::new("", ""), out)
        }
        PlanForm::PlanWithSelections => {
            // The plan's members as BackupPlanInput; each selection as a BackupSelection.
            let plan = Node {
                value: Value::Object(
                    root.members()
                        .iter()
                        .filter(|m| m.key != "Selections")
                        .cloned()
                        .collect(),
                ),
                span: root.span.clone(),
            };
            shapes::check(
                &plan,
                "BackupPlanInput",
                &DocPath::new("", "BackupPlan"),
                out,
            );
            let selections = root.get("Selections").expect("detected by Selections");
            let path = DocPath::new("/Selections", "Selections");
            match &selections.value {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        shapes::check(item, "BackupSelection", &path.index(i), out);
                    }
                }
                _ => out.push(
                    Diagnostic::error(
                        codes::INVALID_TYPE,
                        selections.span.clone(),
                        format!(
                            "Selections must be an array of backup selections; found {}",
                            selections.value.kind()
                        ),
                    )
                    .with_help(
                        "write \"Selections\": [ { \"SelectionName\": ..., \"IamRoleArn\": ... } ]",
                    )
                    .at("/Selections"),
                ),
            }
        }
        PlanForm::CreateBackupSelectionInput => {
            let mut found = Vec::new();
            shapes::check(
                root,
                "CreateBackupSelectionInput",
                &DocPath::new("", ""),
                &mut found,
            );
            // The plan's ID is usually given on the command line (--backup-plan-id).
            found.retain(|d| {
                !(d.code == "missing-member" && d.pointer.as_deref() == Some("/BackupPlanId"))
            });
            out.extend(found);
        }
        PlanForm::BackupSelection => shapes::check(
            root,
            "BackupSelection",
            &DocPath::new("", "BackupSelection"),
            out,
        ),
        PlanForm::CloudFormation { .. } => check_template_structure(root, out),
    }
}

/// Each AWS::Backup resource's Properties against its CloudFormation schema.
fn check_template_structure(root: &Node, out: &mut Vec<Diagnostic>) {
    let Some(resources) = root.get("Resources") else {
        let start = root.span.start;
        out.push(
            Diagnostic::error(
                codes::MISSING_MEMBER,
                start..start + 1,
                "a CloudFormation template needs a Resources section",
            )
            .with_help(
                "add \"Resources\": { \"Plan\": { \"Type\": \"AWS::Backup::BackupPlan\", ... } }",
            )
            .at("/Resources"),
        );
        return;
    };
    for resource in resources.members() {
        let Some(type_node) = resource.value.get("Type") else {
            continue;
        };
        let Some(resource_type) = type_node.as_str() else {
            continue;
        };
        if !resource_type.starts_with("AWS::Backup::") {
            continue;
        }
        let path = DocPath::new("/Resources", "").member(&resource.key);
        if !shapes::shapes().contains_key(resource_type) {
            let known: Vec<&str> = shapes::shapes()
                .keys()
                .filter(|k| k.starts_with("AWS::Backup::") && !k[13..].contains('.'))
                .map(String::as_str)
                .collect();
            let help = match crate::suggest::nearest(resource_type, &known) {
                Some(near) => format!("did you mean {near}?"),
                None => "vaultsim knows the AWS::Backup types of cfn-lint 1.58.0's schemas; \
                         a newer type would be missing there"
                    .to_string(),
            };
            out.push(
                Diagnostic::warning(
                    codes::UNKNOWN_RESOURCE_TYPE,
                    type_node.span.clone(),
                    format!("{resource_type} is not an AWS::Backup resource type vaultsim knows"),
                )
                .with_help(help)
                .at(path.member("Type").pointer()),
            );
            continue;
        }
        match resource.value.get("Properties") {
            Some(properties) => {
                shapes::check(properties, resource_type, &path.member("Properties"), out)
            }
            None => out.push(
                Diagnostic::error(
                    codes::MISSING_MEMBER,
                    resource.key_span.clone(),
                    format!("{}: a {resource_type} needs Properties", resource.key),
                )
                .with_help("add \"Properties\": { ... } with the resource's required properties")
                .at(path.member("Properties").pointer()),
            ),
        }
    }
}

/// A whole number as CloudFormation reads one: written as a number, or as a string such as
/// `"7"`, which CloudFormation converts (its schemas' cfn-number, data/cloudformation-shapes.json).
pub(crate) fn template_number(node: &Node) -> Option<i64> {
    match &node.value {
        Value::String(s) => s.trim().parse().ok(),
        _ => node.as_i64(),
    }
}

/// A whole number as a form writes it: the API takes numbers only; CloudFormation also converts
/// a string such as `"60"`. The one reader of a plan's numbers: the checks and the page's rule
/// cards both read through it, so they agree on what a value is.
pub(crate) fn read_whole_number(node: &Node, cloudformation: bool) -> Option<i64> {
    if cloudformation {
        template_number(node)
    } else {
        node.as_i64()
    }
}

/// A boolean as a form writes it: the API takes `true` and `false` only; CloudFormation also
/// converts the strings "true" and "false", in any case (cfn-boolean).
pub(crate) fn read_flag(node: &Node, cloudformation: bool) -> Option<bool> {
    match (&node.value, cloudformation) {
        (Value::String(s), true) => s.to_ascii_lowercase().parse().ok(),
        _ => node.as_bool(),
    }
}

impl PlanForm {
    /// The form of a document read as a tree, if it is one of a plan's forms; `yaml` says which
    /// syntax it was written in.
    pub fn of(root: &Node, yaml: bool) -> Option<PlanForm> {
        detect(root, yaml).ok()
    }

    pub fn is_cloudformation(self) -> bool {
        matches!(self, PlanForm::CloudFormation { .. })
    }

    /// A whole number as this form writes one ([`read_whole_number`]).
    pub fn whole_number(self, node: &Node) -> Option<i64> {
        read_whole_number(node, self.is_cloudformation())
    }

    /// A boolean as this form writes one ([`read_flag`]).
    pub fn flag(self, node: &Node) -> Option<bool> {
        read_flag(node, self.is_cloudformation())
    }
}

/// The names a form gives the plan members that CloudFormation renames.
#[derive(Debug)]
pub(crate) struct PlanNames {
    pub rules: &'static str,
    pub target_vault: &'static str,
    pub cloudformation: bool,
}

const API_NAMES: PlanNames = PlanNames {
    rules: "Rules",
    target_vault: "TargetBackupVaultName",
    cloudformation: false,
};

/// AWS::Backup::BackupPlan's BackupPlanResourceType and BackupRuleResourceType.
const CLOUDFORMATION_NAMES: PlanNames = PlanNames {
    rules: "BackupPlanRule",
    target_vault: "TargetBackupVault",
    cloudformation: true,
};

/// A plan in a document: its node (a BackupPlanInput, or CloudFormation's BackupPlanResourceType),
/// where it is, and the names its form uses.
pub(crate) struct PlanAt<'a> {
    pub node: &'a Node,
    pub path: DocPath,
    pub names: &'static PlanNames,
}

/// A backup vault a CloudFormation template creates.
pub(crate) struct VaultAt<'a> {
    /// The resource's logical ID, which `Ref` and `Fn::GetAtt` name.
    pub logical_id: &'a str,
    /// The resource's Properties.
    pub properties: &'a Node,
    pub path: DocPath,
    pub air_gapped: bool,
}

/// The AWS::Backup resources of a template with the given type, with their Properties.
pub(crate) fn resources<'a>(
    root: &'a Node,
    resource_type: &str,
) -> Vec<(&'a str, &'a Node, DocPath)> {
    let Some(resources) = root.get("Resources") else {
        return Vec::new();
    };
    resources
        .members()
        .iter()
        .filter(|r| r.value.get("Type").and_then(Node::as_str) == Some(resource_type))
        .filter_map(|r| {
            let properties = r.value.get("Properties")?;
            let path = DocPath::new("/Resources", "")
                .member(&r.key)
                .member("Properties");
            Some((r.key.as_str(), properties, path))
        })
        .collect()
}

/// Every plan in the document.
pub(crate) fn plans(root: &Node, form: PlanForm) -> Vec<PlanAt<'_>> {
    let at = |pointer: &str, aws: &str| {
        root.pointer(pointer).map(|node| PlanAt {
            node,
            path: DocPath::new(pointer, aws),
            names: &API_NAMES,
        })
    };
    match form {
        PlanForm::BackupPlanInput | PlanForm::PlanWithSelections => {
            at("", "BackupPlan").into_iter().collect()
        }
        PlanForm::CreateBackupPlanInput | PlanForm::GetBackupPlanOutput => {
            at("/BackupPlan", "BackupPlan").into_iter().collect()
        }
        PlanForm::CreateBackupSelectionInput | PlanForm::BackupSelection => Vec::new(),
        PlanForm::CloudFormation { .. } => resources(root, "AWS::Backup::BackupPlan")
            .into_iter()
            .filter_map(|(_, properties, path)| {
                Some(PlanAt {
                    node: properties.get("BackupPlan")?,
                    path: path.member("BackupPlan"),
                    names: &CLOUDFORMATION_NAMES,
                })
            })
            .collect(),
    }
}

/// The rules of the document's (first) plan — the one the effective plan is made from — as the
/// document writes them (before defaults), with the names its form gives the plan's members.
pub(crate) fn first_plan_rules(
    root: &Node,
    form: PlanForm,
) -> Option<(&[Node], &'static PlanNames)> {
    let plan = plans(root, form).into_iter().next()?;
    Some((plan.node.get(plan.names.rules)?.items(), plan.names))
}

/// Every backup selection in the document.
pub(crate) fn selections(root: &Node, form: PlanForm) -> Vec<(&Node, DocPath)> {
    match form {
        PlanForm::PlanWithSelections => {
            let path = DocPath::new("/Selections", "Selections");
            root.get("Selections")
                .map(|s| {
                    s.items()
                        .iter()
                        .enumerate()
                        .map(|(i, n)| (n, path.index(i)))
                        .collect()
                })
                .unwrap_or_default()
        }
        PlanForm::CreateBackupSelectionInput => root
            .get("BackupSelection")
            .map(|s| vec![(s, DocPath::new("", "").member("BackupSelection"))])
            .unwrap_or_default(),
        PlanForm::BackupSelection => vec![(root, DocPath::new("", "BackupSelection"))],
        PlanForm::CloudFormation { .. } => resources(root, "AWS::Backup::BackupSelection")
            .into_iter()
            .filter_map(|(_, properties, path)| {
                Some((
                    properties.get("BackupSelection")?,
                    path.member("BackupSelection"),
                ))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Every backup vault a template creates.
pub(crate) fn vaults(root: &Node, form: PlanForm) -> Vec<VaultAt<'_>> {
    if !matches!(form, PlanForm::CloudFormation { .. }) {
        return Vec::new();
    }
    let vault = |(logical_id, properties, path), air_gapped| VaultAt {
        logical_id,
        properties,
        path,
        air_gapped,
    };
    resources(root, "AWS::Backup::BackupVault")
        .into_iter()
        .map(|r| vault(r, false))
        .chain(
            resources(root, "AWS::Backup::LogicallyAirGappedBackupVault")
                .into_iter()
                .map(|r| vault(r, true)),
        )
        .collect()
}
