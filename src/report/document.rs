//! The report as an ordered list of blocks, every word of it decided here, once: Markdown, HTML
//! and PDF each lay the same blocks out, so they say the same thing in the same order and
//! cannot drift apart ("URGENT (seek prompt medical review)" in one and bare "URGENT" in
//! another).
//!
//! Page one answers what a GP asks first (DOMAIN.md section 8): what and where, how often, how
//! long and how bad, since when and lately, which guidance is met, the red-flag self-checks, the
//! medications, what helped and the comparisons that stand out. Then the whole period in charts
//! and tables, each flag in detail, and every entry.

use super::model::Chart;
use super::tables::{self, Table};
use super::text::date;
use super::{NOT_A_DIAGNOSIS, Report};
use crate::patterns::wording::{first_met, flag_heading, occurrence_line, source};
use crate::patterns::{Flag, Level, NOT_ADVICE};

/// One piece of the report, in reading order.
pub enum Block<'a> {
    /// The start of a part ("Summary", "Detail"), on a new page when printed if `new_page`.
    Part {
        title: &'static str,
        new_page: bool,
    },
    /// A heading inside a part.
    Heading(String),
    /// A line that matters most: the bold first line of the summary.
    Lead(String),
    Para(String),
    /// Small, quiet text: how to read what follows, or what was left out.
    Note(String),
    /// A table under its heading, with its note, its rows or the line that says there are none,
    /// and its closing line.
    Section(Table<'a>),
    Flags(Vec<FlagItem>),
    Chart(&'a Chart),
}

/// A flag as a list item: its heading line, then a few lines under it.
pub struct FlagItem {
    pub level: Level,
    pub active: bool,
    pub heading: String,
    pub lines: Vec<String>,
    /// Each time it was met, latest first (the detail only).
    pub occurrences: Vec<String>,
}

impl FlagItem {
    /// The class a renderer marks it with: its level, or `past` when it is not active.
    pub fn class(&self) -> &'static str {
        if !self.active {
            return "past";
        }
        match self.level {
            Level::Urgent => "urgent",
            Level::SeeDoctor => "see-doctor",
            Level::Notice => "notice",
        }
    }
}

/// The report's title, the same in every format.
pub use super::TITLE;

/// What is said instead of the summary when nothing was logged.
pub const NOTHING_LOGGED: &str =
    "Nothing was logged in this period: no episodes, check-ins, medications or self-checks.";

/// What is said when no rule was met; never more reassurance than this.
pub const NO_GUIDANCE_MET: &str =
    "No rule was met in this period: nothing here reaches a see-a-doctor threshold.";

/// The most times a flag's occurrences are listed one by one in the detail.
pub const OCCURRENCES_LISTED: usize = 12;

/// The header: the facts and the line that says what the report is and is not.
pub fn header(r: &Report) -> (Vec<(&'static str, String)>, &'static str) {
    (tables::facts(r), NOT_A_DIAGNOSIS)
}

/// Every block after the header, in order.
pub fn blocks(r: &Report) -> Vec<Block<'_>> {
    let mut b = Vec::new();
    b.push(Block::Part {
        title: "Summary",
        new_page: false,
    });
    if r.is_empty() {
        // A flag still in force (a failed strength test before the period, say) is shown even
        // when nothing was logged in the period itself.
        b.push(Block::Para(NOTHING_LOGGED.to_string()));
        if !r.summary.flags.is_empty() {
            guidance(&mut b, r);
            guidance_detail(&mut b, r);
        }
        return b;
    }
    let s = &r.summary;

    b.push(Block::Lead(tables::totals(r)));
    b.push(Block::Section(tables::at_a_glance(r)));
    b.push(Block::Section(tables::sites(s)));
    guidance(&mut b, r);
    b.push(Block::Section(tables::self_checks(s)));
    b.push(Block::Section(tables::medications(r)));
    b.push(Block::Section(tables::reliefs(s)));
    b.push(Block::Section(tables::standing_out(s)));

    b.push(Block::Part {
        title: "The whole period",
        new_page: true,
    });
    b.push(Block::Heading(
        tables::chart_title(s.chart.unit).to_string(),
    ));
    b.push(Block::Chart(&s.chart));
    b.push(Block::Note(tables::chart_caption(s)));
    for t in tables::where_and_when(s) {
        b.push(Block::Section(t));
    }
    b.push(Block::Section(tables::averages(s)));
    b.push(Block::Section(tables::factors(s)));
    b.push(Block::Section(tables::experiments(s)));
    guidance_detail(&mut b, r);

    b.push(Block::Part {
        title: "Detail",
        new_page: true,
    });
    for t in tables::detail(r) {
        b.push(Block::Section(t));
    }
    b
}

/// Page one's "Guidance met": each flag in a line, or that none is met.
fn guidance<'a>(b: &mut Vec<Block<'a>>, r: &'a Report) {
    let s = &r.summary;
    b.push(Block::Heading("Guidance met".to_string()));
    if s.flags.is_empty() {
        b.push(Block::Para(NO_GUIDANCE_MET.to_string()));
    } else {
        b.push(Block::Note(flags_note(r)));
        b.push(Block::Flags(
            s.flags.iter().map(|f| summary_item(f, r)).collect(),
        ));
    }
}

/// Every flag in detail, as of the period's end, when any is met.
fn guidance_detail<'a>(b: &mut Vec<Block<'a>>, r: &'a Report) {
    let s = &r.summary;
    if s.flags.is_empty() {
        return;
    }
    b.push(Block::Part {
        title: "Guidance met, in detail",
        new_page: false,
    });
    if let Some(end) = status_day(r) {
        b.push(Block::Note(format!(
            "Each flag as of {end}, the end of the period: \"active\" and \"still\" below speak of that day, not of the day this report was made."
        )));
    }
    b.push(Block::Flags(
        s.flags.iter().map(|f| detail_item(f, r)).collect(),
    ));
    b.push(Block::Note(NOT_ADVICE.to_string()));
}

/// "First met 2026-05-09; met 3 times. Source: NICE NG42; MND Association red-flag tool."
fn source_line(flag: &Flag) -> String {
    let mut met = first_met(flag);
    if let Some(first) = met.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    format!("{met}. Source: {}.", source(flag.id))
}

/// The day the flags' status speaks of, when it is not the day the report is made: the rules
/// are evaluated as of the period's end, so a report of October made on 30 November shows a
/// flag active on 31 October, which says nothing of today.
fn status_day(r: &Report) -> Option<String> {
    (r.until != r.made_on).then(|| date(r.until))
}

/// How the flags are ordered, and as of which day.
fn flags_note(r: &Report) -> String {
    match status_day(r) {
        None => "Active flags first, then those met earlier and not active now, each with its source; why each was met follows the charts.".to_string(),
        Some(end) => format!(
            "Each flag as of {end}, the end of the period, not as of the day this report was made: those active on that day first, then those met earlier and no longer active by then, each with its source; why each was met follows the charts."
        ),
    }
}

fn summary_item(flag: &Flag, r: &Report) -> FlagItem {
    FlagItem {
        level: flag.level,
        active: flag.active,
        heading: flag_heading(flag, status_day(r).as_deref()),
        lines: vec![source_line(flag)],
        occurrences: Vec::new(),
    }
}

fn detail_item(flag: &Flag, r: &Report) -> FlagItem {
    let all = &flag.evidence.occurrences;
    let mut occurrences: Vec<String> = all
        .iter()
        .take(OCCURRENCES_LISTED)
        .map(occurrence_line)
        .collect();
    if all.len() > OCCURRENCES_LISTED
        && let Some(first) = all.last()
    {
        occurrences.push(format!(
            "and {} earlier times, the earliest from {}",
            all.len() - OCCURRENCES_LISTED,
            first.first
        ));
    }
    FlagItem {
        level: flag.level,
        active: flag.active,
        heading: flag_heading(flag, status_day(r).as_deref()),
        lines: vec![
            source_line(flag),
            format!("Why: {}", super::text::clean(&flag.detail)),
            format!("Guidance: {}", flag.guidance),
        ],
        occurrences,
    }
}
