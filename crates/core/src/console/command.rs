//! A console command read as AWS CLI v2 reads its arguments (`awscli/clidriver.py` and
//! `awscli/argparser.py`, data/reference/docs/aws-cli.md): `aws SERVICE OPERATION` with the
//! operation's parameters, one `--name` for each member of its input structure (the CLI's name,
//! [`cli_name`]), and the CLI's global options anywhere on the line. The result is the request
//! as `--cli-input-json` would give it, in the API's member names, or the usage error the CLI
//! prints, which exits 252.
//!
//! What the CLI would accept but vaultsim does not read yet is said, never guessed: another
//! service, an operation the console does not know, shorthand syntax and `file://` values.

use serde_json::{Map, Value};

use super::names::{cli_name, parameter_name};
use super::query::Query;
use super::shorthand;
use crate::api::operations::{Operation, model_shape, operations};
use crate::api::shapes::Shape;

/// The exit status of a usage error (v2's `ParamValidationErrorsHandler`; v1 exits 2).
pub const USAGE_EXIT: i32 = 252;

/// The services the console answers.
pub const SERVICES: &[&str] = &["backup", "rds", "events", "sns"];

/// `--output`'s choices (cli:cli-usage-output-format.html).
const OUTPUTS: &[&str] = &["json", "text", "table", "yaml", "yaml-stream", "off"];

/// A command read: the operation, its request, and the global options given.
#[derive(Clone, Debug, PartialEq)]
pub struct Invocation {
    pub service: String,
    /// The API's name of the operation: `ListRecoveryPointsByBackupVault`.
    pub operation: String,
    /// The request, in the API's member names.
    pub input: Value,
    pub globals: Globals,
    /// The model's shape of the operation's response, which orders and types what is printed.
    pub(crate) output_shape: Option<&'static str>,
}

/// The global options of the line (`aws help` lists them); each as given, or absent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Globals {
    pub output: Option<String>,
    pub query: Option<String>,
    pub region: Option<String>,
    pub profile: Option<String>,
    pub no_paginate: bool,
    pub max_items: Option<String>,
    pub page_size: Option<String>,
    pub starting_token: Option<String>,
    pub cli_input_json: Option<String>,
}

/// Why a line was not read.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// What the CLI says of a malformed command: the text after `aws: error: `, printed after
    /// the usage block (see [`Refusal::render`]); exit [`USAGE_EXIT`].
    Usage(String),
    /// A global option's value the CLI refuses when it resolves it (`Bad value for --query …`,
    /// `awscli/customizations/globalargs.py`); printed after a blank line, exit [`USAGE_EXIT`]
    /// (the exit is vaultsim's reading of the CLI's "bad value" class, 252).
    BadValue(String),
    /// A command the CLI would run but the console does not simulate, and why.
    NotSimulated(String),
}

impl Refusal {
    /// The text the console prints: the CLI's usage block and error for a usage error.
    pub fn render(&self) -> String {
        match self {
            Refusal::Usage(message) => format!(
                "\nusage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n\
                 To see help text, you can run:\n\n  aws help\n  aws <command> help\n  \
                 aws <command> <subcommand> help\n\naws: error: {message}\n"
            ),
            Refusal::BadValue(message) => format!("\n{message}\n"),
            Refusal::NotSimulated(why) => format!("vaultsim: {why}\n"),
        }
    }
}

/// A global option: its name and whether it takes a value.
pub(super) const GLOBALS: &[(&str, bool)] = &[
    ("--output", true),
    ("--query", true),
    ("--region", true),
    ("--profile", true),
    ("--endpoint-url", true),
    ("--no-paginate", false),
    ("--max-items", true),
    ("--page-size", true),
    ("--starting-token", true),
    ("--cli-input-json", true),
    ("--debug", false),
    ("--no-verify-ssl", false),
    ("--no-sign-request", false),
    ("--color", true),
    ("--cli-read-timeout", true),
    ("--cli-connect-timeout", true),
    ("--no-cli-pager", false),
    ("--cli-auto-prompt", false),
    ("--no-cli-auto-prompt", false),
];

/// The words after `aws` that are not global options or their values, with their places: the
/// service, the command and what follows them.
pub(crate) fn outside_globals(words: &[String]) -> impl Iterator<Item = (usize, &str)> {
    let mut skip_value = false;
    words.iter().enumerate().filter_map(move |(i, word)| {
        if std::mem::take(&mut skip_value) {
            return None;
        }
        let name = word.split_once('=').map_or(word.as_str(), |(name, _)| name);
        match GLOBALS.iter().find(|(g, _)| *g == name) {
            Some((_, true)) => {
                skip_value = !word.contains('=');
                None
            }
            Some(_) => None,
            None => Some((i, word.as_str())),
        }
    })
}

/// Where the service and the command (the word after it) are among the words after `aws`,
/// global options and their values skipped.
pub(crate) fn service_and_command(words: &[String]) -> Option<(usize, usize)> {
    let mut positional = outside_globals(words);
    let (service, command) = (positional.next()?, positional.next()?);
    [service, command]
        .iter()
        .all(|(_, w)| !w.starts_with("--"))
        .then_some((service.0, command.0))
}

/// A global option's value among the words after `aws` (`--profile P` or `--profile=P`), read
/// without the rest of the command: what a lesson's goal asks of a command it does not run.
pub(crate) fn global_value(words: &[String], option: &str) -> Option<String> {
    words
        .iter()
        .enumerate()
        .find_map(|(i, word)| match word.split_once('=') {
            Some((name, value)) if name == option => Some(value.to_string()),
            _ if word == option => words.get(i + 1).cloned(),
            _ => None,
        })
}

/// Reads the words after `aws`.
pub fn read(words: &[String]) -> Result<Invocation, Refusal> {
    let mut globals = Globals::default();
    let mut rest: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i].as_str();
        let (name, inline) = match word.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value)),
            _ => (word, None),
        };
        match GLOBALS.iter().find(|(g, _)| *g == name) {
            Some((_, true)) => {
                let value = match inline {
                    Some(value) => value.to_string(),
                    None => {
                        i += 1;
                        words
                            .get(i)
                            .filter(|v| !v.starts_with("--"))
                            .ok_or_else(|| {
                                Refusal::Usage(format!("argument {name}: expected one argument"))
                            })?
                            .clone()
                    }
                };
                set_global(&mut globals, name, value)?;
            }
            Some((_, false)) => globals.no_paginate |= name == "--no-paginate",
            None => rest.push(word),
        }
        i += 1;
    }
    if let Some(query) = &globals.query {
        Query::compile(query).map_err(Refusal::BadValue)?;
    }
    let mut positional = rest.iter().take_while(|w| !w.starts_with("--"));
    let Some(service) = positional.next() else {
        return Err(Refusal::Usage(
            "the following arguments are required: command".to_string(),
        ));
    };
    if !SERVICES.contains(service) {
        return Err(Refusal::NotSimulated(format!(
            "the console simulates {}; `aws {service}` is not simulated",
            SERVICES
                .iter()
                .map(|s| format!("`aws {s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let Some(command) = positional.next() else {
        return Err(Refusal::Usage(
            "the following arguments are required: operation".to_string(),
        ));
    };
    let Some(operation) =
        (operations().iter()).find(|o| o.service == *service && cli_name(&o.name) == *command)
    else {
        return Err(Refusal::NotSimulated(format!(
            "`aws {service} {command}` is not an operation the console reads; \
             `aws {service} help` lists those it does"
        )));
    };
    if let Some(extra) = positional.next() {
        return Err(Refusal::Usage(format!("Unknown options: {extra}")));
    }
    // The CLI adds its paging options to paginated operations only; elsewhere they are unknown.
    let paging = [
        ("--max-items", &globals.max_items),
        ("--page-size", &globals.page_size),
        ("--starting-token", &globals.starting_token),
    ];
    if super::paging::result_key(&operation.name).is_none() {
        let given: Vec<&str> = (paging.iter())
            .filter_map(|(flag, v)| v.as_deref().map(|v| [*flag, v]))
            .flatten()
            .collect();
        if !given.is_empty() {
            return Err(Refusal::Usage(format!(
                "Unknown options: {}",
                given.join(", ")
            )));
        }
    }
    for (flag, value) in &paging[..2] {
        if let Some(value) = value
            && value.trim().parse::<usize>().is_err()
        {
            return Err(Refusal::Usage(format!(
                "argument {flag}: invalid int value: '{value}'"
            )));
        }
    }
    let params: Vec<&str> = rest.iter().skip(2).copied().collect();
    let input = read_parameters(operation, &params, globals.cli_input_json.as_deref())?;
    Ok(Invocation {
        service: service.to_string(),
        operation: operation.name.clone(),
        input,
        globals,
        output_shape: operation.output.as_deref(),
    })
}

fn set_global(globals: &mut Globals, name: &str, value: String) -> Result<(), Refusal> {
    let slot = match name {
        "--output" => {
            if !OUTPUTS.contains(&value.as_str()) {
                let choices: Vec<String> = OUTPUTS.iter().map(|o| format!("'{o}'")).collect();
                return Err(Refusal::Usage(format!(
                    "argument --output: invalid choice: '{value}' (choose from {})",
                    choices.join(", ")
                )));
            }
            &mut globals.output
        }
        "--query" => &mut globals.query,
        "--region" => &mut globals.region,
        "--profile" => &mut globals.profile,
        "--max-items" => &mut globals.max_items,
        "--page-size" => &mut globals.page_size,
        "--starting-token" => &mut globals.starting_token,
        "--cli-input-json" => &mut globals.cli_input_json,
        // Accepted and of no effect on a simulation (an endpoint, timeouts, colour).
        _ => return Ok(()),
    };
    *slot = Some(value);
    Ok(())
}

/// The request `--cli-input-json` gives, in the API's member names: the base the command
/// line's parameters are laid over (`awscli/customizations/cliinputjson.py`: "values given on
/// the command line override"). Its members are checked with the rest of the request, as
/// botocore's parameter validation checks them ([`super::validate`]).
fn cli_input(text: &str) -> Result<Map<String, Value>, Refusal> {
    if text.starts_with("file://") || text.starts_with("fileb://") {
        return Err(Refusal::NotSimulated(
            "--cli-input-json: the console reads no binary files (fileb://); give the JSON itself"
                .into(),
        ));
    }
    let Ok(Value::Object(input)) = serde_json::from_str::<Value>(text) else {
        return Err(Refusal::BadValue(
            "Error parsing parameter 'cli-input-json': Invalid JSON received.".to_string(),
        ));
    };
    Ok(input)
}

/// The operation's request from its `--name value` words, over `--cli-input-json`'s.
fn read_parameters(
    operation: &Operation,
    words: &[&str],
    cli_input_json: Option<&str>,
) -> Result<Value, Refusal> {
    let members: Vec<(String, &str, &'static Shape)> =
        match operation.input.as_deref().and_then(model_shape) {
            Some(Shape::Structure { members, .. }) => members
                .iter()
                .filter_map(|(name, m)| {
                    model_shape(&m.shape).map(|shape| {
                        let cli = parameter_name(operation.service, &operation.name, name);
                        (cli, name.as_str(), shape)
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
    let required: &[String] = match operation.input.as_deref().and_then(model_shape) {
        Some(Shape::Structure { required, .. }) => required,
        _ => &[],
    };
    let mut input = match cli_input_json {
        Some(text) => cli_input(text)?,
        None => Map::new(),
    };
    let mut unknown: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let (flag, inline) = match word.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value)),
            _ => (word, None),
        };
        let bare = flag.strip_prefix("--").unwrap_or(flag);
        // A boolean member is --name (true) or --no-name (false).
        let boolean = members.iter().find(|(cli, _, shape)| {
            matches!(shape, Shape::Boolean)
                && (bare == cli || bare.strip_prefix("no-") == Some(cli))
        });
        if let Some((cli, api, _)) = boolean {
            if inline.is_some() {
                return Err(Refusal::Usage(format!(
                    "argument {flag}: ignored explicit argument '{}'",
                    inline.unwrap_or_default()
                )));
            }
            input.insert(api.to_string(), Value::Bool(bare == cli));
            i += 1;
            continue;
        }
        let Some((_, api, shape)) = members
            .iter()
            .find(|(cli, _, _)| Some(cli.as_str()) == flag.strip_prefix("--"))
        else {
            unknown.push(word);
            i += 1;
            continue;
        };
        // A list takes every word up to the next option (argparse's nargs='+').
        let takes_many = matches!(shape, Shape::List { .. });
        let mut values: Vec<&str> = inline.into_iter().collect();
        if inline.is_none() {
            while let Some(next) = words.get(i + 1).filter(|w| !w.starts_with("--")) {
                values.push(next);
                i += 1;
                if !takes_many {
                    break;
                }
            }
        }
        if values.is_empty() {
            let expected = if takes_many {
                "at least one argument"
            } else {
                "one argument"
            };
            return Err(Refusal::Usage(format!(
                "argument {flag}: expected {expected}"
            )));
        }
        let looks_like_json = values[0].trim_start().starts_with(['[', '{']);
        let value = match shape {
            Shape::List { member } if !looks_like_json => {
                let member = model_shape(member);
                // Each word is one item: shorthand where the items are structures, maps or
                // lists, the word itself otherwise.
                let items: Result<Vec<Value>, Refusal> = (values.iter())
                    .map(|word| match member {
                        Some(member) if !is_scalar(member) => shorthand_value(flag, member, word),
                        _ => Ok(Value::String(word.to_string())),
                    })
                    .collect();
                Value::Array(items?)
            }
            _ => {
                if values.len() > 1 {
                    unknown.extend(&values[1..]);
                }
                parameter_value(flag, shape, values[0])?
            }
        };
        input.insert(api.to_string(), value);
        i += 1;
    }
    if !unknown.is_empty() {
        return Err(Refusal::Usage(format!(
            "Unknown options: {}",
            unknown.join(", ")
        )));
    }
    let missing: Vec<String> = required
        .iter()
        .filter(|r| !input.contains_key(r.as_str()))
        .map(|r| {
            format!(
                "--{}",
                parameter_name(operation.service, &operation.name, r)
            )
        })
        .collect();
    // With --cli-input-json the CLI makes every argument optional, and botocore's parameter
    // validation names what the request lacks.
    if !missing.is_empty() && cli_input_json.is_none() {
        return Err(Refusal::Usage(format!(
            "the following arguments are required: {}",
            missing.join(", ")
        )));
    }
    let input = Value::Object(input);
    if let Some(shape) = operation.input.as_deref().and_then(model_shape) {
        let report = super::validate::validate(&input, shape);
        if !report.is_empty() {
            return Err(Refusal::BadValue(format!(
                "Parameter validation failed:\n{}",
                report.join("\n")
            )));
        }
    }
    Ok(input)
}

fn is_scalar(shape: &Shape) -> bool {
    matches!(
        shape,
        Shape::String { .. }
            | Shape::Integer
            | Shape::Long
            | Shape::Double
            | Shape::Timestamp
            | Shape::Blob
    )
}

/// One parameter's value as the CLI reads it for the member's shape.
fn parameter_value(flag: &str, shape: &Shape, text: &str) -> Result<Value, Refusal> {
    if text.starts_with("file://") || text.starts_with("fileb://") {
        return Err(Refusal::NotSimulated(format!(
            "{flag}: the console reads no binary files (fileb://); give the value itself"
        )));
    }
    match shape {
        Shape::Integer | Shape::Long => {
            text.trim().parse::<i64>().map(Value::from).map_err(|_| {
                Refusal::Usage(format!("argument {flag}: invalid int value: '{text}'"))
            })
        }
        Shape::Structure { .. } | Shape::Map { .. } | Shape::List { .. } => {
            if !text.trim_start().starts_with(['{', '[']) && shorthand::applies_to(shape) {
                return shorthand_value(flag, shape, text);
            }
            // The reason is serde_json's words, where the CLI gives Python's json module's.
            serde_json::from_str(text).map_err(|e| {
                Refusal::BadValue(format!(
                    "Error parsing parameter '{flag}': Invalid JSON: {e}\nJSON received: {text}"
                ))
            })
        }
        _ => Ok(Value::String(text.to_string())),
    }
}

/// A value in shorthand syntax, given the model's types; the CLI's `ParamError` otherwise.
fn shorthand_value(flag: &str, shape: &Shape, text: &str) -> Result<Value, Refusal> {
    let mut value = shorthand::parse(text)
        .map_err(|why| Refusal::BadValue(format!("Error parsing parameter '{flag}': {why}")))?;
    shorthand::coerce(&mut value, shape);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::words::split;

    fn read_line(line: &str) -> Result<Invocation, Refusal> {
        let words = split(line).unwrap();
        assert_eq!(words[0], "aws");
        read(&words[1..])
    }

    #[test]
    fn the_guides_step_1_reads_into_its_request_and_global_options() {
        let read = read_line(
            r#"aws backup list-recovery-points-by-backup-vault \
  --backup-vault-name "prod-primary-vault" \
  --by-resource-type "RDS" \
  --query 'RecoveryPoints[*].{ARN:RecoveryPointArn,Created:CreationDate,Status:Status}' \
  --output table"#,
        )
        .unwrap();
        assert_eq!(read.operation, "ListRecoveryPointsByBackupVault");
        assert_eq!(
            read.input,
            serde_json::json!({"BackupVaultName": "prod-primary-vault", "ByResourceType": "RDS"})
        );
        assert_eq!(read.globals.output.as_deref(), Some("table"));
        assert_eq!(
            read.globals.query.as_deref(),
            Some("RecoveryPoints[*].{ARN:RecoveryPointArn,Created:CreationDate,Status:Status}")
        );
    }

    #[test]
    fn the_guides_step_3_reads_its_metadata_as_a_map() {
        let read = read_line(
            r#"aws backup start-restore-job \
  --recovery-point-arn "arn:aws:rds:us-east-1:123456789:snapshot:awsbackup-2024-01-17-02-30" \
  --iam-role-arn "arn:aws:iam::123456789:role/service-role/AWSBackupDefaultServiceRole" \
  --resource-type "RDS" \
  --metadata '{
    "DBInstanceIdentifier": "prod-mysql-restored-20240117",
    "MultiAZ":              "false"
  }'"#,
        )
        .unwrap();
        assert_eq!(read.operation, "StartRestoreJob");
        assert_eq!(
            read.input["Metadata"],
            serde_json::json!({"DBInstanceIdentifier": "prod-mysql-restored-20240117", "MultiAZ": "false"})
        );
        assert_eq!(read.input["ResourceType"], "RDS");
    }

    #[test]
    fn lists_booleans_numbers_and_inline_values_read_as_the_cli_reads_them() {
        let read = read_line(
            "aws backup put-backup-vault-notifications --backup-vault-name v \
             --sns-topic-arn arn:aws:sns:us-east-1:111122223333:alerts \
             --backup-vault-events BACKUP_JOB_FAILED RESTORE_JOB_COMPLETED --region=us-east-1",
        )
        .unwrap();
        assert_eq!(
            read.input["BackupVaultEvents"],
            serde_json::json!(["BACKUP_JOB_FAILED", "RESTORE_JOB_COMPLETED"])
        );
        assert_eq!(read.globals.region.as_deref(), Some("us-east-1"));
        let read = read_line(
            "aws backup list-recovery-points-by-backup-vault --backup-vault-name v --max-results 5",
        )
        .unwrap();
        assert_eq!(read.input["MaxResults"], 5);
        let read = read_line(
            "aws backup start-restore-job --recovery-point-arn a --metadata '{}' \
             --no-copy-source-tags-to-restored-resource",
        )
        .unwrap();
        assert_eq!(read.input["CopySourceTagsToRestoredResource"], false);
    }

    #[test]
    fn usage_errors_are_worded_as_the_cli_words_them() {
        let usage = |line: &str| match read_line(line) {
            Err(Refusal::Usage(message)) => message,
            other => panic!("{line}: {other:?}"),
        };
        assert_eq!(
            usage("aws backup list-recovery-points-by-backup-vault"),
            "the following arguments are required: --backup-vault-name"
        );
        assert_eq!(
            usage("aws backup get-recovery-point-restore-metadata"),
            "the following arguments are required: --backup-vault-name, --recovery-point-arn"
        );
        assert_eq!(
            usage("aws backup list-backup-vaults --bogus 1"),
            "Unknown options: --bogus, 1"
        );
        assert_eq!(
            usage("aws backup list-backup-vaults --max-results"),
            "argument --max-results: expected one argument"
        );
        assert_eq!(
            usage("aws backup list-backup-vaults --output tabel"),
            "argument --output: invalid choice: 'tabel' (choose from 'json', 'text', 'table', 'yaml', 'yaml-stream', 'off')"
        );
        assert_eq!(
            usage("aws backup list-backup-vaults --max-results five"),
            "argument --max-results: invalid int value: 'five'"
        );
        assert!(usage("aws").contains("required: command"));
        let rendered = Refusal::Usage("x".into()).render();
        assert!(rendered.starts_with("\nusage: aws [options] <command> <subcommand>"));
        assert!(rendered.ends_with("\naws: error: x\n"));
    }

    #[test]
    fn structures_and_maps_read_in_shorthand_and_a_bad_value_is_the_clis_param_error() {
        let read = read_line(
            "aws backup start-backup-job --backup-vault-name v --resource-arn r \
             --iam-role-arn i --lifecycle DeleteAfterDays=35,MoveToColdStorageAfterDays=7 \
             --recovery-point-tags \"team=platform,note='a, b'\"",
        )
        .unwrap();
        assert_eq!(
            read.input["Lifecycle"],
            serde_json::json!({"DeleteAfterDays": 35, "MoveToColdStorageAfterDays": 7})
        );
        assert_eq!(
            read.input["RecoveryPointTags"],
            serde_json::json!({"team": "platform", "note": "a, b"})
        );
        let refused = read_line(
            "aws backup start-backup-job --backup-vault-name v --resource-arn r \
             --iam-role-arn i --lifecycle DeleteAfterDays",
        );
        assert_eq!(
            refused,
            Err(Refusal::BadValue(
                "Error parsing parameter '--lifecycle': Expected: '=', received: 'EOF' for \
                 input:\nDeleteAfterDays\n               ^"
                    .to_string()
            ))
        );
        let refused =
            read_line("aws backup start-restore-job --recovery-point-arn a --metadata '{'");
        let Err(Refusal::BadValue(message)) = refused else {
            panic!("{refused:?}")
        };
        assert!(message.starts_with("Error parsing parameter '--metadata': Invalid JSON: "));
    }

    #[test]
    fn a_bad_query_is_refused_before_the_call() {
        let refused = read_line("aws backup list-backup-vaults --query 'BackupVaultList[0'");
        let Err(Refusal::BadValue(message)) = refused else {
            panic!("{refused:?}")
        };
        assert!(message.starts_with("Bad value for --query BackupVaultList[0: "));
    }

    #[test]
    fn what_the_console_does_not_simulate_is_said_not_guessed() {
        for line in [
            "aws s3 ls",
            "aws backup list-report-plans",
            "aws backup start-restore-job --recovery-point-arn a --metadata file://m.json",
        ] {
            assert!(
                matches!(read_line(line), Err(Refusal::NotSimulated(_))),
                "{line}"
            );
        }
    }

    #[test]
    fn the_operations_have_distinct_cli_names_and_the_guides_are_among_them() {
        let names: std::collections::BTreeSet<String> = (operations().iter())
            .filter(|o| o.service == "backup")
            .map(|o| cli_name(&o.name))
            .collect();
        assert_eq!(names.len(), 76);
        for guide in [
            "list-recovery-points-by-backup-vault",
            "get-recovery-point-restore-metadata",
            "start-restore-job",
            "describe-restore-job",
            "put-backup-vault-lock-configuration",
            "put-backup-vault-notifications",
        ] {
            assert!(names.contains(guide), "{guide}");
        }
        let restore = operations()
            .iter()
            .find(|o| o.name == "StartRestoreJob")
            .unwrap();
        assert_eq!(restore.input.as_deref(), Some("StartRestoreJobInput"));
    }
}
