//! The incident card: "if this breaks now, what do I get back, from where, and how long does it
//! take?" A resource and what is lost (its data, its Region, its account) at the moment shown;
//! every recovery point that could serve and why the others cannot, the one chosen and why, RPO
//! and RTO drawn on a line from the chosen data to the resource serving again; and, for the
//! run so far, each resource's worst and mean RPO as a chart. The core assesses
//! (vaultsim_core::engine::recovery); this card only shows it.

use chrono::Duration;
use leptos::prelude::*;
use vaultsim_core::engine::{Incident, Lost, RpoOverTime, Simulation};
use vaultsim_core::time_text::span;
use wasm_split_helpers::{SplitLoaderError, wasm_split};

use super::run::{CHARTED_RESOURCES, Run};
use crate::chunk;
use crate::format::coordinate;
use crate::format::{short_name, time};

/// How many recovery points the card lists (the newest data first).
const LISTED_POINTS: usize = 12;

/// What the learner chose: the resource by ARN (indices change between scenarios), what is
/// lost, and the cut-over allowance in minutes.
#[derive(Clone, Debug, PartialEq)]
struct Chosen {
    resource: Option<String>,
    lost: String,
    cutover_minutes: i64,
}

/// `lost` as the select writes it: `data`, `region:NAME`, `account:ID`.
fn lost_of(text: &str) -> Lost {
    match text.split_once(':') {
        Some(("region", region)) => Lost::Region(region.to_string()),
        Some(("account", account)) => Lost::Account(account.to_string()),
        _ => Lost::Data,
    }
}

/// The resource the card starts on: a corrupted one (the guide's database after 09:00), else the
/// first.
fn default_resource(s: &Simulation) -> Option<usize> {
    let count = s.world().resources.len();
    (0..count)
        .find(|&r| s.corruption_of(r).is_some())
        .or((count > 0).then_some(0))
}

fn assessment(s: &Simulation, chosen: &Chosen) -> AnyView {
    let world = s.world();
    let resource = chosen
        .resource
        .as_deref()
        .and_then(|arn| world.resource_by_arn(arn))
        .or_else(|| default_resource(s));
    let Some(resource) = resource else {
        return view! { <p class="muted">"The scenario has no resources."</p> }.into_any();
    };
    let assessed = s.assess(&Incident {
        resource,
        lost: lost_of(&chosen.lost),
        cutover: Duration::minutes(chosen.cutover_minutes),
    });
    let rows = assessed
        .candidates
        .iter()
        .enumerate()
        .take(LISTED_POINTS)
        .map(|(i, c)| {
            let rp = &world.recovery_points[c.recovery_point];
            let vault = &world.vaults[rp.vault as usize];
            let kind = match (rp.continuous, rp.copied_from.is_some()) {
                (true, _) => "continuous",
                (false, true) => "copy",
                (false, false) => "backup",
            };
            let chosen = assessed.chosen == Some(i);
            let verdict = match (chosen, c.unusable) {
                (true, _) => "chosen".to_string(),
                (false, Some(why)) => format!("cannot serve: {}", why.as_str()),
                (false, None) => "usable".to_string(),
            };
            view! {
                <tr class:chosen=chosen class:unusable=c.unusable.is_some() data-testid="incident-candidate">
                    <td>{time(c.data)}</td>
                    <td>{kind}</td>
                    <td>{vault.name.clone()}</td>
                    <td>{format!("{} · {}", vault.account, vault.region)}</td>
                    <td>{rp.storage_class.as_str()}</td>
                    <td>{verdict}</td>
                </tr>
            }
        })
        .collect_view();
    let more = assessed.candidates.len().saturating_sub(LISTED_POINTS);
    let objectives = match (assessed.chosen_point(), assessed.rpo, assessed.restore, assessed.rto) {
        (Some((_, data)), Some(rpo), Some(restore), Some(rto)) => view! {
            <p class="objectives" data-testid="incident-objectives">
                <strong>{format!("RPO {}", span(rpo))}</strong>
                {format!(" (data from {} to {} lost) · ", time(data), time(assessed.loss))}
                <strong>{format!("RTO {}", span(rto))}</strong>
                {format!(
                    " = restore {} (modelled: AWS publishes no restore times) + cut-over {}",
                    span(restore),
                    span(assessed.incident.cutover)
                )}
            </p>
            {objective_line(data, assessed.loss, rpo, rto)}
        }
        .into_any(),
        _ => view! { <p class="objectives" data-testid="incident-objectives">"Nothing to restore: no RPO, no RTO."</p> }
            .into_any(),
    };
    view! {
        <p data-testid="incident-choice">{format!("Choice: {}.", assessed.why)}</p>
        {objectives}
        <div class="table-scroll">
            <table class="points" data-testid="incident-candidates">
                <thead>
                    <tr><th>"Data of"</th><th>"Kind"</th><th>"Vault"</th><th>"Account · Region"</th><th>"Storage"</th><th>"For this incident"</th></tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {(more > 0).then(|| view! { <p class="muted">{format!("and {more} older")}</p> })}
    }
    .into_any()
}

/// The chosen data, the loss and the resource serving again on one line, to scale: the RPO is
/// the part before the loss, the RTO the part after.
fn objective_line(
    data: chrono::DateTime<chrono::Utc>,
    loss: chrono::DateTime<chrono::Utc>,
    rpo: Duration,
    rto: Duration,
) -> impl IntoView {
    let total = (rpo + rto).num_seconds().max(1) as f64;
    let (width, left) = (600.0, 10.0);
    let split = left + width * rpo.num_seconds() as f64 / total;
    let end = left + width;
    // The loss's label sits over the line where it falls, kept inside the picture at the ends.
    let anchor = if split > left + width * 0.7 {
        "end"
    } else if split < left + width * 0.3 {
        "start"
    } else {
        "middle"
    };
    view! {
        <svg class="incident-line" viewBox="0 0 620 64" role="img" data-testid="incident-line"
            aria-label=format!("RPO {} before the loss, RTO {} after it", span(rpo), span(rto))>
            <rect x=coordinate(left) y="24" width=coordinate(split - left) height="10" class="rpo" />
            <rect x=coordinate(split) y="24" width=coordinate(end - split) height="10" class="rto" />
            <line x1=coordinate(split) x2=coordinate(split) y1="18" y2="42" class="loss" />
            <text x=coordinate(left) y="58" class="label">{format!("data of {}", time(data))}</text>
            <text x=coordinate(split) y="13" class="label" text-anchor=anchor>{format!("lost {}", time(loss))}</text>
            <text x=coordinate(end) y="58" class="label" text-anchor="end">{format!("serving again after {}", span(rto))}</text>
        </svg>
    }
}

/// Each resource's worst RPO through the run so far, in place and with its Region lost, with
/// the mean marked: bars to scale, the longest the full width.
fn rpo_chart(s: &Simulation) -> AnyView {
    let over = s.rpo_over_time();
    if over.is_empty() {
        let why = if s.world().resources.len() > CHARTED_RESOURCES {
            format!(
                "The chart is drawn for scenarios of up to {CHARTED_RESOURCES} resources; `vaultsim simulate --rpo` prints every resource's."
            )
        } else {
            "No resources to chart.".to_string()
        };
        return view! { <p class="muted">{why}</p> }.into_any();
    }
    let longest = over
        .iter()
        .filter_map(|o| o.worst.map(|(w, _)| w.num_seconds()))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let world = s.world();
    let (label_width, bar_width, row) = (260.0, 420.0, 22.0);
    let bars = over
        .iter()
        .enumerate()
        .map(|(i, o): (usize, &RpoOverTime)| {
            let y = i as f64 * row;
            let name = world.resources.get(o.resource).map(short_name).unwrap_or_default();
            let case = o.lost.case();
            let (width, mean_x, text) = match (o.worst, o.mean) {
                (Some((worst, at)), Some(mean)) => (
                    bar_width * worst.num_seconds() as f64 / longest,
                    Some(label_width + bar_width * mean.num_seconds() as f64 / longest),
                    format!("worst {} at {}, mean {}", span(worst), time(at), span(mean)),
                ),
                _ => (0.0, None, "nothing to restore yet".to_string()),
            };
            let class = if matches!(o.lost, Lost::Data) { "bar in-place" } else { "bar region" };
            view! {
                <g data-testid="rpo-bar">
                    <title>{format!("{name} ({case}): {text}")}</title>
                    <text x="0" y=coordinate(y + 15.0) class="label">{format!("{name} · {case}")}</text>
                    <rect x=coordinate(label_width) y=coordinate(y + 5.0) width=coordinate(width) height="12" class=class />
                    {mean_x.map(|x| view! { <line x1=coordinate(x) x2=coordinate(x) y1=coordinate(y + 2.0) y2=coordinate(y + 20.0) class="mean" /> })}
                    <text x=coordinate(label_width + width + 6.0) y=coordinate(y + 15.0) class="value">{o.worst.map(|(w, _)| span(w)).unwrap_or_default()}</text>
                </g>
            }
        })
        .collect_view();
    let height = over.len() as f64 * row + 4.0;
    view! {
        <svg class="rpo-chart" viewBox=format!("0 0 780 {}", coordinate(height)) role="img" data-testid="rpo-chart"
            aria-label="Each resource's worst RPO through the run, in place and with its Region lost">
            {bars}
        </svg>
        <p class="muted">
            "Worst: what an incident would lose at the worst moment so far (just before a new point arrived); the tick is the mean, what an incident at a random moment loses. From the recovery points that existed at each moment: a failed or expired job leaves a longer gap."
        </p>
    }
    .into_any()
}

/// The card: its code comes in the chunk (crate::chunk) with the console's, which the Simulate
/// panel fetches anyway; until then the card says it is loading.
#[component]
pub(super) fn IncidentCard(run: Run) -> impl IntoView {
    chunk::when_loaded("incident card", incident_code, move || {
        chunk::now(incident_card(run))
    })
}

/// The way into the chunk for the card.
#[wasm_split(learn_console, fallible, preload(incident_code))]
fn incident_card(run: Run) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <LoadedIncidentCard run=run /> }.into_any())
}

#[component]
fn LoadedIncidentCard(run: Run) -> impl IntoView {
    let Run {
        simulation, moved, ..
    } = run;
    let chosen = RwSignal::new(Chosen {
        resource: None,
        lost: "data".to_string(),
        cutover_minutes: 0,
    });
    // The resources and what can be lost, for the selects: made again when the scenario
    // changes, not as time moves (a fleet has thousands, and an open select would close).
    let options = Memo::new(move |_| {
        run.source.track();
        run.start.track();
        simulation.with_value(|s| {
            let Some(s) = s else {
                return (Vec::new(), Vec::new());
            };
            let world = s.world();
            let resources: Vec<(String, String)> = world
                .resources
                .iter()
                .map(|r| (r.arn.clone(), short_name(r)))
                .collect();
            let mut lost = vec![(
                "data".to_string(),
                "its data (restore in place)".to_string(),
            )];
            let mut regions: Vec<&str> = world.vaults.iter().map(|v| v.region.as_str()).collect();
            regions.sort_unstable();
            regions.dedup();
            lost.extend(
                regions
                    .iter()
                    .map(|r| (format!("region:{r}"), format!("the Region {r}"))),
            );
            let mut accounts: Vec<&str> = world.vaults.iter().map(|v| v.account.as_str()).collect();
            accounts.sort_unstable();
            accounts.dedup();
            lost.extend(
                accounts
                    .iter()
                    .map(|a| (format!("account:{a}"), format!("the account {a}"))),
            );
            (resources, lost)
        })
    });
    let selected_resource = move || {
        moved.track();
        chosen.with(|c| c.resource.clone()).or_else(|| {
            simulation.with_value(|s| {
                s.as_ref()
                    .and_then(|s| default_resource(s).map(|r| s.world().resources[r].arn.clone()))
            })
        })
    };
    view! {
        <section class="card incident" aria-labelledby="incident-title" data-testid="incident">
            <h2 id="incident-title">"Incident"</h2>
            <p class="muted">
                "If this breaks at the moment shown, what comes back, from where, and how long it takes. Move the moment with the player or the timeline."
            </p>
            <div class="incident-controls">
                <label class="field-label" for="incident-resource">"Resource"</label>
                <select
                    id="incident-resource"
                    data-testid="incident-resource"
                    // The resource assessed, shown as time moves: before a corruption the first,
                    // after it the corrupted one, until one is picked.
                    prop:value=move || selected_resource().unwrap_or_default()
                    on:change=move |ev| {
                        let arn = event_target_value(&ev);
                        chosen.update(|c| c.resource = Some(arn));
                    }
                >
                    {move || {
                        let selected = selected_resource();
                        options
                            .get()
                            .0
                            .into_iter()
                            .map(|(arn, name)| {
                                let is = selected.as_deref() == Some(arn.as_str());
                                view! { <option value=arn selected=is>{name}</option> }
                            })
                            .collect_view()
                    }}
                </select>
                <label class="field-label" for="incident-lost">"Lost"</label>
                <select
                    id="incident-lost"
                    data-testid="incident-lost"
                    prop:value=move || chosen.with(|c| c.lost.clone())
                    on:change=move |ev| {
                        let lost = event_target_value(&ev);
                        chosen.update(|c| c.lost = lost);
                    }
                >
                    {move || {
                        let selected = chosen.with(|c| c.lost.clone());
                        options
                            .get()
                            .1
                            .into_iter()
                            .map(|(value, text)| {
                                let is = value == selected;
                                view! { <option value=value selected=is>{text}</option> }
                            })
                            .collect_view()
                    }}
                </select>
                <label class="field-label" for="incident-cutover">"Cut-over (min)"</label>
                <input
                    id="incident-cutover"
                    data-testid="incident-cutover"
                    type="number"
                    min="0"
                    max="10080"
                    prop:value=move || chosen.with(|c| c.cutover_minutes.to_string())
                    on:input=move |ev| {
                        // Whole minutes from 0 to a week; anything else counts as 0.
                        let minutes = event_target_value(&ev)
                            .trim()
                            .parse::<i64>()
                            .ok()
                            .filter(|m| (0..=10_080).contains(m))
                            .unwrap_or(0);
                        chosen.update(|c| c.cutover_minutes = minutes);
                    }
                />
            </div>
            {move || {
                moved.track();
                let chosen = chosen.get();
                simulation
                    .with_value(|s| s.as_ref().map(|s| assessment(s, &chosen)))
                    .unwrap_or_else(|| view! { <p class="muted">"The scenario does not run."</p> }.into_any())
            }}
            <h3>"RPO through the run so far"</h3>
            {move || {
                moved.track();
                simulation.with_value(|s| s.as_ref().map(rpo_chart))
            }}
        </section>
    }
}
