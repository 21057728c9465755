//! The inspector: what was last clicked — a vault's or a resource's recovery points, or a job's
//! states and message.

use leptos::prelude::*;
use vaultsim_core::decimal::{Fixed, Shortest};
use vaultsim_core::engine::Simulation;
use vaultsim_core::world::World;

use super::picks::{Inspect, JobKind, Picks, job};
use super::run::Run;
use crate::format::{short_name, time};

/// How many of a group's resources the inspector lists.
const INSPECTED_MEMBERS: usize = 100;

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
            // A continuous point has no delete date: it keeps a window as long as its
            // retention, which the engine computes (and bounds).
            let delete = match (rp.delete_at(), s.continuous_window(i)) {
                (Some(at), _) => time(at),
                (None, Some((from, to))) => format!("restorable {} to {}", time(from), time(to)),
                (None, None) => "kept indefinitely".into(),
            };
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

/// The first resources of `members` (those still in the world: going back may have undone
/// restores a list had), each a link that inspects it, followed by `detail` of it.
fn resource_links(
    world: &World,
    members: &[usize],
    inspected: RwSignal<Option<Inspect>>,
    detail: impl Fn(usize) -> Option<String>,
) -> AnyView {
    let rows = members
        .iter()
        .take(INSPECTED_MEMBERS)
        .filter_map(|&r| Some((r, world.resources.get(r)?)))
        .map(|(r, resource)| {
            view! {
                <li>
                    <button class="link" title=resource.arn.clone() on:click=move |_| inspected.set(Some(Inspect::Resource(r)))>
                        {short_name(resource)}
                    </button>
                    {detail(r).map(|d| view! { <span class="muted">{d}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <ul class="members" data-testid="inspector-members">{rows}</ul>
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
    chosen_resource: RwSignal<String>,
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
                    let points: Vec<usize> =
                        world.recovery_points.of_resource(r).map(|(i, _)| i).collect();
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
                        {
                            let arn = resource.arn.clone();
                            view! {
                                <button class="link" data-testid="inspector-choose" on:click=move |_| chosen_resource.set(arn.clone())>
                                    "Choose it for a fault at this moment"
                                </button>
                            }
                        }
                        <p>{format!("{} · {} GB · {}% changed a day", resource.service_name(), Shortest(resource.size_gb), Fixed(resource.daily_change_rate * 100.0, 0))}</p>
                        {super::capabilities::feature_row(resource.service)}
                        {objectives.map(|o| view! { <p class="objectives">{o}</p> })}
                        {point_rows(s, points)}
                    }
                    .into_any()
                }
                Inspect::Group(members) => {
                    let first = world.resources.get(*members.first()?)?;
                    let total = members.len();
                    let rows = resource_links(world, &members, inspected, |r| {
                        Some(format!(" {} points", world.recovery_points.of_resource(r).count()))
                    });
                    view! {
                        <h3 data-testid="inspector-title">{format!("{total} {} resources", first.resource_type.service_name())}</h3>
                        <p class="muted">{format!("{} · {}{}", first.account, first.region, if total > INSPECTED_MEMBERS { format!(" · the first {INSPECTED_MEMBERS} listed") } else { String::new() })}</p>
                        {rows}
                    }
                    .into_any()
                }
                Inspect::Plan(p) => {
                    let plan = s.plans().nth(p)?;
                    let days = |d: Option<i64>| d.map_or("never".to_string(), |d| format!("{d} days"));
                    let rules = plan
                        .plan
                        .rules
                        .iter()
                        .map(|r| {
                            let lifecycle = r.lifecycle.clone().unwrap_or_default();
                            let copies = r
                                .copy_actions
                                .iter()
                                .map(|c| c.destination_backup_vault_arn.clone())
                                .collect::<Vec<_>>()
                                .join(", ");
                            view! {
                                <tr>
                                    <td>{r.rule_name.clone()}</td>
                                    <td>{format!("{} ({})", r.schedule_expression, r.schedule_expression_timezone)}</td>
                                    <td>{format!("{} / {} min", r.start_window_minutes, r.completion_window_minutes)}</td>
                                    <td>{r.target_backup_vault_name.clone()}</td>
                                    <td>{days(lifecycle.move_to_cold_storage_after_days)}</td>
                                    <td>{days(lifecycle.delete_after_days)}</td>
                                    <td class="arn">{copies}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    let selections = plan
                        .selections
                        .iter()
                        .map(|sel| view! { <li>{super::architecture::describe_selection(sel)}</li> })
                        .collect_view();
                    let picked = resource_links(world, plan.selected, inspected, |_| None);
                    view! {
                        <h3 data-testid="inspector-title">{format!("Plan {}", plan.plan.backup_plan_name)}</h3>
                        <p class="muted">{format!("{} · {} · {} selected", plan.account, plan.region, plan.selected.len())}</p>
                        <div class="table-scroll">
                            <table class="points" data-testid="inspector-rules">
                                <thead>
                                    <tr><th>"RuleName"</th><th>"ScheduleExpression"</th><th>"Start / completion window"</th><th>"TargetBackupVaultName"</th><th>"MoveToColdStorageAfterDays"</th><th>"DeleteAfterDays"</th><th>"CopyActions"</th></tr>
                                </thead>
                                <tbody>{rules}</tbody>
                            </table>
                        </div>
                        <h4>"Selections"</h4>
                        <ul class="selections-list">{selections}</ul>
                        {picked}
                    }
                    .into_any()
                }
                Inspect::Job(picked) => {
                    let j = job(s, picked)?;
                    let (path, id, message, resource, state) = (j.path(), j.id(), j.status_message().to_string(), j.resource(), j.state_name());
                    let steps = path
                        .iter()
                        .map(|(t, state)| view! { <li><time>{time(*t)}</time>" "<span class=format!("state state-{}", state.to_ascii_lowercase())>{*state}</span></li> })
                        .collect_view();
                    // A restore test's job: its plan and selection, and what followed the
                    // restore (the validation and the clean-up), with why.
                    let test = (picked.0 == JobKind::Restore)
                        .then(|| s.restore_test_steps(picked.1))
                        .flatten()
                        .map(|(plan, selection, test_steps)| {
                            let items = test_steps
                                .into_iter()
                                .skip(2)
                                .map(|step| {
                                    let class = if step.what.failed() { "bad" } else { "ok" };
                                    let why = (!step.message.is_empty()).then(|| format!(": {}", step.message));
                                    view! { <li class=class><time>{time(step.at)}</time>" "{step.what.label()}{why}</li> }
                                })
                                .collect_view();
                            view! {
                                <div data-testid="inspector-restore-test">
                                    <p>{format!("Restore test by plan {plan}, selection {selection}")}</p>
                                    <ol class="history">{items}</ol>
                                </div>
                            }
                        });
                    view! {
                        <h3 data-testid="inspector-title">{format!("{} job {id}", picked.0.name())}</h3>
                        <p>{world.resources[resource].name.clone()}</p>
                        <ol class="history">{steps}</ol>
                        {test}
                        // Why it waits (CREATED, RUNNING) or why it ended, in whatever state it is.
                        {(!message.is_empty()).then(|| view! {
                            <p class="status-message" data-testid="inspector-status-message">
                                <span class="field-label">{format!("StatusMessage ({state})")}</span>
                                " "{message}
                            </p>
                        })}
                    }
                    .into_any()
                }
            })
        })
        .unwrap_or_else(|| view! { <p class="muted">"No longer kept (AWS lists jobs for 30 days)."</p> }.into_any())
}

/// The inspector's card: whatever was last clicked in the architecture or on the timeline.
#[component]
pub(super) fn InspectorCard(run: Run, picks: Picks) -> impl IntoView {
    view! {
        <div class="card inspector" data-testid="inspector">
            <h2>"Inspector"</h2>
            {move || inspector(run.simulation, run.moved, picks.inspected, picks.resource)}
        </div>
    }
}
