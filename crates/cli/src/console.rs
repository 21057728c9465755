//! `vaultsim console (SCENARIO | --builtin NAME) [--script FILE] [--at TIME] [--inbox FILE]`: a script of
//! commands (`aws …` and `sleep …` lines, `\` continuations, quotes across lines, `#` comments)
//! run in order against the scenario simulated to TIME (its start when not given), each printing
//! as AWS CLI v2 prints when its output is not a terminal, as a shell running the script would;
//! `sleep` moves simulated time on. The exit status is the last command's, as a shell's is.
//! `--inbox` writes what the monitoring set-up delivered, for a pipeline to check an alert fires.

use std::io::{self, Write};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use vaultsim_core::console::run::run_with;
use vaultsim_core::console::words::commands;

use crate::scenario_source::{self, Choice, Started};

/// Run a script of AWS CLI commands against a simulated scenario
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  vaultsim console --builtin three-tier-web-app --at 2024-01-16T06:00:00Z --script runbook.sh"
)]
pub struct Args {
    #[command(flatten)]
    choice: Choice,

    /// The commands, one a line; standard input when not given
    #[arg(long, value_name = "FILE")]
    script: Option<String>,

    /// Simulate to this time first (RFC 3339)
    #[arg(long, value_name = "RFC3339", value_parser = parse_time)]
    at: Option<DateTime<Utc>>,

    /// After the script, write what the SNS topics delivered (alerts, confirmation mails,
    /// messages not delivered and why) to FILE, one JSON object a line; - is standard error
    #[arg(long, value_name = "FILE")]
    inbox: Option<String>,
}

fn parse_time(text: &str) -> Result<DateTime<Utc>, String> {
    vaultsim_core::scenario::parse_time(text)
        .ok_or_else(|| format!("{text:?}: write a time such as 2024-01-16T06:00:00Z"))
}

pub fn run_script(
    args: &Args,
    read: &mut dyn FnMut(&str) -> io::Result<String>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<ExitCode> {
    let script_file = args.script.as_deref().unwrap_or("-");
    if script_file == "-" && args.choice.scenario.as_deref() == Some("-") {
        writeln!(
            err,
            "error: the scenario and the script cannot both be standard input"
        )?;
        return Ok(ExitCode::from(2));
    }
    let script = match read(script_file) {
        Ok(script) => script,
        Err(e) => {
            writeln!(err, "error: cannot read {script_file}: {e}")?;
            return Ok(ExitCode::from(2));
        }
    };
    let Started { mut simulation, .. } = match scenario_source::start(
        args.choice.builtin.as_deref(),
        args.choice.scenario.as_deref(),
        args.at,
        read,
        err,
    )? {
        Ok(started) => started,
        Err(status) => return Ok(status),
    };
    let mut status = 0;
    // `file://` values are read as the CLI reads them, from the working directory.
    let read = std::cell::RefCell::new(read);
    let files = |path: &str| (read.borrow_mut())(path).ok();
    for command in commands(&script) {
        let printed = run_with(&mut simulation, &command, &files);
        out.write_all(printed.stdout.as_bytes())?;
        out.flush()?;
        err.write_all(printed.stderr.as_bytes())?;
        status = printed.status;
    }
    if let Some(inbox) = &args.inbox {
        let mut lines = String::new();
        for delivery in simulation.deliveries() {
            lines.push_str(&delivery.record_json().to_string());
            lines.push('\n');
        }
        let written = if inbox == "-" {
            err.write_all(lines.as_bytes())
        } else {
            std::fs::write(inbox, lines)
        };
        if let Err(e) = written {
            writeln!(err, "error: cannot write {inbox}: {e}")?;
            return Ok(ExitCode::from(2));
        }
    }
    Ok(ExitCode::from(u8::try_from(status).unwrap_or(255)))
}
