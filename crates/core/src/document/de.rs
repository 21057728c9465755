//! Typed values read straight from a document's tree with serde, each error carrying the byte
//! range of the node (or member name) it is about.
//!
//! This is the one way vaultsim turns a document into typed values (scenarios, plans, operation
//! requests, the shape files). Reading through `serde_json::Value` with `serde_path_to_error`, as
//! it once did, lost every place (a path had to be found again in the tree) and, in the page,
//! compiled each type's reader once per deserializer: three copies, about 60 KB of the wasm.

use std::fmt;
use std::ops::Range;

use serde::de::{
    self, Deserialize, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, VariantAccess, Visitor,
};

use super::{Member, Node, Value};

/// Why a node could not be read as the type asked for, and where: the node's range, or the
/// member name's for an unknown member.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodeError {
    /// serde's own words ("unknown field `Tag`, expected one of …", "missing field `Regions`",
    /// "invalid type: string \"ten\", expected f64").
    pub message: String,
    /// The innermost node or member name the error arose at; `None` only when the tree was
    /// built from a value without places ([`Node::from_json`]).
    pub span: Option<Range<usize>>,
}

impl DecodeError {
    /// The error, placed at `span` unless a node inside it placed it already.
    fn at(mut self, span: &Range<usize>) -> DecodeError {
        if self.span.is_none() {
            self.span = Some(span.clone());
        }
        self
    }
}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(message: T) -> DecodeError {
        DecodeError {
            message: message.to_string(),
            span: None,
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

/// Reads `node` as a `T`.
pub fn from_node<'de, T: Deserialize<'de>>(node: &'de Node) -> Result<T, DecodeError> {
    T::deserialize(NodeReader(node)).map_err(|e: DecodeError| e.at(&node.span))
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
    text.parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
}

struct NodeReader<'de>(&'de Node);

/// What a node holds, as serde's visitors take it. Worked out here, once, rather than in each
/// type's copy of the generic reading code below: that code is compiled once per type read, and
/// keeping it to a match on this is what keeps the wasm small.
enum Held<'de> {
    Unit,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Str(&'de str),
    Seq(&'de [Node]),
    Map(&'de [Member]),
}

#[inline(never)]
fn held(node: &Node) -> Held<'_> {
    match &node.value {
        Value::Null => Held::Unit,
        Value::Bool(b) => Held::Bool(*b),
        Value::Number(text) => match json_number(text) {
            Some(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Held::Unsigned(u),
                (None, Some(i)) => Held::Signed(i),
                _ => Held::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            // What JSON cannot hold as a number stays the text it is.
            None => Held::Str(text),
        },
        Value::String(s) => Held::Str(s),
        Value::Array(items) => Held::Seq(items),
        Value::Object(members) => Held::Map(members),
    }
}

/// "invalid type: …, expected …", placed at the node.
#[inline(never)]
fn wrong_type(node: &Node, expected: &dyn de::Expected) -> DecodeError {
    <DecodeError as de::Error>::invalid_type(unexpected(&node.value), expected).at(&node.span)
}

/// How serde names a node's kind in "invalid type" messages (as serde_json names a value's).
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(text) => match json_number(text) {
            Some(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Unexpected::Unsigned(u),
                (None, Some(i)) => Unexpected::Signed(i),
                _ => Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            None => Unexpected::Str(text),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// The error for an array or object the visitor did not read to its end.
#[inline(never)]
fn left_over(len: usize, what: &'static str) -> DecodeError {
    <DecodeError as de::Error>::invalid_length(len, &what)
}

impl<'de> NodeReader<'de> {
    fn seq<V: Visitor<'de>>(items: &'de [Node], visitor: V) -> Result<V::Value, DecodeError> {
        let mut seq = Items(items.iter());
        let value = visitor.visit_seq(&mut seq)?;
        match seq.0.len() {
            0 => Ok(value),
            _ => Err(left_over(items.len(), "fewer elements in array")),
        }
    }

    fn map<V: Visitor<'de>>(members: &'de [Member], visitor: V) -> Result<V::Value, DecodeError> {
        let mut map = Members {
            members: members.iter(),
            value: None,
        };
        let value = visitor.visit_map(&mut map)?;
        match map.members.len() {
            0 => Ok(value),
            _ => Err(left_over(members.len(), "fewer elements in map")),
        }
    }

    fn number<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let node = self.0;
        match held(node) {
            Held::Unsigned(u) => visitor.visit_u64(u),
            Held::Signed(i) => visitor.visit_i64(i),
            Held::Float(f) => visitor.visit_f64(f),
            _ => return Err(wrong_type(node, &visitor)),
        }
        .map_err(|e: DecodeError| e.at(&node.span))
    }

    fn text<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let node = self.0;
        match held(node) {
            Held::Str(s) => visitor
                .visit_borrowed_str(s)
                .map_err(|e: DecodeError| e.at(&node.span)),
            _ => Err(wrong_type(node, &visitor)),
        }
    }

    fn sequence<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let node = self.0;
        match held(node) {
            Held::Seq(items) => Self::seq(items, visitor).map_err(|e| e.at(&node.span)),
            _ => Err(wrong_type(node, &visitor)),
        }
    }
}

/// Each `deserialize_*` takes only the kinds of node its type can be and refuses the rest with
/// serde's "invalid type" message; `deserialize_any` (for `serde_json::Value` members and
/// serde's buffered content) takes them all.
impl<'de> de::Deserializer<'de> for NodeReader<'de> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let node = self.0;
        match held(node) {
            Held::Unit => visitor.visit_unit(),
            Held::Bool(b) => visitor.visit_bool(b),
            Held::Unsigned(u) => visitor.visit_u64(u),
            Held::Signed(i) => visitor.visit_i64(i),
            Held::Float(f) => visitor.visit_f64(f),
            Held::Str(s) => visitor.visit_borrowed_str(s),
            Held::Seq(items) => Self::seq(items, visitor),
            Held::Map(members) => Self::map(members, visitor),
        }
        .map_err(|e| e.at(&node.span))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let node = self.0;
        match held(node) {
            Held::Bool(b) => visitor
                .visit_bool(b)
                .map_err(|e: DecodeError| e.at(&node.span)),
            _ => Err(wrong_type(node, &visitor)),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.number(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.number(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.number(visitor)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.number(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.number(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.number(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.number(visitor)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.number(visitor)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.number(visitor)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.number(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.text(visitor)
    }
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.text(visitor)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.text(visitor)
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.text(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let node = self.0;
        match held(node) {
            Held::Unit => visitor.visit_unit(),
            _ => Err(wrong_type(node, &visitor)),
        }
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.sequence(visitor)
    }
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.sequence(visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.sequence(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let node = self.0;
        match held(node) {
            Held::Map(members) => Self::map(members, visitor).map_err(|e| e.at(&node.span)),
            _ => Err(wrong_type(node, &visitor)),
        }
    }

    /// An object only. serde_json also reads an array as a struct's member values in order, but
    /// no AWS document is written so, and refusing it leaves every type's positional reading code
    /// out of the build.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let node = self.0;
        match node.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
        .map_err(|e: DecodeError| e.at(&node.span))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        let node = self.0;
        match &node.value {
            // A unit variant is its name; any other variant an object with one member.
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Value::Object(members) if members.len() == 1 => {
                visitor.visit_enum(Variant(&members[0]))
            }
            Value::Object(_) => Err(de::Error::invalid_value(
                Unexpected::Map,
                &"map with a single key",
            )),
            _ => Err(de::Error::invalid_type(
                unexpected(&node.value),
                &"string or map",
            )),
        }
        .map_err(|e: DecodeError| e.at(&node.span))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        let span = &self.0.span;
        visitor
            .visit_newtype_struct(self)
            .map_err(|e: DecodeError| e.at(span))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i128 u128 bytes byte_buf
    }
}

/// An array's items, each error placed at its item.
struct Items<'de>(std::slice::Iter<'de, Node>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        match self.0.next() {
            Some(item) => seed
                .deserialize(NodeReader(item))
                .map(Some)
                // An item read through serde's buffered content (an internally tagged enum)
                // comes back without a place: it is the item's.
                .map_err(|e: DecodeError| e.at(&item.span)),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// An object's members, a member name's errors (an unknown member) placed at the name.
struct Members<'de> {
    members: std::slice::Iter<'de, Member>,
    value: Option<&'de Node>,
}

impl<'de> MapAccess<'de> for Members<'de> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        match self.members.next() {
            Some(member) => {
                self.value = Some(&member.value);
                seed.deserialize(Key(member)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        let node = self.value.take().ok_or_else(|| {
            <DecodeError as de::Error>::custom("a value asked for before its key")
        })?;
        seed.deserialize(NodeReader(node))
            .map_err(|e: DecodeError| e.at(&node.span))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

/// A member's name, read as a map key, a struct's field name or an enum's variant name.
struct Key<'de>(&'de Member);

impl<'de> de::Deserializer<'de> for Key<'de> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor
            .visit_borrowed_str(&self.0.key)
            .map_err(|e: DecodeError| e.at(&self.0.key_span))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor
            .visit_enum(self.0.key.as_str().into_deserializer())
            .map_err(|e: DecodeError| e.at(&self.0.key_span))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// An enum written as an object with one member: the variant's name, then its content.
struct Variant<'de>(&'de Member);

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = DecodeError;
    type Variant = NodeReader<'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, NodeReader<'de>), DecodeError> {
        let variant = seed.deserialize(Key(self.0))?;
        Ok((variant, NodeReader(&self.0.value)))
    }
}

impl<'de> VariantAccess<'de> for NodeReader<'de> {
    type Error = DecodeError;

    fn unit_variant(self) -> Result<(), DecodeError> {
        match self.0.value {
            Value::Null => Ok(()),
            ref other => Err(de::Error::invalid_type(unexpected(other), &"unit variant")),
        }
        .map_err(|e: DecodeError| e.at(&self.0.span))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, DecodeError> {
        let span = &self.0.span;
        seed.deserialize(self).map_err(|e: DecodeError| e.at(span))
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        de::Deserializer::deserialize_any(self, visitor)
    }
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
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "PascalCase", deny_unknown_fields)]
    struct Resource {
        arn: String,
        #[serde(default)]
        size_gb: f64,
        #[serde(default)]
        tags: BTreeMap<String, String>,
        #[serde(default)]
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    enum Kind {
        Volume,
        Table { name: String },
    }

    fn read<T: for<'de> Deserialize<'de>>(text: &str) -> (Result<T, DecodeError>, String) {
        let root = parse_json(text).strict().expect("valid JSON");
        (from_node(&root), text.to_string())
    }

    fn placed(text: &str, error: &DecodeError) -> String {
        text[error.span.clone().expect("placed")].to_string()
    }

    #[test]
    fn a_document_reads_as_its_type() {
        let (r, _) = read::<Resource>(
            r#"{"Arn": "a", "SizeGb": 2.5, "Tags": {"k": "v"}, "Kind": {"Table": {"name": "t"}}}"#,
        );
        let r = r.unwrap();
        assert_eq!(r.size_gb, 2.5);
        assert_eq!(r.tags["k"], "v");
        assert_eq!(r.kind, Some(Kind::Table { name: "t".into() }));
        let (r, _) = read::<Resource>(r#"{"Arn": "a", "Kind": "Volume"}"#);
        assert_eq!(r.unwrap().kind, Some(Kind::Volume));
    }

    #[test]
    fn an_unknown_member_is_placed_at_its_name() {
        let (r, text) = read::<Resource>(r#"{"Arn": "a", "Tag": {}}"#);
        let e = r.unwrap_err();
        assert!(
            e.message.starts_with("unknown field `Tag`"),
            "{}",
            e.message
        );
        assert_eq!(placed(&text, &e), "\"Tag\"");
    }

    #[test]
    fn a_value_of_the_wrong_type_is_placed_at_the_value() {
        let (r, text) = read::<Resource>(r#"{"Arn": "a", "SizeGb": "ten"}"#);
        let e = r.unwrap_err();
        assert_eq!(e.message, "invalid type: string \"ten\", expected f64");
        assert_eq!(placed(&text, &e), "\"ten\"");
        let (r, text) = read::<Vec<u32>>("[1, -1]");
        let e = r.unwrap_err();
        assert_eq!(e.message, "invalid value: integer `-1`, expected u32");
        assert_eq!(placed(&text, &e), "-1");
    }

    #[test]
    fn a_missing_member_is_placed_at_the_object() {
        let (r, text) = read::<Vec<Resource>>(r#"[{"Arn": "a"}, {"SizeGb": 1}]"#);
        let e = r.unwrap_err();
        assert_eq!(e.message, "missing field `Arn`");
        assert_eq!(placed(&text, &e), r#"{"SizeGb": 1}"#);
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
        let (r, _) = read::<serde_json::Value>(r#"{"a": [1, -2, 2.5, null, true, "s"]}"#);
        assert_eq!(
            r.unwrap(),
            serde_json::json!({"a": [1, -2, 2.5, null, true, "s"]})
        );
    }

    #[test]
    fn a_value_without_text_reads_the_same() {
        let value = serde_json::json!({"Arn": "a", "SizeGb": 3, "Kind": "Volume"});
        let r: Resource = from_node(&Node::from_json(&value)).unwrap();
        assert_eq!(r.size_gb, 3.0);
        assert_eq!(r.kind, Some(Kind::Volume));
    }
}
