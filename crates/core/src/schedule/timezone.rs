//! Time zones: a rule's `ScheduleExpressionTimezone`, an IANA name (default `Etc/UTC`), and how
//! wall-clock run times map to instants across daylight-saving transitions.
//!
//! AWS Backup does not document what happens to a run whose local time is skipped or repeated by
//! a daylight-saving change. vaultsim follows EventBridge Scheduler's documented rule: "When the
//! time shifts forward in Spring, your schedule invocation gets skipped if the cron expression
//! falls on a non-existent date and time. When the time shifts back in the Fall, your schedule
//! runs only once" — at the first of the two instants. This is a model assumption.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::{TZ_VARIANTS, Tz};

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::suggest::edit_distance;

/// AWS Backup's time zone when a rule gives none (GetBackupPlan returns `Etc/UTC`).
pub const DEFAULT_TIMEZONE: &str = "Etc/UTC";

/// A schedule's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timezone(Tz);

impl Timezone {
    pub const UTC: Timezone = Timezone(Tz::Etc__UTC);

    /// Reads an IANA time zone name, as `ScheduleExpressionTimezone` takes it.
    pub fn parse(name: &str) -> Result<Timezone, Diagnostic> {
        if name.trim().is_empty() {
            return Err(Diagnostic::error(
                codes::TIMEZONE_EMPTY,
                0..name.len(),
                "the time zone is empty",
            )
            .with_help(format!(
                "give an IANA time zone name such as America/New_York, or leave \
                 ScheduleExpressionTimezone out for {DEFAULT_TIMEZONE}"
            )));
        }
        if let Ok(tz) = name.parse::<Tz>() {
            return Ok(Timezone(tz));
        }
        let help = match nearest(name) {
            Some(near) => {
                format!("did you mean {near}? Time zones are IANA names, as written there")
            }
            None => {
                "use an IANA time zone name such as Europe/London or America/New_York".to_string()
            }
        };
        Err(Diagnostic::error(
            codes::TIMEZONE_UNKNOWN,
            0..name.len(),
            format!("{name:?} is not an IANA time zone name"),
        )
        .with_help(help))
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// Whether the zone is UTC under any of its names, so wall-clock time is the instant.
    pub fn is_utc(self) -> bool {
        matches!(
            self.0,
            Tz::UTC
                | Tz::Etc__UTC
                | Tz::Etc__UCT
                | Tz::UCT
                | Tz::Etc__Universal
                | Tz::Universal
                | Tz::Etc__Zulu
                | Tz::Zulu
        )
    }

    /// A short label for descriptions: `UTC`, or the IANA name.
    pub fn label(self) -> &'static str {
        if self.is_utc() { "UTC" } else { self.name() }
    }

    /// The wall-clock time at an instant.
    pub fn local(self, t: DateTime<Utc>) -> NaiveDateTime {
        if self.is_utc() {
            t.naive_utc()
        } else {
            t.with_timezone(&self.0).naive_local()
        }
    }

    /// The instant a run at wall-clock `local` happens: `None` if a daylight-saving change
    /// skips that time; the earlier instant if a change repeats it.
    pub fn run_instant(self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        if self.is_utc() {
            return Some(local.and_utc());
        }
        match self.0.from_local_datetime(&local) {
            LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
            LocalResult::None => None,
        }
    }

    /// Every IANA name vaultsim knows, for pickers.
    pub fn all_names() -> impl Iterator<Item = &'static str> {
        TZ_VARIANTS.iter().map(|tz| tz.name())
    }
}

impl Default for Timezone {
    fn default() -> Self {
        Timezone::UTC
    }
}

/// The known name nearest to `name`: the same name in other case, the zone whose city matches,
/// or the closest spelling.
fn nearest(name: &str) -> Option<&'static str> {
    // No IANA name is near one this long, and comparing it with every name would be slow.
    if name.len() > 64 {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let city = |n: &str| n.rsplit('/').next().unwrap_or(n).to_ascii_lowercase();
    Timezone::all_names()
        .find(|n| n.eq_ignore_ascii_case(name))
        .or_else(|| {
            Timezone::all_names().find(|n| n.contains('/') && city(n) == lower.replace(' ', "_"))
        })
        .or_else(|| {
            Timezone::all_names()
                .map(|n| (edit_distance(&n.to_ascii_lowercase(), &lower), n))
                .filter(|(d, _)| *d <= 3)
                .min()
                .map(|(_, n)| n)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iana_names_parse() {
        assert_eq!(Timezone::parse("Etc/UTC").unwrap(), Timezone::UTC);
        assert_eq!(
            Timezone::parse("America/New_York").unwrap().name(),
            "America/New_York"
        );
    }

    #[test]
    fn unknown_zone_suggests_the_nearest_name() {
        let e = Timezone::parse("europe/london").unwrap_err();
        assert_eq!(e.code, "timezone-unknown");
        assert!(e.help.contains("Europe/London"), "{}", e.help);
        let e = Timezone::parse("Tokyo").unwrap_err();
        assert!(e.help.contains("Asia/Tokyo"), "{}", e.help);
        let e = Timezone::parse("America/New_Yrok").unwrap_err();
        assert!(e.help.contains("America/New_York"), "{}", e.help);
    }

    #[test]
    fn empty_zone_is_an_error() {
        assert_eq!(Timezone::parse("").unwrap_err().code, "timezone-empty");
    }
}
