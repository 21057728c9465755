//! What a plan means, checked as AWS checks it: the dispatch over a document's vaults, plans,
//! rules and selections, and the helpers the rule families share.
//!
//! Each family of rules lives in its own file, each rule with its diagnostic code, its evidence
//! (the ids of data/reference/validation-rules.json and the text they rest on) and its message
//! together: [`windows`], [`lifecycle`], [`continuous`], [`schedule`], [`vault_lock`],
//! [`copy_actions`], [`index_actions`], [`advanced_settings`], [`selections`], [`names`]. A rule
//! AWS documents or has been seen to enforce is an error; a likely mistake AWS accepts, or a rule
//! whose evidence is weak, is a warning; a note is info.

mod advanced_settings;
mod continuous;
mod copy_actions;
mod index_actions;
mod lifecycle;
mod names;
mod schedule;
mod selections;
mod vault_lock;
mod windows;

use super::CheckOptions;
use super::forms::{self, PlanAt, PlanForm, PlanNames, VaultAt, template_number};
use crate::api::path::DocPath;
use crate::diagnostic::Diagnostic;
use crate::document::{Node, Value};

pub use windows::{DEFAULT_COMPLETION_WINDOW_MINUTES, DEFAULT_START_WINDOW_MINUTES};

/// What every check of one document shares.
struct Context<'a> {
    /// The document's text, to tell where a string value's characters are in it.
    text: &'a str,
    form: PlanForm,
    options: &'a CheckOptions,
    /// The vaults the document creates (a CloudFormation template's), for their locks.
    vaults: Vec<VaultAt<'a>>,
}

pub(crate) fn check(
    text: &str,
    root: &Node,
    form: PlanForm,
    options: &CheckOptions,
    out: &mut Vec<Diagnostic>,
) {
    let context = Context {
        text,
        form,
        options,
        vaults: forms::vaults(root, form),
    };
    for vault in &context.vaults {
        vault_lock::check_vault(vault, out);
    }
    let plans = forms::plans(root, form);
    for plan in &plans {
        check_plan(plan, &context, out);
    }
    let selections = forms::selections(root, form);
    for (selection, path) in &selections {
        selections::check_selection(selection, path, text, out);
    }
    // With one plan, the document's selections are that plan's.
    if let [plan] = plans.as_slice() {
        lifecycle::check_cold_storage_types(plan, &selections, out);
    }
    if form == PlanForm::PlanWithSelections {
        selections::note_selections_are_separate(root, out);
    }
}

fn check_plan(plan: &PlanAt, context: &Context, out: &mut Vec<Diagnostic>) {
    let (node, path) = (plan.node, &plan.path);
    if let Some(name) = node.get("BackupPlanName") {
        names::check_plan_name(name, &path.member("BackupPlanName"), out);
    }
    let rules_path = path.member(plan.names.rules);
    let rules = node
        .get(plan.names.rules)
        .map(Node::items)
        .unwrap_or_default();
    for (i, rule) in rules.iter().enumerate() {
        if matches!(rule.value, Value::Object(_)) {
            check_rule(rule, &rules_path.index(i), plan.names, context, out);
        }
    }
    names::check_duplicate_rule_names(rules, &rules_path, out);
    if let Some(settings) = node.get("AdvancedBackupSettings") {
        advanced_settings::check_advanced_backup_settings(
            settings,
            &path.member("AdvancedBackupSettings"),
            out,
        );
    }
}

/// A whole number, as the form writes it: CloudFormation also converts `"60"`.
fn whole(node: &Node, names: &PlanNames) -> Option<i64> {
    forms::read_whole_number(node, names.cloudformation)
}

fn flag(node: &Node, names: &PlanNames) -> Option<bool> {
    forms::read_flag(node, names.cloudformation)
}

fn check_rule(
    rule: &Node,
    path: &DocPath,
    names: &PlanNames,
    context: &Context,
    out: &mut Vec<Diagnostic>,
) {
    let continuous = rule
        .get("EnableContinuousBackup")
        .and_then(|n| flag(n, names))
        == Some(true);
    schedule::check_schedule(rule, path, continuous, context, out);
    windows::check_windows(rule, path, names, out);
    let lifecycle = rule.get("Lifecycle");
    if let Some(lifecycle) = lifecycle {
        // A continuous rule's cold storage is refused outright (CONT-1); its 90-day rule is moot.
        let cold_allowed = !continuous;
        lifecycle::check_lifecycle(
            lifecycle,
            &path.member("Lifecycle"),
            context.form,
            names,
            cold_allowed,
            out,
        );
    }
    if continuous {
        continuous::check_continuous(rule, lifecycle, path, names, out);
    }
    let source_delete = lifecycle
        .and_then(|l| l.get("DeleteAfterDays"))
        .and_then(|n| whole(n, names))
        .filter(|d| *d > 0);
    if let Some(target) = rule.get(names.target_vault) {
        vault_lock::check_against_vault_lock(
            target,
            source_delete,
            &path.member(names.target_vault),
            context,
            out,
        );
    }
    let copies_path = path.member("CopyActions");
    for (i, copy) in rule
        .get("CopyActions")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        copy_actions::check_copy_action(
            copy,
            &copies_path.index(i),
            source_delete,
            names,
            context,
            out,
        );
    }
    if let Some(index) = rule.get("IndexActions") {
        index_actions::check_index_actions(index, &path.member("IndexActions"), out);
    }
}

/// The span of `part` (a slice of a string value's text) in the document, when the document
/// writes the string as is; the whole value's span otherwise.
fn part_span(document: &str, node: &Node, part: &str) -> std::ops::Range<usize> {
    let Some(value) = node.as_str() else {
        return node.span.clone();
    };
    // `part` is a slice of `value`: its offset is the distance between their starts.
    let offset = (part.as_ptr() as usize).wrapping_sub(value.as_ptr() as usize);
    match verbatim_start(document, node) {
        Some(start) if offset + part.len() <= value.len() && !part.is_empty() => {
            start + offset..start + offset + part.len()
        }
        _ => node.span.clone(),
    }
}

/// Where a string value's characters start in the document, when the document has them as
/// they are: plain (YAML), or quoted with nothing escaped. `None` when escapes or folding make
/// offsets in the value and in the document differ.
fn verbatim_start(document: &str, node: &Node) -> Option<usize> {
    let value = node.as_str()?;
    let raw = document.get(node.span.clone())?;
    if raw == value {
        return Some(node.span.start);
    }
    let quoted = raw.len() == value.len() + 2
        && raw.starts_with(['"', '\''])
        && raw.get(1..raw.len() - 1) == Some(value);
    quoted.then_some(node.span.start + 1)
}

/// A diagnostic about the text of a string value, moved from that text into the document (or
/// onto the whole value where the document's characters differ from the value's), its message
/// prefixed with the parameter's path.
pub(crate) fn inside(document: &str, node: &Node, mut d: Diagnostic, path: &DocPath) -> Diagnostic {
    d.span = match verbatim_start(document, node) {
        Some(start) => start + d.span.start..start + d.span.end,
        None => node.span.clone(),
    };
    d.message = format!("{}: {}", path.aws(), d.message);
    d.at(path.pointer())
}
