//! What AWS Backup can do for a resource, as AWS's feature table says for its row: shown in the
//! inspector, with the cells AWS's text does not settle marked as assumptions and the places
//! where the guide says otherwise named.

use leptos::prelude::*;
use vaultsim_core::services::{Feature, GUIDE_DIFFERENCES, Service};

/// The row of AWS's "Feature availability by resource" table for a resource's service.
pub(super) fn feature_row(service: Service) -> impl IntoView {
    let cells = Feature::ALL
        .into_iter()
        .map(|feature| {
            let cell = service.cell(feature);
            let answer = match (cell.supported, cell.only_with_archive_opt_in) {
                (true, true) => "with the archive opt-in",
                (true, false) => "yes",
                (false, _) => "no",
            };
            let assumption = cell.evidence.is_assumption();
            view! {
                <li class:assumption=assumption title=cell.evidence.describe()>
                    <span class="feature">{feature.heading()}</span>
                    ": "
                    <span class="answer">{answer}</span>
                    {assumption.then(|| view! { <span class="badge assumption">"assumption"</span> })}
                </li>
            }
        })
        .collect::<Vec<_>>();
    let differences = GUIDE_DIFFERENCES
        .iter()
        .filter(|(s, _, _)| *s == service)
        .map(|(_, guide, aws)| {
            let guide = guide.strip_prefix("the guide").unwrap_or(guide);
            view! { <li class="guide-differs">{format!("The guide{guide}; {aws}.")}</li> }
        })
        .collect::<Vec<_>>();
    view! {
        <details class="feature-row" data-testid="inspector-features">
            <summary>{format!("What AWS Backup does for {} (AWS's feature table)", service.label())}</summary>
            <ul class="features">{cells}</ul>
            {(!differences.is_empty()).then(|| view! { <ul class="guide-differences">{differences}</ul> })}
        </details>
    }
}
