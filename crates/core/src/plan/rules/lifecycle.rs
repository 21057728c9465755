//! Lifecycles, in a rule or a copy action (LC-1 to LC-5): ranges, cold storage's 90 days, the
//! output-only DeleteAfterEvent, and cold storage for types that cannot have it.

use super::{DocPath, PlanAt, PlanForm, PlanNames, flag, whole};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::document::Node;
use crate::order;
use crate::services::ResourceType;

/// "This parameter has a maximum value of 100 years (36,500 days)."
pub(super) const MAX_LIFECYCLE_DAYS: i64 = 36_500;
/// "Backups transitioned to cold storage must be stored in cold storage for a minimum of 90 days."
pub(super) const MIN_COLD_DAYS: i64 = 90;

/// LC-1, LC-2, LC-3 and LC-5: a lifecycle, in a rule or a copy action.
pub(super) fn check_lifecycle(
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
                codes::LIFECYCLE_OUT_OF_RANGE,
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
                codes::LIFECYCLE_OUT_OF_RANGE,
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
                codes::LIFECYCLE_COLD_MINIMUM,
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
                codes::OUTPUT_ONLY_MEMBER,
                member.key_span.clone(),
                format!("{}: DeleteAfterEvent is not valid as an input", p.aws()),
            )
            .with_help("AWS sets DeleteAfterEvent itself; remove it")
            .at(p.pointer()),
        );
    }
}

/// LC-4 (API reference): "Resource types that can transition to cold storage are listed in the
/// Feature availability by resource table. AWS Backup ignores this expression for other resource
/// types." Where the selections name resources by ARN, a rule's cold storage that some of them
/// cannot have is worth a warning.
pub(super) fn check_cold_storage_types(
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
    order::sort_by_key(&mut types, |t| *t as u64);
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
                codes::COLD_STORAGE_UNSUPPORTED,
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
