//! Completion of a console line at its end, as the AWS CLI's own completer offers it
//! (`aws_completer`): after `aws`, the services; after a service, its operations; after an
//! operation, its parameters and the global options not given yet. What a value could be is
//! not offered: the CLI's completer offers no values either, except for a few enumerations.

use super::command::{GLOBALS, SERVICES};
use super::names::{cli_name, parameter_name};
use crate::api::operations::{model_shape, operations};
use crate::api::shapes::Shape;

/// What can end the line: the byte offset where the word being completed starts, and every
/// word that can replace it, in order. No words when nothing fits (or the line cannot be read).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completions {
    pub from: usize,
    pub words: Vec<String>,
}

impl Completions {
    /// The longest start every offered word shares: what a Tab can write without choosing.
    pub fn common_prefix(&self) -> &str {
        let Some(first) = self.words.first() else {
            return "";
        };
        let mut end = first.len();
        for word in &self.words[1..] {
            end = first
                .char_indices()
                .zip(word.chars())
                .find(|((_, a), b)| a != b)
                .map_or(end.min(word.len()), |((i, _), _)| i.min(end));
        }
        &first[..end]
    }
}

/// The words that can end `line`, which the caret ends.
pub fn complete(line: &str) -> Completions {
    // The word being written starts after the last blank; a line in an open quote is not
    // completed.
    let from = line.rfind(char::is_whitespace).map_or(0, |i| {
        i + line[i..].chars().next().map_or(1, char::len_utf8)
    });
    let partial = &line[from..];
    let Ok(before) = super::words::split(&line[..from]) else {
        return Completions::default();
    };
    let offered: Vec<String> = match before.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [] => ["aws", "sleep"].map(str::to_string).to_vec(),
        ["aws"] => SERVICES.iter().map(|s| s.to_string()).collect(),
        ["aws", service] => {
            let mut names: Vec<String> = (operations().iter())
                .filter(|o| o.service == service)
                .map(|o| cli_name(&o.name))
                .collect();
            if super::wait::WAITERS.iter().any(|w| w.service == service) {
                names.push("wait".to_string());
                names.sort();
            }
            names
        }
        ["aws", service, "wait"] => (super::wait::WAITERS.iter())
            .filter(|w| w.service == service)
            .map(|w| w.cli.to_string())
            .collect(),
        ["aws", service, operation, ref given @ ..] => {
            // A waiter takes the parameters of the operation it polls.
            let (operation, given) = match (operation, given) {
                ("wait", [name, given @ ..]) => match super::wait::find(service, name) {
                    Some(waiter) => (waiter.operation, given),
                    None => return Completions::default(),
                },
                _ => (operation, given),
            };
            let Some(operation) = operations()
                .iter()
                .find(|o| o.service == service && cli_name(&o.name) == operation)
            else {
                return Completions::default();
            };
            let members = match operation.input.as_deref().and_then(model_shape) {
                Some(Shape::Structure { members, .. }) => members
                    .iter()
                    .map(|(name, _)| {
                        format!(
                            "--{}",
                            parameter_name(operation.service, &operation.name, name)
                        )
                    })
                    .collect(),
                _ => Vec::new(),
            };
            members
                .into_iter()
                .chain(GLOBALS.iter().map(|(g, _)| g.to_string()))
                .filter(|p| !given.contains(&p.as_str()))
                .collect()
        }
        _ => Vec::new(),
    };
    Completions {
        from,
        words: offered
            .into_iter()
            .filter(|w| w.starts_with(partial))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operation_is_completed_from_its_start() {
        let c = complete("aws backup list-recovery-points-by-b");
        assert_eq!(c.from, 11);
        assert_eq!(c.words, ["list-recovery-points-by-backup-vault"]);
    }

    #[test]
    fn the_operations_parameters_come_before_the_global_options_and_given_ones_go() {
        let c = complete("aws backup describe-backup-vault --backup-vault-name v --");
        assert!(c.words.contains(&"--backup-vault-account-id".to_string()));
        assert!(!c.words.contains(&"--backup-vault-name".to_string()));
        assert!(c.words.contains(&"--query".to_string()));
        let first_global = c.words.iter().position(|w| w == "--output").unwrap();
        let last_member = c
            .words
            .iter()
            .position(|w| w == "--backup-vault-account-id");
        assert!(last_member.unwrap() < first_global);
    }

    #[test]
    fn several_operations_share_their_longest_common_start() {
        let c = complete("aws backup list-recovery-points-by-");
        assert!(c.words.len() >= 3, "{:?}", c.words);
        assert_eq!(c.common_prefix(), "list-recovery-points-by-");
        assert_eq!(complete("aws r").words, ["rds"]);
        assert_eq!(complete("").words, ["aws", "sleep"]);
    }

    #[test]
    fn nothing_is_offered_in_an_open_quote_or_after_an_unknown_operation() {
        assert_eq!(
            complete("aws backup nothing-like-it --b"),
            Completions::default()
        );
        assert_eq!(
            complete("aws backup describe-backup-vault --backup-vault-name 'a b --"),
            Completions::default()
        );
    }

    #[test]
    fn a_waiter_is_offered_after_wait_and_takes_its_operations_parameters() {
        assert_eq!(complete("aws rds wa").words, ["wait"]);
        assert_eq!(
            complete("aws rds wait ").words,
            ["db-instance-available", "db-instance-deleted"]
        );
        assert_eq!(
            complete("aws rds wait db-instance-available --db-instance-i").words,
            ["--db-instance-identifier"]
        );
    }
}
