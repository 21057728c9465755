//! What a run costs: storage as GB-months per vault, type and class, cross-Region transfer and
//! its payer, restores, prices from the built-in list with the ones no source gives asked for,
//! a price changed by the user, and AWS's advice on warm retention under a week.

mod common;

use common::{t, three_tier_with};
use serde_json::json;
use vaultsim_core::cost::{BUILTIN_PRICES, Charge, PriceId, Prices, Wanted};
use vaultsim_core::engine::Simulation;
use vaultsim_core::services::Service;
use vaultsim_core::world::StorageClass;

/// The guide's example without its incident, a year long.
fn year(change: impl FnOnce(&mut serde_json::Value)) -> Simulation {
    let scenario = three_tier_with(|s| {
        s["Faults"] = json!([]);
        s["Operations"] = json!([]);
        change(s);
    });
    let mut simulation = Simulation::new(&scenario).unwrap();
    simulation.run_until(t("2025-01-15T00:00:00Z"));
    simulation
}

fn prices() -> Prices {
    Prices::from_json(BUILTIN_PRICES).unwrap()
}

#[test]
fn a_year_of_the_guides_plan_bills_efs_storage_at_the_listed_price_and_asks_for_the_rest() {
    let simulation = year(|_| {});
    let report = simulation.cost(&prices());
    assert_eq!(report.currency, "USD");
    assert_eq!(report.months.len(), 13, "January 2024 to January 2025");
    let january = &report.months[0];
    let efs = january
        .lines
        .iter()
        .find(|l| {
            l.service == Service::Efs
                && l.place == "prod-primary-vault"
                && l.charge == Charge::Storage(StorageClass::Warm)
        })
        .unwrap();
    assert_eq!(efs.rate, Some(0.05));
    assert!(efs.quantity > 0.0);
    // EC2's and RDS's storage in us-east-1 and everything in eu-west-1 have no public price.
    for wanted in [
        ("us-east-1", "RDS", "warm storage per GB-month"),
        ("us-east-1", "EC2", "warm storage per GB-month"),
        ("eu-west-1", "EFS", "warm storage per GB-month"),
    ] {
        assert!(
            report.wanted.contains(&Wanted {
                region: wanted.0.into(),
                key: wanted.1,
                what: wanted.2
            }),
            "{wanted:?} in {:?}",
            report.wanted
        );
    }
    // Unknown prices add nothing: the total is what is priced.
    let priced: f64 = report
        .months
        .iter()
        .flat_map(|m| &m.lines)
        .filter_map(|l| l.cost())
        .sum();
    assert!((report.total() - priced).abs() < 1e-9);
    assert!(report.total() > 0.0);
}

#[test]
fn a_price_the_user_sets_is_used_and_no_longer_asked_for() {
    let simulation = year(|_| {});
    let before = simulation.cost(&prices());
    let mut mine = prices();
    mine.set(
        &PriceId {
            region: "eu-west-1".into(),
            what: "storage".into(),
            key: "EFS".into(),
            class: "warm".into(),
        },
        0.055,
    );
    let after = simulation.cost(&mine);
    assert!(after.total() > before.total());
    assert!(
        !after
            .wanted
            .iter()
            .any(|w| w.region == "eu-west-1" && w.key == "EFS")
    );
}

#[test]
fn the_dr_copies_are_transfers_paid_by_the_source_account_for_a_fully_managed_type() {
    let simulation = year(|_| {});
    let report = simulation.cost(&prices());
    let transfers: Vec<_> = report.months[0]
        .lines
        .iter()
        .filter(|l| l.charge == Charge::Transfer)
        .collect();
    let efs = transfers
        .iter()
        .find(|l| l.service == Service::Efs)
        .unwrap();
    assert_eq!(efs.region, "us-east-1 to eu-west-1");
    assert_eq!(efs.account, "111122223333");
    assert_eq!(efs.rate, Some(0.02));
    // Whoever pays follows AWS's feature table: the source account for a fully managed type,
    // the destination account otherwise.
    let ec2 = transfers
        .iter()
        .find(|l| l.service == Service::Ec2)
        .unwrap();
    let payer = if Service::Ec2.fully_managed() {
        "111122223333"
    } else {
        "444455556666"
    };
    assert_eq!(ec2.account, payer);
    let rds = transfers
        .iter()
        .find(|l| l.service == Service::Rds)
        .unwrap();
    assert_eq!(
        rds.account,
        if Service::Rds.fully_managed() {
            "111122223333"
        } else {
            "444455556666"
        }
    );
    assert_ne!(
        Service::Efs.fully_managed(),
        Service::Rds.fully_managed(),
        "one of each kind, so both payers are seen"
    );
}

#[test]
fn cold_storage_appears_once_points_move_and_is_billed_at_the_cold_price() {
    let simulation = year(|s| {
        s["Plans"][0]["Document"]["Rules"][1]["Lifecycle"] =
            json!({"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 1825});
    });
    let report = simulation.cost(&prices());
    let cold_months: Vec<_> = report
        .months
        .iter()
        .filter(|m| {
            m.lines.iter().any(|l| {
                l.service == Service::Efs && l.charge == Charge::Storage(StorageClass::Cold)
            })
        })
        .collect();
    assert!(!cold_months.is_empty());
    let line = cold_months[0]
        .lines
        .iter()
        .find(|l| l.service == Service::Efs && l.charge == Charge::Storage(StorageClass::Cold))
        .unwrap();
    assert_eq!(line.rate, Some(0.01));
    // The weekly points go cold 30 days after they are made: the first, of Sunday 21 January,
    // in February.
    assert_eq!(
        (cold_months[0].month.year, cold_months[0].month.month),
        (2024, 2)
    );
}

#[test]
fn warm_retention_under_a_week_is_flagged_with_its_vault() {
    let simulation = year(|s| {
        s["Plans"][0]["Document"]["Rules"][0]["Lifecycle"] = json!({"DeleteAfterDays": 3});
    });
    let report = simulation.cost(&prices());
    assert_eq!(
        report.short_warm_retention,
        vec!["prod-primary-vault".to_string()]
    );
}

#[test]
fn a_malformed_price_list_is_explained_where_it_is_wrong() {
    assert!(Prices::from_json("{").unwrap_err().contains("not JSON"));
    let err = Prices::from_json(
        r#"{"currency": "USD", "regions": {"us-east-1": {"storage_gb_month": {"EFS": {"warm": -1}}}}}"#,
    )
    .unwrap_err();
    assert_eq!(
        err,
        "/regions/us-east-1/storage_gb_month/EFS/warm is -1: write a price of 0 or more, or null when it is not known"
    );
}

#[test]
fn before_anything_is_stored_the_cost_is_zero_not_minus_zero() {
    let simulation = Simulation::new(&three_tier_with(|_| {})).unwrap();
    let report = simulation.cost(&prices());
    assert!(report.months.is_empty());
    assert_eq!(
        format!("{}", vaultsim_core::decimal::Fixed(report.total(), 2)),
        "0.00"
    );
}

#[test]
fn a_price_entry_that_is_not_an_object_or_a_negative_transfer_is_refused_not_used() {
    let err = Prices::from_json(
        r#"{"currency": "USD", "regions": {"us-east-1": {"storage_gb_month": {"EBS": 0.05}}}}"#,
    )
    .unwrap_err();
    assert!(
        err.starts_with("/regions/us-east-1/storage_gb_month/EBS is 0.05: write"),
        "{err}"
    );
    let err = Prices::from_json(
        r#"{"currency": "USD", "regions": {"us-east-1": {"cross_region_transfer_gb": {"value": -1}}}}"#,
    )
    .unwrap_err();
    assert!(
        err.starts_with("/regions/us-east-1/cross_region_transfer_gb is"),
        "{err}"
    );
}

#[test]
fn each_completed_restore_test_is_a_line_of_its_own_asked_for_until_a_price_is_given() {
    let mut simulation =
        Simulation::new(&vaultsim_core::scenario::Scenario::builtin("restore-testing").unwrap())
            .unwrap();
    simulation.run_until(t("2024-01-17T00:00:00Z"));
    let report = simulation.cost(&prices());
    let tests: f64 = report.months[0]
        .lines
        .iter()
        .filter(|l| l.charge == Charge::RestoreTest)
        .map(|l| l.quantity)
        .sum();
    // Two mornings, the database and the file system each.
    assert_eq!(tests, 4.0);
    // No public price: asked for once for the Region, whatever the type.
    let asked: Vec<_> = report
        .wanted
        .iter()
        .filter(|w| w.what == "restore testing per test")
        .collect();
    assert_eq!(asked.len(), 1, "{asked:?}");
    let mut mine = prices();
    let id = PriceId {
        region: "us-east-1".into(),
        what: "restore-test".into(),
        key: String::new(),
        class: String::new(),
    };
    mine.set(&id, 1.5);
    let priced = simulation.cost(&mine);
    let charged: f64 = priced.months[0]
        .lines
        .iter()
        .filter(|l| l.charge == Charge::RestoreTest)
        .filter_map(|l| l.cost())
        .sum();
    assert_eq!(charged, 6.0);
}
