//! Moments as text in the few fixed forms vaultsim writes them ("14:05", "2026-12-07T14:05",
//! "Mon 07 Dec 2026, 14:05", the RUNNING sample's "Jul 15, 2020 9:39:07 PM"), each exactly as
//! chrono's `format` writes the strftime pattern named on it. Written out here because chrono's
//! strftime engine (its pattern reader and writer, about 9 KB of wasm) would otherwise be in the
//! page only for these; a test compares every form with chrono's.

use std::fmt::Write;
use std::ops::RangeInclusive;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::schedule::month_name;

const SHORT_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const SHORT_WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A length of time as people say it: `7h`, `23m 45s`, `2d 3h`; `0s` for none (and for a
/// negative one).
pub fn span(d: Duration) -> String {
    let s = d.num_seconds().max(0);
    let (days, hours, minutes, seconds) = (s / 86_400, s / 3_600 % 24, s / 60 % 60, s % 60);
    let parts: Vec<String> = [(days, "d"), (hours, "h"), (minutes, "m"), (seconds, "s")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect();
    if parts.is_empty() {
        "0s".to_string()
    } else {
        parts.join(" ")
    }
}

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

/// `16 Jan 09:00` (`%d %b %H:%M`).
pub fn day_month_time(t: &NaiveDateTime) -> String {
    format!(
        "{:02} {} {}",
        t.date().day(),
        short_month(&t.date()),
        hours_minutes(t)
    )
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
    let mut out = format!("{} ", month_name(d.month()));
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

/// Reads `%Y-%m-%dT%H:%M:%S` (`with_seconds`) or `%Y-%m-%dT%H:%M` as chrono's
/// `NaiveDateTime::parse_from_str` reads them, leniencies included: white space before each
/// number, one to two digits a field, a year of up to four digits or signed and of any length, a
/// 60th second read as a leap second; nothing may follow. (chrono's reader also reads RFC 2822
/// and every strftime pattern, which the page needs none of.)
pub fn parse_date_time(text: &str, with_seconds: bool) -> Option<NaiveDateTime> {
    let (year, s) = match text.trim_start() {
        s if s.starts_with('-') => number(&s[1..], usize::MAX).map(|(v, s)| (-v, s))?,
        s if s.starts_with('+') => number(&s[1..], usize::MAX)?,
        s => number(s, 4)?,
    };
    let (month, s) = field(s, '-', 1..=12)?;
    let (day, s) = field(s, '-', 1..=31)?;
    let (hour, s) = field(s, 'T', 0..=23)?;
    let (minute, s) = field(s, ':', 0..=59)?;
    let (second, s) = if with_seconds {
        field(s, ':', 0..=60)?
    } else {
        (0, s)
    };
    if !s.is_empty() {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let time = match second {
        60 => NaiveTime::from_hms_nano_opt(hour, minute, 59, 1_000_000_000),
        _ => NaiveTime::from_hms_opt(hour, minute, second),
    }?;
    Some(date.and_time(time))
}

/// `before`, then a field of one or two digits within `range`, and the rest.
fn field(s: &str, before: char, range: RangeInclusive<i64>) -> Option<(u32, &str)> {
    let (v, rest) = number(s.strip_prefix(before)?.trim_start(), 2)?;
    range.contains(&v).then_some((v as u32, rest))
}

/// One to `max` ASCII digits (chrono's `scan::number` with a minimum of one) and the rest.
fn number(s: &str, max: usize) -> Option<(i64, &str)> {
    let digits = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let value = s[..digits].bytes().try_fold(0i64, |n, c| {
        n.checked_mul(10)?.checked_add(i64::from(c - b'0'))
    })?;
    Some((value, &s[digits..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_as_people_say_them() {
        assert_eq!(span(Duration::hours(7)), "7h");
        assert_eq!(span(Duration::seconds(23 * 60 + 45)), "23m 45s");
        assert_eq!(span(Duration::hours(51)), "2d 3h");
        assert_eq!(span(Duration::zero()), "0s");
        assert_eq!(span(Duration::minutes(-5)), "0s");
    }

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
            assert_eq!(day_month_time(&t), t.format("%d %b %H:%M").to_string());
            assert_eq!(month_and_year(&d), d.format("%B %Y").to_string());
            assert_eq!(
                month_day_year_12_hour(&t),
                t.format("%b %-d, %Y %-I:%M:%S %p").to_string()
            );
        }
    }

    #[test]
    fn date_times_are_read_as_chrono_reads_them() {
        let mut texts: Vec<String> = [
            "2026-12-07T14:05:09",
            "2026-12-07T14:05",
            "2026-1-7T4:5:9",
            " 2026- 12- 07T 14: 05: 09",
            "2026-12-07T14:05:09 ",
            "2026-12-07 14:05:09",
            "2016-12-31T23:59:60",
            "2026-02-29T00:00",
            "2024-02-29T00:00",
            "-0044-03-15T12:00:00",
            "+12345-01-01T00:00",
            "+99999999999999999999-01-01T00:00",
            "20261-01-01T00:00",
            "2026-13-01T00:00",
            "2026-12-07T24:00",
            "2026-12-07T23:60",
            "2026-12-07T23:59:61",
            "2026-12-07T23:59:5x",
            "",
            "2026",
            "2026-12-07T14:05:09.5",
            "２０２６-12-07T14:05",
        ]
        .map(String::from)
        .to_vec();
        // And a random walk over the characters these patterns are made of.
        let alphabet = b"0123456789-+T: 6";
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let template = if seed.is_multiple_of(2) {
                "2026-12-07T14:05:09"
            } else {
                "1999-01-31T23:59"
            };
            let mut text: Vec<u8> = template.bytes().collect();
            let mut r = seed;
            for _ in 0..(seed >> 60) % 3 + 1 {
                let at = (r % text.len() as u64) as usize;
                r /= 31;
                text[at] = alphabet[(r % alphabet.len() as u64) as usize];
                r /= 17;
            }
            texts.push(String::from_utf8(text).unwrap());
        }
        for text in texts {
            for (pattern, with_seconds) in [("%Y-%m-%dT%H:%M:%S", true), ("%Y-%m-%dT%H:%M", false)]
            {
                assert_eq!(
                    parse_date_time(&text, with_seconds),
                    NaiveDateTime::parse_from_str(&text, pattern).ok(),
                    "{text:?} as {pattern}"
                );
            }
        }
    }
}
