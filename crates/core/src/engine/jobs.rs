//! The three kinds of job, backup, copy and restore: their states (the API's enums) with the
//! transitions between them, as data/reference/state-machines.json lists them with their
//! evidence (tests/job_states.rs checks `can_become` against it), and what each job records.
//! What they share, the log that moves them from state to state, is `job_log`.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::job_log::{History, JobState};
use crate::random::Uuid;
use crate::world::{Lifecycle, PointName};

/// How a job stands, whatever its kind: still going, or ended — completed, partly (PARTIAL:
/// "one or more resources ... were not backed up", BackupJobState), or not (FAILED, EXPIRED,
/// ABORTED). What the page colours a job's bar by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JobOutcome {
    Going,
    Completed,
    Partial,
    Failed,
}

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
    pub fn outcome(self) -> JobOutcome {
        match self {
            BackupJobState::Completed => JobOutcome::Completed,
            BackupJobState::Partial => JobOutcome::Partial,
            BackupJobState::Failed | BackupJobState::Expired | BackupJobState::Aborted => {
                JobOutcome::Failed
            }
            BackupJobState::Created
            | BackupJobState::Pending
            | BackupJobState::Running
            | BackupJobState::Aborting => JobOutcome::Going,
        }
    }

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
    pub fn outcome(self) -> JobOutcome {
        match self {
            CopyJobState::Completed => JobOutcome::Completed,
            CopyJobState::Partial => JobOutcome::Partial,
            CopyJobState::Failed => JobOutcome::Failed,
            CopyJobState::Created | CopyJobState::Running => JobOutcome::Going,
        }
    }

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

    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            CopyJobState::Completed | CopyJobState::Failed | CopyJobState::Partial
        )
    }

    pub fn can_become(self, next: CopyJobState) -> bool {
        use CopyJobState::*;
        matches!(
            (self, next),
            (Created, Running | Failed) | (Running, Completed | Failed | Partial)
        )
    }
}

/// RestoreJobStatus, with the CREATED state the summaries and the EventBridge sample add.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RestoreJobState {
    Created,
    Pending,
    Running,
    Completed,
    Aborted,
    Failed,
}

impl RestoreJobState {
    pub fn outcome(self) -> JobOutcome {
        match self {
            RestoreJobState::Completed => JobOutcome::Completed,
            RestoreJobState::Failed | RestoreJobState::Aborted => JobOutcome::Failed,
            RestoreJobState::Created | RestoreJobState::Pending | RestoreJobState::Running => {
                JobOutcome::Going
            }
        }
    }

    pub const ALL: [RestoreJobState; 6] = [
        RestoreJobState::Created,
        RestoreJobState::Pending,
        RestoreJobState::Running,
        RestoreJobState::Completed,
        RestoreJobState::Aborted,
        RestoreJobState::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RestoreJobState::Created => "CREATED",
            RestoreJobState::Pending => "PENDING",
            RestoreJobState::Running => "RUNNING",
            RestoreJobState::Completed => "COMPLETED",
            RestoreJobState::Aborted => "ABORTED",
            RestoreJobState::Failed => "FAILED",
        }
    }

    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            RestoreJobState::Completed | RestoreJobState::Aborted | RestoreJobState::Failed
        )
    }

    pub fn can_become(self, next: RestoreJobState) -> bool {
        use RestoreJobState::*;
        matches!(
            (self, next),
            (Created, Pending)
                | (Pending, Running | Failed | Aborted)
                | (Running, Completed | Failed | Aborted)
        )
    }
}

macro_rules! job_state {
    ($($state:ty: $kind:literal),*) => {$(
        impl JobState for $state {
            const ALL: &'static [Self] = &<$state>::ALL;
            const KIND: &'static str = $kind;
            fn as_str(self) -> &'static str {
                <$state>::as_str(self)
            }
            fn is_terminal(self) -> bool {
                <$state>::is_terminal(self)
            }
            fn can_become(self, next: Self) -> bool {
                <$state>::can_become(self, next)
            }
            fn index(self) -> usize {
                // The variants are declared in `ALL`'s order (job_log's tests check).
                self as usize
            }
        }
    )*};
}

job_state!(
    BackupJobState: "Backup job",
    CopyJobState: "Copy job",
    RestoreJobState: "Restore job"
);

/// A backup job: one resource, one rule run (or one on-demand request).
#[derive(Clone, Debug, PartialEq)]
pub struct BackupJob {
    pub id: Uuid,
    pub state: BackupJobState,
    /// Every state the job has been in, with when it entered it.
    pub history: History<BackupJobState, 5>,
    pub resource: usize,
    /// The target vault, if it exists (a job into a vault that does not exist fails).
    pub vault: Option<usize>,
    /// The target vault's ARN, existing or not, as an index: see [`super::Simulation::vault_arn`].
    pub vault_arn: u32,
    /// The plan rule and IAM role, as an index into [`crate::world::World::origins`].
    pub origin: u32,
    pub creation: DateTime<Utc>,
    /// Scheduled time + StartWindowMinutes.
    pub start_by: DateTime<Utc>,
    /// Scheduled time + CompletionWindowMinutes (StartBackupJob's reading of the window).
    pub complete_by: DateTime<Utc>,
    pub completion: Option<DateTime<Utc>>,
    pub backup_size_bytes: u64,
    pub bytes_transferred: u64,
    pub status_message: String,
    /// The lifecycle its recovery point gets.
    pub lifecycle: Lifecycle,
    /// The rule that made it, as (plan, rule) indexes, for its copy actions; none on demand.
    pub rule: Option<(usize, usize)>,
    /// A continuous backup (point-in-time recovery) rather than a snapshot.
    pub continuous: bool,
    /// The logically air-gapped vault (an index, as `vault_arn`) its temporary recovery point is
    /// copied to, for a rule whose primary target that vault is.
    pub air_gapped_target: Option<u32>,
    pub recovery_point: Option<u32>,
    /// How many times the job retried to start (every 10 minutes while its resource was busy).
    pub retry_count: u32,
    /// When a running job is expected to finish (the model's duration).
    pub expected_completion: Option<DateTime<Utc>>,
}

/// A copy job: one recovery point into one destination vault. It keeps what its events need of
/// the source, which may be deleted before the copy ends.
#[derive(Clone, Debug, PartialEq)]
pub struct CopyJob {
    pub id: Uuid,
    pub state: CopyJobState,
    pub history: History<CopyJobState, 3>,
    pub source_recovery_point: u32,
    /// What the source's ARN is made from (events name the source, which may be gone by then).
    pub source_name: PointName,
    pub source_vault: usize,
    pub resource: usize,
    /// The destination's ARN, existing or not, as an index: see [`super::Simulation::vault_arn`].
    pub destination_vault_arn: u32,
    pub destination_vault: Option<usize>,
    pub origin: u32,
    pub creation: DateTime<Utc>,
    pub completion: Option<DateTime<Utc>>,
    pub backup_size_bytes: u64,
    /// When the source's data is from, and whether it carries a corruption: what the copy
    /// carries over, kept here as the source may be deleted before the copy ends.
    pub source_data_time: DateTime<Utc>,
    pub source_corrupted: bool,
    pub status_message: String,
    /// The copy's lifecycle (the copy action's, or the source's).
    pub lifecycle: Lifecycle,
    pub destination_recovery_point: Option<u32>,
    /// The rule (plan, rule) whose copy actions run from the copy once it completes: the copy
    /// of a temporary point into an air-gapped primary target.
    pub then_copy_actions_of: Option<(u32, u32)>,
    /// The source is a temporary point (`DELETE_AFTER_COPY`), deleted once copied.
    pub delete_source_when_copied: bool,
    /// Since when the copy has been retried after a system error (the destination or source
    /// Region down): it fails after two hours of it.
    pub retrying_since: Option<DateTime<Utc>>,
}

/// A restore job: a new resource (or, for S3 and EFS, data in an existing one) from a recovery
/// point.
#[derive(Clone, Debug, PartialEq)]
pub struct RestoreJob {
    pub id: Uuid,
    pub state: RestoreJobState,
    pub history: History<RestoreJobState, 4>,
    pub recovery_point: u32,
    /// The recovery point's ARN when the restore started.
    pub recovery_point_arn: String,
    pub vault: usize,
    /// The resource the recovery point protects.
    pub resource: usize,
    pub iam_role_arn: Arc<str>,
    pub metadata: BTreeMap<String, String>,
    /// For a continuous recovery point: the second to restore to.
    pub restore_time: Option<DateTime<Utc>>,
    pub creation: DateTime<Utc>,
    pub completion: Option<DateTime<Utc>>,
    pub backup_size_bytes: u64,
    pub status_message: String,
    pub created_resource_arn: Option<String>,
    /// Where clients reach the restored resource (an RDS endpoint, an EFS DNS name), if it has
    /// one.
    pub endpoint: Option<String>,
    /// The restored data carries the corruption of the resource at the time it was backed up.
    pub corrupted: bool,
    /// A restore testing plan started it: its validation and clean-up.
    pub test: Option<Box<super::RestoreTest>>,
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
    fn restore_jobs_end_only_once() {
        for from in RestoreJobState::ALL.into_iter().filter(|s| s.is_terminal()) {
            for to in RestoreJobState::ALL {
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
