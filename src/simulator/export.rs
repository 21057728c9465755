//! A diagram's exports: the SVG as drawn (carrying the palette and the diagram styles, so the
//! file looks as the page does), and the same diagram as Mermaid text to paste into docs.

use leptos::html;
use leptos::prelude::*;

use crate::files::download_href;

/// What an exported SVG carries inside: the page's palette and the diagrams' styles.
const SVG_STYLE: &str = concat!(
    include_str!("../../www/theme.css"),
    include_str!("../../www/diagrams.css")
);

/// The first SVG drawn in `container`, as a standalone SVG document.
fn svg_document(container: &web_sys::Element) -> Option<String> {
    let svg = container.query_selector("svg").ok()??;
    let drawn = svg.outer_html();
    // The page's SVG is HTML-serialised: a file needs the SVG namespace, and its styles.
    let body = drawn.strip_prefix("<svg")?;
    let background = "<rect width=\"100%\" height=\"100%\" style=\"fill: var(--surface)\"/>";
    let (attributes, inner) = body.split_once('>')?;
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"{attributes}><style>{}</style>{background}{inner}",
        SVG_STYLE.replace("]]>", "")
    ))
}

/// "Download SVG", "Download Mermaid" and the Mermaid text, for the diagram drawn in
/// `container`. The texts are written when asked for, not on each step.
#[component]
pub(super) fn DiagramExports(
    container: NodeRef<html::Div>,
    /// The file's name and the test id's stem: `vaultsim-{name}.svg`, `{name}-mermaid`.
    name: &'static str,
    mermaid: Callback<(), String>,
    /// Redraws the Mermaid text shown when the simulation moves.
    moved: RwSignal<u64>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <p class="exports">
            <a
                data-testid=format!("export-{name}-svg")
                download=format!("vaultsim-{name}.svg")
                href="#"
                on:click=move |ev| {
                    let svg = container
                        .get_untracked()
                        .and_then(|c| svg_document(&c))
                        .unwrap_or_default();
                    event_target::<web_sys::HtmlAnchorElement>(&ev)
                        .set_href(&download_href("image/svg+xml", &svg));
                }
            >
                "Download SVG"
            </a>
            " · "
            <a
                data-testid=format!("export-{name}-mermaid")
                download=format!("vaultsim-{name}.mmd")
                href="#"
                on:click=move |ev| {
                    let text = mermaid.run(());
                    event_target::<web_sys::HtmlAnchorElement>(&ev)
                        .set_href(&download_href("text/vnd.mermaid", &text));
                }
            >
                "Download Mermaid"
            </a>
        </p>
        <details
            class="mermaid"
            on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
        >
            <summary data-testid=format!("{name}-mermaid-toggle")>"As Mermaid"</summary>
            {move || {
                open.get()
                    .then(|| {
                        moved.track();
                        view! { <pre data-testid=format!("{name}-mermaid")>{mermaid.run(())}</pre> }
                    })
            }}
        </details>
    }
}
