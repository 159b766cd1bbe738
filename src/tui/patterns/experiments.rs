//! The Experiments section: each experiment of the period, latest first, its baseline and its
//! days as a day strip (the outcome each day, whether the change was kept), then what it
//! shows in words (adherence, both comparisons, the verdict, the caution, the offer to repeat).

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::View;
use crate::domain::{Kind, Outcome};
use crate::patterns::Settings;
use crate::patterns::experiments::{self, ExperimentResult, PeriodDay, Verdict};
use crate::tui::fit::wrap;
use crate::tui::theme::Theme;
use crate::tui::widgets::day_strip::{StripDay, column_heads};

/// The label column in front of each strip row.
const LABEL: usize = 8;

pub(super) fn lines(view: &View, s: &Settings, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if view.experiments.is_empty() {
        lines.push(Line::from(Span::styled(
            "No experiment in this period.",
            theme.title(),
        )));
        for l in wrap(
            "An experiment tries one change (cut caffeine, stretch before bed, magnesium, more sleep) for a planned number of days and compares it fairly with as many days before it: `myolog experiment start NAME --change CHANGE --outcome OUTCOME` starts one.",
            width,
        ) {
            lines.push(Line::from(l));
        }
        return lines;
    }
    for (i, r) in view.experiments.iter().rev().enumerate() {
        if i > 0 {
            lines.push(Line::from(""));
        }
        lines.extend(experiment(r, s, width, theme));
    }
    lines
}

fn experiment(
    r: &ExperimentResult,
    s: &Settings,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let text = experiments::describe(r, s.confidence);
    let mut lines = Vec::new();
    let say = |lines: &mut Vec<Line<'static>>, text: &str, style: Style| {
        for l in wrap(text, width) {
            lines.push(Line::from(Span::styled(l, style)));
        }
    };
    // What it shows first, so it is on screen at 80x24; the days behind it follow.
    say(&mut lines, &text.heading, theme.title());
    say(&mut lines, &text.status, Style::new());
    say(&mut lines, &text.verdict, verdict_style(r.verdict, theme));
    say(&mut lines, &text.adherence, Style::new());
    let before: Vec<&PeriodDay> = r.days.iter().filter(|d| !d.during).collect();
    let during: Vec<&PeriodDay> = r.days.iter().filter(|d| d.during).collect();
    let outcome = r.record.outcome;
    lines.extend(strip("Before", &before, outcome, false, width, theme));
    lines.extend(strip("During", &during, outcome, true, width, theme));
    let legend = format!(
        "{} {}; . none; - no check-in (not counted); kept: y yes, n no, ? unknown",
        mark(outcome),
        outcome.label()
    );
    say(&mut lines, &legend, theme.dim());
    for line in [
        &text.before,
        &text.during,
        &text.per_protocol,
        &text.as_planned,
    ] {
        say(&mut lines, line, Style::new());
    }
    say(&mut lines, text.caution, theme.dim());
    say(&mut lines, &text.repeat, theme.dim());
    lines
}

fn verdict_style(verdict: Verdict, theme: &Theme) -> Style {
    match verdict {
        Verdict::Fewer | Verdict::More => theme.title(),
        Verdict::NoClearDifference | Verdict::TooEarly => Style::new().add_modifier(Modifier::BOLD),
    }
}

/// The letter the strip shows for a day with the outcome: the Today strip's own.
fn mark(outcome: Outcome) -> char {
    let one = |twitches, cramps| {
        StripDay {
            date: chrono::NaiveDate::MIN,
            twitches,
            cramps,
        }
        .mark()
    };
    match outcome {
        Outcome::TwitchDay => one(1, 0),
        Outcome::CrampDay | Outcome::NocturnalCrampNight => one(0, 1),
    }
}

/// One period as rows of three columns a day: the weekday, the day of the month, the outcome
/// (`-` without a check-in, blank once past the last day that counts) and, for the days of the
/// change, whether it was kept. Days that do not fit the width go on further rows.
fn strip(
    label: &str,
    days: &[&PeriodDay],
    outcome: Outcome,
    with_kept: bool,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    // Whole weeks a row where a week fits, so the rows line up.
    let fit = (width.saturating_sub(LABEL) / 3).max(1);
    let per_row = if fit >= 7 { fit - fit % 7 } else { fit };
    let outcome_style = theme.kind(match outcome {
        Outcome::TwitchDay => Kind::Twitch,
        Outcome::CrampDay | Outcome::NocturnalCrampNight => Kind::Cramp,
    });
    let mut lines = Vec::new();
    for (n, chunk) in days.chunks(per_row).enumerate() {
        let head = if n == 0 { label } else { "" };
        let (weekdays, dates) = column_heads(chunk.iter().map(|d| d.date));
        lines.push(Line::from(vec![
            Span::styled(format!("{head:<LABEL$}"), theme.title()),
            Span::styled(weekdays, theme.dim()),
        ]));
        lines.push(Line::from(format!("{:LABEL$}{dates}", "")));
        let mut marks = vec![Span::raw(format!("{:LABEL$}", ""))];
        marks.extend(chunk.iter().map(|d| {
            let (c, style) = match (d.in_range, d.checkin, d.outcome) {
                (true, true, true) => (mark(outcome), outcome_style),
                (true, true, false) => ('.', theme.dim()),
                (true, false, _) => ('-', theme.dim()),
                (false, ..) => (' ', Style::new()),
            };
            Span::styled(format!(" {c} "), style)
        }));
        lines.push(Line::from(marks));
        if with_kept {
            let mut kept = vec![Span::styled(format!("{:<LABEL$}", "kept"), theme.dim())];
            kept.extend(chunk.iter().map(|d| {
                let c = match (d.counted, d.kept) {
                    (false, _) => ' ',
                    (true, Some(true)) => 'y',
                    (true, Some(false)) => 'n',
                    (true, None) => '?',
                };
                let style = if c == 'y' { theme.ok() } else { theme.dim() };
                Span::styled(format!(" {c} "), style)
            }));
            lines.push(Line::from(kept));
        }
    }
    lines
}
