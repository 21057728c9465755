//! A rule's (or a copy action's) lifecycle as the phases of a recovery point's life — warm, then
//! cold storage, then deleted — with the days each starts and ends and one line in words. The page
//! draws these as a bar; what the values mean is decided here, with the checker's readers.
//!
//! Evidence: Lifecycle in the API reference (data/reference/docs/devguide-key-quotes.md): a
//! recovery point moves to cold storage `MoveToColdStorageAfterDays` after creation and is
//! deleted `DeleteAfterDays` after creation; -1 for both keeps it indefinitely; continuous
//! backups last at most 35 days and never move to cold storage.

use super::forms::PlanForm;
use crate::document::Node;
use crate::services::MAX_CONTINUOUS_RETENTION_DAYS;

/// Where a recovery point is kept: warm storage, or cold storage once its lifecycle moves it
/// (the storage classes the engine gives recovery points, world::StorageClass, which reads a
/// plan's lifecycle: the plan does not depend on the world).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Warm,
    Cold,
}

impl Stage {
    /// The stage as the guide words it: "warm" and "cold" storage.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Warm => "warm",
            Stage::Cold => "cold",
        }
    }
}

/// A stretch of a recovery point's life in one storage stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phase {
    /// Warm or cold (a deleted point has no phase).
    pub stage: Stage,
    /// Days after creation the stage starts.
    pub from: i64,
    /// Days after creation it ends; `None` when the recovery point stays there indefinitely.
    pub to: Option<i64>,
}

/// A lifecycle, read: its phases in order, when the point is deleted, and a summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LifecyclePhases {
    pub phases: Vec<Phase>,
    /// The day the recovery point is deleted; `None` when it is kept indefinitely.
    pub deleted_after: Option<i64>,
    /// The values cannot describe a lifecycle (AWS refuses them; the checker says why).
    pub invalid: bool,
    /// One line in words.
    pub summary: String,
}

/// -1 in both fields: "kept indefinitely" (Lifecycle, API reference).
const INDEFINITELY: i64 = -1;

impl LifecyclePhases {
    /// The phases of a `Lifecycle` object (or its absence) written in `form`: numbers are read as
    /// the checker reads them (a string such as "35" only in CloudFormation). `continuous` rules
    /// keep recovery points at most [`MAX_CONTINUOUS_RETENTION_DAYS`] and never move them to cold
    /// storage.
    pub fn read(lifecycle: Option<&Node>, continuous: bool, form: PlanForm) -> LifecyclePhases {
        let field = |key: &str| lifecycle.and_then(|l| l.get(key));
        let (cold_field, delete_field) = (
            field("MoveToColdStorageAfterDays"),
            field("DeleteAfterDays"),
        );
        let cold = cold_field.and_then(|n| form.whole_number(n));
        let delete = delete_field.and_then(|n| form.whole_number(n));
        // A value that is there but not a whole number is reported by the check; show nothing.
        if (cold_field.is_some() && cold.is_none()) || (delete_field.is_some() && delete.is_none())
        {
            return invalid("lifecycle unreadable: see the diagnostics");
        }
        Self::of_days(cold, delete, continuous)
    }

    /// The phases of a lifecycle given in days: move to cold storage after `cold`, delete after
    /// `delete`.
    pub fn of_days(cold: Option<i64>, delete: Option<i64>, continuous: bool) -> LifecyclePhases {
        match (cold, delete) {
            // No lifecycle, or -1: kept until someone deletes it.
            (None | Some(INDEFINITELY), None | Some(INDEFINITELY)) => {
                let summary = if continuous {
                    // AWS wants a lifecycle on a continuous rule (the checker warns).
                    format!(
                        "no lifecycle: give a continuous rule DeleteAfterDays of 1 to \
                         {MAX_CONTINUOUS_RETENTION_DAYS}"
                    )
                } else {
                    "kept indefinitely (no lifecycle)".to_string()
                };
                LifecyclePhases {
                    phases: vec![warm(None)],
                    deleted_after: None,
                    invalid: false,
                    summary,
                }
            }
            (Some(c), _) if c < 0 && c != INDEFINITELY => {
                invalid("invalid lifecycle: see the diagnostics")
            }
            (_, Some(d)) if d < 1 && d != INDEFINITELY => {
                invalid("invalid lifecycle: see the diagnostics")
            }
            // Deleted, never moved to cold storage.
            (None | Some(INDEFINITELY), Some(d)) => deleted_warm(d, continuous),
            // Deleted before it would move to cold storage.
            (Some(c), Some(d)) if d <= c => LifecyclePhases {
                summary: format!(
                    "warm until deleted after {}; it is deleted before it would move to cold storage",
                    days_label(d)
                ),
                ..deleted_warm(d, continuous)
            },
            // Moved to cold storage, kept there indefinitely.
            (Some(c), None | Some(INDEFINITELY)) => LifecyclePhases {
                phases: warm_then_cold(c, None),
                deleted_after: None,
                invalid: false,
                summary: format!(
                    "warm for {}, then cold storage, kept indefinitely",
                    days_label(c)
                ),
            },
            (Some(c), Some(d)) => LifecyclePhases {
                phases: warm_then_cold(c, Some(d)),
                deleted_after: Some(d),
                invalid: false,
                summary: format!(
                    "warm for {}, cold storage until day {d}, then deleted",
                    days_label(c)
                ),
            },
        }
    }

    /// A copy action's lifecycle: its own, or — without one — the source recovery point's
    /// (COPY-2: "If you do not specify a lifecycle, the copy keeps the source's").
    pub fn of_copy(own: Option<&Node>, source: Option<&Node>, form: PlanForm) -> LifecyclePhases {
        match own {
            Some(own) => Self::read(Some(own), false, form),
            None => {
                let mut phases = Self::read(source, false, form);
                phases.summary = format!(
                    "{} (the source's lifecycle: the copy action has none of its own)",
                    phases.summary
                );
                phases
            }
        }
    }
}

fn warm(to: Option<i64>) -> Phase {
    Phase {
        stage: Stage::Warm,
        from: 0,
        to,
    }
}

fn invalid(summary: &str) -> LifecyclePhases {
    LifecyclePhases {
        phases: vec![warm(None)],
        deleted_after: None,
        invalid: true,
        summary: summary.to_string(),
    }
}

/// Warm for `cold` days (no warm phase when it moves at once), then cold until `end` (or for good).
fn warm_then_cold(cold: i64, end: Option<i64>) -> Vec<Phase> {
    let mut phases = vec![];
    if cold > 0 {
        phases.push(warm(Some(cold)));
    }
    phases.push(Phase {
        stage: Stage::Cold,
        from: cold,
        to: end,
    });
    phases
}

fn deleted_warm(d: i64, continuous: bool) -> LifecyclePhases {
    let summary = if continuous {
        format!(
            "point-in-time recovery for the last {} (at most {MAX_CONTINUOUS_RETENTION_DAYS} days)",
            days_label(d)
        )
    } else {
        format!("kept {}, then deleted", days_label(d))
    };
    LifecyclePhases {
        phases: vec![warm(Some(d))],
        deleted_after: Some(d),
        invalid: false,
        summary,
    }
}

/// "1 day", "30 days", "365 days (1 year)", "2555 days (7 years)": AWS counts retention in days;
/// years are shown beside them when the days make whole years of 365 days, as the console's
/// retention choices do.
pub fn days_label(days: i64) -> String {
    let plain = if days == 1 {
        "1 day".to_string()
    } else {
        format!("{days} days")
    };
    if days >= 365 && days % 365 == 0 {
        let years = days / 365;
        let unit = if years == 1 { "year" } else { "years" };
        format!("{plain} ({years} {unit})")
    } else {
        plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_json;

    const API: PlanForm = PlanForm::BackupPlanInput;

    fn lifecycle(json: &str, form: PlanForm) -> LifecyclePhases {
        let root = parse_json(json).root.unwrap();
        LifecyclePhases::read(Some(&root), false, form)
    }

    #[test]
    fn a_lifecycle_is_warm_then_cold_then_deleted_in_days() {
        let phases = lifecycle(
            r#"{"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 120}"#,
            API,
        );
        assert_eq!(
            phases.phases,
            vec![
                Phase {
                    stage: Stage::Warm,
                    from: 0,
                    to: Some(30)
                },
                Phase {
                    stage: Stage::Cold,
                    from: 30,
                    to: Some(120)
                }
            ]
        );
        assert_eq!(phases.deleted_after, Some(120));
    }

    #[test]
    fn no_lifecycle_or_minus_one_is_kept_indefinitely() {
        let none = LifecyclePhases::read(None, false, API);
        let minus_one = lifecycle(
            r#"{"MoveToColdStorageAfterDays": -1, "DeleteAfterDays": -1}"#,
            API,
        );
        for phases in [none, minus_one] {
            assert_eq!(phases.deleted_after, None);
            assert!(
                phases.summary.contains("kept indefinitely"),
                "{}",
                phases.summary
            );
        }
    }

    #[test]
    fn impossible_lifecycles_are_invalid_or_read_as_far_as_they_go() {
        for (json, invalid) in [
            (r#"{"DeleteAfterDays": 0}"#, true),
            (r#"{"DeleteAfterDays": "x"}"#, true),
            (r#"{"MoveToColdStorageAfterDays": -5}"#, true),
            (
                r#"{"MoveToColdStorageAfterDays": 100, "DeleteAfterDays": 10}"#,
                false,
            ),
        ] {
            let phases = lifecycle(json, API);
            assert_eq!(phases.invalid, invalid, "{json}: {phases:?}");
            assert!(!phases.phases.is_empty(), "{json}");
        }
    }

    #[test]
    fn a_number_written_as_a_string_is_read_only_where_cloudformation_converts_it() {
        let json = r#"{"DeleteAfterDays": "1825"}"#;
        let template = lifecycle(json, PlanForm::CloudFormation { yaml: false });
        assert_eq!(template.deleted_after, Some(1825));
        let api = lifecycle(json, API);
        assert!(api.invalid, "{api:?}");
    }

    #[test]
    fn a_continuous_rule_says_its_limit() {
        let root = parse_json(r#"{"DeleteAfterDays": 14}"#).root.unwrap();
        let phases = LifecyclePhases::read(Some(&root), true, API);
        assert!(
            phases
                .summary
                .contains(&format!("at most {MAX_CONTINUOUS_RETENTION_DAYS} days")),
            "{}",
            phases.summary
        );
    }

    #[test]
    fn long_retentions_read_in_years_too() {
        assert_eq!(days_label(2555), "2555 days (7 years)");
        assert_eq!(days_label(1), "1 day");
    }
}
