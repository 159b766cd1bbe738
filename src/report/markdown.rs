//! The report as Markdown: readable as plain text, and renders well (GitHub-flavoured tables).

use std::fmt::Write;

use super::text::{self, date, md_escape as esc, number, plural};
use super::{NOT_A_DIAGNOSIS, Report, TITLE};
use crate::patterns::{NOT_ADVICE, factor_label};

/// The report as one Markdown document.
pub fn markdown(r: &Report) -> String {
    let mut out = String::new();
    header(&mut out, r);
    if r.is_empty() {
        out.push_str("## Summary\n\nNothing was logged in this period: no episodes, check-ins, medications or self-checks.\n");
        return out;
    }
    summary(&mut out, r);
    detail(&mut out, r);
    out
}

fn header(out: &mut String, r: &Report) {
    let _ = writeln!(out, "# {TITLE}\n");
    let _ = writeln!(out, "- **Period:** {}", r.period());
    let _ = writeln!(out, "- **Made on:** {}", date(r.made_on));
    if let Some(name) = &r.patient.name {
        let _ = writeln!(out, "- **Name:** {}", esc(name));
    }
    if let Some(born) = r.patient.birth_date {
        let _ = writeln!(out, "- **Date of birth:** {}", date(born));
    }
    let _ = writeln!(out, "\n*{NOT_A_DIAGNOSIS}*\n");
}

fn table(out: &mut String, head: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}", head.iter().map(|_| "---|").collect::<String>());
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

/// Days 0-7 of a week as one character: `·` for none, then rising blocks.
fn bar(days: u32) -> char {
    const LEVELS: [char; 8] = ['·', '▁', '▂', '▃', '▄', '▅', '▆', '█'];
    LEVELS[days.min(7) as usize]
}

fn summary(out: &mut String, r: &Report) {
    let s = &r.summary;
    out.push_str("## Summary\n\n");
    let _ = writeln!(
        out,
        "{} on {}; {} ({} with a night cramp).\n",
        plural(s.twitches, "twitch", "twitches"),
        plural(s.twitch_days, "day", "days"),
        plural(s.cramps, "cramp", "cramps"),
        plural(s.cramp_nights, "night", "nights"),
    );

    out.push_str("### Twitch days and cramp nights per week\n\n");
    let shown = if (s.weeks.len() as u32) < s.weeks_in_period {
        format!(
            "The last {} of {} weeks; weeks start on Monday; each mark is one week, from · (none) to █ (7).",
            s.weeks.len(),
            s.weeks_in_period
        )
    } else {
        "Weeks start on Monday; each mark is one week, from · (none) to █ (7).".to_string()
    };
    let _ = writeln!(out, "{shown}\n");
    if let (Some(first), Some(last)) = (s.weeks.first(), s.weeks.last()) {
        out.push_str("```text\n");
        let _ = writeln!(
            out,
            "twitch days   {}",
            s.weeks
                .iter()
                .map(|w| bar(w.twitch_days))
                .collect::<String>()
        );
        let _ = writeln!(
            out,
            "cramp nights  {}",
            s.weeks
                .iter()
                .map(|w| bar(w.cramp_nights))
                .collect::<String>()
        );
        let _ = writeln!(
            out,
            "weeks of      {} to {}",
            date(first.start),
            date(last.start)
        );
        out.push_str("```\n\n");
    }

    out.push_str("### Where and when\n\n");
    table(
        out,
        &["Body group", "Twitches", "Cramps"],
        s.groups.iter().map(|g| {
            vec![
                g.label.clone(),
                g.twitches.to_string(),
                g.cramps.to_string(),
            ]
        }),
    );
    if !s.top_sites.is_empty() {
        table(
            out,
            &["Top sites", "Twitches", "Cramps"],
            s.top_sites.iter().map(|g| {
                vec![
                    g.label.clone(),
                    g.twitches.to_string(),
                    g.cramps.to_string(),
                ]
            }),
        );
    }
    table(
        out,
        &["Time of day (start)", "Twitches", "Cramps"],
        s.times_of_day.iter().map(|b| {
            vec![
                b.label.to_string(),
                b.twitches.to_string(),
                b.cramps.to_string(),
            ]
        }),
    );

    out.push_str("### Flags met in this period\n\n");
    if s.flags.is_empty() {
        out.push_str("No rule was met: nothing here reaches a see-a-doctor threshold.\n\n");
    }
    for f in &s.flags {
        let _ = writeln!(
            out,
            "- **{} ({})**: {} — first met {}{}.  \n  {}  \n  *Rule:* {}",
            f.level.label().to_uppercase(),
            f.level.meaning(),
            esc(&f.title),
            date(f.first_met),
            if f.active { ", still active" } else { "" },
            esc(&f.detail),
            esc(&f.guidance),
        );
    }
    if !s.flags.is_empty() {
        let _ = writeln!(out, "\n*{NOT_ADVICE}*\n");
    }

    out.push_str("### Red-flag self-checks\n\n");
    if s.self_checks.is_empty() {
        out.push_str("No self-check was recorded in this period.\n\n");
    } else {
        table(
            out,
            &["Date", "Strength tests", "Symptoms present", "Result"],
            s.self_checks.iter().map(|c| {
                vec![
                    date(c.date),
                    self_check_tests(c),
                    if c.symptoms.is_empty() {
                        "none".into()
                    } else {
                        c.symptoms.join(", ")
                    },
                    if c.all_fine { "fine" } else { "red flag" }.into(),
                ]
            }),
        );
    }

    if let Some(line) = text::self_checks_not_shown(s.self_checks_not_shown) {
        let _ = writeln!(out, "{line}\n");
    }

    out.push_str("### Medications\n\n");
    if s.medications.is_empty() {
        out.push_str("No medication was taken in this period.\n\n");
    } else {
        let _ = writeln!(
            out,
            "Episodes per week in the days before each start and from it (up to the end of the period).\n"
        );
        table(
            out,
            &[
                "Medication",
                "Class",
                "Started",
                "Stopped",
                "Before",
                "After",
            ],
            s.medications.iter().map(|m| {
                vec![
                    esc(&m.name),
                    m.class.clone(),
                    date(m.start),
                    m.stop.map(date).unwrap_or_else(|| "still taken".into()),
                    rate(m.before, m.before_days, m.before_per_week()),
                    rate(m.after, m.after_days, m.after_per_week()),
                ]
            }),
        );
    }

    out.push_str("### Possible triggers compared\n\n");
    if s.factors.is_empty() {
        out.push_str(
            "No factor has enough check-in days yet to compare exposed and unexposed days.\n\n",
        );
    } else {
        let _ = writeln!(
            out,
            "Days with a check-in, exposed against unexposed; a ratio above 1 means the outcome was more common when exposed. An association in this diary, not proof of cause.\n"
        );
        table(
            out,
            &[
                "Factor",
                "Outcome",
                "Exposed",
                "Unexposed",
                "Ratio",
                &interval_head(s.confidence),
            ],
            s.factors.iter().map(|f| {
                vec![
                    factor_label(&f.factor).to_string(),
                    f.outcome.replace('_', " "),
                    format!("{}/{}", f.exposed_outcome_days, f.exposed_days),
                    format!("{}/{}", f.unexposed_outcome_days, f.unexposed_days),
                    f.ratio
                        .map(|v| format!("{v:.2}"))
                        .unwrap_or_else(|| "-".into()),
                    match (f.ci_low, f.ci_high) {
                        (Some(l), Some(h)) => format!("{l:.2}-{h:.2}"),
                        _ => "-".into(),
                    },
                ]
            }),
        );
    }

    out.push_str("### Check-in averages\n\n");
    let a = &s.averages;
    if a.checkin_days == 0 {
        out.push_str("No daily check-in in this period.\n\n");
    } else {
        table(
            out,
            &["Check-in", "Average", "Days known"],
            averages_rows(a),
        );
    }
}

pub(super) fn interval_head(confidence: f64) -> String {
    format!("{:.0}% interval", confidence * 100.0)
}

pub(super) fn averages_rows(a: &super::Averages) -> Vec<Vec<String>> {
    vec![
        vec![
            "Sleep".into(),
            a.sleep_h
                .map(|v| format!("{} h", number(v)))
                .unwrap_or_else(|| "-".into()),
            a.sleep_days.to_string(),
        ],
        vec![
            "Caffeine".into(),
            a.caffeine_mg
                .map(|v| format!("{v:.0} mg"))
                .unwrap_or_else(|| "-".into()),
            a.caffeine_days.to_string(),
        ],
        vec![
            "Stress (0-10)".into(),
            a.stress.map(number).unwrap_or_else(|| "-".into()),
            a.stress_days.to_string(),
        ],
    ]
}

pub(super) fn self_check_tests(c: &super::SelfCheckRow) -> String {
    if c.tests.is_empty() {
        "not done".into()
    } else {
        c.tests
            .iter()
            .map(|(t, r)| format!("{t} {r}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// "12 in 28 days (3.0 a week)".
pub(super) fn rate(count: u32, days: u32, per_week: Option<f64>) -> String {
    match per_week {
        Some(w) => format!("{count} in {} ({w:.1} a week)", plural(days, "day", "days")),
        None => "-".into(),
    }
}

fn detail(out: &mut String, r: &Report) {
    out.push_str("## Detail\n\n");
    let _ = writeln!(out, "### Episodes ({})\n", r.episodes.len());
    if r.episodes.is_empty() {
        out.push_str("No episodes in this period.\n\n");
    } else {
        table(
            out,
            &text::EPISODE_COLUMNS,
            r.episodes
                .iter()
                .map(|e| text::episode_cells(e).iter().map(|c| esc(c)).collect()),
        );
    }

    let _ = writeln!(out, "### Check-ins ({})\n", r.checkins.len());
    if r.checkins.is_empty() {
        out.push_str("No check-ins in this period.\n\n");
    } else {
        table(
            out,
            &CHECKIN_COLUMNS,
            r.checkins
                .iter()
                .map(|c| checkin_cells(c).iter().map(|c| esc(c)).collect()),
        );
    }

    let _ = writeln!(out, "### Medications ({})\n", r.medications.len());
    if r.medications.is_empty() {
        out.push_str("No medications in this period.\n\n");
    } else {
        table(
            out,
            &MEDICATION_COLUMNS,
            r.medications
                .iter()
                .map(|m| medication_cells(m).iter().map(|c| esc(c)).collect()),
        );
    }

    let _ = writeln!(out, "### Self-checks ({})\n", r.self_checks.len());
    if r.self_checks.is_empty() {
        out.push_str("No self-checks in this period.\n\n");
    } else {
        table(
            out,
            &SELF_CHECK_COLUMNS,
            r.self_checks.iter().map(|c| self_check_cells(c).to_vec()),
        );
    }
}

pub(super) const CHECKIN_COLUMNS: [&str; 10] = [
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
];

pub(super) fn checkin_cells(c: &crate::domain::CheckIn) -> [String; 10] {
    let opt = |v: Option<String>| v.unwrap_or_default();
    [
        date(c.date),
        opt(c.sleep_h.map(number)),
        opt(c.caffeine_mg.map(|v| v.to_string())),
        opt(c.stress.map(|v| v.to_string())),
        opt(c.water_l.map(number)),
        opt(c.alcohol.map(|v| v.to_string())),
        opt(c.exercise_min.map(|v| v.to_string())),
        text::yes_no(c.magnesium),
        text::yes_no(c.stretched),
        c.note.as_deref().map(text::clean).unwrap_or_default(),
    ]
}

pub(super) const MEDICATION_COLUMNS: [&str; 5] =
    ["Medication", "Class", "Dose", "Started", "Stopped"];

pub(super) fn medication_cells(m: &crate::domain::Medication) -> [String; 5] {
    [
        text::clean(&m.name),
        text::class_label(&m.class),
        m.dose.as_deref().map(text::clean).unwrap_or_default(),
        date(m.start),
        m.stop.map(date).unwrap_or_else(|| "still taken".into()),
    ]
}

pub(super) const SELF_CHECK_COLUMNS: [&str; 5] = [
    "Date",
    "Heel walk",
    "Open a jar",
    "Climb stairs",
    "Symptoms present",
];

pub(super) fn self_check_cells(c: &crate::domain::SelfCheck) -> [String; 5] {
    let result =
        |r: Option<crate::domain::TestResult>| r.map_or("not done", |r| r.as_str()).to_string();
    let mut symptoms: Vec<String> = c.symptoms.iter().map(|s| text::symptom_label(s)).collect();
    symptoms.sort();
    [
        date(c.date),
        result(c.heel_walk),
        result(c.jar),
        result(c.stairs),
        if symptoms.is_empty() {
            "none".into()
        } else {
            symptoms.join(", ")
        },
    ]
}
