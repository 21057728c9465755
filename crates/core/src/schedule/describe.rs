//! Cron expressions in plain English: "At 02:00, every day (UTC)".
//!
//! The description follows the expression as written (its items), not the expanded sets, so
//! `0/15` reads "every 15 minutes" rather than a list of four minutes.

use super::field::{Field, month_name, weekday_name};
use super::parse::{FieldExpr, Item};
use crate::order;

/// Describes the six parsed fields; the caller appends the time zone.
pub(crate) fn describe(fields: &[FieldExpr; 6]) -> String {
    let [minutes, hours, dom, month, dow, year] = fields;
    let mut parts = vec![time_of_day(minutes, hours)];
    parts.push(days(dom, dow));
    if !month.is_every() {
        parts.push(format!("in {}", list(month, describe_month)));
    }
    if !year.is_every() {
        parts.push(format!("in {}", list(year, describe_year)));
    }
    parts.join(", ")
}

fn singles(f: &FieldExpr) -> Option<Vec<u32>> {
    f.items
        .iter()
        .map(|(item, _)| match item {
            Item::Value(v) => Some(*v),
            _ => None,
        })
        .collect()
}

fn time_of_day(minutes: &FieldExpr, hours: &FieldExpr) -> String {
    // Specific clock times when there are few enough to list.
    if let (Some(ms), Some(hs)) = (singles(minutes), singles(hours))
        && (ms.len() == 1 || ms.len() * hs.len() <= 6)
    {
        let mut times: Vec<(u32, u32)> = hs
            .iter()
            .flat_map(|&h| ms.iter().map(move |&m| (h, m)))
            .collect();
        order::sort_by_key(&mut times, |&(h, m)| order::pair(h as usize, m as usize));
        times.dedup();
        let times: Vec<String> = times
            .into_iter()
            .map(|(h, m)| format!("{h:02}:{m:02}"))
            .collect();
        return format!("At {}", join(&times));
    }
    let minute_part = match singles(minutes).as_deref() {
        Some([m]) if hours.is_every() => return format!("At {m} minutes past every hour"),
        Some([m]) => format!("At {m} minutes past the hour"),
        Some(ms) => format!(
            "At minutes {}",
            join(&ms.iter().map(u32::to_string).collect::<Vec<_>>())
        ),
        None => capitalise(&list(minutes, describe_minute)),
    };
    if hours.is_every() {
        return minute_part;
    }
    format!("{minute_part}, {}", list(hours, describe_hour))
}

fn describe_minute(item: &Item) -> String {
    match *item {
        Item::Every { step: 1 } => "every minute".to_string(),
        Item::Every { step } => format!("every {step} minutes"),
        Item::Value(m) => format!("at minute {m}"),
        Item::Range {
            start,
            end,
            step: 1,
        } => format!("every minute from minute {start} through {end}"),
        Item::Range { start, end, step } => {
            format!("every {step} minutes from minute {start} through {end}")
        }
        Item::From { start: 0, step } => format!("every {step} minutes"),
        Item::From { start, step } => format!("every {step} minutes starting at minute {start}"),
        _ => String::new(),
    }
}

fn describe_hour(item: &Item) -> String {
    match *item {
        Item::Every { step: 1 } => "every hour".to_string(),
        Item::Every { step } => format!("every {step} hours"),
        Item::Value(h) => format!("between {h:02}:00 and {h:02}:59"),
        Item::Range {
            start,
            end,
            step: 1,
        } => format!("between {start:02}:00 and {end:02}:59"),
        Item::Range { start, end, step } => {
            format!("every {step} hours from {start:02}:00 through {end:02}:59")
        }
        Item::From { start, step } => format!("every {step} hours starting at {start:02}:00"),
        _ => String::new(),
    }
}

fn days(dom: &FieldExpr, dow: &FieldExpr) -> String {
    if dom.is_every() || dow.is_every() {
        return "every day".to_string();
    }
    if dow.is_any() {
        list(dom, describe_day_of_month)
    } else {
        list(dow, describe_day_of_week)
    }
}

fn ordinal(n: u32) -> &'static str {
    ["first", "second", "third", "fourth", "fifth"][(n as usize - 1) % 5]
}

fn describe_day_of_month(item: &Item) -> String {
    match *item {
        Item::Every { step } => format!("every {step} days of the month"),
        Item::Value(d) => format!("on day {d} of the month"),
        Item::Range {
            start,
            end,
            step: 1,
        } => format!("on days {start} through {end} of the month"),
        Item::Range { start, end, step } => {
            format!("every {step} days from day {start} through {end} of the month")
        }
        Item::From { start, step } => {
            format!("every {step} days of the month starting on day {start}")
        }
        Item::LastDayOfMonth | Item::BeforeLastDay(0) => "on the last day of the month".to_string(),
        Item::BeforeLastDay(1) => "on the day before the last day of the month".to_string(),
        Item::BeforeLastDay(n) => format!("{n} days before the last day of the month"),
        Item::NearestWeekday(d) => format!("on the weekday nearest day {d} of the month"),
        Item::NearestWeekdayBeforeLastDay(0) => "on the last weekday of the month".to_string(),
        Item::NearestWeekdayBeforeLastDay(1) => {
            "on the weekday nearest the day before the last day of the month".to_string()
        }
        Item::NearestWeekdayBeforeLastDay(n) => {
            format!("on the weekday nearest {n} days before the last day of the month")
        }
        _ => String::new(),
    }
}

fn describe_day_of_week(item: &Item) -> String {
    match *item {
        Item::Value(d) => format!("on {}", weekday_name(d)),
        Item::LastDayOfWeek => "on Saturday".to_string(),
        Item::Range { start, end, .. } => {
            format!("{} through {}", weekday_name(start), weekday_name(end))
        }
        Item::LastWeekdayOfMonth(d) => format!("on the last {} of the month", weekday_name(d)),
        Item::NthWeekday { weekday, nth } => {
            format!(
                "on the {} {} of the month",
                ordinal(nth),
                weekday_name(weekday)
            )
        }
        Item::Every { .. } | Item::From { .. } => String::new(),
        Item::LastDayOfMonth
        | Item::BeforeLastDay(_)
        | Item::NearestWeekday(_)
        | Item::NearestWeekdayBeforeLastDay(_) => String::new(),
    }
}

fn describe_month(item: &Item) -> String {
    match *item {
        Item::Every { step } => format!("every {step} months"),
        Item::Value(m) => month_name(m).to_string(),
        Item::Range {
            start,
            end,
            step: 1,
        } => format!("{} through {}", month_name(start), month_name(end)),
        Item::Range { start, end, step } => format!(
            "every {step} months from {} through {}",
            month_name(start),
            month_name(end)
        ),
        Item::From { start, step } => {
            format!("every {step} months starting in {}", month_name(start))
        }
        _ => String::new(),
    }
}

fn describe_year(item: &Item) -> String {
    match *item {
        Item::Every { step } => format!("every {step} years"),
        Item::Value(y) => y.to_string(),
        Item::Range {
            start,
            end,
            step: 1,
        } => format!("{start} through {end}"),
        Item::Range { start, end, step } => {
            format!("every {step} years from {start} through {end}")
        }
        Item::From { start, step } => format!("every {step} years starting in {start}"),
        _ => String::new(),
    }
}

/// The items of a field described one by one and joined into a list. Consecutive weekday
/// names ("on Sunday", "on Monday") share one "on".
fn list(f: &FieldExpr, describe: fn(&Item) -> String) -> String {
    let parts: Vec<String> = f.items.iter().map(|(item, _)| describe(item)).collect();
    if f.field == Field::DayOfWeek && parts.iter().all(|p| p.starts_with("on ")) && parts.len() > 1
    {
        let names: Vec<String> = parts.iter().map(|p| p[3..].to_string()).collect();
        return format!("on {}", join(&names));
    }
    join(&parts)
}

fn join(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The text is this module's own English ("every …", "at …"), so ASCII's upper case is enough;
/// `char::to_uppercase` would carry Unicode's case tables (about 14 KB) into the page's wasm.
fn capitalise(s: &str) -> String {
    let mut s = s.to_string();
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}
