//! What the engine's test files share: the guide's three-tier scenario and its variations, and
//! running a scenario to a time.

#![allow(dead_code)] // Each test file uses its own part.

use chrono::{DateTime, Utc};
use serde_json::Value;
use vaultsim_core::engine::Simulation;
use vaultsim_core::scenario::Scenario;

pub fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

pub fn three_tier() -> Scenario {
    Scenario::builtin("three-tier-web-app").unwrap()
}

/// The three-tier scenario with `change` applied to its JSON.
pub fn three_tier_with(change: impl FnOnce(&mut Value)) -> Scenario {
    let mut value = serde_json::to_value(three_tier()).unwrap();
    change(&mut value);
    Scenario::from_json(&value.to_string()).unwrap()
}

pub fn run(scenario: &Scenario, until: &str) -> Simulation {
    let mut simulation = Simulation::new(scenario).unwrap();
    simulation.run_until(t(until));
    simulation
}

/// A vault's index by name.
pub fn vault(simulation: &Simulation, name: &str) -> usize {
    simulation
        .world()
        .vaults
        .iter()
        .position(|v| v.name == name)
        .unwrap()
}
