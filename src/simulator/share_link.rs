//! The share link: the page's address, which opens this moment of this run, and a note when the
//! scenario cannot travel in it (too large, or a browser that cannot compress it).

use leptos::prelude::*;

use super::run::Run;
use super::source::Carried;

#[component]
pub(super) fn ShareLink(run: Run) -> impl IntoView {
    let kept = run.kept;
    view! {
        <div class="share">
            <label for="share-link" class="field-label">"Share link: opens this moment of this run"</label>
            <input
                id="share-link"
                data-testid="share-link"
                readonly
                // The URL, each time the state is written to it.
                prop:value=move || {
                    kept.track();
                    web_sys::window()
                        .and_then(|w| w.location().href().ok())
                        .unwrap_or_default()
                }
            />
            {move || {
                let note = match run.link.get().1 {
                    Carried::InLink => return None,
                    Carried::InThisBrowser { too_large: true } => "This scenario is too large for a link: the link opens it in this browser only. Export it as JSON to share it.",
                    Carried::InThisBrowser { too_large: false } => "This browser cannot compress the scenario into a link (it has no CompressionStream): the link opens it in this browser only. Export it as JSON to share it.",
                    Carried::Nowhere { too_large: true } => "This scenario is too large for a link, and this browser would not keep it (storage is off or full): export it as JSON to keep it.",
                    Carried::Nowhere { too_large: false } => "This browser cannot compress the scenario into a link, and would not keep it (storage is off or full): export it as JSON to keep it.",
                };
                Some(view! { <p class="muted" data-testid="link-too-long">{note}</p> })
            }}
        </div>
    }
}
