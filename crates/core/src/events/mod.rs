//! EventBridge events as AWS Backup sends them (source `aws.backup`), in the shape of the
//! developer guide's samples (data/reference/events/backup-eventbridge-samples.json): the
//! envelope's fields in its order, and each detail-type's detail fields with the samples' names.

pub mod pattern;

pub use pattern::EventPattern;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

pub const BACKUP_JOB_STATE_CHANGE: &str = "Backup Job State Change";
pub const COPY_JOB_STATE_CHANGE: &str = "Copy Job State Change";
pub const RECOVERY_POINT_STATE_CHANGE: &str = "Recovery Point State Change";
pub const RESTORE_JOB_STATE_CHANGE: &str = "Restore Job State Change";
pub const BACKUP_VAULT_STATE_CHANGE: &str = "Backup Vault State Change";

/// An event as EventBridge delivers it: the envelope's fields in the samples' order.
pub fn envelope(
    id: &str,
    detail_type: &str,
    account: &str,
    time: DateTime<Utc>,
    region: &str,
    resources: Vec<String>,
    detail: Value,
) -> Value {
    json!({
        "version": "0",
        "id": id,
        "detail-type": detail_type,
        "source": "aws.backup",
        "account": account,
        "time": time.to_rfc3339_opts(SecondsFormat::Secs, true),
        "region": region,
        "resources": resources,
        "detail": detail,
    })
}

/// A date inside an event's detail, with milliseconds as the samples write them
/// (`2020-07-15T21:40:31.207Z`).
pub fn detail_date(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_envelope_has_the_samples_fields_in_their_order() {
        let event = envelope(
            "id",
            BACKUP_JOB_STATE_CHANGE,
            "111122223333",
            "2024-01-15T02:00:00Z".parse().unwrap(),
            "us-east-1",
            vec![],
            json!({"state": "CREATED"}),
        );
        assert_eq!(
            event.to_string(),
            r#"{"version":"0","id":"id","detail-type":"Backup Job State Change","source":"aws.backup","account":"111122223333","time":"2024-01-15T02:00:00Z","region":"us-east-1","resources":[],"detail":{"state":"CREATED"}}"#
        );
    }

    #[test]
    fn detail_dates_have_milliseconds() {
        let t: DateTime<Utc> = "2024-01-15T02:00:00Z".parse().unwrap();
        assert_eq!(detail_date(t), "2024-01-15T02:00:00.000Z");
    }
}
