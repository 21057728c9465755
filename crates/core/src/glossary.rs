//! The glossary a learner sees on hover: the words the guide and AWS use, each said once in
//! plain words, and where they appear in a text. Definitions follow the guide's section 01 and
//! AWS's developer guide (data/reference/docs/teaching-anchors.md, engine-behaviour.md).

use std::ops::Range;

/// A term: the words it is written as (the first is its name) and what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    pub words: &'static [&'static str],
    pub meaning: &'static str,
}

impl Term {
    pub fn name(&self) -> &'static str {
        self.words[0]
    }
}

/// Longer forms first where one term's words start another's ("backup job" before "backup").
pub const TERMS: &[Term] = &[
    Term {
        words: &["ARN", "ARNs"],
        meaning: "Amazon Resource Name: the name AWS gives every resource, \
                  arn:partition:service:region:account-id:resource. Vaults, recovery points, \
                  roles and jobs' resources are named by their ARNs.",
    },
    Term {
        words: &["Region", "Regions"],
        meaning: "A geographic area of AWS with its own data centres, such as us-east-1 or \
                  eu-west-1. AWS Backup works in one Region at a time: a vault, a plan and its \
                  jobs belong to one Region.",
    },
    Term {
        words: &["account", "accounts"],
        meaning: "An AWS account: the container of resources, permissions and billing, named by \
                  a 12-digit ID such as 111122223333.",
    },
    Term {
        words: &["IAM role", "role"],
        meaning: "An identity with permissions that a person or a service takes on. AWS Backup \
                  runs each job with the IAM role its selection or request names (the console \
                  offers AWSBackupDefaultServiceRole).",
    },
    Term {
        words: &["recovery point", "recovery points"],
        meaning: "A backup: the resource as it was when its backup ran (a snapshot in time), \
                  kept in a backup vault until its lifecycle deletes it.",
    },
    Term {
        words: &["backup vault", "vault", "vaults"],
        meaning: "A container that stores recovery points (the bank vault), with its own \
                  encryption key and access policy; it belongs to one account and Region.",
    },
    Term {
        words: &["backup plan", "plan"],
        meaning: "A policy that says when to back up (rules with a schedule and windows), how \
                  long to keep each recovery point and where to copy it (the calendar \
                  subscription), and a selection of the resources it covers.",
    },
    Term {
        words: &["backup job", "backup jobs"],
        meaning: "One backup of one resource, made by a plan's rule or on demand: CREATED, \
                  PENDING, RUNNING, then COMPLETED (leaving a recovery point), FAILED, EXPIRED, \
                  ABORTED or PARTIAL.",
    },
    Term {
        words: &["copy job", "copy jobs", "copy action"],
        meaning: "A copy of a recovery point into another vault, often in another Region or \
                  account, started once the backup has completed.",
    },
    Term {
        words: &["restore job", "restore"],
        meaning: "The making of a new resource from a recovery point; the original is never \
                  overwritten.",
    },
    Term {
        words: &["RPO"],
        meaning: "Recovery point objective: the most data, measured in time, you can afford to \
                  lose. A plan meets it when the time from an incident back to the last good \
                  recovery point is never longer.",
    },
    Term {
        words: &["RTO"],
        meaning: "Recovery time objective: how long it may take to be running again after an \
                  incident: the restore, and pointing the app at what it made.",
    },
    Term {
        words: &["start window"],
        meaning: "StartWindowMinutes: how long after its scheduled time a backup job may wait to \
                  begin (at least 60 minutes, 8 hours by default) before it EXPIRES.",
    },
    Term {
        words: &["completion window"],
        meaning: "CompletionWindowMinutes: how long, from the scheduled time, a backup job has \
                  to finish before AWS Backup cancels it (7 days by default).",
    },
    Term {
        words: &["lifecycle"],
        meaning: "When a recovery point moves to cold storage (MoveToColdStorageAfterDays) and \
                  when it is deleted (DeleteAfterDays), counted from its creation.",
    },
    Term {
        words: &["cold storage", "cold"],
        meaning: "A cheaper tier for recovery points kept long, for the resource types that \
                  support it; a point stays there at least 90 days.",
    },
    Term {
        words: &["legal hold", "legal holds"],
        meaning: "A hold on recovery points that keeps them from being deleted, whatever their \
                  lifecycle, until it is released.",
    },
    Term {
        words: &["Vault Lock", "vault lock"],
        meaning: "Write-once-read-many protection of a vault: points cannot be deleted before a \
                  minimum retention. In compliance mode nobody can remove the lock once its \
                  grace time has passed.",
    },
    Term {
        words: &["EventBridge"],
        meaning: "The AWS service that routes events, such as a job's change of state, to \
                  targets (an SNS topic, a function) by rules whose event patterns pick them.",
    },
    Term {
        words: &["event pattern"],
        meaning: "The JSON an EventBridge rule matches events with: each field lists the values \
                  it accepts.",
    },
    Term {
        words: &["Organization"],
        meaning: "AWS Organizations groups accounts under one management account; copies \
                  between accounts need both in the same Organization.",
    },
];

/// Where terms appear in `text`: the first time each is written, as a whole word (acronyms and
/// capitalised names as written, other words in any case), in order, never overlapping; where
/// two terms' words start at one place, the longer wins ("Vault Lock" over "vault").
pub fn find(text: &str) -> Vec<(Range<usize>, &'static Term)> {
    let lower = text.to_ascii_lowercase();
    // Every place each term's words stand.
    let mut candidates: Vec<(Range<usize>, &'static Term)> = Vec::new();
    for term in TERMS {
        for word in term.words {
            let exact = word.chars().any(|c| c.is_ascii_uppercase());
            let (haystack, needle) = if exact {
                (text, word.to_string())
            } else {
                (lower.as_str(), word.to_ascii_lowercase())
            };
            let mut from = 0;
            while let Some(at) = whole_word(&haystack[from..], &needle) {
                let start = from + at;
                candidates.push((start..start + word.len(), term));
                from = start + word.len();
            }
        }
    }
    candidates.sort_by_key(|(r, _)| (r.start, usize::MAX - r.end));
    // In order, the longest first where several start together; each term once.
    let mut found: Vec<(Range<usize>, &'static Term)> = Vec::new();
    for (range, term) in candidates {
        let free = found.iter().all(|(r, t)| {
            !std::ptr::eq(*t, term) && (r.end <= range.start || range.end <= r.start)
        });
        if free {
            found.push((range, term));
        }
    }
    found
}

/// The first place `needle` stands as a whole word in `haystack`.
fn whole_word(haystack: &str, needle: &str) -> Option<usize> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let mut from = 0;
    while let Some(i) = haystack[from..].find(needle) {
        let at = from + i;
        let end = at + needle.len();
        let before = haystack[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word(c));
        let after = haystack[end..].chars().next().is_none_or(|c| !is_word(c));
        if before && after {
            return Some(at);
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(&str, &'static str)> {
        find(text)
            .into_iter()
            .map(|(r, t)| (&text[r], t.name()))
            .collect()
    }

    #[test]
    fn each_term_is_marked_once_where_it_is_first_written() {
        assert_eq!(
            names("A backup vault keeps recovery points; a vault is regional. RPO and RTO."),
            [
                ("backup vault", "backup vault"),
                ("recovery points", "recovery point"),
                ("RPO", "RPO"),
                ("RTO", "RTO"),
            ]
        );
    }

    #[test]
    fn only_whole_words_and_acronyms_as_written_are_terms() {
        assert!(names("the coldest arnica, a rolex").is_empty());
        assert!(names("rpo in lower case is not the acronym").is_empty());
        assert_eq!(names("dr-vault's copy"), []);
    }

    #[test]
    fn vault_lock_is_its_own_term_not_the_vault() {
        assert_eq!(
            names("Vault Lock makes a vault write-once"),
            [("Vault Lock", "Vault Lock"), ("vault", "backup vault")]
        );
    }

    #[test]
    fn a_longer_term_wins_over_the_words_inside_it() {
        assert_eq!(
            names("Each backup job makes a point"),
            [("backup job", "backup job")]
        );
    }
}
