//! The jobs' state machines as data, for drawing: the states of each kind of job and the
//! transitions between them, read from the job log's [`JobState`] (the same table the engine
//! checks every move against), laid out in layers from the first state, and written as Mermaid
//! text.

use super::{BackupJobState, CopyJobState, JobState, RestoreJobState};

/// A kind of job's states and transitions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateMachine {
    pub name: &'static str,
    pub states: Vec<&'static str>,
    /// (from, to), as indexes into `states`.
    pub transitions: Vec<(usize, usize)>,
    pub terminal: Vec<bool>,
}

impl StateMachine {
    /// A kind of job's machine, from the table its state type keeps.
    pub fn of<S: JobState>() -> StateMachine {
        let all = S::ALL;
        let transitions = (0..all.len())
            .flat_map(|a| (0..all.len()).map(move |b| (a, b)))
            .filter(|&(a, b)| all[a].can_become(all[b]))
            .collect();
        StateMachine {
            name: S::KIND,
            states: all.iter().map(|s| s.as_str()).collect(),
            transitions,
            terminal: all.iter().map(|s| s.is_terminal()).collect(),
        }
    }

    pub fn backup_job() -> StateMachine {
        StateMachine::of::<BackupJobState>()
    }

    pub fn copy_job() -> StateMachine {
        StateMachine::of::<CopyJobState>()
    }

    pub fn restore_job() -> StateMachine {
        StateMachine::of::<RestoreJobState>()
    }

    pub fn index(&self, state: &str) -> Option<usize> {
        self.states.iter().position(|s| *s == state)
    }

    /// Each state's layer: its distance in transitions from the first state (CREATED).
    pub fn layers(&self) -> Vec<usize> {
        let mut layer = vec![usize::MAX; self.states.len()];
        layer[0] = 0;
        let mut frontier = vec![0];
        while !frontier.is_empty() {
            let mut next = Vec::new();
            for &from in &frontier {
                for &(a, b) in &self.transitions {
                    if a == from && layer[b] == usize::MAX {
                        layer[b] = layer[a] + 1;
                        next.push(b);
                    }
                }
            }
            frontier = next;
        }
        layer
    }

    /// The machine as a Mermaid state diagram; the states of `path` (a job's history) are
    /// marked `visited` and its last `current`.
    pub fn mermaid(&self, path: &[&str]) -> String {
        let mut out = String::from("stateDiagram-v2\n");
        out.push_str(&format!("    %% {} (vaultsim)\n", self.name));
        out.push_str(&format!("    [*] --> {}\n", self.states[0]));
        for &(a, b) in &self.transitions {
            out.push_str(&format!("    {} --> {}\n", self.states[a], self.states[b]));
        }
        for (state, terminal) in self.states.iter().zip(&self.terminal) {
            if *terminal {
                out.push_str(&format!("    {state} --> [*]\n"));
            }
        }
        if let Some((current, visited)) = path.split_last() {
            out.push_str("    classDef visited fill:#1a2e1a,stroke:#10b981\n");
            out.push_str("    classDef current fill:#1e2d45,stroke:#3b82f6,stroke-width:3px\n");
            for state in visited {
                if *state != *current {
                    out.push_str(&format!("    class {state} visited\n"));
                }
            }
            out.push_str(&format!("    class {current} current\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backup_machine_has_the_documented_transitions_and_layers() {
        let m = StateMachine::backup_job();
        let has = |a: &str, b: &str| {
            m.transitions
                .contains(&(m.index(a).unwrap(), m.index(b).unwrap()))
        };
        assert!(
            has("CREATED", "PENDING") && has("RUNNING", "COMPLETED") && has("ABORTING", "ABORTED")
        );
        assert!(!has("COMPLETED", "RUNNING"));
        let layers = m.layers();
        assert_eq!(layers[m.index("CREATED").unwrap()], 0);
        assert_eq!(layers[m.index("PENDING").unwrap()], 1);
        assert_eq!(layers[m.index("COMPLETED").unwrap()], 2);
        assert!(
            layers.iter().all(|l| *l != usize::MAX),
            "every state is reachable"
        );
    }

    #[test]
    fn mermaid_text_lists_the_transitions_and_marks_a_jobs_path() {
        let text = StateMachine::copy_job().mermaid(&["CREATED", "RUNNING", "FAILED"]);
        assert!(text.starts_with("stateDiagram-v2\n"));
        assert!(text.contains("    [*] --> CREATED\n"));
        assert!(text.contains("    RUNNING --> FAILED\n"));
        assert!(text.contains("    COMPLETED --> [*]\n"));
        assert!(text.contains("    class RUNNING visited\n"));
        assert!(text.contains("    class FAILED current\n"));
    }
}
