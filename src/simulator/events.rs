//! The event log, filtered by an EventBridge pattern, and its NDJSON download.

use std::collections::VecDeque;
use std::sync::Arc;

use leptos::prelude::*;
use serde_json::Value;
use vaultsim_core::engine::BackupJobState;
use vaultsim_core::events::{BACKUP_JOB_STATE_CHANGE, EventPattern};

use super::run::Run;
use crate::diagnostics::DiagnosticView;

/// How many matching events the log lists (the newest).
const LOG_ROWS: usize = 200;

/// How many of the newest events the log searches for its rows: the whole run of a small
/// scenario, and hours of a fleet's, so the log keeps up while time plays.
const LOG_SEARCHED: usize = 20_000;

/// The newest events the pattern matches, with their sequence in the run, oldest first: at most
/// `limit` of them, among the newest `searched`.
fn matching(
    run: Run,
    pattern: Option<&EventPattern>,
    searched: usize,
    limit: usize,
) -> Vec<(u64, Value)> {
    let (mut found, mut looked) = (Vec::new(), 0);
    run.each_event_newest_first(|s, e| {
        looked += 1;
        if let Some(json) = s.try_event_json(e)
            && pattern.is_none_or(|p| p.matches(&json))
        {
            found.push((e.sequence, json));
        }
        found.len() < limit && looked < searched
    });
    found.reverse();
    found
}

/// Every event the page has that the pattern matches, one JSON a line, oldest first, as a URL
/// to download.
fn ndjson_href(run: Run, pattern: Option<&EventPattern>) -> String {
    let mut out = String::new();
    for (_, json) in matching(run, pattern, usize::MAX, usize::MAX) {
        out.push_str(&json.to_string());
        out.push('\n');
    }
    crate::files::download_href("application/x-ndjson", &out)
}

/// What the log searched, when it is not every event of the run.
fn log_scope(run: Run) -> Option<String> {
    run.moved.track();
    let (kept, recorded) = run.event_totals();
    let searched = kept.min(LOG_SEARCHED);
    ((searched as u64) < recorded).then(|| {
        format!(
            "The log searches the newest {searched} of the run's {recorded} events; the download has up to the newest {kept}."
        )
    })
}

/// A line of the log: an event, keyed by the run it is of and its place in it, so that a move
/// adds the new lines and leaves the others as they are. The JSON is shared with the log's
/// cache, not copied each move.
#[derive(Clone)]
pub(super) struct LogRow {
    pub key: (u64, u64),
    json: Arc<Value>,
}

/// The log's rows as last found, so that a move looks only at the events newer than the newest
/// one already looked at: while time plays, ten moves a second each add a few events to a log
/// of [`LOG_ROWS`].
#[derive(Default)]
struct LogCache {
    /// The run and the pattern the rows are of.
    generation: u64,
    pattern: Option<EventPattern>,
    /// The sequence of the newest event looked at; none before the first look.
    newest: Option<u64>,
    /// The newest matching events, oldest first: at most [`LOG_ROWS`].
    rows: VecDeque<LogRow>,
}

/// The newest events the pattern matches, oldest first, among the newest [`LOG_SEARCHED`]: the
/// same rows [`matching`] would find, from the cache and the events newer than it.
fn log_rows(run: Run, pattern: Option<EventPattern>, cache: StoredValue<LogCache>) -> Vec<LogRow> {
    run.moved.track();
    let generation = run.generation();
    cache.update_value(|cache| {
        if cache.generation != generation || cache.pattern != pattern {
            *cache = LogCache {
                generation,
                pattern,
                ..LogCache::default()
            };
        }
        let seen = cache.newest;
        let (mut found, mut looked, mut newest) = (Vec::new(), 0, None);
        run.each_event_newest_first(|s, e| {
            if seen.is_some_and(|seen| e.sequence <= seen) {
                return false;
            }
            newest.get_or_insert(e.sequence);
            looked += 1;
            if let Some(json) = s.try_event_json(e)
                && cache.pattern.as_ref().is_none_or(|p| p.matches(&json))
            {
                found.push(LogRow {
                    key: (generation, e.sequence),
                    json: Arc::new(json),
                });
            }
            found.len() < LOG_ROWS && looked < LOG_SEARCHED
        });
        let Some(newest) = newest else {
            return;
        };
        // Rows the new events push out of the searched span, or out of the log, go.
        let oldest_searched = newest.saturating_sub(LOG_SEARCHED as u64 - 1);
        if found.len() >= LOG_ROWS || looked >= LOG_SEARCHED {
            cache.rows.clear();
        }
        cache.rows.retain(|row| row.key.1 >= oldest_searched);
        cache.rows.extend(found.into_iter().rev());
        let over = cache.rows.len().saturating_sub(LOG_ROWS);
        cache.rows.drain(..over);
        cache.newest = Some(newest);
    });
    cache.with_value(|cache| cache.rows.iter().cloned().collect())
}

/// A line of the log, which opens to the event's JSON.
pub(super) fn log_row(row: LogRow) -> impl IntoView {
    let json = row.json;
    let detail = &json["detail"];
    let state = detail["state"]
        .as_str()
        .or(detail["status"].as_str())
        .unwrap_or_default()
        .to_string();
    let subject = detail["resourceArn"]
        .as_str()
        .or(json["resources"][0].as_str())
        .unwrap_or_default()
        .to_string();
    // The JSON is written out only when the row is opened.
    let open = RwSignal::new(false);
    let time_text = json["time"].as_str().unwrap_or_default().to_string();
    let detail_type = json["detail-type"].as_str().unwrap_or_default().to_string();
    let state_class = format!("state state-{}", state.to_ascii_lowercase());
    let data_state = state.clone();
    view! {
        <li class="event" data-state=data_state>
            <details on:toggle=move |ev| {
                open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
            }>
                <summary>
                    <time>{time_text}</time>
                    <span class="detail-type">{detail_type}</span>
                    <span class=state_class>{state}</span>
                    <span class="subject">{subject}</span>
                </summary>
                {move || {
                    open.get().then(|| {
                        view! { <pre>{serde_json::to_string_pretty(&*json).unwrap_or_default()}</pre> }
                    })
                }}
            </details>
        </li>
    }
}

/// The events card: the pattern typed, its diagnostics, the log of the newest matching events
/// and their download.
#[component]
pub(super) fn EventsCard(run: Run) -> impl IntoView {
    let pattern_text = run.pattern_text;
    let cache = StoredValue::new(LogCache::default());
    let pattern = Memo::new(move |_| {
        let text = pattern_text.get();
        if text.trim().is_empty() {
            Ok(None)
        } else {
            EventPattern::parse(&text).map(Some)
        }
    });
    view! {
        <div class="card">
            <h2>"Events"</h2>
            <label for="event-pattern" class="field-label">
                "EventBridge event pattern (empty: every event)"
            </label>
            <textarea
                id="event-pattern"
                data-testid="event-pattern"
                class="pattern-input"
                rows="3"
                spellcheck="false"
                placeholder=format!(
                    r#"{{"detail-type": ["{BACKUP_JOB_STATE_CHANGE}"], "detail": {{"state": ["{}"]}}}}"#,
                    BackupJobState::Failed.as_str()
                )
                prop:value=move || pattern_text.get()
                on:input=move |ev| pattern_text.set(event_target_value(&ev))
            ></textarea>
            {move || match pattern.get() {
                Err(diagnostics) => {
                    let text = pattern_text.get();
                    diagnostics
                        .into_iter()
                        .map(|d| view! { <DiagnosticView diagnostic=d text=text.clone() what="pattern" /> })
                        .collect_view()
                        .into_any()
                }
                Ok(_) => ().into_any(),
            }}
            <p class="exports">
                <a
                    data-testid="export-ndjson"
                    download="vaultsim-events.ndjson"
                    href="#"
                    on:click=move |ev| {
                        // Written when asked for: every event of a long run is a lot of text
                        // to rebuild on each step.
                        let pattern = pattern.get_untracked().ok().flatten();
                        let href = ndjson_href(run, pattern.as_ref());
                        event_target::<web_sys::HtmlAnchorElement>(&ev).set_href(&href);
                    }
                >
                    "Download the events shown, as NDJSON"
                </a>
            </p>
            {move || log_scope(run).map(|scope| view! { <p class="muted" data-testid="log-scope">{scope}</p> })}
            // Scrolled from its end, so the newest events stay in view as time moves.
            <div class="event-log-scroll">
                <ol class="event-log" data-testid="event-log">
                    <For
                        each=move || {
                            log_rows(run, pattern.get().ok().flatten(), cache)
                        }
                        key=|row| row.key
                        children=log_row
                    />
                </ol>
            </div>
        </div>
    }
}
