//! The report's tables, built once from the model as plain text: each renderer only escapes
//! the cells and lays them out, so the formats cannot drift apart in what a row says.

use chrono::{NaiveDate, Timelike};

use super::text::{clean, date, plural};
use super::{Report, Summary, text};
use crate::domain::{
    CheckIn, Episode, Kind, Medication, ReliefUse, SelfCheck, TestResult, format_duration,
};
use crate::patterns;

/// One section's table: cells are clean, unescaped text.
pub struct Table<'a> {
    /// The heading above it; empty for the where-and-when counts, whose first column names them.
    pub title: String,
    /// A line said before the rows.
    pub note: Option<&'static str>,
    /// The line said instead of the table when it has no rows.
    pub empty: &'static str,
    pub headers: Vec<String>,
    pub rows: Rows<'a>,
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

fn table<'a>(title: &str, empty: &'static str, headers: &[&str], rows: Rows<'a>) -> Table<'a> {
    Table {
        title: title.to_string(),
        note: None,
        empty,
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
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
    if let Some(name) = &r.patient.name {
        facts.push(("Name", clean(name)));
    }
    if let Some(born) = r.patient.birth_date {
        facts.push(("Date of birth", date(born)));
    }
    facts
}

/// The summary's first line: "3 twitches on 2 days; 1 cramp (1 night with a night cramp)."
pub fn totals(s: &Summary) -> String {
    format!(
        "{} on {}; {} ({} with a night cramp).",
        plural(s.twitches, "twitch", "twitches"),
        plural(s.twitch_days, "day", "days"),
        plural(s.cramps, "cramp", "cramps"),
        plural(s.cramp_nights, "night", "nights"),
    )
}

/// Episodes by body group, top site (when any) and time of day.
pub fn where_and_when(s: &Summary) -> Vec<Table<'static>> {
    let counts = |head: &str, rows: Vec<(&str, u32, u32)>| {
        let rows = rows
            .into_iter()
            .map(|(label, t, c)| vec![label.to_string(), t.to_string(), c.to_string()])
            .collect();
        table("", "", &[head, "Twitches", "Cramps"], Rows::Made(rows))
    };
    let mut tables = vec![counts(
        "Body group",
        s.groups
            .iter()
            .map(|g| (g.label.as_str(), g.twitches, g.cramps))
            .collect(),
    )];
    if !s.top_sites.is_empty() {
        tables.push(counts(
            "Top sites",
            s.top_sites
                .iter()
                .map(|g| (g.label.as_str(), g.twitches, g.cramps))
                .collect(),
        ));
    }
    tables.push(counts(
        "Time of day (start)",
        s.times_of_day
            .iter()
            .map(|b| (b.label, b.twitches, b.cramps))
            .collect(),
    ));
    tables
}

/// The summary's self-checks; `red_flag` is the result word of one that was not fine.
pub fn self_checks(s: &Summary, red_flag: &str) -> Table<'static> {
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
                none_or(c.symptoms.join(", ")),
                match c.level {
                    None => "fine",
                    Some(crate::patterns::Level::Urgent) => red_flag,
                    Some(_) => "see a doctor",
                }
                .to_string(),
            ]
        })
        .collect();
    table(
        "Red-flag self-checks",
        "No self-check was recorded in this period.",
        &["Date", "Strength tests", "Symptoms present", "Result"],
        Rows::Made(rows),
    )
}

/// The summary's medications with the episode rates before and from each start.
pub fn medications(s: &Summary) -> Table<'static> {
    let rows = s
        .medications
        .iter()
        .map(|m| {
            vec![
                clean(&m.name),
                m.class.clone(),
                date(m.start),
                stopped(m.stop),
                rate(m.before, m.before_days, m.before_per_week()),
                rate(m.after, m.after_days, m.after_per_week()),
            ]
        })
        .collect();
    Table {
        note: Some(
            "Episodes per week in the days before each start and from it (up to the end of the period).",
        ),
        ..table(
            "Medications",
            "No medication was taken in this period.",
            &[
                "Medication",
                "Class",
                "Started",
                "Stopped",
                "Before",
                "After",
            ],
            Rows::Made(rows),
        )
    }
}

/// "12 in 28 days (3.0 a week)".
fn rate(count: u32, days: u32, per_week: Option<f64>) -> String {
    match per_week {
        Some(w) => format!("{count} in {} ({w:.1} a week)", plural(days, "day", "days")),
        None => "-".into(),
    }
}

/// Exposed and unexposed days compared, factor by factor, each row with what may be said of it
/// once chance across every comparison is allowed for.
pub fn factors(s: &Summary) -> Table<'static> {
    let comparisons = patterns::comparisons(&s.factors);
    let rows = s
        .factors
        .iter()
        .map(|f| {
            vec![
                f.label().to_string(),
                f.outcome_words(),
                format!("{}/{}", f.exposed_outcome_days, f.exposed_days),
                format!("{}/{}", f.unexposed_outcome_days, f.unexposed_days),
                f.ratio.map_or_else(|| "-".into(), |v| format!("{v:.2}")),
                match (f.ci_low, f.ci_high) {
                    (Some(l), Some(h)) => format!("{l:.2}–{h:.2}"),
                    _ => "-".into(),
                },
                f.standing().words(comparisons),
            ]
        })
        .collect();
    let interval = format!("{:.0}% interval", s.confidence * 100.0);
    Table {
        note: Some(
            "Days with a check-in, exposed against unexposed (\"next day\": the factor on one day, the outcome on the day after); a ratio above 1 means the outcome was more common when exposed. With this many comparisons some intervals exclude 1 by chance alone: only rows that stand out (Benjamini–Hochberg q below 0.10) are unlikely to be chance. An association in this diary, not proof of cause.",
        ),
        ..table(
            "Possible triggers compared",
            "No factor has enough check-in days yet to compare exposed and unexposed days.",
            &[
                "Factor",
                "Outcome",
                "Exposed",
                "Unexposed",
                "Ratio",
                &interval,
                "Reading",
            ],
            Rows::Made(rows),
        )
    }
}

/// The experiments of the period: the change, the days and outcome days before and during
/// (kept days), the per-protocol ratio and interval, adherence and the verdict.
pub fn experiments(s: &Summary) -> Table<'static> {
    let rows = s
        .experiments
        .iter()
        .map(|e| {
            vec![
                clean(&e.name),
                e.change.label(),
                format!(
                    "{} to {}{}",
                    date(e.start),
                    date(e.end),
                    e.stopped
                        .map(|d| format!(", stopped {}", date(d)))
                        .unwrap_or_default()
                ),
                format!(
                    "{}/{} {}",
                    e.baseline.outcome_days,
                    e.baseline.days,
                    e.outcome.counted()
                ),
                format!(
                    "{}/{} (kept days)",
                    e.experiment.kept_outcome_days, e.experiment.kept_days
                ),
                e.adherence
                    .map_or_else(|| "-".into(), |a| format!("{:.0}%", a * 100.0)),
                e.per_protocol.map_or_else(
                    || "-".into(),
                    |r| format!("{:.2} ({:.2}–{:.2})", r.ratio, r.ci_low, r.ci_high),
                ),
                e.verdict.words().to_string(),
            ]
        })
        .collect();
    let ratio = format!("Ratio ({:.0}% interval)", s.confidence * 100.0);
    Table {
        note: Some(patterns::experiments::CAUTION),
        ..table(
            "Experiments",
            "No experiment in this period.",
            &[
                "Experiment",
                "Change",
                "Days",
                "Before",
                "During",
                "Kept",
                &ratio,
                "Verdict",
            ],
            Rows::Made(rows),
        )
    }
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
        &["Check-in", "Average", "Days known"],
        Rows::Made(rows),
    )
}

/// Every entry of the period: episodes, check-ins, medications, self-checks.
pub fn detail(r: &Report) -> [Table<'_>; 4] {
    let titled = |what: &str, n: usize| format!("{what} ({n})");
    [
        table(
            &titled("Episodes", r.episodes.len()),
            "No episodes in this period.",
            &[
                "Date",
                "Time",
                "Kind",
                "Sites",
                "Intensity / pain",
                "Duration",
                "Triggers",
                "Relief",
                "Sore after",
                "Note",
            ],
            lazy(&r.episodes, episode),
        ),
        table(
            &titled("Check-ins", r.checkins.len()),
            "No check-ins in this period.",
            &[
                "Date",
                "Sleep h",
                "Caffeine mg",
                "Stress",
                "Water l",
                "Alcohol",
                "Exercise min",
                "Magnesium",
                "Stretched",
                "Note",
            ],
            lazy(&r.checkins, checkin),
        ),
        table(
            &titled("Medications", r.medications.len()),
            "No medications in this period.",
            &["Medication", "Class", "Dose", "Started", "Stopped"],
            lazy(&r.medications, medication),
        ),
        table(
            &titled("Self-checks", r.self_checks.len()),
            "No self-checks in this period.",
            &[
                "Date",
                "Heel walk",
                "Open a jar",
                "Climb stairs",
                "Symptoms present",
            ],
            lazy(&r.self_checks, self_check),
        ),
    ]
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
    let sites: Vec<String> = e
        .sites
        .iter()
        .map(|s| match s.side {
            Some(side) => format!("{} ({})", text::site_label(&s.site), side.as_str()),
            None => text::site_label(&s.site),
        })
        .collect();
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

fn relief(r: &ReliefUse) -> String {
    match r.helped {
        Some(true) => format!("{} (helped)", r.relief),
        Some(false) => format!("{} (no help)", r.relief),
        None => r.relief.clone(),
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
        none_or(symptoms.join(", ")),
    ]
}

/// "none" for an empty list.
fn none_or(list: String) -> String {
    if list.is_empty() { "none".into() } else { list }
}
