//! A response printed as the AWS CLI prints it with `--output json` and `--output text`
//! (`awscli/formatter.py`, `awscli/text.py`; data/reference/docs/aws-cli.md); `--output
//! table` is [`super::table`]'s.
//!
//! Scalars are written as Python's `str()` writes them, since the CLI is Python: `True` and
//! `False`, `None`, whole numbers as they are, and fractions in Python's shortest form
//! (`1e+16`, `1.5e-05`).

use serde_json::{Map, Value};

/// `--output json`: four-space indentation, non-ASCII as it is, a newline after; nothing at all
/// for an empty response (`{}`, what an operation with no output returns).
pub fn json(response: &Value) -> String {
    if response.as_object().is_some_and(Map::is_empty) || response.is_null() {
        return String::new();
    }
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    serde::Serialize::serialize(response, &mut serializer).expect("a JSON value always serializes");
    let mut text = String::from_utf8(out).expect("serde_json writes UTF-8");
    text.push('\n');
    text
}

/// `--output text`: tab-separated lines, as `awscli/text.py` lays them out.
pub fn text(response: &Value) -> String {
    let mut out = String::new();
    item(response, None, None, &mut out);
    out
}

fn item(value: &Value, identifier: Option<&str>, scalar_keys: Option<&[String]>, out: &mut String) {
    match value {
        Value::Object(map) => dict(map, identifier, scalar_keys, out),
        Value::Array(items) => list(items, identifier, out),
        scalar => {
            out.push_str(&python_str(scalar));
            out.push('\n');
        }
    }
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Object(_) | Value::Array(_))
}

/// A list: objects each on their own line with every scalar key of the list (sorted); lists of
/// lists one line per inner list; scalars on one line, or one `KEY\tvalue` line each under a key.
fn list(items: &[Value], identifier: Option<&str>, out: &mut String) {
    if items.is_empty() {
        return;
    }
    if items.iter().any(Value::is_object) {
        let mut keys: Vec<String> = items
            .iter()
            .filter_map(Value::as_object)
            .flat_map(|m| {
                m.iter()
                    .filter(|(_, v)| is_scalar(v))
                    .map(|(k, _)| k.clone())
            })
            .collect();
        keys.sort();
        keys.dedup();
        for element in items {
            item(element, identifier, Some(&keys), out);
        }
    } else if items.iter().any(Value::is_array) {
        let (scalars, nested): (Vec<&Value>, Vec<&Value>) =
            items.iter().partition(|v| is_scalar(v));
        if !scalars.is_empty() {
            scalar_list(&scalars, identifier, out);
        }
        for element in nested {
            item(element, identifier, None, out);
        }
    } else {
        scalar_list(&items.iter().collect::<Vec<_>>(), identifier, out);
    }
}

fn scalar_list(items: &[&Value], identifier: Option<&str>, out: &mut String) {
    match identifier {
        Some(key) => {
            for value in items {
                out.push_str(&format!(
                    "{}\t{}\n",
                    crate::host::uppercase(key),
                    python_str(value)
                ));
            }
        }
        None => {
            let line: Vec<String> = items.iter().map(|v| python_str(v)).collect();
            out.push_str(&line.join("\t"));
            out.push('\n');
        }
    }
}

/// An object: its scalars on one line (after its key in upper case), in sorted key order or
/// in the order of the list's keys; then each other member, under its own key, sorted.
fn dict(
    map: &Map<String, Value>,
    identifier: Option<&str>,
    scalar_keys: Option<&[String]>,
    out: &mut String,
) {
    let mut sorted: Vec<(&String, &Value)> = map.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let (scalars, nested): (Vec<String>, Vec<(&String, &Value)>) = match scalar_keys {
        None => (
            sorted
                .iter()
                .filter(|(_, v)| is_scalar(v))
                .map(|(_, v)| python_str(v))
                .collect(),
            sorted.into_iter().filter(|(_, v)| !is_scalar(v)).collect(),
        ),
        Some(keys) => (
            keys.iter()
                .map(|k| map.get(k).map_or_else(String::new, python_str))
                .collect(),
            sorted
                .into_iter()
                .filter(|(k, _)| !keys.contains(k))
                .collect(),
        ),
    };
    if !scalars.is_empty() {
        let mut line = Vec::with_capacity(scalars.len() + 1);
        if let Some(key) = identifier {
            line.push(crate::host::uppercase(key));
        }
        line.extend(scalars);
        out.push_str(&line.join("\t"));
        out.push('\n');
    }
    for (key, value) in nested {
        item(value, Some(key), None, out);
    }
}

/// A scalar as Python's `str()` writes it. (An object or a list where the list's other
/// elements have a scalar, rare in AWS's responses, is written as JSON, not as Python's repr.)
pub(super) fn python_str(value: &Value) -> String {
    match value {
        Value::Null => "None".to_string(),
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_f64() => n.as_f64().map_or_else(|| n.to_string(), python_float),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// Python's `repr` of a float: the shortest digits that read back to it, in positional form
/// from 1e-4 up to 1e16 and in exponent form (`1e+16`, `1.5e-05`) outside that.
pub(super) fn python_float(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    // serde_json writes the shortest digits; take them and the exponent apart.
    let shortest =
        serde_json::Number::from_f64(x.abs()).map_or_else(String::new, |n| n.to_string());
    let (mantissa, exp) = match shortest.split_once(['e', 'E']) {
        Some((m, e)) => (m.to_string(), e.parse::<i32>().unwrap_or(0)),
        None => (shortest.clone(), 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((&mantissa, ""));
    let digits_all = format!("{whole}{fraction}");
    let leading_zeros = digits_all.len() - digits_all.trim_start_matches('0').len();
    let digits = digits_all.trim_matches('0');
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if digits.is_empty() {
        return format!("{sign}0.0");
    }
    // The decimal exponent of the first significant digit.
    let point = whole.len() as i32 + exp - leading_zeros as i32 - 1;
    if (-4..16).contains(&point) {
        if point < 0 {
            let zeros = "0".repeat((-point - 1) as usize);
            format!("{sign}0.{zeros}{digits}")
        } else {
            let point = point as usize + 1;
            if digits.len() <= point {
                format!("{sign}{digits}{}.0", "0".repeat(point - digits.len()))
            } else {
                format!("{sign}{}.{}", &digits[..point], &digits[point..])
            }
        }
    } else {
        let (first, rest) = digits.split_at(1);
        let rest = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let exp_sign = if point < 0 { '-' } else { '+' };
        format!("{sign}{first}{rest}e{exp_sign}{:02}", point.abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_is_indented_four_spaces_and_an_empty_response_prints_nothing() {
        assert_eq!(json(&json!({})), "");
        assert_eq!(
            json(&json!({"RestoreJobId": "ABCDEF123456", "Tags": [], "Vault": "café"})),
            "{\n    \"RestoreJobId\": \"ABCDEF123456\",\n    \"Tags\": [],\n    \"Vault\": \"café\"\n}\n"
        );
        assert_eq!(json(&json!("a.example.com")), "\"a.example.com\"\n");
    }

    #[test]
    fn text_lays_out_a_list_of_objects_one_line_each_with_nested_members_after() {
        let response = json!({"RecoveryPoints": [
            {"Status": "COMPLETED", "RecoveryPointArn": "arn:1", "IsEncrypted": true,
             "BackupSizeInBytes": 1024, "Lifecycle": {"DeleteAfterDays": 35}},
            {"Status": "EXPIRED", "RecoveryPointArn": "arn:2", "IsEncrypted": false}
        ]});
        assert_eq!(
            text(&response),
            "RECOVERYPOINTS\t1024\tTrue\tarn:1\tCOMPLETED\n\
             LIFECYCLE\t35\n\
             RECOVERYPOINTS\t\tFalse\tarn:2\tEXPIRED\n"
        );
    }

    #[test]
    fn text_writes_lists_as_the_cli_does() {
        // Under a key, every scalar of a list of lists on its own line (aws-cli.md).
        assert_eq!(
            text(&json!({"A": [[1, 2], [3, 4]]})),
            "A\t1\nA\t2\nA\t3\nA\t4\n"
        );
        // At the top level (after a --query), one line per inner list.
        assert_eq!(text(&json!([[1, 2], [3, 4]])), "1\t2\n3\t4\n");
        assert_eq!(text(&json!(["a", "b"])), "a\tb\n");
        assert_eq!(
            text(&json!({"BackupVaultEvents": ["BACKUP_JOB_FAILED", "RESTORE_JOB_COMPLETED"]})),
            "BACKUPVAULTEVENTS\tBACKUP_JOB_FAILED\nBACKUPVAULTEVENTS\tRESTORE_JOB_COMPLETED\n"
        );
        assert_eq!(text(&json!(null)), "None\n");
        assert_eq!(text(&json!([])), "");
    }

    #[test]
    fn fractions_are_written_as_python_writes_them() {
        for (x, python) in [
            (1.5, "1.5"),
            (0.1, "0.1"),
            (100.0, "100.0"),
            (1e16, "1e+16"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (123456789012345.6, "123456789012345.6"),
            (-2.5, "-2.5"),
            (0.0, "0.0"),
        ] {
            assert_eq!(python_float(x), python, "{x}");
        }
    }
}
