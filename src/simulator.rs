//! The simulator panel: pick a built-in scenario, move simulated time forward, make a job fail,
//! and watch what AWS Backup does — the vaults' recovery points, the jobs, every EventBridge
//! event (filtered by an event pattern, with EventBridge's matching rules) and the audit trail.
//!
//! Everything that decides what is shown — the scenario, the failures injected, the simulated
//! time, the pattern — is kept in the URL, so the page's address is its share link: the
//! simulation is deterministic, and opening the link runs it again to the same moment.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use leptos::prelude::*;
use serde_json::Value;
use vaultsim_core::engine::{
    BackupJobState, CopyJobState, Decision, RestoreJobState, Simulation, StateMachine,
};
use vaultsim_core::events::EventPattern;
use vaultsim_core::scenario::{BUILTINS, FaultSpec, Scenario};
use vaultsim_core::world::StorageClass;

use crate::diagnostics::DiagnosticView;
use crate::url_state;

/// The scenario shown first: the guide's example.
const FIRST_SCENARIO: &str = "three-tier-web-app";
/// The built-ins the page runs on its main thread: `fleet-10k` needs a worker (to come).
fn page_builtins() -> impl Iterator<Item = &'static str> {
    BUILTINS.iter().copied().filter(|n| *n != "fleet-10k")
}
/// How many matching events the log lists (the newest).
const LOG_ROWS: usize = 200;
/// How far back the timeline shows: its zoom, from the moment shown.
const ZOOMS: &[(&str, Option<i64>)] = &[
    ("last day", Some(1)),
    ("last week", Some(7)),
    ("last 30 days", Some(30)),
    ("the whole run", None),
];
/// Play speeds: simulated time per second of playing.
const SPEEDS: &[(&str, i64)] = &[
    ("1 hour a second", 3_600),
    ("6 hours a second", 6 * 3_600),
    ("1 day a second", 86_400),
    ("1 week a second", 7 * 86_400),
    ("1 month a second", 30 * 86_400),
    ("1 year a second", 365 * 86_400),
];
/// Playing moves time on this often (ten times a second).
const TICK_MS: u64 = 100;

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A fault injected from the page at a moment: the resource's next job to finish fails, or the
/// resource's data is corrupted from then on.
#[derive(Clone, Debug, PartialEq)]
struct Failure {
    resource_arn: String,
    at: DateTime<Utc>,
    corruption: bool,
}

/// In the URL, a corruption's ARN is marked so.
const CORRUPTION: &str = "corrupt=";

/// Faults in the URL: `ARN@TIME` (a job failure) or `corrupt=ARN@TIME`, joined by spaces.
fn failures_to_url(failures: &[Failure]) -> Option<String> {
    (!failures.is_empty()).then(|| {
        failures
            .iter()
            .map(|f| {
                let mark = if f.corruption { CORRUPTION } else { "" };
                format!("{mark}{}@{}", f.resource_arn, time(f.at))
            })
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn failures_from_url(text: &str) -> Vec<Failure> {
    text.split_whitespace()
        .filter_map(|f| {
            let (arn, at) = f.rsplit_once('@')?;
            let (arn, corruption) = match arn.strip_prefix(CORRUPTION) {
                Some(arn) => (arn, true),
                None => (arn, false),
            };
            Some(Failure {
                resource_arn: arn.to_string(),
                at: at.parse().ok()?,
                corruption,
            })
        })
        .collect()
}

/// A new simulation of the built-in `name` with the failures injected, at its start.
fn start(name: &str, failures: &[Failure]) -> Option<Simulation> {
    let mut scenario = Scenario::builtin(name)?;
    scenario.faults.extend(failures.iter().map(|f| {
        let (resource_arn, at) = (f.resource_arn.clone(), time(f.at));
        if f.corruption {
            FaultSpec::Corruption { resource_arn, at }
        } else {
            FaultSpec::JobFailure { resource_arn, at }
        }
    }));
    Simulation::new(&scenario).ok()
}

/// The simulation of `name` with `failures`, run to `at` (or left at its start).
fn run_to(name: &str, failures: &[Failure], at: Option<DateTime<Utc>>) -> Option<Simulation> {
    let mut simulation = start(name, failures)?;
    if let Some(at) = at {
        simulation.run_until(at);
    }
    Some(simulation)
}

#[component]
pub fn Simulator() -> impl IntoView {
    let first = url_state::get("scenario")
        .filter(|n| page_builtins().any(|b| b == n))
        .unwrap_or_else(|| FIRST_SCENARIO.to_string());
    let scenario = RwSignal::new(first);
    let failures = RwSignal::new(
        url_state::get("fail")
            .map(|f| failures_from_url(&f))
            .unwrap_or_default(),
    );
    let at = url_state::get("at").and_then(|t| t.parse::<DateTime<Utc>>().ok());
    let simulation = StoredValue::new(run_to(
        &scenario.get_untracked(),
        &failures.get_untracked(),
        at,
    ));
    // Bumped whenever the simulation moves, so that what shows it redraws.
    let moved = RwSignal::new(0u64);
    let pattern_text = RwSignal::new(url_state::get("pattern").unwrap_or_default());
    let chosen_resource = RwSignal::new(String::new());
    // The job picked on the timeline, whose path the state diagram shows.
    let selected = RwSignal::new(None::<(JobKind, usize)>);
    // What the inspector shows: a vault, a resource, or the picked job.
    let inspected = RwSignal::new(None::<Inspect>);
    Effect::new(move |_| {
        if let Some(job) = selected.get() {
            inspected.set(Some(Inspect::Job(job)));
        }
    });
    let speed = RwSignal::new(2usize);
    // The timeline's zoom: the last 30 days by default.
    let zoom = RwSignal::new(2usize);
    let player = StoredValue::new(None::<IntervalHandle>);
    let playing = RwSignal::new(false);
    let pause = move || {
        if let Some(handle) = player.get_value() {
            handle.clear();
        }
        player.set_value(None);
        playing.set(false);
    };
    on_cleanup(pause);

    // The URL follows the state: it is the share link.
    let keep_in_url = move || {
        let now = simulation.with_value(|s| s.as_ref().map(|s| time(s.now())));
        let pattern = pattern_text.get_untracked();
        let fail = failures.with_untracked(|f| failures_to_url(f));
        url_state::update(
            &[
                ("scenario", Some(&scenario.get_untracked())),
                ("at", now.as_deref()),
                ("fail", fail.as_deref()),
                (
                    "pattern",
                    (!pattern.trim().is_empty()).then_some(pattern.as_str()),
                ),
            ],
            url_state::History::Replace,
        );
    };
    let moved_on = move || {
        moved.update(|m| *m += 1);
        keep_in_url();
    };
    let choose = move |name: String| {
        pause();
        failures.set(Vec::new());
        selected.set(None);
        inspected.set(None);
        simulation.set_value(start(&name, &[]));
        scenario.set(name);
        chosen_resource.set(String::new());
        moved_on();
    };
    let advance = move |by: Duration| {
        simulation.update_value(|s| {
            if let Some(s) = s {
                let to = s.now() + by;
                s.run_until(to);
            }
        });
        moved_on();
    };
    let play = move || {
        if playing.get_untracked() {
            pause();
            return;
        }
        let tick = move || {
            let per_second = SPEEDS[speed.get_untracked()].1;
            advance(Duration::milliseconds(per_second * TICK_MS as i64));
        };
        if let Ok(handle) =
            set_interval_with_handle(tick, std::time::Duration::from_millis(TICK_MS))
        {
            player.set_value(Some(handle));
            playing.set(true);
        }
    };
    let step = move || {
        pause();
        simulation.update_value(|s| {
            if let Some(s) = s {
                s.step();
            }
        });
        moved_on();
    };
    // Injecting a failure runs the scenario again with it, to the same moment: the same events
    // up to now (the run is deterministic), and the failure ahead.
    let inject = move |corruption: bool| {
        let arn = chosen_resource.get_untracked();
        let now = simulation.with_value(|s| s.as_ref().map(|s| s.now()));
        let (false, Some(now)) = (arn.is_empty(), now) else {
            return;
        };
        failures.update(|f| {
            f.push(Failure {
                resource_arn: arn,
                at: now,
                corruption,
            })
        });
        let rerun = run_to(
            &scenario.get_untracked(),
            &failures.get_untracked(),
            Some(now),
        );
        simulation.set_value(rerun);
        moved_on();
    };
    let resources = move || {
        moved.track();
        simulation.with_value(|s| {
            s.as_ref()
                .map(|s| {
                    s.world()
                        .resources
                        .iter()
                        .map(|r| (r.arn.clone(), r.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    Effect::new(move |_| {
        pattern_text.track();
        keep_in_url();
    });

    let cursor = move || {
        moved.track();
        simulation.with_value(|s| s.as_ref().map(|s| time(s.now())).unwrap_or_default())
    };
    let pattern = Memo::new(move |_| {
        let text = pattern_text.get();
        if text.trim().is_empty() {
            Ok(None)
        } else {
            EventPattern::parse(&text).map(Some)
        }
    });

    view! {
        <section class="simulator" aria-labelledby="simulator-title">
            <div class="intro">
                <h1 id="simulator-title">"Simulator"</h1>
                <p>
                    "A scenario — accounts, resources, vaults, plans, calls and faults — run through simulated time. "
                    "Every state change is an EventBridge event shaped like AWS's. "
                    "How long jobs take is a model; AWS publishes no such figures."
                </p>
            </div>

            <div class="card sim-controls">
                <label for="scenario-picker" class="field-label">"Scenario"</label>
                <select
                    id="scenario-picker"
                    data-testid="scenario-picker"
                    on:change=move |ev| choose(event_target_value(&ev))
                    prop:value=move || scenario.get()
                >
                    {page_builtins()
                        .map(|name| view! { <option value=name>{name}</option> })
                        .collect_view()}
                </select>
                <p class="scenario-description">
                    {move || {
                        Scenario::builtin(&scenario.get()).map(|s| s.description).unwrap_or_default()
                    }}
                </p>
                <div class="sim-time" role="group" aria-label="Simulated time">
                    <span class="field-label">"Simulated time"</span>
                    <output data-testid="timeline-cursor" class="cursor" aria-live="polite">
                        {cursor}
                    </output>
                    <button
                        data-testid="timeline-play"
                        class="play"
                        aria-pressed=move || playing.get().to_string()
                        on:click=move |_| play()
                    >
                        {move || if playing.get() { "❚❚ Pause" } else { "▶ Play" }}
                    </button>
                    <select
                        data-testid="timeline-speed"
                        aria-label="Speed"
                        on:change=move |ev| {
                            if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                speed.set(i.min(SPEEDS.len() - 1));
                            }
                        }
                        prop:value=move || speed.get().to_string()
                    >
                        {SPEEDS
                            .iter()
                            .enumerate()
                            .map(|(i, (label, _))| view! { <option value=i.to_string()>{*label}</option> })
                            .collect_view()}
                    </select>
                    <button data-testid="timeline-step" on:click=move |_| step()>
                        "Next event"
                    </button>
                    <button data-testid="advance-hour" on:click=move |_| advance(Duration::hours(1))>
                        "+1 hour"
                    </button>
                    <button data-testid="advance-day" on:click=move |_| advance(Duration::days(1))>
                        "+1 day"
                    </button>
                    <button data-testid="advance-week" on:click=move |_| advance(Duration::weeks(1))>
                        "+1 week"
                    </button>
                    <button
                        data-testid="timeline-reset"
                        on:click=move |_| choose(scenario.get_untracked())
                    >
                        "Back to the start"
                    </button>
                </div>
                <div class="sim-faults" role="group" aria-label="Faults">
                    <span class="field-label">"Fault at this moment"</span>
                    <select
                        data-testid="fault-resource"
                        aria-label="Resource"
                        on:change=move |ev| chosen_resource.set(event_target_value(&ev))
                        prop:value=move || chosen_resource.get()
                    >
                        <option value="">"Choose a resource…"</option>
                        {move || {
                            resources()
                                .into_iter()
                                .map(|(arn, name)| view! { <option value=arn>{name}</option> })
                                .collect_view()
                        }}
                    </select>
                    <button
                        data-testid="inject-failure"
                        prop:disabled=move || chosen_resource.with(String::is_empty)
                        on:click=move |_| inject(false)
                    >
                        "Fail its next job"
                    </button>
                    <button
                        data-testid="inject-corruption"
                        prop:disabled=move || chosen_resource.with(String::is_empty)
                        on:click=move |_| inject(true)
                    >
                        "Corrupt it now"
                    </button>
                    <ul class="injected" data-testid="injected-faults">
                        {move || {
                            failures
                                .get()
                                .into_iter()
                                .map(|f| {
                                    view! {
                                        <li>
                                            {
                                                let name = simulation
                                                    .with_value(|s| {
                                                        let s = s.as_ref()?;
                                                        let r = s.world().resource_by_arn(&f.resource_arn)?;
                                                        Some(s.world().resources[r].name.clone())
                                                    })
                                                    .unwrap_or_else(|| f.resource_arn.clone());
                                                if f.corruption {
                                                    format!("{name} corrupted at {}: later recovery points carry it", time(f.at))
                                                } else {
                                                    format!("the next job of {name} to finish after {} fails", time(f.at))
                                                }
                                            }
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
                <div class="share">
                    <label for="share-link" class="field-label">"Share link: opens this moment of this run"</label>
                    <input
                        id="share-link"
                        data-testid="share-link"
                        readonly
                        prop:value=move || {
                            moved.track();
                            pattern_text.track();
                            failures.track();
                            web_sys::window()
                                .and_then(|w| w.location().href().ok())
                                .unwrap_or_default()
                        }
                    />
                </div>
            </div>

            <div class="card">
                <h2>"Architecture"</h2>
                {move || architecture(simulation, moved, inspected)}
            </div>

            <div class="card">
                <h2>"Timeline"</h2>
                <div class="zoom">
                    <label for="timeline-zoom" class="field-label">"Show"</label>
                    <select
                        id="timeline-zoom"
                        data-testid="timeline-zoom"
                        on:change=move |ev| {
                            if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                zoom.set(i.min(ZOOMS.len() - 1));
                            }
                        }
                        prop:value=move || zoom.get().to_string()
                    >
                        {ZOOMS
                            .iter()
                            .enumerate()
                            .map(|(i, (label, _))| view! { <option value=i.to_string()>{*label}</option> })
                            .collect_view()}
                    </select>
                </div>
                {move || timeline(simulation, moved, selected, zoom)}
            </div>

            <div class="card inspector" data-testid="inspector">
                <h2>"Inspector"</h2>
                {move || inspector(simulation, moved, inspected)}
            </div>

            <div class="card">
                <h2>"State machine"</h2>
                {move || state_diagram(simulation, moved, selected)}
            </div>

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

            <div class="card">
                <h2>"Events"</h2>
                <label for="event-pattern" class="field-label">
                    "EventBridge event pattern (empty: every event)"
                </label>
                <textarea
                    id="event-pattern"
                    data-testid="event-pattern"
                    class="pattern-input"
                    rows="3"
                    spellcheck="false"
                    placeholder=r#"{"detail-type": ["Backup Job State Change"], "detail": {"state": ["FAILED"]}}"#
                    prop:value=move || pattern_text.get()
                    on:input=move |ev| pattern_text.set(event_target_value(&ev))
                ></textarea>
                {move || match pattern.get() {
                    Err(diagnostics) => {
                        let text = pattern_text.get();
                        diagnostics
                            .into_iter()
                            .map(|d| view! { <DiagnosticView diagnostic=d text=text.clone() what="pattern" /> })
                            .collect_view()
                            .into_any()
                    }
                    Ok(_) => ().into_any(),
                }}
                <p class="exports">
                    <a
                        data-testid="export-ndjson"
                        download="vaultsim-events.ndjson"
                        href="#"
                        on:click=move |ev| {
                            // Written when asked for: every event of a long run is a lot of text
                            // to rebuild on each step.
                            let pattern = pattern.get_untracked().ok().flatten();
                            let href = ndjson_href(simulation, pattern.as_ref());
                            event_target::<web_sys::HtmlAnchorElement>(&ev).set_href(&href);
                        }
                    >
                        "Download the events shown, as NDJSON"
                    </a>
                </p>
                <ol class="event-log" data-testid="event-log">
                    {move || {
                        let pattern = pattern.get().ok().flatten();
                        event_rows(simulation, moved, pattern.as_ref())
                    }}
                </ol>
            </div>
        </section>
    }
}

const BOX_WIDTH: f64 = 230.0;
const BOX_HEIGHT: f64 = 46.0;
const ACCOUNT_WIDTH: f64 = 2.0 * BOX_WIDTH + 90.0;

/// The scenario's architecture, laid out from its world rather than by hand: a column per
/// account, a box per Region in it with its resources on the left and its vaults on the right;
/// arrows for the plans' backups (resource to vault) and copies (vault to vault), lit while such
/// a job runs; on each vault its recovery points, warm and cold, and its lock, air-gap and
/// legal-hold badges.
fn architecture(
    simulation: StoredValue<Option<Simulation>>,
    moved: RwSignal<u64>,
    inspected: RwSignal<Option<Inspect>>,
) -> AnyView {
    moved.track();
    simulation
        .with_value(|s| {
            let s = s.as_ref()?;
            let world = s.world();
            // Where each resource and vault is drawn: (x, y) of its box.
            let mut resource_at = vec![None; world.resources.len()];
            let mut vault_at = vec![None; world.vaults.len()];
            let mut regions = Vec::new();
            let mut accounts = Vec::new();
            let mut bottom: f64 = 0.0;
            for (a, account) in world.accounts.iter().enumerate() {
                let x = 10.0 + a as f64 * (ACCOUNT_WIDTH + 40.0);
                let mut y = 40.0;
                for region in &account.regions {
                    let resources: Vec<usize> = (0..world.resources.len())
                        .filter(|&r| world.resources[r].account == account.id && &world.resources[r].region == region)
                        .collect();
                    let vaults: Vec<usize> = (0..world.vaults.len())
                        .filter(|&v| world.vaults[v].account == account.id && &world.vaults[v].region == region)
                        .collect();
                    if resources.is_empty() && vaults.is_empty() {
                        continue;
                    }
                    let rows = resources.len().max(vaults.len()) as f64;
                    let height = 34.0 + rows * (BOX_HEIGHT + 14.0);
                    for (i, r) in resources.iter().enumerate() {
                        resource_at[*r] = Some((x + 20.0, y + 30.0 + i as f64 * (BOX_HEIGHT + 14.0)));
                    }
                    for (i, v) in vaults.iter().enumerate() {
                        vault_at[*v] = Some((x + 60.0 + BOX_WIDTH, y + 30.0 + i as f64 * (BOX_HEIGHT + 14.0)));
                    }
                    regions.push((x + 10.0, y, height, region.clone()));
                    y += height + 16.0;
                }
                bottom = bottom.max(y);
                accounts.push((x, account.name.clone(), account.id.clone()));
            }
            let height = bottom + 10.0;
            let width = 10.0 + world.accounts.len() as f64 * (ACCOUNT_WIDTH + 40.0);
            let running_backup: Vec<(usize, Option<usize>)> = s
                .backup_jobs()
                .iter()
                .filter(|j| matches!(j.state, BackupJobState::Running | BackupJobState::Pending))
                .map(|j| (j.resource, j.vault))
                .collect();
            let running_copy: Vec<(usize, Option<usize>)> = s
                .copy_jobs()
                .iter()
                .filter(|j| j.state == CopyJobState::Running)
                .map(|j| (j.source_vault, j.destination_vault))
                .collect();
            let arrow = |from: (f64, f64), to: (f64, f64), class: String| {
                let (x1, y1) = (from.0 + BOX_WIDTH, from.1 + BOX_HEIGHT / 2.0);
                let (x2, y2) = (to.0, to.1 + BOX_HEIGHT / 2.0);
                let bend = ((x2 - x1) / 2.0).abs().max(30.0);
                view! {
                    <path
                        class=class
                        d=format!("M {x1:.1} {y1:.1} C {:.1} {y1:.1}, {:.1} {y2:.1}, {x2:.1} {y2:.1}", x1 + bend, x2 - bend)
                        marker-end="url(#flow-arrow)"
                    />
                }
                .into_any()
            };
            let mut flows: Vec<AnyView> = Vec::new();
            for (resource, vault) in s.backup_flows() {
                let (Some(from), Some(to)) = (resource_at[resource], vault.and_then(|v| vault_at[v])) else {
                    continue;
                };
                let active = running_backup.contains(&(resource, vault));
                flows.push(arrow(from, to, format!("flow backup{}", if active { " active" } else { "" })));
            }
            for (source, destination) in s.copy_flows() {
                let (Some(from), Some(to)) = (vault_at[source], destination.and_then(|v| vault_at[v])) else {
                    continue;
                };
                let active = running_copy.contains(&(source, destination));
                flows.push(arrow(from, to, format!("flow copy{}", if active { " active" } else { "" })));
            }
            let account_boxes = accounts
                .into_iter()
                .map(|(x, name, id)| {
                    view! {
                        <g class="account">
                            <rect x=format!("{x:.1}") y="4" width=ACCOUNT_WIDTH.to_string() height=format!("{:.1}", height - 8.0) rx="10" />
                            <text x=format!("{:.1}", x + 12.0) y="26">{format!("{name} · {id}")}</text>
                        </g>
                    }
                })
                .collect_view();
            let region_boxes = regions
                .into_iter()
                .map(|(x, y, h, region)| {
                    view! {
                        <g class="region">
                            <rect x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{:.1}", ACCOUNT_WIDTH - 20.0) height=format!("{h:.1}") rx="8" />
                            <text x=format!("{:.1}", x + 10.0) y=format!("{:.1}", y + 18.0)>{region}</text>
                        </g>
                    }
                })
                .collect_view();
            let resource_boxes = world
                .resources
                .iter()
                .enumerate()
                .filter_map(|(r, resource)| {
                    let (x, y) = resource_at[r]?;
                    let busy = running_backup.iter().any(|(rr, _)| *rr == r);
                    Some(view! {
                        <g
                            class="node resource"
                            class:active=busy
                            data-testid=format!("arch-resource-{}", resource.name)
                            on:click=move |_| inspected.set(Some(Inspect::Resource(r)))
                        >
                            <rect x=format!("{x:.1}") y=format!("{y:.1}") width=BOX_WIDTH.to_string() height=BOX_HEIGHT.to_string() rx="6" />
                            <text x=format!("{:.1}", x + 10.0) y=format!("{:.1}", y + 19.0)>{resource.name.clone()}</text>
                            <text class="sub" x=format!("{:.1}", x + 10.0) y=format!("{:.1}", y + 36.0)>{resource.resource_type.service_name()}</text>
                        </g>
                    })
                })
                .collect_view();
            let now = s.now();
            let vault_boxes = world
                .vaults
                .iter()
                .enumerate()
                .filter_map(|(v, vault)| {
                    let (x, y) = vault_at[v]?;
                    let (mut warm, mut cold, mut held) = (0, 0, 0);
                    for rp in world.recovery_points_in(v) {
                        match rp.storage_class {
                            StorageClass::Warm => warm += 1,
                            StorageClass::Cold => cold += 1,
                            StorageClass::Deleted => {}
                        }
                        held += usize::from(rp.legal_holds > 0);
                    }
                    let mut badges = Vec::new();
                    if let Some(lock) = &vault.lock {
                        badges.push(if lock.is_immutable(now) { "🔒 locked" } else { "🔓 lock (grace)" });
                    }
                    if vault.air_gapped {
                        badges.push("air-gapped");
                    }
                    if held > 0 {
                        badges.push("⚖ hold");
                    }
                    Some(view! {
                        <g
                            class="node vault"
                            data-testid=format!("arch-vault-{}", vault.name)
                            on:click=move |_| inspected.set(Some(Inspect::Vault(v)))
                        >
                            <rect x=format!("{x:.1}") y=format!("{y:.1}") width=BOX_WIDTH.to_string() height=BOX_HEIGHT.to_string() rx="6" />
                            <text x=format!("{:.1}", x + 10.0) y=format!("{:.1}", y + 19.0)>{vault.name.clone()}</text>
                            <text class="sub" data-testid="arch-vault-points" x=format!("{:.1}", x + 10.0) y=format!("{:.1}", y + 36.0)>
                                {format!("{} points: {warm} warm, {cold} cold", warm + cold)}
                            </text>
                            <text class="badges" x=format!("{:.1}", x + BOX_WIDTH - 8.0) y=format!("{:.1}", y + 19.0)>{badges.join(" · ")}</text>
                        </g>
                    })
                })
                .collect_view();
            Some(
                view! {
                    <svg
                        class="architecture"
                        data-testid="architecture-diagram"
                        role="img"
                        aria-label="Accounts, Regions, resources, vaults, and the backups and copies between them"
                        viewBox=format!("0 0 {width:.0} {height:.0}")
                    >
                        <defs>
                            <marker id="flow-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                                <path d="M 0 0 L 10 5 L 0 10 z" />
                            </marker>
                        </defs>
                        {account_boxes}
                        {region_boxes}
                        {flows}
                        {resource_boxes}
                        {vault_boxes}
                    </svg>
                    <p class="legend">
                        <span class="key backup-key">"backup"</span>
                        <span class="key copy-key">"copy"</span>
                        " · an arrow glows while a job on it runs"
                    </p>
                }
                .into_any(),
            )
        })
        .unwrap_or_else(|| ().into_any())
}

/// The timeline's drawing size, in SVG units (it scales to the card's width).
const TIMELINE_WIDTH: f64 = 1100.0;
const LANE_HEIGHT: f64 = 34.0;
const LABEL_WIDTH: f64 = 170.0;

/// The colour class of a job's bar by its state: ended well, ended badly, or still going.
fn outcome(state: &str) -> &'static str {
    match state {
        "COMPLETED" => "ok",
        "FAILED" | "EXPIRED" | "ABORTED" => "bad",
        "PARTIAL" => "partial",
        _ => "going",
    }
}

/// One lane per resource, from the scenario's start to now: backup jobs as bars on the lane's
/// first row, copies on the second, restores on the third, coloured by outcome; the resource's
/// recovery points as marks below.
fn timeline(
    simulation: StoredValue<Option<Simulation>>,
    moved: RwSignal<u64>,
    selected: RwSignal<Option<(JobKind, usize)>>,
    zoom: RwSignal<usize>,
) -> AnyView {
    let window = ZOOMS[zoom.get()].1;
    moved.track();
    simulation
        .with_value(|s| {
            let s = s.as_ref()?;
            let world = s.world();
            let first = s
                .backup_jobs()
                .iter()
                .map(|j| j.creation)
                .chain(world.recovery_points.iter().map(|rp| rp.creation))
                .min()?;
            let to = s.now().max(first + Duration::hours(1));
            // The zoom's window, within the run.
            let from = match window {
                Some(days) => (to - Duration::days(days)).max(first - Duration::hours(1)),
                None => first - Duration::hours(1),
            };
            let span = (to - from).num_seconds().max(1) as f64;
            let x = |t: DateTime<Utc>| {
                LABEL_WIDTH
                    + (t - from).num_seconds().max(0) as f64 / span * (TIMELINE_WIDTH - LABEL_WIDTH)
            };
            let lanes: Vec<usize> = {
                let mut lanes: Vec<usize> = s.backup_jobs().iter().map(|j| j.resource).collect();
                lanes.sort_unstable();
                lanes.dedup();
                lanes
            };
            let lane_of = |resource: usize| lanes.iter().position(|r| *r == resource);
            let height = LANE_HEIGHT * lanes.len() as f64 + 24.0;
            let bar = |resource: usize, job: (JobKind, usize), start: DateTime<Utc>, end: DateTime<Utc>, state: &str| {
                if end < from {
                    return None;
                }
                let lane = lane_of(resource)?;
                let (x0, x1) = (x(start), x(end));
                let kind = job.0.name();
                let row = job.0 as usize as f64;
                let y = LANE_HEIGHT * lane as f64 + 4.0 + row * 8.0;
                let picked = move || selected.get() == Some(job);
                Some(view! {
                    <rect
                        class=format!("bar {kind} {}", outcome(state))
                        class:picked=picked
                        on:click=move |_| selected.set(Some(job))
                        data-testid="job-bar"
                        data-kind=kind.to_string()
                        data-state=state.to_string()
                        x=format!("{x0:.1}")
                        y=format!("{y:.1}")
                        width=format!("{:.1}", (x1 - x0).max(2.0))
                        height="6"
                        rx="1.5"
                    >
                        <title>{format!("{kind} job {state}, {} to {}", time(start), time(end))}</title>
                    </rect>
                }
                .into_any())
            };
            let now = s.now();
            let mut shapes: Vec<AnyView> = Vec::new();
            for (i, resource) in lanes.iter().enumerate() {
                let y = LANE_HEIGHT * i as f64;
                let name = world.resources[*resource].name.clone();
                shapes.push(
                    view! {
                        <g class="lane">
                            <line x1="0" x2=TIMELINE_WIDTH.to_string() y1=format!("{:.1}", y + LANE_HEIGHT) y2=format!("{:.1}", y + LANE_HEIGHT) />
                            <text x="0" y=format!("{:.1}", y + 20.0)>{name}</text>
                        </g>
                    }
                    .into_any(),
                );
            }
            for (i, j) in s.backup_jobs().indexed() {
                let end = j.completion.unwrap_or(now);
                shapes.extend(bar(j.resource, (JobKind::Backup, i), j.creation, end, j.state.as_str()));
            }
            for (i, j) in s.copy_jobs().indexed() {
                let end = j.completion.unwrap_or(now);
                shapes.extend(bar(j.resource, (JobKind::Copy, i), j.creation, end, j.state.as_str()));
            }
            for (i, j) in s.restore_jobs().indexed() {
                let end = j.completion.unwrap_or(now);
                shapes.extend(bar(j.resource, (JobKind::Restore, i), j.creation, end, j.state.as_str()));
            }
            for rp in world
                .recovery_points
                .iter()
                .filter(|rp| !rp.is_deleted() && rp.completion() >= from)
            {
                if let Some(lane) = lane_of(rp.resource as usize) {
                    let (cx, cy) = (x(rp.completion()), LANE_HEIGHT * lane as f64 + 30.0);
                    shapes.push(
                        view! {
                            <circle class="point" data-testid="point-mark" cx=format!("{cx:.1}") cy=format!("{cy:.1}") r="2.5" />
                        }
                        .into_any(),
                    );
                }
            }
            let axis = LANE_HEIGHT * lanes.len() as f64 + 16.0;
            Some(
                view! {
                    <svg
                        class="timeline"
                        data-testid="timeline"
                        role="img"
                        aria-label=format!("Jobs from {} to {}", time(from), time(to))
                        viewBox=format!("0 0 {TIMELINE_WIDTH} {height}")
                    >
                        {shapes}
                        <text class="axis" x=LABEL_WIDTH.to_string() y=format!("{axis:.1}")>{time(from)}</text>
                        <text class="axis end" x=TIMELINE_WIDTH.to_string() y=format!("{axis:.1}")>{time(to)}</text>
                    </svg>
                    <p class="legend">
                        <span class="key ok">"completed"</span>
                        <span class="key bad">"failed, expired or stopped"</span>
                        <span class="key partial">"partial"</span>
                        <span class="key going">"under way"</span>
                        " · rows: backup, copy, restore · dots: recovery points kept · click a job for its states"
                    </p>
                }
                .into_any(),
            )
        })
        .unwrap_or_else(|| view! { <p class="muted">"No jobs yet: move time on."</p> }.into_any())
}

/// What the inspector shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Inspect {
    Vault(usize),
    Resource(usize),
    Job((JobKind, usize)),
}

/// How many recovery points the inspector lists (the newest).
const INSPECTED_POINTS: usize = 50;

fn point_rows(s: &Simulation, points: Vec<usize>) -> AnyView {
    let world = s.world();
    let total = points.len();
    let rows = points
        .into_iter()
        .rev()
        .take(INSPECTED_POINTS)
        .map(|i| {
            let rp = &world.recovery_points[i];
            let delete = rp
                .delete_at()
                .map(time)
                .unwrap_or_else(|| if rp.continuous { "rolling 35-day window".into() } else { "kept indefinitely".into() });
            view! {
                <tr>
                    <td class="arn">{world.recovery_point_arn(i)}</td>
                    <td>{world.vaults[rp.vault as usize].name.clone()}</td>
                    <td>{time(rp.creation)}</td>
                    <td>{rp.status.as_str()}</td>
                    <td>{rp.storage_class.as_str()}</td>
                    <td>{delete}</td>
                    <td>{if rp.legal_holds > 0 { format!("{} hold(s)", rp.legal_holds) } else { String::new() }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="muted">{format!("{total} recovery points kept{}", if total > INSPECTED_POINTS { format!(", the newest {INSPECTED_POINTS} shown") } else { String::new() })}</p>
        <div class="table-scroll">
            <table class="points" data-testid="inspector-points">
                <thead>
                    <tr><th>"RecoveryPointArn"</th><th>"Vault"</th><th>"CreationDate"</th><th>"Status"</th><th>"StorageClass"</th><th>"DeleteAt"</th><th>"Legal holds"</th></tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A vault's recovery points, a resource's recovery points in every vault, or a job's states and
/// messages: whatever was last clicked.
fn inspector(
    simulation: StoredValue<Option<Simulation>>,
    moved: RwSignal<u64>,
    inspected: RwSignal<Option<Inspect>>,
) -> AnyView {
    moved.track();
    let Some(what) = inspected.get() else {
        return view! { <p class="muted">"Click a vault or a resource in the architecture, or a job on the timeline."</p> }.into_any();
    };
    simulation
        .with_value(|s| {
            let s = s.as_ref()?;
            let world = s.world();
            Some(match what {
                Inspect::Vault(v) => {
                    let vault = world.vaults.get(v)?;
                    let lock = match &vault.lock {
                        Some(l) => format!(
                            "Vault lock: {} mode, retention {} to {} days{}",
                            l.mode(),
                            l.min_retention_days.map_or("any".into(), |d| d.to_string()),
                            l.max_retention_days.map_or("any".into(), |d| d.to_string()),
                            l.lock_date.map(|d| format!(", immutable from {}", time(d))).unwrap_or_default()
                        ),
                        None => "No vault lock".to_string(),
                    };
                    let points: Vec<usize> = world
                        .recovery_points
                        .indexed()
                        .filter(|(_, rp)| rp.vault as usize == v && !rp.is_deleted())
                        .map(|(i, _)| i)
                        .collect();
                    view! {
                        <h3 data-testid="inspector-title">{format!("Vault {}", vault.name)}</h3>
                        <p class="arn">{vault.arn.clone()}</p>
                        <p>{lock}{if vault.air_gapped { " · logically air-gapped" } else { "" }}</p>
                        {point_rows(s, points)}
                    }
                    .into_any()
                }
                Inspect::Resource(r) => {
                    let resource = world.resources.get(r)?;
                    let points: Vec<usize> = world
                        .recovery_points
                        .indexed()
                        .filter(|(_, rp)| rp.resource as usize == r && !rp.is_deleted())
                        .map(|(i, _)| i)
                        .collect();
                    let objectives = s.corruption_of(r).map(|lost| {
                        let o = s.recovery_objectives(r);
                        match (o.rpo, o.rto) {
                            (Some(rpo), Some(rto)) => format!(
                                "Corrupted at {}: RPO {} min, RTO {} min (modelled)",
                                time(lost),
                                rpo.num_minutes(),
                                rto.num_minutes()
                            ),
                            _ => format!("Corrupted at {}: no clean recovery point", time(lost)),
                        }
                    });
                    view! {
                        <h3 data-testid="inspector-title">{resource.name.clone()}</h3>
                        <p class="arn">{resource.arn.clone()}</p>
                        <p>{format!("{} · {} GB · {:.0}% changed a day", resource.resource_type.service_name(), resource.size_gb, resource.daily_change_rate * 100.0)}</p>
                        {objectives.map(|o| view! { <p class="objectives">{o}</p> })}
                        {point_rows(s, points)}
                    }
                    .into_any()
                }
                Inspect::Job(job) => {
                    let path = job_path(s, job)?;
                    let (id, message, resource) = match job.0 {
                        JobKind::Backup => {
                            let j = s.backup_jobs().get(job.1)?;
                            (j.id.to_string(), j.status_message.clone(), j.resource)
                        }
                        JobKind::Copy => {
                            let j = s.copy_jobs().get(job.1)?;
                            (j.id.to_string(), j.status_message.clone(), j.resource)
                        }
                        JobKind::Restore => {
                            let j = s.restore_jobs().get(job.1)?;
                            (j.id.to_string(), j.status_message.clone(), j.resource)
                        }
                    };
                    let steps = path
                        .iter()
                        .map(|(t, state)| view! { <li><time>{time(*t)}</time>" "<span class=format!("state state-{}", state.to_lowercase())>{*state}</span></li> })
                        .collect_view();
                    view! {
                        <h3 data-testid="inspector-title">{format!("{} job {id}", job.0.name())}</h3>
                        <p>{world.resources[resource].name.clone()}</p>
                        <ol class="history">{steps}</ol>
                        {(!message.is_empty()).then(|| view! { <p class="status-message">{message}</p> })}
                    }
                    .into_any()
                }
            })
        })
        .unwrap_or_else(|| view! { <p class="muted">"No longer kept (AWS lists jobs for 30 days)."</p> }.into_any())
}

/// The kinds of job, in the timeline's row order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum JobKind {
    Backup,
    Copy,
    Restore,
}

impl JobKind {
    fn name(self) -> &'static str {
        match self {
            JobKind::Backup => "backup",
            JobKind::Copy => "copy",
            JobKind::Restore => "restore",
        }
    }

    fn machine(self) -> StateMachine {
        match self {
            JobKind::Backup => StateMachine::backup_job(),
            JobKind::Copy => StateMachine::copy_job(),
            JobKind::Restore => StateMachine::restore_job(),
        }
    }
}

/// The selected job's states with when it entered each; none when no job is picked (or it has
/// been let go).
fn job_path(s: &Simulation, job: (JobKind, usize)) -> Option<Vec<(DateTime<Utc>, &'static str)>> {
    Some(match job.0 {
        JobKind::Backup => s
            .backup_jobs()
            .get(job.1)?
            .history
            .iter()
            .map(|(t, st)| (t, st.as_str()))
            .collect(),
        JobKind::Copy => s
            .copy_jobs()
            .get(job.1)?
            .history
            .iter()
            .map(|(t, st)| (t, st.as_str()))
            .collect(),
        JobKind::Restore => s
            .restore_jobs()
            .get(job.1)?
            .history
            .iter()
            .map(|(t, st)| (t, st.as_str()))
            .collect(),
    })
}

const NODE_WIDTH: f64 = 110.0;
const NODE_HEIGHT: f64 = 30.0;
const LAYER_GAP: f64 = 190.0;
const ROW_GAP: f64 = 48.0;

/// The picked job's state machine (the backup job's when none is picked), laid out in layers
/// from CREATED: the states it passed through marked, the one it is in lit, and each transition
/// it took labelled with when. Also as Mermaid text.
fn state_diagram(
    simulation: StoredValue<Option<Simulation>>,
    moved: RwSignal<u64>,
    selected: RwSignal<Option<(JobKind, usize)>>,
) -> AnyView {
    moved.track();
    let picked = selected.get();
    let kind = picked.map_or(JobKind::Backup, |(k, _)| k);
    let machine = kind.machine();
    let path = simulation
        .with_value(|s| {
            s.as_ref()
                .and_then(|s| picked.and_then(|job| job_path(s, job)))
        })
        .unwrap_or_default();
    let layers = machine.layers();
    // Each state's position: its layer, then its order within the layer.
    let mut seen_in_layer = vec![0usize; machine.states.len() + 1];
    let positions: Vec<(f64, f64)> = layers
        .iter()
        .map(|&layer| {
            let layer = layer.min(machine.states.len());
            let row = seen_in_layer[layer];
            seen_in_layer[layer] += 1;
            (20.0 + layer as f64 * LAYER_GAP, 20.0 + row as f64 * ROW_GAP)
        })
        .collect();
    let width = positions.iter().map(|p| p.0).fold(0.0, f64::max) + NODE_WIDTH + 20.0;
    let height = positions.iter().map(|p| p.1).fold(0.0, f64::max) + NODE_HEIGHT + 20.0;
    let visited: Vec<&str> = path.iter().map(|(_, s)| *s).collect();
    let current = visited.last().copied();
    let taken = |a: &str, b: &str| {
        path.windows(2)
            .find(|w| w[0].1 == a && w[1].1 == b)
            .map(|w| w[1].0)
    };
    let edges = machine
        .transitions
        .iter()
        .map(|&(a, b)| {
            let (from, to) = (positions[a], positions[b]);
            let (x1, y1) = (from.0 + NODE_WIDTH, from.1 + NODE_HEIGHT / 2.0);
            let (x2, y2) = (to.0, to.1 + NODE_HEIGHT / 2.0);
            // A transition within a layer, or backwards, goes round below.
            let (x1, x2) = if x2 <= x1 { (from.0 + NODE_WIDTH / 2.0, to.0 + NODE_WIDTH / 2.0) } else { (x1, x2) };
            let when = taken(machine.states[a], machine.states[b]);
            let label = when.map(|t| t.format("%H:%M:%S").to_string());
            // Beside a vertical edge, above a sloping one.
            let vertical = (x1 - x2).abs() < 1.0;
            let (lx, ly, anchor) = if vertical {
                (x1 + 8.0, (y1 + y2) / 2.0 + 4.0, "start")
            } else {
                ((x1 + x2) / 2.0, (y1 + y2) / 2.0 - 6.0, "middle")
            };
            view! {
                <g class="edge" class:taken=when.is_some()>
                    <line x1=format!("{x1:.1}") y1=format!("{y1:.1}") x2=format!("{x2:.1}") y2=format!("{y2:.1}") marker-end="url(#arrow)" />
                    {label.map(|l| view! {
                        <text class="when" text-anchor=anchor x=format!("{lx:.1}") y=format!("{ly:.1}")>{l}</text>
                    })}
                </g>
            }
        })
        .collect_view();
    let nodes = machine
        .states
        .iter()
        .enumerate()
        .map(|(i, state)| {
            let (x, y) = positions[i];
            let class = if current == Some(*state) {
                "node current"
            } else if visited.contains(state) {
                "node visited"
            } else if machine.terminal[i] {
                "node terminal"
            } else {
                "node"
            };
            view! {
                <g class=class data-state=state.to_string()>
                    <rect x=format!("{x:.1}") y=format!("{y:.1}") width=NODE_WIDTH.to_string() height=NODE_HEIGHT.to_string() rx="6" />
                    <text x=format!("{:.1}", x + NODE_WIDTH / 2.0) y=format!("{:.1}", y + 19.0)>{state.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    let mermaid = machine.mermaid(&visited);
    let caption = match (picked, path.last()) {
        (Some((kind, _)), Some((t, state))) => format!(
            "The {} job picked on the timeline: {state} since {}",
            kind.name(),
            time(*t)
        ),
        _ => format!(
            "{}s: pick a job on the timeline to follow its path",
            machine.name
        ),
    };
    view! {
        <p class="muted" data-testid="state-caption">{caption}</p>
        <svg
            class="state-diagram"
            data-testid="state-diagram"
            role="img"
            aria-label=format!("{} state machine", machine.name)
            viewBox=format!("0 0 {width:.0} {height:.0}")
        >
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" />
                </marker>
            </defs>
            {edges}
            {nodes}
        </svg>
        <details class="mermaid">
            <summary>"As Mermaid"</summary>
            <pre data-testid="state-mermaid">{mermaid}</pre>
        </details>
    }
    .into_any()
}

fn vaults(simulation: StoredValue<Option<Simulation>>, moved: RwSignal<u64>) -> AnyView {
    moved.track();
    simulation
        .with_value(|s| {
            let Some(s) = s else {
                return Vec::new();
            };
            let world = s.world();
            world
                .vaults
                .iter()
                .enumerate()
                .map(|(i, vault)| {
                    let (mut warm, mut cold) = (0, 0);
                    for rp in world.recovery_points_in(i) {
                        match rp.storage_class {
                            StorageClass::Warm => warm += 1,
                            StorageClass::Cold => cold += 1,
                            StorageClass::Deleted => {}
                        }
                    }
                    let lock = vault.lock.as_ref().map(|l| {
                        let state = if l.is_immutable(s.now()) { ", immutable" } else { "" };
                        format!("locked: {}{state}", l.mode())
                    });
                    let held = world
                        .recovery_points_in(i)
                        .filter(|rp| rp.legal_holds > 0)
                        .count();
                    view! {
                        <li class="vault" data-testid=format!("vault-{}", vault.name)>
                            <span class="vault-name">{vault.name.clone()}</span>
                            <span class="vault-where">
                                {format!("{} · {}", vault.account, vault.region)}
                            </span>
                            <span class="vault-points" data-testid="vault-points">
                                {format!("{} recovery points", warm + cold)}
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
                    BackupJobState::ALL
                        .iter()
                        .map(|s| s.as_str())
                        .zip(counts.backup)
                        .collect(),
                ),
                line(
                    "copy",
                    CopyJobState::ALL
                        .iter()
                        .map(|s| s.as_str())
                        .zip(counts.copy)
                        .collect(),
                ),
                line(
                    "restore",
                    RestoreJobState::ALL
                        .iter()
                        .map(|s| s.as_str())
                        .zip(counts.restore)
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

/// The events the pattern matches, one JSON a line, as a `data:` URL to download.
fn ndjson_href(
    simulation: StoredValue<Option<Simulation>>,
    pattern: Option<&EventPattern>,
) -> String {
    let lines = simulation.with_value(|s| {
        let Some(s) = s else {
            return String::new();
        };
        let mut out = String::new();
        for json in s.events().iter().map(|e| s.event_json(e)) {
            if pattern.is_none_or(|p| p.matches(&json)) {
                out.push_str(&json.to_string());
                out.push('\n');
            }
        }
        out
    });
    let encoded: String = js_sys::encode_uri_component(&lines).into();
    format!("data:application/x-ndjson;charset=utf-8,{encoded}")
}

/// The newest events the pattern matches, each a line that opens to its JSON.
fn event_rows(
    simulation: StoredValue<Option<Simulation>>,
    moved: RwSignal<u64>,
    pattern: Option<&EventPattern>,
) -> AnyView {
    moved.track();
    simulation
        .with_value(|s| {
            let Some(s) = s else {
                return Vec::new();
            };
            // The newest first, written only as far as the log needs.
            let mut matching: Vec<Value> = s
                .events()
                .iter()
                .rev()
                .map(|e| s.event_json(e))
                .filter(|json| pattern.is_none_or(|p| p.matches(json)))
                .take(LOG_ROWS)
                .collect();
            matching.reverse();
            matching
                .into_iter()
                .map(|json| {
                    let detail = &json["detail"];
                    let state = detail["state"]
                        .as_str()
                        .or(detail["status"].as_str())
                        .unwrap_or_default()
                        .to_string();
                    let subject = detail["resourceArn"]
                        .as_str()
                        .or(json["resources"][0].as_str())
                        .unwrap_or_default()
                        .to_string();
                    // The JSON is written out only when the row is opened.
                    let open = RwSignal::new(false);
                    let time_text = json["time"].as_str().unwrap_or_default().to_string();
                    let detail_type = json["detail-type"].as_str().unwrap_or_default().to_string();
                    let state_class = format!("state state-{}", state.to_lowercase());
                    let data_state = state.clone();
                    view! {
                        <li class="event" data-state=data_state>
                            <details on:toggle=move |ev| {
                                open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
                            }>
                                <summary>
                                    <time>{time_text}</time>
                                    <span class="detail-type">
                                        {detail_type}
                                    </span>
                                    <span class=state_class>{state}</span>
                                    <span class="subject">{subject}</span>
                                </summary>
                                {move || {
                                    open.get().then(|| {
                                        view! { <pre>{serde_json::to_string_pretty(&json).unwrap_or_default()}</pre> }
                                    })
                                }}
                            </details>
                        </li>
                    }
                    .into_any()
                })
                .collect::<Vec<_>>()
        })
        .into_any()
}
