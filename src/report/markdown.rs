//! The report as Markdown: readable as plain text, and renders well (GitHub-flavoured tables).

use std::fmt::Write;
use std::io;

use super::out::Out;

use super::tables::{self, Table};
use super::text::{self, date, md_escape as esc};
use super::{NOT_A_DIAGNOSIS, Report, TITLE, WeekCount};
use crate::patterns::NOT_ADVICE;

/// The report as one Markdown document.
pub fn markdown(r: &Report) -> String {
    super::out::to_string(|w| write_markdown(r, w))
}

/// Writes the report as Markdown to `w` as it is made, the text of [`markdown`].
pub fn write_markdown(r: &Report, w: &mut dyn io::Write) -> io::Result<()> {
    let mut out = Out::new(w);
    header(&mut out, r);
    if r.is_empty() {
        out.push_str("## Summary\n\nNothing was logged in this period: no episodes, check-ins, medications or self-checks.\n");
    } else {
        summary(&mut out, r);
        detail(&mut out, r);
    }
    out.finish()
}

fn header(out: &mut Out, r: &Report) {
    let _ = writeln!(out, "# {TITLE}\n");
    for (label, value) in tables::facts(r) {
        let _ = writeln!(out, "- **{label}:** {}", esc(&value));
    }
    let _ = writeln!(out, "\n*{NOT_A_DIAGNOSIS}*\n");
}

/// A GitHub-flavoured table, every cell escaped so a pipe or newline stays inside it.
fn table(out: &mut Out, t: &Table) {
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| esc(c)).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&line(&t.headers));
    let _ = writeln!(out, "|{}", "---|".repeat(t.headers.len()));
    t.each_row(|row| out.push_str(&line(row)));
    out.push('\n');
}

/// The table under its heading, after its note; or the line that says there is none.
fn section(out: &mut Out, t: &Table) {
    let _ = writeln!(out, "### {}\n", t.title);
    if t.is_empty() {
        let _ = writeln!(out, "{}\n", t.empty);
        return;
    }
    if let Some(note) = t.note {
        let _ = writeln!(out, "{note}\n");
    }
    table(out, t);
}

/// Days 0-7 of a week as one character: `·` for none, then rising blocks.
fn bar(days: u32) -> char {
    const LEVELS: [char; 8] = ['·', '▁', '▂', '▃', '▄', '▅', '▆', '█'];
    LEVELS[days.min(7) as usize]
}

fn summary(out: &mut Out, r: &Report) {
    let s = &r.summary;
    out.push_str("## Summary\n\n");
    let _ = writeln!(out, "{}\n", tables::totals(s));

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
        let bars = |days: fn(&WeekCount) -> u32| -> String {
            s.weeks.iter().map(|w| bar(days(w))).collect()
        };
        let _ = writeln!(out, "twitch days   {}", bars(|w| w.twitch_days));
        let _ = writeln!(out, "cramp nights  {}", bars(|w| w.cramp_nights));
        let _ = writeln!(
            out,
            "weeks of      {} to {}",
            date(first.start),
            date(last.start)
        );
        out.push_str("```\n\n");
    }

    out.push_str("### Where and when\n\n");
    for t in tables::where_and_when(s) {
        table(out, &t);
    }

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

    section(out, &tables::self_checks(s, "red flag"));
    if let Some(line) = text::self_checks_not_shown(s.self_checks_not_shown) {
        let _ = writeln!(out, "{line}\n");
    }
    section(out, &tables::medications(s));
    section(out, &tables::factors(s));
    section(out, &tables::experiments(s));
    section(out, &tables::averages(s));
}

fn detail(out: &mut Out, r: &Report) {
    out.push_str("## Detail\n\n");
    for t in tables::detail(r) {
        section(out, &t);
    }
}
