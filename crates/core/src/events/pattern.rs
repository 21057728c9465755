//! EventBridge event patterns: which events a rule would match.
//!
//! A pattern has the nesting of the events it matches. Each of its fields holds either a nested
//! pattern or a list of conditions, any of which may match (OR); all the fields must match
//! (AND), and `$or` offers alternative sets of fields. Conditions, as EventBridge's content
//! filtering defines them: an exact value (string, number compared as a number, boolean, null),
//! `prefix`, `suffix` (either with `equals-ignore-case`), `equals-ignore-case`, `wildcard`,
//! `anything-but` (values, or a prefix, suffix, wildcard or case-insensitive value), `numeric`
//! ranges, `exists`, and IPv4 `cidr`. A condition on a field whose value is an array matches if
//! it matches any element. Only `exists: false` matches a missing field.

use std::ops::Range;

use serde_json::Value as Json;

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::document::{Node, Value, parse_json};
use crate::host::{lowercase, parse_f64};
use crate::wildcard;

/// A compiled event pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct EventPattern {
    root: Pattern,
}

#[derive(Clone, Debug, PartialEq)]
struct Pattern {
    fields: Vec<(String, Field)>,
    /// `$or`: at least one of these must match too.
    any_of: Vec<Pattern>,
}

#[derive(Clone, Debug, PartialEq)]
enum Field {
    Nested(Pattern),
    Conditions(Vec<Condition>),
}

#[derive(Clone, Debug, PartialEq)]
enum Literal {
    String(String),
    Number(f64),
    Bool(bool),
    Null,
}

#[derive(Clone, Debug, PartialEq)]
enum Text {
    Exact(String),
    IgnoreCase(String),
}

#[derive(Clone, Debug, PartialEq)]
enum Condition {
    Literal(Literal),
    Prefix(Text),
    Suffix(Text),
    EqualsIgnoreCase(String),
    Wildcard(String),
    AnythingBut(AnythingBut),
    Numeric(Vec<(Comparison, f64)>),
    Exists(bool),
    Cidr { network: u32, mask: u32 },
}

#[derive(Clone, Debug, PartialEq)]
enum AnythingBut {
    Values(Vec<Literal>),
    Prefix(String),
    Suffix(String),
    IgnoreCase(Vec<String>),
    Wildcard(String),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Comparison {
    Less,
    LessOrEqual,
    Equal,
    GreaterOrEqual,
    Greater,
}

impl EventPattern {
    /// Reads a pattern; every problem is a diagnostic placed in `text`.
    pub fn parse(text: &str) -> Result<EventPattern, Vec<Diagnostic>> {
        let root = parse_json(text).strict()?;
        let mut errors = Vec::new();
        let pattern = compile_object(&root, "", &mut errors);
        if errors.is_empty() {
            Ok(EventPattern { root: pattern })
        } else {
            Err(errors)
        }
    }

    /// Whether the event (as EventBridge delivers it) matches.
    pub fn matches(&self, event: &Json) -> bool {
        matches_pattern(&self.root, event)
    }
}

fn error(span: Range<usize>, pointer: &str, message: impl Into<String>, help: &str) -> Diagnostic {
    Diagnostic::error(codes::EVENT_PATTERN, span, message)
        .with_help(help)
        .at(pointer.to_string())
}

fn compile_object(node: &Node, pointer: &str, errors: &mut Vec<Diagnostic>) -> Pattern {
    let mut pattern = Pattern {
        fields: Vec::new(),
        any_of: Vec::new(),
    };
    let Value::Object(members) = &node.value else {
        errors.push(error(
            node.span.clone(),
            pointer,
            format!("a pattern is an object, not {}", node.value.kind()),
            r#"for example {"source": ["aws.backup"]}"#,
        ));
        return pattern;
    };
    for member in members {
        let here = format!(
            "{pointer}/{}",
            member.key.replace('~', "~0").replace('/', "~1")
        );
        if member.key == "$or" {
            match &member.value.value {
                Value::Array(items) if items.len() >= 2 => {
                    for (i, item) in items.iter().enumerate() {
                        let alternative = compile_object(item, &format!("{here}/{i}"), errors);
                        pattern.any_of.push(alternative);
                    }
                }
                _ => errors.push(error(
                    member.value.span.clone(),
                    &here,
                    "$or takes an array of at least two patterns",
                    r#"{"$or": [{"detail": {"state": ["FAILED"]}}, {"detail-type": ["Copy Job State Change"]}]}"#,
                )),
            }
            continue;
        }
        let field = match &member.value.value {
            Value::Object(_) => Field::Nested(compile_object(&member.value, &here, errors)),
            Value::Array(items) => {
                if items.is_empty() {
                    errors.push(error(
                        member.value.span.clone(),
                        &here,
                        format!(
                            "{} has an empty list of values, which matches nothing",
                            member.key
                        ),
                        "list the values to match, such as [\"FAILED\"]",
                    ));
                }
                let conditions = items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| compile_condition(item, &format!("{here}/{i}"), errors))
                    .collect();
                Field::Conditions(conditions)
            }
            other => {
                errors.push(error(
                    member.value.span.clone(),
                    &here,
                    format!(
                        "the value of {} is {}; a pattern's values are lists",
                        member.key,
                        other.kind()
                    ),
                    "wrap it in brackets: \"state\": [\"FAILED\"]",
                ));
                continue;
            }
        };
        pattern.fields.push((member.key.clone(), field));
    }
    pattern
}

fn literal(node: &Node) -> Option<Literal> {
    match &node.value {
        Value::String(s) => Some(Literal::String(s.clone())),
        Value::Number(n) => parse_f64(n).map(Literal::Number),
        Value::Bool(b) => Some(Literal::Bool(*b)),
        Value::Null => Some(Literal::Null),
        _ => None,
    }
}

/// A string operand, or `{"equals-ignore-case": "..."}` where allowed.
fn text(node: &Node, ignore_case_allowed: bool) -> Option<Text> {
    match &node.value {
        Value::String(s) => Some(Text::Exact(s.clone())),
        Value::Object(members) if ignore_case_allowed && members.len() == 1 => {
            let m = &members[0];
            (m.key == "equals-ignore-case")
                .then(|| m.value.as_str().map(|s| Text::IgnoreCase(s.to_string())))
                .flatten()
        }
        _ => None,
    }
}

const OPERATORS: &str = "prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, \
                         exists or cidr";

fn compile_condition(
    node: &Node,
    pointer: &str,
    errors: &mut Vec<Diagnostic>,
) -> Option<Condition> {
    if let Some(l) = literal(node) {
        return Some(Condition::Literal(l));
    }
    let Value::Object(members) = &node.value else {
        errors.push(error(
            node.span.clone(),
            pointer,
            format!("{} cannot be matched", node.value.kind()),
            "a value to match is a string, number, boolean or null, or an operator object",
        ));
        return None;
    };
    if members.len() != 1 {
        errors.push(error(
            node.span.clone(),
            pointer,
            "an operator object has exactly one operator",
            &format!("one of {OPERATORS}"),
        ));
        return None;
    }
    let m = &members[0];
    let here = format!("{pointer}/{}", m.key);
    let bad = |errors: &mut Vec<Diagnostic>, what: &str| {
        errors.push(error(
            m.value.span.clone(),
            &here,
            format!("{} takes {what}", m.key),
            "",
        ));
        None
    };
    match m.key.as_str() {
        "prefix" => match text(&m.value, true) {
            Some(t) => Some(Condition::Prefix(t)),
            None => bad(errors, "a string, or {\"equals-ignore-case\": string}"),
        },
        "suffix" => match text(&m.value, true) {
            Some(t) => Some(Condition::Suffix(t)),
            None => bad(errors, "a string, or {\"equals-ignore-case\": string}"),
        },
        "equals-ignore-case" => match m.value.as_str() {
            Some(s) => Some(Condition::EqualsIgnoreCase(s.to_string())),
            None => bad(errors, "a string"),
        },
        "wildcard" => match m.value.as_str() {
            Some(s) => Some(Condition::Wildcard(s.to_string())),
            None => bad(
                errors,
                "a string such as \"arn:aws:backup:*:recovery-point:*\"",
            ),
        },
        "exists" => match m.value.as_bool() {
            Some(b) => Some(Condition::Exists(b)),
            None => bad(errors, "true or false"),
        },
        "numeric" => match numeric(&m.value) {
            Some(ranges) => Some(Condition::Numeric(ranges)),
            None => bad(
                errors,
                "one or two comparisons: [\">\", 0, \"<=\", 5] (operators <, <=, =, >=, >)",
            ),
        },
        "cidr" => match m.value.as_str().and_then(cidr) {
            Some((network, mask)) => Some(Condition::Cidr { network, mask }),
            None => bad(errors, "an IPv4 block such as \"10.0.0.0/24\""),
        },
        "anything-but" => match anything_but(&m.value) {
            Some(a) => Some(Condition::AnythingBut(a)),
            None => bad(
                errors,
                "a value, a list of values of one type, or {\"prefix\"|\"suffix\"|\"wildcard\"|\"equals-ignore-case\": ...}",
            ),
        },
        other => {
            errors.push(error(
                m.key_span.clone(),
                &here,
                format!("{other:?} is not an EventBridge pattern operator"),
                &format!("one of {OPERATORS}"),
            ));
            None
        }
    }
}

fn numeric(node: &Node) -> Option<Vec<(Comparison, f64)>> {
    let items = node.items();
    if items.is_empty() || !items.len().is_multiple_of(2) || items.len() > 4 {
        return None;
    }
    items
        .chunks(2)
        .map(|pair| {
            let op = match pair[0].as_str()? {
                "<" => Comparison::Less,
                "<=" => Comparison::LessOrEqual,
                "=" => Comparison::Equal,
                ">=" => Comparison::GreaterOrEqual,
                ">" => Comparison::Greater,
                _ => return None,
            };
            match &pair[1].value {
                Value::Number(n) => parse_f64(n).map(|n| (op, n)),
                _ => None,
            }
        })
        .collect()
}

fn anything_but(node: &Node) -> Option<AnythingBut> {
    match &node.value {
        Value::Array(items) => {
            let values: Option<Vec<Literal>> = items.iter().map(literal).collect();
            let values = values?;
            let strings = values.iter().all(|v| matches!(v, Literal::String(_)));
            let numbers = values.iter().all(|v| matches!(v, Literal::Number(_)));
            (!values.is_empty() && (strings || numbers)).then_some(AnythingBut::Values(values))
        }
        Value::Object(members) if members.len() == 1 => {
            let m = &members[0];
            match m.key.as_str() {
                "prefix" => m.value.as_str().map(|s| AnythingBut::Prefix(s.to_string())),
                "suffix" => m.value.as_str().map(|s| AnythingBut::Suffix(s.to_string())),
                "wildcard" => m
                    .value
                    .as_str()
                    .map(|s| AnythingBut::Wildcard(s.to_string())),
                "equals-ignore-case" => match &m.value.value {
                    Value::String(s) => Some(AnythingBut::IgnoreCase(vec![s.clone()])),
                    Value::Array(items) => items
                        .iter()
                        .map(|i| i.as_str().map(str::to_string))
                        .collect::<Option<Vec<_>>>()
                        .map(AnythingBut::IgnoreCase),
                    _ => None,
                },
                _ => None,
            }
        }
        _ => literal(node).map(|l| AnythingBut::Values(vec![l])),
    }
}

fn cidr(text: &str) -> Option<(u32, u32)> {
    let (address, bits) = text.split_once('/')?;
    let bits: u32 = bits.parse().ok().filter(|b| *b <= 32)?;
    let octets: Vec<u8> = address
        .split('.')
        .map(|o| o.parse().ok())
        .collect::<Option<_>>()?;
    let [a, b, c, d] = octets[..] else {
        return None;
    };
    let mask = if bits == 0 {
        0
    } else {
        u32::MAX << (32 - bits)
    };
    Some((u32::from_be_bytes([a, b, c, d]) & mask, mask))
}

fn matches_pattern(pattern: &Pattern, event: &Json) -> bool {
    pattern.fields.iter().all(|(key, field)| {
        let value = event.get(key);
        match field {
            Field::Nested(inner) => match value {
                Some(Json::Array(items)) => items.iter().any(|v| matches_pattern(inner, v)),
                Some(v) => matches_pattern(inner, v),
                // A missing object matches only a nested pattern that asks for absences.
                None => matches_pattern(inner, &Json::Null),
            },
            Field::Conditions(conditions) => conditions.iter().any(|c| condition(c, value)),
        }
    }) && (pattern.any_of.is_empty() || pattern.any_of.iter().any(|p| matches_pattern(p, event)))
}

fn condition(condition: &Condition, value: Option<&Json>) -> bool {
    match (condition, value) {
        (Condition::Exists(wanted), v) => v.is_some() == *wanted,
        (_, None) => false,
        (c, Some(Json::Array(items))) => items.iter().any(|item| leaf(c, item)),
        (c, Some(v)) => leaf(c, v),
    }
}

fn literal_is(l: &Literal, v: &Json) -> bool {
    match (l, v) {
        (Literal::String(a), Json::String(b)) => a == b,
        (Literal::Number(a), Json::Number(b)) => b.as_f64() == Some(*a),
        (Literal::Bool(a), Json::Bool(b)) => a == b,
        (Literal::Null, Json::Null) => true,
        _ => false,
    }
}

fn text_matches(t: &Text, v: &str, test: fn(&str, &str) -> bool) -> bool {
    match t {
        Text::Exact(s) => test(v, s),
        Text::IgnoreCase(s) => test(&lowercase(v), &lowercase(s)),
    }
}

fn leaf(c: &Condition, v: &Json) -> bool {
    let s = v.as_str();
    match c {
        Condition::Literal(l) => literal_is(l, v),
        Condition::Prefix(t) => s.is_some_and(|s| text_matches(t, s, |v, p| v.starts_with(p))),
        Condition::Suffix(t) => s.is_some_and(|s| text_matches(t, s, |v, p| v.ends_with(p))),
        Condition::EqualsIgnoreCase(e) => s.is_some_and(|s| lowercase(s) == lowercase(e)),
        Condition::Wildcard(w) => s.is_some_and(|s| wildcard::matches_escaped(w, s)),
        Condition::Numeric(ranges) => v.as_f64().is_some_and(|n| {
            ranges.iter().all(|(op, bound)| match op {
                Comparison::Less => n < *bound,
                Comparison::LessOrEqual => n <= *bound,
                Comparison::Equal => n == *bound,
                Comparison::GreaterOrEqual => n >= *bound,
                Comparison::Greater => n > *bound,
            })
        }),
        Condition::Exists(_) => true,
        Condition::Cidr { network, mask } => s
            .and_then(|s| cidr(&format!("{s}/32")))
            .is_some_and(|(address, _)| address & mask == *network),
        Condition::AnythingBut(a) => match a {
            AnythingBut::Values(values) => !values.iter().any(|l| literal_is(l, v)),
            AnythingBut::Prefix(p) => s.is_none_or(|s| !s.starts_with(p.as_str())),
            AnythingBut::Suffix(p) => s.is_none_or(|s| !s.ends_with(p.as_str())),
            AnythingBut::Wildcard(w) => s.is_none_or(|s| !wildcard::matches_escaped(w, s)),
            AnythingBut::IgnoreCase(values) => {
                s.is_none_or(|s| !values.iter().any(|e| lowercase(e) == lowercase(s)))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn matches(pattern: &str, event: Json) -> bool {
        EventPattern::parse(pattern)
            .unwrap_or_else(|e| panic!("{pattern}: {e:?}"))
            .matches(&event)
    }

    fn failed_backup() -> Json {
        json!({
            "version": "0", "source": "aws.backup", "detail-type": "Backup Job State Change",
            "account": "111122223333", "region": "us-east-1",
            "resources": ["arn:aws:ec2:us-east-1::image/ami-1"],
            "detail": {"state": "FAILED", "percentDone": 0, "backupSizeInBytes": "22548578304",
                       "resourceType": "EC2", "statusMessage": "vault does not exist"}
        })
    }

    #[test]
    fn the_issues_pattern_matches_a_failed_backup_job_and_not_a_completed_one() {
        let p = r#"{"source": ["aws.backup"], "detail-type": ["Backup Job State Change"], "detail": {"state": ["FAILED"]}}"#;
        assert!(matches(p, failed_backup()));
        let mut completed = failed_backup();
        completed["detail"]["state"] = json!("COMPLETED");
        assert!(!matches(p, completed));
    }

    #[test]
    fn values_in_a_list_are_alternatives_and_fields_must_all_match() {
        assert!(matches(
            r#"{"detail": {"state": ["COMPLETED", "FAILED"]}}"#,
            failed_backup()
        ));
        assert!(!matches(
            r#"{"detail": {"state": ["FAILED"], "resourceType": ["RDS"]}}"#,
            failed_backup()
        ));
    }

    #[test]
    fn prefix_suffix_and_ignore_case() {
        let e = failed_backup();
        assert!(matches(
            r#"{"detail-type": [{"prefix": "Backup"}]}"#,
            e.clone()
        ));
        assert!(matches(
            r#"{"detail-type": [{"suffix": "State Change"}]}"#,
            e.clone()
        ));
        assert!(matches(
            r#"{"detail-type": [{"prefix": {"equals-ignore-case": "BACKUP"}}]}"#,
            e.clone()
        ));
        assert!(matches(
            r#"{"detail": {"state": [{"equals-ignore-case": "failed"}]}}"#,
            e.clone()
        ));
        assert!(!matches(r#"{"detail-type": [{"prefix": "Copy"}]}"#, e));
    }

    #[test]
    fn anything_but_needs_the_field_and_excludes_its_values() {
        let e = failed_backup();
        assert!(matches(
            r#"{"detail": {"state": [{"anything-but": "COMPLETED"}]}}"#,
            e.clone()
        ));
        assert!(!matches(
            r#"{"detail": {"state": [{"anything-but": ["FAILED", "EXPIRED"]}]}}"#,
            e.clone()
        ));
        assert!(matches(
            r#"{"region": [{"anything-but": {"prefix": "eu-"}}]}"#,
            e.clone()
        ));
        assert!(!matches(
            r#"{"detail": {"missing": [{"anything-but": "x"}]}}"#,
            e
        ));
    }

    #[test]
    fn exists_matches_presence_and_absence() {
        let e = failed_backup();
        assert!(matches(
            r#"{"detail": {"statusMessage": [{"exists": true}]}}"#,
            e.clone()
        ));
        assert!(matches(
            r#"{"detail": {"createdBy": [{"exists": false}]}}"#,
            e.clone()
        ));
        assert!(!matches(
            r#"{"detail": {"statusMessage": [{"exists": false}]}}"#,
            e
        ));
    }

    #[test]
    fn numeric_ranges_compare_numbers_only() {
        let e = failed_backup();
        assert!(matches(
            r#"{"detail": {"percentDone": [{"numeric": [">=", 0, "<", 100]}]}}"#,
            e.clone()
        ));
        assert!(!matches(
            r#"{"detail": {"percentDone": [{"numeric": [">", 0]}]}}"#,
            e.clone()
        ));
        // backupSizeInBytes is a string in AWS's backup job events: numeric does not apply.
        assert!(!matches(
            r#"{"detail": {"backupSizeInBytes": [{"numeric": [">", 0]}]}}"#,
            e.clone()
        ));
        assert!(matches(r#"{"detail": {"percentDone": [0]}}"#, e));
    }

    #[test]
    fn a_list_in_the_event_matches_if_any_element_does() {
        assert!(matches(
            r#"{"resources": [{"prefix": "arn:aws:ec2:"}]}"#,
            failed_backup()
        ));
        assert!(matches(
            r#"{"resources": [{"wildcard": "arn:aws:ec2:*:image/ami-*"}]}"#,
            failed_backup()
        ));
    }

    #[test]
    fn or_offers_alternative_sets_of_fields() {
        let p = r#"{"source": ["aws.backup"], "$or": [{"detail": {"state": ["EXPIRED"]}}, {"detail": {"resourceType": ["EC2"]}}]}"#;
        assert!(matches(p, failed_backup()));
        let p = r#"{"$or": [{"detail": {"state": ["EXPIRED"]}}, {"detail": {"resourceType": ["RDS"]}}]}"#;
        assert!(!matches(p, failed_backup()));
    }

    #[test]
    fn cidr_blocks() {
        assert!(matches(
            r#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#,
            json!({"ip": "10.0.0.77"})
        ));
        assert!(!matches(
            r#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#,
            json!({"ip": "10.0.1.77"})
        ));
    }

    #[test]
    fn a_malformed_pattern_gets_a_diagnostic_at_its_place() {
        let text = r#"{"detail": {"state": "FAILED", "x": [{"sufix": ".png"}]}}"#;
        let errors = EventPattern::parse(text).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].pointer.as_deref(), Some("/detail/state"));
        assert_eq!(&text[errors[0].span.clone()], "\"FAILED\"");
        assert!(errors[1].message.contains("sufix"), "{}", errors[1].message);
        assert!(EventPattern::parse("{\"source\": [").is_err());
        assert!(EventPattern::parse(r#"{"n": [{"numeric": [">", "x"]}]}"#).is_err());
    }
}
