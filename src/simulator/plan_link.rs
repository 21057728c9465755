//! The plan editor driving the simulation: a scenario's plan opens in the plan editor, with its
//! checks, cards and timeline; back in the simulator, the scenario runs with the plan as edited.
//! A plan with errors is not run: its findings show, and the last good simulation stays.
//!
//! The link is kept in the browser's storage — which plan of which scenario document — so it
//! holds across the two panels and a reload, until another scenario is picked or it is undone.

use leptos::prelude::*;
use serde_json::{Value, json};
use vaultsim_core::Severity;
use vaultsim_core::document::{Node, parse_json};
use vaultsim_core::plan::{self, CheckOptions, Checked, PlanForm, check};

use super::run::Run;
use super::source::Source;
use crate::navigation::{Navigator, Panel};
use crate::plan_text;
use crate::url_state;

/// Where the link is kept: `{"Plan": index, "Builtin": name}`, or `"Scenario"` with a custom
/// document's text.
const LINK_KEY: &str = "vaultsim.simulator.plan-link";

struct Link {
    plan: usize,
    /// The scenario the link was made for.
    scenario: Source,
}

/// A JSON text as a value, read by the core's reader (the page carries no second JSON reader).
fn json(text: &str) -> Option<Value> {
    parse_json(text).strict().ok().map(|root| root.to_json())
}

fn link() -> Option<Link> {
    let kept = json(&url_state::load(LINK_KEY)?)?;
    let scenario = match (kept["Builtin"].as_str(), kept["Scenario"].as_str()) {
        (Some(name), _) => Source::builtin(name)?,
        (None, Some(text)) => Source::Custom(text.to_string()),
        (None, None) => return None,
    };
    Some(Link {
        plan: usize::try_from(kept["Plan"].as_u64()?).ok()?,
        scenario,
    })
}

/// Makes the plan editor's text drive plan `plan` of `scenario`.
fn make_link(plan: usize, scenario: &Source) -> bool {
    let kept = match scenario {
        Source::Builtin(name) => json!({"Plan": plan, "Builtin": name}),
        Source::Custom(text) => json!({"Plan": plan, "Scenario": text}),
    };
    url_state::store(LINK_KEY, &kept.to_string())
}

/// Undoes the link: the plan editor's text no longer drives the simulation.
pub(super) fn forget() {
    url_state::remove(LINK_KEY);
}

/// The name a plan document gives itself, in whichever form it is written (the core reads it).
fn plan_name(document: &Value) -> String {
    let text = document.to_string();
    parse_json(&text)
        .root
        .and_then(|root| plan::plan_name(&root, PlanForm::of(&root, false)?))
        .unwrap_or_else(|| "(unnamed plan)".to_string())
}

/// What the plan editor's text makes of the linked scenario: its document with the plan
/// replaced; or the plan's errors (against the plan's own text) when it cannot run.
pub(super) enum Followed {
    /// Nothing to follow: no link, or the plan is as the scenario has it.
    Same,
    Scenario(String),
    PlanErrors(String, Vec<vaultsim_core::Diagnostic>),
}

/// The scenario the plan editor's current text makes, if the simulator follows it. A link made
/// for another scenario than the one shown (a share link opened since, say) is let go.
pub(super) fn follow(current: &Source) -> Followed {
    let Some(link) = link() else {
        return Followed::Same;
    };
    let (Some(base), Some(shown)) = (json(&link.scenario.text()), json(&current.text())) else {
        forget();
        return Followed::Same;
    };
    if !same_but_the_plan(&base, &shown, link.plan) {
        forget();
        return Followed::Same;
    }
    let text = plan_text::current();
    let checked = check(
        &text,
        &CheckOptions {
            now: crate::clock::now(),
        },
    );
    let Checked { findings, root, .. } = checked;
    let errors: Vec<_> = findings
        .into_iter()
        .map(|f| f.diagnostic)
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        return Followed::PlanErrors(text, errors);
    }
    // The tree the checker read, JSON or YAML alike, as the scenario's plan document.
    let Some(plan) = root.as_ref().map(Node::to_json) else {
        return Followed::Same;
    };
    let mut scenario = shown;
    match scenario.pointer_mut(&format!("/Plans/{}/Document", link.plan)) {
        Some(slot) if *slot != plan => *slot = plan,
        _ => return Followed::Same,
    }
    Followed::Scenario(serde_json::to_string_pretty(&scenario).unwrap_or_default())
}

/// The scenario as it was before the plan editor changed its plan (the "deployed" plan), when
/// the shown one is that scenario with its linked plan edited; none otherwise.
pub(super) fn deployed(current: &Source) -> Option<vaultsim_core::scenario::Scenario> {
    let link = link()?;
    let (base, shown) = (json(&link.scenario.text())?, json(&current.text())?);
    (base != shown && same_but_the_plan(&base, &shown, link.plan))
        .then(|| link.scenario.scenario().ok())
        .flatten()
}

/// True when `shown` is `base` with, at most, its plan `plan` changed: the scenario the link
/// was made for.
fn same_but_the_plan(base: &Value, shown: &Value, plan: usize) -> bool {
    let mut shown = shown.clone();
    match (
        shown.pointer_mut(&format!("/Plans/{plan}/Document")),
        base.pointer(&format!("/Plans/{plan}/Document")),
    ) {
        (Some(slot), Some(original)) => {
            *slot = original.clone();
            shown == *base
        }
        _ => false,
    }
}

/// The scenario's plans, each with a button that opens it in the plan editor.
#[component]
pub(super) fn ScenarioPlans(run: Run) -> impl IntoView {
    let navigator = use_context::<Navigator>();
    let plans = Memo::new(move |_| {
        run.source.with(|s| {
            s.scenario()
                .map(|s| {
                    s.plans
                        .iter()
                        .map(|p| (plan_name(&p.document), p.account.clone(), p.region.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let edit = move |index: usize| {
        let source = run.source.get_untracked();
        let Ok(scenario) = source.scenario() else {
            return;
        };
        let Some(plan) = scenario.plans.get(index) else {
            return;
        };
        let text = serde_json::to_string_pretty(&plan.document).unwrap_or_default();
        // Without the link kept, the plan editor would not drive anything: stay here.
        if !make_link(index, &source) {
            return;
        }
        plan_text::open(&text, "the simulator's plan");
        if let Some(navigator) = navigator {
            navigator.show(Panel::Plan);
        }
    };
    view! {
        <ul class="scenario-plans" data-testid="scenario-plans">
            {move || {
                plans
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, account, region))| {
                        view! {
                            <li>
                                <span class="field-label">"Plan"</span>
                                <span class="plan-name">{name}</span>
                                <span class="muted">{format!("{account} · {region}")}</span>
                                <button
                                    data-testid=format!("edit-plan-{i}")
                                    on:click=move |_| edit(i)
                                >
                                    "Edit in the plan editor"
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

/// On the plan panel, while the plan editor's text drives the simulation: says so, and leads
/// back to the simulator or undoes the link.
#[component]
pub fn PlanLinkBanner() -> impl IntoView {
    let linked = RwSignal::new(link().is_some());
    let navigator = use_context::<Navigator>();
    move || {
        linked.get().then(|| {
            view! {
                <div class="plan-link card" data-testid="plan-link" role="status">
                    <p>
                        "This plan drives the simulator: its scenario runs with the plan as you edit it here. "
                        "A plan with errors is not run; the simulator keeps the last good one. "
                        "Its \"Compare with the deployed plan\" card runs the scenario with the plan as it was and as edited, side by side."
                    </p>
                    <button
                        class="preset"
                        data-testid="simulate-plan"
                        on:click=move |_| {
                            if let Some(navigator) = navigator {
                                navigator.show(Panel::Simulate);
                            }
                        }
                    >
                        "Simulate with this plan →"
                    </button>
                    <button
                        class="preset"
                        data-testid="unlink-plan"
                        on:click=move |_| {
                            forget();
                            linked.set(false);
                        }
                    >
                        "Stop driving the simulator"
                    </button>
                </div>
            }
        })
    }
}
