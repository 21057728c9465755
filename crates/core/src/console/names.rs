//! The AWS CLI's names for operations and their parameters, made from the API model's names as
//! botocore's `xform_name` makes them with `-` (the CLI calls it for every command and every
//! top-level parameter): `ListRecoveryPointsByBackupVault` is `list-recovery-points-by-backup-vault`,
//! `DBInstanceIdentifier` is `--db-instance-identifier`.
//!
//! botocore (`botocore/__init__.py`, as of 1.37) applies three regular expressions in turn: a trailing
//! pluralised acronym (`[A-Z]{2,}s$`, as in `GatewayARNs`) is split off and lowered; then
//! `(.)([A-Z][a-z]+)` and `([a-z0-9])([A-Z])` each put the separator between their two groups,
//! left to right without overlapping; then the whole is lowered. botocore also keeps a few
//! hand-written exceptions (`CreateCachediSCSIVolume`, …), none of them in the services the
//! console answers. The substitutions are written out here rather than run through a regex
//! engine, which the page's wasm does not carry.

/// The CLI's name for an API name, with `-` between words. A name already holding `-` is
/// returned as it is, as botocore does.
pub fn cli_name(api_name: &str) -> String {
    if api_name.contains('-') {
        return api_name.to_string();
    }
    let chars: Vec<char> = api_name.chars().collect();
    let split = plural_acronym(&chars);
    let mut name: Vec<char> = chars[..split].to_vec();
    if split < chars.len() {
        name.push('-');
        name.extend(chars[split..].iter().map(char::to_ascii_lowercase));
    }
    let first = first_cap(&name);
    end_cap(&first)
        .iter()
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The CLI's name for a member of an operation's input (`--name`): [`cli_name`], except where the
/// CLI renames a parameter (`awscli/customizations/argrename.py`, `ARGUMENT_RENAMES`). Of its
/// renames, one is in a service the console answers: SNS Subscribe's `Endpoint` is
/// `--notification-endpoint`, as the guide's monitoring set-up writes it.
pub fn parameter_name(service: &str, operation: &str, member: &str) -> String {
    match (service, operation, member) {
        ("sns", "Subscribe", "Endpoint") => "notification-endpoint".to_string(),
        _ => cli_name(member),
    }
}

/// Where `[A-Z]{2,}s$` begins, or the length when it does not match: the leftmost start of the
/// run of capitals before a final `s`.
fn plural_acronym(chars: &[char]) -> usize {
    let Some((&'s', before)) = chars.split_last() else {
        return chars.len();
    };
    let capitals = before
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    if capitals >= 2 {
        before.len() - capitals
    } else {
        chars.len()
    }
}

/// `(.)([A-Z][a-z]+)` → `\1-\2`: a capital followed by lower-case letters starts a word.
fn first_cap(chars: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let lowers = chars[i + 1..]
            .iter()
            .skip(1)
            .take_while(|c| c.is_ascii_lowercase())
            .count();
        // `.` matches anything but a line break.
        if chars[i] != '\n' && chars.get(i + 1).is_some_and(char::is_ascii_uppercase) && lowers > 0
        {
            out.push(chars[i]);
            out.push('-');
            out.extend_from_slice(&chars[i + 1..i + 2 + lowers]);
            i += 2 + lowers;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// `([a-z0-9])([A-Z])` → `\1-\2`: a capital after a lower-case letter or a digit starts a word.
fn end_cap(chars: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match chars.get(i + 1) {
            Some(next)
                if (c.is_ascii_lowercase() || c.is_ascii_digit()) && next.is_ascii_uppercase() =>
            {
                out.extend([c, '-', *next]);
                i += 2;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guides_commands_and_parameters_have_the_cli_s_names() {
        for (api, cli) in [
            (
                "ListRecoveryPointsByBackupVault",
                "list-recovery-points-by-backup-vault",
            ),
            (
                "GetRecoveryPointRestoreMetadata",
                "get-recovery-point-restore-metadata",
            ),
            ("StartRestoreJob", "start-restore-job"),
            ("DescribeRestoreJob", "describe-restore-job"),
            (
                "PutBackupVaultLockConfiguration",
                "put-backup-vault-lock-configuration",
            ),
            (
                "PutBackupVaultNotifications",
                "put-backup-vault-notifications",
            ),
            ("DescribeDBInstances", "describe-db-instances"),
            ("CreateTopic", "create-topic"),
            ("PutRule", "put-rule"),
            ("TestEventPattern", "test-event-pattern"),
            ("BackupVaultName", "backup-vault-name"),
            ("ByResourceType", "by-resource-type"),
            ("RecoveryPointArn", "recovery-point-arn"),
            ("IamRoleArn", "iam-role-arn"),
            ("DBInstanceIdentifier", "db-instance-identifier"),
            ("SNSTopicArn", "sns-topic-arn"),
            ("BackupVaultEvents", "backup-vault-events"),
            ("ChangeableForDays", "changeable-for-days"),
            ("MinRetentionDays", "min-retention-days"),
        ] {
            assert_eq!(cli_name(api), cli, "{api}");
        }
    }

    #[test]
    fn acronyms_digits_and_plurals_split_as_botocore_splits_them() {
        // The first three are the cases botocore's comment on `[A-Z]{2,}s$` names; the rest
        // follow its rules.
        for (api, cli) in [
            ("GatewayARNs", "gateway-arns"),
            ("ListWebACLs", "list-web-acls"),
            ("SomeCNAMEs", "some-cnames"),
            ("CreateS3Bucket", "create-s3-bucket"),
            ("ABCDef", "abc-def"),
            ("already-cli", "already-cli"),
            ("Name", "name"),
            ("", ""),
        ] {
            assert_eq!(cli_name(api), cli, "{api}");
        }
    }
}
