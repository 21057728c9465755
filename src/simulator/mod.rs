//! The simulator panel: pick a scenario (a built-in, one imported, or one with its plan edited in
//! the plan editor), move simulated time forward and back, inject faults, and watch what AWS
//! Backup does — the architecture with its jobs lit, each job's state machine, the timeline, the
//! vaults' recovery points, every EventBridge event (filtered by an event pattern, with
//! EventBridge's matching rules) and the audit trail.
//!
//! Everything that decides what is shown — the scenario, the faults injected, the simulated
//! time, the pattern — is kept in the URL, so the page's address is its share link: the
//! simulation is deterministic, and opening the link runs it again to the same moment.

use chrono::{DateTime, Duration, NaiveDateTime, SecondsFormat, Utc};
use leptos::html;
use leptos::prelude::*;
use vaultsim_core::engine::{BackupJobState, Job, Simulation, StateMachine};
use vaultsim_core::events::{BACKUP_JOB_STATE_CHANGE, EventPattern};
use vaultsim_core::scenario::BUILTINS;

use crate::diagnostics::DiagnosticView;

mod architecture;
mod capabilities;
mod events;
mod export;
mod faults;
mod inspector;
mod plan_link;
mod run;
mod scenario_editor;
mod source;
mod state_diagram;
mod summary;
mod timeline;

use architecture::architecture;
use events::ndjson_href;
use export::DiagramExports;
use faults::{Failure, FaultKind, OUTAGE_HOURS};
use inspector::{Inspect, inspector};
use run::Run;
use scenario_editor::{ScenarioEditor, ScenarioProblems};
use source::{Carried, Source};
use state_diagram::state_diagram;
use summary::{audit, job_counts, vaults};
use timeline::{Window, timeline};

pub use plan_link::PlanLinkBanner;

/// The scenario shown first: the guide's example.
const FIRST_SCENARIO: &str = "three-tier-web-app";
/// How many resources the fault picker lists: a fleet's thousands would be no use in a list (the
/// inspector chooses any of them).
const PICKER_RESOURCES: usize = 200;
/// How many matching events the log lists (the newest).
const LOG_ROWS: usize = 200;
/// How far back the timeline shows: its zoom, from the end of what it shows.
const ZOOMS: &[(&str, Option<i64>)] = &[
    ("a day", Some(1)),
    ("a week", Some(7)),
    ("30 days", Some(30)),
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

/// A resource's name where room is short: a resource with no name of its own (a fleet's) is named
/// by its ARN, whose last part — its ID — says enough.
fn short_name(resource: &vaultsim_core::world::Resource) -> String {
    if resource.name == resource.arn {
        let id = resource.arn.rsplit([':', '/']).next();
        id.unwrap_or(&resource.arn).to_string()
    } else {
        resource.name.clone()
    }
}

/// A `datetime-local` input's value, read as UTC (the page says so beside it).
fn parse_local(text: &str) -> Option<DateTime<Utc>> {
    ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text.trim(), f).ok())
        .map(|t| t.and_utc())
}

#[component]
pub fn Simulator() -> impl IntoView {
    let run = Run::from_url(FIRST_SCENARIO);
    // The plan editor's text, when it drives this scenario's plan.
    match plan_link::follow(&run.source.get_untracked()) {
        plan_link::Followed::Same => {}
        plan_link::Followed::Scenario(text) => run.replace(Source::Custom(text)),
        plan_link::Followed::PlanErrors(text, diagnostics) => {
            run.problems.set(Some(run::Problems {
                what: "plan",
                text,
                diagnostics,
            }))
        }
    }
    let Run {
        source,
        failures,
        simulation,
        moved,
        pattern_text,
        ..
    } = run;
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
    // The timeline's window: the last 30 days up to now by default.
    let window = RwSignal::new(Window { zoom: 2, end: None });
    // The date to go to: the moment shown, until the user types another.
    let jump_text = RwSignal::new(String::new());
    Effect::new(move |_| {
        moved.track();
        let typing = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_some_and(|e| e.id() == "timeline-jump");
        if let (false, Some(now)) = (typing, run.now()) {
            jump_text.set(now.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    });
    let jump_problem = RwSignal::new(None::<String>);
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

    let forget_picks = move || {
        selected.set(None);
        inspected.set(None);
        chosen_resource.set(String::new());
        chosen_region.set(String::new());
        window.update(|w| w.end = None);
    };
    let choose = move |source: Source| {
        pause();
        if run.load(source) {
            forget_picks();
        }
    };
    let play = move || {
        if playing.get_untracked() {
            pause();
            return;
        }
        let tick = move || {
            // A frame still simulating ahead is not pushed further: play goes no faster than
            // the simulation can.
            if run.busy() {
                return;
            }
            // At the end of what a run may simulate, playing stops.
            if run.now() >= Some(run::last_moment(run.start.get_untracked())) {
                pause();
                return;
            }
            let per_second = SPEEDS[speed.get_untracked()].1;
            run.advance(Duration::milliseconds(per_second * TICK_MS as i64));
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
        run.step();
    };
    let back_to_start = move || {
        pause();
        run.go_to(run.start.get_untracked());
    };
    let jump = move || {
        pause();
        match parse_local(&jump_text.get_untracked()) {
            Some(to) => {
                let start = run.start.get_untracked();
                let last = run::last_moment(start);
                if to < start || to > last {
                    jump_problem.set(Some(format!(
                        "The run goes from {} to {}: choose a time between them.",
                        time(start),
                        time(last)
                    )));
                } else {
                    jump_problem.set(None);
                    run.go_to(to);
                }
            }
            None => jump_problem.set(Some(
                "Write a date and time, such as 2024-01-16T09:00 (UTC).".to_string(),
            )),
        }
    };
    let inject = move |kind: FaultKind| {
        let subject = match kind {
            FaultKind::Outage => chosen_region.get_untracked(),
            _ => chosen_resource.get_untracked(),
        };
        let (false, Some(at)) = (subject.is_empty(), run.now()) else {
            return;
        };
        run.inject(Failure { kind, subject, at });
    };
    // Keys on the timeline: arrows move time by an hour (a day with Shift), Home goes to the
    // start, End to the furthest point reached, Space plays and pauses, N steps to the next
    // event.
    let on_timeline_key = move |ev: leptos::ev::KeyboardEvent| {
        // Keys meant for a control inside the card (the scrubber, a button, the zoom) are its.
        if ev.target() != ev.current_target() {
            return;
        }
        let by = if ev.shift_key() {
            Duration::days(1)
        } else {
            Duration::hours(1)
        };
        match ev.key().as_str() {
            "ArrowRight" => run.advance(by),
            "ArrowLeft" => run.advance(-by),
            "Home" => back_to_start(),
            "End" => run.go_to(run.furthest.get_untracked()),
            " " => play(),
            "n" | "N" => step(),
            _ => return,
        }
        ev.prevent_default();
    };

    let regions = Memo::new(move |_| {
        source.track();
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
    });
    // The scenario's own resources (restores add more as the run goes, which are not offered):
    // the first hundreds of a fleet, and the one chosen in the inspector.
    let resources = Memo::new(move |_| {
        source.track();
        let chosen = chosen_resource.get();
        simulation.with_value(|s| {
            let Some(s) = s else {
                return (Vec::new(), 0);
            };
            let all = &s.world().resources;
            let mut offered: Vec<(String, String)> = all
                .iter()
                .take(PICKER_RESOURCES)
                .map(|r| (r.arn.clone(), r.name.clone()))
                .collect();
            if !chosen.is_empty() && !offered.iter().any(|(arn, _)| *arn == chosen) {
                let name = s
                    .world()
                    .resource_by_arn(&chosen)
                    .map_or(chosen.clone(), |r| all[r].name.clone());
                offered.push((chosen, name));
            }
            (offered, all.len())
        })
    });
    Effect::new(move |_| {
        pattern_text.track();
        run.keep();
    });

    let cursor = move || {
        moved.track();
        run.now().map(time).unwrap_or_default()
    };
    let pattern = Memo::new(move |_| {
        let text = pattern_text.get();
        if text.trim().is_empty() {
            Ok(None)
        } else {
            EventPattern::parse(&text).map(Some)
        }
    });
    let description = Memo::new(move |_| {
        source.with(|s| s.scenario().map(|s| s.description).unwrap_or_default())
    });
    let picked = move || match source.get() {
        Source::Builtin(name) => name.to_string(),
        Source::Custom(_) => "custom".to_string(),
    };
    // The scrubber: hours from the start, up to the furthest point reached (a week at least).
    let scrub_max = move || {
        let (start, furthest) = (run.start.get(), run.furthest.get());
        (furthest - start).num_hours().max(7 * 24)
    };
    let scrub_value = move || {
        moved.track();
        run.now()
            .map(|now| (now - run.start.get_untracked()).num_hours())
            .unwrap_or(0)
    };
    let architecture_box: NodeRef<html::Div> = NodeRef::new();
    let timeline_box: NodeRef<html::Div> = NodeRef::new();
    let state_box: NodeRef<html::Div> = NodeRef::new();

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
                <div class="scenario-row">
                    <label for="scenario-picker" class="field-label">"Scenario"</label>
                    <select
                        id="scenario-picker"
                        data-testid="scenario-picker"
                        on:change=move |ev| {
                            if let Some(source) = Source::builtin(&event_target_value(&ev)) {
                                plan_link::forget();
                                choose(source);
                            }
                        }
                        prop:value=picked
                    >
                        {BUILTINS
                            .iter()
                            .map(|name| view! { <option value=*name>{*name}</option> })
                            .collect_view()}
                        {move || {
                            source
                                .with(|s| matches!(s, Source::Custom(_)))
                                .then(|| view! { <option value="custom">"custom (edited or imported)"</option> })
                        }}
                    </select>
                    <p class="scenario-description">{description}</p>
                </div>
                <plan_link::ScenarioPlans run=run />
                <ScenarioEditor run=run on_load=choose />
                <ScenarioProblems run=run />
                <div class="sim-time" role="group" aria-label="Simulated time">
                    <span class="field-label">"Simulated time (UTC)"</span>
                    // Announced when it moves by a step, not ten times a second while playing.
                    <output
                        data-testid="timeline-cursor"
                        class="cursor"
                        aria-live=move || if playing.get() { "off" } else { "polite" }
                    >
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
                    <button data-testid="advance-hour" on:click=move |_| run.advance(Duration::hours(1))>
                        "+1 hour"
                    </button>
                    <button data-testid="advance-day" on:click=move |_| run.advance(Duration::days(1))>
                        "+1 day"
                    </button>
                    <button data-testid="advance-week" on:click=move |_| run.advance(Duration::weeks(1))>
                        "+1 week"
                    </button>
                </div>
                <form
                    class="sim-jump"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        jump();
                    }
                >
                    <label for="timeline-jump" class="field-label">"Go to (UTC)"</label>
                    <input
                        id="timeline-jump"
                        data-testid="timeline-jump"
                        type="datetime-local"
                        step="1"
                        prop:value=move || jump_text.get()
                        on:input=move |ev| jump_text.set(event_target_value(&ev))
                    />
                    <button type="submit" data-testid="timeline-go">"Go"</button>
                    <button type="button" data-testid="timeline-reset" on:click=move |_| back_to_start()>
                        "Back to the start"
                    </button>
                    {move || jump_problem.get().map(|p| view! { <span class="jump-problem" role="alert">{p}</span> })}
                </form>
                {move || {
                    run.progress.get().map(|p| {
                        view! {
                            <div class="sim-progress" data-testid="sim-progress" role="status">
                                <progress max="1" value=p.fraction().to_string() aria-label="Simulating ahead"></progress>
                                <span>{format!("Simulating ahead: {} of the way to {} ({:.0}%)", time(p.at), time(p.to), p.fraction() * 100.0)}</span>
                            </div>
                        }
                    })
                }}
                <div class="sim-faults" role="group" aria-label="Faults">
                    <span class="field-label">"Fault at this moment"</span>
                    <select
                        data-testid="fault-resource"
                        aria-label="Resource"
                        on:change=move |ev| chosen_resource.set(event_target_value(&ev))
                        prop:value=move || chosen_resource.get()
                    >
                        <option value="">
                            {move || {
                                let (offered, all) = resources.get();
                                if all > offered.len() {
                                    format!("Choose a resource (the first {PICKER_RESOURCES} of {all}; any from the inspector)…")
                                } else {
                                    "Choose a resource…".to_string()
                                }
                            }}
                        </option>
                        {move || {
                            resources
                                .get()
                                .0
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
                            regions
                                .get()
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
                                    let name = simulation
                                        .with_value(|s| {
                                            let s = s.as_ref()?;
                                            let r = s.world().resource_by_arn(&f.subject)?;
                                            Some(s.world().resources[r].name.clone())
                                        })
                                        .unwrap_or_else(|| f.subject.clone());
                                    view! { <li>{f.describe(&name)}</li> }
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
                            source.track();
                            web_sys::window()
                                .and_then(|w| w.location().href().ok())
                                .unwrap_or_default()
                        }
                    />
                    {move || {
                        let note = match run.link.get().1 {
                            Carried::InLink => return None,
                            Carried::InThisBrowser => "This scenario is too large for a link: the link opens it in this browser only. Export it as JSON to share it.",
                            Carried::Nowhere => "This scenario is too large for a link, and this browser would not keep it (storage is off or full): export it as JSON to keep it.",
                        };
                        Some(view! { <p class="muted" data-testid="link-too-long">{note}</p> })
                    }}
                </div>
            </div>

            <div class="card">
                <h2>"Architecture"</h2>
                <div node_ref=architecture_box>{move || architecture(simulation, moved, inspected)}</div>
                <DiagramExports
                    container=architecture_box
                    name="architecture"
                    moved=moved
                    mermaid=Callback::new(move |_| {
                        simulation.with_value(|s| s.as_ref().map(architecture::mermaid).unwrap_or_default())
                    })
                />
            </div>

            <div
                class="card timeline-card"
                tabindex="0"
                aria-label="Timeline. Arrows move time by an hour, with Shift by a day; Home goes to the start, End to the furthest point reached; Space plays and pauses; N goes to the next event."
                aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Home End Space N"
                on:keydown=on_timeline_key
            >
                <h2>"Timeline"</h2>
                <div class="timeline-tools">
                    <label for="timeline-scrubber" class="field-label">"Scrub"</label>
                    <input
                        id="timeline-scrubber"
                        data-testid="timeline-scrubber"
                        type="range"
                        min="0"
                        step="1"
                        prop:max=move || scrub_max().to_string()
                        prop:value=move || scrub_value().to_string()
                        aria-valuetext=cursor
                        on:input=move |ev| {
                            if let Ok(hours) = event_target_value(&ev).parse::<i64>() {
                                pause();
                                run.go_to(run.start.get_untracked() + Duration::hours(hours));
                            }
                        }
                    />
                    <label for="timeline-zoom" class="field-label">"Show"</label>
                    <select
                        id="timeline-zoom"
                        data-testid="timeline-zoom"
                        on:change=move |ev| {
                            if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                window.update(|w| w.zoom = i.min(ZOOMS.len() - 1));
                            }
                        }
                        prop:value=move || window.get().zoom.to_string()
                    >
                        {ZOOMS
                            .iter()
                            .enumerate()
                            .map(|(i, (label, _))| view! { <option value=i.to_string()>{*label}</option> })
                            .collect_view()}
                    </select>
                    <button
                        data-testid="timeline-earlier"
                        aria-label="Show earlier"
                        on:click=move |_| window.update(|w| w.pan(simulation, -1))
                    >
                        "◀ Earlier"
                    </button>
                    <button
                        data-testid="timeline-later"
                        aria-label="Show later"
                        prop:disabled=move || window.get().end.is_none()
                        on:click=move |_| window.update(|w| w.pan(simulation, 1))
                    >
                        "Later ▶"
                    </button>
                    <span class="muted keys">"Keys: ← → hour · Shift day · Home · End · Space · N"</span>
                </div>
                <div node_ref=timeline_box>{move || timeline(simulation, moved, selected, window)}</div>
                <DiagramExports
                    container=timeline_box
                    name="timeline"
                    moved=moved
                    mermaid=Callback::new(move |_| {
                        simulation.with_value(|s| {
                            s.as_ref().map(|s| timeline::mermaid(s, window.get())).unwrap_or_default()
                        })
                    })
                />
            </div>

            <div class="card inspector" data-testid="inspector">
                <h2>"Inspector"</h2>
                {move || inspector(simulation, moved, inspected, chosen_resource)}
            </div>

            <div class="card">
                <h2>"State machine"</h2>
                <div node_ref=state_box>{move || state_diagram(simulation, moved, selected)}</div>
                <DiagramExports
                    container=state_box
                    name="state-machine"
                    moved=moved
                    mermaid=Callback::new(move |_| {
                        simulation.with_value(|s| state_diagram::mermaid(s.as_ref(), selected.get()))
                    })
                />
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
                    placeholder=format!(
                        r#"{{"detail-type": ["{BACKUP_JOB_STATE_CHANGE}"], "detail": {{"state": ["{}"]}}}}"#,
                        BackupJobState::Failed.as_str()
                    )
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
                            let href = ndjson_href(run, pattern.as_ref());
                            event_target::<web_sys::HtmlAnchorElement>(&ev).set_href(&href);
                        }
                    >
                        "Download the events shown, as NDJSON"
                    </a>
                </p>
                {move || events::log_scope(run).map(|scope| view! { <p class="muted" data-testid="log-scope">{scope}</p> })}
                <ol class="event-log" data-testid="event-log">
                    <For
                        each=move || {
                            let pattern = pattern.get().ok().flatten();
                            events::log_rows(run, pattern.as_ref())
                        }
                        key=|row| row.key
                        children=events::log_row
                    />
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

/// The job `job` picks, of whichever kind; none once the log has let it go.
fn job(s: &Simulation, (kind, index): (JobKind, usize)) -> Option<&dyn Job> {
    match kind {
        JobKind::Backup => s.backup_jobs().get(index).map(|j| j as &dyn Job),
        JobKind::Copy => s.copy_jobs().get(index).map(|j| j as &dyn Job),
        JobKind::Restore => s.restore_jobs().get(index).map(|j| j as &dyn Job),
    }
}
