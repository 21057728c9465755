//! A learner's progress, kept in this browser: per lesson, the steps solved, the hints shown and
//! the solutions looked at; and where the learner was last, so the next visit lands there. It
//! goes out as a JSON file and comes back in (another browser, a cleared one).

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use serde_json::{Map, Value, json};

use crate::url_state;

/// The storage key; the export file carries the same document.
const STORAGE_KEY: &str = "vaultsim.learn.progress";
/// What an exported file says it is, so an import can tell it from another JSON file.
const KIND: &str = "vaultsim-learn-progress";

/// One lesson's progress.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LessonProgress {
    pub solved: BTreeSet<usize>,
    /// Per step, how many of its hints have been shown.
    pub hints: BTreeMap<usize, usize>,
    pub solutions: BTreeSet<usize>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    pub lessons: BTreeMap<String, LessonProgress>,
    /// The lesson and step the learner was at last.
    pub last: Option<(String, usize)>,
}

impl Progress {
    pub fn to_json(&self) -> String {
        let lessons: Map<String, Value> = (self.lessons.iter())
            .map(|(id, p)| {
                let hints: Map<String, Value> = (p.hints.iter())
                    .map(|(s, n)| (s.to_string(), json!(n)))
                    .collect();
                (
                    id.clone(),
                    json!({ "Solved": p.solved, "Hints": hints, "Solutions": p.solutions }),
                )
            })
            .collect();
        let mut doc = json!({ "Kind": KIND, "Lessons": lessons });
        if let Some((lesson, step)) = &self.last {
            doc["Last"] = json!({ "Lesson": lesson, "Step": step });
        }
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    }

    /// Reads an exported file; what is wrong with it, in a sentence, when it is not one.
    pub fn from_json(text: &str) -> Result<Progress, String> {
        let doc: Value = serde_json::from_str(text)
            .map_err(|e| format!("the file is not JSON ({e}); choose a file exported here"))?;
        if doc.get("Kind").and_then(Value::as_str) != Some(KIND) {
            return Err(format!(
                "the file is not vaultsim progress (its \"Kind\" is not \"{KIND}\"); choose a file exported with \"Export progress\""
            ));
        }
        let steps = |v: Option<&Value>| -> BTreeSet<usize> {
            (v.and_then(Value::as_array).into_iter().flatten())
                .filter_map(|s| s.as_u64().map(|s| s as usize))
                .collect()
        };
        let lessons = (doc
            .get("Lessons")
            .and_then(Value::as_object)
            .into_iter()
            .flatten())
        .map(|(id, p)| {
            let hints = (p
                .get("Hints")
                .and_then(Value::as_object)
                .into_iter()
                .flatten())
            .filter_map(|(s, n)| Some((s.parse().ok()?, n.as_u64()? as usize)))
            .collect();
            let progress = LessonProgress {
                solved: steps(p.get("Solved")),
                hints,
                solutions: steps(p.get("Solutions")),
            };
            (id.clone(), progress)
        })
        .collect();
        let last = doc.get("Last").and_then(|l| {
            Some((
                l.get("Lesson")?.as_str()?.to_string(),
                l.get("Step")?.as_u64()? as usize,
            ))
        });
        Ok(Progress { lessons, last })
    }

    /// Another browser's progress added to this one's: a step solved in either is solved, and
    /// the larger count of hints stays.
    pub fn merge(&mut self, other: Progress) {
        for (id, theirs) in other.lessons {
            let mine = self.lessons.entry(id).or_default();
            mine.solved.extend(theirs.solved);
            mine.solutions.extend(theirs.solutions);
            for (step, n) in theirs.hints {
                let shown = mine.hints.entry(step).or_default();
                *shown = (*shown).max(n);
            }
        }
        if self.last.is_none() {
            self.last = other.last;
        }
    }
}

/// The progress as a signal, written to storage on every change.
#[derive(Clone, Copy)]
pub struct Record(RwSignal<Progress>);

impl Record {
    pub fn load() -> Record {
        let progress = url_state::load(STORAGE_KEY)
            .and_then(|text| Progress::from_json(&text).ok())
            .unwrap_or_default();
        Record(RwSignal::new(progress))
    }

    pub fn lesson(self, id: &str) -> LessonProgress {
        self.0
            .with(|p| p.lessons.get(id).cloned().unwrap_or_default())
    }

    pub fn last(self) -> Option<(String, usize)> {
        self.0.with_untracked(|p| p.last.clone())
    }

    pub fn export(self) -> String {
        self.0.with_untracked(Progress::to_json)
    }

    fn change(self, f: impl FnOnce(&mut Progress) -> bool) {
        let mut changed = false;
        self.0.update(|p| changed = f(p));
        if changed {
            let _ = url_state::store(STORAGE_KEY, &self.export());
        }
    }

    pub fn solved(self, id: &str, step: usize) {
        self.change(|p| {
            (p.lessons.entry(id.to_string()).or_default())
                .solved
                .insert(step)
        });
    }

    /// One more of a step's hints shown.
    pub fn hint_shown(self, id: &str, step: usize) {
        self.change(|p| {
            *(p.lessons.entry(id.to_string()).or_default())
                .hints
                .entry(step)
                .or_default() += 1;
            true
        });
    }

    pub fn solution_shown(self, id: &str, step: usize) {
        self.change(|p| {
            (p.lessons.entry(id.to_string()).or_default())
                .solutions
                .insert(step)
        });
    }

    pub fn visited(self, id: &str, step: usize) {
        self.change(|p| {
            let at = Some((id.to_string(), step));
            let changed = p.last != at;
            p.last = at;
            changed
        });
    }

    /// An exported file added to this browser's progress.
    pub fn import(self, text: &str) -> Result<(), String> {
        let theirs = Progress::from_json(text)?;
        self.change(|p| {
            p.merge(theirs);
            true
        });
        Ok(())
    }

    /// Everything forgotten.
    pub fn reset(self) {
        self.change(|p| {
            *p = Progress::default();
            true
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exported_progress_reads_back_the_same() {
        let mut progress = Progress::default();
        let lesson = progress
            .lessons
            .entry("06-restore-runbook".into())
            .or_default();
        lesson.solved.extend([0, 2]);
        lesson.hints.insert(1, 2);
        lesson.solutions.insert(1);
        progress.last = Some(("06-restore-runbook".into(), 1));
        assert_eq!(Progress::from_json(&progress.to_json()), Ok(progress));
    }

    #[test]
    fn a_file_that_is_not_progress_is_refused_with_why() {
        let err = Progress::from_json(r#"{"Plan": {}}"#).unwrap_err();
        assert!(err.contains("not vaultsim progress"), "{err}");
        let err = Progress::from_json("{").unwrap_err();
        assert!(err.contains("not JSON"), "{err}");
    }

    #[test]
    fn merging_keeps_what_either_browser_solved() {
        let mut mine = Progress::default();
        mine.lessons.entry("a".into()).or_default().solved.insert(0);
        mine.lessons
            .entry("a".into())
            .or_default()
            .hints
            .insert(0, 1);
        let mut theirs = Progress::default();
        theirs
            .lessons
            .entry("a".into())
            .or_default()
            .solved
            .insert(1);
        theirs
            .lessons
            .entry("a".into())
            .or_default()
            .hints
            .insert(0, 3);
        mine.merge(theirs);
        assert_eq!(mine.lessons["a"].solved, BTreeSet::from([0, 1]));
        assert_eq!(mine.lessons["a"].hints[&0], 3);
    }
}
