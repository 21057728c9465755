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

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use vaultsim_core::Diagnostic;
use vaultsim_core::cost::Prices;
use vaultsim_core::lesson::{Check, Checked, Learner};

mod architecture;
mod audit_card;
mod capabilities;
mod comparison;
mod console;
mod cost_card;
mod events;
mod export;
mod fault_picker;
mod faults;
mod inbox;
mod incident;
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
use audit_card::AuditCard;
use comparison::ComparisonCard;
use console::ConsoleCard;
use cost_card::CostCard;
use events::EventsCard;
use fault_picker::FaultPicker;
use inbox::InboxCard;
use incident::IncidentCard;
use inspector::InspectorCard;
use picks::Picks;
use player::{Player, PlayerControls};
use run::Run;
use scenario_editor::{ScenarioEditor, ScenarioProblems};
use scenario_picker::ScenarioPicker;
use share_link::ShareLink;
use state_diagram::StateMachineCard;
use summary::RunSummary;
use timeline::TimelineCard;

pub use plan_link::PlanLinkBanner;
pub use run::inflate_linked;
pub use source::Source;

/// A run with its player and what the user picked in it: what the live pictures show, on the
/// Simulate panel and beside a lesson. Copied freely into handlers.
#[derive(Clone, Copy)]
pub struct Stage {
    run: Run,
    player: Player,
    picks: Picks,
}

impl Stage {
    fn of(run: Run) -> Stage {
        Stage {
            run,
            player: Player::new(run),
            picks: Picks::new(),
        }
    }

    /// A lesson's stage: `source` run to `at`, kept out of the URL, its console reading the
    /// lesson's `files`. Made in the component that shows it (the player stops with it).
    pub fn for_lesson(
        source: Source,
        at: DateTime<Utc>,
        files: Vec<(String, String)>,
    ) -> Result<Stage, Vec<Diagnostic>> {
        Run::for_lesson(source, at, files).map(Stage::of)
    }

    /// The run from its start again, headed for `at`, with nothing the learner did.
    pub fn start_over(self, at: DateTime<Utc>) {
        self.player.pause();
        self.picks.forget();
        self.run.start_over(at);
    }

    /// How many console commands have been run (untracked): where a step's own begin.
    pub fn commands_run(self) -> usize {
        self.run.commands.with_untracked(Vec::len)
    }

    /// Runs `f` each time the scenario is started over.
    pub fn on_start_over(self, f: impl Fn() + 'static) {
        self.run.on_start_over(f);
    }

    /// Moves time to `at` (a question's moment).
    pub fn go_to(self, at: DateTime<Utc>) {
        self.player.pause();
        self.run.go_to(at);
    }

    /// The simulated time now.
    pub fn now(self) -> Option<DateTime<Utc>> {
        self.run.moved.track();
        self.run.now()
    }

    /// Whether time is on its way somewhere.
    pub fn busy(self) -> bool {
        self.run.moved.track();
        self.run.progress.track();
        self.run.busy()
    }

    /// `check` against the run as it is now, with the learner's console commands, event
    /// pattern and `plan`; tracked, so a goal shown with it follows every move.
    /// Only the console commands from the `since`-th on count (those of the step shown); a
    /// cost is priced with `prices` (none while the list is not loaded).
    pub fn check(
        self,
        check: &Check,
        plan: Option<&str>,
        since: usize,
        prices: Option<&Prices>,
    ) -> Checked {
        self.run.moved.track();
        let pattern = self.run.pattern_text.get();
        self.run.commands.with(|commands| {
            let commands = &commands[since.min(commands.len())..];
            self.run.simulation.with_value(|s| match s {
                Some(s) => check.check(
                    s,
                    &Learner {
                        pattern: Some(pattern.as_str()),
                        commands,
                        plan,
                        prices,
                    },
                ),
                None => Checked {
                    met: false,
                    saw: "the scenario does not run".to_string(),
                },
            })
        })
    }

    /// What `ask` answers now (a question's answer), as JSON text; or why there is none.
    pub fn ask(self, ask: &str) -> Result<serde_json::Value, String> {
        self.run.simulation.with_value(|s| match s {
            Some(s) => vaultsim_core::console::run::ask(s, ask).map_err(|r| r.stderr),
            None => Err("the scenario does not run".to_string()),
        })
    }
}

/// The live pictures of a stage in one screen: the player above, the architecture and the
/// timeline, the picked job's state machine and the newest events beside them, and the console
/// when it is not shown elsewhere (a lesson shows it beside its text).
#[component]
pub fn StageView(stage: Stage, #[prop(optional)] with_console: bool) -> impl IntoView {
    let Stage {
        run, player, picks, ..
    } = stage;
    view! {
        <div class="stage">
            <div class="card stage-player">
                <PlayerControls player=player />
            </div>
            <div class="stage-architecture">
                <ArchitectureCard run=run picks=picks />
            </div>
            <div class="stage-timeline">
                <TimelineCard run=run player=player picks=picks />
            </div>
            {with_console
                .then(|| {
                    view! {
                        <div class="stage-console">
                            <ConsoleCard run=run player=player />
                        </div>
                    }
                })}
            <div class="stage-machine">
                <StateMachineCard run=run picks=picks />
            </div>
            <div class="stage-events">
                <EventsCard run=run />
            </div>
        </div>
    }
}

/// The console of a stage, where a lesson lays it out.
#[component]
pub fn StageConsole(stage: Stage) -> impl IntoView {
    view! { <ConsoleCard run=stage.run player=stage.player /> }
}

/// The vaults, jobs and audit trail of a stage, and the inspector: below a lesson's pictures.
#[component]
pub fn StageDetails(stage: Stage) -> impl IntoView {
    view! {
        <InboxCard run=stage.run />
        <InspectorCard run=stage.run picks=stage.picks />
        <RunSummary run=stage.run />
    }
}

/// The scenario shown first: the guide's example.
const FIRST_SCENARIO: &str = "three-tier-web-app";

/// The panel: the run, followed from the plan editor when it drives the scenario's plan, laid
/// out in cards that each draw one part of it.
#[component]
pub fn Simulator() -> impl IntoView {
    let run = Run::from_url(FIRST_SCENARIO);
    // The prices the Cost card's user sets, which the comparison prices with too.
    provide_context(cost_card::PriceEdits(RwSignal::new(Vec::new())));
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
    let stage = Stage::of(run);
    let Stage { player, picks, .. } = stage;
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
                <FaultPicker run=run picks=picks />
                <ShareLink run=run />
            </div>

            <StageView stage=stage with_console=true />
            <IncidentCard run=run />
            <CostCard run=run />
            <AuditCard run=run />
            <ComparisonCard run=run />
            <InboxCard run=run />
            <InspectorCard run=run picks=picks />
            <RunSummary run=run />
        </section>
    }
}
