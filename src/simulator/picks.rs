//! What the user picks while looking at a run — a job on the timeline (its kind and place in
//! the job log), what the inspector shows, the resource and the Region a fault would hit, the
//! part of the run the timeline shows — the state the simulator's cards share, each card reading
//! and setting it through here rather than through one another.

use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;
use vaultsim_core::engine::{Job, Simulation, StateMachine};

/// How far back the timeline shows: its zoom, from the end of what it shows.
pub(super) const ZOOMS: &[(&str, Option<i64>)] = &[
    ("a day", Some(1)),
    ("a week", Some(7)),
    ("30 days", Some(30)),
    ("the whole run", None),
];
/// The zoom a visit starts at: 30 days.
const FIRST_ZOOM: usize = 2;

/// The part of the run the timeline shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Window {
    /// Index into [`ZOOMS`].
    pub zoom: usize,
    /// Where the window ends; `None` follows the simulated time.
    pub end: Option<DateTime<Utc>>,
}

impl Default for Window {
    fn default() -> Window {
        Window {
            zoom: FIRST_ZOOM,
            end: None,
        }
    }
}

impl Window {
    /// The window's start and end in `s`'s run, from its start to now.
    pub fn span(self, s: &Simulation, start: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        let now = s.now().max(start + Duration::hours(1));
        let to = self
            .end
            .unwrap_or(now)
            .clamp(start + Duration::hours(1), now);
        let from = match ZOOMS[self.zoom.min(ZOOMS.len() - 1)].1 {
            Some(days) => (to - Duration::days(days)).max(start),
            None => start,
        };
        (from, to)
    }

    /// Moves the window by half its width, earlier (`direction` < 0) or later; reaching now, it
    /// follows the simulated time again.
    pub fn pan(&mut self, simulation: StoredValue<Option<Simulation>>, direction: i32) {
        let moved = simulation.with_value(|s| {
            let s = s.as_ref()?;
            let start = s.start();
            let (from, to) = self.span(s, start);
            let half = (to - from) / 2;
            let end = if direction < 0 { to - half } else { to + half };
            let end = end.max(start + (to - from));
            Some((end < s.now()).then_some(end))
        });
        if let Some(end) = moved {
            self.end = end;
        }
    }
}

/// What the inspector shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Inspect {
    Vault(usize),
    Resource(usize),
    /// A Region's resources of one type, drawn as one box.
    Group(Vec<usize>),
    /// A running plan, by its order in the scenario.
    Plan(usize),
    Job((JobKind, usize)),
}

/// What the user has picked while looking at the run — the job on the timeline, what the
/// inspector shows, the resource and the Region a fault would hit, the timeline's window — all let
/// go together when another scenario is loaded.
#[derive(Clone, Copy)]
pub(super) struct Picks {
    /// The job picked on the timeline, whose path the state diagram shows.
    pub job: RwSignal<Option<(JobKind, usize)>>,
    /// What the inspector shows: a vault, a resource, or the picked job.
    pub inspected: RwSignal<Option<Inspect>>,
    /// The resource (ARN) a fault would hit; the inspector chooses it too.
    pub resource: RwSignal<String>,
    pub region: RwSignal<String>,
    /// The timeline's window: the last 30 days up to now by default.
    pub window: RwSignal<Window>,
}

impl Picks {
    pub fn new() -> Picks {
        let picks = Picks {
            job: RwSignal::new(None),
            inspected: RwSignal::new(None),
            resource: RwSignal::new(String::new()),
            region: RwSignal::new(String::new()),
            window: RwSignal::new(Window::default()),
        };
        Effect::new(move |_| {
            if let Some(job) = picks.job.get() {
                picks.inspected.set(Some(Inspect::Job(job)));
            }
        });
        picks
    }

    pub fn forget(self) {
        self.job.set(None);
        self.inspected.set(None);
        self.resource.set(String::new());
        self.region.set(String::new());
        self.window.update(|w| w.end = None);
    }
}

/// The kinds of job, in the timeline's row order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum JobKind {
    Backup,
    Copy,
    Restore,
}

impl JobKind {
    pub fn name(self) -> &'static str {
        match self {
            JobKind::Backup => "backup",
            JobKind::Copy => "copy",
            JobKind::Restore => "restore",
        }
    }

    pub fn machine(self) -> StateMachine {
        match self {
            JobKind::Backup => StateMachine::backup_job(),
            JobKind::Copy => StateMachine::copy_job(),
            JobKind::Restore => StateMachine::restore_job(),
        }
    }
}

/// The job `job` picks, of whichever kind; none once the log has let it go.
pub(super) fn job(s: &Simulation, (kind, index): (JobKind, usize)) -> Option<&dyn Job> {
    match kind {
        JobKind::Backup => s.backup_jobs().get(index).map(|j| j as &dyn Job),
        JobKind::Copy => s.copy_jobs().get(index).map(|j| j as &dyn Job),
        JobKind::Restore => s.restore_jobs().get(index).map(|j| j as &dyn Job),
    }
}
