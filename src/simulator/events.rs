//! The event log, filtered by an EventBridge pattern, and its NDJSON download.

use leptos::prelude::*;
use serde_json::Value;
use vaultsim_core::events::EventPattern;

use super::LOG_ROWS;
use super::run::Run;

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
pub(super) fn ndjson_href(run: Run, pattern: Option<&EventPattern>) -> String {
    let mut out = String::new();
    for (_, json) in matching(run, pattern, usize::MAX, usize::MAX) {
        out.push_str(&json.to_string());
        out.push('\n');
    }
    super::export::download_href("application/x-ndjson", &out)
}

/// What the log searched, when it is not every event of the run.
pub(super) fn log_scope(run: Run) -> Option<String> {
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
/// adds the new lines and leaves the others as they are.
#[derive(Clone)]
pub(super) struct LogRow {
    pub key: (u64, u64),
    json: Value,
}

/// The newest events the pattern matches, oldest first.
pub(super) fn log_rows(run: Run, pattern: Option<&EventPattern>) -> Vec<LogRow> {
    run.moved.track();
    let generation = run.generation();
    matching(run, pattern, LOG_SEARCHED, LOG_ROWS)
        .into_iter()
        .map(|(sequence, json)| LogRow {
            key: (generation, sequence),
            json,
        })
        .collect()
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
    let state_class = format!("state state-{}", state.to_lowercase());
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
                        view! { <pre>{serde_json::to_string_pretty(&json).unwrap_or_default()}</pre> }
                    })
                }}
            </details>
        </li>
    }
}
