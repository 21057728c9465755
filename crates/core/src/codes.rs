//! Every diagnostic code vaultsim can emit, with its severity, a one-line summary, the
//! evidence it rests on and an example input that triggers it: the registry `vaultsim explain`
//! prints and the page links each finding to.
//!
//! A diagnostic is made only from a [`Code`] (see [`crate::diagnostic::Diagnostic::error`]), and
//! a `Code` exists only as one of the constants below, each declared with its [`Entry`]: a code
//! that is not registered cannot be emitted. `Diagnostic.code` stays the code's text, so tools and
//! tests compare it with a string. A code is stable and kebab-case; it never changes once
//! published. Evidence ids such as RULE-7 are those of data/reference/validation-rules.json.

use std::fmt;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// AWS would reject the input.
    Error,
    /// AWS accepts the input, but it is likely a mistake, or the rule's evidence is weak.
    Warning,
    /// Worth knowing; nothing to fix.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A registered diagnostic code: one of this module's constants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(&'static str);

impl Code {
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// The code's registry entry (every constant of this module has one).
    pub fn entry(self) -> Option<&'static Entry> {
        lookup(self.0)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// Unit tests in this crate build diagnostics about made-up codes ("x") to test rendering; only
/// there may a string stand for a code.
#[cfg(test)]
impl From<&'static str> for Code {
    fn from(code: &'static str) -> Code {
        Code(code)
    }
}

/// Which reader or checker an example is given to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checker {
    /// The plan checker (`plan::check`): a plan in any form, a selection or a template.
    Plan,
    /// The schedule parser (`CronExpression::parse` and its findings): a ScheduleExpression.
    Schedule,
    /// The time zone reader (`Timezone::parse`): a ScheduleExpressionTimezone.
    Timezone,
    /// The JSON reader (`document::parse_json`).
    Json,
    /// The YAML reader (`document::parse_yaml`).
    Yaml,
    /// The scenario reader (`Scenario::from_json`).
    Scenario,
    /// The simulation (`Simulation::new`) given a scenario read without the scenario reader's
    /// checks, as a program building one would.
    Simulation,
    /// The EventBridge pattern reader (`EventPattern::parse`).
    EventPattern,
    /// The lesson reader (`Lesson::from_json`).
    Lesson,
    /// The page, reading a scenario file the visitor chose; the example describes the file.
    PageFile,
    /// The page's time zones, which come from the browser's Intl data rather than chrono-tz's
    /// tables; the example describes the browser.
    PageTimezone,
}

impl Checker {
    /// What the example is, for people.
    pub fn describe(self) -> &'static str {
        match self {
            Checker::Plan => "a backup plan, selection or template (vaultsim validate)",
            Checker::Schedule => "a schedule expression (vaultsim schedule)",
            Checker::Timezone => "a schedule's time zone (vaultsim schedule --timezone)",
            Checker::Json => "a JSON document",
            Checker::Yaml => "a YAML document",
            Checker::Scenario => "a scenario (vaultsim simulate)",
            Checker::Lesson => "a lesson (vaultsim lesson)",
            Checker::Simulation => "a scenario built by a program, run without reading it",
            Checker::EventPattern => "an EventBridge event pattern (vaultsim simulate --pattern)",
            Checker::PageFile => "a scenario file opened in the page",
            Checker::PageTimezone => "a schedule's time zone in the page (the browser's data)",
        }
    }

    /// Whether the example can be run here, natively: the page's checkers need a browser.
    pub fn runs_natively(self) -> bool {
        !matches!(self, Checker::PageFile | Checker::PageTimezone)
    }
}

/// What the registry knows of one code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub code: Code,
    /// The severities the code is emitted with, the usual one first.
    pub severities: &'static [Severity],
    /// What the code means, in one line.
    pub summary: &'static str,
    /// The rule's evidence: validation-rules.json ids and the documents they rest on.
    pub evidence: &'static str,
    /// Who reads [`Entry::example`].
    pub checker: Checker,
    /// An input that triggers the code.
    pub example: &'static str,
}

impl Entry {
    /// The entry as `vaultsim explain --format json` prints it, and as the page reads it (the
    /// page fetches the registry as a file instead of carrying its text in the wasm).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "code": self.code.as_str(),
            "severities": self.severities.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            "summary": self.summary,
            "evidence": self.evidence,
            "checker": self.checker.describe(),
            "example": self.example,
        })
    }
}

/// The entry of the code written `code`, if it is registered.
pub fn lookup(code: &str) -> Option<&'static Entry> {
    REGISTRY.iter().find(|e| e.code.0 == code)
}

/// The registered code nearest to `code`, for "did you mean".
pub fn nearest(code: &str) -> Option<&'static str> {
    let names: Vec<&str> = REGISTRY.iter().map(|e| e.code.0).collect();
    crate::suggest::nearest(code, &names)
}

/// Declares each code's constant and its registry entry together.
macro_rules! registry {
    ($($name:ident = $code:literal [$($severity:ident),+] $checker:ident
        $summary:literal $evidence:literal $example:literal;)+) => {
        $(
            #[doc = $summary]
            pub const $name: Code = Code($code);
        )+
        /// Every code, in the order of the readers and checks that emit them.
        pub const REGISTRY: &[Entry] = &[$(Entry {
            code: $name,
            severities: &[$(Severity::$severity),+],
            summary: $summary,
            evidence: $evidence,
            checker: Checker::$checker,
            example: $example,
        }),+];
    };
}

registry! {
    // The JSON reader (document/json.rs).
    JSON_EMPTY = "json-empty" [Error] Json
        r#"The document is empty."#
        r#"RFC 8259: a JSON text is one value."#
        r#""#;
    JSON_TRAILING_TEXT = "json-trailing-text" [Error] Json
        r#"Text follows the end of the document's one value."#
        r#"RFC 8259: a JSON text is one value."#
        r#"{"a": 1} {"b": 2}"#;
    JSON_COMMENT = "json-comment" [Error] Json
        r#"A // or /* */ comment: JSON has none, and AWS reads plans as strict JSON."#
        r#"RFC 8259 has no comments."#
        r#"{
  // daily
  "a": 1
}"#;
    JSON_TOO_DEEP = "json-too-deep" [Error] Json
        r#"The document nests deeper than vaultsim reads (a guard against runaway brackets)."#
        r#"vaultsim's own limit; no AWS Backup document nests this deep."#
        r#"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"#;
    JSON_UNEXPECTED_END = "json-unexpected-end" [Error] Json
        r#"The document ends where a value was expected."#
        r#"RFC 8259 grammar."#
        r#"{"a": "#;
    JSON_SYNTAX = "json-syntax" [Error] Json
        r#"Text that is not JSON: a bare word, a bad number or escape, a missing colon, an unexpected character."#
        r#"RFC 8259 grammar."#
        r#"{"a": yes}"#;
    JSON_UNCLOSED_STRING = "json-unclosed-string" [Error] Json
        r#"A string is never closed."#
        r#"RFC 8259 grammar."#
        r#"{"a": "b}"#;
    JSON_SINGLE_QUOTES = "json-single-quotes" [Error] Json
        r#"A string in single quotes: JSON strings are in double quotes."#
        r#"RFC 8259 grammar."#
        r#"{"a": 'b'}"#;
    JSON_UNQUOTED_KEY = "json-unquoted-key" [Error] Json
        r#"An object key without double quotes."#
        r#"RFC 8259 grammar."#
        r#"{a: 1}"#;
    JSON_DUPLICATE_KEY = "json-duplicate-key" [Warning] Json
        r#"A key appears twice in one object; vaultsim reads the last, as most JSON readers do."#
        r#"RFC 8259: names within an object SHOULD be unique."#
        r#"{"a": 1, "a": 2}"#;
    JSON_TRAILING_COMMA = "json-trailing-comma" [Error] Json
        r#"A comma after the last item of an object or array."#
        r#"RFC 8259 grammar."#
        r#"{"a": [1, 2,]}"#;
    JSON_MISSING_COMMA = "json-missing-comma" [Error] Json
        r#"Two items with no comma between them."#
        r#"RFC 8259 grammar."#
        r#"{"a": 1 "b": 2}"#;
    // The YAML reader (document/yaml.rs).
    YAML_EMPTY = "yaml-empty" [Error] Yaml
        r#"The YAML document is empty."#
        r#"A CloudFormation template has at least a Resources section (template anatomy)."#
        r#""#;
    YAML_SYNTAX = "yaml-syntax" [Error] Yaml
        r#"Text that is not YAML, or an alias that refers to the value containing it."#
        r#"YAML 1.2 grammar."#
        r#"Resources: [a"#;
    YAML_MULTIPLE_DOCUMENTS = "yaml-multiple-documents" [Error] Yaml
        r#"A second YAML document (after ---): a template is one document."#
        r#"CloudFormation template anatomy: one template per file."#
        r#"a: 1
---
b: 2
"#;
    YAML_KEY_TAG = "yaml-key-tag" [Warning] Yaml
        r#"A tag on a mapping key, which is ignored."#
        r#"CloudFormation's short-form functions apply to values, not keys."#
        r#"!Ref a: 1
"#;
    YAML_UNKNOWN_TAG = "yaml-unknown-tag" [Warning] Yaml
        r#"A !tag that is not one of CloudFormation's short-form functions."#
        r#"CloudFormation intrinsic function reference (the short forms)."#
        r#"a: !Reff b
"#;
    YAML_ALIASES_TOO_LARGE = "yaml-aliases-too-large" [Error] Yaml
        r#"Aliases copy more values than vaultsim reads (a guard against alias bombs)."#
        r#"vaultsim's own limit; no template needs this many copies."#
        r#"a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
"#;
    YAML_ALIAS = "yaml-alias" [Error] Yaml
        r#"A YAML alias (*name): CloudFormation does not accept them; `aws cloudformation package` expands them."#
        r#"CloudFormation template formats: aliases are not supported in templates."#
        r#"a: &v 1
b: *v
"#;
    YAML_COMPLEX_KEY = "yaml-complex-key" [Error] Yaml
        r#"A mapping key that is a list or a mapping, not a name."#
        r#"CloudFormation template anatomy: members are Name: value."#
        r#"? [a, b]
: 1
"#;
    YAML_DUPLICATE_KEY = "yaml-duplicate-key" [Warning] Yaml
        r#"A key appears twice in one mapping; vaultsim reads the last."#
        r#"YAML 1.2: mapping keys are unique."#
        r#"a: 1
a: 2
"#;
    YAML_TOO_DEEP = "yaml-too-deep" [Error] Yaml
        r#"The document nests deeper than vaultsim reads."#
        r#"vaultsim's own limit; no template nests this deep."#
        r#"a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
"#;
    // Plan forms and structure (plan/forms.rs, api/shapes.rs).
    PLAN_NOT_AN_OBJECT = "plan-not-an-object" [Error] Plan
        r#"The document is not an object, so it cannot be a plan, a selection or a template."#
        r#"API reference CreateBackupPlan: the request body is a JSON object."#
        r#"[1, 2]"#;
    PLAN_FORM_UNKNOWN = "plan-form-unknown" [Error] Plan
        r#"The document is none of the forms vaultsim reads (plan, request, response, selection, template)."#
        r#"API reference CreateBackupPlan, GetBackupPlan, CreateBackupSelection; CloudFormation AWS::Backup resources."#
        r#"{"Name": "p"}"#;
    MISSING_MEMBER = "missing-member" [Error] Plan
        r#"A required member is missing (such as a rule's TargetBackupVaultName, or a template's Resources)."#
        r#"validation-rules.json PLAN-1, PLAN-4, RULE-1, RULE-2, COPY-1, SEL-1, SEL-2 (API model's required members)."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r"}]}"#;
    UNKNOWN_MEMBER = "unknown-member" [Error] Plan
        r#"A member the API model does not have; the SDKs refuse it ("Unknown parameter")."#
        r#"botocore's AWS Backup model (the SDKs validate members client-side)."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "Schedule": "cron(0 5 * * ? *)"}]}"#;
    INVALID_TYPE = "invalid-type" [Error] Plan
        r#"A value of the wrong type (a string where a number is expected, ...)."#
        r#"botocore's AWS Backup model (the SDKs validate types client-side)."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "StartWindowMinutes": "60"}]}"#;
    INVALID_VALUE = "invalid-value" [Error] Plan
        r#"A value outside the member's enumeration (such as a ConditionType other than STRINGEQUALS)."#
        r#"validation-rules.json SEL-4 and the API model's enums."#
        r#"{"SelectionName": "s", "IamRoleArn": "arn:aws:iam::123456789012:role/r", "ListOfTags": [{"ConditionType": "STRINGLIKE", "ConditionKey": "k", "ConditionValue": "v"}]}"#;
    INVALID_LENGTH = "invalid-length" [Error] Plan
        r#"A string shorter or longer than the resource schema allows (such as an empty tag key)."#
        r#"CloudFormation resource schemas (cfn-lint 1.58.0) minLength and maxLength; validation-rules.json TAG-1."#
        r#"Resources:
  Framework:
    Type: AWS::Backup::Framework
    Properties:
      FrameworkControls:
        - ControlName: c
      FrameworkTags:
        - Key: ""
          Value: v
"#;
    INVALID_PATTERN = "invalid-pattern" [Error] Plan
        r#"A string that does not satisfy the member's pattern (such as a vault name with a dot)."#
        r#"validation-rules.json RULE-1, RULE-2, SEL-1, VAULT-1 (API model patterns)."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "my.vault"}]}"#;
    READ_ONLY_MEMBER = "read-only-member" [Error] Plan
        r#"A property CloudFormation sets itself (readOnlyProperties) written in a template."#
        r#"CloudFormation resource schema (cfn-lint 1.58.0), readOnlyProperties."#
        r#"Resources:
  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlanArn: arn:aws:backup:us-east-1:123456789012:backup-plan:p
      BackupPlan:
        BackupPlanName: p
        BackupPlanRule:
          - RuleName: r
            TargetBackupVault: prod-vault
"#;
    UNKNOWN_RESOURCE_TYPE = "unknown-resource-type" [Warning] Plan
        r#"A template resource of an AWS::Backup type vaultsim does not know."#
        r#"The AWS::Backup types of cfn-lint 1.58.0's schemas (data/reference/cfn-lint)."#
        r#"Resources:
  Plan:
    Type: AWS::Backup::BackupPlans
    Properties: {}
"#;
    SELECTIONS_ARE_SEPARATE = "selections-are-separate" [Info] Plan
        r#"A plan written with its Selections: AWS creates each selection with CreateBackupSelection, not with the plan."#
        r#"API reference CreateBackupPlan and CreateBackupSelection."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault"}], "Selections": []}"#;
    // Plan rules, a family a file (plan/rules/): names.
    PLAN_NAME = "plan-name" [Error] Plan
        r#"BackupPlanName must have 1 to 50 alphanumeric or '-_.' characters."#
        r#"validation-rules.json PLAN-2 (API reference: "Must contain 1 to 50 alphanumeric or '-_.' characters.")."#
        r#"{"BackupPlanName": "my plan", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault"}]}"#;
    DUPLICATE_RULE_NAME = "duplicate-rule-name" [Warning] Plan
        r#"Two rules of one plan share a RuleName; AWS's text does not say it refuses this, but jobs, events and reports name the rule."#
        r#"validation-rules.json RULE-1."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault"}, {"RuleName": "r", "TargetBackupVaultName": "prod-vault"}]}"#;
    // plan/rules/schedule.rs (the expression itself: the schedule parser's codes below).
    SCHEDULE_NEVER_RUNS = "schedule-never-runs" [Warning] Plan
        r#"A rule's schedule has no run after now (or none at all): it will never start a backup."#
        r#"validation-rules.json RULE-3; EventBridge cron's Year field."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "ScheduleExpression": "cron(0 5 1 1 ? 2020)"}]}"#;
    // plan/rules/windows.rs.
    START_WINDOW_TOO_SHORT = "start-window-too-short" [Error] Plan
        r#"StartWindowMinutes under 60."#
        r#"validation-rules.json RULE-7 (API reference: "it must be at least 60 minutes to avoid errors")."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "StartWindowMinutes": 30}]}"#;
    WINDOW_TOO_LONG = "window-too-long" [Error] Plan
        r#"A start or completion window over 52,560,000 minutes (100 years)."#
        r#"validation-rules.json RULE-7, RULE-8 (API reference: "a maximum value of 100 years (52,560,000 minutes)")."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "CompletionWindowMinutes": 60000000}]}"#;
    COMPLETION_WINDOW_TOO_SHORT = "completion-window-too-short" [Warning] Plan
        r#"CompletionWindowMinutes under 1 leaves no time to back up; AWS documents no minimum."#
        r#"validation-rules.json RULE-8 (no minimum in AWS's model or texts)."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "CompletionWindowMinutes": 0}]}"#;
    COMPLETION_WINDOW_SHORT = "completion-window-short" [Warning] Plan
        r#"A job starting at the end of its start window has under an hour of its completion window left."#
        r#"validation-rules.json RULE-8 (unverified: completion must exceed start by 60); API reference StartBackupJob and BackupRule."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "StartWindowMinutes": 480, "CompletionWindowMinutes": 500}]}"#;
    // plan/rules/lifecycle.rs.
    LIFECYCLE_OUT_OF_RANGE = "lifecycle-out-of-range" [Error, Warning] Plan
        r#"DeleteAfterDays outside 1 to 36,500 (an error), or MoveToColdStorageAfterDays outside 0 to 36,500 (a warning: AWS gives it no range)."#
        r#"validation-rules.json LC-2 (observed: "Invalid lifecycle. DeleteAfterDays cannot be less than 1 or more than 36500 days")."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "Lifecycle": {"DeleteAfterDays": 0}}]}"#;
    LIFECYCLE_COLD_MINIMUM = "lifecycle-cold-minimum" [Error] Plan
        r#"DeleteAfterDays is less than 90 days after MoveToColdStorageAfterDays."#
        r#"validation-rules.json LC-1 (API reference Lifecycle.DeleteAfterDays: "must be at least 90 days after")."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "Lifecycle": {"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 100}}]}"#;
    OUTPUT_ONLY_MEMBER = "output-only-member" [Error] Plan
        r#"DeleteAfterEvent in an input: AWS sets it itself."#
        r#"validation-rules.json LC-5 (API model: "Not valid as an input")."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "Lifecycle": {"DeleteAfterDays": 7, "DeleteAfterEvent": "DELETE_AFTER_COPY"}}]}"#;
    COLD_STORAGE_UNSUPPORTED = "cold-storage-unsupported" [Warning] Plan
        r#"A rule moves to cold storage but the selection names resources whose type cannot go cold; AWS ignores the setting for them."#
        r#"validation-rules.json LC-4; data/reference/docs/feature-availability.md (services.rs)."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "Lifecycle": {"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 365}}], "Selections": [{"SelectionName": "s", "IamRoleArn": "arn:aws:iam::123456789012:role/r", "Resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0"]}]}"#;
    // plan/rules/continuous.rs.
    CONTINUOUS_RESOURCE_TYPES = "continuous-resource-types" [Info] Plan
        r#"A continuous rule: which resource types get continuous backup; the others get snapshots."#
        r#"data/reference/docs/feature-availability.md note 3 (services.rs)."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "EnableContinuousBackup": true, "Lifecycle": {"DeleteAfterDays": 35}}]}"#;
    CONTINUOUS_WITHOUT_LIFECYCLE = "continuous-without-lifecycle" [Error, Warning] Plan
        r#"A continuous rule without a Lifecycle: an error in CloudFormation, which refuses it, a warning elsewhere."#
        r#"validation-rules.json CONT-3 (observed in CloudFormation: "Lifecycle must be specified for backup rule enabled continuous backup")."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "EnableContinuousBackup": true}]}"#;
    CONTINUOUS_COLD_STORAGE = "continuous-cold-storage" [Error] Plan
        r#"A continuous rule moves to cold storage, which continuous backups cannot."#
        r#"validation-rules.json CONT-1 (observed: "Invalid lifecycle. MoveToColdStorageAfterDays is unavailable")."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "EnableContinuousBackup": true, "Lifecycle": {"MoveToColdStorageAfterDays": 1, "DeleteAfterDays": 35}}]}"#;
    CONTINUOUS_RETENTION = "continuous-retention" [Error] Plan
        r#"A continuous rule keeps its backups over 35 days."#
        r#"validation-rules.json CONT-2 (developer guide: "a maximum of 35 days")."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "EnableContinuousBackup": true, "Lifecycle": {"DeleteAfterDays": 36}}]}"#;
    // plan/rules/vault_lock.rs.
    VAULT_LOCK_RANGE = "vault-lock-range" [Error] Plan
        r#"A vault lock's MinRetentionDays, MaxRetentionDays or ChangeableForDays outside what AWS accepts."#
        r#"validation-rules.json LOCK-1, LOCK-2, LOCK-3, LAG-1 (API reference and developer guide vault-lock)."#
        r#"Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: prod-vault
      LockConfiguration:
        MinRetentionDays: 0
"#;
    VAULT_LOCK_MIN_ABOVE_MAX = "vault-lock-min-above-max" [Warning] Plan
        r#"A vault lock's minimum retention is above its maximum: no recovery point could satisfy both."#
        r#"validation-rules.json LOCK-4 (unverified in AWS text; moto refuses it)."#
        r#"Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: prod-vault
      LockConfiguration:
        MinRetentionDays: 30
        MaxRetentionDays: 7
"#;
    VAULT_LOCK_MODE = "vault-lock-mode" [Info] Plan
        r#"Which mode a vault's lock is in: governance (removable), compliance (immutable after its grace time), or air-gapped."#
        r#"validation-rules.json LOCK-3, LAG-1 (developer guide vault-lock)."#
        r#"Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: prod-vault
      LockConfiguration:
        MinRetentionDays: 7
"#;
    VAULT_LOCK_RETENTION = "vault-lock-retention" [Warning] Plan
        r#"Jobs into a locked vault will fail: the rule's or copy's retention is outside the lock's minimum and maximum."#
        r#"validation-rules.json LOCK-6 (API reference and developer guide: such jobs "will fail")."#
        r#"Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: prod-vault
      LockConfiguration:
        MinRetentionDays: 30
  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: p
        BackupPlanRule:
          - RuleName: r
            TargetBackupVault: !Ref Vault
            Lifecycle:
              DeleteAfterDays: 7
"#;
    // plan/rules/copy_actions.rs (and selections.rs for a role ARN's account).
    COPY_DESTINATION_ARN = "copy-destination-arn" [Error] Plan
        r#"A copy action's DestinationBackupVaultArn is not a backup vault's ARN."#
        r#"validation-rules.json COPY-1, VAULT-1 (API model: a vault ARN; vault names ^[a-zA-Z0-9\-\_]{2,50}$)."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "CopyActions": [{"DestinationBackupVaultArn": "dr-vault"}]}]}"#;
    COPY_DESTINATION = "copy-destination" [Info] Plan
        r#"Where a copy action's copies go: the vault, Region and account its ARN names."#
        r#"validation-rules.json COPY-1; developer guide cross-account and cross-Region copy."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "CopyActions": [{"DestinationBackupVaultArn": "arn:aws:backup:eu-west-1:123456789012:backup-vault:dr"}]}]}"#;
    COPY_RETENTION_SHORTER = "copy-retention-shorter" [Warning] Plan
        r#"A copy is deleted before its source recovery point."#
        r#"validation-rules.json COPY-2 (a copy has its own lifecycle, else the source's)."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "Lifecycle": {"DeleteAfterDays": 35}, "CopyActions": [{"DestinationBackupVaultArn": "arn:aws:backup:eu-west-1:123456789012:backup-vault:dr", "Lifecycle": {"DeleteAfterDays": 7}}]}]}"#;
    ARN_ACCOUNT_PLACEHOLDER = "arn-account-placeholder" [Warning] Plan
        r#"An ARN's account ID is not 12 digits: a placeholder left in."#
        r#"AWS account IDs are 12 digits (AWS General Reference, ARN format)."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "CopyActions": [{"DestinationBackupVaultArn": "arn:aws:backup:eu-west-1:ACCOUNT_ID:backup-vault:dr"}]}]}"#;
    ARN_REGION_PLACEHOLDER = "arn-region-placeholder" [Warning] Plan
        r#"An ARN's Region does not look like a Region name: a placeholder left in."#
        r#"Region names such as eu-west-1 (AWS General Reference)."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "CopyActions": [{"DestinationBackupVaultArn": "arn:aws:backup:REGION:123456789012:backup-vault:dr"}]}]}"#;
    // plan/rules/index_actions.rs.
    INDEX_ACTIONS = "index-actions" [Error] Plan
        r#"More than one index action, an index action without exactly one resource type, or a type backup indexes do not support."#
        r#"validation-rules.json IDX-1 (API reference IndexAction: "Valid values: EBS ... S3"); services.rs."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "IndexActions": [{"ResourceTypes": ["RDS"]}]}]}"#;
    // plan/rules/advanced_settings.rs.
    ADVANCED_BACKUP_SETTING = "advanced-backup-setting" [Error] Plan
        r#"An AdvancedBackupSettings entry other than Windows VSS for EC2 ("enabled" or "disabled")."#
        r#"validation-rules.json ADV-1 (API reference AdvancedBackupSetting); services.rs."#
        r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault"}], "AdvancedBackupSettings": [{"ResourceType": "EC2", "BackupOptions": {"WindowsVSS": "on"}}]}"#;
    // plan/rules/selections.rs.
    SELECTION_TOO_MANY_RESOURCES = "selection-too-many-resources" [Error] Plan
        r#"A selection lists more than 500 ARNs, or more than 30 when any has a wildcard."#
        r#"validation-rules.json SEL-3 (API reference BackupSelection.Resources)."#
        r#"{"SelectionName": "s", "IamRoleArn": "arn:aws:iam::123456789012:role/r", "Resources": ["arn:aws:s3:::b0*", "arn:aws:s3:::b1*", "arn:aws:s3:::b2*", "arn:aws:s3:::b3*", "arn:aws:s3:::b4*", "arn:aws:s3:::b5*", "arn:aws:s3:::b6*", "arn:aws:s3:::b7*", "arn:aws:s3:::b8*", "arn:aws:s3:::b9*", "arn:aws:s3:::b10*", "arn:aws:s3:::b11*", "arn:aws:s3:::b12*", "arn:aws:s3:::b13*", "arn:aws:s3:::b14*", "arn:aws:s3:::b15*", "arn:aws:s3:::b16*", "arn:aws:s3:::b17*", "arn:aws:s3:::b18*", "arn:aws:s3:::b19*", "arn:aws:s3:::b20*", "arn:aws:s3:::b21*", "arn:aws:s3:::b22*", "arn:aws:s3:::b23*", "arn:aws:s3:::b24*", "arn:aws:s3:::b25*", "arn:aws:s3:::b26*", "arn:aws:s3:::b27*", "arn:aws:s3:::b28*", "arn:aws:s3:::b29*", "arn:aws:s3:::b30*"]}"#;
    SELECTION_WILDCARD_POSITION = "selection-wildcard-position" [Warning] Plan
        r#"A resource ARN pattern whose wildcard is not at its end; AWS's API reference and developer guide disagree on whether that works."#
        r#"validation-rules.json SEL-3 (API reference: "arn:aws:s3:::*-logs is not supported"; developer guide assigning-resources-json: * anywhere)."#
        r#"{"SelectionName": "s", "IamRoleArn": "arn:aws:iam::123456789012:role/r", "Resources": ["arn:aws:s3:::*-logs"]}"#;
    ROLE_ARN = "role-arn" [Error] Plan
        r#"A selection's IamRoleArn is not an IAM role ARN."#
        r#"validation-rules.json SEL-2 (API reference BackupSelection.IamRoleArn)."#
        r#"{"SelectionName": "s", "IamRoleArn": "AWSBackupDefaultServiceRole", "Resources": ["arn:aws:s3:::b"]}"#;
    CONDITION_KEY_PREFIX = "condition-key-prefix" [Warning] Plan
        r#"A selection condition's key without the aws:ResourceTag/ prefix."#
        r#"validation-rules.json SEL-5 (API reference: "Include the prefix aws:ResourceTag in your tags")."#
        r#"{"SelectionName": "s", "IamRoleArn": "arn:aws:iam::123456789012:role/r", "Conditions": {"StringEquals": [{"ConditionKey": "backup", "ConditionValue": "daily"}]}}"#;
    SELECTION_SELECTS_EVERYTHING = "selection-selects-everything" [Warning] Plan
        r#"A selection names no Resources, ListOfTags or Conditions: AWS selects every supported, opted-in resource."#
        r#"API reference BackupSelection: "Otherwise, Backup attempts to select all supported and opted-in storage resources"."#
        r#"{"SelectionName": "s", "IamRoleArn": "arn:aws:iam::123456789012:role/r"}"#;
    // A template's other AWS::Backup resources (plan/resources.rs).
    OUT_OF_RANGE = "out-of-range" [Error] Plan
        r#"A number in a restore testing plan or selection outside what AWS accepts (StartWindowHours, SelectionWindowDays, ValidationWindowHours)."#
        r#"validation-rules.json RT-1, RT-2 (API model)."#
        r#"Resources:
  Test:
    Type: AWS::Backup::RestoreTestingPlan
    Properties:
      RestoreTestingPlanName: t
      ScheduleExpression: cron(0 5 ? * * *)
      StartWindowHours: 200
      RecoveryPointSelection: {Algorithm: LATEST_WITHIN_WINDOW, IncludeVaults: ["*"], RecoveryPointTypes: [SNAPSHOT]}
"#;
    INVALID_NAME = "invalid-name" [Error] Plan
        r#"A restore testing or framework name with characters AWS does not allow."#
        r#"validation-rules.json RT-1, RT-2, FW-1 (API model)."#
        r#"Resources:
  Test:
    Type: AWS::Backup::RestoreTestingPlan
    Properties:
      RestoreTestingPlanName: my-test
      ScheduleExpression: cron(0 5 ? * * *)
      RecoveryPointSelection: {Algorithm: LATEST_WITHIN_WINDOW, IncludeVaults: ["*"], RecoveryPointTypes: [SNAPSHOT]}
"#;
    RESTORE_TESTING_ARNS = "restore-testing-arns" [Error] Plan
        r#"A restore testing selection names specific ARNs and ["*"] together."#
        r#"validation-rules.json RT-2 (API model ProtectedResourceArns)."#
        r#"Resources:
  Selection:
    Type: AWS::Backup::RestoreTestingSelection
    Properties:
      RestoreTestingPlanName: t
      RestoreTestingSelectionName: s
      IamRoleArn: arn:aws:iam::123456789012:role/r
      ProtectedResourceType: EBS
      ProtectedResourceArns: ["*", "arn:aws:ec2:us-east-1:123456789012:volume/vol-1"]
"#;
    FRAMEWORK_CONTROLS_LIMIT = "framework-controls-limit" [Warning] Plan
        r#"A framework with more than 50 controls: an account has at most 50 per Region."#
        r#"validation-rules.json FW-1 (developer guide controls-and-remediation)."#
        r#"Resources:
  Framework:
    Type: AWS::Backup::Framework
    Properties:
      FrameworkControls: [{ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}, {ControlName: c}]
"#;
    CONTROL_SCOPE_TAGS = "control-scope-tags" [Error] Plan
        r#"A framework control's scope with more than one tag."#
        r#"validation-rules.json FW-1 (API model ControlScope.Tags)."#
        r#"Resources:
  Framework:
    Type: AWS::Backup::Framework
    Properties:
      FrameworkControls:
        - ControlName: c
          ControlScope: {Tags: [{Key: a, Value: "1"}, {Key: b, Value: "2"}]}
"#;
    LEGAL_HOLD_LIMIT = "legal-hold-limit" [Warning] Plan
        r#"A template creating more than 50 legal holds: an account can have at most 50 active."#
        r#"validation-rules.json LH-1 (developer guide legalhold: "a maximum of 50 legal holds active at one time")."#
        r#"Resources:
  H0: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H1: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H2: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H3: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H4: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H5: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H6: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H7: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H8: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H9: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H10: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H11: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H12: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H13: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H14: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H15: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H16: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H17: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H18: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H19: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H20: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H21: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H22: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H23: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H24: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H25: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H26: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H27: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H28: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H29: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H30: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H31: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H32: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H33: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H34: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H35: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H36: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H37: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H38: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H39: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H40: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H41: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H42: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H43: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H44: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H45: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H46: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H47: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H48: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H49: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
  H50: {Type: AWS::Backup::LegalHold, Properties: {Title: t, Description: d, RecoveryPointSelection: {}}}
"#;
    // The schedule parser (schedule/parse.rs, schedule/mod.rs).
    SCHEDULE_EMPTY = "schedule-empty" [Error] Schedule
        r#"The schedule expression is empty."#
        r#"validation-rules.json RULE-3 (EventBridge cron syntax)."#
        r#""#;
    SCHEDULE_NOT_CRON = "schedule-not-cron" [Error] Schedule
        r#"The expression is not cron(...) (a Unix crontab line, an at() or another form)."#
        r#"validation-rules.json RULE-3; data/reference/docs/eventbridge-cron-expressions.md."#
        r#"0 5 * * *"#;
    SCHEDULE_KEYWORD_CASE = "schedule-keyword-case" [Warning] Schedule
        r#"The cron keyword in another case than AWS documents it."#
        r#"data/reference/docs/eventbridge-cron-expressions.md (the keyword is cron)."#
        r#"CRON(0 5 ? * * *)"#;
    SCHEDULE_UNCLOSED = "schedule-unclosed" [Error] Schedule
        r#"The cron expression has no closing parenthesis."#
        r#"data/reference/docs/eventbridge-cron-expressions.md."#
        r#"cron(0 5 ? * * *"#;
    SCHEDULE_TRAILING_TEXT = "schedule-trailing-text" [Error] Schedule
        r#"Text after the closing parenthesis."#
        r#"data/reference/docs/eventbridge-cron-expressions.md."#
        r#"cron(0 5 ? * * *) UTC"#;
    SCHEDULE_RATE_NOT_SUPPORTED = "schedule-rate-not-supported" [Error, Warning] Schedule
        r#"A rate() expression: AWS Backup schedules are cron only (a warning in a plan: only peers say the API refuses it)."#
        r#"validation-rules.json RULE-4 (peers: Terraform's maintainers, the CDK)."#
        r#"rate(1 hour)"#;
    SCHEDULE_FIELD_COUNT = "schedule-field-count" [Error] Schedule
        r#"A cron expression without exactly six fields (Minutes Hours Day-of-month Month Day-of-week Year)."#
        r#"data/reference/docs/eventbridge-cron-expressions.md: six required fields."#
        r#"cron(0 5 * * ?)"#;
    SCHEDULE_HASH_IN_LIST = "schedule-hash-in-list" [Error] Schedule
        r#"A Day-of-week field with # in a list: it holds one such expression only."#
        r#"data/reference/docs/eventbridge-cron-expressions.md (the # wildcard)."#
        r#"cron(0 5 ? * 3#1,6#3 *)"#;
    SCHEDULE_INVALID_VALUE = "schedule-invalid-value" [Error] Schedule
        r#"A field value EventBridge does not read (an unknown name or character, an empty list element, a misplaced ?)."#
        r#"data/reference/docs/eventbridge-cron-expressions.md (the fields' values and wildcards)."#
        r#"cron(0 5 ? * MOM *)"#;
    SCHEDULE_OUT_OF_RANGE = "schedule-out-of-range" [Error] Schedule
        r#"A field value outside its range (Hours 0-23, Day-of-month 1-31, ...)."#
        r#"data/reference/docs/eventbridge-cron-expressions.md (the fields' ranges)."#
        r#"cron(0 24 * * ? *)"#;
    SCHEDULE_REVERSED_RANGE = "schedule-reversed-range" [Error] Schedule
        r#"A range written from high to low in the Year field, which does not wrap."#
        r#"data/reference/docs/eventbridge-cron-expressions.md; data/reference/cron/validation-examples.json."#
        r#"cron(0 5 1 1 ? 2030-2020)"#;
    SCHEDULE_INVALID_STEP = "schedule-invalid-step" [Error] Schedule
        r#"A /step that is not a positive number within the field's range."#
        r#"data/reference/docs/eventbridge-cron-expressions.md (the / wildcard)."#
        r#"cron(0/0 5 * * ? *)"#;
    SCHEDULE_UNDOCUMENTED_SYNTAX = "schedule-undocumented-syntax" [Info, Warning] Schedule
        r#"Quartz Day-of-month syntax EventBridge's guide does not list: LW and L-n (reported to work, a note), L-nW (a warning)."#
        r#"Quartz's org.quartz.CronExpression; the project's issue (users report the EventBridge console takes LW and L-n)."#
        r#"cron(0 5 LW * ? *)"#;
    SCHEDULE_WILDCARD_NOT_ALLOWED = "schedule-wildcard-not-allowed" [Error] Schedule
        r#"A wildcard the field does not accept (such as L in Hours)."#
        r#"data/reference/docs/eventbridge-cron-expressions.md (the wildcards of each field)."#
        r#"cron(0 L * * ? *)"#;
    SCHEDULE_DAY_FIELDS = "schedule-day-fields" [Error] Schedule
        r#"Day-of-month and Day-of-week not exactly one ? between them."#
        r#"data/reference/docs/eventbridge-cron-expressions.md: "If you specify a value or a * (asterisk) in one of the fields, you must use a ? (question mark) in the other"."#
        r#"cron(0 5 * * * *)"#;
    SCHEDULE_MORE_THAN_HOURLY = "schedule-more-than-hourly" [Warning] Schedule
        r#"A schedule that runs more than once an hour: AWS Backup takes snapshot backups at most hourly."#
        r#"validation-rules.json RULE-5 (developer guide: "as frequently as hourly"; whether AWS refuses the plan is unverified)."#
        r#"cron(0/15 * * * ? *)"#;
    // Time zones (schedule/timezone.rs).
    TIMEZONE_EMPTY = "timezone-empty" [Error] Timezone
        r#"ScheduleExpressionTimezone is empty."#
        r#"validation-rules.json RULE-6 (an IANA time zone name)."#
        r#""#;
    TIMEZONE_UNKNOWN = "timezone-unknown" [Error] Timezone
        r#"ScheduleExpressionTimezone is not an IANA time zone name."#
        r#"validation-rules.json RULE-6 (an IANA time zone name)."#
        r#"Europe/Pariss"#;
    TIMEZONE_UNAVAILABLE = "timezone-unavailable" [Error] PageTimezone
        r#"An IANA time zone name the browser's time zone data does not have, so the page cannot compute its runs (the CLI can)."#
        r#"The page reads zone offsets from the browser's Intl.DateTimeFormat (src/time_zones.rs); AWS accepts every IANA name (RULE-6)."#
        r#"an IANA name missing from an old browser's time zone data"#;
    // EventBridge event patterns (events/pattern.rs).
    EVENT_PATTERN = "event-pattern" [Error] EventPattern
        r#"An EventBridge event pattern that is not valid (a value not in an array, an unknown operator, ...)."#
        r#"Amazon EventBridge user guide, event patterns and content filtering."#
        r#"{"source": "aws.backup"}"#;
    // Scenarios (scenario/mod.rs); a scenario's plans report the plan codes above.
    // Lessons (lesson/mod.rs); a lesson's written scenario reports the scenario codes.
    LESSON_INVALID = "lesson-invalid" [Error] Lesson
        r#"A lesson member that is unknown, missing or of the wrong type, a lesson without steps, or a time that is not RFC 3339."#
        r#"vaultsim's lesson format (docs/lessons.md, crates/core/src/lesson)."#
        r#"{"Lesson": "x", "Title": "X", "Scenario": "three-tier-web-app", "Step": []}"#;
    LESSON_SCENARIO = "lesson-scenario" [Error] Lesson
        r#"A lesson's Scenario names no built-in scenario."#
        r#"vaultsim's lesson format (docs/lessons.md); the built-in scenarios are those `vaultsim simulate --list` names."#
        r#"{"Lesson": "x", "Title": "X", "Scenario": "three-tier-webapp", "Steps": [{"Title": "T", "Goal": {"Describe": "d", "Check": {"Audit": "StartRestoreJob"}}}]}"#;
    LESSON_CHECK = "lesson-check" [Error] Lesson
        r#"A goal's or question's command the console cannot read, or an event pattern EventBridge would refuse."#
        r#"data/reference/docs/aws-cli.md (the commands); the Amazon EventBridge user guide (event patterns)."#
        r#"{"Lesson": "x", "Title": "X", "Scenario": "three-tier-web-app", "Steps": [{"Title": "T", "Goal": {"Describe": "d", "Check": {"Ask": "aws backup list-vaults", "AtLeast": 1}}}]}"#;
    SCENARIO_INVALID = "scenario-invalid" [Error] Scenario
        r#"A scenario member that is unknown, missing or of the wrong type."#
        r#"vaultsim's scenario format (README, crates/core/src/scenario)."#
        r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [], "Resorces": []}"#;
    SCENARIO_START_TIME = "scenario-start-time" [Error] Scenario
        r#"The scenario's StartTime is not an RFC 3339 time."#
        r#"RFC 3339."#
        r#"{"StartTime": "15/01/2024", "Accounts": []}"#;
    SCENARIO_ORGANIZATION = "scenario-organization" [Error] Scenario
        r#"An account's OrganizationId is not an AWS Organizations ID."#
        r#"AWS Organizations API: organization IDs match ^o-[a-z0-9]{10,32}$."#
        r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"], "OrganizationId": "my-org"}]}"#;
    SCENARIO_MANAGEMENT_PREFERENCE = "scenario-management-preference" [Error] Scenario
        r#"A ResourceTypeManagementPreference for a type other than DynamoDB and EFS."#
        r#"API reference UpdateRegionSettings ResourceTypeManagementPreference (DynamoDB and EFS)."#
        r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"], "ResourceTypeManagementPreference": {"RDS": true}}]}"#;
    SCENARIO_RESOURCE_TYPE = "scenario-resource-type" [Error] Scenario
        r#"A resource ARN of no type AWS Backup protects."#
        r#"data/reference/docs/feature-availability.md (the protected resource types)."#
        r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}], "Resources": [{"Arn": "arn:aws:sqs:us-east-1:111122223333:queue", "SizeGb": 1}]}"#;
    SCENARIO_UNKNOWN_ACCOUNT = "scenario-unknown-account" [Error] Scenario
        r#"A resource, vault or plan in an account the scenario's Accounts do not list."#
        r#"vaultsim's scenario format."#
        r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}], "Vaults": [{"Name": "v", "Account": "444455556666", "Region": "us-east-1"}]}"#;
    SCENARIO_WINDOW = "scenario-window" [Error] Scenario
        r#"An RDS maintenance or backup window in a resource's Configuration that is not ddd:hh:mm-ddd:hh:mm (or hh:mm-hh:mm)."#
        r#"Amazon RDS API DescribeDBInstances (PreferredMaintenanceWindow, PreferredBackupWindow)."#
        r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}], "Resources": [{"Arn": "arn:aws:rds:us-east-1:111122223333:db:orders", "SizeGb": 1, "Configuration": {"PreferredBackupWindow": "late"}}]}"#;
    SCENARIO_SIZE = "scenario-size" [Error] Scenario
        r#"A resource's SizeGb is negative or not a number."#
        r#"vaultsim's scenario format."#
        r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}], "Resources": [{"Arn": "arn:aws:s3:::b", "SizeGb": -1}]}"#;
    SCENARIO_VAULT_LOCK = "scenario-vault-lock" [Error] Scenario
        r#"A scenario vault's lock with a value outside what PutBackupVaultLockConfiguration accepts."#
        r#"validation-rules.json LOCK-1, LOCK-2, LOCK-3."#
        r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}], "Vaults": [{"Name": "v", "Account": "111122223333", "Region": "us-east-1", "Lock": {"ChangeableForDays": 1}}]}"#;
    SCENARIO_AIR_GAPPED_VAULT = "scenario-air-gapped-vault" [Error] Scenario
        r#"A logically air-gapped vault without MinRetentionDays (7 or more) and MaxRetentionDays, or with ChangeableForDays."#
        r#"validation-rules.json LAG-1 (API reference CreateLogicallyAirGappedBackupVault)."#
        r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}], "Vaults": [{"Name": "v", "Account": "111122223333", "Region": "us-east-1", "AirGapped": true}]}"#;
    SCENARIO_TIME = "scenario-time" [Error] Scenario
        r#"An operation's or a fault's time is not an RFC 3339 time."#
        r#"RFC 3339."#
        r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}], "Faults": [{"Fault": "RegionOutage", "Region": "us-east-1", "From": "noon", "Until": "2024-01-16T00:00:00Z"}]}"#;
    SCENARIO_OPERATION = "scenario-operation" [Error] Scenario
        r#"An API call in the scenario's Operations that vaultsim does not know, or whose input the API would refuse."#
        r#"API reference (each operation's request syntax)."#
        r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}], "Operations": [{"At": "2024-01-15T01:00:00Z", "Operation": "StartBackupJobs", "Input": {}}]}"#;
    SCENARIO_FAULT = "scenario-fault" [Error] Scenario
        r#"A fault naming no known resource type, an unknown resource, or a probability outside 0 to 1."#
        r#"vaultsim's scenario format (faults)."#
        r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}], "Faults": [{"Fault": "FailureRate", "ResourceType": "EBS", "Probability": 2}]}"#;
    SCENARIO_RESTORE_TESTING = "scenario-restore-testing" [Error] Scenario
        r#"A restore testing plan or selection the API would refuse (RT-1, RT-2), in an account the scenario lacks, or a validation that reports no final status."#
        r#"validation-rules.json RT-1, RT-2; docs/restore-testing.md (API_RestoreTestingPlanForCreate, API_RestoreTestingSelectionForCreate)."#
        r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}], "RestoreTestingPlans": [{"Account": "111122223333", "Region": "us-east-1", "RestoreTestingPlan": {"RestoreTestingPlanName": "weekly", "ScheduleExpression": "cron(0 5 ? * * *)", "RecoveryPointSelection": {"Algorithm": "LATEST_WITHIN_WINDOW", "RecoveryPointTypes": ["SNAPSHOT"], "IncludeVaults": ["*"], "SelectionWindowDays": 400}}}]}"#;
    // The simulation's set-up (engine/mod.rs; scenario-operation also from engine/operations.rs).
    SCENARIO_PLAN = "scenario-plan" [Error] Simulation
        r#"A scenario built without reading it as a document holds a plan AWS would refuse: the simulation does not run it."#
        r#"validation-rules.json (the plan's own findings; vaultsim validate shows them)."#
        r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}], "Plans": [{"Account": "111122223333", "Region": "us-east-1", "Document": {"BackupPlanName": "p", "Rules": [{"RuleName": "r", "TargetBackupVaultName": "prod-vault", "StartWindowMinutes": 30}]}}]}"#;
    // The page (src/simulator/scenario_editor.rs).
    SCENARIO_UNREADABLE = "scenario-unreadable" [Error] PageFile
        r#"The page could not read the chosen scenario file as text."#
        r#"The browser's File.text() rejected the file."#
        r#"a file the browser cannot read, such as one deleted after it was chosen"#;
}
