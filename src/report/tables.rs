//! The report's tables, built once from the model as plain text: each renderer only escapes
//! the cells and lays them out, so the formats cannot drift apart in what a row says.

use chrono::{NaiveDate, Timelike};

use super::model::{ChartUnit, DayRow, Spread, TREND_DAYS, Window};
use super::text::{clean, date, plural};
use super::{Report, Summary, text};
use crate::domain::{
    CheckIn, Episode, Kind, Medication, ReliefUse, SelfCheck, SiteRef, TestResult, format_duration,
};
use crate::patterns::wording::factor_reading;
use crate::patterns::{self, FactorRow, Level};

/// What a column holds, which decides how it is laid out: a date or a time is never broken
/// across lines, counts are narrow and right-aligned, text takes the room that is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// `2026-11-25`: a fixed width, never wrapped.
    Date,
    /// `07:40`: a fixed width, never wrapped.
    Time,
    /// A number or a short count: narrow, right-aligned.
    Count,
    /// A few words.
    Short,
    /// A phrase.
    Text,
    /// Free text (notes): the widest.
    Wide,
}

impl Col {
    /// The share of the width left after the dates and times.
    pub fn share(self) -> f32 {
        match self {
            Col::Date | Col::Time => 0.0,
            Col::Count => 0.6,
            Col::Short => 1.0,
            Col::Text => 1.6,
            Col::Wide => 2.6,
        }
    }

    /// The class a renderer gives the column (HTML and CSS, PDF alignment).
    pub fn class(self) -> &'static str {
        match self {
            Col::Date => "date",
            Col::Time => "time",
            Col::Count => "count",
            Col::Short => "short",
            Col::Text => "text",
            Col::Wide => "wide",
        }
    }
}

/// One section's table: cells are clean, unescaped text.
pub struct Table<'a> {
    /// The heading above it.
    pub title: String,
    /// A line said before the rows.
    pub note: Option<String>,
    /// The line said instead of the table when it has no rows.
    pub empty: String,
    pub headers: Vec<String>,
    /// What each column holds, one per header.
    pub cols: Vec<Col>,
    pub rows: Rows<'a>,
    /// A line said after the rows (what was left out for room).
    pub after: Option<String>,
}

/// A table's rows: made already, or made one at a time as a renderer reaches them, so the
/// detail of a long diary (100,000 episodes) is never held as text all at once.
pub enum Rows<'a> {
    Made(Vec<Vec<String>>),
    Lazy {
        len: usize,
        row: Box<dyn Fn(usize) -> Vec<String> + 'a>,
    },
}

impl Table<'_> {
    pub fn is_empty(&self) -> bool {
        match &self.rows {
            Rows::Made(rows) => rows.is_empty(),
            Rows::Lazy { len, .. } => *len == 0,
        }
    }

    /// Calls `f` with each row in order.
    pub fn each_row(&self, mut f: impl FnMut(&[String])) {
        match &self.rows {
            Rows::Made(rows) => rows.iter().for_each(|r| f(r)),
            Rows::Lazy { len, row } => (0..*len).for_each(|i| f(&row(i))),
        }
    }
}

fn table<'a>(title: &str, empty: &str, columns: &[(&str, Col)], rows: Rows<'a>) -> Table<'a> {
    Table {
        title: title.to_string(),
        note: None,
        empty: empty.to_string(),
        headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
        cols: columns.iter().map(|(_, c)| *c).collect(),
        rows,
        after: None,
    }
}

fn lazy<'a, T>(items: &'a [T], row: fn(&T) -> Vec<String>) -> Rows<'a> {
    Rows::Lazy {
        len: items.len(),
        row: Box::new(move |i| row(&items[i])),
    }
}

/// The header lines: label and value.
pub fn facts(r: &Report) -> Vec<(&'static str, String)> {
    let mut facts = vec![("Period", r.period()), ("Made on", date(r.made_on))];
    if let Some(later) = r.dated_after {
        facts.push((
            "Not included",
            later.describe("the day the report was made"),
        ));
    }
    if let Some(name) = &r.patient.name {
        facts.push(("Name", clean(name)));
    }
    if let Some(born) = r.patient.birth_date {
        facts.push(("Date of birth", date(born)));
    }
    facts
}

/// The summary's first line: "1204 twitches on 93 days and 41 cramps (30 nights with a night
/// cramp), 2026-01-05 to 2026-11-25."
pub fn totals(r: &Report) -> String {
    let s = &r.summary;
    format!(
        "{} on {} and {} ({} with a night cramp), {} to {}.",
        plural(s.twitches.count, "twitch", "twitches"),
        plural(s.twitches.days, "day", "days"),
        plural(s.cramps.count, "cramp", "cramps"),
        plural(s.cramp_nights, "night", "nights"),
        date(r.from),
        date(r.until),
    )
}

/// A number with at most one decimal, without a trailing ".0".
fn num(v: f64) -> String {
    text::number(v)
}

/// Page one's answers, twitches beside cramps: how many, how often, since when, lately, how
/// long and how strong.
pub fn at_a_glance(r: &Report) -> Table<'static> {
    let s = &r.summary;
    let (t, c) = (&s.twitches, &s.cramps);
    let mut rows = vec![
        vec![
            "How many".to_string(),
            format!("{} on {}", t.count, plural(t.days, "day", "days")),
            format!(
                "{} on {} ({} with a night cramp)",
                c.count,
                plural(c.days, "day", "days"),
                plural(s.cramp_nights, "night", "nights")
            ),
        ],
        match (t.per_week, c.per_week) {
            (Some(twitches), Some(cramps)) => vec![
                "How often, over the whole period".to_string(),
                format!("{} a week", weekly(twitches)),
                format!("{} a week", weekly(cramps)),
            ],
            _ => vec![
                "How often, over the whole period".to_string(),
                "the period is shorter than a week".to_string(),
                String::new(),
            ],
        },
        vec![
            "First and latest".to_string(),
            first_and_latest(t.first, t.last),
            first_and_latest(c.first, c.last),
        ],
    ];
    match &s.trend {
        Some(trend) => {
            rows.push(window_row("Last 4 weeks", &trend.last));
            match &trend.before {
                Some(before) => rows.push(window_row("The 4 weeks before", before)),
                None => rows.push(vec![
                    "The 4 weeks before".to_string(),
                    "the period begins with the last 4 weeks".to_string(),
                    String::new(),
                ]),
            }
        }
        None => rows.push(vec![
            "Last 4 weeks".to_string(),
            format!("the period is shorter than {TREND_DAYS} days"),
            String::new(),
        ]),
    }
    rows.push(vec![
        "How long: median (longest)".to_string(),
        duration(t.duration, t.count),
        duration(c.duration, c.count),
    ]);
    rows.push(vec![
        "How strong: median (range)".to_string(),
        strength(t.strength, t.count, "intensity", 5),
        strength(c.strength, c.count, "pain", 10),
    ]);
    table(
        "At a glance",
        "",
        &[
            ("", Col::Text),
            ("Twitches", Col::Text),
            ("Cramps", Col::Text),
        ],
        Rows::Made(rows),
    )
}

/// A rate a week: one decimal, or two below one a week, so a rare kind does not read as none.
fn weekly(v: f64) -> String {
    if v > 0.0 && v < 0.995 {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').to_string()
    } else {
        num(v)
    }
}

fn first_and_latest(first: Option<NaiveDate>, last: Option<NaiveDate>) -> String {
    match (first, last) {
        (Some(f), Some(l)) if f == l => date(f),
        (Some(f), Some(l)) => format!("{} and {}", date(f), date(l)),
        _ => "none".into(),
    }
}

fn window_row(label: &str, w: &Window) -> Vec<String> {
    let days = (w.until - w.from).num_days() + 1;
    let label = if days < TREND_DAYS as i64 {
        format!(
            "{label} ({} to {}: only {} of them in the period)",
            date(w.from),
            date(w.until),
            plural(days as u32, "day", "days")
        )
    } else {
        format!("{label} ({} to {})", date(w.from), date(w.until))
    };
    if !w.logged {
        return vec![
            label,
            "nothing logged: no episode, check-in or self-check".to_string(),
            String::new(),
        ];
    }
    vec![label, w.twitches.to_string(), w.cramps.to_string()]
}

/// "2m (14m58s); known for 12 of 40".
fn duration(spread: Option<Spread>, count: u32) -> String {
    match spread {
        None if count == 0 => "none".into(),
        None => "not recorded".into(),
        Some(d) => {
            let median = format_duration(d.median.round() as u32);
            let mut s = format!("{median} ({})", format_duration(d.max));
            if d.known < count {
                s.push_str(&format!("; known for {} of {count}", d.known));
            }
            s
        }
    }
}

/// "pain 6 of 10 (2-9)".
fn strength(spread: Option<Spread>, count: u32, what: &str, top: u32) -> String {
    match spread {
        None if count == 0 => "none".into(),
        None => "not recorded".into(),
        Some(d) => {
            let range = if d.min == d.max {
                format!("all {}", d.min)
            } else {
                format!("{}-{}", d.min, d.max)
            };
            let mut s = format!("{what} {} of {top} ({range})", num(d.median));
            if d.known < count {
                s.push_str(&format!("; known for {} of {count}", d.known));
            }
            s
        }
    }
}

/// Each site with its side apart, most episodes first.
pub fn sites(s: &Summary) -> Table<'static> {
    let rows = s
        .sites
        .iter()
        .map(|c| {
            vec![
                c.label.clone(),
                c.side.clone(),
                c.twitches.to_string(),
                c.cramps.to_string(),
            ]
        })
        .collect();
    Table {
        after: (s.sites_not_shown > 0).then(|| {
            let most = s.not_shown_most;
            format!(
                "And {}, with at most {} and {} each (the detail names them).",
                plural(s.sites_not_shown, "more site", "more sites"),
                plural(most.twitches, "twitch", "twitches"),
                plural(most.cramps, "cramp", "cramps"),
            )
        }),
        ..table(
            "Where: each site and side",
            "No episode in this period.",
            &[
                ("Site", Col::Text),
                ("Side", Col::Short),
                ("Twitches", Col::Count),
                ("Cramps", Col::Count),
            ],
            Rows::Made(rows),
        )
    }
}

/// The result of a self-check in words, the same wherever it is shown.
pub fn self_check_result(level: Option<Level>) -> &'static str {
    match level {
        None => "no problem noticed",
        Some(Level::Urgent) => "red flag: seek prompt medical review",
        Some(_) => "see a doctor",
    }
}

/// The summary's self-checks, latest first.
pub fn self_checks(s: &Summary) -> Table<'static> {
    let rows = s
        .self_checks
        .iter()
        .map(|c| {
            let tests = if c.tests.is_empty() {
                "not done".to_string()
            } else {
                let tests: Vec<String> = c.tests.iter().map(|(t, r)| format!("{t} {r}")).collect();
                tests.join(", ")
            };
            vec![
                date(c.date),
                tests,
                none_reported(c.symptoms.join(", ")),
                if c.before_period {
                    format!(
                        "{}; from before the period, not cleared by a self-check since",
                        self_check_result(c.level)
                    )
                } else {
                    self_check_result(c.level).to_string()
                },
            ]
        })
        .collect();
    Table {
        after: (s.self_checks_not_shown > 0).then(|| {
            format!(
                "{} earlier, each with no problem noticed, {} in the detail.",
                plural(s.self_checks_not_shown, "self-check", "self-checks"),
                if s.self_checks_not_shown == 1 {
                    "is"
                } else {
                    "are"
                }
            )
        }),
        ..table(
            "Red-flag self-checks, latest first",
            "No self-check was recorded in this period.",
            &[
                ("Date", Col::Date),
                ("Strength tests", Col::Text),
                ("Symptoms reported", Col::Text),
                ("Result", Col::Text),
            ],
            Rows::Made(rows),
        )
    }
}

/// The summary's medications: dose and start, and the episode rates before and from each start.
pub fn medications(r: &Report) -> Table<'static> {
    let rows = r
        .summary
        .medications
        .iter()
        .map(|m| {
            vec![
                clean(&m.name),
                m.class.clone(),
                m.dose.as_deref().map(clean).unwrap_or_default(),
                date(m.start),
                stopped(m.stop),
                if m.before_days == 0 {
                    "diary began after the start".to_string()
                } else {
                    rate(m.before, m.before_days)
                },
                if m.after_days == 0 {
                    "diary began after these days".to_string()
                } else {
                    rate(m.after, m.after_days)
                },
            ]
        })
        .collect();
    // The window, not the rest of the period: "3 in 19 days" are the days of it the diary
    // covers up to the period's end.
    let window = r.summary.medication_window_days;
    let from_it = match window {
        1 => "the start day alone".to_string(),
        n => format!(
            "the start day and the {} after it",
            plural(n - 1, "day", "days")
        ),
    };
    Table {
        note: Some(format!(
            "Episodes in the {} before each start, and in the {window} from it ({from_it}, none after the end of the period); each cell counts only the days of those that the diary covers.",
            plural(window, "day", "days"),
        )),
        ..table(
            "Medications",
            "No medication was taken in this period.",
            &[
                ("Medication", Col::Text),
                ("Class", Col::Text),
                ("Dose", Col::Text),
                ("Started", Col::Date),
                ("Stopped", Col::Date),
                ("Before the start", Col::Text),
                ("From the start", Col::Text),
            ],
            Rows::Made(rows),
        )
    }
}

/// "12 in 28 days (3 a week)"; "2 in 3 days" under a week ([`super::model::per_week`]).
fn rate(count: u32, days: u32) -> String {
    if days == 0 {
        return "-".into();
    }
    let counted = format!("{count} in {}", plural(days, "day", "days"));
    match super::model::per_week(count, days) {
        Some(per_week) => format!("{counted} ({} a week)", num(per_week)),
        None => counted,
    }
}

/// Reliefs: how often each was tried, and whether it helped.
pub fn reliefs(s: &Summary) -> Table<'static> {
    let rows = s
        .reliefs
        .iter()
        .map(|r| {
            vec![
                r.label.clone(),
                r.tried.to_string(),
                r.helped.to_string(),
                r.no_help.to_string(),
                (r.tried - r.helped - r.no_help).to_string(),
            ]
        })
        .collect();
    table(
        "What was tried, and whether it helped",
        "No relief was recorded in this period.",
        &[
            ("Relief", Col::Text),
            ("Tried", Col::Count),
            ("Helped", Col::Count),
            ("No help", Col::Count),
            ("Not said", Col::Count),
        ],
        Rows::Made(rows),
    )
}

/// Factor rows, each with what is read from it.
fn factor_rows<'f>(rows: impl Iterator<Item = (&'f FactorRow, String)>) -> Rows<'static> {
    Rows::Made(
        rows.map(|(f, reading)| {
            let (ratio, interval, _) = factor_reading(f);
            vec![
                f.label().to_string(),
                f.outcome_words(),
                format!("{}/{}", f.exposed_outcome_days, f.exposed_days),
                format!("{}/{}", f.unexposed_outcome_days, f.unexposed_days),
                format!("{ratio} ({interval})"),
                reading,
            ]
        })
        .collect(),
    )
}

fn factor_columns(confidence: f64) -> [(String, Col); 6] {
    [
        ("Factor".to_string(), Col::Text),
        ("Outcome".to_string(), Col::Short),
        ("Exposed days".to_string(), Col::Count),
        ("Unexposed days".to_string(), Col::Count),
        (
            format!("Ratio ({:.0}% interval)", confidence * 100.0),
            Col::Short,
        ),
        ("Reading".to_string(), Col::Text),
    ]
}

const ASSOCIATION: &str = "Days with a check-in, exposed against unexposed: outcome days / days. A ratio above 1 means the outcome was more common when exposed. An association in this diary, not proof of cause.";

fn factor_table(
    title: &str,
    note: &str,
    empty: String,
    confidence: f64,
    rows: Rows<'static>,
) -> Table<'static> {
    let columns = factor_columns(confidence);
    let columns: Vec<(&str, Col)> = columns.iter().map(|(h, c)| (h.as_str(), *c)).collect();
    Table {
        note: Some(note.to_string()),
        ..table(title, &empty, &columns, rows)
    }
}

/// Page one's shorter line before the comparisons that stand out.
const ASSOCIATION_SHORT: &str = "Days with a check-in, exposed against unexposed (outcome days / days); an association in this diary, not proof of cause.";

/// Page one's comparisons: those whose interval excludes 1, the ones that stand out after
/// allowing for every comparison first, each read as every view reads it
/// ([`Summary::standing_out`]).
pub fn standing_out(s: &Summary) -> Table<'static> {
    let m = patterns::comparisons(&s.factors);
    let shown = s.standing_out();
    let empty = if m == 0 {
        "No factor has enough check-in days yet to compare exposed and unexposed days.".to_string()
    } else {
        format!(
            "No comparison stands out: every interval includes 1 ({}).",
            plural(m as u32, "comparison", "comparisons")
        )
    };
    // The heading says what the rows are: some may be chance.
    let title = if shown.iter().all(|n| n.stands_out) {
        "Trigger comparisons that stand out"
    } else {
        "Trigger comparisons whose interval excludes 1"
    };
    let more = shown.len().saturating_sub(Summary::STANDING_OUT);
    let rows = shown.iter().take(Summary::STANDING_OUT).map(|n| {
        let which_way = if n.row.ratio.is_some_and(|r| r < 1.0) {
            "less often"
        } else {
            "more often"
        };
        (n.row, format!("{which_way} when exposed; {}", n.words))
    });
    Table {
        after: (more > 0)
            .then(|| format!("And {} more, with every comparison after the charts.", more)),
        ..factor_table(
            title,
            &format!("{ASSOCIATION_SHORT} {}", chance_short(m)),
            empty,
            s.confidence,
            factor_rows(rows),
        )
    }
}

/// "Allowing for all 30 comparisons, only rows that stand out are unlikely to be chance."
fn chance_short(comparisons: usize) -> String {
    format!(
        "Allowing for all {}, only a row that stands out (Benjamini–Hochberg q below {:.2}) is unlikely to be chance.",
        plural(comparisons as u32, "comparison", "comparisons"),
        patterns::STANDS_OUT_BELOW_Q
    )
}

/// Every comparison with enough days, in DOMAIN.md order (the same day, then the next day).
pub fn factors(s: &Summary) -> Table<'static> {
    let m = patterns::comparisons(&s.factors);
    factor_table(
        "Possible triggers compared: every comparison with enough days",
        &format!("{ASSOCIATION} {}", patterns::chance_note(m)),
        "No factor has enough check-in days yet to compare exposed and unexposed days.".into(),
        s.confidence,
        factor_rows(s.factors.iter().map(|f| (f, patterns::reading(f, m)))),
    )
}

/// The experiments of the period (DOMAIN.md section 7): the change, its days, the outcome days
/// before and on the kept days, adherence, the per-protocol ratio and the verdict, with the
/// caution every result carries.
pub fn experiments(s: &Summary) -> Table<'static> {
    let rows = s
        .experiments
        .iter()
        .map(|e| {
            vec![
                clean(&e.record.name),
                e.record.change.label(),
                format!(
                    "{} to {}{}",
                    date(e.record.start),
                    date(e.record.end),
                    e.record
                        .stopped
                        .map(|d| format!(", stopped {}", date(d)))
                        .unwrap_or_default()
                ),
                format!(
                    "{}/{} {}",
                    e.baseline.outcome_days,
                    e.baseline.days,
                    e.record.outcome.counted()
                ),
                format!(
                    "{}/{} (kept days)",
                    e.experiment.kept_outcome_days, e.experiment.kept_days
                ),
                e.adherence
                    .map_or_else(|| "-".into(), |a| format!("{:.0}%", a * 100.0)),
                e.per_protocol.map_or_else(
                    || "-".into(),
                    |r| format!("{:.2} ({:.2}-{:.2})", r.ratio, r.ci_low, r.ci_high),
                ),
                e.verdict.words().to_string(),
            ]
        })
        .collect();
    let ratio = format!("Ratio ({:.0}% interval)", s.confidence * 100.0);
    Table {
        note: Some(patterns::experiments::CAUTION.to_string()),
        ..table(
            "Experiments",
            "No experiment in this period.",
            &[
                ("Experiment", Col::Text),
                ("Change", Col::Text),
                ("Days", Col::Text),
                ("Before", Col::Short),
                ("During", Col::Short),
                ("Kept", Col::Count),
                (&ratio, Col::Short),
                ("Verdict", Col::Text),
            ],
            Rows::Made(rows),
        )
    }
}

/// Episodes by body group and by time of day.
pub fn where_and_when(s: &Summary) -> [Table<'static>; 2] {
    let counts = |title: &str, head: &str, rows: Vec<(&str, u32, u32)>| {
        let rows = rows
            .into_iter()
            .map(|(label, t, c)| vec![label.to_string(), t.to_string(), c.to_string()])
            .collect();
        table(
            title,
            "",
            &[
                (head, Col::Text),
                ("Twitches", Col::Count),
                ("Cramps", Col::Count),
            ],
            Rows::Made(rows),
        )
    };
    [
        counts(
            "Body regions",
            "Body region",
            s.groups
                .iter()
                .map(|g| (g.label.as_str(), g.twitches, g.cramps))
                .collect(),
        ),
        counts(
            "Time of day",
            "Start (local time)",
            s.times_of_day
                .iter()
                .map(|b| (b.label, b.twitches, b.cramps))
                .collect(),
        ),
    ]
}

/// Sleep, caffeine and stress averaged over the check-ins; no rows without check-ins.
pub fn averages(s: &Summary) -> Table<'static> {
    let a = &s.averages;
    let average = |v: Option<f64>, show: fn(f64) -> String| v.map_or_else(|| "-".into(), show);
    let rows = if a.checkin_days == 0 {
        Vec::new()
    } else {
        vec![
            vec![
                "Sleep".into(),
                average(a.sleep_h, |v| format!("{} h", text::number(v))),
                a.sleep_days.to_string(),
            ],
            vec![
                "Caffeine".into(),
                average(a.caffeine_mg, |v| format!("{v:.0} mg")),
                a.caffeine_days.to_string(),
            ],
            vec![
                "Stress (0-10)".into(),
                average(a.stress, text::number),
                a.stress_days.to_string(),
            ],
        ]
    };
    table(
        "Check-in averages",
        "No daily check-in in this period.",
        &[
            ("Check-in", Col::Text),
            ("Average", Col::Short),
            ("Days known", Col::Count),
        ],
        Rows::Made(rows),
    )
}

/// The chart's heading.
pub fn chart_title(unit: ChartUnit) -> &'static str {
    match unit {
        ChartUnit::Week => "Twitch days and cramp days per week",
        ChartUnit::Month => "Twitch days and cramp days per month",
    }
}

/// The line under the chart: what it covers and how to read it.
pub fn chart_caption(s: &Summary) -> String {
    let c = &s.chart;
    let (Some(first), Some(last)) = (c.buckets.first(), c.buckets.last()) else {
        return String::new();
    };
    let n = c.buckets.len() as u32;
    match c.unit {
        ChartUnit::Week => format!(
            "Every week of the period: {} from the week of {} to the week of {}; weeks start on Monday; bars rise to 7 days; a cramp counts on the day it began, by day or by night.",
            plural(n, "week", "weeks"),
            date(first.start),
            date(last.start)
        ),
        ChartUnit::Month => format!(
            "Every month of the period: {} from {} to {}; bars rise to 31 days; a cramp counts on the day it began, by day or by night.",
            plural(n, "month", "months"),
            first.start.format("%Y-%m"),
            last.start.format("%Y-%m")
        ),
    }
}

/// The site as the detail names it: "calf (left)".
pub fn site_with_side(s: &SiteRef) -> String {
    match s.side {
        Some(side) => format!("{} ({})", text::site_label(&s.site), side.as_str()),
        None => text::site_label(&s.site),
    }
}

/// Every entry of the period. Up to [`Report::EPISODE_ROWS_UP_TO_DAYS`] days: each episode and
/// each check-in; longer: one row per day with an episode or a note. Then the medications and
/// the self-checks.
pub fn detail(r: &Report) -> Vec<Table<'_>> {
    let titled = |what: &str, n: usize| format!("{what} ({n})");
    let mut tables = Vec::new();
    if r.lists_every_episode() {
        tables.push(table(
            &titled("Episodes", r.episode_count),
            "No episodes in this period.",
            &[
                ("Date", Col::Date),
                ("Time", Col::Time),
                ("Kind", Col::Short),
                ("Sites", Col::Text),
                ("Intensity / pain", Col::Short),
                ("Duration", Col::Count),
                ("Triggers", Col::Text),
                ("Relief", Col::Text),
                ("Sore after", Col::Count),
                ("Note", Col::Wide),
            ],
            lazy(&r.episodes, episode),
        ));
        tables.push(table(
            &titled("Check-ins", r.checkins.len()),
            "No check-ins in this period.",
            &[
                ("Date", Col::Date),
                ("Sleep h", Col::Count),
                ("Caffeine mg", Col::Count),
                ("Stress", Col::Count),
                ("Water l", Col::Count),
                ("Alcohol", Col::Count),
                ("Exercise min", Col::Count),
                ("Magnesium", Col::Count),
                ("Stretched", Col::Count),
                ("Note", Col::Wide),
            ],
            lazy(&r.checkins, checkin),
        ));
    } else {
        tables.push(Table {
            note: Some(format!(
                "The period is longer than {} days, so each day with an episode or a note is one row ({} of the {} days); every episode and check-in is in the data export (myolog export --format csv). Sides: L left, R right, B both, ? not given.",
                super::Report::EPISODE_ROWS_UP_TO_DAYS,
                r.days.len(),
                r.days_in_period(),
            )),
            ..table(
                &titled("Days", r.days.len()),
                "No episodes or notes in this period.",
                &[
                    ("Date", Col::Date),
                    ("Twitches", Col::Count),
                    ("Cramps", Col::Count),
                    ("Sites", Col::Wide),
                    ("Strongest twitch", Col::Count),
                    ("Worst pain", Col::Count),
                    ("Sleep h", Col::Count),
                    ("Caffeine mg", Col::Count),
                    ("Stress", Col::Count),
                    ("Notes", Col::Wide),
                ],
                lazy(&r.days, day),
            )
        });
    }
    tables.push(table(
        &titled("Medications", r.medications.len()),
        "No medications in this period.",
        &[
            ("Medication", Col::Text),
            ("Class", Col::Text),
            ("Dose", Col::Text),
            ("Started", Col::Date),
            ("Stopped", Col::Date),
        ],
        lazy(&r.medications, medication),
    ));
    tables.push(table(
        &titled("Self-checks", r.self_checks.len()),
        "No self-checks in this period.",
        &[
            ("Date", Col::Date),
            ("Heel walk", Col::Short),
            ("Open a jar", Col::Short),
            ("Climb stairs", Col::Short),
            ("Symptoms reported", Col::Text),
            ("Result", Col::Text),
        ],
        lazy(&r.self_checks, self_check),
    ));
    tables
}

fn episode(e: &Episode) -> Vec<String> {
    let strength = match e.kind {
        Kind::Twitch => e.intensity.map(|i| format!("{i}/5")),
        Kind::Cramp => e.pain.map(|p| format!("pain {p}/10")),
    };
    let extras: Vec<&str> = [
        (e.visible, "visible"),
        (e.hardening, "hard"),
        (e.lost_motion, "lost motion"),
    ]
    .into_iter()
    .filter(|(v, _)| *v == Some(true))
    .map(|(_, what)| what)
    .collect();
    let strength: Vec<String> = strength
        .into_iter()
        .chain(extras.into_iter().map(str::to_string))
        .collect();
    let sites: Vec<String> = e.sites.iter().map(site_with_side).collect();
    let reliefs: Vec<String> = e.reliefs.iter().map(relief).collect();
    vec![
        date(e.local_date()),
        format!("{:02}:{:02}", e.start.hour(), e.start.minute()),
        e.kind.as_str().to_string(),
        sites.join(", "),
        strength.join(", "),
        e.duration_s.map(format_duration).unwrap_or_default(),
        e.triggers.join(", "),
        reliefs.join(", "),
        e.sore_days
            .map(|d| plural(u32::from(d), "day", "days"))
            .unwrap_or_default(),
        e.note.as_deref().map(clean).unwrap_or_default(),
    ]
}

fn day(d: &DayRow) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    vec![
        date(d.date),
        d.twitches.to_string(),
        d.cramps.to_string(),
        d.sites.join(", "),
        opt(d.strongest_twitch.map(|i| format!("{i}/5"))),
        opt(d.worst_pain.map(|p| format!("{p}/10"))),
        opt(d.sleep_h.map(text::number)),
        opt(d.caffeine_mg.map(|v| v.to_string())),
        opt(d.stress.map(|v| v.to_string())),
        d.notes.join("\n"),
    ]
}

fn relief(r: &ReliefUse) -> String {
    let label = text::relief_label(&r.relief);
    match r.helped {
        Some(true) => format!("{label} (helped)"),
        Some(false) => format!("{label} (no help)"),
        None => label,
    }
}

fn checkin(c: &CheckIn) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    vec![
        date(c.date),
        opt(c.sleep_h.map(text::number)),
        opt(c.caffeine_mg.map(|v| v.to_string())),
        opt(c.stress.map(|v| v.to_string())),
        opt(c.water_l.map(text::number)),
        opt(c.alcohol.map(|v| v.to_string())),
        opt(c.exercise_min.map(|v| v.to_string())),
        text::yes_no(c.magnesium),
        text::yes_no(c.stretched),
        c.note.as_deref().map(clean).unwrap_or_default(),
    ]
}

fn medication(m: &Medication) -> Vec<String> {
    vec![
        clean(&m.name),
        text::class_label(&m.class),
        m.dose.as_deref().map(clean).unwrap_or_default(),
        date(m.start),
        stopped(m.stop),
    ]
}

fn stopped(stop: Option<NaiveDate>) -> String {
    stop.map_or_else(|| "still taken".into(), date)
}

fn self_check(c: &SelfCheck) -> Vec<String> {
    let result = |r: Option<TestResult>| r.map_or("not done", |r| r.as_str()).to_string();
    let mut symptoms: Vec<String> = c.symptoms.iter().map(|s| text::symptom_label(s)).collect();
    symptoms.sort();
    vec![
        date(c.date),
        result(c.heel_walk),
        result(c.jar),
        result(c.stairs),
        none_reported(symptoms.join(", ")),
        self_check_result(crate::patterns::self_check_level(c)).to_string(),
    ]
}

/// "none reported" for an empty list.
fn none_reported(list: String) -> String {
    if list.is_empty() {
        "none reported".into()
    } else {
        list
    }
}
