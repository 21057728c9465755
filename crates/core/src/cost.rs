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

    /// The price per GB-month of `service`'s storage in `class` in `region`.
    pub fn storage(&self, region: &str, service: Service, class: StorageClass) -> Option<f64> {
        self.region(region)?
            .get("storage_gb_month")?
            .get(price_key(service))?
            .get(class_key(class))?
            .as_f64()
    }

    /// The price per GB of restoring `service` from `class` in `region`.
    pub fn restore(&self, region: &str, service: Service, class: StorageClass) -> Option<f64> {
        self.region(region)?
            .get("restore_gb")?
            .get(price_key(service))?
            .get(class_key(class))?
            .as_f64()
    }

    /// The price per GB of data transferred out of `region` to another Region.
    pub fn transfer(&self, region: &str) -> Option<f64> {
        let entry = self.region(region)?.get("cross_region_transfer_gb")?;
        entry
            .get("value")
            .and_then(Value::as_f64)
            .or(entry.as_f64())
    }

    /// Where the list says a price comes from (its `src`), for a `what` of `storage`,
    /// `restore` or `transfer` (`key` ignored for a transfer).
    pub fn price_source(&self, region: &str, what: &str, key: &str) -> Option<String> {
        let region = self.region(region)?;
        let entry = match what {
            "transfer" => region.get("cross_region_transfer_gb")?,
            "restore" => region.get("restore_gb")?.get(key)?,
            _ => region.get("storage_gb_month")?.get(key)?,
        };
        entry.get("src").and_then(Value::as_str).map(str::to_string)
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

    /// Sets a price (the page's and `--price`'s edits): `what` is `storage`, `restore` or
    /// `transfer`; `class` `warm` or `cold` (ignored for a transfer).
    pub fn set(&mut self, region: &str, what: &str, key: &str, class: &str, price: f64) {
        let regions = &mut self.document["regions"];
        let region = &mut regions[region];
        match what {
            "transfer" => {
                region["cross_region_transfer_gb"] =
                    serde_json::json!({"value": price, "src": "set by the user"})
            }
            "restore" => region["restore_gb"][key][class] = serde_json::json!(price),
            _ => region["storage_gb_month"][key][class] = serde_json::json!(price),
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
}

impl Charge {
    /// How a price list names the price this charge uses: `storage`, `restore` or `transfer`,
    /// and the class (`warm`, `cold`; empty for a transfer).
    pub fn price_name(self) -> (&'static str, &'static str) {
        match self {
            Charge::Storage(class) => ("storage", class_key(class)),
            Charge::EarlyDeletion => ("storage", "cold"),
            Charge::Transfer => ("transfer", ""),
            Charge::Restore(class) => ("restore", class_key(class)),
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
        }
    }

    /// The unit its quantity is in.
    pub fn unit(self) -> &'static str {
        match self {
            Charge::Storage(_) | Charge::EarlyDeletion => "GB-month",
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
        let mut want = |region: &str, service: Service, what: &'static str, rate: Option<f64>| {
            if rate.is_none() {
                wanted.insert(Wanted {
                    region: region.to_string(),
                    key: price_key(service),
                    what,
                });
            }
            rate
        };
        for ((month, bucket), byte_seconds) in meter.usage(now) {
            let vault = &world.vaults[bucket.vault as usize];
            let gb_months = byte_seconds / month.seconds() as f64 / GB;
            let what = match bucket.class {
                StorageClass::Cold => "cold storage per GB-month",
                _ => "warm storage per GB-month",
            };
            let rate = want(
                &vault.region,
                bucket.service,
                what,
                prices.storage(&vault.region, bucket.service, bucket.class),
            );
            months.entry(month).or_default().push(Line {
                region: vault.region.clone(),
                place: vault.name.clone(),
                account: vault.account.clone(),
                service: bucket.service,
                charge: Charge::Storage(bucket.class),
                quantity: gb_months,
                rate,
            });
        }
        for (&(month, bucket), byte_seconds_left) in &meter.early_deletions {
            let vault = &world.vaults[bucket.vault as usize];
            let rate = want(
                &vault.region,
                bucket.service,
                "cold storage per GB-month",
                prices.storage(&vault.region, bucket.service, StorageClass::Cold),
            );
            // GB × the days left, over the month's days: GB-months of cold storage.
            months.entry(month).or_default().push(Line {
                region: vault.region.clone(),
                place: vault.name.clone(),
                account: vault.account.clone(),
                service: bucket.service,
                charge: Charge::EarlyDeletion,
                quantity: byte_seconds_left / GB / month.seconds() as f64,
                rate,
            });
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
            let rate = want(
                &from.region,
                key.service,
                "cross-Region transfer per GB",
                prices.transfer(&from.region),
            );
            months.entry(key.month).or_default().push(Line {
                region: format!("{} to {}", from.region, to.region),
                place: format!("paid by {}", payer.account),
                account: payer.account.clone(),
                service: key.service,
                charge: Charge::Transfer,
                quantity: bytes as f64 / GB,
                rate,
            });
        }
        for (key, &bytes) in &meter.restores {
            let vault = &world.vaults[key.vault as usize];
            let what = match key.class {
                StorageClass::Cold => "restore from cold per GB",
                _ => "restore from warm per GB",
            };
            let rate = want(
                &vault.region,
                key.service,
                what,
                prices.restore(&vault.region, key.service, key.class),
            );
            months.entry(key.month).or_default().push(Line {
                region: vault.region.clone(),
                place: "restores".to_string(),
                account: vault.account.clone(),
                service: key.service,
                charge: Charge::Restore(key.class),
                quantity: bytes as f64 / GB,
                rate,
            });
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
