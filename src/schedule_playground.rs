//! The schedule playground: type an AWS Backup schedule expression and see at once whether AWS
//! would take it, what it means, its next runs in a chosen time zone, and a month of runs.

use chrono::{DateTime, Datelike, SecondsFormat, Utc};
use leptos::prelude::*;
use vaultsim_core::Diagnostic;
use vaultsim_core::schedule::{
    CronExpression, DEFAULT_SCHEDULE_EXPRESSION, DEFAULT_TIMEZONE, EXAMPLES, Field, Schedule,
    Timezone,
};
use vaultsim_core::time_text;

use crate::calendar::Calendar;
use crate::clock;
use crate::diagnostics::DiagnosticView;
use crate::format::minutes_label;
use crate::url_state;

/// The first example: the guide's daily rule, every night at 02:00 UTC.
const FIRST_EXPRESSION: &str = EXAMPLES[0].0;
const NEXT_RUNS: usize = 10;

/// "From": a time to the minute, as a datetime-local input writes it (`%Y-%m-%dT%H:%M`).
fn parse_after(text: &str) -> Option<DateTime<Utc>> {
    time_text::parse_date_time(text, false).map(|t| t.and_utc())
}

#[component]
pub fn SchedulePlayground() -> impl IntoView {
    let expression = RwSignal::new(url_state::get("expr").unwrap_or(FIRST_EXPRESSION.to_string()));
    let timezone = RwSignal::new(url_state::get("tz").unwrap_or(DEFAULT_TIMEZONE.to_string()));
    // "From" is now unless the user (or a shared link) chose a time.
    let after_text = RwSignal::new(
        url_state::get("after")
            .filter(|a| parse_after(a).is_some())
            .unwrap_or_else(|| time_text::date_time_minutes(&clock::now().naive_utc())),
    );
    let after_chosen = RwSignal::new(url_state::get("after").is_some());

    let cron = Memo::new(move |_| expression.with(|e| CronExpression::parse(e)));
    let zone = Memo::new(move |_| timezone.with(|z| Timezone::parse(z)));
    let after = Memo::new(move |_| {
        after_text
            .with(|a| parse_after(a))
            .unwrap_or_else(clock::now)
    });
    let current = Memo::new(move |_| match (cron.get(), zone.get()) {
        (Ok(c), Ok(z)) => Some(Schedule::new(c, z)),
        _ => None,
    });

    // A mistake never blanks the page: the last valid schedule stays on screen, marked stale.
    let shown = Memo::new(move |previous: Option<&Option<Schedule>>| {
        current.get().or_else(|| previous.cloned().flatten())
    });
    let stale = move || current.with(Option::is_none) && shown.with(Option::is_some);

    Effect::new(move |_| {
        let expr = expression.get();
        let tz = timezone.get();
        let after = after_text.get();
        let after = after_chosen.get().then_some(after.as_str());
        url_state::update(
            &[
                ("expr", Some(expr.as_str())),
                ("tz", Some(tz.as_str())),
                ("after", after),
            ],
            url_state::History::Replace,
        );
    });

    let errors = move || -> Vec<(Diagnostic, String, &'static str)> {
        let mut all = Vec::new();
        if let Err(es) = cron.get() {
            let text = expression.get();
            all.extend(es.into_iter().map(|d| (d, text.clone(), "expression")));
        }
        if let Err(d) = zone.get() {
            all.push((d, timezone.get(), "time zone"));
        }
        all
    };
    let warnings = move || -> Vec<Diagnostic> {
        cron.with(|c| {
            c.as_ref()
                .map(CronExpression::diagnostics)
                .unwrap_or_default()
        })
    };

    let runs = Memo::new(move |_| {
        let from = after.get();
        shown.with(|s| {
            s.as_ref()
                .map(|s| s.runs_after(from).take(NEXT_RUNS).collect::<Vec<_>>())
        })
    });

    let first_month = {
        let local = Timezone::parse(&timezone.get_untracked())
            .unwrap_or_default()
            .local(after.get_untracked());
        (local.year(), local.month())
    };
    let month = RwSignal::new(first_month);

    view! {
        <section class="playground" aria-labelledby="playground-title">
            <div class="intro">
                <h1 id="playground-title">"Schedule playground"</h1>
                <p>
                    "A backup rule's " <code>"ScheduleExpression"</code>
                    " is an EventBridge cron expression, evaluated in its "
                    <code>"ScheduleExpressionTimezone"</code>
                    ". Type one to see whether AWS Backup would take it and when it runs."
                </p>
            </div>

            <div class="card editor">
                <label for="schedule-input" class="field-label">"ScheduleExpression"</label>
                <input
                    id="schedule-input"
                    data-testid="schedule-input"
                    class="expression-input"
                    class:invalid=move || cron.with(Result::is_err)
                    type="text"
                    spellcheck="false"
                    autocomplete="off"
                    aria-invalid=move || cron.with(Result::is_err).to_string()
                    aria-describedby="schedule-feedback"
                    prop:value=move || expression.get()
                    on:input=move |ev| expression.set(event_target_value(&ev))
                />
                <div class="presets" role="group" aria-label="Examples">
                    {EXAMPLES
                        .iter()
                        .map(|(expr, label)| {
                            view! {
                                <button
                                    class="preset"
                                    class:active=move || expression.with(|e| e == expr)
                                    title=*expr
                                    on:click=move |_| expression.set(expr.to_string())
                                >
                                    {*label}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                <div class="row">
                    <div class="control">
                        <label for="schedule-timezone" class="field-label">"ScheduleExpressionTimezone"</label>
                        <input
                            id="schedule-timezone"
                            data-testid="schedule-timezone"
                            type="text"
                            list="timezones"
                            spellcheck="false"
                            autocomplete="off"
                            class:invalid=move || zone.with(Result::is_err)
                            prop:value=move || timezone.get()
                            on:input=move |ev| timezone.set(event_target_value(&ev))
                        />
                        <datalist id="timezones">
                            {Timezone::all_names().map(|n| view! { <option value=n></option> }).collect_view()}
                        </datalist>
                    </div>
                    <div class="control">
                        <label for="schedule-after" class="field-label">"Runs after (UTC)"</label>
                        <input
                            id="schedule-after"
                            data-testid="schedule-after"
                            type="datetime-local"
                            prop:value=move || after_text.get()
                            on:input=move |ev| {
                                let value = event_target_value(&ev);
                                if parse_after(&value).is_some() {
                                    after_text.set(value);
                                    after_chosen.set(true);
                                }
                            }
                        />
                    </div>
                </div>
                <div id="schedule-feedback" aria-live="polite">
                    <Show when=move || !errors().is_empty()>
                        <div class="diagnostics" data-testid="schedule-error">
                            {move || {
                                errors()
                                    .into_iter()
                                    .map(|(d, text, what)| view! { <DiagnosticView diagnostic=d text=text what=what /> })
                                    .collect_view()
                            }}
                        </div>
                    </Show>
                    <Show when=move || !warnings().is_empty()>
                        <div class="diagnostics" data-testid="schedule-warning">
                            {move || {
                                let text = expression.get();
                                warnings()
                                    .into_iter()
                                    .map(|d| view! { <DiagnosticView diagnostic=d text=text.clone() what="expression" /> })
                                    .collect_view()
                            }}
                        </div>
                    </Show>
                </div>
            </div>

            <div class="results" class:stale=stale>
                <Show when=stale>
                    <p class="stale-note" role="note">
                        "Showing the last valid schedule, "
                        <code>{move || shown.with(|s| s.as_ref().map(|s| s.cron().as_str().to_string()))}</code>
                        ", until the expression is fixed."
                    </p>
                </Show>
                <div class="card description">
                    <h2>"In plain English"</h2>
                    <p data-testid="schedule-description" class="description-text">
                        {move || shown.with(|s| s.as_ref().map(Schedule::describe).unwrap_or_else(|| "—".to_string()))}
                    </p>
                </div>
                <div class="card next-runs">
                    <h2>{format!("Next {NEXT_RUNS} runs")}</h2>
                    <ol data-testid="schedule-next-runs" class="run-list">
                        {move || {
                            let zone = shown.with(|s| s.as_ref().map(Schedule::timezone)).unwrap_or_default();
                            let list = runs.get().unwrap_or_default();
                            if list.is_empty() && shown.with(Option::is_some) {
                                return view! {
                                    <li class="no-runs">"No runs after this time: the schedule has run out, or names a day that never comes."</li>
                                }
                                    .into_any();
                            }
                            let mut previous: Option<DateTime<Utc>> = None;
                            list.into_iter()
                                .map(|run| {
                                    let gap = previous.map(|p| minutes_label((run - p).num_minutes()));
                                    previous = Some(run);
                                    let local = zone.local(run);
                                    let iso = run.to_rfc3339_opts(SecondsFormat::Secs, true);
                                    view! {
                                        <li>
                                            <time datetime=iso.clone()>
                                                <span class="local">{time_text::day_and_time(&local)}</span>
                                                <span class="zone">{zone.label()}</span>
                                            </time>
                                            <span class="utc">{iso}</span>
                                            <span class="gap">{gap.map(|g| format!("+{g}"))}</span>
                                        </li>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }}
                    </ol>
                </div>
                <Calendar schedule=shown.into() month=month />
            </div>

            <SyntaxReference />
        </section>
    }
}

/// The EventBridge syntax table, from the core's own field definitions.
#[component]
fn SyntaxReference() -> impl IntoView {
    view! {
        <details class="card syntax">
            <summary>"Cron syntax: cron(Minutes Hours Day-of-month Month Day-of-week Year)"</summary>
            <table>
                <thead>
                    <tr><th>"Field"</th><th>"Values"</th><th>"Wildcards"</th></tr>
                </thead>
                <tbody>
                    {Field::ALL
                        .map(|f| view! {
                            <tr><td>{f.name()}</td><td><code>{f.values()}</code></td><td><code>{f.wildcards()}</code></td></tr>
                        })}
                </tbody>
            </table>
            <ul>
                <li>"Exactly one of Day-of-month and Day-of-week is " <code>"?"</code> "; the other says which days."</li>
                <li><code>"L"</code> " is the last day of the month, or with a weekday the last such weekday (" <code>"6L"</code> ", the last Friday)."</li>
                <li><code>"3W"</code> " is the weekday nearest the 3rd, within the month; " <code>"MON#2"</code> " the second Monday (one " <code>"#"</code> " only)."</li>
                <li>"A range may wrap: hours " <code>"20-2"</code> " run from 20:00 past midnight to 02:00."</li>
                <li>"AWS Backup takes cron expressions only (no " <code>"rate()"</code> "), at most hourly; with none, it uses " <code>{DEFAULT_SCHEDULE_EXPRESSION}</code> " in " {DEFAULT_TIMEZONE} "."</li>
            </ul>
        </details>
    }
}
