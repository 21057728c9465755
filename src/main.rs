//! vaultsim in the browser: the Leptos app, client-side rendered and built by Trunk.
//! Everything about AWS Backup comes from vaultsim-core; this crate only shows it.

mod app;
mod calendar;
mod chunk;
mod clock;
mod diagnostics;
mod explain;
mod fetched;
mod files;
mod format;
mod glossary;
mod host;
#[cfg(test)]
mod layers;
mod learn;
mod navigation;
mod plan_editor;
mod plan_model;
mod plan_text;
mod schedule_playground;
mod simulator;
mod time_zones;
mod url_state;

fn main() {
    console_error_panic_hook::set_once();
    time_zones::install();
    host::install();
    // A link may carry a scenario deflated: the browser inflates it (asynchronously) first.
    wasm_bindgen_futures::spawn_local(async {
        simulator::inflate_linked().await;
        leptos::mount::mount_to_body(app::App);
    });
}
