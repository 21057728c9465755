//! The cost card: "what will this plan cost?" What the run has stored, moved and restored so far,
//! priced month by month as AWS bills it (vaultsim_core::cost; the core meters and prices, this
//! card only shows it): a chart of each month's warm and cold storage and other charges, each
//! month's lines, and every price used or wanted, editable, with where it comes from. A price
//! no public source gives is asked for, never guessed.

use leptos::prelude::*;
use vaultsim_core::cost::{Charge, CostReport, PriceId, Prices, price_key};
use vaultsim_core::decimal::Fixed;
use vaultsim_core::engine::Simulation;
use vaultsim_core::engine::metering::COLD_MINIMUM_DAYS;
use vaultsim_core::world::StorageClass;
use wasm_split_helpers::{SplitLoaderError, wasm_split};

use super::run::Run;
use crate::chunk;
use crate::format::coordinate;

/// The price list beside the page (index.html copies it from crates/core/data/reference).
const PRICE_LIST: &str = "pricing.json";

/// A price the user set, and the price.
type Edit = (PriceId, f64);

/// The prices the user set in the Cost card, shared with the Simulate panel's other cards (the
/// comparison prices both runs with them).
#[derive(Clone, Copy)]
pub(super) struct PriceEdits(pub RwSignal<Vec<Edit>>);

impl PriceEdits {
    /// The panel's edits; a new, empty set outside one.
    pub fn get_or_new() -> RwSignal<Vec<Edit>> {
        use_context::<PriceEdits>().map_or_else(|| RwSignal::new(Vec::new()), |e| e.0)
    }

    /// `prices` with the user's edits made.
    pub fn apply(edits: &[Edit], prices: &mut Prices) {
        for (id, price) in edits {
            prices.set(id, *price);
        }
    }
}

fn money(v: f64) -> String {
    Fixed(v, 2).to_string()
}

/// The share of a month's priced cost in each kind: warm, cold, the rest.
fn split(lines: &[vaultsim_core::cost::Line]) -> [f64; 3] {
    let mut parts = [0.0; 3];
    for line in lines {
        let i = match line.charge {
            Charge::Storage(StorageClass::Cold) | Charge::EarlyDeletion => 1,
            Charge::Storage(_) => 0,
            _ => 2,
        };
        parts[i] += line.cost().unwrap_or(0.0);
    }
    parts
}

fn chart(report: &CostReport) -> AnyView {
    let months: Vec<(String, [f64; 3])> = report
        .months
        .iter()
        .map(|m| {
            (
                format!("{}-{:02}", m.month.year, m.month.month),
                split(&m.lines),
            )
        })
        .collect();
    let top = months
        .iter()
        .map(|(_, p)| p.iter().sum::<f64>())
        .fold(0.0, f64::max)
        .max(0.01);
    let (height, bar, gap, left) = (140.0, 28.0, 10.0, 4.0);
    let bars = months
        .iter()
        .enumerate()
        .map(|(i, (label, parts))| {
            let x = left + i as f64 * (bar + gap);
            let mut y = height;
            let segments = parts
                .iter()
                .zip(["warm", "cold", "other"])
                .map(|(v, class)| {
                    let h = height * v / top;
                    y -= h;
                    view! { <rect x=coordinate(x) y=coordinate(y) width=coordinate(bar) height=coordinate(h) class=class /> }
                })
                .collect_view();
            let total: f64 = parts.iter().sum();
            view! {
                <g data-testid="cost-bar">
                    <title>{format!("{label}: {} {} (warm {}, cold {}, transfer and restores {})", money(total), report.currency, money(parts[0]), money(parts[1]), money(parts[2]))}</title>
                    {segments}
                    <text x=coordinate(x + bar / 2.0) y=coordinate(height + 14.0) class="label" text-anchor="middle">{label[5..].to_string()}</text>
                </g>
            }
        })
        .collect_view();
    let width = left + months.len() as f64 * (bar + gap);
    view! {
        <svg class="cost-chart" viewBox=format!("0 0 {} {}", coordinate(width.max(100.0)), coordinate(height + 20.0))
            width=coordinate(width.max(100.0)) height=coordinate(height + 20.0) role="img"
            data-testid="cost-chart" aria-label="Priced cost per month: warm storage, cold storage, transfer and restores">
            {bars}
        </svg>
        <p class="muted legend">
            <span class="swatch warm"></span>" warm storage "
            <span class="swatch cold"></span>" cold storage (and early deletion) "
            <span class="swatch other"></span>" cross-Region transfer and restores"
        </p>
    }
    .into_any()
}

fn months_table(report: &CostReport) -> AnyView {
    report
        .months
        .iter()
        .map(|m| {
            let unknown = m.lines.iter().filter(|l| l.rate.is_none()).count();
            let title = format!(
                "{}-{:02}: {} {}{}",
                m.month.year,
                m.month.month,
                money(m.total()),
                report.currency,
                if unknown > 0 { format!(" ({unknown} line(s) without a price)") } else { String::new() }
            );
            let rows = m
                .lines
                .iter()
                .map(|l| {
                    view! {
                        <tr class:unpriced=l.rate.is_none()>
                            <td>{l.region.clone()}</td>
                            <td>{l.place.clone()}</td>
                            <td>{price_key(l.service)}</td>
                            <td>{l.charge.describe()}</td>
                            <td>{format!("{} {}", Fixed(l.quantity, 3), l.charge.unit())}</td>
                            <td>{l.rate.map_or("?".to_string(), |r| Fixed(r, 4).to_string())}</td>
                            <td>{l.cost().map_or("no price".to_string(), money)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <details class="cost-month" data-testid="cost-month">
                    <summary>{title}</summary>
                    <div class="table-scroll">
                        <table class="points">
                            <thead><tr><th>"Region"</th><th>"Vault or payer"</th><th>"Type"</th><th>"Charge"</th><th>"Quantity"</th><th>"Rate"</th><th>"Cost"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </details>
            }
        })
        .collect_view()
        .into_any()
}

/// Every price the report used or wanted, editable.
fn price_inputs(report: &CostReport, prices: &Prices, edits: RwSignal<Vec<Edit>>) -> AnyView {
    let mut used: Vec<PriceId> = report
        .months
        .iter()
        .flat_map(|m| &m.lines)
        .map(|l| l.price.clone())
        .collect();
    used.sort();
    used.dedup();
    let rows = used
        .into_iter()
        .map(|id| {
            let value = prices.price(&id);
            let source = prices.price_source(&id).unwrap_or_else(|| {
                if value.is_some() { "set here".to_string() } else { "no public price: give yours".to_string() }
            });
            let label = id.label();
            view! {
                <li class:wanted=value.is_none() data-testid="cost-price">
                    <label>
                        <span class="price-name">{label.clone()}</span>
                        <input
                            type="number"
                            min="0"
                            step="0.001"
                            aria-label=label
                            placeholder="price?"
                            prop:value=value.map(|v| Fixed(v, 4).to_string()).unwrap_or_default()
                            on:change=move |ev| {
                                let text = event_target_value(&ev);
                                // A number of 0 or more; anything else leaves the price as it was.
                                if let Some(price) = text.trim().parse::<f64>().ok().filter(|p| p.is_finite() && *p >= 0.0) {
                                    let id = id.clone();
                                    edits.update(|e| {
                                        e.retain(|(k, _)| *k != id);
                                        e.push((id, price));
                                    });
                                }
                            }
                        />
                    </label>
                    <span class="muted price-source">{source}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="cost-prices">{rows}</ul> }.into_any()
}

/// The card: its code comes in the chunk with the console's (crate::chunk).
#[component]
pub(super) fn CostCard(run: Run) -> impl IntoView {
    chunk::when_loaded("cost card", cost_code, move || chunk::now(cost_card(run)))
}

/// The way into the chunk for the card.
#[wasm_split(learn_console, fallible, preload(cost_code))]
fn cost_card(run: Run) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <LoadedCostCard run=run /> }.into_any())
}

#[component]
fn LoadedCostCard(run: Run) -> impl IntoView {
    let Run {
        simulation, moved, ..
    } = run;
    let base = RwSignal::new(None::<Result<Prices, String>>);
    leptos::task::spawn_local(async move {
        let read = crate::fetched::text(PRICE_LIST)
            .await
            .and_then(|text| Prices::from_json(&text));
        base.try_set(Some(read));
    });
    let edits = PriceEdits::get_or_new();
    let body = move || {
        moved.track();
        let prices = match base.get() {
            None => return view! { <p class="muted">"Loading the price list…"</p> }.into_any(),
            Some(Err(why)) => return view! { <p role="alert">{format!("The price list cannot be used: {why}")}</p> }.into_any(),
            Some(Ok(prices)) => {
                let mut prices = prices;
                edits.with(|edits| PriceEdits::apply(edits, &mut prices));
                prices
            }
        };
        simulation
            .with_value(|s: &Option<Simulation>| {
                let s = s.as_ref()?;
                let report = s.cost(&prices);
                if report.months.is_empty() {
                    return Some(view! { <p class="muted" data-testid="cost-total">"Nothing stored yet: move time on to the first backups."</p> }.into_any());
                }
                let wanted = report.wanted.len();
                Some(view! {
                    <p data-testid="cost-total">
                        <strong>{format!("{} {}", money(report.total()), report.currency)}</strong>
                        {format!(" priced over {} month(s) of the run so far", report.months.len())}
                        {(wanted > 0).then(|| format!("; {wanted} price(s) no public source gives are left out: give them below"))}
                    </p>
                    {report.short_warm_retention.iter().map(|vault| view! {
                        <p class="advice" data-testid="cost-advice">{format!("{vault} keeps recovery points warm under a week: AWS advises at least one, since with a shorter retention each backup is full.")}</p>
                    }).collect_view()}
                    {chart(&report)}
                    {months_table(&report)}
                    <h3>"Prices"</h3>
                    {price_inputs(&report, &prices, edits)}
                }
                .into_any())
            })
            .unwrap_or_else(|| view! { <p class="muted">"The scenario does not run."</p> }.into_any())
    };
    view! {
        <section class="card cost" aria-labelledby="cost-title" data-testid="cost">
            <h2 id="cost-title">"Cost"</h2>
            <p class="muted">
                {format!(
                    "What the run has stored, copied across Regions and restored so far, priced as AWS bills it: storage as the month's average GB (EFS and S3 by whole days), a cold point deleted before its {COLD_MINIMUM_DAYS} days charged for the days left, a transfer to the account that pays it, nothing for a failed copy. Prices are public figures with their sources; change any of them."
                )}
            </p>
            {body}
        </section>
    }
}
