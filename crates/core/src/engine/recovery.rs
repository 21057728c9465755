//! Recovery objectives: for an incident (a resource's data corrupted, or a whole Region or
//! account lost, at a moment) every recovery point that could be restored and every one that
//! could not and why, the one to choose and why, the data lost (RPO: the incident's moment less
//! the chosen data's) and the time to have the resource back (RTO: the modelled restore, plus a
//! cut-over allowance the user sets for what follows it, such as pointing the application at the
//! restored endpoint).
//!
//! The assessment is of the simulation as it is now: an incident at the current moment (the CLI
//! runs the scenario to the incident's time first). A corruption's data loss starts at the
//! corruption, which may be earlier: every point made since then carries it.

use chrono::{DateTime, Duration, Utc};

use super::restore::{full_size, restorable_window};
use super::{Simulation, timing};
use crate::world::StorageClass;

/// What was lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lost {
    /// The resource's data, where it is: restore from any vault. Its corruption (a fault) dates
    /// the loss when there is one.
    Data,
    /// A whole Region: its vaults and their points cannot be restored from.
    Region(String),
    /// A whole account: its vaults and their points cannot be restored from.
    Account(String),
}

impl Lost {
    /// The case as a line about RPO names it: `in place`, `us-east-1 lost`, `account … lost`.
    pub fn case(&self) -> String {
        match self {
            Lost::Data => "in place".to_string(),
            Lost::Region(region) => format!("{region} lost"),
            Lost::Account(account) => format!("account {account} lost"),
        }
    }
}

/// An incident to recover `resource` from.
#[derive(Clone, Debug, PartialEq)]
pub struct Incident {
    /// Index of the resource in the world.
    pub resource: usize,
    pub lost: Lost,
    /// Time after the restore before the resource serves again (DNS, configuration, checks):
    /// the user's figure, not AWS's.
    pub cutover: Duration,
}

/// Why a recovery point cannot serve the incident.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unusable {
    /// Made after the resource was corrupted: restoring it restores the corruption.
    Corrupted,
    /// In a vault of the Region that was lost.
    InLostRegion,
    /// In a vault of the account that was lost.
    InLostAccount,
    /// A continuous backup whose restorable window does not reach back to before the loss.
    OutsideWindow,
}

impl Unusable {
    pub fn as_str(self) -> &'static str {
        match self {
            Unusable::Corrupted => "made after the corruption: it carries it",
            Unusable::InLostRegion => "its vault is in the lost Region",
            Unusable::InLostAccount => "its vault is in the lost account",
            Unusable::OutsideWindow => "its restorable window does not reach back before the loss",
        }
    }
}

/// A recovery point of the resource, and what it could give back.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub recovery_point: usize,
    /// The newest moment it restores the data to: a snapshot's creation (a copy's is its
    /// source's); for a continuous backup the latest second of its window before the loss.
    pub data: DateTime<Utc>,
    pub unusable: Option<Unusable>,
}

/// What recovering from an incident costs now.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    pub incident: Incident,
    /// The moment the data was lost: the resource's corruption, or now.
    pub loss: DateTime<Utc>,
    /// Every recovery point of the resource not deleted and complete, newest data first.
    pub candidates: Vec<Candidate>,
    /// The chosen one, an index into `candidates`.
    pub chosen: Option<usize>,
    /// Why it was chosen, or why nothing could be.
    pub why: String,
    /// Data lost: from the chosen point's data to the loss.
    pub rpo: Option<Duration>,
    /// The modelled restore of the chosen point: the waits before it runs and its duration.
    pub restore: Option<Duration>,
    /// `restore` plus the incident's cut-over allowance.
    pub rto: Option<Duration>,
}

impl Assessment {
    /// The chosen recovery point and the moment its data is from.
    pub fn chosen_point(&self) -> Option<(usize, DateTime<Utc>)> {
        self.chosen
            .map(|at| (self.candidates[at].recovery_point, self.candidates[at].data))
    }
}

impl Simulation {
    /// What recovering `resource` in place would cost now: its data lost at its corruption (or
    /// now), restored from any vault, with no cut-over allowance.
    pub fn recovery_objectives(&self, resource: usize) -> Assessment {
        self.assess(&Incident {
            resource,
            lost: Lost::Data,
            cutover: Duration::zero(),
        })
    }

    /// The incident `incident` assessed at the current moment.
    pub fn assess(&self, incident: &Incident) -> Assessment {
        let now = self.now;
        let world = &self.world;
        let resource = &world.resources[incident.resource];
        let loss = match incident.lost {
            Lost::Data => self
                .faults
                .corrupted_at(incident.resource, now)
                .unwrap_or(now),
            _ => now,
        };
        // The resource's own points (kept per resource: a fleet has millions in all).
        let mut candidates: Vec<Candidate> = world
            .recovery_points
            .of_resource(incident.resource)
            .filter(|(_, rp)| !rp.is_deleted() && rp.completion() <= now)
            .map(|(i, _)| {
                let (data, unusable) = self.restorable(i, &incident.lost, loss);
                Candidate {
                    recovery_point: i,
                    data,
                    unusable,
                }
            })
            .collect();
        // Newest data first; among equal data, a point in the resource's own Region and
        // account (no cross-Region or cross-account restore), then a warm one, then the first
        // made.
        let rank = |c: &Candidate| {
            let rp = &world.recovery_points[c.recovery_point];
            let vault = &world.vaults[rp.vault as usize];
            let far = vault.region != resource.region || vault.account != resource.account;
            (
                std::cmp::Reverse(c.data),
                far,
                rp.storage_class == StorageClass::Cold,
                c.recovery_point,
            )
        };
        candidates.sort_by_key(rank);
        let chosen = candidates.iter().position(|c| c.unusable.is_none());
        let why = match chosen {
            None if candidates.is_empty() => {
                "no recovery point of this resource exists yet".to_string()
            }
            None => format!(
                "none of its {} recovery points can be restored",
                candidates.len()
            ),
            Some(at) => {
                let c = &candidates[at];
                let rp = &world.recovery_points[c.recovery_point];
                let vault = &world.vaults[rp.vault as usize];
                let kind = if rp.continuous {
                    "continuous backup restored to the latest moment before the loss"
                } else if rp.copied_from.is_some() {
                    "copy"
                } else {
                    "backup"
                };
                let mut why = format!(
                    "the newest usable data: a {kind} in {} ({}, {})",
                    vault.name, vault.account, vault.region
                );
                // The points ranked before it: each has data as new or newer, and none serves.
                let mut reasons: Vec<&str> = candidates[..at]
                    .iter()
                    .filter_map(|c| c.unusable.map(Unusable::as_str))
                    .collect();
                reasons.sort_unstable();
                reasons.dedup();
                if at > 0 {
                    why.push_str(&format!(
                        "; {at} point{} with data as new or newer cannot serve ({})",
                        if at == 1 { "" } else { "s" },
                        reasons.join("; ")
                    ));
                }
                why
            }
        };
        let restore = chosen.map(|_| {
            // A restore writes the whole resource, whatever its point's incremental size.
            timing::expected_restore_time(resource.resource_type, full_size(resource))
        });
        let rpo = chosen.map(|at| loss - candidates[at].data);
        Assessment {
            incident: incident.clone(),
            loss,
            rto: restore.map(|r| r + incident.cutover),
            restore,
            rpo,
            chosen,
            why,
            candidates,
        }
    }
}

/// One resource's RPO followed through time for one kind of loss: what an incident at any
/// moment would lose, from the recovery points that exist at that moment (a failed or expired
/// job leaves a longer gap; a deleted point shortens what is left). Between two changes to the
/// resource's points the RPO grows by the time passed, so following it at each change is exact.
#[derive(Clone, Debug)]
pub(super) struct Watch {
    lost: Lost,
    since: DateTime<Utc>,
    /// When the newest restorable data last changed, and what it was then.
    last: DateTime<Utc>,
    newest: Newest,
    worst: Option<(Duration, DateTime<Utc>)>,
    /// The RPO summed over the time something could be restored, in seconds²: its mean is
    /// this over `covered`.
    area: f64,
    covered: Duration,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Newest {
    Nothing,
    Snapshot(DateTime<Utc>),
    /// A continuous backup restores up to this lag before the moment.
    Continuous(Duration),
}

/// A resource's RPO over a period, for one kind of loss.
#[derive(Clone, Debug, PartialEq)]
pub struct RpoOverTime {
    pub resource: usize,
    pub lost: Lost,
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
    /// The largest RPO while something could be restored, and the moment it was reached (just
    /// before a new point arrived, or the period's end).
    pub worst: Option<(Duration, DateTime<Utc>)>,
    /// The RPO averaged over the time something could be restored: what an incident at a
    /// random moment of the period loses on average.
    pub mean: Option<Duration>,
    /// How long nothing could be restored (before the first backup, or after all were lost).
    pub uncovered: Duration,
}

impl Watch {
    /// Accounts for the time from the last change to `to`, with the newest data unchanged.
    fn account(&mut self, to: DateTime<Utc>) {
        let (from, span) = (self.last, to - self.last);
        if span <= Duration::zero() {
            return;
        }
        let (start, end) = match self.newest {
            Newest::Nothing => return,
            Newest::Snapshot(data) => (from - data, to - data),
            Newest::Continuous(lag) => (lag, lag),
        };
        if self.worst.is_none_or(|(worst, _)| end > worst) {
            self.worst = Some((end, to));
        }
        let (a, b) = (start.num_seconds() as f64, end.num_seconds() as f64);
        self.area += (a + b) / 2.0 * span.num_seconds() as f64;
        self.covered += span;
    }

    fn over(&self, resource: usize, now: DateTime<Utc>) -> RpoOverTime {
        let mut closed = self.clone();
        closed.account(now);
        closed.last = now;
        let covered = closed.covered.num_seconds();
        RpoOverTime {
            resource,
            lost: closed.lost.clone(),
            since: closed.since,
            until: now,
            worst: closed.worst,
            mean: (covered > 0)
                .then(|| Duration::seconds((closed.area / covered as f64).round() as i64)),
            uncovered: (now - closed.since) - closed.covered,
        }
    }
}

impl Simulation {
    /// Follows `resource`'s RPO for `lost` from now on ([`Simulation::rpo_over_time`] reads it).
    pub fn watch_rpo(&mut self, resource: usize, lost: Lost) {
        let newest = self.newest_restorable(resource, &lost);
        let now = self.now;
        self.rpo_watches.entry(resource).or_default().push(Watch {
            lost,
            since: now,
            last: now,
            newest,
            worst: None,
            area: 0.0,
            covered: Duration::zero(),
        });
    }

    /// Follows every resource's RPO from now on, restored in place and with its own Region
    /// lost: what `vaultsim simulate --rpo` prints and the page's chart draws.
    pub fn watch_every_rpo(&mut self) {
        for resource in 0..self.world.resources.len() {
            let region = self.world.resources[resource].region.clone();
            self.watch_rpo(resource, Lost::Data);
            self.watch_rpo(resource, Lost::Region(region));
        }
    }

    /// Every watched resource's RPO from when it was first watched to now, in the order
    /// watched per resource, resources in index order.
    pub fn rpo_over_time(&self) -> Vec<RpoOverTime> {
        self.rpo_watches
            .iter()
            .flat_map(|(&resource, watches)| {
                watches.iter().map(move |w| w.over(resource, self.now))
            })
            .collect()
    }

    /// A recovery point of `resource` was made or deleted: its watches account for the time
    /// until now with what was restorable before, then read what is restorable now.
    pub(super) fn rpo_points_changed(&mut self, resource: usize) {
        let Some(mut watches) = self.rpo_watches.remove(&resource) else {
            return;
        };
        for watch in &mut watches {
            watch.account(self.now);
            watch.last = self.now;
            watch.newest = self.newest_restorable(resource, &watch.lost);
        }
        self.rpo_watches.insert(resource, watches);
    }

    /// What recovery point `i` gives back for `lost` lost with the data good until `loss`:
    /// the newest moment it restores to (a snapshot's data; a continuous backup's latest second
    /// before the loss, within its window), and why it cannot serve, if it cannot.
    fn restorable(
        &self,
        i: usize,
        lost: &Lost,
        loss: DateTime<Utc>,
    ) -> (DateTime<Utc>, Option<Unusable>) {
        let world = &self.world;
        let rp = &world.recovery_points[i];
        let vault = &world.vaults[rp.vault as usize];
        let (data, outside) = if rp.continuous {
            let resource_type = world.resources[rp.resource as usize].resource_type;
            let (from, to) = restorable_window(
                resource_type,
                rp.creation,
                rp.lifecycle.retention_days(),
                self.now,
            );
            let latest = to.min(loss);
            (latest.max(from), latest < from)
        } else {
            (world.data_time(i), false)
        };
        // A point made after a corruption carries it, whatever else was lost.
        let unusable = match lost {
            Lost::Region(region) if vault.region == *region => Some(Unusable::InLostRegion),
            Lost::Account(account) if vault.account == *account => Some(Unusable::InLostAccount),
            _ if outside => Some(Unusable::OutsideWindow),
            _ if !rp.continuous && (rp.corrupted || data > loss) => Some(Unusable::Corrupted),
            _ => None,
        };
        (data, unusable)
    }

    /// The newest data of `resource` an incident now could restore, with `lost` lost: as an
    /// assessment reads each point, the data good until the resource's corruption (or now).
    fn newest_restorable(&self, resource: usize, lost: &Lost) -> Newest {
        let corrupted = self.faults.corrupted_at(resource, self.now);
        let loss = corrupted.unwrap_or(self.now);
        let mut newest = Newest::Nothing;
        for (i, rp) in self.world.recovery_points.of_resource(resource) {
            if rp.completion() > self.now {
                continue;
            }
            let (data, unusable) = self.restorable(i, lost, loss);
            if unusable.is_some() {
                continue;
            }
            if rp.continuous && corrupted.is_none() {
                // It follows time: restorable up to its lag before any moment.
                let resource_type = self.world.resources[resource].resource_type;
                let lag = Duration::minutes(resource_type.continuous_restore_lag_minutes());
                return Newest::Continuous(lag);
            }
            if !matches!(newest, Newest::Snapshot(d) if d >= data) {
                newest = Newest::Snapshot(data);
            }
        }
        newest
    }
}
