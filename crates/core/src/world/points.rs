//! Where recovery points are kept: in chunks of consecutive points, so that a long run can let
//! go of the old ones. A chunk goes once every point in it was deleted and the deletions' events
//! were handed over ([`RecoveryPoints::release`]); a point's index never changes. A year of a
//! large fleet makes millions of points, most deleted within weeks: this keeps its memory to the
//! points still held.

use chrono::{DateTime, Utc};

use super::RecoveryPoint;

/// Points per chunk: small enough that long-kept points (weekly, yearly) pin little with them.
const CHUNK: usize = 1024;

#[derive(Clone, Debug, Default, PartialEq)]
struct Chunk {
    /// The chunk's points; empty once released.
    points: Vec<RecoveryPoint>,
    /// How many of its points are not deleted.
    live: usize,
    /// When its last point was deleted.
    last_deletion: Option<DateTime<Utc>>,
}

/// Every recovery point made, by index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecoveryPoints {
    chunks: Vec<Chunk>,
    len: usize,
    /// Each resource's points not deleted, by index in ascending order: what the console shows
    /// of one resource, without going through a fleet's millions.
    by_resource: Vec<Vec<u32>>,
}

impl RecoveryPoints {
    /// Adds a point; returns its index.
    pub fn push(&mut self, point: RecoveryPoint) -> u32 {
        if self.len.is_multiple_of(CHUNK) {
            self.chunks.push(Chunk {
                points: Vec::with_capacity(CHUNK),
                ..Chunk::default()
            });
        }
        let index = u32::try_from(self.len).expect("fewer than 2^32 recovery points");
        if !point.is_deleted() {
            let resource = point.resource as usize;
            if resource >= self.by_resource.len() {
                self.by_resource.resize_with(resource + 1, Vec::new);
            }
            self.by_resource[resource].push(index);
        }
        let chunk = self.chunks.last_mut().expect("a chunk with room");
        chunk.live += usize::from(!point.is_deleted());
        chunk.points.push(point);
        self.len += 1;
        index
    }

    /// The points of `resource` not deleted, with their indexes, oldest first.
    pub fn of_resource(&self, resource: usize) -> impl Iterator<Item = (usize, &RecoveryPoint)> {
        self.by_resource
            .get(resource)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&i| (i as usize, &self[i as usize]))
    }

    /// Every point made, kept or let go.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The point at `index`, unless it was deleted and let go.
    pub fn get(&self, index: usize) -> Option<&RecoveryPoint> {
        self.chunks.get(index / CHUNK)?.points.get(index % CHUNK)
    }

    pub fn get_mut(&mut self, index: usize) -> Option<&mut RecoveryPoint> {
        self.chunks
            .get_mut(index / CHUNK)?
            .points
            .get_mut(index % CHUNK)
    }

    /// The points kept, with their indexes.
    pub fn indexed(&self) -> impl DoubleEndedIterator<Item = (usize, &RecoveryPoint)> {
        self.chunks.iter().enumerate().flat_map(|(c, chunk)| {
            chunk
                .points
                .iter()
                .enumerate()
                .map(move |(i, p)| (c * CHUNK + i, p))
        })
    }

    /// The points kept.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &RecoveryPoint> {
        self.chunks.iter().flat_map(|chunk| chunk.points.iter())
    }

    /// Notes that the point at `index` was deleted at `at` (its storage class already says so).
    pub fn deleted(&mut self, index: usize, at: DateTime<Utc>) {
        if let Some(resource) = self.get(index).map(|p| p.resource as usize)
            && let Some(points) = self.by_resource.get_mut(resource)
            && let Ok(at) = points.binary_search(&(index as u32))
        {
            points.remove(at);
        }
        if let Some(chunk) = self.chunks.get_mut(index / CHUNK) {
            chunk.live = chunk.live.saturating_sub(1);
            chunk.last_deletion = Some(at);
        }
    }

    /// Lets go of every full chunk whose points were all deleted before `handed_over`, when
    /// every event about them had been handed over.
    pub fn release(&mut self, handed_over: DateTime<Utc>) {
        for chunk in &mut self.chunks {
            // A released chunk holds no points, so it is never full again.
            let done = chunk.points.len() == CHUNK
                && chunk.live == 0
                && chunk.last_deletion.is_some_and(|at| at < handed_over);
            if done {
                chunk.points = Vec::new();
            }
        }
    }
}

impl std::ops::Index<usize> for RecoveryPoints {
    type Output = RecoveryPoint;

    fn index(&self, index: usize) -> &RecoveryPoint {
        self.get(index)
            .expect("a recovery point that was not let go (see RecoveryPoints::release)")
    }
}

impl std::ops::IndexMut<usize> for RecoveryPoints {
    fn index_mut(&mut self, index: usize) -> &mut RecoveryPoint {
        self.get_mut(index)
            .expect("a recovery point that was not let go (see RecoveryPoints::release)")
    }
}

impl<'a> IntoIterator for &'a RecoveryPoints {
    type Item = &'a RecoveryPoint;
    type IntoIter = Box<dyn Iterator<Item = &'a RecoveryPoint> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SeededRandom;
    use crate::world::{Lifecycle, RecoveryPointStatus, StorageClass};

    fn point() -> RecoveryPoint {
        RecoveryPoint {
            job_id: SeededRandom::new(1).uuid_bits(),
            creation: "2024-01-15T02:00:00Z".parse().unwrap(),
            completed_after_seconds: 0,
            size_bytes: 1,
            vault: 0,
            resource: 0,
            origin: 0,
            copied_from: None,
            lifecycle: Lifecycle::default(),
            status: RecoveryPointStatus::Completed,
            storage_class: StorageClass::Warm,
            continuous: false,
            legal_holds: 0,
            corrupted: false,
            delete_after_copy: false,
        }
    }

    #[test]
    fn a_recovery_point_stays_small() {
        // A simulated year of a large fleet keeps millions of them.
        assert!(std::mem::size_of::<RecoveryPoint>() <= 88);
    }

    #[test]
    fn a_resources_points_are_listed_in_order_until_deleted() {
        let t: DateTime<Utc> = "2024-02-01T00:00:00Z".parse().unwrap();
        let mut points = RecoveryPoints::default();
        for i in 0..10u32 {
            points.push(RecoveryPoint {
                resource: i % 3,
                ..point()
            });
        }
        let of =
            |points: &RecoveryPoints, r| points.of_resource(r).map(|(i, _)| i).collect::<Vec<_>>();
        assert_eq!(of(&points, 1), [1, 4, 7]);
        assert_eq!(of(&points, 0), [0, 3, 6, 9]);
        points[4].storage_class = StorageClass::Deleted;
        points.deleted(4, t);
        assert_eq!(of(&points, 1), [1, 7]);
        assert_eq!(of(&points, 5), Vec::<usize>::new());
        // Every kept point is listed under its resource, once.
        let listed: usize = (0..3).map(|r| points.of_resource(r).count()).sum();
        assert_eq!(listed, points.iter().filter(|p| !p.is_deleted()).count());
    }

    #[test]
    fn a_chunk_goes_only_when_all_its_points_were_deleted_before_the_hand_over() {
        let t: DateTime<Utc> = "2024-02-01T00:00:00Z".parse().unwrap();
        let mut points = RecoveryPoints::default();
        for _ in 0..CHUNK + 1 {
            points.push(point());
        }
        for i in 0..CHUNK - 1 {
            points[i].storage_class = StorageClass::Deleted;
            points.deleted(i, t);
        }
        points.release(t + chrono::Duration::days(1));
        assert!(
            points.get(0).is_some(),
            "one point of the chunk is still live"
        );
        points[CHUNK - 1].storage_class = StorageClass::Deleted;
        points.deleted(CHUNK - 1, t);
        points.release(t);
        assert!(
            points.get(0).is_some(),
            "deleted, but not before the hand-over"
        );
        points.release(t + chrono::Duration::seconds(1));
        assert!(points.get(0).is_none() && points.get(CHUNK - 1).is_none());
        assert!(points.get(CHUNK).is_some(), "the next chunk is not full");
        assert_eq!(points.len(), CHUNK + 1);
        assert_eq!(points.indexed().next().map(|(i, _)| i), Some(CHUNK));
    }
}
