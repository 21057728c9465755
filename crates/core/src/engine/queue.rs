//! The simulation's queue of things to happen: ordered by time, and at the same time by the
//! order they were scheduled, so the same scenario and seed give the same run.
//!
//! Nearly everything is scheduled a few seconds to a few hours ahead (a job's next state), and
//! many actions share a second (a rule run's jobs start seconds apart). So the queue is a
//! calendar: a ring of one-second buckets covering the next few hours, each first-in-first-out,
//! found through an occupancy bitmap; what falls further ahead (or between whole seconds) waits
//! in an ordered map. Pushing is then constant time, and popping a scan of a few bitmap words.

use std::collections::{BTreeMap, VecDeque};

use chrono::{DateTime, Utc};

/// Seconds the ring covers ahead of its cursor (about four and a half hours).
const SLOTS: usize = 1 << 14;

/// Emptied buckets kept for reuse.
const SPARE: usize = 64;

#[derive(Clone, Debug)]
struct Slot<A> {
    at: DateTime<Utc>,
    actions: VecDeque<A>,
}

#[derive(Clone, Debug)]
pub(super) struct Queue<A> {
    /// The second of the last action taken: the ring holds seconds in
    /// `[cursor, cursor + SLOTS)`, slot `second % SLOTS`.
    cursor: i64,
    ring: Vec<Slot<A>>,
    /// One bit per slot: whether it holds anything.
    occupied: Vec<u64>,
    in_ring: usize,
    /// Emptied buckets kept for reuse (a few: an empty slot holds no allocation).
    spare: Vec<VecDeque<A>>,
    /// Everything else, by (seconds, nanoseconds): further ahead than the ring, or not on a
    /// whole second.
    far: BTreeMap<(i64, u32), (DateTime<Utc>, VecDeque<A>)>,
}

impl<A> Queue<A> {
    /// An empty queue whose first actions are at or after `start`.
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        Queue {
            cursor: start.timestamp(),
            ring: (0..SLOTS)
                .map(|_| Slot {
                    at: start,
                    actions: VecDeque::new(),
                })
                .collect(),
            occupied: vec![0; SLOTS / 64],
            in_ring: 0,
            spare: Vec::new(),
            far: BTreeMap::new(),
        }
    }

    pub fn push(&mut self, at: DateTime<Utc>, action: A) {
        let second = at.timestamp();
        let whole = at.timestamp_subsec_nanos() == 0;
        if whole && second >= self.cursor && second - self.cursor < SLOTS as i64 {
            let slot = second.rem_euclid(SLOTS as i64) as usize;
            let entry = &mut self.ring[slot];
            if entry.actions.is_empty() {
                entry.at = at;
                entry.actions = self.spare.pop().unwrap_or_default();
                self.occupied[slot / 64] |= 1 << (slot % 64);
            }
            entry.actions.push_back(action);
            self.in_ring += 1;
        } else {
            self.far
                .entry((second, at.timestamp_subsec_nanos()))
                .or_insert_with(|| (at, VecDeque::new()))
                .1
                .push_back(action);
        }
    }

    /// Puts `action` first among everything at `at`, the time of the action just taken: what an
    /// action done in several steps continues with, so that nothing else comes between its
    /// steps. At the same time the ordered map is taken before the ring (see [`Queue::pop`]),
    /// so the front of its entry for `at` is next.
    pub fn push_first(&mut self, at: DateTime<Utc>, action: A) {
        self.far
            .entry((at.timestamp(), at.timestamp_subsec_nanos()))
            .or_insert_with(|| (at, VecDeque::new()))
            .1
            .push_front(action);
    }

    /// The first occupied slot of the ring, in time order from the cursor.
    fn first_slot(&self) -> Option<usize> {
        if self.in_ring == 0 {
            return None;
        }
        let start = self.cursor.rem_euclid(SLOTS as i64) as usize;
        let words = self.occupied.len();
        // The cursor's word from its bit on, the other words in turn, then the cursor's word
        // again below its bit (those slots are the furthest ahead).
        let first = self.occupied[start / 64] & (!0u64 << (start % 64));
        if first != 0 {
            return Some(start / 64 * 64 + first.trailing_zeros() as usize);
        }
        for step in 1..=words {
            let w = (start / 64 + step) % words;
            let mut bits = self.occupied[w];
            if step == words {
                bits &= !(!0u64 << (start % 64));
            }
            if bits != 0 {
                return Some(w * 64 + bits.trailing_zeros() as usize);
            }
        }
        None
    }

    /// The earliest action, first scheduled first.
    pub fn pop(&mut self) -> Option<(DateTime<Utc>, A)> {
        let slot = self.first_slot();
        let far = self.far.first_key_value().map(|(_, (at, _))| *at);
        // At the same time, what waits in the map was scheduled first: a second joins the ring
        // only once it is within reach, and stays there.
        let take_far = match (slot, far) {
            (Some(slot), Some(far)) => far <= self.ring[slot].at,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        if take_far {
            let mut first = self.far.first_entry()?;
            let (at, actions) = first.get_mut();
            let (at, action) = (*at, actions.pop_front());
            if actions.is_empty() {
                first.remove();
            }
            if at.timestamp() > self.cursor {
                self.advance(at.timestamp());
            }
            return action.map(|a| (at, a));
        }
        let slot = slot?;
        let entry = &mut self.ring[slot];
        let at = entry.at;
        let action = entry.actions.pop_front();
        if entry.actions.is_empty() {
            self.occupied[slot / 64] &= !(1 << (slot % 64));
            let emptied = std::mem::take(&mut entry.actions);
            if self.spare.len() < SPARE {
                self.spare.push(emptied);
            }
        }
        self.in_ring -= 1;
        self.advance(at.timestamp());
        action.map(|a| (at, a))
    }

    /// Moves the cursor to `second`; nothing in the ring is earlier.
    fn advance(&mut self, second: i64) {
        self.cursor = self.cursor.max(second);
    }

    /// When the earliest action is due.
    pub fn next_at(&self) -> Option<DateTime<Utc>> {
        let ring = self.first_slot().map(|slot| self.ring[slot].at);
        let far = self.far.first_key_value().map(|(_, (at, _))| *at);
        match (ring, far) {
            (Some(r), Some(f)) => Some(r.min(f)),
            (r, f) => r.or(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use proptest::prelude::*;

    #[test]
    fn an_action_pushed_first_is_next_at_its_instant_before_all_else_then() {
        let t: DateTime<Utc> = "2024-01-15T05:00:00Z".parse().unwrap();
        let mut queue = Queue::starting_at(t - Duration::days(2));
        // "a" is scheduled far ahead (the ordered map), "b" and "c" at the same second later,
        // from within the ring's reach.
        queue.push(t, "a");
        queue.push(t + Duration::seconds(1), "d");
        let (at, first) = queue.pop().unwrap();
        assert_eq!((at, first), (t, "a"));
        queue.push(t, "b");
        queue.push(t, "c");
        // Taking "a" in several steps: its continuation comes before "b" and "c".
        queue.push_first(t, "a, continued");
        queue.push(t, "e");
        let order: Vec<&str> = std::iter::from_fn(|| queue.pop().map(|(_, a)| a)).collect();
        assert_eq!(order, ["a, continued", "b", "c", "e", "d"]);
    }

    #[test]
    fn actions_leave_by_time_then_in_the_order_they_were_scheduled() {
        let t: DateTime<Utc> = "2024-01-15T02:00:00Z".parse().unwrap();
        let mut queue = Queue::starting_at(t - Duration::seconds(10));
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
    fn what_was_beyond_the_ring_leaves_before_what_joined_it_at_the_same_time() {
        let t: DateTime<Utc> = "2024-01-15T00:00:00Z".parse().unwrap();
        let mut queue = Queue::starting_at(t);
        let later = t + Duration::seconds(SLOTS as i64 + 5);
        queue.push(later, "scheduled first, far ahead");
        queue.push(t + Duration::seconds(10), "soon");
        assert_eq!(queue.pop().map(|(_, a)| a), Some("soon"));
        queue.push(later, "scheduled second, now within reach");
        assert_eq!(
            queue.pop().map(|(_, a)| a),
            Some("scheduled first, far ahead")
        );
        assert_eq!(
            queue.pop().map(|(_, a)| a),
            Some("scheduled second, now within reach")
        );
    }

    proptest! {
        /// Against the obvious queue: a list sorted by (time, order of scheduling), over pushes
        /// near and far, fractional times, and pops in between.
        #[test]
        fn the_calendar_orders_as_a_sorted_list_would(
            steps in prop::collection::vec(
                prop_oneof![
                    (0i64..200, any::<bool>()).prop_map(|(s, f)| Some((s, f))),
                    (0i64..100_000, Just(false)).prop_map(|(s, f)| Some((s, f))),
                    Just(None),
                ],
                1..300,
            )
        ) {
            let start: DateTime<Utc> = "2024-01-15T00:00:00Z".parse().unwrap();
            let mut queue = Queue::starting_at(start);
            let mut reference: Vec<(DateTime<Utc>, usize)> = Vec::new();
            let mut now = start;
            for (n, step) in steps.into_iter().enumerate() {
                match step {
                    Some((ahead, fraction)) => {
                        let mut at = now + Duration::seconds(ahead);
                        if fraction {
                            at += Duration::milliseconds(500);
                        }
                        queue.push(at, n);
                        reference.push((at, n));
                        reference.sort_by_key(|(t, n)| (*t, *n));
                    }
                    None => {
                        let expected = (!reference.is_empty()).then(|| reference.remove(0));
                        prop_assert_eq!(queue.next_at(), expected.map(|(t, _)| t));
                        let got = queue.pop();
                        prop_assert_eq!(got, expected);
                        if let Some((t, _)) = got {
                            now = t;
                        }
                    }
                }
            }
            while let Some(got) = queue.pop() {
                prop_assert_eq!(Some(got), (!reference.is_empty()).then(|| reference.remove(0)));
            }
            prop_assert!(reference.is_empty());
        }
    }
}
