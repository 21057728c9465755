//! The page's time-zone rules: offsets read from the browser's `Intl` API, so the wasm carries
//! none of the IANA database's tables (chrono-tz's were about 850 KB of it). The core decides
//! what a wall-clock run time means; this file only answers "what offset, in this zone, at this
//! instant". Each year a zone is asked about is read once: an offset every six hours, each change
//! found to the second, kept as spans, so the engine's many look-ups are a binary search.

use std::cell::RefCell;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::{DateTime, Datelike, TimeZone, Utc};
use vaultsim_core::schedule::{Timezone, ZoneRules, install_zone_rules};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat`, for the two calls the rules need.
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type ZoneFormat;

    /// Throws (here: `Err`) for a zone the browser's database does not have.
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "DateTimeFormat")]
    fn new(locale: &str, options: &js_sys::Object) -> Result<ZoneFormat, JsValue>;

    /// Formats a time value (milliseconds since the epoch).
    #[wasm_bindgen(method)]
    fn format(this: &ZoneFormat, time: f64) -> String;
}

/// Installs the browser's rules for every schedule the page reads; call before the first.
pub fn install() {
    install_zone_rules(&IntlZones);
}

/// Zone rules from `Intl`, cached per zone and year.
struct IntlZones;

/// What is known of one zone.
struct Zone {
    /// `None` when the browser does not know the zone.
    format: Option<ZoneFormat>,
    /// Per UTC year: (first second, offset) of each span of one offset, from the year's start.
    years: HashMap<i32, Vec<(i64, i32)>>,
}

thread_local! {
    static ZONES: RefCell<HashMap<usize, Zone>> = RefCell::new(HashMap::new());
}

/// How far apart the offsets of a year are first read. No zone changes its offset twice in six
/// hours.
const STEP: i64 = 6 * 3600;

/// JavaScript's time values end at ±8.64e15 ms; beyond, `format` throws.
const LAST_SECOND: i64 = 8_640_000_000_000;

impl IntlZones {
    fn with_zone<T>(zone: Timezone, read: impl FnOnce(&mut Zone) -> T) -> T {
        ZONES.with(|zones| {
            let mut zones = zones.borrow_mut();
            let entry = zones.entry(zone.index()).or_insert_with(|| Zone {
                format: zone_format(zone.name()),
                years: HashMap::new(),
            });
            read(entry)
        })
    }
}

impl ZoneRules for IntlZones {
    fn has(&self, zone: Timezone) -> bool {
        IntlZones::with_zone(zone, |z| z.format.is_some())
    }

    fn utc_offset(&self, zone: Timezone, at: DateTime<Utc>) -> i32 {
        let second = at.timestamp().clamp(-LAST_SECOND, LAST_SECOND);
        IntlZones::with_zone(zone, |z| {
            let Some(format) = &z.format else {
                return 0;
            };
            let year = at.year();
            let spans = match z.years.entry(year) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(unread) => match year_spans(format, year) {
                    Some(spans) => unread.insert(spans),
                    None => return offset_at(format, second),
                },
            };
            let i = spans.partition_point(|&(start, _)| start <= second);
            spans[i.saturating_sub(1)].1
        })
    }
}

/// A formatter that writes the zone's offset ("GMT-05:00"), or `None` if the browser lacks it.
fn zone_format(name: &str) -> Option<ZoneFormat> {
    let options = js_sys::Object::new();
    let set =
        |key: &str, value: &str| js_sys::Reflect::set(&options, &key.into(), &value.into()).is_ok();
    (set("timeZone", name) && set("timeZoneName", "longOffset"))
        .then(|| ZoneFormat::new("en-US", &options).ok())
        .flatten()
}

/// The spans of one offset in a UTC year; `None` for a year chrono cannot start.
fn year_spans(format: &ZoneFormat, year: i32) -> Option<Vec<(i64, i32)>> {
    let start = Utc
        .with_ymd_and_hms(year, 1, 1, 0, 0, 0)
        .single()?
        .timestamp();
    let end = Utc
        .with_ymd_and_hms(year.checked_add(1)?, 1, 1, 0, 0, 0)
        .single()?
        .timestamp();
    if start < -LAST_SECOND || end > LAST_SECOND {
        return None;
    }
    let mut spans = vec![(start, offset_at(format, start))];
    let mut t = start;
    while t < end {
        let next = (t + STEP).min(end);
        let was = spans.last().map_or(0, |&(_, offset)| offset);
        let is = offset_at(format, next);
        if is != was {
            // The first second of the new offset.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset_at(format, mid) == was {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            spans.push((hi, is));
        }
        t = next;
    }
    Some(spans)
}

/// The offset in seconds at a second since the epoch.
fn offset_at(format: &ZoneFormat, second: i64) -> i32 {
    parse_offset(&format.format(second as f64 * 1000.0)).unwrap_or(0)
}

/// The offset at the end of a formatted date: "GMT" (zero), "GMT+05:45", "GMT-03:30", and with
/// seconds for the old local mean times ("GMT-00:44:30").
fn parse_offset(formatted: &str) -> Option<i32> {
    let (_, offset) = formatted.rsplit_once("GMT")?;
    if offset.is_empty() {
        return Some(0);
    }
    // ICU may write the minus sign as U+2212.
    let (sign, rest) = if let Some(rest) = offset.strip_prefix('+') {
        (1, rest)
    } else if let Some(rest) = offset.strip_prefix('-').or(offset.strip_prefix('\u{2212}')) {
        (-1, rest)
    } else {
        return None;
    };
    let mut seconds = 0;
    let mut unit = 3600;
    for part in rest.split(':') {
        seconds += part.parse::<i32>().ok()? * unit;
        unit /= 60;
    }
    Some(sign * seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_read_as_intl_writes_them() {
        assert_eq!(parse_offset("1/15/2024, GMT"), Some(0));
        assert_eq!(parse_offset("1/15/2024, GMT-05:00"), Some(-5 * 3600));
        assert_eq!(
            parse_offset("1/15/2024, GMT+05:45"),
            Some(5 * 3600 + 45 * 60)
        );
        assert_eq!(
            parse_offset("1/15/2024, GMT\u{2212}03:30"),
            Some(-(3 * 3600 + 30 * 60))
        );
        assert_eq!(
            parse_offset("1/1/1970, GMT-00:44:30"),
            Some(-(44 * 60 + 30))
        );
        assert_eq!(parse_offset("1/15/2024"), None);
    }
}
