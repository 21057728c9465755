//! The simulation the page shows and how time moves it: every move — play, a step, a jump, the
//! scrubber, a fault injected — sets where time is headed, and the simulation gets there in
//! slices of a few milliseconds, one slice a frame, so the page never stops answering however
//! far ahead it has to simulate. Going back runs the scenario again from its start: it is
//! deterministic, so it comes to the same moment with the same events.

use std::collections::VecDeque;

use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;
use serde_json::Value;
use vaultsim_core::Diagnostic;
use vaultsim_core::console::run::{Printed, run_with};
use vaultsim_core::engine::{Answer, Caller, Event, MadeCall, Simulation};
use vaultsim_core::scenario::parse_time;

use super::faults::Failure;
use super::source::{Carried, LinkParams, Source};
use crate::format::time;
use crate::url_state;

/// The work done in one frame before the page gets it back, in milliseconds.
const SLICE_MS: f64 = 12.0;
/// Steps taken between two looks at the clock: a step is microseconds and `performance.now()`
/// less, so the clock is looked at often and a slice ends close to its budget.
const STEPS_PER_LOOK: usize = 16;
/// While time plays, the URL and the browser's storage are written at most this often, in
/// milliseconds (ten moves a second would each rewrite the history entry and the storage);
/// pausing writes them at once.
const KEEP_WHILE_PLAYING_MS: f64 = 1000.0;
/// Once the simulation holds this many events, the page takes them over, keeps the newest
/// [`KEPT_EVENTS`] for the log and the download and lets older ones go — and the engine lets go
/// of jobs ended more than 30 days ago (AWS lists jobs for 30 days) — so a fleet's long run
/// stays within a browser tab's memory. The small built-ins (tens of thousands of events in
/// years) never come near it, and keep their whole run.
const TAKE_AT: usize = 100_000;
const KEPT_EVENTS: usize = 100_000;
/// How far ahead of its start a run may be taken: a jump further is refused.
const MAX_RUN_DAYS: i64 = 5 * 366;
/// Where the simulator's last state (its URL query) is kept, to come back to on the next visit.
const STATE_KEY: &str = "vaultsim.simulator.state";
/// The URL parameters the simulator owns.
const PARAMS: [&str; 6] = ["scenario", "custom", "at", "fail", "pattern", "calls"];

/// Why a scenario asked for cannot run: the diagnostics, and the text they point into — the
/// scenario document's, or the plan's from the plan editor.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Problems {
    pub what: &'static str,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Problems {
    pub fn scenario(text: String, diagnostics: Vec<Diagnostic>) -> Option<Problems> {
        Some(Problems {
            what: "scenario",
            text,
            diagnostics,
        })
    }
}

/// How far a simulation ahead has got, for the progress bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Progress {
    pub from: DateTime<Utc>,
    pub at: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl Progress {
    pub fn fraction(&self) -> f64 {
        let whole = (self.to - self.from).num_seconds().max(1) as f64;
        ((self.at - self.from).num_seconds() as f64 / whole).clamp(0.0, 1.0)
    }
}

/// The simulator's state, as signals: copied freely into every handler.
#[derive(Clone, Copy)]
pub(crate) struct Run {
    pub source: RwSignal<Source>,
    pub failures: RwSignal<Vec<Failure>>,
    pub simulation: StoredValue<Option<Simulation>>,
    /// The newest events of the run, oldest first: at most [`KEPT_EVENTS`].
    pub events: StoredValue<VecDeque<Event>>,
    /// Bumped whenever the simulation has moved, so that what shows it redraws.
    pub moved: RwSignal<u64>,
    /// What is wrong with the scenario last asked for; the last good simulation stays shown.
    pub problems: RwSignal<Option<Problems>>,
    /// Where time is headed, while the simulation is on its way there.
    target: StoredValue<Option<DateTime<Utc>>>,
    /// Set while a simulation ahead takes more than a frame.
    pub progress: RwSignal<Option<Progress>>,
    /// When the scenario starts (the scrubber's beginning): the shown simulation's start, kept
    /// as a signal by [`Run::set_simulation`] so that what shows it redraws.
    pub start: RwSignal<DateTime<Utc>>,
    /// The furthest moment this run has been to: the scrubber's end.
    pub furthest: RwSignal<DateTime<Utc>>,
    pub pattern_text: RwSignal<String>,
    /// The URL parameters that bring the source back, written once per source (a custom
    /// document is deflated), and whether the link carries it.
    pub link: RwSignal<(LinkParams, Carried)>,
    /// Which of the frame loops is the live one: a loop whose number is not this one stops.
    driver: StoredValue<u64>,
    /// How many simulations have been shown: an event is known by this and its sequence.
    generation: StoredValue<u64>,
    /// Set while time plays: the state is then written out at most once a second.
    playing: StoredValue<bool>,
    /// When the state was last written out (`performance.now()`).
    kept_at: StoredValue<f64>,
    /// Bumped each time the state is written to the URL: the share link shows the URL.
    pub kept: RwSignal<u64>,
    /// The calls made from the console, in the order made: a run taken again from its start
    /// makes each again at its moment, as it does the faults injected.
    calls: StoredValue<Vec<MadeCall>>,
    /// How many of [`Run::calls`] the shown simulation has made.
    calls_made: StoredValue<usize>,
    /// The console's commands, each with its exit status, in the order run: what a lesson's
    /// goal may ask about.
    pub commands: RwSignal<Vec<(String, i32)>>,
    /// Whether the state is written to the URL and kept for the next visit (the Simulate
    /// panel's run); a lesson's run keeps its own.
    in_url: bool,
    /// The files the console reads as `file://NAME`: a lesson's.
    files: StoredValue<Vec<(String, String)>>,
    /// How many times the run was started over ([`Run::start_over`]), for
    /// [`Run::on_start_over`].
    restarts: RwSignal<u64>,
}

impl Run {
    /// The run a link (or the last visit) asks for.
    pub fn from_url(fallback: &'static str) -> Run {
        // A bare link to the panel comes back to where the user left it.
        if PARAMS.iter().all(|p| url_state::get(p).is_none())
            && let Some(saved) = url_state::load(STATE_KEY)
            && let Ok(params) = web_sys::UrlSearchParams::new_with_str(&saved)
        {
            let values: Vec<(&str, Option<String>)> =
                PARAMS.iter().map(|p| (*p, params.get(p))).collect();
            let changes: Vec<(&str, Option<&str>)> =
                values.iter().map(|(p, v)| (*p, v.as_deref())).collect();
            url_state::update(&changes, url_state::History::Replace);
        }
        let failures = url_state::get("fail")
            .map(|f| super::faults::from_url(&f))
            .unwrap_or_default();
        // A link whose scenario cannot run says why, over the guide's example.
        let mut problems = None;
        let linked = Source::from_url().and_then(|source| match build(&source, &failures) {
            Ok(simulation) => Some((source, Some(simulation))),
            Err(diagnostics) => {
                problems = Problems::scenario(source.text(), diagnostics);
                None
            }
        });
        let (source, simulation) = linked.unwrap_or_else(|| {
            let source = Source::builtin(fallback)
                .unwrap_or(Source::Builtin(vaultsim_core::scenario::BUILTINS[0]));
            let simulation = build(&source, &failures).ok();
            (source, simulation)
        });
        let run = Run::new(source, simulation, failures, problems, true);
        // The console's calls the link carries are made again as time passes them.
        if let Some(Value::Array(calls)) =
            url_state::get("calls").and_then(|c| serde_json::from_str(&c).ok())
        {
            let calls: Vec<MadeCall> = calls.iter().filter_map(MadeCall::from_json).collect();
            run.calls.set_value(calls);
        }
        // The link's moment as the page writes it: RFC 3339, read as a scenario's times are.
        if let Some(at) = url_state::get("at").and_then(|t| parse_time(&t)) {
            run.go_to(at);
        }
        run
    }

    /// A lesson's run: `source` from its start, headed for `at`, kept out of the URL, its
    /// console reading the lesson's `files`.
    pub fn for_lesson(
        source: Source,
        at: DateTime<Utc>,
        files: Vec<(String, String)>,
    ) -> Result<Run, Vec<Diagnostic>> {
        let simulation = build(&source, &[])?;
        let run = Run::new(source, Some(simulation), Vec::new(), None, false);
        run.files.set_value(files);
        run.go_to(at);
        Ok(run)
    }

    fn new(
        source: Source,
        simulation: Option<Simulation>,
        failures: Vec<Failure>,
        problems: Option<Problems>,
        in_url: bool,
    ) -> Run {
        let start = simulation
            .as_ref()
            .map(Simulation::start)
            .unwrap_or_default();
        let source = RwSignal::new(source);
        let run = Run {
            source,
            failures: RwSignal::new(failures),
            simulation: StoredValue::new(simulation),
            events: StoredValue::new(VecDeque::new()),
            moved: RwSignal::new(0),
            problems: RwSignal::new(problems),
            target: StoredValue::new(None),
            progress: RwSignal::new(None),
            start: RwSignal::new(start),
            furthest: RwSignal::new(start),
            // A lesson's log starts unfiltered, whatever the Simulate panel's link says.
            pattern_text: RwSignal::new(if in_url {
                url_state::get("pattern").unwrap_or_default()
            } else {
                String::new()
            }),
            link: RwSignal::new(source.with_untracked(Source::params_in_url)),
            driver: StoredValue::new(0),
            generation: StoredValue::new(0),
            playing: StoredValue::new(false),
            kept_at: StoredValue::new(f64::NEG_INFINITY),
            kept: RwSignal::new(0),
            calls: StoredValue::new(Vec::new()),
            calls_made: StoredValue::new(0),
            commands: RwSignal::new(Vec::new()),
            in_url,
            files: StoredValue::new(Vec::new()),
            restarts: RwSignal::new(0),
        };
        // The link follows the source: a custom document is deflated by the browser, after
        // which the URL is written again (a newer source by then wins).
        Effect::new(move |first: Option<()>| {
            let now = source.get();
            if first.is_some() {
                leptos::task::spawn_local(async move {
                    let params = now.url_params().await;
                    if source.with_untracked(|s| *s == now) {
                        run.link.set(params);
                        run.keep();
                    }
                });
            }
        });
        run
    }

    /// Calls `f` on each event of the run the page still has, the newest first, with the
    /// simulation to write it, until `f` says stop.
    pub fn each_event_newest_first(self, mut f: impl FnMut(&Simulation, &Event) -> bool) {
        self.simulation.with_value(|s| {
            let Some(s) = s else {
                return;
            };
            self.events.with_value(|kept| {
                for event in s.events().iter().rev().chain(kept.iter().rev()) {
                    if !f(s, event) {
                        return;
                    }
                }
            })
        })
    }

    /// How many events the page still has, and how many the run has recorded.
    pub fn event_totals(self) -> (usize, u64) {
        let kept = self.events.with_value(VecDeque::len);
        self.simulation.with_value(|s| {
            s.as_ref()
                .map_or((0, 0), |s| (kept + s.events().len(), s.events_recorded()))
        })
    }

    /// The simulated time now; the start's when there is no simulation.
    pub fn now(self) -> Option<DateTime<Utc>> {
        self.simulation
            .with_value(|s| s.as_ref().map(Simulation::now))
    }

    /// Where time is headed: the target of a move under way, or now.
    fn headed_for(self) -> Option<DateTime<Utc>> {
        self.target.get_value().or_else(|| self.now())
    }

    /// True while the simulation is on its way to where time is headed.
    pub fn busy(self) -> bool {
        self.target.get_value().is_some()
    }

    /// Runs `source` from its start with no faults injected; a source that cannot run leaves
    /// the simulation shown as it was and says why.
    pub fn load(self, source: Source) -> bool {
        let loaded = self.switch_to(source, &[]);
        if loaded {
            self.target.set_value(None);
            self.progress.set(None);
            self.failures.set(Vec::new());
            self.calls.set_value(Vec::new());
            self.commands.set(Vec::new());
            self.moved_on();
        }
        loaded
    }

    /// Runs `source` instead, keeping the faults injected and the moment shown: a plan edited
    /// in the plan editor, seen at the same moment. A source that cannot run leaves the
    /// simulation as it was and says why.
    pub fn replace(self, source: Source) {
        let now = self.headed_for();
        let failures = self.failures.get_untracked();
        if self.switch_to(source, &failures) {
            match now {
                Some(now) => self.go_to(now),
                None => self.moved_on(),
            }
        }
    }

    /// Shows `source` at its start with `failures` injected; or, when it cannot run, says why
    /// and leaves the simulation shown as it was.
    fn switch_to(self, source: Source, failures: &[Failure]) -> bool {
        match build(&source, failures) {
            Ok(simulation) => {
                self.problems.set(None);
                self.furthest.set(simulation.start());
                self.set_simulation(simulation);
                self.source.set(source);
                true
            }
            Err(diagnostics) => {
                self.problems
                    .set(Problems::scenario(source.text(), diagnostics));
                false
            }
        }
    }

    /// Adds a fault and runs the scenario again to the same moment: the same events up to now,
    /// and the fault ahead.
    pub fn inject(self, failure: Failure) {
        let Some(now) = self.headed_for() else {
            return;
        };
        self.failures.update(|f| f.push(failure));
        self.restart();
        self.go_to(now);
    }

    /// The run from its start again with nothing the user did (faults, console calls and
    /// commands), headed for `at`: a lesson started over.
    pub fn start_over(self, at: DateTime<Utc>) {
        if self.load(self.source.get_untracked()) {
            self.restarts.update(|n| *n += 1);
            self.go_to(at);
        }
    }

    /// Runs `f` each time the run is started over: what waits on the run (a console's queued
    /// commands, a lesson's question) begins again.
    pub fn on_start_over(self, f: impl Fn() + 'static) {
        Effect::new(move |first: Option<()>| {
            self.restarts.track();
            if first.is_some() {
                untrack(&f);
            }
        });
    }

    /// The run from its start again, with the faults injected.
    fn restart(self) {
        let simulation = self
            .source
            .with_untracked(|source| self.failures.with_untracked(|f| build(source, f)));
        if let Ok(simulation) = simulation {
            self.set_simulation(simulation);
        }
    }

    /// How many simulations have been shown: with an event's sequence, it tells the event from
    /// one of an earlier run (going back runs the scenario anew).
    pub fn generation(self) -> u64 {
        self.generation.get_value()
    }

    /// Shows `simulation`, at its start: no events yet.
    fn set_simulation(self, simulation: Simulation) {
        self.generation.update_value(|g| *g += 1);
        self.calls_made.set_value(0);
        self.start.set(simulation.start());
        self.simulation.set_value(Some(simulation));
        self.events.update_value(VecDeque::clear);
    }

    /// Once the simulation holds many events, moves them into the page's log, letting the
    /// oldest go.
    fn collect_events(self) {
        let taken = self
            .simulation
            .try_update_value(|s| {
                s.as_mut()
                    .filter(|s| s.events().len() >= TAKE_AT)
                    .map(Simulation::take_events)
            })
            .flatten()
            .unwrap_or_default();
        if taken.is_empty() {
            return;
        }
        self.events.update_value(|kept| {
            kept.extend(taken);
            let over = kept.len().saturating_sub(KEPT_EVENTS);
            kept.drain(..over);
        });
    }

    /// Heads for `to`, within the run: behind now, the run starts again.
    pub fn go_to(self, to: DateTime<Utc>) {
        let start = self.start.get_untracked();
        let to = to.clamp(start, last_moment(start));
        if self.now().is_some_and(|now| to < now) {
            self.restart();
        }
        let was_idle = self.target.get_value().is_none();
        self.target.set_value(Some(to));
        if was_idle {
            // A loop left waiting for a frame by a load stops when it sees it is not this one.
            self.driver.update_value(|d| *d += 1);
            let from = self.now().unwrap_or(to);
            self.slice(self.driver.get_value(), from);
        }
    }

    /// Moves time on by `by` from where it is headed.
    pub fn advance(self, by: Duration) {
        if let Some(to) = self
            .headed_for()
            .and_then(|from| from.checked_add_signed(by))
        {
            self.go_to(to);
        }
    }

    /// Carries out the next action, whenever it is.
    pub fn step(self) {
        if self.busy() {
            return;
        }
        let next = self
            .simulation
            .with_value(|s| s.as_ref().and_then(Simulation::next_at));
        if let Some(next) = next {
            self.go_to(next);
        }
    }

    /// One frame's work towards the target; the next frame takes up the rest.
    fn slice(self, driver: u64, from: DateTime<Utc>) {
        // The panel may have gone (and its state with it) since the frame was asked for.
        if self.simulation.is_disposed() || self.driver.get_value() != driver {
            return;
        }
        let Some(to) = self.target.get_value() else {
            return;
        };
        let clock = web_sys::window().and_then(|w| w.performance());
        let elapsed = {
            let started = clock.as_ref().map_or(0.0, |c| c.now());
            move || clock.as_ref().map_or(0.0, |c| c.now()) - started
        };
        let arrived = self.simulation.try_update_value(|s| {
            let Some(s) = s else {
                return true;
            };
            self.calls.with_value(|calls| {
                let mut made = self.calls_made.get_value();
                let arrived = 'slice: loop {
                    for _ in 0..STEPS_PER_LOOK {
                        // A console call comes after every action due at its moment, as when
                        // it was first made.
                        let call = calls.get(made).filter(|c| c.at <= to);
                        match (s.next_at().filter(|at| *at <= to), call) {
                            (Some(at), Some(call)) if at > call.at => {
                                s.make_again(call);
                                made += 1;
                            }
                            (None, Some(call)) => {
                                s.make_again(call);
                                made += 1;
                            }
                            (Some(_), _) => {
                                s.step();
                            }
                            (None, None) => {
                                s.run_until(to);
                                break 'slice true;
                            }
                        }
                    }
                    if elapsed() > SLICE_MS {
                        break false;
                    }
                };
                self.calls_made.set_value(made);
                arrived
            })
        });
        self.collect_events();
        if arrived != Some(false) {
            self.target.set_value(None);
            if self.progress.get_untracked().is_some() {
                // After a simulation ahead, the page is redrawn in a task of its own.
                request_animation_frame(move || {
                    if !self.simulation.is_disposed() {
                        self.progress.set(None);
                        self.moved_on();
                    }
                });
            } else {
                self.moved_on();
            }
            return;
        }
        // The target may have moved while this slice ran (play); the bar shows the latest.
        let at = self.now().unwrap_or(to);
        self.progress.set(Some(Progress { from, at, to }));
        request_animation_frame(move || self.slice(driver, from));
    }

    /// Runs a console command (no `sleep`: the console moves time with [`Run::advance`]) against
    /// the simulation at its moment, keeping the call it makes for a run taken anew, and redraws
    /// what shows the simulation.
    pub fn console(self, command: &str) -> Option<Printed> {
        let files = self.files;
        let read = move |name: &str| files.with_value(|f| vaultsim_core::lesson::file_in(f, name));
        let printed = self
            .simulation
            .try_update_value(|s| s.as_mut().map(|s| run_with(s, command, &read)))
            .flatten()?;
        self.commands
            .update(|commands| commands.push((command.to_string(), printed.status)));
        if let Some(call) = &printed.made {
            self.remember(call.clone());
        }
        // A waiter moves time within the command. Calls still ahead (time went back past them)
        // whose moment it passed were not made on the way: they are dropped, so that taking
        // the run anew gives what happened now.
        if let Some(now) = self.now() {
            let made = self.calls_made.get_value();
            self.calls.update_value(|calls| {
                let ahead = calls.split_off(made.min(calls.len()));
                calls.extend(ahead.into_iter().filter(|call| call.at >= now));
            });
        }
        self.moved_on();
        Some(printed)
    }

    /// Makes a call now as `caller` (what a person does outside the console, such as
    /// confirming a subscription from its mail), kept for a run taken anew, and redraws.
    pub fn call(self, caller: Caller, operation: &str, input: Value) -> Option<Answer> {
        let answer = self
            .simulation
            .try_update_value(|s| s.as_mut().map(|s| s.call_now(&caller, operation, &input)))
            .flatten()?;
        if matches!(answer, Answer::Response(_) | Answer::Error(_))
            && let Some(at) = self.now()
        {
            self.remember(MadeCall {
                at,
                caller,
                operation: operation.to_string(),
                input,
            });
        }
        self.moved_on();
        Some(answer)
    }

    /// Keeps a call just made, after the calls made so far and before those still ahead (time
    /// went back past them): the list stays in the order the calls are made in.
    fn remember(self, call: MadeCall) {
        let made = self.calls_made.get_value();
        self.calls.update_value(|calls| calls.insert(made, call));
        self.calls_made.set_value(made + 1);
    }

    /// Redraws what shows the simulation and writes the state to the URL and storage.
    pub fn moved_on(self) {
        if let Some(now) = self.now() {
            self.furthest.update(|f| *f = (*f).max(now));
        }
        self.moved.update(|m| *m += 1);
        if !self.playing.get_value() || now_ms() - self.kept_at.get_value() >= KEEP_WHILE_PLAYING_MS
        {
            self.keep();
        }
    }

    /// Says whether time is playing; when it stops, the state it stopped at is written out.
    pub fn set_playing(self, playing: bool) {
        self.playing.set_value(playing);
        if !playing {
            self.keep();
        }
    }

    /// The URL follows the state (it is the share link), and the browser's storage keeps it for
    /// the next visit.
    pub fn keep(self) {
        if !self.in_url {
            self.kept.update(|k| *k += 1);
            return;
        }
        let now = self.now().map(time);
        let pattern = self.pattern_text.get_untracked();
        let fail = self.failures.with_untracked(|f| super::faults::to_url(f));
        let ([scenario, custom], _) = self.link.get_untracked();
        // The calls made from the console, so that the link shows what they did.
        let calls = self.calls.with_value(|calls| {
            (!calls.is_empty())
                .then(|| Value::Array(calls.iter().map(MadeCall::to_json).collect()).to_string())
        });
        let changes: [(&str, Option<&str>); 6] = [
            (scenario.0, scenario.1.as_deref()),
            (custom.0, custom.1.as_deref()),
            ("at", now.as_deref()),
            ("fail", fail.as_deref()),
            (
                "pattern",
                (!pattern.trim().is_empty()).then_some(pattern.as_str()),
            ),
            ("calls", calls.as_deref()),
        ];
        url_state::update(&changes, url_state::History::Replace);
        let params = web_sys::UrlSearchParams::new().ok();
        if let Some(params) = params {
            for (name, value) in changes {
                if let Some(value) = value {
                    params.set(name, value);
                }
            }
            url_state::store(STATE_KEY, &String::from(params.to_string()));
        }
        self.kept_at.set_value(now_ms());
        self.kept.update(|k| *k += 1);
    }
}

/// Inflates the scenario a link carries, or the last visit's state does, before the page reads
/// the URL: the browser inflates only asynchronously.
pub async fn inflate_linked() {
    let saved = url_state::load(STATE_KEY)
        .and_then(|saved| web_sys::UrlSearchParams::new_with_str(&saved).ok())
        .and_then(|params| params.get("custom"));
    for data in [url_state::get("custom"), saved].into_iter().flatten() {
        super::source::inflate_ahead(&data).await;
    }
}

/// The page's clock, in milliseconds.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The last moment a run starting at `start` may be taken to.
pub(super) fn last_moment(start: DateTime<Utc>) -> DateTime<Utc> {
    start
        .checked_add_signed(Duration::days(MAX_RUN_DAYS))
        .unwrap_or(start)
}

/// The most resources a run follows the RPO of, for the incident card's chart.
pub(super) const CHARTED_RESOURCES: usize = 50;

/// A new simulation of `source` with `failures` added to its faults, at its start.
fn build(source: &Source, failures: &[Failure]) -> Result<Simulation, Vec<Diagnostic>> {
    let mut scenario = source.scenario()?;
    scenario.faults.extend(failures.iter().map(Failure::spec));
    let mut simulation = Simulation::new(&scenario).map_err(|mut diagnostics| {
        // The engine sees the scenario, not its text: place what it found by its pointer.
        vaultsim_core::scenario::place_diagnostics(&source.text(), &mut diagnostics);
        diagnostics
    })?;
    // The incident card's chart of each resource's RPO through the run: drawn for scenarios
    // small enough to chart (a fleet's thousands would cost the run and fit no chart).
    if simulation.world().resources.len() <= CHARTED_RESOURCES {
        simulation.watch_every_rpo();
    }
    Ok(simulation)
}
