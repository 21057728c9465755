//! The page's panels and moving between them: which panel the URL asks for (`?panel=schedule`),
//! and the [`Navigator`] a panel uses to hand work to another (the simulator sends its plan to
//! the plan editor, and the plan editor back). The app lays the panels out; the panels depend on
//! this, never on the app.

use leptos::prelude::*;

use crate::url_state::{self, History};

/// The panels, in the navigation's order; the first is shown by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Learn,
    Plan,
    Schedule,
    Simulate,
}

impl Panel {
    pub const ALL: [Panel; 4] = [Panel::Learn, Panel::Plan, Panel::Schedule, Panel::Simulate];

    /// The name in the URL.
    pub fn id(self) -> &'static str {
        match self {
            Panel::Learn => "learn",
            Panel::Plan => "plan",
            Panel::Schedule => "schedule",
            Panel::Simulate => "simulate",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Panel::Learn => "Learn",
            Panel::Plan => "Plan",
            Panel::Schedule => "Schedule",
            Panel::Simulate => "Simulate",
        }
    }

    fn from_id(id: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The panel the URL asks for: `panel`, or the schedule playground for a link that carries
    /// its inputs (links made before the navigation existed); with neither, the panel this
    /// browser was on last (a returning user lands where they left off), or Learn for a first
    /// visit.
    pub fn from_url() -> Panel {
        if let Some(panel) = url_state::get("panel").and_then(|p| Panel::from_id(&p)) {
            return panel;
        }
        if ["expr", "tz", "after"]
            .iter()
            .any(|p| url_state::get(p).is_some())
        {
            return Panel::Schedule;
        }
        url_state::load(LAST_PANEL_KEY)
            .and_then(|p| Panel::from_id(&p))
            .unwrap_or(Panel::Learn)
    }

    /// Remembers this panel as the one to come back to.
    pub fn remember(self) {
        let _ = url_state::store(LAST_PANEL_KEY, self.id());
    }
}

/// Where the panel last shown is kept.
const LAST_PANEL_KEY: &str = "vaultsim.panel";

/// Moves the page to another panel, as its navigation link would. The app provides it as a
/// context; a panel shown outside the app (none today) has none, and its links do nothing.
#[derive(Clone, Copy)]
pub struct Navigator {
    panel: RwSignal<Panel>,
    /// Whether the page was opened with no panel in its URL (a visitor coming back to `/`).
    opened_bare: bool,
}

impl Navigator {
    /// The navigator of the page's panel; a URL without a panel is given the one shown (so Back
    /// returns to it), and the navigator remembers it came so.
    pub fn new(panel: RwSignal<Panel>) -> Navigator {
        let opened_bare = url_state::get("panel").is_none();
        if opened_bare {
            url_state::update(
                &[("panel", Some(panel.get_untracked().id()))],
                History::Replace,
            );
        }
        Navigator { panel, opened_bare }
    }

    pub fn opened_bare(self) -> bool {
        self.opened_bare
    }

    pub fn show(self, to: Panel) {
        if self.panel.get_untracked() != to {
            url_state::update(&[("panel", Some(to.id()))], History::Push);
            to.remember();
            self.panel.set(to);
        }
    }
}
