//! Properties of every schedule, over randomly generated valid expressions: each run matches the
//! expression, runs strictly increase, none is skipped, asking from between two runs returns the
//! later one; and agreement with croner, an independent implementation, where the two dialects
//! mean the same thing.

use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, TimeZone, Utc};
use proptest::prelude::*;
use vaultsim_core::schedule::{CronExpression, Schedule, Timezone};

/// One list element of a plain field: a value, a range (possibly wrapping), a step, or `*`.
/// Steps are at most the field's largest value (or its span, for Year), as Quartz allows.
fn element(min: u32, max: u32, wrap: bool) -> impl Strategy<Value = String> {
    let steps = 1..=(max - min + 1).min(max);
    prop_oneof![
        4 => (min..=max).prop_map(|v| v.to_string()),
        2 => (min..=max, min..=max).prop_map(move |(a, b)| {
            let (a, b) = if wrap || a <= b { (a, b) } else { (b, a) };
            format!("{a}-{b}")
        }),
        2 => (min..=max, steps.clone()).prop_map(|(a, s)| format!("{a}/{s}")),
        1 => steps.prop_map(|s| format!("*/{s}")),
        1 => Just("*".to_string()),
    ]
}

fn field(min: u32, max: u32, wrap: bool) -> impl Strategy<Value = String> {
    prop::collection::vec(element(min, max, wrap), 1..=3).prop_map(|v| v.join(","))
}

/// Quartz's `LW`, `L-n` and `L-nW` in Day-of-month (n from 0 to 30), which EventBridge's table
/// does not list but vaultsim accepts with a note.
fn last_day_form() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("LW".to_string()),
        (0u32..=30).prop_map(|n| format!("L-{n}")),
        (0u32..=30).prop_map(|n| format!("L-{n}W")),
    ]
}

/// Day-of-month as written with Day-of-week `?`, or the reverse. `croner_compatible` leaves out
/// what croner reads differently: L alone in Day-of-week, W (croner moves a W day past the
/// month's end; EventBridge does not run it), and LW, L-n and L-nW.
fn day_fields(wrap: bool, croner_compatible: bool) -> impl Strategy<Value = (String, String)> {
    let w_weight = if croner_compatible { 0 } else { 1 };
    let dom = prop_oneof![
        6 => field(1, 31, wrap),
        1 => Just("L".to_string()),
        w_weight => (1u32..=31).prop_map(|d| format!("{d}W")),
        w_weight => last_day_form(),
        w_weight => (field(1, 31, wrap), last_day_form()).prop_map(|(a, b)| format!("{a},{b}")),
    ];
    let dow_element = prop_oneof![
        (1u32..=7).prop_map(|d| d.to_string()),
        (1u32..=7, 1u32..=7).prop_map(move |(a, b)| {
            let (a, b) = if wrap || a <= b { (a, b) } else { (b, a) };
            format!("{a}-{b}")
        }),
        (1u32..=7).prop_map(|d| format!("{d}L")),
        Just("*".to_string()),
        Just(if croner_compatible { "7" } else { "L" }.to_string()),
    ];
    let dow = prop_oneof![
        4 => prop::collection::vec(dow_element, 1..=3).prop_map(|v| v.join(",")),
        1 => (1u32..=7, 1u32..=5).prop_map(|(d, k)| format!("{d}#{k}")),
    ];
    prop_oneof![
        dom.prop_map(|d| (d, "?".to_string())),
        dow.prop_map(|d| ("?".to_string(), d)),
    ]
}

/// A valid expression. With `croner_compatible`, only forms croner reads as EventBridge does:
/// no wrap-around ranges, and no step over * in Year (EventBridge's years start at 1970).
fn expression_of(croner_compatible: bool) -> impl Strategy<Value = String> {
    let wrap = !croner_compatible;
    let year = if croner_compatible {
        prop_oneof![3 => Just("*".to_string()), 1 => (2020u32..=2040).prop_map(|y| y.to_string())]
            .boxed()
    } else {
        prop_oneof![3 => Just("*".to_string()), 1 => field(2020, 2040, false)].boxed()
    };
    (
        field(0, 59, wrap),
        field(0, 23, wrap),
        day_fields(wrap, croner_compatible),
        field(1, 12, wrap),
        year,
    )
        .prop_map(|(m, h, (dom, dow), mon, y)| format!("cron({m} {h} {dom} {mon} {dow} {y})"))
}

fn expression() -> impl Strategy<Value = String> {
    expression_of(false)
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    // 2015 to 2045, to the second.
    (1_420_070_400i64..2_366_841_600).prop_map(|s| Utc.timestamp_opt(s, 0).unwrap())
}

fn zone() -> impl Strategy<Value = Timezone> {
    prop_oneof![
        Just("Etc/UTC"),
        Just("America/New_York"),
        Just("Europe/London"),
        Just("Australia/Lord_Howe"), // a half-hour daylight-saving shift
        Just("Asia/Kolkata"),
    ]
    .prop_map(|z| Timezone::parse(z).unwrap())
}

fn schedule(expr: &str, zone: Timezone) -> Schedule {
    let cron = CronExpression::parse(expr).unwrap_or_else(|e| panic!("{expr}: {e:?}"));
    Schedule::new(cron, zone)
}

proptest! {
    #[test]
    fn any_text_gets_a_result_and_spans_inside_it(
        text in prop_oneof![".{0,60}", "cron\\([0-9A-Za-z*?/,#é -]{0,40}\\)?.{0,3}"]
    ) {
        let diagnostics = match CronExpression::parse(&text) {
            Ok(cron) => cron.diagnostics(),
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                errors
            }
        };
        for d in diagnostics {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "{:?}", d);
            prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            prop_assert!(!d.help.is_empty(), "{} has no help", d.code);
        }
    }

    #[test]
    fn any_time_zone_name_parses_or_is_explained(name in ".{0,80}") {
        if let Err(d) = Timezone::parse(&name) {
            prop_assert!(!d.help.is_empty());
        }
    }

    #[test]
    fn an_increment_parses_exactly_when_it_is_at_most_the_fields_largest_value(
        (position, largest) in prop_oneof![Just((0, 59)), Just((1, 23)), Just((2, 31)), Just((3, 12))],
        start_with_star in any::<bool>(),
        step in 1u32..=100,
    ) {
        // Quartz's checkIncrementRange: Minutes 59, Hours 23, Day-of-month 31, Month 12.
        let mut fields = ["0", "0", "1", "1", "?", "*"].map(String::from);
        let start = if start_with_star { "*" } else { "1" };
        fields[position] = format!("{start}/{step}");
        let expr = format!("cron({})", fields.join(" "));
        match CronExpression::parse(&expr) {
            Ok(_) => prop_assert!(step <= largest, "{} was accepted", expr),
            Err(e) => {
                prop_assert!(step > largest, "{}: {:?}", expr, e);
                prop_assert_eq!(e[0].code, "schedule-invalid-step");
                prop_assert_eq!(&expr[e[0].span.clone()], step.to_string());
            }
        }
    }

    #[test]
    fn last_day_forms_run_on_the_days_an_independent_reading_gives(
        year in 1970i32..=2199, month in 1u32..=12, form in last_day_form()
    ) {
        let expr = format!("cron(0 0 {form} {month} ? {year})");
        let s = schedule(&expr, Timezone::UTC);
        let first = Utc.with_ymd_and_hms(year, month, 1, 0, 0, 0).unwrap();
        let days: Vec<u32> = s
            .runs_after(first - Duration::seconds(1))
            .map(|r| r.day())
            .collect();
        prop_assert_eq!(days, last_day_oracle(year, month, &form), "{}", expr);
    }

    #[test]
    fn generated_expressions_parse(expr in expression()) {
        prop_assert!(CronExpression::parse(&expr).is_ok(), "{}", expr);
    }

    #[test]
    fn each_run_matches_the_expression_and_runs_strictly_increase(
        expr in expression(), zone in zone(), after in instant()
    ) {
        let s = schedule(&expr, zone);
        let mut previous = after;
        for run in s.runs_after(after).take(20) {
            prop_assert!(run > previous, "{expr}: {run} after {previous}");
            prop_assert!(s.cron().matches(zone.local(run)), "{expr}: {run} does not match");
            previous = run;
        }
    }

    #[test]
    fn asking_from_between_two_runs_returns_the_later_one(
        expr in expression(), zone in zone(), after in instant(), fraction in 0.0f64..1.0
    ) {
        let s = schedule(&expr, zone);
        let runs: Vec<_> = s.runs_after(after).take(2).collect();
        if let [first, second] = runs[..] {
            let gap = (second - first).num_seconds() as f64;
            let between = first + Duration::seconds((gap * fraction) as i64);
            prop_assert_eq!(s.next_after(between), Some(second), "{} from {}", expr, between);
        }
    }

    #[test]
    fn no_run_is_skipped_in_utc(expr in expression(), after in instant()) {
        // Scan every minute of the next three days: each one that matches is the next run
        // from the minute before it.
        let s = schedule(&expr, Timezone::UTC);
        let limit = after + Duration::days(3);
        let next = s.next_after(after);
        let mut minute = after.naive_utc().date().and_hms_opt(0, 0, 0).unwrap();
        let first_match = loop {
            minute += Duration::minutes(1);
            let at = minute.and_utc();
            if at > limit {
                break None;
            }
            if at > after && s.cron().matches(minute) {
                break Some(at);
            }
        };
        match first_match {
            Some(found) => prop_assert_eq!(next, Some(found), "{}", expr),
            None => prop_assert!(next.is_none_or(|n| n > limit), "{}: {:?}", expr, next),
        }
    }

    #[test]
    fn a_repeated_wall_clock_time_runs_once(expr in expression(), after in instant()) {
        let zone = Timezone::parse("America/New_York").unwrap();
        let s = schedule(&expr, zone);
        let locals: Vec<NaiveDateTime> = s.runs_after(after).take(30).map(|r| zone.local(r)).collect();
        for pair in locals.windows(2) {
            prop_assert!(pair[0] < pair[1], "{expr}: local {} then {}", pair[0], pair[1]);
        }
    }

    #[test]
    fn agrees_with_croner_where_the_dialects_coincide(
        expr in expression_of(true), after in instant()
    ) {
        // croner (Quartz weekdays, with a year field) reads these forms as EventBridge does;
        // ? becomes *. It evaluates in UTC here.
        let fields = &expr[5..expr.len() - 1];
        let croner_pattern = fields.replace('?', "*");
        let Ok(cron) = croner_parse(&croner_pattern) else {
            return Ok(()); // croner refuses some forms EventBridge accepts.
        };
        let ours = schedule(&expr, Timezone::UTC);
        let mut from = after;
        for _ in 0..5 {
            let theirs = cron.find_next_occurrence(&from, false).ok();
            let mine = ours.next_after(from);
            prop_assert_eq!(mine, theirs, "{} (croner: {}) after {}", expr, croner_pattern, from);
            match mine {
                Some(t) => from = t,
                None => break,
            }
        }
    }
}

/// The days of a month `LW`, `L-n` or `L-nW` picks, worked out from the calendar on its own:
/// `LW` walks back from the month's last day past Saturday and Sunday; `L-n` is day (last - n),
/// none when the month is n days long or shorter; `L-nW` moves that day to the nearest weekday
/// without leaving the month (Quartz's rule for `W`).
fn last_day_oracle(year: i32, month: u32, form: &str) -> Vec<u32> {
    use chrono::{NaiveDate, Weekday};
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    let last = next.unwrap().pred_opt().unwrap();
    let weekend = |d: NaiveDate| matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
    if form == "LW" {
        let mut d = last;
        while weekend(d) {
            d = d.pred_opt().unwrap();
        }
        return vec![d.day()];
    }
    let (n, nearest) = match form[2..].strip_suffix('W') {
        Some(n) => (n.parse::<u32>().unwrap(), true),
        None => (form[2..].parse::<u32>().unwrap(), false),
    };
    if n >= last.day() {
        return Vec::new();
    }
    let day = last.with_day(last.day() - n).unwrap();
    if !nearest {
        return vec![day.day()];
    }
    let moved = match day.weekday() {
        Weekday::Sat if day.day() == 1 => 3,
        Weekday::Sat => day.day() - 1,
        Weekday::Sun if day == last => day.day() - 2,
        Weekday::Sun => day.day() + 1,
        _ => day.day(),
    };
    vec![moved]
}

/// croner with a year field (which needs its seconds field too) and Quartz weekday numbers.
fn croner_parse(fields: &str) -> Result<croner::Cron, croner::errors::CronError> {
    croner::parser::CronParser::builder()
        .seconds(croner::parser::Seconds::Required)
        .year(croner::parser::Year::Required)
        .alternative_weekdays(true)
        .sloppy_ranges(true)
        .build()
        .parse(&format!("0 {fields}"))
}

#[test]
fn croner_reads_the_common_forms_so_the_comparison_is_not_vacuous() {
    for fields in [
        "0 2 * * * *",
        "1/10 8-17 * * 2-6 *",
        "15 10 * * 6L 2019-2022",
        "0 0 * * 3#2 *",
    ] {
        assert!(croner_parse(fields).is_ok(), "{fields}");
    }
}

#[test]
fn croner_reads_wrap_around_ranges_differently() {
    // Why vaultsim has its own matcher: the EventBridge guide's hours 20-2 wrap past midnight.
    let parsed = croner::Cron::from_str("0 20-2 * * *");
    assert!(parsed.is_err(), "croner now accepts 20-2: {parsed:?}");
}
