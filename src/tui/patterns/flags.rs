//! The Flags section: every flag of the period, most serious first, and over it, on Enter, the
//! evidence and the guidance of the one marked `>`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::domain::format_duration;
use crate::patterns::wording::{
    activity, flag_status, flags_summary, level_heading, listed, occurrence_line, short_ids, source,
};
use crate::patterns::{Findings, Flag, Level, NOT_ADVICE};
use crate::tui::fit::{clip, wrap};
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use crate::tui::widgets::overlay;

/// The flags of the period, most serious first, the one marked `>` kept in view.
pub(super) fn draw(
    frame: &mut Frame,
    area: Rect,
    findings: &Findings,
    selected: usize,
    theme: &Theme,
) {
    let width = area.width as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    if let Some(summary) = flags_summary(findings) {
        lines.extend(wrap(summary, width).into_iter().map(Line::from));
        if !findings.flags.is_empty() {
            lines.push(Line::from(""));
        }
    }
    let top = lines.len();
    for (i, flag) in findings.flags.iter().enumerate() {
        let chosen = i == selected;
        // "active", or "last seen DATE" for a flag met earlier (DOMAIN.md section 4).
        let heading = format!(
            "{} {} {}: {} ({})",
            if chosen { ">" } else { " " },
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
        lines.push(Line::from(Span::styled(clip(&heading, width), style)));
        lines.push(Line::from(clip(&format!("    {}", flag.detail), width)));
    }
    let flags_end = lines.len();
    if !findings.flags.is_empty() {
        lines.push(Line::from(Span::styled(
            "Enter shows the evidence and the guidance of the flag marked >.",
            theme.dim(),
        )));
    }
    lines.push(Line::from(""));
    for l in wrap(NOT_ADVICE, width) {
        lines.push(Line::from(Span::styled(l, theme.dim())));
    }
    // The marked flag stays in view; the rest follows it.
    let height = area.height as usize;
    let selected_end = top + 2 * (selected + 1);
    let offset = if findings.flags.is_empty() || selected_end <= height {
        0
    } else {
        (selected_end - height).min(flags_end)
    };
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), area);
}

/// The evidence of `flag` over the flags, scrolled by `scroll`; returns the height of a page
/// and how far it can scroll.
pub(super) fn draw_evidence(
    frame: &mut Frame,
    body: Rect,
    flag: &Flag,
    scroll: u16,
    keys: &Keymap,
    theme: &Theme,
) -> (u16, u16) {
    let area = overlay(body, 100);
    frame.render_widget(Clear, area);
    let block = Block::bordered().title(Span::styled(
        format!(
            " Evidence: {} closes, {}/{} scroll ",
            keys.first_key("cancel"),
            keys.first_key("down"),
            keys.first_key("up")
        ),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = evidence_lines(flag, keys, theme);
    // Wrapped height, roughly: enough to stop scrolling past the end.
    let w = inner.width.max(1) as usize;
    let total: usize = lines.iter().map(|l| l.width().max(1).div_ceil(w)).sum();
    let max = (total as u16).saturating_sub(inner.height);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll.min(max), 0)),
        inner,
    );
    (inner.height, max)
}

/// The full evidence of one flag, with the guidance it comes from.
fn evidence_lines(flag: &Flag, keys: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
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
        if let Some(days) = e.twitch_days {
            spell.push_str(&format!(", {days} twitch days"));
        }
        if let (Some(n), Some(share)) = (e.obvious_trigger_days, e.obvious_trigger_share) {
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
    if !e.groups.is_empty() {
        lines.push(field("Body regions", e.groups.join(", ")));
    }
    if !e.symptoms.is_empty() {
        lines.push(field("Symptoms", e.symptoms.join(", ")));
    }
    if !e.failed_tests.is_empty() {
        lines.push(field("Failed tests", e.failed_tests.join(", ")));
    }
    if !e.sites.is_empty() {
        lines.push(field("Sites", e.sites.join(", ")));
    }
    if let Some(s) = e.longest_s {
        lines.push(field("Longest", format_duration(s)));
    }
    if let Some(d) = e.most_sore_days {
        lines.push(field("Most days sore", d.to_string()));
    }
    if let Some(m) = &e.medication {
        lines.push(field(
            "Medicine",
            format!(
                "{} ({}) from {}{}; {} episodes in the {} days from the start, {} in the {} days before",
                m.name,
                m.class,
                m.start,
                m.stop.map(|s| format!(" to {s}")).unwrap_or_default(),
                m.episodes_after,
                m.window_days,
                m.episodes_before,
                m.window_days
            ),
        ));
    }
    if !e.dates.is_empty() {
        lines.push(field("Dates", listed(&e.dates, 24)));
    }
    let ids = short_ids(flag);
    if !ids.is_empty() {
        lines.push(field(
            "Entries",
            format!(
                "{} (History, {}, lists them)",
                listed(&ids, 8),
                keys.first_key("history")
            ),
        ));
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
    lines
}

fn level_style(level: Level, theme: &Theme) -> Style {
    match level {
        Level::Urgent => theme.error(),
        Level::SeeDoctor => theme.title(),
        Level::Notice => Style::new(),
    }
}
