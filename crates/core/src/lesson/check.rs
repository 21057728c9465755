//! A lesson's goal as a check over the simulation and what the learner wrote, and what it saw:
//! the page shows whether the goal is met and, when it is not, what stands in the way.

use std::ops::Range;

use serde_json::Value;

use crate::codes;
use crate::console::run::ask;
use crate::diagnostic::Diagnostic;
use crate::document::{DecodeError, Fields, FromNode, Node};
use crate::engine::{Decision, DeliveryKind, Simulation};
use crate::events::EventPattern;

/// A goal's check. In a lesson document each is an object named by its first member.
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    /// `{"Ask": "aws …", "Equals" | "AtLeast" | "AtMost" | "Contains": …}`: what the AWS CLI
    /// would answer now (a read-only command, `--query` applied) meets the expectation.
    Ask { command: String, expect: Expect },
    /// `{"Events": PATTERN, "AtLeast": n, "AtMost": m}`: how many of the run's events the
    /// EventBridge pattern matches (at least one when no bound is given).
    Events {
        pattern: Value,
        at_least: Option<u64>,
        at_most: Option<u64>,
    },
    /// `{"Audit": "Operation", "Decision": "Allowed" | "Denied", "ErrorCode": "…", "Principal":
    /// "…"}`: the audit trail has such a call (the console calls as its account's root user,
    /// `arn:aws:iam::ACCOUNT:root`, which tells the learner's calls from a scenario's).
    Audit {
        operation: String,
        decision: Option<String>,
        error_code: Option<String>,
        principal: Option<String>,
    },
    /// `{"PatternSelects": PATTERN}`: the learner's event pattern matches exactly the events of
    /// the run this one matches, and at least one.
    PatternSelects { pattern: Value },
    /// `{"Ran": "list-backup-vaults", "Profile": "…", "Region": "…", "With": "…"}`: the learner
    /// ran the operation (its CLI name) in the console, as that profile and in that Region when
    /// they are given, with the text `With` in the command when it is given, and it answered
    /// (exit status 0).
    Ran {
        operation: String,
        profile: Option<String>,
        region: Option<String>,
        /// Text the command must contain (`"With": "fs-0123456789abcdef0"`): which resource,
        /// which name.
        with: Option<String>,
    },
    /// `{"Delivered": "ops-team@company.com", "Contains": "FAILED", "AtLeast": n}`: SNS
    /// delivered at least n messages (1 when not given) to the endpoint, each containing the
    /// text when it is given: the alert the learner set up reached its subscriber.
    Delivered {
        endpoint: String,
        contains: Option<String>,
        at_least: Option<u64>,
    },
    /// `{"Rpo": "arn:…", "Under": "1h"}`: the resource has been corrupted (the scenario's
    /// incident has happened) and the newest clean point to restore it from loses less than
    /// `Under` (a duration as `sleep` reads it): the RPO the learner's plans give.
    Rpo { resource: String, under: String },
    /// `{"PlanAccepted": true}`: the plan the learner wrote in the step has nothing AWS would
    /// reject (the plan checker's errors; its warnings are advice).
    PlanAccepted,
    /// `{"All": [CHECK, …]}`: every one.
    All(Vec<Check>),
}

/// What an asked answer must be.
#[derive(Clone, Debug, PartialEq)]
pub enum Expect {
    Equals(Value),
    AtLeast(f64),
    AtMost(f64),
    Contains(String),
}

/// What the learner has written that a check can look at.
#[derive(Clone, Copy, Debug, Default)]
pub struct Learner<'a> {
    /// The event pattern in the event log's filter.
    pub pattern: Option<&'a str>,
    /// The commands run in the console, each with its exit status.
    pub commands: &'a [(String, i32)],
    /// The plan written in the step's plan box.
    pub plan: Option<&'a str>,
}

/// Whether a check is met, and what it saw (for the learner: what the answer was, how many
/// events matched).
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub met: bool,
    pub saw: String,
}

impl Check {
    /// Checks against `simulation` as it is now.
    pub fn check(&self, simulation: &Simulation, learner: &Learner) -> Checked {
        match self {
            Check::Ask { command, expect } => match ask(simulation, command) {
                Ok(answer) => Checked {
                    met: expect.holds(&answer),
                    saw: format!("the answer is {}", short(&answer)),
                },
                Err(refused) => Checked {
                    met: false,
                    saw: refused.stderr.trim().to_string(),
                },
            },
            Check::Events {
                pattern,
                at_least,
                at_most,
            } => {
                let matched = match EventPattern::parse(&pattern.to_string()) {
                    Ok(pattern) => matching(simulation, &pattern).len() as u64,
                    Err(_) => 0,
                };
                let met = matched >= at_least.unwrap_or(if at_most.is_some() { 0 } else { 1 })
                    && at_most.is_none_or(|most| matched <= most);
                Checked {
                    met,
                    saw: format!("{matched} matching event{}", plural(matched)),
                }
            }
            Check::Delivered {
                endpoint,
                contains,
                at_least,
            } => {
                let delivered = (simulation.deliveries().iter())
                    .filter(|d| d.kind == DeliveryKind::Message && d.endpoint == *endpoint)
                    .filter(|d| {
                        contains
                            .as_ref()
                            .is_none_or(|t| d.message.contains(t.as_str()))
                    })
                    .count() as u64;
                Checked {
                    met: delivered >= at_least.unwrap_or(1),
                    saw: format!(
                        "{delivered} message{} delivered to {endpoint}",
                        plural(delivered)
                    ),
                }
            }
            Check::Rpo { resource, under } => {
                let bound = crate::console::run::sleep_duration(std::slice::from_ref(under)).ok();
                let index = (simulation.world().resources.iter()).position(|r| r.arn == *resource);
                let (met, saw) = match (index, bound) {
                    (None, _) => (false, format!("no resource {resource} in the scenario")),
                    (_, None) => (false, format!("{under} is not a duration")),
                    (Some(i), Some(bound)) => match simulation.corruption_of(i) {
                        None => (false, "the incident has not happened yet".to_string()),
                        Some(_) => match simulation.recovery_objectives(i).rpo {
                            None => (false, "nothing clean to restore from: no RPO".to_string()),
                            Some(rpo) => {
                                (rpo < bound, format!("an RPO of {} min", rpo.num_minutes()))
                            }
                        },
                    },
                };
                Checked { met, saw }
            }
            Check::Audit {
                operation,
                decision,
                error_code,
                principal,
            } => {
                let found = simulation.audit_trail().iter().filter(|e| {
                    e.event_name == *operation
                        && principal.as_ref().is_none_or(|p| *p == e.principal)
                        && decision.as_deref().is_none_or(|d| {
                            (d == "Allowed") == (e.decision == Decision::Allowed)
                        })
                        && error_code.as_deref().is_none_or(|code| {
                            matches!(&e.decision, Decision::Denied { error_code } if *error_code == code)
                        })
                });
                let count = found.count() as u64;
                Checked {
                    met: count > 0,
                    saw: format!(
                        "{count} such {operation} call{} in the audit trail",
                        plural(count)
                    ),
                }
            }
            Check::PatternSelects { pattern } => {
                let Some(text) = learner.pattern.filter(|t| !t.trim().is_empty()) else {
                    return Checked {
                        met: false,
                        saw: "no event pattern written yet".to_string(),
                    };
                };
                let theirs = match EventPattern::parse(text) {
                    Ok(p) => p,
                    Err(found) => {
                        return Checked {
                            met: false,
                            saw: format!(
                                "the pattern is not valid: {}",
                                found.first().map_or("", |d| d.message.as_str())
                            ),
                        };
                    }
                };
                let Ok(expected) = EventPattern::parse(&pattern.to_string()) else {
                    return Checked {
                        met: false,
                        saw: "the lesson's own pattern is not valid".to_string(),
                    };
                };
                let (theirs, expected) = (
                    matching(simulation, &theirs),
                    matching(simulation, &expected),
                );
                let not_in =
                    |a: &[u64], b: &[u64]| a.iter().filter(|s| b.binary_search(s).is_err()).count();
                let extra = not_in(&theirs, &expected);
                let missed = not_in(&expected, &theirs);
                Checked {
                    met: !expected.is_empty() && extra == 0 && missed == 0,
                    saw: format!(
                        "your pattern matches {} event{}: {extra} it should not, {missed} missed of {}",
                        theirs.len(),
                        plural(theirs.len() as u64),
                        expected.len()
                    ),
                }
            }
            Check::Ran {
                operation,
                profile,
                region,
                with,
            } => {
                let ran = learner.commands.iter().filter(|(line, status)| {
                    *status == 0
                        && with.as_deref().is_none_or(|with| line.contains(with))
                        // The command's operation and global options, read without its
                        // parameters (a `file://` value names a file only the run could read).
                        && crate::console::words::split(line)
                            .ok()
                            .filter(|words| words.first().map(String::as_str) == Some("aws"))
                            .is_some_and(|words| {
                                let words = &words[1..];
                                let global = |o| crate::console::command::global_value(words, o);
                                crate::console::command::service_and_command(words)
                                    .is_some_and(|(_, at)| words[at] == *operation)
                                    && (profile.is_none() || global("--profile") == *profile)
                                    && (region.is_none() || global("--region") == *region)
                            })
                });
                let count = ran.count() as u64;
                Checked {
                    met: count > 0,
                    saw: if count == 0 {
                        format!("`aws … {operation}` has not answered in the console yet")
                    } else {
                        format!("`{operation}` answered {count} time{}", plural(count))
                    },
                }
            }
            Check::PlanAccepted => {
                let Some(text) = learner.plan else {
                    return Checked {
                        met: false,
                        saw: "no plan written yet".to_string(),
                    };
                };
                let options = crate::plan::CheckOptions {
                    now: simulation.now(),
                };
                let checked = crate::plan::check(text, &options);
                let errors: Vec<&Diagnostic> = (checked.findings.iter())
                    .map(|f| &f.diagnostic)
                    .filter(|d| d.is_error())
                    .collect();
                // A plan left with no rule backs nothing up: not a plan mended.
                let rules = match (&checked.root, checked.form) {
                    (Some(root), Some(form)) => crate::plan::rule_summaries(root, form).len(),
                    _ => 0,
                };
                Checked {
                    met: errors.is_empty() && rules > 0,
                    saw: match errors.first() {
                        None if rules == 0 => {
                            "the plan has no rule left to back anything up".to_string()
                        }
                        None => "AWS would accept the plan".to_string(),
                        Some(first) => format!(
                            "{} error{} AWS would reject, the first: {}",
                            errors.len(),
                            plural(errors.len() as u64),
                            first.message
                        ),
                    },
                }
            }
            Check::All(checks) => {
                let results: Vec<Checked> = checks
                    .iter()
                    .map(|c| c.check(simulation, learner))
                    .collect();
                Checked {
                    met: results.iter().all(|r| r.met),
                    saw: results
                        .iter()
                        .map(|r| r.saw.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                }
            }
        }
    }

    /// Adds a diagnostic for each command or pattern in the check that cannot be read.
    pub(super) fn validate(
        &self,
        pointer: &str,
        at: &dyn Fn(&str) -> Range<usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        match self {
            Check::Ask { command, .. } => {
                validate_command(command, &format!("{pointer}/Ask"), at, out)
            }
            Check::Events { pattern, .. } => {
                validate_pattern(pattern, &format!("{pointer}/Events"), at, out)
            }
            Check::PatternSelects { pattern } => {
                validate_pattern(pattern, &format!("{pointer}/PatternSelects"), at, out)
            }
            Check::Audit { decision, .. } => {
                let wrong = decision
                    .as_ref()
                    .filter(|d| *d != "Allowed" && *d != "Denied");
                if let Some(decision) = wrong {
                    problem(
                        (pointer, "Decision"),
                        format!("Decision {decision:?} is neither Allowed nor Denied"),
                        "write \"Allowed\" or \"Denied\"",
                        at,
                        out,
                    );
                }
            }
            Check::Delivered {
                endpoint, at_least, ..
            } => {
                if endpoint.trim().is_empty() {
                    problem(
                        (pointer, "Delivered"),
                        "Delivered names no endpoint".to_string(),
                        "write the subscriber's endpoint: an email address, a queue's ARN",
                        at,
                        out,
                    );
                } else if *at_least == Some(0) {
                    problem(
                        (pointer, "AtLeast"),
                        "AtLeast 0 is met before anything is delivered".to_string(),
                        "leave AtLeast out (1) or write how many",
                        at,
                        out,
                    );
                }
            }
            Check::Rpo { under, .. } => {
                if crate::console::run::sleep_duration(std::slice::from_ref(under)).is_err() {
                    problem(
                        (pointer, "Under"),
                        format!("Under {under:?} is not a duration"),
                        "write it as sleep reads one: 1h, 30m, 90s",
                        at,
                        out,
                    );
                }
            }
            Check::Ran { .. } | Check::PlanAccepted => {}
            Check::All(checks) => {
                for (i, check) in checks.iter().enumerate() {
                    check.validate(&format!("{pointer}/All/{i}"), at, out);
                }
            }
        }
    }
}

/// A check's member that is wrong: the diagnostic at `pointer/member`.
fn problem(
    (pointer, member): (&str, &str),
    message: String,
    help: &str,
    at: &dyn Fn(&str) -> Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let p = format!("{pointer}/{member}");
    out.push(
        Diagnostic::error(codes::LESSON_CHECK, at(&p), message)
            .with_help(help)
            .at(p),
    );
}

/// A diagnostic unless `command` is an `aws` command the console reads.
pub(super) fn validate_command(
    command: &str,
    pointer: &str,
    at: &dyn Fn(&str) -> Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let problem = match crate::console::words::split(command) {
        Err(why) => Some(why),
        Ok(words) if words.first().map(String::as_str) != Some("aws") => {
            Some("it is not an `aws` command".to_string())
        }
        Ok(words) => crate::console::command::read(&words[1..])
            .err()
            .map(|refusal| {
                refusal
                    .render()
                    .trim()
                    .lines()
                    .last()
                    .unwrap_or("")
                    .to_string()
            }),
    };
    if let Some(problem) = problem {
        out.push(
            Diagnostic::error(
                codes::LESSON_CHECK,
                at(pointer),
                format!("the console cannot read this command: {problem}"),
            )
            .with_help("write a read-only `aws backup …` command as the AWS CLI takes it, with --query for the value")
            .at(pointer),
        );
    }
}

/// A diagnostic unless `pattern` is a valid EventBridge pattern.
pub(super) fn validate_pattern(
    pattern: &Value,
    pointer: &str,
    at: &dyn Fn(&str) -> Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    if let Err(found) = EventPattern::parse(&pattern.to_string()) {
        let why = found.first().map_or(String::new(), |d| d.message.clone());
        out.push(
            Diagnostic::error(
                codes::LESSON_CHECK,
                at(pointer),
                format!("this is not a valid EventBridge event pattern: {why}"),
            )
            .with_help("write the pattern as EventBridge takes it: every value in an array")
            .at(pointer),
        );
    }
}

/// The sequences of the run's events that `pattern` matches, ascending (events are recorded in
/// sequence order): a sorted Vec, not a BTreeSet, which would cost the wasm a sort and a tree.
fn matching(simulation: &Simulation, pattern: &EventPattern) -> Vec<u64> {
    simulation
        .events()
        .iter()
        .filter(|e| {
            simulation
                .try_event_json(e)
                .is_some_and(|json| pattern.matches(&json))
        })
        .map(|e| e.sequence)
        .collect()
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// An answer as the learner reads it: a string without its quotes, anything else as JSON, cut
/// short.
fn short(answer: &Value) -> String {
    let text = match answer {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match text.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

impl Expect {
    fn holds(&self, answer: &Value) -> bool {
        match self {
            Expect::Equals(expected) => answer == expected,
            Expect::AtLeast(n) => answer.as_f64().is_some_and(|a| a >= *n),
            Expect::AtMost(n) => answer.as_f64().is_some_and(|a| a <= *n),
            Expect::Contains(text) => match answer {
                Value::String(s) => s.contains(text.as_str()),
                other => other.to_string().contains(text.as_str()),
            },
        }
    }
}

/// The members that name a check's kind.
const KINDS: [&str; 9] = [
    "Ask",
    "Events",
    "Audit",
    "Delivered",
    "Rpo",
    "PatternSelects",
    "Ran",
    "PlanAccepted",
    "All",
];

impl FromNode for Check {
    fn from_node(node: &Node) -> Result<Check, DecodeError> {
        let kind = node
            .members()
            .iter()
            .find(|m| KINDS.contains(&m.key.as_str()))
            .map(|m| m.key.as_str());
        let fields = |known: &[&str]| Fields::strict(node, "struct Check", known, None);
        match kind {
            Some("Ask") => {
                let f = fields(&["Ask", "Equals", "AtLeast", "AtMost", "Contains"])?;
                let expect = if let Some(v) = f.optional::<Value>("Equals")? {
                    Expect::Equals(v)
                } else if let Some(n) = f.optional("AtLeast")? {
                    Expect::AtLeast(n)
                } else if let Some(n) = f.optional("AtMost")? {
                    Expect::AtMost(n)
                } else if let Some(t) = f.optional("Contains")? {
                    Expect::Contains(t)
                } else {
                    return Err(DecodeError {
                        message: "missing field `Equals`".to_string(),
                        span: node.span.clone(),
                    });
                };
                Ok(Check::Ask {
                    command: f.required("Ask")?,
                    expect,
                })
            }
            Some("Events") => {
                let f = fields(&["Events", "AtLeast", "AtMost"])?;
                Ok(Check::Events {
                    pattern: f.required("Events")?,
                    at_least: f.optional("AtLeast")?,
                    at_most: f.optional("AtMost")?,
                })
            }
            Some("Audit") => {
                let f = fields(&["Audit", "Decision", "ErrorCode", "Principal"])?;
                Ok(Check::Audit {
                    operation: f.required("Audit")?,
                    decision: f.optional("Decision")?,
                    error_code: f.optional("ErrorCode")?,
                    principal: f.optional("Principal")?,
                })
            }
            Some("Delivered") => {
                let f = fields(&["Delivered", "Contains", "AtLeast"])?;
                Ok(Check::Delivered {
                    endpoint: f.required("Delivered")?,
                    contains: f.optional("Contains")?,
                    at_least: f.optional("AtLeast")?,
                })
            }
            Some("Rpo") => {
                let f = fields(&["Rpo", "Under"])?;
                Ok(Check::Rpo {
                    resource: f.required("Rpo")?,
                    under: f.required("Under")?,
                })
            }
            Some("Ran") => {
                let f = fields(&["Ran", "Profile", "Region", "With"])?;
                Ok(Check::Ran {
                    operation: f.required("Ran")?,
                    profile: f.optional("Profile")?,
                    region: f.optional("Region")?,
                    with: f.optional("With")?,
                })
            }
            Some("PlanAccepted") => {
                let f = fields(&["PlanAccepted"])?;
                if f.required::<bool>("PlanAccepted")? {
                    Ok(Check::PlanAccepted)
                } else {
                    Err(DecodeError {
                        message: "PlanAccepted is true, or the check is left out".to_string(),
                        span: node.span.clone(),
                    })
                }
            }
            Some("PatternSelects") => {
                let f = fields(&["PatternSelects"])?;
                Ok(Check::PatternSelects {
                    pattern: f.required("PatternSelects")?,
                })
            }
            Some(_) => {
                let f = fields(&["All"])?;
                Ok(Check::All(f.required("All")?))
            }
            // No kind: an unknown member is named as such; an empty check is told what to be.
            None => {
                fields(&KINDS)?;
                Err(DecodeError {
                    message: format!("a check is one of {}", KINDS.join(", ")),
                    span: node.span.clone(),
                })
            }
        }
    }
}
