//! The plan editor: write or paste a backup plan and see at once what AWS would say about it —
//! each finding marked at its line, the form the document is in, the effective plan with AWS's
//! defaults, and a card per rule (schedule, windows, lifecycle, copies).
//!
//! The editor is a plain textarea (the browser's own editing, undo and accessibility) with a
//! transparent background, over a backdrop that draws each line with findings — its text in
//! transparent ink up to the last mark, so the marks land under the textarea's own characters.
//! Both share one font, line height, padding and tab size, wrapping is off, and the backdrop and
//! the line-number gutter follow the textarea's scroll (a transform per scroll event). The text is
//! kept in the browser's storage on every edit.

use leptos::html;
use leptos::prelude::*;
use serde_json::Value as Json;
use vaultsim_core::Severity;
use vaultsim_core::decimal::Fixed;
use vaultsim_core::plan::{
    CheckOptions, Checked, SelectionSummary, VaultArn, Window, check, days_label, effective_plan,
    plan_name, selection_summaries,
};
use vaultsim_core::services::MAX_CONTINUOUS_RETENTION_DAYS;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

use crate::clock;
use crate::explain::CodeExplanation;
use crate::format::{minutes_label, plural};
use crate::plan_model::{
    BarPhase, CopyView, FindingItem, LifecycleBar, MarkedLine, Piece, RuleCard, ScheduleView,
    counts, finding_items, line_count, line_marks, marked_lines, rule_cards,
};
use crate::plan_text;

/// The editor's line height in pixels: `--editor-line` in www/style.css.
const LINE_HEIGHT: f64 = 20.0;
/// The editor's top padding in pixels: `--editor-pad-y` in www/style.css.
const PAD_Y: f64 = 10.0;
/// A replaced text up to this many lines goes through the browser's editing, so Ctrl+Z takes it
/// back; longer ones are set directly (the browser would take seconds).
const UNDOABLE_LINES: usize = 300;
/// More findings than this are counted but not all listed, nor marked in the editor: the marks
/// are of the findings listed (the first ones in the text).
const MAX_LISTED: usize = 300;
/// A text longer than this, in bytes, is checked in a task of its own after the edit's, and
/// edits that come faster than that are checked once: a pasted plan of thousands of rules (4,000
/// on one line are 375 KB) then never holds up the keystroke or the paste. Shorter texts — the
/// guide's plan is 2 KB, a plan of 85 rules written out 50 KB — are checked in the edit's task.
const CHECKED_LATER_BYTES: usize = 100_000;
/// How many rule cards are drawn at first, and how many more each "show more" adds: a plan of
/// thousands of rules would take seconds to draw whole.
const RULE_CARDS_PAGE: usize = 100;

/// What the rule cards and the effective plan show, from the last document that could be read.
#[derive(Clone, Debug, PartialEq)]
struct PlanView {
    plan_name: Option<String>,
    effective: Option<Json>,
    cards: Vec<RuleCard>,
    selections: Vec<SelectionSummary>,
}

/// The findings listed and marked: the first [`MAX_LISTED`].
fn listed(checked: &Checked) -> &[vaultsim_core::plan::Finding] {
    &checked.findings[..checked.findings.len().min(MAX_LISTED)]
}

fn plan_view(checked: &Checked) -> Option<PlanView> {
    let root = checked.root.as_ref()?;
    let Some(form) = checked.form else {
        return Some(PlanView {
            plan_name: None,
            effective: None,
            cards: Vec::new(),
            selections: Vec::new(),
        });
    };
    Some(PlanView {
        plan_name: plan_name(root, form),
        effective: effective_plan(root, form),
        cards: rule_cards(root, form, clock::now()),
        selections: selection_summaries(root, form),
    })
}

#[component]
pub fn PlanEditor(
    /// Shown above the templates: what else the text drives (the simulator's plan link).
    children: Children,
) -> impl IntoView {
    let text = RwSignal::new(plan_text::current());
    // False when the browser would not keep the text (storage off or full): the page says so.
    let saved = RwSignal::new(true);
    // The text a template replaced, and the template's name: one step back, kept across reloads.
    let previous: RwSignal<Option<(String, String)>> = RwSignal::new(plan_text::previous());
    let keep_previous = move |kept: Option<(String, String)>| {
        plan_text::keep_previous(kept.as_ref());
        previous.set(kept);
    };

    // The text as last checked: the findings' places are in it.
    let checked_text = RwSignal::new(text.get_untracked());
    let check_pending = StoredValue::new(false);
    let checked =
        Memo::new(move |_| checked_text.with(|t| check(t, &CheckOptions { now: clock::now() })));
    let items =
        Memo::new(move |_| checked_text.with(|t| checked.with(|c| finding_items(t, &c.findings))));
    let marks = Memo::new(move |_| checked.with(|c| line_marks(listed(c))));
    let marked =
        Memo::new(move |_| checked_text.with(|t| checked.with(|c| marked_lines(t, listed(c)))));
    let lines = Memo::new(move |_| text.with(|t| line_count(t)));
    let tally = Memo::new(move |_| checked.with(|c| counts(&c.findings)));
    let has_errors = Memo::new(move |_| tally.get().0 > 0);
    let form = Memo::new(move |_| checked.with(|c| c.form));
    // A half-typed document never blanks the cards: the last readable one stays, marked stale.
    // A long text's cards are drawn in a task after its findings', so neither task is long.
    let shown = RwSignal::new(checked.with_untracked(plan_view));
    let show_pending = StoredValue::new(false);
    let update_shown = move || {
        if let Some(view) = checked.with_untracked(plan_view)
            && shown.with_untracked(|s| s.as_ref() != Some(&view))
        {
            shown.set(Some(view));
        }
    };
    Effect::new(move |_| {
        checked.track();
        if checked_text.with_untracked(|t| t.len() <= CHECKED_LATER_BYTES) {
            update_shown();
        } else if !show_pending.get_value() {
            show_pending.set_value(true);
            set_timeout(
                move || {
                    if !show_pending.is_disposed() {
                        show_pending.set_value(false);
                        update_shown();
                    }
                },
                std::time::Duration::ZERO,
            );
        }
    });
    let stale = move || checked.with(|c| c.root.is_none()) && shown.with(Option::is_some);

    let textarea: NodeRef<html::Textarea> = NodeRef::new();
    let gutter_inner: NodeRef<html::Div> = NodeRef::new();
    let tints: NodeRef<html::Div> = NodeRef::new();
    let marks_layer: NodeRef<html::Div> = NodeRef::new();

    let set_text = move |value: String| {
        saved.set(plan_text::store(&value));
        let later = value.len() > CHECKED_LATER_BYTES;
        text.set(value);
        if !later {
            checked_text.set(text.get_untracked());
        } else if !check_pending.get_value() {
            check_pending.set_value(true);
            set_timeout(
                move || {
                    if check_pending.is_disposed() {
                        return;
                    }
                    check_pending.set_value(false);
                    if text.with_untracked(|t| checked_text.with_untracked(|c| c != t)) {
                        checked_text.set(text.get_untracked());
                    }
                },
                std::time::Duration::ZERO,
            );
        }
    };

    // The backdrop and the gutter follow the textarea's scroll.
    let sync_scroll = move || {
        let Some(area) = textarea.get_untracked() else {
            return;
        };
        let (x, y) = (area.scroll_left(), area.scroll_top());
        let set = |el: Option<web_sys::HtmlElement>, transform: String| {
            if let Some(el) = el {
                let _ = el.style().set_property("transform", &transform);
            }
        };
        set(
            marks_layer.get_untracked().map(Into::into),
            format!("translate({}px, {}px)", -x, -y),
        );
        set(
            tints.get_untracked().map(Into::into),
            format!("translateY({}px)", -y),
        );
        set(
            gutter_inner.get_untracked().map(Into::into),
            format!("translateY({}px)", -y),
        );
    };

    // Puts the finding's span under the user's eyes: focused, selected, scrolled to.
    let reveal = move |item: &FindingItem| {
        let Some(area) = textarea.get_untracked() else {
            return;
        };
        let (start, end) = item.selection;
        let _ = area.focus();
        let _ = area.set_selection_range(start, end);
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        area.scroll_into_view_with_scroll_into_view_options(&options);
        // The browser scrolls a selection only just into view, at the editor's edge; once it has,
        // bring the line a third of the way down and its start well inside.
        let (line, cells) = (
            item.line,
            checked_text.with_untracked(|t| column_x(t, item.line, item.column)),
        );
        place(&area, line, cells);
        request_animation_frame(move || {
            place(&area, line, cells);
            sync_scroll();
        });
        sync_scroll();
    };

    // Replaces the whole text as an edit of the textarea, so the browser's undo can take it back.
    let replace_text = move |new: String| {
        let Some(area) = textarea.get_untracked() else {
            set_text(new);
            return;
        };
        let _ = area.focus();
        area.select();
        // Chromium inserts text in time quadratic in its lines: beyond a few hundred, set the
        // value (the browser's undo is lost; "Restore" still has the text).
        let inserted = line_count(&new) <= UNDOABLE_LINES
            && web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
                .and_then(|d| {
                    d.exec_command_with_show_ui_and_value("insertText", false, &new)
                        .ok()
                })
                .unwrap_or(false);
        if !inserted || area.value() != new {
            area.set_value(&new);
        }
        // The input event of insertText has set it already.
        if text.with_untracked(|t| *t != new) {
            set_text(new);
        }
        let _ = area.set_selection_range(0, 0);
        area.set_scroll_top(0);
        area.set_scroll_left(0);
        sync_scroll();
    };

    let choose = move |template: &'static plan_text::Template| {
        let current = text.get_untracked();
        if current == template.text {
            return;
        }
        // An untouched template is not worth keeping; the user's own text is.
        if !plan_text::is_template(&current) {
            keep_previous(Some((current, template.label.to_string())));
        }
        replace_text(template.text.to_string());
    };

    let restore = move |_| {
        if let Some((old, _)) = previous.get_untracked() {
            keep_previous(None);
            replace_text(old);
        }
    };

    view! {
        <section class="plan-panel" aria-labelledby="plan-title">
            <div class="intro">
                <h1 id="plan-title">"Plan editor"</h1>
                <p>
                    "Paste a backup plan as you have it — what " <code>"create-backup-plan"</code>
                    " takes, a " <code>"CreateBackupPlan"</code> " request, a " <code>"GetBackupPlan"</code>
                    " response, the guide's plan with its " <code>"Selections"</code>
                    ", a CloudFormation template — and see what AWS would say about it as you type."
                </p>
            </div>

            {children()}

            <div class="plan-toolbar">
                <span class="toolbar-label" id="templates-label">"Templates"</span>
                <div class="presets" role="group" aria-labelledby="templates-label">
                    {plan_text::TEMPLATES
                        .iter()
                        .map(|t| {
                            view! {
                                <button
                                    type="button"
                                    class="preset"
                                    class:active=move || text.with(|x| x == t.text)
                                    title=t.about
                                    on:click=move |_| choose(t)
                                >
                                    {t.label}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
                <Show when=move || previous.with(Option::is_some)>
                    <button type="button" class="restore" data-testid="plan-restore" on:click=restore>
                        "↶ Restore the text before “"
                        {move || previous.with(|p| p.as_ref().map(|(_, label)| label.clone()))}
                        "”"
                    </button>
                </Show>
            </div>

            <div class="plan-workspace">
                <div class="card editor-card">
                    <div class="editor-head">
                        <label for="plan-editor" class="field-label">"Plan document (JSON, or a CloudFormation template in YAML)"</label>
                        <span class="editor-meta">
                            {move || plural(lines.get(), "line", "lines")}
                            {move || if saved.get() { " · kept in this browser" } else { "" }}
                        </span>
                    </div>
                    <div class="code-editor" class:has-errors=has_errors>
                        <div
                            class="gutter"
                            aria-hidden="true"
                            style=move || format!("width: calc({}ch + 35px)", lines.get().to_string().len().max(2))
                        >
                            <div class="gutter-inner" node_ref=gutter_inner>
                                <pre class="line-numbers">
                                    {move || {
                                        let n = lines.get();
                                        let mut s = String::with_capacity(n * 5);
                                        for i in 1..=n {
                                            if i > 1 {
                                                s.push('\n');
                                            }
                                            s.push_str(&i.to_string());
                                        }
                                        s
                                    }}
                                </pre>
                                <For each=move || marks.get() key=|m| (m.line, m.severity, m.title.clone()) let:m>
                                    {
                                        let line = m.line;
                                        // A click selects the line's first finding, as the list would.
                                        let select_first = move |_| {
                                            let first = items.with_untracked(|i| i.iter().find(|i| i.line == line).cloned());
                                            if let Some(item) = first {
                                                reveal(&item);
                                            }
                                        };
                                        view! {
                                            <span
                                                class=format!("gutter-marker {}", m.severity.as_str())
                                                data-testid="plan-gutter-marker"
                                                data-line=m.line
                                                data-severity=m.severity.as_str()
                                                style=format!("top: {}px", Fixed(line_top(m.line), 0))
                                                title=m.title
                                                on:click=select_first
                                            ></span>
                                        }
                                    }
                                </For>
                            </div>
                        </div>
                        <div class="code-field">
                            <div class="backdrop" aria-hidden="true">
                                <div class="line-tints" node_ref=tints>
                                    // Keyed by line and severity as one number: the same key type as the
                                    // lists below, so For's keyed diff is compiled once for both.
                                    <For each=move || marks.get() key=|m| m.line * 3 + m.severity as usize let:m>
                                        <div
                                            class=format!("line-tint {}", m.severity.as_str())
                                            style=format!("top: {}px", Fixed(line_top(m.line), 0))
                                        ></div>
                                    </For>
                                </div>
                                <div class="editor-marks" node_ref=marks_layer>
                                    <For each=move || marked.get() key=|m| m.clone() let:m>
                                        <MarkedLineView line=m />
                                    </For>
                                </div>
                            </div>
                            <textarea
                                id="plan-editor"
                                data-testid="plan-editor"
                                node_ref=textarea
                                wrap="off"
                                spellcheck="false"
                                autocomplete="off"
                                autocapitalize="off"
                                aria-describedby="plan-status"
                                aria-invalid=move || has_errors.get().to_string()
                                prop:value=text.get_untracked()
                                on:input=move |ev| set_text(event_target_value(&ev))
                                on:scroll=move |_| sync_scroll()
                            ></textarea>
                        </div>
                    </div>
                    <Show when=move || !saved.get()>
                        <p class="storage-warning" role="alert">
                            "This browser would not keep the text (storage is off or full): copy it somewhere before leaving the page."
                        </p>
                    </Show>
                </div>

                <aside class="plan-side" aria-label="Findings">
                    <div class="card status-card">
                        <h2>"Detected form"</h2>
                        <p data-testid="plan-form" class="plan-form" class:none=move || form.get().is_none()>
                            {move || match form.get() {
                                Some(f) => f.describe().to_string(),
                                None => "Not a plan yet: the text cannot be read as a backup plan".to_string(),
                            }}
                        </p>
                        <p id="plan-status" class="tally" data-testid="plan-counts" role="status" aria-live="polite">
                            {move || {
                                let (e, w, i) = tally.get();
                                let verdict = match (form.get(), e) {
                                    (Some(_), 0) => view! { <span class="verdict ok">"✓ AWS would accept it"</span> }.into_any(),
                                    (Some(_), _) => view! { <span class="verdict bad">"✕ AWS would refuse it"</span> }.into_any(),
                                    (None, _) => ().into_any(),
                                };
                                view! {
                                    {verdict}
                                    <span class="count error" class:zero=e == 0>{plural(e, "error", "errors")}</span>
                                    <span class="count warning" class:zero=w == 0>{plural(w, "warning", "warnings")}</span>
                                    <span class="count info" class:zero=i == 0>{plural(i, "note", "notes")}</span>
                                }
                            }}
                        </p>
                    </div>
                    <div class="card findings-card">
                        <h2>"Diagnostics"</h2>
                        <ol data-testid="plan-diagnostics" class="finding-list" aria-label="Diagnostics: choose one to select it in the editor">
                            // Rows by position, each showing the finding now at its place: an edit that
                            // moves the findings below it updates their line numbers, nothing more.
                            <For
                                each=move || 0..items.with(|items| items.len().min(MAX_LISTED))
                                key=|i| *i
                                let:i
                            >
                                <FindingRow item=Memo::new(move |_| items.with(|items| items.get(i).cloned())) reveal=reveal />
                            </For>
                        </ol>
                        {move || {
                            let n = items.with(Vec::len);
                            (n > MAX_LISTED).then(|| view! {
                                <p class="more-findings">{format!("and {} more: fix the first ones and they will show", n - MAX_LISTED)}</p>
                            })
                        }}
                        <Show when=move || items.with(Vec::is_empty)>
                            <p class="all-clear">"No findings."</p>
                        </Show>
                    </div>
                </aside>
            </div>

            <div class="plan-results" class:stale=stale>
                <Show when=stale>
                    <p class="stale-note" role="note">
                        "Showing the last readable version of the plan until the text can be read again."
                    </p>
                </Show>
                <PlanResults shown=shown />
            </div>
        </section>
    }
}

/// The pixel offset of a line's top in the editor's content.
fn line_top(line: usize) -> f64 {
    PAD_Y + (line.max(1) - 1) as f64 * LINE_HEIGHT
}

/// The horizontal position (in character cells, tabs expanded to 4) of `column` on `line`.
fn column_x(text: &str, line: usize, column: usize) -> usize {
    let Some(content) = text.split('\n').nth(line.saturating_sub(1)) else {
        return 0;
    };
    content
        .chars()
        .take(column.saturating_sub(1))
        .fold(0, |x, c| if c == '\t' { x / 4 * 4 + 4 } else { x + 1 })
}

/// Scrolls the textarea so that `line` sits a third of the way down (unless it is well in view
/// already) and character cell `cells` of it is well inside, not at an edge.
fn place(area: &web_sys::HtmlTextAreaElement, line: usize, cells: usize) {
    let top = line_top(line);
    let height = area.client_height() as f64;
    let scroll = area.scroll_top() as f64;
    if top < scroll + LINE_HEIGHT || top + 2.0 * LINE_HEIGHT > scroll + height {
        area.set_scroll_top((top - height / 3.0).max(0.0) as i32);
    }
    let Some(style) = web_sys::window().and_then(|w| w.get_computed_style(area).ok().flatten())
    else {
        return;
    };
    // The browser's parseFloat reads "13px" as 13 (the wasm carries no float parser of its own).
    let font_size = style
        .get_property_value("font-size")
        .map(|s| js_sys::parse_float(&s))
        .ok()
        .filter(|size| size.is_finite())
        .unwrap_or(13.0);
    // A monospace cell is about 0.6 em wide: close enough to bring the column into view.
    let x = cells as f64 * font_size * 0.6;
    let left = area.scroll_left() as f64;
    let width = area.client_width() as f64;
    if x < left + 4.0 * font_size || x > left + width - 8.0 * font_size {
        area.set_scroll_left((x - width / 3.0).max(0.0) as i32);
    }
}

/// One finding in the list: a button that selects its span in the editor.
#[component]
fn FindingRow(
    item: Memo<Option<FindingItem>>,
    reveal: impl Fn(&FindingItem) + Copy + 'static,
) -> impl IntoView {
    let part = move |f: fn(&FindingItem) -> String| {
        move || item.with(|i| i.as_ref().map(f).unwrap_or_default())
    };
    let help = move || item.with(|i| i.as_ref().map(|i| i.help.clone()).unwrap_or_default());
    view! {
        <li data-testid="plan-diagnostic" class=part(|i| format!("finding {}", i.severity.as_str()))>
            <button
                type="button"
                class="finding-button"
                title="Select it in the editor"
                on:click=move |_| {
                    if let Some(i) = item.get_untracked() {
                        reveal(&i)
                    }
                }
            >
                <span class="finding-head">
                    <span class="severity-badge">
                        {part(|i| {
                            match i.severity {
                                Severity::Error => "error",
                                Severity::Warning => "warning",
                                Severity::Info => "note",
                            }
                                .to_string()
                        })}
                    </span>
                    <span class="visually-hidden">{part(|i| format!("line {}, column {}: ", i.line, i.column))}</span>
                    <span class="finding-place" aria-hidden="true">{part(|i| format!("{}:{}", i.line, i.column))}</span>
                    <code class="diagnostic-code">{part(|i| i.code.to_string())}</code>
                </span>
                <span class="finding-message">{part(|i| i.message.clone())}</span>
                <Show when=move || !help().is_empty()>
                    <span class="finding-help">"help: " {help}</span>
                </Show>
            </button>
            <CodeExplanation code=Signal::derive(move || item.with(|i| i.as_ref().map_or("", |i| i.code))) />
        </li>
    }
}

/// A line with marks, placed at its line under the textarea.
#[component]
fn MarkedLineView(line: MarkedLine) -> impl IntoView {
    view! {
        <div class="mark-line" data-line=line.line style=format!("top: {}px", Fixed(line_top(line.line), 0))>
            {line
                .pieces
                .into_iter()
                .map(|p| match p {
                    Piece::Plain(s) => s.into_any(),
                    Piece::Marked(s, severity) => view! { <mark class=severity.as_str()>{s}</mark> }.into_any(),
                    Piece::Point(severity) => {
                        view! { <span class=format!("point {}", severity.as_str())></span> }.into_any()
                    }
                })
                .collect_view()}
        </div>
    }
}

/// The rule cards, the selections and the effective plan. Each card redraws only when what it
/// shows changes, so typing in a plan of many rules stays quick.
#[component]
fn PlanResults(shown: RwSignal<Option<PlanView>>) -> impl IntoView {
    let has_plan =
        Memo::new(move |_| shown.with(|v| v.as_ref().is_some_and(|v| v.effective.is_some())));
    let rule_count = Memo::new(move |_| shown.with(|v| v.as_ref().map_or(0, |v| v.cards.len())));
    // How many cards are drawn: a first page, and a page more each time the user asks.
    let drawn = RwSignal::new(RULE_CARDS_PAGE);
    let plan_name =
        Memo::new(move |_| shown.with(|v| v.as_ref().and_then(|v| v.plan_name.clone())));
    let selections = Memo::new(move |_| {
        shown.with(|v| v.as_ref().map(|v| v.selections.clone()).unwrap_or_default())
    });
    let effective =
        Memo::new(move |_| shown.with(|v| v.as_ref().and_then(|v| v.effective.clone())));
    view! {
        <Show when=move || has_plan.get()>
            <div class="section-head">
                <h2 id="rules-title">
                    {move || plural(rule_count.get(), "rule", "rules")}
                    {move || plan_name.get().map(|n| view! { " in " <span class="plan-name">{n}</span> })}
                </h2>
                <span class="section-note">"Values in " <em>"italics"</em> " are AWS's defaults, which the document leaves out."</span>
            </div>
            <div class="rule-grid" aria-labelledby="rules-title">
                <For each=move || 0..rule_count.get().min(drawn.get()) key=|i| *i let:i>
                    {
                        let card = Memo::new(move |_| shown.with(|v| v.as_ref().and_then(|v| v.cards.get(i).cloned())));
                        move || card.get().map(|card| view! { <RuleCardView card=card /> })
                    }
                </For>
            </div>
            {move || {
                let (count, drawn_now) = (rule_count.get(), drawn.get());
                (count > drawn_now).then(|| {
                    let more = (count - drawn_now).min(RULE_CARDS_PAGE);
                    view! {
                        <p class="more-rules">
                            {format!("Showing {drawn_now} of {count} rules. ")}
                            <button
                                type="button"
                                class="preset"
                                data-testid="plan-rules-more"
                                on:click=move |_| drawn.update(|d| *d += RULE_CARDS_PAGE)
                            >
                                {format!("Show {more} more")}
                            </button>
                        </p>
                    }
                })
            }}
        </Show>
        {move || {
            let s = selections.get();
            (!s.is_empty()).then(|| view! { <Selections selections=s /> })
        }}
        <Show when=move || effective.with(Option::is_some)>
            <EffectivePlan plan=effective />
        </Show>
    }
}

#[component]
fn RuleCardView(card: RuleCard) -> impl IntoView {
    let RuleCard {
        name,
        vault,
        schedule,
        start_window,
        completion_window,
        continuous,
        lifecycle,
        copies,
    } = card;
    view! {
        <article class="card rule-card" data-testid="plan-rule-card" class:continuous=continuous>
            <header class="rule-head">
                <h3 class="rule-name">{name}</h3>
                {continuous.then(|| view! { <span class="badge continuous" title="EnableContinuousBackup">"continuous · PITR"</span> })}
            </header>
            <p class="rule-vault">
                "into vault "
                {match vault {
                    Some(v) => view! { <strong>{v}</strong> }.into_any(),
                    None => view! { <span class="missing">"(no TargetBackupVaultName)"</span> }.into_any(),
                }}
            </p>

            <h4>"Schedule"</h4>
            {match schedule {
                ScheduleView::Valid { expression, description, default, runs } => view! {
                    <p class="rule-schedule" data-testid="plan-rule-schedule">
                        <span class:default=default>{description}</span>
                        <code class="rule-cron">{expression}</code>
                    </p>
                    <ol class="rule-runs" aria-label="Next runs">
                        {if runs.is_empty() {
                            view! { <li class="no-runs">"no runs after now"</li> }.into_any()
                        } else {
                            runs.into_iter()
                                .map(|r| view! {
                                    <li title=r.utc.clone()>
                                        <time datetime=r.utc.clone()>{r.local}</time>
                                        " " <span class="zone">{r.zone}</span>
                                    </li>
                                })
                                .collect_view()
                                .into_any()
                        }}
                    </ol>
                }
                    .into_any(),
                ScheduleView::AtDeploy(function) => view! {
                    <p class="rule-schedule deploy">
                        "Set when the stack is deployed: " <code>{function}</code>
                    </p>
                }
                    .into_any(),
                ScheduleView::Invalid { expression, timezone } => view! {
                    <p class="rule-schedule invalid">
                        "This schedule cannot run: " <code>{expression}</code> " in " <code>{timezone}</code>
                        " — see the diagnostics."
                    </p>
                }
                    .into_any(),
            }}
            {continuous.then(|| view! {
                <p class="rule-note">
                    {format!("Continuous backup: restore to any second within the retention (at most {MAX_CONTINUOUS_RETENTION_DAYS} days). ")}
                    "Scheduled runs fall back to snapshots when a continuous backup cannot be taken; "
                    "copies to another Region or account are snapshots, without point-in-time recovery."
                </p>
            })}

            <h4>"Windows"</h4>
            <p class="rule-windows">
                "start within " <WindowText window=start_window />
                ", complete within " <WindowText window=completion_window />
            </p>

            <h4>"Lifecycle"</h4>
            <LifecycleView bar=lifecycle />

            {(!copies.is_empty()).then(|| view! {
                <h4>"Copies"</h4>
                <ul class="copies">
                    {copies.into_iter().map(|c| view! { <CopyItem copy=c /> }).collect_view()}
                </ul>
            })}
        </article>
    }
}

#[component]
fn WindowText(window: Window) -> impl IntoView {
    let text = window
        .minutes
        .map(minutes_label)
        .unwrap_or_else(|| "?".to_string());
    let title = window
        .minutes
        .map(|m| {
            format!(
                "{m} minutes{}",
                if window.default {
                    " (AWS's default)"
                } else {
                    ""
                }
            )
        })
        .unwrap_or_default();
    view! { <span class="window" class:default=window.default title=title>{text}</span> }
}

#[component]
fn LifecycleView(bar: LifecycleBar, #[prop(optional)] compact: bool) -> impl IntoView {
    let LifecycleBar {
        phases,
        deleted_after,
        invalid,
        summary,
    } = bar;
    let end = match deleted_after {
        Some(d) => view! { <div class="phase-end deleted" title=format!("deleted after {}", days_label(d))>"deleted"</div> }.into_any(),
        None => view! { <div class="phase-end kept" title="kept until someone deletes it">"∞"</div> }.into_any(),
    };
    view! {
        <div class="lifecycle" class:compact=compact class:invalid=invalid data-testid="plan-lifecycle">
            <div class="lifecycle-track" role="img" aria-label=summary.clone()>
                {phases
                    .into_iter()
                    .map(|BarPhase { phase: p, share }| {
                        let stage = p.stage.name();
                        let span = match p.to {
                            Some(to) => format!("day {} to {}", p.from, to),
                            None => format!("from day {}, indefinitely", p.from),
                        };
                        let length = match p.to {
                            Some(to) => format!("{} d", to - p.from),
                            None => "∞".to_string(),
                        };
                        let wide = share >= 18.0;
                        view! {
                            <div
                                class=format!("phase {stage}")
                                style=format!("flex-grow: {}", Fixed(share.max(0.0), 3))
                                title=format!("{stage} storage, {span}")
                            >
                                {wide.then(|| view! { <span class="phase-label">{format!("{stage} · {length}")}</span> })}
                            </div>
                        }
                    })
                    .collect_view()}
                {end}
            </div>
            <p class="lifecycle-summary">{summary}</p>
        </div>
    }
}

#[component]
fn CopyItem(copy: CopyView) -> impl IntoView {
    let CopyView {
        arn,
        vault,
        lifecycle,
    } = copy;
    view! {
        <li class="copy" title=arn.clone()>
            {match vault {
                Some(VaultArn { name, region, account }) => view! {
                    <p class="copy-destination">
                        "→ vault " <strong>{name}</strong>
                        <span class="chip">{region}</span>
                        <span class="chip">"account " {account}</span>
                    </p>
                }
                    .into_any(),
                None => view! { <p class="copy-destination">"→ " <code>{arn.clone()}</code></p> }.into_any(),
            }}
            <LifecycleView bar=lifecycle compact=true />
        </li>
    }
}

#[component]
fn Selections(selections: Vec<SelectionSummary>) -> impl IntoView {
    view! {
        <section class="card selections" aria-labelledby="selections-title">
            <h2 id="selections-title">"Selections — what the plan protects"</h2>
            <ul>
                {selections
                    .into_iter()
                    .map(|s| {
                        let mut picks = Vec::new();
                        if s.resources > 0 {
                            picks.push(plural(s.resources, "resource ARN", "resource ARNs"));
                        }
                        if s.not_resources > 0 {
                            picks.push(format!("except {}", plural(s.not_resources, "ARN", "ARNs")));
                        }
                        view! {
                            <li>
                                <strong>{s.name}</strong>
                                {s.role.map(|r| view! { " · role " <code>{r}</code> })}
                                <span class="picks">
                                    {(!picks.is_empty()).then(|| format!(" · {}", picks.join(", ")))}
                                    {s.tags.into_iter().map(|t| view! { <span class="chip tag">{t}</span> }).collect_view()}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// The effective plan as JSON, pretty-printed when opened, with a copy button.
#[component]
fn EffectivePlan(plan: Memo<Option<Json>>) -> impl IntoView {
    let open = RwSignal::new(false);
    let copied: RwSignal<Option<bool>> = RwSignal::new(None);
    // Printed only while someone looks at it.
    let pretty = Memo::new(move |_| {
        if open.get() {
            plan.with(|p| {
                p.as_ref()
                    .and_then(|p| serde_json::to_string_pretty(p).ok())
            })
        } else {
            None
        }
    });
    Effect::new(move |_| {
        plan.track();
        copied.set(None);
    });
    let copy = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(text) = plan.with_untracked(|p| {
            p.as_ref()
                .and_then(|p| serde_json::to_string_pretty(p).ok())
        }) else {
            return;
        };
        let promise = window.navigator().clipboard().write_text(&text);
        let done = Closure::once(move |_: wasm_bindgen::JsValue| copied.set(Some(true)));
        let failed = Closure::once(move |_: wasm_bindgen::JsValue| copied.set(Some(false)));
        let _ = promise.then2(&done, &failed);
        // The promise calls one of them later; two small closures a click are left to it.
        done.forget();
        failed.forget();
    };
    view! {
        <details
            class="card effective-plan"
            data-testid="plan-effective"
            on:toggle=move |ev| {
                let details: web_sys::HtmlDetailsElement = event_target(&ev);
                open.set(details.open());
            }
        >
            <summary>
                "Effective plan"
                <span class="summary-note">" — the plan as AWS stores it, with its defaults filled in"</span>
            </summary>
            <div class="effective-tools">
                <button type="button" class="preset" data-testid="plan-copy-effective" on:click=copy>"Copy JSON"</button>
                <span class="copy-status" role="status">
                    {move || match copied.get() {
                        Some(true) => "Copied",
                        Some(false) => "The browser refused the clipboard: select the text instead",
                        None => "",
                    }}
                </span>
            </div>
            <pre class="effective-json">{move || pretty.get()}</pre>
        </details>
    }
}
