//! Zone rules from chrono-tz's compiled copy of the IANA database: the rules of native builds
//! (the CLI, the tests, the benchmarks). The page leaves them out and reads the browser's.

use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::{TZ_VARIANTS, Tz};

use super::timezone::{Timezone, ZoneRules};

/// chrono-tz's rules. [`IANA_NAMES`](super::iana_names::IANA_NAMES) lists chrono-tz's zones in
/// the order of its `TZ_VARIANTS`, so a zone's index is its variant.
pub(super) struct ChronoTz;

fn tz(zone: Timezone) -> Option<Tz> {
    TZ_VARIANTS.get(zone.index()).copied()
}

impl ZoneRules for ChronoTz {
    fn has(&self, zone: Timezone) -> bool {
        tz(zone).is_some()
    }

    fn utc_offset(&self, zone: Timezone, at: DateTime<Utc>) -> i32 {
        tz(zone)
            .map(|tz| {
                tz.offset_from_utc_datetime(&at.naive_utc())
                    .fix()
                    .local_minus_utc()
            })
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, LocalResult};

    use super::*;

    #[test]
    fn the_names_are_chrono_tz_zones_in_its_order() {
        let theirs: Vec<&str> = TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
        let ours: Vec<&str> = Timezone::all_names().collect();
        assert_eq!(
            ours, theirs,
            "regenerate iana_names.rs from chrono_tz::TZ_VARIANTS"
        );
    }

    /// The core's wall-clock-to-instant rule, on chrono-tz's offsets, gives what chrono-tz's
    /// own `from_local_datetime` gives, in every zone around every transition from 1970 to
    /// 2040: every quarter hour of the two hours either side of each (transitions fall on
    /// quarter hours) and the minutes next to it, in wall-clock time before and after it.
    #[test]
    fn run_instants_agree_with_chrono_tz_around_every_transition() {
        let start = "1970-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let end = "2040-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let mut checked = 0;
        for (index, tz) in TZ_VARIANTS.iter().enumerate() {
            let zone = Timezone::parse(tz.name()).unwrap();
            assert_eq!(zone.index(), index);
            let offset = |t: DateTime<Utc>| ChronoTz.utc_offset(zone, t);
            let mut t = start;
            while t < end {
                let next = t + Duration::days(7);
                let (was, is) = (offset(t), offset(next));
                if was != is {
                    // The transition's instant, to the second.
                    let (mut lo, mut hi) = (t, next);
                    while hi - lo > Duration::seconds(1) {
                        let mid = lo + (hi - lo) / 2;
                        if offset(mid) == was {
                            lo = mid
                        } else {
                            hi = mid
                        }
                    }
                    assert_eq!(zone.local(hi), hi.with_timezone(tz).naive_local());
                    assert_eq!(zone.local(lo), lo.with_timezone(tz).naive_local());
                    for wall_offset in [was, is] {
                        let wall = hi.naive_utc() + Duration::seconds(wall_offset.into());
                        for minute in (-120..=120).step_by(15).chain([-1, 1]) {
                            let local = wall + Duration::minutes(minute);
                            let expected = match tz.from_local_datetime(&local) {
                                LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
                                LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
                                LocalResult::None => None,
                            };
                            assert_eq!(zone.run_instant(local), expected, "{} {local}", tz.name());
                            checked += 1;
                        }
                    }
                }
                t = next;
            }
        }
        assert!(checked > 100_000, "{checked}");
    }
}
