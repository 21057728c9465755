//! A rule's start and completion windows (RULE-7, RULE-8) and AWS Backup's defaults for them.

use super::{DocPath, PlanNames, whole};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::document::Node;

/// AWS Backup's defaults for a rule that leaves them out (BackupRuleInput documentation and the
/// console's: start within 8 hours, complete within 7 days).
pub const DEFAULT_START_WINDOW_MINUTES: i64 = 480;
pub const DEFAULT_COMPLETION_WINDOW_MINUTES: i64 = 10_080;
/// "This parameter has a maximum value of 100 years (52,560,000 minutes)."
const MAX_WINDOW_MINUTES: i64 = 52_560_000;

/// RULE-7 and RULE-8: the start and completion windows.
pub(super) fn check_windows(
    rule: &Node,
    path: &DocPath,
    names: &PlanNames,
    out: &mut Vec<Diagnostic>,
) {
    let start_node = rule.get("StartWindowMinutes");
    let completion_node = rule.get("CompletionWindowMinutes");
    if let Some(node) = start_node
        && let Some(start) = whole(node, names)
    {
        let p = path.member("StartWindowMinutes");
        if start < 60 {
            out.push(
                Diagnostic::error(
                    codes::START_WINDOW_TOO_SHORT,
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
                    codes::COMPLETION_WINDOW_TOO_SHORT,
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
                codes::COMPLETION_WINDOW_SHORT,
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
        codes::WINDOW_TOO_LONG,
        node.span.clone(),
        format!(
            "{}: {minutes} minutes is more than the maximum of 52,560,000 (100 years)",
            path.aws()
        ),
    )
    .with_help("use at most 52560000")
    .at(path.pointer())
}
