//! Small helpers shared by the commands: failures that name the fix, child processes, timing.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::Profile;

/// A failed step and what to do about it; printed as "step `clippy` failed: run ...".
#[derive(Debug)]
pub struct Failure {
    step: &'static str,
    fix: String,
}

impl Failure {
    pub fn new(step: &'static str, fix: impl Into<String>) -> Self {
        Failure {
            step,
            fix: fix.into(),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "step `{}` failed: {}", self.step, self.fix)
    }
}

pub type Result<T = ()> = std::result::Result<T, Failure>;

/// Where things are: the workspace root and the tool directories put on children's PATH.
pub struct Workspace {
    pub root: PathBuf,
    /// `cargo install` puts tools here; a fresh rustup install may not have it on PATH yet.
    cargo_bin: PathBuf,
}

impl Workspace {
    pub fn locate() -> Self {
        // Cargo sets CARGO_MANIFEST_DIR for `cargo run` too; prefer it to the compile-time
        // value so a moved checkout still finds itself.
        let xtask_dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        let root = xtask_dir
            .parent()
            .expect("xtask/ lives inside the workspace root")
            .to_path_buf();
        let cargo_home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
            .unwrap_or_else(|| PathBuf::from(".cargo"));
        Workspace {
            root,
            cargo_bin: cargo_home.join("bin"),
        }
    }

    /// The browser-test folder: package.json, Playwright config and specs, node_modules.
    pub fn tests_dir(&self) -> PathBuf {
        self.root.join("tests")
    }

    /// wasm-opt from the pinned npm package binaryen (never Debian's binaryen).
    pub fn npm_bin_dir(&self) -> PathBuf {
        self.tests_dir().join("node_modules").join(".bin")
    }

    /// A child process in the workspace root, with cargo-installed tools on PATH.
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(&self.root)
            .env("PATH", search_path(&[&self.cargo_bin]));
        cmd
    }

    /// Trunk, with what it needs to build offline with the pinned tools.
    pub fn trunk(&self, profile: Profile) -> Command {
        let mut cmd = self.command("trunk");
        // Trunk finds wasm-opt (and checks it is version_132) on PATH, as Trunk.toml is offline.
        cmd.env("PATH", search_path(&[&self.npm_bin_dir(), &self.cargo_bin]))
            // Trunk.toml's offline setting does not stop Trunk's own update check.
            .env("TRUNK_SKIP_VERSION_CHECK", "true");
        if profile == Profile::Release {
            // [profile.release] is tuned for the native CLI's speed; the wasm wants size.
            cmd.env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "z");
        }
        cmd
    }
}

/// `dirs` in front of the current PATH.
fn search_path(dirs: &[&Path]) -> OsString {
    let current = std::env::var_os("PATH").unwrap_or_default();
    let all = dirs
        .iter()
        .map(|dir| dir.to_path_buf())
        .chain(std::env::split_paths(&current));
    std::env::join_paths(all).unwrap_or(current)
}

/// Announce a step, in the one format every step uses.
pub fn announce(message: &str) {
    println!("==> {message}");
}

/// Run a child with inherited output; Err(()) if it could not start or did not succeed.
/// The caller turns that into a Failure naming its step and fix.
pub fn run(cmd: &mut Command) -> std::result::Result<(), ()> {
    match cmd.status() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => {
            eprintln!("    `{}` exited with {status}", describe(cmd));
            Err(())
        }
        Err(err) => {
            eprintln!("    could not run `{}`: {err}", describe(cmd));
            Err(())
        }
    }
}

/// A child's stdout (trimmed) if it ran and succeeded: for version checks.
pub fn output_of(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok().filter(|out| out.status.success())?;
    Some(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn elapsed(started: Instant) -> String {
    let secs = started.elapsed().as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1} s")
    } else {
        format!("{}m{:02}s", (secs / 60.0) as u64, (secs % 60.0) as u64)
    }
}
