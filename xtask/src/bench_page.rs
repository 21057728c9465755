//! `cargo xtask bench-page`: what the page costs a visitor, against the native CLI on the same
//! machine. Figures, not thresholds: they are printed (and quoted in the README), never asserted,
//! since a loaded machine would make a limit flaky.
//!
//! The engine's ratio is the page's time to simulate fleet-10k 90 days ahead (from the click to
//! the cursor there, drawing included) over the best of three native `vaultsim simulate` runs of
//! the same span. The browser's figures come from tests/bench/page.bench.ts, which prints them
//! as `bench: NAME = VALUE` lines.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use crate::util::{Failure, Result, Workspace, announce, run};

/// How many native runs; the fastest is the one compared.
const NATIVE_RUNS: usize = 3;

pub fn bench_page(ws: &Workspace) -> Result {
    let native_ms = native_fleet_90_days(ws)?;
    crate::trunk_build_release(ws)?;
    let figures = browser_figures(ws)?;

    println!("\n==> the page against native (this machine, now)");
    println!("    fleet-10k, 90 days, native CLI (best of {NATIVE_RUNS}): {native_ms:.0} ms");
    for (name, value) in &figures {
        println!("    {name}: {value}");
    }
    if let Some(page_ms) = figure(&figures, "fleet-10k-90d-page-ms") {
        println!(
            "    ratio page / native: {:.2}",
            page_ms / native_ms.max(f64::EPSILON)
        );
    }
    Ok(())
}

fn figure(figures: &[(String, String)], name: &str) -> Option<f64> {
    figures
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| v.parse().ok())
}

/// The release CLI simulating fleet-10k for 90 days, best of [`NATIVE_RUNS`], in milliseconds.
fn native_fleet_90_days(ws: &Workspace) -> Result<f64> {
    announce("native: cargo build --release -p vaultsim-cli, then fleet-10k for 90 days");
    let build_failed = || Failure::new("bench-page", "run `cargo build --release -p vaultsim-cli`");
    run(ws
        .command("cargo")
        .args(["build", "--release", "-q", "-p", "vaultsim-cli"]))
    .map_err(|_| build_failed())?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| ws.root.join("target"));
    let cli = target.join("release").join("vaultsim");
    let mut best = f64::INFINITY;
    for _ in 0..NATIVE_RUNS {
        let started = Instant::now();
        let out = Command::new(&cli)
            .args(["simulate", "--builtin", "fleet-10k", "--for", "90d"])
            .output()
            .map_err(|_| build_failed())?;
        if !out.status.success() {
            return Err(Failure::new(
                "bench-page",
                format!(
                    "`vaultsim simulate --builtin fleet-10k --for 90d` failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                ),
            ));
        }
        best = best.min(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(best)
}

/// Playwright with tests/playwright.bench.config.ts against dist/; the `bench:` lines it printed.
fn browser_figures(ws: &Workspace) -> Result<Vec<(String, String)>> {
    let addr = crate::server::serve_dir(ws.root.join("dist")).map_err(|err| {
        Failure::new(
            "bench-page",
            format!("could not start the static server on 127.0.0.1: {err}"),
        )
    })?;
    announce("browser: npx playwright test -c playwright.bench.config.ts");
    let out = ws
        .command("npx")
        .args(["playwright", "test", "-c", "playwright.bench.config.ts"])
        .current_dir(ws.tests_dir())
        .env("VAULTSIM_BASE_URL", format!("http://{addr}"))
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .output()
        .map_err(|_| Failure::new("bench-page", "install Node.js and npm"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    print!("{stdout}");
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        return Err(Failure::new(
            "bench-page",
            "read Playwright's failures above (tests/bench/page.bench.ts)",
        ));
    }
    Ok(stdout
        .lines()
        .filter_map(|line| line.trim().strip_prefix("bench: "))
        .filter_map(|line| line.split_once(" = "))
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect())
}
