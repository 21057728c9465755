//! Text with the glossary's terms marked (vaultsim_core::glossary): each explained on hover
//! and on keyboard focus.

use leptos::prelude::*;
use vaultsim_core::glossary;

/// `text`, with the first use of each term marked.
pub fn glossed(text: &str) -> impl IntoView + use<> {
    let mut parts = Vec::new();
    let mut at = 0;
    for (range, term) in glossary::find(text) {
        if range.start > at {
            parts.push(text[at..range.start].to_string().into_any());
        }
        let word = text[range.clone()].to_string();
        parts.push(
            view! {
                <abbr class="term" tabindex="0" title=term.meaning data-term=term.name()>
                    {word}
                </abbr>
            }
            .into_any(),
        );
        at = range.end;
    }
    if at < text.len() {
        parts.push(text[at..].to_string().into_any());
    }
    parts
}
