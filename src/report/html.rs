//! The report as one self-contained HTML file: inline CSS, the chart as inline SVG, no scripts
//! and no external requests. It lays out the blocks of [`super::document`]; every word comes
//! from there. Printed, it follows the printer's paper (A4 or Letter) as the PDF does: the parts
//! after page one start on a new page, headings stay with what follows, table headers repeat,
//! and dates and times keep to one line.

use std::fmt::Write;
use std::io;

use super::Report;
use super::document::{self, Block, FlagItem, TITLE};
use super::model::{Chart, ChartUnit};
use super::out::Out;
use super::tables::{self, Col, Table};
use super::text::{date, html_escape as esc, html_escape_dates as esc_dates, plural};

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
    let (facts, disclaimer) = document::header(r);
    let _ = writeln!(
        out,
        "<header>\n<h1>{}</h1>\n<dl class=\"facts\">",
        esc(TITLE)
    );
    for (label, value) in facts {
        let _ = writeln!(out, "<dt>{label}</dt><dd>{}</dd>", esc_dates(&value));
    }
    let _ = writeln!(
        out,
        "</dl>\n<p class=\"disclaimer\">{}</p>\n</header>",
        esc(disclaimer)
    );
    let mut open = false;
    for block in document::blocks(r) {
        match block {
            Block::Part { title, new_page } => {
                if open {
                    out.push_str("</section>\n");
                }
                let _ = writeln!(
                    out,
                    "<section class=\"part{}\">\n<h2>{}</h2>",
                    if new_page { " new-page" } else { "" },
                    esc(title)
                );
                open = true;
            }
            Block::Heading(text) => {
                let _ = writeln!(out, "<h3>{}</h3>", esc(&text));
            }
            Block::Lead(text) => {
                let _ = writeln!(out, "<p class=\"lead\">{}</p>", esc_dates(&text));
            }
            Block::Para(text) => {
                let _ = writeln!(out, "<p>{}</p>", esc_dates(&text));
            }
            Block::Note(text) if text.is_empty() => {}
            Block::Note(text) => {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", esc_dates(&text));
            }
            Block::Section(t) => section(&mut out, &t),
            Block::Flags(items) => flags(&mut out, &items),
            Block::Chart(chart) => svg_chart(&mut out, chart),
        }
    }
    if open {
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out.finish()
}

fn table(out: &mut Out, t: &Table) {
    out.push_str("<table>\n<colgroup>");
    for col in &t.cols {
        let _ = write!(out, "<col class=\"{}\">", col.class());
    }
    out.push_str("</colgroup>\n<thead><tr>");
    for (h, col) in t.headers.iter().zip(&t.cols) {
        let _ = write!(out, "<th class=\"{}\">{}</th>", col.class(), esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    t.each_row(|row| {
        out.push_str("<tr>");
        for (cell, col) in row.iter().zip(&t.cols) {
            // A date column is kept whole by its class; dates inside text by their own span.
            let text = match col {
                Col::Date | Col::Time => esc(cell),
                _ => esc_dates(cell),
            };
            let _ = write!(out, "<td class=\"{}\">{text}</td>", col.class());
        }
        out.push_str("</tr>\n");
    });
    out.push_str("</tbody>\n</table>\n");
}

/// The table under its heading, after its note; or the line that says there is none. The
/// heading and the note are kept with the table's first rows when printed.
fn section(out: &mut Out, t: &Table) {
    out.push_str("<div class=\"block\">\n");
    let _ = writeln!(out, "<h3>{}</h3>", esc(&t.title));
    if t.is_empty() {
        let _ = writeln!(out, "<p>{}</p>\n</div>", esc(&t.empty));
        return;
    }
    if let Some(note) = &t.note {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", esc_dates(note));
    }
    table(out, t);
    if let Some(after) = &t.after {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", esc_dates(after));
    }
    out.push_str("</div>\n");
}

fn flags(out: &mut Out, items: &[FlagItem]) {
    out.push_str("<ul class=\"flags\">\n");
    for item in items {
        let _ = write!(
            out,
            "<li class=\"{}\"><strong>{}</strong>",
            item.class(),
            esc_dates(&item.heading)
        );
        for line in &item.lines {
            let _ = write!(out, "<br><span>{}</span>", esc_dates(line));
        }
        if !item.occurrences.is_empty() {
            out.push_str("\n<ul class=\"occurrences\">");
            for o in &item.occurrences {
                let _ = write!(out, "<li>{}</li>", esc_dates(o));
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

/// Twitch days and cramp days per bucket as paired bars, up to the most days a bucket holds.
fn svg_chart(out: &mut Out, chart: &Chart) {
    let n = chart.buckets.len().max(1) as f64;
    let top = chart.top();
    let (width, height, left, bottom) = (520.0, 130.0, 22.0, 18.0);
    let plot_w = width - left - 4.0;
    let plot_h = height - bottom - 6.0;
    let step = plot_w / n;
    // Few buckets would make slabs of bars; keep them slim.
    let bar_w = (step / 2.0 - 0.3).clamp(0.4, 12.0);
    let y = |days: u32| plot_h + 6.0 - plot_h * f64::from(days.min(top)) / f64::from(top);
    let title = tables::chart_title(chart.unit);
    let _ = writeln!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"chart-title\">\n<title id=\"chart-title\">{title}</title>"
    );
    for days in [0u32, top] {
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
    let what = |b: &super::Bucket| match chart.unit {
        ChartUnit::Week => format!("week of {}", date(b.start)),
        ChartUnit::Month => b.start.format("%Y-%m").to_string(),
    };
    for (i, b) in chart.buckets.iter().enumerate() {
        let x = left + step * i as f64 + (step - 2.0 * bar_w - 0.3).max(0.0) / 2.0;
        let bars = [
            (
                0.0,
                b.twitch_days,
                "twitch",
                plural(b.twitch_days, "twitch day", "twitch days"),
            ),
            (
                1.0,
                b.cramp_days,
                "cramp",
                plural(b.cramp_days, "cramp day", "cramp days"),
            ),
        ];
        for (k, value, class, said) in bars {
            if value > 0 {
                let _ = writeln!(
                    out,
                    "<rect x=\"{:.2}\" y=\"{:.1}\" width=\"{bar_w:.2}\" height=\"{:.1}\" class=\"{class}\"><title>{}: {said}</title></rect>",
                    x + k * (bar_w + 0.3),
                    y(value),
                    y(0) - y(value),
                    what(b),
                );
            }
        }
    }
    if let (Some(first), Some(last)) = (chart.buckets.first(), chart.buckets.last()) {
        let _ = writeln!(
            out,
            "<text x=\"{left}\" y=\"{:.1}\" class=\"tick\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"end\">{}</text>",
            height - 4.0,
            what(first),
            width - 4.0,
            height - 4.0,
            what(last),
        );
    }
    out.push_str("</svg>\n");
    out.push_str(
        "<p class=\"legend\"><span class=\"key twitch\"></span> twitch days <span class=\"key cramp\"></span> cramp days</p>\n",
    );
}
