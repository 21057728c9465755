//! The simulation's queue of things to happen: ordered by time, and at the same time by the
//! order they were scheduled, so the same scenario and seed give the same run.
//!
//! Many actions fall due in the same second (a rule run's jobs start a few seconds apart), so
//! the queue keeps one first-in-first-out bucket per time in an ordered map rather than one heap
//! entry per action: fewer, cheaper comparisons, and emptied buckets are reused.

use std::collections::{BTreeMap, VecDeque};

use chrono::{DateTime, Utc};

#[derive(Clone, Debug)]
pub(super) struct Queue<A> {
    /// Keyed by [`key`]: one integer comparison instead of a date's three.
    buckets: BTreeMap<i128, VecDeque<A>>,
    spare: Vec<VecDeque<A>>,
}

/// A time as one ordered integer: seconds since the epoch, then nanoseconds.
fn key(at: DateTime<Utc>) -> i128 {
    (i128::from(at.timestamp()) << 32) | i128::from(at.timestamp_subsec_nanos())
}

fn time(key: i128) -> DateTime<Utc> {
    DateTime::from_timestamp((key >> 32) as i64, (key & 0xffff_ffff) as u32)
        .expect("a key made from a time")
}

impl<A> Default for Queue<A> {
    fn default() -> Self {
        Queue {
            buckets: BTreeMap::new(),
            spare: Vec::new(),
        }
    }
}

impl<A> Queue<A> {
    pub fn push(&mut self, at: DateTime<Utc>, action: A) {
        let spare = &mut self.spare;
        self.buckets
            .entry(key(at))
            .or_insert_with(|| spare.pop().unwrap_or_default())
            .push_back(action);
    }

    /// The earliest action, first scheduled first.
    pub fn pop(&mut self) -> Option<(DateTime<Utc>, A)> {
        let mut first = self.buckets.first_entry()?;
        let at = time(*first.key());
        let action = first.get_mut().pop_front();
        if first.get().is_empty() {
            self.spare.push(first.remove());
        }
        action.map(|a| (at, a))
    }

    /// When the earliest action is due.
    pub fn next_at(&self) -> Option<DateTime<Utc>> {
        self.buckets.first_key_value().map(|(at, _)| time(*at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn actions_leave_by_time_then_in_the_order_they_were_scheduled() {
        let t: DateTime<Utc> = "2024-01-15T02:00:00Z".parse().unwrap();
        let mut queue = Queue::default();
        for (at, name) in [
            (t, "c"),
            (t - Duration::seconds(1), "a"),
            (t, "d"),
            (t + Duration::seconds(1), "e"),
        ] {
            queue.push(at, name);
        }
        queue.push(t - Duration::seconds(1), "b");
        let order: Vec<&str> = std::iter::from_fn(|| queue.pop().map(|(_, a)| a)).collect();
        assert_eq!(order, ["a", "b", "c", "d", "e"]);
        assert_eq!(queue.next_at(), None);
    }

    #[test]
    fn keys_keep_the_order_of_times_before_and_after_the_epoch() {
        let times: Vec<DateTime<Utc>> = [
            "1960-01-01T00:00:00.5Z",
            "1969-12-31T23:59:59Z",
            "1970-01-01T00:00:00Z",
            "2024-01-15T02:00:00Z",
            "2024-01-15T02:00:00.000000001Z",
            "2124-01-15T02:00:01Z",
        ]
        .iter()
        .map(|t| t.parse().unwrap())
        .collect();
        for pair in times.windows(2) {
            assert!(key(pair[0]) < key(pair[1]), "{pair:?}");
        }
        for t in times {
            assert_eq!(time(key(t)), t);
        }
    }
}
