//! The page's layout: the header with the navigation between panels, the panel shown, and the
//! footer. The panel is kept in the URL (`?panel=schedule`), so links and reloads keep it.

use leptos::ev::MouseEvent;
use leptos::prelude::*;

use crate::plan_editor::PlanEditor;
use crate::schedule_playground::SchedulePlayground;
use crate::simulator::Simulator;
use crate::url_state::{self, History};

/// The panels, in the navigation's order; the first is shown by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Plan,
    Schedule,
    Simulate,
}

impl Panel {
    const ALL: [Panel; 3] = [Panel::Plan, Panel::Schedule, Panel::Simulate];

    /// The name in the URL.
    fn id(self) -> &'static str {
        match self {
            Panel::Plan => "plan",
            Panel::Schedule => "schedule",
            Panel::Simulate => "simulate",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Panel::Plan => "Plan",
            Panel::Schedule => "Schedule",
            Panel::Simulate => "Simulate",
        }
    }

    /// The panel the URL asks for: `panel`, or the schedule playground for a link that carries
    /// its inputs (links made before the navigation existed), or the plan editor.
    fn from_url() -> Panel {
        match url_state::get("panel").as_deref() {
            Some("schedule") => Panel::Schedule,
            Some("plan") => Panel::Plan,
            Some("simulate") => Panel::Simulate,
            _ if ["expr", "tz", "after"]
                .iter()
                .any(|p| url_state::get(p).is_some()) =>
            {
                Panel::Schedule
            }
            _ => Panel::Plan,
        }
    }
}

/// Moves the page to another panel, as its navigation link would: panels hand work to each other
/// (the simulator sends its plan to the plan editor, and the plan editor back).
#[derive(Clone, Copy)]
pub struct Navigator(RwSignal<Panel>);

impl Navigator {
    pub fn show(self, to: Panel) {
        if self.0.get_untracked() != to {
            url_state::update(&[("panel", Some(to.id()))], History::Push);
            self.0.set(to);
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    let panel = RwSignal::new(Panel::from_url());
    provide_context(Navigator(panel));
    // Back and Forward move between the panels visited.
    let _ = window_event_listener(leptos::ev::popstate, move |_| panel.set(Panel::from_url()));

    let go = move |ev: MouseEvent, to: Panel| {
        // A modified click (new tab, new window) is the browser's to handle.
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        Navigator(panel).show(to);
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
        <main>
            {move || match panel.get() {
                Panel::Plan => view! { <PlanEditor /> }.into_any(),
                Panel::Schedule => view! { <SchedulePlayground /> }.into_any(),
                Panel::Simulate => view! { <Simulator /> }.into_any(),
            }}
        </main>
        <footer class="bottom">
            {move || match panel.get() {
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
