//! Database maintenance and automated-backup windows, which make backup jobs fail: AWS's
//! CloudWatch page says failed jobs are "Often caused by scheduling a backup job during or 1 hour
//! before a database resource … maintenance window or automated backup window and not using AWS
//! Backup to perform continuous backup for point-in-time restores"
//! (data/reference/docs/devguide-key-quotes.md, NumberOfBackupJobsFailed).
//!
//! A scenario gives a database its windows as RDS does, in its `Configuration`; they are read
//! (by `scenario::windows`) once, when the database enters the world. vaultsim's reading of
//! "often": a snapshot job scheduled in a window or the hour before it fails, every time (a
//! model).
//! FSx's windows (4 hours before or during) are not modelled: AWS's text gives no window length.

use chrono::{DateTime, Datelike, Timelike, Utc};

use crate::scenario::windows::{DAY, WEEK, WINDOWS, Window};
use crate::world::Resource;

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

/// The databases' windows, read once from their configuration when they enter the world (at
/// the start, or made by a restore): (resource, configuration key, window), by resource.
#[derive(Clone, Debug, Default)]
pub(super) struct DatabaseWindows(Vec<(usize, &'static str, Window)>);

impl DatabaseWindows {
    /// Reads the windows of a resource added to the world, if its type has them (a window that
    /// does not read is reported when the scenario is read, and ignored here).
    pub fn add(&mut self, index: usize, resource: &Resource) {
        if !resource.resource_type.has_database_windows() {
            return;
        }
        debug_assert!(self.0.last().is_none_or(|(r, _, _)| *r < index));
        for (key, read) in WINDOWS {
            if let Some(window) = resource.configuration.get(key).and_then(|t| read(t).ok()) {
                self.0.push((index, key, window));
            }
        }
    }

    /// The configuration key of the window a snapshot job of `resource` scheduled at `t` falls
    /// in (or in the hour before), if any.
    pub fn conflict(&self, resource: usize, t: DateTime<Utc>) -> Option<&'static str> {
        let first = self.0.partition_point(|(r, _, _)| *r < resource);
        self.0[first..]
            .iter()
            .take_while(|(r, _, _)| *r == resource)
            .find(|(_, _, window)| refuses(window, t))
            .map(|(_, key, _)| *key)
    }
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

    fn database(arn: &str, configuration: &[(&str, &str)]) -> Resource {
        let resource_type = crate::services::ResourceType::from_arn(arn).unwrap();
        Resource {
            arn: arn.to_string(),
            name: String::new(),
            resource_type,
            account: "111122223333".into(),
            region: "us-east-1".into(),
            tags: Default::default(),
            size_gb: 1.0,
            daily_change_rate: 0.0,
            configuration: configuration
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            service: resource_type.default_service(),
        }
    }

    #[test]
    fn a_databases_windows_are_read_once_and_asked_by_resource() {
        let mut windows = DatabaseWindows::default();
        let db = database(
            "arn:aws:rds:us-east-1:111122223333:db:orders",
            &[
                ("PreferredMaintenanceWindow", "sun:05:00-sun:05:30"),
                ("PreferredBackupWindow", "03:00-03:30"),
            ],
        );
        // A type without database windows keeps none, whatever its configuration says.
        let volume = database(
            "arn:aws:ec2:us-east-1:111122223333:volume/vol-1",
            &[("PreferredBackupWindow", "03:00-03:30")],
        );
        windows.add(0, &volume);
        windows.add(1, &db);
        assert_eq!(windows.conflict(0, t("2024-01-20T03:10:00Z")), None);
        assert_eq!(
            windows.conflict(1, t("2024-01-20T03:10:00Z")),
            Some("PreferredBackupWindow")
        );
        // In both (2024-01-21 is a Sunday): the maintenance window is named first.
        let both = database(
            "arn:aws:rds:us-east-1:111122223333:db:both",
            &[
                ("PreferredMaintenanceWindow", "sun:05:00-sun:05:30"),
                ("PreferredBackupWindow", "05:00-05:30"),
            ],
        );
        windows.add(2, &both);
        assert_eq!(
            windows.conflict(2, t("2024-01-21T05:10:00Z")),
            Some("PreferredMaintenanceWindow")
        );
        assert_eq!(windows.conflict(1, t("2024-01-20T12:00:00Z")), None);
    }
}
