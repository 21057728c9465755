//! Backup plan documents in every form a user has them, read and checked as AWS would check them.
//!
//! [`check`] reads the text (JSON; YAML for CloudFormation), says which form it is
//! ([`PlanForm`]), checks its structure against the AWS API model or, in a template, each
//! resource's CloudFormation schema (`crate::api::shapes`: required and unknown members, types,
//! patterns, enums, lengths), then what it means (`rules`, a file per family: windows, lifecycles,
//! continuous backup, schedules, vault locks, copies, index actions, advanced settings,
//! selections, names) and a template's other AWS::Backup resources (`resources`), and returns
//! every finding as a [`Diagnostic`] with a JSON Pointer, a line and a column in the text as
//! given. Each finding's code is in the registry ([`crate::codes`]).

mod effective;
mod forms;
mod lifecycle_phases;
mod model;
mod resources;
mod rules;
mod summary;

use chrono::{DateTime, Utc};

use crate::diagnostic::Diagnostic;
use crate::document::{LineIndex, Node, parse_json, parse_yaml};
use crate::order;

pub use effective::effective_plan;
pub use forms::PlanForm;
pub use lifecycle_phases::{LifecyclePhases, Phase, Stage, days_label};
pub use model::{
    AdvancedBackupSetting, BackupPlan, BackupRule, BackupSelection, Condition, ConditionParameter,
    Conditions, CopyAction, IndexAction, Lifecycle, typed_plan, typed_selections,
};
pub use rules::{DEFAULT_COMPLETION_WINDOW_MINUTES, DEFAULT_START_WINDOW_MINUTES};
pub use summary::{
    CopySummary, RuleSummary, ScheduleSource, SelectionSummary, VaultArn, Window, plan_name,
    rule_summaries, selection_summaries,
};

/// What checking needs besides the text.
#[derive(Clone, Copy, Debug)]
pub struct CheckOptions {
    /// The time "now" is, for findings such as a schedule that will never run again. The core
    /// reads no clock: the caller passes it.
    pub now: DateTime<Utc>,
}

/// A finding, placed in the text: the diagnostic and its 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    pub line: usize,
    pub column: usize,
}

/// The result of checking a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// The form found, if the text could be read far enough to tell.
    pub form: Option<PlanForm>,
    /// Every finding, in document order.
    pub findings: Vec<Finding>,
    /// The document tree, when the text could be read.
    pub root: Option<Node>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.diagnostic.is_error())
    }
}

/// Reads and checks a plan document.
pub fn check(text: &str, options: &CheckOptions) -> Checked {
    let yaml = !looks_like_json(text);
    let parsed = if yaml {
        parse_yaml(text)
    } else {
        parse_json(text)
    };
    let mut diagnostics = parsed.diagnostics;
    let mut form = None;
    if let Some(root) = &parsed.root {
        match forms::detect(root, yaml) {
            Ok(found) => {
                form = Some(found);
                forms::check_structure(root, found, &mut diagnostics);
                rules::check(text, root, found, options, &mut diagnostics);
                resources::check(text, root, found, &mut diagnostics);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    let lines = LineIndex::new(text);
    let mut findings: Vec<Finding> = diagnostics
        .into_iter()
        .map(|mut diagnostic| {
            // Checks that mark "this object" by its first byte would cut a multi-byte key.
            diagnostic.fit_to(text);
            let (line, column) = lines.line_column(diagnostic.span.start);
            Finding {
                diagnostic,
                line,
                column,
            }
        })
        .collect();
    order::sort_by_key(&mut findings, |f| {
        order::pair(f.diagnostic.span.start, f.diagnostic.severity as usize)
    });
    Checked {
        form,
        findings,
        root: parsed.root,
    }
}

/// JSON starts with `{` or `[` (after blanks, a byte-order mark, and the `//` or `/* */`
/// comments people paste from guides); anything else is read as YAML.
fn looks_like_json(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else {
            return rest.starts_with(['{', '[']) || rest.is_empty();
        }
    }
}
