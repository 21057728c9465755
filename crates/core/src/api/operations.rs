//! The operations the console reads, by service: AWS Backup's (data/backup-api-operations.json,
//! written by data/extract_api_shapes.py from the same botocore model as the shapes) and RDS's
//! DescribeDBInstances, which the guide's runbook ends with (data/rds-api-operations.json, by
//! data/extract_console_services.py; its shapes are named `rds.…`), EventBridge's
//! TestEventPattern, rules and targets (data/events-api-operations.json, the same way) and SNS's
//! topics and subscriptions (data/sns-api-operations.json), which the guide's monitoring set-up
//! uses. Each has its input and output shapes (the files also have the errors the model lists and the first sentence of the
//! documentation, for the console's help), with the further shapes they reach. Natively the files
//! are compiled in; the page fetches them (they are copied beside it) and installs them.

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
    /// The first sentence of its documentation.
    pub doc: Option<String>,
}

struct Model {
    /// In the file's order (alphabetical).
    operations: Vec<Operation>,
    /// The shapes the inputs reach beyond the plan checker's.
    shapes: HashMap<String, Shape>,
}

/// The model files, by service: AWS Backup's first.
pub const FILES: [(&str, &str); 4] = [
    ("backup", "backup-api-operations.json"),
    ("rds", "rds-api-operations.json"),
    ("events", "events-api-operations.json"),
    ("sns", "sns-api-operations.json"),
];

static MODEL: OnceLock<Model> = OnceLock::new();

impl Model {
    /// The model read from each service's file, in [`FILES`]' order.
    fn read(texts: &[(&'static str, &str)]) -> Model {
        let mut model = Model {
            operations: Vec::new(),
            shapes: HashMap::new(),
        };
        for &(service, text) in texts {
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
                    doc: text("doc"),
                }
            }));
            model.shapes.extend(read_shapes(&root));
        }
        model
    }
}

/// The model: the files compiled in (feature `embedded-data`, on natively); in the page, the files
/// it fetched and [`install`]ed (they cost the wasm 25 KB gzipped), and none before then.
fn model() -> &'static Model {
    #[cfg(feature = "embedded-data")]
    return MODEL.get_or_init(|| {
        Model::read(&[
            (
                FILES[0].0,
                include_str!("../../data/backup-api-operations.json"),
            ),
            (
                FILES[1].0,
                include_str!("../../data/rds-api-operations.json"),
            ),
            (
                FILES[2].0,
                include_str!("../../data/events-api-operations.json"),
            ),
            (
                FILES[3].0,
                include_str!("../../data/sns-api-operations.json"),
            ),
        ])
    });
    #[cfg(not(feature = "embedded-data"))]
    {
        static NONE: OnceLock<Model> = OnceLock::new();
        MODEL.get().unwrap_or_else(|| {
            NONE.get_or_init(|| Model {
                operations: Vec::new(),
                shapes: HashMap::new(),
            })
        })
    }
}

/// Installs the model files' text, by service as in [`FILES`]: what the page does once it has
/// fetched them. A model already there (compiled in, or installed before) stays.
pub fn install(texts: &[(&'static str, &str)]) {
    let _ = MODEL.set(Model::read(texts));
}

/// Whether the console has its model: always natively; in the page, once it is installed.
pub fn installed() -> bool {
    !model().operations.is_empty()
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
        // AWS Backup's 76, RDS's DescribeDBInstances, EventBridge's 8 and SNS's 10.
        assert_eq!(operations().len(), 95);
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
