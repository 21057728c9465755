//! "What does this change do?": the same scenario run under plan A and plan B, side by side —
//! jobs, recovery points, each resource's worst RPO (in place and with its Region lost), the
//! cost, and the first moment the two runs differ. `vaultsim compare` prints it and fails a CI
//! step when B is worse on a bound the user sets.

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use crate::codes;
use crate::cost::{CostReport, Prices};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{JobCounts, Lost, RpoOverTime, Simulation};
use crate::plan::{self, CheckOptions};
use crate::scenario::Scenario;

/// `scenario` with its plan `index`'s document replaced by the plan `text` (any form the plan
/// checker reads); the plan's errors, placed in `text`, when AWS would refuse it.
pub fn with_plan(
    scenario: &Scenario,
    index: usize,
    text: &str,
) -> Result<Scenario, Vec<Diagnostic>> {
    let checked = plan::check(
        text,
        &CheckOptions {
            now: scenario.start(),
        },
    );
    let errors: Vec<Diagnostic> = checked
        .findings
        .into_iter()
        .map(|f| f.diagnostic)
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some(root) = checked.root else {
        return Err(vec![Diagnostic::error(
            codes::SCENARIO_PLAN,
            0..0,
            "the plan could not be read".to_string(),
        )]);
    };
    let mut changed = scenario.clone();
    let Some(slot) = changed.plans.get_mut(index) else {
        return Err(vec![
            Diagnostic::error(
                codes::SCENARIO_PLAN,
                0..0,
                format!(
                    "the scenario has {} plan(s): there is no plan {index} to replace",
                    scenario.plans.len()
                ),
            )
            .with_help("name a plan of the scenario by its place, from 0"),
        ]);
    };
    slot.document = root.to_json();
    Ok(changed)
}

/// One side of a comparison: what its run did and gave.
#[derive(Clone, Debug)]
pub struct Side {
    pub jobs: JobCounts,
    /// Recovery points kept at the end, per vault name.
    pub points: Vec<(String, usize)>,
    /// Each resource's RPO through the run, in place and with its Region lost.
    pub rpo: Vec<RpoOverTime>,
    /// Its cost with the comparison's prices.
    pub cost: CostReport,
}

impl Side {
    /// Its backup, copy and restore jobs, each as `total (STATE n, …)`.
    pub fn jobs_text(&self) -> [String; 3] {
        let c = &self.jobs;
        let line = |states: Vec<(&str, u64)>| {
            let total: u64 = states.iter().map(|(_, n)| n).sum();
            let parts: Vec<String> = states
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(s, n)| format!("{s} {n}"))
                .collect();
            if parts.is_empty() {
                total.to_string()
            } else {
                format!("{total} ({})", parts.join(", "))
            }
        };
        [
            line(c.backup.iter().map(|(s, n)| (s.as_str(), n)).collect()),
            line(c.copy.iter().map(|(s, n)| (s.as_str(), n)).collect()),
            line(c.restore.iter().map(|(s, n)| (s.as_str(), n)).collect()),
        ]
    }

    /// The worst RPO of `resource` (an index) restored in place, or with its Region lost.
    pub fn worst(&self, resource: usize, in_place: bool) -> Option<Duration> {
        self.rpo
            .iter()
            .find(|r| r.resource == resource && matches!(r.lost, Lost::Data) == in_place)
            .and_then(|r| r.worst.map(|(w, _)| w))
    }
}

/// How plan B stands against plan A on a measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Better,
    Worse,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Better => "better",
            Verdict::Worse => "worse",
        }
    }
}

/// B's worst RPO against A's; nothing to restore is the worst there is.
pub fn rpo_verdict(a: Option<Duration>, b: Option<Duration>) -> Option<Verdict> {
    match (a, b) {
        (Some(a), Some(b)) if b < a => Some(Verdict::Better),
        (Some(a), Some(b)) if b > a => Some(Verdict::Worse),
        (None, Some(_)) => Some(Verdict::Better),
        (Some(_), None) => Some(Verdict::Worse),
        _ => None,
    }
}

/// One resource's worst RPO under both plans, in place or with its Region lost.
#[derive(Clone, Debug, PartialEq)]
pub struct RpoRow {
    pub resource: usize,
    pub name: String,
    pub in_place: bool,
    pub a: Option<Duration>,
    pub b: Option<Duration>,
    pub verdict: Option<Verdict>,
}

impl RpoRow {
    /// Which case the row is about: "in place" or "its Region lost".
    pub fn case(&self) -> &'static str {
        if self.in_place {
            "in place"
        } else {
            "its Region lost"
        }
    }

    /// A side's worst RPO as people read it: its span, or that there was nothing to restore.
    pub fn shown(worst: Option<Duration>) -> String {
        worst.map_or("nothing to restore".to_string(), crate::time_text::span)
    }
}

/// The two runs side by side.
#[derive(Clone, Debug)]
pub struct Comparison {
    pub a: Side,
    pub b: Side,
    /// The resources both runs have (the scenario's), by index, with their names.
    pub resources: Vec<(usize, String)>,
    /// The first event where the runs part: its moment, and what each run did then (none when
    /// one run had no more events).
    pub first_difference: Option<(DateTime<Utc>, Option<String>, Option<String>)>,
}

impl Comparison {
    /// Each resource's worst RPO under A and B, in place then with its Region lost.
    pub fn rpo_rows(&self) -> Vec<RpoRow> {
        let mut rows = Vec::new();
        for (resource, name) in &self.resources {
            for in_place in [true, false] {
                let (a, b) = (
                    self.a.worst(*resource, in_place),
                    self.b.worst(*resource, in_place),
                );
                rows.push(RpoRow {
                    resource: *resource,
                    name: name.clone(),
                    in_place,
                    a,
                    b,
                    verdict: rpo_verdict(a, b),
                });
            }
        }
        rows
    }
}

/// An event as a comparison reads it: when, what, about what, and the state it reports (the
/// IDs a run draws are left out, so the same job in both runs reads the same).
fn gist(simulation: &Simulation, event: &crate::engine::Event) -> (DateTime<Utc>, String) {
    let json = simulation.event_json(event);
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    let detail = &json["detail"];
    let state = ["state", "status"]
        .iter()
        .find_map(|k| detail.get(*k).and_then(Value::as_str))
        .unwrap_or("");
    let resources: Vec<String> = json["resources"]
        .as_array()
        .map(|r| r.iter().map(text).collect())
        .unwrap_or_default();
    let resource = detail
        .get("resourceArn")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| resources.join(","));
    let line = format!("{} {} {}", text(&json["detail-type"]), resource, state);
    (event.time, line.trim_end().to_string())
}

/// Runs `a` and `b` from their start to `until` and compares them, pricing with `prices`.
pub fn compare(
    a: &Scenario,
    b: &Scenario,
    until: DateTime<Utc>,
    prices: &Prices,
) -> Result<Comparison, Vec<Diagnostic>> {
    let mut runs = [Simulation::new(a)?, Simulation::new(b)?];
    for run in &mut runs {
        run.watch_every_rpo();
    }
    let mut first_difference = None;
    let mut day = a.start().min(b.start());
    // A day at a time, comparing that day's events in order until the first that differs.
    while day < until {
        day = (day + Duration::days(1)).min(until);
        let mut gists = runs.each_mut().map(|run| {
            run.run_until(day);
            let events = run.take_events();
            events.iter().map(|e| gist(run, e)).collect::<Vec<_>>()
        });
        if first_difference.is_some() {
            continue;
        }
        let [ga, gb] = &mut gists;
        let n = ga.len().max(gb.len());
        for i in 0..n {
            let (x, y) = (ga.get(i), gb.get(i));
            if x != y {
                let at = match (x, y) {
                    (Some(x), Some(y)) => x.0.min(y.0),
                    (Some(x), None) | (None, Some(x)) => x.0,
                    (None, None) => day,
                };
                first_difference = Some((
                    at,
                    x.map(|(t, g)| {
                        format!(
                            "{} {g}",
                            t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                        )
                    }),
                    y.map(|(t, g)| {
                        format!(
                            "{} {g}",
                            t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                        )
                    }),
                ));
                break;
            }
        }
    }
    let side = |run: &Simulation| {
        let world = run.world();
        let points = world
            .vaults
            .iter()
            .enumerate()
            .map(|(i, v)| (v.name.clone(), world.recovery_points_in(i).count()))
            .collect();
        Side {
            jobs: run.job_counts(),
            points,
            rpo: run.rpo_over_time(),
            cost: run.cost(prices),
        }
    };
    let resources = runs[0]
        .world()
        .resources
        .iter()
        .enumerate()
        .take(a.resources.len())
        .map(|(i, r)| (i, r.name.clone()))
        .collect();
    Ok(Comparison {
        a: side(&runs[0]),
        b: side(&runs[1]),
        resources,
        first_difference,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_to_restore_is_worse_than_any_rpo_and_equal_rpos_have_no_verdict() {
        let (h1, h2) = (Some(Duration::hours(1)), Some(Duration::hours(2)));
        assert_eq!(rpo_verdict(h2, h1), Some(Verdict::Better));
        assert_eq!(rpo_verdict(h1, h2), Some(Verdict::Worse));
        assert_eq!(rpo_verdict(h1, None), Some(Verdict::Worse));
        assert_eq!(rpo_verdict(None, h1), Some(Verdict::Better));
        assert_eq!(rpo_verdict(h1, h1), None);
        assert_eq!(rpo_verdict(None, None), None);
    }
}
