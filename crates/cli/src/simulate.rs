//! `vaultsim simulate`: run a scenario through simulated time and print what AWS Backup did.
//!
//! Other tools read this output, so its form is fixed: with `--format ndjson` one EventBridge
//! event a line, in time order; with `--format summary` counts of jobs by type and state and of
//! recovery points by vault and storage class, then the events processed, the wall time and
//! events per second, ending with one machine-readable line `events=N jobs=N wall_ms=N`; the
//! sections asked for (`--incident`, `--rpo`, `--cost`, `--audit`) follow it.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use vaultsim_core::audit_manager::{
    Compliance, Control, DailyEvaluation, Framework, SCHEDULE_ASSUMPTION, SCOPE_ASSUMPTION, Scope,
};
use vaultsim_core::cost::{PriceId, Prices, WARM_MIN_RECOMMENDED_DAYS, price_key};
use vaultsim_core::decimal::Fixed;
use vaultsim_core::document::LineIndex;
use vaultsim_core::engine::{
    Assessment, BackupJobState, CopyJobState, Decision, Incident, Lost, Simulation,
};
use vaultsim_core::events::EventPattern;
use vaultsim_core::scenario::Scenario;
use vaultsim_core::time_text::span;
use vaultsim_core::world::StorageClass;

use crate::scenario_source::{self, Choice, Started};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Ndjson,
    Summary,
}

/// Run a scenario through simulated time and print what AWS Backup did
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  vaultsim simulate --builtin three-tier-web-app --for 2d\n  \
vaultsim simulate scenario.json --until 2024-03-01T00:00:00Z --format ndjson\n  \
vaultsim simulate --builtin three-tier-web-app --for 2d --incident app-db@2024-01-16T09:00:00Z --lose-region us-east-1"
)]
pub struct Args {
    #[command(flatten)]
    choice: Choice,

    /// Simulate until this time (RFC 3339)
    #[arg(long, value_name = "RFC3339", value_parser = parse_time, conflicts_with = "for_")]
    until: Option<DateTime<Utc>>,

    /// Simulate for this long after the scenario's start: 90m, 12h, 2d, 2w, 1y [default: 1d]
    #[arg(long = "for", id = "for_", value_name = "DURATION", value_parser = parse_duration)]
    for_: Option<Duration>,

    /// What to print
    #[arg(long, value_enum, default_value_t = Format::Summary)]
    format: Format,

    /// Only events an EventBridge event pattern matches (JSON, or @FILE): with ndjson, print
    /// those; with the summary, count them
    #[arg(long, value_name = "PATTERN")]
    pattern: Option<String>,

    /// An incident to recover from: a resource (its ARN or name) whose data is lost at a time
    /// (RFC 3339, within the run): the recovery points that could serve, the one to choose and
    /// why, RPO and RTO, printed with the summary
    #[arg(long, value_name = "RESOURCE@TIME", value_parser = parse_incident)]
    incident: Option<(String, DateTime<Utc>)>,

    /// With --incident: the whole Region is lost, its vaults with it
    #[arg(
        long,
        value_name = "REGION",
        requires = "incident",
        conflicts_with = "lose_account"
    )]
    lose_region: Option<String>,

    /// With --incident: the whole account is lost, its vaults with it
    #[arg(long, value_name = "ACCOUNT", requires = "incident")]
    lose_account: Option<String>,

    /// Follow every resource's RPO through the run, for a restore in place and for its Region
    /// lost: the worst and the mean an incident at any moment would lose, printed with the
    /// summary
    #[arg(long)]
    rpo: bool,

    /// Print what the run cost, month by month: storage (GB-months per vault, type and class),
    /// early deletion of cold points, cross-Region transfer and who pays it, restores
    #[arg(long)]
    cost: bool,

    /// With --cost: a price list in pricing.json's form [default: the built-in list, public
    /// figures with their sources and dates]
    #[arg(long, value_name = "FILE", requires = "cost")]
    prices: Option<String>,

    /// With --cost: set one price: storage/REGION/TYPE/warm=0.05, storage/REGION/TYPE/cold=0.01,
    /// restore/REGION/TYPE/warm=0.02, transfer/REGION=0.02, restore-test/REGION=1.5 (TYPE as pricing.json names it: EFS,
    /// EBS, EC2, RDS, Aurora, DynamoDB, S3, …); repeat it for more
    #[arg(long, value_name = "WHAT=PRICE", requires = "cost", value_parser = parse_price)]
    price: Vec<PriceEdit>,

    /// Evaluate Backup Audit Manager's controls every simulated 24 hours, as AWS does, and print
    /// the last evaluation per control (each non-compliant resource and why) and each day's
    /// counts
    #[arg(long)]
    audit: bool,

    /// With --audit: the framework, in CreateFramework's JSON shape (FrameworkName,
    /// FrameworkControls) [default: all eleven controls at their defaults]
    #[arg(long, value_name = "FILE", requires = "audit")]
    framework: Option<String>,

    /// With --incident: the time after the restore before the resource serves again (DNS,
    /// configuration, checks), added to the RTO: 15m, 1h [default: none]
    #[arg(long, value_name = "DURATION", requires = "incident", value_parser = parse_cutover)]
    cutover: Option<Duration>,
}

/// One price set on the command line.
#[derive(Clone, Debug)]
pub struct PriceEdit {
    id: PriceId,
    price: f64,
}

pub(crate) fn parse_price(text: &str) -> Result<PriceEdit, String> {
    let help = "write storage/REGION/TYPE/warm=PRICE (or cold), restore/REGION/TYPE/warm=PRICE, transfer/REGION=PRICE, or restore-test/REGION=PRICE";
    let (path, price) = text
        .split_once('=')
        .ok_or_else(|| format!("{text:?}: {help}"))?;
    let price: f64 = price
        .trim()
        .parse()
        .ok()
        .filter(|p: &f64| p.is_finite() && *p >= 0.0)
        .ok_or_else(|| format!("{text:?}: the price must be a number of 0 or more"))?;
    let parts: Vec<&str> = path.split('/').collect();
    let edit = |what: &str, region: &str, key: &str, class: &str| PriceEdit {
        id: PriceId {
            region: region.to_string(),
            what: what.to_string(),
            key: key.to_string(),
            class: class.to_string(),
        },
        price,
    };
    match parts.as_slice() {
        [
            what @ ("storage" | "restore"),
            region,
            key,
            class @ ("warm" | "cold"),
        ] if !region.is_empty() && !key.is_empty() => Ok(edit(what, region, key, class)),
        [what @ ("transfer" | "restore-test"), region] if !region.is_empty() => {
            Ok(edit(what, region, "", ""))
        }
        _ => Err(format!("{text:?}: {help}")),
    }
}

/// The price list in `file` (the built-in one without), with `edits` made; or the exit status,
/// what was wrong having been written to `err`.
pub(crate) fn load_prices(
    file: Option<&str>,
    edits: &[PriceEdit],
    read: &mut dyn FnMut(&str) -> io::Result<String>,
    err: &mut impl Write,
) -> io::Result<Result<Prices, ExitCode>> {
    let text = match file {
        Some(file) => match read(file) {
            Ok(text) => text,
            Err(e) => {
                writeln!(err, "error: cannot read {file}: {e}")?;
                return Ok(Err(ExitCode::from(2)));
            }
        },
        None => vaultsim_core::cost::BUILTIN_PRICES.to_string(),
    };
    match Prices::from_json(&text) {
        Ok(mut prices) => {
            for e in edits {
                prices.set(&e.id, e.price);
            }
            Ok(Ok(prices))
        }
        Err(why) => {
            writeln!(
                err,
                "error: {}: {why}",
                file.unwrap_or("the built-in price list")
            )?;
            Ok(Err(ExitCode::from(1)))
        }
    }
}

/// The framework in `file` (all eleven controls at their defaults without); or the exit status,
/// what was wrong having been written to `err`: 2 when the file cannot be read, 1 when it is
/// not a framework.
fn load_framework(
    file: Option<&str>,
    read: &mut dyn FnMut(&str) -> io::Result<String>,
    err: &mut impl Write,
) -> io::Result<Result<Framework, ExitCode>> {
    let Some(file) = file else {
        return Ok(Ok(Framework::all_controls()));
    };
    let text = match read(file) {
        Ok(text) => text,
        Err(e) => {
            writeln!(err, "error: cannot read {file}: {e}")?;
            return Ok(Err(ExitCode::from(2)));
        }
    };
    match Framework::from_json(&text) {
        Ok(framework) => Ok(Ok(framework)),
        Err(errors) => {
            for e in errors {
                writeln!(err, "error: {file}: {e}")?;
            }
            Ok(Err(ExitCode::from(1)))
        }
    }
}

/// `RESOURCE@TIME`: the resource is everything before the last `@` (an ARN has none).
fn parse_incident(text: &str) -> Result<(String, DateTime<Utc>), String> {
    let (resource, time) = text.rsplit_once('@').ok_or_else(|| {
        format!("{text:?}: write RESOURCE@TIME, such as app-db@2024-01-16T09:00:00Z")
    })?;
    if resource.is_empty() {
        return Err(format!("{text:?}: name the resource before the @"));
    }
    Ok((resource.to_string(), parse_time(time)?))
}

/// A duration as `--for` reads it, or zero (`0`, `0m`).
fn parse_cutover(text: &str) -> Result<Duration, String> {
    if text.trim_end_matches(|c: char| c.is_ascii_alphabetic()) == "0" {
        return Ok(Duration::zero());
    }
    parse_duration(text)
}

pub(crate) fn parse_time(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("{e}; write a time such as 2024-01-15T00:00:00Z"))
}

/// `90m`, `12h`, `2d`, `2w`, `1y` (365 days), or several together: `1d12h`.
pub(crate) fn parse_duration(text: &str) -> Result<Duration, String> {
    let help = "write a duration such as 90m, 12h, 2d, 2w or 1y";
    let mut total = Duration::zero();
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let n: i64 = number.parse().map_err(|_| format!("{text:?}: {help}"))?;
        number.clear();
        let part = match c {
            's' => Duration::try_seconds(n),
            'm' => Duration::try_minutes(n),
            'h' => Duration::try_hours(n),
            'd' => Duration::try_days(n),
            'w' => Duration::try_weeks(n),
            'y' => n.checked_mul(365).and_then(Duration::try_days),
            _ => return Err(format!("{text:?}: unknown unit {c:?}; {help}")),
        };
        total = part
            .and_then(|p| total.checked_add(&p))
            .filter(|t| *t <= Duration::days(365 * 10_000))
            .ok_or_else(|| format!("{text:?} is too long: at most 10000y"))?;
    }
    if !number.is_empty() || total <= Duration::zero() {
        return Err(format!("{text:?}: {help}"));
    }
    Ok(total)
}

pub fn run(
    args: &Args,
    read: &mut dyn FnMut(&str) -> io::Result<String>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<ExitCode> {
    let Started {
        scenario,
        origin,
        mut simulation,
    } = match scenario_source::start(
        args.choice.builtin.as_deref(),
        args.choice.scenario.as_deref(),
        None,
        read,
        err,
    )? {
        Ok(started) => started,
        Err(status) => return Ok(status),
    };
    let start = scenario.start();
    let until = args
        .until
        .unwrap_or_else(|| start + args.for_.unwrap_or_else(|| Duration::days(1)));
    // (`--for` is at most 10,000 years, and a scenario starts in a year with four digits.)
    // Run a day at a time and hand each day's events on (printed, or only counted), so that
    // a long run keeps no more than a day of events in memory.
    let pattern = match &args.pattern {
        None => None,
        Some(given) => {
            let (text, origin) = match given.strip_prefix('@') {
                Some(file) => match read(file) {
                    Ok(text) => (text, file.to_string()),
                    Err(e) => {
                        writeln!(err, "error: cannot read {file}: {e}")?;
                        return Ok(ExitCode::from(2));
                    }
                },
                None => (given.clone(), "--pattern".to_string()),
            };
            match EventPattern::parse(&text) {
                Ok(p) => Some(p),
                Err(diagnostics) => {
                    let lines = LineIndex::new(&text);
                    for d in diagnostics {
                        write!(err, "{}", d.render_in(&origin, &lines))?;
                    }
                    return Ok(ExitCode::from(1));
                }
            }
        }
    };
    let incident = match &args.incident {
        None => None,
        Some((name, at)) => {
            let world = simulation.world();
            let Some(resource) = world
                .resources
                .iter()
                .position(|r| r.arn == *name || r.name == *name || r.short_name() == name)
            else {
                let names: Vec<&str> = world.resources.iter().map(|r| r.short_name()).collect();
                writeln!(
                    err,
                    "error: --incident: the scenario has no resource {name:?}; its resources: {}",
                    names.join(", ")
                )?;
                return Ok(ExitCode::from(2));
            };
            if *at < start || *at > until {
                writeln!(
                    err,
                    "error: --incident: {} is outside the run ({} to {}): move it, or the run's end with --until or --for",
                    at.to_rfc3339_opts(SecondsFormat::Secs, true),
                    start.to_rfc3339_opts(SecondsFormat::Secs, true),
                    until.to_rfc3339_opts(SecondsFormat::Secs, true)
                )?;
                return Ok(ExitCode::from(2));
            }
            let lost = match (&args.lose_region, &args.lose_account) {
                (Some(region), _) => Lost::Region(region.clone()),
                (_, Some(account)) => Lost::Account(account.clone()),
                _ => Lost::Data,
            };
            Some((
                *at,
                Incident {
                    resource,
                    lost,
                    cutover: args.cutover.unwrap_or_else(Duration::zero),
                },
            ))
        }
    };
    if args.rpo {
        simulation.watch_every_rpo();
    }
    let prices = if args.cost {
        match load_prices(args.prices.as_deref(), &args.price, read, err)? {
            Ok(prices) => Some(prices),
            Err(status) => return Ok(status),
        }
    } else {
        None
    };
    let mut audit = if args.audit {
        match load_framework(args.framework.as_deref(), read, err)? {
            Ok(framework) => Some(DailyEvaluation::new(framework, &simulation)),
            Err(status) => return Ok(status),
        }
    } else {
        None
    };
    let mut assessed = None;
    let clock = Instant::now();
    let mut day = start;
    let mut matched = 0u64;
    while day < until {
        day = (day + Duration::days(1)).min(until);
        // The incident is assessed, and written out, as the world is at its moment: later
        // its points may be gone (and their records let go).
        if let Some((at, incident)) = incident.as_ref().filter(|(at, _)| *at <= day)
            && assessed.is_none()
        {
            simulation.run_until(*at);
            let mut text = Vec::new();
            print_assessment(&simulation, *at, &simulation.assess(incident), &mut text)?;
            assessed = Some(text);
        }
        simulation.run_until(day);
        if let Some(audit) = &mut audit {
            audit.observe(&simulation);
        }
        let events = simulation.take_events();
        let printing = args.format == Format::Ndjson;
        if !printing && pattern.is_none() {
            continue;
        }
        for event in &events {
            let json = simulation.event_json(event);
            if pattern.as_ref().is_some_and(|p| !p.matches(&json)) {
                continue;
            }
            matched += 1;
            if printing {
                writeln!(out, "{json}")?;
            }
        }
    }
    let wall = clock.elapsed();
    if args.format == Format::Summary {
        if pattern.is_some() {
            writeln!(out, "events matching the pattern: {matched}")?;
        }
        summary(&simulation, &origin, &scenario, until, wall, out)?;
        if let Some(text) = &assessed {
            out.write_all(text)?;
        }
        if args.rpo {
            print_rpo_over_time(&simulation, out)?;
        }
        if let Some(prices) = &prices {
            let origin = args.prices.as_deref().unwrap_or("built-in");
            print_cost(&simulation, prices, origin, out)?;
        }
        if let Some(audit) = &audit {
            let origin = args.framework.as_deref().unwrap_or("built-in");
            print_audit(audit, origin, out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn summary(
    simulation: &Simulation,
    origin: &str,
    scenario: &Scenario,
    until: DateTime<Utc>,
    wall: std::time::Duration,
    out: &mut impl Write,
) -> io::Result<()> {
    let time = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    writeln!(
        out,
        "scenario {origin}: {} to {}, seed {}",
        time(scenario.start()),
        time(until),
        scenario.seed
    )?;
    let counts = simulation.job_counts();
    let counted = |states: &mut dyn Iterator<Item = (&'static str, u64)>| {
        let parts: Vec<(&str, u64)> = states.filter(|(_, n)| *n > 0).collect();
        let total: u64 = parts.iter().map(|(_, n)| n).sum();
        let mut parts: Vec<String> = parts.iter().map(|(s, n)| format!("{s} {n}")).collect();
        parts.sort();
        if parts.is_empty() {
            format!("{total}")
        } else {
            format!("{total} ({})", parts.join(", "))
        }
    };
    writeln!(
        out,
        "backup jobs: {}",
        counted(&mut counts.backup.iter().map(|(s, n)| (s.as_str(), n)))
    )?;
    writeln!(
        out,
        "copy jobs: {}",
        counted(&mut counts.copy.iter().map(|(s, n)| (s.as_str(), n)))
    )?;
    if counts.restore.total() > 0 {
        writeln!(
            out,
            "restore jobs: {}",
            counted(&mut counts.restore.iter().map(|(s, n)| (s.as_str(), n)))
        )?;
    }
    writeln!(out, "recovery points:")?;
    let world = simulation.world();
    let mut classes = vec![[0u64; 3]; world.vaults.len()];
    for rp in &world.recovery_points {
        let class = match rp.storage_class {
            StorageClass::Warm => 0,
            StorageClass::Cold => 1,
            StorageClass::Deleted => continue,
        };
        classes[rp.vault as usize][class] += 1;
    }
    for (vault, n) in world.vaults.iter().zip(&classes) {
        let mut parts = [
            (StorageClass::Warm.as_str(), n[0]),
            (StorageClass::Cold.as_str(), n[1]),
        ]
        .into_iter();
        writeln!(
            out,
            "  {} ({}, {}): {}",
            vault.name,
            vault.account,
            vault.region,
            counted(&mut parts)
        )?;
    }
    why_jobs_did_not_complete(simulation, out)?;
    restores_and_objectives(simulation, out)?;
    let audit = simulation.audit_trail();
    if !audit.is_empty() {
        let allowed = audit.iter().filter(|a| a.allowed()).count();
        writeln!(
            out,
            "audit trail: {} {} ({allowed} allowed, {} denied)",
            audit.len(),
            if audit.len() == 1 { "entry" } else { "entries" },
            audit.len() - allowed
        )?;
        for entry in audit.iter().take(LISTED) {
            let outcome = match &entry.decision {
                Decision::Allowed => "allowed".to_string(),
                Decision::Denied { error_code } => format!("denied {error_code}"),
            };
            writeln!(
                out,
                "  {} {} by {}: {outcome}: {}",
                time(entry.time),
                entry.event_name,
                entry.principal,
                entry.message
            )?;
        }
        if audit.len() > LISTED {
            writeln!(out, "  and {} more", audit.len() - LISTED)?;
        }
    }
    let events = simulation.events_recorded();
    let jobs = counts.total();
    let wall_ms = wall.as_millis();
    let per_second = events as f64 / wall.as_secs_f64().max(1e-9);
    writeln!(
        out,
        "events: {events} processed in {:.1} ms ({per_second:.0} events/s)",
        wall.as_secs_f64() * 1000.0
    )?;
    writeln!(out, "events={events} jobs={jobs} wall_ms={wall_ms}")
}

/// How many restores and audit entries the summary lists before it only counts.
const LISTED: usize = 20;

/// Each restore (where from, how long it took, what it made) and, for each corrupted resource,
/// its recovery objectives now.
/// Why backup and copy jobs failed, expired or wait: each job type, state and status message
/// with how many jobs (of those the run still lists: the last 30 days at least) it applies to.
fn why_jobs_did_not_complete(simulation: &Simulation, out: &mut impl Write) -> io::Result<()> {
    let mut reasons: std::collections::BTreeMap<(&str, &str, &str), usize> = Default::default();
    for job in simulation.backup_jobs() {
        let shown = matches!(
            job.state,
            BackupJobState::Failed | BackupJobState::Expired | BackupJobState::Aborted
        ) || (job.state.is_terminal() && !job.status_message.is_empty());
        if shown {
            *reasons
                .entry(("backup", job.state.as_str(), &job.status_message))
                .or_default() += 1;
        }
    }
    for job in simulation.copy_jobs() {
        let waiting = job.state == CopyJobState::Created && !job.status_message.is_empty();
        if job.state == CopyJobState::Failed || waiting {
            *reasons
                .entry(("copy", job.state.as_str(), &job.status_message))
                .or_default() += 1;
        }
    }
    if reasons.is_empty() {
        return Ok(());
    }
    writeln!(out, "why jobs did not complete:")?;
    for ((kind, state, message), n) in reasons.iter().take(20) {
        writeln!(out, "  {n} {kind} {state}: {message}")?;
    }
    Ok(())
}

/// Each restore test: its plan and selection, what it restored, and its steps (the restore, its
/// validation and its clean-up) with their times.
fn restore_tests(simulation: &Simulation, out: &mut impl Write) -> io::Result<()> {
    let time = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let world = simulation.world();
    let tests: Vec<_> = (simulation.restore_jobs().indexed())
        .filter_map(|(i, job)| Some((job, simulation.restore_test_steps(i)?)))
        .collect();
    if tests.is_empty() {
        return Ok(());
    }
    writeln!(out, "restore tests:")?;
    for (job, (plan, selection, steps)) in tests.iter().take(LISTED) {
        let resource = &world.resources[job.resource];
        let took = job
            .completion
            .map(|done| format!(", restore took {}", span(done - job.creation)))
            .unwrap_or_default();
        writeln!(
            out,
            "  {plan}/{selection}: {} (job {}){took}",
            resource.name, job.id
        )?;
        for step in steps {
            let why = if step.message.is_empty() {
                String::new()
            } else {
                format!(": {}", step.message)
            };
            writeln!(out, "    {} {}{why}", time(step.at), step.what.label())?;
        }
    }
    if tests.len() > LISTED {
        writeln!(out, "  and {} more", tests.len() - LISTED)?;
    }
    Ok(())
}

fn restores_and_objectives(simulation: &Simulation, out: &mut impl Write) -> io::Result<()> {
    let time = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let world = simulation.world();
    let restores = simulation.restore_jobs();
    if !restores.is_empty() {
        writeln!(out, "restores:")?;
    }
    for job in restores.iter().take(LISTED) {
        let resource = &world.resources[job.resource];
        let vault = &world.vaults[job.vault];
        let data = world
            .recovery_points
            .get(job.recovery_point as usize)
            .map(|_| time(world.data_time(job.recovery_point as usize)))
            .unwrap_or_else(|| "(let go)".to_string());
        let outcome = match (job.completion, &job.created_resource_arn) {
            (Some(done), Some(arn)) => format!(
                "{} in {} -> {arn}",
                job.state.as_str(),
                span(done - job.creation)
            ),
            (Some(done), None) => format!(
                "{} after {}: {}",
                job.state.as_str(),
                span(done - job.creation),
                job.status_message
            ),
            (None, _) => job.state.as_str().to_string(),
        };
        writeln!(
            out,
            "  {} from {} (data of {data}): {outcome}",
            resource.name, vault.name
        )?;
    }
    if restores.len() > LISTED {
        writeln!(out, "  and {} more", restores.len() - LISTED)?;
    }
    restore_tests(simulation, out)?;
    for (i, resource) in world.resources.iter().enumerate() {
        let Some(lost) = simulation.corruption_of(i) else {
            continue;
        };
        let objectives = simulation.recovery_objectives(i);
        match (objectives.chosen_point(), objectives.rpo, objectives.rto) {
            (Some((_, data)), Some(rpo), Some(rto)) => writeln!(
                out,
                "recovery of {}: corrupted at {}; newest clean data {}: RPO {}, RTO {} (modelled)",
                resource.name,
                time(lost),
                time(data),
                span(rpo),
                span(rto)
            )?,
            _ => writeln!(
                out,
                "recovery of {}: corrupted at {}; no clean recovery point to restore",
                resource.name,
                time(lost)
            )?,
        }
    }
    Ok(())
}

/// The incident's assessment: its candidates newest data first, the choice and why, RPO, RTO.
fn print_assessment(
    simulation: &Simulation,
    at: DateTime<Utc>,
    assessed: &Assessment,
    out: &mut impl Write,
) -> io::Result<()> {
    let time = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let world = simulation.world();
    let resource = &world.resources[assessed.incident.resource];
    let what = match &assessed.incident.lost {
        Lost::Data => match simulation.corruption_of(assessed.incident.resource) {
            Some(corrupted) => format!("its data, corrupted at {}", time(corrupted)),
            None => "its data".to_string(),
        },
        Lost::Region(region) => format!("the Region {region}"),
        Lost::Account(account) => format!("the account {account}"),
    };
    writeln!(
        out,
        "incident: {} at {}, lost: {what}",
        resource.name,
        time(at)
    )?;
    writeln!(out, "  recovery points, newest data first:")?;
    for (i, c) in assessed.candidates.iter().enumerate().take(LISTED) {
        let rp = &world.recovery_points[c.recovery_point];
        let vault = &world.vaults[rp.vault as usize];
        let kind = match (rp.continuous, rp.copied_from.is_some()) {
            (true, _) => "continuous",
            (false, true) => "copy",
            (false, false) => "backup",
        };
        let verdict = match (assessed.chosen == Some(i), c.unusable) {
            (true, _) => "chosen".to_string(),
            (false, Some(why)) => format!("cannot serve: {}", why.as_str()),
            (false, None) => "usable".to_string(),
        };
        writeln!(
            out,
            "  {} {} {kind} in {} ({}, {}, {}): {verdict}",
            if assessed.chosen == Some(i) { "*" } else { " " },
            time(c.data),
            vault.name,
            vault.account,
            vault.region,
            rp.storage_class.as_str(),
        )?;
    }
    if assessed.candidates.len() > LISTED {
        writeln!(out, "    and {} more", assessed.candidates.len() - LISTED)?;
    }
    writeln!(out, "  choice: {}", assessed.why)?;
    if let (Some(rpo), Some(restore), Some(rto)) = (assessed.rpo, assessed.restore, assessed.rto) {
        writeln!(
            out,
            "  RPO {} (data lost from {} to {})",
            span(rpo),
            time(assessed.loss - rpo),
            time(assessed.loss)
        )?;
        writeln!(
            out,
            "  RTO {} = restore {} (modelled: the waits before it runs and its duration for the type and size; AWS publishes no restore times) + cut-over {} (--cutover)",
            span(rto),
            span(restore),
            span(assessed.incident.cutover)
        )?;
    }
    Ok(())
}

/// What the run cost, month by month, with the prices wanted and where the prices come from.
fn print_cost(
    simulation: &Simulation,
    prices: &Prices,
    origin: &str,
    out: &mut impl Write,
) -> io::Result<()> {
    let report = simulation.cost(prices);
    let money = |v: f64| format!("{}", Fixed(v, 2));
    writeln!(
        out,
        "cost ({}; prices: {origin}; unknown prices are not in the totals):",
        report.currency
    )?;
    for month in &report.months {
        writeln!(
            out,
            "  {}-{:02}: {} {}",
            month.month.year,
            month.month.month,
            money(month.total()),
            report.currency
        )?;
        for line in &month.lines {
            let rate = match (line.rate, line.cost()) {
                (Some(rate), Some(cost)) => format!("x {rate} = {}", money(cost)),
                _ => "x ? (no price)".to_string(),
            };
            writeln!(
                out,
                "    {} {} {} {}: {} {} {rate}",
                line.region,
                line.place,
                price_key(line.service),
                line.charge.describe(),
                Fixed(line.quantity, 3),
                line.charge.unit()
            )?;
        }
    }
    writeln!(
        out,
        "  total: {} {} over {} month(s)",
        money(report.total()),
        report.currency,
        report.months.len()
    )?;
    if !report.wanted.is_empty() {
        writeln!(
            out,
            "prices wanted (no public source gives them; set them with --price or a --prices file):"
        )?;
        for w in &report.wanted {
            writeln!(out, "  {} {} {}", w.region, w.key, w.what)?;
        }
    }
    let regions: BTreeSet<String> = report
        .months
        .iter()
        .flat_map(|m| {
            m.lines
                .iter()
                .map(|l| l.region.split(' ').next().unwrap_or("").to_string())
        })
        .collect();
    for region in regions {
        for source in prices.sources(&region) {
            writeln!(
                out,
                "price source, {region}: {} {} ({}, {})",
                source.name,
                source.url,
                source.date.as_deref().unwrap_or("undated"),
                source.evidence
            )?;
        }
    }
    for vault in &report.short_warm_retention {
        writeln!(
            out,
            "advice: {vault} keeps points warm under {WARM_MIN_RECOMMENDED_DAYS} days; AWS advises at least a week, since with a shorter retention each backup is full"
        )?;
    }
    Ok(())
}

/// The last evaluation of the framework, control by control (each non-compliant resource and
/// why, the first [`LISTED`]), the model assumptions behind the controls, and one line a day.
fn print_audit(audit: &DailyEvaluation, origin: &str, out: &mut impl Write) -> io::Result<()> {
    let time = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let framework = audit.framework();
    let Some(last) = audit.last() else {
        return writeln!(
            out,
            "audit (framework {}, {origin}): not evaluated: AWS evaluates every 24 hours and the run is shorter",
            framework.name
        );
    };
    writeln!(
        out,
        "audit (framework {}, {origin}; evaluated every 24 hours, last at {}):",
        framework.name,
        time(last.at)
    )?;
    for result in &last.controls {
        if let Some(why) = &result.not_evaluated {
            writeln!(out, "  {}: not evaluated: {why}", result.control)?;
            continue;
        }
        let non_compliant = result.count(Compliance::NonCompliant);
        writeln!(
            out,
            "  {}: COMPLIANT {} / NON_COMPLIANT {non_compliant}",
            result.control,
            result.count(Compliance::Compliant)
        )?;
        for finding in result.non_compliant().take(LISTED) {
            writeln!(out, "    {}: {}", finding.subject, finding.reason)?;
        }
        if non_compliant > LISTED {
            writeln!(out, "    and {} more", non_compliant - LISTED)?;
        }
    }
    let mut controls: Vec<Control> = framework.controls.iter().map(|c| c.control).collect();
    controls.dedup();
    let assumptions: Vec<(Control, &str)> = (controls.iter())
        .flat_map(|c| c.assumptions().iter().map(move |a| (*c, *a)))
        .collect();
    writeln!(
        out,
        "audit model assumptions (where AWS's documents leave the behaviour open):"
    )?;
    writeln!(out, "  {SCHEDULE_ASSUMPTION}")?;
    if framework
        .controls
        .iter()
        .any(|c| c.scope != Scope::default())
    {
        writeln!(out, "  ControlScope: {SCOPE_ASSUMPTION}")?;
    }
    for (control, assumption) in assumptions {
        writeln!(out, "  {control}: {assumption}")?;
    }
    writeln!(out, "audit by day:")?;
    for day in audit.days() {
        let compliant: usize = day.controls.iter().map(|c| c.compliant).sum();
        let non_compliant: usize = day.controls.iter().map(|c| c.non_compliant).sum();
        let failing: Vec<String> = (day.controls.iter())
            .filter(|c| c.non_compliant > 0)
            .map(|c| format!("{} {}", c.control, c.non_compliant))
            .collect();
        let mut line = format!(
            "  {}: COMPLIANT {compliant} / NON_COMPLIANT {non_compliant}",
            day.date
        );
        if !failing.is_empty() {
            line.push_str(&format!(" (non-compliant: {})", failing.join(", ")));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Each resource's RPO through the run, in place and with its Region lost.
fn print_rpo_over_time(simulation: &Simulation, out: &mut impl Write) -> io::Result<()> {
    let time = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let world = simulation.world();
    writeln!(
        out,
        "RPO through the run (what an incident at any moment would lose, from the recovery points that existed then):"
    )?;
    for over in simulation.rpo_over_time() {
        let resource = &world.resources[over.resource];
        let case = over.lost.case();
        let mut line = format!("  {} ({case}): ", resource.name);
        match (over.worst, over.mean) {
            (Some((worst, at)), Some(mean)) => line.push_str(&format!(
                "worst {} (at {}), mean {}",
                span(worst),
                time(at),
                span(mean)
            )),
            _ => line.push_str("never anything to restore"),
        }
        if over.uncovered > Duration::zero() && over.worst.is_some() {
            line.push_str(&format!(
                "; nothing to restore for {}",
                span(over.uncovered)
            ));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_units_and_combinations() {
        assert_eq!(parse_duration("2d").unwrap(), Duration::days(2));
        assert_eq!(parse_duration("90m").unwrap(), Duration::minutes(90));
        assert_eq!(parse_duration("1d12h").unwrap(), Duration::hours(36));
        assert_eq!(parse_duration("1y").unwrap(), Duration::days(365));
        assert!(parse_duration("2").is_err());
        assert!(parse_duration("2x").is_err());
        assert!(parse_duration("0d").is_err());
        assert!(parse_duration("300000y").is_err());
        assert!(parse_duration("99999999999999999w").is_err());
    }
}
