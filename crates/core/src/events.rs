//! EventBridge events as AWS Backup sends them (source `aws.backup`), in the shape of the
//! developer guide's samples (shared/reference/events/backup-eventbridge-samples.json): the
//! envelope's fields in its order, and each detail-type's detail fields with the samples' names.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

pub const BACKUP_JOB_STATE_CHANGE: &str = "Backup Job State Change";
pub const COPY_JOB_STATE_CHANGE: &str = "Copy Job State Change";
pub const RESTORE_JOB_STATE_CHANGE: &str = "Restore Job State Change";
pub const RECOVERY_POINT_STATE_CHANGE: &str = "Recovery Point State Change";
pub const BACKUP_VAULT_STATE_CHANGE: &str = "Backup Vault State Change";

/// One EventBridge event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: String,
    pub detail_type: &'static str,
    pub account: String,
    pub time: DateTime<Utc>,
    pub region: String,
    pub resources: Vec<String>,
    pub detail: Value,
}

impl Event {
    /// The event as EventBridge delivers it.
    pub fn to_json(&self) -> Value {
        json!({
            "version": "0",
            "id": self.id,
            "detail-type": self.detail_type,
            "source": "aws.backup",
            "account": self.account,
            "time": self.time.to_rfc3339_opts(SecondsFormat::Secs, true),
            "region": self.region,
            "resources": self.resources,
            "detail": self.detail,
        })
    }

    /// One line of JSON (for NDJSON output).
    pub fn to_line(&self) -> String {
        self.to_json().to_string()
    }
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
        let event = Event {
            id: "id".into(),
            detail_type: BACKUP_JOB_STATE_CHANGE,
            account: "111122223333".into(),
            time: "2024-01-15T02:00:00Z".parse().unwrap(),
            region: "us-east-1".into(),
            resources: vec![],
            detail: json!({"state": "CREATED"}),
        };
        assert_eq!(
            event.to_line(),
            r#"{"version":"0","id":"id","detail-type":"Backup Job State Change","source":"aws.backup","account":"111122223333","time":"2024-01-15T02:00:00Z","region":"us-east-1","resources":[],"detail":{"state":"CREATED"}}"#
        );
    }

    #[test]
    fn detail_dates_have_milliseconds() {
        let t: DateTime<Utc> = "2024-01-15T02:00:00Z".parse().unwrap();
        assert_eq!(detail_date(t), "2024-01-15T02:00:00.000Z");
    }
}
