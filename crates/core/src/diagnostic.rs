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

    /// Places the diagnostic at a JSON Pointer in its document.
    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The span as 1-based character columns `(first, last_exclusive)` in `text`, for display
    /// (byte offsets would misplace a caret after any non-ASCII character).
    pub fn columns(&self, text: &str) -> (usize, usize) {
        let column = |byte: usize| {
            let byte = floor_char_boundary(text, byte.min(text.len()));
            text[..byte].chars().count() + 1
        };
        let start = column(self.span.start);
        let end = column(self.span.end).max(start + 1);
        (start, end)
    }

    /// Renders the diagnostic against the one-line `text` it was raised on, rustc-style, with
    /// `origin` naming where the text came from:
    ///
    /// ```text
    /// error[schedule-out-of-range]: Hours: 24 is out of range 0-23
    ///  --> expression, column 8
    ///   |
    ///   | cron(0 24 * * ? *)
    ///   |        ^^
    ///   = help: use a value from 0-23
    /// ```
    pub fn render(&self, origin: &str, text: &str) -> String {
        let (start, end) = self.columns(text);
        let shown: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let mut out = format!(
            "{}[{}]: {}\n --> {origin}, column {start}\n  |\n  | {shown}\n  | {}{}\n",
            self.severity,
            self.code,
            self.message,
            " ".repeat(start - 1),
            "^".repeat(end - start)
        );
        if !self.help.is_empty() {
            out.push_str(&format!("  = help: {}\n", self.help));
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
            "error[x]: bad\n --> expression, column 8\n  |\n  | cron(0 24 * * ? *)\n  |        ^^\n  = help: fix it\n"
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "é x";
        let d = Diagnostic::error("x", 3..4, "bad");
        assert_eq!(d.columns(text), (3, 4));
    }

    #[test]
    fn an_empty_span_still_gets_one_caret() {
        let d = Diagnostic::error("x", 4..4, "missing");
        assert_eq!(d.columns("cron"), (5, 6));
    }
}
