//! `vaultsim simulate`: the output other tools depend on, and the exit codes.

use std::process::{Command, Output};

fn vaultsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vaultsim"))
        .args(args)
        .output()
        .expect("vaultsim runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn the_three_tier_summary_shows_the_guides_nights() {
    let o = vaultsim(&["simulate", "--builtin", "three-tier-web-app", "--for", "2d"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "scenario three-tier-web-app: 2024-01-15T00:00:00Z to 2024-01-17T00:00:00Z, seed 1\n"
        ),
        "{out}"
    );
    assert!(out.contains("backup jobs: 6 (COMPLETED 6)\n"), "{out}");
    assert!(out.contains("copy jobs: 6 (COMPLETED 6)\n"), "{out}");
    assert!(
        out.contains("  prod-primary-vault (111122223333, us-east-1): 6 (WARM 6)\n"),
        "{out}"
    );
    assert!(
        out.contains("  dr-vault (444455556666, eu-west-1): 6 (WARM 6)\n"),
        "{out}"
    );
    let last = out.lines().last().unwrap();
    let fields: Vec<&str> = last.split(' ').collect();
    assert_eq!(fields.len(), 3, "{last}");
    assert!(
        fields[0].starts_with("events=")
            && fields[1] == "jobs=12"
            && fields[2].starts_with("wall_ms="),
        "{last}"
    );
}

#[test]
fn ndjson_is_one_eventbridge_event_a_line_in_time_order() {
    let o = vaultsim(&[
        "simulate",
        "--builtin",
        "three-tier-web-app",
        "--until",
        "2024-01-15T12:00:00Z",
        "--format",
        "ndjson",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let events: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let at_two: Vec<_> = events
        .iter()
        .filter(|e| {
            e["detail-type"] == "Backup Job State Change" && e["detail"]["state"] == "CREATED"
        })
        .map(|e| e["time"].as_str().unwrap())
        .collect();
    assert_eq!(at_two, ["2024-01-15T02:00:00Z"; 3]);
    for e in &events {
        assert_eq!(e["source"], "aws.backup");
        assert_eq!(e["version"], "0");
    }
    let times: Vec<&str> = events.iter().map(|e| e["time"].as_str().unwrap()).collect();
    assert!(times.is_sorted());
}

#[test]
fn a_bad_scenario_prints_its_diagnostics_and_exits_1() {
    let dir = std::env::temp_dir().join(format!("vaultsim-scenario-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.json");
    std::fs::write(&file, r#"{"StartTime": "soon", "Accounts": []}"#).unwrap();
    let o = vaultsim(&["simulate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("scenario-start-time"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(vaultsim(&["simulate"]).status.code(), Some(2));
    assert_eq!(
        vaultsim(&["simulate", "--builtin", "nope"]).status.code(),
        Some(2)
    );
    assert_eq!(
        vaultsim(&["simulate", "--builtin", "three-tier-web-app", "--for", "2x"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        vaultsim(&["simulate", "/nonexistent.json"]).status.code(),
        Some(2)
    );
}
