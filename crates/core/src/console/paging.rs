//! The CLI's client-side paging of a list operation (data/reference/docs/aws-cli.md,
//! "Pagination"): every page is fetched and merged, `--max-items N` keeps the first N items of
//! the result key and adds a `NextToken`, and `--starting-token` resumes from one. A simulated
//! service answers in one page, so a token only ever carries how many items were handed out:
//! botocore's resume token `{"NextToken": null, "boto_truncate_amount": N}`, JSON as Python's
//! `json.dumps` writes it, in base64 (the shape of the CLI User Guide's own example token,
//! `{"Marker": null, "boto_truncate_amount": 1}`).

use serde_json::Value;

/// The paginated operations and their result keys (botocore's `paginators-1.json` for
/// AWS Backup and RDS, as aws-cli.md lists them).
const PAGINATED: &[(&str, &str)] = &[
    ("ListBackupJobs", "BackupJobs"),
    ("ListBackupPlanTemplates", "BackupPlanTemplatesList"),
    ("ListBackupPlanVersions", "BackupPlanVersionsList"),
    ("ListBackupPlans", "BackupPlansList"),
    ("ListBackupSelections", "BackupSelectionsList"),
    ("ListBackupVaults", "BackupVaultList"),
    ("ListCopyJobs", "CopyJobs"),
    ("ListIndexedRecoveryPoints", "IndexedRecoveryPoints"),
    ("ListLegalHolds", "LegalHolds"),
    ("ListProtectedResources", "Results"),
    ("ListProtectedResourcesByBackupVault", "Results"),
    ("ListRecoveryPointsByBackupVault", "RecoveryPoints"),
    ("ListRecoveryPointsByLegalHold", "RecoveryPoints"),
    ("ListRecoveryPointsByResource", "RecoveryPoints"),
    ("ListRestoreAccessBackupVaults", "RestoreAccessBackupVaults"),
    ("ListRestoreJobs", "RestoreJobs"),
    ("ListRestoreJobsByProtectedResource", "RestoreJobs"),
    ("ListRestoreTestingPlans", "RestoreTestingPlans"),
    ("ListRestoreTestingSelections", "RestoreTestingSelections"),
    ("ListScanJobSummaries", "ScanJobSummaries"),
    ("ListScanJobs", "ScanJobs"),
    ("ListTieringConfigurations", "TieringConfigurations"),
    ("DescribeDBInstances", "DBInstances"),
];

/// The options the CLI adds to a paginated operation only.
pub const PAGING_OPTIONS: [&str; 3] = ["--max-items", "--page-size", "--starting-token"];

/// The result key of a paginated operation.
pub fn result_key(operation: &str) -> Option<&'static str> {
    PAGINATED
        .iter()
        .find(|(o, _)| *o == operation)
        .map(|(_, key)| *key)
}

/// The request member that carries the service's own token: RDS's `Marker`, AWS Backup's
/// `NextToken` (the paginators' `input_token`).
fn input_token(operation: &str) -> &'static str {
    if operation == "DescribeDBInstances" {
        "Marker"
    } else {
        "NextToken"
    }
}

/// How many items a starting token for `operation` says were handed out; `Err` with botocore's
/// message for a token it did not make.
pub fn skipped(operation: &str, token: &str) -> Result<usize, String> {
    let bad = || format!("Bad starting token: {token}");
    let text = base64_decode(token.trim()).ok_or_else(bad)?;
    let value: Value = serde_json::from_slice(&text).map_err(|_| bad())?;
    let object = value.as_object().ok_or_else(bad)?;
    let input = input_token(operation);
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut expected = [input, "boto_truncate_amount"];
    expected.sort_unstable();
    if keys != expected || !object[input].is_null() {
        return Err(bad());
    }
    object["boto_truncate_amount"]
        .as_u64()
        .map(|n| n as usize)
        .ok_or_else(bad)
}

/// The token that resumes `operation` after `handed_out` items.
pub fn token(operation: &str, handed_out: usize) -> String {
    let input = input_token(operation);
    base64_encode(
        format!("{{\"{input}\": null, \"boto_truncate_amount\": {handed_out}}}").as_bytes(),
    )
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (Python's `base64.b64encode`).
fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let pad = chunk.iter().rev().take_while(|b| **b == b'=').count();
        if pad > 2 {
            return None;
        }
        let mut n = 0u32;
        for (i, b) in chunk[..4 - pad].iter().enumerate() {
            let v = ALPHABET.iter().position(|a| a == b)? as u32;
            n |= v << (18 - 6 * i);
        }
        out.extend((0..3 - pad).map(|i| (n >> (16 - 8 * i)) as u8));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_guides_example_token_decodes_to_botocores_resume_token() {
        let decoded = base64_decode("eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==");
        assert_eq!(
            String::from_utf8(decoded.unwrap()).unwrap(),
            r#"{"Marker": null, "boto_truncate_amount": 1}"#
        );
    }

    #[test]
    fn a_token_made_here_says_how_many_items_were_handed_out() {
        for n in [0, 1, 2, 10, 123_456] {
            assert_eq!(
                skipped("ListBackupJobs", &token("ListBackupJobs", n)),
                Ok(n)
            );
            assert_eq!(
                skipped("DescribeDBInstances", &token("DescribeDBInstances", n)),
                Ok(n)
            );
        }
        assert!(skipped("ListBackupJobs", &token("DescribeDBInstances", 1)).is_err());
        assert_eq!(
            token("ListBackupJobs", 2),
            "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ=="
        );
    }

    #[test]
    fn a_token_not_made_here_is_refused_with_botocores_words() {
        for bad in [
            "",
            "abc",
            "!!!!",
            "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==",
        ] {
            let refused = skipped("ListBackupJobs", bad).unwrap_err();
            assert_eq!(refused, format!("Bad starting token: {bad}"));
        }
    }
}
