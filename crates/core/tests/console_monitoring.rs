//! The guide's monitoring set-up typed into the console: SNS topics and subscriptions,
//! EventBridge rules and targets, vault notifications, and what reaches the subscribers as the
//! run goes (data/reference/docs/notifications.md).

use vaultsim_core::console::run::{Printed, run};
use vaultsim_core::engine::{Caller, DeliveryKind, Simulation};
use vaultsim_core::scenario::{Scenario, parse_time};

const TOPIC: &str = "arn:aws:sns:us-east-1:111122223333:backup-failure-alerts";

/// The guide's scenario with the web server's first-night backup failing, at its start.
fn guide_with_a_failure() -> Simulation {
    let mut scenario: serde_json::Value =
        serde_json::from_str(include_str!("../data/scenarios/three-tier-web-app.json")).unwrap();
    scenario["Faults"] = serde_json::json!([{
        "Fault": "JobFailure",
        "ResourceArn": "arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f60718",
        "At": "2024-01-15T02:00:00Z"
    }]);
    let scenario = Scenario::from_json(&scenario.to_string()).unwrap();
    Simulation::new(&scenario).unwrap()
}

fn ok(simulation: &mut Simulation, line: &str) -> String {
    let printed = run(simulation, line);
    assert_eq!((printed.status, printed.stderr.as_str()), (0, ""), "{line}");
    printed.stdout
}

/// The policy EventBridge needs on the topic ("PublishEventsToMyTopic", §2), as CreateTopic's
/// `Policy` attribute.
fn create_topic_allowing(service: &str) -> String {
    let policy = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{"Sid": "PublishEventsToMyTopic", "Effect": "Allow",
            "Principal": {"Service": service}, "Action": "sns:Publish", "Resource": TOPIC}]
    });
    let attributes = serde_json::json!({ "Policy": policy.to_string() });
    format!(
        "aws sns create-topic --name backup-failure-alerts --attributes '{}'",
        attributes
    )
}

/// The guide's rule and target, with the topic's real ARN.
fn guides_rule_and_target(simulation: &mut Simulation) {
    ok(
        simulation,
        r#"aws events put-rule \
  --name "backup-job-failed" \
  --event-pattern '{
    "source": ["aws.backup"],
    "detail-type": ["Backup Job State Change"],
    "detail": {
      "state": ["FAILED", "ABORTED", "EXPIRED"]
    }
  }'"#,
    );
    let printed = ok(
        simulation,
        &format!(
            r#"aws events put-targets \
  --rule "backup-job-failed" \
  --targets '[{{
    "Id": "sns-target",
    "Arn": "{TOPIC}"
  }}]'"#
        ),
    );
    assert_eq!(
        printed,
        "{\n    \"FailedEntryCount\": 0,\n    \"FailedEntries\": []\n}\n"
    );
}

fn messages_to(simulation: &Simulation, endpoint: &str) -> Vec<String> {
    (simulation.deliveries().iter())
        .filter(|d| d.endpoint == endpoint && d.kind == DeliveryKind::Message)
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn the_guides_topic_arn_names_an_account_that_is_not_the_callers_so_subscribe_finds_no_topic() {
    let mut simulation = guide_with_a_failure();
    let created = ok(
        &mut simulation,
        r#"aws sns create-topic --name "backup-failure-alerts""#,
    );
    assert_eq!(created, format!("{{\n    \"TopicArn\": \"{TOPIC}\"\n}}\n"));
    let printed = run(
        &mut simulation,
        r#"aws sns subscribe \
  --topic-arn "arn:aws:sns:us-east-1:123456789:backup-failure-alerts" \
  --protocol "email" \
  --notification-endpoint "ops-team@company.com""#,
    );
    assert_eq!(printed.status, 254);
    assert!(
        printed
            .stderr
            .starts_with("\nAn error occurred (NotFound) when calling the Subscribe operation:"),
        "{}",
        printed.stderr
    );
}

#[test]
fn an_email_subscription_is_pending_until_confirmed_and_gets_nothing_before() {
    let mut simulation = guide_with_a_failure();
    ok(
        &mut simulation,
        &create_topic_allowing("events.amazonaws.com"),
    );
    let subscribed = ok(
        &mut simulation,
        &format!(
            "aws sns subscribe --topic-arn {TOPIC} --protocol email \
             --notification-endpoint ops-team@company.com"
        ),
    );
    assert_eq!(
        subscribed,
        "{\n    \"SubscriptionArn\": \"pending confirmation\"\n}\n"
    );
    let listed = ok(
        &mut simulation,
        &format!(
            "aws sns list-subscriptions-by-topic --topic-arn {TOPIC} \
             --query 'Subscriptions[0].SubscriptionArn' --output text"
        ),
    );
    assert_eq!(listed, "PendingConfirmation\n");
    guides_rule_and_target(&mut simulation);
    simulation.run_until(parse_time("2024-01-15T06:00:00Z").unwrap());
    assert!(messages_to(&simulation, "ops-team@company.com").is_empty());
    // The confirmation mail was sent at once, with its token.
    let confirmation = (simulation.deliveries().iter())
        .find(|d| matches!(d.kind, DeliveryKind::Confirmation { .. }))
        .expect("a confirmation mail");
    assert_eq!(
        confirmation.email_subject(),
        "AWS Notification - Subscription Confirmation"
    );
}

#[test]
fn a_confirmed_email_receives_the_failed_jobs_event_as_eventbridge_sends_it() {
    let mut simulation = guide_with_a_failure();
    ok(
        &mut simulation,
        &create_topic_allowing("events.amazonaws.com"),
    );
    ok(
        &mut simulation,
        &format!(
            "aws sns subscribe --topic-arn {TOPIC} --protocol email \
             --notification-endpoint ops-team@company.com"
        ),
    );
    let token = match &simulation.deliveries()[0].kind {
        DeliveryKind::Confirmation { token } => token.clone(),
        other => panic!("{other:?}"),
    };
    let caller = Caller::of(simulation.world(), None, None);
    let confirmed = simulation.call_now(
        &caller,
        "ConfirmSubscription",
        &serde_json::json!({"TopicArn": TOPIC, "Token": token}),
    );
    assert!(
        matches!(confirmed, vaultsim_core::engine::Answer::Response(_)),
        "{confirmed:?}"
    );
    guides_rule_and_target(&mut simulation);
    simulation.run_until(parse_time("2024-01-15T06:00:00Z").unwrap());
    let messages = messages_to(&simulation, "ops-team@company.com");
    // One job failed; the others completed, and the rule matches only the three states.
    assert_eq!(messages.len(), 1, "{messages:?}");
    let event: serde_json::Value = serde_json::from_str(&messages[0]).unwrap();
    assert_eq!(event["detail-type"], "Backup Job State Change");
    assert_eq!(event["detail"]["state"], "FAILED");
    let delivery = (simulation.deliveries().iter())
        .find(|d| d.kind == DeliveryKind::Message)
        .unwrap();
    // No subject: the mail arrives as "AWS Notification Message" (§2).
    assert_eq!(delivery.email_subject(), "AWS Notification Message");
}

#[test]
fn without_the_events_statement_in_the_topic_policy_nothing_is_delivered_and_the_page_says_why() {
    let mut simulation = guide_with_a_failure();
    // The guide's create-topic: no policy for EventBridge.
    ok(
        &mut simulation,
        "aws sns create-topic --name backup-failure-alerts",
    );
    ok(
        &mut simulation,
        &format!(
            "aws sns subscribe --topic-arn {TOPIC} --protocol sqs \
             --notification-endpoint arn:aws:sqs:us-east-1:111122223333:alerts"
        ),
    );
    guides_rule_and_target(&mut simulation);
    simulation.run_until(parse_time("2024-01-15T06:00:00Z").unwrap());
    assert!(messages_to(&simulation, "arn:aws:sqs:us-east-1:111122223333:alerts").is_empty());
    let reasons: Vec<&str> = (simulation.deliveries().iter())
        .filter_map(|d| match &d.kind {
            DeliveryKind::NotDelivered { reason } => Some(reason.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(reasons.len(), 1);
    assert!(
        reasons[0].contains("events.amazonaws.com"),
        "{}",
        reasons[0]
    );
}

#[test]
fn vault_notifications_send_aws_backups_text_for_a_failed_and_a_completed_job() {
    let mut simulation = guide_with_a_failure();
    ok(
        &mut simulation,
        &create_topic_allowing("backup.amazonaws.com"),
    );
    ok(
        &mut simulation,
        &format!(
            "aws sns subscribe --topic-arn {TOPIC} --protocol lambda \
             --notification-endpoint arn:aws:lambda:us-east-1:111122223333:function:page"
        ),
    );
    ok(
        &mut simulation,
        &format!(
            "aws backup put-backup-vault-notifications --backup-vault-name prod-primary-vault \
             --sns-topic-arn {TOPIC} --backup-vault-events BACKUP_JOB_COMPLETED BACKUP_JOB_FAILED"
        ),
    );
    let stored = ok(
        &mut simulation,
        "aws backup get-backup-vault-notifications --backup-vault-name prod-primary-vault \
         --query BackupVaultEvents --output text",
    );
    // A deprecated event is accepted and kept, as AWS keeps it (§1).
    assert_eq!(stored, "BACKUP_JOB_COMPLETED\tBACKUP_JOB_FAILED\n");
    simulation.run_until(parse_time("2024-01-15T06:00:00Z").unwrap());
    let messages = messages_to(
        &simulation,
        "arn:aws:lambda:us-east-1:111122223333:function:page",
    );
    // Three jobs ended: one failed, two completed; BACKUP_JOB_FAILED (deprecated) adds nothing.
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert_eq!(
        messages
            .iter()
            .filter(|m| m.starts_with("An AWS Backup job failed. Resource ARN : arn:aws:ec2:"))
            .count(),
        1
    );
    assert_eq!(
        messages
            .iter()
            .filter(|m| m.starts_with(
                "An AWS Backup job was completed successfully. Recovery point ARN: arn:aws:"
            ))
            .count(),
        2
    );
    let delivery = (simulation.deliveries().iter())
        .find(|d| d.message.starts_with("An AWS Backup job failed."))
        .unwrap();
    // A Lambda function gets it in the event AWS's examples show.
    let event = delivery.delivered_json();
    assert_eq!(event["Records"][0]["EventSource"], "aws:sns");
    assert!(
        (event["Records"][0]["EventSubscriptionArn"].as_str())
            .is_some_and(|arn| arn.starts_with(&format!("{TOPIC}:")))
    );
    let notification = &event["Records"][0]["Sns"];
    assert_eq!(notification["Type"], "Notification");
    assert_eq!(notification["Subject"], "Notification from AWS Backup");
    assert_eq!(
        notification["MessageAttributes"]["State"]["Value"],
        "FAILED"
    );
    assert_eq!(
        notification["MessageAttributes"]["EventType"]["Value"],
        "BACKUP_JOB"
    );
}

#[test]
fn rules_are_listed_described_and_deleted_only_without_targets() {
    let mut simulation = guide_with_a_failure();
    ok(
        &mut simulation,
        "aws sns create-topic --name backup-failure-alerts",
    );
    guides_rule_and_target(&mut simulation);
    let listed = ok(
        &mut simulation,
        "aws events list-rules --query 'Rules[].[Name,State]' --output text",
    );
    assert_eq!(listed, "backup-job-failed\tENABLED\n");
    let refused: Printed = run(
        &mut simulation,
        "aws events delete-rule --name backup-job-failed",
    );
    assert_eq!(refused.status, 254);
    assert!(refused.stderr.contains("(ValidationException)"));
    ok(
        &mut simulation,
        "aws events remove-targets --rule backup-job-failed --ids sns-target",
    );
    assert_eq!(
        ok(
            &mut simulation,
            "aws events delete-rule --name backup-job-failed"
        ),
        ""
    );
    assert_eq!(
        ok(&mut simulation, "aws events list-rules --output json"),
        "{\n    \"Rules\": []\n}\n"
    );
}

#[test]
fn an_unconfirmed_subscription_is_gone_after_48_hours() {
    let mut simulation = guide_with_a_failure();
    ok(
        &mut simulation,
        "aws sns create-topic --name backup-failure-alerts",
    );
    ok(
        &mut simulation,
        &format!(
            "aws sns subscribe --topic-arn {TOPIC} --protocol email \
             --notification-endpoint ops-team@company.com"
        ),
    );
    let count = |simulation: &mut Simulation| {
        ok(
            simulation,
            &format!(
                "aws sns list-subscriptions-by-topic --topic-arn {TOPIC} \
                 --query 'length(Subscriptions)'"
            ),
        )
    };
    simulation.run_until(parse_time("2024-01-16T23:59:00Z").unwrap());
    assert_eq!(count(&mut simulation), "1\n");
    simulation.run_until(parse_time("2024-01-17T00:00:00Z").unwrap());
    assert_eq!(count(&mut simulation), "0\n");
}

#[test]
fn publish_reaches_confirmed_subscribers_and_the_audit_trail_names_sns() {
    let mut simulation = guide_with_a_failure();
    ok(
        &mut simulation,
        "aws sns create-topic --name backup-failure-alerts",
    );
    ok(
        &mut simulation,
        &format!(
            "aws sns subscribe --topic-arn {TOPIC} --protocol sqs \
             --notification-endpoint arn:aws:sqs:us-east-1:111122223333:alerts"
        ),
    );
    ok(
        &mut simulation,
        &format!("aws sns publish --topic-arn {TOPIC} --subject drill --message 'a test'"),
    );
    let delivered = &simulation.deliveries()[0];
    assert_eq!(
        (delivered.message.as_str(), delivered.subject.as_deref()),
        ("a test", Some("drill"))
    );
    let publish = (simulation.audit_trail().iter())
        .find(|a| a.event_name == "Publish")
        .unwrap();
    assert_eq!(publish.to_json()["eventSource"], "sns.amazonaws.com");
}

#[test]
fn what_is_not_simulated_is_said_and_nothing_is_made() {
    let mut simulation = guide_with_a_failure();
    for line in [
        "aws events put-rule --name nightly --schedule-expression 'cron(0 2 * * ? *)'",
        "aws sns create-topic --name alerts.fifo --attributes FifoTopic=true",
        "aws sns publish --phone-number +15555550100 --message hi",
    ] {
        let printed = run(&mut simulation, line);
        assert_ne!(printed.status, 0, "{line}");
        assert!(
            printed.stderr.contains("not simulated"),
            "{line}: {}",
            printed.stderr
        );
    }
    assert!(simulation.audit_trail().is_empty());
}

#[test]
fn a_rule_takes_at_most_five_targets_and_a_target_with_its_id_is_replaced() {
    let mut simulation = guide_with_a_failure();
    ok(
        &mut simulation,
        "aws sns create-topic --name backup-failure-alerts",
    );
    guides_rule_and_target(&mut simulation);
    // The same Id again replaces the target.
    guides_rule_and_target(&mut simulation);
    let targets = |simulation: &mut Simulation| {
        ok(
            simulation,
            "aws events list-targets-by-rule --rule backup-job-failed --query 'length(Targets)'",
        )
    };
    assert_eq!(targets(&mut simulation), "1\n");
    ok(
        &mut simulation,
        &format!(
            "aws events put-targets --rule backup-job-failed --targets Id=a,Arn={TOPIC} \
             Id=b,Arn={TOPIC} Id=c,Arn={TOPIC} Id=d,Arn={TOPIC}"
        ),
    );
    assert_eq!(targets(&mut simulation), "5\n");
    let refused = run(
        &mut simulation,
        &format!("aws events put-targets --rule backup-job-failed --targets Id=e,Arn={TOPIC}"),
    );
    assert!(
        refused.stderr.contains("(LimitExceededException)"),
        "{}",
        refused.stderr
    );
    assert_eq!(targets(&mut simulation), "5\n");
}

#[test]
fn subscribing_again_answers_the_same_subscription_and_another_accounts_queue_must_confirm() {
    let mut simulation = guide_with_a_failure();
    ok(
        &mut simulation,
        "aws sns create-topic --name backup-failure-alerts",
    );
    let subscribe = |simulation: &mut Simulation, endpoint: &str| {
        ok(
            simulation,
            &format!(
                "aws sns subscribe --topic-arn {TOPIC} --protocol sqs \
                 --notification-endpoint {endpoint} --query SubscriptionArn --output text"
            ),
        )
    };
    let mine = "arn:aws:sqs:us-east-1:111122223333:alerts";
    let first = subscribe(&mut simulation, mine);
    assert!(first.starts_with(&format!("{TOPIC}:")), "{first}");
    assert_eq!(subscribe(&mut simulation, mine), first);
    // An endpoint in another account confirms first (Subscribe's documentation).
    assert_eq!(
        subscribe(&mut simulation, "arn:aws:sqs:us-east-1:444455556666:theirs"),
        "pending confirmation\n"
    );
    let listed = ok(
        &mut simulation,
        &format!(
            "aws sns list-subscriptions-by-topic --topic-arn {TOPIC} --query 'length(Subscriptions)'"
        ),
    );
    assert_eq!(listed, "2\n");
}

#[test]
fn a_deprecated_vault_event_is_kept_and_never_sent() {
    let mut simulation = guide_with_a_failure();
    ok(
        &mut simulation,
        &create_topic_allowing("backup.amazonaws.com"),
    );
    ok(
        &mut simulation,
        &format!(
            "aws sns subscribe --topic-arn {TOPIC} --protocol sqs \
             --notification-endpoint arn:aws:sqs:us-east-1:111122223333:alerts"
        ),
    );
    ok(
        &mut simulation,
        &format!(
            "aws backup put-backup-vault-notifications --backup-vault-name prod-primary-vault \
             --sns-topic-arn {TOPIC} --backup-vault-events BACKUP_JOB_FAILED BACKUP_JOB_EXPIRED"
        ),
    );
    simulation.run_until(parse_time("2024-01-15T06:00:00Z").unwrap());
    assert!(messages_to(&simulation, "arn:aws:sqs:us-east-1:111122223333:alerts").is_empty());
}

#[test]
fn a_confirmation_kept_from_the_first_run_confirms_the_same_subscription_when_the_run_is_taken_anew()
 {
    let caller = |s: &Simulation| Caller::of(s.world(), None, None);
    let at = |t: &str| parse_time(t).unwrap();
    let subscribe = |endpoint: &str| serde_json::json!({"TopicArn": TOPIC, "Protocol": "email", "Endpoint": endpoint});
    let call = |at, caller, operation: &str, input| vaultsim_core::engine::MadeCall {
        at,
        caller,
        operation: operation.to_string(),
        input,
    };
    // The first run: a topic, A subscribed at 06:00 and confirmed at 07:00.
    let mut first = guide_with_a_failure();
    let me = caller(&first);
    let mut calls = vec![
        call(
            at("2024-01-15T05:00:00Z"),
            me.clone(),
            "CreateTopic",
            serde_json::json!({"Name": "backup-failure-alerts"}),
        ),
        call(
            at("2024-01-15T06:00:00Z"),
            me.clone(),
            "Subscribe",
            subscribe("a@example.com"),
        ),
    ];
    for made in &calls {
        first.make_again(made);
    }
    let token = match &first.deliveries()[0].kind {
        DeliveryKind::Confirmation { token } => token.clone(),
        other => panic!("{other:?}"),
    };
    calls.push(call(
        at("2024-01-15T07:00:00Z"),
        me.clone(),
        "ConfirmSubscription",
        serde_json::json!({"TopicArn": TOPIC, "Token": token}),
    ));
    // Taken anew with B subscribed before A: the kept confirmation still confirms A.
    calls.insert(
        1,
        call(
            at("2024-01-15T05:30:00Z"),
            me,
            "Subscribe",
            subscribe("b@example.com"),
        ),
    );
    let mut again = guide_with_a_failure();
    for made in &calls {
        again.make_again(made);
    }
    let confirmed: Vec<&str> = (again.subscriptions())
        .filter(|s| s.confirmed.is_some())
        .map(|s| s.endpoint.as_str())
        .collect();
    assert_eq!(confirmed, ["a@example.com"]);
}

#[test]
fn a_topic_is_used_in_its_own_region_and_by_its_own_account_unless_its_policy_allows() {
    let mut simulation = guide_with_a_failure();
    ok(
        &mut simulation,
        "aws sns create-topic --name backup-failure-alerts",
    );
    let elsewhere = run(
        &mut simulation,
        &format!("aws sns publish --region eu-west-1 --topic-arn {TOPIC} --message x"),
    );
    assert!(
        elsewhere.stderr.contains("(InvalidParameter)"),
        "{}",
        elsewhere.stderr
    );
    let other_account = run(
        &mut simulation,
        &format!(
            "aws sns subscribe --profile 444455556666 --region us-east-1 --topic-arn {TOPIC} \
             --protocol sqs --notification-endpoint arn:aws:sqs:us-east-1:444455556666:q"
        ),
    );
    assert!(
        other_account.stderr.contains("(AuthorizationError)")
            && other_account.stderr.contains("SNS:Subscribe"),
        "{}",
        other_account.stderr
    );
}

#[test]
fn subscription_attributes_and_targets_other_than_topics_are_not_simulated() {
    let mut simulation = guide_with_a_failure();
    ok(
        &mut simulation,
        "aws sns create-topic --name backup-failure-alerts",
    );
    guides_rule_and_target(&mut simulation);
    for line in [
        format!(
            "aws sns subscribe --topic-arn {TOPIC} --protocol sqs --notification-endpoint \
             arn:aws:sqs:us-east-1:111122223333:q --attributes RawMessageDelivery=true"
        ),
        "aws events put-targets --rule backup-job-failed --targets \
         Id=l,Arn=arn:aws:lambda:us-east-1:111122223333:function:f"
            .to_string(),
        format!(
            "aws sns subscribe --topic-arn {TOPIC} --protocol sms --notification-endpoint +15555550100"
        ),
    ] {
        let printed = run(&mut simulation, &line);
        assert!(
            printed.stderr.contains("not simulated"),
            "{line}: {}",
            printed.stderr
        );
    }
}

#[test]
fn the_guides_topic_mended_as_aws_advises_with_set_topic_attributes_then_delivers() {
    let mut simulation = guide_with_a_failure();
    // The guide's create-topic, then AWS's way to add EventBridge's statement.
    ok(
        &mut simulation,
        "aws sns create-topic --name backup-failure-alerts",
    );
    let policy = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{"Sid": "PublishEventsToMyTopic", "Effect": "Allow",
            "Principal": {"Service": "events.amazonaws.com"}, "Action": "sns:Publish", "Resource": TOPIC}]
    });
    ok(
        &mut simulation,
        &format!(
            "aws sns set-topic-attributes --topic-arn {TOPIC} --attribute-name Policy \
             --attribute-value '{policy}'"
        ),
    );
    ok(
        &mut simulation,
        &format!(
            "aws sns subscribe --topic-arn {TOPIC} --protocol email \
             --notification-endpoint ops-team@company.com"
        ),
    );
    let attributes = ok(
        &mut simulation,
        &format!(
            "aws sns get-topic-attributes --topic-arn {TOPIC} \
             --query 'Attributes.[Owner,SubscriptionsConfirmed,SubscriptionsPending]' --output text"
        ),
    );
    assert_eq!(attributes, "111122223333\t0\t1\n");
    // The recipient's token, from the confirmation mail, confirmed from the console.
    let token = match &simulation.deliveries()[0].kind {
        DeliveryKind::Confirmation { token } => token.clone(),
        other => panic!("{other:?}"),
    };
    let confirmed = ok(
        &mut simulation,
        &format!("aws sns confirm-subscription --topic-arn {TOPIC} --token {token}"),
    );
    assert!(
        confirmed.contains(&format!("\"SubscriptionArn\": \"{TOPIC}:")),
        "{confirmed}"
    );
    guides_rule_and_target(&mut simulation);
    simulation.run_until(parse_time("2024-01-15T06:00:00Z").unwrap());
    assert_eq!(messages_to(&simulation, "ops-team@company.com").len(), 1);
}

#[test]
fn unsubscribe_and_delete_topic_stop_deliveries_and_deleting_a_missing_topic_succeeds() {
    let mut simulation = guide_with_a_failure();
    ok(
        &mut simulation,
        "aws sns create-topic --name backup-failure-alerts",
    );
    let arn = ok(
        &mut simulation,
        &format!(
            "aws sns subscribe --topic-arn {TOPIC} --protocol sqs \
             --notification-endpoint arn:aws:sqs:us-east-1:111122223333:q --output text"
        ),
    );
    ok(
        &mut simulation,
        &format!("aws sns unsubscribe --subscription-arn {}", arn.trim()),
    );
    ok(
        &mut simulation,
        &format!("aws sns publish --topic-arn {TOPIC} --message x"),
    );
    assert!(messages_to(&simulation, "arn:aws:sqs:us-east-1:111122223333:q").is_empty());
    let again = run(
        &mut simulation,
        &format!("aws sns unsubscribe --subscription-arn {}", arn.trim()),
    );
    assert!(again.stderr.contains("(NotFound)"), "{}", again.stderr);
    ok(
        &mut simulation,
        &format!("aws sns delete-topic --topic-arn {TOPIC}"),
    );
    ok(
        &mut simulation,
        &format!("aws sns delete-topic --topic-arn {TOPIC}"),
    );
    assert_eq!(
        ok(
            &mut simulation,
            "aws sns list-topics --query 'length(Topics)'"
        ),
        "0\n"
    );
}
