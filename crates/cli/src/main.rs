//! `vaultsim`: AWS Backup schedules, plans and simulations from the command line, for CI
//! pipelines, and what each diagnostic code means (`vaultsim explain`). Exit codes: 0 fine
//! (warnings allowed), 1 findings, 2 usage or I/O errors.

mod aws;
mod compare;
mod console;
mod explain;
mod scenario_source;
mod schedule;
mod simulate;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "vaultsim",
    version,
    about = "Check and simulate AWS Backup before it touches production"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Schedule(schedule::Args),
    Validate(validate::Args),
    Simulate(simulate::Args),
    Compare(compare::Args),
    Explain(explain::Args),
    Aws(aws::Args),
    Console(console::Args),
}

/// A file's text, or standard input's for `-`.
fn read_input(file: &str) -> std::io::Result<String> {
    if file == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(file)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let outcome = match cli.command {
        Command::Schedule(args) => {
            schedule::run(&args, chrono::Utc::now(), &mut stdout, &mut stderr)
        }
        Command::Simulate(args) => simulate::run(&args, &mut read_input, &mut stdout, &mut stderr),
        Command::Compare(args) => compare::run(&args, &mut read_input, &mut stdout, &mut stderr),
        Command::Explain(args) => explain::run(&args, &mut stdout, &mut stderr),
        Command::Console(args) => {
            console::run_script(&args, &mut read_input, &mut stdout, &mut stderr)
        }
        Command::Aws(args) => aws::run(&args, &mut read_input, &mut stdout, &mut stderr),
        Command::Validate(args) => validate::run(
            &args,
            chrono::Utc::now(),
            &mut std::io::stdin().lock(),
            &mut stdout,
            &mut stderr,
        ),
    };
    match outcome {
        Ok(code) => code,
        // Writing failed (a closed pipe, a full disk): nothing more can be said.
        Err(_) => ExitCode::from(2),
    }
}
