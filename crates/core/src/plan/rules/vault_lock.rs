//! Vault locks in a template (LOCK-1 to LOCK-4, LAG-1) and jobs whose retention a lock refuses
//! (LOCK-6).

use super::lifecycle::MAX_LIFECYCLE_DAYS;
use super::{Context, DocPath, VaultAt, template_number};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::document::{Node, Value};

/// A vault lock's bounds, read from a template's vault resource.
struct Lock {
    min: Option<i64>,
    max: Option<i64>,
}

fn lock_of(vault: &VaultAt) -> Option<Lock> {
    let source = if vault.air_gapped {
        vault.properties
    } else {
        vault.properties.get("LockConfiguration")?
    };
    let read = |key: &str| source.get(key).and_then(template_number);
    Some(Lock {
        min: read("MinRetentionDays"),
        max: read("MaxRetentionDays"),
    })
}

/// LOCK-1..4 and LAG-1: a vault's lock configuration, and a note on the lock's mode.
pub(super) fn check_vault(vault: &VaultAt, out: &mut Vec<Diagnostic>) {
    let (source, path) = if vault.air_gapped {
        (vault.properties, vault.path.clone())
    } else {
        match vault.properties.get("LockConfiguration") {
            Some(lock) => (lock, vault.path.member("LockConfiguration")),
            None => return,
        }
    };
    let number = |key: &str| source.get(key).and_then(|n| Some((n, template_number(n)?)));
    let lowest_min = if vault.air_gapped { 7 } else { 1 };
    if let Some((node, min)) = number("MinRetentionDays")
        && min < lowest_min
    {
        let p = path.member("MinRetentionDays");
        let why = if vault.air_gapped {
            "for a logically air-gapped vault \"The minimum value accepted is 7 days\""
        } else {
            "\"The shortest minimum retention period you can specify is 1 day\""
        };
        out.push(
            Diagnostic::error(
                codes::VAULT_LOCK_RANGE,
                node.span.clone(),
                format!("{}: {min} days; {why}", p.aws()),
            )
            .with_help(format!("use {lowest_min} or more"))
            .at(p.pointer()),
        );
    }
    if let Some((node, max)) = number("MaxRetentionDays")
        && !(1..=MAX_LIFECYCLE_DAYS).contains(&max)
    {
        let p = path.member("MaxRetentionDays");
        out.push(
            Diagnostic::error(
                codes::VAULT_LOCK_RANGE,
                node.span.clone(),
                format!(
                    "{}: {max} days; \"The longest maximum retention period you can specify is \
                     36500 days\"",
                    p.aws()
                ),
            )
            .with_help("use 1 to 36500 days")
            .at(p.pointer()),
        );
    }
    if let (Some((_, min)), Some((node, max))) =
        (number("MinRetentionDays"), number("MaxRetentionDays"))
        && min > max
    {
        let p = path.member("MaxRetentionDays");
        out.push(
            Diagnostic::warning(
                codes::VAULT_LOCK_MIN_ABOVE_MAX,
                node.span.clone(),
                format!("{}: the minimum retention ({min} days) is above the maximum ({max})", p.aws()),
            )
            .with_help("no recovery point could satisfy both; AWS's text does not say it refuses this, but every job into the vault would fail")
            .at(p.pointer()),
        );
    }
    let changeable = number("ChangeableForDays");
    if let Some((node, days)) = changeable
        && !(3..=MAX_LIFECYCLE_DAYS).contains(&days)
    {
        let p = path.member("ChangeableForDays");
        out.push(
            Diagnostic::error(
                codes::VAULT_LOCK_RANGE,
                node.span.clone(),
                format!(
                    "{}: {days}; \"It must be a number no less than 3 and no greater than 36,500\"",
                    p.aws()
                ),
            )
            .with_help("AWS enforces a 72-hour cooling-off period: use 3 days or more")
            .at(p.pointer()),
        );
    }
    let mode = if vault.air_gapped {
        "a logically air-gapped vault, locked in compliance mode".to_string()
    } else if let Some((_, days)) = changeable {
        format!(
            "compliance mode: the lock can be changed or removed for {days} days after it is \
             set, then it is immutable"
        )
    } else {
        "governance mode (no ChangeableForDays): users with sufficient IAM permissions can \
         remove the lock"
            .to_string()
    };
    let anchor = if vault.air_gapped {
        vault.properties.span.start..vault.properties.span.start + 1
    } else {
        source.span.start..source.span.start + 1
    };
    out.push(
        Diagnostic::info(
            codes::VAULT_LOCK_MODE,
            anchor,
            format!("vault {}: {mode}", vault.logical_id),
        )
        .with_help(
            "backup and copy jobs into a locked vault fail when their retention is outside \
             its minimum and maximum",
        )
        .at(path.pointer()),
    );
}

/// The vault a TargetBackupVault or DestinationBackupVaultArn names, when it is one the template
/// creates: by `Ref`, by `Fn::GetAtt`, or by its name or ARN written out.
fn vault_named<'a>(target: &Node, vaults: &'a [VaultAt<'a>]) -> Option<&'a VaultAt<'a>> {
    let by_id = |id: &str| vaults.iter().find(|v| v.logical_id == id);
    if let Some(r) = target.get("Ref").and_then(Node::as_str) {
        return by_id(r);
    }
    if let Some(get_att) = target.get("Fn::GetAtt") {
        let id = match &get_att.value {
            Value::Array(items) => items.first().and_then(Node::as_str),
            Value::String(s) => s.split('.').next(),
            _ => None,
        };
        return id.and_then(by_id);
    }
    let text = target.as_str()?;
    let name = text.rsplit(":backup-vault:").next().unwrap_or(text);
    vaults
        .iter()
        .find(|v| v.properties.get("BackupVaultName").and_then(Node::as_str) == Some(name))
}

/// LOCK-6 (API reference and developer guide): "backup and copy jobs to this vault with lifecycle
/// retention periods" outside the lock's minimum and maximum "will fail". The template is
/// accepted; the jobs fail when they run, so this is a warning.
pub(super) fn check_against_vault_lock(
    target: &Node,
    retention: Option<i64>,
    path: &DocPath,
    context: &Context,
    out: &mut Vec<Diagnostic>,
) {
    let Some(vault) = vault_named(target, &context.vaults) else {
        return;
    };
    let Some(lock) = lock_of(vault) else { return };
    let Some(days) = retention else { return };
    let problem = match (lock.min, lock.max) {
        (Some(min), _) if days < min => format!("at least {min} days"),
        (_, Some(max)) if days > max => format!("at most {max} days"),
        _ => return,
    };
    out.push(
        Diagnostic::warning(
            codes::VAULT_LOCK_RETENTION,
            target.span.clone(),
            format!(
                "jobs into vault {} will fail: they keep recovery points {days} days and the \
                 vault's lock requires {problem}",
                vault.logical_id
            ),
        )
        .with_help("make the lifecycle's DeleteAfterDays fit the vault lock's MinRetentionDays and MaxRetentionDays")
        .at(path.pointer()),
    );
}
