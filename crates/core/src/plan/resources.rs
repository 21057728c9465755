//! The other AWS::Backup resources a template may hold beside plans, selections and vaults —
//! restore testing plans and selections, audit frameworks, legal holds — checked against the
//! rules the API model and the developer guide give them (RT-1, RT-2, FW-1, LH-1).

use super::forms::{self, PlanForm, template_number};
use crate::api::path::DocPath;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::document::Node;
use crate::schedule::CronExpression;

pub(crate) fn check(text: &str, root: &Node, form: PlanForm, out: &mut Vec<Diagnostic>) {
    if !matches!(form, PlanForm::CloudFormation { .. }) {
        return;
    }
    for (_, properties, path) in forms::resources(root, "AWS::Backup::RestoreTestingPlan") {
        check_restore_testing_plan(text, properties, &path, out);
    }
    for (_, properties, path) in forms::resources(root, "AWS::Backup::RestoreTestingSelection") {
        check_restore_testing_selection(properties, &path, out);
    }
    for (_, properties, path) in forms::resources(root, "AWS::Backup::Framework") {
        check_framework(properties, &path, out);
    }
    check_legal_hold_count(root, out);
}

fn out_of_range(
    node: &Node,
    path: &DocPath,
    range: std::ops::RangeInclusive<i64>,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(n) = template_number(node)
        && !range.contains(&n)
    {
        out.push(
            Diagnostic::error(
                codes::OUT_OF_RANGE,
                node.span.clone(),
                format!(
                    "{}: {n} is outside {} to {}",
                    path.aws(),
                    range.start(),
                    range.end()
                ),
            )
            .with_help(format!(
                "use a value from {} to {}",
                range.start(),
                range.end()
            ))
            .at(path.pointer()),
        );
    }
}

/// Alphanumeric characters and underscores only (restore testing names).
fn check_alphanumeric_name(node: &Node, path: &DocPath, max: usize, out: &mut Vec<Diagnostic>) {
    let Some(name) = node.as_str() else { return };
    let bad = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'));
    let length = name.chars().count();
    if bad.is_some() || length == 0 || length > max {
        let problem = match bad {
            Some(c) => format!("{c:?} is not allowed"),
            None => format!("it has {length} characters"),
        };
        out.push(
            Diagnostic::error(
                codes::INVALID_NAME,
                node.span.clone(),
                format!(
                    "{}: 1 to {max} letters, digits and underscores; {problem}",
                    path.aws()
                ),
            )
            .with_help(
                "write the name with letters, digits and _ only, for example daily_restore_test",
            )
            .at(path.pointer()),
        );
    }
}

/// RT-1 (API model): name, schedule, StartWindowHours at most 168, SelectionWindowDays 1 to 365.
fn check_restore_testing_plan(
    document: &str,
    properties: &Node,
    path: &DocPath,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(name) = properties.get("RestoreTestingPlanName") {
        check_alphanumeric_name(name, &path.member("RestoreTestingPlanName"), 50, out);
    }
    if let Some(node) = properties.get("StartWindowHours") {
        out_of_range(node, &path.member("StartWindowHours"), 1..=168, out);
    }
    if let Some(node) = properties.get("ScheduleExpression")
        && let Some(expression) = node.as_str()
        && let Err(errors) = CronExpression::parse(expression)
    {
        let p = path.member("ScheduleExpression");
        for d in errors {
            out.push(super::rules::inside(document, node, d, &p));
        }
    }
    if let Some(selection) = properties.get("RecoveryPointSelection")
        && let Some(days) = selection.get("SelectionWindowDays")
    {
        out_of_range(
            days,
            &path
                .member("RecoveryPointSelection")
                .member("SelectionWindowDays"),
            1..=365,
            out,
        );
    }
}

/// RT-2 (API model): ProtectedResourceArns lists ARNs, or is `["*"]`, never both;
/// ValidationWindowHours 0 to 168.
fn check_restore_testing_selection(properties: &Node, path: &DocPath, out: &mut Vec<Diagnostic>) {
    if let Some(name) = properties.get("RestoreTestingSelectionName") {
        check_alphanumeric_name(name, &path.member("RestoreTestingSelectionName"), 50, out);
    }
    if let Some(node) = properties.get("ValidationWindowHours") {
        out_of_range(node, &path.member("ValidationWindowHours"), 0..=168, out);
    }
    if let Some(arns) = properties.get("ProtectedResourceArns") {
        let items = arns.items();
        if items.len() > 1 && items.iter().any(|i| i.as_str() == Some("*")) {
            let p = path.member("ProtectedResourceArns");
            out.push(
                Diagnostic::error(
                    codes::RESTORE_TESTING_ARNS,
                    arns.span.clone(),
                    format!("{}: name specific ARNs or [\"*\"], not both", p.aws()),
                )
                .with_help(
                    "keep [\"*\"] to test every protected resource of the type, or list ARNs",
                )
                .at(p.pointer()),
            );
        }
    }
}

/// FW-1 (API model and developer guide): FrameworkName 1 to 256 characters, a letter then
/// letters, digits and underscores; a control's scope has at most one tag; at most 50 controls.
fn check_framework(properties: &Node, path: &DocPath, out: &mut Vec<Diagnostic>) {
    if let Some(node) = properties.get("FrameworkName")
        && let Some(name) = node.as_str()
    {
        let mut chars = name.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            && name.len() <= 256;
        if !valid {
            let p = path.member("FrameworkName");
            out.push(
                Diagnostic::error(
                    codes::INVALID_NAME,
                    node.span.clone(),
                    format!(
                        "{}: a letter, then letters, digits and underscores, 1 to 256 characters",
                        p.aws()
                    ),
                )
                .with_help("for example daily_backup_controls")
                .at(p.pointer()),
            );
        }
    }
    let controls_path = path.member("FrameworkControls");
    let Some(controls) = properties.get("FrameworkControls") else {
        return;
    };
    if controls.items().len() > 50 {
        out.push(
            Diagnostic::warning(
                codes::FRAMEWORK_CONTROLS_LIMIT,
                controls.span.clone(),
                format!(
                    "{}: {} controls; an account has at most 50 per Region",
                    controls_path.aws(),
                    controls.items().len()
                ),
            )
            .with_help("split the controls across frameworks, or keep the ones you report on")
            .at(controls_path.pointer()),
        );
    }
    for (i, control) in controls.items().iter().enumerate() {
        let Some(tags) = control.get("ControlScope").and_then(|s| s.get("Tags")) else {
            continue;
        };
        if tags.items().len() > 1 {
            let p = controls_path.index(i).member("ControlScope").member("Tags");
            out.push(
                Diagnostic::error(
                    codes::CONTROL_SCOPE_TAGS,
                    tags.span.clone(),
                    format!("{}: a control's scope takes at most one tag", p.aws()),
                )
                .with_help("keep one Key and Value")
                .at(p.pointer()),
            );
        }
    }
}

/// LH-1 (developer guide): "Each account can have a maximum of 50 legal holds active at one
/// time." A template that creates more cannot all be active.
fn check_legal_hold_count(root: &Node, out: &mut Vec<Diagnostic>) {
    let holds = forms::resources(root, "AWS::Backup::LegalHold");
    if let Some((_, properties, path)) = holds.get(50) {
        out.push(
            Diagnostic::warning(
                codes::LEGAL_HOLD_LIMIT,
                properties.span.start..properties.span.start + 1,
                format!(
                    "this template creates {} legal holds; an account can have at most 50 active",
                    holds.len()
                ),
            )
            .with_help("cancel legal holds you no longer need, or place several recovery points under one hold")
            .at(path.pointer()),
        );
    }
}
