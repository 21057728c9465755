//! Backup and copy jobs: their states (the API's enums) and the transitions between them, as
//! shared/reference/state-machines.json lists them with their evidence.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::world::CreatedBy;

/// BackupJobState.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BackupJobState {
    Created,
    Pending,
    Running,
    Aborting,
    Aborted,
    Completed,
    Failed,
    Expired,
    Partial,
}

impl BackupJobState {
    pub const ALL: [BackupJobState; 9] = [
        BackupJobState::Created,
        BackupJobState::Pending,
        BackupJobState::Running,
        BackupJobState::Aborting,
        BackupJobState::Aborted,
        BackupJobState::Completed,
        BackupJobState::Failed,
        BackupJobState::Expired,
        BackupJobState::Partial,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BackupJobState::Created => "CREATED",
            BackupJobState::Pending => "PENDING",
            BackupJobState::Running => "RUNNING",
            BackupJobState::Aborting => "ABORTING",
            BackupJobState::Aborted => "ABORTED",
            BackupJobState::Completed => "COMPLETED",
            BackupJobState::Failed => "FAILED",
            BackupJobState::Expired => "EXPIRED",
            BackupJobState::Partial => "PARTIAL",
        }
    }

    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            BackupJobState::Completed
                | BackupJobState::Failed
                | BackupJobState::Aborted
                | BackupJobState::Expired
                | BackupJobState::Partial
        )
    }

    /// The transitions state-machines.json lists (documented, observed or inferred there).
    pub fn can_become(self, next: BackupJobState) -> bool {
        use BackupJobState::*;
        matches!(
            (self, next),
            (Created, Pending | Running | Expired | Aborting)
                | (Pending, Running | Aborting)
                | (Running, Completed | Failed | Expired | Partial | Aborting)
                | (Aborting, Aborted)
        )
    }
}

/// CopyJobState.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CopyJobState {
    Created,
    Running,
    Completed,
    Failed,
    Partial,
}

impl CopyJobState {
    pub const ALL: [CopyJobState; 5] = [
        CopyJobState::Created,
        CopyJobState::Running,
        CopyJobState::Completed,
        CopyJobState::Failed,
        CopyJobState::Partial,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CopyJobState::Created => "CREATED",
            CopyJobState::Running => "RUNNING",
            CopyJobState::Completed => "COMPLETED",
            CopyJobState::Failed => "FAILED",
            CopyJobState::Partial => "PARTIAL",
        }
    }

    pub fn can_become(self, next: CopyJobState) -> bool {
        use CopyJobState::*;
        matches!(
            (self, next),
            (Created, Running | Failed) | (Running, Completed | Failed | Partial)
        )
    }
}

/// A backup job: one resource, one rule run (or one on-demand request).
#[derive(Clone, Debug, PartialEq)]
pub struct BackupJob {
    /// The job's ID: 128 bits, written as a UUID when shown.
    pub id: u128,
    pub state: BackupJobState,
    /// Every state the job has been in, with when it entered it.
    pub history: Vec<(DateTime<Utc>, BackupJobState)>,
    pub resource: usize,
    /// The target vault, if it exists (a job into a vault that does not exist fails).
    pub vault: Option<usize>,
    /// The target vault's ARN, existing or not.
    pub vault_arn: Arc<str>,
    pub iam_role_arn: Arc<str>,
    pub creation: DateTime<Utc>,
    /// Scheduled time + StartWindowMinutes.
    pub start_by: DateTime<Utc>,
    /// Scheduled time + CompletionWindowMinutes (StartBackupJob's reading of the window).
    pub complete_by: DateTime<Utc>,
    pub completion: Option<DateTime<Utc>>,
    pub backup_size_bytes: u64,
    pub bytes_transferred: u64,
    pub status_message: String,
    pub created_by: Option<Arc<CreatedBy>>,
    /// The rule that made it, as (plan, rule) indexes, for its lifecycle and copy actions.
    pub rule: Option<(usize, usize)>,
    pub recovery_point: Option<usize>,
}

/// A copy job: one recovery point into one destination vault.
#[derive(Clone, Debug, PartialEq)]
pub struct CopyJob {
    pub id: u128,
    pub state: CopyJobState,
    pub history: Vec<(DateTime<Utc>, CopyJobState)>,
    pub source_recovery_point: usize,
    pub destination_vault_arn: Arc<str>,
    pub destination_vault: Option<usize>,
    pub iam_role_arn: Arc<str>,
    pub creation: DateTime<Utc>,
    pub completion: Option<DateTime<Utc>>,
    pub backup_size_bytes: u64,
    pub status_message: String,
    pub created_by: Option<Arc<CreatedBy>>,
    /// The copy's lifecycle (the copy action's, or the source's).
    pub move_to_cold_storage_after_days: Option<i64>,
    pub delete_after_days: Option<i64>,
    pub destination_recovery_point: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_states_go_nowhere() {
        for from in BackupJobState::ALL.into_iter().filter(|s| s.is_terminal()) {
            for to in BackupJobState::ALL {
                assert!(!from.can_become(to), "{from:?} -> {to:?}");
            }
        }
    }

    #[test]
    fn a_backup_job_expires_only_from_created_or_running() {
        let from: Vec<_> = BackupJobState::ALL
            .into_iter()
            .filter(|s| s.can_become(BackupJobState::Expired))
            .collect();
        assert_eq!(from, [BackupJobState::Created, BackupJobState::Running]);
    }
}
