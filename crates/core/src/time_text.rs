//! Moments as text in the few fixed forms vaultsim writes them ("14:05", "2026-12-07T14:05",
//! "Mon 07 Dec 2026, 14:05", the RUNNING sample's "Jul 15, 2020 9:39:07 PM"), each exactly as
//! chrono's `format` writes the strftime pattern named on it. Written out here because chrono's
//! strftime engine (its pattern reader and writer, about 9 KB of wasm) would otherwise be in the
//! page only for these; a test compares every form with chrono's.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

const SHORT_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SHORT_WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// `%Y`: four digits for years 0 to 9999, else signed and padded to four digits.
fn year(out: &mut String, year: i32) {
    let _ = if (0..=9999).contains(&year) {
        write!(out, "{year:04}")
    } else {
        write!(out, "{year:+05}")
    };
}

/// `%S`: a leap second (chrono keeps it as a nanosecond count of a second or more) reads 60.
fn second(t: &NaiveDateTime) -> u32 {
    t.second() + t.nanosecond() / 1_000_000_000
}

fn short_month(d: &NaiveDate) -> &'static str {
    SHORT_MONTHS[d.month0() as usize % 12]
}

/// `%Y-%m-%d`.
pub fn date(d: &NaiveDate) -> String {
    let mut out = String::new();
    year(&mut out, d.year());
    let _ = write!(out, "-{:02}-{:02}", d.month(), d.day());
    out
}

/// `%H:%M`.
pub fn hours_minutes(t: &NaiveDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// `%H:%M:%S`.
pub fn hours_minutes_seconds(t: &NaiveDateTime) -> String {
    format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), second(t))
}

/// `%Y-%m-%d{between}%H:%M:%S`: `between` is "T" (ISO 8601, as a datetime-local input takes
/// it) or " ".
pub fn date_time(t: &NaiveDateTime, between: char) -> String {
    let mut out = date(&t.date());
    out.push(between);
    out.push_str(&hours_minutes_seconds(t));
    out
}

/// `%Y-%m-%dT%H:%M`: to the minute, as a datetime-local input takes it.
pub fn date_time_minutes(t: &NaiveDateTime) -> String {
    let mut out = date(&t.date());
    out.push('T');
    out.push_str(&hours_minutes(t));
    out
}

/// `%a %d %b %Y, %H:%M`: "Mon 07 Dec 2026, 14:05".
pub fn day_and_time(t: &NaiveDateTime) -> String {
    let d = t.date();
    let mut out = format!(
        "{} {:02} {} ",
        SHORT_WEEKDAYS[d.weekday().num_days_from_monday() as usize],
        d.day(),
        short_month(&d)
    );
    year(&mut out, d.year());
    let _ = write!(out, ", {}", hours_minutes(t));
    out
}

/// `%B %Y`: "December 2026".
pub fn month_and_year(d: &NaiveDate) -> String {
    let mut out = format!("{} ", MONTHS[d.month0() as usize % 12]);
    year(&mut out, d.year());
    out
}

/// `%b %-d, %Y %-I:%M:%S %p`: "Jul 15, 2020 9:39:07 PM", as AWS Backup's RUNNING event sample
/// writes `expectedCompletionDate`.
pub fn month_day_year_12_hour(t: &NaiveDateTime) -> String {
    let d = t.date();
    let mut out = format!("{} {}, ", short_month(&d), d.day());
    year(&mut out, d.year());
    let (pm, hour) = t.hour12();
    let _ = write!(
        out,
        " {hour}:{:02}:{:02} {}",
        t.minute(),
        second(t),
        if pm { "PM" } else { "AM" }
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_reads_as_chronos_format() {
        let mut moments: Vec<NaiveDateTime> = Vec::new();
        for (y, m, d) in [
            (2026, 12, 7),
            (2020, 7, 15),
            (2024, 2, 29),
            (1, 1, 1),
            (0, 3, 4),
            (-44, 3, 15),
            (999, 10, 31),
            (10_000, 1, 1),
            (262_000, 6, 30),
        ] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            for (h, min, s) in [
                (0, 0, 0),
                (9, 39, 7),
                (12, 0, 59),
                (21, 5, 30),
                (23, 59, 59),
            ] {
                moments.push(day.and_hms_opt(h, min, s).unwrap());
            }
            // A leap second, as chrono keeps one.
            moments.push(day.and_hms_nano_opt(23, 59, 59, 1_500_000_000).unwrap());
        }
        for t in moments {
            let d = t.date();
            assert_eq!(date(&d), d.format("%Y-%m-%d").to_string());
            assert_eq!(hours_minutes(&t), t.format("%H:%M").to_string());
            assert_eq!(hours_minutes_seconds(&t), t.format("%H:%M:%S").to_string());
            assert_eq!(
                date_time(&t, 'T'),
                t.format("%Y-%m-%dT%H:%M:%S").to_string()
            );
            assert_eq!(
                date_time(&t, ' '),
                t.format("%Y-%m-%d %H:%M:%S").to_string()
            );
            assert_eq!(
                date_time_minutes(&t),
                t.format("%Y-%m-%dT%H:%M").to_string()
            );
            assert_eq!(day_and_time(&t), t.format("%a %d %b %Y, %H:%M").to_string());
            assert_eq!(month_and_year(&d), d.format("%B %Y").to_string());
            assert_eq!(
                month_day_year_12_hour(&t),
                t.format("%b %-d, %Y %-I:%M:%S %p").to_string()
            );
        }
    }
}
