//! What the console and the lessons need that the page fetches on first use, not at the first
//! visit: their code, split off the main wasm into one chunk (`learn_console`), and the AWS API
//! model the console reads commands with and a lesson's goals are checked with (natively it is
//! compiled in: vaultsim_core::api::operations).
//!
//! The chunk holds reading, answering and printing `aws …` commands, the Simulate panel's
//! console, Inbox, incident, cost, audit and comparison cards, and the lesson reader, checks and view: the Plan, Schedule
//! and Explain panels and the Learn list never need it, so a first visit downloads about a hundred kilobytes (gzipped)
//! less. `xtask/src/split.rs` splits the wasm after Trunk has built it. A
//! `#[wasm_split(learn_console, fallible)]` function is a way into the chunk, and whatever only
//! the chunk calls goes into it. Each way in is readied once (its `preload`), after which its
//! future is complete on its first poll ([`now`]): the call sites stay synchronous. Before that
//! it answers `None`, and a chunk that could not be fetched is an error the page shows; never a
//! panic, which would end the page. Natively the macro calls the function directly.

use std::cell::Cell;
use std::future::Future;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;
use vaultsim_core::Diagnostic;
use vaultsim_core::api::operations::{self, FILES};
use vaultsim_core::lesson::Lesson;
use wasm_split_helpers::{SplitLoaderError, wasm_split};

thread_local! {
    /// Whether the code and the model are there (`Some(Ok)`), could not be had (`Some(Err)`),
    /// or are on their way (`None`): every console and lesson on the page reads it.
    static LOADED: ArcRwSignal<Option<Result<(), String>>> = ArcRwSignal::new(None);
    /// Whether they have been asked for: a failed fetch is asked again by the next asker.
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

/// Whether the code and the model are there, fetching them unless they have been asked for.
pub fn asked() -> ArcRwSignal<Option<Result<(), String>>> {
    let loaded = LOADED.with(Clone::clone);
    if !ASKED.replace(true) {
        let loaded = loaded.clone();
        leptos::task::spawn_local(async move {
            let answer = fetch().await;
            ASKED.set(answer.is_ok());
            loaded.set(Some(answer));
        });
    }
    loaded
}

/// The code and the model, fetched now if they are not there (a lesson is read only once
/// they are).
pub async fn ready() -> Result<(), String> {
    let answer = fetch().await;
    ASKED.set(answer.is_ok());
    LOADED.with(|m| m.set(Some(answer.clone())));
    answer
}

async fn fetch() -> Result<(), String> {
    if operations::installed() {
        return Ok(());
    }
    // The chunk is fetched beside the model's files; the model is read by the chunk's code.
    leptos::task::spawn_local(async {
        let _ = load().await;
    });
    let mut texts = Vec::new();
    for (service, file) in FILES {
        texts.push((service, crate::fetched::text(file).await?));
    }
    if operations::installed() {
        // Another asker installed it meanwhile.
        return Ok(());
    }
    load().await?;
    let texts: Vec<(&'static str, &str)> = texts.iter().map(|(s, t)| (*s, t.as_str())).collect();
    now(install_in(&texts));
    if operations::installed() {
        Ok(())
    } else {
        Err("the API model's files could not be read".to_string())
    }
}

/// Loads the chunk; `Err` when it could not be had (the network, a server without it). A
/// failure is not kept: the next call tries again.
#[wasm_split(learn_console, fallible)]
fn chunk() -> Result<(), SplitLoaderError> {
    Ok(())
}

#[wasm_split(learn_console, fallible, preload(install_code))]
fn install_in(texts: &[(&'static str, &str)]) -> Result<(), SplitLoaderError> {
    operations::install(texts);
    Ok(())
}

#[wasm_split(learn_console, fallible, preload(read_lesson_code))]
fn read_lesson_in(text: &str) -> Result<Result<Lesson, Vec<Diagnostic>>, SplitLoaderError> {
    Ok(Lesson::from_json(text))
}

/// Fetches and instantiates the chunk (once; again after a failure), and readies this module's
/// ways into it.
async fn load() -> Result<(), String> {
    let failed = |_| {
        "the console's and the lessons' code (a wasm file beside the page) could not be loaded"
            .to_string()
    };
    chunk().await.map_err(failed)?;
    install_code().await.map_err(failed)?;
    read_lesson_code().await.map_err(failed)
}

/// The value of a way into the chunk once it is readied; `None` before, or when the chunk
/// could not be had.
pub fn now<T, F: Future<Output = Result<T, SplitLoaderError>>>(future: F) -> Option<T> {
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(Ok(value)) => Some(value),
        Poll::Ready(Err(_)) | Poll::Pending => None,
    }
}

/// `text` read as a lesson; `None` before the chunk is loaded ([`ready`]).
pub fn read_lesson(text: &str) -> Option<Result<Lesson, Vec<Diagnostic>>> {
    now(read_lesson_in(text))
}

/// A view from the chunk (`shown`, a way in that `preload` readies), in place of a card that
/// says it is loading, or why it could not be loaded: `what` names it for the visitor.
pub fn when_loaded<F>(
    what: &'static str,
    preload: impl Fn() -> F + Copy + 'static,
    shown: impl Fn() -> Option<AnyView> + Send + Sync + 'static,
) -> impl IntoView
where
    F: Future<Output = Result<(), SplitLoaderError>> + 'static,
{
    let loaded = asked();
    // Only a change of state redraws: asking again for what is loaded must not make the card
    // anew (a console would lose its transcript).
    let state = Memo::new(move |_| loaded.get());
    let readied = RwSignal::new(false);
    let trying = StoredValue::new(false);
    // The card's way in is readied once the chunk is there; a failed try is made again when a
    // later fetch (another card's, say) succeeds, so that the card never waits for good.
    Effect::new(move |_| {
        if matches!(state.get(), Some(Ok(()))) && !readied.get_untracked() && !trying.get_value() {
            trying.set_value(true);
            leptos::task::spawn_local(async move {
                let ok = preload().await.is_ok();
                trying.try_set_value(false);
                readied.try_set(ok);
            });
        }
    });
    move || match state.get() {
        Some(Ok(())) if readied.get() => {
            shown().unwrap_or_else(|| unavailable(what, "it did not start"))
        }
        Some(Err(why)) => unavailable(what, &why),
        _ => view! {
            <p class="card loading" data-testid="chunk-loading">
                {format!("Loading the {what}…")}
            </p>
        }
        .into_any(),
    }
}

fn unavailable(what: &str, why: &str) -> AnyView {
    view! {
        <p class="card loading" role="alert" data-testid="chunk-unavailable">
            {format!(
                "The {what} cannot be shown: {why}. Reload the page to try again; on the command line, vaultsim console runs the same commands."
            )}
        </p>
    }
    .into_any()
}
