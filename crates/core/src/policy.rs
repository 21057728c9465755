//! Resource policies (backup vault access policies, SNS topic policies), evaluated for one
//! question: may this account, or this AWS service, do this action on this resource? IAM's rule: an explicit Deny wins, then an Allow, and otherwise the request is
//! implicitly denied.
//!
//! Statements with a Condition are not evaluated (vaultsim cannot know the request context) and
//! are skipped, as if they did not apply: a model assumption the finding says.

use serde_json::Value;

use crate::wildcard;

/// Why a request was decided as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Allowed { statement: Option<String> },
    ExplicitlyDenied { statement: Option<String> },
    ImplicitlyDenied,
}

impl Decision {
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allowed { .. })
    }
}

/// Decides whether `account` (its root or any principal in it) may perform `action` on the
/// resource `resource_arn` under `policy`.
pub fn evaluate(policy: &Value, account: &str, action: &str, resource_arn: &str) -> Decision {
    decide(
        policy,
        &|p| principal_matches(p, account),
        action,
        resource_arn,
    )
}

/// Decides whether the AWS service `service` (a service principal such as
/// `events.amazonaws.com`) may perform `action` on `resource_arn` under `policy`: only a
/// statement naming it as `{"Service": …}` (or the principal `"*"`) applies.
pub fn evaluate_for_service(
    policy: &Value,
    service: &str,
    action: &str,
    resource_arn: &str,
) -> Decision {
    let names_service = |principal: Option<&Value>| match principal {
        Some(Value::String(s)) => s == "*",
        Some(Value::Object(map)) => strings(map.get("Service")).iter().any(|s| s == service),
        _ => false,
    };
    decide(policy, &names_service, action, resource_arn)
}

fn decide(
    policy: &Value,
    principal_applies: &dyn Fn(Option<&Value>) -> bool,
    action: &str,
    resource_arn: &str,
) -> Decision {
    let statements: Vec<&Value> = match policy.get("Statement") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => Vec::new(),
    };
    let applies = |s: &Value| {
        s.get("Condition").is_none()
            && principal_applies(s.get("Principal"))
            && strings(s.get("Action"))
                .iter()
                .any(|a| wildcard::matches(&a.to_ascii_lowercase(), &action.to_ascii_lowercase()))
            && s.get("Resource").is_none_or(|r| {
                strings(Some(r))
                    .iter()
                    .any(|p| wildcard::matches(p, resource_arn))
            })
    };
    let sid = |s: &Value| s.get("Sid").and_then(Value::as_str).map(str::to_string);
    let effect_is =
        |s: &Value, effect: &str| s.get("Effect").and_then(Value::as_str) == Some(effect);
    if let Some(deny) = statements
        .iter()
        .find(|s| effect_is(s, "Deny") && applies(s))
    {
        return Decision::ExplicitlyDenied {
            statement: sid(deny),
        };
    }
    match statements
        .iter()
        .find(|s| effect_is(s, "Allow") && applies(s))
    {
        Some(allow) => Decision::Allowed {
            statement: sid(allow),
        },
        None => Decision::ImplicitlyDenied,
    }
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// `"*"`, `{"AWS": "*"}`, the account's ID, its root ARN, or any principal ARN in the account.
fn principal_matches(principal: Option<&Value>, account: &str) -> bool {
    let names = match principal {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Object(map)) => strings(map.get("AWS")),
        _ => Vec::new(),
    };
    names.iter().any(|p| {
        p == "*" || p == account || p.split(':').nth(4) == Some(account) && p.starts_with("arn:")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const VAULT: &str = "arn:aws:backup:eu-west-1:444455556666:backup-vault:dr-vault";

    fn allow(principal: Value) -> Value {
        json!({"Statement": [{"Sid": "copies", "Effect": "Allow", "Principal": principal,
            "Action": "backup:CopyIntoBackupVault", "Resource": "*"}]})
    }

    #[test]
    fn an_allow_for_the_account_allows() {
        for principal in [
            json!({"AWS": "arn:aws:iam::111122223333:root"}),
            json!({"AWS": ["111122223333"]}),
            json!("*"),
        ] {
            let d = evaluate(
                &allow(principal.clone()),
                "111122223333",
                "backup:CopyIntoBackupVault",
                VAULT,
            );
            assert!(d.is_allowed(), "{principal}");
        }
    }

    #[test]
    fn another_account_is_implicitly_denied() {
        let policy = allow(json!({"AWS": "arn:aws:iam::111122223333:root"}));
        assert_eq!(
            evaluate(&policy, "999988887777", "backup:CopyIntoBackupVault", VAULT),
            Decision::ImplicitlyDenied
        );
    }

    #[test]
    fn an_explicit_deny_wins() {
        let policy = json!({"Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "backup:*", "Resource": "*"},
            {"Sid": "no", "Effect": "Deny", "Principal": "*", "Action": "backup:CopyIntoBackupVault", "Resource": "*"}
        ]});
        assert_eq!(
            evaluate(&policy, "111122223333", "backup:CopyIntoBackupVault", VAULT),
            Decision::ExplicitlyDenied {
                statement: Some("no".into())
            }
        );
    }

    #[test]
    fn statements_with_conditions_are_skipped() {
        let policy = json!({"Statement": [{"Effect": "Allow", "Principal": "*",
            "Action": "backup:CopyIntoBackupVault", "Resource": "*",
            "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-123"}}}]});
        assert_eq!(
            evaluate(&policy, "111122223333", "backup:CopyIntoBackupVault", VAULT),
            Decision::ImplicitlyDenied
        );
    }
}
