//! Documents as users paste them: a tree of values, each knowing the byte range it came from,
//! so every diagnostic can say where (JSON Pointer, line and column) and not only what.
//!
//! Reading never stops at the first mistake it can step over: a `//` comment or a trailing
//! comma (both common in documents copied from guides) is reported and skipped, and the rest of
//! the document is still read and checked.

pub mod de;
mod json;
mod yaml;

use std::ops::Range;

use crate::diagnostic::Diagnostic;

pub use crate::lines::{LineIndex, line_column};
pub use de::{DecodeError, Fields, FromNode, from_node};
pub use json::parse_json;
pub use yaml::parse_yaml;

/// A value and the byte range of its text in the document.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number as written, so that `60` and `60.0` can be told apart (AWS wants integers).
    Number(String),
    String(String),
    Array(Vec<Node>),
    /// Members in document order. A key given twice is reported by the reader and only its
    /// last value is kept, as most JSON readers keep it.
    Object(Vec<Member>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Node,
}

impl Value {
    /// The JSON type name, for messages: "a string", "an object".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

impl Node {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.value)
    }

    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.value {
            Value::Object(members) => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }

    pub fn members(&self) -> &[Member] {
        match &self.value {
            Value::Object(members) => members,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Array(items) => items,
            _ => &[],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value as a whole number, if it is written as one (`60`, not `60.0` or `"60"`).
    pub fn as_i64(&self) -> Option<i64> {
        match &self.value {
            Value::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The value as `serde_json` holds it (spans dropped; a repeated key keeps its last value).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => de::json_number(n)
                .map(J::Number)
                .unwrap_or_else(|| J::String(n.clone())),
            Value::String(s) => J::String(s.clone()),
            Value::Array(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Object(members) => {
                let mut map = serde_json::Map::new();
                for m in members {
                    map.insert(m.key.clone(), m.value.to_json());
                }
                J::Object(map)
            }
        }
    }

    /// The node a JSON Pointer (RFC 6901) names, if it exists.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut node = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = token.replace("~1", "/").replace("~0", "~");
            node = match &node.value {
                Value::Object(_) => node.get(&token)?,
                Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }
}

/// Appends one reference token to a JSON Pointer, escaping `~` and `/` as RFC 6901 says.
pub fn pointer_push(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", token.replace('~', "~0").replace('/', "~1"))
}

/// A document read from text: its tree (when the text could be read far enough to build one)
/// and the syntax findings.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub root: Option<Node>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    /// The tree, when the text was read without an error; otherwise the errors (for documents
    /// that must be right before anything is done with them: scenarios, event patterns).
    pub fn strict(self) -> Result<Node, Vec<Diagnostic>> {
        let errors: Vec<Diagnostic> = self
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        match self.root {
            Some(root) if errors.is_empty() => Ok(root),
            _ => Err(errors),
        }
    }

    /// The result, with every diagnostic's span on whole characters of `text`.
    fn fitted(mut self, text: &str) -> Parsed {
        for d in &mut self.diagnostics {
            d.fit_to(text);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_tilde_and_slash() {
        assert_eq!(pointer_push("/a", "b/c~d"), "/a/b~1c~0d");
    }
}
