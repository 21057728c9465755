//! The page's layout: the header and the panels.

use leptos::prelude::*;

use crate::schedule_playground::SchedulePlayground;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">"◆"</span>
                <span class="name">"vaultsim"</span>
            </div>
            <p class="tagline">"AWS Backup, simulated before it touches production"</p>
        </header>
        <main>
            <SchedulePlayground />
        </main>
        <footer class="bottom">
            <p>
                "Schedules follow the EventBridge cron syntax AWS Backup uses, and AWS Backup's own rules on top of it. "
                "How runs behave across daylight-saving changes follows EventBridge Scheduler's documented rule: "
                "AWS Backup does not document its own, so this is a model assumption."
            </p>
        </footer>
    }
}
