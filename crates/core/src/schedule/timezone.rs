//! Time zones: a rule's `ScheduleExpressionTimezone`, an IANA name (default `Etc/UTC`), and how
//! wall-clock run times map to instants across daylight-saving transitions.
//!
//! The names are the core's own ([`iana_names`](super::iana_names)); the offsets come from
//! [`ZoneRules`], which the build provides: chrono-tz's tables natively (the `chrono-tz`
//! feature, on by default), the browser's `Intl` API in the page, which carries no tables of its
//! own. How a wall-clock time becomes an instant is decided here, once, for both.
//!
//! AWS Backup does not document what happens to a run whose local time is skipped or repeated by
//! a daylight-saving change. vaultsim follows EventBridge Scheduler's documented rule: "When the
//! time shifts forward in Spring, your schedule invocation gets skipped if the cron expression
//! falls on a non-existent date and time. When the time shifts back in the Fall, your schedule
//! runs only once" — at the first of the two instants. This is a model assumption.

use std::sync::OnceLock;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

use super::iana_names::IANA_NAMES;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::suggest::edit_distance;

/// AWS Backup's time zone when a rule gives none (GetBackupPlan returns `Etc/UTC`).
pub const DEFAULT_TIMEZONE: &str = "Etc/UTC";

/// A schedule's time zone: one of the IANA names vaultsim knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Timezone(u16);

/// The offsets of IANA time zones over time, from whatever copy of the time zone database the
/// build has. The core asks only for the offset in force at an instant; turning wall-clock
/// times into instants (and the daylight-saving rule above) stays in the core.
pub trait ZoneRules: Sync {
    /// Whether these rules have `zone` (a browser's copy of the database may predate a name).
    fn has(&self, zone: Timezone) -> bool;

    /// The offset from UTC, in seconds east of Greenwich, in force in `zone` at `at`.
    fn utc_offset(&self, zone: Timezone, at: DateTime<Utc>) -> i32;
}

static INSTALLED: OnceLock<&'static dyn ZoneRules> = OnceLock::new();

/// Installs the rules every non-UTC zone is read with, for builds without chrono-tz (the page).
/// The first call wins; returns whether this one did.
pub fn install_zone_rules(rules: &'static dyn ZoneRules) -> bool {
    INSTALLED.set(rules).is_ok()
}

/// The installed rules, else chrono-tz's when the build has them.
fn zone_rules() -> Option<&'static dyn ZoneRules> {
    #[cfg(feature = "chrono-tz")]
    let built_in: Option<&'static dyn ZoneRules> = Some(&super::chrono_tz_rules::ChronoTz);
    #[cfg(not(feature = "chrono-tz"))]
    let built_in: Option<&'static dyn ZoneRules> = None;
    INSTALLED.get().copied().or(built_in)
}

/// The index of `name` in [`IANA_NAMES`], at compile time (for the UTC constants).
const fn index_of(name: &str) -> u16 {
    let mut i = 0;
    while i < IANA_NAMES.len() {
        let candidate = IANA_NAMES[i].as_bytes();
        let wanted = name.as_bytes();
        if candidate.len() == wanted.len() {
            let mut j = 0;
            while j < wanted.len() && candidate[j] == wanted[j] {
                j += 1;
            }
            if j == wanted.len() {
                return i as u16;
            }
        }
        i += 1;
    }
    panic!("not an IANA name vaultsim knows")
}

/// UTC under each of its names: wall-clock time is the instant, no rules needed.
const UTC_NAMES: [u16; 8] = [
    index_of("UTC"),
    index_of("Etc/UTC"),
    index_of("Etc/UCT"),
    index_of("UCT"),
    index_of("Etc/Universal"),
    index_of("Universal"),
    index_of("Etc/Zulu"),
    index_of("Zulu"),
];

impl Timezone {
    pub const UTC: Timezone = Timezone(index_of("Etc/UTC"));

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
        let Ok(index) = IANA_NAMES.binary_search(&name) else {
            let help = match nearest(name) {
                Some(near) => {
                    format!("did you mean {near}? Time zones are IANA names, as written there")
                }
                None => "use an IANA time zone name such as Europe/London or America/New_York"
                    .to_string(),
            };
            return Err(Diagnostic::error(
                codes::TIMEZONE_UNKNOWN,
                0..name.len(),
                format!("{name:?} is not an IANA time zone name"),
            )
            .with_help(help));
        };
        let zone = Timezone(index as u16);
        if zone.is_utc() || zone_rules().is_some_and(|rules| rules.has(zone)) {
            return Ok(zone);
        }
        Err(Diagnostic::error(
            codes::TIMEZONE_UNAVAILABLE,
            0..name.len(),
            format!("{name} is an IANA time zone name, but this build has no rules for it"),
        )
        .with_help(
            "the page reads time zones from the browser, whose time zone database lacks this \
             name: a newer browser, or the vaultsim CLI, knows it",
        ))
    }

    pub fn name(self) -> &'static str {
        IANA_NAMES[usize::from(self.0)]
    }

    /// Whether the zone is UTC under any of its names, so wall-clock time is the instant.
    pub fn is_utc(self) -> bool {
        UTC_NAMES.contains(&self.0)
    }

    /// A short label for descriptions: `UTC`, or the IANA name.
    pub fn label(self) -> &'static str {
        if self.is_utc() { "UTC" } else { self.name() }
    }

    /// The rules to read this zone with; `None` for UTC, which needs none.
    fn rules(self) -> Option<&'static dyn ZoneRules> {
        if self.is_utc() { None } else { zone_rules() }
    }

    /// The wall-clock time at an instant.
    pub fn local(self, t: DateTime<Utc>) -> NaiveDateTime {
        let utc = t.naive_utc();
        match self.rules() {
            Some(rules) => {
                let offset = Duration::seconds(rules.utc_offset(self, t).into());
                // Only at the very end of chrono's range does adding an offset overflow.
                utc.checked_add_signed(offset).unwrap_or(utc)
            }
            None => utc,
        }
    }

    /// The instant a run at wall-clock `local` happens: `None` if a daylight-saving change
    /// skips that time; the earlier instant if a change repeats it.
    pub fn run_instant(self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        let wall = local.and_utc();
        let Some(rules) = self.rules() else {
            return Some(wall);
        };
        // An instant u runs at `local` when u + offset(u) = local. Offsets lie within a day of
        // zero, so u is within a day of `wall`, and the offsets a day either side are every
        // offset in force around it (time zones change rules months apart, never twice in two
        // days). Each candidate holds if the offset at its instant is the one it assumed: both
        // hold in a repeated hour, neither in a skipped one.
        let day = Duration::days(1);
        let candidate = |offset: i32| {
            let instant = wall.checked_sub_signed(Duration::seconds(offset.into()))?;
            (rules.utc_offset(self, instant) == offset).then_some(instant)
        };
        let offset_at =
            |t: Option<DateTime<Utc>>| t.map(|t| rules.utc_offset(self, t)).unwrap_or_default();
        let before = candidate(offset_at(wall.checked_sub_signed(day)));
        let after = candidate(offset_at(wall.checked_add_signed(day)));
        match (before, after) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Every IANA name vaultsim knows, for pickers.
    pub fn all_names() -> impl Iterator<Item = &'static str> {
        IANA_NAMES.iter().copied()
    }

    /// The zone's place among [`Timezone::all_names`]: a key for caches of its rules.
    pub fn index(self) -> usize {
        usize::from(self.0)
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
    fn the_names_are_sorted_for_binary_search() {
        assert!(IANA_NAMES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn every_name_of_utc_is_utc() {
        for name in [
            "UTC",
            "Etc/UTC",
            "Etc/UCT",
            "UCT",
            "Etc/Universal",
            "Universal",
            "Zulu",
        ] {
            assert!(Timezone::parse(name).unwrap().is_utc(), "{name}");
        }
        assert!(!Timezone::parse("Europe/London").unwrap().is_utc());
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
