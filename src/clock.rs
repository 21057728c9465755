//! The browser's clock. The core never reads a clock; the page passes "now" in.

use chrono::{DateTime, Utc};

pub fn now() -> DateTime<Utc> {
    let millis = js_sys::Date::now() as i64;
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}
