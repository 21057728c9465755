//! `next_after` over a mix of AWS Backup schedules, beside croner on the same schedules (its
//! five-field equivalents, evaluated in UTC), and parsing. Throughput is in next-run
//! computations per second: `cargo bench -p vaultsim-core --bench schedule`.

use std::hint::black_box;
use std::str::FromStr;

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use vaultsim_core::schedule::{CronExpression, Schedule, Timezone};

/// (name, AWS expression, croner's five-field POSIX equivalent: weekdays from 0 = Sunday).
const MIX: &[(&str, &str, &str)] = &[
    ("daily", "cron(0 2 * * ? *)", "0 2 * * *"),
    ("weekly", "cron(0 3 ? * SUN *)", "0 3 * * 0"),
    ("hourly", "cron(0 * * * ? *)", "0 * * * *"),
    ("every-12-hours", "cron(0 0/12 * * ? *)", "0 */12 * * *"),
    ("month-end", "cron(0 5 L * ? *)", "0 5 L * *"),
    ("last-friday", "cron(15 10 ? * 6L *)", "15 10 * * 5L"),
    ("second-monday", "cron(0 10 ? * MON#2 *)", "0 10 * * 1#2"),
    ("weekdays", "cron(0 18 ? * MON-FRI *)", "0 18 * * 1-5"),
];

/// Start times spread over two years, so no run is found from the same place twice in a row.
fn starts() -> Vec<DateTime<Utc>> {
    let origin = Utc.with_ymd_and_hms(2024, 1, 15, 0, 0, 0).unwrap();
    (0..64)
        .map(|i| origin + Duration::minutes(i * 16_427))
        .collect()
}

fn next_after(c: &mut Criterion) {
    let starts = starts();
    assert_same_runs(&starts);
    let mut group = c.benchmark_group("next_after");
    group.throughput(Throughput::Elements(starts.len() as u64));
    for &(name, aws, posix) in MIX {
        let schedule = Schedule::new(CronExpression::parse(aws).unwrap(), Timezone::UTC);
        group.bench_function(format!("vaultsim/{name}"), |b| {
            b.iter(|| {
                for &t in &starts {
                    black_box(schedule.next_after(black_box(t)));
                }
            })
        });
        let croner = croner::Cron::from_str(posix).unwrap();
        group.bench_function(format!("croner/{name}"), |b| {
            b.iter(|| {
                for t in &starts {
                    black_box(croner.find_next_occurrence(black_box(t), false).ok());
                }
            })
        });
    }
    group.finish();
}

/// The comparison is only fair if both find the same runs.
fn assert_same_runs(starts: &[DateTime<Utc>]) {
    for &(name, aws, posix) in MIX {
        let schedule = Schedule::new(CronExpression::parse(aws).unwrap(), Timezone::UTC);
        let croner = croner::Cron::from_str(posix).unwrap();
        for t in starts {
            let theirs = croner.find_next_occurrence(t, false).ok();
            assert_eq!(schedule.next_after(*t), theirs, "{name} from {t}");
        }
    }
}

fn next_after_in_a_time_zone(c: &mut Criterion) {
    let starts = starts();
    let mut group = c.benchmark_group("next_after_new_york");
    group.throughput(Throughput::Elements(starts.len() as u64));
    let zone = Timezone::parse("America/New_York").unwrap();
    for &(name, aws, _) in &MIX[..2] {
        let schedule = Schedule::new(CronExpression::parse(aws).unwrap(), zone);
        group.bench_function(format!("vaultsim/{name}"), |b| {
            b.iter(|| {
                for &t in &starts {
                    black_box(schedule.next_after(black_box(t)));
                }
            })
        });
    }
    group.finish();
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Elements(MIX.len() as u64));
    group.bench_function("vaultsim", |b| {
        b.iter(|| {
            for &(_, aws, _) in MIX {
                black_box(CronExpression::parse(black_box(aws)).ok());
            }
        })
    });
    group.bench_function("croner", |b| {
        b.iter(|| {
            for &(_, _, posix) in MIX {
                black_box(croner::Cron::from_str(black_box(posix)).ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, next_after, next_after_in_a_time_zone, parse);
criterion_main!(benches);
