//! The Triggers section: exposed and unexposed diary days for each factor and outcome (the
//! same day, then the day before), the ratio and its interval drawn as a bar and what may be
//! said of it with many comparisons made, then the tallies of suspected triggers.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::View;
use crate::patterns::wording::{NOT_ENOUGH_DATA, association_note, factor_reading, proportion};
use crate::patterns::{self, FactorRow, Settings, Standing};
use crate::tui::fit::{clip, wrap};
use crate::tui::theme::Theme;

/// The factor table: proportions with day counts, the ratio, and its interval as a bar.
pub(super) fn lines(view: &View, s: &Settings, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "Triggers compared: exposed vs unexposed diary days ({} with a check-in)",
            view.diary_days
        ),
        theme.title(),
    ))];
    // Wide enough: the factor in its own column; otherwise above its outcomes.
    let factor_w = FACTOR_WIDTH;
    let inline = width >= factor_w + 1 + ROW_WIDTH;
    let header = format!(
        "{:<15} {:<12} {:<12} {:>5} {:<bw$} {:.0}% INTERVAL",
        "OUTCOME",
        "EXPOSED",
        "UNEXPOSED",
        "RATIO",
        "1/4   1     4",
        s.confidence * 100.0,
        bw = BAR_WIDTH,
    );
    lines.push(Line::from(Span::styled(
        if inline {
            format!("{:<factor_w$} {header}", "FACTOR")
        } else {
            format!("  {header}")
        },
        theme.title(),
    )));
    let comparisons = patterns::comparisons(&view.findings.factors);
    let mut previous = String::new();
    for r in &view.findings.factors {
        let label = r.label().to_string();
        if !inline && label != previous {
            lines.push(Line::from(Span::styled(label.clone(), theme.title())));
        }
        let (row, standing) = factor_row(r, comparisons);
        let indent = if inline { factor_w + 1 } else { 2 };
        let text = if inline {
            let shown = if label == previous { "" } else { &label };
            format!("{shown:<factor_w$} {row}")
        } else {
            format!("  {row}")
        };
        let style = match r.standing() {
            Standing::NotEnoughData => theme.dim(),
            Standing::StandsOut => theme.title(),
            _ => Style::new(),
        };
        // What may be said of the row goes beside it, or under it when there is no room ("spans
        // 1" is left to the bar then).
        let fits = |words: &str| text.chars().count() + 1 + words.chars().count() <= width;
        match standing {
            Some(words) if fits(&words) => {
                lines.push(Line::from(Span::styled(format!("{text} {words}"), style)));
            }
            Some(words) if r.standing() != Standing::NoClearDifference => {
                lines.push(Line::from(Span::styled(clip(&text, width), style)));
                lines.push(Line::from(Span::styled(
                    clip(&format!("{:indent$}{words}", ""), width),
                    style,
                )));
            }
            _ => lines.push(Line::from(Span::styled(clip(&text, width), style))),
        }
        previous = label;
    }
    lines.push(Line::from(Span::styled(
        format!(
            "Bar: | is 1 (no difference), * the ratio, --- the {:.0}% interval, 1/4 to 4 on a log scale; < > run past the edge.",
            s.confidence * 100.0
        ),
        theme.dim(),
    )));
    for l in wrap(&association_note(s.enough_data_days), width)
        .into_iter()
        .chain(wrap(&patterns::chance_note(comparisons), width))
    {
        lines.push(Line::from(Span::styled(l, theme.dim())));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Trigger tallies: how often you tagged each suspected trigger (a tally, not evidence)",
        theme.title(),
    )));
    if view.findings.tallies.is_empty() {
        lines.push(Line::from(
            "No episode is tagged with a suspected trigger yet.",
        ));
    }
    if !view.findings.tallies.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(
                "  {:<28} {:>8} {:>8} {:>8}",
                "TRIGGER", "EPISODES", "TWITCHES", "CRAMPS"
            ),
            theme.title(),
        )));
    }
    for t in &view.findings.tallies {
        let name = if t.custom {
            format!("{} (your own)", t.trigger)
        } else {
            t.trigger.clone()
        };
        lines.push(Line::from(format!(
            "  {name:<28} {:>8} {:>8} {:>8}",
            t.episodes, t.twitches, t.cramps
        )));
    }
    lines
}

const FACTOR_WIDTH: usize = 28;
/// 1/4, 1/2, 1, 2 and 4 fall on whole cells (0, 3, 6, 9, 12).
const BAR_WIDTH: usize = 13;
/// Outcome, exposed, unexposed, ratio, bar and interval columns with their spaces.
const ROW_WIDTH: usize = 15 + 1 + 12 + 1 + 12 + 1 + 5 + 1 + BAR_WIDTH + 1 + 10;

/// A row's counts, ratio, bar and interval, and apart what may be said of it ("stands out",
/// "may be chance (30 comparisons)", "spans 1").
fn factor_row(r: &FactorRow, comparisons: usize) -> (String, Option<String>) {
    let (ratio, interval, reading) = factor_reading(r);
    let props = format!(
        "{:<15} {:<12} {:<12}",
        r.outcome_words(),
        proportion(r.exposed_outcome_days, r.exposed_days),
        proportion(r.unexposed_outcome_days, r.unexposed_days),
    );
    match (r.enough_data, r.ratio, r.ci_low, r.ci_high) {
        (true, Some(ratio_v), Some(low), Some(high)) => {
            let words = match r.standing() {
                Standing::NoClearDifference => "spans 1".to_string(),
                s => s.words(comparisons),
            };
            (
                format!(
                    "{props} {ratio:>5} {} {interval}",
                    interval_bar(ratio_v, low, high)
                ),
                Some(words),
            )
        }
        (true, ..) => (
            format!("{props} {ratio:>5} {:BAR_WIDTH$} {reading}", ""),
            None,
        ),
        _ => (format!("{props} {NOT_ENOUGH_DATA}"), None),
    }
}

/// A ratio and its interval on a log scale from 1/4 to 4, `|` at 1.
pub fn interval_bar(ratio: f64, low: f64, high: f64) -> String {
    let n = BAR_WIDTH;
    let pos = |v: f64| -> f64 { (v.log2() + 2.0) / 4.0 * (n - 1) as f64 };
    let col = |v: f64| -> usize { pos(v).round().clamp(0.0, (n - 1) as f64) as usize };
    let mut cells = vec![' '; n];
    let (lo, hi) = (col(low), col(high));
    for c in cells.iter_mut().take(hi + 1).skip(lo) {
        *c = '-';
    }
    cells[col(1.0)] = '|';
    if pos(low) < -0.5 {
        cells[0] = '<';
    }
    if pos(high) > (n - 1) as f64 + 0.5 {
        cells[n - 1] = '>';
    }
    cells[col(ratio)] = '*';
    cells.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interval_bar_marks_one_the_ratio_and_the_interval() {
        assert_eq!(interval_bar(1.0, 0.5, 2.0), "   ---*---   ");
        assert_eq!(interval_bar(1.2, 0.5, 2.0), "   ---|*--   ");
        assert_eq!(interval_bar(2.0, 1.41, 2.83), "      |--*-- ");
        assert_eq!(interval_bar(8.0, 2.0, 16.0), "      |  ---*");
        assert_eq!(interval_bar(3.0, 2.0, 16.0), "      |  --*>");
        assert_eq!(interval_bar(0.4, 0.1, 0.9), "<-*---|      ");
    }
}
