//! Files the page fetches from beside itself when first needed, rather than carrying them in the
//! wasm: the diagnostic registry's text (src/explain.rs) and the console's API model
//! (src/simulator/console.rs).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The text of `file`, beside the page; or why it could not be had, naming the file.
pub async fn text(file: &str) -> Result<String, String> {
    let failed = |what: &str| format!("{file} could not be {what}");
    let window = web_sys::window().ok_or_else(|| failed("fetched"))?;
    let response = JsFuture::from(window.fetch_with_str(file))
        .await
        .map_err(|_| failed("fetched"))?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| failed("fetched"))?;
    if !response.ok() {
        return Err(format!("{file} answered {}", response.status()));
    }
    JsFuture::from(response.text().map_err(|_| failed("read"))?)
        .await
        .map_err(|_| failed("read"))?
        .as_string()
        .ok_or_else(|| failed("read"))
}
