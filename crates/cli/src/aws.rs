//! `vaultsim aws SERVICE OPERATION [parameters] (--scenario FILE | --builtin NAME) [--at TIME]`:
//! one AWS CLI command answered by the scenario simulated to TIME (its start when not given),
//! printed as AWS CLI v2 prints it when its output is not a terminal (tables 80 columns wide), and
//! exiting as it does: 0, 252 for a usage error, 254 for a service error, 255 otherwise; 2 when
//! vaultsim's own options are wrong. The command is read by `vaultsim_core::console`.

use std::io::{self, Write};
use std::process::ExitCode;

use vaultsim_core::console::run::run_words;
use vaultsim_core::scenario::parse_time;

use crate::scenario_source::{self, Started};

/// Answer an AWS CLI command from a simulated scenario
#[derive(clap::Args)]
#[command(
    after_help = "vaultsim's own options may come anywhere among the command's words:\n  \
--scenario FILE   a scenario document (JSON); - reads standard input\n  \
--builtin NAME    a built-in scenario, such as three-tier-web-app\n  \
--at TIME         simulate to this time first (RFC 3339)\n\n\
Example:\n  vaultsim aws backup list-recovery-points-by-backup-vault \\\n    \
--backup-vault-name prod-primary-vault --output table \\\n    \
--builtin three-tier-web-app --at 2024-01-16T06:00:00Z"
)]
pub struct Args {
    /// The AWS CLI command after `aws`, with vaultsim's options among its words
    #[arg(
        value_name = "COMMAND",
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    words: Vec<String>,
}

/// vaultsim's options, taken out of the command's words.
#[derive(Default)]
struct Own {
    scenario: Option<String>,
    builtin: Option<String>,
    at: Option<String>,
}

fn take_own(words: &[String]) -> Result<(Own, Vec<String>), String> {
    let mut own = Own::default();
    let mut rest = vec!["aws".to_string()];
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        let (name, inline) = match word.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (word.as_str(), None),
        };
        let slot = match name {
            "--scenario" => &mut own.scenario,
            "--builtin" => &mut own.builtin,
            "--at" => &mut own.at,
            _ => {
                rest.push(word.clone());
                i += 1;
                continue;
            }
        };
        let value = match inline {
            Some(value) => value,
            None => {
                i += 1;
                words
                    .get(i)
                    .cloned()
                    .ok_or_else(|| format!("{name} needs a value"))?
            }
        };
        *slot = Some(value);
        i += 1;
    }
    Ok((own, rest))
}

pub fn run(
    args: &Args,
    read: &mut dyn FnMut(&str) -> io::Result<String>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<ExitCode> {
    let (own, command) = match take_own(&args.words) {
        Ok(taken) => taken,
        Err(why) => {
            writeln!(err, "error: {why}")?;
            return Ok(ExitCode::from(2));
        }
    };
    if own.scenario.is_some() == own.builtin.is_some() {
        writeln!(
            err,
            "error: give one scenario: --scenario FILE or --builtin NAME"
        )?;
        return Ok(ExitCode::from(2));
    }
    let at = match own.at.as_deref().map(|t| (t, parse_time(t))) {
        None => None,
        Some((_, Some(at))) => Some(at),
        Some((text, None)) => {
            writeln!(
                err,
                "error: --at {text:?}: write a time such as 2024-01-16T06:00:00Z"
            )?;
            return Ok(ExitCode::from(2));
        }
    };
    let Started { mut simulation, .. } = match scenario_source::start(
        own.builtin.as_deref(),
        own.scenario.as_deref(),
        at,
        read,
        err,
    )? {
        Ok(started) => started,
        Err(status) => return Ok(status),
    };
    // `file://` values are read as the CLI reads them, from the working directory.
    let read = std::cell::RefCell::new(read);
    let files = |path: &str| (read.borrow_mut())(path).ok();
    let printed = run_words(&mut simulation, &command, &files);
    out.write_all(printed.stdout.as_bytes())?;
    err.write_all(printed.stderr.as_bytes())?;
    Ok(ExitCode::from(u8::try_from(printed.status).unwrap_or(255)))
}
