//! The architecture diagram: accounts, Regions, resources and vaults laid out from the
//! scenario, with the plans' backup and copy arrows lit while their jobs run.

use leptos::prelude::*;
use vaultsim_core::engine::{BackupJobState, CopyJobState, Simulation};
use vaultsim_core::world::StorageClass;

use super::Inspect;

const BOX_WIDTH: f64 = 230.0;
const BOX_HEIGHT: f64 = 46.0;
const ACCOUNT_WIDTH: f64 = 2.0 * BOX_WIDTH + 90.0;

/// The scenario's architecture, laid out from its world rather than by hand: a column per
/// account, a box per Region in it with its resources on the left and its vaults on the right;
/// arrows for the plans' backups (resource to vault) and copies (vault to vault), lit while such
/// a job runs; on each vault its recovery points, warm and cold, and its lock, air-gap and
/// legal-hold badges.
pub(super) fn architecture(
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
