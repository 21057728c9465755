//! The Learn panel: the guide's sections as lessons a learner does, in the guide's order with
//! their progress, and one lesson at a time beside its own simulation (lesson_view.rs). A lesson
//! is data (vaultsim_core::lesson): the built-in ones, a teacher's file named by a link
//! (`?panel=learn&lesson-src=URL`) or one imported here (lessons.rs). Progress stays in this
//! browser, and goes out and comes back as a file (progress.rs).
//!
//! Links: `?panel=learn` is the list; `&lesson=ID` a lesson; `&step=N` (from 1) its step.

use leptos::prelude::*;

mod lesson_view;
mod lessons;
mod progress;

use lesson_view::LessonLink;
use lessons::{Read, Unread};
use progress::Record;
use vaultsim_core::lesson::Listing;

use crate::diagnostics::DiagnosticView;
use crate::files;
use crate::navigation::Navigator;
use crate::url_state::{self, History};

/// What the URL asks the panel to show.
#[derive(Clone, Debug, PartialEq)]
enum Wanted {
    List,
    Lesson(String),
    /// A lesson file at a URL.
    Link(String),
}

impl Wanted {
    fn from_url() -> Wanted {
        if let Some(url) = url_state::get("lesson-src") {
            Wanted::Link(url)
        } else if let Some(id) = url_state::get("lesson") {
            Wanted::Lesson(id)
        } else {
            Wanted::List
        }
    }

    fn link(&self) -> LessonLink {
        LessonLink(match self {
            Wanted::Link(url) => {
                let url: String = js_sys::encode_uri_component(url).into();
                format!("?panel=learn&lesson-src={url}")
            }
            Wanted::Lesson(id) => {
                let id: String = js_sys::encode_uri_component(id).into();
                format!("?panel=learn&lesson={id}")
            }
            Wanted::List => "?panel=learn".to_string(),
        })
    }
}

/// The step the URL names, from 0.
fn step_from_url() -> usize {
    url_state::get("step")
        .and_then(|s| s.parse::<usize>().ok())
        .map_or(0, |n| n.saturating_sub(1))
}

#[component]
pub fn Learn() -> impl IntoView {
    let record = Record::load();
    // Opened with nothing in the URL: the learner is back, and lands on the step they left.
    if use_context::<Navigator>().is_some_and(Navigator::opened_bare)
        && Wanted::from_url() == Wanted::List
        && let Some((id, step)) = record.last()
        && lessons::is_builtin(&id)
    {
        let step = (step + 1).to_string();
        url_state::update(
            &[
                ("panel", Some("learn")),
                ("lesson", Some(&id)),
                ("step", Some(&step)),
            ],
            History::Replace,
        );
    }
    let wanted = RwSignal::new(Wanted::from_url());
    let step = RwSignal::new(step_from_url());
    // Back and Forward within the panel: only what changed is set, so moving between the steps
    // of a lesson keeps its run (a signal set to an equal value still redraws what reads it).
    let listener = window_event_listener(leptos::ev::popstate, move |_| {
        let to = Wanted::from_url();
        if wanted.try_with_untracked(|w| *w != to).unwrap_or(false) {
            wanted.set(to);
        }
        let to = step_from_url();
        if step.try_get_untracked().is_some_and(|s| s != to) {
            step.set(to);
        }
    });
    on_cleanup(move || listener.remove());
    let catalogue = RwSignal::new(None);
    // The lesson the URL names, once read; tagged with what was wanted, so a slow fetch that
    // lands after the learner moved on is not shown.
    let loaded = RwSignal::new(None::<(Wanted, Read)>);
    Effect::new(move |_| {
        let want = wanted.get();
        // A lesson read before is shown again; one that failed is asked for again.
        if want == Wanted::List
            || loaded.with_untracked(|l| {
                l.as_ref()
                    .is_some_and(|(w, read)| *w == want && read.is_ok())
            })
        {
            return;
        }
        leptos::task::spawn_local(async move {
            let read = match &want {
                Wanted::Lesson(id) => lessons::by_id(id).await.unwrap_or_else(|| {
                    Err(Unread::Unreachable(format!(
                        "there is no lesson named {id:?} here: built-in lessons are listed under All lessons, and a lesson you imported is kept only until you import another"
                    )))
                }),
                Wanted::Link(url) => lessons::from_link(url).await,
                Wanted::List => return,
            };
            // The panel may have gone while the lesson was on its way.
            if wanted.try_get_untracked() == Some(want.clone()) {
                loaded.try_set(Some((want, read)));
            }
        });
    });
    let open = move |want: Wanted| {
        let (lesson, src) = match &want {
            Wanted::Lesson(id) => (Some(id.as_str()), None),
            Wanted::Link(url) => (None, Some(url.as_str())),
            Wanted::List => (None, None),
        };
        url_state::update(
            &[
                ("panel", Some("learn")),
                ("lesson", lesson),
                ("lesson-src", src),
                ("step", None),
            ],
            History::Push,
        );
        // Read anew: an imported lesson may have changed under the same name.
        loaded.set(None);
        step.set(0);
        wanted.set(want);
    };

    view! {
        <section class="learn" data-testid="learn">
            {move || match wanted.get() {
                Wanted::List => {
                    view! { <LessonList record=record catalogue=catalogue open=Callback::new(open) /> }
                        .into_any()
                }
                want => {
                    let read = loaded
                        .with(|l| l.as_ref().filter(|(w, _)| *w == want).map(|(_, r)| r.clone()));
                    match read {
                        None => view! { <p class="card loading">"Loading the lesson…"</p> }.into_any(),
                        Some(Err(unread)) => view! { <UnreadView unread=unread /> }.into_any(),
                        Some(Ok(lesson)) => {
                            let last = lesson.steps.len().saturating_sub(1);
                            let visited = lesson.id.clone();
                            Effect::new(move |_| record.visited(&visited, step.get().min(last)));
                            let on_step = Callback::new(move |i: usize| {
                                let n = (i.min(last) + 1).to_string();
                                url_state::update(
                                    &[("panel", Some("learn")), ("step", Some(&n))],
                                    History::Push,
                                );
                                step.set(i.min(last));
                            });
                            // The view comes with the chunk, loaded before the lesson was read.
                            crate::chunk::now(lesson_view::lesson_view_in(
                                lesson,
                                want.link(),
                                step,
                                record,
                                on_step,
                            ))
                            .unwrap_or_else(|| {
                                view! { <p class="card loading">"The lessons' code is not loaded yet: reload the page."</p> }
                                    .into_any()
                            })
                        }
                    }
                }
            }}
        </section>
    }
}

/// Why a lesson is not shown: where the file was not had, or each problem placed in its text.
#[component]
fn UnreadView(unread: Unread) -> impl IntoView {
    let body = match unread {
        Unread::Unreachable(why) => view! { <p>{why}</p> }.into_any(),
        Unread::Invalid { text, diagnostics } => view! {
            <p>"The lesson file was read, and is not a lesson vaultsim can run:"</p>
            {diagnostics
                .into_iter()
                .map(|d| view! { <DiagnosticView diagnostic=d text=text.clone() what="lesson" /> })
                .collect_view()}
        }
        .into_any(),
    };
    view! {
        <div class="card lesson-unread" data-testid="lesson-unread" role="alert">
            <h2>"This lesson cannot be shown"</h2>
            {body}
            <p>
                "The lesson format is described in docs/lessons.md. "
                <a href="?panel=learn">"Back to all lessons"</a>
            </p>
        </div>
    }
}

/// The lessons in the guide's order with the learner's progress, importing a lesson, and
/// taking progress away and back.
#[component]
fn LessonList(
    record: Record,
    /// The built-in lessons, once read: the panel keeps them while it is shown.
    catalogue: RwSignal<Option<lessons::Catalogue>>,
    open: Callback<Wanted>,
) -> impl IntoView {
    if catalogue.with_untracked(Option::is_none) {
        leptos::task::spawn_local(async move {
            catalogue.try_set(Some(lessons::builtin_list().await));
        });
    }
    let import_problem = RwSignal::new(None::<Unread>);
    let progress_note = RwSignal::new(None::<String>);

    let import_lesson = move |ev: leptos::ev::Event| {
        let Some(file) = files::picked(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Some(text) = files::text_of(file).await else {
                import_problem.try_set(Some(Unread::Unreachable(
                    "the file could not be read as text: choose a lesson document, JSON in UTF-8"
                        .into(),
                )));
                return;
            };
            match lessons::read(text.clone()).await {
                Ok(lesson) if lessons::is_builtin(&lesson.id) => {
                    import_problem.try_set(Some(Unread::Unreachable(format!(
                        "this lesson's name, {:?}, is a built-in lesson's: give it a name of its own (its \"Lesson\" member), so its progress is its own",
                        lesson.id
                    ))));
                }
                Ok(lesson) => {
                    lessons::keep_imported(&text);
                    import_problem.try_set(None);
                    open.run(Wanted::Lesson(lesson.id));
                }
                Err(unread) => {
                    import_problem.try_set(Some(unread));
                }
            }
        });
    };
    let import_progress = move |ev: leptos::ev::Event| {
        let Some(file) = files::picked(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let read = match files::text_of(file).await {
                Some(text) => record.import(&text),
                None => Err("the file could not be read as text".into()),
            };
            progress_note.try_set(Some(match read {
                Ok(()) => {
                    "Progress imported: steps solved in either browser are solved here.".into()
                }
                Err(why) => format!("Not imported: {why}."),
            }));
        });
    };

    let rows = move || {
        catalogue.with(|c| match c {
            None => view! { <li class="loading">"Loading the lessons…"</li> }.into_any(),
            Some(c) => c
                .iter()
                .map(|(id, read)| match read {
                    Some(lesson) => view! { <LessonRow lesson=lesson.clone() record=record open=open /> }.into_any(),
                    None => view! {
                        <li class="lesson-row broken">{format!("{id}: this lesson could not be read")}</li>
                    }
                    .into_any(),
                })
                .collect_view()
                .into_any(),
        })
    };
    view! {
        <div class="learn-list">
            <div class="card learn-intro">
                <h2>"Learn AWS Backup by doing it"</h2>
                <p>
                    "Each lesson follows a section of the guide. You act in a simulated AWS account: "
                    "an aws console that answers as the AWS CLI would, and the pictures of what happens as time moves. "
                    "Every step has a goal the simulation checks, hints one at a time, and its solution if you want it."
                </p>
            </div>
            <ol class="lesson-list" data-testid="lesson-list">{rows}</ol>
            <div class="card learn-files">
                <h3>"Your progress and your own lessons"</h3>
                <p>
                    "Progress stays in this browser. Take it to another one as a file, and bring it back there."
                </p>
                <div class="buttons">
                    <a
                        class="button secondary"
                        data-testid="export-progress"
                        download="vaultsim-progress.json"
                        href="#"
                        on:click=move |ev| {
                            event_target::<web_sys::HtmlAnchorElement>(&ev)
                                .set_href(&files::download_href("application/json", &record.export()));
                        }
                    >
                        "Export progress"
                    </a>
                    <label class="button secondary">
                        "Import progress"
                        <input
                            type="file"
                            accept=".json,application/json"
                            class="visually-hidden"
                            data-testid="import-progress"
                            on:change=import_progress
                        />
                    </label>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| {
                            record.reset();
                            progress_note.set(Some("Progress cleared.".into()));
                        }
                    >
                        "Clear progress"
                    </button>
                </div>
                <p class="note" role="status">{move || progress_note.get()}</p>
                <p>
                    "A teacher can write a lesson as a JSON file (the format is in docs/lessons.md) and share it as a link, "
                    <code>"?panel=learn&lesson-src=URL"</code>
                    ", or a learner can open it here."
                </p>
                <label class="button secondary">
                    "Open a lesson file"
                    <input
                        type="file"
                        accept=".json,application/json"
                        class="visually-hidden"
                        data-testid="import-lesson"
                        on:change=import_lesson
                    />
                </label>
                {move || import_problem.get().map(|unread| view! { <UnreadView unread=unread /> })}
            </div>
        </div>
    }
}

#[component]
fn LessonRow(lesson: Listing, record: Record, open: Callback<Wanted>) -> impl IntoView {
    let id = lesson.id.clone();
    let count = lesson.steps;
    let solved = {
        let id = id.clone();
        move || {
            record
                .lesson(&id)
                .solved
                .iter()
                .filter(|s| **s < count)
                .count()
        }
    };
    let state = {
        let solved = solved.clone();
        move || match solved() {
            0 => "not started".to_string(),
            n if n == count => "solved".to_string(),
            n => format!("{n} of {count} steps solved"),
        }
    };
    // Where the learner left off: marked, so a returning learner finds it at a glance.
    let here = record.last().is_some_and(|(last, _)| last == id);
    let want = Wanted::Lesson(id.clone());
    let href = want.link().0;
    view! {
        <li
            class="lesson-row"
            class:done=move || solved() == count
            class:here=here
            data-lesson=id.clone()
        >
            <a
                href=href
                on:click=move |ev| {
                    ev.prevent_default();
                    open.run(want.clone());
                }
            >
                <span class="lesson-section">{lesson.section.clone()}</span>
                <span class="lesson-title">{lesson.title.clone()}</span>
                <span class="lesson-state" data-testid="lesson-state">{state}</span>
                {here.then(|| view! { <span class="lesson-here">"where you left off"</span> })}
            </a>
        </li>
    }
}
