//! The page's state kept in its URL query (the panel shown, the playground's inputs), so a link
//! shows the same thing and a reload keeps what was typed; and the browser's storage, for what a
//! URL is too small for (the plan editor's text, through plan_text.rs; the simulator's state).

use web_sys::UrlSearchParams;

/// Reads `name` from the current URL's query.
pub fn get(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// How a change to the query is recorded in the browser's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum History {
    /// Replaces the current entry: for edits, which would flood the Back button.
    Replace,
    /// Adds an entry: for navigation, so Back returns to where the user was.
    Push,
}

/// Sets each `(name, Some(value))` and removes each `(name, None)` in the query, keeping the
/// parameters other panels own.
pub fn update(changes: &[(&str, Option<&str>)], history: History) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let search = window.location().search().unwrap_or_default();
    let Ok(params) = UrlSearchParams::new_with_str(&search) else {
        return;
    };
    for (name, value) in changes {
        match value {
            Some(value) => params.set(name, value),
            None => params.delete(name),
        }
    }
    let query: String = params.to_string().into();
    let path = window.location().pathname().unwrap_or_default();
    let hash = window.location().hash().unwrap_or_default();
    let url = if query.is_empty() {
        format!("{path}{hash}")
    } else {
        format!("{path}?{query}{hash}")
    };
    if let Ok(h) = window.history() {
        let state = wasm_bindgen::JsValue::NULL;
        let _ = match history {
            History::Replace => h.replace_state_with_url(&state, "", Some(&url)),
            History::Push => h.push_state_with_url(&state, "", Some(&url)),
        };
    }
}

/// The browser's local storage, when the page may use it.
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads `key` from local storage.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes `value` under `key` in local storage; false when the browser refused (storage off,
/// or full).
pub fn store(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Removes `key` from local storage.
pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}
