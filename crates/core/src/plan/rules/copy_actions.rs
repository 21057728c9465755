//! Copy actions (COPY-1, COPY-2): the destination vault's ARN and the copy's lifecycle.

use super::{Context, DocPath, PlanNames, part_span, whole};
use super::{lifecycle::check_lifecycle, vault_lock::check_against_vault_lock};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::document::Node;

/// A backup vault's ARN, in parts.
struct VaultArn<'a> {
    region: &'a str,
    account: &'a str,
    name: &'a str,
}

fn parse_vault_arn(arn: &str) -> Result<VaultArn<'_>, String> {
    let parts: Vec<&str> = arn.splitn(7, ':').collect();
    match parts.as_slice() {
        [
            "arn",
            _partition,
            "backup",
            region,
            account,
            "backup-vault",
            name,
        ] => Ok(VaultArn {
            region,
            account,
            name,
        }),
        ["arn", _, service, _, _, resource, ..]
            if *service != "backup" || *resource != "backup-vault" =>
        {
            Err(format!(
                "this is an ARN of {service}:{resource}, not of a backup vault"
            ))
        }
        ["arn", ..] => Err("this ARN has too few parts".to_string()),
        _ => Err("this is not an ARN".to_string()),
    }
}

/// COPY-1, COPY-2: a copy action's destination and lifecycle.
pub(super) fn check_copy_action(
    copy: &Node,
    path: &DocPath,
    source_delete: Option<i64>,
    names: &PlanNames,
    context: &Context,
    out: &mut Vec<Diagnostic>,
) {
    let copy_delete = copy
        .get("Lifecycle")
        .and_then(|l| l.get("DeleteAfterDays"))
        .and_then(|n| whole(n, names))
        .filter(|d| *d > 0)
        // Without its own lifecycle a copy takes the source's (COPY-2).
        .or(source_delete);
    if let Some(destination) = copy.get("DestinationBackupVaultArn") {
        check_against_vault_lock(
            destination,
            copy_delete,
            &path.member("DestinationBackupVaultArn"),
            context,
            out,
        );
    }
    if let Some(node) = copy.get("DestinationBackupVaultArn")
        && let Some(arn) = node.as_str()
    {
        let p = path.member("DestinationBackupVaultArn");
        match parse_vault_arn(arn) {
            Err(problem) => out.push(
                Diagnostic::error(
                    codes::COPY_DESTINATION_ARN,
                    node.span.clone(),
                    format!("{}: {problem}", p.aws()),
                )
                .with_help(
                    "name the destination vault by its ARN: \
                     arn:aws:backup:REGION:ACCOUNT_ID:backup-vault:VAULT_NAME",
                )
                .at(p.pointer()),
            ),
            Ok(vault) => check_vault_arn_parts(context.text, node, &vault, &p, out),
        }
    }
    if let Some(lifecycle) = copy.get("Lifecycle") {
        let lifecycle_path = path.member("Lifecycle");
        check_lifecycle(lifecycle, &lifecycle_path, context.form, names, true, out);
        if let (Some(source), Some(node)) = (source_delete, lifecycle.get("DeleteAfterDays"))
            && let Some(copy_days) = whole(node, names)
            && copy_days > 0
            && copy_days < source
        {
            out.push(
                Diagnostic::warning(
                    codes::COPY_RETENTION_SHORTER,
                    node.span.clone(),
                    format!(
                        "the copy is deleted after {copy_days} days, before the source recovery \
                         point ({source} days)"
                    ),
                )
                .with_help(
                    "a copy kept for disaster recovery usually lives at least as long as the \
                     original; if that is intended, ignore this",
                )
                .at(lifecycle_path.member("DeleteAfterDays").pointer()),
            );
        }
    }
}

fn check_vault_arn_parts(
    document: &str,
    node: &Node,
    vault: &VaultArn,
    path: &DocPath,
    out: &mut Vec<Diagnostic>,
) {
    if !(vault.account.len() == 12 && vault.account.bytes().all(|b| b.is_ascii_digit())) {
        out.push(
            Diagnostic::warning(
                codes::ARN_ACCOUNT_PLACEHOLDER,
                part_span(document, node, vault.account),
                format!(
                    "{}: the account ID {:?} is not 12 digits — a placeholder?",
                    path.aws(),
                    vault.account
                ),
            )
            .with_help("put the destination account's 12-digit ID in the ARN before deploying")
            .at(path.pointer()),
        );
    }
    if !is_region_name(vault.region) {
        out.push(
            Diagnostic::warning(
                codes::ARN_REGION_PLACEHOLDER,
                part_span(document, node, vault.region),
                format!(
                    "{}: {:?} does not look like a Region name",
                    path.aws(),
                    vault.region
                ),
            )
            .with_help("Regions are written like eu-west-1 or us-east-1")
            .at(path.pointer()),
        );
    }
    let name_ok = (2..=50).contains(&vault.name.len())
        && vault
            .name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !name_ok {
        out.push(
            Diagnostic::error(
                codes::COPY_DESTINATION_ARN,
                node.span.clone(),
                format!(
                    "{}: the vault name {:?} does not satisfy ^[a-zA-Z0-9\\-\\_]{{2,50}}$",
                    path.aws(),
                    vault.name
                ),
            )
            .with_help("backup vault names have 2 to 50 letters, digits, '-' or '_'")
            .at(path.pointer()),
        );
    }
    out.push(
        Diagnostic::info(
            codes::COPY_DESTINATION,
            node.span.clone(),
            format!(
                "copies go to vault {} in Region {}, account {}: a cross-Region copy if the plan \
                 runs in another Region, cross-account if in another account",
                vault.name, vault.region, vault.account
            ),
        )
        .with_help(
            "a cross-account copy needs the destination vault's access policy to allow \
             backup:CopyIntoBackupVault from this account",
        )
        .at(path.pointer()),
    );
}

/// `us-east-1`, `eu-west-1`, `ap-southeast-2`, `us-gov-west-1`.
fn is_region_name(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts.iter().all(|p| !p.is_empty())
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_names_have_a_country_a_direction_and_a_number() {
        for ok in ["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1"] {
            assert!(is_region_name(ok), "{ok}");
        }
        for bad in ["REGION", "us-east", "useast1", "DR-REGION-1", ""] {
            assert!(!is_region_name(bad), "{bad}");
        }
    }

    #[test]
    fn vault_arns_are_read_in_parts() {
        let v =
            parse_vault_arn("arn:aws:backup:eu-west-1:123456789012:backup-vault:dr-vault").unwrap();
        assert_eq!(
            (v.region, v.account, v.name),
            ("eu-west-1", "123456789012", "dr-vault")
        );
        assert!(parse_vault_arn("dr-vault").is_err());
        assert!(parse_vault_arn("arn:aws:s3:::bucket").is_err());
    }
}
