//! `vaultsim_core::services` says, cell by cell, what AWS's "Feature availability by resource"
//! table says: the copy of it vendored in `data/reference/docs/feature-availability.md`
//! (transcribed from
//! https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-feature-availability.html#features-by-resource,
//! with the notes that settle each cell). The table is read from that file, so an edit to
//! either the table or `services.rs` without the other fails here.
//!
//! A cell's text, with its bracketed note numbers left out, reads: `Y` / `N` stated by AWS;
//! `Y·m` / `N·m` inferred from AWS's text; `Y?` / `N?` unsettled; `?` nothing read (the value is
//! vaultsim's assumption, so only the evidence is checked); `Y only with opt-in` supported,
//! stated, only with the archive opt-in.

use vaultsim_core::services::{Evidence, Feature, Service};

const TABLE: &str = include_str!("../data/reference/docs/feature-availability.md");

/// What a cell of the table says: the value (`None` for `?`, nothing read), the evidence, and
/// whether support needs the archive opt-in.
#[derive(Debug, PartialEq)]
struct Expected {
    supported: Option<bool>,
    evidence: Evidence,
    only_with_archive_opt_in: bool,
}

/// The table's heading cells and rows, each row its label and cells, as written.
fn read_table() -> (Vec<String>, Vec<(String, Vec<String>)>) {
    let cells = |line: &str| -> Vec<String> {
        let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
        inner.split('|').map(|c| c.trim().to_string()).collect()
    };
    let mut lines = TABLE
        .lines()
        .skip_while(|l| !l.starts_with("| Resource type |"));
    let heading = cells(lines.next().expect("the table's heading line"));
    let separator = lines.next().expect("the table's separator line");
    assert!(separator.starts_with("| ---"), "{separator}");
    let rows = lines
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let mut row = cells(l);
            let label = row.remove(0);
            (label, row)
        })
        .collect();
    (heading[1..].to_vec(), rows)
}

/// A cell's text without its note numbers (`Y·m [1][8]` is `Y·m`).
fn without_notes(text: &str) -> String {
    let mut out = String::new();
    let mut in_note = false;
    for c in text.chars() {
        match c {
            '[' => in_note = true,
            ']' => in_note = false,
            c if !in_note => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

fn expected(text: &str) -> Expected {
    let (supported, evidence, only_with_archive_opt_in) = match without_notes(text).as_str() {
        "Y" => (Some(true), Evidence::Stated, false),
        "N" => (Some(false), Evidence::Stated, false),
        "Y·m" => (Some(true), Evidence::Inferred, false),
        "N·m" => (Some(false), Evidence::Inferred, false),
        "Y?" => (Some(true), Evidence::Unsettled, false),
        "N?" => (Some(false), Evidence::Unsettled, false),
        "?" => (None, Evidence::Unknown, false),
        "Y only with opt-in" => (Some(true), Evidence::Stated, true),
        other => panic!("a cell the legend does not explain: {other:?} (from {text:?})"),
    };
    Expected {
        supported,
        evidence,
        only_with_archive_opt_in,
    }
}

#[test]
fn the_columns_are_the_features_in_order() {
    let (heading, _) = read_table();
    let features: Vec<&str> = Feature::ALL.iter().map(|f| f.heading()).collect();
    assert_eq!(heading, features);
}

#[test]
fn every_row_is_a_service_and_every_service_a_row_in_order() {
    let (_, rows) = read_table();
    let labels: Vec<&str> = rows.iter().map(|(label, _)| label.as_str()).collect();
    let services: Vec<&str> = Service::ALL.iter().map(|s| s.label()).collect();
    assert_eq!(labels, services);
}

#[test]
fn every_cell_of_services_says_what_the_table_says() {
    let (heading, rows) = read_table();
    let mut mismatches = Vec::new();
    for (label, cells) in &rows {
        let service = Service::ALL
            .into_iter()
            .find(|s| s.label() == label)
            .unwrap_or_else(|| panic!("no Service is the row {label:?}"));
        assert_eq!(cells.len(), heading.len(), "the row {label:?}");
        for (text, column) in cells.iter().zip(&heading) {
            let feature = Feature::ALL
                .into_iter()
                .find(|f| f.heading() == column)
                .unwrap_or_else(|| panic!("no Feature is the column {column:?}"));
            let want = expected(text);
            let got = service.cell(feature);
            let same = got.evidence == want.evidence
                && got.only_with_archive_opt_in == want.only_with_archive_opt_in
                && want.supported.is_none_or(|s| s == got.supported);
            if !same {
                mismatches.push(format!(
                    "{label} / {column}: the table says {text:?}, services.rs has {got:?}"
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// The reading of the cell texts itself, so that a cell misread as another passes nowhere.
#[test]
fn a_cell_reads_as_the_legend_says() {
    assert_eq!(
        expected("Y·m [1][8]"),
        Expected {
            supported: Some(true),
            evidence: Evidence::Inferred,
            only_with_archive_opt_in: false
        }
    );
    assert_eq!(expected("?").supported, None);
    assert_eq!(expected("N? [7]").evidence, Evidence::Unsettled);
    assert!(expected("Y only with opt-in [4]").only_with_archive_opt_in);
}
