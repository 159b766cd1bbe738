//! `myolog patterns`: the flags, trigger statistics and tallies as a readable report or JSON.
//! Flags are information, not errors: the exit status is 0 whatever is found.

use super::context::NOT_AFTER_TODAY;
use chrono::NaiveDate;
use clap::Args;

use super::{Context, Result, print_json, say, table};
use crate::domain::InputError;
use crate::domain::summary::SummarySlice;
use crate::patterns::wording::{
    activity, association_note, factor_reading, flag_status, flags_summary, level_heading, listed,
    occurrence_line, proportion, short_ids,
};
use crate::patterns::{self, Findings, Flag, NOT_ADVICE, Settings};
use crate::store::DatedAfter;

#[derive(Debug, Args)]
pub struct PatternsArgs {
    /// Evaluate as of this day; later entries are ignored (DAY) [default: today]
    #[arg(long = "as-of", value_name = "DAY", allow_hyphen_values = true)]
    pub as_of: Option<String>,
    /// The period from this day on (DAY): the flags met in it, in force on its first day or
    /// still active at its end, judged on the whole diary (a spell that began before it counts
    /// whole), and the comparisons and tallies of its own days [default: the whole diary]
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Print JSON: as_of, flags, factors, tallies
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: PatternsArgs, ctx: &Context) -> Result<()> {
    let as_of = ctx.day_or_today("--as-of", args.as_of.as_deref())?;
    let since = ctx.since(args.since.as_deref())?;
    ctx.not_future("--as-of", as_of, NOT_AFTER_TODAY)?;
    if let Some(since) = since {
        ctx.not_future("--since", since, NOT_AFTER_TODAY)?;
    }
    if let Some(since) = since.filter(|s| *s > as_of) {
        return Err(InputError::new(
            "--since",
            format!("{since} is after the as-of date {as_of}"),
        )
        .into());
    }
    let settings = Settings::load()?;
    // No diary yet: say so (as `list` does) and report on an empty one.
    // The per-day summary, and only the episodes the evidence names.
    let mut dated_after = None;
    let (slice, findings) = match ctx.read()? {
        Some(diary) => {
            // Entries dated after today were logged with a clock set ahead: a view that ends
            // today counts none of them, so the text says so (one that ends later counts them).
            if as_of == ctx.today() {
                dated_after = diary.dated_after(as_of)?;
            }
            // The rules read the whole diary; the tables below, the period.
            let whole = diary.summary_slice(None, Some(as_of))?;
            let findings =
                patterns::evaluate_summary_period(&whole, &settings, since, as_of, |wanted| {
                    diary.lean_episodes(wanted)
                })?;
            let slice = match since {
                Some(since) => whole.from(since),
                None => whole,
            };
            (slice, findings)
        }
        None => {
            let slice = SummarySlice::default();
            let findings = patterns::evaluate_summary(&slice, &[], &settings, as_of);
            (slice, findings)
        }
    };
    if args.json {
        print_json(&findings)?;
    } else {
        say(render(&findings, &slice, &settings, since, dated_after))?;
    }
    Ok(())
}

/// The readable report: flags first (active first, then most serious first), each with every
/// time it was met, then the factor comparison, then the tallies, each labelled for what it is;
/// under the first line, the entries dated after today that none of it counts.
pub fn render(
    findings: &Findings,
    slice: &SummarySlice,
    settings: &Settings,
    since: Option<NaiveDate>,
    dated_after: Option<DatedAfter>,
) -> String {
    let mut out = Vec::new();
    out.push(format!(
        "Patterns as of {}{}.",
        findings.as_of,
        period(slice, since, findings.as_of)
    ));
    if let Some(later) = dated_after {
        out.push(format!(
            "{} not counted: if a clock was wrong when they were logged, `myolog list`, `checkin list` and `selfcheck list` with `--since {first}` show {them}; `myolog edit ID` corrects an episode's --at or a self-check's --date, and `myolog delete ID` removes a check-in, to be saved again on its day.",
            later.describe("today"),
            first = later.first,
            them = later.them()
        ));
    }
    out.push(NOT_ADVICE.to_string());
    out.push(String::new());

    let active = findings.active_flags().count();
    out.push(format!(
        "FLAGS ({} found, {active} still active)",
        findings.flags.len()
    ));
    out.extend(flags_summary(findings).map(str::to_string));
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
        "TRIGGERS COMPARED: exposed vs unexposed diary days ({} with a check-in)",
        crate::text::plural(diary_days, "day", "days")
    ));
    let comparisons = patterns::comparisons(&findings.factors);
    let rows = findings
        .factors
        .iter()
        .map(|r| {
            let (ratio, interval, _) = factor_reading(r);
            vec![
                r.label().to_string(),
                r.outcome_words(),
                proportion(r.exposed_outcome_days, r.exposed_days),
                proportion(r.unexposed_outcome_days, r.unexposed_days),
                ratio,
                interval,
                patterns::reading(r, comparisons),
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
    out.push(association_note(settings.enough_data_days));
    out.push(patterns::chance_note(comparisons));
    let notable = patterns::notable(&findings.factors);
    if notable.is_empty() {
        out.push("No comparison's interval excludes 1.".into());
    }
    for n in &notable {
        out.push(format!(
            "  {}, {}: {} ({}): {}",
            n.row.label(),
            n.row.outcome_words(),
            n.words,
            patterns::q_words(n.row.q),
            n.direction,
        ));
    }
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

/// How many occurrences the text lists under a flag; JSON lists every one.
const OCCURRENCES_SHOWN: usize = 10;

fn flag_lines(flag: &Flag) -> Vec<String> {
    let mut lines = vec![
        format!(
            "{}: {} ({})",
            level_heading(flag.level),
            flag.title,
            activity(flag)
        ),
        format!("    {} [{}]", flag_status(flag), flag.id),
        format!("    Why: {}", flag.detail),
    ];
    let occurrences = &flag.evidence.occurrences;
    if occurrences.len() > 1 {
        lines.push("    Each time it was met, latest first:".into());
        lines.extend(
            occurrences
                .iter()
                .take(OCCURRENCES_SHOWN)
                .map(|o| format!("      - {}", occurrence_line(o))),
        );
        if occurrences.len() > OCCURRENCES_SHOWN {
            lines.push(format!(
                "      and {} earlier (`myolog patterns --json` lists every one)",
                occurrences.len() - OCCURRENCES_SHOWN
            ));
        }
    }
    lines.push(format!("    Guidance: {}", flag.guidance));
    if !flag.evidence.dates.is_empty() {
        lines.push(format!("    Dates: {}", listed(&flag.evidence.dates, 10)));
    }
    let ids = short_ids(flag);
    if !ids.is_empty() {
        lines.push(format!(
            "    Entries: {} (`myolog list --json` shows them)",
            listed(&ids, 6)
        ));
    }
    lines
}

/// ", for the 30 days 2026-10-27 to 2026-11-25 (...)" when the period was asked for, else
/// ", from entries of 2026-01-02 to 2026-11-25" or ", with no entries yet".
fn period(slice: &SummarySlice, since: Option<NaiveDate>, as_of: NaiveDate) -> String {
    if let Some(since) = since {
        let days = (as_of - since).num_days() + 1;
        // The rules read the whole diary: a spell, or a red flag that a later self-check has
        // not cleared, counts whole whenever it began.
        return format!(
            ", for the {} {since} to {as_of} (the flags judged on the whole diary: what began before the period counts whole)",
            crate::text::plural(days, "day", "days")
        );
    }
    let dates: Vec<NaiveDate> = slice
        .days
        .iter()
        .map(|d| d.date)
        .chain(slice.checkins.iter().map(|c| c.date))
        .chain(slice.self_checks.iter().map(|c| c.date))
        .collect();
    match (dates.iter().min(), dates.iter().max()) {
        (Some(first), Some(last)) => format!(", from entries of {first} to {last}"),
        _ => ", with no entries yet".into(),
    }
}
