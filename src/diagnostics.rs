//! A diagnostic shown against the text it is about: the message, the text with the offending
//! characters marked, the help line, and what its code means.

use leptos::prelude::*;
use vaultsim_core::Diagnostic;

use crate::explain::CodeExplanation;

#[component]
pub fn DiagnosticView(
    diagnostic: Diagnostic,
    /// The text the diagnostic's span points into.
    text: String,
    /// What the text is ("expression", "time zone"), for screen readers.
    what: &'static str,
) -> impl IntoView {
    let severity = diagnostic.severity.as_str();
    let (start, end) = clamp(&text, diagnostic.span.clone());
    // In a document of many lines, the lines the span is on: not the whole document.
    let first = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let last = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let line = text[..start].matches('\n').count() + 1;
    let before = text[first..start].to_string();
    let marked = text[start..end].to_string();
    let after = text[end..last].to_string();
    let point = marked.is_empty();
    let column = text[first..start].chars().count() + 1;
    let place = if text.contains('\n') {
        format!("{what}, line {line}, column {column}")
    } else {
        format!("{what}, column {column}")
    };
    view! {
        <div class=format!("diagnostic {severity}") role=if severity == "error" { "alert" } else { "status" }>
            <div class="diagnostic-head">
                <span class="severity">{severity}</span>
                <code class="diagnostic-code">{diagnostic.code}</code>
                <span class="diagnostic-message">{diagnostic.message.clone()}</span>
            </div>
            <pre class="diagnostic-source" aria-label=place.clone() title=place>
                {before}
                <mark class:point=point>{if point { " ".to_string() } else { marked }}</mark>
                {after}
            </pre>
            {(!diagnostic.help.is_empty())
                .then(|| view! { <p class="diagnostic-help">"help: " {diagnostic.help.clone()}</p> })}
            <CodeExplanation code=diagnostic.code />
        </div>
    }
}

/// The span, kept inside the text and on character boundaries.
fn clamp(text: &str, span: std::ops::Range<usize>) -> (usize, usize) {
    let start = text.floor_char_boundary(span.start);
    (start, text.floor_char_boundary(span.end).max(start))
}
