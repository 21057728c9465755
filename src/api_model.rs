//! The AWS API model the console reads commands with and a lesson's goals are checked with:
//! fetched from beside the page once, when first needed, rather than carried in the wasm
//! (vaultsim_core::api::operations; natively it is compiled in).

use std::cell::Cell;

use leptos::prelude::*;
use vaultsim_core::api::operations::{self, FILES};

thread_local! {
    /// Whether the API model is installed (`Some(Ok)`), could not be had (`Some(Err)`), or is
    /// on its way (`None`): every console on the page reads it.
    static MODEL: ArcRwSignal<Option<Result<(), String>>> = ArcRwSignal::new(None);
    /// Whether the model has been asked for: a failed fetch is asked again by the next asker.
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

/// The model's state, fetching it unless it has been asked for.
pub fn asked() -> ArcRwSignal<Option<Result<(), String>>> {
    let model = MODEL.with(Clone::clone);
    if !ASKED.replace(true) {
        let model = model.clone();
        leptos::task::spawn_local(async move {
            let answer = fetch().await;
            ASKED.set(answer.is_ok());
            model.set(Some(answer));
        });
    }
    model
}

/// The model installed, fetched now if it is not (a lesson is read only once it is).
pub async fn ready() -> Result<(), String> {
    let answer = fetch().await;
    ASKED.set(answer.is_ok());
    MODEL.with(|m| m.set(Some(answer.clone())));
    answer
}

async fn fetch() -> Result<(), String> {
    if operations::installed() {
        return Ok(());
    }
    let mut texts = Vec::new();
    for (service, file) in FILES {
        texts.push((service, crate::fetched::text(file).await?));
    }
    if operations::installed() {
        // Another asker installed it meanwhile.
        return Ok(());
    }
    let texts: Vec<(&'static str, &str)> = texts.iter().map(|(s, t)| (*s, t.as_str())).collect();
    operations::install(&texts);
    if operations::installed() {
        Ok(())
    } else {
        Err("the API model's files could not be read".to_string())
    }
}
