//! Index actions (IDX-1): at most one per rule, one resource type each, of the types backup
//! indexes support.

use super::DocPath;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::document::Node;
use crate::services::ResourceType;

/// IDX-1 (API reference): "0 or 1 index action will be accepted for each BackupRule. Valid
/// values: EBS ... S3"; each has exactly one resource type.
pub(super) fn check_index_actions(index: &Node, path: &DocPath, out: &mut Vec<Diagnostic>) {
    let indexed: Vec<&str> = ResourceType::ALL
        .into_iter()
        .filter(|t| t.supports_backup_index())
        .map(ResourceType::api_name)
        .collect();
    let actions = index.items();
    if actions.len() > 1 {
        out.push(
            Diagnostic::error(
                codes::INDEX_ACTIONS,
                actions[1].span.clone(),
                format!("{}: a rule has at most one index action", path.aws()),
            )
            .with_help("keep one IndexAction")
            .at(path.index(1).pointer()),
        );
    }
    for (i, action) in actions.iter().enumerate() {
        let p = path.index(i).member("ResourceTypes");
        let Some(types) = action.get("ResourceTypes") else {
            continue;
        };
        if types.items().len() != 1 {
            out.push(
                Diagnostic::error(
                    codes::INDEX_ACTIONS,
                    types.span.clone(),
                    format!(
                        "{}: an index action names exactly one resource type",
                        p.aws()
                    ),
                )
                .with_help(format!(
                    "write {}",
                    indexed
                        .iter()
                        .map(|t| format!("[{t:?}]"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ))
                .at(p.pointer()),
            );
        }
        for (j, t) in types.items().iter().enumerate() {
            if let Some(name) = t.as_str()
                && !ResourceType::from_exact_api_name(name)
                    .is_some_and(ResourceType::supports_backup_index)
            {
                out.push(
                    Diagnostic::error(
                        codes::INDEX_ACTIONS,
                        t.span.clone(),
                        format!(
                            "{}: backup indexes are for {}; found {name:?}",
                            p.aws(),
                            indexed.join(" and ")
                        ),
                    )
                    .with_help(format!("use {}", indexed.join(" or ")))
                    .at(p.index(j).pointer()),
                );
            }
        }
    }
}
