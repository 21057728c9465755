//! `vaultsim compare`: one scenario run under two plans, side by side, for the question before a
//! deployment: what does this change do? Exit 1 when plan B breaks a bound given (its worst RPO
//! over a limit or over A's, its cost up by more than a share), 2 for usage or reading errors.

use std::io::{self, Write};
use std::process::ExitCode;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use vaultsim_core::compare::{Comparison, RpoRow, Verdict, compare, with_plan};
use vaultsim_core::decimal::Fixed;
use vaultsim_core::document::LineIndex;
use vaultsim_core::time_text::span;

use crate::scenario_source::{self, Choice, Started};
use crate::simulate::{PriceEdit, load_prices, parse_duration, parse_price, parse_time};

/// Run one scenario under two plans and show what changes: jobs, recovery points, worst RPO per
/// resource, cost, and the first moment the runs differ
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  vaultsim compare --builtin three-tier-web-app --plan deployed.json --plan \
proposed.json --for 30d\n  vaultsim compare scenario.json --plan a.yaml --plan b.yaml --max-rpo 1h --no-worse-rpo \
--max-cost-increase 20"
)]
pub struct Args {
    #[command(flatten)]
    choice: Choice,

    /// The plans, A then B (JSON, YAML, CloudFormation or Terraform as `validate` reads them),
    /// each in place of the scenario's plan --plan-index
    #[arg(long, value_name = "FILE", num_args = 1, required = true)]
    plan: Vec<String>,

    /// Which of the scenario's plans the two replace, from 0
    #[arg(long, value_name = "N", default_value_t = 0)]
    plan_index: usize,

    /// Run until this time (RFC 3339)
    #[arg(long, value_name = "RFC3339", conflicts_with = "for_", value_parser = parse_time)]
    until: Option<DateTime<Utc>>,

    /// Run for this long after the scenario's start: 12h, 2d, 2w, 1y [default: 30d]
    #[arg(long = "for", id = "for_", value_name = "DURATION", value_parser = parse_duration)]
    for_: Option<Duration>,

    /// Fail (exit 1) when a resource's worst RPO in place under plan B is over this: 1h, 1d
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    max_rpo: Option<Duration>,

    /// Fail (exit 1) when a resource's worst RPO in place under plan B is over its worst under A
    #[arg(long)]
    no_worse_rpo: bool,

    /// Fail (exit 1) when plan B's priced cost is more than this many percent over A's
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent)]
    max_cost_increase: Option<f64>,

    /// A price list in pricing.json's form [default: the built-in list]
    #[arg(long, value_name = "FILE")]
    prices: Option<String>,

    /// Set one price, as `simulate --price` does
    #[arg(long, value_name = "WHAT=PRICE", value_parser = parse_price)]
    price: Vec<PriceEdit>,
}

fn parse_percent(text: &str) -> Result<f64, String> {
    text.trim_end_matches('%')
        .parse::<f64>()
        .ok()
        .filter(|p| p.is_finite() && *p >= 0.0)
        .ok_or_else(|| format!("{text:?}: write a percentage of 0 or more, such as 20"))
}

pub fn run(
    args: &Args,
    read: &mut dyn FnMut(&str) -> io::Result<String>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<ExitCode> {
    let [plan_a, plan_b] = args.plan.as_slice() else {
        writeln!(
            err,
            "error: give two plans, A then B: --plan A.json --plan B.json (got {})",
            args.plan.len()
        )?;
        return Ok(ExitCode::from(2));
    };
    let Started {
        scenario, origin, ..
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
    let until = match args.until {
        Some(t) if t > start => t,
        Some(_) => {
            writeln!(err, "error: --until is not after the scenario's start")?;
            return Ok(ExitCode::from(2));
        }
        None => start + args.for_.unwrap_or_else(|| Duration::days(30)),
    };
    let mut scenarios = Vec::new();
    for file in [plan_a, plan_b] {
        let text = match read(file) {
            Ok(text) => text,
            Err(e) => {
                writeln!(err, "error: cannot read {file}: {e}")?;
                return Ok(ExitCode::from(2));
            }
        };
        match with_plan(&scenario, args.plan_index, &text) {
            Ok(s) => scenarios.push(s),
            Err(diagnostics) => {
                let lines = LineIndex::new(&text);
                for d in diagnostics {
                    write!(err, "{}", d.render_in(file, &lines))?;
                }
                return Ok(ExitCode::from(1));
            }
        }
    }
    let prices = match load_prices(args.prices.as_deref(), &args.price, read, err)? {
        Ok(prices) => prices,
        Err(status) => return Ok(status),
    };
    let compared = match compare(&scenarios[0], &scenarios[1], until, &prices) {
        Ok(c) => c,
        Err(diagnostics) => {
            for d in diagnostics {
                writeln!(err, "error: {}", d.message)?;
            }
            return Ok(ExitCode::from(1));
        }
    };
    let time = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    writeln!(
        out,
        "compare {origin} from {} to {}, plan {} as A = {plan_a} and as B = {plan_b}:",
        time(start),
        time(until),
        args.plan_index
    )?;
    print_sides(&compared, &prices.currency, out)?;
    match &compared.first_difference {
        None => writeln!(out, "first difference: none, the runs are the same")?,
        Some((at, a, b)) => {
            writeln!(out, "first difference at {}:", time(*at))?;
            writeln!(out, "  A: {}", a.as_deref().unwrap_or("(no more events)"))?;
            writeln!(out, "  B: {}", b.as_deref().unwrap_or("(no more events)"))?;
        }
    }
    let broken = bounds(args, &compared);
    for why in &broken {
        writeln!(out, "FAIL: {why}")?;
    }
    Ok(if broken.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_sides(c: &Comparison, currency: &str, out: &mut impl Write) -> io::Result<()> {
    let (ja, jb) = (c.a.jobs_text(), c.b.jobs_text());
    for (i, kind) in ["backup", "copy", "restore"].iter().enumerate() {
        writeln!(out, "  {kind} jobs: A {}; B {}", ja[i], jb[i])?;
    }
    for ((vault, a), (_, b)) in c.a.points.iter().zip(&c.b.points) {
        writeln!(out, "  recovery points in {vault}: A {a}; B {b}")?;
    }
    for row in c.rpo_rows() {
        let verdict = match row.verdict {
            Some(Verdict::Better) => " (B better)",
            Some(Verdict::Worse) => " (B worse)",
            None => "",
        };
        writeln!(
            out,
            "  worst RPO {} ({}): A {}; B {}{verdict}",
            row.name,
            row.case(),
            RpoRow::shown(row.a),
            RpoRow::shown(row.b)
        )?;
    }
    let (a, b) = (c.a.cost.total(), c.b.cost.total());
    let change = if a > 0.0 {
        format!(" ({:+}%)", Fixed((b - a) / a * 100.0, 1))
    } else {
        String::new()
    };
    writeln!(
        out,
        "  cost, priced: A {} {currency}; B {} {currency}{change}",
        Fixed(a, 2),
        Fixed(b, 2)
    )?;
    let wanted = c.a.cost.wanted.len().max(c.b.cost.wanted.len());
    if wanted > 0 {
        writeln!(
            out,
            "  ({wanted} price(s) unknown and left out: `vaultsim simulate --cost` lists them)"
        )?;
    }
    Ok(())
}

/// The bounds plan B breaks, each said.
fn bounds(args: &Args, c: &Comparison) -> Vec<String> {
    let mut broken = Vec::new();
    for row in c.rpo_rows().into_iter().filter(|r| r.in_place) {
        let name = &row.name;
        // Nothing to restore under B is the worst RPO there is.
        match (args.max_rpo, row.b) {
            (Some(limit), Some(b)) if b > limit => broken.push(format!(
                "{name}'s worst RPO in place under B is {}, over --max-rpo {}",
                span(b),
                span(limit)
            )),
            (Some(limit), None) => broken.push(format!(
                "{name} has nothing to restore in place under B (--max-rpo {})",
                span(limit)
            )),
            _ => {}
        }
        if args.no_worse_rpo && row.verdict == Some(Verdict::Worse) {
            match (row.a, row.b) {
                (Some(a), Some(b)) => broken.push(format!(
                    "{name}'s worst RPO in place under B is {}, worse than A's {} (--no-worse-rpo)",
                    span(b),
                    span(a)
                )),
                (Some(a), None) => broken.push(format!(
                    "{name} has nothing to restore in place under B, where A's worst RPO is {} (--no-worse-rpo)",
                    span(a)
                )),
                // Worse always has A's RPO.
                (None, _) => {}
            }
        }
    }
    if let Some(percent) = args.max_cost_increase {
        let (a, b) = (c.a.cost.total(), c.b.cost.total());
        if b > a * (1.0 + percent / 100.0) {
            broken.push(format!(
                "B's priced cost {} is more than {}% over A's {} (--max-cost-increase)",
                Fixed(b, 2),
                Fixed(percent, 1),
                Fixed(a, 2)
            ));
        }
    }
    broken
}
