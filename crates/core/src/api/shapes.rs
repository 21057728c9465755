//! The AWS Backup API's shapes — structures, lists, maps, strings with their patterns and enums —
//! as the AWS API model defines them (data/backup-api-shapes.json, extracted by
//! data/extract_api_shapes.py from botocore 1.44.8's model), with the AWS::Backup resources'
//! CloudFormation schemas beside them (data/cloudformation-shapes.json, converted by
//! data/convert_cfn_schemas.py from cfn-lint 1.58.0's), and the structural check of a document
//! against them: required, unknown and read-only members, types, patterns, enums and lengths.
//!
//! This is what AWS checks before it looks at what a plan means: the AWS CLI refuses an unknown
//! or missing parameter before sending the request, and the service refuses a value that breaks
//! a pattern.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::path::DocPath;
use super::pattern::{Class, Pattern};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::document::{Node, Value, parse_json};
use crate::suggest::nearest;

/// One shape of the API model.
#[derive(Debug)]
pub(crate) enum Shape {
    Structure {
        required: Vec<String>,
        /// In the model's order (which is the order AWS documents them in), for messages that
        /// list them.
        members: Vec<(String, MemberShape)>,
    },
    List {
        member: String,
    },
    Map {
        key: String,
        value: String,
    },
    String {
        pattern: Option<String>,
        min: Option<usize>,
        max: Option<usize>,
        enum_values: Option<Vec<String>>,
        /// CloudFormation's `enumCaseInsensitive`: the values in any case.
        enum_case_insensitive: Option<Vec<String>>,
    },
    Long,
    Integer,
    Boolean,
    Timestamp,
    Double,
    /// Binary data, written in JSON as base64 text (SNS's message attribute `BinaryValue`).
    Blob,
    /// A CloudFormation number: CloudFormation also converts a number written as a string.
    CfnNumber {
        integer: bool,
    },
    /// A CloudFormation boolean, which may also be written "true" or "false".
    CfnBoolean,
    /// A JSON document: an object, or the same as a string (an access policy).
    Json,
}

#[derive(Debug)]
pub(crate) struct MemberShape {
    pub shape: String,
    pub doc: String,
    /// Set by the service, never by the author (CloudFormation's readOnlyProperties).
    pub read_only: bool,
}

/// Reads one shape of the shape files (`{"type": "structure", "members": {...}}`). The files
/// are vaultsim's own, written by the scripts beside them, so they are read by hand rather than
/// through serde: a few lines here against 19 KB of generated code in the page's wasm. A shape
/// that does not read is a bug in those files, and a unit test reads them all.
fn read_shape(name: &str, node: &Node) -> Shape {
    let malformed = || -> ! { panic!("the shape {name} in the shape files is malformed") };
    let text = |key: &str| node.get(key).and_then(Node::as_str).map(str::to_string);
    let texts = |key: &str| {
        node.get(key).map(|list| {
            list.items()
                .iter()
                .map(|n| n.as_str().unwrap_or_else(|| malformed()).to_string())
                .collect::<Vec<_>>()
        })
    };
    let size = |key: &str| {
        node.get(key).map(|n| {
            n.as_i64()
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or_else(|| malformed())
        })
    };
    match node.get("type").and_then(Node::as_str).unwrap_or("") {
        "structure" => Shape::Structure {
            required: texts("required").unwrap_or_default(),
            members: node
                .get("members")
                .unwrap_or_else(|| malformed())
                .members()
                .iter()
                .map(|m| {
                    let member = &m.value;
                    let shape = MemberShape {
                        shape: member
                            .get("shape")
                            .and_then(Node::as_str)
                            .unwrap_or_else(|| malformed())
                            .to_string(),
                        doc: member
                            .get("doc")
                            .and_then(Node::as_str)
                            .unwrap_or("")
                            .to_string(),
                        read_only: member
                            .get("read_only")
                            .and_then(Node::as_bool)
                            .unwrap_or(false),
                    };
                    (m.key.clone(), shape)
                })
                .collect(),
        },
        "list" => Shape::List {
            member: text("member").unwrap_or_else(|| malformed()),
        },
        "map" => Shape::Map {
            key: text("key").unwrap_or_else(|| malformed()),
            value: text("value").unwrap_or_else(|| malformed()),
        },
        "string" => Shape::String {
            pattern: text("pattern"),
            min: size("min"),
            max: size("max"),
            enum_values: texts("enum"),
            enum_case_insensitive: texts("enum_case_insensitive"),
        },
        "long" => Shape::Long,
        "integer" => Shape::Integer,
        "boolean" => Shape::Boolean,
        "timestamp" => Shape::Timestamp,
        "double" => Shape::Double,
        "blob" => Shape::Blob,
        "cfn-number" => Shape::CfnNumber {
            integer: node.get("integer").and_then(Node::as_bool).unwrap_or(false),
        },
        "cfn-boolean" => Shape::CfnBoolean,
        "json" => Shape::Json,
        _ => malformed(),
    }
}

static SHAPES: OnceLock<HashMap<String, Shape>> = OnceLock::new();

/// The `shapes` of one shape file, by name.
pub(super) fn read_shapes(root: &Node) -> HashMap<String, Shape> {
    let shapes = root.get("shapes").map(Node::members).unwrap_or_default();
    shapes
        .iter()
        .map(|m| (m.key.clone(), read_shape(&m.key, &m.value)))
        .collect()
}

/// A shape file's tree: the files are vaultsim's own, and a unit test reads each.
pub(super) fn read_file(text: &str) -> Node {
    parse_json(text)
        .strict()
        .expect("the shape files are JSON (a unit test reads them)")
}

/// The API model's shapes and CloudFormation's (named `AWS::Backup::…`), read once.
pub(crate) fn shapes() -> &'static HashMap<String, Shape> {
    SHAPES.get_or_init(|| {
        let mut all = read_shapes(&read_file(include_str!(
            "../../data/backup-api-shapes.json"
        )));
        all.extend(read_shapes(&read_file(include_str!(
            "../../data/cloudformation-shapes.json"
        ))));
        all
    })
}

pub(crate) fn shape(name: &str) -> &'static Shape {
    shapes()
        .get(name)
        .unwrap_or_else(|| panic!("the shape {name} is in data/backup-api-shapes.json"))
}

/// The documentation of a structure's member, if the model has it.
pub(crate) fn member_doc(structure: &str, member: &str) -> Option<&'static str> {
    match shape(structure) {
        Shape::Structure { members, .. } => members
            .iter()
            .find(|(name, _)| name == member)
            .map(|(_, m)| m.doc.as_str())
            .filter(|d| !d.is_empty()),
        _ => None,
    }
}

/// Checks `node` against the shape `shape_name`, appending a diagnostic for each mismatch.
/// `path` names the node both ways AWS users meet it: a JSON Pointer into the document as given
/// and the parameter path the AWS CLI prints (`BackupPlan.Rules[0].RuleName`).
pub(crate) fn check(node: &Node, shape_name: &str, path: &DocPath, out: &mut Vec<Diagnostic>) {
    if is_intrinsic(node) {
        // A CloudFormation intrinsic function ({"Ref": ...}); its value is known only at deploy.
        return;
    }
    match shape(shape_name) {
        Shape::Structure { required, members } => {
            let Value::Object(given) = &node.value else {
                out.push(type_mismatch(node, path, "an object { ... }"));
                return;
            };
            for member in given {
                let Some((_, member_shape)) = members.iter().find(|(n, _)| *n == member.key) else {
                    out.push(unknown_member(member, members, path));
                    continue;
                };
                if member_shape.read_only {
                    out.push(read_only_member(member, path));
                    continue;
                }
                check(
                    &member.value,
                    &member_shape.shape,
                    &path.member(&member.key),
                    out,
                );
            }
            for name in required {
                if !given.iter().any(|m| &m.key == name) {
                    out.push(missing_member(
                        node,
                        name,
                        member_doc(shape_name, name),
                        path,
                    ));
                }
            }
        }
        Shape::List { member } => {
            let Value::Array(items) = &node.value else {
                out.push(type_mismatch(node, path, "an array [ ... ]"));
                return;
            };
            for (i, item) in items.iter().enumerate() {
                check(item, member, &path.index(i), out);
            }
        }
        Shape::Map { key, value } => {
            let Value::Object(given) = &node.value else {
                out.push(type_mismatch(
                    node,
                    path,
                    "an object of names and values { ... }",
                ));
                return;
            };
            for member in given {
                let key_node = Node {
                    value: Value::String(member.key.clone()),
                    span: member.key_span.clone(),
                };
                let member_path = path.member(&member.key);
                check(&key_node, key, &member_path, out);
                check(&member.value, value, &member_path, out);
            }
        }
        Shape::String {
            pattern,
            min,
            max,
            enum_values,
            enum_case_insensitive,
        } => {
            let Value::String(s) = &node.value else {
                out.push(type_mismatch(node, path, "a string in double quotes"));
                return;
            };
            if let Some(values) = enum_values
                && !values.iter().any(|v| v == s)
            {
                out.push(not_in_enum(node, s, values, path));
            }
            if let Some(values) = enum_case_insensitive
                && !values.iter().any(|v| v.eq_ignore_ascii_case(s))
            {
                let upper: Vec<String> = values.iter().map(|v| v.to_ascii_uppercase()).collect();
                out.push(not_in_enum(node, s, &upper, path));
            }
            let length = s.chars().count();
            if let Some(min) = *min
                && length < min
            {
                out.push(length_error(node, s, path, format!("at least {min}")));
            }
            if let Some(max) = *max
                && length > max
            {
                out.push(length_error(node, s, path, format!("at most {max}")));
            }
            if let Some(pattern) = pattern
                && let Some(d) = check_pattern(node, s, pattern, path)
            {
                out.push(d);
            }
        }
        Shape::Long | Shape::Integer => {
            if node.as_i64().is_none() {
                out.push(type_mismatch(node, path, "a whole number"));
            }
        }
        Shape::Double => {
            if !matches!(node.value, Value::Number(_)) {
                out.push(type_mismatch(node, path, "a number"));
            }
        }
        Shape::Boolean => {
            if node.as_bool().is_none() {
                out.push(type_mismatch(node, path, "true or false"));
            }
        }
        Shape::Blob => {
            if node.as_str().is_none() {
                out.push(type_mismatch(node, path, "base64 text"));
            }
        }
        Shape::Timestamp => {
            if !matches!(node.value, Value::Number(_) | Value::String(_)) {
                out.push(type_mismatch(node, path, "a date and time"));
            }
        }
        Shape::CfnNumber { integer } => {
            let text = match &node.value {
                Value::Number(n) => Some(n.as_str()),
                Value::String(s) => Some(s.trim()),
                _ => None,
            };
            let ok = text.is_some_and(|t| {
                if *integer {
                    t.parse::<i64>().is_ok()
                } else {
                    crate::host::parse_f64(t).is_some_and(f64::is_finite)
                }
            });
            if !ok {
                let expected = if *integer {
                    "a whole number"
                } else {
                    "a number"
                };
                out.push(type_mismatch(node, path, expected));
            }
        }
        Shape::CfnBoolean => {
            let ok = match &node.value {
                Value::Bool(_) => true,
                Value::String(s) => {
                    s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false")
                }
                _ => false,
            };
            if !ok {
                out.push(type_mismatch(node, path, "true or false"));
            }
        }
        Shape::Json => {
            if !matches!(node.value, Value::Object(_) | Value::String(_)) {
                out.push(type_mismatch(
                    node,
                    path,
                    "a JSON document (an object or a string)",
                ));
            }
        }
    }
}

fn read_only_member(member: &crate::document::Member, path: &DocPath) -> Diagnostic {
    Diagnostic::error(
        codes::READ_ONLY_MEMBER,
        member.key_span.clone(),
        format!(
            "{}: {} is read-only: CloudFormation sets it and a template may not",
            path.aws(),
            member.key
        ),
    )
    .with_help(format!(
        "remove {}; read it with !GetAtt instead",
        member.key
    ))
    .at(path.member(&member.key).pointer())
}

/// A CloudFormation intrinsic function: an object with one member `Ref`, `Condition` or `Fn::…`.
pub(crate) fn is_intrinsic(node: &Node) -> bool {
    matches!(node.members(), [only] if only.key == "Ref" || only.key == "Condition" || only.key.starts_with("Fn::"))
}

fn type_mismatch(node: &Node, path: &DocPath, expected: &str) -> Diagnostic {
    let found = node.value.kind();
    let help = match (&node.value, expected) {
        (Value::String(s), "a whole number") if s.trim().parse::<i64>().is_ok() => {
            format!("write {} without quotes", s.trim())
        }
        (Value::String(s), "true or false") if matches!(s.as_str(), "true" | "false") => {
            format!("write {s} without quotes")
        }
        (Value::Number(n), "a whole number") => {
            format!("{n} is not a whole number; AWS takes whole numbers here")
        }
        (Value::Number(n), "a string in double quotes") => format!("write \"{n}\""),
        (_, "an array [ ... ]") => "put the value in square brackets: [ ... ]".to_string(),
        _ => format!("{} takes {expected}", path.name()),
    };
    Diagnostic::error(
        codes::INVALID_TYPE,
        node.span.clone(),
        format!(
            "Invalid type for parameter {}: expected {expected}, found {found}",
            path.aws()
        ),
    )
    .with_help(help)
    .at(path.pointer())
}

fn unknown_member(
    member: &crate::document::Member,
    members: &[(String, MemberShape)],
    path: &DocPath,
) -> Diagnostic {
    let names: Vec<&str> = members.iter().map(|(n, _)| n.as_str()).collect();
    let help = match nearest(&member.key, &names) {
        Some(near) => format!("did you mean {near}?"),
        None => format!("{} takes {}", path.name(), names.join(", ")),
    };
    Diagnostic::error(
        codes::UNKNOWN_MEMBER,
        member.key_span.clone(),
        format!(
            "Unknown parameter in {}: \"{}\", must be one of: {}",
            path.aws(),
            member.key,
            names.join(", ")
        ),
    )
    .with_help(help)
    .at(path.member(&member.key).pointer())
}

fn missing_member(node: &Node, name: &str, doc: Option<&str>, path: &DocPath) -> Diagnostic {
    // Point at the object's opening brace: the member is missing from it.
    let start = node.span.start;
    let about = doc.map(|d| format!(" ({name}: {d})")).unwrap_or_default();
    Diagnostic::error(
        codes::MISSING_MEMBER,
        start..start + 1,
        format!("Missing required parameter in {}: \"{name}\"", path.aws()),
    )
    .with_help(format!("add \"{name}\" to {}{about}", path.name()))
    .at(path.member(name).pointer())
}

fn not_in_enum(node: &Node, s: &str, values: &[String], path: &DocPath) -> Diagnostic {
    let names: Vec<&str> = values.iter().map(String::as_str).collect();
    let help = match values.iter().find(|v| v.eq_ignore_ascii_case(s)) {
        Some(v) => format!("values are case sensitive: write {v}"),
        None => format!("use one of {}", names.join(", ")),
    };
    Diagnostic::error(
        codes::INVALID_VALUE,
        node.span.clone(),
        format!(
            "{} must be one of {}; found \"{s}\"",
            path.aws(),
            names.join(", ")
        ),
    )
    .with_help(help)
    .at(path.pointer())
}

fn length_error(node: &Node, s: &str, path: &DocPath, bound: String) -> Diagnostic {
    Diagnostic::error(
        codes::INVALID_LENGTH,
        node.span.clone(),
        format!(
            "{} must be {bound} characters long; \"{s}\" has {}",
            path.aws(),
            s.chars().count()
        ),
    )
    .with_help(format!("shorten or lengthen {}", path.name()))
    .at(path.pointer())
}

static PATTERNS: OnceLock<HashMap<&'static str, Pattern>> = OnceLock::new();

/// Every pattern of the shape tables, compiled once. A JSON Schema pattern (CloudFormation's)
/// matches anywhere in the string; the API model's are anchored with ^ and $ themselves.
fn pattern(source: &str) -> Option<&'static Pattern> {
    PATTERNS
        .get_or_init(|| {
            shapes()
                .values()
                .filter_map(|shape| match shape {
                    Shape::String {
                        pattern: Some(p), ..
                    } => Some((p.as_str(), Pattern::parse(p)?)),
                    _ => None,
                })
                .collect()
        })
        .get(source)
}

/// Checks a string against a pattern of the shape tables, with help that names the first
/// character at fault where the pattern is a character class.
fn check_pattern(node: &Node, s: &str, source: &str, path: &DocPath) -> Option<Diagnostic> {
    let pattern = pattern(source)?;
    if pattern.is_match(s) {
        return None;
    }
    let help = match pattern.whole_string_class() {
        Some(item) => match s.chars().find(|c| !item.class.allows(*c)) {
            Some(c) => format!("{c:?} is not allowed: use {}", describe(&item.class)),
            None => match item.max {
                None => format!("use at least {} characters", item.min),
                Some(max) => format!("use {} to {max} characters", item.min),
            },
        },
        None => format!("write a value that matches {source}"),
    };
    Some(
        Diagnostic::error(
            codes::INVALID_PATTERN,
            node.span.clone(),
            format!(
                "{} \"{s}\" does not satisfy the pattern {source}",
                path.aws()
            ),
        )
        .with_help(help)
        .at(path.pointer()),
    )
}

/// "letters, digits, '-', '_' or '.'" for help lines.
fn describe(class: &Class) -> String {
    if class.negated {
        let except: Vec<String> = (class.ranges.iter())
            .map(|(a, b)| match a == b {
                true => format!("{a:?}"),
                false => format!("{a:?} to {b:?}"),
            })
            .collect();
        return format!("any character except {}", except.join(", "));
    }
    let has = |a: char, b: char| class.ranges.contains(&(a, b));
    let mut parts = Vec::new();
    if has('a', 'z') && has('A', 'Z') {
        parts.push("letters".to_string());
    }
    if has('0', '9') {
        parts.push("digits".to_string());
    }
    for &(a, b) in &class.ranges {
        if a == b {
            parts.push(format!("'{a}'"));
        }
    }
    let last = parts.pop().unwrap_or_default();
    if parts.is_empty() {
        last
    } else {
        format!("{} or {last}", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shape_table_reads_and_every_reference_resolves() {
        for (name, shape) in shapes() {
            let referenced: Vec<&str> = match shape {
                Shape::Structure { members, .. } => {
                    members.iter().map(|(_, m)| m.shape.as_str()).collect()
                }
                Shape::List { member } => vec![member.as_str()],
                Shape::Map { key, value } => vec![key.as_str(), value.as_str()],
                _ => vec![],
            };
            for r in referenced {
                assert!(shapes().contains_key(r), "{name} refers to {r}");
            }
            if let Shape::String {
                pattern: Some(p), ..
            } = shape
            {
                assert!(pattern(p).is_some(), "{name}: {p} does not compile");
            }
        }
    }

    /// Every pattern of the shape files, as text.
    fn shape_patterns() -> Vec<&'static str> {
        let mut all: Vec<&str> = (shapes().values())
            .filter_map(|shape| match shape {
                Shape::String {
                    pattern: Some(p), ..
                } => Some(p.as_str()),
                _ => None,
            })
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    proptest::proptest! {
        #[test]
        fn every_shape_pattern_matches_as_regex_lite_does(
            text in proptest::prop_oneof![
                // Mostly characters the patterns allow, at every length around their limits…
                "[a-zA-Z0-9_.:-]{0,140}",
                // …and anything, white space and non-ASCII included.
                "[a-zA-Z0-9_.:/ \t\n\r\u{b}\u{c}\u{a0}\u{2028}é-]{0,140}",
            ]
        ) {
            for source in shape_patterns() {
                let oracle = regex_lite::Regex::new(source).unwrap();
                proptest::prop_assert_eq!(
                    pattern(source).unwrap().is_match(&text),
                    oracle.is_match(&text),
                    "{} against {:?}", source, text
                );
            }
        }
    }

    #[test]
    fn a_class_is_described_in_words_for_help() {
        let p = Pattern::parse(r"^[a-zA-Z0-9\-\_\.]{1,50}$").unwrap();
        let item = p.whole_string_class().unwrap();
        assert_eq!((item.min, item.max), (1, Some(50)));
        assert_eq!(describe(&item.class), "letters, digits, '-', '_' or '.'");
        let any = Pattern::parse("^.{1,128}$").unwrap();
        let any = any.whole_string_class().unwrap();
        assert_eq!(describe(&any.class), r"any character except '\n'");
    }
}
