//! The simulator panel: pick a built-in scenario, move simulated time forward, make a job fail,
//! and watch what AWS Backup does — the vaults' recovery points, the jobs, every EventBridge
//! event (filtered by an event pattern, with EventBridge's matching rules) and the audit trail.
//!
//! Everything that decides what is shown — the scenario, the failures injected, the simulated
//! time, the pattern — is kept in the URL, so the page's address is its share link: the
//! simulation is deterministic, and opening the link runs it again to the same moment.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use leptos::prelude::*;
use vaultsim_core::engine::{Simulation, StateMachine};
use vaultsim_core::events::EventPattern;
use vaultsim_core::scenario::{BUILTINS, FaultSpec, Scenario};

use crate::diagnostics::DiagnosticView;
use crate::url_state;

mod architecture;
mod events;
mod inspector;
mod state_diagram;
mod summary;
mod timeline;

use architecture::architecture;
use events::{event_rows, ndjson_href};
use inspector::{Inspect, inspector};
use state_diagram::state_diagram;
use summary::{audit, job_counts, vaults};
use timeline::timeline;

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

/// What a fault injected from the page does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FaultKind {
    /// The resource's next job to finish fails.
    JobFailure,
    /// The resource's data is corrupted from then on.
    Corruption,
    /// AWS Backup is down in the Region for `OUTAGE_HOURS`.
    Outage,
}

/// How long a Region outage injected from the page lasts.
const OUTAGE_HOURS: i64 = 6;

/// A fault injected from the page at a moment, on a resource (its ARN) or a Region.
#[derive(Clone, Debug, PartialEq)]
struct Failure {
    kind: FaultKind,
    subject: String,
    at: DateTime<Utc>,
}

/// In the URL, each kind's mark before the subject (a job failure has none).
fn mark(kind: FaultKind) -> &'static str {
    match kind {
        FaultKind::JobFailure => "",
        FaultKind::Corruption => "corrupt=",
        FaultKind::Outage => "outage=",
    }
}

/// Faults in the URL: `ARN@TIME` (a job failure), `corrupt=ARN@TIME` or `outage=REGION@TIME`,
/// joined by spaces.
fn failures_to_url(failures: &[Failure]) -> Option<String> {
    (!failures.is_empty()).then(|| {
        failures
            .iter()
            .map(|f| format!("{}{}@{}", mark(f.kind), f.subject, time(f.at)))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn failures_from_url(text: &str) -> Vec<Failure> {
    text.split_whitespace()
        .filter_map(|f| {
            let (subject, at) = f.rsplit_once('@')?;
            let (kind, subject) = [FaultKind::Corruption, FaultKind::Outage]
                .into_iter()
                .find_map(|k| subject.strip_prefix(mark(k)).map(|s| (k, s)))
                .unwrap_or((FaultKind::JobFailure, subject));
            Some(Failure {
                kind,
                subject: subject.to_string(),
                at: at.parse().ok()?,
            })
        })
        .collect()
}

/// A new simulation of the built-in `name` with the failures injected, at its start.
fn start(name: &str, failures: &[Failure]) -> Option<Simulation> {
    let mut scenario = Scenario::builtin(name)?;
    scenario.faults.extend(failures.iter().map(|f| {
        let (subject, at) = (f.subject.clone(), time(f.at));
        match f.kind {
            FaultKind::JobFailure => FaultSpec::JobFailure {
                resource_arn: subject,
                at,
            },
            FaultKind::Corruption => FaultSpec::Corruption {
                resource_arn: subject,
                at,
            },
            FaultKind::Outage => FaultSpec::RegionOutage {
                region: subject,
                from: at,
                until: time(f.at + Duration::hours(OUTAGE_HOURS)),
            },
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
    let chosen_region = RwSignal::new(String::new());
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
        chosen_region.set(String::new());
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
    let inject = move |kind: FaultKind| {
        let subject = match kind {
            FaultKind::Outage => chosen_region.get_untracked(),
            _ => chosen_resource.get_untracked(),
        };
        let now = simulation.with_value(|s| s.as_ref().map(|s| s.now()));
        let (false, Some(now)) = (subject.is_empty(), now) else {
            return;
        };
        failures.update(|f| {
            f.push(Failure {
                kind,
                subject,
                at: now,
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
    let regions = move || {
        moved.track();
        simulation.with_value(|s| {
            let mut regions: Vec<String> = s
                .as_ref()
                .map(|s| {
                    s.world()
                        .accounts
                        .iter()
                        .flat_map(|a| a.regions.iter().cloned())
                        .collect()
                })
                .unwrap_or_default();
            regions.sort();
            regions.dedup();
            regions
        })
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
                        on:click=move |_| inject(FaultKind::JobFailure)
                    >
                        "Fail its next job"
                    </button>
                    <button
                        data-testid="inject-corruption"
                        prop:disabled=move || chosen_resource.with(String::is_empty)
                        on:click=move |_| inject(FaultKind::Corruption)
                    >
                        "Corrupt it now"
                    </button>
                    <select
                        data-testid="fault-region"
                        aria-label="Region"
                        on:change=move |ev| chosen_region.set(event_target_value(&ev))
                        prop:value=move || chosen_region.get()
                    >
                        <option value="">"Choose a Region…"</option>
                        {move || {
                            regions()
                                .into_iter()
                                .map(|r| view! { <option value=r.clone()>{r.clone()}</option> })
                                .collect_view()
                        }}
                    </select>
                    <button
                        data-testid="inject-outage"
                        prop:disabled=move || chosen_region.with(String::is_empty)
                        on:click=move |_| inject(FaultKind::Outage)
                    >
                        {format!("Take it down for {OUTAGE_HOURS} hours")}
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
                                                        let r = s.world().resource_by_arn(&f.subject)?;
                                                        Some(s.world().resources[r].name.clone())
                                                    })
                                                    .unwrap_or_else(|| f.subject.clone());
                                                match f.kind {
                                                    FaultKind::Corruption => format!("{name} corrupted at {}: later recovery points carry it", time(f.at)),
                                                    FaultKind::JobFailure => format!("the next job of {name} to finish after {} fails", time(f.at)),
                                                    FaultKind::Outage => format!(
                                                        "AWS Backup down in {name} from {} for {OUTAGE_HOURS} hours",
                                                        time(f.at)
                                                    ),
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
