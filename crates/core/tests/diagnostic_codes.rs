//! The diagnostics registry (`vaultsim_core::codes`): every code's example raises that code in
//! its checker, with one of the code's registered severities, so examples cannot rot; codes are
//! unique and kebab-case, and each entry says what it means and where its evidence is.

use std::collections::HashSet;

use vaultsim_core::codes::{self, REGISTRY};
use vaultsim_core::explain::{Lookup, lookup, run_example};

#[test]
fn every_example_raises_its_code() {
    let mut failures = Vec::new();
    for entry in REGISTRY {
        let Some(diagnostics) = run_example(entry) else {
            assert!(!entry.checker.runs_natively(), "{}", entry.code);
            continue;
        };
        let raised: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.code == entry.code.as_str())
            .collect();
        if raised.is_empty() {
            let got: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
            failures.push(format!("{}: example raised {got:?}", entry.code));
        }
        for d in raised {
            assert!(
                entry.severities.contains(&d.severity),
                "{} raised as {} (registered {:?})",
                entry.code,
                d.severity,
                entry.severities
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_code_an_example_raises_is_registered() {
    for entry in REGISTRY {
        for d in run_example(entry).unwrap_or_default() {
            let registered =
                codes::lookup(d.code).unwrap_or_else(|| panic!("{} is not registered", d.code));
            assert!(
                registered.severities.contains(&d.severity),
                "{} raised as {} by {}'s example",
                d.code,
                d.severity,
                entry.code
            );
        }
    }
}

#[test]
fn codes_are_unique_and_kebab_case() {
    let mut seen = HashSet::new();
    for entry in REGISTRY {
        let code = entry.code.as_str();
        assert!(seen.insert(code), "{code} is registered twice");
        let kebab = !code.is_empty()
            && !code.starts_with('-')
            && !code.ends_with('-')
            && !code.contains("--")
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        assert!(kebab, "{code} is not kebab-case");
        assert!(!entry.summary.is_empty(), "{code} has no summary");
        assert!(!entry.evidence.is_empty(), "{code} has no evidence");
        assert!(!entry.severities.is_empty(), "{code} has no severity");
    }
}

#[test]
fn a_code_is_looked_up_and_a_misspelt_one_gets_the_nearest() {
    assert!(
        matches!(lookup("start-window-too-short"), Lookup::Found(e) if e.code == "start-window-too-short")
    );
    assert_eq!(
        lookup("start-window-to-short"),
        Lookup::Unknown {
            nearest: Some("start-window-too-short")
        }
    );
    assert_eq!(
        lookup("no-such-thing-at-all"),
        Lookup::Unknown { nearest: None }
    );
}

/// An example shows its own code: it raises no other error, except where the mistake cannot be
/// written without one (an unclosed string also ends the document; aliases are themselves
/// refused by CloudFormation).
#[test]
fn an_example_raises_no_other_error() {
    let unavoidable = [
        ("json-unclosed-string", "json-syntax"),
        ("yaml-aliases-too-large", "yaml-alias"),
    ];
    for entry in REGISTRY {
        for d in run_example(entry).unwrap_or_default() {
            if d.is_error() && d.code != entry.code.as_str() {
                assert!(
                    unavoidable.contains(&(entry.code.as_str(), d.code)),
                    "{}'s example also raises {}: {}",
                    entry.code,
                    d.code,
                    d.message
                );
            }
        }
    }
}
