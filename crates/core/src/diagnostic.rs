//! Diagnostics: what is wrong with a piece of user input, where, and how to fix it, and how
//! one is rendered as text against its input (rustc's form, as the CLI prints it).
//!
//! Every check in vaultsim (the document readers, schedule expressions and time zones, plan
//! documents in each form and CloudFormation templates, scenarios, the simulation's set-up, event
//! patterns and operation requests) reports through this one type, so the CLI, the page and tests
//! print and test them one way. Each diagnostic's code is one of the registered
//! [`crate::codes`], which say what it means, its evidence and an example.

use std::fmt;
use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use crate::codes::Code;
/// Severity is declared with the codes (each code registers its severities); it is a
/// diagnostic's too.
pub use crate::codes::Severity;
use crate::lines::LineIndex;

/// One finding about a text: a stable code, the byte range it is about, a message saying what
/// is wrong and a help line saying how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable, kebab-case; tools and tests match on it, so it never changes once published.
    /// Always a registered [`Code`]'s text: the constructors take a `Code`.
    pub code: &'static str,
    /// Byte range in the text the diagnostic was raised against (an empty range marks a point,
    /// such as the place where something is missing).
    pub span: Range<usize>,
    pub message: String,
    pub help: String,
    /// The JSON Pointer (RFC 6901) of the value the diagnostic is about, in a document; `None`
    /// for a diagnostic about a text that is not a document, such as a schedule expression.
    pub pointer: Option<String>,
}

impl Diagnostic {
    pub fn error(code: impl Into<Code>, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, span, message)
    }

    pub fn warning(code: impl Into<Code>, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, span, message)
    }

    pub fn info(code: impl Into<Code>, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, span, message)
    }

    fn new(
        severity: Severity,
        code: impl Into<Code>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            code: code.into().as_str(),
            span,
            message: message.into(),
            help: String::new(),
            pointer: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    /// Widens the span to whole characters of `text` (a check that marks "the first character"
    /// by one byte would otherwise cut a multi-byte one), and keeps it inside the text.
    pub fn fit_to(&mut self, text: &str) {
        let start = text.floor_char_boundary(self.span.start);
        self.span = start..text.ceil_char_boundary(self.span.end.max(start));
    }

    /// Places the diagnostic at a JSON Pointer in its document.
    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic against the `text` it was raised on, rustc-style: `origin` names
    /// where the text came from, the line of the span's start is shown with carets under the
    /// span (up to that line's end).
    ///
    /// ```text
    /// error[schedule-out-of-range]: Hours: 24 is out of range 0-23
    ///  --> expression:1:8
    ///   |
    /// 1 | cron(0 24 * * ? *)
    ///   |        ^^
    ///   = help: use a value from 0-23
    /// ```
    ///
    /// The carets are placed by the columns a terminal gives each character (two for most CJK
    /// characters and emoji, none for a combining accent); a control character, a tab included,
    /// is shown as one space. A line wider than [`SOURCE_COLUMNS`] is shown as a window around
    /// the span, cut with `…` on the side or sides left out.
    pub fn render(&self, origin: &str, text: &str) -> String {
        self.render_in(origin, &LineIndex::new(text))
    }

    /// [`Diagnostic::render`] against a text indexed once: rendering many diagnostics of one
    /// text costs time linear in the diagnostics, however long the text and its lines are.
    pub fn render_in(&self, origin: &str, lines: &LineIndex) -> String {
        let text = lines.text();
        let start = text.floor_char_boundary(self.span.start);
        let (line, column) = lines.line_column(start);
        let line_range = lines.line_range(line);
        let end = text.floor_char_boundary(self.span.end.clamp(start, line_range.end));
        let shown = Window::around(text, line_range, start);
        let carets = columns(&text[start..end.min(shown.end)]).max(1);
        let number = line.to_string();
        let pad = " ".repeat(number.len());
        let mut out = format!(
            "{}[{}]: {}\n{pad}--> {origin}:{line}:{column}\n{pad} |\n{number} | {}\n{pad} | {}{}\n",
            self.severity,
            self.code,
            self.message,
            shown.source(text),
            " ".repeat(shown.columns_before(text, start)),
            "^".repeat(carets)
        );
        if !self.help.is_empty() {
            out.push_str(&format!("{pad} = help: {}\n", self.help));
        }
        out
    }
}

/// The columns of a source line [`Diagnostic::render`] shows whole; a wider line is cut to this
/// many around the span. rustc's default width when its output is not a terminal is 140 columns.
/// Cutting keeps the text output linear in the findings: a document written on one line (what
/// `terraform show -json` and `jq -c` write) with a finding in every rule would otherwise print
/// the whole document once per finding.
pub const SOURCE_COLUMNS: usize = 140;

/// Of a cut line, the columns kept before the span (when the rest of the line fills the others).
const COLUMNS_BEFORE: usize = 40;

/// The bytes of a source line shown, and whether the line goes on before and after them.
struct Window {
    start: usize,
    end: usize,
    cut_before: bool,
    cut_after: bool,
}

impl Window {
    /// The whole `line` when it fits in [`SOURCE_COLUMNS`]; otherwise as much of it around
    /// `at` as fits, [`COLUMNS_BEFORE`] before `at` unless the line ends sooner after it. Each
    /// side is walked only as far as it is shown, so a window costs the same in any line.
    fn around(text: &str, line: Range<usize>, at: usize) -> Window {
        let (mut end, after) = walk(text[at..line.end].chars(), SOURCE_COLUMNS - COLUMNS_BEFORE);
        let (before_bytes, before) =
            walk(text[line.start..at].chars().rev(), SOURCE_COLUMNS - after);
        let start = at - before_bytes;
        if start == line.start {
            // The line starts within the window: what is left of it goes to the line's end.
            end += walk(
                text[at + end..line.end].chars(),
                SOURCE_COLUMNS - after - before,
            )
            .0;
        }
        let end = at + end;
        Window {
            start,
            end,
            cut_before: start > line.start,
            cut_after: end < line.end,
        }
    }

    /// The source shown: controls as spaces, `…` where the line is cut, and no trailing blanks
    /// at the line's end.
    fn source(&self, text: &str) -> String {
        let shown: String = text[self.start..self.end]
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let ellipsis = |cut: bool| if cut { "…" } else { "" };
        let shown = if self.cut_after {
            shown.as_str()
        } else {
            shown.trim_end()
        };
        format!(
            "{}{shown}{}",
            ellipsis(self.cut_before),
            ellipsis(self.cut_after)
        )
    }

    /// The columns from the start of the shown source (its `…` included) to `at`.
    fn columns_before(&self, text: &str, at: usize) -> usize {
        usize::from(self.cut_before) + columns(&text[self.start..at])
    }
}

/// The terminal columns of a character as the source line shows it: a control as one space.
fn char_columns(c: char) -> usize {
    if c.is_control() {
        1
    } else {
        UnicodeWidthChar::width(c).unwrap_or(0)
    }
}

/// The terminal columns of a text as the source line shows it.
fn columns(text: &str) -> usize {
    text.chars().map(char_columns).sum()
}

/// Bytes and columns of the longest run of `chars` that fits in `budget` columns. Characters of
/// no width count as one column here, so the walk stops after at most `budget` characters.
fn walk(chars: impl Iterator<Item = char>, budget: usize) -> (usize, usize) {
    let (mut bytes, mut used, mut steps) = (0, 0, 0);
    for c in chars {
        let width = char_columns(c);
        if used + width > budget || steps == budget {
            break;
        }
        bytes += c.len_utf8();
        used += width;
        steps += 1;
    }
    (bytes, used)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn render_puts_the_caret_under_the_span() {
        let d = Diagnostic::error("x", 7..9, "bad").with_help("fix it");
        let text = "cron(0 24 * * ? *)";
        assert_eq!(
            d.render("expression", text),
            "error[x]: bad\n --> expression:1:8\n  |\n1 | cron(0 24 * * ? *)\n  |        ^^\n  = help: fix it\n"
        );
    }

    #[test]
    fn render_shows_the_line_of_a_multi_line_document() {
        let text = "{\n  \"a\": 1,\n  \"StartWindowMinutes\": 30\n}";
        let start = text.find("30").unwrap();
        let d = Diagnostic::error("x", start..start + 2, "too short");
        assert_eq!(
            d.render("plan.json", text),
            "error[x]: too short\n --> plan.json:3:25\n  |\n3 |   \"StartWindowMinutes\": 30\n  |                         ^^\n"
        );
    }

    #[test]
    fn render_stops_the_carets_at_the_end_of_the_line() {
        let text = "{\n  \"a\": [1,\n 2]\n}";
        let start = text.find('[').unwrap();
        let d = Diagnostic::error("x", start..text.len() - 2, "spans lines");
        assert!(
            d.render("f", text)
                .contains("2 |   \"a\": [1,\n  |        ^^^\n")
        );
    }

    #[test]
    fn carets_count_characters_not_bytes() {
        let d = Diagnostic::error("x", 3..4, "bad");
        let rendered = d.render("f", "é x");
        assert!(rendered.contains("1 | é x\n  |   ^\n"), "{rendered}");
    }

    #[test]
    fn carets_sit_under_wide_characters_by_their_columns() {
        // CJK characters and emoji take two columns in a terminal, a combining accent none.
        let text = "{\"名前\": \"🦀x\", \"e\u{301}\": 1}";
        let at = |needle: &str| text.find(needle).unwrap();
        let d = Diagnostic::error("x", at("🦀")..at("x\""), "crab");
        let rendered = d.render("f", text);
        assert!(
            rendered.contains(&format!("  | {}^^\n", " ".repeat(10))),
            "{rendered}"
        );
        let d = Diagnostic::error("x", at("名")..at("前\"") + "前".len(), "name");
        let rendered = d.render("f", text);
        assert!(rendered.contains("  |   ^^^^\n"), "{rendered}");
        let d = Diagnostic::error("x", at("1")..at("1") + 1, "one");
        let rendered = d.render("f", text);
        assert!(
            rendered.contains(&format!("  | {}^\n", " ".repeat(21))),
            "{rendered}"
        );
    }

    #[test]
    fn a_tab_is_shown_as_one_space_and_the_carets_stay_under_the_span() {
        let text = "\t\t\"StartWindowMinutes\":\t30";
        let at = text.find("30").unwrap();
        let rendered = Diagnostic::error("x", at..at + 2, "short").render("f", text);
        assert!(
            rendered.contains("1 |   \"StartWindowMinutes\": 30\n  |                         ^^\n"),
            "{rendered}"
        );
    }

    #[test]
    fn a_line_wider_than_the_window_is_cut_around_the_span() {
        let rule = "{\"RuleName\": \"r\", \"StartWindowMinutes\": 30}, ";
        let text = format!("[{}]", rule.repeat(1000));
        let at = text.len() / 2 + text[text.len() / 2..].find("30").unwrap();
        let rendered = Diagnostic::error("x", at..at + 2, "short").render("f", &text);
        let lines: Vec<&str> = rendered.lines().collect();
        let source = lines[3].strip_prefix("1 | ").unwrap();
        let carets = lines[4].strip_prefix("  | ").unwrap();
        // Cut on both sides, the carets under the value at 40 columns (the `…` is one of them).
        assert!(
            source.starts_with('…') && source.ends_with('…'),
            "{rendered}"
        );
        assert_eq!(source.chars().count(), SOURCE_COLUMNS + 2, "{rendered}");
        assert_eq!(carets, format!("{}^^", " ".repeat(COLUMNS_BEFORE + 1)));
        assert_eq!(
            source
                .chars()
                .skip(COLUMNS_BEFORE + 1)
                .take(2)
                .collect::<String>(),
            "30"
        );
        // The column still counts from the line's start.
        assert!(lines[1].ends_with(&format!(":1:{}", at + 1)), "{rendered}");
    }

    #[test]
    fn a_cut_line_near_its_start_or_end_is_cut_on_one_side_only() {
        let text = format!("{{\"a\": 1,{}\"z\": 2}}", " ".repeat(500));
        let first = Diagnostic::error("x", 6..7, "one").render("f", &text);
        assert!(first.contains("1 | {\"a\": 1,  "), "{first}");
        assert!(
            first.contains(&format!("   …\n  | {}^\n", " ".repeat(6))),
            "{first}"
        );
        let z = text.find('2').unwrap();
        let last = Diagnostic::error("x", z..z + 1, "two").render("f", &text);
        assert!(last.contains("1 | …    "), "{last}");
        assert!(last.contains("\"z\": 2}\n"), "{last}");
        let source = last.lines().nth(3).unwrap();
        assert_eq!(
            source.chars().count(),
            "1 | …".chars().count() + SOURCE_COLUMNS
        );
        let caret = last.lines().nth(4).unwrap().find('^').unwrap();
        assert_eq!(source.chars().nth(caret), Some('2'), "{last}");
    }

    #[test]
    fn a_span_wider_than_the_window_gets_carets_to_the_window_edge() {
        let text = format!("{{\"a\": [{}]}}", "1, ".repeat(200));
        let rendered = Diagnostic::error("x", 6..text.len() - 1, "long").render("f", &text);
        let carets = rendered.lines().nth(4).unwrap();
        assert_eq!(
            carets,
            format!("  | {}{}", " ".repeat(6), "^".repeat(SOURCE_COLUMNS - 6))
        );
    }

    #[test]
    fn fit_to_widens_a_span_to_whole_characters() {
        let mut d = Diagnostic::error("x", 0..1, "first character");
        d.fit_to("é:");
        assert_eq!(d.span, 0..2);
        let mut d = Diagnostic::error("x", 1..9, "past the end");
        d.fit_to("ab");
        assert_eq!(d.span, 1..2);
    }

    #[test]
    fn an_empty_span_still_gets_one_caret() {
        let d = Diagnostic::error("x", 4..4, "missing");
        let rendered = d.render("f", "cron");
        assert!(rendered.contains("1 | cron\n  |     ^\n"), "{rendered}");
    }

    /// The rendering before windows and display widths: the whole line, a column per character.
    fn whole_line_rendering(d: &Diagnostic, origin: &str, text: &str) -> String {
        let start = text.floor_char_boundary(d.span.start);
        let (line, column) = crate::lines::line_column(text, start);
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let source: String = text[line_start..line_end]
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let end = text.floor_char_boundary(d.span.end.clamp(start, line_end));
        let carets = text[start..end].chars().count().max(1);
        let pad = " ".repeat(line.to_string().len());
        let mut out = format!(
            "{}[{}]: {}\n{pad}--> {origin}:{line}:{column}\n{pad} |\n{line} | {}\n{pad} | {}{}\n",
            d.severity,
            d.code,
            d.message,
            source.trim_end(),
            " ".repeat(column - 1),
            "^".repeat(carets)
        );
        if !d.help.is_empty() {
            out.push_str(&format!("{pad} = help: {}\n", d.help));
        }
        out
    }

    proptest! {
        /// Lines of printable ASCII (and tabs, shown as a space) up to the window's width render
        /// byte for byte as they did before windows and display widths.
        #[test]
        fn ascii_lines_that_fit_render_as_before(
            lines in prop::collection::vec("[ -~\t]{0,140}", 1..4),
            start in 0usize..600,
            length in 0usize..200,
        ) {
            let text = lines.join("\n");
            let d = Diagnostic::error("x", start..start + length, "m").with_help("h");
            prop_assert_eq!(d.render("f", &text), whole_line_rendering(&d, "f", &text));
        }

        /// Any text and span: no panic, the source shown at most the window's width (and a `…`
        /// each side), the carets at least one and within it.
        #[test]
        fn any_text_renders_within_the_window(
            text in "(\\PC|[\t\r\n\u{301}日🦀]){0,600}",
            start in 0usize..2000,
            length in 0usize..2000,
        ) {
            let d = Diagnostic::error("x", start..start + length, "m");
            let rendered = d.render("f", &text);
            let lines: Vec<&str> = rendered.lines().collect();
            let source = lines[3].split_once(" | ").map_or("", |(_, s)| s);
            let carets = lines[4].split_once(" | ").map_or("", |(_, s)| s);
            prop_assert!(columns(source) <= SOURCE_COLUMNS + 2, "{}", rendered);
            prop_assert!(carets.ends_with('^'), "{}", rendered);
            prop_assert!(carets.len() <= SOURCE_COLUMNS + 2, "{}", rendered);
        }
    }
}
