//! The picked job's state machine, drawn from the core's transition table, with its path.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use vaultsim_core::decimal::Fixed;
use vaultsim_core::engine::{Simulation, StateMachine};
use vaultsim_core::time_text;

use super::export::DiagramExports;
use super::picks::{JobKind, Picks, job};
use super::run::Run;
use crate::format::time;

const NODE_WIDTH: f64 = 110.0;
const NODE_HEIGHT: f64 = 30.0;
const LAYER_GAP: f64 = 190.0;
const ROW_GAP: f64 = 48.0;

/// The picked job's state machine (the backup job's when none is picked), laid out in layers
/// from CREATED: the states it passed through marked, the one it is in lit, and each transition
/// it took labelled with when.
fn state_diagram(
    simulation: StoredValue<Option<Simulation>>,
    moved: RwSignal<u64>,
    selected: RwSignal<Option<(JobKind, usize)>>,
) -> AnyView {
    moved.track();
    let picked = selected.get();
    let (machine, path) = simulation.with_value(|s| machine_and_path(s.as_ref(), picked));
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
            let label = when.map(|t| time_text::hours_minutes_seconds(&t.naive_utc()));
            // Beside a vertical edge, above a sloping one.
            let vertical = (x1 - x2).abs() < 1.0;
            let (lx, ly, anchor) = if vertical {
                (x1 + 8.0, (y1 + y2) / 2.0 + 4.0, "start")
            } else {
                ((x1 + x2) / 2.0, (y1 + y2) / 2.0 - 6.0, "middle")
            };
            view! {
                <g class="edge" class:taken=when.is_some()>
                    <line x1=Fixed(x1, 1).to_string() y1=Fixed(y1, 1).to_string() x2=Fixed(x2, 1).to_string() y2=Fixed(y2, 1).to_string() marker-end="url(#arrow)" />
                    {label.map(|l| view! {
                        <text class="when" text-anchor=anchor x=Fixed(lx, 1).to_string() y=Fixed(ly, 1).to_string()>{l}</text>
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
                    <rect x=Fixed(x, 1).to_string() y=Fixed(y, 1).to_string() width=Fixed(NODE_WIDTH, 0).to_string() height=Fixed(NODE_HEIGHT, 0).to_string() rx="6" />
                    <text x=Fixed(x + NODE_WIDTH / 2.0, 1).to_string() y=Fixed(y + 19.0, 1).to_string()>{state.to_string()}</text>
                </g>
            }
        })
        .collect_view();
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
            viewBox=format!("0 0 {} {}", Fixed(width, 0), Fixed(height, 0))
        >
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" />
                </marker>
            </defs>
            {edges}
            {nodes}
        </svg>
    }
    .into_any()
}

/// The picked job's machine (the backup job's when none is picked) and the job's states with
/// when it entered each.
fn machine_and_path(
    s: Option<&Simulation>,
    picked: Option<(JobKind, usize)>,
) -> (StateMachine, Vec<(DateTime<Utc>, &'static str)>) {
    let kind = picked.map_or(JobKind::Backup, |(k, _)| k);
    let path = s
        .and_then(|s| picked.and_then(|picked| job(s, picked)))
        .map(|j| j.path())
        .unwrap_or_default();
    (kind.machine(), path)
}

/// The diagram as Mermaid text, the picked job's path marked.
fn mermaid(s: Option<&Simulation>, picked: Option<(JobKind, usize)>) -> String {
    let (machine, path) = machine_and_path(s, picked);
    let visited: Vec<&str> = path.iter().map(|(_, s)| *s).collect();
    machine.mermaid(&visited)
}

/// The state machine's card: the picked job's kind of machine with its path, and the exports.
#[component]
pub(super) fn StateMachineCard(run: Run, picks: Picks) -> impl IntoView {
    let Run {
        simulation, moved, ..
    } = run;
    let selected = picks.job;
    let drawing: NodeRef<leptos::html::Div> = NodeRef::new();
    view! {
        <div class="card">
            <h2>"State machine"</h2>
            <div node_ref=drawing>{move || state_diagram(simulation, moved, selected)}</div>
            <DiagramExports
                container=drawing
                name="state-machine"
                moved=moved
                mermaid=Callback::new(move |_| {
                    simulation.with_value(|s| mermaid(s.as_ref(), selected.get()))
                })
            />
        </div>
    }
}
