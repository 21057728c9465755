//! Faults injected from the page at the cursor: a job that fails, a resource corrupted, a Region
//! down for a while. They are kept in the URL and added to the scenario's own faults.

use chrono::{DateTime, Duration, Utc};
use vaultsim_core::scenario::{FaultSpec, Timestamp};

use crate::format::time;

/// What a fault injected from the page does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FaultKind {
    /// The resource's next job to finish fails.
    JobFailure,
    /// The resource's data is corrupted from then on.
    Corruption,
    /// AWS Backup is down in the Region for `OUTAGE_HOURS`.
    Outage,
}

/// How long a Region outage injected from the page lasts.
pub(super) const OUTAGE_HOURS: i64 = 6;

/// A fault injected from the page at a moment, on a resource (its ARN) or a Region.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Failure {
    pub kind: FaultKind,
    pub subject: String,
    pub at: DateTime<Utc>,
}

impl Failure {
    /// The fault as the scenario document writes it.
    pub fn spec(&self) -> FaultSpec {
        let (subject, at) = (self.subject.clone(), Timestamp::from(self.at));
        match self.kind {
            FaultKind::JobFailure => FaultSpec::JobFailure {
                resource_arn: subject,
                at,
            },
            FaultKind::Corruption => FaultSpec::Corruption {
                resource_arn: subject,
                at,
            },
            FaultKind::Outage => FaultSpec::RegionOutage {
                region: subject,
                from: at,
                // A time from a hand-made link may be near chrono's end: the outage ends there.
                until: Timestamp::from(
                    self.at
                        .checked_add_signed(Duration::hours(OUTAGE_HOURS))
                        .unwrap_or(self.at),
                ),
            },
        }
    }

    /// What the fault does, in words, with the subject's name.
    pub fn describe(&self, name: &str) -> String {
        let at = time(self.at);
        match self.kind {
            FaultKind::Corruption => {
                format!("{name} corrupted at {at}: later recovery points carry it")
            }
            FaultKind::JobFailure => format!("the next job of {name} to finish after {at} fails"),
            FaultKind::Outage => {
                format!("AWS Backup down in {name} from {at} for {OUTAGE_HOURS} hours")
            }
        }
    }
}

/// In the URL, each kind's mark before the subject (a job failure has none).
fn mark(kind: FaultKind) -> &'static str {
    match kind {
        FaultKind::JobFailure => "",
        FaultKind::Corruption => "corrupt=",
        FaultKind::Outage => "outage=",
    }
}

/// Faults in the URL: `ARN@TIME` (a job failure), `corrupt=ARN@TIME` or `outage=REGION@TIME`,
/// joined by spaces.
pub(super) fn to_url(failures: &[Failure]) -> Option<String> {
    (!failures.is_empty()).then(|| {
        failures
            .iter()
            .map(|f| format!("{}{}@{}", mark(f.kind), f.subject, time(f.at)))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// The faults of a URL; a fault that cannot be read is left out.
pub(super) fn from_url(text: &str) -> Vec<Failure> {
    text.split_whitespace()
        .filter_map(|f| {
            let (subject, at) = f.rsplit_once('@')?;
            let (kind, subject) = [FaultKind::Corruption, FaultKind::Outage]
                .into_iter()
                .find_map(|k| subject.strip_prefix(mark(k)).map(|s| (k, s)))
                .unwrap_or((FaultKind::JobFailure, subject));
            Some(Failure {
                kind,
                subject: subject.to_string(),
                at: vaultsim_core::scenario::parse_time(at)?,
            })
        })
        .collect()
}
