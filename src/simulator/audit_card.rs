//! The audit card: "will it pass an audit?" A Backup Audit Manager framework — all eleven
//! controls at their defaults, or one pasted in CreateFramework's shape — evaluated against the
//! run at the moment shown: per control, how many resources (plans, vaults, recovery points)
//! are compliant and which are not, and why (vaultsim_core::audit_manager; this card only shows
//! it). AWS evaluates every 24 hours; `vaultsim simulate --audit` keeps the daily record.

use leptos::prelude::*;
use vaultsim_core::audit_manager::{Compliance, EXAMPLE_FRAMEWORK, Framework};
use vaultsim_core::engine::Simulation;
use wasm_split_helpers::{SplitLoaderError, wasm_split};

use super::run::{CHARTED_RESOURCES, Run};
use crate::chunk;
use crate::format::time;

/// How many non-compliant findings a control lists.
const LISTED_FINDINGS: usize = 20;

fn evaluation(s: &Simulation, framework: &Framework) -> AnyView {
    let evaluated = framework.evaluate(s);
    let rows = evaluated
        .controls
        .iter()
        .map(|c| {
            let name = c.control.name();
            let (summary, failing) = match &c.not_evaluated {
                Some(why) => (format!("not evaluated: {why}"), false),
                None => {
                    let (yes, no) = (c.count(Compliance::Compliant), c.count(Compliance::NonCompliant));
                    (format!("COMPLIANT {yes} / NON_COMPLIANT {no}"), no > 0)
                }
            };
            let unevaluated = c.not_evaluated.is_some();
            let findings = c
                .non_compliant()
                .take(LISTED_FINDINGS)
                .map(|f| view! { <li><strong>{f.subject.clone()}</strong>{format!(": {}", f.reason)}</li> })
                .collect_view();
            let more = c.count(Compliance::NonCompliant).saturating_sub(LISTED_FINDINGS);
            let assumptions = c.control.assumptions();
            view! {
                <li class="audit-control" class:failing=failing class:unevaluated=unevaluated data-testid="audit-control" data-control=name>
                    <details>
                        <summary>
                            <code>{name}</code>
                            <span class="audit-summary" data-testid="audit-summary">{summary}</span>
                        </summary>
                        <ul class="audit-findings">{findings}</ul>
                        {(more > 0).then(|| view! { <p class="muted">{format!("and {more} more")}</p> })}
                        {(!assumptions.is_empty()).then(|| view! {
                            <p class="muted">{format!("Model assumptions: {}", assumptions.join(" "))}</p>
                        })}
                    </details>
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="muted">{format!("Framework {}, evaluated at {}.", framework.name, time(evaluated.at))}</p>
        <ul class="audit-controls">{rows}</ul>
    }
    .into_any()
}

/// The card: its code comes in the chunk with the console's (crate::chunk).
#[component]
pub(super) fn AuditCard(run: Run) -> impl IntoView {
    chunk::when_loaded("audit card", audit_code, move || {
        chunk::now(audit_card(run))
    })
}

/// The way into the chunk for the card.
#[wasm_split(learn_console, fallible, preload(audit_code))]
fn audit_card(run: Run) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <LoadedAuditCard run=run /> }.into_any())
}

#[component]
fn LoadedAuditCard(run: Run) -> impl IntoView {
    let Run {
        simulation, moved, ..
    } = run;
    let framework = RwSignal::new(Framework::all_controls());
    let problems = RwSignal::new(Vec::<String>::new());
    let text = RwSignal::new(String::new());
    // A fleet's evaluation walks every recovery point: made when asked, not on every frame.
    let asked = RwSignal::new(0_u64);
    let body = move || {
        moved.track();
        asked.track();
        let framework = framework.get();
        simulation
            .with_value(|s| {
                let s = s.as_ref()?;
                if s.world().resources.len() > CHARTED_RESOURCES && asked.get_untracked() == 0 {
                    return Some(view! {
                        <p class="muted">
                            {format!("A scenario of more than {CHARTED_RESOURCES} resources is evaluated when asked.")}
                            " "
                            <button data-testid="audit-evaluate" on:click=move |_| asked.update(|n| *n += 1)>"Evaluate now"</button>
                        </p>
                    }
                    .into_any());
                }
                Some(evaluation(s, &framework))
            })
            .unwrap_or_else(|| view! { <p class="muted">"The scenario does not run."</p> }.into_any())
    };
    let apply = move |_| {
        let written = text.get_untracked();
        if written.trim().is_empty() {
            framework.set(Framework::all_controls());
            problems.set(Vec::new());
            return;
        }
        match Framework::from_json(&written) {
            Ok(f) => {
                framework.set(f);
                problems.set(Vec::new());
            }
            // The text stays as written, with what is wrong in it.
            Err(errors) => problems.set(errors.iter().map(ToString::to_string).collect()),
        }
    };
    view! {
        <section class="card audit-manager" aria-labelledby="audit-title" data-testid="audit">
            <h2 id="audit-title">"Audit"</h2>
            <p class="muted">
                "Backup Audit Manager's controls against the run at the moment shown (AWS evaluates them every 24 hours). Open a control for the resources it finds non-compliant and why."
            </p>
            <details class="audit-framework">
                <summary>"Framework: all eleven controls at their defaults, or paste your own (CreateFramework's JSON)"</summary>
                <textarea
                    data-testid="audit-framework"
                    aria-label="Framework JSON"
                    rows="8"
                    spellcheck="false"
                    placeholder=EXAMPLE_FRAMEWORK
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                <button data-testid="audit-apply" on:click=apply>"Use this framework"</button>
                {move || {
                    let p = problems.get();
                    (!p.is_empty()).then(|| view! {
                        <ul class="audit-problems" role="alert" data-testid="audit-problems">
                            {p.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                        </ul>
                    })
                }}
            </details>
            {body}
        </section>
    }
}
