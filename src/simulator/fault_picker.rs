//! The fault picker: a resource and a Region from the scenario, and the faults to inject at the
//! moment shown — a job that fails, data corrupted, a Region down — with the faults injected so
//! far listed.

use leptos::prelude::*;

use super::faults::{Failure, FaultKind, OUTAGE_HOURS};
use super::picks::Picks;
use super::run::Run;

/// How many resources the picker lists: a fleet's thousands would be no use in a list (the
/// inspector chooses any of them).
const PICKER_RESOURCES: usize = 200;

#[component]
pub(super) fn FaultPicker(run: Run, picks: Picks) -> impl IntoView {
    let Run {
        source,
        failures,
        simulation,
        ..
    } = run;
    let Picks {
        resource: chosen_resource,
        region: chosen_region,
        ..
    } = picks;
    let inject = move |kind: FaultKind| {
        let subject = match kind {
            FaultKind::Outage => chosen_region.get_untracked(),
            _ => chosen_resource.get_untracked(),
        };
        let (false, Some(at)) = (subject.is_empty(), run.now()) else {
            return;
        };
        run.inject(Failure { kind, subject, at });
    };
    let regions = Memo::new(move |_| {
        source.track();
        simulation.with_value(|s| {
            // Sorted and each once, by insertion: a handful of regions, and std's sort would be
            // compiled for strings just for this list (3.5 KB of wasm).
            let mut regions: Vec<String> = Vec::new();
            for region in s
                .iter()
                .flat_map(|s| &s.world().accounts)
                .flat_map(|a| &a.regions)
            {
                if let Err(at) = regions.binary_search(region) {
                    regions.insert(at, region.clone());
                }
            }
            regions
        })
    });
    // The scenario's own resources (restores add more as the run goes, which are not offered):
    // the first hundreds of a fleet, and the one chosen in the inspector.
    let resources = Memo::new(move |_| {
        source.track();
        let chosen = chosen_resource.get();
        simulation.with_value(|s| {
            let Some(s) = s else {
                return (Vec::new(), 0);
            };
            let all = &s.world().resources;
            let mut offered: Vec<(String, String)> = all
                .iter()
                .take(PICKER_RESOURCES)
                .map(|r| (r.arn.clone(), r.name.clone()))
                .collect();
            if !chosen.is_empty() && !offered.iter().any(|(arn, _)| *arn == chosen) {
                let name = s
                    .world()
                    .resource_by_arn(&chosen)
                    .map_or(chosen.clone(), |r| all[r].name.clone());
                offered.push((chosen, name));
            }
            (offered, all.len())
        })
    });
    view! {
        <div class="sim-faults" role="group" aria-label="Faults">
            <span class="field-label">"Fault at this moment"</span>
            <select
                data-testid="fault-resource"
                aria-label="Resource"
                on:change=move |ev| chosen_resource.set(event_target_value(&ev))
                prop:value=move || chosen_resource.get()
            >
                <option value="">
                    {move || {
                        let (offered, all) = resources.get();
                        if all > offered.len() {
                            format!("Choose a resource (the first {PICKER_RESOURCES} of {all}; any from the inspector)…")
                        } else {
                            "Choose a resource…".to_string()
                        }
                    }}
                </option>
                {move || {
                    resources
                        .get()
                        .0
                        .into_iter()
                        .map(|(arn, name)| view! { <option value=arn>{name}</option> })
                        .collect_view()
                }}
            </select>
            <button
                data-testid="inject-failure"
                prop:disabled=move || chosen_resource.with(String::is_empty)
                on:click=move |_| inject(FaultKind::JobFailure)
            >
                "Fail its next job"
            </button>
            <button
                data-testid="inject-corruption"
                prop:disabled=move || chosen_resource.with(String::is_empty)
                on:click=move |_| inject(FaultKind::Corruption)
            >
                "Corrupt it now"
            </button>
            <select
                data-testid="fault-region"
                aria-label="Region"
                on:change=move |ev| chosen_region.set(event_target_value(&ev))
                prop:value=move || chosen_region.get()
            >
                <option value="">"Choose a Region…"</option>
                {move || {
                    regions
                        .get()
                        .into_iter()
                        .map(|r| view! { <option value=r.clone()>{r.clone()}</option> })
                        .collect_view()
                }}
            </select>
            <button
                data-testid="inject-outage"
                prop:disabled=move || chosen_region.with(String::is_empty)
                on:click=move |_| inject(FaultKind::Outage)
            >
                {format!("Take it down for {OUTAGE_HOURS} hours")}
            </button>
            <ul class="injected" data-testid="injected-faults">
                {move || {
                    failures
                        .get()
                        .into_iter()
                        .map(|f| {
                            let name = simulation
                                .with_value(|s| {
                                    let s = s.as_ref()?;
                                    let r = s.world().resource_by_arn(&f.subject)?;
                                    Some(s.world().resources[r].name.clone())
                                })
                                .unwrap_or_else(|| f.subject.clone());
                            view! { <li>{f.describe(&name)}</li> }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
