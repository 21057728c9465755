//! Where the simulated scenario comes from: a built-in by name, or a scenario document the user
//! wrote, imported or changed (its plan edited in the plan editor). A built-in travels in a link
//! by its name; a custom document travels deflated (raw DEFLATE), in URL-safe base64 without
//! padding, so that opening the link runs the very same scenario.
//!
//! The browser deflates and inflates (`CompressionStream`, `DecompressionStream`), which it does
//! only asynchronously: the page inflates what a link carries before it first reads the URL
//! ([`inflate_ahead`]), and the link follows a new custom document a moment after it runs. A
//! compression library of our own cost the wasm 16 KB gzipped (miniz_oxide and base64, measured).

use std::cell::RefCell;

use vaultsim_core::Diagnostic;
use vaultsim_core::scenario::{BUILTINS, Scenario};
use wasm_bindgen::prelude::*;

use crate::url_state;

/// A custom scenario whose link would be longer than this is kept in the browser's storage
/// only: browsers and chat tools cut long URLs, and such a link would not work when shared.
const MAX_LINK_CHARS: usize = 24_000;
/// Where a custom scenario too large for a link is kept, in the browser's storage.
const STORAGE_KEY: &str = "vaultsim.simulator.custom";
/// What the URL says for a custom scenario kept in storage.
const STORED: &str = "local";
/// A compressed scenario is at most this large once inflated: a bad link cannot use up memory.
const MAX_INFLATED: usize = 16 << 20;

#[wasm_bindgen(inline_js = r#"
function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// Both answer undefined rather than throw (a browser without the streams, a bad link): a rejected
// promise would end the wasm.
export async function deflateLink(text) {
  try {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
  } catch {
    return undefined;
  }
}

export async function inflateLink(data, limit) {
  if (!/^[A-Za-z0-9_-]+$/.test(data)) return undefined;
  try {
    const bytes = Uint8Array.from(atob(data.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        reader.cancel();
        return undefined;
      }
      chunks.push(value);
    }
    const joined = new Uint8Array(await new Blob(chunks).arrayBuffer());
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(joined);
  } catch {
    return undefined;
  }
}
"#)]
extern "C" {
    /// The text deflated and written in URL-safe base64 without padding.
    #[wasm_bindgen(js_name = deflateLink)]
    async fn deflate_link(text: &str) -> JsValue;

    /// The text of `deflateLink`'s output; `undefined` for anything else, and for a text
    /// larger than `limit` bytes once inflated.
    #[wasm_bindgen(js_name = inflateLink)]
    async fn inflate_link(data: &str, limit: f64) -> JsValue;
}

thread_local! {
    /// What [`inflate_ahead`] read: (the link's data, the document).
    static INFLATED: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// The URL parameters of a source: `scenario` and `custom`, each set or removed.
pub(super) type LinkParams = [(&'static str, Option<String>); 2];

/// Where the link finds the scenario's document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Carried {
    /// In the link itself (a built-in by name, or a document deflated).
    InLink,
    /// In this browser's storage: the document is too large for a link, or the browser could
    /// not compress it (`too_large` false).
    InThisBrowser { too_large: bool },
    /// Nowhere: not in a link, as above, and the browser would not keep it.
    Nowhere { too_large: bool },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Builtin(&'static str),
    /// A scenario document's text, exactly as the user has it.
    Custom(String),
}

impl Source {
    pub fn builtin(name: &str) -> Option<Source> {
        BUILTINS
            .iter()
            .find(|b| **b == name)
            .map(|b| Source::Builtin(b))
    }

    /// The source a link asks for: `custom` (a compressed document, or `local`) or `scenario`.
    /// A compressed document is read by [`inflate_ahead`] first.
    pub fn from_url() -> Option<Source> {
        if let Some(data) = url_state::get("custom") {
            let text = if data == STORED {
                url_state::load(STORAGE_KEY)
            } else {
                INFLATED.with_borrow(|read| {
                    (read.iter())
                        .find(|(d, _)| *d == data.trim())
                        .map(|(_, text)| text.clone())
                })
            };
            return text.map(Source::Custom);
        }
        Source::builtin(&url_state::get("scenario")?)
    }

    /// The URL parameters of this source as the URL has them now: for a source read from the
    /// URL, before [`url_params`](Source::url_params) has deflated it again.
    pub(super) fn params_in_url(&self) -> (LinkParams, Carried) {
        match self {
            Source::Builtin(name) => Self::builtin_params(name),
            Source::Custom(_) => {
                let data = url_state::get("custom");
                // Kept in the browser, most likely for its size: the reason is not in the URL.
                let carried = match data.as_deref() {
                    Some(STORED) => Carried::InThisBrowser { too_large: true },
                    _ => Carried::InLink,
                };
                ([("scenario", None), ("custom", data)], carried)
            }
        }
    }

    fn builtin_params(name: &str) -> (LinkParams, Carried) {
        (
            [("scenario", Some(name.to_string())), ("custom", None)],
            Carried::InLink,
        )
    }

    /// The URL parameters that bring this source back (`scenario` or `custom`), and how the
    /// link carries the document.
    pub(super) async fn url_params(&self) -> (LinkParams, Carried) {
        match self {
            Source::Builtin(name) => Self::builtin_params(name),
            Source::Custom(text) => {
                let data = deflate_link(text).await.as_string();
                let too_large = data.as_ref().is_some_and(|d| d.len() > MAX_LINK_CHARS);
                let (data, carried) = match data {
                    Some(data) if !too_large => (data, Carried::InLink),
                    _ if url_state::store(STORAGE_KEY, text) => {
                        (STORED.to_string(), Carried::InThisBrowser { too_large })
                    }
                    _ => (STORED.to_string(), Carried::Nowhere { too_large }),
                };
                ([("scenario", None), ("custom", Some(data))], carried)
            }
        }
    }

    /// The scenario, or what is wrong with the document.
    pub fn scenario(&self) -> Result<Scenario, Vec<Diagnostic>> {
        match self {
            Source::Builtin(name) => Scenario::builtin(name).ok_or_else(Vec::new),
            Source::Custom(text) => Scenario::from_json(text),
        }
    }

    /// The document's text: a built-in's is written out, indented.
    pub fn text(&self) -> String {
        match self {
            Source::Builtin(name) => Scenario::builtin(name)
                .and_then(|s| serde_json::to_string_pretty(&s).ok())
                .unwrap_or_default(),
            Source::Custom(text) => text.clone(),
        }
    }
}

/// Inflates what a link carries (`data`, its `custom` parameter) for [`Source::from_url`].
pub async fn inflate_ahead(data: &str) {
    let data = data.trim();
    if data == STORED || INFLATED.with_borrow(|read| read.iter().any(|(d, _)| d == data)) {
        return;
    }
    if let Some(text) = inflate_link(data, MAX_INFLATED as f64).await.as_string() {
        INFLATED.with_borrow_mut(|read| read.push((data.to_string(), text)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_written_out_reads_back_as_itself() {
        for name in BUILTINS.iter().filter(|n| **n != "fleet-10k") {
            let source = Source::Builtin(name);
            let again = Source::Custom(source.text()).scenario();
            assert_eq!(again.ok(), source.scenario().ok(), "{name}");
        }
    }
}
