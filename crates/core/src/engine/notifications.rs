//! The guide's monitoring set-up, simulated: SNS topics and their subscriptions, EventBridge
//! rules on each account's default event bus and their targets, and AWS Backup's vault
//! notifications; and what each delivers, to whom, as the run goes. The facts are
//! data/reference/docs/notifications.md's (cited below as its sections).
//!
//! Model assumptions, said here and beside the messages in the page:
//! - a message is delivered at the moment of the event that causes it (AWS: EventBridge gets
//!   AWS Backup's events "in a best-effort manner every 5 minutes"; SNS adds its own delay);
//! - a topic with no `Policy` attribute has the policy CreateTopic gives it, which lets the
//!   owning account publish and no AWS service: EventBridge and AWS Backup need a statement
//!   naming their service principal (§1 "Topic access policy", §2), and without one their
//!   messages are not delivered;
//! - only what AWS documents is written as AWS writes it: EventBridge passes the whole event
//!   (§2); vault notifications of backup jobs that complete, fail or expire have AWS's texts
//!   (§1 "The message AWS Backup publishes"). The vault notifications of jobs starting and of
//!   copy and restore jobs are sent, but their text is not documented, and the message says so
//!   rather than guess;
//! - vault notifications come from jobs only: RECOVERY_POINT_MODIFIED, the S3, EKS, index and
//!   CONTINUOUS_BACKUP_INTERRUPTED events are stored when asked for and not sent (not
//!   simulated), as the deprecated ones, which AWS never sends (§1 "Which events are live");
//! - a copy job's notifications are its source vault's, a failed restore job's are
//!   RESTORE_JOB_COMPLETED, and PARTIAL or ABORTED backup jobs send none: AWS documents none of
//!   these (its equivalence of COMPLETED with successful, failed and expired is for backup
//!   jobs);
//! - a message's `StartTime` attribute is the job's creation (AWS's example does not say which
//!   moment it is).

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde_json::{Map, Value, json};

use super::Simulation;
use super::answers::{Answer, Caller, ServiceError, text};
use super::jobs::{BackupJobState, CopyJobState, RestoreJobState};
use super::render::{Event, Subject};
use crate::events::EventPattern;
use crate::policy;

/// "Each rule can have up to five (5) targets associated with it at one time" (PutTargets).
const MAX_TARGETS: usize = 5;

/// How long an unconfirmed subscription lasts: "Unconfirmed subscriptions are deleted
/// automatically after 48 hours" (§3).
const UNCONFIRMED_FOR_HOURS: i64 = 48;

/// The calls this module makes: the set-up's changes, and Publish.
const CHANGES: &[&str] = &[
    "CreateTopic",
    "Subscribe",
    "ConfirmSubscription",
    "Unsubscribe",
    "Publish",
    "SetTopicAttributes",
    "DeleteTopic",
    "PutRule",
    "PutTargets",
    "RemoveTargets",
    "DeleteRule",
    "PutBackupVaultNotifications",
    "DeleteBackupVaultNotifications",
];

/// The service an operation belongs to, as CloudTrail names its source: this module's calls are
/// SNS's and EventBridge's as well as AWS Backup's.
pub(super) fn event_source(operation: &str) -> &'static str {
    match operation {
        "CreateTopic"
        | "Subscribe"
        | "ConfirmSubscription"
        | "Unsubscribe"
        | "Publish"
        | "SetTopicAttributes"
        | "DeleteTopic" => "sns.amazonaws.com",
        "PutRule" | "PutTargets" | "RemoveTargets" | "DeleteRule" => "events.amazonaws.com",
        _ => "backup.amazonaws.com",
    }
}

/// An SNS topic (standard: FIFO topics are not simulated).
#[derive(Clone, Debug)]
pub struct Topic {
    pub arn: String,
    pub account: String,
    pub region: String,
    /// Its access policy (the `Policy` attribute), if one was given.
    policy: Option<Value>,
    /// Its `DisplayName` attribute, if one was given.
    display_name: Option<String>,
}

/// A subscription to a topic.
#[derive(Clone, Debug)]
pub struct Subscription {
    pub arn: String,
    pub topic_arn: String,
    pub protocol: String,
    pub endpoint: String,
    pub owner: String,
    pub created: DateTime<Utc>,
    /// When the endpoint's owner confirmed it; `None` while it waits.
    pub confirmed: Option<DateTime<Utc>>,
    /// What the confirmation message carries (ConfirmSubscription's `Token`).
    pub token: String,
}

impl Subscription {
    /// HTTP/S and email endpoints must confirm (Subscribe's documentation, §3); the others in
    /// the topic's account are confirmed at once.
    fn needs_confirming(protocol: &str) -> bool {
        matches!(protocol, "http" | "https" | "email" | "email-json")
    }

    /// Whether it still exists at `now`: an unconfirmed one is deleted after 48 hours.
    fn exists(&self, now: DateTime<Utc>) -> bool {
        self.confirmed.is_some() || now < self.created + Duration::hours(UNCONFIRMED_FOR_HOURS)
    }
}

/// An EventBridge rule on an account's default event bus.
#[derive(Clone, Debug)]
pub struct Rule {
    pub name: String,
    pub arn: String,
    pub account: String,
    pub region: String,
    pub pattern_text: String,
    pattern: EventPattern,
    /// The rule's State as given: ENABLED (the default), DISABLED, or
    /// ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS.
    pub state: String,
    pub description: Option<String>,
    pub targets: Vec<Target>,
}

/// A rule's target: what it sends is the whole event, unless `Input` (a constant) or
/// `InputPath` (a part of the event) says otherwise (PutTargets' documentation, §2).
#[derive(Clone, Debug)]
pub struct Target {
    pub id: String,
    pub arn: String,
    pub input: Option<String>,
    pub input_path: Option<String>,
}

/// A vault's notification configuration (PutBackupVaultNotifications).
#[derive(Clone, Debug)]
struct VaultNotifications {
    vault: usize,
    topic_arn: String,
    events: Vec<String>,
}

/// What a delivery is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeliveryKind {
    /// A message published to the topic, as the subscriber receives it.
    Message,
    /// The mail asking the endpoint's owner to confirm a subscription.
    Confirmation { token: String },
    /// A message that did not reach the topic, and why.
    NotDelivered { reason: String },
}

/// A message on its way to a subscriber (or one that could not reach its topic).
#[derive(Clone, Debug, PartialEq)]
pub struct Delivery {
    pub at: DateTime<Utc>,
    pub topic_arn: String,
    /// The subscription it went through (none for a confirmation or a message not delivered).
    pub subscription_arn: String,
    /// Who receives it: the subscription's endpoint (none when it was not delivered).
    pub protocol: String,
    pub endpoint: String,
    /// The message's Subject, if the publisher gave one.
    pub subject: Option<String>,
    pub message: String,
    /// The message attributes the publisher set (vault notifications set some), each as (name,
    /// DataType, value).
    pub attributes: Vec<(String, String, String)>,
    pub message_id: String,
    /// What sent it: an EventBridge rule, a vault's notifications, a Publish call.
    pub sender: String,
    pub kind: DeliveryKind,
}

impl Delivery {
    /// The subject an email subscriber sees: the publisher's, or SNS's default "AWS
    /// Notification Message" (§2: what EventBridge's messages arrive with).
    pub fn email_subject(&self) -> &str {
        match (&self.kind, &self.subject) {
            (DeliveryKind::Confirmation { .. }, _) => {
                "AWS Notification - Subscription Confirmation"
            }
            (_, Some(subject)) => subject,
            (_, None) => "AWS Notification Message",
        }
    }

    /// What the subscriber receives, if it is not an email address: a Lambda function gets the
    /// notification in the event AWS's examples show (`{"Records": [{"EventSource": "aws:sns",
    /// "EventVersion": "1.0", "EventSubscriptionArn": …, "Sns": {…}}]}`, §1), the others the
    /// notification itself.
    pub fn delivered_json(&self) -> Value {
        if self.protocol != "lambda" {
            return self.notification_json();
        }
        json!({"Records": [{
            "EventSource": "aws:sns",
            "EventVersion": "1.0",
            "EventSubscriptionArn": self.subscription_arn,
            "Sns": self.notification_json(),
        }]})
    }

    /// The notification as SNS hands it to a subscriber that is not an email address: the
    /// fields of AWS's example notification (§1: `Type`, `MessageId`, `TopicArn`, `Subject`,
    /// `Message`, `Timestamp`, `MessageAttributes`), without the signature fields.
    pub fn notification_json(&self) -> Value {
        let mut out = json!({
            "Type": "Notification",
            "MessageId": self.message_id,
            "TopicArn": self.topic_arn,
        });
        if let Some(subject) = &self.subject {
            out["Subject"] = json!(subject);
        }
        out["Message"] = json!(self.message);
        out["Timestamp"] = json!(self.at.to_rfc3339_opts(SecondsFormat::Millis, true));
        if !self.attributes.is_empty() {
            let attributes: Map<String, Value> = (self.attributes.iter())
                .map(|(k, t, v)| (k.clone(), json!({"Type": t, "Value": v})))
                .collect();
            out["MessageAttributes"] = Value::Object(attributes);
        }
        out
    }
}

impl Delivery {
    /// The delivery as one line of `vaultsim console --inbox`: vaultsim's own record (not an AWS
    /// shape) of when, to whom, from what, and what, or why it was not delivered.
    pub fn record_json(&self) -> Value {
        let mut out = json!({
            "Time": self.at.to_rfc3339_opts(SecondsFormat::Secs, true),
            "TopicArn": self.topic_arn,
            "Sender": self.sender,
        });
        match &self.kind {
            DeliveryKind::NotDelivered { reason } => {
                out["Delivered"] = json!(false);
                out["Reason"] = json!(reason);
                return out;
            }
            DeliveryKind::Confirmation { token } => {
                out["Confirmation"] = json!(true);
                out["Protocol"] = json!(self.protocol);
                out["Endpoint"] = json!(self.endpoint);
                out["Message"] = json!(self.message);
                out["Token"] = json!(token);
                return out;
            }
            DeliveryKind::Message => {}
        }
        out["Protocol"] = json!(self.protocol);
        out["Endpoint"] = json!(self.endpoint);
        if self.protocol == "email" {
            out["Subject"] = json!(self.email_subject());
            out["Message"] = json!(self.message);
        } else {
            out["Notification"] = self.delivered_json();
        }
        out
    }
}

/// The monitoring set-up of a run, and what it has delivered.
#[derive(Clone, Debug, Default)]
pub struct Notifications {
    topics: Vec<Topic>,
    subscriptions: Vec<Subscription>,
    rules: Vec<Rule>,
    vaults: Vec<VaultNotifications>,
    deliveries: Vec<Delivery>,
}

impl Notifications {
    /// Whether anything could be delivered: otherwise an event costs nothing more.
    pub(super) fn listening(&self) -> bool {
        !self.rules.is_empty() || !self.vaults.is_empty()
    }

    fn topic(&self, arn: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.arn == arn)
    }

    fn rule_index(&self, caller: &Caller, name: &str) -> Option<usize> {
        (self.rules.iter()).position(|r| {
            r.name == name && r.account == caller.account && r.region == caller.region
        })
    }
}

use super::operations::Refusal;

fn refuse<T>(code: &'static str, message: impl Into<String>) -> Result<T, Refusal> {
    Err((code, message.into()))
}

/// The rules' event bus: only the default one is simulated.
fn check_bus(input: &Value) -> Result<(), Answer> {
    match text(input, "EventBusName") {
        None | Some("default") => Ok(()),
        Some(other) => Err(Answer::Unsupported(format!(
            "EventBusName: vaultsim simulates each account's default event bus, not {other}"
        ))),
    }
}

/// What of a request vaultsim does not simulate, if anything: said rather than guessed, and
/// nothing is made.
fn not_simulated(caller: &Caller, operation: &str, input: &Value) -> Option<String> {
    let attributes = input.get("Attributes").and_then(Value::as_object);
    let attribute = |name: &str| attributes.and_then(|a| a.get(name));
    match operation {
        "CreateTopic"
            if text(input, "Name").is_some_and(|n| n.ends_with(".fifo"))
                || attribute("FifoTopic") == Some(&json!("true")) =>
        {
            // AWS Backup "does not currently support SNS FIFO topics" (§1).
            Some("FIFO topics are not simulated: vaultsim's topics are standard ones".into())
        }
        // An encrypted topic also needs the key to let the service use it (§1): not modelled.
        "CreateTopic" if attribute("KmsMasterKeyId").is_some() => {
            Some("KmsMasterKeyId: encrypted topics are not simulated".into())
        }
        "Subscribe" if attributes.is_some_and(|a| !a.is_empty()) => Some(
            "Attributes: subscription attributes (FilterPolicy, RawMessageDelivery, …) are not \
             simulated; every message reaches every confirmed subscriber"
                .into(),
        ),
        "Subscribe"
            if matches!(
                text(input, "Protocol"),
                Some("sms" | "application" | "firehose")
            ) =>
        {
            Some(format!(
                "Protocol {}: vaultsim delivers to http, https, email, email-json, sqs and \
                 lambda endpoints",
                text(input, "Protocol").unwrap_or("")
            ))
        }
        "Publish" if text(input, "TopicArn").is_none() => Some(
            "Publish: vaultsim publishes to topics (TopicArn); phone numbers and platform \
             endpoints are not simulated"
                .into(),
        ),
        "Publish" if input.get("MessageStructure").is_some() => Some(
            "MessageStructure: a message per protocol is not simulated; every subscriber gets \
             Message as it is"
                .into(),
        ),
        "SetTopicAttributes"
            if !matches!(text(input, "AttributeName"), Some("Policy" | "DisplayName")) =>
        {
            Some(format!(
                "AttributeName {}: vaultsim keeps a topic's Policy and DisplayName; its other \
                 attributes are not simulated",
                text(input, "AttributeName").unwrap_or("")
            ))
        }
        "PutRule" if text(input, "ScheduleExpression").is_some() => Some(
            "ScheduleExpression: scheduled rules are not simulated; vaultsim's rules match \
             events (EventPattern)"
                .into(),
        ),
        "PutTargets" => {
            let targets = input.get("Targets").and_then(Value::as_array)?;
            targets.iter().find_map(|t| {
                let arn = text(t, "Arn").unwrap_or("");
                if !arn.starts_with("arn:aws:sns:") {
                    Some(format!(
                        "Target {arn}: vaultsim delivers to SNS topics; other targets are not \
                         simulated"
                    ))
                } else if t.get("InputTransformer").is_some() {
                    Some(
                        "InputTransformer is not simulated: give Input or InputPath, or neither"
                            .into(),
                    )
                } else {
                    let path = text(t, "InputPath")?;
                    (!readable_path(path)).then(|| {
                        format!("InputPath {path}: vaultsim reads $ and $.member.member paths")
                    })
                }
            })
        }
        // "You must specify your own AWS account ID and the resource ARN of your topic" (§1);
        // what AWS answers otherwise is not documented.
        "PutBackupVaultNotifications" => {
            let topic = text(input, "SNSTopicArn").unwrap_or("");
            (topic.split(':').nth(4) != Some(caller.account.as_str())).then(|| {
                format!(
                    "SNSTopicArn {topic}: a topic of another account; AWS Backup sends to the \
                     vault owner's own topics, and what it answers otherwise is not documented"
                )
            })
        }
        _ => None,
    }
}

/// A topic name as CreateTopic's documentation allows it: "only uppercase and lowercase ASCII
/// letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long".
fn valid_topic_name(name: &str) -> bool {
    (1..=256).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A rule name as the model's RuleName pattern allows it: `[\.\-_A-Za-z0-9]+`, 1 to 64.
fn valid_rule_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// The part of an event a target's `InputPath` names: `$` or `$.a.b` (dotted member names;
/// the other JSONPath forms are not simulated).
fn input_path(event: &Value, path: &str) -> Option<Value> {
    let rest = path.strip_prefix('$')?;
    let mut at = event;
    for name in rest.split('.').skip(1) {
        at = at.get(name)?;
    }
    Some(at.clone())
}

/// Whether vaultsim reads an `InputPath`: `$`, or `$.` and dotted member names.
fn readable_path(path: &str) -> bool {
    path == "$"
        || path.strip_prefix("$.").is_some_and(|rest| {
            rest.split('.').all(|name| {
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            })
        })
}

/// The vault notification event a job's state change is, if any: a backup job's RUNNING is
/// BACKUP_JOB_STARTED and its COMPLETED, FAILED and EXPIRED are BACKUP_JOB_COMPLETED ("equivalent
/// to subscribing to Successful, Failed, or Expired events", §1); copy and restore jobs alike
/// (vaultsim's assumption, see the module's). Only live events are made: a deprecated one a vault
/// asks for never matches.
fn vault_event(subject: &Subject) -> Option<&'static str> {
    Some(match *subject {
        Subject::BackupJob { state, .. } => match state {
            BackupJobState::Running => "BACKUP_JOB_STARTED",
            BackupJobState::Completed | BackupJobState::Failed | BackupJobState::Expired => {
                "BACKUP_JOB_COMPLETED"
            }
            _ => return None,
        },
        Subject::CopyJob { state, .. } => match state {
            CopyJobState::Running => "COPY_JOB_STARTED",
            CopyJobState::Completed => "COPY_JOB_SUCCESSFUL",
            CopyJobState::Failed => "COPY_JOB_FAILED",
            _ => return None,
        },
        Subject::RestoreJob { state, .. } => match state {
            RestoreJobState::Running => "RESTORE_JOB_STARTED",
            RestoreJobState::Completed | RestoreJobState::Failed => "RESTORE_JOB_COMPLETED",
            _ => return None,
        },
        _ => return None,
    })
}

impl Simulation {
    /// The set-up and what it delivered: every delivery up to now, oldest first.
    pub fn deliveries(&self) -> &[Delivery] {
        &self.notifications.deliveries
    }

    /// The subscriptions that exist now (an unconfirmed one lasts 48 hours).
    pub fn subscriptions(&self) -> impl Iterator<Item = &Subscription> {
        (self.notifications.subscriptions.iter()).filter(|s| s.exists(self.now))
    }

    /// The answer to a read of the set-up, or [`Answer::NotAnswered`] for other operations.
    pub(super) fn answer_notifications(
        &self,
        caller: &Caller,
        operation: &str,
        input: &Value,
    ) -> Answer {
        let n = &self.notifications;
        match operation {
            "ListTopics" => {
                let topics: Vec<Value> = (n.topics.iter())
                    .filter(|t| t.account == caller.account && t.region == caller.region)
                    .map(|t| json!({"TopicArn": t.arn}))
                    .collect();
                Answer::Response(json!({ "Topics": topics }))
            }
            "ListSubscriptionsByTopic" => {
                let arn = text(input, "TopicArn").unwrap_or_default();
                if let Err((code, message)) =
                    self.topic_for(caller, arn, "SNS:ListSubscriptionsByTopic")
                {
                    return Answer::Error(ServiceError { code, message });
                }
                let subscriptions: Vec<Value> = (self.subscriptions())
                    .filter(|s| s.topic_arn == arn)
                    .map(|s| {
                        // A pending subscription is listed as "PendingConfirmation" (§3, medium).
                        let listed = if s.confirmed.is_some() {
                            s.arn.as_str()
                        } else {
                            "PendingConfirmation"
                        };
                        json!({
                            "SubscriptionArn": listed,
                            "Owner": s.owner,
                            "Protocol": s.protocol,
                            "Endpoint": s.endpoint,
                            "TopicArn": s.topic_arn,
                        })
                    })
                    .collect();
                Answer::Response(json!({ "Subscriptions": subscriptions }))
            }
            "GetTopicAttributes" => {
                let arn = text(input, "TopicArn").unwrap_or_default();
                let topic = match self.topic_for(caller, arn, "SNS:GetTopicAttributes") {
                    Ok(topic) => topic,
                    Err((code, message)) => return Answer::Error(ServiceError { code, message }),
                };
                let subscriptions: Vec<&Subscription> = self
                    .subscriptions()
                    .filter(|s| s.topic_arn == arn)
                    .collect();
                let confirmed = subscriptions
                    .iter()
                    .filter(|s| s.confirmed.is_some())
                    .count();
                // The attributes GetTopicAttributes' documentation lists that vaultsim keeps;
                // Policy only when one was given (the policy CreateTopic writes by default is
                // not in the evidence).
                let mut attributes = Map::new();
                attributes.insert("TopicArn".into(), json!(topic.arn));
                attributes.insert("Owner".into(), json!(topic.account));
                if let Some(policy) = &topic.policy {
                    attributes.insert("Policy".into(), json!(policy.to_string()));
                }
                if let Some(name) = &topic.display_name {
                    attributes.insert("DisplayName".into(), json!(name));
                }
                attributes.insert(
                    "SubscriptionsConfirmed".into(),
                    json!(confirmed.to_string()),
                );
                attributes.insert(
                    "SubscriptionsPending".into(),
                    json!((subscriptions.len() - confirmed).to_string()),
                );
                Answer::Response(json!({ "Attributes": attributes }))
            }
            "ListRules" | "DescribeRule" | "ListTargetsByRule" => {
                if let Err(refused) = check_bus(input) {
                    return refused;
                }
                self.answer_rules(caller, operation, input)
            }
            "GetBackupVaultNotifications" => {
                let vault = match self.vault_in(caller, input) {
                    Ok(vault) => vault,
                    Err(error) => return Answer::Error(error),
                };
                let v = &self.world.vaults[vault];
                match n.vaults.iter().find(|c| c.vault == vault) {
                    Some(c) => Answer::Response(json!({
                        "BackupVaultName": v.name,
                        "BackupVaultArn": v.arn,
                        "SNSTopicArn": c.topic_arn,
                        "BackupVaultEvents": c.events,
                    })),
                    None => Answer::Error(ServiceError {
                        code: "ResourceNotFoundException",
                        message: format!(
                            "Backup vault {} has no notification configuration (vaultsim's words).",
                            v.name
                        ),
                    }),
                }
            }
            _ => Answer::NotAnswered,
        }
    }

    fn answer_rules(&self, caller: &Caller, operation: &str, input: &Value) -> Answer {
        let rules = &self.notifications.rules;
        let view = |r: &Rule| {
            let mut out = json!({
                "Name": r.name,
                "Arn": r.arn,
                "EventPattern": r.pattern_text,
                "State": r.state,
            });
            if let Some(d) = &r.description {
                out["Description"] = json!(d);
            }
            out["EventBusName"] = json!("default");
            out
        };
        if operation == "ListRules" {
            let prefix = text(input, "NamePrefix").unwrap_or("");
            let listed: Vec<Value> = (rules.iter())
                .filter(|r| r.account == caller.account && r.region == caller.region)
                .filter(|r| r.name.starts_with(prefix))
                .map(view)
                .collect();
            return Answer::Response(json!({ "Rules": listed }));
        }
        let key = if operation == "DescribeRule" {
            "Name"
        } else {
            "Rule"
        };
        let name = text(input, key).unwrap_or_default();
        let Some(i) = self.notifications.rule_index(caller, name) else {
            return Answer::Error(no_such_rule(name));
        };
        let rule = &rules[i];
        if operation == "DescribeRule" {
            let mut out = view(rule);
            out["CreatedBy"] = json!(rule.account);
            return Answer::Response(out);
        }
        let targets: Vec<Value> = (rule.targets.iter())
            .map(|t| {
                let mut out = json!({"Id": t.id, "Arn": t.arn});
                if let Some(input) = &t.input {
                    out["Input"] = json!(input);
                }
                if let Some(path) = &t.input_path {
                    out["InputPath"] = json!(path);
                }
                out
            })
            .collect();
        Answer::Response(json!({ "Targets": targets }))
    }

    /// A call that changes the set-up, made now as `caller` and audited; `None` for other
    /// operations.
    pub(super) fn call_notifications(
        &mut self,
        caller: &Caller,
        operation: &str,
        input: &Value,
    ) -> Option<Answer> {
        if !CHANGES.contains(&operation) {
            return None;
        }
        if matches!(
            operation,
            "PutRule" | "PutTargets" | "RemoveTargets" | "DeleteRule"
        ) && let Err(refused) = check_bus(input)
        {
            return Some(refused);
        }
        if let Some(why) = not_simulated(caller, operation, input) {
            return Some(Answer::Unsupported(why));
        }
        Some(self.console_change(caller, operation, |s| {
            match s.change_notifications(caller, operation, input) {
                Ok((response, message, resources)) => {
                    Ok((Answer::Response(response), (message, resources)))
                }
                Err((code, message)) => Err(Answer::error(code, message)),
            }
        }))
    }

    /// Makes one of [`CHANGES`].
    fn change_notifications(&mut self, caller: &Caller, operation: &str, input: &Value) -> Outcome {
        match operation {
            "CreateTopic" => self.create_topic(caller, input),
            "Subscribe" => self.subscribe(caller, input),
            "ConfirmSubscription" => self.confirm_subscription(input),
            "Publish" => self.publish(caller, input),
            "Unsubscribe" => self.unsubscribe(caller, input),
            "SetTopicAttributes" => self.set_topic_attributes(caller, input),
            "DeleteTopic" => self.delete_topic(caller, input),
            "PutRule" => self.put_rule(caller, input),
            "PutTargets" => self.put_targets(caller, input),
            "RemoveTargets" => self.remove_targets(caller, input),
            "DeleteRule" => self.delete_rule(caller, input),
            "PutBackupVaultNotifications" => self.put_vault_notifications(caller, input),
            "DeleteBackupVaultNotifications" => self.delete_vault_notifications(caller, input),
            other => unreachable!("{other} is not one of CHANGES"),
        }
    }

    fn create_topic(&mut self, caller: &Caller, input: &Value) -> Outcome {
        let name = text(input, "Name").unwrap_or_default();
        let attributes = input.get("Attributes").and_then(Value::as_object);
        let attribute = |key: &str| attributes.and_then(|a| a.get(key)).and_then(Value::as_str);

        if !valid_topic_name(name) {
            return refuse(
                "InvalidParameter",
                "Invalid parameter: Topic Name: use 1 to 256 ASCII letters, numbers, underscores \
                 and hyphens (vaultsim's words)",
            );
        }
        let policy = match attribute("Policy") {
            None => None,
            Some(text) => Some(read_policy(text)?),
        };
        let arn = format!("arn:aws:sns:{}:{}:{name}", caller.region, caller.account);
        // "This action is idempotent, so if the requester already owns a topic with the
        // specified name, that topic's ARN is returned without creating a new topic."
        match self.notifications.topic(&arn) {
            None => self.notifications.topics.push(Topic {
                arn: arn.clone(),
                account: caller.account.clone(),
                region: caller.region.clone(),
                policy,
                display_name: attribute("DisplayName").map(str::to_string),
            }),
            // Asked again with another policy, the topic is not changed: what SNS answers then is
            // not in the evidence (vaultsim refuses, in its words, rather than guess a change).
            Some(topic) if policy.is_some() && policy != topic.policy => {
                return refuse(
                    "InvalidParameter",
                    "Invalid parameter: Attributes Reason: Topic already exists with different \
                     attributes (vaultsim's words)",
                );
            }
            Some(_) => {}
        }
        Ok((json!({"TopicArn": arn}), format!("Topic {name}"), vec![arn]))
    }

    fn subscribe(&mut self, caller: &Caller, input: &Value) -> Outcome {
        let topic_arn = text(input, "TopicArn").unwrap_or_default().to_string();
        self.topic_for(caller, &topic_arn, "SNS:Subscribe")?;
        let protocol = text(input, "Protocol").unwrap_or_default().to_string();
        const PROTOCOLS: &[&str] = &[
            "http",
            "https",
            "email",
            "email-json",
            "sms",
            "sqs",
            "application",
            "lambda",
            "firehose",
        ];
        if !PROTOCOLS.contains(&protocol.as_str()) {
            return refuse(
                "InvalidParameter",
                format!(
                    "Invalid parameter: Amazon SNS does not support this protocol: {protocol}; \
                     Subscribe's documentation lists {} (vaultsim's words)",
                    PROTOCOLS.join(", ")
                ),
            );
        }
        let endpoint = text(input, "Endpoint").unwrap_or_default().to_string();
        if protocol.starts_with("email") && !endpoint.contains('@') {
            return refuse(
                "InvalidParameter",
                "Invalid parameter: Email address (vaultsim's words)",
            );
        }
        if endpoint.is_empty() {
            return refuse(
                "InvalidParameter",
                "Invalid parameter: Endpoint: the subscription needs one (vaultsim's words)",
            );
        }
        // One subscription per topic, protocol and endpoint (vaultsim's assumption: subscribing
        // again answers the one there, and a pending one is sent its confirmation again).
        let now = self.now;
        let existing = (self.notifications.subscriptions.iter()).find(|s| {
            s.topic_arn == topic_arn
                && s.protocol == protocol
                && s.endpoint == endpoint
                && s.exists(now)
        });
        if let Some(existing) = existing.cloned() {
            if existing.confirmed.is_none() {
                self.send_confirmation(&existing);
            }
            return Ok((
                json!({"SubscriptionArn": shown_subscription(&existing, input)}),
                format!("Subscription of {endpoint} to {topic_arn}"),
                vec![topic_arn, existing.arn],
            ));
        }
        let created = self.now.to_rfc3339();
        let names = [
            topic_arn.as_str(),
            protocol.as_str(),
            endpoint.as_str(),
            created.as_str(),
        ];
        let id = self.named_id(&names);
        let token = self.named_id(&[&names[..], &["token"]].concat()).hex(32);
        let arn = format!("{topic_arn}:{id}");
        // "If the endpoint type is HTTP/S or email, or if the endpoint and the topic are not in
        // the same Amazon Web Services account, the endpoint owner must run the
        // ConfirmSubscription action" (Subscribe's documentation).
        let other_account = endpoint.starts_with("arn:")
            && endpoint.split(':').nth(4) != topic_arn.split(':').nth(4);
        let confirm = Subscription::needs_confirming(&protocol) || other_account;
        let subscription = Subscription {
            arn: arn.clone(),
            topic_arn: topic_arn.clone(),
            protocol,
            endpoint: endpoint.clone(),
            owner: caller.account.clone(),
            created: self.now,
            confirmed: (!confirm).then_some(self.now),
            token,
        };
        if confirm {
            self.send_confirmation(&subscription);
        }
        let shown = shown_subscription(&subscription, input);
        self.notifications.subscriptions.push(subscription);
        Ok((
            json!({"SubscriptionArn": shown}),
            format!("Subscription of {endpoint} to {topic_arn}"),
            vec![topic_arn, arn],
        ))
    }

    /// The topic `arn` names, if `caller` may do `action` on it: SNS answers in the caller's
    /// Region ("You can publish messages only to topics and endpoints in the same Amazon Web
    /// Services Region", Publish's documentation), and "by default, only the topic owner can
    /// publish or subscribe" (CreateTopic's): another account needs the topic's policy.
    fn topic_for(&self, caller: &Caller, arn: &str, action: &str) -> Result<&Topic, Refusal> {
        let Some(topic) = self.notifications.topic(arn) else {
            return Err((no_such_topic().code, no_such_topic().message));
        };
        if topic.region != caller.region {
            return refuse(
                "InvalidParameter",
                format!(
                    "Invalid parameter: TopicArn: {arn} is in {}, and the call is made in {} \
                     (vaultsim's words)",
                    topic.region, caller.region
                ),
            );
        }
        let allowed = topic.account == caller.account
            || (topic.policy.as_ref())
                .is_some_and(|p| policy::evaluate(p, &caller.account, action, arn).is_allowed());
        if !allowed {
            return refuse(
                "AuthorizationError",
                format!(
                    "User: {} is not authorized to perform: {action} on resource: {arn} \
                     (vaultsim's words)",
                    caller.root()
                ),
            );
        }
        Ok(topic)
    }

    /// The message asking the endpoint's owner to confirm a subscription.
    fn send_confirmation(&mut self, subscription: &Subscription) {
        let at = self.now.to_rfc3339();
        let message_id = (self.named_id(&[&subscription.arn, "confirmation", &at])).to_string();
        let topic_arn = &subscription.topic_arn;
        self.notifications.deliveries.push(Delivery {
            at: self.now,
            topic_arn: topic_arn.clone(),
            subscription_arn: String::new(),
            protocol: subscription.protocol.clone(),
            endpoint: subscription.endpoint.clone(),
            subject: None,
            message: format!(
                "You have chosen to subscribe to the topic {topic_arn}. Confirm it to receive \
                 the topic's messages; unconfirmed, the subscription is deleted after 48 hours. \
                 (vaultsim's words: AWS's text is not in its evidence.)"
            ),
            attributes: Vec::new(),
            message_id,
            sender: "Amazon SNS".into(),
            kind: DeliveryKind::Confirmation {
                token: subscription.token.clone(),
            },
        });
    }

    /// Unsubscribe: the subscription goes (nothing more reaches its endpoint).
    fn unsubscribe(&mut self, caller: &Caller, input: &Value) -> Outcome {
        let arn = text(input, "SubscriptionArn")
            .unwrap_or_default()
            .to_string();
        let now = self.now;
        let Some(i) =
            (self.notifications.subscriptions.iter()).position(|s| s.arn == arn && s.exists(now))
        else {
            return refuse(
                "NotFound",
                "Subscription does not exist (vaultsim's words).",
            );
        };
        let topic = self.notifications.subscriptions[i].topic_arn.clone();
        self.topic_for(caller, &topic, "SNS:Unsubscribe")?;
        self.notifications.subscriptions.remove(i);
        Ok((json!({}), format!("Subscription {arn} deleted"), vec![arn]))
    }

    /// SetTopicAttributes: the topic's `Policy` or `DisplayName`, as the console keeps them.
    fn set_topic_attributes(&mut self, caller: &Caller, input: &Value) -> Outcome {
        let arn = text(input, "TopicArn").unwrap_or_default().to_string();
        self.topic_for(caller, &arn, "SNS:SetTopicAttributes")?;
        let value = text(input, "AttributeValue");
        let name = text(input, "AttributeName").unwrap_or_default();
        let policy = match name {
            "Policy" => Some(read_policy(value.unwrap_or(""))?),
            _ => None,
        };
        let topic = (self.notifications.topics.iter_mut()).find(|t| t.arn == arn);
        if let Some(topic) = topic {
            match name {
                "Policy" => topic.policy = policy,
                _ => topic.display_name = value.map(str::to_string),
            }
        }
        Ok((json!({}), format!("Attribute {name} of {arn}"), vec![arn]))
    }

    /// DeleteTopic: the topic and its subscriptions go. "This action is idempotent, so deleting
    /// a topic that does not exist does not result in an error."
    fn delete_topic(&mut self, caller: &Caller, input: &Value) -> Outcome {
        let arn = text(input, "TopicArn").unwrap_or_default().to_string();
        if self.notifications.topic(&arn).is_some() {
            self.topic_for(caller, &arn, "SNS:DeleteTopic")?;
            self.notifications.topics.retain(|t| t.arn != arn);
            self.notifications
                .subscriptions
                .retain(|s| s.topic_arn != arn);
        }
        Ok((json!({}), format!("Topic {arn} deleted"), vec![arn]))
    }

    /// What the endpoint's owner does by following the confirmation message's link.
    fn confirm_subscription(&mut self, input: &Value) -> Outcome {
        let topic_arn = text(input, "TopicArn").unwrap_or_default();
        let token = text(input, "Token").unwrap_or_default();
        let now = self.now;
        let found = (self.notifications.subscriptions.iter_mut())
            .find(|s| s.topic_arn == topic_arn && s.token == token && s.exists(now));
        let Some(subscription) = found else {
            return refuse(
                "InvalidParameter",
                "Invalid token: no subscription waits for it (it may have been deleted after \
                 48 hours) (vaultsim's words)",
            );
        };
        subscription.confirmed.get_or_insert(now);
        let arn = subscription.arn.clone();
        Ok((
            json!({"SubscriptionArn": arn}),
            format!("Subscription {arn} confirmed"),
            vec![arn],
        ))
    }

    fn publish(&mut self, caller: &Caller, input: &Value) -> Outcome {
        let topic_arn = text(input, "TopicArn").unwrap_or_default().to_string();
        self.topic_for(caller, &topic_arn, "SNS:Publish")?;
        let message = text(input, "Message").unwrap_or_default().to_string();
        let subject = text(input, "Subject").map(str::to_string);
        // Each MessageAttributeValue's DataType and StringValue (a Binary one's BinaryValue is
        // base64 text, shown as given).
        let attributes: Vec<(String, String, String)> = (input.get("MessageAttributes"))
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| {
                        let value = text(v, "StringValue").or(text(v, "BinaryValue"))?;
                        let data_type = text(v, "DataType").unwrap_or("String");
                        Some((k.clone(), data_type.to_string(), value.to_string()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let id = self.deliver(&topic_arn, subject, message, attributes, "Publish");
        Ok((
            json!({"MessageId": id}),
            format!("Message {id} published to {topic_arn}"),
            vec![topic_arn],
        ))
    }

    fn put_rule(&mut self, caller: &Caller, input: &Value) -> Outcome {
        let name = text(input, "Name").unwrap_or_default().to_string();
        if !valid_rule_name(&name) {
            return refuse(
                "ValidationException",
                format!(
                    "1 validation error detected: Value '{name}' at 'name' failed to satisfy \
                     constraint: a rule name is 1 to 64 of [.-_A-Za-z0-9] (vaultsim's words)"
                ),
            );
        }
        // "A rule must contain at least an EventPattern or ScheduleExpression."
        let Some(pattern_text) = text(input, "EventPattern") else {
            return refuse(
                "ValidationException",
                "Parameter(s) EventPattern or ScheduleExpression must be specified (vaultsim's words).",
            );
        };
        let pattern = match EventPattern::parse(pattern_text) {
            Ok(pattern) => pattern,
            Err(found) => {
                let why = found.first().map(|d| d.message.clone()).unwrap_or_default();
                return refuse(
                    "InvalidEventPatternException",
                    format!("Event pattern is not valid: {why} (vaultsim's words)."),
                );
            }
        };
        let arn = format!(
            "arn:aws:events:{}:{}:rule/{name}",
            caller.region, caller.account
        );
        // "Rules are enabled by default, or based on value of the state."
        let state = text(input, "State").unwrap_or("ENABLED").to_string();
        let description = text(input, "Description").map(str::to_string);
        // PutRule "creates or updates" a rule: an update keeps its targets.
        match self.notifications.rule_index(caller, &name) {
            Some(i) => {
                let rule = &mut self.notifications.rules[i];
                rule.pattern_text = pattern_text.to_string();
                rule.pattern = pattern;
                rule.state = state;
                rule.description = description;
            }
            None => self.notifications.rules.push(Rule {
                name: name.clone(),
                arn: arn.clone(),
                account: caller.account.clone(),
                region: caller.region.clone(),
                pattern_text: pattern_text.to_string(),
                pattern,
                state,
                description,
                targets: Vec::new(),
            }),
        }
        Ok((json!({"RuleArn": arn}), format!("Rule {name}"), vec![arn]))
    }

    fn put_targets(&mut self, caller: &Caller, input: &Value) -> Outcome {
        let name = text(input, "Rule").unwrap_or_default();
        let Some(i) = self.notifications.rule_index(caller, name) else {
            return Err((no_such_rule(name).code, no_such_rule(name).message));
        };
        let given = input
            .get("Targets")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let targets: Vec<Target> = (given.iter())
            .map(|t| Target {
                id: text(t, "Id").unwrap_or_default().to_string(),
                arn: text(t, "Arn").unwrap_or_default().to_string(),
                input: text(t, "Input").map(str::to_string),
                input_path: text(t, "InputPath").map(str::to_string),
            })
            .collect();
        let rule = &mut self.notifications.rules[i];
        // PutTargets "updates the targets if they are already associated with the rule": a
        // target with an Id the rule has is replaced.
        let mut after: Vec<Target> = (rule.targets.iter())
            .filter(|t| !targets.iter().any(|n| n.id == t.id))
            .cloned()
            .collect();
        after.extend(targets);
        // "Each rule can have up to five (5) targets associated with it at one time."
        if after.len() > MAX_TARGETS {
            return refuse(
                "LimitExceededException",
                format!(
                    "The requested resource exceeds the maximum number allowed: a rule has at \
                     most {MAX_TARGETS} targets (vaultsim's words)."
                ),
            );
        }
        rule.targets = after;
        let arn = rule.arn.clone();
        // Accepted entries answer with no failures; AWS checks no topic policy here (§2).
        Ok((
            json!({"FailedEntryCount": 0, "FailedEntries": []}),
            format!("Targets of rule {name}"),
            vec![arn],
        ))
    }

    fn remove_targets(&mut self, caller: &Caller, input: &Value) -> Outcome {
        let name = text(input, "Rule").unwrap_or_default();
        let Some(i) = self.notifications.rule_index(caller, name) else {
            return Err((no_such_rule(name).code, no_such_rule(name).message));
        };
        let ids: Vec<&str> = (input.get("Ids").and_then(Value::as_array))
            .map(|ids| ids.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let rule = &mut self.notifications.rules[i];
        rule.targets.retain(|t| !ids.contains(&t.id.as_str()));
        let arn = rule.arn.clone();
        Ok((
            json!({"FailedEntryCount": 0, "FailedEntries": []}),
            format!("Targets removed from rule {name}"),
            vec![arn],
        ))
    }

    fn delete_rule(&mut self, caller: &Caller, input: &Value) -> Outcome {
        let name = text(input, "Name").unwrap_or_default();
        let Some(i) = self.notifications.rule_index(caller, name) else {
            // "If you call delete rule multiple times for the same rule, all calls will succeed."
            return Ok((json!({}), format!("Rule {name}"), vec![]));
        };
        if !self.notifications.rules[i].targets.is_empty() {
            return refuse(
                "ValidationException",
                "Rule can't be deleted since it has targets: remove them first (remove-targets) \
                 (vaultsim's words).",
            );
        }
        let rule = self.notifications.rules.remove(i);
        Ok((json!({}), format!("Rule {name} deleted"), vec![rule.arn]))
    }

    fn put_vault_notifications(&mut self, caller: &Caller, input: &Value) -> Outcome {
        let vault = self
            .vault_in(caller, input)
            .map_err(|e| (e.code, e.message))?;
        let topic_arn = text(input, "SNSTopicArn").unwrap_or_default().to_string();
        let events: Vec<String> = (input.get("BackupVaultEvents").and_then(Value::as_array))
            .map(|e| {
                e.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        self.notifications.vaults.retain(|c| c.vault != vault);
        self.notifications.vaults.push(VaultNotifications {
            vault,
            topic_arn: topic_arn.clone(),
            events,
        });
        let arn = self.world.vaults[vault].arn.clone();
        Ok((
            json!({}),
            format!("Notifications of {arn} to {topic_arn}"),
            vec![arn, topic_arn],
        ))
    }

    fn delete_vault_notifications(&mut self, caller: &Caller, input: &Value) -> Outcome {
        let vault = self
            .vault_in(caller, input)
            .map_err(|e| (e.code, e.message))?;
        self.notifications.vaults.retain(|c| c.vault != vault);
        let arn = self.world.vaults[vault].arn.clone();
        Ok((
            json!({}),
            format!("Notifications of {arn} deleted"),
            vec![arn],
        ))
    }

    /// Publishes to a topic: one delivery per subscription that exists and is confirmed
    /// (nothing reaches a pending endpoint, §3). The message's ID.
    fn deliver(
        &mut self,
        topic_arn: &str,
        subject: Option<String>,
        message: String,
        attributes: Vec<(String, String, String)>,
        sender: &str,
    ) -> String {
        // A message's ID is named by nothing a later call refers to: its place among the
        // deliveries is part of what it follows from.
        let (at, place) = (
            self.now.to_rfc3339(),
            self.notifications.deliveries.len().to_string(),
        );
        let message_id = (self.named_id(&[topic_arn, sender, &at, &place])).to_string();
        let now = self.now;
        let receivers: Vec<(String, String, String)> = (self.notifications.subscriptions.iter())
            .filter(|s| s.topic_arn == topic_arn && s.confirmed.is_some() && s.exists(now))
            .map(|s| (s.arn.clone(), s.protocol.clone(), s.endpoint.clone()))
            .collect();
        for (subscription_arn, protocol, endpoint) in receivers {
            self.notifications.deliveries.push(Delivery {
                at: now,
                topic_arn: topic_arn.to_string(),
                subscription_arn,
                protocol,
                endpoint,
                subject: subject.clone(),
                message: message.clone(),
                attributes: attributes.clone(),
                message_id: message_id.clone(),
                sender: sender.to_string(),
                kind: DeliveryKind::Message,
            });
        }
        message_id
    }

    /// A message a service could not publish to a topic, and why.
    fn not_delivered(&mut self, topic_arn: &str, sender: String, reason: String) {
        let (at, place) = (
            self.now.to_rfc3339(),
            self.notifications.deliveries.len().to_string(),
        );
        let message_id = (self.named_id(&[topic_arn, &sender, &at, &place])).to_string();
        self.notifications.deliveries.push(Delivery {
            at: self.now,
            topic_arn: topic_arn.to_string(),
            subscription_arn: String::new(),
            protocol: String::new(),
            endpoint: String::new(),
            subject: None,
            message: String::new(),
            attributes: Vec::new(),
            message_id,
            sender,
            kind: DeliveryKind::NotDelivered { reason },
        });
    }

    /// Whether AWS service `principal` may publish to the topic, or why not.
    fn service_may_publish(&self, topic_arn: &str, principal: &str) -> Result<(), String> {
        let Some(topic) = self.notifications.topic(topic_arn) else {
            return Err(format!("the topic {topic_arn} does not exist"));
        };
        let allowed = (topic.policy.as_ref()).is_some_and(|p| {
            policy::evaluate_for_service(p, principal, "SNS:Publish", topic_arn).is_allowed()
        });
        if allowed {
            return Ok(());
        }
        // Statements with a Condition are not evaluated (crate::policy): say so, since one
        // may be what would have allowed it. ("You can't use Condition blocks in Amazon SNS topic
        // policies for EventBridge", §2.)
        let conditioned = (topic.policy.as_ref())
            .and_then(|p| p.get("Statement"))
            .is_some_and(|s| match s {
                Value::Array(list) => list.iter().any(|st| st.get("Condition").is_some()),
                one => one.get("Condition").is_some(),
            });
        let skipped = if conditioned {
            " (vaultsim does not evaluate the policy's statements with a Condition: a model \
             assumption)"
        } else {
            ""
        };
        Err(format!(
            "the topic's access policy does not let {principal} publish{skipped}: add a statement \
             allowing the service principal \"{principal}\" the action \"SNS:Publish\" on the \
             topic, with aws sns set-topic-attributes --attribute-name Policy (AWS's advice; \
             without it the message is dropped)"
        ))
    }

    /// What an event just recorded sends: to each matching rule's targets, and to its vault's
    /// notification topic.
    pub(super) fn notify(&mut self, event: &Event) {
        let json = self.event_json(event);
        let account = json["account"].as_str().unwrap_or_default().to_string();
        let region = json["region"].as_str().unwrap_or_default().to_string();
        let sends: Vec<(String, Target)> = (self.notifications.rules.iter())
            .filter(|r| r.state != "DISABLED" && r.account == account && r.region == region)
            .filter(|r| r.pattern.matches(&json))
            .flat_map(|r| r.targets.iter().map(|t| (r.name.clone(), t.clone())))
            .collect();
        for (rule, target) in sends {
            let sender = format!("EventBridge rule {rule}");
            if !target.arn.starts_with("arn:aws:sns:") {
                continue; // Only SNS targets are simulated; PutTargets said nothing of others.
            }
            if let Err(reason) = self.service_may_publish(&target.arn, "events.amazonaws.com") {
                self.not_delivered(&target.arn, sender, reason);
                continue;
            }
            let message = match (&target.input, &target.input_path) {
                (Some(constant), _) => constant.clone(),
                (None, Some(path)) => input_path(&json, path)
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                (None, None) => json.to_string(),
            };
            self.deliver(&target.arn, None, message, Vec::new(), &sender);
        }
        self.notify_vault(event, &json);
    }

    /// A vault notification, if the event's vault has one for it.
    fn notify_vault(&mut self, event: &Event, json: &Value) {
        let Some(kind) = vault_event(&event.subject) else {
            return;
        };
        let vault = match event.subject {
            Subject::BackupJob { job, .. } => self.backup_jobs[job as usize].vault,
            // The source vault's (vaultsim's assumption: AWS does not say whose).
            Subject::CopyJob { job, .. } => Some(self.copy_jobs[job as usize].source_vault),
            Subject::RestoreJob { job, .. } => Some(self.restore_jobs[job as usize].vault),
            _ => None,
        };
        let Some(config) = (self.notifications.vaults.iter())
            .find(|c| Some(c.vault) == vault && c.events.iter().any(|e| e == kind))
        else {
            return;
        };
        let topic_arn = config.topic_arn.clone();
        let sender = format!(
            "Notifications of vault {}",
            self.world.vaults[config.vault].name
        );
        if let Err(reason) = self.service_may_publish(&topic_arn, "backup.amazonaws.com") {
            self.not_delivered(&topic_arn, sender, reason);
            return;
        }
        let detail = &json["detail"];
        let field = |name: &str| detail[name].as_str().unwrap_or_default().to_string();
        let state = field("state");
        let (message, attributes) = match kind {
            // AWS's texts for a backup job that ends (§1), quirks kept ("Resource ARN :").
            "BACKUP_JOB_COMPLETED" => {
                let (resource, id) = (field("resourceArn"), field("backupJobId"));
                let message = match state.as_str() {
                    "COMPLETED" => {
                        let point = match event.subject {
                            Subject::BackupJob { job, .. } => self.backup_jobs[job as usize]
                                .recovery_point
                                .map(|p| self.world.recovery_point_arn(p as usize)),
                            _ => None,
                        }
                        .unwrap_or_default();
                        format!(
                            "An AWS Backup job was completed successfully. Recovery point ARN: \
                             {point}. Resource ARN : {resource}. BackupJob ID : {id}"
                        )
                    }
                    "FAILED" => {
                        format!(
                            "An AWS Backup job failed. Resource ARN : {resource}. BackupJob ID : {id}"
                        )
                    }
                    _ => format!(
                        "An AWS Backup job failed to complete in time. Resource ARN : {resource}. \
                         BackupJob ID : {id}"
                    ),
                };
                // The job's creation (vaultsim's assumption: AWS's example does not say).
                let start = match event.subject {
                    Subject::BackupJob { job, .. } => self.backup_jobs[job as usize].creation,
                    _ => event.time,
                };
                // All of type String in AWS's examples (§1).
                let attributes = [
                    ("EventType", "BACKUP_JOB".to_string()),
                    ("State", state.clone()),
                    (
                        "AccountId",
                        json["account"].as_str().unwrap_or_default().to_string(),
                    ),
                    ("Id", id),
                    (
                        "StartTime",
                        start.to_rfc3339_opts(SecondsFormat::Millis, true),
                    ),
                ]
                .into_iter()
                .map(|(name, value)| (name.to_string(), "String".to_string(), value))
                .collect();
                (message, attributes)
            }
            other => (
                format!(
                    "({other}, job state {state}.) AWS does not document the text of this \
                     notification; vaultsim shows only which notification was sent."
                ),
                Vec::new(),
            ),
        };
        self.deliver(
            &topic_arn,
            Some("Notification from AWS Backup".to_string()),
            message,
            attributes,
            &sender,
        );
    }
}

/// A topic's `Policy` attribute: a JSON policy document, as text.
fn read_policy(text: &str) -> Result<Value, Refusal> {
    match serde_json::from_str::<Value>(text) {
        Ok(policy @ Value::Object(_)) => Ok(policy),
        _ => refuse(
            "InvalidParameter",
            "Invalid parameter: Policy Error: the Policy attribute is not a JSON policy document \
             (vaultsim's words)",
        ),
    }
}

/// What Subscribe answers: "pending confirmation" for a subscription that needs confirming,
/// unless ReturnSubscriptionArn is true (§3); the ARN otherwise.
fn shown_subscription(subscription: &Subscription, input: &Value) -> String {
    if subscription.confirmed.is_none() && input.get("ReturnSubscriptionArn") != Some(&json!(true))
    {
        "pending confirmation".to_string()
    } else {
        subscription.arn.clone()
    }
}

/// A change's result: the response, what the audit trail says, and the ARNs it was about.
type Outcome = Result<(Value, String, Vec<String>), Refusal>;

fn no_such_topic() -> ServiceError {
    ServiceError {
        code: "NotFound",
        message: "Topic does not exist (vaultsim's words).".to_string(),
    }
}

fn no_such_rule(name: &str) -> ServiceError {
    ServiceError {
        code: "ResourceNotFoundException",
        message: format!("Rule {name} does not exist on EventBus default (vaultsim's words)."),
    }
}
