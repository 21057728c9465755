//! Database maintenance and automated-backup windows, which make backup jobs fail: AWS's
//! CloudWatch page says failed jobs are "Often caused by scheduling a backup job during or 1 hour
//! before a database resource … maintenance window or automated backup window and not using AWS
//! Backup to perform continuous backup for point-in-time restores"
//! (data/reference/docs/devguide-key-quotes.md, NumberOfBackupJobsFailed).
//!
//! A scenario gives a database its windows as RDS does, in its `Configuration`:
//! `PreferredMaintenanceWindow` (`ddd:hh24:mi-ddd:hh24:mi`, weekly, UTC) and
//! `PreferredBackupWindow` (`hh24:mi-hh24:mi`, daily, UTC). vaultsim's reading of "often": a
//! snapshot job scheduled in a window or the hour before it fails, every time (a model).
//! FSx's windows (4 hours before or during) are not modelled: AWS's text gives no window length.

use chrono::{DateTime, Datelike, Timelike, Utc};

use crate::services::ResourceType;

/// The configuration keys that hold a database's windows.
pub const MAINTENANCE_WINDOW: &str = "PreferredMaintenanceWindow";
pub const BACKUP_WINDOW: &str = "PreferredBackupWindow";

/// Reads a window as the configuration writes it.
pub type WindowReader = fn(&str) -> Result<Window, String>;

/// Each configuration key with a window, and how to read it.
pub const WINDOWS: [(&str, WindowReader); 2] = [
    (MAINTENANCE_WINDOW, parse_maintenance_window),
    (BACKUP_WINDOW, parse_backup_window),
];

/// How long before a window a job scheduled fails too.
const LEAD: i64 = 60;

const DAY: i64 = 24 * 60;
const WEEK: i64 = 7 * DAY;

/// A recurring window: minutes from the start of its period (a Monday 00:00 UTC week, or a
/// day), `end` possibly past the period's end when it wraps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    period: i64,
    start: i64,
    end: i64,
}

impl Window {
    /// Whether `t` falls in the window or the hour before it.
    pub fn refuses(&self, t: DateTime<Utc>) -> bool {
        let minute = if self.period == WEEK {
            i64::from(t.weekday().num_days_from_monday()) * DAY
        } else {
            0
        } + i64::from(t.hour()) * 60
            + i64::from(t.minute());
        let from = self.start - LEAD;
        // The window and its lead time, laid on this period, the one before and the one after.
        (-1..=1).any(|k| {
            let m = minute + k * self.period;
            from <= m && m < self.end
        })
    }
}

fn hh_mm(text: &str) -> Option<i64> {
    let (h, m) = text.split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m) && text.len() == 5).then_some(h * 60 + m)
}

fn day(text: &str) -> Option<i64> {
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    days.iter()
        .position(|d| d.eq_ignore_ascii_case(text))
        .map(|d| d as i64 * DAY)
}

/// Reads a window written `FROM-TO`, each end read by `point` as minutes into `period`.
fn read_window(
    text: &str,
    what: &str,
    (format, example): (&str, &str),
    period: i64,
    point: impl Fn(&str) -> Option<i64>,
) -> Result<Window, String> {
    let bad = || format!("{text:?} is not a {what}: write {format} in UTC, such as {example}");
    let (from, to) = text.split_once('-').ok_or_else(bad)?;
    let (start, mut end) = (point(from).ok_or_else(bad)?, point(to).ok_or_else(bad)?);
    if end <= start {
        end += period;
    }
    // RDS: "Must be at least 30 minutes."
    if end - start < 30 {
        return Err(format!("{text:?}: a {what} lasts at least 30 minutes"));
    }
    Ok(Window { period, start, end })
}

/// Reads `PreferredMaintenanceWindow` (`sun:05:00-sun:05:30`).
pub fn parse_maintenance_window(text: &str) -> Result<Window, String> {
    let format = ("ddd:hh24:mi-ddd:hh24:mi", "sun:05:00-sun:05:30");
    read_window(text, "maintenance window", format, WEEK, |p| {
        let (d, time) = p.split_once(':')?;
        Some(day(d)? + hh_mm(time)?)
    })
}

/// Reads `PreferredBackupWindow` (`03:00-03:30`).
pub fn parse_backup_window(text: &str) -> Result<Window, String> {
    let format = ("hh24:mi-hh24:mi", "03:00-03:30");
    read_window(text, "backup window", format, DAY, hh_mm)
}

/// The database types whose windows AWS names.
fn has_windows(resource_type: ResourceType) -> bool {
    matches!(
        resource_type,
        ResourceType::Rds | ResourceType::Aurora | ResourceType::DocumentDb | ResourceType::Neptune
    )
}

/// The window of a database's configuration that a snapshot job scheduled at `t` falls in (or
/// in the hour before), with its name and text.
pub fn conflict(
    resource_type: ResourceType,
    configuration: &std::collections::BTreeMap<String, String>,
    t: DateTime<Utc>,
) -> Option<(&'static str, &str)> {
    if !has_windows(resource_type) {
        return None;
    }
    WINDOWS.into_iter().find_map(|(key, parse)| {
        let text = configuration.get(key)?;
        parse(text)
            .ok()
            .filter(|w| w.refuses(t))
            .map(|_| (key, text.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_weekly_window_refuses_its_time_and_the_hour_before() {
        let w = parse_maintenance_window("sun:05:00-sun:05:30").unwrap();
        // 2024-01-21 is a Sunday.
        assert!(w.refuses(t("2024-01-21T05:10:00Z")));
        assert!(w.refuses(t("2024-01-21T04:00:00Z")));
        assert!(!w.refuses(t("2024-01-21T03:59:00Z")));
        assert!(!w.refuses(t("2024-01-21T05:30:00Z")));
        assert!(!w.refuses(t("2024-01-20T05:10:00Z")));
    }

    #[test]
    fn windows_that_wrap_past_midnight_or_the_week_refuse_on_both_sides() {
        let w = parse_maintenance_window("sun:23:30-mon:00:30").unwrap();
        assert!(w.refuses(t("2024-01-22T00:10:00Z")), "Monday 00:10");
        assert!(
            w.refuses(t("2024-01-21T22:45:00Z")),
            "Sunday, in the hour before"
        );
        let daily = parse_backup_window("00:15-00:45").unwrap();
        assert!(
            daily.refuses(t("2024-01-21T23:30:00Z")),
            "the hour before, the day before"
        );
        assert!(!daily.refuses(t("2024-01-21T02:00:00Z")));
    }

    #[test]
    fn malformed_windows_say_how_to_write_them() {
        assert!(
            parse_maintenance_window("sunday 5am")
                .unwrap_err()
                .contains("ddd:hh24:mi")
        );
        assert!(
            parse_backup_window("3:00-3:30")
                .unwrap_err()
                .contains("hh24:mi-hh24:mi")
        );
        assert!(
            parse_backup_window("03:00-03:10")
                .unwrap_err()
                .contains("30 minutes")
        );
    }
}
