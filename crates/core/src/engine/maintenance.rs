//! Database maintenance and automated-backup windows, which make backup jobs fail: AWS's
//! CloudWatch page says failed jobs are "Often caused by scheduling a backup job during or 1 hour
//! before a database resource … maintenance window or automated backup window and not using AWS
//! Backup to perform continuous backup for point-in-time restores"
//! (data/reference/docs/devguide-key-quotes.md, NumberOfBackupJobsFailed).
//!
//! A scenario gives a database its windows as RDS does, in its `Configuration` (read by
//! `scenario::windows`). vaultsim's reading of "often": a snapshot job scheduled in a window or
//! the hour before it fails, every time (a model).
//! FSx's windows (4 hours before or during) are not modelled: AWS's text gives no window length.

use chrono::{DateTime, Datelike, Timelike, Utc};

use crate::scenario::windows::{DAY, WEEK, WINDOWS, Window};
use crate::services::ResourceType;

/// How long before a window a job scheduled fails too.
const LEAD: i64 = 60;

/// Whether `t` falls in the window or the hour before it.
fn refuses(window: &Window, t: DateTime<Utc>) -> bool {
    let minute = if window.period == WEEK {
        i64::from(t.weekday().num_days_from_monday()) * DAY
    } else {
        0
    } + i64::from(t.hour()) * 60
        + i64::from(t.minute());
    let from = window.start - LEAD;
    // The window and its lead time, laid on this period, the one before and the one after.
    (-1..=1).any(|k| {
        let m = minute + k * window.period;
        from <= m && m < window.end
    })
}

/// The window of a database's configuration that a snapshot job scheduled at `t` falls in (or
/// in the hour before), with its name and text.
pub fn conflict(
    resource_type: ResourceType,
    configuration: &std::collections::BTreeMap<String, String>,
    t: DateTime<Utc>,
) -> Option<(&'static str, &str)> {
    if !resource_type.has_database_windows() {
        return None;
    }
    WINDOWS.into_iter().find_map(|(key, parse)| {
        let text = configuration.get(key)?;
        parse(text)
            .ok()
            .filter(|w| refuses(w, t))
            .map(|_| (key, text.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::windows::{parse_backup_window, parse_maintenance_window};

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_weekly_window_refuses_its_time_and_the_hour_before() {
        let w = parse_maintenance_window("sun:05:00-sun:05:30").unwrap();
        // 2024-01-21 is a Sunday.
        assert!(refuses(&w, t("2024-01-21T05:10:00Z")));
        assert!(refuses(&w, t("2024-01-21T04:00:00Z")));
        assert!(!refuses(&w, t("2024-01-21T03:59:00Z")));
        assert!(!refuses(&w, t("2024-01-21T05:30:00Z")));
        assert!(!refuses(&w, t("2024-01-20T05:10:00Z")));
    }

    #[test]
    fn windows_that_wrap_past_midnight_or_the_week_refuse_on_both_sides() {
        let w = parse_maintenance_window("sun:23:30-mon:00:30").unwrap();
        assert!(refuses(&w, t("2024-01-22T00:10:00Z")), "Monday 00:10");
        assert!(
            refuses(&w, t("2024-01-21T22:45:00Z")),
            "Sunday, in the hour before"
        );
        let daily = parse_backup_window("00:15-00:45").unwrap();
        assert!(
            refuses(&daily, t("2024-01-21T23:30:00Z")),
            "the hour before, the day before"
        );
        assert!(!refuses(&daily, t("2024-01-21T02:00:00Z")));
    }
}
