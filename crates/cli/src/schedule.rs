//! `vaultsim schedule EXPR`: the next run times of an AWS Backup schedule expression.
//!
//! Other tools read this output, so its form is fixed: one RFC 3339 UTC timestamp a line
//! (`2024-01-15T05:00:00Z`), the description first with `--describe`, diagnostics on stderr.

use std::io::{self, Write};
use std::process::ExitCode;

use chrono::{DateTime, SecondsFormat, Utc};
use vaultsim_core::Diagnostic;
use vaultsim_core::schedule::{
    CronExpression, DEFAULT_SCHEDULE_EXPRESSION, DEFAULT_TIMEZONE, Schedule, Timezone,
};

/// Print the next run times of an AWS Backup schedule expression
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  vaultsim schedule 'cron(0 2 * * ? *)' --after 2024-01-15T00:00:00Z --count 3\n  \
vaultsim schedule 'cron(0 5 ? * SUN *)' --timezone Europe/London --describe"
)]
pub struct Args {
    // The help names AWS Backup's default expression, read from the core.
    #[arg(
        value_name = "EXPR",
        allow_hyphen_values = true,
        help = format!("The schedule expression, for example '{DEFAULT_SCHEDULE_EXPRESSION}' (quote it for the shell)")
    )]
    expression: String,

    /// List the runs strictly after this time (RFC 3339) [default: now]
    #[arg(long, value_name = "RFC3339", value_parser = parse_time)]
    after: Option<DateTime<Utc>>,

    /// How many run times to print
    #[arg(long, value_name = "N", default_value_t = 5)]
    count: usize,

    /// The IANA time zone the expression is evaluated in (ScheduleExpressionTimezone)
    #[arg(long, value_name = "TZ", default_value = DEFAULT_TIMEZONE)]
    timezone: String,

    /// Print the schedule in plain English before the run times
    #[arg(long)]
    describe: bool,
}

fn parse_time(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("{e}; write a time such as 2024-01-15T00:00:00Z"))
}

pub fn run(
    args: &Args,
    now: DateTime<Utc>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<ExitCode> {
    let cron = CronExpression::parse(&args.expression);
    let timezone = Timezone::parse(&args.timezone);
    let (cron, timezone) = match (cron, timezone) {
        (Ok(cron), Ok(timezone)) => (cron, timezone),
        (cron, timezone) => {
            for d in cron.err().into_iter().flatten() {
                report(err, &d, "expression", &args.expression)?;
            }
            if let Err(d) = timezone {
                report(err, &d, "--timezone", &args.timezone)?;
            }
            return Ok(ExitCode::from(1));
        }
    };
    for d in cron.diagnostics() {
        report(err, &d, "expression", &args.expression)?;
    }
    let schedule = Schedule::new(cron, timezone);
    if args.describe {
        writeln!(out, "{}", schedule.describe())?;
    }
    let after = args.after.unwrap_or(now);
    let mut printed = 0;
    for run in schedule.runs_after(after).take(args.count) {
        writeln!(out, "{}", run.to_rfc3339_opts(SecondsFormat::Secs, true))?;
        printed += 1;
    }
    if printed < args.count {
        let when = after.to_rfc3339_opts(SecondsFormat::Secs, true);
        let note = match printed {
            0 => format!("note: this schedule has no runs after {when}"),
            n => format!("note: this schedule has only {n} runs after {when}"),
        };
        writeln!(err, "{note}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn report(err: &mut impl Write, d: &Diagnostic, what: &str, text: &str) -> io::Result<()> {
    write!(err, "{}", d.render(what, text))
}
