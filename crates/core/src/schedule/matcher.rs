//! Finding the next matching minute: each field compiled to a bit set, and a search that moves
//! the largest unit that does not match forward, resetting the smaller ones.
//!
//! The search works on wall-clock minutes (a [`Civil`] time); the caller converts to and from
//! instants in the schedule's time zone. Days that depend on the month (`L`, `L-n`, `W`, `LW`,
//! `#`) are resolved once per month into a day mask.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use super::field::Field;
use super::parse::{FieldExpr, Item};

/// A wall-clock minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Civil {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

impl Civil {
    pub(crate) fn from_naive(t: NaiveDateTime) -> Self {
        Civil {
            year: t.year(),
            month: t.month(),
            day: t.day(),
            hour: t.hour(),
            minute: t.minute(),
        }
    }

    /// `None` only for a day past the month's end, which the search never returns.
    pub(crate) fn to_naive(self) -> Option<NaiveDateTime> {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day)?.and_hms_opt(
            self.hour,
            self.minute,
            0,
        )
    }

    fn start_of_year(year: i32) -> Self {
        Civil {
            year,
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
        }
    }

    /// The start of `month` this year; month 13 is January next year.
    fn at_month(self, month: u32) -> Self {
        if month > 12 {
            return Civil::start_of_year(self.year + 1);
        }
        Civil {
            month,
            ..Civil::start_of_year(self.year)
        }
    }

    /// The start of `day` this month (which may be past the month's end: no day mask has it).
    fn at_day(self, day: u32) -> Self {
        Civil {
            day,
            hour: 0,
            minute: 0,
            ..self
        }
    }

    /// The start of `hour` this day (24 is past the day's end: no hour mask has it).
    fn at_hour(self, hour: u32) -> Self {
        Civil {
            hour,
            minute: 0,
            ..self
        }
    }
}

/// Which days of a month match.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Days {
    /// Day-of-week is `?`.
    OfMonth {
        /// Bits 1..=31.
        days: u32,
        /// Bits 0..=30: the n of each `L-n` (`L` is `L-0`), n days before the last day.
        before_last: u32,
        /// Bits 1..=31: the n of each `nW`.
        nearest_weekday: u32,
        /// Bits 0..=30: the n of each `L-nW` (`LW` is `L-0W`).
        nearest_weekday_before_last: u32,
    },
    /// Day-of-month is `?`. Weekdays are numbered as EventBridge does, 1 = Sunday.
    OfWeek {
        /// Bits 1..=7.
        weekdays: u8,
        /// Bits 1..=7: `nL`, the last such weekday of the month.
        last_in_month: u8,
        /// `n#k`: weekday n, k-th occurrence.
        nth: Option<(u32, u32)>,
    },
}

/// A cron expression compiled for searching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Matcher {
    minutes: u64,
    hours: u32,
    /// Bits 1..=12.
    months: u16,
    /// Bit `y - 1970`.
    years: [u64; 4],
    days: Days,
}

const FIRST_YEAR: i32 = 1970;
const LAST_YEAR: i32 = 2199;

impl Matcher {
    pub(crate) fn new(fields: &[FieldExpr; 6]) -> Self {
        let mask = |f: &FieldExpr| -> u64 {
            f.items
                .iter()
                .flat_map(|(item, _)| item.values(f.field))
                .fold(0, |m, v| m | 1 << v)
        };
        let mut years = [0u64; 4];
        for (item, _) in &fields[5].items {
            for y in item.values(Field::Year) {
                let bit = (y - FIRST_YEAR as u32) as usize;
                years[bit / 64] |= 1 << (bit % 64);
            }
        }
        let (dom, dow) = (&fields[2], &fields[4]);
        let days = if dow.is_any() {
            let mut before_last = 0;
            let mut nearest_weekday = 0;
            let mut nearest_weekday_before_last = 0;
            for (item, _) in &dom.items {
                match *item {
                    Item::LastDayOfMonth => before_last |= 1,
                    Item::BeforeLastDay(n) => before_last |= 1 << n,
                    Item::NearestWeekday(d) => nearest_weekday |= 1 << d,
                    Item::NearestWeekdayBeforeLastDay(n) => nearest_weekday_before_last |= 1 << n,
                    _ => {}
                }
            }
            Days::OfMonth {
                days: mask(dom) as u32,
                before_last,
                nearest_weekday,
                nearest_weekday_before_last,
            }
        } else {
            let mut last_in_month = 0;
            let mut nth = None;
            for (item, _) in &dow.items {
                match *item {
                    Item::LastWeekdayOfMonth(w) => last_in_month |= 1 << w,
                    Item::NthWeekday { weekday, nth: k } => nth = Some((weekday, k)),
                    _ => {}
                }
            }
            Days::OfWeek {
                weekdays: mask(dow) as u8,
                last_in_month,
                nth,
            }
        };
        Matcher {
            minutes: mask(&fields[0]),
            hours: mask(&fields[1]) as u32,
            months: mask(&fields[3]) as u16,
            years,
            days,
        }
    }

    /// Whether a run is due at the wall-clock minute `t`.
    pub(crate) fn matches(&self, t: Civil) -> bool {
        let in_years = (FIRST_YEAR..=LAST_YEAR).contains(&t.year);
        in_years
            && self.next_year(t.year) == Some(t.year)
            && self.months & 1 << t.month != 0
            && self.day_mask(t.year, t.month) & 1 << t.day != 0
            && self.hours & 1 << t.hour != 0
            && self.minutes & 1 << t.minute != 0
    }

    /// The minute values that match, in order.
    pub(crate) fn minutes(&self) -> impl Iterator<Item = u32> + '_ {
        (0..60).filter(|m| self.minutes & 1 << m != 0)
    }

    /// The first matching minute at or after `t`, or `None` if the schedule has no run left
    /// before the end of 2199. Each step moves the largest field that does not match to its
    /// next matching value and resets the smaller ones; a field that runs out carries into the
    /// next larger one.
    pub(crate) fn first_at_or_after(&self, mut t: Civil) -> Option<Civil> {
        if t.year < FIRST_YEAR {
            t = Civil::start_of_year(FIRST_YEAR);
        }
        loop {
            let year = self.next_year(t.year)?;
            if year != t.year {
                t = Civil::start_of_year(year);
            }
            let Some(month) = next_bit(u64::from(self.months), t.month) else {
                t = Civil::start_of_year(t.year + 1);
                continue;
            };
            if month != t.month {
                t = t.at_month(month);
            }
            let Some(day) = next_bit(u64::from(self.day_mask(t.year, t.month)), t.day) else {
                t = t.at_month(t.month + 1);
                continue;
            };
            if day != t.day {
                t = t.at_day(day);
            }
            // Day 32 (after the hours run out on the 31st) finds no bit in any day mask, which
            // carries into the next month.
            let Some(hour) = next_bit(u64::from(self.hours), t.hour) else {
                t = t.at_day(t.day + 1);
                continue;
            };
            if hour != t.hour {
                t = t.at_hour(hour);
            }
            let Some(minute) = next_bit(self.minutes, t.minute) else {
                t = t.at_hour(t.hour + 1);
                continue;
            };
            return Some(Civil { minute, ..t });
        }
    }

    fn next_year(&self, from: i32) -> Option<i32> {
        if from > LAST_YEAR {
            return None;
        }
        let mut bit = (from - FIRST_YEAR) as u32;
        while bit < 256 {
            let word = self.years[(bit / 64) as usize];
            if let Some(b) = next_bit(word, bit % 64) {
                return Some(FIRST_YEAR + (bit / 64 * 64 + b) as i32);
            }
            bit = (bit / 64 + 1) * 64;
        }
        None
    }

    /// Bits 1..=31: the days of this month that match.
    fn day_mask(&self, year: i32, month: u32) -> u32 {
        let length = days_in_month(year, month);
        let in_month = (u32::MAX >> (31 - length)) & !1; // bits 1..=length
        match self.days {
            Days::OfMonth {
                days,
                before_last,
                nearest_weekday,
                nearest_weekday_before_last,
            } => {
                // `L-n` is day `length - n`; a month of n days or fewer has none (Quartz's
                // findSmallestDay never finds it), so only offsets below `length` count.
                let offsets_in_month = (1u32 << length) - 1; // bits 0..length
                let from_last = |offsets: u32| bits(offsets & offsets_in_month).map(|n| length - n);
                let mut mask = days & in_month;
                for day in from_last(before_last) {
                    mask |= 1 << day;
                }
                let nearest =
                    bits(nearest_weekday & in_month).chain(from_last(nearest_weekday_before_last));
                for day in nearest {
                    mask |= 1 << nearest_weekday_to(year, month, day, length);
                }
                mask
            }
            Days::OfWeek {
                weekdays,
                last_in_month,
                nth,
            } => {
                let first = weekday(year, month, 1);
                // The first day of the month that falls on EventBridge weekday `w`.
                let first_on = |w: u32| 1 + (w + 7 - first) % 7;
                let mut mask = 0;
                for w in 1..=7 {
                    let bit = 1u8 << w;
                    if weekdays & bit != 0 {
                        let mut day = first_on(w);
                        while day <= length {
                            mask |= 1 << day;
                            day += 7;
                        }
                    }
                    if last_in_month & bit != 0 {
                        let day = first_on(w);
                        mask |= 1 << (day + (length - day) / 7 * 7);
                    }
                }
                if let Some((w, k)) = nth {
                    let day = first_on(w) + 7 * (k - 1);
                    if day <= length {
                        mask |= 1 << day;
                    }
                }
                mask
            }
        }
    }
}

/// The positions of the set bits of `mask`, lowest first.
fn bits(mut mask: u32) -> impl Iterator<Item = u32> {
    std::iter::from_fn(move || {
        (mask != 0).then(|| {
            let bit = mask.trailing_zeros();
            mask &= mask - 1;
            bit
        })
    })
}

/// The lowest set bit of `mask` at or above `from`.
fn next_bit(mask: u64, from: u32) -> Option<u32> {
    if from >= 64 {
        return None;
    }
    let rest = mask & (u64::MAX << from);
    (rest != 0).then(|| rest.trailing_zeros())
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// EventBridge weekday of a date: 1 = Sunday .. 7 = Saturday.
pub(crate) fn weekday(year: i32, month: u32, day: u32) -> u32 {
    NaiveDate::from_ymd_opt(year, month, day)
        .map(|d| d.weekday().num_days_from_sunday() + 1)
        .unwrap_or(1)
}

/// `nW` (and `LW`, `L-nW`): the weekday (Monday to Friday) nearest day `day`, never leaving the
/// month. A Saturday moves back to Friday, except on the 1st, which moves on to Monday the 3rd;
/// a Sunday moves on to Monday, except on the month's last day, which moves back to Friday. So
/// `LW`, the last day moved this way, is the month's last weekday.
fn nearest_weekday_to(year: i32, month: u32, day: u32, length: u32) -> u32 {
    match weekday(year, month, day) {
        7 if day == 1 => 3,
        7 => day - 1,
        1 if day == length => day - 2,
        1 => day + 1,
        _ => day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_bit_finds_the_lowest_bit_at_or_above() {
        assert_eq!(next_bit(0b1010, 0), Some(1));
        assert_eq!(next_bit(0b1010, 2), Some(3));
        assert_eq!(next_bit(0b1010, 4), None);
        assert_eq!(next_bit(u64::MAX, 63), Some(63));
        assert_eq!(next_bit(u64::MAX, 64), None);
    }

    #[test]
    fn weekdays_are_numbered_from_sunday() {
        assert_eq!(weekday(2024, 1, 14), 1); // a Sunday
        assert_eq!(weekday(2024, 1, 20), 7); // a Saturday
    }

    #[test]
    fn nearest_weekday_never_leaves_the_month() {
        // 2023-04-01 is a Saturday: 1W is Monday the 3rd, not Friday 31 March.
        assert_eq!(nearest_weekday_to(2023, 4, 1, 30), 3);
        // 2023-04-30 is a Sunday: 30W is Friday the 28th, not Monday 1 May.
        assert_eq!(nearest_weekday_to(2023, 4, 30, 30), 28);
        // 2023-04-15 is a Saturday: Friday the 14th.
        assert_eq!(nearest_weekday_to(2023, 4, 15, 30), 14);
        // 2023-04-16 is a Sunday: Monday the 17th.
        assert_eq!(nearest_weekday_to(2023, 4, 16, 30), 17);
    }

    #[test]
    fn february_has_29_days_in_leap_years_only() {
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2023, 2), 28);
    }
}
