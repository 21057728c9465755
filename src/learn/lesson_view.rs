//! One lesson on screen: its text, its steps (each with a goal the simulation checks, a
//! question to answer before time moves where it has one, hints one at a time and the solution
//! on request) and the console beside the live pictures of its own run.

use leptos::prelude::*;
use serde_json::Value;
use vaultsim_core::lesson::{Lesson, LessonScenario, Predict, Step};
use wasm_split_helpers::{SplitLoaderError, wasm_split};

use super::progress::Record;
use vaultsim_core::cost::Prices;
use vaultsim_core::plan::CheckOptions;

use crate::diagnostics::DiagnosticView;
use crate::glossary::glossed;
use crate::simulator::{Source, Stage, StageConsole, StageDetails, StageView};

/// The price list beside the page (as the Cost card fetches it).
const PRICE_LIST: &str = "pricing.json";

/// Where a lesson's steps link to: `?panel=learn&lesson=…` or, for a teacher's file,
/// `?panel=learn&lesson-src=…`; a step adds `&step=N` (from 1).
#[derive(Clone, Debug, PartialEq)]
pub struct LessonLink(pub String);

impl LessonLink {
    pub fn step(&self, index: usize) -> String {
        format!("{}&step={}", self.0, index + 1)
    }
}

/// The lesson's view: a way into the chunk (crate::chunk), readied before a lesson is shown
/// (lessons.rs).
#[wasm_split(learn_console, fallible, preload(lesson_code))]
pub fn lesson_view_in(
    lesson: Lesson,
    link: LessonLink,
    step: RwSignal<usize>,
    record: Record,
    on_step: Callback<usize>,
) -> Result<AnyView, SplitLoaderError> {
    Ok(
        view! { <LessonView lesson=lesson link=link step=step record=record on_step=on_step /> }
            .into_any(),
    )
}

#[component]
pub fn LessonView(
    lesson: Lesson,
    link: LessonLink,
    /// The step shown, from 0.
    step: RwSignal<usize>,
    record: Record,
    /// A step link followed (the panel writes the URL).
    on_step: Callback<usize>,
) -> impl IntoView {
    let source = match &lesson.scenario {
        LessonScenario::Builtin(name) => Source::builtin(name),
        LessonScenario::Written { text, .. } => Some(Source::Custom(text.clone())),
    };
    let at = lesson.scenario().map(|s| lesson.start(&s));
    let stage = match (source, at) {
        (Some(source), Some(at)) => {
            Stage::for_lesson(source, at, lesson.files.clone()).map(|s| (s, at))
        }
        _ => Err(Vec::new()),
    };
    let (stage, at) = match stage {
        Ok(stage) => stage,
        Err(_) => {
            return view! {
                <p class="lesson-error" role="alert">
                    "This lesson's scenario does not run in this version of vaultsim."
                </p>
            }
            .into_any();
        }
    };
    let id = lesson.id.clone();
    let steps = lesson.steps.clone();
    let count = steps.len();
    let solved = {
        let id = id.clone();
        Memo::new(move |_| record.lesson(&id).solved)
    };

    let step_links = {
        steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let href = link.step(i);
                view! {
                    <li>
                        <a
                            href=href
                            class="lesson-step-link"
                            class:solved=move || solved.with(|s| s.contains(&i))
                            aria-current=move || (step.get() == i).then_some("step")
                            on:click=move |ev| {
                                ev.prevent_default();
                                on_step.run(i);
                            }
                        >
                            <span class="mark" aria-hidden="true">
                                {move || if solved.with(|s| s.contains(&i)) { "✓" } else { "○" }}
                            </span>
                            {format!("{}. {}", i + 1, s.title)}
                            <span class="visually-hidden">
                                {move || if solved.with(|s| s.contains(&i)) { " (solved)" } else { "" }}
                            </span>
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    // Where each step's own console commands begin: when it was first shown (Back to an
    // earlier step counts what was run in it), anew once the scenario starts over.
    let entered = StoredValue::new(vec![None::<usize>; count]);
    stage.on_start_over(move || entered.update_value(|e| e.iter_mut().for_each(|s| *s = None)));
    let shown = {
        let (id, link) = (id.clone(), link.clone());
        move || {
            let i = step.get().min(count.saturating_sub(1));
            let since = entered
                .try_update_value(|e| e.get_mut(i).map(|s| *s.get_or_insert(stage.commands_run())))
                .flatten()
                .unwrap_or(0);
            steps.get(i).cloned().map(|s| {
                view! {
                    <StepView
                        lesson=id.clone()
                        index=i
                        count=count
                        since=since
                        step=s
                        stage=stage
                        record=record
                        next=(i + 1 < count).then(|| link.step(i + 1))
                        on_step=on_step
                    />
                }
            })
        }
    };
    let differs = lesson.aws_differs.clone().map(|text| {
        view! {
            <aside class="aws-differs" data-testid="aws-differs">
                <strong>"Where the guide and AWS differ. "</strong>
                {text}
                " This lesson follows AWS."
            </aside>
        }
    });
    view! {
        <section class="lesson-screen" data-testid="lesson" data-lesson=id.clone()>
            <div class="lesson-side">
                <div class="card lesson-text">
                    <p class="lesson-back">
                        <a href="?panel=learn" data-testid="all-lessons">"← All lessons"</a>
                    </p>
                    <p class="lesson-section">{lesson.section.clone()}</p>
                    <h2>{lesson.title.clone()}</h2>
                    {lesson.text.iter().map(|p| view! { <p>{glossed(p)}</p> }).collect_view()}
                    {differs}
                    <ol class="lesson-steps" aria-label="Steps">{step_links}</ol>
                    <button
                        type="button"
                        class="secondary"
                        title="Back to the lesson's first moment, with nothing you ran"
                        on:click=move |_| stage.start_over(at)
                    >
                        "Start the scenario over"
                    </button>
                </div>
                {shown}
                <StageConsole stage=stage />
            </div>
            <div class="lesson-stage">
                <StageView stage=stage />
                <StageDetails stage=stage />
            </div>
        </section>
    }
    .into_any()
}

/// A step: what to do, the question before time moves, the goal and whether it is met, hints
/// and the solution.
#[component]
fn StepView(
    lesson: String,
    index: usize,
    count: usize,
    /// Where the step's own console commands begin.
    since: usize,
    step: Step,
    stage: Stage,
    record: Record,
    next: Option<String>,
    on_step: Callback<usize>,
) -> impl IntoView {
    let check = step.goal.check.clone();
    // The step's plan, as the learner edits it.
    let plan = step.plan.clone().map(RwSignal::new);
    // The step's own console commands: those run since it was first shown (or since the
    // scenario started over), so a command tried in an earlier step does not meet its goal.
    let since = RwSignal::new(since);
    stage.on_start_over(move || since.set(0));
    // A goal on the run's cost prices it with the list beside the page (the Cost card's, before
    // the learner's edits there), fetched when such a goal is first shown.
    let prices = RwSignal::new(None::<Prices>);
    if check.wants_prices() {
        leptos::task::spawn_local(async move {
            let read = crate::fetched::text(PRICE_LIST)
                .await
                .and_then(|text| Prices::from_json(&text));
            if let Ok(read) = read {
                prices.try_set(Some(read));
            }
        });
    }
    let checked = Memo::new(move |_| {
        let text = plan.map(|p| p.get());
        prices.with(|prices| stage.check(&check, text.as_deref(), since.get(), prices.as_ref()))
    });
    // A goal met is kept as solved, even if the learner then starts over.
    {
        let lesson = lesson.clone();
        Effect::new(move |_| {
            if checked.with(|c| c.met) {
                record.solved(&lesson, index);
            }
        });
    }
    let progress = {
        let lesson = lesson.clone();
        Memo::new(move |_| record.lesson(&lesson))
    };
    let hints = step.hints.clone();
    let hint_count = hints.len();
    let hints_shown = move || progress.with(|p| p.hints_shown(index));
    let solution_shown = move || progress.with(|p| p.solutions.contains(&index));
    let show_hint = {
        let lesson = lesson.clone();
        move |_: leptos::ev::MouseEvent| record.hint_shown(&lesson, index)
    };
    let show_solution = {
        let lesson = lesson.clone();
        move |_: leptos::ev::MouseEvent| record.solution_shown(&lesson, index)
    };
    let solution = step.solution.clone();
    let predict = step
        .predict
        .clone()
        .map(|predict| view! { <PredictBox predict=predict stage=stage /> });
    view! {
        <div class="card lesson-step" data-testid="lesson-step" data-step=index + 1>
            <h3>{format!("Step {} of {count}: {}", index + 1, step.title)}</h3>
            {step.text.iter().map(|p| view! { <p>{glossed(p)}</p> }).collect_view()}
            {plan.map(|plan| view! { <PlanBox plan=plan stage=stage /> })}
            {predict}
            <div
                class="goal"
                class:met=move || checked.with(|c| c.met)
                data-testid="goal"
                data-met=move || checked.with(|c| c.met.to_string())
                role="status"
            >
                <span class="goal-mark" aria-hidden="true">
                    {move || if checked.with(|c| c.met) { "✓" } else { "◎" }}
                </span>
                <div>
                    <strong>
                        {move || if checked.with(|c| c.met) { "Goal met: " } else { "Goal: " }}
                    </strong>
                    {step.goal.describe.clone()}
                    <p class="goal-saw">{move || checked.with(|c| c.saw.clone())}</p>
                </div>
            </div>
            {move || {
                checked
                    .with(|c| c.met)
                    .then(|| match next.clone() {
                        Some(href) => {
                            view! {
                                <a
                                    class="next-step"
                                    href=href
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        on_step.run(index + 1);
                                    }
                                >
                                    "Next step →"
                                </a>
                            }
                                .into_any()
                        }
                        None => {
                            view! {
                                <p class="lesson-done">
                                    "That was the last step. "
                                    <a href="?panel=learn">"Choose another lesson"</a>
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
            <div class="hints">
                <ol class="hint-list">
                    {move || {
                        hints
                            .iter()
                            .take(hints_shown())
                            .map(|h| view! { <li data-testid="hint">{glossed(h)}</li> })
                            .collect_view()
                    }}
                </ol>
                <button
                    type="button"
                    class="secondary"
                    data-testid="show-hint"
                    disabled=move || { hints_shown() >= hint_count }
                    on:click=show_hint
                >
                    {move || {
                        let shown = hints_shown();
                        if shown >= hint_count {
                            "No more hints".to_string()
                        } else {
                            format!("Show a hint ({} of {hint_count})", shown + 1)
                        }
                    }}
                </button>
                <button
                    type="button"
                    class="secondary"
                    data-testid="show-solution"
                    on:click=show_solution
                    hidden=solution_shown
                >
                    "Show the solution"
                </button>
            </div>
            <Show when=solution_shown>
                <div class="solution" data-testid="solution">
                    {solution_part("In the console:", "solution-console", solution.console.clone())}
                    {solution_part("The plan, mended:", "solution-plan", solution.plan.clone())}
                    {solution_part(
                        "As the event log's pattern:",
                        "solution-pattern",
                        solution.pattern.as_ref().map(|p| serde_json::to_string_pretty(p).unwrap_or_default()),
                    )}
                    {solution.note.clone().map(|n| view! { <p class="solution-note">{n}</p> })}
                </div>
            </Show>
        </div>
    }
}

/// One part of a step's solution, if it has it: what it is, then the text as written.
fn solution_part(label: &'static str, class: &'static str, text: Option<String>) -> impl IntoView {
    text.map(|text| {
        view! {
            <p>{label}</p>
            <pre class=class>{text}</pre>
        }
    })
}

/// A plan the learner mends in the step, with what the plan checker finds in it as they type:
/// the same findings, in the same words, as the Plan panel and `vaultsim validate`.
#[component]
fn PlanBox(plan: RwSignal<String>, stage: Stage) -> impl IntoView {
    let findings = Memo::new(move |_| {
        let now = stage.now().unwrap_or_default();
        plan.with(|text| vaultsim_core::plan::check(text, &CheckOptions { now }).findings)
    });
    view! {
        <div class="lesson-plan">
            <label class="field-label" for="lesson-plan">"The plan (edit it here)"</label>
            <textarea
                id="lesson-plan"
                data-testid="lesson-plan"
                rows="14"
                spellcheck="false"
                prop:value=move || plan.get()
                on:input=move |ev| plan.set(event_target_value(&ev))
            ></textarea>
            <div class="diagnostics" data-testid="lesson-plan-findings">
                {move || {
                    let text = plan.get();
                    findings
                        .get()
                        .into_iter()
                        .map(|f| view! { <DiagnosticView diagnostic=f.diagnostic text=text.clone() what="plan" /> })
                        .collect_view()
                }}
            </div>
        </div>
    }
}

/// "Predict, then run": the learner answers before time moves; then time goes to the question's
/// moment and the simulated AWS's answer is shown beside theirs.
#[component]
fn PredictBox(predict: Predict, stage: Stage) -> impl IntoView {
    let said = RwSignal::new(String::new());
    let asked = RwSignal::new(false);
    let Some(run_to) = predict.run_to.time() else {
        return ().into_any();
    };
    // The answer as it was when time first reached the question's moment: moving on later does
    // not change the verdict.
    let answered = RwSignal::new(None::<Result<Value, String>>);
    let ask = predict.ask.clone();
    Effect::new(move |_| {
        if asked.get()
            && !stage.busy()
            && stage.now().is_some_and(|now| now >= run_to)
            && answered.with_untracked(Option::is_none)
        {
            answered.set(Some(stage.ask(&ask)));
        }
    });
    // The scenario started over: the question can be asked again.
    stage.on_start_over(move || {
        said.set(String::new());
        asked.set(false);
        answered.set(None);
    });
    let past = move || !asked.get() && stage.now().is_some_and(|now| now > run_to);
    view! {
        <form
            class="predict"
            data-testid="predict"
            on:submit=move |ev| {
                ev.prevent_default();
                if !said.get_untracked().trim().is_empty() && !past() {
                    asked.set(true);
                    if stage.now().is_none_or(|now| now < run_to) {
                        stage.go_to(run_to);
                    }
                }
            }
        >
            <label>
                <span class="predict-question">"Predict, then run. " {predict.question.clone()}</span>
                <input
                    type="text"
                    data-testid="predict-answer"
                    prop:value=said
                    on:input=move |ev| said.set(event_target_value(&ev))
                    disabled=asked
                />
            </label>
            <button type="submit" disabled=asked>
                {format!("Run to {} UTC", vaultsim_core::time_text::day_month_time(&run_to.naive_utc()))}
            </button>
            {move || {
                past()
                    .then(|| {
                        view! {
                            <p class="predict-result">
                                "Time is past this question's moment: start the scenario over to predict it."
                            </p>
                        }
                    })
            }}
            {move || {
                answered
                    .get()
                    .map(|answer| match answer {
                        Ok(value) => {
                            let right = agrees(&said.get_untracked(), &value);
                            view! {
                                <p class="predict-result" class:right=right data-testid="predict-result">
                                    {if right { "✓ Right. " } else { "✗ Not this time. " }}
                                    "You said " <q>{said.get_untracked()}</q> "; AWS answers "
                                    <code>{shown(&value)}</code> "."
                                </p>
                            }
                                .into_any()
                        }
                        Err(why) => view! { <p class="predict-result">{why}</p> }.into_any(),
                    })
            }}
        </form>
    }
    .into_any()
}

/// A value as the learner would write it: a string without its quotes.
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Whether the learner's answer says what the simulation answered: numbers by value, text
/// without regard to case or surrounding space.
fn agrees(said: &str, answer: &Value) -> bool {
    let said = said.trim();
    match answer {
        // serde_json's number reader, already in the wasm (str::parse::<f64> adds core's).
        Value::Number(n) => {
            serde_json::from_str::<Value>(said)
                .ok()
                .and_then(|v| v.as_f64())
                == n.as_f64()
        }
        other => shown(other).trim().eq_ignore_ascii_case(said),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_prediction_agrees_by_value_and_without_case() {
        assert!(agrees(" 3 ", &json!(3)));
        assert!(agrees("3.0", &json!(3)));
        assert!(!agrees("4", &json!(3)));
        assert!(agrees("expired", &json!("EXPIRED")));
        assert!(agrees("true", &json!(true)));
        assert!(!agrees("three", &json!(3)));
    }
}
