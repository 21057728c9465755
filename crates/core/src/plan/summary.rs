//! A plan document read for showing, as far as it can be read: its name, each rule of its (first)
//! plan with AWS's defaults for what the document leaves out, each selection summarised. Values
//! are read with the checker's readers (forms.rs), so a rule card never reads a value the checks
//! read otherwise; a CloudFormation function is kept as the template writes it (`!Ref Vault`),
//! since its value is known only when the stack is deployed.

use serde_json::Value as Json;

use super::forms::{self, PlanForm};
use super::lifecycle_phases::LifecyclePhases;
use super::rules::{DEFAULT_COMPLETION_WINDOW_MINUTES, DEFAULT_START_WINDOW_MINUTES};
use crate::document::Node;
use crate::schedule::{DEFAULT_SCHEDULE_EXPRESSION, DEFAULT_TIMEZONE};

/// A rule of the plan, as its card shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSummary {
    /// RuleName, or where the rule is (`Rules[1]`) when it has none.
    pub name: String,
    /// The target vault (TargetBackupVaultName; CloudFormation's TargetBackupVault).
    pub vault: Option<String>,
    pub schedule: ScheduleSource,
    pub start_window: Window,
    pub completion_window: Window,
    /// EnableContinuousBackup: point-in-time recovery.
    pub continuous: bool,
    pub lifecycle: LifecyclePhases,
    pub copies: Vec<CopySummary>,
}

/// A window in minutes, and whether it is AWS's default (the document leaves it out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    /// `None` when the value is not a whole number the form accepts (the checker says why).
    pub minutes: Option<i64>,
    pub default: bool,
}

/// Where a rule's schedule comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleSource {
    /// The expression and time zone as written, or AWS's defaults (`default`) when the document
    /// has no ScheduleExpression. They may not parse: the checker says why.
    Written {
        expression: String,
        timezone: String,
        default: bool,
    },
    /// A CloudFormation function gives the schedule when the stack is deployed.
    AtDeploy(String),
}

/// A copy action: where copies go and how long they are kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopySummary {
    /// DestinationBackupVaultArn as written.
    pub arn: String,
    /// The destination, when the ARN is a backup vault's.
    pub vault: Option<VaultArn>,
    pub lifecycle: LifecyclePhases,
}

/// A backup vault's ARN in parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VaultArn {
    pub name: String,
    pub region: String,
    pub account: String,
}

impl VaultArn {
    /// `arn:PARTITION:backup:REGION:ACCOUNT:backup-vault:NAME` in parts. A CloudFormation
    /// substitution such as `${AWS::AccountId}` stays whole, colons and all.
    pub fn parse(arn: &str) -> Option<VaultArn> {
        let mut parts: Vec<&str> = Vec::new();
        let (mut start, mut depth) = (0, 0usize);
        for (i, c) in arn.char_indices() {
            match c {
                '{' if arn[..i].ends_with('$') => depth += 1,
                '}' if depth > 0 => depth -= 1,
                ':' if depth == 0 && parts.len() < 6 => {
                    parts.push(&arn[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        parts.push(&arn[start..]);
        match parts.as_slice() {
            ["arn", _, "backup", region, account, "backup-vault", name] => Some(VaultArn {
                name: name.to_string(),
                region: region.to_string(),
                account: account.to_string(),
            }),
            _ => None,
        }
    }
}

/// A backup selection, summarised: its name, role and what it picks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectionSummary {
    /// SelectionName, or "selection N" when it has none.
    pub name: String,
    pub role: Option<String>,
    pub resources: usize,
    pub not_resources: usize,
    /// `Key = Value` for each tag condition (ListOfTags, and Conditions with their operator).
    pub tags: Vec<String>,
}

/// The name the document's (first) plan gives itself (BackupPlanName).
pub fn plan_name(root: &Node, form: PlanForm) -> Option<String> {
    let plan = forms::plans(root, form).into_iter().next()?;
    plan.node.get("BackupPlanName").and_then(written_text)
}

/// The rules of the document's (first) plan, the one the effective plan is made from.
pub fn rule_summaries(root: &Node, form: PlanForm) -> Vec<RuleSummary> {
    let Some((rules, names)) = forms::first_plan_rules(root, form) else {
        return Vec::new();
    };
    rules
        .iter()
        .enumerate()
        .map(|(i, rule)| {
            let text = |key: &str| rule.get(key).and_then(written_text);
            let continuous = rule
                .get("EnableContinuousBackup")
                .and_then(|n| form.flag(n))
                == Some(true);
            let window = |key: &str, default: i64| match rule.get(key) {
                Some(node) => Window {
                    minutes: form.whole_number(node),
                    default: false,
                },
                None => Window {
                    minutes: Some(default),
                    default: true,
                },
            };
            let lifecycle = rule.get("Lifecycle");
            let copies = rule
                .get("CopyActions")
                .map(Node::items)
                .unwrap_or_default()
                .iter()
                .map(|copy| {
                    let destination = copy.get("DestinationBackupVaultArn").map(Node::to_json);
                    // A !Sub ARN still names its Region and vault; ${AWS::AccountId} is the
                    // account.
                    let vault = destination
                        .as_ref()
                        .and_then(|d| d.get("Fn::Sub").or(Some(d)))
                        .and_then(Json::as_str)
                        .and_then(VaultArn::parse);
                    CopySummary {
                        arn: destination.as_ref().and_then(text_of).unwrap_or_default(),
                        vault,
                        lifecycle: LifecyclePhases::of_copy(copy.get("Lifecycle"), lifecycle, form),
                    }
                })
                .collect();
            RuleSummary {
                name: text("RuleName").unwrap_or_else(|| format!("{}[{i}]", names.rules)),
                vault: text(names.target_vault),
                schedule: schedule_source(rule),
                start_window: window("StartWindowMinutes", DEFAULT_START_WINDOW_MINUTES),
                completion_window: window(
                    "CompletionWindowMinutes",
                    DEFAULT_COMPLETION_WINDOW_MINUTES,
                ),
                continuous,
                lifecycle: LifecyclePhases::read(lifecycle, continuous, form),
                copies,
            }
        })
        .collect()
}

/// The schedule a rule runs on: as written, AWS's default (BackupRuleInput: `cron(0 5 ? * * *)`
/// in Etc/UTC), or a CloudFormation function's at deploy time.
fn schedule_source(rule: &Node) -> ScheduleSource {
    let (expression, timezone) = (
        rule.get("ScheduleExpression").map(Node::to_json),
        rule.get("ScheduleExpressionTimezone").map(Node::to_json),
    );
    if let Some(function) = [&expression, &timezone]
        .into_iter()
        .flatten()
        .find(|v| is_function(v))
    {
        return ScheduleSource::AtDeploy(text_of(function).unwrap_or_default());
    }
    let written = |value: &Option<Json>, default: &str| match value {
        Some(v) => text_of(v).unwrap_or_default(),
        None => default.to_string(),
    };
    ScheduleSource::Written {
        default: expression.is_none(),
        expression: written(&expression, DEFAULT_SCHEDULE_EXPRESSION),
        timezone: written(&timezone, DEFAULT_TIMEZONE),
    }
}

/// The selections in the document, for each form that has them.
pub fn selection_summaries(root: &Node, form: PlanForm) -> Vec<SelectionSummary> {
    forms::selections(root, form)
        .into_iter()
        .map(|(node, _)| node)
        .filter(|n| !n.members().is_empty())
        .enumerate()
        .map(|(i, n)| {
            let count = |key: &str| n.get(key).map_or(0, |l| l.items().len());
            let mut tags: Vec<String> = n
                .get("ListOfTags")
                .map(Node::items)
                .unwrap_or_default()
                .iter()
                .map(condition)
                .collect();
            for operator in n.get("Conditions").map(Node::members).unwrap_or_default() {
                for t in operator.value.items() {
                    tags.push(format!("{} ({})", condition(t), operator.key));
                }
            }
            SelectionSummary {
                name: n
                    .get("SelectionName")
                    .and_then(written_text)
                    .unwrap_or_else(|| format!("selection {}", i + 1)),
                role: n.get("IamRoleArn").and_then(written_text),
                resources: count("Resources"),
                not_resources: count("NotResources"),
                tags,
            }
        })
        .collect()
}

/// A tag condition (ListOfTags' or a Conditions operator's): `Key = Value`.
fn condition(node: &Node) -> String {
    let part = |k: &str| {
        node.get(k)
            .and_then(Node::as_str)
            .unwrap_or("?")
            .to_string()
    };
    format!("{} = {}", part("ConditionKey"), part("ConditionValue"))
}

fn written_text(node: &Node) -> Option<String> {
    text_of(&node.to_json())
}

/// A value as text: a string as it is, a number as written, a CloudFormation function as a
/// template writes it (`!Ref PrimaryVault`, `!GetAtt Vault.BackupVaultArn`, `!Sub arn:...`).
fn text_of(value: &Json) -> Option<String> {
    match value {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Object(members) if members.len() == 1 => {
            let (name, argument) = members.iter().next()?;
            let function = match name.as_str() {
                "Ref" => "Ref",
                other => other.strip_prefix("Fn::")?,
            };
            let argument = match (function, argument) {
                ("GetAtt", Json::Array(parts)) => parts
                    .iter()
                    .map(|p| text_of(p).unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join("."),
                (_, Json::String(s)) => s.clone(),
                // Compact JSON, as `Display` writes it; through `to_string`, whose writer the
                // scenario reader compiles anyway (Display's own writer is 2 KB more wasm).
                (_, other) => serde_json::to_string(other).unwrap_or_default(),
            };
            Some(format!("!{function} {argument}"))
        }
        _ => None,
    }
}

/// A CloudFormation function (`Ref`, `Fn::Sub`...): its value is known only at deploy time.
fn is_function(value: &Json) -> bool {
    matches!(value, Json::Object(m) if m.len() == 1 && m.keys().all(|k| k == "Ref" || k.starts_with("Fn::")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{CheckOptions, check};

    fn read(text: &str) -> (Node, PlanForm) {
        let checked = check(
            text,
            &CheckOptions {
                now: "2024-01-15T00:00:00Z".parse().unwrap(),
            },
        );
        (checked.root.unwrap(), checked.form.unwrap())
    }

    #[test]
    fn the_minimal_plan_shows_the_defaults() {
        let (root, form) = read(
            r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "vv"}]}"#,
        );
        let rules = rule_summaries(&root, form);
        assert_eq!(rules.len(), 1);
        assert_eq!(
            rules[0].start_window,
            Window {
                minutes: Some(DEFAULT_START_WINDOW_MINUTES),
                default: true
            }
        );
        assert_eq!(
            rules[0].schedule,
            ScheduleSource::Written {
                expression: DEFAULT_SCHEDULE_EXPRESSION.to_string(),
                timezone: DEFAULT_TIMEZONE.to_string(),
                default: true
            }
        );
        assert_eq!(plan_name(&root, form).as_deref(), Some("p"));
    }

    #[test]
    fn a_copy_without_a_lifecycle_keeps_the_source_lifecycle() {
        let (root, form) = read(
            r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "vv",
            "Lifecycle": {"DeleteAfterDays": 35},
            "CopyActions": [{"DestinationBackupVaultArn": "arn:aws:backup:eu-west-1:111122223333:backup-vault:dr"}]}]}"#,
        );
        let rules = rule_summaries(&root, form);
        let copy = &rules[0].copies[0].lifecycle;
        assert_eq!(copy.deleted_after, Some(35));
        assert!(
            copy.summary.contains("the source's lifecycle"),
            "{}",
            copy.summary
        );
    }

    #[test]
    fn a_cloudformation_template_reads_its_functions_and_string_numbers() {
        let (root, form) = read(include_str!("../../tests/data/plans/cloudformation.yaml"));
        let rules = rule_summaries(&root, form);
        assert_eq!(rules[0].vault.as_deref(), Some("!Ref PrimaryVault"));
        assert_eq!(
            rules[0].copies[0].arn,
            "!GetAtt AirGappedVault.BackupVaultArn"
        );
        assert_eq!(
            rules[0].copies[1].vault,
            Some(VaultArn {
                name: "dr-vault".to_string(),
                region: "eu-west-1".to_string(),
                account: "${AWS::AccountId}".to_string()
            })
        );
        // "1825" as a string: CloudFormation converts it.
        assert_eq!(rules[1].lifecycle.deleted_after, Some(1825));
        assert!(rules[1].start_window.default && !rules[0].start_window.default);
        let selections = selection_summaries(&root, form);
        assert_eq!(selections[0].name, "all-tagged-resources");
        assert!(
            selections[0]
                .role
                .as_deref()
                .unwrap()
                .starts_with("!Sub arn:aws:iam::")
        );
    }

    /// The pointers of the checker's errors.
    fn errors(text: &str) -> Vec<String> {
        let checked = check(
            text,
            &CheckOptions {
                now: "2024-01-15T00:00:00Z".parse().unwrap(),
            },
        );
        checked
            .findings
            .into_iter()
            .filter(|f| f.diagnostic.is_error())
            .filter_map(|f| f.diagnostic.pointer)
            .collect()
    }

    #[test]
    fn a_rule_card_and_the_checker_agree_on_numbers_written_as_strings() {
        // The API takes numbers only: the checker refuses "60" and "35", and the card reads
        // neither (it shows the window as unknown and the lifecycle as unreadable).
        let api = r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "v",
            "StartWindowMinutes": "60", "Lifecycle": {"DeleteAfterDays": "35"}}]}"#;
        let refused = errors(api);
        assert!(
            refused.contains(&"/Rules/0/StartWindowMinutes".to_string()),
            "{refused:?}"
        );
        assert!(
            refused.contains(&"/Rules/0/Lifecycle/DeleteAfterDays".to_string()),
            "{refused:?}"
        );
        let (root, form) = read(api);
        let rule = &rule_summaries(&root, form)[0];
        assert_eq!(rule.start_window.minutes, None);
        assert!(rule.lifecycle.invalid, "{:?}", rule.lifecycle);

        // CloudFormation converts them: the checker takes them, and so does the card.
        let template = r#"{"Resources": {"Plan": {"Type": "AWS::Backup::BackupPlan", "Properties": {
            "BackupPlan": {"BackupPlanName": "p", "BackupPlanRule": [{"RuleName": "r",
            "TargetBackupVault": "v", "StartWindowMinutes": "60",
            "Lifecycle": {"DeleteAfterDays": "35"}}]}}}}}"#;
        assert_eq!(errors(template), Vec::<String>::new());
        let (root, form) = read(template);
        let rule = &rule_summaries(&root, form)[0];
        assert_eq!(rule.start_window.minutes, Some(60));
        assert_eq!(rule.lifecycle.deleted_after, Some(35));
    }

    #[test]
    fn vault_arns_give_name_region_and_account() {
        assert_eq!(
            VaultArn::parse("arn:aws:backup:eu-west-1:111122223333:backup-vault:dr-vault"),
            Some(VaultArn {
                name: "dr-vault".to_string(),
                region: "eu-west-1".to_string(),
                account: "111122223333".to_string()
            })
        );
        assert_eq!(VaultArn::parse("arn:aws:s3:::bucket"), None);
    }
}
