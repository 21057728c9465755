//! Where the simulated scenario comes from: a built-in by name, or a scenario document the user
//! wrote, imported or changed (its plan edited in the plan editor). A built-in travels in a link
//! by its name; a custom document travels deflated, in URL-safe base64, so that opening the link
//! runs the very same scenario.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use vaultsim_core::Diagnostic;
use vaultsim_core::scenario::{BUILTINS, Scenario};

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

/// The URL parameters of a source: `scenario` and `custom`, each set or removed.
pub(super) type LinkParams = [(&'static str, Option<String>); 2];

/// Where the link finds the scenario's document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Carried {
    /// In the link itself (a built-in by name, or a document deflated).
    InLink,
    /// In this browser's storage: the document is too large for a link.
    InThisBrowser,
    /// Nowhere: too large for a link, and the browser would not keep it.
    Nowhere,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Source {
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
    pub fn from_url() -> Option<Source> {
        if let Some(data) = url_state::get("custom") {
            let text = if data == STORED {
                url_state::load(STORAGE_KEY)
            } else {
                inflate(&data)
            };
            return text.map(Source::Custom);
        }
        Source::builtin(&url_state::get("scenario")?)
    }

    /// The URL parameters that bring this source back (`scenario` or `custom`), and how the
    /// link carries the document.
    pub fn url_params(&self) -> (LinkParams, Carried) {
        match self {
            Source::Builtin(name) => (
                [("scenario", Some(name.to_string())), ("custom", None)],
                Carried::InLink,
            ),
            Source::Custom(text) => {
                let data = deflate(text);
                let (data, carried) = if data.len() <= MAX_LINK_CHARS {
                    (data, Carried::InLink)
                } else if url_state::store(STORAGE_KEY, text) {
                    (STORED.to_string(), Carried::InThisBrowser)
                } else {
                    (STORED.to_string(), Carried::Nowhere)
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

/// The text deflated (best compression) and written in URL-safe base64 without padding.
pub(super) fn deflate(text: &str) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9))
}

/// The text of [`deflate`]'s output; none for anything else.
pub(super) fn inflate(data: &str) -> Option<String> {
    let bytes = URL_SAFE_NO_PAD.decode(data.trim()).ok()?;
    let inflated = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_INFLATED).ok()?;
    String::from_utf8(inflated).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_survives_deflate_and_inflate_byte_for_byte() {
        let text = Source::Builtin("three-tier-web-app").text();
        let data = deflate(&text);
        assert!(
            data.len() < text.len() / 2,
            "{} of {}",
            data.len(),
            text.len()
        );
        assert!(
            data.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert_eq!(inflate(&data).as_deref(), Some(text.as_str()));
    }

    #[test]
    fn a_damaged_link_inflates_to_nothing() {
        let data = deflate("{\"StartTime\": \"2024-01-01T00:00:00Z\"}");
        assert_eq!(inflate(&data[..data.len() / 2]), None);
        assert_eq!(inflate("not base64 at all!"), None);
        assert_eq!(inflate(""), None);
    }

    #[test]
    fn every_builtin_written_out_reads_back_as_itself() {
        for name in BUILTINS.iter().filter(|n| **n != "fleet-10k") {
            let source = Source::Builtin(name);
            let again = Source::Custom(source.text()).scenario();
            assert_eq!(again.ok(), source.scenario().ok(), "{name}");
        }
    }
}
