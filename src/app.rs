//! The page's layout: the header with the navigation between panels, the panel shown, and the
//! footer. The panel is kept in the URL (`?panel=schedule`), so links and reloads keep it
//! (navigation.rs); the app is the only module that knows every panel.

use leptos::ev::MouseEvent;
use leptos::prelude::*;

use crate::learn::Learn;
use crate::navigation::{Navigator, Panel};
use crate::plan_editor::PlanEditor;
use crate::schedule_playground::SchedulePlayground;
use crate::simulator::{PlanLinkBanner, Simulator};

#[component]
pub fn App() -> impl IntoView {
    let panel = RwSignal::new(Panel::from_url());
    panel.get_untracked().remember();
    let navigator = Navigator::new(panel);
    provide_context(navigator);
    // Back and Forward move between the panels visited.
    // (Within a panel, the panel follows its own parameters: the Learn panel its lesson and step.)
    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        let to = Panel::from_url();
        if panel.get_untracked() != to {
            panel.set(to);
        }
    });

    let go = move |ev: MouseEvent, to: Panel| {
        // A modified click (new tab, new window) is the browser's to handle.
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        navigator.show(to);
    };

    view! {
        <header class="top">
            <div class="brand">
                <span class="logo" aria-hidden="true">"◆"</span>
                <span class="name">"vaultsim"</span>
            </div>
            <nav class="panels" aria-label="Panels">
                {Panel::ALL
                    .map(|p| {
                        view! {
                            <a
                                href=format!("?panel={}", p.id())
                                class="panel-link"
                                data-testid=format!("nav-{}", p.id())
                                aria-current=move || (panel.get() == p).then_some("page")
                                on:click=move |ev| go(ev, p)
                            >
                                {p.label()}
                            </a>
                        }
                    })}
            </nav>
            <p class="tagline">"AWS Backup, simulated before it touches production"</p>
        </header>
        <main class:wide=move || matches!(panel.get(), Panel::Learn | Panel::Simulate)>
            {move || match panel.get() {
                Panel::Learn => view! { <Learn /> }.into_any(),
                Panel::Plan => view! {
                    <PlanEditor>
                        <PlanLinkBanner />
                    </PlanEditor>
                }
                .into_any(),
                Panel::Schedule => view! { <SchedulePlayground /> }.into_any(),
                Panel::Simulate => view! { <Simulator /> }.into_any(),
            }}
        </main>
        <footer class="bottom" class:wide=move || matches!(panel.get(), Panel::Learn | Panel::Simulate)>
            {move || match panel.get() {
                Panel::Learn => view! {
                    <p>
                        "Lessons run on the same simulation as the Simulate panel, and their goals are checked against it. "
                        "The console answers as the AWS CLI would from the API model; what it does not simulate, it says so. "
                        "Progress stays in this browser."
                    </p>
                }
                    .into_any(),
                Panel::Plan => view! {
                    <p>
                        "Plans are checked against the AWS Backup API model (required and unknown members, types, patterns) "
                        "and the rules AWS documents for windows, lifecycles, continuous backup, schedules and copies. "
                        "A rule AWS enforces is an error; a likely mistake AWS accepts is a warning. "
                        "The text stays in this browser only."
                    </p>
                }
                    .into_any(),
                Panel::Schedule => view! {
                    <p>
                        "Schedules follow the EventBridge cron syntax AWS Backup uses, and AWS Backup's own rules on top of it. "
                        "How runs behave across daylight-saving changes follows EventBridge Scheduler's documented rule: "
                        "AWS Backup does not document its own, so this is a model assumption."
                    </p>
                }
                    .into_any(),
                Panel::Simulate => view! {
                    <p>
                        "The simulation follows the AWS Backup API's states and the developer guide's event samples. "
                        "Durations, the caller's IAM permissions and injected faults are models, and say so; "
                        "messages AWS's samples do not give are marked as vaultsim's words."
                    </p>
                }
                    .into_any(),
            }}
        </footer>
    }
}
