//! What the plan editor shows, laid out from a checked document: the findings placed in the text
//! (lines, highlighted ranges, UTF-16 offsets for the textarea), and a card per rule — the core's
//! reading of the rule (`vaultsim_core::plan::rule_summaries`) with its next runs and its
//! lifecycles as bars. No AWS fact is decided here. Pure functions of the text, the check and
//! "now": no DOM, testable natively.

use chrono::{DateTime, SecondsFormat, Utc};
use vaultsim_core::Severity;
use vaultsim_core::document::Node;
use vaultsim_core::order;
use vaultsim_core::plan::{
    Finding, LifecyclePhases, Phase, PlanForm, ScheduleSource, VaultArn, Window, rule_summaries,
};
use vaultsim_core::schedule::{CronExpression, Schedule, Timezone};
use vaultsim_core::time_text;

/// How many next runs a rule card lists.
pub const NEXT_RUNS: usize = 3;

/// `byte` in `text` moved back onto a character boundary and kept inside the text.
pub fn floor_boundary(text: &str, byte: usize) -> usize {
    text.floor_char_boundary(byte)
}

/// The UTF-16 offsets of byte offsets (what a textarea's `setSelectionRange` counts in), in one
/// pass over the text: a document with hundreds of findings would otherwise be read hundreds of
/// times. An offset inside a character counts from the character's start.
pub fn utf16_offsets(text: &str, bytes: &[usize]) -> Vec<u32> {
    let bytes: Vec<usize> = bytes.iter().map(|b| floor_boundary(text, *b)).collect();
    if text.is_ascii() {
        return bytes.iter().map(|b| *b as u32).collect();
    }
    let mut by_offset: Vec<usize> = (0..bytes.len()).collect();
    order::sort_by_key(&mut by_offset, |i| bytes[*i] as u64);
    let mut out = vec![0; bytes.len()];
    let mut units = 0u32;
    let mut chars = text.char_indices().peekable();
    for i in by_offset {
        while let Some(&(at, c)) = chars.peek()
            && at < bytes[i]
        {
            units += c.len_utf16() as u32;
            chars.next();
        }
        out[i] = units;
    }
    out
}

/// The number of lines in `text` (an empty text has one, as an editor shows it).
pub fn line_count(text: &str) -> usize {
    text.bytes().filter(|b| *b == b'\n').count() + 1
}

/// A finding as the diagnostics list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FindingItem {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub help: String,
    pub line: usize,
    pub column: usize,
    /// The span in the textarea's UTF-16 code units, for `setSelectionRange`.
    pub selection: (u32, u32),
}

pub fn finding_items(text: &str, findings: &[Finding]) -> Vec<FindingItem> {
    let ends: Vec<usize> = findings
        .iter()
        .flat_map(|f| {
            [
                f.diagnostic.span.start,
                f.diagnostic.span.end.max(f.diagnostic.span.start),
            ]
        })
        .collect();
    let units = utf16_offsets(text, &ends);
    findings
        .iter()
        .zip(units.chunks(2))
        .map(|(f, selection)| {
            let d = &f.diagnostic;
            FindingItem {
                severity: d.severity,
                code: d.code,
                message: d.message.clone(),
                help: d.help.clone(),
                line: f.line,
                column: f.column,
                selection: (selection[0], selection[1]),
            }
        })
        .collect()
}

/// How many findings of each severity: (errors, warnings, notes).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    findings
        .iter()
        .fold((0, 0, 0), |(e, w, i), f| match f.diagnostic.severity {
            Severity::Error => (e + 1, w, i),
            Severity::Warning => (e, w + 1, i),
            Severity::Info => (e, w, i + 1),
        })
}

/// A line with findings, as the gutter marks it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LineMark {
    pub line: usize,
    /// The most serious finding on the line.
    pub severity: Severity,
    /// The line's messages, for the marker's tooltip.
    pub title: String,
}

/// The lines that have findings, in order, each once.
pub fn line_marks(findings: &[Finding]) -> Vec<LineMark> {
    let mut marks: Vec<LineMark> = Vec::new();
    for f in findings {
        let d = &f.diagnostic;
        let text = format!("{}: {}", d.severity, d.message);
        match marks.iter_mut().find(|m| m.line == f.line) {
            Some(mark) => {
                mark.severity = mark.severity.min(d.severity);
                mark.title.push('\n');
                mark.title.push_str(&text);
            }
            None => marks.push(LineMark {
                line: f.line,
                severity: d.severity,
                title: text,
            }),
        }
    }
    order::sort_by_key(&mut marks, |m| m.line as u64);
    marks
}

/// A piece of a marked line: text drawn under the textarea, marked or not.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Piece {
    Plain(String),
    Marked(String, Severity),
    /// An empty span: a place, such as where something is missing.
    Point(Severity),
}

/// A line with marks, as the editor's backdrop draws it under the textarea: the line's text from
/// its start to its last mark, so each mark lands exactly under the characters it is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MarkedLine {
    pub line: usize,
    pub pieces: Vec<Piece>,
}

/// The lines the findings mark, each cut into pieces at the findings' spans and each piece
/// marked with the most serious finding covering it. A span that runs over several lines is
/// marked on its first line only (as the CLI draws carets): a finding about a whole object would
/// otherwise paint the screen. Only marked lines are drawn, so a long document costs nothing more.
pub fn marked_lines(text: &str, findings: &[Finding]) -> Vec<MarkedLine> {
    // (line, line start, span start, span end, severity), spans clipped to their first line.
    let mut spans: Vec<(usize, usize, usize, usize, Severity)> = findings
        .iter()
        .map(|f| {
            let d = &f.diagnostic;
            let start = floor_boundary(text, d.span.start);
            let mut end = floor_boundary(text, d.span.end).max(start);
            if let Some(newline) = text[start..end].find('\n') {
                end = start + newline;
            }
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            (f.line, line_start, start, end, d.severity)
        })
        .collect();
    order::sort_by_key(&mut spans, |s| order::pair(s.0, s.2));
    spans
        .chunk_by(|a, b| a.0 == b.0)
        .map(|on_line| {
            let (line, line_start) = (on_line[0].0, on_line[0].1);
            let last = on_line.iter().map(|s| s.3).max().unwrap_or(line_start);
            let marks: Vec<(usize, usize, Severity)> =
                on_line.iter().map(|s| (s.2, s.3, s.4)).collect();
            MarkedLine {
                line,
                pieces: pieces(text, line_start, last, &marks),
            }
        })
        .collect()
}

/// `text[from..to]` cut at the marks' boundaries.
fn pieces(text: &str, from: usize, to: usize, marks: &[(usize, usize, Severity)]) -> Vec<Piece> {
    // (position, +1/-1, severity rank)
    let mut events: Vec<(usize, i32, usize)> = Vec::new();
    let mut points: Vec<(usize, Severity)> = Vec::new();
    for &(start, end, severity) in marks {
        if start == end {
            points.push((start, severity));
        } else {
            events.push((start, 1, rank(severity)));
            events.push((end, -1, rank(severity)));
        }
    }
    // As the tuples order: by position, a close (-1) before an open (+1), then by rank.
    order::sort_by_key(&mut events, |&(at, step, rank)| {
        order::pair(at, if step < 0 { 0 } else { 4 } + rank)
    });
    order::sort_by_key(&mut points, |&(p, s)| order::pair(p, rank(s)));
    points.dedup_by_key(|(p, _)| *p);

    let mut pieces: Vec<Piece> = Vec::new();
    let mut open = [0i32; 3];
    let mut at = from;
    let mut events = events.into_iter().peekable();
    let mut points = points.into_iter().peekable();
    loop {
        let next_event = events.peek().map(|e| e.0);
        let next_point = points.peek().map(|p| p.0);
        let next = match (next_event, next_point) {
            (None, None) => break,
            (Some(e), Some(p)) => e.min(p),
            (Some(e), None) => e,
            (None, Some(p)) => p,
        };
        push_text(&mut pieces, &text[at..next], covering(&open));
        at = next;
        while let Some(&(p, severity)) = points.peek()
            && p == at
        {
            pieces.push(Piece::Point(severity));
            points.next();
        }
        while let Some(&(p, delta, rank)) = events.peek()
            && p == at
        {
            open[rank] += delta;
            events.next();
        }
    }
    push_text(&mut pieces, &text[at..to.max(at)], covering(&open));
    pieces
}

fn rank(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

fn covering(open: &[i32; 3]) -> Option<Severity> {
    [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .zip(open)
        .find(|(_, n)| **n > 0)
        .map(|(s, _)| s)
}

fn push_text(pieces: &mut Vec<Piece>, text: &str, severity: Option<Severity>) {
    if text.is_empty() {
        return;
    }
    match (pieces.last_mut(), severity) {
        (Some(Piece::Plain(last)), None) => last.push_str(text),
        (Some(Piece::Marked(last, s)), Some(severity)) if *s == severity => last.push_str(text),
        (_, None) => pieces.push(Piece::Plain(text.to_string())),
        (_, Some(severity)) => pieces.push(Piece::Marked(text.to_string(), severity)),
    }
}

/// A rule's card: the core's reading of the rule, its schedule with its next runs, and its
/// lifecycles as bars.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleCard {
    pub name: String,
    pub vault: Option<String>,
    pub schedule: ScheduleView,
    pub start_window: Window,
    pub completion_window: Window,
    pub continuous: bool,
    pub lifecycle: LifecycleBar,
    pub copies: Vec<CopyView>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ScheduleView {
    Valid {
        expression: String,
        description: String,
        /// The expression and time zone are AWS's defaults (the document has no schedule).
        default: bool,
        runs: Vec<Run>,
    },
    /// The expression or the time zone does not parse: the diagnostics say why.
    Invalid {
        expression: String,
        timezone: String,
    },
    /// A CloudFormation function gives the schedule when the stack is deployed.
    AtDeploy(String),
}

/// A run time, on the rule's wall clock and in UTC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub local: String,
    pub zone: &'static str,
    pub utc: String,
}

/// A copy action: where copies go and how long they are kept.
#[derive(Clone, Debug, PartialEq)]
pub struct CopyView {
    pub arn: String,
    pub vault: Option<VaultArn>,
    pub lifecycle: LifecycleBar,
}

/// The cards of the document's plan's rules (the core reads them; this adds the next runs as of
/// `now` and lays the lifecycles out as bars).
pub fn rule_cards(root: &Node, form: PlanForm, now: DateTime<Utc>) -> Vec<RuleCard> {
    rule_summaries(root, form)
        .into_iter()
        .map(|rule| RuleCard {
            schedule: schedule_view(rule.schedule, now),
            name: rule.name,
            vault: rule.vault,
            start_window: rule.start_window,
            completion_window: rule.completion_window,
            continuous: rule.continuous,
            lifecycle: LifecycleBar::new(rule.lifecycle),
            copies: rule
                .copies
                .into_iter()
                .map(|c| CopyView {
                    arn: c.arn,
                    vault: c.vault,
                    lifecycle: LifecycleBar::new(c.lifecycle),
                })
                .collect(),
        })
        .collect()
}

fn schedule_view(source: ScheduleSource, now: DateTime<Utc>) -> ScheduleView {
    let (expression, timezone, default) = match source {
        ScheduleSource::AtDeploy(function) => return ScheduleView::AtDeploy(function),
        ScheduleSource::Written {
            expression,
            timezone,
            default,
        } => (expression, timezone, default),
    };
    match (
        CronExpression::parse(&expression),
        Timezone::parse(&timezone),
    ) {
        (Ok(cron), Ok(zone)) => {
            let schedule = Schedule::new(cron, zone);
            let runs = schedule
                .runs_after(now)
                .take(NEXT_RUNS)
                .map(|run| Run {
                    local: time_text::day_and_time(&zone.local(run)),
                    zone: zone.label(),
                    utc: run.to_rfc3339_opts(SecondsFormat::Secs, true),
                })
                .collect();
            ScheduleView::Valid {
                description: schedule.describe(),
                expression,
                default,
                runs,
            }
        }
        _ => ScheduleView::Invalid {
            expression,
            timezone,
        },
    }
}

/// A stretch of the lifecycle bar: the core's phase and its share of the bar's width.
#[derive(Clone, Debug, PartialEq)]
pub struct BarPhase {
    pub phase: Phase,
    /// Its share of the bar's width, in percent.
    pub share: f64,
}

/// A lifecycle as a bar proportional in days: the core's phases, laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct LifecycleBar {
    pub phases: Vec<BarPhase>,
    pub deleted_after: Option<i64>,
    pub invalid: bool,
    pub summary: String,
}

/// The warm phase's width when cold storage has no end to measure against: enough to read.
const OPEN_ENDED_WARM_SHARE: f64 = 35.0;

impl LifecycleBar {
    pub fn new(lifecycle: LifecyclePhases) -> LifecycleBar {
        let LifecyclePhases {
            phases,
            deleted_after,
            invalid,
            summary,
        } = lifecycle;
        // Two phases are warm then cold: the warm one's share is its days out of the whole life.
        let first_share = match phases.as_slice() {
            [first, second] => match (first.to, second.to) {
                (Some(moved), Some(end)) if end > 0 => moved as f64 * 100.0 / end as f64,
                _ => OPEN_ENDED_WARM_SHARE,
            },
            _ => 100.0,
        };
        let phases = phases
            .into_iter()
            .enumerate()
            .map(|(i, phase)| BarPhase {
                phase,
                share: if i == 0 {
                    first_share
                } else {
                    100.0 - first_share
                },
            })
            .collect();
        LifecycleBar {
            phases,
            deleted_after,
            invalid,
            summary,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vaultsim_core::plan::{CheckOptions, check};

    fn now() -> DateTime<Utc> {
        "2024-01-15T00:00:00Z".parse().unwrap()
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs_twice() {
        let text = "é😀x";
        assert_eq!(utf16_offsets(text, &[6, 0, 2, 7]), vec![3, 0, 1, 4]);
        // Inside a character: its start; past the end: the end.
        assert_eq!(utf16_offsets(text, &[4, 99]), vec![1, 4]);
        assert_eq!(utf16_offsets("ascii", &[3, 1]), vec![3, 1]);
    }

    fn joined(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Plain(s) | Piece::Marked(s, _) => s.as_str(),
                Piece::Point(_) => "",
            })
            .collect()
    }

    #[test]
    fn a_marked_line_is_its_text_up_to_the_last_mark() {
        let text = "{\n  \"BackupPlanName\": \"p\",\n  \"Rules\": [ { \"RuleName\": \"r\", \"TargetBackupVaultName\": \"vv\", \"StartWindowMinutes\": 30 } ]\n}";
        let checked = check(text, &CheckOptions { now: now() });
        let lines = marked_lines(text, &checked.findings);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].line, 3);
        let third = text.split('\n').nth(2).unwrap();
        assert_eq!(
            joined(&lines[0].pieces),
            &third[..third.find("30").unwrap() + 2]
        );
        assert_eq!(
            lines[0].pieces.last(),
            Some(&Piece::Marked("30".to_string(), Severity::Error))
        );
    }

    #[test]
    fn overlapping_marks_take_the_most_serious_severity() {
        // The copy destination's note covers the whole ARN; the placeholder warning its account.
        let text = r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "vv", "CopyActions": [{"DestinationBackupVaultArn": "arn:aws:backup:eu-west-1:ACCOUNT:backup-vault:dr"}]}]}"#;
        let checked = check(text, &CheckOptions { now: now() });
        let lines = marked_lines(text, &checked.findings);
        assert!(
            lines[0]
                .pieces
                .contains(&Piece::Marked("ACCOUNT".to_string(), Severity::Warning))
        );
        assert!(lines[0].pieces.contains(&Piece::Marked(
            "\"arn:aws:backup:eu-west-1:".to_string(),
            Severity::Info
        )));
    }

    #[test]
    fn a_span_over_several_lines_is_marked_on_its_first_line() {
        let text = "[1,\n2]";
        let checked = check(text, &CheckOptions { now: now() });
        let lines = marked_lines(text, &checked.findings);
        assert_eq!(
            lines,
            vec![MarkedLine {
                line: 1,
                pieces: vec![Piece::Marked("[1,".to_string(), Severity::Error)]
            }]
        );
    }

    #[test]
    fn garbage_never_panics() {
        for text in [
            "",
            "{",
            "}}}",
            "\"é",
            "[,,,]",
            "{\"Rules\": [1, \"x\", {}]}",
            "😀\n\t{",
        ] {
            let checked = check(text, &CheckOptions { now: now() });
            let _ = marked_lines(text, &checked.findings);
            let _ = finding_items(text, &checked.findings);
            let _ = line_marks(&checked.findings);
        }
    }

    #[test]
    fn lifecycle_bar_is_proportional_in_days() {
        let bar = LifecycleBar::new(LifecyclePhases::of_days(Some(30), Some(120), false));
        assert_eq!(bar.phases.len(), 2);
        assert_eq!(bar.phases[0].share, 25.0);
        assert_eq!(bar.phases[1].share, 75.0);
        assert_eq!(bar.deleted_after, Some(120));
    }

    #[test]
    fn every_bar_fills_its_width() {
        for (cold, delete) in [
            (None, None),
            (None, Some(0)),
            (Some(100), Some(10)),
            (Some(-5), None),
            (Some(30), None),
            (Some(0), None),
            (Some(0), Some(90)),
        ] {
            let bar = LifecycleBar::new(LifecyclePhases::of_days(cold, delete, false));
            let total: f64 = bar.phases.iter().map(|p| p.share).sum();
            assert!((total - 100.0).abs() < 1e-9, "{cold:?} {delete:?}: {bar:?}");
        }
    }

    #[test]
    fn the_minimal_plan_shows_the_default_schedule_and_its_runs() {
        let text = r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "vv"}]}"#;
        let checked = check(text, &CheckOptions { now: now() });
        let (root, form) = (checked.root.unwrap(), checked.form.unwrap());
        let cards = rule_cards(&root, form, now());
        assert_eq!(cards.len(), 1);
        assert!(cards[0].start_window.default);
        assert_eq!(
            cards[0].start_window.minutes,
            Some(vaultsim_core::plan::DEFAULT_START_WINDOW_MINUTES)
        );
        match &cards[0].schedule {
            ScheduleView::Valid {
                description,
                default,
                runs,
                ..
            } => {
                assert_eq!(description, "At 05:00, every day (UTC)");
                assert!(default);
                assert_eq!(runs[0].utc, "2024-01-15T05:00:00Z");
            }
            other => panic!("{other:?}"),
        }
    }
}
