//! The six fields of an EventBridge cron expression and what each one accepts, as the table in
//! the EventBridge user guide gives them (data/reference/docs/eventbridge-cron-expressions.md).

use std::fmt;

/// One field of `cron(Minutes Hours Day-of-month Month Day-of-week Year)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Minutes,
    Hours,
    DayOfMonth,
    Month,
    DayOfWeek,
    Year,
}

const MONTH_NAMES: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
/// Day-of-week 1 is Sunday, as in the EventBridge table ("1-7 or SUN-SAT").
const DAY_NAMES: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

impl Field {
    pub const ALL: [Field; 6] = [
        Field::Minutes,
        Field::Hours,
        Field::DayOfMonth,
        Field::Month,
        Field::DayOfWeek,
        Field::Year,
    ];

    /// The field's name as the AWS documentation writes it.
    pub fn name(self) -> &'static str {
        match self {
            Field::Minutes => "Minutes",
            Field::Hours => "Hours",
            Field::DayOfMonth => "Day-of-month",
            Field::Month => "Month",
            Field::DayOfWeek => "Day-of-week",
            Field::Year => "Year",
        }
    }

    pub fn min(self) -> u32 {
        match self {
            Field::Minutes | Field::Hours => 0,
            Field::DayOfMonth | Field::Month | Field::DayOfWeek => 1,
            Field::Year => 1970,
        }
    }

    pub fn max(self) -> u32 {
        match self {
            Field::Minutes => 59,
            Field::Hours => 23,
            Field::DayOfMonth => 31,
            Field::Month => 12,
            Field::DayOfWeek => 7,
            Field::Year => 2199,
        }
    }

    /// The documented values, as help text writes them.
    pub fn values(self) -> &'static str {
        match self {
            Field::Minutes => "0-59",
            Field::Hours => "0-23",
            Field::DayOfMonth => "1-31",
            Field::Month => "1-12 or JAN-DEC",
            Field::DayOfWeek => "1-7 or SUN-SAT",
            Field::Year => "1970-2199",
        }
    }

    /// The wildcards the field accepts, in the documentation's order.
    pub fn wildcards(self) -> &'static str {
        match self {
            Field::Minutes | Field::Hours | Field::Month | Field::Year => ", - * /",
            Field::DayOfMonth => ", - * ? / L W",
            Field::DayOfWeek => ", - * ? L #",
        }
    }

    pub fn allows(self, wildcard: char) -> bool {
        self.wildcards().split(' ').any(|w| w.starts_with(wildcard))
    }

    /// The value of a name such as `JAN` or `mon` (names are case-insensitive).
    pub fn named_value(self, name: &str) -> Option<u32> {
        let names: &[&str] = match self {
            Field::Month => &MONTH_NAMES,
            Field::DayOfWeek => &DAY_NAMES,
            _ => return None,
        };
        names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(name))
            .map(|i| i as u32 + 1)
    }

    /// The names the field accepts, if any.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Field::Month => &MONTH_NAMES,
            Field::DayOfWeek => &DAY_NAMES,
            _ => &[],
        }
    }

    /// Whether a range such as `20-2` may run past the maximum and wrap to the minimum. The
    /// EventBridge guide's own example uses hours `20-2`; a year range cannot wrap.
    pub fn wraps(self) -> bool {
        self != Field::Year
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The English name of a month, 1 = January.
pub fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(month as usize - 1) % 12]
}

/// The English name of an EventBridge day of week, 1 = Sunday.
pub fn weekday_name(day: u32) -> &'static str {
    const NAMES: [&str; 7] = [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ];
    NAMES[(day as usize - 1) % 7]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_follow_the_eventbridge_table() {
        assert!(Field::DayOfMonth.allows('W'));
        assert!(Field::DayOfMonth.allows('/'));
        assert!(!Field::DayOfMonth.allows('#'));
        assert!(Field::DayOfWeek.allows('#'));
        assert!(!Field::DayOfWeek.allows('/'));
        assert!(!Field::Minutes.allows('?'));
        assert!(!Field::Hours.allows('L'));
    }

    #[test]
    fn names_are_case_insensitive() {
        assert_eq!(Field::DayOfWeek.named_value("sun"), Some(1));
        assert_eq!(Field::DayOfWeek.named_value("SAT"), Some(7));
        assert_eq!(Field::Month.named_value("Dec"), Some(12));
        assert_eq!(Field::Hours.named_value("MON"), None);
    }
}
