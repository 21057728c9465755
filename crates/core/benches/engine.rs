//! The simulation engine on generated fleets (`scenario::fleet`): the issue's "fleet-10k for one
//! simulated year in at most 5 s", and cost growing linearly with resources and with time.
//! Criterion runs a month of 1,000 and 10,000 resources (resources ×10: time should be ×10),
//! and 1,000 resources for one, two and four months (time ×2 each). The full year of fleet-10k
//! is measured by `vaultsim simulate --builtin fleet-10k --for 1y` (see the README), since a
//! run of seconds makes criterion's sampling slow.
//!
//! `cargo bench -p vaultsim-core --bench engine`.

use std::hint::black_box;
use std::time::Duration;

use chrono::Duration as Days;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use vaultsim_core::engine::Simulation;
use vaultsim_core::scenario::fleet;

/// Runs the fleet for `days`, handing events over a day at a time as the command line does.
fn simulate(resources: usize, days: i64) -> u64 {
    let scenario = fleet(resources);
    let mut simulation = Simulation::new(&scenario).expect("the fleet scenario is valid");
    let start = scenario.start();
    for day in 1..=days {
        simulation.run_until(start + Days::days(day));
        black_box(simulation.take_events());
    }
    simulation.events_recorded()
}

fn by_resources(c: &mut Criterion) {
    let mut group = c.benchmark_group("fleet_30_days");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    for resources in [1_000, 10_000] {
        group.throughput(Throughput::Elements(resources as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(resources),
            &resources,
            |b, &n| b.iter(|| simulate(n, 30)),
        );
    }
    group.finish();
}

fn by_time(c: &mut Criterion) {
    let mut group = c.benchmark_group("fleet_1k_by_days");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    for days in [30, 60, 120] {
        group.throughput(Throughput::Elements(days as u64));
        group.bench_with_input(BenchmarkId::from_parameter(days), &days, |b, &d| {
            b.iter(|| simulate(1_000, d))
        });
    }
    group.finish();
}

/// What the page pays, on its main thread, to open fleet-10k: the scenario generated and the
/// simulation set up (resources selected by the plan, the first runs queued). The page's target
/// is no block over 100 ms; the wasm build is slower than native, so this wants to be well under.
fn start(c: &mut Criterion) {
    let mut group = c.benchmark_group("fleet_10k_start");
    group.sample_size(20);
    group.bench_function("generate", |b| b.iter(|| black_box(fleet(10_000))));
    let scenario = fleet(10_000);
    group.bench_function("set_up", |b| {
        b.iter(|| black_box(Simulation::new(&scenario).expect("the fleet scenario is valid")))
    });
    group.finish();
}

criterion_group!(benches, by_resources, by_time, start);
criterion_main!(benches);
