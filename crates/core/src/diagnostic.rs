//! Diagnostics: what is wrong with a piece of user input, where, and how to fix it.
//!
//! Every check in vaultsim (schedules now; plans, scenarios and console lines later) reports
//! through this one type, so the CLI, the page and tests print and test them one way.

use std::fmt;
use std::ops::Range;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// AWS would reject the input.
    Error,
    /// AWS accepts the input, but it is likely a mistake, or the rule's evidence is weak.
    Warning,
    /// Worth knowing; nothing to fix.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding about a text: a stable code, the byte range it is about, a message saying what
/// is wrong and a help line saying how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable, kebab-case; tools and tests match on it, so it never changes once published.
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
    pub fn error(code: &'static str, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, span, message)
    }

    pub fn warning(code: &'static str, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, span, message)
    }

    pub fn info(code: &'static str, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, span, message)
    }

    fn new(
        severity: Severity,
        code: &'static str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            code,
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
        let mut start = self.span.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = self.span.end.clamp(start, text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        self.span = start..end;
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
    pub fn render(&self, origin: &str, text: &str) -> String {
        let start = floor_char_boundary(text, self.span.start.min(text.len()));
        let (line, column) = crate::lines::line_column(text, start);
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let source: String = text[line_start..line_end]
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let end = floor_char_boundary(text, self.span.end.clamp(start, line_end));
        let carets = text[start..end].chars().count().max(1);
        let number = line.to_string();
        let pad = " ".repeat(number.len());
        let mut out = format!(
            "{}[{}]: {}\n{pad}--> {origin}:{line}:{column}\n{pad} |\n{number} | {}\n{pad} | {}{}\n",
            self.severity,
            self.code,
            self.message,
            source.trim_end(),
            " ".repeat(column - 1),
            "^".repeat(carets)
        );
        if !self.help.is_empty() {
            out.push_str(&format!("{pad} = help: {}\n", self.help));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)
    }
}

fn floor_char_boundary(text: &str, mut byte: usize) -> usize {
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
