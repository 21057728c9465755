//! What every command-line test does: run the built `vaultsim` and read what it printed.
// Each test file uses some of these.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// `vaultsim ARGS`, run to the end.
pub fn vaultsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vaultsim"))
        .args(args)
        .output()
        .expect("vaultsim runs")
}

/// `vaultsim ARGS` with `input` on its standard input.
pub fn vaultsim_with_input(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vaultsim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vaultsim runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Printed bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

pub fn stdout(o: &Output) -> String {
    text(&o.stdout)
}

pub fn stderr(o: &Output) -> String {
    text(&o.stderr)
}
