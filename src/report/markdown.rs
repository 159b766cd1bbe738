//! The report as Markdown: readable as plain text, and renders well (GitHub-flavoured tables).
//! It lays out the blocks of [`super::document`]; every word comes from there.

use std::fmt::Write;
use std::io;

use super::Report;
use super::document::{self, Block, FlagItem, TITLE};
use super::model::{Chart, ChartUnit};
use super::out::Out;
use super::tables::Table;
use super::text::md_escape as esc;

/// The report as one Markdown document.
pub fn markdown(r: &Report) -> String {
    super::out::to_string(|w| write_markdown(r, w))
}

/// Writes the report as Markdown to `w` as it is made, the text of [`markdown`].
pub fn write_markdown(r: &Report, w: &mut dyn io::Write) -> io::Result<()> {
    let mut out = Out::new(w);
    let (facts, disclaimer) = document::header(r);
    let _ = writeln!(out, "# {TITLE}\n");
    for (label, value) in facts {
        let _ = writeln!(out, "- **{label}:** {}", esc(&value));
    }
    let _ = writeln!(out, "\n*{}*\n", esc(disclaimer));
    for block in document::blocks(r) {
        match block {
            Block::Part { title, .. } => {
                let _ = writeln!(out, "## {title}\n");
            }
            Block::Heading(text) => {
                let _ = writeln!(out, "### {}\n", esc(&text));
            }
            Block::Lead(text) => {
                let _ = writeln!(out, "**{}**\n", esc(&text));
            }
            Block::Para(text) => {
                let _ = writeln!(out, "{}\n", esc(&text));
            }
            Block::Note(text) if text.is_empty() => {}
            Block::Note(text) => {
                let _ = writeln!(out, "*{}*\n", esc(&text));
            }
            Block::Section(t) => section(&mut out, &t),
            Block::Flags(items) => flags(&mut out, &items),
            Block::Chart(chart) => chart_text(&mut out, chart),
        }
    }
    out.finish()
}

/// A GitHub-flavoured table, every cell escaped so a pipe or newline stays inside it.
fn table(out: &mut Out, t: &Table) {
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| esc(c)).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&line(&t.headers));
    out.push('|');
    for col in &t.cols {
        out.push_str(match col {
            super::tables::Col::Count => "--:|",
            _ => "---|",
        });
    }
    out.push('\n');
    t.each_row(|row| out.push_str(&line(row)));
    out.push('\n');
}

/// The table under its heading, after its note; or the line that says there is none.
fn section(out: &mut Out, t: &Table) {
    let _ = writeln!(out, "### {}\n", esc(&t.title));
    if t.is_empty() {
        let _ = writeln!(out, "{}\n", esc(&t.empty));
        return;
    }
    if let Some(note) = &t.note {
        let _ = writeln!(out, "*{}*\n", esc(note));
    }
    table(out, t);
    if let Some(after) = &t.after {
        let _ = writeln!(out, "{}\n", esc(after));
    }
}

fn flags(out: &mut Out, items: &[FlagItem]) {
    for item in items {
        let _ = write!(out, "- **{}**", esc(&item.heading));
        for line in &item.lines {
            let _ = write!(out, "  \n  {}", esc(line));
        }
        out.push('\n');
        for o in &item.occurrences {
            let _ = writeln!(out, "  - {}", esc(o));
        }
    }
    out.push('\n');
}

/// Days of a bucket as one character: `·` for none, then rising blocks up to the chart's top.
fn bar(days: u32, top: u32) -> char {
    const LEVELS: [char; 8] = ['·', '▁', '▂', '▃', '▄', '▅', '▆', '█'];
    if days == 0 {
        return LEVELS[0];
    }
    let level = (days.min(top) * 7).div_ceil(top.max(1)).clamp(1, 7);
    LEVELS[level as usize]
}

/// The chart as marks: one line per kind for weeks; for months, one line per year.
fn chart_text(out: &mut Out, chart: &Chart) {
    if chart.buckets.is_empty() {
        return;
    }
    let top = chart.top();
    out.push_str("```text\n");
    match chart.unit {
        ChartUnit::Week => {
            let marks = |days: fn(&super::Bucket) -> u32| -> String {
                chart.buckets.iter().map(|b| bar(days(b), top)).collect()
            };
            let _ = writeln!(out, "twitch days   {}", marks(|b| b.twitch_days));
            let _ = writeln!(out, "cramp days    {}", marks(|b| b.cramp_days));
        }
        ChartUnit::Month => {
            use chrono::Datelike;
            let _ = writeln!(out, "      twitch days    cramp days");
            let _ = writeln!(out, "      JFMAMJJASOND   JFMAMJJASOND");
            let (Some(first), Some(last)) = (chart.buckets.first(), chart.buckets.last()) else {
                return;
            };
            for year in first.start.year()..=last.start.year() {
                let marks = |days: fn(&super::Bucket) -> u32| -> String {
                    (1..=12)
                        .map(|month| {
                            chart
                                .buckets
                                .iter()
                                .find(|b| b.start.year() == year && b.start.month() == month)
                                .map_or(' ', |b| bar(days(b), top))
                        })
                        .collect()
                };
                let _ = writeln!(
                    out,
                    "{year}  {}   {}",
                    marks(|b| b.twitch_days),
                    marks(|b| b.cramp_days)
                );
            }
        }
    }
    out.push_str("```\n\n");
}
