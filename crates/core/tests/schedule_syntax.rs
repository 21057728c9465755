//! The AWS schedule dialect, one test per rule: EventBridge's cron syntax
//! (data/reference/docs/eventbridge-cron-expressions.md) and AWS Backup's rules on top of it.

use chrono::{DateTime, NaiveDateTime, Utc};
use vaultsim_core::Severity;
use vaultsim_core::schedule::{CronExpression, DEFAULT_SCHEDULE_EXPRESSION, Schedule, Timezone};

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn runs(expr: &str, after: &str, n: usize) -> Vec<String> {
    runs_in(expr, "Etc/UTC", after, n)
}

fn runs_in(expr: &str, zone: &str, after: &str, n: usize) -> Vec<String> {
    let cron = CronExpression::parse(expr).unwrap_or_else(|e| panic!("{expr}: {e:?}"));
    let schedule = Schedule::new(cron, Timezone::parse(zone).unwrap());
    schedule
        .runs_after(t(after))
        .take(n)
        .map(|r| r.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .collect()
}

/// The codes of the errors an expression gets, or an empty list if it parses.
fn error_codes(expr: &str) -> Vec<&'static str> {
    match CronExpression::parse(expr) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(|e| e.code).collect(),
    }
}

fn is_valid(expr: &str) -> bool {
    CronExpression::parse(expr).is_ok()
}

/// The part of the expression an error points at.
fn pointed_at(expr: &str) -> String {
    let e = &CronExpression::parse(expr).unwrap_err()[0];
    expr[e.span.clone()].to_string()
}

fn describe(expr: &str) -> String {
    Schedule::new(CronExpression::parse(expr).unwrap(), Timezone::UTC).describe()
}

// ---- The six fields -------------------------------------------------------------------------

#[test]
fn six_fields_are_required() {
    assert_eq!(error_codes("cron(0 12 * * ?)"), ["schedule-field-count"]);
    assert_eq!(
        error_codes("cron(0 0 12 * * ? *)"),
        ["schedule-field-count"]
    );
    assert_eq!(error_codes("cron()"), ["schedule-field-count"]);
    assert!(is_valid("cron(0 12 * * ? *)"));
}

#[test]
fn five_field_unix_crontab_gets_its_aws_form_as_help() {
    let e = &CronExpression::parse("cron(0 12 * * 1-5)").unwrap_err()[0];
    assert!(e.help.contains("cron(0 12 ? * 2-6 *)"), "{}", e.help);
}

#[test]
fn fields_may_be_separated_by_any_whitespace() {
    assert_eq!(
        runs("cron( 0  2\t* * ?  * )", "2024-01-15T00:00:00Z", 1),
        ["2024-01-15T02:00:00Z"]
    );
}

#[test]
fn minutes_are_0_to_59() {
    assert!(is_valid("cron(59 0 * * ? *)"));
    assert_eq!(error_codes("cron(60 0 * * ? *)"), ["schedule-out-of-range"]);
}

#[test]
fn hours_are_0_to_23() {
    assert!(is_valid("cron(0 23 * * ? *)"));
    assert_eq!(error_codes("cron(0 24 * * ? *)"), ["schedule-out-of-range"]);
    assert_eq!(pointed_at("cron(0 24 * * ? *)"), "24");
}

#[test]
fn day_of_month_is_1_to_31() {
    assert!(is_valid("cron(0 0 31 * ? *)"));
    assert_eq!(error_codes("cron(0 0 0 * ? *)"), ["schedule-out-of-range"]);
    assert_eq!(error_codes("cron(0 0 32 * ? *)"), ["schedule-out-of-range"]);
}

#[test]
fn month_is_1_to_12() {
    assert!(is_valid("cron(0 0 1 12 ? *)"));
    assert_eq!(error_codes("cron(0 0 1 13 ? *)"), ["schedule-out-of-range"]);
    assert_eq!(error_codes("cron(0 0 1 0 ? *)"), ["schedule-out-of-range"]);
}

#[test]
fn day_of_week_is_1_to_7() {
    assert!(is_valid("cron(0 0 ? * 7 *)"));
    assert_eq!(error_codes("cron(0 0 ? * 0 *)"), ["schedule-out-of-range"]);
    assert_eq!(error_codes("cron(0 0 ? * 8 *)"), ["schedule-out-of-range"]);
}

#[test]
fn year_is_1970_to_2199() {
    assert!(is_valid("cron(0 0 1 1 ? 1970-2199)"));
    assert_eq!(
        error_codes("cron(0 0 1 1 ? 1969)"),
        ["schedule-out-of-range"]
    );
    assert_eq!(
        error_codes("cron(0 0 1 1 ? 2200)"),
        ["schedule-out-of-range"]
    );
}

// ---- Names ----------------------------------------------------------------------------------

#[test]
fn month_names_jan_to_dec_in_any_case() {
    assert_eq!(
        runs("cron(0 0 1 jan,Jul ? *)", "2024-01-15T00:00:00Z", 2),
        ["2024-07-01T00:00:00Z", "2025-01-01T00:00:00Z"]
    );
}

#[test]
fn day_names_sun_to_sat_and_numbers_count_from_sunday() {
    // 2024-01-21 is a Sunday.
    assert_eq!(
        runs("cron(0 0 ? * SUN *)", "2024-01-15T00:00:00Z", 1),
        ["2024-01-21T00:00:00Z"]
    );
    assert_eq!(
        runs("cron(0 0 ? * 1 *)", "2024-01-15T00:00:00Z", 1),
        ["2024-01-21T00:00:00Z"]
    );
}

#[test]
fn unknown_names_suggest_the_nearest() {
    let e = &CronExpression::parse("cron(0 0 ? * MOM *)").unwrap_err()[0];
    assert_eq!(e.code, "schedule-invalid-value");
    assert!(e.help.contains("did you mean MON?"), "{}", e.help);
}

#[test]
fn names_belong_to_their_fields() {
    assert_eq!(
        error_codes("cron(0 0 MON * ? *)"),
        ["schedule-invalid-value"]
    );
    assert_eq!(
        error_codes("cron(0 0 ? * JAN *)"),
        ["schedule-invalid-value"]
    );
}

// ---- , - * / --------------------------------------------------------------------------------

#[test]
fn comma_includes_additional_values() {
    assert_eq!(
        runs("cron(5,35 14 * * ? *)", "2024-01-15T00:00:00Z", 3),
        [
            "2024-01-15T14:05:00Z",
            "2024-01-15T14:35:00Z",
            "2024-01-16T14:05:00Z"
        ]
    );
}

#[test]
fn empty_list_elements_are_rejected() {
    assert_eq!(
        error_codes("cron(0 1,,2 * * ? *)"),
        ["schedule-invalid-value"]
    );
}

#[test]
fn dash_ranges_include_both_ends() {
    assert_eq!(
        runs("cron(0 8-10 * * ? *)", "2024-01-15T00:00:00Z", 4),
        [
            "2024-01-15T08:00:00Z",
            "2024-01-15T09:00:00Z",
            "2024-01-15T10:00:00Z",
            "2024-01-16T08:00:00Z"
        ]
    );
}

#[test]
fn wrap_around_hour_range_runs_past_midnight() {
    // The EventBridge guide's own example: every 30 minutes from 22:00 to 02:00.
    assert_eq!(
        runs("cron(0/30 20-2 ? * MON-FRI *)", "2024-01-15T01:00:00Z", 4),
        [
            "2024-01-15T01:30:00Z",
            "2024-01-15T02:00:00Z",
            "2024-01-15T02:30:00Z",
            "2024-01-15T20:00:00Z"
        ]
    );
}

#[test]
fn wrap_around_ranges_in_months_and_weekdays() {
    assert_eq!(
        runs("cron(0 0 1 NOV-FEB ? *)", "2024-01-15T00:00:00Z", 4),
        [
            "2024-02-01T00:00:00Z",
            "2024-11-01T00:00:00Z",
            "2024-12-01T00:00:00Z",
            "2025-01-01T00:00:00Z"
        ]
    );
    // 2024-01-15 is a Monday; FRI-MON is Friday, Saturday, Sunday, Monday.
    assert_eq!(
        runs("cron(0 0 ? * FRI-MON *)", "2024-01-15T00:00:00Z", 4),
        [
            "2024-01-19T00:00:00Z",
            "2024-01-20T00:00:00Z",
            "2024-01-21T00:00:00Z",
            "2024-01-22T00:00:00Z"
        ]
    );
}

#[test]
fn year_ranges_cannot_wrap() {
    assert_eq!(
        error_codes("cron(0 0 1 1 ? 2030-2020)"),
        ["schedule-reversed-range"]
    );
}

#[test]
fn slash_steps_from_a_start_value() {
    assert_eq!(
        runs("cron(1/10 * * * ? *)", "2024-01-15T00:00:00Z", 3),
        [
            "2024-01-15T00:01:00Z",
            "2024-01-15T00:11:00Z",
            "2024-01-15T00:21:00Z"
        ]
    );
}

#[test]
fn slash_steps_over_star_and_ranges() {
    assert_eq!(
        runs("cron(0 */8 * * ? *)", "2024-01-15T00:00:00Z", 3),
        [
            "2024-01-15T08:00:00Z",
            "2024-01-15T16:00:00Z",
            "2024-01-16T00:00:00Z"
        ]
    );
    assert_eq!(
        runs("cron(0 9-17/4 * * ? *)", "2024-01-15T00:00:00Z", 4),
        [
            "2024-01-15T09:00:00Z",
            "2024-01-15T13:00:00Z",
            "2024-01-15T17:00:00Z",
            "2024-01-16T09:00:00Z"
        ]
    );
}

#[test]
fn a_step_of_zero_is_rejected() {
    assert_eq!(
        error_codes("cron(0/0 * * * ? *)"),
        ["schedule-invalid-step"]
    );
    assert_eq!(
        error_codes("cron(0/x * * * ? *)"),
        ["schedule-invalid-step"]
    );
}

#[test]
fn an_increment_larger_than_its_field_allows_is_rejected_as_quartz_does() {
    // The issue: "refuse an increment larger than its field allows (*/60 in Minutes, 0/24 in
    // Hours), as Quartz does". Quartz's checkIncrementRange refuses more than 59 in Minutes,
    // 23 in Hours, 31 in Day-of-month and 12 in Month ("Increment >= 60 : 60"), nothing in Year.
    for (expr, increment) in [
        ("cron(*/60 * * * ? *)", "60"),
        ("cron(0 0/24 * * ? *)", "24"),
        ("cron(0 0 */32 * ? *)", "32"),
        ("cron(0 0 1 1/13 ? *)", "13"),
        ("cron(0 0 1 JAN/13 ? *)", "13"),
    ] {
        assert_eq!(error_codes(expr), ["schedule-invalid-step"], "{expr}");
        assert_eq!(pointed_at(expr), increment, "{expr}");
        let e = &CronExpression::parse(expr).unwrap_err()[0];
        assert!(
            e.help.starts_with("use an increment from 1 to"),
            "{}",
            e.help
        );
    }
    for expr in [
        "cron(*/59 * * * ? *)",
        "cron(0 0/23 * * ? *)",
        "cron(0 0 */31 * ? *)",
        "cron(0 0 1 1/12 ? *)",
        "cron(0 0 1 1 ? 2024/500)",
    ] {
        assert!(is_valid(expr), "{expr}");
    }
    // Quartz checks the increment after * or a start value only, not a range's: 0-30/60 is
    // minute 0.
    assert_eq!(
        runs("cron(0-30/60 * * * ? *)", "2024-01-15T00:00:00Z", 2),
        ["2024-01-15T01:00:00Z", "2024-01-15T02:00:00Z"]
    );
}

#[test]
fn slash_is_not_allowed_in_day_of_week() {
    assert_eq!(
        error_codes("cron(0 0 ? * MON/2 *)"),
        ["schedule-wildcard-not-allowed"]
    );
    assert_eq!(pointed_at("cron(0 0 ? * MON/2 *)"), "/");
}

// ---- ? and the two day fields ---------------------------------------------------------------

#[test]
fn question_mark_only_in_the_day_fields() {
    assert_eq!(
        error_codes("cron(? 0 * * ? *)"),
        ["schedule-wildcard-not-allowed"]
    );
    assert_eq!(
        error_codes("cron(0 0 * ? ? *)"),
        ["schedule-wildcard-not-allowed"]
    );
}

#[test]
fn exactly_one_day_field_is_a_question_mark() {
    assert_eq!(error_codes("cron(0 0 ? * ? *)"), ["schedule-day-fields"]);
    assert_eq!(error_codes("cron(0 0 1 * MON *)"), ["schedule-day-fields"]);
    assert!(is_valid("cron(0 0 1 * ? *)"));
    assert!(is_valid("cron(0 0 ? * MON *)"));
}

#[test]
fn star_in_both_day_fields_is_rejected() {
    let e = &CronExpression::parse("cron(0 12 * * * *)").unwrap_err()[0];
    assert_eq!(e.code, "schedule-day-fields");
    assert!(e.help.contains('?'));
}

#[test]
fn star_in_one_day_field_and_question_mark_in_the_other_is_every_day() {
    assert_eq!(
        runs("cron(0 5 ? * * *)", "2024-01-15T00:00:00Z", 2),
        runs("cron(0 5 * * ? *)", "2024-01-15T00:00:00Z", 2)
    );
}

// ---- L --------------------------------------------------------------------------------------

#[test]
fn l_in_day_of_month_is_the_last_day_of_the_month() {
    assert_eq!(
        runs("cron(0 5 L * ? *)", "2024-01-15T00:00:00Z", 3),
        [
            "2024-01-31T05:00:00Z",
            "2024-02-29T05:00:00Z",
            "2024-03-31T05:00:00Z"
        ]
    );
}

#[test]
fn l_in_day_of_week_is_saturday_every_week() {
    // Quartz: L in day-of-week "by itself, it simply means 7 or SAT" (not the last Saturday).
    assert_eq!(
        runs("cron(0 0 ? * L *)", "2024-01-15T00:00:00Z", 3),
        [
            "2024-01-20T00:00:00Z",
            "2024-01-27T00:00:00Z",
            "2024-02-03T00:00:00Z"
        ]
    );
    assert_eq!(describe("cron(0 0 ? * L *)"), "At 00:00, on Saturday (UTC)");
}

#[test]
fn weekday_followed_by_l_is_the_last_such_weekday_of_the_month() {
    // 5L: the last Thursday.
    assert_eq!(
        runs("cron(0 0 ? * 5L *)", "2024-01-01T00:00:00Z", 3),
        [
            "2024-01-25T00:00:00Z",
            "2024-02-29T00:00:00Z",
            "2024-03-28T00:00:00Z"
        ]
    );
    assert_eq!(
        runs("cron(0 0 ? * FRIL *)", "2024-01-01T00:00:00Z", 1),
        ["2024-01-26T00:00:00Z"]
    );
}

#[test]
fn l_only_in_the_day_fields() {
    assert_eq!(
        error_codes("cron(0 L * * ? *)"),
        ["schedule-wildcard-not-allowed"]
    );
    assert_eq!(
        error_codes("cron(0 0 5L * ? *)"),
        ["schedule-invalid-value"]
    );
}

// ---- LW, L-n, L-nW: Quartz forms EventBridge's table does not list -------------------------
//
// The project's issue: "EventBridge accepts Quartz's LW (last weekday of the month) and L-n (n
// days before the last day) in Day-of-month although its documentation's table does not list
// them; users report both working in the EventBridge console." Their meaning is Quartz's
// (quartz-scheduler/quartz, org/quartz/CronExpression.java): "The 'L' and 'W' characters can
// also be combined for the day-of-month expression to yield 'LW', which translates to 'last
// weekday of the month'", and "L-3" is an offset from the last day of the month.

/// The undocumented-syntax findings of an expression that parses: (severity, code, pointed at).
fn undocumented(expr: &str) -> Vec<(Severity, String)> {
    let cron = CronExpression::parse(expr).unwrap_or_else(|e| panic!("{expr}: {e:?}"));
    cron.diagnostics()
        .into_iter()
        .filter(|d| d.code == "schedule-undocumented-syntax")
        .map(|d| {
            assert!(!d.help.is_empty(), "{expr}: no help");
            (d.severity, expr[d.span.clone()].to_string())
        })
        .collect()
}

#[test]
fn lw_is_the_last_weekday_of_the_month() {
    // Quartz: "'LW', which translates to 'last weekday of the month'". 2024-03-31 is a Sunday
    // and 2024-06-30 a Sunday: Friday the 29th and the 28th.
    assert_eq!(
        runs("cron(0 5 LW * ? *)", "2024-02-15T00:00:00Z", 5),
        [
            "2024-02-29T05:00:00Z",
            "2024-03-29T05:00:00Z",
            "2024-04-30T05:00:00Z",
            "2024-05-31T05:00:00Z",
            "2024-06-28T05:00:00Z"
        ]
    );
    // 2024-08-31 is a Saturday: Friday the 30th. Lower case is the same (Quartz upper-cases).
    assert_eq!(
        runs("cron(0 5 lw * ? *)", "2024-08-01T00:00:00Z", 1),
        ["2024-08-30T05:00:00Z"]
    );
}

#[test]
fn l_minus_n_is_n_days_before_the_last_day_of_the_month() {
    // Quartz's findSmallestDay places L-n on (last day - n): L-3 is the 28th of a 31-day month,
    // the 26th of February 2024 (29 days), the 27th of April (30).
    assert_eq!(
        runs("cron(0 5 L-3 * ? *)", "2024-01-01T00:00:00Z", 4),
        [
            "2024-01-28T05:00:00Z",
            "2024-02-26T05:00:00Z",
            "2024-03-28T05:00:00Z",
            "2024-04-27T05:00:00Z"
        ]
    );
    // L-0 is L.
    assert_eq!(
        runs("cron(0 5 L-0 * ? *)", "2024-01-15T00:00:00Z", 3),
        runs("cron(0 5 L * ? *)", "2024-01-15T00:00:00Z", 3)
    );
}

#[test]
fn l_minus_n_skips_a_month_of_n_days_or_fewer() {
    // Quartz's findSmallestDay finds no day for L-30 in a month of 30 days or fewer: it runs on
    // the 1st of 31-day months only.
    assert_eq!(
        runs("cron(0 0 L-30 * ? *)", "2024-01-15T00:00:00Z", 4),
        [
            "2024-03-01T00:00:00Z",
            "2024-05-01T00:00:00Z",
            "2024-07-01T00:00:00Z",
            "2024-08-01T00:00:00Z"
        ]
    );
    // L-28 in February: the 1st in a leap year; none in a 28-day February.
    assert_eq!(
        runs("cron(0 0 L-28 2 ? *)", "2023-01-01T00:00:00Z", 2),
        ["2024-02-01T00:00:00Z", "2028-02-01T00:00:00Z"]
    );
}

#[test]
fn l_minus_n_offset_is_at_most_30() {
    // Quartz: MAX_LAST_DAY_OFFSET = 30, "Offset from last day must be <= 30".
    assert!(is_valid("cron(0 0 L-30 * ? *)"));
    assert_eq!(
        error_codes("cron(0 0 L-31 * ? *)"),
        ["schedule-out-of-range"]
    );
    assert_eq!(pointed_at("cron(0 0 L-31 * ? *)"), "31");
    assert_eq!(
        error_codes("cron(0 0 L- * ? *)"),
        ["schedule-invalid-value"]
    );
    assert_eq!(
        error_codes("cron(0 0 L-x * ? *)"),
        ["schedule-invalid-value"]
    );
}

#[test]
fn l_minus_n_w_is_the_weekday_nearest_n_days_before_the_last_day() {
    // Quartz reads an optional W after L-n into its nearest-weekday set. 2024-01-28 is a
    // Sunday (-> Monday 29th); 2024-04-27 a Saturday (-> Friday 26th).
    assert_eq!(
        runs("cron(0 5 L-3W * ? *)", "2024-01-01T00:00:00Z", 4),
        [
            "2024-01-29T05:00:00Z",
            "2024-02-26T05:00:00Z",
            "2024-03-28T05:00:00Z",
            "2024-04-26T05:00:00Z"
        ]
    );
}

#[test]
fn lw_and_l_minus_n_are_accepted_with_a_note_that_they_are_undocumented() {
    // The issue: "Accept them (with a note-level diagnostic saying they are undocumented)".
    assert_eq!(
        undocumented("cron(0 5 LW * ? *)"),
        [(Severity::Info, "LW".to_string())]
    );
    assert_eq!(
        undocumented("cron(0 5 1,L-3 * ? *)"),
        [(Severity::Info, "L-3".to_string())]
    );
    let cron = CronExpression::parse("cron(0 5 LW * ? *)").unwrap();
    let note = &cron.diagnostics()[0];
    assert!(
        note.message.contains("EventBridge's documentation")
            && note.message.contains("console accepts it"),
        "{}",
        note.message
    );
    // Documented forms get no such finding.
    assert!(undocumented("cron(0 5 L * ? *)").is_empty());
    assert!(undocumented("cron(0 5 15W * ? *)").is_empty());
}

#[test]
fn l_minus_n_w_is_accepted_with_a_warning_as_no_one_reports_eventbridge_taking_it() {
    // Quartz has it; the issue's users report LW and L-n only, so the evidence is weaker.
    assert_eq!(
        undocumented("cron(0 5 L-2W * ? *)"),
        [(Severity::Warning, "L-2W".to_string())]
    );
}

#[test]
fn lw_and_l_minus_n_belong_in_day_of_month_and_take_no_step() {
    assert_eq!(
        error_codes("cron(0 0 ? * LW *)"),
        ["schedule-invalid-value"]
    );
    assert_eq!(
        error_codes("cron(0 0 ? * L-2 *)"),
        ["schedule-invalid-value"]
    );
    assert_eq!(
        error_codes("cron(L-3 0 * * ? *)"),
        ["schedule-wildcard-not-allowed"]
    );
    assert_eq!(pointed_at("cron(L-3 0 * * ? *)"), "L");
    assert_eq!(
        error_codes("cron(0 0 LW/2 * ? *)"),
        ["schedule-invalid-value"]
    );
    assert_eq!(
        error_codes("cron(0 0 L-3/2 * ? *)"),
        ["schedule-invalid-value"]
    );
}

#[test]
fn undocumented_day_forms_stay_notes_in_plan_validation() {
    // Plan validation raises schedule-more-than-hourly to an error; the undocumented-syntax
    // note must pass through as it is.
    use vaultsim_core::plan::{CheckOptions, check};
    let plan = r#"{"BackupPlanName": "p", "Rules": [{"RuleName": "r",
        "TargetBackupVaultName": "vault", "ScheduleExpression": "cron(0 5 LW * ? *)"}]}"#;
    let options = CheckOptions {
        now: t("2024-01-15T00:00:00Z"),
    };
    let findings = check(plan, &options).findings;
    let note = findings
        .iter()
        .find(|f| f.diagnostic.code == "schedule-undocumented-syntax")
        .expect("the note is reported");
    assert_eq!(note.diagnostic.severity, Severity::Info);
    assert!(
        findings.iter().all(|f| !f.diagnostic.is_error()),
        "{findings:?}"
    );
}

// ---- W --------------------------------------------------------------------------------------

#[test]
fn w_is_the_weekday_nearest_the_day_within_the_month() {
    // 2024-06-15 is a Saturday (-> Friday 14th); 2024-09-15 a Sunday (-> Monday 16th).
    assert_eq!(
        runs("cron(0 0 15W * ? *)", "2024-06-01T00:00:00Z", 4),
        [
            "2024-06-14T00:00:00Z",
            "2024-07-15T00:00:00Z",
            "2024-08-15T00:00:00Z",
            "2024-09-16T00:00:00Z"
        ]
    );
}

#[test]
fn w_only_in_day_of_month() {
    assert_eq!(
        error_codes("cron(0 5W * * ? *)"),
        ["schedule-wildcard-not-allowed"]
    );
}

// ---- # --------------------------------------------------------------------------------------

#[test]
fn hash_is_the_nth_weekday_of_the_month() {
    // 3#2: the second Tuesday.
    assert_eq!(
        runs("cron(0 0 ? * 3#2 *)", "2024-01-01T00:00:00Z", 2),
        ["2024-01-09T00:00:00Z", "2024-02-13T00:00:00Z"]
    );
}

#[test]
fn hash_fifth_occurrence_skips_months_without_one() {
    // Fifth Friday: 2024 has them in March, May, August and November.
    assert_eq!(
        runs("cron(0 0 ? * FRI#5 *)", "2024-01-01T00:00:00Z", 4),
        [
            "2024-03-29T00:00:00Z",
            "2024-05-31T00:00:00Z",
            "2024-08-30T00:00:00Z",
            "2024-11-29T00:00:00Z"
        ]
    );
}

#[test]
fn hash_allows_one_expression_only() {
    assert_eq!(
        error_codes("cron(0 0 ? * 3#1,6#3 *)"),
        ["schedule-hash-in-list"]
    );
}

#[test]
fn hash_only_in_day_of_week() {
    assert_eq!(
        error_codes("cron(0 0 1#2 * ? *)"),
        ["schedule-wildcard-not-allowed"]
    );
}

#[test]
fn hash_occurrence_is_1_to_5() {
    assert_eq!(
        error_codes("cron(0 0 ? * 2#6 *)"),
        ["schedule-out-of-range"]
    );
    assert_eq!(
        error_codes("cron(0 0 ? * 2#0 *)"),
        ["schedule-out-of-range"]
    );
}

// ---- The expression's form ------------------------------------------------------------------

#[test]
fn rate_expressions_are_rejected_because_aws_backup_takes_cron_only() {
    let e = &CronExpression::parse("rate(1 day)").unwrap_err()[0];
    assert_eq!(e.code, "schedule-rate-not-supported");
    assert!(e.message.contains("cron expressions only"), "{}", e.message);
    assert!(e.help.contains("cron("), "{}", e.help);
}

#[test]
fn bare_fields_need_the_cron_wrapper() {
    let e = &CronExpression::parse("0 12 * * ? *").unwrap_err()[0];
    assert_eq!(e.code, "schedule-not-cron");
    assert!(e.help.contains("cron(0 12 * * ? *)"), "{}", e.help);
}

#[test]
fn an_empty_expression_is_rejected() {
    assert_eq!(error_codes(""), ["schedule-empty"]);
    assert_eq!(error_codes("   "), ["schedule-empty"]);
}

#[test]
fn the_closing_parenthesis_is_required_and_nothing_may_follow() {
    assert_eq!(error_codes("cron(0 12 * * ? *"), ["schedule-unclosed"]);
    assert_eq!(
        error_codes("cron(0 12 * * ? *) x"),
        ["schedule-trailing-text"]
    );
}

#[test]
fn unexpected_characters_are_pointed_at() {
    assert_eq!(
        error_codes("cron(0 1.5 * * ? *)"),
        ["schedule-invalid-value"]
    );
    assert_eq!(pointed_at("cron(0 1.5 * * ? *)"), ".");
    assert_eq!(pointed_at("cron(0 1é * * ? *)"), "é");
}

#[test]
fn the_keyword_in_upper_case_is_only_a_warning() {
    let cron = CronExpression::parse("CRON(0 12 * * ? *)").unwrap();
    let codes: Vec<_> = cron.diagnostics().iter().map(|d| d.code).collect();
    assert_eq!(codes, ["schedule-keyword-case"]);
}

#[test]
fn every_error_in_the_expression_is_reported() {
    assert_eq!(
        error_codes("cron(60 24 * * ? *)"),
        ["schedule-out-of-range", "schedule-out-of-range"]
    );
}

#[test]
fn errors_point_inside_the_expression() {
    let expr = "cron(0 2 * 13 ? *)";
    let e = &CronExpression::parse(expr).unwrap_err()[0];
    assert_eq!(e.span, 11..13);
    assert!(e.message.starts_with("Month:"), "{}", e.message);
}

// ---- AWS Backup on top of EventBridge -------------------------------------------------------

#[test]
fn aws_backup_default_is_0500_utc_every_day() {
    assert_eq!(DEFAULT_SCHEDULE_EXPRESSION, "cron(0 5 ? * * *)");
    let schedule = Schedule::aws_backup_default();
    assert_eq!(schedule.describe(), "At 05:00, every day (UTC)");
    assert_eq!(
        schedule.next_after(t("2024-01-15T05:00:00Z")),
        Some(t("2024-01-16T05:00:00Z"))
    );
}

#[test]
fn more_often_than_hourly_is_an_aws_backup_warning_and_still_has_runs() {
    let cron = CronExpression::parse("cron(0/15 * * * ? *)").unwrap();
    let findings = cron.diagnostics();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].code, "schedule-more-than-hourly");
    assert_eq!(findings[0].severity, Severity::Warning);
    assert_eq!(
        runs("cron(0/15 * * * ? *)", "2024-01-15T00:00:00Z", 2),
        ["2024-01-15T00:15:00Z", "2024-01-15T00:30:00Z"]
    );
}

#[test]
fn hourly_is_within_aws_backups_limit() {
    let cron = CronExpression::parse("cron(15 * ? * * *)").unwrap();
    assert!(cron.diagnostics().is_empty());
}

#[test]
fn a_day_that_never_comes_has_no_runs() {
    let cron = CronExpression::parse("cron(0 0 30 2 ? *)").unwrap();
    assert_eq!(
        Schedule::new(cron, Timezone::UTC).next_after(t("1970-01-01T00:00:00Z")),
        None
    );
}

#[test]
fn runs_end_with_the_last_year() {
    assert_eq!(
        runs("cron(0 0 1 1 ? *)", "2198-06-01T00:00:00Z", 5),
        ["2199-01-01T00:00:00Z"]
    );
    assert!(runs("cron(0 0 1 1 ? 2020)", "2020-01-01T00:00:00Z", 5).is_empty());
}

// ---- next_after -----------------------------------------------------------------------------

#[test]
fn next_after_is_strictly_after() {
    assert_eq!(
        runs("cron(0 2 * * ? *)", "2024-01-15T02:00:00Z", 1),
        ["2024-01-16T02:00:00Z"]
    );
    assert_eq!(
        runs("cron(0 2 * * ? *)", "2024-01-15T01:59:59.999Z", 1),
        ["2024-01-15T02:00:00Z"]
    );
}

#[test]
fn times_before_1970_start_at_the_first_run_in_1970() {
    assert_eq!(
        runs("cron(0 0 1 1 ? *)", "1960-01-01T00:00:00Z", 1),
        ["1970-01-01T00:00:00Z"]
    );
}

// ---- Time zones and daylight saving ---------------------------------------------------------

#[test]
fn runs_follow_the_wall_clock_of_the_time_zone() {
    // 02:00 in New York: 07:00 UTC in winter (EST), 06:00 UTC in summer (EDT).
    assert_eq!(
        runs_in(
            "cron(0 2 * * ? *)",
            "America/New_York",
            "2024-01-15T00:00:00Z",
            1
        ),
        ["2024-01-15T07:00:00Z"]
    );
    assert_eq!(
        runs_in(
            "cron(0 2 * * ? *)",
            "America/New_York",
            "2024-07-15T00:00:00Z",
            1
        ),
        ["2024-07-15T06:00:00Z"]
    );
}

#[test]
fn spring_forward_skips_a_run_whose_local_time_does_not_exist() {
    // 2024-03-10 02:30 does not exist in New York (clocks go from 02:00 to 03:00).
    assert_eq!(
        runs_in(
            "cron(30 2 * * ? *)",
            "America/New_York",
            "2024-03-09T00:00:00Z",
            2
        ),
        ["2024-03-09T07:30:00Z", "2024-03-11T06:30:00Z"]
    );
}

#[test]
fn fall_back_runs_a_repeated_local_time_once_at_its_first_instant() {
    // 2024-11-03 01:30 happens twice in New York: 05:30 UTC (EDT) and 06:30 UTC (EST).
    assert_eq!(
        runs_in(
            "cron(30 1 * * ? *)",
            "America/New_York",
            "2024-11-02T12:00:00Z",
            2
        ),
        ["2024-11-03T05:30:00Z", "2024-11-04T06:30:00Z"]
    );
}

#[test]
fn hourly_runs_across_fall_back_do_not_repeat_the_repeated_hour() {
    assert_eq!(
        runs_in(
            "cron(0 * * * ? *)",
            "America/New_York",
            "2024-11-03T04:30:00Z",
            3
        ),
        [
            "2024-11-03T05:00:00Z", // 01:00 EDT
            "2024-11-03T07:00:00Z", // 02:00 EST; 01:00 EST is the repeat
            "2024-11-03T08:00:00Z"
        ]
    );
}

#[test]
fn asking_from_inside_the_repeated_hour_does_not_run_it_again() {
    // 06:10 UTC is 01:10 EST, the second pass through 01:xx.
    assert_eq!(
        runs_in(
            "cron(30 1 * * ? *)",
            "America/New_York",
            "2024-11-03T06:10:00Z",
            1
        ),
        ["2024-11-04T06:30:00Z"]
    );
}

// ---- describe -------------------------------------------------------------------------------

#[test]
fn describes_in_plain_english() {
    let cases = [
        ("cron(0 2 * * ? *)", "At 02:00, every day (UTC)"),
        ("cron(0 5 ? * * *)", "At 05:00, every day (UTC)"),
        (
            "cron(0 0,12 * * ? *)",
            "At 00:00 and 12:00, every day (UTC)",
        ),
        (
            "cron(5,35 14 * * ? *)",
            "At 14:05 and 14:35, every day (UTC)",
        ),
        (
            "cron(15 * ? * * *)",
            "At 15 minutes past every hour, every day (UTC)",
        ),
        ("cron(0 3 ? * SUN *)", "At 03:00, on Sunday (UTC)"),
        (
            "cron(0 18 ? * MON-FRI *)",
            "At 18:00, Monday through Friday (UTC)",
        ),
        (
            "cron(15 12 ? * sun,mon *)",
            "At 12:15, on Sunday and Monday (UTC)",
        ),
        ("cron(0 8 1 * ? *)", "At 08:00, on day 1 of the month (UTC)"),
        ("cron(0/15 * * * ? *)", "Every 15 minutes, every day (UTC)"),
        (
            "cron(1/10 * * * ? *)",
            "Every 10 minutes starting at minute 1, every day (UTC)",
        ),
        (
            "cron(0/30 20-2 ? * MON-FRI *)",
            "Every 30 minutes, between 20:00 and 02:59, Monday through Friday (UTC)",
        ),
        (
            "cron(15 10 ? * 6L 2019-2022)",
            "At 10:15, on the last Friday of the month, in 2019 through 2022 (UTC)",
        ),
        (
            "cron(0 0 1W * ? *)",
            "At 00:00, on the weekday nearest day 1 of the month (UTC)",
        ),
        (
            "cron(0 10 ? * MON#2 *)",
            "At 10:00, on the second Monday of the month (UTC)",
        ),
        (
            "cron(0 5 L * ? *)",
            "At 05:00, on the last day of the month (UTC)",
        ),
        (
            "cron(0 5 LW * ? *)",
            "At 05:00, on the last weekday of the month (UTC)",
        ),
        (
            "cron(0 5 L-3 * ? *)",
            "At 05:00, 3 days before the last day of the month (UTC)",
        ),
        (
            "cron(0 5 1,L-1 * ? *)",
            "At 05:00, on day 1 of the month and on the day before the last day of the month \
             (UTC)",
        ),
        (
            "cron(0 5 L-3W * ? *)",
            "At 05:00, on the weekday nearest 3 days before the last day of the month (UTC)",
        ),
        (
            "cron(10 7/5 7 * ? 2020,2021)",
            "At 10 minutes past the hour, every 5 hours starting at 07:00, on day 7 of the \
             month, in 2020 and 2021 (UTC)",
        ),
        (
            "cron(0 0 1 JAN-MAR ? *)",
            "At 00:00, on day 1 of the month, in January through March (UTC)",
        ),
    ];
    for (expr, expected) in cases {
        assert_eq!(describe(expr), expected, "{expr}");
    }
}

#[test]
fn the_description_names_the_time_zone() {
    let cron = CronExpression::parse("cron(0 2 * * ? *)").unwrap();
    let schedule = Schedule::new(cron, Timezone::parse("Europe/London").unwrap());
    assert_eq!(schedule.describe(), "At 02:00, every day (Europe/London)");
}

#[test]
fn matches_is_true_exactly_at_run_minutes() {
    let cron = CronExpression::parse("cron(30 2 * * ? *)").unwrap();
    let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
    assert!(cron.matches(at("2024-01-15 02:30:00")));
    assert!(!cron.matches(at("2024-01-15 02:30:01")));
    assert!(!cron.matches(at("2024-01-15 02:31:00")));
    let lw = CronExpression::parse("cron(0 5 LW * ? *)").unwrap();
    assert!(lw.matches(at("2024-08-30 05:00:00"))); // Friday; the 31st is a Saturday
    assert!(!lw.matches(at("2024-08-31 05:00:00")));
}
