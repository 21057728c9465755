//! The timeline: a lane per resource, jobs as bars coloured by outcome, recovery points as
//! marks, within a zoom window ending at the moment shown.

use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;
use vaultsim_core::engine::Simulation;

use super::{JobKind, ZOOMS, time};

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
pub(super) fn timeline(
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
