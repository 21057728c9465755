//! The core's top-level modules form layers: no module uses one that uses it back, directly or
//! through others (the scenario does not call the engine that reads it; the policy and event
//! patterns share a wildcard matcher below them rather than reach into the engine). This reads
//! the sources, builds the graph of `crate::MODULE` references between top-level modules (code
//! only, not comments), and fails on any cycle, naming it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("the core's sources") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The line without its comment (`//`, doc comments included); string literals holding `//`
/// are rare enough in this crate not to matter here.
fn code(line: &str) -> &str {
    line.find("//").map_or(line, |i| &line[..i])
}

/// The top-level modules a source refers to: `crate::NAME` anywhere in its code, and each
/// name of a grouped `use crate::{a, b::c}`.
fn references(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let code: String = text.lines().map(code).collect::<Vec<_>>().join("\n");
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            // Names at the group's top level: after `{` or a `,` outside nested braces.
            let mut depth = 0;
            let mut start = true;
            for (j, c) in group[..end].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && !c.is_whitespace() => {
                        found.insert(word(&group[j..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(word(after));
        }
        rest = after;
    }
    found.remove("");
    found
}

/// Each top-level module with the top-level modules it refers to.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&src).expect("under src");
        let first = relative
            .components()
            .next()
            .expect("a path")
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if first == "lib" {
            continue;
        }
        let text = fs::read_to_string(&file).expect("a readable source");
        let uses = graph.entry(first.clone()).or_default();
        uses.extend(references(&text).into_iter().filter(|m| *m != first));
    }
    graph
}

/// A path of references from `from` to `to`, if there is one.
fn path(
    graph: &BTreeMap<String, BTreeSet<String>>,
    from: &str,
    to: &str,
    seen: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if from == to {
        return Some(vec![to.to_string()]);
    }
    if !seen.insert(from.to_string()) {
        return None;
    }
    for next in graph.get(from).into_iter().flatten() {
        if let Some(mut rest) = path(graph, next, to, seen) {
            rest.insert(0, from.to_string());
            return Some(rest);
        }
    }
    None
}

#[test]
fn no_module_of_the_core_uses_one_that_uses_it_back() {
    let graph = module_graph();
    let mut cycles = Vec::new();
    for (module, uses) in &graph {
        for used in uses {
            if let Some(back) = path(&graph, used, module, &mut BTreeSet::new()) {
                cycles.push(format!("{module} -> {}", back.join(" -> ")));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "import cycles between the core's modules:\n{}\n\nthe graph: {graph:#?}",
        cycles.join("\n")
    );
}

#[test]
fn the_scan_sees_the_references_it_must() {
    let text = "use crate::{diagnostic::Diagnostic, plan::{self, X}};\n\
                // crate::engine in a comment\n\
                let w = crate::wildcard::matches(a, b); /// crate::scenario\n";
    let found: Vec<String> = references(text).into_iter().collect();
    assert_eq!(found, ["diagnostic", "plan", "wildcard"]);
    let graph = module_graph();
    // The layers this test keeps: the engine reads scenarios, never the other way round.
    assert!(graph["engine"].contains("scenario"));
    assert!(!graph["scenario"].contains("engine"));
    assert!(!graph["policy"].contains("engine"));
    assert!(graph["policy"].contains("wildcard") && graph["events"].contains("wildcard"));
}
