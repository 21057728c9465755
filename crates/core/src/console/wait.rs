//! The AWS CLI's waiters that fit the guide's runbook (`aws rds wait db-instance-available`):
//! the operation polled at once and then every `delay` seconds of simulated time, its acceptors
//! tested in order (the first that matches ends the wait), giving up after the `max_attempts`-th
//! call. Transcribed from botocore's waiter models as
//! data/reference/console-models-extract.json keeps them (`services.rds.waiters`), with the
//! messages of its `waiter_behaviour`: nothing printed on success; otherwise
//! `Waiter NAME failed: REASON` on standard error and exit status 255.

use chrono::Duration;
use serde_json::{Value, json};

use super::query::Query;
use crate::engine::{Answer, Caller, Simulation};

/// How an acceptor looks at a response.
#[derive(Clone, Copy, Debug)]
enum Matcher {
    /// The expression's result equals the expected value.
    Path(&'static str),
    /// The result is a non-empty list whose every element equals it.
    PathAll(&'static str),
    /// The result is a non-empty list with at least one element equal to it.
    PathAny(&'static str),
    /// The call failed with this error code.
    Error,
}

#[derive(Clone, Copy, Debug)]
struct Acceptor {
    matcher: Matcher,
    expected: &'static str,
    success: bool,
}

pub struct Waiter {
    /// As the CLI names it: `aws rds wait db-instance-available`.
    pub service: &'static str,
    pub cli: &'static str,
    /// As botocore names it, in its messages.
    name: &'static str,
    /// The CLI name of the operation polled; the waiter takes its parameters.
    pub operation: &'static str,
    delay_seconds: i64,
    max_attempts: u32,
    acceptors: &'static [Acceptor],
}

const fn on(matcher: Matcher, expected: &'static str, success: bool) -> Acceptor {
    Acceptor {
        matcher,
        expected,
        success,
    }
}

const STATUS: &str = "DBInstances[].DBInstanceStatus";

pub const WAITERS: &[Waiter] = &[
    Waiter {
        service: "rds",
        cli: "db-instance-available",
        name: "DBInstanceAvailable",
        operation: "describe-db-instances",
        delay_seconds: 30,
        max_attempts: 60,
        acceptors: &[
            on(Matcher::PathAll(STATUS), "available", true),
            on(Matcher::PathAny(STATUS), "deleted", false),
            on(Matcher::PathAny(STATUS), "deleting", false),
            on(Matcher::PathAny(STATUS), "failed", false),
            on(Matcher::PathAny(STATUS), "incompatible-restore", false),
            on(Matcher::PathAny(STATUS), "incompatible-parameters", false),
        ],
    },
    Waiter {
        service: "rds",
        cli: "db-instance-deleted",
        name: "DBInstanceDeleted",
        operation: "describe-db-instances",
        delay_seconds: 30,
        max_attempts: 60,
        acceptors: &[
            on(Matcher::Path("length(DBInstances) == `0`"), "true", true),
            on(Matcher::Error, "DBInstanceNotFound", true),
            on(Matcher::PathAny(STATUS), "creating", false),
            on(Matcher::PathAny(STATUS), "modifying", false),
            on(Matcher::PathAny(STATUS), "rebooting", false),
            on(
                Matcher::PathAny(STATUS),
                "resetting-master-credentials",
                false,
            ),
        ],
    },
];

/// The waiter `aws SERVICE wait NAME` names.
pub fn find(service: &str, name: &str) -> Option<&'static Waiter> {
    WAITERS
        .iter()
        .find(|w| w.service == service && w.cli == name)
}

/// How a wait ended: `Ok` when a success acceptor matched; otherwise the reason botocore gives.
pub type Waited = Result<(), String>;

impl Waiter {
    /// Polls `operation` (the API's name of [`Waiter::operation`]) with `input` as `caller`,
    /// moving `simulation` on between calls as the CLI sleeps.
    pub fn wait(
        &self,
        simulation: &mut Simulation,
        caller: &Caller,
        operation: &str,
        input: &Value,
    ) -> Waited {
        for attempt in 1..=self.max_attempts {
            let answer = simulation.answer(caller, operation, input);
            if let Some(acceptor) = self.acceptors.iter().find(|a| a.matches(&answer)) {
                return if acceptor.success {
                    Ok(())
                } else {
                    Err(self.failed(&acceptor.reason()))
                };
            }
            match answer {
                Answer::Error(error) => {
                    return Err(self.failed(&format!(
                        "An error occurred ({}): {}",
                        error.code, error.message
                    )));
                }
                Answer::NotAnswered | Answer::Unsupported(_) => {
                    return Err(self.failed("the operation it polls is not simulated"));
                }
                Answer::Response(_) => {}
            }
            if attempt < self.max_attempts {
                let next = simulation.now() + Duration::seconds(self.delay_seconds);
                simulation.run_until(next);
            }
        }
        Err(self.failed("Max attempts exceeded"))
    }

    fn failed(&self, reason: &str) -> String {
        format!("Waiter {} failed: {reason}", self.name)
    }
}

impl Acceptor {
    fn matches(&self, answer: &Answer) -> bool {
        let response = match (answer, self.matcher) {
            (Answer::Error(error), Matcher::Error) => return error.code == self.expected,
            (
                Answer::Response(response),
                Matcher::Path(_) | Matcher::PathAll(_) | Matcher::PathAny(_),
            ) => response,
            _ => return false,
        };
        let expected = match self.expected {
            "true" => json!(true),
            "false" => json!(false),
            text => json!(text),
        };
        let search = |expression: &str| {
            Query::compile(expression)
                .map(|q| q.search(response))
                .unwrap_or(Value::Null)
        };
        match self.matcher {
            Matcher::Path(expression) => search(expression) == expected,
            Matcher::PathAll(expression) => match search(expression) {
                Value::Array(found) => !found.is_empty() && found.iter().all(|v| *v == expected),
                _ => false,
            },
            Matcher::PathAny(expression) => match search(expression) {
                Value::Array(found) => found.contains(&expected),
                _ => false,
            },
            Matcher::Error => false,
        }
    }

    /// botocore's words for a failure acceptor that matched (the two waiters' failure
    /// acceptors are all pathAny).
    fn reason(&self) -> String {
        let state = "Waiter encountered a terminal failure state";
        match self.matcher {
            Matcher::PathAny(expression) => format!(
                "{state}: For expression \"{expression}\" we matched expected path: \"{}\" at least once",
                self.expected
            ),
            _ => state.to_string(),
        }
    }
}
