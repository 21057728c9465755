//! The operations the console reads, by service: AWS Backup's (data/backup-api-operations.json,
//! written by data/extract_api_shapes.py from the same botocore model as the shapes) and RDS's
//! DescribeDBInstances, which the guide's runbook ends with (data/rds-api-operations.json, by
//! data/extract_console_services.py; its shapes are named `rds.…`). Each has its input and output
//! shapes (the files also have the errors the model lists and the first sentence of the
//! documentation, for the console's help), with the further shapes they reach. Only the console
//! reads these files, so a build that does not call it (the page, until it has a console) carries
//! none of them.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::shapes::{Shape, read_file, read_shapes, shapes};
use crate::document::Node;

/// One operation of the API model.
#[derive(Debug)]
pub(crate) struct Operation {
    /// The service, as the CLI names it: `backup`, `rds`.
    pub service: &'static str,
    /// The API's name: `ListRecoveryPointsByBackupVault`.
    pub name: String,
    /// The input structure's shape; none for an operation that takes nothing.
    pub input: Option<String>,
    /// The output structure's shape.
    pub output: Option<String>,
}

struct Model {
    /// In the file's order (alphabetical).
    operations: Vec<Operation>,
    /// The shapes the inputs reach beyond the plan checker's.
    shapes: HashMap<String, Shape>,
}

static MODEL: OnceLock<Model> = OnceLock::new();

fn model() -> &'static Model {
    MODEL.get_or_init(|| {
        let mut model = Model {
            operations: Vec::new(),
            shapes: HashMap::new(),
        };
        for (service, text) in [
            (
                "backup",
                include_str!("../../data/backup-api-operations.json"),
            ),
            ("rds", include_str!("../../data/rds-api-operations.json")),
        ] {
            let root = read_file(text);
            let listed = root
                .get("operations")
                .map(Node::members)
                .unwrap_or_default();
            model.operations.extend(listed.iter().map(|m| {
                let text = |key: &str| m.value.get(key).and_then(Node::as_str).map(str::to_string);
                Operation {
                    service,
                    name: m.key.clone(),
                    input: text("input"),
                    output: text("output"),
                }
            }));
            model.shapes.extend(read_shapes(&root));
        }
        model
    })
}

/// Every operation the console reads, AWS Backup's first.
pub(crate) fn operations() -> &'static [Operation] {
    &model().operations
}

/// A shape an operation's input or output reaches: the console's own, or one the plan checker
/// has too.
pub(crate) fn model_shape(name: &str) -> Option<&'static Shape> {
    model().shapes.get(name).or_else(|| shapes().get(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_s_input_reaches_only_shapes_the_files_have() {
        assert_eq!(operations().len(), 67);
        let mut pending: Vec<String> = operations()
            .iter()
            .filter_map(|o| o.input.clone())
            .collect();
        let mut seen = std::collections::HashSet::new();
        while let Some(name) = pending.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let shape = model_shape(&name).unwrap_or_else(|| panic!("{name} is in no shape file"));
            match shape {
                Shape::Structure { members, .. } => {
                    pending.extend(members.iter().map(|(_, m)| m.shape.clone()))
                }
                Shape::List { member } => pending.push(member.clone()),
                Shape::Map { key, value } => pending.extend([key.clone(), value.clone()]),
                _ => {}
            }
        }
        assert!(seen.len() > 150, "{}", seen.len());
    }
}
