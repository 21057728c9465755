//! The simulator panel: pick a scenario (a built-in, one imported, or one with its plan edited in
//! the plan editor), move simulated time forward and back, inject faults, and watch what AWS
//! Backup does — the architecture with its jobs lit, each job's state machine, the timeline, the
//! vaults' recovery points, every EventBridge event (filtered by an event pattern, with
//! EventBridge's matching rules) and the audit trail.
//!
//! Everything that decides what is shown — the scenario, the faults injected, the simulated
//! time, the pattern — is kept in the URL, so the page's address is its share link: the
//! simulation is deterministic, and opening the link runs it again to the same moment.
//!
//! This module only lays the cards out. Each card is a component in its own module and owns its
//! signals; what they share is the run (run.rs), the player (player.rs) and what the user has
//! picked (picks.rs), passed down — no card reaches into another or up into this module.

use leptos::prelude::*;

mod architecture;
mod capabilities;
mod console;
mod events;
mod export;
mod fault_picker;
mod faults;
mod inspector;
mod picks;
mod plan_link;
mod player;
mod run;
mod scenario_editor;
mod scenario_picker;
mod share_link;
mod source;
mod state_diagram;
mod summary;
mod timeline;

use architecture::ArchitectureCard;
use console::ConsoleCard;
use events::EventsCard;
use fault_picker::FaultPicker;
use inspector::InspectorCard;
use picks::Picks;
use player::{Player, PlayerControls};
use run::Run;
use scenario_editor::{ScenarioEditor, ScenarioProblems};
use scenario_picker::ScenarioPicker;
use share_link::ShareLink;
use source::Source;
use state_diagram::StateMachineCard;
use summary::RunSummary;
use timeline::TimelineCard;

pub use plan_link::PlanLinkBanner;
pub use run::inflate_linked;

/// The scenario shown first: the guide's example.
const FIRST_SCENARIO: &str = "three-tier-web-app";

/// The panel: the run, followed from the plan editor when it drives the scenario's plan, laid
/// out in cards that each draw one part of it.
#[component]
pub fn Simulator() -> impl IntoView {
    let run = Run::from_url(FIRST_SCENARIO);
    // The plan editor's text, when it drives this scenario's plan.
    match plan_link::follow(&run.source.get_untracked()) {
        plan_link::Followed::Same => {}
        plan_link::Followed::Scenario(text) => run.replace(Source::Custom(text)),
        plan_link::Followed::PlanErrors(text, diagnostics) => {
            run.problems.set(Some(run::Problems {
                what: "plan",
                text,
                diagnostics,
            }))
        }
    }
    let player = Player::new(run);
    let picks = Picks::new();
    // Another scenario: play stops, and what was picked in the last one goes.
    let choose = Callback::new(move |source: Source| {
        player.pause();
        if run.load(source) {
            picks.forget();
        }
    });
    Effect::new(move |_| {
        run.pattern_text.track();
        run.keep();
    });

    view! {
        <section class="simulator" aria-labelledby="simulator-title">
            <div class="intro">
                <h1 id="simulator-title">"Simulator"</h1>
                <p>
                    "A scenario — accounts, resources, vaults, plans, calls and faults — run through simulated time. "
                    "Every state change is an EventBridge event shaped like AWS's. "
                    "How long jobs take is a model; AWS publishes no such figures."
                </p>
            </div>

            <div class="card sim-controls">
                <ScenarioPicker run=run choose=choose />
                <plan_link::ScenarioPlans run=run />
                <ScenarioEditor run=run on_load=choose />
                <ScenarioProblems run=run />
                <PlayerControls player=player />
                <FaultPicker run=run picks=picks />
                <ShareLink run=run />
            </div>

            <ArchitectureCard run=run picks=picks />
            <TimelineCard run=run player=player picks=picks />
            <ConsoleCard run=run player=player />
            <InspectorCard run=run picks=picks />
            <StateMachineCard run=run picks=picks />
            <RunSummary run=run />
            <EventsCard run=run />
        </section>
    }
}
