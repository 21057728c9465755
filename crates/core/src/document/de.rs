//! Typed values read from a document's tree, each error carrying the byte range of the node
//! (or member name) it is about: the one way vaultsim turns a document into typed values
//! (scenarios, plans, operation requests, the page's kept state).
//!
//! Each type says how it is read in a few lines ([`FromNode`], with [`Fields`] for objects),
//! calling the non-generic readers here. serde's derives did this before, with
//! `serde_path_to_error` for the places; in the page's wasm they were about 130 KB (serde's
//! generic reading code, compiled again for each type), several times what these readers take.
//! The errors keep serde's words ("unknown field `Tag`, expected one of …", "missing field
//! `Regions`", "invalid type: string \"ten\", expected f64"), which the scenario reader turns
//! into diagnostics.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::de::{self, Error as _};

use super::{Member, Node, Value};

/// Why a node could not be read as the type asked for, and where: the node's range, or the
/// member name's for an unknown member.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodeError {
    /// serde's words for the problem ("unknown field `Tag`, expected one of …", "missing field
    /// `Regions`", "invalid type: string \"ten\", expected f64").
    pub message: String,
    /// The node or member name the error is about; empty for a tree built from a value
    /// without text ([`Node::from_json`]).
    pub span: Range<usize>,
}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(message: T) -> DecodeError {
        DecodeError {
            message: message.to_string(),
            span: 0..0,
        }
    }
}

impl DecodeError {
    fn at(mut self, span: &Range<usize>) -> DecodeError {
        self.span = span.clone();
        self
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

/// A type read from a node.
pub trait FromNode: Sized {
    fn from_node(node: &Node) -> Result<Self, DecodeError>;
}

/// Reads `node` as a `T`.
pub fn from_node<T: FromNode>(node: &Node) -> Result<T, DecodeError> {
    T::from_node(node)
}

/// "invalid type: string \"x\", expected …", at the node.
#[inline(never)]
fn wrong_type(node: &Node, expected: &str) -> DecodeError {
    DecodeError::custom(format_args!(
        "invalid type: {}, expected {expected}",
        Kind(&node.value)
    ))
    .at(&node.span)
}

/// A node's kind and value in serde_json's words: `string "x"`, ``integer `5` ``,
/// ``floating point `1.5` `` (as written), `null`, `sequence`, `map`. Written here rather than
/// through serde's `Unexpected`, whose Display would bring the standard library's float
/// formatting into the page for the one case of a fraction.
struct Kind<'a>(&'a Value);

impl fmt::Display for Kind<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "boolean `{b}`"),
            Value::Number(text) => match json_number(text) {
                Some(n) if n.is_u64() || n.is_i64() => write!(f, "integer `{text}`"),
                Some(_) => write!(f, "floating point `{text}`"),
                None => write!(f, "string {text:?}"),
            },
            Value::String(s) => write!(f, "string {s:?}"),
            Value::Array(_) => f.write_str("sequence"),
            Value::Object(_) => f.write_str("map"),
        }
    }
}

impl FromNode for String {
    fn from_node(node: &Node) -> Result<String, DecodeError> {
        text(node).map(str::to_string)
    }
}

/// A string node's text.
pub fn text(node: &Node) -> Result<&str, DecodeError> {
    match &node.value {
        Value::String(s) => Ok(s),
        // A number JSON cannot hold stays text, as serde_json would give it.
        Value::Number(n) if json_number(n).is_none() => Ok(n),
        _ => Err(wrong_type(node, "a string")),
    }
}

impl FromNode for bool {
    fn from_node(node: &Node) -> Result<bool, DecodeError> {
        match node.value {
            Value::Bool(b) => Ok(b),
            _ => Err(wrong_type(node, "a boolean")),
        }
    }
}

impl FromNode for f64 {
    fn from_node(node: &Node) -> Result<f64, DecodeError> {
        match number(node) {
            Some(n) => Ok(n.as_f64().unwrap_or(f64::NAN)),
            None => Err(wrong_type(node, "f64")),
        }
    }
}

impl FromNode for i64 {
    fn from_node(node: &Node) -> Result<i64, DecodeError> {
        whole(node, "i64", i64::MIN as i128, i64::MAX as i128).map(|n| n as i64)
    }
}

impl FromNode for u64 {
    fn from_node(node: &Node) -> Result<u64, DecodeError> {
        whole(node, "u64", 0, u64::MAX as i128).map(|n| n as u64)
    }
}

/// A whole number in `min..=max`, refused as serde refuses it: a fraction is the wrong type, a
/// whole number out of range the wrong value.
#[inline(never)]
fn whole(node: &Node, expected: &str, min: i128, max: i128) -> Result<i128, DecodeError> {
    let Some(n) = number(node) else {
        return Err(wrong_type(node, expected));
    };
    let value = match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => u as i128,
        (None, Some(i)) => i as i128,
        _ => return Err(wrong_type(node, expected)),
    };
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(DecodeError::custom(format_args!(
            "invalid value: integer `{value}`, expected {expected}"
        ))
        .at(&node.span))
    }
}

fn number(node: &Node) -> Option<serde_json::Number> {
    match &node.value {
        Value::Number(text) => json_number(text),
        _ => None,
    }
}

/// A member that may be null: null (or, read through [`Fields::optional`], absent) is `None`.
impl<T: FromNode> FromNode for Option<T> {
    fn from_node(node: &Node) -> Result<Option<T>, DecodeError> {
        match node.value {
            Value::Null => Ok(None),
            _ => T::from_node(node).map(Some),
        }
    }
}

impl<T: FromNode> FromNode for Vec<T> {
    fn from_node(node: &Node) -> Result<Vec<T>, DecodeError> {
        match &node.value {
            Value::Array(items) => items.iter().map(T::from_node).collect(),
            _ => Err(wrong_type(node, "a sequence")),
        }
    }
}

impl<T: FromNode> FromNode for BTreeMap<String, T> {
    fn from_node(node: &Node) -> Result<BTreeMap<String, T>, DecodeError> {
        match &node.value {
            // Inserted one by one: collecting into a map sorts first, and that sort would be
            // compiled again for each value type.
            Value::Object(members) => {
                let mut map = BTreeMap::new();
                for m in members {
                    map.insert(m.key.clone(), T::from_node(&m.value)?);
                }
                Ok(map)
            }
            _ => Err(wrong_type(node, "a map")),
        }
    }
}

/// Any JSON value, as serde_json holds it.
impl FromNode for serde_json::Value {
    fn from_node(node: &Node) -> Result<serde_json::Value, DecodeError> {
        Ok(node.to_json())
    }
}

/// A pair written as an array of two.
impl<A: FromNode, B: FromNode> FromNode for (A, B) {
    fn from_node(node: &Node) -> Result<(A, B), DecodeError> {
        match node.items() {
            [a, b] => Ok((A::from_node(a)?, B::from_node(b)?)),
            _ => Err(wrong_type(node, "a tuple of size 2")),
        }
    }
}

/// An object's members, read one by one by name.
pub struct Fields<'a> {
    node: &'a Node,
}

impl<'a> Fields<'a> {
    /// `node` as an object (`what` names it in an error: "struct Scenario") whose members are all
    /// `known`, as serde's `deny_unknown_fields` reads it: the first other member is an error at
    /// its name. `tag` is a member read before (an internally tagged enum's tag), allowed but not
    /// listed.
    pub fn strict(
        node: &'a Node,
        what: &str,
        known: &[&str],
        tag: Option<&str>,
    ) -> Result<Fields<'a>, DecodeError> {
        let fields = Fields::lenient(node, what)?;
        match fields
            .node
            .members()
            .iter()
            .find(|m| !known.contains(&m.key.as_str()) && Some(m.key.as_str()) != tag)
        {
            Some(m) => Err(unknown_field(m, known)),
            None => Ok(fields),
        }
    }

    /// `node` as an object; members it does not name are left alone.
    pub fn lenient(node: &'a Node, what: &str) -> Result<Fields<'a>, DecodeError> {
        match &node.value {
            Value::Object(_) => Ok(Fields { node }),
            _ => Err(wrong_type(node, what)),
        }
    }

    fn get(&self, name: &str) -> Option<&'a Node> {
        self.node.get(name)
    }

    /// A member that must be there: "missing field `name`" at the object otherwise.
    pub fn required<T: FromNode>(&self, name: &str) -> Result<T, DecodeError> {
        match self.get(name) {
            Some(node) => T::from_node(node),
            None => Err(missing_field(self.node, name)),
        }
    }

    /// A member that may be left out (or be null).
    pub fn optional<T: FromNode>(&self, name: &str) -> Result<Option<T>, DecodeError> {
        match self.get(name) {
            Some(node) => Option::<T>::from_node(node),
            None => Ok(None),
        }
    }

    /// A member whose absence means `T`'s default (serde's `#[serde(default)]`).
    pub fn or_default<T: FromNode + Default>(&self, name: &str) -> Result<T, DecodeError> {
        self.or_else(name, T::default)
    }

    /// A member whose absence means `default()`.
    pub fn or_else<T: FromNode>(
        &self,
        name: &str,
        default: impl FnOnce() -> T,
    ) -> Result<T, DecodeError> {
        match self.get(name) {
            Some(node) => T::from_node(node),
            None => Ok(default()),
        }
    }
}

#[inline(never)]
fn missing_field(object: &Node, name: &str) -> DecodeError {
    DecodeError::custom(format_args!("missing field `{name}`")).at(&object.span)
}

/// serde's words for a member not in `known`, at the member's name.
#[inline(never)]
fn unknown_field(member: &Member, known: &[&str]) -> DecodeError {
    let given = &member.key;
    let message = match known {
        [] => format!("unknown field `{given}`, there are no fields"),
        [only] => format!("unknown field `{given}`, expected `{only}`"),
        [a, b] => format!("unknown field `{given}`, expected `{a}` or `{b}`"),
        _ => format!(
            "unknown field `{given}`, expected one of {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    DecodeError::custom(message).at(&member.key_span)
}

/// An internally tagged enum's variant name (`{"Fault": "RegionOutage", ...}`): the tag
/// member's text if it is one of `variants`, otherwise serde's words for what is wrong.
pub fn variant<'a>(
    node: &'a Node,
    what: &str,
    tag: &str,
    variants: &[&'a str],
) -> Result<&'a str, DecodeError> {
    let fields = Fields::lenient(node, what)?;
    let Some(given) = fields.get(tag) else {
        return Err(missing_field(node, tag));
    };
    let name = text(given)?;
    match variants.iter().find(|v| **v == name) {
        Some(v) => Ok(v),
        None => {
            let listed = variants
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ");
            Err(DecodeError::custom(format_args!(
                "unknown variant `{name}`, expected one of {listed}"
            ))
            .at(&given.span))
        }
    }
}

/// A number as written, read as JSON reads it: a whole number as an unsigned or signed 64-bit
/// integer when it fits, anything else as a finite double; `None` when it is not a JSON number
/// (a leading zero, as YAML allows) or is out of a double's range. `-0` is the double -0.0, as
/// serde_json reads it.
pub(crate) fn json_number(text: &str) -> Option<serde_json::Number> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.len() > 1 && digits.starts_with('0') && digits.as_bytes()[1].is_ascii_digit() {
        return None;
    }
    if !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let whole = digits.bytes().all(|b| b.is_ascii_digit());
    if whole && digits.bytes().any(|b| b != b'0') {
        if let Ok(n) = text.parse::<u64>() {
            return Some(n.into());
        }
        if let Ok(n) = text.parse::<i64>() {
            return Some(n.into());
        }
    } else if whole && text == digits {
        return Some(0u64.into());
    }
    crate::host::parse_f64(text).and_then(serde_json::Number::from_f64)
}

impl Node {
    /// A tree for a value that has no text (a request built in code, a plan with AWS's defaults
    /// filled in), so that it is read as a document is; its places are all empty.
    pub fn from_json(value: &serde_json::Value) -> Node {
        use serde_json::Value as J;
        let value = match value {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => Value::Number(n.to_string()),
            J::String(s) => Value::String(s.clone()),
            J::Array(items) => Value::Array(items.iter().map(Node::from_json).collect()),
            J::Object(map) => Value::Object(
                map.iter()
                    .map(|(key, value)| Member {
                        key: key.clone(),
                        key_span: 0..0,
                        value: Node::from_json(value),
                    })
                    .collect(),
            ),
        };
        Node { value, span: 0..0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_json;

    #[derive(Debug, PartialEq)]
    struct Resource {
        arn: String,
        size_gb: f64,
        tags: BTreeMap<String, String>,
        days: Option<u64>,
    }

    impl FromNode for Resource {
        fn from_node(node: &Node) -> Result<Resource, DecodeError> {
            let f = Fields::strict(
                node,
                "struct Resource",
                &["Arn", "SizeGb", "Tags", "Days"],
                None,
            )?;
            Ok(Resource {
                arn: f.required("Arn")?,
                size_gb: f.or_default("SizeGb")?,
                tags: f.or_default("Tags")?,
                days: f.optional("Days")?,
            })
        }
    }

    fn read<T: FromNode>(text: &str) -> Result<T, (DecodeError, String)> {
        let root = parse_json(text).strict().expect("valid JSON");
        from_node(&root).map_err(|e| {
            let placed = text[e.span.clone()].to_string();
            (e, placed)
        })
    }

    #[test]
    fn a_document_reads_as_its_type() {
        let r: Resource =
            read(r#"{"Arn": "a", "SizeGb": 2.5, "Tags": {"k": "v"}, "Days": null}"#).unwrap();
        assert_eq!(r.size_gb, 2.5);
        assert_eq!(r.tags["k"], "v");
        assert_eq!(r.days, None);
        let r: Resource = read(r#"{"Arn": "a", "SizeGb": 3, "Days": 7}"#).unwrap();
        assert_eq!((r.size_gb, r.days), (3.0, Some(7)));
        let pair: (String, String) = read(r#"["a", "b"]"#).unwrap();
        assert_eq!(pair, ("a".to_string(), "b".to_string()));
    }

    #[test]
    fn an_unknown_member_is_placed_at_its_name_in_serdes_words() {
        let (e, placed) = read::<Resource>(r#"{"Arn": "a", "Tag": {}}"#).unwrap_err();
        assert_eq!(
            e.message,
            "unknown field `Tag`, expected one of `Arn`, `SizeGb`, `Tags`, `Days`"
        );
        assert_eq!(placed, "\"Tag\"");
    }

    #[test]
    fn a_value_of_the_wrong_type_is_placed_at_the_value() {
        let (e, placed) = read::<Resource>(r#"{"Arn": "a", "SizeGb": "ten"}"#).unwrap_err();
        assert_eq!(e.message, "invalid type: string \"ten\", expected f64");
        assert_eq!(placed, "\"ten\"");
        let (e, placed) = read::<Vec<u64>>("[1, -1]").unwrap_err();
        assert_eq!(e.message, "invalid value: integer `-1`, expected u64");
        assert_eq!(placed, "-1");
        let (e, _) = read::<Vec<i64>>("[1.5]").unwrap_err();
        assert_eq!(
            e.message,
            "invalid type: floating point `1.5`, expected i64"
        );
        let (e, _) = read::<Resource>(r#"{"Arn": null}"#).unwrap_err();
        assert_eq!(e.message, "invalid type: null, expected a string");
    }

    #[test]
    fn a_missing_member_is_placed_at_the_object() {
        let (e, placed) = read::<Vec<Resource>>(r#"[{"Arn": "a"}, {"SizeGb": 1}]"#).unwrap_err();
        assert_eq!(e.message, "missing field `Arn`");
        assert_eq!(placed, r#"{"SizeGb": 1}"#);
    }

    #[test]
    fn an_unknown_variant_is_placed_at_the_tag() {
        let text = r#"{"Fault": "Outage"}"#;
        let root = parse_json(text).strict().unwrap();
        let e = variant(&root, "a fault", "Fault", &["RegionOutage", "Corruption"]).unwrap_err();
        assert_eq!(
            e.message,
            "unknown variant `Outage`, expected one of `RegionOutage`, `Corruption`"
        );
        assert_eq!(&text[e.span], "\"Outage\"");
    }

    #[test]
    fn numbers_read_as_json_reads_them() {
        let n = |t: &str| json_number(t).map(|n| n.to_string());
        assert_eq!(n("60").as_deref(), Some("60"));
        assert_eq!(n("-60").as_deref(), Some("-60"));
        assert_eq!(n("60.0").as_deref(), Some("60.0"));
        assert_eq!(n("1e3").as_deref(), Some("1000.0"));
        assert_eq!(n("0").as_deref(), Some("0"));
        assert_eq!(n("-0").as_deref(), Some("-0.0"));
        assert_eq!(
            n("18446744073709551616").as_deref(),
            Some("1.8446744073709552e+19")
        );
        assert_eq!(n("007"), None);
        assert_eq!(n("1e400"), None);
        let v: serde_json::Value = read(r#"{"a": [1, -2, 2.5, null, true, "s"]}"#).unwrap();
        assert_eq!(v, serde_json::json!({"a": [1, -2, 2.5, null, true, "s"]}));
    }

    #[test]
    fn a_value_without_text_reads_the_same() {
        let value = serde_json::json!({"Arn": "a", "SizeGb": 3});
        let r: Resource = from_node(&Node::from_json(&value)).unwrap();
        assert_eq!(r.size_gb, 3.0);
    }
}
