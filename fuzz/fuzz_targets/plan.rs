//! Any bytes as a plan document (JSON or YAML): reading, checking and the effective plan must
//! never panic, and every finding and every node must point into the text.
//! `cargo +nightly fuzz run plan` (from this directory's parent).
#![no_main]

use std::ops::Range;

use chrono::DateTime;
use libfuzzer_sys::fuzz_target;
use vaultsim_core::Diagnostic;
use vaultsim_core::document::{Node, Value, line_column, parse_json, parse_yaml};
use vaultsim_core::plan::{CheckOptions, check, effective_plan};

/// A span lies within the text, in order, and on character boundaries.
fn assert_span(text: &str, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} cuts a character"
    );
}

fn assert_diagnostic(text: &str, d: &Diagnostic) {
    assert_span(text, &d.span, d.code);
    if let Some(p) = &d.pointer {
        assert!(
            p.is_empty() || p.starts_with('/'),
            "{}: pointer {p:?}",
            d.code
        );
    }
}

/// Every node's and key's span lies within the text (a YAML alias's copy keeps its anchor's
/// span, so a span need not lie inside its parent's).
fn assert_tree(text: &str, node: &Node) {
    assert_span(text, &node.span, "node");
    match &node.value {
        Value::Array(items) => {
            for item in items {
                assert_tree(text, item);
            }
        }
        Value::Object(members) => {
            for m in members {
                assert_span(text, &m.key_span, "key");
                assert_tree(text, &m.value);
            }
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();

    for parsed in [parse_json(text), parse_yaml(text)] {
        for d in &parsed.diagnostics {
            assert_diagnostic(text, d);
        }
        if let Some(root) = &parsed.root {
            assert_tree(text, root);
        }
    }

    let options = CheckOptions {
        now: DateTime::from_timestamp(1_705_276_800, 0).unwrap(), // 2024-01-15T00:00:00Z
    };
    let checked = check(text, &options);
    let mut previous = 0;
    for f in &checked.findings {
        let d = &f.diagnostic;
        assert_diagnostic(text, d);
        assert!(
            f.line >= 1 && f.column >= 1,
            "{}: {}:{}",
            d.code,
            f.line,
            f.column
        );
        assert_eq!((f.line, f.column), line_column(text, d.span.start));
        assert!(d.span.start >= previous, "findings out of order");
        previous = d.span.start;
        let _ = d.render("plan", text);
    }
    if let (Some(root), Some(form)) = (&checked.root, checked.form) {
        let _ = effective_plan(root, form);
    }
});
