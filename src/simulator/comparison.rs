//! The comparison card: "what does this change do?" While the plan editor drives the
//! scenario's plan (plan_link.rs), the scenario as it was (the deployed plan) and as edited run
//! side by side from the start for a period: jobs, recovery points per vault, each resource's
//! worst RPO, the priced cost and the first moment they part (vaultsim_core::compare, as
//! `vaultsim compare` prints it). Both runs are made when asked: a comparison costs two runs.

use chrono::Duration;
use leptos::prelude::*;
use vaultsim_core::compare::{Comparison, RpoRow, Verdict, compare};
use vaultsim_core::cost::Prices;
use vaultsim_core::decimal::Fixed;
use wasm_split_helpers::{SplitLoaderError, wasm_split};

use super::cost_card::PriceEdits;
use super::run::{CHARTED_RESOURCES, Run};
use crate::chunk;
use crate::format::time;

/// The periods offered, in days.
const PERIODS: [(i64, &str); 3] = [(30, "30 days"), (90, "90 days"), (365, "a year")];

fn table(c: &Comparison, currency: &str) -> AnyView {
    let mut rows: Vec<(String, String, String, &'static str)> = Vec::new();
    let (ja, jb) = (c.a.jobs_text(), c.b.jobs_text());
    for (i, kind) in ["Backup jobs", "Copy jobs", "Restore jobs"]
        .iter()
        .enumerate()
    {
        rows.push((kind.to_string(), ja[i].clone(), jb[i].clone(), ""));
    }
    for ((vault, a), (_, b)) in c.a.points.iter().zip(&c.b.points) {
        rows.push((
            format!("Recovery points in {vault}"),
            a.to_string(),
            b.to_string(),
            "",
        ));
    }
    for row in c.rpo_rows() {
        rows.push((
            format!("Worst RPO of {} ({})", row.name, row.case()),
            RpoRow::shown(row.a),
            RpoRow::shown(row.b),
            row.verdict.map_or("", Verdict::as_str),
        ));
    }
    let (a, b) = (c.a.cost.total(), c.b.cost.total());
    let verdict = if b > a + 0.005 {
        "worse"
    } else if b + 0.005 < a {
        "better"
    } else {
        ""
    };
    rows.push((
        "Cost, priced".to_string(),
        format!("{} {currency}", Fixed(a, 2)),
        format!("{} {currency}", Fixed(b, 2)),
        verdict,
    ));
    let body = rows
        .into_iter()
        .map(|(what, a, b, verdict)| {
            view! {
                <tr class=verdict data-testid="comparison-row">
                    <td>{what}</td>
                    <td>{a}</td>
                    <td>{b}</td>
                    <td>{verdict}</td>
                </tr>
            }
        })
        .collect_view();
    let difference = match &c.first_difference {
        None => view! { <p data-testid="comparison-difference">"The two runs are the same."</p> }.into_any(),
        Some((at, a, b)) => view! {
            <div data-testid="comparison-difference">
                <p>{format!("They first part at {}:", time(*at))}</p>
                <p class="mono">{format!("deployed: {}", a.as_deref().unwrap_or("(no more events)"))}</p>
                <p class="mono">{format!("edited: {}", b.as_deref().unwrap_or("(no more events)"))}</p>
            </div>
        }
        .into_any(),
    };
    let unknown = c.a.cost.wanted.len().max(c.b.cost.wanted.len());
    view! {
        <div class="table-scroll">
            <table class="points comparison-table" data-testid="comparison-table">
                <thead><tr><th></th><th>"Deployed plan"</th><th>"Edited plan"</th><th>"Edited is"</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {(unknown > 0).then(|| view! { <p class="muted">{format!("{unknown} price(s) no public source gives are left out of the cost: the Cost card asks for them.")}</p> })}
        {difference}
    }
    .into_any()
}

/// The card: its code comes in the chunk with the console's (crate::chunk).
#[component]
pub(super) fn ComparisonCard(run: Run) -> impl IntoView {
    chunk::when_loaded("comparison", comparison_code, move || {
        chunk::now(comparison_card(run))
    })
}

/// The way into the chunk for the card.
#[wasm_split(learn_console, fallible, preload(comparison_code))]
fn comparison_card(run: Run) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <LoadedComparisonCard run=run /> }.into_any())
}

#[component]
fn LoadedComparisonCard(run: Run) -> impl IntoView {
    let days = RwSignal::new(30_i64);
    let edits = PriceEdits::get_or_new();
    let result = RwSignal::new(None::<Result<(Comparison, String), String>>);
    // A new scenario or plan makes the last comparison stale.
    Effect::new(move |_| {
        run.source.track();
        result.set(None);
    });
    let deployed = Memo::new(move |_| run.source.with(super::plan_link::deployed));
    let go = move |_| {
        let Some(a) = deployed.get_untracked() else {
            return;
        };
        let b = match run.source.with_untracked(|s| s.scenario()) {
            Ok(b) => b,
            Err(_) => {
                result.set(Some(Err("the edited scenario does not run".to_string())));
                return;
            }
        };
        if a.resources.len() > CHARTED_RESOURCES {
            result.set(Some(Err(format!(
                "the page compares scenarios of up to {CHARTED_RESOURCES} resources; `vaultsim compare` compares any"
            ))));
            return;
        }
        let until = a.start() + Duration::days(days.get_untracked());
        // Priced as the Cost card prices: the list with the user's edits.
        let edits = edits.get_untracked();
        leptos::task::spawn_local(async move {
            let prices = crate::fetched::text("pricing.json")
                .await
                .and_then(|text| Prices::from_json(&text))
                .map(|mut prices| {
                    PriceEdits::apply(&edits, &mut prices);
                    prices
                });
            let answer = prices.and_then(|prices| {
                compare(&a, &b, until, &prices)
                    .map(|c| (c, prices.currency.clone()))
                    .map_err(|d| {
                        d.first()
                            .map_or("the scenarios do not run".to_string(), |d| {
                                d.message.clone()
                            })
                    })
            });
            result.try_set(Some(answer));
        });
    };
    view! {
        <section class="card comparison" aria-labelledby="comparison-title" data-testid="comparison">
            <h2 id="comparison-title">"Compare with the deployed plan"</h2>
            {move || match deployed.get() {
                None => view! {
                    <p class="muted" data-testid="comparison-idle">
                        "Open one of the scenario's plans in the plan editor (\"Edit in the plan editor\" above) and change it: this card then runs the scenario with the plan as it was and as you edited it, side by side."
                    </p>
                }
                .into_any(),
                Some(_) => view! {
                    <div class="comparison-controls">
                        <label class="field-label" for="comparison-period">"From the start, for"</label>
                        <select
                            id="comparison-period"
                            data-testid="comparison-period"
                            on:change=move |ev| {
                                if let Ok(d) = event_target_value(&ev).parse::<i64>() {
                                    days.set(d);
                                }
                            }
                        >
                            {PERIODS
                                .map(|(d, label)| view! { <option value=d.to_string() selected=move || days.get() == d>{label}</option> })}
                        </select>
                        <button data-testid="comparison-run" on:click=go>"Compare"</button>
                    </div>
                    {move || match result.get() {
                        None => None,
                        Some(Err(why)) => Some(view! { <p role="alert">{why}</p> }.into_any()),
                        Some(Ok((c, currency))) => Some(table(&c, &currency)),
                    }}
                }
                .into_any(),
            }}
        </section>
    }
}
