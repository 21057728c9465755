//! The page's modules form layers (a test, compiled only for `cargo test`): no module uses one
//! that uses it back, directly or through others. Each file is a module (`simulator/run.rs` is
//! `simulator::run`); a reference is `crate::a::b`, `super::x` or, from a parent, `child::x`,
//! resolved to the deepest module it names. A child reaching up into its parent's own items
//! while the parent uses the child is a cycle too: shared state goes in a module both use.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Every module of the page: its path (`""` for the crate root) and its source.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
        for entry in fs::read_dir(dir).expect("the page's sources") {
            let path = entry.expect("a directory entry").path();
            let stem = path
                .file_stem()
                .expect("a name")
                .to_string_lossy()
                .to_string();
            let join = |name: &str| match prefix {
                "" => name.to_string(),
                _ => format!("{prefix}::{name}"),
            };
            if path.is_dir() {
                walk(&path, &join(&stem), out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let name = match stem.as_str() {
                    "main" | "mod" => prefix.to_string(),
                    _ => join(&stem),
                };
                out.insert(name, fs::read_to_string(&path).expect("a readable source"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        "",
        &mut out,
    );
    out
}

/// The source without comments (`//` to the end of a line, doc comments included) and without
/// its unit tests (an inline `mod tests` at the end of the file, whose `super::*` is not a layer).
fn code(text: &str) -> String {
    let text = text.find("#[cfg(test)]").map_or(text, |i| &text[..i]);
    text.lines()
        .map(|line| line.find("//").map_or(line, |i| &line[..i]))
        .collect::<Vec<_>>()
        .join("\n")
}

fn parent(module: &str) -> &str {
    module.rsplit_once("::").map_or("", |(p, _)| p)
}

fn child(module: &str, name: &str) -> String {
    match module {
        "" => name.to_string(),
        _ => format!("{module}::{name}"),
    }
}

/// The modules `module`'s code refers to.
fn references(module: &str, code: &str, known: &BTreeMap<String, String>) -> BTreeSet<String> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        // A path starts at a word not preceded by `::` or another word character.
        let starts = ident(bytes[i] as char)
            && (i == 0 || !(ident(bytes[i - 1] as char) || code[..i].ends_with("::")));
        if !starts {
            i += 1;
            continue;
        }
        let end = code[i..]
            .find(|c: char| !(ident(c) || c == ':'))
            .map_or(code.len(), |e| i + e);
        let path = &code[i..end];
        // `use crate::{a::X, b}`: each name of the group continues the path.
        let mut paths = vec![path.to_string()];
        if path.ends_with("::") && code[end..].starts_with('{') {
            let group = &code[end + 1..];
            let (mut depth, mut item_start, mut items) = (0usize, 0usize, Vec::new());
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        items.push(&group[item_start..j]);
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        items.push(&group[item_start..j]);
                        item_start = j + 1;
                    }
                    _ => {}
                }
            }
            paths = items
                .iter()
                .map(|item| {
                    let item = item.trim();
                    let head = item
                        .find(|c: char| !(ident(c) || c == ':'))
                        .map_or(item, |e| &item[..e]);
                    format!("{path}{head}")
                })
                .collect();
        }
        i = end.max(i + 1);
        for path in paths {
            if let Some(at) = resolve(module, &path, known) {
                found.insert(at);
            }
        }
    }
    found.remove(module);
    found
}

/// The deepest module a path names, from `module`: `crate::…`, `super::…`, or a child's name.
fn resolve(module: &str, path: &str, known: &BTreeMap<String, String>) -> Option<String> {
    // `pub(super)` and `pub(crate)` name no module: a path has at least one `::`.
    if !path.contains("::") {
        return None;
    }
    let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let (mut at, rest) = match segments.first() {
        Some(&"crate") => (String::new(), &segments[1..]),
        Some(&"super") => {
            let mut at = parent(module).to_string();
            let mut rest = &segments[1..];
            while rest.first() == Some(&"super") {
                at = parent(&at).to_string();
                rest = &rest[1..];
            }
            (at, rest)
        }
        // A child of this module, named without a prefix.
        Some(first) if segments.len() > 1 && known.contains_key(&child(module, first)) => {
            (module.to_string(), &segments[..])
        }
        _ => return None,
    };
    for segment in rest {
        let deeper = child(&at, segment);
        if !known.contains_key(&deeper) {
            break;
        }
        at = deeper;
    }
    Some(at)
}

/// A path of references from `from` back to `to`, if there is one.
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

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let known = modules();
    known
        .iter()
        .map(|(module, text)| (module.clone(), references(module, &code(text), &known)))
        .collect()
}

#[test]
fn no_module_of_the_page_uses_one_that_uses_it_back() {
    let graph = graph();
    let mut cycles = Vec::new();
    for (module, uses) in &graph {
        for used in uses {
            if let Some(back) = path(&graph, used, module, &mut BTreeSet::new()) {
                cycles.push(format!("{module:?} -> {}", back.join(" -> ")));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "import cycles between the page's modules:\n{}\n\nthe graph: {graph:#?}",
        cycles.join("\n")
    );
}

#[test]
fn the_scan_resolves_crate_super_and_child_paths() {
    let known: BTreeMap<String, String> = [
        "",
        "app",
        "simulator",
        "simulator::run",
        "simulator::player",
        "plan_editor",
    ]
    .into_iter()
    .map(|m| (m.to_string(), String::new()))
    .collect();
    let found = |module: &str, text: &str| -> Vec<String> {
        references(module, &code(text), &known)
            .into_iter()
            .collect()
    };
    // A sibling through super, the crate root's module, an item of the parent itself.
    assert_eq!(
        found(
            "simulator::player",
            "use super::run::Run;\nlet p = crate::plan_editor::X;"
        ),
        ["plan_editor", "simulator::run"]
    );
    assert_eq!(
        found("simulator::player", "use super::LOG_ROWS;"),
        ["simulator"]
    );
    // A parent naming its child; comments and longer words are not references.
    assert_eq!(
        found(
            "simulator",
            "use player::Player; // crate::app\nlet x = xplayer::y;"
        ),
        ["simulator::player"]
    );
    // A planted circle is caught: the parent uses its child, the child reaches up.
    let mut graph = graph();
    graph
        .entry("simulator::run".to_string())
        .or_default()
        .insert("simulator".to_string());
    graph
        .entry("simulator".to_string())
        .or_default()
        .insert("simulator::run".to_string());
    assert!(path(&graph, "simulator", "simulator::run", &mut BTreeSet::new()).is_some());
    assert!(path(&graph, "simulator::run", "simulator", &mut BTreeSet::new()).is_some());
}
