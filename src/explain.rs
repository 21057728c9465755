//! A diagnostic code's explanation beside the finding: the core's registry entry (what the code
//! means, its severity, its evidence and an example), the same text `vaultsim explain CODE`
//! prints, in a `<details>` that renders its body only once opened.

use leptos::prelude::*;
use vaultsim_core::codes::lookup;

#[component]
pub fn CodeExplanation(
    /// The diagnostic's code, as `Diagnostic.code` has it.
    #[prop(into)]
    code: Signal<&'static str>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let body = move || {
        let entry = lookup(code.get())?;
        let severities = entry
            .severities
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        Some(view! {
            <p class="explanation-summary">{entry.summary}</p>
            <p class="explanation-fact">"Severity: " {severities}</p>
            <p class="explanation-fact">"Evidence: " {entry.evidence}</p>
            <p class="explanation-fact">"Example, in " {entry.checker.describe()} ":"</p>
            <pre class="explanation-example">{entry.example}</pre>
            <p class="explanation-fact">"On the command line: " <code>"vaultsim explain " {entry.code.as_str()}</code></p>
        })
    };
    view! {
        <details
            class="code-explanation"
            data-testid="code-explanation"
            on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
        >
            <summary>"What " <code>{code}</code> " means"</summary>
            <Show when=move || open.get()>{body}</Show>
        </details>
    }
}
