//! A learner's progress, kept in this browser: per lesson, the steps solved, the hints shown and
//! the solutions looked at; and where the learner was last, so the next visit lands there. It
//! goes out as a JSON file and comes back in (another browser, a cleared one).

use leptos::prelude::*;
use serde_json::{Map, Value, json};

use crate::url_state;

/// The storage key; the export file carries the same document.
const STORAGE_KEY: &str = "vaultsim.learn.progress";
/// What an exported file says it is, so an import can tell it from another JSON file.
const KIND: &str = "vaultsim-learn-progress";

/// One lesson's progress. Small Vecs rather than BTreeSet/BTreeMap: a lesson has a handful of
/// steps, and each new BTree key type costs the wasm its own copy of the tree and sort code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LessonProgress {
    /// The steps solved, each once, in the order solved.
    pub solved: Vec<usize>,
    /// Per step, how many of its hints have been shown: (step, count), each step once.
    pub hints: Vec<(usize, usize)>,
    pub solutions: Vec<usize>,
}

impl LessonProgress {
    pub fn hints_shown(&self, step: usize) -> usize {
        self.hints
            .iter()
            .find(|(s, _)| *s == step)
            .map_or(0, |(_, n)| *n)
    }

    fn hints_mut(&mut self, step: usize) -> &mut usize {
        let i = match self.hints.iter().position(|(s, _)| *s == step) {
            Some(i) => i,
            None => {
                self.hints.push((step, 0));
                self.hints.len() - 1
            }
        };
        &mut self.hints[i].1
    }
}

/// Adds `step` to `steps` unless it is there; whether it was added.
fn add(steps: &mut Vec<usize>, step: usize) -> bool {
    let new = !steps.contains(&step);
    if new {
        steps.push(step);
    }
    new
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    /// Per lesson ID, each once.
    pub lessons: Vec<(String, LessonProgress)>,
    /// The lesson and step the learner was at last.
    pub last: Option<(String, usize)>,
}

impl Progress {
    pub fn lesson(&self, id: &str) -> Option<&LessonProgress> {
        self.lessons.iter().find(|(i, _)| i == id).map(|(_, p)| p)
    }

    pub fn lesson_mut(&mut self, id: &str) -> &mut LessonProgress {
        let i = match self.lessons.iter().position(|(i, _)| i == id) {
            Some(i) => i,
            None => {
                self.lessons
                    .push((id.to_string(), LessonProgress::default()));
                self.lessons.len() - 1
            }
        };
        &mut self.lessons[i].1
    }

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
        let steps = |v: Option<&Value>, into: &mut Vec<usize>| {
            for s in v.and_then(Value::as_array).into_iter().flatten() {
                if let Some(s) = s.as_u64() {
                    add(into, s as usize);
                }
            }
        };
        let mut progress = Progress::default();
        for (id, p) in doc
            .get("Lessons")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let lesson = progress.lesson_mut(id);
            steps(p.get("Solved"), &mut lesson.solved);
            steps(p.get("Solutions"), &mut lesson.solutions);
            for (s, n) in p
                .get("Hints")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                if let (Ok(s), Some(n)) = (s.parse::<usize>(), n.as_u64()) {
                    *lesson.hints_mut(s) = n as usize;
                }
            }
        }
        progress.last = doc.get("Last").and_then(|l| {
            Some((
                l.get("Lesson")?.as_str()?.to_string(),
                l.get("Step")?.as_u64()? as usize,
            ))
        });
        Ok(progress)
    }

    /// Another browser's progress added to this one's: a step solved in either is solved, and
    /// the larger count of hints stays.
    pub fn merge(&mut self, other: Progress) {
        for (id, theirs) in other.lessons {
            let mine = self.lesson_mut(&id);
            for step in theirs.solved {
                add(&mut mine.solved, step);
            }
            for step in theirs.solutions {
                add(&mut mine.solutions, step);
            }
            for (step, n) in theirs.hints {
                let shown = mine.hints_mut(step);
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
        self.0.with(|p| p.lesson(id).cloned().unwrap_or_default())
    }

    pub fn last(self) -> Option<(String, usize)> {
        self.0.with_untracked(|p| p.last.clone())
    }

    pub fn export(self) -> String {
        self.0.with_untracked(Progress::to_json)
    }

    /// Applies `f`; when it changed something, what another tab stored meanwhile is added
    /// (a step solved there stays solved) and the whole is stored.
    fn change(self, f: impl FnOnce(&mut Progress) -> bool) {
        let mut changed = false;
        self.0.update(|p| {
            changed = f(p);
            if changed
                && let Some(stored) =
                    url_state::load(STORAGE_KEY).and_then(|t| Progress::from_json(&t).ok())
            {
                p.merge(stored);
            }
        });
        if changed {
            let _ = url_state::store(STORAGE_KEY, &self.export());
        }
    }

    pub fn solved(self, id: &str, step: usize) {
        self.change(|p| add(&mut p.lesson_mut(id).solved, step));
    }

    /// One more of a step's hints shown.
    pub fn hint_shown(self, id: &str, step: usize) {
        self.change(|p| {
            *p.lesson_mut(id).hints_mut(step) += 1;
            true
        });
    }

    pub fn solution_shown(self, id: &str, step: usize) {
        self.change(|p| add(&mut p.lesson_mut(id).solutions, step));
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
        self.0.set(Progress::default());
        let _ = url_state::store(STORAGE_KEY, &self.export());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exported_progress_reads_back_the_same() {
        let mut progress = Progress::default();
        let lesson = progress.lesson_mut("06-restore-runbook");
        lesson.solved.extend([0, 2]);
        *lesson.hints_mut(1) = 2;
        lesson.solutions.push(1);
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
        mine.lesson_mut("a").solved.push(0);
        *mine.lesson_mut("a").hints_mut(0) = 1;
        let mut theirs = Progress::default();
        theirs.lesson_mut("a").solved.extend([1, 0]);
        *theirs.lesson_mut("a").hints_mut(0) = 3;
        mine.merge(theirs);
        assert_eq!(mine.lesson("a").unwrap().solved, [0, 1]);
        assert_eq!(mine.lesson("a").unwrap().hints_shown(0), 3);
    }
}
