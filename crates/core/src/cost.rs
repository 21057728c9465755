//! What a run costs: the meter's measures (engine::metering) priced with a price list in
//! `pricing.json`'s form (data/reference/pricing.json; its rules in
//! data/reference/docs/pricing.md). Storage per vault, type and class as GB-months (the
//! average over the month), early deletion of cold points (the storage charge for the days left
//! of 90, pro-rated over the month: `GB × cold rate × days left / days in the month`), cross-Region
//! transfer (charged to the account the meter says pays), restores per GB by the class read.
//!
//! Prices are the user's: the built-in list is AWS's and third parties' public figures with
//! their sources and dates, and a price no source gives stays unknown: its line has no cost
//! and the report lists it as wanted, never a guess. A GB is 10^9 bytes, as scenario sizes are
//! given (a model choice: AWS's pages do not say).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::engine::Simulation;
use crate::engine::metering::Month;
use crate::services::Service;
use crate::world::StorageClass;

/// The built-in price list (natively; the page fetches it beside the wasm).
#[cfg(feature = "embedded-data")]
pub const BUILTIN_PRICES: &str = include_str!("../data/reference/pricing.json");

const GB: f64 = 1e9;

/// Where a price comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub name: String,
    pub url: String,
    pub date: Option<String>,
    pub evidence: String,
}

/// A price list in pricing.json's form.
#[derive(Clone, Debug, PartialEq)]
pub struct Prices {
    pub currency: String,
    document: Value,
}

/// The key pricing.json files a service's prices under.
pub fn price_key(service: Service) -> &'static str {
    match service {
        Service::Ec2 => "EC2",
        Service::Ebs => "EBS",
        Service::Efs => "EFS",
        Service::S3 => "S3",
        Service::Rds | Service::RdsMultiAzCluster => "RDS",
        Service::Aurora => "Aurora",
        Service::DynamoDb | Service::DynamoDbAdvanced => "DynamoDB",
        Service::DocumentDb => "DocumentDB",
        Service::Neptune => "Neptune",
        Service::FSx | Service::FSxOntap => "FSx",
        Service::Redshift => "Redshift",
        Service::Timestream => "Timestream",
        Service::SapHana => "SAPHANA",
        Service::StorageGateway => "StorageGateway",
        Service::VirtualMachine => "VMware",
        Service::CloudFormation => "CloudFormation",
        Service::Eks => "EKS",
    }
}

/// A price in a list: its Region, what it prices (`storage`, `restore` or `transfer`), the
/// type's key (`EFS`, `RDS`, …; empty for a transfer) and the class (`warm`, `cold`; empty for a
/// transfer).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PriceId {
    pub region: String,
    pub what: String,
    pub key: String,
    pub class: String,
}

impl PriceId {
    fn of(region: &str, what: &str, service: Option<Service>, class: &str) -> PriceId {
        PriceId {
            region: region.to_string(),
            what: what.to_string(),
            key: service.map_or("", price_key).to_string(),
            class: class.to_string(),
        }
    }

    /// How people read it: `us-east-1 RDS storage warm per GB-month`.
    pub fn label(&self) -> String {
        let unit = match self.what.as_str() {
            "storage" => "per GB-month",
            "restore-test" => "per test",
            _ => "per GB",
        };
        [
            self.region.as_str(),
            &self.key,
            &self.what,
            &self.class,
            unit,
        ]
        .iter()
        .filter(|part| !part.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
    }
}

fn class_key(class: StorageClass) -> &'static str {
    match class {
        StorageClass::Cold => "cold",
        _ => "warm",
    }
}

impl Prices {
    /// Reads a price list; what is wrong with it, said with where, when it is not one.
    pub fn from_json(text: &str) -> Result<Prices, String> {
        let document: Value =
            serde_json::from_str(text).map_err(|e| format!("the price list is not JSON: {e}"))?;
        let currency = document
            .get("currency")
            .and_then(Value::as_str)
            .ok_or("the price list has no \"currency\" (pricing.json's form: see data/reference/docs/pricing.md)")?
            .to_string();
        let regions = document
            .get("regions")
            .and_then(Value::as_object)
            .ok_or("the price list has no \"regions\" object")?;
        for (region, prices) in regions {
            if !prices.is_object() {
                return Err(format!("/regions/{region} is not an object"));
            }
            for section in ["storage_gb_month", "restore_gb"] {
                let Some(entries) = prices.get(section) else {
                    continue;
                };
                let entries = entries
                    .as_object()
                    .ok_or(format!("/regions/{region}/{section} is not an object"))?;
                for (key, rates) in entries {
                    if !rates.is_object() {
                        return Err(format!(
                            "/regions/{region}/{section}/{key} is {rates}: write {{\"warm\": PRICE, \"cold\": PRICE}}"
                        ));
                    }
                    for class in ["warm", "cold"] {
                        match rates.get(class) {
                            None | Some(Value::Null) => {}
                            Some(v) if v.as_f64().is_some_and(|p| p >= 0.0) => {}
                            Some(v) => {
                                return Err(format!(
                                    "/regions/{region}/{section}/{key}/{class} is {v}: write a price of 0 or more, or null when it is not known"
                                ));
                            }
                        }
                    }
                }
            }
            match prices.get("cross_region_transfer_gb") {
                None | Some(Value::Null) => {}
                Some(v)
                    if v.get("value")
                        .or(Some(v))
                        .and_then(Value::as_f64)
                        .is_some_and(|p| p >= 0.0) => {}
                Some(v) => {
                    return Err(format!(
                        "/regions/{region}/cross_region_transfer_gb is {v}: write {{\"value\": PRICE}} with a price of 0 or more, or null"
                    ));
                }
            }
        }
        Ok(Prices { currency, document })
    }

    fn region(&self, region: &str) -> Option<&Value> {
        self.document.get("regions")?.get(region)
    }

    /// The entry of a list that holds `id`'s price (and its `src`).
    fn entry(&self, id: &PriceId) -> Option<&Value> {
        let region = self.region(&id.region)?;
        match id.what.as_str() {
            "transfer" => region.get("cross_region_transfer_gb"),
            "restore-test" => region.get("restore_test_per_test"),
            "restore" => region.get("restore_gb")?.get(&id.key),
            _ => region.get("storage_gb_month")?.get(&id.key),
        }
    }

    /// The price `id` names; none when the list has none.
    pub fn price(&self, id: &PriceId) -> Option<f64> {
        let entry = self.entry(id)?;
        match id.what.as_str() {
            "transfer" | "restore-test" => entry
                .get("value")
                .and_then(Value::as_f64)
                .or(entry.as_f64()),
            _ => entry.get(&id.class)?.as_f64(),
        }
    }

    /// Where the list says `id`'s price comes from (its `src`).
    pub fn price_source(&self, id: &PriceId) -> Option<String> {
        self.entry(id)?
            .get("src")
            .and_then(Value::as_str)
            .map(str::to_string)
    }

    /// The sources of `region`'s prices.
    pub fn sources(&self, region: &str) -> Vec<Source> {
        let Some(sources) = self
            .region(region)
            .and_then(|r| r.get("sources"))
            .and_then(Value::as_object)
        else {
            return Vec::new();
        };
        sources
            .iter()
            .map(|(name, s)| Source {
                name: name.clone(),
                url: s
                    .get("url")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                date: s.get("date").and_then(Value::as_str).map(str::to_string),
                evidence: s
                    .get("evidence")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
            })
            .collect()
    }

    /// Sets a price (the page's and `--price`'s edits).
    pub fn set(&mut self, id: &PriceId, price: f64) {
        let region = &mut self.document["regions"][id.region.as_str()];
        match id.what.as_str() {
            "transfer" => {
                region["cross_region_transfer_gb"] =
                    serde_json::json!({"value": price, "src": "set by the user"})
            }
            "restore-test" => {
                region["restore_test_per_test"] =
                    serde_json::json!({"value": price, "src": "set by the user"})
            }
            "restore" => {
                region["restore_gb"][id.key.as_str()][id.class.as_str()] = serde_json::json!(price)
            }
            _ => {
                region["storage_gb_month"][id.key.as_str()][id.class.as_str()] =
                    serde_json::json!(price)
            }
        }
    }
}

/// What a line charges for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Charge {
    Storage(StorageClass),
    /// A cold point deleted before its 90 days.
    EarlyDeletion,
    Transfer,
    Restore(StorageClass),
    /// A restore test, charged per test on top of its restore (no public price: asked for).
    RestoreTest,
}

impl Charge {
    /// The price this charge uses for `service` in `region` (for a transfer, the Region the
    /// data leaves).
    pub fn price_id(self, region: &str, service: Service) -> PriceId {
        match self {
            Charge::Storage(class) => {
                PriceId::of(region, "storage", Some(service), class_key(class))
            }
            Charge::EarlyDeletion => PriceId::of(region, "storage", Some(service), "cold"),
            Charge::Transfer => PriceId::of(region, "transfer", None, ""),
            Charge::Restore(class) => {
                PriceId::of(region, "restore", Some(service), class_key(class))
            }
            Charge::RestoreTest => PriceId::of(region, "restore-test", None, ""),
        }
    }

    /// The price it wants, as a report asks for it.
    fn wanted(self) -> &'static str {
        match self {
            Charge::Storage(StorageClass::Cold) | Charge::EarlyDeletion => {
                "cold storage per GB-month"
            }
            Charge::Storage(_) => "warm storage per GB-month",
            Charge::Transfer => "cross-Region transfer per GB",
            Charge::Restore(StorageClass::Cold) => "restore from cold per GB",
            Charge::Restore(_) => "restore from warm per GB",
            Charge::RestoreTest => "restore testing per test",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Charge::Storage(StorageClass::Cold) => "cold storage",
            Charge::Storage(_) => "warm storage",
            Charge::EarlyDeletion => "cold early deletion",
            Charge::Transfer => "cross-Region transfer",
            Charge::Restore(StorageClass::Cold) => "restore from cold",
            Charge::Restore(_) => "restore from warm",
            Charge::RestoreTest => "restore testing",
        }
    }

    /// The unit its quantity is in.
    pub fn unit(self) -> &'static str {
        match self {
            Charge::Storage(_) | Charge::EarlyDeletion => "GB-month",
            Charge::RestoreTest => "tests",
            _ => "GB",
        }
    }
}

/// One line of a month's bill.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub region: String,
    /// The vault (storage, early deletion, restore) or the paying account (transfer).
    pub place: String,
    pub account: String,
    pub service: Service,
    pub charge: Charge,
    pub quantity: f64,
    /// The price it is charged at.
    pub price: PriceId,
    /// Unknown when the price list has none: the line is not in the total.
    pub rate: Option<f64>,
}

impl Line {
    pub fn cost(&self) -> Option<f64> {
        self.rate.map(|r| r * self.quantity)
    }
}

/// A month's bill.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthCost {
    pub month: Month,
    pub lines: Vec<Line>,
}

impl MonthCost {
    /// The sum of the priced lines.
    pub fn total(&self) -> f64 {
        // `+ 0.0`: an empty float sum is -0.0, which would print as "-0.00".
        self.lines.iter().filter_map(Line::cost).sum::<f64>() + 0.0
    }
}

/// A price the report needed and the list does not have.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Wanted {
    pub region: String,
    pub key: &'static str,
    pub what: &'static str,
}

/// What a run has cost, month by month.
#[derive(Clone, Debug, PartialEq)]
pub struct CostReport {
    pub currency: String,
    pub months: Vec<MonthCost>,
    pub wanted: BTreeSet<Wanted>,
    /// The vaults whose points are kept warm under a week: AWS advises at least one, as with a
    /// shorter retention each backup is full.
    pub short_warm_retention: Vec<String>,
}

impl CostReport {
    /// The sum of every month's priced lines.
    pub fn total(&self) -> f64 {
        self.months.iter().map(MonthCost::total).sum::<f64>() + 0.0
    }
}

pub use crate::engine::metering::WARM_MIN_RECOMMENDED_DAYS;

impl Simulation {
    /// What the run has cost up to now with `prices`.
    pub fn cost(&self, prices: &Prices) -> CostReport {
        let world = self.world();
        let meter = self.meter();
        let now = self.now();
        let mut months: BTreeMap<Month, Vec<Line>> = BTreeMap::new();
        let mut wanted = BTreeSet::new();
        // A line at its price, the price asked for when the list has none.
        let mut line = |region: &str,
                        priced_in: &str,
                        place: String,
                        account: &str,
                        service: Service,
                        charge: Charge,
                        quantity: f64| {
            let price = charge.price_id(priced_in, service);
            let rate = prices.price(&price);
            if rate.is_none() {
                // A transfer's and a restore test's price is the Region's, whatever the type.
                let key = match charge {
                    Charge::Transfer | Charge::RestoreTest => "",
                    _ => price_key(service),
                };
                wanted.insert(Wanted {
                    region: priced_in.to_string(),
                    key,
                    what: charge.wanted(),
                });
            }
            Line {
                region: region.to_string(),
                place,
                account: account.to_string(),
                service,
                charge,
                quantity,
                price,
                rate,
            }
        };
        for ((month, bucket), byte_seconds) in meter.usage(now) {
            let vault = &world.vaults[bucket.vault as usize];
            let gb_months = byte_seconds / month.seconds() as f64 / GB;
            months.entry(month).or_default().push(line(
                &vault.region,
                &vault.region,
                vault.name.clone(),
                &vault.account,
                bucket.service,
                Charge::Storage(bucket.class),
                gb_months,
            ));
        }
        for (&(month, bucket), byte_seconds_left) in &meter.early_deletions {
            let vault = &world.vaults[bucket.vault as usize];
            // GB × the days left, over the month's days: GB-months of cold storage.
            months.entry(month).or_default().push(line(
                &vault.region,
                &vault.region,
                vault.name.clone(),
                &vault.account,
                bucket.service,
                Charge::EarlyDeletion,
                byte_seconds_left / GB / month.seconds() as f64,
            ));
        }
        for (key, &bytes) in &meter.transfers {
            let (from, to) = (
                &world.vaults[key.from_vault as usize],
                &world.vaults[key.to_vault as usize],
            );
            // "For fully managed resources, the source account will see the data transfer
            // charges, and for non fully managed resources, the destination account."
            let payer = if key.service.fully_managed() {
                from
            } else {
                to
            };
            months.entry(key.month).or_default().push(line(
                &format!("{} to {}", from.region, to.region),
                &from.region,
                format!("paid by {}", payer.account),
                &payer.account,
                key.service,
                Charge::Transfer,
                bytes as f64 / GB,
            ));
        }
        for (key, &bytes) in &meter.restores {
            let vault = &world.vaults[key.vault as usize];
            months.entry(key.month).or_default().push(line(
                &vault.region,
                &vault.region,
                "restores".to_string(),
                &vault.account,
                key.service,
                Charge::Restore(key.class),
                bytes as f64 / GB,
            ));
        }
        for (&(month, service, vault), &tests) in &meter.restore_tests {
            let vault = &world.vaults[vault as usize];
            months.entry(month).or_default().push(line(
                &vault.region,
                &vault.region,
                "restore tests".to_string(),
                &vault.account,
                service,
                Charge::RestoreTest,
                tests as f64,
            ));
        }
        let mut months: Vec<MonthCost> = months
            .into_iter()
            .map(|(month, mut lines)| {
                lines.sort_by(|a, b| {
                    (&a.region, &a.place, &a.account, a.service, a.charge)
                        .cmp(&(&b.region, &b.place, &b.account, b.service, b.charge))
                });
                // Lines of the same place, type and charge (transfers, restores) are one line.
                let mut merged: Vec<Line> = Vec::new();
                for line in lines {
                    match merged.last_mut() {
                        Some(last)
                            if (
                                &last.region,
                                &last.place,
                                &last.account,
                                last.service,
                                last.charge,
                            ) == (
                                &line.region,
                                &line.place,
                                &line.account,
                                line.service,
                                line.charge,
                            ) =>
                        {
                            last.quantity += line.quantity;
                        }
                        _ => merged.push(line),
                    }
                }
                MonthCost {
                    month,
                    lines: merged,
                }
            })
            .collect();
        months.retain(|m| !m.lines.is_empty());
        let short = meter
            .short_warm_retention
            .iter()
            .map(|&v| world.vaults[v as usize].name.clone())
            .collect();
        CostReport {
            currency: prices.currency.clone(),
            months,
            wanted,
            short_warm_retention: short,
        }
    }
}
