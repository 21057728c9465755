//! Backup selections (SEL-3, SEL-5): resource ARNs and their wildcards, the role, condition keys,
//! a selection that names nothing, and selections written inside a plan.

use super::{DocPath, part_span};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::document::{Node, Value};

/// A plan written with its Selections (the developer guide's form): AWS creates each selection
/// with CreateBackupSelection once the plan exists (API reference CreateBackupPlan,
/// CreateBackupSelection), so this is a note.
pub(super) fn note_selections_are_separate(root: &Node, out: &mut Vec<Diagnostic>) {
    let Some(member) = root.member("Selections") else {
        return;
    };
    out.push(
        Diagnostic::info(
            codes::SELECTIONS_ARE_SEPARATE,
            member.key_span.clone(),
            "Selections is not part of an AWS backup plan: each selection is created with \
             CreateBackupSelection once the plan exists",
        )
        .with_help("vaultsim reads them here so the plan and what it protects are checked together")
        .at("/Selections"),
    );
}

/// SEL-3, SEL-5 and likely mistakes in a selection.
pub(super) fn check_selection(
    selection: &Node,
    path: &DocPath,
    document: &str,
    out: &mut Vec<Diagnostic>,
) {
    if !matches!(selection.value, Value::Object(_)) {
        return;
    }
    for key in ["Resources", "NotResources"] {
        if let Some(list) = selection.get(key) {
            check_resource_arns(list, &path.member(key), out);
        }
    }
    if let Some(role) = selection.get("IamRoleArn")
        && let Some(arn) = role.as_str()
    {
        check_role_arn(document, role, arn, &path.member("IamRoleArn"), out);
    }
    if let Some(conditions) = selection.get("Conditions") {
        for operator in conditions.members() {
            for (i, parameter) in operator.value.items().iter().enumerate() {
                let p = path
                    .member("Conditions")
                    .member(&operator.key)
                    .index(i)
                    .member("ConditionKey");
                if let Some(key) = parameter.get("ConditionKey")
                    && let Some(k) = key.as_str()
                    && !k.starts_with("aws:ResourceTag/")
                {
                    out.push(
                        Diagnostic::warning(
                            codes::CONDITION_KEY_PREFIX,
                            key.span.clone(),
                            format!("{}: {k:?} has no aws:ResourceTag/ prefix", p.aws()),
                        )
                        .with_help(format!(
                            "AWS: \"Include the prefix aws:ResourceTag in your tags\": write \"aws:ResourceTag/{k}\""
                        ))
                        .at(p.pointer()),
                    );
                }
            }
        }
    }
    let selects_something = ["Resources", "ListOfTags", "Conditions"].iter().any(|k| {
        selection
            .get(k)
            .is_some_and(|n| !n.items().is_empty() || !n.members().is_empty())
    });
    if !selects_something {
        let start = selection.span.start;
        out.push(
            Diagnostic::warning(
                codes::SELECTION_SELECTS_EVERYTHING,
                start..start + 1,
                "this selection names no Resources, ListOfTags or Conditions",
            )
            .with_help(
                "AWS: \"Otherwise, Backup attempts to select all supported and opted-in storage \
                 resources\"; name what to protect",
            )
            .at(path.pointer()),
        );
    }
}

/// SEL-3: "The maximum number of ARNs is 500 without wildcards, or 30 ARNs with wildcards" (API
/// reference). `*` stands for zero or more non-whitespace characters anywhere in the ARN, as the
/// developer guide's own examples write it (`arn:aws:ec2:*:*:volume/*`, `arn:aws:rds:*:*:db:*`,
/// assigning-resources-json.html), so no position is an error. The API reference also says "the
/// asterisk (*) must appear at the end of the ARN string (prefix pattern). For example,
/// arn:aws:s3:::my-bucket-* is valid, but arn:aws:s3:::*-logs is not supported": AWS's texts
/// disagree, so a pattern that does not end in `*` is a warning that says so.
fn check_resource_arns(list: &Node, path: &DocPath, out: &mut Vec<Diagnostic>) {
    let items = list.items();
    let wildcards = items
        .iter()
        .filter(|i| i.as_str().is_some_and(|s| s.contains('*')))
        .count();
    let limit = if wildcards > 0 { 30 } else { 500 };
    if items.len() > limit {
        out.push(
            Diagnostic::error(
                codes::SELECTION_TOO_MANY_RESOURCES,
                list.span.clone(),
                format!(
                    "{}: {} ARNs; the maximum is {limit} {}",
                    path.aws(),
                    items.len(),
                    if wildcards > 0 { "when any has a wildcard" } else { "without wildcards" }
                ),
            )
            .with_help("select by tags (ListOfTags or Conditions) instead, or split into several selections")
            .at(path.pointer()),
        );
    }
    for (i, item) in items.iter().enumerate() {
        if let Some(arn) = item.as_str()
            && arn.contains('*')
            && !arn.ends_with('*')
        {
            out.push(
                Diagnostic::warning(
                    codes::SELECTION_WILDCARD_POSITION,
                    item.span.clone(),
                    format!(
                        "{}: {arn:?} does not end with its wildcard; AWS's API reference calls \
                         such a pattern \"not supported\" (its example: arn:aws:s3:::*-logs), \
                         while the developer guide documents * anywhere in the ARN",
                        path.index(i).aws()
                    ),
                )
                .with_help(
                    "AWS may accept the selection and still not pick what this pattern seems to \
                     name; a pattern ending in * (arn:aws:s3:::logs-*, arn:aws:ec2:*:*:volume/*) \
                     is documented both ways, or select by tags (Conditions with StringLike)",
                )
                .at(path.index(i).pointer()),
            );
        }
    }
}

fn check_role_arn(
    document: &str,
    node: &Node,
    arn: &str,
    path: &DocPath,
    out: &mut Vec<Diagnostic>,
) {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", _, "iam", "", account, resource] if resource.starts_with("role/") => {
            if !(account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())) {
                out.push(
                    Diagnostic::warning(
                        codes::ARN_ACCOUNT_PLACEHOLDER,
                        part_span(document, node, account),
                        format!(
                            "{}: the account ID {account:?} is not 12 digits — a placeholder?",
                            path.aws()
                        ),
                    )
                    .with_help("put your 12-digit account ID in the role ARN before deploying")
                    .at(path.pointer()),
                );
            }
        }
        _ => out.push(
            Diagnostic::error(
                codes::ROLE_ARN,
                node.span.clone(),
                format!("{}: this is not an IAM role ARN", path.aws()),
            )
            .with_help(
                "AWS Backup assumes the role named here: \
                 arn:aws:iam::ACCOUNT_ID:role/service-role/AWSBackupDefaultServiceRole",
            )
            .at(path.pointer()),
        ),
    }
}
