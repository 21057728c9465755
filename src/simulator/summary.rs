//! The vaults with their counts and badges, the job counts, and the audit trail.

use leptos::prelude::*;
use vaultsim_core::engine::{Decision, Simulation};

use super::run::Run;
use crate::format::time;

fn vaults(simulation: StoredValue<Option<Simulation>>, moved: RwSignal<u64>) -> AnyView {
    moved.track();
    simulation
        .with_value(|s| {
            let Some(s) = s else {
                return Vec::new();
            };
            let world = s.world();
            let counts = super::architecture::vault_counts(world);
            world
                .vaults
                .iter()
                .enumerate()
                .map(|(i, vault)| {
                    let (warm, cold, held) = counts[i];
                    let lock = vault.lock.as_ref().map(|l| {
                        let state = if l.is_immutable(s.now()) { ", immutable" } else { "" };
                        format!("locked: {}{state}", l.mode())
                    });
                    view! {
                        <li class="vault" data-testid=format!("vault-{}", vault.name)>
                            <span class="vault-name">{vault.name.clone()}</span>
                            <span class="vault-where">
                                {format!("{} · {}", vault.account, vault.region)}
                            </span>
                            <span class="vault-points" data-testid="vault-points">
                                {crate::format::plural(warm + cold, "recovery point", "recovery points")}
                            </span>
                            <span class="vault-classes">{format!("{warm} warm, {cold} cold")}</span>
                            {lock.map(|l| view! { <span class="badge lock">{l}</span> })}
                            {vault.air_gapped.then(|| view! { <span class="badge">"air-gapped"</span> })}
                            {(held > 0).then(|| view! { <span class="badge hold">{format!("{held} on legal hold")}</span> })}
                        </li>
                    }
                    .into_any()
                })
                .collect::<Vec<_>>()
        })
        .into_any()
}

fn job_counts(simulation: StoredValue<Option<Simulation>>, moved: RwSignal<u64>) -> AnyView {
    moved.track();
    simulation
        .with_value(|s| {
            let Some(s) = s else {
                return Vec::new();
            };
            let counts = s.job_counts();
            let line = |kind: &str, states: Vec<(&str, u64)>| {
                let total: u64 = states.iter().map(|(_, n)| n).sum();
                let parts: Vec<String> = states
                    .iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(state, n)| format!("{state} {n}"))
                    .collect();
                let detail = if parts.is_empty() {
                    String::new()
                } else {
                    format!(": {}", parts.join(", "))
                };
                let jobs = if total == 1 { "job" } else { "jobs" };
                view! { <li>{format!("{total} {kind} {jobs}{detail}")}</li> }.into_any()
            };
            vec![
                line(
                    "backup",
                    counts.backup.iter().map(|(s, n)| (s.as_str(), n)).collect(),
                ),
                line(
                    "copy",
                    counts.copy.iter().map(|(s, n)| (s.as_str(), n)).collect(),
                ),
                line(
                    "restore",
                    counts
                        .restore
                        .iter()
                        .map(|(s, n)| (s.as_str(), n))
                        .collect(),
                ),
            ]
        })
        .into_any()
}

fn audit(simulation: StoredValue<Option<Simulation>>, moved: RwSignal<u64>) -> AnyView {
    moved.track();
    simulation
        .with_value(|s| {
            let Some(s) = s else {
                return Vec::new();
            };
            s.audit_trail()
                .iter()
                .map(|entry| {
                    let (class, outcome) = match &entry.decision {
                        Decision::Allowed => ("allowed", "allowed".to_string()),
                        Decision::Denied { error_code } => {
                            ("denied", format!("denied: {error_code}"))
                        }
                    };
                    view! {
                        <li class=format!("audit-entry {class}")>
                            <time>{time(entry.time)}</time>
                            <code>{entry.event_name.clone()}</code>
                            <span class="outcome">{outcome}</span>
                            <span class="message">{entry.message.clone()}</span>
                        </li>
                    }
                    .into_any()
                })
                .collect::<Vec<_>>()
        })
        .into_any()
}

/// The vaults, the job counts and the audit trail, side by side.
#[component]
pub(super) fn RunSummary(run: Run) -> impl IntoView {
    let Run {
        simulation, moved, ..
    } = run;
    view! {
        <div class="sim-grid">
            <div class="card">
                <h2>"Vaults"</h2>
                <ul class="vaults">{move || vaults(simulation, moved)}</ul>
                <h2>"Jobs"</h2>
                <ul class="job-counts" data-testid="job-counts">
                    {move || job_counts(simulation, moved)}
                </ul>
            </div>
            <div class="card">
                <h2>"Audit trail"</h2>
                <ol class="audit" data-testid="audit-trail">
                    {move || audit(simulation, moved)}
                </ol>
            </div>
        </div>
    }
}
