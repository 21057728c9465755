//! Small text forms the panels share: lengths of time, plurals, moments as RFC 3339, short
//! resource names, SVG coordinates.

use chrono::{DateTime, SecondsFormat, Utc};

/// "2 h", "3 d", "1 h 30 min": a window's length, or the time between two runs.
pub fn minutes_label(minutes: i64) -> String {
    if minutes <= 0 {
        return format!("{minutes} min");
    }
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let parts: Vec<String> = [(days, "d"), (hours, "h"), (mins, "min")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}"))
        .collect();
    parts.join(" ")
}

/// "1 rule", "3 rules": a count with its noun.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A moment as RFC 3339 in UTC, to the second: how the simulator writes times.
pub fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A resource's name where room is short: a resource with no name of its own (a fleet's) is named
/// by its ARN, whose last part — its ID — says enough.
pub fn short_name(resource: &vaultsim_core::world::Resource) -> String {
    if resource.name == resource.arn {
        let id = resource.arn.rsplit([':', '/']).next();
        id.unwrap_or(&resource.arn).to_string()
    } else {
        resource.name.clone()
    }
}

/// An SVG coordinate, to a tenth: written with decimal::Fixed, since f64's Display would bring
/// the float formatter into the wasm.
pub fn coordinate(v: f64) -> String {
    vaultsim_core::decimal::Fixed(v, 1).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_read_as_days_hours_and_minutes() {
        assert_eq!(minutes_label(480), "8 h");
        assert_eq!(minutes_label(10_080), "7 d");
        assert_eq!(minutes_label(90), "1 h 30 min");
        assert_eq!(minutes_label(1_530), "1 d 1 h 30 min");
    }
}
