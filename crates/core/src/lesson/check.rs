//! A lesson's goal as a check over the simulation and what the learner wrote, and what it saw:
//! the page shows whether the goal is met and, when it is not, what stands in the way.

use std::ops::Range;

use serde_json::Value;

use crate::audit_manager::{Compliance, Framework};
use crate::codes;
use crate::console::run::ask;
use crate::cost::{Charge, Prices};
use crate::diagnostic::Diagnostic;
use crate::document::{DecodeError, Fields, FromNode, Node};
use crate::engine::{Decision, DeliveryKind, Simulation};
use crate::events::EventPattern;
use crate::world::StorageClass;

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
    /// `{"Cost": "EarlyDeletion", "AtLeast": n, "AtMost": m}`: what the run has cost so far
    /// (its [`CostReport`](crate::cost::CostReport) with the learner's price list), summed over
    /// the lines of that kind, is at least n and at most m (in the list's currency).
    Cost {
        charge: CostKind,
        at_least: Option<f64>,
        at_most: Option<f64>,
    },
    /// `{"Control": "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", "Parameters": {…},
    /// "Compliant": true | false, "Resource": "arn:…"}`: Backup Audit Manager's control (with
    /// the parameters given, the others at their defaults), evaluated now, finds the resource
    /// (or, without one, everything it evaluates) COMPLIANT, or finds it NON_COMPLIANT.
    Control {
        control: String,
        parameters: Vec<(String, String)>,
        compliant: bool,
        resource: Option<String>,
    },
    /// `{"All": [CHECK, …]}`: every one.
    All(Vec<Check>),
}

/// Which lines of a cost report a `Cost` check sums.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CostKind {
    Total,
    Storage,
    WarmStorage,
    ColdStorage,
    EarlyDeletion,
    Transfer,
    Restore,
}

impl CostKind {
    /// The names a lesson writes.
    pub const NAMES: [(&'static str, CostKind); 7] = [
        ("Total", CostKind::Total),
        ("Storage", CostKind::Storage),
        ("WarmStorage", CostKind::WarmStorage),
        ("ColdStorage", CostKind::ColdStorage),
        ("EarlyDeletion", CostKind::EarlyDeletion),
        ("Transfer", CostKind::Transfer),
        ("Restore", CostKind::Restore),
    ];

    fn from_name(name: &str) -> Option<CostKind> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, kind)| *kind)
    }

    /// Whether a report's line of `charge` counts.
    fn counts(self, charge: Charge) -> bool {
        match self {
            CostKind::Total => true,
            CostKind::Storage => matches!(charge, Charge::Storage(_)),
            CostKind::WarmStorage => {
                matches!(charge, Charge::Storage(c) if c != StorageClass::Cold)
            }
            CostKind::ColdStorage => charge == Charge::Storage(StorageClass::Cold),
            CostKind::EarlyDeletion => charge == Charge::EarlyDeletion,
            CostKind::Transfer => charge == Charge::Transfer,
            CostKind::Restore => matches!(charge, Charge::Restore(_)),
        }
    }

    /// What the learner reads: "early-deletion charges".
    fn words(self) -> &'static str {
        match self {
            CostKind::Total => "charges",
            CostKind::Storage => "storage charges",
            CostKind::WarmStorage => "warm storage charges",
            CostKind::ColdStorage => "cold storage charges",
            CostKind::EarlyDeletion => "early-deletion charges",
            CostKind::Transfer => "cross-Region transfer charges",
            CostKind::Restore => "restore charges",
        }
    }
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
    /// The price list a `Cost` check prices the run with (the page's, with the learner's
    /// edits); `None` while it is not loaded.
    pub prices: Option<&'a Prices>,
}

/// Whether a check is met, and what it saw (for the learner: what the answer was, how many
/// events matched).
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub met: bool,
    pub saw: String,
}

impl Check {
    /// Whether the check prices the run (a `Cost` check in it): the page then fetches the price
    /// list for it.
    pub fn wants_prices(&self) -> bool {
        match self {
            Check::Cost { .. } => true,
            Check::All(checks) => checks.iter().any(Check::wants_prices),
            _ => false,
        }
    }

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
            Check::Cost {
                charge,
                at_least,
                at_most,
            } => {
                let Some(prices) = learner.prices else {
                    return Checked {
                        met: false,
                        saw: "the price list is not loaded yet".to_string(),
                    };
                };
                let report = simulation.cost(prices);
                let lines = (report.months.iter())
                    .flat_map(|m| &m.lines)
                    .filter(|l| charge.counts(l.charge));
                let (mut sum, mut unpriced) = (0.0, 0);
                for line in lines {
                    match line.cost() {
                        Some(cost) => sum += cost,
                        None => unpriced += 1,
                    }
                }
                let met = at_least.is_none_or(|least| sum >= least)
                    && at_most.is_none_or(|most| sum <= most);
                let mut saw = format!(
                    "{} so far: {} {}",
                    charge.words(),
                    amount(sum),
                    report.currency
                );
                if unpriced > 0 {
                    saw.push_str(&format!(
                        " ({unpriced} line{} without a price in the list)",
                        plural(unpriced)
                    ));
                }
                Checked { met, saw }
            }
            Check::Control {
                control,
                parameters,
                compliant,
                resource,
            } => {
                let framework = match Framework::from_json(&framework_json(control, parameters)) {
                    Ok(framework) => framework,
                    Err(errors) => {
                        return Checked {
                            met: false,
                            saw: format!(
                                "the control cannot be evaluated: {}",
                                errors.first().map_or(String::new(), ToString::to_string)
                            ),
                        };
                    }
                };
                let evaluation = framework.evaluate(simulation);
                let Some(result) = evaluation.controls.first() else {
                    return Checked {
                        met: false,
                        saw: "no control to evaluate".to_string(),
                    };
                };
                if let Some(why) = &result.not_evaluated {
                    return Checked {
                        met: false,
                        saw: format!("{control} is not evaluated: {why}"),
                    };
                }
                let subject = match resource {
                    None => None,
                    Some(arn) => match crate::audit_manager::subject_of(simulation.world(), arn) {
                        Some(subject) => Some(subject),
                        None => {
                            return Checked {
                                met: false,
                                saw: format!("no resource {arn} in the scenario"),
                            };
                        }
                    },
                };
                let findings: Vec<_> = (result.findings.iter())
                    .filter(|f| {
                        subject.as_deref().is_none_or(|s| {
                            f.subject == s || f.subject.starts_with(&format!("{s}'s point "))
                        })
                    })
                    .collect();
                let failing: Vec<_> = (findings.iter())
                    .filter(|f| f.compliance == Compliance::NonCompliant)
                    .collect();
                let met = if *compliant {
                    !findings.is_empty() && failing.is_empty()
                } else {
                    !failing.is_empty()
                };
                let saw = match (findings.as_slice(), failing.first()) {
                    ([], _) => match &subject {
                        Some(s) => format!("{control} evaluates nothing of {s}"),
                        None => format!("{control} evaluates nothing in the scenario"),
                    },
                    ([one], _) => format!(
                        "{control}: {} {} ({})",
                        one.subject,
                        one.compliance.as_str(),
                        one.reason
                    ),
                    (all, None) => format!("{control}: all {} COMPLIANT", all.len()),
                    (all, Some(first)) => format!(
                        "{control}: {} of {} NON_COMPLIANT, the first {} ({})",
                        failing.len(),
                        all.len(),
                        first.subject,
                        first.reason
                    ),
                };
                Checked { met, saw }
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
            Check::Cost {
                at_least, at_most, ..
            } => {
                if at_least.is_none() && at_most.is_none() {
                    problem(
                        (pointer, "Cost"),
                        "a Cost check has no bound".to_string(),
                        "write \"AtLeast\": AMOUNT or \"AtMost\": AMOUNT (in the price list's currency)",
                        at,
                        out,
                    );
                } else if at_most.is_none() && at_least.is_some_and(|least| least <= 0.0) {
                    problem(
                        (pointer, "AtLeast"),
                        "AtLeast 0 is met before anything is charged".to_string(),
                        "write the least amount the learner's work must have cost, above 0",
                        at,
                        out,
                    );
                } else if let (Some(least), Some(most)) = (at_least, at_most)
                    && least > most
                {
                    problem(
                        (pointer, "AtMost"),
                        format!("AtMost {most} is under AtLeast {least}: never met"),
                        "write AtLeast no greater than AtMost",
                        at,
                        out,
                    );
                }
            }
            Check::Control {
                control,
                parameters,
                ..
            } => {
                if let Err(errors) = Framework::from_json(&framework_json(control, parameters)) {
                    let first = &errors[0];
                    let member = if first.at.contains("ControlName") {
                        "Control"
                    } else {
                        "Parameters"
                    };
                    problem(
                        (pointer, member),
                        first.message.clone(),
                        "write a control's ControlName and its parameters as CreateFramework takes them",
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

/// A cost as the learner reads it: cents, or finer when it is under a cent.
fn amount(sum: f64) -> String {
    if sum > 0.0 && sum < 0.01 {
        format!("{sum:.4}")
    } else {
        format!("{:.2}", sum + 0.0)
    }
}

/// The one-control framework a `Control` check evaluates, as CreateFramework takes it.
fn framework_json(control: &str, parameters: &[(String, String)]) -> String {
    let parameters: Vec<Value> = (parameters.iter())
        .map(|(name, value)| serde_json::json!({"ParameterName": name, "ParameterValue": value}))
        .collect();
    let mut input = serde_json::json!({"ControlName": control});
    if !parameters.is_empty() {
        input["ControlInputParameters"] = Value::Array(parameters);
    }
    serde_json::json!({"FrameworkName": "lesson", "FrameworkControls": [input]}).to_string()
}

/// The members that name a check's kind.
const KINDS: [&str; 11] = [
    "Ask",
    "Events",
    "Audit",
    "Delivered",
    "Rpo",
    "PatternSelects",
    "Ran",
    "PlanAccepted",
    "Cost",
    "Control",
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
            Some("Cost") => {
                let f = fields(&["Cost", "AtLeast", "AtMost"])?;
                let name: String = f.required("Cost")?;
                let Some(charge) = CostKind::from_name(&name) else {
                    let names: Vec<&str> = CostKind::NAMES.iter().map(|(n, _)| *n).collect();
                    return Err(DecodeError {
                        message: format!("Cost {name:?} is not one of {}", names.join(", ")),
                        span: node
                            .get("Cost")
                            .map_or(node.span.clone(), |n| n.span.clone()),
                    });
                };
                Ok(Check::Cost {
                    charge,
                    at_least: f.optional("AtLeast")?,
                    at_most: f.optional("AtMost")?,
                })
            }
            Some("Control") => {
                let f = fields(&["Control", "Parameters", "Compliant", "Resource"])?;
                let parameters = match f.optional::<Value>("Parameters")? {
                    None => Vec::new(),
                    Some(Value::Object(members)) => (members.into_iter())
                        .map(|(name, value)| match value {
                            Value::String(s) => (name, s),
                            other => (name, other.to_string()),
                        })
                        .collect(),
                    Some(_) => {
                        return Err(DecodeError {
                            message: "Parameters is an object: {\"NAME\": \"VALUE\", …}"
                                .to_string(),
                            span: node
                                .get("Parameters")
                                .map_or(node.span.clone(), |n| n.span.clone()),
                        });
                    }
                };
                Ok(Check::Control {
                    control: f.required("Control")?,
                    parameters,
                    compliant: f.required("Compliant")?,
                    resource: f.optional("Resource")?,
                })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::run::run;
    use crate::cost::BUILTIN_PRICES;
    use crate::scenario::Scenario;

    const EFS: &str =
        "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0f1e2d3c4b5a69788";
    const TABLE: &str = "arn:aws:dynamodb:us-east-1:111122223333:table/orders";

    /// One EFS file system backed up at 05:00 into archive-vault, cold after 30 days and deleted
    /// after 120; one DynamoDB table no plan selects.
    fn simulation() -> Simulation {
        let text = serde_json::json!({
            "StartTime": "2024-01-01T00:00:00Z",
            "Seed": 7,
            "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}],
            "Resources": [
                {"Arn": EFS, "Name": "records", "Tags": {"Backup": "archive"}, "SizeGb": 20},
                {"Arn": TABLE, "Name": "orders", "SizeGb": 5}
            ],
            "Vaults": [{"Name": "archive-vault", "Account": "111122223333", "Region": "us-east-1"}],
            "Plans": [{"Account": "111122223333", "Region": "us-east-1", "Document": {
                "BackupPlanName": "archive-plan",
                "Rules": [{"RuleName": "Nightly", "TargetBackupVaultName": "archive-vault",
                    "ScheduleExpression": "cron(0 5 * * ? *)",
                    "Lifecycle": {"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 120}}],
                "Selections": [{"SelectionName": "tagged",
                    "IamRoleArn": "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole",
                    "ListOfTags": [{"ConditionType": "STRINGEQUALS", "ConditionKey": "Backup", "ConditionValue": "archive"}]}]
            }}]
        })
        .to_string();
        let scenario = Scenario::from_json(&text).unwrap();
        let mut simulation = Simulation::new(&scenario).unwrap();
        simulation.run_until(crate::scenario::parse_time("2024-01-01T12:00:00Z").unwrap());
        simulation
    }

    fn check(text: &str, simulation: &Simulation, prices: Option<&Prices>) -> Checked {
        let root = crate::document::parse_json(text).strict().unwrap();
        let check: Check = crate::document::from_node(&root).unwrap();
        check.check(
            simulation,
            &Learner {
                prices,
                ..Learner::default()
            },
        )
    }

    fn sleep(simulation: &mut Simulation, how_long: &str) {
        assert_eq!(run(simulation, &format!("sleep {how_long}")).status, 0);
    }

    #[test]
    fn a_cost_goal_sums_the_lines_of_its_kind_so_far() {
        let prices = Prices::from_json(BUILTIN_PRICES).unwrap();
        let mut simulation = simulation();
        let early = r#"{"Cost": "EarlyDeletion", "AtLeast": 0.01}"#;
        let none_early = r#"{"Cost": "EarlyDeletion", "AtMost": 0}"#;
        let before = check(early, &simulation, Some(&prices));
        assert!(!before.met);
        assert_eq!(before.saw, "early-deletion charges so far: 0.00 USD");
        assert!(check(none_early, &simulation, Some(&prices)).met);

        // 40 days on, the first point has been cold 10 days: deleted now, the 80 days left of
        // its 90 are charged.
        sleep(&mut simulation, "40d");
        assert!(
            check(
                r#"{"Cost": "ColdStorage", "AtLeast": 0.0001}"#,
                &simulation,
                Some(&prices)
            )
            .met
        );
        assert!(!check(early, &simulation, Some(&prices)).met);
        let first = ask(
            &simulation,
            "aws backup list-recovery-points-by-backup-vault --backup-vault-name archive-vault --query 'sort_by(RecoveryPoints, &CreationDate)[0].RecoveryPointArn'",
        )
        .unwrap();
        let deleted = run(
            &mut simulation,
            &format!(
                "aws backup delete-recovery-point --backup-vault-name archive-vault --recovery-point-arn {}",
                first.as_str().unwrap()
            ),
        );
        assert_eq!(deleted.status, 0, "{}", deleted.stderr);
        let after = check(early, &simulation, Some(&prices));
        assert!(after.met, "{}", after.saw);
        assert!(after.saw.starts_with("early-deletion charges so far: "));
        assert!(!check(none_early, &simulation, Some(&prices)).met);
        // The total has it too; a bound it is over is not met.
        assert!(
            check(
                r#"{"Cost": "Total", "AtLeast": 0.01}"#,
                &simulation,
                Some(&prices)
            )
            .met
        );
        assert!(
            !check(
                r#"{"Cost": "Total", "AtMost": 0.01}"#,
                &simulation,
                Some(&prices)
            )
            .met
        );
    }

    #[test]
    fn only_a_goal_with_a_cost_in_it_wants_the_price_list() {
        let read = |text: &str| -> Check {
            crate::document::from_node(&crate::document::parse_json(text).strict().unwrap())
                .unwrap()
        };
        assert!(
            read(r#"{"All": [{"Ran": "list-backup-jobs"}, {"Cost": "Total", "AtMost": 1}]}"#)
                .wants_prices()
        );
        assert!(!read(r#"{"All": [{"Ran": "list-backup-jobs"}]}"#).wants_prices());
    }

    #[test]
    fn a_cost_goal_without_a_price_list_is_not_met() {
        let checked = check(r#"{"Cost": "Total", "AtMost": 100}"#, &simulation(), None);
        assert!(!checked.met);
        assert_eq!(checked.saw, "the price list is not loaded yet");
    }

    #[test]
    fn a_control_goal_reads_backup_audit_managers_evaluation_now() {
        let mut simulation = simulation();
        let protected = |arn: &str, compliant: bool| {
            format!(
                r#"{{"Control": "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", "Compliant": {compliant}, "Resource": "{arn}"}}"#
            )
        };
        let table = check(&protected(TABLE, true), &simulation, None);
        assert!(!table.met);
        assert_eq!(
            table.saw,
            "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN: orders NON_COMPLIANT (not in any backup plan's selection)"
        );
        assert!(check(&protected(TABLE, false), &simulation, None).met);
        assert!(check(&protected(EFS, true), &simulation, None).met);
        let everything =
            r#"{"Control": "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", "Compliant": true}"#;
        let all = check(everything, &simulation, None);
        assert!(!all.met);
        assert!(all.saw.contains("1 of 2 NON_COMPLIANT"), "{}", all.saw);
        let nobody = check(&protected("arn:aws:s3:::nothing", true), &simulation, None);
        assert!(!nobody.met);

        // A plan of the learner's selects the table: compliant now.
        let plan = r#"aws backup create-backup-plan --backup-plan '{"BackupPlanName": "orders-plan", "Rules": [{"RuleName": "Daily", "TargetBackupVaultName": "archive-vault", "ScheduleExpression": "cron(0 5 * * ? *)", "Lifecycle": {"DeleteAfterDays": 35}}]}' --query BackupPlanId --output text"#;
        let made = run(&mut simulation, plan);
        assert_eq!(made.status, 0, "{}", made.stderr);
        let id = made.stdout.trim().to_string();
        let selection = format!(
            r#"aws backup create-backup-selection --backup-plan-id {id} --backup-selection '{{"SelectionName": "orders", "IamRoleArn": "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole", "Resources": ["{TABLE}"]}}'"#
        );
        let selected = run(&mut simulation, &selection);
        assert_eq!(selected.status, 0, "{}", selected.stderr);
        let table = check(&protected(TABLE, true), &simulation, None);
        assert!(table.met, "{}", table.saw);
        assert!(!check(&protected(TABLE, false), &simulation, None).met);
        assert!(check(everything, &simulation, None).met);
    }

    #[test]
    fn a_control_goal_takes_the_controls_parameters() {
        let simulation = simulation();
        let retention = |days: &str| {
            format!(
                r#"{{"Control": "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", "Parameters": {{"requiredRetentionDays": {days}}}, "Compliant": true}}"#
            )
        };
        // archive-plan keeps its points 120 days.
        assert!(check(&retention("\"120\""), &simulation, None).met);
        let longer = check(&retention("365"), &simulation, None);
        assert!(!longer.met);
        assert!(
            longer.saw.contains("plan archive-plan NON_COMPLIANT"),
            "{}",
            longer.saw
        );
    }

    #[test]
    fn a_cost_or_control_goal_written_wrong_is_placed_in_the_lesson() {
        for (check, pointer) in [
            (r#"{"Cost": "Total"}"#, "/Steps/0/Goal/Check/Cost"),
            (
                r#"{"Cost": "EarlyDeletion", "AtLeast": 0}"#,
                "/Steps/0/Goal/Check/AtLeast",
            ),
            (
                r#"{"Cost": "Total", "AtLeast": 2, "AtMost": 1}"#,
                "/Steps/0/Goal/Check/AtMost",
            ),
            (
                r#"{"Control": "BACKUP_EVERYTHING", "Compliant": true}"#,
                "/Steps/0/Goal/Check/Control",
            ),
            (
                r#"{"Control": "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", "Parameters": {"requiredRetentionDays": "a week"}, "Compliant": true}"#,
                "/Steps/0/Goal/Check/Parameters",
            ),
        ] {
            let text = format!(
                r#"{{"Lesson": "x", "Title": "X", "Scenario": "three-tier-web-app",
                  "Steps": [{{"Title": "T", "Goal": {{"Describe": "d", "Check": {check}}}}}]}}"#
            );
            let found = crate::lesson::Lesson::from_json(&text).unwrap_err();
            assert_eq!(found[0].code, "lesson-check", "{found:#?}");
            assert_eq!(found[0].pointer.as_deref(), Some(pointer), "{found:#?}");
        }
        let text = r#"{"Lesson": "x", "Title": "X", "Scenario": "three-tier-web-app",
          "Steps": [{"Title": "T", "Goal": {"Describe": "d", "Check": {"Cost": "Storage warm", "AtMost": 1}}}]}"#;
        let found = crate::lesson::Lesson::from_json(text).unwrap_err();
        assert!(
            found[0].message.contains("is not one of Total"),
            "{found:#?}"
        );
    }
}
