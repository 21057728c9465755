//! Files the user takes away and brings: a download link's URL for text the page made (a
//! diagram, a scenario, the event log, lesson progress), and the text of a file the user picked.

use wasm_bindgen::JsCast;

/// A URL of `text`, for a download link: an object URL of a blob (a fleet's events are tens of
/// megabytes, past what browsers take in a `data:` URL). The previous one is let go, as each
/// link makes its URL anew when clicked.
pub fn download_href(mime: &str, text: &str) -> String {
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

/// The file picked in the `<input type=file>` an event came from; the input is emptied, so the
/// same file picked again is read again.
pub fn picked(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0))?;
    input.set_value("");
    Some(file)
}

/// A picked file's text; None when the browser could not read it as text.
pub async fn text_of(file: web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|t| t.as_string())
}
