//! What a simulation is about: accounts and their Regions, the resources AWS Backup protects,
//! the vaults it writes to, and the recovery points in them.

use std::collections::{BTreeMap, HashMap};

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

mod points;

pub use points::RecoveryPoints;

use crate::random::Uuid;
use crate::services::{ResourceType, Service};

/// An AWS account and the Regions enabled in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Account {
    /// The 12-digit account ID.
    pub id: String,
    pub name: String,
    pub regions: Vec<String>,
    /// The AWS Organization the account is a member of, if any: a cross-account copy needs
    /// both accounts in the same one.
    pub organization_id: Option<String>,
    /// Whether AWS Backup's advanced DynamoDB features are on (`ResourceTypeManagementPreference`
    /// `DynamoDB`): without them, DynamoDB backups are DynamoDB's own, with no copies and no cold
    /// storage.
    pub dynamodb_advanced: bool,
}

/// A resource AWS Backup can protect.
#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    pub arn: String,
    pub name: String,
    pub resource_type: ResourceType,
    pub account: String,
    pub region: String,
    pub tags: BTreeMap<String, String>,
    /// Stored data, in GB.
    pub size_gb: f64,
    /// The share of the data that changes in a day (0.05 = 5%), for incremental backups.
    pub daily_change_rate: f64,
    /// The settings a restore of it needs, as the scenario gives them.
    pub configuration: BTreeMap<String, String>,
    /// Its row of AWS's feature table: what AWS Backup can do for it.
    pub service: Service,
}

impl Resource {
    /// The service's name as people say it (FSx for ONTAP, Multi-AZ DB clusters named as such).
    pub fn service_name(&self) -> &'static str {
        self.service.name()
    }

    /// Whether its backups are encrypted. A fully managed type's backup is encrypted with the
    /// vault's key; another type's "keeps the source resource's key"
    /// (data/reference/docs/engine-behaviour.md, "KMS keys"), so it is encrypted as its source
    /// is. The source's encryption is its Configuration's, as its service describes it
    /// (`StorageEncrypted` in RDS's DescribeDBInstances, `Encrypted` in EC2's DescribeVolumes):
    /// `false` there is an unencrypted source. A resource whose Configuration says nothing is
    /// taken as encrypted: a model assumption, as AWS's defaults differ by service and account.
    pub fn backups_encrypted(&self) -> bool {
        if self.service.fully_managed() {
            return true;
        }
        !["StorageEncrypted", "Encrypted"].iter().any(|key| {
            self.configuration
                .get(*key)
                .is_some_and(|v| v.eq_ignore_ascii_case("false"))
        })
    }

    /// Its name without what a scenario adds in brackets: `app-db (RDS MySQL)` is `app-db`.
    pub fn short_name(&self) -> &str {
        self.name.split(" (").next().unwrap_or(&self.name)
    }
}

/// A vault lock: the retention every new recovery point in the vault must keep.
#[derive(Clone, Debug, PartialEq)]
pub struct VaultLock {
    pub min_retention_days: Option<i64>,
    pub max_retention_days: Option<i64>,
    /// Compliance mode: the lock becomes immutable at `lock_date`. Absent in governance mode,
    /// where a privileged user can remove the lock at any time.
    pub lock_date: Option<DateTime<Utc>>,
}

impl VaultLock {
    /// Whether the lock can no longer be changed or removed (compliance mode, past its grace
    /// time).
    pub fn is_immutable(&self, now: DateTime<Utc>) -> bool {
        self.lock_date.is_some_and(|date| now >= date)
    }

    pub fn mode(&self) -> &'static str {
        if self.lock_date.is_some() {
            "compliance"
        } else {
            "governance"
        }
    }
}

/// A backup vault.
#[derive(Clone, Debug, PartialEq)]
pub struct Vault {
    pub name: String,
    pub account: String,
    pub region: String,
    pub arn: String,
    pub encryption_key_arn: Option<String>,
    /// The vault's access policy document, as written.
    pub access_policy: Option<serde_json::Value>,
    pub lock: Option<VaultLock>,
    /// A logically air-gapped vault (always locked in compliance mode).
    pub air_gapped: bool,
    /// When DeleteBackupVault deleted it, if it did: jobs into it fail from then on.
    pub deleted: Option<DateTime<Utc>>,
}

impl Vault {
    pub fn is_deleted(&self) -> bool {
        self.deleted.is_some()
    }

    pub fn arn_of(account: &str, region: &str, name: &str) -> String {
        format!("arn:aws:backup:{region}:{account}:backup-vault:{name}")
    }
}

/// Where a recovery point's data sits (the API's StorageClass).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StorageClass {
    Warm,
    Cold,
    Deleted,
}

impl StorageClass {
    pub fn as_str(self) -> &'static str {
        match self {
            StorageClass::Warm => "WARM",
            StorageClass::Cold => "COLD",
            StorageClass::Deleted => "DELETED",
        }
    }
}

/// A recovery point's status (the API's RecoveryPointStatus). The developer guide's EventBridge
/// sample reports a finished recovery point as COMPLETED, which is what vaultsim uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecoveryPointStatus {
    Completed,
    Partial,
    Deleting,
    Expired,
    Available,
    Stopped,
    Creating,
}

impl RecoveryPointStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RecoveryPointStatus::Completed => "COMPLETED",
            RecoveryPointStatus::Partial => "PARTIAL",
            RecoveryPointStatus::Deleting => "DELETING",
            RecoveryPointStatus::Expired => "EXPIRED",
            RecoveryPointStatus::Available => "AVAILABLE",
            RecoveryPointStatus::Stopped => "STOPPED",
            RecoveryPointStatus::Creating => "CREATING",
        }
    }
}

/// Which plan and rule made a recovery point or job (`createdBy` in events).
#[derive(Clone, Debug, PartialEq)]
pub struct CreatedBy {
    pub backup_plan_id: String,
    pub backup_plan_arn: String,
    pub backup_plan_version: String,
    pub backup_plan_rule_id: String,
}

/// What made a recovery point: the plan rule (none for an on-demand backup) and the IAM role it
/// ran as. Shared by every recovery point with the same origin, so that each keeps only an index.
#[derive(Clone, Debug, PartialEq)]
pub struct Origin {
    pub created_by: Option<Arc<CreatedBy>>,
    pub iam_role_arn: Arc<str>,
}

/// A recovery point's lifecycle, in days after its creation. Kept as `i32` (100 years is 36,500
/// days, the most AWS allows: plans and calls are checked for it) so that recovery points stay
/// small.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Lifecycle {
    pub move_to_cold_storage_after_days: Option<i32>,
    pub delete_after_days: Option<i32>,
    /// `OptInToArchiveForSupportedResources`: EBS snapshots move to the archive tier (cold
    /// storage) only with it.
    pub opt_in_to_archive: bool,
}

impl Lifecycle {
    /// From the plan model's days (which may be -1: keep indefinitely).
    pub fn from_days(cold: Option<i64>, delete: Option<i64>) -> Lifecycle {
        // Checked input is within ±36,500; a value beyond counts as -1 (kept indefinitely)
        // rather than a date no calendar holds.
        let days = |d: Option<i64>| {
            d.map(|d| {
                i32::try_from(d)
                    .ok()
                    .filter(|d| d.abs() <= 36_500)
                    .unwrap_or(-1)
            })
        };
        Lifecycle {
            move_to_cold_storage_after_days: days(cold),
            delete_after_days: days(delete),
            opt_in_to_archive: false,
        }
    }

    /// The lifecycle of a plan's rule or copy action, or of a request.
    pub fn from_plan(lifecycle: &crate::plan::Lifecycle) -> Lifecycle {
        Lifecycle {
            opt_in_to_archive: lifecycle
                .opt_in_to_archive_for_supported_resources
                .unwrap_or(false),
            ..Lifecycle::from_days(
                lifecycle.move_to_cold_storage_after_days,
                lifecycle.delete_after_days,
            )
        }
    }

    /// The retention a vault lock checks: DeleteAfterDays, or none when kept indefinitely.
    pub fn retention_days(&self) -> Option<i64> {
        self.delete_after_days.filter(|d| *d > 0).map(i64::from)
    }
}

/// A recovery point: kept small (no strings; its ARN is written on demand by
/// [`World::recovery_point_arn`]) because a year of a large fleet makes millions of them.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryPoint {
    /// The ID of the job that made it (RDS snapshots are named after it); the point's other IDs
    /// follow from it.
    pub job_id: Uuid,
    pub creation: DateTime<Utc>,
    /// Seconds from creation to completion (see [`RecoveryPoint::completion`]): four bytes
    /// instead of a twelve-byte time, in a record there are millions of.
    pub completed_after_seconds: u32,
    pub size_bytes: u64,
    /// Index of its vault in [`World::vaults`].
    pub vault: u32,
    /// Index of the resource it protects in [`World::resources`].
    pub resource: u32,
    /// Index of its origin in [`World::origins`].
    pub origin: u32,
    /// The recovery point this one is a copy of.
    pub copied_from: Option<u32>,
    pub lifecycle: Lifecycle,
    pub status: RecoveryPointStatus,
    pub storage_class: StorageClass,
    /// A continuous (point-in-time) recovery point rather than a snapshot.
    pub continuous: bool,
    /// How many active legal holds are on it: while any are, it cannot be deleted.
    pub legal_holds: u8,
    /// Made after its resource was corrupted: restoring it restores the corruption.
    pub corrupted: bool,
    /// A temporary point on its way to a logically air-gapped vault, deleted once copied there
    /// (`DeleteAfterEvent`: `DELETE_AFTER_COPY`).
    pub delete_after_copy: bool,
}

impl RecoveryPoint {
    /// When the point was completed (for a continuous point, last updated).
    pub fn completion(&self) -> DateTime<Utc> {
        self.creation + Duration::seconds(self.completed_after_seconds.into())
    }

    /// Seconds from `creation` to `completion`, as kept.
    pub fn seconds_between(creation: DateTime<Utc>, completion: DateTime<Utc>) -> u32 {
        (completion - creation)
            .num_seconds()
            .clamp(0, i64::from(u32::MAX)) as u32
    }

    /// When the recovery point moves to cold storage, if it does: only for resources that can
    /// ("AWS Backup ignores this expression for other resource types"; EBS only with the archive
    /// opt-in), and never for a continuous backup.
    pub fn move_to_cold_at(&self, service: Service) -> Option<DateTime<Utc>> {
        let days = self
            .lifecycle
            .move_to_cold_storage_after_days
            .filter(|d| *d >= 0)?;
        (service.cold_storage(self.lifecycle.opt_in_to_archive) && !self.continuous)
            .then(|| self.creation + Duration::days(days.into()))
    }

    /// When the lifecycle deletes the recovery point, if it does. Never for a continuous point:
    /// "the continuous backup plan creates one continuous recovery point and updates that
    /// recovery point whenever the job runs", so its retention is a rolling window of
    /// restorable time (see `engine::restore::restorable_window`), not a date to delete it.
    pub fn delete_at(&self) -> Option<DateTime<Utc>> {
        if self.continuous {
            return None;
        }
        let days = self.lifecycle.delete_after_days.filter(|d| *d >= 1)?;
        Some(self.creation + Duration::days(days.into()))
    }

    pub fn is_deleted(&self) -> bool {
        self.storage_class == StorageClass::Deleted
    }

    /// What its ARN is made from.
    pub fn name(&self) -> PointName {
        PointName {
            job_id: self.job_id,
            continuous: self.continuous,
            copy: self.copied_from.is_some(),
        }
    }
}

/// What a recovery point's ARN is made from, besides its vault and resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PointName {
    pub job_id: Uuid,
    pub continuous: bool,
    /// Made by a copy job.
    pub copy: bool,
}

/// LegalHoldStatus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegalHoldStatus {
    Active,
    Canceled,
}

impl LegalHold {
    pub fn arn(&self) -> String {
        format!(
            "arn:aws:backup:{}:{}:legal-hold:{}",
            self.region, self.account, self.id
        )
    }
}

impl LegalHoldStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LegalHoldStatus::Active => "ACTIVE",
            LegalHoldStatus::Canceled => "CANCELED",
        }
    }
}

/// A legal hold on the recovery points that matched its selection when it was created.
#[derive(Clone, Debug, PartialEq)]
pub struct LegalHold {
    pub id: Uuid,
    pub account: String,
    /// The Region it was created in: a legal hold is regional, as its ARN says.
    pub region: String,
    pub title: String,
    pub description: String,
    pub status: LegalHoldStatus,
    pub creation: DateTime<Utc>,
    pub cancellation: Option<DateTime<Utc>>,
    pub recovery_points: Vec<u32>,
}

/// Everything the simulation acts on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct World {
    pub accounts: Vec<Account>,
    pub resources: Vec<Resource>,
    pub vaults: Vec<Vault>,
    pub recovery_points: RecoveryPoints,
    pub origins: Vec<Origin>,
    pub legal_holds: Vec<LegalHold>,
    vault_by_arn: HashMap<String, usize>,
}

impl World {
    pub fn add_vault(&mut self, vault: Vault) -> usize {
        let index = self.vaults.len();
        self.vault_by_arn.insert(vault.arn.clone(), index);
        self.vaults.push(vault);
        index
    }

    /// The vault with this ARN, deleted or not.
    pub fn vault_by_arn(&self, arn: &str) -> Option<usize> {
        self.vault_by_arn.get(arn).copied()
    }

    /// The account with this ID.
    pub fn account(&self, id: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.id == id)
    }

    /// The vault of this name in the account and Region, unless it was deleted.
    pub fn vault_named(&self, account: &str, region: &str, name: &str) -> Option<usize> {
        self.vault_by_arn(&Vault::arn_of(account, region, name))
            .filter(|&v| !self.vaults[v].is_deleted())
    }

    /// Whether `region` is enabled in `account` (a copy into a disabled Region fails).
    pub fn region_enabled(&self, account: &str, region: &str) -> bool {
        self.accounts
            .iter()
            .any(|a| a.id == account && a.regions.iter().any(|r| r == region))
    }

    /// The recovery points in a vault that have not been deleted.
    pub fn recovery_points_in(&self, vault: usize) -> impl Iterator<Item = &RecoveryPoint> {
        self.recovery_points
            .iter()
            .filter(move |rp| rp.vault as usize == vault && !rp.is_deleted())
    }

    /// The moment a recovery point's data is from: its creation, which for a copy is its
    /// source's ("The creation date refers to when the source was created, not when the copy
    /// was created", dg:recov-point-create-a-copy.html).
    pub fn data_time(&self, recovery_point: usize) -> DateTime<Utc> {
        self.recovery_points[recovery_point].creation
    }

    pub fn resource_by_arn(&self, arn: &str) -> Option<usize> {
        self.resources.iter().position(|r| r.arn == arn)
    }

    /// The recovery point with this ARN, if there is one.
    pub fn recovery_point_by_arn(&self, arn: &str) -> Option<usize> {
        // ARNs are written on demand, so this writes each one: fine for an operation's lookup,
        // not for a hot path.
        self.recovery_points
            .indexed()
            .map(|(i, _)| i)
            .find(|&i| self.recovery_point_arn(i) == arn)
    }

    /// The origin of a recovery point made by `created_by` as `iam_role_arn`: an existing one
    /// when the same pair was seen before.
    pub fn origin(&mut self, created_by: Option<Arc<CreatedBy>>, iam_role_arn: Arc<str>) -> u32 {
        let same = |o: &Origin| {
            o.iam_role_arn == iam_role_arn
                && match (&o.created_by, &created_by) {
                    (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                    (None, None) => true,
                    _ => false,
                }
        };
        if let Some(i) = self.origins.iter().rposition(same) {
            return i as u32;
        }
        self.origins.push(Origin {
            created_by,
            iam_role_arn,
        });
        (self.origins.len() - 1) as u32
    }

    /// A recovery point's ARN in the form AWS gives each type, in its vault's Region and
    /// account: EBS snapshots and EC2 images as EC2 ARNs, RDS and Aurora snapshots named after
    /// the job that made them (`awsbackup:job-…`, as in the developer guide's samples; a copy's
    /// `copyjob-…` is vaultsim's naming), and AWS Backup's own recovery-point ARN for the rest.
    pub fn recovery_point_arn(&self, recovery_point: usize) -> String {
        let rp = &self.recovery_points[recovery_point];
        self.point_arn(rp.vault as usize, rp.resource as usize, rp.name())
    }

    /// The ARN of a recovery point named `name` in `vault`, of `resource`: see
    /// [`World::recovery_point_arn`]. Jobs keep a point's name to write its ARN after it is gone.
    pub fn point_arn(&self, vault: usize, resource: usize, name: PointName) -> String {
        let vault = &self.vaults[vault];
        let (region, account) = (&vault.region, &vault.account);
        let job = if name.copy { "copyjob" } else { "job" };
        match self.resources[resource].resource_type {
            ResourceType::Ebs => {
                format!(
                    "arn:aws:ec2:{region}::snapshot/snap-{}",
                    name.job_id.derive(1).hex(17)
                )
            }
            ResourceType::Ec2 => {
                format!(
                    "arn:aws:ec2:{region}::image/ami-{}",
                    name.job_id.derive(1).hex(17)
                )
            }
            ResourceType::Rds if !name.continuous => format!(
                "arn:aws:rds:{region}:{account}:snapshot:awsbackup:{job}-{}",
                name.job_id
            ),
            ResourceType::Aurora | ResourceType::DocumentDb | ResourceType::Neptune
                if !name.continuous =>
            {
                format!(
                    "arn:aws:rds:{region}:{account}:cluster-snapshot:awsbackup:{job}-{}",
                    name.job_id
                )
            }
            _ => format!(
                "arn:aws:backup:{region}:{account}:recovery-point:{}",
                name.job_id.derive(1)
            ),
        }
    }
}
