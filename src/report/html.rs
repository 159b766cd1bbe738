//! The report as one self-contained HTML file: inline CSS, the chart as inline SVG, no scripts
//! and no external requests. The print styles follow the printer's paper (A4 or Letter), keep
//! the summary together and start the detail on a new page.

use std::fmt::Write;
use std::io;

use super::out::Out;

use super::tables::{self, Table};
use super::text::{self, date, html_escape as esc, plural};
use super::{NOT_A_DIAGNOSIS, Report, Summary, TITLE};
use crate::patterns::{Level, NOT_ADVICE};

const STYLE: &str = include_str!("../../assets/report.css");

/// The report as one HTML document.
pub fn html(r: &Report) -> String {
    super::out::to_string(|w| write_html(r, w))
}

/// Writes the report as HTML to `w` as it is made, the text of [`html`].
pub fn write_html(r: &Report, w: &mut dyn io::Write) -> io::Result<()> {
    let mut out = Out::new(w);
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
    out.finish()
}

fn header(out: &mut Out, r: &Report) {
    let _ = writeln!(
        out,
        "<header>\n<h1>{}</h1>\n<dl class=\"facts\">",
        esc(TITLE)
    );
    for (label, value) in tables::facts(r) {
        let _ = writeln!(out, "<dt>{label}</dt><dd>{}</dd>", esc(&value));
    }
    let _ = writeln!(
        out,
        "</dl>\n<p class=\"disclaimer\">{}</p>\n</header>",
        esc(NOT_A_DIAGNOSIS)
    );
}

fn table(out: &mut Out, class: &str, t: &Table) {
    let _ = write!(out, "<table class=\"{class}\">\n<thead><tr>");
    for h in &t.headers {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    t.each_row(|row| {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", esc(cell));
        }
        out.push_str("</tr>\n");
    });
    out.push_str("</tbody>\n</table>\n");
}

/// The table under its heading, after its note; or the line that says there is none.
fn section(out: &mut Out, class: &str, t: &Table) {
    let _ = writeln!(out, "<h3>{}</h3>", esc(&t.title));
    if t.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(t.empty));
        return;
    }
    if let Some(note) = t.note {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(note));
    }
    table(out, class, t);
}

fn summary(out: &mut Out, r: &Report) {
    let s = &r.summary;
    out.push_str("<section class=\"summary\">\n<h2>Summary</h2>\n");
    let _ = writeln!(out, "<p class=\"totals\">{}</p>", tables::totals(s));

    out.push_str(
        "<div class=\"columns\">\n<div>\n<h3>Twitch days and cramp nights per week</h3>\n",
    );
    chart(out, s);
    out.push_str("</div>\n<div>\n<h3>Where and when</h3>\n");
    for t in tables::where_and_when(s) {
        table(out, "counts", &t);
    }
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

    section(out, "checks", &tables::self_checks(s, "RED FLAG"));
    if let Some(line) = text::self_checks_not_shown(s.self_checks_not_shown) {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(&line));
    }
    section(out, "meds", &tables::medications(s));
    section(out, "factors", &tables::factors(s));
    section(out, "experiments", &tables::experiments(s));
    section(out, "averages", &tables::averages(s));
    out.push_str("</section>\n");
}

/// Twitch days and cramp nights per week as paired bars, 0-7 days high.
fn chart(out: &mut Out, s: &Summary) {
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

fn detail(out: &mut Out, r: &Report) {
    out.push_str("<section class=\"detail\">\n<h2>Detail</h2>\n");
    let classes = ["episodes", "checkins", "meds", "checks"];
    for (t, class) in tables::detail(r).iter().zip(classes) {
        section(out, class, t);
    }
    out.push_str("</section>\n");
}
