//! The scenario a command runs, a built-in by name or a JSON document (`-` reads standard input),
//! read and its simulation started; what is wrong with it printed as diagnostics, placed in the
//! document's text.

use std::io::{self, Write};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use vaultsim_core::document::LineIndex;
use vaultsim_core::engine::Simulation;
use vaultsim_core::scenario::{BUILTINS, Scenario, place_diagnostics};

/// Which scenario a command runs: a document, or a built-in by name.
#[derive(clap::Args)]
pub struct Choice {
    /// A scenario document (JSON); - reads standard input
    #[arg(
        value_name = "SCENARIO",
        required_unless_present = "builtin",
        conflicts_with = "builtin"
    )]
    pub scenario: Option<String>,

    /// A built-in scenario, such as three-tier-web-app
    #[arg(long, value_name = "NAME")]
    pub builtin: Option<String>,
}

/// A scenario read, where from, and its simulation at its start.
pub struct Started {
    pub scenario: Scenario,
    /// The built-in's name or the file's path, as given.
    pub origin: String,
    pub simulation: Simulation,
}

/// The scenario `builtin` names or `file` holds, its simulation started and run to `at` if
/// given; or the exit status, what was wrong having been written to `err` (2: no such built-in
/// or file, or `at` before the start; 1: the scenario has errors).
pub fn start(
    builtin: Option<&str>,
    file: Option<&str>,
    at: Option<DateTime<Utc>>,
    read: &mut dyn FnMut(&str) -> io::Result<String>,
    err: &mut impl Write,
) -> io::Result<Result<Started, ExitCode>> {
    // The scenario, where it came from, and its text (a built-in's written out when needed).
    let (scenario, origin, text) = match (builtin, file) {
        (Some(name), _) => match Scenario::builtin(name) {
            Some(s) => (s, name.to_string(), None),
            None => {
                writeln!(
                    err,
                    "error: no built-in scenario {name:?}; built in: {}",
                    BUILTINS.join(", ")
                )?;
                return Ok(Err(ExitCode::from(2)));
            }
        },
        (None, Some(file)) => {
            let text = match read(file) {
                Ok(text) => text,
                Err(e) => {
                    writeln!(err, "error: cannot read {file}: {e}")?;
                    return Ok(Err(ExitCode::from(2)));
                }
            };
            match Scenario::from_json(&text) {
                Ok(s) => (s, file.to_string(), Some(text)),
                Err(diagnostics) => {
                    let lines = LineIndex::new(&text);
                    for d in diagnostics {
                        write!(err, "{}", d.render_in(file, &lines))?;
                    }
                    return Ok(Err(ExitCode::from(1)));
                }
            }
        }
        (None, None) => {
            writeln!(err, "error: give a scenario: a file, or --builtin NAME")?;
            return Ok(Err(ExitCode::from(2)));
        }
    };
    match Simulation::new(&scenario) {
        Ok(mut simulation) => {
            if let Some(at) = at {
                if at < simulation.start() {
                    writeln!(err, "error: --at is before the scenario's start")?;
                    return Ok(Err(ExitCode::from(2)));
                }
                simulation.run_until(at);
            }
            Ok(Ok(Started {
                scenario,
                origin,
                simulation,
            }))
        }
        Err(mut diagnostics) => {
            // The engine sees the scenario, not its text: place what it found by pointer.
            let text =
                text.unwrap_or_else(|| serde_json::to_string_pretty(&scenario).unwrap_or_default());
            place_diagnostics(&text, &mut diagnostics);
            let lines = LineIndex::new(&text);
            for d in diagnostics {
                write!(err, "{}", d.render_in(&origin, &lines))?;
            }
            Ok(Err(ExitCode::from(1)))
        }
    }
}
