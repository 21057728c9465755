//! A diagram's exports: the SVG as drawn (carrying the palette and the diagram styles, so the
//! file looks as the page does), and the same diagram as Mermaid text to paste into docs.

use leptos::html;
use leptos::prelude::*;

/// What an exported SVG carries inside: the page's palette and the diagrams' styles.
const SVG_STYLE: &str = concat!(
    include_str!("../../www/theme.css"),
    include_str!("../../www/diagrams.css")
);

/// A URL of `text`, for a download link: an object URL of a blob (a fleet's events are tens of
/// megabytes, past what browsers take in a `data:` URL). The previous one is let go, as each
/// link makes its URL anew when clicked.
pub(super) fn download_href(mime: &str, text: &str) -> String {
    use std::cell::RefCell;
    thread_local! {
        static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&format!("{mime};charset=utf-8"));
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let url = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .and_then(|blob| web_sys::Url::create_object_url_with_blob(&blob));
    match url {
        Ok(url) => {
            if let Some(old) = LAST.with(|last| last.replace(Some(url.clone()))) {
                let _ = web_sys::Url::revoke_object_url(&old);
            }
            url
        }
        // No blobs here: a data: URL does for what is small enough.
        Err(_) => {
            let encoded: String = js_sys::encode_uri_component(text).into();
            format!("data:{mime};charset=utf-8,{encoded}")
        }
    }
}

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
