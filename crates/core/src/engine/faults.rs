//! Faults a scenario injects: a job failure rate per resource type, one job's failure, a busy
//! resource, a Region outage, a resource's corruption. A model of what goes wrong, not AWS
//! behaviour: the messages say they are vaultsim's.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use crate::decimal::Fixed;
use crate::random::SeededRandom;
use crate::scenario::{FaultSpec, Scenario, Timestamp};
use crate::services::ResourceType;
use crate::world::World;

type Window = (DateTime<Utc>, DateTime<Utc>);

#[derive(Clone, Debug, Default)]
pub(super) struct Faults {
    failure_rates: HashMap<ResourceType, f64>,
    /// Each resource's next job to finish at or after the time fails.
    job_failures: Vec<(usize, DateTime<Utc>)>,
    busy: Vec<(usize, Window)>,
    outages: Vec<(String, Window)>,
    corruptions: Vec<(usize, DateTime<Utc>)>,
    corrupted: HashSet<usize>,
}

impl Faults {
    /// The scenario's faults (checked by [`Scenario::from_json`]: one that names nothing known
    /// is dropped here).
    pub fn new(scenario: &Scenario, world: &World) -> Faults {
        let time = Timestamp::time;
        let mut faults = Faults::default();
        for fault in &scenario.faults {
            match fault {
                FaultSpec::FailureRate {
                    resource_type,
                    probability,
                } => {
                    if let Some(t) = ResourceType::from_api_name(resource_type) {
                        faults.failure_rates.insert(t, probability.clamp(0.0, 1.0));
                    }
                }
                FaultSpec::JobFailure { resource_arn, at } => {
                    if let (Some(r), Some(at)) = (world.resource_by_arn(resource_arn), time(at)) {
                        faults.job_failures.push((r, at));
                    }
                }
                FaultSpec::ResourceBusy {
                    resource_arn,
                    from,
                    until,
                } => {
                    if let (Some(r), Some(from), Some(until)) =
                        (world.resource_by_arn(resource_arn), time(from), time(until))
                    {
                        faults.busy.push((r, (from, until)));
                    }
                }
                FaultSpec::RegionOutage {
                    region,
                    from,
                    until,
                } => {
                    if let (Some(from), Some(until)) = (time(from), time(until)) {
                        faults.outages.push((region.clone(), (from, until)));
                    }
                }
                FaultSpec::Corruption { resource_arn, at } => {
                    if let (Some(r), Some(at)) = (world.resource_by_arn(resource_arn), time(at)) {
                        faults.corruptions.push((r, at));
                    }
                }
            }
        }
        faults
    }

    /// When each resource becomes corrupted.
    pub fn corruptions(&self) -> Vec<(usize, DateTime<Utc>)> {
        self.corruptions.clone()
    }

    pub fn corrupt(&mut self, resource: usize) {
        self.corrupted.insert(resource);
    }

    pub fn is_corrupted(&self, resource: usize) -> bool {
        self.corrupted.contains(&resource)
    }

    /// When the resource was corrupted, if it was by `now`.
    pub fn corrupted_at(&self, resource: usize, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.corruptions
            .iter()
            .filter(|(r, at)| *r == resource && *at <= now)
            .map(|(_, at)| *at)
            .min()
    }

    pub fn busy(&self, resource: usize, now: DateTime<Utc>) -> bool {
        self.busy
            .iter()
            .any(|(r, (from, until))| *r == resource && (*from..*until).contains(&now))
    }

    pub fn outage(&self, region: &str, now: DateTime<Utc>) -> bool {
        self.outages
            .iter()
            .any(|(r, (from, until))| r == region && (*from..*until).contains(&now))
    }

    /// Whether a job of the resource finishing now fails, and its message. The generator is
    /// drawn only for types with a failure rate, so that adding a rate for one type leaves
    /// every other type's run as it was.
    pub fn fails(
        &mut self,
        resource: usize,
        resource_type: ResourceType,
        now: DateTime<Utc>,
        random: &mut SeededRandom,
    ) -> Option<String> {
        if let Some(i) = self
            .job_failures
            .iter()
            .position(|(r, at)| *r == resource && *at <= now)
        {
            self.job_failures.remove(i);
            return Some(
                "An internal error occurred while backing up the resource (a vaultsim fault: \
                 job failure)."
                    .to_string(),
            );
        }
        let rate = *self.failure_rates.get(&resource_type)?;
        (random.unit() < rate).then(|| {
            format!(
                "An internal error occurred while backing up the resource (a vaultsim fault: \
                 {resource_type} jobs fail {}% of the time).",
                Fixed(rate * 100.0, 0)
            )
        })
    }
}
