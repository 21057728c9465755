//! The console: `aws …` commands run against the simulation at the moment shown, printed as the
//! AWS CLI prints them when its output is not a terminal (the core's `console` module reads,
//! answers and prints; this card only keeps the transcript). A pasted script runs command by
//! command; `sleep` moves the player on and the commands after it wait until time has got there.
//! Enter runs what is written unless a quote is open or a `\` continues the line (then it is a
//! new line, as in a shell); Tab completes; ↑ and ↓ go through the commands run before.
//!
//! The console reads commands with the API model's names and shapes. The model's files are not in
//! the wasm (they cost it 25 KB gzipped): Trunk copies them beside the page. Nor is this card's
//! code in the main wasm (crate::chunk): both are fetched when the console is first shown, and
//! the card appears once they are there.

use std::collections::VecDeque;

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use vaultsim_core::console::complete::complete;
use vaultsim_core::console::run::sleep_duration;
use vaultsim_core::console::words::{commands, split, unfinished};
use wasm_split_helpers::{SplitLoaderError, wasm_split};

use super::player::Player;
use super::run::Run;
use crate::chunk;
use crate::format::time;

/// The transcript keeps this many commands, dropping the oldest.
const KEPT_ENTRIES: usize = 200;

/// Commands a learner can try first: one click writes them into the console.
const EXAMPLES: [&str; 3] = [
    "aws backup list-backup-vaults --output table",
    "aws backup list-backup-jobs --query 'BackupJobs[].[ResourceArn,State]' --output text",
    "sleep 1d",
];

/// A command run, with the moment it ran at and what it printed.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    id: u64,
    at: String,
    command: String,
    stdout: String,
    stderr: String,
    status: i32,
}

#[derive(Clone, Copy)]
struct Console {
    run: Run,
    player: Player,
    entries: RwSignal<VecDeque<Entry>>,
    /// Commands given but not run yet: those after a `sleep`, until time has got there.
    waiting: StoredValue<VecDeque<String>>,
    next_id: StoredValue<u64>,
}

impl Console {
    fn record(self, command: String, stdout: String, stderr: String, status: i32) {
        let at = self.run.now().map(time).unwrap_or_default();
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.entries.update(|entries| {
            entries.push_back(Entry {
                id,
                at,
                command,
                stdout,
                stderr,
                status,
            });
            while entries.len() > KEPT_ENTRIES {
                entries.pop_front();
            }
        });
    }

    /// Runs the commands waiting, in order, until one moves time: the rest wait for it.
    fn pump(self) {
        while !self.run.busy() {
            let Some(command) = self.waiting.try_update_value(VecDeque::pop_front).flatten() else {
                return;
            };
            let words = split(&command).unwrap_or_default();
            match words.first().map(String::as_str) {
                Some("sleep") => match sleep_duration(&words[1..]) {
                    Ok(by) => {
                        self.record(command, String::new(), String::new(), 0);
                        self.run.advance(by);
                    }
                    Err(refused) => self.record(command, String::new(), refused, 1),
                },
                Some("clear") => self.entries.update(VecDeque::clear),
                _ => {
                    if let Some(printed) = self.run.console(&command) {
                        self.record(command, printed.stdout, printed.stderr, printed.status);
                    }
                }
            }
        }
    }

    /// Runs a script's commands (one, or many pasted) in order.
    fn submit(self, script: &str) {
        self.player.pause();
        self.waiting
            .update_value(|waiting| waiting.extend(commands(script)));
        self.pump();
    }
}

/// The console card: its code comes in the chunk (crate::chunk), with the API model it reads
/// commands with; until then the card says it is loading.
#[component]
pub(super) fn ConsoleCard(run: Run, player: Player) -> impl IntoView {
    chunk::when_loaded("console", console_code, move || {
        chunk::now(console_card(run, player))
    })
}

/// The way into the chunk for the card.
#[wasm_split(learn_console, fallible, preload(console_code))]
fn console_card(run: Run, player: Player) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <LoadedConsoleCard run=run player=player /> }.into_any())
}

#[component]
fn LoadedConsoleCard(run: Run, player: Player) -> impl IntoView {
    let console = Console {
        run,
        player,
        entries: RwSignal::new(VecDeque::new()),
        waiting: StoredValue::new(VecDeque::new()),
        next_id: StoredValue::new(0),
    };
    // The run started over: what was waiting for time to move is not run on the fresh one.
    run.on_start_over(move || console.waiting.update_value(VecDeque::clear));
    // Time got where a `sleep` sent it: the commands after it run.
    Effect::new(move |_| {
        run.moved.track();
        untrack(move || console.pump());
    });
    let text = RwSignal::new(String::new());
    let offered = RwSignal::new(Vec::<String>::new());
    let history = StoredValue::new(Vec::<String>::new());
    // Where ↑ has got to in the history; none while writing a new command.
    let recalled = StoredValue::new(None::<usize>);
    let input: NodeRef<leptos::html::Textarea> = NodeRef::new();
    let transcript: NodeRef<leptos::html::Div> = NodeRef::new();

    let run_text = move || {
        let script = text.get_untracked();
        if script.trim().is_empty() {
            return;
        }
        history.update_value(|h| {
            if h.last() != Some(&script) {
                h.push(script.clone());
            }
        });
        recalled.set_value(None);
        text.set(String::new());
        offered.set(Vec::new());
        console.submit(&script);
    };
    // The transcript follows its newest line.
    Effect::new(move |_| {
        console.entries.track();
        if let Some(t) = transcript.get() {
            t.set_scroll_top(t.scroll_height());
        }
    });

    let on_keydown = move |ev: KeyboardEvent| {
        let Some(area) = input.get() else {
            return;
        };
        let value = area.value();
        let caret = area.selection_start().ok().flatten().unwrap_or(0) as usize;
        // The caret's offset counts UTF-16 units; the text before it, in bytes.
        let before: String =
            String::from_utf16_lossy(&value.encode_utf16().take(caret).collect::<Vec<u16>>());
        match ev.key().as_str() {
            "Enter" if !ev.shift_key() && !unfinished(&value) => {
                ev.prevent_default();
                text.set(value);
                run_text();
            }
            "Tab" if !ev.shift_key() => {
                ev.prevent_default();
                let found = complete(&before);
                let prefix = found.common_prefix().to_string();
                if prefix.len() > before.len() - found.from {
                    let mut written = before[..found.from].to_string();
                    written.push_str(&prefix);
                    if found.words.len() == 1 {
                        written.push(' ');
                    }
                    let after = &value[before.len()..];
                    let caret_at = written.encode_utf16().count() as u32;
                    text.set(format!("{written}{after}"));
                    area.set_value(&format!("{written}{after}"));
                    let _ = area.set_selection_range(caret_at, caret_at);
                }
                offered.set(if found.words.len() > 1 {
                    found.words
                } else {
                    Vec::new()
                });
            }
            "ArrowUp" if !before.contains('\n') => {
                let h = history.get_value();
                let at = match recalled.get_value() {
                    None => h.len().checked_sub(1),
                    Some(i) => Some(i.saturating_sub(1)),
                };
                if let Some(i) = at {
                    ev.prevent_default();
                    recalled.set_value(Some(i));
                    text.set(h[i].clone());
                }
            }
            "ArrowDown" if !value[before.len()..].contains('\n') => {
                if let Some(i) = recalled.get_value() {
                    ev.prevent_default();
                    let h = history.get_value();
                    if i + 1 < h.len() {
                        recalled.set_value(Some(i + 1));
                        text.set(h[i + 1].clone());
                    } else {
                        recalled.set_value(None);
                        text.set(String::new());
                    }
                }
            }
            _ => {}
        }
    };

    view! {
        <div class="card console" data-testid="console">
            <h2>"Console"</h2>
            <p class="hint">
                "Run " <code>"aws backup …"</code> ", " <code>"aws rds describe-db-instances"</code>
                ", " <code>"aws events …"</code> " and " <code>"aws sns …"</code>
                " against the simulation at the moment shown, as the AWS CLI answers them. "
                <code>"sleep 20m"</code> " and " <code>"aws rds wait"</code>
                " move time on. Paste a script as it is; "
                <kbd>"Tab"</kbd> " completes, " <kbd>"↑"</kbd> " recalls. Try: "
                {EXAMPLES
                    .map(|example| {
                        view! {
                            <button
                                type="button"
                                class="link example"
                                on:click=move |_| {
                                    text.set(example.to_string());
                                    if let Some(area) = input.get() {
                                        let _ = area.focus();
                                    }
                                }
                            >
                                <code>{example}</code>
                            </button>
                        }
                    })}
            </p>
            <div class="transcript" node_ref=transcript aria-live="polite" data-testid="console-transcript">
                <For
                    each=move || console.entries.get()
                    key=|entry| entry.id
                    children=move |entry| {
                        let failed = entry.status != 0;
                        view! {
                            <div class="entry" class:failed=failed data-testid="console-entry">
                                <div class="prompt">
                                    <span class="at">{entry.at}</span>
                                    <span class="dollar" aria-hidden="true">"$ "</span>
                                    <span class="command">{entry.command}</span>
                                </div>
                                {(!entry.stdout.is_empty())
                                    .then(|| view! { <pre class="stdout">{entry.stdout}</pre> })}
                                {(!entry.stderr.is_empty())
                                    .then(|| view! { <pre class="stderr">{entry.stderr}</pre> })}
                                {failed
                                    .then(|| {
                                        view! {
                                            <span class="status" data-testid="console-status">
                                                {format!("exit {}", entry.status)}
                                            </span>
                                        }
                                    })}
                            </div>
                        }
                    }
                />
            </div>
            {move || {
                let words = offered.get();
                (!words.is_empty())
                    .then(|| {
                        view! {
                            <p class="offered" data-testid="console-offered">
                                {words.join("  ")}
                            </p>
                        }
                    })
            }}
            <form
                class="console-input"
                on:submit=move |ev| {
                    ev.prevent_default();
                    run_text();
                }
            >
                <span class="dollar" aria-hidden="true">"$"</span>
                <textarea
                    node_ref=input
                    aria-label="Console command"
                    data-testid="console-input"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="aws backup list-backup-vaults"
                    rows=move || text.with(|t| t.lines().count().clamp(1, 12))
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        text.set(event_target_value(&ev));
                        offered.set(Vec::new());
                    }
                    on:keydown=on_keydown
                ></textarea>
                <button type="submit" data-testid="console-run">
                    "Run"
                </button>
            </form>
        </div>
    }
}
