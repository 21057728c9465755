//! Recovery points over time: to cold storage and to deletion when their lifecycle says, delayed
//! by legal holds.
//!
//! Recovery points of one vault with the same transition and the same number of days fall due
//! together: a rule's backups are dated by the rule's run, and their copies by their sources'
//! creation. So each (vault, transition, days) is a lane holding its points by due time, a map
//! with a few keys (one a rule run) of many points each, and only each lane's first due time
//! waits in the simulation's queue. A year of a large fleet then keeps a handful of entries there
//! instead of millions. (A copy may complete a day or more after later copies were made: the map
//! takes it in its place without walking past a day's points.)

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::render::PointSnapshot;
use super::{Action, Simulation, Subject};
use crate::world::{RecoveryPointStatus, StorageClass};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Transition {
    ToCold,
    Delete,
}

#[derive(Clone, Debug, Default)]
struct Lane {
    /// The recovery points due at each time, in the order they joined the lane.
    due: BTreeMap<DateTime<Utc>, Vec<u32>>,
    /// When the lane's action waits in the simulation's queue, if it does.
    queued: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Lanes {
    lanes: Vec<Lane>,
    /// Each lane's (vault, transition, days), in lane order: a handful, searched in turn.
    keys: Vec<(u32, Transition, i32)>,
}

impl Lanes {
    fn lane(&mut self, vault: u32, transition: Transition, days: i32) -> usize {
        let key = (vault, transition, days);
        if let Some(lane) = self.keys.iter().position(|k| *k == key) {
            return lane;
        }
        self.keys.push(key);
        self.lanes.push(Lane::default());
        self.lanes.len() - 1
    }
}

impl Simulation {
    /// Puts a recovery point in the lanes of its lifecycle's transitions.
    pub(super) fn schedule_lifecycle(&mut self, recovery_point: u32) {
        let rp = &self.world.recovery_points[recovery_point as usize];
        let service = self.world.resources[rp.resource as usize].service;
        let cold = rp
            .move_to_cold_at(service)
            .zip(rp.lifecycle.move_to_cold_storage_after_days);
        let delete = rp.delete_at().zip(rp.lifecycle.delete_after_days);
        let vault = rp.vault;
        if let Some((at, days)) = cold {
            self.enqueue((vault, Transition::ToCold, days), at, recovery_point);
        }
        if let Some((at, days)) = delete {
            self.enqueue((vault, Transition::Delete, days), at, recovery_point);
        }
    }

    fn enqueue(&mut self, key: (u32, Transition, i32), at: DateTime<Utc>, rp: u32) {
        let lane = self.lanes.lane(key.0, key.1, key.2);
        let due = &mut self.lanes.lanes[lane].due;
        // Nearly always the lane's latest time: a rule's run dates a night's points alike.
        match due.last_entry() {
            Some(mut last) if *last.key() == at => last.get_mut().push(rp),
            _ => due.entry(at).or_default().push(rp),
        }
        self.queue_lane(lane);
    }

    /// Makes sure the lane's first point waits in the simulation's queue at its due time.
    fn queue_lane(&mut self, lane: usize) {
        let Some((&first, _)) = self.lanes.lanes[lane].due.first_key_value() else {
            return;
        };
        // A point already past due (its lifecycle was shortened) goes now.
        let first = first.max(self.now);
        if self.lanes.lanes[lane].queued.is_some_and(|q| q <= first) {
            return;
        }
        self.lanes.lanes[lane].queued = Some(first);
        self.at(first, Action::Lifecycle { lane });
    }

    /// Every point of the lane that is due now.
    pub(super) fn run_lane(&mut self, lane: usize) {
        let now = self.now;
        if self.lanes.lanes[lane].queued != Some(now) {
            // A stale entry: the lane was queued earlier since.
            return;
        }
        self.lanes.lanes[lane].queued = None;
        let (_, transition, _) = self.lanes.keys[lane];
        while let Some(entry) = self.lanes.lanes[lane].due.first_entry() {
            if *entry.key() > now {
                break;
            }
            let (at, points) = entry.remove_entry();
            for rp in points {
                // A stale entry of a point deleted and let go since.
                let Some(point) = self.world.recovery_points.get(rp as usize) else {
                    continue;
                };
                let service = self.world.resources[point.resource as usize].service;
                // A lifecycle changed since the point joined the lane leaves a stale entry.
                match transition {
                    Transition::ToCold if point.move_to_cold_at(service) == Some(at) => {
                        self.move_to_cold(rp)
                    }
                    Transition::Delete if point.delete_at() == Some(at) => self.expire(rp),
                    _ => {}
                }
            }
        }
        self.queue_lane(lane);
    }

    /// The point moves to cold storage. No event: the move changes its storage class, not its
    /// status, and AWS documents no Recovery Point State Change for it (the statuses the
    /// developer guide lists are COMPLETED, PARTIAL, DELETING, EXPIRED, AVAILABLE, STOPPED and
    /// CREATING: data/reference/events/backup-eventbridge-samples.json).
    fn move_to_cold(&mut self, recovery_point: u32) {
        let rp = &mut self.world.recovery_points[recovery_point as usize];
        if rp.storage_class == StorageClass::Warm {
            rp.storage_class = StorageClass::Cold;
            self.meter_moved_to_cold(recovery_point);
        }
    }

    /// The lifecycle's delete date has come: the point is deleted, unless a legal hold delays
    /// it ("lifecycle policies that would alter the backup status (such as transition to a
    /// Deleted state) are delayed until the legal hold is removed"). Continuous points have no
    /// delete date, and a hold does not widen their restorable window ("Legal holds do not
    /// extend a continuous backup lifecycle").
    fn expire(&mut self, recovery_point: u32) {
        if self.world.recovery_points[recovery_point as usize].legal_holds > 0 {
            return;
        }
        self.delete_recovery_point(recovery_point);
    }

    pub(super) fn delete_recovery_point(&mut self, recovery_point: u32) {
        let rp = &self.world.recovery_points[recovery_point as usize];
        if rp.is_deleted() {
            return;
        }
        self.meter_deleted_point(recovery_point, rp.storage_class);
        let rp = &mut self.world.recovery_points[recovery_point as usize];
        rp.status = RecoveryPointStatus::Deleting;
        rp.storage_class = StorageClass::Deleted;
        let now = self.now;
        self.world
            .recovery_points
            .deleted(recovery_point as usize, now);
        let rp = &self.world.recovery_points[recovery_point as usize];
        let (continuous, resource) = (rp.continuous, rp.resource as usize);
        let tracked = self.tracked(resource);
        if continuous && tracked.continuous == Some(recovery_point) {
            // Deleting a continuous backup "stops future continuous backup": the next rule run
            // starts a new one.
            tracked.continuous = None;
        }
        self.record_recovery_point(recovery_point);
    }

    /// Records a Recovery Point State Change with what the event shows of the point as it is
    /// now: its lifecycle and completion may change later (UpdateRecoveryPointLifecycle, a
    /// continuous point's updates), and the event must still show them as they were.
    pub(super) fn record_recovery_point(&mut self, recovery_point: u32) {
        let resource = self.world.recovery_points[recovery_point as usize].resource;
        self.rpo_points_changed(resource as usize);
        let rp = &self.world.recovery_points[recovery_point as usize];
        self.record(Subject::RecoveryPoint {
            recovery_point,
            status: rp.status,
            storage_class: rp.storage_class,
            then: PointSnapshot::of(rp),
        });
    }

    /// A legal hold was released: points past their delete date and held by nothing else go.
    pub(super) fn release_held(&mut self, points: &[u32]) {
        for &rp in points {
            let point = &mut self.world.recovery_points[rp as usize];
            point.legal_holds = point.legal_holds.saturating_sub(1);
            if point.legal_holds == 0 && point.delete_at().is_some_and(|d| d <= self.now) {
                self.delete_recovery_point(rp);
            }
        }
    }
}
