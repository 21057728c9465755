//! What a simulation is about: accounts and their Regions, the resources AWS Backup protects,
//! the vaults it writes to, and the recovery points in them.

use std::collections::{BTreeMap, HashMap};

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use crate::services::ResourceType;

/// An AWS account and the Regions enabled in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Account {
    /// The 12-digit account ID.
    pub id: String,
    pub name: String,
    pub regions: Vec<String>,
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
}

/// A vault lock: the retention every recovery point in the vault must keep.
#[derive(Clone, Debug, PartialEq)]
pub struct VaultLock {
    pub min_retention_days: Option<i64>,
    pub max_retention_days: Option<i64>,
    /// Present in compliance mode: after this many days from when the lock is set, it is
    /// immutable. Absent in governance mode.
    pub changeable_for_days: Option<i64>,
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
}

impl Vault {
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

/// A recovery point, with its lifecycle as given and as calculated.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryPoint {
    pub arn: String,
    /// Index of its vault in [`World::vaults`].
    pub vault: usize,
    /// Index of the resource it protects in [`World::resources`].
    pub resource: usize,
    pub creation: DateTime<Utc>,
    pub completion: DateTime<Utc>,
    pub status: RecoveryPointStatus,
    pub storage_class: StorageClass,
    pub size_bytes: u64,
    pub move_to_cold_storage_after_days: Option<i64>,
    pub delete_after_days: Option<i64>,
    /// Shared with every job and recovery point the same rule makes.
    pub created_by: Option<Arc<CreatedBy>>,
    /// The recovery point this one is a copy of.
    pub copied_from: Option<usize>,
    pub iam_role_arn: Arc<str>,
}

impl RecoveryPoint {
    /// When the recovery point moves to cold storage, if it does: only for resource types that
    /// can ("AWS Backup ignores this expression for other resource types").
    pub fn move_to_cold_at(&self, resource_type: ResourceType) -> Option<DateTime<Utc>> {
        let days = self.move_to_cold_storage_after_days.filter(|d| *d >= 0)?;
        resource_type
            .capabilities()
            .cold_storage
            .then(|| self.creation + Duration::days(days))
    }

    /// When the lifecycle deletes the recovery point, if it does.
    pub fn delete_at(&self) -> Option<DateTime<Utc>> {
        let days = self.delete_after_days.filter(|d| *d >= 1)?;
        Some(self.creation + Duration::days(days))
    }
}

/// Everything the simulation acts on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct World {
    pub accounts: Vec<Account>,
    pub resources: Vec<Resource>,
    pub vaults: Vec<Vault>,
    pub recovery_points: Vec<RecoveryPoint>,
    vault_by_arn: HashMap<String, usize>,
}

impl World {
    pub fn add_vault(&mut self, vault: Vault) -> usize {
        let index = self.vaults.len();
        self.vault_by_arn.insert(vault.arn.clone(), index);
        self.vaults.push(vault);
        index
    }

    pub fn vault_by_arn(&self, arn: &str) -> Option<usize> {
        self.vault_by_arn.get(arn).copied()
    }

    pub fn vault_named(&self, account: &str, region: &str, name: &str) -> Option<usize> {
        self.vault_by_arn(&Vault::arn_of(account, region, name))
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
            .filter(move |rp| rp.vault == vault && rp.storage_class != StorageClass::Deleted)
    }
}
