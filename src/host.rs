//! The page's text conversions for the core ([`vaultsim_core::host`]): the browser's
//! `String.prototype.toLowerCase`, `toUpperCase` and `Number`, so the wasm carries neither std's Unicode case
//! tables nor its float parser. The core decides what is a number; the browser only converts.
//! tests/e2e/host-vectors.spec.ts checks both against the vectors std is checked against.

use vaultsim_core::host::{Host, install_host};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Number(text)`, called as a function: the double nearest to a numeral.
    #[wasm_bindgen(js_name = Number)]
    fn number(text: &str) -> f64;
}

struct Browser;

impl Host for Browser {
    fn lowercase(&self, text: &str) -> String {
        js_sys::JsString::from(text).to_lower_case().into()
    }

    fn uppercase(&self, text: &str) -> String {
        js_sys::JsString::from(text).to_upper_case().into()
    }

    fn decimal_to_f64(&self, numeral: &str) -> f64 {
        number(numeral)
    }
}

/// Installs the browser's conversions; call before the first document is read.
pub fn install() {
    install_host(&Browser);
}
