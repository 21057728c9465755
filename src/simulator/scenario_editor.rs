//! The scenario as JSON: read it, change it, import a file, export it. A document that cannot run
//! shows its diagnostics (placed at their line) and the simulation shown stays the last good one;
//! the text typed stays in the editor, and in the browser's storage, whatever happens.

use leptos::prelude::*;

use super::run::{Problems, Run};
use super::source::Source;
use crate::diagnostics::DiagnosticView;
use crate::files::{self, download_href};
use crate::url_state;

/// Where edits not yet run are kept, so a reload does not lose them.
const DRAFT_KEY: &str = "vaultsim.simulator.draft";

#[component]
pub(super) fn ScenarioEditor(run: Run, #[prop(into)] on_load: Callback<Source>) -> impl IntoView {
    let open = RwSignal::new(false);
    // The user's edits not yet run; none shows the scenario running.
    let draft = RwSignal::new(url_state::load(DRAFT_KEY));
    let set_draft = move |text: Option<String>| {
        match &text {
            Some(t) => {
                url_state::store(DRAFT_KEY, t);
            }
            None => url_state::remove(DRAFT_KEY),
        }
        draft.set(text);
    };
    // The running scenario's text, written out only while the editor is open (a fleet's is
    // megabytes).
    let running_text = Memo::new(move |_| {
        if open.get() {
            run.source.with(Source::text)
        } else {
            String::new()
        }
    });
    let shown = move || draft.get().unwrap_or_else(|| running_text.get());
    let run_text = move |text: String| {
        on_load.run(Source::Custom(text.clone()));
        // Run: the draft is the scenario now. Not run: it stays, with its diagnostics.
        if run.source.with_untracked(|s| *s == Source::Custom(text)) {
            set_draft(None);
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = files::picked(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            match files::text_of(file).await {
                Some(text) => {
                    open.set(true);
                    set_draft(Some(text.clone()));
                    run_text(text);
                }
                None => run.problems.set(Problems::scenario(
                    String::new(),
                    vec![
                        vaultsim_core::Diagnostic::error(
                            vaultsim_core::codes::SCENARIO_UNREADABLE,
                            0..0,
                            "the file could not be read as text",
                        )
                        .with_help("choose a scenario document: JSON, in UTF-8"),
                    ],
                )),
            }
        });
    };
    let file_name = move || {
        run.source.with(|s| match s {
            Source::Builtin(name) => format!("{name}.json"),
            Source::Custom(_) => "vaultsim-scenario.json".to_string(),
        })
    };
    view! {
        <details
            class="scenario-editor"
            prop:open=move || open.get()
            on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
        >
            <summary data-testid="scenario-json-toggle">
                "Scenario JSON: read it, change it, import or export it"
                {move || draft.with(Option::is_some).then(|| view! { <span class="badge">"edited, not run"</span> })}
            </summary>
            <p class="muted">
                "Accounts, Regions, resources (their ARNs and tags), vaults (lock, air gap, access policy), "
                "plans (any form the plan editor reads), API calls at given times and faults. "
                "The scenario runs from its start; faults injected from the page are added to its own."
            </p>
            <textarea
                class="scenario-json"
                data-testid="scenario-json"
                aria-label="Scenario document, JSON"
                spellcheck="false"
                rows="18"
                prop:value=shown
                on:input=move |ev| set_draft(Some(event_target_value(&ev)))
            ></textarea>
            <div class="scenario-actions">
                <button
                    class="play"
                    data-testid="scenario-run"
                    on:click=move |_| run_text(draft.get_untracked().unwrap_or_else(|| running_text.get_untracked()))
                >
                    "Run this scenario"
                </button>
                <button
                    data-testid="scenario-discard"
                    prop:disabled=move || draft.with(Option::is_none)
                    on:click=move |_| {
                        set_draft(None);
                        run.problems.set(None);
                    }
                >
                    "Discard the edits"
                </button>
                <label class="file-button">
                    "Import a file…"
                    <input
                        type="file"
                        accept=".json,application/json"
                        data-testid="scenario-import"
                        on:change=import
                    />
                </label>
                <a
                    data-testid="scenario-export"
                    download=file_name
                    href="#"
                    on:click=move |ev| {
                        let text = run.source.with_untracked(Source::text);
                        event_target::<web_sys::HtmlAnchorElement>(&ev)
                            .set_href(&download_href("application/json", &text));
                    }
                >
                    "Export the running scenario"
                </a>
            </div>
        </details>
    }
}

/// Why the scenario last asked for cannot run — its document's or its plan's diagnostics — while
/// the simulation shown stays the last one that could.
#[component]
pub(super) fn ScenarioProblems(run: Run) -> impl IntoView {
    move || {
        run.problems
            .get()
            .filter(|p| !p.diagnostics.is_empty())
            .map(|Problems { what, text, diagnostics }| {
                let lead = if what == "plan" {
                    "The plan in the plan editor cannot run, so the simulation shown keeps the last good plan:"
                } else {
                    "This scenario cannot run, so the simulation shown is the last one that could:"
                };
                view! {
                    <div class="scenario-problems" data-testid="scenario-problems" role="alert">
                        <p class="stale-note">{lead}</p>
                        {diagnostics
                            .into_iter()
                            .map(|d| view! { <DiagnosticView diagnostic=d text=text.clone() what=what /> })
                            .collect_view()}
                    </div>
                }
            })
    }
}
