//! Incidents assessed: the recovery points that could serve, the one chosen and why, RPO and
//! RTO, for the guide's incident, a lost Region and a lost account.

mod common;

use chrono::Duration;
use common::{run, t, three_tier, three_tier_with};
use serde_json::json;
use vaultsim_core::engine::{Incident, Lost, Simulation, Unusable};

const RDS: &str = "arn:aws:rds:us-east-1:111122223333:db:app-db";

fn incident(simulation: &Simulation, lost: Lost, cutover: Duration) -> Incident {
    Incident {
        resource: simulation.world().resource_by_arn(RDS).unwrap(),
        lost,
        cutover,
    }
}

fn vault_of(simulation: &Simulation, recovery_point: usize) -> String {
    let world = simulation.world();
    world.vaults[world.recovery_points[recovery_point].vault as usize]
        .name
        .clone()
}

#[test]
fn the_guides_incident_loses_seven_hours_and_restores_the_nights_backup_in_its_own_region() {
    let simulation = run(&three_tier(), "2024-01-16T09:00:00Z");
    let assessed = simulation.assess(&incident(&simulation, Lost::Data, Duration::minutes(5)));
    assert_eq!(assessed.loss, t("2024-01-16T09:00:00Z"));
    assert_eq!(assessed.rpo, Some(Duration::hours(7)));
    let (chosen, data) = assessed.chosen_point().unwrap();
    assert_eq!(data, t("2024-01-16T02:00:00Z"));
    // The DR copy has the same data; the backup beside the database restores without crossing
    // Regions or accounts.
    assert_eq!(vault_of(&simulation, chosen), "prod-primary-vault");
    assert!(
        assessed.why.contains("prod-primary-vault"),
        "{}",
        assessed.why
    );
    let restore = assessed.restore.unwrap();
    assert!(
        restore > Duration::minutes(10) && restore < Duration::minutes(40),
        "{restore}"
    );
    assert_eq!(assessed.rto, Some(restore + Duration::minutes(5)));
    // Every point of the database, newest data first.
    let datas: Vec<_> = assessed.candidates.iter().map(|c| c.data).collect();
    assert!(datas.windows(2).all(|w| w[0] >= w[1]), "{datas:?}");
    assert!(assessed.candidates.len() >= 2);
}

#[test]
fn a_lost_region_chooses_the_dr_copy_and_says_why_the_others_cannot_serve() {
    let simulation = run(&three_tier(), "2024-01-16T09:00:00Z");
    let assessed = simulation.assess(&incident(
        &simulation,
        Lost::Region("us-east-1".into()),
        Duration::zero(),
    ));
    let (chosen, data) = assessed.chosen_point().unwrap();
    assert_eq!(vault_of(&simulation, chosen), "dr-vault");
    assert_eq!(data, t("2024-01-16T02:00:00Z"));
    assert_eq!(assessed.rpo, Some(Duration::hours(7)));
    let lost: Vec<_> = assessed
        .candidates
        .iter()
        .filter(|c| c.unusable == Some(Unusable::InLostRegion))
        .collect();
    assert!(!lost.is_empty());
    for c in lost {
        assert_eq!(
            vault_of(&simulation, c.recovery_point),
            "prod-primary-vault"
        );
    }
    assert!(assessed.why.contains("dr-vault"), "{}", assessed.why);
    assert!(
        assessed.why.ends_with(
            "; 1 point with data as new or newer cannot serve (its vault is in the lost Region)"
        ),
        "{}",
        assessed.why
    );
}

#[test]
fn a_lost_account_chooses_the_copy_in_the_other_account() {
    let simulation = run(&three_tier(), "2024-01-16T09:00:00Z");
    let assessed = simulation.assess(&incident(
        &simulation,
        Lost::Account("111122223333".into()),
        Duration::zero(),
    ));
    let (chosen, _) = assessed.chosen_point().unwrap();
    assert_eq!(vault_of(&simulation, chosen), "dr-vault");
}

#[test]
fn losing_the_only_region_that_holds_points_leaves_nothing_to_restore() {
    let scenario = three_tier_with(|s| {
        s["Plans"][0]["Document"]["Rules"][0]
            .as_object_mut()
            .unwrap()
            .remove("CopyActions");
    });
    let simulation = run(&scenario, "2024-01-16T09:00:00Z");
    let assessed = simulation.assess(&incident(
        &simulation,
        Lost::Region("us-east-1".into()),
        Duration::zero(),
    ));
    assert_eq!(assessed.chosen, None);
    assert_eq!((assessed.rpo, assessed.rto), (None, None));
    assert!(assessed.why.starts_with("none of its"), "{}", assessed.why);
}

#[test]
fn before_the_first_backup_nothing_exists_to_restore() {
    let simulation = run(&three_tier(), "2024-01-15T01:00:00Z");
    let assessed = simulation.assess(&incident(&simulation, Lost::Data, Duration::zero()));
    assert!(assessed.candidates.is_empty());
    assert_eq!(
        assessed.why,
        "no recovery point of this resource exists yet"
    );
}

#[test]
fn a_continuous_backup_restores_to_the_moment_of_the_corruption() {
    let scenario = three_tier_with(|s| {
        let rule = &mut s["Plans"][0]["Document"]["Rules"][0];
        rule["EnableContinuousBackup"] = json!(true);
        rule["Lifecycle"] = json!({"DeleteAfterDays": 35});
    });
    let simulation = run(&scenario, "2024-01-16T09:30:00Z");
    let assessed = simulation.assess(&incident(&simulation, Lost::Data, Duration::zero()));
    assert_eq!(assessed.loss, t("2024-01-16T09:00:00Z"));
    assert_eq!(assessed.rpo, Some(Duration::zero()));
    assert!(assessed.why.contains("continuous"), "{}", assessed.why);
    // With us-east-1 lost, the continuous backup goes with it: the DR copy (a snapshot) serves.
    let regional = simulation.assess(&incident(
        &simulation,
        Lost::Region("us-east-1".into()),
        Duration::zero(),
    ));
    let (chosen, _) = regional.chosen_point().unwrap();
    assert_eq!(vault_of(&simulation, chosen), "dr-vault");
    assert!(!simulation.world().recovery_points[chosen].continuous);
}

#[test]
fn over_a_week_of_nightly_backups_the_worst_rpo_is_a_day_and_the_mean_half_of_one() {
    // Without the guide's corruption, which would keep every later point from serving.
    let scenario = three_tier_with(|s| s["Faults"] = json!([]));
    let mut simulation = Simulation::new(&scenario).unwrap();
    let rds = simulation.world().resource_by_arn(RDS).unwrap();
    simulation.watch_rpo(rds, Lost::Data);
    simulation.watch_rpo(rds, Lost::Region("us-east-1".into()));
    simulation.run_until(t("2024-01-22T00:00:00Z"));
    let over = simulation.rpo_over_time();
    assert_eq!(over.len(), 2);
    let (in_place, region) = (&over[0], &over[1]);
    assert_eq!(in_place.since, t("2024-01-15T00:00:00Z"));
    assert_eq!(in_place.until, t("2024-01-22T00:00:00Z"));
    // Nothing to restore until the first night's backup completed, after 02:00.
    assert!(
        in_place.uncovered > Duration::hours(2) && in_place.uncovered < Duration::hours(4),
        "{:?}",
        in_place.uncovered
    );
    // Just before a night's backup completes, the last one's data is a day and the backup's
    // duration old.
    let (worst, at) = in_place.worst.unwrap();
    assert!(
        worst > Duration::hours(24) && worst < Duration::hours(26),
        "{worst}"
    );
    assert_eq!(at.format("%H").to_string(), "02", "{at}");
    let mean = in_place.mean.unwrap();
    assert!(
        mean > Duration::hours(11) && mean < Duration::hours(14),
        "{mean}"
    );
    // With us-east-1 lost only the DR copies serve: they arrive later than the backups.
    let (region_worst, _) = region.worst.unwrap();
    assert!(region_worst > worst, "{region_worst} vs {worst}");
    assert!(region.uncovered > in_place.uncovered);
}

#[test]
fn a_failed_night_shows_as_a_two_day_worst_rpo() {
    let scenario = three_tier_with(|s| {
        s["Faults"] = json!([{
            "Fault": "JobFailure", "ResourceArn": RDS, "At": "2024-01-17T00:00:00Z"
        }]);
    });
    let mut simulation = Simulation::new(&scenario).unwrap();
    let rds = simulation.world().resource_by_arn(RDS).unwrap();
    simulation.watch_rpo(rds, Lost::Data);
    simulation.run_until(t("2024-01-22T00:00:00Z"));
    let (worst, at) = simulation.rpo_over_time()[0].worst.unwrap();
    assert!(worst > Duration::hours(48), "{worst}");
    assert!(
        at > t("2024-01-18T02:00:00Z") && at < t("2024-01-18T04:00:00Z"),
        "{at}"
    );
}

#[test]
fn a_continuous_backup_keeps_the_rpo_at_its_restore_lag() {
    let scenario = three_tier_with(|s| {
        let rule = &mut s["Plans"][0]["Document"]["Rules"][0];
        rule["EnableContinuousBackup"] = json!(true);
        rule["Lifecycle"] = json!({"DeleteAfterDays": 35});
        s["Faults"] = json!([]);
    });
    let mut simulation = Simulation::new(&scenario).unwrap();
    let rds = simulation.world().resource_by_arn(RDS).unwrap();
    simulation.watch_rpo(rds, Lost::Data);
    simulation.run_until(t("2024-01-22T00:00:00Z"));
    let over = &simulation.rpo_over_time()[0];
    // "Amazon RDS activity allows restores up until the most recent 5 minutes of activity."
    assert_eq!(over.worst.map(|(w, _)| w), Some(Duration::minutes(5)));
    assert_eq!(over.mean, Some(Duration::minutes(5)));
}
