//! The player: simulated time and how the user moves it — play and pause at a speed, the next
//! event, an hour, a day or a week on, a date to go to, back to the start — and how far a run
//! ahead has got. [`Player`] is what other parts move time through (the timeline's keys and
//! scrubber, a new scenario pausing play); [`PlayerControls`] draws the controls.

use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;
use vaultsim_core::decimal::{Fixed, Shortest};
use vaultsim_core::time_text;

use super::run::{self, Run};
use crate::format::time;

/// Play speeds: simulated time per second of playing.
const SPEEDS: &[(&str, i64)] = &[
    ("1 hour a second", 3_600),
    ("6 hours a second", 6 * 3_600),
    ("1 day a second", 86_400),
    ("1 week a second", 7 * 86_400),
    ("1 month a second", 30 * 86_400),
    ("1 year a second", 365 * 86_400),
];
/// The speed a visit starts at: a day a second.
const FIRST_SPEED: usize = 2;
/// Playing moves time on this often (ten times a second).
const TICK_MS: u64 = 100;

/// Playing and pausing the run: its signals, copied freely into every handler.
#[derive(Clone, Copy)]
pub(super) struct Player {
    run: Run,
    /// Index into [`SPEEDS`].
    speed: RwSignal<usize>,
    playing: RwSignal<bool>,
    interval: StoredValue<Option<IntervalHandle>>,
}

impl Player {
    /// A paused player for `run`; it stops when the component that made it goes.
    pub fn new(run: Run) -> Player {
        let player = Player {
            run,
            speed: RwSignal::new(FIRST_SPEED),
            playing: RwSignal::new(false),
            interval: StoredValue::new(None),
        };
        // The panel going away stops the ticks; the state is not written out then, as the URL
        // is another panel's by now.
        on_cleanup(move || player.stop());
        player
    }

    pub fn playing(self) -> bool {
        self.playing.get()
    }

    /// Stops the ticks.
    fn stop(self) {
        if let Some(handle) = self.interval.get_value() {
            handle.clear();
        }
        self.interval.set_value(None);
    }

    pub fn pause(self) {
        self.stop();
        if self.playing.get_untracked() {
            self.playing.set(false);
            self.run.set_playing(false);
        }
    }

    /// Plays, or pauses when playing.
    pub fn play_or_pause(self) {
        if self.playing.get_untracked() {
            self.pause();
            return;
        }
        let Player { run, speed, .. } = self;
        let tick = move || {
            // A frame still simulating ahead is not pushed further: play goes no faster than
            // the simulation can.
            if run.busy() {
                return;
            }
            // At the end of what a run may simulate, playing stops.
            if run.now() >= Some(run::last_moment(run.start.get_untracked())) {
                self.pause();
                return;
            }
            let per_second = SPEEDS[speed.get_untracked()].1;
            run.advance(Duration::milliseconds(per_second * TICK_MS as i64));
        };
        if let Ok(handle) =
            set_interval_with_handle(tick, std::time::Duration::from_millis(TICK_MS))
        {
            self.interval.set_value(Some(handle));
            self.playing.set(true);
            run.set_playing(true);
        }
    }

    /// Pauses and goes on to the next event.
    pub fn step(self) {
        self.pause();
        self.run.step();
    }

    /// Pauses and goes to `to`.
    pub fn go_to(self, to: DateTime<Utc>) {
        self.pause();
        self.run.go_to(to);
    }

    pub fn back_to_start(self) {
        self.go_to(self.run.start.get_untracked());
    }
}

/// A `datetime-local` input's value, read as UTC (the page says so beside it).
fn parse_local(text: &str) -> Option<DateTime<Utc>> {
    // To the second, or to the minute.
    [true, false]
        .into_iter()
        .find_map(|with_seconds| time_text::parse_date_time(text.trim(), with_seconds))
        .map(|t| t.and_utc())
}

/// The simulated time and the controls that move it, the date to go to, and the progress of a
/// run ahead.
#[component]
pub(super) fn PlayerControls(player: Player) -> impl IntoView {
    let run = player.run;
    // The date to go to: the moment shown, until the user types another.
    let jump_text = RwSignal::new(String::new());
    Effect::new(move |_| {
        run.moved.track();
        let typing = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_some_and(|e| e.id() == "timeline-jump");
        if let (false, Some(now)) = (typing, run.now()) {
            jump_text.set(time_text::date_time(&now.naive_utc(), 'T'));
        }
    });
    let jump_problem = RwSignal::new(None::<String>);
    let jump = move || {
        player.pause();
        match parse_local(&jump_text.get_untracked()) {
            Some(to) => {
                let start = run.start.get_untracked();
                let last = run::last_moment(start);
                if to < start || to > last {
                    jump_problem.set(Some(format!(
                        "The run goes from {} to {}: choose a time between them.",
                        time(start),
                        time(last)
                    )));
                } else {
                    jump_problem.set(None);
                    run.go_to(to);
                }
            }
            None => jump_problem.set(Some(
                "Write a date and time, such as 2024-01-16T09:00 (UTC).".to_string(),
            )),
        }
    };
    let cursor = move || {
        run.moved.track();
        run.now().map(time).unwrap_or_default()
    };
    let speed = player.speed;

    view! {
        <div class="sim-time" role="group" aria-label="Simulated time">
            <span class="field-label">"Simulated time (UTC)"</span>
            // Announced when it moves by a step, not ten times a second while playing.
            <output
                data-testid="timeline-cursor"
                class="cursor"
                aria-live=move || if player.playing() { "off" } else { "polite" }
            >
                {cursor}
            </output>
            <button
                data-testid="timeline-play"
                class="play"
                aria-pressed=move || player.playing().to_string()
                on:click=move |_| player.play_or_pause()
            >
                {move || if player.playing() { "❚❚ Pause" } else { "▶ Play" }}
            </button>
            <select
                data-testid="timeline-speed"
                aria-label="Speed"
                on:change=move |ev| {
                    if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                        speed.set(i.min(SPEEDS.len() - 1));
                    }
                }
                prop:value=move || speed.get().to_string()
            >
                {SPEEDS
                    .iter()
                    .enumerate()
                    .map(|(i, (label, _))| view! { <option value=i.to_string()>{*label}</option> })
                    .collect_view()}
            </select>
            <button data-testid="timeline-step" on:click=move |_| player.step()>
                "Next event"
            </button>
            <button data-testid="advance-hour" on:click=move |_| run.advance(Duration::hours(1))>
                "+1 hour"
            </button>
            <button data-testid="advance-day" on:click=move |_| run.advance(Duration::days(1))>
                "+1 day"
            </button>
            <button data-testid="advance-week" on:click=move |_| run.advance(Duration::weeks(1))>
                "+1 week"
            </button>
        </div>
        <form
            class="sim-jump"
            on:submit=move |ev| {
                ev.prevent_default();
                jump();
            }
        >
            <label for="timeline-jump" class="field-label">"Go to (UTC)"</label>
            <input
                id="timeline-jump"
                data-testid="timeline-jump"
                type="datetime-local"
                step="1"
                prop:value=move || jump_text.get()
                on:input=move |ev| jump_text.set(event_target_value(&ev))
            />
            <button type="submit" data-testid="timeline-go">"Go"</button>
            <button type="button" data-testid="timeline-reset" on:click=move |_| player.back_to_start()>
                "Back to the start"
            </button>
            {move || jump_problem.get().map(|p| view! { <span class="jump-problem" role="alert">{p}</span> })}
        </form>
        {move || {
            run.progress.get().map(|p| {
                view! {
                    <div class="sim-progress" data-testid="sim-progress" role="status">
                        <progress max="1" value=Shortest(p.fraction()).to_string() aria-label="Simulating ahead"></progress>
                        <span>{format!("Simulating ahead: {} of the way to {} ({}%)", time(p.at), time(p.to), Fixed(p.fraction() * 100.0, 0))}</span>
                    </div>
                }
            })
        }}
    }
}
