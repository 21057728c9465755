//! The timeline: a lane per resource, jobs as bars coloured by outcome, recovery points as
//! marks, within a window the user zooms and pans (kept within the run).

use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;
use vaultsim_core::decimal::Fixed;
use vaultsim_core::engine::{Job, JobLog, JobOutcome, Simulation, TestStep};
use vaultsim_core::order;
use vaultsim_core::time_text;

use super::export::DiagramExports;
use super::picks::{JobKind, Picks, Window, ZOOMS};
use super::player::Player;
use super::run::Run;
use crate::format::{short_name, time};

/// The timeline's drawing size, in SVG units (it scales to the card's width).
const TIMELINE_WIDTH: f64 = 1100.0;
const LANE_HEIGHT: f64 = 34.0;
const LABEL_WIDTH: f64 = 170.0;
/// At most this many lanes are drawn: a fleet's thousands of resources would be unreadable, and
/// slow. Resources whose jobs went wrong in the window come first.
const MAX_LANES: usize = 24;
/// At most this many restore tests are drawn: a fleet's selection of every resource tests
/// thousands a day.
const MAX_TESTS: usize = 300;

/// The colour class of a job's bar by how its state stands (the core decides): ended well,
/// partly, badly, or still going.
fn outcome_class(outcome: JobOutcome) -> &'static str {
    match outcome {
        JobOutcome::Completed => "ok",
        JobOutcome::Failed => "bad",
        JobOutcome::Partial => "partial",
        JobOutcome::Going => "going",
    }
}

/// A job as the timeline draws it.
struct Bar {
    job: (JobKind, usize),
    resource: usize,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    state: &'static str,
    outcome: JobOutcome,
}

/// What the window shows: its span, the lanes (resources) drawn, how many more had jobs, and
/// the jobs in the window on those lanes.
struct Frame {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    lanes: Vec<usize>,
    hidden: usize,
    bars: Vec<Bar>,
    /// A lane per restore testing plan with a test in the window.
    tests: Vec<TestLane>,
    /// How many more restore tests were in the window than are drawn.
    tests_hidden: usize,
}

/// A restore testing plan's lane: its name, and each test's restore job with its steps.
type TestLane = (String, Vec<(usize, Vec<TestStep>)>);

/// The jobs of the run that `want` (given a job's resource, start and end) keeps, as the
/// timeline draws them. A fleet's run has hundreds of thousands of jobs: only those kept are
/// made into bars.
fn each_job(
    s: &Simulation,
    want: impl Fn(usize, DateTime<Utc>, DateTime<Utc>) -> bool,
    mut f: impl FnMut(Bar),
) {
    fn each<J: Job>(
        log: &JobLog<J>,
        kind: JobKind,
        now: DateTime<Utc>,
        want: &impl Fn(usize, DateTime<Utc>, DateTime<Utc>) -> bool,
        f: &mut impl FnMut(Bar),
    ) {
        for (i, j) in log.indexed() {
            let (resource, start) = (j.resource(), j.creation());
            let end = j.completion().unwrap_or(now);
            if want(resource, start, end) {
                f(Bar {
                    job: (kind, i),
                    resource,
                    start,
                    end,
                    state: j.state_name(),
                    outcome: j.outcome(),
                });
            }
        }
    }
    let now = s.now();
    each(s.backup_jobs(), JobKind::Backup, now, &want, &mut f);
    each(s.copy_jobs(), JobKind::Copy, now, &want, &mut f);
    each(s.restore_jobs(), JobKind::Restore, now, &want, &mut f);
}

fn frame(s: &Simulation, window: Window) -> Frame {
    let (from, to) = window.span(s, s.start());
    let in_window = |start: DateTime<Utc>, end: DateTime<Utc>| end >= from && start <= to;
    // First the lanes: resources with a job in the window; if too many, those with a job gone
    // wrong first.
    let resources = s.world().resources.len();
    let (mut busy, mut wrong) = (vec![false; resources], vec![false; resources]);
    each_job(
        s,
        |resource, start, end| resource < resources && in_window(start, end),
        |b| {
            busy[b.resource] = true;
            wrong[b.resource] |= b.outcome == JobOutcome::Failed;
        },
    );
    let total = busy.iter().filter(|b| **b).count();
    let mut lanes: Vec<usize> = (0..resources).filter(|&r| busy[r] && wrong[r]).collect();
    lanes.truncate(MAX_LANES);
    let room = MAX_LANES - lanes.len();
    lanes.extend((0..resources).filter(|&r| busy[r] && !wrong[r]).take(room));
    order::sort_by_key(&mut lanes, |&lane| lane as u64);
    let mut on_lane = vec![false; resources];
    for &lane in &lanes {
        on_lane[lane] = true;
    }
    let (tests, tests_hidden) = tests_in(s, from, to);
    let mut bars = Vec::new();
    each_job(
        s,
        |resource, start, end| on_lane.get(resource) == Some(&true) && in_window(start, end),
        |b| bars.push(b),
    );
    Frame {
        from,
        to,
        hidden: total - lanes.len(),
        lanes,
        bars,
        tests,
        tests_hidden,
    }
}

/// The restore tests whose span (from the restore's start to the last step, or now) meets the
/// window, by plan in the order the plans first appear, at most [`MAX_TESTS`] of them; and how
/// many more there were.
fn tests_in(s: &Simulation, from: DateTime<Utc>, to: DateTime<Utc>) -> (Vec<TestLane>, usize) {
    let mut plans: Vec<TestLane> = Vec::new();
    let (mut drawn, mut hidden) = (0, 0);
    for job in s.restore_tests_between(from, to) {
        let Some((plan, _, steps)) = s.restore_test_steps(job) else {
            continue;
        };
        let start = steps.first().map_or(s.now(), |step| step.at);
        let end = test_end(s, &steps);
        if end < from || start > to {
            continue;
        }
        if drawn == MAX_TESTS {
            hidden += 1;
            continue;
        }
        drawn += 1;
        match plans.iter_mut().find(|(name, _)| name == plan) {
            Some((_, tests)) => tests.push((job, steps)),
            None => plans.push((plan.to_string(), vec![(job, steps)])),
        }
    }
    (plans, hidden)
}

/// When a test's span ends on the timeline: its clean-up's end, or now while it goes on.
fn test_end(s: &Simulation, steps: &[TestStep]) -> DateTime<Utc> {
    match steps.last() {
        Some(last) if last.what.ends_test() => last.at,
        _ => s.now(),
    }
}

/// Text written into SVG markup.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The window drawn as SVG markup. A fleet's window has a thousand shapes: written as one string
/// and parsed by the browser at once, they cost a fraction of building each through the DOM.
fn markup(s: &Simulation, frame: &Frame, picked: Option<(JobKind, usize)>) -> String {
    use std::fmt::Write;
    let Frame {
        from,
        to,
        lanes,
        bars,
        ..
    } = frame;
    let (from, to) = (*from, *to);
    let span = (to - from).num_seconds().max(1) as f64;
    let x = |t: DateTime<Utc>| {
        LABEL_WIDTH
            + (t - from).num_seconds().clamp(0, span as i64) as f64 / span
                * (TIMELINE_WIDTH - LABEL_WIDTH)
    };
    let lane_of = |resource: usize| lanes.binary_search(&resource).ok();
    let world = s.world();
    let mut out = String::new();
    for (i, resource) in lanes.iter().enumerate() {
        let y = LANE_HEIGHT * i as f64;
        let _ = write!(
            out,
            r#"<g class="lane"><line x1="0" x2="{width}" y1="{y1}" y2="{y1}"/><text x="0" y="{ty}">{name}</text></g>"#,
            width = Fixed(TIMELINE_WIDTH, 0),
            y1 = Fixed(y + LANE_HEIGHT, 1),
            ty = Fixed(y + 20.0, 1),
            name = escape(&short_name(&world.resources[*resource])),
        );
    }
    for bar in bars {
        let Some(lane) = lane_of(bar.resource) else {
            continue;
        };
        let (x0, x1) = (x(bar.start), x(bar.end));
        let kind = bar.job.0.name();
        let y = LANE_HEIGHT * lane as f64 + 4.0 + bar.job.0 as usize as f64 * 8.0;
        let picked = if picked == Some(bar.job) {
            " picked"
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<rect class="bar {kind} {outcome}{picked}" data-testid="job-bar" data-kind="{kind}" data-state="{state}" data-job="{index}" x="{x}" y="{y}" width="{w}" height="6" rx="1.5"><title>{kind} job {state}, {start} to {end}</title></rect>"#,
            outcome = outcome_class(bar.outcome),
            state = bar.state,
            index = bar.job.1,
            x = Fixed(x0, 1),
            y = Fixed(y, 1),
            w = Fixed((x1 - x0).max(2.0), 1),
            start = time(bar.start),
            end = time(bar.end),
        );
    }
    for (lane, resource) in lanes.iter().enumerate() {
        for (_, rp) in world.recovery_points.of_resource(*resource) {
            if (from..=to).contains(&rp.completion()) {
                let _ = write!(
                    out,
                    r#"<circle class="point" data-testid="point-mark" cx="{}" cy="{}" r="2.5"/>"#,
                    Fixed(x(rp.completion()), 1),
                    Fixed(LANE_HEIGHT * lane as f64 + 30.0, 1)
                );
            }
        }
    }
    for (i, (plan, tests)) in frame.tests.iter().enumerate() {
        let y = LANE_HEIGHT * (lanes.len() + i) as f64;
        let _ = write!(
            out,
            r#"<g class="lane tests" data-testid="test-lane"><line x1="0" x2="{width}" y1="{y1}" y2="{y1}"/><text x="0" y="{ty}">{name}</text></g>"#,
            width = Fixed(TIMELINE_WIDTH, 0),
            y1 = Fixed(y + LANE_HEIGHT, 1),
            ty = Fixed(y + 20.0, 1),
            name = escape(&format!("tests: {plan}")),
        );
        // Tests that overlap in time go on rows of their own (three, then again from the
        // first), each on the first row free when it starts.
        let mut rows_free_from: [Option<DateTime<Utc>>; 3] = [None; 3];
        for (n, (job, steps)) in tests.iter().enumerate() {
            let restored = steps.get(1).map_or(s.now(), |step| step.at);
            let start = steps.first().map_or(s.now(), |step| step.at);
            let end = test_end(s, steps);
            let row = (rows_free_from.iter())
                .position(|free| free.is_none_or(|t| t < start))
                .unwrap_or(n % rows_free_from.len());
            rows_free_from[row] = Some(end);
            let y = y + row as f64 * 9.0 - 4.0;
            let outcome = match steps.iter().any(|step| step.what.failed()) {
                true => "bad",
                false if end == s.now() => "going",
                false => "ok",
            };
            let (x0, x1, x2) = (x(start), x(restored), x(end));
            let resource = s
                .restore_jobs()
                .get(*job)
                .map(|j| short_name(&world.resources[j.resource]))
                .unwrap_or_default();
            let summary: Vec<String> = steps
                .iter()
                .map(|step| format!("{} {}", time(step.at), step.what.label()))
                .collect();
            let _ = write!(
                out,
                r#"<g class="test {outcome}" data-testid="restore-test" data-job="{job}" data-kind="restore"><title>{title}</title><rect class="bar restore {outcome}" x="{x0}" y="{y0}" width="{w}" height="6" rx="1.5"/><line class="test-span" x1="{x1}" x2="{x2}" y1="{ym}" y2="{ym}"/>"#,
                title = escape(&format!(
                    "Restore test of {resource}: {}",
                    summary.join("; ")
                )),
                x0 = Fixed(x0, 1),
                y0 = Fixed(y + 8.0, 1),
                w = Fixed((x1 - x0).max(2.0), 1),
                x1 = Fixed(x1, 1),
                x2 = Fixed(x2.max(x1), 1),
                ym = Fixed(y + 11.0, 1),
            );
            for step in steps.iter().skip(2) {
                let _ = write!(
                    out,
                    r#"<circle class="test-step {class}" data-testid="test-step" data-step="{label}" cx="{cx}" cy="{cy}" r="3.5"/>"#,
                    class = if step.what.failed() { "bad" } else { "ok" },
                    label = escape(&step.what.label()),
                    cx = Fixed(x(step.at), 1),
                    cy = Fixed(y + 11.0, 1),
                );
            }
            out.push_str("</g>");
        }
    }
    let rows = lanes.len() + frame.tests.len();
    let axis = Fixed(LANE_HEIGHT * rows as f64 + 16.0, 1);
    let (label, width) = (Fixed(LABEL_WIDTH, 0), Fixed(TIMELINE_WIDTH, 0));
    let _ = write!(
        out,
        r#"<text class="axis" x="{label}" y="{axis}">{}</text><text class="axis end" x="{width}" y="{axis}">{}</text>"#,
        time(from),
        time(to)
    );
    out
}

/// The job a click on the timeline landed on: the bar's kind and index.
fn clicked_job(ev: &leptos::ev::MouseEvent) -> Option<(JobKind, usize)> {
    use wasm_bindgen::JsCast;
    let bar = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-job]")
        .ok()??;
    let kind = match bar.get_attribute("data-kind")?.as_str() {
        "backup" => JobKind::Backup,
        "copy" => JobKind::Copy,
        "restore" => JobKind::Restore,
        _ => return None,
    };
    Some((kind, bar.get_attribute("data-job")?.parse().ok()?))
}

/// One lane per resource within the window: backup jobs as bars on the lane's first row, copies
/// on the second, restores on the third, coloured by outcome; the resource's recovery points as
/// marks below. Click a bar to pick its job.
fn timeline(
    simulation: StoredValue<Option<Simulation>>,
    moved: RwSignal<u64>,
    selected: RwSignal<Option<(JobKind, usize)>>,
    window: RwSignal<Window>,
) -> AnyView {
    let window = window.get();
    let picked = selected.get();
    moved.track();
    simulation
        .with_value(|s| {
            let s = s.as_ref()?;
            let frame = frame(s, window);
            if frame.lanes.is_empty() && window.end.is_none() && s.backup_jobs().total() == 0 {
                return None;
            }
            let rows = frame.lanes.len() + frame.tests.len();
            let height = LANE_HEIGHT * rows as f64 + 24.0;
            let (from, to, hidden) = (frame.from, frame.to, frame.hidden);
            let tests_hidden = frame.tests_hidden;
            let has_tests = !frame.tests.is_empty();
            Some(
                view! {
                    <svg
                        class="timeline"
                        data-testid="timeline"
                        data-from=time(from)
                        data-to=time(to)
                        role="img"
                        aria-label=format!("Jobs from {} to {}", time(from), time(to))
                        viewBox=format!("0 0 {} {}", Fixed(TIMELINE_WIDTH, 0), Fixed(height, 0))
                        inner_html=markup(s, &frame, picked)
                        on:click=move |ev| {
                            if let Some(job) = clicked_job(&ev) {
                                selected.set(Some(job));
                            }
                        }
                    ></svg>
                    {(hidden > 0).then(|| view! {
                        <p class="muted" data-testid="lanes-hidden">
                            {format!("{hidden} more resources had jobs in this window; resources whose jobs went wrong are shown first. Click a resource or vault in the architecture to inspect it.")}
                        </p>
                    })}
                    {(tests_hidden > 0).then(|| view! {
                        <p class="muted" data-testid="tests-hidden">
                            {format!("{tests_hidden} more restore tests in this window are not drawn: show a shorter span.")}
                        </p>
                    })}
                    <p class="legend">
                        <span class="key ok">"completed"</span>
                        <span class="key bad">"failed, expired or stopped"</span>
                        <span class="key partial">"partial"</span>
                        <span class="key going">"under way"</span>
                        " · rows: backup, copy, restore · dots: recovery points kept"
                        {has_tests.then_some(" · a restore test: its restore, then its validation and clean-up as marks")}
                        " · click a job for its states"
                    </p>
                }
                .into_any(),
            )
        })
        .unwrap_or_else(|| view! { <p class="muted">"No jobs yet: move time on."</p> }.into_any())
}

/// The window's jobs as a Mermaid Gantt chart: a section per lane, a task per job, failed jobs
/// marked critical and running ones active.
fn mermaid(s: &Simulation, window: Window) -> String {
    let Frame {
        from,
        to,
        lanes,
        bars,
        ..
    } = frame(s, window);
    let at = |t: DateTime<Utc>| time_text::date_time(&t.naive_utc(), ' ');
    let mut out = format!(
        "gantt\n    title vaultsim jobs, {} to {}\n    dateFormat YYYY-MM-DD HH:mm:ss\n    axisFormat %m-%d %H:%M\n",
        time(from),
        time(to)
    );
    for resource in lanes {
        // Mermaid reads a colon as the start of a task's data, and a hash as a comment.
        let name = short_name(&s.world().resources[resource]).replace([':', '#'], " ");
        out.push_str(&format!("    section {name}\n"));
        for bar in bars.iter().filter(|b| b.resource == resource) {
            let tag = match bar.outcome {
                JobOutcome::Completed => "done, ",
                JobOutcome::Failed => "crit, ",
                JobOutcome::Going => "active, ",
                JobOutcome::Partial => "",
            };
            // A job that ends within its minute would be drawn with no width.
            let end = bar.end.max(bar.start + Duration::minutes(1));
            out.push_str(&format!(
                "    {} {} :{tag}{}, {}\n",
                bar.job.0.name(),
                bar.state,
                at(bar.start),
                at(end)
            ));
        }
    }
    out
}

/// The timeline's card: the scrubber, the zoom and the panning, the keys that move time, the
/// drawing and its exports.
#[component]
pub(super) fn TimelineCard(run: Run, player: Player, picks: Picks) -> impl IntoView {
    let Run {
        simulation, moved, ..
    } = run;
    let window = picks.window;
    // Keys on the timeline: arrows move time by an hour (a day with Shift), Home goes to the
    // start, End to the furthest point reached, Space plays and pauses, N steps to the next
    // event.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        // Keys meant for a control inside the card (the scrubber, a button, the zoom) are its.
        if ev.target() != ev.current_target() {
            return;
        }
        let by = if ev.shift_key() {
            Duration::days(1)
        } else {
            Duration::hours(1)
        };
        match ev.key().as_str() {
            "ArrowRight" => run.advance(by),
            "ArrowLeft" => run.advance(-by),
            "Home" => player.back_to_start(),
            "End" => run.go_to(run.furthest.get_untracked()),
            " " => player.play_or_pause(),
            "n" | "N" => player.step(),
            _ => return,
        }
        ev.prevent_default();
    };
    let cursor = move || {
        moved.track();
        run.now().map(time).unwrap_or_default()
    };
    // The scrubber: hours from the start, up to the furthest point reached (a week at least).
    let scrub_max = move || {
        let (start, furthest) = (run.start.get(), run.furthest.get());
        (furthest - start).num_hours().max(7 * 24)
    };
    let scrub_value = move || {
        moved.track();
        run.now()
            .map(|now| (now - run.start.get_untracked()).num_hours())
            .unwrap_or(0)
    };
    let drawing: NodeRef<leptos::html::Div> = NodeRef::new();

    view! {
        <div
            class="card timeline-card"
            tabindex="0"
            aria-label="Timeline. Arrows move time by an hour, with Shift by a day; Home goes to the start, End to the furthest point reached; Space plays and pauses; N goes to the next event."
            aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Home End Space N"
            on:keydown=on_key
        >
            <h2>"Timeline"</h2>
            <div class="timeline-tools">
                <label for="timeline-scrubber" class="field-label">"Scrub"</label>
                <input
                    id="timeline-scrubber"
                    data-testid="timeline-scrubber"
                    type="range"
                    min="0"
                    step="1"
                    prop:max=move || scrub_max().to_string()
                    prop:value=move || scrub_value().to_string()
                    aria-valuetext=cursor
                    on:input=move |ev| {
                        if let Ok(hours) = event_target_value(&ev).parse::<i64>() {
                            player.go_to(run.start.get_untracked() + Duration::hours(hours));
                        }
                    }
                />
                <label for="timeline-zoom" class="field-label">"Show"</label>
                <select
                    id="timeline-zoom"
                    data-testid="timeline-zoom"
                    on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                            window.update(|w| w.zoom = i.min(ZOOMS.len() - 1));
                        }
                    }
                    prop:value=move || window.get().zoom.to_string()
                >
                    {ZOOMS
                        .iter()
                        .enumerate()
                        .map(|(i, (label, _))| view! { <option value=i.to_string()>{*label}</option> })
                        .collect_view()}
                </select>
                <button
                    data-testid="timeline-earlier"
                    aria-label="Show earlier"
                    on:click=move |_| window.update(|w| w.pan(simulation, -1))
                >
                    "◀ Earlier"
                </button>
                <button
                    data-testid="timeline-later"
                    aria-label="Show later"
                    prop:disabled=move || window.get().end.is_none()
                    on:click=move |_| window.update(|w| w.pan(simulation, 1))
                >
                    "Later ▶"
                </button>
                <span class="muted keys">"Keys: ← → hour · Shift day · Home · End · Space · N"</span>
            </div>
            <div node_ref=drawing>{move || timeline(simulation, moved, picks.job, window)}</div>
            <DiagramExports
                container=drawing
                name="timeline"
                moved=moved
                mermaid=Callback::new(move |_| {
                    simulation.with_value(|s| {
                        s.as_ref().map(|s| mermaid(s, window.get())).unwrap_or_default()
                    })
                })
            />
        </div>
    }
}
