//! Any text as a schedule expression and a time zone: parsing, diagnostics, description and run
//! times must never panic. `cargo +nightly fuzz run schedule` (from this directory's parent).
#![no_main]

use chrono::{DateTime, Utc};
use libfuzzer_sys::fuzz_target;
use vaultsim_core::schedule::{CronExpression, Schedule, Timezone};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first line is the expression, the second (if any) a time zone name.
    let mut lines = text.splitn(2, '\n');
    let expression = lines.next().unwrap_or_default();
    let zone = lines.next().map(Timezone::parse);
    match CronExpression::parse(expression) {
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in errors {
                assert!(e.span.start <= e.span.end && e.span.end <= expression.len());
                let _ = e.render("expression", expression);
            }
        }
        Ok(cron) => {
            for d in cron.diagnostics() {
                let _ = d.render("expression", expression);
            }
            let zone = match zone {
                Some(Ok(zone)) => zone,
                Some(Err(e)) => {
                    let _ = e.render("time zone", "");
                    Timezone::UTC
                }
                None => Timezone::UTC,
            };
            let schedule = Schedule::new(cron, zone);
            let _ = schedule.describe();
            for seconds in [0i64, 1_700_000_000, 7_258_118_399] {
                let from = DateTime::<Utc>::from_timestamp(seconds, 0).unwrap();
                let mut previous = from;
                for run in schedule.runs_after(from).take(3) {
                    assert!(run > previous);
                    previous = run;
                }
            }
        }
    }
});
