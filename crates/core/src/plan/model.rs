//! The typed plan: a backup plan and its selections as Rust values with AWS's field names (in
//! JSON, PascalCase exactly as the API writes them), AWS's defaults filled in. This is what the
//! simulation runs.

use std::collections::BTreeMap;

use serde::Serialize;

use super::effective::effective_plan;
use super::forms::{self, PlanForm};
use crate::document::{DecodeError, Fields, FromNode, Node, from_node};

/// A backup plan, as `BackupPlanInput` (and GetBackupPlan's `BackupPlan`) holds it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct BackupPlan {
    pub backup_plan_name: String,
    pub rules: Vec<BackupRule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub advanced_backup_settings: Vec<AdvancedBackupSetting>,
}

/// A rule: when to back up, into which vault, how long to keep, where to copy.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct BackupRule {
    pub rule_name: String,
    pub target_backup_vault_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_logically_air_gapped_backup_vault_arn: Option<String>,
    pub schedule_expression: String,
    pub schedule_expression_timezone: String,
    pub start_window_minutes: i64,
    pub completion_window_minutes: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<Lifecycle>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub recovery_point_tags: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copy_actions: Vec<CopyAction>,
    #[serde(default)]
    pub enable_continuous_backup: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub index_actions: Vec<IndexAction>,
}

/// When a recovery point moves to cold storage and when it is deleted, in days after creation;
/// -1 for both keeps it indefinitely.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Lifecycle {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_to_cold_storage_after_days: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_after_days: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opt_in_to_archive_for_supported_resources: Option<bool>,
}

/// A copy of each new recovery point into another vault.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CopyAction {
    pub destination_backup_vault_arn: String,
    /// Without one, the copy keeps the source recovery point's lifecycle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<Lifecycle>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct IndexAction {
    #[serde(default)]
    pub resource_types: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdvancedBackupSetting {
    pub resource_type: String,
    #[serde(default)]
    pub backup_options: BTreeMap<String, String>,
}

/// Which resources a plan protects.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct BackupSelection {
    pub selection_name: String,
    pub iam_role_arn: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_resources: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub list_of_tags: Vec<Condition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Conditions>,
}

/// A `ListOfTags` entry: `STRINGEQUALS` on a tag; entries are OR-ed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Condition {
    pub condition_type: String,
    pub condition_key: String,
    pub condition_value: String,
}

/// `Conditions`: every condition must hold (AND).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Conditions {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub string_equals: Vec<ConditionParameter>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub string_not_equals: Vec<ConditionParameter>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub string_like: Vec<ConditionParameter>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub string_not_like: Vec<ConditionParameter>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConditionParameter {
    pub condition_key: String,
    pub condition_value: String,
}

/// The document's (first) plan as typed values, AWS's defaults filled in. An error says why it
/// cannot be typed: there is no plan, or a value is not literal (a CloudFormation function) or
/// not of its type — which `check` reports in full.
pub fn typed_plan(root: &Node, form: PlanForm) -> Result<BackupPlan, String> {
    let plan = effective_plan(root, form).ok_or("the document has no backup plan")?;
    from_node(&Node::from_json(&plan))
        .map_err(|e| format!("the plan cannot be simulated as written: {e}"))
}

/// The document's selections as typed values, in document order; those that cannot be typed
/// (see [`typed_plan`]) are left out.
pub fn typed_selections(root: &Node, form: PlanForm) -> Vec<BackupSelection> {
    forms::selections(root, form)
        .into_iter()
        .filter_map(|(node, _)| from_node(node).ok())
        .collect()
}

// How each type is read from a document: AWS's member names; unknown members are left to the
// plan checker, which reports them against the API model.

impl FromNode for BackupPlan {
    fn from_node(node: &Node) -> Result<BackupPlan, DecodeError> {
        let f = Fields::lenient(node, "struct BackupPlan")?;
        Ok(BackupPlan {
            backup_plan_name: f.required("BackupPlanName")?,
            rules: f.required("Rules")?,
            advanced_backup_settings: f.or_default("AdvancedBackupSettings")?,
        })
    }
}

impl FromNode for BackupRule {
    fn from_node(node: &Node) -> Result<BackupRule, DecodeError> {
        let f = Fields::lenient(node, "struct BackupRule")?;
        Ok(BackupRule {
            rule_name: f.required("RuleName")?,
            target_backup_vault_name: f.required("TargetBackupVaultName")?,
            target_logically_air_gapped_backup_vault_arn: f
                .optional("TargetLogicallyAirGappedBackupVaultArn")?,
            schedule_expression: f.required("ScheduleExpression")?,
            schedule_expression_timezone: f.required("ScheduleExpressionTimezone")?,
            start_window_minutes: f.required("StartWindowMinutes")?,
            completion_window_minutes: f.required("CompletionWindowMinutes")?,
            lifecycle: f.optional("Lifecycle")?,
            recovery_point_tags: f.or_default("RecoveryPointTags")?,
            copy_actions: f.or_default("CopyActions")?,
            enable_continuous_backup: f.or_default("EnableContinuousBackup")?,
            index_actions: f.or_default("IndexActions")?,
        })
    }
}

impl FromNode for Lifecycle {
    fn from_node(node: &Node) -> Result<Lifecycle, DecodeError> {
        let f = Fields::lenient(node, "struct Lifecycle")?;
        Ok(Lifecycle {
            move_to_cold_storage_after_days: f.optional("MoveToColdStorageAfterDays")?,
            delete_after_days: f.optional("DeleteAfterDays")?,
            opt_in_to_archive_for_supported_resources: f
                .optional("OptInToArchiveForSupportedResources")?,
        })
    }
}

impl FromNode for CopyAction {
    fn from_node(node: &Node) -> Result<CopyAction, DecodeError> {
        let f = Fields::lenient(node, "struct CopyAction")?;
        Ok(CopyAction {
            destination_backup_vault_arn: f.required("DestinationBackupVaultArn")?,
            lifecycle: f.optional("Lifecycle")?,
        })
    }
}

impl FromNode for IndexAction {
    fn from_node(node: &Node) -> Result<IndexAction, DecodeError> {
        let f = Fields::lenient(node, "struct IndexAction")?;
        Ok(IndexAction {
            resource_types: f.or_default("ResourceTypes")?,
        })
    }
}

impl FromNode for AdvancedBackupSetting {
    fn from_node(node: &Node) -> Result<AdvancedBackupSetting, DecodeError> {
        let f = Fields::lenient(node, "struct AdvancedBackupSetting")?;
        Ok(AdvancedBackupSetting {
            resource_type: f.required("ResourceType")?,
            backup_options: f.or_default("BackupOptions")?,
        })
    }
}

impl FromNode for BackupSelection {
    fn from_node(node: &Node) -> Result<BackupSelection, DecodeError> {
        let f = Fields::lenient(node, "struct BackupSelection")?;
        Ok(BackupSelection {
            selection_name: f.required("SelectionName")?,
            iam_role_arn: f.required("IamRoleArn")?,
            resources: f.or_default("Resources")?,
            not_resources: f.or_default("NotResources")?,
            list_of_tags: f.or_default("ListOfTags")?,
            conditions: f.optional("Conditions")?,
        })
    }
}

impl FromNode for Condition {
    fn from_node(node: &Node) -> Result<Condition, DecodeError> {
        let f = Fields::lenient(node, "struct Condition")?;
        Ok(Condition {
            condition_type: f.required("ConditionType")?,
            condition_key: f.required("ConditionKey")?,
            condition_value: f.required("ConditionValue")?,
        })
    }
}

impl FromNode for Conditions {
    fn from_node(node: &Node) -> Result<Conditions, DecodeError> {
        let f = Fields::lenient(node, "struct Conditions")?;
        Ok(Conditions {
            string_equals: f.or_default("StringEquals")?,
            string_not_equals: f.or_default("StringNotEquals")?,
            string_like: f.or_default("StringLike")?,
            string_not_like: f.or_default("StringNotLike")?,
        })
    }
}

impl FromNode for ConditionParameter {
    fn from_node(node: &Node) -> Result<ConditionParameter, DecodeError> {
        let f = Fields::lenient(node, "struct ConditionParameter")?;
        Ok(ConditionParameter {
            condition_key: f.required("ConditionKey")?,
            condition_value: f.required("ConditionValue")?,
        })
    }
}
