//! The AWS CLI's shorthand syntax for structure, list and map parameters
//! (`--lifecycle DeleteAfterDays=35,MoveToColdStorageAfterDays=7`; cli-usage-shorthand.html),
//! read as `awscli/shorthand.py` reads it: [`parse`] is its `ShorthandParser` (the syntax alone:
//! `key=value` pairs, comma lists, `[...]` lists, `{...}` objects, quoted and `\,`-escaped
//! values), and [`coerce`] its `BackCompatVisitor` (the model's types: numbers and booleans from
//! text, a single value where a list is wanted made a list). Errors keep the CLI's words and its
//! caret under the place it stopped.
//!
//! tests/data/cli-output/shorthand.json holds what awscli 1.46.3 made of each case (written by
//! generate.py beside it); the tests below match every one.

use serde_json::{Map, Value};

use crate::api::operations::model_shape;
use crate::api::shapes::Shape;

/// The value `text` gives, or the CLI's message for where it went wrong.
pub fn parse(text: &str) -> Result<Value, String> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        at: 0,
    };
    parser.parameter()
}

/// Gives a parsed value the model's types, as the CLI does after parsing: integers and longs
/// read as numbers, booleans from `true` / `false` in any case (other text is left as it is), and
/// a value that is not a list where the model wants one put in a list.
pub(crate) fn coerce(value: &mut Value, shape: &Shape) {
    match shape {
        Shape::Structure { members, .. } => {
            if let Value::Object(map) = value {
                for (name, member) in members {
                    if let (Some(v), Some(shape)) = (map.get_mut(name), model_shape(&member.shape))
                    {
                        coerce(v, shape);
                    }
                }
            }
        }
        Shape::List { member } => {
            if !value.is_array() && !value.is_null() {
                *value = Value::Array(vec![value.take()]);
            } else if let (Value::Array(items), Some(shape)) = (value, model_shape(member)) {
                items.iter_mut().for_each(|item| coerce(item, shape));
            }
        }
        Shape::Map { value: of, .. } => {
            if let (Value::Object(map), Some(shape)) = (value, model_shape(of)) {
                map.values_mut().for_each(|v| coerce(v, shape));
            }
        }
        Shape::Integer | Shape::Long => {
            // Python's int() refuses what is not a whole number; the CLI then fails outright.
            if let Some(n) = value.as_str().and_then(|s| s.trim().parse::<i64>().ok()) {
                *value = Value::from(n);
            }
        }
        Shape::Boolean => match value.as_str().map(str::to_ascii_lowercase).as_deref() {
            Some("true") => *value = Value::Bool(true),
            Some("false") => *value = Value::Bool(false),
            _ => {}
        },
        _ => {}
    }
}

/// Whether a parameter of this shape takes shorthand: a structure, a map, or a list of those.
pub(crate) fn applies_to(shape: &Shape) -> bool {
    match shape {
        Shape::Structure { .. } | Shape::Map { .. } => true,
        Shape::List { member } => matches!(
            model_shape(member),
            Some(Shape::Structure { .. } | Shape::Map { .. } | Shape::List { .. })
        ),
        _ => false,
    }
}

/// A syntax error: the CLI's words and where it stopped.
struct Failure(String);

struct Parser {
    chars: Vec<char>,
    at: usize,
}

/// `[!#-&(-+\--<>-Z\\-z|-\uffff]`: what may start an unquoted value.
fn starts_word(c: char) -> bool {
    matches!(c, '!' | '#'..='&' | '('..='+' | '-'..='<' | '>'..='Z' | '\\'..='z' | '|'..='\u{ffff}')
}

/// What may follow in a value written first (`key=value`): also `=`, `[`, `{` and white space.
fn follows_first(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '!' | '#'..='&' | '('..='+' | '-'..='\\' | '^'..='|' | '~'..='\u{ffff}')
}

/// What may follow in a later value of a comma list: no `=` (that starts the next key).
fn follows_second(c: char) -> bool {
    c.is_whitespace() || matches!(c, '!' | '#'..='&' | '('..='+' | '-'..='<' | '>'..='\u{ffff}')
}

/// Characters of a key: `[a-zA-Z0-9\-_.#/:]`.
fn in_key(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_.#/:".contains(c)
}

impl Parser {
    fn current(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn at_end(&self) -> bool {
        self.at >= self.chars.len()
    }

    /// Python's `string.whitespace`: space, \t, \n, \r, \v, \f.
    fn skip_space(&mut self) {
        while self
            .current()
            .is_some_and(|c| " \t\n\r\u{b}\u{c}".contains(c))
        {
            self.at += 1;
        }
    }

    /// The text with a caret under the reading position (on its own line's column).
    fn located(&self, at: usize) -> String {
        let text: String = self.chars.iter().collect();
        let before: String = self.chars[..at.min(self.chars.len())].iter().collect();
        let column = match before.rfind('\n') {
            Some(newline) => before[newline + 1..].chars().count(),
            None => at,
        };
        let after: String = self.chars[at.min(self.chars.len())..].iter().collect();
        let (consumed, rest) = match after.find('\n') {
            Some(newline) => {
                let split = before.len() + newline;
                (text[..split].to_string(), text[split..].to_string())
            }
            None => (text, String::new()),
        };
        format!("{consumed}\n{}^{rest}", " ".repeat(column))
    }

    /// What the CLI says when the character at the reading position is not `what`.
    fn expected(&self, what: &str) -> Failure {
        let actual = self
            .current()
            .map_or_else(|| "EOF".to_string(), String::from);
        self.failure(what, &actual)
    }

    fn failure(&self, expected: &str, actual: &str) -> Failure {
        Failure(format!(
            "Expected: '{expected}', received: '{actual}' for input:\n{}",
            self.located(self.at)
        ))
    }

    fn expect(&mut self, c: char, around_space: bool) -> Result<(), Failure> {
        if around_space {
            self.skip_space();
        }
        if self.current() != Some(c) {
            return Err(self.expected(&c.to_string()));
        }
        self.at += 1;
        if around_space {
            self.skip_space();
        }
        Ok(())
    }

    fn parameter(&mut self) -> Result<Value, String> {
        self.pairs().map_err(|Failure(message)| message)
    }

    /// parameter = keyval *("," keyval)
    fn pairs(&mut self) -> Result<Value, Failure> {
        let mut map = Map::new();
        let (key, value) = self.keyval()?;
        map.insert(key, value);
        let mut last = self.at;
        while !self.at_end() {
            self.expect(',', true)?;
            let (key, value) = self.keyval()?;
            if map.contains_key(&key) {
                return Err(Failure(format!(
                    "Second instance of key \"{key}\" encountered for input:\n{}\nThis is often \
                     because there is a preceding \",\" instead of a space.",
                    self.located(last + 1)
                )));
            }
            map.insert(key, value);
            last = self.at;
        }
        Ok(Value::Object(map))
    }

    /// keyval = key ["@"] "=" values
    fn keyval(&mut self) -> Result<(String, Value), Failure> {
        let key = self.key();
        let files = self.at_sign();
        self.expect('=', true)?;
        let value = self.values()?;
        Ok((key, self.without_files(files, value)?))
    }

    /// `@=`: the value may name a file (`file://`). Whitespace before it is read either way.
    fn at_sign(&mut self) -> bool {
        self.skip_space();
        let files = self.current() == Some('@');
        if files {
            self.at += 1;
            self.skip_space();
        }
        files
    }

    /// A value after `@=` that names a file is refused: the console reads no files yet.
    fn without_files(&self, files: bool, value: Value) -> Result<Value, Failure> {
        let names_file = |v: &Value| {
            v.as_str()
                .is_some_and(|s| s.starts_with("file://") || s.starts_with("fileb://"))
        };
        let any = names_file(&value) || value.as_array().is_some_and(|a| a.iter().any(names_file));
        if files && any {
            return Err(Failure(
                "@= with file:// reads a file, which the console does not do yet; give the \
                 value itself"
                    .to_string(),
            ));
        }
        Ok(value)
    }

    fn key(&mut self) -> String {
        let start = self.at;
        while self.current().is_some_and(in_key) {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }

    fn values(&mut self) -> Result<Value, Failure> {
        match self.current() {
            None => Ok(Value::String(String::new())),
            Some('[') => self.explicit_list(),
            Some('{') => self.object(),
            Some(_) => self.comma_list(),
        }
    }

    /// `a=b` is a value; `a=b,c` a list, read until what follows a comma is the next key.
    fn comma_list(&mut self) -> Result<Value, Failure> {
        let first = self.first_value()?;
        self.skip_space();
        if self.current() != Some(',') {
            return Ok(first);
        }
        self.expect(',', true)?;
        let mut list = vec![first];
        loop {
            // A value, then the end or a comma; anything else means what follows the last
            // comma is the next key (`a=b,c=d`), unless the text ended.
            let failed = match self.second_value() {
                Ok(value) => {
                    self.skip_space();
                    if self.at_end() {
                        list.push(value);
                        break;
                    }
                    match self.expect(',', true) {
                        Ok(()) => {
                            list.push(value);
                            continue;
                        }
                        Err(failure) => failure,
                    }
                }
                Err(failure) => failure,
            };
            if self.at_end() {
                return Err(failed);
            }
            while self.at > 0 && self.chars.get(self.at) != Some(&',') {
                self.at -= 1;
            }
            break;
        }
        Ok(if list.len() == 1 {
            list.remove(0)
        } else {
            Value::Array(list)
        })
    }

    /// explicit-list = "[" [value *("," value)] "]"
    fn explicit_list(&mut self) -> Result<Value, Failure> {
        self.expect('[', true)?;
        let mut items = Vec::new();
        while self.current() != Some(']') {
            items.push(self.explicit_value()?);
            self.skip_space();
            if self.current() != Some(']') {
                self.expect(',', false)?;
                self.skip_space();
            }
        }
        self.expect(']', false)?;
        Ok(Value::Array(items))
    }

    /// hash-literal = "{" [keyval *("," keyval)] "}"
    fn object(&mut self) -> Result<Value, Failure> {
        self.expect('{', true)?;
        let mut map = Map::new();
        while self.current() != Some('}') {
            let key = self.key();
            let files = self.at_sign();
            self.expect('=', true)?;
            let value = self.explicit_value()?;
            let value = self.without_files(files, value)?;
            self.skip_space();
            if self.current() != Some('}') {
                self.expect(',', false)?;
                self.skip_space();
            }
            map.insert(key, value);
        }
        self.expect('}', false)?;
        Ok(Value::Object(map))
    }

    fn explicit_value(&mut self) -> Result<Value, Failure> {
        match self.current() {
            Some('[') => self.explicit_list(),
            Some('{') => self.object(),
            _ => self.first_value(),
        }
    }

    fn first_value(&mut self) -> Result<Value, Failure> {
        match self.current() {
            Some('\'') => self.quoted('\'', "singled quoted"),
            Some('"') => self.quoted('"', "double quoted"),
            _ => Ok(Value::String(self.word(follows_first).unwrap_or_default())),
        }
    }

    fn second_value(&mut self) -> Result<Value, Failure> {
        match self.current() {
            Some('\'') => self.quoted('\'', "singled quoted"),
            Some('"') => self.quoted('"', "double quoted"),
            _ => self
                .word(follows_second)
                .map(Value::String)
                .ok_or_else(|| self.failure("<second>", "<none>")),
        }
    }

    /// An unquoted value: a start character, then any that `follows` allows, `\,` standing for a
    /// comma anywhere; trailing white space dropped.
    fn word(&mut self, follows: fn(char) -> bool) -> Option<String> {
        let escaped_comma = |p: &Parser, i: usize| {
            p.chars.get(i) == Some(&'\\') && p.chars.get(i + 1) == Some(&',')
        };
        let start = self.at;
        let mut value = String::new();
        let mut i = self.at;
        let mut first = true;
        loop {
            if escaped_comma(self, i) {
                value.push(',');
                i += 2;
            } else if let Some(c) = self
                .chars
                .get(i)
                .copied()
                .filter(|c| if first { starts_word(*c) } else { follows(*c) })
            {
                value.push(c);
                i += 1;
            } else {
                break;
            }
            first = false;
        }
        if i == start {
            return None;
        }
        self.at = i;
        Some(value.trim_end().to_string())
    }

    /// A quoted value: everything to the closing quote, where `\'` (or `\"`) is the quote and
    /// `\\` a backslash.
    fn quoted(&mut self, quote: char, name: &str) -> Result<Value, Failure> {
        let mut i = self.at + 1;
        // The last `\'` read: with no closing quote after it, the regular expression the CLI
        // uses backtracks and lets that quote close the value.
        let mut last_escaped = None;
        loop {
            match self.chars.get(i) {
                None => match last_escaped {
                    Some(quote_at) => {
                        i = quote_at;
                        break;
                    }
                    None => return Err(self.failure(&format!("<{name}>"), "<none>")),
                },
                Some('\\') if self.chars.get(i + 1) == Some(&quote) => {
                    last_escaped = Some(i + 1);
                    i += 2;
                }
                Some(c) if *c == quote => break,
                Some(_) => i += 1,
            }
        }
        let inner: String = self.chars[self.at + 1..i].iter().collect();
        self.at = i + 1;
        let value = inner
            .replace(&format!("\\{quote}"), &quote.to_string())
            .replace("\\\\", "\\");
        Ok(Value::String(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::operations::operations;

    #[test]
    fn every_case_reads_as_the_aws_cli_read_it() {
        let cases: Value =
            serde_json::from_str(include_str!("../../tests/data/cli-output/shorthand.json"))
                .unwrap();
        let cases = cases["cases"].as_array().unwrap();
        assert!(cases.len() >= 15);
        for case in cases {
            let text = case["value"].as_str().unwrap();
            let operation = case["operation"].as_str().unwrap();
            let member = case["member"].as_str().unwrap();
            let input = operations()
                .iter()
                .find(|o| o.name == operation)
                .and_then(|o| o.input.as_deref())
                .and_then(model_shape);
            let Some(Shape::Structure { members, .. }) = input else {
                panic!("{operation}")
            };
            let shape = (members.iter())
                .find(|(name, _)| name == member)
                .and_then(|(_, m)| model_shape(&m.shape))
                .unwrap();
            let read = parse(text).map(|mut value| {
                coerce(&mut value, shape);
                value
            });
            match (&read, case.get("parsed"), case.get("error")) {
                (Ok(value), Some(parsed), _) => assert_eq!(value, parsed, "{text:?}"),
                (Err(message), _, Some(error)) => assert_eq!(message, error, "{text:?}"),
                _ => panic!("{text:?}: {read:?} against {case}"),
            }
        }
    }
}
