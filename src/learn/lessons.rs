//! Where lessons come from: the built-in ones, fetched from beside the page
//! (`lessons/<id>.json`, copied there by Trunk from crates/core/lessons); one a link names
//! (`?lesson-src=URL`, a teacher's file on any server that allows it); and one the learner
//! imported, kept in this browser so a reload keeps it.

use vaultsim_core::Diagnostic;
use vaultsim_core::lesson::{self, Lesson, Listing};

use crate::{chunk, fetched, url_state};

/// Where the imported lesson's text is kept.
const IMPORTED_KEY: &str = "vaultsim.learn.imported";

/// Why a lesson is not shown.
#[derive(Clone, Debug)]
pub enum Unread {
    /// The file could not be had (the network, a missing file, a server that refuses).
    Unreachable(String),
    /// The file was read, and is not a lesson AWS facts can be checked against.
    Invalid {
        text: String,
        diagnostics: Vec<Diagnostic>,
    },
}

pub type Read = Result<Lesson, Unread>;

/// `text` as a lesson, or its diagnostics against it. A lesson's goals name console commands,
/// read with the API model: it is had first.
pub async fn read(text: String) -> Read {
    chunk::ready().await.map_err(Unread::Unreachable)?;
    // The view comes in the chunk too: readied before the lesson is shown.
    super::lesson_view::lesson_code()
        .await
        .map_err(|_| Unread::Unreachable("the lessons' code could not be loaded".to_string()))?;
    match chunk::read_lesson(&text) {
        Some(read) => read.map_err(|diagnostics| Unread::Invalid { text, diagnostics }),
        None => Err(Unread::Unreachable(
            "the lessons' code is not loaded: reload the page".to_string(),
        )),
    }
}

async fn fetch(url: &str) -> Read {
    read(fetched::text(url).await.map_err(Unread::Unreachable)?).await
}

pub fn is_builtin(id: &str) -> bool {
    lesson::BUILTIN.contains(&id)
}

/// The list: each built-in lesson, as the list shows it when its file could be had.
pub type Catalogue = Vec<(&'static str, Option<Listing>)>;

/// Every built-in lesson as the list shows it, in the guide's order: read without the lesson
/// reader, which comes with the chunk (crate::chunk) and the API model only when a lesson opens.
pub async fn builtin_list() -> Catalogue {
    let mut out = Vec::new();
    for id in lesson::BUILTIN {
        let text = fetched::text(&format!("lessons/{id}.json")).await.ok();
        out.push((*id, text.as_deref().and_then(Listing::from_json)));
    }
    out
}

/// The lesson `id`: built-in, or the one imported here last.
pub async fn by_id(id: &str) -> Option<Read> {
    if is_builtin(id) {
        return Some(fetch(&format!("lessons/{id}.json")).await);
    }
    let text = url_state::load(IMPORTED_KEY)?;
    let read = read(text).await;
    read.as_ref().is_ok_and(|l| l.id == id).then_some(read)
}

/// The lesson at a teacher's link.
pub async fn from_link(url: &str) -> Read {
    fetch(url).await
}

/// Keeps an imported lesson's text for the next visit (one at a time).
pub fn keep_imported(text: &str) {
    let _ = url_state::store(IMPORTED_KEY, text);
}
