//! A month of a schedule's runs, on the wall clock of its time zone.

use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use vaultsim_core::schedule::Schedule;
use vaultsim_core::time_text;

/// More runs than this in a month are counted as "more than" and not all shown.
const MAX_RUNS: usize = 5000;

/// What the calendar shows for one day.
#[derive(Clone, Debug, PartialEq)]
struct Day {
    day: u32,
    times: Vec<String>,
}

/// The runs of `schedule` in `year`-`month`, local time, grouped by day; and whether there were
/// more than [`MAX_RUNS`].
fn month_runs(schedule: &Schedule, year: i32, month: u32) -> (Vec<Day>, bool) {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return (Vec::new(), false);
    };
    let next_month = first + Duration::days(32);
    let end = NaiveDate::from_ymd_opt(next_month.year(), next_month.month(), 1).unwrap_or(first);
    let mut days: Vec<Day> = first
        .iter_days()
        .take_while(|d| *d < end)
        .map(|d| Day {
            day: d.day(),
            times: Vec::new(),
        })
        .collect();
    // Start early enough for any UTC offset, and keep the runs whose local date is this month.
    let start = (first - Duration::days(2))
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc());
    let zone = schedule.timezone();
    let mut count = 0;
    for run in start.into_iter().flat_map(|s| schedule.runs_after(s)) {
        let local = zone.local(run);
        if local.date() < first {
            continue;
        }
        if local.date() >= end {
            break;
        }
        count += 1;
        if count > MAX_RUNS {
            return (days, true);
        }
        days[local.day() as usize - 1]
            .times
            .push(time_text::hours_minutes(&local));
    }
    (days, false)
}

fn month_title(year: i32, month: u32) -> String {
    NaiveDate::from_ymd_opt(year, month, 1)
        .map(|d| time_text::month_and_year(&d))
        .unwrap_or_default()
}

fn shift(year: i32, month: u32, by: i32) -> (i32, u32) {
    let index = year * 12 + month as i32 - 1 + by;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

#[component]
pub fn Calendar(
    schedule: Signal<Option<Schedule>>,
    /// The month shown: (year, month).
    month: RwSignal<(i32, u32)>,
) -> impl IntoView {
    let runs = Memo::new(move |_| {
        let (year, m) = month.get();
        schedule.with(|s| s.as_ref().map(|s| month_runs(s, year, m)))
    });
    let leading_blanks = move || {
        let (year, m) = month.get();
        NaiveDate::from_ymd_opt(year, m, 1)
            .map(|d| d.weekday().num_days_from_sunday() as usize)
            .unwrap_or(0)
    };
    let total = move || {
        runs.with(|r| {
            r.as_ref()
                .map(|(days, _)| days.iter().map(|d| d.times.len()).sum::<usize>())
        })
    };
    view! {
        <section class="card calendar" data-testid="schedule-calendar" aria-label="Runs this month">
            <div class="calendar-head">
                <button
                    class="icon-button"
                    aria-label="Previous month"
                    on:click=move |_| month.update(|(y, m)| (*y, *m) = shift(*y, *m, -1))
                >
                    "‹"
                </button>
                <h2 data-testid="calendar-month">{move || { let (y, m) = month.get(); month_title(y, m) }}</h2>
                <button
                    class="icon-button"
                    aria-label="Next month"
                    on:click=move |_| month.update(|(y, m)| (*y, *m) = shift(*y, *m, 1))
                >
                    "›"
                </button>
                <span class="calendar-count">
                    {move || match (total(), runs.with(|r| r.as_ref().is_some_and(|(_, more)| *more))) {
                        (_, true) => format!("more than {MAX_RUNS} runs"),
                        (Some(1), _) => "1 run".to_string(),
                        (Some(n), _) => format!("{n} runs"),
                        (None, _) => String::new(),
                    }}
                </span>
            </div>
            <div class="calendar-grid" role="grid">
                {["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
                    .map(|d| view! { <div class="weekday" role="columnheader">{d}</div> })}
                {move || (0..leading_blanks()).map(|_| view! { <div class="blank"></div> }).collect_view()}
                {move || {
                    runs.get()
                        .map(|(days, _)| {
                            days.into_iter()
                                .map(|d| {
                                    let count = d.times.len();
                                    let has_runs = count > 0;
                                    let shown: Vec<String> = d.times.iter().take(3).cloned().collect();
                                    let more = count.saturating_sub(3);
                                    view! {
                                        <div class="day" class:has-runs=has_runs role="gridcell"
                                            aria-label=format!("Day {}: {} runs", d.day, count)>
                                            <span class="day-number">{d.day}</span>
                                            {shown.into_iter().map(|t| view! { <span class="run-time">{t}</span> }).collect_view()}
                                            {(more > 0).then(|| view! { <span class="run-more">{format!("+{more} more")}</span> })}
                                        </div>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </div>
        </section>
    }
}
