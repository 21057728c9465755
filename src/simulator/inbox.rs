//! The inbox: what the topics' subscribers have received (the guide's alert mails, vault
//! notifications, messages published), newest first; confirmation mails with the link their
//! recipient follows; and messages a service could not publish, with why. The set-up and the
//! deliveries are the core's (vaultsim_core::engine, notifications).

use leptos::prelude::*;
use serde_json::json;
use vaultsim_core::engine::{Caller, Delivery, DeliveryKind};
use wasm_split_helpers::{SplitLoaderError, wasm_split};

use super::run::Run;
use crate::chunk;
use crate::format::time;

/// How many of the newest deliveries the inbox lists.
const SHOWN: usize = 50;

/// Where a confirmation mail's subscription is now.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Waiting {
    /// Not a confirmation mail.
    No,
    Pending,
    Confirmed,
    /// Deleted unconfirmed after 48 hours.
    Gone,
}

/// One delivery as the inbox shows it, and where its subscription is if it asks to confirm one.
#[derive(Clone, PartialEq)]
struct Shown {
    delivery: Delivery,
    waiting: Waiting,
}

fn newest(run: Run) -> (Vec<Shown>, usize) {
    run.moved.track();
    run.simulation.with_value(|s| {
        let Some(s) = s else {
            return (Vec::new(), 0);
        };
        let all = s.deliveries();
        let shown = (all.iter().rev().take(SHOWN))
            .map(|d| {
                let waiting = match &d.kind {
                    DeliveryKind::Confirmation { token } => {
                        match s.subscriptions().find(|sub| &sub.token == token) {
                            Some(sub) if sub.confirmed.is_some() => Waiting::Confirmed,
                            Some(_) => Waiting::Pending,
                            None => Waiting::Gone,
                        }
                    }
                    _ => Waiting::No,
                };
                Shown {
                    delivery: d.clone(),
                    waiting,
                }
            })
            .collect();
        (shown, all.len())
    })
}

/// Follows a confirmation mail's link: ConfirmSubscription with its topic and token, made by
/// the topic's account (as whoever owns the address would, from the mail).
fn confirm(run: Run, delivery: &Delivery, token: &str) {
    let mut parts = delivery.topic_arn.split(':');
    let (region, account) = (parts.nth(3), parts.next());
    let caller = Caller {
        account: account.unwrap_or_default().to_string(),
        region: region.unwrap_or_default().to_string(),
    };
    let input = json!({ "TopicArn": delivery.topic_arn, "Token": token });
    run.call(caller, "ConfirmSubscription", input);
}

fn entry(run: Run, shown: Shown) -> impl IntoView {
    let Shown { delivery, waiting } = shown;
    let d = delivery.clone();
    match delivery.kind.clone() {
        DeliveryKind::NotDelivered { reason } => view! {
            <li class="inbox-entry not-delivered" data-testid="inbox-not-delivered">
                <div class="inbox-head">
                    <time datetime=time(d.at)>{time(d.at)}</time>
                    <span class="outcome">"not delivered"</span>
                    <span>{format!("{} → {}", d.sender, d.topic_arn)}</span>
                </div>
                <p class="message">{reason}</p>
            </li>
        }
        .into_any(),
        DeliveryKind::Confirmation { token } => {
            let button = (waiting == Waiting::Pending).then(|| {
                let (d, token) = (d.clone(), token.clone());
                view! {
                    <button
                        type="button"
                        data-testid="inbox-confirm"
                        on:click=move |_| confirm(run, &d, &token)
                    >
                        "Confirm subscription"
                    </button>
                }
            });
            view! {
                <li class="inbox-entry confirmation" data-testid="inbox-confirmation">
                    <div class="inbox-head">
                        <time datetime=time(d.at)>{time(d.at)}</time>
                        <span class="to">{format!("to {} ({})", d.endpoint, d.protocol)}</span>
                    </div>
                    <p class="subject">{d.email_subject().to_string()}</p>
                    <p class="message">{d.message.clone()}</p>
                    {button}
                    {match waiting {
                        Waiting::Confirmed => Some("Confirmed."),
                        Waiting::Gone => Some("Not confirmed within 48 hours: SNS deleted the subscription."),
                        _ => None,
                    }
                        .map(|state| view! { <p class="muted" data-testid="inbox-subscription-state">{state}</p> })}
                </li>
            }
            .into_any()
        }
        DeliveryKind::Message => {
            // An email shows its subject and the message; other endpoints get the
            // notification's JSON.
            let body = if d.protocol == "email" {
                d.message.clone()
            } else {
                serde_json::to_string_pretty(&d.delivered_json()).unwrap_or_default()
            };
            let subject = (d.protocol == "email").then(|| d.email_subject().to_string());
            view! {
                <li class="inbox-entry message" data-testid="inbox-message">
                    <div class="inbox-head">
                        <time datetime=time(d.at)>{time(d.at)}</time>
                        <span class="to">{format!("to {} ({})", d.endpoint, d.protocol)}</span>
                        <span class="from">{format!("from {}", d.sender)}</span>
                    </div>
                    {subject.map(|s| view! { <p class="subject">{s}</p> })}
                    <pre class="body">{body}</pre>
                </li>
            }
            .into_any()
        }
    }
}

/// The inbox card: its code comes in the chunk (crate::chunk) with the console's, which is
/// where subscriptions are made.
#[component]
pub(super) fn InboxCard(run: Run) -> impl IntoView {
    chunk::when_loaded("inbox", inbox_code, move || chunk::now(inbox_card(run)))
}

/// The way into the chunk for the card.
#[wasm_split(learn_console, fallible, preload(inbox_code))]
fn inbox_card(run: Run) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <LoadedInboxCard run=run /> }.into_any())
}

#[component]
fn LoadedInboxCard(run: Run) -> impl IntoView {
    let listed = Memo::new(move |_| newest(run));
    // Only whether anything came decides the card's shape: the list itself is keyed, so a new
    // delivery adds its line and leaves the others (and the list's scroll) as they are, and a
    // confirmation's line is drawn again when it is confirmed.
    let empty = Memo::new(move |_| listed.with(|(_, total)| *total == 0));
    let more = move || {
        listed.with(|(shown, total)| {
            (*total > shown.len()).then(|| format!("The newest {} of {total}.", shown.len()))
        })
    };
    view! {
        <section class="card inbox" aria-labelledby="inbox-title" data-testid="inbox">
            <h2 id="inbox-title">"Inbox"</h2>
            <p class="muted">
                "What the SNS topics' subscribers receive, newest first. A model assumption: each message arrives at the moment of the event that sent it (AWS: EventBridge gets AWS Backup's events \"in a best-effort manner every 5 minutes\")."
            </p>
            <Show
                when=move || !empty.get()
                fallback=|| {
                    view! {
                        <p class="muted">
                            "Nothing yet. Set up the guide's alert in the console: "
                            <code>"aws sns create-topic"</code>", "<code>"aws sns subscribe"</code>", "
                            <code>"aws events put-rule"</code>", "<code>"aws events put-targets"</code>
                            "; or a vault's own notifications with "
                            <code>"aws backup put-backup-vault-notifications"</code>"."
                        </p>
                    }
                }
            >
                <ol class="inbox-list">
                    <For
                        each=move || listed.get().0
                        key=|s| (s.delivery.message_id.clone(), s.delivery.endpoint.clone(), s.waiting)
                        children=move |s| entry(run, s)
                    />
                </ol>
                {move || more().map(|m| view! { <p class="muted">{m}</p> })}
            </Show>
        </section>
    }
}
