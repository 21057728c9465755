//! A diagnostic code's explanation beside the finding: the core's registry entry (what the code
//! means, its severity, its evidence and an example), the same text `vaultsim explain CODE`
//! prints, in a `<details>` that renders its body only once opened.
//!
//! The entries' text is not in the wasm: Trunk writes `vaultsim explain --list --format json`
//! beside it as `codes.json` (Trunk.toml's hook), and the page fetches that file the first time a
//! visitor opens an explanation. In the wasm the text cost 10 KB gzipped (measured).

use std::cell::Cell;
use std::sync::Arc;

use leptos::prelude::*;
use vaultsim_core::document::{Node, parse_json};

/// The registry file, beside the page.
const REGISTRY_FILE: &str = "codes.json";

/// One entry of the registry file (`Entry::to_json` in the core).
struct Explanation {
    code: String,
    severities: String,
    summary: String,
    evidence: String,
    checker: String,
    example: String,
}

/// The registry file as read: every entry, or why it could not be read.
type Registry = Result<Arc<Vec<Explanation>>, String>;

thread_local! {
    /// The registry, once fetched (`None` until then): every explanation on the page reads it.
    static REGISTRY: ArcRwSignal<Option<Registry>> = ArcRwSignal::new(None);
    /// Whether the file has been asked for: a second explanation opened before it arrives waits
    /// for the same answer.
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

/// Fetches the registry file unless it has been asked for (or fetches it again after a failed
/// fetch): called when an explanation is opened.
fn ask() {
    if !ASKED.replace(true) {
        let fetched = REGISTRY.with(Clone::clone);
        leptos::task::spawn_local(async move {
            let answer = fetch().await.map(Arc::new);
            ASKED.set(answer.is_ok());
            fetched.set(Some(answer));
        });
    }
}

async fn fetch() -> Result<Vec<Explanation>, String> {
    let text = crate::fetched::text(REGISTRY_FILE).await?;
    let root = parse_json(&text)
        .strict()
        .map_err(|_| format!("{REGISTRY_FILE} could not be read"))?;
    Ok(root.items().iter().filter_map(read).collect())
}

fn read(entry: &Node) -> Option<Explanation> {
    let text = |name: &str| entry.get(name)?.as_str().map(str::to_string);
    let severities: Vec<&str> = (entry.get("severities")?.items().iter())
        .filter_map(Node::as_str)
        .collect();
    Some(Explanation {
        code: text("code")?,
        severities: severities.join(", "),
        summary: text("summary")?,
        evidence: text("evidence")?,
        checker: text("checker")?,
        example: text("example")?,
    })
}

#[component]
pub fn CodeExplanation(
    /// The diagnostic's code, as `Diagnostic.code` has it.
    #[prop(into)]
    code: Signal<&'static str>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let body = move || {
        let registry = REGISTRY.with(Clone::clone);
        let code = code.get();
        registry.with(|registry| match registry {
            None => view! { <p class="muted">"Loading the explanation…"</p> }.into_any(),
            Some(Err(why)) => view! {
                <p class="muted">{format!("{why}: ")} <code>"vaultsim explain " {code}</code> " prints it."</p>
            }
            .into_any(),
            Some(Ok(all)) => match all.iter().find(|e| e.code == code) {
                None => view! { <p class="muted">{format!("{code} is not in {REGISTRY_FILE}.")}</p> }.into_any(),
                Some(entry) => view! {
                    <p class="explanation-summary">{entry.summary.clone()}</p>
                    <p class="explanation-fact">"Severity: " {entry.severities.clone()}</p>
                    <p class="explanation-fact">"Evidence: " {entry.evidence.clone()}</p>
                    <p class="explanation-fact">"Example, in " {entry.checker.clone()} ":"</p>
                    <pre class="explanation-example">{entry.example.clone()}</pre>
                    <p class="explanation-fact">"On the command line: " <code>"vaultsim explain " {entry.code.clone()}</code></p>
                }
                .into_any(),
            },
        })
    };
    view! {
        <details
            class="code-explanation"
            data-testid="code-explanation"
            on:toggle=move |ev| {
                let opened = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                if opened {
                    ask();
                }
                open.set(opened);
            }
        >
            <summary>"What " <code>{code}</code> " means"</summary>
            <Show when=move || open.get()>{body}</Show>
        </details>
    }
}
