//! The report as one self-contained HTML file: inline CSS, the chart as inline SVG, no scripts
//! and no external requests. The print styles follow the printer's paper (A4 or Letter), keep
//! the summary together and start the detail on a new page.

use std::fmt::Write;

use super::markdown::{
    CHECKIN_COLUMNS, MEDICATION_COLUMNS, SELF_CHECK_COLUMNS, averages_rows, checkin_cells,
    interval_head, medication_cells, rate, self_check_cells, self_check_tests,
};
use super::text::{self, date, html_escape as esc, plural};
use super::{NOT_A_DIAGNOSIS, Report, Summary, TITLE};
use crate::patterns::{Level, NOT_ADVICE, factor_label};

const STYLE: &str = include_str!("../../assets/report.css");

/// The report as one HTML document.
pub fn html(r: &Report) -> String {
    let mut out = String::with_capacity(4096 + r.episodes.len() * 200);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        esc(TITLE),
        esc(&r.period())
    );
    header(&mut out, r);
    if r.is_empty() {
        out.push_str(
            "<section class=\"summary\">\n<h2>Summary</h2>\n<p class=\"empty\">Nothing was logged in this period: no episodes, check-ins, medications or self-checks.</p>\n</section>\n",
        );
    } else {
        summary(&mut out, r);
        detail(&mut out, r);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn header(out: &mut String, r: &Report) {
    let _ = writeln!(
        out,
        "<header>\n<h1>{}</h1>\n<dl class=\"facts\">",
        esc(TITLE)
    );
    let _ = writeln!(out, "<dt>Period</dt><dd>{}</dd>", esc(&r.period()));
    let _ = writeln!(out, "<dt>Made on</dt><dd>{}</dd>", date(r.made_on));
    if let Some(name) = &r.patient.name {
        let _ = writeln!(out, "<dt>Name</dt><dd>{}</dd>", esc(name));
    }
    if let Some(born) = r.patient.birth_date {
        let _ = writeln!(out, "<dt>Date of birth</dt><dd>{}</dd>", date(born));
    }
    let _ = writeln!(
        out,
        "</dl>\n<p class=\"disclaimer\">{}</p>\n</header>",
        esc(NOT_A_DIAGNOSIS)
    );
}

/// A table whose cells are already escaped.
fn table(
    out: &mut String,
    class: &str,
    head: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) {
    let _ = write!(out, "<table class=\"{class}\">\n<thead><tr>");
    for h in head {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{cell}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn counts_table(out: &mut String, head: &str, rows: impl Iterator<Item = (String, u32, u32)>) {
    table(
        out,
        "counts",
        &[head, "Twitches", "Cramps"],
        rows.map(|(label, t, c)| vec![esc(&label), t.to_string(), c.to_string()]),
    );
}

fn summary(out: &mut String, r: &Report) {
    let s = &r.summary;
    out.push_str("<section class=\"summary\">\n<h2>Summary</h2>\n");
    let _ = writeln!(
        out,
        "<p class=\"totals\">{} on {}; {} ({} with a night cramp).</p>",
        plural(s.twitches, "twitch", "twitches"),
        plural(s.twitch_days, "day", "days"),
        plural(s.cramps, "cramp", "cramps"),
        plural(s.cramp_nights, "night", "nights"),
    );

    out.push_str(
        "<div class=\"columns\">\n<div>\n<h3>Twitch days and cramp nights per week</h3>\n",
    );
    chart(out, s);
    out.push_str("</div>\n<div>\n<h3>Where and when</h3>\n");
    counts_table(
        out,
        "Body group",
        s.groups
            .iter()
            .map(|g| (g.label.clone(), g.twitches, g.cramps)),
    );
    if !s.top_sites.is_empty() {
        counts_table(
            out,
            "Top sites",
            s.top_sites
                .iter()
                .map(|g| (g.label.clone(), g.twitches, g.cramps)),
        );
    }
    counts_table(
        out,
        "Time of day (start)",
        s.times_of_day
            .iter()
            .map(|b| (b.label.to_string(), b.twitches, b.cramps)),
    );
    out.push_str("</div>\n</div>\n");

    out.push_str("<h3>Flags met in this period</h3>\n");
    if s.flags.is_empty() {
        out.push_str("<p>No rule was met: nothing here reaches a see-a-doctor threshold.</p>\n");
    } else {
        out.push_str("<ul class=\"flags\">\n");
        for f in &s.flags {
            let class = match f.level {
                Level::Urgent => "urgent",
                Level::SeeDoctor => "see-doctor",
                Level::Notice => "notice",
            };
            let _ = writeln!(
                out,
                "<li class=\"{class}\"><span class=\"level\">{}</span> <strong>{}</strong> — first met {}{}<br><span class=\"why\">{}</span><br><span class=\"rule\">Rule: {}</span></li>",
                esc(&f.level.label().to_uppercase()),
                esc(&f.title),
                date(f.first_met),
                if f.active { ", still active" } else { "" },
                esc(&f.detail),
                esc(&f.guidance),
            );
        }
        let _ = writeln!(out, "</ul>\n<p class=\"note\">{}</p>", esc(NOT_ADVICE));
    }

    out.push_str("<h3>Red-flag self-checks</h3>\n");
    if s.self_checks.is_empty() {
        out.push_str("<p>No self-check was recorded in this period.</p>\n");
    } else {
        table(
            out,
            "checks",
            &["Date", "Strength tests", "Symptoms present", "Result"],
            s.self_checks.iter().map(|c| {
                vec![
                    date(c.date),
                    esc(&self_check_tests(c)),
                    esc(&if c.symptoms.is_empty() {
                        "none".to_string()
                    } else {
                        c.symptoms.join(", ")
                    }),
                    if c.all_fine {
                        "fine".to_string()
                    } else {
                        "<strong>red flag</strong>".to_string()
                    },
                ]
            }),
        );
    }
    if let Some(line) = text::self_checks_not_shown(s.self_checks_not_shown) {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(&line));
    }

    out.push_str("<h3>Medications</h3>\n");
    if s.medications.is_empty() {
        out.push_str("<p>No medication was taken in this period.</p>\n");
    } else {
        out.push_str("<p class=\"note\">Episodes per week in the days before each start and from it (up to the end of the period).</p>\n");
        table(
            out,
            "meds",
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
                    esc(&m.class),
                    date(m.start),
                    m.stop.map(date).unwrap_or_else(|| "still taken".into()),
                    esc(&rate(m.before, m.before_days, m.before_per_week())),
                    esc(&rate(m.after, m.after_days, m.after_per_week())),
                ]
            }),
        );
    }

    out.push_str("<h3>Possible triggers compared</h3>\n");
    if s.factors.is_empty() {
        out.push_str("<p>No factor has enough check-in days yet to compare exposed and unexposed days.</p>\n");
    } else {
        out.push_str("<p class=\"note\">Days with a check-in, exposed against unexposed; a ratio above 1 means the outcome was more common when exposed. An association in this diary, not proof of cause.</p>\n");
        let interval = interval_head(s.confidence);
        table(
            out,
            "factors",
            &[
                "Factor",
                "Outcome",
                "Exposed",
                "Unexposed",
                "Ratio",
                &interval,
            ],
            s.factors.iter().map(|f| {
                vec![
                    esc(factor_label(&f.factor)),
                    esc(&f.outcome.replace('_', " ")),
                    format!("{}/{}", f.exposed_outcome_days, f.exposed_days),
                    format!("{}/{}", f.unexposed_outcome_days, f.unexposed_days),
                    f.ratio
                        .map(|v| format!("{v:.2}"))
                        .unwrap_or_else(|| "-".into()),
                    match (f.ci_low, f.ci_high) {
                        (Some(l), Some(h)) => format!("{l:.2}–{h:.2}"),
                        _ => "-".into(),
                    },
                ]
            }),
        );
    }
    out.push_str("<h3>Check-in averages</h3>\n");
    if s.averages.checkin_days == 0 {
        out.push_str("<p>No daily check-in in this period.</p>\n");
    } else {
        table(
            out,
            "averages",
            &["Check-in", "Average", "Days known"],
            averages_rows(&s.averages)
                .into_iter()
                .map(|row| row.iter().map(|c| esc(c)).collect()),
        );
    }

    out.push_str("</section>\n");
}

/// Twitch days and cramp nights per week as paired bars, 0-7 days high.
fn chart(out: &mut String, s: &Summary) {
    let n = s.weeks.len().max(1) as f64;
    let (width, height, left, bottom) = (360.0, 120.0, 22.0, 18.0);
    let plot_w = width - left - 4.0;
    let plot_h = height - bottom - 6.0;
    let step = plot_w / n;
    // Few weeks would make slabs of bars; keep them slim.
    let bar_w = (step / 2.0 - 0.5).clamp(0.5, 12.0);
    let y = |days: u32| plot_h + 6.0 - plot_h * f64::from(days.min(7)) / 7.0;
    let _ = writeln!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"chart-title\">\n<title id=\"chart-title\">Twitch days and cramp nights per week</title>"
    );
    for days in [0u32, 7] {
        let _ = writeln!(
            out,
            "<line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" class=\"axis\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"end\">{days}</text>",
            y(days),
            width - 4.0,
            y(days),
            left - 3.0,
            y(days) + 3.0
        );
    }
    for (i, w) in s.weeks.iter().enumerate() {
        let x = left + step * i as f64 + (step - 2.0 * bar_w - 0.5).max(0.0) / 2.0;
        let bars = [
            (
                0.0,
                w.twitch_days,
                "twitch",
                plural(w.twitch_days, "twitch day", "twitch days"),
            ),
            (
                1.0,
                w.cramp_nights,
                "cramp",
                plural(w.cramp_nights, "cramp night", "cramp nights"),
            ),
        ];
        for (k, value, class, what) in bars {
            if value > 0 {
                let _ = writeln!(
                    out,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"{:.1}\" class=\"{class}\"><title>week of {}: {what}</title></rect>",
                    x + k * (bar_w + 0.5),
                    y(value),
                    y(0) - y(value),
                    date(w.start),
                );
            }
        }
    }
    if let (Some(first), Some(last)) = (s.weeks.first(), s.weeks.last()) {
        let _ = writeln!(
            out,
            "<text x=\"{left}\" y=\"{:.1}\" class=\"tick\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"end\">{}</text>",
            height - 4.0,
            date(first.start),
            width - 4.0,
            height - 4.0,
            date(last.start),
        );
    }
    out.push_str("</svg>\n");
    let _ = writeln!(
        out,
        "<p class=\"legend\"><span class=\"key twitch\"></span> twitch days <span class=\"key cramp\"></span> cramp nights (a night counts for the evening it began). {}Weeks start on Monday.</p>",
        if (s.weeks.len() as u32) < s.weeks_in_period {
            format!(
                "The last {} of {} weeks. ",
                s.weeks.len(),
                s.weeks_in_period
            )
        } else {
            String::new()
        }
    );
}

fn detail(out: &mut String, r: &Report) {
    out.push_str("<section class=\"detail\">\n<h2>Detail</h2>\n");
    let _ = writeln!(out, "<h3>Episodes ({})</h3>", r.episodes.len());
    if r.episodes.is_empty() {
        out.push_str("<p>No episodes in this period.</p>\n");
    } else {
        table(
            out,
            "episodes",
            &text::EPISODE_COLUMNS,
            r.episodes
                .iter()
                .map(|e| text::episode_cells(e).iter().map(|c| esc(c)).collect()),
        );
    }
    let _ = writeln!(out, "<h3>Check-ins ({})</h3>", r.checkins.len());
    if r.checkins.is_empty() {
        out.push_str("<p>No check-ins in this period.</p>\n");
    } else {
        table(
            out,
            "checkins",
            &CHECKIN_COLUMNS,
            r.checkins
                .iter()
                .map(|c| checkin_cells(c).iter().map(|c| esc(c)).collect()),
        );
    }
    let _ = writeln!(out, "<h3>Medications ({})</h3>", r.medications.len());
    if r.medications.is_empty() {
        out.push_str("<p>No medications in this period.</p>\n");
    } else {
        table(
            out,
            "meds",
            &MEDICATION_COLUMNS,
            r.medications
                .iter()
                .map(|m| medication_cells(m).iter().map(|c| esc(c)).collect()),
        );
    }
    let _ = writeln!(out, "<h3>Self-checks ({})</h3>", r.self_checks.len());
    if r.self_checks.is_empty() {
        out.push_str("<p>No self-checks in this period.</p>\n");
    } else {
        table(
            out,
            "checks",
            &SELF_CHECK_COLUMNS,
            r.self_checks
                .iter()
                .map(|c| self_check_cells(c).iter().map(|c| esc(c)).collect()),
        );
    }
    out.push_str("</section>\n");
}
