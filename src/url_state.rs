//! The playground's inputs kept in the page's URL query, so a link shows the same schedule and
//! a reload keeps what was typed.

use web_sys::UrlSearchParams;

/// Reads `name` from the current URL's query.
pub fn get(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// Replaces the query with `pairs`, without adding a history entry.
pub fn replace(pairs: &[(&str, &str)]) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(params) = UrlSearchParams::new() else {
        return;
    };
    for (name, value) in pairs {
        params.append(name, value);
    }
    let query: String = params.to_string().into();
    let path = window.location().pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let url = format!("{path}?{query}");
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
