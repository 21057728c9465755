//! Lessons: the guide's concepts as things a learner does, each lesson one JSON document a
//! teacher can write (the format is docs/lessons.md). A lesson has a text, a scenario (a built-in
//! by name, or one written inside it), the moment it starts at, and steps; each step has a text, a
//! goal checked against the simulation (a [`Check`]), hints, a solution shown on request, and
//! perhaps a question to answer before time moves ([`Predict`]).
//!
//! Goals are declarative so that a lesson is data: most ask the simulation what the AWS CLI would
//! answer (`aws backup list-recovery-points-by-backup-vault … --query 'length(RecoveryPoints)'`,
//! the same console that answers the learner), others count EventBridge events a pattern
//! matches, look in the audit trail, or compare the learner's own event pattern with the one
//! the lesson expects. The built-in lessons are files in `crates/core/lessons/`; natively they are
//! compiled in (a test solves each), and the page fetches them.

mod check;

use chrono::{DateTime, Utc};
use serde_json::Value;

pub use check::{Check, Checked, CostKind, Expect, Learner};

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::document::{DecodeError, Fields, FromNode, Node, from_node, parse_json};
use crate::scenario::{DocumentKind, Scenario, Timestamp, structure_error};

/// The built-in lessons, in the guide's order: each is `lessons/<name>.json`.
pub const BUILTIN: &[&str] = &[
    "00-start-here",
    "01-core-concepts",
    "02-architecture",
    "03-backup-plans",
    "04-backup-jobs",
    "05-copy-jobs",
    "06-restore-runbook",
    "07-coordination",
    "08-real-world-example",
    "09-supported-services",
    "10-vault-lock",
    "11-lifecycle",
    "12-monitoring",
    "12-restore-testing",
    "13-incident",
    "14-rpo-under-an-hour",
];

/// A lesson, as its document has it.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// Its name in links (`?lesson=09-restore-runbook`).
    pub id: String,
    pub title: String,
    /// The guide's section it teaches ("09 · Restoring").
    pub section: String,
    /// Paragraphs.
    pub text: Vec<String>,
    /// Where the guide and AWS's documentation disagree on what the lesson teaches: AWS wins,
    /// and the lesson says so.
    pub aws_differs: Option<String>,
    pub scenario: LessonScenario,
    /// Where time starts; the scenario's start when not given.
    pub at: Option<Timestamp>,
    pub steps: Vec<Step>,
    /// Files the console reads as `file://NAME` (a request for `--cli-input-json`, a policy),
    /// by name: a JSON document written in the lesson, or a text.
    pub files: Vec<(String, String)>,
}

/// The scenario a lesson runs: a built-in by name, or a scenario document written in the lesson
/// (its text, as the lesson has it, so the page can run it as a custom scenario).
#[derive(Clone, Debug, PartialEq)]
pub enum LessonScenario {
    Builtin(String),
    Written {
        text: String,
        scenario: Box<Scenario>,
    },
}

/// One thing to do.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub title: String,
    pub text: Vec<String>,
    /// A plan the learner edits in the step (checked by the plan checker as they type).
    pub plan: Option<String>,
    pub predict: Option<Predict>,
    pub goal: Goal,
    pub hints: Vec<String>,
    pub solution: Solution,
}

/// A question the learner answers before time moves: the simulation then runs to `run_to` and
/// `ask` gives the answer (an `aws` command whose `--query` gives a number or a word).
#[derive(Clone, Debug, PartialEq)]
pub struct Predict {
    pub question: String,
    pub ask: String,
    pub run_to: Timestamp,
}

/// What the step asks for, in words and as a check.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub describe: String,
    pub check: Check,
}

/// How the step is solved: console commands, an event pattern to write, and what else to do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Solution {
    pub console: Option<String>,
    pub pattern: Option<Value>,
    /// The step's plan, mended.
    pub plan: Option<String>,
    /// Whether the solution confirms the subscriptions waiting for it, as their recipients do
    /// by following the confirmation mail's link (the page's Inbox).
    pub confirm: bool,
    pub note: Option<String>,
}

/// What a list of lessons shows of one, read without the lesson reader (whose goals name console
/// commands, read with the API model): the page's list reads this, so that the reader and the
/// model are fetched only when a lesson is opened (the page's src/chunk.rs).
#[derive(Clone, Debug, PartialEq)]
pub struct Listing {
    pub id: String,
    pub title: String,
    pub section: String,
    pub steps: usize,
}

impl Listing {
    /// The listing of a lesson document; `None` when it is not one (the lesson reader says why).
    pub fn from_json(text: &str) -> Option<Listing> {
        let root = parse_json(text).strict().ok()?;
        let text = |key: &str| root.get(key).and_then(Node::as_str).map(str::to_string);
        Some(Listing {
            id: text("Lesson")?,
            title: text("Title")?,
            section: text("Section")?,
            steps: root.get("Steps")?.items().len(),
        })
    }
}

impl Lesson {
    /// A built-in lesson's document (natively; the page fetches `lessons/<name>.json`).
    #[cfg(feature = "embedded-data")]
    pub fn builtin_text(name: &str) -> Option<&'static str> {
        BUILTIN_TEXTS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| *text)
    }

    /// Reads a lesson document; every problem is a diagnostic placed in `text`: its members, its
    /// scenario (a built-in that does not exist, or a written one with the scenario reader's
    /// findings), its times, and each goal's command and event patterns.
    pub fn from_json(text: &str) -> Result<Lesson, Vec<Diagnostic>> {
        let root = parse_json(text).strict()?;
        let mut lesson: Lesson =
            from_node(&root).map_err(|e| vec![structure_error(&root, &e, &LESSON_DOCUMENT)])?;
        let mut errors = Vec::new();
        if let Some(node) = root.get("Scenario")
            && node.as_str().is_none()
        {
            match Scenario::from_root(node) {
                Ok(scenario) => {
                    lesson.scenario = LessonScenario::Written {
                        text: text[node.span.clone()].to_string(),
                        scenario: Box::new(scenario),
                    }
                }
                Err(found) => errors.extend(found.into_iter().map(|d| {
                    let pointer = format!("/Scenario{}", d.pointer.as_deref().unwrap_or(""));
                    d.at(pointer)
                })),
            }
        }
        lesson.check(&root, &mut errors);
        if errors.is_empty() {
            Ok(lesson)
        } else {
            Err(errors)
        }
    }

    /// The scenario the lesson runs.
    pub fn scenario(&self) -> Option<Scenario> {
        match &self.scenario {
            LessonScenario::Builtin(name) => Scenario::builtin(name),
            LessonScenario::Written { scenario, .. } => Some((**scenario).clone()),
        }
    }

    /// The moment the lesson starts at.
    pub fn start(&self, scenario: &Scenario) -> DateTime<Utc> {
        self.at
            .as_ref()
            .and_then(Timestamp::time)
            .unwrap_or_else(|| scenario.start())
    }

    fn check(&self, root: &Node, out: &mut Vec<Diagnostic>) {
        let at = |pointer: &str| {
            root.pointer(pointer)
                .map(|n| n.span.clone())
                .unwrap_or(root.span.start..root.span.start)
        };
        if let LessonScenario::Builtin(name) = &self.scenario
            && Scenario::builtin(name).is_none()
        {
            let known: Vec<&str> = crate::scenario::BUILTINS.to_vec();
            out.push(
                Diagnostic::error(
                    codes::LESSON_SCENARIO,
                    at("/Scenario"),
                    format!("there is no built-in scenario named {name:?}"),
                )
                .with_help(match crate::suggest::nearest(name, &known) {
                    Some(near) => format!("did you mean {near}?"),
                    None => format!(
                        "name one of {}, or write the scenario document here",
                        known.join(", ")
                    ),
                })
                .at("/Scenario"),
            );
        }
        let mut times = vec![("/At".to_string(), self.at.as_ref())];
        if self.steps.is_empty() {
            out.push(
                Diagnostic::error(
                    codes::LESSON_INVALID,
                    at("/Steps"),
                    "a lesson has at least one step",
                )
                .with_help("add a step with a Goal")
                .at("/Steps"),
            );
        }
        for (i, step) in self.steps.iter().enumerate() {
            let base = format!("/Steps/{i}");
            step.goal
                .check
                .validate(&format!("{base}/Goal/Check"), &at, out);
            if let Some(predict) = &step.predict {
                times.push((format!("{base}/Predict/RunTo"), Some(&predict.run_to)));
                check::validate_command(&predict.ask, &format!("{base}/Predict/Ask"), &at, out);
            }
            if let Some(pattern) = &step.solution.pattern {
                check::validate_pattern(pattern, &format!("{base}/Solution/Pattern"), &at, out);
            }
        }
        for (pointer, time) in times {
            if let Some(time) = time
                && time.time().is_none()
            {
                out.push(
                    Diagnostic::error(
                        codes::LESSON_INVALID,
                        at(&pointer),
                        format!("{:?} is not an RFC 3339 time", time.text()),
                    )
                    .with_help("write a time such as 2024-01-16T06:00:00Z")
                    .at(pointer),
                );
            }
        }
    }
}

const LESSON_DOCUMENT: DocumentKind = DocumentKind {
    root: "the lesson",
    code: codes::LESSON_INVALID,
    example: "see docs/lessons.md",
    outline: "a lesson has Lesson, Title, Section, Text, Scenario and Steps",
};

#[cfg(feature = "embedded-data")]
const BUILTIN_TEXTS: &[(&str, &str)] = &[
    (
        "00-start-here",
        include_str!("../../lessons/00-start-here.json"),
    ),
    (
        "01-core-concepts",
        include_str!("../../lessons/01-core-concepts.json"),
    ),
    (
        "02-architecture",
        include_str!("../../lessons/02-architecture.json"),
    ),
    (
        "03-backup-plans",
        include_str!("../../lessons/03-backup-plans.json"),
    ),
    (
        "04-backup-jobs",
        include_str!("../../lessons/04-backup-jobs.json"),
    ),
    (
        "05-copy-jobs",
        include_str!("../../lessons/05-copy-jobs.json"),
    ),
    (
        "06-restore-runbook",
        include_str!("../../lessons/06-restore-runbook.json"),
    ),
    (
        "07-coordination",
        include_str!("../../lessons/07-coordination.json"),
    ),
    (
        "08-real-world-example",
        include_str!("../../lessons/08-real-world-example.json"),
    ),
    (
        "09-supported-services",
        include_str!("../../lessons/09-supported-services.json"),
    ),
    (
        "10-vault-lock",
        include_str!("../../lessons/10-vault-lock.json"),
    ),
    (
        "11-lifecycle",
        include_str!("../../lessons/11-lifecycle.json"),
    ),
    (
        "12-monitoring",
        include_str!("../../lessons/12-monitoring.json"),
    ),
    (
        "12-restore-testing",
        include_str!("../../lessons/12-restore-testing.json"),
    ),
    (
        "13-incident",
        include_str!("../../lessons/13-incident.json"),
    ),
    (
        "14-rpo-under-an-hour",
        include_str!("../../lessons/14-rpo-under-an-hour.json"),
    ),
];

/// Paragraphs: one string, or a list of them.
fn paragraphs(f: &Fields, name: &str) -> Result<Vec<String>, DecodeError> {
    match f.optional::<Value>(name)? {
        None => Ok(Vec::new()),
        Some(Value::String(text)) => Ok(vec![text]),
        Some(_) => f.required(name),
    }
}

impl FromNode for Lesson {
    fn from_node(node: &Node) -> Result<Lesson, DecodeError> {
        let f = Fields::strict(
            node,
            "struct Lesson",
            &[
                "Lesson",
                "Title",
                "Section",
                "Text",
                "AwsDiffers",
                "Scenario",
                "At",
                "Steps",
                "Files",
            ],
            None,
        )?;
        let scenario: Value = f.required("Scenario")?;
        Ok(Lesson {
            id: f.required("Lesson")?,
            title: f.required("Title")?,
            section: f.or_default("Section")?,
            text: paragraphs(&f, "Text")?,
            aws_differs: f.optional("AwsDiffers")?,
            // A written scenario is read by the scenario reader, after this.
            scenario: LessonScenario::Builtin(scenario.as_str().unwrap_or_default().to_string()),
            at: f.optional("At")?,
            steps: f.required("Steps")?,
            files: (f.optional::<Value>("Files")?)
                .and_then(|files| files.as_object().cloned())
                .unwrap_or_default()
                .into_iter()
                .map(|(name, file)| (name, document_text(file)))
                .collect(),
        })
    }
}

/// A document in a lesson as the learner sees it in a file: written as JSON in the lesson
/// (two spaces an indent), or its text as a string (YAML, say).
fn document_text(document: Value) -> String {
    match document {
        Value::String(text) => text,
        document => serde_json::to_string_pretty(&document).unwrap_or_default() + "\n",
    }
}

/// A plan in a lesson (see [`document_text`]).
fn plan_text(f: &Fields, name: &str) -> Result<Option<String>, DecodeError> {
    Ok(f.optional::<Value>(name)?.map(document_text))
}

impl Lesson {
    /// The lesson's file `name`, for the console's `file://` values.
    pub fn file(&self, name: &str) -> Option<String> {
        file_in(&self.files, name)
    }
}

/// The file `name` among a lesson's `files` (`./name` names it too).
pub fn file_in(files: &[(String, String)], name: &str) -> Option<String> {
    let name = name.strip_prefix("./").unwrap_or(name);
    (files.iter())
        .find(|(n, _)| n == name)
        .map(|(_, text)| text.clone())
}

impl FromNode for Step {
    fn from_node(node: &Node) -> Result<Step, DecodeError> {
        let f = Fields::strict(
            node,
            "struct Step",
            &[
                "Title", "Text", "Plan", "Predict", "Goal", "Hints", "Solution",
            ],
            None,
        )?;
        Ok(Step {
            title: f.required("Title")?,
            text: paragraphs(&f, "Text")?,
            plan: plan_text(&f, "Plan")?,
            predict: f.optional("Predict")?,
            goal: f.required("Goal")?,
            hints: f.or_default("Hints")?,
            solution: f.or_default("Solution")?,
        })
    }
}

impl FromNode for Predict {
    fn from_node(node: &Node) -> Result<Predict, DecodeError> {
        let f = Fields::strict(node, "struct Predict", &["Question", "Ask", "RunTo"], None)?;
        Ok(Predict {
            question: f.required("Question")?,
            ask: f.required("Ask")?,
            run_to: f.required("RunTo")?,
        })
    }
}

impl FromNode for Goal {
    fn from_node(node: &Node) -> Result<Goal, DecodeError> {
        let f = Fields::strict(node, "struct Goal", &["Describe", "Check"], None)?;
        Ok(Goal {
            describe: f.required("Describe")?,
            check: f.required("Check")?,
        })
    }
}

impl FromNode for Solution {
    fn from_node(node: &Node) -> Result<Solution, DecodeError> {
        let f = Fields::strict(
            node,
            "struct Solution",
            &["Console", "Pattern", "Plan", "Confirm", "Note"],
            None,
        )?;
        Ok(Solution {
            console: f.optional("Console")?,
            pattern: f.optional("Pattern")?,
            plan: plan_text(&f, "Plan")?,
            confirm: f.optional("Confirm")?.unwrap_or(false),
            note: f.optional("Note")?,
        })
    }
}
