//! `vaultsim schedule`: the output other tools depend on, and the exit codes.

mod common;

use common::{stderr, stdout, vaultsim};

#[test]
fn prints_the_next_runs_one_rfc3339_utc_line_each() {
    let o = vaultsim(&[
        "schedule",
        "cron(0 2 * * ? *)",
        "--after",
        "2024-01-15T00:00:00Z",
        "--count",
        "3",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "2024-01-15T02:00:00Z\n2024-01-16T02:00:00Z\n2024-01-17T02:00:00Z\n"
    );
    assert_eq!(stderr(&o), "");
}

#[test]
fn prints_five_runs_by_default() {
    let o = vaultsim(&[
        "schedule",
        "cron(0 5 ? * * *)",
        "--after",
        "2024-01-15T00:00:00Z",
    ]);
    assert_eq!(stdout(&o).lines().count(), 5);
}

#[test]
fn runs_after_now_when_no_time_is_given() {
    let o = vaultsim(&["schedule", "cron(0 5 ? * * *)", "--count", "1"]);
    let first: chrono::DateTime<chrono::Utc> = stdout(&o).trim().parse().unwrap();
    assert!(first > chrono::Utc::now() - chrono::Duration::minutes(1));
}

#[test]
fn describe_prints_the_english_description_first() {
    let o = vaultsim(&[
        "schedule",
        "cron(0 2 * * ? *)",
        "--after",
        "2024-01-15T00:00:00Z",
        "--count",
        "1",
        "--describe",
    ]);
    assert_eq!(
        stdout(&o),
        "At 02:00, every day (UTC)\n2024-01-15T02:00:00Z\n"
    );
}

#[test]
fn timezone_evaluates_the_expression_on_that_wall_clock() {
    let o = vaultsim(&[
        "schedule",
        "cron(0 2 * * ? *)",
        "--after",
        "2024-07-15T00:00:00Z",
        "--count",
        "1",
        "--timezone",
        "America/New_York",
        "--describe",
    ]);
    assert_eq!(
        stdout(&o),
        "At 02:00, every day (America/New_York)\n2024-07-15T06:00:00Z\n"
    );
}

#[test]
fn an_invalid_expression_prints_its_diagnostic_on_stderr_and_exits_1() {
    let o = vaultsim(&["schedule", "cron(0 24 * * ? *)"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(
        err.starts_with("error[schedule-out-of-range]: Hours: 24"),
        "{err}"
    );
    assert!(
        err.contains("1 | cron(0 24 * * ? *)\n  |        ^^\n"),
        "{err}"
    );
    assert!(err.contains("= help:"), "{err}");
}

#[test]
fn a_rate_expression_exits_1_saying_aws_backup_takes_cron_only() {
    let o = vaultsim(&["schedule", "rate(1 day)"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("AWS Backup accepts cron expressions only"));
}

#[test]
fn more_often_than_hourly_is_a_warning_on_stderr_with_exit_0() {
    let o = vaultsim(&[
        "schedule",
        "cron(0/30 * * * ? *)",
        "--after",
        "2024-01-15T00:00:00Z",
        "--count",
        "2",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "2024-01-15T00:30:00Z\n2024-01-15T01:00:00Z\n");
    assert!(stderr(&o).starts_with("warning[schedule-more-than-hourly]"));
}

#[test]
fn undocumented_lw_is_a_note_on_stderr_and_its_runs_print_with_exit_0() {
    // The project's issue: accept LW "with a note-level diagnostic saying they are
    // undocumented". 2024-08-31 is a Saturday: the last weekday is Friday the 30th.
    let o = vaultsim(&[
        "schedule",
        "cron(0 5 LW * ? *)",
        "--after",
        "2024-08-01T00:00:00Z",
        "--count",
        "2",
        "--describe",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "At 05:00, on the last weekday of the month (UTC)\n\
         2024-08-30T05:00:00Z\n2024-09-30T05:00:00Z\n"
    );
    let err = stderr(&o);
    assert!(
        err.starts_with("info[schedule-undocumented-syntax]: Day-of-month: LW"),
        "{err}"
    );
    assert!(err.contains("= help:"), "{err}");
}

#[test]
fn an_increment_larger_than_the_field_exits_1_pointing_at_it() {
    // The project's issue: refuse "*/60 in Minutes", as Quartz does.
    let o = vaultsim(&["schedule", "cron(*/60 * * * ? *)"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(
        err.starts_with("error[schedule-invalid-step]: Minutes: an increment of 60"),
        "{err}"
    );
    assert!(
        err.contains("1 | cron(*/60 * * * ? *)\n  |        ^^\n"),
        "{err}"
    );
    assert!(
        err.contains("= help: use an increment from 1 to 59"),
        "{err}"
    );
}

#[test]
fn an_unknown_timezone_exits_1_with_a_suggestion() {
    let o = vaultsim(&[
        "schedule",
        "cron(0 2 * * ? *)",
        "--timezone",
        "Europe/Londn",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("did you mean Europe/London?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn prints_fewer_lines_when_the_schedule_runs_out() {
    let o = vaultsim(&[
        "schedule",
        "cron(15 10 ? * 6L 2019-2022)",
        "--after",
        "2022-10-01T00:00:00Z",
        "--count",
        "5",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "2022-10-28T10:15:00Z\n2022-11-25T10:15:00Z\n2022-12-30T10:15:00Z\n"
    );
    assert!(stderr(&o).contains("only 3 runs"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(vaultsim(&["schedule"]).status.code(), Some(2));
    assert_eq!(
        vaultsim(&["schedule", "cron(0 2 * * ? *)", "--after", "yesterday"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        vaultsim(&["schedule", "cron(0 2 * * ? *)", "--count", "-1"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(vaultsim(&["frobnicate"]).status.code(), Some(2));
}
