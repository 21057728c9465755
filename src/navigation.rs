//! The page's panels and moving between them: which panel the URL asks for (`?panel=schedule`),
//! and the [`Navigator`] a panel uses to hand work to another (the simulator sends its plan to
//! the plan editor, and the plan editor back). The app lays the panels out; the panels depend on
//! this, never on the app.

use leptos::prelude::*;

use crate::url_state::{self, History};

/// The panels, in the navigation's order; the first is shown by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Plan,
    Schedule,
    Simulate,
}

impl Panel {
    pub const ALL: [Panel; 3] = [Panel::Plan, Panel::Schedule, Panel::Simulate];

    /// The name in the URL.
    pub fn id(self) -> &'static str {
        match self {
            Panel::Plan => "plan",
            Panel::Schedule => "schedule",
            Panel::Simulate => "simulate",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Panel::Plan => "Plan",
            Panel::Schedule => "Schedule",
            Panel::Simulate => "Simulate",
        }
    }

    /// The panel the URL asks for: `panel`, or the schedule playground for a link that carries
    /// its inputs (links made before the navigation existed), or the plan editor.
    pub fn from_url() -> Panel {
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

/// Moves the page to another panel, as its navigation link would. The app provides it as a
/// context; a panel shown outside the app (none today) has none, and its links do nothing.
#[derive(Clone, Copy)]
pub struct Navigator(RwSignal<Panel>);

impl Navigator {
    pub fn new(panel: RwSignal<Panel>) -> Navigator {
        Navigator(panel)
    }

    pub fn show(self, to: Panel) {
        if self.0.get_untracked() != to {
            url_state::update(&[("panel", Some(to.id()))], History::Push);
            self.0.set(to);
        }
    }
}
