//! Every AWS fact lives in vaultsim-core: this test reads the page (`src/`) and the command line
//! (`crates/cli/src/`) and fails, naming each file and line, where one is written there instead —
//! a limit next to the words it limits, a job or storage state's name, a schedule expression, a
//! plan document's member name used as a key. The facts it looks for are read from the core
//! itself (its state enums, its constants, the API model's and CloudFormation's member names in
//! data/), so a fact the core learns is watched at once.
//!
//! Display text may name a member (a table heading, a label, a tooltip: `<th>"RuleName"</th>`,
//! `title="EnableContinuousBackup"`); that is not a key and is not reported. Anything else that
//! must stay goes in [`ALLOWED`] with the reason. Tests (from `#[cfg(test)]` on) are not read:
//! their inputs are documents, which name members by necessity.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use vaultsim_core::engine::{BackupJobState, CopyJobState, RestoreJobState};
use vaultsim_core::events;
use vaultsim_core::plan::{DEFAULT_COMPLETION_WINDOW_MINUTES, DEFAULT_START_WINDOW_MINUTES};
use vaultsim_core::restore_testing::{DeletionStatus, ValidationStatus};
use vaultsim_core::schedule::DEFAULT_SCHEDULE_EXPRESSION;
use vaultsim_core::services::MAX_CONTINUOUS_RETENTION_DAYS;
use vaultsim_core::world::StorageClass;

/// (file, text on the line, why it may stay). Only display text that quotes the core belongs here.
const ALLOWED: &[(&str, &str, &str)] = &[];

/// Words that say a number is about AWS Backup's behaviour, not the page's layout.
const AWS_WORDS: &[&str] = &[
    "retention",
    "continuous",
    "point-in-time",
    "pitr",
    "cold",
    "warm",
    "lifecycle",
    "deleteafter",
    "movetocold",
    "window",
    "vault",
    "lock",
    "backup",
    "copy",
    "copies",
    "restore",
    "at most",
    "at least",
    "minimum",
    "maximum",
];

/// What the core knows and the page and the CLI must not write themselves.
struct Facts {
    /// Member names of the API model's and CloudFormation's structures.
    members: BTreeSet<String>,
    /// Job states', storage classes' and EventBridge detail types' names.
    states: BTreeSet<&'static str>,
    /// The limits and defaults, as a number would be written.
    limits: BTreeSet<String>,
}

impl Facts {
    fn read() -> Facts {
        let mut members = BTreeSet::new();
        for shapes in [
            include_str!("../data/backup-api-shapes.json"),
            include_str!("../data/cloudformation-shapes.json"),
        ] {
            let file: serde_json::Value = serde_json::from_str(shapes).unwrap();
            for shape in file["shapes"].as_object().unwrap().values() {
                if let Some(names) = shape["members"].as_object() {
                    members.extend(names.keys().cloned());
                }
            }
        }
        let mut states: BTreeSet<&'static str> = BTreeSet::new();
        states.extend(BackupJobState::ALL.map(BackupJobState::as_str));
        states.extend(CopyJobState::ALL.map(CopyJobState::as_str));
        states.extend(RestoreJobState::ALL.map(RestoreJobState::as_str));
        states.extend(ValidationStatus::ALL.map(ValidationStatus::as_str));
        states.extend(DeletionStatus::ALL.map(DeletionStatus::as_str));
        states.extend(
            [
                StorageClass::Warm,
                StorageClass::Cold,
                StorageClass::Deleted,
            ]
            .map(StorageClass::as_str),
        );
        // The EventBridge detail types, which name states too.
        states.extend([
            events::BACKUP_JOB_STATE_CHANGE,
            events::COPY_JOB_STATE_CHANGE,
            events::RECOVERY_POINT_STATE_CHANGE,
            events::RESTORE_JOB_STATE_CHANGE,
            events::BACKUP_VAULT_STATE_CHANGE,
        ]);
        // The public constants, and the rules' own limits (plan/rules.rs, each with its quote
        // there): cold storage's 90-day minimum, the 100-year maximums in days and minutes, the
        // vault lock's 7-day minimum, the default windows in hours and days (8, 7).
        let numbers = [
            MAX_CONTINUOUS_RETENTION_DAYS,
            DEFAULT_START_WINDOW_MINUTES,
            DEFAULT_COMPLETION_WINDOW_MINUTES,
            90,
            36_500,
            52_560_000,
            7,
            8,
            100,
        ];
        let mut limits = BTreeSet::new();
        for n in numbers {
            limits.insert(n.to_string());
            limits.insert(with_underscores(n));
        }
        Facts {
            members,
            states,
            limits,
        }
    }
}

/// 10080 as `10_080`.
fn with_underscores(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    out
}

/// The quoted words on a line with their places: every stretch between two neighbouring quotes,
/// so that string literals, the JSON strings inside raw strings (whose `r#"` shifts the pairing)
/// and escaped ones (`"{\"Rules\": []}"`) are all read. A stretch between two literals (` => `)
/// is read too, and matches nothing.
fn quoted(line: &str) -> Vec<(usize, &str)> {
    let quotes: Vec<usize> = line.match_indices('"').map(|(i, _)| i).collect();
    quotes
        .windows(2)
        .map(|pair| (pair[0], &line[pair[0] + 1..pair[1]]))
        .collect()
}

/// Whether the literal at `at` on `line` is display text: a view's text (`>"Name"<`) or an
/// attribute's value (`title="Name"`).
fn displayed(line: &str, at: usize, len: usize) -> bool {
    let before = line[..at].trim_end();
    let after = line[at + len + 2..].trim_start();
    (before.ends_with('>') && after.starts_with('<')) || before.ends_with('=')
}

/// Every AWS fact written in `text` (a file's contents), as "file:line: what".
fn scan(file: &str, text: &str, facts: &Facts) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        if ALLOWED
            .iter()
            .any(|(f, on_line, _)| *f == file && line.contains(on_line))
        {
            continue;
        }
        let mut report =
            |what: String| found.push(format!("{file}:{}: {what}: {}", n + 1, line.trim()));
        let unescaped = line.replace("\\\"", "\"");
        for (at, literal) in quoted(&unescaped) {
            if facts.members.contains(literal) && !displayed(&unescaped, at, literal.len()) {
                report(format!("the member name \"{literal}\" used as a key"));
            }
            if facts.states.contains(literal) {
                report(format!("the AWS name \"{literal}\""));
            }
            if literal.starts_with("cron(") {
                report("a schedule expression".to_string());
            }
        }
        if line.contains(DEFAULT_SCHEDULE_EXPRESSION) && !line.contains("\"cron(") {
            report("AWS Backup's default schedule".to_string());
        }
        let lower = line.to_ascii_lowercase();
        if let Some(word) = AWS_WORDS.iter().find(|w| lower.contains(*w)) {
            for token in line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            {
                if facts.limits.contains(token) {
                    report(format!("the limit {token} next to \"{word}\""));
                }
            }
        }
    }
    found
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_page_and_the_command_line_write_no_aws_fact() {
    let facts = Facts::read();
    let root = root();
    let mut files = Vec::new();
    for dir in ["src", "crates/cli/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    files.sort();
    assert!(
        files.len() > 20,
        "the page's and the CLI's sources are found: {files:?}"
    );
    let mut found = Vec::new();
    for path in &files {
        let name = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).unwrap();
        found.extend(scan(&name, &text, &facts));
    }
    assert!(
        found.is_empty(),
        "AWS facts belong in vaultsim-core; read them from there:\n{}",
        found.join("\n")
    );
}

/// The scan catches each kind of fact when it comes back, and lets display text be.
#[test]
fn a_reintroduced_fact_is_caught() {
    let facts = Facts::read();
    let caught = |line: &str| !scan("src/x.rs", line, &facts).is_empty();
    for line in [
        r#"let rules = root.get("Rules");"#,
        r#"PlanForm::CloudFormation { .. } => (plan, "BackupPlanRule"),"#,
        r#"let days = lifecycle["DeleteAfterDays"].as_i64();"#,
        r#"json!({"ScheduleExpression": expression})"#,
        r#""COMPLETED" => "ok","#,
        r#"let parts = [("WARM", n[0]), ("COLD", n[1])];"#,
        r#"const FIRST: &str = "cron(0 2 * * ? *)";"#,
        r#"/// for example 'cron(0 5 ? * * *)'"#,
        "const MAX_CONTINUOUS_DAYS: i64 = 35;",
        "// cold storage needs at least 90 days",
        "let start_window = rule.start.unwrap_or(480);",
        "let default_completion_window = 10_080;",
    ] {
        assert!(caught(line), "not caught: {line}");
    }
    for line in [
        r#"<tr><th>"RuleName"</th><th>"ScheduleExpression"</th></tr>"#,
        r#"<span class="badge" title="EnableContinuousBackup">"PITR"</span>"#,
        r#"<label for="schedule-input" class="field-label">"ScheduleExpression"</label>"#,
        r#"("a week", Some(7)),"#,
        "let lanes = 35;",
    ] {
        assert!(
            !caught(line),
            "caught, though it is display or layout: {line}"
        );
    }
    // Tests' documents are inputs, not facts.
    assert!(!caught(
        "#[cfg(test)]\nmod tests { const T: &str = r#\"{\"Rules\": []}\"#; }"
    ));
}
