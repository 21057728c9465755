//! Metering: what AWS Backup bills by, measured as the run goes (`crate::cost` applies prices).
//! AWS bills "backup storage you use, backup data transferred between AWS Regions, backup data
//! you restore, and backup evaluations" (data/reference/docs/pricing.md, data/reference/pricing.json). So the meter keeps:
//!
//! - storage: bytes stored per vault, resource type and storage class, summed over time as
//!   byte-seconds per calendar month (UTC), whose average over the month is the GB-month the
//!   bill uses. The types AWS bills per GB-day (EFS, S3, VMware, SAP HANA, Timestream: "any use
//!   within a day is billed for the whole day") count each point from the start of the UTC day it
//!   arrived to the end of the day it went; the others to the second (AWS: GB-hour; a model
//!   difference of under an hour a point). UTC days are a model assumption: AWS does not say
//!   which day.
//! - early deletions: a cold point deleted before its 90 days in cold, with the time it had
//!   left ("a pro-rated charge equal to the storage charge for the remaining days");
//! - transfers: bytes of each completed cross-Region copy and the account that pays ("For fully
//!   managed resources, the source account will see the data transfer charges, and for non
//!   fully managed resources, the destination account"; "There is no charge when a copy job
//!   fails", so failed copies are never metered);
//! - restores: bytes each completed restore wrote and the storage class it read.
//! - restore tests: how many completed, each charged on top of its restore.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};

use super::Simulation;
use crate::services::Service;
use crate::world::StorageClass;

/// The minimum time a point is billed for in cold storage.
pub const COLD_MINIMUM_DAYS: i64 = 90;

/// A calendar month, UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(t: DateTime<Utc>) -> Month {
        Month {
            year: t.year(),
            month: t.month(),
        }
    }

    /// The month's first moment.
    pub fn start(self) -> DateTime<Utc> {
        Utc.from_utc_datetime(
            &NaiveDate::from_ymd_opt(self.year, self.month, 1)
                .unwrap_or(NaiveDate::MIN)
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default(),
        )
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// Its length in seconds.
    pub fn seconds(self) -> i64 {
        (self.next().start() - self.start()).num_seconds()
    }
}

/// Where bytes are stored: a vault, the type of the resource they protect, a storage class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bucket {
    pub vault: u32,
    pub service: Service,
    pub class: StorageClass,
}

#[derive(Clone, Copy, Debug)]
struct Stored {
    bytes: u64,
    since: DateTime<Utc>,
}

/// A completed cross-Region copy's place on the bill: the month, the type, the source vault
/// and the destination vault (by index; the Regions and the paying account follow from them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TransferKey {
    pub month: Month,
    pub service: Service,
    pub from_vault: u32,
    pub to_vault: u32,
}

/// A completed restore's place on the bill: the month, the type, the vault and the class read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RestoreKey {
    pub month: Month,
    pub service: Service,
    pub vault: u32,
    pub class: StorageClass,
}

/// The meter.
#[derive(Clone, Debug, Default)]
pub struct Meter {
    /// The month last added to, with its bounds: nearly every change falls in it.
    month: Option<(Month, DateTime<Utc>, DateTime<Utc>)>,
    stored: BTreeMap<Bucket, Stored>,
    /// Byte-seconds per month and bucket, up to each bucket's `since`.
    usage: BTreeMap<(Month, Bucket), f64>,
    /// Cold points deleted before their 90 days: the bytes times the seconds they had left,
    /// per month and bucket. Summed as they happen, so that a fleet's millions of points keep
    /// the meter small.
    pub early_deletions: BTreeMap<(Month, Bucket), f64>,
    /// Bytes of completed cross-Region copies.
    pub transfers: BTreeMap<TransferKey, u64>,
    /// Bytes restores wrote.
    pub restores: BTreeMap<RestoreKey, u64>,
    /// Restore tests completed, per month, type and vault: "Each restore test has its own
    /// charge on top of the restore job's cost" (data/reference/docs/pricing.md).
    pub restore_tests: BTreeMap<(Month, Service, u32), u64>,
    /// The vaults that received a snapshot point kept warm under a week (by index): AWS advises
    /// at least a week, since with a shorter retention each backup is full.
    pub short_warm_retention: std::collections::BTreeSet<u32>,
}

/// "configure your retention policy with a warm storage duration of at least one week"
/// (data/reference/docs/pricing.md, `rules.warm_min_recommended_days`).
pub const WARM_MIN_RECOMMENDED_DAYS: i32 = 7;

/// Whether AWS bills the service's storage per GB-day (data/reference/docs/pricing.md, data/reference/pricing.json).
pub fn billed_per_day(service: Service) -> bool {
    matches!(
        service,
        Service::Efs
            | Service::S3
            | Service::VirtualMachine
            | Service::SapHana
            | Service::Timestream
    )
}

fn day_start(t: DateTime<Utc>) -> DateTime<Utc> {
    Utc.from_utc_datetime(&t.date_naive().and_hms_opt(0, 0, 0).unwrap_or_default())
}

impl Meter {
    /// Adds `bytes × (to − from)` to the months it spans.
    fn add_usage(
        &mut self,
        bucket: Bucket,
        bytes: u64,
        mut from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) {
        if bytes == 0 {
            return;
        }
        while from < to {
            let (month, start, end) = match self.month {
                Some((month, start, end)) if start <= from && from < end => (month, start, end),
                _ => {
                    let month = Month::of(from);
                    let bounds = (month, month.start(), month.next().start());
                    self.month = Some(bounds);
                    bounds
                }
            };
            debug_assert!(start <= from);
            let end = end.min(to);
            *self.usage.entry((month, bucket)).or_default() +=
                bytes as f64 * (end - from).num_seconds() as f64;
            from = end;
        }
    }

    /// Changes the bytes in `bucket` by `delta` at `now`, accounting for the time before.
    fn change(&mut self, bucket: Bucket, now: DateTime<Utc>, delta: i128) {
        let stored = self.stored.entry(bucket).or_insert(Stored {
            bytes: 0,
            since: now,
        });
        let (bytes, since) = (stored.bytes, stored.since);
        stored.bytes = (i128::from(bytes) + delta).clamp(0, i128::from(u64::MAX)) as u64;
        stored.since = now;
        self.add_usage(bucket, bytes, since, now);
    }

    /// `bytes` arrive in `bucket` at `now`.
    pub(super) fn store(&mut self, bucket: Bucket, bytes: u64, now: DateTime<Utc>) {
        self.change(bucket, now, i128::from(bytes));
        if billed_per_day(bucket.service) {
            // Billed from the start of the day they arrived.
            self.add_usage(bucket, bytes, day_start(now), now);
        }
    }

    /// `bytes` leave `bucket` at `now`.
    pub(super) fn unstore(&mut self, bucket: Bucket, bytes: u64, now: DateTime<Utc>) {
        self.change(bucket, now, -i128::from(bytes));
        if billed_per_day(bucket.service) {
            // Billed to the end of the day they went.
            let end = day_start(now) + Duration::days(1);
            if now > day_start(now) {
                self.add_usage(bucket, bytes, now, end);
            }
        }
    }

    /// Byte-seconds per month and bucket, up to `now`.
    pub fn usage(&self, now: DateTime<Utc>) -> BTreeMap<(Month, Bucket), f64> {
        let mut closed = Meter {
            month: self.month,
            usage: self.usage.clone(),
            ..Meter::default()
        };
        for (bucket, stored) in &self.stored {
            closed.add_usage(*bucket, stored.bytes, stored.since, now);
        }
        closed.usage
    }
}

impl Simulation {
    /// What the run has metered so far.
    pub fn meter(&self) -> &Meter {
        &self.meter
    }

    fn bucket_of(&self, recovery_point: u32, class: StorageClass) -> Bucket {
        let rp = &self.world.recovery_points[recovery_point as usize];
        Bucket {
            vault: rp.vault,
            service: self.world.resources[rp.resource as usize].service,
            class,
        }
    }

    /// A recovery point was made: its bytes are stored warm from now.
    pub(super) fn meter_new_point(&mut self, recovery_point: u32) {
        let bucket = self.bucket_of(recovery_point, StorageClass::Warm);
        let rp = &self.world.recovery_points[recovery_point as usize];
        let bytes = rp.size_bytes;
        // Warm until it goes cold, or until it is deleted.
        // (A cold date the type ignores, EBS without the archive opt-in say, is no move.)
        let service = self.world.resources[rp.resource as usize].service;
        let warm_until = rp.move_to_cold_at(service).or(rp.delete_at());
        let short = warm_until
            .is_some_and(|at| at - rp.creation < Duration::days(WARM_MIN_RECOMMENDED_DAYS.into()));
        if !rp.continuous && short {
            self.meter.short_warm_retention.insert(rp.vault);
        }
        self.meter.store(bucket, bytes, self.now);
    }

    /// A recovery point's continuous backup grew to `bytes` (it is one point, updated).
    pub(super) fn meter_resized_point(&mut self, recovery_point: u32, before: u64) {
        let bucket = self.bucket_of(recovery_point, StorageClass::Warm);
        let after = self.world.recovery_points[recovery_point as usize].size_bytes;
        let now = self.now;
        self.meter
            .change(bucket, now, i128::from(after) - i128::from(before));
    }

    /// A recovery point moved to cold storage.
    pub(super) fn meter_moved_to_cold(&mut self, recovery_point: u32) {
        let bytes = self.world.recovery_points[recovery_point as usize].size_bytes;
        let now = self.now;
        let warm = self.bucket_of(recovery_point, StorageClass::Warm);
        let cold = self.bucket_of(recovery_point, StorageClass::Cold);
        self.meter.unstore(warm, bytes, now);
        self.meter.store(cold, bytes, now);
    }

    /// A recovery point in `class` is being deleted: its bytes leave, and a cold one deleted
    /// before its 90 days is charged for the rest.
    pub(super) fn meter_deleted_point(&mut self, recovery_point: u32, class: StorageClass) {
        if !matches!(class, StorageClass::Warm | StorageClass::Cold) {
            return;
        }
        let rp = &self.world.recovery_points[recovery_point as usize];
        let bytes = rp.size_bytes;
        let service = self.world.resources[rp.resource as usize].service;
        let cold_since = rp.move_to_cold_at(service);
        let bucket = self.bucket_of(recovery_point, class);
        let now = self.now;
        self.meter.unstore(bucket, bytes, now);
        if class == StorageClass::Cold
            && let Some(since) = cold_since
        {
            let remaining = Duration::days(COLD_MINIMUM_DAYS) - (now - since);
            if remaining > Duration::zero() {
                *self
                    .meter
                    .early_deletions
                    .entry((Month::of(now), bucket))
                    .or_default() += bytes as f64 * remaining.num_seconds() as f64;
            }
        }
    }

    /// A copy completed from `source` to `copy`: a cross-Region one is a transfer.
    pub(super) fn meter_copy(&mut self, source: u32, copy: u32) {
        let world = &self.world;
        let (from_vault, to_vault) = (
            world.recovery_points[source as usize].vault,
            world.recovery_points[copy as usize].vault,
        );
        if world.vaults[from_vault as usize].region == world.vaults[to_vault as usize].region {
            return;
        }
        let rp = &world.recovery_points[copy as usize];
        let key = TransferKey {
            month: Month::of(self.now),
            service: world.resources[rp.resource as usize].service,
            from_vault,
            to_vault,
        };
        let bytes = rp.size_bytes;
        *self.meter.transfers.entry(key).or_default() += bytes;
    }

    /// A restore completed from `recovery_point`, writing `bytes`.
    pub(super) fn meter_restore(&mut self, recovery_point: u32, bytes: u64) {
        let Some(rp) = self.world.recovery_points.get(recovery_point as usize) else {
            return;
        };
        let key = RestoreKey {
            month: Month::of(self.now),
            service: self.world.resources[rp.resource as usize].service,
            vault: rp.vault,
            class: rp.storage_class,
        };
        *self.meter.restores.entry(key).or_default() += bytes;
    }

    /// A restore test's restore completed from `recovery_point`.
    pub(super) fn meter_restore_test(&mut self, recovery_point: u32) {
        let Some(rp) = self.world.recovery_points.get(recovery_point as usize) else {
            return;
        };
        let service = self.world.resources[rp.resource as usize].service;
        let key = (Month::of(self.now), service, rp.vault);
        *self.meter.restore_tests.entry(key).or_default() += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn bucket(service: Service) -> Bucket {
        Bucket {
            vault: 0,
            service,
            class: StorageClass::Warm,
        }
    }

    #[test]
    fn storage_is_summed_per_month_across_a_month_boundary() {
        let mut meter = Meter::default();
        let b = bucket(Service::Ebs);
        meter.store(b, 1_000, t("2024-01-31T12:00:00Z"));
        meter.unstore(b, 1_000, t("2024-02-01T12:00:00Z"));
        let usage = meter.usage(t("2024-03-01T00:00:00Z"));
        let jan = Month {
            year: 2024,
            month: 1,
        };
        assert_eq!(usage[&(jan, b)], 1_000.0 * 12.0 * 3600.0);
        assert_eq!(usage[&(jan.next(), b)], 1_000.0 * 12.0 * 3600.0);
    }

    #[test]
    fn a_gb_day_type_is_billed_whole_days() {
        let mut meter = Meter::default();
        let b = bucket(Service::Efs);
        meter.store(b, 10, t("2024-01-10T02:00:00Z"));
        meter.unstore(b, 10, t("2024-01-11T01:00:00Z"));
        let usage = meter.usage(t("2024-02-01T00:00:00Z"));
        let jan = Month {
            year: 2024,
            month: 1,
        };
        assert_eq!(usage[&(jan, b)], 10.0 * 2.0 * 86_400.0);
    }

    #[test]
    fn bytes_still_stored_count_up_to_the_moment_asked() {
        let mut meter = Meter::default();
        let b = bucket(Service::Rds);
        meter.store(b, 5, t("2024-01-01T00:00:00Z"));
        let usage = meter.usage(t("2024-01-01T01:00:00Z"));
        assert_eq!(
            usage[&(
                Month {
                    year: 2024,
                    month: 1
                },
                b
            )],
            5.0 * 3600.0
        );
    }
}
