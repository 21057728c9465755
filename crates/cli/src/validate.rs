//! `vaultsim validate FILE...`: every mistake AWS would reject in a backup plan, a selection or a
//! CloudFormation template with AWS::Backup resources (JSON or YAML), before deploying.
//!
//! Other tools read this output, so its form is fixed: text like rustc's (the source line, or of
//! a long line the part around the value, with a caret under the value), or with
//! `--format json` one flat array of
//! `{"file", "severity", "code", "pointer", "line", "column", "message", "help"}`. Exit 0 without
//! errors (warnings allowed), 1 with any error, 2 on usage errors or unreadable files.

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use serde_json::json;
use vaultsim_core::Severity;
use vaultsim_core::document::LineIndex;
use vaultsim_core::plan::{CheckOptions, Checked, check, effective_plan};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Check backup plan documents as AWS would, before deploying them
#[derive(clap::Args)]
#[command(
    after_help = "Forms read: a create-backup-plan --backup-plan document, a CreateBackupPlan \
request, a GetBackupPlan response, a plan with Selections, a CreateBackupSelection request, a \
selection, or a CloudFormation template (JSON or YAML) with AWS::Backup resources.\n\nExit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error or \
unreadable file."
)]
pub struct Args {
    /// Plan documents to check; - reads standard input
    #[arg(value_name = "FILE", required = true)]
    files: Vec<String>,

    /// How to print the findings
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Print the effective plan (AWS's defaults filled in) on standard output; the findings go
    /// to standard error
    #[arg(long)]
    effective: bool,
}

/// One file, read and checked.
struct Report {
    name: String,
    text: String,
    checked: Checked,
}

pub fn run(
    args: &Args,
    now: DateTime<Utc>,
    stdin: &mut impl Read,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<ExitCode> {
    let options = CheckOptions { now };
    let mut reports = Vec::new();
    let mut unreadable = false;
    for file in &args.files {
        match read(file, stdin) {
            Ok(text) => {
                let checked = check(&text, &options);
                reports.push(Report {
                    name: if file == "-" {
                        "<stdin>".to_string()
                    } else {
                        file.clone()
                    },
                    text,
                    checked,
                });
            }
            Err(e) => {
                writeln!(err, "error: cannot read {file}: {e}")?;
                unreadable = true;
            }
        }
    }

    // With --effective, standard output carries the plans and the findings move to stderr.
    let findings_out: &mut dyn Write = if args.effective { err } else { out };
    match args.format {
        Format::Text => write_text(&reports, findings_out)?,
        Format::Json => write_json(&reports, findings_out)?,
    }
    if args.effective {
        for report in &reports {
            let plan = report
                .checked
                .root
                .as_ref()
                .zip(report.checked.form)
                .and_then(|(root, form)| effective_plan(root, form));
            match plan {
                Some(plan) => {
                    let text = serde_json::to_string_pretty(&plan).map_err(io::Error::other)?;
                    writeln!(out, "{text}")?;
                }
                None => writeln!(err, "note: {} has no plan to show", report.name)?,
            }
        }
    }

    let errors = reports.iter().any(|r| r.checked.has_errors());
    Ok(if unreadable {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn read(file: &str, stdin: &mut impl Read) -> io::Result<String> {
    let bytes = if file == "-" {
        let mut bytes = Vec::new();
        stdin.read_to_end(&mut bytes)?;
        bytes
    } else {
        std::fs::read(file)?
    };
    String::from_utf8(bytes).map_err(|_| io::Error::other("it is not UTF-8 text"))
}

fn write_text(reports: &[Report], out: &mut dyn Write) -> io::Result<()> {
    // Standard output flushes at every line break, standard error at every write: thousands of
    // findings would be thousands of system calls.
    let mut out = BufWriter::new(out);
    for report in reports {
        let lines = LineIndex::new(&report.text);
        for f in &report.checked.findings {
            writeln!(out, "{}", f.diagnostic.render_in(&report.name, &lines))?;
        }
        let count = |s: Severity| {
            report
                .checked
                .findings
                .iter()
                .filter(|f| f.diagnostic.severity == s)
                .count()
        };
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let form = report
            .checked
            .form
            .map_or("not a plan".to_string(), |f| f.describe().to_string());
        writeln!(
            out,
            "{}: {form}: {}, {}, {}",
            report.name,
            plural(count(Severity::Error), "error"),
            plural(count(Severity::Warning), "warning"),
            plural(count(Severity::Info), "note"),
        )?;
    }
    out.flush()
}

fn write_json(reports: &[Report], out: &mut dyn Write) -> io::Result<()> {
    let all: Vec<serde_json::Value> = reports
        .iter()
        .flat_map(|r| {
            r.checked.findings.iter().map(|f| {
                let d = &f.diagnostic;
                json!({
                    "file": r.name,
                    "severity": d.severity.as_str(),
                    "code": d.code,
                    "pointer": d.pointer.clone().unwrap_or_default(),
                    "line": f.line,
                    "column": f.column,
                    "message": d.message,
                    "help": d.help,
                })
            })
        })
        .collect();
    let text = serde_json::to_string_pretty(&all).map_err(io::Error::other)?;
    writeln!(out, "{text}")
}
