//! `vaultsim explain CODE`: what a diagnostic code means, its evidence and an example, as
//! `ruff rule` and `rustc --explain` print theirs; `vaultsim explain --list` lists every code.
//! `--format json` prints the entries as JSON, for tools (and for the page, which fetches the
//! list as a file: see Trunk.toml).
//!
//! The text comes from the core's registry (`vaultsim_core::codes`); the example is run through
//! its checker here, so what is shown under it is what vaultsim says today. Exit 0, or 2 for a
//! code that is not registered (with the nearest one, if any is near).

use std::io::{self, Write};
use std::process::ExitCode;

use vaultsim_core::Severity;
use vaultsim_core::codes::{Entry, REGISTRY};
use vaultsim_core::explain::{Lookup, lookup, run_example};

/// Explain a diagnostic code: its meaning, its evidence and an example
#[derive(clap::Args)]
#[command(after_help = "Exit status: 0 explained or listed, 2 unknown code or usage error.")]
pub struct Args {
    /// The code, as printed in brackets: error[start-window-too-short]
    #[arg(value_name = "CODE", required_unless_present = "list")]
    code: Option<String>,

    /// List every code with its severity and summary
    #[arg(long, conflicts_with = "code")]
    list: bool,

    /// text, or json: the entry as an object (with --list, an array of them)
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: &Args, out: &mut impl Write, err: &mut impl Write) -> io::Result<ExitCode> {
    let json = args.format == Format::Json;
    if args.list {
        if json {
            let all: Vec<_> = REGISTRY.iter().map(Entry::to_json).collect();
            writeln!(out, "{}", serde_json::Value::Array(all))?;
        } else {
            list(out)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let code = args.code.as_deref().unwrap_or_default();
    match lookup(code) {
        Lookup::Found(entry) if json => {
            writeln!(out, "{:#}", entry.to_json())?;
            Ok(ExitCode::SUCCESS)
        }
        Lookup::Found(entry) => {
            explain(entry, out)?;
            Ok(ExitCode::SUCCESS)
        }
        Lookup::Unknown { nearest } => {
            writeln!(err, "error: {code:?} is not a vaultsim diagnostic code")?;
            match nearest {
                Some(near) => writeln!(err, "  help: did you mean {near}?")?,
                None => writeln!(err, "  help: `vaultsim explain --list` lists every code")?,
            }
            Ok(ExitCode::from(2))
        }
    }
}

/// One line a code: the code, its severities and its summary, aligned.
fn list(out: &mut impl Write) -> io::Result<()> {
    let width = REGISTRY
        .iter()
        .map(|e| e.code.as_str().len())
        .max()
        .unwrap_or(0);
    for entry in REGISTRY {
        writeln!(
            out,
            "{:width$}  {:15}  {}",
            entry.code.as_str(),
            severities(entry.severities),
            entry.summary
        )?;
    }
    Ok(())
}

fn severities(severities: &[Severity]) -> String {
    severities
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn explain(entry: &Entry, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# {}\n", entry.code)?;
    writeln!(out, "Severity: {}\n", severities(entry.severities))?;
    writeln!(out, "{}\n", entry.summary)?;
    writeln!(out, "Evidence: {}\n", entry.evidence)?;
    writeln!(out, "## Example\n")?;
    writeln!(out, "In {}:\n", entry.checker.describe())?;
    writeln!(out, "{}", indent(entry.example))?;
    let Some(diagnostics) = run_example(entry) else {
        return Ok(());
    };
    let raised: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code == entry.code.as_str())
        .collect();
    if !raised.is_empty() {
        writeln!(out, "\nvaultsim says:\n")?;
        for d in raised {
            writeln!(
                out,
                "{}",
                indent(d.render("example", entry.example).trim_end())
            )?;
        }
    }
    Ok(())
}

/// The text as a Markdown code block: each line indented by four spaces (an empty example is
/// shown as an empty block).
fn indent(text: &str) -> String {
    if text.is_empty() {
        return "    (empty)".to_string();
    }
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("    {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
