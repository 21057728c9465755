//! The architecture diagram: accounts, Regions, resources and vaults laid out from the
//! scenario, with the plans' backup and copy arrows lit while their jobs run. A Region with
//! many resources shows them grouped by type, so a fleet of thousands stays one legible picture.

use leptos::prelude::*;
use vaultsim_core::decimal::Fixed;
use vaultsim_core::engine::{BackupJobState, CopyJobState, RunningPlan, Simulation};
use vaultsim_core::order;
use vaultsim_core::plan::BackupSelection;
use vaultsim_core::world::{StorageClass, World};

use super::export::DiagramExports;
use super::picks::{Inspect, Picks};
use super::run::Run;
use crate::format::plural;

const BOX_WIDTH: f64 = 230.0;
const BOX_HEIGHT: f64 = 46.0;
const ACCOUNT_WIDTH: f64 = 2.0 * BOX_WIDTH + 90.0;
/// A Region with more resources than this shows one box per resource type.
const GROUP_OVER: usize = 8;

/// A box on the resources' side: one resource, or a Region's resources of one type.
struct ResourceNode {
    label: String,
    sub: String,
    members: Vec<usize>,
    at: (f64, f64),
}

/// Where everything is drawn.
struct Layout {
    /// (x, name, id) of each account's column.
    accounts: Vec<(f64, String, String)>,
    /// (x, y, height, name) of each Region's box.
    regions: Vec<(f64, f64, f64, String)>,
    nodes: Vec<ResourceNode>,
    /// Each resource's node.
    node_of: Vec<Option<usize>>,
    vault_at: Vec<Option<(f64, f64)>>,
    /// Each running plan's box.
    plan_at: Vec<Option<(f64, f64)>>,
    width: f64,
    height: f64,
}

fn layout(s: &Simulation) -> Layout {
    let world = s.world();
    let plans: Vec<RunningPlan> = s.plans().collect();
    let mut plan_at = vec![None; plans.len()];
    let mut node_of = vec![None; world.resources.len()];
    let mut vault_at = vec![None; world.vaults.len()];
    let (mut regions, mut accounts, mut nodes) = (Vec::new(), Vec::new(), Vec::new());
    let mut bottom: f64 = 0.0;
    let row = |i: usize| i as f64 * (BOX_HEIGHT + 14.0);
    for (a, account) in world.accounts.iter().enumerate() {
        let x = 10.0 + a as f64 * (ACCOUNT_WIDTH + 40.0);
        let mut y = 40.0;
        for region in &account.regions {
            let resources: Vec<usize> = (0..world.resources.len())
                // A restore test's resource, once AWS Backup has deleted it, is gone.
                .filter(|&r| {
                    world.resources[r].account == account.id
                        && &world.resources[r].region == region
                        && !s.resource_deleted(r)
                })
                .collect();
            let vaults: Vec<usize> = (0..world.vaults.len())
                .filter(|&v| {
                    world.vaults[v].account == account.id && &world.vaults[v].region == region
                })
                .collect();
            let here: Vec<usize> = (0..plans.len())
                .filter(|&p| plans[p].account == account.id && plans[p].region == *region)
                .collect();
            if resources.is_empty() && vaults.is_empty() && here.is_empty() {
                continue;
            }
            let mut groups: Vec<(String, String, Vec<usize>)> = Vec::new();
            if resources.len() > GROUP_OVER {
                for &r in &resources {
                    let service = world.resources[r].resource_type.service_name();
                    match groups.iter_mut().find(|g| g.1 == service) {
                        Some(g) => g.2.push(r),
                        None => groups.push((String::new(), service.to_string(), vec![r])),
                    }
                }
                for g in &mut groups {
                    g.0 = format!("{} resources", g.2.len());
                }
            } else {
                groups = resources
                    .iter()
                    .map(|&r| {
                        let resource = &world.resources[r];
                        (
                            resource.name.clone(),
                            resource.resource_type.service_name().to_string(),
                            vec![r],
                        )
                    })
                    .collect();
            }
            let rows = groups.len().max(vaults.len());
            for (i, (label, sub, members)) in groups.into_iter().enumerate() {
                for &r in &members {
                    node_of[r] = Some(nodes.len());
                }
                nodes.push(ResourceNode {
                    label,
                    sub,
                    members,
                    at: (x + 20.0, y + 30.0 + row(i)),
                });
            }
            for (i, v) in vaults.iter().enumerate() {
                vault_at[*v] = Some((x + 60.0 + BOX_WIDTH, y + 30.0 + row(i)));
            }
            // The plans of the Region, across its width, under its resources and vaults.
            for (i, p) in here.iter().enumerate() {
                plan_at[*p] = Some((x + 20.0, y + 30.0 + row(rows + i)));
            }
            let height = 34.0 + row(rows + here.len());
            regions.push((x + 10.0, y, height, region.clone()));
            y += height + 16.0;
        }
        bottom = bottom.max(y);
        accounts.push((x, account.name.clone(), account.id.clone()));
    }
    Layout {
        plan_at,
        width: 10.0 + world.accounts.len() as f64 * (ACCOUNT_WIDTH + 40.0),
        height: bottom + 10.0,
        accounts,
        regions,
        nodes,
        node_of,
        vault_at,
    }
}

/// An arrow: from a resource node or vault, to a vault.
type Arrow = (usize, usize);

/// The plans' backup arrows (resource node to vault) and copy arrows (vault to vault), each once.
fn flows(s: &Simulation, layout: &Layout) -> (Vec<Arrow>, Vec<Arrow>) {
    let mut backups: Vec<(usize, usize)> = s
        .backup_flows()
        .into_iter()
        .filter_map(|(r, v)| Some((layout.node_of.get(r).copied()??, v?)))
        .chain(air_gapped_targets(s, layout))
        .collect();
    order::sort_by_key(&mut backups, |&(a, b)| order::pair(a, b));
    backups.dedup();
    let mut copies: Vec<(usize, usize)> = s
        .copy_flows()
        .into_iter()
        .filter_map(|(a, b)| Some((a, b?)))
        .collect();
    order::sort_by_key(&mut copies, |&(a, b)| order::pair(a, b));
    copies.dedup();
    (backups, copies)
}

/// The backup arrows of rules whose primary target is a logically air-gapped vault
/// (`TargetLogicallyAirGappedBackupVaultArn`): each (resource node, air-gapped vault) once.
fn air_gapped_targets(s: &Simulation, layout: &Layout) -> Vec<Arrow> {
    let world = s.world();
    let mut arrows = Vec::new();
    for plan in s.plans() {
        for rule in &plan.plan.rules {
            let Some(vault) = rule
                .target_logically_air_gapped_backup_vault_arn
                .as_deref()
                .and_then(|arn| world.vault_by_arn(arn))
            else {
                continue;
            };
            arrows.extend(
                plan.selected
                    .iter()
                    .filter_map(|&r| Some((layout.node_of.get(r).copied()??, vault))),
            );
        }
    }
    order::sort_by_key(&mut arrows, |&(a, b)| order::pair(a, b));
    arrows.dedup();
    arrows
}

/// What an air-gapped primary target's arrow says.
const AIR_GAPPED_LABEL: &str = "primary target (air-gapped)";

/// Each vault's recovery points: warm, cold, and on legal hold.
pub(super) fn vault_counts(world: &World) -> Vec<(usize, usize, usize)> {
    let mut counts = vec![(0, 0, 0); world.vaults.len()];
    for rp in world.recovery_points.iter().filter(|rp| !rp.is_deleted()) {
        let c = &mut counts[rp.vault as usize];
        match rp.storage_class {
            StorageClass::Warm => c.0 += 1,
            StorageClass::Cold => c.1 += 1,
            StorageClass::Deleted => {}
        }
        c.2 += usize::from(rp.legal_holds > 0);
    }
    counts
}

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
            let layout = layout(s);
            let (backups, copies) = flows(s, &layout);
            let running_backup: Vec<(usize, usize)> = s
                .backup_jobs()
                .iter()
                .filter(|j| matches!(j.state, BackupJobState::Running | BackupJobState::Pending))
                .filter_map(|j| Some((layout.node_of.get(j.resource).copied()??, j.vault?)))
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
                let [x1, y1, c1, c2, x2, y2] = [x1, y1, x1 + bend, x2 - bend, x2, y2].map(|n| Fixed(n, 1));
                view! {
                    <path
                        class=class
                        d=format!("M {x1} {y1} C {c1} {y1}, {c2} {y2}, {x2} {y2}")
                        marker-end="url(#flow-arrow)"
                    />
                }
                .into_any()
            };
            let mut arrows: Vec<AnyView> = Vec::new();
            let air_gapped = air_gapped_targets(s, &layout);
            let mut labelled = Vec::new();
            for (node, vault) in backups {
                let Some(to) = layout.vault_at[vault] else {
                    continue;
                };
                let active = running_backup.contains(&(node, vault));
                let air = air_gapped.contains(&(node, vault));
                arrows.push(arrow(
                    layout.nodes[node].at,
                    to,
                    format!("flow backup{}{}", if air { " air-gapped" } else { "" }, if active { " active" } else { "" }),
                ));
                // One label by each air-gapped vault, just under it, where its arrows arrive.
                if air && !labelled.contains(&vault) {
                    labelled.push(vault);
                    arrows.push(
                        view! {
                            <text class="flow-label" data-testid="air-gapped-flow" x=Fixed(to.0, 1).to_string() y=Fixed(to.1 + BOX_HEIGHT + 10.0, 1).to_string()>
                                {AIR_GAPPED_LABEL}
                            </text>
                        }
                        .into_any(),
                    );
                }
            }
            for (source, destination) in copies {
                let (Some(from), Some(to)) = (layout.vault_at[source], layout.vault_at[destination]) else {
                    continue;
                };
                let active = running_copy.contains(&(source, Some(destination)));
                arrows.push(arrow(from, to, format!("flow copy{}", if active { " active" } else { "" })));
            }
            let account_boxes = layout
                .accounts
                .iter()
                .map(|(x, name, id)| {
                    view! {
                        <g class="account">
                            <rect x=Fixed(*x, 1).to_string() y="4" width=Fixed(ACCOUNT_WIDTH, 0).to_string() height=Fixed(layout.height - 8.0, 1).to_string() rx="10" />
                            <text x=Fixed(x + 12.0, 1).to_string() y="26">{format!("{name} · {id}")}</text>
                        </g>
                    }
                })
                .collect_view();
            let region_boxes = layout
                .regions
                .iter()
                .map(|(x, y, h, region)| {
                    view! {
                        <g class="region">
                            <rect x=Fixed(*x, 1).to_string() y=Fixed(*y, 1).to_string() width=Fixed(ACCOUNT_WIDTH - 20.0, 1).to_string() height=Fixed(*h, 1).to_string() rx="8" />
                            <text x=Fixed(x + 10.0, 1).to_string() y=Fixed(y + 18.0, 1).to_string()>{region.clone()}</text>
                        </g>
                    }
                })
                .collect_view();
            let resource_boxes = layout
                .nodes
                .iter()
                .enumerate()
                .map(|(n, node)| {
                    let (x, y) = node.at;
                    let busy = running_backup.iter().any(|(nn, _)| *nn == n);
                    let members = node.members.clone();
                    let grouped = members.len() > 1;
                    let testid = match members.as_slice() {
                        [r] => format!("arch-resource-{}", world.resources[*r].name),
                        _ => format!("arch-group-{}", node.sub),
                    };
                    let label = format!("{}, {}: inspect", node.label, node.sub);
                    view! {
                        <g
                            class="node resource"
                            class:active=busy
                            class:group=grouped
                            data-testid=testid
                            role="button"
                            tabindex="0"
                            aria-label=label
                            on:click=move |_| inspected.set(Some(match members.as_slice() {
                                [r] => Inspect::Resource(*r),
                                _ => Inspect::Group(members.clone()),
                            }))
                        >
                            <title>{node.label.clone()}</title>
                            <rect x=Fixed(x, 1).to_string() y=Fixed(y, 1).to_string() width=Fixed(BOX_WIDTH, 0).to_string() height=Fixed(BOX_HEIGHT, 0).to_string() rx="6" />
                            <text x=Fixed(x + 10.0, 1).to_string() y=Fixed(y + 19.0, 1).to_string()>{truncate(&node.label, 30)}</text>
                            <text class="sub" x=Fixed(x + 10.0, 1).to_string() y=Fixed(y + 36.0, 1).to_string()>{node.sub.clone()}</text>
                        </g>
                    }
                })
                .collect_view();
            let plan_boxes = s
                .plans()
                .enumerate()
                .filter_map(|(p, plan)| {
                    let (x, y) = layout.plan_at[p]?;
                    let width = ACCOUNT_WIDTH - 40.0;
                    let rules = plan
                        .plan
                        .rules
                        .iter()
                        .map(|r| format!("{} {}", r.rule_name, r.schedule_expression))
                        .collect::<Vec<_>>()
                        .join(" · ");
                    let selects = format!(
                        "selects {}: {}",
                        plural(plan.selected.len(), "resource", "resources"),
                        plan.selections.iter().map(describe_selection).collect::<Vec<_>>().join("; ")
                    );
                    let name = plan.plan.backup_plan_name.clone();
                    let label = format!("Plan {name}, {selects}: inspect");
                    Some(view! {
                        <g
                            class="node plan"
                            data-testid=format!("arch-plan-{name}")
                            role="button"
                            tabindex="0"
                            aria-label=label
                            on:click=move |_| inspected.set(Some(Inspect::Plan(p)))
                        >
                            <title>{format!("Plan {name} · {rules}\n{selects}")}</title>
                            <rect x=Fixed(x, 1).to_string() y=Fixed(y, 1).to_string() width=Fixed(width, 1).to_string() height=Fixed(BOX_HEIGHT, 0).to_string() rx="6" />
                            <text x=Fixed(x + 10.0, 1).to_string() y=Fixed(y + 19.0, 1).to_string()>
                                {truncate(&format!("Plan {name} · {rules}"), 74)}
                            </text>
                            <text class="sub" x=Fixed(x + 10.0, 1).to_string() y=Fixed(y + 36.0, 1).to_string()>
                                {truncate(&selects, 84)}
                            </text>
                        </g>
                    })
                })
                .collect_view();
            let now = s.now();
            let counts = vault_counts(world);
            let vault_boxes = world
                .vaults
                .iter()
                .enumerate()
                .filter_map(|(v, vault)| {
                    let (x, y) = layout.vault_at[v]?;
                    let (warm, cold, held) = counts[v];
                    let mut badges = Vec::new();
                    if let Some(lock) = &vault.lock {
                        badges.push(if lock.is_immutable(now) { "locked" } else { "lock in grace time" });
                    }
                    if vault.air_gapped {
                        badges.push("air-gapped");
                    }
                    if held > 0 {
                        badges.push("legal hold");
                    }
                    let points = format!("{}: {warm} warm, {cold} cold", plural(warm + cold, "point", "points"));
                    let label = format!(
                        "Vault {}, {points}{}: inspect",
                        vault.name,
                        badges.iter().map(|b| format!(", {b}")).collect::<String>()
                    );
                    Some(view! {
                        <g
                            class="node vault"
                            data-testid=format!("arch-vault-{}", vault.name)
                            role="button"
                            tabindex="0"
                            aria-label=label
                            on:click=move |_| inspected.set(Some(Inspect::Vault(v)))
                        >
                            <rect x=Fixed(x, 1).to_string() y=Fixed(y, 1).to_string() width=Fixed(BOX_WIDTH, 0).to_string() height=Fixed(BOX_HEIGHT, 0).to_string() rx="6" />
                            <text x=Fixed(x + 10.0, 1).to_string() y=Fixed(y + 19.0, 1).to_string()>{truncate(&vault.name, 30)}</text>
                            <text class="sub" data-testid="arch-vault-points" x=Fixed(x + 10.0, 1).to_string() y=Fixed(y + 36.0, 1).to_string()>
                                {points}
                            </text>
                            // Above the box's top edge, in the gap between rows: the box has no room.
                            <text class="badges" x=Fixed(x + BOX_WIDTH - 4.0, 1).to_string() y=Fixed(y - 3.0, 1).to_string()>{badges.join(" · ")}</text>
                        </g>
                    })
                })
                .collect_view();
            Some(
                view! {
                    <svg
                        class="architecture"
                        data-testid="architecture-diagram"
                        role="group"
                        aria-label="Accounts, Regions, resources, vaults, and the backups and copies between them"
                        viewBox=format!("0 0 {} {}", Fixed(layout.width, 0), Fixed(layout.height, 0))
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            // A focused box opens in the inspector with Enter, as a button does.
                            if ev.key() == "Enter"
                                && let Some(target) = ev.target()
                            {
                                use wasm_bindgen::JsCast;
                                if let Ok(el) = target.dyn_into::<web_sys::Element>() {
                                    let click = web_sys::MouseEvent::new("click").ok();
                                    if let Some(click) = click {
                                        let _ = el.dispatch_event(&click);
                                    }
                                }
                            }
                        }
                    >
                        <defs>
                            <marker id="flow-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                                <path d="M 0 0 L 10 5 L 0 10 z" />
                            </marker>
                        </defs>
                        {account_boxes}
                        {region_boxes}
                        {arrows}
                        {plan_boxes}
                        {resource_boxes}
                        {vault_boxes}
                    </svg>
                    <p class="legend">
                        <span class="key backup-key">"backup"</span>
                        <span class="key copy-key">"copy"</span>
                        " · an arrow glows while a job on it runs · click a box to inspect it"
                    </p>
                }
                .into_any(),
            )
        })
        .unwrap_or_else(|| ().into_any())
}

/// `text`, cut to `chars` characters with an ellipsis: a box has room for so much.
fn truncate(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// What a selection picks, in a few words: its tags, its ARNs, its conditions.
pub(super) fn describe_selection(selection: &BackupSelection) -> String {
    let mut parts: Vec<String> = selection
        .list_of_tags
        .iter()
        .map(|c| format!("tag {} = {}", c.condition_key, c.condition_value))
        .collect();
    match selection.resources.as_slice() {
        [] => {}
        [all] if all == "*" => parts.push("every resource".to_string()),
        arns => parts.push(plural(arns.len(), "ARN", "ARNs")),
    }
    if let Some(conditions) = &selection.conditions {
        let count = conditions.string_equals.len()
            + conditions.string_not_equals.len()
            + conditions.string_like.len()
            + conditions.string_not_like.len();
        if count > 0 {
            parts.push(plural(count, "condition", "conditions"));
        }
    }
    if !selection.not_resources.is_empty() {
        parts.push(format!(
            "not {}",
            plural(selection.not_resources.len(), "ARN", "ARNs")
        ));
    }
    format!("{} ({})", selection.selection_name, parts.join(", "))
}

/// Mermaid's label text: quotes written as its entity.
fn label(text: &str) -> String {
    text.replace('"', "#quot;")
}

/// The architecture as a Mermaid flowchart: a subgraph per account and Region, the resources (or
/// groups) and vaults in them, the backup and copy arrows between them.
fn mermaid(s: &Simulation) -> String {
    let world = s.world();
    let layout = layout(s);
    let counts = vault_counts(world);
    let mut out = String::from("flowchart LR\n");
    for (a, account) in world.accounts.iter().enumerate() {
        out.push_str(&format!(
            "    subgraph account{a}[\"{} · {}\"]\n",
            label(&account.name),
            account.id
        ));
        for (g, region) in account.regions.iter().enumerate() {
            let plans_here = s
                .plans()
                .enumerate()
                .filter(|(_, p)| p.account == account.id && p.region == *region)
                .map(|(i, p)| format!("p{i}[[\"Plan {}\"]]", label(&p.plan.backup_plan_name)));
            let in_region: Vec<String> = layout
                .nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| {
                    let r = &world.resources[n.members[0]];
                    r.account == account.id && &r.region == region
                })
                .map(|(i, n)| format!("r{i}[\"{}<br/>{}\"]", label(&n.label), label(&n.sub)))
                .chain(
                    world
                        .vaults
                        .iter()
                        .enumerate()
                        .filter(|(_, v)| v.account == account.id && &v.region == region)
                        .map(|(i, v)| {
                            let (warm, cold, _) = counts[i];
                            format!(
                                "v{i}[(\"{}<br/>{warm} warm, {cold} cold\")]",
                                label(&v.name)
                            )
                        }),
                )
                .chain(plans_here)
                .collect();
            if in_region.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "        subgraph account{a}region{g}[\"{}\"]\n",
                label(region)
            ));
            for node in in_region {
                out.push_str(&format!("            {node}\n"));
            }
            out.push_str("        end\n");
        }
        out.push_str("    end\n");
    }
    for (p, plan) in s.plans().enumerate() {
        let mut nodes: Vec<usize> = plan
            .selected
            .iter()
            .filter_map(|&r| layout.node_of.get(r).copied().flatten())
            .collect();
        nodes.dedup();
        for node in nodes {
            out.push_str(&format!("    p{p} -.-|selects| r{node}\n"));
        }
    }
    let (backups, copies) = flows(s, &layout);
    let air_gapped = air_gapped_targets(s, &layout);
    for (node, vault) in backups {
        let what = if air_gapped.contains(&(node, vault)) {
            AIR_GAPPED_LABEL
        } else {
            "backup"
        };
        out.push_str(&format!("    r{node} -->|{what}| v{vault}\n"));
    }
    for (from, to) in copies {
        out.push_str(&format!("    v{from} -.->|copy| v{to}\n"));
    }
    out
}

/// The architecture's card: the drawing, kept up with the run, and its exports.
#[component]
pub(super) fn ArchitectureCard(run: Run, picks: Picks) -> impl IntoView {
    let Run {
        simulation, moved, ..
    } = run;
    let drawing: NodeRef<leptos::html::Div> = NodeRef::new();
    view! {
        <div class="card">
            <h2>"Architecture"</h2>
            <div node_ref=drawing>{move || architecture(simulation, moved, picks.inspected)}</div>
            <DiagramExports
                container=drawing
                name="architecture"
                moved=moved
                mermaid=Callback::new(move |_| {
                    simulation.with_value(|s| s.as_ref().map(mermaid).unwrap_or_default())
                })
            />
        </div>
    }
}
