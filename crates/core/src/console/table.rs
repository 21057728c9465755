//! `--output table`, laid out as the AWS CLI lays it out (`awscli/formatter.py` builds the
//! sections, `awscli/table.py` draws them; data/reference/docs/aws-cli.md):
//!
//! - The operation's name titles the first section. An object's scalar members (sorted) make a
//!   header row and a value row, or a `key | value` row when there is one. A list of objects
//!   makes a header row of every scalar key and a row for each object. Members that are objects
//!   or lists become sections of their own, one level deeper, each level framed by one more `|`
//!   on both sides.
//! - A column is as wide as its widest cell plus four; each section is then scaled to the
//!   widest section's width.
//! - When that is wider than the terminal (80 columns when output is not a terminal, as
//!   here), every section of one header row and one value row turns into `header | value` rows.
//! - A character counts two columns when Unicode calls it wide, full-width or ambiguous, as
//!   Python's `unicodedata.east_asian_width` does.
//!
//! crates/core/tests/data/cli-output/expected.json holds the CLI's own output for its responses,
//! and the tests below match it line for line.

use serde_json::Value;

use super::output::python_str;

/// The terminal width the CLI assumes when its output is not a terminal.
pub const WIDTH: usize = 80;

/// The table for `response` to the operation `title`; nothing for an empty response (or one
/// Python counts false: `0`, `""`, `false`, `null`).
pub fn table(title: &str, response: &Value, width: usize) -> String {
    let mut sections = Vec::new();
    if is_falsy(response) {
        return String::new();
    }
    build(Some(title), response, 0, &mut sections);
    render(sections, width)
}

#[derive(Debug, Default)]
struct Section {
    title: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    indent: usize,
    /// The widest cell of each column, headers included.
    widest: Vec<usize>,
}

impl Section {
    fn titled(title: &str, indent: usize) -> Section {
        Section {
            title: title.to_string(),
            indent,
            ..Section::default()
        }
    }

    fn measure(&mut self, cells: &[String]) {
        for (i, cell) in cells.iter().enumerate() {
            match self.widest.get_mut(i) {
                Some(w) => *w = (*w).max(text_width(cell)),
                None => self.widest.push(text_width(cell)),
            }
        }
    }

    fn add_headers(&mut self, headers: Vec<String>) {
        self.measure(&headers);
        self.headers = headers;
    }

    fn add_row(&mut self, row: Vec<String>) {
        self.measure(&row);
        self.rows.push(row);
    }

    /// Column widths (cell plus `padding`), scaled to add up to `total`: rounded half to even,
    /// as Python's `round`, then taken from the first columns or given to the last ones until
    /// they add up.
    fn widths(&self, padding: usize, total: usize) -> Vec<usize> {
        let unscaled: Vec<usize> = self.widest.iter().map(|w| w + padding).collect();
        let sum: usize = unscaled.iter().sum();
        if sum == 0 {
            return unscaled;
        }
        let scale = total as f64 / sum as f64;
        let mut scaled: Vec<i64> = unscaled
            .iter()
            .map(|w| (scale * *w as f64).round_ties_even() as i64)
            .collect();
        let mut off = scaled.iter().sum::<i64>() - total as i64;
        while off != 0 {
            let order: Vec<usize> = if off > 0 {
                (0..scaled.len()).collect()
            } else {
                (0..scaled.len()).rev().collect()
            };
            for i in order {
                if off > 0 {
                    scaled[i] -= 1;
                    off -= 1;
                } else {
                    scaled[i] += 1;
                    off += 1;
                }
                if off == 0 {
                    break;
                }
            }
        }
        scaled.into_iter().map(|w| w.max(0) as usize).collect()
    }

    /// The width the section needs: its columns, four columns of padding each, the border, and
    /// one `|` on each side per level; at least its title's.
    fn needs(&self) -> usize {
        let columns: usize = self.widest.iter().map(|w| w + 4).sum::<usize>() + 2;
        (columns + 2 * self.indent).max(text_width(&self.title) + 2 + 2 * self.indent)
    }
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Object(_) | Value::Array(_))
}

/// What Python counts false.
fn is_falsy(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
    }
}

/// A Python `str()` of a cell, `''` for a missing one.
fn cell(value: Option<&Value>) -> String {
    value.map_or_else(String::new, python_str)
}

fn build(title: Option<&str>, value: &Value, indent: usize, sections: &mut Vec<Section>) {
    if is_falsy(value) {
        return;
    }
    if let Some(title) = title {
        sections.push(Section::titled(title, indent));
    }
    match value {
        Value::Array(items) if items[0].is_object() => {
            list_of_objects(items, indent, title, sections)
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Array(inner) if inner.iter().all(is_scalar) => {
                        let row = inner.iter().map(|v| cell(Some(v))).collect();
                        current(sections).add_row(row);
                    }
                    item if is_scalar(item) => current(sections).add_row(vec![cell(Some(item))]),
                    // Python iterates an object's keys: every key is a scalar, so the keys
                    // make the row.
                    Value::Object(map) => current(sections).add_row(map.keys().cloned().collect()),
                    item => build(None, item, indent, sections),
                }
            }
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let (scalars, nested): (Vec<&String>, Vec<&String>) =
                keys.into_iter().partition(|k| is_scalar(&map[*k]));
            match scalars.as_slice() {
                [] => {}
                [only] => current(sections).add_row(vec![(*only).clone(), cell(map.get(*only))]),
                _ => {
                    let section = current(sections);
                    section.add_headers(scalars.iter().map(|k| (*k).clone()).collect());
                    section.add_row(scalars.iter().map(|k| cell(map.get(*k))).collect());
                }
            }
            for key in nested {
                build(Some(key), &map[key], indent + 1, sections);
            }
        }
        _ => {}
    }
}

/// The section rows are added to: the last one (a table always starts with a titled one).
fn current(sections: &mut Vec<Section>) -> &mut Section {
    if sections.is_empty() {
        sections.push(Section::default());
    }
    sections.last_mut().expect("one section at least")
}

fn list_of_objects(
    items: &[Value],
    indent: usize,
    title: Option<&str>,
    sections: &mut Vec<Section>,
) {
    let mut headers: Vec<String> = Vec::new();
    let mut nested: Vec<String> = Vec::new();
    for map in items.iter().filter_map(Value::as_object) {
        for (key, value) in map {
            let group = if is_scalar(value) {
                &mut headers
            } else {
                &mut nested
            };
            if !group.contains(key) {
                group.push(key.clone());
            }
        }
    }
    headers.sort();
    nested.sort();
    current(sections).add_headers(headers.clone());
    for (i, item) in items.iter().enumerate() {
        let map = item.as_object();
        if i > 0 && !nested.is_empty() {
            // Each object with nested members gets its own titled section.
            sections.push(Section::titled(title.unwrap_or(""), indent));
            current(sections).add_headers(headers.clone());
        }
        let row = headers
            .iter()
            .map(|h| cell(map.and_then(|m| m.get(h))))
            .collect();
        current(sections).add_row(row);
        for key in &nested {
            if let Some(value) = map.and_then(|m| m.get(key)) {
                build(Some(key), value, indent + 1, sections);
            }
        }
    }
}

/// A text's width as the CLI counts it (`get_text_length`): two columns for each character
/// whose East_Asian_Width is Wide, Fullwidth or Ambiguous (é and combining marks included), one
/// for every other.
fn text_width(text: &str) -> usize {
    text.chars().map(super::wide::columns).sum()
}

fn render(mut sections: Vec<Section>, terminal: usize) -> String {
    let widest = |sections: &[Section]| sections.iter().map(Section::needs).max().unwrap_or(0);
    let mut width = widest(&sections);
    if width > terminal {
        for section in &mut sections {
            if section.rows.len() == 1 && !section.headers.is_empty() {
                let mut vertical = Section::titled(&section.title, section.indent);
                let values = section.rows.remove(0);
                for (header, value) in section.headers.iter().zip(values) {
                    vertical.add_row(vec![header.clone(), value]);
                }
                *section = vertical;
            }
        }
        width = widest(&sections);
    }
    let mut out = "-".repeat(width);
    out.push('\n');
    for section in &sections {
        let edge = "|".repeat(section.indent);
        let mut line = |text: String| {
            out.push_str(&edge);
            out.push_str(&text);
            out.push_str(&edge);
            out.push('\n');
        };
        let inner = width.saturating_sub(2 * section.indent);
        if !section.title.is_empty() {
            line(centered(&section.title, inner, "|", "|"));
            if section.headers.is_empty() && section.rows.is_empty() {
                line(format!("+{}+", "-".repeat(inner.saturating_sub(2))));
            }
        }
        let widths = section.widths(4, inner);
        if !section.headers.is_empty() {
            line(rule(&widths));
            let cells: Vec<String> = (section.headers.iter().zip(&widths).enumerate())
                .map(|(i, (h, w))| centered(h, *w, if i == 0 { "|" } else { "" }, "|"))
                .collect();
            line(cells.concat());
        }
        if !section.rows.is_empty() && !widths.is_empty() {
            line(rule(&widths));
            for row in &section.rows {
                let cells: Vec<String> = (row.iter().zip(&widths).enumerate())
                    .map(|(i, (c, w))| left_aligned(c, *w, if i == 0 { "|" } else { "" }))
                    .collect();
                line(cells.concat());
            }
            line(rule(&widths));
        }
    }
    out
}

/// `+----+------+`: the first cell has both corners, the others their right one.
fn rule(widths: &[usize]) -> String {
    let mut out = String::new();
    for (i, w) in widths.iter().enumerate() {
        if i == 0 {
            out.push('+');
            out.push_str(&"-".repeat(w.saturating_sub(2)));
        } else {
            out.push_str(&"-".repeat(w.saturating_sub(1)));
        }
        out.push('+');
    }
    out
}

/// `text` centred in `width` columns between its edges, as `center_text` places it: the left
/// margin is half the width less half the text less one (negative when the text is wider,
/// which widens the right margin, as in the CLI).
fn centered(text: &str, width: usize, left: &str, right: &str) -> String {
    let (len, width) = (text_width(text) as i64, width as i64);
    let start = width / 2 - len / 2 - 1;
    let so_far = left.len() as i64 + start + len;
    let rest = width - right.len() as i64 - so_far;
    let spaces = |n: i64| " ".repeat(n.max(0) as usize);
    format!("{left}{}{text}{}{right}", spaces(start), spaces(rest))
}

/// `text` after two spaces (none when it would not fit), then spaces to the right edge `|`.
fn left_aligned(text: &str, width: usize, left: &str) -> String {
    let len = text_width(text);
    // Two spaces of padding, the text and both edges must fit.
    let padding = if len + 2 + left.len() < width { 2 } else { 0 };
    let rest = width.saturating_sub(left.len() + padding + len + 1);
    format!("{left}{}{text}{}|", " ".repeat(padding), " ".repeat(rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::output::text;

    /// The responses of tests/data/cli-output and what the AWS CLI printed for each.
    fn cases() -> Vec<(String, String, Value, String, String)> {
        let responses: Value =
            serde_json::from_str(include_str!("../../tests/data/cli-output/responses.json"))
                .unwrap();
        let expected: Value =
            serde_json::from_str(include_str!("../../tests/data/cli-output/expected.json"))
                .unwrap();
        (responses.as_array().unwrap().iter())
            .map(|case| {
                let name = case["name"].as_str().unwrap().to_string();
                let printed = &expected["cases"][&name];
                (
                    name,
                    case["operation"].as_str().unwrap().to_string(),
                    case["response"].clone(),
                    printed["table"].as_str().unwrap().to_string(),
                    printed["text"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn every_table_is_the_one_the_aws_cli_printed() {
        let cases = cases();
        assert!(cases.len() >= 10);
        for (name, operation, response, expected, _) in cases {
            assert_eq!(table(&operation, &response, WIDTH), expected, "{name}");
        }
    }

    #[test]
    fn every_text_output_is_the_one_the_aws_cli_printed() {
        for (name, _, response, _, expected) in cases() {
            assert_eq!(text(&response), expected, "{name}");
        }
    }
}
