//! Every built-in lesson read, and solved as a learner would: each step's goal is not met when
//! the step is reached, and its solution (the console commands, the event pattern) meets it.

use vaultsim_core::console::run::run_with;
use vaultsim_core::cost::{BUILTIN_PRICES, Prices};
use vaultsim_core::engine::{Caller, DeliveryKind, Simulation};
use vaultsim_core::lesson::{BUILTIN, Learner, Lesson};

fn lesson(name: &str) -> Lesson {
    let text = Lesson::builtin_text(name).expect("a built-in lesson");
    Lesson::from_json(text).unwrap_or_else(|d| panic!("{name}: {d:#?}"))
}

/// What a recipient does by following a confirmation mail's link (the page's Inbox button).
fn confirm_waiting_subscriptions(simulation: &mut Simulation) {
    let waiting: Vec<(String, String)> = (simulation.deliveries().iter())
        .filter_map(|d| match &d.kind {
            DeliveryKind::Confirmation { token } => Some((d.topic_arn.clone(), token.clone())),
            _ => None,
        })
        .collect();
    for (topic, token) in waiting {
        let caller = Caller::of(
            simulation.world(),
            topic.split(':').nth(4),
            topic.split(':').nth(3),
        );
        let input = serde_json::json!({"TopicArn": topic, "Token": token});
        simulation.call_now(&caller, "ConfirmSubscription", &input);
    }
}

#[test]
fn every_built_in_lesson_is_solved_by_its_solutions_and_no_goal_is_met_before() {
    // The page prices the run with the built-in list until the learner edits it.
    let prices = Prices::from_json(BUILTIN_PRICES).unwrap();
    for name in BUILTIN {
        let lesson = lesson(name);
        assert_eq!(lesson.id, *name);
        let scenario = lesson.scenario().expect("the lesson's scenario");
        let mut simulation = Simulation::new(&scenario).unwrap();
        simulation.run_until(lesson.start(&scenario));
        let mut commands: Vec<(String, i32)> = Vec::new();
        for (i, step) in lesson.steps.iter().enumerate() {
            // A step's goal counts the commands run since it was shown, as the page does.
            let since = commands.len();
            let pattern = step.solution.pattern.as_ref().map(|p| p.to_string());
            let before = step.goal.check.check(
                &simulation,
                &Learner {
                    pattern: None,
                    commands: &commands[since..],
                    plan: step.plan.as_deref(),
                    prices: Some(&prices),
                },
            );
            assert!(
                !before.met,
                "{name} step {i}: met before it is solved ({})",
                before.saw
            );
            if step.solution.confirm {
                confirm_waiting_subscriptions(&mut simulation);
            }
            if let Some(script) = &step.solution.console {
                for command in vaultsim_core::console::words::commands(script) {
                    let printed = run_with(&mut simulation, &command, &|p| lesson.file(p));
                    commands.push((command, printed.status));
                }
            }
            let after = step.goal.check.check(
                &simulation,
                &Learner {
                    pattern: pattern.as_deref(),
                    commands: &commands[since..],
                    plan: step.solution.plan.as_deref().or(step.plan.as_deref()),
                    prices: Some(&prices),
                },
            );
            assert!(
                after.met,
                "{name} step {i}: not met by its solution ({})",
                after.saw
            );
        }
    }
}

#[test]
fn a_malformed_lesson_is_explained_where_it_is_wrong() {
    let text = r#"{"Lesson": "x", "Title": "X", "Scenario": "three-tier-web-app", "Step": []}"#;
    let found = Lesson::from_json(text).unwrap_err();
    assert_eq!(found[0].code, "lesson-invalid");
    assert!(
        found[0].message.contains("Unknown member \"Step\""),
        "{}",
        found[0].message
    );
    assert_eq!(found[0].help, "did you mean Steps?");

    let text = r#"{"Lesson": "x", "Title": "X", "Scenario": "three-tier-webapp",
      "Steps": [{"Title": "T", "Goal": {"Describe": "d", "Check": {"Ask": "aws backup list-vaults", "AtLeast": 1}}}]}"#;
    let found = Lesson::from_json(text).unwrap_err();
    let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["lesson-scenario", "lesson-check"]);
    assert_eq!(found[0].help, "did you mean three-tier-web-app?");
    assert_eq!(found[1].pointer.as_deref(), Some("/Steps/0/Goal/Check/Ask"));
    assert_eq!(&text[found[1].span.clone()], "\"aws backup list-vaults\"");
}

#[test]
fn a_lesson_may_write_its_own_scenario_and_its_mistakes_are_placed_in_the_lesson() {
    let scenario = r#"{"StartTime": "2024-01-15T00:00:00Z", "Accounts": [{"Id": "111122223333", "Regions": ["us-east-1"]}], "Vaults": [{"Name": "v", "Account": "111122223333", "Region": "us-east-1"}]}"#;
    let text = format!(
        r#"{{"Lesson": "mine", "Title": "Mine", "Scenario": {scenario},
          "Steps": [{{"Title": "T", "Goal": {{"Describe": "d", "Check": {{"Ran": "list-backup-vaults"}}}}}}]}}"#
    );
    let lesson = Lesson::from_json(&text).unwrap();
    assert_eq!(lesson.scenario().unwrap().vaults.len(), 1);

    let broken = text.replace("\"StartTime\"", "\"Start\"");
    let found = Lesson::from_json(&broken).unwrap_err();
    assert_eq!(found[0].code, "scenario-invalid");
    assert_eq!(found[0].pointer.as_deref(), Some("/Scenario/Start"));
    assert_eq!(&broken[found[0].span.clone()], "\"Start\"");
}

#[test]
fn a_delivered_goal_without_an_endpoint_or_with_at_least_zero_is_explained() {
    for (check, member) in [
        (r#"{"Delivered": " "}"#, "Delivered"),
        (
            r#"{"Delivered": "ops@example.com", "AtLeast": 0}"#,
            "AtLeast",
        ),
    ] {
        let text = format!(
            r#"{{"Lesson": "x", "Title": "X", "Scenario": "three-tier-web-app",
              "Steps": [{{"Title": "T", "Goal": {{"Describe": "d", "Check": {check}}}}}]}}"#
        );
        let found = Lesson::from_json(&text).unwrap_err();
        assert_eq!(found[0].code, "lesson-check", "{found:#?}");
        assert!(
            found[0]
                .pointer
                .as_deref()
                .is_some_and(|p| p.ends_with(member)),
            "{found:#?}"
        );
    }
}

#[test]
fn the_guides_nightly_plan_gives_the_incident_an_rpo_of_seven_hours_which_is_not_under_one() {
    let lesson = lesson("14-rpo-under-an-hour");
    let scenario = lesson.scenario().unwrap();
    let mut simulation = Simulation::new(&scenario).unwrap();
    simulation.run_until(vaultsim_core::scenario::parse_time("2024-01-16T09:30:00Z").unwrap());
    let checked = lesson.steps[1].goal.check.check(
        &simulation,
        &Learner {
            pattern: None,
            commands: &[],
            plan: None,
            prices: None,
        },
    );
    assert!(!checked.met);
    assert_eq!(checked.saw, "an RPO of 420 min");
}

/// The page's list reads each built-in lesson's listing without the lesson
/// reader; it says what the reader says.
#[test]
fn every_built_in_lessons_listing_is_what_the_lesson_reader_reads() {
    use vaultsim_core::lesson::Listing;
    for name in BUILTIN {
        let text = Lesson::builtin_text(name).expect("a built-in lesson");
        let lesson = lesson(name);
        let listing = Listing::from_json(text).expect("a listing");
        assert_eq!(
            listing,
            Listing {
                id: lesson.id.clone(),
                title: lesson.title.clone(),
                section: lesson.section.clone(),
                steps: lesson.steps.len(),
            }
        );
    }
}

/// What `name`'s step `index` goal sees before and after its solution, the steps before it
/// solved by theirs; and the simulation after it.
fn seen_around_step(name: &str, index: usize) -> (String, String, Simulation) {
    let lesson = lesson(name);
    let prices = Prices::from_json(BUILTIN_PRICES).unwrap();
    let scenario = lesson.scenario().unwrap();
    let mut simulation = Simulation::new(&scenario).unwrap();
    simulation.run_until(lesson.start(&scenario));
    let mut before = String::new();
    for (i, step) in lesson.steps.iter().enumerate().take(index + 1) {
        let learner = Learner {
            prices: Some(&prices),
            ..Learner::default()
        };
        if i == index {
            before = step.goal.check.check(&simulation, &learner).saw;
        }
        if step.solution.confirm {
            confirm_waiting_subscriptions(&mut simulation);
        }
        for command in
            vaultsim_core::console::words::commands(step.solution.console.as_deref().unwrap_or(""))
        {
            run_with(&mut simulation, &command, &|p| lesson.file(p));
        }
    }
    let learner = Learner {
        prices: Some(&prices),
        ..Learner::default()
    };
    let after = lesson.steps[index]
        .goal
        .check
        .check(&simulation, &learner)
        .saw;
    (before, after, simulation)
}

#[test]
fn the_point_deleted_ten_days_into_cold_is_charged_its_eighty_days_left() {
    let (before, after, _) = seen_around_step("11-lifecycle", 2);
    assert!(
        before.ends_with("early-deletion charges so far: 0.00 USD"),
        "{before}"
    );
    // 0.2 GB × 0.01 USD per GB-month × 79.7 days / 31 days in May.
    assert!(
        after.ends_with("early-deletion charges so far: 0.0051 USD"),
        "{after}"
    );
}

#[test]
fn the_audit_step_names_the_table_no_plan_selects_and_the_plan_its_retention_fails() {
    let (before, after, simulation) = seen_around_step("12-monitoring", 5);
    assert_eq!(
        before,
        "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN: 1 of 4 NON_COMPLIANT, the first sessions (not in any backup plan's selection)"
    );
    assert_eq!(
        after,
        "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN: all 4 COMPLIANT"
    );
    // What the step's note says of the other control at its defaults.
    let root = vaultsim_core::document::parse_json(
        r#"{"Control": "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK", "Compliant": false}"#,
    )
    .strict()
    .unwrap();
    let check: vaultsim_core::lesson::Check = vaultsim_core::document::from_node(&root).unwrap();
    let retention = check.check(&simulation, &Learner::default());
    assert!(retention.met, "{}", retention.saw);
    assert!(
        retention
            .saw
            .contains("plan prod-backup-plan NON_COMPLIANT")
            && retention.saw.contains("at least 35 days"),
        "{}",
        retention.saw
    );
}
