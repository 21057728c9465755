//! A rule's schedule: its ScheduleExpression and ScheduleExpressionTimezone read by the schedule
//! module (RULE-3 to RULE-6), with AWS Backup's own rules on top, and a schedule that never runs
//! again.

use chrono::{DateTime, Utc};

use super::{Context, DocPath, inside};
use crate::codes;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Node;
use crate::schedule::{CronExpression, Schedule, Timezone};
use crate::time_text;

/// RULE-3/4/5 (schedule), RULE-6 (time zone): the expression through the schedule module, with
/// its diagnostics moved into the document; AWS Backup's hourly limit as an error.
pub(super) fn check_schedule(
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
            time_text::date(&now.date_naive())
        )
    } else {
        "this schedule never runs: no date matches it".to_string()
    };
    Diagnostic::warning(codes::SCHEDULE_NEVER_RUNS, node.span.clone(), message)
        .with_help(
            "check the Year, Month and day fields; cron(0 5 ? * * *) is AWS Backup's default",
        )
        .at(path.pointer())
}
