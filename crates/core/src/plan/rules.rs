//! What a plan means, checked as AWS checks it: windows, lifecycles, continuous backup,
//! schedules and time zones, copy destinations, index actions, advanced settings, selections.
//!
//! Each check names the rule it enforces (the ids of data/reference/validation-rules.json) and
//! its evidence. A rule AWS documents or has been seen to enforce is an error; a likely mistake
//! AWS accepts, or a rule whose evidence is weak, is a warning; a note is info.

use chrono::{DateTime, Utc};

use super::CheckOptions;
use super::forms::{self, PlanAt, PlanForm, PlanNames, VaultAt, template_number};
use super::path::DocPath;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Node, Value};
use crate::schedule::{CronExpression, Schedule, Timezone};
use crate::services::{Feature, ResourceType, Service};

/// AWS Backup's defaults for a rule that leaves them out (BackupRuleInput documentation and the
/// console's: start within 8 hours, complete within 7 days).
pub const DEFAULT_START_WINDOW_MINUTES: i64 = 480;
pub const DEFAULT_COMPLETION_WINDOW_MINUTES: i64 = 10_080;
/// "This parameter has a maximum value of 100 years (52,560,000 minutes)."
const MAX_WINDOW_MINUTES: i64 = 52_560_000;
/// "This parameter has a maximum value of 100 years (36,500 days)."
const MAX_LIFECYCLE_DAYS: i64 = 36_500;
/// "Backups transitioned to cold storage must be stored in cold storage for a minimum of 90 days."
const MIN_COLD_DAYS: i64 = 90;
use crate::services::MAX_CONTINUOUS_RETENTION_DAYS as MAX_CONTINUOUS_DAYS;

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
        check_vault(vault, out);
    }
    let plans = forms::plans(root, form);
    for plan in &plans {
        check_plan(plan, &context, out);
    }
    let selections = forms::selections(root, form);
    for (selection, path) in &selections {
        check_selection(selection, path, text, out);
    }
    // With one plan, the document's selections are that plan's.
    if let [plan] = plans.as_slice() {
        check_cold_storage_types(plan, &selections, out);
    }
    if form == PlanForm::PlanWithSelections
        && let Some(member) = root.member("Selections")
    {
        out.push(
            Diagnostic::info(
                "selections-are-separate",
                member.key_span.clone(),
                "Selections is not part of an AWS backup plan: each selection is created with \
                 CreateBackupSelection once the plan exists",
            )
            .with_help(
                "vaultsim reads them here so the plan and what it protects are checked together",
            )
            .at("/Selections"),
        );
    }
}

fn check_plan(plan: &PlanAt, context: &Context, out: &mut Vec<Diagnostic>) {
    let (node, path) = (plan.node, &plan.path);
    if let Some(name) = node.get("BackupPlanName") {
        check_plan_name(name, &path.member("BackupPlanName"), out);
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
    check_duplicate_rule_names(rules, &rules_path, out);
    if let Some(settings) = node.get("AdvancedBackupSettings") {
        check_advanced_backup_settings(settings, &path.member("AdvancedBackupSettings"), out);
    }
}

/// PLAN-2 (API reference): "Must contain 1 to 50 alphanumeric or '-_.' characters."
fn check_plan_name(name: &Node, path: &DocPath, out: &mut Vec<Diagnostic>) {
    let Some(s) = name.as_str() else { return };
    let length = s.chars().count();
    let bad = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-_.".contains(*c)));
    let problem = match (bad, length) {
        (Some(c), _) => format!("{c:?} is not allowed"),
        (None, 0) => "it is empty".to_string(),
        (None, n) if n > 50 => format!("it has {n} characters"),
        _ => return,
    };
    out.push(
        Diagnostic::error(
            "plan-name",
            name.span.clone(),
            format!(
                "BackupPlanName must contain 1 to 50 alphanumeric or '-_.' characters; {problem}"
            ),
        )
        .with_help("use letters, digits, '-', '_' and '.', for example prod-daily-backup-plan")
        .at(path.pointer()),
    );
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
    check_schedule(rule, path, continuous, context, out);
    check_windows(rule, path, names, out);
    let lifecycle = rule.get("Lifecycle");
    if let Some(lifecycle) = lifecycle {
        // A continuous rule's cold storage is refused outright (CONT-1); its 90-day rule is moot.
        let cold_allowed = !continuous;
        check_lifecycle(
            lifecycle,
            &path.member("Lifecycle"),
            context.form,
            names,
            cold_allowed,
            out,
        );
    }
    if continuous {
        check_continuous(rule, lifecycle, path, names, out);
    }
    let source_delete = lifecycle
        .and_then(|l| l.get("DeleteAfterDays"))
        .and_then(|n| whole(n, names))
        .filter(|d| *d > 0);
    if let Some(target) = rule.get(names.target_vault) {
        check_against_vault_lock(
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
        check_copy_action(
            copy,
            &copies_path.index(i),
            source_delete,
            names,
            context,
            out,
        );
    }
    if let Some(index) = rule.get("IndexActions") {
        check_index_actions(index, &path.member("IndexActions"), out);
    }
}

/// RULE-3/4/5 (schedule), RULE-6 (time zone): the expression through the schedule module, with
/// its diagnostics moved into the document; AWS Backup's hourly limit as an error.
fn check_schedule(
    rule: &Node,
    path: &DocPath,
    continuous: bool,
    context: &Context,
    out: &mut Vec<Diagnostic>,
) {
    let document = context.text;
    let timezone = match rule.get("ScheduleExpressionTimezone") {
        Some(node) => match node.as_str().map(Timezone::parse) {
            Some(Ok(tz)) => Some(tz),
            Some(Err(d)) => {
                out.push(inside(
                    document,
                    node,
                    d,
                    &path.member("ScheduleExpressionTimezone"),
                ));
                None
            }
            None => None,
        },
        None => Some(Timezone::UTC),
    };
    let Some(node) = rule.get("ScheduleExpression") else {
        return;
    };
    let Some(expression) = node.as_str() else {
        return;
    };
    let expression_path = path.member("ScheduleExpression");
    let cron = match CronExpression::parse(expression) {
        Ok(cron) => cron,
        Err(errors) => {
            for mut d in errors {
                if d.code == "schedule-rate-not-supported" {
                    // RULE-4 rests on peers only (Terraform's maintainers, the CDK): no AWS text
                    // says the API refuses rate().
                    d.severity = Severity::Warning;
                    d.message.push_str(
                        " (Terraform's and the CDK's reading; AWS's own texts document cron \
                         only and do not say rate() is refused)",
                    );
                }
                out.push(inside(document, node, d, &expression_path));
            }
            return;
        }
    };
    for mut d in cron.diagnostics() {
        if d.code == "schedule-more-than-hourly" {
            // RULE-5 (developer guide): snapshot backups "as frequently as hourly". That AWS
            // refuses a plan scheduled more often is unverified (validation-rules.json: "exact
            // server check / error text for sub-hourly cron not found"): a warning.
            d.severity = Severity::Warning;
            if !continuous {
                d.message.push_str(
                    "; AWS Backup documents snapshot backups \"as frequently as hourly\" (whether \
                     it refuses the plan or runs fewer backups is not documented)",
                );
            }
        }
        out.push(inside(document, node, d, &expression_path));
    }
    if let Some(timezone) = timezone {
        let schedule = Schedule::new(cron, timezone);
        if schedule.next_after(context.options.now).is_none() {
            out.push(never_runs_again(
                node,
                &schedule,
                context.options.now,
                &expression_path,
            ));
        }
    }
}

fn never_runs_again(
    node: &Node,
    schedule: &Schedule,
    now: DateTime<Utc>,
    path: &DocPath,
) -> Diagnostic {
    let ever = schedule.next_after(DateTime::<Utc>::MIN_UTC).is_some();
    let message = if ever {
        format!(
            "this schedule has no runs after {}: the rule will never start a backup again",
            now.format("%Y-%m-%d")
        )
    } else {
        "this schedule never runs: no date matches it".to_string()
    };
    Diagnostic::warning("schedule-never-runs", node.span.clone(), message)
        .with_help(
            "check the Year, Month and day fields; cron(0 5 ? * * *) is AWS Backup's default",
        )
        .at(path.pointer())
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

/// RULE-7 and RULE-8: the start and completion windows.
fn check_windows(rule: &Node, path: &DocPath, names: &PlanNames, out: &mut Vec<Diagnostic>) {
    let start_node = rule.get("StartWindowMinutes");
    let completion_node = rule.get("CompletionWindowMinutes");
    if let Some(node) = start_node
        && let Some(start) = whole(node, names)
    {
        let p = path.member("StartWindowMinutes");
        if start < 60 {
            out.push(
                Diagnostic::error(
                    "start-window-too-short",
                    node.span.clone(),
                    format!(
                        "{}: {start} minutes; the start window must be at least 60 minutes",
                        p.aws()
                    ),
                )
                .with_help(
                    "AWS: \"If this value is included, it must be at least 60 minutes to avoid \
                     errors.\" Use 60 or more, or leave it out for the default of 480 (8 hours)",
                )
                .at(p.pointer()),
            );
        }
        if start > MAX_WINDOW_MINUTES {
            out.push(window_too_long(node, start, &p));
        }
    }
    if let Some(node) = completion_node
        && let Some(completion) = whole(node, names)
    {
        let p = path.member("CompletionWindowMinutes");
        if completion > MAX_WINDOW_MINUTES {
            out.push(window_too_long(node, completion, &p));
        }
        if completion < 1 {
            // No minimum is in AWS's model or texts: a warning.
            out.push(
                Diagnostic::warning(
                    "completion-window-too-short",
                    node.span.clone(),
                    format!(
                        "{}: {completion} minutes leaves no time to back up (AWS documents no \
                         minimum, so whether it refuses this is not known)",
                        p.aws()
                    ),
                )
                .with_help("leave it out for the default of 10080 minutes (7 days)")
                .at(p.pointer()),
            );
        }
    }
    let start = start_node
        .and_then(|n| whole(n, names))
        .unwrap_or(DEFAULT_START_WINDOW_MINUTES);
    let completion = completion_node
        .and_then(|n| whole(n, names))
        .unwrap_or(DEFAULT_COMPLETION_WINDOW_MINUTES);
    let anchor = completion_node.or(start_node);
    if let Some(anchor) = anchor
        && (1..start + 60).contains(&completion)
    {
        let left = completion - start;
        let p = path.member(if completion_node.is_some() {
            "CompletionWindowMinutes"
        } else {
            "StartWindowMinutes"
        });
        let tail = if left > 0 {
            format!("only {left} minutes")
        } else {
            "no time".to_string()
        };
        out.push(
            Diagnostic::warning(
                "completion-window-short",
                anchor.span.clone(),
                format!(
                    "a job that starts at the end of its {start}-minute start window has {tail} \
                     left of its {completion}-minute completion window"
                ),
            )
            .with_help(
                "StartBackupJob's documentation says the completion window counts from the \
                 scheduled time and adds nothing for the start window; BackupRule's says it \
                 counts from the job's start. vaultsim's simulation follows StartBackupJob's, \
                 the more specific text; make CompletionWindowMinutes at least the start window \
                 plus the time a backup takes, and the rule is safe under either reading",
            )
            .at(p.pointer()),
        );
    }
}

fn window_too_long(node: &Node, minutes: i64, path: &DocPath) -> Diagnostic {
    Diagnostic::error(
        "window-too-long",
        node.span.clone(),
        format!(
            "{}: {minutes} minutes is more than the maximum of 52,560,000 (100 years)",
            path.aws()
        ),
    )
    .with_help("use at most 52560000")
    .at(path.pointer())
}

/// LC-1, LC-2, LC-3 and LC-5: a lifecycle, in a rule or a copy action.
fn check_lifecycle(
    lifecycle: &Node,
    path: &DocPath,
    form: PlanForm,
    names: &PlanNames,
    cold_allowed: bool,
    out: &mut Vec<Diagnostic>,
) {
    let cold = lifecycle.get("MoveToColdStorageAfterDays");
    let delete = lifecycle.get("DeleteAfterDays");
    let cold_days = cold.and_then(|n| whole(n, names));
    let delete_days = delete.and_then(|n| whole(n, names));
    // -1 for both removes the lifecycle: keep the recovery points indefinitely (LC-3).
    if cold_days == Some(-1) && delete_days == Some(-1) {
        return;
    }
    if let (Some(node), Some(days)) = (delete, delete_days)
        && !(1..=MAX_LIFECYCLE_DAYS).contains(&days)
    {
        let p = path.member("DeleteAfterDays");
        out.push(
            Diagnostic::error(
                "lifecycle-out-of-range",
                node.span.clone(),
                format!(
                    "{}: Invalid lifecycle. DeleteAfterDays cannot be less than 1 or more than \
                     36500 days; found {days}",
                    p.aws()
                ),
            )
            .with_help("use 1 to 36500 days, or -1 for both DeleteAfterDays and MoveToColdStorageAfterDays to keep recovery points indefinitely")
            .at(p.pointer()),
        );
    }
    if let (Some(node), Some(days)) = (cold, cold_days)
        && !(0..=MAX_LIFECYCLE_DAYS).contains(&days)
    {
        // AWS's model and texts give MoveToColdStorageAfterDays no range (the 100-year maximum
        // and the observed error are DeleteAfterDays'): a warning.
        let p = path.member("MoveToColdStorageAfterDays");
        out.push(
            Diagnostic::warning(
                "lifecycle-out-of-range",
                node.span.clone(),
                format!(
                    "{}: {days} days is outside 0 to 36500 (100 years); AWS documents that \
                     range for DeleteAfterDays only, so whether it refuses this is not known",
                    p.aws()
                ),
            )
            .with_help("use at most 36500 days, or -1 for both values to keep recovery points indefinitely")
            .at(p.pointer()),
        );
    }
    if let (Some(node), Some(cold_days), Some(delete_days)) = (delete, cold_days, delete_days)
        && cold_allowed
        && cold_days >= 0
        && delete_days >= 1
        && delete_days - cold_days < MIN_COLD_DAYS
    {
        let p = path.member("DeleteAfterDays");
        out.push(
            Diagnostic::error(
                "lifecycle-cold-minimum",
                node.span.clone(),
                format!(
                    "{}: DeleteAfterDays ({delete_days}) must be at least 90 days after \
                     MoveToColdStorageAfterDays ({cold_days})",
                    p.aws()
                ),
            )
            .with_help(format!(
                "backups in cold storage stay there at least 90 days: set DeleteAfterDays to \
                 {} or more, or move them to cold storage later",
                cold_days + MIN_COLD_DAYS
            ))
            .at(p.pointer()),
        );
    }
    if !form.is_output()
        && let Some(member) = lifecycle.member("DeleteAfterEvent")
    {
        let p = path.member("DeleteAfterEvent");
        out.push(
            Diagnostic::error(
                "output-only-member",
                member.key_span.clone(),
                format!("{}: DeleteAfterEvent is not valid as an input", p.aws()),
            )
            .with_help("AWS sets DeleteAfterEvent itself; remove it")
            .at(p.pointer()),
        );
    }
}

/// CONT-1, CONT-2, CONT-3: continuous backup (point-in-time recovery) limits.
fn check_continuous(
    rule: &Node,
    lifecycle: Option<&Node>,
    path: &DocPath,
    names: &PlanNames,
    out: &mut Vec<Diagnostic>,
) {
    let rule_name = rule.get("RuleName").and_then(Node::as_str).unwrap_or("");
    if let Some(member) = rule.member("EnableContinuousBackup") {
        // Where the guide and AWS differ, AWS wins and the learner is told: "AWS Backup supports
        // continuous backups and point-in-time recovery for … Amazon S3, RDS, Aurora, SAP HANA
        // on Amazon EC2 instances" (data/reference/docs/feature-availability.md, note 3).
        let types: Vec<&str> = Service::ALL
            .into_iter()
            .filter(|s| s.supports(Feature::Continuous))
            .map(|s| s.resource_type().api_name())
            .collect();
        out.push(
            Diagnostic::info(
                "continuous-resource-types",
                member.key_span.clone(),
                format!(
                    "continuous backup applies to {} only: the rule takes ordinary snapshot \
                     backups of every other resource it selects",
                    types.join(", ")
                ),
            )
            .with_help(
                "the guide also lists DynamoDB; AWS's continuous-backup page does not, so a \
                 DynamoDB table gets one snapshot per run",
            )
            .at(path.member("EnableContinuousBackup").pointer()),
        );
    }
    let Some(lifecycle) = lifecycle else {
        let member = rule.member("EnableContinuousBackup").expect("continuous");
        // CONT-3 is observed from CloudFormation only: an error there, a warning elsewhere.
        let d = if names.cloudformation {
            Diagnostic::error(
                "continuous-without-lifecycle",
                member.key_span.clone(),
                "Lifecycle must be specified for backup rule enabled continuous backup",
            )
        } else {
            Diagnostic::warning(
                "continuous-without-lifecycle",
                member.key_span.clone(),
                "a continuous backup rule without a Lifecycle",
            )
        };
        out.push(
            d.with_help(format!(
                "continuous backups are kept at most {MAX_CONTINUOUS_DAYS} days; give the rule a \
                 Lifecycle with DeleteAfterDays from 1 to {MAX_CONTINUOUS_DAYS} (CloudFormation \
                 refuses the rule without one: \"Lifecycle must be specified for backup rule \
                 enabled continuous backup\")",
            ))
            .at(path.member("EnableContinuousBackup").pointer()),
        );
        return;
    };
    let lifecycle_path = path.member("Lifecycle");
    if let Some(member) = lifecycle.member("MoveToColdStorageAfterDays")
        && whole(&member.value, names) != Some(-1)
    {
        let p = lifecycle_path.member("MoveToColdStorageAfterDays");
        out.push(
            Diagnostic::error(
                "continuous-cold-storage",
                member.key_span.start..member.value.span.end,
                format!(
                    "Error in rule {rule_name} : Invalid lifecycle. MoveToColdStorageAfterDays is unavailable"
                ),
            )
            .with_help(format!(
                "continuous backups cannot move to cold storage (cold storage needs at least \
                 {MIN_COLD_DAYS} days, continuous backups last at most {MAX_CONTINUOUS_DAYS}): \
                 remove MoveToColdStorageAfterDays",
            ))
            .at(p.pointer()),
        );
    }
    if let Some(node) = lifecycle.get("DeleteAfterDays")
        && let Some(days) = whole(node, names)
        && days > MAX_CONTINUOUS_DAYS
    {
        let p = lifecycle_path.member("DeleteAfterDays");
        out.push(
            Diagnostic::error(
                "continuous-retention",
                node.span.clone(),
                format!(
                    "{}: continuous backups are kept at most {MAX_CONTINUOUS_DAYS} days; found {days}",
                    p.aws()
                ),
            )
            .with_help(format!(
                "use 1 to {MAX_CONTINUOUS_DAYS} days; for longer retention add a snapshot rule \
                 (continuous backup off)",
            ))
            .at(p.pointer()),
        );
    }
}

/// RULE-1 says rule names are unique only by convention: AWS's text does not say it refuses
/// duplicates, so two rules with one name are a warning.
fn check_duplicate_rule_names(rules: &[Node], path: &DocPath, out: &mut Vec<Diagnostic>) {
    for (i, rule) in rules.iter().enumerate() {
        let Some(name_node) = rule.get("RuleName") else {
            continue;
        };
        let Some(name) = name_node.as_str() else {
            continue;
        };
        let earlier = rules[..i]
            .iter()
            .position(|r| r.get("RuleName").and_then(Node::as_str) == Some(name));
        if let Some(first) = earlier {
            out.push(
                Diagnostic::warning(
                    "duplicate-rule-name",
                    name_node.span.clone(),
                    format!("two rules are named {name:?} (Rules[{first}] and Rules[{i}])"),
                )
                .with_help("give each rule its own name: jobs, events and reports name the rule")
                .at(path.index(i).member("RuleName").pointer()),
            );
        }
    }
}

/// LC-4 (API reference): "Resource types that can transition to cold storage are listed in the
/// Feature availability by resource table. AWS Backup ignores this expression for other resource
/// types." Where the selections name resources by ARN, a rule's cold storage that some of them
/// cannot have is worth a warning.
fn check_cold_storage_types(
    plan: &PlanAt,
    selections: &[(&Node, DocPath)],
    out: &mut Vec<Diagnostic>,
) {
    // EBS snapshots go to the archive tier only with OptInToArchiveForSupportedResources
    // (data/reference/docs/feature-availability.md, note 4): a type is listed here if it cannot
    // go cold even with the opt-in, or (EBS) if it needs the opt-in.
    let mut types: Vec<ResourceType> = selections
        .iter()
        .flat_map(|(selection, _)| {
            selection
                .get("Resources")
                .map(Node::items)
                .unwrap_or_default()
        })
        .filter_map(|arn| ResourceType::from_arn(arn.as_str()?))
        .filter(|t| !t.default_service().cold_storage(false))
        .collect();
    types.sort();
    types.dedup();
    if types.is_empty() {
        return;
    }
    let rules_path = plan.path.member(plan.names.rules);
    for (i, rule) in plan
        .node
        .get(plan.names.rules)
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let Some(cold) = rule
            .get("Lifecycle")
            .and_then(|l| l.get("MoveToColdStorageAfterDays"))
        else {
            continue;
        };
        if whole(cold, plan.names).is_none_or(|days| days < 0) {
            continue;
        }
        let opt_in = rule
            .get("Lifecycle")
            .and_then(|l| l.get("OptInToArchiveForSupportedResources"))
            .and_then(|o| flag(o, plan.names))
            == Some(true);
        let names: Vec<&str> = types
            .iter()
            .filter(|t| !t.default_service().cold_storage(opt_in))
            .map(|t| t.api_name())
            .collect();
        if names.is_empty() {
            continue;
        }
        let p = rules_path
            .index(i)
            .member("Lifecycle")
            .member("MoveToColdStorageAfterDays");
        out.push(
            Diagnostic::warning(
                "cold-storage-unsupported",
                cold.span.clone(),
                format!(
                    "the selection includes {} resources, whose recovery points cannot move to \
                     cold storage",
                    names.join(" and ")
                ),
            )
            .with_help(
                "AWS Backup ignores MoveToColdStorageAfterDays for them: they stay in warm \
                 storage until DeleteAfterDays; use a separate rule for them if that matters",
            )
            .at(p.pointer()),
        );
    }
}

/// A vault lock's bounds, read from a template's vault resource.
struct Lock {
    min: Option<i64>,
    max: Option<i64>,
}

fn lock_of(vault: &VaultAt) -> Option<Lock> {
    let source = if vault.air_gapped {
        vault.properties
    } else {
        vault.properties.get("LockConfiguration")?
    };
    let read = |key: &str| source.get(key).and_then(template_number);
    Some(Lock {
        min: read("MinRetentionDays"),
        max: read("MaxRetentionDays"),
    })
}

/// LOCK-1..4 and LAG-1: a vault's lock configuration, and a note on the lock's mode.
fn check_vault(vault: &VaultAt, out: &mut Vec<Diagnostic>) {
    let (source, path) = if vault.air_gapped {
        (vault.properties, vault.path.clone())
    } else {
        match vault.properties.get("LockConfiguration") {
            Some(lock) => (lock, vault.path.member("LockConfiguration")),
            None => return,
        }
    };
    let number = |key: &str| source.get(key).and_then(|n| Some((n, template_number(n)?)));
    let lowest_min = if vault.air_gapped { 7 } else { 1 };
    if let Some((node, min)) = number("MinRetentionDays")
        && min < lowest_min
    {
        let p = path.member("MinRetentionDays");
        let why = if vault.air_gapped {
            "for a logically air-gapped vault \"The minimum value accepted is 7 days\""
        } else {
            "\"The shortest minimum retention period you can specify is 1 day\""
        };
        out.push(
            Diagnostic::error(
                "vault-lock-range",
                node.span.clone(),
                format!("{}: {min} days; {why}", p.aws()),
            )
            .with_help(format!("use {lowest_min} or more"))
            .at(p.pointer()),
        );
    }
    if let Some((node, max)) = number("MaxRetentionDays")
        && !(1..=MAX_LIFECYCLE_DAYS).contains(&max)
    {
        let p = path.member("MaxRetentionDays");
        out.push(
            Diagnostic::error(
                "vault-lock-range",
                node.span.clone(),
                format!(
                    "{}: {max} days; \"The longest maximum retention period you can specify is \
                     36500 days\"",
                    p.aws()
                ),
            )
            .with_help("use 1 to 36500 days")
            .at(p.pointer()),
        );
    }
    if let (Some((_, min)), Some((node, max))) =
        (number("MinRetentionDays"), number("MaxRetentionDays"))
        && min > max
    {
        let p = path.member("MaxRetentionDays");
        out.push(
            Diagnostic::warning(
                "vault-lock-min-above-max",
                node.span.clone(),
                format!("{}: the minimum retention ({min} days) is above the maximum ({max})", p.aws()),
            )
            .with_help("no recovery point could satisfy both; AWS's text does not say it refuses this, but every job into the vault would fail")
            .at(p.pointer()),
        );
    }
    let changeable = number("ChangeableForDays");
    if let Some((node, days)) = changeable
        && !(3..=MAX_LIFECYCLE_DAYS).contains(&days)
    {
        let p = path.member("ChangeableForDays");
        out.push(
            Diagnostic::error(
                "vault-lock-range",
                node.span.clone(),
                format!(
                    "{}: {days}; \"It must be a number no less than 3 and no greater than 36,500\"",
                    p.aws()
                ),
            )
            .with_help("AWS enforces a 72-hour cooling-off period: use 3 days or more")
            .at(p.pointer()),
        );
    }
    let mode = if vault.air_gapped {
        "a logically air-gapped vault, locked in compliance mode".to_string()
    } else if let Some((_, days)) = changeable {
        format!(
            "compliance mode: the lock can be changed or removed for {days} days after it is \
             set, then it is immutable"
        )
    } else {
        "governance mode (no ChangeableForDays): users with sufficient IAM permissions can \
         remove the lock"
            .to_string()
    };
    let anchor = if vault.air_gapped {
        vault.properties.span.start..vault.properties.span.start + 1
    } else {
        source.span.start..source.span.start + 1
    };
    out.push(
        Diagnostic::info(
            "vault-lock-mode",
            anchor,
            format!("vault {}: {mode}", vault.logical_id),
        )
        .with_help(
            "backup and copy jobs into a locked vault fail when their retention is outside \
             its minimum and maximum",
        )
        .at(path.pointer()),
    );
}

/// The vault a TargetBackupVault or DestinationBackupVaultArn names, when it is one the template
/// creates: by `Ref`, by `Fn::GetAtt`, or by its name or ARN written out.
fn vault_named<'a>(target: &Node, vaults: &'a [VaultAt<'a>]) -> Option<&'a VaultAt<'a>> {
    let by_id = |id: &str| vaults.iter().find(|v| v.logical_id == id);
    if let Some(r) = target.get("Ref").and_then(Node::as_str) {
        return by_id(r);
    }
    if let Some(get_att) = target.get("Fn::GetAtt") {
        let id = match &get_att.value {
            Value::Array(items) => items.first().and_then(Node::as_str),
            Value::String(s) => s.split('.').next(),
            _ => None,
        };
        return id.and_then(by_id);
    }
    let text = target.as_str()?;
    let name = text.rsplit(":backup-vault:").next().unwrap_or(text);
    vaults
        .iter()
        .find(|v| v.properties.get("BackupVaultName").and_then(Node::as_str) == Some(name))
}

/// LOCK-6 (API reference and developer guide): "backup and copy jobs to this vault with lifecycle
/// retention periods" outside the lock's minimum and maximum "will fail". The template is
/// accepted; the jobs fail when they run, so this is a warning.
fn check_against_vault_lock(
    target: &Node,
    retention: Option<i64>,
    path: &DocPath,
    context: &Context,
    out: &mut Vec<Diagnostic>,
) {
    let Some(vault) = vault_named(target, &context.vaults) else {
        return;
    };
    let Some(lock) = lock_of(vault) else { return };
    let Some(days) = retention else { return };
    let problem = match (lock.min, lock.max) {
        (Some(min), _) if days < min => format!("at least {min} days"),
        (_, Some(max)) if days > max => format!("at most {max} days"),
        _ => return,
    };
    out.push(
        Diagnostic::warning(
            "vault-lock-retention",
            target.span.clone(),
            format!(
                "jobs into vault {} will fail: they keep recovery points {days} days and the \
                 vault's lock requires {problem}",
                vault.logical_id
            ),
        )
        .with_help("make the lifecycle's DeleteAfterDays fit the vault lock's MinRetentionDays and MaxRetentionDays")
        .at(path.pointer()),
    );
}

/// A backup vault's ARN, in parts.
struct VaultArn<'a> {
    region: &'a str,
    account: &'a str,
    name: &'a str,
}

fn parse_vault_arn(arn: &str) -> Result<VaultArn<'_>, String> {
    let parts: Vec<&str> = arn.splitn(7, ':').collect();
    match parts.as_slice() {
        [
            "arn",
            _partition,
            "backup",
            region,
            account,
            "backup-vault",
            name,
        ] => Ok(VaultArn {
            region,
            account,
            name,
        }),
        ["arn", _, service, _, _, resource, ..]
            if *service != "backup" || *resource != "backup-vault" =>
        {
            Err(format!(
                "this is an ARN of {service}:{resource}, not of a backup vault"
            ))
        }
        ["arn", ..] => Err("this ARN has too few parts".to_string()),
        _ => Err("this is not an ARN".to_string()),
    }
}

/// COPY-1, COPY-2: a copy action's destination and lifecycle.
fn check_copy_action(
    copy: &Node,
    path: &DocPath,
    source_delete: Option<i64>,
    names: &PlanNames,
    context: &Context,
    out: &mut Vec<Diagnostic>,
) {
    let copy_delete = copy
        .get("Lifecycle")
        .and_then(|l| l.get("DeleteAfterDays"))
        .and_then(|n| whole(n, names))
        .filter(|d| *d > 0)
        // Without its own lifecycle a copy takes the source's (COPY-2).
        .or(source_delete);
    if let Some(destination) = copy.get("DestinationBackupVaultArn") {
        check_against_vault_lock(
            destination,
            copy_delete,
            &path.member("DestinationBackupVaultArn"),
            context,
            out,
        );
    }
    if let Some(node) = copy.get("DestinationBackupVaultArn")
        && let Some(arn) = node.as_str()
    {
        let p = path.member("DestinationBackupVaultArn");
        match parse_vault_arn(arn) {
            Err(problem) => out.push(
                Diagnostic::error(
                    "copy-destination-arn",
                    node.span.clone(),
                    format!("{}: {problem}", p.aws()),
                )
                .with_help(
                    "name the destination vault by its ARN: \
                     arn:aws:backup:REGION:ACCOUNT_ID:backup-vault:VAULT_NAME",
                )
                .at(p.pointer()),
            ),
            Ok(vault) => check_vault_arn_parts(context.text, node, &vault, &p, out),
        }
    }
    if let Some(lifecycle) = copy.get("Lifecycle") {
        let lifecycle_path = path.member("Lifecycle");
        check_lifecycle(lifecycle, &lifecycle_path, context.form, names, true, out);
        if let (Some(source), Some(node)) = (source_delete, lifecycle.get("DeleteAfterDays"))
            && let Some(copy_days) = whole(node, names)
            && copy_days > 0
            && copy_days < source
        {
            out.push(
                Diagnostic::warning(
                    "copy-retention-shorter",
                    node.span.clone(),
                    format!(
                        "the copy is deleted after {copy_days} days, before the source recovery \
                         point ({source} days)"
                    ),
                )
                .with_help(
                    "a copy kept for disaster recovery usually lives at least as long as the \
                     original; if that is intended, ignore this",
                )
                .at(lifecycle_path.member("DeleteAfterDays").pointer()),
            );
        }
    }
}

fn check_vault_arn_parts(
    document: &str,
    node: &Node,
    vault: &VaultArn,
    path: &DocPath,
    out: &mut Vec<Diagnostic>,
) {
    if !(vault.account.len() == 12 && vault.account.bytes().all(|b| b.is_ascii_digit())) {
        out.push(
            Diagnostic::warning(
                "arn-account-placeholder",
                part_span(document, node, vault.account),
                format!(
                    "{}: the account ID {:?} is not 12 digits — a placeholder?",
                    path.aws(),
                    vault.account
                ),
            )
            .with_help("put the destination account's 12-digit ID in the ARN before deploying")
            .at(path.pointer()),
        );
    }
    if !is_region_name(vault.region) {
        out.push(
            Diagnostic::warning(
                "arn-region-placeholder",
                part_span(document, node, vault.region),
                format!(
                    "{}: {:?} does not look like a Region name",
                    path.aws(),
                    vault.region
                ),
            )
            .with_help("Regions are written like eu-west-1 or us-east-1")
            .at(path.pointer()),
        );
    }
    let name_ok = (2..=50).contains(&vault.name.len())
        && vault
            .name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !name_ok {
        out.push(
            Diagnostic::error(
                "copy-destination-arn",
                node.span.clone(),
                format!(
                    "{}: the vault name {:?} does not satisfy ^[a-zA-Z0-9\\-\\_]{{2,50}}$",
                    path.aws(),
                    vault.name
                ),
            )
            .with_help("backup vault names have 2 to 50 letters, digits, '-' or '_'")
            .at(path.pointer()),
        );
    }
    out.push(
        Diagnostic::info(
            "copy-destination",
            node.span.clone(),
            format!(
                "copies go to vault {} in Region {}, account {}: a cross-Region copy if the plan \
                 runs in another Region, cross-account if in another account",
                vault.name, vault.region, vault.account
            ),
        )
        .with_help(
            "a cross-account copy needs the destination vault's access policy to allow \
             backup:CopyIntoBackupVault from this account",
        )
        .at(path.pointer()),
    );
}

/// `us-east-1`, `eu-west-1`, `ap-southeast-2`, `us-gov-west-1`.
fn is_region_name(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts.iter().all(|p| !p.is_empty())
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
}

/// IDX-1 (API reference): "0 or 1 index action will be accepted for each BackupRule. Valid
/// values: EBS ... S3"; each has exactly one resource type.
fn check_index_actions(index: &Node, path: &DocPath, out: &mut Vec<Diagnostic>) {
    let actions = index.items();
    if actions.len() > 1 {
        out.push(
            Diagnostic::error(
                "index-actions",
                actions[1].span.clone(),
                format!("{}: a rule has at most one index action", path.aws()),
            )
            .with_help("keep one IndexAction")
            .at(path.index(1).pointer()),
        );
    }
    for (i, action) in actions.iter().enumerate() {
        let p = path.index(i).member("ResourceTypes");
        let Some(types) = action.get("ResourceTypes") else {
            continue;
        };
        if types.items().len() != 1 {
            out.push(
                Diagnostic::error(
                    "index-actions",
                    types.span.clone(),
                    format!(
                        "{}: an index action names exactly one resource type",
                        p.aws()
                    ),
                )
                .with_help("write [\"EBS\"] or [\"S3\"]")
                .at(p.pointer()),
            );
        }
        for (j, t) in types.items().iter().enumerate() {
            if let Some(name) = t.as_str()
                && name != "EBS"
                && name != "S3"
            {
                out.push(
                    Diagnostic::error(
                        "index-actions",
                        t.span.clone(),
                        format!(
                            "{}: backup indexes are for EBS and S3; found {name:?}",
                            p.aws()
                        ),
                    )
                    .with_help("use EBS or S3")
                    .at(p.index(j).pointer()),
                );
            }
        }
    }
}

/// ADV-1 (API reference): Windows VSS is the one advanced setting: ResourceType EC2 with
/// BackupOptions {"WindowsVSS": "enabled" | "disabled"}.
fn check_advanced_backup_settings(settings: &Node, path: &DocPath, out: &mut Vec<Diagnostic>) {
    for (i, setting) in settings.items().iter().enumerate() {
        let p = path.index(i);
        if let Some(t) = setting.get("ResourceType")
            && let Some(name) = t.as_str()
            && name != "EC2"
        {
            out.push(
                Diagnostic::error(
                    "advanced-backup-setting",
                    t.span.clone(),
                    format!(
                        "{}: the only resource type with advanced settings is EC2; found {name:?}",
                        p.member("ResourceType").aws()
                    ),
                )
                .with_help("write \"ResourceType\": \"EC2\"")
                .at(p.member("ResourceType").pointer()),
            );
        }
        for option in setting
            .get("BackupOptions")
            .map(Node::members)
            .unwrap_or_default()
        {
            let op = p.member("BackupOptions").member(&option.key);
            if option.key != "WindowsVSS" {
                out.push(
                    Diagnostic::error(
                        "advanced-backup-setting",
                        option.key_span.clone(),
                        format!(
                            "{}: the only backup option is WindowsVSS; found {:?}",
                            op.aws(),
                            option.key
                        ),
                    )
                    .with_help("write \"BackupOptions\": {\"WindowsVSS\": \"enabled\"}")
                    .at(op.pointer()),
                );
            } else if let Some(v) = option.value.as_str()
                && v != "enabled"
                && v != "disabled"
            {
                out.push(
                    Diagnostic::error(
                        "advanced-backup-setting",
                        option.value.span.clone(),
                        format!(
                            "{}: WindowsVSS is \"enabled\" or \"disabled\"; found {v:?}",
                            op.aws()
                        ),
                    )
                    .with_help("write \"enabled\" or \"disabled\", in lower case")
                    .at(op.pointer()),
                );
            }
        }
    }
}

/// SEL-3, SEL-5 and likely mistakes in a selection.
fn check_selection(selection: &Node, path: &DocPath, document: &str, out: &mut Vec<Diagnostic>) {
    if !matches!(selection.value, Value::Object(_)) {
        return;
    }
    for key in ["Resources", "NotResources"] {
        if let Some(list) = selection.get(key) {
            check_resource_arns(list, &path.member(key), out);
        }
    }
    if let Some(role) = selection.get("IamRoleArn")
        && let Some(arn) = role.as_str()
    {
        check_role_arn(document, role, arn, &path.member("IamRoleArn"), out);
    }
    if let Some(conditions) = selection.get("Conditions") {
        for operator in conditions.members() {
            for (i, parameter) in operator.value.items().iter().enumerate() {
                let p = path
                    .member("Conditions")
                    .member(&operator.key)
                    .index(i)
                    .member("ConditionKey");
                if let Some(key) = parameter.get("ConditionKey")
                    && let Some(k) = key.as_str()
                    && !k.starts_with("aws:ResourceTag/")
                {
                    out.push(
                        Diagnostic::warning(
                            "condition-key-prefix",
                            key.span.clone(),
                            format!("{}: {k:?} has no aws:ResourceTag/ prefix", p.aws()),
                        )
                        .with_help(format!(
                            "AWS: \"Include the prefix aws:ResourceTag in your tags\": write \"aws:ResourceTag/{k}\""
                        ))
                        .at(p.pointer()),
                    );
                }
            }
        }
    }
    let selects_something = ["Resources", "ListOfTags", "Conditions"].iter().any(|k| {
        selection
            .get(k)
            .is_some_and(|n| !n.items().is_empty() || !n.members().is_empty())
    });
    if !selects_something {
        let start = selection.span.start;
        out.push(
            Diagnostic::warning(
                "selection-selects-everything",
                start..start + 1,
                "this selection names no Resources, ListOfTags or Conditions",
            )
            .with_help(
                "AWS: \"Otherwise, Backup attempts to select all supported and opted-in storage \
                 resources\"; name what to protect",
            )
            .at(path.pointer()),
        );
    }
}

/// SEL-3: "The maximum number of ARNs is 500 without wildcards, or 30 ARNs with wildcards" (API
/// reference). `*` stands for zero or more non-whitespace characters anywhere in the ARN, as the
/// developer guide's own examples write it (`arn:aws:ec2:*:*:volume/*`, `arn:aws:rds:*:*:db:*`,
/// assigning-resources-json.html), so no position is an error. The API reference also says "the
/// asterisk (*) must appear at the end of the ARN string (prefix pattern). For example,
/// arn:aws:s3:::my-bucket-* is valid, but arn:aws:s3:::*-logs is not supported": AWS's texts
/// disagree, so a pattern that does not end in `*` is a warning that says so.
fn check_resource_arns(list: &Node, path: &DocPath, out: &mut Vec<Diagnostic>) {
    let items = list.items();
    let wildcards = items
        .iter()
        .filter(|i| i.as_str().is_some_and(|s| s.contains('*')))
        .count();
    let limit = if wildcards > 0 { 30 } else { 500 };
    if items.len() > limit {
        out.push(
            Diagnostic::error(
                "selection-too-many-resources",
                list.span.clone(),
                format!(
                    "{}: {} ARNs; the maximum is {limit} {}",
                    path.aws(),
                    items.len(),
                    if wildcards > 0 { "when any has a wildcard" } else { "without wildcards" }
                ),
            )
            .with_help("select by tags (ListOfTags or Conditions) instead, or split into several selections")
            .at(path.pointer()),
        );
    }
    for (i, item) in items.iter().enumerate() {
        if let Some(arn) = item.as_str()
            && arn.contains('*')
            && !arn.ends_with('*')
        {
            out.push(
                Diagnostic::warning(
                    "selection-wildcard-position",
                    item.span.clone(),
                    format!(
                        "{}: {arn:?} does not end with its wildcard; AWS's API reference calls \
                         such a pattern \"not supported\" (its example: arn:aws:s3:::*-logs), \
                         while the developer guide documents * anywhere in the ARN",
                        path.index(i).aws()
                    ),
                )
                .with_help(
                    "AWS may accept the selection and still not pick what this pattern seems to \
                     name; a pattern ending in * (arn:aws:s3:::logs-*, arn:aws:ec2:*:*:volume/*) \
                     is documented both ways, or select by tags (Conditions with StringLike)",
                )
                .at(path.index(i).pointer()),
            );
        }
    }
}

fn check_role_arn(
    document: &str,
    node: &Node,
    arn: &str,
    path: &DocPath,
    out: &mut Vec<Diagnostic>,
) {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", _, "iam", "", account, resource] if resource.starts_with("role/") => {
            if !(account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())) {
                out.push(
                    Diagnostic::warning(
                        "arn-account-placeholder",
                        part_span(document, node, account),
                        format!(
                            "{}: the account ID {account:?} is not 12 digits — a placeholder?",
                            path.aws()
                        ),
                    )
                    .with_help("put your 12-digit account ID in the role ARN before deploying")
                    .at(path.pointer()),
                );
            }
        }
        _ => out.push(
            Diagnostic::error(
                "role-arn",
                node.span.clone(),
                format!("{}: this is not an IAM role ARN", path.aws()),
            )
            .with_help(
                "AWS Backup assumes the role named here: \
                 arn:aws:iam::ACCOUNT_ID:role/service-role/AWSBackupDefaultServiceRole",
            )
            .at(path.pointer()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_names_have_a_country_a_direction_and_a_number() {
        for ok in ["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1"] {
            assert!(is_region_name(ok), "{ok}");
        }
        for bad in ["REGION", "us-east", "useast1", "DR-REGION-1", ""] {
            assert!(!is_region_name(bad), "{bad}");
        }
    }

    #[test]
    fn vault_arns_are_read_in_parts() {
        let v =
            parse_vault_arn("arn:aws:backup:eu-west-1:123456789012:backup-vault:dr-vault").unwrap();
        assert_eq!(
            (v.region, v.account, v.name),
            ("eu-west-1", "123456789012", "dr-vault")
        );
        assert!(parse_vault_arn("dr-vault").is_err());
        assert!(parse_vault_arn("arn:aws:s3:::bucket").is_err());
    }
}
