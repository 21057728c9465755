//! The job log: what backup, copy and restore jobs have in common. Every kind of job has a state
//! (the API's enum), moves only along the transitions data/reference/state-machines.json lists,
//! keeps the states it went through with when it entered each, and sends an event on each move;
//! the log counts its jobs in each state over the whole run and keeps them for 30 days. The
//! kinds themselves (their states, fields and transition tables) are in `jobs`; what each kind
//! does in between is in `backup`, `copy` and `restore`.

use std::collections::VecDeque;
use std::fmt::Debug;
use std::marker::PhantomData;

use chrono::{DateTime, Utc};

use super::jobs::JobOutcome;
use super::{
    Action, BackupJob, BackupJobState, CopyJob, CopyJobState, RestoreJob, RestoreJobState,
    RunningJob, Simulation, Subject, job_index, timing,
};
use crate::random::Uuid;

/// The most states a kind of job has (a backup job's nine).
const MOST_STATES: usize = 9;

/// A kind of job's state, as the API's enum names it, with the transitions between states.
pub trait JobState: Copy + Eq + Debug + 'static {
    /// Every state, in the API's order; a job is created in the first (CREATED).
    const ALL: &'static [Self];
    /// The kind of job, in words ("Backup job").
    const KIND: &'static str;
    /// The state's name in the API.
    fn as_str(self) -> &'static str;
    /// Whether the job has ended.
    fn is_terminal(self) -> bool;
    /// Whether state-machines.json lists the move from `self` to `next`.
    fn can_become(self, next: Self) -> bool;
    /// The state's place in [`JobState::ALL`].
    fn index(self) -> usize;
}

/// The states a job has been in and when it entered each, kept inline: a job passes through at
/// most `N` states, and a year of a large fleet makes millions of jobs, so no allocation per job.
/// Times are whole seconds after the first entry (the simulation's times are whole seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct History<S: Copy, const N: usize> {
    first: DateTime<Utc>,
    after: [u32; N],
    states: [S; N],
    len: u8,
}

impl<S: Copy, const N: usize> History<S, N> {
    pub fn new(at: DateTime<Utc>, state: S) -> Self {
        History {
            first: at,
            after: [0; N],
            states: [state; N],
            len: 1,
        }
    }

    /// Adds a state entered at `at`; a job never has more than `N` (its longest documented path).
    pub fn push(&mut self, at: DateTime<Utc>, state: S) {
        let i = usize::from(self.len);
        assert!(i < N, "a job entered more states than its longest path");
        let seconds = (at - self.first)
            .num_seconds()
            .clamp(0, i64::from(u32::MAX));
        self.after[i] = seconds as u32;
        self.states[i] = state;
        self.len += 1;
    }

    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Each state with when it was entered, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (DateTime<Utc>, S)> + '_ {
        (0..self.len()).map(|i| {
            (
                self.first + chrono::Duration::seconds(i64::from(self.after[i])),
                self.states[i],
            )
        })
    }

    pub fn last(&self) -> (DateTime<Utc>, S) {
        self.iter()
            .next_back()
            .expect("a history has its first state")
    }
}

/// What every kind of job has, for what shows backup, copy and restore jobs alike (a timeline,
/// an inspector).
pub trait Job {
    fn id(&self) -> Uuid;
    /// The resource the job is about (a copy's and a restore's: the source point's).
    fn resource(&self) -> usize;
    fn creation(&self) -> DateTime<Utc>;
    fn completion(&self) -> Option<DateTime<Utc>>;
    /// The state's name in the API.
    fn state_name(&self) -> &'static str;
    /// How its state stands: going, or ended well, partly or badly.
    fn outcome(&self) -> JobOutcome;
    /// The states it went through, with when it entered each.
    fn path(&self) -> Vec<(DateTime<Utc>, &'static str)>;
    fn status_message(&self) -> &str;
}

/// A job the log keeps: its state, and how it enters the next.
pub trait LoggedJob: Job {
    type State: JobState;
    fn state(&self) -> Self::State;
    /// Enters `state` at `at`: the state, its history and, when the job ends, its completion.
    fn enter(&mut self, at: DateTime<Utc>, state: Self::State);
}

macro_rules! logged_job {
    ($($kind:ty: $state:ty),*) => {$(
        impl Job for $kind {
            fn id(&self) -> Uuid {
                self.id
            }
            fn resource(&self) -> usize {
                self.resource
            }
            fn creation(&self) -> DateTime<Utc> {
                self.creation
            }
            fn completion(&self) -> Option<DateTime<Utc>> {
                self.completion
            }
            fn state_name(&self) -> &'static str {
                self.state.as_str()
            }
            fn outcome(&self) -> JobOutcome {
                self.state.outcome()
            }
            fn path(&self) -> Vec<(DateTime<Utc>, &'static str)> {
                self.history.iter().map(|(t, state)| (t, state.as_str())).collect()
            }
            fn status_message(&self) -> &str {
                &self.status_message
            }
        }

        impl LoggedJob for $kind {
            type State = $state;
            fn state(&self) -> $state {
                self.state
            }
            fn enter(&mut self, at: DateTime<Utc>, state: $state) {
                debug_assert!(self.state.can_become(state), "{:?} -> {state:?}", self.state);
                self.state = state;
                self.history.push(at, state);
                if state.is_terminal() {
                    self.completion = Some(at);
                }
            }
        }
    )*};
}

logged_job!(
    BackupJob: BackupJobState,
    CopyJob: CopyJobState,
    RestoreJob: RestoreJobState
);

/// How many jobs of a kind are in each state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StateCounts<S> {
    counts: [u64; MOST_STATES],
    state: PhantomData<S>,
}

impl<S: JobState> StateCounts<S> {
    fn new(counts: [u64; MOST_STATES]) -> Self {
        StateCounts {
            counts,
            state: PhantomData,
        }
    }

    /// How many jobs are in `state`.
    pub fn get(&self, state: S) -> u64 {
        self.counts[state.index()]
    }

    /// Every state, in the API's order, with how many jobs are in it.
    pub fn iter(&self) -> impl Iterator<Item = (S, u64)> + '_ {
        S::ALL.iter().map(|&s| (s, self.get(s)))
    }

    /// Every job counted.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }
}

/// Jobs in the order they were made. AWS lists a job for 30 days ("for the last 30 days",
/// ListBackupJobs); the log keeps the same window once a job's events have been handed over, so
/// that a year of a large fleet stays in memory. A job's index never changes, and the counts per
/// state cover every job made, kept or let go.
#[derive(Clone, Debug)]
pub struct JobLog<T> {
    first: usize,
    jobs: VecDeque<T>,
    /// Jobs per state, by [`JobState::index`].
    counts: [u64; MOST_STATES],
}

impl<T> Default for JobLog<T> {
    fn default() -> Self {
        JobLog {
            first: 0,
            jobs: VecDeque::new(),
            counts: [0; MOST_STATES],
        }
    }
}

impl<T> JobLog<T> {
    fn push(&mut self, job: T) -> usize {
        self.jobs.push_back(job);
        self.first + self.jobs.len() - 1
    }

    /// The job at `index`, unless the log has let it go.
    pub fn get(&self, index: usize) -> Option<&T> {
        self.jobs.get(index.checked_sub(self.first)?)
    }

    pub fn get_mut(&mut self, index: usize) -> Option<&mut T> {
        self.jobs.get_mut(index.checked_sub(self.first)?)
    }

    /// Every job made, kept or let go.
    pub fn total(&self) -> usize {
        self.first + self.jobs.len()
    }

    /// How many jobs the log keeps.
    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// The jobs kept, oldest first.
    pub fn iter(&self) -> std::collections::vec_deque::Iter<'_, T> {
        self.jobs.iter()
    }

    /// The jobs kept, with their indexes.
    pub fn indexed(&self) -> impl DoubleEndedIterator<Item = (usize, &T)> + ExactSizeIterator {
        let first = self.first;
        self.jobs
            .iter()
            .enumerate()
            .map(move |(i, j)| (first + i, j))
    }

    /// Lets go of the oldest jobs while `done` says they are finished with.
    pub fn release_while(&mut self, done: impl Fn(&T) -> bool) {
        while self.jobs.front().is_some_and(&done) {
            self.jobs.pop_front();
            self.first += 1;
        }
    }
}

impl<T: LoggedJob> JobLog<T> {
    /// Adds a job in its first state (CREATED); returns its index.
    fn create(&mut self, job: T) -> usize {
        debug_assert!(job.state() == T::State::ALL[0], "a job starts in CREATED");
        self.counts[job.state().index()] += 1;
        self.push(job)
    }

    /// Moves a job to `state` at `at`, along a transition its kind allows.
    #[inline(always)]
    fn enter(&mut self, index: usize, state: T::State, at: DateTime<Utc>) -> &T {
        let job = index
            .checked_sub(self.first)
            .and_then(|i| self.jobs.get_mut(i))
            .expect("a job the log still keeps");
        self.counts[job.state().index()] -= 1;
        self.counts[state.index()] += 1;
        job.enter(at, state);
        job
    }

    /// How many jobs are in each state, over the whole run.
    pub fn counts(&self) -> StateCounts<T::State> {
        StateCounts::new(self.counts)
    }
}

impl<'a, T> IntoIterator for &'a JobLog<T> {
    type Item = &'a T;
    type IntoIter = std::collections::vec_deque::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.jobs.iter()
    }
}

impl<T> std::ops::Index<usize> for JobLog<T> {
    type Output = T;

    fn index(&self, index: usize) -> &T {
        self.get(index).expect("a job the log still keeps")
    }
}

impl<T> std::ops::IndexMut<usize> for JobLog<T> {
    fn index_mut(&mut self, index: usize) -> &mut T {
        self.get_mut(index).expect("a job the log still keeps")
    }
}

/// How many jobs of each kind are in each state, over the whole run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JobCounts {
    pub backup: StateCounts<BackupJobState>,
    pub copy: StateCounts<CopyJobState>,
    pub restore: StateCounts<RestoreJobState>,
}

impl JobCounts {
    /// Every job made.
    pub fn total(&self) -> u64 {
        self.backup.total() + self.copy.total() + self.restore.total()
    }
}

/// A kind of job as the simulation runs it: where its log is, the event each move sends, what
/// a new job does first, and whether a running job holds its resource.
pub(super) trait Kind: JobState {
    type Job: LoggedJob<State = Self>;
    fn log(simulation: &mut Simulation) -> &mut JobLog<Self::Job>;
    /// The event a job entering `state` sends.
    fn event(job: u32, state: Self) -> Subject;
    /// What a new job does after a short wait: try to start.
    fn start(job: usize) -> Action;
    /// The running job a job of this kind is for its resource, if it holds it: "Only one backup
    /// or copy job for a given resource can run at a time" (dg:recov-point-create-a-copy.html);
    /// a restore makes a new resource and holds none.
    fn holds_resource(job: usize) -> Option<RunningJob>;
}

impl Kind for BackupJobState {
    type Job = BackupJob;
    fn log(simulation: &mut Simulation) -> &mut JobLog<BackupJob> {
        &mut simulation.backup_jobs
    }
    fn event(job: u32, state: Self) -> Subject {
        Subject::BackupJob { job, state }
    }
    fn start(job: usize) -> Action {
        Action::StartBackup { job }
    }
    fn holds_resource(job: usize) -> Option<RunningJob> {
        Some(RunningJob::Backup(job))
    }
}

impl Kind for CopyJobState {
    type Job = CopyJob;
    fn log(simulation: &mut Simulation) -> &mut JobLog<CopyJob> {
        &mut simulation.copy_jobs
    }
    fn event(job: u32, state: Self) -> Subject {
        Subject::CopyJob { job, state }
    }
    fn start(job: usize) -> Action {
        Action::StartCopy { job }
    }
    fn holds_resource(job: usize) -> Option<RunningJob> {
        Some(RunningJob::Copy(job))
    }
}

impl Kind for RestoreJobState {
    type Job = RestoreJob;
    fn log(simulation: &mut Simulation) -> &mut JobLog<RestoreJob> {
        &mut simulation.restore_jobs
    }
    fn event(job: u32, state: Self) -> Subject {
        Subject::RestoreJob { job, state }
    }
    fn start(job: usize) -> Action {
        Action::StartRestore { job }
    }
    fn holds_resource(_: usize) -> Option<RunningJob> {
        None
    }
}

impl Simulation {
    /// Adds a job in CREATED, sends its event, and has it try to start shortly after.
    pub(super) fn create_job<J>(&mut self, job: J) -> usize
    where
        J: LoggedJob,
        J::State: Kind<Job = J>,
    {
        let now = self.now;
        let state = job.state();
        let index = J::State::log(self).create(job);
        self.record(J::State::event(job_index(index), state));
        let wait = timing::short_wait(&mut self.random);
        self.at(now + wait, J::State::start(index));
        index
    }

    /// Moves a job to `state` and sends its event; a backup or copy job that ends frees its
    /// resource for the next job waiting.
    #[inline(always)]
    pub(super) fn set_state<S: Kind>(&mut self, job: usize, state: S) {
        let now = self.now;
        let resource = S::log(self).enter(job, state, now).resource();
        self.record(S::event(job_index(job), state));
        if state.is_terminal()
            && let Some(running) = S::holds_resource(job)
        {
            self.resource_freed(resource, running);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_job_fits_the_counts() {
        assert!(BackupJobState::ALL.len() <= MOST_STATES);
        assert!(CopyJobState::ALL.len() <= MOST_STATES);
        assert!(RestoreJobState::ALL.len() <= MOST_STATES);
        for (i, s) in BackupJobState::ALL.iter().enumerate() {
            assert_eq!(JobState::index(*s), i);
        }
        for (i, s) in CopyJobState::ALL.iter().enumerate() {
            assert_eq!(JobState::index(*s), i);
        }
        for (i, s) in RestoreJobState::ALL.iter().enumerate() {
            assert_eq!(JobState::index(*s), i);
        }
    }

    #[test]
    fn the_job_log_keeps_indexes_when_it_lets_old_jobs_go() {
        let mut log = JobLog::default();
        for i in 0..5 {
            assert_eq!(log.push(i * 10), i);
        }
        log.release_while(|j| *j < 20);
        assert_eq!(log.total(), 5);
        assert_eq!(log.get(1), None);
        assert_eq!(log[2], 20);
        assert_eq!(log.indexed().map(|(i, _)| i).collect::<Vec<_>>(), [2, 3, 4]);
        assert_eq!(log.len(), 3);
        assert_eq!(log.push(50), 5);
    }
}
