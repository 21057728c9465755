//! The AWS Backup operations the console reads (data/backup-api-operations.json, written by
//! data/extract_api_shapes.py from the same botocore model as the shapes): each with its input
//! shape (the file also has the output shape, the errors the model lists and the first sentence
//! of the documentation, for the console's answers and help), and the further shapes their
//! inputs reach. Only the console reads this file, so a build that does
//! not call it (the page, until it has a console) carries none of it.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::shapes::{Shape, read_file, read_shapes, shapes};
use crate::document::Node;

/// One operation of the API model.
#[derive(Debug)]
pub(crate) struct Operation {
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
        let root = read_file(include_str!("../../data/backup-api-operations.json"));
        let listed = root
            .get("operations")
            .map(Node::members)
            .unwrap_or_default();
        let operations = (listed.iter())
            .map(|m| {
                let text = |key: &str| m.value.get(key).and_then(Node::as_str).map(str::to_string);
                Operation {
                    name: m.key.clone(),
                    input: text("input"),
                    output: text("output"),
                }
            })
            .collect();
        Model {
            operations,
            shapes: read_shapes(&root),
        }
    })
}

/// Every operation the console reads.
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
        assert_eq!(operations().len(), 66);
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
