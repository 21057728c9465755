//! Continuous backup (point-in-time recovery) rules: CONT-1 to CONT-3, and which resource types
//! it applies to.

use super::{DocPath, PlanNames, whole};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::document::Node;
use crate::services::{Feature, Service};

use super::lifecycle::MIN_COLD_DAYS;
use crate::services::MAX_CONTINUOUS_RETENTION_DAYS as MAX_CONTINUOUS_DAYS;

/// CONT-1, CONT-2, CONT-3: continuous backup (point-in-time recovery) limits.
pub(super) fn check_continuous(
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
                codes::CONTINUOUS_RESOURCE_TYPES,
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
                codes::CONTINUOUS_WITHOUT_LIFECYCLE,
                member.key_span.clone(),
                "Lifecycle must be specified for backup rule enabled continuous backup",
            )
        } else {
            Diagnostic::warning(
                codes::CONTINUOUS_WITHOUT_LIFECYCLE,
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
                codes::CONTINUOUS_COLD_STORAGE,
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
                codes::CONTINUOUS_RETENTION,
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
