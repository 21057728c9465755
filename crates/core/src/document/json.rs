//! Reading JSON (RFC 8259) into a [`Node`] tree with byte spans, with a diagnostic for every
//! mistake that says where it is and how to fix it.
//!
//! The reader recovers from the mistakes people make when they copy a document out of a guide or
//! a web page — `//` and `/* */` comments, trailing commas, a missing comma between members,
//! single-quoted strings, unquoted keys — reporting each and reading on, so that one run shows
//! them all. A mistake it cannot step over ends the reading; what was found so far is reported.

use std::collections::HashMap;
use std::ops::Range;

use super::{Member, Node, Parsed, Value, pointer_push};
use crate::codes::{self, Code};
use crate::diagnostic::Diagnostic;

/// Deeper nesting than this is refused rather than risking the stack on hostile input.
const MAX_DEPTH: usize = 200;

/// Reads a JSON document.
pub fn parse_json(text: &str) -> Parsed {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        diagnostics: Vec::new(),
        path: Vec::new(),
    };
    // A byte-order mark is allowed before the document (RFC 8259, section 8.1).
    if text.starts_with('\u{feff}') {
        reader.pos = 3;
    }
    reader.skip_trivia();
    if reader.at_end() {
        reader.error(
            codes::JSON_EMPTY,
            0..text.len(),
            "the document is empty",
            "paste a JSON document: it starts with { and ends with }",
        );
        return reader.finish(None);
    }
    let root = reader.value();
    if root.is_some() {
        reader.skip_trivia();
        if !reader.at_end() {
            let rest = reader.pos..text.len();
            reader.error(
                codes::JSON_TRAILING_TEXT,
                rest,
                "unexpected text after the end of the document",
                "a document holds one JSON value; remove what follows its closing } or ]",
            );
        }
    }
    reader.finish(root)
}

/// Where reading stands after an item of an object or array.
enum After {
    Next,
    Closed,
    Broken,
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    diagnostics: Vec<Diagnostic>,
    /// The reference tokens of the value being read, for each diagnostic's pointer.
    path: Vec<String>,
}

impl Reader<'_> {
    fn finish(self, root: Option<Node>) -> Parsed {
        Parsed {
            root,
            diagnostics: self.diagnostics,
        }
        .fitted(self.text)
    }

    fn pointer(&self) -> String {
        self.path
            .iter()
            .fold(String::new(), |p, token| pointer_push(&p, token))
    }

    fn error(&mut self, code: Code, span: Range<usize>, message: &str, help: &str) {
        let d = Diagnostic::error(code, span, message)
            .with_help(help)
            .at(self.pointer());
        self.diagnostics.push(d);
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The character at the reading position, for messages.
    fn peek_char(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    /// Skips whitespace, reporting and skipping comments.
    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    let end = self.text[self.pos..]
                        .find('\n')
                        .map_or(self.bytes.len(), |i| self.pos + i);
                    let span =
                        self.pos..end.min(self.text[..end].trim_end().len()).max(self.pos + 2);
                    self.error(
                        codes::JSON_COMMENT,
                        span,
                        "JSON has no comments: this // comment makes the document invalid",
                        "delete the comment; AWS reads plan documents as strict JSON",
                    );
                    self.pos = end;
                }
                Some(b'/') if self.bytes.get(self.pos + 1) == Some(&b'*') => {
                    let start = self.pos;
                    match self.text[start + 2..].find("*/") {
                        Some(i) => {
                            self.pos = start + 2 + i + 2;
                            self.error(
                                codes::JSON_COMMENT,
                                start..self.pos,
                                "JSON has no comments: this /* */ comment makes the document invalid",
                                "delete the comment; AWS reads plan documents as strict JSON",
                            );
                        }
                        None => {
                            self.pos = self.bytes.len();
                            self.error(
                                codes::JSON_COMMENT,
                                start..start + 2,
                                "JSON has no comments, and this /* comment is never closed",
                                "delete the comment",
                            );
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn value(&mut self) -> Option<Node> {
        if self.path.len() > MAX_DEPTH {
            let span = self.pos..self.pos + 1;
            self.error(
                codes::JSON_TOO_DEEP,
                span,
                "the document nests deeper than vaultsim reads",
                "no AWS Backup document nests this deep; check for a runaway [ or {",
            );
            return None;
        }
        let start = self.pos;
        match self.peek() {
            None => {
                let end = self.bytes.len();
                self.error(
                    codes::JSON_UNEXPECTED_END,
                    end..end,
                    "the document ends where a value was expected",
                    "add the missing value and close every { and [",
                );
                None
            }
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                let s = self.string()?;
                Some(Node {
                    value: Value::String(s),
                    span: start..self.pos,
                })
            }
            Some(b'\'') => self.single_quoted(),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(_) => {
                let c = self.peek_char().unwrap_or(' ');
                let word = self.word();
                let (message, help) = match word {
                    "True" | "False" | "TRUE" | "FALSE" => (
                        format!("{word} is not a JSON value"),
                        "JSON writes booleans in lower case: true or false".to_string(),
                    ),
                    "None" | "NULL" | "Null" | "undefined" => (
                        format!("{word} is not a JSON value"),
                        "JSON writes an empty value as null".to_string(),
                    ),
                    _ if !word.is_empty() => (
                        format!("{word} is not a JSON value"),
                        "text values go in double quotes: \"...\"".to_string(),
                    ),
                    _ => (
                        format!("unexpected {c:?} where a value was expected"),
                        "a value is a string in double quotes, a number, true, false, null, \
                         an object {...} or an array [...]"
                            .to_string(),
                    ),
                };
                let span = start..(start + word.len()).max(start + c.len_utf8());
                self.error(codes::JSON_SYNTAX, span, &message, &help);
                None
            }
        }
    }

    /// A run of letters, digits and underscores at the reading position (not consumed).
    fn word(&self) -> &str {
        let rest = &self.text[self.pos..];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
            .unwrap_or(rest.len());
        &rest[..len]
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Option<Node> {
        let start = self.pos;
        let found = self.word();
        if found == word {
            self.pos += word.len();
            return Some(Node {
                value,
                span: start..self.pos,
            });
        }
        let shown = if found.is_empty() { "this" } else { found };
        let span = start..start + found.len().max(1);
        self.error(
            codes::JSON_SYNTAX,
            span,
            &format!("{shown} is not a JSON value"),
            "text values go in double quotes: \"...\"",
        );
        None
    }

    fn number(&mut self) -> Option<Node> {
        let start = self.pos;
        let rest = &self.text[start..];
        let len = rest
            .find(|c: char| !(c.is_ascii_digit() || "+-.eE".contains(c)))
            .unwrap_or(rest.len());
        let lexeme = &rest[..len];
        self.pos += len;
        if !is_json_number(lexeme) {
            let help = if lexeme.trim_start_matches('-').starts_with('0')
                && lexeme.trim_start_matches('-').len() > 1
                && !lexeme.contains(['.', 'e', 'E'])
            {
                "JSON numbers have no leading zeros: write 7, not 07"
            } else {
                "write a number such as 60, -1 or 2.5"
            };
            self.error(
                codes::JSON_SYNTAX,
                start..self.pos,
                &format!("{lexeme} is not a JSON number"),
                help,
            );
        }
        Some(Node {
            value: Value::Number(lexeme.to_string()),
            span: start..self.pos,
        })
    }

    /// A double-quoted string; the reading position is at its opening quote.
    fn string(&mut self) -> Option<String> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek_char() else {
                self.unclosed_string(open, self.bytes.len());
                return Some(out);
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Some(out);
                }
                '\n' | '\r' => {
                    // Strings cannot span lines: the closing quote is missing. Read on after
                    // the line, as if it had been there.
                    self.unclosed_string(open, self.pos);
                    return Some(out);
                }
                '\\' => {
                    let escape_start = self.pos;
                    self.pos += 1;
                    match self.peek_char() {
                        Some(e @ ('"' | '\\' | '/')) => out.push(e),
                        Some('b') => out.push('\u{8}'),
                        Some('f') => out.push('\u{c}'),
                        Some('n') => out.push('\n'),
                        Some('r') => out.push('\r'),
                        Some('t') => out.push('\t'),
                        Some('u') => {
                            if let Some(c) = self.unicode_escape() {
                                out.push(c);
                            }
                            continue;
                        }
                        other => {
                            let end = self.pos + other.map_or(0, char::len_utf8);
                            self.error(
                                codes::JSON_SYNTAX,
                                escape_start..end,
                                "an unknown escape in a string",
                                "JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; \
                                 write a backslash as \\\\",
                            );
                            if other.is_none() {
                                return Some(out);
                            }
                        }
                    }
                    self.pos += self.peek_char().map_or(0, char::len_utf8);
                }
                c if (c as u32) < 0x20 => {
                    let at = self.pos;
                    self.error(
                        codes::JSON_SYNTAX,
                        at..at + 1,
                        "a control character inside a string",
                        "write a tab as \\t; other control characters as \\u00XX",
                    );
                    self.pos += 1;
                }
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// `\uXXXX`, and a surrogate pair as two of them; the position is at the `u`.
    fn unicode_escape(&mut self) -> Option<char> {
        let start = self.pos - 1;
        let hex = |r: &mut Self| -> Option<u32> {
            let digits = r.text.get(r.pos + 1..r.pos + 5)?;
            let v = u32::from_str_radix(digits, 16).ok()?;
            r.pos += 5;
            Some(v)
        };
        let Some(first) = hex(self) else {
            let end = (self.pos + 1).min(self.bytes.len());
            self.error(
                codes::JSON_SYNTAX,
                start..end,
                "\\u must be followed by four hexadecimal digits",
                "write a character as \\u00e9, for example",
            );
            self.pos = end;
            return None;
        };
        if (0xD800..0xDC00).contains(&first) && self.text[self.pos..].starts_with("\\u") {
            self.pos += 1;
            if let Some(second) = hex(self)
                && (0xDC00..0xE000).contains(&second)
            {
                return char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00));
            }
        }
        let c = char::from_u32(first);
        if c.is_none() {
            let end = self.pos;
            self.error(
                codes::JSON_SYNTAX,
                start..end,
                "an unpaired surrogate in a \\u escape",
                "write characters outside the Basic Multilingual Plane as a surrogate pair",
            );
        }
        c
    }

    fn unclosed_string(&mut self, open: usize, end: usize) {
        let end = end.max(open + 1);
        self.error(
            codes::JSON_UNCLOSED_STRING,
            open..end,
            "this string is never closed",
            "end it with \" on the same line",
        );
        self.pos = end;
    }

    /// `'text'`: reported, and read as the string it was meant to be.
    fn single_quoted(&mut self) -> Option<Node> {
        let start = self.pos;
        let rest = &self.text[start + 1..];
        let close = rest
            .find(['\'', '\n'])
            .filter(|&i| rest[i..].starts_with('\''));
        let Some(close) = close else {
            let end = start + 1 + rest.find('\n').unwrap_or(rest.len());
            self.error(
                codes::JSON_SYNTAX,
                start..end,
                "strings are written in double quotes, and this one is not closed",
                "write \"text\"",
            );
            return None;
        };
        self.pos = start + 1 + close + 1;
        self.error(
            codes::JSON_SINGLE_QUOTES,
            start..self.pos,
            "JSON strings are written in double quotes, not single quotes",
            "replace the ' quotes with \"",
        );
        Some(Node {
            value: Value::String(rest[..close].to_string()),
            span: start..self.pos,
        })
    }

    fn object(&mut self) -> Option<Node> {
        let start = self.pos;
        self.pos += 1;
        let mut members: Vec<Member> = Vec::new();
        // Where each key was first seen, so a repeat is found without a search per member.
        let mut seen: HashMap<String, usize> = HashMap::new();
        self.skip_trivia();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Some(Node {
                value: Value::Object(members),
                span: start..self.pos,
            });
        }
        loop {
            self.skip_trivia();
            let key_start = self.pos;
            let key = match self.peek() {
                Some(b'"') => self.string()?,
                Some(b'\'') => match self.single_quoted()?.value {
                    Value::String(s) => s,
                    _ => String::new(),
                },
                Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                    let word = self.word().to_string();
                    self.pos += word.len();
                    self.error(
                        codes::JSON_UNQUOTED_KEY,
                        key_start..self.pos,
                        &format!("the key {word} is not in double quotes"),
                        &format!("write \"{word}\""),
                    );
                    word
                }
                _ => {
                    self.expected(
                        "a member name in double quotes",
                        "each member is \"Name\": value",
                    );
                    return None;
                }
            };
            let key_span = key_start..self.pos;
            self.skip_trivia();
            if self.peek() == Some(b':') {
                self.pos += 1;
            } else {
                let at = key_span.end;
                self.error(
                    codes::JSON_SYNTAX,
                    at..at,
                    &format!("a colon is missing after \"{key}\""),
                    &format!("write \"{key}\": value"),
                );
            }
            self.skip_trivia();
            if let Some(&first) = seen.get(&key) {
                let (line, _) = super::line_column(self.text, first);
                let d = Diagnostic::warning(
                    codes::JSON_DUPLICATE_KEY,
                    key_span.clone(),
                    format!("\"{key}\" appears twice in this object (first on line {line})"),
                )
                .with_help("keep one; vaultsim reads the last, as most JSON readers do")
                .at(self.pointer());
                self.diagnostics.push(d);
            }
            seen.entry(key.clone()).or_insert(key_span.start);
            self.path.push(key.clone());
            let value = self.value();
            self.path.pop();
            let value = value?;
            // A repeated key's earlier value is shadowed (reported above): the tree keeps only
            // the one that counts, so every pointer names one value.
            if seen[&key] != key_span.start {
                members.retain(|m| m.key != key);
            }
            members.push(Member {
                key,
                key_span,
                value,
            });
            match self.after_item(b'}', b"\"") {
                After::Next => {}
                After::Closed => break,
                After::Broken => {
                    self.expected(
                        "a comma or }",
                        "separate members with commas and close the object with }",
                    );
                    return None;
                }
            }
        }
        Some(Node {
            value: Value::Object(members),
            span: start..self.pos,
        })
    }

    fn array(&mut self) -> Option<Node> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_trivia();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Some(Node {
                value: Value::Array(items),
                span: start..self.pos,
            });
        }
        loop {
            self.skip_trivia();
            self.path.push(items.len().to_string());
            let item = self.value();
            self.path.pop();
            items.push(item?);
            match self.after_item(b']', b"{[\"") {
                After::Next => {}
                After::Closed => break,
                After::Broken => {
                    self.expected(
                        "a comma or ]",
                        "separate items with commas and close the array with ]",
                    );
                    return None;
                }
            }
        }
        Some(Node {
            value: Value::Array(items),
            span: start..self.pos,
        })
    }

    /// What follows an item of an object or array: a comma (reporting one before `close`, and
    /// reading on), `close`, or — when the next item starts with one of `item_starts` — a
    /// missing comma, reported and stepped over.
    fn after_item(&mut self, close: u8, item_starts: &[u8]) -> After {
        self.skip_trivia();
        match self.peek() {
            Some(b',') => {
                let comma = self.pos;
                self.pos += 1;
                self.skip_trivia();
                if self.peek() == Some(close) {
                    self.trailing_comma(comma);
                    self.pos += 1;
                    return After::Closed;
                }
                After::Next
            }
            Some(c) if c == close => {
                self.pos += 1;
                After::Closed
            }
            Some(c) if item_starts.contains(&c) => {
                self.missing_comma();
                After::Next
            }
            _ => After::Broken,
        }
    }

    fn trailing_comma(&mut self, comma: usize) {
        self.error(
            codes::JSON_TRAILING_COMMA,
            comma..comma + 1,
            "a comma after the last item: JSON does not allow it",
            "delete this comma",
        );
    }

    fn missing_comma(&mut self) {
        // Point at the end of the previous value, where the comma belongs.
        let before = self.text[..self.pos].trim_end().len();
        self.error(
            codes::JSON_MISSING_COMMA,
            before..before,
            "a comma is missing between two items",
            "add a comma here",
        );
    }

    fn expected(&mut self, what: &str, help: &str) {
        let (span, found) = match self.peek_char() {
            None => (
                self.bytes.len()..self.bytes.len(),
                "the end of the document".to_string(),
            ),
            Some(c) => (self.pos..self.pos + c.len_utf8(), format!("{c:?}")),
        };
        self.error(
            codes::JSON_SYNTAX,
            span,
            &format!("expected {what}, found {found}"),
            help,
        );
    }
}

/// Whether `s` is a number as RFC 8259 writes them: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_json_number(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (int, rest) = s.split_at(s.find(['.', 'e', 'E']).unwrap_or(s.len()));
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || (int.len() > 1 && int.starts_with('0')) {
        return false;
    }
    let (fraction, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let fraction_ok = fraction.is_empty() || fraction.strip_prefix('.').is_some_and(digits);
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    fraction_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        parse_json(text)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn reads_every_kind_of_value_with_spans() {
        let text = r#"{"a": [1, -2.5e3, "x\u00e9\n", true, false, null], "b": {}}"#;
        let parsed = parse_json(text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let root = parsed.root.unwrap();
        let a = root.get("a").unwrap();
        assert_eq!(a.items().len(), 6);
        assert_eq!(a.items()[1].value, Value::Number("-2.5e3".into()));
        assert_eq!(a.items()[2].as_str(), Some("xé\n"));
        assert_eq!(&text[a.items()[2].span.clone()], r#""x\u00e9\n""#);
        assert_eq!(root.pointer("/a/3").unwrap().as_bool(), Some(true));
        assert_eq!(root.get("b").unwrap().members().len(), 0);
    }

    #[test]
    fn json_numbers_follow_rfc_8259() {
        for ok in ["0", "-0", "7", "60", "2.5", "1e9", "1E-3", "-1.5e+2"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in ["07", "+1", ".5", "1.", "1e", "--1", "1.2.3", "-"] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }

    #[test]
    fn comments_are_reported_each_and_skipped() {
        let text = "// title\n{\n  \"a\": 1, // one\n  /* two */ \"b\": 2\n}";
        let parsed = parse_json(text);
        assert_eq!(
            codes(text),
            ["json-comment", "json-comment", "json-comment"]
        );
        assert_eq!(parsed.root.unwrap().get("b").unwrap().as_i64(), Some(2));
        let first = &parsed.diagnostics[0];
        assert_eq!(&text[first.span.clone()], "// title");
    }

    #[test]
    fn trailing_commas_are_reported_and_skipped() {
        let text = r#"{"a": [1, 2,], "b": 3,}"#;
        assert_eq!(codes(text), ["json-trailing-comma", "json-trailing-comma"]);
        assert!(parse_json(text).root.is_some());
    }

    #[test]
    fn a_missing_comma_is_reported_where_it_belongs() {
        let text = "{\"a\": 1\n \"b\": 2}";
        let parsed = parse_json(text);
        assert_eq!(codes(text), ["json-missing-comma"]);
        assert_eq!(parsed.diagnostics[0].span, 7..7);
        assert_eq!(parsed.root.unwrap().members().len(), 2);
    }

    #[test]
    fn an_unclosed_string_is_reported_at_its_opening_quote() {
        let text = "{\"a\": \"open\n}";
        let parsed = parse_json(text);
        assert_eq!(parsed.diagnostics[0].code, "json-unclosed-string");
        assert_eq!(parsed.diagnostics[0].span.start, 6);
    }

    #[test]
    fn single_quotes_and_unquoted_keys_are_reported_and_read() {
        let text = "{a: 'x'}";
        let parsed = parse_json(text);
        assert_eq!(codes(text), ["json-unquoted-key", "json-single-quotes"]);
        assert_eq!(parsed.root.unwrap().get("a").unwrap().as_str(), Some("x"));
    }

    #[test]
    fn python_literals_are_named() {
        let d = &parse_json(r#"{"a": True}"#).diagnostics[0];
        assert!(d.help.contains("true or false"), "{}", d.help);
    }

    #[test]
    fn an_unfinished_document_says_so() {
        assert_eq!(codes(r#"{"a": [1, 2"#), ["json-syntax"]);
        assert_eq!(codes(r#"{"a": "#), ["json-unexpected-end"]);
        assert_eq!(codes(""), ["json-empty"]);
    }

    #[test]
    fn text_after_the_document_is_reported() {
        assert_eq!(codes("{} {}"), ["json-trailing-text"]);
    }

    #[test]
    fn duplicate_keys_are_a_warning_and_the_last_counts() {
        let parsed = parse_json(r#"{"a": 1, "a": 2}"#);
        assert_eq!(parsed.diagnostics[0].code, "json-duplicate-key");
        assert_eq!(parsed.root.unwrap().get("a").unwrap().as_i64(), Some(2));
    }

    #[test]
    fn diagnostics_carry_the_pointer_of_the_value_being_read() {
        let parsed = parse_json(r#"{"Rules": [{"RuleName": "a",}]}"#);
        assert_eq!(parsed.diagnostics[0].pointer.as_deref(), Some("/Rules/0"));
    }

    #[test]
    fn hostile_nesting_is_refused_not_overflowed() {
        let text = "[".repeat(100_000);
        assert!(codes(&text).contains(&"json-too-deep"));
    }
}
