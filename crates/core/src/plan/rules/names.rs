//! Names: a plan's BackupPlanName (PLAN-2) and rules sharing one RuleName (RULE-1).

use super::DocPath;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::document::Node;

/// PLAN-2 (API reference): "Must contain 1 to 50 alphanumeric or '-_.' characters."
pub(super) fn check_plan_name(name: &Node, path: &DocPath, out: &mut Vec<Diagnostic>) {
    let Some(s) = name.as_str() else { return };
    let length = s.chars().count();
    let bad = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-_.".contains(*c)));
    let problem = match (bad, length) {
        (Some(c), _) => format!("{c:?} is not allowed"),
        (None, 0) => "it is empty".to_string(),
        (None, n) if n > 50 => format!("it has {n} characters"),
        _ => return,
    };
    out.push(
        Diagnostic::error(
            codes::PLAN_NAME,
            name.span.clone(),
            format!(
                "BackupPlanName must contain 1 to 50 alphanumeric or '-_.' characters; {problem}"
            ),
        )
        .with_help("use letters, digits, '-', '_' and '.', for example prod-daily-backup-plan")
        .at(path.pointer()),
    );
}

/// RULE-1 says rule names are unique only by convention: AWS's text does not say it refuses
/// duplicates, so two rules with one name are a warning.
pub(super) fn check_duplicate_rule_names(
    rules: &[Node],
    path: &DocPath,
    out: &mut Vec<Diagnostic>,
) {
    // The first rule of each name, so that a plan of thousands of rules is checked in one pass.
    let mut first_named: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(rules.len());
    for (i, rule) in rules.iter().enumerate() {
        let Some(name_node) = rule.get("RuleName") else {
            continue;
        };
        let Some(name) = name_node.as_str() else {
            continue;
        };
        let first = *first_named.entry(name).or_insert(i);
        if first != i {
            out.push(
                Diagnostic::warning(
                    codes::DUPLICATE_RULE_NAME,
                    name_node.span.clone(),
                    format!("two rules are named {name:?} (Rules[{first}] and Rules[{i}])"),
                )
                .with_help("give each rule its own name: jobs, events and reports name the rule")
                .at(path.index(i).member("RuleName").pointer()),
            );
        }
    }
}
