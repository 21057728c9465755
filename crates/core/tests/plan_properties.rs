//! Properties of plan checking, over valid plans broken on purpose: the guide's plan and plans
//! generated in every form (the API's inputs and outputs, a plan with its Selections, selections,
//! a CloudFormation template), mutated — a member deleted, an unknown or misplaced member
//! inserted, a key repeated, a value's type changed, a number made extreme, a string made odd —
//! written as compact JSON, pretty JSON or YAML, and perhaps cut at a random character.
//!
//! The issue's property: every diagnostic's pointer names a place in the document (or a missing
//! member of one). And: findings are in document order, each finding's line and column are where
//! its span starts, checking never panics, and the same text gives the same findings.
//!
//! `PROPTEST_CASES=20000 cargo test --release -p vaultsim-core --test plan_properties` for a
//! longer run.

use std::fmt;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;
use vaultsim_core::document::{Node, Value, line_column};
use vaultsim_core::plan::{CheckOptions, Checked, check};

fn options() -> CheckOptions {
    CheckOptions {
        now: "2024-01-15T00:00:00Z".parse().unwrap(),
    }
}

// ---- Documents ------------------------------------------------------------------------------

/// A JSON value whose objects may repeat a key, and whose numbers are written as given.
#[derive(Clone, Debug, PartialEq)]
enum Doc {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Doc>),
    Object(Vec<(String, Doc)>),
}

fn s(text: &str) -> Doc {
    Doc::String(text.to_string())
}

fn n(number: i64) -> Doc {
    Doc::Number(number.to_string())
}

fn obj(members: Vec<(&str, Doc)>) -> Doc {
    Doc::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// An object of the members that are present.
fn some(members: Vec<(&str, Option<Doc>)>) -> Doc {
    obj(members
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect())
}

fn from_json(value: &serde_json::Value) -> Doc {
    use serde_json::Value as J;
    match value {
        J::Null => Doc::Null,
        J::Bool(b) => Doc::Bool(*b),
        J::Number(n) => Doc::Number(n.to_string()),
        J::String(s) => Doc::String(s.clone()),
        J::Array(items) => Doc::Array(items.iter().map(from_json).collect()),
        J::Object(members) => Doc::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), from_json(v)))
                .collect(),
        ),
    }
}

fn fixtures_dir() -> String {
    format!("{}/tests/data/plans", env!("CARGO_MANIFEST_DIR"))
}

/// The guide's plan without its comments: the page's first template, kept with its examples.
const GUIDE_PLAN: &str = include_str!("../../../www/examples/guide-plan.json");

/// The guide's plan (without its comments), as a document to mutate.
fn guide_plan() -> &'static Doc {
    static PLAN: OnceLock<Doc> = OnceLock::new();
    PLAN.get_or_init(|| from_json(&serde_json::from_str(GUIDE_PLAN).unwrap()))
}

/// Every plan fixture's text as it is (comments, YAML and all), and the guide's plan, to cut.
fn fixture_texts() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let mut paths: Vec<_> = std::fs::read_dir(fixtures_dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "yaml"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .chain([GUIDE_PLAN.to_string()])
            .collect()
    })
}

// ---- Writing documents ----------------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
enum Syntax {
    Compact,
    Pretty,
    Yaml,
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

fn write_json(doc: &Doc, pretty: bool, indent: usize, out: &mut String) {
    let newline = |out: &mut String, indent: usize| {
        if pretty {
            out.push('\n');
            out.push_str(&"  ".repeat(indent));
        }
    };
    match doc {
        Doc::Null => out.push_str("null"),
        Doc::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Doc::Number(n) => out.push_str(n),
        Doc::String(s) => out.push_str(&json_string(s)),
        Doc::Array(items) if items.is_empty() => out.push_str("[]"),
        Doc::Object(members) if members.is_empty() => out.push_str("{}"),
        Doc::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent + 1);
                write_json(item, pretty, indent + 1, out);
            }
            newline(out, indent);
            out.push(']');
        }
        Doc::Object(members) => {
            out.push('{');
            for (i, (key, value)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent + 1);
                out.push_str(&json_string(key));
                out.push_str(if pretty { ": " } else { ":" });
                write_json(value, pretty, indent + 1, out);
            }
            newline(out, indent);
            out.push('}');
        }
    }
}

/// A YAML double-quoted scalar: JSON's escapes, which YAML shares, YAML's own, and `\u`/`\U` for
/// what YAML may not hold unescaped.
fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            // YAML's own escapes, which do not shrink the text as JSON's do.
            '\u{85}' => out.push_str("\\N"),
            '\u{a0}' => out.push_str("\\_"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fefe}' => out.push(c),
            '\u{ff00}'..='\u{fffd}' | '\u{10000}'.. => out.push(c),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// A key YAML reads as the same string when unquoted, written plain as people write templates.
fn is_plain_key(key: &str) -> bool {
    key.chars().next().is_some_and(char::is_alphabetic)
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./:".contains(c))
        && !key.ends_with(':')
        && !matches!(
            key.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        )
}

fn yaml_key(key: &str) -> String {
    if is_plain_key(key) {
        key.to_string()
    } else {
        yaml_string(key)
    }
}

fn yaml_scalar(doc: &Doc) -> String {
    match doc {
        Doc::Null => "null".to_string(),
        Doc::Bool(b) => b.to_string(),
        Doc::Number(n) => n.clone(),
        Doc::String(s) => yaml_string(s),
        Doc::Array(_) => "[]".to_string(),
        Doc::Object(_) => "{}".to_string(),
    }
}

fn is_block(doc: &Doc) -> bool {
    match doc {
        Doc::Array(items) => !items.is_empty(),
        Doc::Object(members) => !members.is_empty(),
        _ => false,
    }
}

/// Block style, keys plain where they can be, strings double-quoted, two spaces a level.
fn write_yaml(doc: &Doc, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    let entry = |out: &mut String, lead: &str, value: &Doc| {
        out.push_str(&pad);
        out.push_str(lead);
        if is_block(value) {
            out.push('\n');
            write_yaml(value, indent + 1, out);
        } else {
            out.push(' ');
            out.push_str(&yaml_scalar(value));
            out.push('\n');
        }
    };
    match doc {
        Doc::Array(items) if !items.is_empty() => {
            for item in items {
                entry(out, "-", item);
            }
        }
        Doc::Object(members) if !members.is_empty() => {
            for (key, value) in members {
                entry(out, &format!("{}:", yaml_key(key)), value);
            }
        }
        scalar => {
            out.push_str(&yaml_scalar(scalar));
            out.push('\n');
        }
    }
}

fn write(doc: &Doc, syntax: Syntax) -> String {
    let mut out = String::new();
    match syntax {
        Syntax::Compact => write_json(doc, false, 0, &mut out),
        Syntax::Pretty => write_json(doc, true, 0, &mut out),
        Syntax::Yaml => write_yaml(doc, 0, &mut out),
    }
    out
}

// ---- Valid plans ----------------------------------------------------------------------------

const SCHEDULES: &[&str] = &[
    "cron(0 2 * * ? *)",
    "cron(0 3 ? * SUN *)",
    "cron(0 5 L * ? *)",
    "cron(15 10 ? * 6L *)",
    "cron(0 0/12 * * ? *)",
    "cron(0 10 ? * MON#2 *)",
];

const ZONES: &[&str] = &[
    "Etc/UTC",
    "Europe/London",
    "America/New_York",
    "Asia/Kolkata",
];

fn pick<T: Clone + fmt::Debug + 'static>(values: &'static [T]) -> impl Strategy<Value = T> {
    prop::sample::select(values)
}

fn lifecycle() -> impl Strategy<Value = Doc> {
    (prop::option::of(0i64..60), 0i64..400).prop_map(|(cold, extra)| match cold {
        Some(cold) => obj(vec![
            ("MoveToColdStorageAfterDays", n(cold)),
            ("DeleteAfterDays", n(cold + 90 + extra)),
        ]),
        None => obj(vec![("DeleteAfterDays", n(1 + extra))]),
    })
}

fn copy_action() -> impl Strategy<Value = Doc> {
    (
        pick(&["eu-west-1", "us-east-2"]),
        prop::option::of(lifecycle()),
    )
        .prop_map(|(region, lifecycle)| {
            some(vec![
                (
                    "DestinationBackupVaultArn",
                    Some(s(&format!(
                        "arn:aws:backup:{region}:111122223333:backup-vault:dr-vault"
                    ))),
                ),
                ("Lifecycle", lifecycle),
            ])
        })
}

/// A valid rule, in the API's names.
fn rule() -> impl Strategy<Value = Doc> {
    (
        (
            pick(&["daily", "weekly", "monthly.v2", "hourly_db"]),
            prop::option::of(pick(SCHEDULES)),
            prop::option::of(pick(ZONES)),
            prop::option::of(pick(&[60i64, 120, 480])),
            prop::option::of(pick(&[1440i64, 10080])),
        ),
        (
            prop::option::of(lifecycle()),
            prop::collection::vec(copy_action(), 0..3),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (name, schedule, zone, start, completion),
                (lifecycle, copies, continuous, tags, index),
            )| {
                let (lifecycle, continuous) = if continuous {
                    (
                        Some(obj(vec![("DeleteAfterDays", n(35))])),
                        Some(Doc::Bool(true)),
                    )
                } else {
                    (lifecycle, None)
                };
                some(vec![
                    ("RuleName", Some(s(name))),
                    ("TargetBackupVaultName", Some(s("prod-vault"))),
                    ("ScheduleExpression", schedule.map(s)),
                    ("ScheduleExpressionTimezone", zone.map(s)),
                    ("StartWindowMinutes", start.map(n)),
                    ("CompletionWindowMinutes", completion.map(n)),
                    ("Lifecycle", lifecycle),
                    ("EnableContinuousBackup", continuous),
                    (
                        "RecoveryPointTags",
                        tags.then(|| obj(vec![("team", s("storage")), ("tier", s("gold"))])),
                    ),
                    (
                        "CopyActions",
                        (!copies.is_empty()).then(|| Doc::Array(copies.clone())),
                    ),
                    (
                        "IndexActions",
                        index.then(|| {
                            Doc::Array(vec![obj(vec![(
                                "ResourceTypes",
                                Doc::Array(vec![s("EBS")]),
                            )])])
                        }),
                    ),
                ])
            },
        )
}

/// A valid selection.
fn selection() -> impl Strategy<Value = Doc> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(resources, tags, conditions, not)| {
            let resources = resources || !(tags || conditions);
            some(vec![
                ("SelectionName", Some(s("all-tagged"))),
                (
                    "IamRoleArn",
                    Some(s(
                        "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole",
                    )),
                ),
                (
                    "Resources",
                    resources.then(|| {
                        Doc::Array(vec![
                            s("arn:aws:ec2:us-east-1:123456789012:volume/vol-0abc"),
                            s("arn:aws:s3:::my-bucket-*"),
                        ])
                    }),
                ),
                (
                    "NotResources",
                    not.then(|| Doc::Array(vec![s("arn:aws:s3:::my-bucket-scratch")])),
                ),
                (
                    "ListOfTags",
                    tags.then(|| {
                        Doc::Array(vec![obj(vec![
                            ("ConditionType", s("STRINGEQUALS")),
                            ("ConditionKey", s("Backup")),
                            ("ConditionValue", s("true")),
                        ])])
                    }),
                ),
                (
                    "Conditions",
                    conditions.then(|| {
                        obj(vec![(
                            "StringEquals",
                            Doc::Array(vec![obj(vec![
                                ("ConditionKey", s("aws:ResourceTag/Backup")),
                                ("ConditionValue", s("true")),
                            ])]),
                        )])
                    }),
                ),
            ])
        },
    )
}

/// A rule in CloudFormation's names, its vault by `Ref` or by name, its numbers perhaps
/// written as strings (CloudFormation converts them).
fn cloudformation_rule(rule: &Doc, by_ref: bool, quoted: bool) -> Doc {
    let Doc::Object(members) = rule else {
        return rule.clone();
    };
    let members = members
        .iter()
        .map(|(k, v)| match (k.as_str(), v) {
            ("TargetBackupVaultName", _) if by_ref => (
                "TargetBackupVault".to_string(),
                obj(vec![("Ref", s("Vault"))]),
            ),
            ("TargetBackupVaultName", v) => ("TargetBackupVault".to_string(), v.clone()),
            (_, Doc::Number(n)) if quoted => (k.clone(), s(n)),
            _ => (k.clone(), v.clone()),
        })
        .collect();
    Doc::Object(members)
}

fn cloudformation(rules: &[Doc], selection: &Doc, by_ref: bool, quoted: bool) -> Doc {
    let rules = rules
        .iter()
        .map(|r| cloudformation_rule(r, by_ref, quoted))
        .collect();
    let resource = |kind: &str, properties: Doc| {
        obj(vec![
            ("Type", s(&format!("AWS::Backup::{kind}"))),
            ("Properties", properties),
        ])
    };
    obj(vec![
        ("AWSTemplateFormatVersion", s("2010-09-09")),
        (
            "Resources",
            obj(vec![
                (
                    "Vault",
                    resource(
                        "BackupVault",
                        obj(vec![
                            ("BackupVaultName", s("prod-vault")),
                            (
                                "LockConfiguration",
                                obj(vec![
                                    ("MinRetentionDays", n(1)),
                                    ("MaxRetentionDays", n(3650)),
                                    ("ChangeableForDays", n(3)),
                                ]),
                            ),
                        ]),
                    ),
                ),
                (
                    "AirGapped",
                    resource(
                        "LogicallyAirGappedBackupVault",
                        obj(vec![
                            ("BackupVaultName", s("air-gapped")),
                            ("MinRetentionDays", n(7)),
                            ("MaxRetentionDays", n(3650)),
                        ]),
                    ),
                ),
                (
                    "Plan",
                    resource(
                        "BackupPlan",
                        obj(vec![(
                            "BackupPlan",
                            obj(vec![
                                ("BackupPlanName", s("prod-plan")),
                                ("BackupPlanRule", Doc::Array(rules)),
                            ]),
                        )]),
                    ),
                ),
                (
                    "Selection",
                    resource(
                        "BackupSelection",
                        obj(vec![
                            ("BackupPlanId", obj(vec![("Ref", s("Plan"))])),
                            ("BackupSelection", selection.clone()),
                        ]),
                    ),
                ),
            ]),
        ),
    ])
}

/// A valid document in one of the forms a plan comes in.
fn valid_document() -> impl Strategy<Value = Doc> {
    let generated = (
        prop::collection::vec(rule(), 1..4),
        prop::collection::vec(selection(), 1..3),
        0..8u8,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(rules, selections, form, flag, other_flag)| {
            let plan = some(vec![
                ("BackupPlanName", Some(s("prod-daily-backup-plan"))),
                ("Rules", Some(Doc::Array(rules.clone()))),
                (
                    "AdvancedBackupSettings",
                    flag.then(|| {
                        Doc::Array(vec![obj(vec![
                            ("ResourceType", s("EC2")),
                            ("BackupOptions", obj(vec![("WindowsVSS", s("enabled"))])),
                        ])])
                    }),
                ),
            ]);
            let with = |mut doc: Doc, extra: Vec<(&str, Doc)>| {
                if let Doc::Object(members) = &mut doc {
                    members.extend(extra.into_iter().map(|(k, v)| (k.to_string(), v)));
                }
                doc
            };
            match form {
                0 => plan,
                1 => with(plan, vec![("Selections", Doc::Array(selections))]),
                2 => obj(vec![
                    ("BackupPlan", plan),
                    ("BackupPlanTags", obj(vec![("team", s("storage"))])),
                ]),
                3 => obj(vec![
                    ("BackupPlan", plan),
                    ("BackupPlanId", s("8a1b2c3d")),
                    ("VersionId", s("v1")),
                ]),
                4 => selections[0].clone(),
                5 => obj(vec![("BackupSelection", selections[0].clone())]),
                _ => cloudformation(&rules, &selections[0], flag, other_flag),
            }
        });
    prop_oneof![1 => Just(guide_plan().clone()), 6 => generated]
}

// ---- Breaking them --------------------------------------------------------------------------

/// Member names to insert: unknown ones, misspelt ones, the names of other forms and places, and
/// names that need escaping in a JSON Pointer.
const NAMES: &[&str] = &[
    "Foo",
    "ScheduleExpresion",
    "BackupPlanName",
    "Rules",
    "RuleName",
    "TargetBackupVaultName",
    "Lifecycle",
    "DeleteAfterDays",
    "MoveToColdStorageAfterDays",
    "DeleteAfterEvent",
    "EnableContinuousBackup",
    "CopyActions",
    "IndexActions",
    "AdvancedBackupSettings",
    "BackupPlan",
    "BackupPlanId",
    "BackupSelection",
    "Selections",
    "SelectionName",
    "IamRoleArn",
    "Resources",
    "Conditions",
    "StringEquals",
    "AWSTemplateFormatVersion",
    "Type",
    "Properties",
    "LockConfiguration",
    "Ref",
    "Fn::GetAtt",
    "",
    "a/b",
    "~0",
    "~1/~",
    "é",
    "Übername",
    "日本",
    "😀 key",
];

/// Numbers at and beyond AWS's limits, and numbers that are not whole or not representable.
const NUMBERS: &[&str] = &[
    "-1",
    "0",
    "29",
    "60",
    "36501",
    "1e9",
    "60.5",
    "52560001",
    "9223372036854775808",
    "-9223372036854775809",
    "1e400",
    "-0",
];

fn odd_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".to_string()),
        Just("   ".to_string()),
        Just("\t".to_string()),
        Just("é".to_string()),
        Just("日本語のボールト".to_string()),
        Just("😀".to_string()),
        Just("\u{202e}evil".to_string()),
        Just("a\u{0}b".to_string()),
        Just("line\nbreak".to_string()),
        Just("\"quoted\" \\ back".to_string()),
        Just("~/a/b~1".to_string()),
        Just("cron(0 24 * * ? *)".to_string()),
        Just("cron(0 é * * ? *)".to_string()),
        Just("arn:aws:backup:é:😀:backup-vault:x".to_string()),
        Just("x".repeat(5_000)),
        Just("é".repeat(2_000)),
        "\\PC{0,20}",
    ]
}

fn leaf() -> impl Strategy<Value = Doc> {
    prop_oneof![
        Just(Doc::Null),
        any::<bool>().prop_map(Doc::Bool),
        pick(NUMBERS).prop_map(|n| Doc::Number(n.to_string())),
        odd_string().prop_map(Doc::String),
        Just(Doc::Array(vec![])),
        Just(Doc::Object(vec![])),
    ]
}

/// A small value to insert: a leaf, or an array or object of leaves (its keys distinct: a
/// repeated key is a mutation of its own).
fn small_value() -> impl Strategy<Value = Doc> {
    leaf().prop_recursive(2, 6, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Doc::Array),
            prop::collection::btree_map(pick(NAMES), inner, 0..3).prop_map(|members| {
                Doc::Object(
                    members
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect(),
                )
            }),
        ]
    })
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

#[derive(Clone, Debug)]
enum Mutation {
    DeleteMember {
        object: Index,
        member: Index,
    },
    InsertMember {
        object: Index,
        position: Index,
        name: String,
        value: Doc,
    },
    /// Repeats a key of an object, with another value or the same, before or after the first.
    DuplicateKey {
        object: Index,
        member: Index,
        position: Index,
        value: Option<Doc>,
    },
    ChangeType {
        node: Index,
        kind: Kind,
        wrap: bool,
    },
    ExtremeNumber {
        number: Index,
        value: &'static str,
    },
    OddString {
        string: Index,
        value: String,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let kind = prop_oneof![
        Just(Kind::Null),
        Just(Kind::Bool),
        Just(Kind::Number),
        Just(Kind::String),
        Just(Kind::Array),
        Just(Kind::Object),
    ];
    prop_oneof![
        (any::<Index>(), any::<Index>())
            .prop_map(|(object, member)| Mutation::DeleteMember { object, member }),
        (
            any::<Index>(),
            any::<Index>(),
            prop_oneof![3 => pick(NAMES).prop_map(str::to_string), 1 => "\\PC{0,12}"],
            small_value()
        )
            .prop_map(|(object, position, name, value)| Mutation::InsertMember {
                object,
                position,
                name,
                value
            }),
        (
            any::<Index>(),
            any::<Index>(),
            any::<Index>(),
            prop::option::of(small_value())
        )
            .prop_map(|(object, member, position, value)| Mutation::DuplicateKey {
                object,
                member,
                position,
                value
            }),
        (any::<Index>(), kind, any::<bool>()).prop_map(|(node, kind, wrap)| Mutation::ChangeType {
            node,
            kind,
            wrap
        }),
        (any::<Index>(), pick(NUMBERS))
            .prop_map(|(number, value)| Mutation::ExtremeNumber { number, value }),
        (any::<Index>(), odd_string())
            .prop_map(|(string, value)| Mutation::OddString { string, value }),
    ]
}

/// The paths (child positions from the root) of the nodes `keep` accepts, in document order.
fn paths(doc: &Doc, keep: &dyn Fn(&Doc) -> bool) -> Vec<Vec<usize>> {
    fn walk(
        doc: &Doc,
        path: &mut Vec<usize>,
        keep: &dyn Fn(&Doc) -> bool,
        out: &mut Vec<Vec<usize>>,
    ) {
        if keep(doc) {
            out.push(path.clone());
        }
        let children: Vec<&Doc> = match doc {
            Doc::Array(items) => items.iter().collect(),
            Doc::Object(members) => members.iter().map(|(_, v)| v).collect(),
            _ => vec![],
        };
        for (i, child) in children.into_iter().enumerate() {
            path.push(i);
            walk(child, path, keep, out);
            path.pop();
        }
    }
    let mut out = Vec::new();
    walk(doc, &mut Vec::new(), keep, &mut out);
    out
}

fn node_mut<'a>(doc: &'a mut Doc, path: &[usize]) -> &'a mut Doc {
    path.iter().fold(doc, |node, &i| match node {
        Doc::Array(items) => &mut items[i],
        Doc::Object(members) => &mut members[i].1,
        _ => unreachable!("paths lead through collections"),
    })
}

/// The node `index` picks among those `keep` accepts, if there is one.
fn chosen<'a>(doc: &'a mut Doc, index: &Index, keep: &dyn Fn(&Doc) -> bool) -> Option<&'a mut Doc> {
    let found = paths(doc, keep);
    if found.is_empty() {
        return None;
    }
    let path = found[index.index(found.len())].clone();
    Some(node_mut(doc, &path))
}

fn is_object(doc: &Doc) -> bool {
    matches!(doc, Doc::Object(_))
}

fn has_members(doc: &Doc) -> bool {
    matches!(doc, Doc::Object(m) if !m.is_empty())
}

fn apply(doc: &mut Doc, mutation: &Mutation) {
    match mutation {
        Mutation::DeleteMember { object, member } => {
            if let Some(Doc::Object(members)) = chosen(doc, object, &has_members) {
                members.remove(member.index(members.len()));
            }
        }
        Mutation::InsertMember {
            object,
            position,
            name,
            value,
        } => {
            if let Some(Doc::Object(members)) = chosen(doc, object, &is_object) {
                let at = position.index(members.len() + 1);
                members.insert(at, (name.clone(), value.clone()));
            }
        }
        Mutation::DuplicateKey {
            object,
            member,
            position,
            value,
        } => {
            if let Some(Doc::Object(members)) = chosen(doc, object, &has_members) {
                let (key, old) = members[member.index(members.len())].clone();
                let at = position.index(members.len() + 1);
                members.insert(at, (key, value.clone().unwrap_or(old)));
            }
        }
        Mutation::ChangeType { node, kind, wrap } => {
            let Some(node) = chosen(doc, node, &|_| true) else {
                return;
            };
            let old = std::mem::replace(node, Doc::Null);
            *node = match kind {
                Kind::Null => Doc::Null,
                Kind::Bool => Doc::Bool(*wrap),
                Kind::Number => match &old {
                    Doc::String(t) if t.trim().parse::<f64>().is_ok() => {
                        Doc::Number(t.trim().to_string())
                    }
                    Doc::Bool(b) => Doc::Number(u8::from(*b).to_string()),
                    _ => n(60),
                },
                Kind::String => match &old {
                    Doc::Number(t) => Doc::String(t.clone()),
                    Doc::Bool(b) => Doc::String(b.to_string()),
                    Doc::String(t) => Doc::String(t.clone()),
                    _ => s("x"),
                },
                Kind::Array if *wrap => Doc::Array(vec![old]),
                Kind::Array => Doc::Array(vec![]),
                Kind::Object if *wrap => Doc::Object(vec![("Value".to_string(), old)]),
                Kind::Object => Doc::Object(vec![]),
            };
        }
        Mutation::ExtremeNumber { number, value } => {
            if let Some(node) = chosen(doc, number, &|d| matches!(d, Doc::Number(_))) {
                *node = Doc::Number(value.to_string());
            }
        }
        Mutation::OddString { string, value } => {
            if let Some(node) = chosen(doc, string, &|d| matches!(d, Doc::String(_))) {
                *node = Doc::String(value.clone());
            }
        }
    }
}

/// A text to check, and the whole document it was cut from (the same text when not cut).
#[derive(Clone)]
struct Sample {
    text: String,
    whole: String,
}

impl fmt::Debug for Sample {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.text.len() == self.whole.len() {
            write!(f, "{:?}", self.text)
        } else {
            write!(f, "{:?} (cut from {:?})", self.text, self.whole)
        }
    }
}

/// Cuts `text` at the character boundary at or before the byte `index` picks.
fn cut(text: &str, at: Option<Index>) -> Sample {
    let mut end = at.map_or(text.len(), |i| i.index(text.len() + 1));
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Sample {
        text: text[..end].to_string(),
        whole: text.to_string(),
    }
}

fn syntax() -> impl Strategy<Value = Syntax> {
    prop_oneof![
        Just(Syntax::Compact),
        Just(Syntax::Pretty),
        Just(Syntax::Yaml)
    ]
}

/// A valid document broken by up to four mutations, written out, and cut one time in four.
fn broken_plan() -> impl Strategy<Value = Sample> {
    let mutated = (
        valid_document(),
        prop::collection::vec(mutation(), 0..5),
        syntax(),
        prop::option::weighted(0.25, any::<Index>()),
    )
        .prop_map(|(mut doc, mutations, syntax, at)| {
            for m in &mutations {
                apply(&mut doc, m);
            }
            cut(&write(&doc, syntax), at)
        });
    let fixture = (any::<Index>(), any::<Index>()).prop_map(|(which, at)| {
        let texts = fixture_texts();
        cut(&texts[which.index(texts.len())], Some(at))
    });
    prop_oneof![9 => mutated, 1 => fixture]
}

// ---- JSON Pointers --------------------------------------------------------------------------

/// The reference tokens of a JSON Pointer (RFC 6901), unescaped; `None` if it is malformed.
fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    pointer
        .strip_prefix('/')?
        .split('/')
        .map(|token| {
            let mut out = String::new();
            let mut chars = token.chars();
            while let Some(c) = chars.next() {
                match c {
                    '~' => match chars.next() {
                        Some('0') => out.push('~'),
                        Some('1') => out.push('/'),
                        _ => return None,
                    },
                    c => out.push(c),
                }
            }
            Some(out)
        })
        .collect()
}

fn child<'a>(node: &'a Node, token: &str) -> Option<&'a Node> {
    match &node.value {
        Value::Object(_) => node.get(token),
        Value::Array(items) => {
            // RFC 6901: an index is 0 or digits without a leading zero.
            let canonical = token == "0" || (!token.starts_with('0') && !token.is_empty());
            canonical
                .then(|| token.parse::<usize>().ok())
                .flatten()
                .and_then(|i| items.get(i))
        }
        _ => None,
    }
}

fn resolve<'a>(root: &'a Node, tokens: &[String]) -> Option<&'a Node> {
    tokens
        .iter()
        .try_fold(root, |node, token| child(node, token))
}

/// Whether a reader's pointer names the value it was reading in `root`: the value itself, or a
/// member or item of an existing value that the reading did not finish (a key cut short), or a
/// value under a key that a later repeat of the key shadows.
fn names_a_value_being_read(root: &Node, tokens: &[String]) -> bool {
    let mut node = root;
    for (i, token) in tokens.iter().enumerate() {
        let repeated = node.members().iter().filter(|m| &m.key == token).count() > 1;
        if repeated {
            return true;
        }
        match child(node, token) {
            Some(next) => node = next,
            None => return i + 1 == tokens.len(),
        }
    }
    true
}

fn is_syntax(code: &str) -> bool {
    code.starts_with("json-") || code.starts_with("yaml-")
}

fn checked(text: &str) -> Checked {
    check(text, &options())
}

/// Every finding's span lies in the text on character boundaries, and its line and column are
/// those of the span's start.
fn findings_are_placed_in(text: &str) -> Result<(), TestCaseError> {
    for f in checked(text).findings {
        let (code, span) = (f.diagnostic.code, &f.diagnostic.span);
        prop_assert!(
            span.start <= span.end && span.end <= text.len(),
            "{}: {:?} in {} bytes",
            code,
            span,
            text.len()
        );
        prop_assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{}: {:?} cuts a character ({})",
            code,
            span,
            f.diagnostic.message
        );
        prop_assert!(f.line >= 1 && f.column >= 1);
        prop_assert_eq!(
            (f.line, f.column),
            line_column(text, span.start),
            "{}",
            code
        );
    }
    Ok(())
}

/// Schedule and time zone text as people mistype it: unicode, blanks, and characters that JSON
/// and YAML write escaped.
fn schedule_text() -> impl Strategy<Value = String> {
    const PARTS: &[&str] = &[
        "cron(",
        "0",
        "5",
        "24",
        "*",
        "?",
        ")",
        "MON#2",
        "L",
        " ",
        "\t",
        "\"",
        "\\",
        "/",
        "é",
        "😀",
        "\u{85}",
        "\u{a0}",
        "\u{2028}",
        "Europe/Londn",
        "Etc/UTC",
    ];
    prop::collection::vec(pick(PARTS), 0..12).prop_map(|parts| parts.concat())
}

// ---- The properties -------------------------------------------------------------------------

proptest! {
    // No regressions file: a failure prints its minimal input, which is what to keep.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    /// The issue's property: every diagnostic's pointer names a place in the document, or a
    /// missing member of one; a reader's pointer names the value it was reading. (It found that a
    /// value shadowed by a repeat of its key was checked under the repeat's pointer, and that a
    /// template without Resources pointed at /Resources as something other than missing.)
    #[test]
    fn every_pointer_names_a_place_in_the_document_or_a_missing_member_of_one(sample in broken_plan()) {
        let result = checked(&sample.text);
        // Where reading stopped there is no tree: the value being read is in the whole document.
        // The whole document is the reference for where reading was; a key given twice in it
        // keeps only its last value in the tree, so a pointer into the shadowed first value
        // (where the cut text stopped) cannot be followed there.
        let whole = (result.root.is_none() && sample.text.len() < sample.whole.len())
            .then(|| checked(&sample.whole))
            .filter(|whole| !whole.findings.iter().any(|f| f.diagnostic.code.ends_with("duplicate-key")))
            .and_then(|whole| whole.root);
        for f in &result.findings {
            let d = &f.diagnostic;
            let Some(pointer) = &d.pointer else { continue };
            let tokens = tokens(pointer);
            prop_assert!(tokens.is_some(), "{} has a malformed pointer {:?}", d.code, pointer);
            let tokens = tokens.unwrap();
            if is_syntax(d.code) {
                // A value shadowed by a repeat of its key is not in the tree, yet the syntax
                // findings inside it keep the pointer of where they were read.
                let shadowed = result.findings.iter().any(|f| f.diagnostic.code.ends_with("duplicate-key"));
                if shadowed {
                    continue;
                }
                if let Some(root) = result.root.as_ref().or(whole.as_ref()) {
                    prop_assert!(
                        names_a_value_being_read(root, &tokens),
                        "{}: {:?} names no value being read ({})", d.code, pointer, d.message
                    );
                }
                continue;
            }
            let root = result.root.as_ref();
            prop_assert!(root.is_some(), "{} without a document tree", d.code);
            let root = root.unwrap();
            let exists = resolve(root, &tokens).is_some();
            let missing_member = d.code == "missing-member"
                && !tokens.is_empty()
                && resolve(root, &tokens[..tokens.len() - 1]).is_some();
            prop_assert!(
                exists || missing_member,
                "{}: {:?} names no place in the document ({})", d.code, pointer, d.message
            );
        }
    }

    #[test]
    fn findings_are_sorted_by_where_they_start(sample in broken_plan()) {
        let starts: Vec<usize> = checked(&sample.text)
            .findings
            .iter()
            .map(|f| f.diagnostic.span.start)
            .collect();
        prop_assert!(starts.is_sorted(), "{:?}", starts);
    }

    /// And each span lies in the text, on character boundaries, so it can be shown. (It found
    /// spans of one byte at a node's start cutting a non-ASCII first key: `é:`.)
    #[test]
    fn each_findings_line_and_column_are_where_its_span_starts(sample in broken_plan()) {
        findings_are_placed_in(&sample.text)?;
    }

    /// A finding about part of a string — a cron field, a time zone — points at whole
    /// characters of the document however the string is written: with JSON's or YAML's
    /// escapes, or with its closing quote forgotten (the JSON reader reads on at the next line).
    ///
    /// (It found spans shifted off the characters when a string's length matched its span's by
    /// chance: an unclosed JSON string with one escape, a YAML string whose escapes cancel out.)
    #[test]
    fn findings_inside_a_string_point_at_whole_characters_of_the_document(
        expression in schedule_text(),
        zone in schedule_text(),
        syntax in syntax(),
        unclosed in any::<bool>(),
    ) {
        let rule = obj(vec![
            ("RuleName", s("r")),
            ("TargetBackupVaultName", s("vault")),
            ("ScheduleExpressionTimezone", s(&zone)),
            ("ScheduleExpression", s(&expression)),
        ]);
        let plan = obj(vec![("BackupPlanName", s("p")), ("Rules", Doc::Array(vec![rule]))]);
        let text = if unclosed {
            // Pretty JSON, the expression's closing quote (the end of its line) left out.
            let text = write(&plan, Syntax::Pretty);
            let line = text.find("\"ScheduleExpression\"").unwrap();
            let end = line + text[line..].find('\n').unwrap();
            format!("{}{}", &text[..end - 1], &text[end..])
        } else {
            write(&plan, syntax)
        };
        findings_are_placed_in(&text)?;
    }

    /// Checking is a function of the text: no panic, no clock, no hash order.
    #[test]
    fn the_same_text_always_gives_the_same_findings(sample in broken_plan()) {
        let first = checked(&sample.text);
        let second = checked(&sample.text);
        prop_assert_eq!(first, second);
    }
}

/// The properties start from valid plans: unmutated, every generated document (in every syntax)
/// and the guide's plan are read in their form without errors.
#[test]
fn the_plans_the_properties_break_are_valid() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..200 {
        let doc = valid_document().new_tree(&mut runner).unwrap().current();
        for syntax in [Syntax::Compact, Syntax::Pretty, Syntax::Yaml] {
            let text = write(&doc, syntax);
            let result = checked(&text);
            let errors: Vec<_> = result
                .findings
                .iter()
                .filter(|f| f.diagnostic.is_error())
                .map(|f| {
                    format!(
                        "{}: {:?} {}",
                        f.diagnostic.code, f.diagnostic.pointer, f.diagnostic.message
                    )
                })
                .collect();
            assert!(
                result.form.is_some() && errors.is_empty(),
                "{text}\n{errors:#?}"
            );
        }
    }
}
