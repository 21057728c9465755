//! The jobs' states and transitions (`can_become`) are the ones the vendored
//! `data/reference/state-machines.json` lists for backup, copy and restore jobs: the states from
//! the botocore enums (BackupJobState, CopyJobState, RestoreJobStatus with the summaries'
//! CREATED), the transitions each with its evidence (documented, observed or inferred).
//!
//! A self-transition (CREATED → CREATED, a retry inside the start window) is not a change of
//! state, so it is left out on both sides.

use std::collections::BTreeSet;

use serde_json::Value;
use vaultsim_core::engine::{BackupJobState, CopyJobState, RestoreJobState};

const STATE_MACHINES: &str = include_str!("../data/reference/state-machines.json");

type Transitions = BTreeSet<(String, String)>;

fn machine(name: &str) -> Value {
    let all: Value = serde_json::from_str(STATE_MACHINES).expect("state-machines.json reads");
    all[name].clone()
}

/// The machine's transitions between two states (`from` a state or a list of them; the entry
/// with `from: null` is the job's creation, not a transition).
fn listed(machine: &Value) -> Transitions {
    let mut out = Transitions::new();
    for t in machine["transitions"].as_array().expect("transitions") {
        let to = t["to"].as_str().expect("to").to_string();
        let from: Vec<&str> = match &t["from"] {
            Value::Null => continue,
            Value::String(s) => vec![s.as_str()],
            Value::Array(list) => list.iter().map(|s| s.as_str().expect("from")).collect(),
            other => panic!("from: {other}"),
        };
        for f in from {
            if f != to {
                out.insert((f.to_string(), to.clone()));
            }
        }
    }
    out
}

/// The state the machine's jobs are created in (`from: null`).
fn created_in(machine: &Value) -> Vec<String> {
    machine["transitions"]
        .as_array()
        .expect("transitions")
        .iter()
        .filter(|t| t["from"].is_null())
        .map(|t| t["to"].as_str().expect("to").to_string())
        .collect()
}

/// The enum's values as state-machines.json gives them: `Name = A, B, C (…)` or `…; …`.
fn enum_values(machine: &Value) -> Vec<String> {
    let text = machine["enum"].as_str().expect("enum");
    let (_, values) = text.split_once('=').expect("Name = values");
    let values = values.split([';', '(']).next().unwrap_or("");
    values.split(',').map(|v| v.trim().to_string()).collect()
}

/// What `can_become` allows, between distinct states.
fn allowed<S: Copy + PartialEq>(
    all: &[S],
    name: impl Fn(S) -> &'static str,
    can_become: impl Fn(S, S) -> bool,
) -> Transitions {
    let mut out = Transitions::new();
    for &a in all {
        for &b in all {
            if a != b && can_become(a, b) {
                out.insert((name(a).to_string(), name(b).to_string()));
            }
        }
    }
    out
}

/// The states that no listed transition leaves.
fn without_exit(states: &[String], transitions: &Transitions) -> BTreeSet<String> {
    states
        .iter()
        .filter(|s| !transitions.iter().any(|(from, _)| from == *s))
        .cloned()
        .collect()
}

fn check<S: Copy + PartialEq + std::fmt::Debug>(
    key: &str,
    all: &[S],
    name: impl Fn(S) -> &'static str + Copy,
    can_become: impl Fn(S, S) -> bool,
    is_terminal: impl Fn(S) -> bool,
    extra_states: &[&str],
) {
    let machine = machine(key);
    let listed = listed(&machine);
    let allowed = allowed(all, name, can_become);

    let unlisted: Vec<_> = allowed.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "{key}: can_become allows transitions state-machines.json does not list: {unlisted:?}"
    );
    let refused: Vec<_> = listed.difference(&allowed).collect();
    assert!(
        refused.is_empty(),
        "{key}: state-machines.json lists transitions can_become refuses: {refused:?}"
    );

    let mut states = enum_values(&machine);
    states.extend(extra_states.iter().map(|s| s.to_string()));
    let ours: BTreeSet<String> = all.iter().map(|&s| name(s).to_string()).collect();
    assert_eq!(
        ours,
        states.iter().cloned().collect::<BTreeSet<_>>(),
        "{key}: the states"
    );
    assert_eq!(
        created_in(&machine),
        ["CREATED"],
        "{key}: a job is created in CREATED"
    );

    let terminal: BTreeSet<String> = all
        .iter()
        .filter(|&&s| is_terminal(s))
        .map(|&s| name(s).to_string())
        .collect();
    assert_eq!(
        terminal,
        without_exit(&states, &listed),
        "{key}: the terminal states"
    );
    if let Some(list) = machine["terminal"].as_array() {
        let stated: BTreeSet<String> = list
            .iter()
            .map(|s| s.as_str().expect("terminal").to_string())
            .collect();
        assert_eq!(terminal, stated, "{key}: the terminal states it names");
    }
}

#[test]
fn backup_jobs_change_state_only_as_state_machines_json_lists() {
    check(
        "backup_job",
        &BackupJobState::ALL,
        BackupJobState::as_str,
        BackupJobState::can_become,
        BackupJobState::is_terminal,
        &[],
    );
}

#[test]
fn copy_jobs_change_state_only_as_state_machines_json_lists() {
    check(
        "copy_job",
        &CopyJobState::ALL,
        CopyJobState::as_str,
        CopyJobState::can_become,
        CopyJobState::is_terminal,
        &[],
    );
}

/// RestoreJobStatus has no CREATED; the summaries' RestoreJobState and the EventBridge sample do.
#[test]
fn restore_jobs_change_state_only_as_state_machines_json_lists() {
    check(
        "restore_job",
        &RestoreJobState::ALL,
        RestoreJobState::as_str,
        RestoreJobState::can_become,
        RestoreJobState::is_terminal,
        &["CREATED"],
    );
}
