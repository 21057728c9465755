//! How long things take: a model, not AWS's numbers (AWS publishes none). A job's time is a fixed
//! overhead plus its bytes at a steady rate, varied by ±15% from the seeded generator. The first
//! backup of a resource is full; later ones carry the data changed since the last.

use chrono::Duration;

use crate::random::SeededRandom;
use crate::services::ResourceType;

const GB: f64 = 1e9;

/// Backup throughput, GB a minute.
const BACKUP_GB_PER_MINUTE: f64 = 2.0;
/// Copy throughput, GB a minute (copies cross Regions and accounts).
const COPY_GB_PER_MINUTE: f64 = 1.0;

/// Snapshot-based services start faster than streamed ones.
fn overhead_minutes(resource_type: ResourceType) -> f64 {
    match resource_type {
        ResourceType::Ebs | ResourceType::Ec2 | ResourceType::Rds | ResourceType::Aurora => 3.0,
        _ => 5.0,
    }
}

/// Bytes a backup carries: everything the first time, then what changed since the last backup
/// (at most everything).
pub fn backup_bytes(size_gb: f64, daily_change_rate: f64, days_since_last: Option<f64>) -> u64 {
    let gb = match days_since_last {
        None => size_gb,
        Some(days) => (size_gb * daily_change_rate * days.max(0.0)).min(size_gb),
    };
    (gb * GB).round() as u64
}

fn minutes(overhead: f64, bytes: u64, rate: f64, random: &mut SeededRandom) -> Duration {
    let base = overhead + bytes as f64 / GB / rate;
    let seconds = base * 60.0 * random.between(0.85, 1.15);
    Duration::seconds(seconds.round().max(1.0) as i64)
}

/// How long a backup job runs.
pub fn backup_duration(
    resource_type: ResourceType,
    bytes: u64,
    random: &mut SeededRandom,
) -> Duration {
    minutes(
        overhead_minutes(resource_type),
        bytes,
        BACKUP_GB_PER_MINUTE,
        random,
    )
}

/// How long a copy job runs. A copy carries the whole recovery point.
pub fn copy_duration(bytes: u64, random: &mut SeededRandom) -> Duration {
    minutes(5.0, bytes, COPY_GB_PER_MINUTE, random)
}

/// Restore throughput, GB a minute.
const RESTORE_GB_PER_MINUTE: f64 = 5.0;

/// How long a restore runs: the time to provision the new resource (eight minutes for a
/// database, three for the rest), then its data. The guide gives 15 to 30 minutes for most
/// databases, and its incident's restore takes 20 (09:05 to 09:25): its 50 GB database, with the
/// job's two short waits, takes about that here. Without a generator, the mean.
pub fn restore_duration(
    resource_type: ResourceType,
    bytes: u64,
    random: Option<&mut SeededRandom>,
) -> Duration {
    let provisioning = match resource_type {
        ResourceType::Rds
        | ResourceType::Aurora
        | ResourceType::DocumentDb
        | ResourceType::Neptune
        | ResourceType::Redshift => 8.0,
        _ => 3.0,
    };
    let base = provisioning + bytes as f64 / GB / RESTORE_GB_PER_MINUTE;
    let factor = random.map_or(1.0, |r| r.between(0.85, 1.15));
    Duration::seconds((base * 60.0 * factor).round().max(1.0) as i64)
}

/// The expected time from asking for a restore to having the resource: the two short waits
/// (CREATED to PENDING to RUNNING) and the restore's mean duration.
pub fn expected_restore_time(resource_type: ResourceType, bytes: u64) -> Duration {
    let mean_wait = (SHORT_WAIT_SECONDS.0 + SHORT_WAIT_SECONDS.1) / 2.0;
    Duration::seconds((2.0 * mean_wait).round() as i64)
        + restore_duration(resource_type, bytes, None)
}

/// The short waits between states (CREATED to PENDING, PENDING to RUNNING), in seconds: half a
/// minute to two minutes.
const SHORT_WAIT_SECONDS: (f64, f64) = (30.0, 120.0);

/// A short wait, drawn from the seeded generator.
pub fn short_wait(random: &mut SeededRandom) -> Duration {
    let (low, high) = SHORT_WAIT_SECONDS;
    Duration::seconds(random.between(low, high).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_backup_is_full_and_later_ones_incremental() {
        assert_eq!(backup_bytes(50.0, 0.05, None), 50_000_000_000);
        assert_eq!(backup_bytes(50.0, 0.05, Some(1.0)), 2_500_000_000);
        assert_eq!(backup_bytes(50.0, 0.5, Some(10.0)), 50_000_000_000);
    }

    #[test]
    fn durations_grow_with_size_within_the_variation() {
        let mut r = SeededRandom::new(1);
        let small = backup_duration(ResourceType::Rds, 1_000_000_000, &mut r);
        let large = backup_duration(ResourceType::Rds, 100_000_000_000, &mut r);
        assert!(small < large);
        // 3 + 50 = 53 minutes, ±15%.
        let d = backup_duration(ResourceType::Rds, 100_000_000_000, &mut r);
        assert!((45..=61).contains(&d.num_minutes()), "{d}");
    }
}
