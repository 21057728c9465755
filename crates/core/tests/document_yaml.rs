//! The YAML reader: CloudFormation templates read into the same spanned tree as JSON documents,
//! short-form tags in their long form, and syntax mistakes explained where they are.

use proptest::prelude::*;
use serde_json::json;
use vaultsim_core::diagnostic::Severity;
use vaultsim_core::document::{Node, Parsed, Value, parse_yaml};

/// The tree without its spans, for comparing with the JSON a template stands for.
fn plain(node: &Node) -> serde_json::Value {
    match &node.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => json!(b),
        Value::Number(n) => serde_json::from_str(n).expect("a JSON number"),
        Value::String(s) => json!(s),
        Value::Array(items) => items.iter().map(plain).collect(),
        Value::Object(members) => members
            .iter()
            .map(|m| (m.key.clone(), plain(&m.value)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}

fn root(text: &str) -> Node {
    let parsed = parse_yaml(text);
    assert!(
        parsed.diagnostics.is_empty(),
        "{text:?}: {:?}",
        parsed.diagnostics
    );
    parsed.root.expect("a tree")
}

fn codes(parsed: &Parsed) -> Vec<&'static str> {
    parsed.diagnostics.iter().map(|d| d.code).collect()
}

/// The single diagnostic `text` gives.
fn only_diagnostic(text: &str) -> vaultsim_core::diagnostic::Diagnostic {
    let parsed = parse_yaml(text);
    assert_eq!(
        parsed.diagnostics.len(),
        1,
        "{text:?}: {:?}",
        parsed.diagnostics
    );
    parsed.diagnostics[0].clone()
}

/// Every span of the tree and of the diagnostics lies in `text`, on character boundaries.
fn assert_spans_in_bounds(text: &str, parsed: &Parsed) {
    let ok =
        |span: &std::ops::Range<usize>| span.start <= span.end && text.get(span.clone()).is_some();
    for d in &parsed.diagnostics {
        assert!(ok(&d.span), "{text:?}: {d:?}");
        assert!(d.pointer.is_some(), "{text:?}: {d:?}");
    }
    let mut stack: Vec<&Node> = parsed.root.iter().collect();
    while let Some(node) = stack.pop() {
        assert!(ok(&node.span), "{text:?}: {:?}", node.span);
        match &node.value {
            Value::Array(items) => stack.extend(items),
            Value::Object(members) => {
                for m in members {
                    assert!(ok(&m.key_span), "{text:?}: {:?}", m.key_span);
                    stack.push(&m.value);
                }
            }
            _ => {}
        }
    }
}

const TEMPLATE: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Description: Daily backups, copied to a DR vault
Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: !Sub "${AWS::StackName}-vault"
  DrVault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: dr-vault
  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: daily
        BackupPlanRule:
          # Every day at 05:00 UTC.
          - RuleName: daily-5am
            TargetBackupVault: !Ref Vault
            ScheduleExpression: "cron(0 5 ? * * *)"
            StartWindowMinutes: 60
            CompletionWindowMinutes: 120
            EnableContinuousBackup: false
            Lifecycle:
              MoveToColdStorageAfterDays: 30
              DeleteAfterDays: 120
            CopyActions:
              - DestinationBackupVaultArn: !GetAtt DrVault.BackupVaultArn
                Lifecycle:
                  DeleteAfterDays: 365
  Selection:
    Type: AWS::Backup::BackupSelection
    Properties:
      BackupPlanId: !Ref Plan
      BackupSelection:
        SelectionName: tagged
        IamRoleArn: !Sub "arn:aws:iam::${AWS::AccountId}:role/service-role/AWSBackupDefaultServiceRole"
        ListOfTags:
          - ConditionType: STRINGEQUALS
            ConditionKey: backup
            ConditionValue: daily
"#;

#[test]
fn a_backup_plan_template_reads_into_the_long_form_tree() {
    let tree = root(TEMPLATE);
    let expected = json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Daily backups, copied to a DR vault",
        "Resources": {
            "Vault": {
                "Type": "AWS::Backup::BackupVault",
                "Properties": {"BackupVaultName": {"Fn::Sub": "${AWS::StackName}-vault"}}
            },
            "DrVault": {
                "Type": "AWS::Backup::BackupVault",
                "Properties": {"BackupVaultName": "dr-vault"}
            },
            "Plan": {
                "Type": "AWS::Backup::BackupPlan",
                "Properties": {"BackupPlan": {
                    "BackupPlanName": "daily",
                    "BackupPlanRule": [{
                        "RuleName": "daily-5am",
                        "TargetBackupVault": {"Ref": "Vault"},
                        "ScheduleExpression": "cron(0 5 ? * * *)",
                        "StartWindowMinutes": 60,
                        "CompletionWindowMinutes": 120,
                        "EnableContinuousBackup": false,
                        "Lifecycle": {"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 120},
                        "CopyActions": [{
                            "DestinationBackupVaultArn":
                                {"Fn::GetAtt": ["DrVault", "BackupVaultArn"]},
                            "Lifecycle": {"DeleteAfterDays": 365}
                        }]
                    }]
                }}
            },
            "Selection": {
                "Type": "AWS::Backup::BackupSelection",
                "Properties": {
                    "BackupPlanId": {"Ref": "Plan"},
                    "BackupSelection": {
                        "SelectionName": "tagged",
                        "IamRoleArn": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:role/service-role/AWSBackupDefaultServiceRole"},
                        "ListOfTags": [{
                            "ConditionType": "STRINGEQUALS",
                            "ConditionKey": "backup",
                            "ConditionValue": "daily"
                        }]
                    }
                }
            }
        }
    });
    assert_eq!(plain(&tree), expected);
    // Numbers are kept as written, so later checks can insist on whole numbers.
    let rule = tree
        .pointer("/Resources/Plan/Properties/BackupPlan/BackupPlanRule/0")
        .unwrap();
    assert_eq!(
        rule.get("StartWindowMinutes").unwrap().value,
        Value::Number("60".into())
    );
    assert_eq!(rule.get("StartWindowMinutes").unwrap().as_i64(), Some(60));
}

#[test]
fn spans_cover_the_text_of_scalars_collections_keys_and_tags() {
    let text = TEMPLATE;
    let tree = root(text);
    let at = |pointer: &str| &text[tree.pointer(pointer).unwrap().span.clone()];
    let rule = "/Resources/Plan/Properties/BackupPlan/BackupPlanRule/0";

    // A quoted scalar: quotes included.
    assert_eq!(
        at(&format!("{rule}/ScheduleExpression")),
        "\"cron(0 5 ? * * *)\""
    );
    assert_eq!(at(&format!("{rule}/RuleName")), "daily-5am");
    // A block mapping runs from its first key to the end of its last value.
    assert_eq!(
        at(&format!("{rule}/Lifecycle")),
        "MoveToColdStorageAfterDays: 30\n              DeleteAfterDays: 120"
    );
    // A block sequence runs from its first `-`.
    let copy_actions = at(&format!("{rule}/CopyActions"));
    assert!(copy_actions.starts_with("- DestinationBackupVaultArn: !GetAtt"));
    assert!(copy_actions.ends_with("DeleteAfterDays: 365"));
    // A short-form tag: the synthetic object spans the tagged node, its key the tag.
    let arn = format!("{rule}/CopyActions/0/DestinationBackupVaultArn");
    assert_eq!(at(&arn), "!GetAtt DrVault.BackupVaultArn");
    let get_att = tree.pointer(&arn).unwrap().member("Fn::GetAtt").unwrap();
    assert_eq!(&text[get_att.key_span.clone()], "!GetAtt");
    assert_eq!(&text[get_att.value.span.clone()], "DrVault.BackupVaultArn");
    assert_eq!(at(&format!("{arn}/Fn::GetAtt/0")), "DrVault");
    assert_eq!(at(&format!("{arn}/Fn::GetAtt/1")), "BackupVaultArn");
    assert_eq!(at(&format!("{rule}/TargetBackupVault/Ref")), "Vault");
    // Keys.
    let plan = tree.pointer("/Resources").unwrap().member("Plan").unwrap();
    assert_eq!(&text[plan.key_span.clone()], "Plan");
    // The whole document.
    assert_eq!(&text[tree.span.clone()], text.trim_end());
}

#[test]
fn flow_collections_span_their_brackets() {
    let text = "a: {b: [1, 2], 'c': \"d\"}\n";
    let tree = root(text);
    let at = |pointer: &str| &text[tree.pointer(pointer).unwrap().span.clone()];
    assert_eq!(at("/a"), "{b: [1, 2], 'c': \"d\"}");
    assert_eq!(at("/a/b"), "[1, 2]");
    assert_eq!(
        &text[tree.get("a").unwrap().members()[1].key_span.clone()],
        "'c'"
    );
}

#[test]
fn block_scalars_span_from_their_indicator_to_their_last_character() {
    let text = "a: |\n  one\n  two\nb: >-\n  folded\n\nc: !Sub |\n  ${x}\n";
    let tree = root(text);
    assert_eq!(tree.get("a").unwrap().as_str(), Some("one\ntwo\n"));
    assert_eq!(
        &text[tree.get("a").unwrap().span.clone()],
        "|\n  one\n  two"
    );
    assert_eq!(&text[tree.get("b").unwrap().span.clone()], ">-\n  folded");
    assert_eq!(
        &text[tree.pointer("/c/Fn::Sub").unwrap().span.clone()],
        "|\n  ${x}"
    );
}

#[test]
fn plain_scalars_are_typed_as_cloudformation_reads_them() {
    let text = "\
t: [true, True, TRUE]
f: [false, False, FALSE]
n: [null, Null, NULL, ~, ]
empty:
numbers: [0, 60, -1, 2.5, 1e3, -1.5E-2, 007]
strings: [yes, no, on, +1, .5, 0x1F, 1_000, .inf, 2024-01-01, tRue, nil]
quoted: ['60', \"true\", 'null', '']
tagged: !!str 60
block: |
  60
";
    let tree = root(text);
    for b in tree.get("t").unwrap().items() {
        assert_eq!(b.value, Value::Bool(true));
    }
    for b in tree.get("f").unwrap().items() {
        assert_eq!(b.value, Value::Bool(false));
    }
    for n in tree.get("n").unwrap().items() {
        assert_eq!(n.value, Value::Null);
    }
    assert_eq!(tree.get("empty").unwrap().value, Value::Null);
    let numbers: Vec<_> = tree
        .get("numbers")
        .unwrap()
        .items()
        .iter()
        .map(|n| &n.value)
        .collect();
    let written = ["0", "60", "-1", "2.5", "1e3", "-1.5E-2", "007"];
    assert_eq!(
        numbers,
        written
            .map(|n| Value::Number(n.into()))
            .iter()
            .collect::<Vec<_>>()
    );
    for s in tree.get("strings").unwrap().items() {
        assert!(matches!(s.value, Value::String(_)), "{s:?}");
    }
    let quoted: Vec<_> = tree
        .get("quoted")
        .unwrap()
        .items()
        .iter()
        .map(|n| n.as_str())
        .collect();
    assert_eq!(quoted, [Some("60"), Some("true"), Some("null"), Some("")]);
    assert_eq!(tree.get("tagged").unwrap().as_str(), Some("60"));
    assert_eq!(tree.get("block").unwrap().as_str(), Some("60\n"));
}

#[test]
fn every_short_form_tag_becomes_its_long_form_key() {
    let tags = [
        ("Ref", "Ref"),
        ("Condition", "Condition"),
        ("Sub", "Fn::Sub"),
        ("Join", "Fn::Join"),
        ("Select", "Fn::Select"),
        ("Split", "Fn::Split"),
        ("FindInMap", "Fn::FindInMap"),
        ("ImportValue", "Fn::ImportValue"),
        ("Base64", "Fn::Base64"),
        ("Cidr", "Fn::Cidr"),
        ("GetAZs", "Fn::GetAZs"),
        ("If", "Fn::If"),
        ("Equals", "Fn::Equals"),
        ("And", "Fn::And"),
        ("Or", "Fn::Or"),
        ("Not", "Fn::Not"),
        ("Transform", "Fn::Transform"),
    ];
    for (short, long) in tags {
        let scalar = root(&format!("v: !{short} x"));
        assert_eq!(plain(&scalar), json!({"v": {long: "x"}}), "!{short}");
        let list = root(&format!("v: !{short} [a, b]"));
        assert_eq!(plain(&list), json!({"v": {long: ["a", "b"]}}), "!{short}");
    }
    // Nested, in block and flow style.
    let text = "\
Bucket: !If
  - IsProd
  - !Join ['-', [!Ref AWS::StackName, !Select [0, !GetAZs '']]]
  - !Ref AWS::NoValue
Name: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}
";
    assert_eq!(
        plain(&root(text)),
        json!({
            "Bucket": {"Fn::If": [
                "IsProd",
                {"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, {"Fn::Select": [0, {"Fn::GetAZs": ""}]}]]},
                {"Ref": "AWS::NoValue"}
            ]},
            "Name": {"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/k"}}}
        })
    );
}

#[test]
fn get_att_splits_at_the_first_dot_and_keeps_a_list_argument() {
    let text =
        "a: !GetAtt Db.Endpoint.Address\nb: !GetAtt [Db, Endpoint.Port]\nc: !GetAtt 'Q.Arn'\n";
    let tree = root(text);
    assert_eq!(
        plain(&tree),
        json!({
            "a": {"Fn::GetAtt": ["Db", "Endpoint.Address"]},
            "b": {"Fn::GetAtt": ["Db", "Endpoint.Port"]},
            "c": {"Fn::GetAtt": ["Q", "Arn"]}
        })
    );
    assert_eq!(
        &text[tree.pointer("/a/Fn::GetAtt/1").unwrap().span.clone()],
        "Endpoint.Address"
    );
    assert_eq!(
        &text[tree.pointer("/c/Fn::GetAtt/0").unwrap().span.clone()],
        "Q"
    );
}

#[test]
fn an_unknown_tag_is_a_warning_and_the_value_is_read_untagged() {
    let text = "Resources:\n  Plan:\n    Type: !Foo AWS::Backup::BackupPlan\n";
    let parsed = parse_yaml(text);
    assert_eq!(codes(&parsed), ["yaml-unknown-tag"]);
    let d = &parsed.diagnostics[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(&text[d.span.clone()], "!Foo");
    assert_eq!(d.pointer.as_deref(), Some("/Resources/Plan/Type"));
    let tree = parsed.root.unwrap();
    assert_eq!(
        tree.pointer("/Resources/Plan/Type").unwrap().as_str(),
        Some("AWS::Backup::BackupPlan")
    );
}

#[test]
fn duplicate_keys_are_a_warning_and_the_last_counts() {
    let text = "Plan:\n  Name: a\n  Name: b\n";
    let parsed = parse_yaml(text);
    assert_eq!(codes(&parsed), ["yaml-duplicate-key"]);
    let d = &parsed.diagnostics[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.span.start, text.rfind("Name").unwrap());
    assert_eq!(d.pointer.as_deref(), Some("/Plan"));
    assert!(d.message.contains("first on line 2"), "{}", d.message);
    assert_eq!(
        parsed.root.unwrap().pointer("/Plan/Name").unwrap().as_str(),
        Some("b")
    );
}

#[test]
fn aliases_are_copied_and_reported_because_cloudformation_refuses_them() {
    // CloudFormation answers "YAML aliases are not allowed in CloudFormation templates";
    // `aws cloudformation package` expands them first. The copy is read all the same.
    let text = "\
Defaults: &life
  DeleteAfterDays: 35
Rule:
  Lifecycle: *life
  Other:
    <<: *life
    Extra: 1
";
    let parsed = parse_yaml(text);
    assert_eq!(codes(&parsed), ["yaml-alias", "yaml-alias"]);
    assert_eq!(&text[parsed.diagnostics[0].span.clone()], "*life");
    assert_eq!(
        parsed.diagnostics[0].pointer.as_deref(),
        Some("/Rule/Lifecycle")
    );
    let tree = parsed.root.unwrap();
    // The merge key `<<` is an ordinary member.
    assert_eq!(
        plain(&tree),
        json!({
            "Defaults": {"DeleteAfterDays": 35},
            "Rule": {
                "Lifecycle": {"DeleteAfterDays": 35},
                "Other": {"<<": {"DeleteAfterDays": 35}, "Extra": 1}
            }
        })
    );
    // The copy stands where the alias is; what it holds keeps the anchored text's spans.
    let copy = tree.pointer("/Rule/Lifecycle").unwrap();
    assert_eq!(&text[copy.span.clone()], "*life");
    assert_eq!(
        &text[copy.get("DeleteAfterDays").unwrap().span.clone()],
        "35"
    );
}

#[test]
fn alias_bombs_are_refused() {
    let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip("abcdefgh".chars())
    {
        let refs = vec![format!("*{previous}"); 10].join(", ");
        text.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    let parsed = parse_yaml(&text);
    assert!(
        codes(&parsed).contains(&"yaml-aliases-too-large"),
        "{:?}",
        codes(&parsed)
    );
    assert!(parsed.root.is_none());
}

#[test]
fn diagnostics_carry_the_pointer_of_the_value_being_read() {
    let rule = "/Resources/Plan/Properties/BackupPlan/BackupPlanRule/0";
    let unknown = TEMPLATE.replace("DeleteAfterDays: 365", "DeleteAfterDays: !Days 365");
    let d = only_diagnostic(&unknown);
    assert_eq!(
        d.pointer.as_deref(),
        Some(format!("{rule}/CopyActions/0/Lifecycle/DeleteAfterDays").as_str())
    );
    let unclosed = TEMPLATE.replace("RuleName: daily-5am", "RuleName: \"daily-5am");
    let d = only_diagnostic(&unclosed);
    assert_eq!(d.code, "yaml-syntax");
    assert_eq!(
        d.pointer.as_deref(),
        Some(format!("{rule}/RuleName").as_str())
    );
    // Inside a short-form function, the pointer goes through its long-form key.
    let d = only_diagnostic("a: !Join\n  - ','\n  - - x\n    - \"y\n");
    assert_eq!(d.pointer.as_deref(), Some("/a/Fn::Join/1/1"));
}

#[test]
fn non_ascii_text_gets_byte_spans() {
    let text = "Description: Sauvegarde quotidienne – été 😀\nTags:\n  Équipe: \"Ünïcödé\"\n  名前: 値\n  Note: !Sub \"${AWS::Region} – ok\"\n";
    let tree = root(text);
    let description = tree.get("Description").unwrap();
    assert_eq!(
        &text[description.span.clone()],
        "Sauvegarde quotidienne – été 😀"
    );
    let tags = tree.get("Tags").unwrap();
    assert_eq!(&text[tags.members()[0].key_span.clone()], "Équipe");
    assert_eq!(
        &text[tags.get("Équipe").unwrap().span.clone()],
        "\"Ünïcödé\""
    );
    assert_eq!(&text[tags.members()[1].key_span.clone()], "名前");
    assert_eq!(&text[tags.get("名前").unwrap().span.clone()], "値");
    assert_eq!(
        &text[tags.get("Note").unwrap().span.clone()],
        "!Sub \"${AWS::Region} – ok\""
    );
    // And diagnostics after non-ASCII text point at the right byte.
    let text = "Description: été 😀\nPlan:\n  Name: a\n  Name: b\n";
    let d = only_diagnostic(text);
    assert_eq!(d.span.start, text.rfind("Name").unwrap());
    assert_eq!(&text[d.span.clone()], "Name");
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_keep_spans_in_bytes() {
    let text = "\u{feff}Plan:\r\n  Name: \"été\"\r\n  Days: 35\r\n";
    let tree = root(text);
    assert_eq!(
        &text[tree.pointer("/Plan/Name").unwrap().span.clone()],
        "\"été\""
    );
    assert_eq!(
        &text[tree.pointer("/Plan/Days").unwrap().span.clone()],
        "35"
    );
}

#[test]
fn a_tab_in_indentation_is_reported_at_the_tab() {
    for text in [
        "Resources:\n\tPlan: 1\n",
        "Description: été\nResources:\n  Plan: 1\n\tVault: 2\n",
        "List:\n  - a\n\t- b\n",
    ] {
        let d = only_diagnostic(text);
        assert_eq!(d.code, "yaml-syntax", "{text:?}");
        assert_eq!(
            d.span,
            text.find('\t').unwrap()..text.find('\t').unwrap() + 1,
            "{text:?}"
        );
        assert!(d.help.contains("spaces"), "{}", d.help);
    }
}

#[test]
fn an_unclosed_quote_is_reported_at_its_opening_quote() {
    for (text, quote) in [
        ("Plan:\n  Name: \"été\n  Days: 35\n", "\"été"),
        ("Plan:\n  Name: 'daily\n", "'daily"),
        ("Plan:\n  Name: \"daily", "\"daily"),
    ] {
        let parsed = parse_yaml(text);
        assert_eq!(codes(&parsed), ["yaml-syntax"], "{text:?}");
        let d = &parsed.diagnostics[0];
        assert_eq!(d.span.start, text.find(quote).unwrap(), "{text:?}");
        assert_eq!(&text[d.span.clone()], quote, "{text:?}");
        assert!(d.message.contains("not closed"), "{}", d.message);
        assert!(parsed.root.is_none());
    }
}

#[test]
fn a_missing_space_after_a_colon_is_named() {
    let text = "Plan:\n  Type:AWS::Backup::BackupPlan\n  Properties:\n    A: 1\n";
    let d = only_diagnostic(text);
    assert_eq!(d.span.start, text.find(":AWS").unwrap());
    assert!(
        d.message.contains("Type:AWS::Backup::BackupPlan"),
        "{}",
        d.message
    );
    assert!(d.help.contains("space after the colon"), "{}", d.help);
}

#[test]
fn inconsistent_indentation_is_named() {
    let text = "Plan:\n    Name: a\n  Days: 35\n";
    let d = only_diagnostic(text);
    assert_eq!(&text[d.span.clone()], "Days: 35");
    assert!(d.message.contains("indented"), "{}", d.message);
    let text = "Plan:\n  Name: a\n    Days: 35\n";
    let d = only_diagnostic(text);
    assert_eq!(&text[d.span.clone()], "Days: 35");
    assert!(d.message.contains("indented"), "{}", d.message);
}

// ---- What CloudFormation's YAML readers accept ------------------------------------------------
//
// CloudFormation deploys templates that PyYAML and libyaml read (cfn-lint loads templates with
// them); inside [...], {...} and quoted strings neither looks at indentation, as
// `python3 -c 'import yaml; yaml.safe_load(...)'` (PyYAML 6.0.3, SafeLoader and CSafeLoader)
// shows for each document below. YAML 1.2's grammar, which saphyr-parser follows, wants those
// lines indented deeper than the enclosing block.

/// The shape of AWS's published samples: "AssumeRolePolicyDocument: {" ... "}" with the closing
/// brace at the key's column.
const ROLE_SAMPLE: &str = r#"Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {
        "Version": "2012-10-17",
        "Statement": [ { "Effect": "Allow", "Principal": { "Service": [ "backup.amazonaws.com" ] }, "Action": [ "sts:AssumeRole" ] } ]
      }
"#;

#[test]
fn a_flow_mapping_closed_at_its_keys_column_reads_as_cloudformation_reads_it() {
    let parsed = parse_yaml(ROLE_SAMPLE);
    assert_eq!(parsed.diagnostics, [], "{:?}", parsed.diagnostics);
    let root = parsed.root.expect("a tree");
    assert_eq!(
        plain(&root),
        json!({"Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow",
                               "Principal": {"Service": ["backup.amazonaws.com"]},
                               "Action": ["sts:AssumeRole"]}]}}}}})
    );
    // Spans point into the document as written: the mapping from { to }, the values at their
    // own text.
    let document = root
        .pointer("/Resources/Role/Properties/AssumeRolePolicyDocument")
        .unwrap();
    let written = &ROLE_SAMPLE[document.span.clone()];
    assert!(
        written.starts_with('{') && written.ends_with("\n      }"),
        "{written:?}"
    );
    let service = root
        .pointer(
            "/Resources/Role/Properties/AssumeRolePolicyDocument/Statement/0/Principal/Service/0",
        )
        .unwrap();
    assert_eq!(
        &ROLE_SAMPLE[service.span.clone()],
        "\"backup.amazonaws.com\""
    );
    let version = root
        .pointer("/Resources/Role/Properties/AssumeRolePolicyDocument/Version")
        .unwrap();
    assert_eq!(&ROLE_SAMPLE[version.span.clone()], "\"2012-10-17\"");
    assert_spans_in_bounds(ROLE_SAMPLE, &parse_yaml(ROLE_SAMPLE));
}

#[test]
fn flow_collections_continue_at_any_column_with_comments_inside() {
    for (text, expected) in [
        // The closing bracket at column 0, under a nested key.
        ("A:\n  B: [\n  1, 2\n]\n", json!({"A": {"B": [1, 2]}})),
        // Items left of the key.
        ("A:\n  B: [\n 1, 2\n ]\n", json!({"A": {"B": [1, 2]}})),
        (
            "A:\n  B: [\n1, 2\n]\nC: 3\n",
            json!({"A": {"B": [1, 2]}, "C": 3}),
        ),
        // Comments inside, at any column.
        (
            "A:\n  B: [ # first\n# between\n1, # one\n  2\n]\n",
            json!({"A": {"B": [1, 2]}}),
        ),
        // A flow mapping in a sequence item, its members left of the item's key.
        ("A:\n  - B: {\n  x: 1}\n", json!({"A": [{"B": {"x": 1}}]})),
        // A member after the flow collection keeps its block indentation.
        (
            "A:\n  B: {\n    x: 1\n}\n  C: 2\n",
            json!({"A": {"B": {"x": 1}, "C": 2}}),
        ),
        // JSON written compactly, "key":"value".
        (
            "P:\n  D: {\"Statement\":[{\"Effect\":\"Allow\",\n\"Action\":\"s3:*\"}]\n  }\n",
            json!({"P": {"D": {"Statement": [{"Effect": "Allow", "Action": "s3:*"}]}}}),
        ),
    ] {
        let parsed = parse_yaml(text);
        assert_eq!(parsed.diagnostics, [], "{text:?}");
        assert_eq!(plain(&parsed.root.unwrap()), expected, "{text:?}");
        assert_spans_in_bounds(text, &parse_yaml(text));
    }
}

#[test]
fn a_quoted_string_continues_at_any_column_as_pyyaml_reads_it() {
    for (text, expected) in [
        ("A:\n  B: \"x\ny\"\n", json!({"A": {"B": "x y"}})),
        ("A:\n  B: 'x\ny'\n", json!({"A": {"B": "x y"}})),
        ("A:\n  B: \"x\\\ny\"\n", json!({"A": {"B": "xy"}})),
        ("A:\n  B: [ \"x\ny\" ]\n", json!({"A": {"B": ["x y"]}})),
    ] {
        let parsed = parse_yaml(text);
        assert_eq!(parsed.diagnostics, [], "{text:?}");
        assert_eq!(plain(&parsed.root.unwrap()), expected, "{text:?}");
    }
}

#[test]
fn short_form_tags_block_scalars_and_document_markers_read_as_pyyaml_reads_them() {
    let text = "%YAML 1.2\n---\nA: !If [c, !Ref x, !GetAtt a.b]\nB: {C: !Sub 'x${y}', D: !GetAtt\n  a.b}\nE:\n  - !If\n    - c\n    - !Ref AWS::NoValue\nF: |2\n    two\n   one\nG: >-\n  x\n  y\n...\n";
    assert_eq!(
        plain(&root(text)),
        json!({
            "A": {"Fn::If": ["c", {"Ref": "x"}, {"Fn::GetAtt": ["a", "b"]}]},
            "B": {"C": {"Fn::Sub": "x${y}"}, "D": {"Fn::GetAtt": ["a", "b"]}},
            "E": [{"Fn::If": ["c", {"Ref": "AWS::NoValue"}]}],
            "F": "  two\n one\n",
            "G": "x y"
        })
    );
    let text = "A:\n  B: !If [\n  c, !Ref x,\n!GetAtt a.b\n]\n";
    assert_eq!(
        plain(&root(text)),
        json!({"A": {"B": {"Fn::If": ["c", {"Ref": "x"}, {"Fn::GetAtt": ["a", "b"]}]}}})
    );
}

#[test]
fn indentation_still_matters_outside_brackets_and_quotes() {
    // Block mappings: PyYAML refuses these too.
    for text in [
        "Plan:\n    Name: a\n  Days: 35\n",
        "A:\n  B: x\n y\n",
        // A document marker at column 0 ends the flow collection's document (PyYAML: "expected
        // the node content, but found '<document start>'").
        "A:\n  B: [\n---\n]\n",
        // Unclosed: PyYAML refuses it.
        "A:\n  B: [1,\n2\nC: 3\n",
    ] {
        let parsed = parse_yaml(text);
        assert!(
            parsed
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error),
            "{text:?}: {:?}",
            parsed.diagnostics
        );
        assert!(parsed.root.is_none(), "{text:?}");
    }
}

#[test]
fn a_later_mistake_after_a_flow_collection_at_its_keys_column_is_the_one_reported() {
    let text = "A:\n  B: {\n    x: 1\n  }\nC:\n    D: 1\n  E: 2\n";
    let d = only_diagnostic(text);
    assert_eq!(&text[d.span.clone()], "E: 2");
    assert!(d.message.contains("indented"), "{}", d.message);
}

#[test]
fn quotes_and_brackets_inside_plain_scalars_are_text_over_several_lines() {
    // PyYAML: {'A': {'B': "it is 'x", 'C': [1]}} and {'A': "it is [x", 'B': [1]}.
    for (text, expected) in [
        (
            "A:\n  B: it is\n    'x\n  C: [\n1]\n",
            json!({"A": {"B": "it is 'x", "C": [1]}}),
        ),
        (
            "A: it is\n  [x\nB: [\n1]\n",
            json!({"A": "it is [x", "B": [1]}),
        ),
        (
            "A:\n  - B: don't [\n    C: {\n  x: 1}\n",
            json!({"A": [{"B": "don't [", "C": {"x": 1}}]}),
        ),
    ] {
        let parsed = parse_yaml(text);
        assert_eq!(parsed.diagnostics, [], "{text:?}");
        assert_eq!(plain(&parsed.root.unwrap()), expected, "{text:?}");
    }
}

#[test]
fn where_the_scan_misreads_a_quote_the_parsers_first_verdict_stands() {
    // PyYAML reads A as "it is 'x" (the line continues a plain scalar that started on a line
    // of its own, deeper than the continuation); the scan takes the ' for a quote and would
    // indent `B: [` into the scalar. The parser's reading of the indented copy does not confirm
    // that line is inside a quote, so the first verdict is reported: an error, never a
    // different document.
    let text = "A:\n    it is\n  'x\nB: [\n1]\n";
    let parsed = parse_yaml(text);
    assert_eq!(codes(&parsed), ["yaml-syntax"], "{:?}", parsed.diagnostics);
    assert_eq!(&text[parsed.diagnostics[0].span.clone()], "1");
    assert!(parsed.root.is_none());
}

#[test]
fn other_syntax_errors_get_a_help_line() {
    for text in [
        "a: b: c\n",
        "a: 'it's'\n",
        "a: [1, 2\nb: 2\n",
        "a: {x: 1\n",
        "a: *nope\n",
        "a: ]\n",
        "a: @x\n",
        "a: !e!x y\n",
        "- a\nb: 1\n",
    ] {
        let parsed = parse_yaml(text);
        assert_eq!(codes(&parsed), ["yaml-syntax"], "{text:?}");
        assert!(!parsed.diagnostics[0].help.is_empty(), "{text:?}");
        assert!(parsed.root.is_none(), "{text:?}");
    }
}

#[test]
fn a_syntax_error_leaves_no_partial_tree() {
    // The first line reads as a whole document until the parser meets the second.
    let parsed = parse_yaml("a:1\nb: 2\n");
    assert_eq!(codes(&parsed), ["yaml-syntax"]);
    assert!(parsed.root.is_none());
}

#[test]
fn a_second_document_is_an_error_and_the_first_is_kept() {
    let text = "---\nPlan: 1\n---\nVault: 2\n";
    let parsed = parse_yaml(text);
    assert_eq!(codes(&parsed), ["yaml-multiple-documents"]);
    assert_eq!(&text[parsed.diagnostics[0].span.clone()], "---\nVault: 2");
    assert_eq!(plain(&parsed.root.unwrap()), json!({"Plan": 1}));
    // One document, explicitly started and ended, is fine.
    assert!(parse_yaml("---\nPlan: 1\n...\n").diagnostics.is_empty());
}

#[test]
fn an_empty_text_is_reported() {
    for text in [
        "",
        "  \n",
        "# only a comment\n",
        "---\n",
        "--- # nothing\n...\n",
    ] {
        let parsed = parse_yaml(text);
        assert_eq!(codes(&parsed), ["yaml-empty"], "{text:?}");
        assert!(parsed.root.is_none());
    }
}

#[test]
fn hostile_nesting_is_refused_not_overflowed() {
    let block: String = (0..5_000)
        .map(|i| format!("{}a:\n", "  ".repeat(i)))
        .collect();
    for text in [
        "[".repeat(100_000),
        "{a: ".repeat(100_000),
        "- ".repeat(100_000),
        "!Ref [".repeat(100_000),
        block,
    ] {
        let parsed = parse_yaml(&text);
        assert_eq!(codes(&parsed), ["yaml-too-deep"], "{}", &text[..20]);
        assert!(parsed.root.is_none());
    }
    // Aliases cannot stack nesting past the limit either.
    let deep = format!(
        "a: &a {}1{}\nb: {}*a{}\n",
        "[".repeat(150),
        "]".repeat(150),
        "[".repeat(150),
        "]".repeat(150)
    );
    assert!(codes(&parse_yaml(&deep)).contains(&"yaml-too-deep"));
}

#[test]
fn malformed_inputs_never_panic() {
    let inputs = [
        "\"",
        "'",
        "[",
        "{",
        "]",
        "}",
        ":",
        "-",
        "?",
        "!",
        "&",
        "*",
        "|",
        ">",
        "%",
        "@",
        "`",
        "#",
        "!<",
        "!<>",
        "&a",
        "*a",
        "&a *a",
        "? [",
        "- - - [",
        "{a: [}",
        "[a: {]",
        "a: !Ref",
        "!Ref",
        "!GetAtt",
        "!GetAtt .",
        "!GetAtt [",
        "--- |",
        "--- >\n",
        "...",
        "... ---",
        "%YAML 1.2",
        "%YAML 1.2\n%YAML 1.2\n---",
        "%TAG ! !\n---\n!x y",
        "\u{feff}",
        "\u{feff}\u{feff}-",
        "a:\n\t",
        "\t\t\t",
        "a: |\n\tb",
        "a: \"\\x\"",
        "a: \"\\u12\"",
        "a: \"\\",
        "&\u{e9} x",
        "!\u{e9} x",
        "a: \u{85}b",
        "\r\r\r",
        "a:\r  b",
        "- \u{2028}",
        "[\u{feff}]",
        "a: &x\n  b: *x",
        "? a\n? b\n: c",
        "[? a : b]",
        "{? : }",
        "a: !!binary x",
    ];
    for text in inputs {
        let parsed = parse_yaml(text);
        assert_spans_in_bounds(text, &parsed);
    }
}

proptest! {
    #[test]
    fn random_bytes_never_panic_and_spans_stay_in_bounds(
        bytes in proptest::collection::vec(any::<u8>(), 0..200)
    ) {
        let text = String::from_utf8_lossy(&bytes);
        let parsed = parse_yaml(&text);
        assert_spans_in_bounds(&text, &parsed);
    }

    #[test]
    fn yaml_like_text_never_panics_and_spans_stay_in_bounds(
        text in "[ \t\r\nab0-9:,\\-\\[\\]{}#&*!|>'\"%@`?~.é😀<]{0,120}"
    ) {
        let parsed = parse_yaml(&text);
        assert_spans_in_bounds(&text, &parsed);
    }

    #[test]
    fn template_like_lines_never_panic_and_spans_stay_in_bounds(
        text in "(( {0,6}|\t)(- )?(!Ref |!GetAtt |!Sub |!Foo |&a |\\*a |\\? )?\
                 (Name|Days|é|\"q|'q|\"q\"|'q'|\\[|\\]|\\{|\\}|,|\\||>|---|\\.\\.\\.|# c)?\
                 (:|: |:x)?(1|2\\.5|true|~|a\\.b|\\[1, 2\\]|\\{k: v\\})?\r?\n){0,12}"
    ) {
        let parsed = parse_yaml(&text);
        assert_spans_in_bounds(&text, &parsed);
    }
}
