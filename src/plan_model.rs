//! What the plan editor shows, derived from a checked document: the findings placed in the
//! text (lines, highlighted ranges, UTF-16 offsets for the textarea), and a card per rule of the
//! effective plan. Pure functions of the text, the check and "now": no DOM, testable natively.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value as Json;
use vaultsim_core::Severity;
use vaultsim_core::document::Node;
use vaultsim_core::plan::{Finding, PlanForm};
use vaultsim_core::schedule::{CronExpression, Schedule, Timezone};

/// How many next runs a rule card lists.
pub const NEXT_RUNS: usize = 3;
/// Continuous backups go back at most 35 days (point-in-time recovery guide).
const MAX_CONTINUOUS_DAYS: i64 = 35;

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
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_unstable_by_key(|i| bytes[*i]);
    let mut out = vec![0; bytes.len()];
    let mut units = 0u32;
    let mut chars = text.char_indices().peekable();
    for i in order {
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
    marks.sort_by_key(|m| m.line);
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
    spans.sort_unstable_by_key(|s| (s.0, s.2));
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
    events.sort_unstable();
    points.sort_by_key(|(p, s)| (*p, rank(*s)));
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

/// The rules as the document writes them (before defaults), in the plan the effective plan is
/// made from (a CloudFormation template's first AWS::Backup::BackupPlan).
pub fn document_rules(root: &Node, form: PlanForm) -> Option<&[Node]> {
    let (plan, rules) = match form {
        PlanForm::BackupPlanInput | PlanForm::PlanWithSelections => (root, "Rules"),
        PlanForm::CreateBackupPlanInput | PlanForm::GetBackupPlanOutput => {
            (root.get("BackupPlan")?, "Rules")
        }
        PlanForm::CloudFormation { .. } => {
            let resource = root.get("Resources")?.members().iter().find(|r| {
                r.value.get("Type").and_then(Node::as_str) == Some("AWS::Backup::BackupPlan")
            })?;
            (
                resource.value.get("Properties")?.get("BackupPlan")?,
                "BackupPlanRule",
            )
        }
        // Selections have no plan; a form added later is not guessed at.
        _ => return None,
    };
    Some(plan.get(rules)?.items())
}

/// A rule of the effective plan, as its card shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleCard {
    pub name: String,
    pub vault: Option<String>,
    pub schedule: ScheduleView,
    pub start_window: Window,
    pub completion_window: Window,
    /// EnableContinuousBackup: point-in-time recovery.
    pub continuous: bool,
    pub lifecycle: LifecycleBar,
    pub copies: Vec<CopyView>,
}

/// A window in minutes, and whether it is AWS's default (the document leaves it out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    pub minutes: Option<i64>,
    pub default: bool,
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
    /// (vault name, Region, account), when the ARN is a backup vault's.
    pub vault: Option<(String, String, String)>,
    pub lifecycle: LifecycleBar,
}

/// A value as text: a string as it is, a number as written, a CloudFormation function as a
/// template writes it (`!Ref PrimaryVault`, `!GetAtt Vault.BackupVaultArn`, `!Sub arn:...`).
pub fn text_of(value: &Json) -> Option<String> {
    match value {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Object(members) if members.len() == 1 => {
            let (name, argument) = members.iter().next()?;
            let function = match name.as_str() {
                "Ref" => "Ref",
                other => other.strip_prefix("Fn::")?,
            };
            let argument = match (function, argument) {
                ("GetAtt", Json::Array(parts)) => parts
                    .iter()
                    .map(|p| text_of(p).unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join("."),
                (_, Json::String(s)) => s.clone(),
                (_, other) => other.to_string(),
            };
            Some(format!("!{function} {argument}"))
        }
        _ => None,
    }
}

/// A CloudFormation function (`!Ref`, `!Sub`...): its value is known only at deploy time.
fn is_function(value: &Json) -> bool {
    matches!(value, Json::Object(m) if m.len() == 1 && m.keys().all(|k| k == "Ref" || k.starts_with("Fn::")))
}

/// A whole number, also when written as a string (CloudFormation converts "1825").
fn integer(value: &Json) -> Option<i64> {
    value
        .as_i64()
        .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
}

/// A boolean, also when written "true" or "false" (CloudFormation converts them).
fn boolean(value: &Json) -> Option<bool> {
    value.as_bool().or_else(|| match value.as_str()? {
        s if s.eq_ignore_ascii_case("true") => Some(true),
        s if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    })
}

/// The cards of the effective plan's rules. `written` (the rules as the document has them) tells
/// which values are AWS's defaults.
pub fn rule_cards(effective: &Json, written: Option<&[Node]>, now: DateTime<Utc>) -> Vec<RuleCard> {
    let rules = effective.get("Rules").and_then(Json::as_array);
    let written = written.unwrap_or_default();
    rules
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, rule)| {
            let written = written.get(i);
            // Without the document's rule, nothing is called a default.
            let default = |key: &str| written.is_some_and(|w| w.get(key).is_none());
            rule_card(i, rule, &default, now)
        })
        .collect()
}

fn rule_card(
    index: usize,
    rule: &Json,
    default: &dyn Fn(&str) -> bool,
    now: DateTime<Utc>,
) -> RuleCard {
    let string = |key: &str| rule.get(key).and_then(text_of);
    let continuous = rule.get("EnableContinuousBackup").and_then(boolean) == Some(true);
    let copies = rule
        .get("CopyActions")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .map(|copy| {
            let destination = copy.get("DestinationBackupVaultArn");
            let arn = destination.and_then(text_of).unwrap_or_default();
            // A !Sub ARN still names its Region and vault; ${AWS::AccountId} is the account.
            let vault = destination
                .and_then(|d| d.get("Fn::Sub").or(Some(d)))
                .and_then(Json::as_str)
                .and_then(vault_arn_parts);
            // A copy action without a Lifecycle keeps the source recovery point's (COPY-2).
            let own = copy.get("Lifecycle");
            let mut lifecycle = LifecycleBar::new(own.or(rule.get("Lifecycle")), false);
            if own.is_none() {
                lifecycle.summary = format!(
                    "{} (the source's lifecycle: the copy action has none of its own)",
                    lifecycle.summary
                );
            }
            CopyView {
                vault,
                arn,
                lifecycle,
            }
        })
        .collect();
    RuleCard {
        name: string("RuleName").unwrap_or_else(|| format!("Rules[{index}]")),
        vault: string("TargetBackupVaultName"),
        schedule: match ["ScheduleExpression", "ScheduleExpressionTimezone"]
            .into_iter()
            .find_map(|key| rule.get(key).filter(|v| is_function(v)))
        {
            Some(function) => ScheduleView::AtDeploy(text_of(function).unwrap_or_default()),
            None => schedule_view(
                string("ScheduleExpression").unwrap_or_default(),
                string("ScheduleExpressionTimezone").unwrap_or_default(),
                default("ScheduleExpression"),
                now,
            ),
        },
        start_window: Window {
            minutes: rule.get("StartWindowMinutes").and_then(integer),
            default: default("StartWindowMinutes"),
        },
        completion_window: Window {
            minutes: rule.get("CompletionWindowMinutes").and_then(integer),
            default: default("CompletionWindowMinutes"),
        },
        continuous,
        lifecycle: LifecycleBar::new(rule.get("Lifecycle"), continuous),
        copies,
    }
}

fn schedule_view(
    expression: String,
    timezone: String,
    default: bool,
    now: DateTime<Utc>,
) -> ScheduleView {
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
                    local: zone.local(run).format("%a %d %b %Y, %H:%M").to_string(),
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

/// `arn:PARTITION:backup:REGION:ACCOUNT:backup-vault:NAME` in parts: (name, Region, account).
/// A CloudFormation `${AWS::AccountId}` stays whole.
pub fn vault_arn_parts(arn: &str) -> Option<(String, String, String)> {
    let mut parts: Vec<&str> = Vec::new();
    let (mut start, mut depth) = (0, 0usize);
    for (i, c) in arn.char_indices() {
        match c {
            '{' if arn[..i].ends_with('$') => depth += 1,
            '}' if depth > 0 => depth -= 1,
            ':' if depth == 0 && parts.len() < 6 => {
                parts.push(&arn[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&arn[start..]);
    match parts.as_slice() {
        ["arn", _, "backup", region, account, "backup-vault", name] => {
            Some((name.to_string(), region.to_string(), account.to_string()))
        }
        _ => None,
    }
}

/// A stage of a recovery point's life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Warm,
    Cold,
}

/// A stretch of the lifecycle bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Phase {
    pub stage: Stage,
    /// Days after creation the stage starts.
    pub from: i64,
    /// Days after creation it ends; `None` when the recovery point stays there indefinitely.
    pub to: Option<i64>,
    /// Its share of the bar's width, in percent.
    pub share: f64,
}

/// A lifecycle as a bar proportional in days: warm, then cold, then deleted.
#[derive(Clone, Debug, PartialEq)]
pub struct LifecycleBar {
    pub phases: Vec<Phase>,
    /// The day the recovery point is deleted; `None` when it is kept indefinitely.
    pub deleted_after: Option<i64>,
    /// The values cannot describe a lifecycle (AWS refuses them; the diagnostics say why).
    pub invalid: bool,
    /// One line in words.
    pub summary: String,
}

impl LifecycleBar {
    /// The bar for a `Lifecycle` object (or its absence). `continuous` rules keep recovery
    /// points at most 35 days and never move them to cold storage.
    pub fn new(lifecycle: Option<&Json>, continuous: bool) -> LifecycleBar {
        let days = |key: &str| lifecycle.and_then(|l| l.get(key)).and_then(integer);
        let has = |key: &str| lifecycle.and_then(|l| l.get(key)).is_some();
        let cold = days("MoveToColdStorageAfterDays");
        let delete = days("DeleteAfterDays");
        let warm = |to: Option<i64>, share: f64| Phase {
            stage: Stage::Warm,
            from: 0,
            to,
            share,
        };
        // A value that is there but not a whole number is reported by the check; show nothing.
        let unreadable = (has("MoveToColdStorageAfterDays") && cold.is_none())
            || (has("DeleteAfterDays") && delete.is_none());
        let invalid = |summary: &str| LifecycleBar {
            phases: vec![warm(None, 100.0)],
            deleted_after: None,
            invalid: true,
            summary: summary.to_string(),
        };
        if unreadable {
            return invalid("lifecycle unreadable: see the diagnostics");
        }
        match (cold, delete) {
            // No lifecycle, or -1 for both: kept until someone deletes it.
            (None, None) | (Some(-1), Some(-1)) => {
                if continuous {
                    // AWS wants a lifecycle on a continuous rule (a warning is shown).
                    LifecycleBar {
                        phases: vec![warm(None, 100.0)],
                        deleted_after: None,
                        invalid: false,
                        summary: "no lifecycle: give a continuous rule DeleteAfterDays of 1 to 35"
                            .to_string(),
                    }
                } else {
                    LifecycleBar {
                        phases: vec![warm(None, 100.0)],
                        deleted_after: None,
                        invalid: false,
                        summary: "kept indefinitely (no lifecycle)".to_string(),
                    }
                }
            }
            (Some(c), _) if c < 0 && c != -1 => invalid("invalid lifecycle: see the diagnostics"),
            (_, Some(d)) if d < 1 && d != -1 => invalid("invalid lifecycle: see the diagnostics"),
            // Deleted, never moved to cold storage (or deleted before it would be).
            (None | Some(-1), Some(d)) => deleted_warm(d, continuous),
            (Some(c), Some(d)) if d <= c => {
                let mut bar = deleted_warm(d, continuous);
                bar.summary = format!(
                    "warm until deleted after {}; it is deleted before it would move to cold storage",
                    days_label(d)
                );
                bar
            }
            // Moved to cold storage, kept there indefinitely.
            (Some(c), None | Some(-1)) => LifecycleBar {
                phases: warm_then_cold(c, None, if c == 0 { 0.0 } else { 35.0 }),
                deleted_after: None,
                invalid: false,
                summary: format!(
                    "warm for {}, then cold storage, kept indefinitely",
                    days_label(c)
                ),
            },
            (Some(c), Some(d)) => LifecycleBar {
                phases: warm_then_cold(c, Some(d), c as f64 * 100.0 / d as f64),
                deleted_after: Some(d),
                invalid: false,
                summary: format!(
                    "warm for {}, cold storage until day {}, then deleted",
                    days_label(c),
                    d
                ),
            },
        }
    }
}

/// Warm for `cold` days (none when it moves at once), then cold until `end` (or for good);
/// `warm_share` is the warm phase's width in percent.
fn warm_then_cold(cold: i64, end: Option<i64>, warm_share: f64) -> Vec<Phase> {
    let mut phases = vec![];
    if cold > 0 {
        phases.push(Phase {
            stage: Stage::Warm,
            from: 0,
            to: Some(cold),
            share: warm_share,
        });
    }
    phases.push(Phase {
        stage: Stage::Cold,
        from: cold,
        to: end,
        share: 100.0 - warm_share,
    });
    phases
}

fn deleted_warm(d: i64, continuous: bool) -> LifecycleBar {
    let summary = if continuous {
        format!(
            "point-in-time recovery for the last {} (at most {MAX_CONTINUOUS_DAYS} days)",
            days_label(d)
        )
    } else {
        format!("kept {}, then deleted", days_label(d))
    };
    LifecycleBar {
        phases: vec![Phase {
            stage: Stage::Warm,
            from: 0,
            to: Some(d),
            share: 100.0,
        }],
        deleted_after: Some(d),
        invalid: false,
        summary,
    }
}

/// "1 day", "30 days", "365 days (1 year)", "2555 days (7 years)".
pub fn days_label(days: i64) -> String {
    let plain = if days == 1 {
        "1 day".to_string()
    } else {
        format!("{days} days")
    };
    if days >= 365 && days % 365 == 0 {
        let years = days / 365;
        let unit = if years == 1 { "year" } else { "years" };
        format!("{plain} ({years} {unit})")
    } else {
        plain
    }
}

/// A backup selection, summarised: its name, role and what it picks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectionView {
    pub name: String,
    pub role: Option<String>,
    pub resources: usize,
    pub not_resources: usize,
    /// `Key = Value` for each tag condition (ListOfTags and Conditions).
    pub tags: Vec<String>,
}

/// The selections in the document, for each form that has them.
pub fn selections(root: &Node, form: PlanForm) -> Vec<SelectionView> {
    let nodes: Vec<&Node> = match form {
        PlanForm::PlanWithSelections => root
            .get("Selections")
            .map(|s| s.items().iter().collect())
            .unwrap_or_default(),
        PlanForm::CreateBackupSelectionInput => root.get("BackupSelection").into_iter().collect(),
        PlanForm::BackupSelection => vec![root],
        PlanForm::CloudFormation { .. } => root
            .get("Resources")
            .map(Node::members)
            .unwrap_or_default()
            .iter()
            .filter(|r| {
                r.value.get("Type").and_then(Node::as_str) == Some("AWS::Backup::BackupSelection")
            })
            .filter_map(|r| r.value.get("Properties")?.get("BackupSelection"))
            .collect(),
        _ => Vec::new(),
    };
    nodes
        .into_iter()
        .filter(|n| !n.members().is_empty())
        .enumerate()
        .map(|(i, n)| {
            let string = |key: &str| n.get(key).and_then(|v| text_of(&v.to_json()));
            let count = |key: &str| n.get(key).map_or(0, |l| l.items().len());
            let mut tags: Vec<String> = n
                .get("ListOfTags")
                .map(Node::items)
                .unwrap_or_default()
                .iter()
                .map(|t| condition(t, "ConditionKey", "ConditionValue"))
                .collect();
            for operator in n.get("Conditions").map(Node::members).unwrap_or_default() {
                for t in operator.value.items() {
                    tags.push(format!(
                        "{} ({})",
                        condition(t, "ConditionKey", "ConditionValue"),
                        operator.key
                    ));
                }
            }
            SelectionView {
                name: string("SelectionName").unwrap_or_else(|| format!("selection {}", i + 1)),
                role: string("IamRoleArn"),
                resources: count("Resources"),
                not_resources: count("NotResources"),
                tags,
            }
        })
        .collect()
}

fn condition(node: &Node, key: &str, value: &str) -> String {
    let part = |k: &str| {
        node.get(k)
            .and_then(Node::as_str)
            .unwrap_or("?")
            .to_string()
    };
    format!("{} = {}", part(key), part(value))
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
        let bar = LifecycleBar::new(
            Some(&serde_json::json!({"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 120})),
            false,
        );
        assert_eq!(bar.phases.len(), 2);
        assert_eq!(bar.phases[0].share, 25.0);
        assert_eq!(bar.phases[1].share, 75.0);
        assert_eq!(bar.deleted_after, Some(120));
    }

    #[test]
    fn no_lifecycle_or_minus_one_is_kept_indefinitely() {
        for lifecycle in [
            None,
            Some(serde_json::json!({"MoveToColdStorageAfterDays": -1, "DeleteAfterDays": -1})),
        ] {
            let bar = LifecycleBar::new(lifecycle.as_ref(), false);
            assert_eq!(bar.deleted_after, None);
            assert!(bar.summary.contains("kept indefinitely"), "{}", bar.summary);
        }
    }

    #[test]
    fn impossible_lifecycles_do_not_break_the_bar() {
        for l in [
            serde_json::json!({"DeleteAfterDays": 0}),
            serde_json::json!({"DeleteAfterDays": "x"}),
            serde_json::json!({"MoveToColdStorageAfterDays": 100, "DeleteAfterDays": 10}),
            serde_json::json!({"MoveToColdStorageAfterDays": -5}),
        ] {
            let bar = LifecycleBar::new(Some(&l), false);
            let total: f64 = bar.phases.iter().map(|p| p.share).sum();
            assert!((total - 100.0).abs() < 1e-9, "{l}: {bar:?}");
        }
    }

    #[test]
    fn long_retentions_read_in_years_too() {
        assert_eq!(days_label(2555), "2555 days (7 years)");
    }

    #[test]
    fn the_minimal_plan_shows_the_defaults() {
        let text = r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "vv"}]}"#;
        let checked = check(text, &CheckOptions { now: now() });
        let root = checked.root.unwrap();
        let form = checked.form.unwrap();
        let effective = vaultsim_core::plan::effective_plan(&root, form).unwrap();
        let cards = rule_cards(&effective, document_rules(&root, form), now());
        assert_eq!(cards.len(), 1);
        assert!(cards[0].start_window.default);
        assert_eq!(cards[0].start_window.minutes, Some(480));
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

    #[test]
    fn a_copy_without_a_lifecycle_keeps_the_source_lifecycle() {
        let text = r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "vv",
            "Lifecycle": {"DeleteAfterDays": 35},
            "CopyActions": [{"DestinationBackupVaultArn": "arn:aws:backup:eu-west-1:111122223333:backup-vault:dr"}]}]}"#;
        let checked = check(text, &CheckOptions { now: now() });
        let (root, form) = (checked.root.unwrap(), checked.form.unwrap());
        let effective = vaultsim_core::plan::effective_plan(&root, form).unwrap();
        let cards = rule_cards(&effective, document_rules(&root, form), now());
        let copy = &cards[0].copies[0].lifecycle;
        assert_eq!(copy.deleted_after, Some(35));
        assert!(
            copy.summary.contains("the source's lifecycle"),
            "{}",
            copy.summary
        );
    }

    #[test]
    fn a_cloudformation_template_reads_its_functions_and_string_numbers() {
        let text = include_str!("../crates/core/tests/data/plans/cloudformation.yaml");
        let checked = check(text, &CheckOptions { now: now() });
        let (root, form) = (checked.root.unwrap(), checked.form.unwrap());
        let effective = vaultsim_core::plan::effective_plan(&root, form).unwrap();
        let cards = rule_cards(&effective, document_rules(&root, form), now());
        assert_eq!(cards[0].vault.as_deref(), Some("!Ref PrimaryVault"));
        assert_eq!(
            cards[0].copies[0].arn,
            "!GetAtt AirGappedVault.BackupVaultArn"
        );
        assert_eq!(
            cards[0].copies[1].vault,
            Some((
                "dr-vault".to_string(),
                "eu-west-1".to_string(),
                "${AWS::AccountId}".to_string()
            ))
        );
        // "1825" as a string: CloudFormation converts it.
        assert_eq!(cards[1].lifecycle.deleted_after, Some(1825));
        assert!(cards[1].start_window.default && !cards[0].start_window.default);
        let selections = selections(&root, form);
        assert_eq!(selections[0].name, "all-tagged-resources");
        assert!(
            selections[0]
                .role
                .as_deref()
                .unwrap()
                .starts_with("!Sub arn:aws:iam::")
        );
    }

    #[test]
    fn vault_arns_give_name_region_and_account() {
        assert_eq!(
            vault_arn_parts("arn:aws:backup:eu-west-1:111122223333:backup-vault:dr-vault"),
            Some((
                "dr-vault".to_string(),
                "eu-west-1".to_string(),
                "111122223333".to_string()
            ))
        );
        assert_eq!(vault_arn_parts("arn:aws:s3:::bucket"), None);
    }
}
