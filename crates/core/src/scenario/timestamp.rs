//! Times as a scenario writes them (RFC 3339), read once, when the scenario is: the engine takes
//! the time read and never reads text.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Serialize, Serializer};

use crate::document::{DecodeError, FromNode, Node};

/// A time in a scenario (RFC 3339, so a four-digit year), to the whole second.
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    use chrono::SubsecRound;
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc).trunc_subsecs(0))
}

/// A scenario's time: the text as written, kept so that a scenario is written out as it was
/// read, and the time it reads as ([`parse_time`]), none when it is not RFC 3339 (the
/// scenario's check reports it where it is written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timestamp {
    text: String,
    time: Option<DateTime<Utc>>,
}

impl Timestamp {
    /// The text as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The time, if the text is an RFC 3339 time.
    pub fn time(&self) -> Option<DateTime<Utc>> {
        self.time
    }
}

impl From<String> for Timestamp {
    fn from(text: String) -> Timestamp {
        let time = parse_time(&text);
        Timestamp { text, time }
    }
}

impl From<&str> for Timestamp {
    fn from(text: &str) -> Timestamp {
        Timestamp::from(text.to_string())
    }
}

/// A time written in UTC to the second (`2024-01-16T09:00:00Z`).
impl From<DateTime<Utc>> for Timestamp {
    fn from(time: DateTime<Utc>) -> Timestamp {
        Timestamp::from(time.to_rfc3339_opts(SecondsFormat::Secs, true))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// A time in a request (`RestoreTime`, a legal hold's `DateRange`), read as a scenario's times are.
impl FromNode for DateTime<Utc> {
    fn from_node(node: &Node) -> Result<DateTime<Utc>, DecodeError> {
        let text = crate::document::de::text(node)?;
        parse_time(text).ok_or_else(|| DecodeError {
            message: format!(
                "invalid value: string {text:?}, expected an RFC 3339 time such as \
                 2024-01-15T00:00:00Z"
            ),
            span: node.span.clone(),
        })
    }
}

/// Any string: whether it is a time is the scenario's check to say, where it is written.
impl FromNode for Timestamp {
    fn from_node(node: &Node) -> Result<Timestamp, DecodeError> {
        String::from_node(node).map(Timestamp::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timestamp_keeps_its_text_and_reads_its_time_once() {
        let t = Timestamp::from("2024-01-15T01:00:00.5+01:00");
        assert_eq!(t.text(), "2024-01-15T01:00:00.5+01:00");
        assert_eq!(t.time(), parse_time("2024-01-15T00:00:00Z"));
        assert_eq!(Timestamp::from("next tuesday").time(), None);
        let written = Timestamp::from(parse_time("2024-01-16T09:00:00Z").unwrap());
        assert_eq!(written.text(), "2024-01-16T09:00:00Z");
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"2024-01-15T01:00:00.5+01:00\""
        );
        let node = crate::document::parse_json("\"2024-01-15T00:00:00Z\"")
            .root
            .unwrap();
        let read: Timestamp = crate::document::from_node(&node).unwrap();
        assert_eq!(read.time(), t.time());
    }
}
