//! A registered code explained: its entry, and what its example makes the right checker say.
//!
//! `vaultsim explain` and the page print an entry with the diagnostics its example raises, and a
//! test runs every example, so an example that stops triggering its code fails the build. This
//! module sits above the checkers (it calls each of them); [`crate::codes`] sits below them all.

use chrono::{DateTime, TimeZone, Utc};

use crate::codes::{self, Checker, Entry};
use crate::diagnostic::Diagnostic;
use crate::document::{from_node, parse_json, parse_yaml};
use crate::engine::Simulation;
use crate::events::EventPattern;
use crate::plan::{self, CheckOptions};
use crate::scenario::Scenario;
use crate::schedule::{CronExpression, Timezone};

/// The "now" examples are checked at (a plan's schedule that never runs again is relative to
/// it): the core reads no clock, and an example's findings do not change with the day.
pub fn example_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 15, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

/// What looking a code up found.
#[derive(Debug, PartialEq)]
pub enum Lookup {
    Found(&'static Entry),
    /// Not registered; the registered code nearest to it, if one is near.
    Unknown {
        nearest: Option<&'static str>,
    },
}

/// The entry of `code`, or the nearest registered code for "did you mean".
pub fn lookup(code: &str) -> Lookup {
    match codes::lookup(code) {
        Some(entry) => Lookup::Found(entry),
        None => Lookup::Unknown {
            nearest: codes::nearest(code),
        },
    }
}

/// Every diagnostic the entry's example raises in its checker, with the text they point into;
/// `None` for a code only the page raises (its example describes a file, it is not an input).
pub fn run_example(entry: &Entry) -> Option<Vec<Diagnostic>> {
    let text = entry.example;
    let diagnostics = match entry.checker {
        Checker::Plan => plan::check(text, &CheckOptions { now: example_now() })
            .findings
            .into_iter()
            .map(|f| f.diagnostic)
            .collect(),
        Checker::Schedule => match CronExpression::parse(text) {
            Ok(cron) => cron.diagnostics(),
            Err(errors) => errors,
        },
        Checker::Timezone => Timezone::parse(text).err().into_iter().collect(),
        Checker::Json => parse_json(text).diagnostics,
        Checker::Yaml => parse_yaml(text).diagnostics,
        Checker::Scenario => Scenario::from_json(text).err().unwrap_or_default(),
        // Typed only, without the scenario's own checks: the example shows what the engine says.
        Checker::Simulation => match parse_json(text).strict().map(|r| from_node::<Scenario>(&r)) {
            Ok(Ok(scenario)) => Simulation::new(&scenario).err().unwrap_or_default(),
            _ => Vec::new(),
        },
        Checker::EventPattern => EventPattern::parse(text).err().unwrap_or_default(),
        Checker::Lesson => crate::lesson::Lesson::from_json(text)
            .err()
            .unwrap_or_default(),
        Checker::PageFile | Checker::PageTimezone => return None,
    };
    Some(diagnostics)
}
