//! The event log, filtered by an EventBridge pattern, and its NDJSON download.

use leptos::prelude::*;
use serde_json::Value;
use vaultsim_core::engine::Simulation;
use vaultsim_core::events::EventPattern;

use super::LOG_ROWS;

/// The events the pattern matches, one JSON a line, as a `data:` URL to download.
pub(super) fn ndjson_href(
    simulation: StoredValue<Option<Simulation>>,
    pattern: Option<&EventPattern>,
) -> String {
    let lines = simulation.with_value(|s| {
        let Some(s) = s else {
            return String::new();
        };
        let mut out = String::new();
        for json in s.events().iter().map(|e| s.event_json(e)) {
            if pattern.is_none_or(|p| p.matches(&json)) {
                out.push_str(&json.to_string());
                out.push('\n');
            }
        }
        out
    });
    let encoded: String = js_sys::encode_uri_component(&lines).into();
    format!("data:application/x-ndjson;charset=utf-8,{encoded}")
}

/// The newest events the pattern matches, each a line that opens to its JSON.
pub(super) fn event_rows(
    simulation: StoredValue<Option<Simulation>>,
    moved: RwSignal<u64>,
    pattern: Option<&EventPattern>,
) -> AnyView {
    moved.track();
    simulation
        .with_value(|s| {
            let Some(s) = s else {
                return Vec::new();
            };
            // The newest first, written only as far as the log needs.
            let mut matching: Vec<Value> = s
                .events()
                .iter()
                .rev()
                .map(|e| s.event_json(e))
                .filter(|json| pattern.is_none_or(|p| p.matches(json)))
                .take(LOG_ROWS)
                .collect();
            matching.reverse();
            matching
                .into_iter()
                .map(|json| {
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
                                    <span class="detail-type">
                                        {detail_type}
                                    </span>
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
                    .into_any()
                })
                .collect::<Vec<_>>()
        })
        .into_any()
}
