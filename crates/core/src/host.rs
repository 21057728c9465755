//! What the core takes from where it runs instead of carrying it: Unicode's lower- and upper-case
//! mappings (EventBridge's `equals-ignore-case`; the console's text output, whose keys the AWS CLI
//! upper-cases with Python's `str.upper`) and decimal-to-binary conversion (numbers in documents
//! and event patterns).
//!
//! Natively the standard library supplies both (the `std-text` feature, on by default). The page
//! installs the browser's — `String.prototype.toLowerCase`, `toUpperCase` and `Number` — so its wasm carries
//! neither std's case tables nor its float parser (27 KB gzipped together, measured on the
//! release wasm). Both sides implement the same standards: Unicode's default case conversion,
//! final sigma included, and IEEE 754 round-to-nearest-even. The shared vectors in
//! `tests/data/host-vectors.json` are checked against std here and against the browser by a
//! browser test. Time zones are taken the same way ([`crate::schedule::ZoneRules`]).
//!
//! What counts as a number stays here: [`parse_f64`] reads `str::parse::<f64>`'s grammar itself
//! and hands the host only a numeral it has checked, since `Number` reads more (`"0x1A"`, `""`).

use std::sync::OnceLock;

/// The two conversions the core asks of its host.
pub trait Host: Sync {
    /// `text` in lower case, by Unicode's default case conversion.
    fn lowercase(&self, text: &str) -> String;

    /// `text` in upper case, by Unicode's default (full) case conversion: `ß` is `SS`.
    fn uppercase(&self, text: &str) -> String;

    /// The double nearest to a decimal numeral (`[+-]digits[.digits][e[+-]digits]`, already
    /// checked), rounding half to even; ±infinity beyond the range of a double.
    fn decimal_to_f64(&self, numeral: &str) -> f64;
}

static INSTALLED: OnceLock<&'static dyn Host> = OnceLock::new();

/// Installs the host's conversions, for builds without `std-text` (the page). The first call
/// wins; returns whether this one did.
pub fn install_host(host: &'static dyn Host) -> bool {
    INSTALLED.set(host).is_ok()
}

/// The standard library's conversions.
#[cfg(feature = "std-text")]
struct Std;

#[cfg(feature = "std-text")]
impl Host for Std {
    fn lowercase(&self, text: &str) -> String {
        text.to_lowercase()
    }

    fn uppercase(&self, text: &str) -> String {
        text.to_uppercase()
    }

    fn decimal_to_f64(&self, numeral: &str) -> f64 {
        // The numeral is in the grammar `parse_f64` checked, which std reads in full.
        numeral.parse().unwrap_or(f64::NAN)
    }
}

fn host() -> &'static dyn Host {
    #[cfg(feature = "std-text")]
    let built_in: Option<&'static dyn Host> = Some(&Std);
    #[cfg(not(feature = "std-text"))]
    let built_in: Option<&'static dyn Host> = None;
    // Without std-text and before install_host, nothing can convert: a build that leaves out
    // std's tables must install its own before its first document, as the page's main does.
    INSTALLED
        .get()
        .copied()
        .or(built_in)
        .expect("a build without the std-text feature calls host::install_host first")
}

/// `text` in lower case, as Unicode's default case conversion has it.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    host().lowercase(text)
}

/// `text` in upper case, as Unicode's default case conversion has it.
pub fn uppercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_uppercase();
    }
    host().uppercase(text)
}

/// `text` read as `str::parse::<f64>` reads it: an optional sign, then `inf`, `infinity` or `nan`
/// in any case, or digits with an optional fraction and exponent (`1`, `1.`, `.5`, `2.5E-3`).
pub fn parse_f64(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let signed = |x: f64| if negative { -x } else { x };
    if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        return Some(signed(f64::INFINITY));
    }
    if body.eq_ignore_ascii_case("nan") {
        return Some(f64::NAN);
    }
    let bytes = body.as_bytes();
    let digits_from = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let whole_end = digits_from(0);
    let mut end = whole_end;
    let mut fraction_digits = 0;
    if bytes.get(end) == Some(&b'.') {
        let fraction_end = digits_from(end + 1);
        fraction_digits = fraction_end - end - 1;
        end = fraction_end;
    }
    if whole_end == 0 && fraction_digits == 0 {
        return None;
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
        let exponent_end = digits_from(end + 1 + sign);
        if exponent_end == end + 1 + sign {
            return None;
        }
        end = exponent_end;
    }
    if end != bytes.len() {
        return None;
    }
    Some(host().decimal_to_f64(text))
}

#[cfg(all(test, feature = "std-text"))]
mod tests {
    use super::*;

    /// The vectors the page's browser test checks `toLowerCase` and `Number` against.
    fn vectors() -> serde_json::Value {
        serde_json::from_str(include_str!("../tests/data/host-vectors.json")).unwrap()
    }

    #[test]
    fn std_lowercases_every_shared_vector_as_written() {
        let root = vectors();
        let cases = root["lowercase"].as_array().unwrap();
        assert!(cases.len() >= 8);
        for case in cases {
            let [text, lower] = case.as_array().unwrap().as_slice() else {
                panic!("a pair")
            };
            let (text, lower) = (text.as_str().unwrap(), lower.as_str().unwrap());
            assert_eq!(lowercase(text), lower, "{text}");
            assert_eq!(text.to_lowercase(), lower, "{text}");
        }
    }

    #[test]
    fn std_uppercases_every_shared_vector_as_written() {
        let root = vectors();
        let cases = root["uppercase"].as_array().unwrap();
        assert!(cases.len() >= 8);
        for case in cases {
            let [text, upper] = case.as_array().unwrap().as_slice() else {
                panic!("a pair")
            };
            let (text, upper) = (text.as_str().unwrap(), upper.as_str().unwrap());
            assert_eq!(uppercase(text), upper, "{text}");
            assert_eq!(text.to_uppercase(), upper, "{text}");
        }
    }

    #[test]
    fn every_shared_numeral_reads_to_the_bits_written_beside_it() {
        let root = vectors();
        let cases = root["decimal"].as_array().unwrap();
        assert!(cases.len() >= 10);
        for case in cases {
            let [numeral, bits] = case.as_array().unwrap().as_slice() else {
                panic!("a pair")
            };
            let (numeral, bits) = (numeral.as_str().unwrap(), bits.as_str().unwrap());
            let bits = u64::from_str_radix(bits, 16).unwrap();
            assert_eq!(
                parse_f64(numeral).map(f64::to_bits),
                Some(bits),
                "{numeral}"
            );
            assert_eq!(
                numeral.parse::<f64>().map(f64::to_bits),
                Ok(bits),
                "{numeral}"
            );
        }
    }

    #[test]
    fn the_grammar_is_std_s_exactly() {
        let texts = [
            "",
            "+",
            "-",
            ".",
            "e5",
            "1e",
            "1e+",
            "1.5.2",
            " 1",
            "1 ",
            "0x1A",
            "1_000",
            "--1",
            "+-1",
            "inf",
            "-Infinity",
            "NaN",
            "+nan",
            "infinite",
            "1.",
            ".5",
            "-.5e-3",
            "007",
            "1E+3",
            "5e",
            "١",
            "1,5",
        ];
        for text in texts {
            assert_eq!(
                parse_f64(text).map(f64::to_bits),
                text.parse::<f64>().ok().map(f64::to_bits),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_as_std_reads_it(text in "[-+0-9.eE_ainfINF]{0,12}") {
            proptest::prop_assert_eq!(
                parse_f64(&text).map(f64::to_bits),
                text.parse::<f64>().ok().map(f64::to_bits)
            );
        }
    }
}
