//! The shared time-zone vectors (tests/data/timezone-runs.json) against chrono-tz's rules: the
//! runs, and each run's wall-clock time. The browser tests read the same file and check the
//! page, whose rules come from the browser's Intl API (tests/e2e/timezone-runs.spec.ts).

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use serde::Deserialize;
use vaultsim_core::schedule::{CronExpression, Schedule, Timezone};

#[derive(Deserialize)]
struct Vectors {
    vectors: Vec<Vector>,
}

#[derive(Deserialize)]
struct Vector {
    zone: String,
    expression: String,
    after: String,
    why: String,
    runs: Vec<Run>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Run {
    utc: String,
    local: String,
}

#[test]
fn every_zone_vector_gives_its_runs_with_chrono_tz() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/timezone-runs.json");
    let text = std::fs::read_to_string(path).unwrap();
    let file: Vectors = serde_json::from_str(&text).unwrap();
    assert!(file.vectors.len() >= 20);
    for v in file.vectors {
        let cron = CronExpression::parse(&v.expression).unwrap();
        let zone = Timezone::parse(&v.zone).unwrap();
        let after: DateTime<Utc> = NaiveDateTime::parse_from_str(&v.after, "%Y-%m-%dT%H:%M")
            .unwrap()
            .and_utc();
        let got: Vec<Run> = Schedule::new(cron, zone)
            .runs_after(after)
            .take(v.runs.len())
            .map(|t| Run {
                utc: t.to_rfc3339_opts(SecondsFormat::Secs, true),
                local: zone.local(t).format("%Y-%m-%dT%H:%M").to_string(),
            })
            .collect();
        assert_eq!(
            got, v.runs,
            "{} in {} after {}: {}",
            v.expression, v.zone, v.after, v.why
        );
    }
}
