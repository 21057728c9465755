//! `aws help`, `aws SERVICE help` and `aws SERVICE OPERATION help`: what the console knows, from
//! the API model it reads commands with. The AWS CLI opens its manual pages here; the console
//! answers in vaultsim's words instead, with the model's names and its first sentences of
//! documentation, so that a learner can find a command and its parameters where they type.

use crate::api::operations::{model_shape, operations};
use crate::api::shapes::Shape;

use super::command::{SERVICES, outside_globals};
use super::names::{cli_name, parameter_name};

/// The help the words after `aws` ask for, if they are `… help` (global options aside): `None`
/// when the line is another command.
pub(super) fn asked(words: &[String]) -> Option<String> {
    let positional: Vec<&str> = outside_globals(words).map(|(_, word)| word).collect();
    if positional.iter().any(|w| w.starts_with("--")) {
        return None;
    }
    help(&positional)
}

/// The help a line asks for, if it is `… help` (the words after `aws`, global options left
/// out): `None` when the line is another command.
fn help(words: &[&str]) -> Option<String> {
    match words {
        ["help"] => Some(services()),
        [service, "help"] => Some(service_help(service)),
        [service, operation, "help"] => Some(operation_help(service, operation)),
        _ => None,
    }
}

fn services() -> String {
    let mut out = String::from(
        "vaultsim's console answers these AWS CLI services (the AWS CLI's own help is its \
         manual pages):\n\n",
    );
    for service in SERVICES {
        let count = operations()
            .iter()
            .filter(|o| o.service == *service)
            .count();
        let noun = if count == 1 {
            "operation"
        } else {
            "operations"
        };
        out.push_str(&format!("  aws {service:<8} {count} {noun}\n"));
    }
    out.push_str("\naws SERVICE help lists a service's operations.\n");
    out
}

fn service_help(service: &str) -> String {
    if !SERVICES.contains(&service) {
        return format!(
            "vaultsim's console does not simulate aws {service}; `aws help` lists what it does.\n"
        );
    }
    let mut out = format!("aws {service}: the operations the console reads\n\n");
    for operation in operations().iter().filter(|o| o.service == service) {
        out.push_str(&format!("  {}\n", cli_name(&operation.name)));
    }
    out.push_str(&format!(
        "\naws {service} OPERATION help shows an operation's parameters. An operation vaultsim \
         does not simulate says so when it is run.\n"
    ));
    out
}

fn operation_help(service: &str, command: &str) -> String {
    let Some(operation) =
        (operations().iter()).find(|o| o.service == service && cli_name(&o.name) == command)
    else {
        return format!(
            "aws {service} {command} is not an operation the console reads; `aws {service} \
             help` lists those it does.\n"
        );
    };
    let mut out = format!("aws {service} {command} ({})\n", operation.name);
    if let Some(doc) = &operation.doc {
        out.push_str(&format!("\n  {doc}\n"));
    }
    let (required, members) = match operation.input.as_deref().and_then(model_shape) {
        Some(Shape::Structure { required, members }) => (required.as_slice(), members.as_slice()),
        _ => (&[][..], &[][..]),
    };
    if !members.is_empty() {
        out.push_str("\nParameters:\n");
    }
    for (name, member) in members {
        let flag = parameter_name(service, &operation.name, name);
        let need = if required.contains(name) {
            " (required)"
        } else {
            ""
        };
        out.push_str(&format!("  --{flag}{need}\n"));
        if !member.doc.is_empty() {
            out.push_str(&format!("      {}\n", member.doc));
        }
    }
    out
}

#[cfg(all(test, feature = "embedded-data"))]
mod tests {
    use super::*;

    #[test]
    fn a_service_lists_its_operations_and_an_operation_its_parameters() {
        let listed = help(&["sns", "help"]).unwrap();
        assert!(listed.contains("  create-topic\n"), "{listed}");
        let subscribe = help(&["sns", "subscribe", "help"]).unwrap();
        assert!(subscribe.contains("--topic-arn (required)"), "{subscribe}");
        assert!(
            subscribe.contains("--notification-endpoint\n"),
            "{subscribe}"
        );
        assert!(help(&["help"]).unwrap().contains("aws backup"));
        assert!(
            help(&["s3", "help"])
                .unwrap()
                .contains("does not simulate aws s3")
        );
        assert_eq!(help(&["sns", "list-topics"]), None);
    }
}
