//! The plan editor's text, kept in the browser: the templates it starts from, the text being
//! edited, and the one a template (or the simulator's plan) replaced, for "Restore". The plan
//! editor edits it; the simulator reads it (a plan it drives) and opens its own plans in it —
//! through here, so neither panel reaches into the other.

use vaultsim_core::document::{from_node, parse_json};

use crate::url_state;

/// Where the text is kept between visits.
const STORAGE_KEY: &str = "vaultsim.plan.text";
/// Where the text a template replaced is kept, with the template's name, until it is restored.
const PREVIOUS_KEY: &str = "vaultsim.plan.previous";

/// A plan to start from.
pub struct Template {
    pub label: &'static str,
    pub about: &'static str,
    pub text: &'static str,
}

/// The guide's example plan, without its `//` comments (as AWS would need it).
const GUIDE_PLAN: &str = include_str!("../www/examples/guide-plan.json");

pub static TEMPLATES: [Template; 4] = [
    Template {
        label: "The guide's plan",
        about: "Daily and weekly rules, a cross-account copy and a tag selection, from the AWS Backup guide",
        text: GUIDE_PLAN,
    },
    Template {
        label: "Minimal plan",
        about: "One rule with a name and a vault: every other value is AWS's default",
        text: include_str!("../www/examples/minimal-plan.json"),
    },
    Template {
        label: "Continuous backup",
        about: "Point-in-time recovery for as long as AWS allows, and a daily snapshot beside it",
        text: include_str!("../www/examples/continuous-backup.json"),
    },
    Template {
        label: "Compliance plan",
        about: "Daily, monthly and yearly backups, kept for years and copied to a DR account",
        text: include_str!("../www/examples/compliance-plan.json"),
    },
];

/// Whether `text` is a template as it comes (not worth keeping when replaced).
pub fn is_template(text: &str) -> bool {
    TEMPLATES.iter().any(|t| t.text == text)
}

/// The plan editor's text, as the next visit to the panel will show it.
pub fn current() -> String {
    url_state::load(STORAGE_KEY).unwrap_or_else(|| GUIDE_PLAN.to_string())
}

/// Keeps `text` as the plan editor's; false when the browser would not keep it (storage off or
/// full).
pub fn store(text: &str) -> bool {
    url_state::store(STORAGE_KEY, text)
}

/// The text something replaced, and what replaced it.
pub fn previous() -> Option<(String, String)> {
    url_state::load(PREVIOUS_KEY)
        .and_then(|kept| parse_json(&kept).strict().ok())
        .and_then(|root| from_node::<(String, String)>(&root).ok())
}

/// Keeps (or, with `None`, forgets) the text something replaced.
pub fn keep_previous(kept: Option<&(String, String)>) {
    match kept {
        Some(pair) => {
            url_state::store(PREVIOUS_KEY, &serde_json::json!(pair).to_string());
        }
        None => url_state::remove(PREVIOUS_KEY),
    }
}

/// Puts `text` in the plan editor for its next showing. The user's own text it replaces is kept,
/// for "Restore", as a template's is: `label` names what replaced it.
pub fn open(text: &str, label: &str) {
    let current = current();
    if current == text {
        return;
    }
    if !is_template(&current) {
        keep_previous(Some(&(current, label.to_string())));
    }
    store(text);
}
