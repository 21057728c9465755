//! A console line run against a simulation at its moment, with what it prints and its exit
//! status, as the AWS CLI v2 would (data/reference/docs/aws-cli.md): the response of a
//! read-only operation in the model's member order with its timestamps written as the CLI writes
//! them, `--query` applied, in the `--output` format; a service error as
//! `An error occurred (Code) when calling the Operation operation: message` (exit 254); a usage
//! error after the CLI's usage block (252). `sleep` moves simulated time on, as it would pass for
//! someone at a shell.

use chrono::{DateTime, Duration};
use serde_json::{Map, Value};

use super::command::{self, Invocation, Refusal, USAGE_EXIT};
use super::query::Query;
use super::{output, paging, table, wait, words, yaml};
use crate::api::operations::model_shape;
use crate::api::shapes::Shape;
use crate::engine::{Answer, Caller, MadeCall, Simulation};

/// What a command printed, and how it exited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Printed {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
    /// The call the command made, allowed or refused (either way it is in the audit trail): a
    /// run taken again from its start makes it again at the same moment
    /// ([`Simulation::make_again`]), as the page does when time goes back.
    pub made: Option<MadeCall>,
}

/// The exit status of a service error.
pub const SERVICE_ERROR_EXIT: i32 = 254;
/// The exit status of any other failure (an unknown profile; what vaultsim does not simulate).
pub const OTHER_EXIT: i32 = 255;

/// What a command that gave no response prints on standard error, and its exit status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub stderr: String,
    pub status: i32,
}

fn refused(stderr: String, status: i32) -> Refused {
    Refused { stderr, status }
}

impl From<Refused> for Printed {
    fn from(refused: Refused) -> Printed {
        failed(refused.stderr, refused.status)
    }
}

fn failed(stderr: String, status: i32) -> Printed {
    Printed {
        stdout: String::new(),
        stderr,
        status,
        made: None,
    }
}

/// Where `file://` values are read from: the working directory for the `vaultsim` command, the
/// lesson's files in the page. `None` when there is no such file.
pub type ReadFile<'a> = &'a dyn Fn(&str) -> Option<String>;

/// No files: a `file://` value names a file that is not there.
pub fn no_files(_: &str) -> Option<String> {
    None
}

/// Runs `line` (one command, `\` continuations allowed) against `simulation`.
pub fn run(simulation: &mut Simulation, line: &str) -> Printed {
    run_with(simulation, line, &no_files)
}

/// [`run`], reading `file://` values with `files`.
pub fn run_with(simulation: &mut Simulation, line: &str, files: ReadFile) -> Printed {
    match words::split(line) {
        Ok(words) => run_words(simulation, &words, files),
        Err(why) => failed(format!("{why}\n"), 2),
    }
}

/// A parameter's `file://PATH` value replaced by the file's text, as the CLI loads a
/// paramfile (cli:cli-usage-parameters-file.html); a missing file refused in its words.
/// (`fileb://` is left for the parameter reader, which says it is not read.)
fn load_paramfiles(words: &[String], files: ReadFile) -> Result<Vec<String>, Refused> {
    let mut out = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let (flag, value) = match word.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, value),
            _ if i > 0 && words[i - 1].starts_with("--") => (words[i - 1].as_str(), word.as_str()),
            _ => {
                out.push(word.clone());
                continue;
            }
        };
        let Some(path) = value.strip_prefix("file://") else {
            out.push(word.clone());
            continue;
        };
        let text = files(path).ok_or_else(|| {
            refused(
                Refusal::BadValue(format!(
                    "Error parsing parameter '{flag}': Unable to load paramfile {value}: \
                     [Errno 2] No such file or directory: '{path}'"
                ))
                .render(),
                USAGE_EXIT,
            )
        })?;
        out.push(if word.starts_with("--") {
            format!("{flag}={text}")
        } else {
            text
        });
    }
    Ok(out)
}

/// Runs a command already split into words (`aws`, the service, …): what `vaultsim aws` gets
/// from its own shell.
pub fn run_words(simulation: &mut Simulation, words: &[String], files: ReadFile) -> Printed {
    let words = match load_paramfiles(words, files) {
        Ok(words) => words,
        Err(refused) => return refused.into(),
    };
    let words = &words[..];
    match words.first().map(String::as_str) {
        None => return failed(String::new(), 0),
        Some("aws") => {}
        Some("sleep") => {
            return match sleep_duration(&words[1..]) {
                Ok(by) => {
                    simulation.run_until(simulation.now() + by);
                    failed(String::new(), 0)
                }
                Err(refused) => failed(refused, 1),
            };
        }
        // What a shell says of a command it does not have.
        Some(other) => return failed(format!("{other}: command not found\n"), 127),
    }
    // `aws help`, `aws SERVICE help`, `aws SERVICE OPERATION help`.
    if let Some(text) = super::help::asked(&words[1..]) {
        return Printed {
            stdout: text,
            ..failed(String::new(), 0)
        };
    }
    // `aws [options] SERVICE [options] wait NAME …`: the word after the service is `wait`.
    if let Some((service, at)) = command::service_and_command(&words[1..])
        && words[1 + at] == "wait"
    {
        return wait(simulation, &words[1..], service, at);
    }
    let (invocation, caller) = match read(simulation, &words[1..]) {
        Ok(read) => read,
        Err(refused) => return refused.into(),
    };
    // A read is answered from the state; a call is made now (and changes it).
    let (operation, input) = (&invocation.operation, &invocation.input);
    let mut made = None;
    let answer = match simulation.answer(&caller, operation, input) {
        Answer::NotAnswered => {
            let answer = simulation.call_now(&caller, operation, input);
            if matches!(answer, Answer::Response(_) | Answer::Error(_)) {
                made = Some(MadeCall {
                    at: simulation.now(),
                    caller,
                    operation: operation.clone(),
                    input: input.clone(),
                });
            }
            answer
        }
        answer => answer,
    };
    // command::read let through only the CLI's choices of --output.
    let output = invocation.globals.output.as_deref().unwrap_or("json");
    let printed = match output {
        "text" => respond_text(&invocation, answer),
        "yaml-stream" => respond_page(&invocation, answer).map(|page| yaml::yaml_stream(&page)),
        _ => respond(&invocation, answer).map(|response| match output {
            "table" => table::table(&invocation.operation, &response, table::WIDTH),
            "yaml" => yaml::yaml(&response),
            "off" => String::new(),
            _ => output::json(&response),
        }),
    }
    .map(|stdout| Printed {
        stdout,
        ..failed(String::new(), 0)
    });
    Printed {
        made,
        ..printed.unwrap_or_else(Printed::from)
    }
}

/// `SERVICE wait NAME [parameters]` (`words[service]` and `words[at]` the service and `wait`):
/// the waiter polls its operation with the parameters, in
/// simulated time; nothing is printed when it succeeds.
fn wait(simulation: &mut Simulation, words: &[String], service: usize, at: usize) -> Printed {
    let service = words[service].as_str();
    let Some(waiter) = words.get(at + 1).and_then(|name| wait::find(service, name)) else {
        let known: Vec<&str> = (wait::WAITERS.iter())
            .filter(|w| w.service == service)
            .map(|w| w.cli)
            .collect();
        // A usage error, as argparse's refusal of an unknown waiter name is (exit 252).
        return failed(
            format!(
                "vaultsim: the console's `aws {service} wait` knows {}\n",
                if known.is_empty() {
                    "no waiters".to_string()
                } else {
                    known.join(", ")
                }
            ),
            USAGE_EXIT,
        );
    };
    // The waiter takes its operation's parameters (and the global options around them): read
    // as that operation would be.
    let polled: Vec<String> = (words[..at].iter().cloned())
        .chain([waiter.operation.to_string()])
        .chain(words[at + 2..].iter().cloned())
        .collect();
    let (invocation, caller) = match read(simulation, &polled) {
        Ok(read) => read,
        Err(refused) => return refused.into(),
    };
    match waiter.wait(
        simulation,
        &caller,
        &invocation.operation,
        &invocation.input,
    ) {
        Ok(()) => failed(String::new(), 0),
        Err(reason) => failed(format!("\n{reason}\n"), OTHER_EXIT),
    }
}

/// The response a read-only command gets from `simulation` now, with its `--query` applied, as
/// JSON; or what the console would print instead (a usage or service error, a call that would
/// change the state). What a lesson's goal asks.
pub fn ask(simulation: &Simulation, line: &str) -> Result<Value, Refused> {
    let words = words::split(line).map_err(|why| refused(format!("{why}\n"), 2))?;
    if words.first().map(String::as_str) != Some("aws") {
        return Err(refused(
            "vaultsim: only `aws` commands can be asked\n".into(),
            2,
        ));
    }
    let (invocation, caller) = read(simulation, &words[1..])?;
    let answer = match simulation.answer(&caller, &invocation.operation, &invocation.input) {
        Answer::NotAnswered => Answer::Unsupported(format!(
            "{} changes the state; a question only reads it",
            invocation.operation
        )),
        answer => answer,
    };
    respond(&invocation, answer)
}

/// The words after `aws` read into an invocation and its caller, or the refusal as printed.
fn read(simulation: &Simulation, words: &[String]) -> Result<(Invocation, Caller), Refused> {
    let invocation = command::read(words).map_err(|refusal| {
        let status = match refusal {
            Refusal::NotSimulated(_) => OTHER_EXIT,
            _ => USAGE_EXIT,
        };
        refused(refusal.render(), status)
    })?;
    let world = simulation.world();
    let profile = invocation.globals.profile.as_deref();
    if let Some(profile) = profile
        && !world.accounts.iter().any(|a| a.id == profile)
    {
        // botocore's ProfileNotFound; a scenario's accounts are the console's profiles.
        return Err(refused(
            format!("\nThe config profile ({profile}) could not be found\n"),
            OTHER_EXIT,
        ));
    }
    let caller = Caller::of(world, profile, invocation.globals.region.as_deref());
    Ok((invocation, caller))
}

/// The answer as the CLI holds it before printing, `--query` applied; or the error printed.
/// The answer as the CLI has it before printing: an error as printed, or the response in the
/// output shape's order with paging applied, and the resume token if items remain.
fn respond_paged(
    invocation: &Invocation,
    answer: Answer,
) -> Result<(Value, Option<String>), Refused> {
    let response = match answer {
        Answer::Response(response) => response,
        Answer::Unsupported(why) => {
            return Err(refused(
                Refusal::NotSimulated(format!("{why} (not simulated)")).render(),
                OTHER_EXIT,
            ));
        }
        Answer::Error(error) => {
            return Err(refused(
                format!(
                    "\nAn error occurred ({}) when calling the {} operation: {}\n",
                    error.code, invocation.operation, error.message
                ),
                SERVICE_ERROR_EXIT,
            ));
        }
        Answer::NotAnswered => {
            return Err(refused(
                Refusal::NotSimulated(format!(
                    "`aws {} {}` is read but not answered yet",
                    invocation.service,
                    super::names::cli_name(&invocation.operation)
                ))
                .render(),
                OTHER_EXIT,
            ));
        }
    };
    let response = match invocation.output_shape.and_then(model_shape) {
        Some(shape) => as_printed(response, shape),
        None => response,
    };
    paged(invocation, response)
}

/// The response as the JSON, table and YAML formatters print it: the merged pages, the resume
/// token after the result key (botocore's build_full_result), then `--query`.
fn respond(invocation: &Invocation, answer: Answer) -> Result<Value, Refused> {
    let (mut response, next) = respond_paged(invocation, answer)?;
    if let (Some(token), Value::Object(members)) = (next, &mut response) {
        members.insert("NextToken".to_string(), Value::String(token));
    }
    Ok(queried(invocation, response))
}

/// The page as `--output yaml-stream` prints it (awscli's StreamedYAMLFormatter): `--query`
/// applied to each page the paginator yields, and no resume token, which botocore's
/// PageIterator keeps to itself rather than adding to a page. The simulated service answers
/// every list in one page, so this is that one page (what `--starting-token` and
/// `--max-items` leave of it).
fn respond_page(invocation: &Invocation, answer: Answer) -> Result<Value, Refused> {
    let (page, _resume) = respond_paged(invocation, answer)?;
    Ok(queried(invocation, page))
}

/// The response as the text formatter prints it: `--query` applied to the page, then to the
/// resume token on its own (`{"NextToken": {"NextToken": token}}`, awscli's TextFormatter).
fn respond_text(invocation: &Invocation, answer: Answer) -> Result<String, Refused> {
    let (response, next) = respond_paged(invocation, answer)?;
    let mut text = output::text(&queried(invocation, response));
    if let Some(token) = next {
        let resume = serde_json::json!({ "NextToken": { "NextToken": token } });
        text.push_str(&output::text(&queried(invocation, resume)));
    }
    Ok(text)
}

/// The response with `--query` applied.
fn queried(invocation: &Invocation, response: Value) -> Value {
    match invocation.globals.query.as_deref().map(Query::compile) {
        // Read once already: command::read refuses a query that does not compile.
        Some(Ok(query)) => query.search(&response),
        _ => response,
    }
}

/// What `--starting-token` and `--max-items` leave of a paginated list (the one page the
/// simulation answers), and the token that resumes after it, if items remain.
fn paged(invocation: &Invocation, mut response: Value) -> Result<(Value, Option<String>), Refused> {
    let Some(key) = paging::result_key(&invocation.operation) else {
        return Ok((response, None));
    };
    let globals = &invocation.globals;
    let skip = match &globals.starting_token {
        // botocore's ValueError, which the CLI prints as a general error.
        Some(token) => paging::skipped(&invocation.operation, token)
            .map_err(|why| refused(format!("\n{why}\n"), OTHER_EXIT))?,
        None => 0,
    };
    let max = globals
        .max_items
        .as_deref()
        .and_then(|m| m.trim().parse::<usize>().ok());
    let Some(Value::Array(items)) = response.get_mut(key) else {
        return Ok((response, None));
    };
    items.drain(..skip.min(items.len()));
    let next = match max {
        Some(max) if items.len() > max => {
            items.truncate(max);
            Some(paging::token(&invocation.operation, skip + max))
        }
        _ => None,
    };
    Ok((response, next))
}

/// The longest `sleep` the console takes at once: a year of a large fleet takes seconds.
const MAX_SLEEP_DAYS: i64 = 366;

/// How long `sleep NUMBER[SUFFIX]...` sleeps, read as GNU coreutils reads it (seconds, or `m`,
/// `h`, `d`; fractions allowed; several summed); or what sleep prints on standard error when it
/// refuses (exiting 1). `args` are the words after `sleep`. The console moves simulated time on
/// by that much.
pub fn sleep_duration(args: &[String]) -> Result<Duration, String> {
    let usage = "Try 'sleep --help' for more information.";
    if args.is_empty() {
        return Err(format!("sleep: missing operand\n{usage}\n"));
    }
    let mut seconds = 0.0;
    for arg in args {
        let (number, unit) = match arg.char_indices().last() {
            Some((i, c)) if "smhd".contains(c) => (&arg[..i], c),
            _ => (arg.as_str(), 's'),
        };
        let factor = match unit {
            'm' => 60.0,
            'h' => 3600.0,
            'd' => 86_400.0,
            _ => 1.0,
        };
        match crate::host::parse_f64(number).filter(|n| n.is_finite() && *n >= 0.0) {
            Some(n) => seconds += n * factor,
            None => {
                return Err(format!("sleep: invalid time interval '{arg}'\n{usage}\n"));
            }
        }
    }
    if seconds > (MAX_SLEEP_DAYS * 86_400) as f64 {
        return Err(format!(
            "vaultsim: sleep moves simulated time at most {MAX_SLEEP_DAYS} days at once\n"
        ));
    }
    Ok(Duration::milliseconds((seconds * 1000.0).round() as i64))
}

/// A response as the CLI holds it before printing: each structure's members in the model's
/// order, and timestamps (seconds since the epoch on the wire) as ISO 8601 with an offset, as
/// Python's `isoformat` writes a UTC time (`2024-01-16T02:30:00+00:00`).
fn as_printed(value: Value, shape: &Shape) -> Value {
    match (value, shape) {
        (Value::Object(mut map), Shape::Structure { members, .. }) => {
            let mut ordered = Map::new();
            for (name, member) in members {
                if let Some(v) = map.remove(name) {
                    let v = match model_shape(&member.shape) {
                        Some(shape) => as_printed(v, shape),
                        None => v,
                    };
                    ordered.insert(name.clone(), v);
                }
            }
            ordered.extend(map);
            Value::Object(ordered)
        }
        (Value::Array(items), Shape::List { member }) => match model_shape(member) {
            Some(shape) => Value::Array(items.into_iter().map(|v| as_printed(v, shape)).collect()),
            None => Value::Array(items),
        },
        (Value::Object(map), Shape::Map { value, .. }) => match model_shape(value) {
            Some(shape) => Value::Object(
                map.into_iter()
                    .map(|(k, v)| (k, as_printed(v, shape)))
                    .collect(),
            ),
            None => Value::Object(map),
        },
        (Value::Number(n), Shape::Timestamp) => {
            match n.as_i64().and_then(|s| DateTime::from_timestamp(s, 0)) {
                // Python's isoformat() of a UTC time (data/reference/docs/aws-cli.md).
                Some(at) => Value::String(format!(
                    "{}+00:00",
                    crate::time_text::date_time(&at.naive_utc(), 'T')
                )),
                None => Value::Number(n),
            }
        }
        (value, _) => value,
    }
}
