//! The forms a backup plan comes in, how to tell them apart, and where in each the plan and its
//! selections are.

use std::fmt;

use super::path::DocPath;
use super::shapes;
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
        }
    }

    /// Where the plan is in the document, and the path AWS gives it; `None` for a selection.
    pub(crate) fn plan(self) -> Option<DocPath> {
        match self {
            PlanForm::BackupPlanInput | PlanForm::PlanWithSelections => {
                Some(DocPath::new("", "BackupPlan"))
            }
            PlanForm::CreateBackupPlanInput | PlanForm::GetBackupPlanOutput => {
                Some(DocPath::new("", "").member("BackupPlan"))
            }
            PlanForm::CreateBackupSelectionInput | PlanForm::BackupSelection => None,
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

/// Tells the form from the members at the top of the document.
pub(crate) fn detect(root: &Node) -> Result<PlanForm, Diagnostic> {
    let has = |key: &str| root.member(key).is_some();
    if !matches!(root.value, Value::Object(_)) {
        return Err(Diagnostic::error(
            "plan-not-an-object",
            root.span.clone(),
            format!(
                "a backup plan is a JSON object {{ ... }}; this is {}",
                root.value.kind()
            ),
        )
        .with_help("start the document with { \"BackupPlanName\": ..., \"Rules\": [ ... ] }")
        .at(""));
    }
    let form = if has("BackupPlan") {
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
            "plan-form-unknown",
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
                        "invalid-type",
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
    }
}
