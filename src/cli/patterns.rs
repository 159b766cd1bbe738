//! `myolog patterns`: the flags, trigger statistics and tallies as a readable report or JSON.
//! Flags are information, not errors: the exit status is 0 whatever is found.

use chrono::{Local, NaiveDate};
use clap::Args;

use super::{Result, print_json, read, say, table};
use crate::domain::{Clock, DiarySlice, InputError};
use crate::patterns::{self, Findings, Flag, Level, NOT_ADVICE, Outcome, Settings, factor_label};
use crate::store::{Access, Diary};

#[derive(Debug, Args)]
pub struct PatternsArgs {
    /// Evaluate as of this day; later entries are ignored (DAY) [default: today]
    #[arg(long = "as-of", value_name = "DAY")]
    pub as_of: Option<String>,
    /// Only look at entries from this day on (DAY) [default: the whole diary]
    #[arg(long, value_name = "DAY")]
    pub since: Option<String>,
    /// Print JSON: as_of, flags, factors, tallies
    #[arg(long)]
    pub json: bool,
}

pub fn run(
    args: PatternsArgs,
    clock: &Clock<Local>,
    open: impl Fn(Access) -> Result<Diary>,
) -> Result<()> {
    let day = |field: &str, s: &str| clock.parse_day(s).map_err(|m| InputError::new(field, m));
    let as_of = match &args.as_of {
        Some(s) => day("--as-of", s)?,
        None => clock.today(),
    };
    let since = args
        .since
        .as_deref()
        .map(|s| day("--since", s))
        .transpose()?;
    if let Some(since) = since.filter(|s| *s > as_of) {
        return Err(InputError::new(
            "--since",
            format!("{since} is after the as-of date {as_of}"),
        )
        .into());
    }
    let settings = Settings::load()?;
    // No diary yet: say so (as `list` does) and report on an empty one.
    let slice = match read(open)? {
        Some(diary) => diary.load(since, Some(as_of))?,
        None => DiarySlice::default(),
    };
    let findings = patterns::evaluate(&slice, &settings, as_of);
    if args.json {
        print_json(&findings);
    } else {
        say(render(&findings, &slice, &settings));
    }
    Ok(())
}

/// The readable report: flags first (most serious first), then the factor comparison, then
/// the tallies, each labelled for what it is.
pub fn render(findings: &Findings, slice: &DiarySlice, settings: &Settings) -> String {
    let mut out = Vec::new();
    out.push(format!(
        "Patterns as of {}{}.",
        findings.as_of,
        period(slice)
    ));
    out.push(NOT_ADVICE.to_string());
    out.push(String::new());

    let active = findings.active_flags().count();
    out.push(format!(
        "FLAGS ({} found, {active} still active)",
        findings.flags.len()
    ));
    if findings.flags.is_empty() {
        out.push("Nothing here meets a see-a-doctor threshold.".into());
    } else if findings.worst_level() == Some(Level::Notice) {
        out.push(
            "Nothing here meets a see-a-doctor threshold; the notices below are worth watching \
             and mentioning at your next visit."
                .into(),
        );
    }
    for flag in &findings.flags {
        out.push(String::new());
        out.extend(flag_lines(flag));
    }
    out.push(String::new());

    let diary_days = slice
        .checkins
        .iter()
        .filter(|c| c.date <= findings.as_of)
        .count();
    out.push(format!(
        "TRIGGERS COMPARED: exposed vs unexposed diary days ({diary_days} days with a check-in)"
    ));
    let rows = findings
        .factors
        .iter()
        .map(|r| {
            let (ratio, interval, reading) = match (r.enough_data, r.ratio, r.ci_low, r.ci_high) {
                (true, Some(ratio), Some(low), Some(high)) => (
                    format!("{ratio:.2}"),
                    format!("{low:.2}-{high:.2}"),
                    if low > 1.0 {
                        "above 1: more likely when exposed"
                    } else if high < 1.0 {
                        "below 1: less likely when exposed"
                    } else {
                        "spans 1: no clear difference"
                    }
                    .to_string(),
                ),
                (true, ..) => ("-".into(), "-".into(), "no ratio for these counts".into()),
                _ => (String::new(), String::new(), "not enough data yet".into()),
            };
            vec![
                factor_label(&r.factor).to_string(),
                outcome_label(&r.outcome).to_string(),
                proportion(r.exposed_outcome_days, r.exposed_days),
                proportion(r.unexposed_outcome_days, r.unexposed_days),
                ratio,
                interval,
                reading,
            ]
        })
        .collect();
    let confidence = format!("{:.0}% INTERVAL", settings.confidence * 100.0);
    out.push(table::render(
        &[
            "FACTOR",
            "OUTCOME",
            "EXPOSED",
            "UNEXPOSED",
            "RATIO",
            &confidence,
            "",
        ],
        rows,
    ));
    out.push(format!(
        "These are associations in your own diary, not proof of cause. A row needs at least {} \
         exposed and {} unexposed days; a check-in field left unknown is left out, never taken \
         as zero.",
        settings.enough_data_days, settings.enough_data_days
    ));
    out.push(String::new());

    out.push(
        "TRIGGER TALLIES: how often you tagged each suspected trigger (a tally, not evidence)"
            .into(),
    );
    if findings.tallies.is_empty() {
        out.push("No episode is tagged with a suspected trigger yet.".into());
    } else {
        let rows = findings
            .tallies
            .iter()
            .map(|t| {
                vec![
                    if t.custom {
                        format!("{} (your own)", t.trigger)
                    } else {
                        t.trigger.clone()
                    },
                    t.episodes.to_string(),
                    t.twitches.to_string(),
                    t.cramps.to_string(),
                ]
            })
            .collect();
        out.push(table::render(
            &["TRIGGER", "EPISODES", "TWITCHES", "CRAMPS"],
            rows,
        ));
    }
    out.join("\n")
}

fn flag_lines(flag: &Flag) -> Vec<String> {
    let e = &flag.evidence;
    let mut status = vec![
        if flag.active {
            "active".to_string()
        } else {
            "not active now".to_string()
        },
        format!("first met {}", flag.first_met),
    ];
    if let Some(last) = e.last_seen {
        status.push(format!("last seen {last}"));
    }
    if e.occurrences > 1 {
        status.push(format!("met {} times", e.occurrences));
    }
    let mut lines = vec![
        format!(
            "{} {} ({}): {}",
            flag.level.symbol(),
            flag.level.label().to_uppercase(),
            flag.level.meaning(),
            flag.title
        ),
        format!("    {} [{}]", status.join("; "), flag.id),
        format!("    Why: {}", flag.detail),
        format!("    Guidance: {}", flag.guidance),
    ];
    if !e.dates.is_empty() {
        lines.push(format!("    Dates: {}", listed(&e.dates, 10)));
    }
    if !e.episode_ids.is_empty() {
        let ids: Vec<String> = e
            .episode_ids
            .iter()
            .map(|id| id.to_string()[..8].to_string())
            .collect();
        lines.push(format!(
            "    Entries: {} (`myolog list --json` shows them)",
            listed(&ids, 6)
        ));
    }
    lines
}

/// The first `max` items, then how many more.
fn listed<T: ToString>(items: &[T], max: usize) -> String {
    let mut shown: Vec<String> = items.iter().take(max).map(T::to_string).collect();
    if items.len() > max {
        shown.push(format!("and {} more", items.len() - max));
    }
    shown.join(", ")
}

fn proportion(part: u32, whole: u32) -> String {
    if whole == 0 {
        format!("{part}/{whole}")
    } else {
        format!(
            "{part}/{whole} {:.0}%",
            f64::from(part) / f64::from(whole) * 100.0
        )
    }
}

fn outcome_label(id: &str) -> &str {
    let known = [
        Outcome::TwitchDay,
        Outcome::CrampDay,
        Outcome::NocturnalCrampNight,
    ]
    .into_iter()
    .find(|o| o.as_str() == id);
    match known {
        Some(o) => o.label(),
        None => id,
    }
}

/// ", from entries of 2026-01-02 to 2026-11-25" or ", with no entries yet".
fn period(slice: &DiarySlice) -> String {
    let dates: Vec<NaiveDate> = slice
        .episodes
        .iter()
        .map(|e| e.local_date())
        .chain(slice.checkins.iter().map(|c| c.date))
        .chain(slice.self_checks.iter().map(|c| c.date))
        .collect();
    match (dates.iter().min(), dates.iter().max()) {
        (Some(first), Some(last)) => format!(", from entries of {first} to {last}"),
        _ => ", with no entries yet".into(),
    }
}
