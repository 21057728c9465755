//! The effective plan: the document's plan as AWS holds it once created, with AWS's defaults
//! filled in for what the document leaves out.

use serde_json::{Map, Value as Json};

use super::forms::{self, PlanForm};
use super::rules::{DEFAULT_COMPLETION_WINDOW_MINUTES, DEFAULT_START_WINDOW_MINUTES};
use crate::api::shapes::{Shape, shape};
use crate::document::Node;
use crate::schedule::{DEFAULT_SCHEDULE_EXPRESSION, DEFAULT_TIMEZONE};

/// The (first) plan in `root` as a `BackupPlanInput` — CloudFormation's names turned into the
/// API's — with every rule's defaults filled in and members in the API model's order; `None` for
/// a selection, or a document without a plan object.
pub fn effective_plan(root: &Node, form: PlanForm) -> Option<Json> {
    let plan = forms::plans(root, form).into_iter().next()?;
    let Json::Object(mut members) = plan.node.to_json() else {
        return None;
    };
    members.remove("Selections");
    rename(&mut members, plan.names.rules, "Rules");
    if let Some(Json::Array(rules)) = members.get_mut("Rules") {
        for rule in rules.iter_mut() {
            if let Json::Object(rule) = rule {
                rename(rule, plan.names.target_vault, "TargetBackupVaultName");
                fill_rule_defaults(rule);
                *rule = in_model_order(std::mem::take(rule), "BackupRuleInput");
            }
        }
    }
    Some(Json::Object(in_model_order(members, "BackupPlanInput")))
}

fn rename(members: &mut Map<String, Json>, from: &str, to: &str) {
    if from != to
        && let Some(value) = members.shift_remove(from)
    {
        members.insert(to.to_string(), value);
    }
}

/// BackupRuleInput's documented defaults: the schedule `cron(0 5 ? * * *)` in `Etc/UTC`, a start
/// window of 480 minutes (8 hours) and a completion window of 10080 minutes (7 days).
fn fill_rule_defaults(rule: &mut Map<String, Json>) {
    let defaults = [
        (
            "ScheduleExpression",
            Json::from(DEFAULT_SCHEDULE_EXPRESSION),
        ),
        ("ScheduleExpressionTimezone", Json::from(DEFAULT_TIMEZONE)),
        (
            "StartWindowMinutes",
            Json::from(DEFAULT_START_WINDOW_MINUTES),
        ),
        (
            "CompletionWindowMinutes",
            Json::from(DEFAULT_COMPLETION_WINDOW_MINUTES),
        ),
    ];
    for (name, value) in defaults {
        rule.entry(name).or_insert(value);
    }
}

/// The members reordered as the model lists them; members the model does not know keep their
/// place at the end (they are reported as unknown elsewhere).
fn in_model_order(mut members: Map<String, Json>, shape_name: &str) -> Map<String, Json> {
    let Shape::Structure { members: model, .. } = shape(shape_name) else {
        return members;
    };
    let mut ordered = Map::new();
    for (name, _) in model {
        if let Some(value) = members.shift_remove(name) {
            ordered.insert(name.clone(), value);
        }
    }
    ordered.extend(members);
    ordered
}
