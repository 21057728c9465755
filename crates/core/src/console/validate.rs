//! botocore's parameter validation (`botocore/validate.py`, `ParamValidator`), which the AWS CLI
//! runs on every request before sending it: missing required members, unknown members, a value
//! of the wrong type, a string or list shorter than the model's `min`. Its report is printed
//! after `Parameter validation failed:`, one line a problem, in the order botocore finds them
//! (for each structure: its missing members, then its unknown ones, then each known member in
//! the request's order). botocore checks no enum, pattern or maximum: the service does.
//!
//! Values are named as Python writes them (`str()` of the value, `<class 'int'>` for its type),
//! since botocore formats the report with Python's own `str` and `type`.

use serde_json::{Map, Value};

use crate::api::operations::model_shape;
use crate::api::shapes::Shape;

use super::output::python_float;

/// The problems botocore reports for `input` against the structure `shape`, as its lines.
pub(super) fn validate(input: &Value, shape: &Shape) -> Vec<String> {
    let mut report = Vec::new();
    check(input, shape, "", &mut report);
    report
}

/// botocore's `_get_name`: the path without its leading `.`, `input` for the whole request.
fn name(path: &str) -> &str {
    match path.strip_prefix('.') {
        Some(rest) => rest,
        None if path.is_empty() => "input",
        None => path,
    }
}

fn check(value: &Value, shape: &Shape, path: &str, report: &mut Vec<String>) {
    match shape {
        Shape::Structure { required, members } => {
            let Some(given) = typed(value, path, &["<class 'dict'>"], report, Value::as_object)
            else {
                return;
            };
            for member in required.iter().filter(|m| !given.contains_key(m.as_str())) {
                report.push(format!(
                    "Missing required parameter in {}: \"{member}\"",
                    name(path)
                ));
            }
            let valid: Vec<&str> = members.iter().map(|(n, _)| n.as_str()).collect();
            for key in given.keys().filter(|k| !valid.contains(&k.as_str())) {
                report.push(format!(
                    "Unknown parameter in {}: \"{key}\", must be one of: {}",
                    name(path),
                    valid.join(", ")
                ));
            }
            for (key, item) in given {
                let member = members.iter().find(|(n, _)| n == key);
                if let Some(shape) = member.and_then(|(_, m)| model_shape(&m.shape)) {
                    check(item, shape, &format!("{path}.{key}"), report);
                }
            }
        }
        Shape::List { member } => {
            let valid = ["<class 'list'>", "<class 'tuple'>"];
            let Some(items) = typed(value, path, &valid, report, Value::as_array) else {
                return;
            };
            if let Some(shape) = model_shape(member) {
                for (i, item) in items.iter().enumerate() {
                    check(item, shape, &format!("{path}[{i}]"), report);
                }
            }
        }
        Shape::Map { key, value: values } => {
            let Some(given) = typed(value, path, &["<class 'dict'>"], report, Value::as_object)
            else {
                return;
            };
            for (k, item) in given {
                if let Some(shape) = model_shape(key) {
                    check(
                        &Value::String(k.clone()),
                        shape,
                        &format!("{path} (key: {k})"),
                        report,
                    );
                }
                if let Some(shape) = model_shape(values) {
                    check(item, shape, &format!("{path}.{k}"), report);
                }
            }
        }
        Shape::String { min, .. } => {
            if let Some(text) = typed(value, path, &["<class 'str'>"], report, Value::as_str)
                && let Some(min) = min
            {
                // The length in characters, as Python's len() counts a str.
                let length = text.chars().count();
                if length < *min {
                    report.push(format!(
                        "Invalid length for parameter {}, value: {length}, valid min length: {min}",
                        name(path)
                    ));
                }
            }
        }
        // Python's bool is an int: botocore's isinstance check lets true through as 1.
        Shape::Integer | Shape::Long => {
            let whole = value.is_boolean() || value.as_i64().is_some() || value.as_u64().is_some();
            if !whole {
                invalid(value, path, &["<class 'int'>"], report);
            }
        }
        Shape::Double => {
            if !(value.is_number() || value.is_boolean()) {
                let valid = [
                    "<class 'float'>",
                    "<class 'decimal.Decimal'>",
                    "<class 'int'>",
                ];
                invalid(value, path, &valid, report);
            }
        }
        Shape::Boolean => {
            if !value.is_boolean() {
                invalid(value, path, &["<class 'bool'>"], report);
            }
        }
        Shape::Blob => {
            if !value.is_string() {
                let valid = ["<class 'bytes'>", "<class 'bytearray'>", "file-like object"];
                invalid(value, path, &valid, report);
            }
        }
        // botocore accepts a datetime or anything dateutil reads as one: a number of seconds,
        // or a date in text. Text with no digit in it is none (vaultsim's approximation of
        // dateutil, which reads a great many forms).
        Shape::Timestamp => {
            let readable = value.is_number()
                || value
                    .as_str()
                    .is_some_and(|t| t.chars().any(|c| c.is_ascii_digit()));
            if !readable {
                let valid = ["<class 'datetime.datetime'>", "timestamp-string"];
                invalid(value, path, &valid, report);
            }
        }
        // CloudFormation's shapes: not in a request the console sends.
        Shape::CfnNumber { .. } | Shape::CfnBoolean | Shape::Json => {}
    }
}

/// The value as `get` reads it, or a report that its type is not one of `valid`.
fn typed<'a, T: ?Sized>(
    value: &'a Value,
    path: &str,
    valid: &[&str],
    report: &mut Vec<String>,
    get: impl Fn(&'a Value) -> Option<&'a T>,
) -> Option<&'a T> {
    let got = get(value);
    if got.is_none() {
        invalid(value, path, valid, report);
    }
    got
}

fn invalid(value: &Value, path: &str, valid: &[&str], report: &mut Vec<String>) {
    report.push(format!(
        "Invalid type for parameter {}, value: {}, type: {}, valid types: {}",
        name(path),
        python_str(value),
        python_type(value),
        valid.join(", ")
    ));
}

/// Python's `type()` of a value JSON gives it (the CLI reads JSON with Python's `json`).
fn python_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "<class 'NoneType'>",
        Value::Bool(_) => "<class 'bool'>",
        Value::Number(n) if n.is_f64() => "<class 'float'>",
        Value::Number(_) => "<class 'int'>",
        Value::String(_) => "<class 'str'>",
        Value::Array(_) => "<class 'list'>",
        Value::Object(_) => "<class 'dict'>",
    }
}

/// Python's `str()` of a value: text as it is; inside a list or dict, each item's `repr`.
fn python_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => python_repr(other),
    }
}

fn python_repr(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Number(n) if n.is_f64() => n.as_f64().map_or_else(|| n.to_string(), python_float),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_repr(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(python_repr).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => dict_repr(map),
    }
}

fn dict_repr(map: &Map<String, Value>) -> String {
    let items: Vec<String> = (map.iter())
        .map(|(k, v)| format!("{}: {}", string_repr(k), python_repr(v)))
        .collect();
    format!("{{{}}}", items.join(", "))
}

/// Python's `repr` of a str: single quotes, or double quotes when the text has a single quote
/// and no double one; backslashes and control characters escaped.
fn string_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_and_types_are_named_as_python_names_them() {
        assert_eq!(python_str(&json!("x")), "x");
        assert_eq!(python_str(&json!(5)), "5");
        assert_eq!(python_str(&json!(true)), "True");
        assert_eq!(python_str(&json!(null)), "None");
        assert_eq!(
            python_str(&json!({"a": [1, "b", false], "it's": null})),
            "{'a': [1, 'b', False], \"it's\": None}"
        );
        assert_eq!(python_type(&json!(1.5)), "<class 'float'>");
        assert_eq!(python_type(&json!([])), "<class 'list'>");
    }
}
