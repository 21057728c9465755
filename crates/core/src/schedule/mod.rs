//! AWS Backup schedules: the EventBridge cron dialect a backup rule's `ScheduleExpression` is
//! written in, the time zone it runs in, its run times and its description in English.
//!
//! ```
//! use chrono::{DateTime, Utc};
//! use vaultsim_core::schedule::{CronExpression, Schedule, Timezone};
//!
//! let cron = CronExpression::parse("cron(0 2 * * ? *)").unwrap();
//! let schedule = Schedule::new(cron, Timezone::UTC);
//! let after: DateTime<Utc> = "2024-01-15T00:00:00Z".parse().unwrap();
//! let runs: Vec<String> = schedule.runs_after(after).take(2).map(|t| t.to_rfc3339()).collect();
//! assert_eq!(runs, ["2024-01-15T02:00:00+00:00", "2024-01-16T02:00:00+00:00"]);
//! assert_eq!(schedule.describe(), "At 02:00, every day (UTC)");
//! ```
//!
//! The syntax is EventBridge's (data/reference/docs/eventbridge-cron-expressions.md), with Quartz's
//! `LW`, `L-n` and `L-nW` in Day-of-month, which the guide does not list, accepted with a
//! `schedule-undocumented-syntax` finding (see `parse`). On top of it AWS Backup accepts cron
//! only (no `rate()`), runs snapshot backups at most hourly, and uses `cron(0 5 ? * * *)` when a
//! rule has no schedule.

#[cfg(feature = "chrono-tz")]
mod chrono_tz_rules;
mod describe;
mod field;
mod iana_names;
mod matcher;
mod parse;
mod timezone;

use chrono::{DateTime, Duration, DurationRound, Utc};

pub use field::{Field, month_name};
pub use timezone::{DEFAULT_TIMEZONE, Timezone, ZoneRules, install_zone_rules};

use crate::codes;
use crate::diagnostic::Diagnostic;
use matcher::{Civil, Matcher};
use parse::FieldExpr;

/// AWS Backup's schedule when a rule gives none (BackupRuleInput.ScheduleExpression).
pub const DEFAULT_SCHEDULE_EXPRESSION: &str = "cron(0 5 ? * * *)";

/// Expressions that each show a part of the dialect, with what they show: the guide's rules,
/// AWS Backup's default, steps, `L`, `#`, a year range, a range across midnight. The schedule
/// playground offers them; a test checks that each parses and runs.
pub const EXAMPLES: [(&str, &str); 8] = [
    ("cron(0 2 * * ? *)", "Daily 02:00 (the guide's daily rule)"),
    (
        "cron(0 3 ? * SUN *)",
        "Sunday 03:00 (the guide's weekly rule)",
    ),
    (DEFAULT_SCHEDULE_EXPRESSION, "AWS Backup's default"),
    ("cron(0 0/12 * * ? *)", "Every 12 hours"),
    ("cron(0 5 L * ? *)", "Last day of the month"),
    ("cron(0 4 ? * MON#1 *)", "First Monday of the month"),
    ("cron(15 10 ? * 6L 2019-2022)", "Last Friday, 2019–2022"),
    (
        "cron(0/30 20-2 ? * MON-FRI *)",
        "Every 30 minutes overnight",
    ),
];

/// A parsed, valid EventBridge cron expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CronExpression {
    text: String,
    fields: [FieldExpr; 6],
    matcher: Matcher,
    warnings: Vec<Diagnostic>,
}

impl CronExpression {
    /// Parses `cron(Minutes Hours Day-of-month Month Day-of-week Year)`. On failure, returns
    /// every error found, each with the byte range in `text` it is about.
    pub fn parse(text: &str) -> Result<Self, Vec<Diagnostic>> {
        let parsed = parse::parse(text)?;
        Ok(CronExpression {
            text: text.to_string(),
            matcher: Matcher::new(&parsed.fields),
            fields: parsed.fields,
            warnings: parsed.warnings,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Every finding about an expression that EventBridge accepts: the syntax warnings and
    /// notes (`schedule-undocumented-syntax` for `LW`, `L-n`, `L-nW`) and the rules AWS Backup
    /// adds on top. `schedule-more-than-hourly` is a warning here; plan
    /// validation, which knows the expression is a backup rule's, makes it an error.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = self.warnings.clone();
        all.extend(self.more_than_hourly());
        all
    }

    /// AWS Backup "can schedule snapshot backups as frequently as hourly" (developer guide).
    /// A run every hour needs exactly one minute value; more than one starts several backups in
    /// some hour.
    fn more_than_hourly(&self) -> Option<Diagnostic> {
        let minutes: Vec<u32> = self.matcher.minutes().collect();
        if minutes.len() < 2 {
            return None;
        }
        let shown: Vec<String> = minutes.iter().take(6).map(u32::to_string).collect();
        let more = if minutes.len() > 6 { ", ..." } else { "" };
        Some(
            Diagnostic::warning(
                codes::SCHEDULE_MORE_THAN_HOURLY,
                self.fields[0].span.clone(),
                format!(
                    "this runs {} times an hour (at minutes {}{more}); AWS Backup takes snapshot \
                     backups at most once an hour",
                    minutes.len(),
                    shown.join(", ")
                ),
            )
            .with_help(format!(
                "give Minutes a single value, for example cron({} * ? * * *) for every hour; \
                 for a finer recovery point objective use continuous backup",
                minutes[0]
            )),
        )
    }

    /// Whether a run is due at wall-clock time `local` (a whole minute: runs are at second 0).
    pub fn matches(&self, local: chrono::NaiveDateTime) -> bool {
        use chrono::Timelike;
        local.second() == 0
            && local.nanosecond() == 0
            && self.matcher.matches(Civil::from_naive(local))
    }

    /// The expression in English, without the time zone: "At 02:00, every day".
    pub fn describe(&self) -> String {
        describe::describe(&self.fields)
    }
}

/// A cron expression in a time zone: a backup rule's `ScheduleExpression` with its
/// `ScheduleExpressionTimezone`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    cron: CronExpression,
    timezone: Timezone,
}

impl Schedule {
    pub fn new(cron: CronExpression, timezone: Timezone) -> Self {
        Schedule { cron, timezone }
    }

    /// AWS Backup's default schedule: `cron(0 5 ? * * *)` in `Etc/UTC`.
    pub fn aws_backup_default() -> Self {
        let cron = CronExpression::parse(DEFAULT_SCHEDULE_EXPRESSION)
            .expect("the default schedule expression is valid");
        Schedule::new(cron, Timezone::UTC)
    }

    pub fn cron(&self) -> &CronExpression {
        &self.cron
    }

    pub fn timezone(&self) -> Timezone {
        self.timezone
    }

    /// The first run strictly after `t`, or `None` when the schedule has no run left (its years
    /// are over, or it names a day that never comes, such as 30 February).
    pub fn next_after(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let mut from = next_minute(self.timezone.local(t))?;
        loop {
            let run = self
                .cron
                .matcher
                .first_at_or_after(Civil::from_naive(from))?;
            let local = run.to_naive()?;
            // A run whose wall-clock time a daylight-saving change skips does not happen; one
            // whose time is repeated happens once, at its first instant, which may be at or
            // before `t` when `t` is in the repeated hour.
            if let Some(instant) = self.timezone.run_instant(local)
                && instant > t
            {
                return Some(instant);
            }
            from = local + Duration::minutes(1);
        }
    }

    /// The runs strictly after `t`, in order.
    pub fn runs_after(&self, t: DateTime<Utc>) -> Runs<'_> {
        Runs {
            schedule: self,
            after: Some(t),
        }
    }

    /// "At 02:00, every day (UTC)".
    pub fn describe(&self) -> String {
        format!("{} ({})", self.cron.describe(), self.timezone.label())
    }
}

/// The start of the minute after `t`'s minute.
fn next_minute(t: chrono::NaiveDateTime) -> Option<chrono::NaiveDateTime> {
    let floor = t.duration_trunc(Duration::minutes(1)).ok()?;
    floor.checked_add_signed(Duration::minutes(1))
}

/// The runs of a schedule after a time; see [`Schedule::runs_after`].
#[derive(Clone, Debug)]
pub struct Runs<'a> {
    schedule: &'a Schedule,
    after: Option<DateTime<Utc>>,
}

impl Iterator for Runs<'_> {
    type Item = DateTime<Utc>;

    fn next(&mut self) -> Option<DateTime<Utc>> {
        let next = self.schedule.next_after(self.after?);
        self.after = next;
        next
    }
}

impl std::iter::FusedIterator for Runs<'_> {}

#[cfg(test)]
mod examples {
    use super::*;

    #[test]
    fn every_example_is_an_expression_aws_backup_takes() {
        for (expression, what) in EXAMPLES {
            let cron = CronExpression::parse(expression)
                .unwrap_or_else(|e| panic!("{expression} ({what}): {e:?}"));
            assert!(
                !cron.diagnostics().iter().any(Diagnostic::is_error),
                "{expression}"
            );
        }
        assert!(
            EXAMPLES
                .iter()
                .any(|(e, _)| *e == DEFAULT_SCHEDULE_EXPRESSION)
        );
    }
}
