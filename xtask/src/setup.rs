//! The set-up: install each pinned tool only when it is missing, so a second run takes seconds.
//!
//! Everything comes from a package registry (rustup, crates.io, npm, Debian apt): these machines
//! cannot download release binaries, so Trunk's own tool download and `playwright install` are
//! never used.

use std::path::Path;
use std::time::{Instant, SystemTime};

use crate::util::{Failure, Result, Workspace, announce, elapsed, output_of, run};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The newest Trunk that builds with the pinned Rust 1.95 (0.22 needs a newer rustc).
const TRUNK_VERSION: &str = "0.21.14";
/// What `wasm-opt --version` says for the npm package binaryen@132.0.0 (tests/package.json).
const WASM_OPT_VERSION: &str = "version_132";
/// The wasm-split CLI that Trunk's post_build hook runs (split.rs); it reads the marks the
/// pinned wasm_split_helpers (Cargo.toml, `=0.2.3`) leaves in the wasm, so the two move together.
const WASM_SPLIT_VERSION: &str = "0.2.4";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMIUM_APT: &str = "apt-get update && apt-get install -y chromium chromium-driver";

/// Everything `trunk build` / `trunk serve` needs, in dependency order.
pub fn web_build_tools(ws: &Workspace) -> Result {
    wasm_target(ws)?;
    trunk(ws)?;
    wasm_bindgen(ws)?;
    wasm_split_cli(ws)?;
    npm_packages(ws)?;
    cargo_fetch(ws)
}

/// rust-toolchain.toml lists the target, but rustup adds it only when it installs the toolchain;
/// a toolchain that was already there does not get it.
fn wasm_target(ws: &Workspace) -> Result {
    let installed = output_of(ws.command("rustup").args(["target", "list", "--installed"]))
        .ok_or_else(|| {
            Failure::new(
                "wasm-target",
                "`rustup` is missing: install Rust with rustup (https://rustup.rs)",
            )
        })?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        announce(&format!("{WASM_TARGET} target: present"));
        return Ok(());
    }
    announce(&format!("adding the {WASM_TARGET} target (seconds, once)"));
    run(ws.command("rustup").args(["target", "add", WASM_TARGET])).map_err(|_| {
        Failure::new(
            "wasm-target",
            format!("run `rustup target add {WASM_TARGET}` and read its error"),
        )
    })
}

fn trunk(ws: &Workspace) -> Result {
    let version = || output_of(ws.command("trunk").arg("--version"));
    let wanted = format!("trunk {TRUNK_VERSION}");
    if version().as_deref() == Some(wanted.as_str()) {
        announce(&format!("Trunk {TRUNK_VERSION}: present"));
        return Ok(());
    }
    let started = Instant::now();
    announce(&format!(
        "installing Trunk {TRUNK_VERSION} (about 9 minutes, once)"
    ));
    let fix = format!(
        "run `cargo install trunk --version {TRUNK_VERSION} --locked` and read its error \
         (it needs crates.io and a C compiler: apt-get install -y build-essential)"
    );
    run(ws
        .command("cargo")
        .args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
    .map_err(|_| Failure::new("trunk", fix.clone()))?;
    if version().as_deref() != Some(wanted.as_str()) {
        return Err(Failure::new(
            "trunk",
            format!("installed, but `trunk --version` does not say {wanted}: {fix}"),
        ));
    }
    println!(
        "    Trunk {TRUNK_VERSION} installed in {}",
        elapsed(started)
    );
    Ok(())
}

/// wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in Cargo.lock, or the
/// generated JS does not match the wasm.
fn wasm_bindgen(ws: &Workspace) -> Result {
    let step = "wasm-bindgen";
    let lock = std::fs::read_to_string(ws.root.join("Cargo.lock"))
        .map_err(|err| Failure::new(step, format!("cannot read Cargo.lock: {err}")))?;
    let wanted = locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| Failure::new(step, "Cargo.lock has no wasm-bindgen: run `cargo fetch`"))?;
    // Offline, Trunk refuses a wasm-bindgen other than the one Trunk.toml names.
    let trunk_toml = std::fs::read_to_string(ws.root.join("Trunk.toml")).unwrap_or_default();
    if trunk_tools_version(&trunk_toml, "wasm_bindgen").as_deref() != Some(wanted.as_str()) {
        return Err(Failure::new(
            step,
            format!(
                "Trunk.toml must pin the wasm-bindgen of Cargo.lock: set \
                 `wasm_bindgen = \"{wanted}\"` under [tools]"
            ),
        ));
    }

    let version = || output_of(ws.command("wasm-bindgen").arg("--version"));
    let expected = format!("wasm-bindgen {wanted}");
    if version().is_some_and(|v| v.starts_with(&expected)) {
        announce(&format!("wasm-bindgen-cli {wanted}: present"));
        return Ok(());
    }
    let started = Instant::now();
    announce(&format!(
        "installing wasm-bindgen-cli {wanted} (about 2 minutes, once per wasm-bindgen version)"
    ));
    // Not --locked: its published lockfile wants a crate version crates.io no longer has.
    let fix = format!("run `cargo install wasm-bindgen-cli --version {wanted}` and read its error");
    run(ws
        .command("cargo")
        .args(["install", "wasm-bindgen-cli", "--version", &wanted]))
    .map_err(|_| Failure::new(step, fix.clone()))?;
    if !version().is_some_and(|v| v.starts_with(&expected)) {
        return Err(Failure::new(
            step,
            format!("installed, but `wasm-bindgen --version` does not say {expected}: {fix}"),
        ));
    }
    println!(
        "    wasm-bindgen-cli {wanted} installed in {}",
        elapsed(started)
    );
    Ok(())
}

/// `wasm-split-cli` from crates.io (wasm_split_cli_support, its `build-binary` feature),
/// pinned; about 4 minutes once. It has no `--version`: `cargo install
/// --list` says which version is installed.
fn wasm_split_cli(ws: &Workspace) -> Result {
    let step = "wasm-split-cli";
    let wanted = format!("wasm_split_cli_support v{WASM_SPLIT_VERSION}:");
    let listed = output_of(ws.command("cargo").args(["install", "--list"])).unwrap_or_default();
    let runs = output_of(ws.command("wasm-split-cli").arg("--help")).is_some();
    if runs && listed.lines().any(|line| line.trim() == wanted) {
        announce(&format!("wasm-split-cli {WASM_SPLIT_VERSION}: present"));
        return Ok(());
    }
    let started = Instant::now();
    announce(&format!(
        "installing wasm-split-cli {WASM_SPLIT_VERSION} (about 4 minutes, once)"
    ));
    run(ws.command("cargo").args([
        "install",
        "wasm_split_cli_support",
        "--version",
        WASM_SPLIT_VERSION,
        "--locked",
        "--features",
        "build-binary",
    ]))
    .map_err(|_| {
        Failure::new(
            step,
            format!(
                "run `cargo install wasm_split_cli_support --version {WASM_SPLIT_VERSION} \
                 --locked --features build-binary` and read its error"
            ),
        )
    })?;
    println!(
        "    wasm-split-cli {WASM_SPLIT_VERSION} installed in {}",
        elapsed(started)
    );
    Ok(())
}

/// The version of `package` in Cargo.lock (the first, if several are locked).
fn locked_version(lock: &str, package: &str) -> Option<String> {
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line {
            let version = lines.next()?.trim().strip_prefix("version = \"")?;
            return Some(version.strip_suffix('"')?.to_owned());
        }
    }
    None
}

/// The quoted value of `key = "..."` in Trunk.toml (the keys we read are unique in the file).
fn trunk_tools_version(toml: &str, key: &str) -> Option<String> {
    toml.lines().find_map(|line| {
        let (name, value) = line.split_once('=')?;
        if name.trim() != key {
            return None;
        }
        let (value, _) = value.trim().strip_prefix('"')?.split_once('"')?;
        Some(value.to_owned())
    })
}

/// Playwright and wasm-opt (binaryen) from npm, as tests/package-lock.json pins them. `npm ci`
/// runs when node_modules is missing or older than the lockfile (npm writes
/// node_modules/.package-lock.json on every install: that is the marker).
fn npm_packages(ws: &Workspace) -> Result {
    let step = "npm";
    let tests = ws.tests_dir();
    let lockfile = modified(&tests.join("package-lock.json"))
        .ok_or_else(|| Failure::new(step, "tests/package-lock.json is missing: restore it"))?;
    let installed = modified(&tests.join("node_modules").join(".package-lock.json"));
    if installed.is_some_and(|marker| marker >= lockfile) {
        announce("npm packages (@playwright/test, binaryen): present");
    } else {
        node_20_or_newer(ws)?;
        let started = Instant::now();
        announce("installing npm packages with `npm ci` in tests/ (seconds)");
        // Playwright's browsers come from a CDN these machines cannot reach; Debian's Chromium
        // is used instead.
        run(ws
            .command("npm")
            .arg("ci")
            .current_dir(&tests)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))
        .map_err(|_| {
            Failure::new(
                step,
                "run `PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci` in tests/ and read its error",
            )
        })?;
        println!("    npm packages installed in {}", elapsed(started));
    }

    // Trunk accepts only this wasm-opt (Trunk.toml); check it here to name the fix.
    let wasm_opt = ws.npm_bin_dir().join("wasm-opt");
    let version = output_of(ws.command(&wasm_opt).arg("--version"));
    if !version.is_some_and(|v| v.contains(WASM_OPT_VERSION)) {
        return Err(Failure::new(
            step,
            format!(
                "tests/node_modules/.bin/wasm-opt is not {WASM_OPT_VERSION}: \
                 delete tests/node_modules and run again"
            ),
        ));
    }
    Ok(())
}

/// Playwright needs Node 20 or newer; say so before npm fails in a less clear way.
fn node_20_or_newer(ws: &Workspace) -> Result {
    let fix = "install Node.js 20 or newer with npm (e.g. apt-get install -y nodejs npm)";
    let version = output_of(ws.command("node").arg("--version"))
        .ok_or_else(|| Failure::new("npm", format!("`node` is missing: {fix}")))?;
    let major: u32 = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|major| major.parse().ok())
        .unwrap_or(0);
    if major < 20 {
        return Err(Failure::new("npm", format!("node is {version}: {fix}")));
    }
    Ok(())
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).ok()?.modified().ok()
}

/// Trunk.toml is offline, which passes --offline to cargo: download the crates first
/// (quick when they are already there).
fn cargo_fetch(ws: &Workspace) -> Result {
    let started = Instant::now();
    announce("cargo fetch (crates for the offline Trunk build)");
    run(ws.command("cargo").arg("fetch")).map_err(|_| {
        Failure::new(
            "cargo-fetch",
            "run `cargo fetch` and read its error (it needs crates.io)",
        )
    })?;
    println!("    cargo fetch: ok in {}", elapsed(started));
    Ok(())
}

/// Debian's Chromium for Playwright (Playwright's own browser download is unreachable here).
pub fn chromium() -> Result {
    if Path::new(CHROMIUM).exists() {
        announce(&format!("Chromium ({CHROMIUM}): present"));
        return Ok(());
    }
    if !is_root() {
        return Err(Failure::new(
            "chromium",
            format!(
                "{CHROMIUM} is missing: run `sudo sh -c '{CHROMIUM_APT}'`, then run this again"
            ),
        ));
    }
    let started = Instant::now();
    announce("installing Chromium with apt-get (about a minute, once)");
    let mut apt = std::process::Command::new("sh");
    apt.args(["-c", CHROMIUM_APT])
        .env("DEBIAN_FRONTEND", "noninteractive");
    run(&mut apt).map_err(|_| {
        Failure::new(
            "chromium",
            format!("run `{CHROMIUM_APT}` and read its error"),
        )
    })?;
    if !Path::new(CHROMIUM).exists() {
        return Err(Failure::new(
            "chromium",
            format!("apt-get installed chromium but {CHROMIUM} is still missing"),
        ));
    }
    println!("    Chromium installed in {}", elapsed(started));
    Ok(())
}

/// Effective user id 0, read from /proc (std has no geteuid; these machines are Linux).
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let uid_line = status.lines().find(|line| line.starts_with("Uid:"))?;
            // "Uid: real effective saved filesystem"
            uid_line.split_whitespace().nth(2).map(|euid| euid == "0")
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"x\"\n\
                    \n[[package]]\nname = \"wasm-bindgen-backend\"\nversion = \"9.9.9\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "leptos"), None);
    }

    #[test]
    fn reads_trunk_tool_versions() {
        let toml = "[tools]\n# comment = no\nwasm_bindgen = \"0.2.130\"\nwasm_opt = \"version_132\" # pinned\n";
        assert_eq!(
            trunk_tools_version(toml, "wasm_bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            trunk_tools_version(toml, "wasm_opt").as_deref(),
            Some("version_132")
        );
    }
}
