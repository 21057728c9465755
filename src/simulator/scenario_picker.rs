//! The scenario picker: the built-ins by name, "custom" while an edited or imported scenario
//! runs, and the scenario's description.

use leptos::prelude::*;

use vaultsim_core::scenario::BUILTINS;

use super::plan_link;
use super::run::Run;
use super::source::Source;
use crate::glossary::glossed;

#[component]
pub(super) fn ScenarioPicker(
    run: Run,
    /// Loads another scenario.
    choose: Callback<Source>,
) -> impl IntoView {
    let source = run.source;
    let description = Memo::new(move |_| {
        source.with(|s| s.scenario().map(|s| s.description).unwrap_or_default())
    });
    let picked = move || match source.get() {
        Source::Builtin(name) => name.to_string(),
        Source::Custom(_) => "custom".to_string(),
    };
    view! {
    <div class="scenario-row">
        <label for="scenario-picker" class="field-label">"Scenario"</label>
        <select
            id="scenario-picker"
            data-testid="scenario-picker"
            on:change=move |ev| {
                if let Some(source) = Source::builtin(&event_target_value(&ev)) {
                    plan_link::forget();
                    choose.run(source);
                }
            }
            prop:value=picked
        >
            {BUILTINS
                .iter()
                .map(|name| view! { <option value=*name>{*name}</option> })
                .collect_view()}
            {move || {
                source
                    .with(|s| matches!(s, Source::Custom(_)))
                    .then(|| view! { <option value="custom">"custom (edited or imported)"</option> })
            }}
        </select>
        <p class="scenario-description">{move || description.with(|d| glossed(d))}</p>
    </div>
    }
}
