//! The audit trail: every API call a scenario makes, allowed or refused with the API's exception
//! name, and every access decision AWS Backup makes for its own work (a copy into another
//! account's vault), in CloudTrail's terms.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use super::Simulation;
use crate::policy;

/// Whether AWS allowed a call, and if not, the exception it answered with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    Denied { error_code: &'static str },
}

/// One audited call: who asked for what, when, and what AWS answered.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditEntry {
    pub time: DateTime<Utc>,
    /// The service called (CloudTrail's eventSource).
    pub event_source: &'static str,
    /// The API operation (CloudTrail's eventName).
    pub event_name: String,
    /// The caller: an IAM principal ARN, or AWS Backup's service role for its own calls.
    pub principal: String,
    pub account: String,
    pub region: String,
    pub decision: Decision,
    /// What happened, or why the call was refused.
    pub message: String,
    /// The ARNs the call was about.
    pub resources: Vec<String>,
}

impl AuditEntry {
    pub fn allowed(&self) -> bool {
        self.decision == Decision::Allowed
    }

    /// The entry as a CloudTrail record's fields (eventTime, eventSource, eventName, awsRegion,
    /// userIdentity, errorCode, errorMessage, resources).
    pub fn to_json(&self) -> Value {
        let mut record = json!({
            "eventTime": self.time.to_rfc3339_opts(SecondsFormat::Secs, true),
            "eventSource": self.event_source,
            "eventName": self.event_name,
            "awsRegion": self.region,
            "userIdentity": {"arn": self.principal, "accountId": self.account},
            "resources": self.resources.iter().map(|arn| json!({"ARN": arn})).collect::<Vec<_>>(),
        });
        match self.decision {
            Decision::Allowed => record["responseElements"] = json!({"message": self.message}),
            Decision::Denied { error_code } => {
                record["errorCode"] = json!(error_code);
                record["errorMessage"] = json!(self.message);
            }
        }
        record
    }
}

impl Simulation {
    /// Audits a call made now: who asked for what, where, and AWS's answer (what happened and
    /// the ARNs it was about, or the exception and why).
    pub(super) fn audit_call(
        &mut self,
        event_name: &str,
        who: (String, String, String),
        outcome: Result<(String, Vec<String>), (&'static str, String)>,
    ) {
        let (decision, message, resources) = match outcome {
            Ok((message, resources)) => (Decision::Allowed, message, resources),
            Err((error_code, message)) => (Decision::Denied { error_code }, message, vec![]),
        };
        let source = super::notifications::event_source(event_name);
        self.audit_call_in((source, event_name), who, decision, message, resources);
    }

    /// An access decision AWS Backup made for its own work, such as a copy into another
    /// account's vault.
    pub(super) fn audit_service_decision(
        &mut self,
        event_name: &str,
        who: (String, String, String),
        resource: String,
        decision: &policy::Decision,
        message: &str,
    ) {
        let decision = if decision.is_allowed() {
            Decision::Allowed
        } else {
            Decision::Denied {
                error_code: "AccessDeniedException",
            }
        };
        let source = super::notifications::event_source(event_name);
        let message = message.to_string();
        self.audit_call_in((source, event_name), who, decision, message, vec![resource]);
    }

    /// A call made now to the service `event_source` (a restore test's clean-up deleting, as
    /// AWS Backup's role, what the test restored, in EC2, RDS, …): allowed or denied, about
    /// `resources`.
    pub(super) fn audit_call_in(
        &mut self,
        (event_source, event_name): (&'static str, &str),
        (principal, account, region): (String, String, String),
        decision: Decision,
        message: String,
        resources: Vec<String>,
    ) {
        self.audit.push(AuditEntry {
            time: self.now,
            event_source,
            event_name: event_name.to_string(),
            principal,
            account,
            region,
            decision,
            message,
            resources,
        });
    }
}
