//! The Flags section: every flag of the period, most serious first, and over it, on Enter, the
//! evidence and the guidance of the one marked `>`.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::domain::format_duration;
use crate::patterns::wording::{
    activity, flag_status, flags_summary, level_heading, listed, occurrence_line, short_ids, source,
};
use crate::patterns::{Findings, Flag, Level, NOT_ADVICE};
use crate::store::DatedAfter;
use crate::tui::fit::wrap;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use crate::tui::today::not_counted;
use crate::tui::widgets::overlay;
use uuid::Uuid;

/// What the section shows: the period's findings, and the entries dated after today that no
/// flag counts.
pub(super) struct Shown<'a> {
    pub findings: &'a Findings,
    pub dated_after: Option<&'a DatedAfter>,
}

/// The flags of the period, most serious first, the one marked `>` kept in view. Nothing is
/// cut: a heading or a detail too long for the width wraps under itself.
pub(super) fn draw(
    frame: &mut Frame,
    area: Rect,
    shown: &Shown<'_>,
    selected: usize,
    keys: &Keymap,
    theme: &Theme,
) {
    let findings = shown.findings;
    let width = area.width as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    if let Some(summary) = flags_summary(findings) {
        lines.extend(wrap(summary, width).into_iter().map(Line::from));
    }
    // "Nothing here meets a threshold" must not stand alone over a failed test logged with a
    // clock set ahead.
    if let Some(later) = shown.dated_after {
        lines.extend(
            wrap(&not_counted(later, keys), width)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, theme.error()))),
        );
    }
    if !lines.is_empty() && !findings.flags.is_empty() {
        lines.push(Line::from(""));
    }
    // Where the marked flag's lines start and end.
    let (mut marked_start, mut marked_end) = (0, 0);
    for (i, flag) in findings.flags.iter().enumerate() {
        let chosen = i == selected;
        if chosen {
            marked_start = lines.len();
        }
        // "active", or "last seen DATE" for a flag met earlier (DOMAIN.md section 4).
        let heading = format!(
            "{} {}: {} ({})",
            flag.level.symbol(),
            flag.level.label().to_uppercase(),
            flag.title,
            activity(flag),
        );
        let style = if chosen {
            theme.selected()
        } else {
            level_style(flag.level, theme)
        };
        for (j, part) in wrap(&heading, width.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let mark = match (j, chosen) {
                (0, true) => "> ",
                _ => "  ",
            };
            lines.push(Line::from(vec![Span::raw(mark), Span::styled(part, style)]));
        }
        // Under the heading's words; on a narrow screen under its mark, a row saved.
        let indent = if width < 60 { "  " } else { "    " };
        for part in wrap(&flag.detail, width.saturating_sub(indent.len())) {
            lines.push(Line::from(format!("{indent}{part}")));
        }
        if chosen {
            marked_end = lines.len();
        }
    }
    let hint: Vec<Line<'static>> = if findings.flags.is_empty() {
        Vec::new()
    } else {
        let hint = format!(
            "{} shows the evidence and the guidance of the flag marked >.",
            keys.keys_of("edit")
        );
        wrap(&hint, width)
            .into_iter()
            .map(|part| Line::from(Span::styled(part, theme.dim())))
            .collect()
    };
    let height = area.height as usize;
    let mut tail = hint.clone();
    tail.push(Line::from(""));
    for l in wrap(NOT_ADVICE, width) {
        tail.push(Line::from(Span::styled(l, theme.dim())));
    }
    if lines.len() + tail.len() <= height || hint.is_empty() {
        lines.extend(tail);
        // The marked flag stays in view, its heading first when it is taller than the room.
        let offset = if findings.flags.is_empty() || marked_end <= height {
            0
        } else {
            (marked_end - height).min(marked_start)
        };
        frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), area);
        return;
    }
    // Too little room for all: the key that opens the evidence stays on the last rows, and
    // the flags scroll above it.
    let room = height.saturating_sub(hint.len());
    let offset = if marked_end <= room {
        0
    } else {
        (marked_end - room).min(marked_start)
    };
    let [flags_area, hint_area] =
        Layout::vertical([Constraint::Length(room as u16), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), flags_area);
    frame.render_widget(Paragraph::new(hint), hint_area);
}

/// A flag's evidence as the overlay shows it: the flag, a line for each of its entries, and
/// the entry marked `>`.
pub(super) struct Evidence<'a> {
    pub flag: &'a Flag,
    pub entries: &'a HashMap<Uuid, String>,
    pub marked: usize,
    /// Scroll so that the marked entry is in view (else as asked).
    pub follow: bool,
}

/// What drawing the evidence measured: a page's height, how far it can scroll, and where it
/// was scrolled to.
pub(super) struct Drawn {
    pub page: u16,
    pub max: u16,
    pub scroll: u16,
}

/// The evidence of a flag over the flags, scrolled by `scroll` (or to its marked entry).
pub(super) fn draw_evidence(
    frame: &mut Frame,
    body: Rect,
    evidence: &Evidence<'_>,
    scroll: u16,
    keys: &Keymap,
    theme: &Theme,
) -> Drawn {
    let area = overlay(body, 100);
    frame.render_widget(Clear, area);
    let has_entries = !evidence.flag.evidence.episode_ids.is_empty();
    let titles = [
        format!(
            " Evidence: {} closes, {}/{} scroll ",
            keys.first_key("cancel"),
            keys.first_key("down"),
            keys.first_key("up")
        ),
        format!(" Evidence: {} closes ", keys.first_key("cancel")),
    ];
    let room = usize::from(area.width).saturating_sub(2);
    let title = titles
        .iter()
        .find(|t| t.chars().count() <= room)
        .unwrap_or(&titles[1])
        .clone();
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (lines, marked_line) = evidence_lines(evidence, keys, theme);
    // Wrapped height, roughly: enough to stop scrolling past the end.
    let w = inner.width.max(1) as usize;
    let rows = |ls: &[Line<'_>]| -> usize { ls.iter().map(|l| l.width().max(1).div_ceil(w)).sum() };
    let total = rows(&lines);
    let max = (total as u16).saturating_sub(inner.height);
    let scroll = match marked_line {
        Some(at) if evidence.follow && has_entries => {
            let at = rows(&lines[..at]) as u16;
            // No further than keeps the marked entry and the line after it in view, so the
            // flag's heading stays on screen whenever there is room for both.
            (at + 2).saturating_sub(inner.height)
        }
        _ => scroll,
    }
    .min(max);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
    Drawn {
        page: inner.height,
        max,
        scroll,
    }
}

/// The full evidence of one flag, with the guidance it comes from; and which line is its
/// marked entry.
fn evidence_lines(
    evidence: &Evidence<'_>,
    keys: &Keymap,
    theme: &Theme,
) -> (Vec<Line<'static>>, Option<usize>) {
    let flag = evidence.flag;
    let e = &flag.evidence;
    let field = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{name}: "), theme.title()),
            Span::raw(value),
        ])
    };
    let mut lines = vec![
        Line::from(Span::styled(
            level_heading(flag.level),
            level_style(flag.level, theme),
        )),
        Line::from(Span::styled(
            format!("{} [{}]", flag.title, flag.id),
            theme.title(),
        )),
        field("Status", flag_status(flag)),
        field("Why", flag.detail.clone()),
    ];
    if let (Some(first), Some(last)) = (e.spell_first, e.spell_last) {
        let mut spell = format!("{first} to {last}");
        if let Some(days) = e.spell.map(|s| s.twitch_days) {
            spell.push_str(&format!(", {days} twitch days"));
        }
        if let (Some(n), Some(share)) = (
            e.spell.map(|s| s.obvious_trigger_days),
            e.obvious_trigger_share,
        ) {
            spell.push_str(&format!(
                ", {n} with an obvious trigger ({:.0}%)",
                share * 100.0
            ));
        }
        lines.push(field("Spell", spell));
    }
    if let (Some(start), Some(end)) = (e.window_start, e.window_end) {
        lines.push(field("Window", format!("{start} to {end}")));
    }
    if !e.reported.groups.is_empty() {
        lines.push(field("Body regions", e.reported.groups.join(", ")));
    }
    if !e.reported.symptoms.is_empty() {
        lines.push(field("Symptoms", e.reported.symptoms.join(", ")));
    }
    if !e.reported.failed_tests.is_empty() {
        lines.push(field("Failed tests", e.reported.failed_tests.join(", ")));
    }
    if !e.reported.sites.is_empty() {
        lines.push(field("Sites", e.reported.sites.join(", ")));
    }
    if let Some(s) = e.longest_s {
        lines.push(field("Longest", format_duration(s)));
    }
    if let Some(d) = e.most_sore_days {
        lines.push(field("Most days sore", d.to_string()));
    }
    // The counts around the start are Why's, which also says how many of the days before it
    // the diary covers (the evidence does not know).
    if let Some(m) = &e.medication {
        lines.push(field(
            "Medicine",
            format!(
                "{} ({}) from {}{}; the counts around its start are under Why",
                m.name,
                m.class,
                m.start,
                m.stop.map(|s| format!(" to {s}")).unwrap_or_default(),
            ),
        ));
    }
    if !e.dates.is_empty() {
        lines.push(field("Dates", listed(&e.dates, 24)));
    }
    let ids = short_ids(flag);
    let mut marked_line = None;
    if !ids.is_empty() {
        lines.push(field(
            "Entries",
            format!(
                "{}/{} mark one, {} shows it in History",
                keys.first_key("down"),
                keys.first_key("up"),
                keys.first_key("edit")
            ),
        ));
        let marked = evidence.marked.min(ids.len() - 1);
        for (i, (id, short)) in e.episode_ids.iter().zip(&ids).enumerate() {
            let what = evidence.entries.get(id).map_or("", String::as_str);
            let text = format!("{short} {what}");
            if i == marked {
                marked_line = Some(lines.len());
                lines.push(Line::from(vec![
                    Span::raw("> "),
                    Span::styled(text, theme.selected()),
                ]));
            } else {
                lines.push(Line::from(format!("  {text}")));
            }
        }
    }
    let occurrences = &flag.evidence.occurrences;
    if !occurrences.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(
                "Each time it was met ({}), latest first:",
                occurrences.len()
            ),
            theme.title(),
        )));
        for o in occurrences {
            lines.push(Line::from(format!("  - {}", occurrence_line(o))));
        }
    }
    lines.push(Line::from(""));
    lines.push(field("Guidance", flag.guidance.clone()));
    lines.push(field("Source", source(flag.id).to_string()));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(NOT_ADVICE, theme.dim())));
    (lines, marked_line)
}

fn level_style(level: Level, theme: &Theme) -> Style {
    match level {
        Level::Urgent => theme.error(),
        Level::SeeDoctor => theme.title(),
        Level::Notice => Style::new(),
    }
}
