//! `--output yaml` and `--output yaml-stream`, printed as AWS CLI v2 prints them.
//!
//! The CLI's `YAMLFormatter` and `StreamedYAMLFormatter` (`awscli/formatter.py`, v2 branch) hand
//! the response to its `YAMLDumper`: ruamel.yaml's `YAML(typ='safe')` with
//! `default_flow_style = False`, except that a JSON scalar (a string, number, boolean or null
//! left by `--query`) is written with `json.dump` instead, to spare the YAML document-end
//! marker (`...`) a bare scalar would get.
//!
//! The CLI's installers bundle ruamel.yaml 0.19.1 with ruamel.yaml.clib 0.2.15
//! (`requirements/download-deps/portable-exe-lock.txt`), and with the clib present
//! `YAML(typ='safe')` emits through its C emitter: the libyaml 0.1.7 emitter (`emitter.c`)
//! deciding with ruamel's `Resolver`, which holds the YAML 1.2 implicit resolvers
//! (`ruamel/yaml/resolver.py`). PyYAML (`emitter.py`, `representer.py`, `resolver.py`) is
//! close but not the same: its YAML 1.1 resolvers quote `yes` and `on`, it writes `1e+16` as
//! `1.0e+16`, its emitter counts characters past U+FFFF (emoji) printable where libyaml
//! escapes them in double quotes, and it makes a key of 128 bytes a `?` key where libyaml
//! keeps up to 128 simple. What is written here follows libyaml and ruamel, as the CLI runs
//! them; tests/data/cli-output/yaml-expected.json holds their own output for the cases these
//! rules turn on (written by generate_yaml.py).
//!
//! Everything this emitter is given comes from JSON, so it only writes block collections,
//! empty flow collections (`[]`, `{}`), and scalars in the plain, single-quoted and
//! double-quoted styles.

use serde_json::{Map, Value};

use super::output::python_float;

/// `--output yaml`: the response (merged and queried) as one YAML document; nothing for an
/// empty response (`{}`, as the JSON formatter). Rule 5: a scalar at the root (`--query
/// 'BackupVaultName'`) is written as JSON, `"prod-primary-vault"`, by the CLI's
/// `YAMLDumper.dump`, never as a YAML scalar with its `...` marker; a root list is `- a`
/// lines as any sequence.
pub fn yaml(response: &Value) -> String {
    if response.as_object().is_some_and(Map::is_empty) {
        return String::new();
    }
    match response {
        Value::Object(_) | Value::Array(_) => document(response),
        scalar => format!("{}\n", json_scalar(scalar)),
    }
}

/// `--output yaml-stream`: each page the paginator yields, queried, as a one-item YAML
/// sequence (`[page]`), one after the other; nothing for an empty response (`{}`). The
/// simulated service answers every list in one page, so the stream is `- ` and that page.
pub fn yaml_stream(page: &Value) -> String {
    if page.as_object().is_some_and(Map::is_empty) {
        return String::new();
    }
    document(&Value::Array(vec![page.clone()]))
}

/// A scalar as Python's `json.dump(value, ensure_ascii=False)` writes it (and, but for a
/// string, as ruamel's representer writes it in YAML): serde_json escapes strings as Python
/// does (`\"`, `\\`, `\n`, `\u001f`, non-ASCII kept), and a fraction is Python's `repr` of it
/// (`1e+16`, where serde_json writes `1e16`).
fn json_scalar(value: &Value) -> String {
    match value {
        Value::Number(n) if n.is_f64() => n.as_f64().map_or_else(|| n.to_string(), python_float),
        other => other.to_string(),
    }
}

/// libyaml's `best_width`: a scalar is folded at a space once its line is past 80 columns.
const BEST_WIDTH: usize = 80;
/// libyaml's `best_indent`.
const BEST_INDENT: usize = 2;

/// One YAML document for a collection: the node, then the line break that ends the document
/// (implicit document start and end, so no `---` or `...`).
fn document(value: &Value) -> String {
    let mut emitter = Emitter {
        out: String::new(),
        column: 0,
        indent: None,
        whitespace: true,
        indention: true,
    };
    emitter.node(value, false);
    emitter.write_indent();
    emitter.out
}

/// The state libyaml's emitter writes by (`yaml_emitter_t`).
struct Emitter {
    out: String,
    /// Characters written on the current line.
    column: usize,
    /// The current block's indentation; `None` before the root collection opens.
    indent: Option<usize>,
    /// Whether the last character written was whitespace (so an indicator needs no space).
    whitespace: bool,
    /// Whether the current line holds only indentation and indicators (`- `, `? `) so far.
    indention: bool,
}

impl Emitter {
    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn line_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    /// `yaml_emitter_write_indent`: a new line unless the current one holds only the
    /// indentation so far, then spaces up to the indentation.
    fn write_indent(&mut self) {
        let indent = self.indent.unwrap_or(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.line_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    /// `yaml_emitter_write_indicator`: `-`, `?`, `:`, a quote or a bracket, after a space if
    /// one is needed.
    fn indicator(
        &mut self,
        text: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        text.chars().for_each(|c| self.put(c));
        self.whitespace = is_whitespace;
        self.indention &= is_indention;
    }

    /// `yaml_emitter_increase_indent`; returns the indentation to go back to.
    fn increase_indent(&mut self, flow: bool, indentless: bool) -> Option<usize> {
        let before = self.indent;
        self.indent = Some(match before {
            None if flow => BEST_INDENT,
            None => 0,
            Some(indent) if indentless => indent,
            Some(indent) => indent + BEST_INDENT,
        });
        before
    }

    /// A node; `mapping` when it is a mapping's value (libyaml's mapping context).
    fn node(&mut self, value: &Value, mapping: bool) {
        match value {
            // Rule 1: an empty collection is written in flow style, inline: `Tags: {}`,
            // `- []` (libyaml's check_empty_mapping / check_empty_sequence).
            Value::Object(members) if members.is_empty() => self.empty_flow("{", "}"),
            Value::Array(items) if items.is_empty() => self.empty_flow("[", "]"),
            Value::Object(members) => self.mapping(members),
            Value::Array(items) => self.sequence(items, mapping),
            Value::String(text) => self.scalar(text, !resolves_to_another_type(text), false),
            // Rule 2: other scalars as ruamel's SafeRepresenter writes them, which is as JSON
            // writes them: `null`, `true`, `false`, an integer's digits, a fraction as
            // Python's repr lowercased (`1e+16`: represent_float adds `.0` before the `e`
            // only when dumping YAML 1.1). Each reads back as its own type, so each is plain.
            scalar => self.scalar(&json_scalar(scalar), true, false),
        }
    }

    fn empty_flow(&mut self, open: &str, close: &str) {
        self.indicator(open, true, true, false);
        self.indicator(close, false, false, false);
    }

    /// Rule 1: a block sequence, `- ` before each item. Under a mapping's key it is not
    /// indented (`Users:` then `- Arn: …` in the key's column): libyaml's block sequence is
    /// "indentless" in a mapping context when the line holds more than indentation. An item
    /// that is a collection starts on the dash's line (`- Arn: x`, `- - a`), since the dash
    /// leaves the line as indentation only.
    fn sequence(&mut self, items: &[Value], mapping: bool) {
        let before = self.increase_indent(false, mapping && !self.indention);
        for item in items {
            self.write_indent();
            self.indicator("-", true, false, true);
            self.node(item, false);
        }
        self.indent = before;
    }

    /// Rule 1: a block mapping, its keys sorted (ruamel's represent_mapping sorts a dict's
    /// items; Python orders strings by code point, as Rust orders UTF-8 by byte), each
    /// `key: value` on its own line, a nested collection's lines indented two more.
    fn mapping(&mut self, members: &Map<String, Value>) {
        let before = self.increase_indent(false, false);
        let mut sorted: Vec<(&String, &Value)> = members.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        for (key, value) in sorted {
            self.write_indent();
            let plain_implicit = !resolves_to_another_type(key);
            // A simple key fits on one line and in 128 bytes (check_simple_key); any other is
            // written as `? key` then `: value` on the next line.
            if !analyze(key).multiline && key.len() <= 128 {
                self.scalar(key, plain_implicit, true);
                self.indicator(":", false, false, false);
            } else {
                self.indicator("?", true, false, true);
                self.scalar(key, plain_implicit, false);
                self.write_indent();
                self.indicator(":", true, false, true);
            }
            self.node(value, true);
        }
        self.indent = before;
    }

    /// A scalar in the first style its text allows (`yaml_emitter_select_scalar_style`):
    /// plain if nothing in it needs quotes and it reads back as a string (`plain_implicit`),
    /// else single-quoted if that can hold it, else double-quoted. Only a simple key does not
    /// fold (`simple_key`).
    fn scalar(&mut self, text: &str, plain_implicit: bool, simple_key: bool) {
        let analysis = analyze(text);
        let chars: Vec<char> = text.chars().collect();
        let before = self.increase_indent(true, false);
        let fold = !simple_key;
        // (libyaml also keeps an empty key from plain, and a key on two lines from single
        // quotes; neither reaches here: the empty text reads back as null, and such a key is
        // a `?` key, not a simple one.)
        if analysis.block_plain && plain_implicit {
            self.plain(&chars, fold);
        } else if analysis.single_quoted {
            self.single_quoted(&chars, fold);
        } else {
            self.double_quoted(&chars, fold);
        }
        self.indent = before;
    }

    /// Rule 4, plain (`yaml_emitter_write_plain_scalar`): at a single space, once the line is
    /// past 80 columns, the scalar goes on at the next line, indented two past the node that
    /// holds it. A word is never split, so an ARN stays whole however long. (A plain scalar
    /// has no line break: analyze() keeps those out.)
    fn plain(&mut self, chars: &[char], fold: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if fold && !spaces && self.column > BEST_WIDTH && chars.get(i + 1) != Some(&' ') {
                    self.write_indent();
                } else {
                    self.put(' ');
                }
                spaces = true;
            } else {
                self.put(c);
                self.indention = false;
                spaces = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    /// Rule 3, single-quoted (`yaml_emitter_write_single_quoted_scalar`): a `'` doubled; a run
    /// of line breaks written with one more (inside quotes one break reads back as a space,
    /// two as one break), the text going on at the indentation; folded as a plain scalar is
    /// (rule 4), but never at its first or last character.
    fn single_quoted(&mut self, chars: &[char], fold: bool) {
        self.indicator("'", true, false, false);
        let (mut spaces, mut breaks) = (false, false);
        let last = chars.len().saturating_sub(1);
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if fold
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i != 0
                    && i != last
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent();
                } else {
                    self.put(' ');
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.line_break();
                }
                // `\n` as the line break; another break character (U+2028, U+2029) as itself.
                if c == '\n' {
                    self.line_break();
                } else {
                    self.out.push(c);
                    self.column = 0;
                }
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        if breaks {
            self.write_indent();
        }
        self.indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    /// Rule 3, double-quoted (`yaml_emitter_write_double_quoted_scalar`), for text single
    /// quotes cannot hold: what is not printable, a line break, `"` and `\` escaped (`\t`,
    /// `\n`, `\x7F`, `\U0001F600`); folded as a single-quoted scalar is, a space that would
    /// start the next line escaped as `\ `.
    fn double_quoted(&mut self, chars: &[char], fold: bool) {
        self.indicator("\"", true, false, false);
        let mut spaces = false;
        let last = chars.len().saturating_sub(1);
        for (i, &c) in chars.iter().enumerate() {
            if !is_printable(c) || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                escape(c).chars().for_each(|e| self.put(e));
                spaces = false;
            } else if c == ' ' {
                if fold && !spaces && self.column > BEST_WIDTH && i != 0 && i != last {
                    self.write_indent();
                    if chars.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(' ');
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }
}

/// What follows the `\` for a character escaped in double quotes, as libyaml writes it.
fn escape(c: char) -> String {
    let code = u32::from(c);
    let short = match c {
        '\0' => '0',
        '\x07' => 'a',
        '\x08' => 'b',
        '\t' => 't',
        '\n' => 'n',
        '\x0b' => 'v',
        '\x0c' => 'f',
        '\r' => 'r',
        '\x1b' => 'e',
        '"' => '"',
        '\\' => '\\',
        '\u{85}' => 'N',
        '\u{2028}' => 'L',
        '\u{2029}' => 'P',
        _ if code <= 0xFF => return format!("x{code:02X}"),
        _ if code <= 0xFFFF => return format!("u{code:04X}"),
        _ => return format!("U{code:08X}"),
    };
    short.to_string()
}

/// What `yaml_emitter_analyze_scalar` finds in a text, for a block context (this emitter is
/// never inside a flow collection with a scalar in it).
struct Analysis {
    /// It has a line break.
    multiline: bool,
    /// It can be written plain.
    block_plain: bool,
    /// It can be written in single quotes.
    single_quoted: bool,
}

/// Rule 3, when a text cannot be plain, or cannot even be single-quoted.
fn analyze(text: &str) -> Analysis {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        // Plain would do, but it reads back as null (see resolves_to_another_type).
        return Analysis {
            multiline: false,
            block_plain: true,
            single_quoted: true,
        };
    }
    // A document marker at the start is an indicator.
    let mut indicators = text.starts_with("---") || text.starts_with("...");
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading, mut trailing) = (false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let mut preceded_by_whitespace = true;
    let last = chars.len() - 1;
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_whitespace = chars.get(i + 1).is_none_or(|&n| is_blankz(n));
        if i == 0 {
            // An indicator character first; `-`, `?` and `:` only when a space (or the end)
            // follows, so `-x` and `:x` stay plain while `- x` and `-` do not.
            if "#,[]{}&*!|>'\"%@`".contains(c)
                || (matches!(c, '-' | '?' | ':') && followed_by_whitespace)
            {
                indicators = true;
            }
        } else if (c == ':' && followed_by_whitespace) || (c == '#' && preceded_by_whitespace) {
            // `: ` (or a `:` at the end) starts a value, ` #` a comment.
            indicators = true;
        }
        // Non-ASCII is written as it is (allow_unicode), if libyaml counts it printable.
        if !is_printable(c) {
            special = true;
        }
        if c == ' ' {
            leading |= i == 0;
            trailing |= i == last;
            break_space |= previous_break;
            (previous_space, previous_break) = (true, false);
        } else if is_break(c) {
            line_breaks = true;
            leading |= i == 0;
            trailing |= i == last;
            space_break |= previous_space;
            (previous_space, previous_break) = (false, true);
        } else {
            (previous_space, previous_break) = (false, false);
        }
        preceded_by_whitespace = is_blankz(c);
    }
    Analysis {
        multiline: line_breaks,
        // Leading or trailing space or break, a space beside a break, an unprintable
        // character, any line break, or an indicator: not plain.
        block_plain: !(leading
            || trailing
            || break_space
            || space_break
            || special
            || line_breaks
            || indicators),
        // A space beside a break or an unprintable character: not even single-quoted.
        single_quoted: !(break_space || space_break || special),
    }
}

/// libyaml's IS_PRINTABLE: a line feed, printable ASCII, and the Basic Multilingual Plane
/// from U+00A0 on, less the surrogates, U+FEFF, U+FFFE and U+FFFF. Tab, carriage return, DEL,
/// the C1 controls (NEL among them) and everything past U+FFFF are not.
fn is_printable(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        && c != '\u{feff}'
}

/// libyaml's IS_BREAK.
fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// libyaml's IS_BLANKZ: a space, a tab, a break, or the end of the text.
fn is_blankz(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\0') || is_break(c)
}

/// Rule 3: whether a plain `text` would be read back as something other than a string by
/// ruamel's YAML 1.2 implicit resolvers (`ruamel/yaml/resolver.py`, those marked for 1.2), so
/// that it has to be quoted. The resolvers are tried by the text's first character, as ruamel
/// indexes them: `_1` is a string though `[-+]?[0-9_]+` would match it. YAML 1.1's `yes`, `no`,
/// `on`, `off` and sexagesimal `12:30` are strings in 1.2. (The `!`, `&`, `*` resolver never
/// matters: those characters are indicators.)
fn resolves_to_another_type(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        // `''`: the null resolver matches the empty text.
        return true;
    };
    match first {
        // bool: true|True|TRUE|false|False|FALSE
        't' | 'T' | 'f' | 'F' => {
            matches!(text, "true" | "True" | "TRUE" | "false" | "False" | "FALSE")
        }
        // null: ~|null|Null|NULL
        '~' | 'n' | 'N' => matches!(text, "~" | "null" | "Null" | "NULL"),
        // merge `<<`, value `=`
        '<' => text == "<<",
        '=' => text == "=",
        '.' => is_float(text),
        '-' | '+' => is_float(text) || is_int(text),
        '0'..='9' => is_float(text) || is_int(text) || is_timestamp(text),
        _ => false,
    }
}

/// Whether all of `text` is in `allowed`, and there is some.
fn all_of(text: &str, allowed: impl Fn(char) -> bool) -> bool {
    !text.is_empty() && text.chars().all(allowed)
}

fn digit_or_underscore(c: char) -> bool {
    c.is_ascii_digit() || c == '_'
}

/// The 1.2 int resolver: `[-+]?0b[0-1_]+ | [-+]?0o?[0-7_]+ | [-+]?[0-9_]+ |
/// [-+]?0x[0-9a-fA-F_]+`.
fn is_int(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    if let Some(bits) = t.strip_prefix("0b") {
        return all_of(bits, |c| matches!(c, '0' | '1' | '_'));
    }
    if let Some(octal) = t.strip_prefix("0o") {
        return all_of(octal, |c| matches!(c, '0'..='7' | '_'));
    }
    if let Some(hex) = t.strip_prefix("0x") {
        return all_of(hex, |c| c.is_ascii_hexdigit() || c == '_');
    }
    all_of(t, digit_or_underscore)
}

/// The 1.2 float resolver: `[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+]?[0-9]+)? |
/// [-+]?[0-9][0-9_]*[eE][-+]?[0-9]+ | [-+]?\.[0-9_]+([eE][-+][0-9]+)? | [-+]?\.(inf|Inf|INF) |
/// \.(nan|NaN|NAN)`.
fn is_float(text: &str) -> bool {
    if matches!(text, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(t, ".inf" | ".Inf" | ".INF") {
        return true;
    }
    // An exponent: `e` or `E`, a sign (required after a leading `.`), digits.
    let exponent = |e: &str, sign_required: bool| {
        let Some(e) = e.strip_prefix(['e', 'E']) else {
            return false;
        };
        let digits = e.strip_prefix(['-', '+']);
        if sign_required && digits.is_none() {
            return false;
        }
        all_of(digits.unwrap_or(e), |c| c.is_ascii_digit())
    };
    if let Some(fraction) = t.strip_prefix('.') {
        let end = fraction.find(['e', 'E']).unwrap_or(fraction.len());
        return all_of(&fraction[..end], digit_or_underscore)
            && (end == fraction.len() || exponent(&fraction[end..], true));
    }
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let whole = t.find(|c: char| !digit_or_underscore(c)).unwrap_or(t.len());
    let rest = &t[whole..];
    match rest.strip_prefix('.') {
        Some(fraction) => {
            let end = fraction
                .find(|c: char| !digit_or_underscore(c))
                .unwrap_or(fraction.len());
            end == fraction.len() || exponent(&fraction[end..], false)
        }
        None => exponent(rest, false),
    }
}

/// The timestamp resolver (kept for 1.2): `YYYY-MM-DD`, or `YYYY-M?M-D?D`, `T`, `t` or spaces
/// and tabs, `h?h:mm:ss`, a fraction `.d*`, then spaces and tabs and `Z` or `±h?h(:mm)?`.
fn is_timestamp(text: &str) -> bool {
    let b = text.as_bytes();
    let mut at = 0;
    // Up to `max` digits, at least `min`; greedy is enough, as a non-digit always follows.
    let digits = |at: &mut usize, min: usize, max: usize| {
        let n = b[*at..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count();
        *at += n;
        n >= min
    };
    let expect = |at: &mut usize, c: u8| {
        let found = b.get(*at) == Some(&c);
        *at += usize::from(found);
        found
    };
    if !(digits(&mut at, 4, 4) && expect(&mut at, b'-')) {
        return false;
    }
    let month = at;
    if !(digits(&mut at, 1, 2) && expect(&mut at, b'-') && digits(&mut at, 1, 2)) {
        return false;
    }
    // The date alone must be written in full: YYYY-MM-DD.
    if at == b.len() {
        return at - month == 5;
    }
    match b[at] {
        b'T' | b't' => at += 1,
        b' ' | b'\t' => {
            at += b[at..]
                .iter()
                .take_while(|c| matches!(c, b' ' | b'\t'))
                .count()
        }
        _ => return false,
    }
    if !(digits(&mut at, 1, 2)
        && expect(&mut at, b':')
        && digits(&mut at, 2, 2)
        && expect(&mut at, b':')
        && digits(&mut at, 2, 2))
    {
        return false;
    }
    if expect(&mut at, b'.') {
        digits(&mut at, 0, usize::MAX);
    }
    at += b[at..]
        .iter()
        .take_while(|c| matches!(c, b' ' | b'\t'))
        .count();
    match b.get(at) {
        None => at == b.len() && !text.ends_with([' ', '\t']),
        Some(b'Z') => at + 1 == b.len(),
        Some(b'-' | b'+') => {
            at += 1;
            if !digits(&mut at, 1, 2) {
                return false;
            }
            if expect(&mut at, b':') && !digits(&mut at, 2, 2) {
                return false;
            }
            at == b.len()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A fixture of tests/data/cli-output (README.md there says where each comes from).
    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!("../../tests/data/cli-output/", $name))
        };
    }

    fn json_of(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    /// `Key: value` as printed, for one member.
    fn member(value: Value) -> String {
        yaml(&json!({ "Key": value }))
    }

    #[test]
    fn the_user_guides_list_users_sorts_each_users_keys_and_quotes_the_timestamps() {
        assert_eq!(
            yaml(&json_of(fixture!("yaml-guide-list-users.json"))),
            fixture!("yaml-guide-list-users.yaml")
        );
    }

    #[test]
    fn the_user_guides_yaml_stream_prints_the_page_as_a_one_item_list() {
        assert_eq!(
            yaml_stream(&json_of(fixture!("yaml-guide-list-users-page.json"))),
            fixture!("yaml-guide-list-users-page.yaml")
        );
    }

    #[test]
    fn get_caller_identity_quotes_the_account_a_string_of_digits() {
        assert_eq!(
            yaml(&json_of(fixture!("yaml-sso-util-get-caller-identity.json"))),
            fixture!("yaml-sso-util-get-caller-identity.yaml")
        );
    }

    #[test]
    fn every_case_prints_as_ruamels_c_emitter_printed_it() {
        let cases = json_of(fixture!("yaml-cases.json"));
        let expected = json_of(fixture!("yaml-expected.json"));
        let cases = cases.as_array().unwrap();
        assert!(cases.len() >= 30);
        for case in cases {
            let name = case["name"].as_str().unwrap();
            let printed = &expected["cases"][name];
            assert_eq!(
                yaml(&case["response"]),
                printed["yaml"].as_str().unwrap(),
                "{name}, yaml"
            );
            assert_eq!(
                yaml_stream(&case["response"]),
                printed["yaml-stream"].as_str().unwrap(),
                "{name}, yaml-stream"
            );
        }
    }

    #[test]
    fn an_empty_response_prints_nothing_in_either_format() {
        assert_eq!(yaml(&json!({})), "");
        assert_eq!(yaml_stream(&json!({})), "");
    }

    #[test]
    fn keys_sort_upper_case_first_and_nested_mappings_indent_two() {
        assert_eq!(
            yaml(&json!({"b": 1, "B": {"z": 1, "a": {"x": "y"}}, "a": 2})),
            "B:\n  a:\n    x: y\n  z: 1\na: 2\nb: 1\n"
        );
    }

    #[test]
    fn a_list_under_a_key_is_not_indented_and_a_list_item_starts_on_the_dash_line() {
        assert_eq!(
            yaml(&json!({"Users": [{"Path": "/", "Arn": "x"}], "Events": ["A", "B"]})),
            "Events:\n- A\n- B\nUsers:\n- Arn: x\n  Path: /\n"
        );
        assert_eq!(
            yaml(&json!([["a", "b"], [["c"]]])),
            "- - a\n  - b\n- - - c\n"
        );
    }

    #[test]
    fn empty_lists_and_maps_are_written_inline_in_flow_style() {
        assert_eq!(
            yaml(&json!({"Tags": {}, "Rules": [], "Items": [[], {}]})),
            "Items:\n- []\n- {}\nRules: []\nTags: {}\n"
        );
        assert_eq!(yaml(&json!([])), "[]\n");
    }

    #[test]
    fn booleans_null_integers_and_fractions_are_plain() {
        assert_eq!(
            yaml(&json!({"a": true, "b": false, "c": null, "d": -5, "e": 12345678901234567890u64})),
            "a: true\nb: false\nc: null\nd: -5\ne: 12345678901234567890\n"
        );
        // Python's repr, without PyYAML's `.0` before the exponent (ruamel adds it for 1.1).
        assert_eq!(
            yaml(&json!([1.5, 100.0, 1e16, 1.5e-5, -0.0])),
            "- 1.5\n- 100.0\n- 1e+16\n- 1.5e-05\n- -0.0\n"
        );
    }

    #[test]
    fn the_empty_string_is_single_quoted() {
        assert_eq!(member(json!("")), "Key: ''\n");
    }

    #[test]
    fn a_string_that_would_read_back_as_another_type_is_single_quoted() {
        for (text, printed) in [
            ("true", "'true'"),
            ("False", "'False'"),
            ("null", "'null'"),
            ("~", "'~'"),
            ("123", "'123'"),
            ("0x1F", "'0x1F'"),
            ("1_000", "'1_000'"),
            ("1.5", "'1.5'"),
            ("1e5", "'1e5'"),
            (".inf", "'.inf'"),
            ("2024-01-16", "'2024-01-16'"),
            ("2024-01-16T02:30:00+00:00", "'2024-01-16T02:30:00+00:00'"),
            ("<<", "'<<'"),
            ("=", "'='"),
            // YAML 1.2: these are strings, so they stay plain.
            ("yes", "yes"),
            ("off", "off"),
            ("12:30", "12:30"),
            ("_1", "_1"),
            ("100.00%", "100.00%"),
            ("2024-01-16T02:30", "2024-01-16T02:30"),
        ] {
            assert_eq!(member(json!(text)), format!("Key: {printed}\n"), "{text}");
        }
    }

    #[test]
    fn a_string_starting_with_an_indicator_is_quoted_but_a_dash_before_a_word_is_not() {
        for (text, printed) in [
            ("*x", "'*x'"),
            ("&x", "'&x'"),
            ("!x", "'!x'"),
            ("'x", "'''x'"),
            ("\"x", "'\"x'"),
            ("%x", "'%x'"),
            ("[x", "'[x'"),
            ("- x", "'- x'"),
            ("-", "'-'"),
            ("-x", "-x"),
            ("? x", "'? x'"),
            ("?x", "?x"),
            (":x", ":x"),
            ("---", "'---'"),
            ("/backup/", "/backup/"),
        ] {
            assert_eq!(member(json!(text)), format!("Key: {printed}\n"), "{text}");
        }
    }

    #[test]
    fn colon_space_space_hash_and_a_final_colon_are_quoted_inside_a_string() {
        for (text, printed) in [
            ("a: b", "'a: b'"),
            ("a:", "'a:'"),
            ("a #b", "'a #b'"),
            ("a:b", "a:b"),
            ("a#b", "a#b"),
            ("it's", "it's"),
            (
                "arn:aws:backup:us-east-1:111122223333:backup-vault:v",
                "arn:aws:backup:us-east-1:111122223333:backup-vault:v",
            ),
            (" a", "' a'"),
            ("a ", "'a '"),
        ] {
            assert_eq!(member(json!(text)), format!("Key: {printed}\n"), "{text}");
        }
    }

    #[test]
    fn a_multiline_string_is_single_quoted_with_each_line_break_doubled() {
        assert_eq!(member(json!("a\nb")), "Key: 'a\n\n  b'\n");
        assert_eq!(member(json!("a\n\nb")), "Key: 'a\n\n\n  b'\n");
        assert_eq!(
            member(json!("{\n\"Version\": \"2012-10-17\"\n}")),
            "Key: '{\n\n  \"Version\": \"2012-10-17\"\n\n  }'\n"
        );
    }

    #[test]
    fn an_indented_policy_is_double_quoted_since_a_break_before_spaces_needs_escapes() {
        // What get-backup-vault-access-policy returns: JSON with two-space indentation.
        let policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Deny\"\n    }\n  ]\n}";
        assert_eq!(
            yaml(&json!({"Policy": policy})),
            "Policy: \"{\\n  \\\"Version\\\": \\\"2012-10-17\\\",\\n  \\\"Statement\\\": [\\n    {\\n      \\\"Effect\\\":\n  \\\"Deny\\\"\\n    }\\n  ]\\n}\"\n"
        );
    }

    #[test]
    fn a_string_that_is_not_printable_is_double_quoted_with_escapes() {
        assert_eq!(member(json!("a\tb")), "Key: \"a\\tb\"\n");
        assert_eq!(member(json!("a\rb")), "Key: \"a\\rb\"\n");
        assert_eq!(member(json!("a\u{7f}")), "Key: \"a\\x7F\"\n");
        // libyaml counts nothing past U+FFFF printable.
        assert_eq!(member(json!("vault 😀")), "Key: \"vault \\U0001F600\"\n");
    }

    #[test]
    fn non_ascii_text_is_written_as_it_is() {
        assert_eq!(
            yaml(&json!({"Name": "café", "Vault": "日本語"})),
            "Name: café\nVault: 日本語\n"
        );
    }

    #[test]
    fn a_long_sentence_folds_at_a_space_past_80_columns_and_an_arn_never_breaks() {
        let message = "The backup job failed because the IAM role \
                       arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole \
                       could not be assumed by the service; check its trust policy and try again.";
        assert_eq!(
            yaml(&json!({"StatusMessage": message})),
            "StatusMessage: The backup job failed because the IAM role \
             arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole\n  \
             could not be assumed by the service; check its trust policy and try again.\n"
        );
        let words = ["word"; 20].join(" ");
        assert_eq!(
            yaml(&json!([{"M": words}])),
            "- M: word word word word word word word word word word word word word word word word\n    \
             word word word word\n"
        );
        // `Key: ` and 75 letters reach column 80 at the space, not past it; 76 letters do.
        let at_80 = format!("{} b", "a".repeat(75));
        let at_81 = format!("{} b", "a".repeat(76));
        assert_eq!(member(json!(at_80)), format!("Key: {at_80}\n"));
        assert_eq!(
            member(json!(at_81)),
            format!("Key: {}\n  b\n", "a".repeat(76))
        );
    }

    #[test]
    fn a_key_too_long_or_on_two_lines_is_written_after_a_question_mark() {
        let long = "k".repeat(129);
        assert_eq!(
            yaml(&json!({ long.clone(): 1 })),
            format!("? {long}\n: 1\n")
        );
        let fits = "k".repeat(128);
        assert_eq!(yaml(&json!({ fits.clone(): 1 })), format!("{fits}: 1\n"));
        assert_eq!(yaml(&json!({"a\nb": 1})), "? 'a\n\n  b'\n: 1\n");
    }

    #[test]
    fn a_root_scalar_is_printed_as_json_as_the_clis_yaml_dumper_does() {
        // awscli's YAMLDumper json.dumps a scalar, so neither `...` nor YAML quoting.
        assert_eq!(
            yaml(&json!("prod-primary-vault")),
            "\"prod-primary-vault\"\n"
        );
        assert_eq!(yaml(&json!("123")), "\"123\"\n");
        assert_eq!(yaml(&json!("é\t")), "\"é\\t\"\n");
        assert_eq!(yaml(&json!(1e16)), "1e+16\n");
        assert_eq!(yaml(&json!(null)), "null\n");
        assert_eq!(yaml(&json!(false)), "false\n");
        // In the stream a scalar is an item of the page list, so YAML.
        assert_eq!(
            yaml_stream(&json!("prod-primary-vault")),
            "- prod-primary-vault\n"
        );
        assert_eq!(yaml_stream(&json!(null)), "- null\n");
    }
}
