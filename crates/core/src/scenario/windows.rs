//! Database maintenance and automated-backup windows as a scenario gives them, in a resource's
//! `Configuration`, as RDS writes them: `PreferredMaintenanceWindow` (`ddd:hh24:mi-ddd:hh24:mi`,
//! weekly, UTC) and `PreferredBackupWindow` (`hh24:mi-hh24:mi`, daily, UTC). What a window does
//! to a backup job is the engine's (`engine::maintenance`).

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

pub(crate) const DAY: i64 = 24 * 60;
pub(crate) const WEEK: i64 = 7 * DAY;

/// A recurring window: minutes from the start of its period (a Monday 00:00 UTC week, or a
/// day), `end` possibly past the period's end when it wraps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub(crate) period: i64,
    pub(crate) start: i64,
    pub(crate) end: i64,
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

#[cfg(test)]
mod tests {
    use super::*;

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
